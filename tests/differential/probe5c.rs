//! Probe 5c: signatures and types. `mut` and pattern parameters, `_` parameters, `impl
//! Trait` and `dyn Trait` arguments, elided and explicit lifetimes, `Self`, associated
//! types, const generics, HRTB where clauses, generic methods in generic impls, trait
//! `async fn`s, attributes, `async unsafe fn`, `impl Debug` returns, `Box<dyn Error>`,
//! bodies that never return, unit returns.
use crate::prelude::*;
use std::fmt::Debug;

pub trait Shape5 {
    fn area(&self) -> u32;
    fn label(&self) -> &str;
}
pub struct Sq5(pub u32, pub Tracker);
impl Shape5 for Sq5 {
    fn area(&self) -> u32 {
        log(format!("area {}", self.0));
        self.0 * self.0
    }
    fn label(&self) -> &str {
        self.1.name()
    }
}

#[derive(Debug)]
pub struct P5Err(pub &'static str);
impl std::fmt::Display for P5Err {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "p5 error {}", self.0)
    }
}
impl std::error::Error for P5Err {}

pub struct W5 {
    pub keep: Tracker,
    pub rest: Tracker,
    pub n: u32,
}

twin! {
    /// `mut` parameters reassigned and mutated across awaits.
    p5c_mut_params {
        lower! {
            pub async fn f(mut n: u32, mut v: Vec<Tracker>, mut t: Tracker) -> (u32, usize) {
                n += leaf("a", 1).await;
                v.push(Tracker("pushed"));
                step("b").await;
                t = Tracker::new("t2");
                n *= 2;
                v.remove(0);
                step("c").await;
                log(format!("{t:?}"));
                (n, v.len())
            }
        }
    }
    run { f(3, vec![Tracker("v0"), Tracker("v1")], Tracker("t1")) }
}

twin! {
    /// Tuple pattern parameters, with `mut` and `ref` bindings, one binding dropped early.
    p5c_tuple_pattern_params {
        lower! {
            pub async fn f((a, b): (u32, Tracker), (mut x, ref y): (u32, Tracker), c: Tracker) -> u32 {
                step("s").await;
                x += a;
                log(format!("{b:?} {y:?} {c:?}"));
                drop(b);
                leaf("l", x).await
            }
        }
    }
    run { f((1, Tracker("b")), (2, Tracker("y")), Tracker("c")) }
}

// Known gap: a slice pattern parameter leaving elements unbound (`[first, .., last]`): they drop at the first await.
#[cfg(feature = "known-gaps")]
twin! {
    /// Struct pattern with `..` (the unbound field stays in the argument) and an array
    /// pattern with `..` (middle elements stay in the argument).
    p5c_rest_pattern_params {
        lower! {
            pub async fn f(W5 { keep, n, .. }: W5, [first, .., last]: [Tracker; 4]) -> u32 {
                log(format!("{keep:?}"));
                step("s").await;
                drop(first);
                step("t").await;
                log(format!("{last:?}"));
                n
            }
        }
    }
    run {
        f(
            W5 { keep: Tracker("keep"), rest: Tracker("rest"), n: 4 },
            [Tracker("a0"), Tracker("a1"), Tracker("a2"), Tracker("a3")],
        )
    }
}

twin! {
    /// `_` parameters of several types, with an early return.
    p5c_underscore_params {
        lower! {
            pub async fn f(_: Tracker, early: bool, _: (Tracker, Tracker), _t: Tracker) -> Option<u32> {
                step("a").await;
                if early {
                    return None;
                }
                let x = leaf("b", 2).await;
                Some(x)
            }
        }
    }
    run {
        pair(
            f(Tracker("u1"), true, (Tracker("u2"), Tracker("u3")), Tracker("t")),
            f(Tracker("w1"), false, (Tracker("w2"), Tracker("w3")), Tracker("wt")),
        )
    }
}

twin! {
    /// `impl Fn`, `impl FnMut`, `impl FnOnce` arguments, closures capturing trackers.
    p5c_impl_fn_args {
        lower! {
            pub async fn f(g: impl Fn(u32) -> u32, mut sink: impl FnMut(u32), once: impl FnOnce() -> Tracker) -> u32 {
                let a = g(leaf("a", 2).await);
                sink(a);
                step("s").await;
                let t = once();
                sink(g(a));
                log(format!("{t:?}"));
                a
            }
        }
    }
    run {
        let cap = Tracker("cap-g");
        let cap2 = Tracker("cap-once");
        f(move |x| { let _ = &cap; x * 10 }, |x| log(format!("sink {x}")), move || { log(format!("once {cap2:?}")); Tracker::new("made") })
    }
}

twin! {
    /// `impl Future<Output = u32>` arguments awaited in the body (one late, one never).
    p5c_impl_future_args {
        lower! {
            pub async fn f(a: impl Future<Output = u32>, b: impl Future<Output = u32>, never: impl Future<Output = u32>, t: Tracker) -> u32 {
                let x = b.await;
                step("mid").await;
                let y = a.await;
                log(format!("{t:?}"));
                let _ = &never;
                x * 10 + y
            }
        }
    }
    run { f(leaf("a", 1), leaf("b", 2), leaf("never", 3), Tracker("t")) }
}

twin! {
    /// A generic `F: Future` with `F::Output` in the return type, futures in a `Vec`.
    p5c_future_generic_output {
        lower! {
            pub async fn f<F>(futs: Vec<F>) -> Vec<F::Output>
            where
                F: Future,
                F::Output: Debug,
            {
                let mut out = Vec::new();
                for fu in futs {
                    out.push(fu.await);
                    step("s").await;
                }
                out
            }
        }
    }
    run { f(vec![leaf("a", Tracker("x")), leaf("b", Tracker("y")), leaf("c", Tracker("z"))]) }
}

twin! {
    /// `impl IntoFuture`, `impl Into<String>`, `impl AsRef<str>` arguments.
    p5c_impl_into_args {
        lower! {
            pub async fn f(fut: impl std::future::IntoFuture<Output = Tracker>, name: impl Into<String>, tag: impl AsRef<str>) -> String {
                let mut s: String = name.into();
                step("s").await;
                let t = fut.await;
                s.push_str(tag.as_ref());
                format!("{s} {t:?}")
            }
        }
    }
    run { f(leaf("fut", Tracker("got")), "name-", String::from("tag")) }
}

twin! {
    /// Nested `impl Trait`: an iterator of futures.
    p5c_iter_of_futures {
        lower! {
            pub async fn f(futs: impl IntoIterator<Item = impl Future<Output = u32>>, g: &impl Fn(u32) -> u32) -> u32 {
                let mut total = 0;
                for fu in futs {
                    total += g(fu.await);
                }
                total
            }
        }
    }
    run { f(vec![leaf("a", 1), leaf("b", 2), leaf("c", 3)], leak(|x: u32| x * 3)) }
}

twin! {
    /// `&dyn Trait`, `Box<dyn Trait>`, `&mut dyn Iterator`, `&mut dyn FnMut` arguments.
    p5c_dyn_args {
        lower! {
            pub async fn f(s: &dyn Shape5, owned: Box<dyn Shape5>, it: &mut dyn Iterator<Item = u32>, g: &mut dyn FnMut(u32) -> u32) -> (u32, String) {
                let mut total = s.area();
                step("a").await;
                while let Some(x) = it.next() {
                    total += g(leaf("x", x).await);
                }
                let label = format!("{}+{}", s.label(), owned.label());
                step("b").await;
                (total + owned.area(), label)
            }
        }
    }
    run {
        let s: &'static Sq5 = leak(Sq5(2, Tracker("s")));
        let it = leak(vec![1u32, 2, 3].into_iter());
        let g = leak(|x: u32| x * 2);
        f(s, Box::new(Sq5(3, Tracker("owned"))), it, g)
    }
}

