//! Allocation counts, with a counting global allocator: the root future of `block_on`
//! costs nothing, a task costs exactly one allocation (header and future together), and
//! the pooled builder reaches zero allocations per call once warm.

mod common;

use async_lower_runtime::{Boxed, DefaultBuilder, Pooled, Tracing, block_on, spawn, yield_now};
use common::{Counting, allocations, wait_for};

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn block_on_allocates_nothing_for_the_root_future() {
    block_on(async { yield_now().await }); // the thread's executor is created once
    let (v, allocs, _) = allocations(|| {
        block_on(async {
            yield_now().await;
            yield_now().await;
            7
        })
    });
    assert_eq!(v, 7);
    assert_eq!(allocs, 0, "block_on allocated for the root future");
}

#[test]
fn spawn_allocates_once_per_task() {
    const N: usize = 1000;
    let run = || {
        block_on(async {
            let mut sum = 0;
            for i in 0..N {
                // A task that suspends once: header, future and output share one block.
                sum += spawn(async move {
                    yield_now().await;
                    i
                })
                .await;
            }
            sum
        })
    };
    run(); // warm: run queue capacity
    let (sum, allocs, bytes) = allocations(run);
    assert_eq!(sum, N * (N - 1) / 2);
    assert_eq!(allocs, N, "expected exactly one allocation per task");
    eprintln!("{} bytes per task", bytes / N);
}

#[test]
fn spawn_many_at_once_allocates_once_per_task() {
    const N: usize = 2000;
    let run = |mut handles: Vec<_>| {
        block_on(async move {
            for i in 0..N {
                handles.push(spawn(async move { i as u64 }));
            }
            let mut sum = 0;
            for h in handles {
                sum += h.await;
            }
            sum
        })
    };
    run(Vec::with_capacity(N));
    let handles = Vec::with_capacity(N);
    let (sum, allocs, _) = allocations(move || run(handles));
    assert_eq!(sum, (N as u64) * (N as u64 - 1) / 2);
    assert_eq!(allocs, N);
}

#[test]
fn builders_allocate_as_advertised() {
    const N: usize = 500;
    fn calls<B: async_lower_runtime::Builder>() -> usize {
        let run = || {
            block_on(async {
                for _ in 0..N {
                    wait_for::<B, _>(yield_now()).await;
                }
            })
        };
        run(); // warm: the pool gets its block
        allocations(run).1
    }
    assert_eq!(calls::<DefaultBuilder>(), 0, "default builder: machine by value");
    assert_eq!(calls::<Boxed>(), N, "boxed builder: one box per call");
    let (reused0, _) = Pooled::stats();
    assert_eq!(calls::<Pooled>(), 0, "pooled builder: no allocation in steady state");
    let (reused1, _) = Pooled::stats();
    assert!(reused1 - reused0 >= N as u64, "the pool was not used");
    let _ = Tracing; // Tracing keeps the machine by value too; its reporting is tested elsewhere
}

#[test]
fn pooled_boxes_do_not_mix_layouts() {
    // Two machine types of different sizes, interleaved and nested: each reuses its own blocks.
    block_on(async {
        for i in 0..100u64 {
            let big = [i; 32];
            let a = wait_for::<Pooled, _>(async move { big.iter().sum::<u64>() }).await;
            let b = wait_for::<Pooled, _>(wait_for::<Pooled, _>(async move { i })).await;
            assert_eq!((a, b), (32 * i, i));
        }
    });
}
