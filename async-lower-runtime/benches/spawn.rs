//! Spawn + join of many trivial tasks: this runtime against tokio's current_thread
//! runtime, in the same process and run. Also counts allocations per task.
//!
//! `cargo bench -p async-lower-runtime --bench spawn` (SPAWN_TASKS, SPAWN_ROUNDS to change;
//! SPAWN_MODES=fresh or =reused for one way of keeping the handles).

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

/// Where the join handles go: a fresh `Vec` per round, or one kept (capacity and all)
/// across rounds. Freeing the 1.6 MB `Vec` makes glibc consolidate its free lists and
/// return the tasks' memory to the kernel, so the next round page-faults it back in: a cost
/// of the harness and the allocator, paid by both runtimes, that the reused buffer avoids.
#[derive(Clone, Copy, PartialEq)]
enum Handles {
    Fresh,
    Reused,
}

thread_local! {
    static OURS_BUF: std::cell::RefCell<Vec<async_lower_runtime::JoinHandle<u64>>> = const { std::cell::RefCell::new(Vec::new()) };
    static TOKIO_BUF: std::cell::RefCell<Vec<tokio::task::JoinHandle<u64>>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn ours(n: usize, mode: Handles) -> Duration {
    let start = Instant::now();
    // Fresh: the `Vec`'s allocation and its free (with the consolidation it triggers) are
    // timed, as in a program that collects handles once.
    let mut handles = match mode {
        Handles::Fresh => Vec::with_capacity(n),
        Handles::Reused => OURS_BUF.take(),
    };
    let (sum, handles) = async_lower_runtime::block_on(async move {
        for i in 0..n {
            handles.push(async_lower_runtime::spawn(async move { i as u64 }));
        }
        let mut sum = 0u64;
        for h in handles.drain(..) {
            sum += h.await;
        }
        (sum, handles)
    });
    black_box(sum);
    if mode == Handles::Reused {
        OURS_BUF.set(handles);
    } else {
        drop(handles);
    }
    start.elapsed()
}

fn tokio(rt: &tokio::runtime::Runtime, n: usize, mode: Handles) -> Duration {
    let start = Instant::now();
    // Fresh: the `Vec`'s allocation and its free (with the consolidation it triggers) are
    // timed, as in a program that collects handles once.
    let mut handles = match mode {
        Handles::Fresh => Vec::with_capacity(n),
        Handles::Reused => TOKIO_BUF.take(),
    };
    let (sum, handles) = rt.block_on(async move {
        for i in 0..n {
            handles.push(tokio::spawn(async move { i as u64 }));
        }
        let mut sum = 0u64;
        for h in handles.drain(..) {
            sum += h.await.unwrap();
        }
        (sum, handles)
    });
    black_box(sum);
    if mode == Handles::Reused {
        TOKIO_BUF.set(handles);
    } else {
        drop(handles);
    }
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
            println!("{:.1} ns/task", per_task(ours(n, Handles::Reused), n));
        }
        return;
    }
    println!("spawn + join of {n} trivial tasks, {rounds} rounds per runtime and mode, interleaved");
    println!("| handles kept in | runtime | ns/task (min) | ns/task (median) | allocations/task | bytes/task |");
    println!("|---|---|---|---|---|---|");
    let modes = std::env::var("SPAWN_MODES").unwrap_or_else(|_| "reused,fresh".into());
    for (mode, label) in [(Handles::Reused, "a reused Vec"), (Handles::Fresh, "a fresh Vec per round")] {
        if !modes.contains(if mode == Handles::Reused { "reused" } else { "fresh" }) {
            continue;
        }
        // Warm both (thread-local executor, run-queue capacity, allocator arenas, buffers).
        ours(n, mode);
        tokio(&rt, n, mode);
        let (mut o, mut t) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            o.push(per_task(ours(n, mode), n));
            t.push(per_task(tokio(&rt, n, mode), n));
        }
        let (o_min, o_med) = summary(o);
        let (t_min, t_med) = summary(t);
        let (oa, ob) = allocs_per_task(n, || {
            ours(n, mode);
        });
        let (ta, tb) = allocs_per_task(n, || {
            tokio(&rt, n, mode);
        });
        println!("| {label} | async-lower | {o_min:.1} | {o_med:.1} | {oa:.2} | {ob:.0} |");
        println!("| {label} | tokio current_thread | {t_min:.1} | {t_med:.1} | {ta:.2} | {tb:.0} |");
        println!(
            "| {label} | **ratio** | {:.3} | **{:.3}** (goal <= 0.25) | | |",
            o_min / t_min,
            o_med / t_med
        );
    }
    println!("(with a fresh Vec, allocations/task include the Vec: 8 bytes/task, amortised)");
}
