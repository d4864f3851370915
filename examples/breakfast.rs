//! Breakfast, cooked three ways (after Microsoft's introduction to async/await):
//! sequentially (blocking), in parallel (a thread per dish), asynchronously (one thread,
//! timers, every dish started before any is awaited).
//!
//! Run: `cargo run --example breakfast`. One kitchen minute lasts `MINUTE` (20 ms).
//! `tests/examples_twins.rs` checks that `make_breakfast` and its hand-written twin cook
//! the same breakfast with the same messages in the same order and the same poll count.

use async_lower::runtime::time::sleep;
use async_lower::runtime::{block_on, spawn};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One kitchen minute.
pub const MINUTE: Duration = Duration::from_millis(20);

#[derive(Debug, PartialEq)]
pub struct Coffee;
#[derive(Debug, PartialEq)]
pub struct Eggs(pub u32);
#[derive(Debug, PartialEq)]
pub struct Bacon(pub u32);
#[derive(Debug, PartialEq)]
pub struct Toast(pub u32);
#[derive(Debug, PartialEq)]
pub struct Juice;

#[derive(Debug, PartialEq)]
pub struct Breakfast {
    pub coffee: Coffee,
    pub eggs: Eggs,
    pub bacon: Bacon,
    pub toast: Toast,
    pub juice: Juice,
}

/// When the current cook started, and what the kitchen said since (shared by the threads
/// of the parallel cook; read by the tests).
static KITCHEN: Mutex<(Option<Instant>, Vec<String>)> = Mutex::new((None, Vec::new()));

/// Starts the clock and forgets what was said before.
pub fn open_kitchen() {
    let mut kitchen = KITCHEN.lock().unwrap();
    *kitchen = (Some(Instant::now()), Vec::new());
}

/// What the kitchen said since `open_kitchen`, in order.
pub fn kitchen_log() -> Vec<String> {
    KITCHEN.lock().unwrap().1.clone()
}

/// Prints `what` with the kitchen time and the thread that did it.
fn say(what: impl Into<String>) {
    let what = what.into();
    let mut kitchen = KITCHEN.lock().unwrap();
    let at = kitchen.0.map_or(Duration::ZERO, |start| start.elapsed());
    let minutes = at.as_secs_f64() / MINUTE.as_secs_f64();
    println!("  {minutes:>5.1} min  [{}] {what}", std::thread::current().name().unwrap_or("worker"));
    kitchen.1.push(what);
}

fn pour_coffee() -> Coffee {
    say("pouring coffee");
    Coffee
}

fn pour_juice() -> Juice {
    say("pouring orange juice");
    Juice
}

/// The cook stands by the stove: every wait blocks the thread.
mod blocking {
    use super::*;
    use std::thread::sleep;

    pub fn fry_eggs(count: u32) -> Eggs {
        say("warming the egg pan");
        sleep(3 * MINUTE);
        say(format!("cracking {count} eggs"));
        sleep(3 * MINUTE);
        say("eggs are ready");
        Eggs(count)
    }

    pub fn fry_bacon(slices: u32) -> Bacon {
        say(format!("putting {slices} slices of bacon in the pan"));
        sleep(4 * MINUTE);
        say("flipping the bacon");
        sleep(4 * MINUTE);
        say("bacon is ready");
        Bacon(slices)
    }

    pub fn make_toast(slices: u32) -> Toast {
        say(format!("putting {slices} slices of bread in the toaster"));
        sleep(2 * MINUTE);
        say("buttering the toast, adding jam");
        Toast(slices)
    }
}

/// 1. One step after the other: the time is the sum of all the steps.
pub fn sequential() -> Breakfast {
    let coffee = pour_coffee();
    let eggs = blocking::fry_eggs(2);
    let bacon = blocking::fry_bacon(3);
    let toast = blocking::make_toast(2);
    let juice = pour_juice();
    Breakfast { coffee, eggs, bacon, toast, juice }
}

