//! Probe round 24b: programs ported from other languages' async tutorials (JavaScript,
//! Python asyncio, C#) and everyday Rust written without this compiler in mind:
//! hand-written event loops and schedulers over a `VecDeque`, simulated timers (a leaf per
//! tick), game and simulation loops mutating state structs across awaits; tokenizers and
//! parsers over `&str`/`&[u8]` (`char_indices`, `peekable`, `split`, slices borrowed across
//! awaits) returning `Result<_, ParseError>` with `?`; middleware chains of boxed `Fn`s and
//! routers matching `(&str, &str)` tuples; custom error types (`Display`, `Error`,
//! `Box<dyn Error + Send + Sync>`, `?` through `From`, `map_err`, `ok_or_else`,
//! `and_then`); `write!`/`writeln!` into a `String` and `format!` with width, precision
//! and named arguments that are awaited values; checked/wrapping/saturating arithmetic,
//! overflow panics with live trackers, casts and float formatting; map entry APIs,
//! `retain`, `drain`, `sort_by_key`, `dedup`, `windows`, `chunks`, binary search; enum
//! state machines replaced with `mem::replace`/`take` and matched by `ref mut` and by
//! value; labelled loops, `break 'outer value`, `while let Some(x) = stack.pop()` and
//! `loop { match .. }` with awaits in arms and guards.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};
#[allow(unused_imports)]
use std::error::Error;
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display, Write};
#[allow(unused_imports)]
use std::mem;

// ---------------------------------------------------------------------------------------
// Event loops, schedulers, timers, simulations.
// ---------------------------------------------------------------------------------------

twin! {
    /// A round-robin scheduler over a `VecDeque<(name, remaining)>`: each task runs one
    /// step (an await) and goes to the back of the queue until it is done.
    p24b_round_robin_vecdeque {
        lower! {
            pub async fn run_all(tasks: Vec<(&'static str, u32)>) -> Vec<&'static str> {
                let mut queue: VecDeque<(&'static str, u32)> = tasks.into_iter().collect();
                let mut finished = Vec::new();
                let _loop_guard = Tracker::new("loop");
                while let Some((name, left)) = queue.pop_front() {
                    step(name).await;
                    log(format!("ran {name}, {} left", left - 1));
                    if left > 1 {
                        queue.push_back((name, left - 1));
                    } else {
                        finished.push(name);
                    }
                }
                finished
            }
        }
    }
    run { run_all(vec![("a", 2), ("b", 1), ("c", 3)]) }
}

twin! {
    /// An event loop whose tasks are an enum with data (a `Sleep` owns a tracker, a
    /// `Spawn` pushes new tasks), popped and matched by value.
    p24b_event_loop_enum_tasks {
        pub enum Task {
            Print(String),
            Sleep(u32, Tracker),
            Spawn(u32),
        }
        lower! {
            pub async fn event_loop(mut q: VecDeque<Task>) -> usize {
                let mut ran = 0;
                while let Some(task) = q.pop_front() {
                    ran += 1;
                    match task {
                        Task::Print(s) => log(format!("print {s}")),
                        Task::Sleep(ticks, guard) => {
                            for _ in 0..ticks {
                                step("sleep").await;
                            }
                            log(format!("woke {}", guard.name()));
                        }
                        Task::Spawn(n) => {
                            let n = leaf("spawn", n).await;
                            for i in 0..n {
                                q.push_back(Task::Print(format!("child{i}")));
                            }
                        }
                    }
                }
                ran
            }
        }
    }
    run {
        let mut q = VecDeque::new();
        q.push_back(Task::Sleep(2, Tracker("s1")));
        q.push_back(Task::Spawn(2));
        q.push_back(Task::Print("hi".to_string()));
        q.push_back(Task::Sleep(1, Tracker("s2")));
        event_loop(q)
    }
}

twin! {
    /// Simulated timers: every tick is a leaf; the timers due are split off with
    /// `partition` and the rest reassigned, each timer owning a tracker.
    p24b_timer_partition_ticks {
        pub struct Timer {
            pub at: u32,
            pub name: &'static str,
            pub guard: Tracker,
        }
        lower! {
            pub async fn run_timers(mut timers: Vec<Timer>, ticks: u32) -> Vec<String> {
                let mut fired = Vec::new();
                for now in 0..ticks {
                    step("tick").await;
                    let (due, rest): (Vec<Timer>, Vec<Timer>) = timers.into_iter().partition(|t| t.at <= now);
                    timers = rest;
                    for t in due {
                        let late = leaf("late", now - t.at).await;
                        fired.push(format!("{}@{} late {}", t.name, now, late));
                    }
                }
                log(format!("{} never fired", timers.len()));
                fired
            }
        }
    }
    run {
        run_timers(vec![
            Timer { at: 2, name: "b", guard: Tracker("tb") },
            Timer { at: 0, name: "a", guard: Tracker("ta") },
            Timer { at: 9, name: "z", guard: Tracker("tz") },
            Timer { at: 1, name: "c", guard: Tracker("tc") },
        ], 4)
    }
}

twin! {
    /// `setTimeout` by hand: timers kept in a `Vec`, fired by `retain` with a closure that
    /// logs and drops the due ones, one leaf per tick.
    p24b_timer_retain_fire {
        lower! {
            pub async fn clock(mut timers: Vec<(u32, Tracker)>) -> u32 {
                let mut now = 0;
                while !timers.is_empty() {
                    now += leaf("tick", 1).await;
                    timers.retain(|(at, t)| {
                        if *at <= now {
                            log(format!("fire {} at {}", t.name(), now));
                            false
                        } else {
                            true
                        }
                    });
                }
                now
            }
        }
    }
    run { clock(vec![(3, Tracker("x")), (1, Tracker("y")), (2, Tracker("z")), (3, Tracker("w"))]) }
}

twin! {
    /// A game loop over a `World` struct: players take awaited damage through `iter_mut`,
    /// dead ones are removed with `retain`, the loop breaks with the winner's name.
    p24b_game_loop_world {
        pub struct Player {
            pub name: String,
            pub hp: i32,
            pub badge: Tracker,
        }
        pub struct World {
            pub players: Vec<Player>,
            pub tick: u32,
        }
        lower! {
            pub async fn play(mut world: World) -> (u32, Option<String>) {
                let winner = loop {
                    world.tick += 1;
                    for p in world.players.iter_mut() {
                        let dmg = leaf("dmg", (p.name.len() as i32) * 3 + world.tick as i32).await;
                        p.hp -= dmg;
                    }
                    world.players.retain(|p| p.hp > 0);
                    step("frame").await;
                    if world.players.len() <= 1 {
                        break world.players.pop().map(|p| p.name);
                    }
                };
                (world.tick, winner)
            }
        }
    }
    run {
        play(World {
            players: vec![
                Player { name: "ann".into(), hp: 20, badge: Tracker("ann") },
                Player { name: "bob".into(), hp: 30, badge: Tracker("bob") },
                Player { name: "eve".into(), hp: 25, badge: Tracker("eve") },
            ],
            tick: 0,
        })
    }
}

twin! {
    /// A priority scheduler on a `BinaryHeap<Reverse<(u32, &str)>>`: the earliest job runs
    /// (an await) and may reschedule itself later.
    p24b_priority_scheduler_heap {
        lower! {
            pub async fn schedule(jobs: Vec<(u32, &'static str)>) -> Vec<(u32, &'static str)> {
                let mut heap = BinaryHeap::new();
                for j in jobs {
                    heap.push(std::cmp::Reverse(j));
                }
                let mut order = Vec::new();
                let _g = Tracker::new("sched");
                while let Some(std::cmp::Reverse((at, name))) = heap.pop() {
                    let again = leaf(name, name.len() as u32 + at < 6).await;
                    order.push((at, name));
                    if again {
                        heap.push(std::cmp::Reverse((at + 2, name)));
                    }
                }
                order
            }
        }
    }
    run { schedule(vec![(3, "c"), (0, "aa"), (1, "b")]) }
}

twin! {
    /// `asyncio.gather` ported as sequential awaits in a `vec!` literal, each call owning a
    /// tracker for its duration.
    p24b_gather_vec_literal {
        lower! {
            pub async fn fetch(url: &'static str, ms: u32) -> String {
                let _conn = Tracker::new(url);
                step("connect").await;
                let n = leaf("body", ms * 2).await;
                format!("{url}:{n}")
            }
        }
        lower! {
            pub async fn main_task() -> Vec<String> {
                let _session = Tracker::new("session");
                let results = vec![fetch("a", 1).await, fetch("b", 2).await, fetch("c", 3).await];
                log(format!("got {}", results.len()));
                results
            }
        }
    }
    run { main_task() }
}

twin! {
    /// `Promise.all` ported: a `Vec` of futures built by `map`, then awaited one by one;
    /// a cancellation drops the unfinished ones with the vector.
    p24b_vec_of_futures_awaited_in_order {
        lower! {
            pub async fn fetch(id: u32) -> u32 {
                let _t = Tracker::new("req");
                leaf("io", id * 10).await
            }
        }
        lower! {
            pub async fn all(ids: Vec<u32>) -> Vec<u32> {
                let _g = Tracker::new("all");
                let futs: Vec<_> = ids.iter().map(|&id| fetch(id)).collect();
                let mut out = Vec::new();
                for f in futs {
                    out.push(f.await);
                    step("between").await;
                }
                out
            }
        }
    }
    run { all(vec![1, 2, 3]) }
}

twin! {
    /// C#'s `using` statement: a connection struct whose `Drop` logs a close, opened and
    /// queried in a nested block, then a second one in a loop.
    p24b_csharp_using_block {
        pub struct Conn {
            pub id: u32,
            pub _t: Tracker,
        }
        impl Drop for Conn {
            fn drop(&mut self) {
                log(format!("close conn {}", self.id));
            }
        }
        lower! {
            pub async fn open(id: u32) -> Conn {
                step("open").await;
                Conn { id, _t: Tracker::new("conn") }
            }
        }
        lower! {
            pub async fn query(c: &Conn, q: &str) -> usize {
                leaf("query", q.len() + c.id as usize).await
            }
        }
        lower! {
            pub async fn work() -> usize {
                let mut total = 0;
                {
                    let c = open(1).await;
                    total += query(&c, "select 1").await;
                }
                for id in 2..4 {
                    let c = open(id).await;
                    total += query(&c, "x").await;
                    if id == 3 {
                        return total;
                    }
                }
                total
            }
        }
    }
    run { work() }
}

twin! {
    /// `try { .. } finally { .. }` with a guard whose `Drop` is the finally block, and a
    /// panicking await in the middle with more trackers alive.
    p24b_finally_guard_panic {
        pub struct Finally(pub &'static str);
        impl Drop for Finally {
            fn drop(&mut self) {
                log(format!("finally {}", self.0));
            }
        }
        lower! {
            pub async fn risky(fail: bool) -> u32 {
                let _f = Finally("outer");
                let a = leaf("a", 1).await;
                let _t = Tracker::new("mid");
                let b = if fail {
                    let _inner = Finally("inner");
                    boom("b").await
                } else {
                    leaf("b", 2).await
                };
                a + b
            }
        }
    }
    run { pair(risky(false), risky(true)) }
}

twin! {
    /// Retry with backoff: `loop { match attempt().await { .. } }` with a guarded `Err`
    /// arm that sleeps (awaits) and a final arm breaking with the error.
    p24b_retry_backoff_loop {
        lower! {
            pub async fn attempt(n: u32) -> Result<u32, String> {
                let _t = Tracker::new("attempt");
                step("try").await;
                if n < 2 { Err(format!("fail {n}")) } else { Ok(n * 100) }
            }
        }
        lower! {
            pub async fn with_retry(max: u32) -> Result<u32, String> {
                let mut tries = 0;
                loop {
                    match attempt(tries).await {
                        Ok(v) => break Ok(v),
                        Err(e) if tries < max => {
                            log(format!("retry after {e}"));
                            for _ in 0..=tries {
                                step("backoff").await;
                            }
                            tries += 1;
                        }
                        Err(e) => break Err(format!("gave up: {e}")),
                    }
                }
            }
        }
    }
    run { pair(with_retry(3), with_retry(1)) }
}

twin! {
    /// A simulated timeout: a tick counter and an early `return Err` when the deadline
    /// passes, trackers alive for the whole wait.
    p24b_simulated_timeout {
        #[derive(Debug)]
        pub enum WaitError {
            Timeout { after: u32 },
        }
        lower! {
            pub async fn wait_for(ready_at: u32, deadline: u32) -> Result<u32, WaitError> {
                let _watch = Tracker::new("watch");
                let mut elapsed = 0;
                loop {
                    if elapsed >= deadline {
                        return Err(WaitError::Timeout { after: elapsed });
                    }
                    let _tick = Tracker::new("tick");
                    step("tick").await;
                    elapsed += 1;
                    if elapsed == ready_at {
                        break;
                    }
                }
                Ok(leaf("value", elapsed * 7).await)
            }
        }
    }
    run { pair(wait_for(2, 5), wait_for(9, 3)) }
}

twin! {
    /// A bounded producer/consumer over a `VecDeque<Tracker>`: the producer fills it to
    /// capacity, the consumer drains one per await; leftovers drop with the queue.
    p24b_bounded_buffer_trackers {
        lower! {
            pub async fn pump(names: Vec<&'static str>, cap: usize, take: usize) -> Vec<&'static str> {
                let mut buf = VecDeque::with_capacity(cap);
                let mut out = Vec::new();
                let mut it = names.into_iter();
                loop {
                    while buf.len() < cap {
                        match it.next() {
                            Some(n) => buf.push_back(Tracker::new(n)),
                            None => break,
                        }
                    }
                    let Some(t) = buf.pop_front() else { break };
                    step("consume").await;
                    out.push(t.name());
                    if out.len() == take {
                        break;
                    }
                }
                out
            }
        }
    }
    run { pair(pump(vec!["a", "b", "c", "d", "e"], 2, 9), pump(vec!["p", "q", "r", "s"], 3, 2)) }
}

twin! {
    /// A simulation struct with a plain `update(&mut self)` between awaited inputs, and a
    /// lowered `&mut self` method that runs frames.
    p24b_sim_struct_method_frames {
        pub struct Sim {
            pub pos: i64,
            pub vel: i64,
            pub log_guard: Tracker,
        }
        impl Sim {
            pub fn update(&mut self, accel: i64) {
                self.vel += accel;
                self.pos += self.vel;
            }
            lower! {
                pub async fn run(&mut self, frames: u32) -> i64 {
                    for f in 0..frames {
                        let a = leaf("input", if f % 2 == 0 { 2 } else { -1 }).await;
                        self.update(a);
                        if self.pos > 10 {
                            log(format!("clamp at frame {f}"));
                            self.pos = 10;
                            self.vel = 0;
                        }
                    }
                    self.pos
                }
            }
        }
        lower! {
            pub async fn go() -> (i64, i64) {
                let mut sim = Sim { pos: 0, vel: 0, log_guard: Tracker::new("sim") };
                let p = sim.run(6).await;
                step("after").await;
                (p, sim.vel)
            }
        }
    }
    run { go() }
}

twin! {
    /// An `EventEmitter`: a map from event name to a `Vec<Box<dyn Fn(&str) -> String>>`,
    /// events arriving by await, every handler called in order.
    p24b_event_emitter_boxed_handlers {
        pub struct Emitter {
            pub handlers: BTreeMap<&'static str, Vec<Box<dyn Fn(&str) -> String>>>,
        }
        impl Emitter {
            pub fn on(&mut self, ev: &'static str, f: Box<dyn Fn(&str) -> String>) {
                self.handlers.entry(ev).or_default().push(f);
            }
        }
        lower! {
            pub async fn run(events: Vec<(&'static str, &'static str)>) -> Vec<String> {
                let mut em = Emitter { handlers: BTreeMap::new() };
                let prefix = String::from(">");
                em.on("msg", Box::new(move |s| format!("{prefix}{s}")));
                em.on("msg", Box::new(|s| s.to_uppercase()));
                em.on("quit", Box::new(|_| "bye".to_string()));
                let mut out = Vec::new();
                for (ev, payload) in events {
                    let payload = leaf("recv", payload).await;
                    if let Some(hs) = em.handlers.get(ev) {
                        for h in hs {
                            out.push(h(payload));
                        }
                    } else {
                        log(format!("no handler for {ev}"));
                    }
                }
                out
            }
        }
    }
    run { run(vec![("msg", "hi"), ("other", "x"), ("quit", "")]) }
}

twin! {
    /// A countdown latch: waiters (trackers) parked in a `Vec` until the count hits zero,
    /// then released last-in first-out.
    p24b_countdown_latch {
        pub struct Latch {
            pub count: u32,
            pub waiters: Vec<Tracker>,
        }
        lower! {
            pub async fn run(n: u32) -> Vec<&'static str> {
                let mut latch = Latch { count: n, waiters: Vec::new() };
                let names = ["w1", "w2", "w3", "w4"];
                let mut released = Vec::new();
                for name in names {
                    latch.waiters.push(Tracker::new(name));
                    step("count_down").await;
                    latch.count = latch.count.saturating_sub(1);
                    if latch.count == 0 {
                        while let Some(w) = latch.waiters.pop() {
                            step("release").await;
                            released.push(w.name());
                        }
                    }
                }
                released
            }
        }
    }
    run { pair(run(2), run(9)) }
}

twin! {
    /// A fixed-step physics loop with `f64` state, formatted with precision after awaits.
    p24b_physics_float_steps {
        lower! {
            pub async fn fall(h0: f64, dt: f64) -> String {
                let mut h = h0;
                let mut v = 0.0;
                let mut t = 0.0;
                let _g = Tracker::new("phys");
                while h > 0.0 {
                    let g = leaf("g", 9.81).await;
                    v += g * dt;
                    h -= v * dt;
                    t += dt;
                }
                format!("t={t:.2} v={v:.3} h={h:+.4}")
            }
        }
    }
    run { fall(2.0, 0.1) }
}

twin! {
    /// A task table in a `BTreeMap<u32, Task>` (lookups and removals only), tasks removed
    /// and run across awaits, each owning a tracker.
    p24b_task_table_btreemap_remove {
        pub struct Task {
            pub name: &'static str,
            pub deps: Vec<u32>,
            pub guard: Tracker,
        }
        lower! {
            pub async fn run(order: Vec<u32>) -> Vec<String> {
                let mut table = BTreeMap::new();
                table.insert(1, Task { name: "fetch", deps: vec![], guard: Tracker::new("t1") });
                table.insert(2, Task { name: "parse", deps: vec![1], guard: Tracker::new("t2") });
                table.insert(3, Task { name: "store", deps: vec![2], guard: Tracker::new("t3") });
                let mut done = Vec::new();
                for id in order {
                    let Some(task) = table.remove(&id) else {
                        done.push(format!("missing {id}"));
                        continue;
                    };
                    step(task.name).await;
                    done.push(format!("{} after {:?}", task.name, task.deps));
                }
                log(format!("{} left", table.len()));
                done
            }
        }
    }
    run { run(vec![1, 9, 2]) }
}

twin! {
    /// A closure accumulating into a local (`FnMut`) called between awaits, the local read
    /// after the closure's last use.
    p24b_fnmut_accumulator_between_awaits {
        lower! {
            pub async fn run(xs: Vec<u32>) -> (u32, u32) {
                let mut total = 0;
                let mut calls = 0;
                let mut on_tick = |n: u32| {
                    total += n;
                    calls += 1;
                };
                for x in xs {
                    let n = leaf("tick", x).await;
                    on_tick(n);
                }
                step("end").await;
                (total, calls)
            }
        }
    }
    run { run(vec![3, 4, 5]) }
}

twin! {
    /// A cooperative scheduler of lowered futures: `Pin<Box<dyn Future>>` tasks kept in a
    /// `VecDeque` and awaited one after another.
    p24b_boxed_task_queue {
        lower! {
            pub async fn job(name: &'static str, n: u32) -> u32 {
                let _t = Tracker::new(name);
                let mut s = 0;
                for i in 0..n {
                    s += leaf(name, i).await;
                }
                s
            }
        }
        lower! {
            pub async fn run() -> Vec<u32> {
                let mut q: VecDeque<Pin<Box<dyn Future<Output = u32>>>> = VecDeque::new();
                q.push_back(Box::pin(job("a", 2)));
                q.push_back(Box::pin(job("b", 3)));
                q.push_back(Box::pin(job("c", 1)));
                let mut out = Vec::new();
                while let Some(f) = q.pop_front() {
                    out.push(f.await);
                }
                out
            }
        }
    }
    run { run() }
}

twin! {
    /// A turn-based battle: attacker and defender swapped with `mem::swap` each round,
    /// awaited rolls, `break` with the loser when one falls.
    p24b_turn_based_swap {
        pub struct Fighter {
            pub name: &'static str,
            pub hp: i32,
            pub atk: i32,
            pub _t: Tracker,
        }
        lower! {
            pub async fn battle(mut a: Fighter, mut b: Fighter) -> (&'static str, u32) {
                let mut round = 0;
                let loser = loop {
                    round += 1;
                    let roll = leaf("roll", (round % 3) as i32 + 1).await;
                    b.hp -= a.atk * roll;
                    log(format!("{} hits {} ({} left)", a.name, b.name, b.hp));
                    if b.hp <= 0 {
                        break b;
                    }
                    mem::swap(&mut a, &mut b);
                };
                step("bury").await;
                (loser.name, round)
            }
        }
    }
    run {
        battle(
            Fighter { name: "orc", hp: 12, atk: 3, _t: Tracker("orc") },
            Fighter { name: "elf", hp: 9, atk: 4, _t: Tracker("elf") },
        )
    }
}

twin! {
    /// An interval timer driven by a leaf per tick, with `tick % period == 0` dispatch to
    /// several named callbacks and a `continue` on idle ticks.
    p24b_interval_dispatch_continue {
        lower! {
            pub async fn run(ticks: u32) -> Vec<String> {
                let periods = [(2, "fast"), (3, "slow"), (5, "rare")];
                let mut out = Vec::new();
                let mut tick = 0;
                while tick < ticks {
                    tick += leaf("tick", 1).await;
                    let due: Vec<_> = periods.iter().filter(|(p, _)| tick % p == 0).collect();
                    if due.is_empty() {
                        continue;
                    }
                    for (p, name) in due {
                        let _t = Tracker::new(name);
                        step("cb").await;
                        out.push(format!("{tick}:{name}/{p}"));
                    }
                }
                out
            }
        }
    }
    run { run(6) }
}

twin! {
    /// A job with a cancellation flag checked at every step (`CancellationToken` in C#),
    /// returning early with partial results.
    p24b_cancellation_token_flag {
        pub struct Token {
            pub cancel_at: u32,
        }
        impl Token {
            pub fn is_cancelled(&self, step: u32) -> bool {
                step >= self.cancel_at
            }
        }
        lower! {
            pub async fn work(token: &Token, items: &[u32]) -> Result<u32, (u32, usize)> {
                let _g = Tracker::new("work");
                let mut sum = 0;
                for (i, x) in items.iter().enumerate() {
                    if token.is_cancelled(i as u32) {
                        return Err((sum, i));
                    }
                    sum += leaf("item", *x).await;
                }
                Ok(sum)
            }
        }
        lower! {
            pub async fn run() -> (Result<u32, (u32, usize)>, Result<u32, (u32, usize)>) {
                let data = vec![5, 6, 7];
                let a = work(&Token { cancel_at: 9 }, &data).await;
                let b = work(&Token { cancel_at: 2 }, &data).await;
                (a, b)
            }
        }
    }
    run { run() }
}

twin! {
    /// A mailbox actor: a struct holding its state and an inbox `VecDeque<Msg>`, a lowered
    /// `&mut self` loop handling messages with awaits, replying into a `Vec`.
    p24b_actor_mailbox {
        pub enum Msg {
            Add(i64),
            Get,
            Stop(Tracker),
        }
        pub struct Actor {
            pub state: i64,
            pub inbox: VecDeque<Msg>,
            pub replies: Vec<i64>,
        }
        impl Actor {
            lower! {
                pub async fn run(&mut self) -> usize {
                    let mut handled = 0;
                    while let Some(msg) = self.inbox.pop_front() {
                        handled += 1;
                        match msg {
                            Msg::Add(n) => self.state += leaf("add", n).await,
                            Msg::Get => {
                                step("get").await;
                                self.replies.push(self.state);
                            }
                            Msg::Stop(t) => {
                                step("stop").await;
                                log(format!("stopped by {}", t.name()));
                                break;
                            }
                        }
                    }
                    handled
                }
            }
        }
        lower! {
            pub async fn go() -> (usize, Vec<i64>, usize) {
                let mut a = Actor { state: 0, inbox: VecDeque::new(), replies: vec![] };
                a.inbox.extend([Msg::Add(2), Msg::Get, Msg::Add(5), Msg::Get, Msg::Stop(Tracker::new("stop")), Msg::Add(100)]);
                let n = a.run().await;
                (n, a.replies, a.inbox.len())
            }
        }
    }
    run { go() }
}

// ---------------------------------------------------------------------------------------
// Tokenizers and parsers over `&str` and `&[u8]`.
// ---------------------------------------------------------------------------------------

/// The parse error the parser bodies share.
#[derive(Debug, PartialEq)]
pub enum ParseError {
    Unexpected(char, usize),
    BadNumber(String),
    Missing(&'static str),
    Eof,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Unexpected(c, at) => write!(f, "unexpected {c:?} at {at}"),
            ParseError::BadNumber(s) => write!(f, "bad number {s:?}"),
            ParseError::Missing(what) => write!(f, "missing {what}"),
            ParseError::Eof => f.write_str("unexpected end"),
        }
    }
}

impl Error for ParseError {}

impl From<std::num::ParseIntError> for ParseError {
    fn from(e: std::num::ParseIntError) -> Self {
        ParseError::BadNumber(e.to_string())
    }
}

twin! {
    /// A tokenizer over `char_indices().peekable()` producing `Tok<'a>` slices of the
    /// input, one await per token, `Err` on an unknown character.
    p24b_tokenizer_char_indices_peekable {
        #[derive(Debug)]
        pub enum Tok<'a> {
            Num(i64),
            Ident(&'a str),
            Op(char),
        }
        lower! {
            pub async fn tokenize<'a>(src: &'a str) -> Result<Vec<Tok<'a>>, ParseError> {
                let _g = Tracker::new("lexer");
                let mut out = Vec::new();
                let mut chars = src.char_indices().peekable();
                while let Some((i, c)) = chars.next() {
                    if c.is_whitespace() {
                        continue;
                    }
                    let tok = if c.is_ascii_digit() {
                        let mut end = i + 1;
                        while let Some(&(j, d)) = chars.peek() {
                            if !d.is_ascii_digit() {
                                break;
                            }
                            end = j + 1;
                            chars.next();
                        }
                        Tok::Num(src[i..end].parse()?)
                    } else if c.is_alphabetic() {
                        let mut end = i + c.len_utf8();
                        while let Some(&(j, d)) = chars.peek() {
                            if !d.is_alphanumeric() {
                                break;
                            }
                            end = j + d.len_utf8();
                            chars.next();
                        }
                        Tok::Ident(&src[i..end])
                    } else if "+-*/()".contains(c) {
                        Tok::Op(c)
                    } else {
                        return Err(ParseError::Unexpected(c, i));
                    };
                    step("token").await;
                    out.push(tok);
                }
                Ok(out)
            }
        }
    }
    run { pair(tokenize("x1 + 42*(yé - 7)"), tokenize("a $ b")) }
}

twin! {
    /// `key=value` lines parsed with `lines`, `split_once` and `parse`, errors carrying the
    /// line number through `map_err`, an await per line.
    p24b_parse_kv_lines_map_err {
        lower! {
            pub async fn parse_config(text: &str) -> Result<Vec<(String, u32)>, String> {
                let mut out = Vec::new();
                let _g = Tracker::new("cfg");
                for (no, line) in text.lines().enumerate() {
                    let line = line.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    let (k, v) = line.split_once('=').ok_or(format!("line {}: no '='", no + 1))?;
                    let v = v.trim().parse::<u32>().map_err(|e| format!("line {}: {}", no + 1, e))?;
                    step("line").await;
                    out.push((k.trim().to_string(), v));
                }
                Ok(out)
            }
        }
    }
    run {
        pair(
            parse_config("# cfg\nport = 80\n\nworkers=4\n"),
            parse_config("a=1\nb=two\nc=3"),
        )
    }
}

twin! {
    /// CSV fields split and trimmed into a `Vec<&str>` borrowed from the input across the
    /// awaits that "store" each row.
    p24b_csv_rows_borrowed_fields {
        lower! {
            pub async fn load(csv: &str) -> Vec<String> {
                let mut rows = Vec::new();
                let mut lines = csv.lines();
                let header: Vec<&str> = lines.next().unwrap_or("").split(',').map(str::trim).collect();
                step("header").await;
                for line in lines {
                    let fields: Vec<&str> = line.split(',').map(|f| f.trim()).collect();
                    let _row = Tracker::new("row");
                    step("row").await;
                    let pairs: Vec<String> = header.iter().zip(&fields).map(|(h, f)| format!("{h}={f}")).collect();
                    rows.push(pairs.join(";"));
                }
                rows
            }
        }
    }
    run { load("name, age\nann, 30\n bob,4 ") }
}

twin! {
    /// A binary frame parser over `&[u8]`: magic, big-endian length, payload slice held
    /// across awaits, `split_at`, errors for short input.
    p24b_binary_frame_parser {
        lower! {
            pub async fn parse_frames(mut buf: &[u8]) -> Result<Vec<Vec<u8>>, ParseError> {
                let mut frames = Vec::new();
                while !buf.is_empty() {
                    if buf.len() < 3 {
                        return Err(ParseError::Eof);
                    }
                    let (head, rest) = buf.split_at(3);
                    if head[0] != 0xAB {
                        return Err(ParseError::Unexpected(head[0] as char, 0));
                    }
                    let len = u16::from_be_bytes([head[1], head[2]]) as usize;
                    step("header").await;
                    let payload = rest.get(..len).ok_or(ParseError::Missing("payload"))?;
                    let _f = Tracker::new("frame");
                    let sum = leaf("payload", payload.len()).await;
                    log(format!("frame of {sum}"));
                    frames.push(payload.to_vec());
                    buf = &rest[len..];
                }
                Ok(frames)
            }
        }
    }
    run {
        pair(
            parse_frames(&[0xAB, 0, 2, 7, 8, 0xAB, 0, 0, 0xAB, 0, 1, 9]),
            parse_frames(&[0xAB, 0, 5, 1, 2]),
        )
    }
}

twin! {
    /// The shunting-yard algorithm over tokens with an await per token: operator stack
    /// and output queue, precedence table in a `match`, errors with `?`.
    p24b_shunting_yard_eval {
        lower! {
            pub async fn eval(src: &str) -> Result<i64, ParseError> {
                fn prec(op: char) -> u8 {
                    match op {
                        '+' | '-' => 1,
                        '*' | '/' => 2,
                        _ => 0,
                    }
                }
                fn apply(out: &mut Vec<i64>, op: char) -> Result<(), ParseError> {
                    let b = out.pop().ok_or(ParseError::Missing("operand"))?;
                    let a = out.pop().ok_or(ParseError::Missing("operand"))?;
                    out.push(match op {
                        '+' => a + b,
                        '-' => a - b,
                        '*' => a * b,
                        _ => a / b,
                    });
                    Ok(())
                }
                let mut out = Vec::new();
                let mut ops: Vec<char> = Vec::new();
                for tok in src.split_whitespace() {
                    step("tok").await;
                    match tok {
                        "(" => ops.push('('),
                        ")" => {
                            while let Some(op) = ops.pop() {
                                if op == '(' {
                                    break;
                                }
                                apply(&mut out, op)?;
                            }
                        }
                        "+" | "-" | "*" | "/" => {
                            let c = tok.chars().next().unwrap();
                            while let Some(&top) = ops.last() {
                                if top != '(' && prec(top) >= prec(c) {
                                    apply(&mut out, ops.pop().unwrap())?;
                                } else {
                                    break;
                                }
                            }
                            ops.push(c);
                        }
                        n => out.push(n.parse()?),
                    }
                }
                while let Some(op) = ops.pop() {
                    apply(&mut out, op)?;
                }
                out.pop().ok_or(ParseError::Eof)
            }
        }
    }
    run { pair(pair(eval("2 + 3 * ( 4 - 1 )"), eval("1 + x")), eval("* 2")) }
}

twin! {
    /// An HTTP request line and headers parsed with `split_whitespace().next().ok_or(..)?`,
    /// a header loop until the blank line, borrowed `(&str, &str)` pairs kept across awaits.
    p24b_http_request_parse {
        #[derive(Debug)]
        pub struct Request<'a> {
            pub method: &'a str,
            pub path: &'a str,
            pub headers: Vec<(&'a str, &'a str)>,
            pub body: &'a str,
        }
        lower! {
            pub async fn parse<'a>(raw: &'a str) -> Result<Request<'a>, ParseError> {
                let (head, body) = raw.split_once("\r\n\r\n").ok_or(ParseError::Missing("blank line"))?;
                let mut lines = head.split("\r\n");
                let first = lines.next().ok_or(ParseError::Eof)?;
                let mut parts = first.split_whitespace();
                let method = parts.next().ok_or(ParseError::Missing("method"))?;
                let path = parts.next().ok_or(ParseError::Missing("path"))?;
                step("request line").await;
                let mut headers = Vec::new();
                for line in lines {
                    let (name, value) = line.split_once(':').ok_or(ParseError::Missing("colon"))?;
                    step("header").await;
                    headers.push((name, value.trim()));
                }
                Ok(Request { method, path, headers, body })
            }
        }
    }
    run {
        pair(
            parse("GET /a HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\nhello"),
            parse("POST\r\n\r\n"),
        )
    }
}

