//! Probe round 10a: an intermediate developer's async service code (service layers with
//! `&self`/`&mut self`/`self` methods calling each other, trait impls with `async fn`,
//! generic retry helpers, error enums with `From` and `?` through awaits, work queues,
//! parsing, combinators on awaited values, boxed futures in vecs, recursion through
//! `Box::pin`), as a grader testing against native async would write it.
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::RefCell;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};
#[allow(unused_imports)]
use std::rc::Rc;

#[derive(Debug, PartialEq)]
pub enum AppErr10 {
    NotFound(String),
    Parse(String),
    Io(u32),
    Limit { max: u32, got: u32 },
}

impl From<std::num::ParseIntError> for AppErr10 {
    fn from(e: std::num::ParseIntError) -> Self {
        AppErr10::Parse(e.to_string())
    }
}

impl fmt::Display for AppErr10 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppErr10::NotFound(k) => write!(f, "not found: {k}"),
            AppErr10::Parse(m) => write!(f, "parse: {m}"),
            AppErr10::Io(c) => write!(f, "io {c}"),
            AppErr10::Limit { max, got } => write!(f, "limit {got}>{max}"),
        }
    }
}

twin! {
    /// A user service: a `&mut self` method calling a `&self` lookup, `?` with a `From` conversion.
    p10a_user_service {
        pub struct Users { pub db: HashMap<u32, String>, pub hits: u32, pub _conn: Tracker }
        impl Users {
            lower! {
                pub async fn lookup(&self, id: u32) -> Result<String, AppErr10> {
                    step("db").await;
                    self.db.get(&id).cloned().ok_or(AppErr10::NotFound(format!("user {id}")))
                }
            }
            lower! {
                pub async fn rename(&mut self, id: u32, raw: &str) -> Result<String, AppErr10> {
                    let old = self.lookup(id).await?;
                    let suffix: u32 = leaf("parse", raw).await.trim().parse()?;
                    let new = format!("{old}-{suffix}");
                    self.db.insert(id, new.clone());
                    self.hits += 1;
                    Ok(new)
                }
            }
        }
        lower! {
            pub async fn run() -> (Vec<Result<String, AppErr10>>, u32) {
                let mut svc = Users {
                    db: HashMap::from([(1, "ann".to_string()), (2, "bob".to_string())]),
                    hits: 0,
                    _conn: Tracker::new("conn"),
                };
                let mut out = vec![];
                for (id, raw) in [(1, "7"), (3, "1"), (2, " 42 "), (2, "x")] {
                    out.push(svc.rename(id, raw).await);
                }
                let hits = svc.hits;
                (out, hits)
            }
        }
    }
    run { run() }
}

twin! {
    /// A generic `retry` helper over `FnMut(u32) -> Fut` with a `where` clause, a guard that
    /// awaits nothing and an awaiting arm.
    p10a_retry_generic {
        lower! {
            pub async fn retry<F, Fut, T, E>(mut attempts: u32, mut op: F) -> Result<T, E>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<T, E>>,
                E: Debug,
            {
                let mut n = 0;
                loop {
                    n += 1;
                    match op(n).await {
                        Ok(v) => return Ok(v),
                        Err(e) if attempts > 1 => {
                            log(format!("attempt {n} failed: {e:?}"));
                            attempts -= 1;
                            step("backoff").await;
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        lower! {
            pub async fn flaky(n: u32, ok_at: u32) -> Result<Tracker, AppErr10> {
                let _g = Tracker::new("attempt");
                step("try").await;
                if n >= ok_at { Ok(Tracker::new("conn")) } else { Err(AppErr10::Io(n)) }
            }
        }
        lower! {
            pub async fn main() -> (Result<Tracker, AppErr10>, Result<Tracker, AppErr10>) {
                let a = retry(3, |n| flaky(n, 2)).await;
                let b = retry(2, |n| flaky(n, 5)).await;
                (a, b)
            }
        }
    }
    run { main() }
}

twin! {
    /// A repository trait with `async fn`s, a generic decorator impl delegating to its inner
    /// repo, and a generic function over it.
    p10a_trait_repo_decorator {
        #[allow(async_fn_in_trait)]
        pub trait Repo {
            async fn get(&self, k: &str) -> Option<u32>;
            async fn put(&mut self, k: &str, v: u32) -> Option<u32>;
        }
        pub struct Mem { pub m: BTreeMap<String, u32> }
        impl Repo for Mem {
            lower! {
                async fn get(&self, k: &str) -> Option<u32> {
                    step("mem-get").await;
                    self.m.get(k).copied()
                }
            }
            lower! {
                async fn put(&mut self, k: &str, v: u32) -> Option<u32> {
                    leaf("mem-put", ()).await;
                    self.m.insert(k.to_string(), v)
                }
            }
        }
        pub struct Logged<R> { pub inner: R, pub log: Vec<String>, pub _t: Tracker }
        impl<R: Repo> Repo for Logged<R> {
            lower! {
                async fn get(&self, k: &str) -> Option<u32> {
                    let v = self.inner.get(k).await;
                    log(format!("get {k} -> {v:?}"));
                    v
                }
            }
            lower! {
                async fn put(&mut self, k: &str, v: u32) -> Option<u32> {
                    self.log.push(format!("put {k}={v}"));
                    self.inner.put(k, v).await
                }
            }
        }
        lower! {
            pub async fn bump<R: Repo>(r: &mut R, k: &str, by: u32) -> u32 {
                let cur = r.get(k).await.unwrap_or_default();
                let next = cur + by;
                match r.put(k, next).await {
                    Some(old) if old == cur => next,
                    Some(_) => 0,
                    None => next * 10,
                }
            }
        }
        lower! {
            pub async fn run() -> (Vec<u32>, Vec<String>) {
                let mut repo = Logged { inner: Mem { m: BTreeMap::new() }, log: vec![], _t: Tracker::new("logged") };
                let mut out = vec![];
                for (k, by) in [("a", 1), ("b", 2), ("a", 3)] {
                    out.push(bump(&mut repo, k, by).await);
                }
                let l = std::mem::take(&mut repo.log);
                (out, l)
            }
        }
    }
    run { run() }
}

pub enum Job10 {
    Fetch(String, Tracker),
    Parse(String),
    Split(u32),
    Done,
}

twin! {
    /// A `VecDeque` work queue drained by `while let`, jobs pushing jobs, `break` leaving
    /// jobs (with trackers) in the queue.
    p10a_work_queue {
        lower! {
            pub async fn drain(seed: Vec<Job10>) -> (u32, Vec<String>) {
                let mut q: VecDeque<Job10> = seed.into_iter().collect();
                let mut total = 0;
                let mut seen = vec![];
                while let Some(job) = q.pop_front() {
                    match job {
                        Job10::Fetch(url, t) => {
                            let body = leaf("fetch", format!("{url}:{}", t.0.len())).await;
                            q.push_back(Job10::Parse(body));
                        }
                        Job10::Parse(s) if s.ends_with('3') => {
                            seen.push(s);
                            q.push_back(Job10::Split(3));
                        }
                        Job10::Parse(s) => seen.push(leaf("parse", s.to_uppercase()).await),
                        Job10::Split(0) => step("split-zero").await,
                        Job10::Split(n) => {
                            total += leaf("split", n).await;
                            q.push_front(Job10::Split(n - 1));
                        }
                        Job10::Done => break,
                    }
                }
                (total, seen)
            }
        }
    }
    run {
        pair(
            drain(vec![Job10::Fetch("a".into(), Tracker("t1")), Job10::Fetch("b".into(), Tracker("abc")), Job10::Split(2)]),
            drain(vec![Job10::Split(1), Job10::Done, Job10::Fetch("z".into(), Tracker("left"))]),
        )
    }
}

twin! {
    /// Boxed `dyn Future`s of a lowered fn stored in a `Vec` and awaited in order with `?`;
    /// the early return drops the rest (with their trackers).
    p10a_boxed_stage_pipeline {
        lower! {
            pub async fn stage(name: &'static str, v: u32, t: Tracker) -> Result<u32, AppErr10> {
                let x = leaf(name, v).await;
                if x > 10 {
                    return Err(AppErr10::Limit { max: 10, got: x });
                }
                log(format!("{name} done with {t:?}"));
                Ok(x * 2)
            }
        }
        lower! {
            pub async fn pipeline(vals: Vec<u32>) -> Result<u32, AppErr10> {
                let names = ["s0", "s1", "s2", "s3"];
                let trackers = ["t0", "t1", "t2", "t3"];
                let mut futs: Vec<Pin<Box<dyn Future<Output = Result<u32, AppErr10>>>>> = Vec::new();
                for (i, v) in vals.iter().enumerate() {
                    futs.push(Box::pin(stage(names[i], *v, Tracker(trackers[i]))));
                }
                let _g = Tracker("pipeline");
                let mut sum = 0;
                for f in futs {
                    sum += f.await?;
                }
                Ok(sum)
            }
        }
    }
    run { pair(pipeline(vec![1, 2, 3]), pipeline(vec![4, 20, 5])) }
}

pub enum Node10 {
    File(String, u32),
    Dir(String, Vec<Node10>),
}

twin! {
    /// Recursion through `Box::pin` over a directory tree, `?` in the loop, a match guard on a
    /// borrowed binding, a frame tracker per call.
    p10a_recursive_dir_size {
        lower! {
            pub async fn size(n: &Node10, depth: u32) -> Result<u32, AppErr10> {
                let _frame = Tracker(["d0", "d1", "d2", "d3", "d4", "d5"][depth as usize]);
                match n {
                    Node10::File(name, s) if name.ends_with(".bad") => Err(AppErr10::Io(*s)),
                    Node10::File(_, s) => Ok(leaf("stat", *s).await),
                    Node10::Dir(name, kids) => {
                        if depth > 2 {
                            return Err(AppErr10::Limit { max: 2, got: depth });
                        }
                        let mut total = 0;
                        for k in kids {
                            total += Box::pin(size(k, depth + 1)).await?;
                        }
                        log(format!("dir {name} = {total}"));
                        Ok(total)
                    }
                }
            }
        }
    }
    run {
        use Node10::*;
        let good: &'static Node10 = leak(Dir("root".into(), vec![
            File("a".into(), 3),
            Dir("sub".into(), vec![File("b".into(), 4), File("c".into(), 5)]),
            File("d".into(), 1),
        ]));
        let bad: &'static Node10 = leak(Dir("root".into(), vec![
            File("a".into(), 3),
            Dir("sub".into(), vec![File("x.bad".into(), 9), File("c".into(), 5)]),
        ]));
        pair(size(good, 0), size(bad, 0))
    }
}

twin! {
    /// `Option`/`Result` combinators applied straight to awaited values.
    p10a_combinators_on_awaited {
        lower! {
            pub async fn config(env: &'static BTreeMap<&'static str, &'static str>) -> (u32, String, Option<u32>, Result<u32, AppErr10>) {
                let port = leaf("port", env.get("PORT").copied()).await.and_then(|s| s.parse().ok()).unwrap_or(8080);
                let host = leaf("host", env.get("HOST")).await.map(|s| s.to_string()).unwrap_or_default();
                let workers = leaf("w", env.get("WORKERS")).await.map(|s| s.len() as u32).filter(|n| *n > 1);
                let limit = leaf("limit", env.get("LIMIT").copied())
                    .await
                    .ok_or(AppErr10::NotFound("LIMIT".into()))
                    .and_then(|s| s.parse::<u32>().map_err(AppErr10::from));
                (port, host, workers, limit)
            }
        }
    }
    run {
        let a: &'static BTreeMap<&'static str, &'static str> = leak(BTreeMap::from([("PORT", "99"), ("WORKERS", "four"), ("LIMIT", "x")]));
        let b: &'static BTreeMap<&'static str, &'static str> = leak(BTreeMap::from([("PORT", "no"), ("HOST", "h"), ("LIMIT", "5")]));
        pair(config(a), config(b))
    }
}