// Known gap: an `FnOnce` local called with an awaited argument is moved into the call before the argument is awaited natively; here it drops with the locals on cancellation.
#[cfg(feature = "known-gaps")]
twin! {
    /// `Pin<Box<dyn Future>>` and `Box<dyn FnOnce>` arguments.
    p5c_boxed_dyn_future_arg {
        lower! {
            pub async fn f(fut: Pin<Box<dyn Future<Output = Tracker>>>, make: Box<dyn FnOnce(u32) -> Tracker>, spare: Option<Pin<Box<dyn Future<Output = u32>>>>) -> (Tracker, Tracker, u32) {
                step("first").await;
                let a = fut.await;
                let b = make(leaf("n", 7).await);
                let c = match spare {
                    Some(s) => s.await,
                    None => 0,
                };
                (a, b, c)
            }
        }
    }
    run {
        let t = Tracker("cap");
        pair(
            f(Box::pin(leaf("fut", Tracker("fa"))), Box::new(move |n| { log(format!("make {n} {t:?}")); Tracker::new("made") }), Some(Box::pin(leaf("spare", 3)))),
            f(Box::pin(async { step("inner").await; Tracker("fb") }), Box::new(|_| Tracker("m2")), None),
        )
    }
}


twin! {
    /// Elided lifetimes in `&self` methods returning `&str`, `&Tracker`, `Option<&T>`.
    p5c_elided_self_refs {
        pub struct Named5 {
            pub name: String,
            pub items: Vec<Tracker>,
        }
        impl Named5 {
            lower! {
                pub async fn name(&self) -> &str {
                    step("n").await;
                    &self.name
                }
            }
            lower! {
                pub async fn first(&self) -> &Tracker {
                    step("f").await;
                    &self.items[0]
                }
            }
            lower! {
                pub async fn find(&self, key: &str) -> Option<&Tracker> {
                    let _g = Tracker("find-guard");
                    step("find").await;
                    self.items.iter().find(|t| t.0 == key)
                }
            }
        }
        lower! {
            pub async fn go(n: &Named5) -> String {
                let a = n.name().await;
                let b = n.first().await;
                let c = n.find("y").await;
                let d = n.find("nope").await;
                format!("{a} {b:?} {c:?} {d:?}")
            }
        }
    }
    run { go(leak(Named5 { name: "nm".into(), items: vec![Tracker("x"), Tracker("y")] })) }
}

twin! {
    /// `&mut self` returning `&mut Tracker`, assigned through after the await (the right
    /// side of `=` is evaluated first).
    p5c_elided_mut_self_ref {
        pub struct Named5 {
            pub name: String,
            pub items: Vec<Tracker>,
        }
        impl Named5 {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut Tracker {
                    step("slot").await;
                    &mut self.items[i]
                }
            }
        }
        lower! {
            pub async fn go(n: &mut Named5) -> usize {
                *n.slot(1).await = Tracker::new("replaced");
                step("x").await;
                let s = n.slot(0).await;
                *s = Tracker::new("replaced0");
                n.items.len()
            }
        }
    }
    run { go(leak(Named5 { name: "nm".into(), items: vec![Tracker("x"), Tracker("y")] })) }
}

twin! {
    /// Explicit `'a` tying two arguments to the result; a second lifetime not in the result.
    p5c_explicit_lifetimes {
        lower! {
            pub async fn longest<'a>(a: &'a str, b: &'a str, t: Tracker) -> &'a str {
                let la = leaf("la", a.len()).await;
                let lb = leaf("lb", b.len()).await;
                log(format!("{t:?}"));
                if la >= lb { a } else { b }
            }
        }
        lower! {
            pub async fn pick<'a, 'b>(xs: &'a [Tracker], key: &'b str) -> Option<&'a Tracker> {
                for x in xs {
                    step("p").await;
                    if x.0 == key {
                        return Some(x);
                    }
                }
                None
            }
        }
        lower! {
            pub async fn both() -> (String, String) {
                let owned = String::from("longer one");
                let r = longest(&owned, "short", Tracker("lt")).await.to_string();
                let xs = vec![Tracker("p1"), Tracker("p2")];
                let k = String::from("p2");
                let p = format!("{:?}", pick(&xs, &k).await);
                (r, p)
            }
        }
    }
    run { both() }
}

twin! {
    /// Single reference argument elision (`&str -> &str`), `'_` written out, `Cow<'_, str>`.
    p5c_elided_free_fns {
        lower! {
            pub async fn first_word(s: &str) -> &str {
                step("fw").await;
                s.split(' ').next().unwrap_or("")
            }
        }
        lower! {
            pub async fn trimmed(s: &'_ str, t: Tracker) -> std::borrow::Cow<'_, str> {
                step(t.name()).await;
                if s.starts_with(' ') { std::borrow::Cow::Owned(s.trim().to_string()) } else { std::borrow::Cow::Borrowed(s) }
            }
        }
        lower! {
            pub async fn go() -> (String, String, String) {
                let text = String::from("hello world");
                let t = Tracker("tt");
                let a = first_word(&text).await.to_string();
                let b = trimmed("  pad", t).await.into_owned();
                let c = trimmed(&text, Tracker("t2")).await.into_owned();
                (a, b, c)
            }
        }
    }
    run { go() }
}


twin! {
    /// An impl-level lifetime in the return type of a `&mut self` method.
    p5c_impl_lifetime {
        pub struct Parser5<'s> {
            pub text: &'s str,
            pub pos: usize,
            pub guard: Tracker,
        }
        impl<'s> Parser5<'s> {
            lower! {
                pub async fn next_word(&mut self) -> Option<&'s str> {
                    step("nw").await;
                    let rest = &self.text[self.pos..];
                    let rest = rest.trim_start();
                    if rest.is_empty() {
                        return None;
                    }
                    let start = self.text.len() - rest.len();
                    let end = rest.find(' ').map(|i| start + i).unwrap_or(self.text.len());
                    self.pos = end;
                    Some(&self.text[start..end])
                }
            }
        }
        lower! {
            pub async fn words(text: &'static str) -> Vec<&'static str> {
                let mut p = Parser5 { text, pos: 0, guard: Tracker("parser") };
                let mut out = Vec::new();
                while let Some(w) = p.next_word().await {
                    out.push(w);
                }
                out
            }
        }
    }
    run { words("ab cd  ef") }
}


