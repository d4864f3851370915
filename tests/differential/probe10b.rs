//! Probe round 10b: drop order, temporaries and cancellation, as a careful tester of async
//! semantics writes them: temporaries in every position around awaits (scrutinees,
//! conditions, method chains, call arguments, literals), `let _`, shadowing, `drop`,
//! `mem::replace`/`take`/`swap`, `Option`/`Vec`/`Box`/`Rc` of trackers, destructuring,
//! `ref` patterns, `?`, `break`/`continue`, labelled blocks and panics with trackers alive.
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::RefCell;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::rc::Rc;

/// A tracker with a payload, logging its creation.
pub struct G10 {
    pub t: Tracker,
    pub n: u32,
}

/// `G10` named `name` holding `n`.
pub fn g10(name: &'static str, n: u32) -> G10 {
    G10 { t: Tracker::new(name), n }
}

impl G10 {
    pub fn get(&self) -> u32 {
        log(format!("get {}", self.t.0));
        self.n
    }
    pub fn opt(&self) -> Option<u32> {
        if self.n > 0 { Some(self.n) } else { None }
    }
    pub fn child(&self, name: &'static str) -> G10 {
        g10(name, self.n + 1)
    }
    pub fn name(&self) -> &'static str {
        self.t.0
    }
}

/// Reads a tracker after a step (a native `async fn` helper, same in both twins).
pub async fn p10_len(t: &Tracker) -> usize {
    step("len").await;
    t.0.len()
}

/// Takes a tracker by value after a step; returns its name's length.
pub async fn p10_eat(t: Tracker) -> usize {
    step("eat").await;
    t.0.len()
}

/// A plain (non-async) function taking two values.
pub fn p10_add(a: u32, b: u32) -> u32 {
    log(format!("add {a} {b}"));
    a + b
}

