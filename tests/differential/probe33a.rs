//! Probe round 33a: error handling and `Result` plumbing as real async code writes it:
//! custom error enums with `From` impls and `?` converting after awaits; `?` inside loops,
//! `match` arms, `if let` and nested blocks with live `Tracker`s (drop order on each early
//! exit); `map_err(..)?`, `ok_or(..)?`, `and_then`/`map` chains between awaits;
//! `Result<Option<T>, E>` and `transpose`; `Box<dyn Error>` returns; errors carrying owned
//! data (String, Vec, Tracker) moved out of `match` arms and returned; retry loops with
//! counters; lowered fns calling other lowered fns that fail; `Option` with `?`;
//! `let .. else { return Err(..) }` with awaits; errors built with `format!` of locals
//! across awaits; panics vs errors; `&mut self` service methods returning `Result`.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, VecDeque};
#[allow(unused_imports)]
use std::error::Error;
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};

/// A low-level I/O error.
#[derive(Debug, PartialEq)]
pub struct IoE33(pub u32);

/// A parse error carrying the text.
#[derive(Debug, PartialEq)]
pub struct ParseE33(pub String);

/// The application's error.
#[derive(Debug)]
pub enum AppE33 {
    Io(u32),
    Parse(String),
    Missing(&'static str),
    Held(Tracker),
    Many(Vec<u32>),
    Retry { tries: u32, last: u32 },
}

impl From<IoE33> for AppE33 {
    fn from(e: IoE33) -> Self {
        log(format!("from io {}", e.0));
        AppE33::Io(e.0)
    }
}

impl From<ParseE33> for AppE33 {
    fn from(e: ParseE33) -> Self {
        log(format!("from parse {}", e.0));
        AppE33::Parse(e.0)
    }
}

impl From<std::num::ParseIntError> for AppE33 {
    fn from(e: std::num::ParseIntError) -> Self {
        log("from int");
        AppE33::Parse(e.to_string())
    }
}

impl fmt::Display for AppE33 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "app {:?}", self)
    }
}

impl std::error::Error for AppE33 {}

impl fmt::Display for IoE33 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "io {}", self.0)
    }
}

impl std::error::Error for IoE33 {}

/// A leaf resolving to `Ok(v)` or `Err(IoE33(v))`.
pub fn io33(name: &'static str, v: u32, ok: bool) -> Leaf<Result<u32, IoE33>> {
    leaf(name, if ok { Ok(v) } else { Err(IoE33(v)) })
}

/// A leaf resolving to the parse of `s`.
pub fn parse33(name: &'static str, s: &'static str) -> Leaf<Result<u32, ParseE33>> {
    leaf(name, s.parse::<u32>().map_err(|_| ParseE33(s.to_string())))
}

/// An error that logs its drop.
#[derive(Debug)]
pub struct GuardE33(pub Tracker, pub u32);

