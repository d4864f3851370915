//! Probe round 8a: classic async programs ported the way a learner or a grader writes them
//! (a mini redis, a chat room, a token bucket, retry with backoff, pipelines, chunk parsers,
//! bank transfers, an LRU cache, worker pools, tokenizers, JSON-like trees), with awaits in
//! conditions, scrutinees, arms, loop bodies, call arguments and struct literals, and
//! trackers in structs, options, vecs and tuples.
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::RefCell;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};
#[allow(unused_imports)]
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq)]
pub enum Cmd8 {
    Get(String),
    Set(String, String),
    Del(String),
    Incr(String),
    Ping(Option<String>),
}

#[derive(Debug, PartialEq)]
pub enum Frame8 {
    Simple(String),
    Bulk(String),
    Null,
    Int(i64),
    Error(String),
}

twin! {
    /// A mini-redis command handler over a HashMap: `match` on an enum with data, awaits in arms.
    p8a_redis_handler {
        pub struct Db { pub map: HashMap<String, String>, pub _g: Tracker }
        impl Db {
            lower! {
                pub async fn apply(&mut self, cmd: Cmd8) -> Frame8 {
                    match cmd {
                        Cmd8::Get(k) => match self.map.get(&k) {
                            Some(v) => Frame8::Bulk(leaf("get", v.clone()).await),
                            None => Frame8::Null,
                        },
                        Cmd8::Set(k, v) => {
                            step("set").await;
                            self.map.insert(k, v);
                            Frame8::Simple("OK".into())
                        }
                        Cmd8::Del(k) => Frame8::Int(self.map.remove(&k).map(|_| 1).unwrap_or(0)),
                        Cmd8::Incr(k) => {
                            let cur = self.map.get(&k).cloned().unwrap_or_else(|| "0".to_string());
                            match cur.parse::<i64>() {
                                Ok(n) => {
                                    let n = leaf("incr", n + 1).await;
                                    self.map.insert(k, n.to_string());
                                    Frame8::Int(n)
                                }
                                Err(e) => Frame8::Error(format!("ERR {e}")),
                            }
                        }
                        Cmd8::Ping(msg) => Frame8::Simple(msg.unwrap_or_else(|| "PONG".into())),
                    }
                }
            }
        }
        lower! {
            pub async fn serve(cmds: Vec<Cmd8>) -> Vec<Frame8> {
                let mut db = Db { map: HashMap::new(), _g: Tracker("db") };
                let mut out = Vec::with_capacity(cmds.len());
                for cmd in cmds {
                    let f = db.apply(cmd).await;
                    out.push(f);
                }
                out
            }
        }
    }
    run {
        serve(vec![
            Cmd8::Set("a".into(), "1".into()), Cmd8::Get("a".into()), Cmd8::Incr("a".into()),
            Cmd8::Incr("b".into()), Cmd8::Set("c".into(), "x".into()), Cmd8::Incr("c".into()),
            Cmd8::Del("a".into()), Cmd8::Get("a".into()), Cmd8::Ping(None), Cmd8::Ping(Some("hi".into())),
        ])
    }
}

twin! {
    /// Parses command lines read with awaits: slice patterns on a `Vec<&str>`, an await in an arm.
    p8a_redis_parse {
        lower! {
            pub async fn parse(line: &'static str) -> Result<Cmd8, String> {
                let line = leaf("line", line).await;
                let parts: Vec<&str> = line.split_whitespace().collect();
                let cmd = match parts.as_slice() {
                    ["GET", k] => Cmd8::Get(k.to_string()),
                    ["SET", k, v] => Cmd8::Set(k.to_string(), leaf("val", v.to_uppercase()).await),
                    ["DEL", k] => Cmd8::Del((*k).into()),
                    ["INCR", k] => Cmd8::Incr(k.to_string()),
                    ["PING"] => Cmd8::Ping(None),
                    ["PING", rest @ ..] => Cmd8::Ping(Some(rest.join(" "))),
                    [] => return Err("empty".to_string()),
                    [other, ..] => return Err(format!("unknown {other}")),
                };
                step("parsed").await;
                Ok(cmd)
            }
        }
        lower! {
            pub async fn all() -> Vec<Result<Cmd8, String>> {
                let mut v = vec![];
                for l in ["GET a", "SET b hello", "PING", "PING x y", "", "FOO 1", "INCR n"] {
                    v.push(parse(l).await);
                }
                v
            }
        }
    }
    run { all() }
}

twin! {
    /// A chat room broadcasting to members' inboxes; a member leaves (partial move at the end).
    p8a_chat_room {
        pub struct Member { pub name: String, pub inbox: Vec<String>, pub conn: Tracker }
        pub struct Room { pub members: Vec<Member> }
        impl Room {
            lower! {
                pub async fn broadcast(&mut self, from: &str, msg: &str) -> usize {
                    let line = leaf("fmt", format!("<{from}> {msg}")).await;
                    let mut sent = 0;
                    for m in self.members.iter_mut().filter(|m| m.name != from) {
                        step("send").await;
                        m.inbox.push(line.clone());
                        sent += 1;
                    }
                    sent
                }
            }
            lower! {
                pub async fn leave(&mut self, name: &str) -> Option<Vec<String>> {
                    let pos = self.members.iter().position(|m| m.name == name)?;
                    let m = self.members.remove(pos);
                    self.broadcast(name, "left").await;
                    Some(m.inbox)
                }
            }
        }
        lower! {
            pub async fn chat() -> (Vec<usize>, Option<Vec<String>>, Vec<(String, usize)>) {
                let mut room = Room { members: Vec::new() };
                for (n, t) in [("ann", "c1"), ("bob", "c2"), ("cy", "c3")] {
                    room.members.push(Member { name: n.to_string(), inbox: vec![], conn: Tracker(t) });
                    step("join").await;
                }
                let mut counts = vec![];
                counts.push(room.broadcast("ann", "hi").await);
                counts.push(room.broadcast("bob", "yo").await);
                let bob = room.leave("bob").await;
                counts.push(room.broadcast("cy", "bye").await);
                let rest = room.members.iter().map(|m| (m.name.clone(), m.inbox.len())).collect();
                (counts, bob, rest)
            }
        }
    }
    run { chat() }
}

twin! {
    /// A token bucket: an awaited `while` condition, `continue` after an awaited refill.
    p8a_token_bucket {
        pub struct Bucket { pub tokens: u32, pub cap: u32, pub refill: u32 }
        impl Bucket {
            pub fn try_take(&mut self) -> bool {
                if self.tokens > 0 { self.tokens -= 1; true } else { false }
            }
            lower! {
                pub async fn tick(&mut self) {
                    step("tick").await;
                    self.tokens = (self.tokens + self.refill).min(self.cap);
                }
            }
        }
        lower! {
            pub async fn limit(reqs: u32) -> (Vec<String>, u32) {
                let mut b = Bucket { tokens: 2, cap: 3, refill: 1 };
                let _guard = Tracker("limiter");
                let mut lines = Vec::new();
                let mut i = 0;
                let mut ticks = 0;
                while i < leaf("reqs", reqs).await {
                    if !b.try_take() {
                        lines.push(format!("req {i} throttled"));
                        b.tick().await;
                        ticks += 1;
                        continue;
                    }
                    lines.push(format!("req {i} ok ({} left)", b.tokens));
                    i += 1;
                }
                (lines, ticks)
            }
        }
    }
    run { limit(6) }
}

twin! {
    /// Retry with exponential backoff: `loop` with `break value`, a guarded `return Err`.
    p8a_retry_backoff {
        lower! {
            pub async fn flaky(attempt: u32, fail_until: u32) -> Result<String, String> {
                let _conn = Tracker::new("conn");
                step("connect").await;
                if attempt < fail_until {
                    Err(format!("timeout #{attempt}"))
                } else {
                    Ok(leaf("resp", format!("data@{attempt}")).await)
                }
            }
        }
        lower! {
            pub async fn with_retry(fail_until: u32, max: u32) -> Result<(String, u64), String> {
                let mut delay = 10u64;
                let mut attempt = 0;
                let mut waited = 0;
                let body = loop {
                    match flaky(attempt, fail_until).await {
                        Ok(b) => break b,
                        Err(e) if attempt + 1 >= max => return Err(format!("gave up: {e}")),
                        Err(e) => {
                            log(format!("retry after {e}, sleeping {delay}"));
                            waited += leaf("sleep", delay).await;
                            delay *= 2;
                            attempt += 1;
                        }
                    }
                };
                Ok((body, waited))
            }
        }
    }
    run { pair(with_retry(2, 5), with_retry(4, 3)) }
}

twin! {
    /// A pipeline of boxed stages in a `Vec<(&str, Box<dyn Fn>)>` applied between awaits.
    p8a_pipeline_stages {
        lower! {
            pub async fn run_pipeline(inputs: Vec<i32>) -> Vec<i32> {
                let stages: Vec<(&str, Box<dyn Fn(i32) -> i32>)> = vec![
                    ("double", Box::new(|x: i32| x * 2)),
                    ("inc", Box::new(|x: i32| x + 1)),
                    ("square", Box::new(move |x: i32| x * x)),
                ];
                let _t = Tracker("pipe");
                let mut out = vec![];
                for x in inputs {
                    let mut v = leaf("src", x).await;
                    for (name, f) in &stages {
                        v = f(v);
                        log(format!("{name} -> {v}"));
                        if v > 50 {
                            step("big").await;
                        }
                    }
                    out.push(v);
                }
                out
            }
        }
    }
    run { run_pipeline(vec![1, 3, 5]) }
}

twin! {
    /// Stages connected by VecDeque queues; `while let Some((y, t)) = q.pop_front()` with awaits.
    p8a_pipeline_queues {
        lower! {
            pub async fn pipeline(n: u32) -> (Vec<String>, usize) {
                let mut q1: VecDeque<u32> = (1..=n).collect();
                let mut q2 = VecDeque::new();
                let mut q3 = Vec::new();
                let _g = Tracker("pipeline");
                while let Some(x) = q1.pop_front() {
                    let y = leaf("parse", x * 10).await;
                    if y % 20 == 0 {
                        q2.push_back((y, Tracker("item")));
                    }
                }
                while let Some((y, t)) = q2.pop_front() {
                    step("render").await;
                    q3.push(format!("{}:{}", t.name(), y));
                }
                let len = q3.len();
                (q3, len)
            }
        }
    }
    run { pipeline(5) }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PState {
    Key,
    Value,
    Done,
}

twin! {
    /// A `key=value;` parser reading chunks from an awaited source: a state enum, `let else`.
    p8a_chunk_parser {
        lower! {
            pub async fn parse_chunks(chunks: Vec<&'static str>) -> Vec<(String, String)> {
                let mut state = PState::Key;
                let mut key = String::new();
                let mut value = String::new();
                let mut out = vec![];
                let mut idx = 0;
                while state != PState::Done {
                    let Some(chunk) = chunks.get(idx).copied() else { break; };
                    let chunk = leaf("chunk", chunk).await;
                    idx += 1;
                    for c in chunk.chars() {
                        state = match (state, c) {
                            (PState::Key, '=') => PState::Value,
                            (PState::Key, c) => {
                                key.push(c);
                                PState::Key
                            }
                            (PState::Value, ';') => {
                                out.push((std::mem::take(&mut key), std::mem::take(&mut value)));
                                PState::Key
                            }
                            (PState::Value, '.') => PState::Done,
                            (PState::Value, c) => {
                                value.push(c);
                                PState::Value
                            }
                            (PState::Done, _) => PState::Done,
                        };
                    }
                }
                if !key.is_empty() {
                    out.push((key, value));
                }
                out
            }
        }
    }
    run { parse_chunks(vec!["a=1;b", "=22;c=", "3", ".d=4;"]) }
}

twin! {
    /// A line splitter: partial lines carried in a String buffer, `drain(..=i)`, an await per line.
    p8a_line_reader {
        lower! {
            pub async fn lines(chunks: Vec<&'static str>) -> Vec<String> {
                let mut buf = String::new();
                let mut out = Vec::new();
                let mut src = chunks.into_iter();
                loop {
                    let next = match src.next() {
                        Some(c) => Some(leaf("read", c).await),
                        None => None,
                    };
                    match next {
                        Some(c) => buf.push_str(c),
                        None if buf.is_empty() => break,
                        None => {
                            out.push(std::mem::take(&mut buf));
                            break;
                        }
                    }
                    while let Some(i) = buf.find('\n') {
                        let line: String = buf.drain(..=i).collect();
                        let line = line.trim_end().to_string();
                        if line.is_empty() {
                            continue;
                        }
                        step("line").await;
                        out.push(line);
                    }
                }
                out
            }
        }
    }
    run { lines(vec!["he", "llo\nwor", "ld\n\nfoo", "\nbar"]) }
}

#[derive(Debug, PartialEq)]
pub enum BankErr {
    NoAccount(u32),
    Insufficient { id: u32, need: u64, have: u64 },
    Frozen(u32),
}

twin! {
    /// A bank transfer: `?` on a `&mut` lookup, `checked_sub().ok_or(..)?`, a lock tracker.
    p8a_bank_transfer {
        pub struct Account { pub id: u32, pub balance: u64, pub frozen: bool }
        pub struct Bank { pub accounts: Vec<Account> }
        impl Bank {
            fn find(&mut self, id: u32) -> Result<&mut Account, BankErr> {
                self.accounts.iter_mut().find(|a| a.id == id).ok_or(BankErr::NoAccount(id))
            }
            lower! {
                pub async fn transfer(&mut self, from: u32, to: u32, amount: u64) -> Result<u64, BankErr> {
                    let _lock = Tracker::new("lock");
                    step("begin").await;
                    self.find(to)?;
                    let src = self.find(from)?;
                    if src.frozen {
                        return Err(BankErr::Frozen(from));
                    }
                    let have = src.balance;
                    src.balance = have.checked_sub(amount).ok_or(BankErr::Insufficient { id: from, need: amount, have })?;
                    let fee = leaf("fee", amount / 10).await;
                    let dst = self.find(to)?;
                    dst.balance += amount - fee;
                    Ok(dst.balance)
                }
            }
        }
        lower! {
            pub async fn day() -> (Vec<Result<u64, BankErr>>, Vec<u64>) {
                let mut bank = Bank {
                    accounts: vec![
                        Account { id: 1, balance: 100, frozen: false },
                        Account { id: 2, balance: 5, frozen: false },
                        Account { id: 3, balance: 50, frozen: true },
                    ],
                };
                let mut results = vec![];
                for (f, t, a) in [(1, 2, 30), (2, 1, 100), (3, 1, 1), (1, 9, 1), (2, 1, 35)] {
                    results.push(bank.transfer(f, t, a).await);
                }
                let balances = bank.accounts.iter().map(|a| a.balance).collect();
                (results, balances)
            }
        }
    }
    run { day() }
}

twin! {
    /// An LRU cache with async loads: eviction drops a tracker value after an await.
    p8a_lru_cache {
        pub struct Lru { pub cap: usize, pub map: BTreeMap<u32, (String, Tracker)>, pub order: VecDeque<u32>, pub misses: u32 }
        impl Lru {
            fn touch(&mut self, k: u32) {
                self.order.retain(|&x| x != k);
                self.order.push_back(k);
            }
            lower! {
                pub async fn get(&mut self, k: u32) -> String {
                    if let Some((v, _)) = self.map.get(&k) {
                        let v = v.clone();
                        self.touch(k);
                        return v;
                    }
                    self.misses += 1;
                    let loaded = leaf("load", format!("val{k}")).await;
                    if self.map.len() == self.cap {
                        if let Some(old) = self.order.pop_front() {
                            let evicted = self.map.remove(&old);
                            step("evict").await;
                            drop(evicted);
                        }
                    }
                    self.map.insert(k, (loaded.clone(), Tracker::new("entry")));
                    self.touch(k);
                    loaded
                }
            }
        }
        lower! {
            pub async fn use_cache() -> (Vec<String>, u32, Vec<u32>) {
                let mut c = Lru { cap: 2, map: BTreeMap::new(), order: VecDeque::new(), misses: 0 };
                let mut got = vec![];
                for k in [1, 2, 1, 3, 2, 1] {
                    got.push(c.get(k).await);
                }
                let order = c.order.iter().copied().collect();
                (got, c.misses, order)
            }
        }
    }
    run { use_cache() }
}

twin! {
    /// A worker pool draining a VecDeque of jobs; a failed job is moved back into the queue.
    p8a_worker_pool {
        pub struct Job { pub id: u32, pub tries: u32, pub tag: Tracker }
        lower! {
            pub async fn work(workers: usize, ids: Vec<u32>) -> Vec<(usize, u32, u32)> {
                let mut queue: VecDeque<Job> = ids.into_iter().map(|id| Job { id, tries: 0, tag: Tracker("job") }).collect();
                let mut done = vec![];
                let mut w = 0;
                while let Some(mut job) = queue.pop_front() {
                    let ok = leaf("run", job.id % 3 != 0 || job.tries > 0).await;
                    job.tries += 1;
                    if !ok {
                        log(format!("job {} failed on worker {w}", job.id));
                        queue.push_back(job);
                    } else {
                        done.push((w, job.id, job.tries));
                    }
                    w = (w + 1) % workers;
                }
                done
            }
        }
    }
    run { work(2, vec![1, 3, 4, 6]) }
}

#[derive(Debug, PartialEq, Clone)]
pub enum Tok {
    Num(i64),
    Ident(String),
    Op(char),
    LParen,
    RParen,
}

twin! {
    /// A tokenizer over `Peekable<Chars>`: `while let Some(&c) = it.peek()`, `continue` in a match.
    p8a_tokenizer {
        lower! {
            pub async fn tokenize(src: &'static str) -> Result<Vec<Tok>, String> {
                let src = leaf("src", src).await;
                let mut it = src.chars().peekable();
                let mut toks = Vec::new();
                while let Some(&c) = it.peek() {
                    let tok = if c.is_ascii_digit() {
                        let mut n = 0i64;
                        while let Some(d) = it.peek().and_then(|c| c.to_digit(10)) {
                            n = n * 10 + d as i64;
                            it.next();
                        }
                        Tok::Num(n)
                    } else if c.is_alphabetic() {
                        let mut s = String::new();
                        while let Some(&c) = it.peek().filter(|c| c.is_alphanumeric()) {
                            s.push(c);
                            it.next();
                        }
                        Tok::Ident(s)
                    } else {
                        it.next();
                        match c {
                            ' ' => continue,
                            '(' => Tok::LParen,
                            ')' => Tok::RParen,
                            '+' | '-' | '*' | '/' => Tok::Op(c),
                            other => return Err(format!("bad char {other:?}")),
                        }
                    };
                    step("tok").await;
                    toks.push(tok);
                }
                Ok(toks)
            }
        }
    }
    run { pair(tokenize("foo + (12*x3) - 7"), tokenize("a $ b")) }
}

#[derive(Debug, Clone)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

pub fn sample_json() -> Json {
    Json::Obj(vec![
        ("a".into(), Json::Arr(vec![Json::Num(1.0), Json::Bool(true), Json::Null, Json::Num(2.5)])),
        ("b".into(), Json::Obj(vec![("c".into(), Json::Str("x".into())), ("d".into(), Json::Num(4.0))])),
    ])
}

twin! {
    /// A JSON-like tree rendered recursively with `Box::pin`, awaits inside `format!` arguments.
    p8a_json_render {
        lower! {
            pub async fn render(v: &Json, depth: usize) -> String {
                match v {
                    Json::Null => "null".to_string(),
                    Json::Bool(b) => leaf("bool", b.to_string()).await,
                    Json::Num(n) => format!("{n}"),
                    Json::Str(s) => format!("{s:?}"),
                    Json::Arr(items) => {
                        let mut out = String::from("[");
                        for (i, it) in items.iter().enumerate() {
                            if i > 0 {
                                out.push(',');
                            }
                            out.push_str(&Box::pin(render(it, depth + 1)).await);
                        }
                        out + "]"
                    }
                    Json::Obj(fields) => {
                        let mut parts = vec![];
                        for (k, val) in fields {
                            step("field").await;
                            parts.push(format!("{k:?}:{}", Box::pin(render(val, depth + 1)).await));
                        }
                        format!("{{{}}}", parts.join(","))
                    }
                }
            }
        }
    }
    run { render(leak(sample_json()), 0) }
}

twin! {
    /// Sums the numbers of a JSON-like tree by value (consuming it), `?` on a recursive error.
    p8a_json_sum {
        lower! {
            pub async fn sum(v: Json) -> Result<f64, String> {
                Ok(match v {
                    Json::Num(n) => leaf("num", n).await,
                    Json::Null | Json::Bool(_) => 0.0,
                    Json::Str(s) if s.is_empty() => 0.0,
                    Json::Str(s) => return Err(format!("string {s} in a sum")),
                    Json::Arr(items) => {
                        let mut t = 0.0;
                        for it in items {
                            t += Box::pin(sum(it)).await?;
                        }
                        t
                    }
                    Json::Obj(fields) => {
                        let mut t = 0.0;
                        for (_, v) in fields {
                            t += Box::pin(sum(v)).await?;
                        }
                        t
                    }
                })
            }
        }
    }
    run {
        pair(
            sum(Json::Arr(vec![Json::Num(1.0), Json::Obj(vec![("x".into(), Json::Num(2.0)), ("y".into(), Json::Str(String::new()))])])),
            sum(sample_json()),
        )
    }
}

twin! {
    /// A path lookup (`a.1`) over a `&Json`: `match (cur, seg.parse::<usize>())`, an await per segment.
    p8a_json_path {
        lower! {
            pub async fn get<'a>(root: &'a Json, path: &str) -> Option<&'a Json> {
                let mut cur = root;
                for seg in path.split('.') {
                    step("seg").await;
                    cur = match (cur, seg.parse::<usize>()) {
                        (Json::Arr(items), Ok(i)) => items.get(i)?,
                        (Json::Obj(fields), _) => &fields.iter().find(|(k, _)| k == seg)?.1,
                        _ => return None,
                    };
                }
                Some(cur)
            }
        }
        lower! {
            pub async fn lookups(root: &'static Json) -> Vec<String> {
                let mut out = vec![];
                for p in ["a.1", "b.c", "b.z", "a.9", "a.x", "b.d"] {
                    let found = get(root, p).await;
                    out.push(match found {
                        Some(Json::Num(n)) => format!("{p}={n}"),
                        Some(other) => format!("{p}={other:?}"),
                        None => format!("{p} missing"),
                    });
                }
                out
            }
        }
    }
    run { lookups(leak(sample_json())) }
}

