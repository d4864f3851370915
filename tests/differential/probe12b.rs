//! Probe round 12b: soundness of awaited methods whose output may point into their
//! receiver (`async fn slot(&mut self, i) -> &mut u32`), followed along paths the
//! analysis may not see. The receivers hold their data inline (arrays, not `Vec`s), so a
//! reference into a parked receiver that moved shows as a wrong value.
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::Cell;
#[allow(unused_imports)]
use std::collections::HashMap;

pub struct P12A {
    pub n: [u32; 2],
    pub t: Tracker,
}

impl P12A {
    pub async fn slot(&mut self, i: usize) -> &mut u32 {
        step("slot").await;
        &mut self.n[i]
    }
    pub async fn maybe(&mut self, i: usize) -> Option<&mut u32> {
        step("maybe").await;
        self.n.get_mut(i)
    }
    pub async fn try_slot(&mut self, i: usize) -> Result<&mut u32, String> {
        step("try").await;
        self.n.get_mut(i).ok_or_else(|| format!("no {i}"))
    }
    pub async fn items(&mut self) -> std::slice::IterMut<'_, u32> {
        step("items").await;
        self.n.iter_mut()
    }
    pub async fn native_slot(&mut self, i: usize) -> &mut u32 {
        step("nslot").await;
        &mut self.n[i]
    }
}

pub fn p12a(t: &'static str) -> P12A {
    P12A { n: [1, 2], t: Tracker::new(t) }
}

