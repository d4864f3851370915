//! Probe round 23x (a second helper's take on round 23): concurrency-flavoured code against `tokio::sync` and `futures`
//! primitives inside one lowered fn: `tokio::sync::Mutex`/`RwLock` guards held across other
//! awaits or ended by a scope before one, guards as temporaries of scrutinees, conditions
//! and tails, `Semaphore` permits dropped at scope end, `mpsc`/`oneshot` channels made,
//! sent into and drained in the same fn, `Notify`, `Barrier`, `Arc<Mutex<..>>` clones moved
//! into `async move` blocks joined with `join!`/`join_all`/`FuturesUnordered`,
//! `select`/`Either`, `stream::iter(..).then(..)`, `std::sync::Mutex` and `Rc<RefCell>`
//! borrows ended between awaits; actor-like structs with `&mut self` methods over enum
//! messages, pipelines, rate limiters, request/response with a oneshot per request, worker
//! pools over a `VecDeque`; with `?` early returns, cancellation while a guard or permit is
//! held and panics inside locked sections.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, VecDeque};
#[allow(unused_imports)]
use std::cell::RefCell;
#[allow(unused_imports)]
use std::rc::Rc;
#[allow(unused_imports)]
use std::sync::Arc;
#[allow(unused_imports)]
use futures::{FutureExt, StreamExt};

