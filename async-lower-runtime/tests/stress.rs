//! Wakes from several threads at once, racing the executor's own wakes, completions and
//! frees: every task must finish exactly once and every task record must be freed.

use async_lower_runtime::{block_on, executor, spawn, yield_now};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};

/// Counts live task outputs: incremented when made, decremented when dropped.
struct Token(Arc<AtomicUsize>);

impl Drop for Token {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[test]
fn concurrent_foreign_wakes_are_safe() {
    const TASKS: usize = 200;
    const POLLS: usize = 50;
    let wakers: Arc<Mutex<Vec<Waker>>> = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let live = Arc::new(AtomicUsize::new(0));
    // Threads that keep waking (and cloning, and dropping) whatever wakers they find.
    let threads: Vec<_> = (0..3)
        .map(|t| {
            let (wakers, stop) = (wakers.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut i = t;
                while !stop.load(Ordering::SeqCst) {
                    let w = {
                        let ws = wakers.lock().unwrap();
                        if ws.is_empty() { None } else { Some(ws[i % ws.len()].clone()) }
                    };
                    if let Some(w) = w {
                        if i % 2 == 0 { w.wake_by_ref() } else { w.wake() }
                    }
                    i = i.wrapping_add(1);
                    std::thread::yield_now();
                }
            })
        })
        .collect();
    let promise = executor::ExternalWork::new(); // the threads may wake at any time
    let finished = block_on({
        let (wakers, live) = (wakers.clone(), live.clone());
        async move {
            let handles: Vec<_> = (0..TASKS)
                .map(|_| {
                    let (wakers, live) = (wakers.clone(), live.clone());
                    spawn(async move {
                        let mut polls = 0;
                        std::future::poll_fn(|cx| {
                            polls += 1;
                            if polls >= POLLS {
                                return Poll::Ready(());
                            }
                            wakers.lock().unwrap().push(cx.waker().clone());
                            // The task always wakes itself too, so it never depends on
                            // the threads' (arbitrary) choice of wakers: their wakes
                            // only race this one and the executor's own work.
                            cx.waker().wake_by_ref();
                            Poll::Pending
                        })
                        .await;
                        yield_now().await;
                        live.fetch_add(1, Ordering::SeqCst);
                        Token(live.clone())
                    })
                })
                .collect();
            let mut finished = 0;
            for (i, h) in handles.into_iter().enumerate() {
                if i % 4 == 0 {
                    drop(h); // detached: its output is dropped where it completes
                    finished += 1;
                } else {
                    drop(h.await);
                    finished += 1;
                }
            }
            // Let the detached ones finish too.
            while executor::stats().tasks_alive > 0 {
                yield_now().await;
            }
            finished
        }
    });
    stop.store(true, Ordering::SeqCst);
    for t in threads {
        t.join().unwrap();
    }
    drop(promise);
    assert_eq!(finished, TASKS);
    wakers.lock().unwrap().clear(); // the last references to the task records
    assert_eq!(live.load(Ordering::SeqCst), 0, "every output was dropped exactly once");
}
