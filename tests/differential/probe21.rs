//! Probe round 21: examiner-style programs not written with the compiler in mind: retry
//! helpers taking closures that return futures, connection pools, producer/consumer
//! queues, LRU caches, chunked parsers, request routers over enums, bank transfers with
//! `?` and `From`, boxed `FnOnce` job queues, `Box<dyn Future>` lists, recursive walks,
//! enum state machines, builders, `self`/`&self`/`&mut self` methods, generics, iterator
//! chains and combinators between awaits, `mem::take`/`replace`/`swap`, shadowing,
//! labelled loops, `let .. else`, guards and `@` bindings, panics mid-way, `join!`.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};

/// A map with a fixed hasher: drop order on cancellation must not depend on a random seed.
pub type FixedMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher>>;

twin! {
    /// Retry with exponential backoff: `retry(|a| fetch(a, ok_at), 3)` where `fetch` is
    /// itself lowered and holds a connection guard across its await.
    p21_retry_backoff_fn_closure {
        lower! {
            pub async fn fetch(attempt: u32, ok_at: u32) -> Result<String, String> {
                let _conn = Tracker::new("conn");
                step("fetch").await;
                if attempt >= ok_at { Ok(format!("body{attempt}")) } else { Err(format!("timeout{attempt}")) }
            }
        }
        lower! {
            pub async fn retry<F, Fut>(mut op: F, max: u32) -> Result<String, Vec<String>>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<String, String>>,
            {
                let mut errors = Vec::new();
                let mut delay = 1;
                for attempt in 0..max {
                    match op(attempt).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            errors.push(e);
                            for _ in 0..delay {
                                step("sleep").await;
                            }
                            delay *= 2;
                        }
                    }
                }
                Err(errors)
            }
        }
        lower! {
            pub async fn f(ok_at: u32) -> Result<usize, Vec<String>> {
                let _span = Tracker::new("span");
                let body = retry(|a| fetch(a, ok_at), 3).await?;
                step("parse").await;
                Ok(body.len())
            }
        }
    }
    run { pair(f(2), f(7)) }
}

