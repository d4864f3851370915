//! Probe round 13: application code as people write it: structs with `impl` blocks of
//! lowered `async fn` methods (`self`, `&self`, `&mut self`), generic stores, traits with
//! `async fn`, builders sent by value, consuming methods (`close`, `finish`, `into_parts`),
//! getters on tracker-holding structs, `?` with `From` conversions, collecting awaited
//! results, `match` on enums with data, queues, retry loops, caches and rate limiters.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};

twin! {
    /// A bank account: `&mut self` deposit/withdraw with `Result`, `&self` balance, `?` with a
    /// `From` conversion into an application error, Trackers in the struct.
    p13_bank_account {
        #[derive(Debug)]
        pub enum BankError { Insufficient { need: i64, have: i64 }, Frozen }
        #[derive(Debug)]
        pub enum AppError { Bank(BankError), Other(String) }
        impl From<BankError> for AppError {
            fn from(e: BankError) -> Self { log(format!("convert {e:?}")); AppError::Bank(e) }
        }
        pub struct Account { pub owner: Tracker, pub balance: i64, pub history: Vec<String>, pub frozen: bool }
        impl Account {
            lower! {
                pub async fn deposit(&mut self, amount: i64) -> i64 {
                    let _audit = Tracker::new("audit-dep");
                    let a = leaf("dep", amount).await;
                    self.balance += a;
                    self.history.push(format!("+{a}"));
                    self.balance
                }
            }
            lower! {
                pub async fn withdraw(&mut self, amount: i64) -> Result<i64, BankError> {
                    step("check").await;
                    if self.frozen { return Err(BankError::Frozen); }
                    if self.balance < amount {
                        return Err(BankError::Insufficient { need: amount, have: self.balance });
                    }
                    self.balance -= leaf("wd", amount).await;
                    self.history.push(format!("-{amount}"));
                    Ok(self.balance)
                }
            }
            lower! {
                pub async fn balance(&self) -> i64 {
                    step("read").await;
                    self.balance
                }
            }
        }
        lower! {
            pub async fn session(start: i64, take: i64) -> Result<(i64, Vec<String>), AppError> {
                let mut acc = Account { owner: Tracker::new("owner"), balance: start, history: vec![], frozen: false };
                let after = acc.deposit(10).await;
                log(format!("after {after}"));
                let left = acc.withdraw(take).await?;
                let b = acc.balance().await;
                if b != left { return Err(AppError::Other("mismatch".into())); }
                Ok((b, acc.history))
            }
        }
    }
    run { pair(session(5, 12), session(5, 100)) }
}

twin! {
    /// Transfer between two accounts held in a `Vec`, with the error converted by `?` and
    /// a guard alive over the whole transfer.
    p13_transfer_between {
        #[derive(Debug)]
        pub struct NoFunds(pub u32);
        #[derive(Debug)]
        pub enum TxError { Funds(u32), Same }
        impl From<NoFunds> for TxError { fn from(n: NoFunds) -> Self { TxError::Funds(n.0) } }
        #[derive(Debug)]
        pub struct Acct { pub id: u32, pub tag: Tracker, pub cents: u32 }
        impl Acct {
            lower! {
                pub async fn take(&mut self, n: u32) -> Result<u32, NoFunds> {
                    step("lock").await;
                    if self.cents < n { Err(NoFunds(self.id)) } else { self.cents -= n; Ok(n) }
                }
            }
            lower! {
                pub async fn give(&mut self, n: u32) {
                    self.cents += leaf("give", n).await;
                }
            }
        }
        lower! {
            pub async fn transfer(accts: &mut Vec<Acct>, from: usize, to: usize, n: u32) -> Result<u32, TxError> {
                if from == to { return Err(TxError::Same); }
                let _g = Tracker::new("tx-guard");
                let moved = accts[from].take(n).await?;
                accts[to].give(moved).await;
                Ok(accts[to].cents)
            }
        }
        lower! {
            pub async fn bank() -> (Vec<Result<u32, TxError>>, Vec<Acct>) {
                let mut accts = vec![
                    Acct { id: 0, tag: Tracker::new("a0"), cents: 50 },
                    Acct { id: 1, tag: Tracker::new("a1"), cents: 5 },
                ];
                let mut out = vec![];
                out.push(transfer(&mut accts, 0, 1, 20).await);
                out.push(transfer(&mut accts, 1, 0, 100).await);
                out.push(transfer(&mut accts, 1, 1, 1).await);
                (out, accts)
            }
        }
    }
    run { bank() }
}

twin! {
    /// A token-bucket rate limiter: `acquire(&mut self)` waits with `step` until a token is
    /// refilled; the caller loops and collects.
    p13_rate_limiter {
        pub struct Limiter { pub tokens: u32, pub cap: u32, pub ticks: u32, pub _g: Tracker }
        impl Limiter {
            pub fn new(cap: u32) -> Self { Limiter { tokens: cap, cap, ticks: 0, _g: Tracker::new("limiter") } }
            fn refill(&mut self) { self.ticks += 1; if self.ticks % 2 == 0 && self.tokens < self.cap { self.tokens += 1; } }
            lower! {
                pub async fn acquire(&mut self) -> u32 {
                    let mut waited = 0;
                    while self.tokens == 0 {
                        step("wait").await;
                        self.refill();
                        waited += 1;
                    }
                    self.tokens -= 1;
                    waited
                }
            }
        }
        lower! {
            pub async fn run(n: u32) -> Vec<u32> {
                let mut lim = Limiter::new(2);
                let mut waits = Vec::new();
                for i in 0..n {
                    let _req = Tracker::new("req");
                    let w = lim.acquire().await;
                    waits.push(w + leaf("work", i).await);
                }
                waits
            }
        }
    }
    run { run(5) }
}

twin! {
    /// A cache with a TTL: `get_or_fetch(&mut self, k)` returns a cloned value or awaits a
    /// fetch; expired entries are replaced (the old Tracker drops on insert).
    p13_cache_ttl {
        pub struct Entry { pub val: String, pub at: u32, pub _t: Tracker }
        pub struct Cache { pub map: BTreeMap<u32, Entry>, pub now: u32, pub ttl: u32, pub hits: u32 }
        impl Cache {
            lower! {
                pub async fn get_or_fetch(&mut self, k: u32) -> String {
                    self.now += 1;
                    if let Some(e) = self.map.get(&k) {
                        if self.now - e.at <= self.ttl {
                            self.hits += 1;
                            return e.val.clone();
                        }
                    }
                    let v = leaf("fetch", format!("v{k}@{}", self.now)).await;
                    self.map.insert(k, Entry { val: v.clone(), at: self.now, _t: Tracker::new(if k == 1 { "e1" } else { "e2" }) });
                    v
                }
            }
        }
        lower! {
            pub async fn app() -> (Vec<String>, u32) {
                let mut c = Cache { map: BTreeMap::new(), now: 0, ttl: 2, hits: 0 };
                let mut got = vec![];
                for k in [1, 2, 1, 1, 2, 1] {
                    got.push(c.get_or_fetch(k).await);
                }
                (got, c.hits)
            }
        }
    }
    run { app() }
}

twin! {
    /// A job queue drained with `while let Some(job) = q.pop()`, jobs an enum with data
    /// (Trackers inside), `match` arms awaiting, `break` on a stop job with jobs left.
    p13_job_queue_drain {
        pub enum Job { Print(Tracker, u32), Sleep(u32), Batch(Vec<Tracker>), Stop }
        pub struct Queue { pub jobs: Vec<Job>, pub _g: Tracker }
        impl Queue {
            pub fn pop(&mut self) -> Option<Job> { if self.jobs.is_empty() { None } else { Some(self.jobs.remove(0)) } }
        }
        lower! {
            pub async fn worker(mut q: Queue) -> Vec<String> {
                let mut done = vec![];
                while let Some(job) = q.pop() {
                    match job {
                        Job::Print(t, n) => {
                            let v = leaf("print", n).await;
                            done.push(format!("{t:?}:{v}"));
                        }
                        Job::Sleep(n) => {
                            for _ in 0..n { step("sleep").await; }
                            done.push(format!("slept {n}"));
                        }
                        Job::Batch(ts) => {
                            for t in ts {
                                step("item").await;
                                done.push(t.name().to_string());
                            }
                        }
                        Job::Stop => break,
                    }
                }
                done
            }
        }
    }
    run {
        worker(Queue { jobs: vec![
            Job::Print(Tracker("p1"), 1), Job::Sleep(2), Job::Batch(vec![Tracker("b1"), Tracker("b2")]),
            Job::Stop, Job::Print(Tracker("p2"), 2)], _g: Tracker("queue") })
    }
}

twin! {
    /// A retry loop with a backoff counter: `match fetch(attempt).await` with a guard arm
    /// retrying and an arm returning the converted error early.
    p13_retry_backoff {
        #[derive(Debug)]
        pub enum NetErr { Timeout(u32), Refused }
        #[derive(Debug)]
        pub struct AppErr(pub String);
        impl From<NetErr> for AppErr { fn from(e: NetErr) -> Self { AppErr(format!("{e:?}")) } }
        pub struct Client { pub fail_until: u32, pub refuse: bool, pub _conn: Tracker }
        impl Client {
            lower! {
                pub async fn fetch(&self, attempt: u32) -> Result<String, NetErr> {
                    step("net").await;
                    if self.refuse && attempt == 2 { return Err(NetErr::Refused); }
                    if attempt < self.fail_until { Err(NetErr::Timeout(attempt)) } else { Ok(format!("body#{attempt}")) }
                }
            }
        }
        lower! {
            pub async fn get_with_retry(c: Client) -> Result<(String, u32), AppErr> {
                let mut attempt = 0;
                let mut backoff = 1;
                let body = loop {
                    let _span = Tracker::new("attempt");
                    match c.fetch(attempt).await {
                        Ok(b) => break b,
                        Err(NetErr::Timeout(n)) if n < 4 => {
                            for _ in 0..backoff { step("backoff").await; }
                            backoff *= 2;
                            attempt += 1;
                        }
                        Err(e) => return Err(e.into()),
                    }
                };
                Ok((body, backoff))
            }
        }
    }
    run {
        pair(
            get_with_retry(Client { fail_until: 2, refuse: false, _conn: Tracker("c1") }),
            get_with_retry(Client { fail_until: 9, refuse: true, _conn: Tracker("c2") }),
        )
    }
}

twin! {
    /// A builder: `Req::new(u).header(..).timeout(..)` then an awaited `send(self)`; the
    /// response read with `&self` getters.
    p13_builder_send {
        #[derive(Debug)]
        pub struct Req { pub url: String, pub headers: Vec<(String, String)>, pub timeout: u32, pub _t: Tracker }
        #[derive(Debug)]
        pub struct Resp { pub status: u16, pub body: String }
        impl Req {
            pub fn new(url: &str) -> Self { Req { url: url.into(), headers: vec![], timeout: 30, _t: Tracker::new("req") } }
            pub fn header(mut self, k: &str, v: &str) -> Self { self.headers.push((k.into(), v.into())); self }
            pub fn timeout(mut self, t: u32) -> Self { self.timeout = t; self }
            lower! {
                pub async fn send(self) -> Resp {
                    let status = leaf("connect", 200).await;
                    step("write").await;
                    Resp { status, body: format!("{} {:?} t={}", self.url, self.headers, self.timeout) }
                }
            }
        }
        impl Resp {
            pub fn status(&self) -> u16 { self.status }
            pub fn body(&self) -> &str { &self.body }
        }
        lower! {
            pub async fn call() -> (u16, String) {
                let resp = Req::new("http://a").header("x", "1").timeout(5).send().await;
                let _after = Tracker::new("after");
                step("parse").await;
                (resp.status(), resp.body().to_uppercase())
            }
        }
    }
    run { call() }
}

