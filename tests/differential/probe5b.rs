//! Probe 5b: expression and syntax corners with awaits in them: labelled blocks, `let
//! else`, `if let` chains, `while let`, `loop`/`match` with `break value`, arrays, casts,
//! ranges, indexing, assignments through `&mut`, compound assignment, unary operators,
//! tuple/struct literals, `?` chains, macros with awaits in arguments, `unsafe` blocks, raw
//! identifiers, `ref`/`@`/slice/or-patterns, closures, `async move` blocks, turbofish,
//! items inside the body.
#![allow(unused_unsafe, unused_labels, clippy::all)]
use crate::prelude::*;

#[derive(Debug)]
pub struct P5Pair(pub Tracker, pub u32);

twin! {
    /// A labelled block left early with a value, and a nested labelled block broken out of twice.
    p5b_labeled_block_break_value {
        lower! {
            pub async fn f(n: u32) -> (u32, u32) {
                let _g = Tracker("g");
                let a = 'blk: {
                    let t = Tracker("in-blk");
                    let x = leaf("x", n).await;
                    if x > 2 {
                        break 'blk x * 10;
                    }
                    step("mid").await;
                    drop(t);
                    x
                };
                let b = 'outer: {
                    let _u = Tracker("u");
                    'inner: {
                        let _w = Tracker("w");
                        if leaf("c", a).await > 5 {
                            break 'outer leaf("v", 7).await;
                        }
                        break 'inner;
                    }
                    step("after-inner").await;
                    1
                };
                (a, b)
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// `let else` with an await in the initializer and in the diverging `else`.
    p5b_let_else_await {
        lower! {
            pub async fn f(v: Option<u32>) -> u32 {
                let _g = Tracker("g");
                let Some(x) = leaf("opt", v).await else {
                    let _e = Tracker("else");
                    step("else-step").await;
                    return leaf("fallback", 99).await;
                };
                let t = Tracker("after");
                let Ok(y) = leaf("res", if x > 1 { Ok::<u32, Tracker>(x) } else { Err(Tracker("err")) }).await else {
                    step("e2").await;
                    drop(t);
                    return 0;
                };
                x + y
            }
        }
    }
    run { pair(f(None), pair(f(Some(3)), f(Some(1)))) }
}

twin! {
    /// `if let .. else if let .. else if let .. else` with awaits in every scrutinee and arm,
    /// a local moved in one arm only.
    p5b_if_let_else_if_let_chain {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, &'static str>) -> String {
                let t = Tracker("t");
                if let Some(x) = leaf("a", a).await {
                    step("then").await;
                    format!("a{x}")
                } else if let Ok(y) = leaf("b", b).await {
                    let _u = Tracker("u");
                    format!("b{}", y + leaf("y", 1).await)
                } else if let Err(e) = leaf("b2", b).await {
                    drop(t);
                    step("e").await;
                    format!("e{e}")
                } else {
                    unreachable!()
                }
            }
        }
    }
    run { pair(f(Some(1), Ok(2)), pair(f(None, Ok(2)), f(None, Err("bad")))) }
}

twin! {
    /// `while let Some(t) = it.next()` over owned trackers, with `continue` and `break`.
    p5b_while_let_iter_next {
        lower! {
            pub async fn f(v: Vec<Tracker>) -> Vec<&'static str> {
                let mut it = v.into_iter();
                let mut out = Vec::new();
                while let Some(t) = it.next() {
                    step(t.name()).await;
                    if t.name() == "skip" {
                        continue;
                    }
                    out.push(leaf("name", t.name()).await);
                    if out.len() == 2 {
                        break;
                    }
                }
                step("end").await;
                out
            }
        }
    }
    run { f(vec![Tracker("a"), Tracker("skip"), Tracker("b"), Tracker("c"), Tracker("d")]) }
}

twin! {
    /// `loop { match x.await { .. => break v } }` with a binding `@` range and `continue`.
    p5b_loop_match_break_value {
        lower! {
            pub async fn f(step_by: u32) -> (u32, Tracker) {
                let mut i = 0;
                let _g = Tracker("g");
                let r = loop {
                    i += 1;
                    match leaf("m", i * step_by).await {
                        0..=4 => continue,
                        n @ 5..=8 => {
                            let _t = Tracker("t");
                            step("s").await;
                            if n == 6 {
                                break (n, Tracker("six"));
                            }
                        }
                        n => break (n, Tracker("big")),
                    }
                };
                r
            }
        }
    }
    run { pair(f(3), f(5)) }
}

twin! {
    /// Array repeat `[x.await; 3]` and array lists `[a.await, b.await]`, vec! likewise.
    p5b_array_literals {
        lower! {
            pub async fn f() -> ([u32; 3], [u32; 2], [String; 2], Vec<u8>, Vec<Tracker>) {
                let a = [leaf("r", 7).await; 3];
                let b = [leaf("x", 1).await, leaf("y", 2).await];
                let c = [leaf("s1", String::from("p")).await, format!("{}", leaf("s2", 3).await)];
                let d = vec![leaf("vx", 0u8).await; leaf("vn", 3).await];
                let e = vec![Tracker("e0"), leaf("e1", Tracker("e1")).await, Tracker::new("e2")];
                (a, b, c, d, e)
            }
        }
    }
    run { f() }
}

twin! {
    /// Casts and unary operators on awaited values.
    p5b_casts_unary {
        lower! {
            pub async fn f(x: i32) -> (u64, i64, bool, u8, f64, i32, u32) {
                let a = leaf("a", x).await as u64;
                let b = -leaf("b", x).await as i64;
                let c = !leaf("c", false).await;
                let d = leaf("d", 300u32).await as u8;
                let e = leaf("e", 3).await as f64 / 2.0;
                let g = -(leaf("g", 5).await) * !leaf("h", 0i32).await;
                let h = !leaf("i", 0u32).await >> (leaf("sh", 28).await as u32);
                (a, b, c, d, e, g, h)
            }
        }
    }
    run { f(-3) }
}

twin! {
    /// Ranges with awaited bounds and `for i in 0..n.await`, reversed inclusive ranges.
    p5b_ranges {
        lower! {
            pub async fn f() -> (Vec<u32>, u32, std::ops::Range<u32>, std::ops::RangeInclusive<u32>, std::ops::RangeFrom<u32>) {
                let r = leaf("lo", 2).await..leaf("hi", 5).await;
                let ri = leaf("lo2", 1).await..=leaf("hi2", 3).await;
                let v: Vec<u32> = r.clone().collect();
                let mut s = 0;
                for i in 0..leaf("n", 3).await {
                    s += leaf("i", i).await;
                }
                for i in (leaf("a", 1).await..=*ri.end()).rev() {
                    s += i;
                    step("r").await;
                }
                let from = leaf("from", 9).await..;
                (v, s, r, ri, from)
            }
        }
    }
    run { f() }
}

