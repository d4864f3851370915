//! A single-threaded executor: `block_on`, `spawn`, `spawn_detached`, `yield_now`.
//!
//! | C# | here |
//! |---|---|
//! | the UI thread's `SynchronizationContext` (one thread runs every continuation) | one thread runs every task of its [`block_on`] |
//! | `AsyncStateMachineBox` (task + state machine in one object) | one allocation per [`spawn`]: header and future together |
//! | `await task` rethrows the task's exception | awaiting a [`JoinHandle`] re-raises the task's panic (`resume_unwind`) |
//! | `task.Result` on the UI thread: the classic deadlock | a nested [`block_on`] on the same thread panics and says why |
//! | `async void` and its crash-the-process exceptions | [`spawn_detached`] with an explicit [`PanicPolicy`] |
//! | `Task.Yield()` | [`yield_now`] |
//!
//! There is no ambient context in Rust: a task is woken through the [`Waker`] it was
//! polled with, and the waker decides where the task runs again (here: always this
//! thread's run queue; a wake from another thread goes through an injection queue and
//! unparks the thread). So `ConfigureAwait(false)` has no Rust counterpart: nothing is
//! captured to begin with.
//!
//! Everything is counted ([`stats`]) and each poll and wake is a `tracing` event at
//! `TRACE` level (target `async_lower::executor`), so a learner can watch the loop; without
//! a subscriber, [`print_to_stderr`] prints them.
//!
//! When the root future is pending and nothing can ever wake it (no runnable task, no
//! armed timer, no awaited I/O, no blocking job or [`ExternalWork`]), `block_on` panics
//! with a diagnosis instead of hanging: see [`crate::diagnose`]. A waker handed to a thread
//! the runtime does not know about is outside its view: such a thread should hold an
//! [`ExternalWork`] guard; without one, the executor still waits a short grace period
//! ([`set_deadlock_grace`]) for a wake before it reports.

pub(crate) mod task;

use crate::diagnose;
use crate::reactor::Reactor;
use crate::time::Timers;
use core::cell::{Cell, RefCell};
use core::future::Future;
use core::panic::Location;
use core::pin::{Pin, pin};
use core::ptr::NonNull;
use core::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::Thread;
use std::time::Instant;
use task::{Header, Polled};

pub use task::JoinHandle;

// ---------------------------------------------------------------------------------------
// The part of an executor other threads may touch.

/// A task pointer crossing threads through the injection queue.
struct SendPtr(NonNull<Header>);
// SAFETY: only the reference count and SCHEDULED bit are touched off-thread (atomics);
// the executor thread pops the pointer and does the rest.
unsafe impl Send for SendPtr {}

pub(crate) struct Shared {
    id: u32,
    injected: Mutex<Vec<SendPtr>>,
    root_woken: AtomicBool,
    /// Blocking jobs and other outside work that promised a wake ([`ExternalWork`]).
    external: AtomicUsize,
    thread: Thread,
    /// Set when the reactor exists: a wake from another thread interrupts `epoll_wait`.
    pub(crate) mio_waker: OnceLock<mio::Waker>,
    foreign_wakes: AtomicU64,
}

impl Shared {
    fn push_foreign(&self, ptr: NonNull<Header>) {
        self.injected.lock().unwrap_or_else(|e| e.into_inner()).push(SendPtr(ptr));
        self.foreign_wakes.fetch_add(1, Ordering::Relaxed);
        self.unpark();
    }

    fn unpark(&self) {
        self.thread.unpark();
        if let Some(w) = self.mio_waker.get() {
            let _ = w.wake();
        }
    }
}

/// Every executor ever started, by id: a wake from another thread finds its executor here.
/// One entry per thread that ran `block_on` (a few hundred bytes each, never freed).
static REGISTRY: Mutex<Vec<Arc<Shared>>> = Mutex::new(Vec::new());