twin! {
    /// The builder bound to a local first, configured with rebinding, then `req.send().await`
    /// with the output used in an expression.
    p13_builder_local_then_send {
        pub struct Req { pub url: &'static str, pub n: u32, pub _t: Tracker }
        impl Req {
            pub fn new(url: &'static str) -> Self { Req { url, n: 0, _t: Tracker::new("req") } }
            pub fn retries(mut self, n: u32) -> Self { self.n = n; self }
            lower! {
                pub async fn send(self) -> u32 {
                    let mut sent = 0;
                    for _ in 0..=self.n { step("try").await; sent += 1; }
                    log(format!("sent {}", self.url));
                    sent
                }
            }
        }
        lower! {
            pub async fn go(n: u32) -> u32 {
                let _g = Tracker::new("g");
                let req = Req::new("http://b");
                let req = req.retries(leaf("n", n).await);
                step("before").await;
                10 * req.send().await + 1
            }
        }
    }
    run { go(2) }
}

twin! {
    /// A connection closed with `close(self)` bound by `let`, the receiver not mentioned
    /// again; a Tracker in the connection and one after.
    p13_close_let_last_mention {
        pub struct Conn { pub sock: Tracker, pub sent: u32 }
        impl Conn {
            lower! {
                pub async fn write(&mut self, n: u32) -> u32 { self.sent += leaf("write", n).await; self.sent }
            }
            lower! {
                pub async fn close(self) -> u32 {
                    step("fin").await;
                    log(format!("closing {:?}", self.sock));
                    self.sent
                }
            }
        }
        lower! {
            pub async fn talk() -> (u32, u32) {
                let mut c = Conn { sock: Tracker::new("sock"), sent: 0 };
                let w = c.write(3).await;
                c.write(4).await;
                let total = c.close().await;
                let _t = Tracker::new("after-close");
                step("tail").await;
                (w, total)
            }
        }
    }
    run { talk() }
}

twin! {
    /// `finish(self)` as the tail expression, after `&mut self` calls whose outputs are discarded.
    p13_finish_tail {
        pub struct Hasher { pub acc: u64, pub _g: Tracker }
        impl Hasher {
            lower! {
                pub async fn update(&mut self, x: u64) {
                    self.acc = self.acc.wrapping_mul(31).wrapping_add(leaf("upd", x).await);
                }
            }
            lower! {
                pub async fn finish(self) -> u64 {
                    step("final").await;
                    self.acc ^ 0xff
                }
            }
        }
        lower! {
            pub async fn digest(xs: Vec<u64>) -> u64 {
                let mut h = Hasher { acc: 7, _g: Tracker::new("hasher") };
                for x in xs {
                    h.update(x).await;
                }
                h.finish().await
            }
        }
    }
    run { digest(vec![1, 2, 3]) }
}

twin! {
    /// `into_parts(self)` destructured by a `let` tuple pattern, the parts used after awaits.
    p13_into_parts_destructure {
        pub struct Msg { pub head: Tracker, pub body: Vec<u8>, pub id: u32 }
        impl Msg {
            lower! {
                pub async fn into_parts(self) -> (Tracker, Vec<u8>) {
                    step("split").await;
                    log(format!("split {}", self.id));
                    (self.head, self.body)
                }
            }
        }
        lower! {
            pub async fn handle() -> usize {
                let m = Msg { head: Tracker::new("head"), body: vec![1, 2, 3], id: 9 };
                let (h, body) = m.into_parts().await;
                step("work").await;
                log(format!("{h:?}"));
                drop(h);
                step("more").await;
                body.len()
            }
        }
    }
    run { handle() }
}

twin! {
    /// A generic store: `impl<T: Debug + Clone> Store<T>` with `put(&mut self)` and
    /// `get(&self) -> Option<T>`, used with Trackers' names and numbers.
    p13_generic_store {
        pub struct Store<T> { pub items: BTreeMap<u32, T>, pub _g: Tracker }
        impl<T: Debug + Clone> Store<T> {
            pub fn new(name: &'static str) -> Self { Store { items: BTreeMap::new(), _g: Tracker::new(name) } }
            lower! {
                pub async fn put(&mut self, k: u32, v: T) -> Option<T> {
                    step("put").await;
                    log(format!("put {k} {v:?}"));
                    self.items.insert(k, v)
                }
            }
            lower! {
                pub async fn get(&self, k: u32) -> Option<T> {
                    step("get").await;
                    self.items.get(&k).cloned()
                }
            }
        }
        lower! {
            pub async fn app() -> (Option<String>, Option<u32>, Option<String>) {
                let mut names: Store<String> = Store::new("names");
                let mut nums = Store::new("nums");
                names.put(1, "ann".to_string()).await;
                let old = names.put(1, "bob".to_string()).await;
                nums.put(5, leaf("five", 5u32).await).await;
                let n = nums.get(5).await;
                (old, n, names.get(2).await)
            }
        }
    }
    run { app() }
}

twin! {
    /// A generic wrapper with `finish(self) -> T` inside `impl<T: Debug>` (self by value in a
    /// generic impl), the Tracker field dropping inside the method.
    p13_generic_finish_self {
        pub struct Pending<T> { pub value: T, pub _g: Tracker, pub steps: u32 }
        impl<T: Debug> Pending<T> {
            lower! {
                pub async fn finish(self) -> T {
                    for _ in 0..self.steps { step("tick").await; }
                    log(format!("finish {:?}", self.value));
                    self.value
                }
            }
        }
        lower! {
            pub async fn app() -> (Vec<u32>, Tracker) {
                let p = Pending { value: vec![1u32, 2], _g: Tracker::new("pending-vec"), steps: 2 };
                let q = Pending { value: Tracker::new("inner"), _g: Tracker::new("pending-tr"), steps: 1 };
                let v = p.finish().await;
                let t = q.finish().await;
                (v, t)
            }
        }
    }
    run { app() }
}

/// A handler trait implemented by lowered methods, for the bodies below.
pub trait Handler {
    async fn handle(&self, req: u32) -> Result<String, String>;
}

twin! {
    /// A trait's `async fn` implemented by two structs with lowered methods, and a generic
    /// dispatcher collecting results into a `HashMap`.
    p13_trait_handlers {
        pub struct Upper { pub _g: Tracker }
        pub struct Picky { pub max: u32, pub _g: Tracker }
        impl Handler for Upper {
            lower! {
                async fn handle(&self, req: u32) -> Result<String, String> {
                    let t = Tracker::new("upper-local");
                    let v = leaf("up", req).await;
                    Ok(format!("U{v}{}", t.name().len()))
                }
            }
        }
        impl Handler for Picky {
            lower! {
                async fn handle(&self, req: u32) -> Result<String, String> {
                    step("picky").await;
                    if req > self.max { return Err(format!("too big {req}")); }
                    Ok(format!("P{req}"))
                }
            }
        }
        pub async fn serve<H: Handler>(h: &H, reqs: &[u32]) -> HashMap<u32, Result<String, String>> {
            let mut out = HashMap::new();
            for r in reqs {
                out.insert(*r, h.handle(*r).await);
            }
            out
        }
        lower! {
            pub async fn app() -> Vec<(u32, Result<String, String>)> {
                let u = Upper { _g: Tracker::new("upper") };
                let p = Picky { max: 2, _g: Tracker::new("picky") };
                let mut all: Vec<_> = serve(&u, &[1, 2]).await.into_iter().collect();
                let more = serve(&p, &[1, 3]).await;
                all.extend(more);
                all.sort_by_key(|(k, v)| (*k, v.is_ok()));
                all
            }
        }
    }
    run { app() }
}

twin! {
    /// A lowered function generic over the trait, calling the trait's `async fn` on a
    /// `&self` parameter in a loop with `?`.
    p13_generic_over_trait_question {
        pub struct Echo { pub limit: u32, pub _g: Tracker }
        impl Handler for Echo {
            lower! {
                async fn handle(&self, req: u32) -> Result<String, String> {
                    step("echo").await;
                    if req >= self.limit { Err(format!("limit {req}")) } else { Ok(req.to_string()) }
                }
            }
        }
        lower! {
            pub async fn run_all<H: Handler>(h: H, reqs: Vec<u32>) -> Result<Vec<String>, String> {
                let mut out = vec![];
                for r in reqs {
                    let _span = Tracker::new("span");
                    out.push(h.handle(r).await?);
                }
                Ok(out)
            }
        }
    }
    run {
        pair(run_all(Echo { limit: 9, _g: Tracker("e1") }, vec![1, 2]),
             run_all(Echo { limit: 2, _g: Tracker("e2") }, vec![1, 2, 3]))
    }
}

twin! {
    /// A getter returning a reference into a Tracker-holding struct, used before and after awaits.
    p13_getter_tracker_ref {
        pub struct Session { pub user: Tracker, pub token: String, pub reqs: u32 }
        impl Session {
            pub fn user(&self) -> &Tracker { &self.user }
            pub fn token(&self) -> &str { &self.token }
            lower! {
                pub async fn touch(&mut self) -> u32 { step("touch").await; self.reqs += 1; self.reqs }
            }
        }
        lower! {
            pub async fn app() -> String {
                let mut s = Session { user: Tracker::new("user"), token: "tok".into(), reqs: 0 };
                let name = s.user().name();
                s.touch().await;
                let n = s.touch().await;
                let tok = s.token().to_string();
                step("end").await;
                format!("{name} {tok} {n} {:?}", s.user())
            }
        }
    }
    run { app() }
}

twin! {
    /// A getter's reference kept across an await (the struct only read after).
    p13_getter_ref_across_await {
        pub struct Profile { pub name: String, pub _g: Tracker }
        impl Profile {
            pub fn name(&self) -> &str { &self.name }
        }
        lower! {
            pub async fn app() -> String {
                let p = Profile { name: "zed".into(), _g: Tracker::new("profile") };
                let n = p.name();
                let suffix = leaf("suffix", "!").await;
                format!("{n}{suffix}")
            }
        }
    }
    run { app() }
}

twin! {
    /// Events as an enum with data: `match` by value with awaits in arms, struct variants,
    /// an early return from inside the loop on a `Quit` event.
    p13_event_loop_enum {
        pub enum Event { Login { user: Tracker, id: u32 }, Msg(String, u32), Logout(u32), Quit }
        pub struct Server { pub online: Vec<(u32, Tracker)>, pub msgs: Vec<String>, pub _g: Tracker }
        impl Server {
            lower! {
                pub async fn process(&mut self, ev: Event) -> bool {
                    match ev {
                        Event::Login { user, id } => {
                            step("auth").await;
                            self.online.push((id, user));
                        }
                        Event::Msg(text, from) => {
                            let ok = self.online.iter().any(|(i, _)| *i == from);
                            if ok { self.msgs.push(leaf("msg", text).await); }
                        }
                        Event::Logout(id) => {
                            step("bye").await;
                            self.online.retain(|(i, _)| *i != id);
                        }
                        Event::Quit => return false,
                    }
                    true
                }
            }
        }
        lower! {
            pub async fn run(events: Vec<Event>) -> (Vec<String>, usize) {
                let mut srv = Server { online: vec![], msgs: vec![], _g: Tracker::new("server") };
                for ev in events {
                    if !srv.process(ev).await {
                        return (srv.msgs, srv.online.len());
                    }
                }
                (vec![], 0)
            }
        }
    }
    run {
        run(vec![
            Event::Login { user: Tracker("amy"), id: 1 }, Event::Msg("hi".into(), 1), Event::Msg("x".into(), 2),
            Event::Login { user: Tracker("bo"), id: 2 }, Event::Logout(1), Event::Quit, Event::Msg("late".into(), 2),
        ])
    }
}

twin! {
    /// A transaction: `apply(&mut self)` several times with outputs discarded, then
    /// `commit(self)` awaited and bound, the receiver not used again.
    p13_tx_commit {
        pub struct Tx { pub ops: Vec<String>, pub _lock: Tracker }
        impl Tx {
            lower! {
                pub async fn apply(&mut self, op: &str) -> usize {
                    step("apply").await;
                    self.ops.push(op.to_string());
                    self.ops.len()
                }
            }
            lower! {
                pub async fn commit(self) -> Vec<String> {
                    step("fsync").await;
                    log("commit".to_string());
                    self.ops
                }
            }
        }
        lower! {
            pub async fn work() -> Vec<String> {
                let mut tx = Tx { ops: vec![], _lock: Tracker::new("lock") };
                tx.apply("a").await;
                tx.apply("b").await;
                let ops = tx.commit().await;
                step("after").await;
                ops
            }
        }
    }
    run { work() }
}

twin! {
    /// `shutdown(self)` as the tail expression of a function whose server was used with
    /// `&self` and `&mut self` methods.
    p13_shutdown_tail {
        pub struct Srv { pub conns: Vec<Tracker>, pub _g: Tracker }
        impl Srv {
            lower! {
                pub async fn accept(&mut self, name: &'static str) { step("accept").await; self.conns.push(Tracker::new(name)); }
            }
            lower! {
                pub async fn shutdown(self) -> usize {
                    let n = self.conns.len();
                    for c in self.conns {
                        step("close").await;
                        log(format!("closed {c:?}"));
                    }
                    n
                }
            }
        }
        lower! {
            pub async fn main_loop() -> usize {
                let mut s = Srv { conns: vec![], _g: Tracker::new("srv") };
                s.accept("c1").await;
                s.accept("c2").await;
                s.shutdown().await
            }
        }
    }
    run { main_loop() }
}

twin! {
    /// An `Option` chain with `?` in a method returning `Option`, `ok_or` into a `Result` with
    /// `?` and a `From` conversion in the caller.
    p13_option_chain_lookup {
        #[derive(Debug)]
        pub enum LookupErr { NotFound(u32), Disabled }
        #[derive(Debug)]
        pub struct ApiErr(pub String);
        impl From<LookupErr> for ApiErr { fn from(e: LookupErr) -> Self { ApiErr(format!("api: {e:?}")) } }
        pub struct User { pub id: u32, pub manager: Option<u32>, pub active: bool, pub _t: Tracker }
        pub struct Dir { pub users: Vec<User> }
        impl Dir {
            lower! {
                pub async fn find(&self, id: u32) -> Option<&User> {
                    step("scan").await;
                    self.users.iter().find(|u| u.id == id)
                }
            }
            lower! {
                pub async fn manager_of(&self, id: u32) -> Option<u32> {
                    let u = self.find(id).await?;
                    let m = u.manager?;
                    let mu = self.find(m).await?;
                    if mu.active { Some(mu.id) } else { None }
                }
            }
        }
        lower! {
            pub async fn api(d: &'static Dir, id: u32) -> Result<u32, ApiErr> {
                let _req = Tracker::new("req");
                let u = d.find(id).await.ok_or(LookupErr::NotFound(id))?;
                if !u.active { Err(LookupErr::Disabled)?; }
                let m = d.manager_of(id).await.ok_or(LookupErr::NotFound(0))?;
                Ok(m * 100 + leaf("score", u.id).await)
            }
        }
    }
    run {
        let d: &'static Dir = leak(Dir { users: vec![
            User { id: 1, manager: None, active: true, _t: Tracker("u1") },
            User { id: 2, manager: Some(1), active: true, _t: Tracker("u2") },
            User { id: 3, manager: Some(2), active: false, _t: Tracker("u3") },
        ] });
        pair(pair(api(d, 2), api(d, 3)), pair(api(d, 1), api(d, 7)))
    }
}

twin! {
    /// Results collected into a `HashMap` in a loop, failures into a `Vec`, then sorted output.
    p13_collect_into_hashmap {
        pub struct Fetcher { pub bad: u32, pub _g: Tracker }
        impl Fetcher {
            lower! {
                pub async fn fetch(&self, id: u32) -> Result<String, u32> {
                    let v = leaf("fetch", id).await;
                    if v == self.bad { Err(v) } else { Ok(format!("item{v}")) }
                }
            }
        }
        lower! {
            pub async fn gather(ids: Vec<u32>) -> (Vec<(u32, String)>, Vec<u32>) {
                let f = Fetcher { bad: 3, _g: Tracker::new("fetcher") };
                let mut ok = HashMap::new();
                let mut failed = Vec::new();
                for id in ids {
                    match f.fetch(id).await {
                        Ok(s) => { ok.insert(id, s); }
                        Err(e) => failed.push(e),
                    }
                }
                let mut v: Vec<_> = ok.into_iter().collect();
                v.sort();
                (v, failed)
            }
        }
    }
    run { gather(vec![1, 3, 2, 3, 4]) }
}

twin! {
    /// Workers in a `Vec`, each run with `w.run().await` through `iter_mut()`, then a summary
    /// via a `&self` method on each.
    p13_workers_iter_mut {
        pub struct Worker { pub id: u32, pub done: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn run(&mut self, n: u32) -> u32 {
                    for _ in 0..n { step("unit").await; self.done += 1; }
                    self.done
                }
            }
            lower! {
                pub async fn report(&self) -> String { step("report").await; format!("w{}={}", self.id, self.done) }
            }
        }
        lower! {
            pub async fn pool() -> Vec<String> {
                let mut ws: Vec<Worker> = (0..3).map(|i| Worker { id: i, done: 0, _t: Tracker::new("w") }).collect();
                let mut total = 0;
                for w in ws.iter_mut() {
                    total += w.run(w.id + 1).await;
                }
                let mut out = vec![format!("total {total}")];
                for w in &ws {
                    out.push(w.report().await);
                }
                out
            }
        }
    }
    run { pool() }
}

