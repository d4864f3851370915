//! Probe round 37b: temporaries II, at the edges of the fixes of round 36a: let chains
//! (`if let A = .. && let B = ..`), `else if let` and `while let` (chains too) whose
//! scrutinees await beside `Tracker`-bearing temporaries, `let .. else` with awaiting
//! scrutinees; nested tuples, arrays, struct literals and constructor calls in match
//! scrutinees, in extended `let` initializers, as awaited call arguments and in
//! `return`/`break` values; method chains on awaited values in the tails of blocks,
//! `if`/`match` arms, loops, async blocks and closures, beside locals of those blocks;
//! temporaries alive at cancellation and panic; several awaits mixed with temporaries in
//! one statement, and compound assignment with temporaries on both sides.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::BTreeMap;

/// A value with a drop log and a payload, for method chains on (awaited) temporaries.
pub struct G(pub &'static str, pub u32);

impl G {
    pub fn new(name: &'static str, v: u32) -> G {
        log(format!("new {name}"));
        G(name, v)
    }
    pub fn get(&self) -> u32 {
        self.1
    }
    pub fn touch(&self) -> &G {
        log(format!("touch {}", self.0));
        self
    }
    pub fn twice(&self) -> u32 {
        log(format!("twice {}", self.0));
        self.1 * 2
    }
    pub fn add(&self, k: u32) -> u32 {
        log(format!("add {} {k}", self.0));
        self.1 + k
    }
    pub fn slice(&self) -> &str {
        self.0
    }
}

impl Drop for G {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

impl std::fmt::Debug for G {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "G({}, {})", self.0, self.1)
    }
}

/// `Tracker::new`, through a function call.
pub fn mk(name: &'static str) -> Tracker {
    Tracker::new(name)
}

/// Reads a tracker by reference (logs).
pub fn len_of(t: &Tracker) -> usize {
    log(format!("len {}", t.0));
    t.0.len()
}

/// `Some(len)` of a tracker, by reference (logs).
pub fn opt(t: &Tracker) -> Option<usize> {
    log(format!("opt {}", t.0));
    Some(t.0.len())
}

/// `None`, after reading a tracker (logs).
pub fn none_of(t: &Tracker) -> Option<usize> {
    log(format!("none {}", t.0));
    None
}

/// `Some(i + len)` while `i < 3`.
pub fn pick(t: &Tracker, i: usize) -> Option<usize> {
    log(format!("pick {} {i}", t.0));
    if i < 3 { Some(i + t.0.len()) } else { None }
}

/// Sum of three (logs).
pub fn sum3(a: usize, b: usize, c: usize) -> usize {
    log(format!("sum3 {a} {b} {c}"));
    a + b + c
}

/// A borrowed tracker with a number.
pub struct P<'a> {
    pub r: &'a Tracker,
    pub n: usize,
}

/// A tuple struct borrowing a tracker.
pub struct W<'a>(pub &'a Tracker);

/// An owned tracker with a number.
pub struct Own {
    pub t: Tracker,
    pub n: u32,
}

/// An enum with borrowing variants.
pub enum E<'a> {
    A(&'a Tracker, u32),
    B(u32),
}

/// A money amount whose `+=` logs.
#[derive(Debug)]
pub struct Money(pub u32);

impl std::ops::AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        log(format!("add_assign {} {}", self.0, rhs.0));
        self.0 += rhs.0;
    }
}

/// A native async helper borrowing a tracker.
pub async fn show(t: &Tracker) -> usize {
    step(t.0).await;
    log(format!("show {}", t.0));
    t.0.len()
}

/// A native async helper taking a tuple with a borrow.
pub async fn show_pair(p: (u32, &Tracker)) -> usize {
    step(p.1.0).await;
    log(format!("show_pair {} {}", p.0, p.1.0));
    p.0 as usize + p.1.0.len()
}

/// A native async helper taking a struct with a borrow.
pub async fn show_p(p: P<'_>) -> usize {
    step(p.r.0).await;
    log(format!("show_p {} {}", p.r.0, p.n));
    p.n + p.r.0.len()
}

/// Parses a tracker's name length against `k` (logs).
pub fn check(t: &Tracker, k: u32) -> Result<usize, String> {
    log(format!("check {} {k}", t.0));
    if k == 0 { Ok(t.0.len()) } else { Err(format!("bad {k}")) }
}

twin! {
    /// A let chain whose second scrutinee awaits beside a borrowed temporary; both paths.
    p37b_chain_second_awaits {
        lower! {
            pub async fn f(k: usize) -> usize {
                let g = mk("g");
                if let Some(a) = opt(&mk("a")) && let 2 = len_of(&mk("bb")) + leaf("x", k).await {
                    step("then").await;
                    a + g.0.len()
                } else {
                    log("else");
                    step("else").await;
                    0
                }
            }
        }
    }
    run { async { (f(0).await, f(1).await) } }
}

twin! {
    /// A let chain whose first scrutinee is an awaited `Option<Tracker>` bound by value.
    p37b_chain_first_awaited_binding {
        lower! {
            pub async fn f(k: u32) -> usize {
                let _g = mk("g");
                if let Some(t) = leaf("a", (k > 0).then(|| Tracker("in"))).await
                    && let 2 = len_of(&t) + len_of(&mk("bb")) - leaf("b", 2usize).await
                {
                    step("then").await;
                    t.0.len()
                } else {
                    step("else").await;
                    7
                }
            }
        }
    }
    run { async { (f(0).await, f(1).await) } }
}

twin! {
    /// Three conditions: a let, an awaiting bool, an awaited `Result` let, with temporaries.
    p37b_chain_three_mixed {
        lower! {
            pub async fn f(k: usize) -> usize {
                let l = mk("l");
                let r = if let Some(x) = opt(&mk("a"))
                    && x > leaf("c", k).await
                    && let Ok(y) = leaf("r", Ok::<usize, ()>(x + len_of(&mk("b")))).await
                {
                    step("then").await;
                    y
                } else {
                    step("else").await;
                    100
                };
                r + l.0.len()
            }
        }
    }
    run { async { (f(0).await, f(5).await) } }
}

twin! {
    /// `else if let` chains: every scrutinee awaits or borrows a temporary; k picks the arm.
    p37b_else_if_let_ladder {
        lower! {
            pub async fn f(k: usize) -> usize {
                let _g = mk("g");
                if let Some(n) = none_of(&mk("a")) {
                    n
                } else if let Some(m) = opt(&mk("bb")) && leaf("x", k == 1).await {
                    step("one").await;
                    m
                } else if let 3 = len_of(&mk("ccc")) + leaf("y", k).await {
                    step("zero").await;
                    3
                } else {
                    step("none").await;
                    0
                }
            }
        }
    }
    run { async { (f(0).await, f(1).await, f(2).await) } }
}

