//! Probe round 36b: library-shaped generic code: generic lowered fns with bounds and where
//! clauses, `impl Trait` arguments and lifetimes, `async fn` in (generic) traits with
//! lowered impls, associated types and consts and default methods, closures passed in and
//! called between awaits, iterator adaptors held across awaits, builders with awaits in
//! argument position, `Option`/`Result` combinators, `Rc<RefCell<..>>`/`Cell` shared
//! state, slice / `@` / `ref` / `let else` / labelled-block patterns, and trait objects.
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::{Cell, RefCell};
#[allow(unused_imports)]
use std::collections::BTreeMap;
#[allow(unused_imports)]
use std::fmt::{Debug, Display};
#[allow(unused_imports)]
use std::rc::Rc;

twin! {
    /// A generic fn with a where clause, holding a `T` and a `Tracker` across awaits.
    p36b_generic_where_clause {
        lower! {
            pub async fn describe_all<T, I>(items: I, guard: Tracker) -> Vec<String>
            where
                I: IntoIterator<Item = T>,
                T: Debug + Clone,
            {
                let mut out = Vec::new();
                for item in items {
                    let copy = item.clone();
                    step("item").await;
                    out.push(format!("{copy:?}/{}", guard.name()));
                }
                drop(guard);
                step("tail").await;
                out
            }
        }
    }
    run { describe_all(vec![1u8, 2, 3], Tracker::new("g")) }
}

twin! {
    /// `impl Into<String>` and `impl AsRef<str>` arguments converted after an await.
    p36b_impl_into_asref {
        lower! {
            pub async fn greet(name: impl Into<String>, suffix: impl AsRef<str>, t: Tracker) -> String {
                let n = leaf("n", 2usize).await;
                let mut s: String = name.into();
                s.push_str(suffix.as_ref());
                let rep = s.repeat(n);
                step(t.name()).await;
                rep
            }
        }
    }
    run { greet("ab", String::from("!"), Tracker::new("t")) }
}

twin! {
    /// `impl Fn` argument called between awaits, with a borrowed lifetime param.
    p36b_impl_fn_between_awaits {
        lower! {
            pub async fn map_each<'a>(xs: &'a [u32], f: impl Fn(u32) -> u32, t: Tracker) -> (Vec<u32>, &'a u32) {
                let mut out = Vec::with_capacity(xs.len());
                for x in xs {
                    let y = f(*x);
                    let z = leaf("z", y).await;
                    out.push(f(z));
                }
                let _keep = t;
                step("end").await;
                (out, &xs[0])
            }
        }
    }
    run { map_each(leak(vec![1, 2, 3]), |x| x * 2 + 1, Tracker::new("t")) }
}

twin! {
    /// `impl FnMut` accumulating into a captured `Vec` of the caller, called around awaits.
    p36b_impl_fnmut_accumulator {
        lower! {
            pub async fn drive(mut sink: impl FnMut(String), n: u32) -> u32 {
                let g = Tracker::new("g");
                let mut total = 0;
                for i in 0..n {
                    sink(format!("before {i}"));
                    total += leaf("v", i * 10).await;
                    sink(format!("after {i} {}", g.name()));
                }
                total
            }
        }
        pub fn run_it() -> impl Future<Output = u32> {
            let t = Tracker::new("sink");
            drive(move |s| log(format!("{} {s}", t.name())), 3)
        }
    }
    run { run_it() }
}

twin! {
    /// `impl FnOnce` called after awaits, consuming a captured tracker.
    p36b_impl_fnonce_after_await {
        lower! {
            pub async fn finish<R: Debug>(done: impl FnOnce(u32) -> R, a: Tracker) -> R {
                let x = leaf("x", 4).await;
                let y = leaf(a.name(), 5).await;
                let r = done(x + y);
                step("post").await;
                r
            }
        }
        pub fn make() -> impl Future<Output = (u32, &'static str)> {
            let cap = Tracker::new("cap");
            finish(move |v| { let n = cap.name(); drop(cap); (v, n) }, Tracker::new("a"))
        }
    }
    run { make() }
}

twin! {
    /// `impl Iterator` argument consumed partially across awaits with `by_ref`.
    p36b_impl_iterator_by_ref {
        lower! {
            pub async fn take_two_then_rest(mut it: impl Iterator<Item = u32>, t: Tracker) -> (u32, u32) {
                let mut head = 0;
                for x in it.by_ref().take(2) {
                    head += leaf("h", x).await;
                }
                step(t.name()).await;
                let mut rest = 0;
                for x in it {
                    rest += leaf("r", x).await;
                }
                (head, rest)
            }
        }
    }
    run { take_two_then_rest(vec![1, 2, 3, 4, 5].into_iter(), Tracker::new("t")) }
}

twin! {
    /// Generic over `T: Default + AddAssign + Copy` with a const generic array.
    p36b_generic_sum_const {
        lower! {
            pub async fn sum_arr<T, const N: usize>(arr: [T; N], g: Tracker) -> T
            where
                T: Default + std::ops::AddAssign + Copy + Debug,
            {
                let mut acc = T::default();
                for (i, x) in arr.iter().enumerate() {
                    if i % 2 == 0 {
                        step("even").await;
                    }
                    acc += *x;
                }
                log(format!("{} {acc:?}", g.name()));
                acc
            }
        }
    }
    run { sum_arr([1i64, 2, 3, 4, 5], Tracker::new("g")) }
}

twin! {
    /// `async fn` in a trait with a lowered impl and a default method calling it.
    p36b_trait_default_calls_lowered {
        pub trait Fetch {
            async fn fetch(&self, k: u32) -> u32;
            async fn fetch_two(&self, a: u32, b: u32) -> u32 {
                self.fetch(a).await + self.fetch(b).await
            }
        }
        pub struct Src(pub Tracker, pub u32);
        impl Fetch for Src {
            lower! {
                async fn fetch(&self, k: u32) -> u32 {
                    let v = leaf(self.0.name(), k * self.1).await;
                    log(format!("fetched {v}"));
                    v
                }
            }
        }
        lower! {
            pub async fn go(s: Src) -> u32 {
                let x = s.fetch_two(1, 2).await;
                let y = s.fetch(x).await;
                y
            }
        }
    }
    run { go(Src(Tracker::new("src"), 3)) }
}

twin! {
    /// A generic trait with an associated type and const, lowered impl using both.
    p36b_trait_assoc_type_const {
        pub trait Codec<In> {
            type Out: Debug;
            const TAG: &'static str;
            async fn encode(&mut self, x: In) -> Self::Out;
        }
        pub struct Doubler { pub seen: Vec<u32>, pub t: Tracker }
        impl Codec<u32> for Doubler {
            type Out = (u32, usize);
            const TAG: &'static str = "dbl";
            lower! {
                async fn encode(&mut self, x: u32) -> (u32, usize) {
                    self.seen.push(x);
                    let y = leaf(Self::TAG, x * 2).await;
                    step(self.t.name()).await;
                    (y, self.seen.len())
                }
            }
        }
        lower! {
            pub async fn run_codec<C: Codec<u32>>(mut c: C, xs: Vec<u32>) -> Vec<C::Out> {
                let mut out = Vec::new();
                for x in xs {
                    out.push(c.encode(x).await);
                }
                log(C::TAG);
                out
            }
        }
    }
    run { run_codec(Doubler { seen: vec![], t: Tracker::new("d") }, vec![1, 2, 3]) }
}

twin! {
    /// A trait `async fn` implemented for a generic type, called through a generic fn.
    p36b_trait_generic_impl_for_vec {
        pub trait Sink {
            async fn put(&mut self, s: String) -> usize;
        }
        pub struct Buf<T: Debug> { pub items: Vec<T>, pub log_as: Tracker }
        impl<T: Debug + From<u8>> Sink for Buf<T> {
            lower! {
                async fn put(&mut self, s: String) -> usize {
                    let n = leaf("len", s.len()).await;
                    self.items.push(T::from(n as u8));
                    log(format!("{} {:?}", self.log_as.name(), self.items));
                    self.items.len()
                }
            }
        }
        lower! {
            pub async fn feed<S: Sink>(sink: &mut S, words: &[&str]) -> usize {
                let mut last = 0;
                for w in words {
                    last = sink.put(w.to_string()).await;
                }
                last
            }
        }
        lower! {
            pub async fn top() -> usize {
                let mut b: Buf<u32> = Buf { items: vec![], log_as: Tracker::new("buf") };
                let n = feed(&mut b, &["a", "bcd", "ef"]).await;
                let m = b.put("zz".into()).await;
                n * 10 + m
            }
        }
    }
    run { top() }
}

twin! {
    /// Closure capturing a lifted local by reference, called after an await.
    p36b_closure_by_ref_lifted {
        lower! {
            pub async fn f() -> u32 {
                let base = Tracker::new("base");
                let k = leaf("k", 7).await;
                let name_len = || base.name().len() as u32 + k;
                let a = name_len();
                step("mid").await;
                let b = name_len();
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `move` closure capturing a lifted tracker, stored and called across awaits.
    p36b_move_closure_across_await {
        lower! {
            pub async fn f() -> String {
                let t = Tracker::new("t");
                let n = leaf("n", 3).await;
                let show = move |i: u32| format!("{}{}", t.name(), i + n);
                let a = show(1);
                step("mid").await;
                let b = show(2);
                drop(show);
                step("after").await;
                a + &b
            }
        }
    }
    run { f() }
}

twin! {
    /// `FnMut` closure mutating a counter local, called between awaits, counter read after.
    p36b_fnmut_counter_local {
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut count = 0u32;
                let _g = Tracker::new("g");
                let mut bump = |by: u32| { count += by; count };
                let a = bump(1);
                let x = leaf("x", 5).await;
                let b = bump(x);
                step("s").await;
                bump(a);
                (b, count)
            }
        }
    }
    run { f() }
}

twin! {
    /// Boxed `dyn Fn` in a `Vec`, iterated with awaits in the loop body.
    p36b_boxed_dyn_fn_vec {
        lower! {
            pub async fn pipeline(start: u32) -> u32 {
                let t = Tracker::new("pipe");
                let stages: Vec<Box<dyn Fn(u32) -> u32>> = vec![
                    Box::new(|x| x + 1),
                    Box::new(move |x| x * 3),
                    Box::new(|x| x - 2),
                ];
                let mut v = start;
                for (i, s) in stages.iter().enumerate() {
                    v = s(leaf("stage", v).await);
                    log(format!("{} {i} {v}", t.name()));
                }
                v
            }
        }
    }
    run { pipeline(4) }
}

twin! {
    /// `Box<dyn FnOnce>` taken out of an `Option` after an await.
    p36b_boxed_fnonce_option_take {
        lower! {
            pub async fn f(mut cb: Option<Box<dyn FnOnce(u32) -> String>>) -> String {
                let x = leaf("x", 9).await;
                let s = match cb.take() {
                    Some(f) => f(x),
                    None => String::new(),
                };
                step("after").await;
                format!("{s} {}", cb.is_none())
            }
        }
        pub fn mk() -> impl Future<Output = String> {
            let t = Tracker::new("cap");
            f(Some(Box::new(move |v| format!("{}={v}", t.name()))))
        }
    }
    run { mk() }
}

twin! {
    /// `peekable` held across awaits, `peek` then `next` in `while let`.
    p36b_peekable_while_let {
        lower! {
            pub async fn groups(v: Vec<u32>) -> Vec<(u32, u32)> {
                let _g = Tracker::new("g");
                let mut it = v.into_iter().peekable();
                let mut out = Vec::new();
                while let Some(x) = it.next() {
                    let mut n = 1;
                    while it.peek() == Some(&x) {
                        it.next();
                        n += 1;
                        step("dup").await;
                    }
                    out.push((leaf("x", x).await, n));
                }
                out
            }
        }
    }
    run { groups(vec![1, 1, 2, 3, 3, 3]) }
}

twin! {
    /// `zip` of two borrowed slices with `enumerate`, await in the loop body.
    p36b_zip_enumerate_await {
        lower! {
            pub async fn dot(a: &[u32], b: &[u32], t: Tracker) -> u32 {
                let mut s = 0;
                for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
                    let p = leaf("p", x * y).await;
                    s += p + i as u32;
                }
                log(t.name());
                s
            }
        }
    }
    run { dot(leak(vec![1, 2, 3]), leak(vec![4, 5, 6, 7]), Tracker::new("t")) }
}

