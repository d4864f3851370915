//! Probe round 30b: pattern matching and moves, in depth, across awaits: nested enums
//! (`Box` payloads, struct and tuple variants) matched by value, by `&` and by `&mut`
//! (default binding modes) with awaits in the scrutinee and in the arms; `@` bindings;
//! or-patterns binding the same names; guards that await, falling through to later arms;
//! range, char and string-slice patterns; tuple scrutinees of several awaited values;
//! slice patterns with rest bindings on `&[T]`, `&mut [T]` and `Vec::as_slice()`;
//! `(state, event)` machines; `while let` over a stack pushed inside; `if let` ladders;
//! destructuring `let`s and shadowing; partial moves out of tuples and structs;
//! `Option<Tracker>` `take`/`replace`/`as_ref`/`as_mut`/`get_or_insert_with`; `ref` and
//! `ref mut` bindings; matched bindings moved into closures and `async move` blocks;
//! `match` as an expression, `matches!`, nested matches; early exits from arms with
//! trackers in scope; and the drop order of scrutinee temporaries.
use crate::prelude::*;
#[allow(unused_imports)]
use std::mem;

/// A tracker maker used in scrutinees.
pub fn make(name: &'static str) -> Tracker {
    Tracker::new(name)
}

/// A tracker paired with a number, for scrutinee temporaries.
pub fn tagged(name: &'static str, n: u32) -> (Tracker, u32) {
    (Tracker::new(name), n)
}

