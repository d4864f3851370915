//! spawn_blocking (Task.Run): results, panics, wakes from the pool, no false deadlock.

use async_lower_runtime::blocking::{MAX_THREADS, spawn_blocking};
use async_lower_runtime::{block_on, executor, spawn, when_all};
use std::time::Duration;

#[test]
fn blocking_work_runs_off_the_executor_thread_and_wakes_it() {
    let me = std::thread::current().id();
    executor::reset_stats();
    let (other_thread, v) = block_on(async move {
        // The executor has nothing else to do while the job sleeps: it must wait, not
        // report a deadlock.
        spawn_blocking(move || {
            std::thread::sleep(Duration::from_millis(10));
            (std::thread::current().id() != me, 6 * 7)
        })
        .await
    });
    assert!(other_thread);
    assert_eq!(v, 42);
    assert!(executor::stats().foreign_wakes >= 1, "the pool thread woke the executor");
}

#[test]
fn a_blocking_panic_is_raised_where_it_is_awaited() {
    let r = std::panic::catch_unwind(|| block_on(spawn_blocking(|| panic!("blocking boom"))));
    assert_eq!(*r.unwrap_err().downcast_ref::<&str>().unwrap(), "blocking boom");
}

#[test]
fn many_jobs_share_a_small_pool() {
    let names = block_on(async {
        let jobs = (0..16).map(|i| {
            spawn(async move {
                spawn_blocking(move || {
                    std::thread::sleep(Duration::from_millis(1));
                    (i, std::thread::current().name().map(str::to_owned))
                })
                .await
            })
        });
        when_all(jobs).await
    });
    assert_eq!(names.iter().map(|(i, _)| *i).collect::<Vec<_>>(), (0..16).collect::<Vec<_>>());
    let mut distinct: Vec<_> = names.into_iter().map(|(_, n)| n.unwrap()).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct, ["async-lower-blocking"]);
    let _ = MAX_THREADS;
}
