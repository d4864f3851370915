//! Leaf futures with a deterministic schedule of `Pending`s, and values that log.

use super::log::{draw_pending, log};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A leaf future: at its first poll it draws k from the seeded schedule, then returns
/// `Pending` k times (waking its waker each time) and finally `Ready(value)`. It logs every
/// poll and its drop, so the log shows when the awaiter was polled and when it was dropped.
pub struct Leaf<T> {
    name: &'static str,
    value: Option<T>,
    remaining: Option<u32>,
}

/// `Leaf::new(name, value)`.
pub fn leaf<T>(name: &'static str, value: T) -> Leaf<T> {
    Leaf::new(name, value)
}

/// A `yield_now`-like leaf with no value.
pub fn step(name: &'static str) -> Leaf<()> {
    Leaf::new(name, ())
}

/// A value produced with a logged side effect (for left-to-right checks of operands that
/// do not await).
pub fn val<T>(name: &'static str, value: T) -> T {
    log(format!("eval {name}"));
    value
}

impl<T> Leaf<T> {
    /// A leaf that resolves to `value`.
    pub fn new(name: &'static str, value: T) -> Self {
        Leaf { name, value: Some(value), remaining: None }
    }
}

// The value is never pinned: it is moved out when the leaf completes.
impl<T> Unpin for Leaf<T> {}

impl<T> Future for Leaf<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let this = self.get_mut();
        let remaining = this.remaining.get_or_insert_with(draw_pending);
        if *remaining > 0 {
            *remaining -= 1;
            log(format!("poll {}: pending", this.name));
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        log(format!("poll {}: ready", this.name));
        match this.value.take() {
            Some(v) => Poll::Ready(v),
            None => panic!("leaf {} polled after completion", this.name),
        }
    }
}

impl<T> Drop for Leaf<T> {
    fn drop(&mut self) {
        if self.value.is_some() {
            log(format!("drop leaf {} (unfinished)", self.name));
        } else {
            log(format!("drop leaf {}", self.name));
        }
    }
}

/// A leaf that panics with `boom NAME` where a plain leaf would be ready.
pub struct Boom {
    inner: Leaf<()>,
}

/// `Boom` named `name`.
pub fn boom(name: &'static str) -> Boom {
    Boom { inner: Leaf::new(name, ()) }
}

impl Future for Boom {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        match Pin::new(&mut self.inner).poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => panic!("boom {}", self.inner.name),
        }
    }
}

/// A value that logs `drop NAME` when dropped: a guard, a lock, a file handle.
#[derive(PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tracker(pub &'static str);

impl Tracker {
    /// Logs `new NAME` and returns the tracker (`Tracker("x")` does not log its creation).
    pub fn new(name: &'static str) -> Tracker {
        log(format!("new {name}"));
        Tracker(name)
    }
    /// The name.
    pub fn name(&self) -> &'static str {
        self.0
    }
}

impl fmt::Debug for Tracker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tracker({})", self.0)
    }
}

impl Drop for Tracker {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}
