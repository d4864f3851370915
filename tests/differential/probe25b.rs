//! Probe round 25b: the corners of Rust's expression and pattern syntax with awaits in
//! them: labelled blocks and loops with `break 'a value` and `continue 'outer` from match
//! arms, `if let .. else if let`, let chains, `let .. else` with every kind of exit,
//! `while let` with guards, `@` bindings, range, or-, slice, constant and `ref`/`ref mut`
//! patterns, match ergonomics on `&`/`&mut` scrutinees, closures (`return` inside, called
//! at once, `move`, `FnMut` counters, `async move` blocks, `async` closures), casts, unary
//! operators, `?` on `Option`, block operands, tuple indexing, raw identifiers, byte
//! strings, `matches!`, `assert!`, `dbg!`, the format family, and diverging operands
//! (`return`, `panic!`, `loop`) in the middle of expressions.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::Write as _;

twin! {
    /// A labelled block that breaks with a value after an await, leaving a tracker.
    p25b_label_block_break_value {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                let v = 'blk: {
                    let _t = Tracker::new("t");
                    let x = leaf("x", n).await;
                    if x > 2 {
                        break 'blk x * 2;
                    }
                    step("s").await;
                    x + 100
                };
                log(format!("v={v}"));
                step("end").await;
                v
            }
        }
    }
    run { pair(f(3), f(1)) }
}

twin! {
    /// Nested labelled blocks: the inner one breaks the outer one with an awaited value.
    p25b_label_block_nested {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let r = 'outer: {
                    let _o = Tracker::new("o");
                    let inner = 'inner: {
                        let _i = Tracker::new("i");
                        if leaf("c", n).await == 0 {
                            break 'outer leaf("z", 99).await;
                        }
                        if n == 1 {
                            break 'inner 7;
                        }
                        step("mid").await;
                        n * 3
                    };
                    log(format!("inner={inner}"));
                    inner + 1
                };
                r
            }
        }
    }
    run { pair(f(0), pair(f(1), f(4))) }
}

twin! {
    /// A labelled block used as an operand of `+`, with awaits on both sides.
    p25b_label_block_operand {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let _g = Tracker::new("g");
                let x = leaf("l", 10).await + 'b: {
                    if c {
                        break 'b leaf("in", 1).await;
                    }
                    2
                } + leaf("r", 100).await;
                x
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A labelled block breaking with a tracker moved out of it.
    p25b_label_block_break_tracker {
        lower! {
            pub async fn f(n: u32) -> &'static str {
                let t = 'b: {
                    let a = Tracker::new("a");
                    let b = Tracker::new("b");
                    if leaf("n", n).await > 1 {
                        break 'b a;
                    }
                    step("s").await;
                    b
                };
                step("after").await;
                t.name()
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// `break 'outer value` from a `for` inside a `loop`, the for's iterator holding trackers.
    p25b_label_loop_break_outer_value {
        lower! {
            pub async fn f() -> u32 {
                let mut round = 0;
                let r = 'outer: loop {
                    round += 1;
                    let ts = vec![Tracker::new("x"), Tracker::new("y"), Tracker::new("z")];
                    for (i, t) in ts.into_iter().enumerate() {
                        let v = leaf("v", i as u32 + round).await;
                        if v == 3 {
                            break 'outer v * 10 + t.name().len() as u32;
                        }
                    }
                    step("round").await;
                };
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `continue 'outer` and `break 'outer` from match arms whose scrutinee was awaited.
    p25b_label_continue_outer_from_match {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut out = Vec::new();
                'outer: for i in 0..6 {
                    let _t = Tracker::new("t");
                    for j in 0..3 {
                        match leaf("m", (i + j) % 4).await {
                            0 => continue 'outer,
                            1 => {
                                step("one").await;
                            }
                            3 => break 'outer,
                            _ => continue,
                        }
                        out.push(i * 10 + j);
                    }
                    log(format!("end {i}"));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A labelled `while` with a tracker per iteration and `break 'w` from a nested loop.
    p25b_label_while_break {
        lower! {
            pub async fn f(limit: u32) -> u32 {
                let mut n = 0;
                'w: while n < limit {
                    let _t = Tracker::new("iter");
                    loop {
                        n += leaf("inc", 2).await;
                        if n % 3 == 0 {
                            break 'w;
                        }
                        if n % 2 == 0 {
                            break;
                        }
                    }
                    step("tail").await;
                }
                n
            }
        }
    }
    run { pair(f(5), f(20)) }
}

twin! {
    /// A `return` from inside a labelled block after an await.
    p25b_label_block_return {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                let x = 'b: {
                    let _t = Tracker::new("t");
                    let v = leaf("v", n).await;
                    if v == 0 {
                        return 1000;
                    }
                    if v == 1 {
                        break 'b 5;
                    }
                    v
                };
                step("s").await;
                x
            }
        }
    }
    run { pair(f(0), pair(f(1), f(9))) }
}

twin! {
    /// `break 'l` of a loop from inside a labelled block nested in it.
    p25b_label_block_breaks_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut total = 0;
                'l: loop {
                    let _t = Tracker::new("t");
                    'b: {
                        let v = leaf("v", total).await;
                        if v > 5 {
                            break 'l;
                        }
                        if v % 2 == 1 {
                            break 'b;
                        }
                        total += 1;
                    }
                    total += leaf("add", 2).await;
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// `break 'a leaf(..).await`: the awaited value is the break's operand.
    p25b_label_break_awaited_operand {
        lower! {
            pub async fn f(n: u32) -> (u32, u32) {
                let _g = Tracker::new("g");
                let a = 'a: loop {
                    let _t = Tracker::new("t");
                    if n > 0 {
                        break 'a leaf("v", n * 2).await;
                    }
                    break leaf("w", 0).await;
                };
                let b = 'b: {
                    break 'b leaf("b", a + 1).await;
                };
                (a, b)
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// `loop` breaking from a match on an awaited value with an `@` range binding.
    p25b_loop_break_at_range {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                let _g = Tracker::new("g");
                let r = loop {
                    let _t = Tracker::new("t");
                    match leaf("x", i).await {
                        n @ 3.. => break n * 100,
                        n @ 1..=2 => {
                            step("small").await;
                            i += n;
                        }
                        _ => i += 1,
                    }
                };
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `continue 'outer` from inside a `while let` nested in a `for`.
    p25b_label_continue_from_while_let {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut seen = Vec::new();
                'outer: for k in 1..4u32 {
                    let mut stack = vec![k, k * 2, k * 3];
                    let _t = Tracker::new("frame");
                    while let Some(x) = stack.pop() {
                        let y = leaf("y", x).await;
                        if y % 4 == 0 {
                            continue 'outer;
                        }
                        seen.push(y);
                    }
                    step("drained").await;
                }
                seen
            }
        }
    }
    run { f() }
}

