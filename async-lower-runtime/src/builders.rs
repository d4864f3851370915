//! Builders: where a lowered machine lives and who hears about its transitions.
//!
//! Use one with `#[async_lower::lower(builder = async_lower::runtime::builders::Pooled)]`;
//! the generated code calls `StateMachine::<_, _, Pooled, Output>::start(...)`.
//!
//! | builder | C# counterpart | `Task<M>` | allocations per call |
//! |---|---|---|---|
//! | [`DefaultBuilder`](crate::DefaultBuilder) | the struct state machine of a release build, never boxed when it completes synchronously | `M` | 0 |
//! | [`Tracing`] | an `AsyncMethodBuilder` that logs (as the debugger's async call stacks see it) | `M` | 0 |
//! | [`Boxed`] | the class state machine of a debug build (`AsyncStateMachineBox`) | `Pin<Box<M>>` | 1 |
//! | [`Pooled`] | `PoolingAsyncValueTaskMethodBuilder` | [`PooledBox<M>`] | 0 in steady state |

use crate::machine::{Builder, MachineInfo};
use core::alloc::Layout;
use core::cell::{Cell, RefCell};
use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicBool, Ordering};
use core::task::{Context, Poll};
use std::fmt;

// ---------------------------------------------------------------------------------------
// Tracing

/// Reports every transition of the machine (start, suspend, resume, complete, panic):
///
/// - as a `tracing` event, target `async_lower::machine`, level `TRACE` (`DEBUG` for
///   panics), with the fields `function`, `state`, `awaits`, `line`;
/// - to stderr, after [`Tracing::print_to_stderr`]`(true)`, one readable line each;
/// - to a list, inside [`Tracing::record`];
/// - to the executor's deadlock report, which names the `await` each stuck task waits on.
///
/// The machine stays by value (`Task<M> = M`), so the only cost is the reporting.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tracing;

/// What happened to a machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionKind {
    /// First poll: the body starts (C#: `builder.Start`).
    Start,
    /// A later poll resumes the machine from the state it waited in.
    Resume,
    /// The poll returned `Pending` in this state (C#: `AwaitUnsafeOnCompleted`).
    Suspend,
    /// The body returned (C#: `SetResult`).
    Complete,
    /// The body panicked (C#: `SetException`).
    Panic,
}

/// One transition of a machine built with [`Tracing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// The function's name.
    pub function: &'static str,
    /// What happened.
    pub kind: TransitionKind,
    /// The state's name (`Start`, `Await0`, ...); empty for `Complete` and `Panic`.
    pub state: &'static str,
    /// The awaited expression's source text (empty for `Start`, `Complete`, `Panic`).
    pub awaits: &'static str,
    /// The await's line (the function's line for `Start`).
    pub line: u32,
}

impl fmt::Display for Transition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            TransitionKind::Start => write!(f, "{}: start (line {})", self.function, self.line),
            TransitionKind::Resume => {
                write!(f, "{}: resume {} -> Running (`{}` is ready, line {})", self.function, self.state, self.awaits, self.line)
            }
            TransitionKind::Suspend => {
                write!(f, "{}: Running -> {} (awaiting `{}`, line {})", self.function, self.state, self.awaits, self.line)
            }
            TransitionKind::Complete => write!(f, "{}: Running -> Returned", self.function),
            TransitionKind::Panic => write!(f, "{}: Running -> Panicked", self.function),
        }
    }
}

static PRINT: AtomicBool = AtomicBool::new(false);

thread_local! {
    static RECORDING: RefCell<Option<Vec<Transition>>> = const { RefCell::new(None) };
}

impl Tracing {
    /// Prints every transition to stderr (for a learner without a `tracing` subscriber).
    pub fn print_to_stderr(on: bool) {
        PRINT.store(on, Ordering::Relaxed);
    }

    /// Runs `f` and returns, beside its result, the transitions this thread saw meanwhile.
    pub fn record<R>(f: impl FnOnce() -> R) -> (R, Vec<Transition>) {
        let outer = RECORDING.replace(Some(Vec::new()));
        struct Restore(Option<Option<Vec<Transition>>>);
        impl Drop for Restore {
            fn drop(&mut self) {
                if let Some(outer) = self.0.take() {
                    RECORDING.set(outer);
                }
            }
        }
        let mut restore = Restore(Some(outer));
        let r = f();
        let seen = RECORDING.replace(restore.0.take().expect("set above")).unwrap_or_default();
        (r, seen)
    }

