//! `when_all`, `when_any`, `when_each`: waiting on many futures at once.
//!
//! | C# | here | Rust ecosystem |
//! |---|---|---|
//! | `Task.WhenAll` | [`when_all`] | `futures::future::join_all` |
//! | `Task.WhenAny` | [`when_any`] | `futures::future::select_all` |
//! | `Task.WhenEach` (.NET 9) | [`when_each`] | `FuturesUnordered`, `JoinSet::join_next` |
//!
//! All three poll only the children that were woken. Each child gets its own waker, which
//! pushes the child's index to a ready queue and wakes the parent; the parent then polls
//! exactly the queued children. Over N children that each wake once, that is 2N polls in
//! total. The classic alternative, `while tasks.Count > 0 { var t = await
//! Task.WhenAny(tasks); tasks.Remove(t); }`, re-polls (in C#: re-subscribes to) every
//! remaining child each round: N²/2 polls. The `when_each` benchmark counts both.
//!
//! Dropping a combinator drops the children still running: for [`when_any`], the losers
//! are cancelled as soon as the winner is known.
//!
//! The children are stored in one `Vec`, never moved once polled (the buffer is on the
//! heap and never grows), so they need not be `Unpin` and are not boxed one by one.

use core::future::Future;
use core::pin::Pin;
use core::sync::atomic::{AtomicBool, Ordering};
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::mem::ManuallyDrop;
use std::sync::{Arc, Mutex};

/// One child's waker target.
struct Slot {
    shared: *const ReadyShared,
    index: u32,
    queued: AtomicBool,
}

struct ReadyState {
    queue: Vec<u32>,
    parent: Option<Waker>,
}

struct ReadyShared {
    state: Mutex<ReadyState>,
    slots: Box<[Slot]>,
}

// SAFETY: `Slot::shared` points to the `ReadyShared` that owns the slot (an `Arc` kept
// alive by every waker); everything it reaches is `Sync` (atomics and a mutex).
unsafe impl Send for ReadyShared {}
// SAFETY: as above.
unsafe impl Sync for ReadyShared {}

static SLOT_VTABLE: RawWakerVTable = RawWakerVTable::new(slot_clone, slot_wake, slot_wake_by_ref, slot_drop);

// SAFETY (for the four functions): `data` points to a `Slot` inside a live `ReadyShared`,
// kept alive by the waker's count on the `Arc`.
unsafe fn slot_clone(data: *const ()) -> RawWaker {
    // SAFETY: see above.
    unsafe { Arc::increment_strong_count((*(data as *const Slot)).shared) };
    RawWaker::new(data, &SLOT_VTABLE)
}
unsafe fn slot_wake(data: *const ()) {
    // SAFETY: see above.
    unsafe {
        slot_wake_by_ref(data);
        slot_drop(data);
    }
}
unsafe fn slot_wake_by_ref(data: *const ()) {
    // SAFETY: see above.
    let slot = unsafe { &*(data as *const Slot) };
    if slot.queued.swap(true, Ordering::AcqRel) {
        return; // already in the ready queue
    }
    // SAFETY: see above.
    let shared = unsafe { &*slot.shared };
    let parent = {
        let mut st = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        st.queue.push(slot.index);
        st.parent.take()
    };
    if let Some(parent) = parent {
        parent.wake();
    }
}
unsafe fn slot_drop(data: *const ()) {
    // SAFETY: see above.
    unsafe { Arc::decrement_strong_count((*(data as *const Slot)).shared) };
}

/// The children and their ready queue: the engine of the three combinators.
struct ReadySet<F: Future> {
    children: Vec<Option<F>>,
    shared: Arc<ReadyShared>,
    remaining: usize,
    polls: u64,
    /// Popped from the shared queue, not yet polled (drained under one lock).
    local: Vec<u32>,
}

impl<F: Future> ReadySet<F> {
    fn new(futures: impl IntoIterator<Item = F>) -> Self {
        let children: Vec<Option<F>> = futures.into_iter().map(Some).collect();
        let n = children.len();
        let index_of = |i: usize| u32::try_from(i).expect("too many futures");
        let shared = Arc::new_cyclic(|weak: &std::sync::Weak<ReadyShared>| ReadyShared {
            state: Mutex::new(ReadyState { queue: Vec::with_capacity(n), parent: None }),
            slots: (0..n)
                .map(|i| Slot { shared: weak.as_ptr(), index: index_of(i), queued: AtomicBool::new(true) })
                .collect(),
        });
        // Every child starts queued: each is polled once to start it.
        let local = (0..n).rev().map(index_of).collect();
        ReadySet { children, shared, remaining: n, polls: 0, local }
    }