twin! {
    /// A router: `match` on a tuple of (method, slice pattern, moved tracker), an awaiting
    /// guard, awaits in arms.
    p10a_router_tuple_match {
        lower! {
            pub async fn route(method: &'static str, path: &'static str, auth: Option<Tracker>) -> String {
                let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
                match (method, parts.as_slice(), auth) {
                    ("GET", ["health"], _) => leaf("health", "ok".to_string()).await,
                    ("GET", ["users", id], Some(t)) if leaf("check", id.parse::<u32>().is_ok()).await => {
                        step("load").await;
                        format!("user {id} by {t:?}")
                    }
                    ("DELETE", ["users", id], Some(t)) => {
                        let r = format!("deleted {id}");
                        drop(t);
                        step("audit").await;
                        r
                    }
                    (m, p, None) => format!("401 {m} {}", p.join("/")),
                    (_, _, Some(t)) => {
                        step("404").await;
                        format!("404 {}", t.0)
                    }
                }
            }
        }
        lower! {
            pub async fn all() -> Vec<String> {
                let mut v = vec![];
                v.push(route("GET", "/health", Some(Tracker("h"))).await);
                v.push(route("GET", "/users/7", Some(Tracker("u7"))).await);
                v.push(route("GET", "/users/x", Some(Tracker("ux"))).await);
                v.push(route("DELETE", "/users/3", Some(Tracker("d3"))).await);
                v.push(route("PUT", "/a/b", None).await);
                v
            }
        }
    }
    run { all() }
}

twin! {
    /// A request builder consumed by an `async fn send(self)` on a temporary chain, then an
    /// `async fn text(self)` on the awaited response after `?`.
    p10a_builder_send_chain {
        pub struct Req { pub url: String, pub headers: Vec<(String, String)>, pub _t: Tracker }
        pub struct Resp { pub status: u16, pub body: String, pub _t: Tracker }
        impl Req {
            pub fn new(url: &str) -> Req {
                Req { url: url.into(), headers: vec![], _t: Tracker::new("req") }
            }
            pub fn header(mut self, k: &str, v: &str) -> Req {
                self.headers.push((k.into(), v.into()));
                self
            }
            lower! {
                pub async fn send(self) -> Result<Resp, AppErr10> {
                    step("connect").await;
                    if self.url.starts_with("bad") {
                        return Err(AppErr10::Io(500));
                    }
                    let body = leaf("body", format!("{} {}", self.url, self.headers.len())).await;
                    Ok(Resp { status: 200, body, _t: Tracker::new("resp") })
                }
            }
        }
        impl Resp {
            lower! {
                pub async fn text(self) -> String {
                    step("read").await;
                    format!("{}:{}", self.status, self.body)
                }
            }
        }
        lower! {
            pub async fn get(url: &'static str) -> Result<String, AppErr10> {
                let text = Req::new(url).header("a", "1").header("b", "2").send().await?.text().await;
                Ok(text.to_uppercase())
            }
        }
    }
    run { pair(get("x.io"), get("bad.io")) }
}

twin! {
    /// A tokenizer: `Peekable<Chars>` held across awaits, `next_if` in an inner `while let`,
    /// `continue` on whitespace.
    p10a_peekable_tokenizer {
        lower! {
            pub async fn tokens(src: &'static str) -> Vec<String> {
                let mut it = src.chars().peekable();
                let mut out = vec![];
                while let Some(c) = it.next() {
                    if c.is_ascii_digit() {
                        let mut num = c.to_string();
                        while let Some(d) = it.next_if(|d| d.is_ascii_digit()) {
                            num.push(d);
                        }
                        out.push(leaf("num", num).await);
                    } else if c.is_whitespace() {
                        continue;
                    } else {
                        step("sym").await;
                        out.push(format!("'{c}'"));
                    }
                }
                out
            }
        }
    }
    run { tokens("12 + 3*(45-6)") }
}

twin! {
    /// Early `return` from a doubly nested loop with trackers at three levels.
    p10a_grid_search_return {
        lower! {
            pub async fn find(grid: Vec<Vec<u32>>, target: u32) -> Option<(usize, usize)> {
                let _outer = Tracker("outer");
                for (r, row) in grid.iter().enumerate() {
                    let _row = Tracker::new("row");
                    for (c, cell) in row.iter().enumerate() {
                        let v = leaf("cell", *cell).await;
                        if v == target {
                            let _hit = Tracker("hit");
                            step("found").await;
                            return Some((r, c));
                        }
                    }
                    step("next-row").await;
                }
                None
            }
        }
    }
    run { pair(find(vec![vec![1, 2], vec![3, 4]], 3), find(vec![vec![1], vec![2]], 9)) }
}

#[derive(Debug, PartialEq)]
pub enum BankErr10 {
    NoAccount(String),
    Insufficient { need: i64, have: i64 },
    Frozen,
}

impl From<BankErr10> for String {
    fn from(e: BankErr10) -> String {
        format!("{e:?}")
    }
}

twin! {
    /// A bank: `transfer` calls `withdraw` and `deposit` (which call `balance`), `?` through
    /// `From<BankErr10> for String`, a rollback in an error arm with `map_err(..)?`.
    p10a_bank_transfer_rollback {
        pub struct Bank { pub acc: BTreeMap<String, i64>, pub frozen: HashSet<String> }
        impl Bank {
            lower! {
                pub async fn balance(&self, who: &str) -> Result<i64, BankErr10> {
                    step("bal").await;
                    self.acc.get(who).copied().ok_or_else(|| BankErr10::NoAccount(who.to_string()))
                }
            }
            lower! {
                pub async fn withdraw(&mut self, who: &str, amt: i64) -> Result<i64, BankErr10> {
                    if self.frozen.contains(who) {
                        return Err(BankErr10::Frozen);
                    }
                    let have = self.balance(who).await?;
                    if have < amt {
                        return Err(BankErr10::Insufficient { need: amt, have });
                    }
                    let left = leaf("debit", have - amt).await;
                    self.acc.insert(who.to_string(), left);
                    Ok(left)
                }
            }
            lower! {
                pub async fn deposit(&mut self, who: &str, amt: i64) -> Result<i64, BankErr10> {
                    let have = self.balance(who).await?;
                    *self.acc.get_mut(who).unwrap() = have + amt;
                    Ok(have + amt)
                }
            }
            lower! {
                pub async fn transfer(&mut self, from: &str, to: &str, amt: i64) -> Result<(i64, i64), String> {
                    let _tx = Tracker::new("tx");
                    let a = self.withdraw(from, amt).await?;
                    let b = match self.deposit(to, amt).await {
                        Ok(b) => b,
                        Err(e) => {
                            self.deposit(from, amt).await.map_err(|e2| format!("rollback failed: {e2:?}"))?;
                            return Err(e.into());
                        }
                    };
                    Ok((a, b))
                }
            }
        }
        lower! {
            pub async fn run() -> Vec<Result<(i64, i64), String>> {
                let mut bank = Bank {
                    acc: BTreeMap::from([("a".to_string(), 100), ("b".to_string(), 5)]),
                    frozen: HashSet::from(["f".to_string()]),
                };
                bank.acc.insert("f".into(), 50);
                let mut out = vec![];
                for (f, t, n) in [("a", "b", 30), ("b", "a", 100), ("a", "zz", 10), ("f", "a", 1), ("q", "a", 1)] {
                    out.push(bank.transfer(f, t, n).await);
                }
                out.push(Ok((bank.balance("a").await.unwrap_or(-1), bank.balance("b").await.unwrap_or(-1))));
                out
            }
        }
    }
    run { run() }
}

twin! {
    /// A cache with a generic `get_or_load<F, Fut>` (`FnOnce(String) -> Fut`), an early return
    /// of a clone from a borrow held across an await, `Rc` counts.
    p10a_cache_get_or_load {
        pub struct Cache { pub map: BTreeMap<String, Rc<Tracker>>, pub misses: u32 }
        impl Cache {
            lower! {
                pub async fn get_or_load<F, Fut>(&mut self, key: &str, load: F) -> Rc<Tracker>
                where
                    F: FnOnce(String) -> Fut,
                    Fut: Future<Output = Tracker>,
                {
                    if let Some(v) = self.map.get(key) {
                        step("hit").await;
                        return v.clone();
                    }
                    self.misses += 1;
                    let v = Rc::new(load(key.to_string()).await);
                    self.map.insert(key.to_string(), v.clone());
                    v
                }
            }
        }
        lower! {
            pub async fn load(k: String) -> Tracker {
                step("load").await;
                Tracker::new(if k == "a" { "va" } else { "vb" })
            }
        }
        lower! {
            pub async fn run() -> (Vec<String>, u32) {
                let mut c = Cache { map: BTreeMap::new(), misses: 0 };
                let mut got = vec![];
                for k in ["a", "b", "a", "a", "b"] {
                    let v = c.get_or_load(k, load).await;
                    got.push(format!("{k}={:?} rc={}", v, Rc::strong_count(&v)));
                }
                (got, c.misses)
            }
        }
    }
    run { run() }
}

twin! {
    /// Config lines parsed in a `for` with `continue`, `ok_or_else(..)?`, a `parse()?` through
    /// `From<ParseIntError>`, an early `return Err`, an await inside `insert`'s arguments.
    p10a_parse_config_lines {
        lower! {
            pub async fn parse_config(lines: Vec<&'static str>) -> Result<BTreeMap<String, u32>, AppErr10> {
                let mut out = BTreeMap::new();
                let _file = Tracker::new("file");
                for (no, raw) in lines.into_iter().enumerate() {
                    let line = leaf("read", raw).await.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    let (k, v) = line.split_once('=').ok_or_else(|| AppErr10::Parse(format!("line {}: no '='", no + 1)))?;
                    let v: u32 = v.trim().parse()?;
                    if v > 1000 {
                        return Err(AppErr10::Limit { max: 1000, got: v });
                    }
                    if out.insert(k.trim().to_string(), leaf("store", v).await).is_some() {
                        log(format!("dup {k}"));
                    }
                }
                Ok(out)
            }
        }
        lower! {
            pub async fn all() -> Vec<Result<BTreeMap<String, u32>, AppErr10>> {
                vec![
                    parse_config(vec!["# hi", "a = 1", "", "b=2", "a=3"]).await,
                    parse_config(vec!["a=1", "oops"]).await,
                    parse_config(vec!["a=x"]).await,
                    parse_config(vec!["a=5000", "b=1"]).await,
                ]
            }
        }
    }
    run { all() }
}

pub enum Conn10 {
    Idle,
    Connecting(Tracker),
    Up { sock: Tracker, sent: u32 },
    Closed(String),
}

