//! Processing futures in completion order: `when_each` (C#'s `Task.WhenEach`, .NET 9)
//! against the classic `WhenAny` loop, counting how often the timers are polled.
//!
//! Run: `cargo run --release --example when_each`. `tests/examples_twins.rs` checks that
//! the annotated function and its twin see the same order with the same number of polls.

use async_lower::runtime::block_on;
use async_lower::runtime::combinators::when_each;
use async_lower::runtime::time::{Sleep, sleep};
use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// A timer that counts how often it is polled, and outputs its own index.
pub struct Delay {
    index: usize,
    sleep: Sleep,
    polls: Rc<Cell<u64>>,
}

impl Future for Delay {
    type Output = usize;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        self.polls.set(self.polls.get() + 1);
        let index = self.index;
        Pin::new(&mut self.sleep).poll(cx).map(|()| index)
    }
}

/// `count` timers whose deadlines are `spacing` apart, in a shuffled order (a fixed
/// permutation, so every run sees the same order). All count into `polls`.
pub fn delays(count: usize, spacing: Duration, polls: &Rc<Cell<u64>>) -> Vec<Delay> {
    // 7919 is prime, so `i * 7919 % count` visits every slot once when count is not a multiple of it.
    (0..count)
        .map(|index| Delay { index, sleep: sleep(spacing * (1 + (index * 7919 % count)) as u32), polls: polls.clone() })
        .collect()
}

// ANCHOR: lowered
/// The timers' indices, in the order they complete. `when_each` gives each timer its own
/// waker, so a wake marks exactly one timer to poll: 2 polls per timer in all.
#[async_lower::lower]
pub async fn in_completion_order(delays: Vec<Delay>) -> Vec<usize> {
    let mut each = when_each(delays);
    let mut order = Vec::new();
    while let Some((_, index)) = each.next().await {
        order.push(index);
    }
    order
}
// ANCHOR_END: lowered

// ANCHOR: naive
/// C#'s `while (tasks.Count > 0) { var t = await Task.WhenAny(tasks); tasks.Remove(t); }`:
/// each round polls every timer still pending, so N timers cost O(N²) polls.
pub async fn naive_loop(delays: Vec<Delay>) -> Vec<usize> {
    let mut pending = delays;
    let mut order = Vec::new();
    while !pending.is_empty() {
        let (position, index) = first_ready(&mut pending).await;
        pending.remove(position);
        order.push(index);
    }
    order
}

/// `WhenAny`: polls them all, returns the first one that is ready.
fn first_ready(pending: &mut [Delay]) -> impl Future<Output = (usize, usize)> + '_ {
    poll_fn(move |cx| {
        for (position, delay) in pending.iter_mut().enumerate() {
            if let Poll::Ready(index) = Pin::new(delay).poll(cx) {
                return Poll::Ready((position, index));
            }
        }
        Poll::Pending
    })
}
// ANCHOR_END: naive

/// `in_completion_order`, written by hand.
pub mod by_hand {
    // ANCHOR: twin
    use super::Delay;
    use async_lower::runtime::combinators::{Next, WhenEach, when_each};
    use std::future::Future;
    use std::marker::PhantomPinned;
    use std::mem;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub fn in_completion_order(delays: Vec<Delay>) -> InCompletionOrder {
        InCompletionOrder { state: State::Start { delays }, _pin: PhantomPinned }
    }

    /// `each.next()` borrows `each`, which lives in the same variant as the awaiter: a
    /// self-reference again, so this machine must be pinned (`!Unpin`).
    pub struct InCompletionOrder {
        state: State,
        _pin: PhantomPinned,
    }

    /// One await inside a `while let`: the loop head is the only suspension point, so
    /// there is a single `Await0`, entered once per completed timer.
    enum State {
        Start { delays: Vec<Delay> },
        /// Waiting in `each.next().await`. The awaiter borrows `each`; the struct has no
        /// lifetime to name, so the borrow is stored as `'static` (see `start_next`).
        Await0 { awaiter: Option<Next<'static, Delay>>, order: Vec<usize>, each: WhenEach<Delay> },
        Running,
        Returned,
    }

