//! The task record: header and future in ONE allocation (C#'s `AsyncStateMachineBox`,
//! tokio's `Cell`, async-task's `RawTask`), its waker and its [`JoinHandle`].
//!
//! Layout: `TaskCell<F> = Header + Stage<F>`, `#[repr(C)]` so a `*const Header` can be
//! cast back to the cell by the monomorphised functions in the [`Vtable`]. The header is
//! 56 bytes on 64-bit targets.
//!
//! Reference counting: the owned list (until completion or shutdown), the run queue, the
//! [`JoinHandle`] and every [`Waker`] each hold one reference. Only the counter and the
//! `SCHEDULED` bit are touched from other threads (a waker may be woken anywhere); all the
//! rest is touched only on the executor's thread.

use core::cell::{Cell, UnsafeCell};
use core::future::Future;
use core::marker::PhantomData;
use core::mem::ManuallyDrop;
use core::panic::Location;
use core::pin::Pin;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicU32, Ordering};
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

/// In the run queue (local or injected).
pub(crate) const SCHEDULED: u32 = 1;
/// The future is gone: output stored, or cancelled.
pub(crate) const COMPLETE: u32 = 2;
/// A [`JoinHandle`] is alive.
pub(crate) const JOIN_INTEREST: u32 = 4;
/// The future was dropped at shutdown without producing an output.
pub(crate) const CANCELLED: u32 = 8;
/// One reference, in the upper bits of the state word.
pub(crate) const REF_ONE: u32 = 16;

/// What a poll of the task did.
pub(crate) enum Polled {
    Pending,
    Ready,
    Panicked,
}

/// The type-erased operations on one task type (the monomorphised half of the task).
pub(crate) struct Vtable {
    poll: unsafe fn(NonNull<Header>, &mut Context<'_>) -> Polled,
    cancel: unsafe fn(NonNull<Header>),
    take_output: unsafe fn(NonNull<Header>, *mut ()),
    dealloc: unsafe fn(NonNull<Header>),
}

/// The part of a task the executor knows without knowing the future's type.
pub(crate) struct Header {
    pub(crate) state: AtomicU32,
    /// Which executor (thread) runs this task: an index into the global registry.
    pub(crate) exec: u32,
    vtable: &'static Vtable,
    /// Links of the executor's list of live tasks (touched on the executor thread only).
    pub(crate) prev: Cell<*const Header>,
    pub(crate) next: Cell<*const Header>,
    /// The task awaiting the [`JoinHandle`] (executor thread only).
    join_waker: UnsafeCell<Option<Waker>>,
    /// Where `spawn` was called: named in deadlock reports.
    pub(crate) spawned_at: &'static Location<'static>,
}

enum Stage<F: Future> {
    Running(F),
    Finished(std::thread::Result<F::Output>),
    Consumed,
}

#[repr(C)]
struct TaskCell<F: Future> {
    header: Header,
    stage: UnsafeCell<Stage<F>>,
}

impl<F: Future> TaskCell<F> {
    const VTABLE: Vtable = Vtable {
        poll: poll_raw::<F>,
        cancel: cancel_raw::<F>,
        take_output: take_output_raw::<F>,
        dealloc: dealloc_raw::<F>,
    };
}

/// Allocates the task: the only allocation `spawn` makes. Starts with three references
/// (owned list, run queue, join handle), scheduled.
pub(crate) fn allocate<F: Future + 'static>(
    future: F,
    exec: u32,
    spawned_at: &'static Location<'static>,
) -> NonNull<Header> {
    let cell = Box::new(TaskCell {
        header: Header {
            state: AtomicU32::new((3 * REF_ONE) | SCHEDULED | JOIN_INTEREST),
            exec,
            vtable: &TaskCell::<F>::VTABLE,
            prev: Cell::new(core::ptr::null()),
            next: Cell::new(core::ptr::null()),
            join_waker: UnsafeCell::new(None),
            spawned_at,
        },
        stage: UnsafeCell::new(Stage::Running(future)),
    });
    NonNull::from(Box::leak(cell)).cast()
}