twin! {
    /// A connection state machine in `&mut self`: `mem::replace` the state, `match` on
    /// (state, msg) with awaits in arms, an arm that assigns and returns early.
    p10a_conn_state_machine {
        pub struct Client { pub st: Conn10, pub id: u32 }
        impl Client {
            lower! {
                pub async fn tick(&mut self, msg: Option<&str>) -> bool {
                    let st = std::mem::replace(&mut self.st, Conn10::Idle);
                    self.st = match (st, msg) {
                        (Conn10::Idle, _) => {
                            step("dial").await;
                            Conn10::Connecting(Tracker::new("dialing"))
                        }
                        (Conn10::Connecting(t), _) => {
                            let ok = leaf("handshake", self.id % 2 == 1).await;
                            drop(t);
                            if ok { Conn10::Up { sock: Tracker::new("sock"), sent: 0 } } else { Conn10::Closed("handshake".into()) }
                        }
                        (Conn10::Up { sock, sent }, Some(m)) if sent < 2 => {
                            leaf("send", m.len()).await;
                            Conn10::Up { sock, sent: sent + 1 }
                        }
                        (Conn10::Up { sock, sent }, _) => {
                            log(format!("closing after {sent}"));
                            drop(sock);
                            step("fin").await;
                            Conn10::Closed("done".into())
                        }
                        (Conn10::Closed(why), _) => {
                            log(format!("closed: {why}"));
                            self.st = Conn10::Closed(why);
                            return false;
                        }
                    };
                    true
                }
            }
        }
        lower! {
            pub async fn run(id: u32) -> u32 {
                let mut c = Client { st: Conn10::Idle, id };
                let mut n = 0;
                while c.tick(Some("hi")).await {
                    n += 1;
                    if n > 10 {
                        break;
                    }
                }
                n
            }
        }
    }
    run { pair(run(1), run(2)) }
}

twin! {
    /// A generic `map_all<T, U, F, Fut>` over a `Vec` of trackers, the mapper an `async fn`
    /// taking the item by value; the rest of the input drops on a panic-free early stop.
    p10a_generic_map_all {
        lower! {
            pub async fn map_all<T, U, F, Fut>(items: Vec<T>, f: F, limit: usize) -> Vec<U>
            where
                F: Fn(T) -> Fut,
                Fut: Future<Output = Option<U>>,
            {
                let mut out = Vec::new();
                let mut it = items.into_iter();
                while let Some(item) = it.next() {
                    match f(item).await {
                        Some(u) => out.push(u),
                        None => continue,
                    }
                    if out.len() >= limit {
                        break;
                    }
                }
                log(format!("left {}", it.len()));
                out
            }
        }
        lower! {
            pub async fn describe(t: Tracker) -> Option<String> {
                let n = leaf("len", t.0.len()).await;
                if n % 2 == 0 { None } else { Some(format!("{}:{n}", t.0)) }
            }
        }
    }
    run {
        pair(
            map_all(vec![Tracker("a"), Tracker("bb"), Tracker("ccc"), Tracker("d"), Tracker("eeeee")], describe, 2),
            map_all(vec![Tracker("xx")], describe, 5),
        )
    }
}

twin! {
    /// First success among boxed futures awaited in order: return from inside the `for`
    /// over `into_iter().enumerate()`, the unpolled rest dropped.
    p10a_first_some_boxed {
        lower! {
            pub async fn probe(name: &'static str, hit: bool, t: Tracker) -> Option<Tracker> {
                step(name).await;
                if hit { Some(t) } else { None }
            }
        }
        lower! {
            pub async fn first(hits: [bool; 3]) -> Option<(usize, Tracker)> {
                let mut futs: Vec<Pin<Box<dyn Future<Output = Option<Tracker>>>>> = vec![];
                futs.push(Box::pin(probe("p0", hits[0], Tracker("r0"))));
                futs.push(Box::pin(probe("p1", hits[1], Tracker("r1"))));
                futs.push(Box::pin(async move {
                    let t = leaf("p2", Tracker("r2")).await;
                    if hits[2] { Some(t) } else { None }
                }));
                let _scope = Tracker("scope");
                for (i, f) in futs.into_iter().enumerate() {
                    if let Some(t) = f.await {
                        return Some((i, t));
                    }
                    log(format!("miss {i}"));
                }
                None
            }
        }
    }
    run { pair(first([false, true, true]), first([false, false, false])) }
}

