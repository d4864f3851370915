//! Probe round 32a: ownership threaded through awaits, as state-passing code does:
//! `x = f(x).await` and `(a, b) = g(a, b).await` (values moved into an awaited call and
//! assigned back from its output) in loops and branches; shadowing chains of trackers;
//! `Option`/`Result` state threaded with `?`; builders passed by value across awaits;
//! `Vec` elements moved out by `pop`/`swap_remove`/`drain(..)`/`into_iter().next()` and
//! pushed back after awaits; `mem::take`/`replace`/`swap` between awaits; values moved
//! into closures and `async move` blocks awaited later; values returned in tuples beside
//! borrowed data; `Box<T>` moved and unboxed; struct fields moved out and the struct
//! rebuilt (`s = S { a: f(s.a).await, ..s }`); moves on one branch and reassignment on
//! another; moves in `match` arms then reassignment after the `match`; `loop`s carrying a
//! value in and out; early `return` with partly moved state. Trackers in every moved value,
//! so drop order at scope end, on early return and on cancellation at each await shows.
use crate::prelude::*;
#[allow(unused_imports)]
use std::mem;

/// A tracker maker (logs `new NAME`).
pub fn mk(name: &'static str) -> Tracker {
    Tracker::new(name)
}

/// A native helper passing a tracker through an await.
pub async fn thru(name: &'static str, t: Tracker) -> Tracker {
    leaf(name, t).await
}

twin! {
    /// `t = leaf(t).await` in a `for` loop: the tracker leaves and comes back each round.
    p32a_reassign_in_for {
        lower! {
            pub async fn f() -> Tracker {
                let mut t = mk("t");
                for i in 0..3 {
                    t = leaf("l", t).await;
                    log(format!("{i} {}", t.name()));
                }
                t
            }
        }
    }
    run { f() }
}

twin! {
    /// `(a, b) = swap(a, b).await` twice, a lowered helper returning the pair reversed.
    p32a_tuple_assign_back {
        lower! {
            pub async fn swap(a: Tracker, b: Tracker) -> (Tracker, Tracker) {
                step("s").await;
                (b, a)
            }
        }
        lower! {
            pub async fn f() -> (Tracker, Tracker) {
                let mut a = mk("a");
                let mut b = mk("b");
                (a, b) = swap(a, b).await;
                log(format!("{} {}", a.name(), b.name()));
                (a, b) = swap(a, b).await;
                step("end").await;
                (b, a)
            }
        }
    }
    run { f() }
}