// SAFETY (for the four functions below): `ptr` was made by `allocate::<F>` with the same
// `F` (the vtable is chosen per `F`), the cell is alive because the caller holds a
// reference, and the stage is only touched on the executor thread.
unsafe fn poll_raw<F: Future>(ptr: NonNull<Header>, cx: &mut Context<'_>) -> Polled {
    // SAFETY: see above.
    let stage = unsafe { &mut *ptr.cast::<TaskCell<F>>().as_ref().stage.get() };
    let Stage::Running(future) = stage else { return Polled::Ready };
    // SAFETY: the future lives in the heap cell and is only dropped in place.
    let future = unsafe { Pin::new_unchecked(future) };
    match catch_unwind(AssertUnwindSafe(|| future.poll(cx))) {
        Ok(Poll::Pending) => Polled::Pending,
        Ok(Poll::Ready(output)) => {
            // The future is dropped here, on the executor thread, right after it finished.
            let dropped = catch_unwind(AssertUnwindSafe(|| *stage = Stage::Consumed));
            *stage = Stage::Finished(dropped.map(|()| output));
            if matches!(stage, Stage::Finished(Ok(_))) { Polled::Ready } else { Polled::Panicked }
        }
        Err(payload) => {
            let _ = catch_unwind(AssertUnwindSafe(|| *stage = Stage::Consumed));
            *stage = Stage::Finished(Err(payload));
            Polled::Panicked
        }
    }
}

unsafe fn cancel_raw<F: Future>(ptr: NonNull<Header>) {
    // SAFETY: see above.
    let stage = unsafe { &mut *ptr.cast::<TaskCell<F>>().as_ref().stage.get() };
    // Dropping the future is cancellation: every live local of its current state drops.
    let _ = catch_unwind(AssertUnwindSafe(|| *stage = Stage::Consumed));
}

unsafe fn take_output_raw<F: Future>(ptr: NonNull<Header>, dst: *mut ()) {
    // SAFETY: see above; `dst` points to an `Option<thread::Result<F::Output>>` (the
    // join handle knows the output type).
    unsafe {
        let stage = &mut *ptr.cast::<TaskCell<F>>().as_ref().stage.get();
        if let Stage::Finished(_) = stage {
            let Stage::Finished(out) = core::mem::replace(stage, Stage::Consumed) else { unreachable!() };
            *(dst as *mut Option<std::thread::Result<F::Output>>) = Some(out);
        }
    }
}

unsafe fn dealloc_raw<F: Future>(ptr: NonNull<Header>) {
    // SAFETY: see above; this was the last reference.
    drop(unsafe { Box::from_raw(ptr.cast::<TaskCell<F>>().as_ptr()) });
}

impl Header {
    #[inline]
    pub(crate) fn ref_inc(&self) {
        let prev = self.state.fetch_add(REF_ONE, Ordering::Relaxed);
        if prev > u32::MAX / 2 {
            std::process::abort(); // reference count overflow, as `Arc` does
        }
    }

    /// Drops one reference; frees the cell with the last one.
    ///
    /// # Safety
    /// The caller owns one reference to a live task.
    #[inline]
    pub(crate) unsafe fn ref_dec(ptr: NonNull<Header>) {
        // SAFETY: the caller owns a reference, so the header is alive.
        let header = unsafe { ptr.as_ref() };
        let prev = header.state.fetch_sub(REF_ONE, Ordering::AcqRel);
        if prev / REF_ONE == 1 {
            // SAFETY: no reference is left.
            unsafe { (header.vtable.dealloc)(ptr) }
        }
    }

    /// Polls the future. Executor thread only.
    ///
    /// # Safety
    /// The caller owns a reference and is the executor thread of this task, and the task
    /// is not complete.
    pub(crate) unsafe fn poll(ptr: NonNull<Header>, cx: &mut Context<'_>) -> Polled {
        // SAFETY: forwarded.
        let header = unsafe { ptr.as_ref() };
        // Clear SCHEDULED first so a wake during the poll schedules the task again.
        // The owned list and the queue hold a reference each, the handle one more.
        let s = header.state.load(Ordering::Acquire);
        if s / REF_ONE == 2 + u32::from(s & JOIN_INTEREST != 0) {
            // No waker exists, so no other thread can touch the word: a plain store does.
            header.state.store(s & !SCHEDULED, Ordering::Release);
        } else {
            header.state.fetch_and(!SCHEDULED, Ordering::AcqRel);
        }
        // SAFETY: forwarded.
        unsafe { (header.vtable.poll)(ptr, cx) }
    }

