//! Probe round 9: drop flags of locals moved before an await and assigned again (state
//! machines, list cursors, pending slots, moves before break/continue/return), match
//! scrutinee temporaries living through awaiting arms, place operands before a later
//! await, guards borrowing arm bindings across awaits, generic `self` methods.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{HashMap, VecDeque};

pub enum P9State {
    Start(Tracker),
    Mid(Tracker, u32),
    Done,
}

twin! {
    /// `st = match st { .. }` state machine with awaits in every arm.
    p9_state_machine_match_reassign {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut st = P9State::Start(Tracker::new("s0"));
                let mut acc = 0;
                loop {
                    st = match st {
                        P9State::Start(t) => {
                            step("start").await;
                            P9State::Mid(t, 0)
                        }
                        P9State::Mid(t, k) if k < n => {
                            acc += leaf("mid", k).await;
                            P9State::Mid(t, k + 1)
                        }
                        P9State::Mid(t, _) => {
                            drop(t);
                            step("mid-end").await;
                            P9State::Done
                        }
                        P9State::Done => break,
                    };
                }
                acc
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// State machine whose last state is left by `break` with a value, the state moved.
    p9_state_machine_break_value {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut st = P9State::Start(Tracker::new("b0"));
                loop {
                    st = match st {
                        P9State::Start(t) => P9State::Mid(t, leaf("s", 1).await),
                        P9State::Mid(t, k) => {
                            if k >= n {
                                log(format!("leaving with {t:?}"));
                                break k + leaf("last", 100).await;
                            }
                            P9State::Mid(t, k + leaf("k", 1).await)
                        }
                        P9State::Done => break 0,
                    };
                }
            }
        }
    }
    run { pair(f(1), f(3)) }
}

pub struct P9W(pub Tracker);
impl P9W {
    pub async fn m(self) -> usize {
        self.0 .0.len()
    }
}

pub struct P9Node {
    pub name: Tracker,
    pub next: Option<Box<P9Node>>,
}

pub fn p9_list(names: &[&'static str]) -> Option<Box<P9Node>> {
    let mut head = None;
    for n in names.iter().rev() {
        head = Some(Box::new(P9Node { name: Tracker(n), next: head }));
    }
    head
}

twin! {
    /// `while let Some(n) = cur { ..await..; cur = n.next }`.
    p9_list_cursor_while_let {
        lower! {
            pub async fn f(stop: &'static str) -> usize {
                let mut cur = p9_list(&["n1", "n2", "n3", "n4"]);
                let mut seen = 0;
                while let Some(n) = cur {
                    seen += leaf("n", n.name.0.len()).await;
                    if n.name.0 == stop {
                        log("stop");
                        return seen;
                    }
                    cur = n.next;
                }
                seen
            }
        }
    }
    run { pair(f("n2"), f("zz")) }
}

twin! {
    /// List cursor with a partial move `cur = n.next` before an await, then reading the
    /// rest of `n`.
    p9_list_cursor_partial_move_then_await {
        lower! {
            pub async fn f() -> usize {
                let mut cur = p9_list(&["a", "bb", "ccc"]);
                let mut seen = 0;
                while let Some(mut n) = cur {
                    cur = n.next.take();
                    step("walk").await;
                    seen += leaf("len", n.name.0.len()).await;
                    log(format!("visited {:?}", n.name));
                }
                seen
            }
        }
    }
    run { f() }
}

// Known gap: E0382 in the lowered twin: `if let Some(t) = pending` moving a local in a loop, reassigned before `continue` (use of partially moved value).
#[cfg(feature = "known-gaps")]
twin! {
    /// An `Option<Tracker>` pending slot refilled in a loop, taken by `if let` with an
    /// await, with `continue` after the move.
    p9_pending_slot_continue {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut pending: Option<Tracker> = None;
                let mut acc = 0;
                for i in 0..n {
                    if let Some(t) = pending {
                        acc += leaf("t", t.0.len() as u32).await;
                        if i % 2 == 0 {
                            pending = None;
                            continue;
                        }
                    }
                    step("fill").await;
                    pending = Some(Tracker::new(if i % 2 == 0 { "even" } else { "odd" }));
                }
                acc
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// Moved in a loop by `let u = t;` then `break` in one path; the value is assigned
    /// again in the other.
    p9_let_move_break {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut t = Tracker::new("t0");
                let mut i = 0;
                loop {
                    i += 1;
                    let u = t;
                    step("u").await;
                    if i >= n {
                        log(format!("last {u:?}"));
                        break;
                    }
                    drop(u);
                    t = Tracker::new("tn");
                    step("after").await;
                }
                i
            }
        }
    }
    run { pair(f(1), f(3)) }
}