twin! {
    /// A local `tokio::sync::Mutex<Vec<Tracker>>`: the guard pushes, is held across two
    /// awaits, is dropped with `drop(g)`, and the mutex is locked again to read the length.
    p23x_tokio_mutex_guard_across_steps {
        lower! {
            pub async fn f(n: u32) -> usize {
                let m = tokio::sync::Mutex::new(Vec::new());
                let _outer = Tracker::new("outer");
                let mut g = m.lock().await;
                g.push(Tracker::new("first"));
                step("held-1").await;
                for i in 0..n {
                    let v = leaf("item", i).await;
                    if v % 2 == 0 { g.push(Tracker::new("even")); }
                }
                step("held-2").await;
                drop(g);
                step("released").await;
                let len = m.lock().await.len();
                len
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A local `tokio::sync::Mutex<Vec<Tracker>>`: the guard pushes, is held across two
    /// awaits, is dropped with `drop(g)`, and the mutex is locked again to read the length.
    /// No loop iterations: the guard held over two awaits only.
    p23x_tokio_mutex_guard_across_steps_zero {
        lower! {
            pub async fn f(n: u32) -> usize {
                let m = tokio::sync::Mutex::new(Vec::new());
                let _outer = Tracker::new("outer");
                let mut g = m.lock().await;
                g.push(Tracker::new("first"));
                step("held-1").await;
                for i in 0..n {
                    let v = leaf("item", i).await;
                    if v % 2 == 0 { g.push(Tracker::new("even")); }
                }
                step("held-2").await;
                drop(g);
                step("released").await;
                let len = m.lock().await.len();
                len
            }
        }
    }
    run { f(0) }
}

twin! {
    /// A `tokio::sync::Mutex` guard in a block that ends before the next await; a second
    /// block takes the guard again and returns a value computed under it.
    p23x_guard_scope_ends_before_await {
        lower! {
            pub async fn f(xs: Vec<u32>) -> (u32, usize) {
                let m = tokio::sync::Mutex::new(Vec::<u32>::new());
                for x in xs {
                    {
                        let mut g = m.lock().await;
                        g.push(x * 10);
                        log(format!("pushed {x}"));
                    }
                    step("between").await;
                }
                let sum = {
                    let g = m.lock().await;
                    g.iter().sum::<u32>()
                };
                step("after-sum").await;
                (sum, m.into_inner().len())
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// `Arc<tokio::sync::Mutex<Vec<..>>>` clones moved into two `async move` blocks joined by
    /// `futures::join!`; each holds the guard across an await, so the other waits for it.
    p23x_arc_mutex_join_two_workers {
        lower! {
            pub async fn f() -> Vec<String> {
                let shared = Arc::new(tokio::sync::Mutex::new(Vec::new()));
                let _t = Tracker::new("main");
                let a = {
                    let shared = shared.clone();
                    async move {
                        let _w = Tracker::new("worker-a");
                        for i in 0..2u32 {
                            let mut g = shared.lock().await;
                            g.push(format!("a{i}"));
                            step("a-held").await;
                            g.push(format!("a{i}-done"));
                        }
                        1u32
                    }
                };
                let s2 = Arc::clone(&shared);
                let b = async move {
                    let _w = Tracker::new("worker-b");
                    let mut g = s2.lock().await;
                    g.push("b".to_string());
                    let v = leaf("b-load", 7u32).await;
                    g.push(format!("b{v}"));
                    2u32
                };
                let (x, y) = futures::join!(a, b);
                step("joined").await;
                let mut out = shared.lock().await.clone();
                out.push(format!("sum={}", x + y));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `join_all` over a `Vec` of `async move` blocks, each a clone of an `Arc<Mutex<u32>>`
    /// and a tracker, incrementing under the lock with an await inside the locked section.
    p23x_join_all_counter_workers {
        lower! {
            pub async fn f(n: u32) -> (u32, Vec<u32>) {
                let counter = Arc::new(tokio::sync::Mutex::new(0u32));
                let mut jobs = Vec::new();
                for i in 0..n {
                    let c = counter.clone();
                    let t = Tracker::new("job");
                    jobs.push(async move {
                        let add = leaf("compute", i + 1).await;
                        let mut g = c.lock().await;
                        step("inc").await;
                        *g += add;
                        drop(t);
                        *g
                    });
                }
                step("spawned").await;
                let seen = futures::future::join_all(jobs).await;
                let total = *counter.lock().await;
                (total, seen)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `FuturesUnordered` filled with `async move` blocks in a loop, drained with
    /// `while let Some(x) = set.next().await`, results pushed under a `std::sync::Mutex`.
    p23x_futures_unordered_results {
        lower! {
            pub async fn f(ids: Vec<u32>) -> Vec<u32> {
                let results = std::sync::Mutex::new(Vec::new());
                let mut set = futures::stream::FuturesUnordered::new();
                for id in ids {
                    set.push(async move {
                        let _t = Tracker::new("task");
                        step("task").await;
                        leaf("answer", id * 3).await
                    });
                }
                let _g = Tracker::new("collector");
                while let Some(x) = set.next().await {
                    results.lock().unwrap().push(x);
                    step("collected").await;
                }
                let mut v = results.into_inner().unwrap();
                v.sort();
                v
            }
        }
    }
    run { f(vec![4, 1, 3]) }
}

twin! {
    /// A local `Semaphore` with two permits: a permit taken per loop iteration and dropped at
    /// the end of the iteration's scope, the available count logged under it.
    p23x_semaphore_permit_scope_loop {
        lower! {
            pub async fn f(jobs: Vec<&'static str>) -> Vec<String> {
                let sem = tokio::sync::Semaphore::new(2);
                let mut out = Vec::new();
                for j in jobs {
                    let _permit = sem.acquire().await.unwrap();
                    let _t = Tracker::new(j);
                    log(format!("avail {}", sem.available_permits()));
                    let r = leaf("work", j).await;
                    out.push(format!("{r}:{}", sem.available_permits()));
                }
                step("all").await;
                out.push(format!("end:{}", sem.available_permits()));
                out
            }
        }
    }
    run { f(vec!["a", "b", "c"]) }
}

twin! {
    /// A local `Semaphore` with two permits: a permit taken per loop iteration and dropped at
    /// the end of the iteration's scope, the available count logged under it.
    p23x_semaphore_permit_scope_loop_one {
        lower! {
            pub async fn f(jobs: Vec<&'static str>) -> Vec<String> {
                let sem = tokio::sync::Semaphore::new(2);
                let mut out = Vec::new();
                for j in jobs {
                    let _permit = sem.acquire().await.unwrap();
                    let _t = Tracker::new(j);
                    log(format!("avail {}", sem.available_permits()));
                    let r = leaf("work", j).await;
                    out.push(format!("{r}:{}", sem.available_permits()));
                }
                step("all").await;
                out.push(format!("end:{}", sem.available_permits()));
                out
            }
        }
    }
    run { f(vec!["solo"]) }
}

twin! {
    /// `acquire_many` then single permits stored in a `Vec` across awaits, some dropped early
    /// with `pop`, the rest at the end; `try_acquire` fails while the permits are out.
    p23x_semaphore_many_permits_held {
        lower! {
            pub async fn f() -> (usize, bool, usize) {
                let sem = Arc::new(tokio::sync::Semaphore::new(4));
                let big = sem.acquire_many(2).await.unwrap();
                let mut held = Vec::new();
                for _ in 0..2 {
                    held.push(sem.clone().acquire_owned().await.unwrap());
                    step("took").await;
                }
                let failed = sem.try_acquire().is_err();
                let _t = Tracker::new("mid");
                held.pop();
                step("popped").await;
                let a = sem.available_permits();
                drop(big);
                step("big-dropped").await;
                (a, failed, sem.available_permits())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `tokio::sync::mpsc` channel made in the fn: trackers sent with `send(..).await`, the
    /// sender dropped, then `while let Some(t) = rx.recv().await` with an await in the body.
    p23x_mpsc_drain_trackers {
        lower! {
            pub async fn f(names: Vec<&'static str>) -> Vec<&'static str> {
                let (tx, mut rx) = tokio::sync::mpsc::channel::<Tracker>(8);
                for n in names {
                    tx.send(Tracker::new(n)).await.unwrap();
                    step("sent").await;
                }
                drop(tx);
                let mut seen = Vec::new();
                while let Some(t) = rx.recv().await {
                    step("recv-body").await;
                    seen.push(t.name());
                }
                seen
            }
        }
    }
    run { f(vec!["m1", "m2", "m3"]) }
}

twin! {
    /// A bounded channel of capacity 1: a producer `async move` block and a consumer block
    /// joined with `join!`, so the producer waits for room and the consumer for items.
    p23x_mpsc_producer_consumer_join {
        lower! {
            pub async fn f(n: u32) -> (u32, Vec<u32>) {
                let (tx, mut rx) = tokio::sync::mpsc::channel::<u32>(1);
                let producer = async move {
                    let _p = Tracker::new("producer");
                    let mut sent = 0;
                    for i in 0..n {
                        let v = leaf("make", i * i).await;
                        if tx.send(v).await.is_err() { break; }
                        sent += 1;
                    }
                    sent
                };
                let consumer = async {
                    let mut got = Vec::new();
                    while let Some(v) = rx.recv().await {
                        step("consume").await;
                        got.push(v);
                    }
                    got
                };
                futures::join!(producer, consumer)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A request/response server: each `Request` carries a `oneshot::Sender`; a server loop
    /// answers them in order, the client awaits each receiver after the server finished.
    p23x_oneshot_per_request {
        pub struct Request { pub n: u32, pub reply: tokio::sync::oneshot::Sender<String>, pub t: Tracker }
        lower! {
            pub async fn serve(reqs: Vec<Request>) -> usize {
                let mut handled = 0;
                for req in reqs {
                    let v = leaf("handle", req.n * 2).await;
                    if req.n == 0 {
                        continue;
                    }
                    let _ = req.reply.send(format!("{}->{}", req.n, v));
                    handled += 1;
                }
                handled
            }
        }
        lower! {
            pub async fn f(ns: Vec<u32>) -> (usize, Vec<Result<String, String>>) {
                let mut reqs = Vec::new();
                let mut rxs = Vec::new();
                for n in ns {
                    let (tx, rx) = tokio::sync::oneshot::channel();
                    reqs.push(Request { n, reply: tx, t: Tracker::new("req") });
                    rxs.push(rx);
                }
                let handled = serve(reqs).await;
                let mut out = Vec::new();
                for rx in rxs {
                    out.push(rx.await.map_err(|e| e.to_string()));
                    step("got").await;
                }
                (handled, out)
            }
        }
    }
    run { f(vec![1, 0, 3]) }
}

twin! {
    /// A request/response server: each `Request` carries a `oneshot::Sender`; a server loop
    /// answers them in order, the client awaits each receiver after the server finished.
    p23x_oneshot_per_request_all_answered {
        pub struct Request { pub n: u32, pub reply: tokio::sync::oneshot::Sender<String>, pub t: Tracker }
        lower! {
            pub async fn serve(reqs: Vec<Request>) -> usize {
                let mut handled = 0;
                for req in reqs {
                    let v = leaf("handle", req.n * 2).await;
                    if req.n == 0 {
                        continue;
                    }
                    let _ = req.reply.send(format!("{}->{}", req.n, v));
                    handled += 1;
                }
                handled
            }
        }
        lower! {
            pub async fn f(ns: Vec<u32>) -> (usize, Vec<Result<String, String>>) {
                let mut reqs = Vec::new();
                let mut rxs = Vec::new();
                for n in ns {
                    let (tx, rx) = tokio::sync::oneshot::channel();
                    reqs.push(Request { n, reply: tx, t: Tracker::new("req") });
                    rxs.push(rx);
                }
                let handled = serve(reqs).await;
                let mut out = Vec::new();
                for rx in rxs {
                    out.push(rx.await.map_err(|e| e.to_string()));
                    step("got").await;
                }
                (handled, out)
            }
        }
    }
    run { f(vec![2, 5]) }
}

twin! {
    /// `Notify` shared by a waiter and a notifier joined with `join!`: the waiter registers,
    /// the notifier does work then `notify_one`; a permit stored before `notified()`.
    p23x_notify_waiter_and_notifier {
        lower! {
            pub async fn f() -> (u32, u32) {
                let notify = tokio::sync::Notify::new();
                let state = std::sync::Mutex::new(0u32);
                let waiter = async {
                    let _w = Tracker::new("waiter");
                    notify.notified().await;
                    let v = *state.lock().unwrap();
                    step("woken").await;
                    v
                };
                let notifier = async {
                    step("work").await;
                    *state.lock().unwrap() = leaf("value", 42u32).await;
                    notify.notify_one();
                    5u32
                };
                let (a, b) = futures::join!(waiter, notifier);
                notify.notify_one();
                notify.notified().await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `std::sync::Mutex` locked in statements between awaits (the guard never lives
    /// across one) and in a `let` whose guard is dropped by a block before the await.
    p23x_std_mutex_between_awaits {
        lower! {
            pub async fn f(xs: Vec<u32>) -> (usize, u32) {
                let data = Arc::new(std::sync::Mutex::new(Vec::new()));
                let _t = Tracker::new("t");
                for x in xs {
                    let v = leaf("x", x).await;
                    data.lock().unwrap().push(v);
                    let len = {
                        let g = data.lock().unwrap();
                        g.len()
                    };
                    step("after-len").await;
                    log(format!("len {len}"));
                }
                let sum: u32 = data.lock().unwrap().iter().sum();
                step("sum").await;
                (data.lock().unwrap().len(), sum)
            }
        }
    }
    run { f(vec![3, 5, 7]) }
}

twin! {
    /// `Rc<RefCell<Vec<Tracker>>>`: `borrow_mut` in statements and short blocks ended before
    /// each await, a clone moved into an `async move` block that borrows after its own await.
    p23x_rc_refcell_borrows_end_before_await {
        lower! {
            pub async fn f(n: u32) -> (usize, usize) {
                let shared = Rc::new(RefCell::new(Vec::new()));
                shared.borrow_mut().push(Tracker::new("first"));
                step("s1").await;
                let inner = shared.clone();
                let task = async move {
                    step("task").await;
                    inner.borrow_mut().push(Tracker::new("from-task"));
                    inner.borrow().len()
                };
                for _ in 0..n {
                    {
                        let mut b = shared.borrow_mut();
                        b.push(Tracker::new("loop"));
                    }
                    step("loop").await;
                }
                let k = task.await;
                let removed = shared.borrow_mut().remove(0);
                step("removed").await;
                drop(removed);
                (k, shared.borrow().len())
            }
        }
    }
    run { f(2) }
}

twin! {
    /// An actor struct with a `&mut self` async `handle` over an enum of messages popped from
    /// a `VecDeque`; `?` stops on a bad message, the queue's rest dropped with the actor.
    /// All messages handled, stopped by `Stop` with messages left.
    p23x_actor_enum_messages_ok {
        #[derive(Debug)]
        pub enum Msg { Add(u32), Sub(u32), Tag(Tracker), Flush, Stop }
        pub struct Actor { pub total: u32, pub tags: Vec<Tracker>, pub flushed: Vec<u32> }
        impl Actor {
            lower! {
                pub async fn handle(&mut self, msg: Msg) -> Result<bool, String> {
                    match msg {
                        Msg::Add(n) => self.total += leaf("add", n).await,
                        Msg::Sub(n) => {
                            if n > self.total {
                                return Err(format!("underflow {n} > {}", self.total));
                            }
                            self.total -= n;
                            step("sub").await;
                        }
                        Msg::Tag(t) => {
                            step("tag").await;
                            self.tags.push(t);
                        }
                        Msg::Flush => {
                            self.flushed.push(self.total);
                            self.tags.clear();
                            step("flush").await;
                        }
                        Msg::Stop => return Ok(false),
                    }
                    Ok(true)
                }
            }
        }
        lower! {
            pub async fn run(mut queue: VecDeque<Msg>) -> Result<(u32, Vec<u32>), String> {
                let mut actor = Actor { total: 0, tags: Vec::new(), flushed: Vec::new() };
                while let Some(msg) = queue.pop_front() {
                    let go_on = actor.handle(msg).await?;
                    if !go_on {
                        break;
                    }
                }
                step("done").await;
                Ok((actor.total, actor.flushed))
            }
        }
    }
    run { run(VecDeque::from(vec![Msg::Add(5), Msg::Tag(Tracker("t1")), Msg::Flush, Msg::Tag(Tracker("t2")), Msg::Add(2), Msg::Stop, Msg::Tag(Tracker("left"))])) }
}

twin! {
    /// An actor struct with a `&mut self` async `handle` over an enum of messages popped from
    /// a `VecDeque`; `?` stops on a bad message, the queue's rest dropped with the actor.
    /// `Sub` past zero: the `?` returns with the actor's tags and the queue's rest alive.
    p23x_actor_enum_messages_err {
        #[derive(Debug)]
        pub enum Msg { Add(u32), Sub(u32), Tag(Tracker), Flush, Stop }
        pub struct Actor { pub total: u32, pub tags: Vec<Tracker>, pub flushed: Vec<u32> }
        impl Actor {
            lower! {
                pub async fn handle(&mut self, msg: Msg) -> Result<bool, String> {
                    match msg {
                        Msg::Add(n) => self.total += leaf("add", n).await,
                        Msg::Sub(n) => {
                            if n > self.total {
                                return Err(format!("underflow {n} > {}", self.total));
                            }
                            self.total -= n;
                            step("sub").await;
                        }
                        Msg::Tag(t) => {
                            step("tag").await;
                            self.tags.push(t);
                        }
                        Msg::Flush => {
                            self.flushed.push(self.total);
                            self.tags.clear();
                            step("flush").await;
                        }
                        Msg::Stop => return Ok(false),
                    }
                    Ok(true)
                }
            }
        }
        lower! {
            pub async fn run(mut queue: VecDeque<Msg>) -> Result<(u32, Vec<u32>), String> {
                let mut actor = Actor { total: 0, tags: Vec::new(), flushed: Vec::new() };
                while let Some(msg) = queue.pop_front() {
                    let go_on = actor.handle(msg).await?;
                    if !go_on {
                        break;
                    }
                }
                step("done").await;
                Ok((actor.total, actor.flushed))
            }
        }
    }
    run { run(VecDeque::from(vec![Msg::Add(1), Msg::Tag(Tracker("kept")), Msg::Sub(4), Msg::Tag(Tracker("never"))])) }
}

twin! {
    /// An actor task reading `Command`s from an `mpsc` channel, each `Get` answered through
    /// its own `oneshot`; the actor and a client joined with `join!`.
    p23x_actor_mpsc_with_oneshot_reply {
        pub enum Command { Set(&'static str, u32), Get(&'static str, tokio::sync::oneshot::Sender<Option<u32>>) }
        lower! {
            pub async fn actor(mut rx: tokio::sync::mpsc::Receiver<Command>) -> usize {
                let mut store: BTreeMap<&'static str, u32> = BTreeMap::new();
                let _t = Tracker::new("actor");
                let mut n = 0;
                while let Some(cmd) = rx.recv().await {
                    n += 1;
                    match cmd {
                        Command::Set(k, v) => {
                            step("set").await;
                            store.insert(k, v);
                        }
                        Command::Get(k, reply) => {
                            let v = store.get(k).copied();
                            step("get").await;
                            let _ = reply.send(v);
                        }
                    }
                }
                n
            }
        }
        lower! {
            pub async fn f() -> (usize, Vec<Option<u32>>) {
                let (tx, rx) = tokio::sync::mpsc::channel(2);
                let client = async move {
                    let _c = Tracker::new("client");
                    let mut answers = Vec::new();
                    tx.send(Command::Set("a", 1)).await.ok();
                    for k in ["a", "b"] {
                        let (otx, orx) = tokio::sync::oneshot::channel();
                        tx.send(Command::Get(k, otx)).await.ok();
                        answers.push(orx.await.unwrap());
                    }
                    tx.send(Command::Set("b", leaf("val", 9).await)).await.ok();
                    let (otx, orx) = tokio::sync::oneshot::channel();
                    tx.send(Command::Get("b", otx)).await.ok();
                    answers.push(orx.await.unwrap());
                    answers
                };
                let (n, answers) = futures::join!(actor(rx), client);
                (n, answers)
            }
        }
    }
    run { f() }
}

twin! {
    /// A pipeline of three stages connected by `mpsc` channels (parse, square, collect), all
    /// three `async move` blocks joined with `join!`; bad input skipped with `continue`.
    p23x_pipeline_three_stages {
        lower! {
            pub async fn f(input: Vec<&'static str>) -> (usize, Vec<u64>) {
                let (tx1, mut rx1) = tokio::sync::mpsc::channel::<u64>(2);
                let (tx2, mut rx2) = tokio::sync::mpsc::channel::<u64>(2);
                let parse = async move {
                    let mut bad = 0;
                    for s in input {
                        let s = leaf("read", s).await;
                        let Ok(n) = s.trim().parse::<u64>() else {
                            bad += 1;
                            continue;
                        };
                        tx1.send(n).await.unwrap();
                    }
                    bad
                };
                let square = async move {
                    let _t = Tracker::new("square-stage");
                    while let Some(n) = rx1.recv().await {
                        step("square").await;
                        tx2.send(n * n).await.unwrap();
                    }
                };
                let collect = async move {
                    let mut out = Vec::new();
                    while let Some(v) = rx2.recv().await {
                        out.push(v);
                    }
                    out
                };
                let (bad, (), out) = futures::join!(parse, square, collect);
                (bad, out)
            }
        }
    }
    run { f(vec!["1", " 2", "x", "4"]) }
}

twin! {
    /// A pipeline of three stages connected by `mpsc` channels (parse, square, collect), all
    /// three `async move` blocks joined with `join!`; bad input skipped with `continue`.
    p23x_pipeline_three_stages_all_bad {
        lower! {
            pub async fn f(input: Vec<&'static str>) -> (usize, Vec<u64>) {
                let (tx1, mut rx1) = tokio::sync::mpsc::channel::<u64>(2);
                let (tx2, mut rx2) = tokio::sync::mpsc::channel::<u64>(2);
                let parse = async move {
                    let mut bad = 0;
                    for s in input {
                        let s = leaf("read", s).await;
                        let Ok(n) = s.trim().parse::<u64>() else {
                            bad += 1;
                            continue;
                        };
                        tx1.send(n).await.unwrap();
                    }
                    bad
                };
                let square = async move {
                    let _t = Tracker::new("square-stage");
                    while let Some(n) = rx1.recv().await {
                        step("square").await;
                        tx2.send(n * n).await.unwrap();
                    }
                };
                let collect = async move {
                    let mut out = Vec::new();
                    while let Some(v) = rx2.recv().await {
                        out.push(v);
                    }
                    out
                };
                let (bad, (), out) = futures::join!(parse, square, collect);
                (bad, out)
            }
        }
    }
    run { f(vec!["x", "y"]) }
}

twin! {
    /// A rate limiter struct with a `Semaphore` and a counter: `async fn call(&self, ..)`
    /// takes a permit for the duration of the call; calls made in a loop and in `join!`.
    p23x_rate_limiter_struct {
        pub struct Limiter { pub sem: tokio::sync::Semaphore, pub calls: std::sync::Mutex<Vec<String>> }
        impl Limiter {
            lower! {
                pub async fn call(&self, name: &'static str, cost: u32) -> Result<u32, String> {
                    let _permit = self.sem.acquire().await.map_err(|e| e.to_string())?;
                    self.calls.lock().unwrap().push(format!("{name} start ({} left)", self.sem.available_permits()));
                    let v = leaf(name, cost).await;
                    if v > 10 {
                        return Err(format!("{name} too expensive"));
                    }
                    step("cooldown").await;
                    self.calls.lock().unwrap().push(format!("{name} end"));
                    Ok(v * 2)
                }
            }
        }
        lower! {
            pub async fn f(costs: Vec<u32>) -> (Vec<Result<u32, String>>, Vec<String>) {
                let lim = Limiter { sem: tokio::sync::Semaphore::new(1), calls: std::sync::Mutex::new(Vec::new()) };
                let mut rs = Vec::new();
                for c in costs {
                    rs.push(lim.call("seq", c).await);
                }
                let (a, b) = futures::join!(lim.call("j1", 1), lim.call("j2", 2));
                rs.push(a);
                rs.push(b);
                (rs, lim.calls.into_inner().unwrap())
            }
        }
    }
    run { f(vec![3, 11, 4]) }
}

twin! {
    /// A rate limiter struct with a `Semaphore` and a counter: `async fn call(&self, ..)`
    /// takes a permit for the duration of the call; calls made in a loop and in `join!`.
    p23x_rate_limiter_struct_cheap {
        pub struct Limiter { pub sem: tokio::sync::Semaphore, pub calls: std::sync::Mutex<Vec<String>> }
        impl Limiter {
            lower! {
                pub async fn call(&self, name: &'static str, cost: u32) -> Result<u32, String> {
                    let _permit = self.sem.acquire().await.map_err(|e| e.to_string())?;
                    self.calls.lock().unwrap().push(format!("{name} start ({} left)", self.sem.available_permits()));
                    let v = leaf(name, cost).await;
                    if v > 10 {
                        return Err(format!("{name} too expensive"));
                    }
                    step("cooldown").await;
                    self.calls.lock().unwrap().push(format!("{name} end"));
                    Ok(v * 2)
                }
            }
        }
        lower! {
            pub async fn f(costs: Vec<u32>) -> (Vec<Result<u32, String>>, Vec<String>) {
                let lim = Limiter { sem: tokio::sync::Semaphore::new(1), calls: std::sync::Mutex::new(Vec::new()) };
                let mut rs = Vec::new();
                for c in costs {
                    rs.push(lim.call("seq", c).await);
                }
                let (a, b) = futures::join!(lim.call("j1", 1), lim.call("j2", 2));
                rs.push(a);
                rs.push(b);
                (rs, lim.calls.into_inner().unwrap())
            }
        }
    }
    run { f(vec![1]) }
}

twin! {
    /// A worker pool simulated with a shared `VecDeque` of jobs behind a `tokio::sync::Mutex`:
    /// three workers joined with `join!` each pop a job (guard dropped before the work) until
    /// the queue is empty.
    p23x_worker_pool_vecdeque {
        lower! {
            pub async fn worker(id: u32, q: &tokio::sync::Mutex<VecDeque<(u32, Tracker)>>, done: &std::sync::Mutex<Vec<(u32, u32)>>) -> u32 {
                let mut count = 0;
                loop {
                    let job = {
                        let mut g = q.lock().await;
                        g.pop_front()
                    };
                    let Some((n, t)) = job else { break };
                    let r = leaf("work", n * 10).await;
                    drop(t);
                    done.lock().unwrap().push((id, r));
                    count += 1;
                }
                count
            }
        }
        lower! {
            pub async fn f(n: u32) -> (u32, u32, u32, Vec<(u32, u32)>) {
                let q = tokio::sync::Mutex::new((0..n).map(|i| (i, Tracker::new("job"))).collect::<VecDeque<_>>());
                let done = std::sync::Mutex::new(Vec::new());
                let (a, b, c) = futures::join!(worker(1, &q, &done), worker(2, &q, &done), worker(3, &q, &done));
                step("pool-done").await;
                (a, b, c, done.into_inner().unwrap())
            }
        }
    }
    run { f(5) }
}

twin! {
    /// A worker pool simulated with a shared `VecDeque` of jobs behind a `tokio::sync::Mutex`:
    /// three workers joined with `join!` each pop a job (guard dropped before the work) until
    /// the queue is empty.
    p23x_worker_pool_vecdeque_one_job {
        lower! {
            pub async fn worker(id: u32, q: &tokio::sync::Mutex<VecDeque<(u32, Tracker)>>, done: &std::sync::Mutex<Vec<(u32, u32)>>) -> u32 {
                let mut count = 0;
                loop {
                    let job = {
                        let mut g = q.lock().await;
                        g.pop_front()
                    };
                    let Some((n, t)) = job else { break };
                    let r = leaf("work", n * 10).await;
                    drop(t);
                    done.lock().unwrap().push((id, r));
                    count += 1;
                }
                count
            }
        }
        lower! {
            pub async fn f(n: u32) -> (u32, u32, u32, Vec<(u32, u32)>) {
                let q = tokio::sync::Mutex::new((0..n).map(|i| (i, Tracker::new("job"))).collect::<VecDeque<_>>());
                let done = std::sync::Mutex::new(Vec::new());
                let (a, b, c) = futures::join!(worker(1, &q, &done), worker(2, &q, &done), worker(3, &q, &done));
                step("pool-done").await;
                (a, b, c, done.into_inner().unwrap())
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `futures::future::select` between a oneshot receiver (its sender fired by a joined
    /// block) and a "timeout" leaf; `Either` matched, the loser dropped or awaited later.
    p23x_select_oneshot_or_timeout_fast {
        lower! {
            pub async fn f(fast: bool) -> String {
                let (tx, rx) = tokio::sync::oneshot::channel::<Tracker>();
                let sender = async move {
                    if fast {
                        let _ = tx.send(Tracker::new("payload"));
                    } else {
                        step("slow-1").await;
                        step("slow-2").await;
                        step("slow-3").await;
                        drop(tx);
                    }
                };
                let timeout = Box::pin(step("timeout"));
                let ((), r) = futures::join!(sender, futures::future::select(rx, timeout));
                match r {
                    futures::future::Either::Left((Ok(t), _timeout)) => {
                        step("got").await;
                        format!("value {}", t.name())
                    }
                    futures::future::Either::Left((Err(e), _)) => format!("closed: {e}"),
                    futures::future::Either::Right(((), rx)) => {
                        let late = rx.await;
                        format!("timed out, then {:?}", late.map(|t| t.name()))
                    }
                }
            }
        }
    }
    run { f(true) }
}

twin! {
    /// `futures::future::select` between a oneshot receiver (its sender fired by a joined
    /// block) and a "timeout" leaf; `Either` matched, the loser dropped or awaited later.
    p23x_select_oneshot_or_timeout_slow {
        lower! {
            pub async fn f(fast: bool) -> String {
                let (tx, rx) = tokio::sync::oneshot::channel::<Tracker>();
                let sender = async move {
                    if fast {
                        let _ = tx.send(Tracker::new("payload"));
                    } else {
                        step("slow-1").await;
                        step("slow-2").await;
                        step("slow-3").await;
                        drop(tx);
                    }
                };
                let timeout = Box::pin(step("timeout"));
                let ((), r) = futures::join!(sender, futures::future::select(rx, timeout));
                match r {
                    futures::future::Either::Left((Ok(t), _timeout)) => {
                        step("got").await;
                        format!("value {}", t.name())
                    }
                    futures::future::Either::Left((Err(e), _)) => format!("closed: {e}"),
                    futures::future::Either::Right(((), rx)) => {
                        let late = rx.await;
                        format!("timed out, then {:?}", late.map(|t| t.name()))
                    }
                }
            }
        }
    }
    run { f(false) }
}

twin! {
    /// `futures::stream::iter(..).then(..)` awaiting a leaf per item, with a `Tracker` moved
    /// into each item's future, collected into a `Vec` and then summed after another await.
    p23x_stream_iter_then_collect {
        lower! {
            pub async fn f(xs: Vec<u32>) -> (Vec<u32>, u32) {
                let _g = Tracker::new("g");
                let out: Vec<u32> = futures::stream::iter(xs.into_iter().map(|x| (x, Tracker::new("item"))))
                    .then(|(x, t)| async move {
                        let v = leaf("then", x + 1).await;
                        drop(t);
                        v
                    })
                    .collect()
                    .await;
                step("collected").await;
                let s = out.iter().sum();
                (out, s)
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// A local `tokio::sync::RwLock`: two read guards alive at once across an await, dropped
    /// in a given order, then a write guard; `try_write` fails while a reader is held.
    p23x_rwlock_readers_then_writer {
        lower! {
            pub async fn f() -> (usize, bool, bool, Vec<u32>) {
                let lock = tokio::sync::RwLock::new(vec![1u32, 2]);
                let r1 = lock.read().await;
                step("r1").await;
                let r2 = lock.read().await;
                let n = r1.len() + r2.len();
                let blocked = lock.try_write().is_err();
                drop(r1);
                step("after-r1").await;
                let still = lock.try_write().is_err();
                drop(r2);
                {
                    let mut w = lock.write().await;
                    w.push(leaf("push", 3).await);
                    step("write-held").await;
                }
                (n, blocked, still, lock.into_inner())
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic while a `tokio::sync::Mutex` guard and trackers are alive, from an awaited
    /// `boom` in the locked section; variants that do not reach the panic.
    p23x_panic_inside_locked_section_panics {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let m = Arc::new(tokio::sync::Mutex::new(Tracker::new("inner")));
                let _a = Tracker::new("a");
                let g = m.lock().await;
                let _b = Tracker::new("b");
                step("locked").await;
                let v = if k > 1 { boom("in-lock").await } else { leaf("fine", k).await };
                drop(g);
                step("unlocked").await;
                v + Arc::strong_count(&m) as u32
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A panic while a `tokio::sync::Mutex` guard and trackers are alive, from an awaited
    /// `boom` in the locked section; variants that do not reach the panic.
    p23x_panic_inside_locked_section_ok {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let m = Arc::new(tokio::sync::Mutex::new(Tracker::new("inner")));
                let _a = Tracker::new("a");
                let g = m.lock().await;
                let _b = Tracker::new("b");
                step("locked").await;
                let v = if k > 1 { boom("in-lock").await } else { leaf("fine", k).await };
                drop(g);
                step("unlocked").await;
                v + Arc::strong_count(&m) as u32
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A panic while a `std::sync::Mutex` guard is alive (after an await, before any other),
    /// and the poisoned mutex observed by a second call that recovers with `into_inner`.
    p23x_std_mutex_panic_under_lock_panics {
        lower! {
            pub async fn f(m: Arc<std::sync::Mutex<Vec<Tracker>>>, blow: bool) -> usize {
                step("before").await;
                let n = {
                    let mut g = match m.lock() {
                        Ok(g) => g,
                        Err(p) => { log("poisoned"); p.into_inner() }
                    };
                    g.push(Tracker::new("pushed"));
                    if blow {
                        panic!("blew up with {} items", g.len());
                    }
                    g.len()
                };
                step("after").await;
                n
            }
        }
    }
    run { f(Arc::new(std::sync::Mutex::new(vec![Tracker("x")])), true) }
}

twin! {
    /// A panic while a `std::sync::Mutex` guard is alive (after an await, before any other),
    /// and the poisoned mutex observed by a second call that recovers with `into_inner`.
    p23x_std_mutex_panic_under_lock_ok {
        lower! {
            pub async fn f(m: Arc<std::sync::Mutex<Vec<Tracker>>>, blow: bool) -> usize {
                step("before").await;
                let n = {
                    let mut g = match m.lock() {
                        Ok(g) => g,
                        Err(p) => { log("poisoned"); p.into_inner() }
                    };
                    g.push(Tracker::new("pushed"));
                    if blow {
                        panic!("blew up with {} items", g.len());
                    }
                    g.len()
                };
                step("after").await;
                n
            }
        }
    }
    run { f(Arc::new(std::sync::Mutex::new(vec![Tracker("x")])), false) }
}

twin! {
    /// `?` returning early while a `tokio::sync::Mutex` guard and a `Semaphore` permit are
    /// held: both must be released in native order at the return.
    p23x_question_mark_with_guard_ok {
        #[derive(Debug)]
        pub enum AppError { Parse(String), Limit(u32) }
        impl From<std::num::ParseIntError> for AppError {
            fn from(e: std::num::ParseIntError) -> Self { AppError::Parse(e.to_string()) }
        }
        lower! {
            pub async fn f(inputs: Vec<&'static str>, limit: u32) -> Result<u32, AppError> {
                let sem = tokio::sync::Semaphore::new(1);
                let total = tokio::sync::Mutex::new(0u32);
                let _t = Tracker::new("fn");
                for s in inputs {
                    let _p = sem.acquire().await.unwrap();
                    let mut g = total.lock().await;
                    let _inner = Tracker::new("inner");
                    let n: u32 = leaf("parse", s).await.parse()?;
                    *g += n;
                    if *g > limit {
                        return Err(AppError::Limit(*g));
                    }
                    step("next").await;
                }
                Ok(total.into_inner())
            }
        }
    }
    run { f(vec!["1", "2"], 10) }
}

twin! {
    /// `?` returning early while a `tokio::sync::Mutex` guard and a `Semaphore` permit are
    /// held: both must be released in native order at the return.
    p23x_question_mark_with_guard_parse {
        #[derive(Debug)]
        pub enum AppError { Parse(String), Limit(u32) }
        impl From<std::num::ParseIntError> for AppError {
            fn from(e: std::num::ParseIntError) -> Self { AppError::Parse(e.to_string()) }
        }
        lower! {
            pub async fn f(inputs: Vec<&'static str>, limit: u32) -> Result<u32, AppError> {
                let sem = tokio::sync::Semaphore::new(1);
                let total = tokio::sync::Mutex::new(0u32);
                let _t = Tracker::new("fn");
                for s in inputs {
                    let _p = sem.acquire().await.unwrap();
                    let mut g = total.lock().await;
                    let _inner = Tracker::new("inner");
                    let n: u32 = leaf("parse", s).await.parse()?;
                    *g += n;
                    if *g > limit {
                        return Err(AppError::Limit(*g));
                    }
                    step("next").await;
                }
                Ok(total.into_inner())
            }
        }
    }
    run { f(vec!["1", "x", "2"], 10) }
}

twin! {
    /// `?` returning early while a `tokio::sync::Mutex` guard and a `Semaphore` permit are
    /// held: both must be released in native order at the return.
    p23x_question_mark_with_guard_limit {
        #[derive(Debug)]
        pub enum AppError { Parse(String), Limit(u32) }
        impl From<std::num::ParseIntError> for AppError {
            fn from(e: std::num::ParseIntError) -> Self { AppError::Parse(e.to_string()) }
        }
        lower! {
            pub async fn f(inputs: Vec<&'static str>, limit: u32) -> Result<u32, AppError> {
                let sem = tokio::sync::Semaphore::new(1);
                let total = tokio::sync::Mutex::new(0u32);
                let _t = Tracker::new("fn");
                for s in inputs {
                    let _p = sem.acquire().await.unwrap();
                    let mut g = total.lock().await;
                    let _inner = Tracker::new("inner");
                    let n: u32 = leaf("parse", s).await.parse()?;
                    *g += n;
                    if *g > limit {
                        return Err(AppError::Limit(*g));
                    }
                    step("next").await;
                }
                Ok(total.into_inner())
            }
        }
    }
    run { f(vec!["5", "7", "1"], 10) }
}

twin! {
    /// A `tokio::sync::Mutex` guard as a temporary of a `match` scrutinee: it lives through
    /// the arms, which await (native order: guard dropped after the match).
    p23x_lock_in_match_scrutinee {
        lower! {
            pub async fn f(start: u32) -> (u32, u32) {
                let m = tokio::sync::Mutex::new((start, Tracker::new("state")));
                let _t = Tracker::new("t");
                let r = match m.lock().await.0 {
                    0 => {
                        step("zero").await;
                        100
                    }
                    n if n % 2 == 0 => leaf("even", n / 2).await,
                    n => {
                        let _arm = Tracker::new("odd-arm");
                        step("odd").await;
                        n * 3
                    }
                };
                step("after-match").await;
                let g = m.lock().await;
                (r, g.0)
            }
        }
    }
    run { pair(f(0), pair(f(4), f(3))) }
}

twin! {
    /// A guard temporary in an `if` condition (`m.lock().await.len() > 1`) and an `if let`
    /// scrutinee: the body awaits and locks again, which must not dead-lock.
    p23x_lock_in_if_condition {
        lower! {
            pub async fn f(xs: Vec<u32>) -> Vec<u32> {
                let m = tokio::sync::Mutex::new(xs);
                if m.lock().await.len() > 1 {
                    step("long").await;
                    m.lock().await.push(99);
                }
                if let Some(&last) = m.lock().await.last() {
                    log(format!("last {last}"));
                }
                step("mid").await;
                if m.lock().await.iter().any(|&x| x > 50) {
                    let mut g = m.lock().await;
                    g.retain(|&x| x < 50);
                    step("retained").await;
                }
                m.into_inner()
            }
        }
    }
    run { pair(f(vec![1, 2]), f(vec![7])) }
}

twin! {
    /// `while let Some(job) = q.lock().await.pop_front()`: in edition 2024 the guard
    /// temporary of a `while let` scrutinee lives through the body, which awaits (with a
    /// separate `std::sync::Mutex` for the results).
    p23x_lock_in_while_let_pop {
        lower! {
            pub async fn f(n: u32) -> Vec<String> {
                let q = tokio::sync::Mutex::new((0..n).map(|i| (i, Tracker::new("job"))).collect::<VecDeque<_>>());
                let done = std::sync::Mutex::new(Vec::new());
                while let Some((i, t)) = q.lock().await.pop_front() {
                    let r = leaf("job", i * 7).await;
                    done.lock().unwrap().push(format!("{}:{r}", t.name()));
                    step("job-done").await;
                }
                done.into_inner().unwrap()
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A guard temporary in the tail expression of the fn and of a block (`m.lock().await
    /// .len()`): dropped before the locals in edition 2024.
    p23x_lock_tail_expression {
        lower! {
            pub async fn count(m: &tokio::sync::Mutex<Vec<Tracker>>) -> usize {
                let _t = Tracker::new("count-local");
                step("count").await;
                m.lock().await.len()
            }
        }
        lower! {
            pub async fn f() -> (usize, usize, usize) {
                let m = tokio::sync::Mutex::new(vec![Tracker::new("v1")]);
                let a = count(&m).await;
                let b = {
                    let _blk = Tracker::new("blk");
                    m.lock().await.push(Tracker::new("v2"));
                    m.lock().await.len()
                };
                let _end = Tracker::new("end");
                step("before-tail").await;
                (a, b, m.lock().await.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard kept in an `Option` across awaits, released with `take()` on one path and
    /// replaced on another; the option is `None` at the end or still holds a guard.
    p23x_guard_in_option_take {
        lower! {
            pub async fn f(steps: Vec<bool>) -> (u32, bool) {
                let m = tokio::sync::Mutex::new(0u32);
                let mut held: Option<tokio::sync::MutexGuard<'_, u32>> = None;
                for relock in steps {
                    if relock {
                        held.take();
                        step("released").await;
                        held = Some(m.lock().await);
                    }
                    if let Some(g) = held.as_mut() {
                        **g += leaf("inc", 1u32).await;
                    }
                }
                let holding = held.is_some();
                drop(held);
                let v = *m.lock().await;
                (v, holding)
            }
        }
    }
    run { pair(f(vec![true, false, true]), f(vec![false])) }
}

twin! {
    /// `MutexGuard::map` to a field of the protected struct, held across an await, then
    /// `OwnedMutexGuard` from `lock_owned` moved into an `async move` block.
    p23x_mutex_guard_map {
        pub struct Conn { pub id: u32, pub buf: Vec<u8>, pub _t: Tracker }
        lower! {
            pub async fn f() -> (usize, u32) {
                let m = tokio::sync::Mutex::new(Conn { id: 1, buf: vec![], _t: Tracker::new("conn") });
                {
                    let mut buf = tokio::sync::MutexGuard::map(m.lock().await, |c| &mut c.buf);
                    buf.extend_from_slice(b"ab");
                    step("mapped").await;
                    buf.push(leaf("byte", b'c').await);
                }
                let shared = Arc::new(m);
                let owned = shared.clone().lock_owned().await;
                let task = async move {
                    let mut owned = owned;
                    step("owned").await;
                    owned.id += 10;
                    owned.buf.len()
                };
                let n = task.await;
                let id = shared.lock().await.id;
                (n, id)
            }
        }
    }
    run { f() }
}

twin! {
    /// A cache struct over a `tokio::sync::RwLock<BTreeMap>`: `get_or_load(&self, k)` reads
    /// under the read guard, drops it, loads with an await, then inserts under the write
    /// guard (re-checking it); called in a loop and concurrently with `join!`.
    p23x_cache_rwlock_get_or_load {
        pub struct Cache { pub map: tokio::sync::RwLock<BTreeMap<u32, String>>, pub loads: std::sync::Mutex<u32> }
        impl Cache {
            lower! {
                pub async fn get_or_load(&self, k: u32) -> String {
                    if let Some(v) = self.map.read().await.get(&k) {
                        return v.clone();
                    }
                    let _loading = Tracker::new("loading");
                    *self.loads.lock().unwrap() += 1;
                    let v = leaf("load", format!("v{k}")).await;
                    let mut w = self.map.write().await;
                    w.entry(k).or_insert(v).clone()
                }
            }
        }
        lower! {
            pub async fn f(keys: Vec<u32>) -> (Vec<String>, u32) {
                let cache = Cache { map: tokio::sync::RwLock::new(BTreeMap::new()), loads: std::sync::Mutex::new(0) };
                let mut out = Vec::new();
                for k in keys {
                    out.push(cache.get_or_load(k).await);
                }
                let (a, b) = futures::join!(cache.get_or_load(7), cache.get_or_load(7));
                out.push(a);
                out.push(b);
                let loads = *cache.loads.lock().unwrap();
                (out, loads)
            }
        }
    }
    run { f(vec![1, 2, 1]) }
}

twin! {
    /// Accounts behind `tokio::sync::Mutex`es locked in id order for a transfer; `?` on
    /// insufficient funds returns with both guards held; the transfer awaits an audit leaf.
    p23x_bank_transfer_two_mutexes {
        pub struct Account { pub id: u32, pub balance: tokio::sync::Mutex<i64> }
        #[derive(Debug)]
        pub struct Insufficient { pub id: u32, pub need: i64 }
        lower! {
            pub async fn transfer(from: &Account, to: &Account, amount: i64) -> Result<i64, Insufficient> {
                let (first, second) = if from.id < to.id { (from, to) } else { (to, from) };
                let mut g1 = first.balance.lock().await;
                let _audit = Tracker::new("audit");
                let mut g2 = second.balance.lock().await;
                let (src, dst) = if from.id < to.id { (&mut *g1, &mut *g2) } else { (&mut *g2, &mut *g1) };
                if *src < amount {
                    return Err(Insufficient { id: from.id, need: amount - *src });
                }
                step("audit").await;
                *src -= amount;
                *dst += leaf("credit", amount).await;
                Ok(*src)
            }
        }
        lower! {
            pub async fn f(amounts: Vec<i64>) -> (Vec<Result<i64, String>>, i64, i64) {
                let a = Account { id: 1, balance: tokio::sync::Mutex::new(100) };
                let b = Account { id: 2, balance: tokio::sync::Mutex::new(10) };
                let mut rs = Vec::new();
                for (i, amt) in amounts.into_iter().enumerate() {
                    let r = if i % 2 == 0 { transfer(&a, &b, amt).await } else { transfer(&b, &a, amt).await };
                    rs.push(r.map_err(|e| format!("{e:?}")));
                }
                let x = *a.balance.lock().await;
                let y = *b.balance.lock().await;
                (rs, x, y)
            }
        }
    }
    run { f(vec![30, 50, 80, 5]) }
}

twin! {
    /// Accounts behind `tokio::sync::Mutex`es locked in id order for a transfer; `?` on
    /// insufficient funds returns with both guards held; the transfer awaits an audit leaf.
    p23x_bank_transfer_two_mutexes_first_fails {
        pub struct Account { pub id: u32, pub balance: tokio::sync::Mutex<i64> }
        #[derive(Debug)]
        pub struct Insufficient { pub id: u32, pub need: i64 }
        lower! {
            pub async fn transfer(from: &Account, to: &Account, amount: i64) -> Result<i64, Insufficient> {
                let (first, second) = if from.id < to.id { (from, to) } else { (to, from) };
                let mut g1 = first.balance.lock().await;
                let _audit = Tracker::new("audit");
                let mut g2 = second.balance.lock().await;
                let (src, dst) = if from.id < to.id { (&mut *g1, &mut *g2) } else { (&mut *g2, &mut *g1) };
                if *src < amount {
                    return Err(Insufficient { id: from.id, need: amount - *src });
                }
                step("audit").await;
                *src -= amount;
                *dst += leaf("credit", amount).await;
                Ok(*src)
            }
        }
        lower! {
            pub async fn f(amounts: Vec<i64>) -> (Vec<Result<i64, String>>, i64, i64) {
                let a = Account { id: 1, balance: tokio::sync::Mutex::new(100) };
                let b = Account { id: 2, balance: tokio::sync::Mutex::new(10) };
                let mut rs = Vec::new();
                for (i, amt) in amounts.into_iter().enumerate() {
                    let r = if i % 2 == 0 { transfer(&a, &b, amt).await } else { transfer(&b, &a, amt).await };
                    rs.push(r.map_err(|e| format!("{e:?}")));
                }
                let x = *a.balance.lock().await;
                let y = *b.balance.lock().await;
                (rs, x, y)
            }
        }
    }
    run { f(vec![200, 5]) }
}

twin! {
    /// `send` into a channel whose receiver was dropped: the `SendError` gives the tracker
    /// back, kept and dropped later; `try_send` on a full channel gives its value back too.
    p23x_mpsc_send_into_closed {
        lower! {
            pub async fn f() -> (Vec<&'static str>, bool) {
                let (tx, rx) = tokio::sync::mpsc::channel::<Tracker>(1);
                tx.send(Tracker::new("fits")).await.unwrap();
                let full = match tx.try_send(Tracker::new("too-many")) {
                    Err(tokio::sync::mpsc::error::TrySendError::Full(t)) => { log(format!("full, got back {}", t.name())); true }
                    _ => false,
                };
                step("full").await;
                drop(rx);
                let mut back = Vec::new();
                for n in ["late1", "late2"] {
                    match tx.send(Tracker::new(n)).await {
                        Ok(()) => {}
                        Err(tokio::sync::mpsc::error::SendError(t)) => {
                            step("closed").await;
                            back.push(t);
                        }
                    }
                }
                let names = back.iter().map(|t| t.name()).collect();
                step("end").await;
                (names, full)
            }
        }
    }
    run { f() }
}

twin! {
    /// `oneshot` receivers awaited with `?`: a dropped sender makes `RecvError`, converted
    /// through `map_err` and `?`; a tracker sent through the channel on the other path.
    p23x_oneshot_closed_with_question {
        lower! {
            pub async fn get(send: bool) -> Result<Tracker, String> {
                let (tx, rx) = tokio::sync::oneshot::channel::<Tracker>();
                let _guard = Tracker::new("get-guard");
                step("prepare").await;
                if send {
                    tx.send(Tracker::new("answer")).map_err(|t| format!("rejected {}", t.name()))?;
                } else {
                    drop(tx);
                }
                let t = rx.await.map_err(|e| format!("recv: {e}"))?;
                step("received").await;
                Ok(t)
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut out = Vec::new();
                for send in [true, false, true] {
                    match get(send).await {
                        Ok(t) => out.push(t.name().to_string()),
                        Err(e) => out.push(e),
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `tokio::sync::Barrier` of two parties waited on by two joined blocks, each with
    /// work before and after; the leader result is reported.
    p23x_barrier_two_parties {
        lower! {
            pub async fn f() -> (bool, bool, Vec<&'static str>) {
                let barrier = tokio::sync::Barrier::new(2);
                let trail = std::sync::Mutex::new(Vec::new());
                let a = async {
                    let _ta = Tracker::new("party-a");
                    step("a-before").await;
                    trail.lock().unwrap().push("a-arrive");
                    let r = barrier.wait().await;
                    trail.lock().unwrap().push("a-leave");
                    r.is_leader()
                };
                let b = async {
                    leaf("b-before", ()).await;
                    step("b-more").await;
                    trail.lock().unwrap().push("b-arrive");
                    let r = barrier.wait().await;
                    trail.lock().unwrap().push("b-leave");
                    r.is_leader()
                };
                let (x, y) = futures::join!(a, b);
                (x, y, trail.into_inner().unwrap())
            }
        }
    }
    run { f() }
}

twin! {
    /// A closed `Semaphore`: `acquire` fails with `AcquireError`, turned into a `String` error
    /// and returned with `?`, while another permit is alive.
    p23x_semaphore_closed_error {
        lower! {
            pub async fn f(close_after: usize) -> Result<usize, String> {
                let sem = tokio::sync::Semaphore::new(5);
                let first = sem.acquire().await.map_err(|e| e.to_string())?;
                let mut n = 1;
                for i in 0..3 {
                    if i == close_after {
                        sem.close();
                    }
                    let p = sem.acquire().await.map_err(|e| format!("at {i}: {e}"))?;
                    step("acquired").await;
                    p.forget();
                    n += 1;
                }
                drop(first);
                Ok(n)
            }
        }
    }
    run { pair(f(1), f(9)) }
}

twin! {
    /// A loop over `futures::future::select` between the next item of a channel-backed
    /// stream and a periodic "tick" leaf; the unfinished side is kept for the next round.
    p23x_select_loop_stream_and_tick {
        lower! {
            pub async fn f(n: u32) -> (Vec<u32>, u32) {
                let (tx, rx) = futures::channel::mpsc::unbounded::<u32>();
                for i in 0..n {
                    tx.unbounded_send(i * 10).unwrap();
                }
                drop(tx);
                let mut rx = rx;
                let mut got = Vec::new();
                let mut ticks = 0;
                let mut tick = Box::pin(step("tick"));
                loop {
                    match futures::future::select(rx.next(), tick).await {
                        futures::future::Either::Left((Some(v), t)) => {
                            got.push(v);
                            tick = t;
                            step("round").await;
                        }
                        futures::future::Either::Left((None, _t)) => break,
                        futures::future::Either::Right(((), _next)) => {
                            ticks += 1;
                            tick = Box::pin(step("tick"));
                        }
                    }
                }
                (got, ticks)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `futures::select_biased!` over a fused oneshot receiver and a fused leaf, in a loop that
    /// ends when both completed; a guard alive in one handler.
    p23x_futures_select_macro_fused {
        lower! {
            pub async fn f(v: u32) -> Vec<String> {
                let (tx, rx) = futures::channel::oneshot::channel::<u32>();
                let mut rx = rx.fuse();
                let mut work = Box::pin(leaf("work", v).fuse());
                let mut sender = Some(tx);
                let mut out = Vec::new();
                loop {
                    futures::select_biased! {
                        r = rx => {
                            out.push(format!("rx {r:?}"));
                        }
                        w = work => {
                            let _h = Tracker::new("handler");
                            out.push(format!("work {w}"));
                            if let Some(tx) = sender.take() {
                                let _ = tx.send(w + 1);
                            }
                        }
                        complete => break,
                    }
                }
                step("after-select").await;
                out
            }
        }
    }
    run { f(5) }
}

twin! {
    /// `futures::try_join!` of three lowered calls that take `&Mutex` and return `Result`;
    /// `?` on the join; a failure cancels the others mid-way.
    p23x_try_join_results_ok {
        lower! {
            pub async fn load(m: &tokio::sync::Mutex<Vec<String>>, name: &'static str, fail: bool) -> Result<u32, String> {
                let _t = Tracker::new(name);
                let v = leaf(name, name.len() as u32).await;
                if fail {
                    return Err(format!("{name} failed"));
                }
                m.lock().await.push(name.to_string());
                step("loaded").await;
                Ok(v)
            }
        }
        lower! {
            pub async fn f(fail_b: bool) -> Result<(u32, Vec<String>), String> {
                let m = tokio::sync::Mutex::new(Vec::new());
                let (a, b, c) = futures::try_join!(load(&m, "alpha", false), load(&m, "be", fail_b), load(&m, "c", false))?;
                step("joined").await;
                Ok((a + b + c, m.into_inner()))
            }
        }
    }
    run { f(false) }
}

twin! {
    /// `futures::try_join!` of three lowered calls that take `&Mutex` and return `Result`;
    /// `?` on the join; a failure cancels the others mid-way.
    p23x_try_join_results_err {
        lower! {
            pub async fn load(m: &tokio::sync::Mutex<Vec<String>>, name: &'static str, fail: bool) -> Result<u32, String> {
                let _t = Tracker::new(name);
                let v = leaf(name, name.len() as u32).await;
                if fail {
                    return Err(format!("{name} failed"));
                }
                m.lock().await.push(name.to_string());
                step("loaded").await;
                Ok(v)
            }
        }
        lower! {
            pub async fn f(fail_b: bool) -> Result<(u32, Vec<String>), String> {
                let m = tokio::sync::Mutex::new(Vec::new());
                let (a, b, c) = futures::try_join!(load(&m, "alpha", false), load(&m, "be", fail_b), load(&m, "c", false))?;
                step("joined").await;
                Ok((a + b + c, m.into_inner()))
            }
        }
    }
    run { f(true) }
}

twin! {
    /// `stream::iter(..).map(..).buffer_unordered(2)` of `async move` blocks sharing an
    /// `Arc<tokio::sync::Mutex<..>>`, consumed with `next().await` in a `while let`.
    p23x_buffer_unordered_with_mutex {
        lower! {
            pub async fn f(n: u32) -> (Vec<u32>, Vec<u32>) {
                let seen = Arc::new(tokio::sync::Mutex::new(Vec::new()));
                let s2 = seen.clone();
                let mut st = futures::stream::iter(0..n)
                    .map(move |i| {
                        let seen = s2.clone();
                        async move {
                            let v = leaf("fetch", i * 2).await;
                            seen.lock().await.push(i);
                            v
                        }
                    })
                    .buffer_unordered(2);
                let mut out = Vec::new();
                while let Some(v) = st.next().await {
                    step("got").await;
                    out.push(v);
                }
                drop(st);
                let s = seen.lock().await.clone();
                (out, s)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// `futures::stream::unfold` over a `tokio::sync::mpsc::Receiver` (its state), filled by
    /// a joined producer; the stream summed with `fold`.
    p23x_unfold_over_receiver {
        lower! {
            pub async fn f(xs: Vec<u32>) -> (u32, usize) {
                let (tx, rx) = tokio::sync::mpsc::channel::<u32>(2);
                let count = xs.len();
                let producer = async move {
                    for x in xs {
                        tx.send(leaf("produce", x).await).await.unwrap();
                    }
                };
                let stream = futures::stream::unfold(rx, |mut rx| async move {
                    let v = rx.recv().await?;
                    Some((v, rx))
                });
                let consumer = stream.fold(0u32, |acc, v| async move {
                    step("fold").await;
                    acc + v
                });
                let ((), total) = futures::join!(producer, consumer);
                (total, count)
            }
        }
    }
    run { f(vec![1, 2, 3, 4]) }
}

twin! {
    /// `tokio::sync::mpsc::unbounded_channel` with the sender cloned into each of several
    /// `async move` blocks run with `join_all`; the original sender dropped, then drained.
    p23x_unbounded_cloned_senders_join_all {
        lower! {
            pub async fn f(names: Vec<&'static str>) -> Vec<String> {
                let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(String, Tracker)>();
                let tasks: Vec<_> = names
                    .into_iter()
                    .map(|n| {
                        let tx = tx.clone();
                        async move {
                            let v = leaf(n, n.len()).await;
                            tx.send((format!("{n}={v}"), Tracker::new(n))).unwrap();
                            step("sent").await;
                        }
                    })
                    .collect();
                drop(tx);
                futures::future::join_all(tasks).await;
                let mut out = Vec::new();
                while let Some((s, t)) = rx.recv().await {
                    out.push(s);
                    drop(t);
                }
                out
            }
        }
    }
    run { f(vec!["ab", "c", "def"]) }
}

// Known gap: E0507: a field moved out (`b.flushed`) of a local whose `&mut self` method call was an operand of `join!` (kept in a frame slot; documented: moving a field out of a local that a reference held across an await borrows).
#[cfg(feature = "known-gaps")]
twin! {
    /// A consumer struct owning a `tokio::sync::mpsc::Receiver` with an `async fn run(&mut
    /// self)` that batches messages by two and flushes with an await; a producer joined.
    p23x_consumer_struct_owns_receiver {
        pub struct Batcher { pub rx: tokio::sync::mpsc::Receiver<Tracker>, pub batch: Vec<Tracker>, pub flushed: Vec<Vec<&'static str>> }
        impl Batcher {
            lower! {
                pub async fn flush(&mut self) {
                    if self.batch.is_empty() {
                        return;
                    }
                    step("flush").await;
                    let names = self.batch.drain(..).map(|t| t.name()).collect();
                    self.flushed.push(names);
                }
            }
            lower! {
                pub async fn run(&mut self) -> usize {
                    let mut n = 0;
                    while let Some(t) = self.rx.recv().await {
                        n += 1;
                        self.batch.push(t);
                        if self.batch.len() == 2 {
                            self.flush().await;
                        }
                    }
                    self.flush().await;
                    n
                }
            }
        }
        lower! {
            pub async fn f(names: Vec<&'static str>) -> (usize, Vec<Vec<&'static str>>) {
                let (tx, rx) = tokio::sync::mpsc::channel(1);
                let mut b = Batcher { rx, batch: Vec::new(), flushed: Vec::new() };
                let producer = async move {
                    for n in names {
                        tx.send(Tracker::new(n)).await.unwrap();
                        step("produced").await;
                    }
                };
                let ((), n) = futures::join!(producer, b.run());
                (n, b.flushed)
            }
        }
    }
    run { f(vec!["a", "b", "c"]) }
}

twin! {
    /// A service struct whose `&self` async method holds `self.state.lock().await` across an
    /// awaited backend call, with `?` on the backend's `Result`; handled from a loop.
    p23x_service_self_lock_across_await {
        pub struct State { pub hits: u32, pub last: Option<String>, pub _t: Tracker }
        pub struct Service { pub state: tokio::sync::Mutex<State>, pub name: &'static str }
        impl Service {
            lower! {
                pub async fn backend(&self, key: &str) -> Result<String, String> {
                    step("backend").await;
                    if key.is_empty() { Err(format!("{}: empty key", self.name)) } else { Ok(key.to_uppercase()) }
                }
            }
            lower! {
                pub async fn handle(&self, key: &str) -> Result<u32, String> {
                    let mut st = self.state.lock().await;
                    st.hits += 1;
                    let v = self.backend(key).await?;
                    st.last = Some(v);
                    step("after-backend").await;
                    Ok(st.hits)
                }
            }
        }
        lower! {
            pub async fn f(keys: Vec<&'static str>) -> (Vec<Result<u32, String>>, Option<String>) {
                let svc = Service { state: tokio::sync::Mutex::new(State { hits: 0, last: None, _t: Tracker::new("state") }), name: "svc" };
                let mut rs = Vec::new();
                for k in keys {
                    rs.push(svc.handle(k).await);
                }
                let last = svc.state.lock().await.last.clone();
                (rs, last)
            }
        }
    }
    run { f(vec!["a", "", "b"]) }
}

twin! {
    /// `tokio::sync::broadcast` of `Arc<Tracker>`: two receivers made before the sends, one
    /// lagging behind a small capacity (`Lagged` error), drained in a loop with `?`-less match.
    p23x_broadcast_arc_trackers {
        lower! {
            pub async fn f() -> (Vec<String>, Vec<String>) {
                let (tx, mut r1) = tokio::sync::broadcast::channel::<Arc<Tracker>>(2);
                let mut r2 = tx.subscribe();
                let mut a = Vec::new();
                for n in ["e1", "e2", "e3"] {
                    tx.send(Arc::new(Tracker::new(n))).unwrap();
                    match r1.recv().await {
                        Ok(t) => a.push(t.name().to_string()),
                        Err(e) => a.push(format!("err {e}")),
                    }
                    step("sent").await;
                }
                drop(tx);
                let mut b = Vec::new();
                loop {
                    match r2.recv().await {
                        Ok(t) => { step("r2").await; b.push(t.name().to_string()) }
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(k)) => b.push(format!("lagged {k}")),
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                    }
                }
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `tokio::sync::Mutex` guard held while a `join!` of two leaves and a lowered call
    /// that does not touch the mutex runs; the guard released after the join.
    p23x_guard_held_across_join {
        lower! {
            pub async fn side(n: u32) -> u32 {
                let _s = Tracker::new("side");
                step("side").await;
                n + 1
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let m = tokio::sync::Mutex::new(vec![Tracker::new("inside")]);
                let mut g = m.lock().await;
                let (a, b, c) = futures::join!(leaf("x", 1u32), side(2), leaf("y", 3u32));
                g.push(Tracker::new("after-join"));
                let n = g.len() as u32;
                drop(g);
                step("released").await;
                a + b + c + n
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block made while a `std::sync::Mutex` guard is alive (it copies data
    /// out of it), the guard dropped, then the block awaited after other awaits.
    p23x_async_block_made_under_guard_awaited_later {
        lower! {
            pub async fn f() -> (u32, usize) {
                let m = std::sync::Mutex::new(vec![1u32, 2, 3]);
                let t = Tracker::new("moved-in");
                let fut = {
                    let g = m.lock().unwrap();
                    let snapshot: Vec<u32> = g.clone();
                    async move {
                        step("inner").await;
                        let _t = t;
                        snapshot.iter().sum::<u32>()
                    }
                };
                m.lock().unwrap().push(10);
                step("outer").await;
                let s = fut.await;
                (s, m.lock().unwrap().len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `Notify::notify_waiters` waking two waiting blocks in a loop of rounds; a shared
    /// `Cell` counter read after each round.
    p23x_notify_waiters_loop {
        lower! {
            pub async fn f(rounds: u32) -> (u32, u32) {
                let notify = tokio::sync::Notify::new();
                let hits = std::cell::Cell::new(0u32);
                let mut total = 0;
                for r in 0..rounds {
                    let w1 = async {
                        notify.notified().await;
                        hits.set(hits.get() + 1);
                    };
                    let w2 = async {
                        let _w = Tracker::new("w2");
                        notify.notified().await;
                        step("w2-after").await;
                        hits.set(hits.get() + 10);
                    };
                    let kick = async {
                        step("kick").await;
                        notify.notify_waiters();
                    };
                    futures::join!(w1, w2, kick);
                    total += r;
                }
                (hits.get(), total)
            }
        }
    }
    run { f(2) }
}

twin! {
    /// `self.inner.lock().await.process(x).await`: a lowered `&mut self` method called on a
    /// guard temporary, which lives across the method's await; several calls in a loop.
    p23x_method_on_locked_value_awaited {
        pub struct Engine { pub count: u32, pub log: Vec<String>, pub _t: Tracker }
        impl Engine {
            lower! {
                pub async fn process(&mut self, x: u32) -> u32 {
                    step("process").await;
                    self.count += x;
                    self.log.push(format!("x{x}"));
                    self.count
                }
            }
        }
        pub struct Handle { pub inner: tokio::sync::Mutex<Engine> }
        impl Handle {
            lower! {
                pub async fn submit(&self, x: u32) -> u32 {
                    let _s = Tracker::new("submit");
                    self.inner.lock().await.process(x).await
                }
            }
        }
        lower! {
            pub async fn f(xs: Vec<u32>) -> (Vec<u32>, Vec<String>) {
                let h = Handle { inner: tokio::sync::Mutex::new(Engine { count: 0, log: vec![], _t: Tracker::new("engine") }) };
                let mut out = Vec::new();
                for x in xs {
                    out.push(h.submit(x).await);
                }
                let both = futures::join!(h.submit(100), h.submit(200));
                out.push(both.0 + both.1);
                let log = h.inner.lock().await.log.clone();
                (out, log)
            }
        }
    }
    run { f(vec![1, 2]) }
}

twin! {
    /// A guard passed by value to a lowered fn that holds it across its own awaits; `&mut
    /// *guard` lent to another lowered fn; `let _ = m.lock().await` dropped at once.
    p23x_guard_passed_to_lowered_fn {
        lower! {
            pub async fn consume(mut g: tokio::sync::MutexGuard<'_, Vec<u32>>, v: u32) -> usize {
                let _c = Tracker::new("consume");
                step("consume").await;
                g.push(v);
                g.len()
            }
        }
        lower! {
            pub async fn fill(v: &mut Vec<u32>, n: u32) {
                for i in 0..n {
                    v.push(leaf("fill", i).await);
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, Vec<u32>) {
                let m = tokio::sync::Mutex::new(vec![]);
                let _ = m.lock().await;
                step("after-underscore").await;
                let a = consume(m.lock().await, 5).await;
                let mut g = m.lock().await;
                fill(&mut *g, 2).await;
                fill(&mut g, 1).await;
                drop(g);
                (a, m.into_inner())
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard shadowed by a value read from it (`let g = g.len();`): the guard is not dropped
    /// until the scope ends, so a `try_lock` after the shadowing still fails.
    p23x_shadowed_guard_lives_on {
        lower! {
            pub async fn f() -> (usize, bool, bool) {
                let m = tokio::sync::Mutex::new(vec![Tracker::new("a"), Tracker::new("b")]);
                let held_after_shadow;
                let n;
                {
                    let g = m.lock().await;
                    step("locked").await;
                    let g = g.len();
                    held_after_shadow = m.try_lock().is_err();
                    step("shadowed").await;
                    n = g;
                }
                let free = m.try_lock().is_ok();
                (n, held_after_shadow, free)
            }
        }
    }
    run { f() }
}

twin! {
    /// A connection pool: a `Semaphore` bounds checkouts, a `std::sync::Mutex<Vec<Conn>>`
    /// holds idle connections, and a `Pooled` guard's `Drop` puts its connection back.
    p23x_connection_pool_drop_returns {
        pub struct Conn { pub id: u32, pub uses: u32 }
        pub struct Pool { pub idle: std::sync::Mutex<Vec<Conn>>, pub sem: tokio::sync::Semaphore }
        pub struct Pooled<'a> { pub conn: Option<Conn>, pub pool: &'a Pool, pub _permit: tokio::sync::SemaphorePermit<'a> }
        impl Drop for Pooled<'_> {
            fn drop(&mut self) {
                if let Some(c) = self.conn.take() {
                    log(format!("return conn {} ({} uses)", c.id, c.uses));
                    self.pool.idle.lock().unwrap().push(c);
                }
            }
        }
        impl Pool {
            lower! {
                pub async fn get(&self) -> Pooled<'_> {
                    let permit = self.sem.acquire().await.unwrap();
                    let conn = self.idle.lock().unwrap().pop().expect("an idle conn per permit");
                    step("checkout").await;
                    Pooled { conn: Some(conn), pool: self, _permit: permit }
                }
            }
        }
        lower! {
            pub async fn query(pool: &Pool, q: &'static str) -> String {
                let mut c = pool.get().await;
                let conn = c.conn.as_mut().unwrap();
                conn.uses += 1;
                let r = leaf(q, q.len()).await;
                format!("{q}@{}={r}", conn.id)
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let pool = Pool { idle: std::sync::Mutex::new(vec![Conn { id: 1, uses: 0 }, Conn { id: 2, uses: 0 }]), sem: tokio::sync::Semaphore::new(2) };
                let mut out = vec![query(&pool, "select").await];
                let (a, b, c) = futures::join!(query(&pool, "a"), query(&pool, "bb"), query(&pool, "ccc"));
                out.extend([a, b, c]);
                let held = pool.get().await;
                out.push(format!("held {}", held.conn.as_ref().unwrap().id));
                drop(held);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A multiplexer: requests get an id and a `oneshot` stored in a `BTreeMap` behind a
    /// `std::sync::Mutex`; responses arrive out of order from a joined "wire" block.
    p23x_pending_map_correlation_ids {
        pub struct Mux { pub next: std::cell::Cell<u32>, pub pending: std::sync::Mutex<BTreeMap<u32, tokio::sync::oneshot::Sender<String>>> }
        impl Mux {
            lower! {
                pub async fn call(&self, body: &'static str) -> Result<String, String> {
                    let id = self.next.get();
                    self.next.set(id + 1);
                    let (tx, rx) = tokio::sync::oneshot::channel();
                    self.pending.lock().unwrap().insert(id, tx);
                    let _inflight = Tracker::new("inflight");
                    let r = rx.await.map_err(|_| format!("call {id} ({body}) dropped"))?;
                    Ok(format!("{id}:{r}"))
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<String, String>> {
                let mux = Mux { next: std::cell::Cell::new(1), pending: std::sync::Mutex::new(BTreeMap::new()) };
                let wire = async {
                    step("wire").await;
                    for id in [2u32, 1, 3] {
                        let tx = mux.pending.lock().unwrap().remove(&id);
                        step("respond").await;
                        if let Some(tx) = tx {
                            if id == 3 { drop(tx); } else { let _ = tx.send(format!("resp{id}")); }
                        }
                    }
                };
                let (a, b, c, ()) = futures::join!(mux.call("x"), mux.call("y"), mux.call("z"), wire);
                vec![a, b, c]
            }
        }
    }
    run { f() }
}

twin! {
    /// A server loop that `select`s between the next request of an `mpsc` channel and a
    /// shutdown `oneshot`, with `tokio::select!` (biased); a tracker per request handled.
    p23x_shutdown_signal_select_loop_stop {
        lower! {
            pub async fn server(mut reqs: tokio::sync::mpsc::Receiver<u32>, mut shutdown: tokio::sync::oneshot::Receiver<()>) -> Vec<u32> {
                let mut out = Vec::new();
                let _srv = Tracker::new("server");
                loop {
                    let req = tokio::select! {
                        biased;
                        _ = &mut shutdown => { log("shutdown"); break; }
                        r = reqs.recv() => r,
                    };
                    let Some(r) = req else { break };
                    let _t = Tracker::new("request");
                    out.push(leaf("serve", r + 1).await);
                }
                out
            }
        }
        lower! {
            pub async fn f(stop_early: bool) -> Vec<u32> {
                let (tx, rx) = tokio::sync::mpsc::channel(4);
                let (stx, srx) = tokio::sync::oneshot::channel();
                let client = async move {
                    tx.send(1).await.unwrap();
                    tx.send(2).await.unwrap();
                    step("client").await;
                    if stop_early {
                        let _ = stx.send(());
                        step("after-stop").await;
                        let _ = tx.send(3).await;
                    } else {
                        tx.send(3).await.unwrap();
                        drop(tx);
                        step("keep").await;
                        drop(stx);
                    }
                };
                let (out, ()) = futures::join!(server(rx, srx), client);
                out
            }
        }
    }
    run { f(true) }
}

twin! {
    /// A server loop that `select`s between the next request of an `mpsc` channel and a
    /// shutdown `oneshot`, with `tokio::select!` (biased); a tracker per request handled.
    p23x_shutdown_signal_select_loop_drain {
        lower! {
            pub async fn server(mut reqs: tokio::sync::mpsc::Receiver<u32>, mut shutdown: tokio::sync::oneshot::Receiver<()>) -> Vec<u32> {
                let mut out = Vec::new();
                let _srv = Tracker::new("server");
                loop {
                    let req = tokio::select! {
                        biased;
                        _ = &mut shutdown => { log("shutdown"); break; }
                        r = reqs.recv() => r,
                    };
                    let Some(r) = req else { break };
                    let _t = Tracker::new("request");
                    out.push(leaf("serve", r + 1).await);
                }
                out
            }
        }
        lower! {
            pub async fn f(stop_early: bool) -> Vec<u32> {
                let (tx, rx) = tokio::sync::mpsc::channel(4);
                let (stx, srx) = tokio::sync::oneshot::channel();
                let client = async move {
                    tx.send(1).await.unwrap();
                    tx.send(2).await.unwrap();
                    step("client").await;
                    if stop_early {
                        let _ = stx.send(());
                        step("after-stop").await;
                        let _ = tx.send(3).await;
                    } else {
                        tx.send(3).await.unwrap();
                        drop(tx);
                        step("keep").await;
                        drop(stx);
                    }
                };
                let (out, ()) = futures::join!(server(rx, srx), client);
                out
            }
        }
    }
    run { f(false) }
}

twin! {
    /// A token bucket with a `std::sync::Mutex<(tokens, refills)>`: `acquire` loops, taking a
    /// token if any (guard dropped before awaiting), else awaiting a "refill" leaf.
    p23x_token_bucket_refill {
        pub struct Bucket { pub state: std::sync::Mutex<(u32, u32)>, pub cap: u32 }
        impl Bucket {
            lower! {
                pub async fn acquire(&self, who: &'static str) -> u32 {
                    loop {
                        {
                            let mut st = self.state.lock().unwrap();
                            if st.0 > 0 {
                                st.0 -= 1;
                                log(format!("{who} took a token, {} left", st.0));
                                return st.1;
                            }
                        }
                        step("refill").await;
                        let mut st = self.state.lock().unwrap();
                        st.0 = self.cap;
                        st.1 += 1;
                    }
                }
            }
        }
        lower! {
            pub async fn f(n: u32) -> (Vec<u32>, u32) {
                let b = Bucket { state: std::sync::Mutex::new((1, 0)), cap: 2 };
                let _t = Tracker::new("bucket-user");
                let mut seen = Vec::new();
                for _ in 0..n {
                    seen.push(b.acquire("loop").await);
                }
                let (x, y) = futures::join!(b.acquire("j1"), b.acquire("j2"));
                seen.push(x * 10 + y);
                let refills = b.state.lock().unwrap().1;
                (seen, refills)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A token bucket with a `std::sync::Mutex<(tokens, refills)>`: `acquire` loops, taking a
    /// token if any (guard dropped before awaiting), else awaiting a "refill" leaf.
    p23x_token_bucket_refill_short {
        pub struct Bucket { pub state: std::sync::Mutex<(u32, u32)>, pub cap: u32 }
        impl Bucket {
            lower! {
                pub async fn acquire(&self, who: &'static str) -> u32 {
                    loop {
                        {
                            let mut st = self.state.lock().unwrap();
                            if st.0 > 0 {
                                st.0 -= 1;
                                log(format!("{who} took a token, {} left", st.0));
                                return st.1;
                            }
                        }
                        step("refill").await;
                        let mut st = self.state.lock().unwrap();
                        st.0 = self.cap;
                        st.1 += 1;
                    }
                }
            }
        }
        lower! {
            pub async fn f(n: u32) -> (Vec<u32>, u32) {
                let b = Bucket { state: std::sync::Mutex::new((1, 0)), cap: 2 };
                let _t = Tracker::new("bucket-user");
                let mut seen = Vec::new();
                for _ in 0..n {
                    seen.push(b.acquire("loop").await);
                }
                let (x, y) = futures::join!(b.acquire("j1"), b.acquire("j2"));
                seen.push(x * 10 + y);
                let refills = b.state.lock().unwrap().1;
                (seen, refills)
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Lazy initialisation: a `tokio::sync::Mutex<Option<Client>>` filled on first use by an
    /// awaited connect (the guard held across it), reused afterwards; `OnceCell` with
    /// `get_or_try_init` failing once then succeeding.
    p23x_lazy_init_mutex_option {
        pub struct Client { pub id: u32, pub _t: Tracker }
        lower! {
            pub async fn connect(id: u32) -> Client {
                step("connect").await;
                Client { id, _t: Tracker::new("client") }
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<String>) {
                let slot: tokio::sync::Mutex<Option<Client>> = tokio::sync::Mutex::new(None);
                let mut ids = Vec::new();
                for i in 0..3u32 {
                    let mut g = slot.lock().await;
                    if g.is_none() {
                        *g = Some(connect(i + 7).await);
                    }
                    ids.push(g.as_ref().unwrap().id);
                }
                let cell: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::new();
                let mut rs = Vec::new();
                for attempt in 0..3u32 {
                    let r = cell.get_or_try_init(|| async move {
                        step("init").await;
                        if attempt == 0 { Err(format!("attempt {attempt} failed")) } else { Ok(format!("ready@{attempt}")) }
                    }).await;
                    rs.push(match r { Ok(s) => s.clone(), Err(e) => e });
                }
                (ids, rs)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Rc<RefCell<VecDeque<Tracker>>>` queue shared by a producer and a consumer block
    /// joined with `join!`; borrows always end before awaits, the consumer polls until the
    /// producer's `done` flag is set.
    p23x_rc_refcell_queue_producer_consumer {
        lower! {
            pub async fn f(n: u32) -> Vec<&'static str> {
                let q = Rc::new(RefCell::new(VecDeque::new()));
                let done = Rc::new(std::cell::Cell::new(false));
                let (pq, pd) = (q.clone(), done.clone());
                let producer = async move {
                    for i in 0..n {
                        step("produce").await;
                        pq.borrow_mut().push_back(Tracker::new(if i % 2 == 0 { "even" } else { "odd" }));
                    }
                    pd.set(true);
                };
                let consumer = async {
                    let mut seen = Vec::new();
                    loop {
                        let next = q.borrow_mut().pop_front();
                        match next {
                            Some(t) => {
                                step("consume").await;
                                seen.push(t.name());
                            }
                            None if done.get() => break,
                            None => step("idle").await,
                        }
                    }
                    seen
                };
                let ((), seen) = futures::join!(producer, consumer);
                seen
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A loop holding a `tokio::sync::Mutex` guard per iteration, leaving with `continue`
    /// and `break` (and a labelled `break` from an inner loop) while the guard is alive.
    p23x_break_continue_with_guard {
        lower! {
            pub async fn f(xs: Vec<u32>) -> (u32, Vec<u32>) {
                let m = tokio::sync::Mutex::new(Vec::new());
                let mut sum = 0;
                'outer: for x in xs {
                    let mut g = m.lock().await;
                    let _t = Tracker::new("iter");
                    if x == 0 {
                        continue;
                    }
                    for k in 0..x {
                        let v = leaf("k", k).await;
                        if v == 3 {
                            break 'outer;
                        }
                        g.push(v);
                    }
                    if x > 5 {
                        break;
                    }
                    sum += x;
                    step("iter-end").await;
                }
                (sum, m.into_inner())
            }
        }
    }
    run { pair(f(vec![2, 0, 1]), pair(f(vec![1, 9, 1]), f(vec![2, 4, 2]))) }
}

twin! {
    /// A `Request` parameter whose `id` field is read before an await and whose `reply`
    /// oneshot field is sent into after it (`req.reply.send(..)`), as in actor code.
    p23x_request_param_reply_field {
        pub struct Request { pub id: u32, pub body: String, pub reply: tokio::sync::oneshot::Sender<String> }
        lower! {
            pub async fn handle(req: Request) -> u32 {
                let id = req.id;
                let _t = Tracker::new("handling");
                let len = leaf("work", req.body.len()).await;
                let _ = req.reply.send(format!("{id}:{len}"));
                step("replied").await;
                id
            }
        }
        lower! {
            pub async fn f() -> (u32, Result<String, String>) {
                let (tx, rx) = tokio::sync::oneshot::channel();
                let id = handle(Request { id: 7, body: "hello".into(), reply: tx }).await;
                (id, rx.await.map_err(|e| e.to_string()))
            }
        }
    }
    run { f() }
}

twin! {
    /// Jobs carrying a `done: oneshot::Sender<u32>` handled in a `while let` over a
    /// `VecDeque`; the job's name read before the await, `done` consumed after, with a
    /// `Tracker` field left to drop at the end of the iteration.
    p23x_job_done_channel_in_loop {
        pub struct Job { pub name: &'static str, pub n: u32, pub done: tokio::sync::oneshot::Sender<u32>, pub _t: Tracker }
        lower! {
            pub async fn run(mut q: VecDeque<Job>) -> Vec<&'static str> {
                let mut names = Vec::new();
                while let Some(job) = q.pop_front() {
                    names.push(job.name);
                    let r = leaf(job.name, job.n * 3).await;
                    job.done.send(r).ok();
                    step("next").await;
                }
                names
            }
        }
        lower! {
            pub async fn f() -> (Vec<&'static str>, Vec<u32>) {
                let mut q = VecDeque::new();
                let mut rxs = Vec::new();
                for (name, n) in [("j1", 1u32), ("j2", 2)] {
                    let (tx, rx) = tokio::sync::oneshot::channel();
                    q.push_back(Job { name, n, done: tx, _t: Tracker::new(name) });
                    rxs.push(rx);
                }
                let names = run(q).await;
                let mut rs = Vec::new();
                for rx in rxs {
                    rs.push(rx.await.unwrap_or(0));
                }
                (names, rs)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Ticket { id, permit }` holding an owned semaphore permit: `id` read across awaits,
    /// the permit released early with `drop(ticket.permit)` and the rest dropped at the end.
    p23x_ticket_permit_field {
        pub struct Ticket { pub id: u32, pub permit: tokio::sync::OwnedSemaphorePermit, pub _t: Tracker }
        lower! {
            pub async fn f() -> (Vec<u32>, usize) {
                let sem = Arc::new(tokio::sync::Semaphore::new(1));
                let mut ids = Vec::new();
                for id in 0..2u32 {
                    let ticket = Ticket { id, permit: sem.clone().acquire_owned().await.unwrap(), _t: Tracker::new("ticket") };
                    step("with-ticket").await;
                    ids.push(ticket.id);
                    drop(ticket.permit);
                    log(format!("available {}", sem.available_permits()));
                    step("released").await;
                    ids.push(ticket.id + 100);
                }
                (ids, sem.available_permits())
            }
        }
    }
    run { f() }
}

twin! {
    /// `tx.reserve().await` gives a send permit held across another await before
    /// `permit.send(v)`; `recv_many` drains into a buffer afterwards.
    p23x_mpsc_reserve_permit {
        lower! {
            pub async fn f(n: u32) -> (Vec<u32>, usize) {
                let (tx, mut rx) = tokio::sync::mpsc::channel::<u32>(2);
                let mut buf = Vec::new();
                for i in 0..n {
                    let permit = tx.reserve().await.unwrap();
                    let v = leaf("value", i * 5).await;
                    permit.send(v);
                    if i % 2 == 1 {
                        let got = rx.recv_many(&mut buf, 8).await;
                        log(format!("recv_many {got}"));
                    }
                }
                drop(tx);
                let rest = rx.recv_many(&mut buf, 8).await;
                (buf, rest)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A long operation pinned on the stack with `std::pin::pin!` and raced in a loop against
    /// "tick" leaves through `select(work.as_mut(), tick)`, counting ticks until it ends.
    p23x_pinned_work_with_ticks {
        lower! {
            pub async fn work(n: u32) -> u32 {
                let _w = Tracker::new("work");
                let mut acc = 0;
                for i in 0..n {
                    acc += leaf("work-step", i).await;
                }
                acc
            }
        }
        lower! {
            pub async fn f(n: u32) -> (u32, u32) {
                let mut w = std::pin::pin!(work(n));
                let mut ticks = 0;
                let result = loop {
                    match futures::future::select(w.as_mut(), Box::pin(step("tick"))).await {
                        futures::future::Either::Left((v, _tick)) => break v,
                        futures::future::Either::Right(((), _)) => {
                            ticks += 1;
                            log(format!("tick {ticks}"));
                        }
                    }
                };
                step("done").await;
                (result, ticks)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `futures::future::select_all` over boxed lowered calls: the first to finish wins, the
    /// rest are awaited one by one with `join_all` afterwards.
    p23x_select_all_first_wins {
        lower! {
            pub async fn fetch(name: &'static str, delay: u32) -> String {
                let _t = Tracker::new(name);
                for _ in 0..delay {
                    step(name).await;
                }
                name.to_uppercase()
            }
        }
        lower! {
            pub async fn f() -> (String, usize, Vec<String>) {
                let futs = vec![Box::pin(fetch("slow", 3)), Box::pin(fetch("fast", 1)), Box::pin(fetch("mid", 2))];
                let (first, idx, rest) = futures::future::select_all(futs).await;
                step("first").await;
                let others = futures::future::join_all(rest).await;
                (first, idx, others)
            }
        }
    }
    run { f() }
}

twin! {
    /// An event loop reading `Event`s from an unbounded channel with `unwrap_or(Quit)`,
    /// matching them with awaits in arms; a `Tick` re-sends a message to itself.
    p23x_event_loop_enum_events {
        #[derive(Debug)]
        pub enum Event { Msg(String), Tick(u32), Data(Tracker), Quit }
        lower! {
            pub async fn f(events: Vec<Event>) -> Vec<String> {
                let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
                for e in events {
                    tx.send(e).unwrap();
                }
                let mut out = Vec::new();
                loop {
                    let ev = rx.recv().await.unwrap_or(Event::Quit);
                    match ev {
                        Event::Msg(s) => out.push(leaf("msg", s).await),
                        Event::Tick(0) => out.push("tick done".into()),
                        Event::Tick(n) => {
                            step("tick").await;
                            tx.send(Event::Tick(n - 1)).unwrap();
                        }
                        Event::Data(t) => {
                            step("data").await;
                            out.push(format!("data {}", t.name()));
                        }
                        Event::Quit => break,
                    }
                }
                out
            }
        }
    }
    run { f(vec![Event::Msg("hi".into()), Event::Tick(2), Event::Data(Tracker("d")), Event::Quit, Event::Data(Tracker("unread"))]) }
}

twin! {
    /// A connection whose state enum lives in a `tokio::sync::Mutex`: `match &mut *g` moves
    /// between states, with `std::mem::replace` on the guarded value and awaits under the lock.
    p23x_state_in_mutex_transitions {
        #[derive(Debug)]
        pub enum ConnState { Idle, Connecting(u32), Open(Tracker), Closed }
        lower! {
            pub async fn advance(m: &tokio::sync::Mutex<ConnState>) -> String {
                let mut g = m.lock().await;
                let old = std::mem::replace(&mut *g, ConnState::Closed);
                let desc = format!("{old:?}");
                *g = match old {
                    ConnState::Idle => ConnState::Connecting(leaf("dial", 1).await),
                    ConnState::Connecting(n) if n < 2 => ConnState::Connecting(n + 1),
                    ConnState::Connecting(_) => {
                        step("handshake").await;
                        ConnState::Open(Tracker::new("socket"))
                    }
                    ConnState::Open(t) => {
                        step("closing").await;
                        drop(t);
                        ConnState::Closed
                    }
                    ConnState::Closed => ConnState::Closed,
                };
                desc
            }
        }
        lower! {
            pub async fn f(n: usize) -> Vec<String> {
                let m = tokio::sync::Mutex::new(ConnState::Idle);
                let mut out = Vec::new();
                for _ in 0..n {
                    out.push(advance(&m).await);
                }
                out.push(format!("{:?}", m.lock().await));
                out
            }
        }
    }
    run { f(5) }
}

twin! {
    /// A connection whose state enum lives in a `tokio::sync::Mutex`: `match &mut *g` moves
    /// between states, with `std::mem::replace` on the guarded value and awaits under the lock.
    /// Stops while the state holds a socket tracker.
    p23x_state_in_mutex_transitions_short {
        #[derive(Debug)]
        pub enum ConnState { Idle, Connecting(u32), Open(Tracker), Closed }
        lower! {
            pub async fn advance(m: &tokio::sync::Mutex<ConnState>) -> String {
                let mut g = m.lock().await;
                let old = std::mem::replace(&mut *g, ConnState::Closed);
                let desc = format!("{old:?}");
                *g = match old {
                    ConnState::Idle => ConnState::Connecting(leaf("dial", 1).await),
                    ConnState::Connecting(n) if n < 2 => ConnState::Connecting(n + 1),
                    ConnState::Connecting(_) => {
                        step("handshake").await;
                        ConnState::Open(Tracker::new("socket"))
                    }
                    ConnState::Open(t) => {
                        step("closing").await;
                        drop(t);
                        ConnState::Closed
                    }
                    ConnState::Closed => ConnState::Closed,
                };
                desc
            }
        }
        lower! {
            pub async fn f(n: usize) -> Vec<String> {
                let m = tokio::sync::Mutex::new(ConnState::Idle);
                let mut out = Vec::new();
                for _ in 0..n {
                    out.push(advance(&m).await);
                }
                out.push(format!("{:?}", m.lock().await));
                out
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `futures::future::abortable` around a lowered call, aborted from a joined block after
    /// a few steps; the aborted work's locals dropped at the abort.
    p23x_abortable_work_long {
        lower! {
            pub async fn work(n: u32) -> u32 {
                let _w = Tracker::new("work");
                let mut s = 0;
                for i in 0..n {
                    step("work").await;
                    s += i;
                }
                s
            }
        }
        lower! {
            pub async fn f(n: u32) -> (Result<u32, String>, bool) {
                let (fut, handle) = futures::future::abortable(work(n));
                let aborter = async {
                    step("a1").await;
                    step("a2").await;
                    handle.abort();
                    handle.is_aborted()
                };
                let (r, aborted) = futures::join!(fut, aborter);
                (r.map_err(|e| e.to_string()), aborted)
            }
        }
    }
    run { f(20) }
}

twin! {
    /// `futures::future::abortable` around a lowered call, aborted from a joined block after
    /// a few steps; the aborted work's locals dropped at the abort.
    p23x_abortable_work_short {
        lower! {
            pub async fn work(n: u32) -> u32 {
                let _w = Tracker::new("work");
                let mut s = 0;
                for i in 0..n {
                    step("work").await;
                    s += i;
                }
                s
            }
        }
        lower! {
            pub async fn f(n: u32) -> (Result<u32, String>, bool) {
                let (fut, handle) = futures::future::abortable(work(n));
                let aborter = async {
                    step("a1").await;
                    step("a2").await;
                    handle.abort();
                    handle.is_aborted()
                };
                let (r, aborted) = futures::join!(fut, aborter);
                (r.map_err(|e| e.to_string()), aborted)
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `FutureExt::shared()` on a lowered call, cloned and awaited by two joined blocks and
    /// once more afterwards (the output cloned each time).
    p23x_shared_future_awaited_twice {
        lower! {
            pub async fn config() -> Arc<String> {
                let _c = Tracker::new("config-load");
                step("load").await;
                Arc::new(String::from("cfg"))
            }
        }
        lower! {
            pub async fn f() -> (String, String, usize) {
                let shared = config().shared();
                let s1 = shared.clone();
                let a = async move { let v = s1.await; step("a").await; format!("a:{v}") };
                let s2 = shared.clone();
                let b = async move { step("b").await; format!("b:{}", s2.await) };
                let (a, b) = futures::join!(a, b);
                let v = shared.await;
                (a, b, Arc::strong_count(&v))
            }
        }
    }
    run { f() }
}

twin! {
    /// `StreamExt::for_each_concurrent` with a limit of 2 over items, each locking a shared
    /// `tokio::sync::Mutex` inside its `async move` block.
    p23x_for_each_concurrent_counter {
        lower! {
            pub async fn f(n: u32) -> (u32, Vec<u32>) {
                let m = Arc::new(tokio::sync::Mutex::new((0u32, Vec::new())));
                let m2 = m.clone();
                futures::stream::iter(0..n)
                    .for_each_concurrent(2, move |i| {
                        let m = m2.clone();
                        async move {
                            let v = leaf("item", i).await;
                            let mut g = m.lock().await;
                            g.0 += v;
                            step("under-lock").await;
                            g.1.push(i);
                        }
                    })
                    .await;
                let g = m.lock().await;
                (g.0, g.1.clone())
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A `try_lock` spin with a `step` between tries while a joined block holds the lock over
    /// a few awaits.
    p23x_try_lock_spin {
        lower! {
            pub async fn f() -> (u32, u32) {
                let m = tokio::sync::Mutex::new(1u32);
                let holder = async {
                    let mut g = m.lock().await;
                    step("h1").await;
                    step("h2").await;
                    *g += 10;
                };
                let spinner = async {
                    let mut tries = 0;
                    loop {
                        tries += 1;
                        match m.try_lock() {
                            Ok(mut g) => {
                                *g *= 2;
                                break tries;
                            }
                            Err(_) => step("spin").await,
                        }
                    }
                };
                let ((), tries) = futures::join!(holder, spinner);
                (m.into_inner(), tries)
            }
        }
    }
    run { f() }
}

twin! {
    /// A wait group from a `Semaphore` with no permits: each of three `async move` tasks adds
    /// a permit when done; the main block waits with `acquire_many(3)` joined with them.
    p23x_wait_group_semaphore {
        lower! {
            pub async fn f() -> (u32, Vec<&'static str>) {
                let wg = Arc::new(tokio::sync::Semaphore::new(0));
                let order = Arc::new(std::sync::Mutex::new(Vec::new()));
                let mut tasks = Vec::new();
                for name in ["t1", "t2", "t3"] {
                    let (wg, order) = (wg.clone(), order.clone());
                    tasks.push(async move {
                        step(name).await;
                        order.lock().unwrap().push(name);
                        wg.add_permits(1);
                    });
                }
                let waiter = async {
                    let _all = wg.acquire_many(3).await.unwrap();
                    order.lock().unwrap().push("all-done");
                    3u32
                };
                let (_, n) = futures::join!(futures::future::join_all(tasks), waiter);
                let v = order.lock().unwrap().clone();
                (n, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::sync::watch` carrying a config version: a reloader block sends new values, a
    /// reader loop awaits `changed()` and reads `*rx.borrow_and_update()` (the `Ref` dropped
    /// before the next await); ends when the sender is dropped.
    p23x_watch_config_reload {
        lower! {
            pub async fn f(n: u32) -> Vec<String> {
                let (tx, mut rx) = tokio::sync::watch::channel(String::from("v0"));
                let reloader = async move {
                    let _r = Tracker::new("reloader");
                    for i in 1..=n {
                        step("reload").await;
                        tx.send_replace(format!("v{i}"));
                    }
                };
                let reader = async {
                    let mut seen = vec![rx.borrow().clone()];
                    while rx.changed().await.is_ok() {
                        let v = rx.borrow_and_update().clone();
                        step("apply").await;
                        seen.push(v);
                    }
                    seen
                };
                let ((), seen) = futures::join!(reloader, reader);
                seen
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A session store: `std::sync::Mutex<BTreeMap<u32, Session>>` updated with the `entry`
    /// API in a block ended before an await; expired sessions removed with `retain` after one.
    p23x_session_store_entry_under_lock {
        pub struct Session { pub user: String, pub hits: u32, pub _t: Tracker }
        lower! {
            pub async fn f(reqs: Vec<(u32, &'static str)>) -> Vec<(u32, String, u32)> {
                let store = std::sync::Mutex::new(BTreeMap::new());
                for (id, user) in reqs {
                    let user = leaf("auth", user).await;
                    let hits = {
                        let mut map = store.lock().unwrap();
                        let s = map.entry(id).or_insert_with(|| Session { user: user.to_string(), hits: 0, _t: Tracker::new("session") });
                        s.hits += 1;
                        s.hits
                    };
                    step("served").await;
                    if hits > 1 {
                        store.lock().unwrap().retain(|_, s| s.hits < 3);
                    }
                }
                let map = store.into_inner().unwrap();
                map.iter().map(|(k, s)| (*k, s.user.clone(), s.hits)).collect()
            }
        }
    }
    run { f(vec![(1, "ann"), (2, "bob"), (1, "ann"), (1, "ann"), (2, "bob")]) }
}

twin! {
    /// A worker struct with a `VecDeque<Task>` field: `while let Some(t) = self.queue.pop_front()`
    /// runs each with `self.run(t).await?`; a failing task stops the loop with the rest queued.
    p23x_worker_self_queue_question_ok {
        #[derive(Debug)]
        pub enum Task { Compute(u32), Fail(&'static str), Hold(Tracker) }
        pub struct Worker { pub queue: VecDeque<Task>, pub done: Vec<u32>, pub held: Vec<Tracker> }
        impl Worker {
            lower! {
                pub async fn run(&mut self, t: Task) -> Result<(), String> {
                    match t {
                        Task::Compute(n) => self.done.push(leaf("compute", n * n).await),
                        Task::Fail(why) => {
                            step("failing").await;
                            return Err(why.to_string());
                        }
                        Task::Hold(tr) => self.held.push(tr),
                    }
                    Ok(())
                }
            }
            lower! {
                pub async fn drain(&mut self) -> Result<usize, String> {
                    let mut n = 0;
                    while let Some(t) = self.queue.pop_front() {
                        self.run(t).await?;
                        n += 1;
                        step("drained-one").await;
                    }
                    Ok(n)
                }
            }
        }
        lower! {
            pub async fn f(tasks: Vec<Task>) -> (Result<usize, String>, Vec<u32>, usize) {
                let mut w = Worker { queue: tasks.into(), done: vec![], held: vec![] };
                let r = w.drain().await;
                (r, w.done.clone(), w.queue.len())
            }
        }
    }
    run { f(vec![Task::Compute(2), Task::Hold(Tracker("h")), Task::Compute(3)]) }
}

twin! {
    /// A worker struct with a `VecDeque<Task>` field: `while let Some(t) = self.queue.pop_front()`
    /// runs each with `self.run(t).await?`; a failing task stops the loop with the rest queued.
    p23x_worker_self_queue_question_fail {
        #[derive(Debug)]
        pub enum Task { Compute(u32), Fail(&'static str), Hold(Tracker) }
        pub struct Worker { pub queue: VecDeque<Task>, pub done: Vec<u32>, pub held: Vec<Tracker> }
        impl Worker {
            lower! {
                pub async fn run(&mut self, t: Task) -> Result<(), String> {
                    match t {
                        Task::Compute(n) => self.done.push(leaf("compute", n * n).await),
                        Task::Fail(why) => {
                            step("failing").await;
                            return Err(why.to_string());
                        }
                        Task::Hold(tr) => self.held.push(tr),
                    }
                    Ok(())
                }
            }
            lower! {
                pub async fn drain(&mut self) -> Result<usize, String> {
                    let mut n = 0;
                    while let Some(t) = self.queue.pop_front() {
                        self.run(t).await?;
                        n += 1;
                        step("drained-one").await;
                    }
                    Ok(n)
                }
            }
        }
        lower! {
            pub async fn f(tasks: Vec<Task>) -> (Result<usize, String>, Vec<u32>, usize) {
                let mut w = Worker { queue: tasks.into(), done: vec![], held: vec![] };
                let r = w.drain().await;
                (r, w.done.clone(), w.queue.len())
            }
        }
    }
    run { f(vec![Task::Compute(2), Task::Hold(Tracker("h")), Task::Fail("bad"), Task::Hold(Tracker("queued"))]) }
}

twin! {
    /// Two "philosophers" joined with `join!`, each locking two `tokio::sync::Mutex` forks in
    /// a global order and eating (awaiting) with both guards held, twice.
    p23x_dining_two_forks {
        lower! {
            pub async fn philosopher(name: &'static str, left: &tokio::sync::Mutex<u32>, right: &tokio::sync::Mutex<u32>, first_left: bool) -> u32 {
                let mut meals = 0;
                for _ in 0..2 {
                    let (mut a, mut b) = if first_left {
                        let a = left.lock().await;
                        (a, right.lock().await)
                    } else {
                        let b = right.lock().await;
                        (left.lock().await, b)
                    };
                    let _plate = Tracker::new(name);
                    step(name).await;
                    *a += 1;
                    *b += 1;
                    meals += 1;
                }
                meals
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, u32, u32) {
                let f1 = tokio::sync::Mutex::new(0u32);
                let f2 = tokio::sync::Mutex::new(0u32);
                let (a, b) = futures::join!(philosopher("plato", &f1, &f2, true), philosopher("kant", &f1, &f2, true));
                (a, b, f1.into_inner(), f2.into_inner())
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::mem::take(&mut *guard)` empties the protected `Vec<Tracker>` and the guard is
    /// dropped before the taken items are processed with awaits.
    p23x_mem_take_under_guard {
        lower! {
            pub async fn f() -> (Vec<&'static str>, usize) {
                let m = tokio::sync::Mutex::new(vec![Tracker::new("a"), Tracker::new("b")]);
                let batch = {
                    let mut g = m.lock().await;
                    let taken = std::mem::take(&mut *g);
                    g.push(Tracker::new("refill"));
                    taken
                };
                let mut names = Vec::new();
                for t in batch {
                    step("process").await;
                    names.push(t.name());
                }
                let left = m.lock().await.len();
                (names, left)
            }
        }
    }
    run { f() }
}

twin! {
    /// A retry helper taking a closure that returns a future, counting attempts in an
    /// `Arc<std::sync::Mutex<u32>>`; the third attempt succeeds; `?` on the final error.
    p23x_retry_with_shared_attempts_ok {
        lower! {
            pub async fn retry<F, Fut>(mut op: F, max: u32) -> Result<u32, String>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<u32, String>>,
            {
                let mut last = String::new();
                for attempt in 1..=max {
                    match op(attempt).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            step("backoff").await;
                            last = e;
                        }
                    }
                }
                Err(format!("gave up: {last}"))
            }
        }
        lower! {
            pub async fn f(max: u32) -> Result<(u32, u32), String> {
                let attempts = Arc::new(std::sync::Mutex::new(0u32));
                let a2 = attempts.clone();
                let v = retry(move |n| {
                    let a = a2.clone();
                    async move {
                        *a.lock().unwrap() += 1;
                        let _try = Tracker::new("try");
                        let r = leaf("call", n).await;
                        if r < 3 { Err(format!("attempt {r}")) } else { Ok(r * 100) }
                    }
                }, max).await?;
                let n = *attempts.lock().unwrap();
                Ok((v, n))
            }
        }
    }
    run { f(5) }
}

twin! {
    /// A retry helper taking a closure that returns a future, counting attempts in an
    /// `Arc<std::sync::Mutex<u32>>`; the third attempt succeeds; `?` on the final error.
    p23x_retry_with_shared_attempts_gave_up {
        lower! {
            pub async fn retry<F, Fut>(mut op: F, max: u32) -> Result<u32, String>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<u32, String>>,
            {
                let mut last = String::new();
                for attempt in 1..=max {
                    match op(attempt).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            step("backoff").await;
                            last = e;
                        }
                    }
                }
                Err(format!("gave up: {last}"))
            }
        }
        lower! {
            pub async fn f(max: u32) -> Result<(u32, u32), String> {
                let attempts = Arc::new(std::sync::Mutex::new(0u32));
                let a2 = attempts.clone();
                let v = retry(move |n| {
                    let a = a2.clone();
                    async move {
                        *a.lock().unwrap() += 1;
                        let _try = Tracker::new("try");
                        let r = leaf("call", n).await;
                        if r < 3 { Err(format!("attempt {r}")) } else { Ok(r * 100) }
                    }
                }, max).await?;
                let n = *attempts.lock().unwrap();
                Ok((v, n))
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A chat room: members' `mpsc::UnboundedSender`s in a `Vec` behind a `tokio::sync::Mutex`,
    /// a message fanned out under the lock, a member leaving (its receiver dropped) pruned on
    /// a failed send.
    p23x_chat_room_broadcast_members {
        lower! {
            pub async fn f() -> (Vec<String>, Vec<String>, usize) {
                let room: tokio::sync::Mutex<Vec<(u32, tokio::sync::mpsc::UnboundedSender<String>)>> = tokio::sync::Mutex::new(Vec::new());
                let (t1, mut r1) = tokio::sync::mpsc::unbounded_channel();
                let (t2, r2) = tokio::sync::mpsc::unbounded_channel();
                let mut r2 = Some(r2);
                room.lock().await.push((1, t1));
                room.lock().await.push((2, t2));
                for (i, text) in ["hi", "bye"].into_iter().enumerate() {
                    if i == 1 {
                        drop(r2.take());
                        step("member-2-left").await;
                    }
                    let mut members = room.lock().await;
                    let msg = leaf("compose", format!("{text}!")).await;
                    members.retain(|(id, tx)| {
                        let ok = tx.send(format!("to {id}: {msg}")).is_ok();
                        if !ok { log(format!("prune {id}")); }
                        ok
                    });
                }
                let mut got = Vec::new();
                while let Ok(m) = r1.try_recv() {
                    got.push(m);
                }
                let left: Vec<String> = room.lock().await.iter().map(|(id, _)| id.to_string()).collect();
                let n = left.len();
                (got, left, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A stream pipeline: `iter(..).then(..)` awaiting each item, `filter` with `ready`,
    /// `map`, `take(3)`, collected; items carry trackers dropped at the right places.
    p23x_stream_then_filter_take {
        lower! {
            pub async fn f(n: u32) -> (Vec<String>, u32) {
                let _g = Tracker::new("pipeline");
                let out: Vec<String> = futures::stream::iter(0..n)
                    .then(|i| async move { (leaf("fetch", i).await, Tracker::new("item")) })
                    .filter(|(i, _)| futures::future::ready(i % 2 == 1))
                    .map(|(i, t)| format!("{}#{i}", t.name()))
                    .take(2)
                    .collect()
                    .await;
                step("after").await;
                let total = out.len() as u32;
                (out, total)
            }
        }
    }
    run { f(6) }
}

twin! {
    /// A log writer actor: lines sent through an `mpsc` channel of `(seq, String)`, written
    /// in sequence order by a consumer that buffers out-of-order lines in a `BTreeMap`.
    p23x_ordered_log_writer {
        lower! {
            pub async fn writer(mut rx: tokio::sync::mpsc::Receiver<(u32, String)>) -> Vec<String> {
                let mut next = 0;
                let mut pending = BTreeMap::new();
                let mut out = Vec::new();
                let _w = Tracker::new("writer");
                while let Some((seq, line)) = rx.recv().await {
                    pending.insert(seq, line);
                    while let Some(line) = pending.remove(&next) {
                        step("write").await;
                        out.push(format!("{next}:{line}"));
                        next += 1;
                    }
                }
                out.extend(pending.into_values().map(|l| format!("late:{l}")));
                out
            }
        }
        lower! {
            pub async fn f(order: Vec<u32>) -> Vec<String> {
                let (tx, rx) = tokio::sync::mpsc::channel(2);
                let sender = async move {
                    for seq in order {
                        let line = leaf("line", format!("l{seq}")).await;
                        tx.send((seq, line)).await.unwrap();
                    }
                };
                let ((), out) = futures::join!(sender, writer(rx));
                out
            }
        }
    }
    run { f(vec![1, 0, 3, 2, 5]) }
}

twin! {
    /// A two-phase commit over participants behind `tokio::sync::Mutex`es: all guards taken
    /// into a `Vec` in the prepare phase (held across awaits), a vote failing aborts with `?`
    /// while the guards are held; on success the guards are consumed in the commit phase.
    p23x_two_phase_commit_ok {
        pub struct Participant { pub name: &'static str, pub value: tokio::sync::Mutex<u32> }
        lower! {
            pub async fn commit(ps: &[Participant], delta: u32, veto: Option<&'static str>) -> Result<u32, String> {
                let mut guards = Vec::new();
                for p in ps {
                    let g = p.value.lock().await;
                    let vote = leaf(p.name, Some(p.name) != veto).await;
                    if !vote {
                        return Err(format!("{} vetoed with {} locks held", p.name, guards.len() + 1));
                    }
                    guards.push((p.name, g));
                }
                let _phase = Tracker::new("commit-phase");
                let mut total = 0;
                for (name, mut g) in guards {
                    step(name).await;
                    *g += delta;
                    total += *g;
                }
                Ok(total)
            }
        }
        lower! {
            pub async fn f(veto: Option<&'static str>) -> (Result<u32, String>, Vec<u32>) {
                let ps = vec![
                    Participant { name: "p1", value: tokio::sync::Mutex::new(1) },
                    Participant { name: "p2", value: tokio::sync::Mutex::new(2) },
                    Participant { name: "p3", value: tokio::sync::Mutex::new(3) },
                ];
                let r = commit(&ps, 10, veto).await;
                let mut vals = Vec::new();
                for p in &ps {
                    vals.push(*p.value.lock().await);
                }
                (r, vals)
            }
        }
    }
    run { f(None) }
}

twin! {
    /// A two-phase commit over participants behind `tokio::sync::Mutex`es: all guards taken
    /// into a `Vec` in the prepare phase (held across awaits), a vote failing aborts with `?`
    /// while the guards are held; on success the guards are consumed in the commit phase.
    p23x_two_phase_commit_veto {
        pub struct Participant { pub name: &'static str, pub value: tokio::sync::Mutex<u32> }
        lower! {
            pub async fn commit(ps: &[Participant], delta: u32, veto: Option<&'static str>) -> Result<u32, String> {
                let mut guards = Vec::new();
                for p in ps {
                    let g = p.value.lock().await;
                    let vote = leaf(p.name, Some(p.name) != veto).await;
                    if !vote {
                        return Err(format!("{} vetoed with {} locks held", p.name, guards.len() + 1));
                    }
                    guards.push((p.name, g));
                }
                let _phase = Tracker::new("commit-phase");
                let mut total = 0;
                for (name, mut g) in guards {
                    step(name).await;
                    *g += delta;
                    total += *g;
                }
                Ok(total)
            }
        }
        lower! {
            pub async fn f(veto: Option<&'static str>) -> (Result<u32, String>, Vec<u32>) {
                let ps = vec![
                    Participant { name: "p1", value: tokio::sync::Mutex::new(1) },
                    Participant { name: "p2", value: tokio::sync::Mutex::new(2) },
                    Participant { name: "p3", value: tokio::sync::Mutex::new(3) },
                ];
                let r = commit(&ps, 10, veto).await;
                let mut vals = Vec::new();
                for p in &ps {
                    vals.push(*p.value.lock().await);
                }
                (r, vals)
            }
        }
    }
    run { f(Some("p2")) }
}

twin! {
    /// Several readers of an `Arc<tokio::sync::RwLock<Config>>` joined with `join_all`, each
    /// holding a read guard across an await, while a writer waits for all of them.
    p23x_rwlock_config_readers_join {
        #[derive(Debug, Clone)]
        pub struct Config { pub version: u32, pub name: String }
        lower! {
            pub async fn f() -> (Vec<String>, Config) {
                let cfg = Arc::new(tokio::sync::RwLock::new(Config { version: 1, name: "base".into() }));
                let mut readers = Vec::new();
                for i in 0..3u32 {
                    let cfg = cfg.clone();
                    readers.push(async move {
                        let g = cfg.read().await;
                        let _r = Tracker::new("reader");
                        step("read").await;
                        format!("r{i}:{}@{}", g.name, g.version)
                    });
                }
                let writer = async {
                    step("writer-prep").await;
                    let mut w = cfg.write().await;
                    w.version += 1;
                    w.name = leaf("name", "updated".to_string()).await;
                };
                let (seen, ()) = futures::join!(futures::future::join_all(readers), writer);
                let c = cfg.read().await.clone();
                (seen, c)
            }
        }
    }
    run { f() }
}

twin! {
    /// A channel of `Result<u32, String>` drained with `rx.recv().await` and `?` on each item
    /// (returning early with the receiver and unread items still alive).
    p23x_mpsc_result_items_question_ok {
        lower! {
            pub async fn sum(mut rx: tokio::sync::mpsc::UnboundedReceiver<Result<u32, String>>) -> Result<u32, String> {
                let _s = Tracker::new("summer");
                let mut total = 0;
                while let Some(item) = rx.recv().await {
                    let v = item?;
                    total += leaf("add", v).await;
                }
                Ok(total)
            }
        }
        lower! {
            pub async fn f(items: Vec<Result<u32, String>>) -> Result<u32, String> {
                let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
                for i in items {
                    tx.send(i).unwrap();
                }
                drop(tx);
                let t = sum(rx).await?;
                step("summed").await;
                Ok(t * 2)
            }
        }
    }
    run { f(vec![Ok(1), Ok(2), Ok(3)]) }
}

twin! {
    /// A channel of `Result<u32, String>` drained with `rx.recv().await` and `?` on each item
    /// (returning early with the receiver and unread items still alive).
    p23x_mpsc_result_items_question_err {
        lower! {
            pub async fn sum(mut rx: tokio::sync::mpsc::UnboundedReceiver<Result<u32, String>>) -> Result<u32, String> {
                let _s = Tracker::new("summer");
                let mut total = 0;
                while let Some(item) = rx.recv().await {
                    let v = item?;
                    total += leaf("add", v).await;
                }
                Ok(total)
            }
        }
        lower! {
            pub async fn f(items: Vec<Result<u32, String>>) -> Result<u32, String> {
                let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
                for i in items {
                    tx.send(i).unwrap();
                }
                drop(tx);
                let t = sum(rx).await?;
                step("summed").await;
                Ok(t * 2)
            }
        }
    }
    run { f(vec![Ok(1), Err("bad".into()), Ok(3)]) }
}

twin! {
    /// A struct wrapping `Arc<tokio::sync::Mutex<Inner>>` with `&self` async methods `incr`,
    /// `snapshot` and a consuming `async fn close(self)` that takes the inner value out.
    p23x_guarded_counter_struct_methods {
        pub struct Inner { pub n: u32, pub history: Vec<u32>, pub _t: Tracker }
        #[derive(Clone)]
        pub struct Counter { pub inner: Arc<tokio::sync::Mutex<Inner>> }
        impl Counter {
            lower! {
                pub async fn incr(&self, by: u32) -> u32 {
                    let mut g = self.inner.lock().await;
                    g.n += leaf("by", by).await;
                    let n = g.n;
                    g.history.push(n);
                    n
                }
            }
            lower! {
                pub async fn snapshot(&self) -> Vec<u32> {
                    step("snap").await;
                    self.inner.lock().await.history.clone()
                }
            }
            lower! {
                pub async fn close(self) -> Option<u32> {
                    step("close").await;
                    let inner = Arc::try_unwrap(self.inner).ok()?.into_inner();
                    Some(inner.n)
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<u32>, Option<u32>, Option<u32>) {
                let c = Counter { inner: Arc::new(tokio::sync::Mutex::new(Inner { n: 0, history: vec![], _t: Tracker::new("inner") })) };
                let c2 = c.clone();
                let (a, b) = futures::join!(c.incr(2), c2.incr(3));
                let snap = c.snapshot().await;
                let failed = c2.close().await;
                let closed = c.close().await;
                (a + b, snap, failed, closed)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec` of `oneshot` receivers awaited together with `join_all` while a joined block
    /// answers them in reverse order, one dropped unanswered.
    p23x_oneshot_vec_join_all {
        lower! {
            pub async fn f(n: usize) -> Vec<Result<u32, String>> {
                let mut txs = Vec::new();
                let mut rxs = Vec::new();
                for _ in 0..n {
                    let (tx, rx) = tokio::sync::oneshot::channel::<u32>();
                    txs.push(tx);
                    rxs.push(rx);
                }
                let answer = async move {
                    let _a = Tracker::new("answerer");
                    let mut i = 0;
                    while let Some(tx) = txs.pop() {
                        step("answer").await;
                        if i != 1 {
                            let _ = tx.send(i * 10);
                        }
                        i += 1;
                    }
                };
                let (rs, ()) = futures::join!(futures::future::join_all(rxs), answer);
                rs.into_iter().map(|r| r.map_err(|e| e.to_string())).collect()
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Batches processed in rounds: inside a `for` loop two `async` blocks borrowing a local
    /// counter are made and joined with `join!` each round.
    p23x_join_rounds_in_loop {
        lower! {
            pub async fn f(rounds: u32) -> (u32, Vec<(u32, u32)>) {
                let total = std::cell::Cell::new(0u32);
                let mut pairs = Vec::new();
                for r in 0..rounds {
                    let left = async {
                        let v = leaf("left", r).await;
                        total.set(total.get() + v);
                        v
                    };
                    let right = async {
                        step("right").await;
                        total.set(total.get() + 10);
                        r * 2
                    };
                    let (a, b) = futures::join!(left, right);
                    pairs.push((a, b));
                }
                (total.get(), pairs)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Double buffering: the next fetch is started (a boxed future in a `mut` local) before
    /// the current item is processed, and the local reassigned each iteration.
    p23x_prefetch_next_while_processing {
        lower! {
            pub async fn fetch(i: u32) -> (u32, Tracker) {
                step("fetch").await;
                (i * 10, Tracker::new("page"))
            }
        }
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let mut out = Vec::new();
                let mut next = Box::pin(fetch(0));
                for i in 1..=n {
                    let (v, page) = next.await;
                    next = Box::pin(fetch(i));
                    step("process").await;
                    out.push(v);
                    drop(page);
                }
                let (last, _p) = next.await;
                out.push(last);
                out
            }
        }
    }
    run { f(2) }
}

twin! {
    /// Locals declared without a value (`let len; let first;`) and assigned inside a block
    /// that holds a `tokio::sync::Mutex` guard across an await.
    p23x_deferred_init_under_lock {
        lower! {
            pub async fn f(v: Vec<u32>) -> (usize, Option<u32>) {
                let m = tokio::sync::Mutex::new(v);
                let len;
                let first;
                {
                    let g = m.lock().await;
                    step("locked").await;
                    len = g.len();
                    first = g.first().copied();
                }
                step("after").await;
                (len, first)
            }
        }
    }
    run { pair(f(vec![4, 5]), f(vec![])) }
}

twin! {
    /// A request raced against a timeout per attempt with `select`; on timeout the request
    /// future is given back and raced again against a fresh timeout (a `mut` local reassigned
    /// from the `Either`'s payload).
    p23x_timeout_race_loop_reassign {
        lower! {
            pub async fn request(k: u32) -> u32 {
                let _r = Tracker::new("request");
                for _ in 0..k {
                    step("req").await;
                }
                k * 100
            }
        }
        lower! {
            pub async fn f(k: u32) -> (u32, u32) {
                let mut req = Box::pin(request(k));
                let mut timeouts = 0;
                let v = loop {
                    let timer = Box::pin(step("timer"));
                    match futures::future::select(req, timer).await {
                        futures::future::Either::Left((v, _timer)) => break v,
                        futures::future::Either::Right(((), r)) => {
                            timeouts += 1;
                            req = r;
                        }
                    }
                };
                (v, timeouts)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `join_all` over lowered calls that each take a permit of a shared local `Semaphore`
    /// (limit 2) for their duration and record the peak concurrency in a `Cell`.
    p23x_semaphore_guarded_fetches_join_all {
        lower! {
            pub async fn fetch(sem: &tokio::sync::Semaphore, active: &std::cell::Cell<u32>, peak: &std::cell::Cell<u32>, id: u32) -> u32 {
                let _p = sem.acquire().await.unwrap();
                active.set(active.get() + 1);
                peak.set(peak.get().max(active.get()));
                let v = leaf("fetch", id * 3).await;
                active.set(active.get() - 1);
                v
            }
        }
        lower! {
            pub async fn f(n: u32) -> (Vec<u32>, u32) {
                let sem = tokio::sync::Semaphore::new(2);
                let active = std::cell::Cell::new(0);
                let peak = std::cell::Cell::new(0);
                let futs: Vec<_> = (0..n).map(|i| fetch(&sem, &active, &peak, i)).collect();
                let out = futures::future::join_all(futs).await;
                (out, peak.get())
            }
        }
    }
    run { f(4) }
}

twin! {
    /// `for t in g.drain(..)` over a `tokio::sync::Mutex<Vec<Tracker>>` guard with an await in
    /// the body: the drain borrows the guard across awaits; cancellation mid-drain drops the
    /// undrained items with the guard.
    p23x_drain_under_guard_across_awaits {
        lower! {
            pub async fn f() -> (Vec<&'static str>, usize) {
                let m = tokio::sync::Mutex::new(vec![Tracker::new("d1"), Tracker::new("d2"), Tracker::new("d3")]);
                let mut names = Vec::new();
                {
                    let mut g = m.lock().await;
                    for t in g.drain(..2) {
                        step("drain").await;
                        names.push(t.name());
                    }
                    g.push(Tracker::new("after-drain"));
                }
                let n = m.lock().await.len();
                (names, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in g.iter()` over a read guard of a `tokio::sync::RwLock` with an awaited leaf
    /// in the body, then a `match &*r` on a second read guard whose arms await.
    p23x_iter_guard_with_await_many {
        lower! {
            pub async fn f(v: Vec<u32>) -> (u32, String) {
                let lock = tokio::sync::RwLock::new(v);
                let mut sum = 0;
                {
                    let g = lock.read().await;
                    for x in g.iter() {
                        sum += leaf("x", *x).await;
                    }
                }
                let r = lock.read().await;
                let s = match &r[..] {
                    [] => { step("empty").await; "empty".to_string() }
                    [one] => format!("one {one}"),
                    [first, .., last] => { step("many").await; format!("{first}..{last}") }
                };
                (sum, s)
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// `for x in g.iter()` over a read guard of a `tokio::sync::RwLock` with an awaited leaf
    /// in the body, then a `match &*r` on a second read guard whose arms await.
    p23x_iter_guard_with_await_one {
        lower! {
            pub async fn f(v: Vec<u32>) -> (u32, String) {
                let lock = tokio::sync::RwLock::new(v);
                let mut sum = 0;
                {
                    let g = lock.read().await;
                    for x in g.iter() {
                        sum += leaf("x", *x).await;
                    }
                }
                let r = lock.read().await;
                let s = match &r[..] {
                    [] => { step("empty").await; "empty".to_string() }
                    [one] => format!("one {one}"),
                    [first, .., last] => { step("many").await; format!("{first}..{last}") }
                };
                (sum, s)
            }
        }
    }
    run { f(vec![4]) }
}

twin! {
    /// `for x in g.iter()` over a read guard of a `tokio::sync::RwLock` with an awaited leaf
    /// in the body, then a `match &*r` on a second read guard whose arms await.
    p23x_iter_guard_with_await_empty {
        lower! {
            pub async fn f(v: Vec<u32>) -> (u32, String) {
                let lock = tokio::sync::RwLock::new(v);
                let mut sum = 0;
                {
                    let g = lock.read().await;
                    for x in g.iter() {
                        sum += leaf("x", *x).await;
                    }
                }
                let r = lock.read().await;
                let s = match &r[..] {
                    [] => { step("empty").await; "empty".to_string() }
                    [one] => format!("one {one}"),
                    [first, .., last] => { step("many").await; format!("{first}..{last}") }
                };
                (sum, s)
            }
        }
    }
    run { f(vec![]) }
}

twin! {
    /// `let Some(job) = q.lock().await.pop_front() else { .. }` in a loop: the guard temporary
    /// of the `let .. else`, an early `return` from the `else` with a tracker alive.
    p23x_let_else_guard_temp_ok {
        lower! {
            pub async fn f(n: u32, fail_at_empty: bool) -> Result<Vec<u32>, String> {
                let q = tokio::sync::Mutex::new((0..n).collect::<VecDeque<u32>>());
                let _t = Tracker::new("fn");
                let mut out = Vec::new();
                loop {
                    let Some(job) = q.lock().await.pop_front() else {
                        if fail_at_empty {
                            step("empty").await;
                            return Err(format!("drained after {}", out.len()));
                        }
                        break;
                    };
                    out.push(leaf("job", job * 2).await);
                }
                Ok(out)
            }
        }
    }
    run { f(2, false) }
}

twin! {
    /// `let Some(job) = q.lock().await.pop_front() else { .. }` in a loop: the guard temporary
    /// of the `let .. else`, an early `return` from the `else` with a tracker alive.
    p23x_let_else_guard_temp_err {
        lower! {
            pub async fn f(n: u32, fail_at_empty: bool) -> Result<Vec<u32>, String> {
                let q = tokio::sync::Mutex::new((0..n).collect::<VecDeque<u32>>());
                let _t = Tracker::new("fn");
                let mut out = Vec::new();
                loop {
                    let Some(job) = q.lock().await.pop_front() else {
                        if fail_at_empty {
                            step("empty").await;
                            return Err(format!("drained after {}", out.len()));
                        }
                        break;
                    };
                    out.push(leaf("job", job * 2).await);
                }
                Ok(out)
            }
        }
    }
    run { f(2, true) }
}

twin! {
    /// `if m.lock().await.is_empty() { return Err(..) }` and `?` on a value read through a
    /// guard temporary (`m.lock().await.first().copied().ok_or(..)?`).
    p23x_early_return_guard_temp_condition {
        lower! {
            pub async fn head(m: &tokio::sync::Mutex<Vec<u32>>) -> Result<u32, String> {
                let _h = Tracker::new("head");
                if m.lock().await.is_empty() {
                    step("empty").await;
                    return Err("empty".into());
                }
                let first = m.lock().await.first().copied().ok_or("gone")?;
                step("got").await;
                Ok(first)
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<u32, String>> {
                let m = tokio::sync::Mutex::new(vec![]);
                let mut out = vec![head(&m).await];
                m.lock().await.push(leaf("push", 9).await);
                out.push(head(&m).await);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn that awaits and returns a `MutexGuard` borrowed from its argument; the
    /// caller holds it across another await and a nested call of its own.
    p23x_fn_returns_guard {
        lower! {
            pub async fn lock_checked<'a>(m: &'a tokio::sync::Mutex<Vec<u32>>, who: &'static str) -> tokio::sync::MutexGuard<'a, Vec<u32>> {
                let _c = Tracker::new(who);
                step(who).await;
                let g = m.lock().await;
                log(format!("{who} locked with {} items", g.len()));
                g
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let m = tokio::sync::Mutex::new(vec![1]);
                {
                    let mut g = lock_checked(&m, "first").await;
                    g.push(leaf("v", 2).await);
                }
                lock_checked(&m, "second").await.push(3);
                let g = lock_checked(&m, "third").await;
                step("holding").await;
                g.clone()
            }
        }
    }
    run { f() }
}

twin! {
    /// Request coalescing: concurrent `get(key)` calls joined with `join!`; the first caller
    /// registers an in-flight entry and loads, later callers park a `oneshot` in a waiters map
    /// (a `std::sync::Mutex<BTreeMap>`) and are answered when the load ends.
    p23x_singleflight_coalescing {
        pub struct Flight { pub waiters: std::sync::Mutex<BTreeMap<u32, Vec<tokio::sync::oneshot::Sender<String>>>>, pub loads: std::cell::Cell<u32> }
        impl Flight {
            lower! {
                pub async fn get(&self, key: u32) -> String {
                    let rx = {
                        let mut w = self.waiters.lock().unwrap();
                        match w.get_mut(&key) {
                            Some(list) => {
                                let (tx, rx) = tokio::sync::oneshot::channel();
                                list.push(tx);
                                Some(rx)
                            }
                            None => {
                                w.insert(key, Vec::new());
                                None
                            }
                        }
                    };
                    if let Some(rx) = rx {
                        return rx.await.unwrap_or_else(|_| "dropped".to_string());
                    }
                    self.loads.set(self.loads.get() + 1);
                    let _l = Tracker::new("loader");
                    let v = leaf("load", format!("value-{key}")).await;
                    let waiters = self.waiters.lock().unwrap().remove(&key).unwrap_or_default();
                    for tx in waiters {
                        let _ = tx.send(v.clone());
                    }
                    v
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<String>, u32) {
                let fl = Flight { waiters: std::sync::Mutex::new(BTreeMap::new()), loads: std::cell::Cell::new(0) };
                let (a, b, c) = futures::join!(fl.get(1), fl.get(1), fl.get(2));
                let d = fl.get(1).await;
                (vec![a, b, c, d], fl.loads.get())
            }
        }
    }
    run { f() }
}

twin! {
    /// A condition-variable queue: `pop` loops taking from a `std::sync::Mutex<VecDeque>` (guard
    /// dropped before waiting) and awaits `notify.notified()` when empty; a joined producer
    /// pushes and calls `notify_one`.
    p23x_condvar_queue_notify {
        pub struct Queue { pub items: std::sync::Mutex<VecDeque<Tracker>>, pub notify: tokio::sync::Notify }
        impl Queue {
            lower! {
                pub async fn pop(&self) -> Tracker {
                    loop {
                        if let Some(t) = self.items.lock().unwrap().pop_front() {
                            return t;
                        }
                        self.notify.notified().await;
                    }
                }
            }
        }
        lower! {
            pub async fn f(n: usize) -> Vec<&'static str> {
                let q = Queue { items: std::sync::Mutex::new(VecDeque::new()), notify: tokio::sync::Notify::new() };
                let consumer = async {
                    let mut got = Vec::new();
                    for _ in 0..n {
                        let t = q.pop().await;
                        step("consumed").await;
                        got.push(t.name());
                    }
                    got
                };
                let producer = async {
                    for name in ["p1", "p2", "p3"].into_iter().take(n) {
                        step("produce").await;
                        q.items.lock().unwrap().push_back(Tracker::new(name));
                        q.notify.notify_one();
                    }
                };
                let (got, ()) = futures::join!(consumer, producer);
                got
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `if let Some(x) = cell.borrow().first().cloned() { .. } else { .. }` where the else
    /// branch awaits then `borrow_mut`s: edition 2024 drops the scrutinee's `Ref` before else.
    p23x_refcell_if_let_else_borrow {
        lower! {
            pub async fn f(rounds: u32) -> Vec<String> {
                let cell = RefCell::new(Vec::<String>::new());
                let mut out = Vec::new();
                for i in 0..rounds {
                    if let Some(x) = cell.borrow().first().cloned() {
                        step("have").await;
                        out.push(format!("have {x}"));
                        cell.borrow_mut().clear();
                    } else {
                        step("fill").await;
                        cell.borrow_mut().push(leaf("item", format!("i{i}")).await);
                    }
                }
                out
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A polling consumer: `match rx.try_recv()` with `Empty` awaiting a step and
    /// `Disconnected` breaking, while a joined producer sends trackers with awaits between.
    p23x_try_recv_poll_loop {
        lower! {
            pub async fn f(n: u32) -> (Vec<&'static str>, u32) {
                let (tx, mut rx) = tokio::sync::mpsc::channel::<Tracker>(4);
                let producer = async move {
                    for i in 0..n {
                        step("produce").await;
                        tx.send(Tracker::new(if i == 0 { "first" } else { "later" })).await.unwrap();
                    }
                };
                let consumer = async {
                    let mut got = Vec::new();
                    let mut idle = 0;
                    loop {
                        match rx.try_recv() {
                            Ok(t) => got.push(t.name()),
                            Err(tokio::sync::mpsc::error::TryRecvError::Empty) => {
                                idle += 1;
                                step("idle").await;
                            }
                            Err(tokio::sync::mpsc::error::TryRecvError::Disconnected) => break,
                        }
                    }
                    (got, idle)
                };
                let ((), r) = futures::join!(producer, consumer);
                r
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A `self: Arc<Self>` async method that clones itself into an `async move` block joined
    /// with its own work; the struct holds a `tokio::sync::Mutex` and a tracker.
    p23x_arc_self_method {
        pub struct Svc { pub state: tokio::sync::Mutex<Vec<String>>, pub _t: Tracker }
        impl Svc {
            lower! {
                pub async fn run(self: Arc<Self>, n: u32) -> usize {
                    let me = self.clone();
                    let bg = async move {
                        for i in 0..n {
                            me.state.lock().await.push(format!("bg{i}"));
                            step("bg").await;
                        }
                    };
                    let fg = async {
                        let mut g = self.state.lock().await;
                        g.push("fg".into());
                        step("fg").await;
                    };
                    futures::join!(bg, fg);
                    let len = self.state.lock().await.len();
                    len + Arc::strong_count(&self)
                }
            }
        }
        lower! {
            pub async fn f() -> usize {
                let s = Arc::new(Svc { state: tokio::sync::Mutex::new(vec![]), _t: Tracker::new("svc") });
                let a = s.clone().run(2).await;
                let b = s.run(1).await;
                a * 100 + b
            }
        }
    }
    run { f() }
}

twin! {
    /// A cancellation token from `watch::channel(false)`: a worker loop checks
    /// `*rx.borrow()` each round and stops, a joined canceller flips it after some steps.
    p23x_cancel_token_watch {
        lower! {
            pub async fn worker(rx: tokio::sync::watch::Receiver<bool>) -> u32 {
                let _w = Tracker::new("worker");
                let mut done = 0;
                while !*rx.borrow() {
                    step("unit").await;
                    done += 1;
                    if done > 10 { break; }
                }
                done
            }
        }
        lower! {
            pub async fn f(after: u32) -> (u32, bool) {
                let (tx, rx) = tokio::sync::watch::channel(false);
                let cancel = async move {
                    for _ in 0..after {
                        step("wait").await;
                    }
                    tx.send(true).is_ok()
                };
                futures::join!(worker(rx), cancel)
            }
        }
    }
    run { f(2) }
}

twin! {
    /// The actor-handle pattern: a `Handle { tx: mpsc::Sender<Msg> }` whose `&self` async
    /// methods send a message with a `oneshot` responder (`Msg::Get { resp }`) and await it;
    /// the actor loop and a client joined with `join!`.
    p23x_actor_handle_pattern {
        pub enum Msg { Incr { by: u32 }, Get { resp: tokio::sync::oneshot::Sender<u32> }, Reset { resp: tokio::sync::oneshot::Sender<u32>, _t: Tracker } }
        pub struct Handle { pub tx: tokio::sync::mpsc::Sender<Msg> }
        impl Handle {
            lower! {
                pub async fn incr(&self, by: u32) -> bool {
                    self.tx.send(Msg::Incr { by }).await.is_ok()
                }
            }
            lower! {
                pub async fn get(&self) -> Option<u32> {
                    let (resp, rx) = tokio::sync::oneshot::channel();
                    self.tx.send(Msg::Get { resp }).await.ok()?;
                    rx.await.ok()
                }
            }
            lower! {
                pub async fn reset(&self) -> Option<u32> {
                    let (resp, rx) = tokio::sync::oneshot::channel();
                    self.tx.send(Msg::Reset { resp, _t: Tracker::new("reset-msg") }).await.ok()?;
                    step("reset-sent").await;
                    rx.await.ok()
                }
            }
        }
        lower! {
            pub async fn actor(mut rx: tokio::sync::mpsc::Receiver<Msg>) -> u32 {
                let mut n = 0;
                let mut handled = 0;
                while let Some(msg) = rx.recv().await {
                    handled += 1;
                    match msg {
                        Msg::Incr { by } => n += leaf("incr", by).await,
                        Msg::Get { resp } => { let _ = resp.send(n); }
                        Msg::Reset { resp, _t } => {
                            step("resetting").await;
                            let _ = resp.send(std::mem::replace(&mut n, 0));
                        }
                    }
                }
                handled
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<Option<u32>>) {
                let (tx, rx) = tokio::sync::mpsc::channel(1);
                let h = Handle { tx };
                let client = async move {
                    let mut seen = Vec::new();
                    h.incr(2).await;
                    seen.push(h.get().await);
                    h.incr(5).await;
                    seen.push(h.reset().await);
                    seen.push(h.get().await);
                    seen
                };
                futures::join!(actor(rx), client)
            }
        }
    }
    run { f() }
}

twin! {
    /// Actor messages wrapping a `Request` struct (`Msg::Call(req)`) whose `reply` field is a
    /// oneshot sender used after the request's other fields were read across an await.
    p23x_actor_request_struct_reply {
        pub struct Request { pub op: &'static str, pub arg: u32, pub reply: tokio::sync::oneshot::Sender<Result<u32, String>> }
        pub enum Msg { Call(Request), Stop }
        lower! {
            pub async fn actor(mut rx: tokio::sync::mpsc::UnboundedReceiver<Msg>) -> u32 {
                let mut calls = 0;
                while let Some(Msg::Call(req)) = rx.recv().await {
                    calls += 1;
                    let r = match req.op {
                        "double" => Ok(leaf("double", req.arg * 2).await),
                        "fail" => { step("fail").await; Err(format!("{} failed", req.op)) }
                        _ => Err(format!("unknown {}", req.op)),
                    };
                    let _ = req.reply.send(r);
                }
                calls
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<Result<u32, String>>) {
                let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
                let mut rxs = Vec::new();
                for (op, arg) in [("double", 4u32), ("fail", 0), ("nope", 1)] {
                    let (reply, r) = tokio::sync::oneshot::channel();
                    tx.send(Msg::Call(Request { op, arg, reply })).ok();
                    rxs.push(r);
                }
                tx.send(Msg::Stop).ok();
                let calls = actor(rx).await;
                let mut out = Vec::new();
                for r in rxs {
                    out.push(r.await.unwrap_or(Err("dropped".into())));
                }
                (calls, out)
            }
        }
    }
    run { f() }
}

twin! {
    /// The classic bounded buffer with two semaphores (`empty` slots and `full` items) and a
    /// `std::sync::Mutex<VecDeque>`; a producer and a consumer joined, permits `forget`-ed to
    /// move them across semaphores.
    p23x_bounded_buffer_two_semaphores {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let empty = tokio::sync::Semaphore::new(2);
                let full = tokio::sync::Semaphore::new(0);
                let buf = std::sync::Mutex::new(VecDeque::new());
                let producer = async {
                    let _p = Tracker::new("producer");
                    for i in 0..n {
                        let v = leaf("make", i + 1).await;
                        empty.acquire().await.unwrap().forget();
                        buf.lock().unwrap().push_back(v);
                        full.add_permits(1);
                    }
                };
                let consumer = async {
                    let mut got = Vec::new();
                    for _ in 0..n {
                        full.acquire().await.unwrap().forget();
                        let v = buf.lock().unwrap().pop_front().unwrap();
                        empty.add_permits(1);
                        step("use").await;
                        got.push(v);
                    }
                    got
                };
                let ((), got) = futures::join!(producer, consumer);
                got
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A struct with `async fn next(&mut self) -> Option<T>` reading from a channel and
    /// skipping filtered items, consumed with `while let Some(x) = it.next().await`.
    p23x_async_iterator_struct {
        pub struct Evens { pub rx: tokio::sync::mpsc::UnboundedReceiver<(u32, Tracker)>, pub skipped: u32 }
        impl Evens {
            lower! {
                pub async fn next(&mut self) -> Option<(u32, Tracker)> {
                    loop {
                        let (v, t) = self.rx.recv().await?;
                        if v % 2 == 0 {
                            return Some((v, t));
                        }
                        step("skip").await;
                        self.skipped += 1;
                    }
                }
            }
        }
        lower! {
            pub async fn f(xs: Vec<u32>) -> (Vec<u32>, u32) {
                let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
                for x in xs {
                    tx.send((x, Tracker::new("n"))).unwrap();
                }
                drop(tx);
                let mut it = Evens { rx, skipped: 0 };
                let mut out = Vec::new();
                while let Some((v, _t)) = it.next().await {
                    step("got").await;
                    out.push(v);
                }
                (out, it.skipped)
            }
        }
    }
    run { f(vec![1, 2, 3, 4, 6]) }
}

twin! {
    /// Map-reduce: the input split with `chunks(2)`, one `async move` future per chunk owning a
    /// copy, run with `join_all`, then reduced under a `tokio::sync::Mutex` accumulator.
    p23x_map_reduce_chunks {
        lower! {
            pub async fn f(data: Vec<u32>) -> (u32, usize) {
                let acc = tokio::sync::Mutex::new(0u32);
                let futs: Vec<_> = data
                    .chunks(2)
                    .map(|c| {
                        let c = c.to_vec();
                        async move {
                            let mut s = 0;
                            for x in c {
                                s += leaf("map", x * x).await;
                            }
                            s
                        }
                    })
                    .collect();
                let n = futs.len();
                let partials = futures::future::join_all(futs).await;
                for p in partials {
                    let mut g = acc.lock().await;
                    step("reduce").await;
                    *g += p;
                }
                (acc.into_inner(), n)
            }
        }
    }
    run { f(vec![1, 2, 3, 4, 5]) }
}

twin! {
    /// A circuit breaker struct with a state enum and `&mut self` async `call`: failures
    /// open it, an open breaker rejects without calling, a probe in half-open closes it.
    p23x_circuit_breaker {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Breaker { Closed(u32), Open(u32), HalfOpen }
        pub struct Circuit { pub state: Breaker, pub log: Vec<String> }
        impl Circuit {
            lower! {
                pub async fn call(&mut self, ok: bool) -> Result<u32, String> {
                    match self.state {
                        Breaker::Open(0) => self.state = Breaker::HalfOpen,
                        Breaker::Open(n) => {
                            self.state = Breaker::Open(n - 1);
                            return Err("open".into());
                        }
                        _ => {}
                    }
                    let _call = Tracker::new("call");
                    let r = leaf("remote", ok).await;
                    self.log.push(format!("{:?} -> {r}", self.state));
                    match (r, self.state) {
                        (true, _) => { self.state = Breaker::Closed(0); Ok(1) }
                        (false, Breaker::Closed(f)) if f + 1 < 2 => { self.state = Breaker::Closed(f + 1); Err("failed".into()) }
                        (false, _) => {
                            step("tripping").await;
                            self.state = Breaker::Open(1);
                            Err("tripped".into())
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn f(results: Vec<bool>) -> (Vec<Result<u32, String>>, Vec<String>) {
                let mut c = Circuit { state: Breaker::Closed(0), log: vec![] };
                let mut out = Vec::new();
                for ok in results {
                    out.push(c.call(ok).await);
                }
                (out, c.log)
            }
        }
    }
    run { f(vec![false, false, true, true, true, false, true]) }
}

twin! {
    /// A generic lowered fn collecting items of any `T: Debug` into an
    /// `Arc<tokio::sync::Mutex<Vec<T>>>` from `join!`ed producers.
    p23x_generic_shared_collector {
        lower! {
            pub async fn produce<T: std::fmt::Debug>(sink: Arc<tokio::sync::Mutex<Vec<T>>>, items: Vec<T>) -> usize {
                let n = items.len();
                for it in items {
                    step("produce").await;
                    sink.lock().await.push(it);
                }
                n
            }
        }
        lower! {
            pub async fn f() -> (usize, Vec<Tracker>) {
                let sink = Arc::new(tokio::sync::Mutex::new(Vec::new()));
                let (a, b) = futures::join!(
                    produce(sink.clone(), vec![Tracker::new("a1"), Tracker::new("a2")]),
                    produce(sink.clone(), vec![Tracker::new("b1")])
                );
                let v = std::mem::take(&mut *sink.lock().await);
                (a + b, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// Leader election: candidates joined with `join!` race to fill a
    /// `tokio::sync::Mutex<Option<&str>>`; the winner does leader work under the lock, the
    /// others observe it.
    p23x_leader_election_mutex_option {
        lower! {
            pub async fn candidate(name: &'static str, seat: &tokio::sync::Mutex<Option<&'static str>>, delay: u32) -> String {
                for _ in 0..delay {
                    step(name).await;
                }
                let mut g = seat.lock().await;
                match *g {
                    None => {
                        *g = Some(name);
                        let _term = Tracker::new(name);
                        step("lead").await;
                        format!("{name} leads")
                    }
                    Some(l) => format!("{name} follows {l}"),
                }
            }
        }
        lower! {
            pub async fn f() -> (String, String, String) {
                let seat = tokio::sync::Mutex::new(None);
                futures::join!(candidate("ann", &seat, 2), candidate("bob", &seat, 1), candidate("cy", &seat, 3))
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut` into a map behind a `tokio::sync::Mutex` guard (`g.entry(k).or_default()`)
    /// held across an awaited value, and `iter_mut()` over the guard with an await per entry.
    p23x_entry_ref_into_guard_across_await {
        lower! {
            pub async fn f(keys: Vec<&'static str>) -> Vec<(&'static str, u32)> {
                let m = tokio::sync::Mutex::new(BTreeMap::<&'static str, u32>::new());
                for k in keys {
                    let mut g = m.lock().await;
                    let e = g.entry(k).or_default();
                    *e += leaf("count", 1u32).await;
                }
                {
                    let mut g = m.lock().await;
                    for (_k, v) in g.iter_mut() {
                        *v *= leaf("scale", 10u32).await;
                    }
                }
                m.into_inner().into_iter().collect()
            }
        }
    }
    run { f(vec!["a", "b", "a"]) }
}

twin! {
    /// A transaction struct owning a `MutexGuard` and an undo log, with `&mut self` async
    /// `apply` and consuming `async fn commit(self)` / `async fn rollback(self)` methods.
    p23x_txn_struct_owns_guard_commit {
        pub struct Txn<'a> { pub g: tokio::sync::MutexGuard<'a, Vec<u32>>, pub undo: Vec<usize>, pub _t: Tracker }
        impl<'a> Txn<'a> {
            lower! {
                pub async fn apply(&mut self, v: u32) {
                    step("apply").await;
                    self.undo.push(self.g.len());
                    self.g.push(v);
                }
            }
            lower! {
                pub async fn commit(self) -> usize {
                    step("commit").await;
                    self.g.len()
                }
            }
            lower! {
                pub async fn rollback(mut self) -> usize {
                    while let Some(len) = self.undo.pop() {
                        step("undo").await;
                        self.g.truncate(len);
                    }
                    self.g.len()
                }
            }
        }
        lower! {
            pub async fn f(commit: bool) -> (usize, Vec<u32>) {
                let m = tokio::sync::Mutex::new(vec![1]);
                let mut txn = Txn { g: m.lock().await, undo: vec![], _t: Tracker::new("txn") };
                txn.apply(2).await;
                txn.apply(leaf("v", 3).await).await;
                let n = if commit { txn.commit().await } else { txn.rollback().await };
                (n, m.into_inner())
            }
        }
    }
    run { f(true) }
}

twin! {
    /// A transaction struct owning a `MutexGuard` and an undo log, with `&mut self` async
    /// `apply` and consuming `async fn commit(self)` / `async fn rollback(self)` methods.
    p23x_txn_struct_owns_guard_rollback {
        pub struct Txn<'a> { pub g: tokio::sync::MutexGuard<'a, Vec<u32>>, pub undo: Vec<usize>, pub _t: Tracker }
        impl<'a> Txn<'a> {
            lower! {
                pub async fn apply(&mut self, v: u32) {
                    step("apply").await;
                    self.undo.push(self.g.len());
                    self.g.push(v);
                }
            }
            lower! {
                pub async fn commit(self) -> usize {
                    step("commit").await;
                    self.g.len()
                }
            }
            lower! {
                pub async fn rollback(mut self) -> usize {
                    while let Some(len) = self.undo.pop() {
                        step("undo").await;
                        self.g.truncate(len);
                    }
                    self.g.len()
                }
            }
        }
        lower! {
            pub async fn f(commit: bool) -> (usize, Vec<u32>) {
                let m = tokio::sync::Mutex::new(vec![1]);
                let mut txn = Txn { g: m.lock().await, undo: vec![], _t: Tracker::new("txn") };
                txn.apply(2).await;
                txn.apply(leaf("v", 3).await).await;
                let n = if commit { txn.commit().await } else { txn.rollback().await };
                (n, m.into_inner())
            }
        }
    }
    run { f(false) }
}

twin! {
    /// A panic in one branch of a `join!` while the other branch holds a
    /// `tokio::sync::Mutex` guard and a tracker across its await.
    p23x_panic_in_join_branch_with_lock_panics {
        lower! {
            pub async fn f(blow: bool) -> u32 {
                let m = tokio::sync::Mutex::new(0u32);
                let _outer = Tracker::new("outer");
                let holder = async {
                    let mut g = m.lock().await;
                    let _h = Tracker::new("holder");
                    step("hold-1").await;
                    *g += 1;
                    step("hold-2").await;
                    *g
                };
                let other = async {
                    let _o = Tracker::new("other");
                    step("other").await;
                    if blow { boom("other-boom").await } else { 5 }
                };
                let (a, b) = futures::join!(holder, other);
                a + b
            }
        }
    }
    run { f(true) }
}

twin! {
    /// A panic in one branch of a `join!` while the other branch holds a
    /// `tokio::sync::Mutex` guard and a tracker across its await.
    p23x_panic_in_join_branch_with_lock_ok {
        lower! {
            pub async fn f(blow: bool) -> u32 {
                let m = tokio::sync::Mutex::new(0u32);
                let _outer = Tracker::new("outer");
                let holder = async {
                    let mut g = m.lock().await;
                    let _h = Tracker::new("holder");
                    step("hold-1").await;
                    *g += 1;
                    step("hold-2").await;
                    *g
                };
                let other = async {
                    let _o = Tracker::new("other");
                    step("other").await;
                    if blow { boom("other-boom").await } else { 5 }
                };
                let (a, b) = futures::join!(holder, other);
                a + b
            }
        }
    }
    run { f(false) }
}

twin! {
    /// `FuturesUnordered` of `async move` blocks owning trackers, one of which panics after
    /// others completed; results collected under a `std::sync::Mutex`.
    p23x_futures_unordered_panic_midway_panics {
        lower! {
            pub async fn f(bad: u32) -> Vec<u32> {
                let out = std::sync::Mutex::new(Vec::new());
                let mut set = futures::stream::FuturesUnordered::new();
                for i in 0..3u32 {
                    let t = Tracker::new("owned");
                    set.push(async move {
                        step("work").await;
                        let _t = t;
                        if i == bad { boom("task").await } else { i }
                    });
                }
                while let Some(v) = set.next().await {
                    out.lock().unwrap().push(v);
                }
                out.into_inner().unwrap()
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `FuturesUnordered` of `async move` blocks owning trackers, one of which panics after
    /// others completed; results collected under a `std::sync::Mutex`.
    p23x_futures_unordered_panic_midway_ok {
        lower! {
            pub async fn f(bad: u32) -> Vec<u32> {
                let out = std::sync::Mutex::new(Vec::new());
                let mut set = futures::stream::FuturesUnordered::new();
                for i in 0..3u32 {
                    let t = Tracker::new("owned");
                    set.push(async move {
                        step("work").await;
                        let _t = t;
                        if i == bad { boom("task").await } else { i }
                    });
                }
                while let Some(v) = set.next().await {
                    out.lock().unwrap().push(v);
                }
                out.into_inner().unwrap()
            }
        }
    }
    run { f(9) }
}

twin! {
    /// `futures::future::Either` to pick one of two different lowered futures in an `if`,
    /// awaited after a guard is taken; a `LocalBoxFuture` vec built with `boxed_local()`.
    p23x_either_unifies_futures_fast {
        lower! {
            pub async fn fast(n: u32) -> u32 { leaf("fast", n).await }
        }
        lower! {
            pub async fn slow(n: u32) -> u32 {
                let _s = Tracker::new("slow");
                step("slow-1").await;
                step("slow-2").await;
                n * 100
            }
        }
        lower! {
            pub async fn f(pick_fast: bool) -> (u32, Vec<u32>) {
                let m = tokio::sync::Mutex::new(());
                let fut = if pick_fast { futures::future::Either::Left(fast(1)) } else { futures::future::Either::Right(slow(2)) };
                let _g = m.lock().await;
                let v = fut.await;
                let jobs: Vec<futures::future::LocalBoxFuture<'_, u32>> = vec![fast(3).boxed_local(), slow(4).boxed_local(), async { v + 1 }.boxed_local()];
                let mut out = Vec::new();
                for j in jobs {
                    out.push(j.await);
                }
                (v, out)
            }
        }
    }
    run { f(true) }
}

twin! {
    /// `futures::future::Either` to pick one of two different lowered futures in an `if`,
    /// awaited after a guard is taken; a `LocalBoxFuture` vec built with `boxed_local()`.
    p23x_either_unifies_futures_slow {
        lower! {
            pub async fn fast(n: u32) -> u32 { leaf("fast", n).await }
        }
        lower! {
            pub async fn slow(n: u32) -> u32 {
                let _s = Tracker::new("slow");
                step("slow-1").await;
                step("slow-2").await;
                n * 100
            }
        }
        lower! {
            pub async fn f(pick_fast: bool) -> (u32, Vec<u32>) {
                let m = tokio::sync::Mutex::new(());
                let fut = if pick_fast { futures::future::Either::Left(fast(1)) } else { futures::future::Either::Right(slow(2)) };
                let _g = m.lock().await;
                let v = fut.await;
                let jobs: Vec<futures::future::LocalBoxFuture<'_, u32>> = vec![fast(3).boxed_local(), slow(4).boxed_local(), async { v + 1 }.boxed_local()];
                let mut out = Vec::new();
                for j in jobs {
                    out.push(j.await);
                }
                (v, out)
            }
        }
    }
    run { f(false) }
}

twin! {
    /// `futures::stream::select` merging two channel-backed streams (round-robin), consumed
    /// with `next().await` in a `while let`, each item processed with an await.
    p23x_stream_select_merge {
        lower! {
            pub async fn f() -> Vec<String> {
                let (atx, arx) = futures::channel::mpsc::unbounded::<String>();
                let (btx, brx) = futures::channel::mpsc::unbounded::<String>();
                for i in 0..3 {
                    atx.unbounded_send(format!("a{i}")).unwrap();
                }
                btx.unbounded_send("b0".into()).unwrap();
                drop(atx);
                drop(btx);
                let mut merged = futures::stream::select(arx, brx);
                let mut out = Vec::new();
                let _t = Tracker::new("merge");
                while let Some(s) = merged.next().await {
                    out.push(leaf("item", s).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `FuturesOrdered` keeps submission order although later futures finish first; items
    /// pushed in a loop with `push_back`, consumed with `next().await`.
    p23x_futures_ordered_results {
        lower! {
            pub async fn job(id: u32, steps: u32) -> (u32, Tracker) {
                for _ in 0..steps {
                    step("job").await;
                }
                (id, Tracker::new("result"))
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut q = futures::stream::FuturesOrdered::new();
                for (id, s) in [(1u32, 3u32), (2, 1), (3, 2)] {
                    q.push_back(job(id, s));
                }
                let mut ids = Vec::new();
                while let Some((id, t)) = q.next().await {
                    step("consume").await;
                    ids.push(id);
                    drop(t);
                }
                ids
            }
        }
    }
    run { f() }
}

twin! {
    /// `try_join_all` over lowered calls returning `Result`, with `?` on it; a failure drops
    /// the unfinished calls (and their trackers) at once.
    p23x_try_join_all_question_ok {
        lower! {
            pub async fn check(name: &'static str, delay: u32, ok: bool) -> Result<&'static str, String> {
                let _c = Tracker::new(name);
                for _ in 0..delay {
                    step(name).await;
                }
                if ok { Ok(name) } else { Err(format!("{name} failed")) }
            }
        }
        lower! {
            pub async fn f(fail: bool) -> Result<Vec<&'static str>, String> {
                let _t = Tracker::new("fn");
                let v = futures::future::try_join_all(vec![check("a", 2, true), check("b", 1, !fail), check("c", 3, true)]).await?;
                step("all-ok").await;
                Ok(v)
            }
        }
    }
    run { f(false) }
}

twin! {
    /// `try_join_all` over lowered calls returning `Result`, with `?` on it; a failure drops
    /// the unfinished calls (and their trackers) at once.
    p23x_try_join_all_question_err {
        lower! {
            pub async fn check(name: &'static str, delay: u32, ok: bool) -> Result<&'static str, String> {
                let _c = Tracker::new(name);
                for _ in 0..delay {
                    step(name).await;
                }
                if ok { Ok(name) } else { Err(format!("{name} failed")) }
            }
        }
        lower! {
            pub async fn f(fail: bool) -> Result<Vec<&'static str>, String> {
                let _t = Tracker::new("fn");
                let v = futures::future::try_join_all(vec![check("a", 2, true), check("b", 1, !fail), check("c", 3, true)]).await?;
                step("all-ok").await;
                Ok(v)
            }
        }
    }
    run { f(true) }
}

twin! {
    /// `futures::future::poll_fn` polling a pinned local future and counting its polls; the
    /// local later awaited to completion through `.as_mut()`.
    p23x_poll_fn_over_pinned_local {
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut polls = 0u32;
                let mut fut = std::pin::pin!(async {
                    step("inner-1").await;
                    step("inner-2").await;
                    7u32
                });
                let first = futures::future::poll_fn(|cx| {
                    polls += 1;
                    match fut.as_mut().poll(cx) {
                        std::task::Poll::Ready(v) => std::task::Poll::Ready(Some(v)),
                        std::task::Poll::Pending if polls >= 2 => std::task::Poll::Ready(None),
                        std::task::Poll::Pending => std::task::Poll::Pending,
                    }
                }).await;
                let v = match first {
                    Some(v) => v,
                    None => fut.as_mut().await,
                };
                (v, polls)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `std::sync::RwLock` read and written in statements between awaits and an
    /// `Arc<AtomicU32>` bumped by joined `async move` blocks.
    p23x_std_rwlock_and_atomics {
        lower! {
            pub async fn f() -> (u32, Vec<String>) {
                let hits = Arc::new(std::sync::atomic::AtomicU32::new(0));
                let names = std::sync::RwLock::new(vec![String::from("root")]);
                let mut blocks = Vec::new();
                for i in 0..3u32 {
                    let hits = hits.clone();
                    blocks.push(async move {
                        step("hit").await;
                        hits.fetch_add(i + 1, std::sync::atomic::Ordering::SeqCst);
                    });
                }
                futures::future::join_all(blocks).await;
                let n = names.read().unwrap().len();
                step("read").await;
                names.write().unwrap().push(format!("n{n}"));
                let v = names.read().unwrap().clone();
                (hits.load(std::sync::atomic::Ordering::SeqCst), v)
            }
        }
    }
    run { f() }
}

twin! {
    /// A sequencer: `let mut seq = m.lock().await; *seq += 1; let id = *seq;` then the write
    /// is awaited with the guard still held, so two joined writers never interleave.
    p23x_sequenced_writer_guard_copy {
        lower! {
            pub async fn write(m: &tokio::sync::Mutex<u32>, out: &std::sync::Mutex<Vec<String>>, who: &'static str) -> u32 {
                let mut seq = m.lock().await;
                *seq += 1;
                let id = *seq;
                out.lock().unwrap().push(format!("{who} begin {id}"));
                step(who).await;
                out.lock().unwrap().push(format!("{who} end {id}"));
                id
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, Vec<String>) {
                let m = tokio::sync::Mutex::new(0u32);
                let out = std::sync::Mutex::new(Vec::new());
                let (a, b) = futures::join!(write(&m, &out, "w1"), write(&m, &out, "w2"));
                (a, b, out.into_inner().unwrap())
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered reader: `let r = cfg.read().await; let v = *r;` then an await while the read
    /// guard is meant to be held, so a joined writer must wait for it.
    p23x_rwlock_read_copy_then_await {
        lower! {
            pub async fn read_cfg(cfg: &tokio::sync::RwLock<u32>) -> u32 {
                let r = cfg.read().await;
                let v = *r;
                step("reading").await;
                log(format!("writer blocked: {}", cfg.try_write().is_err()));
                v
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, u32) {
                let cfg = tokio::sync::RwLock::new(1u32);
                let writer = async {
                    step("writer-prep").await;
                    let mut w = cfg.write().await;
                    *w += 10;
                    *w
                };
                let (v, w) = futures::join!(read_cfg(&cfg), writer);
                (v, w, *cfg.read().await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `if *g == 0 { .. }` and `match *g { n if n > 2 => .., _ => .. }` on a held
    /// `tokio::sync::Mutex<u32>` guard with awaits in the branches; `try_lock` reports
    /// whether the lock is still held there.
    p23x_guard_deref_compare_then_await {
        lower! {
            pub async fn check(m: &tokio::sync::Mutex<u32>) -> (bool, bool) {
                let g = m.lock().await;
                let first = if *g == 0 {
                    step("zero").await;
                    m.try_lock().is_err()
                } else {
                    true
                };
                let second = match *g {
                    n if n > 2 => {
                        step("big").await;
                        m.try_lock().is_err()
                    }
                    _ => false,
                };
                (first, second)
            }
        }
        lower! {
            pub async fn f(start: u32) -> (u32, bool, bool) {
                let m = tokio::sync::Mutex::new(start);
                let (a, b) = check(&m).await;
                (*m.lock().await, a, b)
            }
        }
    }
    run { pair(f(0), f(5)) }
}

twin! {
    /// A lowered fn keeps a `Ref` of a `RefCell<u32>` (its value copied out with `*b`) across
    /// an await while a joined block tries `try_borrow_mut`, which must fail while it lives.
    p23x_refcell_ref_copy_held {
        lower! {
            pub async fn hold(cell: &RefCell<u32>) -> u32 {
                let b = cell.borrow();
                let v = *b;
                step("holding-ref").await;
                v
            }
        }
        lower! {
            pub async fn f() -> (u32, bool) {
                let cell = RefCell::new(3u32);
                let writer = async {
                    step("writer").await;
                    cell.try_borrow_mut().map(|mut m| *m += 1).is_ok()
                };
                let (v, ok) = futures::join!(hold(&cell), writer);
                (v, ok)
            }
        }
    }
    run { f() }
}

twin! {
    /// An inventory reservation: the guard's `Option<u32>` stock matched with `if let
    /// Some(n) = *g`, the reservation awaited with the guard held; two joined buyers.
    p23x_inventory_reserve_guard_option {
        lower! {
            pub async fn buy(stock: &tokio::sync::Mutex<Option<u32>>, who: &'static str) -> String {
                let mut g = stock.lock().await;
                if let Some(n) = *g {
                    let _r = Tracker::new(who);
                    step("reserve").await;
                    *g = if n > 1 { Some(n - 1) } else { None };
                    return format!("{who} got one of {n}");
                }
                format!("{who}: sold out")
            }
        }
        lower! {
            pub async fn f() -> (String, String, Option<u32>) {
                let stock = tokio::sync::Mutex::new(Some(1u32));
                let (a, b) = futures::join!(buy(&stock, "ann"), buy(&stock, "bob"));
                (a, b, *stock.lock().await)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Copy` parameter used as a loop bound (`for i in 0..n`) inside non-`move` `async`
    /// blocks that also borrow a local, joined with `join!`.
    p23x_for_range_param_in_async_block {
        lower! {
            pub async fn f(n: u32, m: u32) -> (u32, Vec<u32>) {
                let seen = RefCell::new(Vec::new());
                let a = async {
                    for i in 0..n {
                        step("a").await;
                        seen.borrow_mut().push(i);
                    }
                    n
                };
                let b = async {
                    let mut k = 0;
                    while k < m {
                        step("b").await;
                        seen.borrow_mut().push(100 + k);
                        k += 1;
                    }
                };
                let (x, ()) = futures::join!(a, b);
                (x, seen.into_inner())
            }
        }
    }
    run { f(2, 2) }
}

twin! {
    /// Pub/sub with topics: a `BTreeMap<&str, Vec<UnboundedSender<String>>>` behind a
    /// `tokio::sync::Mutex`; `publish` awaits a format step under the lock and counts the
    /// deliveries; subscribers drained at the end.
    p23x_pubsub_topics {
        pub struct Broker { pub topics: tokio::sync::Mutex<BTreeMap<&'static str, Vec<tokio::sync::mpsc::UnboundedSender<String>>>> }
        impl Broker {
            lower! {
                pub async fn subscribe(&self, topic: &'static str) -> tokio::sync::mpsc::UnboundedReceiver<String> {
                    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
                    self.topics.lock().await.entry(topic).or_default().push(tx);
                    rx
                }
            }
            lower! {
                pub async fn publish(&self, topic: &'static str, msg: &'static str) -> usize {
                    let topics = self.topics.lock().await;
                    let Some(subs) = topics.get(topic) else { return 0 };
                    let text = leaf("format", format!("[{topic}] {msg}")).await;
                    subs.iter().filter(|s| s.send(text.clone()).is_ok()).count()
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<usize>, Vec<String>, Vec<String>) {
                let b = Broker { topics: tokio::sync::Mutex::new(BTreeMap::new()) };
                let mut news = b.subscribe("news").await;
                let mut all = b.subscribe("news").await;
                let mut sport = b.subscribe("sport").await;
                let mut counts = vec![b.publish("news", "hello").await];
                counts.push(b.publish("sport", "goal").await);
                counts.push(b.publish("weather", "rain").await);
                drop(b);
                let mut n = Vec::new();
                while let Some(m) = news.recv().await { n.push(m); }
                while let Some(m) = sport.recv().await { n.push(m); }
                let mut a = Vec::new();
                while let Some(m) = all.recv().await { step("all").await; a.push(m); }
                (counts, n, a)
            }
        }
    }
    run { f() }
}

twin! {
    /// A oneshot carrying a `Result`: `rx.await.map_err(..)??` style double `?`, with the
    /// worker block joined and a tracker alive in the caller.
    p23x_oneshot_result_double_question_ok {
        #[derive(Debug)]
        pub enum E { Canceled, Work(String) }
        lower! {
            pub async fn f(mode: u32) -> Result<u32, E> {
                let (tx, rx) = tokio::sync::oneshot::channel::<Result<u32, String>>();
                let _t = Tracker::new("caller");
                let worker = async move {
                    step("work").await;
                    match mode {
                        0 => { let _ = tx.send(Ok(42)); }
                        1 => { let _ = tx.send(Err("bad input".into())); }
                        _ => drop(tx),
                    }
                };
                let (r, ()) = futures::join!(rx, worker);
                let v = r.map_err(|_| E::Canceled)?.map_err(E::Work)?;
                step("done").await;
                Ok(v)
            }
        }
    }
    run { f(0) }
}

twin! {
    /// A oneshot carrying a `Result`: `rx.await.map_err(..)??` style double `?`, with the
    /// worker block joined and a tracker alive in the caller.
    p23x_oneshot_result_double_question_work_err {
        #[derive(Debug)]
        pub enum E { Canceled, Work(String) }
        lower! {
            pub async fn f(mode: u32) -> Result<u32, E> {
                let (tx, rx) = tokio::sync::oneshot::channel::<Result<u32, String>>();
                let _t = Tracker::new("caller");
                let worker = async move {
                    step("work").await;
                    match mode {
                        0 => { let _ = tx.send(Ok(42)); }
                        1 => { let _ = tx.send(Err("bad input".into())); }
                        _ => drop(tx),
                    }
                };
                let (r, ()) = futures::join!(rx, worker);
                let v = r.map_err(|_| E::Canceled)?.map_err(E::Work)?;
                step("done").await;
                Ok(v)
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A oneshot carrying a `Result`: `rx.await.map_err(..)??` style double `?`, with the
    /// worker block joined and a tracker alive in the caller.
    p23x_oneshot_result_double_question_canceled {
        #[derive(Debug)]
        pub enum E { Canceled, Work(String) }
        lower! {
            pub async fn f(mode: u32) -> Result<u32, E> {
                let (tx, rx) = tokio::sync::oneshot::channel::<Result<u32, String>>();
                let _t = Tracker::new("caller");
                let worker = async move {
                    step("work").await;
                    match mode {
                        0 => { let _ = tx.send(Ok(42)); }
                        1 => { let _ = tx.send(Err("bad input".into())); }
                        _ => drop(tx),
                    }
                };
                let (r, ()) = futures::join!(rx, worker);
                let v = r.map_err(|_| E::Canceled)?.map_err(E::Work)?;
                step("done").await;
                Ok(v)
            }
        }
    }
    run { f(2) }
}

twin! {
    /// `rx.close()` stops new sends (a joined sender sees the error with its value back)
    /// while the already-buffered items are still drained with `recv().await`.
    p23x_receiver_close_then_drain {
        lower! {
            pub async fn f() -> (Vec<&'static str>, Vec<&'static str>) {
                let (tx, mut rx) = tokio::sync::mpsc::channel::<Tracker>(4);
                tx.send(Tracker::new("buffered-1")).await.unwrap();
                tx.send(Tracker::new("buffered-2")).await.unwrap();
                step("filled").await;
                rx.close();
                let mut rejected = Vec::new();
                match tx.send(Tracker::new("late")).await {
                    Ok(()) => {}
                    Err(e) => rejected.push(e.0.name()),
                }
                let mut got = Vec::new();
                while let Some(t) = rx.recv().await {
                    step("drain").await;
                    got.push(t.name());
                }
                (got, rejected)
            }
        }
    }
    run { f() }
}

twin! {
    /// Graceful shutdown: requests take an owned permit of an in-flight `Semaphore` (limit
    /// 3); shutdown waits with `acquire_many(3)` until every in-flight request finished.
    p23x_graceful_shutdown_inflight {
        lower! {
            pub async fn request(inflight: Arc<tokio::sync::Semaphore>, id: u32, steps: u32) -> u32 {
                let _p = inflight.acquire_owned().await.unwrap();
                let _r = Tracker::new("request");
                for _ in 0..steps {
                    step("serve").await;
                }
                id
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, usize) {
                let inflight = Arc::new(tokio::sync::Semaphore::new(3));
                let reqs = futures::future::join_all(vec![
                    request(inflight.clone(), 1, 2),
                    request(inflight.clone(), 2, 1),
                ]);
                let shutdown = async {
                    step("shutdown-signal").await;
                    let all = inflight.acquire_many(3).await.unwrap();
                    log("all requests finished");
                    inflight.close();
                    drop(all);
                    inflight.available_permits()
                };
                futures::join!(reqs, shutdown)
            }
        }
    }
    run { f() }
}

twin! {
    /// "At most one refresh": callers `try_acquire` a single-permit semaphore; the winner
    /// refreshes (awaiting) while the others read the stale value; joined three times.
    p23x_refresh_once_try_acquire {
        pub struct Tokens { pub refresh: tokio::sync::Semaphore, pub value: std::sync::Mutex<String>, pub refreshes: std::cell::Cell<u32> }
        impl Tokens {
            lower! {
                pub async fn get(&self, who: &'static str) -> String {
                    match self.refresh.try_acquire() {
                        Ok(_permit) => {
                            step(who).await;
                            self.refreshes.set(self.refreshes.get() + 1);
                            let v = leaf("token", format!("tok-by-{who}")).await;
                            *self.value.lock().unwrap() = v.clone();
                            v
                        }
                        Err(_) => {
                            let stale = self.value.lock().unwrap().clone();
                            format!("{who} stale {stale}")
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn f() -> (String, String, String, String, u32) {
                let t = Tokens { refresh: tokio::sync::Semaphore::new(1), value: std::sync::Mutex::new("old".into()), refreshes: std::cell::Cell::new(0) };
                let (a, b, c) = futures::join!(t.get("a"), t.get("b"), t.get("c"));
                let d = t.get("d").await;
                (a, b, c, d, t.refreshes.get())
            }
        }
    }
    run { f() }
}

twin! {
    /// A debouncer: events from an unbounded channel gathered into a batch until a "quiet"
    /// step finds the channel empty (`try_recv`), then the batch is flushed with an await.
    p23x_debounce_batches {
        lower! {
            pub async fn f(bursts: Vec<Vec<&'static str>>) -> Vec<Vec<&'static str>> {
                let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<&'static str>();
                let producer = async move {
                    for burst in bursts {
                        for e in burst {
                            tx.send(e).unwrap();
                        }
                        step("gap").await;
                        step("gap2").await;
                    }
                };
                let consumer = async {
                    let mut batches = Vec::new();
                    while let Some(first) = rx.recv().await {
                        let mut batch = vec![first];
                        loop {
                            step("quiet").await;
                            match rx.try_recv() {
                                Ok(e) => batch.push(e),
                                Err(_) => break,
                            }
                        }
                        step("flush").await;
                        batches.push(batch);
                    }
                    batches
                };
                let ((), b) = futures::join!(producer, consumer);
                b
            }
        }
    }
    run { f(vec![vec!["a", "b"], vec!["c"], vec!["d", "e", "f"]]) }
}

twin! {
    /// Smallest form of the guard released early: `let v = *g;` reads the guarded value, an
    /// await follows, and the guard must still be held there (`try_lock` fails natively).
    p23x_min_guard_deref_copy {
        lower! {
            pub async fn f() -> u32 {
                let m = tokio::sync::Mutex::new(5u32);
                let g = m.lock().await;
                let v = *g;
                step("s").await;
                log(format!("held: {}", m.try_lock().is_err()));
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Smallest form with a plain `Deref` type: `match *g { Some(v) => .. }` with an await in
    /// the other arm: the tracker inside `g` must drop at the end of the scope.
    p23x_min_deref_match_binding {
        pub struct Guard(pub Option<u32>, pub Tracker);
        impl std::ops::Deref for Guard { type Target = Option<u32>; fn deref(&self) -> &Option<u32> { &self.0 } }
        lower! {
            pub async fn f() -> u32 {
                let g = Guard(None, Tracker::new("guard"));
                match *g {
                    None => { step("arm").await; log("in arm"); 1 }
                    Some(v) => v,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Smallest form: a oneshot sender consumed by `tx.send(v)`, then an await in its scope.
    p23x_min_oneshot_send_then_await {
        lower! {
            pub async fn f() -> u32 {
                let (tx, rx) = tokio::sync::oneshot::channel::<u32>();
                let _ = tx.send(1);
                step("s").await;
                rx.await.unwrap_or(0)
            }
        }
    }
    run { f() }
}

twin! {
    /// Smallest form: a by-value parameter's `Copy` field read before an await and its
    /// oneshot field consumed after it by `req.reply.send(..)`.
    p23x_min_field_send_param {
        pub struct Req { pub n: u32, pub reply: tokio::sync::oneshot::Sender<u32> }
        lower! {
            pub async fn f(req: Req) -> u32 {
                let n = req.n;
                step("s").await;
                let _ = req.reply.send(n);
                n
            }
        }
    }
    run { f(Req { n: 1, reply: tokio::sync::oneshot::channel().0 }) }
}

twin! {
    /// Smallest form: `futures::join!(a, ..);` as a statement with a local future `a`.
    p23x_min_join_statement {
        lower! {
            pub async fn f() -> u32 {
                let a = async { step("a").await; };
                futures::join!(a, step("b"));
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// Smallest form: a parameter named in an `async` block only in a `for` loop's range
    /// (`for _ in 0..n`), the block borrowing another local and joined.
    p23x_min_for_range_in_block {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let c = std::cell::Cell::new(0u32);
                let a = async { for _ in 0..n { step("a").await; c.set(c.get() + 1); } };
                let ((), ()) = futures::join!(a, step("b"));
                c.get()
            }
        }
    }
    run { f(2) }
}

twin! {
    /// Smallest form: a local moved into an awaited call and assigned again from the
    /// output in a `match` arm (`Err(back) => t = back`), in a loop.
    p23x_min_moved_arg_given_back {
        lower! {
            pub async fn give(t: Tracker, k: u32) -> Result<u32, Tracker> { step("give").await; if k < 2 { Err(t) } else { Ok(k) } }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut t = Tracker::new("a");
                let mut k = 0;
                loop {
                    k += 1;
                    match give(t, k).await {
                        Ok(v) => break v,
                        Err(back) => t = back,
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Smallest form: `let n;` declared before a block that awaits and then assigns it.
    p23x_min_deferred_init_in_block {
        lower! {
            pub async fn f() -> usize {
                let n;
                {
                    let v = vec![1, 2];
                    step("s").await;
                    n = v.len();
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Smallest form: a `select_biased!` handler binding a name (`if let Some(t) = ..`) that a
    /// local of the fn also has.
    p23x_min_select_handler_shadow {
        lower! {
            pub async fn f(v: u32) -> Vec<String> {
                let mut work = Box::pin(leaf("work", v).fuse());
                let t = Tracker::new("s");
                let mut sender = Some(t);
                let mut out = Vec::new();
                loop {
                    futures::select_biased! {
                        w = work => {
                            if let Some(t) = sender.take() { drop(t); }
                            out.push(format!("{w}"));
                        }
                        complete => break,
                    }
                }
                step("after-select").await;
                out
            }
        }
    }
    run { f(5) }
}