twin! {
    /// Counting stock with `*map.entry(k).or_insert(0) += x.await` (primitive op-assign: the
    /// value is evaluated before the place) and `entry().or_default().push(..)`.
    p10a_entry_op_assign {
        lower! {
            pub async fn tally(items: Vec<(&'static str, u32)>) -> (BTreeMap<&'static str, u32>, BTreeMap<u32, Vec<&'static str>>) {
                let mut stock = BTreeMap::new();
                let mut by_qty: BTreeMap<u32, Vec<&'static str>> = BTreeMap::new();
                for (name, q) in items {
                    *stock.entry(val("key", name)).or_insert(0) += leaf("qty", q).await;
                    by_qty.entry(q).or_default().push(leaf("name", name).await);
                }
                (stock, by_qty)
            }
        }
    }
    run { tally(vec![("apple", 2), ("pear", 1), ("apple", 3), ("fig", 2)]) }
}

twin! {
    /// Awaits inside `format!`, `vec!`, `assert!`/`assert_eq!` and `write!` arguments.
    p10a_awaits_in_std_macros {
        lower! {
            pub async fn report(n: u32) -> (String, Vec<u32>, String) {
                use std::fmt::Write;
                let head = format!("{}-{}/{:>4}", leaf("a", n).await, leaf("b", "x").await, leaf("c", 7).await);
                let v = vec![leaf("v0", 1).await, n, leaf("v2", 3).await];
                assert_eq!(leaf("chk", v.len()).await, 3, "len was {}", v.len());
                assert!(step("ok").await == ());
                let mut s = String::new();
                write!(s, "[{}]", leaf("w", n * 2).await).unwrap();
                writeln!(s, "<{:?}>", leaf("t", Tracker("fmt")).await).unwrap();
                (head, v, s)
            }
        }
    }
    run { report(5) }
}

twin! {
    /// A struct literal whose fields come from awaited `?` calls: a later field failing drops
    /// the earlier fields (and a tracker made in between) in the right order.
    p10a_struct_literal_question_fields {
        #[derive(Debug)]
        pub struct Session { pub user: Tracker, pub token: Tracker, pub perms: Vec<String> }
        lower! {
            pub async fn load_user(ok: bool) -> Result<Tracker, AppErr10> {
                step("user").await;
                if ok { Ok(Tracker::new("user")) } else { Err(AppErr10::NotFound("user".into())) }
            }
        }
        lower! {
            pub async fn load_perms(n: u32) -> Result<Vec<String>, AppErr10> {
                let k = leaf("perms", n).await;
                if k > 2 { return Err(AppErr10::Limit { max: 2, got: k }); }
                Ok((0..k).map(|i| format!("p{i}")).collect())
            }
        }
        lower! {
            pub async fn login(ok: bool, n: u32) -> Result<Session, AppErr10> {
                let _span = Tracker("span");
                Ok(Session { user: load_user(ok).await?, token: Tracker::new("token"), perms: load_perms(n).await? })
            }
        }
        lower! {
            pub async fn all() -> Vec<Result<Session, AppErr10>> {
                vec![login(true, 2).await, login(false, 1).await, login(true, 5).await]
            }
        }
    }
    run { all() }
}

twin! {
    /// Shadowed locals (`let x = ..await; let x = x.parse()?; let x = Tracker..`): every
    /// shadowed tracker lives to the end of the scope.
    p10a_shadowing_chain {
        lower! {
            pub async fn f(raw: &'static str) -> Result<u32, AppErr10> {
                let x = leaf("raw", raw).await;
                let t = Tracker::new("t1");
                let x: u32 = x.trim().parse()?;
                let _t2 = (t, Tracker::new("t2"));
                let x = leaf("double", x * 2).await;
                let t = Tracker::new(if x > 10 { "big" } else { "small" });
                step("end").await;
                log(format!("{t:?}"));
                Ok(x)
            }
        }
    }
    run { pair(f(" 4 "), pair(f("9"), f("q"))) }
}

twin! {
    /// A trait with an associated type and `async fn next`, a generic `collect_all` with a
    /// `where S::Item: Debug` clause, a default `async fn` in the trait.
    p10a_trait_assoc_source {
        #[allow(async_fn_in_trait)]
        pub trait Source {
            type Item;
            async fn next(&mut self) -> Option<Self::Item>;
            async fn skip_n(&mut self, n: usize) -> usize {
                let mut k = 0;
                while k < n {
                    if self.next().await.is_none() {
                        break;
                    }
                    k += 1;
                }
                k
            }
        }
        pub struct Lines { pub data: VecDeque<&'static str>, pub _t: Tracker }
        impl Source for Lines {
            type Item = Tracker;
            lower! {
                async fn next(&mut self) -> Option<Tracker> {
                    let l = self.data.pop_front()?;
                    step("line").await;
                    Some(Tracker::new(l))
                }
            }
        }
        lower! {
            pub async fn collect_all<S>(s: &mut S, skip: usize) -> Vec<S::Item>
            where
                S: Source,
                S::Item: Debug,
            {
                let skipped = s.skip_n(skip).await;
                log(format!("skipped {skipped}"));
                let mut v = Vec::new();
                while let Some(x) = s.next().await {
                    log(format!("got {x:?}"));
                    v.push(x);
                }
                v
            }
        }
        lower! {
            pub async fn run() -> usize {
                let mut src = Lines { data: VecDeque::from(["a", "b", "c", "d"]), _t: Tracker("src") };
                let v = collect_all(&mut src, 2).await;
                v.len()
            }
        }
    }
    run { run() }
}

twin! {
    /// `Box<dyn Error>` results: `?` converting a `ParseIntError`, `Err("..".into())`, and a
    /// `String` error boxed by `?`.
    p10a_box_dyn_error {
        lower! {
            pub async fn read_num(s: &'static str) -> Result<u32, Box<dyn std::error::Error>> {
                let s = leaf("read", s).await;
                if s.is_empty() {
                    return Err("empty input".into());
                }
                let n: u32 = s.parse()?;
                if n == 0 {
                    Err(format!("zero from {s:?}"))?;
                }
                Ok(n)
            }
        }
        lower! {
            pub async fn sum(inputs: Vec<&'static str>) -> String {
                let _t = Tracker("sum");
                let mut total = 0;
                for s in inputs {
                    match read_num(s).await {
                        Ok(n) => total += n,
                        Err(e) => {
                            step("err").await;
                            return format!("error after {total}: {e}");
                        }
                    }
                }
                format!("total {total}")
            }
        }
    }
    run { pair(sum(vec!["1", "2"]), pair(sum(vec!["3", "", "4"]), pair(sum(vec!["x"]), sum(vec!["5", "0"])))) }
}

twin! {
    /// `let .. else` with awaits in the scrutinee and in the `else` block that returns.
    p10a_let_else_awaits {
        lower! {
            pub async fn f(input: Option<&'static str>) -> Result<u32, String> {
                let _g = Tracker::new("g");
                let Some(s) = leaf("in", input).await else {
                    step("none").await;
                    return Err("no input".into());
                };
                let t = Tracker::new("parsed");
                let Ok(n) = leaf("parse", s.parse::<u32>()).await else {
                    let msg = leaf("msg", format!("bad {s}")).await;
                    return Err(msg);
                };
                let [a, b] = [n / 10, n % 10];
                step("done").await;
                drop(t);
                Ok(a + b)
            }
        }
    }
    run { pair(f(Some("42")), pair(f(None), f(Some("x")))) }
}

twin! {
    /// Labelled `'outer` loops: `continue 'outer` and `break 'outer` from inside `match` arms
    /// after awaits, trackers per iteration.
    p10a_labelled_matrix {
        lower! {
            pub async fn scan(rows: Vec<Vec<i32>>) -> (i32, usize) {
                let mut sum = 0;
                let mut rows_done = 0;
                'outer: for row in rows {
                    let _r = Tracker::new("row");
                    for x in row {
                        let _c = Tracker("cell");
                        match leaf("x", x).await {
                            0 => continue 'outer,
                            n if n < 0 => {
                                step("neg").await;
                                break 'outer;
                            }
                            n => sum += n,
                        }
                    }
                    rows_done += 1;
                }
                (sum, rows_done)
            }
        }
    }
    run { scan(vec![vec![1, 2], vec![3, 0, 99], vec![4], vec![-1, 5], vec![7]]) }
}

twin! {
    /// A `RefCell` borrow guard held across an await and dropped explicitly, an `FnMut`
    /// closure counting calls held across awaits.
    p10a_refcell_and_fnmut_counter {
        lower! {
            pub async fn f(cell: &'static RefCell<Vec<u32>>) -> (u32, usize) {
                let mut calls = 0;
                let mut inc = |n: u32| {
                    calls += 1;
                    n * 2
                };
                let a = inc(leaf("a", 1).await);
                let mut g = cell.borrow_mut();
                g.push(leaf("push", a).await);
                g.push(inc(3));
                drop(g);
                step("after").await;
                let b = inc(leaf("b", 5).await);
                let len = cell.borrow().len();
                (a + b + calls, len)
            }
        }
    }
    run { f(leak(RefCell::new(vec![9]))) }
}

twin! {
    /// Newtype ids with `&self` async methods, a method awaiting two calls on `self` as the
    /// arguments of a third.
    p10a_newtype_self_calls {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct Id(pub u32);
        pub struct Resolver { pub names: Vec<&'static str>, pub _t: Tracker }
        impl Resolver {
            lower! {
                pub async fn name(&self, id: Id) -> Option<&'static str> {
                    step("name").await;
                    self.names.get(id.0 as usize).copied()
                }
            }
            lower! {
                pub async fn join(&self, a: Option<&str>, b: Option<&str>) -> String {
                    leaf("join", ()).await;
                    match (a, b) {
                        (Some(a), Some(b)) => format!("{a}&{b}"),
                        (Some(x), None) | (None, Some(x)) => x.to_string(),
                        (None, None) => "-".into(),
                    }
                }
            }
            lower! {
                pub async fn pair_name(&self, a: Id, b: Id) -> String {
                    self.join(self.name(a).await, self.name(b).await).await
                }
            }
        }
        lower! {
            pub async fn run() -> Vec<String> {
                let r = Resolver { names: vec!["ann", "bob"], _t: Tracker("resolver") };
                let mut v = vec![];
                for (a, b) in [(0, 1), (1, 5), (7, 8)] {
                    v.push(r.pair_name(Id(a), Id(b)).await);
                }
                v
            }
        }
    }
    run { run() }
}

twin! {
    /// `match` on an awaited status code with ranges, `@` bindings and guards, awaits in arms.
    p10a_status_code_match {
        lower! {
            pub async fn classify(code: u16) -> String {
                let _t = Tracker("req");
                match leaf("code", code).await {
                    200..=299 => "ok".into(),
                    c @ 300..=399 => {
                        let loc = leaf("loc", format!("/r{c}")).await;
                        format!("redirect {loc}")
                    }
                    404 => leaf("nf", "not found".to_string()).await,
                    c @ 400..=499 if c != 418 => format!("client {c}"),
                    418 => {
                        step("teapot").await;
                        "teapot".into()
                    }
                    c => format!("server {}", leaf("srv", c).await),
                }
            }
        }
        lower! {
            pub async fn all() -> Vec<String> {
                let mut v = vec![];
                for c in [200, 301, 404, 403, 418, 503] {
                    v.push(classify(c).await);
                }
                v
            }
        }
    }
    run { all() }
}

twin! {
    /// `collect::<Result<Vec<_>, _>>()` over results gathered by awaits; `sort_by_key` and
    /// an iterator pipeline over them after more awaits.
    p10a_collect_results_then_sort {
        lower! {
            pub async fn score(name: &'static str) -> Result<(u32, Tracker), AppErr10> {
                let n = leaf(name, name.len() as u32).await;
                if name.starts_with('!') { Err(AppErr10::Parse(name.into())) } else { Ok((n * 7 % 5, Tracker(name))) }
            }
        }
        lower! {
            pub async fn rank(names: Vec<&'static str>) -> Result<Vec<String>, AppErr10> {
                let mut raw = Vec::new();
                for n in &names {
                    raw.push(score(n).await);
                }
                let mut ok: Vec<(u32, Tracker)> = raw.into_iter().collect::<Result<_, _>>()?;
                step("sort").await;
                ok.sort_by_key(|(s, t)| (std::cmp::Reverse(*s), t.0));
                let top = leaf("top", 2).await;
                Ok(ok.iter().take(top).map(|(s, t)| format!("{}={s}", t.0)).collect())
            }
        }
    }
    run { pair(rank(vec!["ann", "bo", "cyrus", "dee"]), rank(vec!["a", "!b", "c"])) }
}

twin! {
    /// Recursive-descent parser with mutual recursion through `Box::pin` on `&mut Parser`,
    /// `?` through every level.
    p10a_recursive_descent_parser {
        pub struct Parser { pub toks: Vec<char>, pub pos: usize }
        impl Parser {
            pub fn peek(&self) -> Option<char> { self.toks.get(self.pos).copied() }
            pub fn bump(&mut self) -> Option<char> { let c = self.peek(); self.pos += 1; c }
        }
        lower! {
            pub async fn expr(p: &mut Parser) -> Result<i64, AppErr10> {
                let mut v = Box::pin(term(p)).await?;
                while let Some(op) = p.peek().filter(|c| *c == '+' || *c == '-') {
                    p.bump();
                    let r = Box::pin(term(p)).await?;
                    v = if op == '+' { v + r } else { v - r };
                }
                Ok(v)
            }
        }
        lower! {
            pub async fn term(p: &mut Parser) -> Result<i64, AppErr10> {
                let mut v = Box::pin(atom(p)).await?;
                while p.peek() == Some('*') {
                    p.bump();
                    v *= Box::pin(atom(p)).await?;
                }
                Ok(v)
            }
        }
        lower! {
            pub async fn atom(p: &mut Parser) -> Result<i64, AppErr10> {
                let _f = Tracker("atom");
                match p.bump() {
                    Some('(') => {
                        let v = Box::pin(expr(p)).await?;
                        match p.bump() {
                            Some(')') => Ok(v),
                            other => Err(AppErr10::Parse(format!("expected ) got {other:?}"))),
                        }
                    }
                    Some(c) if c.is_ascii_digit() => Ok(leaf("digit", c.to_digit(10).unwrap() as i64).await),
                    other => Err(AppErr10::Parse(format!("unexpected {other:?}"))),
                }
            }
        }
        lower! {
            pub async fn eval(s: &'static str) -> Result<i64, AppErr10> {
                let mut p = Parser { toks: s.chars().filter(|c| !c.is_whitespace()).collect(), pos: 0 };
                let v = expr(&mut p).await?;
                if p.pos < p.toks.len() {
                    return Err(AppErr10::Parse(format!("trailing at {}", p.pos)));
                }
                Ok(v)
            }
        }
    }
    run { pair(eval("2*(3+4)-5"), pair(eval("(1+2"), eval("1+2)"))) }
}

twin! {
    /// A generic struct `Queue<T>` with `&mut self` async push/pop and a `T: Debug + Clone`
    /// bound in the `impl`.
    p10a_generic_queue_impl {
        pub struct Queue<T> { pub items: VecDeque<T>, pub cap: usize, pub dropped: Vec<String> }
        impl<T: Debug + Clone> Queue<T> {
            lower! {
                pub async fn push(&mut self, t: T) -> bool {
                    step("push").await;
                    if self.items.len() >= self.cap {
                        let old = self.items.pop_front();
                        self.dropped.push(format!("{:?}", old));
                    }
                    self.items.push_back(t);
                    self.items.len() == self.cap
                }
            }
            lower! {
                pub async fn pop_matching(&mut self, pred: impl Fn(&T) -> bool) -> Option<T> {
                    let idx = self.items.iter().position(|x| pred(x))?;
                    leaf("pop", ()).await;
                    self.items.remove(idx)
                }
            }
        }
        lower! {
            pub async fn run() -> (Vec<bool>, Option<Tracker>, Vec<String>, usize) {
                let mut q = Queue { items: VecDeque::new(), cap: 2, dropped: vec![] };
                let mut full = vec![];
                for name in ["q1", "q2", "q3"] {
                    full.push(q.push(Rc::new(Tracker(name))).await);
                }
                let got = q.pop_matching(|t| t.0 == "q3").await;
                let t = got.and_then(|rc| Rc::try_unwrap(rc).ok());
                (full, t, std::mem::take(&mut q.dropped), q.items.len())
            }
        }
    }
    run { run() }
}

twin! {
    /// A trait default `async fn` calling a required one, overridden in one impl; dispatch
    /// through `&impl Trait` and through a generic.
    p10a_trait_default_async_method {
        #[allow(async_fn_in_trait)]
        pub trait Notifier {
            fn channel(&self) -> String;
            async fn deliver(&self, msg: &str) -> Result<(), AppErr10>;
            async fn notify_all(&self, msgs: &[&str]) -> (usize, Vec<String>) {
                let mut ok = 0;
                let mut errs = vec![];
                for m in msgs {
                    match self.deliver(m).await {
                        Ok(()) => ok += 1,
                        Err(e) => errs.push(format!("{}: {e}", self.channel())),
                    }
                }
                (ok, errs)
            }
        }
        pub struct Email(pub Tracker);
        pub struct Sms { pub max: usize }
        impl Notifier for Email {
            fn channel(&self) -> String { format!("mail:{}", self.0 .0) }
            lower! {
                async fn deliver(&self, msg: &str) -> Result<(), AppErr10> {
                    leaf("smtp", msg.len()).await;
                    if msg.contains('@') { Err(AppErr10::Parse(msg.into())) } else { Ok(()) }
                }
            }
        }
        impl Notifier for Sms {
            fn channel(&self) -> String { "sms".into() }
            lower! {
                async fn deliver(&self, msg: &str) -> Result<(), AppErr10> {
                    let n = leaf("sms", msg.len() as u32).await;
                    if n as usize > self.max { return Err(AppErr10::Limit { max: self.max as u32, got: n }); }
                    Ok(())
                }
            }
            lower! {
                async fn notify_all(&self, msgs: &[&str]) -> (usize, Vec<String>) {
                    let _batch = Tracker::new("sms-batch");
                    let joined = msgs.join(" ");
                    match self.deliver(&joined).await {
                        Ok(()) => (msgs.len(), vec![]),
                        Err(e) => (0, vec![e.to_string()]),
                    }
                }
            }
        }
        lower! {
            pub async fn both<N: Notifier>(a: &N, b: &impl Notifier, msgs: &[&str]) -> ((usize, Vec<String>), (usize, Vec<String>)) {
                let x = a.notify_all(msgs).await;
                (x, b.notify_all(msgs).await)
            }
        }
    }
    run {
        let e: &'static Email = leak(Email(Tracker("em")));
        let s: &'static Sms = leak(Sms { max: 8 });
        let msgs: &'static [&'static str] = leak(["hi", "a@b", "yo"]);
        pair(both(e, s, msgs), both(s, e, &msgs[..1]))
    }
}