twin! {
    /// `?` converting an `IoE33` after an await, with a live tracker.
    p33a_q_from_io {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let a = io33("a", 1, true).await?;
                let b = io33("b", 2, ok).await?;
                step("after").await;
                Ok(a + b)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Two error kinds converted by `?` into one enum, trackers made between them.
    p33a_q_two_kinds {
        lower! {
            pub async fn f(s: &'static str, ok: bool) -> Result<u32, AppE33> {
                let _a = Tracker::new("a");
                let n = parse33("p", s).await?;
                let _b = Tracker::new("b");
                let m = io33("io", n, ok).await?;
                let _c = Tracker::new("c");
                step("end").await;
                Ok(n + m)
            }
        }
    }
    run { pair(pair(f("4", true), f("x", true)), f("5", false)) }
}

twin! {
    /// `?` on both operands of a sum.
    p33a_q_in_binop {
        lower! {
            pub async fn f(ok1: bool, ok2: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                Ok(io33("a", 1, ok1).await? + io33("b", 2, ok2).await?)
            }
        }
    }
    run { pair(pair(f(true, true), f(false, true)), f(true, false)) }
}

twin! {
    /// `?` in a later argument after an earlier argument made a tracker.
    p33a_q_in_call_args {
        pub fn combine(a: u32, t: Tracker, b: u32) -> u32 {
            log(format!("combine {}", t.name()));
            a * 10 + b
        }
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let v = combine(io33("a", 1, true).await?, Tracker::new("arg"), io33("b", 2, ok).await?);
                step("after").await;
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `?` inside a struct literal whose earlier field is a tracker.
    p33a_q_in_struct_literal {
        #[derive(Debug)]
        pub struct Rec {
            pub t: Tracker,
            pub a: u32,
            pub u: Tracker,
            pub b: u32,
        }
        lower! {
            pub async fn f(ok: bool) -> Result<Rec, AppE33> {
                let r = Rec {
                    t: Tracker::new("rt"),
                    a: io33("a", 1, true).await?,
                    u: Tracker::new("ru"),
                    b: io33("b", 2, ok).await?,
                };
                step("built").await;
                Ok(r)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `?` in a `vec!` element after a tracker element.
    p33a_q_in_vec_macro {
        lower! {
            pub async fn f(ok: bool) -> Result<usize, AppE33> {
                let v = vec![Tracker::new("v0"), {
                    io33("mid", 1, ok).await?;
                    Tracker::new("v1")
                }, Tracker::new("v2")];
                step("s").await;
                Ok(v.len())
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `.parse::<u32>()?` on an awaited string, `ParseIntError` converted by `From`.
    p33a_q_parse_int {
        lower! {
            pub async fn f(s: &'static str) -> Result<u32, AppE33> {
                let _g = Tracker::new("g");
                let text = leaf("read", s).await;
                let n = text.trim().parse::<u32>()?;
                step("parsed").await;
                Ok(n * 2)
            }
        }
    }
    run { pair(f(" 21 "), f("zz")) }
}

twin! {
    /// A tracker moved into a vec before a `?` that fails: the vec drops it.
    p33a_q_after_move_into_vec {
        lower! {
            pub async fn f(ok: bool) -> Result<usize, AppE33> {
                let a = Tracker::new("a");
                let b = Tracker::new("b");
                let mut held = Vec::new();
                held.push(a);
                step("s").await;
                io33("op", 7, ok).await?;
                held.push(b);
                step("s2").await;
                Ok(held.len())
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `?` inside a nested block with trackers at each level.
    p33a_q_nested_blocks {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let _o = Tracker::new("outer");
                let v = {
                    let _m = Tracker::new("mid");
                    let w = {
                        let _i = Tracker::new("inner");
                        io33("a", 5, ok).await? + 1
                    };
                    step("mid").await;
                    w * 2
                };
                step("outer").await;
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `?` in a `for` loop with a tracker per iteration; fails at one index.
    p33a_loop_for_fail_at {
        lower! {
            pub async fn f(fail_at: u32) -> Result<u32, AppE33> {
                let _all = Tracker::new("all");
                let mut sum = 0;
                for i in 0..4 {
                    let _it = Tracker::new("it");
                    sum += io33("op", i, i != fail_at).await?;
                    log(format!("sum {sum}"));
                }
                Ok(sum)
            }
        }
    }
    run { pair(pair(f(9), f(0)), f(2)) }
}

twin! {
    /// `?` in a `for` over a `Vec<Tracker>` by value: the rest of the iterator drops on
    /// the early exit.
    p33a_loop_into_iter_rest {
        lower! {
            pub async fn f(items: Vec<Tracker>, fail: &'static str) -> Result<u32, AppE33> {
                let mut n = 0;
                for t in items {
                    let ok = t.name() != fail;
                    n += io33("op", n, ok).await?;
                    n += 1;
                    log(format!("done {}", t.name()));
                }
                Ok(n)
            }
        }
    }
    run {
        pair(
            f(vec![Tracker::new("i1"), Tracker::new("i2"), Tracker::new("i3")], "i2"),
            f(vec![Tracker::new("j1"), Tracker::new("j2")], "none"),
        )
    }
}

twin! {
    /// `loop` with `break value` and a `?` inside.
    p33a_loop_break_value {
        lower! {
            pub async fn f(stop: u32, bad: u32) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let mut i = 0;
                let found = loop {
                    let _g = Tracker::new("g");
                    let v = io33("probe", i, i != bad).await?;
                    if v == stop {
                        break v * 100;
                    }
                    i += 1;
                };
                step("after").await;
                Ok(found)
            }
        }
    }
    run { pair(f(2, 9), f(3, 1)) }
}

twin! {
    /// Nested labeled loops with `?` in the inner one.
    p33a_loop_labeled_nested {
        lower! {
            pub async fn f(bad: (u32, u32)) -> Result<u32, AppE33> {
                let mut n = 0;
                'outer: for i in 0..3u32 {
                    let _r = Tracker::new("row");
                    for j in 0..3u32 {
                        let _c = Tracker::new("cell");
                        let v = io33("cell", i * 3 + j, (i, j) != bad).await?;
                        if v == 4 {
                            continue 'outer;
                        }
                        n += v;
                    }
                }
                Ok(n)
            }
        }
    }
    run { pair(f((9, 9)), f((2, 0))) }
}

twin! {
    /// A loop collecting trackers into a vec, then a `?` fails: the vec drops them.
    p33a_loop_collect_then_fail {
        lower! {
            pub async fn f(fail_at: usize) -> Result<usize, AppE33> {
                let mut held: Vec<Tracker> = Vec::new();
                let names = ["h0", "h1", "h2", "h3"];
                for (i, name) in names.iter().enumerate() {
                    io33("get", i as u32, i != fail_at).await?;
                    held.push(Tracker::new(name));
                }
                step("all").await;
                Ok(held.len())
            }
        }
    }
    run { pair(f(7), f(2)) }
}

twin! {
    /// `while let Some(x) = q.pop_front()` with `?` on each item.
    p33a_loop_while_let_queue {
        lower! {
            pub async fn f(mut q: VecDeque<(Tracker, bool)>) -> Result<u32, AppE33> {
                let mut n = 0;
                while let Some((t, ok)) = q.pop_front() {
                    let v = io33("job", n, ok).await?;
                    log(format!("job {} -> {v}", t.name()));
                    n += 1;
                }
                Ok(n)
            }
        }
    }
    run {
        pair(
            f(VecDeque::from(vec![(Tracker::new("q1"), true), (Tracker::new("q2"), false), (Tracker::new("q3"), true)])),
            f(VecDeque::from(vec![(Tracker::new("r1"), true)])),
        )
    }
}

twin! {
    /// `?` inside a `match` arm inside a loop.
    p33a_loop_match_arm_q {
        lower! {
            pub async fn f(kinds: Vec<u8>) -> Result<u32, AppE33> {
                let mut total = 0;
                for k in kinds {
                    let _g = Tracker::new("iter");
                    total += match k {
                        0 => leaf("zero", 0).await,
                        1 => io33("one", 1, true).await?,
                        2 => parse33("two", "x2").await?,
                        _ => {
                            let _a = Tracker::new("arm");
                            io33("other", k as u32, false).await?
                        }
                    };
                }
                Ok(total)
            }
        }
    }
    run { pair(pair(f(vec![0, 1, 0]), f(vec![1, 2])), f(vec![0, 5])) }
}

twin! {
    /// A `match` on an awaited `Result` whose arms await and use `?`.
    p33a_match_awaited_result {
        lower! {
            pub async fn f(ok: bool, ok2: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let v = match io33("first", 3, ok).await {
                    Ok(v) => {
                        let _a = Tracker::new("ok-arm");
                        io33("second", v + 1, ok2).await?
                    }
                    Err(IoE33(code)) => {
                        let _b = Tracker::new("err-arm");
                        step("recover").await;
                        code + 100
                    }
                };
                Ok(v)
            }
        }
    }
    run { pair(pair(f(true, true), f(true, false)), f(false, false)) }
}

twin! {
    /// `if let` with a tracker and a `?` in its body.
    p33a_if_let_q {
        lower! {
            pub async fn f(o: Option<u32>, ok: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let mut n = 0;
                if let Some(x) = leaf("opt", o).await {
                    let _g = Tracker::new("g");
                    n = io33("use", x, ok).await?;
                    step("in").await;
                }
                Ok(n)
            }
        }
    }
    run { pair(pair(f(Some(2), true), f(Some(3), false)), f(None, false)) }
}

twin! {
    /// A match arm binding a tracker by value, an await, then `?` fails.
    p33a_match_arm_tracker_then_q {
        pub enum Msg {
            Data(Tracker, u32),
            Empty,
        }
        lower! {
            pub async fn f(m: Msg, ok: bool) -> Result<u32, AppE33> {
                let r = match m {
                    Msg::Data(t, n) => {
                        step("got").await;
                        let v = io33("proc", n, ok).await?;
                        log(format!("proc {}", t.name()));
                        v
                    }
                    Msg::Empty => leaf("empty", 0).await,
                };
                step("end").await;
                Ok(r)
            }
        }
    }
    run { pair(pair(f(Msg::Data(Tracker::new("d1"), 1), true), f(Msg::Data(Tracker::new("d2"), 2), false)), f(Msg::Empty, false)) }
}

twin! {
    /// An awaiting guard using `?`.
    p33a_match_guard_q {
        lower! {
            pub async fn f(x: u32, ok: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let r = match x {
                    n if io33("guard", n, ok).await? > 2 => n * 10,
                    n => n,
                };
                step("s").await;
                Ok(r)
            }
        }
    }
    run { pair(pair(f(5, true), f(1, true)), f(5, false)) }
}

twin! {
    /// `?` on a `match` scrutinee.
    p33a_match_scrutinee_q {
        lower! {
            pub async fn f(v: u32, ok: bool) -> Result<String, AppE33> {
                let g = Tracker::new("g");
                let s = match io33("scr", v, ok).await? {
                    0 => String::from("zero"),
                    n => {
                        step("n").await;
                        format!("{}:{n}", g.name())
                    }
                };
                Ok(s)
            }
        }
    }
    run { pair(pair(f(0, true), f(4, true)), f(4, false)) }
}

twin! {
    /// `map_err(..)?` with a closure reading the error.
    p33a_map_err_closure {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let v = io33("a", 4, ok).await.map_err(|e| {
                    log(format!("map_err {}", e.0));
                    AppE33::Io(e.0 + 100)
                })?;
                step("s").await;
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `map_err` whose closure formats a `String` local kept across awaits.
    p33a_map_err_format_local {
        lower! {
            pub async fn f(name: &'static str, ok: bool) -> Result<u32, AppE33> {
                let label = format!("req-{name}");
                step("s1").await;
                let v = io33("a", 2, ok).await.map_err(|e| AppE33::Parse(format!("{label}: {}", e.0)))?;
                step("s2").await;
                log(format!("label {label}"));
                Ok(v)
            }
        }
    }
    run { pair(f("x", true), f("y", false)) }
}

twin! {
    /// `ok_or(..)?` on an awaited `Option`.
    p33a_ok_or_q {
        lower! {
            pub async fn f(o: Option<u32>) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let v = leaf("find", o).await.ok_or(AppE33::Missing("v"))?;
                let w = leaf("more", v + 1).await;
                Ok(v + w)
            }
        }
    }
    run { pair(f(Some(2)), f(None)) }
}

twin! {
    /// `ok_or_else(..)?` with a logging closure and a tracker in the error.
    p33a_ok_or_else_tracker {
        lower! {
            pub async fn f(o: Option<u32>) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                step("s").await;
                let v = leaf("find", o).await.ok_or_else(|| {
                    log("else");
                    AppE33::Held(Tracker::new("err"))
                })?;
                step("after").await;
                Ok(v)
            }
        }
    }
    run { pair(f(Some(2)), f(None)) }
}

twin! {
    /// `and_then` and `map` between awaits, then `?`.
    p33a_and_then_map_chain {
        lower! {
            pub async fn f(v: u32, ok: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let x = io33("a", v, ok)
                    .await
                    .map(|n| n * 2)
                    .and_then(|n| if n > 4 { Ok(n) } else { Err(IoE33(n)) })?;
                let y = leaf("b", x).await;
                Ok(y + 1)
            }
        }
    }
    run { pair(pair(f(3, true), f(1, true)), f(3, false)) }
}

twin! {
    /// `map_err` whose closure moves a tracker local in (`move`).
    p33a_map_err_move_tracker {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let t = Tracker::new("ctx");
                step("s").await;
                let v = io33("a", 9, ok).await.map_err(move |e| {
                    log(format!("ctx {} {}", t.name(), e.0));
                    AppE33::Held(t)
                })?;
                step("after").await;
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `Option<Result<..>>` transposed, then `?`.
    p33a_transpose_opt_res {
        lower! {
            pub async fn f(o: Option<bool>) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let x: Option<u32> = leaf("a", o.map(|ok| if ok { Ok(4) } else { Err(IoE33(4)) })).await.transpose()?;
                step("s").await;
                Ok(x.unwrap_or(0) + 1)
            }
        }
    }
    run { pair(pair(f(Some(true)), f(Some(false))), f(None)) }
}

twin! {
    /// `Result<Option<u32>, E>`: `?` then `ok_or(..)?`.
    p33a_res_opt_double_q {
        lower! {
            pub async fn f(r: Result<Option<u32>, IoE33>) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let v = leaf("get", r).await?.ok_or(AppE33::Missing("row"))?;
                let w = leaf("w", v).await;
                Ok(w)
            }
        }
    }
    run { pair(pair(f(Ok(Some(3))), f(Ok(None))), f(Err(IoE33(1)))) }
}

twin! {
    /// `if let Some(v) = fetch().await?` with trackers inside and out.
    p33a_if_let_res_opt {
        lower! {
            pub async fn f(r: Result<Option<u32>, IoE33>) -> Result<u32, AppE33> {
                let _a = Tracker::new("a");
                if let Some(v) = leaf("fetch", r).await? {
                    let _b = Tracker::new("b");
                    step("in").await;
                    return Ok(v);
                }
                step("none").await;
                Ok(0)
            }
        }
    }
    run { pair(pair(f(Ok(Some(3))), f(Ok(None))), f(Err(IoE33(1)))) }
}

twin! {
    /// A function returning `Result<Option<T>, E>` built with `transpose`.
    p33a_return_res_opt {
        lower! {
            pub async fn f(o: Option<&'static str>) -> Result<Option<u32>, AppE33> {
                let _t = Tracker::new("t");
                let s = leaf("read", o).await;
                step("s").await;
                let r = s.map(|s| s.parse::<u32>()).transpose()?;
                Ok(r)
            }
        }
    }
    run { pair(pair(f(Some("12")), f(None)), f(Some("x"))) }
}

twin! {
    /// A `match` on `Ok(Some)`/`Ok(None)`/`Err` with trackers in each arm.
    p33a_match_res_opt_arms {
        lower! {
            pub async fn f(r: Result<Option<u32>, IoE33>) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                match leaf("get", r).await {
                    Ok(Some(v)) => {
                        let _a = Tracker::new("some");
                        Ok(leaf("v", v).await)
                    }
                    Ok(None) => {
                        let _b = Tracker::new("none");
                        step("none").await;
                        Err(AppE33::Missing("none"))
                    }
                    Err(e) => {
                        let _c = Tracker::new("err");
                        step("err").await;
                        Err(e.into())
                    }
                }
            }
        }
    }
    run { pair(pair(f(Ok(Some(3))), f(Ok(None))), f(Err(IoE33(1)))) }
}

twin! {
    /// `Box<dyn Error>` return with `?` from two error types and a `String`.
    p33a_box_dyn_error {
        lower! {
            pub async fn f(a: bool, s: &'static str, n: u32) -> Result<u32, Box<dyn std::error::Error>> {
                let _t = Tracker::new("t");
                let x = io33("a", 1, a).await?;
                let y: u32 = leaf("s", s).await.parse()?;
                if leaf("n", n).await > 5 {
                    return Err(format!("too big {n}").into());
                }
                Ok(x + y + n)
            }
        }
    }
    run { pair(pair(f(true, "2", 3), f(false, "2", 3)), pair(f(true, "z", 3), f(true, "2", 9))) }
}

twin! {
    /// A `Box<dyn Error>` holding an error with a tracker, returned across an await.
    p33a_box_dyn_error_holding_tracker {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, Box<dyn std::error::Error>> {
                let _g = Tracker::new("g");
                let v = leaf("v", 3).await;
                if !ok {
                    let e = AppE33::Held(Tracker::new("held"));
                    step("before-return").await;
                    return Err(Box::new(e));
                }
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A lowered caller downcasting a lowered callee's `Box<dyn Error>`.
    p33a_box_dyn_downcast {
        lower! {
            pub async fn inner(k: u32) -> Result<u32, Box<dyn std::error::Error>> {
                let v = io33("inner", k, k % 2 == 0).await?;
                if v > 5 {
                    return Err(Box::new(AppE33::Missing("big")));
                }
                Ok(v)
            }
            pub async fn outer(k: u32) -> Result<u32, String> {
                let _t = Tracker::new("outer");
                match inner(k).await {
                    Ok(v) => Ok(v),
                    Err(e) => {
                        step("inspect").await;
                        if let Some(io) = e.downcast_ref::<IoE33>() {
                            Err(format!("io {}", io.0))
                        } else {
                            Err(format!("other {e}"))
                        }
                    }
                }
            }
        }
    }
    run { pair(pair(outer(2), outer(3)), outer(8)) }
}

twin! {
    /// An error holding a tracker moved out of a `match` arm and returned after an await.
    p33a_held_error_out_of_arm {
        lower! {
            pub async fn f(fail: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let r: Result<u32, AppE33> = if fail { Err(AppE33::Held(Tracker::new("e"))) } else { Ok(1) };
                let v = match r {
                    Ok(v) => v,
                    Err(AppE33::Held(t)) => {
                        let _g = Tracker::new("arm");
                        step("arm").await;
                        return Err(AppE33::Held(t));
                    }
                    Err(e) => return Err(e),
                };
                step("s").await;
                Ok(v)
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// An error carrying a `Vec` built across awaits.
    p33a_error_many_vec {
        lower! {
            pub async fn f(vals: Vec<u32>) -> Result<u32, AppE33> {
                let mut bad = Vec::new();
                let mut good = 0;
                for v in vals {
                    match io33("check", v, v % 3 != 0).await {
                        Ok(v) => good += v,
                        Err(IoE33(b)) => bad.push(b),
                    }
                }
                step("end").await;
                if !bad.is_empty() {
                    return Err(AppE33::Many(bad));
                }
                Ok(good)
            }
        }
    }
    run { pair(f(vec![1, 2, 4]), f(vec![3, 1, 6])) }
}

twin! {
    /// An error string built with `format!` of locals across several awaits.
    p33a_format_error_locals {
        lower! {
            pub async fn f(name: String, limit: u32) -> Result<u32, String> {
                let _t = Tracker::new("t");
                let a = leaf("a", 3).await;
                let tag = format!("{name}#{a}");
                let b = leaf("b", a * 2).await;
                if b > limit {
                    step("report").await;
                    return Err(format!("{tag}: {b} > {limit} ({} chars)", name.len()));
                }
                Ok(b)
            }
        }
    }
    run { pair(f("job".to_string(), 10), f("long-name".to_string(), 4)) }
}

twin! {
    /// A tracker moved out of an `Err` arm binding and returned in `Ok` after an await.
    p33a_tracker_from_err_arm_to_ok {
        lower! {
            pub async fn f(fail: bool) -> Result<Tracker, AppE33> {
                let r: Result<u32, GuardE33> = leaf("op", if fail { Err(GuardE33(Tracker::new("ge"), 5)) } else { Ok(1) }).await;
                match r {
                    Ok(n) => {
                        step("ok").await;
                        Ok(Tracker::new(if n == 1 { "fresh" } else { "other" }))
                    }
                    Err(GuardE33(t, code)) => {
                        log(format!("code {code}"));
                        step("err").await;
                        Ok(t)
                    }
                }
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// An error value with a tracker bound by `Err(e)` and dropped at the arm's end after an
    /// await (recovered with a default).
    p33a_err_binding_dropped_at_arm_end {
        lower! {
            pub async fn f(fail: bool) -> u32 {
                let _t = Tracker::new("t");
                let r: Result<u32, GuardE33> = leaf("op", if fail { Err(GuardE33(Tracker::new("ge"), 5)) } else { Ok(1) }).await;
                let v = match r {
                    Ok(n) => n,
                    Err(e) => {
                        log(format!("failed {}", e.1));
                        step("fallback").await;
                        99
                    }
                };
                step("end").await;
                v
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// The retry loop: `Err(e) if n < 3 => { n += 1; continue }`.
    p33a_retry_basic {
        lower! {
            pub async fn f(succeed_at: u32) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let mut n = 0;
                let v = loop {
                    match io33("op", n, n >= succeed_at).await {
                        Ok(v) => break v,
                        Err(e) if n < 3 => {
                            log(format!("retry {} after {}", n, e.0));
                            n += 1;
                            continue;
                        }
                        Err(e) => return Err(e.into()),
                    }
                };
                step("done").await;
                Ok(v * 10 + n)
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(9)) }
}

twin! {
    /// Retry with a tracker per attempt and a backoff await.
    p33a_retry_tracker_backoff {
        lower! {
            pub async fn f(succeed_at: u32, max: u32) -> Result<u32, AppE33> {
                let mut attempt = 0;
                loop {
                    let _a = Tracker::new("attempt");
                    match io33("op", attempt, attempt >= succeed_at).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            attempt += 1;
                            if attempt >= max {
                                return Err(AppE33::Retry { tries: attempt, last: e.0 });
                            }
                            step("backoff").await;
                        }
                    }
                }
            }
        }
    }
    run { pair(pair(f(1, 3), f(5, 3)), f(0, 1)) }
}

twin! {
    /// Retry calling a lowered fn that fails; the error moved out of the last attempt.
    p33a_retry_lowered_callee {
        lower! {
            pub async fn op(i: u32, good: u32) -> Result<u32, AppE33> {
                let _c = Tracker::new("call");
                let v = io33("op", i, i == good).await?;
                Ok(v + 1)
            }
            pub async fn f(good: u32) -> Result<u32, AppE33> {
                let mut last = None;
                for i in 0..3 {
                    match op(i, good).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            log(format!("attempt {i} failed"));
                            last = Some(e);
                        }
                    }
                }
                step("give-up").await;
                Err(last.unwrap())
            }
        }
    }
    run { pair(f(1), f(7)) }
}

twin! {
    /// Retry whose failing error holds a tracker, dropped on each `continue`.
    p33a_retry_error_with_tracker {
        lower! {
            pub async fn f(succeed_at: u32) -> Result<u32, AppE33> {
                let mut n = 0;
                loop {
                    let r: Result<u32, GuardE33> = leaf("op", if n >= succeed_at { Ok(n) } else { Err(GuardE33(Tracker::new("eg"), n)) }).await;
                    match r {
                        Ok(v) => break Ok(v),
                        Err(e) if n < 2 => {
                            log(format!("retry {}", e.1));
                            n += 1;
                            step("wait").await;
                            continue;
                        }
                        Err(GuardE33(t, code)) => break Err(AppE33::Held(t)).map(|x: u32| x + code),
                    }
                }
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(5)) }
}

twin! {
    /// A lowered fn calling a lowered fn whose error converts through `?`.
    p33a_lowered_chain_q {
        lower! {
            pub async fn low(v: u32, ok: bool) -> Result<u32, IoE33> {
                let _l = Tracker::new("low");
                let x = io33("low", v, ok).await?;
                step("low-after").await;
                Ok(x + 1)
            }
            pub async fn mid(v: u32, ok: bool) -> Result<u32, AppE33> {
                let _m = Tracker::new("mid");
                let x = low(v, ok).await?;
                Ok(x * 2)
            }
            pub async fn top(v: u32, ok: bool) -> Result<String, AppE33> {
                let _t = Tracker::new("top");
                let x = mid(v, ok).await?;
                step("top").await;
                Ok(format!("r{x}"))
            }
        }
    }
    run { pair(top(1, true), top(2, false)) }
}

twin! {
    /// The caller recovers from a callee's error in a `match`.
    p33a_lowered_recover {
        lower! {
            pub async fn fetch(k: u32) -> Result<u32, AppE33> {
                let _f = Tracker::new("fetch");
                if k == 0 {
                    step("zero").await;
                    return Err(AppE33::Missing("zero"));
                }
                Ok(leaf("fetch", k).await)
            }
            pub async fn f(k: u32) -> u32 {
                let _t = Tracker::new("t");
                match fetch(k).await {
                    Ok(v) => v,
                    Err(AppE33::Missing(what)) => {
                        log(format!("missing {what}"));
                        fetch(k + 1).await.unwrap_or(0) + 100
                    }
                    Err(_) => 0,
                }
            }
        }
    }
    run { pair(f(3), f(0)) }
}

twin! {
    /// The callee's error returned, the caller's `?` in an expression holding a temporary.
    p33a_lowered_q_in_temp_expr {
        lower! {
            pub async fn get(k: u32) -> Result<u32, AppE33> {
                Ok(io33("get", k, k < 5).await?)
            }
            pub async fn f(a: u32, b: u32) -> Result<usize, AppE33> {
                let s = format!("{}-{}", get(a).await?, Tracker::new("tmp").name()).len() + get(b).await? as usize;
                step("s").await;
                Ok(s)
            }
        }
    }
    run { pair(pair(f(1, 2), f(7, 2)), f(1, 9)) }
}

twin! {
    /// `Option` with `?` after awaits, trackers live.
    p33a_option_q_basic {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>) -> Option<u32> {
                let _t = Tracker::new("t");
                let x = leaf("a", a).await?;
                let _u = Tracker::new("u");
                let y = leaf("b", b).await?;
                step("s").await;
                Some(x + y)
            }
        }
    }
    run { pair(pair(f(Some(1), Some(2)), f(None, Some(2))), f(Some(1), None)) }
}

twin! {
    /// `v.get(i)?` and `checked_add(..)?` between awaits.
    p33a_option_get_checked {
        lower! {
            pub async fn f(v: Vec<u32>, i: usize) -> Option<u32> {
                let _t = Tracker::new("t");
                let n = leaf("n", i).await;
                let x = *v.get(n)?;
                step("s").await;
                let y = x.checked_add(leaf("add", u32::MAX - 5).await)?;
                Some(y)
            }
        }
    }
    run { pair(pair(f(vec![1, 2], 0), f(vec![1, 2], 5)), f(vec![1, 9], 1)) }
}

twin! {
    /// `let Some(x) = .. else { return Err(..) }` with awaits on both sides.
    p33a_let_else_basic {
        lower! {
            pub async fn f(o: Option<u32>) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let Some(x) = leaf("get", o).await else {
                    return Err(AppE33::Missing("x"));
                };
                let y = leaf("y", x + 1).await;
                Ok(y)
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// `let .. else` whose `else` awaits before returning, trackers live.
    p33a_let_else_awaits {
        lower! {
            pub async fn f(o: Option<u32>) -> Result<u32, AppE33> {
                let _a = Tracker::new("a");
                step("s").await;
                let _b = Tracker::new("b");
                let Some(x) = leaf("get", o).await else {
                    let _e = Tracker::new("else");
                    step("cleanup").await;
                    return Err(AppE33::Missing("x"));
                };
                let _c = Tracker::new("c");
                Ok(leaf("y", x).await)
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// `let .. else` on a tuple of two awaited options.
    p33a_let_else_tuple {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let (Some(x), Some(y)) = (leaf("a", a).await, leaf("b", b).await) else {
                    return Err(AppE33::Missing("pair"));
                };
                step("s").await;
                Ok(x * y)
            }
        }
    }
    run { pair(pair(f(Some(2), Some(3)), f(None, Some(3))), f(Some(2), None)) }
}

twin! {
    /// `let .. else` binding a tracker from an enum, then awaits.
    p33a_let_else_tracker_binding {
        pub enum Slot {
            Full(Tracker, u32),
            Empty,
        }
        lower! {
            pub async fn f(s: Slot) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                step("s").await;
                let Slot::Full(g, n) = s else {
                    step("empty").await;
                    return Err(AppE33::Missing("slot"));
                };
                let v = leaf("use", n).await;
                log(format!("used {}", g.name()));
                Ok(v)
            }
        }
    }
    run { pair(f(Slot::Full(Tracker::new("g"), 4)), f(Slot::Empty)) }
}

twin! {
    /// A panic after awaits with trackers live vs an error on another input.
    p33a_panic_vs_error {
        lower! {
            pub async fn f(mode: u32) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let v = leaf("a", mode).await;
                let _u = Tracker::new("u");
                if v == 1 {
                    return Err(AppE33::Io(v));
                }
                if v == 2 {
                    panic!("bad mode {v}");
                }
                step("s").await;
                Ok(v)
            }
        }
    }
    run { f(2) }
}

twin! {
    /// `.unwrap()` of an awaited `Err` panics with the error's `Debug`.
    p33a_unwrap_panics {
        lower! {
            pub async fn f(ok: bool) -> u32 {
                let _t = Tracker::new("t");
                let a = Tracker::new("a");
                let v = io33("a", 3, ok).await.unwrap();
                drop(a);
                step("s").await;
                v
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `.expect(..)` of a `None` inside a loop, trackers in the loop.
    p33a_expect_in_loop {
        lower! {
            pub async fn f(items: Vec<Option<u32>>) -> u32 {
                let _t = Tracker::new("t");
                let mut s = 0;
                for o in items {
                    let _i = Tracker::new("i");
                    s += leaf("o", o).await.expect("missing item");
                }
                s
            }
        }
    }
    run { pair(f(vec![Some(1), Some(2)]), f(vec![Some(1), None, Some(3)])) }
}

twin! {
    /// A `boom` leaf inside a fn returning `Result`, after a `?` that passed.
    p33a_boom_in_result_fn {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let v = io33("a", 3, ok).await?;
                let _u = Tracker::new("u");
                let w = boom("b").await;
                Ok(v + w)
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// A `&mut self` service method returning `Result`, counters updated around `?`.
    p33a_svc_fetch {
        pub struct Svc {
            pub hits: u32,
            pub errors: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn fetch(&mut self, k: u32) -> Result<u32, AppE33> {
                    self.hits += 1;
                    let _g = Tracker::new("req");
                    let v = match io33("fetch", k, k % 2 == 0).await {
                        Ok(v) => v,
                        Err(e) => {
                            self.errors += 1;
                            return Err(e.into());
                        }
                    };
                    step("post").await;
                    Ok(v * 10 + self.hits)
                }
            }
        }
        pub async fn go() -> (Result<u32, AppE33>, Result<u32, AppE33>, u32, u32) {
            let mut s = Svc { hits: 0, errors: 0, t: Tracker::new("svc") };
            let a = s.fetch(2).await;
            let b = s.fetch(3).await;
            log(format!("svc {}", s.t.name()));
            (a, b, s.hits, s.errors)
        }
    }
    run { go() }
}

twin! {
    /// Lowered `&mut self` methods calling each other with `?` in a loop.
    p33a_svc_batch_q {
        pub struct Store {
            pub items: Vec<u32>,
            pub log_t: Tracker,
        }
        impl Store {
            lower! {
                pub async fn put(&mut self, v: u32) -> Result<(), AppE33> {
                    let ok = io33("put", v, v != 13).await?;
                    self.items.push(ok);
                    Ok(())
                }
                pub async fn put_all(&mut self, vs: Vec<u32>) -> Result<usize, AppE33> {
                    let _b = Tracker::new("batch");
                    for v in vs {
                        self.put(v).await?;
                    }
                    step("flush").await;
                    Ok(self.items.len())
                }
            }
        }
        lower! {
            pub async fn go(vs: Vec<u32>) -> (Result<usize, AppE33>, Vec<u32>) {
                let mut s = Store { items: vec![], log_t: Tracker::new("store") };
                let r = s.put_all(vs).await;
                step("end").await;
                (r, s.items.clone())
            }
        }
    }
    run { pair(go(vec![1, 2, 3]), go(vec![1, 13, 3])) }
}

twin! {
    /// A cache service: `ok_or` on a miss, a fill path that can fail.
    p33a_svc_cache {
        pub struct Cache {
            pub map: BTreeMap<u32, String>,
            pub misses: u32,
        }
        impl Cache {
            lower! {
                pub async fn get(&mut self, k: u32) -> Result<String, AppE33> {
                    if let Some(v) = self.map.get(&k) {
                        let v = v.clone();
                        step("hit").await;
                        return Ok(v);
                    }
                    self.misses += 1;
                    let raw = io33("load", k, k < 10).await?;
                    let s = format!("v{raw}");
                    self.map.insert(k, s.clone());
                    Ok(s)
                }
            }
        }
        lower! {
            pub async fn go(keys: Vec<u32>) -> Result<(Vec<String>, u32), AppE33> {
                let mut c = Cache { map: BTreeMap::new(), misses: 0 };
                let _t = Tracker::new("t");
                let mut out = vec![];
                for k in keys {
                    out.push(c.get(k).await?);
                }
                Ok((out, c.misses))
            }
        }
    }
    run { pair(go(vec![1, 2, 1]), go(vec![1, 12, 1])) }
}

twin! {
    /// A `&mut self` retry method using a field as the counter.
    p33a_svc_retry_field {
        pub struct Client {
            pub attempts: u32,
            pub good_at: u32,
        }
        impl Client {
            lower! {
                pub async fn call(&mut self) -> Result<u32, AppE33> {
                    loop {
                        let _a = Tracker::new("try");
                        match io33("call", self.attempts, self.attempts >= self.good_at).await {
                            Ok(v) => return Ok(v),
                            Err(e) if self.attempts < 2 => {
                                self.attempts += 1;
                                log(format!("retry {}", e.0));
                            }
                            Err(e) => return Err(AppE33::Retry { tries: self.attempts, last: e.0 }),
                        }
                    }
                }
            }
        }
        pub async fn go(good_at: u32) -> (Result<u32, AppE33>, u32) {
            let mut c = Client { attempts: 0, good_at };
            let r = c.call().await;
            (r, c.attempts)
        }
    }
    run { pair(go(1), go(5)) }
}

twin! {
    /// A `&mut self` method whose error takes a tracker out of `self` with `mem::take`-like
    /// `Option::take`.
    p33a_svc_error_takes_field {
        pub struct Conn {
            pub guard: Option<Tracker>,
            pub n: u32,
        }
        impl Conn {
            lower! {
                pub async fn send(&mut self, ok: bool) -> Result<u32, AppE33> {
                    self.n += 1;
                    let r = io33("send", self.n, ok).await;
                    if r.is_err() {
                        step("close").await;
                        let g = self.guard.take().ok_or(AppE33::Missing("guard"))?;
                        return Err(AppE33::Held(g));
                    }
                    Ok(r? + 10)
                }
            }
        }
        pub async fn go() -> (Result<u32, AppE33>, Result<u32, AppE33>, Result<u32, AppE33>) {
            let mut c = Conn { guard: Some(Tracker::new("guard")), n: 0 };
            let a = c.send(true).await;
            let b = c.send(false).await;
            let d = c.send(false).await;
            (a, b, d)
        }
    }
    run { go() }
}

twin! {
    /// Realistic: a request handler parsing, authorising, loading and formatting, with
    /// a guard tracker and an early error at each stage.
    p33a_real_handler {
        #[derive(Debug)]
        pub enum HErr {
            BadRequest(String),
            Forbidden { user: String },
            NotFound(u32),
            Backend(u32),
        }
        impl From<IoE33> for HErr {
            fn from(e: IoE33) -> Self {
                log(format!("backend {}", e.0));
                HErr::Backend(e.0)
            }
        }
        lower! {
            pub async fn handle(req: &'static str, allow: bool, db_ok: bool) -> Result<String, HErr> {
                let _span = Tracker::new("span");
                let body = leaf("read", req).await;
                let (user, id) = body.split_once(':').ok_or_else(|| HErr::BadRequest(body.to_string()))?;
                let id: u32 = id.parse().map_err(|_| HErr::BadRequest(format!("id {id}")))?;
                let _auth = Tracker::new("auth");
                let ok = leaf("authz", allow).await;
                if !ok {
                    step("audit").await;
                    return Err(HErr::Forbidden { user: user.to_string() });
                }
                let row = io33("db", id, db_ok).await?;
                let _conn = Tracker::new("conn");
                if row == 0 {
                    return Err(HErr::NotFound(id));
                }
                let name = leaf("render", format!("{user}/{row}")).await;
                step("respond").await;
                Ok(name)
            }
        }
    }
    run { pair(pair(handle("ann:3", true, true), handle("bob", true, true)), pair(handle("cy:x", true, true), handle("dee:4", false, true))) }
}

twin! {
    /// Realistic: a config loader reading keys, with defaults, validation errors and a
    /// `Result<Option<_>>` per key.
    p33a_real_config_loader {
        #[derive(Debug)]
        pub struct Config {
            pub port: u32,
            pub workers: u32,
            pub name: String,
        }
        lower! {
            pub async fn read_key(src: &BTreeMap<&'static str, &'static str>, k: &'static str) -> Result<Option<u32>, AppE33> {
                let raw = leaf("key", src.get(k).copied()).await;
                match raw {
                    None => Ok(None),
                    Some(s) => Ok(Some(s.parse::<u32>()?)),
                }
            }
            pub async fn load(pairs: Vec<(&'static str, &'static str)>) -> Result<Config, AppE33> {
                let _l = Tracker::new("loader");
                let src: BTreeMap<_, _> = pairs.into_iter().collect();
                let port = read_key(&src, "port").await?.ok_or(AppE33::Missing("port"))?;
                let workers = read_key(&src, "workers").await?.unwrap_or(4);
                if workers == 0 || workers > 64 {
                    step("invalid").await;
                    return Err(AppE33::Many(vec![workers]));
                }
                let name = leaf("name", src.get("name").map(|s| s.to_string())).await.unwrap_or_else(|| format!("srv-{port}"));
                step("done").await;
                Ok(Config { port, workers, name })
            }
        }
    }
    run {
        pair(
            pair(load(vec![("port", "80")]), load(vec![("port", "x")])),
            pair(load(vec![("workers", "2")]), load(vec![("port", "1"), ("workers", "0"), ("name", "n")])),
        )
    }
}

twin! {
    /// Realistic: a transaction with a rollback guard committed only on success.
    p33a_real_transaction {
        pub struct Tx {
            pub committed: bool,
            pub ops: Vec<u32>,
        }
        impl Drop for Tx {
            fn drop(&mut self) {
                if self.committed {
                    log(format!("tx dropped committed {:?}", self.ops));
                } else {
                    log(format!("tx rollback {:?}", self.ops));
                }
            }
        }
        lower! {
            pub async fn transfer(amounts: Vec<u32>, fail_on: u32) -> Result<u32, AppE33> {
                let mut tx = Tx { committed: false, ops: vec![] };
                let _lock = Tracker::new("lock");
                let mut total = 0;
                for a in amounts {
                    let v = io33("debit", a, a != fail_on).await?;
                    tx.ops.push(v);
                    total += v;
                    step("credit").await;
                }
                if total > 100 {
                    return Err(AppE33::Retry { tries: 0, last: total });
                }
                leaf("commit", ()).await;
                tx.committed = true;
                Ok(total)
            }
        }
    }
    run { pair(pair(transfer(vec![1, 2], 99), transfer(vec![1, 2, 3], 2)), transfer(vec![60, 50], 0)) }
}

twin! {
    /// Realistic: a batch processor that collects per-item errors and fails on too many.
    p33a_real_batch_collect_errors {
        lower! {
            pub async fn process(item: u32) -> Result<u32, AppE33> {
                let _p = Tracker::new("proc");
                if item % 4 == 0 {
                    step("reject").await;
                    return Err(AppE33::Parse(format!("item {item}")));
                }
                Ok(io33("work", item, item != 7).await? * 2)
            }
            pub async fn batch(items: Vec<u32>) -> Result<(Vec<u32>, Vec<String>), AppE33> {
                let _b = Tracker::new("batch");
                let mut ok = vec![];
                let mut errs = vec![];
                for it in items {
                    match process(it).await {
                        Ok(v) => ok.push(v),
                        Err(AppE33::Parse(msg)) => errs.push(msg),
                        Err(e) => {
                            log(format!("fatal {:?}", e));
                            return Err(e);
                        }
                    }
                    if errs.len() > 1 {
                        return Err(AppE33::Many(ok));
                    }
                }
                Ok((ok, errs))
            }
        }
    }
    run { pair(pair(batch(vec![1, 2, 4]), batch(vec![4, 8, 1])), batch(vec![1, 7, 2])) }
}

twin! {
    /// Realistic: a parser state machine with `?` from nested helper calls.
    p33a_real_parse_records {
        #[derive(Debug)]
        pub struct Record {
            pub key: String,
            pub val: u32,
        }
        lower! {
            pub async fn parse_line(line: &'static str) -> Result<Record, AppE33> {
                let line = leaf("line", line).await;
                let mut parts = line.splitn(2, '=');
                let key = parts.next().filter(|k| !k.is_empty()).ok_or(AppE33::Missing("key"))?;
                let val = parts.next().ok_or(AppE33::Missing("val"))?.trim().parse::<u32>()?;
                Ok(Record { key: key.to_string(), val })
            }
            pub async fn parse_all(lines: Vec<&'static str>) -> Result<Vec<Record>, AppE33> {
                let _t = Tracker::new("parse");
                let mut out = Vec::with_capacity(lines.len());
                for (i, l) in lines.into_iter().enumerate() {
                    let _line = Tracker::new("line");
                    let r = parse_line(l).await.map_err(|e| {
                        log(format!("line {i}: {e}"));
                        e
                    })?;
                    out.push(r);
                }
                step("done").await;
                Ok(out)
            }
        }
    }
    run { pair(pair(parse_all(vec!["a=1", "b= 2"]), parse_all(vec!["a=1", "=2"])), pair(parse_all(vec!["a"]), parse_all(vec!["a=1", "b=x"]))) }
}

twin! {
    /// Realistic: a connection pool checkout with a fallback and an error holding the
    /// guard's name.
    p33a_real_pool_checkout {
        pub struct Pool {
            pub free: Vec<Tracker>,
            pub created: u32,
            pub max: u32,
        }
        impl Pool {
            lower! {
                pub async fn checkout(&mut self) -> Result<Tracker, AppE33> {
                    if let Some(c) = self.free.pop() {
                        step("reuse").await;
                        return Ok(c);
                    }
                    if self.created >= self.max {
                        step("exhausted").await;
                        return Err(AppE33::Retry { tries: self.created, last: self.max });
                    }
                    let ok = io33("connect", self.created, self.created != 1).await?;
                    self.created += 1;
                    Ok(Tracker::new(if ok == 0 { "c0" } else { "cN" }))
                }
            }
        }
        lower! {
            pub async fn go(max: u32) -> Result<u32, AppE33> {
                let mut p = Pool { free: vec![], created: 0, max };
                let a = p.checkout().await?;
                step("use a").await;
                p.free.push(a);
                let b = p.checkout().await?;
                let c = p.checkout().await?;
                log(format!("have {} {}", b.name(), c.name()));
                Ok(p.created)
            }
        }
    }
    run { pair(go(0), go(1)) }
}

/// A guard error converted into the application error, moving its tracker.
impl From<GuardE33> for AppE33 {
    fn from(e: GuardE33) -> Self {
        log(format!("from guard {} {}", e.0.name(), e.1));
        AppE33::Held(e.0)
    }
}

/// A leaf resolving to `Ok(v)` or an error holding a new tracker `name`.
pub fn guarded33(leaf_name: &'static str, v: u32, ok: bool, name: &'static str) -> Leaf<Result<u32, GuardE33>> {
    leaf(leaf_name, if ok { Ok(v) } else { Err(GuardE33(Tracker::new(name), v)) })
}

twin! {
    /// `?` converting an error holding a tracker with `From` after an await.
    p33a_x_guard_error_from {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let v = guarded33("g", 3, ok, "eg").await?;
                let _u = Tracker::new("u");
                step("s").await;
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `?` inside an `async` block in the lowered fn: it returns from the block only.
    p33a_x_q_in_async_block {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let r: Result<u32, AppE33> = async {
                    let _b = Tracker::new("blk");
                    let v = io33("in", 2, ok).await?;
                    Ok(v + 1)
                }
                .await;
                step("after-block").await;
                log(format!("block {:?}", r.is_ok()));
                Ok(r.unwrap_or(77))
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `?` inside an `async move` block capturing a tracker.
    p33a_x_q_in_async_move_block {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let cap = Tracker::new("cap");
                let fut = async move {
                    let v = io33("in", 2, ok).await?;
                    log(format!("in {}", cap.name()));
                    Ok::<u32, AppE33>(v)
                };
                step("before").await;
                let v = fut.await?;
                Ok(v * 2)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Awaited results collected, then `collect::<Result<Vec<_>, _>>()?`.
    p33a_x_collect_result_vec {
        lower! {
            pub async fn f(oks: Vec<bool>) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let mut rs = Vec::new();
                for (i, ok) in oks.into_iter().enumerate() {
                    rs.push(io33("r", i as u32, ok).await);
                }
                let vs: Vec<u32> = rs.into_iter().collect::<Result<Vec<_>, _>>()?;
                step("sum").await;
                Ok(vs.iter().sum())
            }
        }
    }
    run { pair(f(vec![true, true, true]), f(vec![true, false, false])) }
}

twin! {
    /// `format!` with an awaited `?` argument.
    p33a_x_await_q_in_format {
        lower! {
            pub async fn f(ok: bool) -> Result<String, AppE33> {
                let _t = Tracker::new("t");
                let s = format!("{}-{}", leaf("a", 1).await, io33("b", 2, ok).await?);
                step("s").await;
                Ok(s)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `write!(s, ..)?` (a `fmt::Error` converted to `Box<dyn Error>`) with awaited args.
    p33a_x_write_macro_q {
        lower! {
            pub async fn f(n: u32) -> Result<String, Box<dyn std::error::Error>> {
                use std::fmt::Write;
                let _t = Tracker::new("t");
                let mut s = String::new();
                for i in 0..n {
                    write!(s, "[{}]", leaf("item", i).await)?;
                }
                let v = io33("tail", n, n < 3).await?;
                write!(s, "={v}")?;
                Ok(s)
            }
        }
    }
    run { pair(f(2), f(3)) }
}

twin! {
    /// `matches!` and `assert!` on awaited results.
    p33a_x_matches_assert {
        lower! {
            pub async fn f(ok: bool) -> u32 {
                let _t = Tracker::new("t");
                let good = matches!(io33("a", 1, ok).await, Ok(1));
                log(format!("good {good}"));
                assert!(io33("b", 2, true).await.is_ok(), "b failed");
                assert!(good, "a failed with {}", leaf("why", 5).await);
                3
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Edition-2024 tail temporaries: a tracker temporary in the tail `Ok(..)` with `?`.
    p33a_x_tail_temp_q {
        pub fn wrap(t: &Tracker, v: u32) -> u32 {
            v + t.name().len() as u32
        }
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let _l = Tracker::new("local");
                step("s").await;
                Ok(wrap(&Tracker::new("tmp"), io33("a", 3, ok).await?))
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `if let Ok(v) = tmp.check(x.await)` with a temporary tracker, and an `else` that
    /// awaits (2024: the temporary drops before `else`).
    p33a_x_if_let_temp_else {
        pub struct Chk(pub Tracker);
        impl Chk {
            pub fn check(&self, r: Result<u32, IoE33>) -> Result<u32, IoE33> {
                log(format!("check by {}", self.0.name()));
                r
            }
        }
        lower! {
            pub async fn f(ok: bool) -> u32 {
                let _t = Tracker::new("t");
                if let Ok(v) = Chk(Tracker::new("chk")).check(io33("a", 4, ok).await) {
                    step("then").await;
                    v
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `match` scrutinee temporary tracker kept through the arms' awaits and `?`.
    p33a_x_match_temp_scrutinee_q {
        pub struct Chk(pub Tracker);
        impl Chk {
            pub fn check(&self, r: Result<u32, IoE33>) -> Result<u32, IoE33> {
                log(format!("check by {}", self.0.name()));
                r
            }
        }
        lower! {
            pub async fn f(ok: bool, ok2: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let v = match Chk(Tracker::new("chk")).check(io33("a", 4, ok).await) {
                    Ok(v) => io33("b", v, ok2).await?,
                    Err(e) => {
                        step("err").await;
                        return Err(e.into());
                    }
                };
                step("s").await;
                Ok(v)
            }
        }
    }
    run { pair(pair(f(true, true), f(true, false)), f(false, true)) }
}

twin! {
    /// A let chain of two awaited results.
    p33a_x_let_chain_results {
        lower! {
            pub async fn f(a: bool, b: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                if let Ok(x) = io33("a", 1, a).await
                    && let Ok(y) = io33("b", 2, b).await
                {
                    let _in = Tracker::new("in");
                    step("both").await;
                    return Ok(x + y);
                }
                step("fallback").await;
                Err(AppE33::Missing("both"))
            }
        }
    }
    run { pair(pair(f(true, true), f(false, true)), f(true, false)) }
}

twin! {
    /// `while let Some(x) = next().await?` with the `?` in the scrutinee.
    p33a_x_while_let_q_scrutinee {
        lower! {
            pub async fn f(items: Vec<Result<Option<u32>, IoE33>>) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let mut it = items.into_iter();
                let mut s = 0;
                while let Some(x) = leaf("next", it.next().unwrap_or(Ok(None))).await? {
                    let _g = Tracker::new("g");
                    s += leaf("x", x).await;
                }
                Ok(s)
            }
        }
    }
    run { pair(f(vec![Ok(Some(1)), Ok(Some(2)), Ok(None)]), f(vec![Ok(Some(1)), Err(IoE33(5))])) }
}

twin! {
    /// A labeled block producing a `Result`, breaking out with `Err` after an await.
    p33a_x_labeled_block_result {
        lower! {
            pub async fn f(v: u32) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let r: Result<u32, AppE33> = 'b: {
                    let _g = Tracker::new("g");
                    let x = leaf("x", v).await;
                    if x == 0 {
                        break 'b Err(AppE33::Missing("zero"));
                    }
                    let y = leaf("y", x * 2).await;
                    if y > 10 {
                        break 'b Err(AppE33::Io(y));
                    }
                    Ok(y)
                };
                step("after").await;
                let v = r?;
                Ok(v)
            }
        }
    }
    run { pair(pair(f(2), f(0)), f(9)) }
}

twin! {
    /// A generic retry helper taking a closure that returns a future.
    p33a_x_generic_retry_helper {
        lower! {
            pub async fn retry<F, Fut, T>(max: u32, mut op: F) -> Result<T, AppE33>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<T, IoE33>>,
            {
                let _r = Tracker::new("retry");
                let mut n = 0;
                loop {
                    match op(n).await {
                        Ok(v) => return Ok(v),
                        Err(e) if n + 1 < max => {
                            log(format!("attempt {n} failed: {}", e.0));
                            n += 1;
                            step("backoff").await;
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
            }
            pub async fn f(good: u32) -> Result<u32, AppE33> {
                let v = retry(3, |i| io33("op", i, i >= good)).await?;
                Ok(v + 100)
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(3)) }
}

twin! {
    /// A lowered fn generic over its error type, `E: From<IoE33>`.
    p33a_x_generic_error_type {
        lower! {
            pub async fn get<E: From<IoE33>>(v: u32, ok: bool) -> Result<u32, E> {
                let _g = Tracker::new("get");
                let x = io33("get", v, ok).await?;
                step("s").await;
                Ok(x)
            }
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let a = get::<AppE33>(1, true).await?;
                let b = get::<AppE33>(2, ok).await?;
                Ok(a + b)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A trait with an `async fn` returning `Result`, implemented by a lowered method.
    p33a_x_trait_async_result {
        pub trait Repo {
            fn load(&mut self, id: u32) -> impl Future<Output = Result<String, AppE33>>;
        }
        pub struct Mem {
            pub rows: Vec<&'static str>,
            pub loads: u32,
        }
        impl Repo for Mem {
            lower! {
                async fn load(&mut self, id: u32) -> Result<String, AppE33> {
                    self.loads += 1;
                    let _q = Tracker::new("query");
                    let i = leaf("idx", id as usize).await;
                    let row = self.rows.get(i).ok_or(AppE33::Missing("row"))?;
                    step("decode").await;
                    Ok(row.to_uppercase())
                }
            }
        }
        lower! {
            pub async fn go(ids: Vec<u32>) -> Result<Vec<String>, AppE33> {
                let mut m = Mem { rows: vec!["a", "b"], loads: 0 };
                let mut out = vec![];
                for id in ids {
                    out.push(m.load(id).await?);
                }
                log(format!("loads {}", m.loads));
                Ok(out)
            }
        }
    }
    run { pair(go(vec![0, 1]), go(vec![1, 5, 0])) }
}

twin! {
    /// `if let Err(e) = res { return Err(..) }` then `res` used again after an await.
    p33a_x_if_let_err_then_reuse {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let res: Result<Tracker, GuardE33> = leaf("op", if ok { Ok(Tracker::new("okv")) } else { Err(GuardE33(Tracker::new("ev"), 2)) }).await;
                if let Err(e) = res {
                    step("fail").await;
                    return Err(e.into());
                }
                step("s").await;
                let t = res.unwrap_or_else(|_| unreachable!());
                log(format!("got {}", t.name()));
                Ok(1)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `let v = match res { Ok(v) => v, Err(e) => return Err(e.into()) }` with trackers on
    /// both sides of the `Result`.
    p33a_x_match_res_tracker_both {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let _a = Tracker::new("a");
                let res: Result<Tracker, GuardE33> = leaf("op", if ok { Ok(Tracker::new("okv")) } else { Err(GuardE33(Tracker::new("ev"), 2)) }).await;
                let v = match res {
                    Ok(v) => v,
                    Err(e) => return Err(e.into()),
                };
                let _b = Tracker::new("b");
                step("s").await;
                log(format!("v {}", v.name()));
                Ok(2)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `return` from inside a `match` nested in a `let` tuple holding a tracker temporary.
    p33a_x_return_from_let_tuple {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let p = (Tracker::new("tmp"), match io33("a", 3, ok).await {
                    Ok(v) => v,
                    Err(e) => {
                        step("err").await;
                        return Err(e.into());
                    }
                });
                step("s").await;
                Ok(p.1)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `unwrap()` of an error holding a tracker: the error drops while unwinding.
    p33a_x_unwrap_error_with_tracker {
        lower! {
            pub async fn f(ok: bool) -> u32 {
                let _t = Tracker::new("t");
                let r = guarded33("g", 5, ok, "eg").await;
                let _u = Tracker::new("u");
                step("s").await;
                r.unwrap()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A panic while an error value holding a tracker is alive.
    p33a_x_boom_with_error_alive {
        lower! {
            pub async fn f() -> Result<u32, AppE33> {
                let r = guarded33("g", 5, false, "eg").await;
                let _t = Tracker::new("t");
                let w = boom("b").await;
                r.map_err(AppE33::from).map(|v| v + w)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `From` impl that panics during `?` conversion after an await.
    p33a_x_from_panics {
        #[derive(Debug)]
        pub struct Strict(pub u32);
        impl From<IoE33> for Strict {
            fn from(e: IoE33) -> Self {
                if e.0 > 5 {
                    panic!("cannot convert {}", e.0);
                }
                Strict(e.0)
            }
        }
        lower! {
            pub async fn f(v: u32) -> Result<u32, Strict> {
                let _t = Tracker::new("t");
                let x = io33("a", v, false).await?;
                Ok(x)
            }
        }
    }
    run { pair(f(3), f(9)) }
}

twin! {
    /// `?` on a field of a struct local (`cfg.name.take().ok_or(..)?`), other fields used
    /// after an await.
    p33a_x_field_take_ok_or {
        pub struct Cfg {
            pub name: Option<String>,
            pub guard: Tracker,
            pub n: u32,
        }
        lower! {
            pub async fn f(mut cfg: Cfg) -> Result<String, AppE33> {
                step("s").await;
                let name = cfg.name.take().ok_or(AppE33::Missing("name"))?;
                let v = leaf("v", cfg.n).await;
                log(format!("guard {}", cfg.guard.name()));
                Ok(format!("{name}{v}"))
            }
        }
    }
    run { pair(f(Cfg { name: Some("x".into()), guard: Tracker::new("g1"), n: 1 }), f(Cfg { name: None, guard: Tracker::new("g2"), n: 2 })) }
}

twin! {
    /// `?` on a moved-out field (`cfg.name?` on an `Option<String>` field) of a by-value
    /// parameter, the other fields read after an await.
    p33a_x_field_move_q {
        pub struct Cfg {
            pub name: Option<String>,
            pub guard: Tracker,
            pub n: u32,
        }
        lower! {
            pub async fn f(cfg: Cfg) -> Option<String> {
                step("s").await;
                let name = cfg.name?;
                let v = leaf("v", cfg.n).await;
                log(format!("guard {}", cfg.guard.name()));
                Some(format!("{name}{v}"))
            }
        }
    }
    run { pair(f(Cfg { name: Some("x".into()), guard: Tracker::new("g1"), n: 1 }), f(Cfg { name: None, guard: Tracker::new("g2"), n: 2 })) }
}

twin! {
    /// `loop` breaking with `Err(e)` from a `match`, then `?` on the loop's value.
    p33a_x_break_err_value {
        lower! {
            pub async fn f(bad: u32) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let mut i = 0;
                let r: Result<u32, IoE33> = loop {
                    let _g = Tracker::new("g");
                    let x = match io33("op", i, i != bad).await {
                        Ok(v) => v,
                        Err(e) => break Err(e),
                    };
                    if x >= 3 {
                        break Ok(x);
                    }
                    i += 1;
                };
                step("after").await;
                Ok(r? * 2)
            }
        }
    }
    run { pair(f(9), f(1)) }
}

twin! {
    /// `match &res` borrowing the error across an await in the arm.
    p33a_x_match_ref_err_await {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let res = guarded33("g", 4, ok, "eg").await;
                match &res {
                    Ok(v) => log(format!("ok {v}")),
                    Err(e) => {
                        step("inspect").await;
                        log(format!("err {} {}", e.0.name(), e.1));
                    }
                }
                step("s").await;
                Ok(res?)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

// Known gap: already known (README): a `match` with a `ref` arm that awaits and an arm that moves the same local (E0507/E0505)
#[cfg(feature = "known-gaps")]
twin! {
    /// A `ref` binding in an `Err` arm with a guard, awaiting in the arm, then a moving arm.
    p33a_x_ref_err_guard_then_move {
        lower! {
            pub async fn f(v: u32, ok: bool) -> Result<u32, AppE33> {
                let res = guarded33("g", v, ok, "eg").await;
                let x = match res {
                    Ok(x) => x,
                    Err(ref e) if e.1 < 3 => {
                        step("small").await;
                        e.1 * 100
                    }
                    Err(e) => return Err(e.into()),
                };
                step("s").await;
                Ok(x)
            }
        }
    }
    run { pair(pair(f(1, true), f(1, false)), f(5, false)) }
}

twin! {
    /// `for x in v.iter_mut()` with an early `return Err` after an await.
    p33a_x_iter_mut_early_err {
        lower! {
            pub async fn f(mut v: Vec<u32>, bad: u32) -> Result<Vec<u32>, AppE33> {
                let _t = Tracker::new("t");
                for x in v.iter_mut() {
                    let y = io33("op", *x, *x != bad).await?;
                    *x = y * 2;
                }
                step("s").await;
                Ok(v)
            }
        }
    }
    run { pair(f(vec![1, 2, 3], 9), f(vec![1, 2, 3], 2)) }
}

twin! {
    /// Explicit `drop(guard)` before `return Err(..)` in an arm.
    p33a_x_drop_guard_before_return {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let guard = Tracker::new("guard");
                let _other = Tracker::new("other");
                let v = match io33("a", 4, ok).await {
                    Ok(v) => v,
                    Err(e) => {
                        drop(guard);
                        step("after-drop").await;
                        return Err(e.into());
                    }
                };
                step("s").await;
                log(format!("still {}", guard.name()));
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Async recursion through `Box::pin` returning `Result`, failing at a depth.
    p33a_x_recursive_result {
        lower! {
            pub async fn walk(depth: u32, fail_at: u32) -> Result<u32, AppE33> {
                let _d = Tracker::new("depth");
                let v = io33("node", depth, depth != fail_at).await?;
                if depth == 0 {
                    return Ok(v);
                }
                let below: Pin<Box<dyn Future<Output = Result<u32, AppE33>>>> = Box::pin(walk(depth - 1, fail_at));
                Ok(v + below.await?)
            }
        }
    }
    run { pair(walk(2, 9), walk(2, 0)) }
}

twin! {
    /// `let (a, b) = (x.await?, y.await?)` with both results fallible.
    p33a_x_tuple_let_two_q {
        lower! {
            pub async fn f(a: bool, b: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let (x, g, y) = (io33("a", 1, a).await?, Tracker::new("mid"), io33("b", 2, b).await?);
                step("s").await;
                log(format!("mid {}", g.name()));
                Ok(x + y)
            }
        }
    }
    run { pair(pair(f(true, true), f(false, true)), f(true, false)) }
}

twin! {
    /// A `Result<(), E>` fn with several unit `?` statements and `Ok(())`.
    p33a_x_unit_q_statements {
        lower! {
            pub async fn check(v: u32) -> Result<(), AppE33> {
                if leaf("check", v).await > 5 {
                    return Err(AppE33::Io(v));
                }
                Ok(())
            }
            pub async fn f(vals: [u32; 3]) -> Result<(), AppE33> {
                let _t = Tracker::new("t");
                check(vals[0]).await?;
                let _u = Tracker::new("u");
                check(vals[1]).await?;
                check(vals[2]).await?;
                step("all").await;
                Ok(())
            }
        }
    }
    run { pair(f([1, 2, 3]), f([1, 9, 3])) }
}

twin! {
    /// Reduced: `res?` on a local a reference held across an await (kept in a frame slot).
    p33a_min_q_on_slotted_local {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, IoE33> {
                let res = io33("a", 1, ok).await;
                let r = &res;
                step("s").await;
                log(format!("{}", r.is_ok()));
                Ok(res?)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Log the error through `if let Err(e) = &res` with an await, then propagate with `?`.
    p33a_y_log_then_propagate {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let res = io33("a", 3, ok).await;
                if let Err(e) = &res {
                    step("report").await;
                    log(format!("failed with {}", e.0));
                }
                let v = res?;
                Ok(v + 1)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `res` lent to an awaited reporter, then `res?`.
    p33a_y_lent_to_await_then_q {
        lower! {
            pub async fn report(r: &Result<u32, IoE33>) -> u32 {
                step("report").await;
                log(format!("report {}", r.is_ok()));
                1
            }
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let res = io33("a", 3, ok).await;
                let n = report(&res).await;
                let v = res?;
                Ok(v + n)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// An `Option` local borrowed across an await, then `opt?`.
    p33a_y_option_slotted_q {
        lower! {
            pub async fn f(o: Option<u32>) -> Option<u32> {
                let _t = Tracker::new("t");
                let opt = leaf("a", o).await;
                let r = &opt;
                step("s").await;
                log(format!("some {}", r.is_some()));
                let v = opt?;
                Some(v * 2)
            }
        }
    }
    run { pair(f(Some(2)), f(None)) }
}

twin! {
    /// A `Result<Tracker, GuardE33>` borrowed across an await, then `?` converting it.
    p33a_y_slotted_tracker_result_q {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let _a = Tracker::new("a");
                let res: Result<Tracker, GuardE33> = leaf("op", if ok { Ok(Tracker::new("okv")) } else { Err(GuardE33(Tracker::new("ev"), 2)) }).await;
                let r = &res;
                step("s").await;
                log(format!("ok {}", r.is_ok()));
                let t = res?;
                step("after").await;
                log(format!("t {}", t.name()));
                Ok(1)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `res.as_ref().map(..)` read across an await, then `res.map_err(..)?` (a method,
    /// for comparison with the bare `?`).
    p33a_y_slotted_map_err_q {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let res = io33("a", 3, ok).await;
                let peek = res.as_ref().map(|v| *v).unwrap_or(0);
                let r = &res;
                step("s").await;
                log(format!("peek {peek} {}", r.is_ok()));
                let v = res.map_err(|e| AppE33::Io(e.0 + 1))?;
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `for` over `res.iter()` awaiting in its body, then `res?`.
    p33a_y_iter_then_q {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let res = io33("a", 3, ok).await;
                for v in res.iter() {
                    leaf("each", *v).await;
                }
                step("s").await;
                Ok(res? + 1)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `ref` arm awaiting on a result, then `res?` afterwards.
    p33a_y_ref_arm_then_q {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let res = io33("a", 3, ok).await;
                match res {
                    Ok(ref v) => {
                        step("ok").await;
                        log(format!("v {v}"));
                    }
                    Err(_) => log("err"),
                }
                Ok(res? * 2)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `&mut self` method logging `self.last` (a `Result` field) across an await, then
    /// returning `self.last.take()?`-like via `Option`.
    p33a_y_svc_field_result {
        pub struct Svc {
            pub last: Option<Result<u32, IoE33>>,
            pub n: u32,
        }
        impl Svc {
            lower! {
                pub async fn next(&mut self, ok: bool) -> Result<u32, AppE33> {
                    self.last = Some(io33("op", self.n, ok).await);
                    self.n += 1;
                    let r = &self.last;
                    step("s").await;
                    log(format!("last {}", r.is_some()));
                    let v = self.last.take().ok_or(AppE33::Missing("last"))??;
                    Ok(v)
                }
            }
        }
        pub async fn go() -> (Result<u32, AppE33>, Result<u32, AppE33>) {
            let mut s = Svc { last: None, n: 0 };
            let a = s.next(true).await;
            let b = s.next(false).await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// A borrowed-across-await `Result` local returned as the tail expression.
    p33a_z_slotted_tail_return {
        lower! {
            pub async fn f(ok: bool) -> Result<Tracker, GuardE33> {
                let _a = Tracker::new("a");
                let res: Result<Tracker, GuardE33> = leaf("op", if ok { Ok(Tracker::new("okv")) } else { Err(GuardE33(Tracker::new("ev"), 2)) }).await;
                let r = &res;
                step("s").await;
                log(format!("ok {}", r.is_ok()));
                res
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// An error local borrowed across an await, then `return Err(e.into())` and `Err(e)?`.
    p33a_z_slotted_error_returned {
        lower! {
            pub async fn f(v: u32) -> Result<u32, AppE33> {
                let e = GuardE33(Tracker::new("e"), v);
                let r = &e;
                step("s").await;
                log(format!("code {}", r.1));
                if v == 1 {
                    return Err(e.into());
                }
                if v == 2 {
                    Err(e)?;
                }
                Ok(v)
            }
        }
    }
    run { pair(pair(f(1), f(2)), f(3)) }
}

twin! {
    /// A borrowed-across-await `Result` matched by value with whole-payload arms.
    p33a_z_slotted_match_whole_payload {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let res = guarded33("g", 4, ok, "eg").await;
                let r = &res;
                step("s").await;
                log(format!("ok {}", r.is_ok()));
                let v = match res {
                    Ok(v) => v,
                    Err(e) => {
                        step("err").await;
                        return Err(e.into());
                    }
                };
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A closure borrowing the result across an await, then `res?`.
    p33a_z_closure_borrow_then_q {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let res = io33("a", 3, ok).await;
                let show = || log(format!("ok {}", res.is_ok()));
                step("s").await;
                show();
                Ok(res? + 1)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Slotted and plain trackers interleaved; `?` exits after an await: reverse order.
    p33a_w_slot_order_on_q {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let a = Tracker::new("a");
                let b = Tracker::new("b");
                let c = Tracker::new("c");
                let rb = &b;
                step("s").await;
                log(format!("rb {}", rb.name()));
                let d = Tracker::new("d");
                let rd = &d;
                let v = io33("op", 1, ok).await?;
                log(format!("{} {} {}", a.name(), c.name(), rd.name()));
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Slotted trackers declared in a loop body; `?` exits from the second iteration.
    p33a_w_slot_in_loop_q {
        lower! {
            pub async fn f(bad: u32) -> Result<u32, AppE33> {
                let _o = Tracker::new("outer");
                let mut s = 0;
                for i in 0..3 {
                    let g = Tracker::new("g");
                    let h = Tracker::new("h");
                    let rg = &g;
                    s += io33("op", i, i != bad).await?;
                    log(format!("{} {}", rg.name(), h.name()));
                }
                Ok(s)
            }
        }
    }
    run { pair(f(9), f(1)) }
}

twin! {
    /// A `&mut` to a vec of trackers held across a failing `?`.
    p33a_w_mut_ref_vec_q {
        lower! {
            pub async fn f(ok: bool) -> Result<usize, AppE33> {
                let mut v = vec![Tracker::new("v0")];
                let w = Tracker::new("w");
                let m = &mut v;
                m.push(Tracker::new("v1"));
                io33("op", 1, ok).await?;
                m.push(Tracker::new("v2"));
                step("s").await;
                log(format!("w {}", w.name()));
                Ok(v.len())
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A borrowed error string used in a `format!` error after an await (slotted local
    /// read by the error path).
    p33a_w_slotted_name_in_error {
        lower! {
            pub async fn f(name: String, ok: bool) -> Result<usize, String> {
                let _t = Tracker::new("t");
                let n = &name;
                step("s").await;
                let v = io33("op", n.len() as u32, ok).await.map_err(|e| format!("{n}: {}", e.0))?;
                Ok(v as usize + name.len())
            }
        }
    }
    run { pair(f("abc".into(), true), f("xy".into(), false)) }
}

twin! {
    /// `?` and `return` inside closures in the lowered body: they leave the closure only.
    p33a_v_q_in_closure {
        lower! {
            pub async fn f(s: &'static str, ok: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let text = leaf("read", s).await;
                let parse = |t: &str| -> Result<u32, AppE33> {
                    if t.is_empty() {
                        return Err(AppE33::Missing("empty"));
                    }
                    let n: u32 = t.parse()?;
                    Ok(n)
                };
                let first = parse(text).unwrap_or(0);
                step("s").await;
                let second = (|| {
                    let v = parse(text)?;
                    Ok::<u32, AppE33>(v + 1)
                })()?;
                let w = io33("w", second, ok).await?;
                Ok(first + w)
            }
        }
    }
    run { pair(pair(f("4", true), f("z", true)), pair(f("", true), f("4", false))) }
}

twin! {
    /// An async closure returning `Result`, called and `?`-ed in the lowered body.
    p33a_v_async_closure_q {
        lower! {
            pub async fn f(good: u32) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let g = Tracker::new("g");
                let op = async |x: u32| -> Result<u32, IoE33> {
                    log(format!("op {} {x}", g.name()));
                    io33("op", x, x >= good).await
                };
                let a = op(1).await?;
                let b = op(2).await?;
                Ok(a + b)
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(1)) }
}

twin! {
    /// A fn item declared in the body, called with `?` between awaits.
    p33a_v_inner_fn_item_q {
        lower! {
            pub async fn f(s: &'static str) -> Result<u32, AppE33> {
                fn parse_pair(s: &str) -> Result<(u32, u32), AppE33> {
                    let (a, b) = s.split_once(',').ok_or(AppE33::Missing("comma"))?;
                    Ok((a.parse()?, b.parse()?))
                }
                let _t = Tracker::new("t");
                let text = leaf("read", s).await;
                let (a, b) = parse_pair(text)?;
                step("s").await;
                Ok(a * b)
            }
        }
    }
    run { pair(pair(f("2,3"), f("23")), f("2,x")) }
}

twin! {
    /// `open(k).await?.query(q).await?` chains through a connection temporary.
    p33a_u_chain_open_query {
        pub struct Conn33 {
            pub t: Tracker,
            pub id: u32,
        }
        impl Conn33 {
            lower! {
                pub async fn open(id: u32, ok: bool) -> Result<Conn33, IoE33> {
                    let id = io33("open", id, ok).await?;
                    Ok(Conn33 { t: Tracker::new("conn"), id })
                }
                pub async fn query(&self, q: u32) -> Result<u32, IoE33> {
                    io33("query", self.id * 10 + q, q != 0).await
                }
            }
        }
        lower! {
            pub async fn f(ok: bool, q: u32) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let v = Conn33::open(1, ok).await?.query(q).await?;
                step("after").await;
                Ok(v)
            }
        }
    }
    run { pair(pair(f(true, 2), f(false, 2)), f(true, 0)) }
}

twin! {
    /// `?` in a `while` condition.
    p33a_u_q_in_while_cond {
        lower! {
            pub async fn f(bad: u32) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let mut i = 0;
                while io33("cond", i, i != bad).await? < 3 {
                    let _g = Tracker::new("body");
                    step("body").await;
                    i += 1;
                }
                Ok(i)
            }
        }
    }
    run { pair(f(9), f(2)) }
}

twin! {
    /// Two `?`s in an `&&` condition (the second short-circuited on some inputs).
    p33a_t_q_in_and_cond {
        lower! {
            pub async fn f(a: u32, ok_b: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                if io33("a", a, a != 0).await? > 1 && io33("b", 5, ok_b).await? > 2 {
                    let _g = Tracker::new("then");
                    step("then").await;
                    return Ok(1);
                }
                Ok(0)
            }
        }
    }
    run { pair(pair(f(2, true), f(1, false)), pair(f(0, true), f(2, false))) }
}

twin! {
    /// `let Some(x) = io().await? else { .. }`.
    p33a_t_let_else_q_scrutinee {
        lower! {
            pub async fn f(r: Result<Option<u32>, IoE33>) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let Some(x) = leaf("get", r).await? else {
                    step("none").await;
                    return Err(AppE33::Missing("x"));
                };
                Ok(leaf("x", x).await)
            }
        }
    }
    run { pair(pair(f(Ok(Some(2))), f(Ok(None))), f(Err(IoE33(3)))) }
}

twin! {
    /// `?` in array literal elements after a tracker element.
    p33a_t_q_in_array_literal {
        lower! {
            pub async fn f(a: bool, b: bool) -> Result<u32, AppE33> {
                let arr = [io33("a", 1, a).await?, io33("b", 2, b).await?, leaf("c", 3).await];
                let _t = Tracker::new("t");
                step("s").await;
                Ok(arr.iter().sum())
            }
        }
    }
    run { pair(pair(f(true, true), f(false, true)), f(true, false)) }
}

twin! {
    /// `futures::try_join!` of two lowered fallible calls, `?` on the result.
    p33a_t_try_join {
        lower! {
            pub async fn part(name: &'static str, v: u32, ok: bool) -> Result<u32, AppE33> {
                let _p = Tracker::new(name);
                let x = io33(name, v, ok).await?;
                step(name).await;
                Ok(x)
            }
            pub async fn f(a: bool, b: bool) -> Result<u32, AppE33> {
                let _t = Tracker::new("t");
                let (x, y) = futures::try_join!(part("pa", 1, a), part("pb", 2, b))?;
                step("s").await;
                Ok(x + y)
            }
        }
    }
    run { pair(pair(f(true, true), f(false, true)), f(true, false)) }
}

twin! {
    /// A slotted `Result` consumed by `for v in res` (its `IntoIterator`).
    p33a_s_slotted_for_in_result {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let res = guarded33("g", 4, ok, "eg").await;
                let r = &res;
                step("s").await;
                log(format!("ok {}", r.is_ok()));
                let mut s = 0;
                for v in res {
                    s += leaf("v", v).await;
                }
                Ok(s)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A slotted `Result` consumed by `let Ok(v) = res else { .. }`.
    p33a_s_slotted_let_else {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let res = guarded33("g", 4, ok, "eg").await;
                let r = &res;
                step("s").await;
                log(format!("ok {}", r.is_ok()));
                let Ok(v) = res else {
                    step("else").await;
                    return Err(AppE33::Missing("v"));
                };
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A stored fallible leaf borrowed across an await, then `fut.await?`.
    p33a_s_slotted_future_await_q {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let fut = io33("later", 5, ok);
                let r = &fut;
                step("s").await;
                let _keep = r;
                let v = fut.await?;
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `{ res }?` (a block moving the slotted local) instead of `res?`.
    p33a_s_slotted_block_q {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, AppE33> {
                let res = io33("a", 3, ok).await;
                let r = &res;
                step("s").await;
                log(format!("{}", r.is_ok()));
                let v = { res }?;
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}
