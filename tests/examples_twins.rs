//! Each example's annotated `async fn` against its hand-written twin: same output, same
//! number of polls, same side effects in the same order, same behaviour when dropped
//! half-way. (Tests inside `examples/` are not run by `cargo test`, so they live here and
//! pull the example files in with `#[path]`.)
//!
//! The annotated side is lowered by `#[async_lower::lower]`, so these tests compare the
//! compiler's machine with a person's. copy_stream also keeps a copy without the attribute
//! (`native`), so there all three, rustc's, ours and the twins, are held to one trace.

#[path = "../examples/copy_stream.rs"]
#[allow(dead_code)] // each example's `main` and its demo helpers
mod copy_stream;

mod copy_stream_twin {
    use super::copy_stream::{Ends, as_fields, by_hand, by_hand_fields, copy_stream, drive, native};
    use std::io;

    fn sample(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 % 256) as u8).collect()
    }

    /// Runs `$copy` over fresh ends for at most `$polls` polls (failing the read that
    /// crosses `$fail_at`, if any); returns the output, the polls, the bytes copied and
    /// the events. A macro, so that the `async fn`, both twins and the lowered function
    /// (each a different kind of callable) all fit.
    macro_rules! outcome {
        ($copy:path, $data:expr, $fail_at:expr, $polls:expr) => {{
            let mut ends = Ends::new($data);
            if let Some(offset) = $fail_at {
                ends.source = ends.source.fail_at(offset);
            }
            let (output, polls) = drive::poll_then_drop($copy(&mut ends.source, &mut ends.destination), $polls);
            let output: Option<io::Result<u64>> = output;
            (output.map(|r| r.map_err(|e| e.kind())), polls, ends.destination.data.clone(), ends.events())
        }};
    }

    #[test]
    fn same_output_polls_and_events() {
        for len in [0, 1, 2999, 3000, 4096, 10_000, 50_001] {
            let data = sample(len);
            let native = outcome!(native::copy_stream, &data, None::<usize>, 1000);
            assert_eq!(native.0, Some(Ok(len as u64)));
            assert_eq!(outcome!(copy_stream, &data, None::<usize>, 1000), native, "#[lower], len {len}");
            assert_eq!(native.2, data, "the copy is intact");
            assert_eq!(outcome!(as_fields::copy_stream, &data, None::<usize>, 1000), native, "#[lower(layout = \"fields\")], len {len}");
            assert_eq!(outcome!(by_hand::copy_stream, &data, None::<usize>, 1000), native, "enum twin, len {len}");
            assert_eq!(outcome!(by_hand_fields::copy_stream, &data, None::<usize>, 1000), native, "C# layout, len {len}");
        }
    }

    /// `?` takes the return path at the failing read, after what was copied so far.
    #[test]
    fn an_error_returns_early_in_both() {
        let data = sample(10_000);
        let native = outcome!(native::copy_stream, &data, Some(7000), 1000);
        assert_eq!(native.0, Some(Err(io::ErrorKind::ConnectionReset)));
        assert_eq!(outcome!(copy_stream, &data, Some(7000), 1000), native);
        assert_eq!(native.2.len(), 6000);
        assert_eq!(outcome!(as_fields::copy_stream, &data, Some(7000), 1000), native);
        assert_eq!(outcome!(by_hand::copy_stream, &data, Some(7000), 1000), native);
        assert_eq!(outcome!(by_hand_fields::copy_stream, &data, Some(7000), 1000), native);
    }

    /// Dropping the future at every possible suspension leaves the same trace.
    #[test]
    fn cancelled_at_every_await_in_both() {
        let data = sample(10_000);
        for polls in 0..8 {
            let native = outcome!(native::copy_stream, &data, None::<usize>, polls);
            assert_eq!(outcome!(copy_stream, &data, None::<usize>, polls), native, "#[lower], {polls} polls");
            assert_eq!(outcome!(as_fields::copy_stream, &data, None::<usize>, polls), native, "fields, {polls} polls");
            assert_eq!(outcome!(by_hand::copy_stream, &data, None::<usize>, polls), native, "{polls} polls");
            assert_eq!(outcome!(by_hand_fields::copy_stream, &data, None::<usize>, polls), native, "C# layout, {polls} polls");
        }
    }

    #[test]
    #[should_panic(expected = "`async fn` resumed after completion")]
    fn the_twin_refuses_a_poll_after_completion() {
        use std::future::Future;
        use std::task::{Context, Waker};
        let mut ends = Ends::new(&[]);
        let mut future = std::pin::pin!(by_hand::copy_stream(&mut ends.source, &mut ends.destination));
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
    /// The events are 20 ms apart; on a machine too busy to keep that, two may land in one
    /// wake and change the counts, so a mismatch is retried a few times before it fails.
    #[test]
    fn same_breakfast_same_messages_same_polls() {
        let polls = |stats: &Stats| (stats.root_polls, stats.polls);
        let (mut native, mut twin) = (cook(make_breakfast), cook(by_hand::make_breakfast));
        for _retry in 0..3 {
            if twin.1 == native.1 && polls(&twin.2) == polls(&native.2) {
                break;
            }
            (native, twin) = (cook(make_breakfast), cook(by_hand::make_breakfast));
        }
        assert_eq!(twin.0, native.0);
        assert_eq!(twin.1, native.1, "the kitchen's messages, in order");
        assert_eq!(polls(&twin.2), polls(&native.2), "polls");
        assert_eq!(native.1.first().map(String::as_str), Some("pouring coffee"));
        assert_eq!(native.1.last().map(String::as_str), Some("pouring orange juice"));
    }
}

