//! The executor: join handles, panics, the nested-`block_on` refusal, the deadlock
//! diagnosis, observable wakes, detached tasks and shutdown.

mod common;

use async_lower_runtime::executor::{self, ExternalWork, PanicPolicy};
use async_lower_runtime::{Tracing, block_on, sleep, spawn, spawn_detached, yield_now};
use common::{DropFlag, Gates, panic_message, wait_for};
use std::cell::Cell;
use std::future::pending;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::time::Duration;

#[test]
fn join_handles_give_outputs() {
    let v = block_on(async {
        let a = spawn(async { 40 });
        let b = spawn(async {
            yield_now().await;
            2
        });
        a.await + b.await
    });
    assert_eq!(v, 42);
}

#[test]
fn a_task_panic_is_raised_again_by_its_join_handle() {
    let caught = catch_unwind(AssertUnwindSafe(|| {
        block_on(async {
            let h = spawn(async {
                yield_now().await;
                panic!("boom in task");
            });
            h.await;
        })
    }));
    let payload = caught.expect_err("the panic should reach block_on through the handle");
    assert_eq!(panic_message(&*payload), "boom in task");
    // The executor is usable again afterwards.
    assert_eq!(block_on(async { spawn(async { 1 }).await }), 1);
}

#[test]
fn a_task_panic_stays_in_the_task_that_awaits_it() {
    let v = block_on(async {
        let bad = spawn(async { panic!("contained") });
        // The task awaiting `bad` panics in turn; the root, which never awaits it, does not.
        let watcher = spawn(bad);
        let good = spawn(async { 5 });
        let v = good.await;
        while !watcher.is_finished() {
            yield_now().await;
        }
        v
    });
    assert_eq!(v, 5);
}

#[test]
fn nested_block_on_is_refused_with_an_explanation() {
    let caught = catch_unwind(AssertUnwindSafe(|| block_on(async { block_on(async { 1 }) })));
    let msg = panic_message(&*caught.expect_err("nested block_on must panic"));
    assert!(msg.contains("sync-over-async deadlock"), "{msg}");
    assert!(msg.contains(".Result"), "{msg}");
    // Inside a task, the refusal becomes the task's panic.
    let caught = catch_unwind(AssertUnwindSafe(|| block_on(async { spawn(async { block_on(async { 1 }) }).await })));
    assert!(panic_message(&*caught.unwrap_err()).contains("block_on called while this thread is already inside block_on"));
    assert_eq!(block_on(async { 3 }), 3);
}

#[test]
fn a_deadlock_is_diagnosed_instead_of_hanging() {
    let caught = catch_unwind(AssertUnwindSafe(|| block_on(pending::<()>())));
    let msg = panic_message(&*caught.expect_err("must not hang"));
    assert!(msg.contains("deadlock"), "{msg}");
    assert!(msg.contains("tests/executor.rs"), "names the block_on call: {msg}");
}

#[test]
fn the_deadlock_report_names_the_stuck_await_and_tasks() {
    let caught = catch_unwind(AssertUnwindSafe(|| {
        block_on(async {
            let gates = Gates::new(2);
            // A task waiting (through a Tracing machine) on a gate nobody opens...
            let stuck = spawn(wait_for::<Tracing, _>(gates.gate(0)));
            // ...and the root waiting for that task, also through a Tracing machine.
            wait_for::<Tracing, _>(stuck).await;
        })
    }));
    let msg = panic_message(&*caught.expect_err("must not hang"));
    eprintln!("{msg}");
    assert!(msg.contains("block_on future: waiting in `wait_for` at Await0 (awaiting `fut`"), "{msg}");
    assert!(msg.contains("1 task(s) alive"), "{msg}");
    assert!(msg.contains("task spawned at async-lower-runtime/tests/executor.rs") || msg.contains("task spawned at tests/executor.rs"), "{msg}");
}

#[test]
fn no_deadlock_is_reported_while_a_timer_can_still_wake() {
    let v = block_on(async {
        let gates = Gates::new(1);
        let opener = gates.clone();
        drop(spawn(async move {
            sleep(Duration::from_millis(5)).await;
            opener.open(0);
        }));
        gates.gate(0).await
    });
    assert_eq!(v, 0);
}