fn shared_of(id: u32) -> Arc<Shared> {
    REGISTRY.lock().unwrap_or_else(|e| e.into_inner())[id as usize].clone()
}

// ---------------------------------------------------------------------------------------
// The per-thread executor. It outlives each `block_on` so that running a future costs no
// allocation once the thread has warmed up.

#[derive(Default)]
pub(crate) struct StatCells {
    polls: Cell<u64>,
    root_polls: Cell<u64>,
    wakes: Cell<u64>,
    spawned: Cell<u64>,
    completed: Cell<u64>,
    parks: Cell<u64>,
    pub(crate) timers_fired: Cell<u64>,
    pub(crate) io_events: Cell<u64>,
    detached_panics: Cell<u64>,
}

fn bump(c: &Cell<u64>) {
    c.set(c.get() + 1);
}

pub(crate) struct Core {
    pub(crate) id: u32,
    pub(crate) shared: Arc<Shared>,
    queue: RefCell<VecDeque<NonNull<Header>>>,
    owned_head: Cell<*const Header>,
    owned_len: Cell<usize>,
    pub(crate) timers: RefCell<Timers>,
    pub(crate) reactor: RefCell<Option<Reactor>>,
    pub(crate) stats: StatCells,
    /// Wakers collected from timers and I/O, woken once no borrow is held.
    pub(crate) wake_buf: RefCell<Vec<Waker>>,
    ticks: Cell<u32>,
}

thread_local! {
    static CORE: Core = Core::new();
    /// This thread's core while its `block_on` runs (null otherwise).
    static ACTIVE: Cell<*const Core> = const { Cell::new(core::ptr::null()) };
}

/// Runs `f` on this thread's core (created on first use).
pub(crate) fn with_core<R>(f: impl FnOnce(&Core) -> R) -> Option<R> {
    CORE.try_with(f).ok()
}

/// Runs `f` on this thread's core if its `block_on` is running.
pub(crate) fn with_active<R>(f: impl FnOnce(&Core) -> R) -> Option<R> {
    let active = ACTIVE.get();
    // SAFETY: ACTIVE is non-null only while `block_on` borrows the core on this thread.
    (!active.is_null()).then(|| f(unsafe { &*active }))
}

impl Core {
    fn new() -> Core {
        let mut registry = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
        let id = u32::try_from(registry.len()).expect("too many executor threads");
        let shared = Arc::new(Shared {
            id,
            injected: Mutex::new(Vec::new()),
            root_woken: AtomicBool::new(false),
            external: AtomicUsize::new(0),
            thread: std::thread::current(),
            mio_waker: OnceLock::new(),
            foreign_wakes: AtomicU64::new(0),
        });
        registry.push(shared.clone());
        Core {
            id,
            shared,
            queue: RefCell::new(VecDeque::new()),
            owned_head: Cell::new(core::ptr::null()),
            owned_len: Cell::new(0),
            timers: RefCell::new(Timers::new()),
            reactor: RefCell::new(None),
            stats: StatCells::default(),
            wake_buf: RefCell::new(Vec::new()),
            ticks: Cell::new(0),
        }
    }

    fn link(&self, ptr: NonNull<Header>) {
        // SAFETY: the owned list holds a reference to every linked task.
        let h = unsafe { ptr.as_ref() };
        let head = self.owned_head.get();
        h.next.set(head);
        if !head.is_null() {
            // SAFETY: linked tasks are alive.
            unsafe { &*head }.prev.set(ptr.as_ptr());
        }
        self.owned_head.set(ptr.as_ptr());
        self.owned_len.set(self.owned_len.get() + 1);
    }

    fn unlink(&self, ptr: NonNull<Header>) {
        // SAFETY: the task is linked, so alive; so are its neighbours.
        let h = unsafe { ptr.as_ref() };
        let (prev, next) = (h.prev.replace(core::ptr::null()), h.next.replace(core::ptr::null()));
        if prev.is_null() {
            self.owned_head.set(next);
        } else {
            // SAFETY: as above.
            unsafe { &*prev }.next.set(next);
        }
        if !next.is_null() {
            // SAFETY: as above.
            unsafe { &*next }.prev.set(prev);
        }
        self.owned_len.set(self.owned_len.get() - 1);
    }

