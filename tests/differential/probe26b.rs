//! Probe round 26b: async code as a C# or JavaScript developer writes it in Rust:
//! try/catch/finally as `match` chains on awaited `Result`s, `?` through `From` between
//! error enums, finally blocks as guard structs or code after a labelled block; `using`
//! scopes (RAII guards) around awaits; cancellation tokens (`Rc<Cell<bool>>`,
//! `Arc<AtomicBool>`) checked between awaits; progress callbacks (`impl FnMut(u32)`,
//! `&dyn Fn(&str)`) and event handlers in `Vec<Box<dyn Fn>>`; WhenAll/WhenAny with the
//! `futures` crate (`join`, `join_all`, `join!`, `select`, `FuturesUnordered`, streams
//! `then`/`buffered`) over lowered calls; async lambdas (boxed closures returning boxed
//! futures, `async move` blocks, `async` closures, stored `Pin<Box<dyn Future>>`); retry
//! loops, hand-written state machines, producer/consumer over `VecDeque` and channels,
//! string building across awaits, and LINQ-like iterator chains around awaits.
use crate::prelude::*;
#[allow(unused_imports)]
use futures::{FutureExt, StreamExt, future::Either};
#[allow(unused_imports)]
use std::cell::{Cell, RefCell};
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display, Write as _};
#[allow(unused_imports)]
use std::rc::Rc;
#[allow(unused_imports)]
use std::sync::Arc;
#[allow(unused_imports)]
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// A network error, as a C# `HttpRequestException`.
#[derive(Debug, Clone, PartialEq)]
pub enum P26NetError {
    Timeout(u32),
    Refused(&'static str),
}

/// The application error every layer converts into with `?`.
#[derive(Debug)]
pub enum P26AppError {
    Net(P26NetError),
    Parse(String),
    Cancelled,
    Other(String),
}

impl From<P26NetError> for P26AppError {
    fn from(e: P26NetError) -> Self {
        log(format!("convert {e:?}"));
        P26AppError::Net(e)
    }
}

impl From<std::num::ParseIntError> for P26AppError {
    fn from(e: std::num::ParseIntError) -> Self {
        P26AppError::Parse(e.to_string())
    }
}

impl Display for P26NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            P26NetError::Timeout(ms) => write!(f, "timeout after {ms}ms"),
            P26NetError::Refused(host) => write!(f, "refused by {host}"),
        }
    }
}

impl std::error::Error for P26NetError {}

/// A `using` resource: logs its disposal.
pub struct P26Using {
    pub name: &'static str,
    pub _t: Tracker,
}

impl P26Using {
    pub fn open(name: &'static str) -> P26Using {
        log(format!("open {name}"));
        P26Using { name, _t: Tracker(name) }
    }
}

impl Drop for P26Using {
    fn drop(&mut self) {
        log(format!("dispose {}", self.name));
    }
}

