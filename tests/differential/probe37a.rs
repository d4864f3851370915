//! Probe round 37a: `&mut` bindings matched again, adversarially: bindings of a `match` /
//! `if let` / `while let` / `let .. else` on `&mut self`, `&mut` parameters and locals, and
//! items of `iter_mut()` / `values_mut()` loops, used by the awaited expression (by `&mut`,
//! by `&`, by value, as a method receiver, inside closures and async blocks, several at
//! once), nested patterns and bindings of bindings, writes through the root after the
//! await, early `return`, `?`, `break`/`continue`, adaptors, slices (`[first, .., last]`,
//! `[head, tail @ ..]`, `chunks_mut`), or-patterns, guards, `@` bindings and range tests
//! whose value changes through the binding, cancellation and panics.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::BTreeMap;

twin! {
    /// An awaited call taking the binding by `&mut`, twice, then `*self = ..`.
    p37a_add_by_mut_then_assign {
        lower! {
            pub async fn add(n: &mut u32, k: u32) -> u32 {
                let d = leaf("add", k).await;
                *n += d;
                *n
            }
        }
        pub enum E { A(u32, Tracker), B(Tracker) }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, t) => {
                            let r = add(n, 2).await;
                            log(format!("{} {}", t.name(), n));
                            let r2 = add(n, 3).await;
                            *self = E::B(Tracker::new("b"));
                            r * 100 + r2
                        }
                        E::B(t) => {
                            step(t.name()).await;
                            0
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("a"));
                let x = e.run().await;
                let y = e.run().await;
                x + y
            }
        }
    }
    run { go() }
}

twin! {
    /// An awaited call taking the binding by `&`, and a `Copy` read of it as a leaf value.
    p37a_peek_by_ref_and_copy {
        lower! {
            pub async fn peek(n: &u32) -> u32 {
                step("peek").await;
                *n * 10
            }
        }
        pub enum E { A { n: u32, name: &'static str, t: Tracker }, B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A { n, name, .. } => {
                            let a = peek(n).await;
                            let b = leaf(*name, *n + 1).await;
                            *n = a + b;
                            let c = peek(&*n).await;
                            if c > 100 {
                                *self = E::B;
                            }
                            c
                        }
                        E::B => 7,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A { n: 2, name: "nm", t: Tracker::new("t") };
                let x = e.run().await;
                let y = e.run().await;
                x + y
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered `&mut self` method on the payload type, called on the binding as receiver.
    p37a_payload_method_receiver {
        pub struct Counter { n: u32, t: Tracker }
        impl Counter {
            lower! {
                pub async fn grow(&mut self) -> u32 {
                    self.n += leaf("grow", 1).await;
                    log(format!("grow {} {}", self.t.name(), self.n));
                    self.n
                }
            }
        }
        pub enum Slot { Full(Counter), Empty }
        impl Slot {
            lower! {
                pub async fn tick(&mut self) -> u32 {
                    match self {
                        Slot::Full(c) => {
                            let a = c.grow().await;
                            let b = c.grow().await;
                            if a + b > 5 {
                                *self = Slot::Empty;
                            }
                            a + b
                        }
                        Slot::Empty => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut s = Slot::Full(Counter { n: 0, t: Tracker::new("c") });
                let mut out = 0;
                for _ in 0..3 {
                    out = out * 10 + s.tick().await;
                }
                out
            }
        }
    }
    run { go() }
}

// Known gap: E0499: a closure or `async` block in the awaited expression capturing a `&mut` binding of a `match` on `&mut self` (`apply(|| *n += 5).await`, `async { *n += 1; x.await }.await`), then `*self = ..`: the binding is parked
#[cfg(feature = "known-gaps")]
twin! {
    /// The binding used inside a closure in the awaited expression.
    p37a_closure_in_awaited_expr {
        lower! {
            pub async fn apply(f: impl FnOnce() -> u32) -> u32 {
                step("apply").await;
                f()
            }
        }
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, _) => {
                            let v = apply(|| { *n += 5; *n }).await;
                            let w = leaf("w", (|| *n * 2)()).await;
                            *self = E::B;
                            v + w
                        }
                        E::B => 1,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(3, Tracker::new("t"));
                e.run().await + e.run().await
            }
        }
    }
    run { go() }
}

// Known gap: E0499: a closure or `async` block in the awaited expression capturing a `&mut` binding of a `match` on `&mut self` (`apply(|| *n += 5).await`, `async { *n += 1; x.await }.await`), then `*self = ..`: the binding is parked
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduced: `apply(|| *n += 1).await` in an arm of `match self`, then `*self = ..`.
    p37a_min_closure_in_awaited_expr {
        lower! {
            pub async fn apply(f: impl FnOnce()) {
                step("apply").await;
                f()
            }
        }
        pub enum E { A(u32), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n) => {
                            apply(|| *n += 1).await;
                            *self = E::B;
                            1
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1);
                e.run().await
            }
        }
    }
    run { go() }
}