twin! {
    /// A lexer struct with a lifetime and a lowered `&mut self` method returning the next
    /// token slice, driven by a loop in another lowered fn.
    p24b_lexer_struct_next_token {
        pub struct Lexer<'a> {
            pub src: &'a str,
            pub pos: usize,
        }
        impl<'a> Lexer<'a> {
            lower! {
                pub async fn next_token(&mut self) -> Option<&'a str> {
                    let rest = &self.src[self.pos..];
                    let start = rest.find(|c: char| !c.is_whitespace())?;
                    step("scan").await;
                    let rest = &rest[start..];
                    let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    self.pos += start + len;
                    Some(&rest[..len])
                }
            }
        }
        lower! {
            pub async fn words(s: &str) -> Vec<String> {
                let mut lx = Lexer { src: s, pos: 0 };
                let _g = Tracker::new("lx");
                let mut out = Vec::new();
                while let Some(w) = lx.next_token().await {
                    out.push(w.to_uppercase());
                }
                out
            }
        }
    }
    run { words("  let x =  42 ;") }
}

twin! {
    /// An INI parser into `BTreeMap<String, BTreeMap<String, String>>` with the current
    /// section tracked as an `Option<String>` across awaits.
    p24b_ini_sections_btreemap {
        lower! {
            pub async fn parse_ini(text: &str) -> Result<BTreeMap<String, BTreeMap<String, String>>, String> {
                let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
                let mut section = None;
                for raw in text.lines() {
                    let line = raw.trim();
                    step("line").await;
                    if line.is_empty() {
                        continue;
                    }
                    if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                        section = Some(name.to_string());
                        continue;
                    }
                    let sec = section.clone().ok_or_else(|| format!("key outside section: {line}"))?;
                    let (k, v) = line.split_once('=').ok_or("no =")?;
                    out.entry(sec).or_default().insert(k.trim().into(), v.trim().into());
                }
                Ok(out)
            }
        }
    }
    run { pair(parse_ini("[a]\nx = 1\ny=2\n\n[b]\nz=3"), parse_ini("x=1")) }
}

twin! {
    /// A reverse-Polish calculator: `split_whitespace`, a stack of `i64`, `match` on the
    /// token string with `?` on `pop().ok_or(..)` and on `parse`, an await per token.
    p24b_rpn_calculator {
        lower! {
            pub async fn rpn(src: &str) -> Result<i64, ParseError> {
                let mut stack = Vec::new();
                let _g = Tracker::new("rpn");
                for tok in src.split_whitespace() {
                    let v = match tok {
                        "+" | "-" | "*" => {
                            let b = stack.pop().ok_or(ParseError::Missing("rhs"))?;
                            let a = stack.pop().ok_or(ParseError::Missing("lhs"))?;
                            step("op").await;
                            match tok {
                                "+" => a + b,
                                "-" => a - b,
                                _ => a * b,
                            }
                        }
                        num => leaf("num", num.parse::<i64>()?).await,
                    };
                    stack.push(v);
                }
                if stack.len() != 1 {
                    return Err(ParseError::Missing("single result"));
                }
                Ok(stack[0])
            }
        }
    }
    run { pair(pair(rpn("3 4 + 2 *"), rpn("1 +")), rpn("5 x")) }
}

twin! {
    /// A bracket matcher with a stack of `(char, usize)`, returning the position of the
    /// first mismatch; awaits on every open and close.
    p24b_bracket_matcher_stack {
        lower! {
            pub async fn check(s: &str) -> Result<usize, ParseError> {
                let mut stack = Vec::new();
                for (i, c) in s.char_indices() {
                    match c {
                        '(' | '[' | '{' => {
                            step("open").await;
                            stack.push((c, i));
                        }
                        ')' | ']' | '}' => {
                            let want = match c { ')' => '(', ']' => '[', _ => '{' };
                            match stack.pop() {
                                Some((open, _)) if open == want => step("close").await,
                                Some((_, at)) => return Err(ParseError::Unexpected(c, at)),
                                None => return Err(ParseError::Unexpected(c, i)),
                            }
                        }
                        _ => {}
                    }
                }
                if let Some((c, at)) = stack.pop() {
                    return Err(ParseError::Unexpected(c, at));
                }
                Ok(s.len())
            }
        }
    }
    run { pair(pair(check("{a[b](c)}"), check("(]")), check("((x)")) }
}

twin! {
    /// Word frequencies: `split(|c: char| !c.is_alphanumeric())`, lowercase, `entry` counts
    /// in a `HashMap`, then sorted by count and word into a `Vec`; awaits per word.
    p24b_word_frequency_sorted {
        lower! {
            pub async fn top(text: &str, n: usize) -> Vec<(String, u32)> {
                let mut counts = HashMap::new();
                for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                    let w = leaf("word", w.to_lowercase()).await;
                    *counts.entry(w).or_insert(0) += 1;
                }
                let mut v: Vec<_> = counts.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                step("sorted").await;
                v.truncate(n);
                v
            }
        }
    }
    run { top("The cat; the DOG, the cat? A dog!", 3) }
}