    fn report(info: &'static MachineInfo, kind: TransitionKind, state: usize) {
        let st = info.states.get(state);
        let t = Transition {
            function: info.name,
            kind,
            state: if matches!(kind, TransitionKind::Complete | TransitionKind::Panic) { "" } else { info.state_name(state) },
            awaits: st.map_or("", |s| s.awaits),
            line: st.map_or(0, |s| s.line),
        };
        if kind == TransitionKind::Panic {
            tracing::debug!(target: "async_lower::machine", function = t.function, "panicked");
        } else {
            tracing::trace!(
                target: "async_lower::machine",
                function = t.function, kind = ?t.kind, state = t.state, awaits = t.awaits, line = t.line,
                "{t}"
            );
        }
        if PRINT.load(Ordering::Relaxed) {
            eprintln!("[async-lower] {t}");
        }
        let _ = RECORDING.try_with(|r| {
            if let Some(v) = r.borrow_mut().as_mut() {
                v.push(t);
            }
        });
    }
}

impl Builder for Tracing {
    type Task<M: Future> = M;
    #[inline(always)]
    fn create<M: Future>(machine: M) -> M {
        machine
    }
    fn on_start(info: &'static MachineInfo) {
        Self::report(info, TransitionKind::Start, 0);
    }
    fn on_resume(info: &'static MachineInfo, state: usize) {
        Self::report(info, TransitionKind::Resume, state);
    }
    fn on_suspend(info: &'static MachineInfo, state: usize) {
        crate::diagnose::record_suspend(info, state);
        Self::report(info, TransitionKind::Suspend, state);
    }
    fn on_complete(info: &'static MachineInfo) {
        Self::report(info, TransitionKind::Complete, usize::MAX);
    }
    fn on_panic(info: &'static MachineInfo) {
        Self::report(info, TransitionKind::Panic, usize::MAX);
    }
}

// ---------------------------------------------------------------------------------------
// Boxed

/// Puts each machine in its own `Box` (C#'s class state machine, as in debug builds):
/// one allocation per call, and the returned future is `Unpin` and of fixed size.
#[derive(Debug, Clone, Copy, Default)]
pub struct Boxed;

impl Builder for Boxed {
    type Task<M: Future> = Pin<Box<M>>;
    fn create<M: Future>(machine: M) -> Pin<Box<M>> {
        Box::pin(machine)
    }
}

// ---------------------------------------------------------------------------------------
// Pooled

/// Like [`Boxed`], but the box comes from a per-thread free list and goes back to it when
/// the machine is dropped (C#'s `PoolingAsyncValueTaskMethodBuilder`): once the pool has
/// a block of the machine's layout, a call allocates nothing.
///
/// Blocks are pooled per layout (size and alignment): generic statics do not exist in
/// Rust, and machines of the same layout can share blocks. At most
/// [`Pooled::MAX_PER_LAYOUT`] blocks are kept per layout and thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pooled;

impl Pooled {
    /// Blocks kept per layout and thread; beyond that, freed blocks go back to the allocator.
    pub const MAX_PER_LAYOUT: usize = 64;

    /// `(reused, allocated)`: boxes this thread took from its pool, and from the allocator.
    pub fn stats() -> (u64, u64) {
        POOL_STATS.with(|s| (s.0.get(), s.1.get()))
    }
}

struct FreeList {
    layout: Layout,
    blocks: Vec<NonNull<u8>>,
}

/// The thread's pools. Freed at thread exit.
struct Pools(Vec<FreeList>);

impl Drop for Pools {
    fn drop(&mut self) {
        for list in &mut self.0 {
            for block in list.blocks.drain(..) {
                // SAFETY: every pooled block was allocated with this layout.
                unsafe { std::alloc::dealloc(block.as_ptr(), list.layout) };
            }
        }
    }
}