twin! {
    /// Outputs of `&self`/`&mut self` methods used in conditions and arithmetic, and discarded
    /// with `let _ =`.
    p13_outputs_in_exprs {
        pub struct Meter { pub v: u32, pub _g: Tracker }
        impl Meter {
            lower! {
                pub async fn read(&self) -> u32 { step("read").await; self.v }
            }
            lower! {
                pub async fn bump(&mut self) -> bool { self.v += leaf("bump", 1).await; self.v % 2 == 0 }
            }
        }
        lower! {
            pub async fn app() -> (u32, u32) {
                let mut m = Meter { v: 1, _g: Tracker::new("meter") };
                let mut total = 0;
                total += m.read().await * 2;
                if m.bump().await { total += 100; }
                let _ = m.bump().await;
                while !m.bump().await { total += 1; }
                let last = m.read().await + m.read().await;
                (total, last)
            }
        }
    }
    run { app() }
}

twin! {
    /// An impl method calling other lowered methods of `self` with `?`, and returning early;
    /// the receiver is `&mut self` and a local guard is alive.
    p13_method_calls_methods {
        #[derive(Debug)]
        pub enum E { Invalid(u32), Full }
        pub struct Inbox { pub items: Vec<u32>, pub cap: usize, pub _g: Tracker }
        impl Inbox {
            lower! {
                async fn validate(&self, x: u32) -> Result<u32, E> {
                    step("validate").await;
                    if x % 5 == 0 { Err(E::Invalid(x)) } else { Ok(x * 2) }
                }
            }
            lower! {
                async fn store(&mut self, x: u32) -> Result<usize, E> {
                    if self.items.len() >= self.cap { return Err(E::Full); }
                    self.items.push(leaf("store", x).await);
                    Ok(self.items.len())
                }
            }
            lower! {
                pub async fn handle(&mut self, x: u32) -> Result<usize, E> {
                    let _span = Tracker::new("span");
                    let v = self.validate(x).await?;
                    let n = self.store(v).await?;
                    step("ack").await;
                    Ok(n)
                }
            }
        }
        lower! {
            pub async fn app() -> (Vec<Result<usize, E>>, Vec<u32>) {
                let mut ib = Inbox { items: vec![], cap: 2, _g: Tracker::new("inbox") };
                let mut rs = vec![];
                for x in [1, 5, 2, 3] { rs.push(ib.handle(x).await); }
                (rs, ib.items)
            }
        }
    }
    run { app() }
}

twin! {
    /// A panic inside a `&mut self` method (`unwrap` on an error) with Trackers in the struct,
    /// in the method and in the caller.
    p13_panic_in_method_unwrap {
        pub struct Wallet { pub coins: u32, pub _g: Tracker }
        impl Wallet {
            lower! {
                pub async fn spend(&mut self, n: u32) -> Result<u32, String> {
                    step("spend").await;
                    if n > self.coins { return Err(format!("need {n}")); }
                    self.coins -= n;
                    Ok(self.coins)
                }
            }
        }
        lower! {
            pub async fn shop() -> u32 {
                let mut w = Wallet { coins: 10, _g: Tracker::new("wallet") };
                let _cart = Tracker::new("cart");
                let a = w.spend(4).await.unwrap();
                let b = w.spend(leaf("price", 20).await).await.unwrap();
                a + b
            }
        }
    }
    run { shop() }
}

twin! {
    /// A state enum advanced with a consuming `async fn advance(self) -> Conn` in a loop,
    /// `state = state.advance().await;`, data-carrying variants with Trackers.
    p13_state_enum_advance {
        #[derive(Debug)]
        pub enum Conn { Idle, Dialing(u32), Open(Tracker, u32), Closed(u32) }
        impl Conn {
            lower! {
                pub async fn advance(self) -> Conn {
                    match self {
                        Conn::Idle => Conn::Dialing(0),
                        Conn::Dialing(n) if n < 2 => { step("dial").await; Conn::Dialing(n + 1) }
                        Conn::Dialing(n) => Conn::Open(Tracker::new("socket"), n),
                        Conn::Open(t, n) => { step("io").await; log(format!("closing {t:?}")); Conn::Closed(n) }
                        Conn::Closed(n) => Conn::Closed(n),
                    }
                }
            }
            pub fn done(&self) -> bool { matches!(self, Conn::Closed(_)) }
        }
        lower! {
            pub async fn drive() -> Conn {
                let mut state = Conn::Idle;
                let mut steps = 0;
                while !state.done() {
                    state = state.advance().await;
                    steps += 1;
                }
                log(format!("steps {steps}"));
                state
            }
        }
    }
    run { drive() }
}

twin! {
    /// A receiver mentioned again after the awaited call: `let r = s.run().await;` then
    /// fields and `&self` methods of `s` read, with the output kept across an await.
    p13_receiver_used_after {
        pub struct Stage { pub name: &'static str, pub runs: u32, pub _g: Tracker }
        impl Stage {
            lower! {
                pub async fn run(&mut self) -> String {
                    self.runs += 1;
                    leaf("stage", format!("{}#{}", self.name, self.runs)).await
                }
            }
            pub fn runs(&self) -> u32 { self.runs }
        }
        lower! {
            pub async fn pipeline() -> (String, String, u32) {
                let mut s = Stage { name: "build", runs: 0, _g: Tracker::new("stage") };
                let r1 = s.run().await;
                let r2 = s.run().await;
                step("gap").await;
                let n = s.runs() + s.runs;
                (r1, r2, n)
            }
        }
    }
    run { pipeline() }
}

twin! {
    /// Tracker-holding struct passed by value into a lowered method that returns it back
    /// (`async fn apply(self, ..) -> Self`), rebinding with `let x = x.apply(..).await;`.
    p13_rebind_through_apply {
        #[derive(Debug)]
        pub struct Doc { pub text: String, pub rev: u32, pub _g: Tracker }
        impl Doc {
            lower! {
                pub async fn apply(mut self, patch: &str) -> Doc {
                    step("patch").await;
                    self.text.push_str(patch);
                    self.rev += 1;
                    self
                }
            }
        }
        lower! {
            pub async fn edit() -> (String, u32) {
                let d = Doc { text: "a".into(), rev: 0, _g: Tracker::new("doc") };
                let d = d.apply("b").await;
                let _mid = Tracker::new("mid");
                let d = d.apply("c").await;
                step("save").await;
                (d.text.clone(), d.rev)
            }
        }
    }
    run { edit() }
}

twin! {
    /// `process(self)` awaited as a statement with the output discarded, on a local never
    /// mentioned again; Trackers before and after.
    p13_process_self_discarded {
        pub struct Batch { pub items: Vec<Tracker> }
        impl Batch {
            lower! {
                pub async fn process(self) -> usize {
                    let mut n = 0;
                    for it in self.items {
                        step("proc").await;
                        log(format!("did {it:?}"));
                        n += 1;
                    }
                    n
                }
            }
        }
        lower! {
            pub async fn job() -> u32 {
                let _before = Tracker::new("before");
                let b = Batch { items: vec![Tracker::new("i1"), Tracker::new("i2")] };
                b.process().await;
                let _after = Tracker::new("after");
                leaf("done", 7).await
            }
        }
    }
    run { job() }
}

twin! {
    /// A method on a struct field (`self.db.query(..).await`) inside an impl, the field a
    /// struct with its own lowered methods.
    p13_nested_service_fields {
        pub struct Db { pub rows: Vec<(u32, String)>, pub _g: Tracker }
        impl Db {
            lower! {
                pub async fn query(&self, id: u32) -> Option<String> {
                    step("q").await;
                    self.rows.iter().find(|r| r.0 == id).map(|r| r.1.clone())
                }
            }
            lower! {
                pub async fn insert(&mut self, id: u32, s: String) { step("ins").await; self.rows.push((id, s)); }
            }
        }
        pub struct Service { pub db: Db, pub misses: u32, pub _g: Tracker }
        impl Service {
            lower! {
                pub async fn get_or_create(&mut self, id: u32) -> String {
                    if let Some(s) = self.db.query(id).await {
                        return s;
                    }
                    self.misses += 1;
                    let s = leaf("create", format!("new{id}")).await;
                    self.db.insert(id, s.clone()).await;
                    s
                }
            }
        }
        lower! {
            pub async fn app() -> (Vec<String>, u32) {
                let mut svc = Service { db: Db { rows: vec![(1, "one".into())], _g: Tracker::new("db") }, misses: 0, _g: Tracker::new("svc") };
                let mut out = vec![];
                for id in [1, 2, 2] { out.push(svc.get_or_create(id).await); }
                (out, svc.misses)
            }
        }
    }
    run { app() }
}

twin! {
    /// A `VecDeque` queue of Tracker jobs with `&mut self` `push`/`pop_front` and a lowered
    /// `drain_some(&mut self, n)` returning early when empty; leftovers drop with the queue.
    p13_deque_drain_some {
        pub struct Jobs { pub q: VecDeque<Tracker>, pub done: Vec<&'static str> }
        impl Jobs {
            lower! {
                pub async fn drain_some(&mut self, n: usize) -> usize {
                    let mut k = 0;
                    while k < n {
                        let Some(j) = self.q.pop_front() else { return k; };
                        step("job").await;
                        self.done.push(j.name());
                        k += 1;
                    }
                    k
                }
            }
        }
        lower! {
            pub async fn app() -> (usize, usize, Vec<&'static str>) {
                let mut j = Jobs { q: VecDeque::new(), done: vec![] };
                for name in ["j1", "j2", "j3"] { j.q.push_back(Tracker::new(name)); }
                let a = j.drain_some(2).await;
                j.q.push_back(Tracker::new("j4"));
                let b = j.drain_some(5).await;
                j.q.push_back(Tracker::new("j5"));
                step("end").await;
                (a, b, j.done.clone())
            }
        }
    }
    run { app() }
}

twin! {
    /// Shrunk: a `for` binding over `iter_mut()` as receiver of an awaited `&mut self` method
    /// whose argument reads a field of it (`w.run(w.id).await`).
    p13_min_iter_mut_receiver_field_arg {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn run(&mut self, n: u32) -> u32 { step("unit").await; self.id += n; self.id }
            }
        }
        lower! {
            pub async fn f(mut ws: Vec<Worker>) -> u32 {
                let mut total = 0;
                for w in ws.iter_mut() {
                    total += w.run(w.id).await;
                }
                total
            }
        }
    }
    run { f(vec![Worker { id: 1, _t: Tracker("w1") }, Worker { id: 2, _t: Tracker("w2") }]) }
}

twin! {
    /// Shrunk variant: a `let w = &mut x;` receiver with a field of it as argument.
    p13_min_ref_local_receiver_field_arg {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn run(&mut self, n: u32) -> u32 { step("unit").await; self.id += n; self.id }
            }
        }
        lower! {
            pub async fn f(mut x: Worker) -> u32 {
                let w = &mut x;
                w.run(w.id).await
            }
        }
    }
    run { f(Worker { id: 1, _t: Tracker("w1") }) }
}

twin! {
    /// Shrunk variant: by-value `for mut w in ws` with `w.run(w.id).await`.
    p13_min_by_value_loop_receiver_field_arg {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn run(&mut self, n: u32) -> u32 { step("unit").await; self.id += n; self.id }
            }
        }
        lower! {
            pub async fn f(ws: Vec<Worker>) -> u32 {
                let mut total = 0;
                for mut w in ws {
                    total += w.run(w.id).await;
                }
                total
            }
        }
    }
    run { f(vec![Worker { id: 1, _t: Tracker("w1") }, Worker { id: 2, _t: Tracker("w2") }]) }
}

twin! {
    /// Shrunk variant: `if let Some(w) = ws.first_mut()` with `w.run(w.id).await`.
    p13_min_if_let_mut_receiver_field_arg {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn run(&mut self, n: u32) -> u32 { step("unit").await; self.id += n; self.id }
            }
        }
        lower! {
            pub async fn f(mut ws: Vec<Worker>) -> u32 {
                if let Some(w) = ws.first_mut() {
                    return w.run(w.id).await;
                }
                0
            }
        }
    }
    run { f(vec![Worker { id: 1, _t: Tracker("w1") }]) }
}

twin! {
    /// Shrunk variant: `&self` method on a shared loop reference with a field argument.
    p13_min_iter_shared_receiver_field_arg {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn show(&self, n: u32) -> u32 { step("unit").await; self.id + n }
            }
        }
        lower! {
            pub async fn f(ws: Vec<Worker>) -> u32 {
                let mut total = 0;
                for w in &ws {
                    total += w.show(w.id).await;
                }
                total
            }
        }
    }
    run { f(vec![Worker { id: 1, _t: Tracker("w1") }, Worker { id: 2, _t: Tracker("w2") }]) }
}

twin! {
    /// A repository trait with `async fn load(&self)` / `save(&mut self)` implemented by a
    /// lowered in-memory repo, used by a service generic over it.
    p13_repo_trait_generic_service {
        #[derive(Debug, Clone)]
        pub struct Item { pub id: u32, pub qty: u32 }
        pub trait Repo {
            async fn load(&self, id: u32) -> Option<Item>;
            async fn save(&mut self, item: Item) -> usize;
        }
        pub struct MemRepo { pub rows: Vec<Item>, pub _g: Tracker }
        impl Repo for MemRepo {
            lower! {
                async fn load(&self, id: u32) -> Option<Item> {
                    step("load").await;
                    self.rows.iter().find(|i| i.id == id).cloned()
                }
            }
            lower! {
                async fn save(&mut self, item: Item) -> usize {
                    step("save").await;
                    self.rows.retain(|i| i.id != item.id);
                    self.rows.push(item);
                    self.rows.len()
                }
            }
        }
        pub struct Inventory<R: Repo> { pub repo: R, pub _g: Tracker }
        impl<R: Repo> Inventory<R> {
            lower! {
                pub async fn restock(&mut self, id: u32, n: u32) -> Result<u32, String> {
                    let mut item = self.repo.load(id).await.ok_or(format!("no item {id}"))?;
                    item.qty += leaf("n", n).await;
                    let q = item.qty;
                    self.repo.save(item).await;
                    Ok(q)
                }
            }
        }
        lower! {
            pub async fn app() -> (Vec<Result<u32, String>>, usize) {
                let repo = MemRepo { rows: vec![Item { id: 1, qty: 2 }], _g: Tracker::new("repo") };
                let mut inv = Inventory { repo, _g: Tracker::new("inv") };
                let mut rs = vec![];
                rs.push(inv.restock(1, 3).await);
                rs.push(inv.restock(2, 3).await);
                rs.push(inv.restock(1, 1).await);
                (rs, inv.repo.rows.len())
            }
        }
    }
    run { app() }
}

