//! Where the state machine lives, counted in allocations: by value, in a box per call (a
//! C# class state machine), in a pooled box (`PoolingAsyncValueTaskMethodBuilder`), in a
//! spawned task (C#'s `AsyncStateMachineBox`), behind `dyn Future`.
//!
//! Run: `cargo run --release --example pooling`. `tests/examples_twins.rs` checks the
//! function and its twin allocate the same under each builder.

use async_lower::runtime::builders::{Boxed, Pooled};
use async_lower::runtime::executor::yield_now;
use async_lower::runtime::{Builder, block_on, spawn};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

/// The system allocator, counting the allocations of each thread.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

// SAFETY: forwards to `System`; the counter is a const-initialised thread-local, which
// does not allocate (and `try_with` tolerates threads being torn down).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded from the caller.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded from the caller.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded from the caller.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocations made by this thread so far.
pub fn allocations() -> u64 {
    ALLOCATIONS.with(Cell::get)
}

// ANCHOR: lowered
/// The same small function three times; only the builder differs.
#[async_lower::lower]
pub async fn add_later(a: u64, b: u64) -> u64 {
    yield_now().await; // really suspends: one trip through the executor
    a + b
}

#[async_lower::lower(builder = async_lower::runtime::builders::Boxed)]
pub async fn add_later_boxed(a: u64, b: u64) -> u64 {
    yield_now().await;
    a + b
}

#[async_lower::lower(builder = async_lower::runtime::builders::Pooled)]
pub async fn add_later_pooled(a: u64, b: u64) -> u64 {
    yield_now().await;
    a + b
}
// ANCHOR_END: lowered

/// `add_later`, written by hand.
pub mod by_hand {
    // ANCHOR: twin
    use async_lower::runtime::executor::{YieldNow, yield_now};
    use std::future::Future;
    use std::mem;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    /// By value: the caller gets the machine itself. Where it then lives is the caller's
    /// business (its own state, its stack, a box): compare `Builder::create` in `main`.
    pub fn add_later(a: u64, b: u64) -> AddLater {
        AddLater { state: State::Start { a, b } }
    }

    pub struct AddLater {
        state: State,
    }

    enum State {
        Start { a: u64, b: u64 },
        Await0 { awaiter: YieldNow, b: u64, a: u64 },
        Running,
        Returned,
    }

    impl Future for AddLater {
        type Output = u64;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
            let state = &mut self.get_mut().state;
            loop {
                match mem::replace(state, State::Running) {
                    State::Start { a, b } => *state = State::Await0 { awaiter: yield_now(), b, a },
                    State::Await0 { mut awaiter, b, a } => {
                        if Pin::new(&mut awaiter).poll(cx).is_pending() {
                            *state = State::Await0 { awaiter, b, a };
                            return Poll::Pending;
                        }
                        *state = State::Returned;
                        return Poll::Ready(a + b);
                    }
                    State::Running => panic!("`async fn` resumed after panicking"),
                    State::Returned => panic!("`async fn` resumed after completion"),
                }
            }
        }
    }
    // ANCHOR_END: twin
}

/// Calls `call` `calls` times in a row, awaiting each, and returns the allocations per
/// call (after one warm-up call, which may fill the executor's queue or the pool).
pub fn allocations_per_call<F: Future<Output = u64>>(calls: u64, call: impl Fn(u64) -> F) -> f64 {
    block_on(async {
        assert_eq!(call(1).await, 2);
        let before = allocations();
        for i in 0..calls {
            assert_eq!(call(i).await, 2 * i);
        }
        (allocations() - before) as f64 / calls as f64
    })
}

/// A future behind a `dyn` boundary, as `async-trait` returns every call.
fn boxed_dyn(a: u64, b: u64) -> Pin<Box<dyn Future<Output = u64>>> {
    Box::pin(add_later(a, b))
}

fn main() {
    const CALLS: u64 = 10_000;
    let row = |what: &str, per_call: f64, size: usize| println!("  {what:<46} {per_call:>5.2}   {size:>4} B");
    println!("  {:<46} {:>5}   {:>6}", "where the machine lives", "allocs/call", "size");
    row("by value (default builder)", allocations_per_call(CALLS, |i| add_later(i, i)), size_of_val(&add_later(0, 0)));
    row("a Box per call (Boxed: a C# class)", allocations_per_call(CALLS, |i| add_later_boxed(i, i)), size_of_val(&add_later_boxed(0, 0)));
    row("a pooled box (Pooled)", allocations_per_call(CALLS, |i| add_later_pooled(i, i)), size_of_val(&add_later_pooled(0, 0)));
    row("a spawned task (header + machine)", allocations_per_call(CALLS, |i| spawn(add_later(i, i))), spawn_size_probe());
    row("behind `dyn Future` (async-trait style)", allocations_per_call(CALLS, |i| boxed_dyn(i, i)), size_of_val(&boxed_dyn(0, 0)));
    println!("\n  the hand-written twin, handed to each builder:");
    row("the twin by value", allocations_per_call(CALLS, |i| by_hand::add_later(i, i)), size_of_val(&by_hand::add_later(0, 0)));
    row("Boxed::create(twin)", allocations_per_call(CALLS, |i| Boxed::create(by_hand::add_later(i, i))), size_of_val(&Boxed::create(by_hand::add_later(0, 0))));
    row("Pooled::create(twin)", allocations_per_call(CALLS, |i| Pooled::create(by_hand::add_later(i, i))), size_of_val(&Pooled::create(by_hand::add_later(0, 0))));
    let (reused, allocated) = Pooled::stats();
    println!("\n  the pool on this thread: {reused} boxes reused, {allocated} taken from the allocator");
}

/// A `JoinHandle`'s size (the machine itself is in the task's allocation).
fn spawn_size_probe() -> usize {
    block_on(async { size_of_val(&spawn(add_later(0, 0))) })
}