#[test]
fn external_work_keeps_the_executor_waiting() {
    let v = block_on(async {
        let promise = ExternalWork::new();
        let (tx, rx) = std::sync::mpsc::channel::<std::task::Waker>();
        let gate = Rc::new(Cell::new(false));
        let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag2 = flag.clone();
        let t = std::thread::spawn(move || {
            let waker = rx.recv().unwrap();
            std::thread::sleep(Duration::from_millis(5));
            flag2.store(true, std::sync::atomic::Ordering::SeqCst);
            waker.wake();
            drop(promise);
        });
        let _ = gate;
        std::future::poll_fn(|cx| {
            if flag.load(std::sync::atomic::Ordering::SeqCst) {
                return std::task::Poll::Ready(());
            }
            let _ = tx.send(cx.waker().clone());
            std::task::Poll::Pending
        })
        .await;
        t.join().unwrap();
        9
    });
    assert_eq!(v, 9);
    assert!(executor::stats().foreign_wakes >= 1);
}

#[test]
fn wakes_and_polls_are_counted() {
    executor::reset_stats();
    block_on(async {
        spawn(async {
            for _ in 0..3 {
                yield_now().await;
            }
        })
        .await;
    });
    let s = executor::stats();
    assert_eq!(s.spawned, 1);
    assert_eq!(s.completed, 1);
    assert_eq!(s.polls, 4, "{s:?}");
    assert_eq!(s.wakes, 4, "3 self-wakes of the task and 1 of the root by the JoinHandle: {s:?}");
    assert_eq!(s.root_polls, 2, "{s:?}");
}

#[test]
fn tasks_interleave_at_yield_points() {
    let log = Rc::new(std::cell::RefCell::new(Vec::new()));
    block_on({
        let log = log.clone();
        async move {
            let a = spawn({
                let log = log.clone();
                async move {
                    for i in 0..3 {
                        log.borrow_mut().push(("a", i));
                        yield_now().await;
                    }
                }
            });
            let b = spawn({
                let log = log.clone();
                async move {
                    for i in 0..3 {
                        log.borrow_mut().push(("b", i));
                        yield_now().await;
                    }
                }
            });
            a.await;
            b.await;
        }
    });
    assert_eq!(*log.borrow(), [("a", 0), ("b", 0), ("a", 1), ("b", 1), ("a", 2), ("b", 2)]);
}

#[test]
fn detached_panics_are_reported_and_counted() {
    executor::reset_stats();
    let v = block_on(async {
        spawn_detached(async { panic!("detached boom") }, PanicPolicy::Report);
        yield_now().await;
        yield_now().await;
        1
    });
    assert_eq!(v, 1);
    assert_eq!(executor::stats().detached_panics, 1);
}

#[test]
fn abort_policy_aborts_the_process() {
    if std::env::var_os("ASYNC_LOWER_ABORT_CHILD").is_some() {
        // No core file from the expected abort.
        let no_core = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: setrlimit with a valid struct; only lowers this child process's limit.
        unsafe { libc::setrlimit(libc::RLIMIT_CORE, &no_core) };
        block_on(async {
            spawn_detached(async { panic!("async void") }, PanicPolicy::Abort);
            yield_now().await;
            yield_now().await;
        });
        return; // not reached
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "abort_policy_aborts_the_process", "--nocapture", "--test-threads=1"])
        .env("ASYNC_LOWER_ABORT_CHILD", "1")
        .output()
        .unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), Some(6), "expected SIGABRT: {out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("PanicPolicy::Abort"));
}

#[test]
fn shutdown_cancels_pending_tasks_by_drop() {
    let dropped = Rc::new(Cell::new(false));
    let flag = dropped.clone();
    block_on(async move {
        drop(spawn(async move {
            let _guard = DropFlag(flag);
            pending::<()>().await;
        }));
        yield_now().await; // the task starts and suspends
    });
    assert!(dropped.get(), "the suspended task's locals were dropped when block_on returned");
}