#[path = "../examples/cancellation.rs"]
#[allow(dead_code)]
mod cancellation;

mod cancellation_twin {
    use super::cancellation::{Scenario, by_hand, run, transfer};
    use async_lower::runtime::cancel::CancellationToken;

    #[test]
    fn same_drops_in_the_same_order_in_every_scenario() {
        for scenario in [Scenario::Complete, Scenario::Token, Scenario::Drop] {
            let native = run(scenario, &CancellationToken::new(), transfer);
            assert_eq!(run(scenario, &CancellationToken::new(), by_hand::transfer), native, "{scenario:?}");
        }
    }

    /// What the book says happens when the future is dropped at its second await.
    #[test]
    fn dropping_at_the_second_await_releases_its_locals_newest_first() {
        let (output, log) = run(Scenario::Drop, &CancellationToken::new(), transfer);
        assert_eq!(output, None);
        assert_eq!(log, ["+ connection", "+ buffer", "dropping the future, which waits in its second step:", "- buffer", "- connection"]);
    }
}

#[path = "../examples/when_each.rs"]
#[allow(dead_code)]
mod when_each;

mod when_each_twin {
    use super::when_each::{by_hand, in_completion_order, measure, naive_loop};
    use std::time::Duration;

    const SPACING: Duration = Duration::from_millis(5);

    fn sorted(order: &[usize]) -> Vec<usize> {
        let mut sorted = order.to_vec();
        sorted.sort_unstable();
        sorted
    }

    /// Poll counts that do not depend on timing: `when_each` polls each timer at most twice
    /// (pending, then ready), and each naive round polls every pending timer at least once.
    /// (The order of timers that fire in the same wake may differ from run to run, so
    /// orders are compared as sets.)
    #[test]
    fn each_timer_once_with_2n_polls_and_the_naive_loop_quadratic() {
        let native = measure(20, SPACING, in_completion_order);
        let twin = measure(20, SPACING, by_hand::in_completion_order);
        let naive = measure(20, SPACING, naive_loop);
        let every_timer: Vec<usize> = (0..20).collect();
        for order in [&native.0, &twin.0, &naive.0] {
            assert_eq!(sorted(order), every_timer, "every timer, once");
        }
        assert_ne!(native.0, every_timer, "in completion order, not start order");
        // Exactly 2N unless a timer had already expired at its first poll (1 poll then).
        assert!(native.1 <= 40 && twin.1 <= 40, "at most one pending and one ready poll per timer: {native:?} {twin:?}");
        assert!(naive.1 >= 20 * 21 / 2, "the naive loop re-polls the pending ones: {}", naive.1);
    }
}