    /// Runs the tasks queued now (not those they wake): the root gets its turn between
    /// batches, as a UI loop drains its message queue.
    fn run_batch(&self) -> usize {
        let n = self.queue.borrow().len();
        for _ in 0..n {
            let (ptr, next) = {
                let mut q = self.queue.borrow_mut();
                let Some(ptr) = q.pop_front() else { break };
                (ptr, q.front().copied())
            };
            if let Some(next) = next {
                prefetch(next);
            }
            self.run_task(ptr);
        }
        n
    }

    fn run_task(&self, ptr: NonNull<Header>) {
        // SAFETY: the queue's reference keeps the task alive.
        let header = unsafe { ptr.as_ref() };
        if header.state.load(Ordering::Acquire) & task::COMPLETE != 0 {
            // Queued, then finished in the same poll (it woke itself first): nothing to run.
            // SAFETY: the queue's reference.
            unsafe { Header::ref_dec(ptr) };
            return;
        }
        bump(&self.stats.polls);
        let id = ptr.as_ptr() as usize;
        tracing::trace!(target: "async_lower::executor", task = %header.spawned_at, "poll");
        if PRINT.load(Ordering::Relaxed) {
            eprintln!("[executor] poll  task spawned at {}", header.spawned_at);
        }
        let waker = task::borrowed_waker(ptr);
        let mut cx = Context::from_waker(&waker);
        let polled = {
            let _frame = diagnose::enter(id);
            // SAFETY: we own the queue's reference, on the executor thread; not complete.
            unsafe { Header::poll(ptr, &mut cx) }
        };
        if matches!(polled, Polled::Pending) {
            // SAFETY: the queue's reference.
            unsafe { Header::ref_dec(ptr) };
            return;
        }
        bump(&self.stats.completed);
        diagnose::forget(id);
        self.unlink(ptr);
        if matches!(polled, Polled::Panicked) && header.state.load(Ordering::Acquire) & task::JOIN_INTEREST == 0 {
            tracing::warn!(target: "async_lower::executor", task = %header.spawned_at, "unobserved panic in a task whose JoinHandle was dropped");
        }
        // SAFETY: executor thread; we hold the owned list's and the queue's references.
        unsafe { Header::complete(ptr, 2, 0) };
    }

    fn drain_injected(&self) {
        let mut injected = self.shared.injected.lock().unwrap_or_else(|e| e.into_inner());
        if injected.is_empty() {
            return;
        }
        let mut queue = self.queue.borrow_mut();
        queue.extend(injected.drain(..).map(|p| p.0));
    }

    fn has_work(&self) -> bool {
        self.shared.root_woken.load(Ordering::Acquire)
            || !self.queue.borrow().is_empty()
            || !self.shared.injected.lock().unwrap_or_else(|e| e.into_inner()).is_empty()
    }

    pub(crate) fn wake_collected(&self) -> usize {
        let mut wakers = core::mem::take(&mut *self.wake_buf.borrow_mut());
        let n = wakers.len();
        for w in wakers.drain(..) {
            w.wake();
        }
        // Keep the buffer's capacity (no allocation next time), unless a waker refilled it.
        let mut buf = self.wake_buf.borrow_mut();
        if buf.is_empty() {
            *buf = wakers;
        }
        n
    }

    /// Fires due timers and, now and then, polls I/O without blocking, while tasks run.
    fn poll_sources_busy(&self) {
        let tick = self.ticks.get().wrapping_add(1);
        self.ticks.set(tick);
        if self.timers.borrow().armed() > 0 {
            crate::time::fire_due(self, Instant::now());
        }
        if tick % 16 == 0 && self.io_waiting() > 0 {
            crate::reactor::turn(self, Some(core::time::Duration::ZERO));
        }
        self.wake_collected();
    }

