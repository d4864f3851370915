//! `spawn_blocking`: CPU-bound or blocking work on a small thread pool (C#'s `Task.Run`).
//!
//! The executor thread must never block: while it does, no other task runs (on a UI
//! thread, the window freezes). [`spawn_blocking`] moves the closure to one of at most
//! [`MAX_THREADS`] pool threads (created on demand, named `async-lower-blocking`); when it
//! returns, the result goes into a one-shot slot and the awaiting task's waker is woken
//! from the pool thread: a "foreign" wake, counted in
//! [`Stats::foreign_wakes`](crate::executor::Stats::foreign_wakes).
//!
//! While a job runs it holds an [`ExternalWork`] promise,
//! so an executor with nothing else to do sleeps instead of reporting a deadlock.
//!
//! Unlike a task, a running closure cannot be cancelled: dropping the handle only
//! discards the result (as in C#, where `Task.Run` work runs to its end unless it checks a
//! token).

use crate::executor::ExternalWork;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};
use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

/// The most threads the pool starts.
pub const MAX_THREADS: usize = 4;

type Job = Box<dyn FnOnce() + Send>;

struct Pool {
    state: Mutex<PoolState>,
    work: Condvar,
}

struct PoolState {
    jobs: VecDeque<Job>,
    threads: usize,
    idle: usize,
}

static POOL: OnceLock<Pool> = OnceLock::new();

fn submit(job: Job) {
    let pool = POOL.get_or_init(|| Pool {
        state: Mutex::new(PoolState { jobs: VecDeque::new(), threads: 0, idle: 0 }),
        work: Condvar::new(),
    });
    let mut st = pool.state.lock().unwrap_or_else(|e| e.into_inner());
    st.jobs.push_back(job);
    if st.idle == 0 && st.threads < MAX_THREADS {
        st.threads += 1;
        std::thread::Builder::new()
            .name("async-lower-blocking".into())
            .spawn(move || worker(pool))
            .expect("failed to start a blocking-pool thread");
    } else {
        pool.work.notify_one();
    }
}

fn worker(pool: &'static Pool) {
    let mut st = pool.state.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if let Some(job) = st.jobs.pop_front() {
            drop(st);
            job(); // never unwinds: the closure is wrapped in catch_unwind
            st = pool.state.lock().unwrap_or_else(|e| e.into_inner());
        } else {
            st.idle += 1;
            st = pool.work.wait(st).unwrap_or_else(|e| e.into_inner());
            st.idle -= 1;
        }
    }
}

struct OneShot<R> {
    result: Option<std::thread::Result<R>>,
    waker: Option<Waker>,
}

/// Runs `f` on the blocking pool; await the handle for its result. A panic in `f` is
/// raised again where the handle is awaited.
///
/// ```
/// use async_lower_runtime::{block_on, blocking::spawn_blocking};
/// let n = block_on(async { spawn_blocking(|| (1..=10u64).product::<u64>()).await });
/// assert_eq!(n, 3_628_800);
/// ```
pub fn spawn_blocking<R, F>(f: F) -> BlockingHandle<R>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let slot = Arc::new(Mutex::new(OneShot { result: None, waker: None }));
    let promise = ExternalWork::new();
    let job_slot = slot.clone();
    submit(Box::new(move || {
        let result = catch_unwind(AssertUnwindSafe(f));
        let waker = {
            let mut s = job_slot.lock().unwrap_or_else(|e| e.into_inner());
            s.result = Some(result);
            s.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
        drop(promise); // after the wake: see `ExternalWork`
    }));
    BlockingHandle { slot }
}

/// The future of [`spawn_blocking`].
#[must_use = "dropping the handle discards the result (the closure still runs)"]
pub struct BlockingHandle<R> {
    slot: Arc<Mutex<OneShot<R>>>,
}

impl<R> std::fmt::Debug for BlockingHandle<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockingHandle").finish_non_exhaustive()
    }
}

impl<R> Future for BlockingHandle<R> {
    type Output = R;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R> {
        let mut s = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        match s.result.take() {
            Some(Ok(v)) => Poll::Ready(v),
            Some(Err(payload)) => {
                drop(s);
                resume_unwind(payload)
            }
            None => {
                match &s.waker {
                    Some(w) if w.will_wake(cx.waker()) => {}
                    _ => s.waker = Some(cx.waker().clone()),
                }
                Poll::Pending
            }
        }
    }
}