twin! {
    /// A client handing out builders that borrow it (`client.request(p).header(..).send().await`),
    /// responses collected in a loop.
    p13_client_borrowing_builder {
        pub struct Client { pub base: String, pub sent: std::cell::Cell<u32>, pub _g: Tracker }
        pub struct ReqB<'a> { pub c: &'a Client, pub path: String, pub hs: Vec<&'static str>, pub _t: Tracker }
        impl Client {
            pub fn request(&self, path: &str) -> ReqB<'_> { ReqB { c: self, path: path.into(), hs: vec![], _t: Tracker::new("reqb") } }
        }
        impl<'a> ReqB<'a> {
            pub fn header(mut self, h: &'static str) -> Self { self.hs.push(h); self }
            lower! {
                pub async fn send(self) -> String {
                    step("net").await;
                    self.c.sent.set(self.c.sent.get() + 1);
                    format!("{}{} {:?}", self.c.base, self.path, self.hs)
                }
            }
        }
        lower! {
            pub async fn app() -> (Vec<String>, u32) {
                let client = Client { base: "http://h".into(), sent: Default::default(), _g: Tracker::new("client") };
                let mut out = vec![];
                for p in ["/a", "/b"] {
                    let r = client.request(p).header("x").header("y").send().await;
                    out.push(r);
                }
                let one = client.request("/c").send().await.len();
                out.push(one.to_string());
                (out, client.sent.get())
            }
        }
    }
    run { app() }
}

twin! {
    /// A consuming method moves fields out of `self` one at a time across awaits; the fields
    /// left drop when the method ends.
    p13_self_fields_moved_across_awaits {
        pub struct Parts { pub a: Tracker, pub b: Tracker, pub c: Tracker, pub n: u32 }
        impl Parts {
            lower! {
                pub async fn into_pair(self) -> (Tracker, Tracker) {
                    let a = self.a;
                    step("s1").await;
                    log(format!("n {}", self.n));
                    let b = self.b;
                    step("s2").await;
                    (b, a)
                }
            }
        }
        lower! {
            pub async fn app() -> &'static str {
                let p = Parts { a: Tracker::new("pa"), b: Tracker::new("pb"), c: Tracker::new("pc"), n: 4 };
                let (x, y) = p.into_pair().await;
                step("use").await;
                if x.name() < y.name() { x.name() } else { y.name() }
            }
        }
    }
    run { app() }
}

twin! {
    /// `mem::take` of a field in a `&mut self` method, then a loop calling another method
    /// of `self` per item; `Option::take` of a pending field.
    p13_take_field_then_loop {
        pub struct Flusher { pub buf: Vec<Tracker>, pub pending: Option<Tracker>, pub flushed: Vec<&'static str> }
        impl Flusher {
            lower! {
                async fn write_one(&mut self, t: Tracker) {
                    step("write").await;
                    self.flushed.push(t.name());
                }
            }
            lower! {
                pub async fn flush(&mut self) -> usize {
                    if let Some(p) = self.pending.take() {
                        self.write_one(p).await;
                    }
                    let items = std::mem::take(&mut self.buf);
                    let n = items.len();
                    for it in items {
                        self.write_one(it).await;
                    }
                    n
                }
            }
        }
        lower! {
            pub async fn app() -> (usize, usize, Vec<&'static str>) {
                let mut f = Flusher { buf: vec![Tracker::new("b1"), Tracker::new("b2")], pending: Some(Tracker::new("p")), flushed: vec![] };
                let a = f.flush().await;
                f.buf.push(Tracker::new("b3"));
                let b = f.flush().await;
                (a, b, f.flushed.clone())
            }
        }
    }
    run { app() }
}

twin! {
    /// A struct with a lifetime (`Ctx<'a>` holding `&'a mut Vec<String>`) and lowered methods
    /// in `impl<'a> Ctx<'a>`.
    p13_ctx_with_lifetime {
        pub struct Ctx<'a> { pub name: &'a str, pub out: &'a mut Vec<String>, pub _g: Tracker }
        impl<'a> Ctx<'a> {
            lower! {
                pub async fn emit(&mut self, n: u32) -> usize {
                    let v = leaf("emit", n).await;
                    self.out.push(format!("{}:{v}", self.name));
                    self.out.len()
                }
            }
        }
        lower! {
            pub async fn app() -> Vec<String> {
                let mut out = vec![];
                let name = String::from("ctx");
                {
                    let mut c = Ctx { name: &name, out: &mut out, _g: Tracker::new("ctx") };
                    c.emit(1).await;
                    let n = c.emit(2).await;
                    log(format!("n {n}"));
                }
                step("after").await;
                out
            }
        }
    }
    run { app() }
}

twin! {
    /// A shape enum with a `&self` method matching on `self` with bindings by reference and
    /// awaits in arms, summed over a `Vec`.
    p13_enum_self_match_method {
        pub enum Shape { Circle { r: u32 }, Rect(u32, u32), Named(Tracker, Box<Shape>) }
        impl Shape {
            lower! {
                pub async fn area(&self) -> u32 {
                    match self {
                        Shape::Circle { r } => 3 * r * leaf("r", *r).await,
                        Shape::Rect(w, h) => { step("rect").await; w * h }
                        Shape::Named(t, inner) => {
                            log(format!("named {t:?}"));
                            Box::pin(inner.area()).await + 1
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn total(shapes: Vec<Shape>) -> u32 {
                let mut sum = 0;
                for s in &shapes {
                    sum += s.area().await;
                }
                sum
            }
        }
    }
    run { total(vec![Shape::Circle { r: 2 }, Shape::Named(Tracker("n"), Box::new(Shape::Rect(2, 3))), Shape::Rect(1, 1)]) }
}

twin! {
    /// `map_err` with an error enum variant as a function and `?`, `Display` of the error in
    /// the caller; a parse step per line.
    p13_map_err_variant_fn {
        #[derive(Debug)]
        pub enum AppErr { Parse(std::num::ParseIntError), Range(i64) }
        impl Display for AppErr {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self { AppErr::Parse(e) => write!(f, "parse: {e}"), AppErr::Range(n) => write!(f, "range: {n}") }
            }
        }
        pub struct Parser { pub max: i64, pub _g: Tracker }
        impl Parser {
            lower! {
                pub async fn parse_line(&self, s: &str) -> Result<i64, AppErr> {
                    let raw = leaf("line", s.trim()).await;
                    let n: i64 = raw.parse().map_err(AppErr::Parse)?;
                    if n > self.max { return Err(AppErr::Range(n)); }
                    Ok(n)
                }
            }
            lower! {
                pub async fn sum(&self, text: &str) -> Result<i64, AppErr> {
                    let mut total = 0;
                    for line in text.lines() {
                        let _l = Tracker::new("line");
                        total += self.parse_line(line).await?;
                    }
                    Ok(total)
                }
            }
        }
        lower! {
            pub async fn app() -> Vec<String> {
                let p = Parser { max: 50, _g: Tracker::new("parser") };
                let mut out = vec![];
                for t in ["1\n2\n3", "4\nx\n5", "7\n99"] {
                    match p.sum(t).await {
                        Ok(n) => out.push(n.to_string()),
                        Err(e) => out.push(e.to_string()),
                    }
                }
                out
            }
        }
    }
    run { app() }
}

twin! {
    /// A login flow: `auth.login(..).await?` returning a struct with a Tracker, passed by
    /// reference to `sessions.create(&user).await`, then the user moved into a `Vec`.
    p13_login_flow {
        #[derive(Debug)]
        pub struct User { pub name: String, pub _t: Tracker }
        #[derive(Debug)]
        pub enum AuthErr { BadPassword, Locked(String) }
        pub struct Auth { pub attempts: u32, pub _g: Tracker }
        pub struct Sessions { pub ids: Vec<String>, pub next: u32 }
        impl Auth {
            lower! {
                pub async fn login(&mut self, name: &str, pw: &str) -> Result<User, AuthErr> {
                    self.attempts += 1;
                    step("hash").await;
                    if self.attempts > 3 { return Err(AuthErr::Locked(name.to_string())); }
                    if pw != "pw" { return Err(AuthErr::BadPassword); }
                    Ok(User { name: name.to_string(), _t: Tracker::new("user") })
                }
            }
        }
        impl Sessions {
            lower! {
                pub async fn create(&mut self, u: &User) -> String {
                    self.next += 1;
                    let id = format!("{}-{}", u.name, leaf("sid", self.next).await);
                    self.ids.push(id.clone());
                    id
                }
            }
        }
        lower! {
            pub async fn flow(auth: &mut Auth, ss: &mut Sessions, users: &mut Vec<User>, name: &str, pw: &str) -> Result<String, AuthErr> {
                let user = auth.login(name, pw).await?;
                let sid = ss.create(&user).await;
                step("audit").await;
                users.push(user);
                Ok(sid)
            }
        }
        lower! {
            pub async fn app() -> (Vec<Result<String, AuthErr>>, Vec<User>) {
                let mut auth = Auth { attempts: 0, _g: Tracker::new("auth") };
                let mut ss = Sessions { ids: vec![], next: 0 };
                let mut users = vec![];
                let mut rs = vec![];
                for (n, p) in [("ann", "pw"), ("bob", "no"), ("cy", "pw"), ("dee", "pw")] {
                    rs.push(flow(&mut auth, &mut ss, &mut users, n, p).await);
                }
                (rs, users)
            }
        }
    }
    run { app() }
}

twin! {
    /// A struct with a custom `Drop` used through `&mut self` methods across awaits, with an
    /// early return in the caller while it is alive.
    p13_custom_drop_struct {
        pub struct Guarded { pub name: &'static str, pub n: u32 }
        impl Drop for Guarded {
            fn drop(&mut self) { log(format!("Guarded::drop {} n={}", self.name, self.n)); }
        }
        impl Guarded {
            lower! {
                pub async fn incr(&mut self) -> u32 { self.n += leaf("inc", 1).await; self.n }
            }
        }
        lower! {
            pub async fn app(stop: u32) -> u32 {
                let mut g1 = Guarded { name: "g1", n: 0 };
                let _t = Tracker::new("mid");
                let mut g2 = Guarded { name: "g2", n: 10 };
                loop {
                    let a = g1.incr().await;
                    if a >= stop { return a + g2.n; }
                    g2.incr().await;
                }
            }
        }
    }
    run { pair(app(2), app(1)) }
}

twin! {
    /// Paginated fetching: nested loops over pages and items, `break 'pages` when an awaited
    /// item says stop, a Tracker per page.
    p13_pagination_labeled_break {
        pub struct Api { pub pages: Vec<Vec<u32>>, pub _g: Tracker }
        impl Api {
            lower! {
                pub async fn page(&self, i: usize) -> Option<Vec<u32>> { step("page").await; self.pages.get(i).cloned() }
            }
        }
        lower! {
            pub async fn crawl(api: Api) -> Vec<u32> {
                let mut seen = vec![];
                let mut i = 0;
                'pages: while let Some(items) = api.page(i).await {
                    let _p = Tracker::new("page-guard");
                    for it in items {
                        let v = leaf("item", it).await;
                        if v == 0 { break 'pages; }
                        seen.push(v);
                    }
                    i += 1;
                }
                seen
            }
        }
    }
    run { crawl(Api { pages: vec![vec![1, 2], vec![3], vec![4, 0, 5], vec![6]], _g: Tracker("api") }) }
}

twin! {
    /// A trait with a default lowered `async fn` overridden by one impl and kept by another;
    /// both called through a generic function.
    p13_trait_default_and_override {
        pub trait Notifier {
            fn channel(&self) -> &'static str;
            lower! {
                async fn notify(&self, msg: &str) -> String {
                    step("default").await;
                    format!("[{}] {msg}", self.channel())
                }
            }
        }
        pub struct Email { pub _g: Tracker }
        pub struct Sms { pub max: usize, pub _g: Tracker }
        impl Notifier for Email { fn channel(&self) -> &'static str { "email" } }
        impl Notifier for Sms {
            fn channel(&self) -> &'static str { "sms" }
            lower! {
                async fn notify(&self, msg: &str) -> String {
                    let short: String = msg.chars().take(self.max).collect();
                    leaf("sms", format!("[sms] {short}")).await
                }
            }
        }
        lower! {
            pub async fn broadcast<N: Notifier>(n: &N, msgs: &[&str]) -> Vec<String> {
                let mut out = vec![];
                for m in msgs { out.push(n.notify(m).await); }
                out
            }
        }
        lower! {
            pub async fn app() -> Vec<String> {
                let e = Email { _g: Tracker::new("email") };
                let s = Sms { max: 3, _g: Tracker::new("sms") };
                let mut all = broadcast(&e, &["hello", "bye"]).await;
                all.extend(broadcast(&s, &["hello"]).await);
                all
            }
        }
    }
    run { app() }
}

twin! {
    /// A method generic over a closure (`async fn update_with<F: FnMut(&mut u32)>`) on a
    /// struct, and a generic method `get_or_insert_with<F: FnOnce() -> T>`.
    p13_generic_methods_closures {
        pub struct Slots<T> { pub v: Vec<Option<T>>, pub count: u32, pub _g: Tracker }
        impl<T: Clone + Debug> Slots<T> {
            lower! {
                pub async fn get_or_insert_with<F: FnOnce() -> T>(&mut self, i: usize, f: F) -> T {
                    step("lookup").await;
                    if self.v[i].is_none() {
                        let made = f();
                        step("store").await;
                        self.v[i] = Some(made);
                    }
                    self.v[i].clone().unwrap()
                }
            }
            lower! {
                pub async fn count_with<F: FnMut(&T) -> bool>(&mut self, mut f: F) -> u32 {
                    for x in self.v.iter().flatten() {
                        if f(x) { self.count += leaf("hit", 1).await; }
                    }
                    self.count
                }
            }
        }
        lower! {
            pub async fn app() -> (String, String, u32) {
                let mut s: Slots<String> = Slots { v: vec![None, None], count: 0, _g: Tracker::new("slots") };
                let a = s.get_or_insert_with(0, || "zero".to_string()).await;
                let b = s.get_or_insert_with(0, || "again".to_string()).await;
                s.get_or_insert_with(1, || { log("make one"); "one".to_string() }).await;
                let n = s.count_with(|x| x.len() > 3).await;
                (a, b, n)
            }
        }
    }
    run { app() }
}

twin! {
    /// A report built in a struct literal whose fields call getters and awaited methods of
    /// a Tracker-holding struct, in source order.
    p13_struct_literal_from_methods {
        #[derive(Debug)]
        pub struct Report { pub owner: String, pub total: u32, pub count: usize, pub tag: Tracker }
        pub struct Ledger { pub owner: Tracker, pub entries: Vec<u32> }
        impl Ledger {
            pub fn owner(&self) -> &Tracker { &self.owner }
            lower! {
                pub async fn total(&self) -> u32 {
                    let mut t = 0;
                    for e in &self.entries { t += leaf("e", *e).await; }
                    t
                }
            }
        }
        lower! {
            pub async fn report() -> Report {
                let l = Ledger { owner: Tracker::new("owner"), entries: vec![3, 4] };
                Report {
                    owner: l.owner().name().to_string(),
                    total: l.total().await,
                    count: l.entries.len(),
                    tag: Tracker::new("tag"),
                }
            }
        }
    }
    run { report() }
}

twin! {
    /// An `Rc<RefCell<Stats>>` shared by two handlers, borrowed mutably between awaits only.
    p13_shared_stats_refcell {
        #[derive(Debug, Default)]
        pub struct Stats { pub calls: u32, pub bytes: u32 }
        pub struct H { pub name: &'static str, pub stats: std::rc::Rc<std::cell::RefCell<Stats>>, pub _g: Tracker }
        impl H {
            lower! {
                pub async fn handle(&self, n: u32) -> u32 {
                    self.stats.borrow_mut().calls += 1;
                    let b = leaf("io", n * 10).await;
                    self.stats.borrow_mut().bytes += b;
                    step(self.name).await;
                    b
                }
            }
        }
        lower! {
            pub async fn app() -> (u32, String) {
                let st = std::rc::Rc::new(std::cell::RefCell::new(Stats::default()));
                let a = H { name: "a", stats: st.clone(), _g: Tracker::new("ha") };
                let b = H { name: "b", stats: st.clone(), _g: Tracker::new("hb") };
                let mut sum = 0;
                for i in 0..2 {
                    sum += a.handle(i).await;
                    sum += b.handle(i + 5).await;
                }
                drop(a);
                step("end").await;
                (sum, format!("{:?}", st.borrow()))
            }
        }
    }
    run { app() }
}

twin! {
    /// Variant: a `for` binding passed to a free `async fn` with one of its fields
    /// (`show(w, w.id).await`).
    p13_min_for_binding_free_fn_field_arg {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        lower! {
            pub async fn show(w: &Worker, n: u32) -> u32 { step("show").await; w.id + n }
        }
        lower! {
            pub async fn f(ws: Vec<Worker>) -> u32 {
                let mut total = 0;
                for w in &ws {
                    total += show(w, w.id).await;
                }
                total
            }
        }
    }
    run { f(vec![Worker { id: 1, _t: Tracker("w1") }, Worker { id: 2, _t: Tracker("w2") }]) }
}

twin! {
    /// Variant: a `match` arm binding as receiver with a field argument.
    p13_min_match_arm_receiver_field_arg {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn show(&self, n: u32) -> u32 { step("unit").await; self.id + n }
            }
        }
        lower! {
            pub async fn f(o: Option<Worker>) -> u32 {
                match o {
                    Some(w) => w.show(w.id).await,
                    None => 0,
                }
            }
        }
    }
    run { f(Some(Worker { id: 1, _t: Tracker("w1") })) }
}

twin! {
    /// Variant: a `for` binding whose field is read after an await while a method output
    /// was awaited before (no field in the awaited call).
    p13_min_for_binding_field_after_await {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn show(&self) -> u32 { step("unit").await; self.id }
            }
        }
        lower! {
            pub async fn f(ws: Vec<Worker>) -> u32 {
                let mut total = 0;
                for w in &ws {
                    let a = w.show().await;
                    total += a + w.id;
                }
                total
            }
        }
    }
    run { f(vec![Worker { id: 1, _t: Tracker("w1") }, Worker { id: 2, _t: Tracker("w2") }]) }
}

twin! {
    /// Variant: a closure parameter? no: a function parameter `w: &Worker` with `w.show(w.id).await`.
    p13_min_param_receiver_field_arg {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn show(&self, n: u32) -> u32 { step("unit").await; self.id + n }
            }
        }
        lower! {
            pub async fn f(w: &Worker) -> u32 {
                w.show(w.id).await
            }
        }
    }
    run { f(leak(Worker { id: 1, _t: Tracker("w1") })) }
}

twin! {
    /// Variant: `let w = ws.first().unwrap();` (a `let`, not a pattern binding) with `w.show(w.id).await`.
    p13_min_let_ref_receiver_field_arg {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn show(&self, n: u32) -> u32 { step("unit").await; self.id + n }
            }
        }
        lower! {
            pub async fn f(ws: Vec<Worker>) -> u32 {
                let w = ws.first().unwrap();
                w.show(w.id).await
            }
        }
    }
    run { f(vec![Worker { id: 1, _t: Tracker("w1") }]) }
}

