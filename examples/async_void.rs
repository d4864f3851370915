//! `async void` in Rust: a detached task, and what happens to its panic.
//!
//! C#'s `async void` has no `Task` to carry its exception, so the exception is rethrown on
//! the thread pool and ends the process. A Rust executor has a choice; the runtime makes
//! it explicit with `spawn_detached(future, PanicPolicy)`.
//!
//! Run: `cargo run --example async_void`. `tests/examples_twins.rs` checks the handler and
//! its twin (same log, same panic, same "resumed after panicking" on a later poll).

use async_lower::runtime::executor::{PanicPolicy, stats};
use async_lower::runtime::time::sleep;
use async_lower::runtime::{block_on, spawn, spawn_detached};
use std::cell::RefCell;
use std::time::Duration;

pub const STEP: Duration = Duration::from_millis(10);

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

pub fn log(event: impl Into<String>) {
    let event = event.into();
    println!("    {event}");
    LOG.with_borrow_mut(|l| l.push(event));
}

pub fn take_log() -> Vec<String> {
    LOG.take()
}

// ANCHOR: lowered
/// A click handler: saves, then fails on the second document. Nobody awaits it.
#[async_lower::lower]
pub async fn on_click(document: u32) {
    log(format!("saving document {document}"));
    sleep(STEP).await;
    if document == 2 {
        panic!("document {document} could not be saved");
    }
    log(format!("document {document} saved"));
}
// ANCHOR_END: lowered

/// `on_click`, written by hand.
pub mod by_hand {
    // ANCHOR: twin
    use super::{STEP, log};
    use async_lower::runtime::time::{Sleep, sleep};
    use std::future::Future;
    use std::mem;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub fn on_click(document: u32) -> OnClick {
        OnClick { state: State::Start { document } }
    }

    pub struct OnClick {
        state: State,
    }

    enum State {
        Start { document: u32 },
        Await0 { awaiter: Sleep, document: u32 },
        /// The body is running. Found at the *start* of a poll, it means the previous poll
        /// unwound out of the body (a panic) and left it here.
        Running,
        Returned,
    }

    impl Future for OnClick {
        type Output = ();

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            let state = &mut self.get_mut().state; // `Unpin`: nothing is borrowed across the await
            loop {
                // Taking the variant out leaves `Running` behind: if the body panics, the
                // locals it held are dropped by the unwinding, and `Running` stays.
                match mem::replace(state, State::Running) {
                    State::Start { document } => {
                        log(format!("saving document {document}"));
                        *state = State::Await0 { awaiter: sleep(STEP), document };
                    }
                    State::Await0 { mut awaiter, document } => {
                        if Pin::new(&mut awaiter).poll(cx).is_pending() {
                            *state = State::Await0 { awaiter, document };
                            return Poll::Pending;
                        }
                        drop(awaiter);
                        if document == 2 {
                            panic!("document {document} could not be saved");
                        }
                        log(format!("document {document} saved"));
                        *state = State::Returned;
                        return Poll::Ready(());
                    }
                    State::Running => panic!("`async fn` resumed after panicking"),
                    State::Returned => panic!("`async fn` resumed after completion"),
                }
            }
        }
    }
    // ANCHOR_END: twin
}

fn main() {
    // One line per panic instead of the default message (and backtrace).
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!(" (at {}:{})", l.file(), l.line())).unwrap_or_default();
        let payload = info.payload();
        let message = payload.downcast_ref::<String>().map(String::as_str).or(payload.downcast_ref::<&str>().copied());
        eprintln!("    panic: {}{at}", message.unwrap_or("?"));
    }));
    if std::env::args().any(|a| a == "--abort") {
        // Run by part 3 below, in a child process: C#'s behaviour.
        block_on(async {
            spawn_detached(on_click(2), PanicPolicy::Abort);
            sleep(3 * STEP).await;
        });
        unreachable!("the process aborts before this");
    }

    println!("1. Two clicks, handled by detached tasks; the second one panics (PanicPolicy::Report):");
    block_on(async {
        spawn_detached(on_click(1), PanicPolicy::Report);
        spawn_detached(on_click(2), PanicPolicy::Report);
        sleep(3 * STEP).await;
        log(format!("the program goes on; detached panics so far: {}", stats().detached_panics));
    });

    println!("\n2. The same handler spawned and awaited: the JoinHandle re-raises the panic in the awaiter");
    println!("   (C#: `await task` rethrows the task's exception):");
    let caught = std::panic::catch_unwind(|| block_on(async { spawn(on_click(2)).await }));
    log(format!("block_on unwound: {}", caught.is_err()));

    println!("\n3. PanicPolicy::Abort, C#'s choice, in a child process:");
    let status = std::process::Command::new(std::env::current_exe().unwrap()).arg("--abort").status().unwrap();
    println!("    the child process ended with {status}: the whole program is gone");
}
