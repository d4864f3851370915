//! What the generated code calls: the state-machine wrapper, the builder trait and the
//! few primitives that need `unsafe`.
//!
//! The lowered function builds a `State` enum and a resume closure (C#'s `MoveNext`) and
//! hands both to [`StateMachine`]. The wrapper keeps the two cases rustc's coroutines keep
//! beside the user's states, `Returned` and `Panicked` (they fit in the niche of the state's
//! tag, so they cost no space), and calls the [`Builder`] at the four moments C#'s
//! `AsyncTaskMethodBuilder` is called: start, suspension, completion and panic.

use core::future::Future;
use core::marker::{PhantomData, PhantomPinned};
use core::pin::Pin;
use core::task::{Context, Poll};

/// Static facts about one lowered function, for builders that report what happens.
#[derive(Debug)]
pub struct MachineInfo {
    /// The function's name, as written.
    pub name: &'static str,
    /// The source file (from `file!()`).
    pub file: &'static str,
    /// One entry per state index: `Start` first, then `Await0`, `Await1`, ...
    pub states: &'static [StateInfo],
}

/// One state of a lowered function.
#[derive(Debug)]
pub struct StateInfo {
    /// The variant's name (`Start`, `Await0`, ...).
    pub name: &'static str,
    /// The source text of the awaited expression (empty for `Start`).
    pub awaits: &'static str,
    /// The source line of the await (or of the function, for `Start`).
    pub line: u32,
}

impl MachineInfo {
    /// The name of state `index`, or `"Running"` for the transient state.
    pub fn state_name(&self, index: usize) -> &'static str {
        self.states.get(index).map_or("Running", |s| s.name)
    }
}

/// Implemented by every generated `State` enum.
pub trait MachineState {
    /// The function's static description.
    const INFO: &'static MachineInfo;
    /// Index into `INFO.states` of the current variant; `usize::MAX` while the body runs.
    fn state_index(&self) -> usize;
}