    fn io_waiting(&self) -> usize {
        self.reactor.borrow().as_ref().map_or(0, |r| r.waiting())
    }

    /// Nothing is runnable: sleep until a timer, an I/O event or a wake from another
    /// thread, or diagnose a deadlock if none of those can happen.
    fn idle(&self, caller: &'static Location<'static>) {
        let now = Instant::now();
        if crate::time::fire_due(self, now) + self.wake_collected() > 0 {
            return;
        }
        let next = self.timers.borrow_mut().next_deadline();
        let io = self.io_waiting();
        let external = self.shared.external.load(Ordering::SeqCst);
        if next.is_none() && io == 0 && external == 0 {
            // Read `external` first: outside work wakes before it stops counting, so if
            // it just finished, its wake is visible now.
            self.drain_injected();
            if self.has_work() {
                return;
            }
            // A last chance for a thread this runtime does not know about, holding a
            // waker it was given (an `ExternalWork` guard makes this wait unnecessary).
            let until = Instant::now() + deadlock_grace();
            loop {
                let left = until.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                self.sleep(Some(left));
                self.drain_injected();
                if self.has_work()
                    || self.timers.borrow().armed() > 0
                    || self.io_waiting() > 0
                    || self.shared.external.load(Ordering::SeqCst) > 0
                {
                    return;
                }
            }
            self.deadlock(caller);
        }
        let timeout = next.map(|d| d.saturating_duration_since(now));
        bump(&self.stats.parks);
        tracing::trace!(target: "async_lower::executor", ?timeout, io, external, "park");
        if PRINT.load(Ordering::Relaxed) {
            eprintln!("[executor] sleep until {timeout:?} (armed timers: {}, awaited I/O: {io}, outside work: {external})", self.timers.borrow().armed());
        }
        self.sleep(timeout);
        crate::time::fire_due(self, Instant::now());
        self.wake_collected();
        self.drain_injected();
    }

    /// Sleeps in `epoll_wait` if the reactor exists, else parks the thread.
    fn sleep(&self, timeout: Option<core::time::Duration>) {
        if self.reactor.borrow().is_some() {
            crate::reactor::turn(self, timeout);
            self.wake_collected();
        } else {
            match timeout {
                Some(t) => std::thread::park_timeout(t),
                None => std::thread::park(),
            }
        }
    }

    #[cold]
    fn deadlock(&self, caller: &'static Location<'static>) -> ! {
        use std::fmt::Write as _;
        let mut msg = format!(
            "async-lower: deadlock: the future given to block_on at {caller} is pending and nothing can ever wake it \
             (no runnable task, no armed timer, no awaited I/O, no blocking job).\n"
        );
        msg += &self.suspended_report();
        let _ = write!(msg, "\nEvery future is waiting for another that waits too (C#: a TaskCompletionSource nobody completes, \
                or two tasks awaiting each other). If a thread the runtime does not know will wake it, hold an ExternalWork guard (the executor \
                waited the grace period of set_deadlock_grace for such a wake).");
        panic!("{msg}");
    }

    /// The root future's and each live task's frames, as of their latest poll.
    fn suspended_report(&self) -> String {
        use std::fmt::Write as _;
        let mut msg = String::from("  block_on future: ");
        msg += &diagnose::describe(diagnose::ROOT)
            .unwrap_or_else(|| "(no lowered frame: build its machines with the Tracing builder to see the await)".into());
        match self.owned_len.get() {
            0 => msg += "\n  no task alive",
            n => {
                let _ = write!(msg, "\n  {n} task(s) alive:");
            }
        }
        let mut p = self.owned_head.get();
        let mut shown = 0;
        while !p.is_null() && shown < 10 {
            // SAFETY: linked tasks are alive.
            let h = unsafe { &*p };
            let _ = write!(msg, "\n  task spawned at {}: ", h.spawned_at);
            msg += &diagnose::describe(p as usize).unwrap_or_else(|| "(no lowered frame)".into());
            p = h.next.get();
            shown += 1;
        }
        if self.owned_len.get() > shown {
            let _ = write!(msg, "\n  ... and {} more", self.owned_len.get() - shown);
        }
        msg
    }