twin! {
    /// Variant: `for (i, w) in ws.iter().enumerate()` (tuple pattern binding).
    p13_min_for_tuple_binding_receiver_field_arg {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn show(&self, n: u32) -> u32 { step("unit").await; self.id + n }
            }
        }
        lower! {
            pub async fn f(ws: Vec<Worker>) -> u32 {
                let mut total = 0;
                for (i, w) in ws.iter().enumerate() {
                    total += w.show(w.id + i as u32).await;
                }
                total
            }
        }
    }
    run { f(vec![Worker { id: 1, _t: Tracker("w1") }, Worker { id: 2, _t: Tracker("w2") }]) }
}

twin! {
    /// A job queue whose jobs run themselves with one of their own fields as argument
    /// (`job.run(job.retries).await` on a `while let` binding).
    p13_job_runs_with_own_field {
        pub struct Job { pub name: &'static str, pub retries: u32, pub _t: Tracker }
        impl Job {
            lower! {
                pub async fn run(&self, tries: u32) -> String {
                    for _ in 0..tries { step("try").await; }
                    format!("{} x{tries}", self.name)
                }
            }
        }
        lower! {
            pub async fn drain(mut q: Vec<Job>) -> Vec<String> {
                let mut out = vec![];
                while let Some(job) = q.pop() {
                    out.push(job.run(job.retries).await);
                }
                out
            }
        }
    }
    run { drain(vec![Job { name: "a", retries: 1, _t: Tracker("ja") }, Job { name: "b", retries: 2, _t: Tracker("jb") }]) }
}

twin! {
    /// `if let Some(acc) = bank.get_mut(&id)` then `acc.deposit(acc.rate * 2).await`.
    p13_get_mut_deposit_own_rate {
        pub struct Acc { pub bal: u32, pub rate: u32, pub _t: Tracker }
        impl Acc {
            lower! {
                pub async fn deposit(&mut self, n: u32) -> u32 { self.bal += leaf("dep", n).await; self.bal }
            }
        }
        lower! {
            pub async fn pay_interest(mut bank: BTreeMap<u32, Acc>, ids: Vec<u32>) -> Vec<u32> {
                let mut out = vec![];
                for id in ids {
                    if let Some(acc) = bank.get_mut(&id) {
                        out.push(acc.deposit(acc.rate * 2).await);
                    }
                }
                out
            }
        }
    }
    run {
        let mut m = BTreeMap::new();
        m.insert(1, Acc { bal: 10, rate: 1, _t: Tracker("acc1") });
        m.insert(2, Acc { bal: 20, rate: 3, _t: Tracker("acc2") });
        pay_interest(m, vec![2, 9, 1])
    }
}

twin! {
    /// Inside an impl: `self.run(self.id).await` (the receiver `self` with its own field as
    /// argument) and `Self::helper(..).await`.
    p13_self_receiver_own_field_arg {
        pub struct Node { pub id: u32, pub seen: Vec<u32>, pub _g: Tracker }
        impl Node {
            lower! {
                async fn visit(&mut self, n: u32) -> u32 { step("visit").await; self.seen.push(n); n * 2 }
            }
            lower! {
                async fn helper(x: u32) -> u32 { leaf("helper", x + 1).await }
            }
            lower! {
                pub async fn tick(&mut self) -> u32 {
                    let a = self.visit(self.id).await;
                    let b = Self::helper(self.id).await;
                    self.id += 1;
                    a + b + self.visit(self.id + 10).await
                }
            }
        }
        lower! {
            pub async fn app() -> (u32, u32, Vec<u32>) {
                let mut n = Node { id: 1, seen: vec![], _g: Tracker::new("node") };
                let a = n.tick().await;
                let b = n.tick().await;
                (a, b, n.seen.clone())
            }
        }
    }
    run { app() }
}

twin! {
    /// A `for` binding over `iter_mut()` whose awaited method output is kept across a
    /// later await, then a field of the binding read.
    p13_iter_mut_output_kept_then_field {
        pub struct Cell2 { pub v: u32, pub _t: Tracker }
        impl Cell2 {
            lower! {
                pub async fn bump(&mut self) -> u32 { self.v += leaf("b", 1).await; self.v }
            }
        }
        lower! {
            pub async fn f(mut cs: Vec<Cell2>) -> Vec<u32> {
                let mut out = vec![];
                for c in cs.iter_mut() {
                    let r = c.bump().await;
                    step("between").await;
                    out.push(r * 10 + c.v);
                }
                out
            }
        }
    }
    run { f(vec![Cell2 { v: 1, _t: Tracker("c1") }, Cell2 { v: 5, _t: Tracker("c2") }]) }
}

twin! {
    /// A `match` arm binding an account by value, an awaited method on it, a later await,
    /// then a field read and the account returned.
    p13_match_arm_account_by_value {
        #[derive(Debug)]
        pub struct Acc { pub bal: u32, pub _t: Tracker }
        impl Acc {
            lower! {
                pub async fn deposit(&mut self, n: u32) -> u32 { self.bal += leaf("dep", n).await; self.bal }
            }
        }
        lower! {
            pub async fn open(o: Option<Acc>) -> (u32, Option<Acc>) {
                match o {
                    Some(mut acc) => {
                        let r = acc.deposit(5).await;
                        step("audit").await;
                        (r + acc.bal, Some(acc))
                    }
                    None => (0, None),
                }
            }
        }
    }
    run { pair(open(Some(Acc { bal: 1, _t: Tracker("acc") })), open(None)) }
}

twin! {
    /// An associated constructor awaited with `?` (`Server::bind(port).await?`), `Self { .. }`
    /// literal with an awaited field, an associated const.
    p13_assoc_constructor_await {
        #[derive(Debug)]
        pub struct Server { pub port: u16, pub conns: u32, pub _sock: Tracker }
        impl Server {
            pub const MAX: u32 = 2;
            lower! {
                pub async fn bind(port: u16) -> Result<Self, String> {
                    step("bind").await;
                    if port < 1024 { return Err(format!("port {port} reserved")); }
                    Ok(Self { port, conns: leaf("backlog", 0).await, _sock: Tracker::new("sock") })
                }
            }
            lower! {
                pub async fn accept(&mut self) -> Result<u32, String> {
                    if self.conns >= Self::MAX { return Err("full".into()); }
                    step("accept").await;
                    self.conns += 1;
                    Ok(self.conns)
                }
            }
        }
        lower! {
            pub async fn serve(port: u16) -> Result<Vec<u32>, String> {
                let mut s = Server::bind(port).await?;
                let mut ids = vec![];
                loop {
                    match s.accept().await {
                        Ok(id) => ids.push(id),
                        Err(e) if e == "full" => break,
                        Err(e) => return Err(e),
                    }
                }
                log(format!("port {}", s.port));
                Ok(ids)
            }
        }
    }
    run { pair(serve(8080), serve(80)) }
}

twin! {
    /// `&mut self` methods returning `&mut Self`, chained with awaits
    /// (`b.add(1).await.add(2).await;`), then a field read.
    p13_chain_mut_self_awaited {
        pub struct Acc { pub items: Vec<u32>, pub _g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    self.items.push(leaf("add", x).await);
                    self
                }
            }
        }
        lower! {
            pub async fn app() -> Vec<u32> {
                let mut a = Acc { items: vec![], _g: Tracker::new("acc") };
                a.add(1).await.add(2).await;
                let _t = Tracker::new("mid");
                a.add(3).await;
                step("end").await;
                a.items.clone()
            }
        }
    }
    run { app() }
}

twin! {
    /// A linked list of boxed nodes walked with `while let Some(node) = cur`, each node
    /// visited by an awaited `&self` method, then its `next` moved out.
    p13_linked_list_walk {
        pub struct Node { pub val: u32, pub tag: Tracker, pub next: Option<Box<Node>> }
        impl Node {
            lower! {
                pub async fn visit(&self) -> u32 { step("visit").await; self.val }
            }
        }
        lower! {
            pub async fn walk(head: Option<Box<Node>>) -> u32 {
                let mut sum = 0;
                let mut cur = head;
                while let Some(node) = cur {
                    sum += node.visit().await;
                    cur = node.next;
                }
                sum
            }
        }
    }
    run {
        walk(Some(Box::new(Node { val: 1, tag: Tracker("n1"), next: Some(Box::new(Node { val: 2, tag: Tracker("n2"), next: None })) })))
    }
}

twin! {
    /// A struct built with `..Default::default()` inside a lowered method, a `where` clause
    /// on the impl, and a method taking `impl Into<String>`.
    p13_default_where_into {
        #[derive(Debug, Default)]
        pub struct Opts { pub name: String, pub level: u32, pub verbose: bool }
        pub struct Logger<W> where W: Debug { pub sink: Vec<W>, pub _g: Tracker }
        impl<W> Logger<W> where W: Debug + From<String> {
            lower! {
                pub async fn configure(&mut self, name: impl Into<String>) -> Opts {
                    let name = name.into();
                    step("cfg").await;
                    self.sink.push(W::from(format!("configured {name}")));
                    Opts { name, level: leaf("level", 2).await, ..Default::default() }
                }
            }
        }
        lower! {
            pub async fn app() -> (Opts, usize) {
                let mut l: Logger<String> = Logger { sink: vec![], _g: Tracker::new("logger") };
                let o = l.configure("x").await;
                let p = l.configure(String::from("y")).await;
                log(format!("{p:?}"));
                (o, l.sink.len())
            }
        }
    }
    run { app() }
}