twin! {
    /// A match scrutinee temporary holding a tracker lives through every awaiting arm.
    p10b_match_scrutinee_temp {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                let r = match g10("scrut", n).opt() {
                    Some(k) => {
                        step("some").await;
                        k + leaf("k", 1).await
                    }
                    None => leaf("none", 0).await,
                };
                log("after match");
                r
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// An `if` condition temporary drops before the branch awaits.
    p10b_if_cond_temp {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                if g10("cond", n).get() > 1 && leaf("c2", true).await {
                    step("then").await;
                    1
                } else {
                    step("else").await;
                    2
                }
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// `if let` scrutinee temporary: lives through the then-branch, drops before `else`.
    p10b_if_let_scrutinee_temp {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                let v = if let Some(k) = g10("il", n).opt() {
                    step("then").await;
                    k
                } else {
                    step("else").await;
                    99
                };
                log("after if let");
                v + leaf("end", 0).await
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// `while let` scrutinee temporary: one per iteration, alive through the body's awaits.
    p10b_while_let_scrutinee_temp {
        lower! {
            pub async fn f() -> u32 {
                let mut q: VecDeque<u32> = VecDeque::from(vec![1, 2, 3]);
                let mut acc = 0;
                while let Some(k) = g10("w", q.pop_front().unwrap_or(0)).opt() {
                    acc += leaf("body", k).await;
                    log(format!("iter {k}"));
                }
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// `while` condition temporaries drop before each iteration's body.
    p10b_while_cond_temp {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                while g10("wc", i).get() < 3 && leaf("c", true).await {
                    let _b = Tracker::new("body");
                    step("s").await;
                    i += 1;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// Method chain on an awaited value whose intermediate is a tracker-holding temporary.
    p10b_chain_on_awaited {
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                let v = leaf("g", g10("lf", 4)).await.child("ch").get() + leaf("x", 1).await;
                log("after let");
                let w = p10_add(leaf("y", g10("y", 1)).await.get(), leaf("z", 2).await);
                v + w
            }
        }
    }
    run { f() }
}

twin! {
    /// `&Tracker::new(..)` passed to an awaited call: the temporary lives across its await.
    p10b_ref_temp_to_awaited_call {
        lower! {
            pub async fn f() -> usize {
                let a = p10_len(&Tracker::new("tmp1")).await;
                log("between");
                let b = p10_len(&Tracker::new("tmp2")).await + p10_len(&Tracker::new("tmp3")).await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// Call arguments mixing temporaries and awaits, left to right.
    p10b_call_args_mixed {
        lower! {
            pub async fn f() -> u32 {
                let r = p10_add(g10("arg1", 1).get(), leaf("arg2", 2).await)
                    + p10_add(leaf("arg3", 3).await, g10("arg4", 4).get());
                log("stmt end");
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// Struct, tuple and array literals containing awaits and trackers.
    p10b_literals_with_awaits {
        lower! {
            pub async fn f() -> usize {
                let g = G10 { t: Tracker::new("st"), n: leaf("n", 5).await };
                let tup = (Tracker::new("t0"), leaf("t1", Tracker::new("t1")).await, step("t2").await);
                let arr = [Tracker::new("a0"), leaf("a1", Tracker::new("a1")).await, Tracker::new("a2")];
                step("end").await;
                g.n as usize + arr.len() + tup.0.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Literal whose later element panics: the earlier elements drop during unwinding.
    p10b_literal_partial_panic {
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                let tup = (Tracker::new("t0"), leaf("t1", 1).await, boom("t2").await, Tracker::new("t3"));
                tup.1
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = ..` on a fresh value drops it at once; `let _x` keeps it; `let _ = place` keeps the place.
    p10b_let_underscore_forms {
        lower! {
            pub async fn f() -> u32 {
                let _ = Tracker::new("dropped-now");
                let _x = Tracker::new("kept");
                let held = Tracker::new("held");
                let _ = held;
                step("s1").await;
                let _ = leaf("lf", Tracker::new("from-leaf")).await;
                step("s2").await;
                let _y = leaf("lf2", Tracker::new("kept2")).await;
                step("s3").await;
                log(format!("{:?}", held));
                7
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing a tracker: the shadowed one stays alive to the end of the scope.
    p10b_shadowing {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("t1");
                step("a").await;
                let t = Tracker::new(if t.0.len() > 1 { "t2" } else { "t2x" });
                step("b").await;
                let t = leaf("l", (t, Tracker::new("t3"))).await;
                step("c").await;
                {
                    let t = Tracker::new("inner");
                    step("d").await;
                    log(format!("{t:?}"));
                }
                t.1.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A nested block as a value: its locals drop at its end, its value moves out.
    p10b_block_value {
        lower! {
            pub async fn f() -> usize {
                let _o = Tracker::new("outer");
                let v = {
                    let _i = Tracker::new("inner");
                    let k = leaf("k", 3).await;
                    let t = Tracker::new("moved-out");
                    step("in").await;
                    (t, k)
                };
                step("after").await;
                v.0.0.len() + v.1
            }
        }
    }
    run { f() }
}

twin! {
    /// `drop(x)` between awaits, one of them in a branch.
    p10b_drop_between {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let a = Tracker::new("a");
                let b = Tracker::new("b");
                step("s1").await;
                drop(a);
                step("s2").await;
                if c {
                    drop(b);
                    step("s3").await;
                } else {
                    step("s4").await;
                }
                log("end");
                1
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `mem::replace`, `mem::take`, `mem::swap` on locals across awaits.
    p10b_mem_replace_swap {
        lower! {
            pub async fn f() -> usize {
                let mut a = Tracker::new("a");
                let mut b = Tracker::new("b");
                step("s1").await;
                let old = std::mem::replace(&mut a, Tracker::new("a2"));
                step("s2").await;
                std::mem::swap(&mut a, &mut b);
                step("s3").await;
                drop(old);
                let mut v = vec![Tracker::new("v1")];
                let taken = std::mem::take(&mut v);
                step("s4").await;
                v.push(leaf("v2", Tracker::new("v2")).await);
                log(format!("{a:?} {b:?} {taken:?} {v:?}"));
                a.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option<Tracker>` `take()`/`replace()`/`insert` across awaits.
    p10b_option_take_replace {
        lower! {
            pub async fn f() -> usize {
                let mut o = Some(Tracker::new("o1"));
                step("s1").await;
                let t1 = o.take();
                step("s2").await;
                let prev = o.replace(Tracker::new("o2"));
                log(format!("prev {prev:?}"));
                step("s3").await;
                let prev2 = o.replace(leaf("o3", Tracker::new("o3")).await);
                step("s4").await;
                drop(t1);
                o.get_or_insert_with(|| Tracker::new("never"));
                step("s5").await;
                prev2.map(|t| t.0.len()).unwrap_or(0)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec<Tracker>` push/pop/remove/truncate/clear across awaits.
    p10b_vec_ops {
        lower! {
            pub async fn f() -> usize {
                let mut v = Vec::new();
                for name in ["v0", "v1", "v2", "v3", "v4"] {
                    v.push(leaf("push", Tracker::new(name)).await);
                }
                let last = v.pop();
                step("after pop").await;
                let mid = v.remove(1);
                step("after remove").await;
                v.truncate(2);
                step("after truncate").await;
                v.push(Tracker::new("v5"));
                let n = v.len();
                v.clear();
                step("after clear").await;
                v.push(Tracker::new("v6"));
                log(format!("{last:?} {mid:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p10b_chain_on_awaited: a temporary of a temporary before an await.
    p10b_min_tmp_order_a {
        lower! {
            pub async fn f() -> u32 {
                let v = g10("lf", 4).child("ch").get() + leaf("x", 1).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_tmp_order_b {
        lower! {
            pub async fn f() -> u32 {
                let v = g10("p", 4).get() + g10("q", 4).get() + leaf("x", 1).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_tmp_order_c {
        lower! {
            pub async fn f() -> usize {
                let v = Tracker::new("p").0.len() + leaf("x", 1).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_tmp_order_d {
        lower! {
            pub async fn f() -> u32 {
                let v = g10("lf", 4).child("ch").get();
                let w = v + leaf("x", 1).await;
                w
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p10b_chain_on_awaited, as the tail.
    p10b_min_tmp_order_e {
        lower! {
            pub async fn f() -> u32 {
                g10("lf", 4).child("ch").get() + leaf("x", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `Box<Tracker>` moved, re-boxed and dereferenced across awaits.
    p10b_box_tracker {
        lower! {
            pub async fn f() -> usize {
                let b = Box::new(Tracker::new("b1"));
                step("s1").await;
                let inner: Tracker = *b;
                step("s2").await;
                let b2 = Box::new(leaf("l", inner).await);
                let mut bb: Box<Option<Tracker>> = Box::new(None);
                step("s3").await;
                *bb = Some(Tracker::new("in-box"));
                step("s4").await;
                *bb = None;
                step("s5").await;
                b2.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Rc<Tracker>` clones dropped at different points; the tracker drops with the last one.
    p10b_rc_clones {
        lower! {
            pub async fn f(order: u32) -> usize {
                let a = Rc::new(Tracker::new("rc"));
                let b = a.clone();
                let c = Rc::clone(&a);
                step("s1").await;
                match order {
                    0 => { drop(a); step("s2").await; drop(b); step("s3").await; }
                    _ => { drop(c); step("s2").await; drop(b); step("s3").await; return Rc::strong_count(&a); }
                }
                log(format!("count {}", Rc::strong_count(&c)));
                leaf("end", Rc::strong_count(&c)).await
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A tuple of trackers destructured, one part dropped, one moved into an awaited call.
    p10b_tuple_destructure {
        lower! {
            pub async fn f() -> usize {
                let pair = (Tracker::new("p0"), Tracker::new("p1"), Tracker::new("p2"));
                step("s1").await;
                let (a, b, c) = pair;
                step("s2").await;
                drop(b);
                let n = p10_eat(a).await;
                step("s3").await;
                let ((x, y), z) = leaf("nested", ((Tracker::new("x"), Tracker::new("y")), c)).await;
                step("s4").await;
                drop(y);
                n + x.0.len() + z.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `ref` and `ref mut` patterns borrowing trackers across awaits.
    p10b_ref_patterns {
        lower! {
            pub async fn f() -> usize {
                let mut pair = (Tracker::new("r0"), Some(Tracker::new("r1")));
                let (ref a, ref mut b) = pair;
                step("s1").await;
                let n = a.0.len();
                *b = Some(Tracker::new("r2"));
                step("s2").await;
                if let Some(ref t) = pair.1 {
                    step("s3").await;
                    log(format!("saw {t:?}"));
                }
                match pair {
                    (ref x, Some(ref mut y)) => {
                        step("s4").await;
                        *y = Tracker::new("r3");
                        n + x.0.len()
                    }
                    (_, None) => 0,
                }
            }
        }
    }
    run { f() }
}

pub async fn p10_check(k: u32, limit: u32) -> Result<u32, String> {
    step("check").await;
    if k >= limit { Err(format!("too big {k}")) } else { Ok(k) }
}

twin! {
    /// `?` early exit with trackers alive at several nesting levels.
    p10b_question_nested {
        lower! {
            pub async fn f(limit: u32) -> Result<u32, String> {
                let _outer = Tracker::new("outer");
                let mut acc = 0;
                for i in 0..3 {
                    let _loop = Tracker::new("loop");
                    {
                        let _blk = Tracker::new("blk");
                        let g = g10("g", i);
                        acc += p10_check(g.get() * 2, limit).await?;
                        step("after check").await;
                    }
                    let _tail = Tracker::new("tail");
                    acc += p10_check(i, limit).await?;
                }
                Ok(acc)
            }
        }
    }
    run { pair(f(3), f(100)) }
}

twin! {
    /// `?` in the middle of a temporary-holding expression: the temporaries drop on the way out.
    p10b_question_in_expr {
        lower! {
            pub async fn f(limit: u32) -> Result<u32, String> {
                let _a = Tracker::new("a");
                let v = g10("tmp", 1).get() + p10_check(leaf("k", 5).await, limit).await? + g10("tmp2", 1).get();
                step("s").await;
                Ok(v)
            }
        }
    }
    run { pair(f(3), f(10)) }
}

twin! {
    /// `?` on an `Option` inside a match arm with a scrutinee temporary.
    p10b_question_option_in_match {
        lower! {
            pub async fn f(n: u32) -> Option<u32> {
                let _a = Tracker::new("a");
                let r = match g10("scr", n).opt() {
                    Some(k) => {
                        let _arm = Tracker::new("arm");
                        let m = leaf("m", if k > 2 { None } else { Some(k) }).await?;
                        m + 1
                    }
                    None => leaf("none", 0).await,
                };
                Some(r)
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(5)) }
}

twin! {
    /// `break` and `continue` out of a loop body holding trackers.
    p10b_break_continue {
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                let mut i = 0;
                let mut acc = 0;
                loop {
                    let _it = Tracker::new("it");
                    i += 1;
                    if i == 2 {
                        let _c = Tracker::new("cont");
                        step("c").await;
                        continue;
                    }
                    let k = leaf("k", i).await;
                    if k > 3 {
                        let _b = Tracker::new("brk");
                        step("b").await;
                        break;
                    }
                    acc += k;
                }
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// Labelled loops: `break 'outer` with a value and `continue 'outer` from an inner loop.
    p10b_labelled_loops {
        lower! {
            pub async fn f() -> u32 {
                let mut acc = 0;
                let r = 'outer: loop {
                    let _o = Tracker::new("o");
                    for j in 0..3u32 {
                        let _i = Tracker::new("i");
                        let k = leaf("k", j).await;
                        if acc > 4 {
                            break 'outer acc + leaf("v", 100).await;
                        }
                        if k == 1 {
                            step("cont").await;
                            continue 'outer;
                        }
                        acc += k + 1;
                    }
                };
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A labelled block `'a: { .. break 'a v .. }` with trackers and awaits.
    p10b_labelled_block {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                let v = 'blk: {
                    let _b = Tracker::new("b");
                    let k = leaf("k", n).await;
                    if k == 0 {
                        break 'blk 0;
                    }
                    let _c = Tracker::new("c");
                    if leaf("odd", k % 2 == 1).await {
                        break 'blk k * leaf("m", 10).await;
                    }
                    step("even").await;
                    k
                };
                log(format!("v {v}"));
                step("end").await;
                v
            }
        }
    }
    run { pair(pair(f(0), f(3)), f(4)) }
}

twin! {
    /// Labelled block whose break value is a tracker.
    p10b_labelled_block_tracker {
        lower! {
            pub async fn f(n: u32) -> usize {
                let t = 'blk: {
                    let x = Tracker::new("x");
                    let y = Tracker::new("y");
                    step("s").await;
                    if n == 0 {
                        break 'blk x;
                    }
                    step("s2").await;
                    y
                };
                step("after").await;
                t.0.len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Panics at different points with trackers alive in nested scopes.
    p10b_panic_points {
        lower! {
            pub async fn f(at: u32) -> u32 {
                let _a = Tracker::new("a");
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                step("s1").await;
                if at == 0 {
                    panic!("at 0");
                }
                {
                    let _b = Tracker::new("b");
                    let k = leaf("k", 1).await;
                    if at == 1 {
                        boom("bang").await;
                    }
                    log(format!("k {k}"));
                }
                let _c = Tracker::new("c");
                let x = g10("tmp", 2).get() + if at == 2 { panic!("at 2") } else { leaf("l", 1).await };
                log(format!("{}", v.len()));
                x
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Panic at 0.
    p10b_panic_at0 {
        lower! {
            pub async fn f(at: u32) -> u32 {
                let _a = Tracker::new("a");
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                step("s1").await;
                if at == 0 {
                    panic!("at 0");
                }
                v.len() as u32
            }
        }
    }
    run { f(0) }
}

twin! {
    /// Panic from an awaited future inside a nested scope.
    p10b_panic_at1 {
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                let _v = vec![Tracker::new("v0"), Tracker::new("v1")];
                step("s1").await;
                {
                    let _b = Tracker::new("b");
                    let k = leaf("k", 1).await;
                    let _g = g10("tmp", k).get() + boom("bang").await;
                }
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// Panic in an operand after an await, a temporary alive.
    p10b_panic_at2 {
        lower! {
            pub async fn f(at: u32) -> u32 {
                let _c = Tracker::new("c");
                step("s").await;
                let x = g10("tmp", 2).get() + if at == 2 { panic!("at 2") } else { leaf("l", 1).await };
                x
            }
        }
    }
    run { f(2) }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_slot_order_a {
        lower! {
            pub async fn f() -> u32 {
                let _b = Tracker::new("b");
                let g = g10("g", 1);
                let k = leaf("k", g.get()).await;
                step("s").await;
                k
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_slot_order_b {
        lower! {
            pub async fn f() -> u32 {
                let _b = Tracker::new("b");
                let g = g10("g", 1);
                let k = g.get() + leaf("k", 1).await;
                k
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_slot_order_c {
        lower! {
            pub async fn f() -> usize {
                let _b = Tracker::new("b");
                let g = Tracker::new("g");
                p10_len(&g).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_slot_order_d {
        lower! {
            pub async fn f() -> u32 {
                let _b = Tracker::new("b");
                let g = g10("g", 1);
                let k = leaf("k", g.get()).await;
                k
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p10b_panic_points: `2 + if c { panic!() } else { x.await }`.
    p10b_min_never_a {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let x = 2 + if c { panic!("c") } else { leaf("l", 1).await };
                x
            }
        }
    }
    run { f(false) }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_never_b {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let x = 2 + match c { true => return 0, false => leaf("l", 1).await };
                x
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_never_c {
        lower! {
            pub async fn f(o: Option<u32>) -> u32 {
                let x = match o { None => return 0, Some(v) => leaf("l", v).await };
                x + 1
            }
        }
    }
    run { pair(f(None), f(Some(2))) }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_never_d {
        lower! {
            pub async fn f(c: bool) -> u32 {
                p10_add(if c { return 0 } else { leaf("l", 1).await }, 1)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_never_e {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let x = 2 + if c { return 0 } else { leaf("l", 1).await };
                x
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_never_f {
        lower! {
            pub async fn f(c: bool) -> u32 {
                p10_add(1, if c { return 0 } else { leaf("l", 1).await })
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_never_g {
        lower! {
            pub async fn f(v: Vec<Option<u32>>) -> u32 {
                let mut acc = 0;
                for o in v {
                    acc = acc + match o { None => continue, Some(k) => leaf("l", k).await };
                }
                acc
            }
        }
    }
    run { f(vec![Some(1), None, Some(2)]) }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_q_a {
        lower! {
            pub async fn f() -> Result<u32, String> {
                let mut acc = 0;
                let _blk = Tracker::new("blk");
                let g = g10("g", 1);
                acc += p10_check(g.get(), 10).await?;
                step("after").await;
                Ok(acc)
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_q_b {
        lower! {
            pub async fn f() -> u32 {
                let mut acc = 0;
                let _blk = Tracker::new("blk");
                let g = g10("g", 1);
                acc += leaf("k", g.get()).await;
                step("after").await;
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_q_c {
        lower! {
            pub async fn f() -> Result<u32, String> {
                let _blk = Tracker::new("blk");
                let g = g10("g", 1);
                let k = p10_check(g.get(), 10).await?;
                step("after").await;
                Ok(k)
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p10b_question_nested: a slot local after a plain local in a block.
    p10b_min_q_d {
        lower! {
            pub async fn f() -> Result<u32, String> {
                let mut acc = 0;
                {
                    let _blk = Tracker::new("blk");
                    let g = g10("g", 1);
                    acc += p10_check(g.get(), 10).await?;
                    step("after").await;
                }
                Ok(acc)
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p10b_question_nested in a `for` body.
    p10b_min_q_e {
        lower! {
            pub async fn f() -> u32 {
                let mut acc = 0;
                for _ in 0..1 {
                    let _blk = Tracker::new("blk");
                    let g = g10("g", 1);
                    acc += leaf("k", g.get()).await;
                    step("after").await;
                }
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a block value with a plain local then a local lent to an awaited call.
    p10b_min_block_slot_order {
        lower! {
            pub async fn f() -> usize {
                let n = {
                    let _b = Tracker::new("b");
                    let g = Tracker::new("g");
                    p10_len(&g).await
                };
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Temporary lifetime extension: `let x = &Tracker::new(..)` and friends live to the scope's end.
    p10b_lifetime_extension {
        lower! {
            pub async fn f(c: bool) -> usize {
                let a = &Tracker::new("ext-a");
                let (b, c2) = (&Tracker::new("ext-b"), Tracker::new("moved-c"));
                step("s1").await;
                let d = &g10("ext-d", 1).t;
                let e = { &Tracker::new("ext-e") };
                step("s2").await;
                let _ = Tracker::new("not-ext");
                let x = if c { &Tracker::new("ext-then") } else { &Tracker::new("ext-else") };
                step("s3").await;
                a.0.len() + b.0.len() + c2.0.len() + d.0.len() + e.0.len() + x.0.len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

pub struct P10Ref<'a> {
    pub r: &'a Tracker,
    pub own: Tracker,
}

twin! {
    /// Lifetime extension through a struct literal, an array of references and `as_ref`.
    p10b_lifetime_ext_struct {
        lower! {
            pub async fn f() -> usize {
                let s = P10Ref { r: &Tracker::new("sr"), own: Tracker::new("so") };
                let arr = [&Tracker::new("a0"), &Tracker::new("a1")];
                step("s1").await;
                let n = leaf("n", s.r.0.len()).await;
                let _moved = s.own;
                step("s2").await;
                n + arr.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Assignment drops the old value at the assignment, after the awaited right side.
    p10b_assign_drops_old {
        lower! {
            pub async fn f() -> usize {
                let mut x = Tracker::new("x1");
                step("s1").await;
                x = Tracker::new("x2");
                step("s2").await;
                x = leaf("x3", Tracker::new("x3")).await;
                log("assigned x3");
                let mut g = g10("g", 1);
                g.t = leaf("gt", Tracker::new("g-new")).await;
                let mut v = vec![Tracker::new("v0"), Tracker::new("v1")];
                v[1] = leaf("v", Tracker::new("v1-new")).await;
                step("s3").await;
                let r = &mut x;
                *r = leaf("x4", Tracker::new("x4")).await;
                x.0.len() + g.get() as usize + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `_ = expr` and destructuring assignment `(a, b) = (b, a)` across awaits.
    p10b_destructuring_assign {
        lower! {
            pub async fn f() -> usize {
                let mut a = Tracker::new("a");
                let mut b = Tracker::new("b");
                _ = Tracker::new("underscore");
                step("s1").await;
                (a, b) = (b, a);
                step("s2").await;
                let c;
                (c, _) = (Tracker::new("c"), Tracker::new("c-discard"));
                step("s3").await;
                (a, _) = leaf("pair", (Tracker::new("a2"), Tracker::new("a2-discard"))).await;
                step("s4").await;
                a.0.len() + b.0.len() + c.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let .. else` with trackers in scope and an awaiting `else` that returns.
    p10b_let_else {
        lower! {
            pub async fn f(o: Option<Tracker>) -> usize {
                let _a = Tracker::new("a");
                let Some(t) = o else {
                    let _e = Tracker::new("else");
                    step("else").await;
                    return 0;
                };
                step("s").await;
                let Some(k) = g10("tmp", t.0.len() as u32).opt() else {
                    return 1;
                };
                let (Some(x), y) = leaf("pair", (Some(Tracker::new("x")), Tracker::new("y"))).await else {
                    unreachable!()
                };
                step("s2").await;
                k as usize + x.0.len() + y.0.len()
            }
        }
    }
    run { pair(f(None), f(Some(Tracker("ot")))) }
}

twin! {
    /// Parameters: `_` parameters and tuple patterns with `_` live to the end of the body.
    p10b_param_patterns {
        lower! {
            pub async fn f(_: Tracker, (a, _): (Tracker, Tracker), _unused: Tracker, b: Tracker) -> usize {
                let _l = Tracker::new("local");
                step("s1").await;
                drop(b);
                step("s2").await;
                a.0.len()
            }
        }
    }
    run { f(Tracker("p0"), (Tracker("p1a"), Tracker("p1b")), Tracker("p2"), Tracker("p3")) }
}

twin! {
    /// Methods: `&mut self` rotating trackers across awaits, then `self` by value destructured.
    p10b_methods_self {
        lower! {
            pub async fn f() -> usize {
                let mut s = P10Svc { name: Tracker::new("svc"), items: vec![Tracker::new("i0"), Tracker::new("i1")] };
                let a = s.rotate().await;
                let b = s.rotate().await;
                a + b + s.consume(Tracker::new("extra")).await
            }
        }
        pub struct P10Svc {
            pub name: Tracker,
            pub items: Vec<Tracker>,
        }
        
        impl P10Svc {
            lower! {
                pub async fn consume(self, extra: Tracker) -> usize {
                    let P10Svc { name, mut items } = self;
                    step("c1").await;
                    items.push(extra);
                    let last = items.pop();
                    step("c2").await;
                    log(format!("{name:?} {last:?}"));
                    items.len()
                }
            }
            lower! {
                pub async fn rotate(&mut self) -> usize {
                    let first = self.items.remove(0);
                    step("r1").await;
                    let old = std::mem::replace(&mut self.name, first);
                    step("r2").await;
                    self.items.push(old);
                    self.items.len()
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `for t in vec` breaking early: the remaining elements drop with the iterator at the break.
    p10b_for_into_iter_break {
        lower! {
            pub async fn f(stop: &'static str) -> usize {
                let v = vec![Tracker::new("e0"), Tracker::new("e1"), Tracker::new("e2"), Tracker::new("e3")];
                let _after = Tracker::new("after");
                let mut n = 0;
                for t in v {
                    step("it").await;
                    if t.0 == stop {
                        log("stop");
                        break;
                    }
                    n += leaf("n", t.0.len()).await;
                }
                step("end").await;
                n
            }
        }
    }
    run { pair(f("e1"), f("none")) }
}

twin! {
    /// `while let Some(t) = v.pop()` with `continue` holding the popped tracker.
    p10b_while_let_pop_continue {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("w0"), Tracker::new("w11"), Tracker::new("w2")];
                let mut n = 0;
                while let Some(t) = v.pop() {
                    let _g = Tracker::new("iter");
                    if t.0.len() > 2 {
                        step("skip").await;
                        continue;
                    }
                    n += p10_len(&t).await;
                    if n > 100 { break; }
                }
                n
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0507): a `match` on a temporary scrutinee with a `ref` arm that awaits and an arm that moves (the temporary counterpart of the known gap of a `ref` arm that awaits and an arm that moves the same local).
#[cfg(feature = "known-gaps")]
twin! {
    /// Awaiting match scrutinee that owns trackers; arms bind by move, by `ref`, or not at all.
    p10b_match_awaited_owned {
        lower! {
            pub async fn f(k: u32) -> usize {
                let _a = Tracker::new("a");
                let r = match leaf("scr", (k, Tracker::new("s0"), Some(Tracker::new("s1")))).await {
                    (0, t, _) => {
                        step("arm0").await;
                        t.0.len()
                    }
                    (1, ref t, Some(ref u)) => {
                        step("arm1").await;
                        t.0.len() + u.0.len()
                    }
                    (_, _, rest) => {
                        step("arm2").await;
                        rest.map(|t| t.0.len()).unwrap_or(9)
                    }
                };
                log("after match");
                r
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// Awaiting match guards on a temporary scrutinee.
    p10b_match_guard_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                match g10("scr", n).opt() {
                    Some(k) if leaf("g1", k > 2).await => {
                        let _b = Tracker::new("big");
                        leaf("big", k).await
                    }
                    Some(k) if { let _t = Tracker::new("guard-t"); leaf("g2", k == 1).await } => 1,
                    Some(_) => 2,
                    None => 0,
                }
            }
        }
    }
    run { pair(pair(f(0), f(1)), pair(f(2), f(5))) }
}

twin! {
    /// A `RefCell` borrow guard held across awaits while trackers are pushed.
    p10b_refcell_guard_across {
        lower! {
            pub async fn f(cell: Rc<RefCell<Vec<Tracker>>>) -> usize {
                let _a = Tracker::new("a");
                {
                    let mut g = cell.borrow_mut();
                    g.push(leaf("p1", Tracker::new("c1")).await);
                    step("holding").await;
                    g.push(Tracker::new("c2"));
                    let _x = g.remove(0);
                    step("x").await;
                }
                let n = cell.borrow().len();
                cell.borrow_mut().clear();
                step("end").await;
                n
            }
        }
    }
    run { f(Rc::new(RefCell::new(vec![Tracker("c0")]))) }
}

twin! {
    /// `?` on `Result<Tracker, Tracker>`: the error tracker travels out, the Ok one stays.
    p10b_question_tracker_error {
        lower! {
            pub async fn f(fail: bool) -> Result<usize, Tracker> {
                let _a = Tracker::new("a");
                let t = leaf("r1", if fail { Err(Tracker::new("err")) } else { Ok(Tracker::new("ok")) }).await?;
                let _b = Tracker::new("b");
                let u: Tracker = leaf("r2", Ok::<Tracker, Tracker>(Tracker::new("ok2"))).await?;
                step("s").await;
                Ok(t.0.len() + u.0.len())
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Shrink of p10b_match_guard_await.
    p10b_min_guard_temp {
        lower! {
            pub async fn f() -> u32 {
                match g10("scr", 1).get() {
                    k if leaf("g", k > 0).await => k,
                    _ => 0,
                }
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0507): a `match` on a temporary scrutinee with a `ref` arm that awaits and an arm that moves (the temporary counterpart of the known gap of a `ref` arm that awaits and an arm that moves the same local).
#[cfg(feature = "known-gaps")]
twin! {
    /// Shrink of p10b_match_awaited_owned.
    p10b_min_ref_arm_temp_scrutinee {
        lower! {
            pub async fn f(c: bool) -> usize {
                match (c, Tracker::new("s")) {
                    (true, ref t) => {
                        step("ref").await;
                        t.0.len()
                    }
                    (false, t) => t.0.len(),
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Shrink of p10b_destructuring_assign.
    p10b_min_deferred_destructure {
        lower! {
            pub async fn f() -> usize {
                let c;
                (c, _) = (Tracker::new("c"), 1);
                step("s").await;
                c.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_deferred_plain {
        lower! {
            pub async fn f() -> usize {
                let c;
                c = Tracker::new("c");
                step("s").await;
                c.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `let d = &tmp().t;` across an await.
    p10b_min_ext_field {
        lower! {
            pub async fn f() -> usize {
                let d = &g10("d", 1).t;
                step("s").await;
                d.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `let e = { &tmp() };` across an await.
    p10b_min_ext_block {
        lower! {
            pub async fn f() -> usize {
                let e = { &Tracker::new("e") };
                step("s").await;
                e.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `let x = if c { &tmp() } else { &tmp() };` across an await.
    p10b_min_ext_if {
        lower! {
            pub async fn f(c: bool) -> usize {
                let x = if c { &Tracker::new("then") } else { &Tracker::new("else") };
                step("s").await;
                x.0.len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Nested lowered `async fn`s each holding trackers; the outer awaits them in sequence and in `pair`.
    p10b_nested_fns_cancel {
        lower! {
            pub async fn inner(tag: Tracker, k: u32) -> u32 {
                let _l = Tracker::new("inner-local");
                let a = leaf("ia", k).await;
                step("ib").await;
                a + tag.0.len() as u32
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let _o = Tracker::new("outer");
                let x = inner(Tracker::new("t1"), 1).await;
                let _m = Tracker::new("mid");
                let (y, z) = pair(inner(Tracker::new("t2"), 2), inner(Tracker::new("t3"), 3)).await;
                x + y + z
            }
        }
    }
    run { f() }
}

twin! {
    /// A future built but awaited on one path only, dropped unpolled on the other.
    p10b_future_not_awaited {
        lower! {
            pub async fn inner(t: Tracker) -> usize {
                step("inner").await;
                t.0.len()
            }
        }
        lower! {
            pub async fn f(c: bool) -> usize {
                let _a = Tracker::new("a");
                let fut = inner(Tracker::new("captured"));
                step("s1").await;
                let n = if c {
                    fut.await
                } else {
                    drop(fut);
                    step("dropped").await;
                    0
                };
                step("s2").await;
                n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A pinned boxed future polled across other awaits, then finished.
    p10b_boxed_future_local {
        lower! {
            pub async fn inner(t: Tracker) -> usize {
                let _i = Tracker::new("inner-i");
                step("inner1").await;
                step("inner2").await;
                t.0.len()
            }
        }
        lower! {
            pub async fn f() -> usize {
                let mut fut = Box::pin(inner(Tracker::new("boxed")));
                let _a = Tracker::new("a");
                step("s1").await;
                let n = fut.as_mut().await;
                step("s2").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `BTreeMap<u32, Tracker>`: insert replacing (returns the old), remove, entry across awaits.
    p10b_btreemap_trackers {
        lower! {
            pub async fn f() -> usize {
                let mut m: BTreeMap<u32, Tracker> = BTreeMap::new();
                m.insert(1, Tracker::new("m1"));
                step("s1").await;
                let old = m.insert(1, leaf("m1b", Tracker::new("m1b")).await);
                log(format!("old {old:?}"));
                m.insert(2, Tracker::new("m2"));
                step("s2").await;
                let r = m.remove(&2);
                step("s3").await;
                drop(old);
                m.entry(3).or_insert_with(|| Tracker::new("m3"));
                step("s4").await;
                let n = m.len();
                drop(r);
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `move` closure owning a tracker, called between awaits and dropped at scope end.
    p10b_closure_owning_tracker {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("cap");
                let u = Tracker::new("cap2");
                let get = move || t.0.len();
                step("s1").await;
                let a = get();
                let show = move |x: usize| { log(format!("{u:?} {x}")); x + 1 };
                step("s2").await;
                let b = show(a) + get();
                drop(show);
                step("s3").await;
                b
            }
        }
    }
    run { f() }
}

twin! {
    /// `for (i, t) in v.into_iter().enumerate().rev()` with awaits and an early `return`.
    p10b_for_enumerate_return {
        lower! {
            pub async fn f(stop: usize) -> usize {
                let _a = Tracker::new("a");
                let v = vec![Tracker::new("r0"), Tracker::new("r1"), Tracker::new("r2")];
                let mut n = 0;
                for (i, t) in v.into_iter().enumerate().rev() {
                    let _g = Tracker::new("g");
                    n += leaf("n", t.0.len()).await;
                    if i == stop {
                        return n + leaf("ret", 100).await;
                    }
                }
                n
            }
        }
    }
    run { pair(f(1), f(9)) }
}

twin! {
    /// A panic from an awaited future while a vector is half built and a `RefCell` is borrowed.
    p10b_panic_half_built {
        lower! {
            pub async fn f(cell: Rc<RefCell<u32>>) -> usize {
                let mut v = Vec::new();
                let _b = cell.borrow_mut();
                for i in 0..3u32 {
                    v.push(Tracker::new(["h0", "h1", "h2"][i as usize]));
                    if i == 1 {
                        let _t = Tracker::new("in-if");
                        boom("half").await;
                    }
                    step("push").await;
                }
                v.len()
            }
        }
    }
    run { f(Rc::new(RefCell::new(0))) }
}

twin! {
    /// Statement expressions whose values are trackers: dropped at the end of each statement.
    p10b_statement_values {
        lower! {
            pub async fn f() -> u32 {
                g10("stmt", 1).get();
                leaf("l", Tracker::new("l-val")).await;
                step("s1").await;
                (Tracker::new("tup0"), leaf("l2", 2).await);
                step("s2").await;
                let _ = (leaf("a", Tracker::new("la")).await, Tracker::new("lb"));
                step("s3").await;
                Some(leaf("x", Tracker::new("sx")).await);
                3
            }
        }
    }
    run { f() }
}

twin! {
    /// Tail expression temporaries not made from awaited values: edition 2024 drops them before locals.
    p10b_tail_temp_plain {
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                step("s").await;
                let v = {
                    let _l = Tracker::new("l");
                    step("in").await;
                    g10("block-tail", 1).get()
                };
                log(format!("v {v}"));
                g10("fn-tail", v).get()
            }
        }
    }
    run { f() }
}

twin! {
    /// `break value` and `return value` expressions with temporaries and awaits.
    p10b_break_return_temps {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                let mut i = 0;
                let r = loop {
                    let _l = Tracker::new("l");
                    i += 1;
                    if i == n {
                        return g10("ret", i).get() + leaf("r", 10).await;
                    }
                    if i > 2 {
                        break g10("brk", i).get() + leaf("b", 20).await;
                    }
                };
                r
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// An `if` condition reading through an awaited tracker: the temporary drops before the branch.
    p10b_if_cond_awaited_temp {
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                if leaf("c", Tracker::new("ct")).await.0.len() > 1 {
                    step("then").await;
                }
                log("between");
                while leaf("w", Tracker::new("wt")).await.0.is_empty() {
                    step("never").await;
                }
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// An async block stored in a local, capturing trackers by move, awaited later or dropped.
    p10b_async_block_local {
        lower! {
            pub async fn f(c: bool) -> usize {
                let t = Tracker::new("moved-in");
                let blk = async move {
                    let _i = Tracker::new("blk-local");
                    step("blk").await;
                    t.0.len()
                };
                let _a = Tracker::new("a");
                step("s1").await;
                if c { blk.await } else { 0 }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `move` closure owning whole trackers (method calls capture the whole local).
    p10b_closure_owning_whole {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("cap");
                let u = Tracker::new("cap2");
                let get = move || t.name().len();
                step("s1").await;
                let a = get();
                let show = move |x: usize| { log(format!("{:?} {x}", &u)); x + 1 };
                step("s2").await;
                let b = show(a) + get();
                drop(show);
                step("s3").await;
                b
            }
        }
    }
    run { f() }
}

twin! {
    /// An async block owning a whole tracker, awaited on one path and dropped unpolled on the other.
    p10b_async_block_whole {
        lower! {
            pub async fn f(c: bool) -> usize {
                let t = Tracker::new("moved-in");
                let blk = async move {
                    let _i = Tracker::new("blk-local");
                    p10_len(&t).await
                };
                let _a = Tracker::new("a");
                step("s1").await;
                if c { blk.await } else { 0 }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Per-iteration locals, one lent to an awaited call, in a loop body.
    p10b_loop_body_lent_local {
        lower! {
            pub async fn f() -> usize {
                let mut n = 0;
                for name in ["i0", "i1"] {
                    let _before = Tracker::new("before");
                    let g = Tracker::new(name);
                    n += p10_len(&g).await;
                    let _after = Tracker::new("after");
                    step("tail").await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A match arm block with a local lent to an awaited call after another local.
    p10b_arm_lent_local {
        lower! {
            pub async fn f(k: u32) -> usize {
                match k {
                    0 => {
                        let _x = Tracker::new("x");
                        let g = Tracker::new("g");
                        p10_len(&g).await
                    }
                    _ => {
                        let g = Tracker::new("g2");
                        let _y = Tracker::new("y");
                        p10_len(&g).await + leaf("k", 1).await
                    }
                }
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Arm bindings of an awaited scrutinee drop after the arm's own locals.
    p10b_arm_bindings_vs_locals {
        lower! {
            pub async fn f() -> usize {
                match leaf("pair", (Tracker::new("b0"), Tracker::new("b1"))).await {
                    (a, b) => {
                        let _c = Tracker::new("arm-local");
                        step("arm").await;
                        drop(b);
                        step("arm2").await;
                        a.0.len()
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Operands whose other branches end in `unreachable!()` / `todo!()`.
    p10b_never_macros_operand {
        lower! {
            pub async fn f(o: Option<u32>) -> u32 {
                let a = 1 + match o { Some(v) => leaf("v", v).await, None => unreachable!("none") };
                let b = p10_add(a, if a > 100 { todo!() } else { leaf("w", 2).await });
                b
            }
        }
    }
    run { f(Some(3)) }
}

twin! {
    /// Lifetime extension through `match` arms.
    p10b_ext_match {
        lower! {
            pub async fn f(k: u32) -> usize {
                let x = match k { 0 => &Tracker::new("m0"), _ => &Tracker::new("m1") };
                let _a = Tracker::new("a");
                step("s").await;
                x.0.len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A borrowed temporary scrutinee (`match &g10(..)`) whose guards and arms await.
    p10b_guard_on_borrowed_temp {
        lower! {
            pub async fn f(n: u32) -> u32 {
                match &g10("scr", n) {
                    g if leaf("g", g.n > 1).await => {
                        step("arm").await;
                        g.n
                    }
                    g => g.n + 100,
                }
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// Shadowing in a loop, the shadowed tracker moved into the new one.
    p10b_shadow_in_loop {
        lower! {
            pub async fn f() -> usize {
                let mut total = 0;
                for _ in 0..2 {
                    let t = Tracker::new("s1");
                    step("a").await;
                    let t = (t, Tracker::new("s2"));
                    step("b").await;
                    let t = leaf("c", (t.1, t.0)).await;
                    total += t.0.0.len();
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let .. else if let .. else` chain with temporary scrutinees and awaits in each branch.
    p10b_if_let_chain_temps {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                if let Some(k) = g10("first", n % 2).opt() {
                    step("one").await;
                    k
                } else if let Some(k) = g10("second", n).opt() {
                    step("two").await;
                    k + 10
                } else {
                    step("three").await;
                    99
                }
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// `Option<Box<Tracker>>` replaced, taken and mapped across awaits.
    p10b_option_box {
        lower! {
            pub async fn f() -> usize {
                let mut o: Option<Box<Tracker>> = Some(Box::new(Tracker::new("ob1")));
                step("s1").await;
                let n = o.as_deref().map(|t| t.0.len()).unwrap_or(0);
                let prev = o.replace(Box::new(leaf("ob2", Tracker::new("ob2")).await));
                step("s2").await;
                if let Some(b) = o.take() {
                    step("s3").await;
                    log(format!("took {b:?}"));
                }
                step("s4").await;
                n + prev.map(|b| b.0.len()).unwrap_or(0)
            }
        }
    }
    run { f() }
}

twin! {
    /// A temporary receiver whose method takes an awaited argument: it lives across the await.
    p10b_temp_receiver_awaited_arg {
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                let v = g10("recv", 1).child(leaf("nm", "kid").await).get();
                log("after v");
                let w = g10("recv2", 2).get() + g10("recv3", leaf("n", 3).await).get();
                v + w
            }
        }
    }
    run { f() }
}

twin! {
    /// `format!` and `vec!` with awaits among trackers and temporaries.
    p10b_macros_with_awaits {
        lower! {
            pub async fn f() -> usize {
                let s = format!("{} {} {}", g10("f1", 1).get(), leaf("x", 2).await, g10("f2", 3).get());
                log(s.clone());
                let v = vec![Tracker::new("v0"), leaf("v1", Tracker::new("v1")).await, Tracker::new("v2")];
                step("s").await;
                assert_eq!(leaf("a", 3).await, g10("cmp", 3).get(), "mismatch");
                s.len() + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Array of awaits where a later one panics: the finished elements drop in order.
    p10b_array_panic_middle {
        lower! {
            pub async fn f() -> usize {
                let _a = Tracker::new("a");
                let arr = [leaf("e0", Tracker::new("e0")).await, Tracker::new("e1"), { boom("e2").await; Tracker::new("e2") }];
                arr.len()
            }
        }
    }
    run { f() }
}

pub fn p10_take2(a: Tracker, b: u32) -> usize {
    log(format!("take2 {a:?} {b}"));
    a.0.len() + b as usize
}

twin! {
    /// Call arguments: a tracker argument is built, then a later argument panics or awaits.
    p10b_call_arg_panic {
        lower! {
            pub async fn f(fail: bool) -> usize {
                let _a = Tracker::new("a");
                let n = p10_take2(Tracker::new("arg"), leaf("b", 1).await);
                step("s").await;
                if fail {
                    return p10_take2(Tracker::new("arg2"), boom("b2").await);
                }
                n
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// Struct literal fields written out of declaration order, with awaits: source order evaluation.
    p10b_struct_field_order {
        lower! {
            pub async fn f() -> u32 {
                let g = G10 { n: leaf("n", 4).await, t: Tracker::new("late") };
                let h = G10 { n: { let _t = Tracker::new("in-n"); leaf("n2", 1).await }, t: leaf("t", Tracker::new("t2")).await };
                step("s").await;
                g.get() + h.get()
            }
        }
    }
    run { f() }
}

twin! {
    /// `break` with a tracker value from a `loop`, the other trackers of the iteration dropped.
    p10b_loop_break_tracker {
        lower! {
            pub async fn f() -> usize {
                let mut i = 0;
                let t = loop {
                    let a = Tracker::new(["l0", "l1", "l2"][i]);
                    let _b = Tracker::new("lb");
                    i += 1;
                    if leaf("done", i == 2).await {
                        break a;
                    }
                    step("again").await;
                };
                step("after").await;
                t.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `drain(..)` held across awaits inside a `for`, breaking early (the rest drop at the break).
    p10b_drain_across_awaits {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("d0"), Tracker::new("d1"), Tracker::new("d2"), Tracker::new("d3")];
                let mut n = 0;
                for t in v.drain(1..3) {
                    n += p10_len(&t).await;
                    if n > 100 { break; }
                }
                step("after drain").await;
                v.retain(|t| t.0 != "d0");
                step("after retain").await;
                n + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` async block awaited at once, borrowing locals, with its own trackers.
    p10b_async_block_borrow_now {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("outer-t");
                let mut v: Vec<Tracker> = Vec::new();
                let n = async {
                    let _i = Tracker::new("blk-i");
                    step("blk").await;
                    v.push(Tracker::new("pushed"));
                    t.0.len()
                }
                .await;
                step("after").await;
                n + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Result<Tracker, Tracker>` matched with `ref mut`, replaced across awaits.
    p10b_result_ref_mut {
        lower! {
            pub async fn f(ok: bool) -> usize {
                let mut r: Result<Tracker, Tracker> = if ok { Ok(Tracker::new("ok")) } else { Err(Tracker::new("err")) };
                match r {
                    Ok(ref mut t) => {
                        step("ok").await;
                        *t = Tracker::new("ok2");
                    }
                    Err(ref e) => {
                        step("err").await;
                        log(format!("e {e:?}"));
                    }
                }
                step("between").await;
                r = Ok(leaf("new", Tracker::new("fresh")).await);
                step("end").await;
                r.map(|t| t.0.len()).unwrap_or(0)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Index expressions with awaits and temporaries: `v[await].0`, `&v[..]` across awaits.
    p10b_index_with_awaits {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("x0"), Tracker::new("x11"), Tracker::new("x222")];
                let a = v[leaf("i", 1).await].0.len();
                let s = &v[1..];
                step("s").await;
                let b = s[leaf("j", 1).await].0.len();
                let c = [Tracker::new("tmp0"), Tracker::new("tmp1")][leaf("k", 0).await].0.len();
                a + b + c
            }
        }
    }
    run { f() }
}

twin! {
    /// `drop(mem::replace(&mut x, awaited))` and `Option::insert` across awaits.
    p10b_replace_with_awaited {
        lower! {
            pub async fn f() -> usize {
                let mut x = Tracker::new("x0");
                drop(std::mem::replace(&mut x, leaf("x1", Tracker::new("x1")).await));
                step("s1").await;
                let mut o: Option<Tracker> = None;
                let r = o.insert(leaf("o", Tracker::new("o1")).await);
                let n = r.0.len();
                step("s2").await;
                let old = std::mem::take(&mut o);
                step("s3").await;
                n + x.0.len() + old.map(|t| t.0.len()).unwrap_or(0)
            }
        }
    }
    run { f() }
}

twin! {
    /// Sorting and swapping tracker elements in place between awaits.
    p10b_sort_swap_vec {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("c"), Tracker::new("a"), Tracker::new("b")];
                step("s1").await;
                v.sort();
                step("s2").await;
                v.swap(0, 2);
                let first = v.remove(0);
                step("s3").await;
                v.insert(0, leaf("ins", Tracker::new("z")).await);
                log(format!("{first:?} {v:?}"));
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// As p10b_result_ref_mut, reading the result through `as_ref` at the end.
    p10b_result_ref_mut_borrow {
        lower! {
            pub async fn f(ok: bool) -> usize {
                let mut r: Result<Tracker, Tracker> = if ok { Ok(Tracker::new("ok")) } else { Err(Tracker::new("err")) };
                match r {
                    Ok(ref mut t) => {
                        step("ok").await;
                        *t = Tracker::new("ok2");
                    }
                    Err(ref e) => {
                        step("err").await;
                        log(format!("e {e:?}"));
                    }
                }
                step("between").await;
                r = Ok(leaf("new", Tracker::new("fresh")).await);
                step("end").await;
                r.as_ref().map(|t| t.0.len()).unwrap_or(0)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `let .. else` whose scrutinee makes a temporary and whose `else` awaits.
    p10b_let_else_temp_scrutinee {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                let Some(k) = g10("le-tmp", n).opt() else {
                    let _e = Tracker::new("else-t");
                    step("else").await;
                    return 0;
                };
                let Some(j) = g10("le-tmp2", leaf("j", k).await).opt() else {
                    return 1;
                };
                step("s").await;
                k + j
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// `while` whose condition awaits a call borrowing a temporary tracker.
    p10b_while_cond_ref_temp {
        lower! {
            pub async fn f() -> usize {
                let mut n = 0;
                while p10_len(&Tracker::new("wc")).await + n < 4 {
                    let _b = Tracker::new("body");
                    n += leaf("n", 1).await;
                }
                n
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0716): a `&tmp()` that follows an await in the same tuple (a `let` initializer or a `match` scrutinee) is not extended across a later await.
#[cfg(feature = "known-gaps")]
twin! {
    /// Scrutinee tuple with a temporary before an await; arms await too.
    p10b_match_tuple_temp_then_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                match (g10("m-tmp", n).get(), leaf("m", n + 1).await, &Tracker::new("m-ref")) {
                    (0, k, t) => {
                        step("zero").await;
                        k + t.0.len() as u32
                    }
                    (a, b, _) => a + leaf("other", b).await,
                }
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// `if let` scrutinee with a temporary built from an awaited value, then awaits in both branches.
    p10b_if_let_temp_from_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                if let Some(k) = g10("il-tmp", leaf("n", n).await).opt() {
                    step("then").await;
                    k
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// Deref chains of boxes and `Rc`s as temporaries around awaits.
    p10b_deref_temp_chain {
        lower! {
            pub async fn f() -> usize {
                let a = (&*Box::new(Tracker::new("box-tmp"))).0.len() + leaf("x", 1).await;
                let r = Rc::new(Tracker::new("rc-local"));
                let b = Rc::clone(&r).0.len() + leaf("y", 2).await;
                log(format!("count {}", Rc::strong_count(&r)));
                step("s").await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `self` by value of a struct with trackers, partially moved between awaits.
    p10b_self_partial_move {
        pub struct P10Pair { pub a: Tracker, pub b: Tracker, pub c: Option<Tracker> }
        impl P10Pair {
            lower! {
                pub async fn split(mut self) -> usize {
                    step("s1").await;
                    let a = self.a;
                    step("s2").await;
                    let c = self.c.take();
                    step("s3").await;
                    log(format!("{a:?} {c:?}"));
                    self.b.0.len()
                }
            }
        }
        lower! {
            pub async fn f() -> usize {
                let p = P10Pair { a: Tracker::new("pa"), b: Tracker::new("pb"), c: Some(Tracker::new("pc")) };
                let _x = Tracker::new("x");
                P10Pair::split(p).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Early `return` from a nested loop inside a match on a temporary, trackers at every level.
    p10b_return_from_nested {
        lower! {
            pub async fn f(stop: u32) -> u32 {
                let _f = Tracker::new("fn");
                match g10("outer-scr", stop).opt() {
                    Some(s) => {
                        let _arm = Tracker::new("arm");
                        for i in 0..3 {
                            let _l = Tracker::new("loop");
                            for j in 0..3 {
                                let _m = Tracker::new("inner");
                                if leaf("ij", i * 3 + j).await == s {
                                    return s * 10;
                                }
                            }
                        }
                        0
                    }
                    None => leaf("none", 7).await,
                }
            }
        }
    }
    run { pair(pair(f(0), f(4)), f(100)) }
}

twin! {
    /// Shrink of p10b_let_else_temp_scrutinee.
    p10b_min_let_else_temp {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let Some(k) = g10("tmp", n).opt() else {
                    step("else").await;
                    return 0;
                };
                k
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_let_else_temp_noawait {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let Some(k) = g10("tmp", n).opt() else {
                    log("else");
                    return 0;
                };
                step("s").await;
                k
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_ref_temp_after_await_match {
        lower! {
            pub async fn f() -> usize {
                match (leaf("m", 1).await, &Tracker::new("r")) {
                    (k, t) => k + t.0.len(),
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_ref_temp_after_await_let {
        lower! {
            pub async fn f() -> usize {
                let p = (leaf("m", 1).await, &Tracker::new("r"));
                p.0 + p.1.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_ref_temp_after_await_stmt {
        lower! {
            pub async fn f() -> usize {
                let k = leaf("m", 1).await + Tracker::new("r").0.len();
                k
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0716): a `&tmp()` that follows an await in the same tuple (a `let` initializer or a `match` scrutinee) is not extended across a later await.
#[cfg(feature = "known-gaps")]
twin! {
    /// Shrink of p10b_match_tuple_temp_then_await: `match (x.await, &tmp())` with an awaiting arm.
    p10b_min_rtaa_a {
        lower! {
            pub async fn f() -> usize {
                match (leaf("m", 1).await, &Tracker::new("r")) {
                    (k, t) => {
                        step("arm").await;
                        k + t.0.len()
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant kept while shrinking (passes).
    p10b_min_rtaa_b {
        lower! {
            pub async fn f() -> usize {
                match (Tracker::new("a").0.len(), leaf("m", 1).await, &Tracker::new("r")) {
                    (_, k, t) => k + t.0.len(),
                }
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0716): a `&tmp()` that follows an await in the same tuple (a `let` initializer or a `match` scrutinee) is not extended across a later await.
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: `let p = (x.await, &tmp());` across an await.
    p10b_min_rtaa_c {
        lower! {
            pub async fn f() -> usize {
                let p = (leaf("m", 1).await, &Tracker::new("r"));
                step("s").await;
                p.0 + p.1.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// As p10b_destructuring_assign with the deferred local typed.
    p10b_destructuring_assign_typed {
        lower! {
            pub async fn f() -> usize {
                let mut a = Tracker::new("a");
                let mut b = Tracker::new("b");
                _ = Tracker::new("underscore");
                step("s1").await;
                (a, b) = (b, a);
                step("s2").await;
                let c: Tracker;
                (c, _) = (Tracker::new("c"), Tracker::new("c-discard"));
                step("s3").await;
                (a, _) = leaf("pair", (Tracker::new("a2"), Tracker::new("a2-discard"))).await;
                step("s4").await;
                a.0.len() + b.0.len() + c.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Match scrutinee temporaries with non-awaiting guards and awaiting arms.
    p10b_guard_sync_arms_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                match g10("scr", n).opt() {
                    Some(k) if k > 1 => {
                        let _b = Tracker::new("big");
                        leaf("big", k).await
                    }
                    Some(_) => { step("one").await; 1 }
                    None => 0,
                }
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(5)) }
}

twin! {
    /// `if let .. && let ..` chains (edition 2024) with temporaries and awaits in the body and `else`.
    p10b_let_chain_temps {
        lower! {
            pub async fn f(o: Option<u32>, n: u32) -> u32 {
                let _a = Tracker::new("a");
                if let Some(x) = o && let Some(y) = g10("chain-tmp", n).opt() && x < y {
                    step("then").await;
                    x + y
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { pair(pair(f(None, 1), f(Some(1), 0)), pair(f(Some(1), 3), f(Some(5), 3))) }
}

twin! {
    /// An async `&self` method called on a temporary: the receiver lives across its await.
    p10b_async_method_on_temp {
        pub struct P10H(pub Tracker, pub u32);
        impl P10H {
            lower! {
                pub async fn size(&self) -> u32 {
                    step("size").await;
                    self.1 + self.0.0.len() as u32
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                let n = P10H(Tracker::new("recv"), 1).size().await;
                log("after n");
                let m = P10H(Tracker::new("recv2"), 2).size().await + P10H(Tracker::new("recv3"), 3).size().await;
                n + m
            }
        }
    }
    run { f() }
}

twin! {
    /// An extended `&mut` temporary assigned through between awaits.
    p10b_ext_mut_temp_assign {
        lower! {
            pub async fn f() -> usize {
                let x = &mut Tracker::new("m1");
                step("s1").await;
                *x = Tracker::new("m2");
                step("s2").await;
                *x = leaf("m3", Tracker::new("m3")).await;
                let v = &mut Vec::new();
                v.push(Tracker::new("pv"));
                step("s3").await;
                x.0.len() + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `@` bindings holding trackers across awaits.
    p10b_at_bindings {
        lower! {
            pub async fn f(o: Option<Tracker>) -> usize {
                match o {
                    whole @ Some(_) => {
                        step("some").await;
                        whole.map(|t| t.0.len()).unwrap_or(0)
                    }
                    None => {
                        let t @ Tracker(_) = Tracker::new("at");
                        step("none").await;
                        t.0.len()
                    }
                }
            }
        }
    }
    run { pair(f(Some(Tracker("given"))), f(None)) }
}

twin! {
    /// `continue` from a `match` arm on a temporary scrutinee inside a loop.
    p10b_continue_in_match_arm {
        lower! {
            pub async fn f() -> u32 {
                let mut acc = 0;
                for i in 0..4u32 {
                    let _it = Tracker::new("it");
                    match g10("lscr", i % 2).opt() {
                        None => {
                            step("skip").await;
                            continue;
                        }
                        Some(k) => acc += leaf("k", k + i).await,
                    }
                    step("tail").await;
                }
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// `return Ok(tmp + check().await?)` with temporaries on both sides of the `?`.
    p10b_return_question_temps {
        lower! {
            pub async fn f(limit: u32) -> Result<u32, String> {
                let _a = Tracker::new("a");
                if limit > 0 {
                    return Ok(g10("rq1", 1).get() + p10_check(leaf("v", 2).await, limit).await? + g10("rq2", 3).get());
                }
                Err("zero".into())
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(5)) }
}

twin! {
    /// A tuple binding versus separate bindings: drop order at the end of the scope.
    p10b_tuple_vs_separate {
        lower! {
            pub async fn f() -> usize {
                let t = (Tracker::new("t0"), Tracker::new("t1"));
                let (a, b) = (Tracker::new("a"), Tracker::new("b"));
                let [c, d] = [Tracker::new("c"), Tracker::new("d")];
                step("s").await;
                t.0.0.len() + a.0.len() + b.0.len() + c.0.len() + d.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `matches!` on a temporary combined with an awaited operand in a condition.
    p10b_matches_macro_cond {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                if matches!(g10("mt", n).opt(), Some(k) if k > 1) && leaf("c", true).await {
                    leaf("t", 1).await
                } else {
                    2
                }
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// Shrink of p10b_let_chain_temps: `if let .. = tmp() && cond`.
    p10b_min_let_chain_a {
        lower! {
            pub async fn f(n: u32) -> u32 {
                if let Some(y) = g10("t", n).opt() && y > 0 {
                    step("then").await;
                    y
                } else {
                    0
                }
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Shrink of p10b_let_chain_temps: `if cond && let .. = tmp()`.
    p10b_min_let_chain_b {
        lower! {
            pub async fn f(n: u32) -> u32 {
                if n > 0 && let Some(y) = g10("t", n).opt() {
                    step("then").await;
                    y
                } else {
                    0
                }
            }
        }
    }
    run { f(1) }
}
