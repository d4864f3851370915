//! Each example's annotated `async fn` against its hand-written twin: same output, same
//! number of polls, same side effects in the same order, same behaviour when dropped
//! half-way. (Tests inside `examples/` are not run by `cargo test`, so they live here and
//! pull the example files in with `#[path]`.)
//!
//! Today `#[async_lower::lower]` passes the function through, so the annotated side is
//! rustc's own lowering; once the compiler lands, the same tests compare ours to the twin.

#[path = "../examples/copy_stream.rs"]
#[allow(dead_code)] // each example's `main` and its demo helpers
mod copy_stream;

mod copy_stream_twin {
    use super::copy_stream::{by_hand, by_hand_fields, copy_stream, drive, memio, run};
    use std::io;

    fn sample(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 % 256) as u8).collect()
    }

    #[test]
    fn same_output_polls_and_events() {
        for len in [0, 1, 2999, 3000, 4096, 10_000, 50_001] {
            let data = sample(len);
            let native = run(&data, copy_stream);
            let twins = [("enum", run(&data, by_hand::copy_stream)), ("C# layout", run(&data, by_hand_fields::copy_stream))];
            for (layout, twin) in twins {
                assert_eq!(twin.0.as_ref().ok(), native.0.as_ref().ok(), "{layout}, len {len}");
                assert_eq!(twin.1, native.1);
                assert_eq!(twin.2, native.2, "poll count, {layout}, len {len}");
                assert_eq!(twin.3, native.3, "event order, {layout}, len {len}");
            }
        }
    }

    /// Runs `copy` on fresh in-memory ends, polling it at most `polls` times.
    fn trace(
        copy: impl AsyncFnOnce(&mut memio::MemReader, &mut memio::MemWriter) -> io::Result<u64>,
        fail_at: Option<usize>,
        polls: usize,
    ) -> (Option<Result<u64, io::ErrorKind>>, Vec<u8>, Vec<String>) {
        let log = memio::new_log();
        let mut source = memio::MemReader::new(sample(10_000), 3000, 3, log.clone());
        if let Some(offset) = fail_at {
            source = source.fail_at(offset);
        }
        let mut destination = memio::MemWriter::new(1000, 4, log.clone());
        let output = drive::poll_then_drop(copy(&mut source, &mut destination), polls);
        (output.map(|r| r.map_err(|e| e.kind())), destination.data, log.borrow().clone())
    }

    /// `?` takes the return path at the failing read, after what was copied so far.
    #[test]
    fn an_error_returns_early_in_both() {
        let native = trace(copy_stream, Some(7000), 100);
        assert_eq!(native.0, Some(Err(io::ErrorKind::ConnectionReset)));
        assert_eq!(native.1.len(), 6000);
        assert_eq!(trace(by_hand::copy_stream, Some(7000), 100), native);
        assert_eq!(trace(by_hand_fields::copy_stream, Some(7000), 100), native);
    }

    /// Dropping the future at every possible suspension leaves the same trace.
    #[test]
    fn cancelled_at_every_await_in_both() {
        for polls in 0..8 {
            let native = trace(copy_stream, None, polls);
            assert_eq!(trace(by_hand::copy_stream, None, polls), native, "dropped after {polls} polls");
            assert_eq!(trace(by_hand_fields::copy_stream, None, polls), native, "C# layout, {polls} polls");
        }
    }

    #[test]
    #[should_panic(expected = "`async fn` resumed after completion")]
    fn the_twin_refuses_a_poll_after_completion() {
        use std::future::Future;
        use std::task::{Context, Waker};
        let (mut source, mut destination) =
            (memio::MemReader::new(vec![], 1, 0, memio::new_log()), memio::MemWriter::new(1, 0, memio::new_log()));
        let mut future = std::pin::pin!(by_hand::copy_stream(&mut source, &mut destination));
        let mut cx = Context::from_waker(Waker::noop());
        assert!(future.as_mut().poll(&mut cx).is_ready());
        let _ = future.as_mut().poll(&mut cx);
    }
}

#[path = "../examples/breakfast.rs"]
#[allow(dead_code)]
mod breakfast;

mod breakfast_twin {
    use super::breakfast::{by_hand, kitchen_log, make_breakfast, open_kitchen};
    use async_lower::runtime::executor::{Stats, reset_stats, stats};
    use async_lower::runtime::block_on;
    use std::future::Future;

    /// Cooks with `make`, returns the breakfast's debug text, what the kitchen said, and
    /// the executor's counters (polls of the root and of the three dish tasks).
    fn cook<F: Future<Output = super::breakfast::Breakfast>>(make: impl FnOnce() -> F) -> (String, Vec<String>, Stats) {
        open_kitchen();
        block_on(async {
            reset_stats();
            let breakfast = make().await;
            (format!("{breakfast:?}"), kitchen_log(), stats())
        })
    }

    /// One test, not three: the kitchen's log is shared by everything that cooks.
    #[test]
    fn same_breakfast_same_messages_same_polls() {
        let native = cook(make_breakfast);
        let twin = cook(by_hand::make_breakfast);
        assert_eq!(twin.0, native.0);
        assert_eq!(twin.1, native.1, "the kitchen's messages, in order");
        assert_eq!((twin.2.root_polls, twin.2.polls), (native.2.root_polls, native.2.polls), "polls");
        assert_eq!(native.1.first().map(String::as_str), Some("pouring coffee"));
        assert_eq!(native.1.last().map(String::as_str), Some("pouring orange juice"));
    }
}

#[path = "../examples/cancellation.rs"]
#[allow(dead_code)]
mod cancellation;

mod cancellation_twin {
    use super::cancellation::{Scenario, by_hand, run, transfer};

    #[test]
    fn same_drops_in_the_same_order_in_every_scenario() {
        for scenario in [Scenario::Complete, Scenario::Token, Scenario::Drop] {
            let native = run(scenario, transfer);
            assert_eq!(run(scenario, by_hand::transfer), native, "{scenario:?}");
        }
    }

    /// What the book says happens when the future is dropped at its second await.
    #[test]
    fn dropping_at_the_second_await_releases_its_locals_newest_first() {
        let (output, log) = run(Scenario::Drop, transfer);
        assert_eq!(output, None);
        assert_eq!(log, ["+ connection", "+ buffer", "- buffer", "- connection", "timed out: the future was dropped"]);
    }
}