twin! {
    /// A shared `Rc<RefCell<HashMap>>` counter between two async fns; borrows end before awaits.
    p8a_rc_refcell_counter {
        lower! {
            pub async fn hit(stats: Rc<RefCell<BTreeMap<String, u32>>>, page: &'static str) -> u32 {
                let page = leaf("page", page).await;
                let n = {
                    let mut m = stats.borrow_mut();
                    let e = m.entry(page.to_string()).or_insert(0);
                    *e += 1;
                    *e
                };
                step("respond").await;
                n
            }
        }
        lower! {
            pub async fn site() -> (Vec<u32>, Vec<(String, u32)>) {
                let stats = Rc::new(RefCell::new(BTreeMap::new()));
                let _t = Tracker("site");
                let mut seen = vec![];
                for p in ["/", "/a", "/", "/b", "/"] {
                    seen.push(hit(Rc::clone(&stats), p).await);
                }
                let all = stats.borrow().iter().map(|(k, v)| (k.clone(), *v)).collect();
                (seen, all)
            }
        }
    }
    run { site() }
}

twin! {
    /// Double buffering with `std::mem::swap` of two Vecs of trackers across awaits.
    p8a_mem_swap_buffers {
        lower! {
            pub async fn frames(n: u32) -> Vec<usize> {
                let mut front: Vec<Tracker> = vec![Tracker("f0")];
                let mut back: Vec<Tracker> = Vec::new();
                let mut sizes = vec![];
                for i in 0..n {
                    step("draw").await;
                    back.push(if i % 2 == 0 { Tracker("even") } else { Tracker("odd") });
                    std::mem::swap(&mut front, &mut back);
                    sizes.push(leaf("present", front.len()).await);
                    back.clear();
                }
                sizes
            }
        }
    }
    run { frames(3) }
}

#[derive(Debug)]
pub enum Conn {
    Idle,
    Connecting(u32),
    Connected { id: u32, sock: Tracker },
    Closed(String),
}

twin! {
    /// A connection state machine: `match std::mem::replace(&mut self.state, Conn::Idle)` with data.
    p8a_mem_replace_state {
        pub struct Client { pub state: Conn, pub events: Vec<String> }
        impl Client {
            lower! {
                pub async fn advance(&mut self) -> bool {
                    self.state = match std::mem::replace(&mut self.state, Conn::Idle) {
                        Conn::Idle => Conn::Connecting(leaf("dial", 7).await),
                        Conn::Connecting(id) => {
                            step("handshake").await;
                            Conn::Connected { id, sock: Tracker::new("sock") }
                        }
                        Conn::Connected { id, sock } => {
                            self.events.push(format!("closing {id}"));
                            leaf("close", ()).await;
                            drop(sock);
                            Conn::Closed(format!("bye {id}"))
                        }
                        Conn::Closed(why) => {
                            self.events.push(why);
                            return false;
                        }
                    };
                    true
                }
            }
        }
        lower! {
            pub async fn drive() -> Vec<String> {
                let mut c = Client { state: Conn::Idle, events: vec![] };
                while c.advance().await {
                    c.events.push(format!("{:?}", c.state));
                }
                c.events
            }
        }
    }
    run { drive() }
}

twin! {
    /// Labelled loops: `break 'outer` with a value out of a nested search, awaits in the inner loop.
    p8a_labelled_search {
        lower! {
            pub async fn find_pair(grid: Vec<Vec<i32>>, target: i32) -> Option<(usize, usize)> {
                let _g = Tracker("search");
                let found = 'outer: loop {
                    for (r, row) in grid.iter().enumerate() {
                        let _row_t = Tracker("row");
                        for (c, &v) in row.iter().enumerate() {
                            if v < 0 {
                                continue 'outer;
                            }
                            if leaf("cell", v).await == target {
                                break 'outer Some((r, c));
                            }
                        }
                    }
                    break None;
                };
                step("done").await;
                found
            }
        }
    }
    run { pair(find_pair(vec![vec![1, 2], vec![3, 4]], 3), find_pair(vec![vec![5], vec![6]], 9)) }
}

twin! {
    /// Shadowing a name through an awaited parse chain: `&str` -> `Result` -> `u32` -> `String`.
    p8a_shadowing_chain {
        lower! {
            pub async fn parse_port(raw: &'static str) -> Result<String, String> {
                let port = leaf("env", raw).await;
                let port = port.trim();
                let port = port.parse::<u32>().map_err(|e| format!("{port:?}: {e}"));
                let port = port?;
                let t = Tracker("port");
                let port = if port < 1024 { leaf("priv", port + 8000).await } else { port };
                let port = format!("{}:{port}", t.name());
                Ok(port)
            }
        }
    }
    run { pair(parse_port(" 80 "), pair(parse_port("8080"), parse_port("http"))) }
}

twin! {
    /// Iterator adaptors with closures capturing awaited values between awaits.
    p8a_closures_between {
        lower! {
            pub async fn stats(xs: Vec<i64>) -> (Vec<i64>, i64, Option<i64>, usize) {
                let k = leaf("scale", 3).await;
                let scaled: Vec<i64> = xs.iter().map(|x| x * k).filter(|x| x % 2 == 0).collect();
                let offset = leaf("offset", -1).await;
                let total = scaled.iter().fold(0, |acc, x| acc + x + offset);
                let limit = leaf("limit", 10).await;
                let first_big = xs.iter().copied().find(|&x| x * k > limit);
                let n = xs.iter().filter(|&&x| x > offset).count();
                step("end").await;
                (scaled, total, first_big, n)
            }
        }
    }
    run { stats(vec![1, 2, 3, 4, 5, 6]) }
}

twin! {
    /// `impl Fn` argument applied to a borrowed slice with awaits, and an `impl Into<String>` name.
    p8a_impl_trait_args {
        lower! {
            pub async fn apply_all(name: impl Into<String>, xs: &[u32], f: impl Fn(u32) -> u32) -> (String, Vec<u32>) {
                let name = name.into();
                let mut out = Vec::new();
                for &x in xs {
                    let y = f(leaf("in", x).await);
                    out.push(y);
                }
                (name, out)
            }
        }
        lower! {
            pub async fn main_() -> Vec<(String, Vec<u32>)> {
                let base = leaf("base", 10).await;
                let data = vec![1, 2, 3];
                let a = apply_all("add", &data, |x| x + base).await;
                let b = apply_all(String::from("sq"), &data[1..], |x| x * x).await;
                vec![a, b]
            }
        }
    }
    run { main_() }
}

twin! {
    /// A generic helper `first_ok<T, E>` over a Vec of awaited results, and `max_by_key`.
    p8a_generic_helper {
        lower! {
            pub async fn first_ok<T: Debug, E: Debug>(items: Vec<Result<T, E>>) -> Option<T> {
                let mut errs = 0;
                for it in items {
                    step("check").await;
                    match it {
                        Ok(v) => return Some(v),
                        Err(e) => {
                            errs += 1;
                            log(format!("skip {e:?} ({errs})"));
                        }
                    }
                }
                None
            }
        }
        lower! {
            pub async fn main_() -> (Option<Tracker>, Option<u8>, Option<String>) {
                let a = first_ok::<Tracker, &str>(vec![Err("x"), Ok(Tracker("a1")), Ok(Tracker("a2"))]).await;
                let b = first_ok::<u8, String>(vec![Err("e".into())]).await;
                let words = vec!["kiwi", "banana", "fig"];
                let longest = words.iter().max_by_key(|w| w.len()).map(|w| w.to_string());
                let c = first_ok(vec![Err::<String, u8>(1), Ok(leaf("c", longest.unwrap()).await)]).await;
                (a, b, c)
            }
        }
    }
    run { main_() }
}

#[derive(Debug)]
pub struct Order {
    pub id: u32,
    pub lines: Vec<(String, u32)>,
    pub guard: Tracker,
    pub note: Option<Tracker>,
}

twin! {
    /// A struct literal with awaited fields and `?` between them: the built fields drop on error.
    p8a_struct_literal_awaits {
        lower! {
            pub async fn qty(s: &'static str) -> Result<u32, String> {
                let s = leaf("qty", s).await;
                s.parse().map_err(|_| format!("bad qty {s}"))
            }
        }
        lower! {
            pub async fn build(id: u32, a: &'static str, b: &'static str) -> Result<Order, String> {
                let o = Order {
                    guard: Tracker::new("guard"),
                    id: leaf("id", id).await,
                    note: if id > 1 { Some(Tracker::new("note")) } else { None },
                    lines: vec![("apple".to_string(), qty(a).await?), ("pear".to_string(), qty(b).await?)],
                };
                step("built").await;
                Ok(o)
            }
        }
    }
    run { pair(build(1, "2", "3"), build(2, "4", "x")) }
}

twin! {
    /// A tuple whose middle element panics while awaited: the built elements drop during unwinding.
    p8a_tuple_panic {
        lower! {
            pub async fn mk() -> (Tracker, u32, Tracker) {
                let _outer = Tracker::new("outer");
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                let t = (Tracker::new("a"), leaf("x", 1).await + boom("b").await, Tracker::new("c"));
                drop(v);
                t
            }
        }
    }
    run { mk() }
}

twin! {
    /// `vec![]` of awaited values and of trackers; `if let ... else if let ...` on awaited options.
    p8a_if_let_chain {
        lower! {
            pub async fn classify(a: Option<u32>, b: Result<&'static str, u32>) -> String {
                let held = vec![Tracker::new("h1"), Tracker::new("h2")];
                let nums = vec![leaf("n1", 1).await, leaf("n2", 2).await, 3];
                let s = if let Some(x) = leaf("a", a).await {
                    format!("a={x}")
                } else if let Ok(s) = leaf("b", b).await {
                    let _t = Tracker::new("okb");
                    format!("b={}", leaf("len", s.len()).await)
                } else {
                    "none".into()
                };
                format!("{s} {:?} {}", nums, held.len())
            }
        }
    }
    run { pair(classify(Some(4), Ok("z")), pair(classify(None, Ok("hey")), classify(None, Err(3)))) }
}

twin! {
    /// `let Some(x) = ..await else { return }` and `let Ok(..) = .. else`, with trackers alive.
    p8a_let_else {
        lower! {
            pub async fn handle(user: Option<&'static str>, age: &'static str) -> String {
                let _req = Tracker::new("req");
                let Some(user) = leaf("user", user).await else {
                    return "anonymous".into();
                };
                let _u = Tracker::new("user");
                let Ok(age) = leaf("age", age).await.parse::<u8>() else {
                    step("bad age").await;
                    return format!("{user}: bad age");
                };
                format!("{user} is {age}")
            }
        }
    }
    run { pair(handle(None, "1"), pair(handle(Some("ann"), "x"), handle(Some("bob"), "42"))) }
}

#[derive(Debug)]
pub enum Event {
    Msg { from: u32, text: String },
    Join(Tracker),
    Leave(u32),
    Tick,
}

twin! {
    /// An event loop over an enum with data, moving trackers out of events into a Vec; guards.
    p8a_event_loop {
        lower! {
            pub async fn run_events(events: Vec<Event>) -> (Vec<String>, usize) {
                let mut users: Vec<Tracker> = Vec::new();
                let mut out = vec![];
                let mut ticks = 0;
                for ev in events {
                    match ev {
                        Event::Join(t) => {
                            step("welcome").await;
                            out.push(format!("join {}", t.name()));
                            users.push(t);
                        }
                        Event::Msg { from, text } if text.starts_with('/') => {
                            out.push(format!("cmd {from} {}", leaf("cmd", &text[1..]).await));
                        }
                        Event::Msg { from, text } => out.push(format!("{from}: {text}")),
                        Event::Leave(i) if (i as usize) < users.len() => {
                            let gone = users.remove(i as usize);
                            leaf("bye", ()).await;
                            out.push(format!("left {}", gone.name()));
                        }
                        Event::Leave(i) => out.push(format!("no user {i}")),
                        Event::Tick => {
                            ticks += 1;
                            if ticks > 1 {
                                break;
                            }
                        }
                    }
                }
                (out, users.len())
            }
        }
    }
    run {
        run_events(vec![
            Event::Join(Tracker("u0")), Event::Msg { from: 0, text: "hi".into() }, Event::Join(Tracker("u1")),
            Event::Msg { from: 1, text: "/nick x".into() }, Event::Leave(0), Event::Leave(5), Event::Tick,
            Event::Tick, Event::Join(Tracker("u2")),
        ])
    }
}

twin! {
    /// A guessing game: `match guess.cmp(&secret)` with awaits in arms and `break` with a value.
    p8a_guess_game {
        lower! {
            pub async fn play(secret: u32, guesses: Vec<u32>) -> Result<usize, String> {
                let mut tries = 0;
                let mut it = guesses.into_iter();
                let won = loop {
                    let Some(g) = it.next() else { break false };
                    tries += 1;
                    match leaf("guess", g).await.cmp(&secret) {
                        std::cmp::Ordering::Less => log("too small"),
                        std::cmp::Ordering::Greater => {
                            step("hint").await;
                            log("too big");
                        }
                        std::cmp::Ordering::Equal => break true,
                    }
                };
                if won { Ok(tries) } else { Err(format!("lost after {tries}")) }
            }
        }
    }
    run { pair(play(7, vec![3, 9, 7, 1]), play(2, vec![5, 6])) }
}

