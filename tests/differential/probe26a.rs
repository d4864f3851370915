//! Probe round 26a: ownership and drop order under cancellation with std collections, as a
//! careful developer writes resource-handling code: `Option::take`/`replace`/`insert`/
//! `get_or_insert_with`, `mem::take`/`replace`/`swap` on trackers held across awaits, `Vec`
//! `drain`/`retain`/`truncate`/`pop`/`swap_remove`/`split_off`, `HashMap`/`BTreeMap`/
//! `VecDeque` of trackers (entry API, removal, iteration by value and by reference with
//! awaits in the loop body), partial moves out of structs, tuples and arrays, struct update
//! syntax, `Box`/`Rc`/`Arc` moves, `let _ =` vs `let _t =`, shadowing, scrutinee
//! temporaries, "finally" guards nested three deep with early exits and panics, and owned
//! enums with tracker payloads matched by value with `ref` bindings.
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::{Cell, RefCell};
#[allow(unused_imports)]
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
#[allow(unused_imports)]
use std::mem;
#[allow(unused_imports)]
use std::rc::Rc;
#[allow(unused_imports)]
use std::sync::Arc;

/// A "finally" guard: logs when its scope ends, however it ends.
pub struct Finally(pub &'static str);

impl Drop for Finally {
    fn drop(&mut self) {
        log(format!("finally {}", self.0));
    }
}

/// A tracker maker used in scrutinees and `let _ =` statements.
pub fn make(name: &'static str) -> Tracker {
    Tracker::new(name)
}


twin! {
    /// `Option::take` of a tracker held across an await, the taken value dropped after a
    /// second await, the emptied option still alive.
    p26a_option_take_across {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut slot = Some(Tracker::new("slot"));
                step("a").await;
                let taken = slot.take();
                let v = leaf("b", n).await;
                drop(taken);
                step("c").await;
                v + slot.is_none() as u32
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `Option::replace` swaps in a new tracker between awaits; the old one is kept and
    /// dropped at scope end after the new one (declaration order).
    p26a_option_replace_keep_old {
        lower! {
            pub async fn f() -> &'static str {
                let mut cur = Some(Tracker::new("first"));
                step("a").await;
                let old = cur.replace(Tracker::new("second"));
                step("b").await;
                let name = old.as_ref().map(|t| t.name()).unwrap_or("none");
                step("c").await;
                name
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option::insert` returning `&mut Tracker` used after an await, the previous value
    /// dropped at the insert.
    p26a_option_insert_ref {
        lower! {
            pub async fn f() -> usize {
                let mut o = Some(Tracker::new("old"));
                step("a").await;
                let r = o.insert(Tracker::new("new"));
                log(format!("inserted {}", r.name()));
                step("b").await;
                o.iter().count()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `&mut` from `Option::insert`, dead before the await.
    p26a_option_insert_ref_min {
        lower! {
            pub async fn f() -> bool {
                let mut o = None;
                let r = o.insert(Tracker::new("t"));
                log(r.name());
                step("s").await;
                o.is_some()
            }
        }
    }
    run { f() }
}

twin! {
    /// `get_or_insert_with` building a tracker lazily in a loop with an await per turn.
    p26a_get_or_insert_with_loop {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut cache = None;
                let mut total = 0;
                for i in 0..n {
                    let t = cache.get_or_insert_with(|| Tracker::new("lazy"));
                    log(format!("turn {i} {}", t.name()));
                    total += leaf("turn", i).await;
                    if i == 1 {
                        cache = None;
                    }
                }
                total
            }
        }
    }
    run { f(4) }
}

twin! {
    /// `mem::take` of a `Vec<Tracker>` held across an await; the taken vec dropped at the
    /// end, the fresh empty one alongside.
    p26a_mem_take_vec {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("a"), Tracker::new("b")];
                step("s1").await;
                let old = mem::take(&mut v);
                v.push(Tracker::new("c"));
                step("s2").await;
                old.len() * 10 + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::replace` with an awaited replacement value: the await runs before the swap.
    p26a_mem_replace_awaited_value {
        lower! {
            pub async fn f() -> &'static str {
                let mut t = Tracker::new("one");
                let old = mem::replace(&mut t, leaf("mk", Tracker("two")).await);
                step("after").await;
                drop(old);
                step("end").await;
                t.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::swap` of two trackers between awaits; drops at scope end follow the locals.
    p26a_mem_swap_then_drop {
        lower! {
            pub async fn f() -> String {
                let mut a = Tracker::new("a");
                let mut b = Tracker::new("b");
                step("s1").await;
                mem::swap(&mut a, &mut b);
                step("s2").await;
                format!("{}{}", a.name(), b.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option::take` on a struct field (`self.conn.take()`) in a lowered `&mut self`
    /// method, the connection closed after an await.
    p26a_field_take_method {
        pub struct Pool { pub conn: Option<Tracker>, pub _own: Tracker }
        impl Pool {
            lower! {
                pub async fn close(&mut self) -> bool {
                    let c = self.conn.take();
                    step("flush").await;
                    let had = c.is_some();
                    drop(c);
                    step("closed").await;
                    had
                }
            }
        }
        lower! {
            pub async fn go() -> (bool, bool) {
                let mut p = Pool { conn: Some(Tracker::new("conn")), _own: Tracker::new("pool") };
                let a = p.close().await;
                let b = p.close().await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// `mem::take` of an `Option<Tracker>` field, then `?` on an awaited result with the
    /// taken value alive.
    p26a_mem_take_then_question {
        pub struct Conn { pub inner: Option<Tracker> }
        lower! {
            pub async fn f(c: &mut Conn, fail: bool) -> Result<u32, String> {
                let taken = mem::take(&mut c.inner);
                let r = leaf("io", if fail { Err("io".to_string()) } else { Ok(5) }).await?;
                log(format!("got {r} with {:?}", taken.as_ref().map(|t| t.name())));
                Ok(r)
            }
        }
        lower! {
            pub async fn go() -> (Result<u32, String>, Result<u32, String>) {
                let mut c = Conn { inner: Some(Tracker::new("c1")) };
                let a = f(&mut c, true).await;
                c.inner = Some(Tracker::new("c2"));
                let b = f(&mut c, false).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// `Option::replace` in a loop: each turn's previous tracker is dropped by the
    /// statement (the returned `Option` discarded) after an await.
    p26a_replace_in_loop_discard {
        lower! {
            pub async fn f() -> u32 {
                let mut cur = None;
                let names = ["x", "y", "z"];
                let mut n = 0;
                for name in names {
                    n += leaf("tick", 1).await;
                    cur.replace(Tracker::new(name));
                    log(format!("now {name}"));
                }
                step("end").await;
                n + cur.is_some() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(t) = slot.take()` with awaits in the then-block, the binding dropped at
    /// the end of the block.
    p26a_if_let_take {
        lower! {
            pub async fn f(mut slot: Option<Tracker>) -> u32 {
                let _g = Tracker::new("guard");
                if let Some(t) = slot.take() {
                    step("in").await;
                    log(format!("using {}", t.name()));
                    step("in2").await;
                }
                leaf("out", 7).await
            }
        }
    }
    run { pair(f(Some(Tracker("s"))), f(None)) }
}

twin! {
    /// `mem::replace(&mut self.state, ..)` state machine in a loop: a hand-written enum
    /// state with tracker payloads taken by value each turn.
    p26a_state_replace_loop {
        pub enum St { Idle, Busy(Tracker), Done }
        lower! {
            pub async fn f() -> u32 {
                let mut st = St::Idle;
                let mut turns = 0;
                loop {
                    turns += 1;
                    st = match mem::replace(&mut st, St::Done) {
                        St::Idle => {
                            step("idle").await;
                            St::Busy(Tracker::new("job"))
                        }
                        St::Busy(t) => {
                            step("busy").await;
                            log(format!("finish {}", t.name()));
                            St::Done
                        }
                        St::Done => break,
                    };
                }
                turns
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option::take().map(..)` with a closure consuming the tracker, result awaited.
    p26a_take_map_closure {
        lower! {
            pub async fn f(mut o: Option<Tracker>) -> u32 {
                step("a").await;
                let n = o.take().map(|t| { log(format!("closing {}", t.name())); 3 }).unwrap_or(0);
                leaf("b", n).await
            }
        }
    }
    run { pair(f(Some(Tracker::new("o"))), f(None)) }
}

twin! {
    /// `get_or_insert_with` on a field, the reference's tracker name read after an await.
    p26a_get_or_insert_field {
        pub struct Lazy { pub v: Option<Tracker>, pub hits: u32 }
        lower! {
            pub async fn f(l: &mut Lazy) -> &'static str {
                let name = l.v.get_or_insert_with(|| Tracker::new("built")).name();
                l.hits += leaf("hit", 1).await;
                name
            }
        }
        lower! {
            pub async fn go() -> (u32, &'static str) {
                let mut l = Lazy { v: None, hits: 0 };
                let a = f(&mut l).await;
                let _ = f(&mut l).await;
                step("end").await;
                (l.hits, a)
            }
        }
    }
    run { go() }
}

twin! {
    /// `mem::swap` of two `Option<Tracker>`s where one is `None`, then `take` on both.
    p26a_swap_options_take {
        lower! {
            pub async fn f() -> (bool, bool) {
                let mut a = Some(Tracker::new("a"));
                let mut b = None;
                step("1").await;
                mem::swap(&mut a, &mut b);
                step("2").await;
                let x = b.take();
                step("3").await;
                (a.take().is_some(), x.is_some())
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec::drain(..)` of trackers consumed in a `for` loop with an await in the body;
    /// cancellation drops the drain (the rest of the items) and the vec.
    p26a_drain_full_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut n = 0;
                for t in v.drain(..) {
                    n += leaf(t.name(), 1).await;
                }
                v.push(Tracker::new("d"));
                step("end").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `drain(1..)` partial range with `break` out of the loop after an await: the
    /// undrained items are dropped when the `Drain` drops, before the code after the loop.
    p26a_drain_range_break {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d")];
                for t in v.drain(1..) {
                    step("item").await;
                    if t.name() == "c" {
                        break;
                    }
                }
                log("after loop");
                step("end").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `retain` dropping some trackers between awaits.
    p26a_retain_between {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("keep1"), Tracker::new("drop1"), Tracker::new("keep2"), Tracker::new("drop2")];
                step("before").await;
                v.retain(|t| t.name().starts_with("keep"));
                step("after").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `retain` whose predicate reads a value produced by an await.
    p26a_retain_awaited_threshold {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("aa"), Tracker::new("b"), Tracker::new("ccc")];
                let min = leaf("min", 2).await;
                v.retain(|t| t.name().len() >= min);
                step("end").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `truncate` then `pop` of trackers with an await between each operation.
    p26a_truncate_pop {
        lower! {
            pub async fn f() -> Option<&'static str> {
                let mut v = vec![Tracker::new("1"), Tracker::new("2"), Tracker::new("3"), Tracker::new("4")];
                step("a").await;
                v.truncate(2);
                step("b").await;
                let last = v.pop();
                step("c").await;
                last.map(|t| t.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// `swap_remove` of the first tracker, the removed one kept across an await.
    p26a_swap_remove_keep {
        lower! {
            pub async fn f() -> String {
                let mut v = vec![Tracker::new("x"), Tracker::new("y"), Tracker::new("z")];
                let first = v.swap_remove(0);
                step("s").await;
                let names: Vec<_> = v.iter().map(|t| t.name()).collect();
                step("t").await;
                format!("{} {:?}", first.name(), names)
            }
        }
    }
    run { f() }
}

twin! {
    /// `split_off` giving two vecs of trackers alive across awaits, the tail dropped first.
    p26a_split_off_two {
        lower! {
            pub async fn f() -> (usize, usize) {
                let mut head = vec![Tracker::new("h1"), Tracker::new("h2"), Tracker::new("t1"), Tracker::new("t2")];
                let tail = head.split_off(2);
                step("a").await;
                drop(tail);
                step("b").await;
                (head.len(), leaf("c", 0).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(t) = v.pop()` with an await in the body and an early `return`.
    p26a_while_pop_return {
        lower! {
            pub async fn f(stop: &'static str) -> &'static str {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                while let Some(t) = v.pop() {
                    step("pop").await;
                    if t.name() == stop {
                        return t.name();
                    }
                }
                "none"
            }
        }
    }
    run { pair(f("b"), f("q")) }
}

twin! {
    /// `while let Some(t) = v.pop()` with `continue` before the await for some items.
    p26a_while_pop_continue {
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![Tracker::new("skip"), Tracker::new("use1"), Tracker::new("skip2"), Tracker::new("use2")];
                let mut n = 0;
                while let Some(t) = v.pop() {
                    if t.name().starts_with("skip") {
                        continue;
                    }
                    n += leaf(t.name(), 1).await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `drain(..).rev()` collected into a new vec with an await between, then the
    /// reversed vec iterated by reference with awaits.
    p26a_drain_rev_collect {
        lower! {
            pub async fn f() -> String {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let r: Vec<Tracker> = v.drain(..).rev().collect();
                step("mid").await;
                let mut s = String::new();
                for t in &r {
                    s.push_str(t.name());
                    step("each").await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec<Tracker>` iterated by value with a panic (`boom`) in the middle: the rest of the
    /// `IntoIter` and the current item drop during unwinding.
    p26a_into_iter_boom {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("guard");
                let v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut n = 0;
                for t in v {
                    if t.name() == "b" {
                        n += boom("b").await;
                    }
                    n += leaf(t.name(), 1).await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec::remove` by index computed from an await, the removed tracker moved into a
    /// second vec, both alive to the end.
    p26a_remove_into_other {
        lower! {
            pub async fn f() -> (usize, usize) {
                let mut src = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut dst = Vec::new();
                dst.push(src.remove(leaf("idx", 1).await));
                step("x").await;
                dst.push(src.remove(0));
                step("y").await;
                (src.len(), dst.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `drain(..)` inside `extend` of another vec, then `clear` with an await after.
    p26a_extend_drain_clear {
        lower! {
            pub async fn f() -> usize {
                let mut a = vec![Tracker::new("a1"), Tracker::new("a2")];
                let mut b = vec![Tracker::new("b1")];
                step("s").await;
                b.extend(a.drain(..));
                step("t").await;
                let n = b.len();
                b.clear();
                step("u").await;
                n + a.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec::pop` in an `if let ... else` with awaits on both branches.
    p26a_pop_if_let_else {
        lower! {
            pub async fn f(mut v: Vec<Tracker>) -> u32 {
                if let Some(t) = v.pop() {
                    let n = leaf("some", 1).await;
                    log(format!("popped {}", t.name()));
                    n
                } else {
                    leaf("none", 0).await
                }
            }
        }
    }
    run { pair(f(vec![Tracker("p"), Tracker("q")]), f(Vec::new())) }
}

twin! {
    /// `iter_mut` over trackers replacing some with `mem::replace` and awaiting between.
    p26a_iter_mut_replace {
        lower! {
            pub async fn f() -> String {
                let mut v = vec![Tracker::new("a"), Tracker::new("b")];
                for t in v.iter_mut() {
                    let old = mem::replace(t, Tracker::new("n"));
                    step("swap").await;
                    log(format!("replaced {}", old.name()));
                }
                step("end").await;
                v.iter().map(|t| t.name()).collect::<Vec<_>>().join(",")
            }
        }
    }
    run { f() }
}

twin! {
    /// `BTreeMap` of trackers: `entry().or_insert_with` between awaits; the map dropped at
    /// the end in key order.
    p26a_btree_entry_or_insert {
        lower! {
            pub async fn f() -> usize {
                let mut m = BTreeMap::new();
                for k in ["b", "a", "b", "c"] {
                    let t = m.entry(k).or_insert_with(|| Tracker::new(k));
                    log(format!("have {}", t.name()));
                    step("ins").await;
                }
                m.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `BTreeMap::remove` of a tracker held across an await, `insert` returning the old
    /// value that is dropped immediately.
    p26a_btree_remove_insert {
        lower! {
            pub async fn f() -> bool {
                let mut m = BTreeMap::new();
                m.insert(1, Tracker::new("one"));
                m.insert(2, Tracker::new("two"));
                let r = m.remove(&1);
                step("a").await;
                m.insert(2, Tracker::new("two'"));
                step("b").await;
                r.is_some() && m.contains_key(&2)
            }
        }
    }
    run { f() }
}

twin! {
    /// Iterating a `BTreeMap` by reference with an await per entry, then by value
    /// (`into_iter`) with a `break`: the rest drops with the iterator.
    p26a_btree_iter_ref_then_value {
        lower! {
            pub async fn f() -> u32 {
                let mut m = BTreeMap::new();
                m.insert(3, Tracker::new("c"));
                m.insert(1, Tracker::new("a"));
                m.insert(2, Tracker::new("b"));
                let mut n = 0;
                for (k, t) in &m {
                    n += leaf(t.name(), *k).await;
                }
                for (k, t) in m {
                    step("val").await;
                    if k == 2 {
                        log(format!("stop at {}", t.name()));
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
    /// `HashMap` with a single entry: `entry().or_insert_with`, `get`, `remove` across
    /// awaits (one entry at a time, so drop order is deterministic).
    p26a_hashmap_single_entry {
        lower! {
            pub async fn f() -> u32 {
                let mut m = HashMap::new();
                m.entry("k").or_insert_with(|| Tracker::new("v1"));
                step("a").await;
                let name = m.get("k").map(|t| t.name()).unwrap_or("?");
                log(format!("got {name}"));
                let old = m.remove("k");
                step("b").await;
                m.insert("k", Tracker::new("v2"));
                drop(old);
                leaf("c", m.len() as u32).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `HashMap` with a fixed hasher (deterministic order), iterated by value with awaits.
    p26a_hashmap_fixed_hasher_into_iter {
        lower! {
            pub async fn f() -> usize {
                let mut m = HashMap::with_hasher(std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default());
                m.insert(1, Tracker::new("one"));
                m.insert(2, Tracker::new("two"));
                m.insert(3, Tracker::new("three"));
                step("built").await;
                let mut seen = 0;
                for (_k, t) in m {
                    step(t.name()).await;
                    seen += 1;
                }
                seen
            }
        }
    }
    run { f() }
}

twin! {
    /// `VecDeque` of trackers: `push_back`/`push_front`, `pop_front` in a `while let` with
    /// awaits, the leftovers dropped at the end.
    p26a_vecdeque_pop_front {
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::new();
                q.push_back(Tracker::new("b"));
                q.push_front(Tracker::new("a"));
                q.push_back(Tracker::new("c"));
                let mut n = 0;
                while let Some(t) = q.pop_front() {
                    n += leaf(t.name(), 1).await;
                    if n == 2 {
                        break;
                    }
                }
                step("end").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A work queue: each job popped may push a follow-up job after an await.
    p26a_vecdeque_work_queue {
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::from([(Tracker::new("j1"), 2u32), (Tracker::new("j2"), 0)]);
                let mut done = 0;
                while let Some((t, more)) = q.pop_front() {
                    step(t.name()).await;
                    if more > 0 {
                        q.push_back((Tracker::new("follow"), more - 1));
                    }
                    done += 1;
                }
                done
            }
        }
    }
    run { f() }
}

twin! {
    /// `VecDeque::drain` and `rotate_left` between awaits.
    p26a_vecdeque_rotate_drain {
        lower! {
            pub async fn f() -> String {
                let mut q = VecDeque::from(vec![Tracker::new("1"), Tracker::new("2"), Tracker::new("3")]);
                q.rotate_left(1);
                step("r").await;
                let first: Vec<_> = q.drain(..2).collect();
                step("d").await;
                format!("{:?} {:?}", first, q)
            }
        }
    }
    run { f() }
}

twin! {
    /// `BTreeMap::entry` match on `Occupied`/`Vacant` with awaits in both arms, the
    /// occupied entry's value replaced with `insert`.
    p26a_btree_entry_match {
        lower! {
            pub async fn f() -> usize {
                use std::collections::btree_map::Entry;
                let mut m = BTreeMap::new();
                for k in [1, 2, 1] {
                    match m.entry(k) {
                        Entry::Occupied(mut e) => {
                            let old = e.insert(Tracker::new("again"));
                            step("occ").await;
                            drop(old);
                        }
                        Entry::Vacant(e) => {
                            let v = leaf("vac", Tracker::new("fresh")).await;
                            e.insert(v);
                        }
                    }
                }
                m.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `BTreeMap::retain` and `split_off` on trackers between awaits.
    p26a_btree_retain_split {
        lower! {
            pub async fn f() -> (usize, usize) {
                let mut m: BTreeMap<u32, Tracker> = (1..=5).map(|i| (i, Tracker(["a", "b", "c", "d", "e"][i as usize - 1]))).collect();
                m.retain(|k, _| k % 2 == 1);
                step("r").await;
                let hi = m.split_off(&3);
                step("s").await;
                (m.len(), hi.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `BTreeMap::values_mut` with `mem::replace` of each tracker and an await per entry.
    p26a_btree_values_mut_replace {
        lower! {
            pub async fn f() -> usize {
                let mut m = BTreeMap::new();
                m.insert("x", Tracker::new("x0"));
                m.insert("y", Tracker::new("y0"));
                for t in m.values_mut() {
                    let old = mem::replace(t, Tracker("new"));
                    step(old.name()).await;
                }
                m.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A map from names to vecs of trackers: `entry().or_default().push(..)` with the
    /// pushed value awaited.
    p26a_btree_or_default_push {
        lower! {
            pub async fn f() -> usize {
                let mut m: BTreeMap<&str, Vec<Tracker>> = BTreeMap::new();
                m.entry("a").or_default().push(leaf("a1", Tracker("a1")).await);
                m.entry("b").or_default().push(leaf("b1", Tracker("b1")).await);
                m.entry("a").or_default().push(leaf("a2", Tracker("a2")).await);
                step("end").await;
                m["a"].len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `BTreeSet` of trackers: `insert` of a duplicate drops the new value, `take` removes.
    p26a_btreeset_insert_take {
        lower! {
            pub async fn f() -> bool {
                let mut s = BTreeSet::new();
                s.insert(Tracker::new("a"));
                step("1").await;
                let dup = s.insert(Tracker::new("a"));
                step("2").await;
                let t = s.take(&Tracker("a"));
                step("3").await;
                dup || t.is_some()
            }
        }
    }
    run { f() }
}

twin! {
    /// `HashMap::remove` result matched by value with an await in the `Some` arm.
    p26a_hashmap_remove_match {
        lower! {
            pub async fn f(key: u32) -> u32 {
                let mut m = HashMap::new();
                m.insert(1, Tracker::new("one"));
                match m.remove(&key) {
                    Some(t) => {
                        let n = leaf("found", 1).await;
                        log(format!("removed {}", t.name()));
                        n
                    }
                    None => leaf("missing", 0).await,
                }
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// Iterating a `Vec<(String, Tracker)>` by reference, awaiting per item, then
    /// collecting into a `BTreeMap` by value.
    p26a_pairs_into_map {
        lower! {
            pub async fn f() -> usize {
                let v = vec![("b".to_string(), Tracker::new("tb")), ("a".to_string(), Tracker::new("ta"))];
                for (k, t) in &v {
                    log(format!("{k}={}", t.name()));
                    step("ref").await;
                }
                let m: BTreeMap<String, Tracker> = v.into_iter().collect();
                step("collected").await;
                m.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Partial move out of a struct (`let a = s.a;`), an await, then `drop(s.b)`; the rest
    /// of the struct drops at scope end.
    p26a_partial_move_struct {
        pub struct Res { pub a: Tracker, pub b: Tracker, pub c: Tracker }
        lower! {
            pub async fn f() -> &'static str {
                let s = Res { a: Tracker::new("a"), b: Tracker::new("b"), c: Tracker::new("c") };
                let a = s.a;
                step("1").await;
                drop(s.b);
                step("2").await;
                a.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// Partial move out of a tuple parameter (`let x = p.1;`) with awaits before and after.
    p26a_partial_move_tuple_param {
        lower! {
            pub async fn f(p: (Tracker, Tracker, u32)) -> u32 {
                step("1").await;
                let x = p.1;
                let n = leaf("2", p.2).await;
                drop(x);
                step("3").await;
                n
            }
        }
    }
    run { f((Tracker::new("p0"), Tracker::new("p1"), 4)) }
}

twin! {
    /// Struct update syntax across an await: `S { x: t, ..old }` moves the other tracker
    /// fields out of `old`; old's replaced field drops with `old`'s remains.
    p26a_struct_update_across {
        pub struct Cfg { pub x: Tracker, pub y: Tracker, pub n: u32 }
        lower! {
            pub async fn f() -> u32 {
                let old = Cfg { x: Tracker::new("x0"), y: Tracker::new("y0"), n: 1 };
                let t = leaf("new x", Tracker("x1")).await;
                let new = Cfg { x: t, ..old };
                step("after").await;
                new.n + old.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Struct update with an awaited field value: `Cfg { y: leaf(..).await, ..base }`.
    p26a_struct_update_await_field {
        pub struct Cfg { pub x: Tracker, pub y: Tracker }
        lower! {
            pub async fn f() -> String {
                let base = Cfg { x: Tracker::new("x"), y: Tracker::new("y") };
                let c = Cfg { y: leaf("y2", Tracker("y2")).await, ..base };
                step("s").await;
                format!("{}{}", c.x.name(), c.y.name())
            }
        }
    }
    run { f() }
}

// Known gap: DROP ORDER: an array destructured by a `let` with a `_` element (`let [x, _, z] = arr;`, `let [x, _] = arr;`, `let [x, ..] = arr;`): the elements left, which natively stay in `arr` until its scope ends (after `x`), are dropped at the `let` (tuples and structs are right).
#[cfg(feature = "known-gaps")]
twin! {
    /// `[Tracker; 3]` destructured by a `let` with awaits after; one element ignored.
    p26a_array_destructure {
        lower! {
            pub async fn f() -> String {
                let arr = [Tracker::new("a0"), Tracker::new("a1"), Tracker::new("a2")];
                step("s").await;
                let [x, _, z] = arr;
                step("t").await;
                drop(z);
                step("u").await;
                x.name().to_string()
            }
        }
    }
    run { f() }
}

// Known gap: DROP ORDER: an array destructured by a `let` with a `_` element (`let [x, _, z] = arr;`, `let [x, _] = arr;`, `let [x, ..] = arr;`): the elements left, which natively stay in `arr` until its scope ends (after `x`), are dropped at the `let` (tuples and structs are right).
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: `let [x, _] = arr;` with no await before it: the `_` element must stay in
    /// `arr` (dropped at scope end, after `x`).
    p26a_array_destructure_min {
        lower! {
            pub async fn f() -> &'static str {
                let arr = [Tracker::new("a0"), Tracker::new("a1")];
                let [x, _] = arr;
                step("s").await;
                x.name()
            }
        }
    }
    run { f() }
}

// Known gap: DROP ORDER: an array destructured by a `let` with a `_` element (`let [x, _, z] = arr;`, `let [x, _] = arr;`, `let [x, ..] = arr;`): the elements left, which natively stay in `arr` until its scope ends (after `x`), are dropped at the `let` (tuples and structs are right).
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: `let [x, ..] = arr;`: the elements `..` leaves stay in `arr` natively.
    p26a_array_dotdot_min {
        lower! {
            pub async fn f() -> &'static str {
                let arr = [Tracker::new("a0"), Tracker::new("a1")];
                let [x, ..] = arr;
                step("s").await;
                x.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `[Tracker; 3]` iterated by value with an await and a `break`.
    p26a_array_into_iter_break {
        lower! {
            pub async fn f() -> u32 {
                let arr = [Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut n = 0;
                for t in arr {
                    n += leaf(t.name(), 1).await;
                    if n == 2 {
                        break;
                    }
                }
                step("end").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `Box<Tracker>` moved out with `*b` after an await, the box freed at the move.
    p26a_box_deref_move {
        lower! {
            pub async fn f() -> &'static str {
                let b = Box::new(Tracker::new("boxed"));
                step("a").await;
                let t = *b;
                step("b").await;
                t.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Box<(Tracker, Tracker)>` partially moved out by `let (a, _) = *b;` (the other
    /// element stays in the box until scope end).
    p26a_box_tuple_partial {
        lower! {
            pub async fn f() -> &'static str {
                let b = Box::new((Tracker::new("l"), Tracker::new("r")));
                step("a").await;
                let l = b.0;
                step("b").await;
                l.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Rc` clones of a tracker dropped in different orders around awaits; the tracker
    /// drops at the last clone.
    p26a_rc_clones_order {
        lower! {
            pub async fn f() -> usize {
                let a = Rc::new(Tracker::new("shared"));
                let b = Rc::clone(&a);
                step("1").await;
                let c = a.clone();
                drop(a);
                step("2").await;
                let n = Rc::strong_count(&b);
                drop(b);
                step("3").await;
                log(format!("last {}", c.name()));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `Arc<Tracker>` clone moved into a vec, `Arc::try_unwrap` after the others drop.
    p26a_arc_try_unwrap {
        lower! {
            pub async fn f() -> bool {
                let a = Arc::new(Tracker::new("arc"));
                let mut v = vec![a.clone(), a.clone()];
                step("1").await;
                v.clear();
                step("2").await;
                match Arc::try_unwrap(a) {
                    Ok(t) => {
                        step("own").await;
                        log(format!("owned {}", t.name()));
                        true
                    }
                    Err(_) => false,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `Rc<RefCell<Vec<Tracker>>>`: pushing through a clone between awaits, then
    /// `Rc::try_unwrap(..).into_inner()`.
    p26a_rc_refcell_vec {
        lower! {
            pub async fn f() -> usize {
                let shared = Rc::new(RefCell::new(Vec::new()));
                let h = shared.clone();
                h.borrow_mut().push(Tracker::new("one"));
                step("a").await;
                shared.borrow_mut().push(leaf("two", Tracker("two")).await);
                drop(h);
                let v = Rc::try_unwrap(shared).ok().unwrap().into_inner();
                step("b").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Partial move out of a struct whose other field is read by reference after an await.
    p26a_partial_move_then_read {
        pub struct Pair { pub key: Tracker, pub val: Tracker }
        lower! {
            pub async fn f(p: Pair) -> String {
                let k = p.key;
                step("a").await;
                let s = format!("{}={}", k.name(), p.val.name());
                step("b").await;
                s
            }
        }
    }
    run { f(Pair { key: Tracker::new("k"), val: Tracker::new("v") }) }
}

twin! {
    /// Destructuring a struct by a `let` pattern with one field ignored via `..`.
    p26a_struct_destructure_dotdot {
        pub struct Three { pub a: Tracker, pub b: Tracker, pub c: Tracker }
        lower! {
            pub async fn f() -> &'static str {
                let t = Three { a: Tracker::new("a"), b: Tracker::new("b"), c: Tracker::new("c") };
                step("s").await;
                let Three { b, .. } = t;
                step("t").await;
                b.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// Tuple destructuring with a `_` binding (not moved) and a named binding, awaits around.
    p26a_tuple_destructure_underscore {
        lower! {
            pub async fn f() -> &'static str {
                let pair = (Tracker::new("x"), Tracker::new("y"));
                let (_, y) = pair;
                step("a").await;
                drop(y);
                step("b").await;
                "done"
            }
        }
    }
    run { f() }
}

twin! {
    /// Moving a tracker out of a struct field and assigning a new one back (`s.a = ..`)
    /// after an await.
    p26a_move_out_reassign_field {
        pub struct S { pub a: Tracker, pub b: Tracker }
        lower! {
            pub async fn f() -> String {
                let mut s = S { a: Tracker::new("a1"), b: Tracker::new("b") };
                let old = s.a;
                step("1").await;
                s.a = Tracker::new("a2");
                step("2").await;
                format!("{} {} {}", old.name(), s.a.name(), s.b.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// `Box<dyn Fn>` owning a tracker, called across awaits, dropped by `drop`.
    p26a_boxed_closure_owner {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("cap");
                let cb: Box<dyn Fn(u32) -> u32> = Box::new(move |x| { log(format!("cb {}", t.name())); x + 1 });
                let a = cb(leaf("a", 1).await);
                step("b").await;
                drop(cb);
                step("c").await;
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// Array of `Option<Tracker>` with `take()` of elements by index between awaits.
    p26a_array_option_take {
        lower! {
            pub async fn f() -> usize {
                let mut slots = [Some(Tracker::new("s0")), Some(Tracker::new("s1")), None];
                let mid = slots[1].take();
                step("a").await;
                slots[2] = slots[0].take();
                step("b").await;
                drop(mid);
                slots.iter().flatten().count()
            }
        }
    }
    run { f() }
}

twin! {
    /// Partial move of a nested field (`o.inner.t`) after an await.
    p26a_nested_partial_move {
        pub struct Inner { pub t: Tracker, pub u: Tracker }
        pub struct Outer { pub inner: Inner, pub w: Tracker }
        lower! {
            pub async fn f() -> &'static str {
                let o = Outer { inner: Inner { t: Tracker::new("t"), u: Tracker::new("u") }, w: Tracker::new("w") };
                step("a").await;
                let t = o.inner.t;
                step("b").await;
                t.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = make(..)` drops at once, `let _t = make(..)` lives to scope end, `_ =
    /// make(..)` drops at once; awaits after each.
    p26a_let_underscore_forms {
        lower! {
            pub async fn f() -> u32 {
                let _ = make("wild");
                step("1").await;
                let _t = make("named");
                step("2").await;
                _ = make("assign");
                step("3").await;
                leaf("4", 4).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = local;` does not move the local: it lives to the end (past the awaits).
    p26a_let_underscore_local_not_moved {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("kept");
                let _ = t;
                step("1").await;
                let u = Tracker::new("u");
                let _ = u;
                leaf("2", 2).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = leaf(..).await` with a tracker output: dropped at the statement.
    p26a_let_underscore_awaited {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let _ = leaf("t", Tracker::new("out")).await;
                step("after").await;
                let _x = leaf("x", Tracker::new("x")).await;
                leaf("end", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing a tracker with another across an await: the shadowed one still drops at
    /// scope end, after the shadowing one.
    p26a_shadow_across_await {
        lower! {
            pub async fn f() -> &'static str {
                let t = Tracker::new("first");
                step("a").await;
                let t = Tracker::new(if t.name() == "first" { "second" } else { "x" });
                step("b").await;
                t.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing by moving the old binding into the new one (`let t = (t, other)`).
    p26a_shadow_move_into_tuple {
        lower! {
            pub async fn f() -> String {
                let t = Tracker::new("a");
                step("1").await;
                let t = (t, Tracker::new("b"));
                step("2").await;
                let t = t.1;
                step("3").await;
                t.name().to_string()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing in a nested block: the inner shadow drops at the block's end, the outer
    /// one is visible again after an await.
    p26a_shadow_inner_block {
        lower! {
            pub async fn f() -> String {
                let t = Tracker::new("outer");
                let inner = {
                    let t = Tracker::new("inner");
                    step("in").await;
                    t.name()
                };
                step("out").await;
                format!("{inner} {}", t.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// A temporary in a `match` scrutinee (`make(..).name()`) with an await in an arm: the
    /// temporary lives to the end of the `match`.
    p26a_match_scrutinee_temp {
        lower! {
            pub async fn f(which: &'static str) -> u32 {
                let r = match make(which).name() {
                    "a" => leaf("arm a", 1).await,
                    _ => {
                        step("arm other").await;
                        2
                    }
                };
                log("after match");
                r
            }
        }
    }
    run { pair(f("a"), f("b")) }
}

twin! {
    /// A temporary in an `if let` scrutinee borrowed by the binding, awaits in both branches.
    p26a_if_let_scrutinee_temp {
        pub struct Holder { pub t: Tracker, pub n: Option<u32> }
        pub fn holder(n: Option<u32>) -> Holder {
            Holder { t: Tracker::new("holder"), n }
        }
        lower! {
            pub async fn f(n: Option<u32>) -> u32 {
                if let Some(x) = holder(n).n {
                    leaf("then", x).await
                } else {
                    leaf("else", 0).await
                }
            }
        }
    }
    run { pair(f(Some(5)), f(None)) }
}

twin! {
    /// A temporary in a `while let` scrutinee: a fresh tracker per turn, dropped at the end
    /// of each turn (after the body's await).
    p26a_while_let_scrutinee_temp {
        pub struct Cursor { pub i: u32 }
        impl Cursor {
            pub fn next_guarded(&mut self) -> (Tracker, Option<u32>) {
                self.i += 1;
                (Tracker::new("turn"), if self.i <= 2 { Some(self.i) } else { None })
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut c = Cursor { i: 0 };
                let mut n = 0;
                while let Some(x) = c.next_guarded().1 {
                    n += leaf("body", x).await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A temporary borrowed in a `match` scrutinee (`&make(..)`) and the arm binding a
    /// reference into it across the await.
    p26a_match_ref_temp_binding {
        lower! {
            pub async fn f() -> &'static str {
                match &make("tmp") {
                    t if t.name().len() > 1 => {
                        step("arm").await;
                        t.name()
                    }
                    _ => "short",
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited value in a `match` scrutinee alongside a temporary tracker in a tuple.
    p26a_match_tuple_await_temp {
        lower! {
            pub async fn f() -> u32 {
                match (make("side").name().len(), leaf("k", 2u32).await) {
                    (4, k) => {
                        step("hit").await;
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
    /// A method chain temporary in a `let` initializer (dropped at the `;`) vs. kept by a
    /// `let` binding reference (extended).
    p26a_let_temp_vs_extended {
        lower! {
            pub async fn f() -> usize {
                let n = make("temp").name().len();
                step("1").await;
                let r = &make("extended");
                step("2").await;
                n + r.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on an awaited `Option<Tracker>` with `_` arm not binding: the value drops
    /// at the end of the match.
    p26a_match_await_wild {
        lower! {
            pub async fn f() -> u32 {
                let r = match leaf("opt", Some(Tracker::new("v"))).await {
                    Some(_) => {
                        step("some").await;
                        1
                    }
                    None => 0,
                };
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `if make(..).name() == ..` condition temporary drops before the block's await.
    p26a_if_condition_temp {
        lower! {
            pub async fn f() -> u32 {
                if make("cond").name() == "cond" {
                    leaf("then", 1).await
                } else {
                    0
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(t) = v.pop()` where each popped tracker is pushed into another vec
    /// after an await, with a guard alive for the loop.
    p26a_while_pop_transfer {
        lower! {
            pub async fn f() -> usize {
                let mut src = vec![Tracker::new("a"), Tracker::new("b")];
                let mut dst = Vec::new();
                let _g = Finally("loop");
                while let Some(t) = src.pop() {
                    step(t.name()).await;
                    dst.push(t);
                }
                dst.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing a tracker in a loop body: each turn's shadow drops at the turn's end.
    p26a_shadow_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("outer");
                let mut n = 0;
                for i in 0..2 {
                    let t = Tracker::new(if i == 0 { "i0" } else { "i1" });
                    n += leaf(t.name(), 1).await;
                }
                step(t.name()).await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Three nested RAII scopes with an await at each level; all finish normally.
    p26a_nested_guards_normal {
        lower! {
            pub async fn f() -> u32 {
                let _a = Finally("outer");
                step("l1").await;
                let r = {
                    let _b = Finally("middle");
                    step("l2").await;
                    let x = {
                        let _c = Finally("inner");
                        leaf("l3", 3).await
                    };
                    step("l2b").await;
                    x
                };
                step("l1b").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// Three nested guards with an early `return` from the innermost scope.
    p26a_nested_guards_return {
        lower! {
            pub async fn f(early: bool) -> u32 {
                let _a = Finally("outer");
                step("l1").await;
                {
                    let _b = Finally("middle");
                    step("l2").await;
                    {
                        let _c = Finally("inner");
                        let v = leaf("l3", 3).await;
                        if early {
                            return v;
                        }
                    }
                    step("l2b").await;
                }
                leaf("tail", 0).await
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Three nested guards with `?` failing in the innermost scope.
    p26a_nested_guards_question {
        lower! {
            pub async fn f(fail: bool) -> Result<u32, String> {
                let _a = Finally("outer");
                let _ta = Tracker::new("ta");
                step("l1").await;
                let v = {
                    let _b = Finally("middle");
                    step("l2").await;
                    {
                        let _c = Finally("inner");
                        let _tc = Tracker::new("tc");
                        leaf("l3", if fail { Err("bad".to_string()) } else { Ok(2) }).await?
                    }
                };
                step("end").await;
                Ok(v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Three nested guards with a panic (`boom`) in the innermost scope: everything unwinds
    /// inner to outer.
    p26a_nested_guards_boom {
        lower! {
            pub async fn f() -> u32 {
                let _a = Finally("outer");
                let held = Tracker::new("held");
                step("l1").await;
                {
                    let _b = Finally("middle");
                    let _v = vec![Tracker::new("v1"), Tracker::new("v2")];
                    step("l2").await;
                    {
                        let _c = Finally("inner");
                        let _o = Some(Tracker::new("opt"));
                        boom("l3").await;
                    }
                }
                drop(held);
                0
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested guards in a loop with `break` and `continue` from the inner scopes.
    p26a_nested_guards_break_continue {
        lower! {
            pub async fn f() -> u32 {
                let _a = Finally("fn");
                let mut n = 0;
                for i in 0..4u32 {
                    let _b = Finally("turn");
                    step("turn").await;
                    {
                        let _c = Finally("inner");
                        let v = leaf("v", i).await;
                        if v == 1 {
                            continue;
                        }
                        if v == 3 {
                            break;
                        }
                        n += v;
                    }
                    step("after inner").await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard moved into a helper struct that is dropped early with `drop`.
    p26a_guard_in_struct_dropped_early {
        pub struct Txn { pub _g: Finally, pub log: Vec<Tracker> }
        lower! {
            pub async fn f() -> usize {
                let mut t = Txn { _g: Finally("txn"), log: Vec::new() };
                t.log.push(leaf("w1", Tracker("w1")).await);
                t.log.push(leaf("w2", Tracker("w2")).await);
                let n = t.log.len();
                drop(t);
                step("after").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A "finally" guard with `mem::forget` on one path (commit) and drop on the other.
    p26a_guard_forget_commit {
        lower! {
            pub async fn f(commit: bool) -> bool {
                let rollback = Finally("rollback");
                let _t = Tracker::new("work");
                step("work").await;
                if commit {
                    mem::forget(rollback);
                    step("committed").await;
                    return true;
                }
                step("abort").await;
                false
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A guard whose drop is armed by an `Option`: disarmed by `take()` between awaits.
    p26a_guard_option_disarm {
        lower! {
            pub async fn f(ok: bool) -> u32 {
                let mut guard = Some(Finally("cleanup"));
                let v = leaf("do", 3).await;
                if ok {
                    let g = guard.take();
                    mem::forget(g);
                }
                step("end").await;
                v
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Labeled `break 'outer` out of two nested loops with guards at each level.
    p26a_labeled_break_guards {
        lower! {
            pub async fn f() -> u32 {
                let _g = Finally("fn");
                let mut n = 0;
                'outer: for i in 0..3u32 {
                    let _o = Finally("outer turn");
                    for j in 0..3u32 {
                        let _t = Tracker::new("cell");
                        n += leaf("cell", i * 3 + j).await;
                        if n > 5 {
                            break 'outer;
                        }
                    }
                }
                step("end").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `loop` returning a tracker via `break value` after awaits, guards alive.
    p26a_break_value_tracker {
        lower! {
            pub async fn f() -> &'static str {
                let _g = Finally("fn");
                let mut i = 0;
                let t = loop {
                    let _turn = Finally("turn");
                    i += leaf("i", 1).await;
                    if i == 2 {
                        break Tracker::new("found");
                    }
                };
                step("after").await;
                t.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `panic!` (not boom) after an await with trackers in a vec, an option and a box.
    p26a_panic_macro_live {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _v = vec![Tracker::new("v")];
                let _o = Some(Tracker::new("o"));
                let _b = Box::new(Tracker::new("b"));
                let x = leaf("x", n).await;
                if x > 2 {
                    panic!("too big {x}");
                }
                x
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// A guard created in a `match` arm's block with `return` from another arm.
    p26a_guard_in_arm_return {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _g = Finally("fn");
                let r = match leaf("k", k).await {
                    0 => return 100,
                    1 => {
                        let _a = Finally("arm1");
                        step("arm1").await;
                        1
                    }
                    _ => {
                        let _b = Tracker::new("arm other");
                        leaf("other", 2).await
                    }
                };
                step("after").await;
                r
            }
        }
    }
    run { pair(f(0), pair(f(1), f(7))) }
}

twin! {
    /// `?` on an `Option` inside nested scopes with trackers held in a vec.
    p26a_option_question_nested {
        lower! {
            pub async fn f(k: Option<u32>) -> Option<u32> {
                let mut held = Vec::new();
                held.push(Tracker::new("h1"));
                let v = {
                    let _g = Finally("scope");
                    held.push(Tracker::new("h2"));
                    leaf("k", k).await?
                };
                step("end").await;
                Some(v + held.len() as u32)
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// A panic inside a closure called between awaits, with guards alive.
    p26a_closure_panic_guards {
        lower! {
            pub async fn f(bad: bool) -> u32 {
                let _g = Finally("fn");
                let t = Tracker::new("t");
                let v = leaf("v", 2).await;
                let check = |x: u32| {
                    if bad {
                        panic!("closure {}", t.name());
                    }
                    x * 2
                };
                let r = check(v);
                step("after").await;
                r
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `return` from inside a `while let pop()` loop in a nested guard scope, leftovers
    /// dropped with the vec.
    p26a_return_from_pop_nested {
        lower! {
            pub async fn f() -> &'static str {
                let _g = Finally("fn");
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                {
                    let _s = Finally("scope");
                    while let Some(t) = v.pop() {
                        let _turn = Finally("turn");
                        step(t.name()).await;
                        if t.name() == "b" {
                            return t.name();
                        }
                    }
                }
                "end"
            }
        }
    }
    run { f() }
}

twin! {
    /// An owned enum with tracker payloads matched by value; each arm awaits with the
    /// payload alive.
    p26a_enum_by_value_arms {
        pub enum Msg { Open(Tracker), Data(Tracker, u32), Close }
        lower! {
            pub async fn handle(m: Msg) -> u32 {
                match m {
                    Msg::Open(t) => {
                        step("open").await;
                        log(format!("opened {}", t.name()));
                        1
                    }
                    Msg::Data(t, n) => {
                        let r = leaf("data", n).await;
                        drop(t);
                        step("data2").await;
                        r
                    }
                    Msg::Close => leaf("close", 0).await,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let a = handle(Msg::Open(Tracker::new("o"))).await;
                let b = handle(Msg::Data(Tracker::new("d"), 5)).await;
                let c = handle(Msg::Close).await;
                a + b + c
            }
        }
    }
    run { go() }
}

// Known gap: COMPILE (E0507): a pattern binding one part by `ref` and moving another (`Job::Pair(ref a, b)`, `let (ref a, b) = p;`) with an await in the `ref` binding's scope, even when it is dead there (known class: the local goes to a frame slot, out of which the by-value binding cannot move).
#[cfg(feature = "known-gaps")]
twin! {
    /// Matching an owned enum by value with `ref` for one binding and a move for another,
    /// the await after the `ref` binding's last use.
    p26a_enum_ref_and_move_await_after {
        pub enum Job { Pair(Tracker, Tracker) }
        lower! {
            pub async fn f(j: Job) -> String {
                match j {
                    Job::Pair(ref a, b) => {
                        let an = a.name();
                        step("x").await;
                        format!("{an} {}", b.name())
                    }
                }
            }
        }
    }
    run { f(Job::Pair(Tracker::new("a"), Tracker::new("b"))) }
}

// Known gap: COMPILE (E0507): a pattern binding one part by `ref` and moving another (`Job::Pair(ref a, b)`, `let (ref a, b) = p;`) with an await in the `ref` binding's scope, even when it is dead there (known class: the local goes to a frame slot, out of which the by-value binding cannot move).
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: `(ref a, b)` on a tuple parameter, `a` dead before the await.
    p26a_enum_ref_and_move_await_after_min {
        lower! {
            pub async fn f(p: (Tracker, Tracker)) -> &'static str {
                let (ref a, b) = p;
                log(a.name());
                step("s").await;
                b.name()
            }
        }
    }
    run { f((Tracker::new("a"), Tracker::new("b"))) }
}

twin! {
    /// An enum matched by reference (`match &e`) with awaits in arms, then consumed by value.
    p26a_enum_ref_then_value {
        pub enum Res { File(Tracker), Sock(Tracker, Tracker) }
        lower! {
            pub async fn f(r: Res) -> usize {
                let n = match &r {
                    Res::File(t) => {
                        step(t.name()).await;
                        1
                    }
                    Res::Sock(a, b) => {
                        step(a.name()).await;
                        step(b.name()).await;
                        2
                    }
                };
                let v = match r {
                    Res::File(t) => vec![t],
                    Res::Sock(a, b) => vec![b, a],
                };
                step("end").await;
                n + v.len()
            }
        }
    }
    run { pair(f(Res::File(Tracker::new("f"))), f(Res::Sock(Tracker::new("s1"), Tracker::new("s2")))) }
}

twin! {
    /// An enum with a struct variant matched by value, one field moved and the others
    /// bound by name; awaits in the arm.
    p26a_enum_struct_variant_all_fields {
        pub enum Ev { Move { from: Tracker, to: Tracker, n: u32 }, Stop }
        lower! {
            pub async fn f(e: Ev) -> u32 {
                match e {
                    Ev::Move { from, to, n } => {
                        step("m1").await;
                        drop(from);
                        let k = leaf("m2", n).await;
                        log(format!("to {}", to.name()));
                        k
                    }
                    Ev::Stop => 0,
                }
            }
        }
    }
    run { pair(f(Ev::Move { from: Tracker::new("from"), to: Tracker::new("to"), n: 3 }), f(Ev::Stop)) }
}

twin! {
    /// An `Option<(Tracker, Tracker)>` matched with `Some((a, _))`: the second element is
    /// not moved and drops with the scrutinee.
    p26a_option_tuple_wild_elem {
        lower! {
            pub async fn f(o: Option<(Tracker, Tracker)>) -> &'static str {
                match o {
                    Some((a, _)) => {
                        step("some").await;
                        a.name()
                    }
                    None => "none",
                }
            }
        }
    }
    run { f(Some((Tracker::new("a"), Tracker::new("b")))) }
}

twin! {
    /// Minimal: a tuple parameter matched by `(a, _)` with an await in the arm.
    p26a_option_tuple_wild_elem_min {
        lower! {
            pub async fn f(p: (Tracker, Tracker)) -> &'static str {
                match p {
                    (a, _) => {
                        step("s").await;
                        a.name()
                    }
                }
            }
        }
    }
    run { f((Tracker::new("a"), Tracker::new("b"))) }
}

twin! {
    /// A `Result<Tracker, Tracker>` matched by value; both arms await, `Err` re-wrapped.
    p26a_result_tracker_match {
        lower! {
            pub async fn f(r: Result<Tracker, Tracker>) -> Result<&'static str, String> {
                let _g = Finally("fn");
                match r {
                    Ok(t) => {
                        step("ok").await;
                        Ok(t.name())
                    }
                    Err(e) => {
                        step("err").await;
                        Err(e.name().to_string())
                    }
                }
            }
        }
    }
    run { pair(f(Ok(Tracker::new("good"))), f(Err(Tracker::new("bad")))) }
}

twin! {
    /// Match guard reading a by-value binding (guard binds by reference), await in the arm.
    p26a_enum_guard_by_value {
        pub enum Cmd { Run(Tracker, u32), Skip(Tracker) }
        lower! {
            pub async fn f(c: Cmd) -> u32 {
                match c {
                    Cmd::Run(t, n) if n > 2 => {
                        let v = leaf(t.name(), n).await;
                        v * 2
                    }
                    Cmd::Run(t, n) => {
                        step("small").await;
                        drop(t);
                        n
                    }
                    Cmd::Skip(_) => leaf("skip", 0).await,
                }
            }
        }
    }
    run { pair(f(Cmd::Run(Tracker::new("big"), 5)), pair(f(Cmd::Run(Tracker::new("small"), 1)), f(Cmd::Skip(Tracker::new("skip"))))) }
}

twin! {
    /// An enum in a `Vec` consumed in a `for` loop with a `match` by value per item.
    p26a_enum_vec_loop {
        pub enum Item { Keep(Tracker), Drop(Tracker), End }
        lower! {
            pub async fn f() -> usize {
                let items = vec![Item::Keep(Tracker::new("k1")), Item::Drop(Tracker::new("d1")), Item::End, Item::Keep(Tracker::new("k2"))];
                let mut kept = Vec::new();
                for it in items {
                    match it {
                        Item::Keep(t) => {
                            step("keep").await;
                            kept.push(t);
                        }
                        Item::Drop(t) => {
                            drop(t);
                            step("drop").await;
                        }
                        Item::End => break,
                    }
                }
                step("after").await;
                kept.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let` on an owned enum by value with the rest in `else`, awaits in both.
    p26a_if_let_enum_value_else {
        pub enum Conn { Live(Tracker), Dead }
        lower! {
            pub async fn f(c: Conn) -> u32 {
                let _g = Tracker::new("g");
                if let Conn::Live(t) = c {
                    step("live").await;
                    log(format!("live {}", t.name()));
                    1
                } else {
                    leaf("dead", 0).await
                }
            }
        }
    }
    run { pair(f(Conn::Live(Tracker::new("c"))), f(Conn::Dead)) }
}

twin! {
    /// `let else` on an owned enum by value, the else branch returning after an await.
    p26a_let_else_enum_value {
        pub enum Conn { Live(Tracker), Dead(Tracker) }
        lower! {
            pub async fn f(c: Conn) -> u32 {
                let _g = Finally("fn");
                let Conn::Live(t) = c else {
                    step("dead").await;
                    return 0;
                };
                step("live").await;
                log(format!("have {}", t.name()));
                1
            }
        }
    }
    run { pair(f(Conn::Live(Tracker::new("l"))), f(Conn::Dead(Tracker::new("d")))) }
}

twin! {
    /// Nested enums: `Option<Msg>` matched with `Some(Msg::A(t))` by value and the
    /// unmatched variant dropped at the match's end.
    p26a_nested_enum_match {
        pub enum Msg { A(Tracker), B(Tracker) }
        lower! {
            pub async fn f(m: Option<Msg>) -> &'static str {
                let r = match m {
                    Some(Msg::A(t)) => {
                        step("a").await;
                        t.name()
                    }
                    Some(_) => {
                        step("other").await;
                        "other"
                    }
                    None => "none",
                };
                step("after").await;
                r
            }
        }
    }
    run { pair(f(Some(Msg::A(Tracker::new("a")))), pair(f(Some(Msg::B(Tracker::new("b")))), f(None))) }
}

twin! {
    /// Minimal: an arm `E::B(_)` that moves nothing, another arm that moves; the unmoved
    /// parameter must drop at the end of the fn, not at the end of the `match`.
    p26a_nested_enum_match_min {
        pub enum E { A(Tracker), B(Tracker) }
        lower! {
            pub async fn f(e: E) -> &'static str {
                let r = match e {
                    E::A(t) => t.name(),
                    E::B(_) => "b",
                };
                step("after").await;
                r
            }
        }
    }
    run { f(E::B(Tracker::new("b"))) }
}

twin! {
    /// Minimal: `if let E::A(t) = e { .. } else { .. }` on a parameter, the `else` taken, no
    /// await inside: `e` must drop at the end of the fn, after the following await.
    p26a_if_let_enum_rest_min {
        pub enum E { A(Tracker), B(Tracker) }
        lower! {
            pub async fn f(e: E) -> &'static str {
                let r = if let E::A(t) = e { t.name() } else { "other" };
                step("after").await;
                r
            }
        }
    }
    run { f(E::B(Tracker::new("b"))) }
}

twin! {
    /// Minimal: `match s { S { a, .. } => a.name() }` on a struct parameter, no await in the
    /// arm: the field `..` leaves must stay in `s` until the end of the fn.
    p26a_match_struct_dotdot_min {
        pub struct S { pub a: Tracker, pub b: Tracker }
        lower! {
            pub async fn f(s: S) -> &'static str {
                let r = match s { S { a, .. } => a.name() };
                step("after").await;
                r
            }
        }
    }
    run { f(S { a: Tracker::new("a"), b: Tracker::new("b") }) }
}

twin! {
    /// A `match` binding with `@` (`t @ Tracker(..)`) moving the whole payload, await after.
    p26a_match_at_binding {
        lower! {
            pub async fn f(o: Option<Tracker>) -> &'static str {
                match o {
                    Some(t @ Tracker(_)) => {
                        step("at").await;
                        t.name()
                    }
                    None => "none",
                }
            }
        }
    }
    run { f(Some(Tracker::new("at"))) }
}

twin! {
    /// An enum with a boxed recursive payload consumed by value in a loop with awaits.
    p26a_boxed_list_consume {
        pub enum List { Cons(Tracker, Box<List>), Nil }
        lower! {
            pub async fn f() -> u32 {
                let mut l = List::Cons(Tracker::new("1"), Box::new(List::Cons(Tracker::new("2"), Box::new(List::Nil))));
                let mut n = 0;
                loop {
                    match l {
                        List::Cons(t, rest) => {
                            n += leaf(t.name(), 1).await;
                            l = *rest;
                        }
                        List::Nil => break,
                    }
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Matching on a tuple of two owned options `(a, b)` by value with awaits per arm.
    p26a_match_tuple_of_options {
        lower! {
            pub async fn f(a: Option<Tracker>, b: Option<Tracker>) -> u32 {
                match (a, b) {
                    (Some(x), Some(y)) => {
                        step("both").await;
                        drop(y);
                        step(x.name()).await;
                        2
                    }
                    (Some(_), None) | (None, Some(_)) => leaf("one", 1).await,
                    (None, None) => 0,
                }
            }
        }
    }
    run { pair(f(Some(Tracker::new("x")), Some(Tracker::new("y"))), f(None, Some(Tracker::new("only")))) }
}

twin! {
    /// `vec![..]` of awaited trackers: cancelled in the middle, the finished elements drop
    /// (in order) with the in-progress leaf.
    p26a_vec_macro_awaited {
        lower! {
            pub async fn f() -> usize {
                let v = vec![leaf("a", Tracker::new("a")).await, leaf("b", Tracker::new("b")).await, Tracker::new("c")];
                step("end").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// An array literal of awaited trackers destructured straight away.
    p26a_array_literal_awaited_destructure {
        lower! {
            pub async fn f() -> &'static str {
                let [a, b] = [leaf("a", Tracker::new("a")).await, leaf("b", Tracker::new("b")).await];
                step("s").await;
                drop(a);
                step("t").await;
                b.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct literal whose fields are awaited trackers in a different order than
    /// declared; a `boom` in the last field drops the earlier ones.
    p26a_struct_literal_fields_boom {
        pub struct Conn { pub a: Tracker, pub b: Tracker, pub c: u32 }
        lower! {
            pub async fn f(fail: bool) -> u32 {
                let c = Conn {
                    b: leaf("b", Tracker::new("b")).await,
                    a: leaf("a", Tracker::new("a")).await,
                    c: if fail { boom("c").await } else { leaf("c", 3).await },
                };
                step("built").await;
                c.c
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// Method call on a tracker vec with an awaited argument (`v.insert(i, x.await)`).
    p26a_vec_insert_awaited_arg {
        lower! {
            pub async fn f() -> String {
                let mut v = vec![Tracker::new("a"), Tracker::new("c")];
                v.insert(1, leaf("b", Tracker::new("b")).await);
                step("end").await;
                v.iter().map(|t| t.name()).collect::<String>()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `BTreeMap::insert` with an awaited key and value, the replaced value returned and
    /// dropped at the statement.
    p26a_map_insert_awaited_kv {
        lower! {
            pub async fn f() -> usize {
                let mut m = BTreeMap::new();
                m.insert(1, Tracker::new("first"));
                m.insert(leaf("k", 1).await, leaf("v", Tracker::new("second")).await);
                step("end").await;
                m.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure taking ownership of a vec of trackers, called between awaits (`FnOnce`).
    p26a_fnonce_closure_vec {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let consume = move || { let n = v.len(); drop(v); n };
                step("a").await;
                let n = consume();
                step("b").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure borrowing a map mutably, called between awaits to evict an entry.
    p26a_closure_borrow_map_evict {
        lower! {
            pub async fn f() -> usize {
                let mut m = BTreeMap::new();
                m.insert(1, Tracker::new("one"));
                m.insert(2, Tracker::new("two"));
                step("a").await;
                let mut evict = |k| m.remove(&k);
                let gone = evict(leaf("k", 2).await);
                step("b").await;
                drop(gone);
                m.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option::map_or_else` and `unwrap_or_else` producing trackers, the closures run
    /// around awaits.
    p26a_option_unwrap_or_else {
        lower! {
            pub async fn f(o: Option<Tracker>) -> &'static str {
                let t = o.unwrap_or_else(|| Tracker::new("default"));
                step("a").await;
                let n = leaf("b", t.name()).await;
                n
            }
        }
    }
    run { pair(f(Some(Tracker::new("given"))), f(None)) }
}

twin! {
    /// Trackers in a `Vec` sorted by an awaited key computed before the sort.
    p26a_awaited_keys_then_sort {
        lower! {
            pub async fn f() -> String {
                let mut v = Vec::new();
                for name in ["c", "a", "b"] {
                    let k = leaf(name, name.as_bytes()[0]).await;
                    v.push((k, Tracker::new(name)));
                }
                v.sort_by_key(|p| p.0);
                step("sorted").await;
                v.into_iter().map(|(_, t)| t.name()).collect::<String>()
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker returned from a block whose other trackers drop at the block's end.
    p26a_block_returns_tracker {
        lower! {
            pub async fn f() -> &'static str {
                let keep = {
                    let a = Tracker::new("a");
                    let b = Tracker::new("b");
                    step("in").await;
                    if a.name() < b.name() { a } else { b }
                };
                step("out").await;
                keep.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A conditional move in one branch: the tracker is dropped at scope end only when not
    /// moved (drop flag), with awaits after the branch.
    p26a_conditional_move_drop_flag {
        lower! {
            pub async fn f(give: bool) -> usize {
                let t = Tracker::new("maybe");
                let mut sink = Vec::new();
                if give {
                    sink.push(t);
                }
                step("a").await;
                drop(sink);
                step("b").await;
                0
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A conditional move inside a loop into a vec, cancellation mid-loop.
    p26a_conditional_move_in_loop {
        lower! {
            pub async fn f() -> usize {
                let mut kept = Vec::new();
                for i in 0..3u32 {
                    let t = Tracker::new(["t0", "t1", "t2"][i as usize]);
                    let v = leaf("v", i).await;
                    if v % 2 == 0 {
                        kept.push(t);
                    }
                    step("turn end").await;
                }
                kept.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Assigning over a tracker local after an await (`t = ..`) drops the old value at the
    /// assignment; the new value is awaited.
    p26a_assign_over_awaited {
        lower! {
            pub async fn f() -> &'static str {
                let mut t = Tracker::new("old");
                step("a").await;
                t = leaf("new", Tracker::new("new")).await;
                step("b").await;
                t.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// Assignment to a vec element (`v[1] = ..await`) drops the old element after the await.
    p26a_index_assign_awaited {
        lower! {
            pub async fn f() -> String {
                let mut v = vec![Tracker::new("a"), Tracker::new("b")];
                v[1] = leaf("b2", Tracker::new("b2")).await;
                step("end").await;
                format!("{:?}", v)
            }
        }
    }
    run { f() }
}

twin! {
    /// Assignment to a struct field of `Option<Tracker>` with an awaited value.
    p26a_field_assign_awaited_option {
        pub struct Slot { pub cur: Option<Tracker>, pub _g: Tracker }
        lower! {
            pub async fn f() -> bool {
                let mut s = Slot { cur: Some(Tracker::new("old")), _g: Tracker::new("g") };
                s.cur = leaf("new", Some(Tracker::new("new"))).await;
                step("end").await;
                s.cur.is_some()
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker tuple returned by a lowered fn and destructured by the caller across awaits.
    p26a_return_tuple_destructure {
        lower! {
            pub async fn open() -> (Tracker, Tracker) {
                let a = Tracker::new("a");
                step("open").await;
                (a, Tracker::new("b"))
            }
        }
        lower! {
            pub async fn go() -> &'static str {
                let (a, b) = open().await;
                step("between").await;
                drop(b);
                step("after").await;
                a.name()
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered fn taking `Vec<Tracker>` by value and returning part of it, the caller
    /// cancelled inside the callee.
    p26a_vec_by_value_callee {
        lower! {
            pub async fn keep_first(mut v: Vec<Tracker>) -> Option<Tracker> {
                step("callee").await;
                v.truncate(1);
                step("callee2").await;
                v.pop()
            }
        }
        lower! {
            pub async fn go() -> &'static str {
                let _g = Finally("caller");
                let first = keep_first(vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]).await;
                step("caller").await;
                first.map(|t| t.name()).unwrap_or("none")
            }
        }
    }
    run { go() }
}

twin! {
    /// `Iterator::find` over trackers by value (`into_iter().find(..)`), the rest dropped
    /// with the iterator at the end of the statement.
    p26a_into_iter_find {
        lower! {
            pub async fn f() -> Option<&'static str> {
                let v = vec![Tracker::new("a"), Tracker::new("bb"), Tracker::new("c")];
                step("a").await;
                let found = v.into_iter().find(|t| t.name().len() == 2);
                step("b").await;
                found.map(|t| t.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// `Iterator::partition` of trackers into two vecs between awaits.
    p26a_partition_trackers {
        lower! {
            pub async fn f() -> (usize, usize) {
                let v = vec![Tracker::new("x1"), Tracker::new("y1"), Tracker::new("x2")];
                let (xs, ys): (Vec<_>, Vec<_>) = v.into_iter().partition(|t| t.name().starts_with('x'));
                step("a").await;
                drop(xs);
                step("b").await;
                (ys.len(), 0)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Cell<u32>` counter and a `RefCell<Vec<Tracker>>` mutated in a loop with awaits,
    /// the `borrow_mut` guard dropped before each await.
    p26a_refcell_vec_loop {
        lower! {
            pub async fn f() -> u32 {
                let pool = RefCell::new(Vec::new());
                let hits = Cell::new(0);
                for name in ["p1", "p2", "p3"] {
                    pool.borrow_mut().push(Tracker::new(name));
                    hits.set(hits.get() + leaf("hit", 1).await);
                    if hits.get() == 2 {
                        pool.borrow_mut().remove(0);
                    }
                }
                step("end").await;
                hits.get() + pool.borrow().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec<Box<Tracker>>` with `pop` and `*b` unboxing inside `while let`, awaits per turn.
    p26a_vec_box_unbox_loop {
        lower! {
            pub async fn f() -> String {
                let mut v = vec![Box::new(Tracker::new("a")), Box::new(Tracker::new("b"))];
                let mut s = String::new();
                while let Some(b) = v.pop() {
                    let t = *b;
                    step(t.name()).await;
                    s.push_str(t.name());
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Option<Box<Tracker>>` chain (`as_deref`, `take`) across awaits.
    p26a_option_box_as_deref {
        lower! {
            pub async fn f() -> &'static str {
                let mut o = Some(Box::new(Tracker::new("boxed")));
                let name = o.as_deref().map(|t| t.name()).unwrap_or("none");
                step("a").await;
                let b = o.take();
                step("b").await;
                drop(b);
                name
            }
        }
    }
    run { f() }
}

twin! {
    /// Panic while a `Vec::drain` is live in a loop: the drain's drop (remaining items,
    /// tail move-back) runs during unwinding.
    p26a_drain_boom {
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d")];
                let mut n = 0;
                for t in v.drain(1..3) {
                    if t.name() == "c" {
                        n += boom("c").await;
                    }
                    n += leaf(t.name(), 1).await;
                }
                n + v.len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A `BTreeMap` iterated with `iter_mut` while an entry's tracker is replaced after an
    /// await, then `pop_first` in a `while let`.
    p26a_btree_pop_first_loop {
        lower! {
            pub async fn f() -> String {
                let mut m = BTreeMap::new();
                m.insert(2, Tracker::new("two"));
                m.insert(1, Tracker::new("one"));
                m.insert(3, Tracker::new("three"));
                let mut s = String::new();
                while let Some((k, t)) = m.pop_first() {
                    step(t.name()).await;
                    s.push_str(&k.to_string());
                    if k == 2 {
                        break;
                    }
                }
                s
            }
        }
    }
    run { f() }
}