    /// Cancels every live task (drops its future here, on its thread) and empties queues.
    fn shutdown(&self) {
        while !self.owned_head.get().is_null() {
            // SAFETY: linked, so alive, and we are the executor thread.
            let ptr = unsafe { NonNull::new_unchecked(self.owned_head.get() as *mut Header) };
            self.unlink(ptr);
            diagnose::forget(ptr.as_ptr() as usize);
            // SAFETY: executor thread; the owned list's reference is handed over.
            unsafe { Header::cancel(ptr, 1) };
        }
        loop {
            let next = self.queue.borrow_mut().pop_front();
            let Some(ptr) = next else { break };
            // SAFETY: the queue's reference.
            unsafe { Header::ref_dec(ptr) };
        }
        let stale: Vec<SendPtr> = core::mem::take(&mut *self.shared.injected.lock().unwrap_or_else(|e| e.into_inner()));
        for p in stale {
            // SAFETY: the injection queue's reference.
            unsafe { Header::ref_dec(p.0) };
        }
        self.wake_buf.borrow_mut().clear();
        diagnose::clear();
    }
}

/// Asks the CPU to start loading the next task's header while this one runs: with many
/// tasks the headers are cold, and the load is most of the cost of a trivial task.
#[inline(always)]
fn prefetch(ptr: NonNull<Header>) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint; it never faults, whatever the address.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(ptr.as_ptr() as *const i8)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = ptr;
}

/// Queues a woken task; `owned`: the caller hands over a reference.
///
/// # Safety
/// `ptr` is a live task and the caller holds a reference to it.
pub(crate) unsafe fn schedule(ptr: NonNull<Header>, owned: bool) {
    // SAFETY: the caller holds a reference.
    let header = unsafe { ptr.as_ref() };
    let prev = header.state.fetch_or(task::SCHEDULED, Ordering::AcqRel);
    if prev & (task::SCHEDULED | task::COMPLETE) != 0 {
        if owned {
            // SAFETY: the handed-over reference.
            unsafe { Header::ref_dec(ptr) };
        }
        return;
    }
    if !owned {
        header.ref_inc();
    }
    let active = ACTIVE.get();
    // SAFETY: ACTIVE is non-null only while this thread's `block_on` borrows the core.
    if !active.is_null() && unsafe { (*active).id } == header.exec {
        // SAFETY: as above.
        let core = unsafe { &*active };
        bump(&core.stats.wakes);
        tracing::trace!(target: "async_lower::executor", task = %header.spawned_at, "wake");
        if PRINT.load(Ordering::Relaxed) {
            eprintln!("[executor] wake  task spawned at {}", header.spawned_at);
        }
        core.queue.borrow_mut().push_back(ptr);
    } else {
        tracing::trace!(target: "async_lower::executor", task = %header.spawned_at, "wake from another thread");
        shared_of(header.exec).push_foreign(ptr);
    }
}

// ---------------------------------------------------------------------------------------
// The root future's waker: points at `Shared`; clones count on its `Arc` (no allocation).

static ROOT_VTABLE: RawWakerVTable = RawWakerVTable::new(root_clone, root_wake, root_wake_by_ref, root_drop);

