//! CPU work on an executor thread, and moved off it with `spawn_blocking` (C#'s
//! `Task.Run`). A ticker task shows whether the executor thread stayed free.
//!
//! Run: `cargo run --release --example cpu_work`. `tests/examples_twins.rs` checks the
//! annotated function against its twin.

use async_lower::runtime::blocking::spawn_blocking;
use async_lower::runtime::executor::stats;
use async_lower::runtime::time::sleep;
use async_lower::runtime::{block_on, spawn};
use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// How long the computation keeps a CPU busy.
pub const WORK: Duration = Duration::from_millis(300);
/// The ticker's period.
pub const TICK: Duration = Duration::from_millis(20);

/// Keeps the CPU busy for `WORK`, then returns the sum of the row numbers 1..=`rows`.
/// (It spins on the clock rather than doing a fixed amount of arithmetic, so it takes as
/// long on every machine and the result stays the same.)
pub fn crunch(rows: u64) -> u64 {
    let started = Instant::now();
    let mut noise = rows;
    while started.elapsed() < WORK {
        for _ in 0..1000 {
            noise = noise.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        }
    }
    std::hint::black_box(noise); // keep the busy loop from being optimised away
    rows * (rows + 1) / 2
}

// ANCHOR: lowered
/// Loads rows (I/O: an await), then computes their checksum, either right here on the
/// executor's thread or on the blocking pool.
#[async_lower::lower]
pub async fn render_report(offload: bool) -> u64 {
    sleep(TICK).await; // stands for loading the rows from a database
    let rows = 1_000;
    if offload { spawn_blocking(move || crunch(rows)).await } else { crunch(rows) }
}
// ANCHOR_END: lowered

/// `render_report`, written by hand.
pub mod by_hand {
    // ANCHOR: twin
    use super::{TICK, crunch};
    use async_lower::runtime::blocking::{BlockingHandle, spawn_blocking};
    use async_lower::runtime::time::{Sleep, sleep};
    use std::future::Future;
    use std::mem;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub fn render_report(offload: bool) -> RenderReport {
        RenderReport { state: State::Start { offload } }
    }

    pub struct RenderReport {
        state: State,
    }

    /// The `if` has an await in one branch only: `Await1` exists for the `offload` path;
    /// the other path runs straight from `Await0` to the end without suspending again.
    enum State {
        Start { offload: bool },
        Await0 { awaiter: Sleep, offload: bool },
        Await1 { awaiter: BlockingHandle<u64>, offload: bool },
        Running,
        Returned,
    }

    impl Future for RenderReport {
        type Output = u64;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
            let state = &mut self.get_mut().state;
            loop {
                match mem::replace(state, State::Running) {
                    State::Start { offload } => *state = State::Await0 { awaiter: sleep(TICK), offload },
                    State::Await0 { mut awaiter, offload } => {
                        if Pin::new(&mut awaiter).poll(cx).is_pending() {
                            *state = State::Await0 { awaiter, offload };
                            return Poll::Pending;
                        }
                        drop(awaiter);
                        let rows = 1_000;
                        if offload {
                            // `rows` is moved into the closure; the parameter stays parked (a
                            // parameter lives to the end of the body).
                            *state = State::Await1 { awaiter: spawn_blocking(move || crunch(rows)), offload };
                        } else {
                            let checksum = crunch(rows); // the executor's thread is busy for WORK
                            *state = State::Returned;
                            return Poll::Ready(checksum);
                        }
                    }
                    State::Await1 { mut awaiter, offload } => {
                        let Poll::Ready(checksum) = Pin::new(&mut awaiter).poll(cx) else {
                            *state = State::Await1 { awaiter, offload };
                            return Poll::Pending;
                        };
                        *state = State::Returned;
                        return Poll::Ready(checksum);
                    }
                    State::Running => panic!("`async fn` resumed after panicking"),
                    State::Returned => panic!("`async fn` resumed after completion"),
                }
            }
        }
    }
    // ANCHOR_END: twin
}

/// Ticks every `TICK` until `done`; returns the longest time between two ticks.
async fn ticker(done: Rc<Cell<bool>>) -> Duration {
    let mut last = Instant::now();
    let mut longest = Duration::ZERO;
    while !done.get() {
        sleep(TICK).await;
        longest = longest.max(last.elapsed());
        last = Instant::now();
    }
    longest
}

/// Runs `report` beside the ticker: its output, the ticker's longest gap, and the number
/// of wakes that came from another thread.
pub fn beside_a_ticker(report: impl Future<Output = u64> + 'static) -> (u64, Duration, u64) {
    block_on(async {
        let before = stats().foreign_wakes;
        let done = Rc::new(Cell::new(false));
        let ticks = spawn(ticker(done.clone()));
        let checksum = report.await;
        done.set(true);
        (checksum, ticks.await, stats().foreign_wakes - before)
    })
}

use std::future::Future;

fn main() {
    println!("A ticker task ticks every {TICK:?} while a report computes for {WORK:?}:");
    let (_, gap, _) = beside_a_ticker(render_report(false));
    println!("  computed inline            : longest gap between ticks {gap:>7.1?}  (the one thread was busy)");
    let (_, gap, foreign) = beside_a_ticker(render_report(true));
    println!("  computed in spawn_blocking : longest gap between ticks {gap:>7.1?}  ({foreign} wake from the pool thread)");
    let (_, gap, _) = beside_a_ticker(by_hand::render_report(true));
    println!("  the twin, in spawn_blocking: longest gap between ticks {gap:>7.1?}");
}