    /// Drops the future without running it further (shutdown), then completes the task.
    ///
    /// # Safety
    /// As for [`Header::complete`].
    pub(crate) unsafe fn cancel(ptr: NonNull<Header>, refs_held: u32) {
        // SAFETY: forwarded.
        let header = unsafe { ptr.as_ref() };
        // SAFETY: forwarded.
        unsafe {
            (header.vtable.cancel)(ptr);
            Header::complete(ptr, refs_held, CANCELLED);
        }
    }

    /// The future is gone: publishes COMPLETE, releases the caller's `refs_held`
    /// references in the same atomic step, and wakes the joiner (or drops the output if
    /// nobody will read it).
    ///
    /// # Safety
    /// Executor thread; the caller owns `refs_held` references; the task was not complete.
    pub(crate) unsafe fn complete(ptr: NonNull<Header>, refs_held: u32, extra: u32) {
        // SAFETY: the caller's references keep the header alive.
        let header = unsafe { ptr.as_ref() };
        // JOIN_INTEREST is only cleared on this thread (the handle is `!Send`), so this
        // plain load is stable: without a handle, drop the output now, here, before any
        // reference is released (a waker on another thread may release the last one,
        // and must not drop a `!Send` output there).
        if header.state.load(Ordering::Acquire) & JOIN_INTEREST == 0 {
            // SAFETY: no handle, so no reader.
            unsafe { header.drop_output() };
        }
        let delta = (COMPLETE | extra).wrapping_sub(refs_held * REF_ONE);
        let s = header.state.load(Ordering::Acquire);
        let prev = if s / REF_ONE == refs_held + u32::from(s & JOIN_INTEREST != 0) {
            // Every reference is held on this thread (no waker exists anywhere), so no
            // other thread can touch the word: a plain store saves a locked instruction.
            header.state.store(s.wrapping_add(delta), Ordering::Release);
            s
        } else {
            header.state.fetch_add(delta, Ordering::AcqRel)
        };
        if prev & JOIN_INTEREST != 0 {
            // The handle (on this thread) holds a reference: the header is still alive.
            // SAFETY: executor thread.
            if let Some(waker) = unsafe { (*header.join_waker.get()).take() } {
                waker.wake();
            }
        } else if prev / REF_ONE == refs_held {
            // SAFETY: that was the last reference.
            unsafe { (header.vtable.dealloc)(ptr) }
        }
    }

    /// Drops whatever output is stored.
    unsafe fn drop_output(&self) {
        // SAFETY: executor thread; `cancel` drops every stage variant to `Consumed`.
        let dropped = catch_unwind(AssertUnwindSafe(|| unsafe { (self.vtable.cancel)(NonNull::from(self)) }));
        if dropped.is_err() {
            tracing::warn!(target: "async_lower::executor", "dropping an unobserved task output panicked");
        }
    }
}

// ---------------------------------------------------------------------------------------
// The waker of a task: its data pointer is the header; clone = +1 reference.

pub(crate) static WAKER_VTABLE: RawWakerVTable =
    RawWakerVTable::new(waker_clone, waker_wake, waker_wake_by_ref, waker_drop);

unsafe fn waker_clone(data: *const ()) -> RawWaker {
    // SAFETY: a waker holds a reference, so the header is alive.
    unsafe { &*(data as *const Header) }.ref_inc();
    RawWaker::new(data, &WAKER_VTABLE)
}

unsafe fn waker_wake(data: *const ()) {
    // SAFETY: the waker's reference is handed to the scheduler.
    unsafe { super::schedule(NonNull::new_unchecked(data as *mut Header), true) }
}

unsafe fn waker_wake_by_ref(data: *const ()) {
    // SAFETY: the waker keeps its reference; the scheduler takes a new one if it queues.
    unsafe { super::schedule(NonNull::new_unchecked(data as *mut Header), false) }
}

unsafe fn waker_drop(data: *const ()) {
    // SAFETY: the waker's reference.
    unsafe { Header::ref_dec(NonNull::new_unchecked(data as *mut Header)) }
}