twin! {
    /// `Self` in argument and return types: a constructor, `self` + `other: Self`,
    /// `Option<Self>`, `&Self`.
    p5c_self_types {
        #[derive(Debug)]
        pub struct Acc5 {
            pub n: u32,
            pub t: Tracker,
        }
        impl Acc5 {
            lower! {
                pub async fn make(n: u32, name: &'static str) -> Self {
                    step("new").await;
                    Self { n, t: Tracker::new(name) }
                }
            }
            lower! {
                pub async fn merge(self, other: Self) -> Self {
                    step("m").await;
                    let n = self.n + leaf("o", other.n).await;
                    Self { n, t: Tracker::new("merged") }
                }
            }
            lower! {
                pub async fn pick(self, other: Self, first: bool) -> Option<Self> {
                    step("pick").await;
                    if first { Some(self) } else if other.n > 0 { Some(other) } else { None }
                }
            }
            lower! {
                pub async fn bigger(&self, other: &Self) -> bool {
                    step("cmp").await;
                    self.n > other.n
                }
            }
        }
        lower! {
            pub async fn go() -> (Option<Acc5>, bool) {
                let a = Acc5::make(1, "a").await;
                let b = Acc5::make(2, "b").await;
                let c = a.merge(b).await;
                let d = Acc5::make(5, "d").await;
                let big = c.bigger(&d).await;
                (c.pick(d, false).await, big)
            }
        }
    }
    run { go() }
}

twin! {
    /// Associated types in signatures: `T::Item`, `<T as Iterator>::Item`.
    p5c_assoc_types {
        lower! {
            pub async fn firsts<T: Iterator>(mut it: T, k: usize) -> Vec<T::Item>
            where
                T::Item: Debug,
            {
                let mut out = Vec::new();
                for _ in 0..k {
                    step("s").await;
                    match it.next() {
                        Some(x) => out.push(x),
                        None => break,
                    }
                }
                out
            }
        }
        lower! {
            pub async fn last_of<T>(it: T) -> Option<<T as Iterator>::Item>
            where
                T: Iterator,
            {
                let mut last = None;
                for x in it {
                    step("l").await;
                    last = Some(x);
                }
                last
            }
        }
    }
    run {
        pair(
            firsts(vec![Tracker("a"), Tracker("b"), Tracker("c")].into_iter(), 2),
            last_of(vec![Tracker("x"), Tracker("y")].into_iter()),
        )
    }
}

twin! {
    /// `<I as IntoIterator>::IntoIter` as a local type, `impl IntoIterator<Item = (K, V)>`.
    p5c_assoc_types_into_iter {
        lower! {
            pub async fn f<I, K, V>(pairs: I) -> (Vec<K>, Option<V>)
            where
                I: IntoIterator<Item = (K, V)>,
                K: Debug,
            {
                let mut it: <I as IntoIterator>::IntoIter = pairs.into_iter();
                let mut keys = Vec::new();
                let mut last: Option<V> = None;
                while let Some((k, v)) = it.next() {
                    step("kv").await;
                    keys.push(k);
                    last = Some(v);
                }
                (keys, last)
            }
        }
    }
    run { f(vec![(1u8, Tracker("v1")), (2, Tracker("v2"))]) }
}


twin! {
    /// Const generics: `[u8; N]` arguments and results, `[Tracker; N]`, a const-generic impl.
    p5c_const_generics {
        pub struct Buf5<const N: usize> {
            pub data: [u8; N],
            pub t: Tracker,
        }
        lower! {
            pub async fn checksum<const N: usize>(data: [u8; N], mut acc: [u32; 2]) -> [u32; 2] {
                for (i, b) in data.iter().enumerate() {
                    acc[i % 2] += leaf("b", *b as u32).await;
                }
                acc
            }
        }
        lower! {
            pub async fn drain_all<const N: usize>(ts: [Tracker; N]) -> usize {
                let mut n = 0;
                for t in ts {
                    step(t.name()).await;
                    n += 1;
                    if n == 2 {
                        drop(t);
                        step("after-drop").await;
                    }
                }
                n
            }
        }
        impl<const N: usize> Buf5<N> {
            lower! {
                pub async fn fill(&mut self, v: u8) -> [u8; N] {
                    for i in 0..N {
                        self.data[i] = leaf("fill", v + i as u8).await;
                    }
                    self.data
                }
            }
        }
        lower! {
            pub async fn go() -> ([u32; 2], usize, [u8; 3]) {
                let a = checksum([1u8, 2, 3, 4, 5], [0, 100]).await;
                let b = drain_all([Tracker("d0"), Tracker("d1"), Tracker("d2")]).await;
                let mut buf = Buf5::<3> { data: [0; 3], t: Tracker("buf") };
                let c = buf.fill(10).await;
                (a, b, c)
            }
        }
    }
    run { go() }
}

twin! {
    /// Where clauses with HRTB: `for<'a> F: Fn(&'a str) -> usize` and
    /// `F: for<'a> Fn(&'a str) -> &'a str`.
    p5c_hrtb_where {
        lower! {
            pub async fn measure<F>(words: Vec<String>, f: F) -> usize
            where
                for<'a> F: Fn(&'a str) -> usize,
            {
                let mut total = 0;
                for w in &words {
                    step("w").await;
                    total += f(w);
                }
                total
            }
        }
        lower! {
            pub async fn shrink<F>(f: F, t: Tracker) -> String
            where
                F: for<'a> Fn(&'a str) -> &'a str,
            {
                let s = String::from("  hello  ");
                step(t.name()).await;
                let r = f(&s);
                step("after").await;
                r.to_string()
            }
        }
    }
    run { pair(measure(vec!["ab".into(), "cde".into()], |s: &str| s.len()), shrink(|s: &str| s.trim(), Tracker("t"))) }
}


twin! {
    /// Generic methods in a generic impl: own type params, `FnMut(A, &T) -> A`, `U: From<T>`.
    p5c_generic_methods_generic_impl {
        pub struct Bag5<T> {
            pub items: Vec<T>,
        }
        impl<T: Debug> Bag5<T> {
            lower! {
                pub async fn fold<A, F>(&self, init: A, mut f: F) -> A
                where
                    F: FnMut(A, &T) -> A,
                {
                    let mut acc = init;
                    for x in &self.items {
                        step("f").await;
                        acc = f(acc, x);
                    }
                    acc
                }
            }
            lower! {
                pub async fn convert<U: From<T> + Debug>(self, extra: Tracker) -> Bag5<U> {
                    step("conv").await;
                    let items: Vec<U> = self.items.into_iter().map(U::from).collect();
                    step(extra.name()).await;
                    Bag5 { items }
                }
            }
        }
        lower! {
            pub async fn go() -> (String, Vec<u64>) {
                let b = Bag5 { items: vec![1u32, 2, 3] };
                let s = b.fold(String::new(), |mut acc, x| { acc.push_str(&x.to_string()); acc }).await;
                let c: Bag5<u64> = b.convert(Tracker("extra")).await;
                (s, c.items)
            }
        }
    }
    run { go() }
}

#[allow(async_fn_in_trait)]
pub trait Source5 {
    type Item: Debug;
    async fn next(&mut self) -> Option<Self::Item>;
    async fn count_all(&mut self) -> usize
    where
        Self: Sized,
    {
        let mut n = 0;
        while let Some(x) = self.next().await {
            log(format!("item {x:?}"));
            n += 1;
        }
        n
    }
}