twin! {
    /// A quoted-string scanner with escapes over `chars()`, an escape state flag, and an
    /// early `return Err` with a tracker alive.
    p24b_quoted_string_escapes {
        lower! {
            pub async fn unquote(s: &str) -> Result<String, ParseError> {
                let _g = Tracker::new("unq");
                let mut chars = s.chars();
                if chars.next() != Some('"') {
                    return Err(ParseError::Missing("opening quote"));
                }
                let mut out = String::new();
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        let r = match c {
                            'n' => '\n',
                            't' => '\t',
                            '"' | '\\' => c,
                            other => return Err(ParseError::Unexpected(other, out.len())),
                        };
                        out.push(leaf("esc", r).await);
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        step("close").await;
                        return Ok(out);
                    } else {
                        out.push(c);
                    }
                }
                Err(ParseError::Eof)
            }
        }
    }
    run { pair(pair(unquote(r#""a\"b\n""#), unquote(r#""x\q""#)), unquote(r#""open"#)) }
}

twin! {
    /// A URL query string parsed into a `BTreeMap<&str, Vec<&str>>` (repeated keys), with
    /// percent-free values, awaits inside the `split('&')` loop.
    p24b_query_string_multimap {
        lower! {
            pub async fn query(url: &str) -> BTreeMap<&str, Vec<&str>> {
                let mut map: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
                let Some((_, q)) = url.split_once('?') else {
                    step("no query").await;
                    return map;
                };
                for pair in q.split('&') {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    step("pair").await;
                    map.entry(k).or_default().push(v);
                }
                map
            }
        }
    }
    run { pair(query("/s?q=rust&tag=a&tag=b&flag"), query("/plain")) }
}

twin! {
    /// A digits scanner with `while let Some(&c) = it.peek()` and an await inside the
    /// peek loop, accumulating with `checked_mul`/`checked_add` into a `Result`.
    p24b_peek_digits_checked {
        lower! {
            pub async fn read_u8s(s: &str) -> Result<Vec<u8>, ParseError> {
                let mut out = Vec::new();
                let mut it = s.chars().peekable();
                while it.peek().is_some() {
                    let mut n: u8 = 0;
                    let mut any = false;
                    while let Some(&c) = it.peek() {
                        let Some(d) = c.to_digit(10) else { break };
                        step("digit").await;
                        n = n.checked_mul(10).and_then(|n| n.checked_add(d as u8)).ok_or_else(|| ParseError::BadNumber(format!("{n}{c}..")))?;
                        any = true;
                        it.next();
                    }
                    if !any {
                        return Err(ParseError::Unexpected(it.next().unwrap(), out.len()));
                    }
                    out.push(n);
                    if it.next_if_eq(&',').is_some() {
                        step("comma").await;
                    }
                }
                Ok(out)
            }
        }
    }
    run { pair(pair(read_u8s("1,22,255"), read_u8s("12,256")), read_u8s("4;")) }
}

twin! {
    /// A line-oriented command parser: `match line.split_whitespace().collect::<Vec<_>>()
    /// .as_slice()` with slice patterns binding `&str`s, each command awaited.
    p24b_command_slice_patterns {
        lower! {
            pub async fn exec(script: &str) -> Result<Vec<String>, String> {
                let mut vars = BTreeMap::new();
                let mut out = Vec::new();
                for line in script.lines() {
                    match line.split_whitespace().collect::<Vec<_>>().as_slice() {
                        ["set", name, value] => {
                            let v = leaf("set", value.parse::<i32>().map_err(|e| e.to_string())?).await;
                            vars.insert(name.to_string(), v);
                        }
                        ["print", name] => {
                            let v = vars.get(*name).ok_or_else(|| format!("unknown {name}"))?;
                            step("print").await;
                            out.push(format!("{name}={v}"));
                        }
                        ["add", a, b, "->", dst] => {
                            let x = vars.get(*a).copied().unwrap_or(0);
                            let y = vars.get(*b).copied().unwrap_or(0);
                            vars.insert(dst.to_string(), leaf("add", x + y).await);
                        }
                        [] => continue,
                        other => return Err(format!("bad command {other:?}")),
                    }
                }
                Ok(out)
            }
        }
    }
    run {
        pair(
            exec("set a 2\nset b 40\n\nadd a b -> c\nprint c"),
            exec("set a 1\nfrobnicate a"),
        )
    }
}

twin! {
    /// A tokenizer kept in a `Peekable<Chars>` field of a parser struct, with a lowered
    /// method parsing a comma-separated list of numbers in brackets.
    p24b_parser_struct_peekable_field {
        pub struct Parser<'a> {
            pub it: std::iter::Peekable<std::str::Chars<'a>>,
            pub pos: usize,
        }
        impl<'a> Parser<'a> {
            pub fn bump(&mut self) -> Option<char> {
                self.pos += 1;
                self.it.next()
            }
            pub fn expect(&mut self, want: char) -> Result<(), ParseError> {
                match self.bump() {
                    Some(c) if c == want => Ok(()),
                    Some(c) => Err(ParseError::Unexpected(c, self.pos)),
                    None => Err(ParseError::Eof),
                }
            }
            lower! {
                pub async fn list(&mut self) -> Result<Vec<u32>, ParseError> {
                    self.expect('[')?;
                    let mut items = Vec::new();
                    loop {
                        let mut digits = String::new();
                        while let Some(c) = self.it.peek().copied().filter(|c| c.is_ascii_digit()) {
                            digits.push(c);
                            self.bump();
                        }
                        step("item").await;
                        items.push(digits.parse()?);
                        match self.bump() {
                            Some(',') => continue,
                            Some(']') => break,
                            Some(c) => return Err(ParseError::Unexpected(c, self.pos)),
                            None => return Err(ParseError::Eof),
                        }
                    }
                    Ok(items)
                }
            }
        }
        lower! {
            pub async fn parse(s: &str) -> Result<Vec<u32>, ParseError> {
                let mut p = Parser { it: s.chars().peekable(), pos: 0 };
                let _g = Tracker::new("parser");
                let v = p.list().await?;
                step("done").await;
                Ok(v)
            }
        }
    }
    run { pair(pair(parse("[1,20,3]"), parse("[1;2]")), parse("[4,")) }
}

twin! {
    /// Semantic-version strings compared after parsing each part with `?` through `From`,
    /// then sorted; the strings come from awaits.
    p24b_semver_parse_sort {
        #[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
        pub struct Version(pub u32, pub u32, pub u32);
        lower! {
            pub async fn parse_version(s: &str) -> Result<Version, ParseError> {
                let mut parts = s.trim_start_matches('v').split('.');
                let major = parts.next().ok_or(ParseError::Missing("major"))?.parse()?;
                step("major").await;
                let minor = parts.next().ok_or(ParseError::Missing("minor"))?.parse()?;
                let patch = parts.next().unwrap_or("0").parse()?;
                Ok(Version(major, minor, patch))
            }
        }
        lower! {
            pub async fn newest(list: Vec<&'static str>) -> Result<Vec<Version>, ParseError> {
                let mut vs = Vec::new();
                for s in list {
                    let s = leaf("fetch", s).await;
                    vs.push(parse_version(s).await?);
                }
                vs.sort();
                vs.reverse();
                Ok(vs)
            }
        }
    }
    run { pair(newest(vec!["v1.2.3", "0.9", "1.10.0"]), newest(vec!["1.0", "1.x"])) }
}

twin! {
    /// A state-driven tokenizer written as `loop { state = match state { .. } }` over a
    /// byte cursor, the states an enum with data, awaits in two arms.
    p24b_tokenizer_state_loop_bytes {
        #[derive(Debug, Clone, Copy)]
        pub enum St {
            Start,
            Word(usize),
            Num(usize, u64),
            Done,
        }
        lower! {
            pub async fn lex(src: &[u8]) -> Vec<String> {
                let mut out = Vec::new();
                let mut i = 0;
                let mut state = St::Start;
                loop {
                    let b = src.get(i).copied();
                    state = match (state, b) {
                        (St::Done, _) => break,
                        (St::Start, None) => St::Done,
                        (St::Start, Some(c)) if c.is_ascii_digit() => St::Num(i, (c - b'0') as u64),
                        (St::Start, Some(c)) if c.is_ascii_alphabetic() => St::Word(i),
                        (St::Start, Some(_)) => {
                            i += 1;
                            St::Start
                        }
                        (St::Num(s, n), Some(c)) if c.is_ascii_digit() => St::Num(s, n * 10 + (c - b'0') as u64),
                        (St::Num(s, n), _) => {
                            let n = leaf("num", n).await;
                            out.push(format!("num {n} at {s}"));
                            St::Start
                        }
                        (St::Word(s), Some(c)) if c.is_ascii_alphanumeric() => St::Word(s),
                        (St::Word(s), _) => {
                            step("word").await;
                            out.push(format!("word {}", String::from_utf8_lossy(&src[s..i])));
                            St::Start
                        }
                    };
                    if matches!(state, St::Num(..) | St::Word(_)) {
                        i += 1;
                    }
                }
                out
            }
        }
    }
    run { lex(b"ab 12 c3;99") }
}

// ---------------------------------------------------------------------------------------
// Middleware chains, routers, handlers.
// ---------------------------------------------------------------------------------------

twin! {
    /// A middleware chain `Vec<Box<dyn Fn(Request) -> Request>>` applied with an await
    /// between layers, then a router `match (method, path)` with guards.
    p24b_middleware_then_router {
        #[derive(Debug, Clone)]
        pub struct Request {
            pub method: String,
            pub path: String,
            pub headers: Vec<(String, String)>,
        }
        lower! {
            pub async fn serve(req: Request) -> (u16, String) {
                let chain: Vec<Box<dyn Fn(Request) -> Request>> = vec![
                    Box::new(|mut r| {
                        r.path = r.path.trim_end_matches('/').to_string();
                        r
                    }),
                    Box::new(|mut r| {
                        r.headers.push(("x-seen".into(), "1".into()));
                        r
                    }),
                    Box::new(|mut r| {
                        r.method = r.method.to_uppercase();
                        r
                    }),
                ];
                let mut req = req;
                for mw in &chain {
                    step("layer").await;
                    req = mw(req);
                }
                let _span = Tracker::new("span");
                match (req.method.as_str(), req.path.as_str()) {
                    ("GET", "") => (200, "index".into()),
                    ("GET", p) if p.starts_with("/users/") => {
                        let id = &p["/users/".len()..];
                        let name = leaf("db", format!("user#{id}")).await;
                        (200, name)
                    }
                    ("POST", "/users") => {
                        step("insert").await;
                        (201, format!("{} headers", req.headers.len()))
                    }
                    (_, p) => (404, format!("no route {p}")),
                }
            }
        }
    }
    run {
        let get = |p: &str| Request { method: "get".into(), path: p.into(), headers: vec![] };
        pair(pair(serve(get("/users/7/")), serve(get("/"))), pair(serve(Request { method: "post".into(), path: "/users".into(), headers: vec![("a".into(), "b".into())] }), serve(get("/nope"))))
    }
}

twin! {
    /// Path segments matched with slice patterns on `Vec<&str>`, ids parsed with `?`
    /// through a custom error's `From`, one handler per route with awaits.
    p24b_router_segments_slice_patterns {
        #[derive(Debug)]
        pub enum ApiError {
            NotFound(String),
            BadId(std::num::ParseIntError),
        }
        impl From<std::num::ParseIntError> for ApiError {
            fn from(e: std::num::ParseIntError) -> Self {
                ApiError::BadId(e)
            }
        }
        lower! {
            pub async fn route(path: &str) -> Result<String, ApiError> {
                let segs: Vec<&str> = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
                let _req = Tracker::new("req");
                let body = match segs.as_slice() {
                    [] => leaf("home", "home".to_string()).await,
                    ["users", id] => {
                        let id: u32 = id.parse()?;
                        step("load user").await;
                        format!("user {id}")
                    }
                    ["users", id, "posts", rest @ ..] => {
                        let id: u32 = id.parse()?;
                        let n = leaf("posts", rest.len() as u32 + id).await;
                        format!("{n} posts")
                    }
                    _ => return Err(ApiError::NotFound(path.to_string())),
                };
                step("render").await;
                Ok(body)
            }
        }
        lower! {
            pub async fn all() -> Vec<String> {
                let mut out = Vec::new();
                for p in ["/", "/users/5", "/users/x", "/users/2/posts/a/b", "/zzz"] {
                    out.push(format!("{:?}", route(p).await));
                }
                out
            }
        }
    }
    run { all() }
}

twin! {
    /// An auth middleware returning early: a handler taking a `Request` (owning a tracker)
    /// by value, `if !authorized { return .. }` before and after awaits.
    p24b_handler_early_return_auth {
        pub struct Request {
            pub user: Option<&'static str>,
            pub body: String,
            pub _conn: Tracker,
        }
        lower! {
            pub async fn handle(req: Request) -> Result<String, (u16, &'static str)> {
                let Some(user) = req.user else {
                    step("log denied").await;
                    return Err((401, "no user"));
                };
                let role = leaf("role", if user == "root" { "admin" } else { "guest" }).await;
                if role != "admin" && req.body.len() > 3 {
                    return Err((403, "too big for guest"));
                }
                step("write").await;
                Ok(format!("{user}/{role}: {}", req.body))
            }
        }
    }
    run {
        pair(
            pair(handle(Request { user: None, body: "x".into(), _conn: Tracker("c1") }),
                 handle(Request { user: Some("bob"), body: "long body".into(), _conn: Tracker("c2") })),
            handle(Request { user: Some("root"), body: "long body".into(), _conn: Tracker("c3") }),
        )
    }
}

twin! {
    /// An onion of middlewares with before/after hooks: the "before" halves run in order,
    /// the handler awaits, the "after" halves run in reverse, each with its own tracker.
    p24b_middleware_onion_before_after {
        pub struct Layer {
            pub name: &'static str,
            pub before: fn(&mut Vec<String>),
            pub after: fn(&mut Vec<String>),
        }
        lower! {
            pub async fn handler(trace: &mut Vec<String>) -> u32 {
                step("handler").await;
                trace.push("handler".into());
                42
            }
        }
        lower! {
            pub async fn run(layers: Vec<Layer>) -> (u32, Vec<String>) {
                let mut trace = Vec::new();
                let mut guards = Vec::new();
                for l in &layers {
                    guards.push(Tracker::new(l.name));
                    (l.before)(&mut trace);
                    step(l.name).await;
                }
                let v = handler(&mut trace).await;
                for l in layers.iter().rev() {
                    (l.after)(&mut trace);
                    drop(guards.pop());
                    step("unwind").await;
                }
                (v, trace)
            }
        }
    }
    run {
        run(vec![
            Layer { name: "log", before: |t| t.push("log>".into()), after: |t| t.push("<log".into()) },
            Layer { name: "auth", before: |t| t.push("auth>".into()), after: |t| t.push("<auth".into()) },
        ])
    }
}

twin! {
    /// A routing table `Vec<(&str, &str, fn(&str) -> String)>` searched with `find`, the
    /// chosen function called on an awaited body.
    p24b_route_table_fn_pointers {
        pub fn echo(b: &str) -> String {
            b.to_string()
        }
        pub fn shout(b: &str) -> String {
            b.to_uppercase()
        }
        lower! {
            pub async fn dispatch(method: &str, path: &str, body: &'static str) -> String {
                let routes: Vec<(&str, &str, fn(&str) -> String)> = vec![("GET", "/echo", echo), ("POST", "/shout", shout)];
                let Some((_, _, h)) = routes.iter().find(|(m, p, _)| *m == method && *p == path) else {
                    step("404").await;
                    return format!("404 {path}");
                };
                let body = leaf("body", body).await;
                h(body)
            }
        }
    }
    run { pair(pair(dispatch("GET", "/echo", "hi"), dispatch("POST", "/shout", "hey")), dispatch("GET", "/x", "")) }
}

twin! {
    /// A response builder chained on a temporary: `Response::new(200).header(..).body(..)`
    /// with the body an awaited value (builder methods take `self`).
    p24b_response_builder_awaited_body {
        #[derive(Debug)]
        pub struct Response {
            pub status: u16,
            pub headers: Vec<(&'static str, String)>,
            pub body: String,
        }
        impl Response {
            pub fn new(status: u16) -> Self {
                Response { status, headers: Vec::new(), body: String::new() }
            }
            pub fn header(mut self, k: &'static str, v: impl Into<String>) -> Self {
                self.headers.push((k, v.into()));
                self
            }
            pub fn body(mut self, b: String) -> Self {
                self.body = b;
                self
            }
        }
        lower! {
            pub async fn render(name: &str) -> Response {
                let _g = Tracker::new("render");
                let resp = Response::new(200).header("content-type", "text/plain").body(leaf("tpl", format!("hello {name}")).await);
                step("sent").await;
                resp.header("x-len", "5")
            }
        }
    }
    run { render("you") }
}

twin! {
    /// Handlers behind a trait with an `async fn` implemented by two structs, chosen by a
    /// `match` on the path, called on a `&dyn`-free generic helper with awaits.
    p24b_trait_async_fn_handlers {
        pub trait Handler {
            async fn handle(&self, arg: &str) -> String;
        }
        pub struct Hello {
            pub greeting: &'static str,
        }
        pub struct Count {
            pub _t: Tracker,
        }
        impl Handler for Hello {
            lower! {
                async fn handle(&self, arg: &str) -> String {
                    step("hello").await;
                    format!("{} {}", self.greeting, arg)
                }
            }
        }
        impl Handler for Count {
            lower! {
                async fn handle(&self, arg: &str) -> String {
                    let n = leaf("count", arg.chars().count()).await;
                    format!("{n} chars")
                }
            }
        }
        pub async fn call<H: Handler>(h: &H, arg: &str) -> String {
            h.handle(arg).await
        }
        lower! {
            pub async fn serve(paths: Vec<&'static str>) -> Vec<String> {
                let hello = Hello { greeting: "hi" };
                let count = Count { _t: Tracker::new("count") };
                let mut out = Vec::new();
                for p in paths {
                    let r = match p.split_once('/') {
                        Some(("hello", rest)) => call(&hello, rest).await,
                        Some(("count", rest)) => count.handle(rest).await,
                        _ => {
                            step("404").await;
                            "404".to_string()
                        }
                    };
                    out.push(r);
                }
                out
            }
        }
    }
    run { serve(vec!["hello/bob", "count/héllo", "nope"]) }
}

twin! {
    /// Middlewares returning `Result<Request, Response>` short-circuit the chain with `?`
    /// in a fn returning `Result<Response, Response>`; the request owns a tracker.
    p24b_middleware_result_short_circuit {
        #[derive(Debug)]
        pub struct Response(pub u16, pub String);
        pub struct Request {
            pub path: String,
            pub token: Option<String>,
            pub _t: Tracker,
        }
        pub fn require_token(r: Request) -> Result<Request, Response> {
            if r.token.is_some() { Ok(r) } else { Err(Response(401, format!("{} needs a token", r.path))) }
        }
        pub fn no_admin(r: Request) -> Result<Request, Response> {
            if r.path.starts_with("/admin") { Err(Response(403, "admin".into())) } else { Ok(r) }
        }
        lower! {
            pub async fn serve(req: Request) -> Result<Response, Response> {
                step("accept").await;
                let req = require_token(req)?;
                step("authed").await;
                let req = no_admin(req)?;
                let body = leaf("handler", format!("ok {}", req.path)).await;
                Ok(Response(200, body))
            }
        }
    }
    run {
        let r = |p: &str, t: Option<&str>, n| Request { path: p.into(), token: t.map(String::from), _t: Tracker(n) };
        pair(pair(serve(r("/a", Some("k"), "r1")), serve(r("/a", None, "r2"))), serve(r("/admin/x", Some("k"), "r3")))
    }
}

twin! {
    /// A handler map `HashMap<&str, Box<dyn Fn(u32) -> u32>>` looked up per request (no
    /// iteration), the argument an awaited value, unknown commands collected.
    p24b_handler_map_dyn_fn {
        lower! {
            pub async fn run(cmds: Vec<(&'static str, u32)>) -> (Vec<u32>, Vec<&'static str>) {
                let mut table: HashMap<&str, Box<dyn Fn(u32) -> u32>> = HashMap::new();
                let k = leaf("k", 3).await;
                table.insert("double", Box::new(|x| x * 2));
                table.insert("addk", Box::new(move |x| x + k));
                let mut out = Vec::new();
                let mut unknown = Vec::new();
                for (name, arg) in cmds {
                    match table.get(name) {
                        Some(f) => out.push(f(leaf("arg", arg).await)),
                        None => {
                            step("unknown").await;
                            unknown.push(name);
                        }
                    }
                }
                (out, unknown)
            }
        }
    }
    run { run(vec![("double", 4), ("nope", 0), ("addk", 10)]) }
}

twin! {
    /// A static-file server ported from Express: `strip_prefix`, extension matching on
    /// `rsplit_once('.')`, a `match` with or-patterns, early 404 returns.
    p24b_static_files_extension_match {
        lower! {
            pub async fn serve_static(path: &str) -> (u16, &'static str, usize) {
                let _conn = Tracker::new("conn");
                let Some(file) = path.strip_prefix("/static/") else {
                    return (404, "text/plain", 0);
                };
                let mime = match file.rsplit_once('.').map(|(_, ext)| ext) {
                    Some("html" | "htm") => "text/html",
                    Some("css") => "text/css",
                    Some("png") | Some("jpg") => "image",
                    Some(_) | None => {
                        step("unknown ext").await;
                        return (415, "application/octet-stream", 0);
                    }
                };
                let size = leaf("stat", file.len() * 100).await;
                (200, mime, size)
            }
        }
    }
    run {
        pair(pair(serve_static("/static/index.html"), serve_static("/static/a.b.png")), pair(serve_static("/x"), serve_static("/static/noext")))
    }
}

twin! {
    /// A request counter struct with `&mut self` lowered methods calling each other
    /// (`handle` awaits `log_access`), status counts in a `BTreeMap` entry.
    p24b_server_struct_methods_call_each_other {
        pub struct Server {
            pub hits: BTreeMap<u16, u32>,
            pub access: Vec<String>,
        }
        impl Server {
            lower! {
                pub async fn log_access(&mut self, path: &str, status: u16) {
                    step("write log").await;
                    self.access.push(format!("{status} {path}"));
                    *self.hits.entry(status).or_insert(0) += 1;
                }
            }
            lower! {
                pub async fn handle(&mut self, path: &str) -> u16 {
                    let _t = Tracker::new("req");
                    let status = if path == "/" { 200 } else if leaf("exists", path.len() < 4).await { 200 } else { 404 };
                    self.log_access(path, status).await;
                    status
                }
            }
        }
        lower! {
            pub async fn run() -> (Vec<u16>, BTreeMap<u16, u32>, Vec<String>) {
                let mut s = Server { hits: BTreeMap::new(), access: vec![] };
                let mut codes = Vec::new();
                for p in ["/", "/ab", "/long"] {
                    codes.push(s.handle(p).await);
                }
                (codes, s.hits, s.access)
            }
        }
    }
    run { run() }
}

twin! {
    /// A WebSocket-like frame dispatcher: `match frame { Frame::Text(s) if s.starts_with('/')
    /// => .., Frame::Text(s) => .., Frame::Ping(n) => .., Frame::Close(t) => break }`.
    p24b_frame_dispatch_guards_by_value {
        pub enum Frame {
            Text(String),
            Binary(Vec<u8>),
            Ping(u32),
            Close(Tracker),
        }
        lower! {
            pub async fn session(frames: Vec<Frame>) -> Vec<String> {
                let mut out = Vec::new();
                let _sock = Tracker::new("sock");
                for f in frames {
                    match f {
                        Frame::Text(s) if s.starts_with('/') => {
                            let cmd = leaf("cmd", s[1..].to_string()).await;
                            out.push(format!("cmd {cmd}"));
                        }
                        Frame::Text(s) => out.push(format!("say {s}")),
                        Frame::Binary(b) if b.is_empty() => continue,
                        Frame::Binary(b) => out.push(format!("bin {}", leaf("len", b.len()).await)),
                        Frame::Ping(n) => {
                            step("pong").await;
                            out.push(format!("pong {n}"));
                        }
                        Frame::Close(t) => {
                            step("closing").await;
                            out.push(format!("closed by {}", t.name()));
                            break;
                        }
                    }
                }
                out
            }
        }
    }
    run {
        session(vec![
            Frame::Text("/join".into()),
            Frame::Binary(vec![]),
            Frame::Text("hi".into()),
            Frame::Ping(3),
            Frame::Binary(vec![1, 2]),
            Frame::Close(Tracker("close")),
            Frame::Close(Tracker("late")),
        ])
    }
}

// ---------------------------------------------------------------------------------------
// Custom error types, `?` through `From`, `Box<dyn Error>`, combinators on results.
// ---------------------------------------------------------------------------------------

twin! {
    /// An application error enum with `Display`, `Error::source` and two `From` impls;
    /// `?` converts after awaits; the caller prints the error and its source chain.
    p24b_app_error_source_chain {
        #[derive(Debug)]
        pub enum AppError {
            Parse(std::num::ParseIntError),
            Config(ParseError),
            Empty,
        }
        impl fmt::Display for AppError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    AppError::Parse(_) => write!(f, "could not parse"),
                    AppError::Config(e) => write!(f, "config: {e}"),
                    AppError::Empty => write!(f, "empty input"),
                }
            }
        }
        impl Error for AppError {
            fn source(&self) -> Option<&(dyn Error + 'static)> {
                match self {
                    AppError::Parse(e) => Some(e),
                    AppError::Config(e) => Some(e),
                    AppError::Empty => None,
                }
            }
        }
        impl From<std::num::ParseIntError> for AppError {
            fn from(e: std::num::ParseIntError) -> Self {
                AppError::Parse(e)
            }
        }
        impl From<ParseError> for AppError {
            fn from(e: ParseError) -> Self {
                AppError::Config(e)
            }
        }
        lower! {
            pub async fn load(src: &str) -> Result<i32, AppError> {
                let _g = Tracker::new("load");
                let line = leaf("read", src).await;
                if line.is_empty() {
                    return Err(AppError::Empty);
                }
                let (k, v) = line.split_once(':').ok_or(ParseError::Missing("colon"))?;
                step(if k == "n" { "n" } else { "other" }).await;
                Ok(v.trim().parse::<i32>()? * 2)
            }
        }
        lower! {
            pub async fn report(inputs: Vec<&'static str>) -> Vec<String> {
                let mut out = Vec::new();
                for s in inputs {
                    match load(s).await {
                        Ok(v) => out.push(format!("ok {v}")),
                        Err(e) => {
                            let mut msg = e.to_string();
                            let mut src = e.source();
                            while let Some(s) = src {
                                msg.push_str(&format!(" <- {s}"));
                                src = s.source();
                            }
                            out.push(msg);
                        }
                    }
                }
                out
            }
        }
    }
    run { report(vec!["n: 21", "", "nocolon", "n: x"]) }
}

twin! {
    /// `Result<_, Box<dyn Error + Send + Sync>>`: string errors via `.into()`, a
    /// `ParseIntError` boxed by `?`, a custom error boxed by `?`, displayed by the caller.
    p24b_box_dyn_error_send_sync {
        lower! {
            pub async fn step_one(s: &str) -> Result<u32, Box<dyn Error + Send + Sync>> {
                let _t = Tracker::new("one");
                let n: u32 = leaf("parse", s).await.parse()?;
                if n == 0 {
                    return Err("zero is not allowed".into());
                }
                if n > 100 {
                    Err(ParseError::BadNumber(format!("{n} too big")))?;
                }
                step("ok").await;
                Ok(n)
            }
        }
        lower! {
            pub async fn all(xs: Vec<&'static str>) -> Vec<String> {
                let mut out = Vec::new();
                for x in xs {
                    out.push(match step_one(x).await {
                        Ok(n) => n.to_string(),
                        Err(e) => format!("error: {e}"),
                    });
                }
                out
            }
        }
    }
    run { all(vec!["5", "0", "abc", "500"]) }
}

twin! {
    /// `map_err` closures that capture context (a path, an attempt number), and `?` on
    /// the mapped error inside a loop with a tracker per iteration.
    p24b_map_err_context_closure {
        lower! {
            pub async fn read_all(paths: Vec<&'static str>) -> Result<u32, String> {
                let mut total = 0;
                for (attempt, path) in paths.into_iter().enumerate() {
                    let _h = Tracker::new(path);
                    let raw = leaf("open", path).await;
                    let n = raw
                        .strip_suffix(".txt")
                        .ok_or(ParseError::Missing("extension"))
                        .map_err(|e| format!("#{attempt} {path}: {e}"))?
                        .len();
                    step("read").await;
                    total += n as u32;
                }
                Ok(total)
            }
        }
    }
    run { pair(read_all(vec!["ab.txt", "c.txt"]), read_all(vec!["x.txt", "y.md", "z.txt"])) }
}

twin! {
    /// `find_user(id).await.ok_or_else(|| AppError::NotFound(id))?` then `.and_then` on
    /// an awaited result and `map` on the success value.
    p24b_ok_or_else_and_then_awaited {
        #[derive(Debug)]
        pub enum UserError {
            NotFound(u32),
            Banned(String),
        }
        lower! {
            pub async fn find_user(id: u32) -> Option<String> {
                step("db").await;
                match id {
                    1 => Some("ann".into()),
                    2 => Some("mallory".into()),
                    _ => None,
                }
            }
        }
        lower! {
            pub async fn check(name: String) -> Result<String, UserError> {
                step("check").await;
                if name == "mallory" { Err(UserError::Banned(name)) } else { Ok(name) }
            }
        }
        lower! {
            pub async fn greet(id: u32) -> Result<String, UserError> {
                let _g = Tracker::new("greet");
                let name = find_user(id).await.ok_or_else(|| UserError::NotFound(id))?;
                let checked = check(name).await.and_then(|n| if n.len() > 5 { Err(UserError::Banned(n)) } else { Ok(n) }).map(|n| n.to_uppercase())?;
                Ok(format!("hello {checked}"))
            }
        }
    }
    run { pair(pair(greet(1), greet(2)), greet(3)) }
}

twin! {
    /// Errors converted through two levels of `From` across nested lowered calls
    /// (`DbError` -> `ServiceError` -> `ApiError`), each level holding a tracker.
    p24b_from_two_levels_nested_calls {
        #[derive(Debug)]
        pub struct DbError(pub String);
        #[derive(Debug)]
        pub enum ServiceError {
            Db(DbError),
            Invalid,
        }
        #[derive(Debug)]
        pub struct ApiError {
            pub status: u16,
            pub inner: ServiceError,
        }
        impl From<DbError> for ServiceError {
            fn from(e: DbError) -> Self {
                ServiceError::Db(e)
            }
        }
        impl From<ServiceError> for ApiError {
            fn from(e: ServiceError) -> Self {
                let status = match e {
                    ServiceError::Db(_) => 500,
                    ServiceError::Invalid => 400,
                };
                ApiError { status, inner: e }
            }
        }
        lower! {
            pub async fn db(q: i32) -> Result<i32, DbError> {
                let _c = Tracker::new("db");
                let r = leaf("q", q).await;
                if r < 0 { Err(DbError(format!("neg {r}"))) } else { Ok(r * 2) }
            }
        }
        lower! {
            pub async fn service(q: i32) -> Result<i32, ServiceError> {
                let _s = Tracker::new("svc");
                if q == 7 {
                    step("validate").await;
                    return Err(ServiceError::Invalid);
                }
                let v = db(q).await?;
                Ok(v + 1)
            }
        }
        lower! {
            pub async fn api(q: i32) -> Result<String, ApiError> {
                let _a = Tracker::new("api");
                let v = service(q).await?;
                step("json").await;
                Ok(format!("{{\"v\":{v}}}"))
            }
        }
    }
    run { pair(pair(api(3), api(-1)), api(7)) }
}

twin! {
    /// `Option<Result<..>>` turned around with `transpose()?`, then `?` on the option in
    /// a fn returning `Result<Option<_>, _>`.
    p24b_transpose_option_result {
        lower! {
            pub async fn maybe_port(v: Option<&'static str>) -> Result<Option<u16>, std::num::ParseIntError> {
                let _g = Tracker::new("port");
                let raw = leaf("env", v).await;
                let port = raw.map(|s| s.parse::<u16>()).transpose()?;
                step("parsed").await;
                Ok(port.map(|p| p + 1))
            }
        }
        lower! {
            pub async fn all() -> Vec<String> {
                let mut out = Vec::new();
                for v in [Some("80"), None, Some("http")] {
                    out.push(format!("{:?}", maybe_port(v).await));
                }
                out
            }
        }
    }
    run { all() }
}

twin! {
    /// `match kind { "a" => parse_a(s).await?, "b" => parse_b(s).await?, _ => return Err }`
    /// with awaited `?` in match arms as the value of a `let`.
    p24b_question_in_match_arm_values {
        lower! {
            pub async fn parse_a(s: &str) -> Result<u32, String> {
                step("a").await;
                s.parse().map_err(|_| format!("a: {s}"))
            }
        }
        lower! {
            pub async fn parse_b(s: &str) -> Result<u32, String> {
                step("b").await;
                s.len().try_into().map_err(|_| "b".to_string())
            }
        }
        lower! {
            pub async fn parse(kind: &str, s: &str) -> Result<u32, String> {
                let _t = Tracker::new("parse");
                let v = match kind {
                    "a" => parse_a(s).await?,
                    "b" => parse_b(s).await? * 10,
                    other => return Err(format!("kind {other}")),
                };
                let _u = Tracker::new("post");
                step("post").await;
                Ok(v + 1)
            }
        }
    }
    run { pair(pair(parse("a", "4"), parse("a", "z")), pair(parse("b", "xyz"), parse("c", ""))) }
}

twin! {
    /// A "try block" emulated by an immediately called closure returning `Result`, with
    /// `?` inside it, between awaits; the closure reads awaited locals.
    p24b_try_block_closure {
        lower! {
            pub async fn compute(a: &'static str, b: &'static str) -> String {
                let _g = Tracker::new("g");
                let a = leaf("a", a).await;
                let b = leaf("b", b).await;
                let r = (|| -> Result<i64, std::num::ParseIntError> {
                    let x: i64 = a.parse()?;
                    let y: i64 = b.parse()?;
                    Ok(x * y)
                })();
                step("after").await;
                match r {
                    Ok(v) => format!("= {v}"),
                    Err(e) => format!("! {e}"),
                }
            }
        }
    }
    run { pair(compute("6", "7"), compute("6", "seven")) }
}

twin! {
    /// A `main`-style `async fn run() -> Result<(), Box<dyn Error>>` writing a report with
    /// `writeln!` (`?` on `fmt::Error` boxed) and an early `Err` from a `Display` error.
    p24b_main_style_box_error_writeln {
        lower! {
            pub async fn run(fail_at: usize) -> Result<String, Box<dyn Error>> {
                let mut out = String::new();
                let _app = Tracker::new("app");
                for i in 0..4 {
                    let v = leaf("item", i * 3).await;
                    if i == fail_at {
                        return Err(Box::new(ParseError::Unexpected('!', i)));
                    }
                    writeln!(out, "{i:>2}: {v:03}")?;
                }
                step("flush").await;
                Ok(out)
            }
        }
        lower! {
            pub async fn main_() -> Vec<String> {
                let mut v = Vec::new();
                for f in [9, 2] {
                    v.push(match run(f).await {
                        Ok(s) => s,
                        Err(e) => format!("Error: {e}"),
                    });
                }
                v
            }
        }
    }
    run { main_() }
}

twin! {
    /// An `anyhow`-style `Context` extension trait on `Result`, `.context("..")?` after
    /// awaits, and a `Display` of the wrapped chain.
    p24b_context_extension_trait {
        #[derive(Debug)]
        pub struct Ctx {
            pub msg: String,
            pub cause: String,
        }
        pub trait Context<T> {
            fn context(self, msg: &str) -> Result<T, Ctx>;
        }
        impl<T, E: fmt::Display> Context<T> for Result<T, E> {
            fn context(self, msg: &str) -> Result<T, Ctx> {
                self.map_err(|e| Ctx { msg: msg.to_string(), cause: e.to_string() })
            }
        }
        lower! {
            pub async fn load(a: &'static str, b: &'static str) -> Result<u64, Ctx> {
                let _g = Tracker::new("load");
                let x: u64 = leaf("a", a).await.parse().context("reading a")?;
                let _h = Tracker::new("h");
                let y = leaf("b", b).await.parse::<u64>().context(&format!("reading b after {x}"))?;
                Ok(x + y)
            }
        }
    }
    run { pair(pair(load("1", "2"), load("q", "2")), load("1", "-2")) }
}

twin! {
    /// An error variant carrying a tracker returned from deep in a loop: the error's
    /// tracker outlives the fn's locals and drops with the result.
    p24b_error_owns_tracker {
        #[derive(Debug)]
        pub enum JobError {
            Failed { job: Tracker, code: i32 },
        }
        lower! {
            pub async fn run_jobs(codes: Vec<i32>) -> Result<i32, JobError> {
                let _pool = Tracker::new("pool");
                let mut sum = 0;
                for (i, c) in codes.into_iter().enumerate() {
                    let job = Tracker::new(["j0", "j1", "j2", "j3"][i]);
                    let code = leaf("run", c).await;
                    if code != 0 {
                        return Err(JobError::Failed { job, code });
                    }
                    step("cleanup").await;
                    sum += i as i32;
                }
                Ok(sum)
            }
        }
    }
    run { pair(run_jobs(vec![0, 0]), run_jobs(vec![0, 3, 0])) }
}

twin! {
    /// `?` on `Option` in a fn returning `Option`, with trackers and a `let else` whose
    /// else block awaits before returning `None`.
    p24b_option_question_let_else_await {
        lower! {
            pub async fn lookup(env: Vec<(&'static str, &'static str)>, key: &str) -> Option<usize> {
                let _g = Tracker::new("g");
                let (_, v) = env.iter().find(|(k, _)| *k == key)?;
                let v = leaf("v", *v).await;
                let Some(n) = v.strip_prefix("n=") else {
                    step("no prefix").await;
                    return None;
                };
                let _t = Tracker::new("t");
                Some(leaf("len", n.len()).await)
            }
        }
    }
    run {
        let env = vec![("a", "n=abc"), ("b", "zzz")];
        pair(pair(lookup(env.clone(), "a"), lookup(env.clone(), "b")), lookup(env, "c"))
    }
}

twin! {
    /// A generic `parse_all<T: FromStr>` lowered fn returning `Result<Vec<T>, T::Err>`,
    /// called for two types, the errors formatted with `{:?}`.
    p24b_generic_fromstr_parse_all {
        lower! {
            pub async fn parse_all<T: std::str::FromStr>(items: &[&str]) -> Result<Vec<T>, T::Err> {
                let mut out = Vec::new();
                for s in items {
                    step("item").await;
                    out.push(s.parse()?);
                }
                Ok(out)
            }
        }
        lower! {
            pub async fn run() -> String {
                let _g = Tracker::new("g");
                let a = parse_all::<u8>(&["1", "2"]).await;
                let b = parse_all::<f64>(&["1.5", "x"]).await;
                let c = parse_all::<bool>(&["true", "false"]).await;
                format!("{a:?} {b:?} {c:?}")
            }
        }
    }
    run { run() }
}

twin! {
    /// `Box<dyn Error>` downcast after an await: `e.downcast_ref::<ParseError>()` picks
    /// the handling; `e.is::<..>()` for the other case.
    p24b_box_error_downcast_ref {
        lower! {
            pub async fn op(k: u32) -> Result<u32, Box<dyn Error>> {
                step("op").await;
                match k {
                    0 => Err(Box::new(ParseError::Eof)),
                    1 => Err("plain".into()),
                    2 => Err(Box::new(fmt::Error)),
                    n => Ok(n),
                }
            }
        }
        lower! {
            pub async fn run() -> Vec<String> {
                let mut out = Vec::new();
                for k in 0..4 {
                    let _t = Tracker::new("op");
                    let r = op(k).await;
                    let s = match r {
                        Ok(v) => format!("ok {v}"),
                        Err(e) => {
                            if let Some(pe) = e.downcast_ref::<ParseError>() {
                                step("parse error").await;
                                format!("parse: {pe}")
                            } else if e.is::<fmt::Error>() {
                                "fmt".into()
                            } else {
                                format!("other: {e}")
                            }
                        }
                    };
                    out.push(s);
                }
                out
            }
        }
    }
    run { run() }
}

twin! {
    /// Minimal: `let r = e.downcast_ref::<T>();` on a `Box<dyn Error>` local, kept across
    /// an await.
    p24b_downcast_ref_min {
        lower! {
            pub async fn f() -> bool {
                let e: Box<dyn Error> = Box::new(fmt::Error);
                let r = e.downcast_ref::<fmt::Error>();
                step("s").await;
                r.is_some()
            }
        }
    }
    run { f() }
}

twin! {
    /// `unwrap_or_else` and `unwrap_or_default` on awaited results, `if let Err(e) = ..`
    /// logging, `?` on an `Err` built by `Err(..)?` in a branch.
    p24b_unwrap_or_else_and_err_question {
        lower! {
            pub async fn fetch(k: i32) -> Result<i32, String> {
                step("fetch").await;
                if k % 2 == 0 { Ok(k) } else { Err(format!("odd {k}")) }
            }
        }
        lower! {
            pub async fn run(ks: Vec<i32>) -> Result<Vec<i32>, String> {
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for k in ks {
                    let a = fetch(k).await.unwrap_or_else(|e| e.len() as i32);
                    let b: i32 = fetch(k + 1).await.unwrap_or_default();
                    if let Err(e) = fetch(k * 3).await {
                        log(format!("warn {e}"));
                    }
                    if a > 10 {
                        Err(format!("too big {a}"))?;
                    }
                    out.push(a * 100 + b);
                }
                Ok(out)
            }
        }
    }
    run { pair(run(vec![2, 3]), run(vec![4, 12, 6])) }
}

// ---------------------------------------------------------------------------------------
// Formatting: `write!` into a `String`, widths, precision, named arguments.
// ---------------------------------------------------------------------------------------

twin! {
    /// A table renderer returning `Result<String, fmt::Error>`: `writeln!(out, ..)?` with
    /// widths and alignment, rows from awaits, a header and a rule.
    p24b_write_table_fmt_result {
        lower! {
            pub async fn render(rows: Vec<(&'static str, u32, f64)>) -> Result<String, fmt::Error> {
                let mut out = String::new();
                let _g = Tracker::new("render");
                writeln!(out, "{:<6}|{:>5}|{:>8}", "name", "qty", "price")?;
                writeln!(out, "{}", "-".repeat(21))?;
                for (name, qty, price) in rows {
                    let (q, p) = leaf("row", (qty, price)).await;
                    writeln!(out, "{name:<6}|{q:>5}|{p:>8.2}")?;
                }
                step("done").await;
                write!(out, "total {}", out.lines().count())?;
                Ok(out)
            }
        }
    }
    run { render(vec![("apple", 3, 0.5), ("kiwi", 12, 1.25), ("fig", 100, 10.0)]) }
}

twin! {
    /// `format!` with width, precision and sign where the arguments themselves are
    /// awaited expressions, plus a `val` evaluated between them (left-to-right order).
    p24b_format_awaited_positional_args {
        lower! {
            pub async fn line() -> String {
                let _g = Tracker::new("g");
                format!(
                    "[{:>8.3}] [{:08}] [{:+}] [{}]",
                    leaf("pi", 3.14159265).await,
                    leaf("n", 42).await,
                    val("k", 7),
                    leaf("s", "end").await
                )
            }
        }
    }
    run { line() }
}

twin! {
    /// `format!` with named arguments bound to awaited values, a width given by a named
    /// awaited argument (`{score:>width$}`), and inline captured locals.
    p24b_format_named_awaited_width {
        lower! {
            pub async fn card(who: &'static str) -> String {
                let rank = leaf("rank", 2).await;
                let s = format!(
                    "{name}: {score:>width$} #{rank}",
                    name = leaf("name", who).await,
                    score = leaf("score", 95).await,
                    width = leaf("width", 6).await
                );
                step("after").await;
                s
            }
        }
    }
    run { card("ann") }
}

twin! {
    /// `writeln!` whose arguments await, inside a loop, with `?` on the result in a fn
    /// returning `fmt::Result`-compatible `Result<String, fmt::Error>`.
    p24b_writeln_awaited_args_in_loop {
        lower! {
            pub async fn dump(n: u32) -> Result<String, fmt::Error> {
                let mut s = String::new();
                for i in 0..n {
                    let _t = Tracker::new("row");
                    writeln!(s, "{:>3}: {:<5}|", i, leaf("cell", i * i).await)?;
                }
                write!(&mut s, "{:?}", leaf("tail", vec![n; 2]).await)?;
                Ok(s)
            }
        }
    }
    run { dump(3) }
}

twin! {
    /// `{:?}` and `{:#?}` of nested derived structures (vectors of options of tuples, a
    /// nested struct, a map) built from awaited values.
    p24b_debug_nested_structures {
        #[derive(Debug)]
        pub struct Inner {
            pub tags: Vec<Option<(u8, String)>>,
        }
        #[derive(Debug)]
        pub struct Outer {
            pub id: u32,
            pub inner: Inner,
            pub map: BTreeMap<&'static str, Vec<i8>>,
        }
        lower! {
            pub async fn build() -> (String, String) {
                let a = leaf("a", (1u8, "x".to_string())).await;
                let inner = Inner { tags: vec![Some(a), None] };
                let mut map = BTreeMap::new();
                map.insert("k", vec![-1, leaf("b", 2).await]);
                let o = Outer { id: leaf("id", 7).await, inner, map };
                let short = format!("{o:?}");
                step("pretty").await;
                (short, format!("{:#?}", o.inner))
            }
        }
    }
    run { build() }
}

twin! {
    /// A `Display` impl for a matrix with nested loops and `write!(f, ..)?`, the matrix
    /// filled across awaits and displayed with `to_string`.
    p24b_display_impl_matrix {
        pub struct Matrix {
            pub rows: usize,
            pub cols: usize,
            pub data: Vec<f32>,
        }
        impl fmt::Display for Matrix {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                for r in 0..self.rows {
                    write!(f, "[")?;
                    for c in 0..self.cols {
                        if c > 0 {
                            write!(f, ", ")?;
                        }
                        write!(f, "{:5.1}", self.data[r * self.cols + c])?;
                    }
                    writeln!(f, "]")?;
                }
                Ok(())
            }
        }
        lower! {
            pub async fn identity_ish(n: usize) -> String {
                let mut m = Matrix { rows: n, cols: n, data: vec![0.0; n * n] };
                for i in 0..n {
                    m.data[i * n + i] = leaf("diag", 1.0 + i as f32 / 4.0).await;
                }
                step("show").await;
                m.to_string()
            }
        }
    }
    run { identity_ish(3) }
}

twin! {
    /// Column widths computed from the data (`max` of lengths), then `{:width$}` and
    /// `{:^width$}` with a width variable; cells from awaits.
    p24b_column_widths_dynamic {
        lower! {
            pub async fn table(cells: Vec<Vec<&'static str>>) -> String {
                let mut widths = vec![0; cells.first().map_or(0, |r| r.len())];
                for row in &cells {
                    for (i, c) in row.iter().enumerate() {
                        widths[i] = widths[i].max(leaf("len", c.len()).await);
                    }
                }
                let mut out = String::new();
                for row in &cells {
                    let line: Vec<String> = row.iter().zip(&widths).map(|(c, w)| format!("{:^w$}", c, w = *w)).collect();
                    out += &line.join("|");
                    out.push('\n');
                }
                step("done").await;
                out
            }
        }
    }
    run { table(vec![vec!["id", "name"], vec!["1", "alice"], vec!["22", "bo"]]) }
}

twin! {
    /// Temporaries inside `format!` arguments: a tracker made by a call whose name is
    /// read before an awaited argument lives to the end of the statement.
    p24b_format_temporary_tracker_then_await {
        pub struct Holder(pub Tracker);
        impl Holder {
            pub fn label(&self) -> &'static str {
                self.0.name()
            }
        }
        pub fn make(n: &'static str) -> Holder {
            Holder(Tracker::new(n))
        }
        lower! {
            pub async fn f() -> String {
                let s = format!("{}-{}-{}", make("t1").label(), leaf("mid", 5).await, make("t2").label());
                step("after").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// The classic "guard held across an await": a `Db::lock()` guard logging its release
    /// is a temporary in the first element of `let (count, fresh) = (db.lock().count(),
    /// fetch().await);` and lives (natively) to the end of the `let`, after the await; the
    /// same with a struct literal `Snapshot { rows: db.lock().count(), at: tick().await }`.
    p24b_guard_temporary_in_let_tuple {
        pub struct Db {
            pub rows: Vec<u32>,
        }
        pub struct Guard<'a> {
            pub db: &'a Db,
        }
        impl Drop for Guard<'_> {
            fn drop(&mut self) {
                log("unlock");
            }
        }
        impl Db {
            pub fn lock(&self) -> Guard<'_> {
                log("lock");
                Guard { db: self }
            }
        }
        impl Guard<'_> {
            pub fn count(&self) -> usize {
                self.db.rows.len()
            }
        }
        #[derive(Debug)]
        pub struct Snapshot {
            pub rows: usize,
            pub at: u32,
        }
        lower! {
            pub async fn refresh(db: &Db) -> (usize, u32, Snapshot) {
                let (count, fresh) = (db.lock().count(), leaf("fetch", 7).await);
                step("between").await;
                let snap = Snapshot { rows: db.lock().count(), at: leaf("tick", 3).await };
                (count, fresh, snap)
            }
        }
    }
    run { refresh(leak(Db { rows: vec![1, 2] })) }
}