unsafe fn root_clone(data: *const ()) -> RawWaker {
    // SAFETY: `data` is an `Arc<Shared>` pointer kept alive by the waker being cloned.
    unsafe { Arc::increment_strong_count(data as *const Shared) };
    RawWaker::new(data, &ROOT_VTABLE)
}
unsafe fn root_wake(data: *const ()) {
    // SAFETY: as in `root_clone`; then release this waker's count.
    unsafe {
        root_wake_by_ref(data);
        root_drop(data);
    }
}
unsafe fn root_wake_by_ref(data: *const ()) {
    // SAFETY: as in `root_clone`.
    let shared = unsafe { &*(data as *const Shared) };
    shared.root_woken.store(true, Ordering::Release);
    let active = ACTIVE.get();
    // SAFETY: ACTIVE is non-null only while this thread's `block_on` borrows the core.
    if !active.is_null() && unsafe { (*active).id } == shared.id {
        // SAFETY: as above.
        bump(&unsafe { &*active }.stats.wakes);
        tracing::trace!(target: "async_lower::executor", "wake root");
        if PRINT.load(Ordering::Relaxed) {
            eprintln!("[executor] wake  block_on future");
        }
    } else {
        shared.foreign_wakes.fetch_add(1, Ordering::Relaxed);
        shared.unpark();
    }
}
unsafe fn root_drop(data: *const ()) {
    // SAFETY: as in `root_clone`.
    unsafe { Arc::decrement_strong_count(data as *const Shared) };
}

static PRINT: AtomicBool = AtomicBool::new(false);

static DEADLOCK_GRACE_MS: AtomicU64 = AtomicU64::new(250);

fn deadlock_grace() -> core::time::Duration {
    core::time::Duration::from_millis(DEADLOCK_GRACE_MS.load(Ordering::Relaxed))
}

/// How long an idle executor that sees nothing able to wake its future still waits for a
/// wake from a thread it does not know about, before reporting a deadlock (default 250 ms,
/// for the whole process). A thread of yours that holds a waker should rather hold an
/// [`ExternalWork`] guard: then the executor waits as long as needed, and a real deadlock
/// is still reported at once after the guard is dropped.
pub fn set_deadlock_grace(grace: core::time::Duration) {
    DEADLOCK_GRACE_MS.store(u64::try_from(grace.as_millis()).unwrap_or(u64::MAX), Ordering::Relaxed);
}

/// What the root future and every live task of this thread's executor wait on, as of their
/// latest poll (the deadlock report without the deadlock; C#: the debugger's *Tasks*
/// window). Frames come from machines built with the [`Tracing`](crate::Tracing) builder.
pub fn suspended() -> String {
    with_core(|c| c.suspended_report()).unwrap_or_default()
}

/// Prints each poll, wake and sleep of the executors to stderr (for a learner without a
/// `tracing` subscriber).
pub fn print_to_stderr(on: bool) {
    PRINT.store(on, Ordering::Relaxed);
}

// ---------------------------------------------------------------------------------------

const NESTED: &str = "async-lower: block_on called while this thread is already inside block_on. \
This is the sync-over-async deadlock (C#: `task.Result` or `task.Wait()` on the UI thread): \
the outer executor's tasks can only run on this thread, which would now be stuck waiting \
for the inner future, so anything the inner future needs from them would never come. \
Use `.await` instead of block_on inside async code (or spawn_blocking for a thread of its own).";

/// Sets ACTIVE for the duration of `block_on`; on the way out (return or panic) cancels
/// the tasks still alive, as dropping a tokio runtime does.
struct Enter<'a>(&'a Core);

impl Drop for Enter<'_> {
    fn drop(&mut self) {
        self.0.shutdown();
        ACTIVE.set(core::ptr::null());
    }
}