    /// The next child to complete, polling only woken children. `None` when all are done.
    fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<(usize, F::Output)>> {
        if self.remaining == 0 {
            return Poll::Ready(None);
        }
        loop {
            let Some(index) = self.local.pop() else {
                let mut st = self.shared.state.lock().unwrap_or_else(|e| e.into_inner());
                if st.queue.is_empty() {
                    match &st.parent {
                        Some(w) if w.will_wake(cx.waker()) => {}
                        _ => st.parent = Some(cx.waker().clone()),
                    }
                    return Poll::Pending;
                }
                // Oldest wake first: completion order follows wake order.
                self.local.extend(st.queue.drain(..).rev());
                continue;
            };
            let i = index as usize;
            let slot = &self.shared.slots[i];
            slot.queued.store(false, Ordering::Release);
            let Some(child) = self.children[i].as_mut() else { continue };
            // SAFETY: the vtable upholds the `RawWaker` contract; borrowed (no count taken),
            // and `self.shared` outlives this poll.
            let waker = ManuallyDrop::new(unsafe {
                Waker::from_raw(RawWaker::new(slot as *const Slot as *const (), &SLOT_VTABLE))
            });
            self.polls += 1;
            // SAFETY: children live in the heap buffer of `children`, which never grows or
            // moves its elements; a finished child is dropped in place (set to `None`).
            let child = unsafe { Pin::new_unchecked(child) };
            if let Poll::Ready(out) = child.poll(&mut Context::from_waker(&waker)) {
                self.children[i] = None;
                self.remaining -= 1;
                return Poll::Ready(Some((i, out)));
            }
        }
    }
}

/// Yields `(index, output)` of each future in completion order (C#'s `Task.WhenEach`).
///
/// ```
/// use async_lower_runtime::{block_on, combinators::when_each, time::sleep};
/// use std::time::Duration;
/// let order = block_on(async {
///     let mut each = when_each([30u64, 10, 20].map(|ms| async move {
///         sleep(Duration::from_millis(ms)).await;
///         ms
///     }));
///     let mut order = vec![];
///     while let Some((_, ms)) = each.next().await {
///         order.push(ms);
///     }
///     order
/// });
/// assert_eq!(order, [10, 20, 30]);
/// ```
pub fn when_each<F: Future>(futures: impl IntoIterator<Item = F>) -> WhenEach<F> {
    WhenEach { set: ReadySet::new(futures) }
}

/// The stream of [`when_each`].
#[must_use = "futures do nothing unless awaited"]
pub struct WhenEach<F: Future> {
    set: ReadySet<F>,
}

// The children never move (they are in the heap buffer), so the combinator may.
impl<F: Future> Unpin for WhenEach<F> {}

impl<F: Future> WhenEach<F> {
    /// The next completed future's index and output, `None` when all are done.
    #[allow(clippy::should_implement_trait)] // an async `next`, like `StreamExt::next`
    pub fn next(&mut self) -> Next<'_, F> {
        Next { each: self }
    }

    /// Polls the next completion (the `Stream::poll_next` shape).
    pub fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<(usize, F::Output)>> {
        self.set.poll_next(cx)
    }

    /// How many futures are still running.
    pub fn remaining(&self) -> usize {
        self.set.remaining
    }

    /// How many times children were polled so far (2 per child that wakes once).
    pub fn polls(&self) -> u64 {
        self.set.polls
    }
}

/// The future of [`WhenEach::next`].
#[must_use = "futures do nothing unless awaited"]
pub struct Next<'a, F: Future> {
    each: &'a mut WhenEach<F>,
}

impl<F: Future> Future for Next<'_, F> {
    type Output = Option<(usize, F::Output)>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.each.set.poll_next(cx)
    }
}

/// Waits for all futures; outputs in input order (C#'s `Task.WhenAll`).
pub fn when_all<F: Future>(futures: impl IntoIterator<Item = F>) -> WhenAll<F> {
    let set = ReadySet::new(futures);
    let outputs = (0..set.children.len()).map(|_| None).collect();
    WhenAll { set, outputs }
}

/// The future of [`when_all`].
#[must_use = "futures do nothing unless awaited"]
pub struct WhenAll<F: Future> {
    set: ReadySet<F>,
    outputs: Vec<Option<F::Output>>,
}

impl<F: Future> Unpin for WhenAll<F> {}

impl<F: Future> Future for WhenAll<F> {
    type Output = Vec<F::Output>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<F::Output>> {
        let this = &mut *self;
        loop {
            match this.set.poll_next(cx) {
                Poll::Ready(Some((i, out))) => this.outputs[i] = Some(out),
                Poll::Ready(None) => {
                    let outputs = core::mem::take(&mut this.outputs);
                    return Poll::Ready(outputs.into_iter().map(|o| o.expect("every child completed")).collect());
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// Waits for the first future to complete and returns its index and output; the others
/// are dropped, i.e. cancelled (C#'s `Task.WhenAny`, which leaves them running).
///
/// # Panics
/// If `futures` is empty (C# throws `ArgumentException` too).
pub fn when_any<F: Future>(futures: impl IntoIterator<Item = F>) -> WhenAny<F> {
    let set = ReadySet::new(futures);
    assert!(set.remaining > 0, "when_any of no futures would never complete");
    WhenAny { set }
}

/// The future of [`when_any`].
#[must_use = "futures do nothing unless awaited"]
pub struct WhenAny<F: Future> {
    set: ReadySet<F>,
}

impl<F: Future> Unpin for WhenAny<F> {}

impl<F: Future> Future for WhenAny<F> {
    type Output = (usize, F::Output);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(usize, F::Output)> {
        match self.set.poll_next(cx) {
            Poll::Ready(Some(v)) => {
                self.set.children.clear(); // cancel the losers now
                Poll::Ready(v)
            }
            Poll::Ready(None) => panic!("WhenAny polled after completion"),
            Poll::Pending => Poll::Pending,
        }
    }
}