/// The builder a lowered function calls, like C#'s `AsyncTaskMethodBuilder`.
///
/// All hooks are associated functions with empty defaults, so a builder that overrides
/// nothing (the [`DefaultBuilder`]) compiles to nothing. `create` decides where the machine
/// lives: by value (default), in a `Box` (C#'s class state machine), or in a pooled box.
pub trait Builder {
    /// What the lowered function returns.
    type Task<M: Future>: Future<Output = M::Output>;
    /// Wraps a freshly built machine (nothing of the body has run yet).
    fn create<M: Future>(machine: M) -> Self::Task<M>;
    /// The first poll is about to run the body from `Start` (C#: `Start`).
    #[inline(always)]
    fn on_start(_info: &'static MachineInfo) {}
    /// A later poll resumes the machine waiting in `state`.
    #[inline(always)]
    fn on_resume(_info: &'static MachineInfo, _state: usize) {}
    /// The poll returned `Pending`, waiting in `state` (C#: `AwaitUnsafeOnCompleted`).
    #[inline(always)]
    fn on_suspend(_info: &'static MachineInfo, _state: usize) {}
    /// The body returned (C#: `SetResult`).
    #[inline(always)]
    fn on_complete(_info: &'static MachineInfo) {}
    /// The body panicked; the live locals are being dropped (C#: `SetException`).
    #[inline(always)]
    fn on_panic(_info: &'static MachineInfo) {}
}

/// The builder that costs nothing: the machine is returned by value, no hook does anything.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultBuilder;

impl Builder for DefaultBuilder {
    type Task<M: Future> = M;
    #[inline(always)]
    fn create<M: Future>(machine: M) -> M {
        machine
    }
}

/// The user's states plus the two terminal ones.
enum Phase<S> {
    Running(S),
    Returned,
    Panicked,
}

/// A lowered `async fn`: the state enum `S` and its resume closure `F` (`MoveNext`).
///
/// Always `!Unpin`: the state holds awaiters that borrow locals parked beside them, and
/// `Pin<&mut T>` with `T: Unpin` would be compiled as `noalias`, which such a
/// self-referential value violates.
pub struct StateMachine<S, F, B, O> {
    phase: Phase<S>,
    resume: F,
    _builder: PhantomData<fn() -> (B, O)>,
    _pin: PhantomPinned,
}

impl<S, F, B, O> StateMachine<S, F, B, O>
where
    S: MachineState,
    F: FnMut(Pin<&mut S>, &mut Context<'_>) -> Poll<O>,
    B: Builder,
{
    /// Builds the machine in its `Start` state and hands it to the builder. Nothing of the
    /// body runs until the first poll: Rust futures are lazy, unlike C# tasks.
    #[inline(always)]
    pub fn start(state: S, resume: F) -> B::Task<Self> {
        B::create(StateMachine {
            phase: Phase::Running(state),
            resume,
            _builder: PhantomData,
            _pin: PhantomPinned,
        })
    }
}

/// Marks the machine as panicked if the resume closure unwinds: dropping the state in
/// place drops the awaiter and the parked locals, as native unwinding does.
struct PoisonOnUnwind<S: MachineState, B: Builder>(*mut Phase<S>, PhantomData<B>);

impl<S: MachineState, B: Builder> Drop for PoisonOnUnwind<S, B> {
    fn drop(&mut self) {
        B::on_panic(S::INFO);
        // SAFETY: the pointer comes from the pinned machine being polled, which outlives
        // this guard; dropping the old phase in place never moves it.
        unsafe { *self.0 = Phase::Panicked };
    }
}

impl<S, F, B, O> Future for StateMachine<S, F, B, O>
where
    S: MachineState,
    F: FnMut(Pin<&mut S>, &mut Context<'_>) -> Poll<O>,
    B: Builder,
{
    type Output = O;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<O> {
        // SAFETY: `phase` is never moved out of; it is only overwritten in place, which
        // drops the old state where it lies.
        let this = unsafe { self.get_unchecked_mut() };
        let phase: *mut Phase<S> = &mut this.phase;
        // SAFETY: `phase` points into `this`, which is borrowed for the whole call.
        let state = match unsafe { &mut *phase } {
            Phase::Running(state) => state,
            Phase::Returned => panic!("`async fn` resumed after completion"),
            Phase::Panicked => panic!("`async fn` resumed after panicking"),
        };
        match state.state_index() {
            0 => B::on_start(S::INFO),
            index => B::on_resume(S::INFO, index),
        }
        let guard = PoisonOnUnwind::<S, B>(phase, PhantomData);
        // SAFETY: the state is part of the pinned machine and is never moved while an
        // awaiter inside it is live.
        let poll = (this.resume)(unsafe { Pin::new_unchecked(&mut *state) }, cx);
        core::mem::forget(guard);
        match poll {
            Poll::Ready(output) => {
                this.phase = Phase::Returned;
                B::on_complete(S::INFO);
                Poll::Ready(output)
            }
            Poll::Pending => {
                B::on_suspend(S::INFO, state.state_index());
                Poll::Pending
            }
        }
    }
}

/// Reborrows the pinned state with a lifetime the caller chooses ("detach").
///
/// The generated code needs this to build an awaiter that borrows locals parked in the
/// same variant: a self-reference that only the pinning makes legal.
///
/// # Safety
/// The caller must not move the state while an awaiter inside it is live, and must not
/// keep the reference past the next suspension. The borrow-check shadow emitted beside the
/// machine is what keeps user code from observing the unbounded lifetime.
#[inline(always)]
pub unsafe fn detach<'u, S>(state: Pin<&mut S>) -> &'u mut S {
    // SAFETY: forwarded to the caller (see above).
    unsafe { &mut *(state.get_unchecked_mut() as *mut S) }
}

/// Parks the live locals: writes the suspension's variant over the transient `Running`
/// state, without the drop check `Pin::set` would make (`Running` holds nothing).
///
/// # Safety
/// The state must be the transient state (the body is running), which owns nothing.
#[inline(always)]
pub unsafe fn park<S>(state: Pin<&mut S>, variant: S) {
    // SAFETY: forwarded to the caller: nothing is overwritten that needs dropping, and
    // writing in place does not move the pinned state.
    unsafe { core::ptr::write(state.get_unchecked_mut(), variant) }
}

/// Polls the awaiter where it lies; once it is ready, drops it in place (as native code
/// drops the awaited future right after `.await` completes). An awaiter without drop glue
/// is left as it lies, finished: dropping it would do nothing, and the store would cost a
/// write per await; the next suspension overwrites it.
///
/// # Safety
/// `awaiter` must live inside the pinned state and must not have moved since it was built;
/// once it is ready, the caller leaves the state (or overwrites the awaiter) before
/// anything looks at it again.
#[inline(always)]
pub unsafe fn poll_in_place<A: Future>(awaiter: &mut Option<A>, cx: &mut Context<'_>) -> Poll<A::Output> {
    let Some(future) = awaiter.as_mut() else {
        unreachable!("async-lower: awaiter polled after it completed")
    };
    // SAFETY: forwarded to the caller: the awaiter is pinned inside the pinned state.
    let poll = unsafe { Pin::new_unchecked(future) }.poll(cx);
    if core::mem::needs_drop::<A>() && poll.is_ready() {
        *awaiter = None;
    }
    poll
}

/// Moves one parked local out of the state, bitwise: the resumption reads each field where
/// it lies (replacing the whole state copies every byte, then reads them back, which stalls
/// store-to-load forwarding on every await). The caller then [`vacate`]s the state.
///
/// # Safety
/// `field` is a field of the variant the pinned state is in; that variant's awaiter has
/// completed and was dropped in place; nothing borrows the field; it is moved out once; and
/// nothing that could unwind runs before [`vacate`] (the variant still owns it on paper).
#[inline(always)]
pub unsafe fn move_out<T>(field: &mut T) -> T {
    // SAFETY: forwarded to the caller (see above).
    unsafe { core::ptr::read(field) }
}

/// Marks the state `Running` once every parked local of its variant was moved out with
/// [`move_out`]: nothing is dropped (for `Running`, only the tag is written).
///
/// # Safety
/// Every field of the current variant that owns something was moved out; `running` owns
/// nothing.
#[inline(always)]
pub unsafe fn vacate<S>(state: Pin<&mut S>, running: S) {
    // SAFETY: forwarded to the caller: what is overwritten was moved out, and writing in
    // place does not move the pinned state.
    unsafe { core::ptr::write(state.get_unchecked_mut(), running) }
}

/// The machine's state plus the *frame slots*: homes for locals whose address is kept
/// across an await (`for x in &v { .. }`, `let first = &v[0]`, a closure borrowing a local).
/// Such a local must never move, so it does not travel between the state's variants; it
/// lives here from its `let` to the end of its scope. The state is declared first so that it
/// drops first: the awaiter and the parked values may borrow from the slots.
pub struct Frame<S, Slots> {
    /// The state enum.
    pub state: S,
    /// A tuple of [`Slot`]s, one per slotted local.
    pub slots: Slots,
}

impl<S: MachineState, Slots> MachineState for Frame<S, Slots> {
    const INFO: &'static MachineInfo = S::INFO;
    #[inline(always)]
    fn state_index(&self) -> usize {
        self.state.state_index()
    }
}

/// Projects the pinned frame into its pinned state and its slots.
///
/// # Safety
/// The slots must only be used through [`fill`], [`peek`] and [`SlotGuard`]: they are
/// pinned like the state, and their values never move while occupied.
#[inline(always)]
pub unsafe fn split_frame<'u, S, Slots>(frame: Pin<&mut Frame<S, Slots>>) -> (Pin<&'u mut S>, &'u mut Slots) {
    // SAFETY: forwarded to the caller; the frame is pinned, so is each of its fields.
    let frame = unsafe { &mut *(frame.get_unchecked_mut() as *mut Frame<S, Slots>) };
    (unsafe { Pin::new_unchecked(&mut frame.state) }, &mut frame.slots)
}

/// The pinned home of one local (see [`Frame`]).
///
/// Not an `Option`: moving the value out leaves its bytes where they were. A move the
/// lowering guessed where the native body copies (a `Copy` local passed by value while a
/// reference to it lives on) must leave that reference reading the same value; `None`
/// could overwrite it (a niche).
pub struct Slot<T> {
    value: core::mem::MaybeUninit<T>,
    full: bool,
}

impl<T> Slot<T> {
    /// An empty slot.
    #[inline(always)]
    pub const fn new() -> Self {
        Slot { value: core::mem::MaybeUninit::uninit(), full: false }
    }

    fn insert(&mut self, value: T) -> &mut T {
        self.clear();
        self.full = true;
        self.value.write(value)
    }

    fn clear(&mut self) {
        if core::mem::replace(&mut self.full, false) {
            // SAFETY: `full` says the value is initialized; it is dropped once, as `full`
            // is now false.
            unsafe { self.value.assume_init_drop() };
        }
    }
}

impl<T> Drop for Slot<T> {
    fn drop(&mut self) {
        // Guards empty their slots first; this only keeps the old `Option`'s promise.
        self.clear();
    }
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Clears its slot (drops the local in place) when the local's scope ends, whether by
/// falling off its end, `break`, `return`, `?` or a panic. At a suspension the guard is
/// parked in the state like a local, so that cancelling the machine empties the slot in
/// the native drop order.
#[must_use]
pub struct SlotGuard<T>(*mut Slot<T>);

// SAFETY: the guard stands for the slotted value it owns (it drops it): it may cross
// threads exactly when the value may.
unsafe impl<T: Send> Send for SlotGuard<T> {}
// SAFETY: a shared guard gives no access to the value.
unsafe impl<T: Sync> Sync for SlotGuard<T> {}

impl<T> SlotGuard<T> {
    /// The local is moved out (a use moves it). The guard stays: if the move was on one
    /// path only, the guard, parked across the awaits, is the local's drop flag, and
    /// empties the slot (drops the value if it is still there) at the end of its scope.
    ///
    /// The value's bytes stay in the slot. The lowering takes the value at every mention
    /// that moves it whole, and natively a local is read after such a move only if it is
    /// `Copy` (or a `&mut` reborrowed, or assigned again first): reading it again reads
    /// those same bytes, and taking it again copies them again.
    #[inline(always)]
    pub fn take(&self) -> T {
        // SAFETY: the guard was made from a slot of the pinned frame, which outlives it.
        let slot = unsafe { &mut *self.0 };
        slot.full = false;
        // SAFETY: the slot was filled (`fill`, `set`); if a move took the value before, the
        // native body moves it again only when it is `Copy` (rustc checks the native body
        // in the shadow), whose bytes a move leaves valid. Marked empty, it is never dropped
        // here, so a value that is not `Copy` has one owner.
        unsafe { slot.value.assume_init_read() }
    }
}

impl<T> SlotGuard<T> {
    /// `x = value` for a slotted local declared without a value (`let x;`): the old value,
    /// if any, is dropped, as an assignment drops it; returns the new handle.
    #[inline(always)]
    pub fn set(&self, value: T) -> SlotRef<T> {
        // SAFETY: the guard was made from a slot of the pinned frame, which outlives it; the
        // value is written in place and never moves while the slot holds it.
        SlotRef(unsafe { (*self.0).insert(value) })
    }
}

impl<T> Drop for SlotGuard<T> {
    fn drop(&mut self) {
        // SAFETY: the guard was made from a slot of the pinned frame, which outlives it.
        unsafe { (*self.0).clear() };
    }
}

/// How the body reaches a slotted local: every use is `(*v.get())`.
///
/// Each use takes a fresh reference, so that borrows which flow into parked values (whose
/// lifetimes outlive the whole resume closure) do not make later, natively disjoint, uses
/// conflict. Which uses may overlap is exactly what the borrow-check shadow checks on the
/// native body; the unsafe contract is taken on when the handle is made ([`fill`],
/// [`peek`]).
pub struct SlotRef<T>(*mut T);

impl<T> Clone for SlotRef<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for SlotRef<T> {}

// SAFETY: a handle points into the frame of the machine that holds it, so it crosses
// threads only with that machine, whose polls never overlap (they take `Pin<&mut>`). It
// may stand for a shared or a unique borrow of the local, so it asks what both do:
// `T: Sync` (as `&T` does) and `T: Send` (as `&mut T` does). (An `async move` block
// awaiting a call on a temporary captures the handles of the slotted locals it uses.)
unsafe impl<T: Send + Sync> Send for SlotRef<T> {}

impl<T> SlotRef<T> {
    /// The local, where it lives.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub fn get<'u>(self) -> &'u mut T {
        // SAFETY: the handle points into a slot of the pinned frame, which outlives every use
        // the generated code makes of it. It is used only while the slot holds the local:
        // handles of an empty slot (`open`, `peek` after a move) stand for a local the native
        // body never reads there, which the shadow checks; overlapping uses are those the
        // native body makes, checked by the shadow too.
        unsafe { &mut *self.0 }
    }
}

/// Moves a new local into its slot; returns its handle and the guard of its scope.
///
/// # Safety
/// `slot` must be a slot of the pinned frame, used only as the generated code uses it.
#[inline(always)]
pub unsafe fn fill<T>(slot: &mut Slot<T>, value: T) -> (SlotRef<T>, SlotGuard<T>) {
    debug_assert!(!slot.full, "async-lower: slot filled twice");
    let slot: *mut Slot<T> = slot;
    // SAFETY: forwarded to the caller; the slot is pinned and now occupied.
    let value: *mut T = unsafe { (*slot).insert(value) };
    (SlotRef(value), SlotGuard(slot))
}

/// Opens the slot of a local declared without a value (`let x;`): the guard of its scope,
/// and a handle that is never used before an assignment (`SlotGuard::set`) gives a real one
/// (rustc checks, in the native body, that nothing reads the local before).
///
/// # Safety
/// As for [`fill`].
#[inline(always)]
pub unsafe fn open<T>(slot: &mut Slot<T>) -> (SlotRef<T>, SlotGuard<T>) {
    debug_assert!(!slot.full, "async-lower: slot opened twice");
    (SlotRef(core::ptr::NonNull::dangling().as_ptr()), SlotGuard(slot))
}

/// Reaches a local that stayed in its slot across a suspension.
///
/// The slot may be empty: a local moved on one path only keeps its slot as its drop flag.
/// The handle is then used only if the local was `Copy` (see [`SlotGuard::take`]): the
/// native body reads nothing else after a move, which the shadow checks.
///
/// # Safety
/// As for [`fill`].
#[inline(always)]
pub unsafe fn peek<T>(slot: &mut Slot<T>) -> SlotRef<T> {
    SlotRef(slot.value.as_mut_ptr())
}

/// Names a function's return type: `<fn() -> ! as Returns>::Output` is `!`, which stable
/// Rust does not let generated code write as a type argument (`Future<Output = !>`).
pub trait Returns {
    /// The return type.
    type Output;
}

impl<T> Returns for fn() -> T {
    type Output = T;
}

/// Names a lifetime that a returned `impl Future` captures, without asking the types of the
/// signature to outlive it: `impl Future + Captures<'a>`. (Edition 2021 captures only the
/// lifetimes a bound names, and `+ 'a` would also require `T: 'a` of a generic `self: W<T>`,
/// which the native `async fn` does not.)
pub trait Captures<'a> {}

impl<T: ?Sized> Captures<'_> for T {}

/// How a branch of a `select!` left the `async` block the lowering awaits it in: by a
/// `return` (or `?`) of the function, with its value, or by the `break`/`continue` numbered
/// `Jump(n)`, which the code after the await then runs.
pub enum Leave<R> {
    /// `return value` (or `?`'s early return).
    Return(R),
    /// The `break` or `continue` with this number.
    Jump(u32),
}

/// Stands for a local that rustc would still count in the future's auto traits at an
/// await (it may hold a value there, or was borrowed), while the lowered code has already
/// moved it away: parked in the state, it makes the machine `Send` (and `Sync`) exactly when
/// the native future is. Zero-sized; never holds a value.
pub struct Witness<T>(PhantomData<T>);

impl<T> Clone for Witness<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Witness<T> {}

/// The [`Witness`] of a local's type.
#[inline(always)]
pub fn witness<T>(_local: &T) -> Witness<T> {
    Witness(PhantomData)
}

/// A value of the witnessed type, for type inference only: `if false { cur =
/// value_of(__witness_cur); }` gives a local declared again where the code resumes the
/// type it had, where its next assignment would not coerce to it. It never returns.
#[inline(always)]
pub fn value_of<T>(_witness: Witness<T>) -> T {
    unreachable!("async-lower: inference-only code ran")
}

/// The output of the awaiter in `awaiter`, for type inference only: the generated code
/// calls it in code that never runs (after the jump that suspends), where the rest of an
/// iteration or branch is repeated so that rustc meets its types in source order (see
/// `emit` in the compiler). It never returns.
#[inline(always)]
pub fn infer_output<F: Future>(_awaiter: &Option<F>) -> F::Output {
    unreachable!("async-lower: inference-only code ran")
}

/// `?` on stable Rust: the generated code rewrites `e?` into a `match` on [`Try::branch`]
/// whose break arm returns [`FromResidual::from_residual`], as the unstable `Try` trait does.
pub trait Try {
    /// The value `?` produces when it continues.
    type Output;
    /// What `?` returns early with.
    type Residual;
    /// Splits the value into continue or break.
    fn branch(self) -> core::ops::ControlFlow<Self::Residual, Self::Output>;
}

/// Converts a residual of `?` into the function's output type.
pub trait FromResidual<R> {
    /// Builds the early-return value.
    fn from_residual(residual: R) -> Self;
}

mod try_impls {
    use super::{FromResidual, Try};
    use core::convert::Infallible;
    use core::ops::ControlFlow;
    use core::task::Poll;

    impl<T, E> Try for Result<T, E> {
        type Output = T;
        type Residual = Result<Infallible, E>;
        #[inline(always)]
        fn branch(self) -> ControlFlow<Self::Residual, T> {
            match self {
                Ok(v) => ControlFlow::Continue(v),
                Err(e) => ControlFlow::Break(Err(e)),
            }
        }
    }
    impl<T> Try for Option<T> {
        type Output = T;
        type Residual = Option<Infallible>;
        #[inline(always)]
        fn branch(self) -> ControlFlow<Self::Residual, T> {
            match self {
                Some(v) => ControlFlow::Continue(v),
                None => ControlFlow::Break(None),
            }
        }
    }
    impl<T, E> Try for Poll<Result<T, E>> {
        type Output = Poll<T>;
        type Residual = Result<Infallible, E>;
        #[inline(always)]
        fn branch(self) -> ControlFlow<Self::Residual, Poll<T>> {
            match self {
                Poll::Ready(Ok(v)) => ControlFlow::Continue(Poll::Ready(v)),
                Poll::Ready(Err(e)) => ControlFlow::Break(Err(e)),
                Poll::Pending => ControlFlow::Continue(Poll::Pending),
            }
        }
    }
    impl<T, E> Try for Poll<Option<Result<T, E>>> {
        type Output = Poll<Option<T>>;
        type Residual = Result<Infallible, E>;
        #[inline(always)]
        fn branch(self) -> ControlFlow<Self::Residual, Poll<Option<T>>> {
            match self {
                Poll::Ready(Some(Ok(v))) => ControlFlow::Continue(Poll::Ready(Some(v))),
                Poll::Ready(Some(Err(e))) => ControlFlow::Break(Err(e)),
                Poll::Ready(None) => ControlFlow::Continue(Poll::Ready(None)),
                Poll::Pending => ControlFlow::Continue(Poll::Pending),
            }
        }
    }
    impl<B, C> Try for ControlFlow<B, C> {
        type Output = C;
        type Residual = ControlFlow<B, Infallible>;
        #[inline(always)]
        fn branch(self) -> ControlFlow<Self::Residual, C> {
            match self {
                ControlFlow::Continue(c) => ControlFlow::Continue(c),
                ControlFlow::Break(b) => ControlFlow::Break(ControlFlow::Break(b)),
            }
        }
    }

    impl<T, E, F: From<E>> FromResidual<Result<Infallible, E>> for Result<T, F> {
        #[inline(always)]
        fn from_residual(residual: Result<Infallible, E>) -> Self {
            match residual {
                Err(e) => Err(From::from(e)),
            }
        }
    }
    impl<T> FromResidual<Option<Infallible>> for Option<T> {
        #[inline(always)]
        fn from_residual(_: Option<Infallible>) -> Self {
            None
        }
    }
    impl<T, E, F: From<E>> FromResidual<Result<Infallible, E>> for Poll<Result<T, F>> {
        #[inline(always)]
        fn from_residual(residual: Result<Infallible, E>) -> Self {
            match residual {
                Err(e) => Poll::Ready(Err(From::from(e))),
            }
        }
    }
    impl<T, E, F: From<E>> FromResidual<Result<Infallible, E>> for Poll<Option<Result<T, F>>> {
        #[inline(always)]
        fn from_residual(residual: Result<Infallible, E>) -> Self {
            match residual {
                Err(e) => Poll::Ready(Some(Err(From::from(e)))),
            }
        }
    }
    impl<B, C> FromResidual<ControlFlow<B, Infallible>> for ControlFlow<B, C> {
        #[inline(always)]
        fn from_residual(residual: ControlFlow<B, Infallible>) -> Self {
            match residual {
                ControlFlow::Break(b) => ControlFlow::Break(b),
            }
        }
    }
}

/// The borrow-check shadow: the function's original body, as a closure that is never
/// called. `args` are references to the real arguments; they give the closure's parameters
/// their types (even `impl Trait` ones, which a closure parameter cannot spell), and the
/// `Future<Output = O>` bound lets `?` and `return` in the body infer as they do natively.
#[inline(always)]
pub fn shadow<R: ArgRefs, O, F: Future<Output = O>>(_args: R, _body: impl FnOnce(R::Owned) -> F) {}

/// A tuple of references to the arguments, and the tuple of the arguments themselves.
pub trait ArgRefs {
    /// The argument types, by value.
    type Owned;
}

macro_rules! arg_refs {
    ($($name:ident)*) => {
        impl<'a, $($name: ?Sized + 'a),*> ArgRefs for ($(&'a $name,)*) where $($name: Sized),* {
            type Owned = ($($name,)*);
        }
    };
}
arg_refs!();
arg_refs!(A);
arg_refs!(A B);
arg_refs!(A B C);
arg_refs!(A B C D);
arg_refs!(A B C D E);
arg_refs!(A B C D E F);
arg_refs!(A B C D E F G);
arg_refs!(A B C D E F G H);
arg_refs!(A B C D E F G H I);
arg_refs!(A B C D E F G H I J);
arg_refs!(A B C D E F G H I J K);
arg_refs!(A B C D E F G H I J K L);
arg_refs!(A B C D E F G H I J K L M);
arg_refs!(A B C D E F G H I J K L M N);
arg_refs!(A B C D E F G H I J K L M N P);
arg_refs!(A B C D E F G H I J K L M N P Q);