twin! {
    /// `windows` and `chunks` iterators over a local `Vec` of trackers, await per window.
    p36b_windows_chunks_trackers {
        lower! {
            pub async fn f() -> Vec<String> {
                let ts = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d")];
                let mut out = Vec::new();
                for w in ts.windows(2) {
                    step(w[0].name()).await;
                    out.push(format!("{}{}", w[0].name(), w[1].name()));
                }
                for c in ts.chunks(3) {
                    let n = leaf("n", c.len()).await;
                    out.push(n.to_string());
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `rev().step_by(2)` and `skip_while` adaptors held across awaits.
    p36b_rev_step_by_skip_while {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let mut out = Vec::new();
                let t = Tracker::new("t");
                let mut it = (0..n).rev().step_by(2);
                while let Some(x) = it.next() {
                    out.push(leaf("x", x).await);
                }
                for y in out.clone().into_iter().skip_while(|v| *v > 4) {
                    step(t.name()).await;
                    out.push(y * 100);
                }
                out
            }
        }
    }
    run { f(9) }
}

twin! {
    /// Builder with by-value `self` methods and awaits in argument position.
    p36b_builder_await_args {
        #[derive(Debug)]
        pub struct Req { pub url: String, pub retries: u32, pub tag: Option<Tracker> }
        pub struct ReqBuilder { url: String, retries: u32, tag: Option<Tracker> }
        impl ReqBuilder {
            pub fn new() -> Self { log("builder new"); ReqBuilder { url: String::new(), retries: 0, tag: None } }
            pub fn url(mut self, u: &str) -> Self { log(format!("url {u}")); self.url = u.to_string(); self }
            pub fn retries(mut self, n: u32) -> Self { log(format!("retries {n}")); self.retries = n; self }
            pub fn tag(mut self, t: Tracker) -> Self { self.tag = Some(t); self }
            pub fn build(self) -> Req { log("build"); Req { url: self.url, retries: self.retries, tag: self.tag } }
        }
        lower! {
            pub async fn make() -> Req {
                ReqBuilder::new()
                    .url(leaf("u", "http://x").await)
                    .retries(leaf("r", 3).await)
                    .tag(Tracker::new("tag"))
                    .build()
            }
        }
    }
    run { make() }
}

// Known gap: E0382: a by-value builder chain on a temporary, a plain method call first and then two methods whose arguments await (`B::new().a(x).b(y.await).c(z.await)`): the temporary is moved by the first awaiting call and used again
#[cfg(feature = "known-gaps")]
twin! {
    /// Builder holding a tracker, an await in argument position after the tracker is moved in.
    p36b_builder_tracker_then_await {
        #[derive(Debug)]
        pub struct Conf { pub a: Tracker, pub b: u32, pub c: String }
        pub struct B { a: Option<Tracker>, b: u32, c: String }
        impl B {
            pub fn new() -> Self { B { a: None, b: 0, c: String::new() } }
            pub fn a(self, t: Tracker) -> Self { B { a: Some(t), ..self } }
            pub fn b(self, n: u32) -> Self { B { b: n, ..self } }
            pub fn c(self, s: String) -> Self { B { c: s, ..self } }
            pub fn build(self) -> Option<Conf> { Some(Conf { a: self.a?, b: self.b, c: self.c }) }
        }
        lower! {
            pub async fn make() -> Option<Conf> {
                let conf = B::new().a(Tracker::new("a")).b(leaf("b", 2).await).c(format!("{}", leaf("c", 7).await)).build();
                step("post").await;
                conf
            }
        }
    }
    run { make() }
}

twin! {
    /// `Option` combinators around awaited values: `map`, `and_then`, `unwrap_or_else`.
    p36b_option_combinators {
        lower! {
            pub async fn f(x: Option<u32>) -> u32 {
                let g = Tracker::new("g");
                let a = leaf("a", x).await.map(|v| v + 1).and_then(|v| if v > 3 { Some(v * 2) } else { None });
                let b = leaf("b", a).await.unwrap_or_else(|| g.name().len() as u32);
                let c = Some(leaf("c", b).await).filter(|v| *v % 2 == 0).unwrap_or_default();
                b + c
            }
        }
        lower! {
            pub async fn both() -> (u32, u32) {
                (f(Some(5)).await, f(Some(1)).await)
            }
        }
    }
    run { both() }
}

twin! {
    /// `Result` combinators: `ok_or_else`, `map_err`, `?`, and `transpose`.
    p36b_result_combinators_transpose {
        lower! {
            pub async fn parse(s: Option<&str>) -> Result<Option<u32>, String> {
                let _t = Tracker::new("t");
                let raw = leaf("raw", s).await;
                let parsed: Option<Result<u32, String>> = raw.map(|r| r.parse::<u32>().map_err(|e| e.to_string()));
                let v = parsed.transpose()?;
                let w = v.ok_or_else(|| "none".to_string());
                step("after").await;
                match w {
                    Ok(n) => Ok(Some(n + leaf("n", 1).await)),
                    Err(_) => Ok(None),
                }
            }
        }
        lower! {
            pub async fn all() -> Vec<Result<Option<u32>, String>> {
                vec![parse(Some("4")).await, parse(None).await, parse(Some("x")).await]
            }
        }
    }
    run { all() }
}

twin! {
    /// `Rc<RefCell<Vec>>` shared with a clone, borrow guards released before each await.
    p36b_rc_refcell_short_borrows {
        lower! {
            pub async fn f() -> Vec<u32> {
                let shared = Rc::new(RefCell::new(vec![Tracker::new("first")]));
                let other = Rc::clone(&shared);
                let n = leaf("n", 2).await;
                shared.borrow_mut().push(Tracker::new("second"));
                let len = other.borrow().len();
                step("mid").await;
                other.borrow_mut().remove(0);
                drop(other);
                step("end").await;
                vec![n, len as u32, Rc::strong_count(&shared) as u32]
            }
        }
    }
    run { f() }
}

twin! {
    /// `Cell` counter shared by a closure and the body, bumped between awaits.
    p36b_cell_counter_closure {
        lower! {
            pub async fn f() -> u32 {
                let hits = Cell::new(0u32);
                let hit = || hits.set(hits.get() + 1);
                hit();
                let x = leaf("x", 3).await;
                for _ in 0..x {
                    hit();
                    step("s").await;
                }
                hits.get()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `RefCell` borrow held across an await, as native does (a `Ref` guard in a local).
    p36b_refcell_guard_across_await {
        lower! {
            pub async fn f(cell: Rc<RefCell<Vec<Tracker>>>) -> usize {
                let guard = cell.borrow();
                let n = guard.len();
                step("held").await;
                let m = guard.iter().filter(|t| t.name().len() == 1).count();
                drop(guard);
                cell.borrow_mut().push(Tracker::new("pushed"));
                step("after").await;
                n * 10 + m
            }
        }
    }
    run { f(Rc::new(RefCell::new(vec![Tracker::new("a"), Tracker::new("bb")]))) }
}

twin! {
    /// Slice pattern `[first, .., last]` on a borrowed slice, awaits in the arm.
    p36b_slice_first_last {
        lower! {
            pub async fn ends(v: &[Tracker]) -> String {
                match v {
                    [] => "empty".into(),
                    [one] => leaf("one", one.name().to_string()).await,
                    [first, .., last] => {
                        let a = leaf("f", first.name()).await;
                        let b = leaf("l", last.name()).await;
                        format!("{a}-{b}")
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let v = vec![Tracker::new("x"), Tracker::new("y"), Tracker::new("z")];
                let a = ends(&v).await;
                let b = ends(&v[..1]).await;
                let c = ends(&v[..0]).await;
                vec![a, b, c]
            }
        }
    }
    run { go() }
}

twin! {
    /// `[head, rest @ ..]` recursion-by-loop over a slice with awaits.
    p36b_slice_head_rest_loop {
        lower! {
            pub async fn total(mut xs: &[u32]) -> u32 {
                let _t = Tracker::new("t");
                let mut s = 0;
                while let [head, rest @ ..] = xs {
                    s += leaf("h", *head).await;
                    xs = rest;
                }
                s
            }
        }
    }
    run { total(leak(vec![3, 4, 5])) }
}

twin! {
    /// `@` bindings with ranges and nested enums, awaits in arms.
    p36b_at_bindings_nested_enum {
        #[derive(Debug)]
        pub enum Inner { Num(u32), Named(Tracker) }
        #[derive(Debug)]
        pub enum Outer { Wrap(Inner), Pair(Inner, Inner), Empty }
        lower! {
            pub async fn classify(o: Outer) -> String {
                match o {
                    Outer::Wrap(Inner::Num(n @ 0..=9)) => format!("small {}", leaf("s", n).await),
                    Outer::Wrap(inner @ Inner::Num(_)) => format!("big {:?}", leaf("b", inner).await),
                    Outer::Wrap(Inner::Named(t)) => { step("named").await; t.name().to_string() }
                    Outer::Pair(Inner::Named(a), b) => {
                        step(a.name()).await;
                        format!("{:?}", b)
                    }
                    Outer::Pair(..) => "pair".into(),
                    Outer::Empty => "empty".into(),
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut out = Vec::new();
                out.push(classify(Outer::Wrap(Inner::Num(3))).await);
                out.push(classify(Outer::Wrap(Inner::Num(30))).await);
                out.push(classify(Outer::Wrap(Inner::Named(Tracker::new("w")))).await);
                out.push(classify(Outer::Pair(Inner::Named(Tracker::new("p1")), Inner::Named(Tracker::new("p2")))).await);
                out.push(classify(Outer::Pair(Inner::Num(1), Inner::Named(Tracker::new("p3")))).await);
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// `ref` and `ref mut` bindings in a `match` on a local, awaits in between.
    p36b_ref_ref_mut_match {
        pub struct Slot { pub name: Tracker, pub hits: u32 }
        lower! {
            pub async fn f() -> u32 {
                let mut s = Some(Slot { name: Tracker::new("slot"), hits: 0 });
                match s {
                    Some(Slot { ref name, ref mut hits }) => {
                        *hits += leaf(name.name(), 2).await;
                        step("mid").await;
                        *hits += 1;
                    }
                    None => {}
                }
                let h = s.as_ref().map(|s| s.hits).unwrap_or(0);
                step("end").await;
                h
            }
        }
    }
    run { f() }
}

twin! {
    /// `let else` on an awaited `Option`, divergent else with a tracker live.
    p36b_let_else_tracker {
        lower! {
            pub async fn f(x: Option<u32>) -> u32 {
                let t = Tracker::new("t");
                let Some(v) = leaf("x", x).await else {
                    log(format!("none {}", t.name()));
                    return 0;
                };
                let u = Tracker::new("u");
                step("after").await;
                drop(u);
                v + t.name().len() as u32
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) { (f(Some(4)).await, f(None).await) }
        }
    }
    run { go() }
}

twin! {
    /// `let else` with a slice pattern on a `Vec` local and an await in the else branch.
    p36b_let_else_slice_await_in_else {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let g = Tracker::new("g");
                let [a, b, ..] = v[..] else {
                    step(g.name()).await;
                    return 99;
                };
                let c = leaf("c", a + b).await;
                c
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) { (f(vec![1, 2, 3]).await, f(vec![1]).await) }
        }
    }
    run { go() }
}

twin! {
    /// Labelled block with awaits and `break 'a v` from inside a loop.
    p36b_labelled_block_break_value {
        lower! {
            pub async fn find(xs: Vec<u32>, want: u32) -> (u32, &'static str) {
                let t = Tracker::new("t");
                let found = 'search: {
                    for x in &xs {
                        let y = leaf("y", *x).await;
                        if y == want {
                            let _inner = Tracker::new("inner");
                            break 'search y * 10;
                        }
                    }
                    step("fallthrough").await;
                    0
                };
                (found, t.name())
            }
        }
        lower! {
            pub async fn go() -> Vec<(u32, &'static str)> { vec![find(vec![1, 2, 3], 2).await, find(vec![5], 9).await] }
        }
    }
    run { go() }
}

twin! {
    /// `matches!` over awaited values with guards, in `if` and `filter`.
    p36b_matches_macro_awaited {
        #[derive(Debug)]
        pub enum Ev { Key(char), Click { x: u32, y: u32 }, Quit }
        lower! {
            pub async fn count(evs: Vec<Ev>) -> (usize, bool) {
                let _t = Tracker::new("t");
                let mut clicks = 0;
                let mut quit = false;
                for e in evs {
                    let e = leaf("e", e).await;
                    if matches!(e, Ev::Click { x, .. } if x > 2) {
                        clicks += 1;
                    }
                    quit |= matches!(e, Ev::Quit);
                    if matches!(e, Ev::Key('q' | 'x')) {
                        step("key").await;
                    }
                }
                (clicks, quit)
            }
        }
    }
    run { count(vec![Ev::Key('q'), Ev::Click { x: 3, y: 1 }, Ev::Click { x: 1, y: 1 }, Ev::Quit]) }
}

twin! {
    /// `&dyn Trait` parameter (a sync trait) used around awaits.
    p36b_dyn_trait_param {
        pub trait Namer { fn name(&self, i: u32) -> String; }
        pub struct Pre(pub &'static str, pub Tracker);
        impl Namer for Pre { fn name(&self, i: u32) -> String { format!("{}{i}", self.0) } }
        lower! {
            pub async fn label(n: &dyn Namer, k: u32) -> Vec<String> {
                let mut out = vec![];
                for i in 0..k {
                    let j = leaf("i", i).await;
                    out.push(n.name(j));
                }
                out
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let p = Pre("p", Tracker::new("pre"));
                let v = label(&p, 3).await;
                step("after").await;
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// `Box<dyn Trait>` whose method returns a boxed future, called via a generic fn.
    p36b_box_dyn_boxed_future {
        pub trait Service {
            fn call(&self, x: u32) -> Pin<Box<dyn Future<Output = u32> + '_>>;
        }
        pub struct Add(pub u32, pub Tracker);
        impl Service for Add {
            fn call(&self, x: u32) -> Pin<Box<dyn Future<Output = u32> + '_>> {
                Box::pin(async move { leaf(self.1.name(), x + self.0).await })
            }
        }
        lower! {
            pub async fn apply<S: Service + ?Sized>(s: &S, xs: &[u32]) -> u32 {
                let mut acc = 0;
                for x in xs {
                    acc += s.call(*x).await;
                }
                acc
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let svcs: Vec<Box<dyn Service>> = vec![Box::new(Add(1, Tracker::new("a1"))), Box::new(Add(10, Tracker::new("a10")))];
                let mut t = 0;
                for s in &svcs {
                    t += apply(s.as_ref(), &[1, 2]).await;
                }
                t
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered inherent method called through a `Box<Self>` owned by a `Vec<Box<T>>`.
    p36b_vec_box_lowered_method {
        pub struct Worker { pub id: u32, pub t: Tracker }
        impl Worker {
            lower! {
                pub async fn work(&mut self, n: u32) -> u32 {
                    self.id += leaf(self.t.name(), n).await;
                    self.id
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut ws = vec![Box::new(Worker { id: 1, t: Tracker::new("w1") }), Box::new(Worker { id: 2, t: Tracker::new("w2") })];
                let mut out = vec![];
                for w in ws.iter_mut() {
                    out.push(w.work(5).await);
                }
                ws.pop();
                step("popped").await;
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Generic with a `where Self: Sized` default method on a trait and lifetimes on `&'a mut`.
    p36b_trait_lifetime_mut_ref {
        pub trait Store {
            async fn get<'a>(&'a mut self, k: &str) -> Option<&'a mut u32>;
        }
        pub struct Map { pub m: BTreeMap<String, u32>, pub t: Tracker }
        impl Store for Map {
            lower! {
                async fn get<'a>(&'a mut self, k: &str) -> Option<&'a mut u32> {
                    step(self.t.name()).await;
                    self.m.get_mut(k)
                }
            }
        }
        lower! {
            pub async fn bump<S: Store>(s: &mut S, keys: &[&str]) -> u32 {
                let mut hits = 0;
                for k in keys {
                    if let Some(v) = s.get(k).await {
                        *v += 1;
                        hits += *v;
                    }
                }
                hits
            }
        }
        lower! {
            pub async fn go() -> (u32, Vec<(String, u32)>) {
                let mut m = Map { m: BTreeMap::new(), t: Tracker::new("map") };
                m.m.insert("a".into(), 1);
                m.m.insert("b".into(), 5);
                let h = bump(&mut m, &["a", "z", "b", "a"]).await;
                (h, m.m.clone().into_iter().collect())
            }
        }
    }
    run { go() }
}

twin! {
    /// A closure passed to a generic lowered fn that calls it before and after awaits with a borrowed arg.
    p36b_generic_fn_bound_closure_ref_arg {
        lower! {
            pub async fn visit<F>(items: &[Tracker], mut f: F) -> usize
            where
                F: FnMut(&Tracker) -> bool,
            {
                let mut kept = 0;
                for t in items {
                    if f(t) {
                        step(t.name()).await;
                        kept += 1;
                    }
                }
                kept
            }
        }
        lower! {
            pub async fn go() -> (usize, Vec<&'static str>) {
                let items = vec![Tracker::new("aa"), Tracker::new("b"), Tracker::new("cc")];
                let mut seen = Vec::new();
                let n = visit(&items, |t| { seen.push(t.name()); t.name().len() == 2 }).await;
                step("end").await;
                (n, seen)
            }
        }
    }
    run { go() }
}

twin! {
    /// Returning a closure-built value from an `Option::map` whose closure captures an awaited value.
    p36b_option_map_captures_awaited {
        lower! {
            pub async fn f(names: Vec<&'static str>) -> Option<String> {
                let t = Tracker::new("t");
                let sep = leaf("sep", ", ").await;
                let first = names.first().map(|n| format!("{n}{sep}{}", t.name()));
                step("x").await;
                first.map(|s| s + sep)
            }
        }
    }
    run { f(vec!["a", "b"]) }
}

twin! {
    /// Awaited value as the receiver of a combinator chain with a moved tracker inside the closure.
    p36b_awaited_receiver_chain_moves_tracker {
        lower! {
            pub async fn f() -> Result<u32, String> {
                let t = Tracker::new("t");
                let r: Result<u32, String> = leaf("r", Ok::<u32, String>(4)).await
                    .map(|v| v * 2)
                    .and_then(move |v| if v > 100 { Err(t.name().to_string()) } else { drop(t); Ok(v) });
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `unwrap_or_else` fallback that awaits nothing but logs, around two awaited options.
    p36b_unwrap_or_else_logs {
        lower! {
            pub async fn f(a: Option<Tracker>, b: Option<u32>) -> (String, u32) {
                let x = leaf("a", a).await.unwrap_or_else(|| Tracker::new("fallback"));
                let y = leaf("b", b).await.unwrap_or_else(|| { log("b missing"); 0 });
                step(x.name()).await;
                (x.name().to_string(), y)
            }
        }
        lower! {
            pub async fn go() -> Vec<(String, u32)> {
                vec![f(None, Some(2)).await, f(Some(Tracker::new("given")), None).await]
            }
        }
    }
    run { go() }
}

twin! {
    /// `Option<&mut T>` via `as_mut().map` after an await, then written.
    p36b_option_as_mut_map {
        lower! {
            pub async fn f() -> Option<u32> {
                let mut o: Option<(Tracker, u32)> = Some((Tracker::new("o"), 1));
                let k = leaf("k", 5).await;
                if let Some(n) = o.as_mut().map(|p| &mut p.1) {
                    *n += k;
                }
                step("s").await;
                o.map(|(t, n)| { drop(t); n })
            }
        }
    }
    run { f() }
}

twin! {
    /// Generic struct's lowered method with bounds on the impl, holding `&self.field` across awaits.
    p36b_generic_struct_method_bounds {
        pub struct Cache<K: Ord, V> { pub map: BTreeMap<K, V>, pub t: Tracker }
        impl<K: Ord + Clone + Debug, V: Clone + Debug> Cache<K, V> {
            lower! {
                pub async fn get_or_load(&mut self, k: K, load: impl FnOnce() -> V) -> V {
                    if let Some(v) = self.map.get(&k) {
                        let v = v.clone();
                        step("hit").await;
                        return v;
                    }
                    let v = leaf("load", load()).await;
                    self.map.insert(k.clone(), v.clone());
                    log(format!("{} inserted {:?}", self.t.name(), k));
                    v
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut c: Cache<u32, String> = Cache { map: BTreeMap::new(), t: Tracker::new("cache") };
                let a = c.get_or_load(1, || "one".to_string()).await;
                let b = c.get_or_load(1, || "uno".to_string()).await;
                let tag = Tracker::new("tag");
                let d = c.get_or_load(2, move || tag.name().to_string()).await;
                vec![a, b, d]
            }
        }
    }
    run { go() }
}

twin! {
    /// `impl Trait` in argument and generic return with `Into` conversion after await.
    p36b_into_generic_return {
        lower! {
            pub async fn convert<T, U>(x: T, t: Tracker) -> U
            where
                T: Into<U> + Debug,
                U: Debug,
            {
                log(format!("{x:?}"));
                step(t.name()).await;
                let u: U = x.into();
                step("post").await;
                u
            }
        }
        lower! {
            pub async fn go() -> (u64, String) {
                let a: u64 = convert(3u32, Tracker::new("a")).await;
                let b: String = convert("s", Tracker::new("b")).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// Iterator `by_ref` in a `for` with an early `break`, then the remainder after an await.
    p36b_by_ref_break_then_rest {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<u32>) {
                let _t = Tracker::new("t");
                let mut it = (1..10).into_iter();
                let mut first = vec![];
                for x in it.by_ref() {
                    first.push(leaf("x", x).await);
                    if x == 3 { break; }
                }
                step("between").await;
                let rest: Vec<u32> = it.filter(|x| x % 2 == 0).collect();
                (first, rest)
            }
        }
    }
    run { f() }
}

twin! {
    /// Iterator of trackers (`into_iter`) partially consumed, then the future cancelled.
    p36b_into_iter_trackers_partial {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut it = v.into_iter();
                let mut out = vec![];
                if let Some(t) = it.next() {
                    step(t.name()).await;
                    out.push(t.name());
                }
                step("mid").await;
                while let Some(t) = it.next() {
                    out.push(leaf("n", t.name()).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `enumerate().peekable()` over trackers; `next_if` with await in the body.
    p36b_next_if_peekable {
        lower! {
            pub async fn f() -> Vec<(usize, &'static str)> {
                let v = vec![Tracker::new("a1"), Tracker::new("a2"), Tracker::new("b1")];
                let mut it = v.iter().enumerate().peekable();
                let mut out = vec![];
                while let Some((i, t)) = it.next_if(|(_, t)| t.name().starts_with('a')) {
                    step(t.name()).await;
                    out.push((i, t.name()));
                }
                let rest = it.count();
                step("rest").await;
                out.push((rest, "rest"));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `chunks_exact` + `remainder` over a borrowed param slice, await per chunk.
    p36b_chunks_exact_remainder {
        lower! {
            pub async fn f(data: &[u8]) -> (Vec<u32>, usize) {
                let t = Tracker::new("t");
                let chunks = data.chunks_exact(2);
                let rem = chunks.remainder().len();
                let mut out = vec![];
                for c in chunks {
                    out.push(leaf("c", c[0] as u32 * 256 + c[1] as u32).await);
                }
                log(t.name());
                (out, rem)
            }
        }
    }
    run { f(leak(vec![1, 2, 3, 4, 5])) }
}

twin! {
    /// `zip` of an owned `Vec<Tracker>` `into_iter` with a range, cancelled mid-way.
    p36b_zip_owned_trackers {
        lower! {
            pub async fn f() -> Vec<String> {
                let ts = vec![Tracker::new("x"), Tracker::new("y"), Tracker::new("z")];
                let mut out = vec![];
                for (t, i) in ts.into_iter().zip(10..) {
                    let k = leaf("k", i).await;
                    out.push(format!("{}{k}", t.name()));
                    step("after").await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `fold`-like manual accumulation with a closure that captures an `Rc` clone.
    p36b_rc_clone_into_closure {
        lower! {
            pub async fn f() -> (u32, usize) {
                let state = Rc::new(RefCell::new((0u32, Tracker::new("state"))));
                let s2 = Rc::clone(&state);
                let add = move |v: u32| s2.borrow_mut().0 += v;
                for i in 1..=3 {
                    add(leaf("i", i).await);
                }
                let rc = Rc::strong_count(&state);
                drop(add);
                step("dropped").await;
                let v = state.borrow().0;
                (v, rc)
            }
        }
    }
    run { f() }
}

twin! {
    /// Shared `Rc<Cell<u32>>` across two lowered calls polled in a `pair`.
    p36b_rc_cell_pair {
        lower! {
            pub async fn worker(c: Rc<Cell<u32>>, name: &'static str, n: u32) -> u32 {
                let _t = Tracker::new(name);
                for _ in 0..n {
                    c.set(c.get() + 1);
                    step(name).await;
                }
                c.get()
            }
        }
        lower! {
            pub async fn go() -> (u32, u32, u32) {
                let c = Rc::new(Cell::new(0));
                let (a, b) = pair(worker(c.clone(), "a", 2), worker(c.clone(), "b", 3)).await;
                (a, b, c.get())
            }
        }
    }
    run { go() }
}

twin! {
    /// `RefCell::borrow_mut` in an awaited argument expression (guard is a temporary dropped at `;`).
    p36b_refcell_borrow_in_await_arg {
        lower! {
            pub async fn f() -> u32 {
                let c = RefCell::new(vec![1u32, 2, 3]);
                let _t = Tracker::new("t");
                let x = leaf("x", c.borrow_mut().pop().unwrap()).await;
                c.borrow_mut().push(x * 10);
                let y = leaf("y", c.borrow().iter().sum::<u32>()).await;
                y
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let` on `Rc::try_unwrap` after the other clone dropped across an await.
    p36b_rc_try_unwrap {
        lower! {
            pub async fn f() -> String {
                let a = Rc::new(Tracker::new("shared"));
                let b = a.clone();
                step("one").await;
                let first = match Rc::try_unwrap(a) {
                    Ok(t) => t.name().to_string(),
                    Err(a) => { log(format!("still shared {}", Rc::strong_count(&a))); drop(a); "shared".into() }
                };
                step("two").await;
                let second = match Rc::try_unwrap(b) {
                    Ok(t) => { step("own").await; t.name().to_string() }
                    Err(_) => "no".into(),
                };
                first + &second
            }
        }
    }
    run { f() }
}

twin! {
    /// Slice pattern with `@` on a middle subslice and `ref` on ends, over a local array.
    p36b_slice_middle_at_binding {
        lower! {
            pub async fn f() -> (String, usize) {
                let arr = [Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d")];
                match &arr {
                    [first, mid @ .., last] => {
                        step(first.name()).await;
                        let n = leaf("mid", mid.len()).await;
                        (format!("{}{}", first.name(), last.name()), n)
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `let else` with a nested enum and an `@` binding, trackers held in the payload.
    p36b_let_else_nested_at {
        pub enum Msg { Data(Option<(u32, Tracker)>), Stop }
        lower! {
            pub async fn handle(m: Msg) -> u32 {
                let Msg::Data(Some((n @ 1..=100, t))) = m else {
                    step("reject").await;
                    return 0;
                };
                let k = leaf(t.name(), n).await;
                k + 1
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                vec![
                    handle(Msg::Data(Some((5, Tracker::new("five"))))).await,
                    handle(Msg::Data(Some((500, Tracker::new("big"))))).await,
                    handle(Msg::Stop).await,
                    handle(Msg::Data(None)).await,
                ]
            }
        }
    }
    run { go() }
}

twin! {
    /// Labelled block nested in a loop with `continue` and `break 'blk` both after awaits.
    p36b_labelled_block_in_loop {
        lower! {
            pub async fn f(xs: Vec<i32>) -> Vec<i32> {
                let mut out = vec![];
                'each: for x in xs {
                    let t = Tracker::new("iter");
                    let v = 'blk: {
                        let y = leaf("y", x).await;
                        if y < 0 {
                            continue 'each;
                        }
                        if y == 0 {
                            break 'blk -1;
                        }
                        step("pos").await;
                        y * 2
                    };
                    drop(t);
                    out.push(v);
                }
                out
            }
        }
    }
    run { f(vec![1, -1, 0, 3]) }
}

twin! {
    /// `ref mut` on a tuple field of a local, then the local moved after the await.
    p36b_ref_mut_tuple_then_move {
        lower! {
            pub async fn f() -> (Tracker, u32) {
                let mut pair = (Tracker::new("p"), 0u32);
                {
                    let (ref t, ref mut n) = pair;
                    *n = leaf(t.name(), 4).await;
                }
                step("mid").await;
                pair.1 += 1;
                pair
            }
        }
    }
    run { f() }
}

twin! {
    /// Trait with a generic method (`async fn` with its own type param) implemented by a lowered method.
    p36b_trait_generic_method {
        pub trait Logger {
            async fn emit<D: Debug>(&self, d: D) -> usize;
        }
        pub struct L(pub Tracker);
        impl Logger for L {
            lower! {
                async fn emit<D: Debug>(&self, d: D) -> usize {
                    let s = format!("{}: {d:?}", self.0.name());
                    step("emit").await;
                    log(s.clone());
                    s.len()
                }
            }
        }
        lower! {
            pub async fn go(l: L) -> usize {
                l.emit(1u8).await + l.emit("two").await + l.emit(vec![3]).await
            }
        }
    }
    run { go(L(Tracker::new("l"))) }
}

twin! {
    /// Trait method taking `self` by value (consumes), lowered, called on a generic.
    p36b_trait_by_value_self {
        pub trait Finish { type Out; async fn finish(self) -> Self::Out; }
        pub struct Job { pub t: Tracker, pub n: u32 }
        impl Finish for Job {
            type Out = u32;
            lower! {
                async fn finish(self) -> u32 {
                    let k = leaf(self.t.name(), self.n).await;
                    step("done").await;
                    k * 2
                }
            }
        }
        lower! {
            pub async fn run_all<F: Finish>(jobs: Vec<F>) -> Vec<F::Out> {
                let mut out = vec![];
                for j in jobs {
                    out.push(j.finish().await);
                }
                out
            }
        }
    }
    run { run_all(vec![Job { t: Tracker::new("j1"), n: 1 }, Job { t: Tracker::new("j2"), n: 2 }]) }
}

twin! {
    /// A generic future argument wrapped with logging (a library's `instrument`).
    p36b_generic_future_arg_instrument {
        lower! {
            pub async fn instrument<F: Future>(name: &'static str, fut: F) -> F::Output
            where
                F::Output: Debug,
            {
                let _span = Tracker::new(name);
                log(format!("enter {name}"));
                let out = fut.await;
                log(format!("exit {name} {out:?}"));
                step("close").await;
                out
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let a = instrument("a", leaf("la", 1)).await;
                let b = instrument("b", instrument("inner", leaf("lb", 2))).await;
                a + b
            }
        }
    }
    run { go() }
}

twin! {
    /// A retry helper: `F: FnMut(u32) -> Fut`, `Fut: Future<Output = Result<..>>`.
    p36b_retry_helper_fnmut_fut {
        lower! {
            pub async fn retry<F, Fut, T>(mut attempt: F, max: u32) -> Result<T, String>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<T, String>>,
            {
                let _g = Tracker::new("retry");
                let mut last = String::new();
                for i in 0..max {
                    match attempt(i).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            log(format!("attempt {i} failed: {e}"));
                            last = e;
                            step("backoff").await;
                        }
                    }
                }
                Err(last)
            }
        }
        pub async fn flaky(i: u32) -> Result<u32, String> {
            let v = leaf("try", i).await;
            if v < 2 { Err(format!("e{v}")) } else { Ok(v * 10) }
        }
        lower! {
            pub async fn go() -> (Result<u32, String>, Result<u32, String>) {
                let a = retry(flaky, 5).await;
                let b = retry(|i| flaky(i), 2).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// `impl AsyncFn` argument (async closure) called between awaits.
    p36b_async_closure_arg {
        lower! {
            pub async fn twice(f: impl AsyncFn(u32) -> u32, x: u32) -> u32 {
                let _t = Tracker::new("twice");
                let a = f(x).await;
                step("mid").await;
                f(a).await
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let k = leaf("k", 3).await;
                let t = Tracker::new("cap");
                twice(async |v| { step(t.name()).await; v + k }, 1).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `AsyncFnMut` closure mutating captured state, passed by `&mut`.
    p36b_async_fnmut_by_ref {
        lower! {
            pub async fn each<F: AsyncFnMut(u32)>(f: &mut F, xs: &[u32]) {
                for x in xs {
                    f(*x).await;
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut seen = vec![];
                let _t = Tracker::new("t");
                let mut f = async |x: u32| { let y = leaf("y", x * 2).await; seen.push(y); };
                each(&mut f, &[1, 2]).await;
                each(&mut f, &[3]).await;
                drop(f);
                seen
            }
        }
    }
    run { go() }
}

twin! {
    /// Iterator yielding futures lazily (`map(|x| leaf(..))`), each awaited in the loop.
    p36b_iterator_of_futures {
        lower! {
            pub async fn f(xs: Vec<u32>) -> u32 {
                let t = Tracker::new("t");
                let mut s = 0;
                for fut in xs.iter().map(|x| leaf("m", *x + t.name().len() as u32)) {
                    s += fut.await;
                }
                s
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// A `Vec` of leaf futures drained one by one; cancellation drops the unfinished ones.
    p36b_vec_of_futures_drain {
        lower! {
            pub async fn f() -> Vec<u32> {
                let futs = vec![leaf("a", 1), leaf("b", 2), leaf("c", 3)];
                let _t = Tracker::new("t");
                let mut out = vec![];
                for f in futs {
                    out.push(f.await);
                    step("gap").await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option<impl Future>` awaited conditionally, and `&mut fut` awaited (Unpin leaf).
    p36b_option_future_and_mut_ref_await {
        lower! {
            pub async fn f(o: Option<crate::common::leaf::Leaf<u32>>) -> u32 {
                let mut l = leaf("l", 7);
                let _t = Tracker::new("t");
                let a = if let Some(f) = o { f.await } else { 0 };
                let b = (&mut l).await;
                a + b
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) { (f(Some(leaf("o", 1))).await, f(None).await) }
        }
    }
    run { go() }
}

twin! {
    /// HRTB closure bound `for<'x> Fn(&'x str) -> &'x str` applied to a lifted `String`.
    p36b_hrtb_closure_on_lifted_string {
        lower! {
            pub async fn trim_all<F>(f: F, words: Vec<String>) -> Vec<String>
            where
                F: for<'x> Fn(&'x str) -> &'x str,
            {
                let mut out = vec![];
                for w in words {
                    let owned = leaf("w", w).await;
                    let t = f(&owned);
                    step("t").await;
                    out.push(t.to_string());
                }
                out
            }
        }
    }
    run { trim_all(|s: &str| s.trim_matches('-'), vec!["-a-".into(), "b--".into()]) }
}

twin! {
    /// `&mut dyn FnMut` parameter called between awaits.
    p36b_dyn_fnmut_ref_param {
        lower! {
            pub async fn drive(f: &mut dyn FnMut(u32) -> u32, n: u32) -> u32 {
                let mut acc = 0;
                for i in 0..n {
                    let x = leaf("x", i).await;
                    acc += f(x);
                }
                acc
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) {
                let mut calls = 0;
                let t = Tracker::new("t");
                let mut f = |x: u32| { calls += 1; x * t.name().len() as u32 };
                let a = drive(&mut f, 3).await;
                step("s").await;
                (a, calls)
            }
        }
    }
    run { go() }
}

twin! {
    /// A closure built by a helper fn (`make_adder`) and stored as `impl Fn` across awaits.
    p36b_closure_from_helper {
        pub fn make_adder(k: u32, t: Tracker) -> impl Fn(u32) -> u32 {
            move |x| { let _ = t.name(); x + k }
        }
        lower! {
            pub async fn f() -> u32 {
                let add = make_adder(leaf("k", 10).await, Tracker::new("adder"));
                let a = add(1);
                let b = add(leaf("b", 2).await);
                step("end").await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `FnMut` closure called in an awaited leaf's argument expression.
    p36b_fnmut_in_awaited_arg {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut n = 0u32;
                let _t = Tracker::new("t");
                let mut next = || { n += 1; n };
                let mut out = vec![];
                out.push(leaf("a", next()).await);
                out.push(leaf("b", next() * 10).await);
                out.push(next());
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `iter_mut().zip` writing through `&mut` items after awaits.
    p36b_iter_mut_zip_write_after_await {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = vec![1u32, 2, 3];
                let b = vec![10u32, 20];
                let _t = Tracker::new("t");
                for (x, y) in a.iter_mut().zip(b.iter()) {
                    let d = leaf("d", *y).await;
                    *x += d;
                }
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// `chain`, `flat_map` and `scan` adaptors stored in a local across awaits.
    p36b_chain_flatmap_scan {
        lower! {
            pub async fn f() -> Vec<u32> {
                let t = Tracker::new("t");
                let base = vec![1u32, 2];
                let it = base.iter().copied().chain(5..7).flat_map(|x| [x, x * 10]).scan(0u32, |acc, x| { *acc += x; Some(*acc) });
                let mut out = vec![];
                for v in it {
                    out.push(leaf("v", v).await);
                }
                log(t.name());
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Worklist `while let Some(x) = stack.pop()` pushing more work after awaits.
    p36b_worklist_stack {
        #[derive(Debug)]
        pub enum Node { Leaf(u32), Branch(Vec<Node>) }
        lower! {
            pub async fn sum(root: Node) -> u32 {
                let _g = Tracker::new("g");
                let mut stack = vec![root];
                let mut s = 0;
                while let Some(n) = stack.pop() {
                    match n {
                        Node::Leaf(v) => s += leaf("leaf", v).await,
                        Node::Branch(kids) => {
                            step("branch").await;
                            stack.extend(kids);
                        }
                    }
                }
                s
            }
        }
    }
    run { sum(Node::Branch(vec![Node::Leaf(1), Node::Branch(vec![Node::Leaf(2), Node::Leaf(3)]), Node::Leaf(4)])) }
}

twin! {
    /// `find` / `position` with closures capturing awaited locals, results used after awaits.
    p36b_find_position_captures {
        lower! {
            pub async fn f(v: Vec<Tracker>) -> (Option<&'static str>, Option<usize>) {
                let want = leaf("want", 'b').await;
                let found = v.iter().find(|t| t.name().starts_with(want)).map(|t| t.name());
                step("s").await;
                let pos = v.iter().position(|t| t.name().len() > 1);
                step("s2").await;
                (found, pos)
            }
        }
    }
    run { f(vec![Tracker::new("a"), Tracker::new("bx"), Tracker::new("b")]) }
}

twin! {
    /// `retain` and `sort_by_key` closures capturing a lifted local, awaits around.
    p36b_retain_sort_by_key {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![Tracker::new("ccc"), Tracker::new("a"), Tracker::new("bb"), Tracker::new("dddd")];
                let max = leaf("max", 3usize).await;
                v.retain(|t| t.name().len() <= max);
                step("retained").await;
                v.sort_by_key(|t| t.name().len());
                step("sorted").await;
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `&mut self` builder chain (`-> &mut Self`) with awaits in argument position.
    p36b_mut_ref_builder_chain {
        #[derive(Default, Debug)]
        pub struct Cmd { pub args: Vec<String>, pub env: Vec<(String, u32)> }
        impl Cmd {
            pub fn arg(&mut self, a: &str) -> &mut Self { log(format!("arg {a}")); self.args.push(a.into()); self }
            pub fn env(&mut self, k: &str, v: u32) -> &mut Self { log(format!("env {k}")); self.env.push((k.into(), v)); self }
        }
        lower! {
            pub async fn build() -> Cmd {
                let _t = Tracker::new("t");
                let mut c = Cmd::default();
                c.arg("run").env("N", leaf("n", 4).await).arg(leaf("a", "fast").await);
                step("mid").await;
                c.arg("x");
                c
            }
        }
    }
    run { build() }
}

twin! {
    /// Builder consumed by an awaited `send(self)` lowered method at the end of the chain.
    p36b_builder_then_lowered_send {
        pub struct Mail { to: String, body: String, t: Tracker }
        impl Mail {
            pub fn new(t: Tracker) -> Self { Mail { to: String::new(), body: String::new(), t } }
            pub fn to(mut self, s: &str) -> Self { self.to = s.into(); self }
            pub fn body(mut self, s: String) -> Self { self.body = s; self }
            lower! {
                pub async fn send(self) -> String {
                    step(self.t.name()).await;
                    format!("{} <- {}", self.to, self.body)
                }
            }
        }
        lower! {
            pub async fn go() -> String {
                let m = Mail::new(Tracker::new("mail")).to("bob").body(leaf("b", "hi".to_string()).await);
                step("built").await;
                m.send().await
            }
        }
    }
    run { go() }
}

twin! {
    /// Builder whose `build()` returns `Result`, `?`'d in a lowered fn with trackers alive.
    p36b_builder_result_question {
        #[derive(Debug)]
        pub struct Pool { pub size: u32, pub name: String }
        #[derive(Default)]
        pub struct PoolB { size: Option<u32>, name: Option<String> }
        impl PoolB {
            pub fn size(self, n: u32) -> Self { PoolB { size: Some(n), ..self } }
            pub fn name(self, n: impl Into<String>) -> Self { PoolB { name: Some(n.into()), ..self } }
            pub fn build(self) -> Result<Pool, String> {
                Ok(Pool { size: self.size.ok_or("no size")?, name: self.name.ok_or_else(|| "no name".to_string())? })
            }
        }
        lower! {
            pub async fn make(with_name: bool) -> Result<Pool, String> {
                let _t = Tracker::new("t");
                let mut b = PoolB::default().size(leaf("size", 4).await);
                if with_name {
                    b = b.name(leaf("name", "db").await);
                }
                let p = b.build()?;
                step("ok").await;
                Ok(p)
            }
        }
        lower! {
            pub async fn go() -> (Result<Pool, String>, Result<Pool, String>) { (make(true).await, make(false).await) }
        }
    }
    run { go() }
}

twin! {
    /// `Option` methods `get_or_insert_with`, `replace`, `take` on a lifted option across awaits.
    p36b_option_get_or_insert_replace {
        lower! {
            pub async fn f() -> (u32, Option<&'static str>) {
                let mut slot: Option<Tracker> = None;
                let n = leaf("n", 1).await;
                let name = slot.get_or_insert_with(|| Tracker::new("made")).name();
                step(name).await;
                let old = slot.replace(Tracker::new("replaced"));
                step("after replace").await;
                drop(old);
                let last = slot.take().map(|t| t.name());
                step("end").await;
                (n, last)
            }
        }
    }
    run { f() }
}

twin! {
    /// `BTreeMap::entry().or_insert_with` with an awaited key and a closure making a tracker.
    p36b_btreemap_entry_awaited_key {
        lower! {
            pub async fn f(keys: Vec<&'static str>) -> Vec<(&'static str, u32)> {
                let mut m: BTreeMap<&'static str, (Tracker, u32)> = BTreeMap::new();
                for k in keys {
                    let key = leaf("k", k).await;
                    let e = m.entry(key).or_insert_with(|| (Tracker::new(key), 0));
                    e.1 += 1;
                    step("counted").await;
                }
                m.iter().map(|(k, v)| (*k, v.1)).collect()
            }
        }
    }
    run { f(vec!["a", "b", "a"]) }
}

twin! {
    /// Generic `T: Default` local of a dropping type held across awaits, returned in a tuple.
    p36b_generic_default_local_drop {
        pub struct Guard(pub u32);
        impl Default for Guard { fn default() -> Self { log("guard default"); Guard(0) } }
        impl Drop for Guard { fn drop(&mut self) { log(format!("drop guard {}", self.0)); } }
        impl Debug for Guard { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "G{}", self.0) } }
        lower! {
            pub async fn f<T: Default + Debug>(n: u32) -> (T, u32) {
                let a = T::default();
                let b = T::default();
                let k = leaf("k", n).await;
                drop(b);
                step("s").await;
                (a, k)
            }
        }
    }
    run { f::<Guard>(3) }
}

twin! {
    /// Blanket impl of a trait with a lowered `async fn` for every `T: Display`.
    p36b_blanket_impl_lowered {
        pub trait Announce { async fn announce(&self, n: u32) -> String; }
        impl<T: Display> Announce for T {
            lower! {
                async fn announce(&self, n: u32) -> String {
                    let s = self.to_string();
                    let k = leaf("k", n).await;
                    s.repeat(k as usize)
                }
            }
        }
        lower! {
            pub async fn go() -> (String, String) {
                let _t = Tracker::new("t");
                (5u8.announce(2).await, "ab".announce(3).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// Supertrait method called from a lowered impl of the subtrait's `async fn`.
    p36b_supertrait_call {
        pub trait Named { fn name(&self) -> &'static str; }
        pub trait Greeter: Named { async fn greet(&self, to: &str) -> String; }
        pub struct G(pub Tracker);
        impl Named for G { fn name(&self) -> &'static str { self.0.name() } }
        impl Greeter for G {
            lower! {
                async fn greet(&self, to: &str) -> String {
                    let who = self.name();
                    step(who).await;
                    format!("{who} greets {to}")
                }
            }
        }
        lower! {
            pub async fn go<T: Greeter>(g: T) -> Vec<String> {
                let mut v = vec![];
                for n in ["a", "b"] {
                    v.push(g.greet(n).await);
                }
                v
            }
        }
    }
    run { go(G(Tracker::new("g"))) }
}

twin! {
    /// Trait `async fn` returning `Result<_, Self::Error>` with `?` in a generic caller.
    p36b_trait_result_assoc_error {
        pub trait Repo {
            type Error: Debug;
            async fn load(&self, id: u32) -> Result<String, Self::Error>;
        }
        pub struct Db(pub Tracker);
        impl Repo for Db {
            type Error = String;
            lower! {
                async fn load(&self, id: u32) -> Result<String, String> {
                    let v = leaf("id", id).await;
                    if v == 0 { return Err(format!("{} missing", self.0.name())); }
                    Ok(format!("row{v}"))
                }
            }
        }
        lower! {
            pub async fn load_all<R: Repo>(r: &R, ids: &[u32]) -> Result<Vec<String>, R::Error> {
                let _t = Tracker::new("batch");
                let mut out = vec![];
                for id in ids {
                    out.push(r.load(*id).await?);
                }
                Ok(out)
            }
        }
        lower! {
            pub async fn go() -> (Result<Vec<String>, String>, Result<Vec<String>, String>) {
                let db = Db(Tracker::new("db"));
                (load_all(&db, &[1, 2]).await, load_all(&db, &[3, 0, 4]).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// Struct holding a `Box<dyn Fn>` field called as `(self.f)(x)` inside a lowered method.
    p36b_struct_dyn_fn_field_call {
        pub struct Handler { pub f: Box<dyn Fn(u32) -> u32>, pub t: Tracker }
        impl Handler {
            lower! {
                pub async fn handle(&self, x: u32) -> u32 {
                    let y = (self.f)(x);
                    let z = leaf(self.t.name(), y).await;
                    (self.f)(z)
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let k = leaf("k", 3).await;
                let h = Handler { f: Box::new(move |x| x * k), t: Tracker::new("h") };
                h.handle(1).await + h.handle(2).await
            }
        }
    }
    run { go() }
}

twin! {
    /// A `Vec<Box<dyn Trait>>` sorted and filtered by sync methods between awaits.
    p36b_vec_box_dyn_filter {
        pub trait Shape { fn area(&self) -> u32; fn label(&self) -> &'static str; }
        pub struct Sq(pub u32, pub Tracker);
        pub struct Rect(pub u32, pub u32, pub Tracker);
        impl Shape for Sq { fn area(&self) -> u32 { self.0 * self.0 } fn label(&self) -> &'static str { self.1.name() } }
        impl Shape for Rect { fn area(&self) -> u32 { self.0 * self.1 } fn label(&self) -> &'static str { self.2.name() } }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut shapes: Vec<Box<dyn Shape>> = vec![Box::new(Sq(3, Tracker::new("sq3"))), Box::new(Rect(1, 2, Tracker::new("r12"))), Box::new(Sq(1, Tracker::new("sq1")))];
                let min = leaf("min", 2).await;
                shapes.retain(|s| s.area() >= min);
                step("filtered").await;
                shapes.sort_by_key(|s| s.area());
                let mut out = vec![];
                for s in &shapes {
                    out.push(leaf("l", s.label()).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `dyn Any` downcast of awaited boxed values.
    p36b_dyn_any_downcast {
        lower! {
            pub async fn f() -> Vec<String> {
                let items: Vec<Box<dyn std::any::Any>> = vec![Box::new(1u32), Box::new("s"), Box::new(Tracker::new("any"))];
                let mut out = vec![];
                for b in items {
                    let b = leaf("b", b).await;
                    if let Some(n) = b.downcast_ref::<u32>() {
                        out.push(format!("u32 {n}"));
                    } else if let Ok(t) = b.downcast::<Tracker>() {
                        step(t.name()).await;
                        out.push("tracker".into());
                    } else {
                        out.push("other".into());
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `impl IntoIterator<Item = impl AsRef<str>>` joined across awaits.
    p36b_into_iter_item_asref {
        lower! {
            pub async fn join(parts: impl IntoIterator<Item = impl AsRef<str>>, sep: &str) -> String {
                let _t = Tracker::new("t");
                let mut s = String::new();
                for (i, p) in parts.into_iter().enumerate() {
                    if i > 0 {
                        s.push_str(sep);
                    }
                    let n = leaf("n", p.as_ref().len()).await;
                    s.push_str(&p.as_ref()[..n.min(2)]);
                }
                s
            }
        }
        lower! {
            pub async fn go() -> (String, String) {
                (join(vec![String::from("abc"), "de".into()], "-").await, join(["x", "yz"], "+").await)
            }
        }
    }
    run { go() }
}

// Known gap: E0507: a closure borrowing one field of a parameter (`|| cfg.name.len()`) lives across an await, so the parameter sits in a frame slot and another field moved out of it (`let extra = cfg.extra;`) cannot be
#[cfg(feature = "known-gaps")]
twin! {
    /// A closure borrowing one field of a local (disjoint capture) while another field is moved, then awaits.
    p36b_disjoint_capture_field {
        pub struct Cfg { pub name: String, pub extra: Tracker, pub n: u32 }
        lower! {
            pub async fn f(cfg: Cfg) -> (usize, &'static str) {
                let name_len = || cfg.name.len();
                let extra = cfg.extra;
                step("s").await;
                let a = name_len();
                step(extra.name()).await;
                (a + cfg.n as usize, extra.name())
            }
        }
    }
    run { f(Cfg { name: "abc".into(), extra: Tracker::new("extra"), n: 2 }) }
}

twin! {
    /// A `move` closure capturing a disjoint field of a struct-literal local, called after awaits.
    p36b_move_closure_one_field_literal {
        pub struct Pair { pub a: Tracker, pub b: Tracker }
        lower! {
            pub async fn f() -> &'static str {
                let p = Pair { a: Tracker::new("a"), b: Tracker::new("b") };
                let fa = move || p.a.name();
                step("one").await;
                let r = fa();
                step(p.b.name()).await;
                drop(fa);
                step("two").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `split_whitespace` iterator borrowing a lifted `String`, held across awaits.
    p36b_split_whitespace_across_await {
        lower! {
            pub async fn f(text: String) -> Vec<String> {
                let _t = Tracker::new("t");
                let owned = leaf("text", text).await;
                let mut words = owned.split_whitespace();
                let mut out = vec![];
                while let Some(w) = words.next() {
                    step(if w.len() > 1 { "long" } else { "short" }).await;
                    out.push(w.to_uppercase());
                }
                out
            }
        }
    }
    run { f("a bc  def".into()) }
}

twin! {
    /// `lines().enumerate()` of a `&str` parameter and `split_once` with `let else`.
    p36b_lines_split_once_let_else {
        lower! {
            pub async fn parse(src: &str) -> BTreeMap<String, u32> {
                let mut m = BTreeMap::new();
                for (i, line) in src.lines().enumerate() {
                    let Some((k, v)) = line.split_once('=') else {
                        log(format!("skip line {i}"));
                        step("skip").await;
                        continue;
                    };
                    let v: u32 = leaf("v", v.trim()).await.parse().unwrap_or(0);
                    m.insert(k.trim().to_string(), v);
                }
                m
            }
        }
    }
    run { parse("a = 1\nnope\nb=22") }
}

twin! {
    /// Tuple scrutinee of two awaited values matched with slice and `@` patterns.
    p36b_tuple_of_awaits_match {
        lower! {
            pub async fn f(v: Vec<u32>) -> String {
                let t = Tracker::new("t");
                match (leaf("a", v.as_slice()).await, leaf("b", t.name()).await) {
                    ([x @ 1..=3, ..], name) => format!("{name} small {x}"),
                    ([.., y], name) => format!("{name} last {y}"),
                    ([], _) => "empty".into(),
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> { vec![f(vec![2, 9]).await, f(vec![7, 8]).await, f(vec![]).await] }
        }
    }
    run { go() }
}

twin! {
    /// A let chain: `if let Some(x) = it.next() && leaf(x).await > 1` in a loop.
    p36b_let_chain_await_condition {
        lower! {
            pub async fn f(v: Vec<u32>) -> Vec<u32> {
                let _t = Tracker::new("t");
                let mut it = v.into_iter();
                let mut out = vec![];
                loop {
                    if let Some(x) = it.next() && leaf("x", x).await > 1 {
                        out.push(x);
                    } else if it.len() == 0 {
                        break;
                    }
                }
                out
            }
        }
    }
    run { f(vec![1, 2, 0, 3]) }
}

twin! {
    /// A user-defined iterator struct with a tracker, held across awaits, `Iterator` adaptors on it.
    p36b_user_iterator_struct {
        pub struct Countdown { pub n: u32, pub t: Tracker }
        impl Iterator for Countdown {
            type Item = u32;
            fn next(&mut self) -> Option<u32> {
                if self.n == 0 { None } else { self.n -= 1; log(format!("{} next {}", self.t.name(), self.n)); Some(self.n) }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let cd = Countdown { n: 5, t: Tracker::new("cd") };
                let mut out = vec![];
                for x in cd.filter(|x| x % 2 == 0).map(|x| x * 3) {
                    out.push(leaf("x", x).await);
                }
                step("end").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic `I: Iterator` where `I::Item: Debug`, held in a `Peekable<I>` across awaits.
    p36b_generic_peekable_iter {
        lower! {
            pub async fn dedupe<I>(it: I) -> Vec<String>
            where
                I: Iterator,
                I::Item: Debug + PartialEq,
            {
                let _t = Tracker::new("t");
                let mut it = it.peekable();
                let mut out = vec![];
                while let Some(x) = it.next() {
                    while it.peek() == Some(&x) {
                        it.next();
                    }
                    step("one").await;
                    out.push(format!("{x:?}"));
                }
                out
            }
        }
    }
    run { dedupe(vec![1, 1, 2, 2, 2, 3].into_iter()) }
}

twin! {
    /// An observer: `Rc<RefCell<Vec<Box<dyn Fn>>>>` subscribers invoked after awaits.
    p36b_observer_rc_refcell_dyn_fn {
        pub struct Bus { pub subs: RefCell<Vec<Box<dyn Fn(u32) -> String>>>, pub t: Tracker }
        lower! {
            pub async fn publish(bus: Rc<Bus>, events: Vec<u32>) -> Vec<String> {
                let mut out = vec![];
                for e in events {
                    let e = leaf("e", e).await;
                    for s in bus.subs.borrow().iter() {
                        out.push(s(e));
                    }
                    if e == 2 {
                        let t = Tracker::new("late");
                        bus.subs.borrow_mut().push(Box::new(move |x| format!("{}:{x}", t.name())));
                    }
                }
                out
            }
        }
        pub fn mk() -> impl Future<Output = Vec<String>> {
            let bus = Rc::new(Bus { subs: RefCell::new(vec![Box::new(|x| format!("a{x}"))]), t: Tracker::new("bus") });
            publish(bus, vec![1, 2, 3])
        }
    }
    run { mk() }
}

twin! {
    /// `Weak::upgrade` across awaits while the strong owner is dropped mid-way.
    p36b_weak_upgrade_across_await {
        lower! {
            pub async fn f() -> Vec<bool> {
                let strong = Rc::new(Tracker::new("owned"));
                let weak = Rc::downgrade(&strong);
                let mut out = vec![];
                out.push(weak.upgrade().is_some());
                step("a").await;
                drop(strong);
                step("b").await;
                out.push(weak.upgrade().is_some());
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Cell<Option<Tracker>>` take/set and `RefCell::replace` across awaits.
    p36b_cell_option_take_refcell_replace {
        lower! {
            pub async fn f() -> (Option<&'static str>, &'static str) {
                let c: Cell<Option<Tracker>> = Cell::new(Some(Tracker::new("c1")));
                let r = RefCell::new(Tracker::new("r1"));
                let t = c.take();
                step("took").await;
                c.set(Some(Tracker::new("c2")));
                step("set").await;
                let old = r.replace(Tracker::new("r2"));
                step(old.name()).await;
                (t.map(|t| t.name()), r.borrow().name())
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered method on a type shared as `Rc<RefCell<Self>>`, borrow released before awaiting.
    p36b_rc_refcell_self_method {
        pub struct Account { pub bal: i64, pub t: Tracker }
        lower! {
            pub async fn transfer(from: Rc<RefCell<Account>>, to: Rc<RefCell<Account>>, amt: i64) -> (i64, i64) {
                let ok = from.borrow().bal >= amt;
                step("checked").await;
                if ok {
                    from.borrow_mut().bal -= amt;
                    step(to.borrow().t.name()).await;
                    to.borrow_mut().bal += amt;
                }
                let a = from.borrow().bal;
                let b = to.borrow().bal;
                (a, b)
            }
        }
    }
    run { transfer(Rc::new(RefCell::new(Account { bal: 10, t: Tracker::new("from") })), Rc::new(RefCell::new(Account { bal: 1, t: Tracker::new("to") })), 4) }
}

twin! {
    /// A `Ref` guard as a temporary in a `match` scrutinee, held across the arm's await (native too).
    p36b_ref_guard_match_scrutinee {
        lower! {
            pub async fn f(c: Rc<RefCell<Vec<u32>>>) -> (u32, bool) {
                let _t = Tracker::new("t");
                let r = match c.borrow().first() {
                    Some(x) => {
                        let y = leaf("y", *x).await;
                        let busy = c.try_borrow_mut().is_err();
                        (y, busy)
                    }
                    None => (0, false),
                };
                c.borrow_mut().push(9);
                r
            }
        }
    }
    run { f(Rc::new(RefCell::new(vec![5]))) }
}

twin! {
    /// `matches!` and `assert!` with an await inside the macro argument.
    p36b_await_inside_std_macros {
        lower! {
            pub async fn f() -> (bool, u32) {
                let _t = Tracker::new("t");
                let ok = matches!(leaf("m", Some(3)).await, Some(1..=5));
                assert!(leaf("a", 2).await > 1, "too small");
                assert_eq!(leaf("e", 4).await, 4);
                let n = if matches!(leaf("n", 'x').await, 'a' | 'x') { 1 } else { 0 };
                (ok, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// `write!` into a `String` with awaited format arguments.
    p36b_write_macro_awaited_args {
        lower! {
            pub async fn f() -> String {
                use std::fmt::Write;
                let t = Tracker::new("t");
                let mut s = String::new();
                write!(s, "{}-{}", leaf("a", 1).await, t.name()).unwrap();
                writeln!(s, "[{:>3}]", leaf("b", 22).await).unwrap();
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `let else` binding `ref` into a local option, then an await, then the option moved.
    p36b_let_else_ref_then_move {
        lower! {
            pub async fn f(o: Option<Tracker>) -> Option<Tracker> {
                let Some(ref t) = o else {
                    step("none").await;
                    return None;
                };
                step(t.name()).await;
                log(format!("saw {}", t.name()));
                step("end").await;
                o
            }
        }
        lower! {
            pub async fn go() -> (Option<Tracker>, Option<Tracker>) { (f(Some(Tracker::new("x"))).await, f(None).await) }
        }
    }
    run { go() }
}

twin! {
    /// Nested labelled blocks, the inner `break 'outer` after an await with trackers in both.
    p36b_nested_labelled_blocks {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let r = 'outer: {
                    let _a = Tracker::new("a");
                    let inner = 'inner: {
                        let _b = Tracker::new("b");
                        let x = leaf("x", k).await;
                        if x == 1 { break 'outer 100; }
                        if x == 2 { break 'inner 20; }
                        step("fall").await;
                        x
                    };
                    step("after inner").await;
                    inner + 1
                };
                r
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> { vec![f(1).await, f(2).await, f(3).await] }
        }
    }
    run { go() }
}

twin! {
    /// `Rc<dyn Trait>` cloned into a `Vec` across awaits; `&mut dyn Trait` mutating method.
    p36b_rc_dyn_and_mut_dyn {
        pub trait Counter { fn bump(&mut self) -> u32; fn name(&self) -> &'static str; }
        pub struct C(pub u32, pub Tracker);
        impl Counter for C {
            fn bump(&mut self) -> u32 { self.0 += 1; self.0 }
            fn name(&self) -> &'static str { self.1.name() }
        }
        lower! {
            pub async fn drive(c: &mut dyn Counter, n: u32) -> u32 {
                let mut last = 0;
                for _ in 0..n {
                    step(c.name()).await;
                    last = c.bump();
                }
                last
            }
        }
        lower! {
            pub async fn go() -> (u32, usize) {
                let mut c = C(0, Tracker::new("c"));
                let a = drive(&mut c, 2).await;
                let shared: Rc<dyn Fn() -> u32> = Rc::new(move || c.0);
                let mut v = vec![];
                for _ in 0..2 {
                    step("clone").await;
                    v.push(Rc::clone(&shared));
                }
                (a + v[0](), Rc::strong_count(&shared))
            }
        }
    }
    run { go() }
}

twin! {
    /// Generic over `S: ?Sized` behind `Box<S>`, a lowered fn taking `Box<dyn Trait>` by value.
    p36b_box_dyn_by_value_generic {
        pub trait Step { fn apply(&self, x: u32) -> u32; }
        pub struct Mul(pub u32, pub Tracker);
        impl Step for Mul { fn apply(&self, x: u32) -> u32 { x * self.0 } }
        lower! {
            pub async fn run_box<S: Step + ?Sized>(s: Box<S>, x: u32) -> u32 {
                let y = leaf("y", s.apply(x)).await;
                drop(s);
                step("dropped").await;
                y
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let b: Box<dyn Step> = Box::new(Mul(3, Tracker::new("mul")));
                let c = Box::new(Mul(5, Tracker::new("mul5")));
                run_box(b, 2).await + run_box(c, 1).await
            }
        }
    }
    run { go() }
}

twin! {
    /// `Option<Box<dyn Trait>>` with `as_deref` and `take` between awaits.
    p36b_option_box_dyn_as_deref {
        pub trait Hook { fn call(&self, s: &str) -> String; }
        pub struct Up(pub Tracker);
        impl Hook for Up { fn call(&self, s: &str) -> String { s.to_uppercase() } }
        lower! {
            pub async fn f(mut hook: Option<Box<dyn Hook>>) -> Vec<String> {
                let mut out = vec![];
                for w in ["a", "b"] {
                    let w = leaf("w", w).await;
                    out.push(hook.as_deref().map(|h| h.call(w)).unwrap_or_else(|| w.to_string()));
                    if w == "a" {
                        let h = hook.take();
                        step("took").await;
                        drop(h);
                    }
                }
                out
            }
        }
    }
    run { f(Some(Box::new(Up(Tracker::new("hook"))))) }
}

twin! {
    /// `Cow<'a, str>` borrowed or owned depending on an awaited flag, `to_mut` after an await.
    p36b_cow_to_mut {
        lower! {
            pub async fn f<'a>(s: &'a str) -> std::borrow::Cow<'a, str> {
                let _t = Tracker::new("t");
                let mut c = std::borrow::Cow::Borrowed(s);
                if leaf("flag", s.len() > 2).await {
                    step("own").await;
                    c.to_mut().push('!');
                }
                c
            }
        }
        lower! {
            pub async fn go() -> (String, String) { (f("ab").await.into_owned(), f("abc").await.into_owned()) }
        }
    }
    run { go() }
}

twin! {
    /// Early `?` on `Option` inside a loop driving an `FnMut`, trackers alive.
    p36b_option_question_in_loop_fnmut {
        lower! {
            pub async fn f(mut lookup: impl FnMut(u32) -> Option<u32>, keys: Vec<u32>) -> Option<u32> {
                let _t = Tracker::new("t");
                let mut s = 0;
                for k in keys {
                    let _i = Tracker::new("iter");
                    let k = leaf("k", k).await;
                    s += lookup(k)?;
                    step("ok").await;
                }
                Some(s)
            }
        }
        lower! {
            pub async fn go() -> (Option<u32>, Option<u32>) {
                let mut calls = 0;
                let a = f(|k| { calls += 1; if k < 5 { Some(k * 2) } else { None } }, vec![1, 2]).await;
                let b = f(|k| if k < 5 { Some(k) } else { None }, vec![1, 9, 2]).await;
                log(format!("calls {calls}"));
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// `mem::take` on a struct field through `&mut self` in a lowered method, await, then restore.
    p36b_mem_take_field_restore {
        pub struct Q { pub items: Vec<Tracker>, pub done: u32 }
        impl Q {
            lower! {
                pub async fn flush(&mut self) -> u32 {
                    let batch = std::mem::take(&mut self.items);
                    for t in &batch {
                        step(t.name()).await;
                        self.done += 1;
                    }
                    self.items = batch.into_iter().filter(|t| t.name() != "b").collect();
                    step("restored").await;
                    self.done
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, usize) {
                let mut q = Q { items: vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")], done: 0 };
                let n = q.flush().await;
                (n, q.items.len())
            }
        }
    }
    run { go() }
}

twin! {
    /// `rev()` over `chars()` of a lifted `String`, and `char_indices().skip_while`.
    p36b_chars_rev_char_indices {
        lower! {
            pub async fn f() -> (String, Vec<usize>) {
                let s = leaf("s", String::from("  hey")).await;
                let _t = Tracker::new("t");
                let mut rev = String::new();
                for c in s.chars().rev() {
                    step("c").await;
                    rev.push(c);
                }
                let mut idx = vec![];
                for (i, _) in s.char_indices().skip_while(|(_, c)| c.is_whitespace()) {
                    idx.push(leaf("i", i).await);
                }
                (rev, idx)
            }
        }
    }
    run { f() }
}

twin! {
    /// `impl Trait` arg in a trait's `async fn` (`impl Into<String>`), lowered impl.
    p36b_trait_impl_trait_arg {
        pub trait Kv { async fn set(&mut self, k: impl Into<String>, v: u32) -> usize; }
        pub struct M(pub BTreeMap<String, u32>, pub Tracker);
        impl Kv for M {
            lower! {
                async fn set(&mut self, k: impl Into<String>, v: u32) -> usize {
                    let k = k.into();
                    let v = leaf("v", v).await;
                    self.0.insert(k, v);
                    step(self.1.name()).await;
                    self.0.len()
                }
            }
        }
        lower! {
            pub async fn go() -> (usize, Vec<(String, u32)>) {
                let mut m = M(BTreeMap::new(), Tracker::new("m"));
                m.set("a", 1).await;
                let n = m.set(String::from("b"), 2).await;
                (n, m.0.clone().into_iter().collect())
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered `&self` method whose closure captures `self` and is called after awaits.
    p36b_method_closure_captures_self {
        pub struct Scale { pub k: u32, pub t: Tracker }
        impl Scale {
            lower! {
                pub async fn apply(&self, xs: Vec<u32>) -> Vec<u32> {
                    let f = |x: u32| x * self.k;
                    let mut out = vec![];
                    for x in xs {
                        let y = leaf(self.t.name(), x).await;
                        out.push(f(y));
                    }
                    out
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> { Scale { k: 3, t: Tracker::new("s") }.apply(vec![1, 2]).await }
        }
    }
    run { go() }
}

twin! {
    /// A `FnMut` closure borrowing `&mut self.items` held across awaits in a `&mut self` method.
    p36b_method_fnmut_borrows_self_field {
        pub struct Log { pub items: Vec<String>, pub t: Tracker, pub n: u32 }
        impl Log {
            lower! {
                pub async fn record(&mut self, words: &[&str]) -> usize {
                    let mut push = |s: &str| self.items.push(s.to_uppercase());
                    push("start");
                    for w in words {
                        let w = leaf("w", *w).await;
                        push(w);
                    }
                    self.n += 1;
                    step(self.t.name()).await;
                    self.items.len()
                }
            }
        }
        lower! {
            pub async fn go() -> (usize, Vec<String>) {
                let mut l = Log { items: vec![], t: Tracker::new("log"), n: 0 };
                let n = l.record(&["a", "b"]).await;
                (n, l.items.clone())
            }
        }
    }
    run { go() }
}

twin! {
    /// Iterating `self.items` by reference while writing `self.total` after each await.
    p36b_method_iter_field_write_other_field {
        pub struct Acc { pub items: Vec<Tracker>, pub total: usize }
        impl Acc {
            lower! {
                pub async fn run(&mut self) -> usize {
                    for t in self.items.iter() {
                        self.total += leaf(t.name(), t.name().len()).await;
                    }
                    step("done").await;
                    self.total
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut a = Acc { items: vec![Tracker::new("ab"), Tracker::new("c")], total: 1 };
                a.run().await + a.run().await
            }
        }
    }
    run { go() }
}

// Known gap: E0499: `[first, rest @ ..]` of a `&mut` slice parameter with a loop over `rest.iter_mut()` that awaits: the parked iterator borrows `rest`, so `rest` is parked too, not matched again, and `v` stays borrowed after the `if let`
#[cfg(feature = "known-gaps")]
twin! {
    /// `[first, rest @ ..]` on a `&mut [T]` parameter, writing through both after awaits.
    p36b_mut_slice_head_rest_write {
        lower! {
            pub async fn f(v: &mut [u32]) -> u32 {
                let _t = Tracker::new("t");
                if let [first, rest @ ..] = v {
                    for r in rest.iter_mut() {
                        *r += leaf("r", *first).await;
                    }
                    *first = leaf("f", 100).await;
                }
                v.iter().sum()
            }
        }
    }
    run { f(leak(vec![1, 2, 3])) }
}

// Known gap: E0507: a field of a local borrowed `&mut` across an await (`let a = &mut s.a; a.push(x.await);`) puts the local in a frame slot, and the field moved out of it afterwards (`s.a`) cannot be
#[cfg(feature = "known-gaps")]
twin! {
    /// Disjoint `&mut` and `&` borrows of two fields of a local struct held across an await.
    p36b_disjoint_field_borrows_across_await {
        pub struct S { pub a: Vec<u32>, pub b: String, pub t: Tracker }
        lower! {
            pub async fn f() -> (Vec<u32>, usize) {
                let mut s = S { a: vec![], b: "xyz".into(), t: Tracker::new("s") };
                let a = &mut s.a;
                let b = &s.b;
                a.push(leaf("len", b.len() as u32).await);
                a.push(leaf(s.t.name(), 1).await);
                step("end").await;
                let n = s.b.len();
                (s.a, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// Associated const as a loop bound in a generic lowered fn, with a `where` on the trait.
    p36b_assoc_const_loop_bound {
        pub trait Batch { const N: usize; fn item(i: usize) -> u32; }
        pub struct Three;
        impl Batch for Three { const N: usize = 3; fn item(i: usize) -> u32 { i as u32 * 7 } }
        lower! {
            pub async fn collect<B: Batch>(t: Tracker) -> Vec<u32> {
                let mut v = Vec::with_capacity(B::N);
                for i in 0..B::N {
                    v.push(leaf(t.name(), B::item(i)).await);
                }
                v
            }
        }
    }
    run { collect::<Three>(Tracker::new("t")) }
}

twin! {
    /// An `impl Fn` parameter moved into a `move` closure that is held across awaits.
    p36b_impl_fn_wrapped_in_move_closure {
        lower! {
            pub async fn f(inner: impl Fn(u32) -> u32, t: Tracker) -> u32 {
                let outer = move |x: u32| inner(x) + t.name().len() as u32;
                let a = outer(leaf("a", 1).await);
                step("mid").await;
                let b = outer(a);
                drop(outer);
                step("end").await;
                b
            }
        }
    }
    run { f(|x| x * 10, Tracker::new("t")) }
}

twin! {
    /// A closure capturing a `match` arm's binding, called after awaits in the arm.
    p36b_closure_captures_arm_binding {
        pub enum Job { Named(Tracker, u32), Anon(u32) }
        lower! {
            pub async fn f(j: Job) -> String {
                match j {
                    Job::Named(t, n) => {
                        let show = |k: u32| format!("{}:{}", t.name(), n + k);
                        let k = leaf("k", 1).await;
                        let s = show(k);
                        step("again").await;
                        s + &show(2)
                    }
                    Job::Anon(n) => leaf("anon", n).await.to_string(),
                }
            }
        }
        lower! {
            pub async fn go() -> (String, String) { (f(Job::Named(Tracker::new("job"), 5)).await, f(Job::Anon(9)).await) }
        }
    }
    run { go() }
}

twin! {
    /// `collect::<Result<Vec<_>, _>>()?` over awaited inputs and `Option::zip`.
    p36b_collect_result_question_zip {
        lower! {
            pub async fn f(raw: Vec<&'static str>) -> Result<Option<(u32, u32)>, String> {
                let _t = Tracker::new("t");
                let xs = leaf("raw", raw).await;
                let nums = xs.iter().map(|s| s.parse::<u32>().map_err(|e| format!("{s}: {e}"))).collect::<Result<Vec<_>, _>>()?;
                step("parsed").await;
                Ok(nums.first().copied().zip(nums.last().copied()))
            }
        }
        lower! {
            pub async fn go() -> Vec<Result<Option<(u32, u32)>, String>> { vec![f(vec!["1", "2", "3"]).await, f(vec!["1", "x"]).await, f(vec![]).await] }
        }
    }
    run { go() }
}

twin! {
    /// A labelled block breaking out of a `match` inside a `while let` over a peekable.
    p36b_labelled_block_match_in_while_let {
        lower! {
            pub async fn f(v: Vec<Option<u32>>) -> Vec<u32> {
                let mut it = v.into_iter().peekable();
                let mut out = vec![];
                while let Some(x) = it.next() {
                    let _t = Tracker::new("iter");
                    let r = 'b: {
                        match x {
                            Some(n) if n > 5 => {
                                step("big").await;
                                break 'b n * 2;
                            }
                            Some(n) => n,
                            None => {
                                if it.peek().is_none() {
                                    break 'b 0;
                                }
                                leaf("none", 1).await
                            }
                        }
                    };
                    out.push(r);
                }
                out
            }
        }
    }
    run { f(vec![Some(1), Some(9), None, Some(2), None]) }
}

// Known gap: E0507: a closure borrowing one field of a parameter (`|| cfg.name.len()`) lives across an await, so the parameter sits in a frame slot and another field moved out of it (`let extra = cfg.extra;`) cannot be
#[cfg(feature = "known-gaps")]
twin! {
    /// A closure borrowing one field of a parameter struct, another field moved out, an await (reduced).
    p36b_min_disjoint_capture_move_field {
        pub struct Cfg { pub name: String, pub extra: Tracker }
        lower! {
            pub async fn f(cfg: Cfg) -> usize {
                let n = || cfg.name.len();
                let extra = cfg.extra;
                step("s").await;
                drop(extra);
                n()
            }
        }
    }
    run { f(Cfg { name: "abc".into(), extra: Tracker::new("extra") }) }
}

// Known gap: E0382: a by-value builder chain on a temporary, a plain method call first and then two methods whose arguments await (`B::new().a(1).b(y.await).c(z.await)`): the temporary is moved by the first awaiting call and used again
#[cfg(feature = "known-gaps")]
twin! {
    /// A by-value builder chain: a plain method on the temporary, then two methods with awaited arguments (reduced).
    p36b_min_builder_temp_then_two_awaited_args {
        pub struct B { a: u32, b: u32, c: u32 }
        impl B {
            pub fn new() -> Self { B { a: 0, b: 0, c: 0 } }
            pub fn a(self, n: u32) -> Self { B { a: n, ..self } }
            pub fn b(self, n: u32) -> Self { B { b: n, ..self } }
            pub fn c(self, n: u32) -> Self { B { c: n, ..self } }
            pub fn build(self) -> u32 { self.a * 100 + self.b * 10 + self.c }
        }
        lower! {
            pub async fn make() -> u32 {
                B::new().a(1).b(leaf("b", 2).await).c(leaf("c", 3).await).build()
            }
        }
    }
    run { make() }
}

twin! {
    /// `if let [first, ..] = v` on a `&mut [T]` parameter, written after an await, `v` used after the `if let`.
    p36b_mut_slice_first_then_reuse {
        lower! {
            pub async fn f(v: &mut [u32]) -> u32 {
                if let [first, ..] = v {
                    *first = leaf("f", 7).await;
                }
                v[0]
            }
        }
    }
    run { f(leak(vec![1, 2])) }
}

// Known gap: E0507: a field of a local borrowed `&mut` across an await (`let a = &mut s.a; a.push(x.await);`) puts the local in a frame slot, and the field moved out of it afterwards (`s.a`) cannot be
#[cfg(feature = "known-gaps")]
twin! {
    /// A field borrowed `&mut` across an await, then moved out of the local (reduced).
    p36b_min_field_move_after_borrow_across_await {
        pub struct S { pub a: Vec<u32>, pub t: Tracker }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut s = S { a: vec![], t: Tracker::new("s") };
                let a = &mut s.a;
                a.push(leaf("x", 1).await);
                s.a
            }
        }
    }
    run { f() }
}

twin! {
    /// A `rest @ ..` binding of a `&mut [T]` parameter written after an await, the parameter used after the `if let` (reduced).
    p36b_min_mut_subslice_binding_then_reuse {
        lower! {
            pub async fn f(v: &mut [u32]) -> u32 {
                if let [_, rest @ ..] = v {
                    rest[0] = leaf("r", 5).await;
                }
                v[0]
            }
        }
    }
    run { f(leak(vec![1, 2, 3])) }
}
