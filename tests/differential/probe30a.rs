//! Probe round 30a: small real programs, each body a little application of 20-60 lines
//! as someone writes it in a sample project: a tokenizer with a recursive-descent parser
//! and evaluator whose leaves await (recursion through `Box::pin`), a request router with
//! handlers as lowered methods, a retrying client with backoff and an error enum with
//! `From` conversions and `?`, caches with a `HashMap` and eviction, job queues drained by
//! workers (`VecDeque`, `Option::take`, `mem::take`, `mem::replace`), bank transfers with
//! validation and rollback, line-oriented protocol handlers, order workflows with several
//! structs and enums, pagination loops, enum state machines across awaits, text reports
//! with `write!`, token buckets, graph walks, merges of sorted streams: several lowered
//! free functions and `&self`/`&mut self`/`self` methods and trait impls calling each
//! other, helper types in the body's items, trackers owned by structs to watch drop
//! order, and panics (`boom`) at some awaits.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

twin! {
    /// A tokenizer, a recursive-descent parser (`&mut self` methods recursing through
    /// `Box::pin`) and number leaves that await.
    p30a_calc_parser_eval {
        #[derive(Debug, Clone, PartialEq)]
        pub enum Tok { Num(i64), Plus, Minus, Star, LParen, RParen }
        pub fn tokenize(s: &str) -> Vec<Tok> {
            let cs: Vec<char> = s.chars().collect();
            let mut out = Vec::new();
            let mut i = 0;
            while i < cs.len() {
                if cs[i].is_ascii_digit() {
                    let mut n = 0i64;
                    while i < cs.len() && cs[i].is_ascii_digit() {
                        n = n * 10 + cs[i].to_digit(10).unwrap() as i64;
                        i += 1;
                    }
                    out.push(Tok::Num(n));
                    continue;
                }
                match cs[i] {
                    '+' => out.push(Tok::Plus),
                    '-' => out.push(Tok::Minus),
                    '*' => out.push(Tok::Star),
                    '(' => out.push(Tok::LParen),
                    ')' => out.push(Tok::RParen),
                    _ => {}
                }
                i += 1;
            }
            out
        }
        pub struct Parser { pub toks: Vec<Tok>, pub pos: usize, pub _g: Tracker }
        impl Parser {
            pub fn peek(&self) -> Option<&Tok> { self.toks.get(self.pos) }
            lower! {
                pub async fn expr(&mut self) -> i64 {
                    let mut v = Box::pin(self.term()).await;
                    while let Some(t) = self.peek().cloned() {
                        match t {
                            Tok::Plus => { self.pos += 1; v += Box::pin(self.term()).await; }
                            Tok::Minus => { self.pos += 1; v -= Box::pin(self.term()).await; }
                            _ => break,
                        }
                    }
                    v
                }
            }
            lower! {
                pub async fn term(&mut self) -> i64 {
                    let mut v = Box::pin(self.atom()).await;
                    while self.peek() == Some(&Tok::Star) {
                        self.pos += 1;
                        v *= Box::pin(self.atom()).await;
                    }
                    v
                }
            }
            lower! {
                pub async fn atom(&mut self) -> i64 {
                    match self.toks.get(self.pos).cloned() {
                        Some(Tok::Num(n)) => { self.pos += 1; leaf("num", n).await }
                        Some(Tok::LParen) => {
                            self.pos += 1;
                            let v = Box::pin(self.expr()).await;
                            self.pos += 1;
                            v
                        }
                        Some(Tok::Minus) => { self.pos += 1; -Box::pin(self.atom()).await }
                        other => { log(format!("unexpected {other:?}")); 0 }
                    }
                }
            }
        }
        lower! {
            pub async fn calc(src: &'static str) -> (i64, usize) {
                let mut p = Parser { toks: tokenize(src), pos: 0, _g: Tracker::new("parser") };
                let v = p.expr().await;
                step("done").await;
                (v, p.pos)
            }
        }
    }
    run { pair(calc("2 + 3 * (4 - 1)"), calc("-(1+2)*3 - 4")) }
}