// Known gap: E0499: a closure or `async` block in the awaited expression capturing a `&mut` binding of a `match` on `&mut self` (`apply(|| *n += 5).await`, `async { *n += 1; x.await }.await`), then `*self = ..`: the binding is parked
#[cfg(feature = "known-gaps")]
twin! {
    /// The binding used and written inside an awaited `async` block.
    p37a_async_block_in_awaited_expr {
        pub enum E { A(u32, Tracker), B(u32) }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, t) => {
                            let r = async {
                                *n += 1;
                                step("inner").await;
                                *n * 3
                            }
                            .await;
                            log(format!("t {}", t.name()));
                            let k = *n;
                            *self = E::B(k + r);
                            k
                        }
                        E::B(v) => *v,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(4, Tracker::new("t"));
                let a = e.run().await;
                let b = e.run().await;
                a * 100 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// Two bindings of the same arm lent to one awaited call.
    p37a_two_bindings_one_call {
        lower! {
            pub async fn mix(a: &mut u32, b: &mut Vec<Tracker>, name: &'static str) -> u32 {
                let k = leaf(name, *a).await;
                b.push(Tracker::new(name));
                *a += k;
                b.len() as u32
            }
        }
        pub enum E { A(u32, Vec<Tracker>), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, ts) => {
                            let x = mix(n, ts, "m1").await;
                            let y = mix(n, ts, "m2").await;
                            if *n > 3 {
                                *self = E::B;
                                return x + y + 100;
                            }
                            x + y
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, vec![Tracker::new("t0")]);
                let a = e.run().await;
                log("between");
                let b = e.run().await;
                a * 1000 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// A binding of a nested pattern, `E::A(Inner::B(x))`, written after the await.
    p37a_nested_pattern_binding {
        pub enum Inner { B(u32), C(Tracker) }
        pub enum E { A(Inner), D }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(Inner::B(x)) => {
                            *x += leaf("x", 2).await;
                            if *x > 4 {
                                *self = E::A(Inner::C(Tracker::new("c")));
                            }
                            1
                        }
                        E::A(Inner::C(t)) => {
                            step(t.name()).await;
                            *self = E::D;
                            2
                        }
                        E::D => 3,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(Inner::B(1));
                let mut out = 0;
                for _ in 0..4 {
                    out = out * 10 + e.run().await;
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A binding of a binding: `match self { E::A(inner) => match inner { .. } }`.
    p37a_binding_of_binding {
        pub enum Inner { X(u32, Tracker), Y }
        pub enum E { A(Inner, u32), Z }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(inner, count) => match inner {
                            Inner::X(v, t) => {
                                *v += leaf(t.name(), *count).await;
                                *count += 1;
                                let out = *v;
                                *inner = Inner::Y;
                                step("after").await;
                                *count += out;
                                out
                            }
                            Inner::Y => {
                                step("y").await;
                                *self = E::Z;
                                0
                            }
                        },
                        E::Z => 9,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(Inner::X(1, Tracker::new("x")), 2);
                let a = e.run().await;
                let b = e.run().await;
                let c = e.run().await;
                a * 100 + b * 10 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// Binding of a binding, the inner one used by an awaited call after the outer is written.
    p37a_binding_of_binding_awaited_use {
        lower! {
            pub async fn bump(n: &mut u32) -> u32 {
                *n += leaf("b", 1).await;
                *n
            }
        }
        pub enum Inner { X(u32), Y(u32) }
        pub enum E { A(Inner, Tracker), Z }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(inner, t) => {
                            log(format!("in {}", t.name()));
                            match inner {
                                Inner::X(v) | Inner::Y(v) => {
                                    let a = bump(v).await;
                                    let b = bump(v).await;
                                    a + b
                                }
                            }
                        }
                        E::Z => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(Inner::Y(5), Tracker::new("t"));
                let a = e.run().await;
                e = E::Z;
                let b = e.run().await;
                a + b
            }
        }
    }
    run { go() }
}

twin! {
    /// `match &mut self.state` then a write to `self.state` and a sibling field after the await.
    p37a_field_state_write_after {
        pub enum St { Idle, Busy(u32, Tracker) }
        pub struct M { state: St, count: u32, log_name: &'static str }
        impl M {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    match &mut self.state {
                        St::Busy(n, t) => {
                            *n += leaf(self.log_name, 1).await;
                            log(format!("busy {} {}", t.name(), n));
                            self.count += *n;
                            if *n >= 3 {
                                self.state = St::Idle;
                            }
                            self.count
                        }
                        St::Idle => {
                            step("idle").await;
                            self.state = St::Busy(0, Tracker::new("b2"));
                            0
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut m = M { state: St::Busy(1, Tracker::new("b1")), count: 0, log_name: "ln" };
                let mut out = 0;
                for _ in 0..4 {
                    out += m.step().await;
                }
                out + m.count
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let Some(n) = &mut self.cache`, awaited write, then `self.cache = None`.
    p37a_if_let_field_cache {
        pub struct C { cache: Option<(u32, Tracker)>, hits: u32 }
        impl C {
            lower! {
                pub async fn get(&mut self, k: u32) -> u32 {
                    if let Some((v, t)) = &mut self.cache {
                        *v += leaf("refresh", k).await;
                        self.hits += 1;
                        let out = *v;
                        log(format!("hit {} {}", t.name(), out));
                        if out > 5 {
                            self.cache = None;
                        }
                        return out;
                    }
                    let v = leaf("miss", k).await;
                    self.cache = Some((v, Tracker::new("fresh")));
                    v
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut c = C { cache: Some((1, Tracker::new("old"))), hits: 0 };
                let a = c.get(2).await;
                let b = c.get(3).await;
                let d = c.get(4).await;
                a * 10000 + b * 100 + d + c.hits
            }
        }
    }
    run { go() }
}

twin! {
    /// Sibling fields of a struct pattern on `&mut self`: one read, one written, after the await.
    p37a_struct_pattern_siblings {
        pub struct S { a: u32, b: Vec<Tracker>, c: &'static str }
        impl S {
            lower! {
                pub async fn run(&mut self) -> usize {
                    let S { a, b, c } = self;
                    let k = leaf(*c, *a).await;
                    *a += k;
                    b.push(Tracker::new("pushed"));
                    step("mid").await;
                    b.retain(|t| t.name() != "first");
                    self.a += 1;
                    self.b.len() + self.a as usize
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut s = S { a: 1, b: vec![Tracker::new("first"), Tracker::new("second")], c: "c" };
                let x = s.run().await;
                x * 10 + s.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// Early `?` inside the arm, while the binding lives, then a write through the root.
    p37a_question_mark_in_arm {
        lower! {
            pub async fn check(n: u32) -> Result<u32, String> {
                step("check").await;
                if n > 4 { Err(format!("big {n}")) } else { Ok(n + 1) }
            }
        }
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> Result<u32, String> {
                    match self {
                        E::A(n, t) => {
                            *n = check(*n).await?;
                            log(format!("ok {}", t.name()));
                            *n = check(*n * 2).await?;
                            *self = E::B;
                            Ok(1)
                        }
                        E::B => Ok(0),
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Result<u32, String>, Result<u32, String>, Result<u32, String>) {
                let mut e = E::A(1, Tracker::new("t"));
                let a = e.run().await;
                let b = e.run().await;
                let c = e.run().await;
                (a, b, c)
            }
        }
    }
    run { go() }
}

// Known gap: E0499: a destructuring `let` (or `let .. else`) of a `&mut` parameter (`let (n, v) = p;`, `let Some((n, t)) = o else ..`, `let S { a, b, .. } = self;`) whose binding is used after an await, then the parameter written (`*p = ..`): the binding is parked, not matched again
#[cfg(feature = "known-gaps")]
twin! {
    /// `let .. else` on a `&mut` parameter, the binding written after the await, then the root.
    p37a_let_else_param {
        lower! {
            pub async fn take(o: &mut Option<(u32, Tracker)>) -> u32 {
                let Some((n, t)) = o else {
                    step("none").await;
                    return 0;
                };
                *n += leaf(t.name(), 3).await;
                let v = *n;
                *o = None;
                step("cleared").await;
                v
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut o = Some((1, Tracker::new("t")));
                let a = take(&mut o).await;
                let b = take(&mut o).await;
                o = Some((5, Tracker::new("u")));
                let c = take(&mut o).await;
                a * 100 + b * 10 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// A destructuring `let` of a `&mut` tuple parameter, both parts used after the await.
    p37a_let_tuple_of_mut_param {
        lower! {
            pub async fn shift(p: &mut (u32, Vec<Tracker>)) -> usize {
                let (n, v) = p;
                *n += leaf("n", 2).await;
                v.push(Tracker::new("p"));
                step("s").await;
                v.truncate(*n as usize / 2);
                *p = (0, Vec::new());
                7
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut p = (3, vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]);
                let r = shift(&mut p).await;
                r + p.1.len()
            }
        }
    }
    run { go() }
}

twin! {
    /// Reduced: `let (a, _) = p;` of a `&mut` tuple, `*a += x.await`, then `*p = ..`.
    p37a_min_let_destructure_mut_param {
        lower! {
            pub async fn f(p: &mut (u32, u32)) -> u32 {
                let (a, _) = p;
                *a += leaf("a", 1).await;
                *p = (0, 0);
                p.0
            }
        }
    }
    run { f(leak((1, 2))) }
}

twin! {
    /// `for e in v.iter_mut()` with `continue` and `break` around an awaited use of the item.
    p37a_iter_mut_continue_break {
        lower! {
            pub async fn add(n: &mut u32, k: u32) {
                *n += leaf("add", k).await;
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3, 4, 5];
                let t = Tracker::new("t");
                for e in v.iter_mut() {
                    if *e % 2 == 0 {
                        continue;
                    }
                    add(e, 10).await;
                    if *e > 13 {
                        break;
                    }
                    *e += 100;
                }
                log(format!("{}", t.name()));
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// `for e in v.iter_mut().rev()` matching each item, arm awaits, writes the item whole.
    p37a_iter_mut_rev_match {
        pub enum Job { Todo(u32, Tracker), Done(u32) }
        lower! {
            pub async fn go() -> u32 {
                let mut v = vec![Job::Todo(1, Tracker::new("j1")), Job::Done(5), Job::Todo(3, Tracker::new("j3"))];
                let mut total = 0;
                for e in v.iter_mut().rev() {
                    match e {
                        Job::Todo(n, t) => {
                            *n += leaf(t.name(), *n).await;
                            let k = *n;
                            *e = Job::Done(k);
                            total += k;
                        }
                        Job::Done(k) => {
                            step("done").await;
                            *k += 1;
                        }
                    }
                }
                for j in &v {
                    if let Job::Done(k) = j {
                        total = total * 10 + k;
                    }
                }
                total
            }
        }
    }
    run { go() }
}

twin! {
    /// `for e in v.iter_mut().take(2)` with an `if let` on each item and a write of it.
    p37a_iter_mut_take_if_let {
        lower! {
            pub async fn go() -> Vec<Option<u32>> {
                let mut v = vec![Some(1u32), None, Some(3), Some(4)];
                let _g = Tracker::new("g");
                for e in v.iter_mut().take(3) {
                    if let Some(n) = e {
                        *n += leaf("n", *n).await;
                        if *n > 4 {
                            *e = None;
                        }
                    } else {
                        step("none").await;
                        *e = Some(0);
                    }
                }
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// `values_mut()` of a `BTreeMap`, matching each value and replacing it after the await.
    p37a_values_mut_match_replace {
        pub enum V { Pending(Tracker), Ready(u32) }
        lower! {
            pub async fn go() -> Vec<(u32, u32)> {
                let mut m = BTreeMap::new();
                m.insert(2, V::Pending(Tracker::new("two")));
                m.insert(1, V::Ready(10));
                m.insert(3, V::Pending(Tracker::new("three")));
                for v in m.values_mut() {
                    match v {
                        V::Pending(t) => {
                            let k = leaf(t.name(), 7).await;
                            *v = V::Ready(k);
                        }
                        V::Ready(k) => {
                            *k += leaf("r", 1).await;
                        }
                    }
                }
                m.iter().map(|(k, v)| (*k, match v { V::Ready(n) => *n, V::Pending(_) => 0 })).collect()
            }
        }
    }
    run { go() }
}

twin! {
    /// `iter_mut()` of a `BTreeMap`: a tuple pattern `(k, v)`, the key read after the await.
    p37a_btreemap_iter_mut_tuple {
        lower! {
            pub async fn go() -> Vec<(u32, u32)> {
                let mut m = BTreeMap::new();
                m.insert(1u32, (1u32, Tracker::new("a")));
                m.insert(2, (2, Tracker::new("b")));
                for (k, (n, t)) in m.iter_mut() {
                    *n += leaf(t.name(), *k).await;
                    log(format!("{} {}", k, n));
                    if *k == 2 {
                        *t = Tracker::new("b2");
                    }
                }
                m.iter().map(|(k, (n, _))| (*k, *n)).collect()
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let Some(x) = stack.last_mut()`, awaited write through `x`, then a `pop`.
    p37a_while_let_last_mut_pop {
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut stack = vec![(1u32, Tracker::new("a")), (5, Tracker::new("b"))];
                let mut out = Vec::new();
                while let Some((n, t)) = stack.last_mut() {
                    *n += leaf(t.name(), 2).await;
                    if *n > 6 {
                        out.push(*n);
                        stack.pop();
                    } else {
                        *n += 10;
                    }
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let Some(x) = stack.last_mut()` calling an awaited `&mut` fn on `x`.
    p37a_while_let_last_mut_call {
        lower! {
            pub async fn dec(n: &mut u32) -> bool {
                step("dec").await;
                *n -= 1;
                *n == 0
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut stack = vec![2u32, 1, 3];
                let _t = Tracker::new("t");
                let mut rounds = 0;
                while let Some(x) = stack.last_mut() {
                    rounds += 1;
                    if dec(x).await {
                        stack.pop();
                    }
                }
                rounds
            }
        }
    }
    run { go() }
}

twin! {
    /// `&mut [T]` parameter with `[first, .., last]`, both written after awaits.
    p37a_slice_first_last {
        lower! {
            pub async fn ends(v: &mut [u32]) -> u32 {
                match v {
                    [first, .., last] => {
                        *first += leaf("f", *last).await;
                        *last += leaf("l", *first).await;
                        *first + *last
                    }
                    [only] => {
                        *only *= leaf("o", 3).await;
                        *only
                    }
                    [] => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, u32, u32, Vec<u32>) {
                let mut v = vec![1, 2, 3];
                let mut w = vec![4];
                let _t = Tracker::new("t");
                let a = ends(&mut v).await;
                let b = ends(&mut w).await;
                let c = ends(&mut []).await;
                v.extend(w);
                (a, b, c, v)
            }
        }
    }
    run { go() }
}

twin! {
    /// `[head, tail @ ..]` of a `&mut` slice, recursing by hand through a loop on `tail`.
    p37a_slice_head_tail_at {
        lower! {
            pub async fn bump_head(v: &mut [u32]) -> usize {
                if let [head, tail @ ..] = v {
                    *head += leaf("h", tail.len() as u32).await;
                    tail.len()
                } else {
                    0
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3];
                let _t = Tracker::new("t");
                let mut i = 0;
                while bump_head(&mut v[i..]).await > 0 {
                    i += 1;
                }
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// `[head, tail @ ..]`: `tail` written after the await, then `v[0]` read.
    p37a_slice_tail_written_after {
        lower! {
            pub async fn f(v: &mut [u32]) -> u32 {
                if let [head, tail @ ..] = v {
                    let k = leaf("k", *head).await;
                    tail[0] += k;
                    *head += 1;
                    step("s").await;
                    tail[1] = *head;
                }
                v[0] + v[1] + v[2]
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut v = [5u32, 6, 7];
                let _t = Tracker::new("t");
                f(&mut v).await * 100 + v[1]
            }
        }
    }
    run { go() }
}

twin! {
    /// `chunks_mut` with a slice pattern on each chunk, awaiting between the writes.
    p37a_chunks_mut_slice_pattern {
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3, 4, 5];
                let _t = Tracker::new("t");
                for c in v.chunks_mut(2) {
                    match c {
                        [a, b] => {
                            *a += leaf("a", *b).await;
                            *b = *a * 2;
                        }
                        [a] => {
                            step("single").await;
                            *a = 0;
                        }
                        _ => {}
                    }
                }
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// An `@` binding with a range test, the value moved out of the range before the await.
    p37a_at_range_changed_before_await {
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n @ 1..=5, _) => {
                            *n += 10;
                            step("s").await;
                            *n += leaf("k", 1).await;
                            *n
                        }
                        E::A(n, _) => {
                            *n = leaf("big", *n).await;
                            let v = *n;
                            *self = E::B;
                            v
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(3, Tracker::new("t"));
                let a = e.run().await;
                let b = e.run().await;
                let c = e.run().await;
                a * 10000 + b * 100 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// An `@` binding whose literal test is on a sibling written through it before the await.
    p37a_at_literal_sibling_written {
        lower! {
            pub async fn f(p: &mut (u32, u32, Tracker)) -> u32 {
                match p {
                    (z @ 0, n, t) => {
                        *z = 5;
                        *n += leaf(t.name(), 1).await;
                        *z += *n;
                        *z
                    }
                    (z, n, _) => {
                        *n += leaf("other", *z).await;
                        *n
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, u32, u32) {
                let mut p = (0, 1, Tracker::new("t"));
                let a = f(&mut p).await;
                let b = f(&mut p).await;
                (a, b, p.0 * 100 + p.1)
            }
        }
    }
    run { go() }
}

twin! {
    /// A literal test in the same arm as a binding, the tested field changed by a guard's arm.
    p37a_literal_test_field_then_await {
        pub struct P { mode: u8, n: u32, t: Tracker }
        impl P {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        P { mode: 0, n, .. } => {
                            *n += leaf("m0", 1).await;
                            self.mode = 1;
                            self.n
                        }
                        P { mode: 1, n, t } => {
                            log(format!("m1 {}", t.name()));
                            *n *= leaf("m1", 3).await;
                            self.mode = 2;
                            self.n
                        }
                        P { n, .. } => *n,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut p = P { mode: 0, n: 1, t: Tracker::new("t") };
                let a = p.run().await;
                let b = p.run().await;
                let c = p.run().await;
                a * 100 + b * 10 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// A guard reading a sibling binding, the sibling written before the await (a re-match with
    /// the guard would fail).
    p37a_guard_sibling_written {
        pub enum E { A(u32, u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(a, n, _) if *a == 0 => {
                            *a = 9;
                            *n += leaf("g", 2).await;
                            *n + *a
                        }
                        E::A(a, n, t) => {
                            log(format!("other {}", t.name()));
                            *n += leaf("h", *a).await;
                            let v = *n;
                            *self = E::B;
                            v
                        }
                        E::B => 1,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(0, 1, Tracker::new("t"));
                let a = e.run().await;
                let b = e.run().await;
                let c = e.run().await;
                a * 10000 + b * 100 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// A guard on `&mut self`, then a later arm binding the same place, with an awaited write.
    p37a_guard_self_later_arm_same_place {
        pub enum E { A(u32), B(Tracker) }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n) if *n > 2 => {
                            *n += leaf("big", 1).await;
                            *n
                        }
                        E::A(n) => {
                            *n += leaf("small", 2).await;
                            let v = *n;
                            *self = E::B(Tracker::new("b"));
                            v
                        }
                        E::B(t) => {
                            step(t.name()).await;
                            0
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(3);
                let mut f = E::A(1);
                let a = e.run().await;
                let b = f.run().await;
                let c = f.run().await;
                a * 100 + b * 10 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// An or-pattern of ranges under an `@`, the value written out of it before the await.
    p37a_at_or_pattern_values {
        lower! {
            pub async fn f(v: &mut Vec<(u32, Tracker)>) -> u32 {
                let mut sum = 0;
                for e in v.iter_mut() {
                    match e {
                        (k @ (1 | 3 | 5..=7), t) => {
                            *k *= 10;
                            sum += leaf(t.name(), *k).await;
                            *k += 1;
                        }
                        (k, _) => {
                            step("skip").await;
                            *k = 0;
                        }
                    }
                }
                sum
            }
        }
        lower! {
            pub async fn go() -> (u32, Vec<u32>) {
                let mut v = vec![(1, Tracker::new("a")), (2, Tracker::new("b")), (6, Tracker::new("c"))];
                let s = f(&mut v).await;
                (s, v.iter().map(|p| p.0).collect())
            }
        }
    }
    run { go() }
}

twin! {
    /// `matches!` before an `if let` whose binding is used by the awaited call.
    p37a_matches_then_if_let {
        lower! {
            pub async fn dbl(n: &mut u32) {
                step("dbl").await;
                *n *= 2;
            }
        }
        pub enum E { A(u32), B(Tracker) }
        lower! {
            pub async fn run(e: &mut E) -> u32 {
                if matches!(e, E::A(n) if *n < 10) {
                    if let E::A(n) = e {
                        dbl(n).await;
                        dbl(n).await;
                        if *n >= 8 {
                            *e = E::B(Tracker::new("b"));
                            return 8;
                        }
                        return *n;
                    }
                }
                step("no").await;
                0
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut a = E::A(1);
                let mut b = E::A(3);
                let x = run(&mut a).await;
                let y = run(&mut b).await;
                let z = run(&mut b).await;
                x * 100 + y * 10 + z
            }
        }
    }
    run { go() }
}

// Known gap: E0499: a local borrowing a `&mut` binding of a `match` on `&mut self` lives across an await (`let r = &mut *v;`, a closure `|k| *n += k`, a future `let fut = add(n, 3);`), then `*self = ..`: the binding is parked
#[cfg(feature = "known-gaps")]
twin! {
    /// The awaiter built from a binding is stored in a local and awaited after another await.
    p37a_future_stored_then_awaited {
        lower! {
            pub async fn add(n: &mut u32, k: u32) -> u32 {
                *n += leaf("add", k).await;
                *n
            }
        }
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, _) => {
                            let fut = add(n, 3);
                            step("before").await;
                            let r = fut.await;
                            *self = E::B;
                            r
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("t"));
                let a = e.run().await;
                a * 10 + e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// Two bindings of one arm in a `pair` of awaited calls.
    p37a_pair_of_bindings {
        lower! {
            pub async fn add(n: &mut u32, name: &'static str) -> u32 {
                *n += leaf(name, 1).await;
                *n
            }
        }
        pub enum E { A(u32, u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> (u32, u32) {
                    match self {
                        E::A(x, y, _) => {
                            let r = pair(add(x, "x"), add(y, "y")).await;
                            *x += *y;
                            *self = E::B;
                            r
                        }
                        E::B => (0, 0),
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> ((u32, u32), (u32, u32)) {
                let mut e = E::A(1, 5, Tracker::new("t"));
                let a = e.run().await;
                (a, e.run().await)
            }
        }
    }
    run { go() }
}

twin! {
    /// Two awaits in one expression, both reading the binding, the sum written through it.
    p37a_two_awaits_one_expr {
        pub enum E { A(u32, Tracker), B(u32) }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, t) => {
                            *n = leaf("x", *n).await + leaf(t.name(), *n + 1).await;
                            let k = *n;
                            *self = E::B(k);
                            k
                        }
                        E::B(k) => {
                            *k += leaf("b", *k).await * leaf("c", 2).await;
                            *k
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(2, Tracker::new("t"));
                let a = e.run().await;
                a * 1000 + e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// The binding as the scrutinee of an inner `match` on an awaited value.
    p37a_inner_match_on_awaited {
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, t) => match leaf(t.name(), *n % 3).await {
                            0 => {
                                *self = E::B;
                                0
                            }
                            k => {
                                *n += k;
                                step("k").await;
                                *n
                            }
                        },
                        E::B => 99,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut e = E::A(1, Tracker::new("t"));
                let mut out = Vec::new();
                for _ in 0..4 {
                    out.push(e.run().await);
                }
                out
            }
        }
    }
    run { go() }
}

// Known gap: E0499: a local borrowing a `&mut` binding of a `match` on `&mut self` lives across an await (`let r = &mut *v;`, a closure `|k| *n += k`, a future `let fut = add(n, 3);`), then `*self = ..`: the binding is parked
#[cfg(feature = "known-gaps")]
twin! {
    /// A reborrow of the binding by a `let` without a type, across the await, then `*self = ..`.
    p37a_let_reborrow_of_binding {
        pub enum E { A(Vec<u32>, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> usize {
                    match self {
                        E::A(v, _) => {
                            let r = &mut *v;
                            r.push(leaf("p", 4).await);
                            r.push(leaf("q", 5).await);
                            let n = v.len();
                            *self = E::B;
                            n
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut e = E::A(vec![1], Tracker::new("t"));
                let a = e.run().await;
                a * 10 + e.run().await
            }
        }
    }
    run { go() }
}

// Known gap: E0499: a local borrowing a `&mut` binding of a `match` on `&mut self` lives across an await (`let r = &mut *v;`, a closure `|k| *n += k`, a future `let fut = add(n, 3);`), then `*self = ..`: the binding is parked
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduced: `let r = &mut *v;` of a binding, `r.push(x.await)`, then `*self = ..`.
    p37a_min_local_reborrow_of_binding {
        pub enum E { A(Vec<u32>), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> usize {
                    match self {
                        E::A(v) => {
                            let r = &mut *v;
                            r.push(leaf("p", 4).await);
                            *self = E::B;
                            1
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut e = E::A(vec![1]);
                e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// A binding of a `Box` payload, matched again through the box, written after the await.
    p37a_box_payload_deref_match {
        pub enum Node { Leaf(u32), Pair(Box<Node>, Tracker) }
        impl Node {
            lower! {
                pub async fn bump(&mut self) -> u32 {
                    match self {
                        Node::Leaf(n) => {
                            *n += leaf("leaf", 1).await;
                            *n
                        }
                        Node::Pair(b, t) => {
                            log(format!("pair {}", t.name()));
                            match &mut **b {
                                Node::Leaf(n) => {
                                    *n += leaf("inner", 10).await;
                                    let v = *n;
                                    **b = Node::Leaf(v * 2);
                                    v
                                }
                                Node::Pair(..) => 0,
                            }
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut a = Node::Pair(Box::new(Node::Leaf(1)), Tracker::new("p"));
                let x = a.bump().await;
                let y = a.bump().await;
                x * 100 + y
            }
        }
    }
    run { go() }
}

twin! {
    /// `match &mut *self`, the arm switching the variant after an awaited use.
    p37a_match_reborrow_star_self {
        pub enum E { On(u32, Tracker), Off }
        impl E {
            lower! {
                pub async fn toggle(&mut self) -> u32 {
                    match &mut *self {
                        E::On(n, t) => {
                            *n += leaf(t.name(), 1).await;
                            let v = *n;
                            *self = E::Off;
                            v
                        }
                        E::Off => {
                            step("off").await;
                            *self = E::On(0, Tracker::new("on2"));
                            0
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::On(4, Tracker::new("on"));
                let a = e.toggle().await;
                let b = e.toggle().await;
                let c = e.toggle().await;
                a * 100 + b * 10 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// `match self.slots.get_mut(i)`: a method-call scrutinee, binding written after the await.
    p37a_get_mut_scrutinee_then_write {
        pub struct Pool { slots: Vec<Option<(u32, Tracker)>>, used: u32 }
        impl Pool {
            lower! {
                pub async fn hit(&mut self, i: usize) -> u32 {
                    match self.slots.get_mut(i) {
                        Some(Some((n, t))) => {
                            *n += leaf(t.name(), 1).await;
                            self.used += 1;
                            let v = *n;
                            if v > 2 {
                                self.slots[i] = None;
                            }
                            v
                        }
                        Some(None) => {
                            step("empty").await;
                            self.slots[i] = Some((0, Tracker::new("new")));
                            0
                        }
                        None => 100,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut p = Pool { slots: vec![Some((1, Tracker::new("s0"))), None], used: 0 };
                let mut out = Vec::new();
                for i in [0, 0, 1, 1, 0, 2] {
                    out.push(p.hit(i).await);
                }
                out.push(p.used);
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A user method with a side effect as the scrutinee: must run once, not again at resume.
    p37a_effectful_scrutinee_method {
        pub struct R { items: Vec<u32>, t: Tracker }
        impl R {
            pub fn pick(&mut self) -> Option<&mut u32> {
                log(format!("pick {}", self.t.name()));
                self.items.last_mut()
            }
            lower! {
                pub async fn run(&mut self) -> u32 {
                    if let Some(n) = self.pick() {
                        *n += leaf("a", 1).await;
                        *n += leaf("b", 2).await;
                        return *n;
                    }
                    0
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, Vec<u32>) {
                let mut r = R { items: vec![1, 2], t: Tracker::new("r") };
                let a = r.run().await;
                (a, r.items.clone())
            }
        }
    }
    run { go() }
}

twin! {
    /// An `@` binding with a variant subpattern, the binding written to another variant before
    /// the await and read after it.
    p37a_at_variant_subpattern_written {
        pub enum E { A(Option<u32>, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(o @ Some(_), t) => {
                            *o = None;
                            step(t.name()).await;
                            let r = if o.is_none() { 1 } else { 2 };
                            *o = Some(leaf("again", 5).await);
                            r
                        }
                        E::A(o, _) => {
                            *o = Some(leaf("fill", 3).await);
                            *self = E::B;
                            3
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(Some(1), Tracker::new("t"));
                let a = e.run().await;
                let b = e.run().await;
                a * 10 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// Reduced: `(x @ Some(_), _)` of a `&mut` tuple, `*x = None`, an await, `x` read.
    p37a_min_at_variant_subpattern {
        lower! {
            pub async fn f(p: &mut (Option<u32>, u32)) -> bool {
                match p {
                    (x @ Some(_), _) => {
                        *x = None;
                        step("s").await;
                        x.is_none()
                    }
                    _ => false,
                }
            }
        }
    }
    run { f(leak((Some(1), 2))) }
}

twin! {
    /// An `@` binding of a whole nested enum, written to another variant, then an awaited use.
    p37a_at_nested_enum_switched {
        pub enum Inner { X(u32), Y(Tracker) }
        lower! {
            pub async fn show(i: &mut Inner) -> u32 {
                step("show").await;
                match i {
                    Inner::X(n) => *n,
                    Inner::Y(t) => {
                        log(format!("y {}", t.name()));
                        100
                    }
                }
            }
        }
        lower! {
            pub async fn f(o: &mut (Inner, u32)) -> u32 {
                match o {
                    (inner @ Inner::X(_), k) => {
                        *inner = Inner::Y(Tracker::new("y"));
                        *k += show(inner).await;
                        *k
                    }
                    (inner, k) => {
                        *k += show(inner).await;
                        *k
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut o = (Inner::X(1), 0);
                let a = f(&mut o).await;
                let b = f(&mut o).await;
                a * 1000 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// An `@` binding of the whole slice, `all @ [first, ..]`, the first written, then an awaited
    /// use of `all`.
    p37a_at_whole_slice_with_first {
        lower! {
            pub async fn total(v: &[u32]) -> u32 {
                step("sum").await;
                v.iter().sum()
            }
        }
        lower! {
            pub async fn f(p: &mut (Vec<u32>, Tracker)) -> u32 {
                match p {
                    (v, t) if !v.is_empty() => {
                        log(format!("t {}", t.name()));
                        v[0] += leaf("first", 10).await;
                        total(v).await
                    }
                    _ => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut p = (vec![1, 2, 3], Tracker::new("t"));
                f(&mut p).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let Some(n) = o` on a `&mut Option` parameter, ended by `*o = None` after the await.
    p37a_while_let_on_param {
        lower! {
            pub async fn drain(o: &mut Option<(u32, Tracker)>) -> u32 {
                let mut rounds = 0;
                while let Some((n, t)) = o {
                    rounds += 1;
                    *n += leaf(t.name(), 2).await;
                    if *n > 6 {
                        *o = None;
                    }
                }
                rounds
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut o = Some((1, Tracker::new("t")));
                let r = drain(&mut o).await;
                r + drain(&mut o).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `for (i, e) in v.iter_mut().enumerate()`, a `match` on `e` awaiting and writing `*e`.
    p37a_iter_mut_enumerate_match {
        pub enum Cell { Empty, Val(u32, Tracker) }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut v = vec![Cell::Val(1, Tracker::new("a")), Cell::Empty, Cell::Val(2, Tracker::new("c"))];
                for (i, e) in v.iter_mut().enumerate() {
                    match e {
                        Cell::Val(n, t) if i > 0 => {
                            *n += leaf(t.name(), i as u32).await;
                            let k = *n;
                            *e = Cell::Val(k * 10, Tracker::new("re"));
                        }
                        Cell::Val(n, _) => {
                            *n += leaf("first", 5).await;
                        }
                        Cell::Empty => {
                            step("empty").await;
                            *e = Cell::Val(i as u32, Tracker::new("filled"));
                        }
                    }
                }
                v.iter().map(|c| match c { Cell::Val(n, _) => *n, Cell::Empty => 0 }).collect()
            }
        }
    }
    run { go() }
}

twin! {
    /// Reduced: `for (i, e) in v.iter_mut().enumerate() { match e { Some(n) => { *n += x.await; *e = None } .. } }`.
    p37a_min_enumerate_item_match {
        lower! {
            pub async fn go() -> Vec<Option<u32>> {
                let mut v = vec![Some(1u32), None];
                for (i, e) in v.iter_mut().enumerate() {
                    match e {
                        Some(n) => {
                            *n += leaf("n", i as u32).await;
                            *e = None;
                        }
                        None => {}
                    }
                }
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// `iter_mut().zip(iter_mut())`: two items of two vectors in one awaited call.
    p37a_iter_mut_zip_two_items {
        lower! {
            pub async fn swap_in(a: &mut u32, b: &mut Tracker) -> u32 {
                let k = leaf(b.name(), *a).await;
                *a += k;
                *b = Tracker::new("swapped");
                k
            }
        }
        lower! {
            pub async fn go() -> (u32, Vec<u32>) {
                let mut xs = vec![1u32, 2];
                let mut ts = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut s = 0;
                for (x, t) in xs.iter_mut().zip(ts.iter_mut()) {
                    s += swap_in(x, t).await;
                    *x += 1;
                }
                (s, xs)
            }
        }
    }
    run { go() }
}

twin! {
    /// Nested `iter_mut` loops over a grid, an awaited call on each cell, `break` out of the inner.
    p37a_nested_iter_mut_grid {
        lower! {
            pub async fn inc(c: &mut u32) -> bool {
                *c += leaf("c", 1).await;
                *c > 3
            }
        }
        lower! {
            pub async fn go() -> Vec<Vec<u32>> {
                let mut grid = vec![vec![1u32, 5, 2], vec![3, 0]];
                let _t = Tracker::new("t");
                for row in grid.iter_mut() {
                    for cell in row.iter_mut() {
                        if inc(cell).await {
                            break;
                        }
                    }
                    row.push(0);
                }
                grid
            }
        }
    }
    run { go() }
}

twin! {
    /// Early `return` from inside `for e in v.iter_mut()` with a value read from `e` after the await.
    p37a_iter_mut_early_return_value {
        lower! {
            pub async fn find_and_bump(v: &mut Vec<(u32, Tracker)>, want: u32) -> Option<u32> {
                let _g = Tracker::new("g");
                for (n, t) in v.iter_mut() {
                    if *n == want {
                        *n += leaf(t.name(), 100).await;
                        return Some(*n);
                    }
                    step("skip").await;
                }
                None
            }
        }
        lower! {
            pub async fn go() -> (Option<u32>, Option<u32>) {
                let mut v = vec![(1, Tracker::new("a")), (2, Tracker::new("b"))];
                let a = find_and_bump(&mut v, 2).await;
                let b = find_and_bump(&mut v, 7).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// `?` inside `for e in v.iter_mut()` after an awaited write through `e`.
    p37a_iter_mut_question_mark {
        lower! {
            pub async fn check(n: u32) -> Result<u32, String> {
                step("chk").await;
                if n == 3 { Err("three".to_string()) } else { Ok(n * 2) }
            }
        }
        lower! {
            pub async fn go_inner(v: &mut Vec<u32>) -> Result<u32, String> {
                let _g = Tracker::new("g");
                let mut s = 0;
                for e in v.iter_mut() {
                    *e = check(*e).await?;
                    s += *e;
                }
                Ok(s)
            }
        }
        lower! {
            pub async fn go() -> (Result<u32, String>, Vec<u32>, Result<u32, String>) {
                let mut v = vec![1, 2, 3, 4];
                let a = go_inner(&mut v).await;
                let mut w = vec![5];
                let b = go_inner(&mut w).await;
                (a, v, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let Some(x) = v.iter_mut().find(..)`, the found item written after the await, then `v.push`.
    p37a_iter_mut_find_then_push {
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut v = vec![1u32, 4, 6];
                let _t = Tracker::new("t");
                if let Some(x) = v.iter_mut().find(|x| **x > 2) {
                    *x += leaf("found", 10).await;
                    *x *= 2;
                }
                v.push(leaf("push", 9).await);
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// `let Some(first) = v.first_mut() else { .. }`, awaited write, then `v.push`.
    p37a_let_else_first_mut {
        lower! {
            pub async fn f(v: &mut Vec<Tracker>) -> usize {
                let Some(first) = v.first_mut() else {
                    step("empty").await;
                    v.push(Tracker::new("seed"));
                    return 0;
                };
                let name = leaf(first.name(), "next").await;
                *first = Tracker::new(name);
                v.push(Tracker::new("tail"));
                v.len()
            }
        }
        lower! {
            pub async fn go() -> (usize, usize) {
                let mut v = Vec::new();
                let a = f(&mut v).await;
                let b = f(&mut v).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// Two parameters matched as a tuple, `match (a, b)`, both written after the await.
    p37a_tuple_of_two_params {
        lower! {
            pub async fn merge(a: &mut Option<u32>, b: &mut Option<Tracker>) -> u32 {
                match (a, b) {
                    (Some(x), Some(t)) => {
                        *x += leaf(t.name(), 1).await;
                        *t = Tracker::new("merged");
                        *x
                    }
                    (Some(x), None) => {
                        *x += leaf("alone", 2).await;
                        *x
                    }
                    (None, _) => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, u32, Option<u32>) {
                let mut a = Some(1);
                let mut b = Some(Tracker::new("b"));
                let x = merge(&mut a, &mut b).await;
                b = None;
                let y = merge(&mut a, &mut b).await;
                (x, y, a)
            }
        }
    }
    run { go() }
}

// Known gap: E0505: a guarded arm of `match (&mut self.a, &mut self.b)` (a tuple of reborrows, not matched again) reading its binding after an await, then an arm binding the same place (the README gap for a guarded `&mut` arm)
#[cfg(feature = "known-gaps")]
twin! {
    /// `match (&mut self.a, &mut self.b)`, then `self.a = ..` after the await.
    p37a_tuple_of_field_reborrows {
        pub struct S { a: Option<u32>, b: Vec<Tracker>, n: u32 }
        impl S {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match (&mut self.a, &mut self.b) {
                        (Some(x), v) if !v.is_empty() => {
                            *x += leaf("x", v.len() as u32).await;
                            v.pop();
                            self.n += *x;
                            self.a = None;
                            self.n
                        }
                        (slot, _) => {
                            step("refill").await;
                            *slot = Some(1);
                            self.b.push(Tracker::new("new"));
                            0
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut s = S { a: Some(1), b: vec![Tracker::new("b1")], n: 0 };
                let mut out = Vec::new();
                for _ in 0..3 {
                    out.push(s.run().await);
                }
                out
            }
        }
    }
    run { go() }
}

// Known gap: E0505: a guarded arm of `match (&mut self.a, &mut self.b)` (a tuple of reborrows, not matched again) reading its binding after an await, then an arm binding the same place (the README gap for a guarded `&mut` arm)
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduced: `match (&mut self.a, &mut self.b) { (Some(x), _) if .. => { *x += y.await; } (slot, _) => .. }`.
    p37a_min_tuple_reborrows_guard {
        pub struct S { a: Option<u32>, b: u32 }
        impl S {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match (&mut self.a, &mut self.b) {
                        (Some(x), b) if *b > 0 => {
                            *x += leaf("x", 1).await;
                            *x
                        }
                        (slot, _) => {
                            *slot = Some(0);
                            0
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut s = S { a: Some(1), b: 1 };
                s.run().await
            }
        }
    }
    run { go() }
}

// Known gap: E0499: a local borrowing a `&mut` binding of a `match` on `&mut self` lives across an await (`let r = &mut *v;`, a closure `|k| *n += k`, a future `let fut = add(n, 3);`), then `*self = ..`: the binding is parked
#[cfg(feature = "known-gaps")]
twin! {
    /// A closure borrowing the binding lives across the await, then `*self = ..`.
    p37a_closure_holding_binding_across_await {
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, _) => {
                            let mut inc = |k: u32| {
                                *n += k;
                                *n
                            };
                            inc(1);
                            let k = leaf("k", 2).await;
                            let v = inc(k);
                            *self = E::B;
                            v
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("t"));
                let a = e.run().await;
                a * 10 + e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// An awaited `async fn` returning a reference into the binding, used after, then `*self = ..`.
    p37a_awaited_returns_ref_into_binding {
        lower! {
            pub async fn slot(v: &mut Vec<u32>) -> &mut u32 {
                step("slot").await;
                v.push(0);
                v.last_mut().unwrap()
            }
        }
        pub enum E { A(Vec<u32>, Tracker), B(usize) }
        impl E {
            lower! {
                pub async fn run(&mut self) -> usize {
                    match self {
                        E::A(v, _) => {
                            let r = slot(v).await;
                            *r = 7;
                            let r2 = slot(v).await;
                            *r2 += 1;
                            let n = v.len();
                            *self = E::B(n);
                            n
                        }
                        E::B(n) => *n,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut e = E::A(vec![1], Tracker::new("t"));
                e.run().await * 10 + e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// Returning the binding itself after an await: `async fn get(&mut self) -> &mut u32`.
    p37a_return_binding_after_await {
        pub enum E { A(u32, Tracker), B(u32) }
        impl E {
            lower! {
                pub async fn get(&mut self) -> &mut u32 {
                    match self {
                        E::A(n, t) => {
                            step(t.name()).await;
                            *n += 1;
                            n
                        }
                        E::B(n) => {
                            *n += leaf("b", 1).await;
                            n
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("t"));
                let r = e.get().await;
                *r += 10;
                e = E::B(5);
                let q = e.get().await;
                *q * 100 + 1
            }
        }
    }
    run { go() }
}

twin! {
    /// Returning a slice element bound by `[first, ..]` after an await, as an `Option<&mut>`.
    p37a_return_slice_first_after_await {
        lower! {
            pub async fn first(v: &mut [u32]) -> Option<&mut u32> {
                match v {
                    [f, ..] => {
                        *f += leaf("f", 1).await;
                        Some(f)
                    }
                    [] => {
                        step("none").await;
                        None
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, bool) {
                let mut v = vec![3u32, 4];
                let _t = Tracker::new("t");
                if let Some(f) = first(&mut v).await {
                    *f *= 10;
                }
                let none = first(&mut []).await.is_none();
                (v, none)
            }
        }
    }
    run { go() }
}

twin! {
    /// A `loop` with `break value` inside the arm, the binding written per turn.
    p37a_loop_break_value_in_arm {
        pub enum E { A(u32, Tracker), B(u32) }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, t) => {
                            let r = loop {
                                *n += leaf(t.name(), 2).await;
                                if *n > 5 {
                                    break *n * 10;
                                }
                                step("again").await;
                            };
                            *self = E::B(r);
                            r
                        }
                        E::B(r) => *r + 1,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(0, Tracker::new("t"));
                let a = e.run().await;
                a * 1000 + e.run().await
            }
        }
    }
    run { go() }
}

// Known gap: E0499: an awaiting guard reading a `&mut` binding of `match self` (`E::A(n) if leaf(*n).await > 2 =>`), followed by an arm binding the same place (like the README gap for a slice a method makes)
#[cfg(feature = "known-gaps")]
twin! {
    /// An awaiting guard on `&mut self`, the arm writing the binding and `self` after.
    p37a_awaiting_guard_on_self {
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, _) if leaf("guard", *n).await > 2 => {
                            *n += leaf("body", 1).await;
                            let v = *n;
                            *self = E::B;
                            v
                        }
                        E::A(n, _) => {
                            *n += 2;
                            step("small").await;
                            *n
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("t"));
                let a = e.run().await;
                let b = e.run().await;
                let c = e.run().await;
                a * 100 + b * 10 + c
            }
        }
    }
    run { go() }
}

// Known gap: E0499: an awaiting guard reading a `&mut` binding of `match self` (`E::A(n) if leaf(*n).await > 2 =>`), followed by an arm binding the same place (like the README gap for a slice a method makes)
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduced: `E::A(n) if leaf(*n).await > 0 => { *n += 1; x.await; *n }`, then `E::A(n) => *n`.
    p37a_min_awaiting_guard_on_self {
        pub enum E { A(u32), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n) if leaf("g", *n).await > 0 => {
                            *n += 1;
                            step("s").await;
                            *n
                        }
                        E::A(n) => *n,
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1);
                e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// Nested `if let`s on two `&mut` parameters, one awaited call taking both bindings.
    p37a_nested_if_let_two_params {
        pub enum E { A(u32), B(Tracker) }
        lower! {
            pub async fn trade(x: &mut u32, y: &mut u32) {
                step("trade").await;
                std::mem::swap(x, y);
            }
        }
        lower! {
            pub async fn f(a: &mut E, b: &mut E) -> u32 {
                if let E::A(x) = a {
                    if let E::A(y) = b {
                        trade(x, y).await;
                        *x += leaf("x", *y).await;
                        let v = *x;
                        *b = E::B(Tracker::new("b"));
                        return v;
                    }
                    *a = E::B(Tracker::new("a"));
                }
                0
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut a = E::A(1);
                let mut b = E::A(10);
                let r = f(&mut a, &mut b).await;
                let s = f(&mut a, &mut b).await;
                r * 100 + s
            }
        }
    }
    run { go() }
}

twin! {
    /// Reduced: `if let E::A(x) = a { *x += y.await; return *x; } *a = E::B;`.
    p37a_min_if_let_then_root_write {
        pub enum E { A(u32), B }
        lower! {
            pub async fn f(a: &mut E) -> u32 {
                if let E::A(x) = a {
                    *x += leaf("x", 1).await;
                    return *x;
                }
                *a = E::B;
                0
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1);
                f(&mut e).await
            }
        }
    }
    run { go() }
}

// Known gap: E0499: bindings of two different `&mut` parameters (nested `if let`s) lent to one awaited call (`trade(x, y).await`) and one read after it: the second borrow of `*a` conflicts
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduced: `if let E::A(x) = a { if let E::A(y) = b { trade(x, y).await; return *x; } }`.
    p37a_min_two_params_one_call {
        pub enum E { A(u32), B }
        lower! {
            pub async fn trade(x: &mut u32, y: &mut u32) {
                step("trade").await;
                std::mem::swap(x, y);
            }
        }
        lower! {
            pub async fn f(a: &mut E, b: &mut E) -> u32 {
                if let E::A(x) = a {
                    if let E::A(y) = b {
                        trade(x, y).await;
                        return *x;
                    }
                }
                0
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut a = E::A(1);
                let mut b = E::A(2);
                f(&mut a, &mut b).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `mem::replace(self, ..)` inside the arm after the await, returning the old payload.
    p37a_mem_replace_self_after_await {
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn take(&mut self) -> Option<(u32, Tracker)> {
                    match self {
                        E::A(n, _) => {
                            *n += leaf("n", 1).await;
                            match std::mem::replace(self, E::B) {
                                E::A(n, t) => Some((n, t)),
                                E::B => None,
                            }
                        }
                        E::B => {
                            step("b").await;
                            None
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Option<u32>, bool) {
                let mut e = E::A(1, Tracker::new("t"));
                let a = e.take().await.map(|(n, _t)| n);
                let b = e.take().await.is_none();
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// `Option::take` of a binding before the await, put back after it.
    p37a_option_take_put_back {
        pub enum E { A(Option<Tracker>, u32), B }
        impl E {
            lower! {
                pub async fn cycle(&mut self) -> u32 {
                    match self {
                        E::A(slot, n) => {
                            let t = slot.take();
                            *n += leaf("n", 1).await;
                            if let Some(t) = t {
                                log(format!("had {}", t.name()));
                                *slot = Some(t);
                            } else {
                                *slot = Some(Tracker::new("fresh"));
                            }
                            step("s").await;
                            *n
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(Some(Tracker::new("t")), 0);
                let a = e.cycle().await;
                let b = e.cycle().await;
                e = E::B;
                a * 100 + b * 10 + e.cycle().await
            }
        }
    }
    run { go() }
}

twin! {
    /// A panic while the binding lives, a local guard in the arm: drops at the unwind.
    p37a_panic_in_arm_with_guard {
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, _) => {
                            let _g = Tracker::new("g");
                            *n += leaf("n", 1).await;
                            if *n > 1 {
                                boom("b").await;
                            }
                            *n
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("t"));
                let _o = Tracker::new("outer");
                e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// A panic after `*self = ..` in the arm: the new value drops with its owner during unwind.
    p37a_panic_after_root_write {
        pub enum E { A(u32, Tracker), B(Tracker) }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, t) => {
                            *n += leaf(t.name(), 1).await;
                            *self = E::B(Tracker::new("b"));
                            step("after").await;
                            assert!(matches!(self, E::A(..)), "switched");
                            1
                        }
                        E::B(_) => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("a"));
                e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// `assert!` on the binding after the await panics on the second call.
    p37a_assert_on_binding_after_await {
        lower! {
            pub async fn f(v: &mut [u32]) -> u32 {
                let _g = Tracker::new("g");
                if let [a, b] = v {
                    *a += leaf("a", *b).await;
                    assert!(*a < 10, "a too big: {}", a);
                    *b += 1;
                    return *a + *b;
                }
                0
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let v = leak([3u32, 4]);
                let x = f(v).await;
                x + f(v).await
            }
        }
    }
    run { go() }
}

twin! {
    /// A let chain `if let E::A(n) = self && *n > 2`, awaited write, then `*self = ..`.
    p37a_let_chain_on_self {
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    if let E::A(n, t) = self && *n > 2 {
                        *n += leaf(t.name(), 1).await;
                        let v = *n;
                        *self = E::B;
                        return v;
                    }
                    step("no").await;
                    if let E::A(n, _) = self {
                        *n += 1;
                    }
                    0
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut e = E::A(1, Tracker::new("t"));
                let mut out = Vec::new();
                for _ in 0..4 {
                    out.push(e.run().await);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A let chain of two lets, the second on the first's binding: `&& let Inner::X(v) = inner`.
    p37a_let_chain_binding_of_binding {
        pub enum Inner { X(u32), Y }
        pub enum E { A(Inner, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    if let E::A(inner, t) = self
                        && let Inner::X(v) = inner
                    {
                        *v += leaf(t.name(), 2).await;
                        let k = *v;
                        if k > 4 {
                            *inner = Inner::Y;
                        }
                        step("after").await;
                        return k;
                    }
                    *self = E::B;
                    0
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut e = E::A(Inner::X(1), Tracker::new("t"));
                let mut out = Vec::new();
                for _ in 0..4 {
                    out.push(e.run().await);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let .. else if let ..` on the same `&mut self`, both branches awaiting.
    p37a_if_let_else_if_let_same_self {
        pub enum E { A(u32), B(Tracker, u32), C }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    if let E::A(n) = self {
                        *n += leaf("a", 1).await;
                        if *n > 2 {
                            *self = E::B(Tracker::new("b"), 0);
                        }
                        1
                    } else if let E::B(t, k) = self {
                        *k += leaf(t.name(), 5).await;
                        if *k > 5 {
                            *self = E::C;
                        }
                        2
                    } else {
                        step("c").await;
                        3
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1);
                let mut out = 0;
                for _ in 0..5 {
                    out = out * 10 + e.run().await;
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Or-pattern binding the same name at different positions: `A(n, _) | B(_, n)`.
    p37a_or_pattern_different_positions {
        pub enum E { A(u32, Tracker), B(Tracker, u32), C }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, _) | E::B(_, n) => {
                            *n += leaf("n", *n).await;
                            let v = *n;
                            if v > 6 {
                                *self = E::C;
                            }
                            v
                        }
                        E::C => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut a = E::A(1, Tracker::new("a"));
                let mut b = E::B(Tracker::new("b"), 3);
                let mut out = Vec::new();
                for _ in 0..3 {
                    out.push(a.run().await);
                    out.push(b.run().await);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Or-pattern at different depths: `E::A(Some(n)) | E::B(n)`, awaited `&mut` call.
    p37a_or_pattern_different_depths {
        lower! {
            pub async fn add(n: &mut u32) {
                *n += leaf("add", 2).await;
            }
        }
        pub enum E { A(Option<u32>, Tracker), B(u32), C }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(Some(n), _) | E::B(n) => {
                            add(n).await;
                            add(n).await;
                            *n
                        }
                        E::A(None, _) | E::C => {
                            step("none").await;
                            *self = E::B(0);
                            0
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut a = E::A(Some(1), Tracker::new("a"));
                let mut b = E::A(None, Tracker::new("b"));
                let mut out = vec![a.run().await, b.run().await, b.run().await];
                a = E::C;
                out.push(a.run().await);
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Struct variant with renamed field bindings and `..`, written after two awaits.
    p37a_struct_variant_renamed {
        pub enum E { Run { count: u32, limit: u32, tag: Tracker }, Stop(u32) }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::Run { count: c, limit: lim, .. } => {
                            *c += leaf("c", 1).await;
                            *lim -= leaf("l", 1).await;
                            if *c >= *lim {
                                let k = *c;
                                *self = E::Stop(k);
                                return k;
                            }
                            *c * 100 + *lim
                        }
                        E::Stop(k) => *k,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut e = E::Run { count: 0, limit: 4, tag: Tracker::new("tag") };
                let mut out = Vec::new();
                for _ in 0..3 {
                    out.push(e.run().await);
                }
                out
            }
        }
    }
    run { go() }
}

// Known gap: E0499: `self: &mut Self` written out is not taken for a `&mut self` receiver: a binding of `match self` used after an await is parked and `*self = ..` conflicts
#[cfg(feature = "known-gaps")]
twin! {
    /// `self: &mut Self` written out, a `match self` arm awaiting then `*self = ..`.
    p37a_explicit_self_type {
        pub enum E { A(Vec<Tracker>), B }
        impl E {
            lower! {
                pub async fn run(self: &mut Self) -> usize {
                    match self {
                        E::A(v) => {
                            v.push(Tracker::new("p"));
                            let n = leaf("n", v.len()).await;
                            if n > 1 {
                                *self = E::B;
                            }
                            n
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut e = E::A(vec![Tracker::new("a")]);
                let a = e.run().await;
                a * 10 + e.run().await
            }
        }
    }
    run { go() }
}

// Known gap: E0499: `self: &mut Self` written out is not taken for a `&mut self` receiver: a binding of `match self` used after an await is parked and `*self = ..` conflicts
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduced: `self: &mut Self`, `match self { E::A(n) => { *n += x.await; *self = E::B } }`.
    p37a_min_explicit_self_type {
        pub enum E { A(u32), B }
        impl E {
            lower! {
                pub async fn run(self: &mut Self) -> u32 {
                    match self {
                        E::A(n) => {
                            *n += leaf("n", 1).await;
                            *self = E::B;
                            1
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1);
                e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// A local `&mut` (`let r = &mut e;`) matched, awaited write, `*r = ..`, then `e` read.
    p37a_local_ref_matched {
        pub enum E { A(u32, Tracker), B(u32) }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("t"));
                let r = &mut e;
                match r {
                    E::A(n, t) => {
                        *n += leaf(t.name(), 2).await;
                        let k = *n;
                        *r = E::B(k);
                    }
                    E::B(_) => {}
                }
                step("after").await;
                match e {
                    E::B(k) => k,
                    E::A(..) => 0,
                }
            }
        }
    }
    run { go() }
}

// Known gap: E0505: a `&mut` local made by a method call (`let r = v.last_mut().unwrap();`) then matched, a binding used after an await, then `*r = ..`: the binding is parked
#[cfg(feature = "known-gaps")]
twin! {
    /// A local `&mut` from `last_mut().unwrap()` matched, the binding used by an awaited call.
    p37a_local_ref_from_unwrap {
        pub enum E { A(u32), B(Tracker) }
        lower! {
            pub async fn add(n: &mut u32) -> u32 {
                *n += leaf("add", 3).await;
                *n
            }
        }
        lower! {
            pub async fn go() -> (u32, usize) {
                let mut v = vec![E::B(Tracker::new("b")), E::A(1)];
                let r = v.last_mut().unwrap();
                let out = match r {
                    E::A(n) => {
                        let a = add(n).await;
                        let b = add(n).await;
                        *r = E::B(Tracker::new("b2"));
                        a + b
                    }
                    E::B(_) => 0,
                };
                v.push(E::A(0));
                (out, v.len())
            }
        }
    }
    run { go() }
}

// Known gap: E0505: a `&mut` local made by a method call (`let r = v.last_mut().unwrap();`) then matched, a binding used after an await, then `*r = ..`: the binding is parked
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduced: `let r = v.last_mut().unwrap(); match r { Some(n) => { *n += x.await; *r = None } .. }`.
    p37a_min_local_ref_from_method {
        lower! {
            pub async fn go() -> Vec<Option<u32>> {
                let mut v = vec![Some(1u32)];
                let r = v.last_mut().unwrap();
                match r {
                    Some(n) => {
                        *n += leaf("n", 1).await;
                        *r = None;
                    }
                    None => {}
                }
                v
            }
        }
    }
    run { go() }
}

// Known gap: E0507: a `self: Pin<&mut Self>` consumed by `self.get_mut()` into a local then matched, the arm awaiting and writing `*this` (the README gap for `get_mut` before an await)
#[cfg(feature = "known-gaps")]
twin! {
    /// `Pin<&mut Self>` made a local by `get_mut`, then matched, arm awaiting.
    p37a_pin_get_mut_local_matched {
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(self: Pin<&mut Self>) -> u32 {
                    let this = self.get_mut();
                    match this {
                        E::A(n, _) => {
                            *n += leaf("n", 1).await;
                            let v = *n;
                            *this = E::B;
                            v
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("t"));
                let a = Pin::new(&mut e).run().await;
                a * 10 + Pin::new(&mut e).run().await
            }
        }
    }
    run { go() }
}

// Known gap: E0507: a `self: Pin<&mut Self>` consumed by `self.get_mut()` into a local then matched, the arm awaiting and writing `*this` (the README gap for `get_mut` before an await)
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduced: `let this = self.get_mut(); match this { E::A(n) => { *n += x.await; *this = E::B } .. }`.
    p37a_min_pin_get_mut_match {
        pub enum E { A(u32), B }
        impl E {
            lower! {
                pub async fn run(self: Pin<&mut Self>) -> u32 {
                    let this = self.get_mut();
                    match this {
                        E::A(n) => {
                            *n += leaf("n", 1).await;
                            *this = E::B;
                            1
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1);
                Pin::new(&mut e).run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// A generic enum, `impl<T> Slot<T>`, arm awaiting then `*self = Slot::Empty`.
    p37a_generic_slot {
        pub enum Slot<T> { Full(T, u32), Empty }
        impl<T: std::fmt::Debug> Slot<T> {
            lower! {
                pub async fn bump(&mut self) -> u32 {
                    match self {
                        Slot::Full(v, n) => {
                            *n += leaf("n", 1).await;
                            log(format!("{:?}", v));
                            let k = *n;
                            if k > 2 {
                                *self = Slot::Empty;
                            }
                            k
                        }
                        Slot::Empty => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut s = Slot::Full(Tracker::new("t"), 1);
                let mut out = Vec::new();
                for _ in 0..3 {
                    out.push(s.bump().await);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// An `async fn` of a trait implemented with a `match self` arm that awaits.
    p37a_trait_async_fn_impl {
        pub trait Tick {
            async fn tick(&mut self) -> u32;
        }
        pub enum E { A(u32, Tracker), B }
        impl Tick for E {
            lower! {
                async fn tick(&mut self) -> u32 {
                    match self {
                        E::A(n, t) => {
                            *n += leaf(t.name(), 2).await;
                            let v = *n;
                            if v > 4 {
                                *self = E::B;
                            }
                            v
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut e = E::A(1, Tracker::new("t"));
                let mut out = Vec::new();
                for _ in 0..3 {
                    out.push(e.tick().await);
                }
                out
            }
        }
    }
    run { go() }
}

// Known gap: E0506/E0499: a binding of `match self` given to `mem::take(s)` inside an `if` that also writes `*self = ..`, then an await in the arm: `*self` stays borrowed
#[cfg(feature = "known-gaps")]
twin! {
    /// A `&mut String` payload extended from an awaited value, then the variant switched.
    p37a_string_payload_push_str {
        pub enum E { Open(String, Tracker), Closed(String) }
        impl E {
            lower! {
                pub async fn write(&mut self, part: &'static str) -> usize {
                    match self {
                        E::Open(s, _) => {
                            s.push_str(&leaf("part", part.to_string()).await);
                            s.push(' ');
                            if s.len() > 8 {
                                let done = std::mem::take(s);
                                *self = E::Closed(done);
                            }
                            step("w").await;
                            0
                        }
                        E::Closed(s) => s.len(),
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<usize> {
                let mut e = E::Open(String::new(), Tracker::new("t"));
                let mut out = Vec::new();
                for p in ["ab", "cdef", "gh", "i"] {
                    out.push(e.write(p).await);
                }
                out
            }
        }
    }
    run { go() }
}

// Known gap: E0506/E0499: a binding of `match self` given to `mem::take(s)` inside an `if` that also writes `*self = ..`, then an await in the arm: `*self` stays borrowed
#[cfg(feature = "known-gaps")]
twin! {
    /// Reduced: `if .. { let d = mem::take(s); *self = E::Closed(d); } step().await;` in an arm.
    p37a_min_take_in_if_then_await {
        pub enum E { Open(String), Closed(String) }
        impl E {
            lower! {
                pub async fn write(&mut self) -> usize {
                    match self {
                        E::Open(s) => {
                            s.push('a');
                            if !s.is_empty() {
                                let done = std::mem::take(s);
                                *self = E::Closed(done);
                            }
                            step("w").await;
                            0
                        }
                        E::Closed(s) => s.len(),
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut e = E::Open(String::new());
                e.write().await + e.write().await
            }
        }
    }
    run { go() }
}

twin! {
    /// A `&mut Vec<Tracker>` payload extended by an awaited vector, truncated after.
    p37a_vec_payload_extend_awaited {
        pub enum E { A(Vec<Tracker>), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> usize {
                    match self {
                        E::A(v) => {
                            v.extend(leaf("more", vec![Tracker::new("m1"), Tracker::new("m2")]).await);
                            v.truncate(2);
                            let n = v.len();
                            step("s").await;
                            v.insert(0, Tracker::new("head"));
                            n + v.len()
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut e = E::A(vec![Tracker::new("a")]);
                let r = e.run().await;
                e = E::B;
                r + e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// A struct literal and `format!` built from bindings in the awaited call's arguments.
    p37a_struct_literal_from_bindings {
        pub struct Msg { n: u32, name: String }
        lower! {
            pub async fn send(m: Msg) -> u32 {
                step("send").await;
                log(format!("sent {} {}", m.n, m.name));
                m.n + 1
            }
        }
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, t) => {
                            *n = send(Msg { n: *n, name: format!("{}-{}", t.name(), n) }).await;
                            *n = send(Msg { n: *n * 2, name: t.name().to_string() }).await;
                            let v = *n;
                            *self = E::B;
                            v
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("t"));
                e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// `while *n < 5 { *n += x.await }` in the arm, then `*self = ..`.
    p37a_while_cond_on_binding {
        pub enum E { A(u32, Tracker), B(u32) }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, t) => {
                            while *n < 5 {
                                *n += leaf(t.name(), 2).await;
                            }
                            let k = *n;
                            *self = E::B(k);
                            k
                        }
                        E::B(k) => *k,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(0, Tracker::new("t"));
                e.run().await * 100 + e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let Some(x) = v.pop()` on a binding `v`, awaiting per element, then `*self = ..`.
    p37a_while_let_pop_on_binding {
        pub enum E { A(Vec<Tracker>, u32), B(u32) }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(v, n) => {
                            while let Some(t) = v.pop() {
                                *n += leaf(t.name(), 1).await;
                            }
                            let k = *n;
                            *self = E::B(k);
                            k
                        }
                        E::B(k) => *k,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(vec![Tracker::new("a"), Tracker::new("b")], 0);
                e.run().await * 10 + e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// Indexing a binding with awaited values: `v[0] += x.await`, `v[i] = y.await`.
    p37a_index_binding_awaited {
        pub enum E { A(Vec<u32>, usize), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(v, i) => {
                            v[0] += leaf("a", 5).await;
                            v[*i] = leaf("b", 7).await;
                            *i += 1;
                            let s = v.iter().sum();
                            if *i >= v.len() {
                                *self = E::B;
                            }
                            s
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut e = E::A(vec![1, 2], 0);
                let _t = Tracker::new("t");
                vec![e.run().await, e.run().await, e.run().await]
            }
        }
    }
    run { go() }
}

// Known gap: E0499: a local borrowing a `&mut` binding of a `match` on `&mut self` lives across an await (`let r = &mut *v;`, a closure `|k| *n += k`, a future `let fut = add(n, 3);`), then `*self = ..`: the binding is parked
#[cfg(feature = "known-gaps")]
twin! {
    /// A loop over the binding's `iter_mut()` inside the arm, awaiting, then `*self = ..`.
    p37a_iter_mut_over_binding_in_arm {
        pub enum E { A(Vec<u32>, Tracker), B(u32) }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(v, _) => {
                            for x in v.iter_mut() {
                                *x += leaf("x", 1).await;
                            }
                            let s = v.iter().sum();
                            *self = E::B(s);
                            s
                        }
                        E::B(s) => *s,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(vec![1, 2], Tracker::new("t"));
                e.run().await * 10 + e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// Shadowing the binding with a value computed from an await, then `*self = ..`.
    p37a_shadow_binding_by_value {
        pub enum E { A(u32, Tracker), B(u32) }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, t) => {
                            *n += 1;
                            let n = *n + leaf(t.name(), 3).await;
                            step("s").await;
                            *self = E::B(n);
                            n
                        }
                        E::B(n) => *n,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("t"));
                e.run().await * 10 + e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// An awaited argument inside the awaited call that takes the binding: `add(n, x.await).await`.
    p37a_nested_await_in_call_args {
        lower! {
            pub async fn add(n: &mut u32, k: u32) -> u32 {
                *n += leaf("add", k).await;
                *n
            }
        }
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(n, t) => {
                            let a = add(n, leaf(t.name(), 2).await).await;
                            let b = add(n, leaf("k", a).await).await;
                            *self = E::B;
                            b
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("t"));
                e.run().await * 10 + e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// A method on the binding whose argument reads a field of it (two-phase borrow).
    p37a_two_phase_method_on_binding {
        pub struct C { n: u32, t: Tracker }
        impl C {
            lower! {
                pub async fn add(&mut self, k: u32) -> u32 {
                    self.n += leaf(self.t.name(), k).await;
                    self.n
                }
            }
        }
        pub enum E { A(C), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(c) => {
                            let a = c.add(c.n).await;
                            let b = c.add(c.n + a).await;
                            *self = E::B;
                            b
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(C { n: 1, t: Tracker::new("c") });
                e.run().await * 10 + e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// A recursive walk through `Box::pin`, each child an item of `iter_mut()` over a binding.
    p37a_recursive_walk_iter_mut {
        pub enum Node { Leaf(u32), Branch(Vec<Node>, Tracker) }
        impl Node {
            lower! {
                pub async fn walk(&mut self) -> u32 {
                    match self {
                        Node::Leaf(n) => {
                            *n += leaf("leaf", 1).await;
                            *n
                        }
                        Node::Branch(kids, t) => {
                            log(format!("branch {}", t.name()));
                            let mut s = 0;
                            for k in kids.iter_mut() {
                                s += Box::pin(k.walk()).await;
                            }
                            s
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut n = Node::Branch(vec![Node::Leaf(1), Node::Branch(vec![Node::Leaf(5)], Tracker::new("in"))], Tracker::new("out"));
                let a = n.walk().await;
                a * 100 + n.walk().await
            }
        }
    }
    run { go() }
}

twin! {
    /// A struct pattern on `&mut self` with a nested enum field: `S { state: St::A(n), count }`.
    p37a_struct_pattern_nested_enum {
        pub enum St { A(u32), B(Tracker) }
        pub struct S { state: St, count: u32 }
        impl S {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        S { state: St::A(n), count } => {
                            *n += leaf("n", *count).await;
                            *count += 1;
                            if *n > 3 {
                                self.state = St::B(Tracker::new("b"));
                            }
                            self.count
                        }
                        S { state: St::B(t), .. } => {
                            step(t.name()).await;
                            self.count += 10;
                            self.count
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut s = S { state: St::A(1), count: 1 };
                vec![s.run().await, s.run().await, s.run().await, s.run().await]
            }
        }
    }
    run { go() }
}

twin! {
    /// A `&mut Tracker` binding replaced after the await: the old value drops at the assignment.
    p37a_tracker_binding_replaced {
        pub enum E { A(Tracker, u32), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        E::A(t, n) => {
                            let name = leaf(t.name(), "t2").await;
                            *t = Tracker::new(name);
                            *n += 1;
                            step("s").await;
                            let old = std::mem::replace(t, Tracker::new("t3"));
                            log(format!("old {}", old.name()));
                            *n
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(Tracker::new("t1"), 0);
                let a = e.run().await;
                a * 10 + e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// `mem::take` of a `Vec<Tracker>` binding after the await; the taken vector, a local of the
    /// arm, drops at the arm's end, after `*self = ..`.
    p37a_mem_take_binding_vec {
        pub enum E { A(Vec<Tracker>, u32), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    let _outer = Tracker::new("outer");
                    match self {
                        E::A(v, n) => {
                            *n += leaf("n", 1).await;
                            let taken = std::mem::take(v);
                            step("s").await;
                            v.push(Tracker::new("back"));
                            let k = *n + taken.len() as u32;
                            *self = E::B;
                            log("assigned");
                            k
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(vec![Tracker::new("a"), Tracker::new("b")], 0);
                e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// Guards in the function and the arm both live across the awaits (cancellation order).
    p37a_guards_outer_and_arm {
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    let _a = Tracker::new("a");
                    match self {
                        E::A(n, t) => {
                            let _b = Tracker::new("b");
                            *n += leaf(t.name(), 1).await;
                            let _c = Tracker::new("c");
                            *n += leaf("two", 2).await;
                            let v = *n;
                            *self = E::B;
                            step("three").await;
                            v
                        }
                        E::B => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("t"));
                e.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// `continue` from inside a `match` arm in an `iter_mut` loop, a guard per turn.
    p37a_iter_mut_match_continue_guard {
        pub enum J { Skip, Run(u32, Tracker) }
        lower! {
            pub async fn go() -> u32 {
                let mut v = vec![J::Run(1, Tracker::new("a")), J::Skip, J::Run(7, Tracker::new("c"))];
                let mut s = 0;
                for j in v.iter_mut() {
                    let _g = Tracker::new("g");
                    match j {
                        J::Run(n, _) if *n > 5 => {
                            step("big").await;
                            *j = J::Skip;
                            continue;
                        }
                        J::Run(n, t) => {
                            *n += leaf(t.name(), 1).await;
                            s += *n;
                        }
                        J::Skip => continue,
                    }
                    log("end of turn");
                }
                s
            }
        }
    }
    run { go() }
}

twin! {
    /// A labelled `break` out of nested loops from an arm that awaited on an `iter_mut` item.
    p37a_labelled_break_from_arm {
        lower! {
            pub async fn go() -> Vec<Vec<Option<u32>>> {
                let mut grid = vec![vec![Some(1u32), None], vec![Some(9), Some(2)], vec![Some(3)]];
                let _t = Tracker::new("t");
                'outer: for row in grid.iter_mut() {
                    for c in row.iter_mut() {
                        match c {
                            Some(n) => {
                                *n += leaf("n", 1).await;
                                if *n > 5 {
                                    *c = None;
                                    break 'outer;
                                }
                            }
                            None => {
                                step("none").await;
                            }
                        }
                    }
                }
                grid
            }
        }
    }
    run { go() }
}

twin! {
    /// `iter_mut().skip(1).step_by(2)` and `filter`, the item written after the await.
    p37a_iter_mut_skip_step_filter {
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3, 4, 5, 6];
                let _t = Tracker::new("t");
                for e in v.iter_mut().skip(1).step_by(2) {
                    *e += leaf("s", 10).await;
                }
                for e in v.iter_mut().filter(|e| **e % 2 == 1) {
                    let k = leaf("f", *e).await;
                    *e = k * 100;
                }
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// `for e in v[1..].iter_mut().chain(w.iter_mut())`, an awaited `&mut` call per item.
    p37a_iter_mut_subslice_chain {
        lower! {
            pub async fn dbl(n: &mut u32) {
                step("d").await;
                *n *= 2;
            }
        }
        lower! {
            pub async fn go() -> (Vec<u32>, Vec<u32>) {
                let mut v = vec![1u32, 2, 3];
                let mut w = vec![10u32];
                let _t = Tracker::new("t");
                for e in v[1..].iter_mut().chain(w.iter_mut()) {
                    dbl(e).await;
                    *e += 1;
                }
                (v, w)
            }
        }
    }
    run { go() }
}

twin! {
    /// `for e in self.items.iter_mut()`, writing a sibling field `self.total` in the loop.
    p37a_self_items_iter_mut_sibling {
        pub struct S { items: Vec<(u32, Tracker)>, total: u32 }
        impl S {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    for (n, t) in self.items.iter_mut() {
                        *n += leaf(t.name(), 1).await;
                        self.total += *n;
                    }
                    self.items.push((0, Tracker::new("new")));
                    self.total
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut s = S { items: vec![(1, Tracker::new("a")), (2, Tracker::new("b"))], total: 0 };
                let a = s.run().await;
                a * 100 + s.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// `match self.map.get_mut(&k)` then `self.map.remove(&k)` after the await.
    p37a_btreemap_get_mut_then_remove {
        pub struct S { map: BTreeMap<u32, (u32, Tracker)> }
        impl S {
            lower! {
                pub async fn hit(&mut self, k: u32) -> u32 {
                    match self.map.get_mut(&k) {
                        Some((n, t)) => {
                            *n += leaf(t.name(), 1).await;
                            let v = *n;
                            if v > 2 {
                                self.map.remove(&k);
                            }
                            v
                        }
                        None => {
                            step("miss").await;
                            self.map.insert(k, (0, Tracker::new("ins")));
                            0
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut s = S { map: BTreeMap::new() };
                s.map.insert(1, (1, Tracker::new("one")));
                let mut out = Vec::new();
                for k in [1, 1, 2, 1, 2] {
                    out.push(s.hit(k).await);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// `match a { .. }` on a `&mut` parameter whose arm awaits, then `*a = ..` after the `match`.
    p37a_match_then_root_write_after {
        pub enum E { A(u32, Tracker), B }
        lower! {
            pub async fn f(a: &mut E) -> u32 {
                let r = match a {
                    E::A(x, t) => {
                        *x += leaf(t.name(), 1).await;
                        *x
                    }
                    E::B => 0,
                };
                *a = E::B;
                step("after").await;
                r
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("t"));
                let a = f(&mut e).await;
                a * 10 + f(&mut e).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let` on `&mut self` whose body awaits and returns, then `*self = ..` after it.
    p37a_self_if_let_then_root_write_after {
        pub enum E { A(u32, Tracker), B }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    if let E::A(n, _) = self {
                        *n += leaf("n", 1).await;
                        if *n < 3 {
                            return *n;
                        }
                    }
                    *self = E::B;
                    step("b").await;
                    0
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut e = E::A(1, Tracker::new("t"));
                vec![e.run().await, e.run().await, e.run().await]
            }
        }
    }
    run { go() }
}

twin! {
    /// `s @ St::Run { .. }` of a struct variant, switched to another variant, then read after
    /// the await.
    p37a_at_struct_variant_switched {
        pub enum St { Run { n: u32, t: Tracker }, Stop(u32) }
        lower! {
            pub async fn f(p: &mut (St, u32)) -> u32 {
                match p {
                    (s @ St::Run { .. }, k) => {
                        let n = if let St::Run { n, .. } = s { *n } else { 0 };
                        *s = St::Stop(n);
                        *k += leaf("k", n).await;
                        match s {
                            St::Stop(m) => *m + *k,
                            St::Run { .. } => 0,
                        }
                    }
                    (_, k) => *k,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut p = (St::Run { n: 2, t: Tracker::new("t") }, 1);
                let a = f(&mut p).await;
                a * 10 + f(&mut p).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `all @ [0, _]` of a `&mut` slice, the tested element written before the await.
    p37a_at_slice_literal_element_written {
        lower! {
            pub async fn f(v: &mut [u32]) -> u32 {
                match v {
                    all @ [0, _] => {
                        all[0] = 9;
                        step("s").await;
                        all[1] += all[0];
                        all[1]
                    }
                    _ => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) {
                let v = leak([0u32, 1]);
                let _t = Tracker::new("t");
                let a = f(v).await;
                (a, f(v).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// Reduced: `match v { all @ [_, _] => { x.await; all[0] += 1; .. } _ => 0 }` of a `&mut [u32]`.
    p37a_min_at_whole_scrutinee {
        lower! {
            pub async fn f(v: &mut [u32]) -> u32 {
                match v {
                    all @ [_, _] => {
                        step("s").await;
                        all[0] += 1;
                        all[0]
                    }
                    _ => 0,
                }
            }
        }
    }
    run { f(leak([1u32, 2])) }
}

twin! {
    /// `c @ 'a'..='z'` and `f @ true` bindings written out of their tests before the await.
    p37a_at_char_and_bool_written {
        pub enum E { C(char, Tracker), F(bool), N }
        impl E {
            lower! {
                pub async fn run(&mut self) -> String {
                    match self {
                        E::C(c @ 'a'..='z', t) => {
                            *c = c.to_ascii_uppercase();
                            step(t.name()).await;
                            c.to_string()
                        }
                        E::F(f @ true) => {
                            *f = false;
                            step("f").await;
                            f.to_string()
                        }
                        _ => {
                            step("other").await;
                            String::from("-")
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut a = E::C('q', Tracker::new("t"));
                let mut b = E::F(true);
                let mut c = E::N;
                vec![a.run().await, a.run().await, b.run().await, b.run().await, c.run().await]
            }
        }
    }
    run { go() }
}

twin! {
    /// An `@` binding with a constant subpattern, `k @ LIMIT`, written before the await.
    p37a_at_const_written {
        pub const LIMIT: u32 = 3;
        lower! {
            pub async fn f(p: &mut (u32, Tracker)) -> u32 {
                match p {
                    (k @ LIMIT, t) => {
                        *k = 0;
                        step(t.name()).await;
                        *k + 100
                    }
                    (k, _) => {
                        *k += leaf("k", 1).await;
                        *k
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let p = leak((2u32, Tracker::new("t")));
                vec![f(p).await, f(p).await, f(p).await]
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let Some(n) = &mut self.cur`, awaited write, `self.cur = None` to end the loop.
    p37a_while_let_self_field {
        pub struct S { cur: Option<(u32, Tracker)>, seen: u32 }
        impl S {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    while let Some((n, t)) = &mut self.cur {
                        *n += leaf(t.name(), 2).await;
                        self.seen += 1;
                        if *n > 4 {
                            self.cur = None;
                        }
                    }
                    self.seen
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut s = S { cur: Some((0, Tracker::new("t"))), seen: 0 };
                s.run().await
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let Some(x) = v.last_mut()` on a `&mut Vec` parameter, then `v.push` after the `if`.
    p37a_last_mut_param_then_push {
        lower! {
            pub async fn f(v: &mut Vec<Tracker>) -> usize {
                if let Some(x) = v.last_mut() {
                    let name = leaf(x.name(), "n2").await;
                    *x = Tracker::new(name);
                }
                v.push(Tracker::new("pushed"));
                step("s").await;
                v.len()
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut v = vec![Tracker::new("a")];
                let a = f(&mut v).await;
                a + f(&mut v).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `split_first_mut()`: head written after the await, the tail written from it, then `v.push`.
    p37a_split_first_mut {
        lower! {
            pub async fn f(v: &mut Vec<u32>) -> u32 {
                if let Some((h, t)) = v.split_first_mut() {
                    *h += leaf("h", t.len() as u32).await;
                    if let Some(x) = t.first_mut() {
                        *x = *h * 10;
                    }
                }
                v.push(0);
                v.iter().sum()
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) {
                let mut v = vec![1, 2];
                let _t = Tracker::new("t");
                let a = f(&mut v).await;
                (a, f(&mut v).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// A `&mut [u32; 3]` array parameter matched with `[x, _, z]`, both written after awaits.
    p37a_array_param_pattern {
        lower! {
            pub async fn f(a: &mut [u32; 3]) -> u32 {
                match a {
                    [x, _, z] => {
                        *x += leaf("x", *z).await;
                        *z += leaf("z", *x).await;
                    }
                }
                a[1] = a[0] + a[2];
                a.iter().sum()
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut a = [1, 2, 3];
                let _t = Tracker::new("t");
                f(&mut a).await * 1000 + a[1]
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let Some(n) = self.slot.as_mut()`, awaited write, then `self.slot = None`.
    p37a_option_as_mut_self_field {
        pub struct S { slot: Option<(u32, Tracker)>, n: u32 }
        impl S {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    if let Some((k, t)) = self.slot.as_mut() {
                        *k += leaf(t.name(), self.n).await;
                        self.n += *k;
                        if self.n > 3 {
                            self.slot = None;
                        }
                    }
                    step("s").await;
                    self.n
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut s = S { slot: Some((1, Tracker::new("t"))), n: 1 };
                vec![s.run().await, s.run().await, s.run().await]
            }
        }
    }
    run { go() }
}

twin! {
    /// A tracker per `iter_mut` item created before the await: drops on cancellation in order.
    p37a_iter_mut_tracker_per_item {
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut v = vec![(1u32, Tracker::new("a")), (2, Tracker::new("b"))];
                let _outer = Tracker::new("outer");
                for (n, t) in v.iter_mut() {
                    let _g = Tracker::new("g");
                    *n += leaf(t.name(), 1).await;
                    let _h = Tracker::new("h");
                    step("s").await;
                    *t = Tracker::new("r");
                }
                v.iter().map(|p| p.0).collect()
            }
        }
    }
    run { go() }
}
