//! Probe round 35a: `&mut` bindings of a `match` / `if let` / `while let` on a `&mut`
//! reference matched again where the code resumes (or-patterns, struct variants, nested
//! enums, literal tests on fields written before the await, guards, loops, `*self = ..`,
//! early returns, panics, generics, `mem::replace`), and locals matched by value whose arm
//! moves part of them, the rest held until the scope end (handlers in loops, `..`/`_`,
//! several arms, guards, reassignment, generic payloads).
use crate::prelude::*;
#[allow(unused_imports)]
use std::mem;

twin! {
    /// Or-pattern binding the same name in two tuple variants, used after the await.
    p35a_or_pattern_tuple {
        pub enum E { A(u32, Tracker), B(u32, Tracker), C }
        impl E {
            lower! {
                pub async fn bump(&mut self) -> u32 {
                    match self {
                        E::A(n, _) | E::B(n, _) => {
                            *n += leaf("inc", 2).await;
                            *n
                        }
                        E::C => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut a = E::A(1, Tracker::new("a"));
                let mut b = E::B(10, Tracker::new("b"));
                let x = a.bump().await + b.bump().await;
                let y = a.bump().await;
                x * 100 + y
            }
        }
    }
    run { go() }
}

twin! {
    /// Or-pattern, then `*self = ..` switching variant after the await.
    p35a_or_pattern_then_assign {
        pub enum E { A(u32, Tracker), B(u32, Tracker), C(u32) }
        impl E {
            lower! {
                pub async fn bump(&mut self) -> u32 {
                    match self {
                        E::A(n, t) | E::B(n, t) => {
                            let k = leaf(t.name(), *n).await;
                            *n += k;
                            log(format!("{} {}", t.name(), n));
                            let v = *n;
                            *self = E::C(v);
                            v
                        }
                        E::C(v) => *v,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut a = E::B(3, Tracker::new("b"));
                let x = a.bump().await;
                let y = a.bump().await;
                x * 100 + y
            }
        }
    }
    run { go() }
}

twin! {
    /// Or-pattern over struct variants with shorthand fields.
    p35a_or_struct_shorthand {
        pub enum E { Up { n: u32, t: Tracker }, Down { n: u32, t: Tracker }, Off }
        impl E {
            lower! {
                pub async fn tick(&mut self) -> u32 {
                    match self {
                        E::Up { n, t } | E::Down { n, t } => {
                            step(t.name()).await;
                            *n += 1;
                            step("again").await;
                            *n * 2
                        }
                        E::Off => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::Down { n: 4, t: Tracker::new("d") };
                let a = e.tick().await;
                let b = e.tick().await;
                e = E::Off;
                let c = e.tick().await;
                a + b + c
            }
        }
    }
    run { go() }
}

twin! {
    /// Struct variant, shorthand fields, one field only read, another written after two awaits.
    p35a_struct_variant_two_awaits {
        pub enum S { Run { count: u32, name: &'static str, t: Tracker }, Stop }
        impl S {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match self {
                        S::Run { count, name, .. } => {
                            let a = leaf(name, 1).await;
                            *count += a;
                            let b = leaf("b", *count).await;
                            *count += b;
                            if *count > 5 {
                                *self = S::Stop;
                                return 99;
                            }
                            *count
                        }
                        S::Stop => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut s = S::Run { count: 1, name: "n", t: Tracker::new("t") };
                let mut out = 0;
                for _ in 0..3 {
                    out = out * 100 + s.run().await;
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Nested enum: the binding of a binding, both written after the await.
    p35a_nested_enum_binding {
        pub enum Inner { X(u32), Y(Tracker) }
        pub enum Outer { Has(Inner, u32), None }
        impl Outer {
            lower! {
                pub async fn poke(&mut self) -> u32 {
                    match self {
                        Outer::Has(inner, k) => match inner {
                            Inner::X(v) => {
                                *v += leaf("x", *k).await;
                                *k += 1;
                                *v
                            }
                            Inner::Y(t) => {
                                step(t.name()).await;
                                *inner = Inner::X(*k);
                                0
                            }
                        },
                        Outer::None => 7,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut o = Outer::Has(Inner::Y(Tracker::new("y")), 3);
                let a = o.poke().await;
                let b = o.poke().await;
                let c = o.poke().await;
                a * 10000 + b * 100 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// Nested pattern in one arm: `Outer::Has(Inner::X(v), k)`.
    p35a_nested_pattern_one_arm {
        pub enum Inner { X(u32), Y(Tracker) }
        pub enum Outer { Has(Inner, u32), None }
        lower! {
            pub async fn poke(o: &mut Outer) -> u32 {
                match o {
                    Outer::Has(Inner::X(v), k) => {
                        let d = leaf("d", *v + *k).await;
                        *v += d;
                        *k -= 1;
                        *v * 10 + *k
                    }
                    Outer::Has(Inner::Y(t), k) => {
                        step(t.name()).await;
                        *k += 10;
                        *k
                    }
                    Outer::None => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut a = Outer::Has(Inner::X(2), 5);
                let mut b = Outer::Has(Inner::Y(Tracker::new("y")), 1);
                let x = poke(&mut a).await;
                let y = poke(&mut a).await;
                let z = poke(&mut b).await;
                x + y * 1000 + z * 100000
            }
        }
    }
    run { go() }
}

twin! {
    /// Literal test in the pattern on a field the arm writes through the binding before the await.
    p35a_literal_field_written_before_await {
        pub enum E { Slot(u32, u32), Gone }
        impl E {
            lower! {
                pub async fn go(&mut self) -> u32 {
                    match self {
                        E::Slot(0, v) => {
                            *v += 1;
                            let k = leaf("k", *v).await;
                            *v += k;
                            *v
                        }
                        E::Slot(n, v) => {
                            *n = 0;
                            let k = leaf("j", *v).await;
                            *v *= k;
                            *v
                        }
                        E::Gone => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn drive() -> u32 {
                let mut e = E::Slot(3, 2);
                let a = e.go().await;
                let b = e.go().await;
                a * 100 + b
            }
        }
    }
    run { drive() }
}

twin! {
    /// Literal test on a field, the field written through the binding to a non-matching value before the await.
    p35a_literal_tested_field_changed {
        pub enum E { S { tag: u8, val: u32, t: Tracker }, Gone }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                match e {
                    E::S { tag: 1, val, .. } => {
                        *val += 5;
                        step("s").await;
                        *val += 1;
                        *val
                    }
                    E::S { tag, val, t } => {
                        *tag = 1;
                        let k = leaf(t.name(), *val).await;
                        *tag = 2;
                        *val += k;
                        *val
                    }
                    E::Gone => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::S { tag: 0, val: 1, t: Tracker::new("t") };
                let a = f(&mut e).await;
                let b = f(&mut e).await;
                let c = f(&mut e).await;
                a * 10000 + b * 100 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// A literal test on a struct field, the field written through `self.other` style access of the struct.
    p35a_literal_field_written_via_param {
        pub struct G { pub mode: u8, pub n: u32, pub t: Tracker }
        lower! {
            pub async fn f(g: &mut G) -> u32 {
                match g {
                    G { mode: 0, n, .. } => {
                        *n += leaf("a", 1).await;
                        g.mode = 1;
                        *n += leaf("b", 1).await;
                        *n
                    }
                    G { mode: 1, n, .. } => {
                        *n *= leaf("c", 3).await;
                        g.mode = 2;
                        *n
                    }
                    G { n, .. } => *n,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut g = G { mode: 0, n: 1, t: Tracker::new("g") };
                let mut s = 0;
                for _ in 0..3 {
                    s = s * 100 + f(&mut g).await;
                }
                s
            }
        }
    }
    run { go() }
}

twin! {
    /// Range pattern on a field written before the await.
    p35a_range_pattern_field_written {
        pub struct C { pub level: u32, pub hits: u32 }
        lower! {
            pub async fn f(c: &mut C) -> u32 {
                match c {
                    C { level: 0..=2, hits } => {
                        c.level += 5;
                        *hits += leaf("h", 1).await;
                        *hits
                    }
                    C { level: 3..=9, hits } => {
                        c.level = 0;
                        *hits += leaf("k", 10).await;
                        *hits
                    }
                    C { hits, .. } => *hits,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut c = C { level: 1, hits: 0 };
                let a = f(&mut c).await;
                let b = f(&mut c).await;
                let d = f(&mut c).await;
                a * 10000 + b * 100 + d + c.level
            }
        }
    }
    run { go() }
}

twin! {
    /// A const pattern on a field.
    p35a_const_pattern {
        pub const LIMIT: u32 = 3;
        pub enum E { V(u32, u32), W }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                match e {
                    E::V(LIMIT, b) => {
                        *b += leaf("lim", 1).await;
                        *b
                    }
                    E::V(a, b) => {
                        *a = LIMIT;
                        *b += leaf("v", 2).await;
                        *b + *a
                    }
                    E::W => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(0, 0);
                let a = f(&mut e).await;
                let b = f(&mut e).await;
                a * 100 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// A guard on the `&mut` binding, body awaits and writes.
    p35a_guard_on_binding {
        pub enum E { N(u32, Tracker), Z }
        impl E {
            lower! {
                pub async fn f(&mut self, lim: u32) -> u32 {
                    match self {
                        E::N(n, t) if *n < lim => {
                            *n += leaf(t.name(), 2).await;
                            *n
                        }
                        E::N(n, _) => {
                            step("big").await;
                            let v = *n;
                            *self = E::Z;
                            v + 1000
                        }
                        E::Z => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::N(1, Tracker::new("n"));
                let mut s = 0;
                for _ in 0..4 {
                    s += e.f(4).await;
                    log(format!("s {s}"));
                }
                s
            }
        }
    }
    run { go() }
}

twin! {
    /// Guard that reads a field the arm then changes before the await.
    p35a_guard_then_field_changed {
        pub struct W { pub ok: bool, pub n: u32 }
        lower! {
            pub async fn f(w: &mut W) -> u32 {
                match w {
                    W { n, ok } if *ok => {
                        *ok = false;
                        *n += leaf("a", 1).await;
                        *n
                    }
                    W { n, .. } => {
                        *n += leaf("b", 100).await;
                        w.ok = true;
                        *n
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut w = W { ok: true, n: 0 };
                let a = f(&mut w).await;
                let b = f(&mut w).await;
                let c = f(&mut w).await;
                a + b + c
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let` on a `&mut` parameter that is not self, with an else branch that awaits.
    p35a_if_let_param_else_awaits {
        lower! {
            pub async fn f(o: &mut Option<(u32, Tracker)>) -> u32 {
                if let Some((n, t)) = o {
                    *n += leaf(t.name(), 1).await;
                    let v = *n;
                    if v > 2 {
                        *o = None;
                    }
                    v
                } else {
                    step("none").await;
                    *o = Some((0, Tracker::new("fresh")));
                    0
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut o = Some((1, Tracker::new("t")));
                let mut s = 0;
                for _ in 0..4 {
                    s = s * 10 + f(&mut o).await;
                }
                s
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let` on a `&mut Vec` element via `last_mut`.
    p35a_if_let_last_mut {
        lower! {
            pub async fn f(v: &mut Vec<(u32, Tracker)>) -> u32 {
                if let Some((n, _)) = v.last_mut() {
                    *n += leaf("n", 5).await;
                    *n
                } else {
                    0
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut v = vec![(1, Tracker::new("a")), (2, Tracker::new("b"))];
                let a = f(&mut v).await;
                v.pop();
                let b = f(&mut v).await;
                a * 100 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let` over a `&mut` local option, binding re-used across awaits, set to None inside.
    p35a_while_let_mut_local {
        lower! {
            pub async fn go() -> u32 {
                let mut o = Some((0u32, Tracker::new("w")));
                let r = &mut o;
                let mut polls = 0;
                while let Some((n, t)) = r {
                    *n += leaf(t.name(), 1).await;
                    polls += 1;
                    if *n >= 3 {
                        *r = None;
                    }
                }
                polls
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let` on a `&mut` parameter enum, state advanced each round after an await.
    p35a_while_let_param_enum {
        pub enum St { A(u32), B(Tracker), Done }
        lower! {
            pub async fn run(s: &mut St) -> u32 {
                let mut k = 0;
                while let St::A(n) = s {
                    *n += leaf("a", 1).await;
                    k += *n;
                    if *n > 2 {
                        *s = St::B(Tracker::new("b"));
                    }
                }
                if let St::B(t) = s {
                    step(t.name()).await;
                    *s = St::Done;
                }
                k
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut s = St::A(0);
                run(&mut s).await
            }
        }
    }
    run { go() }
}

twin! {
    /// Loop with several awaits inside the arm, the binding read between them.
    p35a_loop_several_awaits_in_arm {
        pub enum E { Acc(Vec<u32>, Tracker), Empty }
        impl E {
            lower! {
                pub async fn fill(&mut self, k: u32) -> usize {
                    match self {
                        E::Acc(v, t) => {
                            for i in 0..k {
                                let a = leaf("a", i).await;
                                v.push(a);
                                let b = leaf(t.name(), v.len() as u32).await;
                                v.push(b);
                            }
                            v.len()
                        }
                        E::Empty => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut e = E::Acc(vec![], Tracker::new("acc"));
                let a = e.fill(2).await;
                let b = e.fill(1).await;
                a * 10 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// The binding read inside the awaited call's arguments.
    p35a_binding_in_await_args {
        pub enum E { V(u32), W }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    match self {
                        E::V(n) => {
                            *n = leaf("a", *n + 1).await;
                            *n = leaf("b", *n * 2).await;
                            *n
                        }
                        E::W => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1);
                e.f().await + e.f().await
            }
        }
    }
    run { go() }
}

twin! {
    /// The binding and another local inside the awaited call's argument, a tracker local too.
    p35a_binding_and_local_in_await_args {
        pub enum E { V(u32, Tracker), W }
        impl E {
            lower! {
                pub async fn f(&mut self, k: u32) -> u32 {
                    let g = Tracker::new("g");
                    let m = k * 3;
                    match self {
                        E::V(n, t) => {
                            *n += leaf(t.name(), *n + m).await;
                            log(format!("{} {}", g.name(), n));
                            *n += leaf("b", m).await;
                            *n
                        }
                        E::W => m,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1, Tracker::new("v"));
                let a = e.f(1).await;
                let b = e.f(2).await;
                a * 1000 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// `*self = ..` before the await inside the arm (binding dead from there).
    p35a_assign_self_before_await {
        pub enum E { A(u32, Tracker), B(u32) }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    match self {
                        E::A(n, _) => {
                            let v = *n;
                            *self = E::B(v + 1);
                            step("after assign").await;
                            v
                        }
                        E::B(m) => {
                            *m += leaf("m", 1).await;
                            *m
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(5, Tracker::new("a"));
                let a = e.f().await;
                let b = e.f().await;
                a * 100 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// `*self = ..` between two awaits in the arm, a later await reading `self`.
    p35a_assign_self_between_awaits {
        pub enum E { A(u32, Tracker), B(u32, Tracker) }
        impl E {
            pub fn num(&self) -> u32 {
                match self {
                    E::A(n, _) | E::B(n, _) => *n,
                }
            }
            lower! {
                pub async fn f(&mut self) -> u32 {
                    match self {
                        E::A(n, t) => {
                            *n += leaf(t.name(), 1).await;
                            let v = *n;
                            *self = E::B(v * 10, Tracker::new("b"));
                            let w = leaf("w", self.num()).await;
                            w + v
                        }
                        E::B(n, _) => {
                            *n += leaf("bb", 1).await;
                            *n
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(1, Tracker::new("a"));
                let a = e.f().await;
                let b = e.f().await;
                a * 1000 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// Early return from inside the arm after an await, before the write.
    p35a_early_return_in_arm {
        pub enum E { V(u32, Tracker), W }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    let _g = Tracker::new("g");
                    match self {
                        E::V(n, t) => {
                            let k = leaf(t.name(), *n).await;
                            if k % 2 == 0 {
                                return k;
                            }
                            *n += 1;
                            step("odd").await;
                            *n
                        }
                        E::W => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1, Tracker::new("v"));
                let a = e.f().await;
                let b = e.f().await;
                let c = e.f().await;
                a * 100 + b * 10 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// `?` inside the arm after the await.
    p35a_question_in_arm {
        pub enum E { V(u32, Tracker), W }
        pub fn check(n: u32) -> Result<u32, String> {
            if n > 3 { Err(format!("too big {n}")) } else { Ok(n) }
        }
        impl E {
            lower! {
                pub async fn f(&mut self) -> Result<u32, String> {
                    match self {
                        E::V(n, t) => {
                            let k = leaf(t.name(), *n + 1).await;
                            *n = check(k)?;
                            step("ok").await;
                            Ok(*n)
                        }
                        E::W => Ok(0),
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Result<u32, String> {
                let mut e = E::V(1, Tracker::new("v"));
                let mut s = 0;
                for _ in 0..4 {
                    s += e.f().await?;
                }
                Ok(s)
            }
        }
    }
    run { go() }
}

twin! {
    /// A panic after the await in the arm, with a tracker local in the method.
    p35a_panic_after_await_in_arm {
        pub enum E { V(u32, Tracker), W }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    let _g = Tracker::new("local");
                    match self {
                        E::V(n, t) => {
                            *n += leaf(t.name(), 1).await;
                            if *n > 2 {
                                panic!("n is {}", n);
                            }
                            *n
                        }
                        E::W => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1, Tracker::new("v"));
                let a = e.f().await;
                let b = e.f().await;
                a + b
            }
        }
    }
    run { go() }
}

twin! {
    /// Generic enum `impl<T> Slot<T>`, the binding of type `T` replaced after an await.
    p35a_generic_slot {
        pub enum Slot<T> { Full(T, u32), Empty }
        impl<T> Slot<T> {
            lower! {
                pub async fn refresh(&mut self, make: fn(u32) -> T) -> u32 {
                    match self {
                        Slot::Full(v, gn) => {
                            let g = leaf("gen", *gn + 1).await;
                            *v = make(g);
                            *gn = g;
                            g
                        }
                        Slot::Empty => {
                            step("empty").await;
                            *self = Slot::Full(make(0), 0);
                            0
                        }
                    }
                }
            }
        }
        pub fn mk(n: u32) -> Tracker {
            log(format!("mk {n}"));
            Tracker(["t0", "t1", "t2", "t3"][n as usize])
        }
        lower! {
            pub async fn go() -> u32 {
                let mut s: Slot<Tracker> = Slot::Empty;
                let a = s.refresh(mk).await;
                let b = s.refresh(mk).await;
                let c = s.refresh(mk).await;
                a * 100 + b * 10 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// Generic enum with a bound, the binding used by a trait method after the await.
    p35a_generic_bound {
        pub enum Slot<T> { Full(T), Empty }
        impl<T: Clone + std::fmt::Debug> Slot<T> {
            lower! {
                pub async fn dup(&mut self) -> Option<T> {
                    match self {
                        Slot::Full(v) => {
                            step("dup").await;
                            let c = v.clone();
                            log(format!("{:?}", v));
                            *self = Slot::Empty;
                            Some(c)
                        }
                        Slot::Empty => None,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Option<String>, Option<String>) {
                let mut s = Slot::Full(String::from("x"));
                let a = s.dup().await;
                let b = s.dup().await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// A struct with an enum field matched via `match &mut self.state`.
    p35a_struct_state_ref_mut {
        pub enum State { Idle(Tracker), Busy(u32), Done }
        pub struct M { pub state: State, pub total: u32 }
        impl M {
            lower! {
                pub async fn step(&mut self) -> bool {
                    match &mut self.state {
                        State::Idle(t) => {
                            step(t.name()).await;
                            self.state = State::Busy(0);
                            true
                        }
                        State::Busy(n) => {
                            *n += leaf("busy", 2).await;
                            self.total += *n;
                            if *n > 3 {
                                self.state = State::Done;
                            }
                            true
                        }
                        State::Done => false,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut m = M { state: State::Idle(Tracker::new("idle")), total: 0 };
                while m.step().await {}
                m.total
            }
        }
    }
    run { go() }
}

twin! {
    /// `match self.state` with `ref mut` bindings (a place expression, no `&mut`).
    p35a_struct_state_place_ref_mut {
        pub enum State { Count(u32, Tracker), Done }
        pub struct M { pub state: State, pub log: Vec<u32> }
        impl M {
            lower! {
                pub async fn step(&mut self) -> bool {
                    match self.state {
                        State::Count(ref mut n, ref t) => {
                            *n += leaf(t.name(), 1).await;
                            self.log.push(*n);
                            if *n == 3 {
                                self.state = State::Done;
                            }
                            true
                        }
                        State::Done => false,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut m = M { state: State::Count(0, Tracker::new("c")), log: vec![] };
                while m.step().await {}
                m.log
            }
        }
    }
    run { go() }
}

twin! {
    /// `match self.state` on a `Copy` state: bindings by copy, no re-match needed.
    p35a_struct_state_copy {
        #[derive(Clone, Copy)]
        pub enum State { A(u32), B(u32), C }
        pub struct M { pub state: State, pub t: Tracker }
        impl M {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    match self.state {
                        State::A(n) => {
                            let k = leaf(self.t.name(), n).await;
                            self.state = State::B(k + 1);
                            k
                        }
                        State::B(n) => {
                            step("b").await;
                            self.state = State::C;
                            n
                        }
                        State::C => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut m = M { state: State::A(4), t: Tracker::new("m") };
                let a = m.step().await;
                let b = m.step().await;
                let c = m.step().await;
                a * 100 + b * 10 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// `mem::replace` of self in one arm, binding re-matched in another.
    p35a_mem_replace_mix {
        pub enum E { Live(u32, Tracker), Dead(Tracker), Gone }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    match self {
                        E::Live(n, _) => {
                            *n += leaf("live", 1).await;
                            if *n > 2 {
                                let old = mem::replace(self, E::Dead(Tracker::new("dead")));
                                step("replaced").await;
                                drop(old);
                                return 100;
                            }
                            *n
                        }
                        E::Dead(t) => {
                            step(t.name()).await;
                            let old = mem::replace(self, E::Gone);
                            drop(old);
                            200
                        }
                        E::Gone => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::Live(1, Tracker::new("l"));
                let mut s = 0;
                for _ in 0..5 {
                    s += e.f().await;
                }
                s
            }
        }
    }
    run { go() }
}

twin! {
    /// `mem::take` on a binding (a Vec field) after an await.
    p35a_mem_take_binding {
        pub enum E { Buf(Vec<Tracker>, u32), Off }
        impl E {
            lower! {
                pub async fn flush(&mut self) -> usize {
                    match self {
                        E::Buf(v, n) => {
                            *n += leaf("n", 1).await;
                            let taken = mem::take(v);
                            step("taken").await;
                            let k = taken.len();
                            drop(taken);
                            v.push(Tracker::new("refill"));
                            k
                        }
                        E::Off => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut e = E::Buf(vec![Tracker::new("a"), Tracker::new("b")], 0);
                let x = e.flush().await;
                let y = e.flush().await;
                x * 10 + y
            }
        }
    }
    run { go() }
}

twin! {
    /// `mem::replace` on the binding itself, old value kept across an await.
    p35a_mem_replace_binding_kept {
        pub enum E { Holder(Tracker, u32), Off }
        lower! {
            pub async fn swap(e: &mut E, name: &'static str) -> &'static str {
                match e {
                    E::Holder(t, n) => {
                        let old = mem::replace(t, Tracker::new(name));
                        *n += leaf("n", 1).await;
                        let r = old.name();
                        step(t.name()).await;
                        r
                    }
                    E::Off => "off",
                }
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) {
                let mut e = E::Holder(Tracker::new("first"), 0);
                let a = swap(&mut e, "second").await;
                let b = swap(&mut e, "third").await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// Tuple variant with three bindings, all used after the await.
    p35a_tuple_three_bindings {
        pub enum E { T(u32, String, Vec<u32>), N }
        lower! {
            pub async fn f(e: &mut E) -> String {
                match e {
                    E::T(a, s, v) => {
                        let k = leaf("k", *a).await;
                        *a += k;
                        s.push_str("!");
                        v.push(*a);
                        step("mid").await;
                        format!("{} {} {:?}", a, s, v)
                    }
                    E::N => String::new(),
                }
            }
        }
        lower! {
            pub async fn go() -> String {
                let mut e = E::T(1, "s".into(), vec![]);
                let a = f(&mut e).await;
                let b = f(&mut e).await;
                a + "|" + &b
            }
        }
    }
    run { go() }
}

twin! {
    /// `&mut` local (not a parameter) matched, reborrowed from a Vec index.
    p35a_mut_local_from_index {
        pub enum E { C(u32, Tracker), D }
        lower! {
            pub async fn go() -> u32 {
                let mut v = vec![E::C(1, Tracker::new("x")), E::D, E::C(5, Tracker::new("y"))];
                let mut s = 0;
                for i in 0..3 {
                    let r = &mut v[i];
                    match r {
                        E::C(n, t) => {
                            *n += leaf(t.name(), 1).await;
                            s += *n;
                            if *n > 3 {
                                *r = E::D;
                            }
                        }
                        E::D => {
                            step("d").await;
                        }
                    }
                }
                s
            }
        }
    }
    run { go() }
}

twin! {
    /// `iter_mut` loop with a match on each `&mut` element, arm awaits.
    p35a_iter_mut_match {
        pub enum E { C(u32), D(Tracker) }
        lower! {
            pub async fn go() -> u32 {
                let mut v = vec![E::C(1), E::D(Tracker::new("d")), E::C(2)];
                let mut s = 0;
                for e in v.iter_mut() {
                    match e {
                        E::C(n) => {
                            *n += leaf("c", *n).await;
                            s += *n;
                        }
                        E::D(t) => {
                            step(t.name()).await;
                            *e = E::C(10);
                        }
                    }
                }
                for e in &v {
                    if let E::C(n) = e {
                        s += *n * 100;
                    }
                }
                s
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let ... else if let` chain on a `&mut` parameter.
    p35a_if_let_chain_else_if {
        pub enum E { A(u32), B(Tracker), C }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                if let E::A(n) = e {
                    *n += leaf("a", 1).await;
                    *n
                } else if let E::B(t) = e {
                    step(t.name()).await;
                    *e = E::A(10);
                    1
                } else {
                    step("c").await;
                    0
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::B(Tracker::new("b"));
                let a = f(&mut e).await;
                let b = f(&mut e).await;
                e = E::C;
                let c = f(&mut e).await;
                a * 100 + b + c
            }
        }
    }
    run { go() }
}

twin! {
    /// Cancellation interest: a tracker built inside the arm and held across the binding's awaits.
    p35a_tracker_in_arm_cancel {
        pub enum E { V(u32, Tracker), W }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    match self {
                        E::V(n, t) => {
                            let g = Tracker::new("arm");
                            *n += leaf(t.name(), 1).await;
                            let h = Tracker::new("arm2");
                            *n += leaf("second", 1).await;
                            drop(g);
                            step("third").await;
                            drop(h);
                            *n
                        }
                        E::W => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(0, Tracker::new("v"));
                e.f().await
            }
        }
    }
    run { go() }
}

twin! {
    /// The `&mut` binding moved into a helper taking `&mut` after the await.
    p35a_binding_passed_to_fn {
        pub enum E { V(Vec<u32>), W }
        pub fn push2(v: &mut Vec<u32>, x: u32) { v.push(x); v.push(x + 1); }
        lower! {
            pub async fn add(v: &mut Vec<u32>, x: u32) {
                step("add").await;
                v.push(x);
            }
        }
        lower! {
            pub async fn f(e: &mut E) -> usize {
                match e {
                    E::V(v) => {
                        let x = leaf("x", 3).await;
                        push2(v, x);
                        add(v, 9).await;
                        v.len()
                    }
                    E::W => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut e = E::V(vec![]);
                f(&mut e).await + f(&mut e).await
            }
        }
    }
    run { go() }
}

twin! {
    /// An awaited method on the binding itself (`n.grow().await`).
    p35a_awaited_method_on_binding {
        pub struct C { pub n: u32 }
        impl C {
            lower! {
                pub async fn grow(&mut self) -> u32 {
                    self.n += leaf("g", 1).await;
                    self.n
                }
            }
        }
        pub enum E { Has(C, Tracker), No }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                match e {
                    E::Has(c, t) => {
                        let a = c.grow().await;
                        log(format!("{} {}", t.name(), a));
                        let b = c.grow().await;
                        a + b
                    }
                    E::No => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::Has(C { n: 0 }, Tracker::new("t"));
                f(&mut e).await * 10 + f(&mut e).await
            }
        }
    }
    run { go() }
}

twin! {
    /// A match on `&mut self` whose arm matches again on a sibling `&mut` binding (two re-matches).
    p35a_two_level_rematch_siblings {
        pub enum Inner { On(u32), Off }
        pub enum E { Pair(Inner, Inner), Nil }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    match self {
                        E::Pair(a, b) => {
                            let mut s = 0;
                            if let Inner::On(x) = a {
                                *x += leaf("x", 1).await;
                                s += *x;
                            }
                            if let Inner::On(y) = b {
                                *y += leaf("y", 2).await;
                                s += *y;
                                *a = Inner::Off;
                            }
                            s
                        }
                        E::Nil => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::Pair(Inner::On(1), Inner::On(10));
                let a = e.f().await;
                let b = e.f().await;
                a * 100 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// A `&mut` binding of a `Box` payload, deref through the box after the await.
    p35a_boxed_payload {
        pub enum E { B(Box<(u32, Tracker)>), N }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                match e {
                    E::B(b) => {
                        b.0 += leaf(b.1.name(), 2).await;
                        let v = b.0;
                        if v > 3 {
                            *e = E::N;
                        }
                        v
                    }
                    E::N => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::B(Box::new((0, Tracker::new("boxed"))));
                let a = f(&mut e).await;
                let b = f(&mut e).await;
                let c = f(&mut e).await;
                a * 100 + b * 10 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// Match on a `&mut Option<Box<Node>>` walking one level, binding written after await.
    p35a_option_box_node {
        pub struct Node { pub v: u32, pub next: Option<Box<Node>>, pub t: Tracker }
        lower! {
            pub async fn bump_head(o: &mut Option<Box<Node>>) -> u32 {
                match o {
                    Some(node) => {
                        node.v += leaf(node.t.name(), 1).await;
                        if node.v > 1 {
                            let next = node.next.take();
                            *o = next;
                        }
                        1
                    }
                    None => {
                        step("none").await;
                        0
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut l = Some(Box::new(Node { v: 0, t: Tracker::new("n1"), next: Some(Box::new(Node { v: 5, t: Tracker::new("n2"), next: None })) }));
                let mut s = 0;
                for _ in 0..4 {
                    s = s * 10 + bump_head(&mut l).await;
                }
                s
            }
        }
    }
    run { go() }
}

twin! {
    /// An or-pattern whose alternatives are tested by literal (`E::A(0, n) | E::B(n)`).
    p35a_or_with_literal {
        pub enum E { A(u8, u32), B(u32), C }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                match e {
                    E::A(0, n) | E::B(n) => {
                        *n += leaf("n", 1).await;
                        *n
                    }
                    E::A(k, n) => {
                        *k = 0;
                        step("k").await;
                        *n
                    }
                    E::C => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(2, 7);
                let a = f(&mut e).await;
                let b = f(&mut e).await;
                let mut g = E::B(1);
                let c = f(&mut g).await;
                a * 10000 + b * 100 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// An or-pattern where the literal-tested field is written before the await in the arm.
    p35a_or_literal_written {
        pub enum E { A(u8, u32), B(u32), C }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                match e {
                    E::A(0, n) | E::B(n) => {
                        *n += 1;
                        step("n").await;
                        *n += 1;
                        *n
                    }
                    E::A(k, n) => {
                        *k = 0;
                        *n += leaf("k", 10).await;
                        *k = 3;
                        *n
                    }
                    E::C => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::A(2, 7);
                let a = f(&mut e).await;
                let b = f(&mut e).await;
                let c = f(&mut e).await;
                a * 10000 + b * 100 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// Binding with `@` subpattern on a `&mut` scrutinee.
    p35a_at_binding {
        pub enum E { V(u32), W }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                match e {
                    E::V(n @ 0..=5) => {
                        *n += leaf("n", 2).await;
                        *n
                    }
                    E::V(n) => {
                        step("big").await;
                        *n
                    }
                    E::W => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1);
                let a = f(&mut e).await;
                let b = f(&mut e).await;
                let c = f(&mut e).await;
                let d = f(&mut e).await;
                a * 1000 + b * 100 + c * 10 + d
            }
        }
    }
    run { go() }
}

twin! {
    /// `match` on `&mut (a, b)` tuple of a local with binding + wildcard.
    p35a_tuple_local_mut {
        lower! {
            pub async fn go() -> u32 {
                let mut pair = (0u32, Tracker::new("pair"));
                let mut s = 0;
                for i in 0..3 {
                    let r = &mut pair;
                    match r {
                        (n, _) if *n < 2 => {
                            *n += leaf("n", 1).await;
                            s += *n;
                        }
                        (n, t) => {
                            step(t.name()).await;
                            *n = i;
                            s += 100;
                        }
                    }
                }
                s + pair.0
            }
        }
    }
    run { go() }
}

twin! {
    /// Slice pattern on a `&mut [u32]` parameter, two bindings after await.
    p35a_slice_pattern_mut {
        lower! {
            pub async fn f(v: &mut [u32]) -> u32 {
                match v {
                    [first, .., last] => {
                        *first += leaf("f", *last).await;
                        *last += leaf("l", 1).await;
                        *first + *last
                    }
                    [one] => {
                        *one += leaf("one", 1).await;
                        *one
                    }
                    [] => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut a = [1, 2, 3];
                let mut b = [5];
                let x = f(&mut a).await;
                let y = f(&mut b).await;
                let z = f(&mut []).await;
                x * 100 + y + z + a[0]
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let` over `&mut` iteration by index with re-match each round and several awaits.
    p35a_while_let_queue {
        pub enum Job { Work(u32, Tracker), Stop }
        lower! {
            pub async fn go() -> u32 {
                let mut jobs = vec![Job::Work(1, Tracker::new("j1")), Job::Work(2, Tracker::new("j2")), Job::Stop];
                let mut i = 0;
                let mut s = 0;
                while let Some(Job::Work(n, t)) = jobs.get_mut(i) {
                    *n += leaf(t.name(), 10).await;
                    step("between").await;
                    s += *n;
                    i += 1;
                }
                s + i as u32
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let` on `&mut self` field via `self.opt`, binding written after await, then `self.opt = None`.
    p35a_if_let_self_field {
        pub struct S { pub opt: Option<(u32, Tracker)>, pub seen: u32 }
        impl S {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    if let Some((n, t)) = &mut self.opt {
                        *n += leaf(t.name(), 1).await;
                        self.seen += 1;
                        if *n > 1 {
                            self.opt = None;
                            return 9;
                        }
                        *n
                    } else {
                        0
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut s = S { opt: Some((0, Tracker::new("o"))), seen: 0 };
                let a = s.f().await;
                let b = s.f().await;
                let c = s.f().await;
                a * 100 + b * 10 + c + s.seen * 1000
            }
        }
    }
    run { go() }
}

twin! {
    /// A binding of type `&mut Tracker` replaced through `*t = ..` after the await (drop of the old tracker).
    p35a_binding_tracker_replaced {
        pub enum E { T(Tracker, u32), N }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                match e {
                    E::T(t, n) => {
                        *n += leaf("n", 1).await;
                        *t = Tracker::new(["r1", "r2", "r3"][*n as usize % 3]);
                        step("replaced").await;
                        *n
                    }
                    E::N => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::T(Tracker::new("orig"), 0);
                let a = f(&mut e).await;
                let b = f(&mut e).await;
                a * 10 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// Match inside a closure-free helper loop where the `&mut self` method is called inside `pair`.
    p35a_rematch_two_machines_paired {
        pub enum E { N(u32, Tracker), D }
        impl E {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    let mut k = 0;
                    loop {
                        match self {
                            E::N(n, t) => {
                                *n += leaf(t.name(), 1).await;
                                k += 1;
                                if *n >= 3 {
                                    *self = E::D;
                                }
                            }
                            E::D => return k,
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go(start: u32, name: &'static str) -> u32 {
                let mut e = E::N(start, Tracker::new(name));
                e.run().await
            }
        }
    }
    run { pair(go(0, "a"), go(2, "b")) }
}

twin! {
    /// Arm that awaits in its guard-free body, then another `match self` after the first, reusing the name.
    p35a_sequential_matches_same_name {
        pub enum E { V(u32), W(u32) }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    match self {
                        E::V(n) => *n += leaf("a", 1).await,
                        E::W(n) => *n += leaf("b", 2).await,
                    }
                    let s = match self {
                        E::V(n) => {
                            step("v").await;
                            *n
                        }
                        E::W(n) => {
                            *n *= leaf("w", 3).await;
                            *n
                        }
                    };
                    *self = E::W(s);
                    s
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1);
                let a = e.f().await;
                let b = e.f().await;
                a * 100 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// The arm's value is the binding's deref after the await (tail expression).
    p35a_tail_deref_binding {
        pub enum E { V(String), W }
        lower! {
            pub async fn f(e: &mut E) -> usize {
                match e {
                    E::V(s) => {
                        s.push_str(leaf("s", "xy").await);
                        s.len()
                    }
                    E::W => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut e = E::V(String::from("a"));
                f(&mut e).await + f(&mut e).await * 10
            }
        }
    }
    run { go() }
}

twin! {
    /// Nested match where the outer binding is written (`*inner = ..`) after an await inside the inner arm.
    p35a_nested_outer_written_in_inner {
        pub enum Inner { On(u32, Tracker), Off }
        pub enum Outer { Box(Inner), Empty }
        impl Outer {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    match self {
                        Outer::Box(inner) => match inner {
                            Inner::On(n, t) => {
                                *n += leaf(t.name(), 1).await;
                                let v = *n;
                                *inner = Inner::Off;
                                step("off").await;
                                v
                            }
                            Inner::Off => {
                                step("empty").await;
                                *self = Outer::Empty;
                                0
                            }
                        },
                        Outer::Empty => 42,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut o = Outer::Box(Inner::On(1, Tracker::new("on")));
                let a = o.f().await;
                let b = o.f().await;
                let c = o.f().await;
                a * 10000 + b * 100 + c
            }
        }
    }
    run { go() }
}

twin! {
    /// Guard with an or-pattern on `&mut` (bindings read in guard and after await).
    p35a_or_pattern_guard {
        pub enum E { A(u32), B(u32), C }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                match e {
                    E::A(n) | E::B(n) if *n > 1 => {
                        *n += leaf("big", 10).await;
                        *n
                    }
                    E::A(n) | E::B(n) => {
                        *n += leaf("small", 1).await;
                        *n
                    }
                    E::C => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::B(1);
                let a = f(&mut e).await;
                let b = f(&mut e).await;
                a * 100 + b
            }
        }
    }
    run { go() }
}

// Locals matched by value whose arm moves part of them: the rest stays until scope end.

pub enum Msg {
    Up { name: Tracker, lease: Tracker, n: u32 },
    Pair(Tracker, Tracker),
    Ping,
}

pub fn up(a: &'static str, b: &'static str, n: u32) -> Msg {
    Msg::Up { name: Tracker::new(a), lease: Tracker::new(b), n }
}

pub fn pr(a: &'static str, b: &'static str) -> Msg {
    Msg::Pair(Tracker::new(a), Tracker::new(b))
}

twin! {
    /// Handler by value in a loop, `..` leaves the lease until the end of each iteration.
    p35a_handler_loop_dotdot {
        lower! {
            pub async fn go() -> Vec<&'static str> {
                let msgs = vec![up("n1", "l1", 1), pr("a", "b"), Msg::Ping, up("n2", "l2", 2)];
                let mut out = vec![];
                for msg in msgs {
                    let _g = Tracker::new("iter");
                    let r = match msg {
                        Msg::Up { name, .. } => {
                            step("up").await;
                            name.name()
                        }
                        Msg::Pair(a, _) => {
                            step("pair").await;
                            a.name()
                        }
                        Msg::Ping => "ping",
                    };
                    step("after").await;
                    out.push(r);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Handler: the moved part dropped inside the arm, the rest after another await.
    p35a_moved_part_dropped_in_arm {
        lower! {
            pub async fn f(m: Msg) -> u32 {
                let v = match m {
                    Msg::Up { name, n, .. } => {
                        step("a").await;
                        drop(name);
                        step("b").await;
                        n
                    }
                    Msg::Pair(_, b) => {
                        step("p").await;
                        drop(b);
                        2
                    }
                    Msg::Ping => 0,
                };
                step("tail").await;
                v
            }
        }
        lower! {
            pub async fn go() -> u32 {
                f(up("name", "lease", 5)).await + f(pr("x", "y")).await
            }
        }
    }
    run { go() }
}

twin! {
    /// Local (not a parameter) matched by value, `Some((a, _))`.
    p35a_some_tuple_wild_local {
        lower! {
            pub async fn go() -> &'static str {
                let o = Some((Tracker::new("a"), Tracker::new("b")));
                let _h = Tracker::new("h");
                let r = match o {
                    Some((a, _)) => {
                        step("some").await;
                        a.name()
                    }
                    None => "none",
                };
                step("after").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// `if let` moving one field out of a tuple local.
    p35a_if_let_partial_tuple {
        lower! {
            pub async fn go(flag: bool) -> &'static str {
                let t = (Tracker::new("first"), Tracker::new("second"), 3u32);
                let _late = Tracker::new("late");
                let r = if let (a, _, 3) = t {
                    step("then").await;
                    a.name()
                } else {
                    step("else").await;
                    "no"
                };
                if flag {
                    step("flag").await;
                }
                r
            }
        }
    }
    run { pair(go(true), go(false)) }
}

twin! {
    /// `let .. else` moving one field of an enum local, rest held.
    p35a_let_else_partial {
        lower! {
            pub async fn f(m: Msg) -> Option<&'static str> {
                let _a = Tracker::new("before");
                let Msg::Up { name, .. } = m else {
                    step("else").await;
                    return None;
                };
                step("got").await;
                let r = name.name();
                drop(name);
                step("dropped").await;
                Some(r)
            }
        }
        lower! {
            pub async fn go() -> (Option<&'static str>, Option<&'static str>) {
                (f(up("n", "l", 1)).await, f(pr("p", "q")).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// Several arms leaving different parts, each arm awaits.
    p35a_several_arms_different_rests {
        lower! {
            pub async fn f(m: Msg) -> &'static str {
                let r = match m {
                    Msg::Up { lease, n: 0, .. } => {
                        step("zero").await;
                        lease.name()
                    }
                    Msg::Up { name, .. } => {
                        step("name").await;
                        name.name()
                    }
                    Msg::Pair(_, b) => {
                        step("b").await;
                        b.name()
                    }
                    Msg::Ping => "ping",
                };
                log(format!("chose {r}"));
                step("end").await;
                r
            }
        }
        lower! {
            pub async fn go() -> Vec<&'static str> {
                vec![f(up("n0", "l0", 0)).await, f(up("n1", "l1", 1)).await, f(pr("a", "b")).await]
            }
        }
    }
    run { go() }
}

twin! {
    /// Guard reading the binding, the guarded arm moves; fall-through arm moves another part.
    p35a_guard_partial_fallthrough {
        lower! {
            pub async fn f(m: Msg, k: u32) -> &'static str {
                let r = match m {
                    Msg::Up { name, n, .. } if n > k => {
                        step("guarded").await;
                        name.name()
                    }
                    Msg::Up { lease, .. } => {
                        step("lease").await;
                        lease.name()
                    }
                    _ => "other",
                };
                step("after").await;
                r
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) {
                (f(up("n", "l", 5), 1).await, f(up("n2", "l2", 0), 1).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// The local assigned again after the match (rest dropped at the assignment).
    p35a_reassigned_after_match {
        lower! {
            pub async fn go() -> &'static str {
                let mut m = up("n1", "l1", 1);
                let r = match m {
                    Msg::Up { name, .. } => {
                        step("arm").await;
                        name.name()
                    }
                    _ => "x",
                };
                step("before assign").await;
                m = pr("p1", "p2");
                step("after assign").await;
                if let Msg::Pair(a, _) = m {
                    step("pair").await;
                    log(a.name());
                }
                step("end").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// The local used again after a non-moving arm (arm only reads a Copy field).
    p35a_used_after_nonmoving_arm {
        lower! {
            pub async fn f(m: Msg) -> u32 {
                let k = match m {
                    Msg::Up { n, .. } => {
                        step("copy").await;
                        n
                    }
                    Msg::Pair(..) => 1,
                    Msg::Ping => 0,
                };
                step("mid").await;
                if let Msg::Up { name, .. } = m {
                    step("second").await;
                    log(name.name());
                }
                k
            }
        }
        lower! {
            pub async fn go() -> u32 {
                f(up("nn", "ll", 7)).await + f(pr("a", "b")).await
            }
        }
    }
    run { go() }
}

twin! {
    /// Generic payload: `Wrap<T>` with two `T`s, one moved out.
    p35a_generic_payload {
        pub enum Wrap<T> { Two(T, T), One(T), Zero }
        lower! {
            pub async fn f<T: std::fmt::Debug>(w: Wrap<T>) -> String {
                let r = match w {
                    Wrap::Two(a, _) => {
                        step("two").await;
                        format!("{:?}", a)
                    }
                    Wrap::One(a) => format!("{:?}", a),
                    Wrap::Zero => String::new(),
                };
                step("end").await;
                r
            }
        }
        lower! {
            pub async fn go() -> String {
                f(Wrap::Two(Tracker::new("x"), Tracker::new("y"))).await + &f(Wrap::One(Tracker::new("z"))).await
            }
        }
    }
    run { go() }
}

twin! {
    /// Message loop by value from a Vec drained, partial moves with `_` in a tuple variant and a tail await.
    p35a_drain_handler {
        pub enum Cmd { Put(Tracker, Tracker, u32), Get(u32), Quit(Tracker) }
        lower! {
            pub async fn go() -> u32 {
                let mut q = vec![
                    Cmd::Put(Tracker::new("k1"), Tracker::new("v1"), 1),
                    Cmd::Get(5),
                    Cmd::Put(Tracker::new("k2"), Tracker::new("v2"), 2),
                    Cmd::Quit(Tracker::new("q")),
                ];
                let mut store = vec![];
                let mut s = 0;
                for c in q.drain(..) {
                    match c {
                        Cmd::Put(k, _, n) => {
                            step("put").await;
                            store.push(k);
                            s += n;
                        }
                        Cmd::Get(n) => {
                            s += leaf("get", n).await;
                        }
                        Cmd::Quit(_) => {
                            step("quit").await;
                            break;
                        }
                    }
                    log("handled");
                }
                s + store.len() as u32
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let Some(..) = q.pop()` with a partial move of the popped message.
    p35a_while_pop_partial {
        lower! {
            pub async fn go() -> Vec<&'static str> {
                let mut q = vec![pr("a1", "b1"), up("n", "l", 3), pr("a2", "b2")];
                let mut out = vec![];
                while let Some(m) = q.pop() {
                    let r = match m {
                        Msg::Pair(a, _) => {
                            step("pair").await;
                            a.name()
                        }
                        Msg::Up { lease, .. } => {
                            step("up").await;
                            lease.name()
                        }
                        Msg::Ping => "p",
                    };
                    out.push(r);
                    step("next").await;
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move, then an early return after the await (rest dropped at return).
    p35a_partial_early_return {
        lower! {
            pub async fn f(m: Msg, stop: bool) -> &'static str {
                let _g = Tracker::new("guard");
                let name = match m {
                    Msg::Up { name, .. } => {
                        step("up").await;
                        if stop {
                            return "stopped";
                        }
                        name
                    }
                    _ => return "other",
                };
                step("after").await;
                name.name()
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) {
                (f(up("a", "b", 1), true).await, f(up("c", "d", 1), false).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move, `?` after the await.
    p35a_partial_question {
        pub fn chk(n: u32) -> Result<u32, u32> {
            if n > 2 { Err(n) } else { Ok(n) }
        }
        lower! {
            pub async fn f(m: Msg) -> Result<&'static str, u32> {
                let r = match m {
                    Msg::Up { name, n, .. } => {
                        let k = leaf("k", n).await;
                        chk(k)?;
                        step("ok").await;
                        name.name()
                    }
                    _ => "x",
                };
                step("tail").await;
                Ok(r)
            }
        }
        lower! {
            pub async fn go() -> (Result<&'static str, u32>, Result<&'static str, u32>) {
                (f(up("a", "b", 1)).await, f(up("c", "d", 5)).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move, panic after the await.
    p35a_partial_panic {
        lower! {
            pub async fn f(m: Msg) -> &'static str {
                let _g = Tracker::new("g");
                let r = match m {
                    Msg::Pair(a, _) => {
                        step("pair").await;
                        if a.name() == "bad" {
                            panic!("bad pair");
                        }
                        a.name()
                    }
                    _ => "x",
                };
                step("tail").await;
                r
            }
        }
    }
    run { f(pr("bad", "rest")) }
}

twin! {
    /// Nested partial move: `Some(Msg::Up { name, .. })` in an Option.
    p35a_nested_option_partial {
        lower! {
            pub async fn go() -> &'static str {
                let o = Some(up("n", "l", 1));
                let _after = Tracker::new("after");
                let r = match o {
                    Some(Msg::Up { name, .. }) => {
                        step("s").await;
                        name.name()
                    }
                    Some(_) => "other",
                    None => "none",
                };
                step("t").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// Struct local destructured by value in a `match` with `..`, awaits in the arm.
    p35a_struct_local_match_dotdot {
        pub struct Req { pub body: Tracker, pub head: Tracker, pub id: u32 }
        lower! {
            pub async fn go() -> &'static str {
                let req = Req { body: Tracker::new("body"), head: Tracker::new("head"), id: 2 };
                let r = match req {
                    Req { body, id: 2, .. } => {
                        step("two").await;
                        let n = body.name();
                        drop(body);
                        n
                    }
                    Req { head, .. } => {
                        step("other").await;
                        head.name()
                    }
                };
                step("end").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// The moved binding is returned out of the loop while the rest is held.
    p35a_break_with_moved_part {
        lower! {
            pub async fn go() -> &'static str {
                let msgs = vec![Msg::Ping, pr("keep", "rest"), up("n", "l", 0)];
                let mut found = None;
                for m in msgs {
                    if let Msg::Pair(a, _) = m {
                        step("pair").await;
                        found = Some(a);
                        break;
                    }
                    step("skip").await;
                }
                step("after loop").await;
                found.map(|t| t.name()).unwrap_or("none")
            }
        }
    }
    run { go() }
}

twin! {
    /// Two locals both partially moved in one match on a tuple of them.
    p35a_tuple_of_two_msgs {
        lower! {
            pub async fn go() -> (&'static str, &'static str) {
                let a = up("an", "al", 1);
                let b = pr("b1", "b2");
                let r = match (a, b) {
                    (Msg::Up { name, .. }, Msg::Pair(_, y)) => {
                        step("both").await;
                        (name.name(), y.name())
                    }
                    _ => ("x", "y"),
                };
                step("after").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move in an `if let` inside a loop, the local declared outside the loop and reassigned.
    p35a_loop_reassign_partial {
        lower! {
            pub async fn go() -> u32 {
                let mut m = up("n0", "l0", 0);
                let mut s = 0;
                for i in 0..3u32 {
                    if let Msg::Up { name, n, .. } = m {
                        step(name.name()).await;
                        s += n;
                    }
                    step("mid").await;
                    m = if i % 2 == 0 { up("n1", "l1", i + 1) } else { pr("p", "q") };
                }
                step("end").await;
                s
            }
        }
    }
    run { go() }
}

// Known gap: a `match` with a `ref` arm that awaits and an arm that moves part of the same local (E0507)
#[cfg(feature = "known-gaps")]
twin! {
    /// A by-value match whose arms bind nothing moving but one: `Msg::Up { ref name, .. }`.
    p35a_ref_binding_mixed {
        lower! {
            pub async fn f(m: Msg) -> &'static str {
                let r = match m {
                    Msg::Up { ref name, .. } => {
                        step("ref").await;
                        name.name()
                    }
                    Msg::Pair(a, _) => {
                        step("move").await;
                        a.name()
                    }
                    Msg::Ping => "p",
                };
                step("end").await;
                r
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) {
                (f(up("n", "l", 0)).await, f(pr("a", "b")).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// The arm moves both halves into different places, one into a Vec that outlives the match.
    p35a_arm_moves_all {
        lower! {
            pub async fn go() -> usize {
                let mut keep = vec![];
                let m = pr("a", "b");
                match m {
                    Msg::Pair(a, b) => {
                        keep.push(a);
                        step("mid").await;
                        drop(b);
                    }
                    _ => {}
                }
                step("end").await;
                keep.len()
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move out of a parameter `Option<(Tracker, Tracker)>` via `if let Some((_, b))`.
    p35a_param_option_second {
        lower! {
            pub async fn f(o: Option<(Tracker, Tracker)>, x: Tracker) -> &'static str {
                let r = if let Some((_, b)) = o {
                    step("b").await;
                    b.name()
                } else {
                    "none"
                };
                step("tail").await;
                drop(x);
                step("tail2").await;
                r
            }
        }
    }
    run { f(Some((Tracker::new("a"), Tracker::new("b"))), Tracker::new("x")) }
}

twin! {
    /// Partial move where the arm's await is inside the tail expression argument.
    p35a_partial_await_in_tail {
        lower! {
            pub async fn f(m: Msg) -> u32 {
                match m {
                    Msg::Up { name, n, .. } => leaf(name.name(), n).await + 1,
                    Msg::Pair(a, _) => leaf(a.name(), 7).await,
                    Msg::Ping => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let a = f(up("n", "l", 2)).await;
                let b = f(pr("p", "q")).await;
                a * 10 + b
            }
        }
    }
    run { go() }
}

// Known gap: a local partly moved by a `match` arm (`P { a, .. }`), then its remaining field moved out (`let b = p.b;`, or a second `match` moving another part) with an await after: E0382 use of partially moved value (also fails at 1fac946~1)
#[cfg(feature = "known-gaps")]
twin! {
    /// Partial move with the rest later moved whole into a helper (remaining part used by name).
    p35a_partial_then_struct_rest_used {
        pub struct Pkt { pub hdr: Tracker, pub body: Tracker, pub len: u32 }
        lower! {
            pub async fn go() -> u32 {
                let p = Pkt { hdr: Tracker::new("hdr"), body: Tracker::new("body"), len: 4 };
                let l = match p {
                    Pkt { hdr, len, .. } => {
                        step("hdr").await;
                        drop(hdr);
                        len
                    }
                };
                step("mid").await;
                let b = p.body;
                step("body").await;
                drop(b);
                l
            }
        }
    }
    run { go() }
}

twin! {
    /// `match` on a local of an enum with a `Box` payload partially moved.
    p35a_boxed_partial {
        pub enum B { Two(Box<Tracker>, Box<Tracker>), None }
        lower! {
            pub async fn go() -> &'static str {
                let b = B::Two(Box::new(Tracker::new("x")), Box::new(Tracker::new("y")));
                let r = match b {
                    B::Two(x, _) => {
                        step("two").await;
                        x.name()
                    }
                    B::None => "none",
                };
                step("end").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// Handler struct with a `&mut self` method consuming a message by value (partial move + self write).
    p35a_handler_method {
        pub struct H { pub names: Vec<&'static str>, pub hold: Option<Tracker> }
        impl H {
            lower! {
                pub async fn handle(&mut self, m: Msg) -> u32 {
                    match m {
                        Msg::Up { name, n, .. } => {
                            step("up").await;
                            self.names.push(name.name());
                            self.hold = Some(name);
                            n
                        }
                        Msg::Pair(_, b) => {
                            step("pair").await;
                            self.names.push(b.name());
                            0
                        }
                        Msg::Ping => {
                            self.hold = None;
                            step("ping").await;
                            1
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, Vec<&'static str>) {
                let mut h = H { names: vec![], hold: None };
                let mut s = 0;
                s += h.handle(up("n1", "l1", 3)).await;
                s += h.handle(pr("a", "b")).await;
                s += h.handle(Msg::Ping).await;
                (s, h.names)
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial `let` destructure of a tuple local from a call, `_` field kept until scope end.
    p35a_let_tuple_from_call {
        pub fn make() -> (Tracker, Tracker) {
            (Tracker::new("one"), Tracker::new("two"))
        }
        lower! {
            pub async fn go() -> &'static str {
                let t = make();
                {
                    let (a, _) = t;
                    step("inner").await;
                    log(a.name());
                }
                step("outer").await;
                "done"
            }
        }
    }
    run { go() }
}

twin! {
    /// The matched local is a `Vec` element popped, the match has a wildcard arm and a `..` arm both awaiting.
    p35a_wild_arm_awaits {
        lower! {
            pub async fn f(m: Msg) -> u32 {
                let r = match m {
                    Msg::Up { n, .. } if n > 3 => {
                        step("big").await;
                        n
                    }
                    other => {
                        step("other").await;
                        drop(other);
                        0
                    }
                };
                step("tail").await;
                r
            }
        }
        lower! {
            pub async fn go() -> u32 {
                f(up("a", "b", 5)).await + f(up("c", "d", 1)).await + f(pr("e", "f")).await
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move in a nested block scope: the rest must drop at the block end, not the function end.
    p35a_block_scope_rest {
        lower! {
            pub async fn go() -> &'static str {
                let r = {
                    let m = up("n", "l", 1);
                    let r = match m {
                        Msg::Up { name, .. } => {
                            step("arm").await;
                            name.name()
                        }
                        _ => "x",
                    };
                    step("block").await;
                    r
                };
                log("after block");
                step("fn").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move inside a loop body block, the local declared in the loop body, with `continue`.
    p35a_loop_continue_partial {
        lower! {
            pub async fn go() -> u32 {
                let mut s = 0;
                for i in 0..3u32 {
                    let m = if i == 1 { pr("pa", "pb") } else { up("un", "ul", i) };
                    let n = match m {
                        Msg::Up { n, name, .. } => {
                            step(name.name()).await;
                            n
                        }
                        Msg::Pair(a, _) => {
                            step(a.name()).await;
                            continue;
                        }
                        Msg::Ping => 0,
                    };
                    step("end of iter").await;
                    s += n + 1;
                }
                s
            }
        }
    }
    run { go() }
}

twin! {
    /// Generic handler enum `Env<T>` with a `T` moved and a Tracker left.
    p35a_generic_env {
        pub enum Env<T> { Msg { body: T, tag: Tracker }, Empty(Tracker) }
        lower! {
            pub async fn open<T>(e: Env<T>) -> Option<T> {
                let r = match e {
                    Env::Msg { body, .. } => {
                        step("msg").await;
                        Some(body)
                    }
                    Env::Empty(_) => None,
                };
                step("tail").await;
                r
            }
        }
        lower! {
            pub async fn go() -> Option<u32> {
                let a = open(Env::Msg { body: Tracker::new("body"), tag: Tracker::new("tag") }).await;
                step("mid").await;
                drop(a);
                open(Env::Msg { body: 5u32, tag: Tracker::new("tag2") }).await
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move of a `String` field with `..`, the rest a Vec of trackers.
    p35a_partial_string_field {
        pub struct Job { pub title: String, pub deps: Vec<Tracker>, pub prio: u8 }
        lower! {
            pub async fn f(j: Job) -> String {
                let t = match j {
                    Job { title, prio: 0, .. } => {
                        step("zero").await;
                        title
                    }
                    Job { title, .. } => {
                        step("other").await;
                        title + "!"
                    }
                };
                step("end").await;
                t
            }
        }
        lower! {
            pub async fn go() -> String {
                f(Job { title: "a".into(), deps: vec![Tracker::new("d1"), Tracker::new("d2")], prio: 1 }).await
            }
        }
    }
    run { go() }
}

twin! {
    /// A `let` destructuring a struct with `..`, the struct from a literal (known owned), then awaits.
    p35a_let_dotdot_literal {
        pub struct Conn { pub sock: Tracker, pub buf: Tracker, pub id: u32 }
        lower! {
            pub async fn go() -> u32 {
                let c = Conn { sock: Tracker::new("sock"), buf: Tracker::new("buf"), id: 3 };
                let Conn { sock, id, .. } = c;
                step("a").await;
                drop(sock);
                step("b").await;
                id
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move in a guard-bearing arm where the guard fails after a previous arm's pattern matched.
    p35a_guard_fails_then_other_arm {
        lower! {
            pub async fn f(m: Msg) -> &'static str {
                let r = match m {
                    Msg::Pair(a, _) if a.name() == "x" => {
                        step("x").await;
                        a.name()
                    }
                    Msg::Pair(_, b) => {
                        step("b").await;
                        b.name()
                    }
                    _ => "o",
                };
                step("end").await;
                r
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) {
                (f(pr("x", "y")).await, f(pr("z", "w")).await)
            }
        }
    }
    run { go() }
}

// Known gap: a local partly moved by a `match` arm (`P { a, .. }`), then its remaining field moved out (`let b = p.b;`, or a second `match` moving another part) with an await after: E0382 use of partially moved value (also fails at 1fac946~1)
#[cfg(feature = "known-gaps")]
twin! {
    /// Matched twice: first arm moves a part, second match on the same local reads what remains.
    p35a_second_match_on_rest {
        lower! {
            pub async fn go() -> (&'static str, &'static str) {
                let m = up("nm", "ls", 2);
                let a = match m {
                    Msg::Up { name, .. } => {
                        step("first").await;
                        name.name()
                    }
                    _ => "x",
                };
                step("between").await;
                let b = match m {
                    Msg::Up { lease, .. } => {
                        step("second").await;
                        lease.name()
                    }
                    _ => "y",
                };
                step("end").await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move of an `Option` field from a struct parameter via `if let Some(x) = s.opt`.
    p35a_if_let_field_of_param {
        pub struct S { pub opt: Option<Tracker>, pub other: Tracker }
        lower! {
            pub async fn f(s: S) -> &'static str {
                let r = if let Some(x) = s.opt {
                    step("x").await;
                    x.name()
                } else {
                    "none"
                };
                step("end").await;
                log(s.other.name());
                r
            }
        }
    }
    run { f(S { opt: Some(Tracker::new("opt")), other: Tracker::new("other") }) }
}

twin! {
    /// Handler in a `loop` with a counter and `break` value, partial move and awaits on both sides.
    p35a_loop_break_value {
        lower! {
            pub async fn go() -> u32 {
                let mut q = vec![Msg::Ping, up("a", "b", 4), pr("c", "d")];
                let mut k = 0;
                let r = loop {
                    let Some(m) = q.pop() else { break 0 };
                    k += 1;
                    match m {
                        Msg::Up { n, name, .. } => {
                            step(name.name()).await;
                            break n + k;
                        }
                        Msg::Pair(_, b) => {
                            step(b.name()).await;
                        }
                        Msg::Ping => {}
                    }
                    step("loop").await;
                };
                step("after").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// The moved part is moved into an awaited call, the rest stays.
    p35a_moved_into_awaited_call {
        lower! {
            pub async fn eat(t: Tracker) -> &'static str {
                step("eat").await;
                t.name()
            }
        }
        lower! {
            pub async fn go() -> &'static str {
                let m = up("nm", "ls", 1);
                let r = match m {
                    Msg::Up { name, .. } => eat(name).await,
                    _ => "x",
                };
                step("end").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// `match` on an `Option<Msg>` parameter moving an inner field, with `None` awaiting.
    p35a_option_msg_param {
        lower! {
            pub async fn f(o: Option<Msg>) -> &'static str {
                let r = match o {
                    Some(Msg::Pair(a, _)) => {
                        step("a").await;
                        a.name()
                    }
                    Some(Msg::Up { lease, .. }) => {
                        step("l").await;
                        lease.name()
                    }
                    Some(Msg::Ping) => "ping",
                    None => {
                        step("none").await;
                        "none"
                    }
                };
                step("end").await;
                r
            }
        }
        lower! {
            pub async fn go() -> Vec<&'static str> {
                vec![f(Some(pr("a", "b"))).await, f(Some(up("n", "l", 0))).await, f(None).await]
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move, then `mem::drop` of the whole rest impossible; instead `let _ = ` on the rest field (no move).
    p35a_let_underscore_rest {
        pub struct P { pub a: Tracker, pub b: Tracker }
        lower! {
            pub async fn go() -> &'static str {
                let p = P { a: Tracker::new("a"), b: Tracker::new("b") };
                let r = match p {
                    P { a, .. } => {
                        step("a").await;
                        a.name()
                    }
                };
                let _ = p.b;
                step("after").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move inside both arms of an `if`/`else` on a bool, different fields.
    p35a_if_else_different_fields {
        pub struct P { pub a: Tracker, pub b: Tracker }
        lower! {
            pub async fn f(p: P, left: bool) -> &'static str {
                let r = if left {
                    let P { a, .. } = p;
                    step("left").await;
                    a.name()
                } else {
                    let P { b, .. } = p;
                    step("right").await;
                    b.name()
                };
                step("end").await;
                r
            }
        }
        lower! {
            pub async fn go() -> (&'static str, &'static str) {
                (f(P { a: Tracker::new("a1"), b: Tracker::new("b1") }, true).await,
                 f(P { a: Tracker::new("a2"), b: Tracker::new("b2") }, false).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let` on a by-value local reassigned each iteration (`state` machine by value).
    p35a_by_value_state_machine {
        pub enum St { Start(Tracker, u32), Mid(Tracker), End }
        lower! {
            pub async fn go() -> u32 {
                let mut st = St::Start(Tracker::new("s"), 2);
                let mut k = 0;
                loop {
                    st = match st {
                        St::Start(t, 0) => {
                            step("to mid").await;
                            St::Mid(t)
                        }
                        St::Start(t, n) => {
                            step("count").await;
                            k += n;
                            St::Start(t, n - 1)
                        }
                        St::Mid(_) => {
                            step("mid").await;
                            St::End
                        }
                        St::End => break,
                    };
                    log("transition");
                }
                k
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move: the match arm moves with `Msg::Up { name: nm, lease: _, n }` (renamed and explicit `_`).
    p35a_renamed_and_explicit_wild {
        lower! {
            pub async fn f(m: Msg) -> (&'static str, u32) {
                let r = match m {
                    Msg::Up { name: nm, lease: _, n } => {
                        step("up").await;
                        (nm.name(), n)
                    }
                    _ => ("x", 0),
                };
                step("end").await;
                r
            }
        }
    }
    run { f(up("nm", "ls", 9)) }
}

twin! {
    /// Two awaits in the moving arm, plus a tracker created between them; cancellation at each.
    p35a_partial_two_awaits_cancel {
        lower! {
            pub async fn f(m: Msg) -> &'static str {
                let r = match m {
                    Msg::Pair(a, _) => {
                        step("one").await;
                        let _mid = Tracker::new("mid");
                        step("two").await;
                        a.name()
                    }
                    _ => "x",
                };
                step("three").await;
                r
            }
        }
    }
    run { f(pr("a", "b")) }
}

twin! {
    /// A match scrutinee that is a field path of a local struct (`w.msg`), partially moved.
    p35a_field_path_scrutinee {
        pub struct W { pub msg: Msg, pub t: Tracker }
        lower! {
            pub async fn go() -> &'static str {
                let w = W { msg: up("n", "l", 1), t: Tracker::new("w") };
                let r = match w.msg {
                    Msg::Up { name, .. } => {
                        step("up").await;
                        name.name()
                    }
                    _ => "x",
                };
                step("end").await;
                log(w.t.name());
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move of a local, then the local shadowed by a new `let` of the same name.
    p35a_shadowed_after_partial {
        lower! {
            pub async fn go() -> &'static str {
                let m = pr("a", "b");
                let r = match m {
                    Msg::Pair(a, _) => {
                        step("a").await;
                        a.name()
                    }
                    _ => "x",
                };
                let m = up("n2", "l2", 0);
                step("shadow").await;
                drop(m);
                step("end").await;
                r
            }
        }
    }
    run { go() }
}

// Reductions.

twin! {
    /// Or-pattern of `&mut` bindings on a `&mut` parameter, read after an await.
    p35a_min_or_pattern_rematch {
        pub enum E { A(u32), B(u32) }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                match e {
                    E::A(n) | E::B(n) => {
                        step("s").await;
                        *n
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::B(1);
                f(&mut e).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `&mut self`, binding only in the awaited argument and a parameter (no local).
    p35a_min_self_param_in_await_arg {
        pub enum E { V(u32), W }
        impl E {
            lower! {
                pub async fn f(&mut self, k: u32) -> u32 {
                    match self {
                        E::V(n) => {
                            *n += leaf("a", *n + k).await;
                            *n
                        }
                        E::W => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1);
                e.f(2).await
            }
        }
    }
    run { go() }
}

twin! {
    /// A `for` loop's `&mut` element matched, binding read in the awaited expression, element written after.
    p35a_min_for_iter_mut_rematch {
        pub enum E { C(u32), D(u32) }
        lower! {
            pub async fn go() -> u32 {
                let mut v = vec![E::D(1)];
                for e in v.iter_mut() {
                    match e {
                        E::D(t) => {
                            step("d").await;
                            *t += 1;
                            *e = E::C(10);
                        }
                        E::C(_) => {}
                    }
                }
                v.len() as u32
            }
        }
    }
    run { go() }
}

twin! {
    /// A `for` loop's `&mut` element matched, binding used after the await, no write of the element.
    p35a_min_for_iter_mut_binding_only {
        pub enum E { C(u32), D(u32) }
        lower! {
            pub async fn go() -> u32 {
                let mut v = vec![E::D(1)];
                let mut s = 0;
                for e in v.iter_mut() {
                    match e {
                        E::D(t) => {
                            step("d").await;
                            *t += 1;
                            s += *t;
                        }
                        E::C(_) => {}
                    }
                }
                s
            }
        }
    }
    run { go() }
}

twin! {
    /// A `&mut` binding lent to an awaited call, then read.
    p35a_min_binding_lent_to_await {
        pub enum E { V(Vec<u32>), W }
        lower! {
            pub async fn add(v: &mut Vec<u32>) {
                step("add").await;
                v.push(1);
            }
        }
        lower! {
            pub async fn f(e: &mut E) -> usize {
                match e {
                    E::V(v) => {
                        add(v).await;
                        v.len()
                    }
                    E::W => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut e = E::V(vec![]);
                f(&mut e).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `&mut self`: two awaits in the arm, the local in both awaited arguments.
    p35a_min_self_local_two_awaits {
        pub enum E { V(u32), W }
        impl E {
            lower! {
                pub async fn f(&mut self, k: u32) -> u32 {
                    let m = k;
                    match self {
                        E::V(n) => {
                            *n += leaf("a", *n + m).await;
                            *n += leaf("b", m).await;
                            *n
                        }
                        E::W => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1);
                e.f(2).await
            }
        }
    }
    run { go() }
}

// Known gap: a local partly moved by a `match` arm (`P { a, .. }`), then its remaining field moved out (`let b = p.b;`, or a second `match` moving another part) with an await after: E0382 use of partially moved value (also fails at 1fac946~1)
#[cfg(feature = "known-gaps")]
twin! {
    /// A remaining field moved out of the local after an arm moved another part across an await.
    p35a_min_rest_field_moved_after {
        pub struct P { pub a: Tracker, pub b: Tracker }
        lower! {
            pub async fn go() -> &'static str {
                let p = P { a: Tracker::new("a"), b: Tracker::new("b") };
                let r = match p {
                    P { a, .. } => {
                        step("arm").await;
                        a.name()
                    }
                };
                let b = p.b;
                step("after").await;
                drop(b);
                r
            }
        }
    }
    run { go() }
}

// Known gap: a local partly moved by a `match` arm (`P { a, .. }`), then its remaining field moved out (`let b = p.b;`, or a second `match` moving another part) with an await after: E0382 use of partially moved value (also fails at 1fac946~1)
#[cfg(feature = "known-gaps")]
twin! {
    /// The same without an await in the arm (only after the move of the rest).
    p35a_min_rest_field_moved_arm_no_await {
        pub struct P { pub a: Tracker, pub b: Tracker }
        lower! {
            pub async fn go() -> &'static str {
                let p = P { a: Tracker::new("a"), b: Tracker::new("b") };
                let r = match p {
                    P { a, .. } => a.name(),
                };
                step("mid").await;
                let b = p.b;
                step("after").await;
                drop(b);
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// `&mut self`: two awaits in the arm, a parameter (not a local) in both awaited arguments.
    p35a_min_self_param_two_awaits {
        pub enum E { V(u32), W }
        impl E {
            lower! {
                pub async fn f(&mut self, k: u32) -> u32 {
                    match self {
                        E::V(n) => {
                            *n += leaf("a", *n + k).await;
                            *n += leaf("b", k).await;
                            *n
                        }
                        E::W => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1);
                e.f(2).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `&mut` parameter (not `self`): two awaits in the arm, a local in both awaited arguments.
    p35a_min_param_local_two_awaits {
        pub enum E { V(u32), W }
        lower! {
            pub async fn f(e: &mut E, k: u32) -> u32 {
                let m = k;
                match e {
                    E::V(n) => {
                        *n += leaf("a", *n + m).await;
                        *n += leaf("b", m).await;
                        *n
                    }
                    E::W => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1);
                f(&mut e, 2).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `&mut self`: local in the first awaited argument only, a second plain await.
    p35a_min_self_local_then_step {
        pub enum E { V(u32), W }
        impl E {
            lower! {
                pub async fn f(&mut self, k: u32) -> u32 {
                    let m = k;
                    match self {
                        E::V(n) => {
                            *n += leaf("a", *n + m).await;
                            step("b").await;
                            *n
                        }
                        E::W => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1);
                e.f(2).await
            }
        }
    }
    run { go() }
}

twin! {
    /// The binding shadowed by a value before the await: the shadow must survive the resume.
    p35a_binding_shadowed_before_await {
        pub enum E { V(u32, Tracker), W }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    match self {
                        E::V(n, t) => {
                            *n += 1;
                            let n = *n + 100;
                            step(t.name()).await;
                            let t = n * 2;
                            step("again").await;
                            n + t
                        }
                        E::W => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1, Tracker::new("v"));
                let a = e.f().await;
                let b = e.f().await;
                a * 1000 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// The binding shadowed by a reborrow, written through the shadow after the await.
    p35a_binding_reborrow_shadow {
        pub enum E { V(u32), W }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                match e {
                    E::V(n) => {
                        let n: &mut u32 = n;
                        step("s").await;
                        *n += 5;
                        *n
                    }
                    E::W => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1);
                let a = f(&mut e).await;
                let b = f(&mut e).await;
                a * 100 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// An inner `if let` on a different scrutinee reusing the binding's name inside the arm.
    p35a_inner_match_same_name {
        pub enum E { V(u32, Option<u32>), W }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                match e {
                    E::V(n, o) => {
                        *n += leaf("a", 1).await;
                        if let Some(n) = o {
                            *n += leaf("inner", 10).await;
                            log(format!("inner {n}"));
                        }
                        step("b").await;
                        *n
                    }
                    E::W => 0,
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(1, Some(5));
                let a = f(&mut e).await;
                let b = f(&mut e).await;
                a * 100 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// Scrutinee `&mut *self` and an index into the binding after the await.
    p35a_reborrow_scrutinee_index {
        pub enum E { V(Vec<u32>, Tracker), W }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    match &mut *self {
                        E::V(v, t) => {
                            let i = v.len() - 1;
                            v[i] += leaf(t.name(), 3).await;
                            v.push(v[i] + 1);
                            v[i + 1]
                        }
                        E::W => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = E::V(vec![1], Tracker::new("v"));
                let a = e.f().await;
                let b = e.f().await;
                a * 100 + b
            }
        }
    }
    run { go() }
}

twin! {
    /// A by-value partial move with trackers declared before and after the local: scope-end order.
    p35a_partial_scope_end_order {
        lower! {
            pub async fn go() -> &'static str {
                let _a = Tracker::new("before");
                let m = up("nm", "ls", 1);
                let _b = Tracker::new("after");
                let r = match m {
                    Msg::Up { name, .. } => {
                        step("arm").await;
                        name.name()
                    }
                    _ => "x",
                };
                let _c = Tracker::new("later");
                step("end").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// Partial move on one path only (an `if` inside the arm decides whether the binding is moved away).
    p35a_partial_conditional_move {
        lower! {
            pub async fn f(m: Msg, keep: bool) -> u32 {
                let mut held = None;
                let r = match m {
                    Msg::Pair(a, _) => {
                        step("pair").await;
                        if keep {
                            held = Some(a);
                        }
                        1
                    }
                    _ => 0,
                };
                step("end").await;
                log(format!("held {}", held.is_some()));
                r
            }
        }
        lower! {
            pub async fn go() -> u32 {
                f(pr("a1", "b1"), true).await + f(pr("a2", "b2"), false).await
            }
        }
    }
    run { go() }
}