#[path = "../examples/async_void.rs"]
#[allow(dead_code)]
mod async_void;

mod async_void_twin {
    use super::async_void::{by_hand, on_click, take_log};
    use async_lower::runtime::executor::{PanicPolicy, reset_stats, stats};
    use async_lower::runtime::time::sleep;
    use async_lower::runtime::{block_on, spawn_detached, yield_now};
    use std::future::{Future, poll_fn};
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::pin::Pin;
    use std::task::Poll;

    /// Two detached clicks, the second panicking: what was logged, how many panics.
    fn two_clicks<F: Future<Output = ()> + 'static>(handler: fn(u32) -> F) -> (Vec<String>, u64) {
        take_log();
        block_on(async move {
            reset_stats();
            spawn_detached(handler(1), PanicPolicy::Report);
            spawn_detached(handler(2), PanicPolicy::Report);
            while stats().completed < 2 {
                sleep(super::async_void::STEP).await; // nobody can await a detached task
            }
            (take_log(), stats().detached_panics)
        })
    }

    #[test]
    fn a_detached_panic_is_reported_and_the_program_goes_on() {
        let native = two_clicks(on_click);
        assert_eq!(native.1, 1);
        assert_eq!(native.0, ["saving document 1", "saving document 2", "document 1 saved"]);
        assert_eq!(two_clicks(by_hand::on_click), native);
    }

    /// Polls `future` until it panics, then once more: returns both panic messages.
    fn panic_then_poll_again(future: impl Future<Output = ()>) -> (String, String) {
        let message = |payload: Box<dyn std::any::Any + Send>| {
            payload.downcast_ref::<String>().cloned().or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string())).unwrap()
        };
        /// One poll of `future`, with a panic caught rather than unwinding through `block_on`.
        async fn try_poll<F: Future>(mut future: Pin<&mut F>) -> std::thread::Result<Poll<F::Output>> {
            poll_fn(|cx| Poll::Ready(catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))))).await
        }
        block_on(async {
            let mut future = Box::pin(future);
            let first = loop {
                match try_poll(future.as_mut()).await {
                    Ok(Poll::Pending) => yield_now().await, // let the executor run its timers
                    Ok(Poll::Ready(())) => panic!("expected a panic"),
                    Err(payload) => break message(payload),
                }
            };
            let second = message(try_poll(future.as_mut()).await.expect_err("a poll after a panic panics"));
            (first, second)
        })
    }

    #[test]
    fn polled_after_its_panic_both_say_so() {
        let native = panic_then_poll_again(on_click(2));
        assert_eq!(native.0, "document 2 could not be saved");
        assert!(native.1.contains("resumed after panicking"), "{}", native.1);
        let twin = panic_then_poll_again(by_hand::on_click(2));
        assert_eq!(twin.0, native.0);
        assert!(twin.1.contains("resumed after panicking"), "{}", twin.1);
    }
}

#[path = "../examples/deadlock.rs"]
#[allow(dead_code)]
mod deadlock;

mod deadlock_twin {
    use super::deadlock::{async_all_the_way, blocking_handler, by_hand, caught, download, waiting_in_a_cycle};

    #[test]
    fn a_nested_block_on_is_refused_with_the_reason() {
        let message = caught(blocking_handler).unwrap_err();
        assert!(message.contains("sync-over-async"), "{message}");
    }

    #[test]
    fn both_deadlock_in_a_cycle_and_the_report_names_the_await() {
        let native = caught(|| waiting_in_a_cycle(download)).unwrap_err();
        assert!(native.contains("deadlock"), "{native}");
        // The Tracing builder lets the report name the lowered function's await.
        assert!(native.contains("download"), "{native}");
        let twin = caught(|| waiting_in_a_cycle(by_hand::download)).unwrap_err();
        assert!(twin.contains("deadlock"), "{twin}");
    }

    #[test]
    fn both_complete_when_async_all_the_way() {
        assert_eq!(caught(|| async_all_the_way(download)), Ok("<HTML>HELLO</HTML>".into()));
        assert_eq!(caught(|| async_all_the_way(by_hand::download)), Ok("<HTML>HELLO</HTML>".into()));
    }
}

