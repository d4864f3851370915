//! Cancellation two ways: a token the function checks (C#'s only way), and dropping the
//! future (Rust's own), which drops exactly the locals of the state it was suspended in.
//!
//! Run: `cargo run --example cancellation`. `tests/examples_twins.rs` checks that the
//! annotated function and its hand-written twin drop the same locals in the same order in
//! all three runs.

use async_lower::runtime::cancel::CancellationToken;
use async_lower::runtime::block_on;
use async_lower::runtime::time::{sleep, timeout};
use std::cell::RefCell;
use std::future::{Future, poll_fn};
use std::task::Poll;
use std::time::Duration;

/// One step of the transfer.
pub const STEP: Duration = Duration::from_millis(20);

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Records (and prints) one event.
pub fn log(event: impl Into<String>) {
    let event = event.into();
    println!("    {event}");
    LOG.with_borrow_mut(|l| l.push(event));
}

/// Returns the events recorded on this thread so far, and forgets them.
pub fn take_log() -> Vec<String> {
    LOG.take()
}

/// A local that says when it is created and when it is dropped.
pub struct Noisy(&'static str);

impl Noisy {
    pub fn new(name: &'static str) -> Noisy {
        log(format!("+ {name}"));
        Noisy(name)
    }
}

impl Drop for Noisy {
    fn drop(&mut self) {
        log(format!("- {}", self.0));
    }
}

// ANCHOR: lowered
/// Opens a connection, fills a buffer, writes a receipt: three steps, three awaits.
/// It checks the token once, where stopping is clean (nothing half-written).
#[async_lower::lower]
#[allow(unused_variables)] // the locals exist to be dropped, at the right moment
pub async fn transfer(token: &CancellationToken) -> Result<u32, &'static str> {
    let connection = Noisy::new("connection");
    sleep(STEP).await;
    let buffer = Noisy::new("buffer");
    if token.is_cancelled() {
        log("token is cancelled: returning early");
        return Err("cancelled");
    }
    sleep(STEP).await;
    let receipt = Noisy::new("receipt");
    sleep(STEP).await;
    log("transfer complete");
    Ok(42)
}
// ANCHOR_END: lowered

/// `transfer`, written by hand.
pub mod by_hand {
    // ANCHOR: twin
    use super::{Noisy, STEP, log};
    use async_lower::runtime::cancel::CancellationToken;
    use async_lower::runtime::time::{Sleep, sleep};
    use std::future::Future;
    use std::mem;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub fn transfer(token: &CancellationToken) -> Transfer<'_> {
        Transfer { state: State::Start { token } }
    }

    /// Nothing borrows a neighbour here (`token` points outside the state), so the
    /// machine is `Unpin` and its variants can be moved freely: no `unsafe`.
    pub struct Transfer<'t> {
        state: State<'t>,
    }

    /// Dropping the future drops the current variant: its fields in declaration order,
    /// so the awaiter first, then the locals from the newest to the oldest, the order in
    /// which a native `async fn` drops them. That order is the whole point of this example.
    enum State<'t> {
        Start { token: &'t CancellationToken },
        Await0 { awaiter: Sleep, connection: Noisy, token: &'t CancellationToken },
        Await1 { awaiter: Sleep, buffer: Noisy, connection: Noisy, token: &'t CancellationToken },
        Await2 { awaiter: Sleep, receipt: Noisy, buffer: Noisy, connection: Noisy, token: &'t CancellationToken },
        Running,
        Returned,
    }

    impl Future for Transfer<'_> {
        type Output = Result<u32, &'static str>;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
            let state = &mut self.get_mut().state;
            loop {
                match mem::replace(state, State::Running) {
                    State::Start { token } => {
                        let connection = Noisy::new("connection");
                        *state = State::Await0 { awaiter: sleep(STEP), connection, token };
                    }
                    State::Await0 { mut awaiter, connection, token } => {
                        if Pin::new(&mut awaiter).poll(cx).is_pending() {
                            *state = State::Await0 { awaiter, connection, token };
                            return Poll::Pending;
                        }
                        drop(awaiter);
                        let buffer = Noisy::new("buffer");
                        if token.is_cancelled() {
                            log("token is cancelled: returning early");
                            // `return`: the locals in scope drop, newest first.
                            drop(buffer);
                            drop(connection);
                            *state = State::Returned;
                            return Poll::Ready(Err("cancelled"));
                        }
                        // `token` is not used any more, but a parameter lives to the end of
                        // the body (and drops after the locals), so it stays parked.
                        *state = State::Await1 { awaiter: sleep(STEP), buffer, connection, token };
                    }
                    State::Await1 { mut awaiter, buffer, connection, token } => {
                        if Pin::new(&mut awaiter).poll(cx).is_pending() {
                            *state = State::Await1 { awaiter, buffer, connection, token };
                            return Poll::Pending;
                        }
                        drop(awaiter);
                        let receipt = Noisy::new("receipt");
                        *state = State::Await2 { awaiter: sleep(STEP), receipt, buffer, connection, token };
                    }
                    State::Await2 { mut awaiter, receipt, buffer, connection, token } => {
                        if Pin::new(&mut awaiter).poll(cx).is_pending() {
                            *state = State::Await2 { awaiter, receipt, buffer, connection, token };
                            return Poll::Pending;
                        }
                        drop(awaiter);
                        log("transfer complete");
                        // The end of the body: the locals drop, newest first, then the parameters.
                        drop(receipt);
                        drop(buffer);
                        drop(connection);
                        let _ = token;
                        *state = State::Returned;
                        return Poll::Ready(Ok(42));
                    }
                    State::Running => unreachable!("a previous poll panicked mid-body"),
                    State::Returned => panic!("`async fn` resumed after completion"),
                }
            }
        }
    }
    // ANCHOR_END: twin
}