twin! {
    /// `match fetch().await { Ok(v) => .., Err(e) => .. }` as try/catch, both arms taken.
    p26b_try_catch_match {
        lower! {
            pub async fn fetch(n: u32) -> Result<u32, P26NetError> {
                let v = leaf("fetch", n).await;
                if v % 2 == 0 { Ok(v * 10) } else { Err(P26NetError::Timeout(v)) }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let _t = Tracker::new("scope");
                let mut out = Vec::new();
                for n in 1..=4 {
                    match fetch(n).await {
                        Ok(v) => out.push(format!("ok {v}")),
                        Err(e) => {
                            log(format!("catch {e}"));
                            out.push(format!("err {e:?}"));
                        }
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A chain of try/catch: the second call fails, the catch arm awaits a fallback.
    p26b_try_catch_chain_fallback {
        lower! {
            pub async fn get(host: &'static str, ok: bool) -> Result<String, P26NetError> {
                step(host).await;
                if ok { Ok(format!("<{host}>")) } else { Err(P26NetError::Refused(host)) }
            }
        }
        lower! {
            pub async fn f() -> String {
                let first = match get("a", true).await {
                    Ok(s) => s,
                    Err(e) => return format!("a failed: {e}"),
                };
                let second = match get("b", false).await {
                    Ok(s) => s,
                    Err(e) => {
                        let _g = Tracker::new("fallback");
                        log(format!("catch {e}"));
                        get("mirror", true).await.unwrap_or_default()
                    }
                };
                format!("{first}{second}")
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` converting `P26NetError` into `P26AppError` through `From`, with a tracker alive.
    p26b_question_from_conversion {
        lower! {
            pub async fn connect(ok: bool) -> Result<u32, P26NetError> {
                let v = leaf("connect", 7).await;
                if ok { Ok(v) } else { Err(P26NetError::Timeout(v)) }
            }
        }
        lower! {
            pub async fn f(ok: bool) -> Result<u32, P26AppError> {
                let _conn = Tracker::new("conn");
                let a = connect(true).await?;
                let _t2 = Tracker::new("t2");
                let b = connect(ok).await?;
                step("after").await;
                Ok(a + b)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// finally as a guard struct: dispose runs on success, on `?` and on early return.
    p26b_finally_guard_paths {
        lower! {
            pub async fn op(k: u32) -> Result<u32, P26NetError> {
                let _u = P26Using::open("conn");
                let v = leaf("op", k).await;
                if v == 0 {
                    return Ok(0);
                }
                if v > 5 {
                    Err(P26NetError::Timeout(v))?;
                }
                step("work").await;
                Ok(v + 1)
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<u32, P26NetError>> {
                vec![op(0).await, op(3).await, op(9).await]
            }
        }
    }
    run { f() }
}

twin! {
    /// finally after a labelled block: `let r = 'body: { .. break 'body Err(..) .. };
    /// cleanup().await; r`.
    p26b_labelled_block_finally {
        lower! {
            pub async fn cleanup(name: &'static str) {
                step(name).await;
                log(format!("cleanup {name}"));
            }
        }
        lower! {
            pub async fn f(fail_at: u32) -> Result<u32, String> {
                let _outer = Tracker::new("outer");
                let r = 'body: {
                    let _inner = Tracker::new("inner");
                    let a = leaf("a", 1).await;
                    if fail_at == 1 {
                        break 'body Err(format!("failed at {a}"));
                    }
                    let b = leaf("b", 2).await;
                    if fail_at == 2 {
                        break 'body Err(format!("failed at {b}"));
                    }
                    Ok(a + b)
                };
                cleanup("c").await;
                r
            }
        }
    }
    run { async { (f(1).await, f(2).await, f(0).await) } }
}

twin! {
    /// A labelled block broken from inside a `for` loop with an await in the loop.
    p26b_labelled_block_break_from_loop {
        lower! {
            pub async fn f(items: Vec<u32>) -> (Option<u32>, u32) {
                let mut seen = 0;
                let found = 'search: {
                    let _scan = Tracker::new("scan");
                    for x in items {
                        let _item = Tracker::new("item");
                        let v = leaf("check", x).await;
                        seen += 1;
                        if v > 10 {
                            break 'search Some(v);
                        }
                    }
                    None
                };
                step("finally").await;
                (found, seen)
            }
        }
    }
    run { pair(f(vec![3, 12, 40]), f(vec![1, 2])) }
}

twin! {
    /// A nested try/catch: the inner catch retries once, the outer catch logs.
    p26b_nested_try_catch {
        lower! {
            pub async fn attempt(n: u32) -> Result<u32, P26NetError> {
                let v = leaf("attempt", n).await;
                if v < 3 { Err(P26NetError::Timeout(v)) } else { Ok(v) }
            }
        }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                match async_inner(n).await {
                    Ok(v) => v,
                    Err(e) => {
                        log(format!("outer catch {e}"));
                        0
                    }
                }
            }
        }
        lower! {
            pub async fn async_inner(n: u32) -> Result<u32, P26NetError> {
                match attempt(n).await {
                    Ok(v) => Ok(v),
                    Err(P26NetError::Timeout(t)) => {
                        log(format!("inner retry after {t}"));
                        attempt(n + 1).await
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }
    run { async { (f(1).await, f(2).await, f(5).await) } }
}

twin! {
    /// `if let Err(e) = op().await { return Err(e.into()) }` then the happy path.
    p26b_if_let_err_return_into {
        lower! {
            pub async fn op(ok: bool) -> Result<(), P26NetError> {
                step("op").await;
                if ok { Ok(()) } else { Err(P26NetError::Refused("db")) }
            }
        }
        lower! {
            pub async fn f(ok: bool) -> Result<u32, P26AppError> {
                let t = Tracker::new("t");
                if let Err(e) = op(ok).await {
                    log(format!("failed: {e}"));
                    return Err(e.into());
                }
                let n = leaf("n", 4).await;
                drop(t);
                Ok(n)
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// An error that owns a tracker, propagated by `?` through two lowered layers.
    p26b_error_owning_tracker {
        lower! {
            pub async fn inner(fail: bool) -> Result<Tracker, (Tracker, u32)> {
                let t = Tracker::new("res");
                step("inner").await;
                if fail { Err((t, 1)) } else { Ok(t) }
            }
        }
        lower! {
            pub async fn outer(fail: bool) -> Result<u32, (Tracker, u32)> {
                let _g = Tracker::new("g");
                let r = inner(fail).await?;
                step("outer").await;
                log(format!("got {}", r.name()));
                Ok(2)
            }
        }
    }
    run { pair(outer(true), outer(false)) }
}

twin! {
    /// finally on panic: a guard alive when an awaited `boom` panics.
    p26b_finally_guard_on_panic {
        lower! {
            pub async fn f() -> u32 {
                let _u = P26Using::open("file");
                let a = leaf("a", 1).await;
                let _v = P26Using::open("lock");
                let b = boom("explode").await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// Guarded match arms on an awaited result with nested error patterns.
    p26b_match_guards_on_result {
        lower! {
            pub async fn f(r: Result<u32, P26NetError>) -> String {
                let _t = Tracker::new("t");
                let s = match leaf("r", r).await {
                    Ok(v) if v > 3 => format!("big {}", leaf("big", v).await),
                    Ok(v) => format!("small {v}"),
                    Err(P26NetError::Timeout(ms)) if ms < 50 => {
                        step("retry").await;
                        "retried".to_string()
                    }
                    Err(e) => format!("gave up: {e}"),
                };
                step("end").await;
                s
            }
        }
    }
    run {
        async {
            (
                f(Ok(5)).await,
                f(Ok(1)).await,
                f(Err(P26NetError::Timeout(10))).await,
                f(Err(P26NetError::Refused("x"))).await,
            )
        }
    }
}

twin! {
    /// `?` inside a `for` loop collecting results, the first failure stops the loop.
    p26b_question_in_loop_collect {
        lower! {
            pub async fn parse_one(s: &'static str) -> Result<u32, P26AppError> {
                step("parse").await;
                Ok(s.parse()?)
            }
        }
        lower! {
            pub async fn f(items: Vec<&'static str>) -> Result<Vec<u32>, P26AppError> {
                let mut out = vec![];
                let _t = Tracker::new("batch");
                for s in items {
                    let _i = Tracker::new("item");
                    out.push(parse_one(s).await?);
                }
                Ok(out)
            }
        }
    }
    run { pair(f(vec!["1", "2"]), f(vec!["3", "x", "4"])) }
}

twin! {
    /// `Box<dyn Error>` return with `?` from a custom error and from `ParseIntError`.
    p26b_box_dyn_error {
        lower! {
            pub async fn f(k: u32) -> Result<u32, Box<dyn std::error::Error>> {
                let _t = Tracker::new("t");
                if leaf("k", k).await == 1 {
                    Err(P26NetError::Refused("api"))?;
                }
                let n: u32 = leaf("s", if k == 2 { "zz" } else { "41" }).await.parse()?;
                Ok(n + 1)
            }
        }
        lower! {
            pub async fn g() -> Vec<String> {
                let mut v = vec![];
                for k in 1..=3 {
                    v.push(match f(k).await {
                        Ok(n) => n.to_string(),
                        Err(e) => e.to_string(),
                    });
                }
                v
            }
        }
    }
    run { g() }
}

twin! {
    /// `let v = match op().await { Ok(v) => v, Err(e) => { cleanup().await; return Err(e) } }`.
    p26b_catch_cleanup_then_return {
        lower! {
            pub async fn op(k: u32) -> Result<u32, P26NetError> {
                let v = leaf("op", k).await;
                if v == 0 { Err(P26NetError::Timeout(0)) } else { Ok(v) }
            }
        }
        lower! {
            pub async fn f(k: u32) -> Result<u32, P26NetError> {
                let held = Tracker::new("held");
                let v = match op(k).await {
                    Ok(v) => v,
                    Err(e) => {
                        step("cleanup").await;
                        log(format!("cleaned {}", held.name()));
                        return Err(e);
                    }
                };
                step("work").await;
                Ok(v * 2)
            }
        }
    }
    run { pair(f(0), f(4)) }
}

twin! {
    /// `Option` with `?` across awaits (a "null-conditional" chain).
    p26b_option_question_chain {
        pub struct User {
            pub name: String,
            pub manager: Option<Box<User>>,
        }
        lower! {
            pub async fn find(id: u32) -> Option<User> {
                step("find").await;
                match id {
                    1 => Some(User { name: "ann".into(), manager: Some(Box::new(User { name: "bob".into(), manager: None })) }),
                    2 => Some(User { name: "cid".into(), manager: None }),
                    _ => None,
                }
            }
        }
        lower! {
            pub async fn manager_name(id: u32) -> Option<String> {
                let _t = Tracker::new("t");
                let u = find(id).await?;
                let m = u.manager?;
                step("format").await;
                Some(format!("{} -> {}", u.name, m.name))
            }
        }
    }
    run { async { (manager_name(1).await, manager_name(2).await, manager_name(3).await) } }
}

twin! {
    /// Iterator `collect::<Result<Vec<_>, _>>()?` between awaits.
    p26b_collect_result_between_awaits {
        lower! {
            pub async fn f(raw: &'static str) -> Result<u32, P26AppError> {
                let _t = Tracker::new("t");
                let text = leaf("read", raw).await;
                let nums = text.split(',').map(|s| s.trim().parse::<u32>()).collect::<Result<Vec<_>, _>>()?;
                step("sum").await;
                Ok(nums.iter().sum())
            }
        }
    }
    run { pair(f("1, 2,3"), f("4,x")) }
}

twin! {
    /// Error enum with `From` for two sources and a `match` on the converted error.
    p26b_from_two_sources_match {
        lower! {
            pub async fn step_a(k: u32) -> Result<u32, P26NetError> {
                step("a").await;
                if k == 1 { Err(P26NetError::Refused("a")) } else { Ok(k) }
            }
        }
        lower! {
            pub async fn run(k: u32) -> Result<u32, P26AppError> {
                let a = step_a(k).await?;
                let b: u32 = leaf("b", if k == 2 { "q" } else { "3" }).await.parse()?;
                Ok(a + b)
            }
        }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut kinds = vec![];
                for k in 1..=3 {
                    let _t = Tracker::new("k");
                    kinds.push(match run(k).await {
                        Ok(_) => "ok",
                        Err(P26AppError::Net(_)) => "net",
                        Err(P26AppError::Parse(_)) => "parse",
                        Err(_) => "other",
                    });
                }
                kinds
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested `using` scopes around awaits: disposal in reverse order at each scope end.
    p26b_nested_using_scopes {
        lower! {
            pub async fn f() -> u32 {
                let mut total = 0;
                {
                    let _db = P26Using::open("db");
                    total += leaf("q1", 1).await;
                    {
                        let _tx = P26Using::open("tx");
                        total += leaf("q2", 2).await;
                    }
                    total += leaf("q3", 3).await;
                }
                step("after").await;
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// A `using` guard moved into a callee lowered fn that awaits and disposes it there.
    p26b_using_moved_into_callee {
        lower! {
            pub async fn consume(u: P26Using, n: u32) -> u32 {
                step("consume").await;
                log(format!("consuming {}", u.name));
                n + 1
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let a = P26Using::open("a");
                let b = P26Using::open("b");
                let x = consume(b, leaf("n", 1).await).await;
                step("mid").await;
                let y = consume(a, x).await;
                y
            }
        }
    }
    run { f() }
}

twin! {
    /// A cancellation token (`Rc<Cell<bool>>`) checked between awaits; a progress
    /// callback cancels at the third item.
    p26b_cancel_token_rc_cell {
        lower! {
            pub async fn process(items: Vec<u32>, token: Rc<Cell<bool>>, mut progress: impl FnMut(u32)) -> Result<u32, P26AppError> {
                let _g = Tracker::new("process");
                let mut sum = 0;
                for (i, x) in items.into_iter().enumerate() {
                    if token.get() {
                        log("cancelled");
                        return Err(P26AppError::Cancelled);
                    }
                    sum += leaf("item", x).await;
                    progress(i as u32 + 1);
                }
                Ok(sum)
            }
        }
        lower! {
            pub async fn f() -> Result<u32, P26AppError> {
                let token = Rc::new(Cell::new(false));
                let t2 = token.clone();
                let r = process(vec![1, 2, 3, 4, 5], token, move |p| {
                    log(format!("progress {p}"));
                    if p == 3 {
                        t2.set(true);
                    }
                })
                .await;
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A token struct with `is_cancelled()`, cancelled from inside the loop by a handler.
    p26b_cancel_token_struct_method {
        #[derive(Clone, Default)]
        pub struct Token(Rc<Cell<bool>>);
        impl Token {
            pub fn cancel(&self) {
                log("cancel requested");
                self.0.set(true);
            }
            pub fn is_cancelled(&self) -> bool {
                self.0.get()
            }
        }
        lower! {
            pub async fn poll_loop(token: Token) -> u32 {
                let _t = Tracker::new("loop");
                let mut ticks = 0;
                while !token.is_cancelled() {
                    let v = leaf("tick", ticks).await;
                    ticks += 1;
                    if v == 3 {
                        token.cancel();
                    }
                }
                step("exit").await;
                ticks
            }
        }
    }
    run { poll_loop(Token::default()) }
}

twin! {
    /// A progress callback `&mut dyn FnMut(u32)` called between awaits.
    p26b_progress_dyn_fnmut {
        lower! {
            pub async fn download(chunks: u32, progress: &mut dyn FnMut(u32)) -> u32 {
                let mut got = 0;
                for c in 0..chunks {
                    got += leaf("chunk", c + 1).await;
                    progress(got);
                }
                got
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut seen = vec![];
                let n = download(4, &mut |p| seen.push(p)).await;
                step("done").await;
                (n, seen)
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduced from p26b_progress_dyn_fnmut: an awaited call given `&mut |p| seen.push(p)`.
    p26b_progress_dyn_fnmut_min {
        lower! {
            pub async fn run(cb: &mut dyn FnMut(u32)) {
                step("s").await;
                cb(1);
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut seen = vec![];
                run(&mut |p| seen.push(p)).await;
                seen
            }
        }
    }
    run { f() }
}

twin! {
    /// A logger `&dyn Fn(&str)` borrowed across awaits.
    p26b_logger_dyn_fn_str {
        lower! {
            pub async fn handshake(logger: &dyn Fn(&str), host: &'static str) -> bool {
                logger("connecting");
                let ok = leaf(host, host.len() > 2).await;
                logger(if ok { "connected" } else { "refused" });
                step("settle").await;
                ok
            }
        }
        lower! {
            pub async fn f() -> (bool, bool) {
                let prefix = String::from("net");
                let logger = |m: &str| log(format!("{prefix}: {m}"));
                let _t = Tracker::new("t");
                (handshake(&logger, "abc").await, handshake(&logger, "x").await)
            }
        }
    }
    run { f() }
}

twin! {
    /// Event handlers in a `Vec<Box<dyn Fn(&str, u32)>>` raised after each await.
    p26b_event_handlers_vec_box {
        pub struct Emitter {
            pub handlers: Vec<Box<dyn Fn(&str, u32)>>,
        }
        impl Emitter {
            pub fn raise(&self, ev: &str, v: u32) {
                for h in &self.handlers {
                    h(ev, v);
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let total = Rc::new(Cell::new(0));
                let t2 = total.clone();
                let mut em = Emitter { handlers: Vec::new() };
                em.handlers.push(Box::new(|e, v| log(format!("h1 {e} {v}"))));
                em.handlers.push(Box::new(move |_, v| t2.set(t2.get() + v)));
                for name in ["start", "data", "end"] {
                    let v = leaf(name, name.len() as u32).await;
                    em.raise(name, v);
                }
                step("after").await;
                total.get()
            }
        }
    }
    run { f() }
}

twin! {
    /// Handlers added and removed (`retain`) between awaits; handlers own trackers.
    p26b_event_handlers_remove_retain {
        lower! {
            pub async fn f() -> usize {
                let mut handlers: Vec<(u32, Box<dyn Fn(u32)>)> = Vec::new();
                for id in 0..3 {
                    let t = Tracker::new(["h0", "h1", "h2"][id as usize]);
                    handlers.push((id, Box::new(move |v| log(format!("{} got {v}", t.name())))));
                    step("add").await;
                }
                for (_, h) in &handlers {
                    h(leaf("v", 7).await);
                }
                handlers.retain(|(id, _)| id % 2 == 0);
                step("removed").await;
                for (id, h) in handlers.iter() {
                    h(*id);
                }
                handlers.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// An `IProgress<T>`-like trait object reported through while awaiting.
    p26b_progress_trait_object {
        pub trait Progress {
            fn report(&self, pct: u32);
        }
        pub struct Console(pub RefCell<Vec<u32>>);
        impl Progress for Console {
            fn report(&self, pct: u32) {
                log(format!("{pct}%"));
                self.0.borrow_mut().push(pct);
            }
        }
        lower! {
            pub async fn copy(total: u32, progress: Option<&dyn Progress>) -> u32 {
                let mut done = 0;
                while done < total {
                    done += leaf("copy", 25).await;
                    if let Some(p) = progress {
                        p.report(done * 100 / total);
                    }
                }
                done
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, Vec<u32>) {
                let c = Console(RefCell::new(vec![]));
                let a = copy(100, Some(&c)).await;
                let b = copy(50, None).await;
                (a, b, c.0.into_inner())
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduced from p26b_progress_trait_object: a local lent to an awaited call whose
    /// output is bound by `let`, then a field of the local moved out (`(n, h.0)`).
    p26b_progress_trait_object_min {
        lower! {
            pub async fn len(h: &(String, u32)) -> usize {
                step("s").await;
                h.0.len()
            }
        }
        lower! {
            pub async fn f() -> (usize, String) {
                let h = (String::from("ab"), 1);
                let n = len(&h).await;
                (n, h.0)
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard borrowing `&mut Vec<String>` held across awaits; its drop pushes a line.
    p26b_guard_borrowing_mut_vec {
        pub struct Section<'a> {
            pub out: &'a mut Vec<String>,
            pub name: &'static str,
        }
        impl Drop for Section<'_> {
            fn drop(&mut self) {
                log(format!("end {}", self.name));
                self.out.push(format!("</{}>", self.name));
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut out = vec![];
                {
                    let s = Section { out: &mut out, name: "body" };
                    s.out.push("<body>".into());
                    let v = leaf("text", "hi").await;
                    s.out.push(v.to_string());
                    step("flush").await;
                }
                step("after").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard holding `Rc<RefCell<Vec<String>>>` created in a loop, dropped each
    /// iteration, with an early `return` in the middle.
    p26b_guard_rc_refcell_loop_return {
        pub struct Scope(pub Rc<RefCell<Vec<String>>>, pub u32);
        impl Drop for Scope {
            fn drop(&mut self) {
                self.0.borrow_mut().push(format!("exit {}", self.1));
                log(format!("exit {}", self.1));
            }
        }
        lower! {
            pub async fn f(stop: u32) -> Vec<String> {
                let journal = Rc::new(RefCell::new(vec![]));
                for i in 0..4 {
                    let _s = Scope(journal.clone(), i);
                    journal.borrow_mut().push(format!("enter {i}"));
                    let v = leaf("work", i).await;
                    if v == stop {
                        let j = journal.borrow().clone();
                        return j;
                    }
                }
                step("end").await;
                let j = journal.borrow().clone();
                j
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// A guard returned out of the lowered fn (disposed by the caller).
    p26b_guard_returned_to_caller {
        lower! {
            pub async fn acquire(name: &'static str) -> P26Using {
                let tmp = Tracker::new("tmp");
                step(name).await;
                let u = P26Using::open(name);
                step("ready").await;
                drop(tmp);
                u
            }
        }
        lower! {
            pub async fn f() -> &'static str {
                let a = acquire("a").await;
                let n = {
                    let b = acquire("b").await;
                    b.name
                };
                step("use").await;
                log(format!("still have {}", a.name));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A cancellation token and a timeout counter combined: whichever trips first.
    p26b_cancel_or_timeout {
        lower! {
            pub async fn f(cancel_at: u32, budget: u32) -> Result<u32, String> {
                let token = Rc::new(Cell::new(false));
                let _t = Tracker::new("op");
                let mut elapsed = 0;
                let mut acc = 0;
                loop {
                    if token.get() {
                        break Err(format!("cancelled at {acc}"));
                    }
                    if elapsed >= budget {
                        break Err(format!("timeout at {elapsed}"));
                    }
                    acc += leaf("work", 2).await;
                    elapsed += 1;
                    if acc >= cancel_at {
                        token.set(true);
                    }
                    if acc > 100 {
                        break Ok(acc);
                    }
                }
            }
        }
    }
    run { async { (f(4, 10).await, f(100, 2).await) } }
}

twin! {
    /// Events queued in a `VecDeque<Box<dyn FnOnce() -> String>>` and run after awaits.
    p26b_queued_fnonce_events {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut q: VecDeque<Box<dyn FnOnce() -> String>> = VecDeque::new();
                let t = Tracker::new("owned");
                q.push_back(Box::new(move || format!("ran with {}", t.name())));
                let n = leaf("n", 3).await;
                q.push_back(Box::new(move || format!("n = {n}")));
                let mut out = vec![];
                while let Some(job) = q.pop_front() {
                    step("dispatch").await;
                    out.push(job());
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A progress callback `impl FnMut(u32)` moved into a struct held across awaits.
    p26b_progress_in_struct_generic {
        pub struct Reporter<F: FnMut(u32)> {
            pub f: F,
            pub calls: u32,
        }
        impl<F: FnMut(u32)> Reporter<F> {
            pub fn report(&mut self, v: u32) {
                self.calls += 1;
                (self.f)(v);
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("cap");
                let mut r = Reporter { f: move |v| log(format!("{} {v}", t.name())), calls: 0 };
                for i in 0..3 {
                    r.report(leaf("p", i * 10).await);
                }
                step("end").await;
                r.calls
            }
        }
    }
    run { f() }
}

twin! {
    /// Cancellation observed mid-`match`: the arm checks the token after its await.
    p26b_cancel_checked_in_match_arm {
        lower! {
            pub async fn f(token: Rc<Cell<bool>>) -> Vec<String> {
                let mut out = vec![];
                for cmd in ["read", "cancel", "write", "read"] {
                    let _c = Tracker::new("cmd");
                    match cmd {
                        "read" => out.push(leaf("read", "data").await.to_string()),
                        "cancel" => {
                            step("cancel").await;
                            token.set(true);
                        }
                        _ => {
                            let v = leaf("write", 1).await;
                            if token.get() {
                                out.push(format!("write {v} skipped"));
                                break;
                            }
                        }
                    }
                }
                out
            }
        }
    }
    run { f(Rc::new(Cell::new(false))) }
}

twin! {
    /// `Vec<Box<dyn FnMut(u32) -> u32>>` middleware applied to each awaited value.
    p26b_fnmut_pipeline_vec {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut count = 0;
                let mut stages: Vec<Box<dyn FnMut(u32) -> u32>> = vec![
                    Box::new(|x| x + 1),
                    Box::new(move |x| {
                        count += 1;
                        x * count
                    }),
                ];
                let mut out = vec![];
                for i in 0..3 {
                    let mut v = leaf("src", i).await;
                    for s in stages.iter_mut() {
                        v = s(v);
                    }
                    out.push(v);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// WhenAll of two lowered calls with `futures::future::join` inside a lowered fn.
    p26b_when_all_join_two {
        lower! {
            pub async fn fetch(name: &'static str, n: u32) -> (Tracker, u32) {
                let t = Tracker::new(name);
                let v = leaf(name, n).await;
                step(name).await;
                (t, v * 2)
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let ((ta, a), (tb, b)) = futures::future::join(fetch("a", 1), fetch("b", 2)).await;
                step("sum").await;
                drop(tb);
                log(format!("keep {}", ta.name()));
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `join_all` over a `Vec` of lowered calls built by `map`.
    p26b_when_all_join_all_map {
        lower! {
            pub async fn square(x: u32) -> u32 {
                let _t = Tracker::new("sq");
                leaf("sq", x).await * x
            }
        }
        lower! {
            pub async fn f(xs: Vec<u32>) -> (Vec<u32>, u32) {
                let results = futures::future::join_all(xs.iter().map(|&x| square(x))).await;
                let total = results.iter().sum::<u32>() + leaf("extra", 1).await;
                (results, total)
            }
        }
    }
    run { f(vec![1, 2, 3, 4]) }
}

twin! {
    /// `futures::join!` of three lowered calls of different output types.
    p26b_join_macro_three {
        lower! {
            pub async fn num() -> u32 {
                leaf("num", 5).await
            }
        }
        lower! {
            pub async fn text() -> String {
                let _t = Tracker::new("text");
                step("text").await;
                "hi".to_string()
            }
        }
        lower! {
            pub async fn flag() -> bool {
                leaf("flag", true).await
            }
        }
        lower! {
            pub async fn f() -> String {
                let _g = Tracker::new("g");
                let (n, s, b) = futures::join!(num(), text(), flag());
                step("after").await;
                format!("{n} {s} {b}")
            }
        }
    }
    run { f() }
}

twin! {
    /// WhenAny with `futures::future::select`: the loser is dropped (its tracker logs).
    p26b_when_any_select_drop_loser {
        lower! {
            pub async fn racer(name: &'static str, steps: u32) -> &'static str {
                let _t = Tracker::new(name);
                for _ in 0..steps {
                    step(name).await;
                }
                name
            }
        }
        lower! {
            pub async fn f() -> String {
                let a = Box::pin(racer("fast", 1));
                let b = Box::pin(racer("slow", 4));
                let s = match futures::future::select(a, b).await {
                    Either::Left((w, _rest)) => format!("left {w}"),
                    Either::Right((w, _rest)) => format!("right {w}"),
                };
                step("after").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// WhenAny then await the remaining future: both results are used.
    p26b_when_any_then_finish_rest {
        lower! {
            pub async fn job(name: &'static str, v: u32) -> u32 {
                let _t = Tracker::new(name);
                step(name).await;
                leaf(name, v).await
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let first = Box::pin(job("a", 1));
                let second = Box::pin(job("b", 2));
                match futures::future::select(first, second).await {
                    Either::Left((a, rest)) => (a, rest.await),
                    Either::Right((b, rest)) => (rest.await, b),
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A timeout race: the operation against a "delay" of steps; the op wins or loses.
    p26b_timeout_race_select {
        lower! {
            pub async fn delay(ticks: u32) {
                for _ in 0..ticks {
                    step("tick").await;
                }
            }
        }
        lower! {
            pub async fn op(work: u32) -> u32 {
                let _conn = Tracker::new("conn");
                for i in 0..work {
                    step("op").await;
                    log(format!("op {i}"));
                }
                work
            }
        }
        lower! {
            pub async fn with_timeout(work: u32, ticks: u32) -> Result<u32, P26NetError> {
                match futures::future::select(Box::pin(op(work)), Box::pin(delay(ticks))).await {
                    Either::Left((v, _)) => Ok(v),
                    Either::Right(((), _)) => Err(P26NetError::Timeout(ticks)),
                }
            }
        }
    }
    run { pair(with_timeout(1, 3), with_timeout(4, 1)) }
}

twin! {
    /// `try_join` of two fallible lowered calls with `?`: the error drops the other.
    p26b_try_join_question {
        lower! {
            pub async fn get(name: &'static str, ok: bool) -> Result<u32, P26NetError> {
                let _t = Tracker::new(name);
                step(name).await;
                if ok { Ok(name.len() as u32) } else { Err(P26NetError::Refused(name)) }
            }
        }
        lower! {
            pub async fn f(ok: bool) -> Result<u32, P26AppError> {
                let _g = Tracker::new("g");
                let (a, b) = futures::future::try_join(get("alpha", true), get("be", ok)).await?;
                step("after").await;
                Ok(a + b)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `try_join_all` over lowered calls, `?` on the joined result.
    p26b_try_join_all {
        lower! {
            pub async fn check(n: u32) -> Result<u32, String> {
                let v = leaf("check", n).await;
                if v == 3 { Err(format!("bad {v}")) } else { Ok(v * 10) }
            }
        }
        lower! {
            pub async fn f(ns: Vec<u32>) -> Result<u32, String> {
                let _t = Tracker::new("batch");
                let vs = futures::future::try_join_all(ns.into_iter().map(check)).await?;
                Ok(vs.into_iter().sum())
            }
        }
    }
    run { pair(f(vec![1, 2]), f(vec![1, 3, 4])) }
}

twin! {
    /// `select_all` over boxed lowered calls: the first ready one, the rest kept and joined.
    p26b_select_all_rest_joined {
        lower! {
            pub async fn task(i: u32) -> u32 {
                let _t = Tracker::new("task");
                for _ in 0..i {
                    step("t").await;
                }
                i
            }
        }
        lower! {
            pub async fn f() -> (u32, usize, Vec<u32>) {
                let futs = vec![Box::pin(task(3)), Box::pin(task(1)), Box::pin(task(2))];
                let (first, idx, rest) = futures::future::select_all(futs).await;
                let others = futures::future::join_all(rest).await;
                (first, idx, others)
            }
        }
    }
    run { f() }
}

twin! {
    /// `FuturesUnordered` of lowered calls drained with `while let Some(..) = next().await`.
    p26b_futures_unordered_drain {
        lower! {
            pub async fn work(id: u32) -> (u32, Tracker) {
                let t = Tracker::new("w");
                for _ in 0..id {
                    step("w").await;
                }
                (id, t)
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut set = futures::stream::FuturesUnordered::new();
                for id in [2, 0, 1] {
                    set.push(work(id));
                }
                let mut done = vec![];
                while let Some((id, t)) = set.next().await {
                    log(format!("completed {id} {}", t.name()));
                    done.push(id);
                }
                done
            }
        }
    }
    run { f() }
}

twin! {
    /// `stream::iter(..).then(lowered).collect()`: sequential async map (LINQ Select).
    p26b_stream_iter_then_collect {
        lower! {
            pub async fn double(x: u32) -> u32 {
                step("d").await;
                x * 2
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let _t = Tracker::new("t");
                let v = futures::stream::iter(1..=4).then(double).collect::<Vec<_>>().await;
                step("end").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `stream::iter(..).map(lowered).buffered(2)`: ordered concurrency with a limit.
    p26b_stream_buffered_two {
        lower! {
            pub async fn load(x: u32) -> String {
                let _t = Tracker::new("load");
                leaf("load", x).await;
                step("parse").await;
                format!("#{x}")
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                futures::stream::iter(vec![1, 2, 3]).map(load).buffered(2).collect().await
            }
        }
    }
    run { f() }
}

twin! {
    /// `filter_map` on a stream with an async closure block and `fold` over the results.
    p26b_stream_filter_map_fold {
        lower! {
            pub async fn is_ok(x: u32) -> bool {
                leaf("is_ok", x % 2 == 1).await
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let _t = Tracker::new("t");
                let s = futures::stream::iter(1..=5)
                    .filter_map(|x| async move { if is_ok(x).await { Some(x * x) } else { None } })
                    .fold(0, |acc, x| async move { acc + x })
                    .await;
                step("after").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// Lowered fns awaiting each other in a chain, each with a tracker.
    p26b_lowered_chain_three_levels {
        lower! {
            pub async fn c(x: u32) -> u32 {
                let _t = Tracker::new("c");
                leaf("c", x + 1).await
            }
        }
        lower! {
            pub async fn b(x: u32) -> u32 {
                let _t = Tracker::new("b");
                let y = c(x).await;
                c(y).await * 2
            }
        }
        lower! {
            pub async fn a() -> u32 {
                let _t = Tracker::new("a");
                b(1).await + b(leaf("x", 10).await).await
            }
        }
    }
    run { a() }
}

twin! {
    /// `join` where one side panics: the other side's trackers drop during unwinding.
    p26b_join_one_panics {
        lower! {
            pub async fn ok_side() -> u32 {
                let _t = Tracker::new("ok");
                step("ok1").await;
                step("ok2").await;
                1
            }
        }
        lower! {
            pub async fn bad_side() -> u32 {
                let _t = Tracker::new("bad");
                step("bad").await;
                boom("bad").await
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let (a, b) = futures::future::join(ok_side(), bad_side()).await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `join3` of lowered calls borrowing the same local by shared reference.
    p26b_join3_shared_borrow {
        lower! {
            pub async fn count(words: &[String], min: usize) -> usize {
                step("count").await;
                words.iter().filter(|w| w.len() >= min).count()
            }
        }
        lower! {
            pub async fn f() -> (usize, usize, usize) {
                let words: Vec<String> = leaf("words", "a bb ccc dddd").await.split(' ').map(String::from).collect();
                let _t = Tracker::new("t");
                futures::future::join3(count(&words, 1), count(&words, 2), count(&words, 4)).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `buffer_unordered` of lowered calls, results sorted afterwards (LINQ OrderBy).
    p26b_buffer_unordered_sorted {
        lower! {
            pub async fn item(x: u32) -> u32 {
                for _ in 0..(x % 3) {
                    step("i").await;
                }
                x * 3
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v: Vec<u32> = futures::stream::iter(1..=5).map(item).buffer_unordered(3).collect().await;
                v.sort();
                step("sorted").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `select` inside a loop: keep the unfinished side and race it again with a new tick.
    p26b_select_loop_keep_pending {
        lower! {
            pub async fn long_op() -> u32 {
                let _t = Tracker::new("long");
                for _ in 0..3 {
                    step("long").await;
                }
                42
            }
        }
        lower! {
            pub async fn tick(i: u32) -> u32 {
                step("tick").await;
                i
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut op = Box::pin(long_op());
                let mut ticks = 0;
                loop {
                    match futures::future::select(op, Box::pin(tick(ticks))).await {
                        Either::Left((v, _)) => break (v, ticks),
                        Either::Right((_, rest)) => {
                            ticks += 1;
                            op = rest;
                        }
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::stream::unfold` driving a lowered "page" fetch until no next page.
    p26b_stream_unfold_pages {
        lower! {
            pub async fn page(n: u32) -> (Vec<u32>, Option<u32>) {
                let _t = Tracker::new("page");
                step("page").await;
                (vec![n * 10, n * 10 + 1], if n < 2 { Some(n + 1) } else { None })
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let pages = futures::stream::unfold(Some(0), |next| async move {
                    let n = next?;
                    let (items, nxt) = page(n).await;
                    Some((items, nxt))
                });
                let all: Vec<Vec<u32>> = pages.collect().await;
                step("flatten").await;
                all.into_iter().flatten().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `join_all` of lowered methods on `&self` of one struct.
    p26b_join_all_methods_shared_self {
        pub struct Client {
            pub base: String,
            pub _t: Tracker,
        }
        impl Client {
            lower! {
                pub async fn get(&self, path: &'static str) -> String {
                    step(path).await;
                    format!("{}/{}", self.base, path)
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let c = Client { base: leaf("base", "http://x").await.to_string(), _t: Tracker::new("client") };
                let paths = ["a", "b", "c"];
                futures::future::join_all(paths.iter().map(|p| c.get(p))).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::select_biased!` on fused lowered calls in a loop.
    p26b_select_biased_macro {
        lower! {
            pub async fn a() -> u32 {
                step("a").await;
                1
            }
        }
        lower! {
            pub async fn b() -> u32 {
                step("b1").await;
                step("b2").await;
                2
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let _t = Tracker::new("t");
                let fa = a().fuse();
                let fb = b().fuse();
                futures::pin_mut!(fa, fb);
                let mut got = vec![];
                loop {
                    futures::select_biased! {
                        x = fa => got.push(x),
                        y = fb => got.push(y * 10),
                        complete => break,
                    }
                }
                got
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec<Box<dyn Fn(u32) -> Pin<Box<dyn Future<Output = u32>>>>>` of async lambdas
    /// wrapping lowered calls, invoked in a loop.
    p26b_async_lambda_vec_boxed {
        lower! {
            pub async fn add(x: u32, k: u32) -> u32 {
                step("add").await;
                x + k
            }
        }
        lower! {
            pub async fn mul(x: u32, k: u32) -> u32 {
                let _t = Tracker::new("mul");
                leaf("mul", x).await * k
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let ops: Vec<Box<dyn Fn(u32) -> Pin<Box<dyn Future<Output = u32>>>>> = vec![
                    Box::new(|x| Box::pin(add(x, 1))),
                    Box::new(|x| Box::pin(mul(x, 3))),
                    Box::new(|x| Box::pin(async move { x - 2 })),
                ];
                let mut v = 2;
                for op in &ops {
                    v = op(v).await;
                    log(format!("v = {v}"));
                }
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure returning an `async move` block that awaits a lowered call, called twice.
    p26b_closure_returning_async_move {
        lower! {
            pub async fn fetch(id: u32) -> String {
                step("fetch").await;
                format!("item{id}")
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let prefix = String::from(">");
                let get = |id| {
                    let p = prefix.clone();
                    async move {
                        let s = fetch(id).await;
                        format!("{p}{s}")
                    }
                };
                let _t = Tracker::new("t");
                let a = get(1).await;
                let b = get(leaf("id", 2).await).await;
                vec![a, b]
            }
        }
    }
    run { f() }
}

twin! {
    /// `async` closures (`async |x| ..`) capturing a counter by reference, called in a loop.
    p26b_async_closure_counter {
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut calls = 0;
                let _t = Tracker::new("t");
                let mut bump = async |x: u32| {
                    calls += 1;
                    leaf("bump", x * 2).await
                };
                let mut sum = 0;
                for i in 1..=3 {
                    sum += bump(i).await;
                }
                (sum, calls)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Box::pin(async move { .. })` stored in a struct field and awaited later.
    p26b_stored_pinned_future_field {
        pub struct Pending {
            pub label: &'static str,
            pub fut: Pin<Box<dyn Future<Output = u32>>>,
        }
        lower! {
            pub async fn compute(x: u32) -> u32 {
                let _t = Tracker::new("compute");
                leaf("compute", x).await + 1
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("captured");
                let p = Pending {
                    label: "job",
                    fut: Box::pin(async move {
                        let v = compute(4).await;
                        log(format!("inside with {}", t.name()));
                        v
                    }),
                };
                step("before").await;
                log(format!("awaiting {}", p.label));
                let v = p.fut.await;
                step("after").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A stored future never awaited: dropped with its captured tracker at scope end.
    p26b_stored_future_never_awaited {
        lower! {
            pub async fn f(run_it: bool) -> u32 {
                let t = Tracker::new("cap");
                let fut = Box::pin(async move {
                    step("inner").await;
                    t.name().len() as u32
                });
                step("outer").await;
                if run_it {
                    fut.await
                } else {
                    step("skip").await;
                    0
                }
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// A `HashMap<&str, Box<dyn Fn(u32) -> Pin<Box<dyn Future<..>>>>>` route table.
    p26b_route_table_async_handlers {
        lower! {
            pub async fn users(id: u32) -> String {
                step("users").await;
                format!("user {id}")
            }
        }
        lower! {
            pub async fn orders(id: u32) -> String {
                let _t = Tracker::new("orders");
                leaf("orders", format!("order {id}")).await
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut routes: HashMap<&str, Box<dyn Fn(u32) -> Pin<Box<dyn Future<Output = String>>>>> = HashMap::new();
                routes.insert("/users", Box::new(|id| Box::pin(users(id))));
                routes.insert("/orders", Box::new(|id| Box::pin(orders(id))));
                let mut out = vec![];
                for (path, id) in [("/users", 1), ("/nope", 2), ("/orders", 3)] {
                    match routes.get(path) {
                        Some(h) => out.push(h(id).await),
                        None => out.push(format!("404 {path}")),
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic retry helper `F: FnMut(u32) -> Fut` taking an async lambda.
    p26b_generic_retry_helper {
        lower! {
            pub async fn retry<F, Fut>(mut op: F, max: u32) -> Result<u32, String>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<u32, String>>,
            {
                let _t = Tracker::new("retry");
                let mut last = String::new();
                for attempt in 1..=max {
                    match op(attempt).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            log(format!("attempt {attempt}: {e}"));
                            last = e;
                            step("backoff").await;
                        }
                    }
                }
                Err(last)
            }
        }
        lower! {
            pub async fn flaky(attempt: u32, ok_at: u32) -> Result<u32, String> {
                step("flaky").await;
                if attempt >= ok_at { Ok(attempt * 100) } else { Err(format!("fail {attempt}")) }
            }
        }
    }
    run { async { (retry(|a| flaky(a, 2), 3).await, retry(|a| flaky(a, 9), 2).await) } }
}

twin! {
    /// A lowered fn taking `impl AsyncFn(u32) -> u32` and calling it twice.
    p26b_impl_async_fn_param {
        lower! {
            pub async fn twice(f: impl AsyncFn(u32) -> u32, x: u32) -> u32 {
                let _t = Tracker::new("twice");
                let a = f(x).await;
                step("mid").await;
                f(a).await
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let k = leaf("k", 3).await;
                twice(async |v| leaf("inner", v + k).await, 1).await
            }
        }
    }
    run { g() }
}

twin! {
    /// A `Vec<Pin<Box<dyn Future>>>` of heterogeneous async blocks awaited in order.
    p26b_vec_of_boxed_async_blocks {
        lower! {
            pub async fn f() -> u32 {
                let t1 = Tracker::new("t1");
                let t2 = Tracker::new("t2");
                let futs: Vec<Pin<Box<dyn Future<Output = u32>>>> = vec![
                    Box::pin(async move {
                        step("one").await;
                        t1.name().len() as u32
                    }),
                    Box::pin(async { leaf("two", 20).await }),
                    Box::pin(async move {
                        let _keep = t2;
                        boom("three").await
                    }),
                ];
                let mut total = 0;
                for fu in futs {
                    total += fu.await;
                    log(format!("total {total}"));
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// An async lambda capturing an `Rc<RefCell<Vec<_>>>` and pushing after its await.
    p26b_async_lambda_shared_state {
        lower! {
            pub async fn f() -> Vec<String> {
                let seen = Rc::new(RefCell::new(vec![]));
                let record = |name: &'static str| {
                    let seen = seen.clone();
                    async move {
                        let v = leaf(name, name.to_uppercase()).await;
                        seen.borrow_mut().push(v);
                    }
                };
                record("a").await;
                let pending = record("b");
                record("c").await;
                pending.await;
                step("end").await;
                let out = seen.borrow().clone();
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct with a boxed callback returning a future (`on_message` handler).
    p26b_struct_async_callback_field {
        pub struct Socket {
            pub on_message: Box<dyn Fn(String) -> Pin<Box<dyn Future<Output = usize>>>>,
            pub _t: Tracker,
        }
        lower! {
            pub async fn handle(msg: String) -> usize {
                step("handle").await;
                log(format!("handled {msg}"));
                msg.len()
            }
        }
        lower! {
            pub async fn f() -> usize {
                let s = Socket { on_message: Box::new(|m| Box::pin(handle(m))), _t: Tracker::new("sock") };
                let mut total = 0;
                for m in ["hi", "there"] {
                    let incoming = leaf("recv", m.to_string()).await;
                    total += (s.on_message)(incoming).await;
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// An async closure returning `Result`, used with `?` in the enclosing lowered fn.
    p26b_async_closure_question {
        lower! {
            pub async fn f(bad: u32) -> Result<u32, P26NetError> {
                let _t = Tracker::new("t");
                let call = async |x: u32| {
                    let v = leaf("call", x).await;
                    if v == bad { Err(P26NetError::Timeout(v)) } else { Ok(v) }
                };
                let a = call(1).await?;
                let b = call(2).await?;
                Ok(a + b)
            }
        }
    }
    run { pair(f(2), f(5)) }
}

twin! {
    /// `Box<dyn FnOnce() -> Pin<Box<dyn Future>>>` continuation called after an await.
    p26b_fnonce_continuation {
        lower! {
            pub async fn then_do(k: Box<dyn FnOnce(u32) -> Pin<Box<dyn Future<Output = String>>>>) -> String {
                let v = leaf("v", 5).await;
                let _t = Tracker::new("mid");
                k(v).await
            }
        }
        lower! {
            pub async fn f() -> String {
                let owned = Tracker::new("owned");
                then_do(Box::new(move |v| {
                    Box::pin(async move {
                        step("k").await;
                        format!("{} {v}", owned.name())
                    })
                }))
                .await
            }
        }
    }
    run { f() }
}

twin! {
    /// An immediately awaited async block inside a lowered fn (an "IIFE").
    p26b_async_block_iife {
        lower! {
            pub async fn f(x: u32) -> u32 {
                let t = Tracker::new("t");
                let y = async {
                    let _i = Tracker::new("inner");
                    step("inner").await;
                    x * 2
                }
                .await;
                let z = async move {
                    step("moved").await;
                    drop(t);
                    y + 1
                }
                .await;
                step("end").await;
                z
            }
        }
    }
    run { f(4) }
}

twin! {
    /// `async` closure called through a generic `AsyncFnMut` helper accumulating state.
    p26b_async_fnmut_helper {
        lower! {
            pub async fn each(xs: Vec<u32>, mut f: impl AsyncFnMut(u32)) {
                for x in xs {
                    let _t = Tracker::new("each");
                    f(x).await;
                }
            }
        }
        lower! {
            pub async fn g() -> Vec<u32> {
                let mut acc = vec![];
                each(vec![3, 1, 2], async |x| {
                    let v = leaf("v", x * 10).await;
                    acc.push(v);
                })
                .await;
                step("end").await;
                acc
            }
        }
    }
    run { g() }
}

twin! {
    /// A lazily started "task": a pinned future in an `Option` field of a struct
    /// with a lowered `&mut self` method that starts and finishes it.
    p26b_lazy_task_struct_method {
        pub struct Lazy {
            pub fut: Option<Pin<Box<dyn Future<Output = u32>>>>,
            pub result: Option<u32>,
        }
        impl Lazy {
            lower! {
                pub async fn get(&mut self) -> u32 {
                    if let Some(v) = self.result {
                        step("cached").await;
                        return v;
                    }
                    let fut = self.fut.take().unwrap();
                    let v = fut.await;
                    self.result = Some(v);
                    v
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let t = Tracker::new("t");
                let mut l = Lazy { fut: Some(Box::pin(async move { leaf("init", t.name().len() as u32).await })), result: None };
                let a = l.get().await;
                let b = l.get().await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A retry loop with a counter and early exit on success.
    p26b_retry_loop_counter {
        lower! {
            pub async fn send(attempt: u32) -> Result<u32, P26NetError> {
                let v = leaf("send", attempt).await;
                if v < 3 { Err(P26NetError::Timeout(v * 10)) } else { Ok(v) }
            }
        }
        lower! {
            pub async fn f(max: u32) -> Result<u32, P26NetError> {
                let _conn = Tracker::new("conn");
                let mut attempt = 0;
                loop {
                    attempt += 1;
                    let _a = Tracker::new("attempt");
                    match send(attempt).await {
                        Ok(v) => return Ok(v),
                        Err(e) if attempt < max => {
                            log(format!("retry after {e}"));
                            step("delay").await;
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
        }
    }
    run { pair(f(5), f(2)) }
}

twin! {
    /// A retry with exponential backoff computed between awaits and `break` with a value.
    p26b_retry_backoff_break_value {
        lower! {
            pub async fn f(fail_times: u32) -> (u32, u32) {
                let mut delay = 1;
                let mut tries = 0;
                let v = loop {
                    tries += 1;
                    let r = leaf("try", tries > fail_times).await;
                    if r {
                        break tries * 7;
                    }
                    for _ in 0..delay {
                        step("wait").await;
                    }
                    delay *= 2;
                    if delay > 8 {
                        break 0;
                    }
                };
                (v, delay)
            }
        }
    }
    run { pair(f(2), f(10)) }
}

twin! {
    /// A hand-written state machine `loop { state = match state { .. } }` in a lowered fn.
    p26b_hand_state_machine {
        #[derive(Debug)]
        pub enum State {
            Connect,
            Auth(u32),
            Fetch { session: u32, page: u32 },
            Done(Vec<u32>),
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut state = State::Connect;
                let mut acc = vec![];
                loop {
                    log(format!("state {state:?}"));
                    state = match state {
                        State::Connect => {
                            step("connect").await;
                            State::Auth(leaf("token", 9).await)
                        }
                        State::Auth(tok) => State::Fetch { session: tok + 1, page: 0 },
                        State::Fetch { session, page } if page < 2 => {
                            acc.push(leaf("page", session * 10 + page).await);
                            State::Fetch { session, page: page + 1 }
                        }
                        State::Fetch { .. } => State::Done(std::mem::take(&mut acc)),
                        State::Done(v) => break v,
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A state machine whose states own trackers, moved from state to state.
    p26b_state_machine_owning_trackers {
        pub enum Conn {
            Idle(Tracker),
            Open(Tracker, u32),
            Closing(Tracker),
        }
        lower! {
            pub async fn f(fail: bool) -> u32 {
                let mut s = Conn::Idle(Tracker::new("socket"));
                let mut n = 0;
                loop {
                    s = match s {
                        Conn::Idle(t) => {
                            step("open").await;
                            Conn::Open(t, 0)
                        }
                        Conn::Open(t, k) if k < 2 => {
                            let v = leaf("io", k).await;
                            n += v;
                            if fail && k == 1 {
                                let _ = boom("io").await;
                            }
                            Conn::Open(t, k + 1)
                        }
                        Conn::Open(t, _) => Conn::Closing(t),
                        Conn::Closing(t) => {
                            step("close").await;
                            log(format!("closed {}", t.name()));
                            break n;
                        }
                    };
                }
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// Producer/consumer over a `VecDeque`: the producer pushes across awaits and the
    /// consumer drains until empty.
    p26b_producer_consumer_vecdeque {
        lower! {
            pub async fn produce(q: &mut VecDeque<(u32, Tracker)>, n: u32) {
                for i in 0..n {
                    let v = leaf("produce", i * 2).await;
                    q.push_back((v, Tracker::new("msg")));
                }
            }
        }
        lower! {
            pub async fn consume(q: &mut VecDeque<(u32, Tracker)>) -> u32 {
                let mut sum = 0;
                while let Some((v, t)) = q.pop_front() {
                    step("consume").await;
                    sum += v;
                    drop(t);
                }
                sum
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::new();
                produce(&mut q, 3).await;
                let a = consume(&mut q).await;
                produce(&mut q, 2).await;
                let _last = q.pop_back();
                a + consume(&mut q).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::channel::mpsc` with a lowered producer and a lowered consumer joined.
    p26b_mpsc_join_producer_consumer {
        lower! {
            pub async fn producer(mut tx: futures::channel::mpsc::Sender<u32>) {
                use futures::SinkExt;
                for i in 0..4 {
                    let v = leaf("make", i).await;
                    tx.send(v).await.unwrap();
                }
                log("producer done");
            }
        }
        lower! {
            pub async fn consumer(mut rx: futures::channel::mpsc::Receiver<u32>) -> Vec<u32> {
                let _t = Tracker::new("consumer");
                let mut out = vec![];
                while let Some(v) = rx.next().await {
                    step("handle").await;
                    out.push(v * 10);
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let (tx, rx) = futures::channel::mpsc::channel(1);
                let ((), out) = futures::future::join(producer(tx), consumer(rx)).await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `oneshot` channel: the sender is completed after awaits, the lowered receiver
    /// awaits it; a dropped sender gives `Canceled`.
    p26b_oneshot_tcs_like {
        lower! {
            pub async fn complete_later(tx: futures::channel::oneshot::Sender<String>, ok: bool) {
                let _t = Tracker::new("tcs");
                step("work").await;
                if ok {
                    tx.send("result".to_string()).unwrap();
                }
                step("after send").await;
            }
        }
        lower! {
            pub async fn f(ok: bool) -> String {
                let (tx, rx) = futures::channel::oneshot::channel();
                let (_, r) = futures::future::join(complete_later(tx, ok), rx).await;
                match r {
                    Ok(s) => s,
                    Err(e) => format!("{e}"),
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// An unbounded `mpsc` filled before the consumer runs, with a tracker per message.
    p26b_mpsc_unbounded_trackers {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let (tx, mut rx) = futures::channel::mpsc::unbounded();
                for name in ["m1", "m2", "m3"] {
                    step("send").await;
                    tx.unbounded_send(Tracker::new(name)).unwrap();
                }
                drop(tx);
                let mut names = vec![];
                while let Some(t) = rx.next().await {
                    step("recv").await;
                    if t.name() == "m2" {
                        continue;
                    }
                    names.push(t.name());
                }
                names
            }
        }
    }
    run { f() }
}

twin! {
    /// String building with `push_str`, `write!` and `format!` across awaits.
    p26b_string_builder_write {
        lower! {
            pub async fn f(items: Vec<(&'static str, u32)>) -> String {
                let mut sb = String::from("[");
                for (i, (name, qty)) in items.iter().enumerate() {
                    if i > 0 {
                        sb.push_str(", ");
                    }
                    let price = leaf("price", qty * 3).await;
                    write!(sb, "{name}x{qty}={price}").unwrap();
                }
                sb.push(']');
                let total = leaf("total", items.len()).await;
                sb + &format!(" ({total} items)")
            }
        }
    }
    run { f(vec![("apple", 2), ("pear", 5)]) }
}

twin! {
    /// `format!` whose arguments are awaits, with width and named arguments.
    p26b_format_args_awaited {
        lower! {
            pub async fn f() -> String {
                let _t = Tracker::new("t");
                let name = leaf("name", "bob").await;
                let s = format!("{:>6}|{:<4}|{n:03}", name, leaf("age", 42).await, n = leaf("n", 7).await);
                step("end").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `writeln!` into a `String` inside a `match` over awaited lines (a report builder).
    p26b_report_writeln_match {
        lower! {
            pub async fn f() -> String {
                let mut out = String::new();
                writeln!(out, "report").unwrap();
                for k in 0..4 {
                    match leaf("row", k % 3).await {
                        0 => writeln!(out, "{k}: zero").unwrap(),
                        1 => {
                            let extra = leaf("extra", k * 11).await;
                            writeln!(out, "{k}: one {extra}").unwrap()
                        }
                        _ => out.push_str("other\n"),
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// LINQ-like chain: `filter`/`map`/`collect` on awaited data, then awaits per item.
    p26b_linq_filter_map_then_await {
        lower! {
            pub async fn price(id: u32) -> u32 {
                leaf("price", id * 5).await
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, u32) {
                let ids = leaf("ids", vec![1, 2, 3, 4, 5, 6]).await;
                let evens = ids.iter().filter(|&&x| x % 2 == 0).map(|x| x * 10).collect::<Vec<_>>();
                let mut total = 0;
                for id in &evens {
                    total += price(*id).await;
                }
                (evens, total)
            }
        }
    }
    run { f() }
}

twin! {
    /// `zip`, `enumerate` and `rev` iterators driving a `for` with awaits.
    p26b_linq_zip_enumerate_rev {
        lower! {
            pub async fn f() -> Vec<String> {
                let keys = vec!["a", "b", "c"];
                let vals = leaf("vals", vec![1, 2, 3]).await;
                let mut out = vec![];
                for (i, (k, v)) in keys.iter().zip(vals.iter()).enumerate().rev() {
                    let _t = Tracker::new("row");
                    let w = leaf("w", v * 2).await;
                    out.push(format!("{i}:{k}={w}"));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// GroupBy with a `BTreeMap` entry API on awaited categories.
    p26b_linq_group_by_btreemap {
        lower! {
            pub async fn category(word: &'static str) -> char {
                step("cat").await;
                word.chars().next().unwrap()
            }
        }
        lower! {
            pub async fn f() -> Vec<(char, Vec<&'static str>)> {
                let mut groups: BTreeMap<char, Vec<&'static str>> = BTreeMap::new();
                for w in ["apple", "bean", "avocado", "beet", "corn"] {
                    groups.entry(category(w).await).or_default().push(w);
                }
                step("done").await;
                groups.into_iter().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A work queue with retries requeued to the back of a `VecDeque`.
    p26b_work_queue_requeue {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut q: VecDeque<(&'static str, u32)> = VecDeque::from(vec![("a", 0), ("b", 0), ("c", 0)]);
                let mut done = vec![];
                while let Some((job, tries)) = q.pop_front() {
                    let _t = Tracker::new("job");
                    let ok = leaf(job, job != "b" || tries >= 2).await;
                    if ok {
                        done.push(format!("{job}@{tries}"));
                    } else {
                        step("requeue").await;
                        q.push_back((job, tries + 1));
                    }
                }
                done
            }
        }
    }
    run { f() }
}

twin! {
    /// A "TaskCompletionSource" done by hand: a shared `Rc<RefCell<Option<u32>>>` set by
    /// one lowered fn and polled by another in a `join`.
    p26b_shared_slot_polled {
        lower! {
            pub async fn setter(slot: Rc<RefCell<Option<u32>>>) {
                step("s1").await;
                step("s2").await;
                *slot.borrow_mut() = Some(99);
                log("set");
            }
        }
        lower! {
            pub async fn waiter(slot: Rc<RefCell<Option<u32>>>) -> (u32, u32) {
                let mut spins = 0;
                loop {
                    if let Some(v) = *slot.borrow() {
                        break (v, spins);
                    }
                    spins += 1;
                    step("spin").await;
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let slot = Rc::new(RefCell::new(None));
                let ((), r) = futures::future::join(setter(slot.clone()), waiter(slot)).await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A retry helper taking an async closure, with a cancellation token checked per try.
    p26b_retry_async_closure_token {
        lower! {
            pub async fn f(token: Rc<Cell<bool>>) -> Result<u32, P26AppError> {
                let _t = Tracker::new("op");
                let try_once = async |n: u32| -> Result<u32, P26NetError> {
                    let v = leaf("try", n).await;
                    if v < 4 { Err(P26NetError::Timeout(v)) } else { Ok(v) }
                };
                let mut n = 0;
                loop {
                    if token.get() {
                        return Err(P26AppError::Cancelled);
                    }
                    n += 1;
                    match try_once(n).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            log(format!("{e}"));
                            if n == 2 {
                                token.set(leaf("cancel?", false).await);
                            }
                        }
                    }
                }
            }
        }
    }
    run { f(Rc::new(Cell::new(false))) }
}

twin! {
    /// A parser state machine over characters, awaiting a "read" per token.
    p26b_tokenizer_state_machine {
        #[derive(Clone, Copy, PartialEq, Debug)]
        pub enum Mode {
            Start,
            Num,
            Word,
        }
        lower! {
            pub async fn f(src: &'static str) -> Vec<String> {
                let mut mode = Mode::Start;
                let mut cur = String::new();
                let mut toks = vec![];
                for c in src.chars().chain(std::iter::once(' ')) {
                    let next = if c.is_ascii_digit() { Mode::Num } else if c.is_alphabetic() { Mode::Word } else { Mode::Start };
                    if next != mode && !cur.is_empty() {
                        let tag = leaf("emit", if mode == Mode::Num { "n" } else { "w" }).await;
                        toks.push(format!("{tag}:{}", std::mem::take(&mut cur)));
                    }
                    if next != Mode::Start {
                        cur.push(c);
                    }
                    mode = next;
                }
                toks
            }
        }
    }
    run { f("ab12 c3") }
}

twin! {
    /// An event-loop style `while let Some(ev) = queue.pop_front()` where handlers push
    /// new events, with awaits in some arms.
    p26b_event_loop_pushes_events {
        #[derive(Debug)]
        pub enum Ev {
            Click(u32),
            Load(&'static str),
            Render,
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut q = VecDeque::from(vec![Ev::Click(1), Ev::Load("home")]);
                let mut out = vec![];
                let _loop = Tracker::new("loop");
                while let Some(ev) = q.pop_front() {
                    log(format!("ev {ev:?}"));
                    match ev {
                        Ev::Click(n) if n < 3 => {
                            step("click").await;
                            q.push_back(Ev::Click(n + 1));
                        }
                        Ev::Click(_) => q.push_back(Ev::Render),
                        Ev::Load(page) => {
                            let body = leaf("load", page.len()).await;
                            out.push(format!("{page}:{body}"));
                            q.push_back(Ev::Render);
                        }
                        Ev::Render => out.push("render".to_string()),
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Result` chaining with `and_then`/`unwrap_or_else` on awaited values.
    p26b_result_combinators_awaited {
        lower! {
            pub async fn f(a: &'static str) -> u32 {
                let _t = Tracker::new("t");
                let parsed = leaf("read", a).await.parse::<u32>().map_err(|e| e.to_string());
                let checked = parsed.and_then(|v| if v > 100 { Err("too big".to_string()) } else { Ok(v) });
                let v = checked.unwrap_or_else(|e| {
                    log(format!("default because {e}"));
                    1
                });
                v + leaf("add", 10).await
            }
        }
    }
    run { async { (f("5").await, f("500").await, f("?").await) } }
}

twin! {
    /// A `Defer` guard holding a closure that logs a captured `&Cell` at drop (finally).
    p26b_defer_closure_guard {
        pub struct Defer<F: FnMut()>(pub F);
        impl<F: FnMut()> Drop for Defer<F> {
            fn drop(&mut self) {
                (self.0)();
            }
        }
        lower! {
            pub async fn f(fail: bool) -> Result<u32, P26NetError> {
                let progress = Cell::new(0);
                let _finally = Defer(|| log(format!("finally at {}", progress.get())));
                progress.set(leaf("a", 1).await);
                if fail {
                    return Err(P26NetError::Refused("x"));
                }
                progress.set(leaf("b", 2).await);
                Ok(progress.get())
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Awaits in a struct literal's fields around a tracker field; a later field panics.
    p26b_struct_literal_partial_panic {
        #[derive(Debug)]
        pub struct Response {
            pub status: u32,
            pub body: Tracker,
            pub len: u32,
        }
        lower! {
            pub async fn f(fail: bool) -> Response {
                let _req = Tracker::new("req");
                Response {
                    status: leaf("status", 200).await,
                    body: Tracker::new("body"),
                    len: if fail { boom("len").await } else { leaf("len", 5).await },
                }
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `vec![..]` of trackers with an awaited element in the middle, then consumed.
    p26b_vec_macro_tracker_await_middle {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("a"), leaf("b", Tracker::new("b")).await, Tracker::new("c")];
                step("after").await;
                let n = v.iter().filter(|t| t.name() != "b").count();
                drop(v);
                step("end").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Ok(v) = op().await else { .. return }` (a guard clause) with trackers alive.
    p26b_let_else_guard_clause {
        lower! {
            pub async fn op(k: u32) -> Result<u32, P26NetError> {
                step("op").await;
                if k > 0 { Ok(k) } else { Err(P26NetError::Timeout(k)) }
            }
        }
        lower! {
            pub async fn f(k: u32) -> String {
                let _t = Tracker::new("t");
                let Ok(v) = op(k).await else {
                    step("else").await;
                    return "failed".to_string();
                };
                let Some(w) = leaf("w", v.checked_sub(1)).await else {
                    return "zero".into();
                };
                format!("{v} {w}")
            }
        }
    }
    run { async { (f(0).await, f(1).await, f(3).await) } }
}

twin! {
    /// `match (a.await, b.await)` on a tuple of awaited results (try both, catch either).
    p26b_match_tuple_of_awaits {
        lower! {
            pub async fn get(name: &'static str, ok: bool) -> Result<u32, P26NetError> {
                let _t = Tracker::new(name);
                step(name).await;
                if ok { Ok(1) } else { Err(P26NetError::Refused(name)) }
            }
        }
        lower! {
            pub async fn f(x: bool, y: bool) -> String {
                match (get("x", x).await, get("y", y).await) {
                    (Ok(a), Ok(b)) => format!("both {}", a + b),
                    (Err(e), Ok(_)) | (Ok(_), Err(e)) => format!("one failed: {e}"),
                    (Err(a), Err(b)) => format!("both failed: {a}, {b}"),
                }
            }
        }
    }
    run { async { (f(true, true).await, f(false, true).await, f(true, false).await, f(false, false).await) } }
}

twin! {
    /// Early `return` from a `for` over `Vec<Tracker>::into_iter()`: the remaining
    /// elements drop with the iterator.
    p26b_return_from_into_iter_loop {
        lower! {
            pub async fn f(stop: &'static str) -> Option<&'static str> {
                let items = vec![Tracker::new("i1"), Tracker::new("i2"), Tracker::new("i3")];
                let _g = Tracker::new("g");
                for t in items {
                    step("visit").await;
                    if t.name() == stop {
                        return Some(t.name());
                    }
                }
                None
            }
        }
    }
    run { pair(f("i2"), f("zz")) }
}

twin! {
    /// Shadowed guards: both alive, dropped in reverse order of declaration.
    p26b_shadowed_guards {
        lower! {
            pub async fn f() -> &'static str {
                let g = P26Using::open("first");
                step("a").await;
                let g = P26Using::open(if g.name == "first" { "second" } else { "other" });
                step("b").await;
                let _ = P26Using::open("discarded");
                step("c").await;
                g.name
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = lowered().await` drops the returned tracker at once; `let _x` keeps it.
    p26b_let_underscore_awaited_tracker {
        lower! {
            pub async fn make(name: &'static str) -> Tracker {
                step(name).await;
                Tracker::new(name)
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let _ = make("dropped").await;
                let _kept = make("kept").await;
                step("end").await;
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// A temporary guard in a `match` scrutinee lives through arms that await.
    p26b_scrutinee_temp_guard_lives {
        pub struct Lock(pub Tracker);
        impl Lock {
            pub fn read(&self, k: u32) -> Option<u32> {
                if k > 0 { Some(k * 2) } else { None }
            }
        }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let r = match Lock(Tracker::new("lock")).read(leaf("k", k).await) {
                    Some(v) => {
                        step("some").await;
                        v
                    }
                    None => leaf("none", 0).await,
                };
                step("after").await;
                r
            }
        }
    }
    run { pair(f(3), f(0)) }
}

twin! {
    /// Boxed async recursion: a retry that calls itself through `Box::pin`.
    p26b_boxed_async_recursion_retry {
        lower! {
            pub async fn attempt(n: u32, left: u32) -> Result<u32, String> {
                let _t = Tracker::new("level");
                let v = leaf("try", n).await;
                if v >= 3 {
                    Ok(v)
                } else if left == 0 {
                    Err(format!("gave up at {v}"))
                } else {
                    Box::pin(attempt(n + 1, left - 1)).await
                }
            }
        }
    }
    run { pair(attempt(1, 5), attempt(0, 1)) }
}

twin! {
    /// A repository "interface" as a trait with `async fn`, a lowered impl, called generically.
    p26b_trait_async_repository {
        pub trait Repo {
            async fn get(&self, id: u32) -> Option<String>;
        }
        pub struct Mem {
            pub rows: Vec<(u32, &'static str)>,
        }
        impl Repo for Mem {
            lower! {
                async fn get(&self, id: u32) -> Option<String> {
                    step("query").await;
                    self.rows.iter().find(|(i, _)| *i == id).map(|(_, s)| s.to_string())
                }
            }
        }
        lower! {
            pub async fn names<R: Repo>(repo: &R, ids: Vec<u32>) -> Vec<String> {
                let _t = Tracker::new("svc");
                let mut out = vec![];
                for id in ids {
                    match repo.get(id).await {
                        Some(n) => out.push(n),
                        None => out.push(format!("#{id}?")),
                    }
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let m = Mem { rows: vec![(1, "ann"), (2, "bob")] };
                names(&m, vec![2, 3, 1]).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic "WhenAll" written by hand: a lowered fn awaiting a `Vec` of boxed futures.
    p26b_hand_when_all_generic {
        lower! {
            pub async fn when_all<T>(futs: Vec<Pin<Box<dyn Future<Output = T>>>>) -> Vec<T> {
                let mut out = Vec::with_capacity(futs.len());
                for f in futs {
                    out.push(f.await);
                }
                out
            }
        }
        lower! {
            pub async fn job(i: u32) -> (u32, Tracker) {
                step("job").await;
                (i, Tracker::new("res"))
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let futs: Vec<Pin<Box<dyn Future<Output = (u32, Tracker)>>>> = (0..3).map(|i| Box::pin(job(i)) as Pin<Box<dyn Future<Output = _>>>).collect();
                let rs = when_all(futs).await;
                step("after").await;
                rs.into_iter().map(|(i, _)| i).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// Subscribers in `Rc<RefCell<Vec<Box<dyn FnMut(u32)>>>>`, one added during the loop.
    p26b_subscribers_rc_refcell {
        lower! {
            pub async fn f() -> u32 {
                let subs: Rc<RefCell<Vec<Box<dyn FnMut(u32)>>>> = Rc::new(RefCell::new(vec![]));
                let total = Rc::new(Cell::new(0));
                let t = total.clone();
                subs.borrow_mut().push(Box::new(move |v| t.set(t.get() + v)));
                for i in 1..=3 {
                    let v = leaf("ev", i).await;
                    for s in subs.borrow_mut().iter_mut() {
                        s(v);
                    }
                    if i == 2 {
                        let t2 = total.clone();
                        subs.borrow_mut().push(Box::new(move |v| t2.set(t2.get() + v * 100)));
                    }
                }
                step("end").await;
                total.get()
            }
        }
    }
    run { f() }
}

twin! {
    /// An optional completion handler invoked "null-conditionally" after awaits.
    p26b_optional_handler_invoke {
        pub struct Job {
            pub on_done: Option<Box<dyn Fn(u32)>>,
            pub name: &'static str,
        }
        impl Job {
            lower! {
                pub async fn run(&self) -> u32 {
                    let v = leaf(self.name, 3).await;
                    if let Some(h) = &self.on_done {
                        h(v);
                    }
                    step("post").await;
                    v
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let a = Job { on_done: Some(Box::new(|v| log(format!("done {v}")))), name: "a" };
                let b = Job { on_done: None, name: "b" };
                a.run().await + b.run().await
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` inside a `match` arm's expression and `Err(e)?` in another arm.
    p26b_question_inside_match_arms {
        lower! {
            pub async fn f(k: u32) -> Result<u32, P26AppError> {
                let _t = Tracker::new("t");
                let v = match leaf("k", k).await {
                    0 => leaf("s", "12").await.parse::<u32>()?,
                    1 => Err(P26NetError::Refused("one"))?,
                    2 => leaf("s", "x2").await.parse::<u32>()?,
                    n => n,
                };
                step("end").await;
                Ok(v)
            }
        }
    }
    run { async { (f(0).await, f(1).await, f(2).await, f(7).await) } }
}

twin! {
    /// `break 'outer` out of nested retry loops with an await in the inner condition.
    p26b_nested_loops_break_outer {
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut found = (0, 0);
                'outer: for host in 0..3 {
                    let _h = Tracker::new("host");
                    let mut port = 0;
                    while port < leaf("limit", 3).await {
                        if leaf("probe", host * 10 + port).await == 12 {
                            found = (host, port);
                            break 'outer;
                        }
                        port += 1;
                    }
                }
                step("end").await;
                found
            }
        }
    }
    run { f() }
}

twin! {
    /// Catching a panic of a lowered call with `catch_unwind` (try/catch for panics).
    p26b_catch_unwind_lowered {
        lower! {
            pub async fn risky(fail: bool) -> u32 {
                let _t = Tracker::new("risky");
                step("risky").await;
                if fail {
                    panic!("risky failed");
                }
                5
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let _g = Tracker::new("g");
                let mut out = vec![];
                for fail in [false, true, false] {
                    match std::panic::AssertUnwindSafe(risky(fail)).catch_unwind().await {
                        Ok(v) => out.push(format!("ok {v}")),
                        Err(_) => {
                            step("recover").await;
                            out.push("caught".to_string());
                        }
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn appending to a `&mut String` builder, called in a loop.
    p26b_mut_string_builder_param {
        lower! {
            pub async fn append(sb: &mut String, part: &'static str) -> usize {
                let p = leaf(part, part.to_uppercase()).await;
                if !sb.is_empty() {
                    sb.push('-');
                }
                sb.push_str(&p);
                sb.len()
            }
        }
        lower! {
            pub async fn f() -> (String, Vec<usize>) {
                let mut sb = String::with_capacity(16);
                let mut lens = vec![];
                for p in ["ab", "c", "def"] {
                    lens.push(append(&mut sb, p).await);
                }
                sb.insert_str(0, &leaf("prefix", "<").await);
                (sb, lens)
            }
        }
    }
    run { f() }
}

twin! {
    /// `write!` with an awaited argument and `matches!` on an awaited result.
    p26b_write_macro_await_arg {
        lower! {
            pub async fn f() -> (String, bool) {
                let mut s = String::new();
                write!(s, "{}+{}", leaf("a", 1).await, leaf("b", 2).await).unwrap();
                let ok = matches!(leaf("r", Ok::<u32, ()>(3)).await, Ok(n) if n > 2);
                (s, ok)
            }
        }
    }
    run { f() }
}

twin! {
    /// `if lowered().await? > n` and `while cond().await` conditions.
    p26b_awaits_in_conditions_with_question {
        lower! {
            pub async fn level(i: u32) -> Result<u32, P26NetError> {
                let v = leaf("level", i).await;
                if v == 9 { Err(P26NetError::Timeout(9)) } else { Ok(v) }
            }
        }
        lower! {
            pub async fn more(i: u32) -> bool {
                leaf("more", i < 3).await
            }
        }
        lower! {
            pub async fn f(start: u32) -> Result<u32, P26NetError> {
                let _t = Tracker::new("t");
                let mut i = start;
                while more(i).await {
                    if level(i).await? > 1 {
                        log(format!("high {i}"));
                    }
                    i += 1;
                }
                Ok(i)
            }
        }
    }
    run { async { (f(0).await, f(9).await) } }
}

twin! {
    /// `std::mem::replace` on a state field of a struct, with a lowered `&mut self` method.
    p26b_mem_replace_state_field {
        #[derive(Debug)]
        pub enum Phase {
            Idle,
            Running(Tracker),
            Stopped(u32),
        }
        pub struct Machine {
            pub phase: Phase,
            pub runs: u32,
        }
        impl Machine {
            lower! {
                pub async fn advance(&mut self) -> String {
                    let old = std::mem::replace(&mut self.phase, Phase::Idle);
                    let next = match old {
                        Phase::Idle => Phase::Running(leaf("start", Tracker::new("run")).await),
                        Phase::Running(t) => {
                            step("stop").await;
                            self.runs += 1;
                            drop(t);
                            Phase::Stopped(self.runs)
                        }
                        Phase::Stopped(n) => {
                            step("reset").await;
                            Phase::Stopped(n)
                        }
                    };
                    self.phase = next;
                    format!("{:?}", self.phase)
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut m = Machine { phase: Phase::Idle, runs: 0 };
                let mut out = vec![];
                for _ in 0..3 {
                    out.push(m.advance().await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A consuming `self` method awaiting a stored future field.
    p26b_self_method_awaits_field_future {
        pub struct Task {
            pub name: &'static str,
            pub fut: Pin<Box<dyn Future<Output = u32>>>,
            pub guard: Tracker,
        }
        impl Task {
            lower! {
                pub async fn finish(self) -> (u32, &'static str) {
                    step("pre").await;
                    let v = self.fut.await;
                    log(format!("guard {}", self.guard.name()));
                    (v, self.name)
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, &'static str) {
                let t = Task { name: "t1", fut: Box::pin(leaf("inner", 8)), guard: Tracker::new("guard") };
                step("made").await;
                t.finish().await
            }
        }
    }
    run { f() }
}

twin! {
    /// `Either` from `select` bound by `let` and matched with `if let`.
    p26b_either_if_let_select {
        lower! {
            pub async fn a() -> u32 {
                let _t = Tracker::new("a");
                step("a").await;
                step("a2").await;
                1
            }
        }
        lower! {
            pub async fn b() -> String {
                let _t = Tracker::new("b");
                step("b").await;
                "b".into()
            }
        }
        lower! {
            pub async fn f() -> String {
                let r = futures::future::select(Box::pin(a()), Box::pin(b())).await;
                if let Either::Right((s, rest_a)) = r {
                    let n = rest_a.await;
                    format!("{s}{n}")
                } else {
                    "a first".into()
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic in a labelled "try" block: the code after it (finally) never runs.
    p26b_labelled_block_panic_skips_finally {
        lower! {
            pub async fn f(fail: bool) -> u32 {
                let _outer = Tracker::new("outer");
                let r = 'body: {
                    let _inner = Tracker::new("inner");
                    let a = leaf("a", 1).await;
                    if !fail {
                        break 'body a;
                    }
                    boom("b").await
                };
                step("finally").await;
                r
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// A chunked "download" building a `Vec<u8>` with `extend_from_slice`, with progress.
    p26b_chunked_download_progress {
        lower! {
            pub async fn f(mut on_progress: impl FnMut(usize, usize)) -> (usize, u8) {
                let total = 10;
                let mut buf = Vec::new();
                let _conn = Tracker::new("conn");
                while buf.len() < total {
                    let chunk = leaf("chunk", [buf.len() as u8; 4]).await;
                    let take = (total - buf.len()).min(chunk.len());
                    buf.extend_from_slice(&chunk[..take]);
                    on_progress(buf.len(), total);
                }
                (buf.len(), buf.iter().fold(0u8, |a, b| a.wrapping_add(*b)))
            }
        }
    }
    run { f(|done, total| log(format!("{done}/{total}"))) }
}

twin! {
    /// `HashMap` cache in front of a lowered fetch (memoisation), hit and miss.
    p26b_cache_hashmap_memo {
        lower! {
            pub async fn fetch(k: &'static str) -> usize {
                let _t = Tracker::new("fetch");
                leaf(k, k.len()).await
            }
        }
        lower! {
            pub async fn f() -> (Vec<usize>, usize) {
                let mut cache = HashMap::new();
                let mut out = vec![];
                for k in ["aa", "b", "aa", "b", "ccc"] {
                    let v = match cache.get(k) {
                        Some(&v) => {
                            log(format!("hit {k}"));
                            v
                        }
                        None => {
                            let v = fetch(k).await;
                            cache.insert(k, v);
                            v
                        }
                    };
                    out.push(v);
                }
                (out, cache.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `try_next` / `try_collect` on a stream of `Result`s from lowered calls.
    p26b_try_stream_collect {
        lower! {
            pub async fn parse(s: &'static str) -> Result<u32, String> {
                step("parse").await;
                s.parse().map_err(|_| format!("bad {s}"))
            }
        }
        lower! {
            pub async fn f(items: Vec<&'static str>) -> Result<Vec<u32>, String> {
                use futures::TryStreamExt;
                let _t = Tracker::new("t");
                futures::stream::iter(items).then(parse).try_collect().await
            }
        }
    }
    run { pair(f(vec!["1", "2"]), f(vec!["3", "q", "4"])) }
}

twin! {
    /// A reference into a `using` guard held across an await, then the guard disposed
    /// explicitly with `drop(u)` before the next await.
    p26b_using_borrowed_then_dropped {
        lower! {
            pub async fn f() -> usize {
                let u = P26Using::open("conn");
                let name = &u.name;
                step("query").await;
                log(format!("using {name}"));
                let n = name.len();
                drop(u);
                step("after").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A logging closure borrowing a prefix `String` across awaits; the prefix is moved
    /// into the result afterwards.
    p26b_closure_borrow_then_move_prefix {
        lower! {
            pub async fn f() -> (String, u32) {
                let prefix = String::from("[svc]");
                let say = |m: &str| log(format!("{prefix} {m}"));
                say("start");
                let v = leaf("v", 4).await;
                say("got");
                step("end").await;
                (prefix, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// WhenAny with `std::pin::pin!` locals given to `select` by `&mut`.
    p26b_select_pin_macro_locals {
        lower! {
            pub async fn op(n: u32) -> u32 {
                let _t = Tracker::new("op");
                for _ in 0..n {
                    step("op").await;
                }
                n
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut a = std::pin::pin!(op(3));
                let mut b = std::pin::pin!(op(1));
                let first = match futures::future::select(a.as_mut(), b.as_mut()).await {
                    Either::Left((v, _)) => v,
                    Either::Right((v, _)) => v,
                };
                let rest = a.await;
                (first, rest)
            }
        }
    }
    run { f() }
}

twin! {
    /// `write!(..)?` into a `String` inside a fn returning `Box<dyn Error>`, and `s +=`
    /// of awaited `&str`s.
    p26b_write_question_box_error {
        lower! {
            pub async fn f() -> Result<String, Box<dyn std::error::Error>> {
                let mut s = String::new();
                write!(s, "{}:", leaf("a", 1).await)?;
                s += leaf("b", "bee").await;
                s += &format!("{}", leaf("c", 3).await);
                let n: u32 = leaf("n", "4").await.parse()?;
                write!(s, "/{n}")?;
                Ok(s)
            }
        }
    }
    run { f() }
}

twin! {
    /// Struct update syntax with `..Default::default()` and awaited fields.
    p26b_struct_update_default_awaited {
        #[derive(Debug, Default)]
        pub struct Options {
            pub retries: u32,
            pub name: String,
            pub verbose: bool,
            pub timeout: u32,
        }
        lower! {
            pub async fn f() -> Options {
                let _t = Tracker::new("t");
                let o = Options { retries: leaf("retries", 3).await, name: leaf("name", "svc").await.into(), ..Default::default() };
                step("built").await;
                Options { timeout: leaf("timeout", 30).await, ..o }
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(t) = s.next().await` over a stream of trackers, broken early: the
    /// remaining trackers drop with the stream.
    p26b_stream_of_trackers_break {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut s = futures::stream::iter(vec![Tracker::new("s1"), Tracker::new("s2"), Tracker::new("s3")]);
                let mut got = vec![];
                while let Some(t) = s.next().await {
                    step("item").await;
                    got.push(t.name());
                    if t.name() == "s2" {
                        break;
                    }
                }
                step("after").await;
                got
            }
        }
    }
    run { f() }
}

twin! {
    /// A labelled block whose value is a `&str` borrowed from a local, used after awaits.
    p26b_labelled_block_borrowed_value {
        lower! {
            pub async fn f(k: u32) -> String {
                let text = leaf("text", String::from("alpha beta gamma")).await;
                let word = 'pick: {
                    for w in text.split(' ') {
                        if w.len() as u32 == k {
                            break 'pick w;
                        }
                    }
                    "none"
                };
                step("use").await;
                format!("{word}!")
            }
        }
    }
    run { pair(f(4), f(9)) }
}

twin! {
    /// An `async move` closure owning a tracker, called twice (`AsyncFn`).
    p26b_async_move_closure_owning {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("owned");
                let base = leaf("base", 10).await;
                let add = async move |x: u32| {
                    step(t.name()).await;
                    base + x
                };
                let a = add(1).await;
                let b = add(2).await;
                step("end").await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `match &mut state` with awaits in arms writing `*state = ..`.
    p26b_match_mut_ref_state_assign {
        #[derive(Debug)]
        pub enum Door {
            Closed,
            Open(u32),
            Locked(Tracker),
        }
        lower! {
            pub async fn f() -> String {
                let mut state = Door::Closed;
                let mut trace = String::new();
                for _ in 0..4 {
                    match &mut state {
                        Door::Closed => state = Door::Open(leaf("open", 1).await),
                        Door::Open(n) if *n < 2 => {
                            *n += leaf("inc", 1).await;
                        }
                        Door::Open(_) => state = Door::Locked(Tracker::new("lock")),
                        Door::Locked(t) => {
                            step("locked").await;
                            write!(trace, "[{}]", t.name()).unwrap();
                        }
                    }
                    write!(trace, "{state:?};").unwrap();
                }
                trace
            }
        }
    }
    run { f() }
}

twin! {
    /// A type with a user `Drop` whose lowered `&mut self` method awaits (a connection
    /// with `async fn send` and disposal logging its counter).
    p26b_drop_type_with_async_method {
        pub struct Conn {
            pub sent: u32,
            pub _t: Tracker,
        }
        impl Drop for Conn {
            fn drop(&mut self) {
                log(format!("conn closed after {}", self.sent));
            }
        }
        impl Conn {
            lower! {
                pub async fn send(&mut self, msg: &str) -> Result<u32, P26NetError> {
                    step("send").await;
                    if msg.is_empty() {
                        return Err(P26NetError::Refused("empty"));
                    }
                    self.sent += 1;
                    Ok(self.sent)
                }
            }
        }
        lower! {
            pub async fn f(msgs: Vec<&'static str>) -> Result<u32, P26AppError> {
                let mut c = Conn { sent: 0, _t: Tracker::new("conn") };
                for m in msgs {
                    c.send(m).await?;
                }
                Ok(c.sent)
            }
        }
    }
    run { pair(f(vec!["a", "b"]), f(vec!["a", "", "c"])) }
}

twin! {
    /// `futures::join!` of two `async` blocks borrowing two different locals mutably.
    p26b_join_macro_blocks_mut_borrows {
        lower! {
            pub async fn f() -> (Vec<u32>, String) {
                let mut nums = vec![];
                let mut text = String::new();
                let _t = Tracker::new("t");
                futures::join!(
                    async {
                        for i in 0..2 {
                            nums.push(leaf("n", i).await);
                        }
                    },
                    async {
                        text.push_str(leaf("s", "ab").await);
                        step("s2").await;
                        text.push('!');
                    }
                );
                step("after").await;
                (nums, text)
            }
        }
    }
    run { f() }
}

twin! {
    /// An await inside a `match` guard (`Some(x) if allowed(x).await`).
    p26b_await_in_match_guard {
        lower! {
            pub async fn allowed(x: u32) -> bool {
                leaf("allowed", x % 2 == 0).await
            }
        }
        lower! {
            pub async fn f(items: Vec<Option<u32>>) -> Vec<String> {
                let mut out = vec![];
                for it in items {
                    let _t = Tracker::new("it");
                    let s = match it {
                        Some(x) if allowed(x).await => format!("ok {x}"),
                        Some(x) => format!("denied {x}"),
                        None => "none".to_string(),
                    };
                    out.push(s);
                }
                out
            }
        }
    }
    run { f(vec![Some(2), Some(3), None]) }
}

twin! {
    /// A let chain with awaits in its conditions (`if let Ok(v) = a.await && check(v).await`).
    p26b_let_chain_awaits {
        lower! {
            pub async fn check(v: u32) -> bool {
                leaf("check", v > 2).await
            }
        }
        lower! {
            pub async fn f(r: Result<u32, P26NetError>) -> String {
                let _t = Tracker::new("t");
                if let Ok(v) = leaf("r", r).await
                    && check(v).await
                {
                    step("then").await;
                    format!("good {v}")
                } else {
                    "bad".into()
                }
            }
        }
    }
    run { async { (f(Ok(5)).await, f(Ok(1)).await, f(Err(P26NetError::Timeout(1))).await) } }
}

twin! {
    /// `let v = loop { match rx.next().await { .. break x .. continue .. } }` on a channel.
    p26b_loop_match_channel_break_value {
        lower! {
            pub async fn f() -> (u32, usize) {
                let (tx, mut rx) = futures::channel::mpsc::unbounded();
                for v in [1, 2, 5, 7] {
                    tx.unbounded_send((v, Tracker::new("msg"))).unwrap();
                }
                let mut skipped = 0;
                let v = loop {
                    match rx.next().await {
                        Some((x, t)) if x > 2 => {
                            log(format!("take {}", t.name()));
                            break x;
                        }
                        Some(_) => {
                            skipped += 1;
                            step("skip").await;
                            continue;
                        }
                        None => break 0,
                    }
                };
                drop(tx);
                step("end").await;
                (v, skipped)
            }
        }
    }
    run { f() }
}

twin! {
    /// `OptionFuture` from `opt.map(lowered)` awaited (an optional "task").
    p26b_option_future_map {
        lower! {
            pub async fn load(id: u32) -> String {
                let _t = Tracker::new("load");
                leaf("load", format!("#{id}")).await
            }
        }
        lower! {
            pub async fn f(id: Option<u32>) -> Option<String> {
                let r = futures::future::OptionFuture::from(id.map(load)).await;
                step("after").await;
                r
            }
        }
    }
    run { pair(f(Some(3)), f(None)) }
}

twin! {
    /// `?` converting into a generic error `E: From<P26NetError>`.
    p26b_question_into_generic_error {
        lower! {
            pub async fn ping(ok: bool) -> Result<u32, P26NetError> {
                step("ping").await;
                if ok { Ok(1) } else { Err(P26NetError::Refused("ping")) }
            }
        }
        lower! {
            pub async fn twice<E: From<P26NetError>>(second: bool) -> Result<u32, E> {
                let _t = Tracker::new("twice");
                let a = ping(true).await?;
                let b = ping(second).await?;
                Ok(a + b)
            }
        }
        lower! {
            pub async fn f() -> (Result<u32, P26AppError>, Result<u32, P26AppError>) {
                (twice(true).await, twice(false).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// Awaits in index and range positions: `arr[i.await]`, `&v[a.await..b.await]`.
    p26b_awaits_in_index_and_range {
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let arr = [10, 20, 30, 40];
                let v = vec![1, 2, 3, 4, 5];
                let x = arr[leaf("i", 2).await];
                let s = v[leaf("a", 1).await..leaf("b", 3).await].to_vec();
                (x, s)
            }
        }
    }
    run { f() }
}

twin! {
    /// `join` of an `async move` block dropping a tracker and a block borrowing a local.
    p26b_join_move_block_and_borrow_block {
        lower! {
            pub async fn f() -> (usize, usize) {
                let t = Tracker::new("moved");
                let words = vec!["a", "bb"];
                let r = futures::future::join(
                    async move {
                        step("m").await;
                        drop(t);
                        1
                    },
                    async {
                        step("b").await;
                        words.len()
                    },
                )
                .await;
                step("after").await;
                log(format!("{:?}", words));
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic `with_timeout(fut, ticks)` pinning its future parameter with `pin!` and
    /// racing it against a lowered delay.
    p26b_with_timeout_generic_pin_param {
        lower! {
            pub async fn delay(ticks: u32) {
                for _ in 0..ticks {
                    step("tick").await;
                }
            }
        }
        lower! {
            pub async fn work(n: u32) -> u32 {
                let _t = Tracker::new("work");
                for _ in 0..n {
                    step("work").await;
                }
                n * 10
            }
        }
        lower! {
            pub async fn with_timeout<F: Future>(fut: F, ticks: u32) -> Result<F::Output, P26NetError> {
                let fut = std::pin::pin!(fut);
                let timer = std::pin::pin!(delay(ticks));
                match futures::future::select(fut, timer).await {
                    Either::Left((v, _)) => Ok(v),
                    Either::Right(_) => Err(P26NetError::Timeout(ticks)),
                }
            }
        }
    }
    run { pair(with_timeout(work(1), 3), with_timeout(work(5), 2)) }
}

twin! {
    /// `?` inside a labelled "try" block returns from the fn; the finally after is skipped.
    p26b_question_inside_labelled_block {
        lower! {
            pub async fn get(k: u32) -> Result<u32, P26NetError> {
                step("get").await;
                if k == 0 { Err(P26NetError::Timeout(0)) } else { Ok(k) }
            }
        }
        lower! {
            pub async fn f(a: u32, b: u32) -> Result<u32, P26AppError> {
                let _g = Tracker::new("g");
                let r = 'try_: {
                    let _i = Tracker::new("inner");
                    let x = get(a).await?;
                    if x > 5 {
                        break 'try_ Err(P26AppError::Other("big".into()));
                    }
                    Ok(x + get(b).await?)
                };
                step("finally").await;
                r
            }
        }
    }
    run { async { (f(1, 2).await, f(0, 2).await, f(9, 2).await, f(1, 0).await) } }
}