twin! {
    /// A shadowing chain: each `let x` moves the previous `x` into an awaited call.
    p32a_shadow_chain {
        lower! {
            pub async fn wrap(t: Tracker, n: u32) -> (Tracker, u32) {
                (leaf("w", t).await, n + 1)
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let x = mk("x");
                let x = thru("a", x).await;
                let x = wrap(x, 1).await;
                let x = wrap(x.0, x.1).await;
                let _y = mk("y");
                step("mid").await;
                let x = x.1 * 10;
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing where the old binding stays alive (borrowed by the new one) across awaits.
    p32a_shadow_keeps_old {
        lower! {
            pub async fn f() -> usize {
                let x = mk("x1");
                let r = &x;
                let x = leaf("a", mk("x2")).await;
                step("b").await;
                let n = r.name().len() + x.name().len();
                let x = (x, mk("x3"));
                step("c").await;
                n + x.1.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option` state threaded with `?` in a `loop`: `s = Some(next(s?).await?)`.
    p32a_option_state_loop {
        lower! {
            pub async fn next(n: u32) -> Option<u32> {
                leaf("n", if n < 3 { Some(n + 1) } else { None }).await
            }
        }
        lower! {
            pub async fn f() -> Option<u32> {
                let _g = mk("g");
                let mut s = Some(0);
                loop {
                    s = Some(next(s?).await?);
                    log(format!("s {:?}", s));
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `Result` state carrying a tracker, threaded with `?`; the error holds the tracker.
    p32a_result_state_tracker {
        lower! {
            pub async fn stepr(t: Tracker, n: u32) -> Result<(Tracker, u32), Tracker> {
                step("r").await;
                if n < 2 { Ok((t, n + 1)) } else { Err(t) }
            }
        }
        lower! {
            pub async fn f() -> Result<u32, String> {
                let _g = mk("g");
                let mut st = (mk("s"), 0);
                loop {
                    st = stepr(st.0, st.1).await.map_err(|t| t.name().to_string())?;
                    log(format!("n {}", st.1));
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A builder taken by value by its awaited methods, rebound by `let b = b.add(..).await`.
    p32a_builder_by_value {
        pub struct B { parts: Vec<Tracker>, n: u32 }
        impl B {
            lower! {
                pub async fn add(mut self, name: &'static str) -> B {
                    let t = leaf("add", mk(name)).await;
                    self.parts.push(t);
                    self.n += 1;
                    self
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<Tracker>) {
                let b = B { parts: vec![mk("base")], n: 0 };
                let b = b.add("x").await;
                let b = b.add("y").await;
                step("end").await;
                (b.n, b.parts)
            }
        }
    }
    run { f() }
}

twin! {
    /// A builder reassigned in place in a loop (`b = b.add(..).await`).
    p32a_builder_loop_reassign {
        pub struct B { parts: Vec<Tracker>, n: u32 }
        impl B {
            lower! {
                pub async fn add(mut self, name: &'static str) -> B {
                    step("add").await;
                    self.parts.push(Tracker::new(name));
                    self.n += 1;
                    self
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut b = B { parts: Vec::new(), n: 0 };
                for name in ["a", "b", "c"] {
                    b = b.add(name).await;
                }
                let B { parts, n } = b;
                step("after").await;
                drop(parts);
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// An element popped, awaited, and pushed back; the vector drops at the end.
    p32a_vec_pop_push_back {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut v = vec![mk("a"), mk("b"), mk("c")];
                let t = v.pop().unwrap();
                let t = thru("p", t).await;
                v.insert(0, t);
                let u = v.pop().unwrap();
                step("s").await;
                v.push(u);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(t) = v.pop()` moving each into an await and pushing to another vector.
    p32a_pop_loop_to_other {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut v = vec![mk("a"), mk("b"), mk("c")];
                let mut out = Vec::new();
                while let Some(t) = v.pop() {
                    let t = thru("m", t).await;
                    if t.name() == "b" { drop(t); continue; }
                    out.push(t);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `swap_remove` moves an element out; an await; it is put back at the end.
    p32a_swap_remove_put_back {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![mk("a"), mk("b"), mk("c"), mk("d")];
                let t = v.swap_remove(1);
                let n = leaf("n", t.name().len()).await;
                let t = thru("t", t).await;
                v.push(t);
                let gone = v.swap_remove(n);
                step("z").await;
                log(gone.name());
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `drain(..2)` collected, awaits, then extended back.
    p32a_drain_collect_extend {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut v = vec![mk("a"), mk("b"), mk("c")];
                let taken: Vec<Tracker> = v.drain(..2).collect();
                step("x").await;
                let mut taken = leaf("y", taken).await;
                taken.reverse();
                v.extend(taken);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A `drain(..)` iterator consumed with an await per element.
    p32a_drain_for_await {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![mk("a"), mk("b"), mk("c")];
                let mut kept = Vec::new();
                let moved: Vec<Tracker> = v.drain(..).collect();
                for t in moved {
                    let t = thru("d", t).await;
                    kept.push(t);
                }
                step("e").await;
                v.push(mk("new"));
                kept.len() + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `into_iter().next()` keeps the first, the iterator holds the rest across an await.
    p32a_into_iter_next_rest {
        lower! {
            pub async fn f() -> (Option<Tracker>, usize) {
                let v = vec![mk("a"), mk("b"), mk("c")];
                let mut it = v.into_iter();
                let first = it.next();
                step("s").await;
                let second = it.next();
                let second = leaf("l", second).await;
                drop(second);
                step("t").await;
                (first, it.count())
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::take` on a vector between awaits, then the vector put back.
    p32a_mem_take_vec {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut v = vec![mk("a"), mk("b")];
                let old = mem::take(&mut v);
                v.push(mk("c"));
                step("s").await;
                let old = leaf("o", old).await;
                let extra = mem::replace(&mut v, old);
                step("t").await;
                drop(extra);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::replace` of a tracker local, the old one awaited through then dropped.
    p32a_mem_replace_tracker {
        lower! {
            pub async fn f() -> Tracker {
                let mut cur = mk("a");
                let old = mem::replace(&mut cur, mk("b"));
                let old = thru("o", old).await;
                let older = mem::replace(&mut cur, old);
                step("s").await;
                log(older.name());
                cur
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::swap` between two trackers with an await on each side.
    p32a_mem_swap_between {
        lower! {
            pub async fn f() -> (Tracker, Tracker) {
                let mut a = mk("a");
                let mut b = mk("b");
                step("1").await;
                mem::swap(&mut a, &mut b);
                step("2").await;
                a = thru("a", a).await;
                mem::swap(&mut a, &mut b);
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option::take` on an optional tracker, awaited and put back with `replace`.
    p32a_option_take_put_back {
        lower! {
            pub async fn f() -> Option<Tracker> {
                let mut slot = Some(mk("a"));
                let t = slot.take().unwrap();
                let t = thru("t", t).await;
                let prev = slot.replace(t);
                log(format!("{:?}", prev));
                step("s").await;
                let t2 = slot.take();
                slot = leaf("p", t2).await;
                slot
            }
        }
    }
    run { f() }
}

twin! {
    /// A value moved into a `move` closure stored in a local, called after an await.
    p32a_move_closure_called_later {
        lower! {
            pub async fn f() -> usize {
                let t = mk("t");
                let u = mk("u");
                let c = move || t.name().len();
                step("s").await;
                let n = c() + leaf("l", 1).await;
                drop(u);
                step("e").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// An `FnOnce` closure that gives its capture back, called after an await.
    p32a_fnonce_closure_returns_capture {
        lower! {
            pub async fn f() -> Tracker {
                let t = mk("t");
                let give = move || t;
                step("s").await;
                let t = give();
                let t = thru("b", t).await;
                t
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block stored in a local, awaited after other awaits; returns its capture.
    p32a_async_move_stored_later {
        lower! {
            pub async fn f() -> (Tracker, u32) {
                let t = mk("t");
                let fut = async move { step("in").await; t };
                let n = leaf("out", 2).await;
                let t = fut.await;
                (t, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// Two `async move` blocks each owning a tracker, awaited in reverse order.
    p32a_two_async_blocks_reverse {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let a = mk("a");
                let b = mk("b");
                let fa = async move { step("fa").await; a };
                let fb = async move { let b = thru("fb", b).await; b };
                step("mid").await;
                let b = fb.await;
                let a = fa.await;
                vec![a, b]
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block never awaited: it and its capture drop at scope end.
    p32a_async_move_never_awaited {
        lower! {
            pub async fn f() -> u32 {
                let t = mk("t");
                let fut = async move { step("never").await; drop(t); 9 };
                let n = leaf("a", 1).await;
                let _keep = mk("k");
                step("b").await;
                let _ = &fut;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A value returned in a tuple beside a reference into borrowed data.
    p32a_tuple_with_borrow {
        lower! {
            pub async fn pick(v: &[u32], t: Tracker) -> (&u32, Tracker) {
                let t = thru("p", t).await;
                (&v[1], t)
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let v = vec![1, 2, 3];
                let t = mk("t");
                let (r, t) = pick(&v, t).await;
                step("s").await;
                let (r2, t) = pick(&v[1..], t).await;
                log(t.name());
                *r + *r2
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Box<Tracker>` moved through an await, then unboxed and the box's content moved.
    p32a_box_move_unbox {
        lower! {
            pub async fn f() -> Tracker {
                let b = Box::new(mk("b"));
                let b = leaf("l", b).await;
                let inner = *b;
                step("s").await;
                let b2 = Box::new(thru("t", inner).await);
                step("u").await;
                *b2
            }
        }
    }
    run { f() }
}

twin! {
    /// A boxed pair: one field moved out of the box, an await, the other field later.
    p32a_box_partial_move {
        pub struct P { a: Tracker, b: Tracker }
        lower! {
            pub async fn f() -> Tracker {
                let p = Box::new(P { a: mk("a"), b: mk("b") });
                let p = *p;
                let a = thru("a", p.a).await;
                log(a.name());
                step("s").await;
                p.b
            }
        }
    }
    run { f() }
}

twin! {
    /// Struct update rebuilding from a moved field: `s = S { a: f(s.a).await, ..s }`.
    p32a_struct_update_rebuild {
        pub struct S { a: Tracker, b: Tracker, n: u32 }
        lower! {
            pub async fn f() -> (u32, Tracker, Tracker) {
                let mut s = S { a: mk("a"), b: mk("b"), n: 0 };
                s = S { a: thru("a", s.a).await, ..s };
                s = S { n: leaf("n", s.n + 1).await, ..s };
                step("e").await;
                (s.n, s.a, s.b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct rebuilt field by field in a loop, each field passed through an await.
    p32a_struct_rebuild_loop {
        pub struct S { a: Tracker, n: u32 }
        lower! {
            pub async fn f() -> u32 {
                let mut s = S { a: mk("a"), n: 0 };
                while s.n < 3 {
                    let a = thru("a", s.a).await;
                    s = S { a, n: s.n + 1 };
                }
                step("e").await;
                s.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Move on one branch, reassignment after the branch, read after an await.
    p32a_move_branch_reassign {
        lower! {
            pub async fn f(c: bool) -> &'static str {
                let mut t = mk("t");
                if c {
                    drop(t);
                    step("a").await;
                    t = mk("t2");
                } else {
                    step("b").await;
                }
                step("c").await;
                t.name()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Moved into an await on one branch and reassigned from its output on the other.
    p32a_branch_move_vs_reassign {
        lower! {
            pub async fn f(c: bool) -> Tracker {
                let mut t = mk("t");
                let kept;
                if c {
                    kept = thru("a", t).await;
                    t = mk("fresh");
                } else {
                    t = thru("b", t).await;
                    kept = mk("k");
                }
                step("c").await;
                drop(kept);
                t
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Moves inside `match` arms, then the local reassigned after the `match`.
    p32a_match_arms_move_then_reassign {
        lower! {
            pub async fn f(k: u32) -> Tracker {
                let mut t = mk("t");
                let out = match k {
                    0 => { let u = thru("z", t).await; u.name().len() }
                    1 => { step("one").await; drop(t); 1 }
                    _ => { let n = t.name().len(); drop(t); n }
                };
                t = leaf("after", mk("again")).await;
                log(format!("out {out}"));
                t
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}

twin! {
    /// A `loop` carrying a (tracker, count) pair in and out of each iteration.
    p32a_loop_carry_pair {
        lower! {
            pub async fn f() -> (Tracker, u32) {
                let mut acc = (mk("a"), 0);
                loop {
                    let (t, n) = acc;
                    let n = leaf("n", n + 1).await;
                    if n == 3 { break (t, n); }
                    let t = thru("t", t).await;
                    acc = (t, n);
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A `loop` with the carried value broken out as the loop's value mid-iteration.
    p32a_loop_break_value_moved {
        lower! {
            pub async fn f() -> Tracker {
                let mut cur = mk("c0");
                let names = ["c1", "c2", "c3"];
                let mut i = 0;
                let out = loop {
                    let next = leaf("n", mk(names[i])).await;
                    if i == 1 { drop(next); break cur; }
                    drop(mem::replace(&mut cur, next));
                    i += 1;
                };
                step("e").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Early `return` with one tracker moved away and another still held.
    p32a_early_return_partly_moved {
        lower! {
            pub async fn f(c: bool) -> usize {
                let a = mk("a");
                let b = mk("b");
                let a = thru("a", a).await;
                if c {
                    drop(a);
                    return b.name().len();
                }
                let b = thru("b", b).await;
                step("e").await;
                a.name().len() + b.name().len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Early `return` from a struct with one field moved out (partial move).
    p32a_early_return_partial_struct {
        pub struct S { a: Tracker, b: Tracker, c: Tracker }
        lower! {
            pub async fn f(k: u32) -> Tracker {
                let s = S { a: mk("a"), b: mk("b"), c: mk("c") };
                let a = thru("a", s.a).await;
                if k == 0 { return a; }
                step("s").await;
                if k == 1 { drop(a); return s.c; }
                let b = thru("b", s.b).await;
                drop(a);
                b
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}

twin! {
    /// A panic (`boom`) while a tracker is moved out into a pending call's frame.
    p32a_boom_with_moved_state {
        lower! {
            pub async fn f() -> u32 {
                let a = mk("a");
                let b = mk("b");
                let a = thru("a", a).await;
                let n = boom("x").await;
                drop(b);
                n + a.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// `x = f(x).await` on an `Option<Tracker>`, the function taking and giving back.
    p32a_option_tracker_thread {
        lower! {
            pub async fn rotate(o: Option<Tracker>, n: u32) -> Option<Tracker> {
                step("r").await;
                match o {
                    Some(t) if n % 2 == 0 => { drop(t); None }
                    Some(t) => Some(t),
                    None => Some(Tracker::new("made")),
                }
            }
        }
        lower! {
            pub async fn f() -> Option<Tracker> {
                let mut o = Some(mk("o"));
                for n in 1..5 {
                    o = rotate(o, n).await;
                    log(format!("{n} {:?}", o));
                }
                o
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` on a moved `Option` tracker inside a helper that threads it back.
    p32a_option_question_tracker {
        lower! {
            pub async fn advance(o: Option<Tracker>, stop: bool) -> Option<Tracker> {
                let t = o?;
                let t = thru("adv", t).await;
                if stop { None } else { Some(t) }
            }
        }
        lower! {
            pub async fn f() -> Option<usize> {
                let _g = mk("g");
                let mut st = Some(mk("s"));
                st = advance(st, false).await;
                step("m").await;
                st = advance(st, true).await;
                let t = st?;
                Some(t.name().len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `Result` values moved into the `Ok` and `Err` of the awaited call and matched back.
    p32a_result_both_arms_thread {
        lower! {
            pub async fn flip(r: Result<Tracker, Tracker>) -> Result<Tracker, Tracker> {
                step("flip").await;
                match r { Ok(t) => Err(t), Err(t) => Ok(t) }
            }
        }
        lower! {
            pub async fn f() -> Result<Tracker, Tracker> {
                let mut r = Ok(mk("r"));
                r = flip(r).await;
                let other = mk("o");
                r = match r {
                    Ok(t) => { drop(t); Ok(other) }
                    Err(t) => { let t = thru("e", t).await; drop(other); Err(t) }
                };
                r = flip(r).await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` on the output of an awaited call with state moved in: the error path drops it.
    p32a_question_after_move_in {
        lower! {
            pub async fn check(t: Tracker, ok: bool) -> Result<Tracker, String> {
                step("c").await;
                if ok { Ok(t) } else { Err(format!("bad {}", t.name())) }
            }
        }
        lower! {
            pub async fn f(flags: Vec<bool>) -> Result<Vec<Tracker>, String> {
                let mut out = Vec::new();
                let mut t = mk("t");
                for ok in flags {
                    t = check(t, ok).await?;
                    out.push(mk("step"));
                }
                out.push(t);
                Ok(out)
            }
        }
    }
    run { pair(f(vec![true, true]), f(vec![true, false, true])) }
}

twin! {
    /// A state-machine enum threaded: `state = state.advance().await` until done.
    p32a_enum_state_advance {
        pub enum St { Start(Tracker), Mid(Tracker, u32), Done(u32) }
        impl St {
            lower! {
                pub async fn advance(self) -> St {
                    match self {
                        St::Start(t) => { step("start").await; St::Mid(t, 0) }
                        St::Mid(t, n) if n < 2 => St::Mid(thru("mid", t).await, n + 1),
                        St::Mid(t, n) => { drop(t); step("end").await; St::Done(n) }
                        St::Done(n) => St::Done(n),
                    }
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut s = St::Start(mk("s"));
                loop {
                    s = s.advance().await;
                    if let St::Done(n) = s { return n; }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// The enum state matched by value with an await per arm, reassigned from the arm.
    p32a_enum_state_match_reassign {
        pub enum St { A(Tracker), B(Tracker, Tracker), C }
        lower! {
            pub async fn f() -> u32 {
                let mut s = St::A(mk("a"));
                let mut n = 0;
                loop {
                    s = match s {
                        St::A(t) => St::B(thru("a", t).await, mk("b")),
                        St::B(x, y) => { step("b").await; drop(x); St::A(y) }
                        St::C => break,
                    };
                    n += 1;
                    if n == 3 { s = St::C; }
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A two-element state `(a, b)` rotated by a lowered helper inside a `while`.
    p32a_pair_rotate_while {
        lower! {
            pub async fn rot(a: Vec<Tracker>, b: Vec<Tracker>) -> (Vec<Tracker>, Vec<Tracker>) {
                let mut a = a;
                let mut b = b;
                if let Some(t) = a.pop() { b.push(thru("rot", t).await); }
                (a, b)
            }
        }
        lower! {
            pub async fn f() -> (Vec<Tracker>, Vec<Tracker>) {
                let mut a = vec![mk("x"), mk("y"), mk("z")];
                let mut b = Vec::new();
                while a.len() > 1 {
                    (a, b) = rot(a, b).await;
                }
                step("e").await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Tuple assignment where one component is dropped with `_`.
    p32a_tuple_assign_underscore {
        lower! {
            pub async fn two(t: Tracker) -> (Tracker, Tracker) {
                step("two").await;
                (t, Tracker::new("extra"))
            }
        }
        lower! {
            pub async fn f() -> Tracker {
                let mut t = mk("t");
                (t, _) = two(t).await;
                step("m").await;
                let u;
                (u, t) = two(t).await;
                drop(u);
                t
            }
        }
    }
    run { f() }
}

twin! {
    /// Destructuring assignment into a struct's fields from an awaited tuple.
    p32a_assign_into_fields {
        pub struct S { a: Tracker, b: Tracker }
        lower! {
            pub async fn f() -> S {
                let mut s = S { a: mk("a"), b: mk("b") };
                (s.a, s.b) = (thru("b", s.b).await, thru("a", s.a).await);
                step("x").await;
                s
            }
        }
    }
    run { async { let s = f().await; (s.a, s.b) } }
}

twin! {
    /// A field moved out, awaited, and assigned back to the same field.
    p32a_field_move_assign_back {
        pub struct S { a: Tracker, b: Tracker }
        lower! {
            pub async fn f() -> (Tracker, Tracker) {
                let mut s = S { a: mk("a"), b: mk("b") };
                s.a = thru("a", s.a).await;
                step("m").await;
                s.b = thru("b", s.b).await;
                (s.b, s.a)
            }
        }
    }
    run { f() }
}

twin! {
    /// A field moved out into a pending call while a sibling is read after the await.
    p32a_field_moved_sibling_read {
        pub struct S { a: Tracker, n: u32 }
        lower! {
            pub async fn f() -> u32 {
                let s = S { a: mk("a"), n: 4 };
                let a = thru("a", s.a).await;
                let m = s.n + leaf("n", 1).await;
                drop(a);
                step("e").await;
                m + s.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A parameter struct moved field by field into awaits and rebuilt as the output.
    p32a_param_struct_rebuild {
        pub struct S { a: Tracker, b: Tracker, n: u32 }
        lower! {
            pub async fn f(s: S) -> S {
                let b = thru("b", s.b).await;
                let a = thru("a", s.a).await;
                S { a: b, b: a, n: s.n + 1 }
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let s = S { a: mk("a"), b: mk("b"), n: 0 };
                let s = f(s).await;
                let s = f(s).await;
                log(format!("{} {}", s.a.name(), s.b.name()));
                s.n
            }
        }
    }
    run { g() }
}

twin! {
    /// A `self`-by-value method moving fields across awaits and returning a new `Self`.
    p32a_self_by_value_fields {
        pub struct Conn { id: Tracker, buf: Vec<u32> }
        impl Conn {
            lower! {
                pub async fn send(mut self, x: u32) -> Self {
                    let id = thru("id", self.id).await;
                    self.buf.push(leaf("x", x).await);
                    Conn { id, buf: self.buf }
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let c = Conn { id: mk("c"), buf: Vec::new() };
                let c = c.send(1).await;
                let c = c.send(2).await;
                let Conn { id, buf } = c;
                step("e").await;
                drop(id);
                buf
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec` of trackers threaded through an awaited call each loop round.
    p32a_vec_thread_loop {
        lower! {
            pub async fn grow(mut v: Vec<Tracker>, name: &'static str) -> Vec<Tracker> {
                step("g").await;
                v.push(Tracker::new(name));
                if v.len() > 2 { v.remove(0); }
                v
            }
        }
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut v = Vec::new();
                for name in ["a", "b", "c", "d"] {
                    v = grow(v, name).await;
                }
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::take` on a struct field, threaded through an await, and assigned back.
    p32a_take_field_thread {
        #[derive(Default)]
        pub struct S { items: Vec<Tracker>, n: u32 }
        lower! {
            pub async fn f() -> (u32, usize) {
                let mut s = S { items: vec![mk("a")], n: 1 };
                let items = mem::take(&mut s.items);
                let mut items = leaf("i", items).await;
                items.push(mk("b"));
                s.items = items;
                s.n += 1;
                step("e").await;
                (s.n, s.items.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::take` of the whole struct (`Default`), the old one consumed across an await.
    p32a_take_whole_struct {
        #[derive(Default)]
        pub struct S { t: Option<Tracker>, n: u32 }
        lower! {
            pub async fn f() -> u32 {
                let mut s = S { t: Some(mk("t")), n: 3 };
                let old = mem::take(&mut s);
                step("s").await;
                let t = thru("t", old.t.unwrap()).await;
                s.t = Some(t);
                s.n = old.n + 1;
                step("e").await;
                s.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::replace` returning the old value into an awaited call, in a loop.
    p32a_replace_in_loop {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut cur = mk("c0");
                let mut seen = Vec::new();
                for name in ["c1", "c2"] {
                    let old = mem::replace(&mut cur, mk(name));
                    let old = thru("o", old).await;
                    seen.push(old.name());
                }
                step("e").await;
                seen.push(cur.name());
                seen
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::swap` between a local and a `Vec` element across awaits.
    p32a_swap_with_vec_elem {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut v = vec![mk("a"), mk("b")];
                let mut t = mk("t");
                step("1").await;
                mem::swap(&mut t, &mut v[0]);
                t = thru("t", t).await;
                mem::swap(&mut t, &mut v[1]);
                step("2").await;
                v.push(t);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure capturing by move, stored, and passed by value to an awaited helper.
    p32a_closure_passed_to_await {
        lower! {
            pub async fn call<F: FnOnce() -> usize>(f: F) -> usize {
                step("c").await;
                f()
            }
        }
        lower! {
            pub async fn f() -> usize {
                let t = mk("t");
                let c = move || { let n = t.name().len(); drop(t); n };
                step("s").await;
                let n = call(c).await;
                n + leaf("n", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A boxed `FnOnce` owning a tracker, called after awaits.
    p32a_boxed_fnonce_later {
        lower! {
            pub async fn f() -> Tracker {
                let t = mk("t");
                let c: Box<dyn FnOnce() -> Tracker> = Box::new(move || t);
                step("s").await;
                let out = c();
                thru("o", out).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec` of `async move` blocks (boxed), each owning a tracker, awaited in order.
    p32a_vec_of_boxed_futures {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut futs: Vec<Pin<Box<dyn Future<Output = Tracker>>>> = Vec::new();
                for name in ["a", "b"] {
                    let t = mk(name);
                    futs.push(Box::pin(async move { step("in").await; t }));
                }
                step("mid").await;
                let mut out = Vec::new();
                for fut in futs {
                    out.push(fut.await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block that itself threads a tracker through awaits, stored then awaited.
    p32a_async_block_threads {
        lower! {
            pub async fn f() -> Tracker {
                let mut t = mk("t");
                let fut = async move {
                    t = thru("a", t).await;
                    t = thru("b", t).await;
                    t
                };
                let u = mk("u");
                step("m").await;
                let t = fut.await;
                drop(u);
                t
            }
        }
    }
    run { f() }
}

twin! {
    /// A reference into a vector returned beside the moved tracker, used after a later await.
    p32a_borrow_and_owned_returned {
        lower! {
            pub async fn first_and(v: &Vec<Tracker>, t: Tracker) -> (&Tracker, Tracker) {
                step("fa").await;
                (&v[0], t)
            }
        }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let v = vec![mk("v0"), mk("v1")];
                let (r, t) = first_and(&v, mk("t")).await;
                let t = thru("t", t).await;
                vec![r.name(), t.name()]
            }
        }
    }
    run { f() }
}

twin! {
    /// `&mut` borrow returned with an owned value; the borrow written after an await.
    p32a_mut_borrow_and_owned {
        lower! {
            pub async fn slot(v: &mut Vec<u32>, t: Tracker) -> (&mut u32, Tracker) {
                step("s").await;
                (&mut v[0], t)
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1, 2];
                let t = mk("t");
                let (r, t) = slot(&mut v, t).await;
                *r += leaf("n", 10).await;
                drop(t);
                step("e").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `Box<dyn Trait>` moved through awaits and its method called after.
    p32a_box_dyn_moved {
        pub trait Named { fn name(&self) -> &'static str; }
        impl Named for Tracker { fn name(&self) -> &'static str { self.0 } }
        lower! {
            pub async fn f() -> &'static str {
                let b: Box<dyn Named> = Box::new(mk("dyn"));
                let b = leaf("b", b).await;
                step("s").await;
                let n = b.name();
                drop(b);
                step("e").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Box` reassigned in place: `b = Box::new(f(*b).await)`.
    p32a_box_reassign_unbox {
        lower! {
            pub async fn f() -> Box<Tracker> {
                let mut b = Box::new(mk("b"));
                b = Box::new(thru("a", *b).await);
                step("m").await;
                b = Box::new(thru("b", *b).await);
                b
            }
        }
    }
    run { f() }
}

twin! {
    /// A recursive-looking list (`Option<Box<Node>>`) taken apart and rebuilt across awaits.
    p32a_box_list_reverse {
        pub struct Node { t: Tracker, next: Option<Box<Node>> }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut list = Some(Box::new(Node { t: mk("1"), next: Some(Box::new(Node { t: mk("2"), next: None })) }));
                let mut rev: Option<Box<Node>> = None;
                while let Some(mut node) = list {
                    list = node.next.take();
                    node.t = thru("n", node.t).await;
                    node.next = rev;
                    rev = Some(node);
                }
                let mut names = Vec::new();
                let mut cur = &rev;
                while let Some(n) = cur { names.push(n.t.name()); cur = &n.next; }
                step("e").await;
                names
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on a moved local whose arms reassign it from an await.
    p32a_match_scrutinee_reassigned {
        lower! {
            pub async fn f() -> Option<Tracker> {
                let mut o = Some(mk("a"));
                for _ in 0..3 {
                    o = match o {
                        Some(t) if t.name() == "a" => Some(thru("a", t).await),
                        Some(t) => { drop(t); None }
                        None => Some(leaf("n", mk("b")).await),
                    };
                    if let Some(t) = &o { log(t.name()); }
                }
                o
            }
        }
    }
    run { f() }
}

twin! {
    /// A local moved in one `match` arm and kept in another, reassigned only where moved.
    p32a_match_move_one_arm {
        lower! {
            pub async fn f(k: u32) -> &'static str {
                let mut t = mk("t");
                match k {
                    0 => { let u = thru("z", t).await; log(u.name()); t = mk("t0"); }
                    _ => { step("keep").await; }
                }
                step("after").await;
                t.name()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Break out of a `while` with the carried value moved into the break path.
    p32a_while_carry_out {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut held = Vec::new();
                let mut cur = mk("c");
                let mut i = 0;
                while i < 3 {
                    cur = thru("c", cur).await;
                    if i == 1 {
                        held.push(cur);
                        cur = mk("c2");
                    }
                    i += 1;
                }
                held.push(cur);
                held
            }
        }
    }
    run { f() }
}

twin! {
    /// `continue` after moving the carried value and before reassigning it.
    p32a_continue_after_reassign {
        lower! {
            pub async fn f() -> Tracker {
                let mut t = mk("t0");
                for i in 0..4 {
                    let old = t;
                    t = leaf("n", mk("t")).await;
                    if i % 2 == 0 {
                        drop(old);
                        continue;
                    }
                    step("odd").await;
                    log(old.name());
                }
                t
            }
        }
    }
    run { f() }
}

twin! {
    /// Early `return` inside a loop carrying a value, from the middle of an iteration.
    p32a_return_inside_carry_loop {
        lower! {
            pub async fn f(stop: u32) -> (u32, Tracker) {
                let mut t = mk("t");
                let _g = mk("g");
                let mut i = 0;
                loop {
                    let tmp = thru("tmp", t).await;
                    if i == stop { return (i, tmp); }
                    t = tmp;
                    let _h = mk("h");
                    step("s").await;
                    i += 1;
                }
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// `?` in a loop with state moved into the fallible await and partly rebuilt.
    p32a_question_loop_partial {
        pub struct S { a: Tracker, b: Tracker }
        lower! {
            pub async fn check(t: Tracker, n: u32) -> Result<Tracker, u32> {
                step("c").await;
                if n < 2 { Ok(t) } else { drop(t); Err(n) }
            }
        }
        lower! {
            pub async fn f() -> Result<u32, u32> {
                let mut s = S { a: mk("a"), b: mk("b") };
                let mut n = 0;
                loop {
                    let a = check(s.a, n).await?;
                    s = S { a, b: s.b };
                    n += 1;
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Option` field taken with `take()`, threaded, and put back with `=`.
    p32a_option_field_take_thread {
        pub struct S { slot: Option<Tracker>, n: u32 }
        lower! {
            pub async fn f() -> Option<Tracker> {
                let mut s = S { slot: Some(mk("s")), n: 0 };
                while s.n < 2 {
                    let t = s.slot.take();
                    s.slot = leaf("l", t).await;
                    s.n += 1;
                }
                step("e").await;
                s.slot
            }
        }
    }
    run { f() }
}

twin! {
    /// `get_or_insert_with` after the option was moved into an await and reassigned.
    p32a_get_or_insert_after_thread {
        lower! {
            pub async fn f() -> &'static str {
                let mut o: Option<Tracker> = None;
                o = leaf("a", o).await;
                let t = o.get_or_insert_with(|| mk("made"));
                let n = t.name();
                step("s").await;
                o = leaf("b", o).await;
                log(format!("{:?}", o));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing in nested blocks: the inner `let x` moves the outer one, the block returns it.
    p32a_shadow_nested_block {
        lower! {
            pub async fn f() -> Tracker {
                let x = mk("x");
                let y = {
                    let x = thru("in", x).await;
                    let _z = mk("z");
                    step("blk").await;
                    x
                };
                let x = mk("x2");
                step("out").await;
                drop(x);
                y
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing a parameter repeatedly with awaited transforms, a guard alive throughout.
    p32a_shadow_param_chain {
        lower! {
            pub async fn f(t: Tracker, n: u32) -> (Tracker, u32) {
                let _g = mk("g");
                let t = thru("a", t).await;
                let n = leaf("n", n * 2).await;
                let (t, n) = (thru("b", t).await, n + 1);
                let t = if n > 3 { thru("c", t).await } else { t };
                (t, n)
            }
        }
    }
    run { pair(f(Tracker("p"), 1), f(Tracker("q"), 2)) }
}

twin! {
    /// Shadowed bindings of different types over the same name across awaits.
    p32a_shadow_type_change {
        lower! {
            pub async fn f() -> usize {
                let x = mk("x");
                let x = Some(thru("a", x).await);
                let x = leaf("b", x).await.map(|t| (t, 1));
                step("c").await;
                let x = x.unwrap();
                let x = vec![x.0, mk("y")];
                step("d").await;
                x.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A shadowed tracker's old binding dropped only at scope end (not at the shadowing).
    p32a_shadow_old_drops_late {
        lower! {
            pub async fn f() -> u32 {
                let x = mk("x1");
                step("a").await;
                let x = { log(x.name()); mk("x2") };
                step("b").await;
                let x = (x, mk("x3"));
                step("c").await;
                x.1.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let` moving the `Some` out, else branch reassigning, then awaited use.
    p32a_if_let_move_else_assign {
        lower! {
            pub async fn f(o: Option<Tracker>) -> Tracker {
                let mut o = o;
                let t = if let Some(t) = o {
                    thru("some", t).await
                } else {
                    o = Some(mk("fill"));
                    step("none").await;
                    o.take().unwrap()
                };
                t
            }
        }
    }
    run { pair(f(Some(Tracker("p"))), f(None)) }
}

twin! {
    /// `let .. else` moving out of an `Option` state, `else` returning early with a guard.
    p32a_let_else_thread {
        lower! {
            pub async fn f(mut st: Option<Tracker>, rounds: u32) -> u32 {
                let _g = mk("g");
                let mut n = 0;
                while n < rounds {
                    let Some(t) = st else { step("none").await; return n + 100; };
                    let t = thru("t", t).await;
                    st = if n == 1 { drop(t); None } else { Some(t) };
                    n += 1;
                }
                n
            }
        }
    }
    run { pair(f(Some(Tracker("a")), 2), f(Some(Tracker("b")), 4)) }
}

twin! {
    /// A `Vec<Option<Tracker>>` slot taken, awaited, and written back by index.
    p32a_vec_option_slot_take {
        lower! {
            pub async fn f() -> Vec<Option<Tracker>> {
                let mut v = vec![Some(mk("a")), None, Some(mk("c"))];
                for i in 0..v.len() {
                    let t = v[i].take();
                    v[i] = leaf("l", t).await;
                    if i == 1 { v[i] = Some(mk("b")); }
                }
                step("e").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec::remove(0)` in a loop, each element awaited and pushed to the back (rotation).
    p32a_rotate_remove_push {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![mk("a"), mk("b"), mk("c")];
                for _ in 0..2 {
                    let t = v.remove(0);
                    let t = thru("r", t).await;
                    v.push(t);
                }
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `drain` with a range in the middle, the drained ones moved into an awaited call.
    p32a_drain_middle_to_call {
        lower! {
            pub async fn eat(v: Vec<Tracker>) -> usize {
                step("eat").await;
                v.len()
            }
        }
        lower! {
            pub async fn f() -> (usize, Vec<Tracker>) {
                let mut v = vec![mk("a"), mk("b"), mk("c"), mk("d")];
                let n = eat(v.drain(1..3).collect()).await;
                step("s").await;
                (n, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `split_off` moves the tail out; awaited; `append` brings it back.
    p32a_split_off_append {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut v = vec![mk("a"), mk("b"), mk("c")];
                let tail = v.split_off(1);
                let mut tail = leaf("t", tail).await;
                v.push(mk("mid"));
                step("s").await;
                v.append(&mut tail);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `into_iter()` in a `for` with each tracker moved into an await and some pushed back.
    p32a_into_iter_for_filter {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let v = vec![mk("a"), mk("bb"), mk("c")];
                let mut keep = Vec::new();
                for t in v {
                    let t = thru("f", t).await;
                    if t.name().len() == 1 { keep.push(t); }
                }
                keep
            }
        }
    }
    run { f() }
}

twin! {
    /// A `for` over `into_iter()` broken early: the rest drop with the iterator.
    p32a_into_iter_break_rest {
        lower! {
            pub async fn f() -> Tracker {
                let v = vec![mk("a"), mk("b"), mk("c")];
                let mut found = None;
                for t in v {
                    let t = thru("s", t).await;
                    if t.name() == "b" { found = Some(t); break; }
                }
                step("after").await;
                found.unwrap()
            }
        }
    }
    run { f() }
}

twin! {
    /// A peekable `into_iter` held across awaits, elements moved out by `next()`.
    p32a_peekable_into_iter {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut it = vec![mk("a"), mk("b"), mk("c")].into_iter().peekable();
                let mut out = Vec::new();
                while let Some(t) = it.next() {
                    let t = thru("p", t).await;
                    if it.peek().map(|n| n.name()) == Some("c") {
                        step("before c").await;
                    }
                    out.push(t);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `(a, b) = (b, a)` plain swap between awaits, then each passed through.
    p32a_tuple_swap_plain {
        lower! {
            pub async fn f() -> (Tracker, Tracker) {
                let mut a = mk("a");
                let mut b = mk("b");
                step("1").await;
                (a, b) = (b, a);
                a = thru("a", a).await;
                (a, b) = (b, a);
                step("2").await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A triple threaded through a lowered helper: `(a, b, n) = g(a, b, n).await`.
    p32a_triple_thread {
        lower! {
            pub async fn g(a: Tracker, b: Tracker, n: u32) -> (Tracker, Tracker, u32) {
                let n = leaf("n", n + 1).await;
                if n % 2 == 0 { (b, a, n) } else { (a, b, n) }
            }
        }
        lower! {
            pub async fn f() -> (Tracker, Tracker, u32) {
                let (mut a, mut b, mut n) = (mk("a"), mk("b"), 0);
                while n < 3 {
                    (a, b, n) = g(a, b, n).await;
                    log(format!("{} {} {n}", a.name(), b.name()));
                }
                (a, b, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A value threaded through a generic lowered identity with an await.
    p32a_generic_thread {
        lower! {
            pub async fn id<T>(x: T) -> T {
                step("id").await;
                x
            }
        }
        lower! {
            pub async fn f() -> (Tracker, Vec<Tracker>) {
                let mut t = mk("t");
                let mut v = vec![mk("v")];
                t = id(t).await;
                v = id(v).await;
                v.push(id(mk("w")).await);
                (t, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker moved into an awaited call on one branch of an `if` expression used as a value.
    p32a_if_expr_moves {
        lower! {
            pub async fn f(c: bool) -> (Tracker, Option<Tracker>) {
                let t = mk("t");
                let u = mk("u");
                let (x, rest) = if c { (thru("a", t).await, Some(u)) } else { drop(t); (thru("b", u).await, None) };
                step("e").await;
                (x, rest)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A tracker moved on one branch only, no reassignment: drops at scope end on the other.
    p32a_conditional_move_no_reassign {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let t = mk("t");
                let _a = mk("a");
                if c {
                    let t = thru("m", t).await;
                    log(t.name());
                }
                step("s").await;
                let _b = mk("b");
                step("e").await;
                1
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A move in a `match` arm and a reassignment in another arm, read after.
    p32a_match_move_and_assign_arms {
        lower! {
            pub async fn f(k: u32) -> Tracker {
                let mut t = mk("t");
                let mut spare = mk("spare");
                match k {
                    0 => { spare = thru("a", t).await; t = mk("t0"); }
                    1 => { t = leaf("b", mk("t1")).await; }
                    _ => { step("c").await; }
                }
                step("d").await;
                drop(spare);
                t
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}

twin! {
    /// `loop` carrying a `Vec` and a tracker, both moved into each iteration's await.
    p32a_loop_carry_two {
        lower! {
            pub async fn tick(v: Vec<u32>, t: Tracker) -> (Vec<u32>, Tracker) {
                let mut v = v;
                v.push(leaf("tick", v.len() as u32).await);
                (v, t)
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, Tracker) {
                let mut v = Vec::new();
                let mut t = mk("t");
                loop {
                    let (nv, nt) = tick(v, t).await;
                    if nv.len() == 3 { break (nv, nt); }
                    v = nv;
                    t = nt;
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A labeled `'outer` loop breaking with the carried value from an inner loop.
    p32a_labeled_break_carry {
        lower! {
            pub async fn f() -> (u32, Tracker) {
                let mut t = mk("t");
                let mut total = 0;
                'outer: for i in 0..3 {
                    for j in 0..3 {
                        t = thru("in", t).await;
                        total += i * 3 + j;
                        if total > 5 { break 'outer; }
                    }
                    step("row").await;
                }
                (total, t)
            }
        }
    }
    run { f() }
}

twin! {
    /// Early return with a struct partly moved out into an awaited call that returned it.
    p32a_return_partial_after_await {
        pub struct S { a: Tracker, b: Tracker }
        lower! {
            pub async fn f(stop: bool) -> Option<Tracker> {
                let s = S { a: mk("a"), b: mk("b") };
                let a = thru("a", s.a).await;
                if stop {
                    step("stop").await;
                    return None;
                }
                drop(a);
                step("e").await;
                Some(s.b)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Early `return` of a moved value via `?` while a tuple is partly moved.
    p32a_question_partial_tuple {
        lower! {
            pub async fn f(ok: bool) -> Result<Tracker, &'static str> {
                let p = (mk("p0"), mk("p1"), mk("p2"));
                let a = thru("a", p.0).await;
                let r: Result<u32, &'static str> = leaf("r", if ok { Ok(1) } else { Err("no") }).await;
                r?;
                drop(a);
                step("e").await;
                Ok(p.2)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A tracker moved into a lowered async helper that panics (`boom`) after moving it on.
    p32a_boom_in_helper_with_moved {
        lower! {
            pub async fn h(t: Tracker) -> Tracker {
                let t = thru("h", t).await;
                let _x = mk("x");
                boom("hb").await;
                t
            }
        }
        lower! {
            pub async fn f() -> Tracker {
                let u = mk("u");
                let t = h(mk("t")).await;
                drop(u);
                t
            }
        }
    }
    run { f() }
}

twin! {
    /// A value threaded through a closure that returns an `async move` block.
    p32a_closure_returns_async {
        lower! {
            pub async fn f() -> Tracker {
                let mk_fut = |t: Tracker| async move { step("c").await; t };
                let mut t = mk("t");
                t = mk_fut(t).await;
                let pending = mk_fut(t);
                step("mid").await;
                pending.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A future holding a moved value created in one branch, awaited after the branch.
    p32a_future_made_in_branch {
        lower! {
            pub async fn f(c: bool) -> Tracker {
                let t = mk("t");
                let fut = if c { Box::pin(thru("a", t)) as Pin<Box<dyn Future<Output = Tracker>>> } else { Box::pin(async move { step("b").await; t }) };
                step("mid").await;
                fut.await
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `std::future::ready` of a moved value stored, a pending step, then awaited.
    p32a_ready_future_stored {
        lower! {
            pub async fn f() -> (Tracker, Tracker) {
                let t = mk("t");
                let r = std::future::ready(t);
                let u = thru("u", mk("u")).await;
                let t = r.await;
                (t, u)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `HashMap` entry removed, awaited, and reinserted under another key.
    p32a_map_remove_reinsert {
        lower! {
            pub async fn f() -> Vec<(u32, &'static str)> {
                let mut m = std::collections::BTreeMap::new();
                m.insert(1, mk("a"));
                m.insert(2, mk("b"));
                let t = m.remove(&1).unwrap();
                let t = thru("m", t).await;
                m.insert(3, t);
                if let Some(old) = m.insert(2, leaf("n", mk("b2")).await) { log(old.name()); }
                step("e").await;
                m.iter().map(|(k, v)| (*k, v.name())).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `VecDeque` rotated with `pop_front`/`push_back` across awaits.
    p32a_vecdeque_rotate {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut q = std::collections::VecDeque::from(vec![mk("a"), mk("b"), mk("c")]);
                for _ in 0..2 {
                    let t = q.pop_front().unwrap();
                    q.push_back(thru("q", t).await);
                }
                step("e").await;
                q.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `String` threaded by value through awaited appends.
    p32a_string_thread {
        lower! {
            pub async fn app(mut s: String, x: &str) -> String {
                step("app").await;
                s.push_str(x);
                s
            }
        }
        lower! {
            pub async fn f() -> String {
                let _g = mk("g");
                let mut s = String::new();
                for x in ["a", "b", "c"] {
                    s = app(s, x).await;
                }
                let s = app(s, "!").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Rc` clone moved into an awaited call and the original read after.
    p32a_rc_clone_thread {
        lower! {
            pub async fn f() -> usize {
                let rc = std::rc::Rc::new(mk("rc"));
                let c = rc.clone();
                let c = leaf("c", c).await;
                let n = std::rc::Rc::strong_count(&rc);
                drop(c);
                step("s").await;
                n + std::rc::Rc::strong_count(&rc)
            }
        }
    }
    run { f() }
}

twin! {
    /// A value moved into a struct literal whose other field awaits.
    p32a_struct_literal_move_then_await {
        pub struct S { a: Tracker, b: Tracker }
        lower! {
            pub async fn f() -> S {
                let a = mk("a");
                let s = S { a, b: thru("b", mk("b")).await };
                let s = S { b: thru("b2", s.a).await, a: s.b };
                s
            }
        }
    }
    run { async { let s = f().await; (s.a, s.b) } }
}

twin! {
    /// A value moved into an array literal whose later element awaits.
    p32a_array_literal_move_then_await {
        lower! {
            pub async fn f() -> [Tracker; 3] {
                let a = mk("a");
                let b = mk("b");
                let arr = [a, thru("m", mk("m")).await, b];
                step("e").await;
                arr
            }
        }
    }
    run { f() }
}

twin! {
    /// A method chain on a by-value builder whose one argument awaits.
    p32a_builder_chain_await_arg {
        pub struct B { items: Vec<Tracker> }
        impl B {
            pub fn with(mut self, t: Tracker) -> B { self.items.push(t); self }
        }
        lower! {
            pub async fn f() -> usize {
                let b = B { items: Vec::new() };
                let b = b.with(mk("a")).with(thru("x", mk("x")).await);
                step("s").await;
                let b = b.with(leaf("y", mk("y")).await);
                b.items.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Struct update where the awaited field comes last and `..s` supplies earlier ones.
    p32a_struct_update_two_awaits {
        pub struct S { a: Tracker, b: Tracker, c: Tracker }
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut s = S { a: mk("a"), b: mk("b"), c: mk("c") };
                s = S { c: thru("c", s.c).await, b: thru("b", s.b).await, ..s };
                step("m").await;
                s = S { a: s.c, c: s.a, ..s };
                vec![s.a, s.b, s.c]
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple local partly moved into an await and its moved part assigned back.
    p32a_tuple_part_assign_back {
        lower! {
            pub async fn f() -> (Tracker, Tracker) {
                let mut p = (mk("a"), mk("b"));
                p.0 = thru("a", p.0).await;
                step("m").await;
                p.1 = thru("b", p.1).await;
                p
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple's element moved out before an await, the tuple rebuilt in a loop.
    p32a_tuple_part_move_loop {
        lower! {
            pub async fn f() -> (Tracker, u32) {
                let mut p = (mk("a"), 0);
                while p.1 < 3 {
                    let t = thru("t", p.0).await;
                    p = (t, p.1 + 1);
                }
                p
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure consuming a captured tracker, stored and called after an await.
    p32a_nonmove_closure_consumes {
        lower! {
            pub async fn f() -> usize {
                let t = mk("t");
                let _k = mk("k");
                let eat = || { let n = t.name().len(); drop(t); n };
                step("s").await;
                let n = eat();
                step("e").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure mutably borrowing an `Option` to take from it, called between awaits.
    p32a_closure_take_option {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut o = Some(mk("o"));
                let mut out = Vec::new();
                step("a").await;
                let mut grab = || o.take();
                if let Some(t) = grab() { out.push(thru("t", t).await); }
                step("b").await;
                o = Some(mk("o2"));
                out.extend(o);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block taking part of a struct (a field), the rest used after.
    p32a_async_move_field {
        pub struct S { a: Tracker, b: Tracker }
        lower! {
            pub async fn f() -> (Tracker, Tracker) {
                let s = S { a: mk("a"), b: mk("b") };
                let a = s.a;
                let fut = async move { step("in").await; a };
                step("out").await;
                let b = thru("b", s.b).await;
                (fut.await, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A state tuple with an `Option` moved into an awaited `?` step in a `while let`.
    p32a_while_let_option_thread {
        lower! {
            pub async fn next(t: Tracker, n: u32) -> Option<(Tracker, u32)> {
                step("nx").await;
                if n < 3 { Some((t, n + 1)) } else { None }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut st = Some((mk("s"), 0));
                let mut last = 0;
                while let Some((t, n)) = st {
                    last = n;
                    st = next(t, n).await;
                }
                step("e").await;
                last
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option::map` chain consuming the state, with awaits between reassignments.
    p32a_option_map_reassign {
        lower! {
            pub async fn f() -> Option<(Tracker, usize)> {
                let mut o = Some(mk("o"));
                o = leaf("a", o).await;
                let p = o.map(|t| { let n = t.name().len(); (t, n) });
                step("b").await;
                let p = leaf("c", p).await;
                o = Some(mk("o2"));
                log(format!("{:?}", o));
                p
            }
        }
    }
    run { f() }
}

twin! {
    /// `Result::and_then`-style threading done by hand with `match` and awaits in both arms.
    p32a_result_match_thread {
        lower! {
            pub async fn f(fail_at: u32) -> Result<Tracker, (u32, Tracker)> {
                let mut r: Result<Tracker, (u32, Tracker)> = Ok(mk("r"));
                for i in 0..3 {
                    r = match r {
                        Ok(t) if i == fail_at => Err((i, thru("e", t).await)),
                        Ok(t) => Ok(thru("o", t).await),
                        Err(e) => { step("skip").await; Err(e) }
                    };
                }
                r
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// `mem::replace` with an awaited replacement value (`mem::replace(&mut x, f().await)`).
    p32a_replace_with_awaited {
        lower! {
            pub async fn f() -> (Tracker, Tracker) {
                let mut cur = mk("a");
                let old = mem::replace(&mut cur, thru("n", mk("b")).await);
                step("s").await;
                let older = mem::replace(&mut cur, thru("m", old).await);
                (cur, older)
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::take` inside the argument of an awaited call, the result assigned back.
    p32a_take_in_await_arg {
        lower! {
            pub async fn grow(mut v: Vec<Tracker>) -> Vec<Tracker> {
                step("g").await;
                v.push(Tracker::new("g"));
                v
            }
        }
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut v = vec![mk("a")];
                v = grow(mem::take(&mut v)).await;
                v = grow(mem::take(&mut v)).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option::take` inside an awaited argument from a struct field, assigned back.
    p32a_take_field_in_arg {
        pub struct S { o: Option<Tracker>, n: u32 }
        lower! {
            pub async fn f() -> (u32, Option<Tracker>) {
                let mut s = S { o: Some(mk("o")), n: 0 };
                s.o = leaf("a", s.o.take()).await;
                s.n += 1;
                s.o = leaf("b", s.o.take().map(|t| { drop(t); mk("o2") })).await;
                (s.n, s.o)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec` element replaced by index with a value that came through an await.
    p32a_index_assign_from_await {
        lower! {
            pub async fn f() -> Vec<Tracker> {
                let mut v = vec![mk("a"), mk("b")];
                let t = mem::replace(&mut v[0], mk("tmp"));
                v[0] = thru("back", t).await;
                v[1] = leaf("new", mk("c")).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A method by value returning `(Self, output)`, the receiver rebound from the tuple.
    p32a_self_and_output_tuple {
        pub struct Acc { t: Tracker, sum: u32 }
        impl Acc {
            lower! {
                pub async fn push(self, x: u32) -> (Acc, u32) {
                    let x = leaf("x", x).await;
                    let sum = self.sum + x;
                    (Acc { t: self.t, sum }, sum)
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut acc = Acc { t: mk("acc"), sum: 0 };
                let mut seen = Vec::new();
                for x in [1, 2, 3] {
                    let out;
                    (acc, out) = acc.push(x).await;
                    seen.push(out);
                }
                drop(acc);
                step("e").await;
                seen
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0382 use of moved value `b`, lowered and fields): a `Box` local whose content is moved out (`let t = *b;`) and reinitialised after an await (`*b = t;`), then used whole; natively a box may be refilled through `*b` after a move out.
#[cfg(feature = "known-gaps")]
twin! {
    /// A `Box`'s content moved out (`let t = *b;`), awaited, and put back with `*b = t`.
    p32a_box_deref_move_reinit {
        lower! {
            pub async fn f() -> Box<Tracker> {
                let mut b = Box::new(mk("a"));
                let _g = mk("g");
                let t = *b;
                let t = thru("t", t).await;
                *b = t;
                step("s").await;
                b
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct field conditionally moved out: per-field drop flags at scope end and on cancellation.
    p32a_conditional_field_move {
        pub struct S { a: Tracker, b: Tracker }
        lower! {
            pub async fn f(c: bool) -> u32 {
                let s = S { a: mk("a"), b: mk("b") };
                if c {
                    let a = thru("a", s.a).await;
                    log(a.name());
                }
                step("s").await;
                log(s.b.name());
                step("e").await;
                1
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A whole struct reassigned after one field was moved out (only the rest drops then).
    p32a_reassign_partly_moved_struct {
        pub struct S { a: Tracker, b: Tracker }
        lower! {
            pub async fn f() -> S {
                let mut s = S { a: mk("a"), b: mk("b") };
                let a = thru("a", s.a).await;
                step("m").await;
                s = S { a: mk("a2"), b: mk("b2") };
                drop(a);
                step("e").await;
                s
            }
        }
    }
    run { async { let s = f().await; (s.a, s.b) } }
}

twin! {
    /// A field moved out, an await, then only that field reinitialised and the struct used whole.
    p32a_field_reinit_after_await {
        pub struct S { a: Tracker, b: Tracker }
        lower! {
            pub async fn f() -> (Tracker, Tracker) {
                let mut s = S { a: mk("a"), b: mk("b") };
                drop(s.a);
                step("s").await;
                s.a = leaf("n", mk("a2")).await;
                let S { a, b } = s;
                (b, a)
            }
        }
    }
    run { f() }
}

twin! {
    /// Assigning an awaited value over a live local: the old one drops after the await.
    p32a_assign_over_live_drop_order {
        pub struct S { a: Tracker, b: Tracker }
        lower! {
            pub async fn f() -> (Tracker, S, Vec<Tracker>, Box<Tracker>) {
                let mut t = mk("t");
                let mut s = S { a: mk("sa"), b: mk("sb") };
                let mut v = vec![mk("v0")];
                let mut b = Box::new(mk("b"));
                t = leaf("t", mk("t2")).await;
                s.a = leaf("s", mk("sa2")).await;
                v[0] = leaf("v", mk("v02")).await;
                *b = leaf("b", mk("b2")).await;
                (t, s, v, b)
            }
        }
    }
    run { async { let (t, s, v, b) = f().await; (t, s.a, s.b, v, b) } }
}

twin! {
    /// `x = f(&x).await`: the local lent to the awaited call, then replaced by its output.
    p32a_assign_from_borrowing_call {
        lower! {
            pub async fn next_of(t: &Tracker) -> Tracker {
                step("nx").await;
                Tracker::new(if t.name() == "a" { "b" } else { "c" })
            }
        }
        lower! {
            pub async fn f() -> Tracker {
                let mut t = mk("a");
                t = next_of(&t).await;
                step("m").await;
                t = next_of(&t).await;
                t
            }
        }
    }
    run { f() }
}

twin! {
    /// `iter_mut` with `mem::take` of each `Option` slot, written back after an await.
    p32a_iter_mut_take_write_back {
        lower! {
            pub async fn f() -> Vec<Option<Tracker>> {
                let mut v = vec![Some(mk("a")), None, Some(mk("c"))];
                for slot in v.iter_mut() {
                    let t = slot.take();
                    *slot = leaf("w", t).await;
                }
                step("e").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Drain` kept alive across awaits: two elements taken, the rest dropped with it.
    p32a_drain_alive_across_await {
        lower! {
            pub async fn f() -> (Vec<Tracker>, usize) {
                let mut v = vec![mk("a"), mk("b"), mk("c"), mk("d")];
                let mut out = Vec::new();
                {
                    let mut d = v.drain(1..);
                    out.extend(d.next());
                    step("in").await;
                    out.extend(d.next());
                }
                step("after").await;
                let n = v.len();
                (out, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A work stack: popped items moved into awaits, which push new items back.
    p32a_work_stack_push_back {
        lower! {
            pub async fn work(t: Tracker, depth: u32) -> Vec<(Tracker, u32)> {
                step("w").await;
                if depth == 0 { drop(t); Vec::new() } else { vec![(t, depth - 1), (Tracker::new("kid"), depth - 1)] }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut stack = vec![(mk("root"), 2)];
                let mut n = 0;
                while let Some((t, d)) = stack.pop() {
                    n += 1;
                    let more = work(t, d).await;
                    stack.extend(more);
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure moved into an `async move` block stored and awaited after another await.
    p32a_closure_into_async_block {
        lower! {
            pub async fn f() -> usize {
                let t = mk("t");
                let c = move || t.name().len();
                let u = mk("u");
                let fut = async move { step("in").await; c() + u.name().len() };
                step("out").await;
                let n = fut.await;
                step("e").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Deferred initialisation inside a `loop`, assigned from an await then broken out.
    p32a_deferred_init_in_loop {
        lower! {
            pub async fn f() -> (Tracker, u32) {
                let t;
                let mut i = 0;
                loop {
                    i += 1;
                    let cand = leaf("c", mk("cand")).await;
                    if i == 2 { t = cand; break; }
                    drop(cand);
                }
                step("e").await;
                (t, i)
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: swapped fields moved into an awaited operand and assigned back by a tuple assignment.
    p32a_min_assign_fields_moved_rhs {
        pub struct S { a: Tracker, b: Tracker }
        lower! {
            pub async fn f() -> (Tracker, Tracker) {
                let mut s = S { a: mk("a"), b: mk("b") };
                (s.a, s.b) = (leaf("x", s.b).await, s.a);
                (s.a, s.b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: fields swapped by a tuple assignment without awaits in it, an await after.
    p32a_min_assign_fields_swap_then_await {
        pub struct S { a: Tracker, b: Tracker }
        lower! {
            pub async fn f() -> (Tracker, Tracker) {
                let mut s = S { a: mk("a"), b: mk("b") };
                (s.a, s.b) = (s.b, s.a);
                step("s").await;
                (s.a, s.b)
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0382 use of moved value `b`, lowered and fields): a `Box` local whose content is moved out (`let t = *b;`) and reinitialised after an await (`*b = t;`), then used whole; natively a box may be refilled through `*b` after a move out.
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: a `Box`'s content moved out, an await, then `*b = t` reinitialises it.
    p32a_min_box_deref_reinit {
        lower! {
            pub async fn f() -> Box<Tracker> {
                let mut b = Box::new(mk("a"));
                let t = *b;
                step("s").await;
                *b = t;
                b
            }
        }
    }
    run { f() }
}
