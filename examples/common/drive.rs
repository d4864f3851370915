//! The smallest possible executor, for futures that never wait on anything outside
//! themselves (our in-memory I/O wakes the task before it returns `Pending`).
//!
//! It counts polls, so a function and its hand-written twin can be compared poll for poll.
//! The project's runtime (`async_lower::runtime`) is the real executor; this one is here so
//! the first examples need nothing but `std`.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Polls `future` until it is ready; returns its output and how many polls it took.
pub fn block_on_counting<F: Future>(future: F) -> (F::Output, usize) {
    let mut future = pin!(future);
    // A waker that does nothing is enough: we poll again right away anyway. A real
    // executor would park the thread until `wake` is called.
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return (output, polls);
        }
    }
}

/// Polls `future` at most `max_polls` times, then drops it: cancellation, Rust style.
/// Returns the output if it finished in time, and the number of polls made.
pub fn poll_then_drop<F: Future>(future: F, max_polls: usize) -> (Option<F::Output>, usize) {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for polls in 1..=max_polls {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return (Some(output), polls);
        }
    }
    (None, max_polls) // `future` is dropped here, wherever it was suspended.
}
