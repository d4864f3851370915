//! Spawn + join of many trivial tasks: this runtime against tokio's current_thread
//! runtime, in the same process and run. Also counts allocations per task.
//!
//! `cargo bench -p async-lower-runtime --bench spawn` (SPAWN_TASKS, SPAWN_ROUNDS to change).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);
/// Counting is switched on only while allocations are measured, so that the timed runs
/// pay no atomic add per allocation.
static COUNTING: AtomicBool = AtomicBool::new(false);

// SAFETY: forwards to the system allocator and only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            BYTES.fetch_add(l.size(), Ordering::Relaxed);
        }
        // SAFETY: forwarded.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        // SAFETY: forwarded.
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.replace('_', "").parse().ok()).unwrap_or(default)
}

fn ours(n: usize) -> Duration {
    let start = Instant::now();
    let sum = async_lower_runtime::block_on(async move {
        let mut handles = Vec::with_capacity(n);
        for i in 0..n {
            handles.push(async_lower_runtime::spawn(async move { i as u64 }));
        }
        let mut sum = 0u64;
        for h in handles {
            sum += h.await;
        }
        sum
    });
    black_box(sum);
    start.elapsed()
}

fn tokio(rt: &tokio::runtime::Runtime, n: usize) -> Duration {
    let start = Instant::now();
    let sum = rt.block_on(async move {
        let mut handles = Vec::with_capacity(n);
        for i in 0..n {
            handles.push(tokio::spawn(async move { i as u64 }));
        }
        let mut sum = 0u64;
        for h in handles {
            sum += h.await.unwrap();
        }
        sum
    });
    black_box(sum);
    start.elapsed()
}

fn per_task(d: Duration, n: usize) -> f64 {
    d.as_nanos() as f64 / n as f64
}

fn summary(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (v[0], v[v.len() / 2])
}

fn allocs_per_task(n: usize, f: impl FnOnce()) -> (f64, f64) {
    let (a0, b0) = (ALLOCS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
    COUNTING.store(true, Ordering::Relaxed);
    f();
    COUNTING.store(false, Ordering::Relaxed);
    let (a, b) = (ALLOCS.load(Ordering::Relaxed) - a0, BYTES.load(Ordering::Relaxed) - b0);
    (a as f64 / n as f64, b as f64 / n as f64)
}

fn main() {
    let n = env("SPAWN_TASKS", 200_000);
    let rounds = env("SPAWN_ROUNDS", 15);
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    if std::env::var("SPAWN_ONLY").as_deref() == Ok("ours") {
        // For profiling: this runtime alone.
        for _ in 0..rounds {
            println!("{:.1} ns/task", per_task(ours(n), n));
        }
        return;
    }
    // Warm both (thread-local executor, run-queue capacity, allocator arenas).
    ours(n);
    tokio(&rt, n);
    let (mut o, mut t) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        o.push(per_task(ours(n), n));
        t.push(per_task(tokio(&rt, n), n));
    }
    let (o_min, o_med) = summary(o);
    let (t_min, t_med) = summary(t);
    let (oa, ob) = allocs_per_task(n, || {
        ours(n);
    });
    let (ta, tb) = allocs_per_task(n, || {
        tokio(&rt, n);
    });
    println!("spawn + join of {n} trivial tasks, {rounds} rounds each, interleaved");
    println!("| runtime | ns/task (min) | ns/task (median) | allocations/task | bytes/task |");
    println!("|---|---|---|---|---|");
    println!("| async-lower | {o_min:.1} | {o_med:.1} | {oa:.2} | {ob:.0} |");
    println!("| tokio current_thread | {t_min:.1} | {t_med:.1} | {ta:.2} | {tb:.0} |");
    println!("ratio async-lower / tokio (median): {:.3} (goal <= 0.25)", o_med / t_med);
    println!("(allocations/task include the Vec of handles: 8 bytes/task, amortised)");
}
