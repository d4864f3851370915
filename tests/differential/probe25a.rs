//! Probe round 25a: generic, trait-heavy library-style code: traits with `async fn`
//! implemented for several types and called through generics, associated types and
//! consts, default methods, generic structs with lowered methods (`&self`, `&mut self`,
//! `self`) and `where` clauses, `impl Trait` arguments, structs holding references,
//! stored callbacks (`Box<dyn Fn>`, `Option<Box<dyn FnMut>>`), `Rc<RefCell<..>>` observers,
//! builders consumed by `self` chains, newtypes with `From`, `PhantomData` markers, generic
//! error enums with `?`, lowered fns calling lowered fns generically, boxed recursion and
//! returned `impl Iterator` / `impl Fn` / `Box<dyn Trait>`.
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::{Cell, RefCell};
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};
#[allow(unused_imports)]
use std::marker::PhantomData;
#[allow(unused_imports)]
use std::rc::Rc;

twin! {
    /// A `Store` trait with `async fn get`/`put`, implemented for two types by lowered
    /// methods and driven through a generic fn `T: Store`.
    p25a_store_trait_two_impls {
        pub trait Store {
            async fn get(&self, key: u32) -> Option<u32>;
            async fn put(&mut self, key: u32, v: u32) -> bool;
        }
        pub struct MemStore { pub map: BTreeMap<u32, u32>, pub _t: Tracker }
        pub struct LogStore { pub entries: Vec<(u32, u32)> }
        impl Store for MemStore {
            lower! {
                async fn get(&self, key: u32) -> Option<u32> {
                    step("mem.get").await;
                    self.map.get(&key).copied()
                }
            }
            lower! {
                async fn put(&mut self, key: u32, v: u32) -> bool {
                    let old = self.map.insert(key, leaf("mem.put", v).await);
                    old.is_none()
                }
            }
        }
        impl Store for LogStore {
            lower! {
                async fn get(&self, key: u32) -> Option<u32> {
                    let _g = Tracker::new("log.get");
                    step("log.get").await;
                    self.entries.iter().rev().find(|e| e.0 == key).map(|e| e.1)
                }
            }
            lower! {
                async fn put(&mut self, key: u32, v: u32) -> bool {
                    step("log.put").await;
                    self.entries.push((key, v));
                    true
                }
            }
        }
        lower! {
            pub async fn fill<T: Store>(s: &mut T, n: u32) -> u32 {
                let mut fresh = 0;
                for k in 0..n {
                    if s.put(k % 2, k * 10).await {
                        fresh += 1;
                    }
                }
                let a = s.get(0).await.unwrap_or(99);
                let b = s.get(7).await.unwrap_or(99);
                fresh * 1000 + a + b
            }
        }
        lower! {
            pub async fn both() -> (u32, u32) {
                let mut m = MemStore { map: BTreeMap::new(), _t: Tracker::new("mem") };
                let mut l = LogStore { entries: Vec::new() };
                let x = fill(&mut m, 3).await;
                let y = fill(&mut l, 3).await;
                (x, y)
            }
        }
    }
    run { both() }
}