/// A waker borrowing the caller's reference (no count change): for polling.
pub(crate) fn borrowed_waker(ptr: NonNull<Header>) -> ManuallyDrop<Waker> {
    // SAFETY: the vtable upholds the `RawWaker` contract; `ManuallyDrop` keeps the
    // borrowed reference from being released.
    ManuallyDrop::new(unsafe { Waker::from_raw(RawWaker::new(ptr.as_ptr() as *const (), &WAKER_VTABLE)) })
}

// ---------------------------------------------------------------------------------------

/// Awaiting it gives the task's output; if the task panicked, the panic is raised again
/// here (`resume_unwind`), as `await task` rethrows the task's exception in C#.
///
/// Dropping the handle detaches the task (it keeps running). `!Send`: tasks of this
/// executor live on one thread.
#[must_use = "dropping a JoinHandle detaches the task; await it to get the output"]
pub struct JoinHandle<T> {
    ptr: NonNull<Header>,
    _marker: NotSendOutput<T>,
}

/// `!Send` (raw pointer) and covariant in the output type.
type NotSendOutput<T> = PhantomData<(*const (), fn() -> T)>;

impl<T> JoinHandle<T> {
    pub(crate) fn new(ptr: NonNull<Header>) -> Self {
        JoinHandle { ptr, _marker: PhantomData }
    }

    /// Whether the task has finished (returned, panicked or been cancelled).
    pub fn is_finished(&self) -> bool {
        // SAFETY: the handle holds a reference.
        unsafe { self.ptr.as_ref() }.state.load(Ordering::Acquire) & COMPLETE != 0
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // SAFETY: the handle holds a reference.
        let header = unsafe { self.ptr.as_ref() };
        let state = header.state.load(Ordering::Acquire);
        if state & COMPLETE == 0 {
            // SAFETY: `JoinHandle` is `!Send`, so this is the executor thread, the only
            // one touching the join waker.
            let slot = unsafe { &mut *header.join_waker.get() };
            match slot {
                Some(w) if w.will_wake(cx.waker()) => {}
                _ => *slot = Some(cx.waker().clone()),
            }
            return Poll::Pending;
        }
        if state & CANCELLED != 0 {
            panic!(
                "async-lower: the task spawned at {} was cancelled (its executor shut down) before it finished",
                header.spawned_at
            );
        }
        let mut out: Option<std::thread::Result<T>> = None;
        // SAFETY: the vtable's output type is `T` (the handle was made with the task).
        unsafe { (header.vtable.take_output)(self.ptr, &mut out as *mut _ as *mut ()) };
        match out {
            Some(Ok(value)) => Poll::Ready(value),
            Some(Err(payload)) => resume_unwind(payload),
            None => panic!("async-lower: JoinHandle polled after it returned the output"),
        }
    }
}

impl<T> Drop for JoinHandle<T> {
    fn drop(&mut self) {
        // SAFETY: the handle holds a reference.
        let header = unsafe { self.ptr.as_ref() };
        let state = header.state.load(Ordering::Acquire);
        // The handle's reference is the last one: nobody else can touch the task, so it
        // is freed (with any unread output) without a locked instruction, as
        // `Arc::get_mut` reasons.
        if state / REF_ONE == 1 {
            // SAFETY: the only reference is ours.
            unsafe { (header.vtable.dealloc)(self.ptr) };
            return;
        }
        // Completion happens on this thread only, so the COMPLETE bit cannot go stale.
        if state & COMPLETE != 0 {
            // The output (maybe a panic) was never read: drop it here, before the
            // reference goes (the last one may be released on another thread).
            // SAFETY: complete, and this handle was the only reader.
            unsafe { header.drop_output() };
        }
        // One atomic step: clear JOIN_INTEREST (set, so subtracting clears it) and
        // release the handle's reference.
        let prev = header.state.fetch_sub(REF_ONE + JOIN_INTEREST, Ordering::AcqRel);
        if prev / REF_ONE == 1 {
            // SAFETY: that was the last reference.
            unsafe { (header.vtable.dealloc)(self.ptr) }
        }
    }
}

impl<T> core::fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // SAFETY: the handle holds a reference.
        let header = unsafe { self.ptr.as_ref() };
        f.debug_struct("JoinHandle")
            .field("spawned_at", &format_args!("{}", header.spawned_at))
            .field("finished", &self.is_finished())
            .finish()
    }
}