twin! {
    /// Index reads and writes with awaits in the index and the value (value first for `=`).
    p5b_index_read_write {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![10, 20, 30, 40];
                let a = v[leaf("i", 1).await];
                v[leaf("j", 2).await] = leaf("x", a + 1).await;
                v[0] = v[leaf("k", 3).await] + leaf("y", 5).await;
                let idx = 1;
                v[idx] = leaf("z", 99).await;
                v[val("vi", 3)] = leaf("w", 7).await;
                v[leaf("ii", 2).await] = val("vv", 5);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `*r = x.await`, `*r += x.await` through `&mut` parameters and a reborrow held across an await.
    p5b_deref_mut_assign {
        lower! {
            pub async fn f(r: &mut u32, s: &mut Vec<Tracker>) -> u32 {
                *r = leaf("x", 5).await;
                *r += leaf("y", 2).await;
                let m = &mut *r;
                *m *= leaf("z", 3).await;
                s[0] = leaf("t", Tracker("new")).await;
                *s.last_mut().unwrap() = leaf("u", Tracker("newer")).await;
                *r
            }
        }
    }
    run { f(leak(1), leak(vec![Tracker("old"), Tracker("old2")])) }
}

twin! {
    /// Compound assignments of primitives on fields, array elements, locals.
    p5b_compound_assign_primitives {
        pub struct Acc {
            pub n: u64,
            pub f: f32,
            pub arr: [i32; 3],
        }
        lower! {
            pub async fn f() -> (u64, f32, [i32; 3], u8, i32, bool) {
                let mut a = Acc { n: 1, f: 0.5, arr: [1, 2, 3] };
                a.n += leaf("n", 4).await;
                a.n <<= leaf("sh", 2).await;
                a.f *= leaf("f", 4.0).await;
                a.arr[leaf("i", 1).await] -= leaf("d", 10).await;
                a.arr[2] ^= leaf("x", 7).await;
                let mut b = 200u8;
                b = b.wrapping_add(leaf("b", 100).await);
                b %= leaf("m", 7).await;
                let mut c = 5i32;
                c -= {
                    step("blk").await;
                    c * 2
                };
                let mut flag = true;
                flag &= leaf("fl", false).await;
                flag |= !leaf("fl2", true).await;
                (a.n, a.f, a.arr, b, c, flag)
            }
        }
    }
    run { f() }
}

twin! {
    /// Order of a primitive compound assignment: the value (awaited) before the place's index.
    p5b_compound_assign_order {
        lower! {
            pub async fn f() -> [u32; 3] {
                let mut v = [1u32, 2, 3];
                v[val("i0", 0)] += leaf("x", 10).await;
                v[val("i1", 1)] *= val("k", 3) + leaf("y", 1).await;
                v[leaf("j", 2).await] -= val("z", 1);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// An overflowing `+=` with an awaited right side panics with trackers alive.
    p5b_compound_assign_overflow_panic {
        lower! {
            pub async fn f() -> u8 {
                let _a = Tracker("a");
                let mut b: u8 = 250;
                step("s").await;
                let _c = Tracker("c");
                b += leaf("b", 10).await;
                b
            }
        }
    }
    run { f() }
}

twin! {
    /// `&x.await` with a temporary extended by `let`, `(a.await, b.await).0` and `.1`.
    p5b_ref_and_tuple_field {
        lower! {
            pub async fn f() -> (u32, usize, &'static str) {
                let r = &leaf("r", 5u32).await;
                let t = (leaf("a", Tracker("ta")).await, leaf("b", 2).await).1;
                step("s").await;
                let len = (&leaf("v", vec![1, 2, 3]).await).len();
                let name = (leaf("p", Tracker("pa")).await, leaf("q", Tracker("pb")).await).0.name();
                step("t").await;
                (*r + t, len, name)
            }
        }
    }
    run { f() }
}

twin! {
    /// `&Tracker` from an extended temporary used across awaits, dropped at scope end.
    p5b_ref_temporary_extended_tracker {
        lower! {
            pub async fn f() -> &'static str {
                let _first = Tracker("first");
                let r = &leaf("r", Tracker("ext")).await;
                step("s").await;
                let _last = Tracker("last");
                step("t").await;
                r.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// Tuple-struct and struct literals with awaits in fields and a shorthand field.
    p5b_struct_literals {
        #[derive(Debug)]
        pub struct Q {
            pub name: Tracker,
            pub n: u32,
            pub p: P5Pair,
        }
        lower! {
            pub async fn f() -> Q {
                let n = leaf("n", 3).await;
                let name = Tracker("name");
                let q = Q { p: P5Pair(leaf("pt", Tracker("pt")).await, leaf("pn", n).await), n, name };
                step("s").await;
                q
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct literal whose third field panics: the fields built so far drop in order.
    p5b_struct_literal_panic_mid {
        #[derive(Debug)]
        pub struct R {
            pub a: Tracker,
            pub b: Tracker,
            pub n: u32,
            pub c: Tracker,
        }
        lower! {
            pub async fn f() -> R {
                let _g = Tracker("g");
                R { a: Tracker::new("ra"), b: leaf("rb", Tracker("rb")).await, n: boom("b").await, c: Tracker::new("rc") }
            }
        }
    }
    run { f() }
}

twin! {
    /// `a().await?.b().await?` with `&self` methods; the temporary receiver drops at the `;`.
    p5b_method_chain_try {
        pub struct Svc {
            pub t: Tracker,
        }
        pub struct Conn(pub u32, pub Tracker);
        impl Svc {
            lower! {
                pub async fn connect(&self, n: u32) -> Result<Conn, String> {
                    step("connect").await;
                    if n > 0 { Ok(Conn(n, Tracker("conn"))) } else { Err(format!("refused {}", self.t.name())) }
                }
            }
        }
        impl Conn {
            lower! {
                pub async fn query(&self, q: u32) -> Result<u32, String> {
                    let x = leaf("q", q * self.0).await;
                    if x < 100 { Ok(x) } else { Err("too big".into()) }
                }
            }
        }
        lower! {
            pub async fn go(s: &Svc, n: u32) -> Result<u32, String> {
                let _g = Tracker("g");
                let v = s.connect(n).await?.query(leaf("arg", 7).await).await?;
                Ok(v + s.connect(1).await?.query(1).await?)
            }
        }
    }
    run {
        let s: &'static Svc = leak(Svc { t: Tracker("svc") });
        pair(go(s, 2), pair(go(s, 0), go(s, 20)))
    }
}

twin! {
    /// `?` on `Option` with awaits, trackers dropped on the early `None`.
    p5b_option_question {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<Tracker>) -> Option<(u32, &'static str)> {
                let _g = Tracker("g");
                let x = leaf("a", a).await?;
                let t = leaf("b", b).await?;
                step("s").await;
                let y = leaf("c", x.checked_sub(1)).await?;
                Some((y, t.name()))
            }
        }
    }
    run { pair(f(Some(2), Some(Tracker("b1"))), pair(f(None, Some(Tracker("b2"))), f(Some(0), Some(Tracker("b3"))))) }
}

twin! {
    /// `matches!`, `assert!`, `assert_eq!`, `assert_ne!`, `format!` and `write!` with awaits in arguments.
    p5b_std_macros_with_awaits {
        lower! {
            pub async fn f(n: u32) -> (bool, bool, String, String) {
                use std::fmt::Write;
                let a = matches!(leaf("m", Some(n)).await, Some(x) if x > 2);
                let b = matches!(leaf("m2", n).await, 1 | 3 | 5..=9);
                assert!(leaf("as", n).await > 0, "n was {}", leaf("msg", n).await);
                assert_eq!(leaf("l", n * 2).await, n + leaf("r", n).await, "mismatch");
                assert_ne!(leaf("ne", 1).await, 2);
                let x = leaf("f3", 9).await;
                let s = format!("{}-{:?}-{x}-{y}", leaf("f1", n).await, leaf("f2", Tracker("f")).await, y = leaf("f4", 4).await);
                let mut w = String::new();
                write!(w, "{}", leaf("w", 5).await).unwrap();
                writeln!(&mut w, "[{}]{x}", leaf("w2", "x").await).unwrap();
                (a, b, s, w)
            }
        }
    }
    run { pair(f(3), f(1)) }
}

twin! {
    /// A failing `assert_eq!` whose message awaits, trackers alive.
    p5b_assert_fail_awaited_message {
        lower! {
            pub async fn f() -> u32 {
                let _t = Tracker("t");
                let k = leaf("k", 4).await;
                step("s").await;
                assert_eq!(leaf("l", 1).await, k, "bad {} {k}", leaf("m", 3).await);
                k
            }
        }
    }
    run { f() }
}

twin! {
    /// `return x.await` from inside nested blocks, a loop and a match, trackers at each level.
    p5b_return_nested_blocks {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker("a");
                {
                    let _b = Tracker("b");
                    if n > 0 {
                        let _c = Tracker("c");
                        loop {
                            let _d = Tracker("d");
                            match n {
                                1 => return leaf("r1", 10).await,
                                2 => {
                                    let _e = Tracker("e");
                                    return { step("u").await; leaf("r2", 20).await };
                                }
                                _ => break,
                            }
                        }
                    }
                    step("mid").await;
                }
                return leaf("end", 0).await;
            }
        }
    }
    run { pair(f(1), pair(f(2), f(3))) }
}

twin! {
    /// `unsafe` blocks containing awaits, a raw pointer to a heap value across awaits.
    p5b_unsafe_blocks {
        lower! {
            pub async fn f() -> (u32, usize) {
                let mut bx = Box::new(5u32);
                let p: *mut u32 = &mut *bx;
                unsafe {
                    *p += leaf("a", 1).await;
                    step("s").await;
                    *p *= 2;
                }
                let y = unsafe { std::ptr::read(p) + leaf("b", 3).await };
                let s = unsafe { std::str::from_utf8_unchecked(leaf("bytes", b"hi").await) };
                (*bx + y, s.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A raw pointer to a stack local (`&raw mut`) used across an await.
    p5b_raw_pointer_to_local {
        lower! {
            pub async fn f() -> u32 {
                let mut x = 5u32;
                let p = &raw mut x;
                step("s").await;
                unsafe { *p += leaf("a", 1).await };
                step("t").await;
                unsafe { *p *= 2 };
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// A raw pointer to a stack local made with `&mut x as *mut _` used across an await.
    p5b_raw_pointer_cast_to_local {
        lower! {
            pub async fn f() -> u32 {
                let mut x = 5u32;
                let p = &mut x as *mut u32;
                step("s").await;
                unsafe { *p += leaf("a", 1).await };
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// Raw identifiers as parameter, locals, struct field.
    p5b_raw_identifiers {
        #[derive(Debug)]
        pub struct K {
            pub r#type: u32,
            pub r#in: Tracker,
        }
        lower! {
            pub async fn f(r#type: u32) -> (u32, String, K) {
                let r#match = leaf("m", r#type).await;
                let r#struct = Tracker("struct");
                step("s").await;
                let r#loop = r#match + 1;
                let k = K { r#type: leaf("k", r#loop).await, r#in: Tracker("in") };
                let K { r#type: ty, .. } = &k;
                step("t").await;
                (r#loop + *ty, format!("{:?}", r#struct), k)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `ref`, `ref mut` and `@` bindings on awaited values and on a local, used across awaits.
    p5b_ref_bindings {
        lower! {
            pub async fn f() -> (u32, String) {
                let mut pr = (Tracker("p0"), 5u32);
                match leaf("m", 3).await {
                    ref mut n @ 1..=5 => {
                        *n += leaf("add", 1).await;
                        log(format!("n {n}"));
                    }
                    _ => {}
                }
                let (ref t, ref mut k) = pr;
                step("s").await;
                *k += 1;
                let s = format!("{:?}", t);
                match leaf("opt", Some(Tracker("o"))).await {
                    Some(ref o) if o.name() == "o" => {
                        step("g").await;
                        log(format!("got {}", o.name()));
                    }
                    Some(_) | None => {}
                }
                pr.1 += 1;
                (pr.1, s)
            }
        }
    }
    run { f() }
}

twin! {
    /// Slice patterns `[first, .., last]` on an awaited vec's slice, with awaits in the arms.
    p5b_slice_patterns {
        lower! {
            pub async fn f(v: Vec<Tracker>) -> String {
                let _g = Tracker("g");
                match leaf("v", v).await.as_slice() {
                    [] => String::from("empty"),
                    [only] => {
                        step("one").await;
                        only.name().to_string()
                    }
                    [first, .., last] => {
                        step("many").await;
                        format!("{}..{}", first.name(), last.name())
                    }
                }
            }
        }
    }
    run { pair(f(vec![]), pair(f(vec![Tracker("solo")]), f(vec![Tracker("x"), Tracker("y"), Tracker("z")]))) }
}

twin! {
    /// Slice patterns with `rest @ ..` on an array built from awaits and on a borrowed slice.
    p5b_slice_rest_patterns {
        lower! {
            pub async fn f() -> (u32, usize, u32) {
                let arr = [leaf("a", 1u32).await, 2, leaf("c", 3).await, 4];
                let mut s = 0;
                if let [x, rest @ .., y] = arr {
                    step("in").await;
                    s = x + y + rest.iter().sum::<u32>();
                }
                let v = vec![Tracker("v0"), Tracker("v1"), Tracker("v2")];
                let n = match &v[..] {
                    [_, middle @ ..] => {
                        step("mid").await;
                        middle.len()
                    }
                    [] => 0,
                };
                let [a, b] = leaf("two", [7u32, 8]).await;
                (s, n, a * b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Or-patterns binding the same names in different positions, in `match` and `if let`.
    p5b_or_patterns {
        pub enum E {
            A(u32, Tracker),
            B(Tracker, u32),
            C,
        }
        lower! {
            pub async fn f(e: E, o: Option<u32>) -> u32 {
                let n = match leaf("e", e).await {
                    E::A(n, t) | E::B(t, n) => {
                        step("ab").await;
                        log(t.name());
                        n
                    }
                    E::C => 0,
                };
                if let Some(1 | 2) | None = leaf("o", o).await {
                    step("small").await;
                    return n;
                }
                n + 100
            }
        }
    }
    run { pair(f(E::A(1, Tracker("ta")), Some(1)), pair(f(E::B(Tracker("tb"), 2), Some(5)), f(E::C, None))) }
}

twin! {
    /// Closures, nested and composed, made before and used after awaits.
    p5b_closures_after_awaits {
        lower! {
            pub async fn f() -> Vec<u32> {
                let add = |x: u32| x + 1;
                let base = leaf("base", 10).await;
                let scale = move |x: u32| x * base;
                let t = Tracker("cap");
                let named = |x: u32| {
                    log(format!("{} {}", t.name(), x));
                    x
                };
                step("s").await;
                let composed = |x| add(scale(x));
                let v: Vec<u32> = (1..=3).map(composed).map(named).collect::<Vec<_>>();
                let nested = |a: u32| move |b: u32| a + b;
                let add5 = nested(leaf("five", 5).await);
                step("t").await;
                v.into_iter().map(|x| add5(x)).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `async move {}` and `async {}` blocks awaited inline, an async closure called and awaited.
    p5b_async_blocks_inline {
        lower! {
            pub async fn f() -> (u32, String) {
                let t = Tracker("moved");
                let s = String::from("s");
                let _k = Tracker("kept");
                let a = async move {
                    step("inner").await;
                    let _t = t;
                    leaf("in", 1).await
                }
                .await;
                let b = async { format!("{}{}", s, leaf("x", 2).await) }.await;
                let c = (async || leaf("cl", 3).await)().await;
                step("end").await;
                (a + c, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Turbofish `collect::<Vec<_>>()`, `let x: Vec<_>` held across awaits, `parse::<u64>`.
    p5b_turbofish_partial_types {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<String>, usize, std::collections::BTreeMap<u32, &'static str>, u64) {
                let v = leaf("v", vec![3, 1, 2]).await.into_iter().map(|x| x * 2).collect::<Vec<_>>();
                let s: Vec<_> = v.iter().map(|x| x.to_string()).collect();
                step("s").await;
                let n = "1,2,3".split(',').map(str::parse::<u32>).collect::<Result<Vec<_>, _>>().unwrap().len();
                let m: std::collections::BTreeMap<_, _> = v.iter().copied().zip(["a", "b", "c"]).collect();
                step("t").await;
                let p = leaf("p", "42").await.parse::<u64>().unwrap();
                (v, s, n, m, p)
            }
        }
    }
    run { f() }
}

twin! {
    /// `const`, `static`, nested `fn`, local `struct` with an inherent `impl`, local `enum`.
    p5b_items_in_body {
        lower! {
            pub async fn f(n: u32) -> u32 {
                const K: u32 = 7;
                static NAME: &str = "st";
                fn helper(x: u32) -> u32 {
                    x * K
                }
                let a = helper(leaf("a", n).await);
                step("s").await;
                struct Local(u32);
                impl Local {
                    fn get(&self) -> u32 {
                        self.0 + K
                    }
                }
                let l = Local(leaf("l", a).await);
                step("t").await;
                enum Mode {
                    X,
                    Y,
                }
                let m = if l.get() > 10 { Mode::X } else { Mode::Y };
                step("u").await;
                match m {
                    Mode::X => l.get() + NAME.len() as u32,
                    Mode::Y => 0,
                }
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// A local type with a `Drop` impl and a local trait implemented for `u32`, in the body.
    p5b_local_drop_impl_and_trait {
        lower! {
            pub async fn f() -> u32 {
                struct Guard(&'static str);
                impl Drop for Guard {
                    fn drop(&mut self) {
                        log(format!("guard {}", self.0));
                    }
                }
                trait Twice {
                    fn twice(&self) -> u32;
                }
                impl Twice for u32 {
                    fn twice(&self) -> u32 {
                        self * 2
                    }
                }
                let _g = Guard("outer");
                let x = leaf("x", 4).await.twice();
                {
                    let _h = Guard("inner");
                    step("s").await;
                }
                let _z = Guard("last");
                step("t").await;
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// `let else` with a slice pattern in a loop, `continue` and `break` in the `else`.
    p5b_let_else_in_loop {
        lower! {
            pub async fn f(items: Vec<Vec<u32>>) -> u32 {
                let mut total = 0;
                let _g = Tracker("g");
                for it in items {
                    let _t = Tracker("iter");
                    let [first, .., last] = leaf("it", it).await[..] else {
                        step("skip").await;
                        continue;
                    };
                    total += first * 10 + last;
                    let Some(x) = leaf("c", (total < 100).then_some(total)).await else { break };
                    log(format!("x {x}"));
                }
                total
            }
        }
    }
    run { f(vec![vec![1, 2, 3], vec![], vec![4], vec![9, 9], vec![1, 1]]) }
}

twin! {
    /// Edition 2024 `if let` rescoping: the scrutinee's temporary drops before `else`.
    p5b_if_let_temporary_rescope {
        lower! {
            pub async fn f(flag: bool) -> &'static str {
                if let Some(n) = leaf("a", Some(Tracker("tmp"))).await.as_ref().filter(|_| flag).map(|t| t.name()) {
                    step("then").await;
                    n
                } else if let Some(m) = leaf("b", Some(Tracker("tmp2"))).await.as_ref().map(|t| t.name()) {
                    step("else-if").await;
                    m
                } else {
                    "none"
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Edition 2024 tail-expression temporaries drop before the block's locals.
    p5b_tail_expr_temporary {
        lower! {
            pub async fn f() -> usize {
                let n = {
                    let _local = Tracker("local");
                    step("s").await;
                    leaf("x", Tracker("tmp")).await.name().len()
                };
                step("t").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(top) = stack.pop()` pushing awaited values back.
    p5b_while_let_stack {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut stack = vec![3u32];
                let mut out = Vec::new();
                let _g = Tracker("g");
                while let Some(top) = stack.pop() {
                    let _t = Tracker("iter");
                    out.push(top);
                    if top > 0 {
                        stack.push(leaf("push", top - 1).await);
                        if top == 2 {
                            stack.push(leaf("extra", 0).await);
                        }
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Labelled loops: `continue 'outer` and `break 'outer value` from inside a match on an await.
    p5b_labeled_loops {
        lower! {
            pub async fn f() -> (u32, Vec<(u32, u32)>) {
                let mut seen = Vec::new();
                let mut round = 0u32;
                let r = 'outer: loop {
                    round += 1;
                    let _o = Tracker("outer");
                    for i in 0..3u32 {
                        let _i = Tracker("i");
                        let mut j = 0;
                        'inner: loop {
                            let _j = Tracker("j");
                            j += 1;
                            match leaf("m", i * 10 + j).await {
                                2 => continue 'inner,
                                3 => break 'inner,
                                12 if round == 1 => continue 'outer,
                                21 if round == 2 => break 'outer j + 100,
                                v => seen.push((i, v)),
                            }
                            if j > 3 {
                                break;
                            }
                        }
                    }
                    break 0;
                };
                (r, seen)
            }
        }
    }
    run { f() }
}

twin! {
    /// An assignment `v[i.await] = Tracker::new(..)` whose index is out of bounds: the value
    /// is built first, then dropped during the panic.
    p5b_index_assign_oob_panic {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker("v0")];
                let _g = Tracker("g");
                v[leaf("oob", 3).await] = Tracker::new("newval");
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Field assignment drops the old value at the assignment; shadowed locals stay alive.
    p5b_field_assign_and_shadowing {
        pub struct S {
            pub t: Tracker,
            pub n: u32,
        }
        lower! {
            pub async fn f() -> (u32, &'static str) {
                let mut s = S { t: Tracker("old"), n: 1 };
                s.t = leaf("t", Tracker("new")).await;
                log("assigned");
                let x = leaf("x", 1).await;
                let x = x + leaf("x2", 2).await;
                let t = Tracker("shadow-a");
                let t = Tracker(if t.name().len() > 3 { "shadow-b" } else { "short" });
                step("s").await;
                s.n += x;
                (s.n, t.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// `match &x.await { .. }`: the scrutinee temporary lives through an arm that awaits.
    p5b_match_ref_of_await {
        lower! {
            pub async fn f() -> &'static str {
                let _g = Tracker("g");
                let r = match &leaf("x", Tracker("m")).await {
                    t if t.name() == "m" => {
                        step("arm").await;
                        t.name()
                    }
                    _ => "other",
                };
                log("after match");
                step("t").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested tuple destructuring of awaited values, struct pattern with `ref` and `..`.
    p5b_destructuring {
        pub struct W {
            pub a: Tracker,
            pub b: Tracker,
            pub n: u32,
        }
        lower! {
            pub async fn f() -> (u32, u32, &'static str, u32) {
                let (a, (b, _c)) = (leaf("a", 1).await, (leaf("b", 2).await, leaf("c", Tracker("c")).await));
                let w = W { a: Tracker("wa"), b: Tracker("wb"), n: 7 };
                let W { ref a, n, .. } = w;
                step("s").await;
                let (_, second) = leaf("pair", (Tracker("dropped-now"), 5u32)).await;
                step("t").await;
                (a.name().len() as u32 + b, n, w.b.name(), second + _c.name().len() as u32 + a.name().len() as u32)
            }
        }
    }
    run { f() }
}

// ---- Minimization of the failures found above, and more bodies. ----

twin! {
    p5b_min_assert_msg_eager {
        lower! {
            pub async fn f() -> u32 {
                step("before").await;
                assert!(true, "{}", leaf("msg", 1).await);
                0
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_assert_eq_msg_eager {
        lower! {
            pub async fn f() -> u32 {
                step("before").await;
                assert_eq!(1, 1, "{}", leaf("msg", 1).await);
                0
            }
        }
    }
    run { f() }
}

twin! {
    /// Short-circuit inside `assert!`'s condition.
    p5b_assert_short_circuit_cond {
        lower! {
            pub async fn f() -> u32 {
                assert!(leaf("a", true).await || leaf("b", false).await);
                assert!(!(leaf("c", false).await && leaf("d", true).await));
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// An await in the guard of `matches!`.
    p5b_matches_guard_await {
        lower! {
            pub async fn f(o: Option<u32>) -> bool {
                let _t = Tracker("t");
                matches!(o, Some(x) if leaf("g", x > 1).await)
            }
        }
    }
    run { pair(f(Some(2)), f(None)) }
}

twin! {
    /// A conditional await inside `format!` arguments.
    p5b_format_conditional_await {
        lower! {
            pub async fn f(c: bool) -> String {
                format!("{}-{}", if c { leaf("a", 1).await } else { leaf("b", 2).await }, leaf("z", 0).await)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    p5b_min_ref_of_await_extended {
        lower! {
            pub async fn f() -> u32 {
                let r = &leaf("r", 5u32).await;
                step("s").await;
                *r
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_ref_of_await_not_across {
        lower! {
            pub async fn f() -> u32 {
                step("s").await;
                let r = &leaf("r", 5u32).await;
                *r
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_ref_of_call_extended {
        lower! {
            pub async fn f() -> u32 {
                let r = &val("r", 5u32);
                step("s").await;
                *r
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_raw_ident_param {
        lower! {
            pub async fn f(r#type: u32) -> u32 {
                step("s").await;
                r#type
            }
        }
    }
    run { f(3) }
}

twin! {
    p5b_min_raw_ident_local {
        lower! {
            pub async fn f() -> u32 {
                let r#type = leaf("t", 3).await;
                step("s").await;
                r#type
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_raw_ident_field {
        pub struct K {
            pub r#type: u32,
        }
        lower! {
            pub async fn f() -> u32 {
                let k = K { r#type: leaf("k", 3).await };
                step("s").await;
                k.r#type
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_or_pattern_swapped {
        lower! {
            pub async fn f(e: Result<(u32, &'static str), (&'static str, u32)>) -> u32 {
                match e {
                    Ok((n, s)) | Err((s, n)) => {
                        step(s).await;
                        n
                    }
                }
            }
        }
    }
    run { pair(f(Ok((1, "a"))), f(Err(("b", 2)))) }
}

twin! {
    p5b_min_or_pattern_same_order {
        lower! {
            pub async fn f(e: Result<u32, u32>) -> u32 {
                match e {
                    Ok(n) | Err(n) => {
                        step("s").await;
                        n
                    }
                }
            }
        }
    }
    run { pair(f(Ok(1)), f(Err(2))) }
}

twin! {
    p5b_min_or_pattern_shadowing {
        lower! {
            pub async fn f(e: Result<u32, u32>) -> u32 {
                let n = leaf("n", 10).await;
                let m = match e {
                    Ok(n) | Err(n) => {
                        step("s").await;
                        n
                    }
                };
                n + m
            }
        }
    }
    run { pair(f(Ok(1)), f(Err(2))) }
}

twin! {
    p5b_min_tail_temp_block {
        lower! {
            pub async fn f() -> usize {
                let n = {
                    let _local = Tracker("local");
                    leaf("x", Tracker("tmp")).await.name().len()
                };
                n
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_tail_temp_fn_body {
        lower! {
            pub async fn f() -> usize {
                let _local = Tracker("local");
                leaf("x", Tracker("tmp")).await.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_tail_temp_no_await_in_tail {
        lower! {
            pub async fn f() -> usize {
                let n = {
                    let _local = Tracker("local");
                    step("s").await;
                    Tracker::new("tmp").name().len()
                };
                n
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_raw_ptr_const {
        lower! {
            pub async fn f() -> u32 {
                let x = 5u32;
                let p = &raw const x;
                step("s").await;
                unsafe { *p }
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_addr_of_mut_macro {
        lower! {
            pub async fn f() -> u32 {
                let mut x = 5u32;
                let p = std::ptr::addr_of_mut!(x);
                step("s").await;
                unsafe { *p += 1 };
                x
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_chain_tail_ok {
        pub struct Conn(pub u32, pub Tracker);
        impl Conn {
            lower! {
                pub async fn query(&self, q: u32) -> Result<u32, String> {
                    Ok(leaf("q", q * self.0).await)
                }
            }
        }
        lower! {
            pub async fn connect(n: u32) -> Result<Conn, String> {
                step("connect").await;
                Ok(Conn(n, Tracker("conn")))
            }
        }
        lower! {
            pub async fn go() -> Result<u32, String> {
                Ok(connect(1).await?.query(1).await?)
            }
        }
    }
    run { go() }
}

twin! {
    p5b_min_chain_tail_plain {
        pub struct Conn(pub u32, pub Tracker);
        impl Conn {
            lower! {
                pub async fn query(&self, q: u32) -> u32 {
                    leaf("q", q * self.0).await
                }
            }
        }
        lower! {
            pub async fn connect(n: u32) -> Conn {
                step("connect").await;
                Conn(n, Tracker("conn"))
            }
        }
        lower! {
            pub async fn go() -> u32 {
                connect(1).await.query(1).await
            }
        }
    }
    run { go() }
}

twin! {
    p5b_min_chain_binary_operand {
        pub struct Conn(pub u32, pub Tracker);
        impl Conn {
            lower! {
                pub async fn query(&self, q: u32) -> u32 {
                    leaf("q", q * self.0).await
                }
            }
        }
        lower! {
            pub async fn connect(n: u32) -> Conn {
                step("connect").await;
                Conn(n, Tracker("conn"))
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let v = 1 + connect(1).await.query(1).await;
                v
            }
        }
    }
    run { go() }
}

twin! {
    p5b_min_chain_let {
        pub struct Conn(pub u32, pub Tracker);
        impl Conn {
            lower! {
                pub async fn query(&self, q: u32) -> u32 {
                    leaf("q", q * self.0).await
                }
            }
        }
        lower! {
            pub async fn connect(n: u32) -> Conn {
                step("connect").await;
                Conn(n, Tracker("conn"))
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let v = connect(1).await.query(1).await;
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let` on a `RefCell` borrow-free queue, awaits in the condition's call args.
    p5b_while_let_await_in_scrutinee {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut q = std::collections::VecDeque::from(vec![1u32, 2, 3]);
                let mut out = vec![];
                while let Some(x) = leaf("pop", q.pop_front()).await {
                    let _t = Tracker("iter");
                    if x == 2 {
                        q.push_back(leaf("re", 20).await);
                    }
                    out.push(x);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let ... else if let ...` where the else branch awaits and the first scrutinee holds a
    /// tracker by value (moved into the binding).
    p5b_if_let_binding_moves_tracker {
        lower! {
            pub async fn f(a: Option<Tracker>, b: Option<Tracker>) -> &'static str {
                let _g = Tracker("g");
                if let Some(t) = leaf("a", a).await {
                    step("then").await;
                    t.name()
                } else if let Some(u) = leaf("b", b).await {
                    let n = u.name();
                    drop(u);
                    step("elif").await;
                    n
                } else {
                    step("else").await;
                    "none"
                }
            }
        }
    }
    run { pair(f(Some(Tracker("a1")), Some(Tracker("b1"))), pair(f(None, Some(Tracker("b2"))), f(None, None))) }
}

twin! {
    /// A labelled block inside a loop, `break 'blk` and `continue` mixed, value used after.
    p5b_labeled_block_in_loop {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut out = vec![];
                'l: for i in 0..4u32 {
                    let _t = Tracker("iter");
                    let v = 'b: {
                        if i == 0 {
                            break 'b 100;
                        }
                        let x = leaf("x", i).await;
                        if x == 2 {
                            continue 'l;
                        }
                        if x == 3 {
                            break 'b x * 1000;
                        }
                        step("s").await;
                        x
                    };
                    out.push(v);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `let else` whose initializer has a temporary tracker, else branch panics.
    p5b_let_else_panic_in_else {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker("g");
                let Some(x) = leaf("o", None::<u32>).await.or(None) else {
                    let _e = Tracker("e");
                    step("s").await;
                    panic!("no value {}", leaf("m", 1).await);
                };
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option` combinators and `?` chained: `x.await?.field`, `.ok()?`, `.get(i.await)?`.
    p5b_option_chain {
        pub struct Node {
            pub next: Option<Box<Node>>,
            pub val: u32,
        }
        lower! {
            pub async fn f(v: Vec<u32>, s: &'static str) -> Option<u32> {
                let _g = Tracker("g");
                let n = Node { next: Some(Box::new(Node { next: None, val: 5 })), val: 1 };
                let a = leaf("n", n).await.next?.val;
                let b = *v.get(leaf("i", 1).await)?;
                let c: u32 = leaf("s", s).await.parse().ok()?;
                Some(a + b + c)
            }
        }
    }
    run { pair(f(vec![1, 2], "3"), pair(f(vec![1], "3"), f(vec![1, 2], "x"))) }
}

// Known gap: a local in a frame slot moved into an `async move` block that is awaited at once: the block is built where the slot's guard is not in scope.
#[cfg(feature = "known-gaps")]
twin! {
    /// Nested `async move` blocks awaited inside match arms and as a call argument.
    p5b_async_block_nested {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker("t");
                let r = match n {
                    0 => async move {
                        let _t = t;
                        step("zero").await;
                        0
                    }
                    .await,
                    k => std::convert::identity(async { leaf("k", k).await + t.name().len() as u32 }.await),
                };
                step("end").await;
                r
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// A local `impl Trait for LocalStruct` and a generic local fn used with awaited values.
    p5b_local_generic_fn_and_trait {
        lower! {
            pub async fn f() -> String {
                trait Describe {
                    fn describe(&self) -> String;
                }
                struct Item<T>(T);
                impl<T: std::fmt::Debug> Describe for Item<T> {
                    fn describe(&self) -> String {
                        format!("item {:?}", self.0)
                    }
                }
                fn both<A: Describe, B: Describe>(a: &A, b: &B) -> String {
                    a.describe() + " & " + &b.describe()
                }
                let a = Item(leaf("a", 1u8).await);
                let b = Item(leaf("b", Tracker("bt")).await);
                step("s").await;
                both(&a, &b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Closures capturing by `move` and by ref, called between awaits, one `FnMut` counter.
    p5b_fnmut_counter_across_awaits {
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut count = 0;
                let mut bump = |by: u32| {
                    count += by;
                    count
                };
                let mut seen = vec![];
                seen.push(bump(leaf("a", 1).await));
                step("s").await;
                seen.push(bump(leaf("b", 2).await));
                drop(bump);
                (count, seen)
            }
        }
    }
    run { f() }
}

twin! {
    /// Unary minus on a float and on wrapping ops, `!` on an integer, `*&x.await`.
    p5b_unary_misc {
        lower! {
            pub async fn f() -> (f64, i8, u16, u32, bool) {
                let a = -leaf("a", 1.5f64).await;
                let b = leaf("b", -128i8).await.wrapping_neg();
                let c = !leaf("c", 0xF0F0u16).await;
                let d = *&leaf("d", 9u32).await;
                let e = !!leaf("e", true).await;
                (a, b, c, d, e)
            }
        }
    }
    run { f() }
}

twin! {
    /// `-x.await` overflowing (`i32::MIN`) panics with a tracker alive.
    p5b_neg_overflow_panic {
        lower! {
            pub async fn f() -> i32 {
                let _t = Tracker("t");
                let x = -leaf("x", i32::MIN).await;
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// An index out of bounds with an awaited index in an expression, trackers alive.
    p5b_index_oob_read_panic {
        lower! {
            pub async fn f() -> u32 {
                let v = vec![1u32];
                let _t = Tracker("t");
                let x = val("lhs", 1) + v[leaf("i", 5).await];
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct literal with shorthand fields from locals that lived across awaits, and a
    /// tuple struct built from a method on an awaited value.
    p5b_struct_shorthand_across {
        #[derive(Debug)]
        pub struct Cfg {
            pub name: String,
            pub guard: Tracker,
            pub port: u16,
        }
        lower! {
            pub async fn f() -> (Cfg, P5Pair) {
                let name = leaf("name", String::from("srv")).await;
                let guard = Tracker("guard");
                step("s").await;
                let port = leaf("port", 80u16).await;
                let c = Cfg { port, name, guard };
                let p = P5Pair(Tracker("pt"), leaf("len", c.name.clone()).await.len() as u32);
                (c, p)
            }
        }
    }
    run { f() }
}

// ---- Third batch. ----

// Known gap: a local moved into an awaited `async move` block on one path only drops at the await on the other path.
#[cfg(feature = "known-gaps")]
twin! {
    p5b_min_async_move_conditional {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker("t");
                if n == 0 {
                    async move {
                        let _t = t;
                    }
                    .await;
                }
                step("s").await;
                n
            }
        }
    }
    run { pair(f(0), f(1)) }
}

// Known gap: as p5b_async_block_nested.
#[cfg(feature = "known-gaps")]
twin! {
    p5b_min_async_move_match_arms {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker("t");
                let r = match n {
                    0 => async move {
                        let _t = t;
                        0
                    }
                    .await,
                    k => async { k + t.name().len() as u32 }.await,
                };
                step("end").await;
                r
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    p5b_min_closure_move_conditional {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker("t");
                if n == 0 {
                    let c = move || drop(t);
                    c();
                }
                step("s").await;
                n
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    p5b_min_chain_tail_ok_no_q {
        pub struct Conn(pub u32, pub Tracker);
        impl Conn {
            lower! {
                pub async fn query(&self, q: u32) -> u32 {
                    leaf("q", q * self.0).await
                }
            }
        }
        lower! {
            pub async fn connect(n: u32) -> Conn {
                step("connect").await;
                Conn(n, Tracker("conn"))
            }
        }
        lower! {
            pub async fn go() -> Option<u32> {
                Some(connect(1).await.query(1).await)
            }
        }
    }
    run { go() }
}

twin! {
    p5b_min_chain_tail_q_only {
        pub struct Conn(pub u32, pub Tracker);
        impl Conn {
            lower! {
                pub async fn query(&self, q: u32) -> u32 {
                    leaf("q", q * self.0).await
                }
            }
        }
        lower! {
            pub async fn connect(n: u32) -> Option<Conn> {
                step("connect").await;
                Some(Conn(n, Tracker("conn")))
            }
        }
        lower! {
            pub async fn go() -> Option<u32> {
                let v = connect(1).await?.query(1).await;
                Some(v)
            }
        }
    }
    run { go() }
}

twin! {
    p5b_min_chain_let_ok_wrap {
        pub struct Conn(pub u32, pub Tracker);
        impl Conn {
            lower! {
                pub async fn query(&self, q: u32) -> u32 {
                    leaf("q", q * self.0).await
                }
            }
        }
        lower! {
            pub async fn connect(n: u32) -> Conn {
                step("connect").await;
                Conn(n, Tracker("conn"))
            }
        }
        lower! {
            pub async fn go() -> Option<u32> {
                let v = Some(connect(1).await.query(1).await);
                v
            }
        }
    }
    run { go() }
}

twin! {
    p5b_min_temp_receiver_in_call_arg {
        lower! {
            pub async fn f() -> Option<usize> {
                Some(leaf("a", Tracker("tmp")).await.name().len() + leaf("b", 1).await)
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_temp_receiver_in_let_call_arg {
        lower! {
            pub async fn f() -> Option<usize> {
                let v = Some(leaf("a", Tracker("tmp")).await.name().len() + leaf("b", 1).await);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Edition 2024 let chains: `if let .. && cond && let ..` with awaits in each part.
    p5b_let_chains {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<u32>) -> u32 {
                let _g = Tracker("g");
                if let Some(x) = leaf("a", a).await
                    && x > 1
                    && let Some(y) = leaf("b", b).await
                    && leaf("c", x + y).await > 4
                {
                    step("then").await;
                    x * y
                } else {
                    step("else").await;
                    0
                }
            }
        }
    }
    run { pair(pair(f(Some(2), Some(3)), f(Some(1), Some(9))), pair(f(Some(2), None), f(Some(2), Some(1)))) }
}

twin! {
    /// Edition 2024 let chains in `while`.
    p5b_while_let_chain {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3, 10, 4];
                let mut out = vec![];
                while let Some(x) = v.pop()
                    && leaf("c", x < 10).await
                {
                    let _t = Tracker("iter");
                    out.push(leaf("x", x).await);
                }
                out
            }
        }
    }
    run { f() }
}

// Known gap: a `macro_rules!` declared in the body that names a local of the body: declarations are moved out of the body (E0425).
#[cfg(feature = "known-gaps")]
twin! {
    /// A local `macro_rules!` (no await inside) that names a local bound before it, used after an await.
    p5b_local_macro_captures_local {
        lower! {
            pub async fn f() -> u32 {
                let x = leaf("x", 4).await;
                macro_rules! show {
                    () => {
                        x + 1
                    };
                }
                step("s").await;
                show!()
            }
        }
    }
    run { f() }
}

twin! {
    /// A local `macro_rules!` without awaits, called with locals that live across awaits.
    p5b_local_macro_args {
        lower! {
            pub async fn f() -> u32 {
                macro_rules! sq {
                    ($e:expr) => {
                        $e * $e
                    };
                }
                let y = leaf("y", 3).await;
                let t = Tracker("t");
                step("s").await;
                let r = sq!(y) + sq!(t.name().len() as u32);
                step("u").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A nested `async fn` item inside the body: its awaits are its own.
    p5b_nested_async_fn_item {
        lower! {
            pub async fn f() -> u32 {
                async fn inner(n: u32) -> u32 {
                    let _t = Tracker("inner");
                    step("inner").await;
                    leaf("in", n).await + 1
                }
                let a = leaf("a", 1).await;
                let b = inner(a).await;
                step("s").await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// An `impl` block with an `async fn` inside the body.
    p5b_nested_impl_async_method {
        lower! {
            pub async fn f() -> u32 {
                struct Counter(u32);
                impl Counter {
                    async fn bump(&mut self) -> u32 {
                        step("bump").await;
                        self.0 += 1;
                        self.0
                    }
                }
                let mut c = Counter(leaf("c", 5).await);
                c.bump().await;
                let t = Tracker("t");
                step("s").await;
                c.bump().await + t.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A future built by an `async move` block, held across another await, awaited later.
    p5b_async_block_stored {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("t");
                let fut = async move {
                    step("in-fut").await;
                    t.name().len() as u32
                };
                let _u = Tracker("u");
                let a = leaf("a", 1).await;
                a + fut.await
            }
        }
    }
    run { f() }
}

twin! {
    /// Deferred initialization `let x;` assigned from awaits in branches; `let v: [_; 3]`.
    p5b_deferred_init {
        lower! {
            pub async fn f(c: bool) -> (u32, Tracker, [u8; 3]) {
                let x;
                let t: Tracker;
                if c {
                    x = leaf("a", 1).await;
                    t = Tracker("ta");
                } else {
                    t = leaf("tb", Tracker("tb")).await;
                    x = leaf("b", 2).await;
                }
                let v: [_; 3] = [leaf("v", 1u8).await; 3];
                step("s").await;
                (x, t, v)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Or-pattern in `let` and in `if let` on awaited results.
    p5b_or_pattern_let {
        lower! {
            pub async fn f(r: Result<u32, u32>) -> u32 {
                let (Ok(n) | Err(n)) = leaf("r", r).await;
                step("s").await;
                n
            }
        }
    }
    run { pair(f(Ok(1)), f(Err(2))) }
}

twin! {
    /// Or-pattern with no bindings in a `match` on an awaited value, then arms that await.
    p5b_or_pattern_no_bindings {
        lower! {
            pub async fn f(n: u32) -> &'static str {
                match leaf("n", n).await {
                    1 | 2 | 3 => {
                        step("small").await;
                        "small"
                    }
                    4..=9 | 100 => "mid",
                    _ => "big",
                }
            }
        }
    }
    run { pair(f(2), pair(f(100), f(50))) }
}

twin! {
    /// `for (i, t) in leaf(..).await.iter().enumerate()`: the temporary vec lives through the loop.
    p5b_for_over_awaited_temp {
        lower! {
            pub async fn f() -> usize {
                let mut n = 0;
                for (i, t) in leaf("v", vec![Tracker("a"), Tracker("b")]).await.iter().enumerate() {
                    step(t.name()).await;
                    n += i + t.name().len();
                }
                log("after loop");
                for t in leaf("w", vec![Tracker("c"), Tracker("d")]).await {
                    step("w").await;
                    drop(t);
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Compound assignment with awaits on both sides of an indexed primitive place.
    p5b_compound_assign_both_sides_await {
        pub struct H {
            pub arr: [u32; 3],
        }
        lower! {
            pub async fn f(r: &mut u32) -> ([u32; 3], u32, (u32, i64)) {
                let mut h = H { arr: [1, 2, 3] };
                h.arr[leaf("i", 1).await] += leaf("x", 10).await;
                *leaf("r", &mut *r).await += leaf("v", 5).await;
                let mut t = (1u32, -1i64);
                t.0 = leaf("t0", 7).await;
                t.1 *= leaf("t1", -3).await;
                (h.arr, *r, t)
            }
        }
    }
    run { f(leak(1)) }
}

twin! {
    /// `write!(s, ..)?` into a `String` returning `fmt::Result`, awaits in the arguments.
    p5b_write_question {
        lower! {
            pub async fn f() -> Result<String, std::fmt::Error> {
                use std::fmt::Write;
                let mut s = String::new();
                write!(s, "{}", leaf("a", 1).await)?;
                write!(&mut s, "-{:>3}-", leaf("b", "x").await)?;
                writeln!(s, "{:?}", leaf("c", Tracker("c")).await)?;
                Ok(s)
            }
        }
    }
    run { f() }
}

twin! {
    /// `const` block, const used as an array length, `use` items and a fn pointer across awaits.
    p5b_const_block_and_use {
        lower! {
            pub async fn f() -> (usize, [u32; 2], u32) {
                use std::collections::HashMap as Map;
                const N: usize = 2;
                fn double(x: u32) -> u32 {
                    x * 2
                }
                let g: fn(u32) -> u32 = double;
                let a = [leaf("a", 3u32).await; N];
                let mut m: Map<u32, u32> = Map::new();
                m.insert(1, leaf("m", 5).await);
                step("s").await;
                let k = const { 7 * 6 } + m.len();
                (k, a, g(m[&1]))
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure called immediately with an awaited argument, and one that returns a closure.
    p5b_iife_closures {
        lower! {
            pub async fn f() -> u32 {
                let a = (|x: u32| x + 1)(leaf("a", 1).await);
                let t = Tracker("t");
                let mk = |k: u32| move |x: u32| x * k + t.name().len() as u32;
                let g = mk(leaf("k", 3).await);
                step("s").await;
                g(a) + (|| leaf("z", 0))().await
            }
        }
    }
    run { f() }
}

twin! {
    /// `match` on `x.await as u8` and `x.await as char`, cast in a comparison.
    p5b_match_on_cast {
        lower! {
            pub async fn f(n: u32) -> (char, &'static str) {
                let c = leaf("c", 97u8).await as char;
                let s = match leaf("n", n).await as u8 {
                    0 => "zero",
                    1..=9 => "digit",
                    _ => "more",
                };
                if leaf("neg", -1i32).await as i64 > 0 {
                    return ('x', "never");
                }
                (c, s)
            }
        }
    }
    run { pair(f(5), f(300)) }
}

// ---- Fourth batch: minimizations and a few more. ----

twin! {
    p5b_min_temp_in_binop {
        lower! {
            pub async fn f() -> usize {
                let n = leaf("a", Tracker("tmp")).await.name().len() + leaf("b", 1).await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_temp_in_binop_nonawait_first {
        lower! {
            pub async fn f() -> usize {
                let n = Tracker::new("tmp").name().len() + leaf("b", 1).await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_chain_question_receiver {
        pub struct Conn(pub u32);
        impl Conn {
            pub async fn query(&self) -> u32 {
                leaf("q", self.0).await
            }
        }
        lower! {
            pub async fn go() -> Option<u32> {
                let v = leaf("c", Some(Conn(1))).await?.query().await;
                Some(v)
            }
        }
    }
    run { go() }
}

twin! {
    p5b_min_chain_question_receiver_sync {
        pub struct Conn(pub u32);
        impl Conn {
            pub fn get(&self) -> u32 {
                self.0
            }
        }
        lower! {
            pub async fn go() -> Option<u32> {
                let v = leaf("c", Some(Conn(1))).await?.get() + leaf("d", 1).await;
                Some(v)
            }
        }
    }
    run { go() }
}

twin! {
    p5b_min_for_over_awaited_temp {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 0;
                for x in leaf("v", vec![1u32, 2]).await.iter() {
                    step("s").await;
                    n += x;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_while_let_chain {
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![1u32, 2];
                let mut n = 0;
                while let Some(x) = v.pop()
                    && leaf("c", x < 10).await
                {
                    n += x;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_while_and_await {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 0;
                while n < 3 && leaf("c", true).await {
                    n += 1;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_fnonce_callee_awaited_arg {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("t");
                let c = move |x: u32| {
                    drop(t);
                    x
                };
                c(leaf("a", 1).await)
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_user_macro_arg_drop {
        lower! {
            pub async fn f() -> usize {
                macro_rules! id {
                    ($e:expr) => {
                        $e
                    };
                }
                let t = Tracker("t");
                step("s").await;
                let n = id!(t.name().len());
                step("u").await;
                n
            }
        }
    }
    run { f() }
}

// Known gap: a local moved into an `async move` block in one branch and borrowed by an `async` block in the other (E0597).
#[cfg(feature = "known-gaps")]
twin! {
    p5b_min_move_and_borrow_in_async_blocks {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker("t");
                if n == 0 {
                    async move { drop(t) }.await;
                } else {
                    async { log(t.name()) }.await;
                }
                step("s").await;
                n
            }
        }
    }
    run { pair(f(0), f(1)) }
}

// Known gap: a local moved into a `move` closure in one branch and borrowed by a closure in the other drops at the await.
#[cfg(feature = "known-gaps")]
twin! {
    p5b_min_move_and_borrow_in_closures {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker("t");
                if n == 0 {
                    (move || drop(t))();
                } else {
                    (|| log(t.name()))();
                }
                step("s").await;
                n
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// `if let Some(ref mut v) = x.await` on a temporary, pushing awaited values into it.
    p5b_ref_mut_on_temporary {
        lower! {
            pub async fn f() -> usize {
                let _g = Tracker("g");
                if let Some(ref mut v) = leaf("o", Some(vec![Tracker("v0")])).await {
                    v.push(leaf("p", Tracker("v1")).await);
                    step("s").await;
                    v.len()
                } else {
                    0
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `whole @ Some(inner)` bindings and a match on a tuple of awaits.
    p5b_at_subpattern_tuple_match {
        lower! {
            pub async fn f(a: Option<u32>, b: u32) -> String {
                let s = match (leaf("a", a).await, leaf("b", b).await) {
                    (whole @ Some(inner @ 1..=5), k) => {
                        step("in").await;
                        format!("{whole:?} {inner} {k}")
                    }
                    (None, 0) => String::from("none-zero"),
                    (o, k @ (1 | 2)) => format!("{o:?} small {k}"),
                    _ => String::from("other"),
                };
                s
            }
        }
    }
    run { pair(pair(f(Some(3), 1), f(None, 0)), pair(f(Some(9), 2), f(Some(9), 7))) }
}

// ---- Fifth batch: minimizations. ----

twin! {
    p5b_min_ref_binding_temp_match {
        lower! {
            pub async fn f() -> u32 {
                match leaf("o", Some(1u32)).await {
                    Some(ref v) => {
                        step("s").await;
                        *v
                    }
                    None => 0,
                }
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_ref_binding_temp_if_let {
        lower! {
            pub async fn f() -> u32 {
                if let Some(ref v) = leaf("o", Some(1u32)).await {
                    step("s").await;
                    *v
                } else {
                    0
                }
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_closure_returning_move_closure {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("t");
                let mk = |k: u32| move |x: u32| x * k + t.name().len() as u32;
                let g = mk(leaf("k", 3).await);
                g(1)
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_iife_returning_future {
        lower! {
            pub async fn f() -> u32 {
                (|| leaf("z", 0))().await
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_for_over_awaited_vec_by_value {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 0;
                for x in leaf("v", vec![1u32, 2]).await {
                    step("s").await;
                    n += x;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_while_let_await_first_then_cond {
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![1u32, 2];
                let mut n = 0;
                while let Some(x) = leaf("p", v.pop()).await
                    && x < 10
                {
                    n += x;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_if_let_chain_await_second {
        lower! {
            pub async fn f(o: Option<u32>) -> u32 {
                if let Some(x) = o
                    && leaf("c", x < 10).await
                {
                    x
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    p5b_min_closure_returning_move_closure_across {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("t");
                let mk = |k: u32| move |x: u32| x * k + t.name().len() as u32;
                let g = mk(1);
                step("s").await;
                g(1)
            }
        }
    }
    run { f() }
}

twin! {
    p5b_min_question_receiver_no_await_before {
        pub struct Conn(pub u32);
        impl Conn {
            pub async fn query(&self) -> u32 {
                leaf("q", self.0).await
            }
        }
        lower! {
            pub async fn go() -> Option<u32> {
                let v = val("c", Some(Conn(1)))?.query().await;
                Some(v)
            }
        }
    }
    run { go() }
}

twin! {
    p5b_min_await_receiver_then_await_method {
        pub struct Conn(pub u32);
        impl Conn {
            pub async fn query(&self) -> u32 {
                leaf("q", self.0).await
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let v = leaf("c", Conn(1)).await.query().await;
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// A failing assertion whose message awaits: the message is awaited, and the panic text
    /// is std's.
    p5b_failing_assert_message {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _t = Tracker("t");
                if k == 0 {
                    assert!(k > 5, "k was {}", leaf("msg", k).await);
                } else if k == 1 {
                    assert_eq!(k, leaf("two", 2).await, "eq {}", leaf("m", 1).await);
                } else {
                    assert_ne!(k, 2, "ne {}", leaf("m", 2).await);
                }
                k
            }
        }
    }
    run { f(0) }
}

twin! {
    /// A failing assertion whose message awaits: the message is awaited, and the panic text
    /// is std's.
    p5b_failing_assert_eq_message {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _t = Tracker("t");
                if k == 0 {
                    assert!(k > 5, "k was {}", leaf("msg", k).await);
                } else if k == 1 {
                    assert_eq!(k, leaf("two", 2).await, "eq {}", leaf("m", 1).await);
                } else {
                    assert_ne!(k, 2, "ne {}", leaf("m", 2).await);
                }
                k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A failing assertion whose message awaits: the message is awaited, and the panic text
    /// is std's.
    p5b_failing_assert_ne_message {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _t = Tracker("t");
                if k == 0 {
                    assert!(k > 5, "k was {}", leaf("msg", k).await);
                } else if k == 1 {
                    assert_eq!(k, leaf("two", 2).await, "eq {}", leaf("m", 1).await);
                } else {
                    assert_ne!(k, 2, "ne {}", leaf("m", 2).await);
                }
                k
            }
        }
    }
    run { f(2) }
}