/// Runs `future` to completion on this thread, together with the tasks it spawns.
///
/// The future stays on this stack frame (no allocation). Tasks still alive when it
/// completes are cancelled (their futures dropped). Panics if called inside another
/// `block_on` on the same thread (the `.Result` deadlock, see the module doc), and if the
/// future can never be woken (a diagnosed deadlock).
///
/// ```
/// let v = async_lower_runtime::block_on(async {
///     let h = async_lower_runtime::spawn(async { 20 });
///     h.await + 22
/// });
/// assert_eq!(v, 42);
/// ```
#[track_caller]
pub fn block_on<F: Future>(future: F) -> F::Output {
    let caller = Location::caller();
    if !ACTIVE.get().is_null() {
        panic!("{NESTED}");
    }
    CORE.with(|core| {
        ACTIVE.set(core);
        let _enter = Enter(core);
        let mut future = pin!(future);
        // SAFETY: `ROOT_VTABLE` upholds the `RawWaker` contract; this borrowed waker does
        // not own a count (ManuallyDrop), the core's `Arc` keeps `Shared` alive.
        let waker = core::mem::ManuallyDrop::new(unsafe {
            Waker::from_raw(RawWaker::new(Arc::as_ptr(&core.shared) as *const (), &ROOT_VTABLE))
        });
        let mut cx = Context::from_waker(&waker);
        core.shared.root_woken.store(true, Ordering::Release);
        loop {
            if core.shared.root_woken.swap(false, Ordering::AcqRel) {
                bump(&core.stats.root_polls);
                if PRINT.load(Ordering::Relaxed) {
                    eprintln!("[executor] poll  block_on future ({caller})");
                }
                let _frame = diagnose::enter(diagnose::ROOT);
                if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
                    return v;
                }
            }
            core.run_batch();
            core.drain_injected();
            if core.has_work() {
                // Busy (even if only the root keeps yielding): timers and I/O still get
                // their turn, without sleeping.
                core.poll_sources_busy();
            } else {
                core.idle(caller);
            }
        }
    })
}

/// Starts `future` as a task on the current [`block_on`]'s thread and returns its handle.
///
/// One allocation: the task's header and the future together. The future need not be
/// `Send`: every task of this executor runs on this thread (tokio's `spawn_local`). The
/// task-local values visible here are copied into the task (see
/// [`crate::task_local`](mod@crate::task_local)). Nothing runs until the spawner yields
/// (Rust futures are lazy; C#'s `Task.Run` starts at once).
///
/// # Panics
/// Outside `block_on`: there would be no thread to run the task.
#[track_caller]
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    let at = Location::caller();
    let Some(ptr) = with_active(|core| {
        let ptr = match crate::task_local::capture() {
            None => task::allocate(future, core.id, at),
            Some(ctx) => task::allocate(crate::task_local::WithContext::new(ctx, future), core.id, at),
        };
        core.link(ptr);
        core.queue.borrow_mut().push_back(ptr);
        bump(&core.stats.spawned);
        ptr
    }) else {
        panic!("async-lower: spawn called outside block_on: there is no executor on this thread to run the task")
    };
    JoinHandle::new(ptr)
}

/// What a detached task's panic does (C#'s `async void` crashes the process).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanicPolicy {
    /// Print the panic with the spawn location, count it in [`Stats::detached_panics`],
    /// and keep running.
    Report,
    /// Print, then abort the process, as an exception escaping `async void` does in .NET.
    Abort,
}

pin_project_lite::pin_project! {
    struct Detached<F> {
        #[pin]
        future: F,
        policy: PanicPolicy,
        at: &'static Location<'static>,
    }
}

impl<F: Future<Output = ()>> Future for Detached<F> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.project();
        let future = this.future;
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| future.poll(cx))) {
            Ok(p) => p,
            Err(payload) => {
                let msg = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "(non-string panic payload)".into());
                eprintln!("async-lower: detached task spawned at {} panicked: {msg}", this.at);
                tracing::error!(target: "async_lower::executor", task = %this.at, panic = %msg, "detached task panicked");
                if *this.policy == PanicPolicy::Abort {
                    eprintln!("async-lower: PanicPolicy::Abort: aborting the process (like an exception escaping `async void`)");
                    std::process::abort();
                }
                with_core(|c| bump(&c.stats.detached_panics));
                Poll::Ready(())
            }
        }
    }
}

