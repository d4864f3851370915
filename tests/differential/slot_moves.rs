//! Locals kept in a frame slot (something parked borrows them) that are moved at a mention
//! that is not their last, and awaited methods' reference outputs that reach a later await
//! by any path while their receiver is parked.
use crate::prelude::*;

twin! {
    /// A `Copy` local kept in a slot, copied by a `let` and read again after an await.
    sm_copy_moved_then_read_after_await {
        lower! {
            pub async fn f() -> u32 {
                let n = 5u32;
                let r = &n;
                step("s").await;
                log(format!("r {r}"));
                let m = n;
                step("t").await;
                n + m
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Copy` slotted local passed by value in a loop, and read after it.
    sm_copy_moved_in_loop {
        fn add(a: u32, b: u32) -> u32 {
            a + b
        }
        lower! {
            pub async fn f() -> u32 {
                let n = 3u32;
                let r = &n;
                step("s").await;
                let mut total = *r;
                for _ in 0..3 {
                    total = add(total, n);
                    step("i").await;
                }
                total + n
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted `&mut` local passed to a function twice (reborrowed, not moved), with an
    /// await between.
    sm_mut_ref_reborrowed {
        fn bump(x: &mut Vec<u32>) {
            x.push(x.len() as u32);
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![7u32];
                let r = &mut v;
                let rr = &r;
                step("s").await;
                log(format!("{}", rr.len()));
                bump(r);
                step("t").await;
                bump(r);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted local moved by a `match` arm's value on one arm and by a function on the
    /// other.
    sm_moved_in_both_arms {
        lower! {
            pub async fn f(k: u32) -> usize {
                let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let w = match k {
                    0 => v,
                    _ => {
                        drop(v);
                        Vec::new()
                    }
                };
                step("t").await;
                w.len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A slotted local returned early on one path and read on the other.
    sm_returned_early {
        lower! {
            pub async fn f(c: bool) -> Vec<Tracker> {
                let v = vec![Tracker::new("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                if c {
                    return v;
                }
                let t = Tracker::new("t");
                step("t").await;
                log(format!("{} {t:?}", v.len()));
                v
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A slotted local moved into `vec![..]` and into `vec![..; n]`.
    sm_vec_macro_moves {
        pub struct K(pub &'static str);
        impl Clone for K {
            fn clone(&self) -> K {
                log(format!("clone {}", self.0));
                K("copy")
            }
        }
        impl Drop for K {
            fn drop(&mut self) {
                log(format!("drop K {}", self.0));
            }
        }
        lower! {
            pub async fn f(c: bool) -> usize {
                let t = Tracker::new("t");
                let k = K("k");
                let (r, rk) = (&t, &k);
                step("s").await;
                log(format!("{r:?} {}", rk.0));
                let all = if c { vec![t, Tracker::new("u")] } else { vec![t] };
                let ks = vec![k; 2];
                step("t").await;
                all.len() + ks.len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A slotted state value consumed and reassigned in a loop, with an await after each.
    sm_consume_reassign_loop {
        fn next(t: Tracker, i: u32) -> Tracker {
            log(format!("next {} {i}", t.0));
            Tracker::new(if i % 2 == 0 { "even" } else { "odd" })
        }
        lower! {
            pub async fn f() -> &'static str {
                let mut cur = Tracker::new("c0");
                for i in 0..3 {
                    let r = &cur;
                    step("s").await;
                    log(format!("at {r:?}"));
                    cur = next(cur, i);
                    step("t").await;
                }
                cur.0
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited method's `&mut` output moved to another name, kept across an await.
    sm_output_alias_across_await {
        pub struct A { pub v: Vec<u32> }
        impl A {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 {
                    step("slot").await;
                    &mut self.v[i]
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = A { v: vec![1, 2] };
                let r = a.slot(1).await;
                let q = r;
                step("s").await;
                *q += 40;
                a.v
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited method's `&mut` output pushed into a vector kept across an await.
    sm_output_pushed_across_await {
        pub struct A { pub v: Vec<u32> }
        impl A {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 {
                    step("slot").await;
                    &mut self.v[i]
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = A { v: vec![1, 2] };
                let mut held = Vec::new();
                held.push(a.slot(1).await);
                step("s").await;
                *held[0] += 40;
                drop(held);
                a.v
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited method's `&mut` output as a block's value, and in a tuple.
    sm_output_block_value_and_tuple {
        pub struct A { pub v: Vec<u32> }
        impl A {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 {
                    step("slot").await;
                    &mut self.v[i]
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = A { v: vec![1, 2, 3] };
                let r = {
                    let t = a.slot(0).await;
                    t
                };
                step("s").await;
                *r += 10;
                let (k, s) = (7u32, a.slot(2).await);
                step("t").await;
                *s += k;
                a.v
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited method's `&mut` output through an `if` join whose other branch does not
    /// await.
    sm_output_if_join {
        pub struct A { pub v: Vec<u32> }
        impl A {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 {
                    step("slot").await;
                    &mut self.v[i]
                }
            }
        }
        lower! {
            pub async fn f(c: bool) -> (Vec<u32>, Vec<u32>) {
                let mut a = A { v: vec![1, 2] };
                let mut b = A { v: vec![5, 6] };
                let r = if c { a.slot(1).await } else { &mut b.v[0] };
                step("s").await;
                *r += 40;
                (a.v.clone(), b.v.clone())
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A receiver kept in a slot for an awaited output, then bound by a `ref` pattern and
    /// partly moved (a field read out as a value).
    sm_output_receiver_ref_pattern_then_field_move {
        pub struct A { pub v: Vec<u32>, pub name: Tracker }
        impl A {
            lower! {
                pub async fn count(&mut self) -> usize {
                    step("count").await;
                    self.v.push(9);
                    self.v.len()
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, Tracker) {
                let mut a = A { v: vec![1, 2], name: Tracker::new("a") };
                let n = a.count().await;
                step("s").await;
                let A { ref v, .. } = a;
                log(format!("{v:?} {n}"));
                let t = Tracker::new("t");
                log(format!("{t:?}"));
                (n, a.name)
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited method's `&mut` output bound by a `match` arm and by `if let`, kept
    /// across an await in the arm.
    sm_output_bound_by_arm_patterns {
        pub struct A { pub v: Vec<u32> }
        impl A {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 {
                    step("slot").await;
                    &mut self.v[i]
                }
            }
            lower! {
                pub async fn maybe(&mut self, i: usize) -> Option<&mut u32> {
                    step("maybe").await;
                    self.v.get_mut(i)
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = A { v: vec![1, 2, 3] };
                match a.slot(1).await {
                    r => {
                        step("s").await;
                        *r += 40;
                    }
                }
                if let Some(r) = a.maybe(2).await {
                    step("t").await;
                    *r += 50;
                }
                a.v
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted `Option` matched by value: the `Some` arm moves the payload out, the
    /// `None` arm leaves the local whole to the end of its scope.
    sm_match_moves_out_of_slotted {
        lower! {
            pub async fn f(e: Option<Tracker>) -> usize {
                let n = match &e {
                    Some(t) => {
                        step("one").await;
                        t.name().len()
                    }
                    None => 0,
                };
                let m = match e {
                    Some(a) => {
                        step("two").await;
                        a.name().len() + n
                    }
                    None => 0,
                };
                let after = Tracker::new("after");
                step("three").await;
                log(format!("{after:?}"));
                m
            }
        }
    }
    run { pair(f(Some(Tracker("t"))), f(None)) }
}

twin! {
    /// A slotted `Copy` option matched by value with `if let`, then read again after an
    /// await.
    sm_if_let_copy_slotted {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let o = if c { Some(4u32) } else { None };
                let r = &o;
                step("s").await;
                log(format!("{r:?}"));
                let k = if let Some(x) = o { x + 1 } else { 0 };
                step("t").await;
                k + o.unwrap_or(10)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// An awaited method's `&mut` output into an inline array of its receiver, written at
    /// once (no later await) and read back through the receiver.
    sm_output_used_at_once_inline {
        pub struct A { pub n: [u32; 2] }
        impl A {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 {
                    step("slot").await;
                    &mut self.n[i]
                }
            }
        }
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = A { n: [1, 2] };
                *a.slot(1).await += 40;
                let r = a.slot(0).await;
                *r += 10;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaiter built before the locals are parked (its operand reads `n`, bound by
    /// matching the parked `&mut` local `r`), whose operand panics on the second call:
    /// the locals drop as natively, and the machine is poisoned.
    awaiter_built_before_parking_panics {
        lower! {
            pub async fn f(mut o: Option<u32>) -> Option<u32> {
                let _a = Tracker::new("a");
                let r = &mut o;
                let _b = Tracker::new("b");
                match r {
                    Some(n) => {
                        let k = leaf("k", [1u32, 2][*n as usize]).await;
                        *r = Some(k + 1);
                    }
                    None => {}
                }
                step("end").await;
                o
            }
        }
    }
    run { pair(f(Some(1)), f(Some(7))) }
}

twin! {
    /// `res?` on a local a reference keeps in a frame slot across an await: `?` takes it
    /// (`Try::branch(self)`), on the `Err` path too, where the error's tracker drops after
    /// its conversion.
    question_mark_takes_slotted_local {
        #[derive(Debug)]
        pub struct Failed(pub Tracker);
        lower! {
            pub async fn f(ok: bool) -> Result<&'static str, Failed> {
                let res: Result<Tracker, Failed> =
                    if ok { Ok(Tracker::new("v")) } else { Err(Failed(Tracker::new("e"))) };
                let r = &res;
                step("s").await;
                log(format!("ok {}", r.is_ok()));
                let t = res?;
                step("after").await;
                Ok(t.name())
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `opt?` twice on a `Copy` local kept in a frame slot: the first does not empty it.
    question_mark_on_slotted_copy_twice {
        lower! {
            pub async fn f(o: Option<u32>) -> Option<u32> {
                let r = &o;
                step("s").await;
                let a = o?;
                let b = o? + *r.as_ref()?;
                step("after").await;
                Some(a + b)
            }
        }
    }
    run { pair(f(Some(2)), f(None)) }
}