twin! {
    /// A trait declared with `async fn` returning `Option<Self::Item>`, lowered in the impl.
    p5c_trait_async_self_item {
        pub struct Counter5 {
            pub left: u32,
            pub t: Tracker,
        }
        impl Source5 for Counter5 {
            type Item = Tracker;
            lower! {
                async fn next(&mut self) -> Option<Self::Item> {
                    step("next").await;
                    if self.left == 0 {
                        return None;
                    }
                    self.left -= 1;
                    Some(Tracker::new(["i0", "i1", "i2"][self.left as usize]))
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut c = Counter5 { left: 2, t: Tracker("counter") };
                c.count_all().await
            }
        }
    }
    run { go() }
}


twin! {
    /// A generic impl of a trait with an `async fn` and an associated type.
    p5c_trait_generic_impl {
        pub struct VecSource5<T>(pub Vec<T>);
        impl<T: Debug> Source5 for VecSource5<T> {
            type Item = T;
            lower! {
                async fn next(&mut self) -> Option<T> {
                    step("vnext").await;
                    if self.0.is_empty() { None } else { Some(self.0.remove(0)) }
                }
            }
        }
        lower! {
            pub async fn go() -> (usize, Option<Tracker>) {
                let mut s = VecSource5(vec![Tracker("a"), Tracker("b")]);
                let first = s.next().await;
                let n = s.count_all().await;
                (n, first)
            }
        }
    }
    run { go() }
}

pub trait Fetch5 {
    fn fetch(&self, k: u32) -> impl Future<Output = u32>;
    fn fetch_send(&self, k: u32) -> impl Future<Output = u32> + Send;
}

twin! {
    /// A trait declared with `fn -> impl Future` (one `+ Send`), implemented by `async fn`s.
    p5c_trait_rpit_impl {
        pub struct Db5(pub u32);
        impl Fetch5 for Db5 {
            lower! {
                async fn fetch(&self, k: u32) -> u32 {
                    let _g = Tracker("fetch-guard");
                    step("db").await;
                    k * self.0
                }
            }
            lower! {
                async fn fetch_send(&self, k: u32) -> u32 {
                    let v = vec![k; 2];
                    step("db-send").await;
                    v.iter().sum::<u32>() + self.0
                }
            }
        }
        lower! {
            pub async fn go<F: Fetch5>(db: &F) -> (u32, u32) {
                let a = db.fetch(2).await;
                let b = db.fetch_send(a).await;
                (a, b)
            }
        }
    }
    run { go(leak(Db5(3))) }
}

#[allow(async_fn_in_trait)]
pub trait Runner5 {
    async fn run_with(&self, f: impl Fn(u32) -> u32, other: &Self) -> u32;
}

twin! {
    /// A trait `async fn` with an `impl Fn` argument and `&Self`.
    p5c_trait_impl_trait_arg {
        pub struct R5(pub u32, pub Tracker);
        impl Runner5 for R5 {
            lower! {
                async fn run_with(&self, f: impl Fn(u32) -> u32, other: &Self) -> u32 {
                    let a = f(leaf("a", self.0).await);
                    step(other.1.name()).await;
                    a + f(other.0)
                }
            }
        }
    }
    run {
        let a: &'static R5 = leak(R5(1, Tracker("ra")));
        let b: &'static R5 = leak(R5(2, Tracker("rb")));
        let cap = Tracker("cap");
        a.run_with(move |x| { let _ = &cap; x + 100 }, b)
    }
}

twin! {
    /// `pub(crate)`, `#[inline]`, `#[must_use]`, doc attributes, `#[cold]`, parameter
    /// attributes.
    p5c_attributes {
        lower! {
            /// Documented.
            #[doc = "More docs."]
            #[inline]
            #[must_use]
            pub(crate) async fn a(#[allow(unused_mut)] mut n: u32, t: Tracker) -> u32 {
                step("a").await;
                log(format!("{t:?}"));
                n + 1
            }
        }
        lower! {
            #[cold]
            #[inline(never)]
            #[allow(clippy::needless_return)]
            pub(super) async fn b(n: u32) -> u32 {
                let x = a(n, Tracker("ta")).await;
                return leaf("b", x).await;
            }
        }
        lower! {
            #[deny(unused_variables)]
            pub(in crate::probe5c) async fn c(n: u32) -> u32 {
                b(n).await * 2
            }
        }
    }
    run { c(4) }
}

// Known gap: a `#[cfg]` on a parameter is not applied before the lowering (E0425).
#[cfg(feature = "known-gaps")]
twin! {
    /// A `#[cfg]`-disabled parameter.
    p5c_cfg_param {
        lower! {
            pub async fn f(#[cfg(any())] gone: u32, t: Tracker, #[cfg(all())] kept: u32) -> u32 {
                step(t.name()).await;
                kept + 1
            }
        }
    }
    run { f(Tracker("t"), 5) }
}

twin! {
    /// `async unsafe fn` with an `unsafe` block inside, called in an `unsafe` block.
    p5c_async_unsafe_fn {
        lower! {
            pub async unsafe fn read(p: *const u32, t: Tracker) -> u32 {
                step("r").await;
                let v = unsafe { *p };
                log(format!("{t:?}"));
                v + leaf("l", 1).await
            }
        }
    }
    run {
        let p: &'static u32 = leak(5);
        unsafe { read(p as *const u32, Tracker("t")) }
    }
}

twin! {
    /// `async unsafe fn` calling another `unsafe fn` without an inner `unsafe` block (allowed,
    /// linted in 2024), a raw pointer held across awaits.
    p5c_async_unsafe_fn_implicit {
        lower! {
            #[allow(unsafe_op_in_unsafe_fn)]
            pub async unsafe fn bump(p: *mut u32) -> u32 {
                step("b1").await;
                *p += 1;
                step("b2").await;
                let inner = read5(p);
                *p + inner
            }
        }
    }
    run {
        let p: &'static mut u32 = leak(5);
        unsafe { bump(p as *mut u32) }
    }
}

/// # Safety
/// `p` must be valid.
pub unsafe fn read5(p: *const u32) -> u32 {
    unsafe { *p }
}

twin! {
    /// `-> impl Debug`, `-> impl Fn(u32) -> u32` (used by a caller), `-> Box<dyn Debug>`.
    p5c_impl_returns {
        lower! {
            pub async fn dbg(n: u32) -> impl Debug {
                let t = Tracker("dbg-t");
                step("d").await;
                (n, t)
            }
        }
        lower! {
            pub async fn adder(n: u32) -> impl Fn(u32) -> u32 {
                let base = leaf("base", n).await;
                let t = Tracker("adder-cap");
                move |x| { let _ = &t; x + base }
            }
        }
        lower! {
            pub async fn boxed(n: u32) -> Box<dyn Debug> {
                step("bx").await;
                if n > 1 { Box::new(Tracker("boxed")) } else { Box::new(n) }
            }
        }
        lower! {
            pub async fn go() -> String {
                let a = dbg(1).await;
                let f = adder(10).await;
                let r = f(leaf("x", 5).await);
                let b = boxed(2).await;
                format!("{a:?} {r} {b:?}")
            }
        }
    }
    run { go() }
}

twin! {
    /// `Result<_, Box<dyn Error>>` with `?` on `ParseIntError`, a custom error, `&str`,
    /// `String`, `Option::ok_or`.
    p5c_box_dyn_error {
        lower! {
            pub async fn parse(text: &'static str, mode: u32) -> Result<u32, Box<dyn std::error::Error>> {
                let _g = Tracker("parse-guard");
                let n: u32 = leaf("text", text).await.parse()?;
                step("after-parse").await;
                if mode == 1 {
                    Err(P5Err("custom"))?;
                }
                if mode == 2 {
                    return Err("plain str".into());
                }
                let v = [1u32, 2].get(n as usize).copied().ok_or_else(|| format!("index {n}"))?;
                let w = leaf("w", Ok::<u32, P5Err>(v)).await?;
                Ok(w + n)
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut out = Vec::new();
                for (t, m) in [("1", 0), ("x", 0), ("0", 1), ("0", 2), ("7", 0)] {
                    out.push(match parse(t, m).await {
                        Ok(v) => format!("ok {v}"),
                        Err(e) => format!("err {e}"),
                    });
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// `Box<dyn Error + Send + Sync>` with a `Tracker` result, errors converted by `?`.
    p5c_box_dyn_error_send_sync {
        lower! {
            pub async fn f(fail: u32) -> Result<Tracker, Box<dyn std::error::Error + Send + Sync>> {
                let t = Tracker::new("ok-val");
                step("a").await;
                if fail == 1 {
                    let _: u8 = "300".parse()?;
                }
                let _ = std::str::from_utf8(if fail == 2 { &[0xff] } else { b"ok" })?;
                step("b").await;
                Ok(t)
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A `u32` body that never returns: a loop that only ends by panicking.
    p5c_never_returns_panic_loop {
        lower! {
            pub async fn f(t: Tracker) -> u32 {
                let _g = Tracker("g");
                let mut i = 0;
                loop {
                    step("s").await;
                    i += 1;
                    if i == 3 {
                        panic!("gave up {i} {t:?}");
                    }
                }
            }
        }
    }
    run { f(Tracker("t")) }
}

twin! {
    /// A body whose tail is a diverging `panic!` after awaits (type `!` coerced to `String`).
    p5c_never_tail_panic {
        lower! {
            pub async fn f(n: u32) -> String {
                let _g = Tracker("g");
                let x = leaf("x", n).await;
                if x > 100 {
                    return String::from("big");
                }
                let _h = Tracker("h");
                step("before-panic").await;
                unreachable!("small {x}")
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Unit returns: trailing `;`, `-> ()` with an await tail, bare `return;`.
    p5c_unit_returns {
        lower! {
            pub async fn a(t: Tracker) {
                step("a").await;
                log(format!("a {t:?}"));
            }
        }
        lower! {
            pub async fn b() -> () {
                step("b").await
            }
        }
        lower! {
            pub async fn c(v: &mut Vec<u32>, early: bool) {
                v.push(leaf("c", 1).await);
                if early {
                    return;
                }
                v.push(leaf("c2", 2).await);
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                a(Tracker("ta")).await;
                let () = b().await;
                let mut v = Vec::new();
                c(&mut v, true).await;
                c(&mut v, false).await;
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// Parameters named like machine internals: `cx`, `state`, `waker`, `poll`, `output`,
    /// `frame`, `fut`.
    p5c_internal_like_names {
        lower! {
            pub async fn f(cx: u32, state: Tracker, waker: &str, poll: u32, output: Vec<u32>, frame: u8, fut: Pin<Box<dyn Future<Output = u32>>>) -> u32 {
                step("s").await;
                let r = fut.await;
                log(format!("{state:?} {waker}"));
                cx + poll + output.len() as u32 + frame as u32 + r
            }
        }
    }
    run { f(1, Tracker("state"), "w", 2, vec![1, 2], 3, Box::pin(leaf("fut", 10))) }
}

twin! {
    /// `fn` pointer arguments, one with a higher-ranked lifetime.
    p5c_fn_pointer_args {
        pub fn double5(x: u32) -> u32 { x * 2 }
        pub fn trim5(s: &str) -> &str { s.trim() }
        lower! {
            pub async fn f(g: fn(u32) -> u32, h: for<'a> fn(&'a str) -> &'a str, t: Tracker) -> (u32, String) {
                let s = String::from(" x ");
                let a = g(leaf("a", 3).await);
                step(t.name()).await;
                (a, h(&s).to_string())
            }
        }
    }
    run { f(double5, trim5, Tracker("t")) }
}

twin! {
    /// `&mut` arguments mutated across awaits, `mem::replace` through one.
    p5c_ref_mut_args {
        lower! {
            pub async fn f(a: &mut Vec<Tracker>, b: &mut u32, c: &mut [u32]) -> Vec<Tracker> {
                *b += leaf("b", 1).await;
                c[0] = leaf("c", 9).await;
                a.push(Tracker("pushed"));
                step("s").await;
                let old = std::mem::replace(a, vec![Tracker("fresh")]);
                step("t").await;
                old
            }
        }
    }
    run { f(leak(vec![Tracker("a0")]), leak(0), leak([1u32, 2]).as_mut_slice()) }
}

twin! {
    /// `self: Pin<&mut Self>`, `self: Rc<Self>`, `mut self` receivers.
    p5c_receivers {
        pub struct Rcv5 {
            pub n: u32,
            pub t: Tracker,
        }
        impl Rcv5 {
            lower! {
                pub async fn pinned(self: Pin<&mut Self>) -> u32 {
                    step("pin").await;
                    let this = self.get_mut();
                    this.n += 1;
                    this.n
                }
            }
            lower! {
                pub async fn shared(self: std::rc::Rc<Self>) -> u32 {
                    step("rc").await;
                    log(format!("rc {}", std::rc::Rc::strong_count(&self)));
                    self.n * 10
                }
            }
            lower! {
                pub async fn consume(mut self) -> Tracker {
                    self.n += leaf("c", 1).await;
                    step("c2").await;
                    log(format!("n {}", self.n));
                    self.t
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, u32, Tracker) {
                let mut r = Rcv5 { n: 1, t: Tracker("r") };
                let a = Pin::new(&mut r).pinned().await;
                let rc = std::rc::Rc::new(Rcv5 { n: 2, t: Tracker("rc") });
                let b = rc.clone().shared().await;
                drop(rc);
                let c = r.consume().await;
                (a, b, c)
            }
        }
    }
    run { go() }
}

type Res5<T> = Result<T, Box<dyn std::error::Error>>;

twin! {
    /// A type alias in the return type, `Self` results in `Result`, a `where` on a non-param
    /// type.
    p5c_alias_and_where_types {
        #[derive(Debug)]
        pub struct Acc5 {
            pub n: u32,
            pub t: Tracker,
        }
        impl Acc5 {
            lower! {
                pub async fn parse(s: &str) -> Res5<Self> {
                    let n = leaf("p", s).await.parse::<u32>()?;
                    Ok(Self { n, t: Tracker::new("parsed") })
                }
            }
        }
        lower! {
            pub async fn show<T>(items: Vec<T>) -> String
            where
                Vec<T>: Debug,
                T: Clone,
            {
                let copy = items.clone();
                step("show").await;
                format!("{:?}", copy)
            }
        }
        lower! {
            pub async fn go() -> (String, String, String) {
                let a = format!("{:?}", Acc5::parse("3").await.map(|a| a.n));
                let b = format!("{:?}", Acc5::parse("z").await.map(|a| a.n).map_err(|e| e.to_string()));
                let c = show(vec![1u8, 2]).await;
                (a, b, c)
            }
        }
    }
    run { go() }
}

twin! {
    /// An `impl AsyncFn` argument called and awaited several times.
    p5c_async_fn_closure_arg {
        lower! {
            pub async fn f(g: impl AsyncFn(u32) -> u32, t: Tracker) -> u32 {
                let a = g(1).await;
                step(t.name()).await;
                let b = g(a).await;
                a + b
            }
        }
    }
    run {
        let cap = Tracker("cap");
        f(async move |x: u32| { step("in").await; let _ = &cap; x * 3 }, Tracker("t"))
    }
}

twin! {
    /// A lifetime tied between a struct argument and the result: `View<'a>` in and out.
    p5c_lifetime_struct_arg {
        #[derive(Debug)]
        pub struct View5<'a> {
            pub parts: Vec<&'a str>,
        }
        lower! {
            pub async fn extend<'a>(mut v: View5<'a>, more: &'a str, t: &Tracker) -> View5<'a> {
                for p in more.split(',') {
                    step(t.name()).await;
                    v.parts.push(p);
                }
                v
            }
        }
        lower! {
            pub async fn go() -> usize {
                let text = String::from("a,b,c");
                let t = Tracker("t");
                let v = extend(View5 { parts: vec!["z"] }, &text, &t).await;
                let v = extend(v, "q", &t).await;
                log(format!("{v:?}"));
                v.parts.len()
            }
        }
    }
    run { go() }
}

twin! {
    /// Generic with a defaulted-looking bound mix: `T: ?Sized` behind a reference, `dyn`
    /// in a generic, `impl Trait` plus explicit generics.
    p5c_unsized_generic_arg {
        lower! {
            pub async fn len_of<T: ?Sized + AsRef<[u8]>>(x: &T, extra: impl Into<u32>) -> u32 {
                step("len").await;
                x.as_ref().len() as u32 + extra.into()
            }
        }
        lower! {
            pub async fn area_all<S: Shape5 + ?Sized>(shapes: &[Box<S>]) -> u32 {
                let mut t = 0;
                for s in shapes {
                    t += leaf("ar", s.area()).await;
                }
                t
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) {
                let a = len_of("abc", 2u8).await;
                let shapes: Vec<Box<dyn Shape5>> = vec![Box::new(Sq5(2, Tracker("q2"))), Box::new(Sq5(3, Tracker("q3")))];
                let b = area_all(&shapes).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// Elided lifetimes in struct types: `&mut Parser<'_>` argument, `View<'_>` result of
    /// a `&self` method, `Box<dyn Iterator + '_>` argument.
    p5c_elided_struct_lifetimes {
        pub struct P6<'s> {
            pub words: Vec<&'s str>,
            pub t: Tracker,
        }
        #[derive(Debug)]
        pub struct View6<'a>(pub &'a [&'a str]);
        impl<'s> P6<'s> {
            lower! {
                pub async fn view(&self) -> View6<'_> {
                    step("view").await;
                    View6(&self.words)
                }
            }
        }
        lower! {
            pub async fn feed(p: &mut P6<'_>, extra: Box<dyn Iterator<Item = u32> + '_>) -> u32 {
                let mut n = 0;
                for x in extra {
                    n += leaf("x", x).await;
                }
                p.words.pop();
                n
            }
        }
        lower! {
            pub async fn go() -> (u32, String) {
                let text = String::from("a b c");
                let mut p = P6 { words: text.split(' ').collect(), t: Tracker("p") };
                let v = vec![1u32, 2];
                let n = feed(&mut p, Box::new(v.iter().copied())).await;
                let s = format!("{:?}", p.view().await);
                (n, s)
            }
        }
    }
    run { go() }
}

twin! {
    /// A `-> impl Iterator<Item = &u32> + '_` result borrowing `&self`.
    p5c_impl_iter_borrowing_self {
        pub struct Nums6 {
            pub v: Vec<u32>,
        }
        impl Nums6 {
            lower! {
                pub async fn evens(&self, t: Tracker) -> impl Iterator<Item = &u32> + '_ {
                    step(t.name()).await;
                    self.v.iter().filter(|x| *x % 2 == 0)
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let n = Nums6 { v: vec![1, 2, 3, 4] };
                let it = n.evens(Tracker("t")).await;
                let out: Vec<u32> = it.copied().collect();
                step("after").await;
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A user type named like the generated state enum (`GoState` for `go`), used in the
    /// body and in the signature.
    p5c_user_type_named_like_state {
        #[derive(Debug)]
        pub struct GoState {
            pub n: u32,
            pub t: Tracker,
        }
        lower! {
            pub async fn go(s: GoState) -> GoState {
                let inner = GoState { n: s.n + 1, t: Tracker("inner") };
                step("s").await;
                log(format!("{:?}", s));
                inner
            }
        }
    }
    run { go(GoState { n: 1, t: Tracker("outer") }) }
}

twin! {
    /// Inner attributes in the body, items (a `const`, a `fn`, a `struct`, a `use`) inside
    /// the body used around awaits.
    p5c_inner_attrs_and_items {
        lower! {
            pub async fn f(n: u32) -> u32 {
                #![allow(unused_variables)]
                use std::collections::BTreeMap;
                const K: usize = 3;
                fn helper(x: u32) -> u32 { x * 2 }
                #[derive(Debug)]
                struct Local(u32, Tracker);
                let unused = 5;
                let arr = [1u8; K];
                let l = Local(helper(n), Tracker("local"));
                step("s").await;
                let mut m = BTreeMap::new();
                m.insert(1, leaf("m", arr.len() as u32).await);
                log(format!("{l:?}"));
                l.0 + m[&1]
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A generic method in a generic impl with its own `impl Trait` argument and a
    /// `where Self: Sized` clause, and a blanket trait impl with an `async fn`.
    p5c_generic_impl_impl_trait_method {
        pub struct Sink6<T> {
            pub got: Vec<T>,
        }
        impl<T: Debug + Clone> Sink6<T> {
            lower! {
                pub async fn feed<U>(&mut self, src: impl IntoIterator<Item = T>, tag: U) -> (usize, U)
                where
                    Self: Sized,
                    U: Debug,
                {
                    for x in src {
                        step("feed").await;
                        self.got.push(x);
                    }
                    (self.got.len(), tag)
                }
            }
        }
        #[allow(async_fn_in_trait)]
        pub trait Describe6 {
            async fn describe(&self) -> String;
        }
        impl<T: Debug> Describe6 for T {
            lower! {
                async fn describe(&self) -> String {
                    step("describe").await;
                    format!("<{:?}>", self)
                }
            }
        }
        lower! {
            pub async fn go() -> (usize, Tracker, String) {
                let mut s = Sink6 { got: vec![] };
                let (n, tag) = s.feed(vec![1u8, 2], Tracker("tag")).await;
                let d = s.got.describe().await;
                (n, tag, d)
            }
        }
    }
    run { go() }
}

twin! {
    /// A body that never returns (`-> !`) panicking after awaits.
    p5c_never_type_return {
        lower! {
            pub async fn f(t: Tracker) -> ! {
                let _g = Tracker("g");
                step("a").await;
                leaf("b", 1).await;
                panic!("never {t:?}")
            }
        }
    }
    run { f(Tracker("t")) }
}

twin! {
    /// A trait with a generic `async fn` (a visitor argument) implemented by lowered fns.
    p5c_trait_generic_async_method {
        pub trait Visitor6 {
            fn visit(&mut self, x: u32);
        }
        pub struct Sum6(pub u32);
        impl Visitor6 for Sum6 {
            fn visit(&mut self, x: u32) {
                log(format!("visit {x}"));
                self.0 += x;
            }
        }
        #[allow(async_fn_in_trait)]
        pub trait Walk6 {
            async fn walk<V: Visitor6>(&self, v: &mut V) -> usize;
        }
        pub struct Tree6(pub Vec<u32>, pub Tracker);
        impl Walk6 for Tree6 {
            lower! {
                async fn walk<V: Visitor6>(&self, v: &mut V) -> usize {
                    for x in &self.0 {
                        v.visit(leaf("node", *x).await);
                    }
                    self.0.len()
                }
            }
        }
        lower! {
            pub async fn go() -> (usize, u32) {
                let t = Tree6(vec![3, 4], Tracker("tree"));
                let mut s = Sum6(0);
                let n = t.walk(&mut s).await;
                (n, s.0)
            }
        }
    }
    run { go() }
}

twin! {
    /// `Result<(), Box<dyn Error>>` with `?` on awaited results in a loop, `Ok(())` tail.
    p5c_box_error_unit_loop {
        lower! {
            pub async fn f(items: &[&'static str], out: &mut Vec<u32>) -> Result<(), Box<dyn std::error::Error>> {
                let _g = Tracker("g");
                for s in items {
                    let n: u32 = leaf("item", *s).await.parse()?;
                    if n == 0 {
                        Err(P5Err("zero"))?
                    }
                    out.push(n);
                }
                Ok(())
            }
        }
        lower! {
            pub async fn go() -> (String, String, String, Vec<u32>) {
                let mut out = Vec::new();
                let a = format!("{:?}", f(&["1", "2"], &mut out).await.map_err(|e| e.to_string()));
                let b = format!("{:?}", f(&["3", "x"], &mut out).await.map_err(|e| e.to_string()));
                let c = format!("{:?}", f(&["0"], &mut out).await.map_err(|e| e.to_string()));
                (a, b, c, out)
            }
        }
    }
    run { go() }
}

twin! {
    /// `&mut impl FnMut`, `Option<&mut Vec<Tracker>>`, `&mut dyn FnMut` arguments.
    p5c_mut_ref_callable_args {
        lower! {
            pub async fn f(g: &mut impl FnMut(u32) -> u32, sink: Option<&mut Vec<Tracker>>, h: &mut dyn FnMut() -> Tracker) -> u32 {
                let a = g(leaf("a", 1).await);
                if let Some(s) = sink {
                    step("sink").await;
                    s.push(h());
                    s.push(h());
                }
                a + g(2)
            }
        }
    }
    run {
        let mut k = 0;
        let g = leak(move |x: u32| { k += 1; x + k });
        let h = leak(|| Tracker::new("h"));
        let v = leak(vec![Tracker("v0")]);
        f(g, Some(v), h)
    }
}

twin! {
    /// Turbofish on lowered functions: a generic only in the return type, alongside an
    /// `impl Trait` argument (explicit generic args allowed since 1.63), a const generic;
    /// a lowered fn used as a value (`map(f)`).
    p5c_turbofish_and_fn_values {
        lower! {
            pub async fn parse<T: std::str::FromStr>(s: &str, tag: impl Debug) -> Option<T> {
                step("parse").await;
                log(format!("tag {tag:?}"));
                s.parse().ok()
            }
        }
        lower! {
            pub async fn zeros<const N: usize>(t: Tracker) -> [u8; N] {
                step(t.name()).await;
                [0; N]
            }
        }
        lower! {
            pub async fn double(x: u32) -> u32 {
                leaf("d", x * 2).await
            }
        }
        lower! {
            pub async fn go() -> (Option<u8>, Option<i64>, [u8; 2], Vec<u32>) {
                let a = parse::<u8>("7", Tracker("tag1")).await;
                let b = parse::<i64>("-3", 5u8).await;
                let c = zeros::<2>(Tracker("z")).await;
                let futs = [1u32, 2].map(double);
                let mut out = Vec::new();
                for f in futs {
                    out.push(f.await);
                }
                (a, b, c, out)
            }
        }
    }
    run { go() }
}

twin! {
    /// `Self` arguments and results in a trait impl for a generic type.
    p5c_trait_self_generic_impl {
        #[allow(async_fn_in_trait)]
        pub trait Combine6: Sized {
            async fn combine(self, other: Self) -> Self;
        }
        #[derive(Debug)]
        pub struct Wrap6<T>(pub Vec<T>, pub Tracker);
        impl<T: Debug> Combine6 for Wrap6<T> {
            lower! {
                async fn combine(self, other: Self) -> Self {
                    let Wrap6(mut a, ta) = self;
                    step("c").await;
                    let Wrap6(b, tb) = other;
                    a.extend(b);
                    log(format!("{ta:?} {tb:?}"));
                    step("c2").await;
                    Wrap6(a, Tracker::new("combined"))
                }
            }
        }
    }
    run { Wrap6(vec![1u8], Tracker("x")).combine(Wrap6(vec![2], Tracker("y"))) }
}

// ---- Minimal forms of the failures found above ----

pub struct Req5 {
    pub n: u32,
    pub t: Tracker,
}
impl Req5 {
    /// A by-value `self` method returning a future (like `RequestBuilder::send(self)`).
    pub fn send(self) -> Leaf<u32> {
        log(format!("send {:?}", self.t));
        leaf("send", self.n)
    }
}

twin! {
    /// A by-value `self` method on a plain local, awaited: `req.send().await`.
    p5c_min_self_method_on_local {
        lower! {
            pub async fn f() -> u32 {
                let req = Req5 { n: 1, t: Tracker("req") };
                req.send().await
            }
        }
    }
    run { f() }
}

twin! {
    /// A by-value `self` method on a temporary receiver, awaited: `make().send().await`.
    p5c_min_self_method_on_temporary {
        lower! {
            pub async fn f(n: u32) -> u32 {
                Req5 { n, t: Tracker("req") }.send().await
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A `ref` binding in a parameter pattern, used after an await.
    p5c_min_ref_param_pattern {
        lower! {
            pub async fn f((n, ref t): (u32, Tracker)) -> u32 {
                step("s").await;
                log(format!("{t:?}"));
                n
            }
        }
    }
    run { f((1, Tracker("t"))) }
}

twin! {
    /// A tuple parameter pattern with `_`: the unbound element stays in the argument
    /// until the end of the body (native), it must not drop at the start.
    p5c_min_wildcard_in_param_pattern {
        lower! {
            pub async fn f((a, _): (Tracker, Tracker)) -> u32 {
                step("s").await;
                log(format!("{a:?}"));
                1
            }
        }
    }
    run { f((Tracker("a"), Tracker("unbound"))) }
}

twin! {
    /// A struct parameter pattern with `..`: the unbound field stays until the end.
    p5c_min_rest_in_struct_param_pattern {
        lower! {
            pub async fn f(W5 { n, .. }: W5) -> u32 {
                step("s").await;
                n
            }
        }
    }
    run { f(W5 { keep: Tracker("keep"), rest: Tracker("rest"), n: 4 }) }
}

twin! {
    /// Calling a `Box<dyn FnOnce>` local with an awaited argument.
    p5c_min_box_fnonce_call_await_arg {
        lower! {
            pub async fn f() -> u32 {
                let make: Box<dyn FnOnce(u32) -> u32> = Box::new(|x| x + 1);
                make(leaf("n", 1).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// Calling an `impl FnOnce` argument with an awaited argument.
    p5c_min_impl_fnonce_call_await_arg {
        lower! {
            pub async fn f(make: impl FnOnce(u32) -> Tracker) -> Tracker {
                make(leaf("n", 1).await)
            }
        }
    }
    run { let t = Tracker("cap"); f(move |n| { log(format!("{n} {t:?}")); Tracker::new("made") }) }
}

// Known gap: as p5c_cfg_param.
#[cfg(feature = "known-gaps")]
twin! {
    /// A `#[cfg]`-disabled parameter.
    p5c_min_cfg_param {
        lower! {
            pub async fn f(#[cfg(any())] gone: u32, kept: u32) -> u32 {
                step("s").await;
                kept
            }
        }
    }
    run { f(5) }
}

twin! {
    /// The tail coerces to the return type: `if`/`else` of two `Box::new` into `Box<dyn Debug>`.
    p5c_min_tail_unsize_coercion {
        lower! {
            pub async fn f(n: u32) -> Box<dyn Debug> {
                step("s").await;
                if n > 1 { Box::new(Tracker("b")) } else { Box::new(n) }
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A closure returned as `impl Fn(u32) -> u32`: its parameter type comes from the
    /// return type.
    p5c_min_impl_fn_return_closure {
        lower! {
            pub async fn adder(n: u32) -> impl Fn(u32) -> u32 {
                step("s").await;
                move |x| x + n
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let f = adder(1).await;
                f(2)
            }
        }
    }
    run { go() }
}

twin! {
    /// Calling a `Box<dyn FnOnce>` parameter with an awaited argument.
    p5c_min_box_fnonce_param_call_await_arg {
        lower! {
            pub async fn f(make: Box<dyn FnOnce(u32) -> u32>) -> u32 {
                step("s").await;
                make(leaf("n", 1).await)
            }
        }
    }
    run { f(Box::new(|x| x + 1)) }
}

twin! {
    /// Calling a `Box<dyn FnOnce>` local that lived across an await, with a plain argument.
    p5c_min_box_fnonce_after_await {
        lower! {
            pub async fn f() -> u32 {
                let make: Box<dyn FnOnce(u32) -> u32> = Box::new(|x| x + 1);
                step("s").await;
                make(2)
            }
        }
    }
    run { f() }
}

twin! {
    /// Calling an `impl FnOnce` argument, then an await.
    p5c_min_fnonce_call_then_await {
        lower! {
            pub async fn f(make: impl FnOnce(u32) -> u32) -> u32 {
                let b = make(7);
                step("x").await;
                b
            }
        }
    }
    run { f(|x| x + 1) }
}

twin! {
    /// Calling a `Box<dyn FnOnce>` local, then an await.
    p5c_min_box_fnonce_local_call_then_await {
        lower! {
            pub async fn f() -> u32 {
                let make: Box<dyn FnOnce(u32) -> u32> = Box::new(|x| x + 1);
                let b = make(7);
                step("x").await;
                b
            }
        }
    }
    run { f() }
}

twin! {
    /// A by-value `self` method on a local (`String::into_bytes`), then an await.
    p5c_min_self_method_then_await {
        lower! {
            pub async fn f() -> usize {
                let s = String::from("ab");
                let bytes = s.into_bytes();
                step("x").await;
                bytes.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A by-value `self` method on a parameter (`Option::unwrap`), then an await.
    p5c_min_self_method_param_then_await {
        lower! {
            pub async fn f(t: Option<Tracker>) -> usize {
                let t = t.unwrap();
                step("x").await;
                t.0.len()
            }
        }
    }
    run { f(Some(Tracker("t"))) }
}

twin! {
    /// Coercions at `return` and at the tail: `&Vec<u32>` to `&[u32]`, `Box<closure>` to
    /// `Box<dyn Fn>`, `return Box::new(..)` to `Box<dyn Debug>`.
    p5c_return_coercions {
        lower! {
            pub async fn slice(v: &Vec<u32>) -> &[u32] {
                step("sl").await;
                v
            }
        }
        lower! {
            pub async fn boxed_fn(n: u32) -> Box<dyn Fn(u32) -> u32> {
                step("bf").await;
                Box::new(move |x| x * n)
            }
        }
        lower! {
            pub async fn early(n: u32) -> Box<dyn Debug> {
                step("e").await;
                if n == 0 {
                    return Box::new("zero");
                }
                Box::new(Tracker("nonzero"))
            }
        }
        lower! {
            pub async fn go() -> (usize, u32, String, String) {
                let v = vec![1, 2, 3];
                let a = slice(&v).await.len();
                let f = boxed_fn(3).await;
                let b = format!("{:?}", early(0).await);
                let c = format!("{:?}", early(1).await);
                (a, f(2), b, c)
            }
        }
    }
    run { go() }
}

twin! {
    /// `return` of a value that must coerce to the declared return type.
    p5c_min_return_unsize_coercion {
        lower! {
            pub async fn f(n: u32) -> Box<dyn Debug> {
                step("s").await;
                if n == 0 {
                    return Box::new("zero");
                }
                Box::new(n)
            }
        }
    }
    run { f(0) }
}

twin! {
    /// A `mut` parameter borrowed (by a method call) and then reassigned, then an await.
    p5c_min_mut_param_borrowed_then_assigned {
        lower! {
            pub async fn f(mut t: Option<Tracker>) -> usize {
                let n = t.as_ref().map(|t| t.0.len()).unwrap_or(0);
                t = None;
                step("a").await;
                n + t.is_none() as usize
            }
        }
    }
    run { f(Some(Tracker("t"))) }
}

twin! {
    /// A `mut` local borrowed by a method call, reassigned, then used after an await.
    p5c_min_mut_local_borrowed_then_assigned {
        lower! {
            pub async fn f() -> usize {
                let mut s = String::from("ab");
                let n = s.as_str().len();
                s = String::from("xyz");
                step("a").await;
                n + s.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `-> !`: stable for a native `async fn`.
    p5c_min_never_return_type {
        lower! {
            pub async fn f() -> ! {
                step("a").await;
                panic!("never")
            }
        }
    }
    run { f() }
}

twin! {
    /// A user type named `GoState` used in the body of `async fn go`.
    p5c_min_user_type_named_state {
        pub struct GoState {
            pub n: u32,
        }
        lower! {
            pub async fn go() -> u32 {
                let s = GoState { n: 1 };
                step("a").await;
                s.n
            }
        }
    }
    run { go() }
}

twin! {
    /// An inner attribute at the start of the body.
    p5c_min_inner_attribute {
        lower! {
            pub async fn f() -> u32 {
                #![allow(unused_variables)]
                let x = 1;
                step("a").await;
                2
            }
        }
    }
    run { f() }
}

twin! {
    /// `&&` whose left operand starts with a struct literal and whose right operand awaits.
    p5c_min_struct_literal_left_of_lazy_and {
        lower! {
            pub async fn f() -> bool {
                let ok = W5 { keep: Tracker("k"), rest: Tracker("r"), n: 1 }.n > 0 && leaf("x", true).await;
                ok
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` `async` block borrowing a parameter, awaited at once in a `let` (left
    /// out of the benches as not lowering, once).
    p5c_async_block_in_let {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let d = async { leaf("n", n).await * 2 }.await;
                d + 1
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A tail coerced at the return site (`&String` to `&str`).
    p5c_coerced_tail {
        pub struct Cache5 {
            pub map: std::collections::BTreeMap<u32, String>,
        }
        impl Cache5 {
            lower! {
                pub async fn get_or_fetch(&mut self, k: u32) -> &str {
                    if !self.map.contains_key(&k) {
                        let v = leaf("fetch", format!("v{k}")).await;
                        self.map.insert(k, v);
                    }
                    &self.map[&k]
                }
            }
        }
        pub async fn go() -> String {
            let c = leak(Cache5 { map: Default::default() });
            let a = c.get_or_fetch(1).await.to_string();
            let b = c.get_or_fetch(1).await.to_string();
            a + &b
        }
    }
    run { go() }
}
