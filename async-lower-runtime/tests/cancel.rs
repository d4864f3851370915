//! Cancellation: the token (cancel, cancelled().await, children, run_until_cancelled,
//! drop guard) and cancellation by drop (timeout).

mod common;

use async_lower_runtime::cancel::CancellationToken;
use async_lower_runtime::time::{Elapsed, timeout};
use async_lower_runtime::{block_on, sleep, spawn, yield_now};
use common::DropFlag;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

#[test]
fn cancel_wakes_every_waiter() {
    let token = CancellationToken::new();
    let woke = block_on({
        let token = token.clone();
        async move {
            let waiters: Vec<_> = (0..3)
                .map(|i| {
                    let t = token.clone();
                    spawn(async move {
                        t.cancelled().await;
                        i
                    })
                })
                .collect();
            yield_now().await;
            assert!(waiters.iter().all(|w| !w.is_finished()));
            token.cancel();
            let mut sum = 0;
            for w in waiters {
                sum += w.await;
            }
            sum
        }
    });
    assert_eq!(woke, 3);
    assert!(token.is_cancelled());
}

#[test]
fn child_tokens_follow_the_parent_not_the_other_way() {
    let parent = CancellationToken::new();
    let a = parent.child_token();
    let b = parent.child_token();
    let grandchild = a.child_token();
    b.cancel();
    assert!(b.is_cancelled() && !parent.is_cancelled() && !a.is_cancelled());
    parent.cancel();
    assert!(a.is_cancelled() && grandchild.is_cancelled());
    assert!(parent.child_token().is_cancelled(), "a child of a cancelled token starts cancelled");
}

#[test]
fn run_until_cancelled_drops_the_future() {
    let dropped = Rc::new(Cell::new(false));
    let token = CancellationToken::new();
    let out = block_on({
        let (token, flag) = (token.clone(), dropped.clone());
        async move {
            let canceller = spawn({
                let token = token.clone();
                async move {
                    sleep(Duration::from_millis(2)).await;
                    token.cancel();
                }
            });
            let out = token
                .run_until_cancelled(async move {
                    let _flag = DropFlag(flag);
                    std::future::pending::<u32>().await
                })
                .await;
            canceller.await;
            out
        }
    });
    assert_eq!(out, None);
    assert!(dropped.get());
    assert_eq!(block_on(CancellationToken::new().run_until_cancelled(async { 5 })), Some(5));
}

#[test]
fn drop_guard_cancels_and_disarm_does_not() {
    let t = CancellationToken::new();
    drop(t.clone().drop_guard().disarm());
    assert!(!t.is_cancelled());
    drop(t.clone().drop_guard());
    assert!(t.is_cancelled());
}

#[test]
fn a_dropped_waiter_leaves_no_trace() {
    let t = CancellationToken::new();
    async_lower_runtime::executor::reset_stats();
    block_on(async {
        for _ in 0..100 {
            // Each `cancelled()` registers a waker, then is dropped by the timeout.
            assert_eq!(timeout(Duration::ZERO, t.cancelled()).await, Err(Elapsed));
        }
    });
    // Stale wakers would wake the (finished) root future from outside its block_on.
    t.cancel();
    assert_eq!(async_lower_runtime::executor::stats().foreign_wakes, 0);
}

#[test]
fn timeout_cancels_by_drop_at_the_current_await() {
    let dropped = Rc::new(Cell::new(false));
    let reached_end = Rc::new(Cell::new(false));
    let r = block_on({
        let (flag, end) = (dropped.clone(), reached_end.clone());
        timeout(Duration::from_millis(5), async move {
            let _local_live_across_the_await = DropFlag(flag);
            sleep(Duration::from_secs(3600)).await;
            end.set(true);
        })
    });
    assert_eq!(r, Err(Elapsed));
    assert!(dropped.get(), "the local held across the await was dropped");
    assert!(!reached_end.get(), "the code after the await never ran");
}
