//! A wake from a thread the runtime does not know about (no ExternalWork guard) arriving
//! within the deadlock grace period is not mistaken for a deadlock. Its own binary: the
//! grace period is process-wide, and set long here so that the test cannot be flaky.

use async_lower_runtime::{block_on, executor};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::task::{Poll, Waker};
use std::time::Duration;

#[test]
fn an_unknown_thread_can_still_wake_within_the_grace_period() {
    executor::set_deadlock_grace(Duration::from_secs(30));
    let (tx, rx) = mpsc::channel::<Waker>();
    let done = Arc::new(AtomicBool::new(false));
    let done2 = done.clone();
    let helper = std::thread::spawn(move || {
        let waker = rx.recv().unwrap();
        done2.store(true, Ordering::SeqCst);
        waker.wake();
    });
    block_on(std::future::poll_fn(|cx| {
        if done.load(Ordering::SeqCst) {
            return Poll::Ready(());
        }
        let _ = tx.send(cx.waker().clone());
        Poll::Pending
    }));
    helper.join().unwrap();
    assert!(executor::stats().foreign_wakes >= 1);
}
