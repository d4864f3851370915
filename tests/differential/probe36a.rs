//! Probe round 36a: temporaries, their lifetimes and evaluation order, in edition 2024:
//! tail-expression temporaries (fn, block, `if`/`match` arm tails) dropped before the
//! block's locals, `if let` / `while let` / `match` / `let .. else` scrutinee temporaries,
//! temporary lifetime extension (`&make()`, struct/tuple/array literals, `&mut vec![..]`,
//! `if`/`match` arms) living across later awaits, method chains on temporaries with
//! awaiting arguments, compound assignment and indexing, the format family, `assert!`,
//! `vec!`, `?`, early `return`/`break` and panics while temporaries are live.
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::RefCell;
#[allow(unused_imports)]
use std::collections::BTreeMap;
#[allow(unused_imports)]
use std::fmt::Write as _;

/// A value with a drop log and a payload, for method chains on temporaries.
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

/// A queue behind a `RefCell`, whose guard logs when taken and dropped.
pub struct Q(pub RefCell<Vec<u32>>);

/// The guard of a [`Q`].
pub struct QGuard<'a>(pub std::cell::RefMut<'a, Vec<u32>>);

impl Q {
    pub fn new(v: Vec<u32>) -> Q {
        Q(RefCell::new(v))
    }
    pub fn lock(&self) -> QGuard<'_> {
        log("lock");
        QGuard(self.0.borrow_mut())
    }
}

impl QGuard<'_> {
    pub fn pop(&mut self) -> Option<u32> {
        self.0.pop()
    }
    pub fn push(&mut self, x: u32) {
        self.0.push(x)
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl Drop for QGuard<'_> {
    fn drop(&mut self) {
        log("unlock");
    }
}

/// Parses a number, a `Err` naming the input otherwise.
pub fn parse_num(who: &str, s: &str) -> Result<u32, String> {
    log(format!("parse {who} {s}"));
    s.parse::<u32>().map_err(|_| format!("bad {who}: {s}"))
}