twin! {
    /// A scope guard whose `Drop` runs a boxed `FnOnce` hook, disarmed on success, fired on
    /// the `?` path and on cancellation.
    p10a_scope_guard_hook {
        pub struct Guard { pub name: &'static str, pub hook: Option<Box<dyn FnOnce(&str)>> }
        impl Guard {
            pub fn disarm(&mut self) { self.hook = None; }
        }
        impl Drop for Guard {
            fn drop(&mut self) {
                if let Some(h) = self.hook.take() {
                    h(self.name);
                } else {
                    log(format!("guard {} disarmed", self.name));
                }
            }
        }
        lower! {
            pub async fn txn(fail_at: u32) -> Result<u32, AppErr10> {
                let t = Tracker("hook-capture");
                let mut g = Guard { name: "txn", hook: Some(Box::new(move |n| log(format!("rollback {n} {t:?}")))) };
                let mut done = 0;
                for i in 0..3 {
                    let v = leaf("op", i).await;
                    if v == fail_at {
                        Err(AppErr10::Io(v))?;
                    }
                    done += 1;
                }
                step("commit").await;
                g.disarm();
                Ok(done)
            }
        }
    }
    run { pair(txn(9), txn(1)) }
}

twin! {
    /// An event bus: a `BTreeMap<String, Vec<Box<dyn Fn(&str) -> String>>>` of subscribers,
    /// `publish` awaiting per subscriber, `get(..).map(..).unwrap_or(0)` on the result.
    p10a_event_bus {
        pub struct Bus { pub subs: BTreeMap<String, Vec<Box<dyn Fn(&str) -> String>>>, pub _t: Tracker }
        impl Bus {
            pub fn on(&mut self, topic: &str, f: impl Fn(&str) -> String + 'static) {
                self.subs.entry(topic.to_string()).or_default().push(Box::new(f));
            }
            lower! {
                pub async fn publish(&self, topic: &str, msg: &str) -> usize {
                    let Some(list) = self.subs.get(topic) else {
                        step("no-subs").await;
                        return 0;
                    };
                    let mut n = 0;
                    for (i, f) in list.iter().enumerate() {
                        let out = f(&leaf("msg", format!("{msg}#{i}")).await);
                        log(out);
                        n += 1;
                    }
                    n
                }
            }
        }
        lower! {
            pub async fn run() -> Vec<usize> {
                let mut bus = Bus { subs: BTreeMap::new(), _t: Tracker("bus") };
                let prefix = String::from(">>");
                bus.on("a", move |m| format!("{prefix} {m}"));
                bus.on("a", |m| m.to_uppercase());
                bus.on("b", |m| m.chars().rev().collect());
                let mut v = vec![];
                for t in ["a", "b", "c"] {
                    v.push(bus.publish(t, "hey").await);
                }
                v
            }
        }
    }
    run { run() }
}

twin! {
    /// A worker pool: `iter_mut()` over `self.workers` with awaits per worker, a `min_by_key`
    /// pick, `+=` of an awaited value into a field reached through a loop binding.
    p10a_worker_pool_iter_mut {
        pub struct Worker { pub id: u32, pub load: u32, pub _t: Tracker }
        pub struct Pool { pub workers: Vec<Worker> }
        impl Pool {
            lower! {
                pub async fn assign(&mut self, cost: u32) -> u32 {
                    let w = self.workers.iter_mut().min_by_key(|w| (w.load, w.id)).unwrap();
                    w.load += leaf("cost", cost).await;
                    w.id
                }
            }
            lower! {
                pub async fn decay(&mut self) -> u32 {
                    let mut total = 0;
                    for w in self.workers.iter_mut() {
                        w.load = w.load.saturating_sub(leaf("decay", 2).await);
                        total += w.load;
                    }
                    total
                }
            }
        }
        lower! {
            pub async fn run() -> (Vec<u32>, u32) {
                let mut p = Pool { workers: (0..3).map(|id| Worker { id, load: 0, _t: Tracker(["w0", "w1", "w2"][id as usize]) }).collect() };
                let mut who = vec![];
                for c in [5, 3, 4, 1, 2] {
                    who.push(p.assign(c).await);
                }
                let left = p.decay().await;
                (who, left)
            }
        }
    }
    run { run() }
}

twin! {
    /// Futures of a lowered fn collected from `iter().map(..)` into a `Vec` (not boxed), then
    /// awaited in a `for`; a `break` drops the rest unpolled.
    p10a_vec_of_unboxed_futures {
        lower! {
            pub async fn fetch(id: u32) -> (u32, Tracker) {
                let _span = Tracker(["span0", "span1", "span2", "span3"][id as usize]);
                (leaf("fetch", id * 10).await, Tracker(["r0", "r1", "r2", "r3"][id as usize]))
            }
        }
        lower! {
            pub async fn run(stop: u32) -> Vec<u32> {
                let ids = vec![0, 1, 2, 3];
                let tasks: Vec<_> = ids.iter().map(|&id| fetch(id)).collect();
                let mut out = vec![];
                for t in tasks {
                    let (v, tr) = t.await;
                    if v >= stop {
                        log(format!("stop at {tr:?}"));
                        break;
                    }
                    out.push(v);
                }
                out
            }
        }
    }
    run { pair(run(20), run(100)) }
}

twin! {
    /// `futures::future::join_all` and `join` of lowered calls awaited inside a lowered fn.
    p10a_join_all_lowered {
        lower! {
            pub async fn job(name: &'static str, n: u32) -> u32 {
                let _t = Tracker(name);
                step(name).await;
                leaf(name, n).await * 2
            }
        }
        lower! {
            pub async fn run() -> (Vec<u32>, (u32, u32)) {
                let all = futures::future::join_all(vec![job("j1", 1), job("j2", 2), job("j3", 3)]).await;
                let both = futures::future::join(job("ja", 10), job("jb", 20)).await;
                (all, both)
            }
        }
    }
    run { run() }
}

twin! {
    /// `futures::future::select` between two lowered futures: the loser is returned and
    /// either awaited later or dropped.
    p10a_select_loser {
        lower! {
            pub async fn slow(name: &'static str, steps: u32) -> Tracker {
                for _ in 0..steps {
                    step(name).await;
                }
                Tracker::new(name)
            }
        }
        lower! {
            pub async fn race(finish_loser: bool) -> String {
                let a = Box::pin(slow("fast", 1));
                let b = Box::pin(slow("slow", 4));
                match futures::future::select(a, b).await {
                    futures::future::Either::Left((t, rest)) => {
                        if finish_loser {
                            let u = rest.await;
                            format!("left {t:?} then {u:?}")
                        } else {
                            drop(rest);
                            format!("left {t:?}")
                        }
                    }
                    futures::future::Either::Right((t, _rest)) => format!("right {t:?}"),
                }
            }
        }
    }
    run { pair(race(true), race(false)) }
}

twin! {
    /// Awaits inside `matches!` and in `if let .. else if let .. else` conditions.
    p10a_matches_and_if_let_chain_else {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<&'static str, u32>) -> String {
                let _t = Tracker("f");
                let small = matches!(leaf("a", a).await, Some(1..=3));
                if let Some(x) = leaf("a2", a).await.filter(|x| *x > 3) {
                    format!("big {x} {small}")
                } else if let Ok(s) = leaf("b", b).await {
                    step("ok-b").await;
                    format!("b {s} {small}")
                } else if small {
                    "small".into()
                } else {
                    format!("none {}", leaf("tail", 0).await)
                }
            }
        }
    }
    run { pair(pair(f(Some(9), Ok("x")), f(Some(2), Err(1))), pair(f(None, Ok("y")), f(None, Err(2)))) }
}

twin! {
    /// Edition 2024 `let` chains with awaits in the scrutinees and in the conditions.
    p10a_let_chains {
        lower! {
            pub async fn f(a: Option<u32>, b: &'static str) -> String {
                let _t = Tracker::new("t");
                if let Some(x) = leaf("a", a).await
                    && x > 3
                    && let Ok(y) = leaf("b", b).await.parse::<u32>()
                    && leaf("check", x + y).await % 2 == 0
                {
                    step("in").await;
                    format!("both {x} {y}")
                } else {
                    "no".into()
                }
            }
        }
    }
    run { pair(pair(f(Some(5), "3"), f(Some(5), "4")), pair(f(Some(1), "1"), f(None, "x"))) }
}

twin! {
    /// `while let` over a `let` chain with a moved tracker and an await in the condition.
    p10a_while_let_chain {
        lower! {
            pub async fn f(mut q: VecDeque<(Tracker, u32)>) -> u32 {
                let mut sum = 0;
                while let Some((t, n)) = q.pop_front()
                    && leaf("budget", n).await < 5
                {
                    step("work").await;
                    log(format!("did {t:?}"));
                    sum += n;
                }
                sum
            }
        }
    }
    run { f(VecDeque::from([(Tracker("a"), 1), (Tracker("b"), 2), (Tracker("c"), 7), (Tracker("d"), 1)])) }
}

twin! {
    /// Edition 2024 async closures: `async |x| ..` bound to a local and called twice, and an
    /// `AsyncFn` bound on a lowered generic.
    p10a_async_closures {
        lower! {
            pub async fn apply<F: AsyncFn(u32) -> u32>(f: F, xs: &[u32]) -> u32 {
                let mut acc = 0;
                for x in xs {
                    acc += f(*x).await;
                }
                acc
            }
        }
        lower! {
            pub async fn run(k: u32) -> (u32, u32) {
                let t = Tracker("captured");
                let add = async |x: u32| {
                    step("closure").await;
                    x + k + t.0.len() as u32
                };
                let a = add(1).await + add(2).await;
                let b = apply(async |x| leaf("inner", x * k).await, &[1, 2, 3]).await;
                (a, b)
            }
        }
    }
    run { run(10) }
}