/// 2. A cook per dish: the time of the longest dish, but a thread for each, mostly asleep.
pub fn parallel() -> Breakfast {
    let coffee = pour_coffee();
    let (eggs, bacon, toast) = std::thread::scope(|s| {
        let eggs = std::thread::Builder::new().name("eggs".into()).spawn_scoped(s, || blocking::fry_eggs(2));
        let bacon = std::thread::Builder::new().name("bacon".into()).spawn_scoped(s, || blocking::fry_bacon(3));
        let toast = std::thread::Builder::new().name("toast".into()).spawn_scoped(s, || blocking::make_toast(2));
        (eggs.unwrap().join().unwrap(), bacon.unwrap().join().unwrap(), toast.unwrap().join().unwrap())
    });
    let juice = pour_juice();
    Breakfast { coffee, eggs, bacon, toast, juice }
}

// 3. One cook who starts a dish and, while it heats, starts the next one.

#[async_lower::lower]
async fn fry_eggs(count: u32) -> Eggs {
    say("warming the egg pan");
    sleep(3 * MINUTE).await;
    say(format!("cracking {count} eggs"));
    sleep(3 * MINUTE).await;
    say("eggs are ready");
    Eggs(count)
}

#[async_lower::lower]
async fn fry_bacon(slices: u32) -> Bacon {
    say(format!("putting {slices} slices of bacon in the pan"));
    sleep(4 * MINUTE).await;
    say("flipping the bacon");
    sleep(4 * MINUTE).await;
    say("bacon is ready");
    Bacon(slices)
}

#[async_lower::lower]
async fn make_toast(slices: u32) -> Toast {
    say(format!("putting {slices} slices of bread in the toaster"));
    sleep(2 * MINUTE).await;
    say("buttering the toast, adding jam");
    Toast(slices)
}

// ANCHOR: lowered
/// Every dish is started (spawned) before any is awaited. Rust futures are lazy: without
/// `spawn`, `fry_eggs(2)` would not even warm the pan until awaited. (A C# `Task` is hot:
/// `FryEggsAsync(2)` starts cooking when called.)
#[async_lower::lower]
pub async fn make_breakfast() -> Breakfast {
    let coffee = pour_coffee();
    let eggs_task = spawn(fry_eggs(2));
    let bacon_task = spawn(fry_bacon(3));
    let toast_task = spawn(make_toast(2));
    let eggs = eggs_task.await;
    let bacon = bacon_task.await;
    let toast = toast_task.await; // done long ago: ready at once, no suspension
    let juice = pour_juice();
    Breakfast { coffee, eggs, bacon, toast, juice }
}
// ANCHOR_END: lowered

/// `make_breakfast`, written by hand as a state machine.
pub mod by_hand {
    // ANCHOR: twin
    use super::{Bacon, Breakfast, Coffee, Eggs, Toast, fry_bacon, fry_eggs, make_toast, pour_coffee, pour_juice};
    use async_lower::runtime::{JoinHandle, spawn};
    use std::future::Future;
    use std::mem;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub fn make_breakfast() -> MakeBreakfast {
        MakeBreakfast { state: State::Start }
    }

    /// No awaiter here borrows a local (a `JoinHandle` owns its task), so this machine is
    /// not self-referential: it is `Unpin`, and needs no `unsafe` at all.
    pub struct MakeBreakfast {
        state: State,
    }

    /// The tasks are ordinary locals, lifted like any other. `eggs_task.await` moves the
    /// handle into the awaiter, so from `Await0` on it is the awaiter, not a local.
    enum State {
        Start,
        /// Waiting for the eggs.
        Await0 { awaiter: JoinHandle<Eggs>, toast_task: JoinHandle<Toast>, bacon_task: JoinHandle<Bacon>, coffee: Coffee },
        /// Waiting for the bacon.
        Await1 { awaiter: JoinHandle<Bacon>, eggs: Eggs, toast_task: JoinHandle<Toast>, coffee: Coffee },
        /// Waiting for the toast.
        Await2 { awaiter: JoinHandle<Toast>, bacon: Bacon, eggs: Eggs, coffee: Coffee },
        Running,
        Returned,
    }