twin! {
    /// fn tail: a temporary and a local, an await before (2024: the temporary drops first).
    p36a_fn_tail_temp_before_local {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("local");
                step("a").await;
                mk("tmp").name().len() + t.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// fn tail: a temporary live across an await in the tail, with a local.
    p36a_fn_tail_temp_across_await {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("local");
                len_of(&mk("tmp")) + leaf("x", 1).await + t.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Block tail in a `let`: the block's temporary drops before its local, then awaits.
    p36a_block_tail_in_let {
        lower! {
            pub async fn f() -> usize {
                let outer = Tracker::new("outer");
                let n = {
                    let a = Tracker::new("a");
                    step("s").await;
                    len_of(&mk("tmp")) + a.name().len()
                };
                step("after").await;
                n + outer.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Block tail with an await inside the tail expression, the temporary live across it.
    p36a_block_tail_await_inside {
        lower! {
            pub async fn f() -> usize {
                let n = {
                    let a = Tracker::new("a");
                    len_of(&mk("tmp")) + leaf("x", 2).await + a.name().len()
                };
                step("after").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `if` arm tails each with their own local and a temporary across an await.
    p36a_if_arm_tails {
        lower! {
            pub async fn f(c: bool) -> usize {
                let k = Tracker::new("k");
                let n = if c {
                    let a = Tracker::new("a");
                    len_of(&mk("t1")) + leaf("x", 1).await + a.name().len()
                } else {
                    let b = Tracker::new("b");
                    step("e").await;
                    len_of(&mk("t2")) + b.name().len()
                };
                step("z").await;
                n + k.name().len()
            }
        }
        lower! {
            pub async fn both() -> (usize, usize) {
                (f(true).await, f(false).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `match` arm tails with temporaries and awaits, the match itself the fn tail.
    p36a_match_arm_tails_fn_tail {
        lower! {
            pub async fn f(k: u32) -> usize {
                let l = Tracker::new("l");
                match k {
                    0 => {
                        let a = Tracker::new("a");
                        step("s0").await;
                        len_of(&mk("t0")) + a.name().len()
                    }
                    1 => len_of(&mk("t1")) + leaf("x", 5).await,
                    _ => l.name().len() + len_of(&mk("t2")),
                }
            }
        }
        lower! {
            pub async fn all() -> Vec<usize> {
                vec![f(0).await, f(1).await, f(2).await]
            }
        }
    }
    run { all() }
}

twin! {
    /// fn tail is a `match` on a temporary, arms awaiting while it lives.
    p36a_tail_match_on_temp {
        lower! {
            pub async fn f() -> usize {
                let l = Tracker::new("l");
                step("a").await;
                match len_of(&mk("scrut")) {
                    4 => leaf("four", 40).await + l.name().len(),
                    5 => {
                        step("five").await;
                        50
                    }
                    n => n,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `break` with a value from a loop while a temporary and a loop local are live.
    p36a_break_value_with_temp {
        lower! {
            pub async fn f() -> usize {
                let mut i = 0;
                let r = loop {
                    let a = Tracker::new("a");
                    i += 1;
                    if i == 2 {
                        break len_of(&mk("tb")) + leaf("x", i).await + a.name().len();
                    }
                    step("s").await;
                };
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// Early `return` whose value holds a temporary across an await, locals live.
    p36a_return_temp_across_await {
        lower! {
            pub async fn f(early: bool) -> usize {
                let a = Tracker::new("a");
                if early {
                    let b = Tracker::new("b");
                    return len_of(&mk("tr")) + leaf("x", 3).await + b.name().len();
                }
                step("late").await;
                a.name().len()
            }
        }
        lower! {
            pub async fn both() -> (usize, usize) {
                (f(true).await, f(false).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `if let` on a temporary: live through the then-block's await (2024: dropped before
    /// `else`).
    p36a_if_let_temp_then_await {
        lower! {
            pub async fn f(name: &'static str) -> usize {
                if let Some(c) = G::new(name, 1).slice().chars().next().filter(|c| *c == 'a') {
                    step("then").await;
                    log(format!("c {c}"));
                    1
                } else {
                    step("else").await;
                    0
                }
            }
        }
        lower! {
            pub async fn both() -> (usize, usize) {
                (f("abc").await, f("xyz").await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `if let` scrutinee with a temporary and an await inside it.
    p36a_if_let_scrutinee_await {
        lower! {
            pub async fn f() -> u32 {
                let mut out = 0;
                if let 4 = len_of(&mk("s")) + leaf("x", 1).await {
                    step("never").await;
                    out = 1;
                } else {
                    step("else").await;
                    out += 2;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `else if let` chain: each scrutinee's temporary drops before the next branch.
    p36a_else_if_let_chain {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let r = if let Some(x) = G::new("g1", k).get().checked_sub(5) {
                    leaf("a", x).await
                } else if let Some(y) = G::new("g2", k).get().checked_sub(2) {
                    step("b").await;
                    y * 10
                } else {
                    step("c").await;
                    999
                };
                r
            }
        }
        lower! {
            pub async fn all() -> Vec<u32> {
                vec![f(7).await, f(3).await, f(1).await]
            }
        }
    }
    run { all() }
}

twin! {
    /// `while let` on a guard temporary: the guard lives through each body's await.
    p36a_while_let_guard_temp {
        lower! {
            pub async fn f(q: &Q) -> u32 {
                let mut sum = 0;
                while let Some(x) = q.lock().pop() {
                    sum += leaf("x", x).await;
                    log(format!("sum {sum}"));
                }
                sum
            }
        }
    }
    run { f(leak(Q::new(vec![1, 2, 3]))) }
}

twin! {
    /// `while let` with an await inside the scrutinee, a tracker temporary beside it.
    p36a_while_let_scrutinee_await {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut it = vec![3u32, 2, 1].into_iter();
                let mut out = Vec::new();
                while let Some(x) = leaf("nx", it.next()).await.filter(|_| len_of(&mk("w")) > 0) {
                    step("body").await;
                    out.push(x);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `match` scrutinee temporary lives across awaits in every arm (statement form).
    p36a_match_scrutinee_across_arm_awaits {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let before = Tracker::new("before");
                let r = match G::new("scr", k).add(1) {
                    1 => {
                        step("one").await;
                        10
                    }
                    2 => leaf("two", 20).await,
                    _ => {
                        let inner = Tracker::new("inner");
                        step("other").await;
                        drop(inner);
                        30
                    }
                };
                step("after").await;
                drop(before);
                r
            }
        }
        lower! {
            pub async fn all() -> Vec<u32> {
                vec![f(0).await, f(1).await, f(7).await]
            }
        }
    }
    run { all() }
}

twin! {
    /// `match &make()`: a reference to the temporary bound in the arm, used after awaits.
    p36a_match_ref_temp_binding {
        lower! {
            pub async fn f() -> usize {
                match &mk("s") {
                    t if t.name() == "s" => {
                        step("a").await;
                        let n = t.name().len();
                        step("b").await;
                        n + len_of(t)
                    }
                    _ => 0,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `match` on an awaited value's method (a single awaited temporary) with arm awaits.
    p36a_match_awaited_temp {
        lower! {
            pub async fn f() -> u32 {
                let l = Tracker::new("l");
                let r = match leaf("v", G::new("v", 3)).await.get() {
                    3 => {
                        step("three").await;
                        3
                    }
                    _ => 0,
                };
                drop(l);
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `let .. else` whose scrutinee borrows a temporary, else returns after an await.
    p36a_let_else_temp_scrutinee {
        lower! {
            pub async fn f(name: &'static str) -> usize {
                let l = Tracker::new("l");
                let Some(rest) = G::new(name, 0).slice().strip_prefix("ab").map(|s| s.len()) else {
                    step("else").await;
                    return 0;
                };
                step("after").await;
                rest + l.name().len()
            }
        }
        lower! {
            pub async fn both() -> (usize, usize) {
                (f("abcd").await, f("zz").await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `let .. else` with the await first in the scrutinee and a temporary after it.
    p36a_let_else_await_first {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let Some(x) = leaf("k", k).await.checked_sub(len_of(&mk("m")) as u32) else {
                    step("else").await;
                    return 100;
                };
                step("then").await;
                x
            }
        }
        lower! {
            pub async fn both() -> (u32, u32) {
                (f(5).await, f(0).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `let .. else` whose else panics, while a temporary of the scrutinee lives.
    p36a_let_else_panic {
        lower! {
            pub async fn f() -> usize {
                step("a").await;
                let Some(n) = G::new("g", 0).slice().find('z') else {
                    panic!("no z in {}", mk("msg").name());
                };
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `let r = &Tracker::new(x.await)`: extended temporary made from an awaited name,
    /// living across later awaits.
    p36a_extend_ref_of_awaited_arg {
        lower! {
            pub async fn f() -> usize {
                let a = Tracker::new("a");
                let r = &Tracker::new(leaf("n", "ext").await);
                step("s1").await;
                let n = r.name().len();
                step("s2").await;
                n + a.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Extension through a struct literal with a lifetime: `S { r: &make() }`.
    p36a_extend_struct_literal {
        pub struct S<'a> {
            pub r: &'a Tracker,
            pub n: u32,
        }
        lower! {
            pub async fn f() -> u32 {
                let s = S { r: &mk("in_s"), n: leaf("n", 4).await };
                let later = Tracker::new("later");
                step("s").await;
                s.n + s.r.name().len() as u32 + later.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// Extension through a tuple: `let (a, b) = (&t1(), &t2());` across awaits.
    p36a_extend_tuple_pair {
        lower! {
            pub async fn f() -> usize {
                let (a, b) = (&mk("t1"), &mk("t2"));
                step("s").await;
                let c = Tracker::new("c");
                leaf("x", a.name().len()).await + b.name().len() + c.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let v = &mut vec![..]` extended, pushed to with awaited trackers.
    p36a_extend_mut_vec {
        lower! {
            pub async fn f() -> usize {
                let v = &mut vec![mk("a"), mk("b")];
                v.push(leaf("c", Tracker::new("c")).await);
                step("s").await;
                v.remove(0);
                step("s2").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// An array of borrowed temporaries, extended, read after awaits.
    p36a_extend_array_of_refs {
        lower! {
            pub async fn f() -> usize {
                let arr = [&mk("a"), &mk("b"), &mk("c")];
                let mut n = 0;
                for t in arr {
                    n += leaf("l", t.name().len()).await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Not extended: `let x = f(&g().await)` drops the awaited value at the `let`.
    p36a_not_extended_call_arg {
        lower! {
            pub async fn f() -> usize {
                let x = len_of(&leaf("v", Tracker::new("v")).await);
                step("s").await;
                let y = len_of(&mk("w"));
                step("s2").await;
                x + y
            }
        }
    }
    run { f() }
}

twin! {
    /// `let r = &make().field`: the whole temporary extended, across awaits.
    p36a_extend_field_of_temp {
        lower! {
            pub async fn f() -> usize {
                let r = &mk("whole").0;
                step("a").await;
                let b = Tracker::new("b");
                step("c").await;
                r.len() + b.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let r = &(make(), x.await).1`: a tuple temporary extended through a field.
    p36a_extend_tuple_field_after_await {
        lower! {
            pub async fn f() -> u32 {
                let r = &(mk("left"), leaf("x", 2).await).1;
                step("s").await;
                *r
            }
        }
    }
    run { f() }
}

twin! {
    /// `let s: &str = &String::from(x.await)` extended across awaits.
    p36a_extend_string_from_await {
        lower! {
            pub async fn f() -> String {
                let t = Tracker::new("t");
                let s: &str = &String::from(leaf("x", "hello").await);
                step("s").await;
                format!("{s}-{}", t.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// Extension through `if`/`else` arms (no await inside the `let`), read after awaits.
    p36a_extend_if_arms {
        lower! {
            pub async fn f(c: bool) -> usize {
                let r = if c { &mk("yes") } else { &mk("no") };
                step("s").await;
                let n = r.name().len();
                step("t").await;
                n
            }
        }
        lower! {
            pub async fn both() -> (usize, usize) {
                (f(true).await, f(false).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// Extension through `match` arms (no await inside the `let`).
    p36a_extend_match_arms {
        lower! {
            pub async fn f(k: u32) -> usize {
                let before = Tracker::new("before");
                let r = match k {
                    0 => &mk("zero"),
                    1 => &mk("one"),
                    _ => &mk("many"),
                };
                let after = Tracker::new("after");
                leaf("x", r.name().len()).await + before.name().len() + after.name().len()
            }
        }
        lower! {
            pub async fn all() -> Vec<usize> {
                vec![f(0).await, f(1).await, f(2).await]
            }
        }
    }
    run { all() }
}

twin! {
    /// Extension through `Some(&make())` (tuple-variant constructor).
    p36a_extend_some_ctor {
        lower! {
            pub async fn f() -> usize {
                let o = Some(&mk("opt"));
                step("s").await;
                o.map(|t| t.name().len()).unwrap_or(0) + leaf("x", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// An extended temporary living across a loop of awaits, then a later local.
    p36a_extend_across_loop {
        lower! {
            pub async fn f() -> usize {
                let r = &mk("r");
                let mut n = 0;
                for i in 0..3u32 {
                    let it = Tracker::new("it");
                    n += leaf("l", i).await as usize;
                    drop(it);
                }
                let z = Tracker::new("z");
                n + r.name().len() + z.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let r = &mut make();` then assigned an awaited tracker: the old one drops there.
    p36a_extend_mut_assign_await {
        lower! {
            pub async fn f() -> &'static str {
                let r = &mut mk("old");
                *r = leaf("x", Tracker::new("new")).await;
                step("s").await;
                r.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested extension: a struct literal holding a tuple of references to temporaries.
    p36a_extend_nested_struct_tuple {
        pub struct Two<'a> {
            pub p: (&'a Tracker, &'a G),
        }
        lower! {
            pub async fn f() -> u32 {
                let t = Two { p: (&mk("pt"), &G::new("pg", 7)) };
                step("s").await;
                let k = leaf("k", 1).await;
                t.p.1.get() + k + t.p.0.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// Extended temporaries and an early return after an await (they drop with the locals,
    /// in reverse).
    p36a_extend_early_return {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let a = &mk("a");
                let b = Tracker::new("b");
                let c = &G::new("c", k);
                if leaf("k", k).await > 1 {
                    return c.get();
                }
                step("s").await;
                (a.name().len() + b.name().len()) as u32
            }
        }
        lower! {
            pub async fn both() -> (u32, u32) {
                (f(5).await, f(0).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// Extended temporary while a panic unwinds after an await.
    p36a_extend_then_panic {
        lower! {
            pub async fn f() -> u32 {
                let a = &mk("a");
                let _b = Tracker::new("b");
                let n = boom("bm").await;
                n + a.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// `let ref r = make();` and `let _ = make();` / `let _g = make();` beside awaits.
    p36a_let_ref_underscore {
        lower! {
            pub async fn f() -> usize {
                let ref r = mk("ref");
                let _ = mk("underscore");
                let _g = mk("kept");
                let _ = leaf("v", Tracker::new("v_dropped")).await;
                step("s").await;
                r.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `_ = make();` assignment and `drop(make())` between awaits.
    p36a_underscore_assign {
        lower! {
            pub async fn f() -> u32 {
                let k = Tracker::new("k");
                _ = mk("a");
                step("s").await;
                _ = leaf("x", Tracker::new("b")).await;
                drop(mk("c"));
                step("t").await;
                k.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing: the first binding lives to the end of the scope, across awaits.
    p36a_shadow_keeps_first {
        lower! {
            pub async fn f() -> usize {
                let t = mk("first");
                let t = t.name().len() + leaf("x", 1).await;
                let u = &mk("second");
                step("s").await;
                t + u.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A method chain on a temporary with an awaiting argument: `G::new(..).add(x.await)`.
    p36a_chain_temp_awaiting_arg {
        lower! {
            pub async fn f() -> u32 {
                let l = Tracker::new("l");
                let n = G::new("g", 10).touch().add(leaf("x", 5).await);
                step("s").await;
                n + l.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A method chain on a temporary in the fn tail with an awaiting argument.
    p36a_chain_temp_tail {
        lower! {
            pub async fn f() -> u32 {
                let l = Tracker::new("l");
                step("s").await;
                G::new("g", 1).touch().touch().add(leaf("x", 2).await) + l.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A single awaited value used as a temporary receiver, statement form.
    p36a_awaited_value_temp_stmt {
        lower! {
            pub async fn f() -> u32 {
                let a = Tracker::new("a");
                let n = leaf("v", G::new("v", 3)).await.touch().get() + 1;
                step("s").await;
                n + a.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// Awaiting a lowered fn that borrows a temporary: `len_async(&make()).await`.
    p36a_await_fn_borrowing_temp {
        lower! {
            pub async fn len_async(t: &Tracker) -> usize {
                step("in").await;
                t.name().len()
            }
        }
        lower! {
            pub async fn f() -> usize {
                let l = Tracker::new("l");
                let n = len_async(&mk("arg")).await;
                step("s").await;
                n + l.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Two awaited calls, each borrowing its own temporary argument, in one sum.
    p36a_two_borrowed_temp_args_sum {
        lower! {
            pub async fn len_async(t: &Tracker) -> usize {
                step("in").await;
                t.name().len()
            }
        }
        lower! {
            pub async fn f() -> usize {
                let n = len_async(&mk("a1")).await + len_async(&mk("b22")).await;
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// The fn tail awaits a call borrowing two temporaries, with a local live.
    p36a_tail_await_two_temp_args {
        lower! {
            pub async fn both(a: &Tracker, b: &G) -> u32 {
                step("in").await;
                a.name().len() as u32 + b.get()
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let l = Tracker::new("l");
                step("s").await;
                both(&mk("ta"), &G::new("tg", 2)).await + l.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async` block borrowing a temporary, awaited in the same statement.
    p36a_async_block_borrowing_temp {
        lower! {
            pub async fn f() -> usize {
                let t = &mk("ext");
                let n = async {
                    step("inner").await;
                    t.name().len()
                }
                .await;
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A temporary future stored then awaited after another await.
    p36a_stored_future_later {
        lower! {
            pub async fn f() -> u32 {
                let fut = leaf("later", 7);
                let _ = leaf("dropped_unpolled", 0);
                step("first").await;
                let t = mk("t");
                let v = fut.await;
                drop(t);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Statement with `;` vs without: `match` on a temporary as a unit statement.
    p36a_match_stmt_semicolon {
        lower! {
            pub async fn f() -> u32 {
                let mut acc = 0;
                match len_of(&mk("s1")) {
                    n => acc += leaf("x", n as u32).await,
                };
                match len_of(&mk("s22")) {
                    n => {
                        step("y").await;
                        acc += n as u32;
                    }
                }
                let l = Tracker::new("l");
                step("z").await;
                drop(l);
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// `if` condition temporaries drop before the branch runs (even with an await in it).
    p36a_if_cond_temp {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 0;
                if len_of(&mk("c1")) == 2 {
                    step("then").await;
                    n += 1;
                }
                if len_of(&mk("c2")) == leaf("x", 2).await {
                    step("then2").await;
                    n += 10;
                } else {
                    n += 100;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `while` condition temporaries drop every iteration before the body.
    p36a_while_cond_temp {
        lower! {
            pub async fn f() -> usize {
                let mut i = 0;
                while len_of(&mk("w")) > i {
                    step("body").await;
                    i += 1;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// `total += temp + x.await` with a temporary live across the awaited operand.
    p36a_compound_add_temp {
        lower! {
            pub async fn f() -> usize {
                let mut total = 1;
                total += len_of(&mk("a")) + leaf("x", 2).await;
                total *= leaf("y", 3).await + len_of(&mk("b"));
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// `v[idx(&make())] += x.await` on a `u32` element: the value is evaluated before the
    /// place (primitive compound assignment).
    p36a_compound_index_temp_primitive {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3];
                v[len_of(&mk("i")) - 1] += leaf("x", 5).await;
                v[len_of(&mk("jj")) - 1] -= 1;
                step("s").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `v[idx(&make())] = x.await`: plain assignment evaluates the value first.
    p36a_assign_index_temp {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut v = vec![Tracker::new("e0"), Tracker::new("e1")];
                v[len_of(&mk("i")) - 1] = leaf("x", Tracker::new("n0")).await;
                step("s").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `*map.entry(k).or_insert(0) += x.await` with the key a temporary's name.
    p36a_entry_compound {
        lower! {
            pub async fn f() -> BTreeMap<&'static str, u32> {
                let mut m = BTreeMap::new();
                *m.entry(mk("k").name()).or_insert(0) += leaf("x", 4).await;
                *m.entry("k").or_insert(0) += leaf("y", 1).await;
                m
            }
        }
    }
    run { f() }
}

twin! {
    /// Indexing a temporary `vec!` with an awaited index.
    p36a_index_temp_vec_awaited {
        lower! {
            pub async fn f() -> &'static str {
                let n = vec![mk("a"), mk("b"), mk("c")][leaf("i", 1).await].name();
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `String += &format!(..)` and `push_str` with temporaries and awaits.
    p36a_string_push_temps {
        lower! {
            pub async fn f() -> String {
                let mut s = String::new();
                s += &format!("{}", leaf("x", 1).await);
                s.push_str(&mk("ab").name().repeat(leaf("n", 2).await));
                s += mk("c").name();
                step("s").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A `RefCell` guard temporary receiver with an awaiting argument: the borrow is taken
    /// before the await and held across it.
    p36a_refcell_guard_push_await {
        lower! {
            pub async fn f(q: &Q) -> usize {
                q.lock().push(leaf("x", 9).await);
                step("s").await;
                let n = q.lock().len();
                n
            }
        }
    }
    run { f(leak(Q::new(vec![1]))) }
}

twin! {
    /// A guard temporary in a `match` scrutinee, arms awaiting while it is held.
    p36a_guard_scrutinee_match {
        lower! {
            pub async fn f(q: &Q) -> u32 {
                let r = match q.lock().pop() {
                    Some(x) => leaf("x", x).await * 2,
                    None => {
                        step("none").await;
                        0
                    }
                };
                let after = q.lock().len() as u32;
                r + after
            }
        }
    }
    run { f(leak(Q::new(vec![4, 5]))) }
}

twin! {
    /// A guard temporary held across an await in a `let`, then locked again in the next
    /// statements (it must be gone by then).
    p36a_guard_len_then_push {
        lower! {
            pub async fn f(q: &Q) -> usize {
                let n = q.lock().len() as u32 + leaf("x", 1).await;
                q.lock().push(n);
                step("s").await;
                q.lock().len()
            }
        }
    }
    run { f(leak(Q::new(vec![1, 2]))) }
}

twin! {
    /// `format!` with a temporary and an await as arguments.
    p36a_format_temp_await {
        lower! {
            pub async fn f() -> String {
                let l = Tracker::new("l");
                let s = format!("{}-{}-{}", mk("a").name(), leaf("x", 1).await, G::new("g", 2).get());
                step("s").await;
                format!("{s}/{}", l.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// `format!` as the fn tail with an await and a temporary argument.
    p36a_format_tail {
        lower! {
            pub async fn f() -> String {
                let l = Tracker::new("l");
                step("s").await;
                format!("{}:{}:{}", l.name(), G::new("g", 1).touch().get(), leaf("x", 2).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `vec!` of owned trackers with an awaited element in the middle (cancellation there
    /// drops the first).
    p36a_vec_macro_awaited_middle {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let v = vec![mk("a"), leaf("b", Tracker::new("b")).await, mk("c")];
                step("s").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `vec!` of lengths of temporaries with awaits between.
    p36a_vec_macro_temp_lens {
        lower! {
            pub async fn f() -> Vec<usize> {
                vec![len_of(&mk("a")), leaf("x", 7).await, len_of(&mk("ccc")), leaf("y", 8).await]
            }
        }
    }
    run { f() }
}

twin! {
    /// `assert!` with a temporary and an await in the condition, passing.
    p36a_assert_pass {
        lower! {
            pub async fn f() -> u32 {
                assert!(len_of(&mk("a")) == leaf("x", 1).await, "lens differ {}", mk("msg").name());
                step("s").await;
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// `assert_eq!` failing while a temporary is live: the drop log of the unwind.
    p36a_assert_eq_fail {
        lower! {
            pub async fn f() -> u32 {
                let _l = Tracker::new("l");
                step("s").await;
                assert_eq!(len_of(&mk("a")), leaf("x", 2).await, "with {}", G::new("g", 0).get());
                0
            }
        }
    }
    run { f() }
}

twin! {
    /// `assert_eq!` on an awaited value's method, passing.
    p36a_assert_eq_awaited_temp {
        lower! {
            pub async fn f() -> u32 {
                assert_eq!(leaf("v", G::new("v", 1)).await.get(), 1);
                assert_ne!(len_of(&mk("t")), leaf("w", 5).await);
                step("s").await;
                2
            }
        }
    }
    run { f() }
}

twin! {
    /// `write!` into a `String` with a temporary and an await as arguments.
    p36a_write_macro {
        lower! {
            pub async fn f() -> String {
                let mut s = String::new();
                write!(s, "{}{}", mk("a").name(), leaf("x", 3).await).unwrap();
                writeln!(&mut s, "[{}]", G::new("g", 4).get()).unwrap();
                step("s").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `matches!` on a temporary `&&` an awaited bool.
    p36a_matches_and_await {
        lower! {
            pub async fn f() -> (bool, bool) {
                let a = matches!(mk("a").name(), "a") && leaf("x", true).await;
                let b = matches!(mk("b").name(), "z") && leaf("never", true).await;
                step("s").await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` on a `Result` computed from a temporary and an awaited string.
    p36a_question_temp {
        lower! {
            pub async fn f(s: &'static str) -> Result<u32, String> {
                let l = Tracker::new("l");
                let n = parse_num(mk("who").name(), leaf("s", s).await)?;
                step("after").await;
                Ok(n + l.name().len() as u32)
            }
        }
        lower! {
            pub async fn both() -> (Result<u32, String>, Result<u32, String>) {
                (f("12").await, f("x").await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `?` in the fn tail (`Ok(temp + x?)`): an early return while the tail temporary and
    /// a local are live.
    p36a_question_in_tail {
        lower! {
            pub async fn f(s: &'static str) -> Result<usize, String> {
                let l = Tracker::new("l");
                step("s").await;
                Ok(len_of(&mk("t")) + parse_num("tail", leaf("x", s).await)? as usize + l.name().len())
            }
        }
        lower! {
            pub async fn both() -> (Result<usize, String>, Result<usize, String>) {
                (f("3").await, f("bad").await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `?` on an `Option` whose temporary borrows a tracker, in a `let`.
    p36a_question_option_borrow {
        lower! {
            pub async fn f(name: &'static str) -> Option<usize> {
                let a = Tracker::new("a");
                let i = G::new(name, 0).slice().find(leaf("c", 'x').await)?;
                step("s").await;
                Some(i + a.name().len())
            }
        }
        lower! {
            pub async fn both() -> (Option<usize>, Option<usize>) {
                (f("abx").await, f("abc").await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `return` from a `match` arm while the scrutinee's temporary is live.
    p36a_return_in_match_arm {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let l = Tracker::new("l");
                match G::new("scr", k).get() {
                    1 => return leaf("ret", 7).await,
                    _ => {}
                }
                step("s").await;
                l.name().len() as u32
            }
        }
        lower! {
            pub async fn both() -> (u32, u32) {
                (f(1).await, f(2).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `break` with an awaited value out of a `match` on a temporary inside a loop.
    p36a_break_in_match_on_temp {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0u32;
                let r = loop {
                    i += 1;
                    match G::new("m", i).get() {
                        3 => {
                            step("three").await;
                            break leaf("b", i * 10).await;
                        }
                        _ => step("again").await,
                    }
                };
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `continue` inside a `while let` on a guard temporary.
    p36a_continue_while_let_guard {
        lower! {
            pub async fn f(q: &Q) -> u32 {
                let mut sum = 0;
                while let Some(x) = q.lock().pop() {
                    if x % 2 == 0 {
                        step("even").await;
                        continue;
                    }
                    sum += leaf("odd", x).await;
                }
                sum
            }
        }
    }
    run { f(leak(Q::new(vec![1, 2, 3, 4, 5]))) }
}

twin! {
    /// A panic from an awaited operand while an earlier operand's temporary is live.
    p36a_panic_operand_temp_live {
        lower! {
            pub async fn f() -> u32 {
                let _l = Tracker::new("l");
                let n = len_of(&mk("t")) as u32 + boom("bm").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic in a `match` arm after an await while the scrutinee temporary is live.
    p36a_panic_in_match_arm {
        lower! {
            pub async fn f() -> u32 {
                let _l = Tracker::new("l");
                match G::new("scr", 1).get() {
                    1 => {
                        step("s").await;
                        panic!("arm {}", mk("msg").name());
                    }
                    n => n,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `unwrap` on an awaited `None` while a temporary is live.
    p36a_unwrap_none_temp_live {
        lower! {
            pub async fn f() -> usize {
                let _l = Tracker::new("l");
                step("s").await;
                len_of(&mk("t")) + leaf("x", None::<usize>).await.unwrap()
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic inside an `if let` then-block while the scrutinee's temporary lives.
    p36a_panic_in_if_let {
        lower! {
            pub async fn f() -> u32 {
                let _l = Tracker::new("l");
                if let Some(x) = G::new("g", 5).get().checked_mul(2) {
                    step("s").await;
                    if x == 10 {
                        panic!("ten");
                    }
                }
                0
            }
        }
    }
    run { f() }
}

twin! {
    /// A let chain with a temporary in the first `let` and an await in the second.
    p36a_let_chain_temp_await {
        lower! {
            pub async fn f(k: u32) -> u32 {
                if let Some(a) = G::new("g", k).get().checked_sub(1)
                    && let Some(b) = leaf("x", Some(a * 2)).await
                {
                    step("then").await;
                    b
                } else {
                    step("else").await;
                    0
                }
            }
        }
        lower! {
            pub async fn both() -> (u32, u32) {
                (f(3).await, f(0).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// A let chain with a boolean condition on a temporary between two lets.
    p36a_let_chain_bool_temp {
        lower! {
            pub async fn f(v: Option<u32>) -> u32 {
                let l = Tracker::new("l");
                let r = if let Some(x) = v
                    && len_of(&mk("mid")) == 3
                    && let 5.. = leaf("x", x).await
                {
                    x
                } else {
                    step("e").await;
                    1
                };
                r + l.name().len() as u32
            }
        }
        lower! {
            pub async fn all() -> Vec<u32> {
                vec![f(Some(9)).await, f(Some(2)).await, f(None).await]
            }
        }
    }
    run { all() }
}

twin! {
    /// A `match` guard with a temporary; guard temporaries drop before the arm's await.
    p36a_match_guard_temp {
        lower! {
            pub async fn f(k: usize) -> usize {
                match k {
                    n if len_of(&mk("g1")) == n => {
                        step("a").await;
                        1
                    }
                    n if len_of(&mk("g2")) + 1 == n => leaf("b", 2).await,
                    _ => 0,
                }
            }
        }
        lower! {
            pub async fn all() -> Vec<usize> {
                vec![f(2).await, f(3).await, f(9).await]
            }
        }
    }
    run { all() }
}

twin! {
    /// An awaiting `match` guard with a temporary beside the await.
    p36a_match_guard_await {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let l = Tracker::new("l");
                let r = match k {
                    n if leaf("g", n).await + G::new("gg", 0).get() > 3 => {
                        step("big").await;
                        n
                    }
                    n => n * 100,
                };
                drop(l);
                r
            }
        }
        lower! {
            pub async fn both() -> (u32, u32) {
                (f(5).await, f(1).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `for` over a temporary's chars: the temporary lives across the loop's awaits.
    p36a_for_over_temp_chars {
        lower! {
            pub async fn f() -> String {
                let mut out = String::new();
                for c in G::new("abc", 0).slice().chars() {
                    step("c").await;
                    out.push(c);
                }
                step("after").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `for` over an awaited vector's `iter()`: the awaited value is the loop temporary.
    p36a_for_over_awaited_iter {
        lower! {
            pub async fn f() -> usize {
                let mut n = 0;
                for t in leaf("v", vec![mk("a"), mk("bb")]).await.iter() {
                    n += leaf("l", t.name().len()).await;
                }
                step("after").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `for` over an array literal of trackers moved into the loop variable.
    p36a_for_over_array_temp {
        lower! {
            pub async fn f() -> usize {
                let mut n = 0;
                for t in [mk("a"), mk("b"), mk("c")] {
                    step("s").await;
                    n += t.name().len();
                    if t.name() == "b" {
                        break;
                    }
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct literal with trackers and an awaited middle field, as the fn tail.
    p36a_struct_literal_awaited_field_tail {
        #[derive(Debug)]
        pub struct S {
            pub a: Tracker,
            pub b: Tracker,
            pub n: usize,
        }
        lower! {
            pub async fn f() -> S {
                let l = Tracker::new("l");
                S { a: mk("a"), b: leaf("b", Tracker::new("b")).await, n: len_of(&mk("tmp")) + l.name().len() }
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple of a temporary length and an awaited one, matched.
    p36a_match_tuple_of_temps {
        lower! {
            pub async fn f() -> u32 {
                match (len_of(&mk("a")), leaf("x", 1u32).await) {
                    (1, 1) => {
                        step("both").await;
                        11
                    }
                    (_, k) => leaf("k", k).await,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `match &mut vec![..]` with a push of an awaited tracker in the arm.
    p36a_match_mut_temp_vec {
        lower! {
            pub async fn f() -> usize {
                match &mut vec![mk("a")] {
                    v => {
                        v.push(leaf("b", Tracker::new("b")).await);
                        step("s").await;
                        v.len()
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A labeled block breaking with an awaited value while a condition temporary lived.
    p36a_labeled_block_break {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let l = Tracker::new("l");
                let n = 'b: {
                    let inner = Tracker::new("inner");
                    if c && len_of(&mk("cond")) == 4 {
                        break 'b leaf("x", 5).await;
                    }
                    step("fall").await;
                    drop(inner);
                    0
                };
                n + l.name().len() as u32
            }
        }
        lower! {
            pub async fn both() -> (u32, u32) {
                (f(true).await, f(false).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `Option::as_ref` chain on a temporary plus an await.
    p36a_option_chain_temp {
        lower! {
            pub async fn f() -> usize {
                let n = Some(mk("o")).as_ref().map(|t| t.name().len()).unwrap_or(0) + leaf("x", 1).await;
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Deref of boxed temporaries around an await.
    p36a_box_deref_temps {
        lower! {
            pub async fn f() -> u32 {
                let a = *Box::new(leaf("x", 3).await) + Box::new(G::new("bx", 4)).get();
                step("s").await;
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure returning a temporary called inline beside an await.
    p36a_closure_temp_inline {
        lower! {
            pub async fn f() -> usize {
                let make = || mk("c");
                let n = make().name().len() + leaf("x", 1).await + (|| G::new("d", 2))().get() as usize;
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::replace` returning the old value as a temporary; the new one awaited.
    p36a_mem_replace_temp {
        lower! {
            pub async fn f() -> (usize, &'static str) {
                let mut slot = mk("old");
                let n = std::mem::replace(&mut slot, leaf("x", Tracker::new("new")).await).name().len();
                step("s").await;
                (n, slot.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option::take` on a local inside a chain with an await argument.
    p36a_take_chain_await {
        lower! {
            pub async fn f() -> usize {
                let mut o = Some(mk("in_opt"));
                let n = o.take().map(|t| t.name().len()).unwrap_or(0) + leaf("x", 2).await;
                step("s").await;
                n + o.is_none() as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async` block whose tail has a temporary and an await, its local dropped after.
    p36a_async_block_tail_temp {
        lower! {
            pub async fn f() -> usize {
                let fut = async {
                    let l = Tracker::new("blk_local");
                    len_of(&mk("blk_tmp")) + leaf("x", 1).await + l.name().len()
                };
                step("s").await;
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested blocks with tails, each with a temporary and a local, awaits between.
    p36a_nested_block_tails {
        lower! {
            pub async fn f() -> usize {
                let a = Tracker::new("a");
                let n = {
                    let b = Tracker::new("b");
                    let m = {
                        let c = Tracker::new("c");
                        len_of(&mk("t3")) + leaf("x", 1).await + c.name().len()
                    };
                    step("mid").await;
                    len_of(&mk("t2")) + m + b.name().len()
                };
                n + a.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `if` as the fn tail with temporaries in both arm tails and awaits.
    p36a_if_fn_tail_temps {
        lower! {
            pub async fn f(c: bool) -> usize {
                let l = Tracker::new("l");
                step("s").await;
                if c { len_of(&mk("yes")) + leaf("x", 1).await } else { leaf("y", 2).await + len_of(&mk("no")) + l.name().len() }
            }
        }
        lower! {
            pub async fn both() -> (usize, usize) {
                (f(true).await, f(false).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `if let .. else` as the fn tail: 2024 drops the scrutinee temporary before `else`.
    p36a_if_let_fn_tail {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let l = Tracker::new("l");
                step("s").await;
                if let Some(x) = G::new("scr", k).get().checked_sub(1) {
                    leaf("then", x).await
                } else {
                    step("else").await;
                    l.name().len() as u32
                }
            }
        }
        lower! {
            pub async fn both() -> (u32, u32) {
                (f(3).await, f(0).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `while let` with a temporary of a `Vec` pop whose elements are trackers.
    p36a_while_let_pop_trackers {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![mk("a"), mk("b"), mk("c")];
                let mut out = Vec::new();
                while let Some(t) = v.pop() {
                    step("s").await;
                    out.push(t.name());
                    if t.name() == "b" {
                        break;
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Realistic: a request handler building a response from a borrowed header temporary,
    /// an awaited body and a `format!`, with `?` on parsing.
    p36a_realistic_handler {
        pub struct Req {
            pub path: String,
            pub len: String,
        }
        lower! {
            pub async fn body_of(r: &Req) -> Vec<u8> {
                step("read").await;
                r.path.bytes().collect()
            }
        }
        lower! {
            pub async fn handle(r: Req) -> Result<String, String> {
                let _span = Tracker::new("span");
                let n = parse_num("len", r.len.trim())?;
                let body = String::from_utf8_lossy(&body_of(&r).await).into_owned();
                let head = format!("{} {}", mk("hdr").name(), leaf("status", 200).await);
                Ok(format!("{head}:{n}:{body}"))
            }
        }
        lower! {
            pub async fn both() -> (Result<String, String>, Result<String, String>) {
                let a = handle(Req { path: "/a".into(), len: " 2 ".into() }).await;
                let b = handle(Req { path: "/b".into(), len: "x".into() }).await;
                (a, b)
            }
        }
    }
    run { both() }
}

twin! {
    /// Realistic: reading lines from an awaited buffer, `trim().to_string()` on the
    /// awaited temporary, accumulating into a `BTreeMap` of trackers.
    p36a_realistic_lines_map {
        lower! {
            pub async fn next_line(i: usize) -> Option<String> {
                step("io").await;
                ["a=1", " b = 2 ", "bad", "c=3"].get(i).map(|s| s.to_string())
            }
        }
        lower! {
            pub async fn load() -> Result<BTreeMap<String, u32>, String> {
                let mut m = BTreeMap::new();
                let mut i = 0;
                while let Some(line) = next_line(i).await {
                    i += 1;
                    let line = line.trim().to_string();
                    let Some((k, v)) = line.split_once('=') else {
                        log(format!("skip {line}"));
                        continue;
                    };
                    let _g = Tracker::new("entry");
                    m.insert(k.trim().to_string(), parse_num(k.trim(), v.trim())? + leaf("bias", 0).await);
                }
                Ok(m)
            }
        }
    }
    run { load() }
}

twin! {
    /// Realistic: a cache lookup with a guard temporary in the condition and a fill on
    /// miss, awaiting while no guard is held.
    p36a_realistic_cache_fill {
        lower! {
            pub async fn fetch(k: u32) -> u32 {
                step("fetch").await;
                k * 10
            }
        }
        lower! {
            pub async fn get(cache: &RefCell<BTreeMap<u32, u32>>, k: u32) -> u32 {
                if let Some(v) = cache.borrow().get(&k).copied() {
                    log(format!("hit {k}"));
                    return v;
                }
                let v = fetch(k).await;
                cache.borrow_mut().insert(k, v);
                let _t = Tracker::new("filled");
                v + leaf("z", 0).await
            }
        }
        lower! {
            pub async fn run_all(cache: &RefCell<BTreeMap<u32, u32>>) -> Vec<u32> {
                vec![get(cache, 1).await, get(cache, 2).await, get(cache, 1).await]
            }
        }
    }
    run { run_all(leak(RefCell::new(BTreeMap::new()))) }
}

twin! {
    /// Realistic: a logger line built by `write!` of a guard-held length and awaited
    /// values, in a loop.
    p36a_realistic_log_lines {
        lower! {
            pub async fn f(q: &Q) -> String {
                let mut out = String::new();
                for i in 0..3u32 {
                    writeln!(out, "{} {} {}", i, q.lock().len(), leaf("v", i * 2).await).unwrap();
                    q.lock().push(i);
                }
                out
            }
        }
    }
    run { f(leak(Q::new(vec![]))) }
}

twin! {
    /// Realistic: a transaction whose guard temporary is the receiver of an awaited commit
    /// argument, an error rolled back by `?`.
    p36a_realistic_txn {
        pub struct Db {
            pub rows: RefCell<Vec<u32>>,
        }
        lower! {
            pub async fn validate(x: u32) -> Result<u32, String> {
                step("val").await;
                if x > 5 { Err(format!("too big {x}")) } else { Ok(x) }
            }
        }
        lower! {
            pub async fn insert_all(db: &Db, xs: Vec<u32>) -> Result<usize, String> {
                let _tx = Tracker::new("tx");
                for x in xs {
                    db.rows.borrow_mut().push(validate(x).await?);
                }
                Ok(db.rows.borrow().len())
            }
        }
        lower! {
            pub async fn both(db: &Db) -> (Result<usize, String>, Result<usize, String>) {
                (insert_all(db, vec![1, 2]).await, insert_all(db, vec![3, 9, 4]).await)
            }
        }
    }
    run { both(leak(Db { rows: RefCell::new(vec![]) })) }
}

twin! {
    /// An extended temporary borrowed by a local closure across awaits.
    p36a_extend_closure_borrow {
        lower! {
            pub async fn f() -> usize {
                let t = &mk("ext");
                let read = || t.name().len();
                let a = read() + leaf("x", 1).await;
                step("s").await;
                a + read()
            }
        }
    }
    run { f() }
}

twin! {
    /// Temporaries in the arguments of a call whose result is awaited by a lowered fn that
    /// takes ownership of one tracker and borrows another.
    p36a_mixed_owned_borrowed_args {
        lower! {
            pub async fn eat(a: Tracker, b: &G) -> u32 {
                step("in").await;
                drop(a);
                b.get()
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let l = Tracker::new("l");
                let n = eat(mk("owned"), &G::new("lent", 3)).await + leaf("x", 1).await;
                step("s").await;
                n + l.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// Range of a temporary's length summed with an await.
    p36a_range_temp_sum {
        lower! {
            pub async fn f() -> usize {
                (0..len_of(&mk("rng"))).map(|i| i * 2).sum::<usize>() + leaf("x", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `let` with an `as` cast of a temporary's value and an awaited operand, repeated in a
    /// loop with a `break` on a condition involving a temporary.
    p36a_loop_cast_break_temp {
        lower! {
            pub async fn f() -> u64 {
                let mut acc = 0u64;
                loop {
                    acc += G::new("it", 2).get() as u64 * leaf("x", 3u64).await;
                    if len_of(&mk("stop")) as u64 <= acc {
                        break acc;
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on an awaited `Result` temporary whose `Err` arm returns with the payload
    /// while a local and an extended temporary live.
    p36a_match_awaited_result_return {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, String> {
                let ext = &mk("ext");
                let l = Tracker::new("l");
                let v = match leaf("r", if ok { Ok(4) } else { Err(String::from("no")) }).await {
                    Ok(v) => v,
                    Err(e) => return Err(format!("{e} {}", ext.name())),
                };
                step("s").await;
                Ok(v + l.name().len() as u32)
            }
        }
        lower! {
            pub async fn both() -> (Result<u32, String>, Result<u32, String>) {
                (f(true).await, f(false).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// A temporary scrutinee of `if let` holding a borrowed slice of an extended temporary.
    p36a_if_let_slice_of_extended {
        lower! {
            pub async fn f() -> u32 {
                let v = &vec![G::new("e0", 1), G::new("e1", 2)];
                if let [first, rest @ ..] = &v[..] {
                    step("s").await;
                    first.get() + rest.iter().map(|g| g.get()).sum::<u32>() + leaf("x", 0).await
                } else {
                    0
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn whose tail awaits a lowered fn borrowing a local and a temporary; the
    /// temporary drops before the local (2024).
    p36a_tail_await_local_and_temp {
        lower! {
            pub async fn cmp(a: &Tracker, b: &Tracker) -> bool {
                step("cmp").await;
                a.name() < b.name()
            }
        }
        lower! {
            pub async fn f() -> bool {
                let a = Tracker::new("a");
                cmp(&a, &mk("b")).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A statement that is a method call on an awaited temporary with an awaiting argument.
    p36a_awaited_receiver_awaiting_arg {
        lower! {
            pub async fn f() -> u32 {
                let n = leaf("g", G::new("g", 1)).await.add(leaf("k", 2).await);
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduced: `if let` whose scrutinee has a temporary and an await; the `else` awaits.
    p36a_min_if_let_await_scrutinee_else {
        lower! {
            pub async fn f() -> u32 {
                if let 9 = len_of(&mk("s")) + leaf("x", 1).await {
                    1
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: the await first, then the temporary, in the `if let` scrutinee.
    p36a_min_if_let_await_first_else {
        lower! {
            pub async fn f() -> u32 {
                if let 9 = leaf("x", 1).await + len_of(&mk("s")) {
                    1
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduced: `match` whose scrutinee has a temporary and an await; the arm awaits.
    p36a_min_match_await_scrutinee_arm {
        lower! {
            pub async fn f() -> u32 {
                match len_of(&mk("a")) + leaf("x", 1).await {
                    _ => {
                        step("arm").await;
                        0
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: a tuple scrutinee of a temporary's length and an await, arm awaits.
    p36a_min_match_tuple_await_scrutinee {
        lower! {
            pub async fn f() -> u32 {
                let r = match (len_of(&mk("a")), leaf("x", 1).await) {
                    _ => {
                        step("arm").await;
                        0
                    }
                };
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduced: lifetime extension through `Some(&make())` (a tuple-variant constructor).
    p36a_min_extend_some_ctor {
        lower! {
            pub async fn f() -> bool {
                let o = Some(&mk("o"));
                step("s").await;
                o.is_some()
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: extension through a tuple-struct constructor `W(&make())`.
    p36a_min_extend_tuple_struct_ctor {
        pub struct W<'a>(pub &'a Tracker);
        lower! {
            pub async fn f() -> usize {
                let w = W(&mk("w"));
                step("s").await;
                w.0.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduced: `&(x.await, ..).0`: an extended tuple temporary holding an await.
    p36a_min_extend_tuple_field_await {
        lower! {
            pub async fn f() -> u32 {
                let r = &(leaf("x", 2).await, 0).0;
                step("s").await;
                *r
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: `&S { a: x.await }.a`: an extended struct temporary holding an await.
    p36a_min_extend_struct_field_await {
        pub struct S {
            pub a: Tracker,
        }
        lower! {
            pub async fn f() -> &'static str {
                let r = &S { a: leaf("x", Tracker::new("a")).await }.a;
                step("s").await;
                r.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let` whose scrutinee has a temporary before an await; the body awaits.
    p36a_while_let_temp_before_await {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0u32;
                while let Some(x) = (len_of(&mk("w")) as u32 + leaf("x", i).await).checked_sub(3) {
                    step("body").await;
                    i += 1;
                    if x > 0 {
                        break;
                    }
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let` with a temporary before an await in the scrutinee; the then-block awaits.
    p36a_if_let_temp_before_await_then {
        lower! {
            pub async fn f() -> u32 {
                let l = Tracker::new("l");
                if let 2 = len_of(&mk("s")) + leaf("x", 1).await {
                    step("then").await;
                    drop(l);
                    1
                } else {
                    0
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `match` on an array of a temporary's length and an awaited value, arm awaits.
    p36a_match_array_await_scrutinee {
        lower! {
            pub async fn f() -> usize {
                match [len_of(&mk("a")), leaf("x", 1).await] {
                    [1, k] => {
                        step("arm").await;
                        k
                    }
                    _ => 0,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `match` on a struct literal with a temporary field and an awaited one, arm awaits.
    p36a_match_struct_await_scrutinee {
        pub struct P {
            pub a: usize,
            pub b: usize,
        }
        lower! {
            pub async fn f() -> usize {
                match (P { a: len_of(&mk("a")), b: leaf("x", 1).await }) {
                    P { a, b } => {
                        step("arm").await;
                        a + b
                    }
                }
            }
        }
    }
    run { f() }
}