twin! {
    /// FizzBuzz with `match (i % 3, i % 5)`, awaits in some arms, `write!` into a String.
    p8a_fizzbuzz {
        lower! {
            pub async fn fizz(n: u32) -> String {
                use std::fmt::Write;
                let mut s = String::new();
                for i in 1..=n {
                    match (i % 3, i % 5) {
                        (0, 0) => s.push_str(leaf("fb", "FizzBuzz").await),
                        (0, _) => s += "Fizz",
                        (_, 0) => {
                            step("buzz").await;
                            s.push_str("Buzz")
                        }
                        _ => write!(s, "{}", leaf("n", i).await).unwrap(),
                    }
                    s.push(' ');
                }
                s
            }
        }
    }
    run { fizz(15) }
}

twin! {
    /// Word counts into a BTreeMap from awaited lines: `*entry().or_default() += 1`, sort by count.
    p8a_word_count {
        lower! {
            pub async fn count(lines: Vec<&'static str>) -> Vec<(String, usize)> {
                let mut counts: BTreeMap<String, usize> = BTreeMap::new();
                for l in lines {
                    for w in leaf("line", l).await.split_whitespace().map(|w| w.to_lowercase()) {
                        *counts.entry(w).or_default() += 1;
                    }
                }
                step("sort").await;
                let mut v: Vec<_> = counts.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                v.truncate(3);
                v
            }
        }
    }
    run { count(vec!["the cat", "The dog and the cat", "a dog"]) }
}

twin! {
    /// An RPN calculator: a Vec stack, `let (Some(b), Some(a)) = (..) else { return Err }`.
    p8a_rpn_calc {
        lower! {
            pub async fn rpn(src: &'static str) -> Result<i64, String> {
                let mut st: Vec<i64> = Vec::new();
                for tok in src.split(' ') {
                    let tok = leaf("tok", tok).await;
                    if let Ok(n) = tok.parse::<i64>() {
                        st.push(n);
                        continue;
                    }
                    let (Some(b), Some(a)) = (st.pop(), st.pop()) else {
                        return Err(format!("stack underflow at {tok}"));
                    };
                    st.push(match tok {
                        "+" => a + b,
                        "-" => a - b,
                        "*" => a * b,
                        "/" if b == 0 => return Err("div by zero".into()),
                        "/" => a / b,
                        _ => return Err(format!("bad token {tok}")),
                    });
                }
                step("result").await;
                match st.as_slice() {
                    [x] => Ok(*x),
                    _ => Err(format!("leftover {st:?}")),
                }
            }
        }
    }
    run { pair(rpn("3 4 + 2 *"), pair(rpn("1 +"), pair(rpn("4 0 /"), rpn("1 2")))) }
}

twin! {
    /// A bracket matcher with a stack of (char, Tracker): mismatch returns early with trackers alive.
    p8a_bracket_match {
        lower! {
            pub async fn balanced(s: &'static str) -> Result<(), usize> {
                let mut stack: Vec<(char, Tracker)> = vec![];
                for (i, c) in s.char_indices() {
                    match c {
                        '(' | '[' | '{' => stack.push((c, Tracker("open"))),
                        ')' | ']' | '}' => {
                            let want = match c { ')' => '(', ']' => '[', _ => '{' };
                            match stack.pop() {
                                Some((o, _t)) if o == want => step("close").await,
                                _ => return Err(leaf("err", i).await),
                            }
                        }
                        _ => {}
                    }
                }
                if stack.is_empty() { Ok(()) } else { Err(s.len()) }
            }
        }
    }
    run { pair(balanced("([]{})"), pair(balanced("(]"), balanced("(("))) }
}

twin! {
    /// A todo list with `&mut self` async methods: `position`, `retain`, `iter_mut().find`.
    p8a_todo_app {
        pub struct Todo { pub id: u32, pub text: String, pub done: bool, pub t: Tracker }
        pub struct Todos { pub items: Vec<Todo>, pub next: u32 }
        impl Todos {
            lower! {
                pub async fn add(&mut self, text: &str) -> u32 {
                    let id = leaf("id", self.next).await;
                    self.next += 1;
                    self.items.push(Todo { id, text: text.to_string(), done: false, t: Tracker("todo") });
                    id
                }
            }
            lower! {
                pub async fn complete(&mut self, id: u32) -> Result<(), String> {
                    let todo = self.items.iter_mut().find(|t| t.id == id).ok_or(format!("no todo {id}"))?;
                    step("save").await;
                    todo.done = true;
                    Ok(())
                }
            }
            lower! {
                pub async fn purge(&mut self) -> usize {
                    let before = self.items.len();
                    step("purge").await;
                    self.items.retain(|t| !t.done);
                    before - self.items.len()
                }
            }
        }
        lower! {
            pub async fn session() -> (Vec<Result<(), String>>, usize, Vec<String>) {
                let mut list = Todos { items: vec![], next: 1 };
                let a = list.add("milk").await;
                let _b = list.add("eggs").await;
                let c = list.add(&format!("call {}", leaf("who", "mom").await)).await;
                let r = vec![list.complete(a).await, list.complete(9).await, list.complete(c).await];
                let purged = list.purge().await;
                (r, purged, list.items.iter().map(|t| t.text.clone()).collect())
            }
        }
    }
    run { session() }
}

pub trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> String;
}
pub struct Sq(pub f64);
pub struct Circ(pub f64, pub Tracker);
impl Shape for Sq {
    fn area(&self) -> f64 { self.0 * self.0 }
    fn name(&self) -> String { "square".into() }
}
impl Shape for Circ {
    fn area(&self) -> f64 { 3.0 * self.0 * self.0 }
    fn name(&self) -> String { format!("circle({})", self.1.name()) }
}

twin! {
    /// A `Vec<Box<dyn Shape>>` built with awaited sizes, then summed and described.
    p8a_dyn_shapes {
        lower! {
            pub async fn total(sizes: Vec<(bool, f64)>) -> (f64, Vec<String>) {
                let mut shapes: Vec<Box<dyn Shape>> = Vec::new();
                for (round, s) in sizes {
                    let s = leaf("size", s).await;
                    if round {
                        shapes.push(Box::new(Circ(s, Tracker("c"))));
                    } else {
                        shapes.push(Box::new(Sq(s)));
                    }
                }
                let mut names = vec![];
                let mut sum = 0.0;
                for sh in shapes.iter().rev() {
                    sum += sh.area();
                    names.push(leaf("name", sh.name()).await);
                }
                (sum, names)
            }
        }
    }
    run { total(vec![(false, 2.0), (true, 1.0), (false, 3.0)]) }
}

twin! {
    /// A generic `Store<T>` with an async `&self` lookup and an async `&mut self` insert.
    p8a_generic_store {
        pub struct Store<T> { pub items: Vec<(u32, T)> }
        impl<T: Clone + Debug> Store<T> {
            lower! {
                pub async fn put(&mut self, k: u32, v: T) -> Option<T> {
                    step("put").await;
                    if let Some(slot) = self.items.iter_mut().find(|(kk, _)| *kk == k) {
                        return Some(std::mem::replace(&mut slot.1, v));
                    }
                    self.items.push((k, v));
                    None
                }
            }
            lower! {
                pub async fn get(&self, k: u32) -> Option<T> {
                    let k = leaf("key", k).await;
                    self.items.iter().find(|(kk, _)| *kk == k).map(|(_, v)| v.clone())
                }
            }
        }
        lower! {
            pub async fn main_() -> (Vec<Option<String>>, Option<String>) {
                let mut s = Store { items: vec![] };
                let mut olds = vec![];
                olds.push(s.put(1, "one".to_string()).await);
                olds.push(s.put(2, "two".to_string()).await);
                olds.push(s.put(1, "uno".to_string()).await);
                (olds, s.get(1).await)
            }
        }
    }
    run { main_() }
}

twin! {
    /// `zip` of two slices and `windows(2)` over a parameter slice, awaits per pair.
    p8a_zip_windows {
        lower! {
            pub async fn deltas(xs: &[i32], ys: &[i32]) -> (Vec<i32>, Vec<bool>) {
                let mut d = vec![];
                for (a, b) in xs.iter().zip(ys.iter()) {
                    d.push(leaf("sub", a - b).await);
                }
                let mut rising = vec![];
                for w in xs.windows(2) {
                    if let [a, b] = w {
                        step("cmp").await;
                        rising.push(b > a);
                    }
                }
                (d, rising)
            }
        }
    }
    run { deltas(leak(vec![1, 5, 3, 8]), leak(vec![0, 2, 2])) }
}

twin! {
    /// An early `return` from a nested loop with trackers alive in each loop's scope.
    p8a_nested_return {
        lower! {
            pub async fn find(grid: Vec<Vec<u32>>) -> Option<u32> {
                let _outer = Tracker::new("outer");
                for row in &grid {
                    let _r = Tracker::new("row");
                    for &v in row {
                        let _c = Tracker::new("cell");
                        if leaf("v", v).await > 10 {
                            return Some(v);
                        }
                    }
                }
                None
            }
        }
    }
    run { pair(find(vec![vec![1, 2], vec![11, 3]]), find(vec![vec![1]])) }
}

twin! {
    /// A panic (a failing awaited call) in the middle of a loop that holds trackers in a Vec.
    p8a_panic_mid_loop {
        lower! {
            pub async fn process(n: u32) -> u32 {
                let mut held = Vec::new();
                let mut sum = 0;
                for i in 0..n {
                    held.push(Tracker::new("held"));
                    let _tmp = Tracker::new("tmp");
                    sum += if i == 2 { boom("fail").await } else { leaf("ok", i).await };
                }
                sum
            }
        }
    }
    run { process(4) }
}

twin! {
    /// `self.slot.take()` in an `if let` with an await in its body; `get_or_insert_with`.
    p8a_option_take_slot {
        pub struct Conn { pub pending: Option<Tracker>, pub cache: Option<String> }
        impl Conn {
            lower! {
                pub async fn flush(&mut self) -> bool {
                    if let Some(t) = self.pending.take() {
                        step("flush").await;
                        log(format!("flushed {}", t.name()));
                        true
                    } else {
                        false
                    }
                }
            }
            lower! {
                pub async fn name(&mut self) -> String {
                    let fresh = leaf("lookup", "host".to_string()).await;
                    self.cache.get_or_insert_with(|| fresh).clone()
                }
            }
        }
        lower! {
            pub async fn main_() -> (bool, bool, String, String) {
                let mut c = Conn { pending: Some(Tracker("p1")), cache: None };
                let a = c.flush().await;
                let b = c.flush().await;
                c.pending = Some(Tracker("p2"));
                let n1 = c.name().await;
                c.cache = Some("other".into());
                let n2 = c.name().await;
                (a, b, n1, n2)
            }
        }
    }
    run { main_() }
}

twin! {
    /// `drain(..)` with a filter into a new Vec of trackers, `split_off`, `extend` between awaits.
    p8a_drain_split {
        lower! {
            pub async fn batches(n: usize) -> (Vec<&'static str>, usize) {
                let mut all: Vec<Tracker> = (0..n).map(|i| if i % 2 == 0 { Tracker("even") } else { Tracker("odd") }).collect();
                step("loaded").await;
                let evens: Vec<Tracker> = all.drain(..).filter(|t| t.name() == "even").collect();
                let mut evens = evens;
                let tail = evens.split_off(leaf("split", 1).await);
                all.extend(tail);
                step("merged").await;
                (all.iter().map(|t| t.name()).collect(), evens.len())
            }
        }
    }
    run { batches(5) }
}

#[derive(Debug)]
pub struct Node {
    pub name: String,
    pub children: Vec<Rc<RefCell<Node>>>,
    pub visits: u32,
}

twin! {
    /// A tree of `Rc<RefCell<Node>>` visited depth-first with an explicit stack and awaits.
    p8a_rc_tree_visit {
        lower! {
            pub async fn visit(root: Rc<RefCell<Node>>) -> Vec<String> {
                let mut stack = vec![(root, 0usize)];
                let mut out = vec![];
                while let Some((node, depth)) = stack.pop() {
                    let name = node.borrow().name.clone();
                    step("visit").await;
                    node.borrow_mut().visits += 1;
                    out.push(format!("{}{}", "-".repeat(depth), name));
                    let kids = node.borrow().children.clone();
                    for k in kids.into_iter().rev() {
                        stack.push((k, depth + 1));
                    }
                }
                out
            }
        }
    }
    run {
        let leafn = |n: &str| Rc::new(RefCell::new(Node { name: n.into(), children: vec![], visits: 0 }));
        let b = leafn("b");
        b.borrow_mut().children.push(leafn("c"));
        let root = Rc::new(RefCell::new(Node { name: "a".into(), children: vec![b, leafn("d")], visits: 0 }));
        visit(root)
    }
}

twin! {
    /// A `FnMut` closure counting into a captured local, called between awaits; the local read after.
    p8a_fnmut_counter {
        lower! {
            pub async fn tally(xs: Vec<u32>) -> (u32, Vec<u32>) {
                let mut total = 0;
                let mut seen = vec![];
                {
                    let mut add = |n: u32| {
                        total += n;
                        seen.push(total);
                    };
                    for x in xs {
                        add(leaf("x", x).await);
                    }
                    add(100);
                }
                step("done").await;
                (total, seen)
            }
        }
    }
    run { tally(vec![1, 2, 3]) }
}

twin! {
    /// A command table `BTreeMap<&str, Box<dyn Fn(i64, i64) -> i64>>` dispatching awaited operands.
    p8a_boxed_fn_table {
        lower! {
            pub async fn calc(script: Vec<(&'static str, i64)>) -> Result<i64, String> {
                let mut ops: BTreeMap<&str, Box<dyn Fn(i64, i64) -> i64>> = BTreeMap::new();
                ops.insert("add", Box::new(|a, b| a + b));
                ops.insert("mul", Box::new(|a, b| a * b));
                let bias = leaf("bias", 1).await;
                ops.insert("sub", Box::new(move |a, b| a - b - bias));
                let mut acc = 0;
                for (op, n) in script {
                    let f = ops.get(op).ok_or_else(|| format!("unknown op {op}"))?;
                    acc = f(acc, leaf("operand", n).await);
                }
                Ok(acc)
            }
        }
    }
    run { pair(calc(vec![("add", 5), ("mul", 3), ("sub", 4)]), calc(vec![("add", 1), ("pow", 2)])) }
}

twin! {
    /// A generic retry helper taking `FnMut(u32) -> Fut`, used with an `async move` block closure.
    p8a_retry_closure {
        lower! {
            pub async fn retry<F, Fut>(max: u32, mut op: F) -> Result<u32, String>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<u32, String>>,
            {
                let mut last = String::new();
                for i in 0..max {
                    match op(i).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            step("backoff").await;
                            last = e;
                        }
                    }
                }
                Err(format!("failed {max} times: {last}"))
            }
        }
        lower! {
            pub async fn main_() -> (Result<u32, String>, Result<u32, String>) {
                let _g = Tracker("main");
                let a = retry(5, |i| async move {
                    let v = leaf("try", i).await;
                    if v < 2 { Err(format!("e{v}")) } else { Ok(v * 10) }
                }).await;
                let b = retry(2, |i| async move { Err(format!("never {}", leaf("no", i).await)) }).await;
                (a, b)
            }
        }
    }
    run { main_() }
}

twin! {
    /// Producer and consumer over a shared `Rc<RefCell<VecDeque<Tracker>>>`, interleaved in a loop.
    p8a_producer_consumer {
        lower! {
            pub async fn produce(q: &Rc<RefCell<VecDeque<(u32, Tracker)>>>, i: u32) {
                let v = leaf("make", i * i).await;
                q.borrow_mut().push_back((v, Tracker("msg")));
            }
        }
        lower! {
            pub async fn consume(q: &Rc<RefCell<VecDeque<(u32, Tracker)>>>) -> Option<u32> {
                let item = q.borrow_mut().pop_front();
                let (v, _t) = item?;
                step("handle").await;
                Some(v)
            }
        }
        lower! {
            pub async fn main_() -> Vec<Option<u32>> {
                let q = Rc::new(RefCell::new(VecDeque::new()));
                let mut got = vec![];
                for i in 1..=3 {
                    produce(&q, i).await;
                    if i % 2 == 1 {
                        produce(&q, i + 10).await;
                    }
                    got.push(consume(&q).await);
                }
                while let Some(v) = consume(&q).await {
                    got.push(Some(v));
                }
                got.push(consume(&q).await);
                got
            }
        }
    }
    run { main_() }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    A,
    B,
    C,
}

twin! {
    /// `matches!` and `assert!`/`assert_eq!` with awaited operands; an assertion fails in the second call.
    p8a_macros_await {
        lower! {
            pub async fn check(k: Kind, n: u32) -> u32 {
                let _t = Tracker::new("check");
                if matches!(leaf("kind", k).await, Kind::A | Kind::B) {
                    log("a or b");
                }
                assert!(leaf("n", n).await < 10, "n too big: {}", n);
                assert_eq!(leaf("sq", n * n).await % 2, n % 2, "parity");
                n + 1
            }
        }
    }
    run { pair(check(Kind::C, 3), check(Kind::A, 12)) }
}

twin! {
    /// A newtype `Meters(f64)` with `.0` arithmetic across awaits; `impl Add` on it.
    p8a_newtype_units {
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
        pub struct Meters(pub f64);
        impl std::ops::Add for Meters {
            type Output = Meters;
            fn add(self, o: Meters) -> Meters { Meters(self.0 + o.0) }
        }
        lower! {
            pub async fn route(legs: Vec<f64>) -> (Meters, Meters) {
                let mut total = Meters(0.0);
                let mut longest = Meters(0.0);
                for l in legs {
                    let leg = Meters(leaf("leg", l).await);
                    total = total + leg;
                    if leg > longest { longest = leg; }
                }
                total.0 += leaf("extra", 0.5).await;
                (total, longest)
            }
        }
    }
    run { route(vec![1.0, 4.5, 2.0]) }
}

twin! {
    /// Destructuring a struct local with `..` (a tracker field left behind) after an await.
    p8a_destructure_rest {
        lower! {
            pub async fn ship(o: Order) -> String {
                step("pack").await;
                let Order { id, lines, .. } = o;
                let n: u32 = lines.iter().map(|(_, q)| q).sum();
                let s = leaf("label", format!("#{id}: {n}")).await;
                s
            }
        }
    }
    run { ship(Order { id: 3, lines: vec![("a".into(), 2), ("b".into(), 5)], guard: Tracker("guard"), note: Some(Tracker("note")) }) }
}