twin! {
    /// `retry(|| async { .. })` where the async block (not `move`) reads a `Cell` counter the
    /// closure borrows.
    p21_retry_async_block_cell_counter {
        lower! {
            pub async fn retry<F, Fut>(op: F, max: u32) -> Option<u32>
            where
                F: Fn() -> Fut,
                Fut: Future<Output = Option<u32>>,
            {
                for i in 0..max {
                    if let Some(v) = op().await {
                        log(format!("ok after {i}"));
                        return Some(v);
                    }
                    step("backoff").await;
                }
                None
            }
        }
        lower! {
            pub async fn f(need: u32) -> (Option<u32>, u32) {
                let tries = std::cell::Cell::new(0u32);
                let _g = Tracker::new("guard");
                let r = retry(|| async {
                    tries.set(tries.get() + 1);
                    step("try").await;
                    if tries.get() >= need { Some(tries.get() * 10) } else { None }
                }, 4).await;
                step("after").await;
                (r, tries.get())
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// A connection pool: `checkout` awaits while the pool is empty, connections are returned
    /// and reused; each connection holds a guard.
    p21_connection_pool_checkout {
        pub struct Conn { pub id: u32, pub uses: u32, pub guard: Tracker }
        pub struct Pool { pub idle: Vec<Conn>, pub next: u32, pub max: u32 }
        impl Pool {
            lower! {
                pub async fn checkout(&mut self) -> Conn {
                    if let Some(mut c) = self.idle.pop() {
                        c.uses += 1;
                        step("ping").await;
                        return c;
                    }
                    step("dial").await;
                    self.next += 1;
                    Conn { id: self.next, uses: 1, guard: Tracker::new(["c1", "c2", "c3"][(self.next as usize - 1) % 3]) }
                }
            }
            pub fn give_back(&mut self, c: Conn) {
                if self.idle.len() < self.max as usize {
                    self.idle.push(c);
                } else {
                    log(format!("close {}", c.id));
                }
            }
        }
        lower! {
            pub async fn f(max: u32) -> Vec<(u32, u32)> {
                let mut pool = Pool { idle: Vec::new(), next: 0, max };
                let mut out = Vec::new();
                for round in 0..3 {
                    let a = pool.checkout().await;
                    let b = pool.checkout().await;
                    step("query").await;
                    out.push((a.id + round, b.uses));
                    pool.give_back(b);
                    pool.give_back(a);
                }
                out
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// Producer/consumer over a `VecDeque`: the producer awaits per item, the consumer drains
    /// with `while let Some(x) = q.pop_front()`, stopping early at a poison item.
    p21_producer_consumer_queue {
        lower! {
            pub async fn produce(q: &mut VecDeque<Tracker>, names: &[&'static str]) {
                for &n in names {
                    let t = leaf("make", Tracker::new(n)).await;
                    q.push_back(t);
                }
            }
        }
        lower! {
            pub async fn f(stop_at: &'static str) -> (u32, usize) {
                let mut q = VecDeque::new();
                produce(&mut q, &["a", "b", "c", "d"]).await;
                let mut done = 0;
                while let Some(item) = q.pop_front() {
                    if item.name() == stop_at {
                        log("poison");
                        break;
                    }
                    step(item.name()).await;
                    done += 1;
                }
                step("end").await;
                (done, q.len())
            }
        }
    }
    run { pair(f("c"), f("zz")) }
}

twin! {
    /// An LRU cache with async loads: hits bump the tick, misses await a load and evict the
    /// least recently used entry (whose guard drops at the eviction).
    p21_lru_cache_async_load {
        pub struct Entry { pub val: String, pub used: u64, pub guard: Tracker }
        pub struct Lru { pub map: BTreeMap<u32, Entry>, pub tick: u64, pub cap: usize }
        impl Lru {
            lower! {
                pub async fn get(&mut self, k: u32) -> String {
                    self.tick += 1;
                    if let Some(e) = self.map.get_mut(&k) {
                        e.used = self.tick;
                        return e.val.clone();
                    }
                    let val = leaf("load", format!("v{k}")).await;
                    if self.map.len() >= self.cap {
                        let oldest = self.map.iter().min_by_key(|(_, e)| e.used).map(|(k, _)| *k).unwrap();
                        let gone = self.map.remove(&oldest).unwrap();
                        log(format!("evict {oldest}"));
                        step("evict").await;
                        drop(gone);
                    }
                    self.map.insert(k, Entry { val: val.clone(), used: self.tick, guard: Tracker::new(["e0", "e1", "e2", "e3"][k as usize % 4]) });
                    val
                }
            }
        }
        lower! {
            pub async fn f(cap: usize) -> Vec<String> {
                let mut lru = Lru { map: BTreeMap::new(), tick: 0, cap };
                let mut out = vec![];
                for k in [1, 2, 1, 3, 2, 4] {
                    out.push(lru.get(k).await);
                }
                out
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A line parser reading chunks: a partial line carried between chunks in a `String`,
    /// complete lines split with `split_once`.
    p21_chunked_line_parser {
        lower! {
            pub async fn f(chunks: Vec<&'static str>) -> Result<Vec<(String, u32)>, String> {
                let _file = Tracker::new("file");
                let mut carry = String::new();
                let mut out = Vec::new();
                for (i, c) in chunks.into_iter().enumerate() {
                    let data = leaf("read", c).await;
                    carry.push_str(data);
                    while let Some(pos) = carry.find('\n') {
                        let line: String = carry.drain(..=pos).collect();
                        let line = line.trim_end();
                        let (k, v) = line.split_once('=').ok_or(format!("chunk {i}: no '=' in {line:?}"))?;
                        let v: u32 = v.trim().parse().map_err(|e| format!("{k}: {e}"))?;
                        step("line").await;
                        out.push((k.to_string(), v));
                    }
                }
                if !carry.is_empty() {
                    return Err(format!("trailing {carry:?}"));
                }
                Ok(out)
            }
        }
    }
    run { pair(f(vec!["a=1\nb", "=22\n", "c= 3\n"]), pair(f(vec!["x=1\ny"]), f(vec!["q\n"]))) }
}

twin! {
    /// An HTTP-like router matching on a request enum, with guards, `@` bindings and an
    /// awaiting handler per arm.
    p21_request_router_enum {
        pub enum Req { Get(String), Post { path: String, body: Vec<u8> }, Delete(u32), Head }
        lower! {
            pub async fn handle(req: Req) -> (u16, String) {
                let _span = Tracker::new("span");
                match req {
                    Req::Get(p) if p == "/" => {
                        step("index").await;
                        (200, "index".into())
                    }
                    Req::Get(p) if p.starts_with("/users/") => {
                        let id = leaf("lookup", p["/users/".len()..].to_string()).await;
                        (200, format!("user {id}"))
                    }
                    Req::Post { path, body } if !body.is_empty() => {
                        let n = leaf("store", body.len()).await;
                        (201, format!("{path} +{n}"))
                    }
                    Req::Delete(id @ 1..=99) => {
                        step("delete").await;
                        (204, format!("deleted {id}"))
                    }
                    Req::Delete(id) => (403, format!("no {id}")),
                    Req::Head | Req::Post { .. } => (400, String::new()),
                    Req::Get(other) => {
                        step("404").await;
                        (404, other)
                    }
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<(u16, String)> {
                let reqs = vec![
                    Req::Get("/".into()),
                    Req::Get("/users/7".into()),
                    Req::Post { path: "/up".into(), body: vec![1, 2, 3] },
                    Req::Delete(5),
                    Req::Delete(500),
                    Req::Post { path: "/empty".into(), body: vec![] },
                    Req::Get("/nope".into()),
                ];
                let mut out = Vec::new();
                for r in reqs {
                    out.push(handle(r).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A bank transfer: a custom error enum with `From<ParseIntError>`, `?` on parse and on
    /// lowered helpers, the ledger guard and the lock guard dropping in order.
    p21_bank_transfer_errors {
        #[derive(Debug)]
        pub enum BankError { NoAccount(String), Insufficient { need: u64, have: u64 }, Parse(String) }
        impl From<std::num::ParseIntError> for BankError {
            fn from(e: std::num::ParseIntError) -> Self { BankError::Parse(e.to_string()) }
        }
        pub struct Bank { pub accounts: BTreeMap<String, u64>, pub guard: Tracker }
        impl Bank {
            lower! {
                pub async fn balance(&self, who: &str) -> Result<u64, BankError> {
                    step("read").await;
                    self.accounts.get(who).copied().ok_or_else(|| BankError::NoAccount(who.to_string()))
                }
            }
            lower! {
                pub async fn transfer(&mut self, from: &str, to: &str, amount: &str) -> Result<u64, BankError> {
                    let _lock = Tracker::new("lock");
                    let amount: u64 = amount.parse()?;
                    let have = self.balance(from).await?;
                    self.balance(to).await?;
                    if have < amount {
                        return Err(BankError::Insufficient { need: amount, have });
                    }
                    step("commit").await;
                    *self.accounts.get_mut(from).unwrap() -= amount;
                    *self.accounts.entry(to.to_string()).or_default() += amount;
                    Ok(have - amount)
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<u64, BankError>> {
                let mut bank = Bank { accounts: BTreeMap::new(), guard: Tracker::new("bank") };
                bank.accounts.insert("ann".into(), 100);
                bank.accounts.insert("bob".into(), 5);
                let mut out = Vec::new();
                for (a, b, amt) in [("ann", "bob", "30"), ("bob", "ann", "99"), ("ann", "cy", "1"), ("ann", "bob", "x")] {
                    out.push(bank.transfer(a, b, amt).await);
                }
                out.push(bank.balance("bob").await);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A job queue of boxed `FnOnce` jobs, each owning a tracker, run one per tick; a job
    /// asking to stop ends the loop with the rest still queued.
    p21_boxed_fnonce_job_queue {
        lower! {
            pub async fn f(stop: u32) -> (u32, usize) {
                let mut jobs: VecDeque<Box<dyn FnOnce(u32) -> Option<u32>>> = VecDeque::new();
                for (i, name) in ["j0", "j1", "j2", "j3"].into_iter().enumerate() {
                    let t = Tracker::new(name);
                    let i = i as u32;
                    jobs.push_back(Box::new(move |tick| {
                        log(format!("run {} at {tick}", t.name()));
                        if i == stop { None } else { Some(i * 10 + tick) }
                    }));
                    step("enqueue").await;
                }
                let mut total = 0;
                let mut tick = 0;
                while let Some(job) = jobs.pop_front() {
                    step("tick").await;
                    tick += 1;
                    match job(tick) {
                        Some(v) => total += v,
                        None => break,
                    }
                }
                step("end").await;
                (total, jobs.len())
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// A `Vec<Pin<Box<dyn Future>>>` built from leaves and `async move` blocks owning
    /// trackers, awaited one by one in a loop with an early exit.
    p21_boxed_dyn_future_list {
        lower! {
            pub async fn f(limit: u32) -> u32 {
                let mut futs: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                futs.push(Box::pin(leaf("a", 1)));
                for name in ["b", "c"] {
                    let t = Tracker::new(name);
                    futs.push(Box::pin(async move {
                        step(t.name()).await;
                        t.name().len() as u32 + 1
                    }));
                }
                futs.push(Box::pin(leaf("d", 4)));
                let mut sum = 0;
                for fut in futs {
                    sum += fut.await;
                    if sum >= limit {
                        break;
                    }
                }
                step("end").await;
                sum
            }
        }
    }
    run { pair(f(3), f(100)) }
}

twin! {
    /// A recursive directory walk through `Box::pin`, building paths with `format!` and
    /// summing sizes; a guard per directory.
    p21_recursive_dir_walk {
        pub enum Entry { File(&'static str, u64), Dir(&'static str, Vec<Entry>) }
        lower! {
            pub async fn du(e: &Entry, prefix: String, out: &mut Vec<String>) -> u64 {
                match e {
                    Entry::File(name, size) => {
                        step(name).await;
                        out.push(format!("{prefix}/{name}"));
                        *size
                    }
                    Entry::Dir(name, kids) => {
                        let _g = Tracker::new(name);
                        let here = format!("{prefix}/{name}");
                        let mut total = 0;
                        for k in kids {
                            total += Box::pin(du(k, here.clone(), out)).await;
                        }
                        out.push(format!("{here}/ = {total}"));
                        total
                    }
                }
            }
        }
        pub fn tree() -> Entry {
            Entry::Dir("root", vec![
                Entry::File("a.txt", 3),
                Entry::Dir("src", vec![Entry::File("main.rs", 10), Entry::Dir("empty", vec![])]),
                Entry::File("b.txt", 4),
            ])
        }
        lower! {
            pub async fn f() -> (u64, Vec<String>) {
                let t = tree();
                let mut out = Vec::new();
                let n = du(&t, String::new(), &mut out).await;
                (n, out)
            }
        }
    }
    run { f() }
}

twin! {
    /// A traffic-light-like state machine: an enum state moved into `match` each loop turn,
    /// variants carrying trackers, a counter deciding when to stop.
    p21_state_machine_download {
        pub enum St { Start, Resolving(Tracker), Downloading { got: u32, sock: Tracker }, Verifying(Vec<u8>), Done(u32), Failed(String) }
        lower! {
            pub async fn f(size: u32, fail_verify: bool) -> Result<u32, String> {
                let mut st = St::Start;
                let mut turns = 0;
                loop {
                    turns += 1;
                    st = match st {
                        St::Start => St::Resolving(Tracker::new("dns")),
                        St::Resolving(dns) => {
                            step("resolve").await;
                            drop(dns);
                            St::Downloading { got: 0, sock: Tracker::new("sock") }
                        }
                        St::Downloading { got, sock } if got < size => {
                            let n = leaf("recv", 2).await;
                            St::Downloading { got: got + n, sock }
                        }
                        St::Downloading { got, .. } => St::Verifying(vec![0; got as usize]),
                        St::Verifying(bytes) => {
                            step("hash").await;
                            if fail_verify { St::Failed(format!("bad hash over {}", bytes.len())) } else { St::Done(bytes.len() as u32) }
                        }
                        St::Done(n) => return Ok(n + turns),
                        St::Failed(e) => return Err(e),
                    };
                }
            }
        }
    }
    run { pair(f(5, false), f(2, true)) }
}

twin! {
    /// A request builder with `self`-taking methods chained, then an async `send(self)`
    /// that consumes it; the builder's guard drops inside `send`.
    p21_builder_chain_then_send {
        pub struct Builder { pub url: String, pub headers: Vec<(String, String)>, pub timeout: u32, pub guard: Tracker }
        impl Builder {
            pub fn new(url: &str) -> Self { Builder { url: url.to_string(), headers: vec![], timeout: 30, guard: Tracker::new("builder") } }
            pub fn header(mut self, k: &str, v: &str) -> Self { self.headers.push((k.into(), v.into())); self }
            pub fn timeout(mut self, t: u32) -> Self { self.timeout = t; self }
            lower! {
                pub async fn send(self) -> Result<String, String> {
                    step("connect").await;
                    if self.timeout < 5 {
                        return Err(format!("timeout {} for {}", self.timeout, self.url));
                    }
                    let n = leaf("resp", self.headers.len()).await;
                    Ok(format!("{} with {n} headers", self.url))
                }
            }
        }
        lower! {
            pub async fn f(t: u32) -> Result<String, String> {
                let _client = Tracker::new("client");
                let req = Builder::new("http://x/a").header("Accept", "json").header("X", "1").timeout(t);
                step("prepare").await;
                let body = req.send().await?;
                step("after").await;
                Ok(body.to_uppercase())
            }
        }
    }
    run { pair(f(10), f(1)) }
}

twin! {
    /// An account with `&self`, `&mut self` and `self` async methods called in sequence.
    p21_account_method_receivers {
        pub struct Account { pub owner: &'static str, pub cents: i64, pub history: Vec<i64>, pub guard: Tracker }
        impl Account {
            lower! {
                pub async fn balance(&self) -> i64 {
                    step("read").await;
                    self.cents
                }
            }
            lower! {
                pub async fn apply(&mut self, delta: i64) -> bool {
                    let cur = self.balance().await;
                    if cur + delta < 0 {
                        return false;
                    }
                    step("write").await;
                    self.cents += delta;
                    self.history.push(delta);
                    true
                }
            }
            lower! {
                pub async fn close(self) -> (String, usize) {
                    step("close").await;
                    log(format!("closing {}", self.owner));
                    (format!("{}:{}", self.owner, self.cents), self.history.len())
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<bool>, (String, usize)) {
                let mut a = Account { owner: "ann", cents: 10, history: vec![], guard: Tracker::new("acct") };
                let mut oks = vec![];
                for d in [5, -20, -15, 3] {
                    oks.push(a.apply(d).await);
                }
                let summary = a.close().await;
                step("after").await;
                (oks, summary)
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic lowered function over a trait with bounds (`S: Store + ?Sized`, `K: Display`),
    /// called with two stores.
    p21_generic_store_trait {
        pub trait Store {
            fn get(&self, k: &str) -> Option<u32>;
            fn name(&self) -> String;
        }
        pub struct Mem(pub Vec<(&'static str, u32)>, pub Tracker);
        impl Store for Mem {
            fn get(&self, k: &str) -> Option<u32> { self.0.iter().find(|(n, _)| *n == k).map(|(_, v)| *v) }
            fn name(&self) -> String { format!("mem{}", self.0.len()) }
        }
        pub struct Empty;
        impl Store for Empty {
            fn get(&self, _: &str) -> Option<u32> { None }
            fn name(&self) -> String { "empty".into() }
        }
        lower! {
            pub async fn sum_keys<S: Store + ?Sized, K: Display>(s: &S, keys: &[K]) -> (String, u32, Vec<String>) {
                let mut total = 0;
                let mut missing = Vec::new();
                for k in keys {
                    let key = k.to_string();
                    step("get").await;
                    match s.get(&key) {
                        Some(v) => total += v,
                        None => missing.push(key),
                    }
                }
                (s.name(), total, missing)
            }
        }
        lower! {
            pub async fn f() -> Vec<(String, u32, Vec<String>)> {
                let m = Mem(vec![("a", 1), ("b", 20)], Tracker::new("mem"));
                let dynamic: Box<dyn Store> = Box::new(Empty);
                let x = sum_keys(&m, &["a", "b", "c"]).await;
                let y = sum_keys(&*dynamic, &[1, 2]).await;
                vec![x, y]
            }
        }
    }
    run { f() }
}

twin! {
    /// Iterator chains (`map`/`filter`/`collect`/`sum`/`zip`) between awaits over a vector
    /// of owned records.
    p21_iterator_chains_between_awaits {
        #[derive(Debug, Clone)]
        pub struct Rec { pub name: String, pub score: u32 }
        lower! {
            pub async fn f(min: u32) -> (u32, Vec<String>, usize) {
                let _g = Tracker::new("report");
                let mut recs = Vec::new();
                for (i, n) in ["ann", "bob", "cy", "dee"].iter().enumerate() {
                    let s = leaf("score", (i as u32 * 7) % 10).await;
                    recs.push(Rec { name: n.to_string(), score: s });
                }
                let passing: Vec<&Rec> = recs.iter().filter(|r| r.score >= min).collect();
                step("rank").await;
                let total: u32 = passing.iter().map(|r| r.score).sum();
                let names = passing.iter().map(|r| r.name.to_uppercase()).collect::<Vec<_>>();
                let pairs = recs.iter().zip(recs.iter().skip(1)).filter(|(a, b)| a.score < b.score).count();
                step("done").await;
                (total, names, pairs)
            }
        }
    }
    run { pair(f(4), f(0)) }
}

twin! {
    /// `Option`/`Result` combinators around awaited values: `map`, `and_then`, `ok_or`,
    /// `unwrap_or_else`, `filter`, `zip`.
    p21_option_result_combinators {
        lower! {
            pub async fn lookup(k: u32) -> Option<u32> {
                step("lookup").await;
                if k % 3 == 0 { None } else { Some(k * 2) }
            }
        }
        lower! {
            pub async fn f(k: u32) -> Result<String, String> {
                let _t = Tracker::new("t");
                let a = lookup(k).await.map(|v| v + 1).filter(|v| *v < 50);
                let b = lookup(k + 1).await.and_then(|v| v.checked_sub(4));
                let both = a.zip(b).ok_or(format!("missing for {k}"));
                let fallback = lookup(k + 2).await.unwrap_or_else(|| { log("default"); 7 });
                let (x, y) = both?;
                step("fmt").await;
                Ok(format!("{x}-{y}-{fallback}"))
            }
        }
    }
    run { pair(f(1), pair(f(3), f(4))) }
}

twin! {
    /// A report built with `write!`/`writeln!` into a `String` across awaits.
    p21_string_building_write {
        lower! {
            pub async fn f(items: Vec<(&'static str, u32)>) -> String {
                use std::fmt::Write;
                let _pen = Tracker::new("pen");
                let mut s = String::new();
                writeln!(s, "report ({} items)", items.len()).unwrap();
                let mut total = 0;
                for (name, qty) in &items {
                    let price = leaf("price", name.len() as u32 * 3).await;
                    total += price * qty;
                    write!(&mut s, "{name:>5} x{qty} = {}", price * qty).unwrap();
                    s.push('\n');
                }
                step("total").await;
                write!(s, "total {total}").unwrap();
                s
            }
        }
    }
    run { f(vec![("tea", 2), ("scone", 1)]) }
}

twin! {
    /// `&str` slices of a `String` local kept across awaits: splitting a header block into
    /// `(name, value)` pairs that borrow the buffer.
    p21_str_slices_across_awaits {
        lower! {
            pub async fn f(raw: &'static str) -> Vec<String> {
                let buf = leaf("recv", raw.to_string()).await;
                let mut fields: Vec<(&str, &str)> = Vec::new();
                for line in buf.lines() {
                    if let Some((k, v)) = line.split_once(':') {
                        fields.push((k.trim(), v.trim()));
                    }
                    step("line").await;
                }
                let host = fields.iter().find(|(k, _)| k.eq_ignore_ascii_case("host")).map(|(_, v)| *v);
                step("route").await;
                let mut out: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
                out.push(format!("host:{}", host.unwrap_or("-")));
                out
            }
        }
    }
    run { f("Host: a.b\nAccept: */*\nbad line\nX-Id: 9") }
}

twin! {
    /// Word counts through the `HashMap` entry API (`or_insert`, `and_modify`,
    /// `or_insert_with`) between awaits.
    p21_hashmap_entry_word_count {
        lower! {
            pub async fn f(text: &'static str) -> Vec<(String, usize)> {
                let mut counts: FixedMap<String, usize> = FixedMap::default();
                let mut firsts: FixedMap<char, Vec<Tracker>> = FixedMap::default();
                for w in text.split_whitespace() {
                    let w = leaf("word", w.to_lowercase()).await;
                    counts.entry(w.clone()).and_modify(|c| *c += 1).or_insert(1);
                    let c = w.chars().next().unwrap();
                    firsts.entry(c).or_insert_with(Vec::new).push(Tracker(["w0", "w1"][w.len() % 2]));
                }
                step("sort").await;
                let mut v: Vec<(String, usize)> = counts.into_iter().collect();
                v.sort();
                let mut keys: Vec<char> = firsts.keys().copied().collect();
                keys.sort();
                for k in keys {
                    let gone = firsts.remove(&k);
                    step("drop").await;
                    drop(gone);
                }
                v
            }
        }
    }
    run { f("The cat saw the dog and THE bird") }
}

twin! {
    /// Batching with `mem::take`, `mem::replace` and `mem::swap` across awaits: the batch
    /// buffer is flushed every two items, the current guard swapped.
    p21_mem_take_replace_swap {
        lower! {
            pub async fn flush(batch: Vec<Tracker>) -> usize {
                step("flush").await;
                batch.len()
            }
        }
        lower! {
            pub async fn f(n: usize) -> (usize, Vec<usize>) {
                let mut batch = Vec::new();
                let mut sizes = Vec::new();
                let mut current = Tracker::new("cur0");
                let mut spare = Tracker::new("spare");
                for i in 0..n {
                    batch.push(Tracker::new(["i0", "i1", "i2", "i3", "i4"][i % 5]));
                    if batch.len() == 2 {
                        sizes.push(flush(std::mem::take(&mut batch)).await);
                        let old = std::mem::replace(&mut current, Tracker::new("curN"));
                        step("rotate").await;
                        drop(old);
                    }
                    if i == 1 {
                        std::mem::swap(&mut current, &mut spare);
                    }
                }
                log(format!("{} {}", current.name(), spare.name()));
                let rest = flush(batch).await;
                (rest, sizes)
            }
        }
    }
    run { pair(f(5), f(2)) }
}

twin! {
    /// Shadowing: each `let` shadows the previous binding (whose tracker still lives to the
    /// end of the scope), some shadowing values awaited.
    p21_shadowing_keeps_old_values {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker::new("t1");
                let x = n;
                step("a").await;
                let t = (t, Tracker::new("t2"));
                let x = leaf("x", x * 2).await;
                let t = &t.1;
                step("b").await;
                let x = x + t.name().len() as u32;
                let t = Tracker::new("t3");
                let x = {
                    let x = leaf("inner", x + 1).await;
                    x * 10
                };
                log(t.name());
                x
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A grid search with labelled loops: `continue 'rows`, `break 'search value`, guards
    /// per row and per cell.
    p21_labelled_loops_grid_search {
        lower! {
            pub async fn f(target: u32) -> Option<(usize, usize)> {
                let grid = vec![vec![1, 2, 3], vec![0, 9, 4], vec![5, 6, 7]];
                let _g = Tracker::new("search");
                let found = 'search: {
                    'rows: for (r, row) in grid.iter().enumerate() {
                        let _row = Tracker::new(["r0", "r1", "r2"][r]);
                        for (c, &cell) in row.iter().enumerate() {
                            let v = leaf("cell", cell).await;
                            if v == 0 {
                                log(format!("skip row {r}"));
                                continue 'rows;
                            }
                            if v == target {
                                break 'search Some((r, c));
                            }
                        }
                        step("row done").await;
                    }
                    None
                };
                step("end").await;
                found
            }
        }
    }
    run { pair(f(6), f(42)) }
}

twin! {
    /// `let .. else` parsing a command line with early returns carrying trackers.
    p21_let_else_command_parse {
        lower! {
            pub async fn f(line: &'static str) -> Result<(String, u32), String> {
                let _conn = Tracker::new("conn");
                let line = leaf("read", line).await;
                let Some((cmd, rest)) = line.split_once(' ') else {
                    step("err").await;
                    return Err(format!("no arg in {line:?}"));
                };
                let _cmd = Tracker::new("cmd");
                let Ok(n) = rest.parse::<u32>() else {
                    return Err(format!("bad number {rest:?}"));
                };
                let [first, ..] = cmd.as_bytes() else { unreachable!() };
                step("exec").await;
                Ok((format!("{}:{cmd}", *first as char), n))
            }
        }
    }
    run { pair(f("get 42"), pair(f("ping"), f("set x"))) }
}

twin! {
    /// A match on awaited values with range patterns, `@` bindings, guards and tuple
    /// patterns, some arms awaiting and holding trackers.
    p21_match_guards_bindings {
        lower! {
            pub async fn classify(code: u16, body: Option<String>) -> String {
                let _g = Tracker::new("g");
                match (leaf("code", code).await, body) {
                    (c @ 200..=299, Some(b)) if b.len() > 3 => {
                        step("ok-big").await;
                        format!("{c} big {}", b.len())
                    }
                    (c @ 200..=299, b) => format!("{c} small {:?}", b),
                    (301 | 302, Some(loc)) => {
                        let t = Tracker::new("redirect");
                        step("follow").await;
                        format!("-> {loc} ({})", t.name())
                    }
                    (c, _) if c >= 500 => {
                        step("retry").await;
                        "retry".into()
                    }
                    (c, None) => format!("{c} none"),
                    (c, Some(x)) => format!("{c} {x}"),
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut v = Vec::new();
                for (c, b) in [(200, Some("hello")), (204, None), (302, Some("/x")), (503, None), (404, Some("nf")), (418, None)] {
                    v.push(classify(c, b.map(String::from)).await);
                }
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Early `return` from inside nested loops while trackers of each level are live.
    p21_early_return_nested_loops {
        lower! {
            pub async fn f(stop: u32) -> u32 {
                let _outer = Tracker::new("outer");
                let mut acc = 0;
                for i in 0..3u32 {
                    let _li = Tracker::new(["i0", "i1", "i2"][i as usize]);
                    let mut j = 0;
                    while j < 3 {
                        let _lj = Tracker::new("j");
                        acc += leaf("v", i * 3 + j).await;
                        if acc >= stop {
                            log(format!("stop at {i},{j}"));
                            return acc;
                        }
                        j += 1;
                    }
                    step("row").await;
                }
                acc
            }
        }
    }
    run { pair(f(4), f(1000)) }
}

twin! {
    /// A migration that panics mid-way (`boom`) while a transaction guard, a vector of
    /// applied steps and a borrowed name are live.
    p21_panic_midway_migration {
        lower! {
            pub async fn f(steps: Vec<&'static str>) -> usize {
                let _tx = Tracker::new("tx");
                let mut applied = Vec::new();
                for s in &steps {
                    let t = Tracker::new(s);
                    if *s == "bad" {
                        let n = boom("apply").await;
                        applied.push(t);
                        return n as usize;
                    }
                    step("apply").await;
                    applied.push(t);
                }
                step("commit").await;
                applied.len()
            }
        }
    }
    run { pair(f(vec!["a", "b"]), f(vec!["c", "bad", "d"])) }
}

twin! {
    /// `futures::join!` of two lowered fetches each holding a guard, then a third after.
    p21_join_two_fetches {
        lower! {
            pub async fn fetch(name: &'static str, n: u32) -> u32 {
                let _g = Tracker::new(name);
                let a = leaf(name, n).await;
                step("parse").await;
                a * 2
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let _span = Tracker::new("span");
                let (a, b) = futures::join!(fetch("users", 1), fetch("orders", 2));
                let c = fetch("totals", a + b).await;
                c + 1
            }
        }
    }
    run { f() }
}

twin! {
    /// A formatting closure stored in a local (borrowing a prefix and a counter `Cell`)
    /// called before and after awaits.
    p21_closure_local_called_after_awaits {
        lower! {
            pub async fn f(prefix: String) -> Vec<String> {
                let count = std::cell::Cell::new(0);
                let _g = Tracker::new("g");
                let label = |x: u32| {
                    count.set(count.get() + 1);
                    format!("{prefix}-{x}-{}", count.get())
                };
                let mut out = vec![label(0)];
                for i in 1..3 {
                    let v = leaf("v", i * 5).await;
                    out.push(label(v));
                }
                step("end").await;
                out.push(format!("{} calls", count.get()));
                out
            }
        }
    }
    run { f("id".to_string()) }
}

twin! {
    /// An `async` block stored in a local, other work done, then the block awaited; it
    /// borrows a local and owns a tracker.
    p21_async_block_stored_awaited_later {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let data = vec![n, n + 1, n + 2];
                let t = Tracker::new("blk");
                let later = async {
                    step("later").await;
                    let _t = t;
                    data.iter().sum::<u32>()
                };
                let first = leaf("first", 1).await;
                let _mid = Tracker::new("mid");
                let s = later.await;
                step("end").await;
                first + s
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A sliding-window rate limiter: `acquire` awaits ticks until the window has room;
    /// each granted request holds a permit tracker until the caller drops it.
    p21_sliding_window_rate_limiter {
        pub struct Limiter { pub window: VecDeque<u64>, pub now: u64, pub limit: usize, pub span: u64 }
        impl Limiter {
            lower! {
                pub async fn acquire(&mut self, who: &'static str) -> Tracker {
                    loop {
                        while let Some(&t) = self.window.front() {
                            if self.now - t >= self.span { self.window.pop_front(); } else { break; }
                        }
                        if self.window.len() < self.limit {
                            break;
                        }
                        step("wait").await;
                        self.now += 1;
                    }
                    self.window.push_back(self.now);
                    Tracker::new(who)
                }
            }
        }
        lower! {
            pub async fn f(limit: usize) -> (u64, Vec<&'static str>) {
                let mut rl = Limiter { window: VecDeque::new(), now: 0, limit, span: 2 };
                let mut served = Vec::new();
                let mut keep = None;
                for who in ["a", "b", "c", "d", "e"] {
                    let p = rl.acquire(who).await;
                    served.push(p.name());
                    if who == "b" {
                        keep = Some(p);
                    }
                }
                step("done").await;
                drop(keep);
                (rl.now, served)
            }
        }
    }
    run { pair(f(2), f(1)) }
}

twin! {
    /// Round-robin workers: `workers[i % n].process(job).await` on a `&mut self` method,
    /// each worker keeping a log and a guard.
    p21_round_robin_workers {
        pub struct Worker { pub id: usize, pub done: Vec<u32>, pub guard: Tracker }
        impl Worker {
            lower! {
                pub async fn process(&mut self, job: u32) -> u32 {
                    let r = leaf("work", job * 10 + self.id as u32).await;
                    self.done.push(r);
                    r
                }
            }
        }
        lower! {
            pub async fn f(n: usize) -> (u32, Vec<usize>) {
                let mut workers: Vec<Worker> = (0..n).map(|id| Worker { id, done: vec![], guard: Tracker::new(["w0", "w1", "w2"][id]) }).collect();
                let mut sum = 0;
                for (i, job) in [3, 1, 4, 1, 5].into_iter().enumerate() {
                    sum += workers[i % n].process(job).await;
                }
                let last = workers.pop().unwrap();
                step("retire").await;
                log(format!("retired {} after {:?}", last.id, last.done));
                (sum, workers.iter().map(|w| w.done.len()).collect())
            }
        }
    }
    run { pair(f(2), f(3)) }
}

twin! {
    /// A pipeline of boxed `Fn` stages applied between awaits to each input.
    p21_boxed_fn_pipeline_stages {
        lower! {
            pub async fn f(inputs: Vec<i64>, offset: i64) -> Vec<i64> {
                let _g = Tracker::new("pipe");
                let stages: Vec<(&str, Box<dyn Fn(i64) -> i64>)> = vec![
                    ("double", Box::new(|x| x * 2)),
                    ("shift", Box::new(move |x| x + offset)),
                    ("clamp", Box::new(|x: i64| x.clamp(-10, 10))),
                ];
                let mut out = Vec::with_capacity(inputs.len());
                for x in inputs {
                    let mut v = leaf("in", x).await;
                    for (name, st) in &stages {
                        v = st(v);
                        if v == 0 {
                            log(format!("zero after {name}"));
                        }
                    }
                    step("out").await;
                    out.push(v);
                }
                out
            }
        }
    }
    run { f(vec![1, -3, 9], 6) }
}

twin! {
    /// Trait objects whose method returns a boxed future borrowing `self`, awaited in a loop
    /// over `Vec<Box<dyn Handler>>`.
    p21_dyn_handler_boxed_futures {
        pub trait Handler {
            fn name(&self) -> &'static str;
            fn handle<'a>(&'a self, x: u32) -> Pin<Box<dyn Future<Output = Option<u32>> + 'a>>;
        }
        pub struct Doubler(pub Tracker);
        impl Handler for Doubler {
            fn name(&self) -> &'static str { "dbl" }
            fn handle<'a>(&'a self, x: u32) -> Pin<Box<dyn Future<Output = Option<u32>> + 'a>> {
                Box::pin(async move { step(self.0.name()).await; Some(x * 2) })
            }
        }
        pub struct Filter(pub u32);
        impl Handler for Filter {
            fn name(&self) -> &'static str { "filter" }
            fn handle<'a>(&'a self, x: u32) -> Pin<Box<dyn Future<Output = Option<u32>> + 'a>> {
                Box::pin(leaf("filter", if x > self.0 { None } else { Some(x) }))
            }
        }
        lower! {
            pub async fn f(x: u32) -> (Option<u32>, Vec<&'static str>) {
                let chain: Vec<Box<dyn Handler>> = vec![Box::new(Doubler(Tracker::new("d1"))), Box::new(Filter(10)), Box::new(Doubler(Tracker::new("d2")))];
                let mut v = x;
                let mut seen = vec![];
                for h in chain.iter() {
                    seen.push(h.name());
                    match h.handle(v).await {
                        Some(n) => v = n,
                        None => return (None, seen),
                    }
                }
                (Some(v), seen)
            }
        }
    }
    run { pair(f(3), f(7)) }
}

twin! {
    /// An `async fn` in a trait implemented with a lowered method, driven by a generic
    /// lowered function `drive<S: Service>`.
    p21_trait_async_fn_service {
        pub trait Service {
            async fn call(&mut self, req: u32) -> Result<u32, String>;
        }
        pub struct Echo { pub calls: u32, pub guard: Tracker }
        impl Service for Echo {
            lower! {
                async fn call(&mut self, req: u32) -> Result<u32, String> {
                    self.calls += 1;
                    step("echo").await;
                    if req == 13 { Err(format!("unlucky on call {}", self.calls)) } else { Ok(req) }
                }
            }
        }
        lower! {
            pub async fn drive<S: Service>(svc: &mut S, reqs: &[u32]) -> Result<u32, String> {
                let _span = Tracker::new("drive");
                let mut sum = 0;
                for &r in reqs {
                    sum += svc.call(r).await?;
                }
                Ok(sum)
            }
        }
        lower! {
            pub async fn f(reqs: Vec<u32>) -> (Result<u32, String>, u32) {
                let mut e = Echo { calls: 0, guard: Tracker::new("echo") };
                let r = drive(&mut e, &reqs).await;
                step("end").await;
                (r, e.calls)
            }
        }
    }
    run { pair(f(vec![1, 2, 3]), f(vec![4, 13, 5])) }
}

twin! {
    /// Inventory reservation with rollback: reserved holds accumulate in a `Vec`; on a
    /// shortage they are released in reverse order before returning the error.
    p21_inventory_reserve_rollback {
        pub struct Hold { pub sku: &'static str, pub qty: u32, pub guard: Tracker }
        lower! {
            pub async fn reserve(stock: &mut BTreeMap<&'static str, u32>, order: &[(&'static str, u32)]) -> Result<Vec<Hold>, String> {
                let mut holds: Vec<Hold> = Vec::new();
                for &(sku, qty) in order {
                    let have = leaf("check", stock.get(sku).copied().unwrap_or(0)).await;
                    if have < qty {
                        while let Some(h) = holds.pop() {
                            step("release").await;
                            *stock.get_mut(h.sku).unwrap() += h.qty;
                        }
                        return Err(format!("short on {sku}: {have} < {qty}"));
                    }
                    *stock.get_mut(sku).unwrap() -= qty;
                    holds.push(Hold { sku, qty, guard: Tracker::new(sku) });
                }
                Ok(holds)
            }
        }
        lower! {
            pub async fn f() -> (Vec<Result<usize, String>>, Vec<(&'static str, u32)>) {
                let mut stock = BTreeMap::from([("apple", 5), ("pear", 1), ("fig", 2)]);
                let mut out = vec![];
                let first = reserve(&mut stock, &[("apple", 2), ("fig", 1)]).await;
                out.push(first.as_ref().map(|h| h.len()).map_err(Clone::clone));
                let second = reserve(&mut stock, &[("apple", 3), ("fig", 1), ("pear", 2)]).await;
                out.push(second.map(|h| h.len()));
                step("end").await;
                drop(first);
                (out, stock.into_iter().collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// A session whose token is an `Option<Tracker>` field taken with `take()` and replaced
    /// with `replace()` across awaits in `&mut self` methods.
    p21_session_option_take {
        pub struct Session { pub token: Option<Tracker>, pub refreshes: u32 }
        impl Session {
            lower! {
                pub async fn refresh(&mut self) -> bool {
                    if let Some(old) = self.token.take() {
                        step("revoke").await;
                        log(format!("revoked {}", old.name()));
                    }
                    let ok = leaf("login", self.refreshes < 2).await;
                    if ok {
                        self.refreshes += 1;
                        let prev = self.token.replace(Tracker::new("tok"));
                        assert!(prev.is_none());
                    }
                    ok
                }
            }
            lower! {
                pub async fn logout(mut self) -> u32 {
                    if let Some(t) = self.token.as_ref() {
                        log(format!("logout {}", t.name()));
                    }
                    step("bye").await;
                    self.token = None;
                    step("gone").await;
                    self.refreshes
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<bool>, u32) {
                let mut s = Session { token: Some(Tracker::new("initial")), refreshes: 0 };
                let mut oks = vec![];
                for _ in 0..3 {
                    oks.push(s.refresh().await);
                }
                let n = s.logout().await;
                (oks, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// Collecting an iterator of `Result`s into `Result<Vec<_>, _>` and `?` between awaits.
    p21_collect_results_question {
        lower! {
            pub async fn f(csv: &'static str) -> Result<(u32, u32), std::num::ParseIntError> {
                let _g = Tracker::new("g");
                let text = leaf("load", csv).await;
                let nums = text.split(',').map(|p| p.trim().parse::<u32>()).collect::<Result<Vec<_>, _>>()?;
                step("sum").await;
                let max = nums.iter().copied().max().unwrap_or_default();
                let evens: Result<Vec<u32>, _> = nums.iter().filter(|n| *n % 2 == 0).map(|n| n.to_string().parse::<u32>()).collect();
                step("evens").await;
                Ok((nums.iter().sum::<u32>() + evens?.len() as u32, max))
            }
        }
    }
    run { pair(f("1, 2,3,4"), f("5,x,6")) }
}

twin! {
    /// A binary search whose probes are awaited lookups; bounds updated in a `while` loop.
    p21_async_binary_search {
        lower! {
            pub async fn probe(data: &[u32], i: usize) -> u32 {
                leaf("probe", data[i]).await
            }
        }
        lower! {
            pub async fn f(target: u32) -> Result<usize, usize> {
                let data: Vec<u32> = (0..10).map(|i| i * 3).collect();
                let _g = Tracker::new("search");
                let (mut lo, mut hi) = (0usize, data.len());
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    let v = probe(&data, mid).await;
                    match v.cmp(&target) {
                        std::cmp::Ordering::Equal => return Ok(mid),
                        std::cmp::Ordering::Less => lo = mid + 1,
                        std::cmp::Ordering::Greater => hi = mid,
                    }
                }
                Err(lo)
            }
        }
    }
    run { pair(f(21), f(22)) }
}

twin! {
    /// A tokenizer over a `Peekable<CharIndices>` borrowing a `String` local, kept across
    /// awaits between tokens.
    p21_peekable_tokenizer {
        #[derive(Debug)]
        pub enum Tok { Num(u32), Ident(String), Op(char) }
        lower! {
            pub async fn f(src: &'static str) -> Vec<Tok> {
                let text = leaf("src", src.to_string()).await;
                let mut it = text.char_indices().peekable();
                let mut out = Vec::new();
                while let Some(&(i, c)) = it.peek() {
                    if c.is_whitespace() {
                        it.next();
                        continue;
                    }
                    if c.is_ascii_digit() {
                        let mut n = 0;
                        while let Some(&(_, d)) = it.peek() {
                            let Some(v) = d.to_digit(10) else { break };
                            n = n * 10 + v;
                            it.next();
                        }
                        step("num").await;
                        out.push(Tok::Num(n));
                    } else if c.is_alphabetic() {
                        let mut end = i;
                        while let Some(&(j, a)) = it.peek() {
                            if !a.is_alphanumeric() { break; }
                            end = j + a.len_utf8();
                            it.next();
                        }
                        let word = &text[i..end];
                        step("ident").await;
                        out.push(Tok::Ident(word.to_string()));
                    } else {
                        it.next();
                        out.push(Tok::Op(c));
                    }
                }
                out
            }
        }
    }
    run { f("x1 = 42+ y * 7") }
}

twin! {
    /// A round-robin scheduler over a `VecDeque` of tasks: each turn pops a task, awaits a
    /// slice of work, and requeues it if unfinished.
    p21_round_robin_scheduler {
        pub struct Task { pub name: &'static str, pub left: u32, pub guard: Tracker }
        lower! {
            pub async fn f(quantum: u32) -> Vec<&'static str> {
                let mut ready: VecDeque<Task> = ["a", "b", "c"].iter().zip([3, 1, 2]).map(|(&name, left)| Task { name, left, guard: Tracker::new(name) }).collect();
                let mut finished = vec![];
                while let Some(mut t) = ready.pop_front() {
                    let work = t.left.min(quantum);
                    step(t.name).await;
                    t.left -= work;
                    if t.left == 0 {
                        finished.push(t.name);
                    } else {
                        ready.push_back(t);
                    }
                }
                finished
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// Struct update syntax from `Default` and from a base value built before awaits.
    p21_struct_update_config {
        #[derive(Debug, Clone, Default)]
        pub struct Config { pub host: String, pub port: u16, pub retries: u32, pub verbose: bool }
        lower! {
            pub async fn f(port: u16) -> Vec<Config> {
                let _g = Tracker::new("cfg");
                let base = Config { host: leaf("host", "db".to_string()).await, ..Default::default() };
                step("a").await;
                let dev = Config { port, verbose: true, ..base.clone() };
                let prod = Config { retries: leaf("retries", 3).await, ..base };
                step("b").await;
                vec![dev, prod]
            }
        }
    }
    run { f(5432) }
}

twin! {
    /// Newtypes with operator impls (`Add`, `Mul`) and `PartialOrd` comparisons on awaited
    /// values.
    p21_newtype_operators {
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
        pub struct Meters(pub f64);
        impl std::ops::Add for Meters { type Output = Meters; fn add(self, o: Meters) -> Meters { Meters(self.0 + o.0) } }
        impl std::ops::Mul<f64> for Meters { type Output = Meters; fn mul(self, k: f64) -> Meters { Meters(self.0 * k) } }
        lower! {
            pub async fn f(legs: Vec<f64>) -> (Meters, usize) {
                let _g = Tracker::new("trip");
                let mut total = Meters(0.0);
                let mut long = 0;
                for l in legs {
                    let leg = Meters(leaf("leg", l).await) * 1.5;
                    if leg > Meters(10.0) {
                        long += 1;
                    }
                    total = total + leg;
                }
                step("end").await;
                (total, long)
            }
        }
    }
    run { f(vec![2.0, 8.0, 1.0]) }
}

twin! {
    /// Sorting records with `sort_by` and `sort_by_key` closures between awaits, then
    /// `dedup_by_key` and `retain`.
    p21_sort_dedup_retain {
        #[derive(Debug)]
        pub struct Player { pub name: &'static str, pub score: u32, pub guard: Tracker }
        lower! {
            pub async fn f(min: u32) -> Vec<(&'static str, u32)> {
                let mut ps = Vec::new();
                for (n, s) in [("zed", 5), ("amy", 9), ("bob", 5), ("cat", 2), ("amy", 1)] {
                    let s = leaf("score", s).await;
                    ps.push(Player { name: n, score: s, guard: Tracker::new(n) });
                }
                ps.sort_by(|a, b| b.score.cmp(&a.score).then(a.name.cmp(b.name)));
                step("sorted").await;
                ps.retain(|p| p.score >= min);
                step("retained").await;
                ps.sort_by_key(|p| p.name);
                ps.dedup_by_key(|p| p.name);
                step("dedup").await;
                ps.iter().map(|p| (p.name, p.score)).collect()
            }
        }
    }
    run { f(2) }
}

twin! {
    /// `BTreeMap::range` queries over awaited inserts, removing a range's keys afterwards.
    p21_btreemap_range_queries {
        lower! {
            pub async fn f(lo: u32, hi: u32) -> (Vec<(u32, &'static str)>, usize) {
                let mut events: BTreeMap<u32, Tracker> = BTreeMap::new();
                for (t, n) in [(5, "e5"), (1, "e1"), (9, "e9"), (3, "e3")] {
                    let at = leaf("at", t).await;
                    events.insert(at, Tracker::new(n));
                }
                let window: Vec<(u32, &'static str)> = events.range(lo..hi).map(|(k, v)| (*k, v.name())).collect();
                step("query").await;
                let stale: Vec<u32> = events.range(..lo).map(|(k, _)| *k).collect();
                for k in stale {
                    let e = events.remove(&k);
                    step("expire").await;
                    drop(e);
                }
                (window, events.len())
            }
        }
    }
    run { f(3, 9) }
}

twin! {
    /// A match on `Option<Result<..>>` returned by an awaited call, nested arms awaiting.
    p21_nested_option_result_match {
        lower! {
            pub async fn next(i: u32) -> Option<Result<u32, String>> {
                step("next").await;
                match i {
                    0..=2 => Some(Ok(i)),
                    3 => Some(Err("bad".into())),
                    _ => None,
                }
            }
        }
        lower! {
            pub async fn f(skip_err: bool) -> Result<u32, String> {
                let _g = Tracker::new("reader");
                let mut i = 0;
                let mut sum = 0;
                loop {
                    match next(i).await {
                        Some(Ok(v)) if v % 2 == 0 => sum += leaf("even", v).await,
                        Some(Ok(v)) => sum += v * 10,
                        Some(Err(e)) if skip_err => log(format!("skip {e}")),
                        Some(Err(e)) => {
                            let _t = Tracker::new("err");
                            step("report").await;
                            return Err(e);
                        }
                        None => break,
                    }
                    i += 1;
                }
                Ok(sum)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Futures built by `map` from a lowered `fn` and gathered with `join_all`, then a
    /// sequential pass over the results.
    p21_join_all_from_map {
        lower! {
            pub async fn load(id: u32) -> (u32, String) {
                let _g = Tracker::new(["l0", "l1", "l2", "l3"][id as usize % 4]);
                let v = leaf("load", id * id).await;
                (id, format!("item{v}"))
            }
        }
        lower! {
            pub async fn f(ids: Vec<u32>) -> Vec<String> {
                let _span = Tracker::new("span");
                let results = futures::future::join_all(ids.iter().map(|&i| load(i))).await;
                let mut out = vec![];
                for (id, s) in results {
                    step("post").await;
                    if id % 2 == 1 {
                        out.push(s);
                    }
                }
                out
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// A timeout-like `select` between a lowered slow fetch and a deadline leaf; the loser
    /// is dropped (with its guard) when the winner is taken.
    p21_select_fetch_or_deadline {
        lower! {
            pub async fn slow(n: u32) -> u32 {
                let _conn = Tracker::new("conn");
                for _ in 0..n {
                    step("chunk").await;
                }
                n
            }
        }
        lower! {
            pub async fn f(n: u32) -> Result<u32, &'static str> {
                use futures::future::Either;
                let _g = Tracker::new("req");
                let work = Box::pin(slow(n));
                let deadline = Box::pin(leaf("deadline", ()));
                let r = match futures::future::select(work, deadline).await {
                    Either::Left((v, _timer)) => Ok(v),
                    Either::Right(((), _work)) => {
                        log("timed out");
                        Err("timeout")
                    }
                };
                step("after").await;
                r
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// `let x = loop { .. break v; }` with awaits and trackers per iteration.
    p21_loop_break_value {
        lower! {
            pub async fn f(goal: u32) -> (u32, u32) {
                let _g = Tracker::new("g");
                let mut tries = 0;
                let found = loop {
                    tries += 1;
                    let _attempt = Tracker::new("attempt");
                    let v = leaf("roll", (tries * 7) % 10).await;
                    if v == goal {
                        break v * 100;
                    }
                    if tries > 5 {
                        break 0;
                    }
                    step("again").await;
                };
                step("end").await;
                (found, tries)
            }
        }
    }
    run { pair(f(4), f(11)) }
}

twin! {
    /// An `if let .. else if let .. else` chain over config sources, each branch awaiting.
    p21_if_let_else_if_let_chain {
        lower! {
            pub async fn f(env: Option<&'static str>, file: Result<u32, String>) -> u32 {
                let _g = Tracker::new("cfg");
                let port = if let Some(v) = env {
                    let t = Tracker::new("env");
                    let p = leaf("parse", v.parse().unwrap_or(1)).await;
                    log(t.name());
                    p
                } else if let Ok(p) = file {
                    step("file").await;
                    p
                } else if let Err(e) = &file {
                    log(format!("fallback: {e}"));
                    step("default").await;
                    80
                } else {
                    unreachable!()
                };
                step("bind").await;
                port
            }
        }
    }
    run { pair(f(Some("8080"), Ok(1)), pair(f(None, Ok(3000)), f(None, Err("nofile".into())))) }
}

twin! {
    /// A parser struct with a lifetime (`Parser<'a> { input: &'a str, pos }`) and a lowered
    /// `&mut self` method returning slices of the input.
    p21_lifetime_parser_struct {
        pub struct Parser<'a> { pub input: &'a str, pub pos: usize }
        impl<'a> Parser<'a> {
            lower! {
                pub async fn word(&mut self) -> Option<&'a str> {
                    let rest = &self.input[self.pos..];
                    let rest_trim = rest.trim_start();
                    self.pos += rest.len() - rest_trim.len();
                    if rest_trim.is_empty() {
                        return None;
                    }
                    step("scan").await;
                    let end = rest_trim.find(' ').unwrap_or(rest_trim.len());
                    self.pos += end;
                    Some(&rest_trim[..end])
                }
            }
        }
        lower! {
            pub async fn f(s: &'static str) -> Vec<&'static str> {
                let _g = Tracker::new("p");
                let mut p = Parser { input: s, pos: 0 };
                let mut words = vec![];
                while let Some(w) = p.word().await {
                    words.push(w);
                }
                words
            }
        }
    }
    run { f("  the quick  brown fox ") }
}

twin! {
    /// A generic bounded queue `Queue<T>` with lowered methods in `impl<T: Debug>`.
    p21_generic_bounded_queue {
        pub struct Queue<T> { pub items: VecDeque<T>, pub cap: usize }
        impl<T: Debug> Queue<T> {
            lower! {
                pub async fn push(&mut self, x: T) -> Option<T> {
                    step("push").await;
                    if self.items.len() == self.cap {
                        let old = self.items.pop_front();
                        self.items.push_back(x);
                        return old;
                    }
                    self.items.push_back(x);
                    None
                }
            }
            lower! {
                pub async fn drain_all(&mut self) -> Vec<String> {
                    let mut out = vec![];
                    while let Some(x) = self.items.pop_front() {
                        step("pop").await;
                        out.push(format!("{x:?}"));
                    }
                    out
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<String>, Vec<String>) {
                let mut q = Queue { items: VecDeque::new(), cap: 2 };
                let mut evicted = vec![];
                for n in ["a", "b", "c", "d"] {
                    if let Some(old) = q.push(Tracker::new(n)).await {
                        evicted.push(format!("{old:?}"));
                    }
                }
                let rest = q.drain_all().await;
                (evicted, rest)
            }
        }
    }
    run { f() }
}

twin! {
    /// A letter histogram in a `[u32; 26]` array indexed by awaited bytes.
    p21_array_histogram {
        lower! {
            pub async fn f(word: &'static str) -> (Vec<(char, u32)>, usize) {
                let mut hist = [0u32; 26];
                let _g = Tracker::new("hist");
                for b in word.bytes() {
                    let b = leaf("byte", b.to_ascii_lowercase()).await;
                    if b.is_ascii_lowercase() {
                        hist[(b - b'a') as usize] += 1;
                    }
                }
                step("scan").await;
                let top: Vec<(char, u32)> = hist.iter().enumerate().filter(|&(_, &n)| n > 1).map(|(i, &n)| ((b'a' + i as u8) as char, n)).collect();
                (top, hist.iter().filter(|&&n| n == 0).count())
            }
        }
    }
    run { f("Mississippi") }
}

twin! {
    /// Ownership round trip: a `String` and a tracker moved into lowered helpers and
    /// returned, re-bound each time.
    p21_ownership_round_trip {
        lower! {
            pub async fn shout(mut s: String, t: Tracker) -> (String, Tracker) {
                step("shout").await;
                s.push('!');
                (s.to_uppercase(), t)
            }
        }
        lower! {
            pub async fn f(word: &'static str) -> String {
                let s = word.to_string();
                let t = Tracker::new("tok");
                let (s, t) = shout(s, t).await;
                let keep = Tracker::new("keep");
                let (s, t2) = shout(s, t).await;
                step("end").await;
                format!("{s} {} {}", t2.name(), keep.name())
            }
        }
    }
    run { f("hi") }
}

twin! {
    /// Explicit `drop` calls between awaits reordering releases, then a late guard.
    p21_explicit_drop_order {
        lower! {
            pub async fn f(early: bool) -> u32 {
                let a = Tracker::new("a");
                let b = Tracker::new("b");
                let c = Tracker::new("c");
                step("s1").await;
                drop(b);
                if early {
                    drop(a);
                    step("s2").await;
                    return 1;
                }
                step("s3").await;
                drop(c);
                let _d = Tracker::new("d");
                step("s4").await;
                log(a.name());
                2
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Shared state through `Rc<RefCell<..>>`: two lowered calls append to the same log,
    /// `borrow_mut` never held across an await.
    p21_rc_refcell_shared_log {
        use std::cell::RefCell;
        use std::rc::Rc;
        lower! {
            pub async fn worker(name: &'static str, shared: Rc<RefCell<Vec<String>>>, n: u32) -> usize {
                let _g = Tracker::new(name);
                for i in 0..n {
                    let v = leaf("w", i).await;
                    shared.borrow_mut().push(format!("{name}{v}"));
                }
                Rc::strong_count(&shared)
            }
        }
        lower! {
            pub async fn f() -> (usize, usize, Vec<String>) {
                let shared = Rc::new(RefCell::new(Vec::new()));
                let a = worker("a", shared.clone(), 2).await;
                let b = worker("b", Rc::clone(&shared), 1).await;
                step("end").await;
                let v = shared.borrow().clone();
                (a, b, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Rc<Tracker>` handles cloned into a vector; the tracker drops when the last handle
    /// goes, at an await-separated point.
    p21_rc_handles_last_drop {
        use std::rc::Rc;
        lower! {
            pub async fn f(n: usize) -> Vec<usize> {
                let h = Rc::new(Tracker::new("shared"));
                let mut handles = vec![];
                let mut counts = vec![];
                for _ in 0..n {
                    handles.push(Rc::clone(&h));
                    step("clone").await;
                    counts.push(Rc::strong_count(&h));
                }
                drop(h);
                while let Some(x) = handles.pop() {
                    step("release").await;
                    counts.push(Rc::strong_count(&x));
                }
                counts
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A singly linked list of boxed nodes walked with `while let Some(node) = cur`, an
    /// await per node, then reversed in place.
    p21_linked_list_walk_reverse {
        pub struct Node { pub val: u32, pub tag: Tracker, pub next: Option<Box<Node>> }
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut head: Option<Box<Node>> = None;
                for (v, t) in [(1, "n1"), (2, "n2"), (3, "n3")] {
                    head = Some(Box::new(Node { val: v, tag: Tracker::new(t), next: head }));
                }
                let mut sum = 0;
                let mut cur = &head;
                while let Some(node) = cur {
                    sum += leaf("visit", node.val).await;
                    cur = &node.next;
                }
                let mut rev: Option<Box<Node>> = None;
                while let Some(mut node) = head {
                    head = node.next.take();
                    node.next = rev;
                    rev = Some(node);
                    step("rev").await;
                }
                let mut order = vec![];
                let mut c = rev.as_deref();
                while let Some(n) = c {
                    order.push(n.val);
                    c = n.next.as_deref();
                }
                (sum, order)
            }
        }
    }
    run { f() }
}

twin! {
    /// `matches!` and `assert!`/`assert_eq!` over awaited values, one assertion failing.
    p21_matches_and_asserts {
        #[derive(Debug, PartialEq)]
        pub enum Status { Active, Suspended(u32), Closed }
        lower! {
            pub async fn f(days: u32) -> usize {
                let _g = Tracker::new("audit");
                let statuses = vec![Status::Active, Status::Suspended(leaf("days", days).await), Status::Closed];
                let suspended = statuses.iter().filter(|s| matches!(s, Status::Suspended(d) if *d > 3)).count();
                step("check").await;
                assert!(statuses.len() == 3, "three statuses");
                assert_eq!(statuses[1], Status::Suspended(5), "suspension length");
                step("end").await;
                suspended
            }
        }
    }
    run { pair(f(5), f(1)) }
}

twin! {
    /// A function returning a closure (`make_adder(k) -> impl Fn(u32) -> u32`), stored and
    /// called across awaits, and a boxed closure capturing a tracker.
    p21_closure_factory {
        pub fn make_adder(k: u32) -> impl Fn(u32) -> u32 { move |x| x + k }
        pub fn make_logger(t: Tracker) -> Box<dyn Fn(&str)> { Box::new(move |m| log(format!("{}: {m}", t.name()))) }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let add = make_adder(k);
                let say = make_logger(Tracker::new("logger"));
                let a = add(leaf("a", 1).await);
                say("one");
                step("mid").await;
                let b = add(a);
                say("two");
                drop(say);
                step("end").await;
                b
            }
        }
    }
    run { f(10) }
}

twin! {
    /// `?` on `Option` in a lowered function returning `Option`, across awaits with trackers.
    p21_question_on_option {
        pub struct User { pub name: &'static str, pub manager: Option<u32> }
        lower! {
            pub async fn manager_name(users: &BTreeMap<u32, User>, id: u32) -> Option<&'static str> {
                let _g = Tracker::new("q");
                let u = users.get(&leaf("id", id).await)?;
                let m = u.manager?;
                step("hop").await;
                let boss = users.get(&m)?;
                Some(boss.name)
            }
        }
        lower! {
            pub async fn f() -> Vec<Option<&'static str>> {
                let mut users = BTreeMap::new();
                users.insert(1, User { name: "ceo", manager: None });
                users.insert(2, User { name: "vp", manager: Some(1) });
                users.insert(3, User { name: "dev", manager: Some(9) });
                let mut out = vec![];
                for id in [2, 1, 3, 7] {
                    out.push(manager_name(&users, id).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A countdown latch: workers `arrive` (a `&mut self` method), the last arrival fires
    /// the waiters' callbacks.
    p21_countdown_latch {
        pub struct Latch { pub count: u32, pub waiters: Vec<(Tracker, Box<dyn FnOnce() -> String>)> }
        impl Latch {
            lower! {
                pub async fn arrive(&mut self, who: &'static str) -> Vec<String> {
                    step(who).await;
                    self.count -= 1;
                    if self.count > 0 {
                        return vec![];
                    }
                    let mut out = vec![];
                    for (t, cb) in self.waiters.drain(..) {
                        step("wake").await;
                        out.push(format!("{} {}", t.name(), cb()));
                    }
                    out
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut l = Latch { count: 3, waiters: vec![] };
                let msg = String::from("go");
                l.waiters.push((Tracker::new("w1"), Box::new(move || msg)));
                l.waiters.push((Tracker::new("w2"), Box::new(|| "ok".to_string())));
                let mut all = vec![];
                for who in ["x", "y", "z"] {
                    all.extend(l.arrive(who).await);
                }
                all
            }
        }
    }
    run { f() }
}

twin! {
    /// A `futures::channel::mpsc` channel: items sent up front, the sender dropped, then
    /// received with `StreamExt::next` in a loop that awaits per item.
    p21_mpsc_channel_drain {
        lower! {
            pub async fn f(n: u32) -> (u32, usize) {
                use futures::StreamExt;
                let (tx, mut rx) = futures::channel::mpsc::unbounded::<(u32, Tracker)>();
                for i in 0..n {
                    tx.unbounded_send((i, Tracker::new(["m0", "m1", "m2"][i as usize % 3]))).unwrap();
                    step("send").await;
                }
                drop(tx);
                let mut sum = 0;
                let mut count = 0;
                while let Some((i, t)) = rx.next().await {
                    step(t.name()).await;
                    sum += i;
                    count += 1;
                }
                (sum, count)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A `futures::lock::Mutex` guard held across other awaits inside a lowered function
    /// that increments a shared counter.
    p21_async_mutex_guard_across_awaits {
        lower! {
            pub async fn bump(m: &futures::lock::Mutex<Vec<u32>>, v: u32) -> usize {
                let _g = Tracker::new("bump");
                let mut guard = m.lock().await;
                step("hold").await;
                guard.push(v);
                let n = guard.len();
                drop(guard);
                step("released").await;
                n
            }
        }
        lower! {
            pub async fn f() -> (usize, usize, Vec<u32>) {
                let m = futures::lock::Mutex::new(vec![]);
                let a = bump(&m, 1).await;
                let b = bump(&m, 2).await;
                let v = m.lock().await.clone();
                (a, b, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// Grouping consecutive equal keys with a `Peekable` iterator over a vector, awaiting
    /// once per group.
    p21_peekable_group_runs {
        lower! {
            pub async fn f(xs: Vec<(char, u32)>) -> Vec<(char, u32)> {
                let _g = Tracker::new("grp");
                let mut it = xs.into_iter().peekable();
                let mut out = vec![];
                while let Some((k, v)) = it.next() {
                    let mut total = v;
                    while let Some(&(k2, v2)) = it.peek() {
                        if k2 != k { break; }
                        total += v2;
                        it.next();
                    }
                    let total = leaf("group", total).await;
                    out.push((k, total));
                }
                out
            }
        }
    }
    run { f(vec![('a', 1), ('a', 2), ('b', 5), ('a', 1), ('c', 0), ('c', 3)]) }
}

twin! {
    /// A tuple of trackers destructured from an awaited call; one half moved into another
    /// lowered call, the other used after.
    p21_destructure_awaited_pair {
        lower! {
            pub async fn open() -> (Tracker, Tracker) {
                step("open").await;
                (Tracker::new("read"), Tracker::new("write"))
            }
        }
        lower! {
            pub async fn close(t: Tracker) -> &'static str {
                step("close").await;
                t.name()
            }
        }
        lower! {
            pub async fn f() -> (&'static str, &'static str) {
                let (r, w) = open().await;
                let closed = close(r).await;
                step("write").await;
                let n = w.name();
                (closed, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `FnMut` closure borrowing an output vector mutably (`let mut emit = |s| out.push(s)`),
    /// called with awaited values, the vector read after the closure's last use.
    p21_fnmut_emit_closure_across_awaits {
        lower! {
            pub async fn f(n: u32) -> Vec<String> {
                let mut out = Vec::new();
                let _g = Tracker::new("g");
                let mut emit = |s: String| {
                    log(format!("emit {s}"));
                    out.push(s);
                };
                emit("start".into());
                for i in 0..n {
                    let v = leaf("v", i * 2).await;
                    emit(format!("v{v}"));
                }
                step("flush").await;
                emit("end".into());
                out
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A closure returning an `async move` block stored in a local (`let fetch = |id| async
    /// move { .. }`) and called for several ids, each future awaited at once.
    p21_stored_async_closure_called_twice {
        lower! {
            pub async fn f(base: u32) -> u32 {
                let _g = Tracker::new("client");
                let fetch = |id: u32| async move {
                    let _c = Tracker::new("call");
                    step("fetch").await;
                    id * 10
                };
                let a = fetch(1).await;
                let b = fetch(2).await;
                step("sum").await;
                a + b + base
            }
        }
    }
    run { f(5) }
}

twin! {
    /// The same, the stored closure's `async move` block capturing a `Copy` local of the body.
    p21_stored_async_closure_captures_local {
        lower! {
            pub async fn f(base: u32) -> u32 {
                let scale = base * 2;
                let fetch = move |id: u32| async move {
                    step("fetch").await;
                    id * scale
                };
                let mut total = 0;
                for id in 1..=3 {
                    total += fetch(id).await;
                }
                step("end").await;
                total
            }
        }
    }
    run { f(5) }
}

twin! {
    /// Results of `join_all` summed in one chained expression after the await, and `?`
    /// inside nested awaited expressions (`fetch(i).await?.len()`).
    p21_chained_awaits_question_len {
        lower! {
            pub async fn fetch(i: u32) -> Result<String, String> {
                step("fetch").await;
                if i == 9 { Err(format!("no {i}")) } else { Ok("x".repeat(i as usize)) }
            }
        }
        lower! {
            pub async fn f(ids: Vec<u32>) -> Result<usize, String> {
                let _g = Tracker::new("g");
                let mut total = 0;
                for &i in &ids {
                    total += fetch(i).await?.len();
                }
                let lens: usize = futures::future::join_all(ids.iter().map(|&i| fetch(i))).await.into_iter().map(|r| r.map(|s| s.len()).unwrap_or(0)).sum();
                Ok(total + lens)
            }
        }
    }
    run { pair(f(vec![1, 2]), f(vec![3, 9, 1])) }
}

twin! {
    /// `Box<dyn Error>` errors: `?` converting a `ParseIntError` and a `String` error, from
    /// a lowered config loader.
    p21_box_dyn_error_question {
        lower! {
            pub async fn load(src: &'static str) -> Result<(String, u16), Box<dyn std::error::Error>> {
                let _g = Tracker::new("load");
                let text = leaf("read", src).await;
                let (host, port) = text.split_once(':').ok_or("missing ':'")?;
                let port: u16 = port.parse()?;
                if host.is_empty() {
                    return Err(format!("empty host in {text}").into());
                }
                step("ok").await;
                Ok((host.to_string(), port))
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut out = vec![];
                for src in ["db:5432", "nocolon", "db:http", ":80"] {
                    match load(src).await {
                        Ok((h, p)) => out.push(format!("{h}@{p}")),
                        Err(e) => out.push(format!("error: {e}")),
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Awaits inside `format!` arguments, `vec![..]` elements and a struct literal's fields.
    p21_awaits_in_macro_args_and_literals {
        #[derive(Debug)]
        pub struct Profile { pub name: String, pub age: u32, pub tags: Vec<String>, pub guard: Tracker }
        lower! {
            pub async fn f(id: u32) -> (String, Profile) {
                let line = format!("user {} is {}", leaf("name", "ann").await, leaf("age", 30 + id).await);
                let p = Profile {
                    name: leaf("name2", String::from("ann")).await,
                    guard: Tracker::new("profile"),
                    age: leaf("age2", 30 + id).await,
                    tags: vec![leaf("t1", "a".to_string()).await, leaf("t2", "b".to_string()).await],
                };
                (line, p)
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A struct literal whose later field panics (`boom`) after an earlier field built a
    /// tracker: the built field drops during the unwind.
    p21_struct_literal_field_panics {
        #[derive(Debug)]
        pub struct Conn { pub sock: Tracker, pub id: u32, pub tls: Tracker }
        lower! {
            pub async fn f(fail: bool) -> Conn {
                let _outer = Tracker::new("outer");
                Conn {
                    sock: Tracker::new("sock"),
                    id: if fail { boom("handshake").await } else { leaf("id", 7).await },
                    tls: Tracker::new("tls"),
                }
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// A `futures::lock::Mutex` locked in an `if` condition (`if m.lock().await.contains(..)`)
    /// and in a block expression; the guard's temporary must drop before the body's awaits.
    p21_mutex_lock_in_if_condition {
        lower! {
            pub async fn f(k: u32) -> (bool, usize) {
                let m = futures::lock::Mutex::new(vec![1u32, 2, 3]);
                let _g = Tracker::new("g");
                let hit = if m.lock().await.contains(&k) {
                    step("hit").await;
                    m.lock().await.push(k * 10);
                    true
                } else {
                    step("miss").await;
                    false
                };
                let n = { let g = m.lock().await; g.len() };
                step("end").await;
                (hit, n)
            }
        }
    }
    run { pair(f(2), f(7)) }
}

twin! {
    /// `while let Some(x) = m.lock().await.pop()`: the scrutinee's guard lives through the
    /// body (natively), whose await must not relock.
    p21_while_let_lock_pop {
        lower! {
            pub async fn f() -> Vec<u32> {
                let m = futures::lock::Mutex::new(vec![1u32, 2, 3]);
                let mut out = vec![];
                while let Some(x) = m.lock().await.pop() {
                    let _t = Tracker::new("item");
                    step("item").await;
                    out.push(x);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A match on a slice pattern of split command words, arms awaiting with bound `&str`s.
    p21_slice_pattern_command_dispatch {
        lower! {
            pub async fn exec(line: &str, store: &mut BTreeMap<String, String>) -> String {
                let words: Vec<&str> = line.split_whitespace().collect();
                match words.as_slice() {
                    ["get", key] => {
                        step("get").await;
                        store.get(*key).cloned().unwrap_or_else(|| "nil".into())
                    }
                    ["set", key, value @ ..] if !value.is_empty() => {
                        let v = leaf("join", value.join(" ")).await;
                        store.insert(key.to_string(), v);
                        "OK".into()
                    }
                    ["del", keys @ ..] => {
                        let mut n = 0;
                        for k in keys {
                            step("del").await;
                            n += store.remove(*k).is_some() as u32;
                        }
                        format!("{n}")
                    }
                    [] => "empty".into(),
                    [cmd, ..] => format!("unknown {cmd}"),
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let _g = Tracker::new("srv");
                let mut store = BTreeMap::new();
                let mut out = vec![];
                for l in ["set a hello world", "get a", "set b", "del a b", "get a", "", "ping x"] {
                    out.push(exec(l, &mut store).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `windows(2)` and `chunks(2)` over a vector with an await per window/chunk.
    p21_windows_chunks_awaits {
        lower! {
            pub async fn f(xs: Vec<i32>) -> (Vec<i32>, Vec<i32>) {
                let _g = Tracker::new("g");
                let mut deltas = vec![];
                for w in xs.windows(2) {
                    let d = leaf("delta", w[1] - w[0]).await;
                    deltas.push(d);
                }
                let mut sums = vec![];
                for c in xs.chunks(2) {
                    step("chunk").await;
                    sums.push(c.iter().sum());
                }
                (deltas, sums)
            }
        }
    }
    run { f(vec![1, 4, 9, 16, 25]) }
}

twin! {
    /// An `&self` async method returning a reference into `self` (`Option<&Item>`), used by
    /// the caller after another await.
    p21_method_returns_ref_into_self {
        pub struct Item { pub name: String, pub price: u32 }
        pub struct Catalog { pub items: Vec<Item>, pub guard: Tracker }
        impl Catalog {
            lower! {
                pub async fn find(&self, name: &str) -> Option<&Item> {
                    step("index").await;
                    self.items.iter().find(|i| i.name == name)
                }
            }
        }
        lower! {
            pub async fn f(want: &'static str) -> Option<u32> {
                let c = Catalog { items: vec![Item { name: "tea".into(), price: 3 }, Item { name: "cake".into(), price: 5 }], guard: Tracker::new("cat") };
                let item = c.find(want).await?;
                step("price").await;
                let tax = leaf("tax", 1).await;
                Some(item.price + tax)
            }
        }
    }
    run { pair(f("cake"), f("pie")) }
}

twin! {
    /// Deferred initialization: `let x;` assigned on each branch (one awaited), read after.
    p21_deferred_init_branches {
        lower! {
            pub async fn f(cached: Option<u32>) -> u32 {
                let _g = Tracker::new("g");
                let value;
                let source: &str;
                if let Some(c) = cached {
                    value = c;
                    source = "cache";
                } else {
                    value = leaf("db", 99).await;
                    source = "db";
                }
                step("use").await;
                log(format!("from {source}"));
                value + 1
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Nested `fn` items and a `const` inside the lowered body, used between awaits.
    p21_nested_fn_and_const_items {
        lower! {
            pub async fn f(xs: Vec<u32>) -> u32 {
                const LIMIT: u32 = 10;
                fn clamp(x: u32) -> u32 { x.min(LIMIT) }
                #[derive(Debug)]
                struct Acc { sum: u32, n: u32 }
                let mut acc = Acc { sum: 0, n: 0 };
                for x in xs {
                    acc.sum += clamp(leaf("x", x).await);
                    acc.n += 1;
                }
                step("end").await;
                log(format!("{acc:?}"));
                acc.sum / acc.n.max(1)
            }
        }
    }
    run { f(vec![3, 30, 9]) }
}

twin! {
    /// `continue` on an awaited error inside a loop (`if let Err(e) = x.await { continue }`),
    /// with per-iteration guards.
    p21_continue_on_error {
        lower! {
            pub async fn send(i: u32) -> Result<u32, String> {
                step("send").await;
                if i % 2 == 1 { Err(format!("odd {i}")) } else { Ok(i) }
            }
        }
        lower! {
            pub async fn f(n: u32) -> (u32, Vec<String>) {
                let mut ok = 0;
                let mut errs = vec![];
                for i in 0..n {
                    let _g = Tracker::new("iter");
                    let r = send(i).await;
                    if let Err(e) = r {
                        errs.push(e);
                        continue;
                    }
                    step("ack").await;
                    ok += r.unwrap();
                }
                (ok, errs)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A struct-destructuring `self` method (`let Self { a, b, .. } = self;`) with awaits
    /// before and after, the other fields dropping at the right point.
    p21_self_destructure_in_method {
        pub struct Upload { pub name: String, pub parts: Vec<Tracker>, pub lock: Tracker, pub meta: Tracker }
        impl Upload {
            lower! {
                pub async fn finish(self) -> (String, usize) {
                    step("verify").await;
                    let Self { name, parts, .. } = self;
                    step("commit").await;
                    let n = parts.len();
                    drop(parts);
                    step("cleanup").await;
                    (name, n)
                }
            }
        }
        lower! {
            pub async fn f() -> (String, usize) {
                let u = Upload { name: "file".into(), parts: vec![Tracker::new("p1"), Tracker::new("p2")], lock: Tracker::new("lock"), meta: Tracker::new("meta") };
                let r = u.finish().await;
                step("done").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `ref mut` bindings into a struct's vector field mutated across awaits.
    p21_ref_mut_pattern_across_await {
        pub struct Team { pub name: &'static str, pub members: Vec<&'static str>, pub guard: Tracker }
        lower! {
            pub async fn f() -> (usize, Vec<&'static str>) {
                let mut t = Team { name: "core", members: vec!["a"], guard: Tracker::new("team") };
                let Team { ref mut members, ref name, .. } = t;
                for m in ["b", "c"] {
                    let m = leaf("invite", m).await;
                    members.push(m);
                }
                log(format!("{} {}", name, members.len()));
                step("end").await;
                t.members.sort_unstable_by(|a, b| b.cmp(a));
                (t.members.len(), t.members.clone())
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Option<Box<dyn FnOnce>>` callback field taken and called inside a `&mut self`
    /// method after an await.
    p21_on_done_callback_take {
        pub struct Download { pub url: &'static str, pub got: u32, pub on_done: Option<Box<dyn FnOnce(u32) -> String>> }
        impl Download {
            lower! {
                pub async fn run(&mut self, chunks: u32) -> Option<String> {
                    for _ in 0..chunks {
                        self.got += leaf("chunk", 4).await;
                    }
                    let cb = self.on_done.take()?;
                    step("notify").await;
                    Some(cb(self.got))
                }
            }
        }
        lower! {
            pub async fn f() -> (Option<String>, Option<String>) {
                let t = Tracker::new("cb-state");
                let mut d = Download { url: "x", got: 0, on_done: Some(Box::new(move |n| format!("{} got {n}", t.name()))) };
                let a = d.run(2).await;
                let b = d.run(1).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered function taking `impl FnOnce(u32) -> Fut` and awaiting the future it
    /// returns, given a lowered function item and a closure.
    p21_impl_fnonce_param_returns_future {
        lower! {
            pub async fn with_conn<F, Fut>(id: u32, body: F) -> u32
            where
                F: FnOnce(u32) -> Fut,
                Fut: Future<Output = u32>,
            {
                let _c = Tracker::new("conn");
                step("open").await;
                let r = body(id).await;
                step("close").await;
                r
            }
        }
        lower! {
            pub async fn query(id: u32) -> u32 {
                leaf("query", id + 100).await
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let t = Tracker::new("owned");
                let a = with_conn(1, query).await;
                let b = with_conn(2, move |id| async move {
                    step(t.name()).await;
                    id * 3
                }).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// String concatenation with `+` and `+=` across awaits (`let s = s + &x;`).
    p21_string_plus_concat {
        lower! {
            pub async fn f(parts: Vec<&'static str>) -> String {
                let _g = Tracker::new("g");
                let mut s = String::from("<");
                for p in &parts {
                    let p = leaf("part", *p).await;
                    s += p;
                    s += ",";
                }
                let s = s + ">";
                let tail = leaf("tail", String::from("!")).await;
                let s = s + &tail;
                step("end").await;
                s
            }
        }
    }
    run { f(vec!["a", "bc"]) }
}

twin! {
    /// An explicit `Iterator::next` loop over a borrowed vector's iterator with awaits.
    p21_manual_iterator_next_loop {
        lower! {
            pub async fn f(xs: Vec<Tracker>) -> Vec<&'static str> {
                let mut it = xs.iter();
                let mut out = vec![];
                let first = it.next();
                step("first").await;
                if let Some(t) = first {
                    out.push(t.name());
                }
                while let Some(t) = it.next() {
                    step(t.name()).await;
                    out.push(t.name());
                }
                out
            }
        }
    }
    run { f(vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]) }
}

twin! {
    /// A tuple-struct local whose field `.0` is moved into a call after an await and field
    /// `.1` used after another await.
    p21_tuple_struct_field_moves {
        pub struct Pair(pub Tracker, pub Tracker, pub u32);
        lower! {
            pub async fn consume(t: Tracker) -> &'static str {
                step("consume").await;
                t.name()
            }
        }
        lower! {
            pub async fn f() -> (&'static str, &'static str, u32) {
                let p = Pair(Tracker::new("left"), Tracker::new("right"), 3);
                step("s1").await;
                let a = consume(p.0).await;
                step("s2").await;
                (a, p.1.name(), p.2)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `tokio::select!` in a loop between a counter leaf and a shutdown leaf, with a guard
    /// per iteration and a `break` from a handler.
    p21_select_loop_shutdown {
        lower! {
            pub async fn f(shutdown_after: u32) -> u32 {
                let _g = Tracker::new("server");
                let mut served = 0;
                let mut ticks = 0;
                loop {
                    ticks += 1;
                    let _it = Tracker::new("iter");
                    tokio::select! {
                        biased;
                        _ = leaf("shutdown", ()), if ticks > shutdown_after => {
                            log("shutdown");
                            break;
                        }
                        n = leaf("req", ticks) => {
                            served += n;
                        }
                    }
                    step("tick").await;
                }
                served
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A `std::sync::Mutex` locked in short scopes between awaits (`lock().unwrap()` never
    /// held across an await), a counter shared by `Arc`.
    p21_std_mutex_short_scopes {
        use std::sync::{Arc, Mutex};
        lower! {
            pub async fn f(n: u32) -> (u32, usize) {
                let hits = Arc::new(Mutex::new(0u32));
                let seen = Arc::new(Mutex::new(Vec::new()));
                let _g = Tracker::new("g");
                for i in 0..n {
                    let v = leaf("req", i).await;
                    *hits.lock().unwrap() += v;
                    {
                        let mut s = seen.lock().unwrap();
                        s.push(v);
                    }
                    step("log").await;
                }
                let total = *hits.lock().unwrap();
                let len = seen.lock().unwrap().len();
                (total, len)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A game loop over an entity list: `iter_mut` updates, `retain` removal of dead
    /// entities (dropping their trackers), awaits per frame.
    p21_game_loop_entities {
        pub struct Ent { pub hp: i32, pub tag: Tracker }
        lower! {
            pub async fn f(frames: u32) -> (usize, i32) {
                let mut ents = vec![Ent { hp: 3, tag: Tracker::new("orc") }, Ent { hp: 1, tag: Tracker::new("bat") }, Ent { hp: 5, tag: Tracker::new("troll") }];
                let mut dmg_total = 0;
                for frame in 0..frames {
                    let dmg = leaf("roll", (frame % 2 + 1) as i32).await;
                    for e in ents.iter_mut() {
                        e.hp -= dmg;
                    }
                    dmg_total += dmg;
                    ents.retain(|e| e.hp > 0);
                    step("render").await;
                }
                (ents.len(), dmg_total)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A generic cache over `K: Ord + Clone, V: Clone` with an async loader closure
    /// returning a future (`F: Fn(K) -> Fut`).
    p21_generic_loader_cache {
        pub struct Cache<K, V> { pub map: BTreeMap<K, V>, pub misses: u32 }
        lower! {
            pub async fn get_or_load<K, V, F, Fut>(c: &mut Cache<K, V>, k: K, load: F) -> V
            where
                K: Ord + Clone,
                V: Clone,
                F: Fn(K) -> Fut,
                Fut: Future<Output = V>,
            {
                if let Some(v) = c.map.get(&k) {
                    return v.clone();
                }
                c.misses += 1;
                let v = load(k.clone()).await;
                c.map.insert(k, v.clone());
                v
            }
        }
        lower! {
            pub async fn fetch_name(id: u32) -> String {
                step("fetch").await;
                format!("user{id}")
            }
        }
        lower! {
            pub async fn f() -> (Vec<String>, u32) {
                let _g = Tracker::new("g");
                let mut c = Cache { map: BTreeMap::new(), misses: 0 };
                let mut out = vec![];
                for id in [1, 2, 1, 3, 2] {
                    out.push(get_or_load(&mut c, id, fetch_name).await);
                }
                (out, c.misses)
            }
        }
    }
    run { f() }
}

twin! {
    /// An enum with `impl` methods (`area`, `scale(self)`) used between awaits, consuming
    /// `self` methods chained on awaited values.
    p21_enum_methods_shapes {
        #[derive(Debug, Clone, Copy)]
        pub enum Shape { Circle(f64), Rect(f64, f64) }
        impl Shape {
            pub fn area(&self) -> f64 { match self { Shape::Circle(r) => 3.0 * r * r, Shape::Rect(w, h) => w * h } }
            pub fn scale(self, k: f64) -> Shape { match self { Shape::Circle(r) => Shape::Circle(r * k), Shape::Rect(w, h) => Shape::Rect(w * k, h * k) } }
        }
        lower! {
            pub async fn f(k: f64) -> (f64, Vec<Shape>) {
                let _g = Tracker::new("g");
                let shapes = vec![leaf("a", Shape::Circle(1.0)).await, leaf("b", Shape::Rect(2.0, 3.0)).await];
                let mut total = 0.0;
                let mut scaled = vec![];
                for s in shapes {
                    let big = leaf("scale", s).await.scale(k);
                    total += big.area();
                    scaled.push(big);
                }
                (total, scaled)
            }
        }
    }
    run { f(2.0) }
}

twin! {
    /// A user type with its own `Drop` (a transaction that rolls back unless committed),
    /// committed on one path and dropped by `?` on another.
    p21_user_drop_transaction {
        pub struct Tx { pub name: &'static str, pub committed: bool, pub ops: Vec<u32> }
        impl Drop for Tx {
            fn drop(&mut self) {
                if self.committed { log(format!("tx {} done", self.name)); } else { log(format!("tx {} rollback {:?}", self.name, self.ops)); }
            }
        }
        impl Tx {
            lower! {
                pub async fn exec(&mut self, op: u32) -> Result<(), String> {
                    step("exec").await;
                    if op == 0 { return Err("zero".into()); }
                    self.ops.push(op);
                    Ok(())
                }
            }
        }
        lower! {
            pub async fn f(ops: Vec<u32>) -> Result<usize, String> {
                let mut tx = Tx { name: "t", committed: false, ops: vec![] };
                for op in ops {
                    tx.exec(op).await?;
                }
                step("commit").await;
                tx.committed = true;
                Ok(tx.ops.len())
            }
        }
    }
    run { pair(f(vec![1, 2]), f(vec![3, 0, 4])) }
}

twin! {
    /// Reading a `Copy` field of a struct with `Drop` before an await, then using the whole
    /// struct after.
    p21_drop_struct_copy_field_read {
        pub struct Conn { pub id: u32, pub name: &'static str }
        impl Drop for Conn { fn drop(&mut self) { log(format!("close {}", self.id)); } }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let c = Conn { id: n, name: "c" };
                let id = c.id;
                step("s1").await;
                let other = Conn { id: id + 1, name: "d" };
                step("s2").await;
                log(format!("{} {}", c.name, other.name));
                id + other.id
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Owned iteration over a map (`for (k, v) in map`) with awaits; the iterator still owns
    /// the rest of the entries when the loop breaks.
    p21_owned_map_iteration_break {
        lower! {
            pub async fn f(stop: &'static str) -> Vec<String> {
                let mut m = BTreeMap::new();
                for k in ["a", "b", "c", "d"] {
                    m.insert(k, Tracker::new(k));
                }
                let mut out = vec![];
                for (k, v) in m {
                    if k == stop {
                        break;
                    }
                    step(k).await;
                    out.push(format!("{k}:{}", v.name()));
                }
                step("after").await;
                out
            }
        }
    }
    run { pair(f("c"), f("zz")) }
}

twin! {
    /// `Vec::drain(..)` in a `for` loop with awaits in the body; the vector is reused after.
    p21_drain_loop_reuse_vec {
        lower! {
            pub async fn f(rounds: u32) -> Vec<usize> {
                let mut buf: Vec<Tracker> = Vec::new();
                let mut sizes = vec![];
                for r in 0..rounds {
                    for n in ["x", "y"] {
                        buf.push(Tracker::new(n));
                    }
                    let mut count = 0;
                    for t in buf.drain(..) {
                        step(t.name()).await;
                        count += 1;
                        if r == 1 && count == 1 {
                            break;
                        }
                    }
                    sizes.push(buf.len());
                }
                sizes
            }
        }
    }
    run { f(2) }
}

twin! {
    /// An `if let Some(v) = map.get(&k)` borrow held across an await inside the branch.
    p21_map_get_borrow_across_await {
        lower! {
            pub async fn f(k: &'static str) -> String {
                let mut m: BTreeMap<&'static str, Vec<Tracker>> = BTreeMap::new();
                m.insert("a", vec![Tracker::new("a1"), Tracker::new("a2")]);
                m.insert("b", vec![]);
                let out = if let Some(v) = m.get(k) {
                    step("found").await;
                    format!("{} items, first {:?}", v.len(), v.first().map(|t| t.name()))
                } else {
                    step("missing").await;
                    "none".to_string()
                };
                m.remove("a");
                step("end").await;
                out
            }
        }
    }
    run { pair(f("a"), f("z")) }
}

twin! {
    /// A `match` on `&mut self.state` in a `&mut self` method, mutating through the binding
    /// and then assigning a new state after an await.
    p21_match_mut_state_field {
        pub enum Phase { Idle, Running { ticks: u32, job: Tracker }, Done(u32) }
        pub struct Machine { pub phase: Phase }
        impl Machine {
            lower! {
                pub async fn tick(&mut self) -> bool {
                    match &mut self.phase {
                        Phase::Idle => {
                            step("start").await;
                            self.phase = Phase::Running { ticks: 0, job: Tracker::new("job") };
                            true
                        }
                        Phase::Running { ticks, .. } if *ticks >= 2 => {
                            let n = *ticks;
                            step("finish").await;
                            self.phase = Phase::Done(n);
                            true
                        }
                        Phase::Running { ticks, job } => {
                            *ticks += 1;
                            log(format!("{} tick {ticks}", job.name()));
                            step("run").await;
                            true
                        }
                        Phase::Done(_) => false,
                    }
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut m = Machine { phase: Phase::Idle };
                let mut n = 0;
                while m.tick().await {
                    n += 1;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A cloned `String` moved into a spawned-like boxed future, the original used after.
    p21_clone_into_boxed_future {
        lower! {
            pub async fn f(name: String) -> (String, usize) {
                let _g = Tracker::new("g");
                let n2 = name.clone();
                let task: Pin<Box<dyn Future<Output = usize>>> = Box::pin(async move {
                    step("task").await;
                    n2.len()
                });
                step("main").await;
                let len = task.await;
                (name + "!", len)
            }
        }
    }
    run { f("worker".into()) }
}

twin! {
    /// Minimal candidate: struct update syntax from a local whose literal awaits in a field.
    p21m_struct_update_await_field {
        #[derive(Debug, Default)]
        pub struct Config { pub host: String, pub retries: u32 }
        lower! {
            pub async fn f() -> Config {
                let base = Config { host: "db".into(), retries: 0 };
                Config { retries: leaf("r", 3).await, ..base }
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal candidate: struct update from a local after an await, no await in the literal.
    p21m_struct_update_after_await {
        #[derive(Debug, Default)]
        pub struct Config { pub host: String, pub retries: u32 }
        lower! {
            pub async fn f() -> Config {
                let base = Config { host: "db".into(), retries: 0 };
                step("a").await;
                let c = Config { retries: 3, ..base };
                step("b").await;
                c
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal candidate: `else if let` chain with an await in each branch and a final `else`.
    p21m_else_if_let_chain_awaits {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, u32>) -> u32 {
                if let Some(v) = a {
                    leaf("a", v).await
                } else if let Ok(p) = b {
                    step("b").await;
                    p
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(1), Ok(2)), f(None, Ok(3))) }
}

twin! {
    /// Minimal candidate: an `else if let` over a reference to the earlier scrutinee.
    p21m_else_if_let_ref_scrutinee {
        lower! {
            pub async fn f(b: Result<u32, String>) -> u32 {
                if let Ok(p) = b {
                    p
                } else if let Err(e) = &b {
                    step("e").await;
                    e.len() as u32
                } else {
                    unreachable!()
                }
            }
        }
    }
    run { pair(f(Ok(1)), f(Err("xy".into()))) }
}

twin! {
    /// Minimal candidate: an `else` arm that only diverges (`unreachable!()`) after an awaiting
    /// `else if`.
    p21m_else_unreachable_after_await {
        lower! {
            pub async fn f(a: u32) -> u32 {
                if a == 0 {
                    1
                } else if a > 0 {
                    step("b").await;
                    2
                } else {
                    unreachable!()
                }
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// Minimal candidate: a local dropped in a branch that awaits and returns, used after.
    p21m_drop_in_returning_branch {
        lower! {
            pub async fn f(early: bool) -> u32 {
                let a = Tracker::new("a");
                if early {
                    drop(a);
                    step("s2").await;
                    return 1;
                }
                step("s3").await;
                log(a.name());
                2
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Minimal candidate: the same without the await in the branch.
    p21m_drop_in_returning_branch_no_await {
        lower! {
            pub async fn f(early: bool) -> u32 {
                let a = Tracker::new("a");
                step("s1").await;
                if early {
                    drop(a);
                    return 1;
                }
                step("s3").await;
                log(a.name());
                2
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A semaphore whose `acquire(&self)` returns a permit borrowing it (`Permit<'_>` with a
    /// `Drop` that gives the slot back); permits held across awaits.
    p21_semaphore_borrowing_permits {
        use std::cell::Cell;
        pub struct Sem { pub free: Cell<u32> }
        pub struct Permit<'a> { pub sem: &'a Sem, pub who: &'static str }
        impl Drop for Permit<'_> {
            fn drop(&mut self) {
                self.sem.free.set(self.sem.free.get() + 1);
                log(format!("release {}", self.who));
            }
        }
        impl Sem {
            lower! {
                pub async fn acquire(&self, who: &'static str) -> Permit<'_> {
                    while self.free.get() == 0 {
                        step("wait").await;
                        self.free.set(self.free.get() + 1);
                    }
                    self.free.set(self.free.get() - 1);
                    Permit { sem: self, who }
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let sem = Sem { free: Cell::new(1) };
                let a = sem.acquire("a").await;
                let b = sem.acquire("b").await;
                step("work").await;
                drop(a);
                let c = sem.acquire("c").await;
                step("more").await;
                log(format!("{} {}", b.who, c.who));
                sem.free.get()
            }
        }
    }
    run { f() }
}

twin! {
    /// `get_mut` giving an `Option<&mut Account>` held across an await before the update.
    p21_get_mut_across_await {
        pub struct Acct { pub bal: i64, pub tag: Tracker }
        lower! {
            pub async fn f(id: u32, amt: i64) -> Option<i64> {
                let mut accts: BTreeMap<u32, Acct> = BTreeMap::new();
                accts.insert(1, Acct { bal: 10, tag: Tracker::new("one") });
                accts.insert(2, Acct { bal: 0, tag: Tracker::new("two") });
                if let Some(a) = accts.get_mut(&id) {
                    let fee = leaf("fee", 1).await;
                    a.bal += amt - fee;
                    log(format!("{} now {}", a.tag.name(), a.bal));
                }
                let first = &mut accts.get_mut(&1)?.bal;
                step("audit").await;
                *first *= 2;
                Some(accts.values().map(|a| a.bal).sum())
            }
        }
    }
    run { pair(f(2, 5), f(9, 5)) }
}

twin! {
    /// `position` found before an await, `remove`/`swap_remove` after it.
    p21_position_then_remove {
        lower! {
            pub async fn f(kill: &'static str) -> Vec<&'static str> {
                let mut procs = vec![Tracker::new("init"), Tracker::new("sh"), Tracker::new("vim"), Tracker::new("top")];
                let idx = procs.iter().position(|p| p.name() == kill);
                step("signal").await;
                if let Some(i) = idx {
                    let gone = procs.remove(i);
                    step("reap").await;
                    log(format!("reaped {}", gone.name()));
                }
                let last = procs.swap_remove(0);
                step("swap").await;
                drop(last);
                procs.iter().map(|p| p.name()).collect()
            }
        }
    }
    run { pair(f("vim"), f("none")) }
}

twin! {
    /// A memoized async Fibonacci through `Box::pin` recursion with a `&mut HashMap` memo.
    p21_memo_fib_box_pin {
        lower! {
            pub async fn fib(n: u64, memo: &mut BTreeMap<u64, u64>) -> u64 {
                if n < 2 {
                    return n;
                }
                if let Some(&v) = memo.get(&n) {
                    return v;
                }
                step("compute").await;
                let a = Box::pin(fib(n - 1, memo)).await;
                let b = Box::pin(fib(n - 2, memo)).await;
                memo.insert(n, a + b);
                a + b
            }
        }
        lower! {
            pub async fn f(n: u64) -> (u64, usize) {
                let _g = Tracker::new("g");
                let mut memo = BTreeMap::new();
                let v = fib(n, &mut memo).await;
                (v, memo.len())
            }
        }
    }
    run { f(7) }
}

twin! {
    /// Mutual recursion through `Box::pin` (`is_even` / `is_odd`), each holding a guard.
    p21_mutual_recursion_even_odd {
        lower! {
            pub async fn is_even(n: u32) -> bool {
                if n == 0 { return true; }
                let _g = Tracker::new("even");
                step("e").await;
                Box::pin(is_odd(n - 1)).await
            }
        }
        lower! {
            pub async fn is_odd(n: u32) -> bool {
                if n == 0 { return false; }
                step("o").await;
                Box::pin(is_even(n - 1)).await
            }
        }
    }
    run { pair(is_even(3), is_odd(3)) }
}

twin! {
    /// A stream pipeline: `stream::iter(..).then(|x| async move { .. }).filter(..)`,
    /// collected, then `fold` over another stream.
    p21_stream_then_filter_fold {
        lower! {
            pub async fn f(xs: Vec<u32>) -> (Vec<u32>, u32) {
                use futures::StreamExt;
                let _g = Tracker::new("g");
                let doubled: Vec<u32> = futures::stream::iter(xs.clone())
                    .then(|x| async move { leaf("dbl", x * 2).await })
                    .filter(|x| futures::future::ready(*x > 2))
                    .collect()
                    .await;
                step("mid").await;
                let total = futures::stream::iter(xs).fold(0, |acc, x| async move { step("add").await; acc + x }).await;
                (doubled, total)
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// `buffered(2)` over a stream of lowered loads, consumed with `while let Some(..) =
    /// s.next().await`.
    p21_stream_buffered_loads {
        lower! {
            pub async fn load(id: u32) -> String {
                let _g = Tracker::new(["l0", "l1", "l2", "l3"][id as usize % 4]);
                step("load").await;
                format!("r{id}")
            }
        }
        lower! {
            pub async fn f(ids: Vec<u32>) -> Vec<String> {
                use futures::StreamExt;
                let mut s = futures::stream::iter(ids).map(load).buffered(2);
                let mut out = vec![];
                while let Some(r) = s.next().await {
                    step("got").await;
                    out.push(r);
                }
                out
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// A tokio oneshot reply: the request carries the sender, a lowered server answers it,
    /// the client awaits the receiver.
    p21_oneshot_request_reply {
        pub struct Req { pub q: u32, pub reply: tokio::sync::oneshot::Sender<u32> }
        lower! {
            pub async fn serve(r: Req) -> bool {
                let _g = Tracker::new("srv");
                let ans = leaf("compute", r.q * r.q).await;
                r.reply.send(ans).is_ok()
            }
        }
        lower! {
            pub async fn f(q: u32) -> (bool, Result<u32, String>) {
                let (tx, rx) = tokio::sync::oneshot::channel();
                let ok = serve(Req { q, reply: tx }).await;
                step("wait").await;
                let v = rx.await.map_err(|e| e.to_string());
                (ok, v)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A bounded tokio mpsc channel: a lowered producer sends with `send(..).await`, the
    /// consumer receives after the producer is done.
    p21_tokio_mpsc_bounded {
        lower! {
            pub async fn produce(tx: tokio::sync::mpsc::Sender<(u32, Tracker)>, n: u32) -> u32 {
                let mut sent = 0;
                for i in 0..n {
                    if tx.send((i, Tracker::new("msg"))).await.is_err() {
                        break;
                    }
                    sent += 1;
                }
                sent
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let (tx, mut rx) = tokio::sync::mpsc::channel(4);
                let sent = produce(tx, 3).await;
                let mut sum = 0;
                while let Some((i, t)) = rx.recv().await {
                    step(t.name()).await;
                    sum += i;
                }
                (sent, sum)
            }
        }
    }
    run { f() }
}

twin! {
    /// `impl Into<String>` and `impl AsRef<str>` arguments of a lowered greeting function.
    p21_impl_into_asref_args {
        lower! {
            pub async fn greet(name: impl Into<String>, greeting: impl AsRef<str>) -> String {
                let name = name.into();
                step("lookup").await;
                let g = greeting.as_ref();
                let _t = Tracker::new("greet");
                step("render").await;
                format!("{g}, {name}!")
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let owned = String::from("bob");
                vec![greet("ann", "hi").await, greet(owned, String::from("yo")).await]
            }
        }
    }
    run { f() }
}

twin! {
    /// A context struct holding references to locals (`Ctx<'a> { db: &'a Db, user: &'a str }`)
    /// kept across awaits and passed to a lowered helper.
    p21_context_struct_of_refs {
        pub struct Db { pub rows: Vec<(&'static str, u32)>, pub guard: Tracker }
        pub struct Ctx<'a> { pub db: &'a Db, pub user: &'a str }
        lower! {
            pub async fn quota(ctx: &Ctx<'_>) -> u32 {
                step("q").await;
                ctx.db.rows.iter().filter(|(u, _)| *u == ctx.user).map(|(_, n)| n).sum()
            }
        }
        lower! {
            pub async fn f(user: String) -> (u32, u32) {
                let db = Db { rows: vec![("ann", 3), ("bob", 2), ("ann", 4)], guard: Tracker::new("db") };
                let ctx = Ctx { db: &db, user: &user };
                let a = quota(&ctx).await;
                step("mid").await;
                let b = quota(&Ctx { user: "bob", ..ctx }).await;
                (a, b)
            }
        }
    }
    run { f("ann".to_string()) }
}

twin! {
    /// `let Some(user) = users.iter().find(..) else { return .. };` then awaits using the
    /// borrowed `user`.
    p21_let_else_find_borrow {
        pub struct User { pub id: u32, pub name: String, pub guard: Tracker }
        lower! {
            pub async fn f(id: u32) -> Result<String, String> {
                let users = vec![User { id: 1, name: "ann".into(), guard: Tracker::new("u1") }, User { id: 2, name: "bob".into(), guard: Tracker::new("u2") }];
                step("load").await;
                let Some(user) = users.iter().find(|u| u.id == id) else {
                    return Err(format!("no user {id}"));
                };
                let perms = leaf("perms", user.name.len()).await;
                step("audit").await;
                Ok(format!("{}:{perms}", user.name))
            }
        }
    }
    run { pair(f(2), f(5)) }
}

twin! {
    /// A message loop: `loop { match rx.next().await { Some(msg) => .., None => break } }`
    /// with an enum message type and a running state.
    p21_actor_message_loop {
        pub enum Msg { Add(u32), Reset, Name(String, Tracker), Stop }
        lower! {
            pub async fn f(msgs: Vec<Msg>) -> (u32, Vec<String>) {
                use futures::StreamExt;
                let mut rx = futures::stream::iter(msgs);
                let mut total = 0;
                let mut names = vec![];
                let _actor = Tracker::new("actor");
                loop {
                    match rx.next().await {
                        Some(Msg::Add(n)) => total += n,
                        Some(Msg::Reset) => {
                            step("reset").await;
                            total = 0;
                        }
                        Some(Msg::Name(s, t)) => {
                            step(t.name()).await;
                            names.push(s);
                        }
                        Some(Msg::Stop) | None => break,
                    }
                    step("idle").await;
                }
                (total, names)
            }
        }
    }
    run { f(vec![Msg::Add(2), Msg::Name("x".into(), Tracker::new("n1")), Msg::Reset, Msg::Add(5), Msg::Stop, Msg::Name("y".into(), Tracker::new("n2"))]) }
}

twin! {
    /// A `&mut` to a vector element (`let x = &mut v[0]`) held across an await, then
    /// `split_at_mut` halves updated across another.
    p21_mut_index_and_split_at_mut {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3, 4];
                let x = &mut v[0];
                let add = leaf("add", 10).await;
                *x += add;
                let (left, right) = v.split_at_mut(2);
                step("split").await;
                left[1] += right[0];
                right[1] *= 2;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A trait with an associated const and a generic lowered function reading `T::NAME`
    /// and calling static methods.
    p21_assoc_const_static_dispatch {
        pub trait Codec { const NAME: &'static str; fn encode(x: u32) -> String; }
        pub struct Hex;
        impl Codec for Hex { const NAME: &'static str = "hex"; fn encode(x: u32) -> String { format!("{x:x}") } }
        pub struct Dec;
        impl Codec for Dec { const NAME: &'static str = "dec"; fn encode(x: u32) -> String { x.to_string() } }
        lower! {
            pub async fn encode_all<C: Codec>(xs: &[u32]) -> String {
                let _g = Tracker::new(C::NAME);
                let mut parts = vec![];
                for &x in xs {
                    parts.push(C::encode(leaf("x", x).await));
                }
                format!("{}:{}", C::NAME, parts.join(","))
            }
        }
        lower! {
            pub async fn f() -> (String, String) {
                let xs = [10, 255];
                (encode_all::<Hex>(&xs).await, encode_all::<Dec>(&xs).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `for (i, line) in text.lines().enumerate()` over a `String` local, awaiting per line
    /// and returning early from inside the loop.
    p21_lines_enumerate_early_return {
        lower! {
            pub async fn f(src: &'static str) -> Result<u32, String> {
                let text = leaf("read", src.to_string()).await;
                let _g = Tracker::new("g");
                let mut sum = 0;
                for (i, line) in text.lines().enumerate() {
                    let line = line.trim();
                    if line.starts_with('#') {
                        continue;
                    }
                    let n: u32 = match line.parse() {
                        Ok(n) => n,
                        Err(_) => return Err(format!("line {}: {line:?}", i + 1)),
                    };
                    sum += leaf("n", n).await;
                }
                Ok(sum)
            }
        }
    }
    run { pair(f("1\n# c\n2"), f("3\nx\n4")) }
}

twin! {
    /// An event-sourced aggregate: events applied with a `match` on `&Event`, snapshots
    /// taken with `clone()` between awaits.
    p21_event_sourcing_apply {
        #[derive(Debug, Clone)]
        pub enum Event { Opened(String), Deposited(u32), Withdrew(u32), Closed }
        #[derive(Debug, Clone, Default)]
        pub struct State { pub owner: Option<String>, pub bal: u32, pub open: bool }
        lower! {
            pub async fn f(events: Vec<Event>) -> (State, Vec<u32>) {
                let mut st = State::default();
                let mut snaps = vec![];
                for (i, e) in events.iter().enumerate() {
                    match e {
                        Event::Opened(o) => {
                            st.owner = Some(o.clone());
                            st.open = true;
                        }
                        Event::Deposited(n) => st.bal += leaf("dep", *n).await,
                        Event::Withdrew(n) if *n <= st.bal => st.bal -= n,
                        Event::Withdrew(n) => log(format!("overdraw {n}")),
                        Event::Closed => st.open = false,
                    }
                    if i % 2 == 1 {
                        let snap = st.clone();
                        step("snapshot").await;
                        snaps.push(snap.bal);
                    }
                }
                (st, snaps)
            }
        }
    }
    run { f(vec![Event::Opened("ann".into()), Event::Deposited(10), Event::Withdrew(3), Event::Withdrew(50), Event::Closed]) }
}

twin! {
    /// A min-heap (`BinaryHeap<Reverse<..>>`) task scheduler popping the earliest deadline and
    /// awaiting each task.
    p21_binary_heap_scheduler {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        lower! {
            pub async fn f() -> Vec<(u32, &'static str)> {
                let mut heap = BinaryHeap::new();
                for (t, name) in [(5, "e"), (1, "a"), (3, "c")] {
                    heap.push(Reverse((t, name)));
                }
                let _g = Tracker::new("sched");
                let mut out = vec![];
                while let Some(Reverse((t, name))) = heap.pop() {
                    step(name).await;
                    out.push((t, name));
                    if name == "a" {
                        heap.push(Reverse((t + 1, "b")));
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: three-level `if let` chain, each branch awaiting, as the tail.
    p21m_if_chain3_tail {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, u32>) -> u32 {
                if let Some(v) = a {
                    leaf("a", v).await
                } else if let Ok(p) = b {
                    step("b").await;
                    p
                } else if let Err(e) = b {
                    step("c").await;
                    e
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(1), Ok(2)), f(None, Err(3))) }
}

twin! {
    /// Candidate: a two-level `if let` chain bound by a `let`, each branch awaiting, then an await.
    p21m_if_chain2_let {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, u32>) -> u32 {
                let x = if let Some(v) = a {
                    leaf("a", v).await
                } else if let Ok(p) = b {
                    step("b").await;
                    p
                } else {
                    0
                };
                step("after").await;
                x
            }
        }
    }
    run { pair(f(Some(1), Ok(2)), f(None, Err(3))) }
}

twin! {
    /// Candidate: a three-level chain bound by a `let`, the last `else` only `unreachable!()`.
    p21m_if_chain3_let_unreachable {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, u32>) -> u32 {
                let x = if let Some(v) = a {
                    leaf("a", v).await
                } else if let Ok(p) = b {
                    step("b").await;
                    p
                } else if let Err(e) = b {
                    step("c").await;
                    e
                } else {
                    unreachable!()
                };
                step("after").await;
                x
            }
        }
    }
    run { pair(f(Some(1), Ok(2)), f(None, Err(3))) }
}

twin! {
    /// Candidate: an `if`/`else if`/`else` with plain conditions bound by a `let`, three awaiting
    /// branches.
    p21m_if_chain3_let_plain {
        lower! {
            pub async fn f(a: u32) -> u32 {
                let x = if a == 0 {
                    leaf("a", 1).await
                } else if a == 1 {
                    step("b").await;
                    2
                } else if a == 2 {
                    step("c").await;
                    3
                } else {
                    4
                };
                step("after").await;
                x
            }
        }
    }
    run { pair(f(0), pair(f(2), f(9))) }
}

twin! {
    /// Candidate: a `&mut` scrutinee whose guarded arm binds a field by `&mut`, and a later arm
    /// binding the same field, arms awaiting.
    p21m_guard_mut_binding_two_arms {
        lower! {
            pub async fn f(mut v: Option<u32>) -> u32 {
                match &mut v {
                    Some(n) if *n > 2 => {
                        step("big").await;
                        1
                    }
                    Some(n) => {
                        *n += 1;
                        step("small").await;
                        *n
                    }
                    None => 0,
                }
            }
        }
    }
    run { pair(f(Some(5)), pair(f(Some(1)), f(None))) }
}

twin! {
    /// Candidate: the same, no await in the match's arms (an await before it).
    p21m_guard_mut_binding_no_arm_await {
        lower! {
            pub async fn f(mut v: Option<u32>) -> u32 {
                step("first").await;
                let r = match &mut v {
                    Some(n) if *n > 2 => 1,
                    Some(n) => {
                        *n += 1;
                        *n
                    }
                    None => 0,
                };
                step("after").await;
                r
            }
        }
    }
    run { pair(f(Some(5)), pair(f(Some(1)), f(None))) }
}

twin! {
    /// Candidate: a `&mut self` method matching `&mut self.state` with a guarded arm that
    /// awaits and a later arm binding the same field.
    p21m_guard_mut_self_field {
        pub struct M { pub n: Option<u32> }
        impl M {
            lower! {
                pub async fn tick(&mut self) -> u32 {
                    match &mut self.n {
                        Some(n) if *n > 2 => {
                            step("big").await;
                            1
                        }
                        Some(n) => {
                            *n += 1;
                            2
                        }
                        None => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut m = M { n: Some(n) };
                m.tick().await + m.tick().await
            }
        }
    }
    run { pair(f(5), f(1)) }
}

twin! {
    /// Candidate: a local moved by a call inside a branch that awaits then `break`s out of
    /// a loop; the local is used after the loop on the other path... (moved in the loop's
    /// last iteration only).
    p21m_drop_in_branch_then_break {
        lower! {
            pub async fn f(stop: u32) -> u32 {
                let a = Tracker::new("a");
                let mut i = 0;
                loop {
                    i += 1;
                    if i == stop {
                        drop(a);
                        step("bye").await;
                        return i;
                    }
                    step("tick").await;
                    if i > 3 {
                        break;
                    }
                }
                log(a.name());
                i
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// Candidate: a local consumed by a function in a `match` arm that awaits and returns.
    p21m_consume_in_match_arm_return {
        fn close(t: Tracker) -> u32 { log(format!("close {}", t.name())); 7 }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let conn = Tracker::new("conn");
                match k {
                    0 => {
                        let n = close(conn);
                        step("closed").await;
                        return n;
                    }
                    _ => {}
                }
                step("use").await;
                conn.name().len() as u32
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Candidate: a parameter moved into a call in an `if` that awaits then returns `Err`.
    p21m_param_moved_in_err_branch {
        fn reject(t: Tracker) -> String { format!("rejected {}", t.name()) }
        lower! {
            pub async fn f(req: Tracker, ok: bool) -> Result<&'static str, String> {
                if !ok {
                    let e = reject(req);
                    step("log").await;
                    return Err(e);
                }
                step("serve").await;
                Ok(req.name())
            }
        }
    }
    run { pair(f(Tracker::new("r1"), true), f(Tracker::new("r2"), false)) }
}

twin! {
    /// Auth middleware: an expired session is revoked (consumed) and the rejection audited
    /// with an await before returning; a valid session is used after more awaits.
    p21_auth_middleware_revoke_expired {
        pub struct Session { pub user: &'static str, pub expires: u32, pub guard: Tracker }
        pub fn revoke(s: Session) -> String { format!("revoked {}", s.user) }
        lower! {
            pub async fn handle(s: Session, now: u32) -> Result<String, String> {
                let _span = Tracker::new("span");
                if s.expires < now {
                    let msg = revoke(s);
                    step("audit").await;
                    return Err(msg);
                }
                let body = leaf("handler", "ok").await;
                Ok(format!("{} {body}", s.user))
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<String, String>> {
                vec![
                    handle(Session { user: "ann", expires: 10, guard: Tracker::new("s1") }, 5).await,
                    handle(Session { user: "bob", expires: 1, guard: Tracker::new("s2") }, 5).await,
                ]
            }
        }
    }
    run { f() }
}

twin! {
    /// An upload aborted when too large: the temp file handle is closed with a `self`
    /// method and cleanup awaited before the early return.
    p21_upload_abort_close_self {
        pub struct TempFile { pub path: String, pub written: usize, pub guard: Tracker }
        impl TempFile {
            pub fn close(self) -> usize { log(format!("close {}", self.path)); self.written }
        }
        lower! {
            pub async fn upload(chunks: Vec<&'static str>, limit: usize) -> Result<usize, String> {
                let mut file = TempFile { path: "/tmp/up".into(), written: 0, guard: Tracker::new("tmp") };
                for c in chunks {
                    let data = leaf("recv", c).await;
                    if file.written + data.len() > limit {
                        let n = file.close();
                        step("cleanup").await;
                        return Err(format!("too large after {n}"));
                    }
                    file.written += data.len();
                }
                step("fsync").await;
                Ok(file.close())
            }
        }
        lower! {
            pub async fn f() -> (Result<usize, String>, Result<usize, String>) {
                (upload(vec!["ab", "cd"], 10).await, upload(vec!["abc", "defg"], 5).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// A response rebuilt with struct update syntax after awaits (`Response { status: 404,
    /// ..resp }`), shadowing the old binding.
    p21_response_struct_update_shadow {
        #[derive(Debug)]
        pub struct Response { pub status: u16, pub body: String, pub headers: Vec<(String, String)> }
        lower! {
            pub async fn f(found: bool) -> Response {
                let _g = Tracker::new("g");
                let resp = Response { status: 200, body: String::new(), headers: vec![("server".into(), "x".into())] };
                let body = leaf("render", "hello".to_string()).await;
                let resp = Response { body, ..resp };
                step("lookup").await;
                if !found {
                    return Response { status: 404, ..resp };
                }
                resp
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A config refreshed inside a `&mut self` method with struct update syntax over a
    /// clone of the old config after an await.
    p21_config_refresh_update_clone {
        #[derive(Debug, Clone)]
        pub struct Cfg { pub ttl: u32, pub name: String, pub tags: Vec<String> }
        pub struct Svc { pub cfg: Cfg, pub guard: Tracker }
        impl Svc {
            lower! {
                pub async fn refresh(&mut self) -> u32 {
                    let ttl = leaf("fetch ttl", self.cfg.ttl * 2).await;
                    self.cfg = Cfg { ttl, ..self.cfg.clone() };
                    step("applied").await;
                    self.cfg.ttl
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, Cfg) {
                let mut s = Svc { cfg: Cfg { ttl: 3, name: "svc".into(), tags: vec!["a".into()] }, guard: Tracker::new("svc") };
                let a = s.refresh().await;
                let b = s.refresh().await;
                (a + b, s.cfg.clone())
            }
        }
    }
    run { f() }
}

twin! {
    /// A retry queue: `match q.front_mut()` with a guarded arm dropping a job after too many
    /// retries (awaiting) and an arm bumping its counter.
    p21_front_mut_guarded_retry {
        pub struct Job { pub id: u32, pub retries: u32, pub guard: Tracker }
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<u32>) {
                let mut q: VecDeque<Job> = VecDeque::new();
                q.push_back(Job { id: 1, retries: 0, guard: Tracker::new("j1") });
                q.push_back(Job { id: 2, retries: 2, guard: Tracker::new("j2") });
                let (mut done, mut dead) = (vec![], vec![]);
                while !q.is_empty() {
                    match q.front_mut() {
                        Some(j) if j.retries >= 3 => {
                            dead.push(j.id);
                            step("dead-letter").await;
                            q.pop_front();
                        }
                        Some(j) => {
                            j.retries += 1;
                            let ok = leaf("run", j.id == 1 && j.retries == 2).await;
                            if ok {
                                done.push(j.id);
                                q.pop_front();
                            }
                        }
                        None => break,
                    }
                }
                (done, dead)
            }
        }
    }
    run { f() }
}

twin! {
    /// A vending machine with `match &mut self.state`, guards on the inserted amount, and
    /// transitions assigned after awaits.
    p21_vending_machine_mut_state {
        pub enum VState { Idle, Paying { paid: u32 }, Vending(Tracker) }
        pub struct Vm { pub state: VState, pub price: u32 }
        impl Vm {
            lower! {
                pub async fn coin(&mut self, c: u32) -> &'static str {
                    match &mut self.state {
                        VState::Idle => {
                            step("wake").await;
                            self.state = VState::Paying { paid: c };
                            "paying"
                        }
                        VState::Paying { paid } if *paid + c >= self.price => {
                            step("vend").await;
                            self.state = VState::Vending(Tracker::new("can"));
                            "vending"
                        }
                        VState::Paying { paid } => {
                            *paid += c;
                            "more"
                        }
                        VState::Vending(_) => {
                            step("busy").await;
                            self.state = VState::Idle;
                            "reset"
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut vm = Vm { state: VState::Idle, price: 5 };
                let mut out = vec![];
                for c in [1, 2, 1, 2, 1] {
                    out.push(vm.coin(c).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A CLI argument loop with an `if` / `else if let` / `else if` / `else` chain, some
    /// branches awaiting, inside a `for` loop.
    p21_cli_args_if_chain {
        lower! {
            pub async fn f(args: Vec<&'static str>) -> (bool, Option<String>, Vec<String>) {
                let _g = Tracker::new("cli");
                let mut verbose = false;
                let mut name = None;
                let mut files = vec![];
                for arg in args {
                    if arg == "-v" {
                        verbose = true;
                    } else if let Some(v) = arg.strip_prefix("--name=") {
                        let v = leaf("validate", v.to_uppercase()).await;
                        name = Some(v);
                    } else if arg.starts_with('-') {
                        step("warn").await;
                        log(format!("unknown {arg}"));
                    } else {
                        files.push(leaf("stat", arg.to_string()).await);
                    }
                }
                (verbose, name, files)
            }
        }
    }
    run { f(vec!["-v", "a.txt", "--name=x", "-q", "b.txt"]) }
}

twin! {
    /// A connection closed on a failed ping: `if let Err(e) = conn.ping().await { conn.close();
    /// .. return }`, the connection used afterwards otherwise.
    p21_close_conn_on_failed_ping {
        pub struct Conn { pub id: u32, pub healthy: bool, pub sock: Tracker }
        impl Conn {
            lower! {
                pub async fn ping(&self) -> Result<(), String> {
                    step("ping").await;
                    if self.healthy { Ok(()) } else { Err(format!("conn {} down", self.id)) }
                }
            }
            lower! {
                pub async fn query(&mut self, q: &str) -> String {
                    step("query").await;
                    format!("{}:{q}", self.id)
                }
            }
            pub fn close(self) { log(format!("close {}", self.id)); }
        }
        lower! {
            pub async fn f(healthy: bool) -> Result<String, String> {
                let mut conn = Conn { id: 1, healthy, sock: Tracker::new("sock") };
                if let Err(e) = conn.ping().await {
                    conn.close();
                    step("backoff").await;
                    return Err(e);
                }
                let r = conn.query("select").await;
                Ok(r)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Candidate c1: the chain with a `Result<u32, String>` and `&file` in the third condition.
    p21m_if_chain_c1 {
        lower! {
            pub async fn f(env: Option<u32>, file: Result<u32, String>) -> u32 {
                let port = if let Some(v) = env {
                    leaf("parse", v).await
                } else if let Ok(p) = file {
                    step("file").await;
                    p
                } else if let Err(e) = &file {
                    log(format!("fallback: {e}"));
                    step("default").await;
                    80
                } else {
                    unreachable!()
                };
                step("bind").await;
                port
            }
        }
    }
    run { pair(f(Some(1), Ok(2)), f(None, Err("x".into()))) }
}

twin! {
    /// Candidate c2: c1 with a tracker in the first branch used after its await.
    p21m_if_chain_c2 {
        lower! {
            pub async fn f(env: Option<u32>, file: Result<u32, String>) -> u32 {
                let port = if let Some(v) = env {
                    let t = Tracker::new("env");
                    let p = leaf("parse", v).await;
                    log(t.name());
                    p
                } else if let Ok(p) = file {
                    step("file").await;
                    p
                } else {
                    80
                };
                step("bind").await;
                port
            }
        }
    }
    run { pair(f(Some(1), Ok(2)), f(None, Err("x".into()))) }
}

twin! {
    /// Candidate c3: two levels, the second condition over `&file`, `unreachable!` else.
    p21m_if_chain_c3 {
        lower! {
            pub async fn f(file: Result<u32, String>) -> u32 {
                let port = if let Ok(p) = file {
                    step("file").await;
                    p
                } else if let Err(e) = &file {
                    step("default").await;
                    e.len() as u32
                } else {
                    unreachable!()
                };
                step("bind").await;
                port
            }
        }
    }
    run { pair(f(Ok(2)), f(Err("x".into()))) }
}

twin! {
    /// Candidate c4: the `&file` branch last with an `else` that returns a value.
    p21m_if_chain_c4 {
        lower! {
            pub async fn f(file: Result<u32, String>) -> u32 {
                let port = if let Ok(p) = file {
                    step("file").await;
                    p
                } else if let Err(e) = &file {
                    step("default").await;
                    e.len() as u32
                } else {
                    0
                };
                step("bind").await;
                port
            }
        }
    }
    run { pair(f(Ok(2)), f(Err("x".into()))) }
}

twin! {
    /// A generic `with_timeout(fut, ticks)` helper selecting between the pinned future and a
    /// countdown of steps.
    p21_generic_with_timeout {
        lower! {
            pub async fn with_timeout<F: Future>(fut: F, ticks: u32) -> Option<F::Output> {
                let mut fut = std::pin::pin!(fut);
                for _ in 0..ticks {
                    let tick = std::pin::pin!(step("tick"));
                    match futures::future::select(fut.as_mut(), tick).await {
                        futures::future::Either::Left((v, _)) => return Some(v),
                        futures::future::Either::Right(_) => log("tick elapsed"),
                    }
                }
                None
            }
        }
        lower! {
            pub async fn work(n: u32) -> u32 {
                let _g = Tracker::new("work");
                for _ in 0..n {
                    step("w").await;
                }
                n
            }
        }
        lower! {
            pub async fn f() -> (Option<u32>, Option<u32>) {
                (with_timeout(work(0), 2).await, with_timeout(work(5), 2).await)
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (compile_error): a `tokio::select!` handler that `break`s with a value (`v = &mut fut => break v`) (documented).
#[cfg(feature = "known-gaps")]
twin! {
    /// `tokio::pin!` of an in-flight future polled by `select!` across loop iterations
    /// (`v = &mut fut => break v`), counting ticks meanwhile.
    p21_tokio_select_pinned_in_flight {
        lower! {
            pub async fn download(n: u32) -> String {
                let _g = Tracker::new("dl");
                for _ in 0..n {
                    step("chunk").await;
                }
                format!("{n} chunks")
            }
        }
        lower! {
            pub async fn f(n: u32) -> (String, u32) {
                let fut = download(n);
                tokio::pin!(fut);
                let mut ticks = 0;
                let out = loop {
                    tokio::select! {
                        biased;
                        v = &mut fut => break v,
                        _ = step("progress") => {
                            ticks += 1;
                        }
                    }
                };
                (out, ticks)
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// A job loop: `while let Some(job) = q.pop_front()` returning the job's name as an error
    /// from the middle of the loop, the remaining jobs dropping with the queue.
    p21_while_let_job_early_error {
        pub struct Job { pub name: &'static str, pub bad: bool, pub guard: Tracker }
        lower! {
            pub async fn f(bad_at: usize) -> Result<Vec<&'static str>, String> {
                let mut q: VecDeque<Job> = (0..4).map(|i| Job { name: ["a", "b", "c", "d"][i], bad: i == bad_at, guard: Tracker::new(["a", "b", "c", "d"][i]) }).collect();
                let mut done = vec![];
                while let Some(job) = q.pop_front() {
                    if job.bad {
                        return Err(format!("job {} failed", job.name));
                    }
                    step(job.name).await;
                    done.push(job.name);
                }
                Ok(done)
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// Fibonacci with destructuring assignment `(a, b) = (b, a + b)` and from an awaited
    /// tuple `(x, y) = pair().await`.
    p21_destructuring_assignment_awaits {
        lower! {
            pub async fn next_pair(a: u64, b: u64) -> (u64, u64) {
                step("next").await;
                (b, a + b)
            }
        }
        lower! {
            pub async fn f(n: u32) -> (u64, u64) {
                let _g = Tracker::new("g");
                let (mut a, mut b) = (0u64, 1u64);
                for _ in 0..n {
                    (a, b) = (b, a + b);
                }
                let (mut x, mut y) = (0, 1);
                for _ in 0..n {
                    (x, y) = next_pair(x, y).await;
                }
                (a + x, b + y)
            }
        }
    }
    run { f(5) }
}

twin! {
    /// A closure borrowing a struct's field (`let name = &user.name; let greet = || ..`)
    /// called after awaits that also mutate another field of the struct.
    p21_closure_borrows_field_other_field_mutated {
        pub struct User { pub name: String, pub visits: u32, pub guard: Tracker }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut user = User { name: "ann".into(), visits: 0, guard: Tracker::new("user") };
                let name = &user.name;
                let greet = |n: u32| format!("hi {name} #{n}");
                let mut out = vec![];
                for _ in 0..2 {
                    user.visits += leaf("visit", 1).await;
                    out.push(greet(user.visits));
                }
                step("end").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Slots in a `Vec<Option<Tracker>>` taken with `slots[i].take()` and refilled after awaits.
    p21_option_slots_take_refill {
        lower! {
            pub async fn f() -> Vec<Option<&'static str>> {
                let mut slots: Vec<Option<Tracker>> = vec![Some(Tracker::new("s0")), None, Some(Tracker::new("s2"))];
                for i in 0..slots.len() {
                    if let Some(t) = slots[i].take() {
                        step(t.name()).await;
                        if i == 2 {
                            slots[i] = Some(t);
                        }
                    } else {
                        slots[i] = Some(leaf("fill", Tracker::new("new")).await);
                    }
                }
                slots.iter().map(|s| s.as_ref().map(|t| t.name())).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// Checked arithmetic with `ok_or`/`ok_or_else` and `?` on overflow between awaits.
    p21_checked_arith_overflow {
        #[derive(Debug)]
        pub enum CalcErr { Overflow(&'static str), DivZero }
        lower! {
            pub async fn f(a: u8, b: u8, d: u8) -> Result<u8, CalcErr> {
                let _g = Tracker::new("calc");
                let x = leaf("a", a).await.checked_add(b).ok_or(CalcErr::Overflow("add"))?;
                step("mul").await;
                let y = x.checked_mul(2).ok_or_else(|| CalcErr::Overflow("mul"))?;
                let z = y.checked_div(leaf("d", d).await).ok_or(CalcErr::DivZero)?;
                Ok(z)
            }
        }
    }
    run { pair(f(10, 20, 3), pair(f(200, 100, 1), f(1, 1, 0))) }
}

twin! {
    /// A panic (`boom`) inside a lowered helper called from a loop that has pushed trackers
    /// into a vector and holds a borrowed name.
    p21_panic_in_nested_helper {
        lower! {
            pub async fn process(i: u32) -> u32 {
                let _h = Tracker::new("helper");
                if i == 2 {
                    return boom("process").await;
                }
                leaf("p", i).await
            }
        }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let names = vec![String::from("x"), String::from("y")];
                let first = &names[0];
                let mut held = vec![];
                let mut sum = 0;
                for i in 0..n {
                    held.push(Tracker::new("held"));
                    sum += process(i).await;
                }
                log(first.as_str());
                sum
            }
        }
    }
    run { pair(f(2), f(4)) }
}

twin! {
    /// Reversing the words of awaited sentences with `split(' ').rev().collect::<Vec<_>>()
    /// .join(" ")` and `chars().rev()`.
    p21_reverse_words_and_chars {
        lower! {
            pub async fn f(lines: Vec<&'static str>) -> Vec<String> {
                let _g = Tracker::new("g");
                let mut out = vec![];
                for l in lines {
                    let l = leaf("line", l).await;
                    let words = l.split(' ').rev().collect::<Vec<_>>().join(" ");
                    step("rev").await;
                    let chars: String = words.chars().rev().filter(|c| !c.is_whitespace()).collect();
                    out.push(format!("{words}|{chars}"));
                }
                out
            }
        }
    }
    run { f(vec!["hello big world", "a b"]) }
}

twin! {
    /// Candidate c5: three levels, the third over a reference to a `Copy`-payload scrutinee.
    p21m_if_chain_c5 {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, u32>) -> u32 {
                let x = if let Some(v) = a {
                    leaf("a", v).await
                } else if let Ok(p) = b {
                    step("b").await;
                    p
                } else if let Err(e) = &b {
                    step("c").await;
                    *e
                } else {
                    0
                };
                x
            }
        }
    }
    run { pair(f(Some(1), Ok(2)), f(None, Err(3))) }
}

twin! {
    /// Candidate c6: three levels as the tail, the third condition over `&b`, only that
    /// branch awaiting.
    p21m_if_chain_c6 {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, u32>) -> u32 {
                if let Some(v) = a {
                    v
                } else if let Ok(p) = b {
                    p
                } else if let Err(e) = &b {
                    step("c").await;
                    *e
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(1), Ok(2)), f(None, Err(3))) }
}

twin! {
    /// Candidate c7: three plain levels, the third condition borrowing a local
    /// (`else if let Some(n) = &o`), only that branch awaiting.
    p21m_if_chain_c7 {
        lower! {
            pub async fn f(a: u32, o: Option<u32>) -> u32 {
                if a == 0 {
                    0
                } else if a == 1 {
                    1
                } else if let Some(n) = &o {
                    step("c").await;
                    *n
                } else {
                    9
                }
            }
        }
    }
    run { pair(f(0, None), f(5, Some(3))) }
}

twin! {
    /// Candidate: `match q.last_mut()` binding `Some(x)`, the arm awaiting and then using `x`.
    p21m_match_last_mut_arm_await {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut q = vec![1u32, 2];
                match q.last_mut() {
                    Some(x) => {
                        *x += 1;
                        step("s").await;
                        *x += 10;
                    }
                    None => {}
                }
                q
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: `if let Some(j) = q.front_mut()` reading a field of `j` before an await and
    /// writing another after it.
    p21m_if_let_front_mut_field_read {
        pub struct Job { pub id: u32, pub retries: u32 }
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::from([Job { id: 1, retries: 0 }]);
                if let Some(j) = q.front_mut() {
                    let id = j.id;
                    step("s").await;
                    j.retries += id;
                }
                q[0].retries
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: the same through a `match` with a guard on the `&mut` binding.
    p21m_match_front_mut_guard_field_read {
        pub struct Job { pub id: u32, pub retries: u32 }
        lower! {
            pub async fn f(limit: u32) -> u32 {
                let mut q = VecDeque::from([Job { id: 1, retries: 0 }]);
                match q.front_mut() {
                    Some(j) if j.retries >= limit => {
                        step("dead").await;
                    }
                    Some(j) => {
                        let ok = leaf("run", j.id == 1).await;
                        if ok {
                            j.retries += 1;
                        }
                    }
                    None => {}
                }
                q[0].retries
            }
        }
    }
    run { pair(f(0), f(5)) }
}

twin! {
    /// Candidate: `Some(j) => { let ok = leaf(.., j.id).await; if ok { done.push(j.id) } }` with
    /// no guard.
    p21m_match_front_mut_read_after_await {
        pub struct Job { pub id: u32, pub retries: u32 }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut q = VecDeque::from([Job { id: 1, retries: 0 }]);
                let mut done = vec![];
                match q.front_mut() {
                    Some(j) => {
                        j.retries += 1;
                        let ok = leaf("run", j.id == 1).await;
                        if ok {
                            done.push(j.id);
                        }
                    }
                    None => {}
                }
                done
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate c8: `if let`, plain `else if`, then `else if let` over a reference, only the
    /// last awaiting.
    p21m_if_chain_c8 {
        lower! {
            pub async fn f(a: Option<u32>, o: Option<u32>) -> u32 {
                if let Some(v) = a {
                    v
                } else if o == Some(7) {
                    7
                } else if let Some(n) = &o {
                    step("c").await;
                    *n
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(1), None), f(None, Some(3))) }
}

twin! {
    /// Candidate c9: two levels, `if let` by value then `else if let` over a reference to
    /// another local, only the second awaiting.
    p21m_if_chain_c9 {
        lower! {
            pub async fn f(a: Option<u32>, o: Option<u32>) -> u32 {
                if let Some(v) = a {
                    v
                } else if let Some(n) = &o {
                    step("c").await;
                    *n
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(1), None), f(None, Some(3))) }
}

twin! {
    /// Candidate: a shared reference from `map.get(..)` bound by `if let`, a field read before
    /// an await and another after it.
    p21m_if_let_get_field_read {
        pub struct User { pub id: u32, pub name: String }
        lower! {
            pub async fn f() -> String {
                let mut m = BTreeMap::new();
                m.insert(1, User { id: 1, name: "ann".into() });
                if let Some(u) = m.get(&1) {
                    let id = u.id;
                    step("s").await;
                    return format!("{id} {}", u.name);
                }
                String::new()
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: a `let`-bound `&mut` from `q.front_mut().unwrap()`, a field read before an
    /// await and another written after it.
    p21m_let_front_mut_field_read {
        pub struct Job { pub id: u32, pub retries: u32 }
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::from([Job { id: 1, retries: 0 }]);
                let j = q.front_mut().unwrap();
                let id = j.id;
                step("s").await;
                j.retries += id;
                q[0].retries
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: a `for` loop over `iter_mut()` reading a field before an await and writing
    /// another after it.
    p21m_iter_mut_loop_field_read {
        pub struct Job { pub id: u32, pub retries: u32 }
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![Job { id: 1, retries: 0 }, Job { id: 2, retries: 0 }];
                for j in v.iter_mut() {
                    let id = j.id;
                    step("s").await;
                    j.retries += id;
                }
                v.iter().map(|j| j.retries).sum()
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: `let j = q.front_mut().unwrap();` held across an await, no field read before.
    p21m_let_front_mut_no_field_read {
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::from([1u32, 2]);
                let j = q.front_mut().unwrap();
                step("s").await;
                *j += 10;
                q[0]
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: `let j = v.last_mut().unwrap();` with a field read before an await.
    p21m_let_last_mut_field_read {
        pub struct Job { pub id: u32, pub retries: u32 }
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![Job { id: 1, retries: 0 }];
                let j = v.last_mut().unwrap();
                let id = j.id;
                step("s").await;
                j.retries += id;
                v[0].retries
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: `let j = v.first_mut().unwrap();` held across an await, no field read.
    p21m_let_first_mut_across_await {
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![1u32, 2];
                let j = v.first_mut().unwrap();
                step("s").await;
                *j += 10;
                v[0]
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: the smallest moved-then-await-then-return branch.
    p21m_moved_await_return_tiny {
        lower! {
            pub async fn f(early: bool) -> usize {
                let a = Tracker::new("a");
                if early {
                    drop(a);
                    step("s").await;
                    return 0;
                }
                a.name().len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

// Known gap: COMPILE (E0382): a builder chain on a temporary whose `self` method is declared in another file (`&mut MemReader::new(..).with_chunk(3)`) as an argument of an awaited call: the temporary is spilled and its method called through a reference (documented class).
#[cfg(feature = "known-gaps")]
twin! {
    /// Copying a file in chunks with a custom error enum (`From<io::Error>`), `?` on each read
    /// and write, a checksum accumulated, a read failure mid-way.
    p21_copy_file_custom_error {
        use std::io;
        #[derive(Debug)]
        pub enum CopyError { Io(String), TooBig(usize) }
        impl From<io::Error> for CopyError {
            fn from(e: io::Error) -> Self { CopyError::Io(e.kind().to_string()) }
        }
        lower! {
            pub async fn copy(r: &mut MemReader, w: &mut MemWriter, limit: usize) -> Result<(usize, u32), CopyError> {
                let _g = Tracker::new("copy");
                let mut buf = [0u8; 4];
                let mut total = 0;
                let mut sum = 0u32;
                loop {
                    let n = r.read(&mut buf).await?;
                    if n == 0 {
                        break;
                    }
                    total += n;
                    if total > limit {
                        return Err(CopyError::TooBig(total));
                    }
                    sum = buf[..n].iter().fold(sum, |s, &b| s.wrapping_mul(31).wrapping_add(b as u32));
                    w.write_all(&buf[..n]).await?;
                }
                Ok((total, sum))
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<(usize, u32), CopyError>> {
                let mut out = vec![];
                let mut w = MemWriter::new();
                out.push(copy(&mut MemReader::new(pattern(10)).with_chunk(3), &mut w, 100).await);
                out.push(copy(&mut MemReader::new(pattern(10)), &mut w, 5).await);
                out.push(copy(&mut MemReader::new(pattern(10)).failing_at(6), &mut w, 100).await);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A match on a tuple of two awaited results with an or-pattern binding the error from
    /// either side.
    p21_match_tuple_or_pattern_error {
        lower! {
            pub async fn get(k: u32) -> Result<u32, String> {
                step("get").await;
                if k > 5 { Err(format!("bad {k}")) } else { Ok(k) }
            }
        }
        lower! {
            pub async fn f(a: u32, b: u32) -> String {
                let _g = Tracker::new("g");
                match (get(a).await, get(b).await) {
                    (Ok(x), Ok(y)) if x == y => {
                        step("same").await;
                        format!("same {x}")
                    }
                    (Ok(x), Ok(y)) => format!("{x}+{y}"),
                    (Err(e), _) | (_, Err(e)) => {
                        let _t = Tracker::new("err");
                        step("report").await;
                        e
                    }
                }
            }
        }
    }
    run { pair(f(1, 1), pair(f(1, 2), f(1, 9))) }
}

twin! {
    /// A `Defer` guard (a struct whose `Drop` calls a stored closure borrowing locals)
    /// alive across awaits, and one across a panic.
    p21_defer_guard_closure_drop {
        pub struct Defer<F: FnMut()>(pub F);
        impl<F: FnMut()> Drop for Defer<F> {
            fn drop(&mut self) { (self.0)(); }
        }
        lower! {
            pub async fn f(fail: bool) -> u32 {
                let name = String::from("job");
                let count = std::cell::Cell::new(0);
                let _d = Defer(|| log(format!("cleanup {name} after {}", count.get())));
                for _ in 0..2 {
                    step("work").await;
                    count.set(count.get() + 1);
                }
                if fail {
                    boom("explode").await;
                }
                count.get()
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `Rc`/`Weak` handles: a weak reference upgraded after awaits, before and after the
    /// last strong handle drops.
    p21_weak_upgrade_after_await {
        use std::rc::{Rc, Weak};
        lower! {
            pub async fn f() -> (bool, bool) {
                let strong = Rc::new(Tracker::new("node"));
                let weak: Weak<Tracker> = Rc::downgrade(&strong);
                step("a").await;
                let alive = weak.upgrade().map(|t| t.name() == "node").unwrap_or(false);
                drop(strong);
                step("b").await;
                let still = weak.upgrade().is_some();
                (alive, still)
            }
        }
    }
    run { f() }
}

twin! {
    /// Deduplicating with `HashSet::insert`'s `bool` in an `if` between awaits.
    p21_hashset_dedup_insert {
        lower! {
            pub async fn f(xs: Vec<&'static str>) -> (Vec<&'static str>, usize) {
                let mut seen = std::collections::BTreeSet::new();
                let mut uniq = vec![];
                let mut dups = 0;
                for x in xs {
                    let x = leaf("x", x).await;
                    if seen.insert(x) {
                        uniq.push(x);
                    } else {
                        dups += 1;
                        step("dup").await;
                    }
                }
                (uniq, dups)
            }
        }
    }
    run { f(vec!["a", "b", "a", "c", "b"]) }
}

twin! {
    /// A custom `Iterator` struct (`Countdown`) driving a `for` loop with awaits, and a
    /// `take_while` over it.
    p21_custom_iterator_struct {
        pub struct Countdown { pub n: u32, pub guard: Tracker }
        impl Iterator for Countdown {
            type Item = u32;
            fn next(&mut self) -> Option<u32> {
                if self.n == 0 { None } else { self.n -= 1; Some(self.n) }
            }
        }
        lower! {
            pub async fn f(n: u32) -> (u32, Vec<u32>) {
                let mut sum = 0;
                for i in (Countdown { n, guard: Tracker::new("cd1") }) {
                    sum += leaf("i", i).await;
                }
                let big: Vec<u32> = Countdown { n, guard: Tracker::new("cd2") }.take_while(|&i| i > 1).collect();
                step("end").await;
                (sum, big)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A trait with a default method, implemented by two types, used by a generic lowered
    /// function with `T: Describe + ?Sized` and through `&dyn Describe`.
    p21_trait_default_method_generic {
        pub trait Describe {
            fn name(&self) -> String;
            fn describe(&self) -> String { format!("<{}>", self.name()) }
        }
        pub struct Cat(pub Tracker);
        impl Describe for Cat { fn name(&self) -> String { "cat".into() } }
        pub struct Dog;
        impl Describe for Dog {
            fn name(&self) -> String { "dog".into() }
            fn describe(&self) -> String { "DOG".into() }
        }
        lower! {
            pub async fn show<T: Describe + ?Sized>(x: &T) -> String {
                step("show").await;
                x.describe()
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let c = Cat(Tracker::new("cat"));
                let zoo: Vec<Box<dyn Describe>> = vec![Box::new(Dog), Box::new(Cat(Tracker::new("cat2")))];
                let mut out = vec![show(&c).await];
                for a in &zoo {
                    out.push(show(a.as_ref()).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `FromStr` for a command enum, `line.parse::<Cmd>()?` between awaits, with a `Display`
    /// impl used in `format!` of the results.
    p21_fromstr_display_commands {
        #[derive(Debug)]
        pub enum Cmd { Push(i64), Pop, Add }
        impl std::str::FromStr for Cmd {
            type Err = String;
            fn from_str(s: &str) -> Result<Cmd, String> {
                match s.split_once(' ') {
                    Some(("push", n)) => n.parse().map(Cmd::Push).map_err(|e| format!("{e}")),
                    None if s == "pop" => Ok(Cmd::Pop),
                    None if s == "add" => Ok(Cmd::Add),
                    _ => Err(format!("unknown {s:?}")),
                }
            }
        }
        impl fmt::Display for Cmd {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self { Cmd::Push(n) => write!(f, "PUSH {n}"), Cmd::Pop => write!(f, "POP"), Cmd::Add => write!(f, "ADD") }
            }
        }
        lower! {
            pub async fn run_prog(src: &'static str) -> Result<(Vec<i64>, Vec<String>), String> {
                let _vm = Tracker::new("vm");
                let mut stack = vec![];
                let mut trace = vec![];
                for line in src.lines() {
                    let cmd: Cmd = leaf("fetch", line).await.parse()?;
                    trace.push(format!("{cmd}"));
                    match cmd {
                        Cmd::Push(n) => stack.push(n),
                        Cmd::Pop => { stack.pop().ok_or("pop on empty")?; }
                        Cmd::Add => {
                            let (a, b) = (stack.pop().ok_or("add needs 2")?, stack.pop().ok_or("add needs 2")?);
                            step("alu").await;
                            stack.push(a + b);
                        }
                    }
                }
                Ok((stack, trace))
            }
        }
    }
    run { pair(run_prog("push 1\npush 2\nadd"), pair(run_prog("push 1\nadd"), run_prog("jmp 3"))) }
}

twin! {
    /// Two-phase commit: prepare every participant (awaiting), abort all on the first
    /// failure, otherwise commit each by value (`commit(self)`).
    p21_two_phase_commit {
        pub struct Part { pub name: &'static str, pub ok: bool, pub guard: Tracker }
        impl Part {
            lower! {
                pub async fn prepare(&self) -> bool {
                    step(self.name).await;
                    self.ok
                }
            }
            lower! {
                pub async fn commit(self) -> &'static str {
                    step("commit").await;
                    self.name
                }
            }
            pub fn abort(&self) { log(format!("abort {}", self.name)); }
        }
        lower! {
            pub async fn f(fail: Option<usize>) -> Result<Vec<&'static str>, String> {
                let parts: Vec<Part> = (0..3).map(|i| Part { name: ["p0", "p1", "p2"][i], ok: Some(i) != fail, guard: Tracker::new(["p0", "p1", "p2"][i]) }).collect();
                for (i, p) in parts.iter().enumerate() {
                    if !p.prepare().await {
                        for q in &parts[..=i] {
                            q.abort();
                        }
                        step("rollback").await;
                        return Err(format!("{} refused", p.name));
                    }
                }
                let mut done = vec![];
                for p in parts {
                    done.push(p.commit().await);
                }
                Ok(done)
            }
        }
    }
    run { pair(f(None), f(Some(1))) }
}

twin! {
    /// Interior mutability in a struct of `Cell`s with `&self` lowered methods counting
    /// hits and misses.
    p21_cell_counters_self_methods {
        use std::cell::{Cell, RefCell};
        pub struct Stats { pub hits: Cell<u32>, pub misses: Cell<u32>, pub keys: RefCell<Vec<u32>> }
        impl Stats {
            lower! {
                pub async fn lookup(&self, k: u32) -> bool {
                    step("lookup").await;
                    let hit = self.keys.borrow().contains(&k);
                    if hit {
                        self.hits.set(self.hits.get() + 1);
                    } else {
                        self.misses.set(self.misses.get() + 1);
                        step("fill").await;
                        self.keys.borrow_mut().push(k);
                    }
                    hit
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, Vec<bool>) {
                let s = Stats { hits: Cell::new(0), misses: Cell::new(0), keys: RefCell::new(vec![]) };
                let _g = Tracker::new("g");
                let mut r = vec![];
                for k in [1, 2, 1, 1, 3] {
                    r.push(s.lookup(k).await);
                }
                (s.hits.get(), s.misses.get(), r)
            }
        }
    }
    run { f() }
}

twin! {
    /// Parsing an HTTP request line read into a `String`: `strip_prefix`, `rsplit_once` and
    /// `strip_suffix` slices kept across awaits.
    p21_http_request_line_strip_prefix {
        lower! {
            pub async fn f(raw: &'static str) -> Result<(String, String), String> {
                let line = leaf("recv", raw.to_string()).await;
                let rest = line.strip_prefix("GET ").ok_or(format!("not a GET: {line}"))?;
                step("method").await;
                let (path, version) = rest.rsplit_once(' ').ok_or("no version")?;
                step("path").await;
                let v = version.strip_suffix("\r\n").unwrap_or(version);
                let _h = Tracker::new("handler");
                step("dispatch").await;
                Ok((path.to_string(), v.to_string()))
            }
        }
    }
    run { pair(f("GET /index.html HTTP/1.1\r\n"), f("POST / HTTP/1.0")) }
}

twin! {
    /// A deque-backed undo stack: `back()` peeked before an await, `back_mut()` edited after.
    p21_undo_stack_back_mut {
        #[derive(Debug)]
        pub struct Edit { pub text: String, pub count: u32 }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut undo: VecDeque<Edit> = VecDeque::new();
                for w in ["a", "b"] {
                    undo.push_back(Edit { text: leaf("type", w.to_string()).await, count: 1 });
                }
                let last = undo.back().unwrap();
                step("render").await;
                log(format!("last {}", last.text));
                if let Some(e) = undo.back_mut() {
                    step("merge").await;
                    e.text.push('!');
                    e.count += 1;
                }
                undo.iter().map(|e| format!("{}x{}", e.text, e.count)).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// Path handling: `Path::new(&s).file_name()`/`extension()` borrowed across awaits.
    p21_path_components_across_await {
        use std::path::Path;
        lower! {
            pub async fn f(p: &'static str) -> (String, Option<String>) {
                let s = leaf("resolve", format!("/srv/{p}")).await;
                let path = Path::new(&s);
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                step("stat").await;
                let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
                (name.to_string(), ext)
            }
        }
    }
    run { pair(f("a/b.txt"), f("dir/")) }
}

twin! {
    /// Candidate c10: plain first condition, then `if let Ok(p) = b`, then `if let Err(e) = &b`
    /// awaiting.
    p21m_if_chain_c10 {
        lower! {
            pub async fn f(x: u32, b: Result<u32, u32>) -> u32 {
                if x == 0 {
                    0
                } else if let Ok(p) = b {
                    p
                } else if let Err(e) = &b {
                    step("c").await;
                    *e
                } else {
                    9
                }
            }
        }
    }
    run { pair(f(0, Ok(1)), f(1, Err(3))) }
}

twin! {
    /// Candidate c11: two `if let`s on different locals, then an awaiting `if let` over a
    /// reference to a third.
    p21m_if_chain_c11 {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>, o: Option<u32>) -> u32 {
                if let Some(v) = a {
                    v
                } else if let Some(p) = b {
                    p
                } else if let Some(n) = &o {
                    step("c").await;
                    *n
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(1), None, None), f(None, None, Some(3))) }
}

twin! {
    /// Candidate c12: two `if let`s, then an awaiting `if let` by value (no reference).
    p21m_if_chain_c12 {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>, o: Option<u32>) -> u32 {
                if let Some(v) = a {
                    v
                } else if let Some(p) = b {
                    p
                } else if let Some(n) = o {
                    step("c").await;
                    n
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(1), None, None), f(None, None, Some(3))) }
}

twin! {
    /// Candidate: a guarded arm binding by `&mut` and a later arm binding the same place, only
    /// the guarded arm awaiting, smallest form.
    p21m_guard_mut_tiny {
        lower! {
            pub async fn f(mut v: Option<u32>) -> u32 {
                match &mut v {
                    Some(n) if *n > 2 => {
                        step("big").await;
                        1
                    }
                    Some(n) => {
                        *n += 1;
                        *n
                    }
                    None => 0,
                }
            }
        }
    }
    run { pair(f(Some(5)), f(Some(1))) }
}

twin! {
    /// Candidate: the same with a `ref mut` binding on a local (no `&mut` scrutinee).
    p21m_guard_ref_mut_local {
        lower! {
            pub async fn f(mut v: Option<u32>) -> u32 {
                match v {
                    Some(ref mut n) if *n > 2 => {
                        step("big").await;
                        1
                    }
                    Some(ref mut n) => {
                        *n += 1;
                        *n
                    }
                    None => 0,
                }
            }
        }
    }
    run { pair(f(Some(5)), f(Some(1))) }
}

twin! {
    /// Candidate: guarded arm and a later arm both binding by shared reference
    /// (`match &v`), the guarded arm awaiting.
    p21m_guard_shared_ref_two_arms {
        lower! {
            pub async fn f(v: Option<String>) -> usize {
                match &v {
                    Some(s) if s.len() > 2 => {
                        step("big").await;
                        s.len()
                    }
                    Some(s) => s.len() + 10,
                    None => 0,
                }
            }
        }
    }
    run { pair(f(Some("abcd".into())), f(Some("a".into()))) }
}

twin! {
    /// Candidate: `strip_prefix` on a `String` local, the slice kept across an await.
    p21m_strip_prefix_across_await {
        lower! {
            pub async fn f() -> usize {
                let line = String::from("GET /index");
                let rest = line.strip_prefix("GET ").unwrap();
                step("s").await;
                rest.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: `back()` on a `VecDeque` local, the reference kept across an await.
    p21m_back_across_await {
        lower! {
            pub async fn f() -> u32 {
                let q = VecDeque::from([1u32, 2]);
                let last = q.back().unwrap();
                step("s").await;
                *last
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0382): a builder chain on a temporary whose `self` method is declared in another file (`&mut MemReader::new(..).with_chunk(3)`) as an argument of an awaited call: the temporary is spilled and its method called through a reference (documented class).
#[cfg(feature = "known-gaps")]
twin! {
    /// Candidate: a builder temporary from another file (`MemReader::new(..).with_chunk(2)`)
    /// lent `&mut` to an awaited call.
    p21m_builder_temp_lent_to_await_other_file {
        lower! {
            pub async fn drain(r: &mut MemReader) -> usize {
                let mut buf = [0u8; 8];
                r.read(&mut buf).await.unwrap()
            }
        }
        lower! {
            pub async fn f() -> usize {
                drain(&mut MemReader::new(vec![1, 2, 3]).with_chunk(2)).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: the same with a builder declared in the file (`B::new().size(3)`).
    p21m_builder_temp_lent_to_await_same_file {
        pub struct B(pub Tracker, pub u32);
        impl B {
            pub fn new() -> B { B(Tracker::new("b"), 0) }
            pub fn size(mut self, n: u32) -> B { self.1 = n; self }
        }
        lower! {
            pub async fn use_b(b: &mut B) -> u32 {
                step("use").await;
                b.1
            }
        }
        lower! {
            pub async fn f() -> u32 {
                use_b(&mut B::new().size(3)).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Bubble sort with an await per comparison round and `v.swap(i, i + 1)`, stopping early
    /// when a pass makes no swap.
    p21_bubble_sort_awaits {
        lower! {
            pub async fn f(mut v: Vec<i32>) -> (Vec<i32>, u32) {
                let _g = Tracker::new("sort");
                let mut passes = 0;
                loop {
                    let mut swapped = false;
                    let mut i = 0;
                    while i + 1 < v.len() {
                        if leaf("cmp", v[i] > v[i + 1]).await {
                            v.swap(i, i + 1);
                            swapped = true;
                        }
                        i += 1;
                    }
                    passes += 1;
                    if !swapped {
                        break;
                    }
                }
                (v, passes)
            }
        }
    }
    run { f(vec![3, 1, 2, 0]) }
}

twin! {
    /// A bracket matcher with a stack, awaiting per character read, returning the position
    /// of the first mismatch.
    p21_bracket_matcher_stack {
        lower! {
            pub async fn f(src: &'static str) -> Result<usize, (usize, char)> {
                let _g = Tracker::new("parser");
                let mut stack: Vec<(usize, char)> = Vec::new();
                for (i, c) in src.chars().enumerate() {
                    let c = leaf("ch", c).await;
                    match c {
                        '(' | '[' | '{' => stack.push((i, c)),
                        ')' | ']' | '}' => {
                            let want = match c { ')' => '(', ']' => '[', _ => '{' };
                            match stack.pop() {
                                Some((_, open)) if open == want => {}
                                _ => return Err((i, c)),
                            }
                        }
                        _ => {}
                    }
                }
                match stack.pop() {
                    Some(unclosed) => Err(unclosed),
                    None => Ok(src.len()),
                }
            }
        }
    }
    run { pair(f("a(b[c]{d})"), pair(f("(]"), f("((x)"))) }
}

twin! {
    /// A bank-teller queue simulation: customers arrive, the teller serves one per tick,
    /// impatient customers leave (their trackers drop) after waiting too long.
    p21_bank_teller_simulation {
        pub struct Customer { pub name: &'static str, pub patience: u32, pub waited: u32, pub guard: Tracker }
        lower! {
            pub async fn f() -> (Vec<&'static str>, Vec<&'static str>) {
                let mut line: VecDeque<Customer> = VecDeque::new();
                let arrivals = [("ann", 3), ("bob", 1), ("cy", 5), ("di", 0)];
                let (mut served, mut left) = (vec![], vec![]);
                for tick in 0..6usize {
                    if let Some(&(name, patience)) = arrivals.get(tick) {
                        line.push_back(Customer { name, patience, waited: 0, guard: Tracker::new(name) });
                    }
                    step("tick").await;
                    if tick % 2 == 0 {
                        if let Some(c) = line.pop_front() {
                            step("serve").await;
                            served.push(c.name);
                        }
                    }
                    for c in line.iter_mut() {
                        c.waited += 1;
                    }
                    let before = line.len();
                    line.retain(|c| {
                        if c.waited > c.patience { left.push(c.name); false } else { true }
                    });
                    if line.len() != before {
                        step("leave").await;
                    }
                }
                (served, left)
            }
        }
    }
    run { f() }
}

twin! {
    /// Tic-tac-toe: moves awaited one by one onto a `[[char; 3]; 3]` board, the winner checked
    /// after each move with iterator `all`/`any`.
    p21_tic_tac_toe_winner {
        lower! {
            pub async fn f(moves: Vec<(usize, usize)>) -> Option<(char, usize)> {
                let mut b = [['.'; 3]; 3];
                let _g = Tracker::new("game");
                for (n, &(r, c)) in moves.iter().enumerate() {
                    let p = if n % 2 == 0 { 'X' } else { 'O' };
                    let (r, c) = leaf("move", (r, c)).await;
                    b[r][c] = p;
                    let row = b[r].iter().all(|&x| x == p);
                    let col = (0..3).all(|i| b[i][c] == p);
                    let diag = (0..3).all(|i| b[i][i] == p) || (0..3).all(|i| b[i][2 - i] == p);
                    if row || col || diag {
                        step("win").await;
                        return Some((p, n + 1));
                    }
                }
                None
            }
        }
    }
    run { pair(f(vec![(0, 0), (1, 0), (0, 1), (1, 1), (0, 2)]), f(vec![(0, 0), (1, 1)])) }
}

twin! {
    /// Student grades: averages per student with `Option` for empty lists, the class's top
    /// student by `max_by`, letter grades by a `match` on ranges.
    p21_student_grades_report {
        pub struct Student { pub name: &'static str, pub marks: Vec<u32> }
        lower! {
            pub async fn f() -> (Vec<String>, Option<&'static str>) {
                let students = vec![
                    Student { name: "ann", marks: vec![90, 85] },
                    Student { name: "bob", marks: vec![] },
                    Student { name: "cy", marks: vec![70, 60, 65] },
                ];
                let _g = Tracker::new("report");
                let mut lines = vec![];
                let mut avgs: Vec<(&'static str, u32)> = vec![];
                for s in &students {
                    let total: u32 = leaf("sum", s.marks.iter().sum()).await;
                    let avg = (!s.marks.is_empty()).then(|| total / s.marks.len() as u32);
                    let letter = match avg {
                        Some(90..) => 'A',
                        Some(80..=89) => 'B',
                        Some(a) if a >= 60 => 'C',
                        Some(_) => 'F',
                        None => '-',
                    };
                    if let Some(a) = avg {
                        avgs.push((s.name, a));
                    }
                    lines.push(format!("{}: {:?} {letter}", s.name, avg));
                }
                step("rank").await;
                let top = avgs.iter().max_by(|a, b| a.1.cmp(&b.1)).map(|(n, _)| *n);
                (lines, top)
            }
        }
    }
    run { f() }
}

twin! {
    /// A sieve of Eratosthenes with an await per prime found, then the primes' sum.
    p21_prime_sieve_awaits {
        lower! {
            pub async fn f(n: usize) -> (Vec<usize>, usize) {
                let _g = Tracker::new("sieve");
                let mut is = vec![true; n + 1];
                is[0] = false;
                if n >= 1 {
                    is[1] = false;
                }
                let mut primes = vec![];
                for i in 2..=n {
                    if !is[i] {
                        continue;
                    }
                    primes.push(leaf("prime", i).await);
                    let mut j = i * i;
                    while j <= n {
                        is[j] = false;
                        j += i;
                    }
                }
                let s = primes.iter().sum();
                (primes, s)
            }
        }
    }
    run { f(20) }
}

twin! {
    /// Top-k word frequency: counts in a map, sorted by count then word, truncated to k,
    /// awaiting per input line.
    p21_top_k_words {
        lower! {
            pub async fn f(lines: Vec<&'static str>, k: usize) -> Vec<(String, u32)> {
                let mut counts: BTreeMap<String, u32> = BTreeMap::new();
                let _g = Tracker::new("g");
                for l in lines {
                    let l = leaf("line", l).await;
                    for w in l.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                        *counts.entry(w.to_lowercase()).or_insert(0) += 1;
                    }
                }
                let mut v: Vec<(String, u32)> = counts.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                v.truncate(k);
                step("done").await;
                v
            }
        }
    }
    run { f(vec!["the cat, the hat", "The end."], 2) }
}

twin! {
    /// Matrix multiplication with nested index loops and an await per output row.
    p21_matrix_multiply_rows {
        lower! {
            pub async fn f(a: Vec<Vec<i64>>, b: Vec<Vec<i64>>) -> Result<Vec<Vec<i64>>, String> {
                if a.is_empty() || a[0].len() != b.len() {
                    return Err(format!("shape {}x? * {}x?", a.len(), b.len()));
                }
                let _g = Tracker::new("mm");
                let (n, m, p) = (a.len(), b.len(), b[0].len());
                let mut c = vec![vec![0; p]; n];
                for i in 0..n {
                    for j in 0..p {
                        for k in 0..m {
                            c[i][j] += a[i][k] * b[k][j];
                        }
                    }
                    step("row").await;
                }
                Ok(c)
            }
        }
    }
    run { pair(f(vec![vec![1, 2], vec![3, 4]], vec![vec![5, 6], vec![7, 8]]), f(vec![vec![1]], vec![])) }
}

twin! {
    /// A job loop that discards skipped jobs (consuming them), awaits an audit step and
    /// `continue`s; other jobs are used after an await.
    p21_skip_discard_continue {
        pub struct Job { pub name: &'static str, pub skip: bool, pub guard: Tracker }
        pub fn discard(j: Job) -> &'static str { j.name }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let jobs = vec![
                    Job { name: "a", skip: false, guard: Tracker::new("a") },
                    Job { name: "b", skip: true, guard: Tracker::new("b") },
                    Job { name: "c", skip: false, guard: Tracker::new("c") },
                ];
                let mut done = vec![];
                for job in jobs {
                    if job.skip {
                        let n = discard(job);
                        step("audit").await;
                        log(format!("skipped {n}"));
                        continue;
                    }
                    step("run").await;
                    done.push(job.name);
                }
                done
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: a loop-body local moved, an await, then `continue`; the local used after an
    /// await on the other path.
    p21m_moved_await_continue {
        lower! {
            pub async fn f() -> usize {
                let mut n = 0;
                for skip in [true, false] {
                    let t = Tracker::new("t");
                    if skip {
                        drop(t);
                        step("s").await;
                        continue;
                    }
                    step("run").await;
                    n += t.name().len();
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Candidate: a field of a by-value parameter read before an await, then another field
    /// consumed by a `send(value)` method of another crate (`oneshot::Sender::send`).
    p21m_oneshot_reply_field_send {
        pub struct Req { pub q: u32, pub reply: tokio::sync::oneshot::Sender<u32> }
        lower! {
            pub async fn serve(r: Req) -> bool {
                let q = r.q;
                step("compute").await;
                r.reply.send(q * q).is_ok()
            }
        }
    }
    run { let (tx, _rx) = tokio::sync::oneshot::channel(); serve(Req { q: 3, reply: tx }) }
}