twin! {
    /// `while let` whose scrutinee borrows a temporary and awaits; the body awaits.
    p37b_while_let_pick_await {
        lower! {
            pub async fn f() -> Vec<usize> {
                let mut out = vec![];
                let mut i = 0;
                let _l = mk("l");
                while let Some(v) = pick(&mk("t"), leaf("w", i).await) {
                    out.push(v);
                    i += 1;
                    step("body").await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `while let` chain: pop, then an awaited condition on a temporary's length.
    p37b_while_let_chain_await {
        lower! {
            pub async fn f() -> Vec<usize> {
                let mut stack = vec![1usize, 5, 2, 7];
                let mut out = vec![];
                while let Some(x) = stack.pop() && let true = leaf("c", x > len_of(&mk("tt"))).await {
                    let b = mk("b");
                    step(b.0).await;
                    out.push(x);
                }
                out.push(stack.len());
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `let .. else` whose scrutinee awaits first, then borrows a temporary.
    p37b_let_else_await_then_temp {
        lower! {
            pub async fn f(k: usize) -> usize {
                let g = mk("g");
                let Some(n) = pick(&mk("t"), leaf("a", k).await) else {
                    log("else");
                    step("else").await;
                    return 0;
                };
                step("after").await;
                n + g.0.len()
            }
        }
    }
    run { async { (f(1).await, f(4).await) } }
}

twin! {
    /// `let .. else` on a method chain of an awaited `G`.
    p37b_let_else_awaited_chain {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let l = mk("l");
                let 3 = leaf("g", G::new("g", k)).await.touch().get() else {
                    step("else").await;
                    return 1;
                };
                step(l.0).await;
                30
            }
        }
    }
    run { async { (f(3).await, f(4).await) } }
}

twin! {
    /// `let .. else` whose else panics with a temporary in the message.
    p37b_let_else_panic_temp {
        lower! {
            pub async fn f(k: usize) -> usize {
                let _g = mk("g");
                let Some(n) = pick(&mk("t"), leaf("a", k).await) else {
                    panic!("no {}", mk("p").0)
                };
                step("after").await;
                n
            }
        }
    }
    run { async { (f(0).await, f(9).await) } }
}

twin! {
    /// `let .. else` with a borrowed temporary before the await (usize operands).
    p37b_let_else_temp_before_await {
        lower! {
            pub async fn f(k: usize) -> usize {
                let _g = mk("g");
                let 5 = len_of(&mk("x")) + leaf("a", k).await else {
                    step("else").await;
                    return 0;
                };
                step("after").await;
                5
            }
        }
    }
    run { async { (f(4).await, f(1).await) } }
}

// Known gap: E0716: `let .. else` binding into an awaited temporary (`let Some(ref g) = x.await else { y.await; return }`) with an awaiting `else`
#[cfg(feature = "known-gaps")]
twin! {
    /// `let .. else` binding by `ref` into an awaited temporary.
    p37b_let_else_ref_awaited {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _l = mk("l");
                let Some(ref g) = leaf("o", (k > 0).then(|| G::new("g", k))).await else {
                    step("else").await;
                    return 0;
                };
                step("after").await;
                g.get()
            }
        }
    }
    run { async { (f(0).await, f(2).await) } }
}

// Known gap: E0716: a let chain whose first `let` borrows into an awaited temporary (`if let Some(ref g) = x.await && let 1 = g.get()`, or `x.await.as_ref()`) with an await in the then-block
#[cfg(feature = "known-gaps")]
twin! {
    /// A let chain binding by `ref` into an awaited temporary, read after an await.
    p37b_chain_ref_awaited {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _l = mk("l");
                if let Some(ref g) = leaf("o", Some(G::new("g", k))).await && let 1 = g.get() {
                    step("then").await;
                    g.twice()
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { async { (f(1).await, f(2).await) } }
}

twin! {
    /// A let chain whose bool borrows the first binding, found through a temporary key.
    p37b_chain_find_by_temp_key {
        pub fn find<'a>(v: &'a [Tracker], key: &Tracker) -> Option<&'a Tracker> {
            log(format!("find {}", key.0));
            v.iter().find(|t| t.0 == key.0)
        }
        lower! {
            pub async fn f(v: Vec<Tracker>) -> usize {
                let mut n = 0;
                if let Some(t) = find(&v, &mk("b")) && leaf("c", t.0.len()).await > 0 {
                    step(t.0).await;
                    n += t.0.len();
                }
                if let Some(t) = find(&v, &mk("zz")) && leaf("d", t.0.len()).await > 0 {
                    n += 100;
                }
                n
            }
        }
    }
    run { f(vec![Tracker("a"), Tracker("b")]) }
}

twin! {
    /// Return out of a let chain's then-block with temporaries of the chain alive.
    p37b_chain_return_inside {
        lower! {
            pub async fn f(k: bool) -> usize {
                let _g = mk("g");
                if let Some(a) = opt(&mk("a")) && leaf("c", k).await {
                    return a + len_of(&mk("r")) + leaf("x", 1).await;
                }
                step("after").await;
                9
            }
        }
    }
    run { async { (f(true).await, f(false).await) } }
}

twin! {
    /// A panic in a let chain's awaited condition with a chain temporary alive.
    p37b_chain_boom {
        lower! {
            pub async fn f() -> usize {
                let _g = mk("g");
                if let Some(a) = opt(&mk("a")) && let 3 = boom("b").await {
                    a
                } else {
                    0
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let` on an awaited method chain (`G` temporary) with awaits in both branches.
    p37b_if_let_awaited_chain_else {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let l = mk("l");
                let r = if let Some(n) = leaf("g", G::new("g", k)).await.touch().get().checked_sub(1) {
                    step("then").await;
                    n
                } else {
                    step("else").await;
                    99
                };
                step(l.0).await;
                r
            }
        }
    }
    run { async { (f(0).await, f(2).await) } }
}

twin! {
    /// `if let` on a tuple of a borrowed-temporary option and an await; both branches.
    p37b_if_let_tuple_scrutinee {
        lower! {
            pub async fn f(k: usize) -> usize {
                if let (Some(a), 0) = (opt(&mk("a")), leaf("x", k).await) {
                    step("then").await;
                    a
                } else {
                    step("else").await;
                    len_of(&mk("e"))
                }
            }
        }
    }
    run { async { (f(0).await, f(1).await) } }
}

twin! {
    /// `if let .. else if let .. else` where every scrutinee is an awaited method chain.
    p37b_else_if_let_awaited_chains {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _l = mk("l");
                if let 1 = leaf("a", G::new("ga", k)).await.get() {
                    step("one").await;
                    1
                } else if let 2 = leaf("b", G::new("gb", k)).await.touch().get() {
                    step("two").await;
                    2
                } else if let Some(x) = leaf("c", G::new("gc", k)).await.get().checked_sub(3) {
                    step("three").await;
                    x
                } else {
                    0
                }
            }
        }
    }
    run { async { (f(1).await, f(2).await, f(5).await, f(0).await) } }
}

twin! {
    /// A let chain inside an async block, awaited by the lowered fn.
    p37b_chain_in_async_block {
        lower! {
            pub async fn f(k: usize) -> usize {
                let g = mk("g");
                let fut = async {
                    if let Some(a) = opt(&mk("a")) && let 1 = leaf("x", k).await + len_of(&mk("b")) {
                        step("in").await;
                        a
                    } else {
                        0
                    }
                };
                step("before").await;
                fut.await + g.0.len()
            }
        }
    }
    run { async { (f(0).await, f(1).await) } }
}

twin! {
    /// `while let` over a popped tracker whose body tail is an awaited method chain.
    p37b_while_let_pop_body_chain {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut q = vec![mk("a"), mk("bb")];
                let mut out = vec![];
                while let Some(t) = q.pop() {
                    let l = mk("l");
                    out.push(leaf("g", G::new(t.0, t.0.len() as u32)).await.touch().get() + l.0.len() as u32);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let` with a temporary in the scrutinee, broken out of after an await.
    p37b_while_let_break_temp {
        lower! {
            pub async fn f() -> usize {
                let mut i = 0;
                while let Some(n) = pick(&mk("w"), i) {
                    if leaf("c", n).await > 2 {
                        let _b = mk("b");
                        break;
                    }
                    i += 1;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// A let chain as a `match` arm's body with the arm's local alive.
    p37b_chain_in_match_arm {
        lower! {
            pub async fn f(k: u32) -> usize {
                match leaf("k", k).await {
                    0 => {
                        let l = mk("l");
                        if let Some(a) = opt(&mk("a")) && leaf("c", true).await {
                            a + l.0.len()
                        } else {
                            0
                        }
                    }
                    _ => len_of(&mk("o")),
                }
            }
        }
    }
    run { async { (f(0).await, f(1).await) } }
}
twin! {
    /// A nested tuple scrutinee with borrowed temporaries and an await; arms await.
    p37b_match_nested_tuple {
        lower! {
            pub async fn f(k: usize) -> usize {
                match ((len_of(&mk("a")), &mk("b")), leaf("x", k).await) {
                    ((1, b), 0) => {
                        step("arm0").await;
                        b.0.len()
                    }
                    ((n, _), m) => {
                        step("arm1").await;
                        n + m
                    }
                }
            }
        }
    }
    run { async { (f(0).await, f(3).await) } }
}

twin! {
    /// An array scrutinee of temporaries' lengths and an await; an arm awaits.
    p37b_match_array_temps {
        lower! {
            pub async fn f(k: usize) -> usize {
                let _g = mk("g");
                match [len_of(&mk("a")), leaf("x", k).await, len_of(&mk("cc"))] {
                    [1, 0, c] => {
                        step("arm").await;
                        c
                    }
                    [a, .., c] => a + c + len_of(&mk("d")),
                }
            }
        }
    }
    run { async { (f(0).await, f(1).await) } }
}

twin! {
    /// A struct literal scrutinee borrowing a temporary and holding an await.
    p37b_match_struct_literal {
        lower! {
            pub async fn f(k: usize) -> usize {
                match (P { r: &mk("p"), n: leaf("n", k).await }) {
                    P { n: 0, r } => {
                        step("zero").await;
                        r.0.len()
                    }
                    P { n, .. } => {
                        step("other").await;
                        n
                    }
                }
            }
        }
    }
    run { async { (f(0).await, f(4).await) } }
}

twin! {
    /// `Some((&mk(), x.await))` as a scrutinee; the borrowed tracker is read after an await.
    p37b_match_some_tuple_ctor {
        lower! {
            pub async fn f(k: u32) -> usize {
                let _l = mk("l");
                match Some((&mk("a"), leaf("x", k).await)) {
                    Some((t, 0)) => {
                        step("zero").await;
                        t.0.len()
                    }
                    Some((t, n)) => t.0.len() + n as usize,
                    None => 0,
                }
            }
        }
    }
    run { async { (f(0).await, f(2).await) } }
}

twin! {
    /// A tuple scrutinee of an awaited method chain and a temporary's length.
    p37b_match_tuple_awaited_chain {
        lower! {
            pub async fn f(k: u32) -> u32 {
                match (leaf("g", G::new("g", k)).await.touch().get(), mk("t").0.len()) {
                    (0, n) => {
                        step("zero").await;
                        n as u32
                    }
                    (m, _) => {
                        step("m").await;
                        m
                    }
                }
            }
        }
    }
    run { async { (f(0).await, f(5).await) } }
}

twin! {
    /// An enum variant constructor scrutinee with a borrowed temporary and an await.
    p37b_match_enum_ctor_await {
        lower! {
            pub async fn f(k: u32) -> usize {
                let e = match E::A(&mk("a"), leaf("x", k).await) {
                    E::A(t, 0) => {
                        step("a0").await;
                        t.0.len()
                    }
                    E::A(_, n) => n as usize,
                    E::B(n) => n as usize,
                };
                e + len_of(&mk("z"))
            }
        }
    }
    run { async { (f(0).await, f(3).await) } }
}

twin! {
    /// A scrutinee tuple: awaits and borrowed temporaries interleaved.
    p37b_match_interleaved_awaits {
        lower! {
            pub async fn f() -> usize {
                match (leaf("x", 1usize).await, &mk("a"), leaf("y", 2usize).await, len_of(&mk("b"))) {
                    (x, a, y, b) => {
                        step("arm").await;
                        x + a.0.len() + y + b
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Return from a match arm whose scrutinee tuple holds temporaries.
    p37b_match_return_from_arm {
        lower! {
            pub async fn f(k: usize) -> usize {
                let _g = mk("g");
                match (opt(&mk("a")), leaf("x", k).await) {
                    (Some(a), 0) => return a + len_of(&mk("r")),
                    _ => {}
                }
                step("after").await;
                9
            }
        }
    }
    run { async { (f(0).await, f(1).await) } }
}

twin! {
    /// A match on an awaited `Vec`'s slice; the vector temporary lives through the arms.
    p37b_match_awaited_vec_slice {
        lower! {
            pub async fn f(n: usize) -> usize {
                let v: Vec<Tracker> = [Tracker("a"), Tracker("b"), Tracker("c")].into_iter().take(n).collect();
                match leaf("v", v).await.as_slice() {
                    [a, b] => {
                        step("two").await;
                        a.0.len() + b.0.len()
                    }
                    [a, ..] => a.0.len(),
                    [] => 0,
                }
            }
        }
    }
    run { async { (f(2).await, f(3).await, f(0).await) } }
}

twin! {
    /// `if let [a, ..] = &x.await[..]`: an awaited `Vec` borrowed as a slice.
    p37b_if_let_awaited_slice {
        lower! {
            pub async fn f() -> usize {
                let _l = mk("l");
                if let [a, ..] = &leaf("v", vec![mk("a"), mk("b")]).await[..] {
                    step("then").await;
                    a.0.len()
                } else {
                    0
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Match on an array of awaited trackers with a guard; no await in the arms.
    p37b_match_array_awaited_guard {
        lower! {
            pub async fn f(x: &'static str, y: &'static str) -> &'static str {
                match [leaf("a", Tracker(x)).await, leaf("b", Tracker(y)).await] {
                    [p, q] if p.0 < q.0 => {
                        log("lt");
                        p.0
                    }
                    [p, _] => p.0,
                }
            }
        }
    }
    run { async { (f("a", "b").await, f("b", "a").await) } }
}

twin! {
    /// `let o = Some(&mk())`: extended through a constructor, read after awaits.
    p37b_extend_some_then_awaits {
        lower! {
            pub async fn f() -> Option<usize> {
                let a = mk("a");
                let o = Some(&mk("o"));
                step("s1").await;
                let b = mk("b");
                step("s2").await;
                let _ = (&a, &b);
                o.map(|t| t.0.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `let w = W(&mk())`: a tuple struct constructor extends its borrowed temporary.
    p37b_extend_tuple_struct {
        lower! {
            pub async fn f() -> &'static str {
                let w = W(&mk("w"));
                let l = mk("l");
                step("s").await;
                let _ = &l;
                w.0.0
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct literal `let` extending `&mk()` with an awaited field after it.
    p37b_extend_struct_temp_then_await {
        lower! {
            pub async fn f() -> usize {
                let p = P { r: &mk("p"), n: leaf("n", 3).await };
                step("s").await;
                p.r.0.len() + p.n
            }
        }
    }
    run { f() }
}

twin! {
    /// An array literal of borrowed temporaries, extended across awaits.
    p37b_extend_array_refs {
        lower! {
            pub async fn f() -> usize {
                let a = [&mk("a"), &mk("bb")];
                step("s").await;
                let l = mk("l");
                step("t").await;
                a.iter().map(|t| t.0.len()).sum::<usize>() + l.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `&(mk(), x.await).0`: the tuple temporary is extended, the await is its second element.
    p37b_extend_tuple_field_temp_first {
        lower! {
            pub async fn f() -> &'static str {
                let r = &(mk("a"), leaf("x", 1).await).0;
                step("s").await;
                r.0
            }
        }
    }
    run { f() }
}

twin! {
    /// `&Own { t: mk(), n: x.await }.t`: a struct literal's field, extended.
    p37b_extend_own_field {
        lower! {
            pub async fn f() -> &'static str {
                let r = &Own { t: mk("o"), n: leaf("n", 1).await }.t;
                step("s").await;
                r.0
            }
        }
    }
    run { f() }
}

twin! {
    /// `Some(W(&mk()))`: nested constructors extending a borrowed temporary.
    p37b_extend_nested_ctors {
        lower! {
            pub async fn f() -> usize {
                let o = Some(W(&mk("w")));
                step("s").await;
                let n = leaf("x", 2).await;
                o.map(|w| w.0.0.len() + n).unwrap_or(0)
            }
        }
    }
    run { f() }
}

twin! {
    /// `&len_of(&mk())`: the outer value is extended, the inner argument temporary is not.
    p37b_extend_outer_not_inner {
        lower! {
            pub async fn f() -> usize {
                let r: &usize = &len_of(&mk("t"));
                step("s").await;
                *r + leaf("x", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `let ref r = mk()`: a `ref` binding extends its temporary across awaits.
    p37b_extend_let_ref {
        lower! {
            pub async fn f() -> &'static str {
                let ref r = mk("r");
                let l = mk("l");
                step("s").await;
                let _ = &l;
                r.0
            }
        }
    }
    run { f() }
}

// Known gap: E0507: `let (ref a, b) = (mk(), x.await);` (one element bound by `ref`, one moved out of the extended tuple temporary)
#[cfg(feature = "known-gaps")]
twin! {
    /// `let (ref a, b) = (mk(), x.await)`: part moved, part bound by `ref`.
    p37b_extend_ref_and_move {
        lower! {
            pub async fn f() -> usize {
                let (ref a, b) = (mk("a"), leaf("x", Tracker::new("b")).await);
                step("s").await;
                let n = a.0.len() + b.0.len();
                drop(b);
                step("t").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `let g = &x.await;` an awaited value extended by a borrow.
    p37b_extend_borrow_awaited {
        lower! {
            pub async fn f() -> u32 {
                let g = &leaf("g", G::new("g", 1)).await;
                let l = mk("l");
                step("s").await;
                let _ = &l;
                g.get()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let r = &x.await.1;` a field of an awaited value, extended.
    p37b_extend_field_of_awaited {
        lower! {
            pub async fn f() -> u32 {
                let r = &leaf("g", G::new("g", 7)).await.1;
                step("s").await;
                *r
            }
        }
    }
    run { f() }
}

twin! {
    /// `let s: &str = &x.await;` a `String` extended and deref-coerced.
    p37b_extend_awaited_string_deref {
        lower! {
            pub async fn f() -> usize {
                let _l = mk("l");
                let s: &str = &leaf("s", String::from("abc")).await;
                step("s").await;
                s.len()
            }
        }
    }
    run { f() }
}

// Known gap: E0716: `let r = &*x.await;` of a `Box` (extension through a `Box` deref of an awaited value) read after an await
#[cfg(feature = "known-gaps")]
twin! {
    /// `let r = &*x.await;` of a `Box<Tracker>`.
    p37b_extend_box_deref_awaited {
        lower! {
            pub async fn f() -> &'static str {
                let r = &*leaf("b", Box::new(mk("b"))).await;
                step("s").await;
                r.0
            }
        }
    }
    run { f() }
}

// Known gap: E0716: extension through a constructor in `if` arms (`let w = if k { W(&mk()) } else { W(&mk()) };`) read after a later await
#[cfg(feature = "known-gaps")]
twin! {
    /// Extended temporaries in both arms of an `if` in a `let`, then an await.
    p37b_extend_if_arms_ctor {
        lower! {
            pub async fn f(k: bool) -> &'static str {
                let w = if k { W(&mk("a")) } else { W(&mk("b")) };
                step("s").await;
                w.0.0
            }
        }
    }
    run { async { (f(true).await, f(false).await) } }
}

twin! {
    /// An extended tuple temporary, then an early return after an await.
    p37b_extend_early_return {
        lower! {
            pub async fn f(k: u32) -> usize {
                let p = (&mk("a"), Some(&mk("b")));
                if leaf("x", k).await == 0 {
                    return p.0.0.len();
                }
                let _l = mk("l");
                step("s").await;
                p.1.map(|t| t.0.len()).unwrap_or(0)
            }
        }
    }
    run { async { (f(0).await, f(1).await) } }
}

twin! {
    /// An extended constructor temporary, then a panic at an await.
    p37b_extend_then_boom {
        lower! {
            pub async fn f() -> u32 {
                let o = Some(&mk("o"));
                let w = W(&mk("w"));
                let n = boom("b").await;
                n + o.map(|t| t.0.len() as u32).unwrap_or(0) + w.0.0.len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited fn lent a tuple holding a borrowed temporary (and an earlier await).
    p37b_arg_tuple_temp {
        lower! {
            pub async fn f() -> usize {
                let l = mk("l");
                let n = show_pair((leaf("n", 1).await, &mk("b"))).await;
                n + l.0.len()
            }
        }
    }
    run { f() }
}

// Known gap: E0716: an awaited call lent a struct literal borrowing a temporary (`show_p(P { r: &mk("p"), n: 1 }).await`)
#[cfg(feature = "known-gaps")]
twin! {
    /// An awaited fn lent a struct literal borrowing a temporary, plus another await.
    p37b_arg_struct_temp {
        lower! {
            pub async fn f() -> usize {
                show_p(P { r: &mk("p"), n: len_of(&mk("q")) }).await + leaf("x", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `if` arms whose tails await fns lent temporaries.
    p37b_arg_temps_in_if_tails {
        lower! {
            pub async fn f(k: u32) -> usize {
                let l = mk("l");
                let n = if k > 0 {
                    show(&mk("a")).await
                } else {
                    show_pair((1, &mk("b"))).await + show(&mk("c")).await
                };
                n + l.0.len()
            }
        }
    }
    run { async { (f(1).await, f(0).await) } }
}

twin! {
    /// `return (len_of(&mk()), x.await)` with locals alive.
    p37b_return_tuple_temps {
        lower! {
            pub async fn f(k: bool) -> (usize, u32) {
                let _a = mk("a");
                if k {
                    let _b = mk("b");
                    return (len_of(&mk("r")), leaf("x", 1).await);
                }
                step("s").await;
                (0, 0)
            }
        }
    }
    run { async { (f(true).await, f(false).await) } }
}

twin! {
    /// `break (mk().0.len(), x.await)` out of a loop with a local of the loop body.
    p37b_break_tuple_temps {
        lower! {
            pub async fn f() -> (usize, u32) {
                let mut i = 0;
                let r = loop {
                    let _l = mk("l");
                    i += 1;
                    if i < 2 {
                        step("again").await;
                        continue;
                    }
                    break (mk("a").0.len(), leaf("x", i).await);
                };
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A labelled block broken out of with a value made of temporaries and an await.
    p37b_labelled_break_temps {
        lower! {
            pub async fn f(k: u32) -> usize {
                let _g = mk("g");
                let v = 'b: {
                    let _l = mk("l");
                    if let Some(a) = opt(&mk("a")) && k > 0 {
                        break 'b a + len_of(&mk("b")) + leaf("x", 1).await;
                    }
                    len_of(&mk("c"))
                };
                step("s").await;
                v
            }
        }
    }
    run { async { (f(1).await, f(0).await) } }
}
twin! {
    /// A block tail reading through an awaited `G`, with a local of the block.
    p37b_block_tail_awaited_chain {
        lower! {
            pub async fn f() -> usize {
                let n = {
                    let l = mk("l");
                    let _ = &l;
                    leaf("g", G::new("g", 1)).await.slice().len()
                };
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `if` arm tails reading through awaited values, each arm with its own local.
    p37b_if_arm_tail_chains {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let n = if k > 0 {
                    let _l = mk("l1");
                    leaf("g", G::new("g1", 1)).await.touch().get()
                } else {
                    let _l = mk("l2");
                    leaf("h", G::new("g2", 2)).await.twice()
                };
                step("s").await;
                n
            }
        }
    }
    run { async { (f(1).await, f(0).await) } }
}

twin! {
    /// `match` arm tails reading through awaited values, beside arm locals and temporaries.
    p37b_match_arm_tail_chains {
        lower! {
            pub async fn f(k: u32) -> u32 {
                match leaf("k", k).await {
                    0 => {
                        let _l = mk("l0");
                        leaf("g", G::new("g0", 5)).await.touch().get()
                    }
                    1 => leaf("g", G::new("g1", 1)).await.get() + len_of(&mk("t")) as u32,
                    _ => {
                        let _l = mk("l2");
                        len_of(&mk("u")) as u32 + leaf("g", G::new("g2", 2)).await.add(1)
                    }
                }
            }
        }
    }
    run { async { (f(0).await, f(1).await, f(2).await) } }
}

twin! {
    /// The fn's own tail reads through an awaited value chain with locals alive.
    p37b_fn_tail_awaited_chain {
        lower! {
            pub async fn f() -> usize {
                let a = mk("a");
                let b = mk("b");
                let _ = (&a, &b);
                leaf("g", G::new("g", 4)).await.touch().slice().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `loop { let l; break x.await.slice().len() }`.
    p37b_loop_break_awaited_chain {
        lower! {
            pub async fn f() -> usize {
                let n = loop {
                    let _l = mk("l");
                    break leaf("g", G::new("g", 1)).await.slice().len();
                };
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `while` body whose unit tail reads through an awaited value.
    p37b_while_body_unit_tail {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                while i < 2 {
                    i += 1;
                    let _l = mk("l");
                    log(leaf("g", G::new("g", i)).await.slice().to_string())
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async` block's tail reads through an awaited value, with a local of the block.
    p37b_async_block_tail_chain {
        lower! {
            pub async fn f() -> usize {
                let o = mk("o");
                let fut = async {
                    let _l = mk("l");
                    leaf("g", G::new("g", 1)).await.slice().len()
                };
                step("s").await;
                fut.await + o.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// An async closure whose tail reads through an awaited value, called twice.
    p37b_async_closure_tail_chain {
        lower! {
            pub async fn f() -> u32 {
                let c = async |x: u32| {
                    let _l = mk("c");
                    leaf("g", G::new("g", x)).await.touch().get()
                };
                let a = c(1).await;
                let _m = mk("m");
                a + c(2).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure making temporaries, called around awaits in one expression.
    p37b_closure_temps_around_await {
        lower! {
            pub async fn f() -> usize {
                let c = || {
                    let _l = mk("cl");
                    len_of(&mk("tmp"))
                };
                let a = c() + leaf("x", 1).await + c();
                step("s").await;
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested block tails: inner reads an awaited chain, outer adds a temporary's length.
    p37b_nested_block_tails {
        lower! {
            pub async fn f() -> usize {
                let n = {
                    let _a = mk("a");
                    ({
                        let _b = mk("b");
                        leaf("g", G::new("g", 1)).await.slice().len()
                    }) + len_of(&mk("c"))
                };
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` arm tail that is itself a block whose tail awaits a fn lent a temporary.
    p37b_arm_block_tail_show {
        lower! {
            pub async fn f(k: u32) -> usize {
                let r = match k {
                    0 => {
                        let _l = mk("l");
                        { show(&mk("a")).await }
                    }
                    _ => show(&mk("bb")).await + 1,
                };
                r
            }
        }
    }
    run { async { (f(0).await, f(1).await) } }
}

twin! {
    /// An awaited receiver with an argument that makes a temporary and awaits.
    p37b_awaited_receiver_temp_arg {
        lower! {
            pub async fn f() -> u32 {
                let _l = mk("l");
                leaf("g", G::new("g", 1)).await.touch().add(len_of(&mk("m")) as u32 + leaf("k", 2).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited `Vec`'s iterator chain summed; the vector drops at the statement's end.
    p37b_awaited_vec_iter_sum {
        lower! {
            pub async fn f() -> usize {
                let n = leaf("v", vec![mk("a"), mk("bb")]).await.iter().map(|t| t.0.len()).sum::<usize>();
                log("after sum");
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

// Known gap: E0716: `for` over an iterator borrowing a temporary array (`for t in [mk("a")].iter() { x.await; .. }`) with an await in the body
#[cfg(feature = "known-gaps")]
twin! {
    /// `for` over a temporary array's mapped iterator; the body awaits.
    p37b_for_over_temp_array_map {
        lower! {
            pub async fn f() -> usize {
                let mut acc = 0;
                for n in [mk("a"), mk("bb")].iter().map(|t| t.0.len()) {
                    let _l = mk("l");
                    acc += leaf("x", n).await;
                }
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// `for` over an awaited vector's reversed iterator, awaiting in the body.
    p37b_for_over_awaited_rev {
        lower! {
            pub async fn f() -> u32 {
                let mut acc = 0;
                for g in leaf("v", vec![G::new("a", 1), G::new("b", 2)]).await.iter().rev() {
                    acc += leaf("x", g.get()).await;
                }
                step("s").await;
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// An expression statement on an awaited value: it drops at the `;`.
    p37b_awaited_stmt_drop {
        lower! {
            pub async fn f() -> u32 {
                let _l = mk("l");
                leaf("g", G::new("g", 1)).await.touch();
                log("after stmt");
                let _ = leaf("h", G::new("h", 2)).await;
                log("after underscore");
                let _k = leaf("k", G::new("k", 3)).await;
                step("s").await;
                4
            }
        }
    }
    run { f() }
}

twin! {
    /// A method chain on a struct literal temporary in a tail, beside an await.
    p37b_tail_struct_literal_chain {
        lower! {
            pub async fn f() -> usize {
                let _l = mk("l");
                (Own { t: mk("o"), n: leaf("n", 2).await }).t.0.len() + len_of(&mk("p"))
            }
        }
    }
    run { f() }
}

twin! {
    /// An async block's tail is a let chain `if` whose tail reads an awaited chain.
    p37b_async_block_if_let_tail {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let fut = async move {
                    let _l = mk("l");
                    if let Some(n) = leaf("o", Some(k)).await && n > 0 {
                        leaf("g", G::new("g", n)).await.twice()
                    } else {
                        len_of(&mk("e")) as u32
                    }
                };
                let _m = mk("m");
                fut.await
            }
        }
    }
    run { async { (f(1).await, f(0).await) } }
}
twin! {
    /// A tuple of temporaries' lengths and awaits: temporaries live to the `;`.
    p37b_multi_tuple_temps_awaits {
        lower! {
            pub async fn f() -> (usize, u32, usize, u32) {
                let t = (mk("a").0.len(), leaf("x", 1).await, mk("b").0.len(), leaf("y", 2).await);
                step("s").await;
                t
            }
        }
    }
    run { f() }
}

twin! {
    /// Awaited method chains and a borrowed temporary in one tuple.
    p37b_multi_tuple_chains {
        lower! {
            pub async fn f() -> (u32, usize, usize) {
                let _l = mk("l");
                (
                    leaf("g", G::new("g", 1)).await.touch().get(),
                    len_of(&mk("m")),
                    leaf("h", G::new("h", 2)).await.slice().len(),
                )
            }
        }
    }
    run { f() }
}

twin! {
    /// Primitive compound assignment with temporaries on both sides (value first).
    p37b_compound_index_primitive {
        lower! {
            pub async fn f() -> Vec<usize> {
                let mut v = vec![0usize; 3];
                v[len_of(&mk("i")) - 1] += leaf("x", 1).await + len_of(&mk("r"));
                step("s").await;
                v
            }
        }
    }
    run { f() }
}

// Known gap: DROP ORDER: `v[len_of(&mk("i")) - 1] += x.await` on a non-primitive element: the index's temporary drops before the await, natively at the `;`
#[cfg(feature = "known-gaps")]
twin! {
    /// `String` compound assignment: the place (with a temporary index) first.
    p37b_compound_index_string {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut v: Vec<String> = vec![String::from("x"), String::from("y")];
                v[len_of(&mk("i")) - 1] += leaf("g", G::new("g", 1)).await.slice();
                v[0] += mk("t").0;
                step("s").await;
                v
            }
        }
    }
    run { f() }
}

// Known gap: DROP ORDER: `m[len_of(&mk("i")) - 1] += Money(x.await)` (user `AddAssign`): the index's temporary drops before the await, natively at the `;`
#[cfg(feature = "known-gaps")]
twin! {
    /// A user `AddAssign` with a temporary index and an awaited operand.
    p37b_compound_index_money {
        lower! {
            pub async fn f() -> Vec<Money> {
                let mut m: Vec<Money> = vec![Money(1), Money(2)];
                m[len_of(&mk("i")) - 1] += Money(leaf("x", 5).await + len_of(&mk("r")) as u32);
                step("s").await;
                m
            }
        }
    }
    run { f() }
}

twin! {
    /// Assignment to an existing local of temporaries and an await.
    p37b_assign_temps_await {
        lower! {
            pub async fn f() -> usize {
                let mut x = len_of(&mk("init"));
                step("s").await;
                x = len_of(&mk("a")) + leaf("x", 2).await * len_of(&mk("bb"));
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// `push` of a tuple with a temporary before an await.
    p37b_push_tuple_temp_await {
        lower! {
            pub async fn f() -> Vec<(usize, u32)> {
                let mut out = vec![];
                for i in 0..2 {
                    out.push((len_of(&mk("a")), leaf("x", i).await));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `format!` with temporaries and an await among its arguments.
    p37b_format_temps_await {
        lower! {
            pub async fn f() -> String {
                let s = format!("{}-{}-{}", mk("a").0, leaf("x", 1).await, mk("b").0);
                step("s").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `&&` in an `if` condition: temporaries drop at the end of the condition.
    p37b_if_cond_and_temps {
        lower! {
            pub async fn f(k: bool) -> u32 {
                if len_of(&mk("a")) > 0 && leaf("c", k).await && len_of(&mk("b")) > 0 {
                    step("then").await;
                    1
                } else {
                    step("else").await;
                    2
                }
            }
        }
    }
    run { async { (f(true).await, f(false).await) } }
}

twin! {
    /// `||` in a `while` condition with temporaries and an await.
    p37b_while_cond_or_temps {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                while len_of(&mk("a")) > 5 || leaf("c", i < 2).await {
                    i += 1;
                    step("body").await;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// `matches!` on an awaited chain, `&&` a temporary.
    p37b_matches_awaited_chain {
        lower! {
            pub async fn f(k: u32) -> u32 {
                if matches!(leaf("g", G::new("g", k)).await.get(), 1 | 2) && len_of(&mk("m")) > 0 {
                    step("then").await;
                    1
                } else {
                    0
                }
            }
        }
    }
    run { async { (f(1).await, f(3).await) } }
}

// Known gap: DROP ORDER: a failing `assert!(cond, "{}", mk(..).0)` whose condition holds a temporary and an await: the condition's temporaries drop after the message is built, natively before
#[cfg(feature = "known-gaps")]
twin! {
    /// `assert!` over an awaited chain with a temporary in the message; passes then fails.
    p37b_assert_awaited_chain {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _l = mk("l");
                assert!(leaf("g", G::new("g", k)).await.get() < len_of(&mk("a")) as u32 + 2, "msg {}", mk("m").0);
                step("s").await;
                k
            }
        }
    }
    run { async { (f(1).await, f(9).await) } }
}

twin! {
    /// A field compound assignment with temporaries on the right and an await.
    p37b_compound_field {
        lower! {
            pub async fn f() -> u32 {
                let mut o = Own { t: mk("o"), n: 1 };
                o.n += leaf("x", 2).await * len_of(&mk("mm")) as u32;
                step("s").await;
                o.n + o.t.0.len() as u32
            }
        }
    }
    run { f() }
}

// Known gap: OUTPUT (evaluation order): `*m.entry(mk("k").0).or_default() += x.await` on `String` values evaluates the awaited value before the place (the place's type is not seen; README's `place op= value` gap)
#[cfg(feature = "known-gaps")]
twin! {
    /// `*map.entry(temporary).or_default() += x.await` on `String` values.
    p37b_compound_entry_string {
        lower! {
            pub async fn f() -> BTreeMap<&'static str, String> {
                let mut m: BTreeMap<&'static str, String> = BTreeMap::new();
                *m.entry(mk("k").0).or_default() += leaf("g", G::new("g", 1)).await.slice();
                *m.entry(mk("k").0).or_default() += mk("v").0;
                step("s").await;
                m
            }
        }
    }
    run { f() }
}

twin! {
    /// Panic at an await with temporaries on both sides of the `+`.
    p37b_boom_between_temps {
        lower! {
            pub async fn f() -> u32 {
                let _g = mk("g");
                let n = len_of(&mk("a")) as u32 + boom("b").await + len_of(&mk("c")) as u32;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Panic in a match arm while a tuple scrutinee's tracker is bound.
    p37b_panic_in_arm_scrutinee_tracker {
        lower! {
            pub async fn f() -> u32 {
                let _g = mk("g");
                match (mk("a"), leaf("x", 1).await) {
                    (t, 1) => {
                        step("arm").await;
                        panic!("p {}", t.0)
                    }
                    _ => 0,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Panic in a block tail after an awaited chain, with a block local.
    p37b_boom_block_tail {
        lower! {
            pub async fn f() -> u32 {
                let n = {
                    let _l = mk("l");
                    leaf("g", G::new("g", 1)).await.get() + boom("b").await
                };
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `unwrap_or_else(|| panic!)` on an awaited `None`, the closure making a temporary.
    p37b_unwrap_none_awaited {
        lower! {
            pub async fn f() -> u32 {
                let _l = mk("l");
                let n = leaf("o", None::<G>).await.map(|g| g.get()).unwrap_or_else(|| panic!("none {}", len_of(&mk("m"))));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Panic in a `while let` body while its scrutinee's temporary is alive.
    p37b_panic_while_let_body {
        lower! {
            pub async fn f() -> usize {
                let mut i = 0;
                while let Some(n) = pick(&mk("w"), i) {
                    i += 1;
                    if leaf("x", n).await > 1 {
                        panic!("stop {n}");
                    }
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` on an awaited check lent a temporary, inside a let chain.
    p37b_question_in_chain {
        lower! {
            pub async fn f(k: u32) -> Result<usize, String> {
                let _g = mk("g");
                if let Some(a) = opt(&mk("a")) && check(&mk("c"), leaf("x", k).await)? > 0 {
                    step("then").await;
                    return Ok(a);
                }
                Ok(0)
            }
        }
    }
    run { async { (f(0).await, f(1).await) } }
}

twin! {
    /// `?` in a `let .. else` scrutinee with temporaries.
    p37b_question_in_let_else {
        lower! {
            pub async fn f(k: u32) -> Result<usize, String> {
                let _g = mk("g");
                let 1 = check(&mk("c"), leaf("x", k).await)? else {
                    return Ok(0);
                };
                step("s").await;
                Ok(1)
            }
        }
    }
    run { async { (f(0).await, f(2).await) } }
}

twin! {
    /// `?` after an await in a `let`, the error path with temporaries and locals alive.
    p37b_question_temp_stmt {
        lower! {
            pub async fn f(k: u32) -> Result<usize, String> {
                let l = mk("l");
                let n = check(&mk("p"), leaf("x", k).await)? + len_of(&mk("q"));
                step("s").await;
                Ok(n + l.0.len())
            }
        }
    }
    run { async { (f(0).await, f(3).await) } }
}

twin! {
    /// An async block capturing an extended reference, awaited after another await.
    p37b_async_block_extended_ref {
        lower! {
            pub async fn f() -> usize {
                let r = &mk("r");
                let fut = async {
                    step("in").await;
                    r.0.len()
                };
                step("out").await;
                fut.await + len_of(&mk("t"))
            }
        }
    }
    run { f() }
}

twin! {
    /// A stored future lent a temporary-built tuple struct; awaited later.
    p37b_stored_future_ctor_arg {
        lower! {
            pub async fn f() -> usize {
                let w = W(&mk("w"));
                let fut = show(w.0);
                let _l = mk("l");
                step("s").await;
                fut.await
            }
        }
    }
    run { f() }
}
twin! {
    /// `let r = &(x.await, mk())`: an extended tuple of an awaited tracker and a temporary.
    p37b_extend_tuple_awaited_and_temp {
        lower! {
            pub async fn f() -> usize {
                let r = &(leaf("a", mk("a")).await, mk("b"));
                step("s").await;
                r.0.0.len() + r.1.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let [a, b] = [&mk(), &x.await]`: extended array elements, one awaited.
    p37b_extend_array_ref_awaited {
        lower! {
            pub async fn f() -> usize {
                let [a, b] = [&mk("a"), &leaf("b", mk("bb")).await];
                step("s").await;
                a.0.len() + b.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let W(t) = W(&mk()) && x.await`: a constructor scrutinee in a let chain.
    p37b_chain_ctor_scrutinee {
        lower! {
            pub async fn f(k: bool) -> &'static str {
                if let W(t) = W(&mk("w")) && leaf("c", k).await {
                    step("then").await;
                    t.0
                } else {
                    step("else").await;
                    "none"
                }
            }
        }
    }
    run { async { (f(true).await, f(false).await) } }
}

twin! {
    /// `while let Some(g) = x(q.pop()).await.map(..)`, the body awaiting.
    p37b_while_let_awaited_pop_map {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut q = vec![G::new("a", 1), G::new("b", 2)];
                let mut out = vec![];
                while let Some(n) = leaf("p", q.pop()).await.map(|g| g.twice()) {
                    let _l = mk("l");
                    out.push(leaf("x", n).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `loop` over a `match` on an await whose arm breaks with temporaries and an await.
    p37b_loop_match_break_temps {
        lower! {
            pub async fn f() -> usize {
                let mut i = 0;
                loop {
                    i += 1;
                    match leaf("k", i).await {
                        1 => {
                            let _l = mk("l");
                            continue;
                        }
                        _ => break len_of(&mk("a")) + leaf("x", i).await,
                    }
                }
            }
        }
    }
    run { f() }
}

// Known gap: E0716: `let .. else` borrowing an awaited temporary (`let [a, ..] = &x.await[..] else { y.await; return }`) with an awaiting `else`
#[cfg(feature = "known-gaps")]
twin! {
    /// `let .. else` on a slice of an awaited vector.
    p37b_let_else_awaited_slice {
        lower! {
            pub async fn f(n: usize) -> usize {
                let v: Vec<Tracker> = [Tracker("a"), Tracker("bb"), Tracker("c")].into_iter().take(n).collect();
                let [a, .., b] = &leaf("v", v).await[..] else {
                    step("else").await;
                    return 0;
                };
                step("s").await;
                a.0.len() + b.0.len()
            }
        }
    }
    run { async { (f(3).await, f(1).await) } }
}

twin! {
    /// Two `if let`s in sequence: the first's temporaries drop before the second awaits.
    p37b_two_if_lets_in_sequence {
        lower! {
            pub async fn f() -> usize {
                let mut n = 0;
                if let Some(a) = opt(&mk("a")) {
                    n += a + leaf("x", 1).await;
                }
                if let Some(b) = leaf("o", Some(G::new("g", 2))).await.map(|g| g.get() as usize) {
                    n += b + len_of(&mk("b"));
                    step("s").await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// An `if let` as an operand: its scrutinee temporary, then a temporary and an await.
    p37b_if_let_as_operand {
        lower! {
            pub async fn f(k: bool) -> u32 {
                let n = if let Some(g) = leaf("o", k.then(|| G::new("g", 1))).await {
                    g.get()
                } else {
                    0
                } + len_of(&mk("t")) as u32 + leaf("x", 2).await;
                n
            }
        }
    }
    run { async { (f(true).await, f(false).await) } }
}

// Known gap: DROP ORDER: a `match` as an operand before an await (`match g.await.get() { .. } + y.await`): its scrutinee's temporary drops at the end of the `match`, natively at the `;`
#[cfg(feature = "known-gaps")]
twin! {
    /// A `match` as an operand: its scrutinee temporary lives to the `;`, across an await.
    p37b_match_as_operand {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let n = match leaf("g", G::new("g", k)).await.touch().get() {
                    0 => 10,
                    m => m,
                } + leaf("y", 1).await;
                step("s").await;
                n
            }
        }
    }
    run { async { (f(0).await, f(3).await) } }
}

twin! {
    /// A temporary before a `match` operand whose scrutinee awaits.
    p37b_temp_before_match_operand {
        lower! {
            pub async fn f(k: usize) -> usize {
                len_of(&mk("a")) + match leaf("k", k).await {
                    0 => len_of(&mk("z")),
                    n => n + leaf("x", 1).await,
                }
            }
        }
    }
    run { async { (f(0).await, f(2).await) } }
}

// Known gap: DROP ORDER: a field of an `if` expression's value then an await (`(if c { mk("a") } else { mk("b") }).0.len() + x.await`): the value drops before the await, natively after
#[cfg(feature = "known-gaps")]
twin! {
    /// A method call on an `if` expression of temporaries, plus an await.
    p37b_method_on_if_expr {
        lower! {
            pub async fn f(k: bool) -> usize {
                (if k { mk("a") } else { mk("bb") }).0.len() + leaf("x", 1).await
            }
        }
    }
    run { async { (f(true).await, f(false).await) } }
}

twin! {
    /// A block operand whose tail temporary drops at the block's end, before the await.
    p37b_block_operand_then_await {
        lower! {
            pub async fn f() -> usize {
                let n = {
                    let _l = mk("l");
                    len_of(&mk("t"))
                } + leaf("x", 1).await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `Some(x.await).map(..).unwrap_or(len_of(&mk()))`: the default is built eagerly.
    p37b_option_chain_default_temp {
        lower! {
            pub async fn f() -> u32 {
                let _l = mk("l");
                Some(leaf("g", G::new("g", 3)).await).map(|g: G| g.get()).unwrap_or(len_of(&mk("d")) as u32)
            }
        }
    }
    run { f() }
}

twin! {
    /// Matching through a reference to an awaited tuple; the arm awaits then reads.
    p37b_match_ref_awaited_tuple {
        lower! {
            pub async fn f() -> usize {
                let _l = mk("l");
                match &leaf("v", (mk("a"), 1usize)).await {
                    (t, n) => {
                        step("arm").await;
                        t.0.len() + n
                    }
                }
            }
        }
    }
    run { f() }
}

// Known gap: E0716: a let chain whose first `let` borrows into an awaited temporary (`if let Some(ref g) = x.await && let 1 = g.get()`, or `x.await.as_ref()`) with an await in the then-block
#[cfg(feature = "known-gaps")]
twin! {
    /// A let chain on `x.await.as_ref()`: the awaited option lives through the then-block.
    p37b_chain_as_ref_awaited {
        lower! {
            pub async fn f(k: &'static str) -> usize {
                if let Some(t) = leaf("o", Some(mk(k))).await.as_ref() && let 1 = t.0.len() {
                    step("then").await;
                    t.0.len()
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { async { (f("a").await, f("bb").await) } }
}

twin! {
    /// A realistic handler: parse a header through temporaries, let chain, let-else, awaits.
    p37b_realistic_handler {
        pub struct Req {
            pub headers: Vec<(&'static str, &'static str)>,
            pub body: Tracker,
        }
        impl Req {
            pub fn header(&self, k: &Tracker) -> Option<&'static str> {
                log(format!("header {}", k.0));
                self.headers.iter().find(|(n, _)| *n == k.0).map(|(_, v)| *v)
            }
        }
        lower! {
            pub async fn handle(req: Req) -> Result<usize, String> {
                let _span = mk("span");
                let Some(len) = req.header(&mk("len")) else {
                    return Err(format!("no len {}", mk("err").0));
                };
                if let Some(ct) = req.header(&mk("ct")) && leaf("auth", ct == "json").await {
                    let n = leaf("read", len.len()).await + req.body.0.len();
                    return Ok(n);
                }
                Ok(check(&mk("fallback"), leaf("x", 0).await)? + len_of(&req.body))
            }
        }
    }
    run { async {
        let a = handle(Req { headers: vec![("len", "12"), ("ct", "json")], body: Tracker("b1") }).await;
        let b = handle(Req { headers: vec![("len", "3")], body: Tracker("b2") }).await;
        let c = handle(Req { headers: vec![], body: Tracker("b3") }).await;
        (a, b, c)
    } }
}

twin! {
    /// A realistic retry loop: `while let` over attempts with awaited results and temporaries.
    p37b_realistic_retry {
        lower! {
            pub async fn fetch(mut attempts: Vec<Result<u32, &'static str>>) -> Result<u32, String> {
                let _conn = mk("conn");
                attempts.reverse();
                while let Some(a) = attempts.pop() {
                    match leaf("try", a).await {
                        Ok(v) if v > len_of(&mk("min")) as u32 => return Ok(v + leaf("post", 1).await),
                        Ok(_) => log("too small"),
                        Err(e) => {
                            let _b = mk("backoff");
                            step(e).await;
                        }
                    }
                }
                Err(format!("gave up {}", mk("g").0))
            }
        }
    }
    run { async {
        (fetch(vec![Err("e1"), Ok(1), Ok(7)]).await, fetch(vec![Err("e2")]).await)
    } }
}

// Known gap: E0507: `let (ref a, b) = (mk(), x.await);` (one element bound by `ref`, one moved out of the extended tuple temporary)
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_extend_ref_and_move: `let (ref a, b) = (mk(), x.await);`.
    p37b_min_ref_and_move_tuple {
        lower! {
            pub async fn f() -> usize {
                let (ref a, b) = (mk("a"), leaf("x", Tracker("b")).await);
                step("s").await;
                a.0.len() + b.0.len()
            }
        }
    }
    run { f() }
}

// Known gap: E0716: `let r = &*x.await;` of a `Box` (extension through a `Box` deref of an awaited value) read after an await
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_extend_box_deref_awaited: `let r = &*x.await;` of a `Box`.
    p37b_min_extend_box_deref {
        lower! {
            pub async fn f() -> u32 {
                let r = &*leaf("b", Box::new(1u32)).await;
                step("s").await;
                *r
            }
        }
    }
    run { f() }
}

// Known gap: E0716: extension through a constructor in `if` arms (`let o = if c { Some(&mk()) } else { None };`) read after a later await
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_extend_if_arms_ctor: `let o = if k { Some(&mk()) } else { None };`.
    p37b_min_extend_if_arm_ctor {
        lower! {
            pub async fn f() -> usize {
                let o = if true { Some(&mk("a")) } else { None };
                step("s").await;
                o.map(|t| t.0.len()).unwrap_or(0)
            }
        }
    }
    run { f() }
}

// Known gap: E0716: an awaited call lent a struct literal borrowing a temporary (`show_p(P { r: &mk("p"), n: 1 }).await`)
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_arg_struct_temp: an awaited call lent a struct literal borrowing
    /// a temporary.
    p37b_min_arg_struct_literal_temp {
        lower! {
            pub async fn f() -> usize {
                show_p(P { r: &mk("p"), n: 1 }).await
            }
        }
    }
    run { f() }
}

// Known gap: E0716: `for` over an iterator borrowing a temporary array (`for t in [mk("a")].iter() { x.await; .. }`) with an await in the body
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_for_over_temp_array_map: a `for` over a temporary array's iterator.
    p37b_min_for_over_temp_array_iter {
        lower! {
            pub async fn f() -> usize {
                let mut n = 0;
                for t in [mk("a")].iter() {
                    step("s").await;
                    n += t.0.len();
                }
                n
            }
        }
    }
    run { f() }
}

// Known gap: DROP ORDER: `m[len_of(&mk("i")) - 1] += x.await` (user `AddAssign`): the index's temporary drops before the await, natively at the `;`
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_compound_index_money: the index's temporary drops before the
    /// awaited value.
    p37b_min_compound_index_temp {
        lower! {
            pub async fn f() -> Vec<Money> {
                let mut m: Vec<Money> = vec![Money(1)];
                m[len_of(&mk("i")) - 1] += leaf("x", Money(5)).await;
                m
            }
        }
    }
    run { f() }
}

// Known gap: OUTPUT (evaluation order): `*m.entry(mk("k").0).or_default() += x.await` on `String` values evaluates the awaited value before the place (the place's type is not seen; README's `place op= value` gap)
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_compound_entry_string: `*m.entry(k).or_default() += x.await`.
    p37b_min_compound_entry_order {
        lower! {
            pub async fn f() -> BTreeMap<&'static str, String> {
                let mut m: BTreeMap<&'static str, String> = BTreeMap::new();
                *m.entry(mk("k").0).or_default() += leaf("x", "v").await;
                m
            }
        }
    }
    run { f() }
}

// Known gap: DROP ORDER: a failing `assert!(len_of(&mk("a")) > x.await, "{}", mk("m").0)`: the condition's temporary drops after the message is built, natively before
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_assert_awaited_chain: a failing `assert!` whose condition holds a
    /// temporary and an await.
    p37b_min_assert_cond_temp {
        lower! {
            pub async fn f() -> u32 {
                assert!(len_of(&mk("a")) > leaf("x", 9).await, "msg {}", mk("m").0);
                1
            }
        }
    }
    run { f() }
}

// Known gap: DROP ORDER: a `match` as an operand before an await (`match G::new(..).get() { .. } + y.await`): its scrutinee's temporary drops at the end of the `match`, natively at the `;`
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_match_as_operand: a `match` operand's scrutinee temporary lives to
    /// the `;`, across the later await.
    p37b_min_match_operand_temp {
        lower! {
            pub async fn f() -> u32 {
                let n = match G::new("g", 1).get() {
                    m => m,
                } + leaf("y", 1).await;
                n
            }
        }
    }
    run { f() }
}

// Known gap: DROP ORDER: a field of an `if` expression's value then an await (`(if c { mk("a") } else { mk("b") }).0.len() + x.await`): the value drops before the await, natively after
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_method_on_if_expr: a field of an `if` expression's value, then an
    /// await.
    p37b_min_if_expr_value_temp {
        lower! {
            pub async fn f() -> usize {
                (if true { mk("a") } else { mk("b") }).0.len() + leaf("x", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduction of p37b_let_else_await_then_temp: an awaiting `else` runs with the
    /// scrutinee's temporary still alive.
    p37b_min_let_else_temp_awaiting_else {
        lower! {
            pub async fn f() -> usize {
                let Some(n) = pick(&mk("t"), leaf("a", 4).await) else {
                    step("e").await;
                    return 0;
                };
                n
            }
        }
    }
    run { f() }
}

// Known gap: E0716: `let .. else` binding into an awaited temporary (`let Some(ref g) = x.await else { y.await; return }`) with an awaiting `else`
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_let_else_ref_awaited: `let Some(ref g) = x.await else` with an
    /// awaiting `else`.
    p37b_min_let_else_ref_awaiting_else {
        lower! {
            pub async fn f() -> u32 {
                let Some(ref g) = leaf("o", Some(G::new("g", 1))).await else {
                    step("e").await;
                    return 0;
                };
                g.get()
            }
        }
    }
    run { f() }
}

// Known gap: E0716: `let .. else` borrowing an awaited temporary (`let [a, ..] = &x.await[..] else { y.await; return }`) with an awaiting `else`
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_let_else_awaited_slice: `let [a, ..] = &x.await[..] else` with an
    /// awaiting `else`.
    p37b_min_let_else_slice_awaiting_else {
        lower! {
            pub async fn f() -> usize {
                let [a, ..] = &leaf("v", vec![mk("a")]).await[..] else {
                    step("e").await;
                    return 0;
                };
                a.0.len()
            }
        }
    }
    run { f() }
}

// Known gap: E0716: a let chain whose first `let` borrows into an awaited temporary (`if let Some(ref g) = x.await && let 1 = g.get()`, or `x.await.as_ref()`) with an await in the then-block
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_chain_ref_awaited: a let chain binding by `ref` into an awaited
    /// temporary, read after an await.
    p37b_min_chain_ref_awaited {
        lower! {
            pub async fn f() -> u32 {
                if let Some(ref g) = leaf("o", Some(G::new("g", 1))).await && let 1 = g.get() {
                    step("s").await;
                    g.get()
                } else {
                    0
                }
            }
        }
    }
    run { f() }
}

// Known gap: E0716: a let chain whose first `let` borrows into an awaited temporary (`if let Some(ref g) = x.await && let 1 = g.get()`, or `x.await.as_ref()`) with an await in the then-block
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduction of p37b_chain_as_ref_awaited: a let chain on `x.await.as_ref()`.
    p37b_min_chain_as_ref_awaited {
        lower! {
            pub async fn f() -> usize {
                if let Some(t) = leaf("o", Some(mk("a"))).await.as_ref() && let 1 = t.0.len() {
                    step("s").await;
                    t.0.len()
                } else {
                    0
                }
            }
        }
    }
    run { f() }
}