/// How a run of `transfer` ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// Left alone: completes.
    Complete,
    /// The token is cancelled while the first step runs; the function notices after it.
    Token,
    /// The future is dropped while it waits in the second step, as a timeout would drop it.
    Drop,
}

/// Runs one scenario with `transfer` (the annotated function or its twin) and returns
/// the output (`None` when it was dropped) and the event log.
///
/// `transfer` takes the token with the caller's lifetime `'t` rather than any lifetime
/// (`for<'t>`): a lowered function names its lifetimes, which makes them early-bound.
pub fn run<'t, F: Future<Output = Result<u32, &'static str>>>(
    scenario: Scenario,
    token: &'t CancellationToken,
    transfer: impl FnOnce(&'t CancellationToken) -> F,
) -> (Option<Result<u32, &'static str>>, Vec<String>) {
    take_log();
    let output = block_on(async {
        let mut transfer = Box::pin(transfer(token));
        match scenario {
            Scenario::Complete => Some(transfer.await),
            Scenario::Token => {
                // Poll once: the function starts its first step and suspends there.
                let first = poll_fn(|cx| Poll::Ready(transfer.as_mut().poll(cx))).await;
                assert!(first.is_pending());
                log("cancel() called");
                token.cancel();
                Some(transfer.await)
            }
            Scenario::Drop => {
                // What `timeout` does, at a moment chosen exactly: poll until the function
                // waits in its second step (its log says so), then drop it.
                poll_fn(|cx| match transfer.as_mut().poll(cx) {
                    Poll::Ready(_) => unreachable!("it waits three steps"),
                    Poll::Pending if LOG.with_borrow(|l| l.iter().any(|e| e == "+ buffer")) => Poll::Ready(()),
                    Poll::Pending => Poll::Pending,
                })
                .await;
                log("dropping the future, which waits in its second step:");
                drop(transfer);
                None
            }
        }
    });
    (output, take_log())
}

fn main() {
    for (title, scenario) in [
        ("1. left alone", Scenario::Complete),
        ("2. cancelled by a token during the first step", Scenario::Token),
        ("3. dropped while waiting in the second step", Scenario::Drop),
    ] {
        println!("{title}:");
        let (output, _) = run(scenario, &CancellationToken::new(), transfer);
        println!("  -> {output:?}\n");
    }
    println!("In 3, the future was dropped in state Await1, which holds `buffer`, `connection` (and the");
    println!("`token` argument): they were dropped, newest first; `receipt`, declared after that await,");
    println!("never existed.");

    println!("\n4. the everyday way to drop a future: a timeout of 1.5 steps");
    take_log();
    let output = block_on(timeout(STEP * 3 / 2, transfer(&CancellationToken::new())));
    println!("  -> {output:?}");

    println!("\nThe hand-written twin, dropped in its second step:");
    let (output, _) = run(Scenario::Drop, &CancellationToken::new(), by_hand::transfer);
    println!("  -> {output:?}");
}