twin! {
    /// Ownership round-trips through awaited calls: `buf = process(buf).await` in a loop,
    /// `self.pending.take()` refilled from an awaited call.
    p10a_ownership_round_trip {
        lower! {
            pub async fn process(mut buf: Vec<Tracker>, i: usize) -> Vec<Tracker> {
                step("proc").await;
                if buf.len() > 2 {
                    buf.remove(0);
                }
                buf.push(Tracker(["b0", "b1", "b2", "b3", "b4"][i]));
                buf
            }
        }
        pub struct Runner { pub pending: Option<Tracker>, pub done: Vec<&'static str> }
        impl Runner {
            lower! {
                pub async fn next_job(&mut self, t: Tracker) -> Option<Tracker> {
                    self.done.push(t.0);
                    let n = leaf("next", self.done.len()).await;
                    if n < 3 { Some(Tracker(["j0", "j1", "j2"][n])) } else { None }
                }
            }
            lower! {
                pub async fn drive(&mut self) -> usize {
                    while let Some(job) = self.pending.take() {
                        self.pending = self.next_job(job).await;
                    }
                    self.done.len()
                }
            }
        }
        lower! {
            pub async fn run() -> (usize, usize) {
                let mut buf = Vec::new();
                for i in 0..5 {
                    buf = process(buf, i).await;
                }
                let mut r = Runner { pending: Some(Tracker("j-start")), done: vec![] };
                let n = r.drive().await;
                (buf.len(), n)
            }
        }
    }
    run { run() }
}

twin! {
    /// Destructuring an awaited tuple with a `_` part (dropped at the `let`) and an
    /// awaited struct with `..`.
    p10a_destructure_awaited_temp {
        pub struct Out { pub a: Tracker, pub b: Tracker, pub n: u32 }
        lower! {
            pub async fn make() -> (Tracker, Tracker, u32) {
                step("make").await;
                (Tracker("x"), Tracker("y"), 3)
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let (a, _, n) = make().await;
                step("mid").await;
                let Out { b, n: m, .. } = leaf("out", Out { a: Tracker("oa"), b: Tracker("ob"), n: 4 }).await;
                step("end").await;
                log(format!("{a:?} {b:?}"));
                n + m
            }
        }
    }
    run { f() }
}

twin! {
    /// Parameters with patterns and `_`: a native `async fn` keeps a `_` parameter alive
    /// to the end of the body.
    p10a_param_patterns {
        pub struct Point { pub x: i32, pub y: i32 }
        lower! {
            pub async fn f(_: Tracker, (a, _b): (Tracker, Tracker), Point { x, y }: Point, _unused: Tracker) -> i32 {
                step("one").await;
                log(format!("a={a:?}"));
                drop(a);
                leaf("two", x * y).await
            }
        }
    }
    run { f(Tracker("underscore"), (Tracker("pa"), Tracker("pb")), Point { x: 3, y: 4 }, Tracker("unused")) }
}

twin! {
    /// Word counting: a `split_whitespace` iterator held across awaits, `entry` counts, a
    /// `BTreeMap` turned into a sorted top-N list.
    p10a_word_count_top {
        lower! {
            pub async fn top(text: &'static str, n: usize) -> Vec<(String, u32)> {
                let mut counts: BTreeMap<String, u32> = BTreeMap::new();
                for w in text.split_whitespace() {
                    let w = leaf("word", w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).await;
                    if w.is_empty() {
                        continue;
                    }
                    *counts.entry(w).or_insert(0) += 1;
                }
                step("rank").await;
                let mut v: Vec<(String, u32)> = counts.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                v.truncate(n);
                v
            }
        }
    }
    run { top("The cat and the hat. The END, and -- fin", 3) }
}

twin! {
    /// Accumulating into `get_mut` entries across awaits, and `Option<u32>` `?` in a `&self`
    /// method returning `Option`.
    p10a_get_mut_and_option_question {
        pub struct Ledger { pub acc: BTreeMap<&'static str, u32>, pub _t: Tracker }
        impl Ledger {
            lower! {
                pub async fn credit(&mut self, k: &'static str, n: u32) -> bool {
                    if let Some(v) = self.acc.get_mut(k) {
                        *v += leaf("credit", n).await;
                        true
                    } else {
                        step("miss").await;
                        false
                    }
                }
            }
            lower! {
                pub async fn ratio(&self, a: &str, b: &str) -> Option<u32> {
                    let x = *self.acc.get(a)?;
                    let y = leaf("y", self.acc.get(b).copied()).await?;
                    let q = x.checked_div(y)?;
                    Some(leaf("q", q).await)
                }
            }
        }
        lower! {
            pub async fn run() -> (Vec<bool>, Vec<Option<u32>>) {
                let mut l = Ledger { acc: BTreeMap::from([("a", 10), ("b", 0)]), _t: Tracker("ledger") };
                let c = vec![l.credit("a", 5).await, l.credit("z", 1).await];
                let r = vec![l.ratio("a", "b").await, l.credit("b", 3).await.then_some(0), l.ratio("a", "b").await, l.ratio("q", "a").await];
                (c, r)
            }
        }
    }
    run { run() }
}

twin! {
    /// Shrink: `map.entry(k).or_default().push(x.await)`: a by-value method (`or_default`) in
    /// the receiver chain of a call whose argument awaits.
    p10a_min_entry_or_default_push_await {
        lower! {
            pub async fn f() -> BTreeMap<u32, Vec<u32>> {
                let mut m: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
                m.entry(1).or_default().push(leaf("v", 5).await);
                m
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: a user by-value method in a receiver chain, the outer `&mut self` call's
    /// argument awaits (`W::new().by_val().push(x.await)`).
    p10a_min_by_value_receiver_chain_arg_await {
        pub struct W(pub Vec<u32>, pub Tracker);
        impl W {
            pub fn by_val(mut self) -> W { self.0.push(0); self }
            pub fn push(&mut self, x: u32) -> usize { self.0.push(x); self.0.len() }
        }
        lower! {
            pub async fn f() -> usize {
                W(vec![], Tracker::new("w")).by_val().push(leaf("v", 5).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: `or_insert_with(..)` then `push_str(&x.await)` on the entry's value.
    p10a_min_entry_or_insert_with_push_str {
        lower! {
            pub async fn f() -> BTreeMap<&'static str, String> {
                let mut m = BTreeMap::new();
                m.entry("k").or_insert_with(String::new).push_str(&leaf("s", "ab".to_string()).await);
                m.entry("k").or_insert_with(String::new).push_str(&leaf("s", "cd".to_string()).await);
                m
            }
        }
    }
    run { f() }
}

twin! {
    /// Object-safe handlers: a trait returning `Pin<Box<dyn Future + 'a>>` whose impls box
    /// lowered helpers; a lowered dispatcher over `Vec<Box<dyn Handler>>`.
    p10a_dyn_handlers_boxed_future {
        pub trait Handler {
            fn name(&self) -> &'static str;
            fn handle<'a>(&'a self, req: &'a str) -> Pin<Box<dyn Future<Output = Option<String>> + 'a>>;
        }
        pub struct Echo;
        pub struct Upper(pub Tracker);
        lower! {
            pub async fn echo_impl(req: &str) -> Option<String> {
                step("echo").await;
                if req.starts_with('/') { None } else { Some(req.to_string()) }
            }
        }
        lower! {
            pub async fn upper_impl(u: &Upper, req: &str) -> Option<String> {
                let s = leaf("upper", req.to_uppercase()).await;
                Some(format!("{}:{s}", u.0 .0))
            }
        }
        impl Handler for Echo {
            fn name(&self) -> &'static str { "echo" }
            fn handle<'a>(&'a self, req: &'a str) -> Pin<Box<dyn Future<Output = Option<String>> + 'a>> {
                Box::pin(echo_impl(req))
            }
        }
        impl Handler for Upper {
            fn name(&self) -> &'static str { "upper" }
            fn handle<'a>(&'a self, req: &'a str) -> Pin<Box<dyn Future<Output = Option<String>> + 'a>> {
                Box::pin(upper_impl(self, req))
            }
        }
        lower! {
            pub async fn dispatch(hs: &[Box<dyn Handler>], req: &str) -> String {
                for h in hs {
                    let _span = Tracker(h.name());
                    if let Some(r) = h.handle(req).await {
                        return format!("{} -> {r}", h.name());
                    }
                }
                "unhandled".into()
            }
        }
    }
    run {
        let hs: &'static Vec<Box<dyn Handler>> = leak(vec![Box::new(Echo) as Box<dyn Handler>, Box::new(Upper(Tracker("up")))]);
        pair(dispatch(hs, "hi"), dispatch(hs, "/x"))
    }
}

twin! {
    /// `async fn .. -> impl Display` and a plain fn returning `impl Future` (an `async move`
    /// block) awaited by a lowered caller.
    p10a_impl_trait_returns {
        lower! {
            pub async fn label(n: u32) -> impl Display {
                let t = Tracker::new("label");
                step("label").await;
                format!("#{n}-{}", t.0)
            }
        }
        pub fn delayed(n: u32, t: Tracker) -> impl Future<Output = u32> {
            async move {
                step("delayed").await;
                n + t.0.len() as u32
            }
        }
        lower! {
            pub async fn run() -> String {
                let a = label(1).await;
                let d = delayed(5, Tracker("dt")).await;
                let b = label(d).await.to_string();
                format!("{a} {b}")
            }
        }
    }
    run { run() }
}

twin! {
    /// A hand-written `Budget<F>` future that gives up after N polls; the inner lowered future
    /// is dropped when it runs out, and the caller maps the error with `?`.
    p10a_poll_budget_wrapper {
        pub struct Budget<F> { pub inner: Pin<Box<F>>, pub left: u32 }
        impl<F: Future> Future for Budget<F> {
            type Output = Result<F::Output, AppErr10>;
            fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
                if self.left == 0 {
                    return std::task::Poll::Ready(Err(AppErr10::Io(408)));
                }
                self.left -= 1;
                match self.inner.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => std::task::Poll::Ready(Ok(v)),
                    std::task::Poll::Pending => std::task::Poll::Pending,
                }
            }
        }
        lower! {
            pub async fn work(n: u32) -> Tracker {
                let _w = Tracker::new("working");
                for _ in 0..n {
                    step("w").await;
                }
                Tracker::new("result")
            }
        }
        lower! {
            pub async fn run(n: u32, budget: u32) -> Result<Tracker, AppErr10> {
                let _outer = Tracker("outer");
                let t = Budget { inner: Box::pin(work(n)), left: budget }.await?;
                step("after").await;
                Ok(t)
            }
        }
    }
    run { pair(run(1, 100), run(3, 1)) }
}

twin! {
    /// An `&mut self` method awaiting a boxed future kept in a field
    /// (`self.fut.as_mut().unwrap().await`), then clearing it.
    p10a_future_in_field {
        pub struct Loader { pub fut: Option<Pin<Box<dyn Future<Output = u32>>>>, pub cached: Option<u32>, pub _t: Tracker }
        impl Loader {
            lower! {
                pub async fn get(&mut self) -> u32 {
                    if let Some(v) = self.cached {
                        return v;
                    }
                    let v = self.fut.as_mut().expect("no future").await;
                    self.fut = None;
                    self.cached = Some(v);
                    v
                }
            }
        }
        lower! {
            pub async fn inner(t: Tracker) -> u32 {
                step("inner").await;
                leaf("v", t.0.len() as u32).await
            }
        }
        lower! {
            pub async fn run() -> (u32, u32) {
                let mut l = Loader { fut: Some(Box::pin(inner(Tracker("cap")))), cached: None, _t: Tracker("loader") };
                let a = l.get().await;
                let b = l.get().await;
                (a, b)
            }
        }
    }
    run { run() }
}

#[derive(Debug, PartialEq)]
pub enum Cmd10 {
    Add(String, u32),
    Remove(String),
    List,
}

#[derive(Debug, PartialEq)]
pub struct CmdErr10(pub String);

impl std::str::FromStr for Cmd10 {
    type Err = CmdErr10;
    fn from_str(s: &str) -> Result<Self, CmdErr10> {
        let mut it = s.split_whitespace();
        match (it.next(), it.next(), it.next()) {
            (Some("add"), Some(n), Some(q)) => Ok(Cmd10::Add(n.into(), q.parse().map_err(|_| CmdErr10(format!("qty {q}")))?)),
            (Some("rm"), Some(n), None) => Ok(Cmd10::Remove(n.into())),
            (Some("ls"), None, None) => Ok(Cmd10::List),
            _ => Err(CmdErr10(format!("bad command {s:?}"))),
        }
    }
}

impl From<CmdErr10> for AppErr10 {
    fn from(e: CmdErr10) -> Self {
        AppErr10::Parse(e.0)
    }
}

twin! {
    /// An inventory shell: `line.parse::<Cmd10>()?` through two `From` impls, `match` on the
    /// command with awaits in arms and an early `return Err` from inside a `for`.
    p10a_inventory_shell {
        pub struct Inv { pub items: BTreeMap<String, u32>, pub _t: Tracker }
        impl Inv {
            lower! {
                pub async fn exec(&mut self, line: &str) -> Result<String, AppErr10> {
                    let cmd: Cmd10 = leaf("line", line).await.parse()?;
                    Ok(match cmd {
                        Cmd10::Add(name, q) => {
                            let total = {
                                let e = self.items.entry(name.clone()).or_insert(0);
                                *e += q;
                                *e
                            };
                            step("saved").await;
                            format!("{name}={total}")
                        }
                        Cmd10::Remove(name) => match self.items.remove(&name) {
                            Some(q) => format!("removed {name} ({})", leaf("rm", q).await),
                            None => return Err(AppErr10::NotFound(name)),
                        },
                        Cmd10::List => {
                            let mut s = String::new();
                            for (k, v) in &self.items {
                                s += &leaf("fmt", format!("{k}:{v} ")).await;
                            }
                            s
                        }
                    })
                }
            }
        }
        lower! {
            pub async fn session(lines: Vec<&'static str>) -> Result<Vec<String>, AppErr10> {
                let mut inv = Inv { items: BTreeMap::new(), _t: Tracker::new("inv") };
                let mut out = vec![];
                for l in lines {
                    let r = inv.exec(l).await?;
                    out.push(r);
                }
                Ok(out)
            }
        }
    }
    run {
        pair(
            session(vec!["add apple 3", "add pear 2", "add apple 1", "ls", "rm pear", "ls"]),
            pair(session(vec!["add x 1", "rm y", "ls"]), session(vec!["add x q"])),
        )
    }
}

twin! {
    /// `loop` yielding a value by `break` from a match whose guard awaits and whose arm moves
    /// the popped tracker.
    p10a_loop_break_awaiting_guard {
        lower! {
            pub async fn first_long(mut stack: Vec<Tracker>, min: usize) -> Option<Tracker> {
                let _scope = Tracker("scope");
                let found = loop {
                    match stack.pop() {
                        Some(t) if leaf("len", t.0.len()).await >= min => break Some(t),
                        Some(t) => {
                            step("skip").await;
                            log(format!("skipped {t:?}"));
                        }
                        None => break None,
                    }
                };
                step("found").await;
                found
            }
        }
    }
    run {
        pair(
            first_long(vec![Tracker("long-one"), Tracker("ab"), Tracker("c")], 4),
            first_long(vec![Tracker("x"), Tracker("y")], 4),
        )
    }
}

twin! {
    /// Chunked upload: `chunks()`, `zip`, `rev()` and an inline `sum` per chunk with an await,
    /// `return Err` past a limit.
    p10a_chunked_upload {
        lower! {
            pub async fn upload(data: Vec<u32>, limit: u32) -> Result<Vec<u32>, AppErr10> {
                let _conn = Tracker::new("conn");
                let mut acks = vec![];
                let mut sent = 0;
                for (i, chunk) in data.chunks(3).enumerate().rev() {
                    let s: u32 = chunk.iter().zip(1..).map(|(x, w)| x * w).sum();
                    sent += leaf("send", s).await;
                    if sent > limit {
                        return Err(AppErr10::Limit { max: limit, got: sent });
                    }
                    acks.push(i as u32 * 1000 + s);
                }
                step("flush").await;
                Ok(acks)
            }
        }
    }
    run { pair(upload(vec![1, 2, 3, 4, 5, 6, 7], 100), upload(vec![9, 9, 9, 9], 20)) }
}

twin! {
    /// A producer and a consumer sharing an `Rc<RefCell<VecDeque>>`, run together with
    /// `futures::future::join` inside a lowered fn.
    p10a_shared_queue_join {
        lower! {
            pub async fn producer(q: Rc<RefCell<VecDeque<Tracker>>>, n: usize) -> usize {
                let names = ["m0", "m1", "m2", "m3"];
                for name in names.iter().take(n) {
                    step("produce").await;
                    q.borrow_mut().push_back(Tracker(name));
                }
                n
            }
        }
        lower! {
            pub async fn consumer(q: Rc<RefCell<VecDeque<Tracker>>>, want: usize) -> Vec<&'static str> {
                let mut got = vec![];
                let mut spins = 0;
                while got.len() < want && spins < 20 {
                    let next = q.borrow_mut().pop_front();
                    match next {
                        Some(t) => got.push(leaf("consume", t).await.0),
                        None => {
                            spins += 1;
                            step("idle").await;
                        }
                    }
                }
                got
            }
        }
        lower! {
            pub async fn run() -> (usize, Vec<&'static str>, usize) {
                let q = Rc::new(RefCell::new(VecDeque::new()));
                let (p, c) = futures::future::join(producer(q.clone(), 4), consumer(q.clone(), 3)).await;
                let left = q.borrow().len();
                (p, c, left)
            }
        }
    }
    run { run() }
}

twin! {
    /// A panic deep in a service call: trackers in `self`, in the caller's locals and in the
    /// callee's locals are dropped by the unwinding.
    p10a_panic_in_service_call {
        pub struct Svc { pub _t: Tracker, pub n: u32 }
        impl Svc {
            lower! {
                pub async fn risky(&mut self, k: u32) -> u32 {
                    let _local = Tracker::new("risky-local");
                    self.n += leaf("n", k).await;
                    if self.n > 5 {
                        boom("risky").await;
                    }
                    self.n
                }
            }
        }
        lower! {
            pub async fn run() -> u32 {
                let mut s = Svc { _t: Tracker::new("svc"), n: 0 };
                let _a = Tracker::new("run-a");
                let mut total = 0;
                for k in [2, 2, 2] {
                    let _iter = Tracker("iter");
                    total += s.risky(k).await;
                }
                total
            }
        }
    }
    run { run() }
}

twin! {
    /// `match &self.state` borrowing `self` across awaits in arms, with a nested `if let` on a
    /// field of the borrowed variant.
    p10a_match_ref_self_state {
        pub enum St { Ready(Tracker, Option<u32>), Busy { job: String }, Off }
        pub struct M { pub state: St }
        impl M {
            lower! {
                pub async fn describe(&self) -> String {
                    match &self.state {
                        St::Ready(t, prio) => {
                            step("ready").await;
                            if let Some(p) = prio {
                                format!("{} p{}", t.0, leaf("prio", *p).await)
                            } else {
                                t.0.to_string()
                            }
                        }
                        St::Busy { job } if job.len() > 3 => format!("busy long {}", leaf("job", job.as_str()).await),
                        St::Busy { job } => format!("busy {job}"),
                        St::Off => "off".into(),
                    }
                }
            }
        }
        lower! {
            pub async fn run() -> Vec<String> {
                let ms = vec![
                    M { state: St::Ready(Tracker("r1"), Some(2)) },
                    M { state: St::Ready(Tracker("r2"), None) },
                    M { state: St::Busy { job: "index".into() } },
                    M { state: St::Busy { job: "gc".into() } },
                    M { state: St::Off },
                ];
                let mut v = vec![];
                for m in &ms {
                    v.push(m.describe().await);
                }
                v
            }
        }
    }
    run { run() }
}

twin! {
    /// Memoized recursion through `Box::pin` with a `&mut BTreeMap` memo passed down.
    p10a_memo_recursion_mut_ref {
        lower! {
            pub async fn ways(n: u32, memo: &mut BTreeMap<u32, u64>) -> u64 {
                if n <= 1 {
                    return 1;
                }
                if let Some(v) = memo.get(&n) {
                    return *v;
                }
                step("compute").await;
                let a = Box::pin(ways(n - 1, memo)).await;
                let b = Box::pin(ways(n - 2, memo)).await;
                memo.insert(n, a + b);
                a + b
            }
        }
        lower! {
            pub async fn run(n: u32) -> (u64, usize) {
                let mut memo = BTreeMap::new();
                let _t = Tracker("memo");
                let w = ways(n, &mut memo).await;
                (w, memo.len())
            }
        }
    }
    run { run(6) }
}

twin! {
    /// `String + &x.await`: a by-value `Add` on a temporary `String` with an awaiting right
    /// operand, and `+=` on a local.
    p10a_string_concat_await {
        lower! {
            pub async fn greet(first: &'static str, last: &'static str) -> String {
                let full = first.to_string() + " " + &leaf("last", last.to_uppercase()).await;
                let mut s = String::from("Hello, ");
                s += &full;
                s += &leaf("bang", "!".to_string()).await;
                s
            }
        }
    }
    run { greet("ada", "lovelace") }
}

twin! {
    /// A builder method taking `self` whose argument awaits
    /// (`Req::new().header(x.await)`), on a temporary receiver.
    p10a_builder_arg_await {
        #[derive(Debug)]
        pub struct B { pub parts: Vec<String>, pub _t: Tracker }
        impl B {
            pub fn new() -> B { B { parts: vec![], _t: Tracker::new("b") } }
            pub fn part(mut self, p: String) -> B { self.parts.push(p); self }
        }
        lower! {
            pub async fn f() -> B {
                B::new().part(leaf("p", "x".to_string()).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `v.drain(..)` iterated with awaits and left early: the drained rest drops with the
    /// `Drain`; `mem::take` of a field across awaits and refilled.
    p10a_drain_and_take {
        pub struct Outbox { pub buf: Vec<Tracker>, pub sent: Vec<&'static str> }
        impl Outbox {
            lower! {
                pub async fn flush(&mut self, max: usize) -> usize {
                    let mut n = 0;
                    for t in self.buf.drain(..) {
                        if n == max {
                            log("budget hit");
                            break;
                        }
                        step("send").await;
                        self.sent.push(t.0);
                        n += 1;
                    }
                    n
                }
            }
            lower! {
                pub async fn swap_batch(&mut self) -> usize {
                    let batch = std::mem::take(&mut self.buf);
                    let k = leaf("batch", batch.len()).await;
                    self.buf = batch.into_iter().rev().collect();
                    step("swapped").await;
                    k
                }
            }
        }
        lower! {
            pub async fn run() -> (usize, usize, usize, Vec<&'static str>) {
                let mut o = Outbox { buf: vec![Tracker("m1"), Tracker("m2"), Tracker("m3"), Tracker("m4")], sent: vec![] };
                let k = o.swap_batch().await;
                let a = o.flush(2).await;
                o.buf.push(Tracker("m5"));
                let b = o.flush(5).await;
                (k, a, b, o.sent.clone())
            }
        }
    }
    run { run() }
}

twin! {
    /// Struct update syntax with a temporary base (`..Default::default()`), fields awaited.
    p10a_struct_update_default_base {
        #[derive(Debug, Default)]
        pub struct Cfg { pub host: String, pub port: u16, pub retries: u32, pub tags: Vec<String> }
        lower! {
            pub async fn load(port: u16) -> Cfg {
                let _t = Tracker::new("load");
                Cfg { port: leaf("port", port).await, host: leaf("host", "h".to_string()).await, ..Default::default() }
            }
        }
        lower! {
            pub async fn run() -> (Cfg, Cfg) {
                let a = load(80).await;
                let base = Cfg { retries: 3, ..Default::default() };
                let b = Cfg { tags: vec![leaf("tag", "t".to_string()).await], ..base };
                (a, b)
            }
        }
    }
    run { run() }
}

// Known gap: DROP ORDER: a `match` arm with an or-pattern (`(Err(e), _) | (_, Err(e))`) moving part of its scrutinee and awaiting: the parts it leaves drop at the arm's first await instead of at the end of the `match` (a `_` is bound and kept in the arm only in a pattern without `|`).
#[cfg(feature = "known-gaps")]
twin! {
    /// `match (a.await, b.await)` on a tuple of results holding trackers, with an or-pattern
    /// binding the error from either side; the unbound parts drop at the end of the match.
    p10a_match_tuple_of_awaited_results {
        lower! {
            pub async fn load(name: &'static str, ok: bool) -> Result<Tracker, String> {
                step(name).await;
                if ok { Ok(Tracker(name)) } else { Err(format!("{name} failed")) }
            }
        }
        lower! {
            pub async fn both(a: bool, b: bool) -> String {
                let _s = Tracker("scope");
                match (load("A", a).await, load("B", b).await) {
                    (Ok(x), Ok(y)) => {
                        step("both").await;
                        format!("{x:?}+{y:?}")
                    }
                    (Err(e), _) | (_, Err(e)) => {
                        let m = leaf("err", e).await;
                        format!("error: {m}")
                    }
                }
            }
        }
    }
    run { pair(pair(both(true, true), both(false, true)), both(true, false)) }
}

twin! {
    /// Assignments into places computed with awaits: `v[i.await] = Tracker::new(..)` (the value
    /// is evaluated before the place), `*map.get_mut(..).unwrap() = x.await`, indexed `+=`.
    p10a_assign_into_awaited_place {
        pub struct Slots { pub v: Vec<Tracker>, pub hits: Vec<u32> }
        lower! {
            pub async fn f() -> (Vec<&'static str>, BTreeMap<&'static str, u32>, Vec<u32>) {
                let mut s = Slots { v: vec![Tracker("s0"), Tracker("s1")], hits: vec![0, 0] };
                s.v[leaf("idx", 1).await] = Tracker::new("new1");
                let mut m = BTreeMap::from([("a", 1)]);
                *m.get_mut("a").unwrap() = leaf("val", 7).await;
                s.hits[val("hidx", 0)] += leaf("hit", 3).await;
                s.hits[1] = s.hits[0] + leaf("sum", 1).await;
                step("end").await;
                (s.v.iter().map(|t| t.0).collect(), m, s.hits.clone())
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(ref mut x) = self.slot { *x += ..await }` and `if let Some(x) = &mut
    /// self.slot`, with the slot replaced after.
    p10a_ref_mut_slot {
        pub struct Acc { pub slot: Option<u32>, pub named: Option<(Tracker, u32)> }
        impl Acc {
            lower! {
                pub async fn add(&mut self, n: u32) -> u32 {
                    if let Some(ref mut x) = self.slot {
                        *x += leaf("add", n).await;
                    } else {
                        self.slot = Some(leaf("init", n).await);
                    }
                    if let Some((t, c)) = &mut self.named {
                        *c += 1;
                        step("named").await;
                        log(format!("{t:?} {c}"));
                        if *c >= 2 {
                            self.named = Some((Tracker::new("renamed"), 0));
                        }
                    }
                    self.slot.unwrap_or_default()
                }
            }
        }
        lower! {
            pub async fn run() -> Vec<u32> {
                let mut a = Acc { slot: None, named: Some((Tracker("first"), 0)) };
                let mut v = vec![];
                for n in [1, 2, 3] {
                    v.push(a.add(n).await);
                }
                v
            }
        }
    }
    run { run() }
}

twin! {
    /// `futures::future::try_join_all` of lowered fallible calls with `?`, the other
    /// in-flight futures dropped on the first error.
    p10a_try_join_all {
        lower! {
            pub async fn check(name: &'static str, ok: bool) -> Result<Tracker, AppErr10> {
                let _g = Tracker(name);
                step(name).await;
                if ok { Ok(Tracker::new("ok")) } else { Err(AppErr10::NotFound(name.into())) }
            }
        }
        lower! {
            pub async fn run(fail: bool) -> Result<usize, AppErr10> {
                let v = futures::future::try_join_all(vec![check("c1", true), check("c2", !fail), check("c3", true)]).await?;
                Ok(v.len())
            }
        }
    }
    run { pair(run(false), run(true)) }
}

twin! {
    /// A filter closure borrowing `self` inside a `for` header, with awaits in the body.
    p10a_filter_closure_borrows_self {
        pub struct Acl { pub banned: Vec<&'static str>, pub _t: Tracker }
        impl Acl {
            pub fn allowed(&self, u: &str) -> bool { !self.banned.contains(&u) }
            lower! {
                pub async fn greet_all(&self, users: &[&'static str]) -> Vec<String> {
                    let mut out = vec![];
                    for u in users.iter().filter(|u| self.allowed(u)) {
                        out.push(leaf("greet", format!("hi {u}")).await);
                    }
                    let blocked = users.iter().filter(|u| !self.allowed(u)).count();
                    step("done").await;
                    out.push(format!("blocked {blocked}"));
                    out
                }
            }
        }
    }
    run {
        let a: &'static Acl = leak(Acl { banned: vec!["eve"], _t: Tracker("acl") });
        a.greet_all(&["ann", "eve", "bob"])
    }
}

twin! {
    /// Shrink: `match` on a tuple temporary, an arm binding one element by move; the `_`
    /// element stays in the scrutinee temporary until the end of the `match`.
    p10a_min_match_tuple_temp_unbound_part {
        lower! {
            pub async fn f() -> u32 {
                match (Tracker::new("a"), Tracker::new("b")) {
                    (x, _) => {
                        step("arm").await;
                        log(format!("{x:?}"));
                        1
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: as above, the scrutinee an awaited tuple.
    p10a_min_match_awaited_tuple_unbound_part {
        lower! {
            pub async fn f() -> u32 {
                match leaf("pair", (Tracker("a"), Tracker("b"))).await {
                    (x, _) => {
                        step("arm").await;
                        drop(x);
                        1
                    }
                }
            }
        }
    }
    run { f() }
}

// Known gap: as p10a_match_tuple_of_awaited_results (or-pattern moving out of a tuple temporary).
#[cfg(feature = "known-gaps")]
twin! {
    /// Shrink: an or-pattern binding by move from either side of a tuple temporary.
    p10a_min_match_tuple_or_pattern_move {
        lower! {
            pub async fn f(left: bool) -> String {
                let r: (Result<Tracker, String>, Result<Tracker, String>) = if left {
                    (Err("l".into()), Ok(Tracker::new("r-ok")))
                } else {
                    (Ok(Tracker::new("l-ok")), Err("r".into()))
                };
                match r {
                    (Err(e), _) | (_, Err(e)) => {
                        step("arm").await;
                        e
                    }
                    _ => String::new(),
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Shrink: `if let` on a tuple temporary moving one element, an await in the body.
    p10a_min_if_let_tuple_temp_unbound_part {
        lower! {
            pub async fn f() -> u32 {
                if let (Some(x), _) = (Some(Tracker::new("a")), Tracker::new("b")) {
                    step("body").await;
                    drop(x);
                }
                step("after").await;
                2
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: a struct temporary with one field moved out by the arm pattern.
    p10a_min_match_struct_temp_unbound_field {
        pub struct P { pub a: Tracker, pub b: Tracker }
        lower! {
            pub async fn f() -> u32 {
                match (P { a: Tracker::new("a"), b: Tracker::new("b") }) {
                    P { a, .. } => {
                        step("arm").await;
                        drop(a);
                        3
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple temporary matched with bindings that only copy (`(_, n)`): the whole
    /// temporary lives to the end of the `match`.
    p10a_match_tuple_temp_copy_binding {
        lower! {
            pub async fn f() -> u32 {
                let r = match (Tracker::new("a"), leaf("n", 4u32).await) {
                    (_, n) => {
                        step("arm").await;
                        n
                    }
                };
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A `ref` binding into a temporary scrutinee across an await.
    p10a_match_temp_ref_binding {
        lower! {
            pub async fn f() -> usize {
                match (Some(Tracker::new("a")), Tracker::new("b")) {
                    (Some(ref t), _) => {
                        step("arm").await;
                        t.0.len()
                    }
                    (None, ref b) => b.0.len(),
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A request/response pair returned from an awaited call and split in a `match`: the
    /// handler keeps the request, the response is left in the scrutinee.
    p10a_match_awaited_pair_keep_one {
        #[derive(Debug)]
        pub struct Rq(pub Tracker, pub u32);
        #[derive(Debug)]
        pub struct Rs(pub Tracker, pub u16);
        lower! {
            pub async fn roundtrip(id: u32) -> (Rq, Rs) {
                step("rt").await;
                (Rq(Tracker("rq"), id), Rs(Tracker("rs"), if id % 2 == 0 { 200 } else { 500 }))
            }
        }
        lower! {
            pub async fn handle(id: u32) -> String {
                match roundtrip(id).await {
                    (rq, Rs(_, 200)) => {
                        step("ok").await;
                        format!("ok {}", rq.1)
                    }
                    (rq, _) => {
                        let n = leaf("retry", rq.1).await;
                        format!("retry {n}")
                    }
                }
            }
        }
    }
    run { pair(handle(2), handle(3)) }
}

twin! {
    /// A session manager: `BTreeMap<u32, Session>` with `remove` returning an owned session
    /// consumed across awaits, `retain` after awaits, `values_mut` loop with awaits.
    p10a_session_manager {
        pub struct Session { pub user: &'static str, pub ttl: u32, pub _t: Tracker }
        pub struct Mgr { pub s: BTreeMap<u32, Session>, pub next: u32 }
        impl Mgr {
            lower! {
                pub async fn open(&mut self, user: &'static str) -> u32 {
                    let id = self.next;
                    self.next += 1;
                    let ttl = leaf("ttl", user.len() as u32).await;
                    self.s.insert(id, Session { user, ttl, _t: Tracker(user) });
                    id
                }
            }
            lower! {
                pub async fn tick(&mut self) -> usize {
                    for s in self.s.values_mut() {
                        s.ttl = s.ttl.saturating_sub(leaf("dec", 2).await);
                    }
                    step("gc").await;
                    let before = self.s.len();
                    self.s.retain(|_, s| s.ttl > 0);
                    before - self.s.len()
                }
            }
            lower! {
                pub async fn close(&mut self, id: u32) -> Result<String, AppErr10> {
                    let s = self.s.remove(&id).ok_or(AppErr10::NotFound(format!("session {id}")))?;
                    step("logout").await;
                    Ok(format!("{} left with ttl {}", s.user, s.ttl))
                }
            }
        }
        lower! {
            pub async fn run() -> (Vec<u32>, usize, Vec<Result<String, AppErr10>>, usize) {
                let mut m = Mgr { s: BTreeMap::new(), next: 1 };
                let ids = vec![m.open("al").await, m.open("bobby").await, m.open("cy").await];
                let expired = m.tick().await;
                let closed = vec![m.close(2).await, m.close(1).await];
                (ids, expired, closed, m.s.len())
            }
        }
    }
    run { run() }
}

twin! {
    /// A `Result<Option<T>, E>` service call unwrapped with `?` then `match` with `Some`/`None`,
    /// `transpose` of an awaited `Option<Result>`.
    p10a_result_option_layers {
        lower! {
            pub async fn find(id: u32) -> Result<Option<Tracker>, AppErr10> {
                step("find").await;
                match id {
                    0 => Err(AppErr10::Io(0)),
                    1 => Ok(None),
                    _ => Ok(Some(Tracker(["x", "y", "z"][id as usize % 3]))),
                }
            }
        }
        lower! {
            pub async fn name_of(id: u32, raw: Option<&'static str>) -> Result<String, AppErr10> {
                let extra: Option<u32> = leaf("raw", raw.map(|s| s.parse::<u32>())).await.transpose()?;
                let Some(t) = find(id).await? else {
                    return Ok(format!("none+{}", extra.unwrap_or_default()));
                };
                step("found").await;
                Ok(format!("{}+{}", t.0, extra.map_or(0, |e| e * 2)))
            }
        }
    }
    run { pair(pair(name_of(2, Some("3")), name_of(1, None)), pair(name_of(0, None), name_of(5, Some("q")))) }
}

twin! {
    /// Shrink: a tuple temporary matched by `(_, n)` (a copying binding): the tracker in the
    /// temporary must live to the end of the `match`.
    p10a_min_match_temp_copy_binding {
        lower! {
            pub async fn f() -> u32 {
                match (Tracker::new("a"), 1u32) {
                    (_, n) => {
                        step("arm").await;
                        n
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Control: a tuple temporary matched by `_` with an awaiting arm.
    p10a_ctl_match_temp_wildcard {
        lower! {
            pub async fn f() -> u32 {
                match (Tracker::new("a"), 1u32) {
                    _ => {
                        step("arm").await;
                        1
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Control: a tracker temporary matched by a binding-free pattern with a literal.
    p10a_ctl_match_temp_literal_pattern {
        lower! {
            pub async fn f() -> u32 {
                match (Tracker::new("a"), 1u32) {
                    (_, 1) => {
                        step("arm").await;
                        1
                    }
                    _ => 0,
                }
            }
        }
    }
    run { f() }
}