/// Spawns a task nobody awaits (C#'s `async void`, or a discarded `Task`). Its panic has
/// no [`JoinHandle`] to go to, so `policy` says what happens to it.
#[track_caller]
pub fn spawn_detached<F>(future: F, policy: PanicPolicy)
where
    F: Future<Output = ()> + 'static,
{
    let at = Location::caller();
    drop(spawn(Detached { future, policy, at }));
}

/// Returns `Pending` once after waking itself: lets the other queued tasks run (C#'s
/// `await Task.Yield()`).
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// The future of [`yield_now`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Counters of this thread's executor, for watching what it does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Polls of spawned tasks.
    pub polls: u64,
    /// Polls of the future given to `block_on`.
    pub root_polls: u64,
    /// Wakes on this thread (tasks and root).
    pub wakes: u64,
    /// Wakes that came from other threads (blocking pool, user threads).
    pub foreign_wakes: u64,
    /// Tasks spawned.
    pub spawned: u64,
    /// Tasks that returned or panicked.
    pub completed: u64,
    /// Times the thread went to sleep (in `epoll_wait` or `park`).
    pub parks: u64,
    /// Timers that fired.
    pub timers_fired: u64,
    /// I/O readiness events delivered.
    pub io_events: u64,
    /// Panics of detached tasks reported under [`PanicPolicy::Report`].
    pub detached_panics: u64,
    /// Timers armed right now (not a running count).
    pub timers_armed: u64,
    /// Tasks alive right now (spawned, not finished; not a running count).
    pub tasks_alive: u64,
}

/// The counters of this thread's executor since it started (or since [`reset_stats`]).
pub fn stats() -> Stats {
    with_core(|c| {
        let s = &c.stats;
        Stats {
            polls: s.polls.get(),
            root_polls: s.root_polls.get(),
            wakes: s.wakes.get(),
            foreign_wakes: c.shared.foreign_wakes.load(Ordering::Relaxed),
            spawned: s.spawned.get(),
            completed: s.completed.get(),
            parks: s.parks.get(),
            timers_fired: s.timers_fired.get(),
            io_events: s.io_events.get(),
            detached_panics: s.detached_panics.get(),
            timers_armed: c.timers.borrow().armed() as u64,
            tasks_alive: c.owned_len.get() as u64,
        }
    })
    .unwrap_or_default()
}

/// Sets this thread's counters back to zero.
pub fn reset_stats() {
    with_core(|c| {
        let s = &c.stats;
        for cell in [
            &s.polls, &s.root_polls, &s.wakes, &s.spawned, &s.completed, &s.parks,
            &s.timers_fired, &s.io_events, &s.detached_panics,
        ] {
            cell.set(0);
        }
        c.shared.foreign_wakes.store(0, Ordering::Relaxed);
    });
}

/// A promise that something outside the runtime's view (a thread of yours holding a
/// [`Waker`]) will wake a task of this thread's executor. While one is alive, an idle
/// executor sleeps instead of reporting a deadlock. Drop it *after* calling `wake`.
/// [`crate::blocking::spawn_blocking`] holds one per job.
#[derive(Debug)]
#[must_use = "the promise ends when the guard is dropped"]
pub struct ExternalWork {
    shared: Arc<Shared>,
}

impl ExternalWork {
    /// Registers outside work with the executor of the current thread.
    pub fn new() -> ExternalWork {
        let shared = with_core(|c| c.shared.clone()).expect("thread is shutting down");
        shared.external.fetch_add(1, Ordering::SeqCst);
        ExternalWork { shared }
    }
}

impl Default for ExternalWork {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for ExternalWork {
    fn drop(&mut self) {
        self.shared.external.fetch_sub(1, Ordering::SeqCst);
        // The executor may be asleep deciding nothing else can come: let it look again.
        self.shared.unpark();
    }
}

impl core::fmt::Debug for Shared {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Shared").field("id", &self.id).finish_non_exhaustive()
    }
}