twin! {
    /// The output's name is compared with a number elsewhere (a shadowing `let r = *r;`):
    /// the name is taken to hold a number.
    p12b_primitive_name_shadow {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = a.slot(1).await;
                step("s").await;
                *r += 40;
                let r = *r;
                if r > 3 {
                    log("big");
                }
                step("t").await;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output's name is reused by a loop counter compared with a number.
    p12b_primitive_name_loop_counter {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let x = a.slot(0).await;
                step("s").await;
                *x += 10;
                for x in 0..3u32 {
                    if x == 1 {
                        log("one");
                    }
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output's name is cast elsewhere (`i as u64` in another scope).
    p12b_primitive_name_cast {
        lower! {
            pub async fn f(k: u32) -> (u64, [u32; 2]) {
                let mut a = p12a("a");
                let total = {
                    let i = k;
                    i as u64
                };
                let i = a.slot(1).await;
                step("s").await;
                *i *= 5;
                (total, a.n)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// The output inserted into a map by a `let` that keeps the map's previous entry.
    p12b_map_insert_in_let {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut m: HashMap<u32, &mut u32> = HashMap::new();
                let old = m.insert(1, a.slot(1).await);
                log(format!("old {}", old.is_some()));
                step("s").await;
                **m.get_mut(&1).unwrap() += 40;
                drop(m);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output stored by `Option::replace` in a `let`.
    p12b_option_replace_in_let {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut h: Option<&mut u32> = None;
                let prev = h.replace(a.slot(0).await);
                log(format!("prev {}", prev.is_none()));
                step("s").await;
                if let Some(r) = h {
                    *r += 5;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output stored by `std::mem::replace` in a `let`.
    p12b_mem_replace_in_let {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut spare = 7u32;
                let mut h: &mut u32 = &mut spare;
                let prev = std::mem::replace(&mut h, a.slot(1).await);
                *prev += 1;
                step("s").await;
                *h += 100;
                log(format!("spare {spare}"));
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output pushed by a closure that captures the vector.
    p12b_closure_pushes_output {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut held: Vec<&mut u32> = Vec::new();
                let mut put = |r| held.push(r);
                put(a.slot(1).await);
                step("s").await;
                *held[0] += 40;
                drop(held);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The method called by its path (`P12A::slot(&mut a, 1)`).
    p12b_ufcs_call {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = P12A::slot(&mut a, 1).await;
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { f() }
}

pub async fn p12b_slot_of(a: &mut P12A, i: usize) -> &mut u32 {
    step("slot_of").await;
    &mut a.n[i]
}

twin! {
    /// A free `async fn` returning a reference into its `&mut` argument.
    p12b_free_fn_output {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = p12b_slot_of(&mut a, 0).await;
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver written as `(&mut a)`.
    p12b_receiver_explicit_ref {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = (&mut a).slot(1).await;
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver is a local reference to the local that later moves.
    p12b_receiver_via_ref_local {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let ra = &mut a;
                let r = ra.slot(1).await;
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output bound by a destructuring assignment.
    p12b_destructuring_assignment {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r;
                let k;
                (r, k) = (a.slot(1).await, 3u32);
                step("s").await;
                *r += k;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output given to a map entry (`m.entry(k).or_insert(..)`).
    p12b_entry_or_insert {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut m: HashMap<u32, &mut u32> = HashMap::new();
                m.entry(1).or_insert(a.slot(0).await);
                step("s").await;
                **m.get_mut(&1).unwrap() += 40;
                drop(m);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output stored through a reference to the holder (`*p = Some(..)`).
    p12b_store_through_ref_to_holder {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut h: Option<&mut u32> = None;
                {
                    let p = &mut h;
                    *p = Some(a.slot(1).await);
                }
                step("s").await;
                if let Some(r) = h.as_mut() {
                    **r += 40;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// An iterator over the receiver, returned by an awaited method, used after an await.
    p12b_iter_mut_kept {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let it = a.items().await;
                step("s").await;
                for x in it {
                    *x += 10;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in a.items().await` with an await in the loop body.
    p12b_for_over_awaited_iter {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                for x in a.items().await {
                    step("s").await;
                    *x += 10;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(x) = it.next()` over an awaited iterator.
    p12b_while_let_awaited_iter {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut it = a.items().await;
                while let Some(x) = it.next() {
                    step("s").await;
                    *x *= 3;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` on an awaited `Result<&mut u32, String>`.
    p12b_try_output {
        lower! {
            pub async fn f(i: usize) -> Result<[u32; 2], String> {
                let mut a = p12a("a");
                let r = a.try_slot(i).await?;
                step("s").await;
                *r += 40;
                Ok(a.n)
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// A native `async fn` method's output kept across an await.
    p12b_native_method_output {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = a.native_slot(0).await;
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { f() }
}

pub struct P12Holder<'a> {
    pub r: &'a mut u32,
    pub tag: Tracker,
}

pub struct P12Wrap<'a>(pub &'a mut u32);

pub fn p12b_wrap(r: &mut u32) -> P12Wrap<'_> {
    P12Wrap(r)
}

pub fn p12b_store<'a>(v: &mut Vec<&'a mut u32>, r: &'a mut u32) {
    v.push(r);
}

twin! {
    /// A lowered method's output stored in a struct literal with a tracker.
    p12b_struct_literal_holder {
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
                let h = P12Holder { tag: Tracker::new("h"), r: a.slot(1).await };
                step("s").await;
                *h.r += 40;
                log(format!("{:?}", h.tag));
                drop(h);
                step("t").await;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output passed through a function that wraps it.
    p12b_wrapped_by_fn {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let w = p12b_wrap(a.slot(0).await);
                step("s").await;
                *w.0 += 40;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output passed through a closure that returns it.
    p12b_returned_by_closure {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let pick = |r| P12Wrap(r);
                let w = pick(a.slot(1).await);
                step("s").await;
                *w.0 += 40;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output in `vec![..]` and in an array literal.
    p12b_vec_macro_and_array {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let v = vec![a.slot(0).await];
                step("s").await;
                *v.into_iter().next().unwrap() += 10;
                let arr = [a.slot(1).await];
                step("t").await;
                let [r] = arr;
                *r += 20;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// An output borrowing a field of the receiver's field (`a.inner.get()`).
    p12b_field_receiver {
        pub struct Inner { pub n: [u32; 3] }
        impl Inner {
            lower! {
                pub async fn get(&mut self, i: usize) -> &mut u32 {
                    step("get").await;
                    &mut self.n[i]
                }
            }
        }
        pub struct Outer { pub t: Tracker, pub inner: Inner }
        lower! {
            pub async fn f() -> [u32; 3] {
                let mut a = Outer { t: Tracker::new("o"), inner: Inner { n: [1, 2, 3] } };
                let r = a.inner.get(2).await;
                step("s").await;
                *r += 40;
                step("t").await;
                log(format!("{:?}", a.t));
                a.inner.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A chain `a.inner_mut().await.get(1).await`.
    p12b_chain_of_awaited_methods {
        pub struct Inner { pub n: [u32; 3] }
        impl Inner {
            lower! {
                pub async fn get(&mut self, i: usize) -> &mut u32 {
                    step("get").await;
                    &mut self.n[i]
                }
            }
        }
        pub struct Outer { pub t: Tracker, pub inner: Inner }
        impl Outer {
            lower! {
                pub async fn inner_mut(&mut self) -> &mut Inner {
                    step("inner").await;
                    &mut self.inner
                }
            }
        }
        lower! {
            pub async fn f() -> [u32; 3] {
                let mut a = Outer { t: Tracker::new("o"), inner: Inner { n: [1, 2, 3] } };
                let r = a.inner_mut().await.get(1).await;
                step("s").await;
                *r += 40;
                let i = a.inner_mut().await;
                step("t").await;
                i.n[0] = 9;
                a.inner.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `&self` methods returning `&Cell<u32>`, outputs kept across loop iterations.
    p12b_shared_cells_across_iterations {
        pub struct C { pub n: [Cell<u32>; 3], pub t: Tracker }
        impl C {
            lower! {
                pub async fn cell(&self, i: usize) -> &Cell<u32> {
                    step("cell").await;
                    &self.n[i]
                }
            }
        }
        lower! {
            pub async fn f() -> [u32; 3] {
                let a = C { n: [Cell::new(1), Cell::new(2), Cell::new(3)], t: Tracker::new("c") };
                let mut last: Option<&Cell<u32>> = None;
                for i in 0..3 {
                    let c = a.cell(i).await;
                    step("s").await;
                    if let Some(p) = last {
                        c.set(c.get() + p.get() * 10);
                    }
                    last = Some(c);
                }
                step("end").await;
                last.unwrap().set(100);
                [a.n[0].get(), a.n[1].get(), a.n[2].get()]
            }
        }
    }
    run { f() }
}

twin! {
    /// One output kept across several awaits, written between them.
    p12b_output_across_several_awaits {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = a.slot(0).await;
                for k in 0..3u32 {
                    *r += leaf("k", k).await;
                    step("s").await;
                }
                let t = Tracker::new("t");
                step("u").await;
                *r *= 2;
                drop(t);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver is a parameter taken by value.
    p12b_receiver_by_value_param {
        lower! {
            pub async fn f(mut a: P12A, k: u32) -> [u32; 2] {
                let r = a.slot(1).await;
                step("s").await;
                *r += k;
                a.n
            }
        }
    }
    run { f(p12a("p"), 7) }
}

twin! {
    /// A lowered method taking `self` by value, awaiting a method of `self`.
    p12b_receiver_self_by_value {
        pub struct A { pub n: [u32; 2], pub t: Tracker }
        impl A {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 {
                    step("slot").await;
                    &mut self.n[i]
                }
            }
            lower! {
                pub async fn run(mut self, k: u32) -> [u32; 2] {
                    let r = self.slot(0).await;
                    step("s").await;
                    *r += k;
                    self.n
                }
            }
        }
        lower! {
            pub async fn f() -> [u32; 2] {
                let a = A { n: [1, 2], t: Tracker::new("a") };
                A::run(a, 30).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic method returning a reference into its receiver.
    p12b_generic_method_output {
        pub struct A { pub n: [u32; 2], pub t: Tracker }
        impl A {
            lower! {
                pub async fn at<I: Into<usize>>(&mut self, i: I) -> &mut u32 {
                    step("at").await;
                    &mut self.n[i.into()]
                }
            }
        }
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = A { n: [1, 2], t: Tracker::new("a") };
                let r = a.at(1u8).await;
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { f() }
}

pub trait P12Store {
    async fn slot(&mut self, i: usize) -> &mut u32;
    fn snapshot(&self) -> [u32; 2];
}

impl P12Store for P12A {
    async fn slot(&mut self, i: usize) -> &mut u32 {
        step("tslot").await;
        &mut self.n[i]
    }
    fn snapshot(&self) -> [u32; 2] {
        self.n
    }
}

twin! {
    /// A trait's `async fn` called on a generic receiver taken by value.
    p12b_trait_method_generic_receiver {
        lower! {
            pub async fn g<S: P12Store>(mut s: S) -> [u32; 2] {
                let r = s.slot(1).await;
                step("s").await;
                *r += 40;
                s.snapshot()
            }
        }
    }
    run { g(p12a("g")) }
}

twin! {
    /// A trait's `async fn` on a concrete local, through the trait path.
    p12b_trait_method_path_call {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = P12Store::slot(&mut a, 0).await;
                step("s").await;
                *r += 40;
                a.snapshot()
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver partly moved after the output is dead.
    p12b_receiver_partly_moved_after {
        lower! {
            pub async fn f() -> ([u32; 2], Tracker) {
                let mut a = p12a("a");
                let r = a.slot(1).await;
                step("s").await;
                *r += 40;
                let t = a.t;
                step("t").await;
                log(format!("{t:?}"));
                (a.n, t)
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Some(r) = a.maybe(i).await else { .. }`.
    p12b_let_else_output {
        lower! {
            pub async fn f(i: usize) -> [u32; 2] {
                let mut a = p12a("a");
                let Some(r) = a.maybe(i).await else {
                    step("none").await;
                    return a.n;
                };
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { pair(f(1), f(4)) }
}

twin! {
    /// Outputs of two receivers in one tuple `let`.
    p12b_two_receivers_tuple {
        lower! {
            pub async fn f() -> ([u32; 2], [u32; 2]) {
                let mut a = p12a("a");
                let mut b = p12a("b");
                let (x, y) = (a.slot(0).await, b.slot(1).await);
                step("s").await;
                *x += 10;
                *y += 20;
                (a.n, b.n)
            }
        }
    }
    run { f() }
}

twin! {
    /// The output stored through a `&mut Vec` local passed to a function.
    p12b_store_via_ref_local_arg {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut held: Vec<&mut u32> = Vec::new();
                let hr = &mut held;
                p12b_store(hr, a.slot(1).await);
                step("s").await;
                *held[0] += 40;
                drop(held);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output as a loop's `break` value and a labeled block's value.
    p12b_break_values {
        lower! {
            pub async fn f(c: bool) -> [u32; 2] {
                let mut a = p12a("a");
                let r = loop {
                    break a.slot(0).await;
                };
                step("s").await;
                *r += 10;
                let q = 'b: {
                    if c {
                        break 'b a.slot(1).await;
                    }
                    a.slot(0).await
                };
                step("t").await;
                *q += 20;
                a.n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// The output captured by a `move` closure called after an await.
    p12b_output_captured_by_closure {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = a.slot(1).await;
                let mut bump = move |k: u32| *r += k;
                step("s").await;
                bump(40);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output mapped by `Option::map` into a wrapper.
    p12b_option_map_output {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let w = a.maybe(1).await.map(P12Wrap);
                step("s").await;
                if let Some(w) = w {
                    *w.0 += 40;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver bound by `if let Some(a) = &mut slots`.
    p12b_receiver_bound_by_ref_pattern {
        lower! {
            pub async fn f() -> Option<[u32; 2]> {
                let mut slots = Some(p12a("a"));
                if let Some(a) = &mut slots {
                    let r = a.slot(1).await;
                    step("s").await;
                    *r += 40;
                }
                step("t").await;
                match &slots {
                    Some(a) => Some(a.n),
                    None => None,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Receivers from `arr.iter_mut()` over a local array.
    p12b_receivers_from_iter_mut {
        lower! {
            pub async fn f() -> [u32; 4] {
                let mut arr = [p12a("x"), p12a("y")];
                for a in arr.iter_mut() {
                    let r = a.slot(0).await;
                    step("s").await;
                    *r += 10;
                }
                [arr[0].n[0], arr[0].n[1], arr[1].n[0], arr[1].n[1]]
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver is an element of a local array (`arr[1].slot(0)`).
    p12b_receiver_array_element {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut arr = [p12a("x"), p12a("y")];
                let r = arr[1].slot(0).await;
                step("s").await;
                *r += 40;
                arr[1].n
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver is a field of a tuple parameter taken by value.
    p12b_receiver_tuple_param_field {
        lower! {
            pub async fn f(mut p: (u32, P12A)) -> [u32; 2] {
                let r = p.1.slot(1).await;
                step("s").await;
                *r += p.0;
                p.1.n
            }
        }
    }
    run { f((5, p12a("p"))) }
}

twin! {
    /// `if c { h = Some(..) }` without `else`, and a deferred `let r;` set in branches.
    p12b_assign_in_branches {
        lower! {
            pub async fn f(c: bool) -> [u32; 2] {
                let mut a = p12a("a");
                let mut h: Option<&mut u32> = None;
                if c {
                    h = Some(a.slot(0).await);
                }
                step("s").await;
                if let Some(r) = h {
                    *r += 10;
                }
                let r;
                if c {
                    r = a.slot(1).await;
                } else {
                    r = a.slot(0).await;
                }
                step("t").await;
                *r += 20;
                a.n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `while let Some(r) = a.maybe(i).await` with an await in the body.
    p12b_while_let_awaited_maybe {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut i = 0;
                while let Some(r) = a.maybe(i).await {
                    step("s").await;
                    *r += 10;
                    i += 1;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on a tuple holding the output.
    p12b_match_tuple_scrutinee {
        lower! {
            pub async fn f(k: u32) -> [u32; 2] {
                let mut a = p12a("a");
                match (a.slot(1).await, k) {
                    (r, 1) => {
                        step("one").await;
                        *r += 10;
                    }
                    (r, _) => {
                        step("other").await;
                        *r += 20;
                    }
                }
                a.n
            }
        }
    }
    run { pair(f(1), f(2)) }
}

pub struct P12Sink<'s, 'a> {
    pub v: &'s mut Vec<&'a mut u32>,
}

impl<'s, 'a> P12Sink<'s, 'a> {
    pub fn put(&mut self, r: &'a mut u32) {
        self.v.push(r);
    }
}

impl P12A {
    pub async fn pair(&mut self, i: usize) -> (&mut u32, usize) {
        step("pair").await;
        (&mut self.n[i], i)
    }
    pub async fn holder(&mut self, i: usize) -> P12Holder<'_> {
        step("holder").await;
        P12Holder { r: &mut self.n[i], tag: Tracker::new("hold") }
    }
}

twin! {
    /// The output given to a struct that holds a `&mut Vec` (`sink.put(..)`).
    p12b_store_via_sink_struct {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut held: Vec<&mut u32> = Vec::new();
                let mut sink = P12Sink { v: &mut held };
                sink.put(a.slot(0).await);
                step("s").await;
                *held[0] += 40;
                drop(held);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output stored through `*held.last_mut().unwrap() = ..`.
    p12b_store_through_last_mut_unwrap {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let spare: &mut u32 = Box::leak(Box::new(0u32));
                let mut held: Vec<&mut u32> = vec![spare];
                *held.last_mut().unwrap() = a.slot(1).await;
                step("s").await;
                *held[0] += 40;
                drop(held);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output stored through a binding of `if let Some(s) = held.get_mut(0)`.
    p12b_store_through_if_let_binding {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let spare: &mut u32 = Box::leak(Box::new(0u32));
                let mut held: Vec<&mut u32> = vec![spare];
                if let Some(s) = held.get_mut(0) {
                    *s = a.slot(1).await;
                }
                step("s").await;
                *held[0] += 40;
                drop(held);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `for r in a.maybe(1).await` (an `Option` iterated) with an await in the body.
    p12b_for_over_awaited_option {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                for r in a.maybe(1).await {
                    step("s").await;
                    *r += 40;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on the awaited `Option` with a guard reading through the binding.
    p12b_match_guard_on_output {
        lower! {
            pub async fn f(i: usize) -> [u32; 2] {
                let mut a = p12a("a");
                match a.maybe(i).await {
                    Some(r) if *r > 1 => {
                        step("big").await;
                        *r += 40;
                    }
                    Some(r) => {
                        step("small").await;
                        *r += 10;
                    }
                    None => step("none").await,
                }
                a.n
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}

twin! {
    /// `let r = match a.maybe(i).await { Some(r) => r, None => &mut spare };`
    p12b_match_join_with_spare {
        lower! {
            pub async fn f(i: usize) -> ([u32; 2], u32) {
                let mut a = p12a("a");
                let mut spare = 100u32;
                let r = match a.maybe(i).await {
                    Some(r) => r,
                    None => &mut spare,
                };
                step("s").await;
                *r += 40;
                (a.n, spare)
            }
        }
    }
    run { pair(f(1), f(3)) }
}

twin! {
    /// A loop that breaks when the awaited `Option` is empty, the output kept across an
    /// await in the iteration.
    p12b_loop_match_break {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut i = 0;
                loop {
                    let r = match a.maybe(i).await {
                        Some(r) => r,
                        None => break,
                    };
                    step("s").await;
                    *r += 10;
                    i += 1;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A method returning `(&mut u32, usize)` destructured by `let`.
    p12b_tuple_output_destructured {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let (r, i) = a.pair(1).await;
                step("s").await;
                *r += 40 + i as u32;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A method returning a struct with a reference and a tracker, destructured.
    p12b_struct_output_destructured {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let P12Holder { r, tag } = a.holder(0).await;
                step("s").await;
                *r += 40;
                drop(tag);
                step("t").await;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct output kept whole, with a tracker dropped at scope end.
    p12b_struct_output_kept {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                {
                    let h = a.holder(1).await;
                    step("s").await;
                    *h.r += 40;
                }
                step("t").await;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output reborrowed (`&mut *a.slot(1).await`), boxed and passed through
    /// `identity`.
    p12b_reborrow_box_identity {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = &mut *a.slot(1).await;
                step("s").await;
                *r += 40;
                let b = Box::new(a.slot(0).await);
                step("t").await;
                **b += 5;
                let c = std::convert::identity(a.slot(0).await);
                step("u").await;
                *c += 100;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output reassigned in a loop, kept across the iteration's await.
    p12b_output_reassigned_in_loop {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut r = a.slot(0).await;
                for i in 0..2 {
                    step("s").await;
                    *r += 10;
                    r = a.slot(i).await;
                }
                step("t").await;
                *r += 1;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `match a.try_slot(i).await { Ok(r) => r, Err(e) => return .. }`.
    p12b_result_match_return {
        lower! {
            pub async fn f(i: usize) -> Result<[u32; 2], String> {
                let mut a = p12a("a");
                let r = match a.try_slot(i).await {
                    Ok(r) => r,
                    Err(e) => {
                        step("err").await;
                        return Err(e);
                    }
                };
                step("s").await;
                *r += 40;
                Ok(a.n)
            }
        }
    }
    run { pair(f(1), f(9)) }
}

twin! {
    /// `unwrap_or(&mut spare)` on the awaited `Option`.
    p12b_unwrap_or_spare {
        lower! {
            pub async fn f(i: usize) -> ([u32; 2], u32) {
                let mut a = p12a("a");
                let mut spare = 7u32;
                let r = a.maybe(i).await.unwrap_or(&mut spare);
                step("s").await;
                *r += 40;
                (a.n, spare)
            }
        }
    }
    run { pair(f(0), f(5)) }
}

twin! {
    /// An awaited `async` block returning the output.
    p12b_async_block_output {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = async { a.slot(1).await }.await;
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `held.extend(a.items().await)`.
    p12b_extend_with_awaited_iter {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut held: Vec<&mut u32> = Vec::new();
                held.extend(a.items().await);
                step("s").await;
                for r in held {
                    *r += 10;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted holder moved whole by `match` after the await.
    p12b_holder_moved_by_match {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut h: Option<&mut u32> = None;
                h = Some(a.slot(1).await);
                step("s").await;
                match h {
                    Some(r) => *r += 40,
                    None => log("none"),
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = h.replace(..)`: the output stored into `h`, the old value ignored.
    p12b_let_wild_replace {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut h: Option<&mut u32> = None;
                let _ = h.replace(a.slot(1).await);
                step("s").await;
                if let Some(r) = h {
                    *r += 40;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `_ = m.insert(k, ..)`: an underscore assignment storing the output into a map.
    p12b_underscore_assign_insert {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut m: HashMap<u32, &mut u32> = HashMap::new();
                _ = m.insert(1, a.slot(0).await);
                step("s").await;
                **m.get_mut(&1).unwrap() += 40;
                drop(m);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `if h.replace(..).is_none() { .. }`: the output stored by an `if` condition.
    p12b_store_in_if_condition {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut h: Option<&mut u32> = None;
                if h.replace(a.slot(1).await).is_none() {
                    log("first");
                }
                step("s").await;
                if let Some(r) = h {
                    *r += 40;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `drop(m.insert(k, ..))`: the output stored by a call inside a call.
    p12b_store_in_dropped_call {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut m: HashMap<u32, &mut u32> = HashMap::new();
                drop(m.insert(1, a.slot(1).await));
                step("s").await;
                **m.get_mut(&1).unwrap() += 40;
                drop(m);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `[..].into_iter().for_each(|r| held.push(r))`.
    p12b_for_each_pushes_output {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut held: Vec<&mut u32> = Vec::new();
                [a.slot(1).await].into_iter().for_each(|r| held.push(r));
                step("s").await;
                *held[0] += 40;
                drop(held);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `let r = h.get_or_insert(..)` and then `h` used after an await.
    p12b_get_or_insert_let {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut h: Option<&mut u32> = None;
                let first = **h.get_or_insert(a.slot(0).await);
                step("s").await;
                if let Some(r) = h.as_mut() {
                    **r += 40 + first;
                }
                a.n
            }
        }
    }
    run { f() }
}

// ---- shrunk bodies ----

twin! {
    /// Shrink: the output given to a closure that pushes it into a captured vector.
    p12b_min_closure_call_stores {
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
                let mut held = Vec::new();
                let mut put = |r| held.push(r);
                put(a.slot(1).await);
                step("s").await;
                *held[0] += 40;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: the output bound by a destructuring assignment.
    p12b_min_destructuring_assignment {
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
                let r;
                (r, _) = (a.slot(1).await, 0);
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: `for x in a.items().await` with an await in the body.
    p12b_min_for_over_awaited_output {
        pub struct A { pub n: [u32; 2] }
        impl A {
            lower! {
                pub async fn items(&mut self) -> std::slice::IterMut<'_, u32> {
                    step("items").await;
                    self.n.iter_mut()
                }
            }
        }
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = A { n: [1, 2] };
                for x in a.items().await {
                    step("s").await;
                    *x += 10;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: `while let Some(r) = a.maybe(i).await` with an await in the body.
    p12b_min_while_let_awaited_output {
        pub struct A { pub n: [u32; 2] }
        impl A {
            lower! {
                pub async fn maybe(&mut self, i: usize) -> Option<&mut u32> {
                    step("maybe").await;
                    self.n.get_mut(i)
                }
            }
        }
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = A { n: [1, 2] };
                let mut i = 0;
                while let Some(r) = a.maybe(i).await {
                    step("s").await;
                    *r += 10;
                    i += 1;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: `match (a.slot(1).await, k)` binding the output in the arm.
    p12b_min_match_tuple_scrutinee {
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
            pub async fn f(k: u32) -> [u32; 2] {
                let mut a = A { n: [1, 2] };
                match (a.slot(1).await, k) {
                    (r, _) => {
                        step("s").await;
                        *r += 40;
                    }
                }
                a.n
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Shrink: the output given to a function through a `&mut Vec` local.
    p12b_min_store_via_ref_local {
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
                let mut held: Vec<&mut u32> = Vec::new();
                let hr = &mut held;
                p12b_store(hr, a.slot(1).await);
                step("s").await;
                *held[0] += 40;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: a parameter taken by value, the receiver of an awaited method whose output
    /// lives across an await, and a field of it read as a value.
    p12b_min_by_value_param_field_read {
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
            pub async fn f(mut a: A) -> [u32; 2] {
                let r = a.slot(1).await;
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { f(A { n: [1, 2] }) }
}

twin! {
    /// Shrink: `mut self` by value, the receiver of an awaited `&mut self` method whose
    /// output lives across an await, then a field of `self` read as a value (`self.n`).
    p12b_min_self_by_value_receiver {
        pub struct A { pub n: [u32; 2] }
        impl A {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 {
                    step("slot").await;
                    &mut self.n[i]
                }
            }
            lower! {
                pub async fn run(mut self) -> [u32; 2] {
                    let r = self.slot(0).await;
                    step("s").await;
                    *r += 40;
                    self.n
                }
            }
        }
        lower! {
            pub async fn f() -> [u32; 2] {
                A::run(A { n: [1, 2] }).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `match Some(a.slot(1).await) { Some(r) => .. }`: the output wrapped in the scrutinee.
    p12b_match_wrapped_scrutinee {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                match Some(a.slot(1).await) {
                    Some(r) => {
                        step("s").await;
                        *r += 40;
                    }
                    None => {}
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let P12Wrap(r) = p12b_wrap(a.slot(0).await)`.
    p12b_if_let_call_scrutinee {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                if let P12Wrap(r) = p12b_wrap(a.slot(0).await) {
                    step("s").await;
                    *r += 40;
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output pushed through a clone of an `Rc<RefCell<Vec<..>>>`, read through the
    /// original after an await.
    p12b_store_via_rc_clone {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let store = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
                let s2 = std::rc::Rc::clone(&store);
                s2.borrow_mut().push(a.slot(1).await);
                drop(s2);
                step("s").await;
                *store.borrow_mut()[0] += 40;
                drop(store);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A receiver declared without a value and assigned before the awaited call.
    p12b_receiver_deferred_init {
        lower! {
            pub async fn f(c: bool) -> [u32; 2] {
                let mut a;
                if c {
                    a = p12a("x");
                } else {
                    a = p12a("y");
                }
                let r = a.slot(1).await;
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// The receiver moved whole after the output is dead, then used after an await.
    p12b_receiver_moved_whole_after {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = a.slot(1).await;
                step("s").await;
                *r += 40;
                let b = a;
                step("t").await;
                b.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver assigned again after the output is dead.
    p12b_receiver_reassigned_after {
        lower! {
            pub async fn f() -> ([u32; 2], [u32; 2]) {
                let mut a = p12a("a");
                let r = a.slot(0).await;
                step("s").await;
                *r += 40;
                let first = a.n;
                a = p12a("a2");
                let q = a.slot(1).await;
                step("t").await;
                *q += 7;
                (first, a.n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A receiver declared in a loop body, one per iteration.
    p12b_receiver_per_iteration {
        lower! {
            pub async fn f() -> u32 {
                let mut sum = 0;
                for k in 0..3u32 {
                    let mut a = p12a("l");
                    let r = a.slot((k % 2) as usize).await;
                    step("s").await;
                    *r += k * 10;
                    sum += a.n[0] + a.n[1];
                    log(format!("{:?}", a.n));
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver's name shadowed by a field of it after the output is dead.
    p12b_receiver_shadowed_by_field {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = a.slot(1).await;
                step("s").await;
                *r += 40;
                let a = a.n;
                step("t").await;
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// An early return while the output is live, on one path.
    p12b_early_return_with_output_live {
        lower! {
            pub async fn f(c: bool) -> [u32; 2] {
                let mut a = p12a("a");
                let r = a.slot(1).await;
                if c {
                    step("early").await;
                    *r += 1;
                    return a.n;
                }
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A panic while the output is live: the receiver (with a tracker) drops during the
    /// unwind.
    p12b_panic_with_output_live {
        lower! {
            pub async fn f() -> u32 {
                let mut a = p12a("a");
                let t = Tracker::new("t");
                let r = a.slot(1).await;
                *r += boom("b").await;
                log(format!("{t:?}"));
                a.n[1]
            }
        }
    }
    run { f() }
}

twin! {
    /// A nested awaited call: the output of one receiver's method given to another's.
    p12b_nested_awaited_calls {
        pub struct B { pub t: Tracker, pub k: u32 }
        impl B {
            lower! {
                pub async fn bump<'r>(&mut self, r: &'r mut u32) -> &'r mut u32 {
                    step("bump").await;
                    self.k += 1;
                    *r += self.k;
                    r
                }
            }
        }
        lower! {
            pub async fn f() -> ([u32; 2], u32) {
                let mut a = p12a("a");
                let mut b = B { t: Tracker::new("b"), k: 0 };
                let r = b.bump(a.slot(1).await).await;
                step("s").await;
                *r += 40;
                (a.n, b.k)
            }
        }
    }
    run { f() }
}

twin! {
    /// The output kept in a `Vec` filled by a loop of awaited `&self` calls.
    p12b_loop_collects_shared_outputs {
        pub struct C { pub n: [Cell<u32>; 3], pub t: Tracker }
        impl C {
            lower! {
                pub async fn cell(&self, i: usize) -> &Cell<u32> {
                    step("cell").await;
                    &self.n[i]
                }
            }
        }
        lower! {
            pub async fn f() -> [u32; 3] {
                let c = C { n: [Cell::new(1), Cell::new(2), Cell::new(3)], t: Tracker::new("c") };
                let mut got = Vec::new();
                for i in 0..3 {
                    got.push(c.cell(i).await);
                    step("s").await;
                }
                for (k, g) in got.iter().enumerate() {
                    g.set(g.get() + 10 * k as u32);
                }
                [c.n[0].get(), c.n[1].get(), c.n[2].get()]
            }
        }
    }
    run { f() }
}

twin! {
    /// A vector filled in a loop by awaited values, its element type known only from the
    /// push; a method called on an element after the loop.
    p12b_vec_type_from_awaited_push_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut got = Vec::new();
                for i in 0..3u32 {
                    got.push(leaf("v", i).await);
                    step("s").await;
                }
                let mut sum = 0;
                for g in got.iter() {
                    sum += g.pow(2);
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// As above without the `for` loop: one push, then a method call on the element.
    p12b_vec_type_from_awaited_push_once {
        lower! {
            pub async fn f() -> u32 {
                let mut got = Vec::new();
                got.push(leaf("v", 3u32).await);
                step("s").await;
                got[0].pow(2)
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: a vector whose element type comes from an awaited push in a `while` loop,
    /// a method called on an element after the loop (E0282).
    p12b_min_vec_type_from_push_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut got = Vec::new();
                while got.len() < 2 {
                    got.push(leaf("v", 3u32).await);
                }
                got[0].pow(2)
            }
        }
    }
    run { f() }
}

twin! {
    /// A local whose type comes from an awaited assignment in a loop, a method called on
    /// it after the loop.
    p12b_option_type_from_assign_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut last = None;
                for i in 0..2u32 {
                    last = Some(leaf("v", i).await);
                }
                last.unwrap().pow(2)
            }
        }
    }
    run { f() }
}

twin! {
    /// A vector whose element type comes from an awaited push in an `if`, a method called
    /// on an element after the `if`.
    p12b_vec_type_from_push_in_if {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let mut got = Vec::new();
                if c {
                    got.push(leaf("v", 3u32).await);
                }
                got.first().map_or(0, |g| g.pow(2))
            }
        }
    }
    run { pair(f(true), f(false)) }
}

pub async fn p12b_add_later(r: &mut u32, k: u32) {
    step("later").await;
    *r += k;
}

twin! {
    /// The output passed straight to another awaited call that writes through it after
    /// its own await.
    p12b_output_into_next_awaiter {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                p12b_add_later(a.slot(1).await, 40).await;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output carried through a leaf's await and written after it.
    p12b_output_through_leaf {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                *leaf("x", a.slot(1).await).await += 40;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output's future built, an await, then the future awaited.
    p12b_output_in_future_awaited_later {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let fut = p12b_add_later(a.slot(0).await, 40);
                step("s").await;
                fut.await;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A self-referential local: one field of a tuple holds a reference into the other.
    p12b_self_referential_tuple {
        pub struct C { pub n: [Cell<u32>; 2], pub t: Tracker }
        impl C {
            lower! {
                pub async fn cell(&self, i: usize) -> &Cell<u32> {
                    step("cell").await;
                    &self.n[i]
                }
            }
        }
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut both = (C { n: [Cell::new(1), Cell::new(2)], t: Tracker::new("c") }, None);
                both.1 = Some(both.0.cell(1).await);
                step("s").await;
                both.1.unwrap().set(42);
                [both.0.n[0].get(), both.0.n[1].get()]
            }
        }
    }
    run { f() }
}

twin! {
    /// A method of the output awaited with the output's own receiver parked meanwhile.
    p12b_output_method_awaited {
        pub struct Inner { pub n: [u32; 2] }
        impl Inner {
            lower! {
                pub async fn add(&mut self, i: usize, k: u32) -> u32 {
                    step("add").await;
                    self.n[i] += k;
                    self.n[i]
                }
            }
        }
        pub struct Outer { pub t: Tracker, pub inner: Inner }
        impl Outer {
            lower! {
                pub async fn inner_mut(&mut self) -> &mut Inner {
                    step("inner").await;
                    &mut self.inner
                }
            }
        }
        lower! {
            pub async fn f() -> ([u32; 2], u32) {
                let mut o = Outer { t: Tracker::new("o"), inner: Inner { n: [1, 2] } };
                let got = o.inner_mut().await.add(1, 40).await;
                (o.inner.n, got)
            }
        }
    }
    run { f() }
}

pub async fn p12b_pass(r: &mut u32) -> &mut u32 {
    step("pass").await;
    r
}

twin! {
    /// The output passed through another `async fn` that returns it after an await, bound
    /// by `let` and written.
    p12b_output_passed_through_async_fn {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = p12b_pass(a.slot(1).await).await;
                *r += 40;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: the output carried through a leaf's await and written after it.
    p12b_min_output_through_leaf {
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
                let r = leaf("x", a.slot(1).await).await;
                *r += 40;
                a.n
            }
        }
    }
    run { f() }
}

pub async fn p12b_pass_any<T>(r: &mut T) -> &mut T {
    step("pass").await;
    r
}

twin! {
    /// A `&mut Vec` into the receiver (the vector's header is inline) passed through an
    /// `async fn` and grown: a stale header would leave the receiver's vector freed.
    p12b_vec_header_through_async_fn {
        pub struct V { pub v: Vec<u32>, pub t: Tracker }
        impl V {
            lower! {
                pub async fn list(&mut self) -> &mut Vec<u32> {
                    step("list").await;
                    &mut self.v
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = V { v: vec![1], t: Tracker::new("v") };
                let r = p12b_pass_any(a.list().await).await;
                for k in 0..20 {
                    r.push(k);
                }
                a.v
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut Vec` into the receiver bound by `while let` on an awaited `Option`, grown
    /// after an await.
    p12b_vec_header_while_let {
        pub struct V { pub v: Vec<u32>, pub t: Tracker }
        impl V {
            lower! {
                pub async fn list(&mut self, go: bool) -> Option<&mut Vec<u32>> {
                    step("list").await;
                    if go { Some(&mut self.v) } else { None }
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = V { v: vec![1], t: Tracker::new("v") };
                let mut rounds = 0;
                while let Some(r) = a.list(rounds < 1).await {
                    step("s").await;
                    for k in 0..20 {
                        r.push(k);
                    }
                    rounds += 1;
                }
                a.v
            }
        }
    }
    run { f() }
}

twin! {
    /// Pushes of the output as the value of `match` arms without braces.
    p12b_push_in_match_arms {
        lower! {
            pub async fn f(k: u32) -> [u32; 2] {
                let mut a = p12a("a");
                let mut held: Vec<&mut u32> = Vec::new();
                match k {
                    0 => held.push(a.slot(0).await),
                    _ => held.push(a.slot(1).await),
                }
                step("s").await;
                *held[0] += 40;
                drop(held);
                a.n
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// `(&mut held).push(..)`.
    p12b_push_through_explicit_ref {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let mut held: Vec<&mut u32> = Vec::new();
                (&mut held).push(a.slot(1).await);
                step("s").await;
                *held[0] += 40;
                drop(held);
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `Some(ref mut r)` binding into the awaited `Option` scrutinee, written after an await.
    p12b_ref_mut_binding_of_output {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                match a.maybe(1).await {
                    Some(ref mut r) => {
                        step("s").await;
                        **r += 40;
                    }
                    None => {}
                }
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// An `if let` chain on the awaited output (edition 2024), an await in the block.
    p12b_let_chain_output {
        lower! {
            pub async fn f(i: usize) -> [u32; 2] {
                let mut a = p12a("a");
                if let Some(r) = a.maybe(i).await
                    && *r > 1
                {
                    step("s").await;
                    *r += 40;
                }
                a.n
            }
        }
    }
    run { pair(f(0), f(1)) }
}

pub async fn p12b_apply_later<F: FnOnce(u32)>(f: F) {
    step("apply").await;
    f(40);
}

twin! {
    /// The output moved into a closure given to a later awaited call that calls it after
    /// its own await.
    p12b_output_in_closure_to_awaiter {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = a.slot(1).await;
                p12b_apply_later(move |k| *r += k).await;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The output bound, a tracker declared, then the output given to a later awaited call
    /// that writes through it after its own await.
    p12b_output_given_to_awaiter_after_let {
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = p12a("a");
                let r = a.slot(1).await;
                let pad = (Tracker::new("pad"), [7u64; 3]);
                p12b_add_later(r, 40).await;
                log(format!("{:?}", pad.0));
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver bound by value in a `match` arm.
    p12b_receiver_bound_by_value_in_arm {
        lower! {
            pub async fn f() -> Option<[u32; 2]> {
                let opt = Some(p12a("a"));
                match opt {
                    Some(mut a) => {
                        let r = a.slot(1).await;
                        step("s").await;
                        *r += 40;
                        Some(a.n)
                    }
                    None => None,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver bound by a destructuring `let`.
    p12b_receiver_from_destructuring_let {
        lower! {
            pub async fn f() -> ([u32; 2], u32) {
                let (mut a, k) = (p12a("a"), 3u32);
                let r = a.slot(0).await;
                step("s").await;
                *r += k;
                (a.n, k)
            }
        }
    }
    run { f() }
}

twin! {
    /// The receiver is a `for` loop variable taken by value.
    p12b_receiver_loop_variable {
        lower! {
            pub async fn f() -> u32 {
                let mut sum = 0;
                for mut a in [p12a("x"), p12a("y")] {
                    let r = a.slot(1).await;
                    step("s").await;
                    *r += 40;
                    sum += a.n[1];
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// A trait's `async fn` with a default body awaiting another method of `self`.
    p12b_trait_default_body_output {
        pub trait Slots {
            async fn slot(&mut self, i: usize) -> &mut u32;
            async fn bump(&mut self, i: usize) -> u32 {
                let r = self.slot(i).await;
                step("bump").await;
                *r += 40;
                *r
            }
        }
        impl Slots for P12A {
            async fn slot(&mut self, i: usize) -> &mut u32 {
                step("tslot").await;
                &mut self.n[i]
            }
        }
        lower! {
            pub async fn f() -> ([u32; 2], u32) {
                let mut a = p12a("a");
                let got = a.bump(1).await;
                step("s").await;
                (a.n, got)
            }
        }
    }
    run { f() }
}