twin! {
    /// Parse errors mapped to Strings with `?` after each await, a caesar cipher with `map(..).collect()`.
    p8a_parse_cipher {
        lower! {
            pub async fn decode(shift: &'static str, msg: &'static str) -> Result<String, String> {
                let shift: u8 = leaf("shift", shift).await.parse().map_err(|e| format!("shift: {e}"))?;
                let msg = leaf("msg", msg).await;
                let out: String = msg
                    .chars()
                    .map(|c| if c.is_ascii_lowercase() { (((c as u8 - b'a' + 26 - shift % 26) % 26) + b'a') as char } else { c })
                    .collect();
                step("decoded").await;
                Ok(out)
            }
        }
    }
    run { pair(decode("3", "khoor, zruog"), decode("-1", "x")) }
}

twin! {
    /// An `async` block stored in a local and awaited later; a Vec of boxed futures awaited in order.
    p8a_async_blocks_vec {
        lower! {
            pub async fn job(i: u32) -> u32 {
                let _t = Tracker::new("job");
                leaf("job", i * 2).await
            }
        }
        lower! {
            pub async fn main_() -> (u32, Vec<u32>) {
                let base = leaf("base", 5).await;
                let fut = async move { leaf("inner", base).await + 1 };
                let mut tasks: Vec<Pin<Box<dyn Future<Output = u32>>>> = vec![Box::pin(job(1)), Box::pin(job(2))];
                tasks.push(Box::pin(async { 100 }));
                let first = fut.await;
                let mut outs = vec![];
                for t in tasks {
                    outs.push(t.await);
                }
                (first, outs)
            }
        }
    }
    run { main_() }
}

twin! {
    /// A tuple of two sequential awaits destructured, and a `match` on a tuple of awaits.
    p8a_tuple_scrutinee {
        lower! {
            pub async fn combine(a: u32, b: Option<u32>) -> String {
                let (x, y) = (leaf("x", a).await, leaf("y", b).await);
                let _t = Tracker::new("t");
                match (leaf("a", x).await, y) {
                    (1, Some(v)) => format!("one and {v}"),
                    (n, None) if n > 5 => {
                        step("big").await;
                        format!("big {n}")
                    }
                    (n, v) => format!("{n} {v:?}"),
                }
            }
        }
    }
    run { pair(combine(1, Some(2)), pair(combine(9, None), combine(3, None))) }
}

twin! {
    /// `Option<Result<..>>` with `transpose()?`, `and_then`, `ok()`, `zip`.
    p8a_option_result_combos {
        lower! {
            pub async fn parse_pair(a: Option<&'static str>, b: &'static str) -> Result<Option<(u32, u32)>, String> {
                let a = leaf("a", a).await;
                let x: Option<u32> = a.map(|s| s.parse::<u32>().map_err(|e| e.to_string())).transpose()?;
                let y = leaf("b", b).await.parse::<u32>().ok().and_then(|v| v.checked_sub(1));
                step("zip").await;
                Ok(x.zip(y))
            }
        }
    }
    run { pair(parse_pair(Some("4"), "3"), pair(parse_pair(None, "3"), pair(parse_pair(Some("q"), "1"), parse_pair(Some("1"), "0")))) }
}