thread_local! {
    static POOLS: RefCell<Pools> = const { RefCell::new(Pools(Vec::new())) };
    static POOL_STATS: (Cell<u64>, Cell<u64>) = const { (Cell::new(0), Cell::new(0)) };
}

fn take_block(layout: Layout) -> NonNull<u8> {
    let reused = POOLS
        .try_with(|p| p.borrow_mut().0.iter_mut().find(|l| l.layout == layout).and_then(|l| l.blocks.pop()))
        .ok()
        .flatten();
    if let Some(block) = reused {
        let _ = POOL_STATS.try_with(|s| s.0.set(s.0.get() + 1));
        return block;
    }
    let _ = POOL_STATS.try_with(|s| s.1.set(s.1.get() + 1));
    // SAFETY: the layout is non-zero-sized (checked by the caller).
    let p = unsafe { std::alloc::alloc(layout) };
    NonNull::new(p).unwrap_or_else(|| std::alloc::handle_alloc_error(layout))
}

fn give_block(layout: Layout, block: NonNull<u8>) {
    let kept = POOLS
        .try_with(|p| {
            let mut pools = p.borrow_mut();
            let index = match pools.0.iter().position(|l| l.layout == layout) {
                Some(i) => i,
                None => {
                    pools.0.push(FreeList { layout, blocks: Vec::with_capacity(Pooled::MAX_PER_LAYOUT) });
                    pools.0.len() - 1
                }
            };
            let list = &mut pools.0[index];
            (list.blocks.len() < Pooled::MAX_PER_LAYOUT).then(|| list.blocks.push(block)).is_some()
        })
        .unwrap_or(false);
    if !kept {
        // SAFETY: the block was allocated with this layout.
        unsafe { std::alloc::dealloc(block.as_ptr(), layout) };
    }
}

/// A machine in a pooled box: what [`Pooled`] returns. `Unpin` (the machine never moves
/// out of its block), `Send` if the machine is.
pub struct PooledBox<M> {
    ptr: NonNull<M>,
    _owns: PhantomData<M>,
}

// SAFETY: `PooledBox<M>` owns an `M` like `Box<M>` does; the pool it returns to is the
// dropping thread's, which is sound since blocks are plain memory from the global allocator.
unsafe impl<M: Send> Send for PooledBox<M> {}
// SAFETY: `&PooledBox<M>` gives no access to the machine at all (only its size, in
// `Debug`), so sharing the box is as safe as sharing `M`.
unsafe impl<M: Sync> Sync for PooledBox<M> {}
impl<M> Unpin for PooledBox<M> {}

impl<M> PooledBox<M> {
    fn new(machine: M) -> Self {
        let layout = Layout::new::<M>();
        let ptr = if layout.size() == 0 { NonNull::dangling() } else { take_block(layout).cast::<M>() };
        // SAFETY: `ptr` is valid for writes of `M` (a block of its layout, or dangling for a ZST).
        unsafe { ptr.as_ptr().write(machine) };
        PooledBox { ptr, _owns: PhantomData }
    }
}

impl<M: Future> Future for PooledBox<M> {
    type Output = M::Output;
    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<M::Output> {
        // SAFETY: the machine stays in its block until `drop` drops it in place.
        unsafe { Pin::new_unchecked(&mut *self.ptr.as_ptr()) }.poll(cx)
    }
}

impl<M> Drop for PooledBox<M> {
    fn drop(&mut self) {
        struct GiveBack(NonNull<u8>, Layout);
        impl Drop for GiveBack {
            fn drop(&mut self) {
                if self.1.size() != 0 {
                    give_block(self.1, self.0);
                }
            }
        }
        // Returned to the pool even if the machine's drop panics.
        let _give_back = GiveBack(self.ptr.cast(), Layout::new::<M>());
        // SAFETY: the block holds a live `M` that is dropped exactly once, here.
        unsafe { core::ptr::drop_in_place(self.ptr.as_ptr()) };
    }
}

impl<M> fmt::Debug for PooledBox<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PooledBox").field("size", &core::mem::size_of::<M>()).finish()
    }
}

impl Builder for Pooled {
    type Task<M: Future> = PooledBox<M>;
    #[inline]
    fn create<M: Future>(machine: M) -> PooledBox<M> {
        PooledBox::new(machine)
    }
}
