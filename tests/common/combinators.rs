//! Hand-written combinators (no native `async` wrapper, so the twin's own behaviour after
//! completion stays observable).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Polls `a` to completion, then `b`; returns both outputs. After completion it keeps
/// polling `b`, so a poll after the end reaches `b`'s own "resumed after completion".
pub fn pair<A: Future, B: Future>(a: A, b: B) -> Pair<A, B> {
    Pair { a: Some(Box::pin(a)), b: Box::pin(b), out_a: None }
}

/// See [`pair`].
pub struct Pair<A: Future, B: Future> {
    a: Option<Pin<Box<A>>>,
    b: Pin<Box<B>>,
    out_a: Option<A::Output>,
}

// Nothing is pinned in place: both futures are boxed, the output is never pinned.
impl<A: Future, B: Future> Unpin for Pair<A, B> {}

impl<A: Future, B: Future> Future for Pair<A, B> {
    type Output = (A::Output, B::Output);
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if let Some(a) = this.a.as_mut() {
            match a.as_mut().poll(cx) {
                Poll::Ready(v) => {
                    this.out_a = Some(v);
                    this.a = None;
                }
                Poll::Pending => return Poll::Pending,
            }
        }
        match this.b.as_mut().poll(cx) {
            Poll::Ready(v) => Poll::Ready((this.out_a.take().expect("pair: first output taken twice"), v)),
            Poll::Pending => Poll::Pending,
        }
    }
}