twin! {
    /// An AST built by a parser, then evaluated by a recursive lowered function over
    /// `Box<Expr>` with an environment lookup that awaits; unknown variables are an error
    /// propagated with `?`.
    p30a_ast_eval_env {
        #[derive(Debug)]
        pub enum Expr { Lit(i64), Var(String), Add(Box<Expr>, Box<Expr>), Mul(Box<Expr>, Box<Expr>), Neg(Box<Expr>) }
        #[derive(Debug)]
        pub enum EvalError { Unbound(String), Overflow }
        pub struct Env { pub vars: HashMap<String, i64>, pub _g: Tracker }
        impl Env {
            lower! {
                pub async fn get(&self, name: &str) -> Result<i64, EvalError> {
                    step("lookup").await;
                    self.vars.get(name).copied().ok_or_else(|| EvalError::Unbound(name.to_string()))
                }
            }
        }
        lower! {
            pub async fn eval(e: &Expr, env: &Env) -> Result<i64, EvalError> {
                Ok(match e {
                    Expr::Lit(n) => leaf("lit", *n).await,
                    Expr::Var(v) => env.get(v).await?,
                    Expr::Add(a, b) => {
                        let x = Box::pin(eval(a, env)).await?;
                        let y = Box::pin(eval(b, env)).await?;
                        x.checked_add(y).ok_or(EvalError::Overflow)?
                    }
                    Expr::Mul(a, b) => {
                        let x = Box::pin(eval(a, env)).await?;
                        x.checked_mul(Box::pin(eval(b, env)).await?).ok_or(EvalError::Overflow)?
                    }
                    Expr::Neg(a) => -Box::pin(eval(a, env)).await?,
                })
            }
        }
        pub fn lit(n: i64) -> Box<Expr> { Box::new(Expr::Lit(n)) }
        pub fn var(s: &str) -> Box<Expr> { Box::new(Expr::Var(s.to_string())) }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut vars = HashMap::new();
                vars.insert("x".to_string(), 6);
                vars.insert("big".to_string(), i64::MAX);
                let env = Env { vars, _g: Tracker::new("env") };
                let progs = vec![
                    Expr::Add(lit(1), Box::new(Expr::Mul(var("x"), lit(7)))),
                    Expr::Neg(Box::new(Expr::Add(var("x"), var("y")))),
                    Expr::Mul(var("big"), lit(2)),
                ];
                let mut out = Vec::new();
                for p in &progs {
                    out.push(format!("{:?}", eval(p, &env).await));
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A stack-machine interpreter: source lines split into instructions, an `enum Op`
    /// matched in a loop, `Push` operands fetched by an await, a `Print` logging, and a
    /// division by zero reported as an error string.
    p30a_stack_machine {
        #[derive(Debug, Clone)]
        pub enum Op { Push(i64), Add, Mul, Div, Dup, Print }
        pub fn parse(src: &str) -> Result<Vec<Op>, String> {
            src.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| {
                let mut it = l.split_whitespace();
                match (it.next(), it.next()) {
                    (Some("push"), Some(n)) => n.parse().map(Op::Push).map_err(|e| format!("{e}")),
                    (Some("add"), None) => Ok(Op::Add),
                    (Some("mul"), None) => Ok(Op::Mul),
                    (Some("div"), None) => Ok(Op::Div),
                    (Some("dup"), None) => Ok(Op::Dup),
                    (Some("print"), None) => Ok(Op::Print),
                    _ => Err(format!("bad line {l:?}")),
                }
            }).collect()
        }
        lower! {
            pub async fn run(src: &'static str) -> Result<Vec<i64>, String> {
                let ops = parse(src)?;
                let _vm = Tracker::new("vm");
                let mut stack: Vec<i64> = Vec::new();
                for (pc, op) in ops.into_iter().enumerate() {
                    step("tick").await;
                    match op {
                        Op::Push(n) => stack.push(leaf("operand", n).await),
                        Op::Dup => { let t = *stack.last().ok_or("empty")?; stack.push(t); }
                        Op::Print => log(format!("print {:?}", stack.last())),
                        bin => {
                            let b = stack.pop().ok_or_else(|| format!("underflow at {pc}"))?;
                            let a = stack.pop().ok_or_else(|| format!("underflow at {pc}"))?;
                            stack.push(match bin {
                                Op::Add => a + b,
                                Op::Mul => a * b,
                                Op::Div if b == 0 => return Err(format!("div by zero at {pc}")),
                                Op::Div => a / b,
                                _ => unreachable!(),
                            });
                        }
                    }
                }
                Ok(stack)
            }
        }
    }
    run { pair(pair(run("push 3\npush 4\nadd\ndup\nmul\nprint"), run("push 1\npush 0\ndiv")), pair(run("add"), run("push x"))) }
}

twin! {
    /// A request router: `match (method, path segments)` dispatching to `&mut self` handler
    /// methods of a lowered service struct, which await a store and return a response
    /// struct; a 404 and a 405.
    p30a_router_dispatch {
        #[derive(Debug)]
        pub struct Resp { pub code: u16, pub body: String }
        pub struct Service { pub users: BTreeMap<u32, String>, pub next: u32, pub _g: Tracker }
        impl Service {
            lower! {
                pub async fn list(&self) -> Resp {
                    step("db list").await;
                    let names: Vec<&str> = self.users.values().map(|s| s.as_str()).collect();
                    Resp { code: 200, body: names.join(",") }
                }
            }
            lower! {
                pub async fn get(&self, id: u32) -> Resp {
                    match leaf("db get", self.users.get(&id).cloned()).await {
                        Some(n) => Resp { code: 200, body: n },
                        None => Resp { code: 404, body: format!("no user {id}") },
                    }
                }
            }
            lower! {
                pub async fn create(&mut self, body: &str) -> Resp {
                    let id = self.next;
                    self.next += 1;
                    step("db insert").await;
                    self.users.insert(id, body.to_string());
                    Resp { code: 201, body: id.to_string() }
                }
            }
            lower! {
                pub async fn handle(&mut self, method: &str, path: &str, body: &str) -> Resp {
                    let _req = Tracker::new("req");
                    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
                    match (method, segs.as_slice()) {
                        ("GET", ["users"]) => self.list().await,
                        ("POST", ["users"]) => self.create(body).await,
                        ("GET", ["users", id]) => match id.parse() {
                            Ok(id) => self.get(id).await,
                            Err(_) => Resp { code: 400, body: format!("bad id {id}") },
                        },
                        (_, ["users", ..]) => Resp { code: 405, body: method.to_string() },
                        _ => { step("404").await; Resp { code: 404, body: path.to_string() } }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<Resp> {
                let mut s = Service { users: BTreeMap::new(), next: 1, _g: Tracker::new("svc") };
                let reqs = [("POST", "/users", "ann"), ("POST", "/users/", "bob"), ("GET", "/users", ""),
                    ("GET", "/users/2", ""), ("GET", "/users/9", ""), ("GET", "/users/x", ""),
                    ("DELETE", "/users/1", ""), ("GET", "/nope", "")];
                let mut out = Vec::new();
                for (m, p, b) in reqs {
                    out.push(s.handle(m, p, b).await);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A router as a table of routes matched by prefix, a middleware that times each
    /// request with a tracker, and a handler panicking at an await (`boom`) for one path.
    p30a_router_middleware_panic {
        pub struct Ctx { pub path: String, pub hits: u32 }
        pub struct Timer(pub Tracker, pub &'static str);
        impl Drop for Timer {
            fn drop(&mut self) { log(format!("timer {} done", self.1)); }
        }
        lower! {
            pub async fn handler(ctx: &mut Ctx) -> String {
                ctx.hits += 1;
                if ctx.path.starts_with("/crash") {
                    boom("handler").await;
                }
                let n = leaf("render", ctx.path.len()).await;
                format!("{}:{}", ctx.path, n)
            }
        }
        lower! {
            pub async fn with_timing(ctx: &mut Ctx, label: &'static str) -> String {
                let _t = Timer(Tracker::new("timer"), label);
                step("before").await;
                let r = handler(ctx).await;
                step("after").await;
                r
            }
        }
        lower! {
            pub async fn serve(paths: Vec<&'static str>) -> (Vec<String>, u32) {
                let mut ctx = Ctx { path: String::new(), hits: 0 };
                let mut out = Vec::new();
                for p in paths {
                    ctx.path = p.to_string();
                    out.push(with_timing(&mut ctx, p).await);
                }
                (out, ctx.hits)
            }
        }
    }
    run { pair(serve(vec!["/a", "/bb"]), serve(vec!["/ok", "/crash", "/never"])) }
}

twin! {
    /// A retrying client: an error enum with `From<ParseIntError>` and `From<IoError>`,
    /// `?` converting both, a backoff doubling across attempts, and a tracker per attempt.
    p30a_retry_client_backoff {
        #[derive(Debug)]
        pub struct IoError(pub &'static str);
        #[derive(Debug)]
        pub enum ClientError { Io(IoError), Parse(std::num::ParseIntError), GaveUp(u32) }
        impl From<IoError> for ClientError {
            fn from(e: IoError) -> Self { ClientError::Io(e) }
        }
        impl From<std::num::ParseIntError> for ClientError {
            fn from(e: std::num::ParseIntError) -> Self { ClientError::Parse(e) }
        }
        lower! {
            pub async fn fetch(attempt: u32, script: &[&'static str]) -> Result<String, IoError> {
                let r = leaf("net", script.get(attempt as usize).copied().unwrap_or("down")).await;
                if r == "down" { Err(IoError("down")) } else { Ok(r.to_string()) }
            }
        }
        lower! {
            pub async fn get_number(script: &'static [&'static str]) -> Result<u32, ClientError> {
                let mut backoff = 1;
                for attempt in 0..4 {
                    let _a = Tracker::new("attempt");
                    match fetch(attempt, script).await {
                        Ok(body) => return Ok(body.trim().parse::<u32>()? * 10),
                        Err(e) => {
                            log(format!("retry after {backoff}: {e:?}"));
                            for _ in 0..backoff { step("sleep").await; }
                            backoff *= 2;
                        }
                    }
                }
                Err(ClientError::GaveUp(backoff))
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let scripts: [&'static [&'static str]; 3] = [&["down", " 42 "], &["down", "x1"], &[]];
                let mut out = Vec::new();
                for s in scripts {
                    out.push(format!("{:?}", get_number(s).await));
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A client struct owning a connection (tracker), `self`-consuming `into_session`, and a
    /// `&mut self` request method that reconnects with `mem::replace` on error.
    p30a_client_reconnect_replace {
        pub struct Conn { pub id: u32, pub _t: Tracker }
        pub struct Client { pub conn: Conn, pub next_id: u32, pub failures: Vec<u32> }
        impl Client {
            lower! {
                pub async fn connect() -> Client {
                    step("dial").await;
                    Client { conn: Conn { id: 0, _t: Tracker::new("conn0") }, next_id: 1, failures: vec![] }
                }
            }
            lower! {
                pub async fn request(&mut self, q: u32) -> Result<u32, String> {
                    let ok = leaf("send", q % 3 != 0).await;
                    if ok {
                        return Ok(q * 100 + self.conn.id);
                    }
                    self.failures.push(q);
                    let name = if self.next_id == 1 { "conn1" } else { "conn2" };
                    let fresh = Conn { id: self.next_id, _t: Tracker::new(name) };
                    self.next_id += 1;
                    let old = std::mem::replace(&mut self.conn, fresh);
                    step("redial").await;
                    drop(old);
                    Err(format!("q{q} failed"))
                }
            }
            lower! {
                pub async fn into_session(self) -> (u32, Vec<u32>) {
                    step("close").await;
                    (self.conn.id, self.failures)
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<Result<u32, String>>, (u32, Vec<u32>)) {
                let mut c = Client::connect().await;
                let mut rs = Vec::new();
                for q in 1..=7 {
                    rs.push(c.request(q).await);
                }
                (rs, c.into_session().await)
            }
        }
    }
    run { go() }
}

twin! {
    /// An LRU-ish cache: `HashMap` values with a use counter, a lowered `get_or_load`
    /// awaiting a loader on a miss and evicting the least-used entry when full, a tracker
    /// per insertion and one owned by the cache (none in the `HashMap`, whose drop order
    /// is not deterministic); sorted keys reported at the end.
    p30a_cache_lru_evict {
        pub struct Entry { pub val: String, pub uses: u32 }
        pub struct Cache { pub map: HashMap<u32, Entry>, pub cap: usize, pub misses: u32, pub _g: Tracker }
        impl Cache {
            lower! {
                async fn load(&mut self, k: u32) -> String {
                    self.misses += 1;
                    leaf("load", format!("v{k}")).await
                }
            }
            lower! {
                pub async fn get_or_load(&mut self, k: u32) -> String {
                    if let Some(e) = self.map.get_mut(&k) {
                        e.uses += 1;
                        return e.val.clone();
                    }
                    let v = self.load(k).await;
                    if self.map.len() == self.cap {
                        let victim = *self.map.iter().min_by_key(|(k, e)| (e.uses, **k)).unwrap().0;
                        log(format!("evict {victim}"));
                        self.map.remove(&victim);
                        step("evicted").await;
                    }
                    let _slot = Tracker::new("slot");
                    step("insert").await;
                    self.map.insert(k, Entry { val: v.clone(), uses: 1 });
                    v
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, Vec<u32>, u32) {
                let mut c = Cache { map: HashMap::new(), cap: 3, misses: 0, _g: Tracker::new("cache") };
                let mut got = Vec::new();
                for k in [1, 2, 1, 3, 4, 1, 5, 2] {
                    got.push(c.get_or_load(k).await);
                }
                let mut keys: Vec<u32> = c.map.keys().copied().collect();
                keys.sort();
                for k in &keys {
                    c.map.remove(k);
                    step("close").await;
                }
                (got, keys, c.misses)
            }
        }
    }
    run { go() }
}

twin! {
    /// A TTL cache: entries with an expiry tick, a clock advanced by awaits, `retain`
    /// dropping expired entries (trackers, in a `BTreeMap` so that their drop order is
    /// deterministic), and `entry().or_insert_with` on refill.
    p30a_cache_ttl_retain {
        pub struct Cache { pub now: u32, pub map: BTreeMap<&'static str, (u32, Tracker)> }
        impl Cache {
            lower! {
                pub async fn tick(&mut self) {
                    step("tick").await;
                    self.now += 1;
                    let now = self.now;
                    self.map.retain(|_, (exp, _)| *exp > now);
                }
            }
            lower! {
                pub async fn put(&mut self, k: &'static str, ttl: u32) {
                    let exp = self.now + leaf("ttl", ttl).await;
                    self.map.entry(k).or_insert_with(|| (exp, Tracker::new(k))).0 = exp;
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<Vec<&'static str>> {
                let mut c = Cache { now: 0, map: BTreeMap::new() };
                let mut snaps = Vec::new();
                c.put("a", 1).await;
                c.put("b", 3).await;
                c.put("c", 2).await;
                for round in 0..4 {
                    c.tick().await;
                    if round == 1 { c.put("a", 2).await; }
                    let mut ks: Vec<&'static str> = c.map.keys().copied().collect();
                    ks.sort();
                    snaps.push(ks);
                }
                snaps
            }
        }
    }
    run { go() }
}

twin! {
    /// A job queue: `VecDeque<Job>` with trackers, two workers taking turns, a job that
    /// requeues itself once, `Option::take` of the current job, and a summary.
    p30a_job_queue_workers {
        pub struct Job { pub id: u32, pub retries: u32, pub _t: Tracker }
        pub struct Worker { pub name: &'static str, pub current: Option<Job>, pub done: Vec<u32> }
        impl Worker {
            lower! {
                pub async fn run_one(&mut self, q: &mut VecDeque<Job>) -> bool {
                    let Some(job) = q.pop_front() else { return false; };
                    self.current = Some(job);
                    let id = self.current.as_ref().unwrap().id;
                    let ok = leaf(self.name, id % 3 != 1).await;
                    let mut job = self.current.take().unwrap();
                    if !ok && job.retries == 0 {
                        job.retries += 1;
                        log(format!("{} requeue {}", self.name, id));
                        q.push_back(job);
                    } else {
                        step("finish").await;
                        self.done.push(id);
                    }
                    true
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, Vec<u32>) {
                let names = ["j1", "j2", "j3", "j4"];
                let mut q: VecDeque<Job> = (1..=4).map(|i| Job { id: i, retries: 0, _t: Tracker::new(names[i as usize - 1]) }).collect();
                let mut a = Worker { name: "wa", current: None, done: vec![] };
                let mut b = Worker { name: "wb", current: None, done: vec![] };
                loop {
                    let x = a.run_one(&mut q).await;
                    let y = b.run_one(&mut q).await;
                    if !x && !y { break; }
                }
                (a.done, b.done)
            }
        }
    }
    run { go() }
}

twin! {
    /// A batch drainer: `std::mem::take` of a pending `Vec` into a batch processed across
    /// awaits while new work is pushed to the (now empty) field; a panic (`boom`) in the
    /// second batch leaves the batch and the queue to drop in unwinding.
    p30a_batch_mem_take_panic {
        pub struct Batcher { pub pending: Vec<Tracker>, pub flushed: u32 }
        impl Batcher {
            lower! {
                pub async fn flush(&mut self, crash: bool) -> u32 {
                    let batch = std::mem::take(&mut self.pending);
                    let mut n = 0;
                    for t in batch {
                        step(t.name()).await;
                        if crash && t.name() == "y" {
                            boom("flush").await;
                        }
                        n += 1;
                        self.pending.push(Tracker::new("late"));
                        self.pending.pop();
                    }
                    self.flushed += n;
                    n
                }
            }
        }
        lower! {
            pub async fn go(crash: bool) -> u32 {
                let mut b = Batcher { pending: vec![Tracker::new("a"), Tracker::new("b")], flushed: 0 };
                b.flush(false).await;
                b.pending.extend([Tracker::new("x"), Tracker::new("y"), Tracker::new("z")]);
                let _g = Tracker::new("guard");
                b.flush(crash).await;
                b.flushed
            }
        }
    }
    run { pair(go(false), go(true)) }
}

twin! {
    /// A bank: accounts in a `HashMap` (the bank owns the tracker), a lowered `transfer`
    /// validating, debiting, awaiting a ledger write and rolling back the debit when the
    /// credit side fails.
    p30a_bank_transfer_rollback {
        #[derive(Debug)]
        pub enum TxError { NoAccount(&'static str), Insufficient { need: u64, have: u64 }, Frozen(&'static str) }
        pub struct Account { pub balance: u64, pub frozen: bool }
        pub struct Bank { pub accounts: HashMap<&'static str, Account>, pub ledger: Vec<String>, pub _g: Tracker }
        impl Bank {
            lower! {
                pub async fn transfer(&mut self, from: &'static str, to: &'static str, amt: u64) -> Result<u64, TxError> {
                    let _tx = Tracker::new("tx");
                    if !self.accounts.contains_key(to) { return Err(TxError::NoAccount(to)); }
                    let src = self.accounts.get_mut(from).ok_or(TxError::NoAccount(from))?;
                    if src.balance < amt {
                        return Err(TxError::Insufficient { need: amt, have: src.balance });
                    }
                    src.balance -= amt;
                    step("debit").await;
                    let dst = self.accounts.get_mut(to).unwrap();
                    if leaf("credit", dst.frozen).await {
                        self.accounts.get_mut(from).unwrap().balance += amt;
                        step("rollback").await;
                        return Err(TxError::Frozen(to));
                    }
                    dst.balance += amt;
                    self.ledger.push(format!("{from}->{to}:{amt}"));
                    Ok(self.accounts[from].balance)
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, Vec<(&'static str, u64)>, Vec<String>) {
                let mut accounts = HashMap::new();
                accounts.insert("alice", Account { balance: 100, frozen: false });
                accounts.insert("bob", Account { balance: 20, frozen: false });
                accounts.insert("carol", Account { balance: 0, frozen: true });
                let mut bank = Bank { accounts, ledger: vec![], _g: Tracker::new("bank") };
                let mut rs = Vec::new();
                for (f, t, a) in [("alice", "bob", 30), ("bob", "alice", 80), ("alice", "carol", 10), ("dave", "bob", 1), ("bob", "eve", 1), ("bob", "alice", 50)] {
                    rs.push(format!("{:?}", bank.transfer(f, t, a).await));
                }
                let mut bal: Vec<(&'static str, u64)> = bank.accounts.iter().map(|(k, a)| (*k, a.balance)).collect();
                bal.sort();
                for (k, _) in &bal {
                    bank.accounts.remove(k);
                }
                (rs, bal, bank.ledger)
            }
        }
    }
    run { go() }
}

twin! {
    /// Transfers as a batch with all-or-nothing semantics: a snapshot of balances is taken,
    /// each step awaits, and on the first failure the snapshot is restored with
    /// `mem::replace`; a panicking audit (`boom`) in a third batch.
    p30a_bank_batch_snapshot_restore {
        pub struct Ledger { pub bal: BTreeMap<&'static str, i64>, pub _g: Tracker }
        impl Ledger {
            lower! {
                pub async fn apply(&mut self, batch: &[(&'static str, &'static str, i64)], audit: bool) -> Result<usize, String> {
                    let snapshot = self.bal.clone();
                    let _b = Tracker::new("batch");
                    for (i, &(f, t, a)) in batch.iter().enumerate() {
                        step("op").await;
                        let from = self.bal.entry(f).or_insert(0);
                        *from -= a;
                        if *from < 0 {
                            let bad = std::mem::replace(&mut self.bal, snapshot);
                            log(format!("restore after op {i}: {bad:?}"));
                            return Err(format!("{f} overdrawn"));
                        }
                        *self.bal.entry(t).or_insert(0) += leaf("amt", a).await;
                    }
                    if audit { boom("audit").await; }
                    Ok(batch.len())
                }
            }
        }
        lower! {
            pub async fn go(audit: bool) -> (Vec<Result<usize, String>>, BTreeMap<&'static str, i64>) {
                let mut l = Ledger { bal: BTreeMap::from([("a", 50), ("b", 10)]), _g: Tracker::new("ledger") };
                let mut rs = Vec::new();
                rs.push(l.apply(&[("a", "b", 20), ("b", "c", 25)], false).await);
                rs.push(l.apply(&[("b", "a", 5), ("c", "a", 1)], false).await);
                rs.push(l.apply(&[("a", "c", 1)], audit).await);
                (rs, l.bal)
            }
        }
    }
    run { pair(go(false), go(true)) }
}

twin! {
    /// A line-oriented key/value protocol: input split into lines, each parsed into a
    /// command enum (`SET k v`, `GET k`, `DEL k`, `INCR k`, `QUIT`), executed against a
    /// store with awaits, replies collected; `QUIT` ends the session early.
    p30a_protocol_kv_lines {
        #[derive(Debug)]
        pub enum Cmd<'a> { Set(&'a str, &'a str), Get(&'a str), Del(&'a str), Incr(&'a str), Quit, Bad(String) }
        pub fn parse(line: &str) -> Cmd<'_> {
            let parts: Vec<&str> = line.split_whitespace().collect();
            match parts.as_slice() {
                ["SET", k, v] => Cmd::Set(k, v),
                ["GET", k] => Cmd::Get(k),
                ["DEL", k] => Cmd::Del(k),
                ["INCR", k] => Cmd::Incr(k),
                ["QUIT"] => Cmd::Quit,
                other => Cmd::Bad(other.join(" ")),
            }
        }
        pub struct Session { pub store: HashMap<String, String>, pub _conn: Tracker }
        impl Session {
            lower! {
                pub async fn exec(&mut self, cmd: Cmd<'_>) -> Option<String> {
                    step("exec").await;
                    Some(match cmd {
                        Cmd::Set(k, v) => { self.store.insert(k.to_string(), v.to_string()); "OK".to_string() }
                        Cmd::Get(k) => leaf("get", self.store.get(k).cloned()).await.unwrap_or_else(|| "(nil)".into()),
                        Cmd::Del(k) => if self.store.remove(k).is_some() { "1".into() } else { "0".into() },
                        Cmd::Incr(k) => {
                            let cur = self.store.get(k).map(|v| v.parse::<i64>()).unwrap_or(Ok(0));
                            match cur {
                                Ok(n) => { self.store.insert(k.to_string(), (n + 1).to_string()); (n + 1).to_string() }
                                Err(e) => format!("ERR {e}"),
                            }
                        }
                        Cmd::Quit => return None,
                        Cmd::Bad(s) => format!("ERR unknown {s:?}"),
                    })
                }
            }
        }
        lower! {
            pub async fn serve(input: &'static str) -> Vec<String> {
                let mut s = Session { store: HashMap::new(), _conn: Tracker::new("conn") };
                let mut out = Vec::new();
                for line in input.lines().filter(|l| !l.trim().is_empty()) {
                    let _l = Tracker::new("line");
                    match s.exec(parse(line)).await {
                        Some(r) => out.push(r),
                        None => break,
                    }
                }
                out
            }
        }
    }
    run { serve("SET a 1\nINCR a\nGET a\nGET b\nSET b x\nINCR b\nDEL b\nDEL b\nPING\n\nQUIT\nGET a") }
}

twin! {
    /// A framed protocol reader: a byte buffer fed in chunks by awaits, frames of
    /// `len:payload` extracted in a loop with `split_at` / `drain`, partial frames kept.
    p30a_protocol_frame_reader {
        pub struct Reader { pub buf: Vec<u8>, pub frames: Vec<String>, pub _t: Tracker }
        impl Reader {
            pub fn try_frame(&mut self) -> Option<String> {
                let colon = self.buf.iter().position(|&b| b == b':')?;
                let len: usize = std::str::from_utf8(&self.buf[..colon]).ok()?.parse().ok()?;
                if self.buf.len() < colon + 1 + len { return None; }
                let frame: Vec<u8> = self.buf.drain(..colon + 1 + len).skip(colon + 1).collect();
                Some(String::from_utf8(frame).unwrap())
            }
            lower! {
                pub async fn feed(&mut self, chunk: &'static str) -> usize {
                    let bytes = leaf("read", chunk.as_bytes()).await;
                    self.buf.extend_from_slice(bytes);
                    let mut n = 0;
                    while let Some(f) = self.try_frame() {
                        step("frame").await;
                        self.frames.push(f);
                        n += 1;
                    }
                    n
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<usize>, Vec<String>, usize) {
                let mut r = Reader { buf: vec![], frames: vec![], _t: Tracker::new("reader") };
                let mut counts = Vec::new();
                for c in ["3:ab", "c5:hel", "lo2:hi0:", "4:tail", "1"] {
                    counts.push(r.feed(c).await);
                }
                let left = r.buf.len();
                (counts, std::mem::take(&mut r.frames), left)
            }
        }
    }
    run { go() }
}

twin! {
    /// An SMTP-like conversation as an enum state machine: `State` transitions on each
    /// received line (awaited), errors on out-of-order commands, a `Mail` struct filled in
    /// along the way and delivered at the end.
    p30a_protocol_smtp_state {
        #[derive(Debug, Default)]
        pub struct Mail { pub from: String, pub to: Vec<String>, pub body: Vec<String> }
        #[derive(Debug)]
        pub enum State { Greet, Ready, Rcpt, Data, Done }
        lower! {
            pub async fn converse(lines: Vec<&'static str>) -> (Vec<String>, Option<Mail>) {
                let _sess = Tracker::new("session");
                let mut state = State::Greet;
                let mut mail = Mail::default();
                let mut replies = Vec::new();
                for raw in lines {
                    let line = leaf("recv", raw).await;
                    let (verb, arg) = line.split_once(' ').unwrap_or((line, ""));
                    state = match (state, verb) {
                        (State::Greet, "HELO") => { replies.push(format!("250 hi {arg}")); State::Ready }
                        (State::Ready, "MAIL") => { mail.from = arg.to_string(); replies.push("250".into()); State::Rcpt }
                        (State::Rcpt, "RCPT") => { mail.to.push(arg.to_string()); replies.push("250".into()); State::Rcpt }
                        (State::Rcpt, "DATA") if !mail.to.is_empty() => { replies.push("354".into()); State::Data }
                        (State::Data, ".") => { step("deliver").await; replies.push("250 queued".into()); State::Done }
                        (State::Data, _) => { mail.body.push(line.to_string()); State::Data }
                        (s, v) => { replies.push(format!("503 {v} in {s:?}")); s }
                    };
                }
                let delivered = matches!(state, State::Done).then_some(mail);
                (replies, delivered)
            }
        }
    }
    run { pair(converse(vec!["HELO x", "DATA", "MAIL a@b", "RCPT c@d", "RCPT e@f", "DATA", "hello", "world", ".", "NOOP"]),
               converse(vec!["HELO y", "MAIL a", "DATA"])) }
}

twin! {
    /// Order processing: `Order` with `Line`s, an inventory with reservations, a lowered
    /// `place` that reserves each line (awaiting stock checks) and releases earlier
    /// reservations if a later line is short; payment as a second step.
    p30a_order_reserve_release {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Status { New, Reserved, Paid, Rejected }
        pub struct Line { pub sku: &'static str, pub qty: u32 }
        pub struct Order { pub id: u32, pub lines: Vec<Line>, pub status: Status, pub _t: Tracker }
        pub struct Inventory { pub stock: HashMap<&'static str, u32> }
        impl Inventory {
            lower! {
                pub async fn reserve(&mut self, sku: &'static str, qty: u32) -> bool {
                    let have = leaf("stock", self.stock.get(sku).copied().unwrap_or(0)).await;
                    if have < qty { return false; }
                    *self.stock.get_mut(sku).unwrap() -= qty;
                    true
                }
            }
            lower! {
                pub async fn place(&mut self, order: &mut Order) -> Status {
                    let mut taken: Vec<(&'static str, u32)> = Vec::new();
                    for l in &order.lines {
                        if !self.reserve(l.sku, l.qty).await {
                            for (sku, q) in taken.drain(..).rev() {
                                step("release").await;
                                *self.stock.get_mut(sku).unwrap() += q;
                            }
                            order.status = Status::Rejected;
                            return order.status;
                        }
                        taken.push((l.sku, l.qty));
                    }
                    order.status = Status::Reserved;
                    order.status
                }
            }
        }
        lower! {
            pub async fn pay(mut order: Order, wallet: &mut u32) -> Order {
                let total: u32 = order.lines.iter().map(|l| l.qty * 5).sum();
                if leaf("charge", *wallet >= total).await {
                    *wallet -= total;
                    order.status = Status::Paid;
                }
                order
            }
        }
        lower! {
            pub async fn go() -> (Vec<(u32, Status)>, Vec<(&'static str, u32)>, u32) {
                let mut inv = Inventory { stock: HashMap::from([("pen", 5), ("ink", 2), ("pad", 1)]) };
                let mut wallet = 40;
                let orders = vec![
                    Order { id: 1, lines: vec![Line { sku: "pen", qty: 2 }, Line { sku: "ink", qty: 1 }], status: Status::New, _t: Tracker::new("o1") },
                    Order { id: 2, lines: vec![Line { sku: "pen", qty: 1 }, Line { sku: "pad", qty: 2 }], status: Status::New, _t: Tracker::new("o2") },
                    Order { id: 3, lines: vec![Line { sku: "pen", qty: 3 }, Line { sku: "ink", qty: 1 }], status: Status::New, _t: Tracker::new("o3") },
                ];
                let mut out = Vec::new();
                for mut o in orders {
                    if inv.place(&mut o).await == Status::Reserved {
                        o = pay(o, &mut wallet).await;
                    }
                    out.push((o.id, o.status));
                }
                let mut stock: Vec<_> = inv.stock.into_iter().collect();
                stock.sort();
                (out, stock, wallet)
            }
        }
    }
    run { go() }
}

twin! {
    /// An order workflow as a trait: `Stage` implemented by three structs with lowered
    /// `async fn run(&self, &mut Ctx)`, executed in order from a `Vec` of an enum wrapping
    /// them; a stage fails and later stages are skipped, stage trackers drop at the end.
    p30a_order_pipeline_stages {
        pub struct Ctx { pub total: u32, pub notes: Vec<String> }
        pub trait Stage {
            async fn run(&self, ctx: &mut Ctx) -> Result<(), String>;
        }
        pub struct Price(pub Tracker, pub u32);
        pub struct Discount(pub Tracker, pub u32);
        pub struct Limit(pub Tracker, pub u32);
        impl Stage for Price {
            lower! {
                async fn run(&self, ctx: &mut Ctx) -> Result<(), String> {
                    ctx.total += leaf("price", self.1).await;
                    ctx.notes.push(format!("price {}", self.1));
                    Ok(())
                }
            }
        }
        impl Stage for Discount {
            lower! {
                async fn run(&self, ctx: &mut Ctx) -> Result<(), String> {
                    step("discount").await;
                    ctx.total = ctx.total.checked_sub(self.1).ok_or_else(|| format!("discount {} too big", self.1))?;
                    ctx.notes.push(format!("minus {}", self.1));
                    Ok(())
                }
            }
        }
        impl Stage for Limit {
            lower! {
                async fn run(&self, ctx: &mut Ctx) -> Result<(), String> {
                    if leaf("limit", ctx.total > self.1).await { Err(format!("over {}", self.1)) } else { Ok(()) }
                }
            }
        }
        pub enum AnyStage { P(Price), D(Discount), L(Limit) }
        lower! {
            pub async fn process(stages: Vec<AnyStage>) -> (u32, Vec<String>, Option<String>) {
                let mut ctx = Ctx { total: 0, notes: vec![] };
                let mut err = None;
                for s in &stages {
                    let r = match s {
                        AnyStage::P(p) => p.run(&mut ctx).await,
                        AnyStage::D(d) => d.run(&mut ctx).await,
                        AnyStage::L(l) => l.run(&mut ctx).await,
                    };
                    if let Err(e) = r { err = Some(e); break; }
                }
                step("end").await;
                (ctx.total, ctx.notes, err)
            }
        }
    }
    run { pair(
        process(vec![AnyStage::P(Price(Tracker::new("p1"), 30)), AnyStage::D(Discount(Tracker::new("d1"), 5)), AnyStage::L(Limit(Tracker::new("l1"), 20)), AnyStage::P(Price(Tracker::new("p2"), 1))]),
        process(vec![AnyStage::P(Price(Tracker::new("p3"), 3)), AnyStage::D(Discount(Tracker::new("d2"), 5))])) }
}

twin! {
    /// A pagination loop: `fetch_page(cursor)` returns items and a next cursor, pages are
    /// accumulated until the cursor is `None`, with a page limit and a tracker per page.
    p30a_pagination_cursor {
        #[derive(Debug)]
        pub struct Page { pub items: Vec<u32>, pub next: Option<u32>, pub _t: Tracker }
        pub struct Api { pub data: Vec<u32>, pub per_page: usize }
        impl Api {
            lower! {
                pub async fn fetch_page(&self, cursor: u32) -> Page {
                    let start = leaf("fetch", cursor as usize).await;
                    let end = (start + self.per_page).min(self.data.len());
                    let next = if end < self.data.len() { Some(end as u32) } else { None };
                    Page { items: self.data[start..end].to_vec(), next, _t: Tracker::new("page") }
                }
            }
        }
        lower! {
            pub async fn collect_all(api: &Api, max_pages: usize) -> (Vec<u32>, usize, bool) {
                let mut all = Vec::new();
                let mut cursor = Some(0);
                let mut pages = 0;
                while let Some(c) = cursor {
                    if pages == max_pages { break; }
                    let page = api.fetch_page(c).await;
                    pages += 1;
                    all.extend(page.items.iter().filter(|x| *x % 2 == 1));
                    cursor = page.next;
                    step("between").await;
                }
                (all, pages, cursor.is_none())
            }
        }
    }
    run { pair(collect_all(leak(Api { data: (1..=10).collect(), per_page: 3 }), 10), collect_all(leak(Api { data: (1..=10).collect(), per_page: 2 }), 2)) }
}

twin! {
    /// Pagination with `loop` returning the accumulated pages via `break value`, an error
    /// on a bad page mapped with `?`, and `Vec<Page>` of structs owning trackers.
    p30a_pagination_break_value {
        pub struct Page { pub n: u32, pub rows: Vec<String>, pub _t: Tracker }
        #[derive(Debug)]
        pub struct ApiErr(pub u32);
        lower! {
            pub async fn get(n: u32, bad: u32) -> Result<Option<Page>, ApiErr> {
                step("req").await;
                if n == bad { return Err(ApiErr(n)); }
                if n > 3 { return Ok(None); }
                let rows = (0..n).map(|i| format!("r{n}.{i}")).collect();
                Ok(Some(Page { n, rows, _t: Tracker::new("pg") }))
            }
        }
        lower! {
            pub async fn all(bad: u32) -> Result<(usize, Vec<u32>), ApiErr> {
                let mut n = 1;
                let pages = loop {
                    let mut acc: Vec<Page> = Vec::new();
                    while let Some(p) = get(n, bad).await? {
                        acc.push(p);
                        n += 1;
                    }
                    break acc;
                };
                let rows = pages.iter().map(|p| p.rows.len()).sum();
                step("sum").await;
                Ok((rows, pages.iter().map(|p| p.n).collect()))
            }
        }
    }
    run { pair(all(99), all(3)) }
}

twin! {
    /// A traffic light state machine: an enum with data, a `next` lowered method by value
    /// (`self`) awaiting a timer per state, transitions logged, a pedestrian request
    /// changing the path.
    p30a_state_traffic_light {
        #[derive(Debug)]
        pub enum Light { Red { waited: u32 }, Green, Yellow(Tracker) }
        impl Light {
            lower! {
                pub async fn next(self, ped: bool) -> Light {
                    match self {
                        Light::Red { waited } if waited < 1 => { step("red").await; Light::Red { waited: waited + 1 } }
                        Light::Red { .. } => { step("to green").await; Light::Green }
                        Light::Green => {
                            let hold = leaf("green", if ped { 0 } else { 2 }).await;
                            for _ in 0..hold { step("hold").await; }
                            Light::Yellow(Tracker::new("amber"))
                        }
                        Light::Yellow(t) => { step("yellow").await; drop(t); Light::Red { waited: 0 } }
                    }
                }
            }
        }
        lower! {
            pub async fn cycle(n: u32) -> Vec<String> {
                let mut l = Light::Red { waited: 0 };
                let mut seen = Vec::new();
                for i in 0..n {
                    l = l.next(i == 3).await;
                    seen.push(format!("{l:?}"));
                }
                seen
            }
        }
    }
    run { cycle(7) }
}

twin! {
    /// A connection state machine in a struct: `state: ConnState` replaced with
    /// `mem::replace(&mut self.state, ConnState::Closed)` in each step, so the old state's
    /// payload (a tracker) moves into the next one or drops; an error path and a panic.
    p30a_state_conn_replace {
        #[derive(Debug)]
        pub enum ConnState { Idle, Connecting(u32), Open(Tracker), Closing(Tracker), Closed }
        pub struct Conn { pub state: ConnState, pub log: Vec<String> }
        impl Conn {
            lower! {
                pub async fn step_once(&mut self, ev: &str) -> Result<(), String> {
                    let old = std::mem::replace(&mut self.state, ConnState::Closed);
                    self.state = match (old, ev) {
                        (ConnState::Idle, "dial") => ConnState::Connecting(0),
                        (ConnState::Connecting(n), "retry") if n < 2 => { step("retry").await; ConnState::Connecting(n + 1) }
                        (ConnState::Connecting(_), "ok") => ConnState::Open(Tracker::new("sock")),
                        (ConnState::Open(s), "close") => { step("fin").await; ConnState::Closing(s) }
                        (ConnState::Open(_), "crash") => { boom("io").await; ConnState::Closed }
                        (ConnState::Closing(s), "ack") => { leaf("ack", ()).await; drop(s); ConnState::Closed }
                        (s, e) => { let msg = format!("{e} in {s:?}"); self.state = s; return Err(msg); }
                    };
                    self.log.push(format!("{:?}", self.state));
                    Ok(())
                }
            }
        }
        lower! {
            pub async fn drive(evs: Vec<&'static str>) -> (Vec<String>, Vec<String>) {
                let mut c = Conn { state: ConnState::Idle, log: vec![] };
                let mut errs = Vec::new();
                for e in evs {
                    step("ev").await;
                    if let Err(m) = c.step_once(e).await { errs.push(m); }
                }
                (c.log, errs)
            }
        }
    }
    run { pair(pair(drive(vec!["dial", "retry", "close", "ok", "close", "ack", "dial"]), drive(vec!["dial", "ok"])),
               drive(vec!["dial", "ok", "crash", "close"])) }
}

twin! {
    /// A vending machine: coins inserted and items chosen as events, a `match` on
    /// `(state, event)` with guards, change computed greedily with awaits per coin, and a
    /// refund on cancel.
    p30a_state_vending {
        #[derive(Debug, Clone, Copy)]
        pub enum Ev { Coin(u32), Pick(&'static str), Cancel }
        #[derive(Debug)]
        pub enum Vm { Waiting, Has(u32) }
        lower! {
            pub async fn change(mut amt: u32) -> Vec<u32> {
                let mut out = Vec::new();
                for c in [25, 10, 5, 1] {
                    while amt >= c {
                        out.push(leaf("coin out", c).await);
                        amt -= c;
                    }
                }
                out
            }
        }
        lower! {
            pub async fn run(evs: &[Ev]) -> Vec<String> {
                let prices = HashMap::from([("tea", 30), ("gum", 15)]);
                let mut st = Vm::Waiting;
                let mut out = Vec::new();
                for &ev in evs {
                    let _e = Tracker::new("ev");
                    st = match (st, ev) {
                        (Vm::Waiting, Ev::Coin(c)) => Vm::Has(c),
                        (Vm::Has(n), Ev::Coin(c)) => Vm::Has(n + leaf("count", c).await),
                        (Vm::Has(n), Ev::Pick(item)) if prices.get(item).is_some_and(|p| *p <= n) => {
                            let ch = change(n - prices[item]).await;
                            out.push(format!("{item} change {ch:?}"));
                            Vm::Waiting
                        }
                        (s, Ev::Pick(item)) => { out.push(format!("cannot {item}")); s }
                        (Vm::Has(n), Ev::Cancel) => { out.push(format!("refund {:?}", change(n).await)); Vm::Waiting }
                        (Vm::Waiting, Ev::Cancel) => Vm::Waiting,
                    };
                }
                out
            }
        }
    }
    run { run(leak(vec![Ev::Pick("tea"), Ev::Coin(25), Ev::Coin(10), Ev::Pick("tea"), Ev::Coin(25), Ev::Pick("pie"), Ev::Cancel, Ev::Coin(50), Ev::Pick("gum")])) }
}

twin! {
    /// A text report: `String` with `write!`/`writeln!` (`std::fmt::Write`), rows fetched
    /// by awaits, column widths computed, totals and a footer.
    p30a_report_write_table {
        use std::fmt::Write;
        pub struct Row { pub name: String, pub qty: u32, pub price: f64 }
        lower! {
            pub async fn fetch_rows() -> Vec<Row> {
                let mut rows = Vec::new();
                for (n, q, p) in [("apple", 3, 0.5), ("kiwi", 12, 0.25), ("watermelon", 1, 3.0)] {
                    rows.push(Row { name: leaf("row", n).await.to_string(), qty: q, price: p });
                }
                rows
            }
        }
        lower! {
            pub async fn report(title: &str) -> String {
                let _r = Tracker::new("report");
                let rows = fetch_rows().await;
                let w = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
                let mut out = String::new();
                writeln!(out, "== {title} ==").unwrap();
                let mut total = 0.0;
                for r in &rows {
                    let line = r.qty as f64 * r.price;
                    total += line;
                    writeln!(out, "{:<w$} {:>3} x {:>5.2} = {:>6.2}", r.name, r.qty, r.price, line).unwrap();
                    step("line").await;
                }
                write!(&mut out, "{:<w$} {:>18.2}", "TOTAL", total).unwrap();
                out
            }
        }
    }
    run { report("fruit") }
}

twin! {
    /// A report with sections: a `Section` trait object list rendered by a lowered
    /// function, a `Display` impl used in `write!`, grouped counts from a `HashMap` with
    /// sorted keys, and a summary line.
    p30a_report_sections_display {
        use std::fmt::{self, Write};
        pub struct Stat { pub key: String, pub n: usize }
        impl fmt::Display for Stat {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{:>6}: {}", self.key, "#".repeat(self.n)) }
        }
        lower! {
            pub async fn load_words() -> Vec<&'static str> {
                let text = leaf("file", "the cat and the dog and the bird").await;
                text.split(' ').collect()
            }
        }
        lower! {
            pub async fn build() -> String {
                let words = load_words().await;
                let mut counts: HashMap<&str, usize> = HashMap::new();
                for w in &words {
                    *counts.entry(w).or_default() += 1;
                }
                let mut keys: Vec<_> = counts.keys().copied().collect();
                keys.sort_by(|a, b| counts[b].cmp(&counts[a]).then(a.cmp(b)));
                let mut s = String::new();
                let _doc = Tracker::new("doc");
                for (i, k) in keys.iter().enumerate() {
                    step("render").await;
                    let st = Stat { key: k.to_string(), n: counts[k] };
                    let _ = writeln!(s, "{i}. {st}");
                }
                let _ = write!(s, "{} words, {} distinct", words.len(), keys.len());
                s
            }
        }
    }
    run { build() }
}

twin! {
    /// A token bucket rate limiter: tokens refilled per tick (an await), requests taking
    /// tokens or being delayed, a `&mut self` `acquire` looping until a token is there.
    p30a_rate_limiter_bucket {
        pub struct Bucket { pub tokens: u32, pub cap: u32, pub refill: u32, pub ticks: u32, pub _t: Tracker }
        impl Bucket {
            lower! {
                async fn tick(&mut self) {
                    step("tick").await;
                    self.ticks += 1;
                    self.tokens = (self.tokens + self.refill).min(self.cap);
                }
            }
            lower! {
                pub async fn acquire(&mut self, n: u32) -> u32 {
                    let start = self.ticks;
                    while self.tokens < n {
                        self.tick().await;
                    }
                    self.tokens -= n;
                    self.ticks - start
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, u32) {
                let mut b = Bucket { tokens: 2, cap: 3, refill: 1, ticks: 0, _t: Tracker::new("bucket") };
                let mut waits = Vec::new();
                for want in [1, 1, 2, 3, 1] {
                    let _req = Tracker::new("req");
                    waits.push(b.acquire(want).await);
                    leaf("send", want).await;
                }
                (waits, b.tokens)
            }
        }
    }
    run { go() }
}

twin! {
    /// A sliding-window rate limiter keyed by client: `HashMap<&str, VecDeque<u32>>` of
    /// timestamps, old entries popped from the front, decisions logged, clock from awaits.
    p30a_rate_limiter_window {
        pub struct Limiter { pub window: u32, pub max: usize, pub hits: HashMap<&'static str, VecDeque<u32>> }
        impl Limiter {
            lower! {
                pub async fn allow(&mut self, who: &'static str, now: u32) -> bool {
                    let q = self.hits.entry(who).or_default();
                    while q.front().is_some_and(|&t| t + self.window <= now) {
                        q.pop_front();
                    }
                    let ok = q.len() < self.max;
                    if ok { q.push_back(now); }
                    step("decide").await;
                    ok
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, Vec<(&'static str, usize)>) {
                let mut l = Limiter { window: 3, max: 2, hits: HashMap::new() };
                let mut now = 0;
                let mut out = Vec::new();
                for who in ["a", "a", "b", "a", "a", "b", "b", "b", "a"] {
                    now += leaf("clock", 1).await;
                    let ok = l.allow(who, now).await;
                    out.push(format!("{now}:{who}:{}", if ok { "ok" } else { "deny" }));
                }
                let mut left: Vec<_> = l.hits.iter().map(|(k, v)| (*k, v.len())).collect();
                left.sort();
                (out, left)
            }
        }
    }
    run { go() }
}

twin! {
    /// A BFS over an adjacency map: `VecDeque` frontier, `HashSet` visited, neighbours
    /// fetched by an await per node, distances returned sorted.
    p30a_graph_bfs {
        pub struct Graph { pub adj: HashMap<u32, Vec<u32>> }
        impl Graph {
            lower! {
                pub async fn neighbours(&self, n: u32) -> Vec<u32> {
                    leaf("adj", self.adj.get(&n).cloned().unwrap_or_default()).await
                }
            }
            lower! {
                pub async fn bfs(&self, start: u32) -> Vec<(u32, u32)> {
                    let _g = Tracker::new("bfs");
                    let mut dist = HashMap::new();
                    let mut q = VecDeque::from([start]);
                    dist.insert(start, 0);
                    while let Some(n) = q.pop_front() {
                        let d = dist[&n];
                        for m in self.neighbours(n).await {
                            if !dist.contains_key(&m) {
                                dist.insert(m, d + 1);
                                q.push_back(m);
                            }
                        }
                    }
                    let mut v: Vec<_> = dist.into_iter().collect();
                    v.sort();
                    v
                }
            }
        }
    }
    run {
        let g = Graph { adj: HashMap::from([(1, vec![2, 3]), (2, vec![4]), (3, vec![4, 5]), (4, vec![1]), (5, vec![6])]) };
        leak(g).bfs(1)
    }
}

twin! {
    /// A recursive DFS with cycle detection (three colours), a topological order built on
    /// the way out, recursion through `Box::pin`, a tracker per active frame.
    p30a_graph_dfs_topo {
        #[derive(Clone, Copy, PartialEq)]
        pub enum Color { White, Grey, Black }
        pub struct Topo<'g> { pub adj: &'g BTreeMap<&'static str, Vec<&'static str>>, pub color: HashMap<&'static str, Color>, pub order: Vec<&'static str> }
        impl<'g> Topo<'g> {
            lower! {
                pub async fn visit(&mut self, n: &'static str) -> Result<(), String> {
                    match self.color.get(n).copied().unwrap_or(Color::White) {
                        Color::Black => return Ok(()),
                        Color::Grey => return Err(format!("cycle at {n}")),
                        Color::White => {}
                    }
                    let _f = Tracker::new(n);
                    self.color.insert(n, Color::Grey);
                    step(n).await;
                    for &m in self.adj.get(n).map(|v| v.as_slice()).unwrap_or(&[]) {
                        Box::pin(self.visit(m)).await?;
                    }
                    self.color.insert(n, Color::Black);
                    self.order.push(n);
                    Ok(())
                }
            }
        }
        lower! {
            pub async fn topo(adj: &BTreeMap<&'static str, Vec<&'static str>>) -> Result<Vec<&'static str>, String> {
                let mut t = Topo { adj, color: HashMap::new(), order: vec![] };
                for &n in adj.keys() {
                    t.visit(n).await?;
                }
                t.order.reverse();
                Ok(t.order)
            }
        }
    }
    run {
        let a = BTreeMap::from([("shirt", vec!["tie", "belt"]), ("tie", vec!["jacket"]), ("pants", vec!["shoes", "belt"]), ("belt", vec!["jacket"])]);
        let b = BTreeMap::from([("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"])]);
        pair(topo(leak(a)), topo(leak(b)))
    }
}

twin! {
    /// Dijkstra over a small weighted graph with a `BinaryHeap<Reverse<..>>`, an await per
    /// settled node, the path rebuilt from a `prev` map.
    p30a_graph_dijkstra {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        lower! {
            pub async fn shortest(edges: &[(u32, u32, u32)], from: u32, to: u32) -> Option<(u32, Vec<u32>)> {
                let mut adj: HashMap<u32, Vec<(u32, u32)>> = HashMap::new();
                for &(a, b, w) in edges {
                    adj.entry(a).or_default().push((b, w));
                    adj.entry(b).or_default().push((a, w));
                }
                let mut dist: HashMap<u32, u32> = HashMap::from([(from, 0)]);
                let mut prev: HashMap<u32, u32> = HashMap::new();
                let mut heap = BinaryHeap::from([Reverse((0, from))]);
                while let Some(Reverse((d, n))) = heap.pop() {
                    if d > dist[&n] { continue; }
                    step("settle").await;
                    if n == to { break; }
                    let mut ns = adj.get(&n).cloned().unwrap_or_default();
                    ns.sort();
                    for (m, w) in ns {
                        let nd = d + leaf("w", w).await;
                        if dist.get(&m).is_none_or(|&old| nd < old) {
                            dist.insert(m, nd);
                            prev.insert(m, n);
                            heap.push(Reverse((nd, m)));
                        }
                    }
                }
                let total = *dist.get(&to)?;
                let mut path = vec![to];
                while let Some(&p) = prev.get(path.last().unwrap()) { path.push(p); }
                path.reverse();
                Some((total, path))
            }
        }
    }
    run { pair(shortest(leak(vec![(1, 2, 7), (1, 3, 9), (1, 6, 14), (2, 3, 10), (2, 4, 15), (3, 4, 11), (3, 6, 2), (4, 5, 6), (5, 6, 9)]), 1, 5),
               shortest(leak(vec![(1, 2, 1)]), 1, 9)) }
}

twin! {
    /// A k-way merge of sorted streams: each source a struct with a `next` lowered method,
    /// heads kept in a `Vec<Option<u32>>`, the smallest head taken in each round.
    p30a_merge_sorted_streams {
        pub struct Source { pub name: &'static str, pub items: VecDeque<u32>, pub _t: Tracker }
        impl Source {
            lower! {
                pub async fn next(&mut self) -> Option<u32> {
                    let v = self.items.pop_front();
                    leaf(self.name, v).await
                }
            }
        }
        lower! {
            pub async fn merge(mut srcs: Vec<Source>) -> Vec<u32> {
                let mut heads = Vec::new();
                for s in srcs.iter_mut() {
                    heads.push(s.next().await);
                }
                let mut out = Vec::new();
                loop {
                    let best = heads.iter().enumerate().filter_map(|(i, h)| h.map(|v| (v, i))).min();
                    let Some((v, i)) = best else { break };
                    out.push(v);
                    heads[i] = srcs[i].next().await;
                    if heads[i].is_none() {
                        log(format!("{} exhausted", srcs[i].name));
                    }
                }
                out
            }
        }
    }
    run { merge(vec![
        Source { name: "a", items: VecDeque::from([1, 4, 9]), _t: Tracker::new("sa") },
        Source { name: "b", items: VecDeque::from([2, 3, 10, 11]), _t: Tracker::new("sb") },
        Source { name: "c", items: VecDeque::new(), _t: Tracker::new("sc") },
    ]) }
}

twin! {
    /// A two-way merge with dedup (`merge_join` of two sorted `Vec<(key, val)>`), peeked
    /// with `Peekable`, an await per emitted row, and a `match a.cmp(&b)`.
    p30a_merge_join_peekable {
        use std::cmp::Ordering;
        lower! {
            pub async fn join(left: Vec<(u32, &'static str)>, right: Vec<(u32, &'static str)>) -> Vec<String> {
                let mut l = left.into_iter().peekable();
                let mut r = right.into_iter().peekable();
                let mut out = Vec::new();
                let _j = Tracker::new("join");
                while let (Some(&(a, x)), Some(&(b, y))) = (l.peek(), r.peek()) {
                    match a.cmp(&b) {
                        Ordering::Less => { l.next(); }
                        Ordering::Greater => { r.next(); }
                        Ordering::Equal => {
                            out.push(leaf("emit", format!("{a}:{x}+{y}")).await);
                            l.next();
                            r.next();
                        }
                    }
                    step("cmp").await;
                }
                out.push(format!("left over {} {}", l.count(), r.count()));
                out
            }
        }
    }
    run { join(vec![(1, "a"), (3, "c"), (4, "d"), (7, "g")], vec![(2, "B"), (3, "C"), (4, "D"), (5, "E")]) }
}

twin! {
    /// Minimal: a `Peekable` local peeked in a `while let` whose body awaits, then
    /// consumed by `count()` (a method taking `self`).
    p30a_min_peekable_count_after_loop {
        lower! {
            pub async fn f(v: Vec<u32>) -> usize {
                let mut it = v.into_iter().peekable();
                while let Some(&x) = it.peek() {
                    step("s").await;
                    if x > 1 { break; }
                    it.next();
                }
                it.count()
            }
        }
    }
    run { f(vec![0, 1, 2, 3]) }
}

twin! {
    /// An iterator local advanced, an await, then consumed by `count()` (the contrast of
    /// the peekable shape above it, which is gated).
    p30a_iter_count_after_await {
        lower! {
            pub async fn f(v: Vec<u32>) -> usize {
                let mut it = v.into_iter();
                it.next();
                step("s").await;
                it.count()
            }
        }
    }
    run { f(vec![0, 1, 2, 3]) }
}

twin! {
    /// Minimal: `let first = it.peek().copied();` (an owned copy), an await, then
    /// `it.count()`.
    p30a_min_peek_copied_then_count {
        lower! {
            pub async fn f(v: Vec<u32>) -> usize {
                let mut it = v.into_iter().peekable();
                let first = it.peek().copied();
                step("s").await;
                it.count() + first.unwrap_or(0) as usize
            }
        }
    }
    run { f(vec![5, 1, 2, 3]) }
}

twin! {
    /// A `Peekable` peeked in a `while let` whose body awaits, then consumed by
    /// `collect()` (the contrast of the gated `count()` shape above: this one works).
    p30a_peekable_loop_then_collect {
        lower! {
            pub async fn f(v: Vec<u32>) -> Vec<u32> {
                let mut it = v.into_iter().peekable();
                while let Some(&x) = it.peek() {
                    step("s").await;
                    if x > 1 { break; }
                    it.next();
                }
                it.collect()
            }
        }
    }
    run { f(vec![0, 1, 2, 3]) }
}

twin! {
    /// A JSON-like parser: a `Value` enum (`Num`, `Str`, `List`, `Obj`), a char cursor
    /// struct, recursive `value` / `list` / `object` lowered methods through `Box::pin`,
    /// string leaves awaited, errors with positions.
    p30a_json_like_parser {
        #[derive(Debug)]
        pub enum Value { Num(i64), Str(String), List(Vec<Value>), Obj(BTreeMap<String, Value>) }
        pub struct Cur { pub s: Vec<char>, pub i: usize }
        impl Cur {
            pub fn ws(&mut self) { while self.s.get(self.i) == Some(&' ') { self.i += 1; } }
            pub fn eat(&mut self, c: char) -> Result<(), String> {
                self.ws();
                if self.s.get(self.i) == Some(&c) { self.i += 1; Ok(()) } else { Err(format!("expected {c:?} at {}", self.i)) }
            }
            lower! {
                pub async fn string(&mut self) -> Result<String, String> {
                    self.eat('"')?;
                    let start = self.i;
                    while self.s.get(self.i).is_some_and(|c| *c != '"') { self.i += 1; }
                    let out: String = self.s[start..self.i].iter().collect();
                    self.eat('"')?;
                    Ok(leaf("str", out).await)
                }
            }
            lower! {
                pub async fn value(&mut self) -> Result<Value, String> {
                    self.ws();
                    match self.s.get(self.i) {
                        Some('"') => Ok(Value::Str(self.string().await?)),
                        Some('[') => {
                            self.i += 1;
                            let mut items = Vec::new();
                            loop {
                                self.ws();
                                if self.s.get(self.i) == Some(&']') { self.i += 1; break; }
                                if !items.is_empty() { self.eat(',')?; }
                                items.push(Box::pin(self.value()).await?);
                            }
                            Ok(Value::List(items))
                        }
                        Some('{') => {
                            self.i += 1;
                            let mut m = BTreeMap::new();
                            while { self.ws(); self.s.get(self.i) != Some(&'}') } {
                                if !m.is_empty() { self.eat(',')?; }
                                let k = self.string().await?;
                                self.eat(':')?;
                                m.insert(k, Box::pin(self.value()).await?);
                            }
                            self.i += 1;
                            Ok(Value::Obj(m))
                        }
                        Some(c) if c.is_ascii_digit() => {
                            let mut n = 0;
                            while let Some(d) = self.s.get(self.i).and_then(|c| c.to_digit(10)) { n = n * 10 + d as i64; self.i += 1; }
                            step("num").await;
                            Ok(Value::Num(n))
                        }
                        other => Err(format!("unexpected {other:?} at {}", self.i)),
                    }
                }
            }
        }
        lower! {
            pub async fn parse(src: &'static str) -> Result<Value, String> {
                let _p = Tracker::new("parse");
                let mut c = Cur { s: src.chars().collect(), i: 0 };
                let v = c.value().await?;
                c.ws();
                if c.i != c.s.len() { return Err(format!("trailing at {}", c.i)); }
                Ok(v)
            }
        }
    }
    run { pair(pair(parse(r#"{"a": [1, "x", {"b": 2}], "c": []}"#), parse(r#"[1, 2 3]"#)), parse(r#"{"k": [1, {"z": "w"}]} x"#)) }
}

twin! {
    /// A template renderer: `{name}` placeholders found with `find`, each value looked up
    /// by an async resolver (missing keys kept verbatim), `{{` escapes, a tracker per
    /// render.
    p30a_template_render {
        pub struct Vars { pub m: BTreeMap<&'static str, String> }
        impl Vars {
            lower! {
                pub async fn resolve(&self, k: &str) -> Option<String> {
                    step("resolve").await;
                    self.m.get(k).cloned()
                }
            }
        }
        lower! {
            pub async fn render(tpl: &str, vars: &Vars) -> String {
                let _r = Tracker::new("render");
                let mut out = String::new();
                let mut rest = tpl;
                while let Some(i) = rest.find('{') {
                    out.push_str(&rest[..i]);
                    rest = &rest[i + 1..];
                    if let Some(r) = rest.strip_prefix('{') {
                        out.push('{');
                        rest = r;
                        continue;
                    }
                    let Some(j) = rest.find('}') else { out.push('{'); break; };
                    let key = rest[..j].trim();
                    match vars.resolve(key).await {
                        Some(v) => out.push_str(&v),
                        None => { out.push('{'); out.push_str(key); out.push('}'); }
                    }
                    rest = &rest[j + 1..];
                }
                out.push_str(rest);
                out
            }
        }
    }
    run {
        let v = leak(Vars { m: BTreeMap::from([("name", "Ann".to_string()), ("n", "3".to_string())]) });
        pair(render("Hi { name }, you have {n} new {{items}} from {who}.", v), render("open {brace", v))
    }
}

twin! {
    /// A CSV importer: header parsed, each row split and validated into a `Record` with an
    /// error enum converted by `From` (`ParseIntError`, `ParseFloatError`) and `?` inside a
    /// per-row lowered function; good and bad rows collected with line numbers.
    p30a_csv_import_errors {
        #[derive(Debug)]
        pub enum RowError { Int(std::num::ParseIntError), Float(std::num::ParseFloatError), Cols(usize) }
        impl From<std::num::ParseIntError> for RowError { fn from(e: std::num::ParseIntError) -> Self { RowError::Int(e) } }
        impl From<std::num::ParseFloatError> for RowError { fn from(e: std::num::ParseFloatError) -> Self { RowError::Float(e) } }
        #[derive(Debug)]
        pub struct Record { pub name: String, pub age: u8, pub score: f32 }
        lower! {
            pub async fn parse_row(line: &str, ncols: usize) -> Result<Record, RowError> {
                let cols: Vec<&str> = line.split(',').map(str::trim).collect();
                if cols.len() != ncols { return Err(RowError::Cols(cols.len())); }
                let name = leaf("name", cols[0]).await.to_string();
                let age = cols[1].parse()?;
                step("score").await;
                Ok(Record { name, age, score: cols[2].parse()? })
            }
        }
        lower! {
            pub async fn import(text: &'static str) -> (Vec<Record>, Vec<(usize, String)>) {
                let _f = Tracker::new("file");
                let mut lines = text.lines().enumerate();
                let (_, header) = lines.next().unwrap();
                let ncols = header.split(',').count();
                let (mut ok, mut bad) = (Vec::new(), Vec::new());
                for (no, line) in lines {
                    if line.trim().is_empty() { continue; }
                    match parse_row(line, ncols).await {
                        Ok(r) => ok.push(r),
                        Err(e) => bad.push((no + 1, format!("{e:?}"))),
                    }
                }
                (ok, bad)
            }
        }
    }
    run { import("name,age,score\nann, 31, 4.5\nbob,x,1\n\ncid,300,2\ndee,40\neve,22,nan?\nfay,19,3") }
}

twin! {
    /// A layered config loader: defaults, a "file" and "env" source awaited in turn, each a
    /// `BTreeMap` overriding the previous, typed getters with `Option` chains and
    /// `unwrap_or`, a validation error.
    p30a_config_layers {
        #[derive(Debug)]
        pub struct Config { pub port: u16, pub host: String, pub debug: bool, pub workers: usize }
        lower! {
            pub async fn source(name: &'static str, text: &'static str) -> BTreeMap<String, String> {
                let _s = Tracker::new(name);
                let body = leaf(name, text).await;
                body.split(';').filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect()
            }
        }
        lower! {
            pub async fn load(file: &'static str, env: &'static str) -> Result<Config, String> {
                let mut merged: BTreeMap<String, String> = BTreeMap::from([("port".into(), "80".into()), ("host".into(), "localhost".into())]);
                for (name, text) in [("file", file), ("env", env)] {
                    let layer = source(name, text).await;
                    for (k, v) in layer {
                        if let Some(old) = merged.insert(k.clone(), v) { log(format!("{name} overrides {k} (was {old})")); }
                    }
                }
                let port = merged.get("port").map(|p| p.parse::<u16>()).transpose().map_err(|e| format!("port: {e}"))?.unwrap_or(80);
                let workers = merged.get("workers").and_then(|w| w.parse().ok()).unwrap_or(1);
                let debug = merged.get("debug").is_some_and(|d| d == "true" || d == "1");
                step("validate").await;
                if workers == 0 { return Err("workers must be > 0".into()); }
                Ok(Config { port, host: merged.remove("host").unwrap(), debug, workers })
            }
        }
    }
    run { pair(pair(load("port=8080; workers=4", "debug=1;host=0.0.0.0"), load("port=http", "")), load("workers=0", "x")) }
}

twin! {
    /// Event sourcing: an `Account` aggregate rebuilt by applying `Event`s fetched one by
    /// one, commands validated against the state and turned into new events, a snapshot
    /// every two events.
    p30a_event_sourcing {
        #[derive(Debug, Clone)]
        pub enum Event { Opened(String), Deposited(u32), Withdrew(u32), Closed }
        #[derive(Debug, Default)]
        pub struct Acct { pub owner: String, pub bal: u32, pub open: bool, pub version: u32 }
        impl Acct {
            pub fn apply(&mut self, e: &Event) {
                match e {
                    Event::Opened(o) => { self.owner = o.clone(); self.open = true; }
                    Event::Deposited(n) => self.bal += n,
                    Event::Withdrew(n) => self.bal -= n,
                    Event::Closed => self.open = false,
                }
                self.version += 1;
            }
        }
        pub enum Cmd { Deposit(u32), Withdraw(u32), Close }
        lower! {
            pub async fn handle(store: &mut Vec<Event>, snaps: &mut Vec<(u32, u32)>, cmd: Cmd) -> Result<u32, String> {
                let mut a = Acct::default();
                for e in store.iter() {
                    step("replay").await;
                    a.apply(e);
                }
                let ev = match cmd {
                    _ if !a.open => return Err(format!("{} closed", a.owner)),
                    Cmd::Deposit(n) => Event::Deposited(leaf("dep", n).await),
                    Cmd::Withdraw(n) if n > a.bal => return Err(format!("insufficient {}", a.bal)),
                    Cmd::Withdraw(n) => Event::Withdrew(n),
                    Cmd::Close => Event::Closed,
                };
                a.apply(&ev);
                store.push(ev);
                if a.version % 2 == 0 { snaps.push((a.version, a.bal)); }
                Ok(a.bal)
            }
        }
        lower! {
            pub async fn go() -> (Vec<Result<u32, String>>, Vec<(u32, u32)>, usize) {
                let _s = Tracker::new("store");
                let mut store = vec![Event::Opened("zoe".into())];
                let mut snaps = Vec::new();
                let mut rs = Vec::new();
                for c in [Cmd::Deposit(10), Cmd::Withdraw(15), Cmd::Withdraw(4), Cmd::Close, Cmd::Deposit(1)] {
                    rs.push(handle(&mut store, &mut snaps, c).await);
                }
                (rs, snaps, store.len())
            }
        }
    }
    run { go() }
}

twin! {
    /// A chat room: members with trackers in a `Vec`, join/leave/say commands, a broadcast
    /// awaiting a send per member, `retain` on leave and a kicked member dropped mid-loop.
    p30a_chat_room_broadcast {
        pub struct Member { pub nick: &'static str, pub inbox: Vec<String>, pub _t: Tracker }
        pub struct Room { pub members: Vec<Member> }
        impl Room {
            lower! {
                pub async fn broadcast(&mut self, from: &str, msg: &str) -> usize {
                    let mut n = 0;
                    for m in self.members.iter_mut().filter(|m| m.nick != from) {
                        let line = leaf("send", format!("<{from}> {msg}")).await;
                        m.inbox.push(line);
                        n += 1;
                    }
                    n
                }
            }
            lower! {
                pub async fn command(&mut self, who: &'static str, line: &str) -> String {
                    match line.split_once(' ').unwrap_or((line, "")) {
                        ("/join", _) => {
                            self.members.push(Member { nick: who, inbox: vec![], _t: Tracker::new(who) });
                            format!("{} joined, {} told", who, self.broadcast(who, "joined").await)
                        }
                        ("/leave", _) => {
                            self.members.retain(|m| m.nick != who);
                            step("left").await;
                            format!("{who} left")
                        }
                        ("/kick", target) => {
                            let pos = self.members.iter().position(|m| m.nick == target);
                            let kicked = pos.map(|i| self.members.remove(i));
                            step("kick").await;
                            format!("kicked {:?}", kicked.map(|m| m.inbox.len()))
                        }
                        _ => format!("{} heard", self.broadcast(who, line).await),
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, Vec<(&'static str, Vec<String>)>) {
                let mut r = Room { members: vec![] };
                let mut out = Vec::new();
                for (w, l) in [("ann", "/join"), ("bob", "/join"), ("ann", "hi bob"), ("cid", "/join"), ("bob", "/kick cid"), ("ann", "/leave"), ("bob", "alone")] {
                    out.push(r.command(w, l).await);
                }
                let inboxes = r.members.iter().map(|m| (m.nick, m.inbox.clone())).collect();
                (out, inboxes)
            }
        }
    }
    run { go() }
}

twin! {
    /// An elevator controller: requests in a `BTreeSet`, direction enum, the car moving a
    /// floor per await, stopping at requested floors, reversing at the ends.
    p30a_elevator_controller {
        use std::collections::BTreeSet;
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Dir { Up, Down, Idle }
        pub struct Car { pub floor: i32, pub dir: Dir, pub stops: BTreeSet<i32>, pub _t: Tracker }
        impl Car {
            lower! {
                pub async fn tick(&mut self) -> Option<i32> {
                    if self.stops.remove(&self.floor) {
                        step("doors").await;
                        return Some(self.floor);
                    }
                    self.dir = match self.dir {
                        _ if self.stops.is_empty() => Dir::Idle,
                        Dir::Up if self.stops.range(self.floor..).next().is_none() => Dir::Down,
                        Dir::Down if self.stops.range(..self.floor).next().is_none() => Dir::Up,
                        Dir::Idle => if *self.stops.iter().next().unwrap() > self.floor { Dir::Up } else { Dir::Down },
                        d => d,
                    };
                    self.floor += match self.dir { Dir::Up => 1, Dir::Down => -1, Dir::Idle => 0 };
                    leaf("move", ()).await;
                    None
                }
            }
        }
        lower! {
            pub async fn simulate() -> (Vec<i32>, i32, Dir) {
                let mut car = Car { floor: 3, dir: Dir::Idle, stops: BTreeSet::new(), _t: Tracker::new("car") };
                let calls = [(0, 5), (2, 1), (6, 4), (9, 7)];
                let mut served = Vec::new();
                for t in 0..16 {
                    for &(when, fl) in &calls {
                        if when == t { car.stops.insert(fl); }
                    }
                    if let Some(f) = car.tick().await { served.push(f); }
                }
                (served, car.floor, car.dir)
            }
        }
    }
    run { simulate() }
}

twin! {
    /// A text editor with undo/redo: `Vec<Edit>` stacks, each edit applied by an await,
    /// undo popping and inverting, a new edit clearing the redo stack with `clear()`.
    p30a_editor_undo_redo {
        #[derive(Debug, Clone)]
        pub enum Edit { Insert(usize, String), Delete(usize, String) }
        impl Edit {
            pub fn inverse(&self) -> Edit {
                match self { Edit::Insert(i, s) => Edit::Delete(*i, s.clone()), Edit::Delete(i, s) => Edit::Insert(*i, s.clone()) }
            }
        }
        pub struct Editor { pub text: String, pub undo: Vec<Edit>, pub redo: Vec<Edit>, pub _t: Tracker }
        impl Editor {
            lower! {
                async fn apply(&mut self, e: &Edit) {
                    step("apply").await;
                    match e {
                        Edit::Insert(i, s) => self.text.insert_str(*i, s),
                        Edit::Delete(i, s) => { self.text.replace_range(*i..*i + s.len(), ""); }
                    }
                }
            }
            lower! {
                pub async fn edit(&mut self, e: Edit) {
                    self.apply(&e).await;
                    self.undo.push(e);
                    self.redo.clear();
                }
            }
            lower! {
                pub async fn undo(&mut self) -> bool {
                    let Some(e) = self.undo.pop() else { return false };
                    self.apply(&e.inverse()).await;
                    self.redo.push(e);
                    true
                }
            }
            lower! {
                pub async fn redo(&mut self) -> bool {
                    match self.redo.pop() {
                        Some(e) => { self.apply(&e).await; self.undo.push(e); true }
                        None => false,
                    }
                }
            }
        }
        lower! {
            pub async fn session() -> Vec<String> {
                let mut ed = Editor { text: String::new(), undo: vec![], redo: vec![], _t: Tracker::new("editor") };
                let mut snaps = Vec::new();
                ed.edit(Edit::Insert(0, "hello".into())).await;
                ed.edit(Edit::Insert(5, " world".into())).await;
                snaps.push(ed.text.clone());
                ed.undo().await;
                snaps.push(ed.text.clone());
                ed.redo().await;
                ed.edit(Edit::Delete(0, "hello".into())).await;
                snaps.push(ed.text.clone());
                let r = ed.redo().await;
                while ed.undo().await {}
                snaps.push(format!("{r} {:?}", ed.text));
                snaps
            }
        }
    }
    run { session() }
}

twin! {
    /// A priority scheduler: `BinaryHeap<Task>` ordered by priority then by sequence
    /// (an `Ord` impl), tasks owning trackers, each run awaiting and possibly spawning a
    /// follow-up task; a cancelled run drops the heap.
    p30a_priority_scheduler {
        use std::cmp::Ordering;
        use std::collections::BinaryHeap;
        pub struct Task { pub prio: u8, pub seq: u32, pub name: &'static str, pub _t: Tracker }
        impl PartialEq for Task { fn eq(&self, o: &Self) -> bool { self.cmp(o) == Ordering::Equal } }
        impl Eq for Task {}
        impl PartialOrd for Task { fn partial_cmp(&self, o: &Self) -> Option<Ordering> { Some(self.cmp(o)) } }
        impl Ord for Task { fn cmp(&self, o: &Self) -> Ordering { self.prio.cmp(&o.prio).then(o.seq.cmp(&self.seq)) } }
        pub struct Sched { pub heap: BinaryHeap<Task>, pub seq: u32 }
        impl Sched {
            pub fn spawn(&mut self, prio: u8, name: &'static str) {
                self.seq += 1;
                self.heap.push(Task { prio, seq: self.seq, name, _t: Tracker::new(name) });
            }
            lower! {
                pub async fn run(&mut self) -> Vec<&'static str> {
                    let mut order = Vec::new();
                    while let Some(t) = self.heap.pop() {
                        let follow = leaf(t.name, t.name == "io").await;
                        order.push(t.name);
                        drop(t);
                        if follow { self.spawn(9, "io-done"); }
                        step("yield").await;
                    }
                    order
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<&'static str> {
                let mut s = Sched { heap: BinaryHeap::new(), seq: 0 };
                s.spawn(1, "bg");
                s.spawn(5, "io");
                s.spawn(5, "ui");
                s.spawn(3, "net");
                s.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// A trie for autocomplete: nodes in a `BTreeMap<char, Node>`, words inserted, a
    /// recursive lowered collector through `Box::pin` awaiting per word found, a prefix
    /// walk with `?` on `Option`.
    p30a_trie_autocomplete {
        #[derive(Default)]
        pub struct Node { pub kids: BTreeMap<char, Node>, pub end: bool }
        impl Node {
            pub fn insert(&mut self, w: &str) {
                let mut n = self;
                for c in w.chars() { n = n.kids.entry(c).or_default(); }
                n.end = true;
            }
            pub fn find(&self, prefix: &str) -> Option<&Node> {
                let mut n = self;
                for c in prefix.chars() { n = n.kids.get(&c)?; }
                Some(n)
            }
            lower! {
                pub async fn collect(&self, acc: &mut String, out: &mut Vec<String>, limit: usize) {
                    if out.len() >= limit { return; }
                    if self.end { out.push(leaf("word", acc.clone()).await); }
                    for (c, k) in &self.kids {
                        acc.push(*c);
                        Box::pin(k.collect(acc, out, limit)).await;
                        acc.pop();
                    }
                }
            }
        }
        lower! {
            pub async fn complete(root: &Node, prefix: &str, limit: usize) -> Vec<String> {
                let _q = Tracker::new("query");
                let mut out = Vec::new();
                if let Some(n) = root.find(prefix) {
                    let mut acc = prefix.to_string();
                    n.collect(&mut acc, &mut out, limit).await;
                }
                out
            }
        }
    }
    run {
        let mut t = Node::default();
        for w in ["car", "cart", "care", "cat", "dog", "do"] { t.insert(w); }
        let t = leak(t);
        pair(pair(complete(t, "ca", 10), complete(t, "car", 2)), complete(t, "x", 3))
    }
}

twin! {
    /// Conway's game of life on a small torus: a `Vec<Vec<bool>>` grid, a generation per
    /// await, neighbour counting with wrapping indices, rendering rows to strings.
    p30a_game_of_life {
        lower! {
            pub async fn life(mut g: Vec<Vec<bool>>, gens: u32) -> Vec<String> {
                let (h, w) = (g.len(), g[0].len());
                let mut frames = Vec::new();
                for _ in 0..gens {
                    let mut next = vec![vec![false; w]; h];
                    for y in 0..h {
                        for x in 0..w {
                            let mut n = 0;
                            for dy in [h - 1, 0, 1] {
                                for dx in [w - 1, 0, 1] {
                                    if (dy, dx) != (0, 0) && g[(y + dy) % h][(x + dx) % w] { n += 1; }
                                }
                            }
                            next[y][x] = matches!((g[y][x], n), (true, 2) | (_, 3));
                        }
                        step("row").await;
                    }
                    g = next;
                    frames.push(g.iter().map(|r| r.iter().map(|&c| if c { '#' } else { '.' }).collect::<String>()).collect::<Vec<_>>().join("/"));
                }
                frames
            }
        }
    }
    run { life(vec![vec![false, true, false, false], vec![false, false, true, false], vec![true, true, true, false], vec![false; 4]], 3) }
}

twin! {
    /// A memoised recursive function (`fib` with a `HashMap` memo passed `&mut`), recursion
    /// through `Box::pin`, a leaf await on each miss, hits and misses counted.
    p30a_memo_fib_recursive {
        pub struct Memo { pub m: HashMap<u64, u64>, pub hits: u32 }
        lower! {
            pub async fn fib(n: u64, memo: &mut Memo) -> u64 {
                if n < 2 { return n; }
                if let Some(&v) = memo.m.get(&n) {
                    memo.hits += 1;
                    return v;
                }
                let a = Box::pin(fib(n - 1, memo)).await;
                let b = Box::pin(fib(n - 2, memo)).await;
                let v = leaf("add", a + b).await;
                memo.m.insert(n, v);
                v
            }
        }
        lower! {
            pub async fn go() -> (u64, u32, usize) {
                let _t = Tracker::new("memo");
                let mut memo = Memo { m: HashMap::new(), hits: 0 };
                let v = fib(20, &mut memo).await;
                (v, memo.hits, memo.m.len())
            }
        }
    }
    run { go() }
}

twin! {
    /// A filesystem tree: `enum Entry { File(..), Dir(..) }`, a recursive `du` through
    /// `Box::pin` awaiting a stat per file, a `find` collecting paths by suffix.
    p30a_fs_tree_du_find {
        pub enum Entry { File { name: &'static str, size: u64 }, Dir { name: &'static str, kids: Vec<Entry> } }
        lower! {
            pub async fn du(e: &Entry, path: String, found: &mut Vec<String>) -> u64 {
                match e {
                    Entry::File { name, size } => {
                        let p = format!("{path}/{name}");
                        if name.ends_with(".rs") { found.push(p); }
                        leaf("stat", *size).await
                    }
                    Entry::Dir { name, kids } => {
                        let _d = Tracker::new(name);
                        let here = format!("{path}/{name}");
                        let mut total = 0;
                        for k in kids {
                            total += Box::pin(du(k, here.clone(), found)).await;
                        }
                        log(format!("{here}: {total}"));
                        total
                    }
                }
            }
        }
        lower! {
            pub async fn scan(root: &Entry) -> (u64, Vec<String>) {
                let mut found = Vec::new();
                let total = du(root, String::new(), &mut found).await;
                found.sort();
                (total, found)
            }
        }
    }
    run {
        scan(leak(Entry::Dir { name: "src", kids: vec![
            Entry::File { name: "main.rs", size: 120 },
            Entry::Dir { name: "util", kids: vec![Entry::File { name: "a.rs", size: 30 }, Entry::File { name: "notes.txt", size: 5 }] },
            Entry::Dir { name: "empty", kids: vec![] },
        ] }))
    }
}

twin! {
    /// A package resolver: a registry of packages with dependency lists, a recursive
    /// `resolve` through `Box::pin` with a `visiting` stack for cycles and a `BTreeSet` of
    /// resolved names, a fetch await per package.
    p30a_dependency_resolver {
        use std::collections::BTreeSet;
        pub struct Registry { pub deps: BTreeMap<&'static str, Vec<&'static str>> }
        pub struct Resolver<'r> { pub reg: &'r Registry, pub done: BTreeSet<&'static str>, pub stack: Vec<&'static str>, pub order: Vec<&'static str> }
        impl Resolver<'_> {
            lower! {
                pub async fn resolve(&mut self, name: &'static str) -> Result<(), String> {
                    if self.done.contains(name) { return Ok(()); }
                    if self.stack.contains(&name) {
                        return Err(format!("cycle: {} -> {name}", self.stack.join(" -> ")));
                    }
                    let deps = self.reg.deps.get(name).ok_or_else(|| format!("missing {name}"))?;
                    self.stack.push(name);
                    leaf("fetch", name).await;
                    for d in deps {
                        Box::pin(self.resolve(d)).await?;
                    }
                    self.stack.pop();
                    self.done.insert(name);
                    self.order.push(name);
                    Ok(())
                }
            }
        }
        lower! {
            pub async fn install(reg: &Registry, root: &'static str) -> Result<Vec<&'static str>, String> {
                let _lock = Tracker::new("lock");
                let mut r = Resolver { reg, done: BTreeSet::new(), stack: vec![], order: vec![] };
                r.resolve(root).await?;
                step("link").await;
                Ok(r.order)
            }
        }
    }
    run {
        let reg = leak(Registry { deps: BTreeMap::from([
            ("app", vec!["web", "db"]), ("web", vec!["http", "log"]), ("db", vec!["log"]), ("http", vec![]), ("log", vec![]),
            ("bad", vec!["x"]), ("x", vec!["y"]), ("y", vec!["x"]), ("broken", vec!["nowhere"]),
        ]) });
        pair(pair(install(reg, "app"), install(reg, "bad")), install(reg, "broken"))
    }
}

twin! {
    /// A connection pool: `Rc<RefCell<Vec<Conn>>>` of idle connections, a `PooledConn`
    /// guard whose `Drop` returns the connection, a lowered `checkout` awaiting when the
    /// pool is empty, queries run across awaits with guards alive.
    p30a_conn_pool_guard_drop {
        use std::cell::RefCell;
        use std::rc::Rc;
        pub struct Conn { pub id: u32, pub _t: Tracker }
        pub struct Pooled { pub conn: Option<Conn>, pub pool: Rc<RefCell<Vec<Conn>>> }
        impl Drop for Pooled {
            fn drop(&mut self) {
                if let Some(c) = self.conn.take() {
                    log(format!("return conn {}", c.id));
                    self.pool.borrow_mut().push(c);
                }
            }
        }
        lower! {
            pub async fn checkout(pool: &Rc<RefCell<Vec<Conn>>>) -> Option<Pooled> {
                for _ in 0..2 {
                    let c = pool.borrow_mut().pop();
                    if let Some(c) = c {
                        step("ping").await;
                        return Some(Pooled { conn: Some(c), pool: pool.clone() });
                    }
                    step("wait").await;
                }
                None
            }
        }
        lower! {
            pub async fn query(p: &Pooled, q: u32) -> u32 {
                leaf("query", q * 10 + p.conn.as_ref().unwrap().id).await
            }
        }
        lower! {
            pub async fn go() -> Vec<Option<u32>> {
                let pool = Rc::new(RefCell::new(vec![Conn { id: 1, _t: Tracker::new("c1") }, Conn { id: 2, _t: Tracker::new("c2") }]));
                let mut out = Vec::new();
                let a = checkout(&pool).await.unwrap();
                out.push(Some(query(&a, 1).await));
                {
                    let b = checkout(&pool).await.unwrap();
                    out.push(Some(query(&b, 2).await));
                    let c = checkout(&pool).await;
                    out.push(c.map(|_| 0));
                }
                let d = checkout(&pool).await;
                out.push(match &d { Some(p) => Some(query(p, 3).await), None => None });
                drop(a);
                step("end").await;
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A transaction guard: `Tx` holding a snapshot with a `Drop` that rolls back unless
    /// `commit(self)` ran; a lowered `transfer` using it, an error (early `return` with `?`)
    /// and a panic (`boom`) both rolling back through the guard.
    p30a_tx_guard_rollback_on_drop {
        use std::cell::RefCell;
        pub struct Db { pub rows: RefCell<BTreeMap<&'static str, i32>> }
        pub struct Tx<'a> { pub db: &'a Db, pub snap: Option<BTreeMap<&'static str, i32>> }
        impl<'a> Tx<'a> {
            pub fn begin(db: &'a Db) -> Self { log("begin"); Tx { db, snap: Some(db.rows.borrow().clone()) } }
            pub fn commit(mut self) { self.snap = None; log("commit"); }
        }
        impl Drop for Tx<'_> {
            fn drop(&mut self) {
                if let Some(s) = self.snap.take() { log("rollback"); *self.db.rows.borrow_mut() = s; }
            }
        }
        lower! {
            pub async fn transfer(db: &Db, from: &'static str, to: &'static str, n: i32, crash: bool) -> Result<(), String> {
                let tx = Tx::begin(db);
                *db.rows.borrow_mut().get_mut(from).ok_or("no from")? -= n;
                step("write").await;
                if db.rows.borrow()[from] < 0 { return Err(format!("{from} negative")); }
                if crash { boom("disk").await; }
                *db.rows.borrow_mut().entry(to).or_insert(0) += leaf("credit", n).await;
                tx.commit();
                Ok(())
            }
        }
        lower! {
            pub async fn go(crash: bool) -> (Vec<Result<(), String>>, BTreeMap<&'static str, i32>) {
                let db = Db { rows: RefCell::new(BTreeMap::from([("a", 10), ("b", 0)])) };
                let mut rs = Vec::new();
                rs.push(transfer(&db, "a", "b", 4, false).await);
                rs.push(transfer(&db, "b", "c", 9, false).await);
                rs.push(transfer(&db, "z", "a", 1, false).await);
                rs.push(transfer(&db, "a", "c", 1, crash).await);
                (rs, db.rows.into_inner())
            }
        }
    }
    run { pair(go(false), go(true)) }
}

twin! {
    /// A shopping cart with coupons: `enum Coupon { Percent, Fixed, BuyXGetY }`, a cart of
    /// items, coupons validated by awaits and applied in order, totals in cents, invalid
    /// coupons collected.
    p30a_cart_coupons {
        #[derive(Debug, Clone)]
        pub enum Coupon { Percent(u32), Fixed(u32), BuyXGetY { sku: &'static str, x: u32, y: u32 }, Expired }
        pub struct Item { pub sku: &'static str, pub cents: u32, pub qty: u32 }
        pub struct Cart { pub items: Vec<Item>, pub _t: Tracker }
        impl Cart {
            pub fn subtotal(&self) -> u32 { self.items.iter().map(|i| i.cents * i.qty).sum() }
            lower! {
                pub async fn checkout(&self, coupons: Vec<Coupon>) -> (u32, Vec<String>) {
                    let mut total = self.subtotal();
                    let mut rejected = Vec::new();
                    for c in coupons {
                        if !leaf("validate", !matches!(c, Coupon::Expired)).await {
                            rejected.push(format!("{c:?}"));
                            continue;
                        }
                        total = match c {
                            Coupon::Percent(p) => total - total * p.min(100) / 100,
                            Coupon::Fixed(f) => total.saturating_sub(f),
                            Coupon::BuyXGetY { sku, x, y } => {
                                let Some(it) = self.items.iter().find(|i| i.sku == sku) else {
                                    rejected.push(format!("no {sku}"));
                                    continue;
                                };
                                let free = it.qty / (x + y) * y;
                                step("bxgy").await;
                                total - free * it.cents
                            }
                            Coupon::Expired => unreachable!(),
                        };
                    }
                    (total, rejected)
                }
            }
        }
    }
    run {
        let cart = leak(Cart { items: vec![Item { sku: "tee", cents: 1500, qty: 3 }, Item { sku: "cap", cents: 800, qty: 1 }], _t: Tracker::new("cart") });
        cart.checkout(vec![Coupon::BuyXGetY { sku: "tee", x: 2, y: 1 }, Coupon::Expired, Coupon::Percent(10), Coupon::BuyXGetY { sku: "sock", x: 1, y: 1 }, Coupon::Fixed(500)])
    }
}

twin! {
    /// An HTTP request reader: header lines parsed until a blank line, `Content-Length`
    /// read with `parse`, the body read in chunks by awaits until complete; a malformed
    /// header rejected.
    p30a_http_request_reader {
        #[derive(Debug)]
        pub struct Request { pub method: String, pub path: String, pub headers: BTreeMap<String, String>, pub body: String }
        pub struct Wire { pub chunks: VecDeque<&'static str>, pub _t: Tracker }
        impl Wire {
            lower! {
                pub async fn read(&mut self) -> Option<&'static str> {
                    let c = self.chunks.pop_front();
                    leaf("read", c).await
                }
            }
        }
        lower! {
            pub async fn read_request(w: &mut Wire) -> Result<Request, String> {
                let mut buf = String::new();
                while !buf.contains("\n\n") {
                    buf.push_str(w.read().await.ok_or("eof in headers")?);
                }
                let (head, rest) = buf.split_once("\n\n").unwrap();
                let mut lines = head.lines();
                let start = lines.next().ok_or("empty")?;
                let (method, path) = start.split_once(' ').ok_or_else(|| format!("bad start {start:?}"))?;
                let mut headers = BTreeMap::new();
                for l in lines {
                    let (k, v) = l.split_once(':').ok_or_else(|| format!("bad header {l:?}"))?;
                    headers.insert(k.trim().to_lowercase(), v.trim().to_string());
                }
                let len: usize = headers.get("content-length").map_or(Ok(0), |v| v.parse()).map_err(|e| format!("{e}"))?;
                let mut body = rest.to_string();
                while body.len() < len {
                    body.push_str(w.read().await.ok_or("eof in body")?);
                }
                Ok(Request { method: method.into(), path: path.into(), headers, body })
            }
        }
    }
    run {
        let a = leak(Wire { chunks: VecDeque::from(["POST /x\nHost: h\nContent-", "Length: 9\n\nhel", "lo ", "you"]), _t: Tracker::new("w1") });
        let b = leak(Wire { chunks: VecDeque::from(["GET /\nnocolon\n\n"]), _t: Tracker::new("w2") });
        let c = leak(Wire { chunks: VecDeque::from(["GET /\nContent-Length: 5\n\nab"]), _t: Tracker::new("w3") });
        pair(pair(read_request(a), read_request(b)), read_request(c))
    }
}

twin! {
    /// A circuit breaker: `enum Breaker { Closed { fails }, Open { until }, HalfOpen }` in a
    /// struct, calls through it awaiting the backend, trips after two failures, a probe
    /// after the cool-down closing it again.
    p30a_circuit_breaker {
        #[derive(Debug, Clone, Copy)]
        pub enum State { Closed { fails: u32 }, Open { until: u32 }, HalfOpen }
        pub struct Breaker { pub state: State, pub now: u32, pub _t: Tracker }
        impl Breaker {
            lower! {
                pub async fn call(&mut self, ok: bool) -> Result<u32, &'static str> {
                    self.now += 1;
                    if let State::Open { until } = self.state {
                        if self.now < until { return Err("open"); }
                        self.state = State::HalfOpen;
                    }
                    let r = leaf("backend", ok).await;
                    self.state = match (self.state, r) {
                        (State::HalfOpen, true) | (State::Closed { .. }, true) => State::Closed { fails: 0 },
                        (State::Closed { fails }, false) if fails + 1 < 2 => State::Closed { fails: fails + 1 },
                        (_, false) => { step("trip").await; State::Open { until: self.now + 3 } }
                        (s @ State::Open { .. }, true) => s,
                    };
                    if r { Ok(self.now) } else { Err("failed") }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut b = Breaker { state: State::Closed { fails: 0 }, now: 0, _t: Tracker::new("breaker") };
                let mut out = Vec::new();
                for ok in [true, false, false, true, true, true, false, true, true, true, true] {
                    let r = b.call(ok).await;
                    out.push(format!("{r:?} {:?}", b.state));
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A generic retry helper taking `FnMut() -> Fut`, used by a client to fetch with a
    /// closure that builds an `async move` block owning a per-attempt tracker; attempts
    /// counted in a captured `&mut`.
    p30a_retry_generic_fnmut {
        lower! {
            pub async fn retry<T, E: std::fmt::Debug, F, Fut>(mut f: F, max: u32) -> Result<T, E>
            where
                F: FnMut() -> Fut,
                Fut: Future<Output = Result<T, E>>,
            {
                let mut n = 0;
                loop {
                    n += 1;
                    match f().await {
                        Ok(v) => return Ok(v),
                        Err(e) if n < max => { log(format!("attempt {n}: {e:?}")); step("backoff").await; }
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        lower! {
            pub async fn go(succeed_at: u32) -> (Result<String, String>, u32) {
                let mut calls = 0;
                let r = retry(|| {
                    calls += 1;
                    let c = calls;
                    async move {
                        let _a = Tracker::new("attempt");
                        let ok = leaf("try", c >= succeed_at).await;
                        if ok { Ok(format!("ok on {c}")) } else { Err(format!("fail {c}")) }
                    }
                }, 3).await;
                (r, calls)
            }
        }
    }
    run { pair(go(2), go(5)) }
}

twin! {
    /// A worker pool assigning jobs round-robin to the least-loaded worker
    /// (`iter_mut().min_by_key`), workers with trackers and queues, then each worker
    /// draining its queue with `std::mem::take` across awaits.
    p30a_worker_pool_least_loaded {
        pub struct Worker { pub id: u32, pub load: u32, pub queue: Vec<u32>, pub _t: Tracker }
        impl Worker {
            lower! {
                pub async fn drain(&mut self) -> Vec<u32> {
                    let jobs = std::mem::take(&mut self.queue);
                    let mut out = Vec::new();
                    for j in jobs {
                        out.push(leaf("job", j * 100 + self.id).await);
                        self.load -= j;
                    }
                    out
                }
            }
        }
        lower! {
            pub async fn run(jobs: Vec<u32>) -> Vec<(u32, Vec<u32>, u32)> {
                let mut ws = vec![
                    Worker { id: 1, load: 0, queue: vec![], _t: Tracker::new("w1") },
                    Worker { id: 2, load: 0, queue: vec![], _t: Tracker::new("w2") },
                    Worker { id: 3, load: 0, queue: vec![], _t: Tracker::new("w3") },
                ];
                for j in jobs {
                    let w = ws.iter_mut().min_by_key(|w| (w.load, w.id)).unwrap();
                    w.load += j;
                    w.queue.push(j);
                    step("assign").await;
                }
                let mut out = Vec::new();
                for w in ws.iter_mut().rev() {
                    let done = w.drain().await;
                    out.push((w.id, done, w.load));
                }
                out
            }
        }
    }
    run { run(vec![5, 3, 2, 4, 1, 1]) }
}

twin! {
    /// A producer/consumer pipeline through a bounded `VecDeque` channel struct: the
    /// producer pushes until full, the consumer pops until empty, alternating in a loop
    /// until the producer is done; items own trackers.
    p30a_bounded_channel_pipeline {
        pub struct Chan { pub buf: VecDeque<Tracker>, pub cap: usize, pub closed: bool }
        pub struct Producer { pub names: Vec<&'static str> }
        impl Producer {
            lower! {
                pub async fn fill(&mut self, ch: &mut Chan) -> usize {
                    let mut n = 0;
                    while ch.buf.len() < ch.cap {
                        let Some(name) = self.names.pop() else { ch.closed = true; break; };
                        step("produce").await;
                        ch.buf.push_back(Tracker::new(name));
                        n += 1;
                    }
                    n
                }
            }
        }
        lower! {
            pub async fn consume(ch: &mut Chan, out: &mut Vec<&'static str>) {
                while let Some(t) = ch.buf.pop_front() {
                    let name = leaf("consume", t.name()).await;
                    out.push(name);
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<&'static str>, Vec<usize>) {
                let mut ch = Chan { buf: VecDeque::new(), cap: 2, closed: false };
                let mut p = Producer { names: vec!["e", "d", "c", "b", "a"] };
                let mut out = Vec::new();
                let mut batches = Vec::new();
                while !ch.closed {
                    batches.push(p.fill(&mut ch).await);
                    consume(&mut ch, &mut out).await;
                }
                (out, batches)
            }
        }
    }
    run { go() }
}

twin! {
    /// A turn-based game: players with hp in a `Vec`, each turn an attack awaited, dead
    /// players removed (`swap_remove`) with their trackers dropping, a winner declared; a
    /// cheat move panics (`boom`).
    p30a_game_turns_elimination {
        pub struct Player { pub name: &'static str, pub hp: i32, pub atk: i32, pub _t: Tracker }
        lower! {
            pub async fn battle(mut ps: Vec<Player>, cheat: bool) -> Option<&'static str> {
                let mut turn = 0usize;
                while ps.len() > 1 {
                    let i = turn % ps.len();
                    let j = (i + 1) % ps.len();
                    let dmg = leaf("roll", ps[i].atk + (turn as i32 % 3)).await;
                    if cheat && turn == 3 { boom("cheat").await; }
                    ps[j].hp -= dmg;
                    log(format!("{} hits {} for {dmg}", ps[i].name, ps[j].name));
                    if ps[j].hp <= 0 {
                        let dead = ps.remove(j);
                        step("ko").await;
                        log(format!("{} out", dead.name));
                    }
                    turn += 1;
                }
                ps.pop().map(|p| p.name)
            }
        }
        pub fn players() -> Vec<Player> {
            vec![Player { name: "ann", hp: 10, atk: 4, _t: Tracker::new("ann") },
                 Player { name: "bob", hp: 8, atk: 5, _t: Tracker::new("bob") },
                 Player { name: "cid", hp: 12, atk: 2, _t: Tracker::new("cid") }]
        }
    }
    run { pair(battle(players(), false), battle(players(), true)) }
}

twin! {
    /// Union-find over edges fetched by awaits: `find` with path compression (iterative),
    /// `union` by size, components grouped in a `BTreeMap` at the end.
    p30a_union_find_components {
        pub struct Dsu { pub parent: Vec<usize>, pub size: Vec<usize> }
        impl Dsu {
            pub fn find(&mut self, mut x: usize) -> usize {
                let mut root = x;
                while self.parent[root] != root { root = self.parent[root]; }
                while self.parent[x] != root { let n = self.parent[x]; self.parent[x] = root; x = n; }
                root
            }
            lower! {
                pub async fn union(&mut self, a: usize, b: usize) -> bool {
                    let (mut ra, mut rb) = (self.find(a), self.find(b));
                    if ra == rb { return false; }
                    if self.size[ra] < self.size[rb] { std::mem::swap(&mut ra, &mut rb); }
                    step("link").await;
                    self.parent[rb] = ra;
                    self.size[ra] += self.size[rb];
                    true
                }
            }
        }
        lower! {
            pub async fn components(n: usize, edges: &[(usize, usize)]) -> (Vec<Vec<usize>>, u32) {
                let mut d = Dsu { parent: (0..n).collect(), size: vec![1; n] };
                let mut merges = 0;
                for &(a, b) in edges {
                    let (a, b) = leaf("edge", (a, b)).await;
                    if d.union(a, b).await { merges += 1; }
                }
                let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
                for i in 0..n { let r = d.find(i); groups.entry(r).or_default().push(i); }
                let mut gs: Vec<Vec<usize>> = groups.into_values().collect();
                gs.sort();
                (gs, merges)
            }
        }
    }
    run { components(7, leak(vec![(0, 1), (2, 3), (1, 3), (4, 5), (0, 2)])) }
}

twin! {
    /// A moving average over a stream of readings: a fixed window in a `VecDeque`, a running
    /// sum updated on push/pop, alerts when the average crosses a threshold (edge
    /// triggered), readings awaited.
    p30a_moving_average_alerts {
        pub struct Window { pub buf: VecDeque<i32>, pub sum: i32, pub cap: usize }
        impl Window {
            pub fn push(&mut self, v: i32) -> f32 {
                self.buf.push_back(v);
                self.sum += v;
                if self.buf.len() > self.cap { self.sum -= self.buf.pop_front().unwrap(); }
                self.sum as f32 / self.buf.len() as f32
            }
        }
        lower! {
            pub async fn monitor(readings: Vec<i32>, limit: f32) -> Vec<String> {
                let _m = Tracker::new("monitor");
                let mut w = Window { buf: VecDeque::new(), sum: 0, cap: 3 };
                let mut high = false;
                let mut alerts = Vec::new();
                for (t, r) in readings.into_iter().enumerate() {
                    let avg = w.push(leaf("sensor", r).await);
                    match (high, avg > limit) {
                        (false, true) => { high = true; step("page").await; alerts.push(format!("t{t} HIGH {avg:.2}")); }
                        (true, false) => { high = false; alerts.push(format!("t{t} ok {avg:.2}")); }
                        _ => {}
                    }
                }
                alerts
            }
        }
    }
    run { monitor(vec![1, 2, 9, 9, 9, 1, 0, 0, 10], 5.0) }
}

twin! {
    /// An observer: a `Bus` with `Vec<Box<dyn Fn(&Event) -> Option<String>>>` subscribers,
    /// events published from a lowered loop, replies awaited one by one, a subscriber
    /// owning a tracker in its closure.
    p30a_event_bus_subscribers {
        #[derive(Debug)]
        pub enum Event { Login(&'static str), Buy(&'static str, u32), Logout(&'static str) }
        pub struct Bus { pub subs: Vec<Box<dyn Fn(&Event) -> Option<String>>> }
        impl Bus {
            lower! {
                pub async fn publish(&self, e: Event) -> Vec<String> {
                    let mut replies = Vec::new();
                    for s in &self.subs {
                        if let Some(r) = s(&e) {
                            replies.push(leaf("deliver", r).await);
                        }
                    }
                    replies
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<Vec<String>> {
                let guard = Tracker::new("audit-sub");
                let mut bus = Bus { subs: vec![] };
                bus.subs.push(Box::new(|e| match e { Event::Buy(w, n) if *n > 10 => Some(format!("big order by {w}")), _ => None }));
                bus.subs.push(Box::new(move |e| Some(format!("{} saw {e:?}", guard.name()))));
                let mut out = Vec::new();
                for e in [Event::Login("ann"), Event::Buy("ann", 3), Event::Buy("ann", 30), Event::Logout("ann")] {
                    out.push(bus.publish(e).await);
                    step("tick").await;
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A request builder consumed by `self` methods (`header`, `body`), a lowered
    /// `send(self)` awaiting a transport, and a `Response` parsed with `?` on a status
    /// error enum.
    p30a_request_builder_send {
        #[derive(Debug)]
        pub enum HttpError { Status(u16), Empty }
        pub struct Request { pub url: String, pub headers: Vec<(String, String)>, pub body: Option<String>, pub _t: Tracker }
        impl Request {
            pub fn new(url: &str) -> Self { Request { url: url.into(), headers: vec![], body: None, _t: Tracker::new("req") } }
            pub fn header(mut self, k: &str, v: &str) -> Self { self.headers.push((k.into(), v.into())); self }
            pub fn body(mut self, b: &str) -> Self { self.body = Some(b.into()); self }
            lower! {
                pub async fn send(self) -> Result<String, HttpError> {
                    step("connect").await;
                    let code = leaf("status", if self.url.ends_with("/missing") { 404 } else { 200 }).await;
                    if code != 200 { return Err(HttpError::Status(code)); }
                    let body = self.body.ok_or(HttpError::Empty)?;
                    Ok(format!("{} [{}] {}", self.url, self.headers.len(), body.to_uppercase()))
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<Result<String, HttpError>> {
                let mut out = Vec::new();
                out.push(Request::new("/a").header("x", "1").header("y", "2").body("hi").send().await);
                out.push(Request::new("/missing").body("x").send().await);
                let r = Request::new("/b").header("z", "3");
                step("between").await;
                out.push(r.send().await);
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// An auth middleware chain: a token parsed into `Claims`, roles as an enum, a lowered
    /// `authorize` returning `Result<Option<User>, AuthError>`, handlers guarded by role;
    /// nested `?` and `match` on the combined result.
    p30a_auth_roles_chain {
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
        pub enum Role { Guest, Member, Admin }
        #[derive(Debug)]
        pub enum AuthError { Malformed, Expired(u32), Forbidden(Role) }
        #[derive(Debug)]
        pub struct User { pub name: String, pub role: Role }
        lower! {
            pub async fn authorize(token: &str, now: u32) -> Result<Option<User>, AuthError> {
                if token.is_empty() { return Ok(None); }
                let mut parts = token.split('.');
                let (Some(name), Some(role), Some(exp)) = (parts.next(), parts.next(), parts.next()) else { return Err(AuthError::Malformed); };
                let exp: u32 = exp.parse().map_err(|_| AuthError::Malformed)?;
                if leaf("clock", now).await > exp { return Err(AuthError::Expired(exp)); }
                let role = match role { "admin" => Role::Admin, "member" => Role::Member, _ => Role::Guest };
                Ok(Some(User { name: name.into(), role }))
            }
        }
        lower! {
            pub async fn handle(token: &'static str, need: Role) -> Result<String, AuthError> {
                let _req = Tracker::new("req");
                let user = authorize(token, 5).await?.unwrap_or(User { name: "anon".into(), role: Role::Guest });
                if user.role < need { return Err(AuthError::Forbidden(user.role)); }
                step("handler").await;
                Ok(format!("hello {} ({:?})", user.name, user.role))
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut out = Vec::new();
                for (t, r) in [("ann.admin.9", Role::Admin), ("bob.member.9", Role::Admin), ("", Role::Guest), ("cid.member.2", Role::Member), ("junk", Role::Guest), ("dee.member.x", Role::Guest)] {
                    out.push(format!("{:?}", handle(t, r).await));
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A run-length codec: `encode` groups runs while awaiting per run, `decode` parses
    /// count/char pairs with `char::to_digit` and an error for a dangling count; a
    /// round trip checked.
    p30a_rle_codec_roundtrip {
        lower! {
            pub async fn encode(s: &str) -> String {
                let mut out = String::new();
                let mut it = s.chars().peekable();
                while let Some(c) = it.next() {
                    let mut n = 1;
                    while it.peek() == Some(&c) { it.next(); n += 1; }
                    step("run").await;
                    out.push_str(&n.to_string());
                    out.push(c);
                }
                out
            }
        }
        lower! {
            pub async fn decode(s: &str) -> Result<String, String> {
                let mut out = String::new();
                let mut n = 0u32;
                for c in s.chars() {
                    match c.to_digit(10) {
                        Some(d) => n = n * 10 + d,
                        None => {
                            out.extend(std::iter::repeat_n(leaf("ch", c).await, n as usize));
                            n = 0;
                        }
                    }
                }
                if n != 0 { return Err(format!("dangling count {n}")); }
                Ok(out)
            }
        }
        lower! {
            pub async fn go() -> (String, Result<String, String>, Result<String, String>) {
                let _t = Tracker::new("codec");
                let e = encode("aaabccddddddddddde").await;
                let d = decode(&e).await;
                (e, d, decode("3x12").await)
            }
        }
    }
    run { go() }
}

twin! {
    /// A calendar booking service: intervals per room in a `BTreeMap<&str, Vec<(u32, u32)>>`,
    /// overlap checks, bookings awaited, a cancel by id, free slots computed at the end.
    p30a_calendar_booking {
        #[derive(Debug)]
        pub enum BookErr { Overlap(u32, u32), Invalid }
        pub struct Cal { pub rooms: BTreeMap<&'static str, Vec<(u32, u32, u32)>>, pub next_id: u32, pub _t: Tracker }
        impl Cal {
            lower! {
                pub async fn book(&mut self, room: &'static str, s: u32, e: u32) -> Result<u32, BookErr> {
                    if s >= e { return Err(BookErr::Invalid); }
                    step("lock").await;
                    let slots = self.rooms.entry(room).or_default();
                    if let Some(&(a, b, _)) = slots.iter().find(|(a, b, _)| s < *b && *a < e) {
                        return Err(BookErr::Overlap(a, b));
                    }
                    let id = leaf("id", self.next_id).await;
                    self.next_id += 1;
                    let slots = self.rooms.get_mut(room).unwrap();
                    slots.push((s, e, id));
                    slots.sort();
                    Ok(id)
                }
            }
            lower! {
                pub async fn cancel(&mut self, id: u32) -> bool {
                    step("cancel").await;
                    self.rooms.values_mut().any(|v| { let n = v.len(); v.retain(|x| x.2 != id); v.len() != n })
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, Vec<(&'static str, Vec<(u32, u32)>)>) {
                let mut c = Cal { rooms: BTreeMap::new(), next_id: 1, _t: Tracker::new("cal") };
                let mut out = Vec::new();
                for (r, s, e) in [("a", 9, 10), ("a", 9, 11), ("b", 9, 11), ("a", 10, 12), ("a", 12, 11)] {
                    out.push(format!("{:?}", c.book(r, s, e).await));
                }
                out.push(format!("{} {}", c.cancel(1).await, c.cancel(9).await));
                out.push(format!("{:?}", c.book("a", 9, 10).await));
                let free = c.rooms.iter().map(|(r, v)| {
                    let mut at = 8;
                    let mut gaps = vec![];
                    for &(s, e, _) in v { if s > at { gaps.push((at, s)); } at = at.max(e); }
                    if at < 18 { gaps.push((at, 18)); }
                    (*r, gaps)
                }).collect();
                (out, free)
            }
        }
    }
    run { go() }
}

twin! {
    /// A log aggregator: lines `LEVEL module: message` parsed with `split_once`, counts per
    /// level in a `HashMap` (sorted for output), the top modules by errors, malformed lines
    /// counted, each line fetched by an await.
    p30a_log_aggregator {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Level { Debug, Info, Warn, Error }
        pub fn level(s: &str) -> Option<Level> {
            Some(match s { "DEBUG" => Level::Debug, "INFO" => Level::Info, "WARN" => Level::Warn, "ERROR" => Level::Error, _ => return None })
        }
        lower! {
            pub async fn aggregate(lines: Vec<&'static str>) -> (Vec<(Level, usize)>, Vec<(String, usize)>, usize) {
                let _agg = Tracker::new("agg");
                let mut by_level: HashMap<Level, usize> = HashMap::new();
                let mut errs: HashMap<String, usize> = HashMap::new();
                let mut bad = 0;
                for raw in lines {
                    let line = leaf("line", raw).await;
                    let Some((lv, rest)) = line.split_once(' ') else { bad += 1; continue; };
                    let (Some(lv), Some((module, _msg))) = (level(lv), rest.split_once(": ")) else { bad += 1; continue; };
                    *by_level.entry(lv).or_insert(0) += 1;
                    if lv == Level::Error {
                        *errs.entry(module.to_string()).or_default() += 1;
                    }
                }
                let mut lv: Vec<_> = by_level.into_iter().collect();
                lv.sort();
                let mut top: Vec<_> = errs.into_iter().collect();
                top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                top.truncate(2);
                step("done").await;
                (lv, top, bad)
            }
        }
    }
    run { aggregate(vec!["INFO web: start", "ERROR db: timeout", "ERROR web: 500", "garbage", "WARN db: slow", "ERROR db: down", "TRACE x: y", "ERROR cache: miss", "DEBUG web: req"]) }
}

twin! {
    /// A markdown-to-HTML converter, line oriented: headings by `#` count, list items
    /// grouped into `<ul>` with an `in_list` flag, paragraphs, inline `**bold**` replaced by
    /// a helper that awaits.
    p30a_markdown_to_html {
        lower! {
            pub async fn inline(s: &str) -> String {
                let mut out = String::new();
                let mut bold = false;
                for (i, part) in s.split("**").enumerate() {
                    if i > 0 { out.push_str(if bold { "</b>" } else { "<b>" }); bold = !bold; }
                    out.push_str(part);
                }
                leaf("inline", out).await
            }
        }
        lower! {
            pub async fn convert(md: &'static str) -> Vec<String> {
                let mut html = Vec::new();
                let mut in_list = false;
                for line in md.lines() {
                    let t = line.trim();
                    if let Some(item) = t.strip_prefix("- ") {
                        if !in_list { html.push("<ul>".to_string()); in_list = true; }
                        html.push(format!("<li>{}</li>", inline(item).await));
                        continue;
                    }
                    if in_list { html.push("</ul>".to_string()); in_list = false; }
                    let hashes = t.chars().take_while(|c| *c == '#').count();
                    match (hashes, t.is_empty()) {
                        (_, true) => step("blank").await,
                        (0, false) => html.push(format!("<p>{}</p>", inline(t).await)),
                        (n, false) => html.push(format!("<h{n}>{}</h{n}>", inline(t[n..].trim()).await)),
                    }
                }
                if in_list { html.push("</ul>".into()); }
                html
            }
        }
    }
    run { convert("# Title\nsome **bold** text\n\n- one\n- **two**\n## Sub\n- last") }
}

twin! {
    /// A semver picker: versions parsed into `(u32, u32, u32)` with `?` on `Option` inside a
    /// helper, a requirement `^1.2` / `~1.2.3` / `=x` matched, candidates fetched by an
    /// await and the highest match chosen.
    p30a_semver_pick {
        pub fn parse(v: &str) -> Option<(u32, u32, u32)> {
            let mut it = v.split('.').map(|p| p.parse::<u32>().ok());
            Some((it.next()??, it.next().flatten().unwrap_or(0), it.next().flatten().unwrap_or(0)))
        }
        pub fn matches(req: &str, v: (u32, u32, u32)) -> bool {
            let (op, rest) = req.split_at(1);
            let Some(r) = parse(rest) else { return false };
            match op {
                "^" => v.0 == r.0 && v >= r,
                "~" => v.0 == r.0 && v.1 == r.1 && v >= r,
                "=" => v == r,
                _ => false,
            }
        }
        lower! {
            pub async fn pick(req: &'static str, published: &[&'static str]) -> Option<String> {
                let _q = Tracker::new("resolve");
                let mut best: Option<(u32, u32, u32)> = None;
                for p in published {
                    let Some(v) = parse(leaf("meta", p).await) else { log(format!("skip {p}")); continue; };
                    if matches(req, v) && best.is_none_or(|b| v > b) {
                        best = Some(v);
                    }
                }
                step("done").await;
                best.map(|(a, b, c)| format!("{a}.{b}.{c}"))
            }
        }
    }
    run {
        let p = leak(vec!["1.0.0", "1.2.0", "1.2.7", "1.9.1", "2.0.0", "x.1", "1.2"]);
        pair(pair(pick("^1.2", p), pick("~1.2.3", p)), pair(pick("=2", p), pick("^3", p)))
    }
}

twin! {
    /// A todo app: commands parsed from strings (`add ..`, `done N`, `rm N`, `list`), a
    /// `Vec<Todo>` with ids, persistence as an await after each mutating command, a `list`
    /// rendering with a `filter` by state.
    p30a_todo_app_commands {
        #[derive(Debug)]
        pub struct Todo { pub id: u32, pub text: String, pub done: bool }
        pub struct App { pub todos: Vec<Todo>, pub next: u32, pub saves: u32, pub _t: Tracker }
        impl App {
            lower! {
                async fn save(&mut self) {
                    step("save").await;
                    self.saves += 1;
                }
            }
            lower! {
                pub async fn run(&mut self, cmd: &str) -> String {
                    let (verb, arg) = cmd.split_once(' ').unwrap_or((cmd, ""));
                    let reply = match verb {
                        "add" => {
                            self.todos.push(Todo { id: self.next, text: arg.to_string(), done: false });
                            self.next += 1;
                            format!("added {}", self.next - 1)
                        }
                        "done" | "rm" => {
                            let Ok(id) = arg.parse::<u32>() else { return format!("bad id {arg:?}") };
                            let Some(pos) = self.todos.iter().position(|t| t.id == id) else { return format!("no {id}") };
                            if verb == "rm" { self.todos.remove(pos); } else { self.todos[pos].done = true; }
                            format!("{verb} {id}")
                        }
                        "list" => return leaf("render", self.todos.iter().filter(|t| !t.done).map(|t| format!("{}:{}", t.id, t.text)).collect::<Vec<_>>().join(",")).await,
                        _ => return format!("unknown {verb}"),
                    };
                    self.save().await;
                    reply
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, u32) {
                let mut app = App { todos: vec![], next: 1, saves: 0, _t: Tracker::new("app") };
                let mut out = Vec::new();
                for c in ["add milk", "add eggs", "add tea", "done 2", "list", "rm 1", "rm 7", "done x", "zap", "list"] {
                    out.push(app.run(c).await);
                }
                (out, app.saves)
            }
        }
    }
    run { go() }
}

twin! {
    /// N-queens by backtracking: a recursive lowered `place` through `Box::pin` with a
    /// `&mut Vec<usize>` of columns, an await per placed queen, solutions counted and the
    /// first one kept.
    p30a_n_queens_backtrack {
        pub fn safe(cols: &[usize], c: usize) -> bool {
            let r = cols.len();
            cols.iter().enumerate().all(|(i, &q)| q != c && r - i != c.abs_diff(q))
        }
        lower! {
            pub async fn place(n: usize, cols: &mut Vec<usize>, first: &mut Option<Vec<usize>>) -> u32 {
                if cols.len() == n {
                    if first.is_none() { *first = Some(cols.clone()); }
                    return 1;
                }
                let mut count = 0;
                for c in 0..n {
                    if !safe(cols, c) { continue; }
                    cols.push(c);
                    step("place").await;
                    count += Box::pin(place(n, cols, first)).await;
                    cols.pop();
                }
                count
            }
        }
        lower! {
            pub async fn solve(n: usize) -> (u32, Option<Vec<usize>>) {
                let _b = Tracker::new("board");
                let mut first = None;
                let c = place(n, &mut Vec::new(), &mut first).await;
                (c, first)
            }
        }
    }
    run { pair(solve(4), solve(5)) }
}

twin! {
    /// An inventory restocker: stock levels checked against reorder points, purchase orders
    /// (structs with trackers) created and sent to a supplier trait impl whose lowered
    /// method awaits; partial deliveries update stock.
    p30a_inventory_restock_supplier {
        pub trait Supplier {
            async fn deliver(&mut self, sku: &'static str, qty: u32) -> u32;
        }
        pub struct Acme { pub capacity: u32, pub _t: Tracker }
        impl Supplier for Acme {
            lower! {
                async fn deliver(&mut self, sku: &'static str, qty: u32) -> u32 {
                    let give = qty.min(self.capacity);
                    self.capacity -= give;
                    leaf(sku, give).await
                }
            }
        }
        pub struct Po { pub sku: &'static str, pub qty: u32, pub _t: Tracker }
        lower! {
            pub async fn restock<S: Supplier>(stock: &mut BTreeMap<&'static str, (u32, u32)>, sup: &mut S) -> Vec<String> {
                let pos: Vec<Po> = stock.iter().filter(|(_, (have, min))| have < min).map(|(sku, (have, min))| Po { sku, qty: min * 2 - have, _t: Tracker::new(sku) }).collect();
                let mut report = Vec::new();
                for po in pos {
                    let got = sup.deliver(po.sku, po.qty).await;
                    stock.get_mut(po.sku).unwrap().0 += got;
                    report.push(format!("{} {}/{}", po.sku, got, po.qty));
                    step("receive").await;
                }
                report
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, BTreeMap<&'static str, (u32, u32)>) {
                let mut stock = BTreeMap::from([("bolt", (3, 10)), ("nut", (50, 20)), ("gear", (0, 4)), ("cog", (1, 5))]);
                let mut sup = Acme { capacity: 20, _t: Tracker::new("acme") };
                let r = restock(&mut stock, &mut sup).await;
                (r, stock)
            }
        }
    }
    run { go() }
}

twin! {
    /// A bank account API on a struct owning a tracker: `deposit(&mut self)`,
    /// `statement(&self)`, `close(self)` returning the balance, a trait `Audited` with a
    /// lowered default method, and a `From<&str>` error with `?` in a transfer helper.
    p30a_account_methods_close_self {
        #[derive(Debug)]
        pub struct AcctError(pub String);
        impl From<&str> for AcctError { fn from(s: &str) -> Self { AcctError(s.to_string()) } }
        pub trait Audited {
            fn id(&self) -> &'static str;
            lower! {
                async fn audit(&self, what: &str) {
                    step("audit").await;
                    log(format!("audit {} {what}", self.id()));
                }
            }
        }
        pub struct Account { pub name: &'static str, pub bal: i64, pub history: Vec<i64>, pub _t: Tracker }
        impl Audited for Account { fn id(&self) -> &'static str { self.name } }
        impl Account {
            lower! {
                pub async fn deposit(&mut self, n: i64) -> Result<i64, AcctError> {
                    if n <= 0 { return Err("non-positive".into()); }
                    self.audit("deposit").await;
                    self.bal += leaf("dep", n).await;
                    self.history.push(n);
                    Ok(self.bal)
                }
            }
            lower! {
                pub async fn withdraw(&mut self, n: i64) -> Result<i64, AcctError> {
                    if n > self.bal { Err("insufficient")? }
                    self.audit("withdraw").await;
                    self.bal -= n;
                    self.history.push(-n);
                    Ok(self.bal)
                }
            }
            lower! {
                pub async fn close(self) -> (i64, usize) {
                    self.audit("close").await;
                    (self.bal, self.history.len())
                }
            }
        }
        lower! {
            pub async fn move_money(a: &mut Account, b: &mut Account, n: i64) -> Result<(), AcctError> {
                a.withdraw(n).await?;
                b.deposit(n).await?;
                Ok(())
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, (i64, usize), i64) {
                let mut a = Account { name: "a", bal: 0, history: vec![], _t: Tracker::new("acct-a") };
                let mut b = Account { name: "b", bal: 5, history: vec![], _t: Tracker::new("acct-b") };
                let mut out = Vec::new();
                out.push(format!("{:?}", a.deposit(50).await));
                out.push(format!("{:?}", a.deposit(-1).await));
                out.push(format!("{:?}", move_money(&mut a, &mut b, 20).await));
                out.push(format!("{:?}", move_money(&mut b, &mut a, 100).await));
                let closed = a.close().await;
                step("after close").await;
                (out, closed, b.bal)
            }
        }
    }
    run { go() }
}

twin! {
    /// A shape registry: a trait with an `async fn area(&self)` implemented for three
    /// structs, stored in an enum, sorted by awaited area; a `Display` report.
    p30a_shapes_trait_enum_sort {
        pub trait Shape { async fn area(&self) -> f64; fn name(&self) -> String; }
        pub struct Circle(pub f64);
        pub struct Rect { pub w: f64, pub h: f64 }
        pub struct Tri { pub a: f64, pub b: f64, pub c: f64, pub _t: Tracker }
        impl Shape for Circle {
            lower! { async fn area(&self) -> f64 { leaf("circle", 3.0 * self.0 * self.0).await } }
            fn name(&self) -> String { format!("circle r={}", self.0) }
        }
        impl Shape for Rect {
            lower! { async fn area(&self) -> f64 { step("rect").await; self.w * self.h } }
            fn name(&self) -> String { format!("rect {}x{}", self.w, self.h) }
        }
        impl Shape for Tri {
            lower! {
                async fn area(&self) -> f64 {
                    let s = leaf("tri", (self.a + self.b + self.c) / 2.0).await;
                    (s * (s - self.a) * (s - self.b) * (s - self.c)).sqrt()
                }
            }
            fn name(&self) -> String { format!("tri {} {} {}", self.a, self.b, self.c) }
        }
        pub enum Any { C(Circle), R(Rect), T(Tri) }
        lower! {
            pub async fn report(shapes: Vec<Any>) -> Vec<String> {
                let mut rows = Vec::new();
                for s in &shapes {
                    let (n, a) = match s {
                        Any::C(c) => (c.name(), c.area().await),
                        Any::R(r) => (r.name(), r.area().await),
                        Any::T(t) => (t.name(), t.area().await),
                    };
                    rows.push((a, n));
                }
                rows.sort_by(|x, y| y.0.partial_cmp(&x.0).unwrap());
                rows.into_iter().map(|(a, n)| format!("{n}: {a:.1}")).collect()
            }
        }
    }
    run { report(vec![Any::R(Rect { w: 2.0, h: 5.0 }), Any::T(Tri { a: 3.0, b: 4.0, c: 5.0, _t: Tracker::new("tri") }), Any::C(Circle(1.5))]) }
}

twin! {
    /// A download manager: `Download` structs with a state enum (`Queued`, `Active(u32)`,
    /// `Done`, `Failed(String)`), updated through `&mut` in a loop over `iter_mut()` with an
    /// await per chunk; a failed download retried once by `mem::replace` of its state.
    p30a_download_manager_states {
        #[derive(Debug)]
        pub enum St { Queued, Active(u32), Done, Failed(String) }
        pub struct Download { pub url: &'static str, pub size: u32, pub st: St, pub retried: bool, pub _t: Tracker }
        lower! {
            pub async fn pump(ds: &mut [Download]) -> bool {
                let mut busy = false;
                for d in ds.iter_mut() {
                    d.st = match std::mem::replace(&mut d.st, St::Done) {
                        St::Queued => St::Active(0),
                        St::Active(n) if d.url.contains("bad") && n >= 1 => St::Failed(format!("{} reset", d.url)),
                        St::Active(n) => {
                            let got = leaf(d.url, 2).await;
                            if n + got >= d.size { St::Done } else { St::Active(n + got) }
                        }
                        St::Failed(why) if !d.retried => { d.retried = true; log(format!("retry: {why}")); step("retry").await; St::Queued }
                        other => other,
                    };
                    busy |= matches!(d.st, St::Queued | St::Active(_));
                }
                busy
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut ds = vec![
                    Download { url: "a.zip", size: 5, st: St::Queued, retried: false, _t: Tracker::new("a") },
                    Download { url: "bad.iso", size: 9, st: St::Queued, retried: false, _t: Tracker::new("bad") },
                    Download { url: "c.txt", size: 1, st: St::Queued, retried: false, _t: Tracker::new("c") },
                ];
                let mut rounds = 0;
                while pump(&mut ds).await { rounds += 1; }
                let mut out: Vec<String> = ds.iter().map(|d| format!("{} {:?}", d.url, d.st)).collect();
                out.push(format!("rounds {rounds}"));
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A matrix product with dimensions checked (`Result`), rows fetched by awaits, then
    /// a transpose and a trace; a dimension error path.
    p30a_matrix_multiply {
        pub type M = Vec<Vec<i64>>;
        lower! {
            pub async fn mul(a: &M, b: &M) -> Result<M, String> {
                let (n, k, m) = (a.len(), b.len(), b.first().map_or(0, |r| r.len()));
                if a.iter().any(|r| r.len() != k) { return Err(format!("{}x? times {k}x{m}", n)); }
                let mut c = vec![vec![0; m]; n];
                for i in 0..n {
                    let row = leaf("row", a[i].clone()).await;
                    for j in 0..m {
                        c[i][j] = row.iter().zip(b.iter()).map(|(x, br)| x * br[j]).sum();
                    }
                }
                Ok(c)
            }
        }
        lower! {
            pub async fn go() -> (Result<M, String>, Option<i64>, Result<M, String>) {
                let _t = Tracker::new("mat");
                let a = vec![vec![1, 2], vec![3, 4], vec![5, 6]];
                let b = vec![vec![7, 8, 9], vec![10, 11, 12]];
                let c = mul(&a, &b).await;
                let tr = c.as_ref().ok().map(|c| (0..c.len().min(c[0].len())).map(|i| c[i][i]).sum());
                step("trace").await;
                (c, tr, mul(&a, &a).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// A word-wrap formatter: words fetched by an await, lines filled up to a width,
    /// over-long words split, justified output built with `String::with_capacity` and
    /// `repeat`.
    p30a_text_wrap_justify {
        lower! {
            pub async fn wrap(text: &'static str, width: usize) -> Vec<String> {
                let mut lines: Vec<Vec<String>> = vec![vec![]];
                let mut len = 0;
                for w in text.split_whitespace() {
                    let mut w = leaf("word", w).await.to_string();
                    while w.len() > width {
                        let rest = w.split_off(width);
                        lines.push(vec![w]);
                        w = rest;
                        lines.push(vec![]);
                        len = 0;
                    }
                    if len > 0 && len + 1 + w.len() > width {
                        lines.push(vec![]);
                        len = 0;
                    }
                    len += if len == 0 { w.len() } else { w.len() + 1 };
                    lines.last_mut().unwrap().push(w);
                }
                let mut out = Vec::new();
                let n = lines.len();
                for (i, ws) in lines.into_iter().filter(|l| !l.is_empty()).enumerate() {
                    let chars: usize = ws.iter().map(|w| w.len()).sum();
                    let gaps = ws.len().saturating_sub(1);
                    let mut s = String::with_capacity(width);
                    if gaps == 0 || i + 1 == n { s = ws.join(" "); } else {
                        let spaces = width - chars;
                        for (j, w) in ws.iter().enumerate() {
                            s.push_str(w);
                            if j < gaps { s.push_str(&" ".repeat(spaces / gaps + usize::from(j < spaces % gaps))); }
                        }
                    }
                    step("line").await;
                    out.push(s);
                }
                out
            }
        }
    }
    run { wrap("the quick brown fox jumps over the extraordinarily lazy dog", 10) }
}

twin! {
    /// A grid pathfinder: a maze of strings, BFS over `(row, col)` with a `VecDeque`, a
    /// `prev` `HashMap` to rebuild the path, an await per expanded cell, `None` when
    /// walled in.
    p30a_grid_maze_bfs {
        lower! {
            pub async fn solve(maze: &[&str]) -> Option<(usize, String)> {
                let g: Vec<Vec<u8>> = maze.iter().map(|r| r.bytes().collect()).collect();
                let find = |c: u8| g.iter().enumerate().find_map(|(r, row)| row.iter().position(|&x| x == c).map(|col| (r, col)));
                let (start, goal) = (find(b'S')?, find(b'G')?);
                let mut prev: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
                let mut q = VecDeque::from([start]);
                while let Some((r, c)) = q.pop_front() {
                    if (r, c) == goal { break; }
                    step("expand").await;
                    for (dr, dc) in [(0, 1), (1, 0), (0, -1), (-1, 0)] {
                        let (nr, nc) = (r as i32 + dr, c as i32 + dc);
                        if nr < 0 || nc < 0 { continue; }
                        let (nr, nc) = (nr as usize, nc as usize);
                        if g.get(nr).and_then(|row| row.get(nc)).is_none_or(|&x| x == b'#') { continue; }
                        if (nr, nc) == start || prev.contains_key(&(nr, nc)) { continue; }
                        prev.insert((nr, nc), (r, c));
                        q.push_back((nr, nc));
                    }
                }
                let mut at = goal;
                let mut path = String::new();
                while at != start {
                    let p = *prev.get(&at)?;
                    path.push(match (at.0 as i32 - p.0 as i32, at.1 as i32 - p.1 as i32) { (0, 1) => 'R', (0, _) => 'L', (1, _) => 'D', _ => 'U' });
                    at = p;
                }
                Some((path.len(), path.chars().rev().collect()))
            }
        }
    }
    run { pair(solve(leak(vec!["S..#", ".#..", "...G"])), solve(leak(vec!["S#G"]))) }
}

twin! {
    /// A tournament bracket: players paired per round, matches awaited, winners advanced
    /// with `chunks(2)`, a bye for an odd count, the bracket logged per round.
    p30a_tournament_bracket {
        pub struct P { pub name: &'static str, pub rating: u32, pub _t: Tracker }
        lower! {
            pub async fn play(a: P, b: P) -> (P, P) {
                let roll = leaf("match", (a.rating * 7 + b.rating * 3) % 10).await;
                if roll < 5 || a.rating > b.rating + 10 { (a, b) } else { (b, a) }
            }
        }
        lower! {
            pub async fn bracket(mut ps: Vec<P>) -> Vec<Vec<&'static str>> {
                let mut rounds = Vec::new();
                while ps.len() > 1 {
                    rounds.push(ps.iter().map(|p| p.name).collect());
                    let mut next = Vec::new();
                    let mut it = ps.into_iter();
                    loop {
                        match (it.next(), it.next()) {
                            (Some(a), Some(b)) => {
                                let (w, l) = play(a, b).await;
                                log(format!("{} beats {}", w.name, l.name));
                                next.push(w);
                            }
                            (Some(a), None) => { step("bye").await; next.push(a); }
                            _ => break,
                        }
                    }
                    ps = next;
                }
                rounds.push(ps.iter().map(|p| p.name).collect());
                rounds
            }
        }
    }
    run { bracket(vec![P { name: "a", rating: 30, _t: Tracker::new("a") }, P { name: "b", rating: 12, _t: Tracker::new("b") },
        P { name: "c", rating: 25, _t: Tracker::new("c") }, P { name: "d", rating: 40, _t: Tracker::new("d") }, P { name: "e", rating: 8, _t: Tracker::new("e") }]) }
}

twin! {
    /// A lexer as an explicit state machine over chars: `enum Mode { Start, Ident, Number,
    /// Str }` switched per char with an await per emitted token, escaped quotes inside
    /// strings, an unterminated string error.
    p30a_lexer_mode_machine {
        #[derive(Debug, PartialEq)]
        pub enum Tok { Ident(String), Num(u64), Str(String), Sym(char) }
        #[derive(Clone, Copy, PartialEq)]
        pub enum Mode { Start, Ident, Number, Str, Esc }
        lower! {
            pub async fn lex(src: &'static str) -> Result<Vec<Tok>, String> {
                let mut out = Vec::new();
                let mut mode = Mode::Start;
                let mut buf = String::new();
                for c in src.chars().chain(std::iter::once(' ')) {
                    let emit = match (mode, c) {
                        (Mode::Str, '\\') => { mode = Mode::Esc; None }
                        (Mode::Esc, c) => { buf.push(c); mode = Mode::Str; None }
                        (Mode::Str, '"') => { mode = Mode::Start; Some(Tok::Str(std::mem::take(&mut buf))) }
                        (Mode::Str, c) => { buf.push(c); None }
                        (Mode::Ident, c) if c.is_alphanumeric() || c == '_' => { buf.push(c); None }
                        (Mode::Number, c) if c.is_ascii_digit() => { buf.push(c); None }
                        (Mode::Ident | Mode::Number, _) => {
                            let t = std::mem::take(&mut buf);
                            let tok = if mode == Mode::Ident { Tok::Ident(t) } else { Tok::Num(t.parse().unwrap()) };
                            out.push(leaf("tok", tok).await);
                            mode = Mode::Start;
                            if c.is_whitespace() { None } else if c == '"' { mode = Mode::Str; None } else { Some(Tok::Sym(c)) }
                        }
                        (Mode::Start, '"') => { mode = Mode::Str; None }
                        (Mode::Start, c) if c.is_alphabetic() => { mode = Mode::Ident; buf.push(c); None }
                        (Mode::Start, c) if c.is_ascii_digit() => { mode = Mode::Number; buf.push(c); None }
                        (Mode::Start, c) if c.is_whitespace() => None,
                        (Mode::Start, c) => Some(Tok::Sym(c)),
                    };
                    if let Some(t) = emit { out.push(leaf("tok", t).await); }
                }
                if matches!(mode, Mode::Str | Mode::Esc) { return Err(format!("unterminated string {buf:?}")); }
                Ok(out)
            }
        }
    }
    run { pair(lex(r#"let x_1 = 42+"a\"b";"#), lex(r#"say "oops"#)) }
}

twin! {
    /// A key-value store with transactions: `begin` pushes a layer (`Vec<HashMap<..>>`),
    /// `get` looks through layers top-down, `commit` folds the top layer into the next,
    /// `rollback` pops it; each op awaits; deletions as `None` tombstones.
    p30a_kv_nested_transactions {
        pub struct Kv { pub layers: Vec<HashMap<String, Option<i32>>>, pub _t: Tracker }
        impl Kv {
            pub fn get(&self, k: &str) -> Option<i32> {
                self.layers.iter().rev().find_map(|l| l.get(k).copied()).flatten()
            }
            lower! {
                pub async fn exec(&mut self, line: &str) -> String {
                    step("op").await;
                    let w: Vec<&str> = line.split(' ').collect();
                    match w[..] {
                        ["SET", k, v] => { self.layers.last_mut().unwrap().insert(k.into(), v.parse().ok()); "ok".into() }
                        ["DEL", k] => { self.layers.last_mut().unwrap().insert(k.into(), None); "ok".into() }
                        ["GET", k] => format!("{:?}", leaf("get", self.get(k)).await),
                        ["BEGIN"] => { self.layers.push(HashMap::new()); format!("depth {}", self.layers.len() - 1) }
                        ["ROLLBACK"] if self.layers.len() > 1 => { self.layers.pop(); "rolled back".into() }
                        ["COMMIT"] if self.layers.len() > 1 => {
                            let top = self.layers.pop().unwrap();
                            let mut keys: Vec<_> = top.into_iter().collect();
                            keys.sort();
                            for (k, v) in keys {
                                step("fold").await;
                                self.layers.last_mut().unwrap().insert(k, v);
                            }
                            "committed".into()
                        }
                        _ => format!("err {line}"),
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut kv = Kv { layers: vec![HashMap::new()], _t: Tracker::new("kv") };
                let mut out = Vec::new();
                for l in ["SET a 1", "BEGIN", "SET a 2", "SET b 3", "GET a", "BEGIN", "DEL a", "GET a", "ROLLBACK", "GET a", "COMMIT", "GET b", "ROLLBACK", "GET a"] {
                    out.push(kv.exec(l).await);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A rate-limited crawler: URLs in a `VecDeque`, a `HashSet` of seen URLs, links per
    /// page from an async fetch, a token bucket struct gating each fetch, a depth limit.
    p30a_crawler_with_limiter {
        pub struct Limiter { pub tokens: u32, pub waits: u32 }
        impl Limiter {
            lower! {
                pub async fn take(&mut self) {
                    while self.tokens == 0 {
                        step("refill").await;
                        self.waits += 1;
                        self.tokens = 2;
                    }
                    self.tokens -= 1;
                }
            }
        }
        pub struct Web { pub links: BTreeMap<&'static str, Vec<&'static str>> }
        impl Web {
            lower! {
                pub async fn fetch(&self, url: &'static str) -> Vec<&'static str> {
                    let _conn = Tracker::new("conn");
                    leaf(url, self.links.get(url).cloned().unwrap_or_default()).await
                }
            }
        }
        lower! {
            pub async fn crawl(web: &Web, root: &'static str, max_depth: u32) -> (Vec<&'static str>, u32) {
                let mut lim = Limiter { tokens: 1, waits: 0 };
                let mut seen = HashSet::from([root]);
                let mut q = VecDeque::from([(root, 0)]);
                let mut order = Vec::new();
                while let Some((u, d)) = q.pop_front() {
                    lim.take().await;
                    order.push(u);
                    if d == max_depth { continue; }
                    for l in web.fetch(u).await {
                        if seen.insert(l) { q.push_back((l, d + 1)); }
                    }
                }
                (order, lim.waits)
            }
        }
    }
    run {
        let web = leak(Web { links: BTreeMap::from([("/", vec!["/a", "/b"]), ("/a", vec!["/", "/c"]), ("/b", vec!["/c", "/d"]), ("/c", vec!["/e"])]) });
        pair(crawl(web, "/", 2), crawl(web, "/b", 1))
    }
}

twin! {
    /// A session store with expiry and a `Drop` that logs logout: sessions in a `Vec`
    /// (kept sorted by id), `touch` extends, `sweep` removes expired sessions with
    /// `extract_if`-like `retain`, a login that panics (`boom`) for a banned user.
    p30a_session_store_sweep {
        pub struct Session { pub id: u32, pub user: &'static str, pub exp: u32 }
        impl Drop for Session {
            fn drop(&mut self) { log(format!("logout {}", self.user)); }
        }
        pub struct Store { pub sessions: Vec<Session>, pub now: u32, pub next: u32 }
        impl Store {
            lower! {
                pub async fn login(&mut self, user: &'static str) -> u32 {
                    if user == "mallory" { boom("banned").await; }
                    step("auth").await;
                    self.next += 1;
                    self.sessions.push(Session { id: self.next, user, exp: self.now + 3 });
                    self.next
                }
            }
            lower! {
                pub async fn tick(&mut self, touch: Option<u32>) {
                    self.now += leaf("clock", 1).await;
                    if let Some(s) = touch.and_then(|id| self.sessions.iter_mut().find(|s| s.id == id)) {
                        s.exp = self.now + 3;
                    }
                    let now = self.now;
                    self.sessions.retain(|s| s.exp > now);
                }
            }
        }
        lower! {
            pub async fn go(evil: bool) -> Vec<&'static str> {
                let mut st = Store { sessions: vec![], now: 0, next: 0 };
                let a = st.login("ann").await;
                st.tick(None).await;
                st.login("bob").await;
                if evil { st.login("mallory").await; }
                for _ in 0..3 { st.tick(Some(a)).await; }
                st.tick(None).await;
                st.sessions.iter().map(|s| s.user).collect()
            }
        }
    }
    run { pair(go(false), go(true)) }
}

twin! {
    /// A histogram builder: numbers bucketed by a width into a `BTreeMap<i32, usize>`,
    /// printed as bars with `format!("{:>4}")` widths, outliers counted separately; data
    /// fetched in pages by a lowered generator-like method.
    p30a_histogram_bars {
        pub struct Source { pub data: Vec<i32>, pub at: usize }
        impl Source {
            lower! {
                pub async fn next_page(&mut self) -> Option<Vec<i32>> {
                    if self.at >= self.data.len() { return None; }
                    let end = (self.at + 4).min(self.data.len());
                    let page = self.data[self.at..end].to_vec();
                    self.at = end;
                    Some(leaf("page", page).await)
                }
            }
        }
        lower! {
            pub async fn histogram(mut src: Source, width: i32) -> Vec<String> {
                let _h = Tracker::new("hist");
                let mut buckets: BTreeMap<i32, usize> = BTreeMap::new();
                let mut outliers = 0;
                while let Some(page) = src.next_page().await {
                    for x in page {
                        if !(0..100).contains(&x) { outliers += 1; continue; }
                        *buckets.entry(x / width * width).or_default() += 1;
                    }
                }
                let mut out: Vec<String> = buckets.iter().map(|(b, n)| format!("{:>4}..{:<4}|{}", b, b + width, "*".repeat(*n))).collect();
                step("render").await;
                out.push(format!("outliers: {outliers}"));
                out
            }
        }
    }
    run { histogram(Source { data: vec![3, 17, 15, 42, -1, 44, 99, 100, 11, 40, 2], at: 0 }, 10) }
}

twin! {
    /// An order shipped by destructuring: `let Order { id, items, customer, .. } = order;`
    /// leaving a tracker field (`_audit`) behind, awaits after; the rest of the order
    /// drops where the native one does.
    p30a_order_destructure_ship {
        pub struct Customer { pub name: String, pub _t: Tracker }
        pub struct Order { pub id: u32, pub items: Vec<&'static str>, pub customer: Customer, pub _audit: Tracker }
        lower! {
            pub async fn ship(order: Order) -> String {
                step("pick").await;
                let Order { id, items, customer, .. } = order;
                let label = leaf("label", format!("#{id} for {}", customer.name)).await;
                drop(customer);
                step("pack").await;
                format!("{label}: {}", items.join("+"))
            }
        }
    }
    run { ship(Order { id: 7, items: vec!["pen", "pad"], customer: Customer { name: "ann".into(), _t: Tracker::new("cust") }, _audit: Tracker::new("audit") }) }
}

twin! {
    /// A message handler: `match msg` on an enum with struct variants, binding some fields
    /// and ignoring the rest (`Msg::Upload { name, data, .. }`), awaits in the arms, the
    /// ignored fields (trackers) dropping with the message.
    p30a_message_struct_variant_rest {
        pub enum Msg { Ping(u32), Upload { name: String, data: Vec<u8>, _lease: Tracker }, Bye { reason: String, _conn: Tracker } }
        lower! {
            pub async fn handle(msg: Msg) -> String {
                match msg {
                    Msg::Ping(n) => format!("pong {}", leaf("pong", n).await),
                    Msg::Upload { name, data, .. } => {
                        step("store").await;
                        format!("{name}: {} bytes", data.len())
                    }
                    Msg::Bye { reason, .. } => { step("bye").await; format!("bye ({reason})") }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let msgs = vec![Msg::Ping(1), Msg::Upload { name: "f".into(), data: vec![1, 2, 3], _lease: Tracker::new("lease") }, Msg::Bye { reason: "done".into(), _conn: Tracker::new("conn") }];
                let mut out = Vec::new();
                for m in msgs {
                    out.push(handle(m).await);
                    step("next").await;
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A recursive-descent parser over a token slice with slice patterns
    /// (`[Tok::Num(n), rest @ ..]`), returning the rest with the value, recursion through
    /// `Box::pin` for parenthesised lists, an await per number.
    p30a_slice_pattern_parser {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Tok { Num(i32), Open, Close, Comma }
        #[derive(Debug)]
        pub enum Node { N(i32), L(Vec<Node>) }
        lower! {
            pub async fn node(ts: &[Tok]) -> Result<(Node, &[Tok]), String> {
                match ts {
                    [Tok::Num(n), rest @ ..] => Ok((Node::N(leaf("num", *n).await), rest)),
                    [Tok::Open, Tok::Close, rest @ ..] => Ok((Node::L(vec![]), rest)),
                    [Tok::Open, inner @ ..] => {
                        let mut rest = inner;
                        let mut kids = Vec::new();
                        loop {
                            let (k, r) = Box::pin(node(rest)).await?;
                            kids.push(k);
                            match r {
                                [Tok::Comma, r @ ..] => rest = r,
                                [Tok::Close, r @ ..] => return Ok((Node::L(kids), r)),
                                other => return Err(format!("expected , or ) at {:?}", other.first())),
                            }
                        }
                    }
                    [t, ..] => Err(format!("unexpected {t:?}")),
                    [] => Err("eof".into()),
                }
            }
        }
        lower! {
            pub async fn parse(ts: &[Tok]) -> Result<Node, String> {
                let _p = Tracker::new("p");
                let (n, rest) = node(ts).await?;
                if !rest.is_empty() { return Err(format!("{} left", rest.len())); }
                Ok(n)
            }
        }
    }
    run {
        use Tok::*;
        pair(pair(parse(leak(vec![Open, Num(1), Comma, Open, Num(2), Comma, Num(3), Close, Comma, Open, Close, Close])), parse(leak(vec![Open, Num(1), Num(2)]))),
             parse(leak(vec![Num(4), Num(5)])))
    }
}

twin! {
    /// A job runner whose current job is held in `Option<Job>`: `if let Some(job) =
    /// self.current.take()` then awaits with the job, a job put back on failure, and a
    /// struct-update `Job { attempts: .., ..job }` moving the rest of the job.
    p30a_runner_take_struct_update {
        pub struct Job { pub name: &'static str, pub attempts: u32, pub _t: Tracker }
        pub struct Runner { pub current: Option<Job>, pub done: Vec<(&'static str, u32)> }
        impl Runner {
            lower! {
                pub async fn step_job(&mut self) -> bool {
                    if let Some(job) = self.current.take() {
                        let ok = leaf(job.name, job.attempts >= 1).await;
                        if ok {
                            self.done.push((job.name, job.attempts));
                            step("done").await;
                        } else {
                            self.current = Some(Job { attempts: job.attempts + 1, ..job });
                        }
                        true
                    } else {
                        false
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<(&'static str, u32)> {
                let mut r = Runner { current: None, done: vec![] };
                for (n, t) in [("build", "t-build"), ("test", "t-test")] {
                    r.current = Some(Job { name: n, attempts: 0, _t: Tracker::new(t) });
                    while r.step_job().await {}
                }
                r.done
            }
        }
    }
    run { go() }
}

twin! {
    /// An undo-able stack calculator where the top of the stack is borrowed mutably
    /// across an await (`if let Some(top) = self.stack.last_mut() { *top += x.await }`), and
    /// `while let Some(top) = stack.last()` loops popping with awaits.
    p30a_stack_last_mut_across_await {
        pub struct Calc { pub stack: Vec<i64>, pub _t: Tracker }
        impl Calc {
            lower! {
                pub async fn add_top(&mut self, x: i64) -> Option<i64> {
                    if let Some(top) = self.stack.last_mut() {
                        *top += leaf("operand", x).await;
                        return Some(*top);
                    }
                    None
                }
            }
            lower! {
                pub async fn drain_big(&mut self, limit: i64) -> Vec<i64> {
                    let mut out = Vec::new();
                    while let Some(&top) = self.stack.last() {
                        if top < limit { break; }
                        step("pop").await;
                        out.push(self.stack.pop().unwrap());
                    }
                    out
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<Option<i64>>, Vec<i64>, Vec<i64>) {
                let mut c = Calc { stack: vec![], _t: Tracker::new("calc") };
                let mut r = vec![c.add_top(1).await];
                c.stack.extend([1, 20, 3]);
                r.push(c.add_top(30).await);
                c.stack.push(50);
                r.push(c.add_top(-1).await);
                let big = c.drain_big(10).await;
                (r, big, c.stack)
            }
        }
    }
    run { go() }
}

twin! {
    /// A splitter returning a tuple of owned halves (`(Vec<Tracker>, Vec<Tracker>)`)
    /// destructured by `let (keep, toss) = split(..).await;`, `toss` dropped early, `keep`
    /// processed with awaits; `partition` on a closure.
    p30a_partition_tuple_destructure {
        lower! {
            pub async fn split(items: Vec<Tracker>) -> (Vec<Tracker>, Vec<Tracker>) {
                step("classify").await;
                items.into_iter().partition(|t| t.name().len() > 1)
            }
        }
        lower! {
            pub async fn go() -> Vec<&'static str> {
                let items = vec![Tracker::new("aa"), Tracker::new("b"), Tracker::new("cc"), Tracker::new("d")];
                let (keep, toss) = split(items).await;
                drop(toss);
                let mut out = Vec::new();
                for t in &keep {
                    out.push(leaf("keep", t.name()).await);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A migration runner: migrations as a `Vec<(u32, &str)>`, a schema version read by an
    /// await, pending ones applied in order with `skip_while`, the first failing SQL
    /// stopping the run with a `Result` carrying the version reached.
    p30a_migration_runner {
        pub struct Db { pub version: u32, pub tables: Vec<String>, pub _t: Tracker }
        impl Db {
            lower! {
                pub async fn exec(&mut self, sql: &str) -> Result<(), String> {
                    step("exec").await;
                    match sql.split_once(' ') {
                        Some(("CREATE", t)) => { self.tables.push(t.to_string()); Ok(()) }
                        Some(("DROP", t)) => {
                            let i = self.tables.iter().position(|x| x == t).ok_or_else(|| format!("no table {t}"))?;
                            self.tables.remove(i);
                            Ok(())
                        }
                        _ => Err(format!("syntax: {sql}")),
                    }
                }
            }
        }
        lower! {
            pub async fn migrate(db: &mut Db, migs: &[(u32, &'static str)]) -> Result<u32, (u32, String)> {
                let current = leaf("version", db.version).await;
                for &(v, sql) in migs.iter().skip_while(|(v, _)| *v <= current) {
                    let _m = Tracker::new("migration");
                    db.exec(sql).await.map_err(|e| (db.version, e))?;
                    db.version = v;
                }
                Ok(db.version)
            }
        }
        lower! {
            pub async fn go() -> (Result<u32, (u32, String)>, Result<u32, (u32, String)>, Vec<String>) {
                let mut db = Db { version: 1, tables: vec!["users".into()], _t: Tracker::new("db") };
                let a = migrate(&mut db, &[(1, "CREATE users"), (2, "CREATE posts"), (3, "CREATE tags")]).await;
                let b = migrate(&mut db, &[(4, "DROP tags"), (5, "DROP nope"), (6, "CREATE x")]).await;
                (a, b, db.tables)
            }
        }
    }
    run { go() }
}

twin! {
    /// An IRC-like command dispatcher: `line.strip_prefix('/')`, `splitn(3, ' ')`, a
    /// `match` on the verb with `if let` guards on the args, channel membership in a
    /// `BTreeMap<String, Vec<String>>`, replies awaited.
    p30a_irc_commands {
        pub struct Server { pub chans: BTreeMap<String, Vec<String>>, pub _t: Tracker }
        impl Server {
            lower! {
                pub async fn handle(&mut self, nick: &str, line: &str) -> String {
                    let Some(cmd) = line.strip_prefix('/') else {
                        return leaf("say", format!("<{nick}> {line}")).await;
                    };
                    let mut parts = cmd.splitn(3, ' ');
                    match (parts.next(), parts.next(), parts.next()) {
                        (Some("join"), Some(ch), None) if ch.starts_with('#') => {
                            let members = self.chans.entry(ch.to_string()).or_default();
                            if members.iter().any(|m| m == nick) { return format!("already in {ch}"); }
                            members.push(nick.to_string());
                            step("join").await;
                            format!("{nick} joined {ch} ({})", self.chans[ch].len())
                        }
                        (Some("part"), Some(ch), _) => match self.chans.get_mut(ch) {
                            Some(m) => { m.retain(|x| x != nick); step("part").await; format!("{nick} left {ch}") }
                            None => format!("no channel {ch}"),
                        },
                        (Some("msg"), Some(to), Some(text)) => format!("-> {to}: {}", leaf("msg", text).await),
                        (Some(v), ..) => format!("unknown /{v}"),
                        (None, ..) => "empty".into(),
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, BTreeMap<String, Vec<String>>) {
                let mut s = Server { chans: BTreeMap::new(), _t: Tracker::new("server") };
                let mut out = Vec::new();
                for (n, l) in [("ann", "/join #rust"), ("bob", "/join #rust"), ("ann", "/join #rust"), ("bob", "hello"), ("ann", "/msg bob hi there"), ("bob", "/part #go"), ("ann", "/part #rust"), ("ann", "/join rust"), ("ann", "/")] {
                    out.push(s.handle(n, l).await);
                }
                (out, std::mem::take(&mut s.chans))
            }
        }
    }
    run { go() }
}

twin! {
    /// A sorted-stream merge with dedup and a cancellation point: two lowered sources
    /// (`&mut self` with `Option::take` of a buffered head), `loop` with a `match` on both
    /// heads, a `boom` source failing halfway in the second run.
    p30a_merge_dedup_two_sources_panic {
        pub struct Src { pub items: Vec<u32>, pub head: Option<u32>, pub fail_at: Option<u32>, pub _t: Tracker }
        impl Src {
            lower! {
                pub async fn peek(&mut self) -> Option<u32> {
                    if self.head.is_none() && !self.items.is_empty() {
                        let v = self.items.remove(0);
                        if self.fail_at == Some(v) { boom("source").await; }
                        self.head = Some(leaf("pull", v).await);
                    }
                    self.head
                }
            }
            pub fn take(&mut self) -> Option<u32> { self.head.take() }
        }
        lower! {
            pub async fn merge(mut a: Src, mut b: Src) -> Vec<u32> {
                let mut out: Vec<u32> = Vec::new();
                loop {
                    let v = match (a.peek().await, b.peek().await) {
                        (None, None) => break,
                        (Some(x), Some(y)) if x <= y => a.take(),
                        (Some(_), None) => a.take(),
                        _ => b.take(),
                    };
                    let v = v.unwrap();
                    if out.last() != Some(&v) { out.push(v); }
                }
                out
            }
        }
    }
    run { pair(
        merge(Src { items: vec![1, 3, 5, 7], head: None, fail_at: None, _t: Tracker::new("a") }, Src { items: vec![2, 3, 6], head: None, fail_at: None, _t: Tracker::new("b") }),
        merge(Src { items: vec![1, 4], head: None, fail_at: None, _t: Tracker::new("c") }, Src { items: vec![2, 3, 9], head: None, fail_at: Some(3), _t: Tracker::new("d") })) }
}

twin! {
    /// An async block per request built inside a lowered loop (`let fut = async { .. };`
    /// then awaited later), each block borrowing the service, plus a closure that formats
    /// results; a tracker per request moved into its block.
    p30a_async_blocks_per_request {
        pub struct Svc { pub prefix: String }
        impl Svc {
            lower! {
                pub async fn call(&self, n: u32) -> String {
                    format!("{}{}", self.prefix, leaf("svc", n).await)
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let svc = Svc { prefix: "r".into() };
                let fmt = |s: String, i: usize| format!("{i}={s}");
                let mut out = Vec::new();
                for i in 0..3u32 {
                    let t = Tracker::new("req");
                    let fut = async {
                        let _t = t;
                        step("pre").await;
                        svc.call(i * 2).await
                    };
                    step("built").await;
                    out.push(fmt(fut.await, i as usize));
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A line protocol with shadowing: `let line = line.trim();`, `let line = match
    /// line.strip_suffix(';') {..}`, a number parsed with `let Ok(n) = .. else { continue }`,
    /// totals per command accumulated in a `BTreeMap`, a `QUIT` returning early.
    p30a_protocol_shadowed_lines {
        lower! {
            pub async fn run(input: &'static str) -> (BTreeMap<&'static str, i64>, usize, bool) {
                let mut totals = BTreeMap::new();
                let mut skipped = 0;
                let _conn = Tracker::new("conn");
                for line in input.split('\n') {
                    let line = line.trim();
                    let line = match line.strip_suffix(';') { Some(l) => l, None => { skipped += 1; continue; } };
                    let line = leaf("recv", line).await;
                    if line == "QUIT" { return (totals, skipped, true); }
                    let Some((cmd, arg)) = line.split_once(' ') else { skipped += 1; continue };
                    let Ok(n) = arg.parse::<i64>() else { skipped += 1; continue };
                    let n = if cmd == "SUB" { -n } else { n };
                    *totals.entry(if cmd == "SUB" { "ADD" } else { cmd }).or_insert(0) += n;
                    step("ack").await;
                }
                (totals, skipped, false)
            }
        }
    }
    run { pair(run("ADD 5;\nSUB 2;\nMUL x;\nADD 1\n  ADD 10;  \nPUT 3;"), run("ADD 1;\nQUIT;\nADD 9;")) }
}

twin! {
    /// Minimal: a by-value parameter matched with a struct-variant pattern binding one
    /// field and leaving a tracker field with `..`, an await in the arm.
    p30a_min_param_struct_variant_rest_await {
        pub enum Msg { Up { name: &'static str, _lease: Tracker }, Ping }
        lower! {
            pub async fn f(m: Msg) -> &'static str {
                match m {
                    Msg::Up { name, .. } => { step("store").await; name }
                    Msg::Ping => "pong",
                }
            }
        }
    }
    run { f(Msg::Up { name: "f", _lease: Tracker::new("lease") }) }
}

twin! {
    /// An email parser: header lines read with `lines.next()` in a `while let` whose body
    /// awaits, stopping at the blank line, then the rest of the iterator gathered with
    /// `lines.collect::<Vec<_>>()` as the body.
    p30a_email_headers_then_collect_body {
        #[derive(Debug)]
        pub struct Email { pub headers: Vec<(String, String)>, pub body: String }
        lower! {
            pub async fn parse(raw: &'static str) -> Email {
                let _m = Tracker::new("mail");
                let mut lines = raw.lines();
                let mut headers = Vec::new();
                while let Some(l) = lines.next() {
                    if l.is_empty() { break; }
                    let (k, v) = l.split_once(": ").unwrap_or((l, ""));
                    headers.push((leaf("hdr", k).await.to_lowercase(), v.to_string()));
                }
                step("body").await;
                let body = lines.collect::<Vec<_>>().join("\n");
                Email { headers, body }
            }
        }
    }
    run { parse("From: a@b\nSubject: hi\nX-Bad\n\nline one\nline two") }
}

twin! {
    /// A generic memo cache `Cache<K, V>` with `impl<K: Ord + Clone, V: Clone>` lowered
    /// methods: `get_or_compute` with an async loader passed as a closure returning a
    /// future, hit/miss stats, a `clear` returning how many entries dropped.
    p30a_generic_cache_loader {
        pub struct Cache<K, V> { pub map: BTreeMap<K, V>, pub hits: u32, pub misses: u32, pub _t: Tracker }
        impl<K: Ord + Clone, V: Clone> Cache<K, V> {
            lower! {
                pub async fn get_or_compute<F, Fut>(&mut self, k: K, load: F) -> V
                where
                    F: FnOnce(K) -> Fut,
                    Fut: Future<Output = V>,
                {
                    if let Some(v) = self.map.get(&k) {
                        self.hits += 1;
                        return v.clone();
                    }
                    self.misses += 1;
                    let v = load(k.clone()).await;
                    self.map.insert(k, v.clone());
                    v
                }
            }
            lower! {
                pub async fn clear(&mut self) -> usize {
                    step("clear").await;
                    let n = self.map.len();
                    self.map.clear();
                    n
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, u32, u32, usize) {
                let mut c: Cache<u32, String> = Cache { map: BTreeMap::new(), hits: 0, misses: 0, _t: Tracker::new("cache") };
                let mut out = Vec::new();
                for k in [3, 1, 3, 2, 1] {
                    out.push(c.get_or_compute(k, |k| async move { leaf("load", format!("v{k}")).await }).await);
                }
                let n = c.clear().await;
                (out, c.hits, c.misses, n)
            }
        }
    }
    run { go() }
}

twin! {
    /// A scanner struct with a lifetime (`Scanner<'a> { src: &'a str }`) whose `&mut self`
    /// lowered methods return `&'a str` words kept across later awaits, a key=value config
    /// parsed with them.
    p30a_scanner_borrowed_words {
        pub struct Scanner<'a> { pub src: &'a str, pub pos: usize }
        impl<'a> Scanner<'a> {
            lower! {
                pub async fn word(&mut self) -> Option<&'a str> {
                    let rest = &self.src[self.pos..];
                    let rest_trim = rest.trim_start();
                    self.pos += rest.len() - rest_trim.len();
                    if rest_trim.is_empty() { return None; }
                    let end = rest_trim.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest_trim.len()).max(1);
                    self.pos += end;
                    step("scan").await;
                    Some(&rest_trim[..end])
                }
            }
        }
        lower! {
            pub async fn pairs(src: &str) -> Result<Vec<(&str, &str)>, String> {
                let mut s = Scanner { src, pos: 0 };
                let mut out = Vec::new();
                while let Some(k) = s.word().await {
                    let eq = s.word().await;
                    let v = s.word().await;
                    match (eq, v) {
                        (Some("="), Some(v)) => out.push((k, leaf("val", v).await)),
                        _ => return Err(format!("bad pair at {k:?}")),
                    }
                }
                Ok(out)
            }
        }
    }
    run { pair(pairs("a = 1 b=2  c =three"), pairs("x = 1 y")) }
}

twin! {
    /// A game loop whose state enum payload is mutated through `&mut self.state` across an
    /// await (`if let Phase::Playing { score, .. } = &mut self.phase { *score += x.await }`),
    /// transitions by assignment, a tracker in the `Playing` payload.
    p30a_game_phase_mut_payload {
        #[derive(Debug)]
        pub enum Phase { Menu, Playing { score: u32, lives: u32, _level: Tracker }, Over(u32) }
        pub struct Game { pub phase: Phase }
        impl Game {
            lower! {
                pub async fn frame(&mut self, input: &str) {
                    if let Phase::Playing { score, lives, .. } = &mut self.phase {
                        match input {
                            "coin" => *score += leaf("coin", 10).await,
                            "hit" => { *lives -= 1; step("ouch").await; }
                            _ => {}
                        }
                        if *lives == 0 {
                            let s = *score;
                            self.phase = Phase::Over(s);
                            step("game over").await;
                        }
                    } else if input == "start" {
                        step("load level").await;
                        self.phase = Phase::Playing { score: 0, lives: 2, _level: Tracker::new("level") };
                    }
                }
            }
        }
        lower! {
            pub async fn play() -> Vec<String> {
                let mut g = Game { phase: Phase::Menu };
                let mut seen = Vec::new();
                for i in ["coin", "start", "coin", "coin", "hit", "coin", "hit", "coin", "start"] {
                    g.frame(i).await;
                    seen.push(format!("{:?}", g.phase));
                }
                seen
            }
        }
    }
    run { play() }
}

twin! {
    /// A task with completion callbacks: `Option<Box<dyn FnOnce(u32) -> String>>` taken with
    /// `.take()` and called after an await, a callback owning a tracker, a second call
    /// finding `None`.
    p30a_callback_take_fnonce {
        pub struct Task { pub id: u32, pub on_done: Option<Box<dyn FnOnce(u32) -> String>> }
        impl Task {
            lower! {
                pub async fn finish(&mut self) -> Option<String> {
                    let r = leaf("work", self.id * 3).await;
                    let cb = self.on_done.take()?;
                    step("notify").await;
                    Some(cb(r))
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<Option<String>> {
                let g = Tracker::new("listener");
                let mut t = Task { id: 4, on_done: Some(Box::new(move |r| format!("{} got {r}", g.name()))) };
                let mut u = Task { id: 5, on_done: None };
                vec![t.finish().await, t.finish().await, u.finish().await]
            }
        }
    }
    run { go() }
}

twin! {
    /// A mailer with `impl Into<String>` and `impl AsRef<str>` parameters, a `&mut dyn
    /// std::fmt::Write` sink passed to a lowered function, and `writeln!` into it after
    /// awaits.
    p30a_mailer_impl_params_dyn_write {
        use std::fmt::Write;
        lower! {
            pub async fn send(out: &mut dyn Write, to: impl Into<String>, subject: impl AsRef<str>, lines: &[&str]) -> usize {
                let to = to.into();
                let ok = leaf("smtp", !to.is_empty()).await;
                if !ok { writeln!(out, "refused: empty recipient").unwrap(); return 0; }
                writeln!(out, "To: {to}\nSubject: {}", subject.as_ref()).unwrap();
                for l in lines {
                    step("line").await;
                    writeln!(out, "> {l}").unwrap();
                }
                lines.len()
            }
        }
        lower! {
            pub async fn go() -> (String, usize) {
                let _t = Tracker::new("outbox");
                let mut buf = String::new();
                let mut n = send(&mut buf, "ann@x", String::from("hello"), &["hi", "bye"]).await;
                n += send(&mut buf, String::new(), "s", &["x"]).await;
                (buf, n)
            }
        }
    }
    run { go() }
}

twin! {
    /// A search over shelves and boxes with labelled loops: `'shelves: loop` over a queue of
    /// shelves, `for` over boxes, a `match` on the box content that `break 'shelves` with
    /// the found item, `continue 'shelves` on a locked shelf, awaits at each level.
    p30a_warehouse_labelled_search {
        pub enum Content { Empty, Item(&'static str, u32), Locked }
        lower! {
            pub async fn find(mut shelves: VecDeque<Vec<Content>>, want: &str) -> Option<(usize, &'static str, u32)> {
                let _s = Tracker::new("search");
                let mut idx = 0;
                let found = 'shelves: loop {
                    let Some(shelf) = shelves.pop_front() else { break None };
                    idx += 1;
                    step("shelf").await;
                    for c in shelf {
                        let _b = Tracker::new("box");
                        match c {
                            Content::Locked => continue 'shelves,
                            Content::Item(name, n) if name == want => break 'shelves Some((idx, name, leaf("count", n).await)),
                            Content::Item(..) | Content::Empty => step("next box").await,
                        }
                    }
                };
                found
            }
        }
    }
    run {
        use Content::*;
        pair(find(VecDeque::from([vec![Empty, Item("bolt", 3)], vec![Locked, Item("nut", 9)], vec![Item("nut", 4), Empty]]), "nut"),
             find(VecDeque::from([vec![Empty]]), "gear"))
    }
}

twin! {
    /// A recursive expression simplifier over `Box<Expr>` with a method taking `self` by
    /// value and matching it (`match self { Expr::Add(a, b) => .. }`), recursion on the
    /// boxes via `Expr::simplify(*a)` through `Box::pin`, an await per rewrite.
    p30a_simplifier_self_by_value {
        #[derive(Debug)]
        pub enum Expr { Num(i32), Var(&'static str), Add(Box<Expr>, Box<Expr>), Mul(Box<Expr>, Box<Expr>) }
        impl Expr {
            lower! {
                pub async fn simplify(self) -> Expr {
                    match self {
                        Expr::Add(a, b) => {
                            let (a, b) = (Box::pin(Expr::simplify(*a)).await, Box::pin(Expr::simplify(*b)).await);
                            match (a, b) {
                                (Expr::Num(0), e) | (e, Expr::Num(0)) => { step("add0").await; e }
                                (Expr::Num(x), Expr::Num(y)) => Expr::Num(leaf("fold", x + y).await),
                                (a, b) => Expr::Add(Box::new(a), Box::new(b)),
                            }
                        }
                        Expr::Mul(a, b) => {
                            let a = Box::pin(Expr::simplify(*a)).await;
                            let b = Box::pin(Expr::simplify(*b)).await;
                            match (a, b) {
                                (Expr::Num(0), _) | (_, Expr::Num(0)) => Expr::Num(0),
                                (Expr::Num(1), e) | (e, Expr::Num(1)) => e,
                                (Expr::Num(x), Expr::Num(y)) => Expr::Num(leaf("fold", x * y).await),
                                (a, b) => Expr::Mul(Box::new(a), Box::new(b)),
                            }
                        }
                        e => e,
                    }
                }
            }
        }
        pub fn n(v: i32) -> Box<Expr> { Box::new(Expr::Num(v)) }
        pub fn v(s: &'static str) -> Box<Expr> { Box::new(Expr::Var(s)) }
    }
    run {
        let e = Expr::Add(Box::new(Expr::Mul(n(1), Box::new(Expr::Add(v("x"), n(0))))), Box::new(Expr::Mul(Box::new(Expr::Add(n(2), n(3))), v("y"))));
        let z = Expr::Mul(v("q"), Box::new(Expr::Add(n(0), n(0))));
        pair(e.simplify(), z.simplify())
    }
}

twin! {
    /// A fetcher using async closures (`async |id| ..`, stable since 1.85): a closure
    /// capturing a client by reference called in a loop, another `async move` closure
    /// owning a tracker, results merged.
    p30a_async_closures_fetcher {
        pub struct Client { pub base: u32, pub _t: Tracker }
        impl Client {
            lower! {
                pub async fn get(&self, id: u32) -> u32 { leaf("get", self.base + id).await }
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, String) {
                let c = Client { base: 100, _t: Tracker::new("client") };
                let fetch = async |id: u32| {
                    let v = c.get(id).await;
                    step("parse").await;
                    v * 2
                };
                let mut out = Vec::new();
                for id in [1, 2, 3] {
                    out.push(fetch(id).await);
                }
                let g = Tracker::new("label");
                let label = async move |n: usize| format!("{}:{n}", leaf("lbl", g.name()).await);
                let s = label(out.len()).await;
                (out, s)
            }
        }
    }
    run { go() }
}

twin! {
    /// Sanity checks inside a workflow written with std macros around awaits:
    /// `assert!(leaf(..).await)`, `assert_eq!(x.await, ..)`, `matches!(s.await, ..)`, and
    /// `write!(out, "{}", x.await)`.
    p30a_std_macros_around_awaits {
        use std::fmt::Write;
        #[derive(Debug, PartialEq)]
        pub enum St { Ready, Busy(u32) }
        lower! {
            pub async fn check() -> String {
                let _t = Tracker::new("check");
                let mut out = String::new();
                assert!(leaf("ping", true).await, "ping failed");
                assert_eq!(leaf("ver", 3).await, 3);
                let busy = matches!(leaf("state", St::Busy(2)).await, St::Busy(n) if n > 1);
                write!(out, "busy={busy} ").unwrap();
                write!(out, "load={}", leaf("load", 7).await).unwrap();
                out
            }
        }
    }
    run { check() }
}

twin! {
    /// A read-through cache written the common way: `let v = if let Some(v) =
    /// self.map.get(&k) { v.clone() } else { let v = load.await; self.map.insert(..); v };`
    /// with a write-behind queue flushed every third write.
    p30a_read_through_write_behind {
        pub struct Store { pub map: BTreeMap<u32, String>, pub dirty: Vec<u32>, pub flushed: Vec<Vec<u32>>, pub _t: Tracker }
        impl Store {
            lower! {
                pub async fn get(&mut self, k: u32) -> String {
                    let v = if let Some(v) = self.map.get(&k) {
                        v.clone()
                    } else {
                        let v = leaf("db", format!("row{k}")).await;
                        self.map.insert(k, v.clone());
                        v
                    };
                    step("serve").await;
                    v
                }
            }
            lower! {
                pub async fn put(&mut self, k: u32, v: &str) {
                    self.map.insert(k, v.to_string());
                    self.dirty.push(k);
                    if self.dirty.len() == 3 {
                        let batch = std::mem::take(&mut self.dirty);
                        step("flush").await;
                        self.flushed.push(batch);
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, Vec<Vec<u32>>, Vec<u32>) {
                let mut s = Store { map: BTreeMap::new(), dirty: vec![], flushed: vec![], _t: Tracker::new("store") };
                let mut got = vec![s.get(1).await];
                s.put(1, "one").await;
                s.put(2, "two").await;
                got.push(s.get(1).await);
                s.put(3, "three").await;
                s.put(4, "four").await;
                got.push(s.get(5).await);
                got.push(s.get(4).await);
                (got, s.flushed, s.dirty)
            }
        }
    }
    run { go() }
}

twin! {
    /// A plugin host: `Vec<Box<dyn Plugin>>` of sync trait objects transforming a request,
    /// called between awaits in a lowered pipeline, a plugin vetoing with `Err`, plugins
    /// owning trackers.
    p30a_plugin_host_dyn_objects {
        pub trait Plugin { fn name(&self) -> &'static str; fn apply(&mut self, req: &mut String) -> Result<(), String>; }
        pub struct Upper(pub Tracker);
        pub struct Counter(pub u32, pub Tracker);
        pub struct Deny(pub &'static str);
        impl Plugin for Upper {
            fn name(&self) -> &'static str { "upper" }
            fn apply(&mut self, req: &mut String) -> Result<(), String> { *req = req.to_uppercase(); Ok(()) }
        }
        impl Plugin for Counter {
            fn name(&self) -> &'static str { "counter" }
            fn apply(&mut self, req: &mut String) -> Result<(), String> { self.0 += 1; req.push_str(&format!("#{}", self.0)); Ok(()) }
        }
        impl Plugin for Deny {
            fn name(&self) -> &'static str { "deny" }
            fn apply(&mut self, req: &mut String) -> Result<(), String> { if req.contains(self.0) { Err(format!("denied {}", self.0)) } else { Ok(()) } }
        }
        lower! {
            pub async fn handle(plugins: &mut [Box<dyn Plugin>], req: &str) -> Result<String, String> {
                let mut r = leaf("recv", req.to_string()).await;
                for p in plugins.iter_mut() {
                    p.apply(&mut r).map_err(|e| format!("{}: {e}", p.name()))?;
                    step(p.name()).await;
                }
                Ok(r)
            }
        }
        lower! {
            pub async fn go() -> Vec<Result<String, String>> {
                let mut ps: Vec<Box<dyn Plugin>> = vec![Box::new(Counter(0, Tracker::new("counter"))), Box::new(Deny("EVIL")), Box::new(Upper(Tracker::new("upper")))];
                let mut out = Vec::new();
                for r in ["hi", "evil", "EVIL", "ok"] {
                    out.push(handle(&mut ps, r).await);
                }
                out
            }
        }
    }
    run { go() }
}