twin! {
    /// Moved then early `return` from inside a nested match, the other path keeps it.
    p9_move_then_return_in_match {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut a = Tracker::new("a");
                let b = Tracker::new("b");
                match k {
                    0 => {
                        drop(a);
                        return leaf("r0", 0).await;
                    }
                    1 => {
                        let moved = a;
                        step("m1").await;
                        if leaf("c", true).await {
                            return moved.0.len() as u32;
                        }
                        a = Tracker::new("a2");
                    }
                    _ => step("other").await,
                }
                step("end").await;
                log(format!("{a:?} {b:?}"));
                7
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}

twin! {
    /// A `Copy` local moved (copied) then reassigned across awaits, read in another arm.
    p9_copy_local_moved_reassigned {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut x = 5u32;
                let y = x;
                x = leaf("x", x + y).await;
                match k {
                    0 => { let z = x; x = 1; step("z").await; z + x }
                    _ => x + leaf("o", 1).await,
                }
            }
        }
    }
    run { pair(f(0), f(1)) }
}

// Known gap: E0507/E0505 in the lowered twin: a `Some(ref t)` guarded arm before a `Some(t)` moving arm on a local, in a loop.
#[cfg(feature = "known-gaps")]
twin! {
    /// A match guard reading a local moved in an earlier arm of a loop.
    p9_guard_on_moved_local {
        lower! {
            pub async fn f() -> usize {
                let mut slot = Some(Tracker::new("g1"));
                let mut n = 0;
                for i in 0..4 {
                    match slot {
                        Some(ref t) if t.0.len() > 5 => { step("long").await; }
                        Some(t) if i % 2 == 0 => {
                            n += leaf("take", t.0.len()).await;
                            slot = None;
                        }
                        Some(_) => step("keep").await,
                        None => {
                            slot = Some(Tracker::new("refill"));
                            step("refill").await;
                        }
                    }
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Move in one arm, read in another, then assign after a `?`.
    p9_move_then_question {
        lower! {
            pub async fn f(s: &str) -> Result<usize, std::num::ParseIntError> {
                let mut t = Tracker::new("q");
                let k: u32 = s.parse()?;
                if k > 1 {
                    drop(t);
                    let v: u32 = leaf("p", "12").await.parse()?;
                    t = Tracker::new("q2");
                    log(format!("v {v}"));
                } else {
                    log(format!("keep {t:?}"));
                }
                step("tail").await;
                let w: u32 = leaf("w", s).await.parse()?;
                Ok(t.0.len() + w as usize)
            }
        }
    }
    run { pair(f("1"), pair(f("5"), f("x"))) }
}

twin! {
    /// A move then a panic via `boom` before reassignment: only the live values drop.
    p9_move_then_boom {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut t = Tracker::new("bt");
                let keep = Tracker::new("keep");
                if k == 0 {
                    drop(t);
                    boom("x").await;
                    t = Tracker::new("never");
                }
                step("s").await;
                log(format!("{t:?} {keep:?}"));
                1
            }
        }
    }
    run { f(0) }
}

twin! {
    /// Same, the other path (no panic).
    p9_move_then_boom_other {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut t = Tracker::new("bt");
                if k == 0 {
                    drop(t);
                    boom("x").await;
                    t = Tracker::new("never");
                } else {
                    let u = t;
                    step("u").await;
                    t = u;
                }
                step("s").await;
                t.0.len() as u32
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Shadowing: an outer moved local and an inner one of the same name.
    p9_shadow_moved {
        lower! {
            pub async fn f(c: bool) -> usize {
                let t = Tracker::new("outer");
                let mut n = 0;
                {
                    let t2 = t;
                    let t = Tracker::new("inner");
                    step("in").await;
                    if c { drop(t2); }
                    n += t.0.len();
                }
                let t = Tracker::new("outer2");
                step("after").await;
                n + t.0.len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `match opt { Some(x) => .., None => .. }` moving a tuple of two trackers partly.
    p9_tuple_partial_pattern_move {
        lower! {
            pub async fn f(c: bool) -> usize {
                let mut pair_ = (Tracker::new("l"), Some(Tracker::new("r")));
                let mut n = 0;
                for _ in 0..2 {
                    match pair_.1 {
                        Some(r) if c => {
                            n += leaf("r", r.0.len()).await;
                            pair_.1 = None;
                        }
                        Some(_) => step("s").await,
                        None => {
                            pair_.1 = Some(Tracker::new("r2"));
                            step("n").await;
                        }
                    }
                }
                log(format!("{:?}", pair_.0));
                n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A local moved into a closure-free helper in a `while` condition loop.
    p9_while_move_assign_cond {
        lower! {
            pub async fn f() -> u32 {
                let mut t = Some(Tracker::new("w0"));
                let mut k = 0;
                while k < 3 {
                    let cur = t;
                    t = None;
                    if let Some(c) = cur {
                        step("c").await;
                        log(format!("{c:?}"));
                    }
                    k += leaf("k", 1).await;
                    if k == 2 { t = Some(Tracker::new("w2")); }
                }
                k
            }
        }
    }
    run { f() }
}

pub fn p9_make(k: u32) -> Option<Tracker> {
    log(format!("make {k}"));
    if k > 0 { Some(Tracker("made")) } else { None }
}

twin! {
    /// `match make() { Some(t) if cond => .., _ => x.await }`: the value lives through the
    /// awaiting catch-all arm when the guard fails.
    p9_scrutinee_guard_fails_awaits {
        lower! {
            pub async fn f(k: u32, c: bool) -> usize {
                let r = match p9_make(k) {
                    Some(t) if c => leaf("t", t.0.len()).await,
                    _ => leaf("other", 0).await,
                };
                step("after").await;
                r
            }
        }
    }
    run { pair(f(1, true), pair(f(1, false), f(0, true))) }
}

twin! {
    /// Scrutinee temporary with a guard that awaits nothing but the arm body awaits, then
    /// `return` from the arm.
    p9_scrutinee_return_from_arm {
        lower! {
            pub async fn f(k: u32) -> usize {
                match p9_make(k) {
                    Some(ref t) if t.0.len() > 2 => {
                        step("a").await;
                        return leaf("ret", 9).await;
                    }
                    Some(_) => step("some").await,
                    None => step("none").await,
                }
                step("tail").await;
                1
            }
        }
    }
    run { pair(f(1), f(0)) }
}

twin! {
    /// Scrutinee temporaries in a loop with `continue`/`break` out of the awaiting arm.
    p9_scrutinee_loop_break_continue {
        lower! {
            pub async fn f() -> u32 {
                let mut acc = 0;
                for k in 0..5u32 {
                    match p9_make(k % 3) {
                        Some(_) if k == 4 => {
                            step("brk").await;
                            break;
                        }
                        Some(_) if k % 2 == 1 => {
                            step("cont").await;
                            continue;
                        }
                        _ => acc += leaf("acc", k).await,
                    }
                    log("end of iteration");
                }
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// `for w in text.to_lowercase().split_whitespace()` with `break` and a panic.
    p9_for_lowercase_split_break {
        lower! {
            pub async fn f(text: &str) -> usize {
                let _g = Tracker::new("g");
                let mut n = 0;
                for w in text.to_lowercase().split_whitespace() {
                    if w == "stop" { step("stop").await; break; }
                    if w == "boom" { boom("w").await; }
                    n += leaf("w", w.len()).await;
                }
                n
            }
        }
    }
    run { pair(f("Alpha BETA Stop gamma"), f("one BOOM two")) }
}

pub fn p9_words(t: &Tracker) -> Vec<String> {
    log(format!("words {}", t.0));
    t.0.split('-').map(String::from).collect()
}

twin! {
    /// `match words(&Tracker::new(..)).first()` with guards and awaits in arms.
    p9_match_words_first_guard {
        lower! {
            pub async fn f(c: bool) -> usize {
                let r = match p9_words(&Tracker::new("ab-c")).first() {
                    Some(w) if c && w.len() > 1 => leaf("w", w.len()).await,
                    Some(w) => { step("short").await; w.len() + 10 }
                    None => 0,
                };
                step("after").await;
                r
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `if let Some(_) = Some(Tracker::new(..))` with an `else` that awaits, nested in a
    /// `while let` over a scrutinee temporary.
    p9_if_let_temp_else_awaits {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut n = 0;
                if let Some(_) = p9_make(k) {
                    step("then").await;
                    n += 1;
                } else {
                    step("else").await;
                    n += 2;
                }
                if let Some(_) = Some(Tracker::new("x")) {
                    if let None = p9_make(0) {
                        n += leaf("inner", 4).await;
                    }
                }
                n
            }
        }
    }
    run { pair(f(1), f(0)) }
}

twin! {
    /// let-else whose else awaits: the scrutinee value drops before the else runs.
    p9_let_else_awaits_in_else {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _g = Tracker::new("g");
                let Some(t) = p9_make(k) else {
                    step("else").await;
                    return leaf("ret", 0).await;
                };
                step("got").await;
                t.0.len() as u32
            }
        }
    }
    run { pair(f(1), f(0)) }
}

twin! {
    /// let-else on a tuple scrutinee holding a tracker in the non-binding part, in a loop
    /// whose else `continue`s after an await.
    p9_let_else_tuple_continue {
        lower! {
            pub async fn f() -> u32 {
                let mut acc = 0;
                for k in 0..4u32 {
                    let (Some(v), _t) = (if k % 2 == 0 { Some(k) } else { None }, Tracker::new("tt")) else {
                        step("skip").await;
                        continue;
                    };
                    acc += leaf("v", v).await;
                }
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// A `while let` on a temporary-producing scrutinee (`pop` of a `Vec` of trackers in
    /// a `RefCell`-free helper) with a guard-like `if` and awaits.
    p9_while_let_pop_temporaries {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker("v1"), Tracker("v22"), Tracker("v333")];
                let mut n = 0;
                while let Some(t) = v.pop() {
                    if t.0.len() == 3 { step("skip").await; continue; }
                    n += leaf("t", t.0.len()).await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested match: the inner scrutinee is a temporary, the outer a moved local.
    p9_nested_match_temp_and_moved {
        lower! {
            pub async fn f(o: Option<Tracker>, k: u32) -> usize {
                match o {
                    Some(t) => match p9_make(k) {
                        Some(m) if m.0.len() == t.0.len() => leaf("eq", 1).await,
                        Some(_) => { step("ne").await; t.0.len() }
                        None => { drop(t); leaf("none", 3).await }
                    },
                    None => match p9_make(k) {
                        _ => { step("n").await; 0 }
                    },
                }
            }
        }
    }
    run { pair(f(Some(Tracker("made")), 1), pair(f(Some(Tracker("zz")), 0), f(None, 1))) }
}

pub fn p9_add(a: &mut u32, b: u32) -> u32 {
    log(format!("add {a} {b}"));
    *a += b;
    *a
}

twin! {
    /// `add(&mut v[i + 1], x.await)`: a place with a computed index before an await.
    p9_place_add_index {
        lower! {
            pub async fn f(i: usize) -> Vec<u32> {
                let mut v = vec![1, 2, 3, 4];
                let r = p9_add(&mut v[i + 1], leaf("x", 10).await);
                v[0] = r;
                v
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// The index panics (out of bounds): evaluated before or after the await?
    p9_place_index_oob_before_await {
        lower! {
            pub async fn f(i: usize) -> Vec<u32> {
                let mut v = vec![1, 2];
                let _t = Tracker::new("t");
                step("pre").await;
                p9_add(&mut v[val("idx", i) + 1], leaf("x", 10).await);
                v
            }
        }
    }
    run { f(5) }
}

twin! {
    /// `v[0].push(x.await)` and nested `v[i][j] += x.await`.
    p9_place_nested_index_push {
        lower! {
            pub async fn f(i: usize, j: usize) -> Vec<Vec<u32>> {
                let mut v = vec![vec![1], vec![2, 3]];
                v[0].push(leaf("p", 5).await);
                v[i][j] += leaf("a", 100).await;
                v[val("i", i)][val("j", j)] = leaf("b", v[i][j] + 1).await;
                v
            }
        }
    }
    run { pair(f(1, 1), f(0, 1)) }
}

twin! {
    /// `names[i] == leaf(..).await` and `(&s[1..], x.await)`.
    p9_place_compare_and_slice {
        lower! {
            pub async fn f(s: String, i: usize) -> (bool, String, u32) {
                let names = vec![String::from("a"), String::from("bb")];
                let eq = names[i] == leaf("n", String::from("bb")).await;
                let (tail, x) = (&s[1..], leaf("x", 3).await);
                (eq, tail.to_string(), x)
            }
        }
    }
    run { pair(f(String::from("hello"), 1), f(String::from("xy"), 0)) }
}

twin! {
    /// `self.total += x.await`, `self.parts[0] += x.await` on fields of `&mut self`.
    p9_place_self_fields {
        lower! {
            pub async fn f(n: u32) -> (u32, Vec<u32>) {
                let mut acc = P9Acc { total: 1, parts: vec![0], t: Tracker::new("acc") };
                let r = acc.run(n).await;
                log(format!("{:?}", acc.t));
                (r, acc.parts)
            }
        }
        pub struct P9Acc {
            pub total: u32,
            pub parts: Vec<u32>,
            pub t: Tracker,
        }

        impl P9Acc {
            lower! {
                pub async fn run(&mut self, n: u32) -> u32 {
                    for i in 0..n {
                        self.total += leaf("t", i).await;
                        self.parts[0] += leaf("p", 1).await;
                        self.parts.push(leaf("push", self.total).await);
                    }
                    self.total
                }
            }
        }
    }
    run { f(3) }
}

twin! {
    /// An index place whose index is changed by the awaited operand's own code.
    p9_place_index_mutated_during_await {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![0u32; 4];
                let mut i = 0;
                v[i] += { i += 1; leaf("a", 5).await };
                v[i] += { i += 2; leaf("b", 7).await };
                log(format!("i={i}"));
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A place through a `HashMap` entry and a `Box` deref before an await.
    p9_place_box_and_map {
        lower! {
            pub async fn f() -> (u32, Vec<(u32, u32)>) {
                let mut b = Box::new(1u32);
                *b += leaf("b", 2).await;
                let mut m: std::collections::BTreeMap<u32, u32> = Default::default();
                m.insert(1, 10);
                *m.get_mut(&1).unwrap() += leaf("m", 5).await;
                *m.entry(2).or_insert(0) += leaf("e", 9).await;
                (*b, m.into_iter().collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// Place operands of a tuple/struct literal mixed with awaits and a `boom`.
    p9_place_struct_literal_boom {
        lower! {
            pub async fn f(c: bool) -> (u32, u32) {
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                let lens = (v[0].0.len() as u32, if c { boom("b").await } else { leaf("ok", 2).await });
                lens
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// A swap through index places around awaits: `v.swap(i, x.await)`.
    p9_place_method_args_index {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1, 2, 3];
                let idx = vec![0usize, 2];
                v.swap(idx[0], leaf("j", 2).await);
                v[idx[1]] = v[idx[0]] * leaf("m", 10).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `Some(text) if text.len() > 1 => leaf("c", &text).await.len()`.
    p9_guard_binding_borrowed_across_await {
        lower! {
            pub async fn f(o: Option<String>) -> usize {
                match o {
                    Some(text) if text.len() > 1 => leaf("c", &text).await.len(),
                    Some(text) => { step("short").await; text.len() + 100 }
                    None => 0,
                }
            }
        }
    }
    run { pair(f(Some(String::from("hello"))), pair(f(Some(String::from("h"))), f(None))) }
}

twin! {
    /// Guard binding a tracker by value, the arm borrows it across two awaits and the
    /// guard of the next arm reads the same scrutinee.
    p9_guard_binding_tracker_two_awaits {
        lower! {
            pub async fn f(o: Option<Tracker>, c: bool) -> usize {
                let _g = Tracker::new("g");
                let r = match o {
                    Some(t) if c && t.0.len() > 1 => {
                        let r = &t;
                        step("one").await;
                        leaf("two", r.0).await.len()
                    }
                    Some(t) if t.0.starts_with('x') => { drop(t); step("x").await; 1 }
                    Some(t) => { step("plain").await; t.0.len() }
                    None => 0,
                };
                step("tail").await;
                r
            }
        }
    }
    run { pair(f(Some(Tracker("ab")), true), pair(f(Some(Tracker("xy")), false), f(Some(Tracker("q")), false))) }
}

twin! {
    /// A guard that awaits nothing but calls a function with a borrowed binding of a
    /// tuple scrutinee; the arm awaits with both bindings borrowed.
    p9_guard_tuple_bindings {
        lower! {
            pub async fn f(a: String, b: Vec<u32>) -> usize {
                match (a, b) {
                    (s, v) if s.len() == v.len() => leaf("eq", &s).await.len() + leaf("v", &v).await.len(),
                    (s, mut v) => { v.push(leaf("push", 9).await); s.len() + v.len() }
                }
            }
        }
    }
    run { pair(f(String::from("ab"), vec![1, 2]), f(String::from("a"), vec![])) }
}

twin! {
    /// Guard in a loop: the bound value is moved into a Vec after the await, else the loop
    /// continues; the guard fails on some iterations.
    p9_guard_loop_collect {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut out = Vec::new();
                let items = vec![Some(String::from("aa")), None, Some(String::from("b")), Some(String::from("ccc"))];
                for it in items {
                    match it {
                        Some(s) if s.len() > 1 => {
                            let n = leaf("n", &s).await.len();
                            if n > 2 { break; }
                            out.push(s);
                        }
                        Some(s) => { step("skip").await; drop(s); continue; }
                        None => step("none").await,
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard with `@` binding and a nested enum, awaiting in the guarded arm, a `?` in
    /// the arm body.
    p9_guard_at_binding_question {
        lower! {
            pub async fn f(o: Option<Result<String, u32>>) -> Result<usize, u32> {
                let n = match o {
                    Some(Ok(s @ _)) if !s.is_empty() => {
                        let x: Result<usize, u32> = leaf("r", if s == "err" { Err(7) } else { Ok(s.len()) }).await;
                        x? + leaf("s", &s).await.len()
                    }
                    Some(Err(e)) if e > 1 => return Err(leaf("e", e).await),
                    _ => 0,
                };
                Ok(n)
            }
        }
    }
    run { pair(pair(f(Some(Ok(String::from("abc")))), f(Some(Ok(String::from("err"))))), pair(f(Some(Err(3))), f(None))) }
}

twin! {
    /// Generic impl method taking `self` by value and one `&str`.
    p9_generic_self_value_ref {
        lower! {
            pub async fn f() -> (Vec<String>, usize) {
                let w = W { items: vec![String::from("a"), String::from("bb")], tag: Tracker::new("w") };
                let a = w.clone_items().m("x").await;
                let b = W { items: vec![1u32, 2, 3], tag: Tracker::new("w2") }.m("yy").await;
                (a, b.len())
            }
        }
        pub struct W<T> { pub items: Vec<T>, pub tag: Tracker }
        impl<T: Clone> W<T> {
            pub fn clone_items(&self) -> W<T> {
                W { items: self.items.clone(), tag: Tracker::new("clone") }
            }
            lower! {
                pub async fn m(self, s: &str) -> Vec<T> {
                    let mut out = Vec::new();
                    for it in self.items.iter() {
                        step("it").await;
                        if leaf("s", s).await.len() > 1 { out.push(it.clone()); }
                    }
                    out.push(self.items[0].clone());
                    out
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Generic impl method with `self`, a `&str` and a `T` argument, moving `self` part
    /// way and panicking on one path.
    p9_generic_self_value_ref_partial_move {
        lower! {
            pub async fn f(c: bool) -> usize {
                let w = W { items: vec![Tracker("i1"), Tracker("i2")], tag: Tracker::new("w") };
                w.m("ab", c).await
            }
        }
        pub struct W<T> { pub items: Vec<T>, pub tag: Tracker }
        impl<T: std::fmt::Debug> W<T> {
            lower! {
                pub async fn m(self, s: &str, c: bool) -> usize {
                    let W { items, tag } = self;
                    step("destructured").await;
                    if c { boom("m").await; }
                    let n = items.len() + leaf("s", s).await.len();
                    drop(items);
                    step("after-drop").await;
                    log(format!("{tag:?}"));
                    n
                }
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// Generic impl with a where clause and `self` by value returning a borrow of the
    /// `&str` argument.
    p9_generic_self_value_returns_ref {
        lower! {
            pub async fn f() -> usize {
                let w = W(Tracker::new("w"), 3u8);
                let r = w.m("hello world").await;
                r.len()
            }
        }
        pub struct W<T>(pub Tracker, pub T);
        impl<T> W<T> where T: Copy + Into<usize> {
            lower! {
                pub async fn m<'a>(self, s: &'a str) -> &'a str {
                    let k: usize = self.1.into();
                    step("k").await;
                    &s[leaf("start", k).await..]
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Generic trait-bounded method taking `self` plus `&mut` argument (not only `&str`).
    p9_generic_self_value_mut_ref {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut out = vec![0u32];
                W(vec![1u32, 2]).m(&mut out).await;
                out
            }
        }
        pub struct W<T>(pub Vec<T>);
        impl<T: Clone + Into<u32>> W<T> {
            lower! {
                pub async fn m(self, out: &mut Vec<u32>) {
                    for x in self.0 {
                        out.push(leaf("x", x).await.into());
                        out[0] += leaf("c", 1).await;
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Or-pattern arm binding by value from a local, another arm binding nothing, then
    /// reassigning in a loop; cancellation at each await.
    p9_or_pattern_move_refill {
        lower! {
            pub async fn f() -> usize {
                let mut r: Result<Tracker, Tracker> = Ok(Tracker::new("ok1"));
                let mut n = 0;
                for i in 0..4 {
                    match r {
                        Ok(t) | Err(t) if i == 3 => { n += leaf("last", t.0.len()).await; break; }
                        Ok(t) | Err(t) => {
                            n += leaf("t", t.0.len()).await;
                            r = if i % 2 == 0 { Err(Tracker::new("err")) } else { Ok(Tracker::new("ok")) };
                        }
                    }
                }
                n
            }
        }
    }
    run { f() }
}

// Known gap: E0507/E0505 in the lowered twin: a `ref` arm and a moving arm on the same local.
#[cfg(feature = "known-gaps")]
twin! {
    /// `ref` binding in one arm (no move) and a by-value binding in another: the local is
    /// used after the match only on the `ref` path.
    p9_ref_arm_vs_move_arm {
        lower! {
            pub async fn f(k: u32) -> usize {
                let mut o = Some(Tracker::new("o"));
                loop {
                    match o {
                        Some(ref t) if k == 0 => { step("ref").await; log(format!("{t:?}")); }
                        Some(t) => { step("mv").await; drop(t); o = None; continue; }
                        None => { step("none").await; break 1; }
                    }
                    let n = o.as_ref().map(|t| t.0.len()).unwrap_or(0);
                    step("after").await;
                    break n;
                }
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Move in the condition of an `if` (a consuming call) and reassign in both branches
    /// after awaits.
    p9_move_in_condition {
        lower! {
            pub async fn f(c: u32) -> usize {
                let mut t = Tracker::new("c0");
                for i in 0..c {
                    if p9_consume(t) == i as usize {
                        step("eq").await;
                        t = Tracker::new("eq");
                    } else {
                        t = leaf("ne", Tracker::new("ne")).await;
                    }
                }
                t.0.len()
            }
        }
    }
    run { pair(f(0), f(3)) }
}

pub fn p9_consume(t: Tracker) -> usize {
    log(format!("consume {:?}", t));
    t.0.len()
}

twin! {
    /// A local moved into a struct then taken back out across awaits.
    p9_move_into_struct_and_back {
        lower! {
            pub async fn f() -> usize {
                let mut t = Tracker::new("m");
                let mut n = 0;
                for _ in 0..2 {
                    let holder = (t, leaf("h", 1).await);
                    step("held").await;
                    n += holder.1;
                    t = holder.0;
                }
                n + t.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Moving out of a local whose type has a Drop-free wrapper around two trackers via
    /// a match on a reference vs the value: the match on `&x` does not move it.
    p9_match_on_ref_then_value {
        lower! {
            pub async fn f(c: bool) -> usize {
                let x = if c { Some(Tracker::new("x")) } else { None };
                let n = match &x {
                    Some(t) => leaf("r", t.0.len()).await,
                    None => 0,
                };
                let m = match x {
                    Some(t) if n > 0 => { step("v").await; t.0.len() }
                    _ => leaf("d", 0).await,
                };
                n + m
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `loop` with `match` on an `Option<Box<..>>` cursor that breaks from inside an
    /// inner `while` and moves the cursor in a guard arm.
    p9_cursor_nested_loops_guard {
        lower! {
            pub async fn f() -> usize {
                let mut cur = p9_list(&["a", "bbb", "cc", "d"]);
                let mut n = 0;
                'outer: loop {
                    match cur {
                        Some(node) if node.name.0.len() > 2 => {
                            step("long").await;
                            cur = node.next;
                            while n < 100 {
                                n += leaf("inner", 50).await;
                                if n > 60 { continue 'outer; }
                            }
                        }
                        Some(node) => {
                            n += leaf("n", node.name.0.len()).await;
                            cur = node.next;
                        }
                        None => break 'outer,
                    }
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A value moved into an awaited call's argument (the future owns it), cancelled
    /// mid-await; then the local is reassigned.
    p9_move_into_awaited_future {
        lower! {
            pub async fn f() -> usize {
                let mut t = Tracker::new("f1");
                let mut n = 0;
                for _ in 0..2 {
                    n += leaf("own", t).await.0.len();
                    t = Tracker::new("f2");
                    step("s").await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Two locals swapped through moves with awaits between.
    p9_swap_by_moves {
        lower! {
            pub async fn f() -> (usize, usize) {
                let mut a = Tracker::new("A");
                let mut b = Tracker::new("BB");
                for _ in 0..3 {
                    let tmp = a;
                    step("1").await;
                    a = b;
                    step("2").await;
                    b = tmp;
                }
                (a.0.len(), b.0.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A moved-then-reassigned local captured by a closure after reassignment.
    p9_reassigned_then_closure {
        lower! {
            pub async fn f() -> usize {
                let mut t = Tracker::new("c1");
                drop(t);
                step("s").await;
                t = Tracker::new("c2");
                let g = || t.0.len();
                let n = leaf("n", g()).await;
                n + g()
            }
        }
    }
    run { f() }
}

// Minimised failures.

twin! {
    /// A reference to a local taken into an awaited call, the local moved later on one path: the awaited `&s` reads an uninitialised slot (result 0 instead of 2; valgrind: conditional jump on uninitialised value).
    p9_min_ref_to_moved_later_local_break {
        lower! {
            pub async fn f() -> usize {
                loop {
                    let s = String::from("aa");
                    let n = leaf("n", &s).await.len();
                    if n > 5 { break 0; }
                    drop(s);
                    break n;
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// The same in a `for` loop with `break` before the move (reduced from p9_guard_loop_collect).
    p9_min_ref_to_moved_later_local_for {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut out = Vec::new();
                for it in vec![Some(String::from("aa")), Some(String::from("ccc"))] {
                    let s = it.unwrap();
                    let n = leaf("n", &s).await.len();
                    log(format!("n={n}"));
                    if n > 2 { break; }
                    out.push(s);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// The value of `x.await` used as a place (`.0.len()`) drops at the end of its statement.
    p9_min_await_output_temp_drop {
        lower! {
            pub async fn f() -> usize {
                let n = leaf("own", Tracker("t")).await.0.len();
                log("next");
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `&mut v[1]` out of bounds before a later await panics before the await.
    p9_min_index_bounds_before_await {
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![1u32];
                step("pre").await;
                p9_add(&mut v[1], leaf("x", 10).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `v[1] == x.await` out of bounds panics before the await.
    p9_min_index_compare_bounds_before_await {
        lower! {
            pub async fn f() -> bool {
                let v = vec![1u32];
                step("pre").await;
                v[1] == leaf("x", 10).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A local dropped on a path that returns an awaited value, used on the other path.
    p9_min_drop_then_return_await {
        lower! {
            pub async fn f(c: bool) -> usize {
                let a = Tracker::new("a");
                if c {
                    drop(a);
                    return leaf("r", 0).await;
                }
                step("s").await;
                a.0.len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

// Known gap: E0507/E0505 in the lowered twin.
#[cfg(feature = "known-gaps")]
twin! {
    /// A `Some(ref t)` arm that awaits before a `Some(t)` arm moving the same local.
    p9_min_ref_arm_then_move_arm {
        lower! {
            pub async fn f(c: bool) -> usize {
                let o = Some(Tracker::new("o"));
                match o {
                    Some(ref t) if c => { step("r").await; t.0.len() }
                    Some(t) => t.0.len(),
                    None => 0,
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A local moved, assigned again, then captured by a closure used across an await.
    p9_min_moved_reassigned_closure {
        lower! {
            pub async fn f() -> usize {
                let mut t = Tracker::new("c1");
                drop(t);
                t = Tracker::new("c2");
                let g = || t.0.len();
                step("s").await;
                g()
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple field moved by an `if let` pattern before an await and assigned again.
    p9_min_field_pattern_move {
        lower! {
            pub async fn f() -> usize {
                let mut p = (Tracker::new("l"), Some(Tracker::new("r")));
                if let Some(r) = p.1 {
                    step("s").await;
                    drop(r);
                    p.1 = None;
                }
                p.0 .0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `w.m().await` where `m` takes `self` by value (a plain native async method).
    p9_min_self_value_method_call_await {
        lower! {
            pub async fn f() -> usize {
                let w = P9W(Tracker::new("w"));
                step("s").await;
                w.m().await
            }
        }
    }
    run { f() }
}

twin! {
    /// `P9W(..).m().await` on a temporary, `m` taking `self` by value.
    p9_min_self_value_method_call_temp_await {
        lower! {
            pub async fn f() -> usize {
                step("s").await;
                P9W(Tracker::new("w")).m().await
            }
        }
    }
    run { f() }
}

twin! {
    /// `let fut = w.m("x"); fut.await`, `m` a lowered generic method taking `self` and `&str`.
    p9_min_generic_self_ref_plain {
        lower! {
            pub async fn f() -> usize {
                let w = W(vec![1u32]);
                let fut = w.m("x");
                fut.await
            }
        }
        pub struct W<T>(pub Vec<T>);
        impl<T: Clone> W<T> {
            lower! {
                pub async fn m(self, s: &str) -> usize {
                    step("it").await;
                    s.len() + self.0.len()
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered generic method `m(self, s: &str)` iterating `self.0.iter()` across an await.
    p9_min_generic_self_ref_for_iter {
        lower! {
            pub async fn f() -> usize {
                let w = W(vec![1u32]);
                let fut = w.m("x");
                fut.await
            }
        }
        pub struct W<T>(pub Vec<T>);
        impl<T: Clone> W<T> {
            lower! {
                pub async fn m(self, s: &str) -> usize {
                    for _ in self.0.iter() {
                        step("it").await;
                    }
                    s.len()
                }
            }
        }
    }
    run { f() }
}
