//! The Tracing builder's transitions, as a learner sees them (recorded and as `tracing`
//! events), on a hand-written lowered machine.

mod common;

use async_lower_runtime::builders::{Tracing, Transition, TransitionKind};
use async_lower_runtime::{block_on, yield_now};
use common::wait_for;

#[test]
fn tracing_reports_each_transition_with_state_and_await() {
    let (v, seen) = Tracing::record(|| block_on(wait_for::<Tracing, _>(async {
        yield_now().await;
        5
    })));
    assert_eq!(v, 5);
    let kinds: Vec<_> = seen.iter().map(|t| (t.kind, t.state)).collect();
    assert_eq!(
        kinds,
        [
            (TransitionKind::Start, "Start"),
            (TransitionKind::Suspend, "Await0"),
            (TransitionKind::Resume, "Await0"),
            (TransitionKind::Complete, ""),
        ]
    );
    let suspend: &Transition = &seen[1];
    assert_eq!((suspend.function, suspend.awaits, suspend.line), ("wait_for", "fut", 2));
    assert_eq!(suspend.to_string(), "wait_for: Running -> Await0 (awaiting `fut`, line 2)");
}

#[test]
fn nested_machines_suspend_inner_first() {
    let (_, seen) = Tracing::record(|| block_on(wait_for::<Tracing, _>(wait_for::<Tracing, _>(yield_now()))));
    let suspends: Vec<_> = seen.iter().filter(|t| t.kind == TransitionKind::Suspend).collect();
    assert_eq!(suspends.len(), 2, "{seen:?}");
    assert_eq!(seen.iter().filter(|t| t.kind == TransitionKind::Complete).count(), 2);
}

#[test]
fn a_panicking_machine_reports_the_panic() {
    let (r, seen) = Tracing::record(|| {
        std::panic::catch_unwind(|| block_on(wait_for::<Tracing, _>(async { panic!("inside") })))
    });
    assert!(r.is_err());
    assert_eq!(seen.last().map(|t| t.kind), Some(TransitionKind::Panic));
}

/// A minimal `tracing` subscriber counting the machine events: the transitions also reach
/// whatever subscriber the learner installs.
mod subscriber {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    pub struct Count(pub &'static AtomicUsize);

    impl Subscriber for Count {
        fn enabled(&self, m: &Metadata<'_>) -> bool {
            m.target() == "async_lower::machine"
        }
        fn new_span(&self, _: &Attributes<'_>) -> Id {
            Id::from_u64(1)
        }
        fn record(&self, _: &Id, _: &Record<'_>) {}
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, e: &Event<'_>) {
            if e.metadata().target() == "async_lower::machine" {
                self.0.fetch_add(1, Ordering::Relaxed);
            }
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }
}

#[test]
fn transitions_are_tracing_events() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static EVENTS: AtomicUsize = AtomicUsize::new(0);
    tracing::subscriber::with_default(subscriber::Count(&EVENTS), || {
        block_on(wait_for::<Tracing, _>(yield_now()));
    });
    assert_eq!(EVENTS.load(Ordering::Relaxed), 4, "start, suspend, resume, complete");
}
