//! Timers: [`sleep`], [`sleep_until`], [`timeout`].
//!
//! C# counterparts: `Task.Delay` and `CancellationTokenSource.CancelAfter` / `WaitAsync`.
//! .NET keeps timers in a queue serviced by a timer thread; here no thread waits: the
//! deadlines sit in a binary heap and the earliest one becomes the timeout of the
//! executor's `epoll_wait` (or `park_timeout`). A sleeping task costs its share of the
//! heap (16 bytes) and one slot holding its waker (24 bytes), and nothing else.
//!
//! [`timeout`] shows cancellation by drop: when the time is up the inner future is dropped
//! where it is suspended, which drops the locals of its current state.

use crate::executor::{Core, with_active, with_core};
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const UNREGISTERED: u32 = u32::MAX;

/// All deadlines are nanoseconds since this instant (the first use of a timer in the
/// process): 8 bytes instead of an `Instant`'s 16, and comparable on every thread.
static BASE: OnceLock<Instant> = OnceLock::new();

fn base() -> Instant {
    *BASE.get_or_init(Instant::now)
}

fn to_nanos(t: Instant) -> u64 {
    u64::try_from(t.saturating_duration_since(base()).as_nanos()).unwrap_or(u64::MAX)
}

fn from_nanos(nanos: u64) -> Instant {
    base() + Duration::from_nanos(nanos)
}

struct Slot {
    generation: u32,
    /// The waiting task; `None` once fired (or free).
    waker: Option<Waker>,
    next_free: u32,
}

/// The heap of deadlines and the slots of the sleepers.
pub(crate) struct Timers {
    heap: BinaryHeap<Reverse<(u64, u32, u32)>>,
    slots: Vec<Slot>,
    free_head: u32,
    armed: usize,
}

impl Timers {
    pub(crate) fn new() -> Timers {
        Timers { heap: BinaryHeap::new(), slots: Vec::new(), free_head: UNREGISTERED, armed: 0 }
    }

    /// Timers registered and not yet fired.
    pub(crate) fn armed(&self) -> usize {
        self.armed
    }

    fn insert(&mut self, deadline: u64, waker: Waker) -> (u32, u32) {
        let key = if self.free_head != UNREGISTERED {
            let key = self.free_head;
            let slot = &mut self.slots[key as usize];
            self.free_head = slot.next_free;
            slot.waker = Some(waker);
            key
        } else {
            let key = u32::try_from(self.slots.len()).expect("too many timers");
            self.slots.push(Slot { generation: 0, waker: Some(waker), next_free: UNREGISTERED });
            key
        };
        let generation = self.slots[key as usize].generation;
        self.heap.push(Reverse((deadline, key, generation)));
        self.armed += 1;
        (key, generation)
    }

    fn remove(&mut self, key: u32, generation: u32) {
        let Some(slot) = self.slots.get_mut(key as usize) else { return };
        if slot.generation != generation {
            return;
        }
        if slot.waker.take().is_some() {
            self.armed -= 1;
        }
        // The heap entry stays and is skipped later (lazy deletion): no O(n) search.
        slot.generation = slot.generation.wrapping_add(1);
        slot.next_free = self.free_head;
        self.free_head = key;
    }

    /// A registered sleep polled again before its deadline: keep the newest waker, and arm
    /// the slot again if it fired early (only a stale heap entry can do that).
    fn rearm(&mut self, key: u32, generation: u32, deadline: u64, waker: &Waker) {
        let Some(slot) = self.slots.get_mut(key as usize).filter(|s| s.generation == generation) else { return };
        match &mut slot.waker {
            Some(w) => {
                if !w.will_wake(waker) {
                    *w = waker.clone();
                }
            }
            None => {
                slot.waker = Some(waker.clone());
                self.heap.push(Reverse((deadline, key, generation)));
                self.armed += 1;
            }
        }
    }

    /// The earliest live deadline, dropping stale heap entries on the way.
    pub(crate) fn next_deadline(&mut self) -> Option<Instant> {
        while let Some(&Reverse((nanos, key, generation))) = self.heap.peek() {
            let slot = &self.slots[key as usize];
            if slot.generation == generation && slot.waker.is_some() {
                return Some(from_nanos(nanos));
            }
            self.heap.pop();
        }
        None
    }

    /// Moves the wakers of due timers into `out`, at most `limit` of them.
    fn take_due(&mut self, now: Instant, out: &mut Vec<Waker>, limit: usize) -> usize {
        let now = to_nanos(now);
        let mut fired = 0;
        while let Some(&Reverse((nanos, key, generation))) = self.heap.peek() {
            if nanos > now || fired == limit {
                break;
            }
            self.heap.pop();
            let slot = &mut self.slots[key as usize];
            if slot.generation == generation {
                if let Some(w) = slot.waker.take() {
                    self.armed -= 1;
                    fired += 1;
                    out.push(w);
                }
            }
        }
        fired
    }
}

