//! Timers: ordering, timeout, the heap's bookkeeping, and sleeping without a thread.

use async_lower_runtime::time::{Elapsed, sleep, sleep_until, timeout};
use async_lower_runtime::{block_on, executor, spawn, when_each};
use std::time::{Duration, Instant};

#[test]
fn sleeps_wake_in_deadline_order() {
    let order = block_on(async {
        let mut each = when_each([30u64, 5, 15, 0].map(|ms| async move {
            sleep(Duration::from_millis(ms)).await;
            ms
        }));
        let mut order = vec![];
        while let Some((_, ms)) = each.next().await {
            order.push(ms);
        }
        order
    });
    assert_eq!(order, [0, 5, 15, 30]);
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

#[test]
fn many_sleepers_fire_once_each() {
    executor::reset_stats();
    block_on(async {
        let deadline = Instant::now() + Duration::from_millis(5);
        let tasks: Vec<_> = (0..1000).map(|_| spawn(sleep_until(deadline))).collect();
        for t in tasks {
            t.await;
        }
    });
    let s = executor::stats();
    assert_eq!(s.timers_fired, 1000);
    assert!(s.parks >= 1, "the thread slept until the deadline: {s:?}");
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

use std::future::Future;