    impl Future for InCompletionOrder {
        type Output = Vec<usize>;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<usize>> {
            // SAFETY: the state is only replaced after its awaiter is gone (see copy_stream).
            let state = unsafe { &mut self.get_unchecked_mut().state };
            loop {
                match state {
                    State::Start { .. } => {
                        let State::Start { delays } = mem::replace(state, State::Running) else { unreachable!() };
                        let each = when_each(delays);
                        let order = Vec::new();
                        *state = State::Await0 { awaiter: None, order, each };
                        start_next(state);
                    }
                    State::Await0 { awaiter, order, .. } => {
                        let next = awaiter.as_mut().expect("awaiter is set");
                        let Poll::Ready(item) = Pin::new(next).poll(cx) else {
                            return Poll::Pending;
                        };
                        *awaiter = None; // the borrow of `each` ends here
                        match item {
                            // The loop body, then back to the loop head: a new `each.next()`.
                            // `order` and `each` stay parked: nothing needs to move them.
                            Some((_, index)) => {
                                order.push(index);
                                start_next(state);
                            }
                            // The loop ends: `order` is returned, `each` dropped.
                            None => {
                                let State::Await0 { order, .. } = mem::replace(state, State::Returned) else {
                                    unreachable!()
                                };
                                return Poll::Ready(order);
                            }
                        }
                    }
                    State::Running => unreachable!("a previous poll panicked mid-body"),
                    State::Returned => panic!("`async fn` resumed after completion"),
                }
            }
        }
    }

    /// Builds `each.next()` in place, borrowing the `each` parked beside it.
    fn start_next(state: &mut State) {
        let State::Await0 { awaiter, each, .. } = state else { unreachable!() };
        // SAFETY: `each` lives in the pinned state and is neither moved nor used while the
        // awaiter exists; the awaiter is cleared (or dropped first, being declared first)
        // before `each` can go. `'static` is a lie the borrow checker never sees used.
        let each: &'static mut WhenEach<Delay> = unsafe { &mut *(each as *mut WhenEach<Delay>) };
        *awaiter = Some(each.next());
    }
    // ANCHOR_END: twin
}

/// Runs `process` on `count` fresh timers; returns the order, the timers' polls and the time.
pub fn measure(
    count: usize,
    spacing: Duration,
    process: impl AsyncFnOnce(Vec<Delay>) -> Vec<usize>,
) -> (Vec<usize>, u64, Duration) {
    let polls = Rc::new(Cell::new(0));
    let started = Instant::now();
    let order = block_on(process(delays(count, spacing, &polls)));
    (order, polls.get(), started.elapsed())
}

fn main() {
    let spacing = Duration::from_micros(500);
    println!("timers   naive WhenAny loop       when_each              twin (by hand)");
    for count in [10, 100, 1000] {
        let (naive_order, naive_polls, naive_time) = measure(count, spacing, naive_loop);
        let (order, polls, time) = measure(count, spacing, in_completion_order);
        let (twin_order, twin_polls, _) = measure(count, spacing, by_hand::in_completion_order);
        for other in [&naive_order, &twin_order] {
            assert_eq!(sorted(other), sorted(&order), "every timer, once");
        }
        println!(
            "{count:>6}   {naive_polls:>8} polls {naive_time:>7.1?}   {polls:>6} polls {time:>7.1?}   {twin_polls:>6} polls"
        );
    }
    println!("\nThe naive loop polls every pending timer when a round starts, and again (up to the");
    println!("ready one) when woken: about 3/4 N² polls. when_each polls only the woken timer: 2N.");
    println!("Timers that fire in the same wake may come out in a different order in each run.");
}

fn sorted(order: &[usize]) -> Vec<usize> {
    let mut sorted = order.to_vec();
    sorted.sort_unstable();
    sorted
}