twin! {
    /// A loop whose tail value is a tuple of a tracker and an awaited number.
    p25b_loop_break_tuple_tracker {
        lower! {
            pub async fn f() -> (&'static str, u32) {
                let mut n = 0;
                let (t, v) = loop {
                    let a = Tracker::new("a");
                    n += leaf("n", 1).await;
                    if n == 2 {
                        break (a, n * 7);
                    }
                };
                step("after").await;
                (t.name(), v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let .. else if let .. else` with awaited scrutinees and trackers in each branch.
    p25b_if_let_else_if_let_chain {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, String>) -> u32 {
                let _g = Tracker::new("g");
                if let Some(x) = leaf("a", a).await {
                    let _t = Tracker::new("ta");
                    step("sa").await;
                    x
                } else if let Ok(y) = leaf("b", b).await {
                    let _t = Tracker::new("tb");
                    y + leaf("yb", 1).await
                } else {
                    let _t = Tracker::new("tc");
                    step("sc").await;
                    0
                }
            }
        }
    }
    run { pair(f(Some(1), Ok(2)), pair(f(None, Ok(5)), f(None, Err("e".into())))) }
}

twin! {
    /// A let chain `if let Some(x) = a && x > 1 && let Ok(y) = b.await`.
    p25b_let_chain_await_in_chain {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, u32>) -> u32 {
                let _g = Tracker::new("g");
                if let Some(x) = a && x > 1 && let Ok(y) = leaf("b", b).await {
                    step("in").await;
                    x + y
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { pair(f(Some(2), Ok(3)), pair(f(Some(1), Ok(3)), pair(f(Some(5), Err(1)), f(None, Ok(1))))) }
}

twin! {
    /// A let chain whose first condition is an awaited bool.
    p25b_let_chain_awaited_bool_first {
        lower! {
            pub async fn f(c: bool, o: Option<Tracker>) -> &'static str {
                if leaf("c", c).await && let Some(t) = o {
                    step("in").await;
                    t.name()
                } else {
                    step("out").await;
                    "none"
                }
            }
        }
    }
    run { pair(f(true, Some(Tracker("a"))), pair(f(false, Some(Tracker("b"))), f(true, None))) }
}

twin! {
    /// A let chain binding two trackers out of two options.
    p25b_let_chain_two_trackers {
        lower! {
            pub async fn f(ta: Option<Tracker>, tb: Option<Tracker>) -> u32 {
                step("start").await;
                if let Some(a) = ta && let Some(b) = tb && a.name() != b.name() {
                    step("both").await;
                    log(format!("{} {}", a.name(), b.name()));
                    2
                } else {
                    step("no").await;
                    0
                }
            }
        }
    }
    run { pair(f(Some(Tracker("a")), Some(Tracker("b"))), pair(f(Some(Tracker("c")), None), f(None, Some(Tracker("d"))))) }
}

twin! {
    /// Minimal: a let chain binding a parameter's payload by value, with an await in `else`.
    p25b_let_chain_two_trackers_min {
        lower! {
            pub async fn f(a: Option<Tracker>) -> u32 {
                if let Some(x) = a && true {
                    log(x.name());
                    1
                } else {
                    step("t").await;
                    0
                }
            }
        }
    }
    run { pair(f(Some(Tracker("a"))), f(None)) }
}

twin! {
    /// `else if` with an awaited condition after an `if let`, and a let chain in an
    /// `else if let`.
    p25b_else_if_chain_mixed {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let _g = Tracker::new("g");
                if let [one] = v.as_slice() {
                    *one
                } else if leaf("len", v.len()).await > 3 {
                    step("big").await;
                    99
                } else if let Some(&first) = v.first() && let Some(&last) = v.last() && first < last {
                    leaf("d", last - first).await
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(vec![4]), pair(f(vec![1, 2, 3, 4, 5]), pair(f(vec![1, 8]), f(vec![9, 2])))) }
}

twin! {
    /// `let .. else { return }` after an await, with trackers alive.
    p25b_let_else_return {
        lower! {
            pub async fn f(o: Option<u32>) -> u32 {
                let _a = Tracker::new("a");
                step("s").await;
                let _b = Tracker::new("b");
                let Some(x) = o else {
                    log("none");
                    return 0;
                };
                leaf("x", x).await + 1
            }
        }
    }
    run { pair(f(Some(3)), f(None)) }
}

twin! {
    /// `let .. else { continue }` and `let .. else { break }` inside a loop.
    p25b_let_else_continue_break {
        lower! {
            pub async fn f(items: Vec<Option<Result<u32, ()>>>) -> u32 {
                let mut sum = 0;
                for it in items {
                    let _t = Tracker::new("t");
                    let Some(r) = it else {
                        step("skip").await;
                        continue;
                    };
                    let Ok(v) = r else {
                        break;
                    };
                    sum += leaf("v", v).await;
                }
                sum
            }
        }
    }
    run { f(vec![Some(Ok(1)), None, Some(Ok(2)), Some(Err(())), Some(Ok(100))]) }
}

twin! {
    /// `let .. else { panic!() }` with a tracker alive.
    p25b_let_else_panic {
        lower! {
            pub async fn f(o: Option<u32>) -> u32 {
                let _t = Tracker::new("t");
                let v = leaf("o", o).await;
                let Some(x) = v else {
                    panic!("no value");
                };
                step("s").await;
                x
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// `let Some(t) = leaf(..).await else` binding a tracker out of the awaited option.
    p25b_let_else_awaited_tracker {
        lower! {
            pub async fn f(make: bool) -> &'static str {
                let _g = Tracker::new("g");
                let Some(t) = leaf("o", if make { Some(Tracker::new("t")) } else { None }).await else {
                    step("else").await;
                    return "none";
                };
                step("have").await;
                t.name()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `let [a, b, ..] = v.as_slice() else { .. }` with an await after.
    p25b_let_else_slice {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let [a, b, ..] = v.as_slice() else {
                    return leaf("short", 0).await;
                };
                let s = leaf("sum", a + b).await;
                s * v.len() as u32
            }
        }
    }
    run { pair(f(vec![1, 2, 3]), f(vec![1])) }
}

twin! {
    /// `while let` with a `match` with guards (no awaits in guards) and awaits in arms.
    p25b_while_let_match_guards {
        lower! {
            pub async fn f(mut v: Vec<i32>) -> Vec<String> {
                let mut out = Vec::new();
                while let Some(x) = v.pop() {
                    let _t = Tracker::new("t");
                    match x {
                        n if n < 0 => out.push(format!("neg {}", leaf("n", -n).await)),
                        n if n % 2 == 0 => {
                            step("even").await;
                            out.push(format!("even {n}"));
                        }
                        n => out.push(format!("odd {}", leaf("o", n).await)),
                    }
                }
                out
            }
        }
    }
    run { f(vec![1, -2, 4, 7]) }
}

twin! {
    /// `while let` whose scrutinee is awaited.
    p25b_while_let_awaited_scrutinee {
        lower! {
            pub async fn f() -> u32 {
                let mut stack = vec![1u32, 2, 3];
                let mut sum = 0;
                while let Some(v) = leaf("p", stack.pop()).await {
                    let _t = Tracker::new("t");
                    sum += v;
                    step("body").await;
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// A `while let` let chain: `while let Some(x) = v.pop() && x > 0`.
    p25b_while_let_chain {
        lower! {
            pub async fn f(mut v: Vec<i32>) -> (i32, Vec<i32>) {
                let mut acc = 0;
                while let Some(x) = v.pop() && x > 0 {
                    acc += leaf("x", x).await;
                }
                step("end").await;
                (acc, v)
            }
        }
    }
    run { f(vec![5, -1, 2, 3]) }
}

twin! {
    /// `if let` with an `else if` whose condition awaits and an `else` that returns.
    p25b_if_let_else_if_await_else_return {
        lower! {
            pub async fn f(o: Option<Tracker>, c: bool) -> &'static str {
                let r = if let Some(t) = o {
                    step("some").await;
                    t.name()
                } else if leaf("c", c).await {
                    "c"
                } else {
                    return leaf("ret", "ret").await;
                };
                step("after").await;
                r
            }
        }
    }
    run { pair(f(Some(Tracker("a")), false), pair(f(None, true), f(None, false))) }
}

twin! {
    /// `@` bindings on ranges and exclusive ranges for an awaited scrutinee.
    p25b_at_binding_ranges {
        lower! {
            pub async fn f(n: u32) -> String {
                let _t = Tracker::new("t");
                match leaf("n", n).await {
                    0 => "zero".to_string(),
                    x @ 1..=9 => format!("digit {}", leaf("d", x).await),
                    x @ 10..100 => {
                        step("two").await;
                        format!("two {x}")
                    }
                    x => format!("big {x}"),
                }
            }
        }
    }
    run { pair(f(0), pair(f(7), pair(f(42), f(1000)))) }
}

twin! {
    /// Nested or-patterns: `Some(1 | 2)`, `(A | B, _)`.
    p25b_nested_or_patterns {
        #[derive(Debug, Clone, Copy)]
        pub enum K { A, B, C }
        lower! {
            pub async fn f(o: Option<u32>, k: K, n: u32) -> u32 {
                let a = match leaf("o", o).await {
                    Some(1 | 2) => 1,
                    Some(3..=5 | 10) => leaf("mid", 2).await,
                    Some(_) | None => 3,
                };
                let b = match (k, leaf("n", n).await) {
                    (K::A | K::B, 0) => 10,
                    (K::A | K::B, _) => {
                        step("ab").await;
                        20
                    }
                    (K::C, 1 | 2 | 3) => 30,
                    (K::C, _) => 40,
                };
                a + b
            }
        }
    }
    run { pair(f(Some(2), K::A, 0), pair(f(Some(10), K::B, 5), pair(f(None, K::C, 2), f(Some(7), K::C, 9)))) }
}

twin! {
    /// Slice pattern `[first, .., last]` on a `&[Tracker]`, awaits in the arms.
    p25b_slice_first_last {
        lower! {
            pub async fn f(v: Vec<Tracker>) -> String {
                let r = match v.as_slice() {
                    [] => "empty".to_string(),
                    [only] => {
                        step("one").await;
                        only.name().to_string()
                    }
                    [first, .., last] => {
                        step("many").await;
                        format!("{}..{}", first.name(), last.name())
                    }
                };
                step("end").await;
                r
            }
        }
    }
    run { pair(f(vec![]), pair(f(vec![Tracker("a")]), f(vec![Tracker("x"), Tracker("y"), Tracker("z")]))) }
}

twin! {
    /// `[x, rest @ ..]` walked in a loop with an await per element.
    p25b_slice_rest_loop {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let mut s = v.as_slice();
                let mut acc = 0;
                while let [x, rest @ ..] = s {
                    acc = acc * 10 + leaf("x", *x).await;
                    s = rest;
                }
                acc
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// Constants in patterns, and a constant compared with an awaited value.
    p25b_const_patterns {
        const LIMIT: u32 = 5;
        const ZERO: u32 = 0;
        lower! {
            pub async fn f(n: u32) -> &'static str {
                let _t = Tracker::new("t");
                match leaf("n", n).await {
                    ZERO => "zero",
                    LIMIT => {
                        step("limit").await;
                        "limit"
                    }
                    x if x > LIMIT => "over",
                    _ => "under",
                }
            }
        }
    }
    run { pair(f(0), pair(f(5), pair(f(9), f(2)))) }
}

twin! {
    /// `ref` and `ref mut` bindings used across awaits.
    p25b_ref_mut_bindings {
        lower! {
            pub async fn f(mut o: Option<Vec<u32>>) -> Option<Vec<u32>> {
                let _g = Tracker::new("g");
                match o {
                    Some(ref mut v) => {
                        let x = leaf("x", 4).await;
                        v.push(x);
                        step("pushed").await;
                        v.push(x + 1);
                    }
                    None => step("none").await,
                }
                if let Some(ref v) = o {
                    log(format!("len {}", leaf("l", v.len()).await));
                }
                o
            }
        }
    }
    run { pair(f(Some(vec![1])), f(None)) }
}

twin! {
    /// `match` on a tuple of awaited values.
    p25b_match_tuple_awaited {
        lower! {
            pub async fn f(a: u32, b: bool) -> u32 {
                let _t = Tracker::new("t");
                match (leaf("a", a).await, leaf("b", b).await) {
                    (0, true) => 1,
                    (0, false) => leaf("z", 2).await,
                    (n, true) if n > 5 => n,
                    (n, _) => {
                        step("other").await;
                        n * 2
                    }
                }
            }
        }
    }
    run { pair(f(0, true), pair(f(0, false), pair(f(7, true), f(3, true)))) }
}

twin! {
    /// Match ergonomics on a `&` scrutinee binding a `&Tracker` used across awaits.
    p25b_match_ergonomics_ref {
        lower! {
            pub async fn f(p: (u32, Option<Tracker>)) -> String {
                let r = match &p {
                    (0, _) => "zero".to_string(),
                    (n, Some(t)) => {
                        step("some").await;
                        format!("{n} {}", t.name())
                    }
                    (n, None) => format!("{}", leaf("n", *n).await),
                };
                step("end").await;
                r
            }
        }
    }
    run { pair(f((0, Some(Tracker("a")))), pair(f((2, Some(Tracker("b")))), f((3, None)))) }
}

twin! {
    /// Match ergonomics on a `&mut` scrutinee changing an enum's payload across awaits.
    p25b_match_ergonomics_mut {
        #[derive(Debug)]
        pub enum State { Count(u32), Named(String, Tracker), Done }
        lower! {
            pub async fn f(mut s: State) -> State {
                match &mut s {
                    State::Count(n) => {
                        *n += leaf("a", 5).await;
                        step("again").await;
                        *n *= 2;
                    }
                    State::Named(name, t) => {
                        name.push_str(leaf("suffix", "!").await);
                        log(format!("t {}", t.name()));
                    }
                    State::Done => step("done").await,
                }
                s
            }
        }
    }
    run { pair(f(State::Count(1)), pair(f(State::Named("x".into(), Tracker("t"))), f(State::Done))) }
}

twin! {
    /// Shadowing in match arms and after them.
    p25b_shadowing_in_arms {
        lower! {
            pub async fn f(x: Option<u32>) -> u32 {
                let x = leaf("x", x).await;
                let y = match x {
                    Some(x) => {
                        let x = x + leaf("add", 1).await;
                        let x = x * 2;
                        x
                    }
                    None => {
                        let x = leaf("none", 50).await;
                        x
                    }
                };
                let x = y + 1;
                step("end").await;
                x
            }
        }
    }
    run { pair(f(Some(3)), f(None)) }
}

twin! {
    /// Struct variant patterns with ranges and `..`.
    p25b_struct_variant_patterns {
        #[derive(Debug)]
        pub enum Shape { Rect { w: u32, h: u32 }, Circle { r: u32 }, Named { name: &'static str, t: Tracker } }
        lower! {
            pub async fn f(s: Shape) -> u32 {
                let r = match s {
                    Shape::Rect { w, h: 1..=3 } => w + leaf("thin", 1).await,
                    Shape::Rect { w, h } => w * h,
                    Shape::Circle { r: 0 } => 0,
                    Shape::Circle { r } => {
                        step("circle").await;
                        r * 3
                    }
                    Shape::Named { name, .. } => {
                        step("named").await;
                        name.len() as u32
                    }
                };
                step("end").await;
                r
            }
        }
    }
    run { pair(f(Shape::Rect { w: 2, h: 2 }), pair(f(Shape::Rect { w: 2, h: 9 }), pair(f(Shape::Circle { r: 2 }), f(Shape::Named { name: "abc", t: Tracker("t") })))) }
}

twin! {
    /// Minimal: a match arm `E::N { a, .. }` of an enum struct variant leaving a tracker.
    p25b_struct_variant_patterns_min {
        pub enum E { N { a: u32, t: Tracker } }
        lower! {
            pub async fn f(e: E) -> u32 {
                match e {
                    E::N { a, .. } => {
                        step("s").await;
                        a
                    }
                }
            }
        }
    }
    run { f(E::N { a: 1, t: Tracker("t") }) }
}

twin! {
    /// Char range patterns on awaited chars.
    p25b_char_ranges {
        lower! {
            pub async fn f(s: &'static str) -> (u32, u32, u32) {
                let (mut l, mut d, mut o) = (0, 0, 0);
                for c in s.chars() {
                    match leaf("c", c).await {
                        'a'..='z' | 'A'..='Z' => l += 1,
                        '0'..='9' => d += 1,
                        _ => {
                            step("other").await;
                            o += 1
                        }
                    }
                }
                (l, d, o)
            }
        }
    }
    run { f("aB3 !") }
}

twin! {
    /// Byte string patterns on a slice.
    p25b_byte_string_patterns {
        lower! {
            pub async fn f(req: Vec<u8>) -> u32 {
                let _t = Tracker::new("t");
                match leaf("req", req).await.as_slice() {
                    b"GET" => 1,
                    b"POST" => leaf("post", 2).await,
                    [b'X', rest @ ..] => rest.len() as u32 + 10,
                    _ => 0,
                }
            }
        }
    }
    run { pair(f(b"GET".to_vec()), pair(f(b"POST".to_vec()), pair(f(b"Xab".to_vec()), f(b"q".to_vec())))) }
}

twin! {
    /// `match s.as_str()` with string literal or-patterns.
    p25b_str_literal_patterns {
        lower! {
            pub async fn f(s: String) -> u32 {
                let s = leaf("s", s).await;
                let n = match s.as_str() {
                    "a" | "b" => 1,
                    "hello" => leaf("h", 5).await,
                    other if other.starts_with('x') => {
                        step("x").await;
                        other.len() as u32
                    }
                    _ => 0,
                };
                n
            }
        }
    }
    run { pair(f("b".into()), pair(f("hello".into()), pair(f("xyz".into()), f("q".into())))) }
}

twin! {
    /// `p @ Point { x: 0, .. }` on a `Copy` struct.
    p25b_at_binding_struct {
        #[derive(Debug, Clone, Copy)]
        pub struct Point { pub x: i32, pub y: i32 }
        lower! {
            pub async fn f(p: Point) -> i32 {
                match leaf("p", p).await {
                    q @ Point { x: 0, .. } => q.y + leaf("axis", 100).await,
                    q @ Point { y: -5..=5, .. } => {
                        step("band").await;
                        q.x * 2
                    }
                    Point { x, y } => x + y,
                }
            }
        }
    }
    run { pair(f(Point { x: 0, y: 3 }), pair(f(Point { x: 4, y: 2 }), f(Point { x: 4, y: 20 }))) }
}

twin! {
    /// Nested `Err` patterns on an awaited `Result<Result<..>>`.
    p25b_nested_result_patterns {
        lower! {
            pub async fn f(r: Result<Result<u32, String>, u32>) -> String {
                let _t = Tracker::new("t");
                match leaf("r", r).await {
                    Ok(Ok(n @ 0..=9)) => format!("small {n}"),
                    Ok(Ok(n)) => format!("big {}", leaf("b", n).await),
                    Ok(Err(e)) if e.is_empty() => "empty".to_string(),
                    Ok(Err(e)) => {
                        step("inner").await;
                        e
                    }
                    Err(code) => format!("code {code}"),
                }
            }
        }
    }
    run { pair(f(Ok(Ok(3))), pair(f(Ok(Ok(30))), pair(f(Ok(Err(String::new()))), pair(f(Ok(Err("x".into()))), f(Err(4)))))) }
}

twin! {
    /// A tuple of an awaited tracker and a number matched with bindings by value.
    p25b_match_tuple_tracker_by_value {
        lower! {
            pub async fn f(n: u32) -> &'static str {
                let r = match (leaf("t", Tracker::new("a")).await, n) {
                    (t, 0) => {
                        step("zero").await;
                        t.name()
                    }
                    (_t, 1) => {
                        step("one").await;
                        "one"
                    }
                    (t, _) => {
                        drop(t);
                        step("dropped").await;
                        "other"
                    }
                };
                step("end").await;
                r
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}

twin! {
    /// An or-pattern binding the same tracker in both alternatives.
    p25b_or_pattern_tracker_binding {
        pub enum E { A(Tracker), B(Tracker), C }
        lower! {
            pub async fn f(e: E) -> &'static str {
                let r = match e {
                    E::A(t) | E::B(t) => {
                        step("ab").await;
                        let n = t.name();
                        drop(t);
                        step("after").await;
                        n
                    }
                    E::C => "c",
                };
                r
            }
        }
    }
    run { pair(f(E::A(Tracker("a"))), pair(f(E::B(Tracker("b"))), f(E::C))) }
}

twin! {
    /// `Ok(x) | Err(x)` on an awaited result.
    p25b_or_pattern_ok_err {
        lower! {
            pub async fn f(r: Result<u32, u32>) -> u32 {
                let (Ok(x) | Err(x)) = leaf("r", r).await;
                let y = match leaf("r2", r).await {
                    Ok(v) | Err(v) if v > 3 => v,
                    Ok(_) | Err(_) => 0,
                };
                x + y
            }
        }
    }
    run { pair(f(Ok(5)), f(Err(2))) }
}

// Known gap: an array later destructured by a let whose bindings live across an await drops first-to-last when cancelled before the let (native: last-to-first)
#[cfg(feature = "known-gaps")]
twin! {
    /// An array of trackers destructured fully, awaited between drops.
    p25b_array_destructure_all {
        lower! {
            pub async fn f() -> &'static str {
                let arr = [Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                step("made").await;
                let [a, b, c] = arr;
                step("split").await;
                drop(b);
                step("dropped b").await;
                let _ = a;
                c.name()
            }
        }
    }
    run { f() }
}

// Known gap: an array later destructured by a let whose bindings live across an await drops first-to-last when cancelled before the let (native: last-to-first)
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: an array of trackers later destructured, cancelled before the `let`.
    p25b_array_destructure_all_min {
        lower! {
            pub async fn f() -> u32 {
                let arr = [Tracker::new("a"), Tracker::new("b")];
                step("s").await;
                let [_a, _b] = arr;
                step("t").await;
                0
            }
        }
    }
    run { f() }
}

twin! {
    /// `for &(a, b) in &pairs` reference patterns, with an await per element.
    p25b_for_ref_tuple_pattern {
        lower! {
            pub async fn f(pairs: Vec<(u32, u32)>) -> u32 {
                let mut s = 0;
                for &(a, b) in &pairs {
                    s += leaf("a", a).await * b;
                }
                for (i, (a, _)) in pairs.iter().enumerate() {
                    s += leaf("i", i as u32).await + a;
                }
                s
            }
        }
    }
    run { f(vec![(1, 2), (3, 4)]) }
}

twin! {
    /// Negative range patterns with `i32::MIN`.
    p25b_negative_ranges {
        lower! {
            pub async fn f(n: i32) -> &'static str {
                match leaf("n", n).await {
                    i32::MIN..=-100 => "very negative",
                    -99..=-1 => {
                        step("neg").await;
                        "negative"
                    }
                    0 => "zero",
                    1.. => "positive",
                }
            }
        }
    }
    run { pair(f(-1000), pair(f(-5), pair(f(0), f(3)))) }
}

twin! {
    /// A destructuring `let` of a nested awaited tuple.
    p25b_let_nested_tuple_destructure {
        lower! {
            pub async fn f() -> u32 {
                let (a, (b, c)) = leaf("t", (1u32, (2u32, Tracker::new("c")))).await;
                step("mid").await;
                let ((d, _), e) = (leaf("d", (4u32, 5u32)).await, b);
                log(c.name());
                a + b + d + e
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let x @ 1..=5 = leaf(..).await`.
    p25b_if_let_at_range {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                if let x @ 1..=5 = leaf("n", n).await {
                    x + leaf("in", 10).await
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(3), f(9)) }
}

twin! {
    /// A `match` with `unreachable!()` in a `_` arm never taken, and a panicking arm.
    p25b_match_panic_arm {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                let r = match leaf("n", n % 3).await {
                    0 => 10,
                    1 => panic!("one: {}", n),
                    2 => leaf("two", 20).await,
                    _ => unreachable!(),
                };
                step("end").await;
                r
            }
        }
    }
    run { pair(f(3), pair(f(5), f(4))) }
}

twin! {
    /// A `return` inside a closure called with an awaited value.
    p25b_closure_return_inside {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let clamp = |x: u32| {
                    if x > 10 {
                        return 10;
                    }
                    x * 2
                };
                let _t = Tracker::new("t");
                let a = clamp(leaf("a", n).await);
                step("s").await;
                a + clamp(leaf("b", n * 5).await)
            }
        }
    }
    run { pair(f(1), f(4)) }
}

