//! The harness must be able to fail: each test feeds `check` a native body and a mutant
//! that differs in one observable way, and expects the comparison to panic.
use crate::harness::check;
use crate::prelude::*;
use std::task::{Context, Poll};

async fn body(arg: Tracker) -> u32 {
    let _a = Tracker("a");
    let x = leaf("x", 1).await;
    let _b = Tracker("b");
    x + leaf("y", 2).await + arg.name().len() as u32
}

#[test]
fn the_oracle_agrees_with_itself() {
    check("selftest::same", || body(Tracker("arg")), || body(Tracker("arg")));
}

async fn swapped_operands(arg: Tracker) -> u32 {
    let _a = Tracker("a");
    let y = leaf("y", 2).await;
    let x = leaf("x", 1).await;
    let _b = Tracker("b");
    x + y + arg.name().len() as u32
}

#[test]
#[should_panic(expected = "full run, seed 0 (left: native, right: lowered)")]
fn detects_evaluation_order() {
    check("selftest::order", || body(Tracker("arg")), || swapped_operands(Tracker("arg")));
}

async fn swapped_drops(arg: Tracker) -> u32 {
    let _b;
    let _a = Tracker("a");
    let x = leaf("x", 1).await;
    _b = Tracker("b");
    x + leaf("y", 2).await + arg.name().len() as u32
}

#[test]
#[should_panic(expected = "full run, seed 0")]
fn detects_drop_order() {
    check("selftest::drops", || body(Tracker("arg")), || swapped_drops(Tracker("arg")));
}

/// Returns one extra `Pending` (with a wake) before its first poll reaches the inner future.
struct ExtraPending<F>(bool, Pin<Box<F>>);

impl<F: Future> Future for ExtraPending<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        if !self.0 {
            self.0 = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.1.as_mut().poll(cx)
    }
}

#[test]
#[should_panic(expected = "full run, seed 0")]
fn detects_an_extra_pending() {
    check("selftest::extra", || body(Tracker("arg")), || ExtraPending(false, Box::pin(body(Tracker("arg")))));
}

/// Returns `Pending` without waking at its second poll, unless the inner future is done.
struct SilentPending<F>(usize, bool, Pin<Box<F>>);

impl<F: Future> Future for SilentPending<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.0 += 1;
        if self.0 == 2 && !self.1 {
            return Poll::Pending;
        }
        let p = self.2.as_mut().poll(cx);
        self.1 = p.is_ready();
        p
    }
}

#[test]
#[should_panic(expected = "!! pending without wake")]
fn detects_a_pending_without_wake() {
    check("selftest::silent", || body(Tracker("arg")), || SilentPending(0, false, Box::pin(body(Tracker("arg")))));
}

/// Fused: returns `Pending` instead of panicking after completion.
struct Fused<F: Future>(Option<Pin<Box<F>>>);

impl<F: Future> Future for Fused<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let Some(f) = self.0.as_mut() else { return Poll::Pending };
        let p = f.as_mut().poll(cx);
        if p.is_ready() {
            self.0 = None;
        }
        p
    }
}

#[test]
#[should_panic(expected = "full run, seed 0")]
fn detects_a_missing_resumed_after_completion_panic() {
    check("selftest::fused", || body(Tracker("arg")), || Fused(Some(Box::pin(body(Tracker("arg"))))));
}

/// Logs one more line when dropped before completion: only the cancelled runs differ.
struct NoisyCancel<F>(bool, Pin<Box<F>>);

impl<F: Future> Future for NoisyCancel<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let p = self.1.as_mut().poll(cx);
        self.0 = p.is_ready();
        p
    }
}

impl<F> Drop for NoisyCancel<F> {
    fn drop(&mut self) {
        if !self.0 {
            log("cancelled");
        }
    }
}

#[test]
#[should_panic(expected = "dropped after 0 polls, seed 0")]
fn detects_a_difference_only_on_cancellation() {
    check("selftest::cancel", || body(Tracker("arg")), || NoisyCancel(false, Box::pin(body(Tracker("arg")))));
}

async fn panics_differently(arg: Tracker) -> u32 {
    let _a = Tracker("a");
    let x = leaf("x", 1).await;
    if x == 1 {
        panic!("other message {arg:?}");
    }
    x
}

async fn panics(arg: Tracker) -> u32 {
    let _a = Tracker("a");
    let x = leaf("x", 1).await;
    if x == 1 {
        panic!("message {arg:?}");
    }
    x
}

#[test]
#[should_panic(expected = "full run, seed 0")]
fn detects_a_different_panic_message() {
    check("selftest::panic", || panics(Tracker("arg")), || panics_differently(Tracker("arg")));
}

#[test]
#[should_panic(expected = "never suspended")]
fn refuses_a_body_that_never_suspends() {
    async fn ready() -> u32 {
        1
    }
    check("selftest::vacuous", ready, ready);
}

#[test]
fn copy_stream_source_is_reusable_for_expand() {
    const SOURCE: &str = copy_stream_tokens!(emit_source!());
    assert!(SOURCE.contains("copy_stream") && SOURCE.contains("async"), "{SOURCE}");
    let lowered = async_lower::expand(&format!("#[async_lower::lower] {SOURCE}"));
    assert!(lowered.is_ok(), "{lowered:?}");
}