twin! {
    /// A nested enum with a `Box` payload matched by value, awaits in the arms.
    p30b_nested_box_by_value {
        pub enum Expr { Num(u32), Neg(Box<Expr>), Add(Box<Expr>, Box<Expr>), Named { t: Tracker, v: u32 } }
        lower! {
            pub async fn f(e: Expr) -> u32 {
                match e {
                    Expr::Num(n) => leaf("num", n).await,
                    Expr::Neg(inner) => match *inner {
                        Expr::Num(n) => leaf("negnum", 100 - n).await,
                        other => { step("other").await; drop(other); 7 }
                    },
                    Expr::Add(a, b) => {
                        let x = match *a { Expr::Num(n) => n, _ => 0 };
                        step("mid").await;
                        let y = match *b { Expr::Named { t, v } => { log(t.name()); v } _ => 1 };
                        x + y
                    }
                    Expr::Named { t, v } => { step("named").await; drop(t); v }
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, u32, u32) {
                let a = f(Expr::Add(Box::new(Expr::Num(2)), Box::new(Expr::Named { t: Tracker::new("nt"), v: 5 }))).await;
                let b = f(Expr::Neg(Box::new(Expr::Named { t: Tracker::new("inner"), v: 1 }))).await;
                let c = f(Expr::Neg(Box::new(Expr::Num(9)))).await;
                (a, b, c)
            }
        }
    }
    run { go() }
}

twin! {
    /// The same nested enum matched through `&`, bindings are references read after awaits.
    p30b_nested_by_ref {
        pub enum Node { Leaf(Tracker, u32), Pair(Box<Node>, Box<Node>) }
        lower! {
            pub async fn sum(n: &Node) -> u32 {
                match n {
                    Node::Leaf(t, v) => { step("leaf").await; log(t.name()); *v }
                    Node::Pair(a, b) => {
                        let x = match &**a { Node::Leaf(_, v) => *v, Node::Pair(..) => 10 };
                        step("pair").await;
                        let y = match b.as_ref() { Node::Leaf(t, v) => { log(t.name()); *v } _ => 20 };
                        x + y
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let tree = Node::Pair(Box::new(Node::Leaf(Tracker::new("l"), 3)), Box::new(Node::Leaf(Tracker::new("r"), 4)));
                let a = sum(&tree).await;
                step("between").await;
                let b = sum(&Node::Leaf(Tracker::new("solo"), 1)).await;
                a + b
            }
        }
    }
    run { go() }
}

twin! {
    /// Matching `&mut` of an enum: default binding mode gives `&mut` bindings, written
    /// after an await in the arm.
    p30b_match_mut_default_binding {
        pub enum Acc { Count(u32), Named { t: Tracker, hits: u32 }, Off }
        lower! {
            pub async fn bump(a: &mut Acc, by: u32) -> u32 {
                match a {
                    Acc::Count(n) => { let d = leaf("d", by).await; *n += d; *n }
                    Acc::Named { t, hits } => { step("named").await; *hits += by; log(format!("{} {}", t.name(), hits)); *hits }
                    Acc::Off => { step("off").await; 0 }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut a = Acc::Count(1);
                let mut b = Acc::Named { t: Tracker::new("n"), hits: 0 };
                let mut c = Acc::Off;
                let x = bump(&mut a, 2).await + bump(&mut a, 3).await;
                let y = bump(&mut b, 4).await;
                let z = bump(&mut c, 5).await;
                x + y + z
            }
        }
    }
    run { go() }
}

twin! {
    /// Inline `match &mut local` with an await in the arm and the binding written after it.
    p30b_inline_match_mut_local {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut v = (Some(n), Tracker::new("pair"));
                match &mut v {
                    (Some(x), t) => { let d = leaf("d", 3).await; *x += d; log(t.name()); }
                    (None, _) => step("none").await,
                }
                step("after").await;
                v.0.unwrap_or(0)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// An `@` binding with a range, several ranges in turn, awaits in arms.
    p30b_at_range {
        lower! {
            pub async fn f(v: u32) -> u32 {
                let n = leaf("n", v).await;
                match n {
                    small @ 1..=9 => leaf("small", small * 2).await,
                    mid @ 10..=99 => { step("mid").await; mid / 10 }
                    0 => 0,
                    big => { let _t = Tracker::new("big"); step("big").await; big - 100 }
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, u32, u32, u32) {
                (f(3).await, f(42).await, f(0).await, f(150).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// `whole @ Some(_)` keeping the whole option of a tracker across an await.
    p30b_at_whole_some {
        lower! {
            pub async fn f(o: Option<Tracker>) -> &'static str {
                match o {
                    whole @ Some(_) => { step("s").await; let n = whole.as_ref().unwrap().name(); drop(whole); step("t").await; n }
                    None => { step("n").await; "none" }
                }
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) {
                (f(Some(Tracker::new("w"))).await, f(None).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// `@` with a sub-pattern binding: `t @ Tracker(name)` is not allowed for non-Copy,
    /// so `pair @ (a, _)` on a `Copy` tuple, awaits before and after.
    p30b_at_subpattern_copy {
        lower! {
            pub async fn f(p: (u32, u32)) -> u32 {
                let _g = Tracker::new("g");
                match leaf("p", p).await {
                    pair @ (a @ 1..=5, _) => { step("in").await; pair.1 + a }
                    (a, b) => { step("out").await; a * b }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 { f((2, 10)).await + f((7, 3)).await }
        }
    }
    run { go() }
}

twin! {
    /// An or-pattern binding the same tracker name in both alternatives, then awaits.
    p30b_or_same_binding {
        pub enum Msg { A(Tracker), B(Tracker), C(u32) }
        lower! {
            pub async fn f(m: Msg) -> u32 {
                match m {
                    Msg::A(t) | Msg::B(t) => { step("ab").await; let n = t.name().len() as u32; drop(t); step("ab2").await; n }
                    Msg::C(n) => leaf("c", n).await,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                f(Msg::A(Tracker::new("aa"))).await + f(Msg::B(Tracker::new("bbb"))).await + f(Msg::C(5)).await
            }
        }
    }
    run { go() }
}
twin! {
    /// A guard that awaits and fails, falling through to a later arm, with a tracker in
    /// the scrutinee.
    p30b_guard_await_fallthrough {
        lower! {
            pub async fn f(v: u32) -> u32 {
                match (make("scrut"), Some(v)) {
                    (_, Some(x)) if leaf("g1", x).await > 5 => { step("big").await; x * 10 }
                    (t, Some(x)) if leaf("g2", x).await > 2 => { step("mid").await; log(t.name()); x }
                    (_, other) => { step("rest").await; other.unwrap_or(0) }
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, u32, u32) { (f(9).await, f(3).await, f(1).await) }
        }
    }
    run { go() }
}

twin! {
    /// An awaiting guard on bindings of a `&Option<(Tracker, u32)>` (default binding
    /// mode), a later arm binding the same place.
    p30b_guard_await_ref_tracker {
        lower! {
            pub async fn f(o: Option<(Tracker, u32)>) -> u32 {
                let r = match &o {
                    Some((t, n)) if leaf("g", *n).await % 2 == 0 => { step("even").await; log(t.name()); *n }
                    Some((t, n)) => { step("odd").await; log(t.name()); n + 1 }
                    None => 0,
                };
                step("end").await;
                r
            }
        }
        lower! {
            pub async fn go() -> u32 {
                f(Some((Tracker::new("a"), 4))).await + f(Some((Tracker::new("b"), 5))).await + f(None).await
            }
        }
    }
    run { go() }
}

twin! {
    /// Several awaiting guards in a loop, `continue` from a guard-failing path.
    p30b_guard_await_loop {
        lower! {
            pub async fn f(xs: Vec<u32>) -> u32 {
                let mut acc = 0;
                for x in xs {
                    let _t = Tracker::new("turn");
                    match x {
                        n if leaf("isbig", n).await >= 10 => acc += n,
                        0 => continue,
                        n if leaf("iseven", n % 2).await == 0 => { step("e").await; acc += 1 }
                        _ => break,
                    }
                }
                acc
            }
        }
    }
    run { f(vec![12, 4, 0, 20, 3, 8]) }
}

// Known gap: COMPILE (E0499): an awaiting guard on a `&mut` slice a method makes (`match v.as_mut_slice() { [first, ..] if leaf(..).await > 1 => { *first += 100; x.await } .. }`): the spilled scrutinee is lent to the guard's await and the arm's binding mutates through it (the shape without the arm's await passes).
#[cfg(feature = "known-gaps")]
twin! {
    /// A guard awaiting on a binding of a `&mut` scrutinee that is not read after the arm's await.
    p30b_guard_await_mut_scrutinee {
        lower! {
            pub async fn f(mut v: Vec<u32>) -> Vec<u32> {
                match v.as_mut_slice() {
                    [first, ..] if leaf("g", *first).await > 1 => { *first += 100; step("a").await; }
                    [_, second, ..] => { step("b").await; }
                    _ => {}
                }
                step("end").await;
                v
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, Vec<u32>) { (f(vec![5, 6]).await, f(vec![1, 2, 3]).await) }
        }
    }
    run { go() }
}

twin! {
    /// Char patterns with ranges and or-patterns, awaits per character.
    p30b_char_patterns {
        lower! {
            pub async fn f(s: &'static str) -> (u32, u32, u32) {
                let (mut d, mut l, mut o) = (0, 0, 0);
                for c in s.chars() {
                    match c {
                        '0'..='9' => d += leaf("digit", 1).await,
                        'a'..='z' | 'A'..='Z' => { step("letter").await; l += 1 }
                        ' ' | '\t' => continue,
                        _ => { o += 1; if o > 2 { break } }
                    }
                }
                (d, l, o)
            }
        }
    }
    run { f("ab 12\tC!?z") }
}

twin! {
    /// String-slice patterns on `&str` commands, with trackers and early return.
    p30b_str_patterns {
        lower! {
            pub async fn f(cmds: Vec<&'static str>) -> Result<u32, String> {
                let _session = Tracker::new("session");
                let mut n = 0;
                for c in cmds {
                    match c {
                        "inc" => n += leaf("inc", 1).await,
                        "dbl" | "double" => { step("dbl").await; n *= 2 }
                        "quit" => return Ok(n),
                        other if other.starts_with('#') => step("comment").await,
                        other => { let _e = Tracker::new("err"); step("bad").await; return Err(other.to_string()) }
                    }
                }
                Ok(n)
            }
        }
        lower! {
            pub async fn go() -> (Result<u32, String>, Result<u32, String>) {
                (f(vec!["inc", "#x", "dbl", "quit", "inc"]).await, f(vec!["inc", "zap"]).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// Matching on `String::as_str()` of an awaited string.
    p30b_string_as_str_match {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let s = leaf("s", if k == 0 { "zero".to_string() } else { format!("n{k}") }).await;
                match s.as_str() {
                    "zero" => { step("z").await; 0 }
                    x if x.len() > 2 => { step("long").await; x.len() as u32 }
                    _ => { step("short").await; s.len() as u32 + 100 }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 { f(0).await + f(5).await + f(12).await }
        }
    }
    run { go() }
}

twin! {
    /// A tuple scrutinee of three awaited values matched with ranges and wildcards.
    p30b_tuple_of_awaits {
        lower! {
            pub async fn f(a: u32, b: bool, c: char) -> u32 {
                match (leaf("a", a).await, leaf("b", b).await, leaf("c", c).await) {
                    (0, _, _) => 0,
                    (n @ 1..=3, true, 'x') => { step("x").await; n }
                    (n, false, ch) => { step("f").await; n + ch as u32 }
                    (n, true, _) => n * 2,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 { f(0, true, 'a').await + f(2, true, 'x').await + f(5, false, 'A').await + f(7, true, 'q').await }
        }
    }
    run { go() }
}

twin! {
    /// A tuple scrutinee holding two trackers from awaits, one moved in the arm.
    p30b_tuple_of_awaited_trackers {
        lower! {
            pub async fn f(flag: bool) -> &'static str {
                match (leaf("x", Tracker::new("x")).await, leaf("y", flag).await, leaf("z", Tracker::new("z")).await) {
                    (x, true, _) => { step("t").await; let n = x.name(); drop(x); step("t2").await; n }
                    (_, false, z) => { step("f").await; z.name() }
                }
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) { (f(true).await, f(false).await) }
        }
    }
    run { go() }
}

twin! {
    /// Slice patterns on `&[u32]` with a rest binding, recursion-free fold.
    p30b_slice_head_rest {
        lower! {
            pub async fn f(xs: &[u32]) -> u32 {
                let mut s = xs;
                let mut acc = 0;
                while let [head, rest @ ..] = s {
                    acc += leaf("h", *head).await;
                    s = rest;
                }
                acc
            }
        }
    }
    run { f(leak(vec![1, 2, 3, 4])) }
}

twin! {
    /// Slice patterns with first/last and a middle rest, on a `Vec` via `as_slice()`.
    p30b_slice_first_mid_last {
        lower! {
            pub async fn f(v: Vec<Tracker>) -> usize {
                let _g = Tracker::new("guard");
                match v.as_slice() {
                    [] => { step("empty").await; 0 }
                    [one] => { step("one").await; log(one.name()); 1 }
                    [first, mid @ .., last] => {
                        step("many").await;
                        log(format!("{} {} {}", first.name(), mid.len(), last.name()));
                        step("many2").await;
                        mid.len() + 2
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                f(vec![]).await + f(vec![Tracker::new("a")]).await + f(vec![Tracker::new("p"), Tracker::new("q"), Tracker::new("r")]).await
            }
        }
    }
    run { go() }
}

twin! {
    /// Slice patterns on `&mut [T]`, writing through the bindings after awaits.
    p30b_slice_mut_bindings {
        lower! {
            pub async fn f(mut v: Vec<u32>) -> Vec<u32> {
                match v.as_mut_slice() {
                    [a, .., b] => { let d = leaf("d", 10).await; *a += d; step("mid").await; *b += d * 2; }
                    [a] => { *a = leaf("one", 99).await; }
                    [] => {}
                }
                step("done").await;
                v
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, Vec<u32>, Vec<u32>) { (f(vec![1, 2, 3]).await, f(vec![5]).await, f(vec![]).await) }
        }
    }
    run { go() }
}

twin! {
    /// Nested slice patterns with fixed-length prefix and literals.
    p30b_slice_literal_prefix {
        lower! {
            pub async fn f(xs: &[u8]) -> u32 {
                match xs {
                    [0, 0, rest @ ..] => { step("zz").await; rest.len() as u32 }
                    [1, x, ..] if *x > 5 => leaf("one-big", *x as u32).await,
                    [a, b] => { step("two").await; (*a + *b) as u32 }
                    [.., 9] => 9,
                    _ => 1000,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                f(&[0, 0, 1, 2]).await + f(&[1, 7, 0]).await + f(&[3, 4]).await + f(&[5, 5, 9]).await + f(&[1]).await
            }
        }
    }
    run { go() }
}

twin! {
    /// A `(state, event)` machine: an enum state with tracker payloads replaced each step.
    p30b_state_event_machine {
        pub enum St { Idle, Open(Tracker), Busy(Tracker, u32), Done }
        pub enum Ev { Open, Work(u32), Close }
        lower! {
            pub async fn run(evs: Vec<Ev>) -> u32 {
                let mut st = St::Idle;
                let mut total = 0;
                for ev in evs {
                    st = match (st, ev) {
                        (St::Idle, Ev::Open) => { step("open").await; St::Open(Tracker::new("conn")) }
                        (St::Open(c), Ev::Work(n)) => { let k = leaf("w", n).await; St::Busy(c, k) }
                        (St::Busy(c, k), Ev::Work(n)) => { total += k; step("more").await; St::Busy(c, n) }
                        (St::Busy(c, k), Ev::Close) => { total += k; step("close").await; drop(c); St::Done }
                        (s, _) => { step("ignored").await; s }
                    };
                }
                if let St::Done = st { total } else { total + 1000 }
            }
        }
    }
    run { run(vec![Ev::Open, Ev::Close, Ev::Work(3), Ev::Work(4), Ev::Close, Ev::Open]) }
}

twin! {
    /// `while let Some(x) = stack.pop()` with pushes inside, trackers in the stack.
    p30b_while_let_stack_push {
        lower! {
            pub async fn f() -> u32 {
                let mut stack = vec![(Tracker::new("root"), 3u32)];
                let mut seen = 0;
                while let Some((t, depth)) = stack.pop() {
                    seen += leaf("visit", 1).await;
                    if depth > 0 {
                        stack.push((Tracker::new("kid"), depth - 1));
                        if depth == 2 { stack.push((Tracker::new("side"), 0)); }
                    }
                    step("after").await;
                    log(format!("done {}", t.name()));
                }
                seen
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let` popping with an early `break` leaving items in the stack.
    p30b_while_let_break_leftovers {
        lower! {
            pub async fn f(limit: u32) -> usize {
                let mut stack = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut n = 0;
                while let Some(t) = stack.pop() {
                    n += leaf("n", 1).await;
                    if n >= limit { log(format!("stop at {}", t.name())); break; }
                    stack.insert(0, Tracker::new("again"));
                    step("s").await;
                }
                stack.len()
            }
        }
    }
    run { f(4) }
}
twin! {
    /// An `if let .. else if let .. else` ladder with awaits in every branch and in the
    /// scrutinees.
    p30b_if_let_ladder {
        pub enum Shape { Circle(u32), Rect { w: u32, h: u32 }, Named(Tracker) }
        lower! {
            pub async fn f(s: Shape) -> u32 {
                if let Shape::Circle(r) = s {
                    leaf("circle", r * 3).await
                } else if let Shape::Rect { w, h: 1..=3 } = s {
                    step("thin").await; w
                } else if let Shape::Named(t) = s {
                    step("named").await; let n = t.name().len() as u32; drop(t); n
                } else {
                    step("else").await; 0
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                f(Shape::Circle(2)).await + f(Shape::Rect { w: 5, h: 2 }).await + f(Shape::Rect { w: 5, h: 9 }).await + f(Shape::Named(Tracker::new("abc"))).await
            }
        }
    }
    run { go() }
}

twin! {
    /// An `if let` ladder whose scrutinees are awaited options of trackers.
    p30b_if_let_ladder_awaited_scrutinee {
        lower! {
            pub async fn f(k: u32) -> &'static str {
                let _outer = Tracker::new("outer");
                if let Some(t) = leaf("first", if k == 0 { Some(Tracker::new("f")) } else { None }).await {
                    step("in-first").await; t.name()
                } else if let Some(t) = leaf("second", if k == 1 { Some(Tracker::new("s")) } else { None }).await {
                    step("in-second").await; t.name()
                } else {
                    step("none").await; "none"
                }
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str, &'static str) { (f(0).await, f(1).await, f(2).await) }
        }
    }
    run { go() }
}

twin! {
    /// `let (a, b) = ..` destructuring an awaited tuple of trackers, shadowed after an await.
    p30b_let_tuple_shadow {
        lower! {
            pub async fn f() -> (&'static str, &'static str) {
                let (a, b) = leaf("pair", (Tracker::new("a1"), Tracker::new("b1"))).await;
                step("s1").await;
                let (b, a) = (a, b);
                step("s2").await;
                let a = { step("inner").await; let n = a.name(); drop(a); n };
                (a, b.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// `let S { x, y: (p, q), .. } = s` with a struct the file declares, awaits before and
    /// after, the unbound field alive until the end.
    p30b_let_struct_nested_dots {
        pub struct S { pub x: Tracker, pub y: (u32, Tracker), pub z: Tracker }
        lower! {
            pub async fn f() -> u32 {
                let s = S { x: Tracker::new("x"), y: (3, Tracker::new("q")), z: Tracker::new("z") };
                step("before").await;
                let S { x, y: (p, q), .. } = s;
                step("after").await;
                log(format!("{} {}", x.name(), q.name()));
                drop(q);
                step("late").await;
                p
            }
        }
    }
    run { f() }
}

twin! {
    /// A destructuring `let` with a nested enum pattern and `let .. else` with an await in
    /// the else branch.
    p30b_let_else_nested {
        pub enum Res { Ok(Option<(Tracker, u32)>), Err(u32) }
        lower! {
            pub async fn f(r: Res) -> u32 {
                let Res::Ok(Some((t, n))) = r else {
                    step("else").await;
                    return 0;
                };
                step("bound").await;
                log(t.name());
                n + leaf("n", 1).await
            }
        }
        lower! {
            pub async fn go() -> u32 {
                f(Res::Ok(Some((Tracker::new("ok"), 5)))).await + f(Res::Ok(None)).await + f(Res::Err(3)).await
            }
        }
    }
    run { go() }
}

twin! {
    /// A partial move out of a tuple: one tracker moved away, the other read after an await.
    p30b_partial_move_tuple {
        lower! {
            pub async fn f() -> &'static str {
                let pair = (Tracker::new("left"), Tracker::new("right"));
                step("a").await;
                let l = pair.0;
                step("b").await;
                drop(l);
                step("c").await;
                pair.1.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A partial move out of a struct the file declares: one field moved into a function,
    /// the other dropped at scope end after awaits.
    p30b_partial_move_struct_field {
        pub struct Conn { pub sock: Tracker, pub buf: Tracker, pub id: u32 }
        pub fn consume(t: Tracker) -> u32 { log(format!("consume {}", t.name())); 1 }
        lower! {
            pub async fn f() -> u32 {
                let c = Conn { sock: Tracker::new("sock"), buf: Tracker::new("buf"), id: 7 };
                step("a").await;
                let k = consume(c.sock);
                step("b").await;
                log(c.buf.name());
                k + c.id
            }
        }
    }
    run { f() }
}

twin! {
    /// A field moved out in one branch only, then an await: drop flags for the rest.
    p30b_partial_move_one_branch {
        pub struct P { pub a: Tracker, pub b: Tracker }
        lower! {
            pub async fn f(take: bool) -> u32 {
                let p = P { a: Tracker::new("a"), b: Tracker::new("b") };
                if take {
                    let a = p.a;
                    step("took").await;
                    drop(a);
                }
                step("after").await;
                log(p.b.name());
                1
            }
        }
        lower! {
            pub async fn go() -> u32 { f(true).await + f(false).await }
        }
    }
    run { go() }
}

twin! {
    /// A tuple field moved by a `match` arm pattern on the field, the rest used after.
    p30b_partial_move_match_field {
        lower! {
            pub async fn f() -> u32 {
                let pair = (Some(Tracker::new("opt")), Tracker::new("keep"));
                step("a").await;
                let n = match pair.0 {
                    Some(t) => { step("some").await; drop(t); 1 }
                    None => 0,
                };
                step("b").await;
                log(pair.1.name());
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option<Tracker>` taken, replaced and re-taken across awaits.
    p30b_option_take_replace_cycle {
        lower! {
            pub async fn f() -> usize {
                let mut slot = Some(Tracker::new("one"));
                let mut graveyard = Vec::new();
                for name in ["two", "three"] {
                    step("tick").await;
                    if let Some(old) = slot.replace(Tracker::new(name)) { graveyard.push(old); }
                }
                let last = slot.take();
                step("end").await;
                log(format!("{:?} {}", last, slot.is_none()));
                graveyard.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `as_ref` and `as_mut` on an `Option<(Tracker, u32)>` with awaits in the matched arms.
    p30b_option_as_ref_as_mut {
        lower! {
            pub async fn f() -> u32 {
                let mut o = Some((Tracker::new("t"), 1u32));
                if let Some((t, n)) = o.as_ref() { step("r").await; log(format!("{} {}", t.name(), n)); }
                if let Some((_, n)) = o.as_mut() { *n += leaf("add", 5).await; }
                match o.as_mut() { Some(p) => { step("m").await; p.1 *= 2; } None => {} }
                step("end").await;
                o.map(|p| p.1).unwrap_or(0)
            }
        }
    }
    run { f() }
}

twin! {
    /// `get_or_insert_with` producing a `&mut` used before an await and the option
    /// matched after.
    p30b_get_or_insert_then_match {
        lower! {
            pub async fn f(pre: bool) -> &'static str {
                let mut o = if pre { Some(Tracker::new("pre")) } else { None };
                let name = o.get_or_insert_with(|| Tracker::new("lazy")).name();
                step("s").await;
                match o {
                    Some(ref t) if t.name() == name => { step("same").await; name }
                    _ => "other",
                }
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) { (f(true).await, f(false).await) }
        }
    }
    run { go() }
}

twin! {
    /// `mem::replace` of a matched enum held in a local, the old state matched by value.
    p30b_mem_replace_state {
        pub enum Conn { Closed, Open(Tracker), Broken(Tracker, u32) }
        lower! {
            pub async fn f() -> u32 {
                let mut c = Conn::Open(Tracker::new("o1"));
                let mut n = 0;
                for i in 0..3u32 {
                    let next = if i == 1 { Conn::Broken(Tracker::new("br"), i) } else { Conn::Open(Tracker::new("o")) };
                    match mem::replace(&mut c, next) {
                        Conn::Open(t) => { step("was-open").await; log(t.name()); n += 1 }
                        Conn::Broken(t, k) => { step("was-broken").await; drop(t); n += k * 10 }
                        Conn::Closed => {}
                    }
                }
                c = Conn::Closed;
                step("closed").await;
                if let Conn::Closed = c { n } else { 0 }
            }
        }
    }
    run { f() }
}

twin! {
    /// `ref` and `ref mut` bindings in a by-value match on a local, awaited between uses.
    p30b_ref_mut_bindings_local {
        lower! {
            pub async fn f() -> (u32, &'static str) {
                let mut pair = (Tracker::new("t"), 1u32);
                match pair {
                    (ref t, ref mut n) => {
                        *n += leaf("a", 2).await;
                        log(t.name());
                        step("b").await;
                        *n += 1;
                    }
                }
                step("c").await;
                (pair.1, pair.0.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// `ref mut` into an `Option<Tracker>` inside a struct, replaced in the arm after an await.
    p30b_ref_mut_option_field {
        pub struct Holder { pub cur: Option<Tracker>, pub n: u32 }
        lower! {
            pub async fn f() -> u32 {
                let mut h = Holder { cur: Some(Tracker::new("first")), n: 0 };
                match h.cur {
                    Some(ref mut t) => { step("s").await; *t = Tracker::new("second"); h.n += 1; }
                    None => {}
                }
                step("after").await;
                log(h.cur.as_ref().map(|t| t.name()).unwrap_or("-"));
                h.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A matched binding moved into a closure called after an await.
    p30b_binding_into_closure {
        lower! {
            pub async fn f(o: Option<Tracker>) -> usize {
                match o {
                    Some(t) => {
                        let show = move || t.name().len();
                        step("s").await;
                        let n = show();
                        step("t").await;
                        n
                    }
                    None => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> usize { f(Some(Tracker::new("abcd"))).await + f(None).await }
        }
    }
    run { go() }
}

twin! {
    /// A matched binding moved into an `async move` block awaited later.
    p30b_binding_into_async_move {
        pub enum Job { Run(Tracker, u32), Skip }
        lower! {
            pub async fn f(j: Job) -> u32 {
                if let Job::Run(t, n) = j {
                    let fut = async move { step("inner").await; log(t.name()); n * 2 };
                    step("outer").await;
                    fut.await
                } else {
                    step("skip").await;
                    0
                }
            }
        }
        lower! {
            pub async fn go() -> u32 { f(Job::Run(Tracker::new("job"), 4)).await + f(Job::Skip).await }
        }
    }
    run { go() }
}
twin! {
    /// Minimal: an awaiting guard dereferencing a `&mut` binding of a slice pattern.
    p30b_min_guard_await_deref_mut_slice {
        lower! {
            pub async fn f(mut v: Vec<u32>) -> Vec<u32> {
                match v.as_mut_slice() {
                    [first, ..] if leaf("g", *first).await > 1 => *first += 100,
                    _ => {}
                }
                v
            }
        }
    }
    run { f(vec![5, 6]) }
}

twin! {
    /// Minimal: an awaiting guard dereferencing a `&mut` binding of `match &mut opt`.
    p30b_min_guard_await_deref_mut_opt {
        lower! {
            pub async fn f(mut o: Option<u32>) -> Option<u32> {
                match &mut o {
                    Some(x) if leaf("g", *x).await > 1 => *x += 100,
                    _ => {}
                }
                o
            }
        }
    }
    run { f(Some(5)) }
}

twin! {
    /// Minimal: an awaiting guard dereferencing a `&` binding of `match &opt`.
    p30b_min_guard_await_deref_shared {
        lower! {
            pub async fn f(o: Option<u32>) -> u32 {
                match &o {
                    Some(x) if leaf("g", *x).await > 1 => *x + 100,
                    _ => 0,
                }
            }
        }
    }
    run { f(Some(5)) }
}
twin! {
    /// `match` as an expression whose arms each produce a value from an await, used as an
    /// operand.
    p30b_match_expr_operand {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let base = leaf("base", 10).await;
                base + match k {
                    0 => leaf("zero", 1).await,
                    1 | 2 => leaf("small", k * 5).await + 1,
                    _ => { let _t = Tracker::new("arm"); leaf("big", 100).await }
                } + leaf("tail", 1000).await
            }
        }
        lower! {
            pub async fn go() -> u32 { f(0).await + f(2).await + f(9).await }
        }
    }
    run { go() }
}

twin! {
    /// A `match` expression as a function argument next to an owned tracker argument.
    p30b_match_expr_argument {
        pub fn eat(t: Tracker, n: u32) -> u32 { log(format!("eat {} {}", t.name(), n)); n }
        lower! {
            pub async fn f(o: Option<u32>) -> u32 {
                eat(Tracker::new("arg"), match o { Some(n) => leaf("some", n).await, None => { step("none").await; 0 } })
            }
        }
        lower! {
            pub async fn go() -> u32 { f(Some(4)).await + f(None).await }
        }
    }
    run { go() }
}

twin! {
    /// `matches!` on awaited values and on bindings, with a guard.
    p30b_matches_macro {
        pub enum K { A(u32), B, C { x: u32 } }
        lower! {
            pub async fn f(ks: Vec<K>) -> usize {
                let mut n = 0;
                for k in ks {
                    if matches!(k, K::A(1..=5) | K::C { x: 0 }) { n += leaf("hit", 1).await; }
                    if matches!(leaf("again", &k).await, K::A(v) if *v > 3) { step("gt3").await; n += 10; }
                }
                n
            }
        }
    }
    run { f(vec![K::A(4), K::B, K::C { x: 0 }, K::A(9), K::C { x: 2 }]) }
}

twin! {
    /// Nested `match` inside `match` arms, awaits at both levels and in both scrutinees.
    p30b_nested_match_both_levels {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, &'static str>) -> u32 {
                match leaf("a", a).await {
                    Some(x) => match leaf("b", b).await {
                        Ok(y) if y > x => { step("gt").await; y - x }
                        Ok(y) => { let _t = Tracker::new("le"); step("le").await; x - y }
                        Err(e) => { step("err").await; e.len() as u32 }
                    },
                    None => match b {
                        Ok(y) => leaf("nb", y).await,
                        Err(_) => 0,
                    },
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                f(Some(2), Ok(5)).await + f(Some(9), Ok(5)).await + f(Some(1), Err("bad")).await + f(None, Ok(7)).await
            }
        }
    }
    run { go() }
}

twin! {
    /// Early `return` from inside a nested arm with trackers at three levels in scope.
    p30b_return_from_arm_drop_order {
        lower! {
            pub async fn f(k: u32) -> &'static str {
                let _a = Tracker::new("a");
                match leaf("k", k).await {
                    0 => {
                        let _b = Tracker::new("b");
                        step("zero").await;
                        if let Some(_c) = Some(Tracker::new("c")) {
                            step("c").await;
                            return "early";
                        }
                        "unreached"
                    }
                    _ => { step("other").await; "late" }
                }
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) { (f(0).await, f(1).await) }
        }
    }
    run { go() }
}

// Known gap: an arm with an `@` binding over a subpattern (`(_, n @ 3..=4)`) of a temporary scrutinee holding a tracker drops the temporary before the arm's await (natively at the end of the match)
#[cfg(feature = "known-gaps")]
twin! {
    /// `break` and `continue` from match arms in a loop with a tracker per turn and a
    /// tracker scrutinee.
    p30b_break_continue_from_arms {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                let mut acc = 0;
                loop {
                    i += 1;
                    let _turn = Tracker::new("turn");
                    match tagged("scr", i) {
                        (_, 1) => continue,
                        (t, 2) => { step("two").await; log(t.name()); continue }
                        (_, n @ 3..=4) => acc += leaf("add", n).await,
                        (_t, _) => { step("stop").await; break }
                    }
                    step("bottom").await;
                }
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// `break` with a value out of a labelled loop from a nested match arm.
    p30b_break_value_labelled {
        lower! {
            pub async fn f(grid: Vec<Vec<u32>>) -> Option<(usize, usize)> {
                let _g = Tracker::new("g");
                let found = 'outer: loop {
                    for (i, row) in grid.iter().enumerate() {
                        for (j, v) in row.iter().enumerate() {
                            match leaf("cell", *v).await {
                                0 => continue,
                                7 => break 'outer Some((i, j)),
                                _ => step("miss").await,
                            }
                        }
                    }
                    break None;
                };
                step("after").await;
                found
            }
        }
    }
    run { f(vec![vec![0, 1], vec![3, 7, 9]]) }
}

twin! {
    /// A tracker made in the scrutinee of a `match` lives until the end of the match,
    /// after the arm's awaits.
    p30b_scrutinee_temp_lives_through_arm {
        lower! {
            pub async fn f() -> u32 {
                let r = match make("temp").name().len() {
                    4 => { step("four").await; log("in arm"); 4 }
                    n => { step("n").await; n as u32 }
                };
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A scrutinee temporary borrowed by the binding (`match make(..).name()`), arm awaits.
    p30b_scrutinee_temp_borrowed {
        lower! {
            pub async fn f() -> usize {
                let _before = Tracker::new("before");
                match &make("scrut") {
                    t if t.name().len() > 10 => 0,
                    t => { step("arm").await; log(format!("bound {}", t.name())); step("arm2").await; t.name().len() }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// The scrutinee temporary of an `if let` with an `else` that awaits.
    p30b_if_let_scrutinee_temp_else {
        lower! {
            pub async fn f(k: u32) -> u32 {
                if let (_, 1) = tagged("iflet", k) {
                    step("then").await;
                    1
                } else {
                    step("else").await;
                    2
                }
            }
        }
        lower! {
            pub async fn go() -> u32 { f(1).await + f(2).await }
        }
    }
    run { go() }
}

twin! {
    /// A `while let` whose scrutinee makes a tracker each turn, the body awaits.
    p30b_while_let_scrutinee_temp {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                let mut acc = 0;
                while let (_t, n @ 0..=2) = tagged("wl", i) {
                    acc += leaf("body", n).await;
                    i += 1;
                }
                step("end").await;
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on a tuple of an awaited tracker and a made tracker: drop order of the
    /// temporaries after an arm that binds one of them.
    p30b_scrutinee_tuple_temp_order {
        lower! {
            pub async fn f(k: bool) -> u32 {
                let _pre = Tracker::new("pre");
                let v = match (leaf("a", Tracker::new("a")).await, make("b"), k) {
                    (a, _, true) => { step("t").await; log(a.name()); 1 }
                    (_, b, false) => { step("f").await; drop(b); step("f2").await; 2 }
                };
                step("after").await;
                v
            }
        }
        lower! {
            pub async fn go() -> u32 { f(true).await + f(false).await }
        }
    }
    run { go() }
}

twin! {
    /// An awaited `Result` of a tracker matched with nested patterns and `?` after.
    p30b_result_nested_question {
        lower! {
            pub async fn f(k: u32) -> Result<u32, String> {
                let r: Result<Option<Tracker>, String> = match k { 0 => Ok(None), 1 => Ok(Some(Tracker::new("r"))), _ => Err("bad".into()) };
                let got = match leaf("r", r).await {
                    Ok(Some(t)) => { step("some").await; t }
                    Ok(None) => return Ok(0),
                    Err(e) => { step("err").await; Err(e)? }
                };
                let n = leaf("n", Ok::<u32, String>(5)).await?;
                log(got.name());
                Ok(n)
            }
        }
        lower! {
            pub async fn go() -> (Result<u32, String>, Result<u32, String>, Result<u32, String>) { (f(0).await, f(1).await, f(2).await) }
        }
    }
    run { go() }
}

twin! {
    /// Explicit reference patterns `&(a, b)` and `&mut` patterns on Copy data.
    p30b_explicit_ref_patterns {
        lower! {
            pub async fn f(xs: Vec<(u32, u32)>) -> u32 {
                let mut acc = 0;
                for &(a, b) in xs.iter() {
                    acc += leaf("a", a).await * b;
                }
                let mut ys = xs;
                for (a, b) in ys.iter_mut() {
                    *a += leaf("inc", 1).await;
                    step("mid").await;
                    *b = *a;
                }
                match ys.first() { Some(&(x, y)) => { step("first").await; acc + x + y } None => acc }
            }
        }
    }
    run { f(vec![(1, 2), (3, 4)]) }
}

twin! {
    /// A boxed recursive list matched with `match *boxed` moving out of the box, looping.
    p30b_box_list_move_loop {
        pub enum List { Cons(Tracker, u32, Box<List>), Nil }
        lower! {
            pub async fn sum(mut l: List) -> u32 {
                let mut acc = 0;
                loop {
                    match l {
                        List::Cons(t, v, rest) => {
                            acc += leaf("v", v).await;
                            log(format!("done {}", t.name()));
                            l = *rest;
                        }
                        List::Nil => break,
                    }
                }
                acc
            }
        }
    }
    run { sum(List::Cons(Tracker::new("1"), 1, Box::new(List::Cons(Tracker::new("2"), 2, Box::new(List::Cons(Tracker::new("3"), 3, Box::new(List::Nil))))))) }
}

twin! {
    /// A recursive boxed async evaluator on an owned enum (via `Box::pin`), arms awaiting.
    p30b_box_eval_recursive {
        pub enum E { Lit(u32), Add(Box<E>, Box<E>), Tagged(Tracker, Box<E>) }
        pub fn eval(e: E) -> Pin<Box<dyn Future<Output = u32>>> { Box::pin(eval_inner(e)) }
        lower! {
            pub async fn eval_inner(e: E) -> u32 {
                match e {
                    E::Lit(n) => leaf("lit", n).await,
                    E::Add(a, b) => { let x = eval(*a).await; let y = eval(*b).await; x + y }
                    E::Tagged(t, inner) => { let v = eval(*inner).await; log(format!("{} {}", t.name(), v)); v }
                }
            }
        }
    }
    run { eval_inner(E::Add(Box::new(E::Tagged(Tracker::new("t"), Box::new(E::Lit(2)))), Box::new(E::Lit(3)))) }
}
twin! {
    /// Or-patterns nested inside a variant and `@` over an or-pattern.
    p30b_or_nested_and_at {
        pub enum Sh { A(u32), B(u32), C }
        lower! {
            pub async fn f(xs: Vec<Option<Sh>>) -> u32 {
                let mut acc = 0;
                for x in xs {
                    acc += match x {
                        Some(Sh::A(n) | Sh::B(n)) if n > 0 => { step("ab").await; n }
                        Some(Sh::A(_) | Sh::B(_)) => leaf("zero", 100).await,
                        Some(Sh::C) => match leaf("c", 3).await { k @ (1 | 3 | 5) => k * 10, _ => 1 },
                        None => 0,
                    };
                }
                acc
            }
        }
    }
    run { f(vec![Some(Sh::A(2)), Some(Sh::B(0)), Some(Sh::C), None, Some(Sh::B(4))]) }
}

twin! {
    /// An or-pattern through a reference binding the same name, the reference read after awaits.
    p30b_or_by_ref_read_after {
        pub enum Msg { A(Tracker), B(Tracker), C }
        lower! {
            pub async fn f(m: &Msg) -> &'static str {
                match m {
                    Msg::A(t) | Msg::B(t) => { step("x").await; step("y").await; t.name() }
                    Msg::C => { step("c").await; "c" }
                }
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) {
                let a = Msg::A(Tracker::new("ta"));
                let b = Msg::B(Tracker::new("tb"));
                let r1 = f(&a).await;
                drop(a);
                let r2 = f(&b).await;
                let _ = f(&Msg::C).await;
                (r1, r2)
            }
        }
    }
    run { go() }
}

twin! {
    /// An irrefutable or-pattern in a `let`: `let (Ok(x) | Err(x)) = r;` with an awaited
    /// result of trackers.
    p30b_let_or_pattern {
        lower! {
            pub async fn f(ok: bool) -> &'static str {
                let r = leaf("r", if ok { Ok(Tracker::new("ok")) } else { Err(Tracker::new("err")) }).await;
                let (Ok(t) | Err(t)) = r;
                step("after").await;
                t.name()
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) { (f(true).await, f(false).await) }
        }
    }
    run { go() }
}

twin! {
    /// A guard with a block that awaits: `if { step().await; x > 2 }`.
    p30b_guard_block_await {
        lower! {
            pub async fn f(xs: Vec<u32>) -> u32 {
                let mut n = 0;
                for x in xs {
                    match x {
                        x if { step("guard").await; let _g = Tracker::new("g"); x > 2 } => n += x,
                        _ => n += 100,
                    }
                }
                n
            }
        }
    }
    run { f(vec![1, 5, 3]) }
}

twin! {
    /// Arm bindings shadow an outer local of the same name; the outer one is used after.
    p30b_arm_binding_shadows_outer {
        lower! {
            pub async fn f(o: Option<Tracker>) -> (&'static str, bool) {
                let t = Tracker::new("outer");
                let inner = match o {
                    Some(t) => { step("s").await; let n = t.name(); drop(t); n }
                    None => { step("n").await; "none" }
                };
                step("after").await;
                (inner, t.name() == "outer")
            }
        }
        lower! {
            pub async fn go() -> ((&'static str, bool), (&'static str, bool)) { (f(Some(Tracker::new("in"))).await, f(None).await) }
        }
    }
    run { go() }
}

twin! {
    /// A local initialized in the arms of a `match` (deferred init), one arm awaiting.
    p30b_deferred_init_in_arms {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let x;
                let t;
                match k {
                    0 => { x = leaf("zero", 10).await; t = Tracker::new("t0"); }
                    1..=5 => { t = Tracker::new("tsmall"); step("small").await; x = k; }
                    _ => { x = 0; t = Tracker::new("tbig"); }
                }
                step("after").await;
                log(t.name());
                x
            }
        }
        lower! {
            pub async fn go() -> u32 { f(0).await + f(3).await + f(9).await }
        }
    }
    run { go() }
}

twin! {
    /// A reference into a slice chosen by a `match` expression, held across awaits.
    p30b_match_returns_ref_held {
        lower! {
            pub async fn f(v: Vec<Tracker>) -> &'static str {
                let r = match v.as_slice() {
                    [.., last] => last,
                    [] => return "empty",
                };
                step("a").await;
                step("b").await;
                r.name()
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) { (f(vec![Tracker::new("x"), Tracker::new("y")]).await, f(vec![]).await) }
        }
    }
    run { go() }
}

twin! {
    /// Byte-string slice patterns on `&[u8]`.
    p30b_byte_string_patterns {
        lower! {
            pub async fn f(reqs: Vec<&'static [u8]>) -> u32 {
                let mut n = 0;
                for r in reqs {
                    n += match r {
                        b"GET" => leaf("get", 1).await,
                        b"PUT" | b"POST" => { step("write").await; 10 }
                        [b'X', rest @ ..] => rest.len() as u32 * 100,
                        _ => 0,
                    };
                }
                n
            }
        }
    }
    run { f(vec![b"GET", b"POST", b"Xab", b"DEL", b"PUT"]) }
}

twin! {
    /// Struct patterns with renamed fields and literal subpatterns, over `&`.
    p30b_struct_rename_literal {
        pub struct Pt { pub x: i32, pub y: i32, pub tag: Tracker }
        lower! {
            pub async fn f(ps: &[Pt]) -> i32 {
                let mut acc = 0;
                for p in ps {
                    acc += match p {
                        Pt { x: 0, y: py, .. } => { step("yaxis").await; *py }
                        Pt { x: px, y: 0, tag } => { step("xaxis").await; log(tag.name()); *px * 10 }
                        Pt { x, y, .. } if x == y => leaf("diag", *x * 100).await,
                        _ => 0,
                    };
                }
                acc
            }
        }
        lower! {
            pub async fn go() -> i32 {
                let ps = vec![Pt { x: 0, y: 3, tag: Tracker::new("a") }, Pt { x: 2, y: 0, tag: Tracker::new("b") }, Pt { x: 4, y: 4, tag: Tracker::new("c") }, Pt { x: 1, y: 2, tag: Tracker::new("d") }];
                f(&ps).await
            }
        }
    }
    run { go() }
}

twin! {
    /// Constants and `Ordering` variants as patterns.
    p30b_const_and_ordering_patterns {
        pub const LIMIT: u32 = 5;
        lower! {
            pub async fn f(xs: Vec<u32>) -> (u32, u32, u32) {
                let (mut lt, mut eq, mut gt) = (0, 0, 0);
                for x in xs {
                    match leaf("x", x).await.cmp(&LIMIT) {
                        std::cmp::Ordering::Less => lt += 1,
                        std::cmp::Ordering::Equal => { step("eq").await; eq += 1 }
                        std::cmp::Ordering::Greater => gt += match x { LIMIT => 1000, _ => 1 },
                    }
                }
                (lt, eq, gt)
            }
        }
    }
    run { f(vec![1, 5, 9, 5, 7]) }
}

twin! {
    /// A pattern in a lowered function's parameter list: a tuple of a tracker and a number.
    p30b_param_tuple_pattern {
        lower! {
            pub async fn f((t, n): (Tracker, u32), _g: Tracker) -> u32 {
                step("a").await;
                log(t.name());
                drop(t);
                leaf("n", n).await
            }
        }
    }
    run { f((Tracker::new("pt"), 3), Tracker::new("g")) }
}

twin! {
    /// A struct pattern in a lowered function's parameter list, the fields dropped in
    /// parameter order at the end.
    p30b_param_struct_pattern {
        pub struct Req { pub id: u32, pub body: Tracker, pub auth: Tracker }
        lower! {
            pub async fn f(Req { id, body, auth }: Req, extra: Tracker) -> u32 {
                step("a").await;
                log(format!("{} {} {}", body.name(), auth.name(), extra.name()));
                leaf("id", id).await
            }
        }
    }
    run { f(Req { id: 4, body: Tracker::new("body"), auth: Tracker::new("auth") }, Tracker::new("extra")) }
}

twin! {
    /// `for (i, (t, n)) in v.into_iter().enumerate()` with a `break` leaving the rest in the
    /// iterator.
    p30b_for_enumerate_tuple_pattern {
        lower! {
            pub async fn f() -> u32 {
                let v = vec![(Tracker::new("a"), 1u32), (Tracker::new("b"), 2), (Tracker::new("c"), 3)];
                let mut acc = 0;
                for (i, (t, n)) in v.into_iter().enumerate() {
                    acc += leaf("n", n).await;
                    if i == 1 { log(format!("stop {}", t.name())); break; }
                    step("next").await;
                }
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// An array of trackers destructured with every element bound before the first await,
    /// awaits between uses.
    p30b_array_all_bound {
        lower! {
            pub async fn f() -> &'static str {
                let arr = [Tracker::new("a0"), Tracker::new("a1"), Tracker::new("a2")];
                let [x, y, z] = arr;
                step("a").await;
                step("b").await;
                drop(y);
                step("c").await;
                log(z.name());
                x.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let (_, b) = (make(..), make(..));`: the `_` part of the temporary drops at the end
    /// of the statement, before the await.
    p30b_let_wildcard_temp_part {
        lower! {
            pub async fn f() -> &'static str {
                let (_, b) = (make("wild"), make("kept"));
                step("a").await;
                b.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let (_x, b)` vs `let (_, b)` of a local tuple: `_x` binds and lives to the end,
    /// `_` leaves the field in the local.
    p30b_let_underscore_named_vs_wild {
        lower! {
            pub async fn f() -> u32 {
                let p = (Tracker::new("p0"), Tracker::new("p1"));
                let q = (Tracker::new("q0"), Tracker::new("q1"));
                let (_x, b) = p;
                step("a").await;
                let (_, d) = q;
                step("b").await;
                log(format!("{} {}", b.name(), d.name()));
                drop(b);
                step("c").await;
                1
            }
        }
    }
    run { f() }
}
twin! {
    /// A lowered `&mut self` method driving a state enum with `mem::replace` on
    /// `self.state`, awaits in every arm.
    p30b_method_state_replace {
        pub enum State { Idle, Conn(Tracker), Closing(Tracker, u32) }
        pub struct Client { pub state: State, pub log: Vec<u32> }
        impl Client {
            lower! {
                pub async fn tick(&mut self, n: u32) -> bool {
                    self.state = match mem::replace(&mut self.state, State::Idle) {
                        State::Idle => { step("connect").await; State::Conn(Tracker::new("conn")) }
                        State::Conn(c) => { let k = leaf("send", n).await; self.log.push(k); State::Closing(c, k) }
                        State::Closing(c, k) => { step("close").await; drop(c); self.log.push(k * 10); State::Idle }
                    };
                    matches!(self.state, State::Idle)
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut c = Client { state: State::Idle, log: Vec::new() };
                for i in 0..4 { c.tick(i).await; }
                c.log
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered `&mut self` method matching `&mut self.state` by default binding modes,
    /// writing through the bindings after an await.
    p30b_method_match_mut_field {
        pub enum Phase { Count(u32), Named(Tracker, u32) }
        pub struct M { pub phase: Phase }
        impl M {
            lower! {
                pub async fn bump(&mut self) -> u32 {
                    match &mut self.phase {
                        Phase::Count(n) => { *n += leaf("c", 1).await; *n }
                        Phase::Named(t, n) => { step("named").await; *n += 2; log(t.name()); *n }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut a = M { phase: Phase::Count(0) };
                let mut b = M { phase: Phase::Named(Tracker::new("nm"), 0) };
                a.bump().await + a.bump().await + b.bump().await
            }
        }
    }
    run { go() }
}

twin! {
    /// A by-value match on a struct field with no bindings, the field reassigned in the arm
    /// after an await.
    p30b_match_place_reassign_in_arm {
        pub enum Light { Red(Tracker), Green(Tracker) }
        pub struct Cross { pub light: Light, pub n: u32 }
        lower! {
            pub async fn f() -> u32 {
                let mut c = Cross { light: Light::Red(Tracker::new("r0")), n: 0 };
                for _ in 0..3 {
                    match c.light {
                        Light::Red(_) => { step("red").await; c.light = Light::Green(Tracker::new("g")); }
                        Light::Green(_) => { step("green").await; c.light = Light::Red(Tracker::new("r")); }
                    }
                    c.n += 1;
                }
                c.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested `Option<Option<Tracker>>` patterns matched by value.
    p30b_option_option {
        lower! {
            pub async fn f(o: Option<Option<Tracker>>) -> &'static str {
                match o {
                    Some(Some(t)) => { step("ss").await; t.name() }
                    Some(None) => { step("sn").await; "inner-none" }
                    None => leaf("n", "none").await,
                }
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str, &'static str) {
                (f(Some(Some(Tracker::new("deep")))).await, f(Some(None)).await, f(None).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// A guard that awaits while the arm later moves the guarded tracker binding.
    p30b_guard_await_then_move_binding {
        pub fn consume(t: Tracker) -> usize { let n = t.name().len(); drop(t); n }
        lower! {
            pub async fn f(o: Option<Tracker>) -> usize {
                match o {
                    Some(t) if leaf("g", t.name().len()).await > 3 => { step("long").await; consume(t) }
                    Some(t) => { step("short").await; consume(t) + 100 }
                    None => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> usize { f(Some(Tracker::new("lengthy"))).await + f(Some(Tracker::new("ab"))).await + f(None).await }
        }
    }
    run { go() }
}

twin! {
    /// A guard (no await) reading a popped tracker, body awaiting and pushing it back.
    p30b_guard_pop_push_back {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("keep"), Tracker::new("x"), Tracker::new("y")];
                let mut kept = Vec::new();
                loop {
                    match v.pop() {
                        Some(t) if t.name() == "keep" => { step("keep").await; kept.push(t); }
                        Some(t) => { step("toss").await; drop(t); }
                        None => break,
                    }
                }
                step("end").await;
                kept.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple of two `take()`n options of trackers matched by value.
    p30b_match_pair_of_takes {
        pub struct Two { pub a: Option<Tracker>, pub b: Option<Tracker> }
        lower! {
            pub async fn f(s: &mut Two) -> u32 {
                match (s.a.take(), s.b.take()) {
                    (Some(x), Some(y)) => { step("both").await; log(format!("{} {}", x.name(), y.name())); s.a = Some(y); 2 }
                    (Some(x), None) | (None, Some(x)) => { step("one").await; drop(x); 1 }
                    (None, None) => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut s = Two { a: Some(Tracker::new("a")), b: Some(Tracker::new("b")) };
                let x = f(&mut s).await;
                let y = f(&mut s).await;
                let z = f(&mut s).await;
                x * 100 + y * 10 + z
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let Some(mut job) = queue.pop_front()` mutating the job after an await and
    /// pushing it back.
    p30b_while_let_deque_requeue {
        lower! {
            pub async fn f() -> u32 {
                let mut q = std::collections::VecDeque::new();
                q.push_back((Tracker::new("j1"), 2u32));
                q.push_back((Tracker::new("j2"), 1u32));
                let mut turns = 0;
                while let Some(mut job) = q.pop_front() {
                    turns += leaf("run", 1).await;
                    job.1 -= 1;
                    if job.1 > 0 { q.push_back(job); } else { step("finished").await; }
                }
                turns
            }
        }
    }
    run { f() }
}

twin! {
    /// `loop { match it.next() { .. } }` over an owning iterator of trackers, stopping early.
    p30b_loop_match_next {
        lower! {
            pub async fn f() -> u32 {
                let mut it = vec![Tracker::new("i1"), Tracker::new("i2"), Tracker::new("i3")].into_iter();
                let mut n = 0;
                loop {
                    match it.next() {
                        Some(t) if t.name() == "i2" => { step("stop").await; break; }
                        Some(_) => n += leaf("n", 1).await,
                        None => break,
                    }
                }
                step("after").await;
                n + it.len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure whose body is a `match` on its by-reference parameter, called between awaits.
    p30b_closure_with_match {
        lower! {
            pub async fn f(xs: Vec<Option<u32>>) -> u32 {
                let weight = |o: &Option<u32>| match o { Some(n @ 0..=9) => *n, Some(_) => 10, None => 0 };
                let mut acc = 0;
                for o in &xs {
                    acc += weight(o) * leaf("w", 1).await;
                }
                acc + xs.iter().map(|o| match *o { Some(n) => n, None => 1 }).sum::<u32>()
            }
        }
    }
    run { f(vec![Some(3), None, Some(40)]) }
}

twin! {
    /// An `async move` block that matches a captured enum inside and returns a tracker.
    p30b_async_move_matches_capture {
        pub enum Src { Fresh(u32), Cached(Tracker) }
        lower! {
            pub async fn f(s: Src) -> &'static str {
                let fut = async move {
                    match s {
                        Src::Fresh(n) => { step("fetch").await; if n > 1 { Tracker::new("fresh") } else { Tracker::new("tiny") } }
                        Src::Cached(t) => t,
                    }
                };
                step("before").await;
                let t = fut.await;
                step("after").await;
                t.name()
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) { (f(Src::Fresh(3)).await, f(Src::Cached(Tracker::new("cached"))).await) }
        }
    }
    run { go() }
}

twin! {
    /// Signed ranges with `i32::MIN` and exclusive range patterns.
    p30b_signed_ranges {
        lower! {
            pub async fn f(xs: Vec<i32>) -> (u32, u32, u32, u32) {
                let mut c = (0, 0, 0, 0);
                for x in xs {
                    match leaf("x", x).await {
                        i32::MIN..=-1 => c.0 += 1,
                        0 => { step("zero").await; c.1 += 1 }
                        1..10 => c.2 += 1,
                        10.. => { step("big").await; c.3 += 1 }
                    }
                }
                c
            }
        }
    }
    run { f(vec![-5, 0, 9, 10, i32::MIN, 3]) }
}

twin! {
    /// `ref` bindings on a `String` in every arm, an awaiting guard on its length.
    p30b_ref_string_guard {
        lower! {
            pub async fn f(s: String) -> usize {
                match s {
                    ref r if leaf("len", r.len()).await > 3 => { step("long").await; r.len() }
                    ref r => { step("short").await; r.len() + 100 }
                }
            }
        }
        lower! {
            pub async fn go() -> usize { f("hello".to_string()).await + f("hi".to_string()).await }
        }
    }
    run { go() }
}

// Known gap: a pattern that copies fields out of a `Drop` scrutinee temporary (`match make("m") { Tracker(name) => { step().await; name } }`) drops the temporary before the arm's await (natively at the end of the match)
#[cfg(feature = "known-gaps")]
twin! {
    /// A `Tracker(name)` pattern copying the name out of a scrutinee temporary, which lives
    /// to the end of the match.
    p30b_tracker_tuple_struct_pattern {
        lower! {
            pub async fn f() -> &'static str {
                let n = match make("m") {
                    Tracker(name) => { step("in").await; name }
                };
                step("after").await;
                let t = Tracker::new("local");
                let Tracker(m) = &t;
                step("later").await;
                if m.len() > n.len() { m } else { n }
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let [a, b] = v[..]` and `if let [.., x] = *slice` on Copy elements.
    p30b_slice_place_patterns {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let s: &[u32] = &v;
                let mut acc = 0;
                if let [a, b] = v[..] { acc += leaf("ab", a + b).await; }
                step("mid").await;
                if let [.., x] = *s { acc += x; }
                match &v[..] { [first, ..] => acc += leaf("first", *first).await, [] => {} }
                acc
            }
        }
        lower! {
            pub async fn go() -> u32 { f(vec![3, 4]).await + f(vec![1, 2, 3]).await + f(vec![]).await }
        }
    }
    run { go() }
}

twin! {
    /// FizzBuzz over `(i % 3, i % 5)` with awaits in the arms and a tracker per turn.
    p30b_fizzbuzz_tuple {
        lower! {
            pub async fn f(n: u32) -> Vec<String> {
                let mut out = Vec::new();
                for i in 1..=n {
                    let _t = Tracker::new("turn");
                    out.push(match (i % 3, i % 5) {
                        (0, 0) => { step("fb").await; "FizzBuzz".to_string() }
                        (0, _) => "Fizz".to_string(),
                        (_, 0) => leaf("buzz", "Buzz".to_string()).await,
                        _ => i.to_string(),
                    });
                }
                out
            }
        }
    }
    run { f(15) }
}

twin! {
    /// A hex-digit check on an awaited `chars().next()` with nested char ranges.
    p30b_char_option_ranges {
        lower! {
            pub async fn f(words: Vec<&'static str>) -> u32 {
                let mut n = 0;
                for w in words {
                    match leaf("c", w.chars().next()).await {
                        Some('0'..='9' | 'a'..='f' | 'A'..='F') => n += 1,
                        Some(c @ ('g'..='z')) => { step("lower").await; n += c as u32 - 'a' as u32 }
                        Some(_) => n += 100,
                        None => { step("empty").await; }
                    }
                }
                n
            }
        }
    }
    run { f(vec!["a1", "zed", "", "F", "!"]) }
}

twin! {
    /// `let x = if let Some(v) = o { v } else { leaf().await };` with trackers.
    p30b_if_let_else_await_value {
        lower! {
            pub async fn f(o: Option<Tracker>) -> &'static str {
                let t = if let Some(v) = o { v } else { leaf("fallback", Tracker::new("fb")).await };
                step("after").await;
                t.name()
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) { (f(Some(Tracker::new("given"))).await, f(None).await) }
        }
    }
    run { go() }
}

twin! {
    /// `let .. else { continue }` / `let .. else { break }` in a loop over results.
    p30b_let_else_continue_break {
        lower! {
            pub async fn f(xs: Vec<Result<u32, Tracker>>) -> u32 {
                let mut acc = 0;
                for x in xs {
                    let _turn = Tracker::new("turn");
                    let Ok(n) = x else { step("err").await; continue };
                    let 0..=50 = n else { break };
                    acc += leaf("n", n).await;
                }
                acc
            }
        }
    }
    run { f(vec![Ok(1), Err(Tracker::new("e")), Ok(20), Ok(99), Ok(5)]) }
}
// Known gap: an arm with an `@` binding over a subpattern (`(_, n @ 3..=4)`) of a temporary scrutinee holding a tracker drops the temporary before the arm's await (natively at the end of the match)
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: an arm `(_, n @ 3..=4)` of a temporary tuple scrutinee holding a tracker,
    /// awaiting in the arm.
    p30b_min_temp_scrutinee_at_arm {
        lower! {
            pub async fn f(k: u32) -> u32 {
                match tagged("scr", k) {
                    (_, n @ 3..=4) => leaf("add", n).await,
                    _ => 0,
                }
            }
        }
    }
    run { f(3) }
}

twin! {
    /// An arm `(_, n)` of a temporary tuple scrutinee holding a tracker, awaiting in the arm.
    p30b_temp_scrutinee_wild_copy {
        lower! {
            pub async fn f(k: u32) -> u32 {
                match tagged("scr", k) {
                    (_, n) => leaf("add", n).await,
                }
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A temporary tuple scrutinee: an earlier arm binding nothing, a later `(_, n)` arm awaiting.
    p30b_temp_scrutinee_after_nobind_arm {
        lower! {
            pub async fn f(k: u32) -> u32 {
                match tagged("scr", k) {
                    (_, 1) => 1,
                    (_, n) => leaf("add", n).await,
                }
            }
        }
    }
    run { f(3) }
}

twin! {
    /// An awaiting guard dereferencing an explicit `ref` binding of a by-value scrutinee.
    p30b_guard_await_deref_ref_binding {
        lower! {
            pub async fn f(o: Option<u32>) -> u32 {
                match o {
                    Some(ref x) if leaf("g", *x).await > 1 => *x + 100,
                    _ => 0,
                }
            }
        }
    }
    run { f(Some(5)) }
}
twin! {
    /// `Option<Box<Tracker>>` matched by value, the box moved out of with `*b`.
    p30b_option_box_unbox {
        lower! {
            pub async fn f(o: Option<Box<Tracker>>) -> &'static str {
                let t = match o {
                    Some(b) => { step("unbox").await; *b }
                    None => Tracker::new("default"),
                };
                step("after").await;
                t.name()
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) { (f(Some(Box::new(Tracker::new("boxed")))).await, f(None).await) }
        }
    }
    run { go() }
}

twin! {
    /// An `Rc` of an enum matched through `&*rc`, another clone dropped between awaits.
    p30b_rc_enum_match {
        pub enum Cfg { On(Tracker, u32), Off }
        lower! {
            pub async fn f() -> u32 {
                let rc = std::rc::Rc::new(Cfg::On(Tracker::new("cfg"), 7));
                let other = rc.clone();
                match &*rc {
                    Cfg::On(t, n) => { step("on").await; drop(other); step("on2").await; log(t.name()); *n }
                    Cfg::Off => 0,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `match v.get_mut(i)` replacing a tracker through the `&mut`, then awaiting.
    p30b_get_mut_replace {
        lower! {
            pub async fn f(i: usize) -> usize {
                let mut v = vec![Tracker::new("v0"), Tracker::new("v1")];
                match v.get_mut(i) {
                    Some(slot) => { *slot = Tracker::new("new"); step("replaced").await; }
                    None => { step("none").await; v.push(Tracker::new("pushed")); }
                }
                step("end").await;
                v.len()
            }
        }
        lower! {
            pub async fn go() -> usize { f(1).await + f(5).await }
        }
    }
    run { go() }
}

twin! {
    /// A `match` choosing a boxed future per arm, awaited after another await.
    p30b_match_picks_future {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let t = Tracker::new("cap");
                let fut: Pin<Box<dyn Future<Output = u32>>> = match k {
                    0 => Box::pin(leaf("plain", 1)),
                    n => Box::pin(async move { step("inner").await; log(t.name()); n * 10 }),
                };
                step("between").await;
                fut.await
            }
        }
        lower! {
            pub async fn go() -> u32 { f(0).await + f(3).await }
        }
    }
    run { go() }
}

twin! {
    /// A `for` loop over the value of a `match` expression.
    p30b_for_over_match_value {
        lower! {
            pub async fn f(k: Option<u32>) -> u32 {
                let mut acc = 0;
                for x in match k { Some(n) => vec![n, n + 1], None => vec![leaf("d", 9).await] } {
                    acc += leaf("x", x).await;
                }
                acc
            }
        }
        lower! {
            pub async fn go() -> u32 { f(Some(1)).await + f(None).await }
        }
    }
    run { go() }
}

twin! {
    /// Two local options of trackers moved into a tuple scrutinee, every arm binding the
    /// whole parts.
    p30b_tuple_of_locals_all_bound {
        lower! {
            pub async fn f(a: bool, b: bool) -> u32 {
                let x = if a { Some(Tracker::new("x")) } else { None };
                let y = if b { Some(Tracker::new("y")) } else { None };
                step("pre").await;
                match (x, y) {
                    (Some(p), Some(q)) => { step("both").await; drop(q); step("both2").await; log(p.name()); 3 }
                    (Some(p), None) => { step("x").await; drop(p); 1 }
                    (None, q) => { step("y").await; q.map(|t| t.name().len() as u32).unwrap_or(0) }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 { f(true, true).await + f(true, false).await + f(false, true).await + f(false, false).await }
        }
    }
    run { go() }
}

twin! {
    /// An early `return` from a `while let` body with the popped tracker and the stack alive.
    p30b_while_let_early_return {
        lower! {
            pub async fn f(target: &'static str) -> Option<usize> {
                let _g = Tracker::new("guard");
                let mut stack = vec![Tracker::new("s1"), Tracker::new("s2"), Tracker::new("s3")];
                while let Some(t) = stack.pop() {
                    step("look").await;
                    if t.name() == target { step("found").await; return Some(stack.len()); }
                }
                None
            }
        }
        lower! {
            pub async fn go() -> (Option<usize>, Option<usize>) { (f("s2").await, f("zz").await) }
        }
    }
    run { go() }
}

twin! {
    /// A nested enum matched through `&mut` two levels deep, writing a leaf after awaits.
    p30b_nested_mut_two_levels {
        pub enum Node { Leaf(Tracker, u32), Pair(Box<Node>, Box<Node>) }
        lower! {
            pub async fn bump_left(n: &mut Node) -> u32 {
                match n {
                    Node::Leaf(_, v) => { *v += leaf("self", 1).await; *v }
                    Node::Pair(a, _) => match &mut **a {
                        Node::Leaf(t, v) => { step("left").await; *v += 10; log(t.name()); *v }
                        Node::Pair(..) => { step("deep").await; 0 }
                    },
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut tree = Node::Pair(Box::new(Node::Leaf(Tracker::new("l"), 1)), Box::new(Node::Leaf(Tracker::new("r"), 2)));
                let a = bump_left(&mut tree).await;
                let b = bump_left(&mut tree).await;
                let mut solo = Node::Leaf(Tracker::new("solo"), 5);
                a + b + bump_left(&mut solo).await
            }
        }
    }
    run { go() }
}

twin! {
    /// An `if let` with a top-level or-pattern, an await after.
    p30b_if_let_top_or {
        lower! {
            pub async fn f(xs: Vec<Option<u32>>) -> u32 {
                let mut n = 0;
                for o in xs {
                    if let Some(1 | 2) | None = o {
                        step("hit").await;
                        n += 1;
                    } else if let Some(k @ 3..) = o {
                        n += leaf("k", k).await;
                    }
                }
                n
            }
        }
    }
    run { f(vec![Some(1), None, Some(7), Some(0), Some(2)]) }
}

twin! {
    /// `let Some((ref mut a, b)) = opt else {..}` then writing through `a` after an await.
    p30b_let_else_ref_mut {
        lower! {
            pub async fn f(mut o: Option<(Tracker, u32)>) -> u32 {
                let Some((ref mut a, b)) = o else { step("none").await; return 0 };
                step("got").await;
                *a = Tracker::new("replaced");
                step("after").await;
                b + o.map(|p| p.0.name().len() as u32).unwrap_or(0)
            }
        }
        lower! {
            pub async fn go() -> u32 { f(Some((Tracker::new("orig"), 1))).await + f(None).await }
        }
    }
    run { go() }
}

twin! {
    /// A matched binding moved into a boxed `FnOnce` stored in a `Vec`, called after awaits.
    p30b_binding_into_boxed_fnonce {
        pub enum Task { Named(Tracker), Count(u32) }
        lower! {
            pub async fn f(tasks: Vec<Task>) -> usize {
                let mut pending: Vec<Box<dyn FnOnce() -> usize>> = Vec::new();
                for t in tasks {
                    match t {
                        Task::Named(tr) => pending.push(Box::new(move || { let n = tr.name().len(); drop(tr); n })),
                        Task::Count(n) => { step("count").await; pending.push(Box::new(move || n as usize)) }
                    }
                }
                step("run").await;
                pending.into_iter().map(|f| f()).sum()
            }
        }
    }
    run { f(vec![Task::Named(Tracker::new("abc")), Task::Count(4), Task::Named(Tracker::new("z"))]) }
}

twin! {
    /// A `&mut` walk over a `Vec` of an enum, each element's variant replaced after an await.
    p30b_iter_mut_variant_replace {
        pub enum Job { Todo(u32), Running(Tracker), Done }
        lower! {
            pub async fn f() -> u32 {
                let mut jobs = vec![Job::Todo(1), Job::Todo(2), Job::Done];
                for _round in 0..2 {
                    for j in jobs.iter_mut() {
                        match j {
                            Job::Todo(n) => { let k = leaf("start", *n).await; *j = if k > 1 { Job::Running(Tracker::new("run")) } else { Job::Done }; }
                            Job::Running(_) => { step("finish").await; *j = Job::Done; }
                            Job::Done => {}
                        }
                    }
                }
                jobs.iter().filter(|j| matches!(j, Job::Done)).count() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// An explicit stack of `&Node` references held across awaits for a tree walk.
    p30b_ref_stack_tree_walk {
        pub enum Node { Leaf(Tracker, u32), Pair(Box<Node>, Box<Node>) }
        lower! {
            pub async fn walk(root: &Node) -> u32 {
                let mut stack = vec![root];
                let mut acc = 0;
                while let Some(n) = stack.pop() {
                    match n {
                        Node::Pair(a, b) => { stack.push(b); stack.push(a); }
                        Node::Leaf(t, v) => { acc += leaf("leaf", *v).await; log(t.name()); }
                    }
                }
                acc
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let t = Node::Pair(Box::new(Node::Leaf(Tracker::new("a"), 1)), Box::new(Node::Pair(Box::new(Node::Leaf(Tracker::new("b"), 2)), Box::new(Node::Leaf(Tracker::new("c"), 3)))));
                walk(&t).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `return match .. { .. }` whose arms await, with a tracker in scope.
    p30b_return_match_expr {
        lower! {
            pub async fn f(o: Result<u32, u32>) -> u32 {
                let _g = Tracker::new("g");
                step("pre").await;
                return match o {
                    Ok(n) => leaf("ok", n).await,
                    Err(e) => { let _e = Tracker::new("e"); leaf("err", e + 100).await }
                };
            }
        }
        lower! {
            pub async fn go() -> u32 { f(Ok(1)).await + f(Err(2)).await }
        }
    }
    run { go() }
}

twin! {
    /// A `match` on an awaited value with `?` (`match leaf(..).await? { .. }`).
    p30b_match_on_question {
        lower! {
            pub async fn f(r: Result<Option<Tracker>, String>) -> Result<&'static str, String> {
                let _g = Tracker::new("g");
                let name = match leaf("r", r).await? {
                    Some(t) => { step("some").await; t.name() }
                    None => "none",
                };
                step("after").await;
                Ok(name)
            }
        }
        lower! {
            pub async fn go() -> (Result<&'static str, String>, Result<&'static str, String>, Result<&'static str, String>) {
                (f(Ok(Some(Tracker::new("t")))).await, f(Ok(None)).await, f(Err("e".into())).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// `Ok((a, b))` destructuring an awaited pair of trackers, `b` dropped first.
    p30b_ok_pair_drop_second_first {
        lower! {
            pub async fn f() -> Result<&'static str, ()> {
                let Ok((a, b)) = leaf("p", Ok::<_, ()>((Tracker::new("a"), Tracker::new("b")))).await else { return Err(()) };
                step("s").await;
                drop(b);
                step("t").await;
                Ok(a.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple-parameter closure over `Option<(u32, Tracker)>` (`map(|(n, t)| ..)`) before
    /// and after awaits.
    p30b_closure_tuple_param {
        lower! {
            pub async fn f() -> u32 {
                let o = Some((3u32, Tracker::new("inner")));
                step("a").await;
                let r = o.map(|(n, t)| { log(t.name()); n * 2 });
                step("b").await;
                let v = vec![(1u32, Tracker::new("v1")), (2, Tracker::new("v2"))];
                let s: u32 = v.iter().map(|(n, _)| *n).sum();
                step("c").await;
                r.unwrap_or(0) + s
            }
        }
    }
    run { f() }
}

twin! {
    /// `Some("x")` string patterns on `split` results.
    p30b_split_str_patterns {
        lower! {
            pub async fn f(line: &'static str) -> u32 {
                let mut parts = line.split(' ');
                match (parts.next(), parts.next()) {
                    (Some("add"), Some(n)) => leaf("add", n.parse::<u32>().unwrap_or(0)).await,
                    (Some("nop"), None) => { step("nop").await; 0 }
                    (Some(cmd), _) => { step("unknown").await; cmd.len() as u32 * 100 }
                    (None, _) => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 { f("add 5").await + f("nop").await + f("zap 3").await }
        }
    }
    run { go() }
}

twin! {
    /// Destructuring assignments swapping trackers across awaits (`(a, b) = (b, a)`).
    p30b_destructuring_assign_swap {
        lower! {
            pub async fn f() -> (&'static str, &'static str) {
                let mut a = Tracker::new("A");
                let mut b = Tracker::new("B");
                step("s1").await;
                (a, b) = (b, a);
                step("s2").await;
                let c;
                (c, _) = (Tracker::new("C"), Tracker::new("W"));
                step("s3").await;
                (a, b) = leaf("pair", (c, a)).await;
                (a.name(), b.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// Destructuring assignment into a struct pattern and an array pattern of locals.
    p30b_destructuring_assign_struct_array {
        pub struct P { pub x: u32, pub t: Tracker }
        lower! {
            pub async fn f() -> u32 {
                let (mut x, mut t) = (0, Tracker::new("t0"));
                let mut arr = [0u32; 2];
                step("a").await;
                P { x, t } = leaf("p", P { x: 5, t: Tracker::new("t1") }).await;
                [arr[0], _, arr[1]] = [x, 100, leaf("v", 7).await];
                step("b").await;
                log(t.name());
                x + arr[0] + arr[1]
            }
        }
    }
    run { f() }
}

twin! {
    /// ASCII byte ranges on an awaited byte.
    p30b_byte_ranges {
        lower! {
            pub async fn f(s: &'static [u8]) -> (u32, u32) {
                let (mut up, mut other) = (0, 0);
                for b in s {
                    match leaf("b", *b).await {
                        b'A'..=b'Z' => up += 1,
                        b'\n' | b'\r' => { step("nl").await; }
                        _ => other += 1,
                    }
                }
                (up, other)
            }
        }
    }
    run { f(b"AbC\nz") }
}

twin! {
    /// `let ref x = make(..);` extends the temporary to the end of the block, across awaits.
    p30b_let_ref_temp_extended {
        lower! {
            pub async fn f() -> &'static str {
                let ref x = make("extended");
                step("a").await;
                let y = make("plain");
                step("b").await;
                drop(y);
                x.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `bool` match on a scrutinee that makes a tracker, awaits in both arms.
    p30b_bool_match_temp {
        lower! {
            pub async fn f(name: &'static str) -> u32 {
                match make(name).name().is_empty() {
                    true => { step("empty").await; 0 }
                    false => leaf("nonempty", 1).await,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 { f("").await + f("x").await }
        }
    }
    run { go() }
}

twin! {
    /// A struct variant with a `ref mut` field and `..` matched by value on a local.
    p30b_struct_variant_ref_mut_dots {
        pub enum Ev { Tick { count: u32, who: Tracker, extra: Tracker }, Stop }
        lower! {
            pub async fn f() -> u32 {
                let mut e = Ev::Tick { count: 1, who: Tracker::new("who"), extra: Tracker::new("extra") };
                match e {
                    Ev::Tick { ref mut count, .. } => { *count += leaf("inc", 2).await; }
                    Ev::Stop => {}
                }
                step("after").await;
                match &e { Ev::Tick { count, who, .. } => { log(who.name()); *count } Ev::Stop => 0 }
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct variant matched through `&` with `..`, the fields read after awaits.
    p30b_struct_variant_by_ref_dots {
        pub enum Ev { Msg { id: u32, body: Tracker, meta: Tracker }, Ping }
        lower! {
            pub async fn f(es: &[Ev]) -> u32 {
                let mut acc = 0;
                for e in es {
                    if let Ev::Msg { id, body, .. } = e {
                        step("msg").await;
                        log(body.name());
                        acc += *id;
                    } else {
                        acc += leaf("ping", 100).await;
                    }
                }
                acc
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let es = vec![Ev::Msg { id: 1, body: Tracker::new("b1"), meta: Tracker::new("m1") }, Ev::Ping];
                f(&es).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `while matches!(state, ..)` with the state reassigned from awaits in the loop.
    p30b_while_matches_state {
        pub enum S { Go(u32), Wait(Tracker), Stop }
        lower! {
            pub async fn f() -> u32 {
                let mut s = S::Go(0);
                let mut turns = 0;
                while !matches!(s, S::Stop) {
                    turns += 1;
                    s = match s {
                        S::Go(n) if n < 2 => { step("go").await; S::Go(n + 1) }
                        S::Go(_) => S::Wait(Tracker::new("w")),
                        S::Wait(t) => { step("wait").await; log(t.name()); S::Stop }
                        S::Stop => S::Stop,
                    };
                }
                turns
            }
        }
    }
    run { f() }
}
// Known gap: a pattern that copies fields out of a `Drop` scrutinee temporary (`match make("m") { Tracker(name) => { step().await; name } }`) drops the temporary before the arm's await (natively at the end of the match)
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: a tuple-struct pattern copying the only field out of a `Drop` scrutinee
    /// temporary, awaiting in the arm.
    p30b_min_temp_scrutinee_copy_field_of_drop {
        lower! {
            pub async fn f() -> &'static str {
                match make("m") {
                    Tracker(name) => { step("in").await; name }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `n @ 1..=9` on a temporary `Option<(Tracker, u32)>`'s number, the tracker
    /// bound, awaiting in the arm.
    p30b_min_temp_scrutinee_at_with_bound_tracker {
        lower! {
            pub async fn f(k: u32) -> u32 {
                match Some(tagged("scr", k)) {
                    Some((t, n @ 1..=9)) => { step("in").await; log(t.name()); n }
                    _ => 0,
                }
            }
        }
    }
    run { f(3) }
}
twin! {
    /// An awaiting guard passing a default-binding-mode reference on to an awaited helper
    /// (`match &o { Some(t) if is_long(t).await => .. }`).
    p30b_guard_await_pass_ref_binding {
        lower! {
            pub async fn is_long(t: &Tracker) -> bool {
                step("check").await;
                t.name().len() > 3
            }
        }
        lower! {
            pub async fn f(o: Option<Tracker>) -> usize {
                let r = match &o {
                    Some(t) if is_long(t).await => { step("long").await; t.name().len() }
                    Some(_) => 1,
                    None => 0,
                };
                step("end").await;
                r
            }
        }
        lower! {
            pub async fn go() -> usize { f(Some(Tracker::new("lengthy"))).await + f(Some(Tracker::new("ab"))).await + f(None).await }
        }
    }
    run { go() }
}

twin! {
    /// An awaiting guard on a binding of a reference parameter matched directly
    /// (`o: &Option<u32>`, `match o { Some(x) if leaf(*x).await .. }`).
    p30b_guard_await_ref_param {
        lower! {
            pub async fn f(o: &Option<u32>) -> u32 {
                match o {
                    Some(x) if leaf("g", *x).await > 2 => { step("big").await; *x }
                    Some(x) => *x + 100,
                    None => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 { f(&Some(5)).await + f(&Some(1)).await + f(&None).await }
        }
    }
    run { go() }
}

twin! {
    /// An awaiting guard that reads a default-binding-mode reference only through a method
    /// call (auto-deref), matching on `&v`.
    p30b_guard_await_ref_method_only {
        lower! {
            pub async fn f(v: Vec<String>) -> usize {
                let mut n = 0;
                for s in &v {
                    match s {
                        w if leaf("len", w.len()).await > 2 => { step("long").await; n += w.len() }
                        _ => n += 100,
                    }
                }
                n
            }
        }
    }
    run { f(vec!["abcd".to_string(), "x".to_string()]) }
}

twin! {
    /// An `@` range binding on a local tuple holding a tracker, matched as a place, the
    /// arm awaiting; the tracker is used after the match.
    p30b_local_scrutinee_at_arm {
        lower! {
            pub async fn f(k: u32) -> &'static str {
                let pair = (Tracker::new("pair"), k);
                let r = match pair {
                    (_, n @ 1..=9) => { step("in").await; n }
                    _ => 0,
                };
                step("after").await;
                log(format!("{r}"));
                pair.0.name()
            }
        }
    }
    run { f(3) }
}

twin! {
    /// An `@` binding of a whole `Copy` payload out of an enum with a tracker in another
    /// variant, matched by value from an awaited temporary.
    p30b_awaited_temp_at_payload {
        pub enum V { N(u32), T(Tracker) }
        lower! {
            pub async fn f(t: bool) -> u32 {
                match leaf("v", if t { V::T(Tracker::new("vt")) } else { V::N(4) }).await {
                    V::N(n @ 0..=9) => { step("small").await; n }
                    V::N(_) => 100,
                    V::T(tr) => { step("t").await; log(tr.name()); 1 }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 { f(true).await + f(false).await }
        }
    }
    run { go() }
}
twin! {
    /// Minimal: a `&mut` local matched by default binding mode, the binding read into an
    /// awaited call, then the place assigned through the reference after the await.
    p30b_min_match_mut_ref_assign_after_await {
        lower! {
            pub async fn f(mut o: Option<u32>) -> Option<u32> {
                let r = &mut o;
                match r {
                    Some(n) => { let k = leaf("k", *n).await; *r = Some(k + 1); }
                    None => {}
                }
                o
            }
        }
    }
    run { f(Some(1)) }
}

twin! {
    /// `match &mut o` binding read into an awaited call, then `o` assigned after the await.
    p30b_match_mut_temp_assign_local_after_await {
        lower! {
            pub async fn f(mut o: Option<u32>) -> Option<u32> {
                match &mut o {
                    Some(n) => { let k = leaf("k", *n).await; o = Some(k + 1); }
                    None => {}
                }
                o
            }
        }
    }
    run { f(Some(1)) }
}

twin! {
    /// Minimal: a local moved into an awaited call and assigned its output
    /// (`a = leaf(a).await`), a later local alive: drop order at the end of the scope.
    p30b_min_reassign_from_awaited_move {
        lower! {
            pub async fn f() -> &'static str {
                let mut a = Tracker::new("a");
                let b = Tracker::new("b");
                a = leaf("l", a).await;
                log(b.name());
                a.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a destructuring assignment from an awaited tuple that moved the assigned
    /// local (`(a, b) = leaf((c, a)).await`): drop order at the end of the scope.
    p30b_min_destructuring_assign_from_awaited_move {
        lower! {
            pub async fn f() -> &'static str {
                let mut a = Tracker::new("a");
                let mut b = Tracker::new("b");
                let c = Tracker::new("c");
                (a, b) = leaf("pair", (c, a)).await;
                b.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A destructuring assignment of a tuple of fresh trackers after an await, the old
    /// values dropped at the assignment.
    p30b_destructuring_assign_fresh {
        lower! {
            pub async fn f() -> &'static str {
                let mut a = Tracker::new("a0");
                let mut b = Tracker::new("b0");
                step("s").await;
                (a, b) = (Tracker::new("a1"), Tracker::new("b1"));
                step("t").await;
                log(a.name());
                b.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard without an await dereferencing a default-binding-mode reference, the arm
    /// awaiting and reading it again.
    p30b_guard_plain_deref_ref_arm_awaits {
        lower! {
            pub async fn f(o: Option<u32>) -> u32 {
                let _g = Tracker::new("g");
                match &o {
                    Some(x) if *x > 1 => { step("big").await; *x * 10 }
                    Some(x) => leaf("small", *x).await,
                    None => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 { f(Some(5)).await + f(Some(1)).await + f(None).await }
        }
    }
    run { go() }
}

twin! {
    /// `ref whole @ Some(_)` keeping a reference to the whole option across an await,
    /// then the option used after the match.
    p30b_ref_at_whole {
        lower! {
            pub async fn f(o: Option<Tracker>) -> usize {
                let n = match o {
                    ref whole @ Some(_) => { step("some").await; whole.as_ref().map(|t| t.name().len()).unwrap_or(0) }
                    None => { step("none").await; 0 }
                };
                step("after").await;
                n + o.map(|t| t.name().len()).unwrap_or(100)
            }
        }
        lower! {
            pub async fn go() -> usize { f(Some(Tracker::new("abc"))).await + f(None).await }
        }
    }
    run { go() }
}

twin! {
    /// `while let Some(j) = it.next()` over `iter_mut()`, the `&mut` binding replaced
    /// wholesale after an await that read its payload.
    p30b_while_let_iter_mut_replace {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![Some(1u32), None, Some(3)];
                let mut it = v.iter_mut();
                while let Some(slot) = it.next() {
                    let k = leaf("k", slot.unwrap_or(0)).await;
                    *slot = if k > 0 { Some(k * 10) } else { None };
                }
                v.into_iter().flatten().collect()
            }
        }
    }
    run { f() }
}