twin! {
    /// An async method on an enum (`&self`) matching its own variants, and one taking `self` named `into_*`.
    p8a_enum_methods {
        #[derive(Debug)]
        pub enum Msg { Text(String), Image { w: u32, h: u32 }, Quit(Tracker) }
        impl Msg {
            lower! {
                pub async fn size(&self) -> u32 {
                    match self {
                        Msg::Text(s) => leaf("len", s.len() as u32).await,
                        Msg::Image { w, h } => {
                            step("decode").await;
                            w * h
                        }
                        Msg::Quit(_) => 0,
                    }
                }
            }
            lower! {
                pub async fn into_text(self) -> Option<String> {
                    step("convert").await;
                    match self {
                        Msg::Text(s) => Some(s),
                        Msg::Image { w, h } => Some(format!("{w}x{h}")),
                        Msg::Quit(t) => {
                            log(format!("quit {}", t.name()));
                            None
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn main_() -> Vec<(u32, Option<String>)> {
                let msgs = vec![Msg::Text("hey".into()), Msg::Image { w: 2, h: 3 }, Msg::Quit(Tracker("q"))];
                let mut out = vec![];
                for m in msgs {
                    let s = m.size().await;
                    out.push((s, m.into_text().await));
                }
                out
            }
        }
    }
    run { main_() }
}

twin! {
    /// Recursion on a slice with a slice pattern `[first, rest @ ..]` through `Box::pin`.
    p8a_slice_recursion {
        lower! {
            pub async fn sum_list(xs: &[u32]) -> u32 {
                match xs {
                    [] => 0,
                    [only] => leaf("only", *only).await,
                    [first, rest @ ..] => {
                        let head = leaf("head", *first).await;
                        head + Box::pin(sum_list(rest)).await
                    }
                }
            }
        }
    }
    run { sum_list(leak(vec![1, 2, 3, 4])) }
}

twin! {
    /// `std::mem::take` of a pending batch in `&mut self`, then a loop over the taken trackers.
    p8a_mem_take_batch {
        pub struct Batcher { pub pending: Vec<Tracker>, pub sent: usize }
        impl Batcher {
            lower! {
                pub async fn flush(&mut self) -> usize {
                    let batch = std::mem::take(&mut self.pending);
                    let n = batch.len();
                    for t in batch {
                        step("send").await;
                        log(format!("sent {}", t.name()));
                        self.sent += 1;
                    }
                    n
                }
            }
        }
        lower! {
            pub async fn main_() -> (usize, usize, usize) {
                let mut b = Batcher { pending: vec![Tracker("m1"), Tracker("m2")], sent: 0 };
                let a = b.flush().await;
                b.pending.push(Tracker("m3"));
                let c = b.flush().await;
                (a, c, b.sent)
            }
        }
    }
    run { main_() }
}

twin! {
    /// Reassigning an `Option<Tracker>` and a `Tracker` between awaits (the old value drops at the assignment).
    p8a_reassign_drops {
        lower! {
            pub async fn rotate(n: u32) -> Option<Tracker> {
                let mut cur = Tracker::new("first");
                let mut slot: Option<Tracker> = None;
                for i in 0..n {
                    step("tick").await;
                    if i % 2 == 0 {
                        slot = Some(Tracker::new("slot"));
                    } else {
                        cur = Tracker::new("next");
                    }
                    if leaf("stop", i == 5).await {
                        return slot;
                    }
                }
                log(format!("cur {}", cur.name()));
                slot
            }
        }
    }
    run { pair(rotate(3), rotate(7)) }
}

twin! {
    /// Shadowed trackers: both live to the end of the scope and drop in reverse order.
    p8a_shadow_trackers {
        lower! {
            pub async fn f() -> &'static str {
                let t = Tracker::new("a");
                step("s1").await;
                let t = Tracker::new(if t.name() == "a" { "b" } else { "c" });
                {
                    let t = leaf("inner", Tracker::new("inner")).await;
                    log(format!("inner {}", t.name()));
                }
                step("s2").await;
                t.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// An HTTP-like router: `split_once`, `strip_prefix`, a match on (method, path segments).
    p8a_http_router {
        lower! {
            pub async fn route(req: &'static str) -> (u16, String) {
                let req = leaf("recv", req).await;
                let Some((method, path)) = req.split_once(' ') else {
                    return (400, "bad request".into());
                };
                let segs: Vec<&str> = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
                match (method, segs.as_slice()) {
                    ("GET", []) => (200, "index".into()),
                    ("GET", ["users", id]) => match id.parse::<u32>() {
                        Ok(id) => (200, leaf("db", format!("user {id}")).await),
                        Err(_) => (400, format!("bad id {id}")),
                    },
                    ("POST", ["users"]) => {
                        step("insert").await;
                        (201, "created".into())
                    }
                    (_, [first, ..]) if path.strip_prefix("/static/").is_some() => (200, format!("file under {first}")),
                    (m, _) => (404, format!("{m} {path} not found")),
                }
            }
        }
        lower! {
            pub async fn main_() -> Vec<(u16, String)> {
                let mut v = vec![];
                for r in ["GET /", "GET /users/7", "GET /users/x", "POST /users", "GET /static/a.css", "PUT /x", "junk"] {
                    v.push(route(r).await);
                }
                v
            }
        }
    }
    run { main_() }
}

twin! {
    /// Config merging: `Option` fields combined with `or`, `or_else` on an awaited default, `unwrap_or`.
    p8a_config_merge {
        #[derive(Debug, Default, Clone)]
        pub struct Cfg { pub host: Option<String>, pub port: Option<u16>, pub debug: Option<bool> }
        lower! {
            pub async fn load(name: &'static str) -> Cfg {
                step("read").await;
                match name {
                    "file" => Cfg { host: Some("file.host".into()), port: None, debug: Some(true) },
                    "env" => Cfg { port: Some(leaf("port", 9090).await), ..Default::default() },
                    _ => Cfg::default(),
                }
            }
        }
        lower! {
            pub async fn resolve() -> (String, u16, bool) {
                let file = load("file").await;
                let env = load("env").await;
                let cli = load("cli").await;
                let host = cli.host.or(env.host).or(file.host).unwrap_or_else(|| "localhost".into());
                let port = cli.port.or(env.port).unwrap_or(80);
                let debug = match cli.debug.or(env.debug) {
                    Some(d) => d,
                    None => file.debug.unwrap_or(leaf("default debug", false).await),
                };
                (host, port, debug)
            }
        }
    }
    run { resolve() }
}

twin! {
    /// A leaderboard: scores fetched with awaits, sorted with `sort_by` + `then_with`, ranks with `enumerate`.
    p8a_leaderboard {
        lower! {
            pub async fn board(players: Vec<&'static str>) -> Vec<String> {
                let mut scores = Vec::new();
                for p in &players {
                    let s = leaf("score", p.len() as u32 * 7 % 10).await;
                    scores.push((*p, s));
                }
                scores.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
                let mut out = vec![];
                for (rank, (name, s)) in scores.iter().enumerate() {
                    if rank >= 3 { break; }
                    out.push(format!("{}. {name} {s}", rank + 1));
                    step("print").await;
                }
                out
            }
        }
    }
    run { board(vec!["amy", "bo", "carla", "dee", "ed"]) }
}

twin! {
    /// A dedup with a HashSet: `if seen.insert(leaf().await)` in a condition, trackers for duplicates.
    p8a_dedup_set {
        lower! {
            pub async fn dedup(xs: Vec<u32>) -> (Vec<u32>, usize) {
                let mut seen = HashSet::new();
                let mut out = vec![];
                let mut dups = vec![];
                for x in xs {
                    if seen.insert(leaf("x", x).await) {
                        out.push(x);
                    } else {
                        dups.push(Tracker("dup"));
                        step("dup").await;
                    }
                }
                (out, dups.len())
            }
        }
    }
    run { dedup(vec![3, 1, 3, 2, 1, 3]) }
}

twin! {
    /// A binary search whose probes are awaited: `while lo < hi`, `match probe.cmp(&target)`.
    p8a_binary_search {
        lower! {
            pub async fn search(arr: &[i32], target: i32) -> Result<usize, usize> {
                let (mut lo, mut hi) = (0usize, arr.len());
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    match leaf("probe", arr[mid]).await.cmp(&target) {
                        std::cmp::Ordering::Equal => return Ok(mid),
                        std::cmp::Ordering::Less => lo = mid + 1,
                        std::cmp::Ordering::Greater => hi = mid,
                    }
                }
                Err(lo)
            }
        }
    }
    run { pair(search(leak(vec![1, 3, 5, 7, 9, 11]), 7), search(leak(vec![1, 3, 5]), 4)) }
}

twin! {
    /// A matrix as `Vec<Vec<i32>>`: row sums with `iter().sum::<i32>()`, transposition with indices, awaits.
    p8a_matrix {
        lower! {
            pub async fn mat(m: Vec<Vec<i32>>) -> (Vec<i32>, Vec<Vec<i32>>) {
                let mut sums = vec![];
                for row in &m {
                    sums.push(leaf("rowsum", row.iter().sum::<i32>()).await);
                }
                let (rows, cols) = (m.len(), m.first().map_or(0, |r| r.len()));
                let mut t = vec![vec![0; rows]; cols];
                for i in 0..rows {
                    for j in 0..cols {
                        t[j][i] = m[i][j];
                    }
                    step("row").await;
                }
                (sums, t)
            }
        }
    }
    run { mat(vec![vec![1, 2, 3], vec![4, 5, 6]]) }
}

twin! {
    /// A `while` condition with `&&` short-circuiting an await, and a `||` in an `if` condition.
    p8a_short_circuit {
        lower! {
            pub async fn drain(mut q: Vec<u32>, budget: u32) -> (Vec<u32>, u32) {
                let mut spent = 0;
                let mut done = vec![];
                while !q.is_empty() && leaf("budget ok", spent < budget).await {
                    let x = q.remove(0);
                    if x == 0 || leaf("expensive", x > 5).await {
                        spent += 2;
                    } else {
                        spent += 1;
                    }
                    done.push(x);
                }
                (done, spent)
            }
        }
    }
    run { drain(vec![0, 3, 7, 1, 2], 4) }
}

twin! {
    /// A nested block as a value holding a tracker and awaits; a `match` used as a call argument.
    p8a_block_values {
        lower! {
            pub async fn f(flag: bool) -> (u32, String) {
                let total = {
                    let t = Tracker::new("blk");
                    let a = leaf("a", 2).await;
                    let b = { step("inner").await; a * 10 };
                    log(format!("{} {b}", t.name()));
                    a + b
                };
                let s = String::from(match flag {
                    true => leaf("yes", "y").await,
                    false => "n",
                });
                (total, s)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `RefCell` guard dropped explicitly before an await, then borrowed again after it.
    p8a_refcell_guard_drop {
        lower! {
            pub async fn update(cell: Rc<RefCell<Vec<Tracker>>>) -> usize {
                let mut g = cell.borrow_mut();
                g.push(Tracker("one"));
                drop(g);
                step("io").await;
                cell.borrow_mut().push(Tracker("two"));
                let n = cell.borrow().len();
                leaf("len", n).await
            }
        }
    }
    run { update(Rc::new(RefCell::new(vec![Tracker("zero")]))) }
}

twin! {
    /// A scope guard struct with `Drop`, disarmed on success by `std::mem::forget`-free flag.
    p8a_scope_guard {
        pub struct Rollback { pub armed: bool, pub name: &'static str }
        impl Drop for Rollback {
            fn drop(&mut self) {
                if self.armed { log(format!("rollback {}", self.name)); } else { log(format!("commit {}", self.name)); }
            }
        }
        lower! {
            pub async fn tx(fail_at: u32) -> Result<u32, String> {
                let mut g = Rollback { armed: true, name: "tx" };
                let mut done = 0;
                for i in 0..3 {
                    if i == fail_at {
                        return Err(format!("failed at {}", leaf("err", i).await));
                    }
                    step("write").await;
                    done += 1;
                }
                g.armed = false;
                Ok(done)
            }
        }
    }
    run { pair(tx(9), tx(1)) }
}

twin! {
    /// A config-file parser over lines: `lines()`, `trim`, `starts_with`, `split_once`, sections.
    p8a_ini_parser {
        lower! {
            pub async fn ini(src: &'static str) -> Result<BTreeMap<String, String>, String> {
                let text = leaf("file", src).await;
                let mut section = String::new();
                let mut map = BTreeMap::new();
                for (no, line) in text.lines().enumerate() {
                    let line = line.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                        section = leaf("section", name.to_string()).await;
                        continue;
                    }
                    let (k, v) = line.split_once('=').ok_or(format!("line {}: no '='", no + 1))?;
                    step("kv").await;
                    map.insert(format!("{section}.{}", k.trim()), v.trim().to_string());
                }
                Ok(map)
            }
        }
    }
    run { pair(ini("# c\n[db]\nhost = a\nport=1\n\n[web]\nroot= /x\n"), ini("[a]\nbroken\n")) }
}

twin! {
    /// A Fibonacci memo in a HashMap passed as `&mut`, recursion through `Box::pin`.
    p8a_fib_memo {
        lower! {
            pub async fn fib(n: u64, memo: &mut HashMap<u64, u64>) -> u64 {
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
            pub async fn main_() -> (u64, usize) {
                let mut memo = HashMap::new();
                let v = fib(leaf("n", 10).await, &mut memo).await;
                (v, memo.len())
            }
        }
    }
    run { main_() }
}

twin! {
    /// A `Vec<Option<Tracker>>` of slots: `take()` by index, `replace`, `iter().flatten().count()`.
    p8a_slots {
        lower! {
            pub async fn juggle() -> (usize, Vec<bool>) {
                let mut slots: Vec<Option<Tracker>> = vec![Some(Tracker("s0")), None, Some(Tracker("s2"))];
                let i = leaf("idx", 0).await;
                let taken = slots[i].take();
                step("moved").await;
                let old = slots[1].replace(Tracker("s1"));
                assert!(old.is_none());
                let prev = std::mem::replace(&mut slots[2], taken);
                log(format!("prev {:?}", prev));
                leaf("after", ()).await;
                (slots.iter().flatten().count(), slots.iter().map(Option::is_some).collect())
            }
        }
    }
    run { juggle() }
}

twin! {
    /// A chat server's user registry: `entry` API with `and_modify`/`or_insert_with`, awaited names.
    p8a_registry_entry {
        lower! {
            pub async fn register(names: Vec<&'static str>) -> Vec<(String, u32)> {
                let mut reg: BTreeMap<String, (u32, Tracker)> = BTreeMap::new();
                for n in names {
                    let key = leaf("norm", n.to_lowercase()).await;
                    reg.entry(key).and_modify(|e| e.0 += 1).or_insert_with(|| (1, Tracker("user")));
                }
                step("report").await;
                reg.iter().map(|(k, (c, _))| (k.clone(), *c)).collect()
            }
        }
    }
    run { register(vec!["Ann", "bob", "ANN", "cy", "Bob"]) }
}

twin! {
    /// A struct method taking `self` by value (a builder) called on an awaited value as `build()`.
    p8a_builder_pattern {
        #[derive(Debug, Default)]
        pub struct ReqBuilder { pub url: String, pub headers: Vec<(String, String)>, pub retries: u32 }
        #[derive(Debug)]
        pub struct Req { pub line: String, pub retries: u32 }
        impl ReqBuilder {
            pub fn header(mut self, k: &str, v: &str) -> Self { self.headers.push((k.into(), v.into())); self }
            pub fn retries(mut self, n: u32) -> Self { self.retries = n; self }
            pub fn build(self) -> Req { Req { line: format!("{} {:?}", self.url, self.headers), retries: self.retries } }
        }
        lower! {
            pub async fn make() -> Req {
                let url = leaf("url", "http://x").await;
                let b = ReqBuilder { url: url.to_string(), ..Default::default() };
                let b = b.header("a", "1");
                step("auth").await;
                b.header("auth", leaf("token", "t0k").await).retries(leaf("retries", 3).await).build()
            }
        }
    }
    run { make() }
}

twin! {
    /// `loop` + `match` on an iterator's `next()` with an awaited arm and an `Option` accumulator.
    p8a_running_max {
        lower! {
            pub async fn maxes(xs: Vec<i32>) -> Vec<i32> {
                let mut it = xs.into_iter();
                let mut best: Option<i32> = None;
                let mut out = vec![];
                loop {
                    match it.next() {
                        None => break,
                        Some(x) if best.map_or(true, |b| x > b) => {
                            best = Some(leaf("new max", x).await);
                        }
                        Some(_) => continue,
                    }
                    out.push(best.unwrap());
                }
                out
            }
        }
    }
    run { maxes(vec![3, 1, 4, 1, 5, 9, 2, 6]) }
}

twin! {
    /// A Tracker moved into a tuple, a Vec and an Option in turn, with awaits between moves.
    p8a_move_around {
        lower! {
            pub async fn shuffle() -> Vec<Tracker> {
                let t = Tracker::new("t");
                let pair_ = (t, leaf("n", 1).await);
                step("a").await;
                let (t, n) = pair_;
                let mut v = vec![t];
                step("b").await;
                let opt = v.pop();
                let _keep = Tracker::new("keep");
                if let Some(t) = opt {
                    leaf("c", n).await;
                    v.push(t);
                }
                v
            }
        }
    }
    run { shuffle() }
}

twin! {
    /// A text wrapper: words pushed into lines with a width, `last_mut()`, `String::with_capacity`.
    p8a_text_wrap {
        lower! {
            pub async fn wrap(text: &'static str, width: usize) -> Vec<String> {
                let mut lines: Vec<String> = vec![];
                for w in text.split_whitespace() {
                    let w = leaf("word", w).await;
                    match lines.last_mut() {
                        Some(l) if l.len() + 1 + w.len() <= width => {
                            l.push(' ');
                            l.push_str(w);
                        }
                        _ => {
                            let mut l = String::with_capacity(width);
                            l.push_str(w);
                            lines.push(l);
                        }
                    }
                }
                step("done").await;
                lines
            }
        }
    }
    run { wrap("the quick brown fox jumps over the lazy dog", 10) }
}

twin! {
    /// Generic `async fn` with a trait bound and `where` clause summing awaited items.
    p8a_generic_sum {
        lower! {
            pub async fn sum_all<T>(items: Vec<T>) -> T
            where
                T: std::ops::Add<Output = T> + Default + Copy + Debug,
            {
                let mut acc = T::default();
                for x in items {
                    acc = acc + leaf("item", x).await;
                }
                acc
            }
        }
        lower! {
            pub async fn main_() -> (u32, f64) {
                (sum_all(vec![1u32, 2, 3]).await, sum_all(vec![0.5, 0.25]).await)
            }
        }
    }
    run { main_() }
}

#[derive(Debug, Clone)]
pub enum Instr {
    Push(i64),
    Add,
    Mul,
    Dup,
    Jz(usize),
    Jmp(usize),
    Print,
    Halt,
}

twin! {
    /// A tiny bytecode VM: a `pc` loop, `match code[pc].clone()`, `?` on an empty stack, awaits in `Print`.
    p8a_stack_vm {
        lower! {
            pub async fn exec(code: Vec<Instr>) -> Result<Vec<i64>, String> {
                let mut st: Vec<i64> = vec![];
                let mut out = vec![];
                let mut pc = 0;
                let mut fuel = 50;
                while pc < code.len() {
                    fuel -= 1;
                    if fuel == 0 { return Err("out of fuel".into()); }
                    let ins = code[pc].clone();
                    pc += 1;
                    match ins {
                        Instr::Push(v) => st.push(v),
                        Instr::Add | Instr::Mul => {
                            let b = st.pop().ok_or("underflow")?;
                            let a = st.pop().ok_or("underflow")?;
                            st.push(if matches!(ins, Instr::Add) { a + b } else { a * b });
                        }
                        Instr::Dup => {
                            let top = *st.last().ok_or_else(|| format!("dup on empty at {pc}"))?;
                            st.push(top);
                        }
                        Instr::Jz(t) => {
                            if st.pop() == Some(0) { pc = t; }
                        }
                        Instr::Jmp(t) => pc = t,
                        Instr::Print => out.push(leaf("print", *st.last().unwrap_or(&-1)).await),
                        Instr::Halt => break,
                    }
                }
                step("halt").await;
                Ok(out)
            }
        }
    }
    run {
        pair(
            exec(vec![Instr::Push(2), Instr::Push(3), Instr::Add, Instr::Print, Instr::Dup, Instr::Mul, Instr::Print, Instr::Halt]),
            pair(exec(vec![Instr::Add]), exec(vec![Instr::Push(0), Instr::Jz(0)])),
        )
    }
}

twin! {
    /// A struct with two tracker fields: one moved out after an await, the other used after another await.
    p8a_partial_fields {
        pub struct Session { pub user: Tracker, pub conn: Tracker, pub bytes: u32 }
        lower! {
            pub async fn close(s: Session) -> (Tracker, u32) {
                step("flush").await;
                let user = s.user;
                let n = leaf("bytes", s.bytes).await;
                log(format!("closing {}", s.conn.name()));
                step("bye").await;
                (user, n)
            }
        }
    }
    run { close(Session { user: Tracker("user"), conn: Tracker("conn"), bytes: 7 }) }
}

twin! {
    /// Merging two sorted Vecs with peekable iterators, `match (a.peek(), b.peek())`, awaits per item.
    p8a_merge_sorted {
        lower! {
            pub async fn merge(xs: Vec<u32>, ys: Vec<u32>) -> Vec<u32> {
                let mut a = xs.into_iter().peekable();
                let mut b = ys.into_iter().peekable();
                let mut out = Vec::new();
                loop {
                    let next = match (a.peek(), b.peek()) {
                        (Some(x), Some(y)) if x <= y => a.next(),
                        (Some(_), Some(_)) => b.next(),
                        (Some(_), None) => a.next(),
                        (None, Some(_)) => b.next(),
                        (None, None) => break,
                    };
                    out.push(leaf("emit", next.unwrap()).await);
                }
                out
            }
        }
    }
    run { merge(vec![1, 4, 6], vec![2, 3, 7, 8]) }
}

twin! {
    /// A priority scheduler on a `BinaryHeap<Reverse<(u32, String)>>`, jobs pushed from awaited results.
    p8a_priority_queue {
        lower! {
            pub async fn schedule(jobs: Vec<(u32, &'static str)>) -> Vec<String> {
                use std::cmp::Reverse;
                use std::collections::BinaryHeap;
                let mut heap = BinaryHeap::new();
                for (p, name) in jobs {
                    heap.push(Reverse((leaf("prio", p).await, name.to_string())));
                }
                let mut order = vec![];
                while let Some(Reverse((p, name))) = heap.pop() {
                    step("run").await;
                    if p == 0 && name.starts_with('x') {
                        heap.push(Reverse((9, format!("{name}-again"))));
                    }
                    order.push(format!("{p}:{name}"));
                }
                order
            }
        }
    }
    run { schedule(vec![(3, "c"), (1, "a"), (0, "xz"), (2, "b")]) }
}

twin! {
    /// Breadth-first search on an adjacency list with a VecDeque and a visited Vec, awaiting neighbours.
    p8a_graph_bfs {
        lower! {
            pub async fn bfs(adj: Vec<Vec<usize>>, start: usize, goal: usize) -> Option<Vec<usize>> {
                let mut prev = vec![None; adj.len()];
                let mut seen = vec![false; adj.len()];
                let mut q = VecDeque::from([start]);
                seen[start] = true;
                while let Some(u) = q.pop_front() {
                    if u == goal {
                        let mut path = vec![u];
                        let mut cur = u;
                        while let Some(p) = prev[cur] {
                            path.push(p);
                            cur = p;
                        }
                        path.reverse();
                        return Some(path);
                    }
                    for &v in leaf("neighbours", &adj[u]).await {
                        if !seen[v] {
                            seen[v] = true;
                            prev[v] = Some(u);
                            q.push_back(v);
                        }
                    }
                }
                None
            }
        }
    }
    run { pair(bfs(vec![vec![1, 2], vec![3], vec![3], vec![4], vec![]], 0, 4), bfs(vec![vec![], vec![0]], 0, 1)) }
}

#[derive(Debug)]
pub struct Row {
    pub name: String,
    pub age: u8,
    pub tag: Tracker,
}

twin! {
    /// CSV rows parsed into structs: `collect::<Result<Vec<_>, _>>()?` after an await, `?` per field.
    p8a_csv_rows {
        lower! {
            pub async fn parse_row(line: &str) -> Result<Row, String> {
                let cols: Vec<&str> = line.split(',').map(str::trim).collect();
                let [name, age] = cols[..] else {
                    return Err(format!("want 2 columns, got {}", cols.len()));
                };
                let age = age.parse::<u8>().map_err(|e| format!("{name}: {e}"))?;
                step("row").await;
                Ok(Row { name: name.to_string(), age, tag: Tracker("row") })
            }
        }
        lower! {
            pub async fn load(src: &'static str) -> Result<(usize, u32), String> {
                let text = leaf("read", src).await;
                let header: Vec<&str> = text.lines().next().ok_or("empty")?.split(',').collect();
                let mut rows = vec![];
                for l in text.lines().skip(1) {
                    rows.push(parse_row(l).await);
                }
                let rows = rows.into_iter().collect::<Result<Vec<_>, _>>()?;
                let total: u32 = rows.iter().map(|r| r.age as u32).sum();
                Ok((header.len() + rows.len(), total))
            }
        }
    }
    run { pair(load("name,age\nann, 30\nbob,4"), pair(load("n,a\nx,1\ny\nz,2"), load("n,a\nq,300"))) }
}

twin! {
    /// An elevator simulation: `match self.floor.cmp(&target)` in a loop, a direction enum, awaits per floor.
    p8a_elevator {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Dir { Up, Down, Idle }
        pub struct Elevator { pub floor: i32, pub dir: Dir, pub trips: Vec<String> }
        impl Elevator {
            lower! {
                pub async fn go(&mut self, target: i32) -> u32 {
                    let mut moves = 0;
                    loop {
                        self.dir = match self.floor.cmp(&target) {
                            std::cmp::Ordering::Less => Dir::Up,
                            std::cmp::Ordering::Greater => Dir::Down,
                            std::cmp::Ordering::Equal => break,
                        };
                        step("move").await;
                        self.floor += if self.dir == Dir::Up { 1 } else { -1 };
                        moves += 1;
                    }
                    self.dir = Dir::Idle;
                    self.trips.push(format!("at {} after {moves}", leaf("ding", self.floor).await));
                    moves
                }
            }
        }
        lower! {
            pub async fn ride() -> (Vec<u32>, Vec<String>) {
                let mut e = Elevator { floor: 0, dir: Dir::Idle, trips: vec![] };
                let mut m = vec![];
                for t in [3, 1, 1, -1] {
                    m.push(e.go(t).await);
                }
                (m, e.trips)
            }
        }
    }
    run { ride() }
}

twin! {
    /// A vending machine: an enum state with data, coins from an awaited source, change as a Vec.
    p8a_vending {
        #[derive(Debug)]
        pub enum Vm { Waiting, Paying { paid: u32, item: &'static str }, Vending(&'static str, Tracker) }
        lower! {
            pub async fn buy(item: &'static str, price: u32, coins: Vec<u32>) -> (Vec<String>, u32) {
                let mut st = Vm::Waiting;
                let mut coins = coins.into_iter();
                let mut out = vec![];
                let change = loop {
                    st = match st {
                        Vm::Waiting => Vm::Paying { paid: 0, item },
                        Vm::Paying { paid, item } if paid >= price => Vm::Vending(item, Tracker::new("can")),
                        Vm::Paying { paid, item } => match coins.next() {
                            Some(c) => Vm::Paying { paid: paid + leaf("coin", c).await, item },
                            None => break paid,
                        },
                        Vm::Vending(name, can) => {
                            step("drop").await;
                            out.push(format!("got {name} ({})", can.name()));
                            break 0;
                        }
                    };
                    out.push(format!("{st:?}"));
                };
                (out, change)
            }
        }
    }
    run { pair(buy("cola", 3, vec![1, 2, 5]), buy("tea", 5, vec![2])) }
}

// ---- minimal bodies for the failures above ----

twin! {
    /// Shrink of p8a_bank_transfer: a `&mut` returned by a `&mut self` helper, dead before the await.
    p8a_min_mut_ref_dead_at_await {
        pub struct Acc { pub bal: u64 }
        pub struct Bank2 { pub accs: Vec<Acc> }
        impl Bank2 {
            fn find(&mut self, i: usize) -> &mut Acc { &mut self.accs[i] }
            lower! {
                pub async fn mv(&mut self) -> u64 {
                    let src = self.find(0);
                    src.bal -= 1;
                    step("s").await;
                    let dst = self.find(1);
                    dst.bal += 1;
                    dst.bal
                }
            }
        }
    }
    run { leak(Bank2 { accs: vec![Acc { bal: 5 }, Acc { bal: 0 }] }).mv() }
}

twin! {
    /// Shrink of p8a_bank_transfer (b): the same with a local `Vec` instead of `self`.
    p8a_min_mut_ref_dead_local {
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![1u32, 2];
                let a = v.iter_mut().next().unwrap();
                *a += 10;
                step("s").await;
                let b = v.last_mut().unwrap();
                *b += 1;
                v[0] + v[1]
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p8a_bank_transfer (c): the `&mut` comes out of a `?`.
    p8a_min_mut_ref_dead_try {
        pub struct Acc3 { pub bal: u64 }
        pub struct Bank3 { pub accs: Vec<Acc3> }
        impl Bank3 {
            fn find(&mut self, i: usize) -> Option<&mut Acc3> { self.accs.get_mut(i) }
            lower! {
                pub async fn mv(&mut self) -> Option<u64> {
                    let src = self.find(0)?;
                    src.bal -= 1;
                    step("s").await;
                    let dst = self.find(1)?;
                    dst.bal += 1;
                    Some(dst.bal)
                }
            }
        }
    }
    run { leak(Bank3 { accs: vec![Acc3 { bal: 5 }, Acc3 { bal: 0 }] }).mv() }
}

twin! {
    /// Shrink of p8a_if_let_chain: `if let .. else if let <awaited> .. else { "..".into() }` as a `let` value.
    p8a_min_else_if_let_into {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>) -> String {
                let s = if let Some(x) = a {
                    format!("a={x}")
                } else if let Some(y) = leaf("b", b).await {
                    format!("b={y}")
                } else {
                    "none".into()
                };
                s
            }
        }
    }
    run { pair(f(None, Some(1)), f(None, None)) }
}

twin! {
    /// Shrink of p8a_if_let_chain (b): a plain `if` whose `else` awaits, the other branch `.into()`.
    p8a_min_else_await_into {
        lower! {
            pub async fn f(c: bool) -> String {
                let s = if c {
                    format!("yes")
                } else {
                    step("s").await;
                    "no".into()
                };
                s
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Shrink of p8a_if_let_chain (c): `else if <awaited bool>` with an `.into()` in the last branch.
    p8a_min_else_if_await_into {
        lower! {
            pub async fn f(c: bool) -> String {
                let s = if c {
                    String::from("a")
                } else if leaf("b", false).await {
                    String::from("b")
                } else {
                    "none".into()
                };
                s
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Shrink of p8a_event_loop: a range index of a `String` parameter in an awaited argument.
    p8a_min_range_index_in_await {
        lower! {
            pub async fn f(text: String) -> usize {
                leaf("cmd", &text[1..]).await.len()
            }
        }
    }
    run { f("/nick".to_string()) }
}

twin! {
    /// Shrink of p8a_event_loop (b): the same index on a binding of a guarded match arm.
    p8a_min_range_index_guard_binding {
        lower! {
            pub async fn f(o: Option<String>) -> String {
                match o {
                    Some(text) if text.starts_with('/') => format!("cmd {}", leaf("cmd", &text[1..]).await),
                    Some(text) => text,
                    None => String::new(),
                }
            }
        }
    }
    run { pair(f(Some("/x".into())), f(Some("y".into()))) }
}

twin! {
    /// Shrink of p8a_event_loop (c): a guard `(i as usize) < v.len()` in an arm that awaits.
    p8a_min_cast_lt_guard {
        lower! {
            pub async fn f(i: u32, v: Vec<u32>) -> u32 {
                match i {
                    i if (i as usize) < v.len() => leaf("at", v[i as usize]).await,
                    _ => 0,
                }
            }
        }
    }
    run { pair(f(1, vec![4, 5]), f(7, vec![])) }
}

twin! {
    /// Shrink of p8a_bracket_match: `match v.pop()` whose taken arm binds nothing and awaits.
    p8a_min_scrutinee_unbound_arm {
        lower! {
            pub async fn f(mut v: Vec<Tracker>) -> u32 {
                let r = match v.pop() {
                    None => 0,
                    _ => leaf("arm", 1).await,
                };
                step("after").await;
                r
            }
        }
    }
    run { f(vec![Tracker("a")]) }
}

twin! {
    /// Shrink of p8a_bracket_match (b): the binding arm's guard fails, the fallback arm awaits.
    p8a_min_scrutinee_guard_fails {
        lower! {
            pub async fn f(mut v: Vec<Tracker>) -> u32 {
                let r = match v.pop() {
                    Some(t) if t.name() == "no" => 0,
                    _ => leaf("arm", 1).await,
                };
                step("after").await;
                r
            }
        }
    }
    run { f(vec![Tracker("a")]) }
}

twin! {
    /// Shrink of p8a_bracket_match (c): `return` with an awaited value from the unbound arm.
    p8a_min_scrutinee_return_await {
        lower! {
            pub async fn f(mut v: Vec<Tracker>) -> u32 {
                match v.pop() {
                    None => {}
                    _ => return leaf("ret", 1).await,
                }
                0
            }
        }
    }
    run { f(vec![Tracker("a")]) }
}

twin! {
    /// Shrink of p8a_destructure_rest: `let Order { id, lines, .. } = o;` on a parameter after an await.
    p8a_min_destructure_rest_param {
        lower! {
            pub async fn f(o: Order) -> usize {
                step("s").await;
                let Order { id, lines, .. } = o;
                leaf("x", lines.len() + id as usize).await
            }
        }
    }
    run { f(Order { id: 3, lines: vec![], guard: Tracker("guard"), note: None }) }
}

twin! {
    /// Shrink of p8a_destructure_rest (b): the same on a local, no await before the `let`.
    p8a_min_destructure_rest_local {
        lower! {
            pub async fn f() -> usize {
                let o = Order { id: 3, lines: vec![], guard: Tracker("guard"), note: None };
                let Order { id, lines, .. } = o;
                leaf("x", lines.len() + id as usize).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p8a_destructure_rest (c): the pattern moves nothing (`id` is `Copy`), the local stays whole.
    p8a_min_destructure_copy_only {
        lower! {
            pub async fn f() -> u32 {
                let o = Order { id: 3, lines: vec![], guard: Tracker("guard"), note: None };
                let Order { id, .. } = o;
                leaf("x", id).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p8a_builder_pattern: `let b = b.header(..)` (a user method taking `self`) before an await.
    p8a_min_self_method_shadow {
        pub struct Bld(pub Tracker, pub u32);
        impl Bld {
            pub fn header(mut self, n: u32) -> Bld { self.1 += n; self }
        }
        lower! {
            pub async fn f() -> u32 {
                let b = Bld(Tracker("b"), 0);
                let b = b.header(1);
                step("s").await;
                b.1
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p8a_builder_pattern (b): no shadowing, `let c = b.header(..)`.
    p8a_min_self_method_rename {
        pub struct Bld2(pub Tracker, pub u32);
        impl Bld2 {
            pub fn header(mut self, n: u32) -> Bld2 { self.1 += n; self }
        }
        lower! {
            pub async fn f() -> u32 {
                let b = Bld2(Tracker("b"), 0);
                let c = b.header(1);
                step("s").await;
                c.1
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p8a_builder_pattern (c): `b.header(leaf().await)`: the await is in the argument.
    p8a_min_self_method_await_arg {
        pub struct Bld3(pub Tracker, pub u32);
        impl Bld3 {
            pub fn header(mut self, n: u32) -> Bld3 { self.1 += n; self }
        }
        lower! {
            pub async fn f() -> u32 {
                let b = Bld3(Tracker("b"), 0);
                let c = b.header(leaf("n", 2).await);
                c.1
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p8a_config_merge: a field moved by `.or(..)`, another field read, then an await.
    p8a_min_partial_or_then_await {
        pub struct Cfg2 { pub host: Option<String>, pub port: u16 }
        lower! {
            pub async fn f() -> usize {
                let c = leaf("c", Cfg2 { host: Some("h".into()), port: 8 }).await;
                let h = c.host.or(None);
                let p = c.port;
                step("s").await;
                p as usize + h.map_or(0, |s| s.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p8a_config_merge (b): the other field read in a `match` scrutinee whose arm awaits.
    p8a_min_partial_or_match_await {
        pub struct Cfg3 { pub host: Option<String>, pub port: Option<u16> }
        lower! {
            pub async fn f() -> usize {
                let c = leaf("c", Cfg3 { host: Some("h".into()), port: None }).await;
                let h = c.host.or(None);
                let p = match c.port {
                    Some(p) => p,
                    None => leaf("dflt", 80).await,
                };
                p as usize + h.map_or(0, |s| s.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// Accounts as `Rc<RefCell<Account>>`: a `borrow_mut()` guard dropped before the await, re-borrowed after.
    p8a_bank_rc {
        #[derive(Debug)]
        pub struct Acct { pub name: &'static str, pub bal: i64 }
        lower! {
            pub async fn transfer(from: &Rc<RefCell<Acct>>, to: &Rc<RefCell<Acct>>, amt: i64) -> Result<i64, String> {
                {
                    let mut a = from.borrow_mut();
                    if a.bal < amt {
                        return Err(format!("{} short by {}", a.name, amt - a.bal));
                    }
                    a.bal -= amt;
                }
                let amt = leaf("clear", amt).await;
                let mut b = to.borrow_mut();
                b.bal += amt;
                Ok(b.bal)
            }
        }
        lower! {
            pub async fn main_() -> (Vec<Result<i64, String>>, i64, i64) {
                let x = Rc::new(RefCell::new(Acct { name: "x", bal: 10 }));
                let y = Rc::new(RefCell::new(Acct { name: "y", bal: 0 }));
                let mut r = vec![];
                r.push(transfer(&x, &y, 4).await);
                r.push(transfer(&y, &x, 9).await);
                r.push(transfer(&x, &y, 6).await);
                let (bx, by) = (x.borrow().bal, y.borrow().bal);
                (r, bx, by)
            }
        }
    }
    run { main_() }
}

twin! {
    /// String slicing by ranges in every position: `let`, call args, awaited args, `format!`.
    p8a_string_slices {
        lower! {
            pub async fn abbrev(words: Vec<String>) -> Vec<String> {
                let mut out = vec![];
                for w in &words {
                    let n = leaf("len", w.len().min(3)).await;
                    let head = &w[..n];
                    let tail = w[n..].to_string();
                    out.push(format!("{head}|{}|{}", leaf("tail", tail.len()).await, &w[w.len() - 1..]));
                }
                out
            }
        }
    }
    run { abbrev(vec!["alpha".into(), "be".into(), "gamma".into()]) }
}

twin! {
    /// Vec indexing with awaited values on both sides: `v[i] = ..await`, `v[..await] += 1`, `v[a..b]`.
    p8a_vec_index_awaits {
        lower! {
            pub async fn hist(xs: Vec<usize>) -> (Vec<u32>, u32) {
                let mut bins = vec![0u32; 4];
                for x in xs {
                    bins[leaf("bin", x % 4).await] += 1;
                }
                bins[0] = leaf("reset", 9).await;
                let mid: u32 = bins[1..3].iter().sum();
                (bins, mid)
            }
        }
    }
    run { hist(vec![1, 2, 5, 7, 4, 3, 3]) }
}

twin! {
    /// A char histogram in a `[usize; 26]` array indexed by `(c as u8 - b'a') as usize`.
    p8a_char_freq {
        lower! {
            pub async fn freq(text: &'static str) -> Vec<(char, usize)> {
                let mut counts = [0usize; 26];
                for c in leaf("text", text).await.chars().filter(char::is_ascii_lowercase) {
                    counts[(c as u8 - b'a') as usize] += 1;
                }
                step("rank").await;
                let mut v: Vec<(char, usize)> = counts.iter().enumerate().filter(|&(_, &n)| n > 0).map(|(i, &n)| ((b'a' + i as u8) as char, n)).collect();
                v.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
                v
            }
        }
    }
    run { freq("hello world") }
}

twin! {
    /// Callbacks as `Vec<Box<dyn FnOnce(u32) -> String>>` drained and called with awaited arguments.
    p8a_fnonce_callbacks {
        lower! {
            pub async fn fire() -> Vec<String> {
                let t = Tracker::new("owned");
                let prefix = String::from("cb");
                let mut cbs: Vec<Box<dyn FnOnce(u32) -> String>> = Vec::new();
                cbs.push(Box::new(move |n| format!("{} {n}", t.name())));
                let p = prefix.clone();
                cbs.push(Box::new(move |n| format!("{p}-{n}")));
                cbs.push(Box::new(|n| (n * 2).to_string()));
                let mut out = vec![];
                for (i, cb) in cbs.drain(..).enumerate() {
                    out.push(cb(leaf("arg", i as u32).await));
                }
                out.push(prefix);
                out
            }
        }
    }
    run { fire() }
}

twin! {
    /// Struct update syntax with awaited fields from a base that is not used again.
    p8a_struct_update {
        #[derive(Debug, Clone)]
        pub struct Opts { pub name: String, pub port: u16, pub verbose: bool, pub tag: Option<&'static str> }
        lower! {
            pub async fn opts() -> (Opts, Opts) {
                let base = Opts { name: "svc".into(), port: 80, verbose: false, tag: None };
                let dev = Opts { port: leaf("port", 8080).await, verbose: true, ..base.clone() };
                let prod = Opts { name: format!("{}-prod", leaf("env", "eu").await), ..base };
                (dev, prod)
            }
        }
    }
    run { opts() }
}

twin! {
    /// `match &self.state` by reference with awaits, then `self.state = ..` after the match.
    p8a_match_ref_state {
        #[derive(Debug)]
        pub enum Phase { Start, Running { step: u32, log: Tracker }, Stopped }
        pub struct Job2 { pub state: Phase, pub history: Vec<String> }
        impl Job2 {
            lower! {
                pub async fn poke(&mut self) -> bool {
                    let next = match &self.state {
                        Phase::Start => Some(Phase::Running { step: leaf("init", 0).await, log: Tracker::new("log") }),
                        Phase::Running { step, log } if *step < 2 => {
                            self.history.push(format!("{} {step}", log.name()));
                            Some(Phase::Running { step: step + 1, log: Tracker::new("log2") })
                        }
                        Phase::Running { .. } => {
                            step("stop").await;
                            Some(Phase::Stopped)
                        }
                        Phase::Stopped => None,
                    };
                    match next {
                        Some(p) => { self.state = p; true }
                        None => false,
                    }
                }
            }
        }
        lower! {
            pub async fn main_() -> Vec<String> {
                let mut j = Job2 { state: Phase::Start, history: vec![] };
                while j.poke().await {}
                j.history
            }
        }
    }
    run { main_() }
}

twin! {
    /// `?` inside a loop that holds a per-iteration tracker and an outer Vec of trackers.
    p8a_try_in_loop_trackers {
        lower! {
            pub async fn parse_num(s: &str) -> Result<u32, String> {
                step("p").await;
                s.parse().map_err(|_| format!("bad {s}"))
            }
        }
        lower! {
            pub async fn total(xs: Vec<&'static str>) -> Result<u32, String> {
                let mut keep = vec![Tracker::new("keep0")];
                let mut sum = 0;
                for s in xs {
                    let _it = Tracker::new("iter");
                    let v = parse_num(s).await?;
                    if v > 10 {
                        keep.push(Tracker::new("big"));
                    }
                    sum += v;
                }
                Ok(sum + keep.len() as u32)
            }
        }
    }
    run { pair(total(vec!["1", "20", "3"]), total(vec!["4", "x", "5"])) }
}

twin! {
    /// A labelled block as a value: `'blk: { if .. { break 'blk .. } ..await }`.
    p8a_labelled_block {
        lower! {
            pub async fn pick(cache: Option<u32>, key: u32) -> u32 {
                let _t = Tracker::new("req");
                let v = 'blk: {
                    if let Some(c) = cache {
                        break 'blk c;
                    }
                    let fetched = leaf("fetch", key * 3).await;
                    if fetched > 10 {
                        break 'blk 10;
                    }
                    fetched + 1
                };
                step("reply").await;
                v
            }
        }
    }
    run { pair(pick(Some(1), 0), pair(pick(None, 2), pick(None, 5))) }
}

twin! {
    /// An array of trackers consumed by a `for` loop that awaits: the rest drop on cancellation.
    p8a_array_for_trackers {
        lower! {
            pub async fn each() -> u32 {
                let arr = [Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut n = 0;
                for t in arr {
                    step("each").await;
                    if t.name() == "b" {
                        continue;
                    }
                    n += leaf("n", 1).await;
                }
                n
            }
        }
    }
    run { each() }
}

twin! {
    /// Compound assignment to fields of `self` with awaited values (`self.stats.hits += ..await`).
    p8a_field_compound_assign {
        #[derive(Debug, Default)]
        pub struct Stats { pub hits: u32, pub bytes: u64, pub last: String }
        pub struct Server { pub stats: Stats }
        impl Server {
            lower! {
                pub async fn serve(&mut self, req: &str) -> usize {
                    self.stats.hits += leaf("hit", 1).await;
                    self.stats.bytes += leaf("bytes", req.len() as u64).await * 2;
                    self.stats.last.push_str(req);
                    self.stats.last += &leaf("sep", ";".to_string()).await;
                    self.stats.last.len()
                }
            }
        }
        lower! {
            pub async fn main_() -> (Vec<usize>, Stats) {
                let mut s = Server { stats: Stats::default() };
                let mut v = vec![];
                for r in ["GET", "POST"] {
                    v.push(s.serve(r).await);
                }
                (v, s.stats)
            }
        }
    }
    run { main_() }
}

twin! {
    /// An async fn filling a `&mut Vec<String>` buffer, called repeatedly with the same local.
    p8a_mut_buffer_param {
        lower! {
            pub async fn fill(buf: &mut Vec<String>, n: u32) -> usize {
                for i in 0..n {
                    buf.push(leaf("line", format!("l{i}")).await);
                }
                buf.len()
            }
        }
        lower! {
            pub async fn main_() -> (Vec<usize>, String) {
                let mut buf = Vec::new();
                let _g = Tracker("buf owner");
                let a = fill(&mut buf, 2).await;
                buf.retain(|l| l != "l0");
                let b = fill(&mut buf, 1).await;
                (vec![a, b], buf.join(","))
            }
        }
    }
    run { main_() }
}

twin! {
    /// `return if c { ..await } else { Default::default() }` and a closure borrowing a local across awaits.
    p8a_return_if_default {
        lower! {
            pub async fn f(c: bool, xs: Vec<u32>) -> (u32, Vec<u32>) {
                let limit = leaf("limit", 2).await;
                let is_big = |x: &u32| *x > limit;
                step("between").await;
                let big: Vec<u32> = xs.iter().copied().filter(is_big).collect();
                let n = xs.iter().filter(|x| is_big(x)).count() as u32;
                return if c { (leaf("n", n).await, big) } else { Default::default() };
            }
        }
    }
    run { pair(f(true, vec![1, 5, 3]), f(false, vec![9])) }
}

twin! {
    /// A `match (state, event)` on a tuple of enums carrying trackers: data moved out of both.
    p8a_tuple_enum_match {
        #[derive(Debug)]
        pub enum Door { Open(Tracker), Closed, Locked(u32) }
        #[derive(Debug)]
        pub enum Act { Push, Pull(Tracker), Key(u32) }
        lower! {
            pub async fn next(d: Door, a: Act) -> Result<Door, String> {
                Ok(match (d, a) {
                    (Door::Closed, Act::Pull(t)) => Door::Open(leaf("open", t).await),
                    (Door::Open(t), Act::Push) => {
                        step("close").await;
                        log(format!("closed {}", t.name()));
                        Door::Closed
                    }
                    (Door::Closed, Act::Key(k)) => Door::Locked(k),
                    (Door::Locked(k), Act::Key(k2)) if k == k2 => Door::Closed,
                    (d, a) => return Err(format!("cannot {a:?} when {d:?}")),
                })
            }
        }
        lower! {
            pub async fn main_() -> Vec<String> {
                let mut d = Door::Closed;
                let mut out = vec![];
                for a in [Act::Pull(Tracker("hand")), Act::Push, Act::Key(7), Act::Key(8), Act::Key(7), Act::Push] {
                    d = match next(d, a).await {
                        Ok(nd) => nd,
                        Err(e) => {
                            out.push(e);
                            break;
                        }
                    };
                    out.push(format!("{d:?}"));
                }
                out
            }
        }
    }
    run { main_() }
}

twin! {
    /// `Option::as_mut` on a field in an `if let`, compound assignment through the binding with an await.
    p8a_option_as_mut {
        pub struct Cursor { pub pos: usize }
        pub struct Editor { pub cur: Option<Cursor>, pub text: String }
        impl Editor {
            lower! {
                pub async fn type_(&mut self, s: &str) -> usize {
                    if let Some(c) = self.cur.as_mut() {
                        c.pos += leaf("adv", s.len()).await;
                    } else {
                        self.cur = Some(Cursor { pos: leaf("init", 0).await });
                    }
                    self.text.push_str(s);
                    self.cur.as_ref().map_or(0, |c| c.pos)
                }
            }
        }
        lower! {
            pub async fn main_() -> (Vec<usize>, String) {
                let mut e = Editor { cur: None, text: String::new() };
                let mut v = vec![];
                for s in ["ab", "cde", "f"] {
                    v.push(e.type_(s).await);
                }
                (v, e.text)
            }
        }
    }
    run { main_() }
}

twin! {
    /// `match leaf().await { x if x > 3 => return x, x => x }` with a guard and a tracker in scope.
    p8a_return_from_scrutinee_arm {
        lower! {
            pub async fn f(v: u32) -> u32 {
                let _t = Tracker::new("t");
                let y = match leaf("v", v).await {
                    x if x > 3 => return x * 100,
                    0 => {
                        step("zero").await;
                        1
                    }
                    x => x,
                };
                y + leaf("y", 1).await
            }
        }
    }
    run { pair(f(5), pair(f(0), f(2))) }
}

twin! {
    /// A sliding-window rate counter with a VecDeque of timestamps from awaited "clock" reads.
    p8a_sliding_window {
        lower! {
            pub async fn allow(reqs: Vec<u64>, window: u64, max: usize) -> Vec<bool> {
                let mut times: VecDeque<u64> = VecDeque::new();
                let mut out = Vec::new();
                for r in reqs {
                    let now = leaf("clock", r).await;
                    while times.front().is_some_and(|&t| now - t >= window) {
                        times.pop_front();
                    }
                    let ok = times.len() < max;
                    if ok {
                        times.push_back(now);
                    }
                    out.push(ok);
                }
                out
            }
        }
    }
    run { allow(vec![0, 1, 2, 3, 10, 11, 12], 5, 2) }
}

twin! {
    /// A trait with a default method and a generic `async fn notify<N: Notifier>(n: &N, ..)`.
    p8a_trait_generic_notify {
        pub trait Notifier {
            fn channel(&self) -> String;
            fn format(&self, msg: &str) -> String { format!("[{}] {msg}", self.channel()) }
        }
        pub struct Email(pub &'static str);
        pub struct Sms;
        impl Notifier for Email { fn channel(&self) -> String { format!("mail:{}", self.0) } }
        impl Notifier for Sms {
            fn channel(&self) -> String { "sms".into() }
            fn format(&self, msg: &str) -> String { msg.chars().take(5).collect() }
        }
        lower! {
            pub async fn notify<N: Notifier>(n: &N, msgs: &[&str]) -> Vec<String> {
                let mut sent = vec![];
                for m in msgs {
                    let line = n.format(m);
                    step("send").await;
                    sent.push(line);
                }
                sent
            }
        }
        lower! {
            pub async fn main_() -> Vec<String> {
                let msgs = ["hello there", "bye"];
                let mut all = notify(&Email("a@b"), &msgs).await;
                all.extend(notify(&Sms, &msgs[..1]).await);
                all
            }
        }
    }
    run { main_() }
}

twin! {
    /// Shrink of p8a_if_let_chain (d): the inner `if let` binding has the name of the outer `let`.
    p8a_min_else_if_let_same_name {
        lower! {
            pub async fn f(b: Result<&'static str, u32>) -> String {
                let s = if false {
                    format!("a")
                } else if let Ok(s) = leaf("b", b).await {
                    format!("b={s}")
                } else {
                    "none".into()
                };
                s
            }
        }
    }
    run { pair(f(Ok("x")), f(Err(1))) }
}

twin! {
    /// Shrink of p8a_if_let_chain (e): the first `if let` scrutinee is awaited.
    p8a_min_if_let_awaited_first {
        lower! {
            pub async fn f(a: Option<u32>) -> String {
                let s = if let Some(x) = leaf("a", a).await {
                    format!("a={x}")
                } else {
                    "none".into()
                };
                s
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Shrink of p8a_if_let_chain (f): an await inside the `else if let` branch's body.
    p8a_min_else_if_let_body_await {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>) -> String {
                let s = if let Some(x) = a {
                    format!("a={x}")
                } else if let Some(y) = b {
                    format!("b={}", leaf("y", y).await)
                } else {
                    "none".into()
                };
                s
            }
        }
    }
    run { pair(f(None, Some(2)), f(None, None)) }
}

twin! {
    /// Shrink of p8a_event_loop (d): a guarded arm's by-move binding used in an awaited call, no index.
    p8a_min_guard_binding_await {
        lower! {
            pub async fn f(o: Option<String>) -> usize {
                match o {
                    Some(text) if text.len() > 1 => leaf("len", text.len()).await,
                    _ => 0,
                }
            }
        }
    }
    run { pair(f(Some("/x".into())), f(None)) }
}

twin! {
    /// Shrink of p8a_event_loop (e): `&text[1..]` on a guarded arm's binding, not awaited.
    p8a_min_guard_binding_index_sync {
        lower! {
            pub async fn f(o: Option<String>) -> String {
                step("s").await;
                match o {
                    Some(text) if text.len() > 1 => text[1..].to_string(),
                    _ => String::new(),
                }
            }
        }
    }
    run { pair(f(Some("/x".into())), f(None)) }
}

twin! {
    /// Shrink of p8a_event_loop (f): `&text[1..]` on an unguarded arm's binding inside an await.
    p8a_min_arm_binding_index_await {
        lower! {
            pub async fn f(o: Option<String>) -> String {
                match o {
                    Some(text) => leaf("cmd", &text[1..]).await.to_string(),
                    None => String::new(),
                }
            }
        }
    }
    run { pair(f(Some("/x".into())), f(None)) }
}

twin! {
    /// Shrink of p8a_bracket_match (d): a failing guard and a fallback arm that logs, no await in the match.
    p8a_min_guard_fails_sync {
        lower! {
            pub async fn f(mut v: Vec<Tracker>) -> u32 {
                let r = match v.pop() {
                    Some(t) if t.name() == "no" => 0,
                    _ => {
                        log("fallback");
                        1
                    }
                };
                step("after").await;
                r
            }
        }
    }
    run { f(vec![Tracker("a")]) }
}

twin! {
    /// Shrink of p8a_bracket_match (e): a failing guard on a place scrutinee (`match o`), fallback awaits.
    p8a_min_guard_fails_place {
        lower! {
            pub async fn f(o: Option<Tracker>) -> u32 {
                let _first = Tracker::new("first");
                match o {
                    Some(t) if t.name() == "no" => 0,
                    _ => leaf("arm", 1).await,
                }
            }
        }
    }
    run { f(Some(Tracker("a"))) }
}

twin! {
    /// Shrink of p8a_vending: `st = match st { .. }` in a loop, an arm moves a tracker out and awaits.
    p8a_min_reassign_from_match {
        #[derive(Debug)]
        pub enum St { A(Tracker), B, Done }
        lower! {
            pub async fn f() -> u32 {
                let mut st = St::A(Tracker("a"));
                let mut n = 0;
                loop {
                    st = match st {
                        St::A(t) => {
                            step("a").await;
                            drop(t);
                            St::B
                        }
                        St::B => St::Done,
                        St::Done => break,
                    };
                    n += 1;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p8a_bank_transfer (d): a `&mut self` field borrowed into a local, dead before the await.
    p8a_min_self_field_ref_dead {
        pub struct Ctr { pub a: u32, pub b: u32 }
        impl Ctr {
            lower! {
                pub async fn bump(&mut self) -> u32 {
                    let r = &mut self.a;
                    *r += 1;
                    step("s").await;
                    self.b += 1;
                    self.a + self.b
                }
            }
        }
    }
    run { leak(Ctr { a: 0, b: 0 }).bump() }
}

twin! {
    /// Shrink of p8a_bank_transfer (e): a `&mut self` reborrowed through a method, then `self` used after the await.
    p8a_min_self_method_ref_dead {
        pub struct Ctr2 { pub a: u32 }
        impl Ctr2 {
            fn slot(&mut self) -> &mut u32 { &mut self.a }
            lower! {
                pub async fn bump(&mut self) -> u32 {
                    let r = self.slot();
                    *r += 1;
                    step("s").await;
                    self.a
                }
            }
        }
    }
    run { leak(Ctr2 { a: 0 }).bump() }
}

twin! {
    /// Shrink of p8a_if_let_chain (g): both `if let` scrutinees awaited.
    p8a_min_if_let_both_awaited {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>) -> String {
                let s = if let Some(x) = leaf("a", a).await {
                    format!("a={x}")
                } else if let Some(y) = leaf("b", b).await {
                    format!("b={y}")
                } else {
                    "none".into()
                };
                s
            }
        }
    }
    run { pair(f(None, Some(1)), f(None, None)) }
}

twin! {
    /// Shrink of p8a_if_let_chain (h): both scrutinees awaited and an await in the second body.
    p8a_min_if_let_both_awaited_body {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>) -> String {
                let s = if let Some(x) = leaf("a", a).await {
                    format!("a={x}")
                } else if let Some(y) = leaf("b", b).await {
                    format!("b={}", leaf("y", y).await)
                } else {
                    "none".into()
                };
                s
            }
        }
    }
    run { pair(f(None, Some(1)), f(None, None)) }
}

twin! {
    /// Shrink of p8a_if_let_chain (i): the whole chain without the surrounding locals.
    p8a_min_if_let_chain_core {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<&'static str, u32>) -> String {
                let s = if let Some(x) = leaf("a", a).await {
                    format!("a={x}")
                } else if let Ok(s) = leaf("b", b).await {
                    let _t = Tracker::new("okb");
                    format!("b={}", leaf("len", s.len()).await)
                } else {
                    "none".into()
                };
                s
            }
        }
    }
    run { pair(f(None, Ok("z")), f(None, Err(3))) }
}

twin! {
    /// Shrink of p8a_config_merge (c): a local's field moved by `.or(..)`, then an await, nothing else.
    p8a_min_partial_or_only {
        pub struct Cfg4 { pub host: Option<String>, pub port: u16 }
        lower! {
            pub async fn f() -> usize {
                let c = Cfg4 { host: Some("h".into()), port: 8 };
                let h = c.host.or(None);
                step("s").await;
                h.map_or(0, |s| s.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p8a_config_merge (d): a field moved by `.or(..)`, a `Copy` field read, then an await.
    p8a_min_partial_or_copy_read {
        pub struct Cfg5 { pub host: Option<String>, pub port: u16 }
        lower! {
            pub async fn f() -> usize {
                let c = Cfg5 { host: Some("h".into()), port: 8 };
                let h = c.host.or(None);
                let p = c.port;
                step("s").await;
                p as usize + h.map_or(0, |s| s.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p8a_config_merge (e): a field moved by a plain `let`, a `Copy` field read, then an await.
    p8a_min_partial_let_copy_read {
        pub struct Cfg6 { pub host: Option<String>, pub port: u16 }
        lower! {
            pub async fn f() -> usize {
                let c = Cfg6 { host: Some("h".into()), port: 8 };
                let h = c.host;
                let p = c.port;
                step("s").await;
                p as usize + h.map_or(0, |s| s.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p8a_event_loop (g): `&text[1..]` in an awaited call in a guarded arm, no `format!`.
    p8a_min_guard_index_await {
        lower! {
            pub async fn f(o: Option<String>) -> usize {
                match o {
                    Some(text) if text.len() > 1 => leaf("cmd", &text[1..]).await.len(),
                    _ => 0,
                }
            }
        }
    }
    run { pair(f(Some("/x".into())), f(None)) }
}

twin! {
    /// Shrink of p8a_event_loop (h): `text.len()` in the guard, `text[0]`-free: a `&text` argument.
    p8a_min_guard_ref_await {
        lower! {
            pub async fn f(o: Option<String>) -> usize {
                match o {
                    Some(text) if text.len() > 1 => leaf("cmd", &text).await.len(),
                    _ => 0,
                }
            }
        }
    }
    run { pair(f(Some("/x".into())), f(None)) }
}

twin! {
    /// Shrink of p8a_bank_transfer (f): the `&mut` from a `&mut self` method is not even used.
    p8a_min_self_method_ref_unused {
        pub struct Ctr3 { pub a: u32 }
        impl Ctr3 {
            fn slot(&mut self) -> &mut u32 { &mut self.a }
            lower! {
                pub async fn bump(&mut self) -> u32 {
                    let _r = self.slot();
                    step("s").await;
                    self.a
                }
            }
        }
    }
    run { leak(Ctr3 { a: 0 }).bump() }
}

twin! {
    /// Shrink of p8a_bank_transfer (g): the same through a `&mut` parameter instead of `self`.
    p8a_min_param_method_ref_dead {
        pub struct Ctr4 { pub a: u32 }
        impl Ctr4 {
            fn slot(&mut self) -> &mut u32 { &mut self.a }
        }
        lower! {
            pub async fn bump(c: &mut Ctr4) -> u32 {
                let r = c.slot();
                *r += 1;
                step("s").await;
                c.a
            }
        }
    }
    run { bump(leak(Ctr4 { a: 0 })) }
}

twin! {
    /// Shrink of p8a_if_let_chain (j): the chain's value used only in a `format!` tail with another local.
    p8a_min_if_let_chain_tail_fmt {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<&'static str, u32>) -> String {
                let held = vec![Tracker::new("h1")];
                let s = if let Some(x) = leaf("a", a).await {
                    format!("a={x}")
                } else if let Ok(s) = leaf("b", b).await {
                    format!("b={}", leaf("len", s.len()).await)
                } else {
                    "none".into()
                };
                format!("{s} {}", held.len())
            }
        }
    }
    run { pair(f(None, Ok("z")), f(None, Err(3))) }
}

twin! {
    /// Shrink of p8a_if_let_chain (k): an awaited `vec![]` local before the chain.
    p8a_min_if_let_chain_vec_before {
        lower! {
            pub async fn f(a: Option<u32>) -> String {
                let nums = vec![leaf("n1", 1).await, 3];
                let s = if let Some(x) = leaf("a", a).await {
                    format!("a={x}")
                } else {
                    "none".into()
                };
                format!("{s} {nums:?}")
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Shrink of p8a_if_let_chain (l): `let s = if .. { format!() } else { "..".into() }` then `format!("{s}")`.
    p8a_min_into_then_inline_fmt {
        lower! {
            pub async fn f(c: bool) -> String {
                let s = if leaf("c", c).await { format!("yes") } else { "no".into() };
                format!("{s}!")
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Shrink of p8a_if_let_chain (m): `.into()` branch, value used by `format!("{}", s)` (not inline).
    p8a_min_into_then_positional_fmt {
        lower! {
            pub async fn f(c: bool) -> String {
                let s = if leaf("c", c).await { format!("yes") } else { "no".into() };
                format!("{}!", s)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Shrink of p8a_if_let_chain (n): the chain then `format!("{s}!")`, no other local.
    p8a_min_if_let_chain_fmt_only {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>) -> String {
                let s = if let Some(x) = leaf("a", a).await {
                    format!("a={x}")
                } else if let Some(y) = leaf("b", b).await {
                    format!("b={y}")
                } else {
                    "none".into()
                };
                format!("{s}!")
            }
        }
    }
    run { pair(f(None, Some(1)), f(None, None)) }
}

twin! {
    /// Shrink of p8a_if_let_chain (o): a tracker local alive across the chain, `s` returned as is.
    p8a_min_if_let_chain_local_alive {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>) -> String {
                let held = Tracker::new("h");
                let s = if let Some(x) = leaf("a", a).await {
                    format!("a={x}")
                } else if let Some(y) = leaf("b", b).await {
                    format!("b={y}")
                } else {
                    "none".into()
                };
                log(held.name());
                s
            }
        }
    }
    run { pair(f(None, Some(1)), f(None, None)) }
}

twin! {
    /// Shrink of p8a_if_let_chain (p): `if c1.await {..} else if c2.await {..} else { .into() }` then `format!`.
    p8a_min_else_if_bool_fmt {
        lower! {
            pub async fn f(a: bool, b: bool) -> String {
                let s = if leaf("a", a).await {
                    String::from("a")
                } else if leaf("b", b).await {
                    String::from("b")
                } else {
                    "none".into()
                };
                format!("{s}!")
            }
        }
    }
    run { pair(f(false, true), f(false, false)) }
}

twin! {
    /// Shrink of p8a_if_let_chain (q): as p8a_min_if_let_chain_tail_fmt with the inner binding renamed.
    p8a_min_chain_renamed_binding {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<&'static str, u32>) -> String {
                let held = vec![Tracker::new("h1")];
                let s = if let Some(x) = leaf("a", a).await {
                    format!("a={x}")
                } else if let Ok(t) = leaf("b", b).await {
                    format!("b={}", leaf("len", t.len()).await)
                } else {
                    "none".into()
                };
                format!("{s} {}", held.len())
            }
        }
    }
    run { pair(f(None, Ok("z")), f(None, Err(3))) }
}

twin! {
    /// Shrink of p8a_if_let_chain (r): the inner `Ok(s)` shadows the outer `s`, nothing else around.
    p8a_min_chain_shadow_body_await {
        lower! {
            pub async fn f(b: Result<&'static str, u32>) -> String {
                let s = if let Ok(s) = leaf("b", b).await {
                    format!("b={}", leaf("len", s.len()).await)
                } else {
                    "none".into()
                };
                format!("{s}!")
            }
        }
    }
    run { pair(f(Ok("z")), f(Err(3))) }
}

twin! {
    /// Shrink of p8a_if_let_chain (s): as (r) with the `else` branch a `String::from`.
    p8a_min_chain_shadow_body_await_from {
        lower! {
            pub async fn f(b: Result<&'static str, u32>) -> String {
                let s = if let Ok(s) = leaf("b", b).await {
                    format!("b={}", leaf("len", s.len()).await)
                } else {
                    String::from("none")
                };
                format!("{s}!")
            }
        }
    }
    run { pair(f(Ok("z")), f(Err(3))) }
}

twin! {
    /// Shrink of p8a_if_let_chain (t): a plain `if` whose first branch awaits inside `format!`, the other `.into()`.
    p8a_min_if_await_fmt_else_into {
        lower! {
            pub async fn f(c: bool) -> String {
                let s = if c { format!("{}", leaf("x", 1).await) } else { "none".into() };
                format!("{s}!")
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Shrink of p8a_if_let_chain (u): the first branch is an awaited `String`, the other `.into()`.
    p8a_min_if_await_value_else_into {
        lower! {
            pub async fn f(c: bool) -> String {
                let s = if c { leaf("x", String::from("a")).await } else { "none".into() };
                format!("{s}!")
            }
        }
    }
    run { pair(f(true), f(false)) }
}

pub trait Handler {
    async fn handle(&self, req: u32) -> String;
}

twin! {
    /// An `async fn` in a trait implemented with a lowered method, called through a generic.
    p8a_async_trait_handler {
        pub struct Echo { pub prefix: &'static str, pub _g: Tracker }
        impl Handler for Echo {
            lower! {
                async fn handle(&self, req: u32) -> String {
                    let r = leaf("echo", req).await;
                    format!("{}{r}", self.prefix)
                }
            }
        }
        lower! {
            pub async fn serve_all<H: Handler>(h: &H, reqs: &[u32]) -> Vec<String> {
                let mut out = vec![];
                for &r in reqs {
                    out.push(h.handle(r).await);
                    step("next").await;
                }
                out
            }
        }
        lower! {
            pub async fn main_() -> Vec<String> {
                let e = Echo { prefix: "> ", _g: Tracker("echo") };
                serve_all(&e, &[1, 2]).await
            }
        }
    }
    run { main_() }
}

twin! {
    /// Fibonacci with a destructuring assignment `(a, b) = (b, a + ..await)` in a loop.
    p8a_destructuring_assign {
        lower! {
            pub async fn fib(n: u32) -> (u64, [u32; 2]) {
                let (mut a, mut b) = (0u64, 1u64);
                for _ in 0..n {
                    (a, b) = (b, a + leaf("b", b).await);
                }
                let mut pair_ = [1u32, 2];
                let [x, y] = pair_;
                [pair_[0], pair_[1]] = [y, leaf("x", x).await];
                (a, pair_)
            }
        }
    }
    run { fib(6) }
}

twin! {
    /// An arithmetic overflow panic after an await (debug builds): the panic message and drops match.
    p8a_overflow_panic {
        lower! {
            pub async fn add(x: u8) -> u8 {
                let _t = Tracker::new("t");
                let y = leaf("y", 200u8).await;
                let v = vec![Tracker::new("v")];
                let z = x + y;
                drop(v);
                z
            }
        }
    }
    run { pair(add(10), add(100)) }
}

twin! {
    /// An index out of bounds and an `unreachable!` in arms after awaits.
    p8a_index_panic {
        lower! {
            pub async fn pick(v: Vec<u32>, i: usize) -> u32 {
                let _t = Tracker::new("t");
                let i = leaf("i", i).await;
                match v.len() {
                    0 => unreachable!("empty input"),
                    _ => v[i] + leaf("one", 1).await,
                }
            }
        }
    }
    run { pair(pick(vec![1, 2], 1), pick(vec![1], 3)) }
}

#[derive(Debug)]
pub enum AppErr {
    Parse(std::num::ParseIntError),
    Neg(i64),
}
impl From<std::num::ParseIntError> for AppErr {
    fn from(e: std::num::ParseIntError) -> Self {
        AppErr::Parse(e)
    }
}
impl Display for AppErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}
impl std::error::Error for AppErr {}

twin! {
    /// `Result<_, Box<dyn Error>>` with `?` converting a custom error and a `ParseIntError` after awaits.
    p8a_box_dyn_error {
        lower! {
            pub async fn parse_pos(s: &'static str) -> Result<i64, AppErr> {
                let n: i64 = leaf("s", s).await.trim().parse()?;
                if n < 0 { return Err(AppErr::Neg(n)); }
                Ok(n)
            }
        }
        lower! {
            pub async fn run_(inputs: Vec<&'static str>) -> Result<i64, Box<dyn std::error::Error>> {
                let _t = Tracker::new("run");
                let mut sum = 0;
                for s in inputs {
                    sum += parse_pos(s).await?;
                    if sum > 100 {
                        return Err(format!("sum {sum} too big").into());
                    }
                }
                let bytes = leaf("utf8", vec![104u8, 105]).await;
                let text = String::from_utf8(bytes)?;
                Ok(sum + text.len() as i64)
            }
        }
        lower! {
            pub async fn main_() -> Vec<String> {
                let mut out = vec![];
                for case in [vec!["1", " 2"], vec!["3", "-4"], vec!["x"], vec!["99", "9"]] {
                    out.push(match run_(case).await {
                        Ok(v) => v.to_string(),
                        Err(e) => e.to_string(),
                    });
                }
                out
            }
        }
    }
    run { main_() }
}

twin! {
    /// Items declared inside the body: a `const`, a nested `fn`, a local `struct` with an impl.
    p8a_items_in_body {
        lower! {
            pub async fn f(xs: Vec<u32>) -> (u32, String) {
                const LIMIT: u32 = 10;
                fn clamp(x: u32) -> u32 { x.min(LIMIT) }
                #[derive(Debug)]
                struct Acc { total: u32, n: u32 }
                impl Acc {
                    fn add(&mut self, x: u32) { self.total += x; self.n += 1; }
                }
                let mut acc = Acc { total: 0, n: 0 };
                for x in xs {
                    acc.add(clamp(leaf("x", x).await));
                }
                step("done").await;
                (acc.total, format!("{acc:?}"))
            }
        }
    }
    run { f(vec![3, 40, 5]) }
}

twin! {
    /// `match leaf().await.as_str() { .. }` whose arms await: the awaited String lives through the arms.
    p8a_match_as_str_arms_await {
        lower! {
            pub async fn cmd(s: &'static str) -> u32 {
                let _t = Tracker::new("t");
                match leaf("line", s.to_string()).await.as_str() {
                    "inc" => leaf("inc", 1).await,
                    "double" => {
                        step("d").await;
                        2
                    }
                    other => other.len() as u32,
                }
            }
        }
    }
    run { pair(cmd("inc"), pair(cmd("double"), cmd("zzz"))) }
}

twin! {
    /// `let _ = ..` (drops at once) versus `let _t = ..` on trackers and on awaited trackers.
    p8a_let_underscore {
        lower! {
            pub async fn f() -> u32 {
                let _ = Tracker::new("dropped now");
                let _kept = Tracker::new("kept");
                let _ = leaf("x", Tracker::new("awaited, dropped")).await;
                let _a = leaf("y", Tracker::new("awaited, kept")).await;
                let n = leaf("z", Tracker::new("temp")).await.name().len() as u32;
                step("end").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A button with a `Box<dyn FnMut() -> u32>` field called as `(self.on_click)()` between awaits.
    p8a_fnmut_field {
        pub struct Button { pub label: String, pub on_click: Box<dyn FnMut() -> u32>, pub clicks: Vec<u32> }
        impl Button {
            lower! {
                pub async fn click(&mut self) -> u32 {
                    step("press").await;
                    let v = (self.on_click)();
                    self.clicks.push(leaf("release", v).await);
                    v
                }
            }
        }
        lower! {
            pub async fn main_() -> (Vec<u32>, String) {
                let mut n = 0;
                let mut b = Button { label: "ok".into(), on_click: Box::new(move || { n += 1; n * 10 }), clicks: vec![] };
                b.click().await;
                b.click().await;
                let last = b.click().await;
                (b.clicks, format!("{} {last}", b.label))
            }
        }
    }
    run { main_() }
}

twin! {
    /// `std::iter::successors` and `from_fn` built between awaits; a `&mut impl Iterator` parameter.
    p8a_iter_builders {
        lower! {
            pub async fn take_some(it: &mut impl Iterator<Item = u32>, n: usize) -> Vec<u32> {
                let mut out = vec![];
                while out.len() < n {
                    match it.next() {
                        Some(x) => out.push(leaf("x", x).await),
                        None => break,
                    }
                }
                out
            }
        }
        lower! {
            pub async fn main_() -> (Vec<u32>, Vec<u32>, Vec<u32>) {
                let start = leaf("start", 1).await;
                let mut pows = std::iter::successors(Some(start), |&x| if x < 100 { Some(x * 3) } else { None });
                let a = take_some(&mut pows, 3).await;
                let b = take_some(&mut pows, 10).await;
                let mut c = 0;
                let mut counter = std::iter::from_fn(|| { c += 1; if c < 4 { Some(c) } else { None } });
                let d = take_some(&mut counter, 5).await;
                (a, b, d)
            }
        }
    }
    run { main_() }
}

twin! {
    /// A lifetime-generic `async fn longest<'a>` returning a borrowed `&'a str` used after more awaits.
    p8a_longest_lifetime {
        lower! {
            pub async fn longest<'a>(a: &'a str, b: &'a str) -> &'a str {
                step("cmp").await;
                if a.len() >= b.len() { a } else { b }
            }
        }
        lower! {
            pub async fn main_() -> String {
                let x = String::from("apple");
                let y = leaf("y", String::from("kiwi fruit")).await;
                let l = longest(&x, &y).await;
                let n = leaf("n", l.len()).await;
                format!("{l}:{n}")
            }
        }
    }
    run { main_() }
}

twin! {
    /// `Cow<str>`: borrowed unless a replacement is needed, built after an await, owned pushes.
    p8a_cow_strings {
        lower! {
            pub async fn clean(inputs: Vec<&'static str>) -> Vec<String> {
                use std::borrow::Cow;
                let mut out = vec![];
                for s in inputs {
                    let s = leaf("in", s).await;
                    let c: Cow<str> = if s.contains(' ') { Cow::Owned(s.replace(' ', "_")) } else { Cow::Borrowed(s) };
                    let kind = match &c { Cow::Borrowed(_) => "b", Cow::Owned(_) => "o" };
                    step("out").await;
                    out.push(format!("{kind}:{c}"));
                }
                out
            }
        }
    }
    run { clean(vec!["a b", "cd", "e f g"]) }
}

twin! {
    /// A tuple field access on awaited tuples (`leaf(..).await.1`) and nested tuple patterns in a `for`.
    p8a_tuple_fields {
        lower! {
            pub async fn f(pairs: Vec<((u32, Tracker), &'static str)>) -> (u32, Vec<&'static str>) {
                let k = leaf("k", (2u32, 5u32)).await.1;
                let mut names = vec![];
                let mut sum = 0;
                for ((n, t), label) in pairs {
                    sum += n * k;
                    step("item").await;
                    names.push(if n % 2 == 0 { t.name() } else { label });
                }
                (sum, names)
            }
        }
    }
    run { f(vec![((1, Tracker("t1")), "one"), ((2, Tracker("t2")), "two")]) }
}

twin! {
    /// An `entry` reference kept and used after an await (`let e = map.entry(k).or_insert(0)`).
    p8a_entry_ref_across {
        lower! {
            pub async fn count(words: Vec<&'static str>) -> Vec<(&'static str, u32)> {
                let mut m: BTreeMap<&str, u32> = BTreeMap::new();
                for w in words {
                    let e = m.entry(w).or_insert(0);
                    *e += leaf("w", 1).await;
                    *e *= 2;
                }
                m.into_iter().collect()
            }
        }
    }
    run { count(vec!["a", "b", "a"]) }
}

twin! {
    /// A `&mut` from `last_mut()` on a local Vec kept across an await and used after it.
    p8a_last_mut_across {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut lines = vec![String::from("a")];
                for w in ["b", "c"] {
                    let cur = lines.last_mut().unwrap();
                    cur.push_str(leaf("w", w).await);
                    if cur.len() > 2 {
                        lines.push(String::new());
                    }
                }
                lines
            }
        }
    }
    run { f() }
}

#[derive(Debug)]
pub struct LNode {
    pub val: u32,
    pub next: Option<Box<LNode>>,
}

twin! {
    /// A linked list walked with a `&mut Option<Box<Node>>` cursor (`cur = &mut node.next`), awaiting per node.
    p8a_list_cursor {
        lower! {
            pub async fn bump_all(mut head: Option<Box<LNode>>) -> Vec<u32> {
                let mut cur = &mut head;
                while let Some(node) = cur {
                    node.val += leaf("inc", 10).await;
                    cur = &mut node.next;
                }
                *cur = Some(Box::new(LNode { val: leaf("tail", 99).await, next: None }));
                let mut out = vec![];
                let mut p = head.as_ref();
                while let Some(n) = p {
                    out.push(n.val);
                    p = n.next.as_ref();
                }
                out
            }
        }
    }
    run { bump_all(Some(Box::new(LNode { val: 1, next: Some(Box::new(LNode { val: 2, next: None })) }))) }
}

#[derive(Debug)]
pub enum Expr {
    Num(i64),
    Var(&'static str),
    Bin(char, Box<Expr>, Box<Expr>),
    Let(&'static str, Box<Expr>, Box<Expr>),
}

twin! {
    /// An expression evaluator over `&Expr` with an environment `Vec<(&str, i64)>`, recursive through `Box::pin`.
    p8a_expr_eval {
        lower! {
            pub async fn eval(e: &Expr, env: &mut Vec<(&'static str, i64)>) -> Result<i64, String> {
                match e {
                    Expr::Num(n) => Ok(*n),
                    Expr::Var(v) => env.iter().rev().find(|(k, _)| k == v).map(|&(_, x)| x).ok_or(format!("unbound {v}")),
                    Expr::Bin(op, l, r) => {
                        let a = Box::pin(eval(l, env)).await?;
                        let b = Box::pin(eval(r, env)).await?;
                        step("op").await;
                        match op {
                            '+' => Ok(a + b),
                            '*' => Ok(a * b),
                            '/' if b == 0 => Err("division by zero".into()),
                            '/' => Ok(a / b),
                            _ => Err(format!("bad op {op}")),
                        }
                    }
                    Expr::Let(name, value, body) => {
                        let v = Box::pin(eval(value, env)).await?;
                        env.push((name, v));
                        let r = Box::pin(eval(body, env)).await;
                        env.pop();
                        r
                    }
                }
            }
        }
        lower! {
            pub async fn main_() -> Vec<Result<i64, String>> {
                use Expr::*;
                let progs = vec![
                    Let("x", Box::new(Num(3)), Box::new(Bin('*', Box::new(Var("x")), Box::new(Bin('+', Box::new(Var("x")), Box::new(Num(1))))))),
                    Bin('/', Box::new(Num(1)), Box::new(Num(0))),
                    Var("y"),
                ];
                let mut env = vec![];
                let mut out = vec![];
                for p in &progs {
                    out.push(eval(p, &mut env).await);
                }
                out
            }
        }
    }
    run { main_() }
}

twin! {
    /// A `&mut self` job runner: `while let Some(job) = self.queue.pop_front()` with `self.done.push(job)`.
    p8a_self_queue_runner {
        pub struct Runner { pub queue: VecDeque<(u32, Tracker)>, pub done: Vec<(u32, Tracker)>, pub failed: u32 }
        impl Runner {
            lower! {
                pub async fn run_all(&mut self) -> usize {
                    while let Some(job) = self.queue.pop_front() {
                        if leaf("exec", job.0 % 2 == 0).await {
                            self.done.push(job);
                        } else {
                            self.failed += 1;
                            step("cleanup").await;
                        }
                    }
                    self.done.len()
                }
            }
        }
        lower! {
            pub async fn main_() -> (usize, u32) {
                let mut r = Runner { queue: VecDeque::new(), done: vec![], failed: 0 };
                for i in 0..4 {
                    r.queue.push_back((i, Tracker("job")));
                }
                let n = r.run_all().await;
                (n, r.failed)
            }
        }
    }
    run { main_() }
}

twin! {
    /// A consuming `into_parts(self)` async method moving one field out before an await and the other after.
    p8a_self_partial_move {
        pub struct Conn2 { pub sock: Tracker, pub buf: Vec<u8>, pub peer: Tracker }
        impl Conn2 {
            lower! {
                pub async fn into_parts(self) -> (Tracker, usize) {
                    let sock = self.sock;
                    step("flush").await;
                    let n = leaf("len", self.buf.len()).await;
                    log(format!("peer {}", self.peer.name()));
                    (sock, n)
                }
            }
        }
        lower! {
            pub async fn main_() -> (Tracker, usize) {
                let c = Conn2 { sock: Tracker("sock"), buf: vec![1, 2, 3], peer: Tracker("peer") };
                c.into_parts().await
            }
        }
    }
    run { main_() }
}

twin! {
    /// `if let Some(v) = self.map.get_mut(k) { v.push(..await) }`: a field borrow held across the await.
    p8a_get_mut_across {
        pub struct Groups { pub map: BTreeMap<&'static str, Vec<Tracker>> }
        impl Groups {
            lower! {
                pub async fn add(&mut self, k: &'static str, name: &'static str) -> usize {
                    if let Some(v) = self.map.get_mut(k) {
                        v.push(leaf("member", Tracker(name)).await);
                        return v.len();
                    }
                    self.map.insert(k, vec![Tracker::new(name)]);
                    step("created").await;
                    1
                }
            }
        }
        lower! {
            pub async fn main_() -> Vec<usize> {
                let mut g = Groups { map: BTreeMap::new() };
                let mut v = vec![];
                for (k, n) in [("a", "a1"), ("b", "b1"), ("a", "a2")] {
                    v.push(g.add(k, n).await);
                }
                v
            }
        }
    }
    run { main_() }
}

twin! {
    /// A `RefCell` field guard in `&self` held across an await, dropped explicitly after.
    p8a_refcell_field_guard {
        pub struct Log { pub lines: RefCell<Vec<String>>, pub _g: Tracker }
        impl Log {
            lower! {
                pub async fn write(&self, s: &str) -> usize {
                    let mut g = self.lines.borrow_mut();
                    g.push(leaf("line", s.to_uppercase()).await);
                    let n = g.len();
                    drop(g);
                    step("synced").await;
                    n + self.lines.borrow().len()
                }
            }
        }
        lower! {
            pub async fn main_() -> Vec<usize> {
                let l = Log { lines: RefCell::new(vec![]), _g: Tracker("log") };
                vec![l.write("a").await, l.write("b").await]
            }
        }
    }
    run { main_() }
}

twin! {
    /// `retain_mut` and `iter_mut().for_each` on a Vec of structs between awaits (a chat room's idle sweep).
    p8a_retain_mut_sweep {
        pub struct Peer { pub name: &'static str, pub idle: u32, pub conn: Tracker }
        lower! {
            pub async fn sweep(rounds: u32) -> Vec<(&'static str, u32)> {
                let mut peers = vec![
                    Peer { name: "a", idle: 0, conn: Tracker("ca") },
                    Peer { name: "b", idle: 2, conn: Tracker("cb") },
                    Peer { name: "c", idle: 1, conn: Tracker("cc") },
                ];
                for _ in 0..rounds {
                    let max = leaf("max", 3).await;
                    peers.iter_mut().for_each(|p| p.idle += 1);
                    peers.retain_mut(|p| {
                        if p.name == "a" { p.idle = 0; }
                        p.idle < max
                    });
                    step("tick").await;
                }
                peers.iter().map(|p| (p.name, p.idle)).collect()
            }
        }
    }
    run { sweep(2) }
}