twin! {
    /// Closures called at once: `(|| x)()` and `(move || t)()`.
    p25b_closure_iife {
        lower! {
            pub async fn f() -> (u32, &'static str) {
                let x = leaf("x", 3).await;
                let y = (|| x + 1)();
                let t = Tracker::new("t");
                step("s").await;
                let t2 = (move || t)();
                step("moved").await;
                let z = (|a: u32| a * y)(leaf("a", 2).await);
                (z, t2.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `move` closure owning a tracker, alive across awaits and called twice.
    p25b_closure_move_tracker_alive {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("t");
                let name_len = move || t.name().len();
                step("a").await;
                let a = name_len();
                step("b").await;
                a + name_len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure borrowing a local, alive across an await.
    p25b_closure_borrow_across_await {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let k = leaf("k", 3).await;
                let scaled = |i: usize| v[i] * k;
                let a = scaled(0);
                step("mid").await;
                a + scaled(1)
            }
        }
    }
    run { f(vec![2, 5]) }
}

twin! {
    /// An `FnMut` counter called before and after awaits.
    p25b_closure_fnmut_counter {
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut count = 0;
                let mut inc = |by| {
                    count += by;
                    count
                };
                inc(1);
                step("a").await;
                let x = inc(leaf("by", 5).await);
                step("b").await;
                inc(1);
                (x, count)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block created, then awaited after other awaits.
    p25b_async_move_block_later {
        lower! {
            pub async fn f() -> &'static str {
                let t = Tracker::new("t");
                let fut = async move {
                    step("in").await;
                    t.name()
                };
                step("before").await;
                let _u = Tracker::new("u");
                let r = fut.await;
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block never awaited: its captured tracker drops with it.
    p25b_async_block_dropped {
        lower! {
            pub async fn f(run_it: bool) -> u32 {
                let t = Tracker::new("t");
                let fut = async move {
                    let _t = t;
                    leaf("in", 5).await
                };
                step("s").await;
                if run_it {
                    return fut.await;
                }
                drop(fut);
                step("after drop").await;
                0
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// An `async` closure called twice and awaited.
    p25b_async_closure {
        lower! {
            pub async fn f(base: u32) -> u32 {
                let _t = Tracker::new("t");
                let add = async |x: u32| leaf("c", x + base).await;
                let a = add(1).await;
                step("mid").await;
                a + add(2).await
            }
        }
    }
    run { f(10) }
}

twin! {
    /// An `async move` closure owning a tracker.
    p25b_async_move_closure_tracker {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("t");
                let c = async move || {
                    step("in").await;
                    t.name().len()
                };
                step("s").await;
                let a = c().await;
                let b = c().await;
                drop(c);
                step("end").await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure returning a closure, with awaited captures.
    p25b_closure_returning_closure {
        lower! {
            pub async fn f() -> u32 {
                let base = leaf("base", 2).await;
                let make = |k: u32| move |x: u32| x * k + base;
                let g = make(leaf("k", 3).await);
                step("s").await;
                g(4) + g(leaf("x", 1).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// An iterator `map` with a closure capturing an awaited value, collected.
    p25b_closure_map_collect {
        lower! {
            pub async fn f(v: Vec<u32>) -> Vec<u32> {
                let k = leaf("k", 3).await;
                let w: Vec<_> = v.iter().map(|x| x * k).filter(|x| x % 2 == 0).collect();
                step("mid").await;
                let total = w.iter().sum::<u32>() + leaf("t", 1).await;
                let mut w = w;
                w.push(total);
                w
            }
        }
    }
    run { f(vec![1, 2, 3, 4]) }
}

twin! {
    /// A closure using `?` on `Option` inside, called with awaited values.
    p25b_closure_question_option {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>) -> Option<u32> {
                let add = |x: Option<u32>, y: Option<u32>| Some(x? + y?);
                let r = add(leaf("a", a).await, leaf("b", b).await);
                step("s").await;
                r
            }
        }
    }
    run { pair(f(Some(1), Some(2)), f(None, Some(1))) }
}

twin! {
    /// An `FnOnce` closure moving a tracker, called only on one path after an await.
    p25b_closure_fnonce_conditional {
        lower! {
            pub async fn f(c: bool) -> &'static str {
                let t = Tracker::new("t");
                let consume = move || {
                    let n = t.name();
                    drop(t);
                    n
                };
                let r = if leaf("c", c).await {
                    consume()
                } else {
                    "kept"
                };
                step("end").await;
                r
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A closure in a struct field called after awaits.
    p25b_closure_struct_field {
        pub struct Op<F> { pub name: Tracker, pub run: F }
        lower! {
            pub async fn f() -> u32 {
                let k = leaf("k", 4).await;
                let op = Op { name: Tracker::new("op"), run: move |x: u32| x + k };
                step("s").await;
                let a = (op.run)(leaf("x", 1).await);
                step("t").await;
                a + (op.run)(2) + op.name.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec` of boxed closures called in a loop with awaits.
    p25b_closure_vec_boxed {
        lower! {
            pub async fn f() -> Vec<u32> {
                let t = Tracker::new("t");
                let ops: Vec<Box<dyn Fn(u32) -> u32>> = vec![
                    Box::new(|x| x + 1),
                    Box::new(move |x| x * t.name().len() as u32),
                ];
                let mut out = Vec::new();
                for op in &ops {
                    out.push(op(leaf("x", 5).await));
                }
                step("end").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `(async move { .. t }).await` in expression position, returning a tracker.
    p25b_async_block_expression_position {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("t");
                let got = (async move {
                    step("in").await;
                    t
                })
                .await;
                step("after").await;
                got.name().len() + async { leaf("n", 3).await }.await
            }
        }
    }
    run { f() }
}

twin! {
    /// `sort_by_key` with a closure, and `retain`, after awaits.
    p25b_closure_sort_retain {
        lower! {
            pub async fn f(mut v: Vec<(u32, Tracker)>) -> Vec<u32> {
                step("s").await;
                v.sort_by_key(|(k, _)| *k);
                let cut = leaf("cut", 2).await;
                v.retain(|(k, _)| *k >= cut);
                step("kept").await;
                v.iter().map(|(k, _)| *k).collect()
            }
        }
    }
    run { f(vec![(3, Tracker("c")), (1, Tracker("a")), (2, Tracker("b"))]) }
}

twin! {
    /// Cast chains on awaited values.
    p25b_cast_chain {
        lower! {
            pub async fn f() -> (i64, u8, f64, u32) {
                let a = leaf("a", 300u32).await as u8 as i8 as i64;
                let b = leaf("b", -1i32).await as u8;
                let c = leaf("c", 7u8).await as f64 / 2.0;
                let d = leaf("d", 'A').await as u32 + leaf("e", true).await as u32;
                (a, b, c, d)
            }
        }
    }
    run { f() }
}

twin! {
    /// Unary `-`, `!` (bool and bitwise) on awaited values.
    p25b_unary_ops {
        lower! {
            pub async fn f() -> (i32, bool, u8, i64) {
                let a = -leaf("a", 5i32).await;
                let b = !leaf("b", true).await;
                let c = !leaf("c", 0b1010u8).await;
                let d = -(leaf("d", 3i64).await - leaf("e", 10).await);
                (a, b, c, d)
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` on `Option` inside an `Option`-returning fn, with trackers alive.
    p25b_question_option {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>) -> Option<u32> {
                let _t = Tracker::new("t");
                let x = leaf("a", a).await?;
                let _u = Tracker::new("u");
                let y = leaf("b", b).await? + x;
                step("s").await;
                Some(y)
            }
        }
    }
    run { pair(f(Some(1), Some(2)), pair(f(None, Some(2)), f(Some(1), None))) }
}

twin! {
    /// Block expressions as operands: `{ x.await } + { y.await }`.
    p25b_block_operands {
        lower! {
            pub async fn f() -> u32 {
                let a = { leaf("x", 1).await } + { leaf("y", 2).await };
                let b = {
                    let _t = Tracker::new("t");
                    leaf("z", 3).await
                } * {
                    let _u = Tracker::new("u");
                    step("s").await;
                    4
                };
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `if` and `match` as call arguments, both awaiting.
    p25b_if_match_as_args {
        pub fn add3(a: u32, b: u32, c: u32) -> u32 {
            log(format!("add3 {a} {b} {c}"));
            a + b + c
        }
        lower! {
            pub async fn f(c: bool, n: u32) -> u32 {
                let _t = Tracker::new("t");
                add3(
                    if c { leaf("then", 1).await } else { 2 },
                    match n {
                        0 => leaf("zero", 10).await,
                        _ => val("other", 20),
                    },
                    leaf("last", 100).await,
                )
            }
        }
    }
    run { pair(f(true, 0), f(false, 1)) }
}

twin! {
    /// Tuple indexing `t.0.1` on an awaited nested tuple.
    p25b_tuple_indexing {
        lower! {
            pub async fn f() -> u32 {
                let t = leaf("t", ((1u32, 2u32), 3u32)).await;
                let a = t.0.1;
                let b = leaf("u", ((4u32, 5u32), (6u32, 7u32))).await.1.0;
                let mut m = ((0u32, 0u32), 0u32);
                m.0.1 = leaf("set", 9).await;
                a + b + t.1 + m.0.1
            }
        }
    }
    run { f() }
}

twin! {
    /// Method calls on literals with awaited arguments.
    p25b_methods_on_literals {
        lower! {
            pub async fn f() -> (u32, String, f64, bool) {
                let a = 3u32.pow(leaf("e", 2).await);
                let b = "ab".repeat(leaf("n", 3).await);
                let c = 2.0f64.powi(leaf("p", 3).await);
                let d = 'x'.is_alphabetic() && "xyz".contains(leaf("c", 'y').await);
                (a, b, c, d)
            }
        }
    }
    run { f() }
}

twin! {
    /// `unsafe` blocks reading through a raw pointer and `get_unchecked` after awaits.
    p25b_unsafe_blocks {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let i = leaf("i", 1usize).await;
                let a = unsafe { *v.get_unchecked(i) };
                let p = v.as_ptr();
                step("s").await;
                let b = unsafe { *p.add(leaf("j", 2usize).await) };
                a + b
            }
        }
    }
    run { f(vec![10, 20, 30]) }
}

twin! {
    /// Raw identifiers as locals, fields and parameters.
    p25b_raw_identifiers {
        #[derive(Debug)]
        pub struct Item { pub r#type: u32, pub r#match: Tracker }
        lower! {
            pub async fn f(r#in: u32) -> u32 {
                let r#type = leaf("type", r#in).await;
                let r#loop = Item { r#type, r#match: Tracker::new("m") };
                step("s").await;
                let Item { r#type: r#fn, r#match } = r#loop;
                step("t").await;
                r#fn + r#match.name().len() as u32
            }
        }
    }
    run { f(5) }
}

twin! {
    /// Byte strings and chars indexed and compared with awaited values.
    p25b_byte_strings_chars {
        lower! {
            pub async fn f() -> (u8, char, bool, u32) {
                let a = b"abc"[leaf("i", 2usize).await];
                let c = char::from(leaf("b", b'A').await + 2);
                let d = leaf("c", 'q').await == 'q';
                let e = (leaf("d", 'z').await as u8 - b'a') as u32;
                (a, c, d, e)
            }
        }
    }
    run { f() }
}

twin! {
    /// `matches!` with awaited scrutinees and guards.
    p25b_matches_macro {
        lower! {
            pub async fn f(o: Option<u32>) -> (bool, bool, bool) {
                let a = matches!(leaf("a", o).await, Some(1..=5));
                let v = leaf("v", o).await;
                let b = matches!(v, Some(x) if x % 2 == 0);
                let c = matches!(leaf("c", 'k').await, 'a'..='m' | 'z');
                (a, b, c)
            }
        }
    }
    run { pair(f(Some(2)), f(None)) }
}

twin! {
    /// `assert!`/`assert_eq!` with awaited values computed before, passing and failing.
    p25b_assert_macros {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                let a = leaf("a", n).await;
                let b = leaf("b", 2).await;
                assert!(a < 10, "a too big: {a}");
                assert_eq!(a % b, 0, "odd a {}", a);
                assert_ne!(a, b);
                step("end").await;
                a / b
            }
        }
    }
    run { pair(f(4), pair(f(3), f(20))) }
}

twin! {
    /// `assert!` with an await inside its condition.
    p25b_assert_with_await_inside {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                assert!(leaf("a", n).await > 1);
                assert_eq!(leaf("b", n).await % 2, 0, "n={}", n);
                step("end").await;
                n
            }
        }
    }
    run { pair(f(4), pair(f(0), f(3))) }
}

twin! {
    /// Minimal: `assert!` whose condition holds an await, failing.
    p25b_assert_with_await_inside_min {
        lower! {
            pub async fn f() -> u32 {
                assert!(leaf("a", 0).await > 1);
                0
            }
        }
    }
    run { f() }
}

twin! {
    /// `dbg!` of awaited values (a value computed before, and an await inside).
    p25b_dbg_macro {
        lower! {
            pub async fn f() -> u32 {
                let a = leaf("a", 3).await;
                let b = dbg!(a + 1);
                let c = dbg!(leaf("c", 5).await);
                let (d, e) = dbg!(leaf("d", 1).await, b);
                b + c + d + e
            }
        }
    }
    run { f() }
}

twin! {
    /// The format family with awaits in its arguments.
    p25b_format_family_awaits {
        lower! {
            pub async fn f() -> String {
                let _t = Tracker::new("t");
                let a = format!("{} {}", leaf("a", 1).await, leaf("b", "two").await);
                let mut s = String::new();
                write!(s, "[{:>3}]", leaf("c", 7).await).unwrap();
                writeln!(s, "{x}-{y:?}", x = leaf("x", 'x').await, y = leaf("y", Some(2)).await).unwrap();
                let p = std::fmt::format(format_args!("{}|{}", leaf("p", 1.5).await, a.len()));
                log(format!("{a} {s} {p}"));
                format!("{a}{s}{p}")
            }
        }
    }
    run { f() }
}

twin! {
    /// `println!`/`eprintln!`/`panic!` with awaits in their arguments.
    p25b_print_panic_with_awaits {
        lower! {
            pub async fn f(fail: bool) -> u32 {
                let _t = Tracker::new("t");
                println!("a={}", leaf("a", 1).await);
                eprintln!("b={:?}", leaf("b", [1, 2]).await);
                if fail {
                    panic!("failed with {}", leaf("c", 3).await);
                }
                step("end").await;
                5
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `foo(a, return 3)`: a diverging operand after an awaited one.
    p25b_diverging_return_operand {
        pub fn add(a: u32, b: u32) -> u32 {
            a + b
        }
        lower! {
            #[allow(unreachable_code)]
            pub async fn f(bail: bool) -> u32 {
                let _t = Tracker::new("t");
                let x = add(leaf("a", 1).await, if bail { return 3 } else { 10 });
                step("s").await;
                let _u = Tracker::new("u");
                x + add(leaf("b", 2).await, if x > 100 { return 4 } else { leaf("c", 20).await })
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `add(leaf().await, return 3)` unconditionally diverging in argument position.
    p25b_diverging_return_bare_operand {
        pub fn add(a: u32, b: u32) -> u32 {
            a + b
        }
        lower! {
            #[allow(unreachable_code)]
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                if n == 0 {
                    let _u = Tracker::new("u");
                    return add(leaf("a", 1).await, return leaf("r", 3).await);
                }
                step("s").await;
                n
            }
        }
    }
    run { pair(f(0), f(5)) }
}

twin! {
    /// `let x = match v { Some(x) => x, None => return 0 };` between awaits.
    p25b_let_match_return_arm {
        lower! {
            pub async fn f(v: Option<u32>, w: Result<u32, String>) -> u32 {
                let _t = Tracker::new("t");
                let x = match leaf("v", v).await {
                    Some(x) => x,
                    None => return 0,
                };
                let _u = Tracker::new("u");
                let y = match w {
                    Ok(y) => y,
                    Err(e) => return e.len() as u32 + leaf("e", 100).await,
                };
                step("s").await;
                x + y
            }
        }
    }
    run { pair(f(Some(1), Ok(2)), pair(f(None, Ok(2)), f(Some(1), Err("ab".into())))) }
}

twin! {
    /// `!`-typed `if` and `match` arms: `panic!` in one, `loop` with break in another.
    p25b_never_typed_arms {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                let x = if n < 10 { leaf("x", n).await } else { panic!("too big {n}") };
                let y = loop {
                    let v = leaf("y", x).await;
                    if v >= x {
                        break v + 1;
                    }
                };
                let z = match y {
                    0 => unreachable!(),
                    1..=3 => loop {
                        step("spin").await;
                        break 7;
                    },
                    _ => y,
                };
                z
            }
        }
    }
    run { pair(f(1), pair(f(5), f(12))) }
}

twin! {
    /// `?` in the middle of an arithmetic expression between two awaits.
    p25b_question_mid_expression {
        pub fn parse(s: &str) -> Result<u32, String> {
            s.parse::<u32>().map_err(|e| e.to_string())
        }
        lower! {
            pub async fn f(s: &'static str) -> Result<u32, String> {
                let _t = Tracker::new("t");
                let r = leaf("a", 1).await + parse(s)? * leaf("b", 2).await;
                step("s").await;
                Ok(r + parse(leaf("c", s).await)?)
            }
        }
    }
    run { pair(f("5"), f("x")) }
}

twin! {
    /// Array repeat, array literals and index expressions with awaits.
    p25b_array_exprs {
        lower! {
            pub async fn f() -> ([u32; 3], u32, u32) {
                let a = [leaf("rep", 2).await; 3];
                let b = [leaf("b0", 1).await, val("b1", 2), leaf("b2", 3).await];
                let i = b[leaf("i", 1usize).await];
                let j = [10u32, 20, 30][leaf("j", 2usize).await];
                (a, i + b[0], j)
            }
        }
    }
    run { f() }
}

twin! {
    /// Range expressions whose bounds are awaited.
    p25b_range_exprs {
        lower! {
            pub async fn f() -> (u32, Vec<u32>, bool) {
                let s: u32 = (leaf("lo", 1).await..leaf("hi", 5).await).sum();
                let v = (leaf("a", 2).await..=leaf("b", 4).await).rev().collect::<Vec<_>>();
                let r = (..leaf("c", 10).await).contains(&leaf("d", 3).await);
                (s, v, r)
            }
        }
    }
    run { f() }
}

twin! {
    /// Compound assignment to struct fields and indexes with awaited right-hand sides.
    p25b_compound_assign_fields {
        #[derive(Debug, Default)]
        pub struct Acc { pub a: u32, pub b: Vec<u32>, pub c: (u32, u32) }
        lower! {
            pub async fn f() -> Acc {
                let mut s = Acc::default();
                s.a += leaf("a", 3).await;
                s.b.push(leaf("b", 1).await);
                s.b[0] *= leaf("m", 5).await;
                s.c.1 -= 0;
                s.c.0 |= leaf("or", 6).await;
                s.a <<= leaf("sh", 2).await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct literal with awaited fields in an order differing from the declaration.
    p25b_struct_literal_order {
        #[derive(Debug)]
        pub struct S { pub a: u32, pub t: Tracker, pub b: u32 }
        lower! {
            pub async fn f() -> S {
                let b = leaf("b0", 1).await;
                let s = S { b: leaf("b", b + 1).await, t: Tracker::new("t"), a: val("a", 4) };
                step("s").await;
                let s2 = S { a: leaf("a2", 9).await, ..s };
                s2
            }
        }
    }
    run { f() }
}

twin! {
    /// Lazy `||` and `&&` with awaits on both sides.
    p25b_lazy_bool_awaits {
        lower! {
            pub async fn f(a: bool, b: bool) -> (bool, bool, bool) {
                let _t = Tracker::new("t");
                let x = leaf("a", a).await || leaf("b", b).await;
                let y = leaf("c", a).await && leaf("d", b).await;
                let z = !leaf("e", a).await && (leaf("f", b).await || val("g", true));
                (x, y, z)
            }
        }
    }
    run { pair(f(true, false), f(false, true)) }
}

twin! {
    /// Nested awaits: a leaf whose value is another awaited value.
    p25b_nested_awaits {
        lower! {
            pub async fn f() -> u32 {
                let a = leaf("o", leaf("i", 1).await + 1).await;
                let b = leaf("p", leaf("q", leaf("r", 2).await).await * 2).await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = leaf(tracker).await` (drops at once) vs `let _t = ..`, and `_ = ..`.
    p25b_underscore_bindings {
        lower! {
            #[allow(clippy::let_underscore_future)]
            pub async fn f() -> u32 {
                let _ = leaf("a", Tracker::new("a")).await;
                step("s1").await;
                let _b = leaf("b", Tracker::new("b")).await;
                step("s2").await;
                _ = leaf("c", Tracker::new("c")).await;
                step("s3").await;
                let _ = Tracker::new("d");
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// Destructuring assignments from awaited tuples, arrays and structs.
    p25b_destructuring_assignment {
        #[derive(Debug)]
        pub struct P { pub x: u32, pub y: u32 }
        lower! {
            pub async fn f() -> (u32, u32, u32, u32) {
                let (mut a, mut b) = (0, 0);
                (a, b) = (leaf("a", 1).await, leaf("b", 2).await);
                let (c, d);
                [c, d] = leaf("cd", [3, 4]).await;
                (a, b) = (b, a);
                let x;
                P { x, .. } = leaf("p", P { x: 9, y: 8 }).await;
                (a, b, c + d, x)
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: destructuring assignment of an awaited struct into a `let x;`.
    p25b_destructuring_assignment_min {
        pub struct P { pub x: u32, pub y: u32 }
        lower! {
            pub async fn f() -> u32 {
                let x;
                P { x, .. } = leaf("p", P { x: 1, y: 2 }).await;
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// Overflow in arithmetic on an awaited value panics with trackers alive.
    p25b_overflow_panic {
        lower! {
            pub async fn f(n: u8) -> u8 {
                let _t = Tracker::new("t");
                let v = leaf("v", n).await + 1;
                step("s").await;
                v
            }
        }
    }
    run { pair(f(1), f(255)) }
}

twin! {
    /// An inline `const` block as an operand of an awaited sum.
    p25b_inline_const {
        lower! {
            pub async fn f() -> u32 {
                let a = const { 3 * 4 } + leaf("a", 1).await;
                let b = leaf("b", const { u32::MAX / 2 }).await;
                a + (b & 0xff)
            }
        }
    }
    run { f() }
}

twin! {
    /// A labelled block with `?` inside it, returning from the fn.
    p25b_label_block_question {
        lower! {
            pub async fn f(a: Result<u32, String>) -> Result<u32, String> {
                let _t = Tracker::new("t");
                let x = 'b: {
                    let _u = Tracker::new("u");
                    let v = leaf("a", a).await?;
                    if v == 0 {
                        break 'b 100;
                    }
                    v + leaf("more", 1).await
                };
                step("s").await;
                Ok(x)
            }
        }
    }
    run { pair(f(Ok(0)), pair(f(Ok(5)), f(Err("bad".into())))) }
}

twin! {
    /// Turbofish on an awaited value, and string concatenation with `+ &x.await`.
    p25b_turbofish_concat {
        lower! {
            pub async fn f() -> (u32, String) {
                let n = leaf("n", "42").await.parse::<u32>().unwrap();
                let s = String::from("a") + &leaf("b", String::from("b")).await + leaf("c", "c").await;
                (n, s)
            }
        }
    }
    run { f() }
}

twin! {
    /// A reference to an awaited temporary (`let r = &leaf(..).await;`), lifetime-extended.
    p25b_ref_to_awaited_temporary {
        lower! {
            pub async fn f() -> &'static str {
                let _a = Tracker::new("a");
                let r = &leaf("t", Tracker::new("t")).await;
                step("s").await;
                let _b = Tracker::new("b");
                let m = &mut leaf("v", vec![1u32]).await;
                m.push(leaf("x", 2).await);
                log(format!("{:?}", m));
                r.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// Deref of an awaited `Box`, and `Option` combinators on awaited values.
    p25b_deref_box_combinators {
        lower! {
            pub async fn f(o: Option<u32>) -> u32 {
                let a = *leaf("b", Box::new(5u32)).await;
                let b = Some(leaf("s", 3).await).map(|x| x + 1).unwrap_or_default();
                let c = leaf("o", o).await.map_or(0, |x| x * 2);
                a + b + c
            }
        }
    }
    run { pair(f(Some(4)), f(None)) }
}

twin! {
    /// `match` on a temporary tracker's name: the temporary lives through the arms' awaits.
    p25b_match_temporary_scrutinee {
        pub fn make(n: &'static str) -> Tracker {
            Tracker::new(n)
        }
        lower! {
            pub async fn f(n: &'static str) -> u32 {
                let r = match make(n).name() {
                    "a" => {
                        step("a").await;
                        1
                    }
                    _ => leaf("other", 2).await,
                };
                step("after").await;
                r
            }
        }
    }
    run { pair(f("a"), f("b")) }
}

twin! {
    /// `if let` on a temporary's method result with an await in the `else` branch (edition
    /// 2024 drops the temporary before `else`).
    p25b_if_let_temporary_else {
        pub fn make(n: &'static str) -> Tracker {
            Tracker::new(n)
        }
        lower! {
            pub async fn f(n: &'static str) -> u32 {
                if let Some(c) = make(n).name().chars().next().filter(|c| *c == 'a') {
                    step("then").await;
                    c as u32
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { pair(f("ab"), f("b")) }
}

twin! {
    /// Minimal: an `if let` scrutinee temporary and an `else` that awaits.
    p25b_if_let_temporary_else_min {
        pub fn make() -> Tracker {
            Tracker::new("m")
        }
        lower! {
            pub async fn f() -> u32 {
                if let Some(_) = make().name().find('z') {
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
    /// An `if` without `else` as the tail, and a `match` on an awaited bool.
    p25b_if_no_else_tail_match_bool {
        lower! {
            pub async fn f(c: bool) {
                let _t = Tracker::new("t");
                match leaf("c", c).await {
                    true => log("yes"),
                    false => step("no").await,
                }
                if c {
                    step("tail").await;
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `return leaf(..).await` from the middle of a loop, with the loop's tracker alive.
    p25b_return_await_mid_loop {
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                for i in 0..5 {
                    let _t = Tracker::new("t");
                    if i == 2 {
                        return leaf("r", i * 100).await;
                    }
                    step("i").await;
                }
                0
            }
        }
    }
    run { f() }
}

twin! {
    /// `line!()`, `column!()` and `Location::caller()` after awaits on the same line.
    p25b_line_column_macros {
        lower! {
            pub async fn f() -> (u32, u32, u32) {
                let a = leaf("a", 1).await + line!() - line!();
                let b = leaf("b", column!()).await - column!();
                let c = std::panic::Location::caller().line() - line!();
                step("s").await;
                (a, b, c)
            }
        }
    }
    run { f() }
}

twin! {
    /// `stringify!` of an expression holding an await.
    p25b_stringify_await {
        lower! {
            pub async fn f() -> String {
                let s = stringify!(leaf("a", 1).await + 2);
                let v = leaf("v", 3).await;
                format!("{s} = {v}")
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `stringify!` of tokens holding `.await`.
    p25b_stringify_await_min {
        lower! {
            pub async fn f() -> &'static str {
                step("s").await;
                stringify!(x.await)
            }
        }
    }
    run { f() }
}

twin! {
    /// A let chain whose first `let` scrutinee is a method on a temporary tracker.
    p25b_let_chain_temporary_first {
        pub fn make(n: &'static str) -> Tracker {
            Tracker::new(n)
        }
        lower! {
            pub async fn f(n: &'static str) -> u32 {
                if let Some(c) = make(n).name().chars().next() && c != 'z' {
                    step("then").await;
                    c as u32
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { pair(f("ab"), f("zz")) }
}

twin! {
    /// `while let Some(t) = q.pop_front() && t.name() != "stop"` with trackers.
    p25b_while_let_chain_trackers {
        lower! {
            pub async fn f() -> usize {
                let mut q = VecDeque::from([Tracker::new("a"), Tracker::new("b"), Tracker::new("stop"), Tracker::new("c")]);
                let mut n = 0;
                while let Some(t) = q.pop_front() && t.name() != "stop" {
                    step("body").await;
                    n += t.name().len();
                }
                step("after").await;
                n + q.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let .. else` whose scrutinee borrows a temporary tracker, and whose else awaits.
    p25b_let_else_temporary {
        pub fn make(n: &'static str) -> Tracker {
            Tracker::new(n)
        }
        lower! {
            pub async fn f(n: &'static str) -> u32 {
                let Some(c) = make(n).name().chars().find(|c| c.is_ascii_digit()) else {
                    step("else").await;
                    return 0;
                };
                step("have").await;
                c as u32
            }
        }
    }
    run { pair(f("a1"), f("b")) }
}

twin! {
    /// Minimal: a `let .. else` scrutinee temporary and an `else` that awaits.
    p25b_let_else_temporary_min {
        pub fn make() -> Tracker {
            Tracker::new("m")
        }
        lower! {
            pub async fn f() -> usize {
                let Some(i) = make().name().find('z') else {
                    step("else").await;
                    return 0;
                };
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// `return` and `?` inside `async` blocks awaited in place.
    p25b_async_block_return_question {
        lower! {
            pub async fn f(c: bool, o: Option<u32>) -> (u32, Option<u32>) {
                let _t = Tracker::new("t");
                let a = async {
                    if c {
                        return leaf("early", 1).await;
                    }
                    step("late").await;
                    2
                }
                .await;
                let b = async {
                    let v = leaf("o", o).await?;
                    Some(v + 1)
                }
                .await;
                (a, b)
            }
        }
    }
    run { pair(f(true, Some(1)), f(false, None)) }
}

twin! {
    /// `let .. else { break 'outer value }` inside nested loops.
    p25b_let_else_break_outer_value {
        lower! {
            pub async fn f(rows: Vec<Vec<Option<u32>>>) -> u32 {
                let r = 'outer: loop {
                    let mut sum = 0;
                    for row in &rows {
                        let _t = Tracker::new("row");
                        for cell in row {
                            let Some(v) = cell else {
                                break 'outer sum + leaf("bail", 1000).await;
                            };
                            sum += leaf("v", *v).await;
                        }
                    }
                    break sum;
                };
                r
            }
        }
    }
    run { pair(f(vec![vec![Some(1), Some(2)], vec![Some(3)]]), f(vec![vec![Some(1)], vec![None, Some(5)]])) }
}

twin! {
    /// A labelled block as a `while` condition.
    p25b_label_block_in_while_cond {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                while 'c: {
                    if i == 1 {
                        i += 1;
                        break 'c true;
                    }
                    leaf("cond", i < 4).await
                } {
                    let _t = Tracker::new("t");
                    i += leaf("inc", 1).await;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// An `if` condition that is a block with a tracker and an await.
    p25b_block_as_if_condition {
        lower! {
            pub async fn f(n: usize) -> u32 {
                if {
                    let t = Tracker::new("cond");
                    leaf("c", t.name().len() + n).await > 5
                } {
                    step("then").await;
                    1
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { pair(f(3), f(1)) }
}

twin! {
    /// `let ref t = leaf(..).await;` and `let ref mut v = ..`: lifetime of the bound value.
    p25b_let_ref_pattern_awaited {
        lower! {
            pub async fn f() -> usize {
                let ref t = leaf("t", Tracker::new("t")).await;
                step("s").await;
                let ref mut v = leaf("v", vec![Tracker::new("v0")]).await;
                v.push(Tracker::new("v1"));
                step("pushed").await;
                let _u = Tracker::new("u");
                t.name().len() + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `ref a @ Some(ref b)` and `mut` bindings in arms.
    p25b_ref_at_and_mut_bindings {
        lower! {
            pub async fn f(o: Option<Tracker>, n: Option<u32>) -> String {
                let a = match o {
                    ref whole @ Some(ref inner) => {
                        step("some").await;
                        format!("{} {}", whole.is_some(), inner.name())
                    }
                    None => "none".to_string(),
                };
                let b = match n {
                    Some(mut x) => {
                        x += leaf("add", 10).await;
                        x *= 2;
                        x
                    }
                    None => 0,
                };
                step("end").await;
                format!("{a} {b}")
            }
        }
    }
    run { pair(f(Some(Tracker("a")), Some(1)), f(None, None)) }
}

twin! {
    /// A struct constant in a pattern, and a tuple struct pattern with `..` in the middle.
    p25b_const_struct_and_middle_rest {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct P { pub x: i32, pub y: i32 }
        pub const ORIGIN: P = P { x: 0, y: 0 };
        #[derive(Debug)]
        pub struct Row(pub u32, pub u32, pub u32, pub u32);
        lower! {
            pub async fn f(p: P, r: Row) -> i32 {
                let a = match leaf("p", p).await {
                    ORIGIN => 0,
                    P { x, .. } => x + leaf("x", 1).await,
                };
                let Row(first, .., last) = r;
                step("row").await;
                a + (first + last) as i32
            }
        }
    }
    run { pair(f(P { x: 0, y: 0 }, Row(1, 2, 3, 4)), f(P { x: 5, y: 1 }, Row(0, 0, 0, 9))) }
}

twin! {
    /// `let [first, rest @ ..] = arr;` on an array of trackers by value.
    p25b_array_rest_by_value {
        lower! {
            pub async fn f() -> usize {
                let arr = [Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let [first, rest @ ..] = arr;
                step("split").await;
                drop(first);
                step("first gone").await;
                rest.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `match v.as_mut_slice()` with `[first, .., last]` swapping across an await.
    p25b_slice_mut_first_last {
        lower! {
            pub async fn f(mut v: Vec<u32>) -> Vec<u32> {
                match v.as_mut_slice() {
                    [first, .., last] => {
                        let t = leaf("t", *first).await;
                        *first = *last;
                        *last = t;
                    }
                    [one] => *one += leaf("one", 1).await,
                    [] => {}
                }
                v
            }
        }
    }
    run { pair(f(vec![1, 2, 3]), pair(f(vec![5]), f(vec![]))) }
}

twin! {
    /// Assignment `v[i.await] = x.await` (right operand first) and compound on primitives.
    p25b_assignment_eval_order {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![0u32; 3];
                v[leaf("i", 0usize).await] = leaf("v", 5).await;
                v[leaf("j", 1usize).await] += leaf("w", 7).await;
                let mut t = (0u32, 0u32);
                t.1 = leaf("t", 3).await;
                v[2] = t.1;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A future of a future awaited twice, a boxed future, and `(&mut fut).await`.
    p25b_await_forms {
        lower! {
            pub async fn f() -> u32 {
                let a = leaf("o", leaf("i", 1)).await.await;
                let b = Box::pin(leaf("boxed", 2)).await;
                let mut fut = leaf("byref", 3);
                let c = (&mut fut).await;
                step("s").await;
                let d = std::future::ready(4).await;
                a + b + c + d
            }
        }
    }
    run { f() }
}

twin! {
    /// Unary minus and method call precedence on literals, and `as` after an await.
    p25b_precedence_literals {
        lower! {
            pub async fn f() -> (i32, i32, i64, Option<u8>) {
                let a = -2i32.pow(leaf("p", 2).await);
                let b = (-5i32).abs() + leaf("x", 1).await;
                let c = -leaf("c", 7i32).await as i64;
                let d = 250u8.checked_add(leaf("d", 10).await);
                (a, b, c, d)
            }
        }
    }
    run { f() }
}

twin! {
    /// `async move` blocks pushed into a `Vec` in a loop and awaited later, in order.
    p25b_async_blocks_in_vec {
        lower! {
            pub async fn f() -> u32 {
                let mut futs = Vec::new();
                for i in 0..3u32 {
                    let t = Tracker::new("cap");
                    futs.push(async move {
                        let _t = t;
                        leaf("f", i).await * 10
                    });
                }
                step("built").await;
                let mut s = 0;
                for fut in futs {
                    s += fut.await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async` closure mutating a captured counter (`AsyncFnMut`).
    p25b_async_closure_fnmut {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 0;
                let mut bump = async || {
                    n += leaf("b", 2).await;
                };
                bump().await;
                step("mid").await;
                bump().await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure mutably borrowing a `Vec`, alive across awaits, then the `Vec` read.
    p25b_closure_mut_borrow_across_await {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = Vec::new();
                let mut push = |x| v.push(x);
                push(leaf("a", 1).await);
                step("s").await;
                push(leaf("b", 2).await);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `return` in a `match` scrutinee and `break` with a value from a block in a call.
    p25b_diverging_scrutinee {
        lower! {
            #[allow(unreachable_code)]
            pub async fn f(c: bool) -> u32 {
                let _t = Tracker::new("t");
                let r = match (if c { return leaf("ret", 1).await } else { leaf("s", 2).await }) {
                    2 => 'b: {
                        let _u = Tracker::new("u");
                        break 'b std::cmp::max(leaf("m", 3).await, 4);
                    }
                    _ => 0,
                };
                r
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `vec!` with awaited elements and an awaited repeat count.
    p25b_vec_macro_awaits {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<&'static str>) {
                let a = vec![leaf("a", 1).await, val("b", 2), leaf("c", 3).await];
                let b = vec![leaf("s", "x").await; leaf("n", 2usize).await];
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Tuple-struct constructors used as functions, with awaits.
    p25b_ctor_as_fn {
        #[derive(Debug)]
        pub struct W(pub u32);
        lower! {
            pub async fn f() -> (Option<W>, Vec<W>, Option<u32>) {
                let a = Some(leaf("a", 1).await).map(W);
                let b = vec![1, 2].into_iter().map(W).collect::<Vec<_>>();
                let mk = Some;
                let c = mk(leaf("c", 3).await);
                (a, b, c)
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Shape::Named { name, .. } = s else` leaving a tracker field, then awaits.
    p25b_let_else_struct_variant_rest {
        #[derive(Debug)]
        pub enum Shape { Circle(u32), Named { name: &'static str, t: Tracker } }
        lower! {
            pub async fn f(s: Shape) -> usize {
                let Shape::Named { name, .. } = s else {
                    return leaf("circle", 0).await;
                };
                step("named").await;
                name.len()
            }
        }
    }
    run { pair(f(Shape::Named { name: "ab", t: Tracker("t") }), f(Shape::Circle(1))) }
}