twin! {
    /// A trait with an associated type and const, a generic fn reading `T::LIMIT` and
    /// collecting `T::Item`s across awaits.
    p25a_assoc_type_and_const {
        pub trait Source {
            type Item: Debug;
            const LIMIT: usize;
            async fn next(&mut self) -> Option<Self::Item>;
        }
        pub struct Counter { pub n: u32 }
        pub struct Words { pub words: Vec<&'static str>, pub _t: Tracker }
        impl Source for Counter {
            type Item = u32;
            const LIMIT: usize = 3;
            lower! {
                async fn next(&mut self) -> Option<Self::Item> {
                    self.n += 1;
                    leaf("count", Some(self.n)).await
                }
            }
        }
        impl Source for Words {
            type Item = String;
            const LIMIT: usize = 5;
            lower! {
                async fn next(&mut self) -> Option<String> {
                    step("word").await;
                    self.words.pop().map(|w| w.to_uppercase())
                }
            }
        }
        lower! {
            pub async fn take_all<S: Source>(mut s: S) -> Vec<S::Item> {
                let mut out = Vec::new();
                while out.len() < S::LIMIT {
                    match s.next().await {
                        Some(x) => out.push(x),
                        None => break,
                    }
                }
                log(format!("took {}", out.len()));
                out
            }
        }
        lower! {
            pub async fn go() -> String {
                let a = take_all(Counter { n: 10 }).await;
                let b = take_all(Words { words: vec!["a", "b"], _t: Tracker::new("words") }).await;
                format!("{a:?} {b:?}")
            }
        }
    }
    run { go() }
}

twin! {
    /// A generic fn over a trait's `async fn` returning `Result<T::Out, E>`, with `?` on each
    /// call and a tracker alive across the failing call.
    p25a_trait_result_question {
        #[derive(Debug)]
        pub enum Err<E> { Inner(E), Limit(u32) }
        pub trait Fetch {
            type Out: Debug;
            type E: Debug;
            async fn fetch(&self, id: u32) -> Result<Self::Out, Self::E>;
        }
        pub struct Even;
        impl Fetch for Even {
            type Out = u32;
            type E = String;
            lower! {
                async fn fetch(&self, id: u32) -> Result<u32, String> {
                    let v = leaf("fetch", id).await;
                    if v % 2 == 0 { Ok(v / 2) } else { Err(format!("odd {v}")) }
                }
            }
        }
        lower! {
            pub async fn sum3<F: Fetch<Out = u32>>(f: &F, ids: [u32; 3]) -> Result<u32, Err<F::E>> {
                let _g = Tracker::new("g");
                let mut total = 0;
                for id in ids {
                    let _t = Tracker::new("iter");
                    total += f.fetch(id).await.map_err(Err::Inner)?;
                    if total > 100 {
                        return Err(Err::Limit(total));
                    }
                }
                step("done").await;
                Ok(total)
            }
        }
    }
    run { pair(sum3(&Even, [2, 4, 6]), pair(sum3(&Even, [2, 3, 6]), sum3(&Even, [2, 400, 6]))) }
}

twin! {
    /// A trait with a native default method calling the required `async fn`s twice; the
    /// required ones are lowered in the impl.
    p25a_default_method_calls_required {
        pub trait Named {
            async fn name(&self) -> String;
            async fn greet(&self, other: &str) -> String {
                let n = self.name().await;
                step("between").await;
                let m = self.name().await;
                format!("{n}/{m} greets {other}")
            }
        }
        pub struct Dog { pub calls: Cell<u32>, pub _t: Tracker }
        impl Named for Dog {
            lower! {
                async fn name(&self) -> String {
                    self.calls.set(self.calls.get() + 1);
                    let c = leaf("dog", self.calls.get()).await;
                    format!("dog{c}")
                }
            }
        }
        lower! {
            pub async fn run_it<N: Named>(n: N) -> String {
                let s = n.greet("cat").await;
                step("after").await;
                s
            }
        }
    }
    run { run_it(Dog { calls: Cell::new(0), _t: Tracker::new("dog") }) }
}

twin! {
    /// A trait's default `async fn` itself lowered in the trait definition, overridden by
    /// one impl and inherited by another.
    p25a_default_method_lowered_in_trait {
        pub trait Shape {
            fn sides(&self) -> u32;
            lower! {
                async fn describe(&self) -> String {
                    let _g = Tracker::new("describe");
                    let s = leaf("sides", self.sides()).await;
                    format!("{s} sides")
                }
            }
        }
        pub struct Tri;
        pub struct Sq;
        impl Shape for Tri {
            fn sides(&self) -> u32 { 3 }
        }
        impl Shape for Sq {
            fn sides(&self) -> u32 { 4 }
            lower! {
                async fn describe(&self) -> String {
                    step("square").await;
                    String::from("square")
                }
            }
        }
        lower! {
            pub async fn both<A: Shape, B: Shape>(a: A, b: B) -> (String, String) {
                let x = a.describe().await;
                let y = b.describe().await;
                (x, y)
            }
        }
    }
    run { both(Tri, Sq) }
}

twin! {
    /// `Cache<K, V>` with a lowered `get_or_load(&mut self, k, impl Fn(&K) -> V)`, `K: Ord +
    /// Clone`, values that are trackers.
    p25a_generic_cache_get_or_load {
        pub struct Cache<K, V> { pub map: BTreeMap<K, V>, pub hits: u32 }
        impl<K: Ord + Clone + Debug, V> Cache<K, V> {
            pub fn new() -> Self { Cache { map: BTreeMap::new(), hits: 0 } }
            lower! {
                pub async fn get_or_load(&mut self, k: K, load: impl Fn(&K) -> V) -> &V {
                    if self.map.contains_key(&k) {
                        self.hits += 1;
                        step("hit").await;
                    } else {
                        log(format!("miss {k:?}"));
                        step("load").await;
                        let v = load(&k);
                        self.map.insert(k.clone(), v);
                    }
                    self.map.get(&k).unwrap()
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, Vec<&'static str>) {
                let mut c = Cache::new();
                let a = c.get_or_load(1, |k| if *k == 1 { Tracker::new("one") } else { Tracker::new("other") }).await.name();
                let b = c.get_or_load(2, |_| Tracker::new("two")).await.name();
                let d = c.get_or_load(1, |_| Tracker::new("never")).await.name();
                step("end").await;
                (c.hits, vec![a, b, d])
            }
        }
    }
    run { go() }
}

twin! {
    /// `Pool<T: Default>` handing out items with `acquire(&mut self) -> T` and `release`
    /// across awaits; the pool drops its leftovers at the end.
    p25a_pool_default_acquire_release {
        #[derive(Default, Debug)]
        pub struct Conn { pub id: u32, pub uses: u32 }
        impl Drop for Conn {
            fn drop(&mut self) { log(format!("drop conn {} uses {}", self.id, self.uses)); }
        }
        pub struct Pool<T: Default> { pub free: Vec<T>, pub made: u32 }
        impl<T: Default> Pool<T> {
            lower! {
                pub async fn acquire(&mut self) -> T {
                    step("acquire").await;
                    match self.free.pop() {
                        Some(t) => t,
                        None => {
                            self.made += 1;
                            T::default()
                        }
                    }
                }
            }
            lower! {
                pub async fn release(&mut self, t: T) {
                    step("release").await;
                    self.free.push(t);
                }
            }
        }
        lower! {
            pub async fn work() -> u32 {
                let mut pool: Pool<Conn> = Pool { free: Vec::new(), made: 0 };
                let mut a = pool.acquire().await;
                a.id = 1;
                let mut b = pool.acquire().await;
                b.id = 2;
                a.uses += leaf("use", 1).await;
                pool.release(a).await;
                let mut c = pool.acquire().await;
                c.uses += 10;
                step("end").await;
                drop(b);
                pool.made
            }
        }
    }
    run { work() }
}

twin! {
    /// `Retry<F>` holding an `FnMut() -> Result<u32, String>`; a lowered `run(mut self)`
    /// retries with an await between attempts and logs each failure.
    p25a_retry_struct_self {
        pub struct Retry<F> { pub f: F, pub max: u32, pub _t: Tracker }
        impl<F: FnMut(u32) -> Result<u32, String>> Retry<F> {
            lower! {
                pub async fn run(mut self) -> Result<u32, String> {
                    let mut attempt = 0;
                    loop {
                        attempt += 1;
                        match (self.f)(attempt) {
                            Ok(v) => return Ok(v),
                            Err(e) if attempt < self.max => {
                                log(format!("retry after {e}"));
                                step("backoff").await;
                            }
                            Err(e) => return Err(e),
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Result<u32, String>, Result<u32, String>) {
                let r1 = Retry { f: |a: u32| if a < 3 { Err(format!("e{a}")) } else { Ok(a * 7) }, max: 5, _t: Tracker::new("r1") };
                let x = r1.run().await;
                let r2 = Retry { f: |a: u32| Err(format!("never{a}")), max: 2, _t: Tracker::new("r2") };
                let y = r2.run().await;
                (x, y)
            }
        }
    }
    run { go() }
}

twin! {
    /// A `Parser<'a>` over `&'a str` with `&mut self` lowered methods awaited repeatedly;
    /// returned slices kept across later awaits.
    p25a_parser_ref_slices {
        pub struct Parser<'a> { pub input: &'a str, pub pos: usize }
        impl<'a> Parser<'a> {
            lower! {
                pub async fn word(&mut self) -> Option<&'a str> {
                    step("skip").await;
                    let rest = &self.input[self.pos..];
                    let rest_trim = rest.trim_start();
                    self.pos += rest.len() - rest_trim.len();
                    if rest_trim.is_empty() {
                        return None;
                    }
                    let end = rest_trim.find(' ').unwrap_or(rest_trim.len());
                    let w = &rest_trim[..end];
                    self.pos += end;
                    leaf("word", Some(w)).await
                }
            }
        }
        lower! {
            pub async fn parse(s: &str) -> Vec<&str> {
                let mut p = Parser { input: s, pos: 0 };
                let _g = Tracker::new("g");
                let first = p.word().await;
                let mut rest = Vec::new();
                while let Some(w) = p.word().await {
                    rest.push(w);
                }
                step("end").await;
                rest.insert(0, first.unwrap_or("-"));
                rest
            }
        }
    }
    run { parse(leak(String::from("  let x  = 42 "))) }
}

twin! {
    /// A struct with a `Box<dyn Fn(&str) -> bool>` filter called between awaits.
    p25a_boxed_fn_filter_field {
        pub struct Filter { pub pred: Box<dyn Fn(&str) -> bool>, pub _t: Tracker }
        lower! {
            pub async fn keep(f: &Filter, items: Vec<&'static str>) -> Vec<String> {
                let mut out = Vec::new();
                for it in items {
                    let s = leaf("item", it).await;
                    if (f.pred)(s) {
                        out.push(s.to_string());
                        step("kept").await;
                    }
                }
                out
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let min = 3;
                let f = Filter { pred: Box::new(move |s| s.len() >= min), _t: Tracker::new("filter") };
                let r = keep(&f, vec!["ab", "abc", "x", "abcd"]).await;
                step("after").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// `Option<Box<dyn FnMut(u32)>>` observer on a struct, set, called between awaits, taken
    /// out and dropped (its captured tracker drops then).
    p25a_option_boxed_fnmut_observer {
        pub struct Emitter { pub on: Option<Box<dyn FnMut(u32)>>, pub n: u32 }
        impl Emitter {
            lower! {
                pub async fn emit(&mut self, v: u32) {
                    let x = leaf("emit", v).await;
                    self.n += 1;
                    if let Some(cb) = self.on.as_mut() {
                        cb(x);
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut e = Emitter { on: None, n: 0 };
                e.emit(1).await;
                let t = Tracker::new("cb");
                let mut seen = 0;
                e.on = Some(Box::new(move |v| {
                    seen += v;
                    log(format!("cb {} {v} {seen}", t.name()));
                }));
                e.emit(2).await;
                e.emit(3).await;
                let old = e.on.take();
                step("taken").await;
                drop(old);
                e.emit(4).await;
                e.n
            }
        }
    }
    run { go() }
}

twin! {
    /// An `Rc<RefCell<Vec<..>>>` shared by observers; a lowered fn notifies each with an
    /// await between, borrowing mutably only outside awaits.
    p25a_rc_refcell_observers {
        pub struct Obs { pub name: &'static str, pub seen: Rc<RefCell<Vec<String>>> }
        impl Obs {
            pub fn notify(&self, v: u32) { self.seen.borrow_mut().push(format!("{}:{v}", self.name)); }
        }
        impl Drop for Obs {
            fn drop(&mut self) { log(format!("drop obs {}", self.name)); }
        }
        lower! {
            pub async fn broadcast(obs: Vec<Obs>, vals: &[u32]) -> Vec<String> {
                let shared = obs[0].seen.clone();
                for v in vals {
                    let v = leaf("v", *v).await;
                    for o in &obs {
                        o.notify(v);
                        step("n").await;
                    }
                }
                drop(obs);
                step("dropped").await;
                let out = shared.borrow().clone();
                out
            }
        }
    }
    run {
        let seen = Rc::new(RefCell::new(Vec::new()));
        broadcast(vec![Obs { name: "a", seen: seen.clone() }, Obs { name: "b", seen }], leak(vec![1, 2]))
    }
}

twin! {
    /// A builder consumed by `self` chains (`.host(..).port(..)`) then `connect(self)`
    /// awaited.
    p25a_builder_self_chain_connect {
        pub struct Builder { pub host: String, pub port: u16, pub _t: Tracker }
        pub struct Conn { pub addr: String, pub _t: Tracker }
        impl Builder {
            pub fn new() -> Self { Builder { host: String::new(), port: 0, _t: Tracker::new("builder") } }
            pub fn host(mut self, h: &str) -> Self { self.host = h.to_string(); self }
            pub fn port(mut self, p: u16) -> Self { self.port = p; self }
            lower! {
                pub async fn connect(self) -> Conn {
                    step("dial").await;
                    let addr = format!("{}:{}", self.host, self.port);
                    step("handshake").await;
                    Conn { addr, _t: Tracker::new("conn") }
                }
            }
        }
        lower! {
            pub async fn go() -> String {
                let c = Builder::new().host("db").port(5432).connect().await;
                step("connected").await;
                let b = Builder::new().host("cache");
                let b = b.port(leaf("port", 6379).await);
                let d = b.connect().await;
                format!("{} {}", c.addr, d.addr)
            }
        }
    }
    run { go() }
}

twin! {
    /// Newtypes with `From` conversions used with `.into()` and `?` across awaits.
    p25a_newtype_from_question {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct UserId(pub u32);
        #[derive(Debug)]
        pub struct AppError(pub String);
        impl From<u32> for UserId { fn from(v: u32) -> Self { UserId(v) } }
        impl From<std::num::ParseIntError> for AppError {
            fn from(e: std::num::ParseIntError) -> Self { AppError(format!("parse: {e}")) }
        }
        lower! {
            pub async fn load(raw: &str) -> Result<UserId, AppError> {
                let _g = Tracker::new("load");
                let s = leaf("raw", raw).await;
                let n: u32 = s.trim().parse()?;
                step("parsed").await;
                Ok(n.into())
            }
        }
        lower! {
            pub async fn go() -> Vec<Result<UserId, AppError>> {
                let mut out = Vec::new();
                for r in ["12", " 7 ", "x1"] {
                    out.push(load(r).await);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A `PhantomData` unit marker in a generic `Id<T>` used by a generic repository.
    p25a_phantom_marker_ids {
        pub struct Id<T> { pub raw: u32, pub _m: PhantomData<T> }
        impl<T> Id<T> { pub fn new(raw: u32) -> Self { Id { raw, _m: PhantomData } } }
        impl<T> Clone for Id<T> { fn clone(&self) -> Self { Id::new(self.raw) } }
        impl<T> Copy for Id<T> {}
        pub struct User;
        pub struct Repo<T> { pub rows: Vec<(Id<T>, String)> }
        impl<T> Repo<T> {
            lower! {
                pub async fn insert(&mut self, name: &str) -> Id<T> {
                    let id = Id::new(self.rows.len() as u32 + leaf("base", 100).await);
                    self.rows.push((id, name.to_string()));
                    id
                }
            }
            lower! {
                pub async fn find(&self, id: Id<T>) -> Option<&str> {
                    step("find").await;
                    self.rows.iter().find(|r| r.0.raw == id.raw).map(|r| r.1.as_str())
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, Option<String>) {
                let mut r: Repo<User> = Repo { rows: Vec::new() };
                let _g = Tracker::new("g");
                let a = r.insert("ann").await;
                let b = r.insert("bob").await;
                let name = r.find(b).await.map(|s| s.to_string());
                (a.raw + b.raw, name)
            }
        }
    }
    run { go() }
}

twin! {
    /// A generic error enum `Error<E>` with `From<E>`, and `?` converting through it in a
    /// generic fn calling a trait's `async fn` that fails.
    p25a_generic_error_enum_from {
        #[derive(Debug)]
        pub enum Error<E> { Backend(E), NotFound(u32) }
        impl<E> From<E> for Error<E> { fn from(e: E) -> Self { Error::Backend(e) } }
        pub trait Backend {
            type E: Debug;
            async fn read(&self, k: u32) -> Result<Option<u32>, Self::E>;
        }
        pub struct Flaky { pub bad: u32 }
        impl Backend for Flaky {
            type E = String;
            lower! {
                async fn read(&self, k: u32) -> Result<Option<u32>, String> {
                    step("read").await;
                    if k == self.bad { Err(format!("io {k}")) } else if k > 5 { Ok(None) } else { Ok(Some(k * 3)) }
                }
            }
        }
        lower! {
            pub async fn must<B: Backend>(b: &B, k: u32) -> Result<u32, Error<B::E>> {
                let _g = Tracker::new("must");
                let v = b.read(k).await?.ok_or(Error::NotFound(k))?;
                step("ok").await;
                Ok(v)
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let f = Flaky { bad: 2 };
                let mut out = Vec::new();
                for k in [1, 2, 9] {
                    out.push(format!("{:?}", must(&f, k).await));
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Lowered fns calling each other generically: `map_all<T, U, F: Fn(T) -> U>` over a
    /// `Vec<T>`, called with trackers and with numbers.
    p25a_generic_map_all {
        lower! {
            pub async fn map_all<T, U, F>(items: Vec<T>, f: F) -> Vec<U>
            where
                F: Fn(T) -> U,
            {
                let mut out = Vec::with_capacity(items.len());
                for it in items {
                    step("map").await;
                    out.push(f(it));
                }
                out
            }
        }
        lower! {
            pub async fn go() -> (Vec<&'static str>, Vec<u32>) {
                let ts = vec![Tracker::new("a"), Tracker::new("b")];
                let names = map_all(ts, |t| t.name()).await;
                let nums = map_all(vec![1, 2, 3], |n| n * n).await;
                (names, nums)
            }
        }
    }
    run { go() }
}

twin! {
    /// `impl IntoIterator<Item = T>` argument consumed by a lowered generic fn with an
    /// await per item; called with a `Vec`, an array and a `VecDeque`.
    p25a_impl_into_iterator_arg {
        lower! {
            pub async fn count_all<T: Debug>(xs: impl IntoIterator<Item = T>) -> usize {
                let mut n = 0;
                for x in xs {
                    log(format!("item {x:?}"));
                    step("it").await;
                    n += 1;
                }
                n
            }
        }
        lower! {
            pub async fn go() -> usize {
                let a = count_all(vec![Tracker::new("v1"), Tracker::new("v2")]).await;
                let b = count_all([1u8, 2, 3]).await;
                let c = count_all(VecDeque::from(vec!["x"])).await;
                a + b + c
            }
        }
    }
    run { go() }
}

twin! {
    /// `impl Fn(u32) -> u32` argument applied between awaits, and the same closure borrowed
    /// twice by two generic calls.
    p25a_impl_fn_arg_twice {
        lower! {
            pub async fn apply_n(f: impl Fn(u32) -> u32, mut x: u32, n: u32) -> u32 {
                for _ in 0..n {
                    x = f(leaf("x", x).await);
                }
                x
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) {
                let k = leaf("k", 3).await;
                let t = Tracker::new("t");
                let add = |v| v + k + t.name().len() as u32;
                let a = apply_n(&add, 1, 2).await;
                let b = apply_n(add, a, 1).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered fn returning `impl Iterator<Item = String>` built from borrowed-then-owned
    /// data; the caller consumes it across awaits.
    p25a_returns_impl_iterator {
        lower! {
            pub async fn names(prefix: &'static str, n: u32) -> impl Iterator<Item = String> {
                let _g = Tracker::new("names");
                let n = leaf("n", n).await;
                (0..n).map(move |i| format!("{prefix}{i}"))
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut out = Vec::new();
                for s in names("u", 3).await {
                    step("each").await;
                    out.push(s);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered fn returning `impl Fn(u32) -> u32` capturing an awaited value and a
    /// tracker; called after more awaits and dropped explicitly.
    p25a_returns_impl_fn_capturing_tracker {
        lower! {
            pub async fn make_adder(t: Tracker) -> impl Fn(u32) -> u32 {
                let k = leaf("k", 5).await;
                move |x| {
                    log(format!("add via {}", t.name()));
                    x + k
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let f = make_adder(Tracker::new("adder")).await;
                let a = f(leaf("a", 1).await);
                step("mid").await;
                let b = f(a);
                drop(f);
                step("end").await;
                b
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered fn returning `Box<dyn Handler>` chosen by an awaited value; the boxed
    /// handler's native method is called after more awaits.
    p25a_returns_box_dyn_trait {
        pub trait Handler { fn handle(&self, x: u32) -> String; }
        pub struct Upper(pub Tracker);
        pub struct Count(pub u32);
        impl Handler for Upper { fn handle(&self, x: u32) -> String { format!("UP{x}{}", self.0.name()) } }
        impl Handler for Count { fn handle(&self, x: u32) -> String { format!("c{}", x + self.0) } }
        lower! {
            pub async fn pick(kind: u32) -> Box<dyn Handler> {
                let k = leaf("kind", kind).await;
                if k == 0 {
                    Box::new(Upper(Tracker::new("upper")))
                } else {
                    step("count").await;
                    Box::new(Count(k))
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let hs = vec![pick(0).await, pick(7).await];
                let mut out = Vec::new();
                for h in hs.iter() {
                    out.push(h.handle(leaf("x", 1).await));
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Recursion through `Box::pin` in a generic tree walk: `sum<T: Copy + Into<u64>>`.
    p25a_box_pin_recursive_tree {
        pub enum Tree<T> { Leaf(T), Node(Box<Tree<T>>, Box<Tree<T>>) }
        lower! {
            pub async fn sum(t: &Tree<u32>, depth: u32) -> u64 {
                match t {
                    Tree::Leaf(v) => {
                        let _g = Tracker::new("leaf");
                        leaf("v", u64::from(*v)).await
                    }
                    Tree::Node(l, r) => {
                        let a = Box::pin(sum(l, depth + 1)).await;
                        step("mid").await;
                        let b = Box::pin(sum(r, depth + 1)).await;
                        log(format!("depth {depth}: {a}+{b}"));
                        a + b
                    }
                }
            }
        }
    }
    run {
        let t = Tree::Node(Box::new(Tree::Leaf(1)), Box::new(Tree::Node(Box::new(Tree::Leaf(2)), Box::new(Tree::Leaf(3)))));
        sum(leak(t), 0)
    }
}

twin! {
    /// A generic `Queue<T>` with `push(&mut self, T)`, `pop(&mut self) -> Option<T>` lowered,
    /// trackers in it; dropped mid-way with items still inside.
    p25a_generic_queue_trackers {
        pub struct Queue<T> { pub items: VecDeque<T>, pub cap: usize }
        impl<T: Debug> Queue<T> {
            lower! {
                pub async fn push(&mut self, t: T) -> Result<(), T> {
                    step("push").await;
                    if self.items.len() >= self.cap {
                        return Err(t);
                    }
                    self.items.push_back(t);
                    Ok(())
                }
            }
            lower! {
                pub async fn pop(&mut self) -> Option<T> {
                    let r = self.items.pop_front();
                    step("pop").await;
                    r
                }
            }
        }
        lower! {
            pub async fn go() -> String {
                let mut q = Queue { items: VecDeque::new(), cap: 2 };
                q.push(Tracker::new("a")).await.unwrap();
                q.push(Tracker::new("b")).await.unwrap();
                let rejected = q.push(Tracker::new("c")).await;
                let first = q.pop().await;
                log(format!("first {first:?} rejected {rejected:?}"));
                q.push(Tracker::new("d")).await.ok();
                step("end").await;
                format!("{}", q.items.len())
            }
        }
    }
    run { go() }
}

twin! {
    /// A trait `Codec` with assoc type `Frame` and default method `roundtrip` (native) calling
    /// lowered `encode`/`decode`; used through two generic layers.
    p25a_codec_roundtrip_two_layers {
        pub trait Codec {
            type Frame: Debug + Clone;
            async fn encode(&self, v: u32) -> Self::Frame;
            async fn decode(&self, f: Self::Frame) -> u32;
        }
        pub struct Hex;
        impl Codec for Hex {
            type Frame = String;
            lower! {
                async fn encode(&self, v: u32) -> String {
                    step("enc").await;
                    format!("{v:x}")
                }
            }
            lower! {
                async fn decode(&self, f: String) -> u32 {
                    let s = leaf("dec", f).await;
                    u32::from_str_radix(&s, 16).unwrap()
                }
            }
        }
        lower! {
            pub async fn roundtrip<C: Codec>(c: &C, v: u32) -> (C::Frame, u32) {
                let f = c.encode(v).await;
                let back = c.decode(f.clone()).await;
                (f, back)
            }
        }
        lower! {
            pub async fn many<C: Codec>(c: C, vs: Vec<u32>) -> Vec<(C::Frame, u32)> {
                let _g = Tracker::new("many");
                let mut out = Vec::new();
                for v in vs {
                    out.push(roundtrip(&c, v).await);
                }
                out
            }
        }
    }
    run { many(Hex, vec![10, 255]) }
}

twin! {
    /// `where Self: Sized` on a lowered method taking `self` of a generic wrapper, returning
    /// the inner value after an await; the wrapper's `Drop` is not run (inner moved out via
    /// `Option::take`).
    p25a_wrapper_drop_take_inner {
        pub struct Guarded<T: Debug> { pub inner: Option<T>, pub name: &'static str }
        impl<T: Debug> Drop for Guarded<T> {
            fn drop(&mut self) { log(format!("drop guarded {} holding {:?}", self.name, self.inner)); }
        }
        impl<T: Debug> Guarded<T> {
            lower! {
                pub async fn into_inner(mut self) -> T {
                    step("unwrap").await;
                    self.inner.take().unwrap()
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let g = Guarded { inner: Some(Tracker::new("in")), name: "g1" };
                let h = Guarded { inner: Some(5u32), name: "g2" };
                let t = g.into_inner().await;
                step("got").await;
                let n = h.into_inner().await;
                drop(t);
                n
            }
        }
    }
    run { go() }
}

twin! {
    /// A trait with a generic method `async fn visit<V: Visitor>(&self, v: &mut V)`,
    /// implemented for a list; the visitor records and counts.
    p25a_visitor_generic_method {
        pub trait Visitor { fn visit(&mut self, x: u32); }
        pub struct Rec(pub Vec<u32>);
        impl Visitor for Rec { fn visit(&mut self, x: u32) { self.0.push(x); } }
        pub struct Sum(pub u32);
        impl Visitor for Sum { fn visit(&mut self, x: u32) { self.0 += x; } }
        pub trait Walk {
            async fn walk<V: Visitor>(&self, v: &mut V) -> usize;
        }
        pub struct List(pub Vec<u32>);
        impl Walk for List {
            lower! {
                async fn walk<V: Visitor>(&self, v: &mut V) -> usize {
                    let _g = Tracker::new("walk");
                    for x in &self.0 {
                        v.visit(leaf("x", *x).await);
                    }
                    self.0.len()
                }
            }
        }
        lower! {
            pub async fn go() -> (usize, Vec<u32>, u32) {
                let l = List(vec![3, 1, 2]);
                let mut r = Rec(Vec::new());
                let mut s = Sum(0);
                let n = l.walk(&mut r).await + l.walk(&mut s).await;
                (n, r.0, s.0)
            }
        }
    }
    run { go() }
}

twin! {
    /// Minimal: a field moved out (`r.0`) of a local lent mutably to two awaited calls
    /// that are the operands of one `+` (E0507; with one call alone it compiles).
    p25a_visitor_generic_method_min {
        pub struct Rec(pub Vec<u32>);
        lower! {
            pub async fn fill(r: &mut Rec) -> u32 { r.0.push(leaf("x", 1).await); 1 }
        }
        lower! {
            pub async fn go() -> (u32, Vec<u32>) {
                let mut r = Rec(Vec::new());
                let n = fill(&mut r).await + fill(&mut r).await;
                (n, r.0)
            }
        }
    }
    run { go() }
}

twin! {
    /// A state machine library shape: `Fsm<S: State>` where `State` has an `async fn
    /// next(self) -> Option<Self>` consumed in a loop.
    p25a_state_trait_consuming_next {
        pub trait State: Sized + Debug {
            async fn next(self) -> Option<Self>;
        }
        #[derive(Debug)]
        pub enum Light { Red(u32), Green, Off }
        impl State for Light {
            lower! {
                async fn next(self) -> Option<Light> {
                    step("tick").await;
                    match self {
                        Light::Red(0) => Some(Light::Green),
                        Light::Red(n) => Some(Light::Red(n - 1)),
                        Light::Green => Some(Light::Off),
                        Light::Off => None,
                    }
                }
            }
        }
        lower! {
            pub async fn drive<S: State>(mut s: S) -> u32 {
                let _g = Tracker::new("drive");
                let mut steps = 0;
                loop {
                    log(format!("at {s:?}"));
                    match s.next().await {
                        Some(n) => s = n,
                        None => break,
                    }
                    steps += 1;
                }
                steps
            }
        }
    }
    run { drive(Light::Red(2)) }
}

twin! {
    /// `Self::LIMIT`, `Self::new()` and `Self { .. }` inside lowered methods of a generic
    /// struct with an associated const of its own.
    p25a_self_paths_in_lowered_methods {
        pub struct Batch<T> { pub items: Vec<T>, pub _t: Tracker }
        impl<T: Debug> Batch<T> {
            pub const LIMIT: usize = 2;
            pub fn new() -> Self { Batch { items: Vec::new(), _t: Tracker::new("batch") } }
            lower! {
                pub async fn split(mut self) -> (Self, Self) {
                    step("split").await;
                    let rest = self.items.split_off(Self::LIMIT.min(self.items.len()));
                    let mut other = Self::new();
                    other.items = rest;
                    step("made").await;
                    (self, other)
                }
            }
            lower! {
                pub async fn fill(items: Vec<T>) -> Self {
                    let _g = Tracker::new("fill");
                    step("fill").await;
                    Self { items, _t: Tracker::new("filled") }
                }
            }
        }
        lower! {
            pub async fn go() -> String {
                let b = Batch::fill(vec![1, 2, 3, 4, 5]).await;
                let (a, c) = b.split().await;
                let (d, e) = c.split().await;
                format!("{:?} {:?} {:?}", a.items, d.items, e.items)
            }
        }
    }
    run { go() }
}

twin! {
    /// `Self::Item` and `Self::CAP` used in a lowered trait impl method body (assoc type in
    /// a turbofish, const in a comparison).
    p25a_self_assoc_in_trait_impl_body {
        pub trait Buffer {
            type Item;
            const CAP: usize;
            async fn collect(&mut self, n: u32) -> usize;
        }
        pub struct Ints { pub v: Vec<u32> }
        impl Buffer for Ints {
            type Item = u32;
            const CAP: usize = 3;
            lower! {
                async fn collect(&mut self, n: u32) -> usize {
                    let mut fresh = Vec::<Self::Item>::new();
                    for i in 0..n {
                        if self.v.len() + fresh.len() >= Self::CAP {
                            log(format!("full at {i}"));
                            break;
                        }
                        fresh.push(leaf("i", i).await);
                    }
                    let k = fresh.len();
                    self.v.extend(fresh);
                    k
                }
            }
        }
        lower! {
            pub async fn go() -> (usize, usize, Vec<u32>) {
                let mut b = Ints { v: vec![9] };
                let a = b.collect(1).await;
                let c = b.collect(5).await;
                (a, c, b.v)
            }
        }
    }
    run { go() }
}

twin! {
    /// A generic retry helper taking `F: FnMut() -> Fut, Fut: Future<Output = Result<T, E>>`,
    /// given a closure calling another lowered fn.
    p25a_retry_future_factory {
        lower! {
            pub async fn attempt(n: u32, t: Tracker) -> Result<u32, String> {
                let v = leaf("attempt", n).await;
                drop(t);
                if v < 3 { Err(format!("fail{v}")) } else { Ok(v * 100) }
            }
        }
        lower! {
            pub async fn retry<T, E: Debug, F, Fut>(mut f: F, max: u32) -> Result<T, E>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<T, E>>,
            {
                let mut i = 0;
                loop {
                    i += 1;
                    match f(i).await {
                        Ok(v) => return Ok(v),
                        Err(e) if i < max => {
                            log(format!("retry {i}: {e:?}"));
                            step("wait").await;
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> (Result<u32, String>, Result<u32, String>) {
                let _g = Tracker::new("g");
                let a = retry(|i| attempt(i, Tracker::new("try")), 5).await;
                let b = retry(|i| attempt(i, Tracker::new("short")), 2).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// An `async` closure (`async |x| ..`) made in a lowered fn and passed to a generic
    /// lowered fn taking `impl AsyncFn(u32) -> u32`.
    p25a_async_closure_asyncfn_arg {
        lower! {
            pub async fn twice(f: impl AsyncFn(u32) -> u32, x: u32) -> u32 {
                let a = f(x).await;
                step("between").await;
                f(a).await
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let t = Tracker::new("cap");
                let k = leaf("k", 2).await;
                let r = twice(async |x| {
                    log(format!("in closure {}", t.name()));
                    leaf("inner", x * k).await
                }, 3).await;
                step("end").await;
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// A const-generic ring buffer `Ring<T, const N: usize>` with lowered `push` that
    /// evicts (and drops) the oldest tracker.
    p25a_const_generic_ring_evicts {
        pub struct Ring<T, const N: usize> { pub buf: VecDeque<T> }
        impl<T, const N: usize> Ring<T, N> {
            lower! {
                pub async fn push(&mut self, t: T) -> Option<T> {
                    step("push").await;
                    let out = if self.buf.len() == N { self.buf.pop_front() } else { None };
                    self.buf.push_back(t);
                    out
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut r: Ring<Tracker, 2> = Ring { buf: VecDeque::new() };
                for name in ["a", "b", "c", "d"] {
                    let evicted = r.push(Tracker::new(name)).await;
                    step("pushed").await;
                    if let Some(e) = evicted {
                        log(format!("evicted {}", e.name()));
                    }
                }
                r.buf.len()
            }
        }
    }
    run { go() }
}

twin! {
    /// A blanket impl `impl<T: Display> Render for Vec<T>` with a lowered `async fn`, called
    /// through a generic bound.
    p25a_blanket_impl_vec_display {
        pub trait Render { async fn render(&self, sep: &str) -> String; }
        impl<T: Display> Render for Vec<T> {
            lower! {
                async fn render(&self, sep: &str) -> String {
                    let mut s = String::new();
                    for (i, x) in self.iter().enumerate() {
                        if i > 0 {
                            s.push_str(sep);
                        }
                        step("r").await;
                        s.push_str(&x.to_string());
                    }
                    s
                }
            }
        }
        lower! {
            pub async fn show<R: Render>(r: R) -> String {
                let _g = Tracker::new("show");
                let a = r.render(", ").await;
                let b = r.render("|").await;
                format!("[{a}] [{b}]")
            }
        }
    }
    run { show(vec![1.5, 2.0]) }
}

twin! {
    /// A trait's `async fn` returning `Self` (a constructor), called as `T::open(..)` in a
    /// generic lowered fn.
    p25a_trait_async_constructor {
        pub trait Open: Sized { async fn open(name: &str) -> Result<Self, String>; fn label(&self) -> String; }
        pub struct File { pub name: String, pub _t: Tracker }
        impl Open for File {
            lower! {
                async fn open(name: &str) -> Result<File, String> {
                    step("open").await;
                    if name.is_empty() { return Err(String::from("empty")); }
                    Ok(File { name: name.to_string(), _t: Tracker::new("file") })
                }
            }
            fn label(&self) -> String { format!("file:{}", self.name) }
        }
        lower! {
            pub async fn open_both<T: Open>(a: &str, b: &str) -> Result<String, String> {
                let x = T::open(a).await?;
                step("first").await;
                let y = T::open(b).await?;
                Ok(format!("{} {}", x.label(), y.label()))
            }
        }
    }
    run { pair(open_both::<File>("a", "b"), open_both::<File>("a", "")) }
}

twin! {
    /// An observer list of `Box<dyn FnMut(&str)>` in an `Rc<RefCell<..>>`, registered by
    /// several parties; a lowered fn publishes across awaits, borrowing only between them.
    p25a_rc_refcell_subscribers_fnmut {
        pub struct Bus { pub subs: Vec<Box<dyn FnMut(&str)>> }
        lower! {
            pub async fn publish(bus: Rc<RefCell<Bus>>, msgs: Vec<&'static str>) -> usize {
                let mut n = 0;
                for m in msgs {
                    let m = leaf("msg", m).await;
                    for s in bus.borrow_mut().subs.iter_mut() {
                        s(m);
                        n += 1;
                    }
                    step("sent").await;
                }
                n
            }
        }
        lower! {
            pub async fn go() -> usize {
                let bus = Rc::new(RefCell::new(Bus { subs: Vec::new() }));
                let t = Tracker::new("sub1");
                bus.borrow_mut().subs.push(Box::new(move |m| log(format!("{} got {m}", t.name()))));
                let count = Rc::new(Cell::new(0));
                let c2 = count.clone();
                bus.borrow_mut().subs.push(Box::new(move |_| c2.set(c2.get() + 1)));
                let n = publish(bus.clone(), vec!["x", "y"]).await;
                bus.borrow_mut().subs.clear();
                step("cleared").await;
                n + count.get()
            }
        }
    }
    run { go() }
}

twin! {
    /// A graph of `Rc<RefCell<Node>>` with `Weak` parent links, walked upward across awaits.
    p25a_rc_graph_weak_parents {
        pub struct Node { pub name: &'static str, pub parent: Option<std::rc::Weak<RefCell<Node>>>, pub _t: Tracker }
        pub fn node(name: &'static str, parent: Option<&Rc<RefCell<Node>>>) -> Rc<RefCell<Node>> {
            Rc::new(RefCell::new(Node { name, parent: parent.map(Rc::downgrade), _t: Tracker::new(name) }))
        }
        lower! {
            pub async fn path(n: Rc<RefCell<Node>>) -> Vec<&'static str> {
                let mut out = vec![n.borrow().name];
                let mut cur = n;
                loop {
                    step("up").await;
                    let p = cur.borrow().parent.as_ref().and_then(|w| w.upgrade());
                    match p {
                        Some(p) => {
                            out.push(p.borrow().name);
                            cur = p;
                        }
                        None => break,
                    }
                }
                out
            }
        }
        lower! {
            pub async fn go() -> Vec<&'static str> {
                let root = node("root", None);
                let mid = node("mid", Some(&root));
                let tip = node("tip", Some(&mid));
                drop(mid);
                let p = path(tip.clone()).await;
                step("walked").await;
                drop(root);
                let q = path(tip).await;
                [p, q].concat()
            }
        }
    }
    run { go() }
}

twin! {
    /// A generic `Limiter<T>` with `where T: Clone + Debug` on the impl, a lowered `&self`
    /// method using `Cell` counters and returning clones.
    p25a_where_clause_impl_cell_counter {
        pub struct Limiter<T> { pub value: T, pub left: Cell<u32> }
        impl<T> Limiter<T>
        where
            T: Clone + Debug,
        {
            lower! {
                pub async fn take(&self) -> Option<T> {
                    step("check").await;
                    let l = self.left.get();
                    if l == 0 {
                        log(format!("exhausted {:?}", self.value));
                        return None;
                    }
                    self.left.set(l - 1);
                    Some(leaf("clone", self.value.clone()).await)
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<Option<String>> {
                let lim = Limiter { value: String::from("tok"), left: Cell::new(2) };
                let mut out = Vec::new();
                for _ in 0..3 {
                    out.push(lim.take().await);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Trait objects in a `Vec<Box<dyn Step>>` pipeline: each native `apply` between awaits,
    /// the pipeline dropped with a tracker per step.
    p25a_pipeline_box_dyn_steps {
        pub trait Stage { fn apply(&mut self, x: i64) -> i64; fn name(&self) -> &str; }
        pub struct Add(pub i64, pub Tracker);
        pub struct Mul(pub i64, pub Tracker);
        impl Stage for Add { fn apply(&mut self, x: i64) -> i64 { x + self.0 } fn name(&self) -> &str { "add" } }
        impl Stage for Mul { fn apply(&mut self, x: i64) -> i64 { x * self.0 } fn name(&self) -> &str { "mul" } }
        lower! {
            pub async fn run_pipe(mut stages: Vec<Box<dyn Stage>>, x: i64) -> i64 {
                let mut v = leaf("in", x).await;
                for s in stages.iter_mut() {
                    v = s.apply(v);
                    log(format!("{} -> {v}", s.name()));
                    step("stage").await;
                }
                let last = stages.pop();
                step("popped").await;
                drop(last);
                v
            }
        }
    }
    run { run_pipe(vec![Box::new(Add(2, Tracker("add"))), Box::new(Mul(3, Tracker("mul")))], 5) }
}

twin! {
    /// Methods of a generic struct with a lifetime, `View<'a, T>`, returning `&'a T`
    /// references kept across more awaits of the same view.
    p25a_view_lifetime_generic_refs {
        pub struct View<'a, T> { pub items: &'a [T], pub at: usize }
        impl<'a, T: Debug> View<'a, T> {
            lower! {
                pub async fn next(&mut self) -> Option<&'a T> {
                    step("next").await;
                    let r = self.items.get(self.at);
                    self.at += 1;
                    r
                }
            }
        }
        lower! {
            pub async fn go(items: &[Tracker]) -> String {
                let mut v = View { items, at: 0 };
                let a = v.next().await;
                let b = v.next().await;
                let c = v.next().await;
                format!("{a:?} {b:?} {c:?}")
            }
        }
    }
    run { go(leak(vec![Tracker("x"), Tracker("y")])) }
}

twin! {
    /// A trait with an `async fn` taking `&mut self` and `impl Into<String>`; implemented by
    /// two loggers, called through `&mut T` in a generic helper looping with `?`.
    p25a_trait_impl_into_string_arg {
        pub trait Sink { async fn write(&mut self, line: impl Into<String>) -> Result<usize, String>; }
        pub struct Mem { pub lines: Vec<String>, pub cap: usize }
        impl Sink for Mem {
            lower! {
                async fn write(&mut self, line: impl Into<String>) -> Result<usize, String> {
                    let line = line.into();
                    step("write").await;
                    if self.lines.len() == self.cap {
                        return Err(format!("full at {line}"));
                    }
                    self.lines.push(line);
                    Ok(self.lines.len())
                }
            }
        }
        lower! {
            pub async fn dump<S: Sink>(s: &mut S, items: &[&str]) -> Result<usize, String> {
                let _g = Tracker::new("dump");
                let mut last = 0;
                for it in items {
                    last = s.write(*it).await?;
                    last += s.write(format!("-{it}")).await?;
                }
                Ok(last)
            }
        }
    }
    run {
        let m = leak(Mem { lines: Vec::new(), cap: 5 });
        dump(m, leak(vec!["a", "b", "c"]))
    }
}

twin! {
    /// `Default` generic construction `T::default()` inside a lowered generic fn and a
    /// `Default` derive with a tracker-holding field.
    p25a_default_generic_construct {
        pub struct Slot { pub t: Option<Tracker>, pub n: u32 }
        impl Default for Slot {
            fn default() -> Self { Slot { t: Some(Tracker::new("default")), n: 0 } }
        }
        lower! {
            pub async fn make_n<T: Default>(n: usize) -> Vec<T> {
                let mut v = Vec::new();
                for _ in 0..n {
                    step("mk").await;
                    v.push(T::default());
                }
                v
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut slots: Vec<Slot> = make_n(2).await;
                slots[0].t.take();
                step("took").await;
                slots[1].n = leaf("n", 4).await;
                let nums: Vec<u8> = make_n(3).await;
                slots.len() + nums.len() + slots[1].n as usize
            }
        }
    }
    run { go() }
}

twin! {
    /// Tower-like middleware: `Service` trait with `async fn call`, `Logging<S: Service>`
    /// wrapping an inner service, nested twice around `Echo`.
    p25a_service_middleware_nested {
        pub trait Service { async fn call(&self, req: u32) -> String; }
        pub struct Echo;
        impl Service for Echo {
            lower! {
                async fn call(&self, req: u32) -> String {
                    let r = leaf("echo", req).await;
                    format!("echo{r}")
                }
            }
        }
        pub struct Logging<S> { pub inner: S, pub tag: &'static str }
        impl<S: Service> Service for Logging<S> {
            lower! {
                async fn call(&self, req: u32) -> String {
                    let _g = Tracker::new(self.tag);
                    log(format!("{} before {req}", self.tag));
                    let r = self.inner.call(req + 1).await;
                    step(self.tag).await;
                    format!("{}({r})", self.tag)
                }
            }
        }
        lower! {
            pub async fn serve<S: Service>(s: S, reqs: Vec<u32>) -> Vec<String> {
                let mut out = Vec::new();
                for r in reqs {
                    out.push(s.call(r).await);
                }
                out
            }
        }
    }
    run { serve(Logging { inner: Logging { inner: Echo, tag: "inner" }, tag: "outer" }, vec![1, 5]) }
}

twin! {
    /// A middleware whose inner call panics (`boom`) while outer guards are alive.
    p25a_service_middleware_panics {
        pub trait Service { async fn call(&self, req: u32) -> u32; }
        pub struct Faulty;
        impl Service for Faulty {
            lower! {
                async fn call(&self, req: u32) -> u32 {
                    let _t = Tracker::new("faulty");
                    if req > 2 {
                        return boom("fault").await;
                    }
                    leaf("ok", req).await
                }
            }
        }
        pub struct Guard<S> { pub inner: S }
        impl<S: Service> Service for Guard<S> {
            lower! {
                async fn call(&self, req: u32) -> u32 {
                    let _g = Tracker::new("guard");
                    let a = self.inner.call(req).await;
                    let b = self.inner.call(req + 2).await;
                    a + b
                }
            }
        }
    }
    run {
        let g = leak(Guard { inner: Faulty });
        g.call(1)
    }
}

twin! {
    /// A registry `HashMap<&str, Box<dyn Fn(u32) -> u32>>` looked up by awaited keys.
    p25a_registry_hashmap_boxed_fns {
        pub struct Registry { pub fns: HashMap<&'static str, Box<dyn Fn(u32) -> u32>> }
        impl Registry {
            lower! {
                pub async fn call(&self, name: &str, x: u32) -> Option<u32> {
                    step("lookup").await;
                    let f = self.fns.get(name)?;
                    let x = leaf("arg", x).await;
                    Some(f(x))
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<Option<u32>> {
                let mut r = Registry { fns: HashMap::new() };
                let t = Tracker::new("reg");
                r.fns.insert("double", Box::new(|x| x * 2));
                r.fns.insert("tag", Box::new(move |x| x + t.name().len() as u32));
                let mut out = Vec::new();
                for n in ["double", "nope", "tag"] {
                    out.push(r.call(n, 10).await);
                }
                r.fns.remove("tag");
                step("removed").await;
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// `mem::replace` / `mem::take` on `&mut self` fields of a generic struct across
    /// awaits; the replaced values are dropped in a visible order.
    p25a_mem_replace_self_fields {
        pub struct Double<T> { pub front: T, pub back: T }
        impl<T: Debug + Default> Double<T> {
            lower! {
                pub async fn swap_in(&mut self, t: T) -> T {
                    let old_front = std::mem::replace(&mut self.front, t);
                    step("replaced").await;
                    let old_back = std::mem::take(&mut self.back);
                    step("taken").await;
                    self.back = old_front;
                    old_back
                }
            }
        }
        lower! {
            pub async fn go() -> String {
                let mut d = Double { front: vec![Tracker::new("f")], back: vec![Tracker::new("b")] };
                let out = d.swap_in(vec![Tracker::new("n")]).await;
                log(format!("out {out:?}"));
                drop(out);
                let again = d.swap_in(Vec::new()).await;
                format!("{:?} {:?} {:?}", again, d.front, d.back)
            }
        }
    }
    run { go() }
}

twin! {
    /// A `Result<Vec<T>, E>` gathered with `?` inside a loop of a generic fn; the partial
    /// vec of trackers drops on the error path.
    p25a_collect_results_question_partial {
        pub trait Load { async fn load(&self, i: u32) -> Result<Tracker, String>; }
        pub struct Loader { pub fail_at: u32 }
        impl Load for Loader {
            lower! {
                async fn load(&self, i: u32) -> Result<Tracker, String> {
                    step("load").await;
                    if i == self.fail_at { Err(format!("bad {i}")) } else { Ok(Tracker::new(["t0", "t1", "t2", "t3"][i as usize])) }
                }
            }
        }
        lower! {
            pub async fn load_all<L: Load>(l: &L, n: u32) -> Result<Vec<Tracker>, String> {
                let mut v = Vec::new();
                for i in 0..n {
                    v.push(l.load(i).await?);
                }
                step("all").await;
                Ok(v)
            }
        }
    }
    run { pair(load_all(leak(Loader { fail_at: 9 }), 3), load_all(leak(Loader { fail_at: 2 }), 4)) }
}

twin! {
    /// An `impl Iterator<Item = &'a str>` argument with a lifetime, consumed with awaits.
    p25a_impl_iterator_borrowed_arg {
        lower! {
            pub async fn join_all<'a>(parts: impl Iterator<Item = &'a str>, sep: char) -> String {
                let _g = Tracker::new("join");
                let mut s = String::new();
                for p in parts {
                    if !s.is_empty() {
                        s.push(sep);
                    }
                    s.push_str(leaf("part", p).await);
                }
                s
            }
        }
        lower! {
            pub async fn go() -> String {
                let text = String::from("a b  c");
                let j = join_all(text.split(' ').filter(|p| !p.is_empty()), '-').await;
                step("end").await;
                j
            }
        }
    }
    run { go() }
}

twin! {
    /// An HRTB bound `F: for<'x> Fn(&'x str) -> &'x str` on a lowered fn, applied to borrowed
    /// data between awaits.
    p25a_hrtb_fn_borrowed_returns {
        lower! {
            pub async fn trim_all<F>(lines: &[String], f: F) -> Vec<String>
            where
                F: for<'x> Fn(&'x str) -> &'x str,
            {
                let mut out = Vec::new();
                for l in lines {
                    let t = f(l);
                    step("trim").await;
                    out.push(t.to_string());
                }
                out
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let lines = vec![String::from("  a "), String::from("b  ")];
                let _g = Tracker::new("g");
                let r = trim_all(&lines, |s| s.trim()).await;
                let q = trim_all(&r, |s| &s[..1]).await;
                q
            }
        }
    }
    run { go() }
}

twin! {
    /// `Box<dyn FnOnce() -> Tracker>` factories called once after awaits; an uncalled one
    /// drops its captured tracker with the locals.
    p25a_boxed_fnonce_factories {
        lower! {
            pub async fn go(flag: bool) -> &'static str {
                let a = Tracker::new("cap_a");
                let b = Tracker::new("cap_b");
                let fa: Box<dyn FnOnce() -> Tracker> = Box::new(move || { log(format!("call a {}", a.name())); Tracker::new("made_a") });
                let fb: Box<dyn FnOnce() -> Tracker> = Box::new(move || { drop(b); Tracker::new("made_b") });
                step("s1").await;
                let t = if leaf("flag", flag).await { fa() } else { fb() };
                step("s2").await;
                t.name()
            }
        }
    }
    run { pair(go(true), go(false)) }
}

twin! {
    /// A `Vec<Option<Box<dyn FnOnce(u32)>>>` of one-shot callbacks taken and fired as
    /// awaited values arrive.
    p25a_oneshot_callbacks_vec_take {
        pub struct Pending { pub cbs: Vec<Option<Box<dyn FnOnce(u32)>>> }
        impl Pending {
            lower! {
                pub async fn complete(&mut self, idx: usize, v: u32) -> bool {
                    let v = leaf("v", v).await;
                    match self.cbs.get_mut(idx).and_then(|c| c.take()) {
                        Some(cb) => {
                            cb(v);
                            true
                        }
                        None => false,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<bool> {
                let t1 = Tracker::new("t1");
                let t2 = Tracker::new("t2");
                let mut p = Pending { cbs: vec![
                    Some(Box::new(move |v| log(format!("{} {v}", t1.name())))),
                    Some(Box::new(move |v| log(format!("{} {v}", t2.name())))),
                ] };
                let mut out = Vec::new();
                out.push(p.complete(1, 7).await);
                out.push(p.complete(1, 8).await);
                out.push(p.complete(5, 9).await);
                step("end").await;
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A generic event enum `Event<T>` matched by reference with awaits inside arms, then
    /// consumed by value.
    p25a_generic_event_enum_match {
        #[derive(Debug)]
        pub enum Event<T> { Data(T), Batch(Vec<T>), Close }
        lower! {
            pub async fn handle<T: Debug>(events: Vec<Event<T>>) -> usize {
                let mut n = 0;
                for e in &events {
                    match e {
                        Event::Data(d) => {
                            step("data").await;
                            log(format!("data {d:?}"));
                            n += 1;
                        }
                        Event::Batch(b) if b.len() > 1 => {
                            n += leaf("batch", b.len()).await;
                        }
                        Event::Batch(_) => n += 100,
                        Event::Close => break,
                    }
                }
                let last = events.into_iter().last();
                step("last").await;
                log(format!("last {last:?}"));
                n
            }
        }
    }
    run { handle(vec![Event::Data(Tracker("d")), Event::Batch(vec![Tracker("b1"), Tracker("b2")]), Event::Batch(vec![Tracker("b3")]), Event::Close, Event::Data(Tracker("late"))]) }
}

twin! {
    /// A lowered method with `self: Box<Self>` on a linked list node, walking to the tail.
    p25a_self_box_receiver {
        pub struct Link { pub name: &'static str, pub next: Option<Box<Link>>, pub _t: Tracker }
        impl Link {
            lower! {
                pub async fn last(self: Box<Self>) -> &'static str {
                    step(self.name).await;
                    let mut cur = self;
                    while let Some(n) = cur.next.take() {
                        step("hop").await;
                        cur = n;
                    }
                    cur.name
                }
            }
        }
    }
    run {
        let l = Box::new(Link { name: "a", next: Some(Box::new(Link { name: "b", next: Some(Box::new(Link { name: "c", next: None, _t: Tracker("c") })), _t: Tracker("b") })), _t: Tracker("a") });
        l.last()
    }
}

twin! {
    /// A lowered method with `self: Rc<Self>` cloning itself into a stored list.
    p25a_self_rc_receiver {
        pub struct Svc { pub name: &'static str, pub seen: RefCell<Vec<u32>> }
        impl Svc {
            lower! {
                pub async fn register(self: Rc<Self>, reg: &mut Vec<Rc<Svc>>, v: u32) -> usize {
                    self.seen.borrow_mut().push(leaf("v", v).await);
                    reg.push(self.clone());
                    step("pushed").await;
                    Rc::strong_count(&self)
                }
            }
        }
        lower! {
            pub async fn go() -> (usize, usize, Vec<u32>) {
                let s = Rc::new(Svc { name: "svc", seen: RefCell::new(Vec::new()) });
                let _g = Tracker::new("g");
                let mut reg = Vec::new();
                let a = s.clone().register(&mut reg, 1).await;
                let b = s.clone().register(&mut reg, 2).await;
                let seen = s.seen.borrow().clone();
                (a, b, seen)
            }
        }
    }
    run { go() }
}

twin! {
    /// A struct with a generic boxed callback `Box<dyn Fn(&T) -> bool>` over a generic `T`,
    /// used by a lowered `filter_async(&self, items: Vec<T>)`.
    p25a_generic_boxed_predicate {
        pub struct Where<T> { pub pred: Box<dyn Fn(&T) -> bool>, pub name: &'static str }
        impl<T: Debug> Where<T> {
            lower! {
                pub async fn filter_async(&self, items: Vec<T>) -> Vec<T> {
                    let mut keep = Vec::new();
                    for it in items {
                        step(self.name).await;
                        if (self.pred)(&it) {
                            keep.push(it);
                        } else {
                            log(format!("reject {it:?}"));
                        }
                    }
                    keep
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let w = Where { pred: Box::new(|t: &Tracker| t.name() != "b"), name: "w" };
                let kept = w.filter_async(vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]).await;
                step("filtered").await;
                let n = Where { pred: Box::new(|x: &u32| *x > 1), name: "n" };
                kept.len() + n.filter_async(vec![1, 2, 3]).await.len()
            }
        }
    }
    run { go() }
}

twin! {
    /// A `Cache<K, V>` with a `Drop` impl logging its size, and a lowered `&mut self`
    /// method that panics via `boom` with guards of the caller alive.
    p25a_cache_drop_panic_in_method {
        pub struct Cache<K: Debug, V> { pub map: BTreeMap<K, V> }
        impl<K: Debug, V> Drop for Cache<K, V> {
            fn drop(&mut self) { log(format!("drop cache {:?}", self.map.keys().collect::<Vec<_>>())); }
        }
        impl<K: Ord + Debug, V> Cache<K, V> {
            lower! {
                pub async fn insert_checked(&mut self, k: K, v: V) -> usize {
                    let _g = Tracker::new("ins");
                    if self.map.contains_key(&k) {
                        boom("dup").await;
                    }
                    step("ins").await;
                    self.map.insert(k, v);
                    self.map.len()
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut c = Cache { map: BTreeMap::new() };
                let _t = Tracker::new("outer");
                c.insert_checked("a", Tracker::new("va")).await;
                c.insert_checked("b", Tracker::new("vb")).await;
                c.insert_checked("a", Tracker::new("va2")).await
            }
        }
    }
    run { go() }
}

twin! {
    /// A trait implemented for `&T` (`impl<T: Name> Name for &T`) with lowered `async fn`,
    /// called on a reference through a generic.
    p25a_trait_impl_for_ref {
        pub trait Name { async fn name(&self) -> String; }
        pub struct Cat(pub Tracker);
        impl Name for Cat {
            lower! {
                async fn name(&self) -> String {
                    step("cat").await;
                    format!("cat-{}", self.0.name())
                }
            }
        }
        impl<T: Name> Name for &T {
            lower! {
                async fn name(&self) -> String {
                    let inner = (**self).name().await;
                    step("ref").await;
                    format!("&{inner}")
                }
            }
        }
        lower! {
            pub async fn call<N: Name>(n: N) -> String {
                let _g = Tracker::new("call");
                n.name().await
            }
        }
        lower! {
            pub async fn go() -> (String, String) {
                let c = Cat(Tracker::new("tom"));
                let a = call(&c).await;
                let b = call(c).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// A builder chain with an awaited argument in the middle of the chain, then `build`
    /// awaited (`Builder::new().name(leaf(..).await).retries(3).build().await`).
    p25a_builder_awaited_arg_mid_chain {
        pub struct Builder { pub name: String, pub retries: u32, pub _t: Tracker }
        pub struct Client { pub desc: String, pub _t: Tracker }
        impl Builder {
            pub fn new() -> Self { Builder { name: String::new(), retries: 0, _t: Tracker::new("builder") } }
            pub fn name(mut self, n: &str) -> Self { self.name = n.to_string(); self }
            pub fn retries(mut self, r: u32) -> Self { self.retries = r; self }
            lower! {
                pub async fn build(self) -> Client {
                    step("build").await;
                    Client { desc: format!("{}x{}", self.name, self.retries), _t: Tracker::new("client") }
                }
            }
        }
        lower! {
            pub async fn go() -> String {
                let c = Builder::new().name(leaf("n", "api").await).retries(3).build().await;
                let d = Builder::new().retries(leaf("r", 2).await).build().await;
                format!("{} {}", c.desc, d.desc)
            }
        }
    }
    run { go() }
}

twin! {
    /// A builder kept in a local across awaits, reconfigured by `self` methods named
    /// neutrally (`timeout`, `header`) with awaited values, then built.
    p25a_builder_local_rebound_across_awaits {
        pub struct Req { pub headers: Vec<(String, String)>, pub timeout: u32, pub _t: Tracker }
        impl Req {
            pub fn get() -> Self { Req { headers: Vec::new(), timeout: 0, _t: Tracker::new("req") } }
            pub fn header(mut self, k: &str, v: String) -> Self { self.headers.push((k.to_string(), v)); self }
            pub fn timeout(mut self, t: u32) -> Self { self.timeout = t; self }
            lower! {
                pub async fn send(self) -> String {
                    step("send").await;
                    format!("{:?} t={}", self.headers, self.timeout)
                }
            }
        }
        lower! {
            pub async fn go() -> String {
                let r = Req::get();
                let token = leaf("token", String::from("abc")).await;
                let r = r.header("auth", token);
                step("between").await;
                let r = r.timeout(leaf("t", 30).await);
                let r = r.header("x", String::from("y"));
                r.send().await
            }
        }
    }
    run { go() }
}

twin! {
    /// Typestate with `PhantomData`: `Conn<Closed>::open(self).await -> Conn<Open>`, then
    /// `query(&self)` only on `Conn<Open>` and `close(self)`.
    p25a_typestate_phantom_conn {
        pub struct Closed;
        pub struct Open;
        pub struct Conn<S> { pub name: &'static str, pub _t: Tracker, pub _s: PhantomData<S> }
        impl Conn<Closed> {
            pub fn new(name: &'static str) -> Self { Conn { name, _t: Tracker::new(name), _s: PhantomData } }
            lower! {
                pub async fn open(self) -> Conn<Open> {
                    step("open").await;
                    Conn { name: self.name, _t: Tracker::new("session"), _s: PhantomData }
                }
            }
        }
        impl Conn<Open> {
            lower! {
                pub async fn query(&self, q: u32) -> u32 {
                    leaf("query", q * 2).await
                }
            }
            lower! {
                pub async fn close(self) -> Conn<Closed> {
                    step("close").await;
                    Conn::new("closed")
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let c = Conn::new("db");
                let c = c.open().await;
                let a = c.query(1).await;
                let b = c.query(a).await;
                let closed = c.close().await;
                log(format!("closed {}", closed.name));
                a + b
            }
        }
    }
    run { go() }
}

twin! {
    /// Fully qualified calls `<T as Store>::get(&s, k).await` and two traits with an `async
    /// fn` of the same name implemented for one type.
    p25a_fully_qualified_same_name_traits {
        pub trait Primary { async fn run(&self) -> u32; }
        pub trait Backup { async fn run(&self) -> u32; }
        pub struct Job(pub u32);
        impl Primary for Job {
            lower! {
                async fn run(&self) -> u32 { leaf("primary", self.0).await }
            }
        }
        impl Backup for Job {
            lower! {
                async fn run(&self) -> u32 {
                    step("backup").await;
                    self.0 + 100
                }
            }
        }
        lower! {
            pub async fn both<T: Primary + Backup>(j: &T) -> (u32, u32) {
                let _g = Tracker::new("both");
                let a = <T as Primary>::run(j).await;
                let b = Backup::run(j).await;
                (a, b)
            }
        }
    }
    run { both(leak(Job(7))) }
}

twin! {
    /// A `Vec<Pin<Box<dyn Future<Output = u32>>>>` of boxed lowered futures awaited in order;
    /// the rest dropped when one's value says stop.
    p25a_vec_of_boxed_futures {
        lower! {
            pub async fn work(n: u32, t: Tracker) -> u32 {
                let v = leaf("work", n).await;
                log(format!("work {} {v}", t.name()));
                v
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut futs: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                futs.push(Box::pin(work(1, Tracker::new("w1"))));
                futs.push(Box::pin(work(5, Tracker::new("w2"))));
                futs.push(Box::pin(work(3, Tracker::new("w3"))));
                let mut total = 0;
                for f in futs {
                    total += f.await;
                    if total > 4 {
                        break;
                    }
                }
                step("end").await;
                total
            }
        }
    }
    run { go() }
}

twin! {
    /// `Handler<F>` storing a closure that returns a future (`F: Fn(u32) -> Fut`), called as
    /// `(self.f)(x).await` in a lowered method.
    p25a_handler_closure_returning_future {
        pub struct Handler<F> { pub f: F, pub calls: u32 }
        impl<F, Fut> Handler<F>
        where
            F: Fn(u32) -> Fut,
            Fut: Future<Output = u32>,
        {
            lower! {
                pub async fn handle(&mut self, x: u32) -> u32 {
                    self.calls += 1;
                    let _g = Tracker::new("handle");
                    let r = (self.f)(x).await;
                    step("handled").await;
                    r + self.calls
                }
            }
        }
        lower! {
            pub async fn double(x: u32) -> u32 {
                leaf("double", x * 2).await
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) {
                let mut h = Handler { f: double, calls: 0 };
                let a = h.handle(1).await;
                let b = h.handle(a).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// A blanket `impl<F, Fut> Service for F where F: Fn(u32) -> Fut`, so a plain lowered
    /// fn and a closure are both services used generically.
    p25a_blanket_service_for_fn {
        pub trait Service { async fn call(&self, x: u32) -> u32; }
        impl<F, Fut> Service for F
        where
            F: Fn(u32) -> Fut,
            Fut: Future<Output = u32>,
        {
            lower! {
                async fn call(&self, x: u32) -> u32 {
                    step("svc").await;
                    self(x).await
                }
            }
        }
        lower! {
            pub async fn inc(x: u32) -> u32 { leaf("inc", x + 1).await }
        }
        lower! {
            pub async fn call_twice<S: Service>(s: S, x: u32) -> u32 {
                let _g = Tracker::new("twice");
                let a = s.call(x).await;
                s.call(a).await
            }
        }
        lower! {
            pub async fn go() -> (u32, u32) {
                let a = call_twice(inc, 1).await;
                let b = call_twice(|x| leaf("cl", x * 10), 2).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// `&mut self` method returning `&mut V` (get-or-insert) kept by the caller across
    /// another await and then written through.
    p25a_get_or_insert_mut_ref_kept {
        pub struct Counts<K> { pub map: BTreeMap<K, Vec<Tracker>> }
        impl<K: Ord> Counts<K> {
            lower! {
                pub async fn slot(&mut self, k: K) -> &mut Vec<Tracker> {
                    step("slot").await;
                    self.map.entry(k).or_default()
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<(u32, usize)> {
                let mut c = Counts { map: BTreeMap::new() };
                let s = c.slot(1).await;
                s.push(Tracker::new("a"));
                step("mid").await;
                s.push(Tracker::new("b"));
                let s2 = c.slot(2).await;
                s2.push(Tracker::new("c"));
                let old = c.slot(1).await.remove(0);
                step("removed").await;
                drop(old);
                c.map.iter().map(|(k, v)| (*k, v.len())).collect()
            }
        }
    }
    run { go() }
}

twin! {
    /// An enum with lowered methods matching `Self::Variant` patterns and constructing
    /// `Self::Variant` values, consuming `self`.
    p25a_enum_self_variants_lowered {
        #[derive(Debug)]
        pub enum Cmd { Push(Tracker), Pop, Quit }
        impl Cmd {
            lower! {
                pub async fn exec(self, stack: &mut Vec<Tracker>) -> Option<Self> {
                    match self {
                        Self::Push(t) => {
                            step("push").await;
                            stack.push(t);
                            Some(Self::Pop)
                        }
                        Self::Pop => {
                            let t = stack.pop();
                            step("pop").await;
                            log(format!("popped {t:?}"));
                            Some(Self::Quit)
                        }
                        Self::Quit => None,
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut stack = vec![Tracker::new("base")];
                let mut c = Some(Cmd::Push(Tracker::new("p")));
                let mut n = 0;
                while let Some(cmd) = c {
                    c = cmd.exec(&mut stack).await;
                    n += 1;
                }
                n + stack.len()
            }
        }
    }
    run { go() }
}

twin! {
    /// A generic trait `Convert<T>` implemented twice for one type (`Convert<u32>`,
    /// `Convert<&str>`), called through `C: Convert<u32> + Convert<&'static str>`.
    p25a_generic_trait_param_two_impls {
        pub trait Convert<T> { async fn convert(&self, t: T) -> String; }
        pub struct Fmt { pub prefix: &'static str }
        impl Convert<u32> for Fmt {
            lower! {
                async fn convert(&self, t: u32) -> String {
                    let t = leaf("num", t).await;
                    format!("{}{t:04}", self.prefix)
                }
            }
        }
        impl Convert<&'static str> for Fmt {
            lower! {
                async fn convert(&self, t: &'static str) -> String {
                    step("str").await;
                    format!("{}{}", self.prefix, t.to_uppercase())
                }
            }
        }
        lower! {
            pub async fn both<C: Convert<u32> + Convert<&'static str>>(c: &C) -> String {
                let _g = Tracker::new("both");
                let a = c.convert(7u32).await;
                let b = c.convert("ab").await;
                a + &b
            }
        }
    }
    run { both(leak(Fmt { prefix: ">" })) }
}

twin! {
    /// A lowered method returning `impl Iterator<Item = &u32> + '_` borrowing `self`, used
    /// by a caller across awaits.
    p25a_method_returns_iter_borrowing_self {
        pub struct Bag { pub items: Vec<u32>, pub _t: Tracker }
        impl Bag {
            lower! {
                pub async fn big(&self, min: u32) -> impl Iterator<Item = &u32> + '_ {
                    let min = leaf("min", min).await;
                    self.items.iter().filter(move |x| **x >= min)
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let b = Bag { items: vec![1, 5, 3, 8], _t: Tracker::new("bag") };
                let mut out = Vec::new();
                for x in b.big(3).await {
                    step("x").await;
                    out.push(*x);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// `sort_by_key` and `retain` with closures on a `&mut self` field of trackers between
    /// awaits in a lowered method.
    p25a_sort_retain_self_field {
        pub struct Team { pub members: Vec<Tracker> }
        impl Team {
            lower! {
                pub async fn tidy(&mut self, drop_name: &str) -> Vec<&'static str> {
                    step("start").await;
                    self.members.sort_by_key(|t| t.name());
                    step("sorted").await;
                    self.members.retain(|t| t.name() != drop_name);
                    step("retained").await;
                    self.members.iter().map(|t| t.name()).collect()
                }
            }
        }
    }
    run {
        let t = leak(Team { members: vec![Tracker("c"), Tracker("a"), Tracker("b")] });
        t.tidy("b")
    }
}

twin! {
    /// `Box<dyn std::error::Error>` return with `?` from a parse error and a custom error
    /// type, trackers alive on each path.
    p25a_box_dyn_error_question {
        #[derive(Debug)]
        pub struct TooBig(pub u32);
        impl Display for TooBig {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "too big: {}", self.0) }
        }
        impl std::error::Error for TooBig {}
        lower! {
            pub async fn parse_small(s: &str) -> Result<u32, Box<dyn std::error::Error>> {
                let _g = Tracker::new("parse");
                let s = leaf("s", s).await;
                let n: u32 = s.parse()?;
                step("parsed").await;
                if n > 10 {
                    return Err(Box::new(TooBig(n)));
                }
                Ok(n)
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut out = Vec::new();
                for s in ["3", "x", "30"] {
                    match parse_small(s).await {
                        Ok(n) => out.push(format!("ok {n}")),
                        Err(e) => out.push(format!("err {e}")),
                    }
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// A const-generic array parameter `[Tracker; N]` consumed element by element with
    /// awaits, `N` also used in the body.
    p25a_const_generic_array_param {
        lower! {
            pub async fn drain_arr<const N: usize>(arr: [Tracker; N]) -> usize {
                let mut n = 0;
                log(format!("N={N}"));
                for t in arr {
                    step("el").await;
                    log(format!("got {}", t.name()));
                    n += 1;
                }
                n
            }
        }
        lower! {
            pub async fn go() -> usize {
                let a = drain_arr([Tracker::new("a0"), Tracker::new("a1")]).await;
                let b = drain_arr([Tracker::new("b0")]).await;
                a + b
            }
        }
    }
    run { go() }
}

twin! {
    /// An object-safe trait returning `Pin<Box<dyn Future + 'a>>` whose impls box lowered
    /// methods; called through a `Vec<Box<dyn Task>>`.
    p25a_object_safe_boxed_future_trait {
        pub trait Task {
            fn run<'a>(&'a self, x: u32) -> Pin<Box<dyn Future<Output = u32> + 'a>>;
        }
        pub struct Add(pub u32, pub Tracker);
        impl Add {
            lower! {
                pub async fn go(&self, x: u32) -> u32 {
                    let y = leaf("add", x + self.0).await;
                    log(format!("add {} -> {y}", self.1.name()));
                    y
                }
            }
        }
        impl Task for Add {
            fn run<'a>(&'a self, x: u32) -> Pin<Box<dyn Future<Output = u32> + 'a>> { Box::pin(self.go(x)) }
        }
        lower! {
            pub async fn chain(tasks: Vec<Box<dyn Task>>, x: u32) -> u32 {
                let mut v = x;
                for t in &tasks {
                    v = t.run(v).await;
                    step("next").await;
                }
                v
            }
        }
    }
    run { chain(vec![Box::new(Add(1, Tracker("one"))), Box::new(Add(10, Tracker("ten")))], 0) }
}

twin! {
    /// A library-style `type Result<T> = std::result::Result<T, Error>;` alias in scope of
    /// lowered fns returning `Result<T>` with `?`.
    p25a_result_alias_in_scope {
        #[derive(Debug)]
        pub struct Error(pub String);
        pub type Result<T> = std::result::Result<T, Error>;
        lower! {
            pub async fn check(n: u32) -> Result<u32> {
                let _g = Tracker::new("check");
                let n = leaf("n", n).await;
                if n == 0 {
                    return Err(Error(String::from("zero")));
                }
                Ok(n * 2)
            }
        }
        lower! {
            pub async fn go() -> Result<u32> {
                let a = check(2).await?;
                let b = check(a).await?;
                let c = check(0).await?;
                Ok(a + b + c)
            }
        }
    }
    run { go() }
}

twin! {
    /// User types named `Context`, `Poll` and `State` (common in libraries) in scope of a
    /// lowered fn and used in its body.
    p25a_user_types_named_context_poll_state {
        #[derive(Debug)]
        pub struct Context { pub depth: u32, pub _t: Tracker }
        #[derive(Debug)]
        pub enum Poll { Again(u32), Done }
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum State { Idle, Busy }
        lower! {
            pub async fn tick(cx: &mut Context, state: State) -> (Poll, State) {
                step("tick").await;
                cx.depth += 1;
                match state {
                    State::Idle => (Poll::Again(cx.depth), State::Busy),
                    State::Busy => (Poll::Done, State::Idle),
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let mut cx = Context { depth: 0, _t: Tracker::new("cx") };
                let mut state = State::Idle;
                let mut out = Vec::new();
                loop {
                    let (p, s) = tick(&mut cx, state).await;
                    out.push(format!("{p:?}"));
                    state = s;
                    if let Poll::Done = p {
                        break;
                    }
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Locals and parameters named `cx`, `this`, `state`, `fut`, `waker`, `pinned`.
    p25a_locals_named_like_machine_internals {
        lower! {
            pub async fn go(this: Tracker, state: u32) -> u32 {
                let cx = leaf("cx", state + 1).await;
                let fut = leaf("fut", cx * 2);
                let waker = Tracker::new("waker");
                let pinned = fut.await;
                let _state = Tracker::new("state");
                step("s").await;
                log(format!("{} {}", this.name(), waker.name()));
                pinned + cx
            }
        }
    }
    run { go(Tracker("this"), 3) }
}

twin! {
    /// A type parameter named `Output` and one named `State` on a lowered generic fn.
    p25a_type_params_named_output_state {
        lower! {
            pub async fn convert<Output: From<u32> + Debug, State: Clone + Debug>(s: State, n: u32) -> (Output, State) {
                let st = s.clone();
                let n = leaf("n", n).await;
                log(format!("{st:?}"));
                (Output::from(n), s)
            }
        }
        lower! {
            pub async fn go() -> String {
                let (a, b): (u64, Vec<u32>) = convert(vec![1], 5).await;
                step("x").await;
                format!("{a} {b:?}")
            }
        }
    }
    run { go() }
}

twin! {
    /// A generic struct's `self`-taking method whose name says nothing (`finish`), called
    /// on a type-parameter-bounded receiver `W: Finish` after a field read across an await.
    p25a_self_method_on_type_param_after_field_read {
        pub trait Finish { async fn finish(self) -> String; fn size(&self) -> usize; }
        pub struct Writer { pub buf: Vec<u8>, pub _t: Tracker }
        impl Finish for Writer {
            lower! {
                async fn finish(self) -> String {
                    step("finish").await;
                    String::from_utf8(self.buf).unwrap()
                }
            }
            fn size(&self) -> usize { self.buf.len() }
        }
        lower! {
            pub async fn complete<W: Finish>(w: W) -> (usize, String) {
                let n = w.size();
                step("sized").await;
                let s = w.finish().await;
                (n, s)
            }
        }
    }
    run { complete(Writer { buf: b"hey".to_vec(), _t: Tracker("w") }) }
}

twin! {
    /// A job struct whose `Copy` id field is read before awaits and whose `String` name is
    /// moved out after them (a local held whole with per-field drop flags), inside a generic
    /// worker.
    p25a_job_fields_read_and_moved {
        pub struct Job<P> { pub id: u32, pub name: String, pub payload: P, pub _t: Tracker }
        lower! {
            pub async fn process<P: Debug>(job: Job<P>) -> (u32, String) {
                let id = job.id;
                step("start").await;
                log(format!("payload {:?}", job.payload));
                let name = job.name;
                step("named").await;
                (id, name)
            }
        }
    }
    run { process(Job { id: 4, name: String::from("j"), payload: Tracker("payload"), _t: Tracker("job") }) }
}

twin! {
    /// A generic worker moving the payload field out of a `Job<P>` into a trait's `async fn`
    /// taking it by value, other fields read after.
    p25a_job_payload_moved_into_trait_call {
        pub trait Consume<P> { async fn eat(&self, p: P) -> usize; }
        pub struct Eater;
        impl Consume<Vec<Tracker>> for Eater {
            lower! {
                async fn eat(&self, p: Vec<Tracker>) -> usize {
                    step("eat").await;
                    p.len()
                }
            }
        }
        pub struct Job<P> { pub id: u32, pub payload: P, pub label: Tracker }
        lower! {
            pub async fn run_job<P, C: Consume<P>>(c: &C, job: Job<P>) -> String {
                let n = c.eat(job.payload).await;
                step("ate").await;
                format!("{} {} {}", job.id, n, job.label.name())
            }
        }
    }
    run { run_job(leak(Eater), Job { id: 1, payload: vec![Tracker("p1"), Tracker("p2")], label: Tracker("label") }) }
}

twin! {
    /// `for i in 0..T::LIMIT` over a generic's associated const, `T::name()` static calls
    /// and `where T::Item: Display`.
    p25a_assoc_const_range_where_item_display {
        pub trait Kind { type Item; const LIMIT: u32; fn name() -> &'static str; fn make(i: u32) -> Self::Item; }
        pub struct Letters;
        impl Kind for Letters {
            type Item = char;
            const LIMIT: u32 = 3;
            fn name() -> &'static str { "letters" }
            fn make(i: u32) -> char { (b'a' + i as u8) as char }
        }
        lower! {
            pub async fn build<T: Kind>() -> String
            where
                T::Item: Display,
            {
                let _g = Tracker::new(T::name());
                let mut s = String::new();
                for i in 0..T::LIMIT {
                    let it = T::make(leaf("i", i).await);
                    s += &it.to_string();
                }
                s
            }
        }
    }
    run { build::<Letters>() }
}

twin! {
    /// `write!` into a `String` (`fmt::Write`) across awaits and a `matches!` on a generic
    /// enum in a lowered fn.
    p25a_write_macro_and_matches {
        #[derive(Debug)]
        pub enum Tok<T> { Num(T), Op(char), End }
        lower! {
            pub async fn render<T: Display>(toks: Vec<Tok<T>>) -> String {
                use std::fmt::Write;
                let mut s = String::new();
                let _g = Tracker::new("render");
                for t in &toks {
                    if matches!(t, Tok::End) {
                        break;
                    }
                    step("tok").await;
                    match t {
                        Tok::Num(n) => write!(s, "{n}").unwrap(),
                        Tok::Op(c) => write!(s, " {c} ").unwrap(),
                        Tok::End => {}
                    }
                }
                writeln!(s, "!").unwrap();
                s
            }
        }
    }
    run { render(vec![Tok::Num(1), Tok::Op('+'), Tok::Num(2), Tok::End, Tok::Num(9)]) }
}

twin! {
    /// `let else` on a generic `Option<T>` returned by an awaited trait method; early return
    /// with trackers alive.
    p25a_let_else_trait_lookup {
        pub trait Lookup<T> { async fn find(&self, k: &str) -> Option<T>; }
        pub struct Dir(pub Vec<(&'static str, u32)>);
        impl Lookup<u32> for Dir {
            lower! {
                async fn find(&self, k: &str) -> Option<u32> {
                    step("find").await;
                    self.0.iter().find(|e| e.0 == k).map(|e| e.1)
                }
            }
        }
        lower! {
            pub async fn resolve<L: Lookup<u32>>(l: &L, a: &str, b: &str) -> u32 {
                let _g = Tracker::new("resolve");
                let Some(x) = l.find(a).await else {
                    log("missing a");
                    return 0;
                };
                let _h = Tracker::new("have_a");
                let Some(y) = l.find(b).await else {
                    return x;
                };
                x + y
            }
        }
    }
    run {
        let d = leak(Dir(vec![("a", 1), ("b", 2)]));
        pair(resolve(&*d, "a", "b"), pair(resolve(&*d, "z", "b"), resolve(&*d, "b", "z")))
    }
}

twin! {
    /// A `Box<dyn Fn>` callback that panics, called between awaits with trackers alive in
    /// the lowered caller and in the struct.
    p25a_boxed_callback_panics {
        pub struct Hook { pub f: Box<dyn Fn(u32) -> u32>, pub _t: Tracker }
        lower! {
            pub async fn go() -> u32 {
                let h = Hook { f: Box::new(|x| if x > 3 { panic!("hook {x}") } else { x + 1 }), _t: Tracker::new("hook") };
                let _a = Tracker::new("a");
                let x = (h.f)(leaf("x", 2).await);
                let _b = Tracker::new("b");
                let y = (h.f)(leaf("y", x + 2).await);
                step("never").await;
                y
            }
        }
    }
    run { go() }
}

twin! {
    /// `while let Some(x) = self.queue.pop_front()` with an await in the body of a
    /// lowered `&mut self` method of a generic scheduler; cancellation leaves items queued.
    p25a_while_let_pop_self_queue {
        pub struct Sched<T> { pub queue: VecDeque<T>, pub done: Vec<T> }
        impl<T: Debug> Sched<T> {
            lower! {
                pub async fn run(&mut self) -> usize {
                    let mut n = 0;
                    while let Some(x) = self.queue.pop_front() {
                        step("job").await;
                        log(format!("ran {x:?}"));
                        self.done.push(x);
                        n += 1;
                    }
                    n
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut s = Sched { queue: VecDeque::from(vec![Tracker::new("j1"), Tracker::new("j2")]), done: Vec::new() };
                let n = s.run().await;
                s.done.pop();
                step("end").await;
                n
            }
        }
    }
    run { go() }
}

twin! {
    /// An `async move` block inside a lowered fn capturing a tracker and a generic value,
    /// stored then awaited later.
    p25a_async_move_block_generic {
        lower! {
            pub async fn go<T: Debug + Clone>(v: T) -> String {
                let t = Tracker::new("cap");
                let v2 = v.clone();
                let fut = async move {
                    step("inner").await;
                    format!("{v2:?} {}", t.name())
                };
                step("outer").await;
                let s = fut.await;
                format!("{s} {v:?}")
            }
        }
    }
    run { go(vec![1, 2]) }
}

twin! {
    /// A hand-written `Future` (a `Delay` wrapping a leaf) and a generic `Logged<F: Future>`
    /// combinator, awaited in a lowered fn.
    p25a_handwritten_future_combinator {
        pub struct Logged<F> { pub inner: Pin<Box<F>>, pub name: &'static str }
        impl<F: Future> Future for Logged<F> {
            type Output = F::Output;
            fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<F::Output> {
                log(format!("logged poll {}", self.name));
                self.inner.as_mut().poll(cx)
            }
        }
        impl<F> Drop for Logged<F> {
            fn drop(&mut self) { log(format!("drop logged {}", self.name)); }
        }
        pub fn logged<F: Future>(name: &'static str, f: F) -> Logged<F> { Logged { inner: Box::pin(f), name } }
        lower! {
            pub async fn inner(n: u32) -> u32 {
                let _t = Tracker::new("inner");
                leaf("in", n).await + 1
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let a = logged("a", inner(1)).await;
                let b = logged("b", leaf("b", a)).await;
                let c = logged("c", async { step("blk").await; b * 2 }).await;
                c
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered fn taking `impl Future<Output = T>` and awaiting it between logs, given
    /// another lowered fn's future.
    p25a_impl_future_arg {
        lower! {
            pub async fn timed<T: Debug>(name: &'static str, f: impl Future<Output = T>) -> T {
                let _g = Tracker::new(name);
                step("before").await;
                let v = f.await;
                log(format!("{name} -> {v:?}"));
                v
            }
        }
        lower! {
            pub async fn compute(t: Tracker) -> u32 {
                let v = leaf("compute", 6).await;
                drop(t);
                v
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let f = compute(Tracker::new("arg"));
                let _h = Tracker::new("h");
                let a = timed("outer", timed("inner", f)).await;
                a
            }
        }
    }
    run { go() }
}

twin! {
    /// A pool guard `PoolGuard<'a, T>` borrowing a `RefCell<Vec<T>>` pool, returning its
    /// item on `Drop`; held across awaits, dropped early and at scope end.
    p25a_pool_guard_returns_on_drop {
        pub struct Pool<T> { pub items: RefCell<Vec<T>> }
        pub struct PoolGuard<'a, T: Debug> { pub pool: &'a Pool<T>, pub item: Option<T> }
        impl<T: Debug> Drop for PoolGuard<'_, T> {
            fn drop(&mut self) {
                let it = self.item.take().unwrap();
                log(format!("return {it:?}"));
                self.pool.items.borrow_mut().push(it);
            }
        }
        impl<T: Debug> Pool<T> {
            lower! {
                pub async fn get(&self) -> Option<PoolGuard<'_, T>> {
                    step("get").await;
                    let item = self.items.borrow_mut().pop()?;
                    Some(PoolGuard { pool: self, item: Some(item) })
                }
            }
        }
        lower! {
            pub async fn go(pool: &Pool<u32>) -> Vec<u32> {
                let a = pool.get().await.unwrap();
                let b = pool.get().await;
                step("two").await;
                let c = pool.get().await;
                log(format!("c is_none {}", c.is_none()));
                drop(a);
                let d = pool.get().await;
                step("end").await;
                vec![b.map(|g| *g.item.as_ref().unwrap()).unwrap_or(0), d.as_ref().map(|g| *g.item.as_ref().unwrap()).unwrap_or(0)]
            }
        }
    }
    run { go(leak(Pool { items: RefCell::new(vec![1, 2]) })) }
}

twin! {
    /// A `Defer` scope guard holding `Option<Box<dyn FnOnce()>>`, run on drop; alive across
    /// awaits and across a panic.
    p25a_defer_guard_fnonce_panic {
        pub struct Defer(pub Option<Box<dyn FnOnce()>>);
        impl Drop for Defer {
            fn drop(&mut self) { if let Some(f) = self.0.take() { f(); } }
        }
        pub fn defer(f: impl FnOnce() + 'static) -> Defer { Defer(Some(Box::new(f))) }
        lower! {
            pub async fn go(fail: bool) -> u32 {
                let t = Tracker::new("owned");
                let _d1 = defer(move || log(format!("deferred 1 with {}", t.name())));
                step("s1").await;
                let _d2 = defer(|| log("deferred 2"));
                if fail {
                    boom("fail").await;
                }
                let mut d3 = defer(|| log("deferred 3"));
                step("s2").await;
                d3.0 = None;
                7
            }
        }
    }
    run { pair(go(false), go(true)) }
}

twin! {
    /// A transaction `Tx<'a>` over `&'a RefCell<Vec<String>>` that rolls back on drop unless
    /// `commit(self)` (lowered) ran; cancelled mid-way it rolls back.
    p25a_transaction_commit_or_rollback {
        pub struct Db { pub rows: RefCell<Vec<String>> }
        pub struct Tx<'a> { pub db: &'a Db, pub pending: Vec<String>, pub done: bool }
        impl Drop for Tx<'_> {
            fn drop(&mut self) {
                if !self.done { log(format!("rollback {:?}", self.pending)); }
            }
        }
        impl<'a> Tx<'a> {
            lower! {
                pub async fn insert(&mut self, row: &str) {
                    step("insert").await;
                    self.pending.push(row.to_string());
                }
            }
            lower! {
                pub async fn commit(mut self) -> usize {
                    step("commit").await;
                    let n = self.pending.len();
                    self.db.rows.borrow_mut().extend(self.pending.drain(..));
                    self.done = true;
                    n
                }
            }
        }
        lower! {
            pub async fn go(db: &Db) -> (usize, Vec<String>) {
                let mut tx = Tx { db, pending: Vec::new(), done: false };
                tx.insert("a").await;
                tx.insert("b").await;
                let n = tx.commit().await;
                let mut tx2 = Tx { db, pending: Vec::new(), done: false };
                tx2.insert("c").await;
                drop(tx2);
                step("end").await;
                (n, db.rows.borrow().clone())
            }
        }
    }
    run { go(leak(Db { rows: RefCell::new(Vec::new()) })) }
}

twin! {
    /// A `RefMut` guard (`cell.borrow_mut()`) held across an await, with the awaited value
    /// pushed through it.
    p25a_refmut_guard_across_await {
        lower! {
            pub async fn fill(cell: &RefCell<Vec<Tracker>>, names: Vec<&'static str>) -> usize {
                let mut g = cell.borrow_mut();
                for n in names {
                    g.push(leaf("t", Tracker::new(n)).await);
                }
                let len = g.len();
                drop(g);
                step("released").await;
                let r = cell.borrow();
                step("reading").await;
                len + r.len()
            }
        }
    }
    run { fill(leak(RefCell::new(vec![Tracker("old")])), vec!["a", "b"]) }
}

twin! {
    /// A stream-like trait `async fn next(&mut self) -> Option<Self::Item>` with generic
    /// `Map<S, F>` and `Filter<S, P>` adaptors implementing it, chained.
    p25a_async_stream_adaptors_chain {
        pub trait AStream { type Item; async fn next(&mut self) -> Option<Self::Item>; }
        pub struct Count { pub n: u32, pub max: u32 }
        impl AStream for Count {
            type Item = u32;
            lower! {
                async fn next(&mut self) -> Option<u32> {
                    step("count").await;
                    if self.n >= self.max { return None; }
                    self.n += 1;
                    Some(self.n)
                }
            }
        }
        pub struct Map<S, F> { pub s: S, pub f: F }
        impl<S: AStream, F: FnMut(S::Item) -> B, B> AStream for Map<S, F> {
            type Item = B;
            lower! {
                async fn next(&mut self) -> Option<B> {
                    let x = self.s.next().await?;
                    Some((self.f)(x))
                }
            }
        }
        pub struct Filter<S, P> { pub s: S, pub p: P }
        impl<S: AStream, P: FnMut(&S::Item) -> bool> AStream for Filter<S, P> {
            type Item = S::Item;
            lower! {
                async fn next(&mut self) -> Option<S::Item> {
                    loop {
                        let x = self.s.next().await?;
                        if (self.p)(&x) {
                            return Some(x);
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn collect<S: AStream>(mut s: S) -> Vec<S::Item> {
                let mut v = Vec::new();
                while let Some(x) = s.next().await {
                    v.push(x);
                }
                v
            }
        }
    }
    run {
        let t = Tracker("map");
        collect(Map { s: Filter { s: Count { n: 0, max: 6 }, p: |x: &u32| x % 2 == 0 }, f: move |x| format!("{}{x}", t.name()) })
    }
}

twin! {
    /// A trait default method (lowered, in the trait) looping over another required async
    /// method (`fold` over `next`), with a generic accumulator.
    p25a_trait_default_fold_lowered {
        pub trait Src {
            async fn next(&mut self) -> Option<u32>;
            lower! {
                async fn fold<A: Debug>(&mut self, init: A, f: impl Fn(A, u32) -> A) -> A {
                    let _g = Tracker::new("fold");
                    let mut acc = init;
                    while let Some(x) = self.next().await {
                        acc = f(acc, x);
                        log(format!("acc {acc:?}"));
                    }
                    acc
                }
            }
        }
        pub struct Nums(pub Vec<u32>);
        impl Src for Nums {
            lower! {
                async fn next(&mut self) -> Option<u32> {
                    step("nums").await;
                    self.0.pop()
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, String) {
                let mut n = Nums(vec![1, 2, 3]);
                let s = n.fold(0, |a, x| a + x).await;
                let mut m = Nums(vec![4, 5]);
                let t = m.fold(String::new(), |a, x| a + &x.to_string()).await;
                (s, t)
            }
        }
    }
    run { go() }
}

twin! {
    /// A trait default native method consuming `self` (`where Self: Sized`) that awaits two
    /// required methods; trackers in the implementor.
    p25a_trait_default_consuming_self {
        pub trait Session: Sized {
            async fn send(&mut self, m: u32) -> u32;
            async fn close(self) -> String;
            async fn send_and_close(mut self, m: u32) -> (u32, String) {
                let a = self.send(m).await;
                let b = self.close().await;
                (a, b)
            }
        }
        pub struct Tcp { pub sent: Vec<u32>, pub _t: Tracker }
        impl Session for Tcp {
            lower! {
                async fn send(&mut self, m: u32) -> u32 {
                    self.sent.push(leaf("send", m).await);
                    self.sent.len() as u32
                }
            }
            lower! {
                async fn close(self) -> String {
                    step("close").await;
                    format!("closed {:?}", self.sent)
                }
            }
        }
        lower! {
            pub async fn go() -> (u32, String) {
                let mut t = Tcp { sent: Vec::new(), _t: Tracker::new("tcp") };
                t.send(1).await;
                t.send_and_close(2).await
            }
        }
    }
    run { go() }
}

twin! {
    /// A hand-written `Iterator` struct used in a `for` loop with awaits in the body; the
    /// iterator owns trackers that drop with it (also on cancellation).
    p25a_custom_iterator_owning_trackers {
        pub struct Drain { pub items: Vec<Tracker>, pub _own: Tracker }
        impl Iterator for Drain {
            type Item = Tracker;
            fn next(&mut self) -> Option<Tracker> { self.items.pop() }
        }
        lower! {
            pub async fn go() -> Vec<&'static str> {
                let d = Drain { items: vec![Tracker::new("i1"), Tracker::new("i2"), Tracker::new("i3")], _own: Tracker::new("drain") };
                let mut names = Vec::new();
                for t in d {
                    step("item").await;
                    names.push(t.name());
                    if t.name() == "i2" {
                        break;
                    }
                }
                step("after").await;
                names
            }
        }
    }
    run { go() }
}

twin! {
    /// A generic `Either<L, R>` enum with a lowered method mapping both sides through
    /// different awaited closures' results; `Self::Left` in the body.
    p25a_either_generic_methods {
        #[derive(Debug)]
        pub enum Either<L, R> { Left(L), Right(R) }
        impl<L: Debug, R: Debug> Either<L, R> {
            lower! {
                pub async fn describe(self) -> String {
                    let _g = Tracker::new("describe");
                    match self {
                        Self::Left(l) => {
                            step("left").await;
                            format!("L {l:?}")
                        }
                        Self::Right(r) => {
                            let s = format!("R {r:?}");
                            step("right").await;
                            drop(r);
                            s
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<String> {
                let xs: Vec<Either<u32, Tracker>> = vec![Either::Left(1), Either::Right(Tracker::new("r"))];
                let mut out = Vec::new();
                for x in xs {
                    out.push(x.describe().await);
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Closures that capture `self`'s fields by reference inside a lowered `&self` method
    /// and are called before and after an await.
    p25a_closure_capturing_self_fields {
        pub struct Cfg { pub scale: u32, pub name: String, pub _t: Tracker }
        impl Cfg {
            lower! {
                pub async fn apply(&self, xs: Vec<u32>) -> Vec<String> {
                    let fmt = |x: u32| format!("{}:{}", self.name, x * self.scale);
                    let mut out = vec![fmt(0)];
                    for x in xs {
                        let x = leaf("x", x).await;
                        out.push(fmt(x));
                    }
                    out
                }
            }
        }
    }
    run { leak(Cfg { scale: 3, name: String::from("c"), _t: Tracker("cfg") }).apply(vec![1, 2]) }
}

twin! {
    /// A closure capturing `&mut self.count` (a field of `&mut self`) called between awaits.
    p25a_closure_mut_self_field {
        pub struct Counter { pub count: u32, pub log: Vec<String> }
        impl Counter {
            lower! {
                pub async fn run(&mut self, n: u32) -> u32 {
                    for i in 0..n {
                        let v = leaf("v", i).await;
                        let mut bump = |k: u32| self.count += k;
                        bump(v);
                        bump(1);
                        self.log.push(format!("after {i}: {}", self.count));
                    }
                    step("end").await;
                    self.count
                }
            }
        }
    }
    run { leak(Counter { count: 0, log: Vec::new() }).run(3) }
}

twin! {
    /// Two lowered generic fns where the first returns a struct holding a borrow of its
    /// argument (`Window<'a, T>`), used by the second across awaits.
    p25a_borrowing_struct_returned_and_used {
        #[derive(Debug)]
        pub struct Window<'a, T> { pub part: &'a [T], pub start: usize }
        lower! {
            pub async fn window<'a, T>(xs: &'a [T], start: usize, len: usize) -> Window<'a, T> {
                step("window").await;
                let end = (start + len).min(xs.len());
                Window { part: &xs[start..end], start }
            }
        }
        lower! {
            pub async fn sums(xs: &[u32]) -> Vec<u32> {
                let _g = Tracker::new("sums");
                let mut out = Vec::new();
                let mut i = 0;
                while i < xs.len() {
                    let w = window(xs, i, 2).await;
                    step("got").await;
                    out.push(w.part.iter().sum::<u32>() + w.start as u32);
                    i += 2;
                }
                out
            }
        }
    }
    run { sums(leak(vec![1, 2, 3, 4, 5])) }
}

twin! {
    /// `Option` combinators with closures on an awaited generic option, chained with `?`
    /// in a lowered generic fn returning `Option`.
    p25a_option_combinators_generic {
        lower! {
            pub async fn first_even<T: Copy + Into<u64>>(xs: &[T]) -> Option<u64> {
                let _g = Tracker::new("fe");
                let first = leaf("first", xs.first().copied()).await?;
                let v: u64 = first.into();
                let r = leaf("pick", Some(v)).await.filter(|v| v % 2 == 0).map(|v| v * 10);
                step("end").await;
                r.or_else(|| xs.get(1).map(|x| (*x).into()))
            }
        }
    }
    run { pair(first_even(leak(vec![4u8, 3])), pair(first_even(leak(vec![5u32, 7])), first_even::<u16>(leak(Vec::new())))) }
}

twin! {
    /// `let Self { a, b, .. } = self;` destructuring in a lowered `self` method with awaits
    /// after; the unbound field drops at the `let` as natively.
    p25a_destructure_self_in_method {
        pub struct Parts { pub head: Tracker, pub body: Vec<u32>, pub tail: Tracker }
        impl Parts {
            lower! {
                pub async fn split(self) -> (Tracker, u32) {
                    step("start").await;
                    let Self { head, body, .. } = self;
                    step("split").await;
                    let s = body.iter().sum::<u32>() + leaf("x", 1).await;
                    (head, s)
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let p = Parts { head: Tracker::new("head"), body: vec![1, 2], tail: Tracker::new("tail") };
                let (h, s) = p.split().await;
                step("got").await;
                drop(h);
                s
            }
        }
    }
    run { go() }
}

twin! {
    /// Two declarations of `finish`: `&self` on `Meter`, `self` on `Upload`; the `Upload`
    /// comes from another lowered fn (no visible type) and is finished by value.
    p25a_same_name_self_and_ref_methods {
        pub struct Meter { pub n: u32 }
        impl Meter { pub fn finish(&self) -> u32 { self.n * 2 } }
        pub struct Upload { pub parts: Vec<u32>, pub _t: Tracker }
        impl Upload {
            lower! {
                pub async fn finish(self) -> String {
                    step("upload").await;
                    format!("{:?}", self.parts)
                }
            }
        }
        lower! {
            pub async fn start(n: u32) -> Upload {
                step("start").await;
                Upload { parts: (0..n).collect(), _t: Tracker::new("upload") }
            }
        }
        lower! {
            pub async fn go() -> (u32, String) {
                let m = Meter { n: 3 };
                let u = start(2).await;
                let a = m.finish();
                step("mid").await;
                let s = u.finish().await;
                (a + m.finish(), s)
            }
        }
    }
    run { go() }
}

twin! {
    /// Struct update syntax on a generic `Config<T>` declared in the file (`..base`) after
    /// an await, the base's other fields moved.
    p25a_struct_update_generic_config {
        #[derive(Debug)]
        pub struct Config<T> { pub name: String, pub retries: u32, pub extra: T }
        lower! {
            pub async fn tweak<T: Debug>(base: Config<T>) -> Config<T> {
                step("load").await;
                let r = leaf("retries", 5).await;
                let c = Config { retries: r, ..base };
                step("built").await;
                c
            }
        }
    }
    run { tweak(Config { name: String::from("n"), retries: 1, extra: Tracker("extra") }) }
}

twin! {
    /// A `move` closure capturing one field of a by-value struct parameter, other fields
    /// used after awaits.
    p25a_move_closure_one_field_of_param {
        pub struct Opts { pub name: String, pub level: u32, pub guard: Tracker }
        lower! {
            pub async fn go(o: Opts) -> String {
                let greet = move |x: u32| format!("{}{x}", o.name);
                step("s1").await;
                let a = greet(leaf("a", o.level).await);
                step("s2").await;
                format!("{a} {}", o.guard.name())
            }
        }
    }
    run { go(Opts { name: String::from("n"), level: 2, guard: Tracker("guard") }) }
}

twin! {
    /// Recursion through `Box::pin` in a `&self` method walking a generic tree of children.
    p25a_box_pin_recursive_method {
        pub struct Dir<T> { pub name: &'static str, pub files: Vec<T>, pub subdirs: Vec<Dir<T>> }
        impl<T: Debug> Dir<T> {
            lower! {
                pub async fn count(&self, depth: usize) -> usize {
                    step(self.name).await;
                    let mut n = self.files.len();
                    for d in &self.subdirs {
                        n += Box::pin(d.count(depth + 1)).await;
                    }
                    log(format!("{}{} = {n}", " ".repeat(depth), self.name));
                    n
                }
            }
        }
    }
    run {
        let d = Dir { name: "root", files: vec![Tracker("f1")], subdirs: vec![
            Dir { name: "a", files: vec![Tracker("f2"), Tracker("f3")], subdirs: vec![] },
            Dir { name: "b", files: vec![], subdirs: vec![Dir { name: "c", files: vec![Tracker("f4")], subdirs: vec![] }] },
        ] };
        leak(d).count(0)
    }
}

twin! {
    /// Mutual recursion of two generic lowered fns through `Box::pin` (`even`/`odd`), with a
    /// tracker per level.
    p25a_mutual_recursion_box_pin {
        lower! {
            pub async fn is_even(n: u32) -> bool {
                let _t = Tracker::new("even");
                if n == 0 {
                    return leaf("base", true).await;
                }
                Box::pin(is_odd(n - 1)).await
            }
        }
        lower! {
            pub async fn is_odd(n: u32) -> bool {
                step("odd").await;
                if n == 0 { false } else { Box::pin(is_even(n - 1)).await }
            }
        }
    }
    run { pair(is_even(3), is_odd(3)) }
}

twin! {
    /// A native fn returning `Pin<Box<dyn Future + '_>>` wrapping a lowered fn that calls
    /// the wrapper recursively (the classic boxed recursion pattern).
    p25a_boxed_dyn_recursion_wrapper {
        pub enum Expr { Num(i64), Add(Box<Expr>, Box<Expr>), Neg(Box<Expr>) }
        pub fn eval_boxed(e: &Expr) -> Pin<Box<dyn Future<Output = i64> + '_>> { Box::pin(eval(e)) }
        lower! {
            pub async fn eval(e: &Expr) -> i64 {
                match e {
                    Expr::Num(n) => leaf("num", *n).await,
                    Expr::Add(a, b) => {
                        let _t = Tracker::new("add");
                        eval_boxed(a).await + eval_boxed(b).await
                    }
                    Expr::Neg(a) => -eval_boxed(a).await,
                }
            }
        }
    }
    run {
        let e = Expr::Add(Box::new(Expr::Num(2)), Box::new(Expr::Neg(Box::new(Expr::Add(Box::new(Expr::Num(5)), Box::new(Expr::Num(1)))))));
        eval(leak(e))
    }
}

twin! {
    /// A `Vec` of same-typed lowered futures built by `iter().map(..).collect()` and
    /// awaited in order; the unawaited rest dropped on early return.
    p25a_collected_futures_awaited_in_order {
        lower! {
            pub async fn fetch(id: u32, t: Tracker) -> Result<u32, String> {
                let v = leaf("fetch", id).await;
                log(format!("fetched {} {v}", t.name()));
                if v == 0 { Err(String::from("zero")) } else { Ok(v) }
            }
        }
        lower! {
            pub async fn go(ids: Vec<u32>) -> Result<u32, String> {
                let names = ["f0", "f1", "f2", "f3"];
                let futs: Vec<_> = ids.iter().enumerate().map(|(i, id)| fetch(*id, Tracker::new(names[i]))).collect();
                let mut total = 0;
                for f in futs {
                    total += f.await?;
                }
                Ok(total)
            }
        }
    }
    run { pair(go(vec![1, 2]), go(vec![3, 0, 4])) }
}

twin! {
    /// Grouping into `HashMap<K, Vec<V>>` by awaited keys, then sorted output; values are
    /// trackers.
    p25a_group_by_awaited_keys {
        lower! {
            pub async fn group<K: std::hash::Hash + Eq + Ord + Copy + Debug>(items: Vec<(K, Tracker)>) -> Vec<(K, Vec<&'static str>)> {
                let mut map: BTreeMap<K, Vec<Tracker>> = BTreeMap::new();
                for (k, t) in items {
                    let k = leaf("key", k).await;
                    map.entry(k).or_default().push(t);
                }
                step("grouped").await;
                let mut out: Vec<_> = map.iter().map(|(k, v)| (*k, v.iter().map(|t| t.name()).collect())).collect();
                out.sort();
                out
            }
        }
    }
    run { group(vec![(2, Tracker("a")), (1, Tracker("b")), (2, Tracker("c"))]) }
}

twin! {
    /// A generic `max_by_key_async(items, impl Fn(&T) -> K)` returning the winning owned
    /// item; losers drop as they are beaten.
    p25a_max_by_key_owned_items {
        lower! {
            pub async fn max_by<T, K: Ord>(items: Vec<T>, key: impl Fn(&T) -> K) -> Option<T> {
                let mut best: Option<T> = None;
                for it in items {
                    step("cmp").await;
                    let better = match &best {
                        None => true,
                        Some(b) => key(&it) > key(b),
                    };
                    if better {
                        best = Some(it);
                    }
                }
                best
            }
        }
        lower! {
            pub async fn go() -> Option<&'static str> {
                let ts = vec![Tracker::new("bb"), Tracker::new("a"), Tracker::new("cccc"), Tracker::new("dd")];
                let w = max_by(ts, |t| t.name().len()).await;
                step("won").await;
                w.map(|t| t.name())
            }
        }
    }
    run { go() }
}

twin! {
    /// An `Rc<dyn Fn(u32) -> u32>` shared by two structs, each with a lowered method using
    /// it between awaits; the closure's tracker drops with the last owner.
    p25a_rc_dyn_fn_shared {
        pub struct A { pub f: Rc<dyn Fn(u32) -> u32> }
        pub struct B { pub f: Rc<dyn Fn(u32) -> u32>, pub k: u32 }
        impl A {
            lower! {
                pub async fn go(&self, x: u32) -> u32 { (self.f)(leaf("a", x).await) }
            }
        }
        impl B {
            lower! {
                pub async fn go(&self, x: u32) -> u32 {
                    step("b").await;
                    (self.f)(x) + self.k
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let t = Tracker::new("fn");
                let f: Rc<dyn Fn(u32) -> u32> = Rc::new(move |x| x + t.name().len() as u32);
                let a = A { f: f.clone() };
                let b = B { f, k: 100 };
                let x = a.go(1).await;
                drop(a);
                step("dropped a").await;
                let y = b.go(x).await;
                drop(b);
                step("dropped b").await;
                y
            }
        }
    }
    run { go() }
}

twin! {
    /// A `Deref` wrapper `Guarded<T>` around a `Vec`, with `Vec` methods reached through
    /// deref inside a lowered generic fn across awaits.
    p25a_deref_wrapper_methods {
        pub struct Guarded<T> { pub inner: T, pub _t: Tracker }
        impl<T> std::ops::Deref for Guarded<T> { type Target = T; fn deref(&self) -> &T { &self.inner } }
        impl<T> std::ops::DerefMut for Guarded<T> { fn deref_mut(&mut self) -> &mut T { &mut self.inner } }
        lower! {
            pub async fn go() -> (usize, Option<u32>) {
                let mut g = Guarded { inner: vec![1u32, 2], _t: Tracker::new("guarded") };
                g.push(leaf("x", 3).await);
                step("pushed").await;
                let n = g.len();
                let last = g.pop();
                step("popped").await;
                (n + g.iter().count(), last)
            }
        }
    }
    run { go() }
}

twin! {
    /// `impl AsRef<[T]>` generic argument and a `Borrow<str>` keyed `HashMap` lookup with
    /// `&str` keys in a lowered fn.
    p25a_asref_slice_and_borrow_lookup {
        lower! {
            pub async fn lookup_all<S: AsRef<[&'static str]>>(keys: S, map: &HashMap<String, u32>) -> Vec<Option<u32>> {
                let mut out = Vec::new();
                for k in keys.as_ref() {
                    step("k").await;
                    out.push(map.get(*k).copied());
                }
                out
            }
        }
        lower! {
            pub async fn go() -> Vec<Option<u32>> {
                let mut m = HashMap::new();
                m.insert(String::from("a"), leaf("a", 1).await);
                m.insert(String::from("b"), 2);
                let _g = Tracker::new("g");
                let mut r = lookup_all(["a", "z"], &m).await;
                r.extend(lookup_all(vec!["b"], &m).await);
                r
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered method on `Stack<T>` taking `impl IntoIterator<Item = T>` and pushing each
    /// item after an await; cancelled mid-way the rest of the iterator drops.
    p25a_push_all_into_iter_method {
        pub struct Stack<T> { pub v: Vec<T> }
        impl<T> Stack<T> {
            lower! {
                pub async fn push_all(&mut self, it: impl IntoIterator<Item = T>) -> usize {
                    let mut n = 0;
                    for x in it {
                        step("push").await;
                        self.v.push(x);
                        n += 1;
                    }
                    n
                }
            }
        }
        lower! {
            pub async fn go() -> usize {
                let mut s = Stack { v: Vec::new() };
                let a = s.push_all(vec![Tracker::new("a"), Tracker::new("b")]).await;
                let b = s.push_all(Some(Tracker::new("c"))).await;
                s.v.remove(0);
                step("end").await;
                a + b + s.v.len()
            }
        }
    }
    run { go() }
}

twin! {
    /// A trait `async fn` implemented by a lowered method that panics in one match arm
    /// (`panic!` with format) while the caller's generic guards live.
    p25a_trait_method_panic_arm {
        pub trait Check { async fn check(&self, v: u32) -> u32; }
        pub struct Strict(pub Tracker);
        impl Check for Strict {
            lower! {
                async fn check(&self, v: u32) -> u32 {
                    let v = leaf("v", v).await;
                    match v {
                        0 => 0,
                        1..=9 => {
                            step("small").await;
                            v * 2
                        }
                        _ => panic!("too big {v} for {}", self.0.name()),
                    }
                }
            }
        }
        lower! {
            pub async fn check_all<C: Check>(c: C, vs: Vec<u32>) -> u32 {
                let _g = Tracker::new("all");
                let mut s = 0;
                for v in vs {
                    let _i = Tracker::new("iter");
                    s += c.check(v).await;
                }
                s
            }
        }
    }
    run { check_all(Strict(Tracker("strict")), vec![1, 0, 12, 3]) }
}

twin! {
    /// A lowered method returning `impl Fn(u32) -> u32 + '_` that borrows `self`.
    p25a_method_returns_impl_fn_borrowing_self {
        pub struct Scale { pub k: u32, pub _t: Tracker }
        impl Scale {
            lower! {
                pub async fn scaler(&self, extra: u32) -> impl Fn(u32) -> u32 + '_ {
                    let e = leaf("extra", extra).await;
                    move |x| x * self.k + e
                }
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let s = Scale { k: 3, _t: Tracker::new("scale") };
                let f = s.scaler(1).await;
                let mut out = Vec::new();
                for x in [1, 2] {
                    out.push(f(leaf("x", x).await));
                }
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// Minimal: a lowered fn with a borrowed parameter returning `impl Fn(u32) -> u32 + '_`
    /// whose tail closure needs the return type to type its parameter (E0284).
    p25a_method_returns_impl_fn_borrowing_self_min {
        lower! {
            pub async fn scaler(k: &u32) -> impl Fn(u32) -> u32 + '_ {
                step("s").await;
                move |x| x * k
            }
        }
    }
    run { async { scaler(leak(2)).await(3) } }
}

twin! {
    /// A generic struct literal whose fields are awaited trait-method results and trackers,
    /// in field order (cancellation between drops the built fields).
    p25a_struct_literal_awaited_fields {
        pub trait Src { async fn get(&self, k: &'static str) -> Tracker; }
        pub struct Mk;
        impl Src for Mk {
            lower! {
                async fn get(&self, k: &'static str) -> Tracker {
                    step(k).await;
                    Tracker::new(k)
                }
            }
        }
        #[derive(Debug)]
        pub struct Trio<A, B> { pub a: A, pub b: B, pub c: Tracker, pub n: u32 }
        lower! {
            pub async fn build<S: Src>(s: &S) -> Trio<Tracker, Tracker> {
                Trio { a: s.get("fa").await, c: Tracker::new("fc"), b: s.get("fb").await, n: leaf("n", 3).await }
            }
        }
    }
    run { build(leak(Mk)) }
}

twin! {
    /// A chain on an awaited `&self` method: `self.store.get(k).await.unwrap_or_default().len()`
    /// and `?` mid-chain in the tail: `Ok(self.fetch().await?.trim().to_string())`.
    p25a_chains_on_awaited_method_results {
        pub struct Api { pub data: Vec<String> }
        impl Api {
            lower! {
                pub async fn get(&self, i: usize) -> Option<String> {
                    step("get").await;
                    self.data.get(i).cloned()
                }
            }
            lower! {
                pub async fn fetch(&self, i: usize) -> Result<String, String> {
                    self.get(i).await.ok_or(format!("no {i}"))
                }
            }
            lower! {
                pub async fn both(&self, i: usize) -> Result<(usize, String), String> {
                    let _g = Tracker::new("both");
                    let n = self.get(i).await.unwrap_or_default().len();
                    Ok((n, self.fetch(i).await?.trim().to_string()))
                }
            }
        }
    }
    run {
        let a = leak(Api { data: vec![String::from(" hi ")] });
        pair(a.both(0), a.both(3))
    }
}

twin! {
    /// Awaits inside `format!` arguments and `assert!` inside lowered generic code.
    p25a_await_in_format_and_assert {
        lower! {
            pub async fn show<T: Debug + Clone>(x: T) -> String {
                let _g = Tracker::new("show");
                let s = format!("{:?}-{}", leaf("a", x.clone()).await, leaf("b", 2).await);
                assert!(leaf("ok", s.len()).await > 1, "short {}", s);
                log(format!("shown {}", leaf("c", 3).await));
                s
            }
        }
    }
    run { show(vec![1]) }
}

twin! {
    /// Awaits in array, tuple and `vec!` literals of generic values, with trackers.
    p25a_await_in_array_tuple_vec_literals {
        lower! {
            pub async fn make<T: Clone>(x: T) -> ([T; 2], (Tracker, T), Vec<Tracker>) {
                let arr = [leaf("a0", x.clone()).await, leaf("a1", x.clone()).await];
                let tup = (Tracker::new("tup"), leaf("t1", x).await);
                let v = vec![leaf("v0", Tracker::new("v0")).await, Tracker::new("v1"), leaf("v2", Tracker::new("v2")).await];
                (arr, tup, v)
            }
        }
        lower! {
            pub async fn go() -> usize {
                let (a, t, v) = make(5u8).await;
                step("made").await;
                drop(t);
                a.len() + v.len()
            }
        }
    }
    run { go() }
}

twin! {
    /// `while self.has_more().await { .. }` and short-circuit `&&` / `||` of awaited trait
    /// method results.
    p25a_while_cond_and_short_circuit_awaits {
        pub trait Feed { async fn has_more(&self) -> bool; async fn ok(&self, x: u32) -> bool; }
        pub struct Q { pub left: Cell<u32> }
        impl Feed for Q {
            lower! {
                async fn has_more(&self) -> bool {
                    step("more").await;
                    let l = self.left.get();
                    if l > 0 { self.left.set(l - 1); }
                    l > 0
                }
            }
            lower! {
                async fn ok(&self, x: u32) -> bool { leaf("ok", x % 2 == 1).await }
            }
        }
        lower! {
            pub async fn drain<F: Feed>(f: &F) -> Vec<u32> {
                let mut out = Vec::new();
                let mut i = 0;
                while f.has_more().await {
                    i += 1;
                    if f.ok(i).await && f.ok(i + 2).await || i == 4 {
                        out.push(i);
                    }
                }
                out
            }
        }
    }
    run { drain(leak(Q { left: Cell::new(4) })) }
}

twin! {
    /// A `match` on a generic struct's mode field choosing which lowered method to await,
    /// and a range with awaited bounds.
    p25a_match_mode_and_awaited_range {
        #[derive(Clone, Copy)]
        pub enum Mode { Fast, Slow }
        pub struct Worker<T> { pub mode: Mode, pub items: Vec<T> }
        impl<T: Clone + Debug> Worker<T> {
            lower! {
                pub async fn fast(&self) -> usize { leaf("fast", self.items.len()).await }
            }
            lower! {
                pub async fn slow(&self) -> usize {
                    let mut n = 0;
                    for _ in &self.items {
                        step("slow").await;
                        n += 1;
                    }
                    n
                }
            }
            lower! {
                pub async fn run(&self) -> Vec<T> {
                    let n = match self.mode {
                        Mode::Fast => self.fast().await,
                        Mode::Slow => self.slow().await,
                    };
                    let mut out = Vec::new();
                    for i in leaf("lo", 0).await..leaf("hi", n).await {
                        out.push(self.items[i].clone());
                    }
                    out
                }
            }
        }
    }
    run {
        let a = leak(Worker { mode: Mode::Fast, items: vec![1, 2] });
        let b = leak(Worker { mode: Mode::Slow, items: vec!["x", "y", "z"] });
        pair(a.run(), b.run())
    }
}

twin! {
    /// A two-phase borrow across an await: `self.out.push(self.render(i).await)` where
    /// `render` takes `&self`.
    p25a_two_phase_push_awaited_self_call {
        pub struct Page { pub title: String, pub out: Vec<String> }
        impl Page {
            lower! {
                pub async fn render(&self, i: u32) -> String {
                    step("render").await;
                    format!("{}#{i}", self.title)
                }
            }
            lower! {
                pub async fn build(&mut self) -> usize {
                    for i in 0..2 {
                        let s = self.render(i).await;
                        self.out.push(s);
                    }
                    self.out.len()
                }
            }
        }
    }
    run { leak(Page { title: String::from("t"), out: Vec::new() }).build() }
}

twin! {
    /// Indexing by awaited values into a generic `Vec<T>` field, assigning an awaited value
    /// into an indexed place, and a compound assignment of an awaited method result.
    p25a_index_places_awaited {
        pub struct Grid<T> { pub cells: Vec<T>, pub total: u32 }
        impl<T: Clone + Debug> Grid<T> {
            lower! {
                pub async fn weight(&self, i: usize) -> u32 {
                    step("w").await;
                    i as u32 * 10
                }
            }
            lower! {
                pub async fn shuffle(&mut self, v: T) -> String {
                    let a = self.cells[leaf("i", 0).await].clone();
                    self.cells[leaf("j", 1).await] = leaf("v", v).await;
                    self.total += self.weight(2).await;
                    format!("{a:?} {:?} {}", self.cells, self.total)
                }
            }
        }
    }
    run { leak(Grid { cells: vec![String::from("c0"), String::from("c1")], total: 1 }).shuffle(String::from("new")) }
}

twin! {
    /// `async move` blocks made in a `map` closure over ids, collected into a `Vec`, then
    /// awaited one by one; unawaited blocks drop their trackers.
    p25a_async_blocks_in_map_closure {
        lower! {
            pub async fn fetch(id: u32) -> u32 { leaf("fetch", id * 2).await }
        }
        lower! {
            pub async fn go(ids: Vec<u32>) -> u32 {
                let names = ["b0", "b1", "b2"];
                let futs: Vec<_> = ids.iter().map(|i| {
                    let t = Tracker::new(names[*i as usize]);
                    let i = *i;
                    async move {
                        let v = fetch(i).await;
                        log(format!("{} -> {v}", t.name()));
                        v
                    }
                }).collect();
                let mut s = 0;
                for f in futs {
                    s += f.await;
                    if s > 2 {
                        break;
                    }
                }
                s
            }
        }
    }
    run { go(vec![0, 2, 1]) }
}

twin! {
    /// A trait `async fn` with an explicit lifetime returning a borrow of its argument,
    /// implemented for two parsers and called generically.
    p25a_trait_fn_explicit_lifetime_borrow {
        pub trait Tokenizer { async fn first<'a>(&self, s: &'a str) -> Option<&'a str>; }
        pub struct Ws;
        pub struct Sep(pub char);
        impl Tokenizer for Ws {
            lower! {
                async fn first<'a>(&self, s: &'a str) -> Option<&'a str> {
                    step("ws").await;
                    s.split_whitespace().next()
                }
            }
        }
        impl Tokenizer for Sep {
            lower! {
                async fn first<'a>(&self, s: &'a str) -> Option<&'a str> {
                    let c = leaf("sep", self.0).await;
                    s.split(c).next().filter(|x| !x.is_empty())
                }
            }
        }
        lower! {
            pub async fn firsts<T: Tokenizer>(t: &T, lines: &[String]) -> Vec<String> {
                let _g = Tracker::new("firsts");
                let mut out = Vec::new();
                for l in lines {
                    if let Some(w) = t.first(l).await {
                        out.push(w.to_string());
                    }
                }
                out
            }
        }
        lower! {
            pub async fn go() -> (Vec<String>, Vec<String>) {
                let lines = vec![String::from("a b"), String::from(",c,d")];
                (firsts(&Ws, &lines).await, firsts(&Sep(','), &lines).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// A trait `async fn get(&self, k) -> Option<&Self::Item>` returning a borrow of `self`,
    /// implemented for a generic store and used across awaits.
    p25a_trait_returns_ref_to_self_item {
        pub trait Get { type Item: Debug; async fn get(&self, k: usize) -> Option<&Self::Item>; }
        pub struct VecStore<T> { pub v: Vec<T> }
        impl<T: Debug> Get for VecStore<T> {
            type Item = T;
            lower! {
                async fn get(&self, k: usize) -> Option<&T> {
                    step("get").await;
                    self.v.get(k)
                }
            }
        }
        lower! {
            pub async fn show_two<G: Get>(g: &G) -> String {
                let a = g.get(0).await;
                let b = g.get(5).await;
                step("both").await;
                format!("{a:?} {b:?}")
            }
        }
    }
    run { show_two(leak(VecStore { v: vec![Tracker("t0")] })) }
}

twin! {
    /// `impl<T: Named> Greeter for T` blanket over a trait with a required lowered method,
    /// plus a `Vec<T>` of implementors greeted in turn.
    p25a_blanket_over_trait_bound {
        pub trait Named { async fn name(&self) -> String; }
        pub trait Greeter { async fn greet(&self) -> String; }
        impl<T: Named> Greeter for T {
            lower! {
                async fn greet(&self) -> String {
                    let n = self.name().await;
                    step("greet").await;
                    format!("hello {n}")
                }
            }
        }
        pub struct P(pub Tracker);
        impl Named for P {
            lower! {
                async fn name(&self) -> String { leaf("name", self.0.name().to_string()).await }
            }
        }
        lower! {
            pub async fn all<G: Greeter>(gs: Vec<G>) -> Vec<String> {
                let mut out = Vec::new();
                for g in &gs {
                    out.push(g.greet().await);
                }
                drop(gs);
                step("dropped").await;
                out
            }
        }
    }
    run { all(vec![P(Tracker("ann")), P(Tracker("bo"))]) }
}

twin! {
    /// `if let .. else if let .. else` chain over awaited generic lookups with trackers
    /// created in each branch.
    p25a_if_let_else_if_let_chain {
        lower! {
            pub async fn find<T: Clone + Debug>(primary: &HashMap<u32, T>, backup: &[T], k: u32) -> String {
                let _g = Tracker::new("find");
                if let Some(v) = leaf("p", primary.get(&k).cloned()).await {
                    let _p = Tracker::new("primary");
                    step("p-hit").await;
                    format!("p {v:?}")
                } else if let Some(v) = leaf("b", backup.get(k as usize)).await {
                    let _b = Tracker::new("backup");
                    format!("b {v:?}")
                } else {
                    step("miss").await;
                    String::from("none")
                }
            }
        }
    }
    run {
        let mut m = HashMap::new();
        m.insert(1, "one");
        let m = leak(m);
        let b = leak(vec!["zero", "uno", "dos"]);
        pair(find(&*m, &*b, 1), pair(find(&*m, &*b, 2), find(&*m, &*b, 7)))
    }
}

twin! {
    /// A lowered fn returning `Box<dyn Fn(u32) -> u32>` whose tail `Box::new(move |x| ..)`
    /// closure gets its parameter type from the return type.
    p25a_returns_box_dyn_fn_untyped_param {
        lower! {
            pub async fn make(k: u32) -> Box<dyn Fn(u32) -> u32> {
                let _g = Tracker::new("make");
                let k = leaf("k", k).await;
                Box::new(move |x| x * k + 1)
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let f = make(3).await;
                f(leaf("x", 2).await)
            }
        }
    }
    run { go() }
}

twin! {
    /// Lowered fns with outer attributes as a library writes them: doc comments,
    /// `#[must_use]`, `#[inline]`, `#[allow(..)]`, `pub(crate)`.
    p25a_attributes_on_lowered_fns {
        pub struct Lib { pub n: u32 }
        impl Lib {
            lower! {
                /// Returns the next id.
                #[must_use]
                #[inline]
                pub(crate) async fn next_id(&mut self) -> u32 {
                    self.n += 1;
                    leaf("id", self.n).await
                }
            }
        }
        lower! {
            /// Makes two ids.
            #[allow(clippy::needless_lifetimes, unused_mut)]
            #[must_use = "the ids"]
            pub(crate) async fn two<'a>(l: &'a mut Lib) -> (u32, u32) {
                let mut _g = Tracker::new("two");
                let a = l.next_id().await;
                (a, l.next_id().await)
            }
        }
    }
    run { two(leak(Lib { n: 0 })) }
}

twin! {
    /// `&mut dyn FnMut(u32)` and `&dyn Fn(&str) -> bool` parameters of a lowered fn, called
    /// between awaits; a `Box<dyn FnMut(u32) + '_>` borrowing a local of the caller.
    p25a_dyn_fn_ref_params {
        lower! {
            pub async fn each(xs: &[&str], keep: &dyn Fn(&str) -> bool, sink: &mut dyn FnMut(u32)) -> usize {
                let mut n = 0;
                for x in xs {
                    step("x").await;
                    if keep(x) {
                        sink(x.len() as u32);
                        n += 1;
                    }
                }
                n
            }
        }
        lower! {
            pub async fn boxed(mut f: Box<dyn FnMut(u32) + '_>) -> u32 {
                f(leaf("a", 1).await);
                step("b").await;
                f(2);
                3
            }
        }
        lower! {
            pub async fn go() -> (usize, u32, Vec<u32>) {
                let mut seen = Vec::new();
                let _g = Tracker::new("g");
                let n = each(&["ab", "c", "def"], &|s| s.len() > 1, &mut |v| seen.push(v)).await;
                let m = boxed(Box::new(|v| seen.push(v * 100))).await;
                (n, m, seen)
            }
        }
    }
    run { go() }
}

twin! {
    /// Minimal: an awaited call given `&mut` of a closure literal that captures a local
    /// (E0716).
    p25a_dyn_fn_ref_params_min {
        lower! {
            pub async fn each(sink: &mut dyn FnMut(u32)) { sink(leaf("x", 1).await); }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut seen = Vec::new();
                each(&mut |v| seen.push(v)).await;
                seen
            }
        }
    }
    run { go() }
}

twin! {
    /// `impl FnOnce() -> T` argument called after awaits in a lowered generic fn (or never,
    /// dropping its captured tracker with the locals).
    p25a_impl_fnonce_arg_late_call {
        lower! {
            pub async fn or_else_later<T: Debug>(v: Option<T>, f: impl FnOnce() -> T) -> T {
                let _g = Tracker::new("later");
                step("s1").await;
                let r = match leaf("v", v).await {
                    Some(x) => x,
                    None => f(),
                };
                step("s2").await;
                r
            }
        }
        lower! {
            pub async fn go() -> (Tracker, Tracker) {
                let c1 = Tracker::new("cap1");
                let a = or_else_later(Some(Tracker::new("given")), move || { drop(c1); Tracker::new("made1") }).await;
                let c2 = Tracker::new("cap2");
                let b = or_else_later(None, move || { log(format!("using {}", c2.name())); Tracker::new("made2") }).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// An impl lifetime `'a` named in `let` annotations and a turbofish inside lowered
    /// methods of `impl<'a> Parser<'a>`, and a sub-parser built as `Self { .. }`.
    p25a_impl_lifetime_named_in_body {
        pub struct Parser<'a> { pub input: &'a str, pub pos: usize }
        impl<'a> Parser<'a> {
            lower! {
                pub async fn take(&mut self, n: usize) -> &'a str {
                    let n = leaf("n", n).await;
                    let part: &'a str = &self.input[self.pos..self.pos + n];
                    self.pos += n;
                    part
                }
            }
            lower! {
                pub async fn sub(&mut self, n: usize) -> Parser<'a> {
                    let s = self.take(n).await;
                    step("sub").await;
                    Self { input: s, pos: 0 }
                }
            }
        }
        lower! {
            pub async fn go(s: &str) -> Vec<&str> {
                let _g = Tracker::new("go");
                let mut p = Parser { input: s, pos: 0 };
                let a = p.take(2).await;
                let mut q = p.sub(4).await;
                let b = q.take(1).await;
                let c = p.take(1).await;
                vec![a, b, c, q.input]
            }
        }
    }
    run { go(leak(String::from("abcdefgh"))) }
}

twin! {
    /// A trait default method (lowered in the trait) with `where Self: Sized` calling the
    /// trait's static `async fn` as `Self::open(..)` and consuming `self`.
    p25a_trait_default_self_static_call {
        pub trait Res: Sized {
            async fn open(n: u32) -> Self;
            fn id(&self) -> u32;
            lower! {
                async fn reopen(self) -> Self
                where
                    Self: Sized,
                {
                    let id = self.id();
                    drop(self);
                    step("closed").await;
                    Self::open(id + 1).await
                }
            }
        }
        pub struct H(pub u32, pub Tracker);
        impl Res for H {
            lower! {
                async fn open(n: u32) -> H {
                    step("open").await;
                    H(n, Tracker::new(["h0", "h1", "h2", "h3"][n as usize]))
                }
            }
            fn id(&self) -> u32 { self.0 }
        }
        lower! {
            pub async fn go() -> u32 {
                let h = H::open(0).await;
                let h = h.reopen().await;
                let h = h.reopen().await;
                h.id()
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered fn returning `impl Fn(&str) -> usize` whose tail closure calls a method on
    /// its untyped parameter (the parameter's type comes from the return type).
    p25a_returns_impl_fn_method_on_param {
        lower! {
            pub async fn counter(extra: usize) -> impl Fn(&str) -> usize {
                let _g = Tracker::new("counter");
                let e = leaf("e", extra).await;
                move |s| s.len() + e
            }
        }
        lower! {
            pub async fn go() -> usize {
                let f = counter(1).await;
                f("abc") + f(leaf("s", "de").await)
            }
        }
    }
    run { go() }
}

twin! {
    /// A lowered generic fn returning `[T; N]` built by `std::array::from_fn` (its length
    /// comes from the return type) across awaits.
    p25a_array_from_fn_return_len {
        lower! {
            pub async fn firsts<const N: usize>(v: &[u32]) -> [u32; N] {
                let _g = Tracker::new("firsts");
                let k = leaf("k", 1).await;
                std::array::from_fn(|i| v[i] * k)
            }
        }
        lower! {
            pub async fn go() -> ([u32; 2], [u32; 3]) {
                let v = vec![4, 5, 6];
                (firsts(&v).await, firsts(&v).await)
            }
        }
    }
    run { go() }
}