twin! {
    /// Grouping transactions by account into a `HashMap<_, Vec<_>>` with `entry().or_default()`
    /// after the awaited value is bound, then sorted totals.
    p13_group_by_account {
        pub struct Feed { pub txs: Vec<(&'static str, i64)>, pub _g: Tracker }
        impl Feed {
            lower! {
                pub async fn next(&mut self) -> Option<(&'static str, i64)> {
                    step("next").await;
                    if self.txs.is_empty() { None } else { Some(self.txs.remove(0)) }
                }
            }
        }
        lower! {
            pub async fn totals(mut feed: Feed) -> Vec<(&'static str, i64, usize)> {
                let mut by: HashMap<&'static str, Vec<i64>> = HashMap::new();
                while let Some((acct, amt)) = feed.next().await {
                    let checked = leaf("check", amt).await;
                    by.entry(acct).or_default().push(checked);
                }
                let mut out: Vec<_> = by.iter().map(|(k, v)| (*k, v.iter().sum::<i64>(), v.len())).collect();
                out.sort();
                out
            }
        }
    }
    run { totals(Feed { txs: vec![("a", 5), ("b", -2), ("a", 7), ("c", 1)], _g: Tracker("feed") }) }
}

twin! {
    /// A retry helper method on a client taking the attempt budget from a field, with
    /// `continue` on a retryable error and a Tracker per attempt, returning `Err` at the end.
    p13_retry_budget_field {
        #[derive(Debug, PartialEq)]
        pub enum Err { Busy, Fatal }
        pub struct Client { pub budget: u32, pub script: Vec<Result<u32, Err>>, pub _g: Tracker }
        impl Client {
            lower! {
                async fn attempt(&mut self) -> Result<u32, Err> {
                    step("attempt").await;
                    if self.script.is_empty() { Err(Err::Busy) } else { self.script.remove(0) }
                }
            }
            lower! {
                pub async fn call(&mut self) -> Result<u32, Err> {
                    let mut left = self.budget;
                    while left > 0 {
                        let _a = Tracker::new("attempt");
                        left -= 1;
                        match self.attempt().await {
                            Err(Err::Busy) => { step("backoff").await; continue; }
                            other => return other,
                        }
                    }
                    Err(Err::Busy)
                }
            }
        }
        lower! {
            pub async fn app() -> Vec<Result<u32, Err>> {
                let mut c = Client { budget: 3, script: vec![Err(Err::Busy), Ok(7), Err(Err::Fatal), Err(Err::Busy), Err(Err::Busy), Err(Err::Busy)], _g: Tracker::new("client") };
                let mut out = vec![];
                for _ in 0..3 { out.push(c.call().await); }
                out
            }
        }
    }
    run { app() }
}

twin! {
    /// A cache returning `Result<&V, E>` from a `&mut self` lowered method, the reference used
    /// right away by the caller, plus eviction of the oldest Tracker.
    p13_lru_ref_output {
        pub struct Lru { pub cap: usize, pub items: Vec<(u32, Tracker)> }
        impl Lru {
            lower! {
                pub async fn get(&mut self, k: u32) -> Result<&Tracker, String> {
                    if let Some(pos) = self.items.iter().position(|(key, _)| *key == k) {
                        let e = self.items.remove(pos);
                        self.items.push(e);
                    } else {
                        if k == 0 { return Err("zero".into()); }
                        let name = leaf("load", if k == 1 { "t1" } else if k == 2 { "t2" } else { "t3" }).await;
                        if self.items.len() == self.cap { self.items.remove(0); }
                        self.items.push((k, Tracker::new(name)));
                    }
                    Ok(&self.items.last().unwrap().1)
                }
            }
        }
        lower! {
            pub async fn app() -> Vec<String> {
                let mut c = Lru { cap: 2, items: vec![] };
                let mut out = vec![];
                for k in [1, 2, 1, 3, 0, 2] {
                    match c.get(k).await {
                        Ok(t) => out.push(t.name().to_string()),
                        Err(e) => out.push(e),
                    }
                }
                out
            }
        }
    }
    run { app() }
}

twin! {
    /// Shrunk: an `if let` whose scrutinee borrows through an iterator temporary
    /// (`v.iter().position(..)`), the then-block mutating `v`, the else-block awaiting.
    p13_min_if_let_iter_scrutinee_else_await {
        lower! {
            pub async fn f(v: &'static mut Vec<Tracker>, k: &'static str) -> usize {
                if let Some(pos) = v.iter().position(|t| t.0 == k) {
                    v.remove(pos);
                } else {
                    step("miss").await;
                }
                v.len()
            }
        }
    }
    run { pair(f(leak(vec![Tracker("a"), Tracker("b")]), "a"), f(leak(vec![Tracker("c")]), "z")) }
}

twin! {
    /// Shrunk variant: `match` on `v.iter().position(..)` with an awaiting arm.
    p13_min_match_iter_scrutinee_arm_await {
        lower! {
            pub async fn f(v: &'static mut Vec<Tracker>, k: &'static str) -> usize {
                match v.iter().position(|t| t.0 == k) {
                    Some(pos) => { v.remove(pos); }
                    None => step("miss").await,
                }
                v.len()
            }
        }
    }
    run { pair(f(leak(vec![Tracker("a"), Tracker("b")]), "a"), f(leak(vec![Tracker("c")]), "z")) }
}

twin! {
    /// Shrunk variant: a plain `if` on `v.iter().any(..)`, the else-block awaiting.
    p13_min_if_iter_cond_else_await {
        lower! {
            pub async fn f(v: &'static mut Vec<Tracker>, k: &'static str) -> usize {
                if v.iter().any(|t| t.0 == k) {
                    v.pop();
                } else {
                    step("miss").await;
                }
                v.len()
            }
        }
    }
    run { pair(f(leak(vec![Tracker("a"), Tracker("b")]), "a"), f(leak(vec![Tracker("c")]), "z")) }
}

twin! {
    /// Shrunk variant: the `if let` without `else`, the await after it.
    p13_min_if_let_iter_scrutinee_then_await {
        lower! {
            pub async fn f(v: &'static mut Vec<Tracker>, k: &'static str) -> usize {
                if let Some(pos) = v.iter().position(|t| t.0 == k) {
                    v.remove(pos);
                }
                step("after").await;
                v.len()
            }
        }
    }
    run { pair(f(leak(vec![Tracker("a"), Tracker("b")]), "a"), f(leak(vec![Tracker("c")]), "z")) }
}

twin! {
    /// Shrunk variant: a local `Vec` (not a reference), `if let` on `iter().position`, the
    /// then-block mutating it, the else-block awaiting.
    p13_min_if_let_iter_local_vec {
        lower! {
            pub async fn f(k: &'static str) -> usize {
                let mut v = vec![Tracker("a"), Tracker("b")];
                if let Some(pos) = v.iter().position(|t| t.0 == k) {
                    v.remove(pos);
                } else {
                    step("miss").await;
                }
                v.len()
            }
        }
    }
    run { pair(f("a"), f("z")) }
}

twin! {
    /// Shrunk variant: `if let Some(x) = v.first().copied()` (an `Option<&T>` temporary),
    /// then-block mutating, else-block awaiting.
    p13_min_if_let_first_copied_else_await {
        lower! {
            pub async fn f(v: &'static mut Vec<u32>) -> usize {
                if let Some(x) = v.first().copied() {
                    v.push(x);
                } else {
                    step("empty").await;
                }
                v.len()
            }
        }
    }
    run { pair(f(leak(vec![1])), f(leak(vec![]))) }
}

twin! {
    /// Variant: `while let Some(pos) = v.iter().position(..)` removing and awaiting in the body.
    p13_min_while_let_iter_position_await {
        lower! {
            pub async fn f(k: &'static str) -> usize {
                let mut v = vec![Tracker("a"), Tracker("b"), Tracker("a")];
                while let Some(pos) = v.iter().position(|t| t.0 == k) {
                    let t = v.remove(pos);
                    step("removed").await;
                    log(format!("{t:?}"));
                }
                v.len()
            }
        }
    }
    run { f("a") }
}

twin! {
    /// Variant: `if let` on `iter().position` with the await in the then-block after the mutation.
    p13_min_if_let_iter_then_block_await {
        lower! {
            pub async fn f(k: &'static str) -> usize {
                let mut v = vec![Tracker("a"), Tracker("b")];
                if let Some(pos) = v.iter().position(|t| t.0 == k) {
                    v.remove(pos);
                    step("removed").await;
                }
                v.len()
            }
        }
    }
    run { pair(f("a"), f("z")) }
}

twin! {
    /// Variant: `if let` on `iter().max()` (no closure) with an awaiting else-block.
    p13_min_if_let_iter_max_else_await {
        lower! {
            pub async fn f(mut v: Vec<u32>) -> usize {
                if let Some(m) = v.iter().max() {
                    let m = *m;
                    v.push(m);
                } else {
                    step("empty").await;
                }
                v.len()
            }
        }
    }
    run { pair(f(vec![1, 3]), f(vec![])) }
}

twin! {
    /// Variant: `if let` on `v.iter().position(..)` whose else-block awaits, `v` only read after.
    p13_min_if_let_iter_else_await_read_only {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let v = vec![1u32, 2, 3];
                let n = if let Some(pos) = v.iter().position(|x| *x == k) {
                    pos as u32
                } else {
                    leaf("miss", 0).await
                };
                n + v.len() as u32
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// The classic read-through cache: `match self.cache.get(&k)` with a cloning arm and an
    /// arm that loads (awaits), inserts and returns.
    p13_read_through_match_get {
        pub struct Svc { pub cache: BTreeMap<u32, String>, pub loads: u32, pub _g: Tracker }
        impl Svc {
            lower! {
                async fn load(&mut self, k: u32) -> String {
                    self.loads += 1;
                    leaf("load", format!("val{k}")).await
                }
            }
            lower! {
                pub async fn get(&mut self, k: u32) -> String {
                    match self.cache.get(&k) {
                        Some(v) => v.clone(),
                        None => {
                            let v = self.load(k).await;
                            self.cache.insert(k, v.clone());
                            v
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn app() -> (Vec<String>, u32) {
                let mut s = Svc { cache: BTreeMap::new(), loads: 0, _g: Tracker::new("svc") };
                let mut out = vec![];
                for k in [1, 2, 1] { out.push(s.get(k).await); }
                (out, s.loads)
            }
        }
    }
    run { app() }
}

twin! {
    /// The read-through cache with `let Some(v) = self.cache.get(&k).cloned() else { .. }`,
    /// the else-block awaiting and returning.
    p13_read_through_let_else {
        pub struct Svc { pub cache: BTreeMap<u32, String>, pub _g: Tracker }
        impl Svc {
            lower! {
                pub async fn get(&mut self, k: u32) -> String {
                    let Some(v) = self.cache.get(&k).cloned() else {
                        let v = leaf("load", format!("val{k}")).await;
                        self.cache.insert(k, v.clone());
                        return v;
                    };
                    step("hit").await;
                    v
                }
            }
        }
        lower! {
            pub async fn app() -> Vec<String> {
                let mut s = Svc { cache: BTreeMap::new(), _g: Tracker::new("svc") };
                let mut out = vec![];
                for k in [1, 1, 2] { out.push(s.get(k).await); }
                out
            }
        }
    }
    run { app() }
}

twin! {
    /// `if let Some(pos) = self.items.iter().position(..)` in a `&mut self` method: found,
    /// the item is removed; not found, an awaited fetch is pushed (a cache's "remove or
    /// fetch").
    p13_position_remove_or_fetch {
        pub struct Pool { pub idle: Vec<Tracker>, pub made: u32 }
        impl Pool {
            lower! {
                pub async fn checkout(&mut self, name: &'static str) -> Tracker {
                    if let Some(pos) = self.idle.iter().position(|t| t.0 == name) {
                        self.idle.remove(pos)
                    } else {
                        self.made += 1;
                        step("connect").await;
                        Tracker::new(name)
                    }
                }
            }
        }
        lower! {
            pub async fn app() -> (Vec<&'static str>, u32) {
                let mut p = Pool { idle: vec![Tracker::new("db1")], made: 0 };
                let a = p.checkout("db1").await;
                let b = p.checkout("db2").await;
                let names = vec![a.name(), b.name()];
                p.idle.push(a);
                (names, p.made)
            }
        }
    }
    run { app() }
}

twin! {
    /// `Result<_, Box<dyn Error>>` with `?` on a `ParseIntError` and on a custom error with a
    /// `Display` + `Error` impl, in a `&self` method.
    p13_box_dyn_error {
        #[derive(Debug)]
        pub struct TooBig(pub u64);
        impl Display for TooBig { fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "too big: {}", self.0) } }
        impl std::error::Error for TooBig {}
        pub struct Conf { pub limit: u64, pub _g: Tracker }
        impl Conf {
            lower! {
                pub async fn read(&self, s: &str) -> Result<u64, Box<dyn std::error::Error>> {
                    let _t = Tracker::new("reading");
                    let raw = leaf("raw", s).await;
                    let n: u64 = raw.parse()?;
                    if n > self.limit { return Err(Box::new(TooBig(n))); }
                    step("ok").await;
                    Ok(n)
                }
            }
        }
        lower! {
            pub async fn app() -> Vec<String> {
                let c = Conf { limit: 10, _g: Tracker::new("conf") };
                let mut out = vec![];
                for s in ["5", "x", "50"] {
                    out.push(match c.read(s).await { Ok(n) => n.to_string(), Err(e) => e.to_string() });
                }
                out
            }
        }
    }
    run { app() }
}

twin! {
    /// Awaited method outputs inside std macros: `format!`, `vec!`, `assert_eq!`, `assert!`.
    p13_awaits_in_std_macros {
        pub struct Acct { pub bal: u32, pub _g: Tracker }
        impl Acct {
            lower! {
                pub async fn balance(&self) -> u32 { step("bal").await; self.bal }
            }
            lower! {
                pub async fn add(&mut self, n: u32) -> u32 { self.bal += leaf("add", n).await; self.bal }
            }
        }
        lower! {
            pub async fn app() -> (String, Vec<u32>) {
                let mut a = Acct { bal: 1, _g: Tracker::new("acct") };
                let s = format!("bal={} then={}", a.balance().await, a.add(2).await);
                let v = vec![a.balance().await, a.add(3).await, 7];
                assert_eq!(a.balance().await, 6, "balance after adds");
                assert!(a.add(0).await > 5);
                (s, v)
            }
        }
    }
    run { app() }
}

twin! {
    /// `get_mut` binding a reference into a map field, kept across an await in the then-block,
    /// then written through.
    p13_get_mut_ref_across_await {
        pub struct Counters { pub m: BTreeMap<&'static str, (u32, Tracker)> }
        impl Counters {
            lower! {
                pub async fn hit(&mut self, k: &'static str) -> u32 {
                    if let Some(e) = self.m.get_mut(k) {
                        let add = leaf("add", 1).await;
                        e.0 += add;
                        return e.0;
                    }
                    step("insert").await;
                    self.m.insert(k, (1, Tracker::new("entry")));
                    1
                }
            }
        }
        lower! {
            pub async fn app() -> Vec<u32> {
                let mut c = Counters { m: BTreeMap::new() };
                let mut out = vec![];
                for k in ["a", "a", "b", "a"] { out.push(c.hit(k).await); }
                out
            }
        }
    }
    run { app() }
}

twin! {
    /// A method taking `impl IntoIterator<Item = Job>` and a `&mut self` receiver, each job
    /// an enum matched with data and awaited, results collected with `?` into a `Vec`.
    p13_run_all_into_iter {
        #[derive(Debug)]
        pub enum Job { Add(u32), Mul(u32), Fail(&'static str) }
        pub struct Calc { pub acc: u32, pub _g: Tracker }
        impl Calc {
            lower! {
                pub async fn run_all(&mut self, jobs: impl IntoIterator<Item = Job>) -> Result<Vec<u32>, String> {
                    let mut trail = Vec::new();
                    for job in jobs {
                        let _j = Tracker::new("job");
                        self.acc = match job {
                            Job::Add(n) => self.acc + leaf("add", n).await,
                            Job::Mul(n) => { step("mul").await; self.acc * n }
                            Job::Fail(why) => return Err(why.to_string()),
                        };
                        trail.push(self.acc);
                    }
                    Ok(trail)
                }
            }
        }
        lower! {
            pub async fn app() -> (Result<Vec<u32>, String>, Result<Vec<u32>, String>, u32) {
                let mut c = Calc { acc: 1, _g: Tracker::new("calc") };
                let a = c.run_all(vec![Job::Add(2), Job::Mul(3)]).await;
                let b = c.run_all([Job::Add(1), Job::Fail("nope"), Job::Add(100)]).await;
                (a, b, c.acc)
            }
        }
    }
    run { app() }
}

twin! {
    /// `for (id, acc) in accounts.iter_mut()` over a `BTreeMap`, an awaited `&mut self` method
    /// on the value with the key as argument, and a closing summary.
    p13_btreemap_iter_mut_deposit {
        pub struct Acc { pub bal: u32, pub _t: Tracker }
        impl Acc {
            lower! {
                pub async fn deposit(&mut self, n: u32) -> u32 { self.bal += leaf("dep", n).await; self.bal }
            }
        }
        lower! {
            pub async fn app() -> Vec<(u32, u32)> {
                let mut m = BTreeMap::new();
                m.insert(1, Acc { bal: 0, _t: Tracker::new("a1") });
                m.insert(2, Acc { bal: 5, _t: Tracker::new("a2") });
                let mut out = vec![];
                for (id, acc) in m.iter_mut() {
                    let b = acc.deposit(*id * 10).await;
                    out.push((*id, b));
                }
                m.remove(&1);
                step("end").await;
                out
            }
        }
    }
    run { app() }
}

twin! {
    /// A `&self` method awaited on a temporary made by an awaited constructor
    /// (`Conn::open(..).await.query(1).await`): the connection drops at the end of the
    /// statement, after the query's output is bound.
    p13_temp_receiver_from_await {
        pub struct Conn { pub _sock: Tracker, pub id: u32 }
        impl Conn {
            lower! {
                pub async fn open(id: u32) -> Conn { step("open").await; Conn { _sock: Tracker::new("sock"), id } }
            }
            lower! {
                pub async fn query(&self, q: u32) -> u32 { leaf("query", q + self.id).await }
            }
        }
        lower! {
            pub async fn app() -> u32 {
                let _before = Tracker::new("before");
                let a = Conn::open(1).await.query(10).await;
                log(format!("got {a}"));
                let b = Conn::open(2).await.query(leaf("arg", 20).await).await + a;
                step("end").await;
                b
            }
        }
    }
    run { app() }
}

twin! {
    /// A consuming method that moves one field out of `self`, then returns early with an
    /// error on one path (the rest of `self` drops there) or awaits on the other.
    p13_partial_self_early_return {
        pub struct Upload { pub file: Tracker, pub meta: Tracker, pub size: u32 }
        impl Upload {
            lower! {
                pub async fn into_file(self, max: u32) -> Result<Tracker, String> {
                    let f = self.file;
                    step("stat").await;
                    if self.size > max {
                        return Err(format!("{} > {max}", self.size));
                    }
                    step("commit").await;
                    log(format!("meta {:?}", self.meta));
                    Ok(f)
                }
            }
        }
        lower! {
            pub async fn app(max: u32) -> Result<&'static str, String> {
                let u = Upload { file: Tracker::new("file"), meta: Tracker::new("meta"), size: 5 };
                let f = u.into_file(max).await?;
                step("use").await;
                Ok(f.name())
            }
        }
    }
    run { pair(app(10), app(1)) }
}

twin! {
    /// `match` on an awaited response struct holding a Tracker: a guarded arm returning early,
    /// a binding arm keeping the whole response; temporaries of the scrutinee.
    p13_match_awaited_response {
        #[derive(Debug)]
        pub struct Resp { pub code: u16, pub body: String, pub _t: Tracker }
        pub struct Api { pub _g: Tracker }
        impl Api {
            lower! {
                pub async fn get(&self, code: u16) -> Resp {
                    step("get").await;
                    Resp { code, body: format!("b{code}"), _t: Tracker::new("resp") }
                }
            }
        }
        lower! {
            pub async fn fetch(api: &Api, code: u16) -> Result<String, u16> {
                let r = match api.get(code).await {
                    Resp { code, .. } if code >= 500 => return Err(code),
                    r => r,
                };
                step("read").await;
                Ok(r.body.clone())
            }
        }
        lower! {
            pub async fn app() -> Vec<Result<String, u16>> {
                let api = Api { _g: Tracker::new("api") };
                vec![fetch(&api, 200).await, fetch(&api, 503).await]
            }
        }
    }
    run { app() }
}

twin! {
    /// A `let` whose initializer calls a `&self` lowered method on a temporary
    /// (`Report::build(..).summary().await`), the temporary dropping at the end of the `let`.
    p13_temp_receiver_plain_ctor {
        pub struct Report { pub rows: Vec<u32>, pub _t: Tracker }
        impl Report {
            pub fn build(n: u32) -> Report { Report { rows: (0..n).collect(), _t: Tracker::new("report") } }
            lower! {
                pub async fn summary(&self) -> String {
                    step("sum").await;
                    format!("{} rows", self.rows.len())
                }
            }
        }
        lower! {
            pub async fn app() -> (String, usize) {
                let _g = Tracker::new("g");
                let s = Report::build(3).summary().await;
                let n = Report::build(2).summary().await.len();
                step("end").await;
                (s, n)
            }
        }
    }
    run { app() }
}

twin! {
    /// The tail expression of a lowered method is an awaited call on `self`'s field,
    /// with locals holding Trackers declared before (edition 2024 tail drop order).
    p13_tail_awaited_field_call {
        pub struct Inner { pub v: u32, pub _t: Tracker }
        impl Inner {
            lower! {
                pub async fn get(&self) -> u32 { step("inner").await; self.v }
            }
        }
        pub struct Outer { pub inner: Inner, pub _t: Tracker }
        impl Outer {
            lower! {
                pub async fn total(&self, extra: u32) -> u32 {
                    let _a = Tracker::new("local-a");
                    let b = leaf("extra", extra).await;
                    let _c = Tracker::new("local-c");
                    self.inner.get().await + b
                }
            }
        }
        lower! {
            pub async fn app() -> u32 {
                let o = Outer { inner: Inner { v: 2, _t: Tracker::new("inner") }, _t: Tracker::new("outer") };
                o.total(3).await
            }
        }
    }
    run { app() }
}

twin! {
    /// A queue of boxed jobs (`Vec<Box<Job>>`), each job's `&mut self` method awaited through
    /// the box, failed jobs pushed back for a retry with a counter.
    p13_boxed_jobs_retry {
        pub struct Job { pub id: u32, pub fails_left: u32, pub _t: Tracker }
        impl Job {
            lower! {
                pub async fn execute(&mut self) -> Result<u32, u32> {
                    step("exec").await;
                    if self.fails_left > 0 { self.fails_left -= 1; Err(self.id) } else { Ok(self.id * 10) }
                }
            }
        }
        lower! {
            pub async fn scheduler(mut q: VecDeque<Box<Job>>) -> (Vec<u32>, u32) {
                let mut done = vec![];
                let mut retries = 0;
                while let Some(mut job) = q.pop_front() {
                    match job.execute().await {
                        Ok(v) => done.push(v),
                        Err(_) if retries < 3 => { retries += 1; q.push_back(job); }
                        Err(id) => { log(format!("give up {id}")); }
                    }
                }
                (done, retries)
            }
        }
    }
    run {
        scheduler(VecDeque::from(vec![
            Box::new(Job { id: 1, fails_left: 1, _t: Tracker("j1") }),
            Box::new(Job { id: 2, fails_left: 5, _t: Tracker("j2") }),
            Box::new(Job { id: 3, fails_left: 0, _t: Tracker("j3") }),
        ]))
    }
}

twin! {
    /// Parameters of a `&self` method never used, bound by `_`, `_name` and a tuple pattern
    /// with `_`: natively all arguments live to the end of the body.
    p13_unused_params_drop_at_end {
        pub struct Bus { pub _g: Tracker }
        impl Bus {
            lower! {
                pub async fn publish(&self, _: Tracker, _ctx: Tracker, (topic, _): (Tracker, Tracker), n: u32) -> u32 {
                    let _local = Tracker::new("local");
                    step("send").await;
                    log(format!("topic {topic:?}"));
                    leaf("ack", n).await
                }
            }
        }
        lower! {
            pub async fn app() -> u32 {
                let b = Bus { _g: Tracker::new("bus") };
                let a = b.publish(Tracker::new("wild"), Tracker::new("ctx"), (Tracker::new("topic"), Tracker::new("tail")), 1).await;
                step("between").await;
                a + b.publish(Tracker::new("w2"), Tracker::new("c2"), (Tracker::new("t2"), Tracker::new("x2")), 2).await
            }
        }
    }
    run { app() }
}

twin! {
    /// A generic store taking `v: T` moved on one branch only, the other branch awaiting;
    /// `T = Tracker`, so an unmoved `v` drops at the end of the method.
    p13_generic_param_moved_one_branch {
        pub struct Store<T> { pub items: Vec<T>, pub cap: usize }
        impl<T: Debug> Store<T> {
            lower! {
                pub async fn offer(&mut self, v: T) -> bool {
                    let _span = Tracker::new("span");
                    if self.items.len() < self.cap {
                        step("push").await;
                        self.items.push(v);
                        true
                    } else {
                        step("reject").await;
                        log(format!("rejected {v:?}"));
                        false
                    }
                }
            }
        }
        lower! {
            pub async fn app() -> (Vec<bool>, usize) {
                let mut s = Store { items: vec![], cap: 1 };
                let mut r = vec![];
                r.push(s.offer(Tracker::new("t1")).await);
                r.push(s.offer(Tracker::new("t2")).await);
                let n = s.items.len();
                (r, n)
            }
        }
    }
    run { app() }
}

twin! {
    /// `self: Box<Self>` consuming method with Trackers in the struct, an early return, and
    /// a panic path.
    p13_box_self_consuming {
        pub struct Task { pub a: Tracker, pub b: Tracker, pub n: u32 }
        impl Task {
            lower! {
                pub async fn run(self: Box<Self>) -> u32 {
                    let _l = Tracker::new("in-run");
                    step("start").await;
                    if self.n == 0 { return 0; }
                    if self.n > 5 { panic!("too many: {}", self.n); }
                    leaf("work", self.n).await + self.a.name().len() as u32
                }
            }
        }
        lower! {
            pub async fn app(n: u32) -> u32 {
                let t = Box::new(Task { a: Tracker::new("ta"), b: Tracker::new("tb"), n });
                let _after = Tracker::new("caller");
                t.run().await + 1
            }
        }
    }
    run { pair(pair(app(0), app(2)), app(9)) }
}

twin! {
    /// As p13_box_self_consuming with a method named `into_result`: `self: Box<Self>` consuming method with Trackers in the struct, an early return, and
    /// a panic path.
    p13_box_self_into_named {
        pub struct Task { pub a: Tracker, pub b: Tracker, pub n: u32 }
        impl Task {
            lower! {
                pub async fn into_result(self: Box<Self>) -> u32 {
                    let _l = Tracker::new("in-run");
                    step("start").await;
                    if self.n == 0 { return 0; }
                    if self.n > 5 { panic!("too many: {}", self.n); }
                    leaf("work", self.n).await + self.a.name().len() as u32
                }
            }
        }
        lower! {
            pub async fn app(n: u32) -> u32 {
                let t = Box::new(Task { a: Tracker::new("ta"), b: Tracker::new("tb"), n });
                let _after = Tracker::new("caller");
                t.into_result().await + 1
            }
        }
    }
    run { pair(pair(app(0), app(2)), app(9)) }
}

twin! {
    /// `mut self` consuming method reassigning fields across awaits, dropping a replaced field
    /// Tracker mid-way, returning `Self`-owned data in a tuple.
    p13_mut_self_field_replace {
        pub struct Conn { pub sock: Tracker, pub retries: u32 }
        impl Conn {
            lower! {
                pub async fn into_reconnected(mut self) -> (Tracker, u32) {
                    while self.retries < 2 {
                        step("reconnect").await;
                        self.sock = Tracker::new("sock-new");
                        self.retries += 1;
                    }
                    let extra = leaf("extra", 1).await;
                    (self.sock, self.retries + extra)
                }
            }
        }
        lower! {
            pub async fn app() -> (&'static str, u32) {
                let c = Conn { sock: Tracker::new("sock-old"), retries: 0 };
                let (s, n) = c.into_reconnected().await;
                (s.name(), n)
            }
        }
    }
    run { app() }
}

twin! {
    /// A `&mut self` method whose body holds a `?` between Tracker locals, a `match` on `self`'s
    /// enum field with data, and an `Option` field `take()`n and put back.
    p13_mut_self_enum_field_state {
        #[derive(Debug)]
        pub enum Phase { Idle, Busy(Tracker, u32), Done(u32) }
        pub struct Machine { pub phase: Phase, pub spare: Option<Tracker> }
        impl Machine {
            lower! {
                pub async fn tick(&mut self) -> Result<u32, String> {
                    let _t = Tracker::new("tick");
                    let next = match std::mem::replace(&mut self.phase, Phase::Idle) {
                        Phase::Idle => {
                            let s = self.spare.take().ok_or("no spare".to_string())?;
                            step("start").await;
                            Phase::Busy(s, 0)
                        }
                        Phase::Busy(t, n) if n < 1 => { step("work").await; Phase::Busy(t, n + 1) }
                        Phase::Busy(t, n) => { self.spare = Some(t); Phase::Done(n) }
                        Phase::Done(n) => { self.phase = Phase::Done(n); return Ok(n); }
                    };
                    let _u = Tracker::new("tock");
                    self.phase = next;
                    Ok(leaf("tick", 0).await)
                }
            }
        }
        lower! {
            pub async fn app() -> Vec<Result<u32, String>> {
                let mut m = Machine { phase: Phase::Idle, spare: Some(Tracker::new("spare")) };
                let mut out = vec![];
                for _ in 0..5 { out.push(m.tick().await); }
                let mut m2 = Machine { phase: Phase::Idle, spare: None };
                out.push(m2.tick().await);
                out
            }
        }
    }
    run { app() }
}

twin! {
    /// A callback stored in the struct (`Box<dyn Fn(u32) -> u32>`) called on awaited values,
    /// `(self.on_item)(leaf().await)`, with an `Option` callback field too.
    p13_callback_field {
        pub struct Pipe { pub on_item: Box<dyn Fn(u32) -> u32>, pub on_done: Option<Box<dyn Fn(usize) -> String>>, pub _g: Tracker }
        impl Pipe {
            lower! {
                pub async fn run(&self, xs: &[u32]) -> (Vec<u32>, String) {
                    let mut out = vec![];
                    for x in xs {
                        out.push((self.on_item)(leaf("item", *x).await));
                    }
                    step("done").await;
                    let msg = match &self.on_done { Some(f) => f(out.len()), None => "none".into() };
                    (out, msg)
                }
            }
        }
        lower! {
            pub async fn app() -> ((Vec<u32>, String), (Vec<u32>, String)) {
                let k = 3;
                let p = Pipe { on_item: Box::new(move |x| x * k), on_done: Some(Box::new(|n| format!("{n} items"))), _g: Tracker::new("pipe") };
                let q = Pipe { on_item: Box::new(|x| x + 1), on_done: None, _g: Tracker::new("pipe2") };
                (p.run(&[1, 2]).await, q.run(&[5]).await)
            }
        }
    }
    run { app() }
}

twin! {
    /// A codec trait with an associated type and an `async fn decode(&mut self, ..)`
    /// implemented by a lowered method, driven by a generic lowered function.
    p13_codec_assoc_type {
        pub trait Codec {
            type Item: Debug;
            async fn decode(&mut self, b: &[u8]) -> Option<Self::Item>;
        }
        pub struct Lines { pub buf: Vec<u8>, pub _g: Tracker }
        impl Codec for Lines {
            type Item = String;
            lower! {
                async fn decode(&mut self, b: &[u8]) -> Option<String> {
                    step("read").await;
                    self.buf.extend_from_slice(b);
                    let pos = self.buf.iter().position(|c| *c == b'\n')?;
                    let line: Vec<u8> = self.buf.drain(..=pos).collect();
                    Some(String::from_utf8_lossy(&line[..line.len() - 1]).into_owned())
                }
            }
        }
        lower! {
            pub async fn frames<C: Codec>(mut c: C, chunks: Vec<&'static [u8]>) -> Vec<C::Item> {
                let mut out = vec![];
                for ch in chunks {
                    if let Some(item) = c.decode(ch).await {
                        out.push(item);
                    }
                }
                out
            }
        }
    }
    run { frames(Lines { buf: vec![], _g: Tracker("codec") }, vec![b"ab", b"c\nd", b"e\n", b"\n"]) }
}

twin! {
    /// Field assignments and compound assignments whose value awaits a method of `self`
    /// (`self.total += self.fetch().await`, `self.items[i] = self.load(i).await`,
    /// `self.best = self.best.max(self.probe().await)`).
    p13_field_assign_from_self_await {
        pub struct Agg { pub total: u32, pub items: Vec<u32>, pub best: u32, pub _g: Tracker }
        impl Agg {
            lower! {
                async fn fetch(&self, n: u32) -> u32 { leaf("fetch", n + self.items.len() as u32).await }
            }
            lower! {
                pub async fn update(&mut self) -> (u32, Vec<u32>, u32) {
                    self.total += self.fetch(1).await;
                    for i in 0..self.items.len() {
                        self.items[val("idx", i)] = self.fetch(i as u32 * 10).await;
                    }
                    self.best = self.best.max(self.fetch(100).await);
                    self.total *= self.fetch(0).await;
                    (self.total, self.items.clone(), self.best)
                }
            }
        }
        lower! {
            pub async fn app() -> (u32, Vec<u32>, u32) {
                let mut a = Agg { total: 1, items: vec![0, 0], best: 50, _g: Tracker::new("agg") };
                a.update().await
            }
        }
    }
    run { app() }
}

twin! {
    /// An early return of a clone from inside a `for` over `&self.items` whose body awaits a
    /// `&self` method; Trackers in the items.
    p13_find_first_async {
        #[derive(Debug, Clone)]
        pub struct Item { pub name: &'static str, pub score: u32 }
        pub struct Index { pub items: Vec<Item>, pub _g: Tracker }
        impl Index {
            lower! {
                async fn check(&self, it: &Item, min: u32) -> bool { leaf("check", it.score).await >= min }
            }
            lower! {
                pub async fn first_above(&self, min: u32) -> Option<Item> {
                    let _scan = Tracker::new("scan");
                    for it in &self.items {
                        let _probe = Tracker::new("probe");
                        if self.check(it, min).await {
                            return Some(it.clone());
                        }
                    }
                    None
                }
            }
        }
        lower! {
            pub async fn app() -> (Option<Item>, Option<Item>) {
                let ix = Index { items: vec![Item { name: "a", score: 1 }, Item { name: "b", score: 5 }], _g: Tracker::new("index") };
                (ix.first_above(3).await, ix.first_above(9).await)
            }
        }
    }
    run { app() }
}

twin! {
    /// A connection option field: `if let Some(c) = self.conn.as_mut()` then an awaited
    /// `&mut self` method of the connection; else a reconnect that stores a new one.
    p13_option_conn_as_mut {
        pub struct Conn { pub sent: u32, pub _s: Tracker }
        impl Conn {
            lower! {
                pub async fn send(&mut self, n: u32) -> u32 { self.sent += leaf("send", n).await; self.sent }
            }
        }
        pub struct Client { pub conn: Option<Conn>, pub reconnects: u32 }
        impl Client {
            lower! {
                pub async fn send(&mut self, n: u32) -> u32 {
                    if let Some(c) = self.conn.as_mut() {
                        if n == 0 {
                            self.conn = None;
                            return 0;
                        }
                        return c.send(n).await;
                    }
                    step("reconnect").await;
                    self.reconnects += 1;
                    let mut c = Conn { sent: 0, _s: Tracker::new("conn") };
                    let r = c.send(n).await;
                    self.conn = Some(c);
                    r
                }
            }
        }
        lower! {
            pub async fn app() -> (Vec<u32>, u32) {
                let mut cl = Client { conn: None, reconnects: 0 };
                let mut out = vec![];
                for n in [1, 2, 0, 3] { out.push(cl.send(n).await); }
                (out, cl.reconnects)
            }
        }
    }
    run { app() }
}

twin! {
    /// A consuming method destructuring `self` with `..` (`let Self { a, b, .. } = self;`) before
    /// awaits: the fields left (Trackers) live to the end of the method.
    p13_destructure_self_rest {
        pub struct Parts { pub a: Tracker, pub b: u32, pub c: Tracker, pub d: Tracker }
        impl Parts {
            lower! {
                pub async fn into_a(self) -> (Tracker, u32) {
                    let Self { a, b, .. } = self;
                    step("s1").await;
                    let _l = Tracker::new("local");
                    step("s2").await;
                    (a, b)
                }
            }
        }
        lower! {
            pub async fn app() -> u32 {
                let p = Parts { a: Tracker::new("a"), b: 2, c: Tracker::new("c"), d: Tracker::new("d") };
                let (t, n) = p.into_a().await;
                step("after").await;
                drop(t);
                n
            }
        }
    }
    run { app() }
}

twin! {
    /// Disjoint field borrows of `self` passed to a free lowered function
    /// (`merge(&mut self.a, &self.b, ..).await`), and closures reading `self`'s fields after awaits.
    p13_disjoint_field_borrows {
        lower! {
            pub async fn merge(dst: &mut Vec<u32>, src: &[u32], k: u32) -> usize {
                for x in src { dst.push(leaf("m", *x * k).await); }
                dst.len()
            }
        }
        pub struct Buf { pub a: Vec<u32>, pub b: Vec<u32>, pub factor: u32, pub skip: u32, pub _g: Tracker }
        impl Buf {
            lower! {
                pub async fn run(&mut self) -> (usize, u32, Vec<u32>) {
                    let n = merge(&mut self.a, &self.b, self.factor).await;
                    step("mid").await;
                    let s: u32 = self.a.iter().map(|x| x * self.factor).sum();
                    self.a.retain(|x| *x != self.skip);
                    step("end").await;
                    (n, s, self.a.clone())
                }
            }
        }
        lower! {
            pub async fn app() -> (usize, u32, Vec<u32>) {
                let mut b = Buf { a: vec![1], b: vec![2, 3], factor: 2, skip: 4, _g: Tracker::new("buf") };
                b.run().await
            }
        }
    }
    run { app() }
}

twin! {
    /// A `for` binding as receiver of an awaited method, with its field read in the same
    /// expression after the await (`w.show().await + w.id`).
    p13_for_binding_field_after_await_same_expr {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn show(&self) -> u32 { step("show").await; self.id * 10 }
            }
        }
        lower! {
            pub async fn f(ws: Vec<Worker>) -> u32 {
                let mut total = 0;
                for w in &ws {
                    total += w.show().await + w.id;
                }
                total
            }
        }
    }
    run { f(vec![Worker { id: 1, _t: Tracker("w1") }, Worker { id: 2, _t: Tracker("w2") }]) }
}

twin! {
    /// Match guards calling `&self` methods, arms awaiting `&mut self` methods; events with data.
    p13_match_guard_self_method {
        pub enum Ev { Req(u32), Admin(&'static str, u32), Ping }
        pub struct Gate { pub allowed: Vec<&'static str>, pub max: u32, pub served: Vec<String>, pub _g: Tracker }
        impl Gate {
            pub fn ok_user(&self, u: &str) -> bool { self.allowed.contains(&u) }
            lower! {
                async fn serve(&mut self, what: String) -> usize { step("serve").await; self.served.push(what); self.served.len() }
            }
            lower! {
                pub async fn on(&mut self, ev: Ev) -> usize {
                    match ev {
                        Ev::Req(n) if n <= self.max => self.serve(format!("req {n}")).await,
                        Ev::Req(n) => { log(format!("too big {n}")); 0 }
                        Ev::Admin(u, n) if self.ok_user(u) => {
                            let k = leaf("admin", n).await;
                            self.serve(format!("{u} {k}")).await
                        }
                        Ev::Admin(u, _) => { step("deny").await; log(format!("deny {u}")); 0 }
                        Ev::Ping => self.served.len(),
                    }
                }
            }
        }
        lower! {
            pub async fn app() -> (Vec<usize>, Vec<String>) {
                let mut g = Gate { allowed: vec!["root"], max: 5, served: vec![], _g: Tracker::new("gate") };
                let mut r = vec![];
                for ev in [Ev::Req(3), Ev::Req(9), Ev::Admin("root", 1), Ev::Admin("eve", 2), Ev::Ping] {
                    r.push(g.on(ev).await);
                }
                (r, g.served.clone())
            }
        }
    }
    run { app() }
}

twin! {
    /// A local connection struct destructured with `..` (`let Conn { sock, .. } = conn;`) after
    /// it was used by awaited `&mut self` methods; the rest drops at scope end.
    p13_destructure_local_rest_after_methods {
        pub struct Conn { pub sock: Tracker, pub buf: Tracker, pub n: u32 }
        impl Conn {
            lower! {
                pub async fn pump(&mut self) -> u32 { self.n += leaf("pump", 1).await; self.n }
            }
        }
        lower! {
            pub async fn app() -> (&'static str, u32) {
                let mut conn = Conn { sock: Tracker::new("sock"), buf: Tracker::new("buf"), n: 0 };
                conn.pump().await;
                let k = conn.pump().await;
                let Conn { sock, .. } = conn;
                step("after").await;
                (sock.name(), k)
            }
        }
    }
    run { app() }
}

twin! {
    /// A method on a `Vec` field element chosen by an awaited index
    /// (`self.shards[self.pick(k).await].put(k).await`).
    p13_index_by_awaited_then_method {
        pub struct Shard { pub keys: Vec<u32>, pub _t: Tracker }
        impl Shard {
            lower! {
                pub async fn put(&mut self, k: u32) -> usize { step("put").await; self.keys.push(k); self.keys.len() }
            }
        }
        pub struct Db { pub shards: Vec<Shard> }
        impl Db {
            lower! {
                async fn pick(&self, k: u32) -> usize { leaf("pick", k as usize % self.shards.len()).await }
            }
            lower! {
                pub async fn put(&mut self, k: u32) -> usize {
                    let i = self.pick(k).await;
                    self.shards[i].put(k).await
                }
            }
        }
        lower! {
            pub async fn app() -> (Vec<usize>, Vec<Vec<u32>>) {
                let mut db = Db { shards: vec![Shard { keys: vec![], _t: Tracker::new("s0") }, Shard { keys: vec![], _t: Tracker::new("s1") }] };
                let mut r = vec![];
                for k in [1, 2, 3, 5] { r.push(db.put(k).await); }
                (r, db.shards.iter().map(|s| s.keys.clone()).collect())
            }
        }
    }
    run { app() }
}

twin! {
    /// Method futures collected into a `Vec` (each borrowing its worker), then awaited in
    /// order; one future made and dropped without being awaited.
    p13_vec_of_method_futures {
        pub struct Worker { pub id: u32, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn show(&self) -> u32 { let _s = Tracker::new("show-local"); leaf("show", self.id).await }
            }
        }
        lower! {
            pub async fn app() -> Vec<u32> {
                let ws = vec![Worker { id: 1, _t: Tracker::new("w1") }, Worker { id: 2, _t: Tracker::new("w2") }];
                let futs: Vec<_> = ws.iter().map(|w| w.show()).collect();
                let unused = ws[0].show();
                step("before").await;
                drop(unused);
                let mut out = vec![];
                for f in futs {
                    out.push(f.await);
                }
                out
            }
        }
    }
    run { app() }
}

twin! {
    /// A method future bound to a local, held across another await, then awaited (nothing
    /// runs before its first poll); `let _ = acct.deposit(5);` never runs.
    p13_method_future_held_then_awaited {
        pub struct Acct { pub bal: u32, pub _g: Tracker }
        impl Acct {
            lower! {
                pub async fn balance(&self) -> u32 { log("balance starts".to_string()); step("bal").await; self.bal }
            }
            lower! {
                pub async fn deposit(&mut self, n: u32) -> u32 { log("deposit starts".to_string()); self.bal += n; self.bal }
            }
        }
        lower! {
            pub async fn app() -> (u32, u32) {
                let mut a = Acct { bal: 3, _g: Tracker::new("acct") };
                let _ = a.deposit(5);
                let fut = a.balance();
                step("other").await;
                let b = fut.await;
                let c = a.deposit(1).await;
                (b, c)
            }
        }
    }
    run { app() }
}
