//! The differential harness: runs the native and the lowered twin of a body under the
//! same deterministic schedule and compares everything observable.
//!
//! For each seed (0 = every leaf ready at once, others = each leaf pending 0..=2 times):
//! - a full run: the output (`{:?}`) or the panic message, the event log (side effects,
//!   leaf polls and drops, tracker drops, one `-- poll N` line per poll of the top future,
//!   `!! pending without wake` if it returned `Pending` without waking), the number of polls
//!   and wakes, the message of the poll after the end (must panic with "`async fn` resumed
//!   after completion" / "... after panicking"), and the drops when the future is dropped;
//! - a cancelled run for every k in 0..=polls: poll k times, drop, compare the logs.
//!
//! Expectations always come from the native twin. `DIFF_DUMP=1 cargo test --test
//! differential NAME -- --nocapture` (`differential_probes` or `differential_probes2`
//! for the probing rounds) prints the native observations of a body;
//! `DIFF_SEEDS=50` runs 50 schedules instead of 4.

use crate::common::log::{log, reset, take_log};
use pretty_assertions::assert_eq;
use std::cell::Cell;
use std::fmt::Debug;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

/// Seeds of the pending schedule every twin is run with: 0..4, or 0..N with `DIFF_SEEDS=N`
/// (a wider sweep of schedules, for a soak run).
fn seeds() -> std::ops::Range<u64> {
    let n = std::env::var("DIFF_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(4);
    0..n.max(2) // seed 0 never suspends: at least one seed that does
}
/// A body that needs more polls is reported as stuck (the native twin never is).
const POLL_LIMIT: usize = 10_000;

/// Declares a twin body and its differential test:
///
/// ```ignore
/// twin! {
///     /// What the body covers.
///     name {
///         lower! {
///             pub async fn f(t: Tracker, n: u32) -> u32 { leaf("a", n).await + 1 }
///         }
///         // more items: helper types, impls (with `lower! { fn }` inside), more fns...
///     }
///     run { f(Tracker("t"), 3) }
/// }
/// ```
///
/// It defines `mod name { mod native; mod lowered; mod fields; #[test] fn twin() #[test]
/// fn fields_layout() }`; see `twin_pair!`.
macro_rules! twin {
    ($($body:tt)*) => {
        twin_both! { $($body)* }
    };
}

/// `twin!` with both layouts.
macro_rules! twin_both {
    ($(#[$doc:meta])* $name:ident { $($items:tt)* } run { $($run:tt)* }) => {
        $(#[$doc])*
        pub mod $name {
            twin_pair! { { $($items)* } run { $($run)* } }

            #[test]
            fn twin() {
                crate::harness::check(module_path!(), native::__run, lowered::__run);
            }

            /// The same body with `layout = "fields"` (one struct, as C# lays it out).
            #[test]
            fn fields_layout() {
                crate::harness::check(module_path!(), native::__run, fields::__run);
            }
        }
    };
}

/// `twin!` with the enum layout only: no `fields` copy, no `fields_layout` test (see
/// `differential_probes.rs`, which makes `twin!` this for every other round).
macro_rules! twin_enum {
    ($(#[$doc:meta])* $name:ident { $($items:tt)* } run { $($run:tt)* }) => {
        $(#[$doc])*
        pub mod $name {
            twin_pair! { enum_only { $($items)* } run { $($run)* } }

            #[test]
            fn twin() {
                crate::harness::check(module_path!(), native::__run, lowered::__run);
            }
        }
    };
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Silences the panic message of panics we catch on purpose (other panics, like failed
/// assertions, still print).
fn install_quiet_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
}

struct CountingWaker(AtomicUsize);

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".to_string()
    }
}

/// One poll, catching a panic.
fn poll_once(fut: Pin<&mut dyn Future<Output = String>>, cx: &mut Context<'_>) -> Result<Poll<String>, String> {
    QUIET.with(|q| q.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| fut.poll(cx)));
    QUIET.with(|q| q.set(false));
    result.map_err(panic_message)
}

/// How a full run ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `Ready` with the output's `{:?}`.
    Ready(String),
    /// The poll panicked with this message.
    Panicked(String),
    /// No result after `POLL_LIMIT` polls.
    Stuck,
}

/// Everything observed in one full run.
#[derive(Debug, PartialEq, Eq)]
pub struct Observation {
    pub outcome: Outcome,
    pub polls: usize,
    pub wakes: usize,
    /// What the poll after the end did.
    pub poll_after_end: String,
    pub log: Vec<String>,
}

/// Polls to completion (or panic), polls once more, drops.
pub fn full_run(make: &Make, seed: u64) -> Observation {
    reset(seed);
    let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
    let waker = Waker::from(counter.clone());
    let mut cx = Context::from_waker(&waker);
    let mut fut = make();
    log("-- built");
    let mut polls = 0;
    let outcome = loop {
        if polls == POLL_LIMIT {
            break Outcome::Stuck;
        }
        polls += 1;
        log(format!("-- poll {polls}"));
        let wakes_before = counter.0.load(Ordering::SeqCst);
        match poll_once(fut.as_mut(), &mut cx) {
            Ok(Poll::Ready(v)) => break Outcome::Ready(v),
            Ok(Poll::Pending) => {
                if counter.0.load(Ordering::SeqCst) == wakes_before {
                    log("!! pending without wake");
                    break Outcome::Stuck;
                }
            }
            Err(msg) => {
                log(format!("-- panicked: {msg}"));
                break Outcome::Panicked(msg);
            }
        }
    };
    let poll_after_end = match outcome {
        Outcome::Stuck => "not polled (stuck)".to_string(),
        _ => {
            log("-- poll after end");
            match poll_once(fut.as_mut(), &mut cx) {
                Ok(Poll::Ready(v)) => format!("no panic: Ready({v})"),
                Ok(Poll::Pending) => "no panic: Pending".to_string(),
                Err(msg) => format!("panic: {msg}"),
            }
        }
    };
    log("-- drop");
    drop(fut);
    log("-- dropped");
    Observation { outcome, polls, wakes: counter.0.load(Ordering::SeqCst), poll_after_end, log: take_log() }
}

/// Polls at most `k` times (fewer if it completes or panics first), then drops the future.
pub fn cancelled_run(make: &Make, seed: u64, k: usize) -> Vec<String> {
    reset(seed);
    let waker = Waker::from(Arc::new(CountingWaker(AtomicUsize::new(0))));
    let mut cx = Context::from_waker(&waker);
    let mut fut = make();
    log("-- built");
    for poll in 1..=k {
        log(format!("-- poll {poll}"));
        match poll_once(fut.as_mut(), &mut cx) {
            Ok(Poll::Ready(v)) => {
                log(format!("-- ready: {v}"));
                break;
            }
            Ok(Poll::Pending) => {}
            Err(msg) => {
                log(format!("-- panicked: {msg}"));
                break;
            }
        }
    }
    log("-- drop");
    drop(fut);
    log("-- dropped");
    take_log()
}

/// A body whose comparison takes longer is reported as hung (a poll that never returns).
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Compares the twins (see the module docs). `name` is the body's module path. Runs on a
/// thread of its own with a timeout, so a lowered poll that loops forever fails the test
/// instead of hanging the suite.
pub fn check<FN, FL, N, L>(name: &str, native: FN, lowered: FL)
where
    FN: Fn() -> N + Send + 'static,
    FL: Fn() -> L + Send + 'static,
    N: Future + 'static,
    N::Output: Debug,
    L: Future + 'static,
    L::Output: Debug,
{
    check_erased(name, erase(native), erase(lowered))
}

/// A twin's future of whatever type, seen through its output's `{:?}`: what is run and
/// compared is compiled once, not once per future type (three per body, thousands of
/// bodies: gigabytes of the test crate's build).
/// (Made and polled on the comparison's thread: it need not be `Send`.)
pub type Run = Pin<Box<dyn Future<Output = String>>>;
/// Makes a fresh [`Run`] of a twin.
pub type Make = Box<dyn Fn() -> Run + Send>;

fn erase<F, R>(make: F) -> Make
where
    F: Fn() -> R + Send + 'static,
    R: Future + 'static,
    R::Output: Debug,
{
    Box::new(move || Box::pin(Shown(Box::pin(make()))))
}

/// Polls the future it holds, once per poll of its own, and shows its output: no state of
/// its own, so a poll after the end reaches the twin's future (an `async` block would
/// answer that poll itself).
struct Shown<F>(Pin<Box<F>>);

impl<F: Future> Future for Shown<F>
where
    F::Output: Debug,
{
    type Output = String;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        self.0.as_mut().poll(cx).map(|v| format!("{v:?}"))
    }
}

fn check_erased(name: &str, native: Make, lowered: Make) {
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let thread_name = name.to_string();
    let worker = std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            let _done = done_tx; // dropped when the comparison ends, normally or by panic
            compare(&thread_name, native, lowered);
        })
        .expect("spawn the comparison thread");
    match done_rx.recv_timeout(TIMEOUT) {
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{name}: no result after {TIMEOUT:?}: a poll of the lowered twin probably never returns")
        }
        _ => {
            if let Err(payload) = worker.join() {
                std::panic::resume_unwind(payload);
            }
        }
    }
}

fn compare(name: &str, native: Make, lowered: Make) {
    install_quiet_hook();
    let mut max_polls = 0;
    for seed in seeds() {
        let expected = full_run(&native, seed);
        if std::env::var_os("DIFF_DUMP").is_some() {
            eprintln!("{name}, seed {seed}, native: {expected:#?}");
        }
        // The oracle must be deterministic, or the comparison means nothing.
        assert_eq!(expected, full_run(&native, seed), "{name}: the native twin is not deterministic (seed {seed})");
        assert!(expected.outcome != Outcome::Stuck, "{name}: the native twin is stuck (seed {seed})");
        let actual = full_run(&lowered, seed);
        assert_eq!(expected, actual, "{name}: full run, seed {seed} (left: native, right: lowered)");
        max_polls = max_polls.max(expected.polls);
        for k in 0..=expected.polls {
            let expected = cancelled_run(&native, seed, k);
            let actual = cancelled_run(&lowered, seed, k);
            assert_eq!(expected, actual, "{name}: dropped after {k} polls, seed {seed} (left: native, right: lowered)");
        }
    }
    assert!(max_polls > 1, "{name}: the body never suspended under any seed; the test would be vacuous");
}
