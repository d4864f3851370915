//! Timers: ordering, timeout, the heap's bookkeeping, and sleeping without a thread.

use async_lower_runtime::time::{Elapsed, sleep, sleep_until, timeout};
use async_lower_runtime::{block_on, executor, spawn, when_each};
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::{Duration, Instant};

#[test]
fn sleeps_wake_in_deadline_order() {
    let registered = Rc::new(Cell::new(0));
    let order = block_on({
        let registered = registered.clone();
        async move {
            let start = Instant::now();
            let mut each = when_each([40u64, 10, 25].map(|ms| {
                first_poll_pending(
                    async move {
                        sleep_until(start + Duration::from_millis(ms)).await;
                        ms
                    },
                    registered.clone(),
                )
            }));
            let mut order = vec![];
            while let Some((_, ms)) = each.next().await {
                order.push(ms);
            }
            order
        }
    });
    // Registered timers fire in deadline order, even if several are due in one turn. (A
    // sleep whose deadline had passed by its first poll completes at once, in input order:
    // only possible on a machine stalled for 10 ms, and then there is nothing to check.)
    if registered.get() == 3 {
        assert_eq!(order, [10, 25, 40]);
    }
}

#[test]
fn a_sleep_lasts_at_least_its_duration() {
    let start = Instant::now();
    block_on(sleep(Duration::from_millis(20)));
    assert!(start.elapsed() >= Duration::from_millis(20));
}

#[test]
fn timeout_passes_through_a_fast_future() {
    assert_eq!(block_on(timeout(Duration::from_secs(60), async { 3 })), Ok(3));
    assert_eq!(block_on(timeout(Duration::from_millis(1), sleep(Duration::from_secs(60)))), Err(Elapsed));
}

/// Polls `fut`, recording whether its first poll was `Pending` (i.e. whether the sleep had
/// to register a timer): keeps the count exact however slowly the test runs.
async fn first_poll_pending<F: Future>(fut: F, pending: Rc<Cell<u64>>) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut first = true;
    std::future::poll_fn(move |cx| {
        let p = fut.as_mut().poll(cx);
        if first && p.is_pending() {
            pending.set(pending.get() + 1);
        }
        first = false;
        p
    })
    .await
}

#[test]
fn every_registered_sleep_fires_exactly_once() {
    executor::reset_stats();
    let registered = Rc::new(Cell::new(0));
    block_on({
        let registered = registered.clone();
        async move {
            let deadline = Instant::now() + Duration::from_millis(5);
            let tasks: Vec<_> =
                (0..1000).map(|_| spawn(first_poll_pending(sleep_until(deadline), registered.clone()))).collect();
            for t in tasks {
                t.await;
            }
        }
    });
    let s = executor::stats();
    assert_eq!(s.timers_fired, registered.get(), "{s:?}");
    assert_eq!((s.completed, s.timers_armed), (1000, 0), "{s:?}");
    if registered.get() > 0 {
        assert!(s.parks >= 1, "the thread slept until the deadline: {s:?}");
    }
}

#[test]
fn a_dropped_sleep_disarms_its_timer() {
    block_on(async {
        let _ = timeout(Duration::ZERO, sleep(Duration::from_secs(3600))).await;
        // Otherwise an idle executor would wait an hour for it instead of diagnosing.
        assert_eq!(executor::stats().timers_armed, 0);
        let _kept = std::pin::pin!(sleep(Duration::from_secs(3600)));
        let mut kept = _kept;
        let _ = timeout(Duration::ZERO, kept.as_mut()).await;
        assert_eq!(executor::stats().timers_armed, 1);
    });
    assert_eq!(executor::stats().timers_armed, 0, "dropped with the root future");
}

#[test]
fn sleep_outside_block_on_explains_itself() {
    let mut s = std::pin::pin!(sleep(Duration::from_secs(1)));
    let waker = std::task::Waker::noop();
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = s.as_mut().poll(&mut std::task::Context::from_waker(waker));
    }));
    assert!(r.is_err());
}


#[test]
#[cfg(target_pointer_width = "64")]
fn a_sleep_is_24_bytes() {
    // What a sleeping task carries besides its header: the deadline and its timer slot.
    assert_eq!(std::mem::size_of::<async_lower_runtime::time::Sleep>(), 24);
}

#[test]
fn duration_max_means_forever() {
    assert_eq!(block_on(timeout(Duration::from_millis(1), sleep(Duration::MAX))), Err(Elapsed));
    assert_eq!(block_on(timeout(Duration::MAX, async { 1 })), Ok(1));
}

#[test]
fn a_sleep_dropped_on_another_thread_leaves_that_threads_timers_alone() {
    // Registered in this thread's timers (slot 0 of a fresh thread)...
    let moved = std::thread::spawn(|| {
        block_on(async {
            let mut s = Box::pin(sleep(Duration::from_secs(3600)));
            let _ = timeout(Duration::ZERO, s.as_mut()).await; // polled once: registered
            Some(s)
        })
        .expect("made above")
    })
    .join()
    .unwrap();
    // ...then dropped on another fresh thread, whose own sleep holds slot 0 there too.
    std::thread::spawn(move || {
        block_on(async move {
            let mine = sleep(Duration::from_millis(5));
            let mut mine = std::pin::pin!(mine);
            let _ = timeout(Duration::ZERO, mine.as_mut()).await; // registered here
            drop(moved);
            assert_eq!(executor::stats().timers_armed, 1, "the other thread's sleep left this timer armed");
            mine.await;
        })
    })
    .join()
    .unwrap();
}