twin! {
    /// Minimal: a tracker temporary in the first element of a tuple `let` initializer whose
    /// second element awaits (natively dropped at the end of the `let`, after the await).
    p24b_let_tuple_temp_min {
        lower! {
            pub async fn f() -> usize {
                let (a, b) = (Tracker::new("tmp").0.len(), leaf("x", 1).await);
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// Float formatting: `{:e}`, `{:.0}`, `{:10.3e}`, NaN and infinities, `{:?}` of
    /// floats, from awaited values.
    p24b_float_format_specials {
        lower! {
            pub async fn show(xs: Vec<f64>) -> Vec<String> {
                let mut out = Vec::new();
                for x in xs {
                    let x = leaf("x", x).await;
                    out.push(format!("{x:e}|{x:.0}|{x:10.3e}|{x:?}|{:>7.2}", x / 3.0));
                }
                out
            }
        }
    }
    run { show(vec![1234.5678, -0.000123, f64::NAN, f64::INFINITY, 2.5, -0.0]) }
}

twin! {
    /// Fill and alignment (`{:*^10}`, `{:-<8}`, `{:>#6x}`, `{:#010b}`), values awaited,
    /// collected into a `String` with `push_str`.
    p24b_fill_align_radix {
        lower! {
            pub async fn banner(n: u32) -> String {
                let mut s = String::new();
                let _g = Tracker::new("g");
                let title = leaf("title", "hi").await;
                s.push_str(&format!("{title:*^10}|"));
                let n = leaf("n", n).await;
                s.push_str(&format!("{:-<8}|{:>#6x}|{:#010b}|{:o}", n, n, n, n));
                s
            }
        }
    }
    run { banner(77) }
}

twin! {
    /// `write!` into a `String` through a `&mut String` parameter of a lowered helper,
    /// the helper returning `fmt::Result`, `?` on it in the caller.
    p24b_write_through_mut_string_param {
        lower! {
            pub async fn emit(out: &mut String, key: &str, v: i32) -> fmt::Result {
                step("emit").await;
                write!(out, "{key}={v};")?;
                if v < 0 {
                    return Err(fmt::Error);
                }
                Ok(())
            }
        }
        lower! {
            pub async fn serialize(pairs: Vec<(&'static str, i32)>) -> Result<String, fmt::Error> {
                let mut out = String::from("{");
                let _g = Tracker::new("ser");
                for (k, v) in pairs {
                    emit(&mut out, k, v).await?;
                }
                out.push('}');
                Ok(out)
            }
        }
    }
    run { pair(serialize(vec![("a", 1), ("b", 2)]), serialize(vec![("a", 1), ("c", -3), ("d", 4)])) }
}

twin! {
    /// A progress bar `[####....] 50%` built with `repeat` and `{:>3}%`, updated per tick
    /// with an await; each frame stored.
    p24b_progress_bar_frames {
        lower! {
            pub async fn progress(total: u32) -> Vec<String> {
                let mut frames = Vec::new();
                let width = 8;
                for done in 0..=total {
                    step("tick").await;
                    let filled = (done * width / total) as usize;
                    let pct = done * 100 / total;
                    frames.push(format!("[{}{}] {:>3}%", "#".repeat(filled), ".".repeat(width as usize - filled), pct));
                }
                frames
            }
        }
    }
    run { progress(3) }
}

// ---------------------------------------------------------------------------------------
// Numeric code: checked, wrapping, saturating, overflow panics, casts, floats.
// ---------------------------------------------------------------------------------------

twin! {
    /// `checked_add`/`checked_mul` of awaited operands turned into errors with `ok_or`
    /// and `?`, a tracker per step.
    p24b_checked_arith_ok_or {
        #[derive(Debug)]
        pub enum MathError {
            Overflow(&'static str),
            DivZero,
        }
        lower! {
            pub async fn calc(a: u8, b: u8, d: u8) -> Result<u8, MathError> {
                let _g = Tracker::new("calc");
                let s = a.checked_add(leaf("b", b).await).ok_or(MathError::Overflow("add"))?;
                let _h = Tracker::new("mul");
                let m = s.checked_mul(leaf("two", 2).await).ok_or(MathError::Overflow("mul"))?;
                m.checked_div(leaf("d", d).await).ok_or(MathError::DivZero)
            }
        }
    }
    run { pair(pair(calc(10, 20, 3), calc(200, 100, 1)), pair(calc(100, 50, 1), calc(1, 1, 0))) }
}

twin! {
    /// An FNV-1a hash with `wrapping_mul` over byte chunks, one await per chunk, the
    /// hash printed in hex.
    p24b_fnv_hash_wrapping_chunks {
        lower! {
            pub async fn fnv(data: &[u8]) -> String {
                let mut h: u64 = 0xcbf29ce484222325;
                for chunk in data.chunks(3) {
                    let chunk = leaf("chunk", chunk).await;
                    for &b in chunk {
                        h ^= b as u64;
                        h = h.wrapping_mul(0x100000001b3);
                    }
                }
                format!("{h:016x}")
            }
        }
    }
    run { pair(fnv(b"hello world"), fnv(b"")) }
}

twin! {
    /// Saturating health and mana in a combat loop: `saturating_sub`/`saturating_add` on
    /// `u8` fields with awaited damage, breaking at zero.
    p24b_saturating_combat {
        pub struct Unit {
            pub hp: u8,
            pub mana: u8,
        }
        lower! {
            pub async fn fight(mut u: Unit, hits: Vec<u8>) -> (u8, u8, usize) {
                let _g = Tracker::new("unit");
                let mut n = 0;
                for h in hits {
                    u.hp = u.hp.saturating_sub(leaf("hit", h).await);
                    u.mana = u.mana.saturating_add(h / 2);
                    n += 1;
                    if u.hp == 0 {
                        break;
                    }
                }
                (u.hp, u.mana, n)
            }
        }
    }
    run { pair(fight(Unit { hp: 30, mana: 250 }, vec![10, 15, 100, 1]), fight(Unit { hp: 255, mana: 0 }, vec![1])) }
}

twin! {
    /// An overflow panic in debug arithmetic on awaited `u8` operands with trackers alive
    /// in a struct and a `Vec`.
    p24b_overflow_panic_live_trackers {
        pub struct Ctx {
            pub a: Tracker,
            pub list: Vec<Tracker>,
        }
        lower! {
            pub async fn add(x: u8, y: u8) -> u8 {
                let ctx = Ctx { a: Tracker::new("a"), list: vec![Tracker::new("l1"), Tracker::new("l2")] };
                let x = leaf("x", x).await;
                let _b = Tracker::new("b");
                let s = x + leaf("y", y).await;
                log(format!("{} {}", ctx.a.name(), ctx.list.len()));
                s
            }
        }
    }
    run { pair(add(1, 2), add(200, 100)) }
}

twin! {
    /// Integer casts of awaited values: truncation (`as u8`), sign change (`as i8`,
    /// `as u32` of a negative), float to int saturation (`as i32` of 1e10, NaN).
    p24b_integer_casts_awaited {
        lower! {
            pub async fn casts() -> String {
                let big = leaf("big", 300i32).await;
                let neg = leaf("neg", -1i64).await;
                let f = leaf("f", 1e10f64).await;
                let nan = leaf("nan", f64::NAN).await;
                format!(
                    "{} {} {} {} {} {} {}",
                    big as u8,
                    big as i8,
                    neg as u32,
                    neg as u8 as char,
                    f as i32,
                    nan as u16,
                    (leaf("c", 'A').await as u8 + 2) as char
                )
            }
        }
    }
    run { casts() }
}

twin! {
    /// Division by an awaited zero panics with trackers alive; `checked_rem` for the
    /// safe path first.
    p24b_div_by_zero_panic {
        lower! {
            pub async fn ratio(a: i32, b: i32) -> i32 {
                let _g = Tracker::new("g");
                let safe = a.checked_rem(b).unwrap_or(-1);
                let _h = Tracker::new("h");
                let q = a / leaf("b", b).await;
                q + safe
            }
        }
    }
    run { pair(ratio(7, 2), ratio(7, 0)) }
}

twin! {
    /// Mean, variance and standard deviation of awaited samples with `{:.3}` output and
    /// an empty input handled by an early return.
    p24b_float_stats {
        lower! {
            pub async fn stats(xs: Vec<f64>) -> String {
                if xs.is_empty() {
                    step("empty").await;
                    return "n/a".into();
                }
                let mut sum = 0.0;
                let mut sq = 0.0;
                for x in &xs {
                    let x = leaf("x", *x).await;
                    sum += x;
                    sq += x * x;
                }
                let n = xs.len() as f64;
                let mean = sum / n;
                let var = sq / n - mean * mean;
                format!("mean={mean:.3} var={var:.3} sd={:.3} max={:?}", var.sqrt(), xs.iter().cloned().fold(f64::MIN, f64::max))
            }
        }
    }
    run { pair(stats(vec![1.0, 2.0, 4.0, 8.5]), stats(vec![])) }
}

twin! {
    /// `overflowing_mul` and `overflowing_sub` returning tuples destructured after awaits;
    /// `i32::MIN` negation panics at the end with a tracker alive.
    p24b_overflowing_tuples_and_neg_panic {
        lower! {
            pub async fn f(x: i32) -> (i32, bool, u16, bool) {
                let _g = Tracker::new("g");
                let (m, o1) = leaf("x", x).await.overflowing_mul(1 << 20);
                let (s, o2) = 5u16.overflowing_sub(leaf("s", 7).await);
                if x == i32::MIN {
                    let _h = Tracker::new("h");
                    let n = -leaf("neg", x).await;
                    return (n, o1, s, o2);
                }
                (m, o1, s, o2)
            }
        }
    }
    run { pair(f(3000), f(i32::MIN)) }
}

twin! {
    /// `u8::try_from(x)` with `map_err` to a message and `?`, `i16::try_from` of an
    /// awaited `i64`, `usize` to `u32` conversions.
    p24b_try_from_conversions {
        lower! {
            pub async fn convert(vals: Vec<i64>) -> Result<Vec<u8>, String> {
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for v in vals {
                    let v = leaf("v", v).await;
                    let small = i16::try_from(v).map_err(|e| format!("{v}: {e}"))?;
                    let b = u8::try_from(small).map_err(|_| format!("{small} out of u8"))?;
                    out.push(b);
                }
                let n = u32::try_from(out.len()).unwrap();
                step("len").await;
                log(format!("n={n}"));
                Ok(out)
            }
        }
    }
    run { pair(pair(convert(vec![1, 255]), convert(vec![3, 70000])), convert(vec![-5])) }
}

twin! {
    /// An index out of bounds panic: the index is awaited, trackers in the vector being
    /// indexed and beside it.
    p24b_index_oob_panic_trackers {
        lower! {
            pub async fn pick(i: usize) -> &'static str {
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                let _g = Tracker::new("g");
                let t = &v[leaf("i", i).await];
                step("picked").await;
                t.name()
            }
        }
    }
    run { pair(pick(1), pick(5)) }
}

twin! {
    /// Euclid's gcd and an lcm with `checked_mul`, a loop with an await per iteration and
    /// the remainder computed by `%` on awaited values.
    p24b_gcd_lcm_loop {
        lower! {
            pub async fn gcd(mut a: u64, mut b: u64) -> u64 {
                while b != 0 {
                    let r = leaf("rem", a % b).await;
                    a = b;
                    b = r;
                }
                a
            }
        }
        lower! {
            pub async fn lcm(a: u64, b: u64) -> Option<u64> {
                let _g = Tracker::new("lcm");
                let g = gcd(a, b).await;
                (a / g).checked_mul(b)
            }
        }
    }
    run { pair(lcm(12, 18), lcm(u64::MAX - 1, u64::MAX)) }
}

twin! {
    /// A shift by an awaited amount: `checked_shl` first, then `1u32 << n` which panics in
    /// debug for `n >= 32`; `wrapping_shl` for comparison.
    p24b_shift_overflow_panic {
        lower! {
            pub async fn shift(n: u32) -> (Option<u32>, u32, u32) {
                let _g = Tracker::new("g");
                let n = leaf("n", n).await;
                let c = 1u32.checked_shl(n);
                let w = 1u32.wrapping_shl(n);
                step("shift").await;
                (c, w, 1u32 << n)
            }
        }
    }
    run { pair(shift(4), shift(40)) }
}

twin! {
    /// A fixed-point money type (`i64` cents) with `Display` `{}.{:02}`, sums of awaited
    /// prices with `checked_add`, percentages with rounding.
    p24b_money_fixed_point {
        #[derive(Debug, Clone, Copy)]
        pub struct Cents(pub i64);
        impl fmt::Display for Cents {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let sign = if self.0 < 0 { "-" } else { "" };
                write!(f, "{}${}.{:02}", sign, self.0.abs() / 100, self.0.abs() % 100)
            }
        }
        lower! {
            pub async fn invoice(prices: Vec<i64>, tax_pct: i64) -> Option<String> {
                let mut total = Cents(0);
                for p in prices {
                    total = Cents(total.0.checked_add(leaf("price", p).await)?);
                }
                let tax = Cents((total.0 * tax_pct + 50) / 100);
                step("tax").await;
                Some(format!("{total} + {tax} = {}", Cents(total.0 + tax.0)))
            }
        }
    }
    run { pair(pair(invoice(vec![199, 250, -5], 8), invoice(vec![i64::MAX, 1], 0)), invoice(vec![-1999], 10)) }
}

// ---------------------------------------------------------------------------------------
// Collections between and inside awaits.
// ---------------------------------------------------------------------------------------

twin! {
    /// `*map.entry(k).or_insert(0) += x.await` on a primitive: the awaited right side is
    /// evaluated before the place (key and default logged with `val`).
    p24b_entry_add_assign_awaited_rhs {
        lower! {
            pub async fn tally(items: Vec<(&'static str, u32)>) -> Vec<(&'static str, u32)> {
                let mut map = BTreeMap::new();
                for (k, n) in items {
                    *map.entry(val("key", k)).or_insert(val("default", 0)) += leaf("n", n).await;
                }
                step("done").await;
                map.into_iter().collect()
            }
        }
    }
    run { tally(vec![("a", 1), ("b", 2), ("a", 3)]) }
}

twin! {
    /// `v[i] = x.await` and `v[j] += y.await` with the indices logged by `val`: the
    /// assigned value is evaluated before the place.
    p24b_index_assign_order_awaited {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![0; 4];
                let _g = Tracker::new("g");
                v[val("i", 1)] = leaf("x", 5).await;
                v[val("j", 1)] += leaf("y", 2).await;
                v[leaf("k", 3).await] = leaf("z", 9).await;
                v[leaf("m", 0).await] += leaf("w", 4).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `match map.entry(k) { Entry::Occupied(mut o) => .. await .., Entry::Vacant(v) =>
    /// { v.insert(x.await); } }`: the entry (a borrow of the map) lives across awaits.
    p24b_entry_enum_held_across_await {
        lower! {
            pub async fn upsert(ops: Vec<(&'static str, i32)>) -> Vec<(&'static str, i32)> {
                use std::collections::btree_map::Entry;
                let mut map = BTreeMap::new();
                for (k, d) in ops {
                    match map.entry(k) {
                        Entry::Occupied(mut o) => {
                            let add = leaf("add", d).await;
                            *o.get_mut() += add;
                            if *o.get() == 0 {
                                o.remove();
                            }
                        }
                        Entry::Vacant(v) => {
                            v.insert(leaf("new", d * 10).await);
                        }
                    }
                }
                map.into_iter().collect()
            }
        }
    }
    run { upsert(vec![("a", 1), ("a", 2), ("b", 5), ("b", -50), ("c", 0)]) }
}

twin! {
    /// `entry(k).or_insert_with(|| Tracker::new(..))` values held in a map across awaits,
    /// `and_modify(..).or_insert(..)` counts, the map dropped at the end in key order.
    p24b_entry_or_insert_with_trackers {
        lower! {
            pub async fn sessions(events: Vec<&'static str>) -> Vec<(&'static str, u32)> {
                let mut live = BTreeMap::new();
                let mut counts = BTreeMap::new();
                for who in events {
                    let who = leaf("event", who).await;
                    live.entry(who).or_insert_with(|| Tracker::new(who));
                    counts.entry(who).and_modify(|c| *c += 1).or_insert(1);
                    if who == "bob" {
                        live.remove("ann");
                        step("kick").await;
                    }
                }
                counts.into_iter().collect()
            }
        }
    }
    run { sessions(vec!["ann", "cat", "ann", "bob", "ann"]) }
}

twin! {
    /// `retain` on a `Vec<Tracker>` between awaits, the predicate reading an awaited
    /// threshold; dropped trackers log in `retain` order.
    p24b_retain_trackers_between_awaits {
        lower! {
            pub async fn prune(names: Vec<&'static str>) -> Vec<&'static str> {
                let mut v: Vec<Tracker> = names.into_iter().map(Tracker::new).collect();
                let n = leaf("len", 1).await;
                v.retain(|t| t.name().len() > n);
                step("pruned").await;
                let first = leaf("first", 'b').await;
                v.retain(|t| !t.name().starts_with(first));
                step("again").await;
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { prune(vec!["a", "bb", "cc", "d", "bob", "eve"]) }
}

twin! {
    /// `for t in v.drain(..) { .. await .. }` over trackers: a cancellation at an await
    /// drops the `Drain` (the rest of the elements) and the current binding.
    p24b_drain_loop_trackers_cancel {
        lower! {
            pub async fn consume(mut v: Vec<Tracker>) -> (Vec<&'static str>, usize) {
                let mut seen = Vec::new();
                let _g = Tracker::new("g");
                for t in v.drain(..) {
                    step("item").await;
                    seen.push(t.name());
                }
                v.push(Tracker::new("refill"));
                step("end").await;
                (seen, v.len())
            }
        }
    }
    run { consume(vec![Tracker("a"), Tracker("b"), Tracker("c")]) }
}

twin! {
    /// `drain(1..3)` collected into a new `Vec`, `split_off` and `truncate` on trackers,
    /// `swap_remove` and `insert`, with awaits between each operation.
    p24b_drain_range_split_off_truncate {
        lower! {
            pub async fn shuffle() -> (Vec<&'static str>, Vec<&'static str>, Vec<&'static str>) {
                let mut v: Vec<Tracker> = ["a", "b", "c", "d", "e", "f", "g"].into_iter().map(Tracker::new).collect();
                let mid: Vec<Tracker> = v.drain(1..3).collect();
                step("drained").await;
                let mut tail = v.split_off(3);
                step("split").await;
                tail.truncate(1);
                step("truncated").await;
                let x = v.swap_remove(0);
                v.insert(1, x);
                step("moved").await;
                let names = |w: &Vec<Tracker>| w.iter().map(|t| t.name()).collect::<Vec<_>>();
                (names(&v), names(&mid), names(&tail))
            }
        }
    }
    run { shuffle() }
}

twin! {
    /// `sort_by_key` with a `Reverse` key and `dedup_by_key` on a `Vec<(u32, Tracker)>`
    /// (dedup drops the duplicates' trackers), awaits before and after.
    p24b_sort_by_key_dedup_trackers {
        lower! {
            pub async fn uniq(items: Vec<(u32, &'static str)>) -> Vec<(u32, &'static str)> {
                let mut v: Vec<(u32, Tracker)> = Vec::new();
                for (k, n) in items {
                    v.push((leaf("k", k).await, Tracker::new(n)));
                }
                v.sort_by_key(|(k, _)| std::cmp::Reverse(*k));
                step("sorted").await;
                v.dedup_by_key(|(k, _)| *k);
                step("deduped").await;
                v.iter().map(|(k, t)| (*k, t.name())).collect()
            }
        }
    }
    run { uniq(vec![(2, "a"), (5, "b"), (2, "c"), (5, "d"), (1, "e")]) }
}

twin! {
    /// `windows(3)` moving sums with an await inside the loop, and `windows(2).all(..)`
    /// monotonicity checks after.
    p24b_windows_moving_sum {
        lower! {
            pub async fn smooth(xs: &[i32]) -> (Vec<i32>, bool) {
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for w in xs.windows(3) {
                    let s: i32 = w.iter().sum();
                    out.push(leaf("avg", s / 3).await);
                }
                step("check").await;
                let mono = out.windows(2).all(|p| p[0] <= p[1]);
                (out, mono)
            }
        }
        lower! {
            pub async fn run() -> ((Vec<i32>, bool), (Vec<i32>, bool)) {
                let a = vec![1, 2, 3, 10, 4];
                let r1 = smooth(&a).await;
                let r2 = smooth(&a[..2]).await;
                (r1, r2)
            }
        }
    }
    run { run() }
}

twin! {
    /// `chunks(2)` batches handed to a lowered `process(&[u32])`, `chunks_exact` with its
    /// remainder, enumerated.
    p24b_chunks_batches {
        lower! {
            pub async fn process(batch: &[u32]) -> u32 {
                let _b = Tracker::new("batch");
                step("send").await;
                batch.iter().product()
            }
        }
        lower! {
            pub async fn run(data: Vec<u32>) -> (Vec<(usize, u32)>, Vec<u32>) {
                let mut out = Vec::new();
                for (i, chunk) in data.chunks(2).enumerate() {
                    out.push((i, process(chunk).await));
                }
                let ex = data.chunks_exact(3);
                let rem = ex.remainder().to_vec();
                let mut sums = Vec::new();
                for c in ex {
                    sums.push(leaf("sum", c.iter().sum()).await);
                }
                sums.extend(rem);
                (out, sums)
            }
        }
    }
    run { run(vec![1, 2, 3, 4, 5, 6, 7]) }
}

twin! {
    /// A sorted insert with `binary_search`: `Ok(i)` counts a duplicate, `Err(i)` inserts
    /// the awaited value at `i`.
    p24b_binary_search_sorted_insert {
        lower! {
            pub async fn insert_all(xs: Vec<i32>) -> (Vec<i32>, u32) {
                let mut v = Vec::new();
                let mut dups = 0;
                for x in xs {
                    let x = leaf("x", x).await;
                    match v.binary_search(&x) {
                        Ok(_) => dups += 1,
                        Err(i) => {
                            step("insert").await;
                            v.insert(i, x);
                        }
                    }
                }
                (v, dups)
            }
        }
    }
    run { insert_all(vec![5, 1, 9, 5, 3, 1]) }
}

twin! {
    /// `binary_search_by_key` on a sorted `Vec<(u32, Tracker)>` for a range lookup, the
    /// key awaited, the found element borrowed across another await.
    p24b_binary_search_by_key_borrow {
        lower! {
            pub async fn find(key: u32) -> String {
                let table = vec![(1, Tracker::new("one")), (4, Tracker::new("four")), (9, Tracker::new("nine"))];
                let k = leaf("key", key).await;
                let idx = match table.binary_search_by_key(&k, |(k, _)| *k) {
                    Ok(i) => i,
                    Err(0) => return "below".into(),
                    Err(i) => i - 1,
                };
                let (lo, t) = &table[idx];
                step("found").await;
                format!("{k} -> {lo} {}", t.name())
            }
        }
    }
    run { pair(pair(find(4), find(7)), find(0)) }
}

twin! {
    /// `VecDeque` `rotate_left`, `make_contiguous().sort()`, `front`/`back` reads across
    /// awaits, `drain(..).rev()`.
    p24b_vecdeque_rotate_contiguous {
        lower! {
            pub async fn ring(xs: Vec<u32>) -> (Vec<u32>, Option<u32>, Vec<u32>) {
                let mut d: VecDeque<u32> = xs.into_iter().collect();
                let k = leaf("k", 2).await;
                d.rotate_left(k);
                let snapshot: Vec<u32> = d.iter().copied().collect();
                d.make_contiguous().sort();
                let back = d.back().copied();
                step("sorted").await;
                let mut rev = Vec::new();
                for x in d.drain(..).rev() {
                    rev.push(leaf("x", x).await);
                }
                (snapshot, back, rev)
            }
        }
    }
    run { ring(vec![4, 1, 3, 2]) }
}

twin! {
    /// `HashSet::insert` returning `false` for a duplicate, `continue` on it, awaits for
    /// the new ones; the result is sorted before returning.
    p24b_hashset_seen_continue {
        lower! {
            pub async fn unique(words: Vec<&'static str>) -> Vec<String> {
                let mut seen = HashSet::new();
                let mut out = Vec::new();
                for w in words {
                    let lw = w.to_lowercase();
                    if !seen.insert(lw.clone()) {
                        log(format!("dup {w}"));
                        continue;
                    }
                    let _t = Tracker::new("fetch");
                    out.push(leaf("fetch", lw).await);
                }
                out.sort();
                out
            }
        }
    }
    run { unique(vec!["b", "A", "B", "a", "c"]) }
}

twin! {
    /// `BTreeMap::range` and `range_mut` over a key range with awaits inside the loop,
    /// `first_key_value`/`pop_last`.
    p24b_btreemap_range_mut {
        lower! {
            pub async fn bump(lo: u32, hi: u32) -> (Vec<(u32, i32)>, Option<(u32, i32)>) {
                let mut m: BTreeMap<u32, i32> = (1..=6).map(|k| (k, k as i32 * 10)).collect();
                for (k, v) in m.range_mut(lo..hi) {
                    *v += leaf("delta", *k as i32).await;
                }
                let mut out = Vec::new();
                for (k, v) in m.range(..=lo) {
                    step("read").await;
                    out.push((*k, *v));
                }
                let last = m.pop_last();
                log(format!("first {:?}", m.first_key_value()));
                (out, last)
            }
        }
    }
    run { bump(2, 5) }
}

twin! {
    /// `iter().zip(iter_mut())` across awaits writing into a second vector, then
    /// `iter().rev().enumerate()` with awaits.
    p24b_zip_iter_mut_across_await {
        lower! {
            pub async fn combine(a: Vec<u32>, mut b: Vec<u32>) -> (Vec<u32>, Vec<String>) {
                for (x, y) in a.iter().zip(b.iter_mut()) {
                    *y += leaf("x", *x).await;
                }
                let mut labels = Vec::new();
                for (i, y) in b.iter().rev().enumerate() {
                    step("label").await;
                    labels.push(format!("{i}:{y}"));
                }
                (b, labels)
            }
        }
    }
    run { combine(vec![1, 2, 3], vec![10, 20]) }
}

twin! {
    /// Slots `Vec<Option<Tracker>>` updated with `take`, `replace` and `insert` across
    /// awaits, the taken values dropped at different points.
    p24b_option_slots_take_replace {
        lower! {
            pub async fn slots() -> Vec<Option<&'static str>> {
                let mut s: Vec<Option<Tracker>> = vec![Some(Tracker::new("a")), None, Some(Tracker::new("c"))];
                let taken = s[0].take();
                step("took").await;
                let old = s[2].replace(Tracker::new("c2"));
                step("replaced").await;
                drop(taken);
                let idx = leaf("idx", 1).await;
                let r = s[idx].insert(Tracker::new("b"));
                log(format!("inserted {}", r.name()));
                step("inserted").await;
                log(format!("old {:?}", old));
                s.iter().map(|o| o.as_ref().map(|t| t.name())).collect()
            }
        }
    }
    run { slots() }
}

twin! {
    /// Minimal: `let r = o.insert(3);` (`Option::insert` returns `&mut T`), `r` dead
    /// before the await, `o` read after it.
    p24b_option_insert_min {
        lower! {
            pub async fn f() -> u32 {
                let mut o = None;
                let r = o.insert(3);
                *r += 1;
                step("s").await;
                o.unwrap()
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::take` of a work list, iterated with awaits while new work is pushed into the
    /// (now empty) original, until a round adds nothing.
    p24b_mem_take_worklist_rounds {
        lower! {
            pub async fn expand(start: u32) -> Vec<u32> {
                let mut work = vec![start];
                let mut done = Vec::new();
                let mut rounds = 0;
                while !work.is_empty() {
                    rounds += 1;
                    let _r = Tracker::new("round");
                    for n in mem::take(&mut work) {
                        let n = leaf("n", n).await;
                        done.push(n);
                        if n > 1 {
                            work.push(n / 2);
                            if n % 3 == 0 {
                                work.push(n / 3);
                            }
                        }
                    }
                }
                log(format!("{rounds} rounds"));
                done
            }
        }
    }
    run { expand(12) }
}

twin! {
    /// Group-by into a `BTreeMap<char, Vec<String>>` with `entry().or_default().push(..)`
    /// of a value awaited in the previous statement.
    p24b_group_by_first_letter {
        lower! {
            pub async fn group(words: Vec<&'static str>) -> BTreeMap<char, Vec<String>> {
                let mut g: BTreeMap<char, Vec<String>> = BTreeMap::new();
                for w in words {
                    let up = leaf("up", w.to_uppercase()).await;
                    let first = up.chars().next().unwrap_or('?');
                    g.entry(first).or_default().push(up);
                }
                step("grouped").await;
                for v in g.values_mut() {
                    v.sort();
                }
                g
            }
        }
    }
    run { group(vec!["bob", "ann", "bea", "", "al"]) }
}

twin! {
    /// `iter().position`, `rposition`, `max_by_key`, `min_by` on awaited data, `swap` of
    /// the found indices, `contains` and `starts_with` on slices.
    p24b_slice_search_swap {
        lower! {
            pub async fn arrange(v: Vec<i32>) -> (Vec<i32>, Option<usize>, bool) {
                let mut v = leaf("load", v).await;
                let neg = v.iter().position(|x| *x < 0);
                let big = v.iter().enumerate().max_by_key(|(_, x)| **x).map(|(i, _)| i);
                step("found").await;
                if let (Some(a), Some(b)) = (neg, big) {
                    v.swap(a, b);
                }
                let last_even = v.iter().rposition(|x| x % 2 == 0);
                let ok = v.contains(&7) && v.starts_with(&[leaf("head", 7).await]);
                (v, last_even, ok)
            }
        }
    }
    run { pair(arrange(vec![3, -1, 7, 4]), arrange(vec![1, 3])) }
}

twin! {
    /// `retain_mut` that decrements lifetimes and drops expired particles (trackers),
    /// `extend` with new ones from an awaited `Vec`.
    p24b_retain_mut_particles {
        pub struct Particle {
            pub ttl: u32,
            pub t: Tracker,
        }
        lower! {
            pub async fn simulate(frames: u32) -> Vec<(&'static str, u32)> {
                let mut ps: Vec<Particle> = Vec::new();
                let names = ["p0", "p1", "p2", "p3", "p4", "p5"];
                for f in 0..frames {
                    let spawn = leaf("spawn", vec![f + 1, 1]).await;
                    ps.extend(spawn.into_iter().enumerate().map(|(i, ttl)| Particle { ttl, t: Tracker::new(names[(f as usize * 2 + i) % 6]) }));
                    ps.retain_mut(|p| {
                        p.ttl -= 1;
                        p.ttl > 0
                    });
                    step("frame").await;
                }
                ps.iter().map(|p| (p.t.name(), p.ttl)).collect()
            }
        }
    }
    run { simulate(3) }
}

// ---------------------------------------------------------------------------------------
// Enum state machines: `mem::replace`, `take`, `ref mut`, by-value matches.
// ---------------------------------------------------------------------------------------

twin! {
    /// `enum Conn { Idle, Busy { id, buf }, Closed }` advanced by a lowered method that
    /// takes the old state with `mem::replace(&mut self.state, Conn::Closed)` and matches
    /// it by value, awaiting in the arms.
    p24b_conn_mem_replace_by_value {
        #[derive(Debug)]
        pub enum Conn {
            Idle,
            Busy { id: u32, buf: Vec<u8> },
            Closed,
        }
        pub struct Client {
            pub state: Conn,
            pub guard: Tracker,
        }
        impl Client {
            lower! {
                pub async fn advance(&mut self, byte: u8) -> &'static str {
                    let old = mem::replace(&mut self.state, Conn::Closed);
                    self.state = match old {
                        Conn::Idle => {
                            let id = leaf("connect", byte as u32).await;
                            Conn::Busy { id, buf: Vec::new() }
                        }
                        Conn::Busy { id, mut buf } => {
                            buf.push(leaf("read", byte).await);
                            if buf.len() >= 2 {
                                log(format!("flush {id}: {buf:?}"));
                                Conn::Idle
                            } else {
                                Conn::Busy { id, buf }
                            }
                        }
                        Conn::Closed => {
                            step("closed").await;
                            return "closed";
                        }
                    };
                    "ok"
                }
            }
        }
        lower! {
            pub async fn run(bytes: Vec<u8>) -> (Vec<&'static str>, String) {
                let mut c = Client { state: Conn::Idle, guard: Tracker::new("client") };
                let mut out = Vec::new();
                for b in bytes {
                    out.push(c.advance(b).await);
                }
                (out, format!("{:?}", c.state))
            }
        }
    }
    run { run(vec![7, 1, 2, 9, 3]) }
}

twin! {
    /// `match conn { Conn::Busy { ref mut buf, .. } => buf.push(x.await), .. }` on a
    /// local, then assigning the whole local after the match.
    p24b_conn_ref_mut_binding_push {
        #[derive(Debug)]
        pub enum Conn {
            Idle,
            Busy { id: u32, buf: Vec<u8> },
            Closed,
        }
        lower! {
            pub async fn feed(input: Vec<u8>) -> String {
                let mut conn = Conn::Busy { id: 1, buf: vec![] };
                let _g = Tracker::new("g");
                for b in input {
                    match conn {
                        Conn::Busy { ref mut buf, id } if id < 3 => {
                            buf.push(leaf("byte", b).await);
                            if buf.len() == 2 {
                                conn = Conn::Busy { id: id + 1, buf: vec![] };
                            }
                        }
                        Conn::Busy { .. } => conn = Conn::Closed,
                        Conn::Idle | Conn::Closed => step("ignored").await,
                    }
                }
                format!("{conn:?}")
            }
        }
    }
    run { pair(feed(vec![1, 2, 3]), feed(vec![1, 2, 3, 4, 5, 6, 7])) }
}

twin! {
    /// A machine whose state enum implements `Default`; a lowered `&mut self` method does
    /// `self.state = match mem::take(&mut self.state) { .. }` with trackers in the variants.
    p24b_mem_take_state_default {
        #[derive(Default)]
        pub enum State {
            #[default]
            Empty,
            Loading(Tracker),
            Ready(Tracker, u32),
        }
        pub struct Machine {
            pub state: State,
            pub steps: u32,
        }
        impl Machine {
            lower! {
                pub async fn tick(&mut self) -> bool {
                    self.steps += 1;
                    self.state = match mem::take(&mut self.state) {
                        State::Empty => State::Loading(Tracker::new("loading")),
                        State::Loading(t) => {
                            let v = leaf("load", self.steps * 10).await;
                            log(format!("loaded by {}", t.name()));
                            State::Ready(Tracker::new("ready"), v)
                        }
                        State::Ready(t, v) => {
                            step("consume").await;
                            log(format!("consumed {v}"));
                            drop(t);
                            return false;
                        }
                    };
                    true
                }
            }
        }
        lower! {
            pub async fn run() -> u32 {
                let mut m = Machine { state: State::Empty, steps: 0 };
                while m.tick().await {
                    step("loop").await;
                }
                m.steps
            }
        }
    }
    run { run() }
}

twin! {
    /// `if let Some(t) = self.pending.take() { .. await .. }` on an `Option<Tracker>`
    /// field, and `self.pending = Some(..)` refilled after the await.
    p24b_option_field_take_refill {
        pub struct Worker {
            pub pending: Option<Tracker>,
            pub done: Vec<&'static str>,
        }
        impl Worker {
            lower! {
                pub async fn pump(&mut self, next: Option<&'static str>) {
                    if let Some(t) = self.pending.take() {
                        step("work").await;
                        self.done.push(t.name());
                    }
                    if let Some(n) = next {
                        self.pending = Some(Tracker::new(n));
                        step("queued").await;
                    }
                }
            }
        }
        lower! {
            pub async fn run() -> Vec<&'static str> {
                let mut w = Worker { pending: None, done: vec![] };
                for n in [Some("a"), Some("b"), None, Some("c")] {
                    w.pump(n).await;
                }
                w.done
            }
        }
    }
    run { run() }
}

twin! {
    /// A local `Option<Tracker>` emptied with `.take()` (a `&mut self` method named like an
    /// iterator adaptor), then refilled and read after awaits.
    p24b_local_option_take_then_reuse {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut slot = Some(Tracker::new("first"));
                let mut out = Vec::new();
                let got = slot.take();
                step("took").await;
                out.push(got.map_or("none", |t| t.name()));
                slot = Some(Tracker::new("second"));
                step("refilled").await;
                out.push(slot.as_ref().map_or("none", |t| t.name()));
                if let Some(t) = slot.take() {
                    step("again").await;
                    out.push(t.name());
                }
                out.push(if slot.is_none() { "empty" } else { "full" });
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A traffic light cycling through a `Copy` enum with a `next(self)` method, a phase
    /// duration per state awaited tick by tick.
    p24b_traffic_light_next_self {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Light {
            Red,
            Green,
            Yellow,
        }
        impl Light {
            pub fn next(self) -> Light {
                match self {
                    Light::Red => Light::Green,
                    Light::Green => Light::Yellow,
                    Light::Yellow => Light::Red,
                }
            }
            pub fn secs(self) -> u32 {
                match self {
                    Light::Red => 2,
                    Light::Green => 3,
                    Light::Yellow => 1,
                }
            }
        }
        lower! {
            pub async fn run(cycles: u32) -> Vec<Light> {
                let mut light = Light::Red;
                let mut seen = vec![light];
                let _g = Tracker::new("g");
                for _ in 0..cycles {
                    for _ in 0..light.secs() {
                        step("sec").await;
                    }
                    light = light.next();
                    seen.push(light);
                }
                seen
            }
        }
    }
    run { run(4) }
}

twin! {
    /// A non-`Copy` state enum with a by-value `fn next(self, input) -> Self`: `state =
    /// state.next(x.await)` reassigns the state from an awaited argument.
    p24b_state_next_self_awaited_arg {
        #[derive(Debug)]
        pub enum Door {
            Closed(Tracker),
            Open(Tracker, u32),
            Locked,
        }
        impl Door {
            pub fn next(self, code: u32) -> Door {
                match (self, code) {
                    (Door::Closed(t), 1) => Door::Open(t, 0),
                    (Door::Open(t, n), 0) => Door::Open(t, n + 1),
                    (Door::Open(t, _), _) => Door::Closed(t),
                    (Door::Closed(_), 9) => Door::Locked,
                    (d, _) => d,
                }
            }
        }
        lower! {
            pub async fn run(codes: Vec<u32>) -> String {
                let mut door = Door::Closed(Tracker::new("door"));
                for c in codes {
                    door = door.next(leaf("code", c).await);
                    log(format!("{door:?}"));
                }
                step("end").await;
                format!("{door:?}")
            }
        }
    }
    run { pair(run(vec![1, 0, 0, 5, 2]), run(vec![1, 3, 9, 1])) }
}

twin! {
    /// A pushdown automaton: a `Vec<Frame>` of parser frames, `while let Some(f) =
    /// stack.pop()`, each frame matched by value and maybe pushed back with new data.
    p24b_pushdown_frames_stack {
        #[derive(Debug)]
        pub enum Frame {
            List { items: Vec<u32>, left: u32 },
            Item(u32),
            Guard(Tracker),
        }
        lower! {
            pub async fn run(spec: Vec<u32>) -> Vec<String> {
                let mut stack = vec![Frame::Guard(Tracker::new("bottom")), Frame::List { items: vec![], left: spec.len() as u32 }];
                let mut spec = spec.into_iter();
                let mut out = Vec::new();
                while let Some(frame) = stack.pop() {
                    match frame {
                        Frame::List { mut items, left } if left > 0 => {
                            let x = leaf("next", spec.next().unwrap_or(0)).await;
                            items.push(x);
                            stack.push(Frame::List { items, left: left - 1 });
                            if x % 2 == 0 {
                                stack.push(Frame::Item(x));
                            }
                        }
                        Frame::List { items, .. } => out.push(format!("list {items:?}")),
                        Frame::Item(x) => {
                            step("item").await;
                            out.push(format!("even {x}"));
                        }
                        Frame::Guard(t) => {
                            step("guard").await;
                            out.push(format!("guard {}", t.name()));
                        }
                    }
                }
                out
            }
        }
    }
    run { run(vec![1, 2, 4, 5]) }
}

twin! {
    /// A vending machine enum with data: coins accumulated across awaits, a `match` on a
    /// `(state, event)` tuple by value, refunds computed with `saturating_sub`.
    p24b_vending_machine_tuple_match {
        #[derive(Debug)]
        pub enum Vm {
            Waiting,
            Paying { paid: u32, item: &'static str, price: u32 },
            Vending(&'static str, u32),
        }
        #[derive(Debug, Clone, Copy)]
        pub enum Ev {
            Select(&'static str, u32),
            Coin(u32),
            Cancel,
        }
        lower! {
            pub async fn run(events: Vec<Ev>) -> (Vec<String>, String) {
                let mut vm = Vm::Waiting;
                let mut out = Vec::new();
                for ev in events {
                    let ev = leaf("ev", ev).await;
                    vm = match (vm, ev) {
                        (Vm::Waiting, Ev::Select(item, price)) => Vm::Paying { paid: 0, item, price },
                        (Vm::Paying { paid, item, price }, Ev::Coin(c)) if paid + c >= price => {
                            step("dispense").await;
                            Vm::Vending(item, (paid + c).saturating_sub(price))
                        }
                        (Vm::Paying { paid, item, price }, Ev::Coin(c)) => Vm::Paying { paid: paid + c, item, price },
                        (Vm::Paying { paid, .. }, Ev::Cancel) => {
                            out.push(format!("refund {paid}"));
                            Vm::Waiting
                        }
                        (Vm::Vending(item, change), _) => {
                            out.push(format!("{item} change {change}"));
                            Vm::Waiting
                        }
                        (s, e) => {
                            out.push(format!("ignored {e:?}"));
                            s
                        }
                    };
                }
                (out, format!("{vm:?}"))
            }
        }
    }
    run {
        run(vec![Ev::Coin(5), Ev::Select("tea", 30), Ev::Coin(20), Ev::Coin(20), Ev::Cancel, Ev::Select("gum", 5), Ev::Cancel])
    }
}

twin! {
    /// `if let State::Busy { ref mut count, .. } = st { *count += x.await }` then the
    /// whole state replaced; `matches!` on the state in a `while` condition.
    p24b_ref_mut_if_let_then_replace {
        #[derive(Debug)]
        pub enum St {
            Busy { count: u32, owner: Tracker },
            Idle,
        }
        lower! {
            pub async fn run(limit: u32) -> String {
                let mut st = St::Busy { count: 0, owner: Tracker::new("owner") };
                let mut rounds = 0;
                while matches!(st, St::Busy { .. }) {
                    rounds += 1;
                    if let St::Busy { ref mut count, .. } = st {
                        *count += leaf("inc", 2).await;
                        if *count >= limit {
                            st = St::Idle;
                            step("idle").await;
                        }
                    }
                }
                format!("{rounds} {st:?}")
            }
        }
    }
    run { run(5) }
}

twin! {
    /// A game entity enum with struct variants matched by `&mut` reference with an await
    /// in a guard-free arm and a `break` out of the loop from a by-value arm.
    p24b_entity_match_mut_ref_loop {
        #[derive(Debug)]
        pub enum Entity {
            Walker { x: i32, speed: i32 },
            Spawner { every: u32, count: u32 },
            Dead(Tracker),
        }
        lower! {
            pub async fn run(mut es: Vec<Entity>, frames: u32) -> String {
                for f in 0..frames {
                    let mut spawned = 0;
                    for e in es.iter_mut() {
                        match e {
                            Entity::Walker { x, speed } => {
                                *x += *speed * leaf("dt", 1).await;
                            }
                            Entity::Spawner { every, count } if f % *every == 0 => {
                                *count += 1;
                                spawned += 1;
                                step("spawn").await;
                            }
                            Entity::Spawner { .. } | Entity::Dead(_) => {}
                        }
                    }
                    for _ in 0..spawned {
                        es.push(Entity::Walker { x: 0, speed: 1 });
                    }
                }
                format!("{es:?}")
            }
        }
    }
    run {
        run(vec![Entity::Walker { x: 0, speed: 2 }, Entity::Spawner { every: 2, count: 0 }, Entity::Dead(Tracker("corpse"))], 3)
    }
}

twin! {
    /// A download state machine in a `loop { match state { .. } }` with `continue` and a
    /// `break` value, the states carrying trackers moved from one to the next.
    p24b_download_state_loop_break_value {
        pub enum Dl {
            Start(u32),
            Connecting(u32, Tracker),
            Receiving { conn: Tracker, got: u32, total: u32 },
            Failed(String),
        }
        lower! {
            pub async fn download(size: u32, fail_at: u32) -> Result<u32, String> {
                let mut state = Dl::Start(size);
                let mut polls = 0;
                let r = loop {
                    polls += 1;
                    state = match state {
                        Dl::Start(n) => Dl::Connecting(n, Tracker::new("conn")),
                        Dl::Connecting(n, conn) => {
                            step("handshake").await;
                            Dl::Receiving { conn, got: 0, total: n }
                        }
                        Dl::Receiving { conn, got, total } => {
                            if got >= total {
                                step("fin").await;
                                drop(conn);
                                break Ok(got);
                            }
                            if got == fail_at {
                                Dl::Failed(format!("reset at {got}"))
                            } else {
                                let chunk = leaf("chunk", 4).await;
                                Dl::Receiving { conn, got: got + chunk, total }
                            }
                        }
                        Dl::Failed(e) => break Err(e),
                    };
                };
                log(format!("{polls} polls"));
                r
            }
        }
    }
    run { pair(download(10, 99), download(10, 4)) }
}

twin! {
    /// An enum method `fn is_terminal(&self)` in the loop condition and an `impl` with a
    /// lowered `async fn step(self) -> Self` (state consumed, new state returned).
    p24b_state_async_step_self {
        #[derive(Debug)]
        pub enum Job {
            Queued(u32),
            Running(u32, Tracker),
            Done(u32),
        }
        impl Job {
            pub fn is_terminal(&self) -> bool {
                matches!(self, Job::Done(_))
            }
            lower! {
                pub async fn advance(self) -> Job {
                    match self {
                        Job::Queued(n) => {
                            step("start").await;
                            Job::Running(n, Tracker::new("run"))
                        }
                        Job::Running(n, t) if n > 0 => {
                            let d = leaf("work", 1).await;
                            Job::Running(n - d, t)
                        }
                        Job::Running(_, t) => {
                            step("finish").await;
                            log(format!("done {}", t.name()));
                            Job::Done(7)
                        }
                        d @ Job::Done(_) => d,
                    }
                }
            }
        }
        lower! {
            pub async fn run() -> String {
                let mut j = Job::Queued(2);
                let mut n = 0;
                while !j.is_terminal() {
                    j = j.advance().await;
                    n += 1;
                }
                format!("{j:?} after {n}")
            }
        }
    }
    run { run() }
}

// ---------------------------------------------------------------------------------------
// Loops: labels, `break 'outer value`, `while let` on stacks, `loop { match }` with guards.
// ---------------------------------------------------------------------------------------

twin! {
    /// A grid search: `let found = 'outer: loop { for .. { for .. { if x.await == t {
    /// break 'outer Some((r, c)); } } } break None; }` with a tracker per row.
    p24b_labelled_grid_search_break_value {
        lower! {
            pub async fn find(grid: Vec<Vec<u32>>, target: u32) -> Option<(usize, usize)> {
                let _g = Tracker::new("search");
                let found = 'outer: loop {
                    for (r, row) in grid.iter().enumerate() {
                        let _row = Tracker::new("row");
                        for (c, cell) in row.iter().enumerate() {
                            if leaf("cell", *cell).await == target {
                                break 'outer Some((r, c));
                            }
                        }
                    }
                    break None;
                };
                step("found").await;
                found
            }
        }
    }
    run { pair(find(vec![vec![1, 2], vec![3, 4]], 3), find(vec![vec![1]], 9)) }
}

twin! {
    /// `continue 'rows` from an inner loop when a cell is negative, sums awaited per
    /// cell, a tracker in the outer loop body.
    p24b_labelled_continue_rows {
        lower! {
            pub async fn row_sums(grid: Vec<Vec<i32>>) -> Vec<i32> {
                let mut sums = Vec::new();
                'rows: for row in grid {
                    let _t = Tracker::new("row");
                    let mut s = 0;
                    for c in row {
                        if c < 0 {
                            step("skip").await;
                            continue 'rows;
                        }
                        s += leaf("c", c).await;
                    }
                    sums.push(s);
                }
                sums
            }
        }
    }
    run { row_sums(vec![vec![1, 2], vec![3, -1, 5], vec![], vec![7]]) }
}

twin! {
    /// Depth-first search with `while let Some(n) = stack.pop()`, a visited `BTreeSet`,
    /// neighbours from an adjacency map fetched by await.
    p24b_dfs_stack_visited {
        lower! {
            pub async fn dfs(edges: Vec<(u32, u32)>, start: u32) -> Vec<u32> {
                let mut adj: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
                for (a, b) in edges {
                    adj.entry(a).or_default().push(b);
                    adj.entry(b).or_default().push(a);
                }
                let mut seen = BTreeSet::new();
                let mut order = Vec::new();
                let mut stack = vec![start];
                while let Some(n) = stack.pop() {
                    if !seen.insert(n) {
                        continue;
                    }
                    order.push(leaf("visit", n).await);
                    if let Some(ns) = adj.get(&n) {
                        for &m in ns.iter().rev() {
                            if !seen.contains(&m) {
                                stack.push(m);
                            }
                        }
                    }
                }
                order
            }
        }
    }
    run { dfs(vec![(1, 2), (1, 3), (2, 4), (3, 4), (4, 5)], 1) }
}

twin! {
    /// Breadth-first search over a `VecDeque` with distances in a `BTreeMap`, the queue
    /// holding `(node, Tracker)` pairs whose trackers drop as they are processed.
    p24b_bfs_queue_trackers {
        lower! {
            pub async fn bfs(n: u32) -> Vec<(u32, u32)> {
                let names = ["n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9"];
                let mut dist = BTreeMap::new();
                let mut q = VecDeque::new();
                dist.insert(1, 0);
                q.push_back((1, Tracker::new(names[1])));
                while let Some((x, _t)) = q.pop_front() {
                    let d = dist[&x];
                    for y in [x * 2, x + 3] {
                        if y <= n && !dist.contains_key(&y) {
                            step("edge").await;
                            dist.insert(y, d + 1);
                            q.push_back((y, Tracker::new(names[y as usize])));
                        }
                    }
                }
                dist.into_iter().collect()
            }
        }
    }
    run { bfs(9) }
}

twin! {
    /// `loop { match q.pop_front() { Some(x) if pred(x).await => .., Some(x) => .., None
    /// => break } }`: an await inside a match guard.
    p24b_loop_match_await_in_guard {
        lower! {
            pub async fn is_even(x: u32) -> bool {
                step("check").await;
                x % 2 == 0
            }
        }
        lower! {
            pub async fn split(xs: Vec<u32>) -> (Vec<u32>, Vec<u32>) {
                let mut q: VecDeque<u32> = xs.into();
                let (mut even, mut odd) = (Vec::new(), Vec::new());
                let _g = Tracker::new("g");
                loop {
                    match q.pop_front() {
                        Some(x) if is_even(x).await => even.push(x),
                        Some(x) if x > 100 => break,
                        Some(x) => odd.push(leaf("odd", x).await),
                        None => break,
                    }
                }
                (even, odd)
            }
        }
    }
    run { pair(split(vec![1, 2, 3, 4]), split(vec![2, 101, 4])) }
}

twin! {
    /// A labelled block `'blk: { .. break 'blk v; .. }` with awaits before and inside the
    /// breaking branch, trackers declared inside the block.
    p24b_labelled_block_break_value {
        lower! {
            pub async fn classify(n: i32) -> &'static str {
                let _g = Tracker::new("g");
                let kind = 'blk: {
                    let _t = Tracker::new("blk");
                    if leaf("neg", n < 0).await {
                        break 'blk "negative";
                    }
                    if n == 0 {
                        step("zero").await;
                        break 'blk "zero";
                    }
                    let big = leaf("big", n > 100).await;
                    if big { "big" } else { "small" }
                };
                step("after").await;
                kind
            }
        }
    }
    run { pair(pair(classify(-3), classify(0)), pair(classify(5), classify(500))) }
}

twin! {
    /// `while leaf(..).await { .. }` with the condition awaited each time and a `break`
    /// from the body; the counter read after.
    p24b_while_awaited_condition {
        lower! {
            pub async fn count_until(limit: u32, stop: u32) -> u32 {
                let mut i = 0;
                let _g = Tracker::new("g");
                while leaf("more", i < limit).await {
                    i += 1;
                    if i == stop {
                        let _s = Tracker::new("stop");
                        step("stopping").await;
                        break;
                    }
                }
                i
            }
        }
    }
    run { pair(count_until(3, 9), count_until(9, 2)) }
}

twin! {
    /// `let t = loop { let t = Tracker::new(..); if x.await { break t; } };`: a tracker
    /// moved out by `break` while the others drop at the end of their iteration.
    p24b_loop_break_tracker_value {
        lower! {
            pub async fn pick(stop: usize) -> &'static str {
                let names = ["a", "b", "c", "d"];
                let mut i = 0;
                let t = loop {
                    let t = Tracker::new(names[i]);
                    if leaf("ok", i == stop).await {
                        break t;
                    }
                    i += 1;
                };
                step("got").await;
                t.name()
            }
        }
    }
    run { pick(2) }
}

twin! {
    /// `for x in fetch_all().await { .. }` iterating an awaited `Vec<Tracker>` with an
    /// early `return` in the middle.
    p24b_for_over_awaited_vec_early_return {
        lower! {
            pub async fn fetch_all() -> Vec<Tracker> {
                step("fetch").await;
                vec![Tracker::new("r1"), Tracker::new("r2"), Tracker::new("r3")]
            }
        }
        lower! {
            pub async fn first_long(min: usize) -> Option<&'static str> {
                let _g = Tracker::new("g");
                for t in fetch_all().await {
                    step("check").await;
                    if t.name().len() >= min {
                        return Some(t.name());
                    }
                }
                None
            }
        }
    }
    run { pair(first_long(2), first_long(5)) }
}

twin! {
    /// `for i in leaf(a).await..leaf(b).await` and `(0..n).rev().step_by(2)` ranges with
    /// awaited bounds.
    p24b_awaited_range_bounds {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut out = Vec::new();
                for i in leaf("lo", 2).await..leaf("hi", 5).await {
                    out.push(i);
                }
                for i in (0..leaf("n", 7).await).rev().step_by(3) {
                    out.push(leaf("i", i * 10).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A manual `let Some(x) = it.next() else { break }` loop with `continue` after an
    /// await and a `break` with no value.
    p24b_let_else_break_manual_iter {
        lower! {
            pub async fn evens(v: Vec<u32>) -> Vec<u32> {
                let mut it = v.iter();
                let mut out = Vec::new();
                loop {
                    let Some(x) = it.next() else { break };
                    let x = leaf("x", *x).await;
                    if x % 2 == 1 {
                        step("odd").await;
                        continue;
                    }
                    if x > 10 {
                        break;
                    }
                    out.push(x);
                }
                out
            }
        }
    }
    run { evens(vec![1, 2, 4, 5, 12, 6]) }
}

twin! {
    /// Nested `while let` on two stacks (Tower-of-Hanoi style moves), a move count and a
    /// `return` from the inner loop.
    p24b_nested_while_let_two_stacks {
        lower! {
            pub async fn shuffle(mut a: Vec<u32>, limit: usize) -> (Vec<u32>, Vec<u32>, usize) {
                let mut b = Vec::new();
                let mut moves = 0;
                while let Some(x) = a.pop() {
                    while let Some(&top) = b.last() {
                        if top >= x {
                            break;
                        }
                        a.push(b.pop().unwrap());
                        moves += 1;
                        step("back").await;
                        if moves >= limit {
                            return (a, b, moves);
                        }
                    }
                    b.push(leaf("x", x).await);
                }
                (a, b, moves)
            }
        }
    }
    run { pair(shuffle(vec![3, 1, 2], 99), shuffle(vec![1, 2, 3, 4], 2)) }
}

twin! {
    /// `continue` from a `match` arm after an await, a `break` from a guard arm, and a
    /// counter in a `loop` whose body has a tracker.
    p24b_continue_in_match_arm_after_await {
        lower! {
            pub async fn process(cmds: Vec<&'static str>) -> (u32, Vec<&'static str>) {
                let mut n = 0;
                let mut kept = Vec::new();
                let mut it = cmds.into_iter();
                loop {
                    let _t = Tracker::new("iter");
                    let c = match it.next() {
                        Some(c) => c,
                        None => break,
                    };
                    match c {
                        "skip" => {
                            step("skipping").await;
                            continue;
                        }
                        "stop" if n > 0 => break,
                        other => {
                            n += leaf("n", 1).await;
                            kept.push(other);
                        }
                    }
                }
                (n, kept)
            }
        }
    }
    run { pair(process(vec!["a", "skip", "stop", "b", "stop", "c"]), process(vec!["stop", "x"])) }
}

twin! {
    /// A `'retry:` labelled loop around a `for` over steps: a failed step `continue
    /// 'retry`s the whole sequence with one more attempt counted.
    p24b_labelled_retry_whole_sequence {
        lower! {
            pub async fn run(fail_once: Vec<u32>) -> (u32, Vec<u32>) {
                let mut failed = fail_once;
                let mut attempts = 0;
                let mut done = Vec::new();
                'retry: loop {
                    attempts += 1;
                    done.clear();
                    let _a = Tracker::new("attempt");
                    for s in 1..=3 {
                        let ok = leaf("step", !failed.contains(&s)).await;
                        if !ok {
                            failed.retain(|f| *f != s);
                            continue 'retry;
                        }
                        done.push(s);
                    }
                    break;
                }
                (attempts, done)
            }
        }
    }
    run { run(vec![2, 3]) }
}

twin! {
    /// A `loop` whose `match` on an awaited command has arms returning from the fn, an
    /// arm breaking with a value and an arm awaiting in a nested `if let`.
    p24b_loop_match_awaited_scrutinee_returns {
        #[derive(Debug, Clone, Copy)]
        pub enum Cmd {
            Push(u32),
            Pop,
            Peek,
            Quit,
        }
        lower! {
            pub async fn machine(cmds: Vec<Cmd>) -> Result<Vec<u32>, String> {
                let mut stack = Vec::new();
                let mut i = 0;
                let seen = loop {
                    let cmd = cmds.get(i).copied();
                    i += 1;
                    match leaf("cmd", cmd).await {
                        Some(Cmd::Push(x)) => stack.push(x),
                        Some(Cmd::Pop) => {
                            if stack.pop().is_none() {
                                return Err(format!("pop on empty at {i}"));
                            }
                        }
                        Some(Cmd::Peek) => {
                            if let Some(top) = stack.last() {
                                step("peek").await;
                                log(format!("top {top}"));
                            }
                        }
                        Some(Cmd::Quit) | None => break i,
                    }
                };
                log(format!("seen {seen}"));
                Ok(stack)
            }
        }
    }
    run {
        pair(
            machine(vec![Cmd::Push(1), Cmd::Peek, Cmd::Push(2), Cmd::Pop, Cmd::Quit, Cmd::Pop]),
            machine(vec![Cmd::Push(1), Cmd::Pop, Cmd::Pop]),
        )
    }
}

twin! {
    /// Nested labelled loops where the inner `break 'outer` carries a tracker out as the
    /// loop's value, and the other trackers of both iterations drop.
    p24b_break_outer_with_tracker {
        lower! {
            pub async fn find(target: u32) -> Option<&'static str> {
                let names = ["x0", "x1", "x2", "x3", "x4", "x5"];
                let mut i = 0;
                let t = 'outer: loop {
                    let _o = Tracker::new("outer");
                    for _ in 0..2 {
                        let t = Tracker::new(names[i]);
                        i += 1;
                        if leaf("hit", i as u32 == target).await {
                            break 'outer Some(t);
                        }
                        if i == names.len() {
                            break 'outer None;
                        }
                    }
                };
                step("done").await;
                t.map(|t| t.name())
            }
        }
    }
    run { pair(find(3), find(9)) }
}

twin! {
    /// Consuming the first tokens of an iterator with `by_ref().take(n)`, awaiting, then
    /// counting what is left of the same iterator (`count` takes it by value).
    p24b_by_ref_take_then_count_rest {
        lower! {
            pub async fn header_and_rest(line: &str, n: usize) -> (Vec<String>, usize) {
                let mut words = line.split_whitespace();
                let head: Vec<String> = words.by_ref().take(n).map(str::to_uppercase).collect();
                step("header").await;
                let rest = words.count();
                (head, rest)
            }
        }
    }
    run { header_and_rest("GET /x HTTP/1.1 extra words", 2) }
}

twin! {
    /// Minimal: `it.by_ref().take(2).count()`, an await, then `it.count()`.
    p24b_by_ref_count_min {
        lower! {
            pub async fn f() -> usize {
                let v = vec![1, 2, 3];
                let mut it = v.iter();
                let n = it.by_ref().take(2).count();
                step("s").await;
                n + it.count()
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0507): an iterator lent by `by_ref()` to a `for` loop with an await in its body is kept in a frame slot; a later by-value `count()`/`last()` cannot move it out of the slot.
#[cfg(feature = "known-gaps")]
twin! {
    /// A `while let Some(tok) = tokens.next()` parser with `tokens.by_ref()` handed to a
    /// nested `for` that stops at `)`, awaits in both loops, the rest counted after.
    p24b_by_ref_nested_group_loop {
        lower! {
            pub async fn groups(src: &str) -> (Vec<String>, usize) {
                let mut tokens = src.split(' ');
                let mut out = Vec::new();
                while let Some(tok) = tokens.next() {
                    if tok == "(" {
                        let mut inner = Vec::new();
                        for t in tokens.by_ref() {
                            if t == ")" {
                                break;
                            }
                            inner.push(leaf("inner", t).await);
                        }
                        out.push(inner.join("+"));
                    } else if tok == "end" {
                        break;
                    } else {
                        step("atom").await;
                        out.push(tok.to_string());
                    }
                }
                (out, tokens.count())
            }
        }
    }
    run { groups("a ( b c ) d end e f") }
}

// ---------------------------------------------------------------------------------------
// Everyday code: shared state, closures, caches, components, panics.
// ---------------------------------------------------------------------------------------

twin! {
    /// JavaScript-style shared state: an `Rc<RefCell<State>>` cloned into callbacks
    /// (boxed closures) invoked between awaits; `borrow_mut().n += x.await`.
    p24b_rc_refcell_callbacks {
        pub struct State {
            pub n: u32,
            pub events: Vec<String>,
        }
        lower! {
            pub async fn run(xs: Vec<u32>) -> (u32, Vec<String>, usize) {
                let state = std::rc::Rc::new(std::cell::RefCell::new(State { n: 0, events: vec![] }));
                let s2 = std::rc::Rc::clone(&state);
                let on_event: Box<dyn Fn(&str)> = Box::new(move |e| s2.borrow_mut().events.push(e.to_string()));
                for x in xs {
                    state.borrow_mut().n += leaf("x", x).await;
                    on_event(&format!("added {x}"));
                }
                step("done").await;
                let rc = std::rc::Rc::strong_count(&state);
                drop(on_event);
                let s = state.borrow();
                (s.n, s.events.clone(), rc)
            }
        }
    }
    run { run(vec![1, 2, 3]) }
}

twin! {
    /// A parent/child tree with `Rc` and `Weak`: a child upgrades its parent across awaits,
    /// the parent dropped in between for the second child.
    p24b_weak_parent_upgrade {
        pub struct Node {
            pub name: &'static str,
            pub _t: Tracker,
        }
        lower! {
            pub async fn run() -> Vec<Option<&'static str>> {
                let parent = std::rc::Rc::new(Node { name: "root", _t: Tracker::new("root") });
                let weak = std::rc::Rc::downgrade(&parent);
                let mut out = Vec::new();
                step("a").await;
                out.push(weak.upgrade().map(|p| p.name));
                drop(parent);
                step("b").await;
                out.push(weak.upgrade().map(|p| p.name));
                out
            }
        }
    }
    run { run() }
}

twin! {
    /// A closure called with an awaited argument (`fmt(leaf(..).await)`), a closure
    /// borrowing a tracker across an await, and a `move` closure owning a tracker called
    /// after an await.
    p24b_closures_around_awaits {
        lower! {
            pub async fn f() -> (String, usize, &'static str) {
                let fmt = |x: u32| format!("<{x}>");
                let a = fmt(leaf("a", 3).await);
                let t = Tracker::new("borrowed");
                let len = || t.name().len();
                step("mid").await;
                let b = len();
                let owned = Tracker::new("owned");
                let name = move || owned.name();
                step("late").await;
                (a, b, name())
            }
        }
    }
    run { f() }
}

twin! {
    /// `sort_by_key` with a closure that reads an awaited modulus, then `sort_by` with a
    /// closure comparing by a derived key and `then_with`.
    p24b_sort_closure_awaited_key {
        lower! {
            pub async fn order(mut v: Vec<u32>) -> (Vec<u32>, Vec<u32>) {
                let m = leaf("mod", 3).await;
                v.sort_by_key(|x| (x % m, *x));
                let first = v.clone();
                step("resort").await;
                let w = leaf("weight", 2).await;
                v.sort_by(|a, b| (b * w % 7).cmp(&(a * w % 7)).then_with(|| a.cmp(b)));
                (first, v)
            }
        }
    }
    run { order(vec![5, 3, 9, 1, 4, 6]) }
}

twin! {
    /// Normalizing text into a `Cow<str>`: `to_mut()` only when a tab must be replaced,
    /// then an await, then `into_owned`.
    p24b_cow_to_mut_normalize {
        lower! {
            pub async fn normalize(s: &str) -> (bool, String) {
                let mut c = std::borrow::Cow::Borrowed(s);
                if s.contains('\t') {
                    let m = c.to_mut();
                    *m = m.replace('\t', "    ");
                }
                step("normalized").await;
                let owned = matches!(c, std::borrow::Cow::Owned(_));
                (owned, c.into_owned())
            }
        }
    }
    run { pair(normalize("a\tb"), normalize("plain")) }
}

twin! {
    /// A `Cow<str>` line made owned with `to_mut()` and extended with an awaited suffix
    /// while the `&mut String` is live, then measured after another await.
    p24b_cow_to_mut_append_awaited {
        lower! {
            pub async fn shout(raw: &str) -> (usize, String) {
                let mut line = std::borrow::Cow::Borrowed(raw);
                let buf = line.to_mut();
                buf.push_str(&leaf("suffix", "!".to_string()).await);
                buf.make_ascii_uppercase();
                step("done").await;
                (line.len(), line.into_owned())
            }
        }
    }
    run { shout("hey") }
}

twin! {
    /// Minimal: `let m = c.to_mut();` on a local `Cow<str>`, `m` dead before the await,
    /// `c` read after it.
    p24b_cow_to_mut_min {
        lower! {
            pub async fn f() -> usize {
                let mut c = std::borrow::Cow::Borrowed("ab");
                let m = c.to_mut();
                m.push('c');
                step("s").await;
                c.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A lazily opened connection kept in an `Option` field: `let conn = self.conn.insert(
    /// open().await)` (Option::insert returns `&mut`) used after a handshake await, then
    /// the field read after another await.
    p24b_option_insert_lazy_connection {
        pub struct Conn {
            pub id: u32,
            pub _t: Tracker,
        }
        pub struct Client {
            pub conn: Option<Conn>,
            pub sent: u32,
        }
        lower! {
            pub async fn open(id: u32) -> Conn {
                step("dial").await;
                Conn { id, _t: Tracker::new("conn") }
            }
        }
        impl Client {
            lower! {
                pub async fn send(&mut self, n: u32) -> u32 {
                    if self.conn.is_none() {
                        let conn = self.conn.insert(open(n).await);
                        step("handshake").await;
                        log(format!("opened {}", conn.id));
                    }
                    step("write").await;
                    self.sent += n;
                    self.conn.as_ref().map_or(0, |c| c.id)
                }
            }
        }
        lower! {
            pub async fn run() -> (Vec<u32>, u32) {
                let mut c = Client { conn: None, sent: 0 };
                let mut ids = Vec::new();
                for n in [7, 8] {
                    ids.push(c.send(n).await);
                }
                (ids, c.sent)
            }
        }
    }
    run { run() }
}

twin! {
    /// A local `Option<Vec<u32>>` cache filled with `Option::insert` (or reborrowed by a
    /// `ref mut` arm), the returned `&mut Vec` used after an await; the cache read again
    /// after the loop.
    p24b_option_insert_local_cache {
        lower! {
            pub async fn run(xs: Vec<u32>) -> usize {
                let mut cache = None;
                let _g = Tracker::new("g");
                for x in xs {
                    let v = match cache {
                        Some(ref mut v) => v,
                        None => cache.insert(Vec::new()),
                    };
                    step("fetch").await;
                    v.push(x);
                }
                cache.map_or(0, |v| v.len())
            }
        }
    }
    run { run(vec![4, 5, 6]) }
}

twin! {
    /// A memo table: `match memo.entry(k) { Occupied(o) => *o.get(), Vacant(e) => { let
    /// slot = e.insert(0); for .. { *slot += x.await } *slot } }` (`VacantEntry::insert`
    /// takes the entry by value and returns `&mut V`).
    p24b_vacant_entry_insert_slot {
        lower! {
            pub async fn sums(keys: Vec<u32>) -> Vec<u32> {
                use std::collections::btree_map::Entry;
                let mut memo = BTreeMap::new();
                let mut out = Vec::new();
                for k in keys {
                    let v = match memo.entry(k) {
                        Entry::Occupied(o) => *o.get(),
                        Entry::Vacant(e) => {
                            let slot = e.insert(0);
                            for i in 0..k {
                                *slot += leaf("term", i).await;
                            }
                            *slot
                        }
                    };
                    out.push(v);
                }
                out
            }
        }
    }
    run { sums(vec![3, 4, 3]) }
}

twin! {
    /// Minimal: `let s = v.insert(0);` on a `VacantEntry` bound by a `match` arm (the
    /// method takes the entry by value), `s` used across an await.
    p24b_vacant_insert_min {
        lower! {
            pub async fn f() -> u32 {
                use std::collections::btree_map::Entry;
                let mut m = BTreeMap::new();
                match m.entry(1) {
                    Entry::Vacant(v) => {
                        let s = v.insert(0);
                        step("s").await;
                        *s += 1;
                        *s
                    }
                    Entry::Occupied(o) => *o.get(),
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// An entity-component game loop: components stored as `Vec<Box<dyn Any>>`, updated
    /// with `downcast_mut::<Pos>()` and read with `downcast_ref::<Name>()`, awaiting the
    /// physics input while the component reference is live.
    p24b_ecs_any_downcast_components {
        #[derive(Debug)]
        pub struct Pos {
            pub x: i32,
            pub y: i32,
        }
        pub struct Name(pub &'static str);
        lower! {
            pub async fn update(mut comps: Vec<Box<dyn std::any::Any>>) -> Vec<String> {
                let mut out = Vec::new();
                for c in comps.iter_mut() {
                    if let Some(p) = c.downcast_mut::<Pos>() {
                        p.x += leaf("vx", 2).await;
                        p.y -= 1;
                        out.push(format!("{p:?}"));
                    } else if let Some(n) = c.downcast_ref::<Name>() {
                        step("name").await;
                        out.push(n.0.to_string());
                    }
                }
                out
            }
        }
    }
    run { update(vec![Box::new(Pos { x: 0, y: 0 }), Box::new(Name("hero")), Box::new(5u8)]) }
}

twin! {
    /// A user `Iterator` impl (a countdown) iterated by `for` with awaits, and the same
    /// iterator's adaptors (`filter`, `map`) in a second loop.
    p24b_user_iterator_impl_for {
        pub struct Countdown {
            pub n: u32,
            pub _t: Tracker,
        }
        impl Iterator for Countdown {
            type Item = u32;
            fn next(&mut self) -> Option<u32> {
                if self.n == 0 {
                    None
                } else {
                    self.n -= 1;
                    Some(self.n + 1)
                }
            }
        }
        lower! {
            pub async fn run() -> Vec<u32> {
                let mut out = Vec::new();
                for x in (Countdown { n: 3, _t: Tracker::new("cd1") }) {
                    out.push(leaf("x", x).await);
                }
                let cd = Countdown { n: 6, _t: Tracker::new("cd2") };
                for y in cd.filter(|v| v % 2 == 0).map(|v| v * 10) {
                    step("y").await;
                    out.push(y);
                }
                out
            }
        }
    }
    run { run() }
}

twin! {
    /// An LRU cache over a `VecDeque<(key, Tracker)>`: `get` moves the entry to the back
    /// (`remove` + `push_back`), `put` evicts from the front when full.
    p24b_lru_cache_vecdeque_trackers {
        pub struct Lru {
            pub cap: usize,
            pub items: VecDeque<(u32, Tracker)>,
        }
        impl Lru {
            pub fn touch(&mut self, k: u32) -> bool {
                if let Some(i) = self.items.iter().position(|(key, _)| *key == k) {
                    let e = self.items.remove(i).unwrap();
                    self.items.push_back(e);
                    true
                } else {
                    false
                }
            }
        }
        lower! {
            pub async fn run(ops: Vec<u32>) -> (Vec<bool>, Vec<u32>) {
                let names = ["k0", "k1", "k2", "k3", "k4", "k5"];
                let mut lru = Lru { cap: 2, items: VecDeque::new() };
                let mut hits = Vec::new();
                for k in ops {
                    let k = leaf("op", k).await;
                    let hit = lru.touch(k);
                    hits.push(hit);
                    if !hit {
                        if lru.items.len() == lru.cap {
                            let (old, t) = lru.items.pop_front().unwrap();
                            step("evict").await;
                            log(format!("evicted {old} {}", t.name()));
                        }
                        lru.items.push_back((k, Tracker::new(names[k as usize])));
                    }
                }
                (hits, lru.items.iter().map(|(k, _)| *k).collect())
            }
        }
    }
    run { run(vec![1, 2, 1, 3, 2, 4]) }
}

twin! {
    /// A token-bucket rate limiter: tokens refilled per awaited tick with `min`, requests
    /// admitted or rejected, `saturating_sub` on the bucket.
    p24b_token_bucket_rate_limiter {
        lower! {
            pub async fn limit(reqs: Vec<u32>, cap: u32, refill: u32) -> Vec<bool> {
                let mut tokens = cap;
                let mut out = Vec::new();
                for cost in reqs {
                    step("tick").await;
                    tokens = (tokens + refill).min(cap);
                    let ok = tokens >= cost;
                    if ok {
                        tokens = tokens.saturating_sub(leaf("cost", cost).await);
                    }
                    out.push(ok);
                }
                out
            }
        }
    }
    run { limit(vec![3, 3, 1, 5, 2], 5, 1) }
}

twin! {
    /// A debouncer: events with timestamps awaited one by one, only those followed by a
    /// quiet gap are emitted; the pending one held in an `Option<(u32, Tracker)>`.
    p24b_debounce_pending_option {
        lower! {
            pub async fn debounce(events: Vec<(u32, &'static str)>, gap: u32) -> Vec<&'static str> {
                let mut out = Vec::new();
                let mut pending: Option<(u32, Tracker)> = None;
                for (at, name) in events {
                    let at = leaf("event", at).await;
                    if let Some((t0, ev)) = pending.take() {
                        if at - t0 >= gap {
                            out.push(ev.name());
                        } else {
                            log(format!("dropped {}", ev.name()));
                        }
                    }
                    pending = Some((at, Tracker::new(name)));
                }
                step("flush").await;
                if let Some((_, ev)) = pending {
                    out.push(ev.name());
                }
                out
            }
        }
    }
    run { debounce(vec![(0, "a"), (1, "b"), (5, "c"), (6, "d"), (20, "e")], 3) }
}

twin! {
    /// LINQ-like chains: `filter` + `map` to borrowed names collected into a `Vec<&str>`
    /// held across awaits, `group` counts with `fold`, `any`/`all`.
    p24b_linq_like_chains_borrowed {
        pub struct Person {
            pub name: String,
            pub age: u32,
        }
        lower! {
            pub async fn report(people: Vec<Person>) -> (Vec<String>, u32, bool) {
                let adults: Vec<&str> = people.iter().filter(|p| p.age >= 18).map(|p| p.name.as_str()).collect();
                step("filtered").await;
                let mut shown = Vec::new();
                for n in &adults {
                    shown.push(leaf("name", n.to_uppercase()).await);
                }
                let total = people.iter().fold(0, |acc, p| acc + p.age);
                let all_named = people.iter().all(|p| !p.name.is_empty());
                (shown, total, all_named && adults.len() > 1)
            }
        }
    }
    run {
        report(vec![
            Person { name: "ann".into(), age: 31 },
            Person { name: "tim".into(), age: 12 },
            Person { name: "zoe".into(), age: 18 },
        ])
    }
}

twin! {
    /// A Python dict comprehension ported: `keys.iter().zip(values).collect::<BTreeMap<_,
    /// _>>()` of awaited vectors, then `{k: v for k, v in d.items() if v > 1}`.
    p24b_dict_comprehension_zip {
        lower! {
            pub async fn build() -> BTreeMap<&'static str, u32> {
                let keys = leaf("keys", vec!["a", "b", "c"]).await;
                let values = leaf("values", vec![1, 2, 3]).await;
                let d: BTreeMap<_, _> = keys.iter().copied().zip(values).collect();
                step("built").await;
                d.into_iter().filter(|(_, v)| *v > 1).map(|(k, v)| (k, v * v)).collect()
            }
        }
    }
    run { build() }
}

twin! {
    /// `Array.prototype.reduce` ported as `fold` with an awaited initial value, then a
    /// `for` loop doing the same reduction with an await per element.
    p24b_reduce_fold_awaited_init {
        lower! {
            pub async fn total(xs: Vec<i64>) -> (i64, i64) {
                let a = xs.iter().fold(leaf("init", 100).await, |acc, x| acc - x);
                let mut b = leaf("init2", 0).await;
                for x in &xs {
                    b = b * 2 + leaf("x", *x).await;
                }
                (a, b)
            }
        }
    }
    run { total(vec![1, 2, 3]) }
}

twin! {
    /// Letter counts in a `[u32; 26]` array indexed by `(c as u8 - b'a') as usize`, an
    /// await per character, the top letters formatted.
    p24b_letter_counts_array_index {
        lower! {
            pub async fn letters(s: &str) -> String {
                let mut counts = [0u32; 26];
                for c in s.chars().filter(|c| c.is_ascii_lowercase()) {
                    let c = leaf("c", c).await;
                    counts[(c as u8 - b'a') as usize] += 1;
                }
                let mut top: Vec<(char, u32)> = counts.iter().enumerate().filter(|(_, n)| **n > 0).map(|(i, n)| ((b'a' + i as u8) as char, *n)).collect();
                top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                top.iter().map(|(c, n)| format!("{c}{n}")).collect::<Vec<_>>().join(",")
            }
        }
    }
    run { letters("hello world") }
}

twin! {
    /// A guess-the-number binary search against an awaited oracle, `lo`/`hi` updated in a
    /// `loop` with `match guess.cmp(&secret)` arms.
    p24b_guess_number_cmp_loop {
        lower! {
            pub async fn oracle(g: u32, secret: u32) -> std::cmp::Ordering {
                step("ask").await;
                g.cmp(&secret)
            }
        }
        lower! {
            pub async fn guess(secret: u32) -> (u32, u32) {
                let (mut lo, mut hi) = (1, 100);
                let mut tries = 0;
                loop {
                    let g = (lo + hi) / 2;
                    tries += 1;
                    match oracle(g, secret).await {
                        std::cmp::Ordering::Less => lo = g + 1,
                        std::cmp::Ordering::Greater => hi = g - 1,
                        std::cmp::Ordering::Equal => break (g, tries),
                    }
                }
            }
        }
    }
    run { pair(guess(37), guess(100)) }
}

twin! {
    /// A struct literal built with `..Default::default()` whose fields are awaited, and a
    /// struct literal with trackers around an awaited (and a panicking) field.
    p24b_struct_literal_awaited_fields {
        #[derive(Debug, Default)]
        pub struct Config {
            pub host: String,
            pub port: u16,
            pub retries: u8,
            pub verbose: bool,
        }
        pub struct Trio {
            pub a: Tracker,
            pub b: u32,
            pub c: Tracker,
        }
        lower! {
            pub async fn make(fail: bool) -> (String, u32) {
                let cfg = Config { port: leaf("port", 8080).await, host: leaf("host", "h".to_string()).await, ..Default::default() };
                let t = Trio {
                    a: Tracker::new("a"),
                    b: if fail { boom("b").await } else { leaf("b", 2).await },
                    c: Tracker::new("c"),
                };
                step("made").await;
                (format!("{cfg:?}"), t.b + t.a.name().len() as u32 + t.c.name().len() as u32)
            }
        }
    }
    run { pair(make(false), make(true)) }
}

twin! {
    /// An overloaded `Add` on a `Copy` vector type with awaited operands on both sides:
    /// `a + leaf(..).await`, `leaf(..).await + b`, `-v` via `Neg`.
    p24b_operator_overload_vec2 {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct V2(pub i32, pub i32);
        impl std::ops::Add for V2 {
            type Output = V2;
            fn add(self, o: V2) -> V2 {
                log(format!("add {:?} {:?}", self, o));
                V2(self.0 + o.0, self.1 + o.1)
            }
        }
        impl std::ops::Neg for V2 {
            type Output = V2;
            fn neg(self) -> V2 {
                V2(-self.0, -self.1)
            }
        }
        lower! {
            pub async fn go() -> V2 {
                let a = val("a", V2(1, 2));
                let b = a + leaf("b", V2(10, 10)).await;
                let c = leaf("c", V2(0, 5)).await + val("b2", b);
                -(c + -leaf("d", V2(1, 1)).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// Panics of everyday code with live trackers: `unwrap()` on a missing map key,
    /// `expect` with a formatted message, a division inside a `map` closure.
    p24b_everyday_panics_unwrap_expect {
        lower! {
            pub async fn lookup(k: &'static str, mode: u32) -> u32 {
                let mut m = BTreeMap::new();
                m.insert("a", 1);
                let _g = Tracker::new("g");
                let k = leaf("key", k).await;
                let _h = Tracker::new("h");
                match mode {
                    0 => *m.get(k).unwrap(),
                    1 => *m.get(k).expect(&format!("no key {k}")),
                    _ => {
                        let ds = vec![leaf("d", 0).await, 1];
                        ds.iter().map(|d| 10 / d).sum()
                    }
                }
            }
        }
    }
    run { pair(pair(lookup("a", 0), lookup("zz", 0)), pair(lookup("q", 1), lookup("a", 2))) }
}

twin! {
    /// `assert_eq!` and `assert!` with awaited operands and a formatted message, one of
    /// them failing with a tracker alive.
    p24b_assert_awaited_operands {
        lower! {
            pub async fn check(x: u32) -> u32 {
                let _g = Tracker::new("g");
                assert!(leaf("pos", x > 0).await, "x must be positive");
                assert_eq!(leaf("x", x).await % 2, 0, "odd value {}", x);
                step("ok").await;
                x / 2
            }
        }
    }
    run { pair(check(4), check(3)) }
}

twin! {
    /// `matches!` with an awaited scrutinee and a guard, `if let .. else if let .. else`
    /// with awaits in the conditions of the later branches.
    p24b_matches_awaited_if_let_chain {
        lower! {
            pub async fn kind(x: Option<i32>, y: Result<i32, &'static str>) -> &'static str {
                let _g = Tracker::new("g");
                if matches!(leaf("x", x).await, Some(n) if n > 10) {
                    "big x"
                } else if let Ok(v) = leaf("y", y).await {
                    if v < 0 { "neg y" } else { "y" }
                } else if let Some(0) = x {
                    step("zero").await;
                    "zero x"
                } else {
                    "none"
                }
            }
        }
    }
    run { pair(pair(kind(Some(11), Ok(1)), kind(None, Ok(-1))), pair(kind(Some(0), Err("e")), kind(None, Err("e")))) }
}

twin! {
    /// A worker pool ported from asyncio: N named workers each with a `VecDeque` of jobs;
    /// a round over workers takes one job from each until all are empty.
    p24b_worker_pool_round_over_queues {
        pub struct Worker {
            pub name: &'static str,
            pub jobs: VecDeque<u32>,
            pub _t: Tracker,
        }
        lower! {
            pub async fn run(mut pool: Vec<Worker>) -> Vec<String> {
                let mut out = Vec::new();
                loop {
                    let mut any = false;
                    for w in pool.iter_mut() {
                        if let Some(j) = w.jobs.pop_front() {
                            any = true;
                            let r = leaf(w.name, j * 2).await;
                            out.push(format!("{}:{}", w.name, r));
                        }
                    }
                    if !any {
                        break;
                    }
                    pool.retain(|w| !w.jobs.is_empty());
                    step("round").await;
                }
                out
            }
        }
    }
    run {
        run(vec![
            Worker { name: "w1", jobs: VecDeque::from(vec![1, 2, 3]), _t: Tracker("w1") },
            Worker { name: "w2", jobs: VecDeque::from(vec![10]), _t: Tracker("w2") },
        ])
    }
}
