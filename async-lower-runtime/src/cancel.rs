//! Cancellation: cooperative ([`CancellationToken`], as in C#) and by drop (Rust's own).
//!
//! # Two kinds of cancellation
//!
//! **Cooperative**, C#'s only kind: a [`CancellationToken`] is passed down, and the code
//! checks [`is_cancelled`](CancellationToken::is_cancelled) or awaits
//! [`cancelled`](CancellationToken::cancelled) (C#: `token.ThrowIfCancellationRequested()`,
//! `Task.Delay(Infinite, token)`). The code decides where it can stop and can clean up
//! asynchronously. [`child_token`](CancellationToken::child_token) is
//! `CancellationTokenSource.CreateLinkedTokenSource`: cancelling the parent cancels the
//! child, not the other way round.
//!
//! **By drop**, which C# does not have: a Rust future only runs while it is polled, so
//! whoever owns it can stop it by dropping it. The lowered state machine is then dropped
//! in its current state, which drops exactly the locals that state holds (the ones live
//! across that `await`) and the awaiter it was waiting on, which in turn cancels
//! whatever *it* was doing. [`timeout`](crate::time::timeout),
//! [`when_any`](crate::combinators::when_any) (the losers) and the executor's shutdown all
//! cancel this way. Its limits: the code gets no say (no `await` in `Drop`), and it can stop
//! at any `await`, so an operation that must finish (half a message written) needs a
//! token, or a task of its own that is not dropped.
//!
//! ```
//! use async_lower_runtime::{block_on, cancel::CancellationToken, spawn, time::sleep};
//! use std::time::Duration;
//! block_on(async {
//!     let token = CancellationToken::new();
//!     let child = token.child_token();
//!     let worker = spawn(async move {
//!         child.cancelled().await;
//!         "stopped"
//!     });
//!     sleep(Duration::from_millis(1)).await;
//!     token.cancel();
//!     assert_eq!(worker.await, "stopped");
//! });
//! ```

use core::future::Future;
use core::pin::Pin;
use core::sync::atomic::{AtomicBool, Ordering};
use core::task::{Context, Poll, Waker};
use std::sync::{Arc, Mutex, Weak};

#[derive(Default)]
struct Node {
    cancelled: AtomicBool,
    state: Mutex<NodeState>,
}

#[derive(Default)]
struct NodeState {
    /// Waiting `Cancelled` futures, by key; `None` marks a free key.
    waiters: Vec<Option<Waker>>,
    free: Vec<usize>,
    children: Vec<Weak<Node>>,
}

impl Node {
    fn cancel(&self) {
        if self.cancelled.swap(true, Ordering::AcqRel) {
            return;
        }
        let (waiters, children) = {
            let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
            st.free.clear();
            (core::mem::take(&mut st.waiters), core::mem::take(&mut st.children))
        };
        for w in waiters.into_iter().flatten() {
            w.wake();
        }
        for child in children.iter().filter_map(Weak::upgrade) {
            child.cancel();
        }
    }
}

/// A shareable cancellation signal (C#'s `CancellationTokenSource` and `CancellationToken`
/// in one type; clones share the signal). `Send + Sync`: a blocking job may check it.
#[derive(Clone, Default)]
pub struct CancellationToken {
    node: Arc<Node>,
}

impl std::fmt::Debug for CancellationToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancellationToken").field("cancelled", &self.is_cancelled()).finish()
    }
}

impl CancellationToken {
    /// A token not yet cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels this token and its children, waking everything awaiting
    /// [`cancelled`](Self::cancelled). Idempotent.
    pub fn cancel(&self) {
        self.node.cancel();
    }

    /// Whether [`cancel`](Self::cancel) was called on this token or an ancestor.
    pub fn is_cancelled(&self) -> bool {
        self.node.cancelled.load(Ordering::Acquire)
    }

    /// A token cancelled with this one (but whose own `cancel` leaves this one alone).
    pub fn child_token(&self) -> CancellationToken {
        let child = CancellationToken::new();
        {
            let mut st = self.node.state.lock().unwrap_or_else(|e| e.into_inner());
            if !self.is_cancelled() {
                st.children.retain(|c| c.strong_count() > 0);
                st.children.push(Arc::downgrade(&child.node));
                return child;
            }
        }
        child.cancel();
        child
    }

    /// Completes once the token is cancelled.
    pub fn cancelled(&self) -> Cancelled<'_> {
        Cancelled { token: self, key: None }
    }

    /// Runs `future` until it completes (`Some`) or the token is cancelled (`None`; the
    /// future is then dropped, i.e. cancelled by drop at its current `await`).
    pub async fn run_until_cancelled<F: Future>(&self, future: F) -> Option<F::Output> {
        let mut future = core::pin::pin!(future);
        let mut cancelled = core::pin::pin!(self.cancelled());
        core::future::poll_fn(|cx| {
            if cancelled.as_mut().poll(cx).is_ready() {
                return Poll::Ready(None);
            }
            future.as_mut().poll(cx).map(Some)
        })
        .await
    }

    /// A guard that cancels the token when dropped (e.g. at the end of a scope).
    pub fn drop_guard(self) -> DropGuard {
        DropGuard { token: Some(self) }
    }
}

/// The future of [`CancellationToken::cancelled`].
#[must_use = "futures do nothing unless awaited"]
pub struct Cancelled<'a> {
    token: &'a CancellationToken,
    key: Option<usize>,
}

impl std::fmt::Debug for Cancelled<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cancelled").field("token", self.token).finish()
    }
}

impl Future for Cancelled<'_> {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let token: &CancellationToken = self.token;
        let node = &token.node;
        if node.cancelled.load(Ordering::Acquire) {
            return Poll::Ready(());
        }
        let mut st = node.state.lock().unwrap_or_else(|e| e.into_inner());
        // Checked again under the lock: `cancel` sets the flag before taking the waiters.
        if node.cancelled.load(Ordering::Acquire) {
            return Poll::Ready(());
        }
        match self.key {
            Some(k) => match &mut st.waiters[k] {
                Some(w) if w.will_wake(cx.waker()) => {}
                slot => *slot = Some(cx.waker().clone()),
            },
            None => {
                let k = match st.free.pop() {
                    Some(k) => {
                        st.waiters[k] = Some(cx.waker().clone());
                        k
                    }
                    None => {
                        st.waiters.push(Some(cx.waker().clone()));
                        st.waiters.len() - 1
                    }
                };
                drop(st);
                self.key = Some(k);
            }
        }
        Poll::Pending
    }
}

impl Drop for Cancelled<'_> {
    fn drop(&mut self) {
        if let Some(k) = self.key {
            let mut st = self.token.node.state.lock().unwrap_or_else(|e| e.into_inner());
            // After `cancel`, the waiter list was taken: nothing to remove.
            if !self.token.is_cancelled() && k < st.waiters.len() {
                st.waiters[k] = None;
                st.free.push(k);
            }
        }
    }
}

/// Cancels its token when dropped. See [`CancellationToken::drop_guard`].
#[derive(Debug)]
pub struct DropGuard {
    token: Option<CancellationToken>,
}

impl DropGuard {
    /// Gives the token back without cancelling it.
    pub fn disarm(mut self) -> CancellationToken {
        self.token.take().expect("guard holds its token until dropped")
    }
}

impl Drop for DropGuard {
    fn drop(&mut self) {
        if let Some(t) = self.token.take() {
            t.cancel();
        }
    }
}
