//! Ambient data that flows with the code: C#'s `AsyncLocal<T>` (carried by the
//! `ExecutionContext`), the runtime's task-locals that copy it, and tokio's, which do not
//! flow into spawned tasks.
//!
//! Run: `cargo run --example async_local`. `tests/examples_twins.rs` checks the annotated
//! function against its twin.

use async_lower::runtime::time::sleep;
use async_lower::runtime::{block_on, spawn, task_local};
use std::time::Duration;

task_local! {
    /// The request being handled (C#: `static AsyncLocal<string> RequestId`).
    pub static REQUEST_ID: String;
}

pub const STEP: Duration = Duration::from_millis(5);

// ANCHOR: lowered
/// Reads the request id at each step: across an await, in a spawned task, in a spawned
/// task that sets its own value, and back in the parent afterwards.
#[async_lower::lower]
pub async fn handle_request() -> Vec<String> {
    let mut seen = vec![format!("before the await:     {}", REQUEST_ID.get())];
    sleep(STEP).await;
    seen.push(format!("after the await:      {}", REQUEST_ID.get()));
    let child = spawn(async { REQUEST_ID.get() });
    seen.push(format!("in a spawned task:    {}", child.await));
    let own = spawn(REQUEST_ID.scope("req-42/retry".into(), async { REQUEST_ID.get() }));
    seen.push(format!("a child's own value:  {}", own.await));
    seen.push(format!("the parent's, after:  {}", REQUEST_ID.get()));
    seen
}
// ANCHOR_END: lowered

/// `handle_request`, written by hand.
pub mod by_hand {
    // ANCHOR: twin
    use super::{REQUEST_ID, STEP};
    use async_lower::runtime::time::{Sleep, sleep};
    use async_lower::runtime::{JoinHandle, spawn};
    use std::future::Future;
    use std::mem;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub fn handle_request() -> HandleRequest {
        HandleRequest { state: State::Start }
    }

    pub struct HandleRequest {
        state: State,
    }

    /// Nothing here mentions the request id: a task-local is not a local. It lives in the
    /// runtime's context, installed around every poll of the task, so each resumption of
    /// the machine (each `poll`) sees it again.
    enum State {
        Start,
        Await0 { awaiter: Sleep, seen: Vec<String> },
        Await1 { awaiter: JoinHandle<String>, seen: Vec<String> },
        Await2 { awaiter: JoinHandle<String>, seen: Vec<String> },
        Running,
        Returned,
    }

    impl Future for HandleRequest {
        type Output = Vec<String>;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<String>> {
            let state = &mut self.get_mut().state; // `Unpin`: no awaiter borrows `seen`
            loop {
                match mem::replace(state, State::Running) {
                    State::Start => {
                        let seen = vec![format!("before the await:     {}", REQUEST_ID.get())];
                        *state = State::Await0 { awaiter: sleep(STEP), seen };
                    }
                    State::Await0 { mut awaiter, mut seen } => {
                        if Pin::new(&mut awaiter).poll(cx).is_pending() {
                            *state = State::Await0 { awaiter, seen };
                            return Poll::Pending;
                        }
                        drop(awaiter);
                        seen.push(format!("after the await:      {}", REQUEST_ID.get()));
                        let child = spawn(async { REQUEST_ID.get() });
                        *state = State::Await1 { awaiter: child, seen };
                    }
                    State::Await1 { mut awaiter, mut seen } => {
                        let Poll::Ready(value) = Pin::new(&mut awaiter).poll(cx) else {
                            *state = State::Await1 { awaiter, seen };
                            return Poll::Pending;
                        };
                        drop(awaiter);
                        seen.push(format!("in a spawned task:    {value}"));
                        let own = spawn(REQUEST_ID.scope("req-42/retry".into(), async { REQUEST_ID.get() }));
                        *state = State::Await2 { awaiter: own, seen };
                    }
                    State::Await2 { mut awaiter, mut seen } => {
                        let Poll::Ready(value) = Pin::new(&mut awaiter).poll(cx) else {
                            *state = State::Await2 { awaiter, seen };
                            return Poll::Pending;
                        };
                        drop(awaiter);
                        seen.push(format!("a child's own value:  {value}"));
                        seen.push(format!("the parent's, after:  {}", REQUEST_ID.get()));
                        *state = State::Returned;
                        return Poll::Ready(seen);
                    }
                    State::Running => panic!("`async fn` resumed after panicking"),
                    State::Returned => panic!("`async fn` resumed after completion"),
                }
            }
        }
    }
    // ANCHOR_END: twin
}

/// tokio's task-locals, for comparison: scoped like ours, but not copied into `spawn`.
fn tokio_for_comparison() {
    tokio::task_local! {
        static TOKIO_REQUEST_ID: String;
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
    runtime.block_on(TOKIO_REQUEST_ID.scope("req-42".into(), async {
        println!("  before the await:     {}", TOKIO_REQUEST_ID.get());
        tokio::time::sleep(STEP).await;
        println!("  after the await:      {}", TOKIO_REQUEST_ID.get());
        let child = tokio::spawn(async { TOKIO_REQUEST_ID.try_with(|id| id.clone()).ok() });
        println!("  in a spawned task:    {:?}  (tokio::spawn starts a task with no scope)", child.await.unwrap());
    }));
}

fn main() {
    println!("async_lower::runtime task-locals (C#'s AsyncLocal<T>: flows across awaits and into spawned tasks):");
    for line in block_on(REQUEST_ID.scope("req-42".into(), handle_request())) {
        println!("  {line}");
    }
    println!("  outside the scope:    {:?}", REQUEST_ID.try_get());
    println!("\nThe hand-written twin sees the same:");
    for line in block_on(REQUEST_ID.scope("req-42".into(), by_hand::handle_request())) {
        println!("  {line}");
    }
    println!("\ntokio::task_local!:");
    tokio_for_comparison();
}