    impl Future for MakeBreakfast {
        type Output = Breakfast;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Breakfast> {
            let state = &mut self.get_mut().state; // fine: `MakeBreakfast` is `Unpin`
            loop {
                match mem::replace(state, State::Running) {
                    State::Start => {
                        let coffee = pour_coffee();
                        let eggs_task = spawn(fry_eggs(2));
                        let bacon_task = spawn(fry_bacon(3));
                        let toast_task = spawn(make_toast(2));
                        *state = State::Await0 { awaiter: eggs_task, toast_task, bacon_task, coffee };
                    }
                    State::Await0 { mut awaiter, toast_task, bacon_task, coffee } => {
                        // Moving the parked values in and out is fine here: nothing borrows them.
                        let Poll::Ready(eggs) = Pin::new(&mut awaiter).poll(cx) else {
                            *state = State::Await0 { awaiter, toast_task, bacon_task, coffee };
                            return Poll::Pending;
                        };
                        *state = State::Await1 { awaiter: bacon_task, eggs, toast_task, coffee };
                    }
                    State::Await1 { mut awaiter, eggs, toast_task, coffee } => {
                        let Poll::Ready(bacon) = Pin::new(&mut awaiter).poll(cx) else {
                            *state = State::Await1 { awaiter, eggs, toast_task, coffee };
                            return Poll::Pending;
                        };
                        *state = State::Await2 { awaiter: toast_task, bacon, eggs, coffee };
                    }
                    State::Await2 { mut awaiter, bacon, eggs, coffee } => {
                        let Poll::Ready(toast) = Pin::new(&mut awaiter).poll(cx) else {
                            *state = State::Await2 { awaiter, bacon, eggs, coffee };
                            return Poll::Pending;
                        };
                        drop(awaiter); // native code drops the awaited handle right here
                        let juice = pour_juice();
                        *state = State::Returned;
                        return Poll::Ready(Breakfast { coffee, eggs, bacon, toast, juice });
                    }
                    State::Running => unreachable!("a previous poll panicked mid-body"),
                    State::Returned => panic!("`async fn` resumed after completion"),
                }
            }
        }
    }
    // ANCHOR_END: twin
}

/// Threads of this process right now, from the kernel's own count.
fn thread_count() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Threads:").map(|n| n.trim().parse().unwrap_or(0))))
        .unwrap_or(0)
}

fn cook(title: &str, how: impl FnOnce() -> Breakfast) -> Duration {
    println!("{title}");
    open_kitchen();
    let started = Instant::now();
    let breakfast = how();
    let took = started.elapsed();
    assert_eq!(breakfast.eggs, Eggs(2));
    println!("  breakfast is ready after {:.1} kitchen minutes\n", took.as_secs_f64() / MINUTE.as_secs_f64());
    took
}

fn main() {
    let sequential = cook("1. sequential: one step after the other", sequential);
    let parallel = cook("2. parallel: a thread per dish", parallel);
    let threads = std::cell::Cell::new(0);
    let asynchronous = cook("3. asynchronous: one thread, every dish started before any is awaited", || {
        block_on(async {
            let breakfast = make_breakfast().await;
            threads.set(thread_count());
            breakfast
        })
    });
    let twin = cook("3'. the same, with the hand-written state machine", || block_on(by_hand::make_breakfast()));
    println!("sequential   {:>6.1?}  (blocks the one thread for every step)", sequential);
    println!("parallel     {:>6.1?}  (4 threads: main + one per dish, each asleep most of the time)", parallel);
    println!("asynchronous {:>6.1?}  ({} thread(s) in the process while it cooked)", asynchronous, threads.get());
    println!("twin         {:>6.1?}", twin);
}