/// Wakers woken per batch when many timers are due at once: bounds the wake buffer (a
/// million sleepers due together would otherwise need 16 MB of it at once).
const FIRE_BATCH: usize = 1024;

/// Wakes the tasks of due timers; returns how many fired.
pub(crate) fn fire_due(core: &Core, now: Instant) -> usize {
    let mut total = 0;
    loop {
        let fired = {
            let mut timers = core.timers.borrow_mut();
            if timers.armed() == 0 {
                break;
            }
            timers.take_due(now, &mut core.wake_buf.borrow_mut(), FIRE_BATCH)
        };
        total += fired;
        // Woken with no borrow held: a waker may run arbitrary code.
        core.wake_collected();
        if fired < FIRE_BATCH {
            break;
        }
    }
    if total > 0 {
        core.stats.timers_fired.set(core.stats.timers_fired.get() + total as u64);
        tracing::trace!(target: "async_lower::time", fired = total, "timers fired");
    }
    total
}

/// Waits until `duration` has passed (C#'s `Task.Delay`).
///
/// Must be polled inside this crate's [`block_on`](crate::block_on): the executor's loop
/// is what watches the deadline (polling it elsewhere panics with that explanation).
pub fn sleep(duration: Duration) -> Sleep {
    sleep_until(deadline_after(duration))
}

/// `now + duration`, saturating at about 30 years (so `Duration::MAX` means "forever").
fn deadline_after(duration: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(duration).unwrap_or_else(|| now + Duration::from_secs(30 * 365 * 86_400))
}

/// Waits until `deadline`.
pub fn sleep_until(deadline: Instant) -> Sleep {
    Sleep { deadline: to_nanos(deadline), key: UNREGISTERED, generation: 0, exec: 0 }
}

/// The future of [`sleep`]: 24 bytes, registered in the timer heap on its first pending
/// poll and removed when it completes or is dropped.
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct Sleep {
    /// Nanoseconds since the process's timer base.
    deadline: u64,
    key: u32,
    generation: u32,
    /// The executor whose timers hold the registration (a `Sleep` is `Send`: it may be
    /// dropped on another thread, whose timers must then be left alone).
    exec: u32,
}

impl Sleep {
    /// When it completes.
    pub fn deadline(&self) -> Instant {
        from_nanos(self.deadline)
    }

    fn unregister(&mut self) {
        if self.key != UNREGISTERED {
            let (key, generation, exec) = (self.key, self.generation, self.exec);
            with_core(|c| {
                if c.id == exec {
                    c.timers.borrow_mut().remove(key, generation);
                }
            });
            self.key = UNREGISTERED;
        }
    }
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if to_nanos(Instant::now()) >= self.deadline {
            self.unregister();
            return Poll::Ready(());
        }
        let this = &mut *self;
        let registered = with_active(|c| {
            if this.key != UNREGISTERED && this.exec != c.id {
                // Moved to another executor's thread: register there instead.
                this.unregister();
            }
            let mut timers = c.timers.borrow_mut();
            if this.key == UNREGISTERED {
                (this.key, this.generation) = timers.insert(this.deadline, cx.waker().clone());
                this.exec = c.id;
            } else {
                timers.rearm(this.key, this.generation, this.deadline, cx.waker());
            }
        });
        if registered.is_none() {
            panic!(
                "async-lower: sleep polled outside async_lower's block_on: its timers are driven by that \
                 executor's loop (use the sleep of the runtime you are running on)"
            );
        }
        Poll::Pending
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        self.unregister();
    }
}

/// The time given to [`timeout`] ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed;

impl std::fmt::Display for Elapsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("deadline has elapsed")
    }
}

impl std::error::Error for Elapsed {}

pin_project_lite::pin_project! {
    /// The future of [`timeout`].
    #[derive(Debug)]
    #[must_use = "futures do nothing unless awaited"]
    pub struct Timeout<F> {
        #[pin]
        future: F,
        #[pin]
        sleep: Sleep,
    }
}

/// Runs `future` for at most `duration`; if time runs out, drops it (cancellation by drop)
/// and returns `Err(Elapsed)`. C#: `task.WaitAsync(timeout)`, except that .NET leaves the
/// task running while Rust's drop really stops it.
pub fn timeout<F: Future>(duration: Duration, future: F) -> Timeout<F> {
    Timeout { future, sleep: sleep(duration) }
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Poll::Ready(v) = this.future.poll(cx) {
            return Poll::Ready(Ok(v));
        }
        match this.sleep.poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(Elapsed)),
            Poll::Pending => Poll::Pending,
        }
    }
}