#[path = "../examples/async_local.rs"]
#[allow(dead_code)]
mod async_local;

mod async_local_twin {
    use super::async_local::{REQUEST_ID, by_hand, handle_request};
    use async_lower::runtime::block_on;
    use async_lower::runtime::executor::{reset_stats, stats};
    use std::future::Future;

    /// What the handler saw, and how many tasks it spawned. (Poll counts are not compared
    /// here: they depend on whether the sleep's timer fires before or after the spawned
    /// tasks run, which a busy machine can change.)
    fn in_scope<F: Future<Output = Vec<String>>>(handler: F) -> (Vec<String>, u64) {
        block_on(REQUEST_ID.scope("req-42".into(), async {
            reset_stats();
            let seen = handler.await;
            (seen, stats().spawned)
        }))
    }

    #[test]
    fn the_value_flows_across_awaits_and_into_spawned_tasks_in_both() {
        let native = in_scope(handle_request());
        let values: Vec<&str> = native.0.iter().map(|line| line.rsplit(' ').next().unwrap()).collect();
        assert_eq!(values, ["req-42", "req-42", "req-42", "req-42/retry", "req-42"]);
        assert_eq!(in_scope(by_hand::handle_request()), native);
        assert_eq!(REQUEST_ID.try_get(), None, "nothing leaks out of the scope");
    }
}

#[path = "../examples/cpu_work.rs"]
#[allow(dead_code)]
mod cpu_work;

mod cpu_work_twin {
    use super::cpu_work::{beside_a_ticker, by_hand, render_report};

    /// Only the deterministic parts: the result, and where the wake came from. (The
    /// ticker's gaps depend on how busy the machine is; the example prints them.)
    #[test]
    fn same_result_and_the_offloaded_one_is_woken_from_the_pool() {
        for offload in [false, true] {
            let (native, _, native_foreign) = beside_a_ticker(render_report(offload));
            let (twin, _, twin_foreign) = beside_a_ticker(by_hand::render_report(offload));
            assert_eq!((twin, twin_foreign), (native, native_foreign), "offload: {offload}");
            assert_eq!(native_foreign, u64::from(offload), "one foreign wake when offloaded, none inline");
        }
    }
}

#[path = "../examples/pooling.rs"]
#[allow(dead_code)]
mod pooling; // also installs its counting allocator for this test binary (per-thread counts)

mod pooling_twin {
    use super::pooling::{add_later, add_later_boxed, add_later_pooled, allocations_per_call, by_hand};
    use async_lower::runtime::Builder;
    use async_lower::runtime::builders::{Boxed, Pooled};

    /// What the builder decides, for the generated machine and for the twin handed to
    /// the same builder by hand: 0 by value, 1 boxed, 0 pooled once warm.
    #[test]
    fn the_builder_decides_the_allocations() {
        let by_value = allocations_per_call(100, |i| add_later(i, i));
        let boxed = allocations_per_call(100, |i| add_later_boxed(i, i));
        let pooled = allocations_per_call(100, |i| add_later_pooled(i, i));
        assert_eq!((by_value, boxed, pooled), (0.0, 1.0, 0.0));
        assert_eq!(allocations_per_call(100, |i| by_hand::add_later(i, i)), by_value);
        assert_eq!(allocations_per_call(100, |i| Boxed::create(by_hand::add_later(i, i))), boxed);
        assert_eq!(allocations_per_call(100, |i| Pooled::create(by_hand::add_later(i, i))), pooled);
    }
}

#[path = "../examples/no_thread.rs"]
#[allow(dead_code)]
mod no_thread;

mod no_thread_twin {
    use super::no_thread::{by_hand, client, run};

    /// A small count: the example itself runs 10,000. (Thread counts are not compared:
    /// the test harness has threads of its own.)
    #[test]
    fn every_client_waits_then_gets_its_byte_in_both() {
        for report in [run(200, client).unwrap(), run(200, by_hand::client).unwrap()] {
            assert_eq!(report.waiting, 200, "all reads pending at once");
            assert_eq!(report.received, vec![b'!'; 200]);
        }
    }
}