#[test]
fn spawn_outside_block_on_panics() {
    let caught = catch_unwind(|| drop(spawn(async {})));
    assert!(panic_message(&*caught.unwrap_err()).contains("outside block_on"));
}

#[test]
fn wakes_from_other_threads_reach_the_task() {
    executor::reset_stats();
    let v = block_on(async {
        spawn(async {
            async_lower_runtime::spawn_blocking(|| {
                std::thread::sleep(Duration::from_millis(2));
                11
            })
            .await
        })
        .await
    });
    assert_eq!(v, 11);
    assert!(executor::stats().foreign_wakes >= 1);
}

#[test]
fn a_task_that_wakes_itself_and_finishes_runs_once() {
    executor::reset_stats();
    let v = block_on(async {
        spawn(std::future::poll_fn(|cx| {
            cx.waker().wake_by_ref(); // queued again...
            std::task::Poll::Ready(8) // ...and finished in the same poll
        }))
        .await
    });
    assert_eq!(v, 8);
    let s = executor::stats();
    assert_eq!((s.polls, s.completed, s.tasks_alive), (1, 1, 0), "{s:?}");
}

#[test]
fn a_waker_outliving_its_task_is_harmless() {
    let kept = block_on(async {
        let (tx, rx) = std::sync::mpsc::channel();
        spawn(std::future::poll_fn(move |cx| {
            tx.send(cx.waker().clone()).unwrap();
            std::task::Poll::Ready(())
        }))
        .await;
        rx.recv().unwrap()
    });
    // The task is gone; waking it from another thread must neither run nor crash anything.
    std::thread::spawn(move || kept.wake()).join().unwrap();
    assert_eq!(block_on(async { 1 }), 1);
}

#[test]
fn the_executor_can_narrate_itself() {
    // Spawns this test binary again, with printing on, and reads what it printed.
    if std::env::var_os("ASYNC_LOWER_PRINT_CHILD").is_some() {
        executor::print_to_stderr(true);
        block_on(async {
            spawn(async {
                sleep(Duration::from_millis(1)).await;
            })
            .await
        });
        return;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "the_executor_can_narrate_itself", "--nocapture", "--test-threads=1"])
        .env("ASYNC_LOWER_PRINT_CHILD", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    for line in ["[executor] poll  block_on future", "[executor] poll  task spawned at", "[executor] sleep until", "[executor] wake  block_on future"] {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
}

#[test]
fn a_busy_root_does_not_starve_timers() {
    // The root never lets the executor go idle (it yields in a loop): the timer of the
    // task must fire all the same.
    let done = Rc::new(Cell::new(false));
    let spins = block_on({
        let done = done.clone();
        async move {
            let setter = spawn({
                let done = done.clone();
                async move {
                    sleep(Duration::from_millis(2)).await;
                    done.set(true);
                }
            });
            let mut spins = 0u64;
            let start = std::time::Instant::now();
            while !done.get() {
                spins += 1;
                assert!(start.elapsed() < Duration::from_secs(30), "the timer never fired");
                yield_now().await;
            }
            setter.await;
            spins
        }
    });
    assert!(spins > 0);
}

#[test]
fn suspended_tasks_can_be_listed_without_a_deadlock() {
    let report = block_on(async {
        let gates = Gates::new(1);
        let waiter = spawn(wait_for::<Tracing, _>(gates.gate(0)));
        yield_now().await; // the task runs and suspends
        let report = executor::suspended();
        gates.open(0);
        waiter.await;
        report
    });
    assert!(report.contains("1 task(s) alive"), "{report}");
    assert!(report.contains("waiting in `wait_for` at Await0 (awaiting `fut`"), "{report}");
}

#[test]
fn a_handle_of_a_task_cancelled_at_shutdown_says_so() {
    let handle = block_on(async {
        let h = spawn(async {
            pending::<()>().await;
        });
        yield_now().await; // it starts and suspends
        Some(h)
    })
    .expect("spawned");
    // block_on returned: the task was cancelled (dropped) with its executor's shutdown.
    assert!(handle.is_finished());
    let caught = catch_unwind(AssertUnwindSafe(|| block_on(handle)));
    assert!(panic_message(&*caught.unwrap_err()).contains("was cancelled"));
}
