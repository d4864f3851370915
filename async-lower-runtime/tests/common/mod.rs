//! Shared by the runtime's test binaries: a hand-written lowered machine (what the
//! compiler will generate), a counting allocator, and small futures to drive tests.
#![allow(dead_code)]

use async_lower_runtime::machine::{Builder, MachineInfo, MachineState, StateInfo, StateMachine, detach, poll_in_place};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// The state enum of `async fn wait_for<A: Future>(fut: A) -> A::Output { fut.await }`,
/// written by hand the way `#[lower]` generates it.
pub enum WaitFor<A: Future> {
    Start { fut: A },
    Await0 { awaiter: Option<A> },
    Running,
}

impl<A: Future> MachineState for WaitFor<A> {
    const INFO: &'static MachineInfo = &MachineInfo {
        name: "wait_for",
        file: "tests/common/mod.rs",
        states: &[
            StateInfo { name: "Start", awaits: "", line: 1 },
            StateInfo { name: "Await0", awaits: "fut", line: 2 },
        ],
    };
    fn state_index(&self) -> usize {
        match self {
            WaitFor::Start { .. } => 0,
            WaitFor::Await0 { .. } => 1,
            WaitFor::Running => usize::MAX,
        }
    }
}

/// `wait_for` lowered, with builder `B`.
pub fn wait_for<B: Builder, A: Future>(fut: A) -> impl Future<Output = A::Output> {
    StateMachine::<_, _, B, A::Output>::start(WaitFor::Start { fut }, |mut state: Pin<&mut WaitFor<A>>, cx: &mut Context<'_>| loop {
        // SAFETY: the state is only replaced in place, never moved while the awaiter is live.
        let s = unsafe { detach(state.as_mut()) };
        match s {
            WaitFor::Start { .. } => {
                let WaitFor::Start { fut } = std::mem::replace(s, WaitFor::Running) else { unreachable!() };
                *s = WaitFor::Await0 { awaiter: Some(fut) };
            }
            WaitFor::Await0 { awaiter } => {
                // SAFETY: the awaiter was built in place in the pinned state and not moved since.
                match unsafe { poll_in_place(awaiter, cx) } {
                    Poll::Ready(v) => {
                        *s = WaitFor::Running;
                        return Poll::Ready(v);
                    }
                    Poll::Pending => return Poll::Pending,
                }
            }
            WaitFor::Running => unreachable!(),
        }
    })
}

/// Counts allocations made by the current thread (other test threads do not interfere).
pub struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
    static BYTES: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; the counters are const-initialised
// thread-locals without destructors, safe to touch inside the allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        let _ = BYTES.try_with(|c| c.set(c.get() + layout.size()));
        // SAFETY: forwarded.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        // SAFETY: forwarded.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// `(result, allocations, bytes)` made by this thread while `f` ran.
pub fn allocations<R>(f: impl FnOnce() -> R) -> (R, usize, usize) {
    let (a0, b0) = (ALLOCS.get(), BYTES.get());
    let r = f();
    (r, ALLOCS.get() - a0, BYTES.get() - b0)
}

/// N gates opened by hand; each `Gate` future counts its polls.
#[derive(Default)]
pub struct Gates {
    open: RefCell<Vec<bool>>,
    wakers: RefCell<Vec<Option<Waker>>>,
    pub polls: Cell<u64>,
}

impl Gates {
    pub fn new(n: usize) -> Rc<Gates> {
        Rc::new(Gates { open: RefCell::new(vec![false; n]), wakers: RefCell::new(vec![None; n]), polls: Cell::new(0) })
    }
    pub fn open(&self, i: usize) {
        self.open.borrow_mut()[i] = true;
        let w = self.wakers.borrow_mut()[i].take();
        if let Some(w) = w {
            w.wake();
        }
    }
    pub fn gate(self: &Rc<Self>, i: usize) -> Gate {
        Gate { gates: self.clone(), i }
    }
}

pub struct Gate {
    gates: Rc<Gates>,
    i: usize,
}

impl Future for Gate {
    type Output = usize;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        let g = &self.gates;
        g.polls.set(g.polls.get() + 1);
        if g.open.borrow()[self.i] {
            return Poll::Ready(self.i);
        }
        g.wakers.borrow_mut()[self.i] = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// Sets its flag when dropped: shows which futures were cancelled.
pub struct DropFlag(pub Rc<Cell<bool>>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

/// The process's thread count, from /proc/self/status.
pub fn thread_count() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("a Threads: line")
}

/// A panic payload as text.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}
