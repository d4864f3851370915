//! Probe round 12a: locals kept in a frame slot (something parked borrows them) moved at
//! mentions that are not their last: on one branch, in loops, in guarded arms, into
//! closures; `Copy` and `&mut` slotted locals read after a move; drop order at scope end,
//! early return, `?`, cancellation and panics.
use crate::prelude::*;

twin! {
    /// Moved on one branch, read on the other, then a Tracker at scope end.
    p12a_move_one_branch_read_other {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f(c: bool) -> usize {
                let g = Tracker::new("g");
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let n = if c {
                    eat(v)
                } else {
                    log(format!("keep {}", v.len()));
                    0
                };
                let t = Tracker::new("t");
                step("t").await;
                log(format!("{g:?} {t:?}"));
                n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `let _ = v;` does not move natively: the slotted local stays alive and is read after.
    p12a_let_underscore_no_move {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let _ = v;
                let t = Tracker::new("t");
                step("t").await;
                log(format!("{t:?}"));
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `_ = v;` and `match v { _ => .. }` do not move natively.
    p12a_underscore_assign_and_match_wild {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                _ = v;
                match v {
                    _ => log("wild".to_string()),
                }
                step("t").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure whose parameter shadows a slotted local moves its parameter,
    /// not the local.
    p12a_closure_param_shadows_slotted {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let c = |v: Vec<Tracker>| drop(v);
                c(vec![Tracker::new("p")]);
                step("t").await;
                c(vec![Tracker::new("q")]);
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure with a `let` shadowing a slotted local inside its body.
    p12a_closure_let_shadows_slotted {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let c = || {
                    let v = vec![Tracker::new("inner")];
                    drop(v);
                };
                c();
                step("t").await;
                c();
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure whose `match` arm binds a name equal to a slotted local and
    /// moves it.
    p12a_closure_arm_binding_shadows {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let c = |o: Option<Vec<Tracker>>| match o {
                    Some(v) => drop(v),
                    None => log("none".to_string()),
                };
                c(Some(vec![Tracker::new("p")]));
                step("t").await;
                c(None);
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure that moves a slotted local: captured by value when made,
    /// kept across an await and handed to a function that calls it once.
    p12a_closure_moves_slotted_called_later {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        fn call_once<F: FnOnce() -> usize>(f: F) -> usize {
            f()
        }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let c = || eat(v);
                let t = Tracker::new("t");
                step("t").await;
                let n = call_once(c);
                step("u").await;
                log(format!("{t:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure that moves a slotted local, never called: drops with the closure.
    p12a_closure_moves_slotted_never_called {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let v = Tracker::new("v");
                let r = &v;
                step("s").await;
                log(format!("{r:?}"));
                let k = || drop(v);
                let t = Tracker::new("t");
                step("t").await;
                if c {
                    drop(k);
                    log("dropped k".to_string());
                }
                step("u").await;
                log(format!("{t:?}"));
                1
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `move` closure moving a slotted local, called after two awaits.
    p12a_move_closure_fnonce_later {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let k = move || {
                    let n = v.len();
                    drop(v);
                    n
                };
                step("t").await;
                let t = Tracker::new("t");
                step("u").await;
                let n = k();
                log(format!("{t:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure that only reads a `Copy` slotted local (captured by reference
    /// natively), called around awaits, then the local read by value.
    p12a_closure_copy_by_value_arg {
        fn add(a: u32, b: u32) -> u32 {
            a + b
        }
        lower! {
            pub async fn f() -> u32 {
                let n = 4u32;
                let r = &n;
                step("s").await;
                log(format!("{r}"));
                let c = || add(n, 1);
                let a = c();
                step("t").await;
                let b = c();
                step("u").await;
                a + b + n
            }
        }
    }
    run { f() }
}

twin! {
    /// `Copy` slotted locals of several kinds moved many times with awaits between.
    p12a_copy_kinds_many_moves {
        #[derive(Clone, Copy, Debug)]
        pub struct P { pub x: u32, pub y: u32 }
        fn sum(p: P) -> u32 {
            p.x + p.y
        }
        fn get(o: Option<u32>) -> u32 {
            o.unwrap_or(0)
        }
        fn first(s: &[u32]) -> u32 {
            s[0]
        }
        lower! {
            pub async fn f() -> u32 {
                let data = vec![9u32, 8];
                let p = P { x: 1, y: 2 };
                let o = Some(5u32);
                let s: &[u32] = &data;
                let rs = (&p, &o, &s);
                step("s").await;
                log(format!("{:?} {:?} {:?}", rs.0, rs.1, rs.2));
                let a = sum(p) + get(o) + first(s);
                step("t").await;
                let q = p;
                let o2 = o;
                let s2 = s;
                step("u").await;
                let b = sum(p) + get(o) + first(s) + sum(q) + get(o2) + first(s2);
                step("v").await;
                a + b + p.x + o.unwrap() + s[1]
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted state consumed and reassigned (`cur = next(cur)`) in a `while` loop, with
    /// an early `break` that returns it.
    p12a_cur_next_while_break {
        fn next(t: Tracker, i: u32) -> Tracker {
            log(format!("next {} {i}", t.0));
            Tracker::new(["a", "b", "c", "d"][i as usize % 4])
        }
        lower! {
            pub async fn f(stop: u32) -> Tracker {
                let mut cur = Tracker::new("c0");
                let mut i = 0;
                let out = loop {
                    let r = &cur;
                    step("s").await;
                    log(format!("at {r:?}"));
                    if i == stop {
                        break cur;
                    }
                    cur = next(cur, i);
                    i += 1;
                    step("t").await;
                };
                step("end").await;
                out
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// Moved in a guarded `match` arm, the guard reading it first; other arms read it.
    p12a_guarded_arm_moves {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f(k: u32) -> usize {
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let n = match k {
                    x if x < v.len() as u32 => eat(v),
                    5 => {
                        step("five").await;
                        v.len() + 5
                    }
                    _ => v.len(),
                };
                step("t").await;
                n
            }
        }
    }
    run { pair(f(1), pair(f(5), f(9))) }
}

twin! {
    /// Moved, reassigned, borrowed again across another await.
    p12a_move_reassign_borrow_again {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let a = eat(v);
                step("t").await;
                v = vec![Tracker::new("w0"), Tracker::new("w1")];
                let r2 = &v;
                step("u").await;
                log(format!("{}", r2.len()));
                let b = v.len();
                step("v").await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// Moved on one path, assigned on every path after (the old value drops at the
    /// assignment only where it was not moved).
    p12a_maybe_moved_then_assigned {
        lower! {
            pub async fn f(c: bool) -> usize {
                let mut v = Tracker::new("v0");
                let r = &v;
                step("s").await;
                log(format!("{r:?}"));
                if c {
                    drop(v);
                }
                step("t").await;
                v = Tracker::new("v1");
                log("assigned".to_string());
                step("u").await;
                log(format!("{v:?}"));
                1
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A slotted `&mut` passed to functions several times, with awaits between.
    p12a_mut_ref_many_calls {
        fn push(v: &mut Vec<u32>, x: u32) {
            v.push(x);
        }
        fn len(v: &mut Vec<u32>) -> usize {
            v.len()
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32];
                let m = &mut v;
                let mm = &m;
                step("s").await;
                log(format!("{}", mm.len()));
                push(m, 2);
                step("t").await;
                push(m, 3);
                let n = len(m);
                step("u").await;
                push(m, n as u32);
                m.push(7);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// The slotted local passed to an awaited call whose argument future is kept, then
    /// moved whole as its argument (`eat(v, leaf().await)`), cancelled at every await.
    p12a_moved_into_call_before_await_arg {
        fn eat(v: Vec<Tracker>, k: u32) -> usize {
            log(format!("eat {} {k}", v.len()));
            v.len() + k as usize
        }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let t = Tracker::new("t");
                let n = eat(v, leaf("k", 3).await);
                step("u").await;
                log(format!("{t:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted local moved into a tuple, a struct and an array before awaits in the same
    /// expression.
    p12a_moved_into_aggregates_before_await {
        #[derive(Debug)]
        pub struct S { pub a: Tracker, pub b: u32 }
        lower! {
            pub async fn f() -> (usize, usize) {
                let x = Tracker::new("x");
                let y = Tracker::new("y");
                let z = Tracker::new("z");
                let r = (&x, &y, &z);
                step("s").await;
                log(format!("{r:?}"));
                let tup = (x, leaf("a", 1u32).await);
                let s = S { a: y, b: leaf("b", 2u32).await };
                let arr = [z, Tracker::new(if leaf("c", true).await { "w" } else { "q" })];
                step("u").await;
                log(format!("{tup:?} {s:?} {arr:?}"));
                (tup.1 as usize, arr.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted local moved by `break v` out of a `loop` on one iteration, the loop
    /// awaiting before.
    p12a_break_value_of_slotted {
        lower! {
            pub async fn f(n: u32) -> Option<Tracker> {
                let t = Tracker::new("t");
                let r = &t;
                step("s").await;
                log(format!("{r:?}"));
                let mut i = 0;
                let got = loop {
                    step("l").await;
                    if i == n {
                        break Some(t);
                    }
                    if i > 3 {
                        break None;
                    }
                    i += 1;
                };
                step("e").await;
                got
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// A slotted future awaited (`fut.await` moves it), after a borrow of it lives across
    /// another await.
    p12a_slotted_future_awaited {
        lower! {
            pub async fn f() -> u32 {
                let fut = leaf("fut", 7u32);
                let r = &fut;
                step("s").await;
                log(format!("{}", std::mem::size_of_val(r)));
                let t = Tracker::new("t");
                let a = fut.await;
                step("u").await;
                log(format!("{t:?}"));
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted future pinned with `pin!` and awaited.
    p12a_slotted_future_pinned {
        lower! {
            pub async fn f() -> u32 {
                let fut = leaf("fut", 7u32);
                let r = &fut;
                step("s").await;
                log(format!("{}", std::mem::size_of_val(r)));
                let p = std::pin::pin!(fut);
                step("m").await;
                let a = p.await;
                step("u").await;
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted local returned by `?`'s other path: early return with the value on error.
    p12a_question_mark_with_slotted {
        fn check(n: u32) -> Result<u32, String> {
            if n > 2 { Err(format!("big {n}")) } else { Ok(n) }
        }
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f(n: u32) -> Result<usize, String> {
                let g = Tracker::new("g");
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let k = check(n)?;
                let m = if k == 0 { eat(v) } else { v.len() };
                step("t").await;
                let k2 = check(n + 1)?;
                log(format!("{g:?}"));
                Ok(m + k2 as usize)
            }
        }
    }
    run { pair(f(0), pair(f(1), f(5))) }
}

twin! {
    /// A slotted local moved, then a panic in a later await: the other locals drop.
    p12a_panic_after_move {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f(c: bool) -> usize {
                let a = Tracker::new("a");
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let n = if c { eat(v) } else { 0 };
                let b = Tracker::new("b");
                let k = boom("x").await;
                log(format!("{a:?} {b:?}"));
                n + k as usize
            }
        }
    }
    run { f(true) }
}

twin! {
    /// `_ = v;` then the slotted local's elements read after an await.
    p12a_underscore_assign_then_index {
        lower! {
            pub async fn f() -> &'static str {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                _ = v;
                log(format!("after {:?}", v[0]));
                step("t").await;
                v[0].0
            }
        }
    }
    run { f() }
}

twin! {
    /// `match v { _ => .. }` on a slotted local does not move it.
    p12a_match_wild_no_move {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                match v {
                    _ => log("wild".to_string()),
                }
                if let _ = v {
                    log("if let".to_string());
                }
                step("t").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _: T = v;` and `let _ = (v);` do not move a slotted local.
    p12a_let_underscore_typed_and_paren {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let _: Vec<Tracker> = v;
                log("typed".to_string());
                #[allow(unused_parens)]
                let _ = (v);
                log("paren".to_string());
                step("t").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `_ = v;` inside a non-`move` closure captures nothing natively.
    p12a_closure_underscore_assign {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let c = || {
                    _ = v;
                    log("in c".to_string());
                };
                c();
                drop(c);
                step("t").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` async block reading a `Copy` slotted local by value.
    p12a_async_block_copy_by_value {
        fn add(a: u32, b: u32) -> u32 {
            a + b
        }
        lower! {
            pub async fn f() -> u32 {
                let n = 4u32;
                let r = &n;
                step("s").await;
                log(format!("{r}"));
                let a = async { add(n, 1) }.await;
                step("t").await;
                a + n
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure passing a slotted `&mut` to a function (a reborrow natively).
    p12a_closure_mut_ref_reborrow {
        fn push(v: &mut Vec<u32>, x: u32) {
            v.push(x);
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32];
                let m = &mut v;
                let mm = &m;
                step("s").await;
                log(format!("{}", mm.len()));
                let mut c = |x| push(m, x);
                c(2);
                c(3);
                step("t").await;
                push(m, 4);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A local (not slotted) moved as a call's first argument before an awaiting second
    /// argument, cancelled at the await (compare with p12a_moved_into_call_before_await_arg).
    p12a_unslotted_moved_into_call_before_await_arg {
        fn eat(v: Vec<Tracker>, k: u32) -> usize {
            log(format!("eat {} {k}", v.len()));
            v.len() + k as usize
        }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                step("s").await;
                let t = Tracker::new("t");
                let n = eat(v, leaf("k", 3).await);
                step("u").await;
                log(format!("{t:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted local moved by struct field shorthand (`S { v }`).
    p12a_struct_shorthand_moves_slotted {
        #[derive(Debug)]
        pub struct S { pub v: Vec<Tracker>, pub n: u32 }
        lower! {
            pub async fn f(c: bool) -> usize {
                let v = vec![Tracker::new("v0")];
                let n = 3u32;
                let r = (&v, &n);
                step("s").await;
                log(format!("{r:?}"));
                let s = if c { Some(S { v, n }) } else { None };
                step("t").await;
                log(format!("{s:?} {n}"));
                s.map(|s| s.v.len()).unwrap_or(0)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A slotted local moved inside a `move` closure nested in a non-`move` closure.
    p12a_nested_move_closure_moves_slotted {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let outer = || {
                    let inner = move || v.len();
                    inner()
                };
                let t = Tracker::new("t");
                step("t").await;
                let n = outer();
                log(format!("{t:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// An inner block shadows a slotted local and moves its own; the outer stays.
    p12a_block_shadow_moves_inner {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                {
                    let v = vec![Tracker::new("inner")];
                    step("in").await;
                    drop(v);
                }
                step("t").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Option<u32>` slotted local moved by guarded `match` arms' values.
    p12a_copy_option_guarded_arms {
        lower! {
            pub async fn f(k: u32) -> Option<u32> {
                let o = Some(k);
                let r = &o;
                step("s").await;
                log(format!("{r:?}"));
                let o2 = match o {
                    Some(x) if x > 3 => o,
                    Some(0) => None,
                    _ => {
                        step("arm").await;
                        o.map(|x| x + 100)
                    }
                };
                step("t").await;
                log(format!("{o:?} {o2:?}"));
                o2.or(o)
            }
        }
    }
    run { pair(f(5), pair(f(0), f(2))) }
}

twin! {
    /// A generic slotted parameter consumed on one branch only.
    p12a_generic_param_moved_one_branch {
        fn eat<T: std::fmt::Debug>(t: T) {
            log(format!("eat {t:?}"));
        }
        lower! {
            pub async fn f<T: std::fmt::Debug>(t: T, c: bool) -> u32 {
                let g = Tracker::new("g");
                let r = &t;
                step("s").await;
                log(format!("{r:?}"));
                if c {
                    eat(t);
                } else {
                    log(format!("kept {t:?}"));
                }
                step("t").await;
                log(format!("{g:?}"));
                1
            }
        }
    }
    run { pair(f(Tracker("p"), true), f(Tracker("q"), false)) }
}

twin! {
    /// A non-`move` closure that moves a slotted local on one branch of its body.
    p12a_closure_moves_on_one_branch_of_body {
        fn call_once<T, F: FnOnce() -> T>(f: F) -> T {
            f()
        }
        lower! {
            pub async fn f(c: bool) -> u32 {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let k = || {
                    if c {
                        drop(v);
                    } else {
                        log(format!("len {}", v.len()));
                    }
                };
                let t = Tracker::new("t");
                step("t").await;
                call_once(k);
                step("u").await;
                log(format!("{t:?}"));
                2
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A closure borrowing a local kept across an await (the local is slotted), then the
    /// local moved after the closure's last use.
    p12a_closure_borrow_then_move {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                let c = || v.len();
                step("s").await;
                let a = c();
                step("t").await;
                let b = c();
                let t = Tracker::new("t");
                let n = eat(v);
                step("u").await;
                log(format!("{t:?}"));
                a + b + n
            }
        }
    }
    run { f() }
}

twin! {
    /// A local borrowed by a `for` over `&v` with an await in the body, then moved to another
    /// name and iterated again.
    p12a_for_borrow_then_move_iterate_again {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                for x in &v {
                    step("a").await;
                    log(format!("{x:?}"));
                }
                let w = v;
                let t = Tracker::new("t");
                for x in &w {
                    step("b").await;
                    log(format!("{x:?}"));
                }
                drop(t);
                w.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited call lent `&v` whose output is kept across an await, then `v` moved on one
    /// path and returned on another.
    p12a_lent_to_awaited_then_moved {
        lower! {
            pub async fn count(v: &Vec<Tracker>) -> usize {
                step("count").await;
                v.len()
            }
        }
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f(c: bool) -> Vec<Tracker> {
                let v = vec![Tracker::new("v0")];
                let n = count(&v).await;
                step("s").await;
                log(format!("n {n}"));
                if c {
                    return v;
                }
                let m = eat(v);
                step("t").await;
                vec![Tracker::new(if m > 0 { "m" } else { "z" })]
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `Copy` slotted local copied, then modified with `+=`, read after awaits.
    p12a_copy_then_modified {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 1u32;
                let r = &n;
                step("s").await;
                log(format!("{r}"));
                let m = n;
                n += 5;
                step("t").await;
                let k = n;
                n *= 2;
                step("u").await;
                m * 100 + k * 10 + n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Copy` slotted local copied into a `move` closure, then modified: the closure keeps
    /// the old value.
    p12a_copy_into_move_closure_then_modified {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 3u32;
                let r = &n;
                step("s").await;
                log(format!("{r}"));
                let c = move || n * 2;
                n += 1;
                step("t").await;
                let a = c();
                step("u").await;
                a * 10 + n + c()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Copy` slotted local copied into an `async move` block awaited after it is modified.
    p12a_copy_into_async_move_then_modified {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 3u32;
                let r = &n;
                step("s").await;
                log(format!("{r}"));
                let fut = async move {
                    step("in").await;
                    n * 2
                };
                n = 10;
                step("t").await;
                fut.await + n
            }
        }
    }
    run { f() }
}

twin! {
    /// `return eat(v)` inside a loop on one iteration; otherwise `v` is read after the loop.
    p12a_return_move_in_loop {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len() * 100
        }
        lower! {
            pub async fn f(k: u32) -> usize {
                let g = Tracker::new("g");
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                for i in 0..3 {
                    let t = Tracker::new("t");
                    if i == k {
                        return eat(v);
                    }
                    step("l").await;
                    drop(t);
                }
                log(format!("{g:?}"));
                v.len()
            }
        }
    }
    run { pair(f(1), f(7)) }
}

twin! {
    /// The slotted local moved into a function that panics: it drops once, in the callee.
    p12a_moved_into_panicking_callee {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            panic!("eat panics");
        }
        lower! {
            pub async fn f() -> usize {
                let a = Tracker::new("a");
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let b = Tracker::new("b");
                let n = eat(v);
                log(format!("{a:?} {b:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted `&mut` bound by a typed `let` (a reborrow), by a plain `let` (a move) and
    /// assigned through after.
    p12a_mut_ref_typed_let_reborrow {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32];
                let m = &mut v;
                let mm = &m;
                step("s").await;
                log(format!("{}", mm.len()));
                let w: &mut Vec<u32> = m;
                w.push(2);
                step("t").await;
                m.push(3);
                *m = vec![m.len() as u32];
                let last = m;
                step("u").await;
                last.push(9);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted local moved by a labeled block's `break 'a v`.
    p12a_labeled_block_break_value {
        lower! {
            pub async fn f(c: bool) -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let w = 'a: {
                    if c {
                        break 'a v;
                    }
                    log(format!("no {}", v.len()));
                    Vec::new()
                };
                step("t").await;
                w.len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A slotted local moved by a `match` on it with a binding (scrutinee moved by the arm).
    p12a_match_binding_moves_scrutinee {
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let n = match v {
                    w if w.len() > k => {
                        drop(w);
                        1
                    }
                    w => w.len(),
                };
                step("t").await;
                n
            }
        }
    }
    run { pair(f(0), f(5)) }
}

twin! {
    /// `std::mem::replace` and `std::mem::take` on a slotted local, then the old values
    /// dropped at different points.
    p12a_mem_replace_slotted {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let old = std::mem::replace(&mut v, vec![Tracker::new("n0"), Tracker::new("n1")]);
                let r2 = &v;
                step("t").await;
                log(format!("{} {}", old.len(), r2.len()));
                let taken = std::mem::take(&mut v);
                drop(old);
                step("u").await;
                taken.len() + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure that returns a slotted local (`|| v`), called after awaits.
    p12a_closure_returns_slotted {
        fn call_once<T, F: FnOnce() -> T>(f: F) -> T {
            f()
        }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let c = || v;
                step("t").await;
                let w = call_once(c);
                step("u").await;
                w.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure made in one branch only moves a slotted local; the other branch
    /// reads it later.
    p12a_closure_made_on_one_branch {
        fn call_once<T, F: FnOnce() -> T>(f: F) -> T {
            f()
        }
        lower! {
            pub async fn f(c: bool) -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let n = if c {
                    let k = || {
                        let n = v.len();
                        drop(v);
                        n
                    };
                    step("in").await;
                    call_once(k)
                } else {
                    step("else").await;
                    v.len() + 10
                };
                step("t").await;
                n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A closure capturing a slotted local by value, parked across awaits and dropped on
    /// cancellation with the locals around it.
    p12a_closure_by_value_cancelled {
        fn call_once<T, F: FnOnce() -> T>(f: F) -> T {
            f()
        }
        lower! {
            pub async fn f() -> usize {
                let a = Tracker::new("a");
                let v = Tracker::new("v");
                let r = &v;
                step("s").await;
                log(format!("{r:?}"));
                let b = Tracker::new("b");
                let k = || drop(v);
                let c = Tracker::new("c");
                step("t").await;
                step("u").await;
                call_once(k);
                log(format!("{a:?} {b:?} {c:?}"));
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `match` binding a slotted local by value in its only arm.
    p12a_min_match_binding_moves_slotted {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                match v {
                    w => w.len(),
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: an `if let` binding a slotted `Option` by value (`Some(w)` moves it).
    p12a_min_if_let_binding_moves_slotted {
        lower! {
            pub async fn f() -> usize {
                let o = Some(Tracker::new("o"));
                let r = &o;
                step("s").await;
                log(format!("{r:?}"));
                let t = Tracker::new("t");
                let n = if let Some(w) = o {
                    log(format!("{w:?}"));
                    1
                } else {
                    0
                };
                step("e").await;
                drop(t);
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a nested `move` closure inside a non-`move` closure moves the slotted local
    /// out (natively it drops when the outer closure is called).
    p12a_min_nested_move_closure {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let outer = || {
                    let inner = move || v.len();
                    inner()
                };
                let n = outer();
                log("called".to_string());
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `Copy` slotted local named by value in a non-`move` closure (natively
    /// captured by reference).
    p12a_min_closure_copy_by_value {
        lower! {
            pub async fn f() -> u32 {
                let n = 4u32;
                let r = &n;
                step("s").await;
                log(format!("{r}"));
                let c = || std::convert::identity(n);
                c()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `_ = v;` on a slotted local drops it there (natively it is not moved), then
    /// reads freed memory.
    p12a_min_underscore_assign {
        lower! {
            pub async fn f() -> &'static str {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                _ = v;
                log("after".to_string());
                v[0].0
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a non-`move` async block moving a slotted local, awaited in place.
    p12a_min_async_block_moves_slotted {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                async { v.into_iter().count() }.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A nested `move` closure inside a non-`move` closure moves the slotted local out; the
    /// outer closure is kept across an await before it is called.
    p12a_min_nested_move_closure_across_await {
        lower! {
            pub async fn f() -> usize {
                let v = Tracker::new("v");
                let r = &v;
                step("s").await;
                log(format!("{r:?}"));
                let outer = || {
                    let inner = move || vec![v].len();
                    inner()
                };
                step("t").await;
                let n = outer();
                log("called".to_string());
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `v;` as a statement moves (and drops) a slotted local there.
    p12a_expr_stmt_moves_slotted {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let v = Tracker::new("v");
                let w = Tracker::new("w");
                let r = (&v, &w);
                step("s").await;
                log(format!("{r:?}"));
                if c {
                    v;
                } else {
                    w;
                }
                log("after".to_string());
                step("t").await;
                1
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `let ref w = v;` borrows (does not move) a slotted local, then `v` is read again.
    p12a_let_ref_pattern_no_move {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let ref w = v;
                let t = Tracker::new("t");
                step("t").await;
                log(format!("{} {} {t:?}", w.len(), v[0].0));
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `+` on a slotted `String` moves its left operand.
    p12a_binary_op_moves_slotted_string {
        lower! {
            pub async fn f(c: bool) -> String {
                let s = String::from("ab");
                let r = &s;
                step("s").await;
                log(format!("{r}"));
                let out = if c { s + "-x" } else { s.clone() + "-y" };
                step("t").await;
                out
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `?` on a slotted `Option` moves it.
    p12a_question_on_slotted_option {
        lower! {
            pub async fn f(c: bool) -> Option<usize> {
                let g = Tracker::new("g");
                let o = if c { Some(Tracker::new("o")) } else { None };
                let r = &o;
                step("s").await;
                log(format!("{r:?}"));
                let t = o?;
                step("t").await;
                log(format!("{t:?} {g:?}"));
                Some(1)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `for x in v` consumes a slotted vector, awaiting in the body.
    p12a_for_consumes_slotted {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0"), Tracker::new("v1"), Tracker::new("v2")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let mut n = 0;
                for x in v {
                    step("l").await;
                    if x.0 == "v1" {
                        break;
                    }
                    n += 1;
                }
                step("e").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = if c { v } else { w };`: the `if` is a value, so natively the chosen local is
    /// moved into a temporary and dropped at the end of the statement.
    p12a_let_underscore_of_if_value {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let v = Tracker::new("v");
                let w = Tracker::new("w");
                let r = (&v, &w);
                step("s").await;
                log(format!("{r:?}"));
                let _ = if c { v } else { w };
                log("after".to_string());
                step("t").await;
                1
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `_ = (v, 1);` moves the slotted local into a tuple dropped at once.
    p12a_underscore_assign_tuple {
        lower! {
            pub async fn f() -> u32 {
                let v = Tracker::new("v");
                let r = &v;
                step("s").await;
                log(format!("{r:?}"));
                _ = (v, 1);
                log("after".to_string());
                step("t").await;
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// A destructuring assignment `(a, _) = (v, w);` moves both into the tuple.
    p12a_destructuring_assign_from_slotted {
        lower! {
            pub async fn f() -> u32 {
                let v = Tracker::new("v");
                let w = Tracker::new("w");
                let mut a = Tracker::new("a");
                let r = (&v, &w);
                step("s").await;
                log(format!("{r:?}"));
                (a, _) = (v, w);
                log("after".to_string());
                step("t").await;
                log(format!("{a:?}"));
                1
            }
        }
    }
    run { f() }
}

// Known gap: a destructuring `let` or assignment that moves part of a local kept in a frame slot (`let (t, _) = p;`, `(_, b) = t;`) where the local is read again after: the part cannot be moved out through the slot handle (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    /// A tuple slotted local destructured by a `let` leaving a `Copy` field, read again.
    p12a_tuple_destructure_then_copy_field {
        lower! {
            pub async fn f() -> u32 {
                let p = (Tracker::new("p"), 7u32);
                let r = &p;
                step("s").await;
                log(format!("{r:?}"));
                let (t, _) = p;
                step("t").await;
                log(format!("{t:?}"));
                p.1
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `v;` as a statement on a slotted local.
    p12a_min_expr_stmt_moves_slotted {
        lower! {
            pub async fn f() -> u32 {
                let v = Tracker::new("v");
                let r = &v;
                step("s").await;
                log(format!("{r:?}"));
                v;
                log("after".to_string());
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a slotted `String` as the left operand of `+`.
    p12a_min_binary_op_moves_slotted {
        lower! {
            pub async fn f() -> String {
                let s = String::from("ab");
                let r = &s;
                step("s").await;
                log(format!("{r}"));
                s + "-x"
            }
        }
    }
    run { f() }
}

twin! {
    /// Slotted `&Tracker` references (`Copy`) moved into vectors and calls several times.
    p12a_copy_refs_moved_many_times {
        fn name(t: &Tracker) -> &'static str {
            t.0
        }
        lower! {
            pub async fn f() -> usize {
                let a = Tracker::new("a");
                let b = Tracker::new("b");
                let ta = &a;
                let tb = &b;
                let rr = (&ta, &tb);
                step("s").await;
                log(format!("{:?}", rr));
                let v = vec![ta, tb, ta];
                step("t").await;
                let w = [tb, ta];
                log(format!("{} {}", name(ta), name(tb)));
                step("u").await;
                log(format!("{v:?} {w:?} {ta:?}"));
                v.len() + w.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Copy` struct slotted local moved into `vec![p, p]`, `[p; 3]` and a call.
    p12a_copy_struct_into_vec_and_array {
        #[derive(Clone, Copy, Debug)]
        pub struct P { pub x: u32 }
        fn bump(mut p: P) -> P {
            p.x += 1;
            p
        }
        lower! {
            pub async fn f() -> u32 {
                let mut p = P { x: 1 };
                let r = &p;
                step("s").await;
                log(format!("{r:?}"));
                let v = vec![p, p];
                let arr = [p; 3];
                step("t").await;
                p = bump(p);
                let q = bump(p);
                step("u").await;
                v[0].x + arr[2].x + p.x * 10 + q.x * 100
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted local moved into a `Box` kept across awaits, then unboxed.
    p12a_moved_into_box_kept {
        lower! {
            pub async fn f() -> usize {
                let g = Tracker::new("g");
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let b = Box::new(v);
                let t = Tracker::new("t");
                step("t").await;
                let v2 = *b;
                step("u").await;
                log(format!("{g:?} {t:?}"));
                v2.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` async block moving a slotted local, bound and awaited after another await.
    p12a_async_block_moves_slotted_bound {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let fut = async {
                    step("in").await;
                    eat(v)
                };
                let t = Tracker::new("t");
                step("t").await;
                let n = fut.await;
                log(format!("{t:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` async block reading a `Copy` slotted local by value, bound and awaited
    /// later (natively it borrows the local).
    p12a_async_block_copy_bound {
        fn add(a: u32, b: u32) -> u32 {
            a + b
        }
        lower! {
            pub async fn f() -> u32 {
                let n = 4u32;
                let r = &n;
                step("s").await;
                log(format!("{r}"));
                let fut = async {
                    step("in").await;
                    add(n, 1)
                };
                step("t").await;
                fut.await + n
            }
        }
    }
    run { f() }
}

twin! {
    /// Two slotted locals swapped by a destructuring assignment `(a, b) = (b, a)`.
    p12a_swap_by_destructuring_assign {
        lower! {
            pub async fn f() -> (Tracker, Tracker) {
                let mut a = Tracker::new("a");
                let mut b = Tracker::new("b");
                let r = (&a, &b);
                step("s").await;
                log(format!("{r:?}"));
                (a, b) = (b, a);
                step("t").await;
                log(format!("{a:?} {b:?}"));
                let ra = &a;
                step("u").await;
                log(format!("{ra:?}"));
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Two slotted locals moved back and forth (`w = v; v = w;`) in a loop with awaits.
    p12a_ping_pong_loop {
        fn grow(mut v: Vec<Tracker>, i: u32) -> Vec<Tracker> {
            log(format!("grow {i}"));
            v.push(Tracker::new(["x", "y", "z"][i as usize % 3]));
            v
        }
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("v0")];
                let mut w;
                for i in 0..3 {
                    let r = &v;
                    step("s").await;
                    log(format!("{}", r.len()));
                    w = grow(v, i);
                    let rw = &w;
                    step("t").await;
                    log(format!("{}", rw.len()));
                    v = w;
                }
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted local moved into a parked `let`, then a panicking await.
    p12a_moved_then_boom {
        lower! {
            pub async fn f() -> usize {
                let a = Tracker::new("a");
                let v = Tracker::new("v");
                let r = &v;
                step("s").await;
                log(format!("{r:?}"));
                let w = v;
                let b = Tracker::new("b");
                let k = boom("x").await;
                log(format!("{a:?} {w:?} {b:?}"));
                k as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-capturing closure (`Copy`) kept in a slot, passed by value twice.
    p12a_copy_closure_slotted {
        fn apply<F: Fn(u32) -> u32>(f: F, x: u32) -> u32 {
            f(x)
        }
        lower! {
            pub async fn f() -> u32 {
                let c = |x: u32| x * 3;
                let rc = &c;
                step("s").await;
                let a = rc(1);
                let b = apply(c, 2);
                step("t").await;
                let d = apply(c, 3);
                a + b + d + c(4)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Copy` generic slotted parameter moved several times across awaits.
    p12a_generic_copy_param {
        fn id<T>(t: T) -> T {
            t
        }
        lower! {
            pub async fn f<T: Copy + std::fmt::Debug>(t: T) -> (T, T, T) {
                let r = &t;
                step("s").await;
                log(format!("{r:?}"));
                let a = id(t);
                step("t").await;
                let b = id(t);
                step("u").await;
                (a, b, t)
            }
        }
    }
    run { f(5u8) }
}

twin! {
    /// A state enum slotted, consumed by a `match` in a function each round (`st = step_fn(st)`),
    /// with a guard reading a counter.
    p12a_state_enum_consumed_loop {
        #[derive(Debug)]
        pub enum St { A(Tracker), B(Tracker, u32), Done }
        fn advance(st: St, i: u32) -> St {
            log(format!("advance {st:?} {i}"));
            match st {
                St::A(t) => St::B(t, i),
                St::B(t, n) if n > 0 => {
                    drop(t);
                    St::Done
                }
                St::B(t, _) => St::A(t),
                St::Done => St::Done,
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut st = St::A(Tracker::new("s0"));
                let mut i = 0;
                loop {
                    let r = &st;
                    step("s").await;
                    log(format!("{r:?}"));
                    if matches!(st, St::Done) {
                        break;
                    }
                    st = advance(st, i);
                    i += 1;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a destructuring assignment whose left side names a slotted local.
    p12a_min_destructuring_assign_to_slotted {
        lower! {
            pub async fn f() -> Tracker {
                let mut a = Tracker::new("a");
                let r = &a;
                step("s").await;
                log(format!("{r:?}"));
                (a, _) = (Tracker::new("n"), 1);
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// A destructuring assignment into slotted `Copy` locals (array and struct patterns).
    p12a_destructuring_assign_copy_slotted {
        pub struct P { pub x: u32, pub y: u32 }
        lower! {
            pub async fn f() -> u32 {
                let mut a = 1u32;
                let mut b = 2u32;
                let r = (&a, &b);
                step("s").await;
                log(format!("{r:?}"));
                [a, b] = [b, a];
                step("t").await;
                P { x: a, y: b } = P { x: a * 10, y: b * 10 };
                step("u").await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted local assigned while still holding its value: the old value drops at the
    /// assignment; at scope end the locals drop in declaration order reversed.
    p12a_assign_full_slot_and_scope_end_order {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let a = Tracker::new("a");
                let mut v = Tracker::new("v0");
                let r = &v;
                step("s").await;
                log(format!("{r:?}"));
                let b = Tracker::new("b");
                if c {
                    drop(v);
                }
                v = Tracker::new("v1");
                step("t").await;
                v = Tracker::new("v2");
                let rv = &v;
                step("u").await;
                log(format!("{a:?} {b:?} {rv:?}"));
                1
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A slotted local moved into an awaited lowered call's argument (it lives in the callee's
    /// future), cancelled at every await.
    p12a_moved_into_awaited_callee {
        lower! {
            pub async fn consume(v: Vec<Tracker>, t: Tracker) -> usize {
                step("c1").await;
                log(format!("consume {} {t:?}", v.len()));
                step("c2").await;
                v.len()
            }
        }
        lower! {
            pub async fn f(c: bool) -> usize {
                let a = Tracker::new("a");
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let n = if c { consume(v, Tracker::new("arg")).await } else { v.len() };
                step("t").await;
                log(format!("{a:?}"));
                n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `let ... else` returning a slotted local from the `else`, reading it on the other path.
    p12a_let_else_returns_slotted {
        lower! {
            pub async fn f(o: Option<u32>) -> (u32, Vec<Tracker>) {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let Some(k) = o else {
                    return (0, v);
                };
                step("t").await;
                log(format!("{k} {}", v.len()));
                (k, Vec::new())
            }
        }
    }
    run { pair(f(Some(3)), f(None)) }
}

twin! {
    /// Or-patterns with a guard moving a slotted local in one arm.
    p12a_or_pattern_guard_arm_moves {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f(k: u32, c: bool) -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let n = match k {
                    0 | 1 if c => eat(v),
                    0 | 1 => {
                        step("01").await;
                        v.len() + 10
                    }
                    _ => {
                        let w = v;
                        step("other").await;
                        w.len() + 20
                    }
                };
                step("t").await;
                n
            }
        }
    }
    run { pair(f(0, true), pair(f(1, false), f(2, true))) }
}

twin! {
    /// A `Copy` counter slotted and reassigned from a call on itself in a `while` loop.
    p12a_copy_counter_while {
        fn inc(n: u32) -> u32 {
            n + 1
        }
        lower! {
            pub async fn f() -> u32 {
                let mut n = 0u32;
                let r = &n;
                step("s").await;
                log(format!("{r}"));
                while inc(n) < 4 {
                    n = inc(n);
                    step("l").await;
                    let m = n;
                    log(format!("{m} {n}"));
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted local moved in the right side of its own assignment (`v = { drop(v); .. }`).
    p12a_moved_inside_own_assignment {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                v = {
                    let n = v.len();
                    drop(v);
                    log("dropped old".to_string());
                    vec![Tracker::new(if n > 0 { "n1" } else { "n0" })]
                };
                step("t").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `(_, _) = t;` does not move a slotted tuple natively; it is read after.
    p12a_tuple_wild_assign_no_move {
        lower! {
            pub async fn f() -> &'static str {
                let t = (Tracker::new("t0"), vec![Tracker::new("t1")]);
                let r = &t;
                step("s").await;
                log(format!("{r:?}"));
                (_, _) = t;
                log("after".to_string());
                step("t").await;
                t.1[0].0
            }
        }
    }
    run { f() }
}

twin! {
    /// `let (_, _) = t;` as the last mention of a slotted tuple: nothing moves natively, so
    /// it drops at scope end, after a later local.
    p12a_let_tuple_wild_last_mention {
        lower! {
            pub async fn f() -> u32 {
                let t = (Tracker::new("t0"), Tracker::new("t1"));
                let r = &t;
                step("s").await;
                log(format!("{r:?}"));
                let (_, _) = t;
                let u = Tracker::new("u");
                step("t").await;
                log(format!("{u:?}"));
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// `let (a, _) = t;` binds only a `Copy` field of a slotted tuple: nothing moves natively.
    p12a_let_tuple_copy_field_only {
        lower! {
            pub async fn f() -> u32 {
                let t = (5u32, Tracker::new("t1"));
                let r = &t;
                step("s").await;
                log(format!("{r:?}"));
                let (a, _) = t;
                let u = Tracker::new("u");
                step("t").await;
                log(format!("{u:?} {a}"));
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure holding a non-`move` closure that moves a slotted local.
    p12a_nested_nonmove_closures_move_slotted {
        fn call_once<T, F: FnOnce() -> T>(f: F) -> T {
            f()
        }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let outer = || {
                    let inner = || {
                        let n = v.len();
                        drop(v);
                        n
                    };
                    inner()
                };
                let n = call_once(outer);
                log("called".to_string());
                step("t").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure moving a slotted local through `vec![..]`.
    p12a_closure_vec_macro_moves_slotted {
        fn call_once<T, F: FnOnce() -> T>(f: F) -> T {
            f()
        }
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("t");
                let r = &t;
                step("s").await;
                log(format!("{r:?}"));
                let c = || vec![t, Tracker::new("u")];
                step("t").await;
                let v = call_once(c);
                log("called".to_string());
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted `&mut` parameter reborrowed inside a non-`move` closure called on both sides
    /// of an await, then used directly.
    p12a_closure_mut_param_reborrow_across_await {
        fn push(v: &mut Vec<u32>, x: u32) {
            v.push(x);
        }
        lower! {
            pub async fn g(m: &mut Vec<u32>) -> usize {
                let mm = &m;
                step("s").await;
                log(format!("{}", mm.len()));
                let mut c = |x| push(m, x);
                c(2);
                step("t").await;
                c(3);
                push(m, 4);
                m.len()
            }
        }
    }
    run { g(leak(vec![1u32])) }
}

twin! {
    /// Minimal: a local moved as a call's first argument while the second awaits; cancelled
    /// at the await (the local is not slotted).
    p12a_min_arg_moved_before_awaiting_arg {
        fn eat(v: Tracker, k: u32) -> u32 {
            log(format!("eat {v:?}"));
            k
        }
        lower! {
            pub async fn f() -> u32 {
                let v = Tracker::new("v");
                let t = Tracker::new("t");
                eat(v, leaf("k", 3).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `_ = v;` inside a non-`move` closure on a slotted local, then the local's elements read.
    p12a_closure_underscore_assign_then_index {
        lower! {
            pub async fn f() -> &'static str {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let c = || {
                    _ = v;
                };
                c();
                drop(c);
                step("t").await;
                v[0].0
            }
        }
    }
    run { f() }
}

twin! {
    /// `let v = v;` rebinds a slotted local (moving it into a new local), which is borrowed
    /// across another await.
    p12a_rebind_same_name {
        lower! {
            pub async fn f() -> usize {
                let a = Tracker::new("a");
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let b = Tracker::new("b");
                let mut v = v;
                v.push(Tracker::new("v1"));
                let r2 = &v;
                step("t").await;
                log(format!("{} {a:?} {b:?}", r2.len()));
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Slotted and plain locals interleaved, one slotted local moved into a later local:
    /// drops at scope end and on cancellation at every await.
    p12a_interleaved_drop_order {
        lower! {
            pub async fn f() -> u32 {
                let a = Tracker::new("a");
                let v = Tracker::new("v");
                let b = Tracker::new("b");
                let w = Tracker::new("w");
                let r = (&v, &w);
                step("s").await;
                log(format!("{r:?}"));
                let c = Tracker::new("c");
                let x = v;
                step("t").await;
                let d = Tracker::new("d");
                step("u").await;
                log(format!("{a:?} {b:?} {c:?} {d:?} {x:?}"));
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure moving a slotted local stored in a struct field, called after awaits.
    p12a_closure_in_struct_field {
        pub struct Job<F: FnOnce() -> usize> { pub name: Tracker, pub run: F }
        fn call<F: FnOnce() -> usize>(f: F) -> usize {
            f()
        }
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let job = Job { name: Tracker::new("job"), run: || eat(v) };
                step("t").await;
                let Job { name, run } = job;
                let n = call(run);
                step("u").await;
                log(format!("{name:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure that moves a slotted local and panics when called.
    p12a_closure_moves_then_panics {
        fn call_once<T, F: FnOnce() -> T>(f: F) -> T {
            f()
        }
        lower! {
            pub async fn f() -> usize {
                let a = Tracker::new("a");
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let k = || {
                    let w = v;
                    if w.len() == 1 {
                        panic!("closure panics");
                    }
                    w.len()
                };
                let b = Tracker::new("b");
                step("t").await;
                let n = call_once(k);
                log(format!("{a:?} {b:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted `Rc` cloned and moved into calls, counts read across awaits.
    p12a_rc_slotted_moves {
        use std::rc::Rc;
        fn hold(r: Rc<Tracker>) -> usize {
            Rc::strong_count(&r)
        }
        lower! {
            pub async fn f() -> usize {
                let rc = Rc::new(Tracker::new("rc"));
                let r = &rc;
                step("s").await;
                log(format!("{}", Rc::strong_count(r)));
                let a = hold(rc.clone());
                let keep = rc.clone();
                step("t").await;
                let b = hold(rc);
                step("u").await;
                log(format!("{a} {b} {}", Rc::strong_count(&keep)));
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted local moved in an `if let` body on one path, read in the `else`.
    p12a_if_let_body_moves_slotted {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f(o: Option<u32>) -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let n = if let Some(k) = o {
                    step("some").await;
                    eat(v) + k as usize
                } else {
                    step("none").await;
                    v.len()
                };
                let t = Tracker::new("t");
                step("t").await;
                drop(t);
                n
            }
        }
    }
    run { pair(f(Some(2)), f(None)) }
}

twin! {
    /// Slotted local moved in a `match` on a tuple with guards, awaiting in arms.
    p12a_tuple_match_guards_move {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f(k: u32, c: bool) -> usize {
                let v = vec![Tracker::new("v0")];
                let w = vec![Tracker::new("w0"), Tracker::new("w1")];
                let r = (&v, &w);
                step("s").await;
                log(format!("{r:?}"));
                let n = match (k, c) {
                    (0, true) => eat(v) + w.len(),
                    (0, false) if w.len() > 1 => {
                        step("a").await;
                        eat(w) + v.len()
                    }
                    (_, true) => {
                        let both = (v, w);
                        step("b").await;
                        both.0.len() + both.1.len()
                    }
                    _ => 0,
                };
                step("t").await;
                n
            }
        }
    }
    run { pair(pair(f(0, true), f(0, false)), pair(f(3, true), f(3, false))) }
}

twin! {
    /// A slotted local pushed into a vector kept across awaits; cancellation drops it with
    /// the vector.
    p12a_pushed_into_vec_kept {
        lower! {
            pub async fn f() -> usize {
                let mut all = Vec::new();
                let t = Tracker::new("t");
                let u = Tracker::new("u");
                let r = (&t, &u);
                step("s").await;
                log(format!("{r:?}"));
                all.push(t);
                step("t").await;
                all.push(u);
                let g = Tracker::new("g");
                step("u").await;
                log(format!("{g:?}"));
                all.len()
            }
        }
    }
    run { f() }
}

// Known gap: a destructuring `let` or assignment that moves part of a local kept in a frame slot (`let (t, _) = p;`, `(_, b) = t;`) where the local is read again after: the part cannot be moved out through the slot handle (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    /// `(_, b) = t;` moves only `t.1` natively; `t.0` is read after.
    p12a_tuple_partial_wild_assign {
        lower! {
            pub async fn f() -> &'static str {
                let t = (vec![Tracker::new("t0")], Tracker::new("t1"));
                let mut b = Tracker::new("b");
                let r = &t;
                step("s").await;
                log(format!("{r:?}"));
                (_, b) = t;
                log(format!("after {b:?}"));
                step("t").await;
                t.0[0].0
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` async closure whose body moves a slotted local, called after an await.
    p12a_async_closure_moves_slotted {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let c = async || {
                    step("in").await;
                    eat(v)
                };
                let t = Tracker::new("t");
                step("t").await;
                let n = c().await;
                log(format!("{t:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` async closure reading a slotted local by reference, called twice across
    /// awaits, then the local moved.
    p12a_async_closure_borrows_then_move {
        fn eat(v: Vec<Tracker>) -> usize {
            log(format!("eat {}", v.len()));
            v.len()
        }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let c = async || {
                    step("in").await;
                    v.len()
                };
                let a = c().await;
                step("t").await;
                let b = c().await;
                let n = eat(v);
                a + b + n
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure capturing a slotted local by value made on one branch only, then the local
    /// assigned again (the old value drops at the assignment only where it was not taken).
    p12a_closure_one_branch_then_reassign {
        fn call_once<T, F: FnOnce() -> T>(f: F) -> T {
            f()
        }
        lower! {
            pub async fn f(c: bool) -> u32 {
                let mut v = Tracker::new("v0");
                let r = &v;
                step("s").await;
                log(format!("{r:?}"));
                if c {
                    let k = || drop(v);
                    step("in").await;
                    call_once(k);
                }
                v = Tracker::new("v1");
                log("assigned".to_string());
                let r2 = &v;
                step("t").await;
                log(format!("{r2:?}"));
                1
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `S { .. } = s;` does not move a slotted struct natively.
    p12a_struct_rest_assign_no_move {
        #[derive(Debug)]
        pub struct S { pub a: Vec<Tracker>, pub n: u32 }
        lower! {
            pub async fn f() -> &'static str {
                let s = S { a: vec![Tracker::new("a0")], n: 1 };
                let r = &s;
                step("s").await;
                log(format!("{r:?}"));
                S { .. } = s;
                log("after".to_string());
                step("t").await;
                s.a[0].0
            }
        }
    }
    run { f() }
}

// Known gap: WILDCARD (compile): a `move` closure whose body only does `let _ = v;` on a slotted local (natively it captures nothing) is lowered to `let v = *v.get(); move || ..` (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    /// A `move` closure whose body only does `let _ = v;` captures nothing natively: the
    /// slotted local stays usable after the closure is dropped.
    p12a_move_closure_let_underscore {
        lower! {
            pub async fn f() -> &'static str {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let c = move || {
                    let _ = v;
                    log("in c".to_string());
                };
                c();
                drop(c);
                step("t").await;
                v[0].0
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure rebinding the captured slotted local (`let v = v;`) inside.
    p12a_closure_rebinds_captured {
        fn call_once<T, F: FnOnce() -> T>(f: F) -> T {
            f()
        }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let k = || {
                    let v = v;
                    let n = v.len();
                    drop(v);
                    n
                };
                let t = Tracker::new("t");
                step("t").await;
                let n = call_once(k);
                log(format!("{t:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure made each loop round moves the slotted state; the state is assigned from its
    /// result.
    p12a_closure_per_round_moves_state {
        fn call_once<T, F: FnOnce() -> T>(f: F) -> T {
            f()
        }
        lower! {
            pub async fn f() -> &'static str {
                let mut cur = Tracker::new("c0");
                for i in 0..3u32 {
                    let r = &cur;
                    step("s").await;
                    log(format!("at {r:?}"));
                    let k = || {
                        log(format!("consume {cur:?} {i}"));
                        drop(cur);
                        Tracker::new(["x", "y", "z"][i as usize])
                    };
                    step("t").await;
                    cur = call_once(k);
                }
                cur.0
            }
        }
    }
    run { f() }
}
