//! Probe round 28a: lowered methods with every kind of receiver and impl, as a library
//! author writes them: inherent impls with lifetimes, generics and `where` clauses;
//! `&self`, `&mut self`, `self`, `mut self`, `self: Box<Self>`, `self: Rc<Self>`,
//! `self: Arc<Self>`, `self: Pin<&mut Self>` receivers; methods returning references into
//! `self` used across later awaits; methods calling other lowered methods of `self`;
//! boxed recursion; `async fn` in traits with default methods, associated types and consts,
//! `impl Trait for &T` / `for Box<T>`; builders; `From` conversions and `?`; fields moved
//! out of `self` after awaits, `mem::take` across awaits, and `Option<Box<Self>>` lists.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};
#[allow(unused_imports)]
use std::rc::Rc;
#[allow(unused_imports)]
use std::sync::Arc;
#[allow(unused_imports)]
use std::mem;

twin! {
    /// `impl<'a> Parser<'a>` with `&mut self` methods advancing over borrowed input across
    /// awaits, one calling another.
    p28a_parser_lifetime_impl {
        pub struct Parser<'a> {
            pub input: &'a str,
            pub pos: usize,
            pub guard: Tracker,
        }
        impl<'a> Parser<'a> {
            lower! {
                pub async fn next_word(&mut self) -> Option<&'a str> {
                    step("skip").await;
                    let rest = &self.input[self.pos..];
                    let rest_trim = rest.trim_start();
                    if rest_trim.is_empty() {
                        return None;
                    }
                    let start = self.pos + (rest.len() - rest_trim.len());
                    let len = rest_trim.find(' ').unwrap_or(rest_trim.len());
                    self.pos = start + len;
                    Some(leaf("word", &self.input[start..start + len]).await)
                }
            }
            lower! {
                pub async fn all(&mut self) -> Vec<&'a str> {
                    let mut out = Vec::new();
                    while let Some(w) = self.next_word().await {
                        log(format!("word {w}"));
                        out.push(w);
                    }
                    out
                }
            }
        }
        pub async fn go() -> Vec<&'static str> {
            let mut p = Parser { input: "ab  cd e", pos: 0, guard: Tracker::new("p") };
            let v = p.all().await;
            step("after").await;
            v
        }
    }
    run { go() }
}

twin! {
    /// `impl<T: Debug + Clone> Store<T>` with a `&self` method returning `Option<&T>` used
    /// after the call across a later await.
    p28a_store_generic_option_ref {
        pub struct Store<T> {
            pub items: Vec<T>,
            pub guard: Tracker,
        }
        impl<T: Debug + Clone> Store<T> {
            lower! {
                pub async fn find(&self, i: usize) -> Option<&T> {
                    step("find").await;
                    self.items.get(i)
                }
            }
            lower! {
                pub async fn describe(&self) -> String {
                    let a = self.find(0).await;
                    let b = self.find(5).await;
                    step("between").await;
                    format!("{:?} {:?}", a.cloned(), b)
                }
            }
        }
        pub async fn go() -> (String, Option<String>) {
            let s = Store { items: vec![String::from("x"), String::from("y")], guard: Tracker::new("s") };
            let d = s.describe().await;
            let r = s.find(1).await;
            step("later").await;
            (d, r.cloned())
        }
    }
    run { go() }
}

twin! {
    /// `where` clause on the impl, `&mut self` method pushing clones across awaits.
    p28a_where_clause_impl {
        pub struct Bag<T> {
            pub items: Vec<T>,
            pub tag: Tracker,
        }
        impl<T> Bag<T>
        where
            T: Clone + Display,
        {
            lower! {
                pub async fn dup_all(&mut self) -> usize {
                    let n = self.items.len();
                    for i in 0..n {
                        let c = leaf("clone", self.items[i].clone()).await;
                        log(format!("dup {c}"));
                        self.items.push(c);
                    }
                    self.items.len()
                }
            }
        }
        pub async fn go() -> (usize, Vec<u32>) {
            let mut b = Bag { items: vec![1u32, 2], tag: Tracker::new("bag") };
            let n = b.dup_all().await;
            (n, b.items.clone())
        }
    }
    run { go() }
}

twin! {
    /// `self` by value with trackers in fields, one field dropped early by `drop(self.x)`
    /// between awaits.
    p28a_self_by_value_drop_field {
        pub struct Conn {
            pub a: Tracker,
            pub b: Tracker,
            pub n: u32,
        }
        impl Conn {
            lower! {
                pub async fn finish(self) -> u32 {
                    step("s1").await;
                    drop(self.a);
                    step("s2").await;
                    self.n + leaf("n", 1).await
                }
            }
        }
    }
    run { Conn { a: Tracker::new("a"), b: Tracker::new("b"), n: 4 }.finish() }
}

twin! {
    /// `mut self` method mutating fields across awaits and returning `Self`.
    p28a_mut_self_returns_self {
        pub struct Cfg {
            pub n: u32,
            pub names: Vec<Tracker>,
        }
        impl Cfg {
            lower! {
                pub async fn grow(mut self, k: u32) -> Self {
                    self.n += leaf("k", k).await;
                    self.names.push(Tracker::new("added"));
                    step("grown").await;
                    self
                }
            }
        }
        pub async fn go() -> u32 {
            let c = Cfg { n: 1, names: vec![Tracker::new("first")] };
            let c = c.grow(2).await.grow(3).await;
            step("end").await;
            c.n
        }
    }
    run { go() }
}

twin! {
    /// `self: Box<Self>` consuming method moving a field out after an await, the rest
    /// dropping at the end.
    p28a_box_self_move_field {
        pub struct Job {
            pub name: Tracker,
            pub extra: Tracker,
            pub cost: u32,
        }
        impl Job {
            lower! {
                pub async fn run(self: Box<Self>) -> (Tracker, u32) {
                    let c = leaf("cost", self.cost).await;
                    step("work").await;
                    (self.name, c * 2)
                }
            }
        }
    }
    run { Box::new(Job { name: Tracker::new("name"), extra: Tracker::new("extra"), cost: 3 }).run() }
}

twin! {
    /// `self: Rc<Self>` method cloning the Rc across awaits, counting strong refs.
    p28a_rc_self_clone_count {
        pub struct Node {
            pub t: Tracker,
            pub v: u32,
        }
        impl Node {
            lower! {
                pub async fn share(self: Rc<Self>) -> (usize, u32) {
                    let other = self.clone();
                    step("one").await;
                    let n = Rc::strong_count(&self);
                    drop(other);
                    step("two").await;
                    (n + Rc::strong_count(&self), self.v)
                }
            }
        }
    }
    run { Rc::new(Node { t: Tracker::new("node"), v: 7 }).share() }
}

twin! {
    /// `self: Arc<Self>` method calling a `&self` lowered method of the same type.
    p28a_arc_self_calls_ref_method {
        pub struct Svc {
            pub t: Tracker,
            pub base: u32,
        }
        impl Svc {
            lower! {
                pub async fn get(&self, k: u32) -> u32 {
                    leaf("get", self.base + k).await
                }
            }
            lower! {
                pub async fn run(self: Arc<Self>) -> u32 {
                    let a = self.get(1).await;
                    let me = Arc::clone(&self);
                    let b = me.get(2).await;
                    drop(self);
                    step("dropped").await;
                    a + b + me.base
                }
            }
        }
    }
    run { Arc::new(Svc { t: Tracker::new("svc"), base: 10 }).run() }
}

// Known gap: COMPILE (E0507): `self: Pin<&mut Self>` consumed by `self.get_mut()` whose result lives across an await: `self` is parked in a frame slot (the output is taken to borrow it) and `get_mut`, which takes the Pin by value, is called through the slot's handle
#[cfg(feature = "known-gaps")]
twin! {
    /// `self: Pin<&mut Self>` method on an `Unpin` struct, `get_mut` after an await.
    p28a_pin_mut_self {
        pub struct Counter {
            pub n: u32,
            pub t: Tracker,
        }
        impl Counter {
            lower! {
                pub async fn tick(self: Pin<&mut Self>) -> u32 {
                    step("tick").await;
                    let this = self.get_mut();
                    this.n += leaf("inc", 2).await;
                    this.n
                }
            }
        }
        pub async fn go() -> u32 {
            let mut c = Counter { n: 0, t: Tracker::new("c") };
            let a = Pin::new(&mut c).tick().await;
            let b = Pin::new(&mut c).tick().await;
            a * 10 + b
        }
    }
    run { go() }
}

twin! {
    /// `async fn slot(&mut self) -> &mut u32` written through after the call and across a
    /// later await.
    p28a_slot_mut_ref_across_await {
        pub struct Table {
            pub cells: Vec<u32>,
            pub t: Tracker,
        }
        impl Table {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 {
                    step("slot").await;
                    &mut self.cells[i]
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut t = Table { cells: vec![1, 2, 3], t: Tracker::new("table") };
            let s = t.slot(1).await;
            *s += 10;
            step("mid").await;
            *s += leaf("more", 5).await;
            *t.slot(2).await *= 3;
            t.cells.clone()
        }
    }
    run { go() }
}

twin! {
    /// A method returning `&str` into `self` used across later awaits.
    p28a_method_returns_str {
        pub struct Named {
            pub name: String,
            pub g: Tracker,
        }
        impl Named {
            lower! {
                pub async fn label(&self) -> &str {
                    step("label").await;
                    self.name.as_str()
                }
            }
        }
        pub async fn go() -> String {
            let n = Named { name: String::from("hello"), g: Tracker::new("n") };
            let l = n.label().await;
            let k = leaf("k", 2).await;
            let l2 = n.label().await;
            format!("{l}{k}{l2}")
        }
    }
    run { go() }
}

twin! {
    /// `self.load().await?; self.save().await` with a `Result` error type.
    p28a_load_then_save {
        pub struct Repo {
            pub data: Vec<u32>,
            pub fail_save: bool,
            pub g: Tracker,
        }
        impl Repo {
            lower! {
                pub async fn load(&mut self) -> Result<usize, String> {
                    let x = leaf("load", 5).await;
                    self.data.push(x);
                    Ok(self.data.len())
                }
            }
            lower! {
                pub async fn save(&self) -> Result<u32, String> {
                    step("save").await;
                    if self.fail_save { Err(String::from("disk")) } else { Ok(self.data.iter().sum()) }
                }
            }
            lower! {
                pub async fn sync(&mut self) -> Result<u32, String> {
                    let _t = Tracker::new("sync");
                    self.load().await?;
                    self.save().await
                }
            }
        }
        pub async fn go() -> (Result<u32, String>, Result<u32, String>) {
            let mut a = Repo { data: vec![1], fail_save: false, g: Tracker::new("a") };
            let mut b = Repo { data: vec![], fail_save: true, g: Tracker::new("b") };
            (a.sync().await, b.sync().await)
        }
    }
    run { go() }
}

twin! {
    /// Recursion through `Box::pin(self.walk(..))` on a tree of `Option<Box<Self>>`.
    p28a_box_pin_self_walk {
        pub struct Tree {
            pub v: u32,
            pub left: Option<Box<Tree>>,
            pub right: Option<Box<Tree>>,
        }
        impl Tree {
            lower! {
                pub async fn walk(&self, depth: u32) -> u32 {
                    let _t = Tracker::new("walk");
                    let mut s = leaf("v", self.v * depth).await;
                    if let Some(l) = &self.left {
                        s += Box::pin(l.walk(depth + 1)).await;
                    }
                    if let Some(r) = &self.right {
                        s += Box::pin(r.walk(depth + 1)).await;
                    }
                    s
                }
            }
        }
    }
    run {
        leak(Tree {
            v: 1,
            left: Some(Box::new(Tree { v: 2, left: None, right: None })),
            right: Some(Box::new(Tree { v: 3, left: Some(Box::new(Tree { v: 4, left: None, right: None })), right: None })),
        }).walk(1)
    }
}

twin! {
    /// A trait with `async fn` implemented with lowered methods for two types, called by a
    /// generic function `T: Repo`.
    p28a_trait_two_impls_generic {
        pub trait Repo {
            async fn fetch(&self, id: u32) -> Option<String>;
            async fn count(&self) -> usize;
        }
        pub struct Mem {
            pub rows: Vec<String>,
            pub g: Tracker,
        }
        pub struct Empty;
        impl Repo for Mem {
            lower! {
                async fn fetch(&self, id: u32) -> Option<String> {
                    step("mem").await;
                    self.rows.get(id as usize).cloned()
                }
            }
            lower! {
                async fn count(&self) -> usize {
                    leaf("cnt", self.rows.len()).await
                }
            }
        }
        impl Repo for Empty {
            lower! {
                async fn fetch(&self, id: u32) -> Option<String> {
                    let _t = Tracker::new("empty-fetch");
                    step("empty").await;
                    log(format!("miss {id}"));
                    None
                }
            }
            lower! {
                async fn count(&self) -> usize {
                    leaf("zero", 0).await
                }
            }
        }
        pub async fn report<T: Repo>(r: &T) -> String {
            let n = r.count().await;
            let a = r.fetch(0).await;
            let b = r.fetch(1).await;
            format!("{n} {a:?} {b:?}")
        }
        pub async fn go() -> (String, String) {
            let m = Mem { rows: vec!["r0".into(), "r1".into()], g: Tracker::new("mem") };
            (report(&m).await, report(&Empty).await)
        }
    }
    run { go() }
}

twin! {
    /// Default trait method (lowered) calling required lowered methods, one impl
    /// overriding it.
    p28a_trait_default_method_override {
        pub trait Job {
            async fn part(&self, i: u32) -> u32;
            lower! {
                async fn total(&self, n: u32) -> u32 {
                    let _t = Tracker::new("default-total");
                    let mut s = 0;
                    for i in 0..n {
                        s += self.part(i).await;
                    }
                    s
                }
            }
        }
        pub struct A(pub Tracker);
        pub struct B(pub Tracker);
        impl Job for A {
            lower! {
                async fn part(&self, i: u32) -> u32 { leaf("a", i + 1).await }
            }
        }
        impl Job for B {
            lower! {
                async fn part(&self, i: u32) -> u32 { leaf("b", i * 10).await }
            }
            lower! {
                async fn total(&self, n: u32) -> u32 {
                    step("override").await;
                    self.part(n).await + 1
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let a = A(Tracker::new("A"));
            let b = B(Tracker::new("B"));
            (a.total(3).await, b.total(2).await)
        }
    }
    run { go() }
}

twin! {
    /// Trait with an associated type and const, `Self::new(..)` and `Self { .. }` in a
    /// lowered method body.
    p28a_trait_assoc_type_const {
        pub trait Source {
            type Item;
            const LIMIT: usize;
            async fn pull(&mut self) -> Option<Self::Item>;
        }
        pub struct Nums {
            pub next: u32,
            pub g: Tracker,
        }
        impl Nums {
            pub fn new(start: u32) -> Self {
                Nums { next: start, g: Tracker::new("nums") }
            }
            lower! {
                pub async fn fresh(start: u32) -> Self {
                    step("fresh").await;
                    let a = Self::new(start);
                    let b = Self { next: a.next + 1, g: Tracker::new("nums2") };
                    step("made").await;
                    drop(a);
                    b
                }
            }
        }
        impl Source for Nums {
            type Item = u32;
            const LIMIT: usize = 3;
            lower! {
                async fn pull(&mut self) -> Option<u32> {
                    let v = leaf("pull", self.next).await;
                    self.next += 1;
                    if v as usize > Self::LIMIT + 5 { None } else { Some(v) }
                }
            }
        }
        pub async fn drain<S: Source>(s: &mut S) -> Vec<S::Item> {
            let mut out = Vec::new();
            while out.len() < S::LIMIT {
                match s.pull().await {
                    Some(x) => out.push(x),
                    None => break,
                }
            }
            out
        }
        pub async fn go() -> Vec<u32> {
            let mut n = Nums::fresh(6).await;
            drain(&mut n).await
        }
    }
    run { go() }
}

twin! {
    /// `impl Trait for &T` with a lowered method, called on a reference.
    p28a_impl_trait_for_ref {
        pub trait Show {
            async fn show(self) -> String;
        }
        pub struct Item {
            pub n: u32,
            pub g: Tracker,
        }
        impl<'a> Show for &'a Item {
            lower! {
                async fn show(self) -> String {
                    let _t = Tracker::new("show");
                    let n = leaf("n", self.n).await;
                    format!("item{n}")
                }
            }
        }
        pub async fn go() -> String {
            let it = Item { n: 3, g: Tracker::new("item") };
            let a = (&it).show().await;
            let b = (&it).show().await;
            a + &b
        }
    }
    run { go() }
}

twin! {
    /// `impl<T: Trait> Trait for Box<T>` delegating with a lowered method.
    p28a_impl_trait_for_box {
        pub trait Calc {
            async fn calc(&self, x: u32) -> u32;
        }
        pub struct Double(pub Tracker);
        impl Calc for Double {
            lower! {
                async fn calc(&self, x: u32) -> u32 { leaf("dbl", x * 2).await }
            }
        }
        impl<T: Calc> Calc for Box<T> {
            lower! {
                async fn calc(&self, x: u32) -> u32 {
                    let _t = Tracker::new("box-calc");
                    step("box").await;
                    (**self).calc(x + 1).await
                }
            }
        }
        pub async fn use_it<C: Calc>(c: C) -> u32 {
            c.calc(1).await + c.calc(2).await
        }
    }
    run { use_it(Box::new(Double(Tracker::new("double")))) }
}

twin! {
    /// Builder: `with_x(mut self, x) -> Self` chains before and after awaits.
    p28a_builder_chain_around_await {
        pub struct Req {
            pub url: String,
            pub headers: Vec<(String, String)>,
            pub g: Tracker,
        }
        impl Req {
            pub fn new(url: &str) -> Self {
                Req { url: url.to_string(), headers: vec![], g: Tracker::new("req") }
            }
            pub fn with_header(mut self, k: &str, v: &str) -> Self {
                self.headers.push((k.to_string(), v.to_string()));
                self
            }
            lower! {
                pub async fn send(self) -> String {
                    step("send").await;
                    let n = leaf("status", 200).await;
                    format!("{} {} {}", self.url, self.headers.len(), n)
                }
            }
        }
        pub async fn go() -> String {
            let token = leaf("token", "t1").await;
            let r = Req::new("/a").with_header("auth", token);
            step("mid").await;
            let r = r.with_header("x", "y");
            r.send().await
        }
    }
    run { go() }
}

twin! {
    /// `Default` + struct update syntax with an awaited field value.
    p28a_default_struct_update {
        #[derive(Default)]
        pub struct Opts {
            pub retries: u32,
            pub name: String,
            pub verbose: bool,
        }
        impl Opts {
            lower! {
                pub async fn load() -> Self {
                    let _t = Tracker::new("load");
                    Opts { retries: leaf("retries", 3).await, name: leaf("name", String::from("x")).await, ..Default::default() }
                }
            }
            lower! {
                pub async fn tweak(self) -> Self {
                    step("tweak").await;
                    Opts { verbose: true, ..self }
                }
            }
        }
        pub async fn go() -> (u32, String, bool) {
            let o = Opts::load().await.tweak().await;
            (o.retries, o.name, o.verbose)
        }
    }
    run { go() }
}

twin! {
    /// `impl From<ParseErr> for AppErr` and `?` into `Self::Error` of a trait.
    p28a_from_question_assoc_error {
        #[derive(Debug)]
        pub struct ParseErr(pub String);
        #[derive(Debug)]
        pub enum AppErr { Parse(String), Other }
        impl From<ParseErr> for AppErr {
            fn from(e: ParseErr) -> Self { log(format!("convert {}", e.0)); AppErr::Parse(e.0) }
        }
        pub trait Service {
            type Error;
            async fn handle(&self, s: &str) -> Result<u32, Self::Error>;
        }
        pub struct Svc(pub Tracker);
        impl Svc {
            lower! {
                pub async fn parse(&self, s: &str) -> Result<u32, ParseErr> {
                    step("parse").await;
                    s.parse().map_err(|_| ParseErr(s.to_string()))
                }
            }
        }
        impl Service for Svc {
            type Error = AppErr;
            lower! {
                async fn handle(&self, s: &str) -> Result<u32, Self::Error> {
                    let _t = Tracker::new("handle");
                    let n = self.parse(s).await?;
                    if n == 0 { return Err(AppErr::Other); }
                    Ok(n + leaf("add", 1).await)
                }
            }
        }
        pub async fn go() -> Vec<String> {
            let s = Svc(Tracker::new("svc"));
            let mut out = vec![];
            for x in ["4", "zz", "0"] {
                out.push(format!("{:?}", s.handle(x).await));
            }
            out
        }
    }
    run { go() }
}

twin! {
    /// `let Self { a, b, .. } = self;` after awaits in a `self` method.
    p28a_destructure_self_after_await {
        pub struct Pair {
            pub a: Tracker,
            pub b: Tracker,
            pub c: Tracker,
            pub n: u32,
        }
        impl Pair {
            lower! {
                pub async fn split(self) -> u32 {
                    step("pre").await;
                    let Self { a, b, .. } = self;
                    step("mid").await;
                    drop(b);
                    let n = leaf("n", 1).await;
                    log(format!("{:?}", a));
                    n
                }
            }
        }
    }
    run { Pair { a: Tracker::new("a"), b: Tracker::new("b"), c: Tracker::new("c"), n: 2 }.split() }
}

twin! {
    /// `self.conn.close().await` where `close` takes `self` by value, inside a `self`
    /// method of the owner.
    p28a_field_close_by_value {
        pub struct Conn(pub Tracker);
        impl Conn {
            lower! {
                pub async fn close(self) -> u32 {
                    step("closing").await;
                    log(format!("closed {:?}", self.0));
                    1
                }
            }
        }
        pub struct Client {
            pub conn: Conn,
            pub other: Tracker,
        }
        impl Client {
            lower! {
                pub async fn shutdown(self) -> u32 {
                    let x = leaf("pre", 2).await;
                    let y = self.conn.close().await;
                    step("post").await;
                    x + y
                }
            }
        }
    }
    run { Client { conn: Conn(Tracker::new("conn")), other: Tracker::new("other") }.shutdown() }
}

twin! {
    /// `mem::take(&mut self.buf)` across awaits.
    p28a_mem_take_buf {
        pub struct Writer {
            pub buf: Vec<Tracker>,
            pub flushed: usize,
        }
        impl Writer {
            lower! {
                pub async fn flush(&mut self) -> usize {
                    let pending = mem::take(&mut self.buf);
                    step("flush").await;
                    self.buf.push(Tracker::new("new"));
                    for t in pending {
                        leaf("write", ()).await;
                        log(format!("wrote {:?}", t));
                    }
                    self.flushed += 1;
                    self.buf.len()
                }
            }
        }
        pub async fn go() -> usize {
            let mut w = Writer { buf: vec![Tracker::new("x"), Tracker::new("y")], flushed: 0 };
            let a = w.flush().await;
            let b = w.flush().await;
            a + b + w.flushed
        }
    }
    run { go() }
}

twin! {
    /// `Option<Box<Self>>` linked list walked with a lowered `&self` method in a loop.
    p28a_linked_list_walk_loop {
        pub struct Node {
            pub v: u32,
            pub t: Tracker,
            pub next: Option<Box<Node>>,
        }
        impl Node {
            lower! {
                pub async fn sum(&self) -> u32 {
                    let mut cur = Some(self);
                    let mut s = 0;
                    while let Some(n) = cur {
                        s += leaf("node", n.v).await;
                        cur = n.next.as_deref();
                    }
                    s
                }
            }
        }
        pub async fn go() -> u32 {
            let list = Node { v: 1, t: Tracker::new("n1"), next: Some(Box::new(Node { v: 2, t: Tracker::new("n2"), next: Some(Box::new(Node { v: 3, t: Tracker::new("n3"), next: None })) })) };
            let s = list.sum().await;
            step("end").await;
            s
        }
    }
    run { go() }
}

twin! {
    /// `Option<Box<Self>>` list consumed node by node in a `self: Box<Self>` method loop.
    p28a_linked_list_consume {
        pub struct Node {
            pub v: u32,
            pub t: Tracker,
            pub next: Option<Box<Node>>,
        }
        impl Node {
            lower! {
                pub async fn consume(self: Box<Self>) -> Vec<u32> {
                    let mut out = vec![];
                    let mut cur = Some(self);
                    while let Some(node) = cur {
                        step("visit").await;
                        out.push(node.v);
                        cur = node.next;
                    }
                    out
                }
            }
        }
    }
    run { Box::new(Node { v: 1, t: Tracker::new("n1"), next: Some(Box::new(Node { v: 2, t: Tracker::new("n2"), next: None })) }).consume() }
}

twin! {
    /// `self: Pin<&mut Self>` method reading a field through the pin's deref across
    /// awaits and writing through `as_mut().get_mut()`.
    p28a_pin_mut_as_mut {
        pub struct Gen {
            pub n: u32,
            pub t: Tracker,
        }
        impl Gen {
            lower! {
                pub async fn advance(mut self: Pin<&mut Self>, by: u32) -> u32 {
                    let before = self.n;
                    step("adv").await;
                    self.as_mut().get_mut().n += by;
                    step("adv2").await;
                    before + self.n
                }
            }
        }
        pub async fn go() -> u32 {
            let mut g = Gen { n: 1, t: Tracker::new("gen") };
            let mut p = Pin::new(&mut g);
            let a = p.as_mut().advance(2).await;
            let b = p.as_mut().advance(3).await;
            a + b
        }
    }
    run { go() }
}

twin! {
    /// A `self: Pin<&mut Self>` method calling itself twice through `as_mut()` in another
    /// pinned method.
    p28a_pin_mut_calls_pin_method {
        pub struct Gen {
            pub n: u32,
        }
        impl Gen {
            lower! {
                pub async fn one(self: Pin<&mut Self>) -> u32 {
                    step("one").await;
                    self.get_mut().n += 1;
                    1
                }
            }
            lower! {
                pub async fn two(mut self: Pin<&mut Self>) -> u32 {
                    let _t = Tracker::new("two");
                    let a = self.as_mut().one().await;
                    let b = self.as_mut().one().await;
                    a + b + self.n
                }
            }
        }
        pub async fn go() -> u32 {
            let mut g = Gen { n: 0 };
            Pin::new(&mut g).two().await
        }
    }
    run { go() }
}

twin! {
    /// `self: Pin<Box<Self>>` receiver.
    p28a_pin_box_self {
        pub struct Task {
            pub t: Tracker,
            pub n: u32,
        }
        impl Task {
            lower! {
                pub async fn run(self: Pin<Box<Self>>) -> u32 {
                    step("run").await;
                    let n = self.n;
                    leaf("n", n * 2).await
                }
            }
        }
    }
    run { Box::pin(Task { t: Tracker::new("task"), n: 4 }).run() }
}

twin! {
    /// Explicit receiver types `self: &Self`, `self: &mut Self` and `self: Self`.
    p28a_explicit_receiver_types {
        pub struct Acc {
            pub n: u32,
            pub t: Tracker,
        }
        impl Acc {
            lower! {
                pub async fn peek(self: &Self) -> u32 { leaf("peek", self.n).await }
            }
            lower! {
                pub async fn add(self: &mut Self, x: u32) { self.n += leaf("add", x).await; }
            }
            lower! {
                pub async fn done(self: Self) -> u32 { step("done").await; self.n }
            }
        }
        pub async fn go() -> u32 {
            let mut a = Acc { n: 1, t: Tracker::new("acc") };
            a.add(2).await;
            let p = a.peek().await;
            p + a.done().await
        }
    }
    run { go() }
}

twin! {
    /// `mut self: Box<Self>` receiver mutating and returning the box.
    p28a_mut_box_self {
        pub struct Cell {
            pub n: u32,
            pub t: Tracker,
        }
        impl Cell {
            lower! {
                pub async fn inc(mut self: Box<Self>) -> Box<Self> {
                    self.n += leaf("inc", 1).await;
                    step("inced").await;
                    self
                }
            }
        }
        pub async fn go() -> u32 {
            let c = Box::new(Cell { n: 0, t: Tracker::new("cell") });
            let c = c.inc().await;
            let c = c.inc().await;
            c.n
        }
    }
    run { go() }
}

twin! {
    /// `self: Box<Self>` unboxed with `let me = *self;` after an await.
    p28a_box_self_unbox {
        pub struct Job {
            pub a: Tracker,
            pub b: Tracker,
        }
        impl Job {
            lower! {
                pub async fn open(self: Box<Self>) -> Tracker {
                    step("open").await;
                    let me = *self;
                    step("unboxed").await;
                    me.b
                }
            }
        }
    }
    run { Box::new(Job { a: Tracker::new("a"), b: Tracker::new("b") }).open() }
}

twin! {
    /// `self: Rc<Self>` with `Rc::try_unwrap(self)` after an await, by a clone dropped.
    p28a_rc_self_try_unwrap {
        pub struct Res {
            pub t: Tracker,
            pub v: u32,
        }
        impl Res {
            lower! {
                pub async fn release(self: Rc<Self>, extra: Rc<Self>) -> u32 {
                    step("a").await;
                    drop(extra);
                    step("b").await;
                    match Rc::try_unwrap(self) {
                        Ok(r) => { step("owned").await; r.v }
                        Err(rc) => rc.v + 100,
                    }
                }
            }
        }
        pub async fn go() -> u32 {
            let r = Rc::new(Res { t: Tracker::new("res"), v: 5 });
            let e = r.clone();
            r.release(e).await
        }
    }
    run { go() }
}

twin! {
    /// A method generic over its own type parameter in a generic impl.
    p28a_generic_method_in_generic_impl {
        pub struct Stack<T> {
            pub items: Vec<T>,
        }
        impl<T: Debug> Stack<T> {
            lower! {
                pub async fn push_all<I: IntoIterator<Item = T>>(&mut self, it: I) -> usize {
                    for x in it {
                        step("push").await;
                        log(format!("push {:?}", x));
                        self.items.push(x);
                    }
                    self.items.len()
                }
            }
        }
        pub async fn go() -> usize {
            let mut s = Stack { items: vec![Tracker::new("base")] };
            let n = s.push_all(vec![Tracker::new("x"), Tracker::new("y")]).await;
            step("end").await;
            n + s.items.len()
        }
    }
    run { go() }
}

twin! {
    /// A method with its own lifetime `'b` returning a borrow of the key or of `self`.
    p28a_method_own_lifetime {
        pub struct Dict {
            pub pairs: Vec<(String, String)>,
        }
        impl Dict {
            lower! {
                pub async fn get_or<'b>(&'b self, key: &'b str) -> &'b str {
                    step("look").await;
                    for (k, v) in &self.pairs {
                        if k == key {
                            return v;
                        }
                    }
                    leaf("miss", key).await
                }
            }
        }
        pub async fn go() -> String {
            let d = Dict { pairs: vec![("a".into(), "1".into())] };
            let _t = Tracker::new("t");
            let x = d.get_or("a").await;
            let y = d.get_or("zz").await;
            format!("{x}{y}")
        }
    }
    run { go() }
}

twin! {
    /// `impl<'a> Parser<'a>` method `take<'b>(&'b mut self) -> &'a str` (the output
    /// outlives the receiver borrow), results held across later calls.
    p28a_parser_two_lifetimes {
        pub struct Parser<'a> {
            pub src: &'a str,
            pub pos: usize,
        }
        impl<'a> Parser<'a> {
            lower! {
                pub async fn take<'b>(&'b mut self, n: usize) -> &'a str {
                    step("take").await;
                    let s = &self.src[self.pos..self.pos + n];
                    self.pos += n;
                    s
                }
            }
        }
        pub async fn go() -> String {
            let mut p = Parser { src: "abcdef", pos: 0 };
            let a = p.take(2).await;
            let b = p.take(3).await;
            let _t = Tracker::new("t");
            let c = p.take(1).await;
            format!("{a}-{b}-{c}")
        }
    }
    run { go() }
}

twin! {
    /// A trait whose `async fn` is generic over a closure parameter.
    p28a_trait_generic_closure_method {
        pub trait Apply {
            async fn apply<F: Fn(u32) -> u32>(&self, f: F) -> u32;
        }
        pub struct Base(pub u32, pub Tracker);
        impl Apply for Base {
            lower! {
                async fn apply<F: Fn(u32) -> u32>(&self, f: F) -> u32 {
                    let x = leaf("x", self.0).await;
                    let y = f(x);
                    step("applied").await;
                    f(y)
                }
            }
        }
        pub async fn go() -> u32 {
            let b = Base(2, Tracker::new("base"));
            let k = 3;
            b.apply(|x| x * k).await + b.apply(|x| x + 1).await
        }
    }
    run { go() }
}

twin! {
    /// A trait default method using `Self::LIMIT` and `Self::make()` (a `Self: Sized`
    /// constructor) across awaits.
    p28a_trait_default_uses_self_items {
        pub trait Pool {
            const LIMIT: u32;
            fn make(n: u32) -> Self where Self: Sized;
            fn id(&self) -> u32;
            lower! {
                async fn fill() -> Vec<Self> where Self: Sized {
                    let mut v = Vec::new();
                    for i in 0..Self::LIMIT {
                        step("fill").await;
                        v.push(Self::make(i));
                    }
                    v
                }
            }
        }
        pub struct Conn(pub u32, pub Tracker);
        impl Pool for Conn {
            const LIMIT: u32 = 2;
            fn make(n: u32) -> Self { Conn(n, Tracker::new("conn")) }
            fn id(&self) -> u32 { self.0 }
        }
        pub async fn go() -> Vec<u32> {
            let v = Conn::fill().await;
            step("filled").await;
            v.iter().map(|c| c.id()).collect()
        }
    }
    run { go() }
}

twin! {
    /// `impl<T: Repo> Repo for &T` delegating, called through a generic on `&&T`.
    p28a_impl_trait_for_ref_generic {
        pub trait Repo {
            async fn get(&self, k: u32) -> u32;
        }
        pub struct Mem(pub Tracker);
        impl Repo for Mem {
            lower! {
                async fn get(&self, k: u32) -> u32 { leaf("mem", k + 1).await }
            }
        }
        impl<T: Repo> Repo for &T {
            lower! {
                async fn get(&self, k: u32) -> u32 {
                    let _t = Tracker::new("ref-get");
                    step("ref").await;
                    (**self).get(k * 10).await
                }
            }
        }
        pub async fn twice<R: Repo>(r: R) -> u32 {
            r.get(1).await + r.get(2).await
        }
        pub async fn go() -> u32 {
            let m = Mem(Tracker::new("mem"));
            twice(&m).await + twice(&&m).await
        }
    }
    run { go() }
}

twin! {
    /// Builder `build(self) -> Result<Client, BuildErr>` awaited with `?`, then
    /// `connect(&mut self)`.
    p28a_builder_build_question {
        #[derive(Debug)]
        pub struct BuildErr(pub &'static str);
        #[derive(Default)]
        pub struct Builder {
            pub host: Option<String>,
            pub port: u16,
        }
        pub struct Client {
            pub addr: String,
            pub g: Tracker,
            pub connected: bool,
        }
        impl Builder {
            pub fn host(mut self, h: &str) -> Self { self.host = Some(h.to_string()); self }
            pub fn port(mut self, p: u16) -> Self { self.port = p; self }
            lower! {
                pub async fn build(self) -> Result<Client, BuildErr> {
                    step("validate").await;
                    let host = self.host.ok_or(BuildErr("no host"))?;
                    let g = Tracker::new("client");
                    step("resolve").await;
                    Ok(Client { addr: format!("{host}:{}", self.port), g, connected: false })
                }
            }
        }
        impl Client {
            lower! {
                pub async fn connect(&mut self) -> bool {
                    self.connected = leaf("connect", true).await;
                    self.connected
                }
            }
        }
        pub async fn make(h: Option<&str>) -> Result<String, BuildErr> {
            let mut b = Builder::default().port(80);
            if let Some(h) = h {
                b = b.host(h);
            }
            let mut c = b.build().await?;
            c.connect().await;
            Ok(c.addr.clone())
        }
        pub async fn go() -> (Result<String, BuildErr>, Result<String, BuildErr>) {
            (make(Some("h")).await, make(None).await)
        }
    }
    run { go() }
}

// Known gap: COMPILE (E0507): a by-value builder link with an awaited argument whose receiver is itself a method-call temporary (`R::new().with(1).with(x.await)`) inside a larger awaited expression (`.send().await`): the temporary `__t0` is kept behind a reference and `with(self)` cannot move it (documented family: a temporary in a receiver chain inside a larger awaited expression)
#[cfg(feature = "known-gaps")]
twin! {
    /// A builder chain with an awaited argument in the middle, then an awaited `send`.
    p28a_builder_await_in_chain_arg {
        pub struct Req {
            pub parts: Vec<String>,
            pub g: Tracker,
        }
        impl Req {
            pub fn new() -> Self { Req { parts: vec![], g: Tracker::new("req") } }
            pub fn with(mut self, p: &str) -> Self { log(format!("with {p}")); self.parts.push(p.to_string()); self }
            lower! {
                pub async fn send(self) -> String {
                    step("send").await;
                    self.parts.join(",")
                }
            }
        }
        lower! {
            pub async fn go() -> String {
                Req::new().with("a").with(leaf("b", "b").await).with("c").send().await
            }
        }
    }
    run { go() }
}

twin! {
    /// `&mut self -> &mut Self` builder steps chained with an awaited argument, then an
    /// awaited `build(&self)`.
    p28a_builder_mut_ref_chain {
        pub struct B {
            pub v: Vec<u32>,
            pub g: Tracker,
        }
        impl B {
            pub fn add(&mut self, x: u32) -> &mut Self { log(format!("add {x}")); self.v.push(x); self }
            lower! {
                pub async fn build(&self) -> u32 {
                    step("build").await;
                    self.v.iter().sum()
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut b = B { v: vec![], g: Tracker::new("b") };
                b.add(1).add(leaf("two", 2).await).add(3);
                let n = b.build().await;
                b.add(n);
                b.build().await
            }
        }
    }
    run { go() }
}

twin! {
    /// An async method returning `&mut Self` chained: `w.add(1).await.add(2).await`.
    p28a_async_chain_returning_mut_self {
        pub struct W {
            pub n: u32,
            pub g: Tracker,
        }
        impl W {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    self.n += leaf("add", x).await;
                    self
                }
            }
        }
        pub async fn go() -> u32 {
            let mut w = W { n: 0, g: Tracker::new("w") };
            w.add(1).await.add(2).await.add(3).await;
            step("end").await;
            w.n
        }
    }
    run { go() }
}

twin! {
    /// `mem::replace(&mut self.state, ..)` in an enum state machine method across awaits.
    p28a_mem_replace_state {
        pub enum State { Idle, Busy(Tracker), Done(u32) }
        pub struct M {
            pub state: State,
        }
        impl M {
            lower! {
                pub async fn step_once(&mut self) -> bool {
                    let old = mem::replace(&mut self.state, State::Idle);
                    step("transition").await;
                    self.state = match old {
                        State::Idle => State::Busy(Tracker::new("job")),
                        State::Busy(t) => { step("finish").await; drop(t); State::Done(leaf("res", 9).await) }
                        State::Done(n) => State::Done(n),
                    };
                    matches!(self.state, State::Done(_))
                }
            }
        }
        pub async fn go() -> u32 {
            let mut m = M { state: State::Idle };
            while !m.step_once().await {
                log("again");
            }
            match m.state { State::Done(n) => n, _ => 0 }
        }
    }
    run { go() }
}

twin! {
    /// `*self = Self::new(..)` after an await in a `&mut self` method (the old value drops
    /// at the assignment).
    p28a_assign_star_self {
        pub struct S {
            pub t: Tracker,
            pub era: u32,
        }
        impl S {
            pub fn new(era: u32) -> Self { S { t: Tracker::new("fresh"), era } }
            lower! {
                pub async fn reset(&mut self) -> u32 {
                    let g = leaf("era", self.era + 1).await;
                    *self = Self::new(g);
                    step("after").await;
                    self.era
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = S { t: Tracker::new("orig"), era: 0 };
            s.reset().await + s.reset().await
        }
    }
    run { go() }
}

twin! {
    /// `mem::take(self)` on a `Default` type inside a `&mut self` method.
    p28a_mem_take_self {
        #[derive(Default)]
        pub struct Buf {
            pub items: Vec<Tracker>,
            pub n: u32,
        }
        impl Buf {
            lower! {
                pub async fn drain(&mut self) -> Buf {
                    step("drain").await;
                    let out = mem::take(self);
                    self.items.push(Tracker::new("after-take"));
                    step("taken").await;
                    out
                }
            }
        }
        pub async fn go() -> (usize, usize) {
            let mut b = Buf { items: vec![Tracker::new("x")], n: 1 };
            let old = b.drain().await;
            step("end").await;
            (old.items.len(), b.items.len())
        }
    }
    run { go() }
}

twin! {
    /// A `match self { .. }` in a `self` method of an enum with awaits in the arms.
    p28a_enum_self_match_arms {
        pub enum Cmd { Put(Tracker, u32), Get(u32), Quit }
        impl Cmd {
            lower! {
                pub async fn exec(self) -> u32 {
                    let _g = Tracker::new("exec");
                    match self {
                        Cmd::Put(t, n) => { step("put").await; log(format!("put {:?}", t)); n }
                        Cmd::Get(k) => leaf("get", k * 2).await,
                        Cmd::Quit => { step("quit").await; 0 }
                    }
                }
            }
        }
        pub async fn go() -> u32 {
            let a = Cmd::Put(Tracker::new("val"), 3).exec().await;
            let b = Cmd::Get(4).exec().await;
            a + b + Cmd::Quit.exec().await
        }
    }
    run { go() }
}

twin! {
    /// An enum `advance(self) -> Self` state machine driven by `st = st.advance().await`.
    p28a_enum_advance_loop {
        pub enum St { Start(Tracker), Mid(Tracker, u32), End(u32) }
        impl St {
            lower! {
                pub async fn advance(self) -> St {
                    match self {
                        St::Start(t) => { step("start").await; St::Mid(t, 1) }
                        St::Mid(t, n) if n < 3 => St::Mid(t, leaf("inc", n + 1).await),
                        St::Mid(t, n) => { drop(t); step("end").await; St::End(n) }
                        St::End(n) => St::End(n),
                    }
                }
            }
        }
        pub async fn go() -> u32 {
            let mut st = St::Start(Tracker::new("s"));
            loop {
                st = st.advance().await;
                if let St::End(n) = st {
                    return n;
                }
            }
        }
    }
    run { go() }
}

twin! {
    /// `&mut self` on an enum, `match self` binding `&mut` fields written from awaits.
    p28a_enum_mut_self_match {
        pub enum Shape { Sq { side: u32, t: Tracker }, Circle(u32) }
        impl Shape {
            lower! {
                pub async fn grow(&mut self) -> u32 {
                    match self {
                        Shape::Sq { side, .. } => { *side += leaf("sq", 1).await; *side }
                        Shape::Circle(r) => { step("c").await; *r *= 2; *r }
                    }
                }
            }
        }
        pub async fn go() -> u32 {
            let mut a = Shape::Sq { side: 2, t: Tracker::new("sq") };
            let mut b = Shape::Circle(3);
            a.grow().await + b.grow().await + a.grow().await
        }
    }
    run { go() }
}

twin! {
    /// `if let Some(g) = self.guard.take()` with awaits, then re-arming the guard.
    p28a_option_field_take_rearm {
        pub struct Lock {
            pub guard: Option<Tracker>,
            pub count: u32,
        }
        impl Lock {
            lower! {
                pub async fn cycle(&mut self) -> u32 {
                    if let Some(g) = self.guard.take() {
                        step("release").await;
                        drop(g);
                        self.count += 1;
                    }
                    step("between").await;
                    self.guard = Some(Tracker::new("re"));
                    self.count
                }
            }
        }
        pub async fn go() -> u32 {
            let mut l = Lock { guard: Some(Tracker::new("g0")), count: 0 };
            l.cycle().await + l.cycle().await
        }
    }
    run { go() }
}

twin! {
    /// A closure mutably borrowing `self.count` across an await.
    p28a_closure_mut_borrows_field {
        pub struct C {
            pub count: u32,
            pub other: Tracker,
        }
        impl C {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    let mut bump = |k: u32| { self.count += k; self.count };
                    let a = bump(1);
                    step("mid").await;
                    let b = bump(leaf("k", 5).await);
                    a + b
                }
            }
        }
        pub async fn go() -> u32 {
            let mut c = C { count: 0, other: Tracker::new("o") };
            let r = c.run().await;
            r + c.count
        }
    }
    run { go() }
}

twin! {
    /// `Self::helper(&self.field).await` (an associated fn) and UFCS `Self::get(self)`.
    p28a_assoc_fn_and_ufcs {
        pub struct S {
            pub name: String,
            pub n: u32,
        }
        impl S {
            lower! {
                pub async fn helper(s: &str) -> usize { step("helper").await; s.len() }
            }
            lower! {
                pub async fn get(&self) -> u32 { leaf("get", self.n).await }
            }
            lower! {
                pub async fn both(&self) -> u32 {
                    let _t = Tracker::new("both");
                    let a = Self::helper(&self.name).await;
                    let b = Self::get(self).await;
                    let c = S::get(&self).await;
                    a as u32 + b + c
                }
            }
        }
    }
    run { leak(S { name: "abc".into(), n: 4 }).both() }
}

twin! {
    /// `<Self as Trait>::method(self)` in a lowered inherent method.
    p28a_qualified_trait_call_on_self {
        pub trait Named {
            async fn name(&self) -> String;
        }
        pub struct X(pub Tracker);
        impl Named for X {
            lower! {
                async fn name(&self) -> String { step("name").await; format!("{:?}", self.0) }
            }
        }
        impl X {
            lower! {
                pub async fn greet(&self) -> String {
                    let n = <Self as Named>::name(self).await;
                    let m = Named::name(self).await;
                    format!("{n}/{m}/{}", leaf("x", 1).await)
                }
            }
        }
    }
    run { leak(X(Tracker::new("x"))).greet() }
}

twin! {
    /// A panic in a `&mut self` method with local trackers alive and self fields changed.
    p28a_panic_in_mut_self {
        pub struct S {
            pub t: Tracker,
            pub n: u32,
        }
        impl S {
            lower! {
                pub async fn risky(&mut self) -> u32 {
                    let _a = Tracker::new("local-a");
                    self.n += leaf("n", 1).await;
                    let _b = Tracker::new("local-b");
                    boom("risky").await;
                    self.n
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = S { t: Tracker::new("s"), n: 0 };
            s.risky().await
        }
    }
    run { go() }
}

twin! {
    /// A panic in a `self` method after a field was moved out.
    p28a_panic_in_self_after_move {
        pub struct S {
            pub a: Tracker,
            pub b: Tracker,
            pub c: Tracker,
        }
        impl S {
            lower! {
                pub async fn risky(self) -> u32 {
                    step("s").await;
                    let b = self.b;
                    step("t").await;
                    log(format!("{:?}", b));
                    boom("in-self").await
                }
            }
        }
    }
    run { S { a: Tracker::new("a"), b: Tracker::new("b"), c: Tracker::new("c") }.risky() }
}

twin! {
    /// A panic in a `self: Box<Self>` method.
    p28a_panic_in_box_self {
        pub struct S {
            pub a: Tracker,
            pub n: u32,
        }
        impl S {
            lower! {
                pub async fn risky(self: Box<Self>) -> u32 {
                    let _l = Tracker::new("local");
                    step("s").await;
                    if self.n > 0 {
                        panic!("boxed panic {}", self.n);
                    }
                    1
                }
            }
        }
    }
    run { Box::new(S { a: Tracker::new("a"), n: 3 }).risky() }
}

twin! {
    /// Early return from a `self` method with fields and locals alive.
    p28a_early_return_self {
        pub struct S {
            pub a: Tracker,
            pub b: Tracker,
            pub n: u32,
        }
        impl S {
            lower! {
                pub async fn check(self) -> u32 {
                    let _l = Tracker::new("local");
                    let n = leaf("n", self.n).await;
                    if n == 0 {
                        return 0;
                    }
                    let a = self.a;
                    step("after-move").await;
                    if n == 1 {
                        return 1;
                    }
                    drop(a);
                    step("end").await;
                    n
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = 0;
            for n in 0..3 {
                s += S { a: Tracker::new("a"), b: Tracker::new("b"), n }.check().await;
            }
            s
        }
    }
    run { go() }
}

twin! {
    /// `?` in a `self` method: the error path drops the rest of `self`.
    p28a_question_in_self {
        pub struct S {
            pub a: Tracker,
            pub raw: String,
        }
        impl S {
            lower! {
                pub async fn parse(self) -> Result<u32, std::num::ParseIntError> {
                    let _l = Tracker::new("local");
                    step("pre").await;
                    let n: u32 = self.raw.trim().parse()?;
                    step("post").await;
                    Ok(n + 1)
                }
            }
        }
        pub async fn go() -> (String, String) {
            let a = S { a: Tracker::new("ok"), raw: " 4 ".into() }.parse().await;
            let b = S { a: Tracker::new("bad"), raw: "x".into() }.parse().await;
            (format!("{a:?}"), format!("{}", b.is_err()))
        }
    }
    run { go() }
}

twin! {
    /// `drop(self)` in the middle of a `self` method, then more awaits.
    p28a_drop_self_midway {
        pub struct S {
            pub a: Tracker,
            pub n: u32,
        }
        impl S {
            lower! {
                pub async fn quit(self) -> u32 {
                    let n = self.n;
                    step("pre").await;
                    drop(self);
                    step("post").await;
                    n + leaf("x", 1).await
                }
            }
        }
    }
    run { S { a: Tracker::new("a"), n: 2 }.quit() }
}

twin! {
    /// A recursive `self: Box<Self>` countdown through `Box::pin`.
    p28a_box_self_recursive {
        pub struct C {
            pub n: u32,
            pub t: Tracker,
        }
        impl C {
            lower! {
                pub async fn down(self: Box<Self>) -> u32 {
                    step("down").await;
                    if self.n == 0 {
                        return 0;
                    }
                    let next = Box::new(C { n: self.n - 1, t: Tracker::new("child") });
                    1 + Box::pin(next.down()).await
                }
            }
        }
    }
    run { Box::new(C { n: 2, t: Tracker::new("root") }).down() }
}

twin! {
    /// A recursive constructor `Self::build(n - 1)` boxed, returning `Self`.
    p28a_recursive_constructor {
        pub struct L {
            pub v: u32,
            pub t: Tracker,
            pub next: Option<Box<L>>,
        }
        impl L {
            lower! {
                pub async fn build(n: u32) -> Self {
                    let v = leaf("v", n).await;
                    let next = if n > 0 { Some(Box::new(Box::pin(Self::build(n - 1)).await)) } else { None };
                    L { v, t: Tracker::new("node"), next }
                }
            }
            lower! {
                pub async fn len(&self) -> u32 {
                    step("len").await;
                    match &self.next {
                        Some(n) => 1 + Box::pin(n.len()).await,
                        None => 1,
                    }
                }
            }
        }
        pub async fn go() -> u32 {
            let l = L::build(2).await;
            l.len().await + l.v
        }
    }
    run { go() }
}

twin! {
    /// A field moved out on one path only (`if flag { drop(self.a) }`) before awaits in a
    /// `self` method: the field's drop flag decides at the end.
    p28a_conditional_field_move {
        pub struct S {
            pub a: Tracker,
            pub b: Tracker,
            pub flag: bool,
        }
        impl S {
            lower! {
                pub async fn run(self) -> u32 {
                    let _l = Tracker::new("local");
                    if self.flag {
                        drop(self.a);
                    }
                    step("after").await;
                    leaf("v", 1).await
                }
            }
        }
        pub async fn go() -> u32 {
            let x = S { a: Tracker::new("a1"), b: Tracker::new("b1"), flag: true }.run().await;
            let y = S { a: Tracker::new("a2"), b: Tracker::new("b2"), flag: false }.run().await;
            x + y
        }
    }
    run { go() }
}

twin! {
    /// `match self.kind { .. }` moving the field in one arm only, awaits in both arms.
    p28a_match_field_move_one_arm {
        pub enum Kind { Owned(Tracker), Empty }
        pub struct S {
            pub kind: Kind,
            pub tail: Tracker,
        }
        impl S {
            lower! {
                pub async fn run(self) -> u32 {
                    let r = match self.kind {
                        Kind::Owned(t) => { step("owned").await; drop(t); 1 }
                        Kind::Empty => { step("empty").await; 2 }
                    };
                    step("after").await;
                    r
                }
            }
        }
        pub async fn go() -> u32 {
            let a = S { kind: Kind::Owned(Tracker::new("own")), tail: Tracker::new("tail1") }.run().await;
            let b = S { kind: Kind::Empty, tail: Tracker::new("tail2") }.run().await;
            a + b
        }
    }
    run { go() }
}

twin! {
    /// `for t in self.items` consuming a Vec field with awaits while other fields live.
    p28a_for_consumes_field {
        pub struct S {
            pub items: Vec<Tracker>,
            pub head: Tracker,
            pub tail: Tracker,
        }
        impl S {
            lower! {
                pub async fn run(self) -> usize {
                    let mut n = 0;
                    for t in self.items {
                        step("item").await;
                        log(format!("item {:?}", t));
                        n += 1;
                    }
                    step("done").await;
                    log(format!("head {:?}", self.head));
                    n
                }
            }
        }
    }
    run { S { items: vec![Tracker::new("i1"), Tracker::new("i2")], head: Tracker::new("head"), tail: Tracker::new("tail") }.run() }
}

twin! {
    /// `self` passed whole to a free lowered function after awaits.
    p28a_self_passed_to_free_fn {
        pub struct S {
            pub a: Tracker,
            pub n: u32,
        }
        lower! {
            pub async fn consume(s: S) -> u32 {
                step("consume").await;
                s.n * 2
            }
        }
        impl S {
            lower! {
                pub async fn go(self) -> u32 {
                    let _l = Tracker::new("local");
                    let k = leaf("k", 1).await;
                    let r = consume(self).await;
                    step("after").await;
                    r + k
                }
            }
        }
    }
    run { S { a: Tracker::new("a"), n: 3 }.go() }
}

twin! {
    /// `&mut self` lent to a free lowered fn, then used again.
    p28a_mut_self_lent_to_free_fn {
        pub struct S {
            pub v: Vec<u32>,
            pub t: Tracker,
        }
        lower! {
            pub async fn fill(s: &mut S, n: u32) {
                for i in 0..n {
                    s.v.push(leaf("fill", i).await);
                }
            }
        }
        impl S {
            lower! {
                pub async fn go(&mut self) -> usize {
                    fill(self, 2).await;
                    step("between").await;
                    fill(self, 1).await;
                    self.v.len()
                }
            }
        }
        pub async fn run() -> usize {
            let mut s = S { v: vec![], t: Tracker::new("s") };
            s.go().await
        }
    }
    run { run() }
}

twin! {
    /// `&mut self` method passing `&mut self.inner` to an inner lowered method returning a
    /// reference, then reading other fields.
    p28a_nested_inner_slot {
        pub struct Inner {
            pub cells: [u32; 3],
        }
        impl Inner {
            lower! {
                pub async fn cell(&mut self, i: usize) -> &mut u32 {
                    step("cell").await;
                    &mut self.cells[i]
                }
            }
        }
        pub struct Outer {
            pub inner: Inner,
            pub name: Tracker,
            pub hits: u32,
        }
        impl Outer {
            lower! {
                pub async fn bump(&mut self, i: usize) -> u32 {
                    let c = self.inner.cell(i).await;
                    *c += 5;
                    self.hits += 1;
                    let v = *c;
                    step("after").await;
                    v + self.hits
                }
            }
        }
        pub async fn go() -> (u32, [u32; 3]) {
            let mut o = Outer { inner: Inner { cells: [1, 2, 3] }, name: Tracker::new("outer"), hits: 0 };
            let a = o.bump(0).await;
            let b = o.bump(2).await;
            (a + b, o.inner.cells)
        }
    }
    run { go() }
}

twin! {
    /// `get_or_load(&mut self, k) -> &u32` inserting into a map after an await.
    p28a_get_or_load_cache {
        pub struct Cache {
            pub map: BTreeMap<u32, u32>,
            pub t: Tracker,
        }
        impl Cache {
            lower! {
                pub async fn get_or_load(&mut self, k: u32) -> &u32 {
                    if !self.map.contains_key(&k) {
                        let v = leaf("load", k * 100).await;
                        self.map.insert(k, v);
                    }
                    step("hit").await;
                    &self.map[&k]
                }
            }
        }
        pub async fn go() -> u32 {
            let mut c = Cache { map: BTreeMap::new(), t: Tracker::new("cache") };
            let a = *c.get_or_load(1).await;
            let b = c.get_or_load(1).await;
            let b = *b;
            let d = c.get_or_load(2).await;
            a + b + *d
        }
    }
    run { go() }
}

twin! {
    /// A method returning `&[Tracker]` into `self`, the slice read across later awaits.
    p28a_method_returns_slice {
        pub struct S {
            pub items: Vec<Tracker>,
        }
        impl S {
            lower! {
                pub async fn head(&self, n: usize) -> &[Tracker] {
                    step("head").await;
                    &self.items[..n]
                }
            }
        }
        pub async fn go() -> Vec<&'static str> {
            let s = S { items: vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")] };
            let h = s.head(2).await;
            step("mid").await;
            let mut out = vec![];
            for t in h {
                out.push(leaf("name", t.name()).await);
            }
            out
        }
    }
    run { go() }
}

twin! {
    /// A method returning a tuple of references `(&str, &mut u32)` into `self`.
    p28a_method_returns_ref_tuple {
        pub struct Entry {
            pub key: String,
            pub count: u32,
            pub t: Tracker,
        }
        impl Entry {
            lower! {
                pub async fn parts(&mut self) -> (&str, &mut u32) {
                    step("parts").await;
                    (&self.key, &mut self.count)
                }
            }
        }
        pub async fn go() -> String {
            let mut e = Entry { key: "k".into(), count: 1, t: Tracker::new("entry") };
            let (k, c) = e.parts().await;
            *c += leaf("inc", 2).await;
            let s = format!("{k}={c}");
            step("end").await;
            s
        }
    }
    run { go() }
}

twin! {
    /// A method returning `Result<&T, E>` with `?` in the caller.
    p28a_method_returns_result_ref {
        pub struct Reg {
            pub items: Vec<Tracker>,
        }
        impl Reg {
            lower! {
                pub async fn lookup(&self, i: usize) -> Result<&Tracker, String> {
                    step("lookup").await;
                    self.items.get(i).ok_or_else(|| format!("no {i}"))
                }
            }
        }
        lower! {
            pub async fn names(r: &Reg, a: usize, b: usize) -> Result<String, String> {
                let x = r.lookup(a).await?;
                let y = r.lookup(b).await?;
                step("both").await;
                Ok(format!("{}{}", x.name(), y.name()))
            }
        }
        pub async fn go() -> (Result<String, String>, Result<String, String>) {
            let r = Reg { items: vec![Tracker::new("p"), Tracker::new("q")] };
            (names(&r, 0, 1).await, names(&r, 1, 7).await)
        }
    }
    run { go() }
}

twin! {
    /// A method returning `Option<&mut T>` used with `if let` and an await inside.
    p28a_method_returns_option_mut {
        pub struct S {
            pub v: Vec<u32>,
            pub t: Tracker,
        }
        impl S {
            lower! {
                pub async fn find_mut(&mut self, x: u32) -> Option<&mut u32> {
                    step("find").await;
                    self.v.iter_mut().find(|e| **e == x)
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut s = S { v: vec![1, 2, 3], t: Tracker::new("s") };
            if let Some(e) = s.find_mut(2).await {
                *e += leaf("add", 10).await;
            }
            if let Some(e) = s.find_mut(9).await {
                *e = 0;
            }
            s.v.clone()
        }
    }
    run { go() }
}

twin! {
    /// `while let Some(x) = it.next_mut().await { *x += 1 }` on a cursor struct.
    p28a_cursor_next_mut_loop {
        pub struct Cursor {
            pub data: Vec<u32>,
            pub pos: usize,
            pub t: Tracker,
        }
        impl Cursor {
            lower! {
                pub async fn next_mut(&mut self) -> Option<&mut u32> {
                    step("next").await;
                    let i = self.pos;
                    self.pos += 1;
                    self.data.get_mut(i)
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut c = Cursor { data: vec![1, 2, 3], pos: 0, t: Tracker::new("cursor") };
            while let Some(x) = c.next_mut().await {
                *x += leaf("inc", 10).await;
            }
            c.data.clone()
        }
    }
    run { go() }
}

twin! {
    /// Two `&self` results held at once across awaits.
    p28a_two_shared_results_held {
        pub struct S {
            pub a: String,
            pub b: String,
        }
        impl S {
            lower! {
                pub async fn pick(&self, first: bool) -> &String {
                    step("pick").await;
                    if first { &self.a } else { &self.b }
                }
            }
        }
        pub async fn go() -> String {
            let s = S { a: "A".into(), b: "B".into() };
            let _t = Tracker::new("t");
            let x = s.pick(true).await;
            let y = s.pick(false).await;
            step("hold").await;
            format!("{x}{y}{}", s.pick(true).await)
        }
    }
    run { go() }
}

twin! {
    /// A `&mut` returned by a method passed straight to another lowered fn.
    p28a_mut_ref_result_as_arg {
        pub struct S {
            pub n: [u32; 2],
        }
        impl S {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 { step("slot").await; &mut self.n[i] }
            }
        }
        lower! {
            pub async fn bump(x: &mut u32, by: u32) -> u32 {
                *x += leaf("by", by).await;
                *x
            }
        }
        lower! {
            pub async fn go() -> [u32; 2] {
                let mut s = S { n: [1, 2] };
                let _g = Tracker::new("g");
                bump(s.slot(0).await, 5).await;
                let r = bump(s.slot(1).await, 7).await;
                log(format!("r={r}"));
                s.n
            }
        }
    }
    run { go() }
}

twin! {
    /// A method returning `impl Iterator<Item = &u32> + '_` consumed across awaits.
    p28a_method_returns_impl_iter {
        pub struct S {
            pub v: Vec<u32>,
        }
        impl S {
            lower! {
                pub async fn evens(&self) -> impl Iterator<Item = &u32> + '_ {
                    step("evens").await;
                    self.v.iter().filter(|x| **x % 2 == 0)
                }
            }
        }
        pub async fn go() -> u32 {
            let s = S { v: vec![1, 2, 3, 4, 6] };
            let mut sum = 0;
            for x in s.evens().await {
                sum += leaf("x", *x).await;
            }
            sum
        }
    }
    run { go() }
}

twin! {
    /// `impl<'a, T: Display> View<'a, T>` method returning `&'a T`.
    p28a_view_lifetime_and_type {
        pub struct View<'a, T> {
            pub items: &'a [T],
            pub t: Tracker,
        }
        impl<'a, T: Display> View<'a, T> {
            lower! {
                pub async fn largest_by_len(&self) -> Option<&'a T> {
                    let mut best: Option<&'a T> = None;
                    for x in self.items {
                        step("cmp").await;
                        if best.map_or(true, |b| b.to_string().len() < x.to_string().len()) {
                            best = Some(x);
                        }
                    }
                    best
                }
            }
        }
        pub async fn go() -> String {
            let data = vec![String::from("ab"), String::from("abcd"), String::from("a")];
            let v = View { items: &data, t: Tracker::new("view") };
            let b = v.largest_by_len().await;
            drop(v);
            step("after").await;
            b.cloned().unwrap_or_default()
        }
    }
    run { go() }
}

twin! {
    /// A trait `async fn get(&self) -> &Self::Item` implemented with a lowered method.
    p28a_trait_returns_assoc_ref {
        pub trait Holder {
            type Item;
            async fn get(&self) -> &Self::Item;
        }
        pub struct H(pub Tracker);
        impl Holder for H {
            type Item = Tracker;
            lower! {
                async fn get(&self) -> &Tracker { step("get").await; &self.0 }
            }
        }
        pub async fn name_of<T: Holder<Item = Tracker>>(h: &T) -> &'static str {
            let t = h.get().await;
            step("got").await;
            t.name()
        }
    }
    run { name_of(leak(H(Tracker::new("held")))) }
}

twin! {
    /// A trait with a lifetime parameter `Lookup<'a>` and an `async fn find`.
    p28a_trait_lifetime_param {
        pub trait Lookup<'a> {
            async fn find(&self, k: &'a str) -> Option<&'a str>;
        }
        pub struct Prefix(pub &'static str, pub Tracker);
        impl<'a> Lookup<'a> for Prefix {
            lower! {
                async fn find(&self, k: &'a str) -> Option<&'a str> {
                    step("find").await;
                    k.strip_prefix(self.0)
                }
            }
        }
        pub async fn go() -> String {
            let p = Prefix("ab", Tracker::new("prefix"));
            let s = String::from("abcd");
            let a = p.find(&s).await;
            let b = p.find("zz").await;
            format!("{a:?}{b:?}")
        }
    }
    run { go() }
}

twin! {
    /// A generic trait `Handler<Req>` implemented for two request types on one struct.
    p28a_generic_trait_two_impls {
        pub trait Handler<Req> {
            async fn handle(&mut self, r: Req) -> u32;
        }
        pub struct Srv {
            pub seen: Vec<String>,
            pub t: Tracker,
        }
        impl Handler<u32> for Srv {
            lower! {
                async fn handle(&mut self, r: u32) -> u32 {
                    self.seen.push(format!("num {r}"));
                    leaf("num", r).await
                }
            }
        }
        impl Handler<Tracker> for Srv {
            lower! {
                async fn handle(&mut self, r: Tracker) -> u32 {
                    step("tracker").await;
                    self.seen.push(format!("tr {:?}", r));
                    step("done").await;
                    7
                }
            }
        }
        pub async fn go() -> (u32, Vec<String>) {
            let mut s = Srv { seen: vec![], t: Tracker::new("srv") };
            let a = s.handle(3u32).await;
            let b = s.handle(Tracker::new("req")).await;
            (a + b, s.seen.clone())
        }
    }
    run { go() }
}

twin! {
    /// A generic impl of a trait with a `where T: Debug` clause.
    p28a_generic_trait_where_impl {
        pub trait Handler<Req> {
            async fn handle(&self, r: Req) -> String;
        }
        pub struct Logger(pub Tracker);
        impl<T> Handler<T> for Logger
        where
            T: Debug,
        {
            lower! {
                async fn handle(&self, r: T) -> String {
                    step("log").await;
                    let s = format!("{:?}", r);
                    drop(r);
                    leaf("fmt", s).await
                }
            }
        }
        pub async fn go() -> String {
            let l = Logger(Tracker::new("logger"));
            let a = l.handle(Tracker::new("x")).await;
            let b = l.handle(5u8).await;
            a + &b
        }
    }
    run { go() }
}

twin! {
    /// A trait `async fn run(self: Box<Self>)` implemented with a lowered method.
    p28a_trait_box_self_method {
        pub trait Task {
            async fn run(self: Box<Self>) -> u32;
        }
        pub struct T1 {
            pub t: Tracker,
            pub n: u32,
        }
        impl Task for T1 {
            lower! {
                async fn run(self: Box<Self>) -> u32 {
                    step("t1").await;
                    let n = self.n;
                    drop(self);
                    leaf("n", n).await
                }
            }
        }
        pub async fn go() -> u32 {
            Box::new(T1 { t: Tracker::new("t1"), n: 5 }).run().await
        }
    }
    run { go() }
}

twin! {
    /// A trait default method taking `self` by value (`where Self: Sized`).
    p28a_trait_default_by_value {
        pub trait Finish {
            fn score(&self) -> u32;
            lower! {
                async fn finish(self) -> u32 where Self: Sized {
                    step("finish").await;
                    let s = self.score();
                    drop(self);
                    leaf("score", s).await
                }
            }
        }
        pub struct X(pub Tracker, pub u32);
        impl Finish for X {
            fn score(&self) -> u32 { self.1 }
        }
    }
    run { X(Tracker::new("x"), 4).finish() }
}

twin! {
    /// A trait method with `self: Rc<Self>` in the trait.
    p28a_trait_rc_self {
        pub trait Shared {
            async fn touch(self: Rc<Self>) -> usize;
        }
        pub struct R(pub Tracker);
        impl Shared for R {
            lower! {
                async fn touch(self: Rc<Self>) -> usize {
                    let c = self.clone();
                    step("touch").await;
                    let n = Rc::strong_count(&c);
                    drop(c);
                    step("again").await;
                    n + Rc::strong_count(&self)
                }
            }
        }
        pub async fn go() -> usize {
            let r = Rc::new(R(Tracker::new("r")));
            let a = r.clone().touch().await;
            a + r.touch().await
        }
    }
    run { go() }
}

twin! {
    /// `let Self { a, b, .. } = self;` on `&mut self` (binding `&mut` fields) across
    /// awaits.
    p28a_destructure_mut_self_ref {
        pub struct S {
            pub a: u32,
            pub b: Vec<Tracker>,
            pub c: Tracker,
        }
        impl S {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    let Self { a, b, .. } = self;
                    *a += leaf("a", 1).await;
                    b.push(Tracker::new("pushed"));
                    step("mid").await;
                    *a + b.len() as u32
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = S { a: 1, b: vec![], c: Tracker::new("c") };
            s.run().await + s.run().await
        }
    }
    run { go() }
}

twin! {
    /// `let Self { ref mut a, ref b, .. } = *self;` across awaits.
    p28a_destructure_ref_mut_star_self {
        pub struct S {
            pub a: u32,
            pub b: Tracker,
        }
        impl S {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    let Self { ref mut a, ref b } = *self;
                    step("s").await;
                    *a += 2;
                    log(format!("b {:?}", b));
                    leaf("a", *a).await
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = S { a: 1, b: Tracker::new("b") };
            s.run().await
        }
    }
    run { go() }
}

twin! {
    /// `let Self(a, b) = self;` on a tuple struct by value, then awaits.
    p28a_tuple_struct_self_split {
        pub struct P(pub Tracker, pub Tracker, pub u32);
        impl P {
            lower! {
                pub async fn split(self) -> u32 {
                    step("pre").await;
                    let Self(a, b, n) = self;
                    step("mid").await;
                    drop(a);
                    let r = leaf("n", n).await;
                    log(format!("{:?}", b));
                    r
                }
            }
        }
    }
    run { P(Tracker::new("p0"), Tracker::new("p1"), 3).split() }
}

twin! {
    /// Tuple-struct fields `self.0` / `self.1` moved out after awaits in a `self` method.
    p28a_tuple_struct_fields_moved {
        pub struct P(pub Tracker, pub Tracker, pub Tracker);
        impl P {
            lower! {
                pub async fn take(self) -> Tracker {
                    step("a").await;
                    let x = self.1;
                    step("b").await;
                    drop(x);
                    step("c").await;
                    self.2
                }
            }
        }
    }
    run { P(Tracker::new("zero"), Tracker::new("one"), Tracker::new("two")).take() }
}

twin! {
    /// `merge(self, other: Self) -> Self` combining two values across awaits.
    p28a_merge_self_other {
        pub struct Bag {
            pub items: Vec<Tracker>,
            pub label: Tracker,
        }
        impl Bag {
            lower! {
                pub async fn merge(mut self, other: Self) -> Self {
                    step("merge").await;
                    let Bag { items, label } = other;
                    for t in items {
                        step("move").await;
                        self.items.push(t);
                    }
                    drop(label);
                    step("done").await;
                    self
                }
            }
        }
        pub async fn go() -> usize {
            let a = Bag { items: vec![Tracker::new("a1")], label: Tracker::new("la") };
            let b = Bag { items: vec![Tracker::new("b1"), Tracker::new("b2")], label: Tracker::new("lb") };
            let m = a.merge(b).await;
            m.items.len()
        }
    }
    run { go() }
}

twin! {
    /// A `&self` method comparing with `other: &Self`.
    p28a_compare_with_other_ref {
        pub struct V {
            pub n: u32,
            pub t: Tracker,
        }
        impl V {
            lower! {
                pub async fn bigger<'a>(&'a self, other: &'a Self) -> &'a Self {
                    let a = leaf("a", self.n).await;
                    let b = leaf("b", other.n).await;
                    if a >= b { self } else { other }
                }
            }
        }
        pub async fn go() -> &'static str {
            let x = V { n: 1, t: Tracker::new("x") };
            let y = V { n: 2, t: Tracker::new("y") };
            let w = x.bigger(&y).await;
            step("end").await;
            w.t.name()
        }
    }
    run { go() }
}

twin! {
    /// A struct with its own `Drop` and a `self` method (no fields moved): it drops at the
    /// end of the method.
    p28a_drop_impl_self_method {
        pub struct G {
            pub name: &'static str,
            pub inner: Tracker,
        }
        impl Drop for G {
            fn drop(&mut self) { log(format!("drop G {}", self.name)); }
        }
        impl G {
            lower! {
                pub async fn finish(self, k: u32) -> u32 {
                    let _l = Tracker::new("local");
                    step("finish").await;
                    if k == 0 {
                        return 0;
                    }
                    leaf("k", k).await
                }
            }
        }
        pub async fn go() -> u32 {
            let a = G { name: "a", inner: Tracker::new("ia") }.finish(0).await;
            let b = G { name: "b", inner: Tracker::new("ib") }.finish(2).await;
            a + b
        }
    }
    run { go() }
}

twin! {
    /// Linked list `push_front` / `pop_front` with `self.head.take()` across awaits.
    p28a_list_push_pop {
        pub struct Node {
            pub val: Tracker,
            pub next: Option<Box<Node>>,
        }
        pub struct List {
            pub head: Option<Box<Node>>,
            pub len: usize,
        }
        impl List {
            lower! {
                pub async fn push(&mut self, name: &'static str) {
                    let val = Tracker::new(name);
                    step("push").await;
                    let old = self.head.take();
                    self.head = Some(Box::new(Node { val, next: old }));
                    self.len += 1;
                }
            }
            lower! {
                pub async fn pop(&mut self) -> Option<Tracker> {
                    step("pop").await;
                    let node = self.head.take()?;
                    self.head = node.next;
                    self.len -= 1;
                    Some(node.val)
                }
            }
        }
        pub async fn go() -> usize {
            let mut l = List { head: None, len: 0 };
            l.push("a").await;
            l.push("b").await;
            l.push("c").await;
            let x = l.pop().await;
            log(format!("popped {:?}", x));
            drop(x);
            l.pop().await;
            l.len
        }
    }
    run { go() }
}

twin! {
    /// Linked list append at the tail through a `&mut Option<Box<Node>>` cursor, awaits in
    /// the walk.
    p28a_list_append_cursor {
        pub struct Node {
            pub v: u32,
            pub t: Tracker,
            pub next: Option<Box<Node>>,
        }
        impl Node {
            lower! {
                pub async fn append(&mut self, v: u32) -> u32 {
                    let mut depth = 0;
                    let mut cur = &mut self.next;
                    while let Some(n) = cur {
                        step("walk").await;
                        depth += 1;
                        cur = &mut n.next;
                    }
                    *cur = Some(Box::new(Node { v: leaf("v", v).await, t: Tracker::new("appended"), next: None }));
                    depth
                }
            }
        }
        pub async fn go() -> u32 {
            let mut n = Node { v: 0, t: Tracker::new("root"), next: None };
            let a = n.append(1).await;
            let b = n.append(2).await;
            let c = n.append(3).await;
            a + b + c + n.next.as_ref().unwrap().v
        }
    }
    run { go() }
}

twin! {
    /// Recursive `len()` over `Option<Box<Self>>` with `Box::pin(next.len())`.
    p28a_list_recursive_len_sum {
        pub struct Node {
            pub v: u32,
            pub next: Option<Box<Node>>,
        }
        impl Node {
            lower! {
                pub async fn sum(&self) -> u32 {
                    let _t = Tracker::new("frame");
                    let here = leaf("here", self.v).await;
                    let rest = match &self.next {
                        Some(n) => Box::pin(n.sum()).await,
                        None => 0,
                    };
                    here + rest
                }
            }
        }
    }
    run { leak(Node { v: 1, next: Some(Box::new(Node { v: 2, next: Some(Box::new(Node { v: 3, next: None })) })) }).sum() }
}

twin! {
    /// Linked list reversed in place with awaits between relinks.
    p28a_list_reverse {
        pub struct Node {
            pub v: u32,
            pub t: Tracker,
            pub next: Option<Box<Node>>,
        }
        pub struct List {
            pub head: Option<Box<Node>>,
        }
        impl List {
            lower! {
                pub async fn reverse(&mut self) -> u32 {
                    let mut prev: Option<Box<Node>> = None;
                    let mut cur = self.head.take();
                    let mut n = 0;
                    while let Some(mut node) = cur {
                        step("relink").await;
                        cur = node.next.take();
                        node.next = prev;
                        prev = Some(node);
                        n += 1;
                    }
                    self.head = prev;
                    n
                }
            }
            lower! {
                pub async fn values(&self) -> Vec<u32> {
                    let mut out = vec![];
                    let mut c = &self.head;
                    while let Some(n) = c {
                        out.push(leaf("v", n.v).await);
                        c = &n.next;
                    }
                    out
                }
            }
        }
        pub async fn go() -> (u32, Vec<u32>) {
            let mut l = List { head: Some(Box::new(Node { v: 1, t: Tracker::new("n1"), next: Some(Box::new(Node { v: 2, t: Tracker::new("n2"), next: None })) })) };
            let n = l.reverse().await;
            (n, l.values().await)
        }
    }
    run { go() }
}

twin! {
    /// A `move` closure capturing only `self.name` in a `self` method, called after awaits.
    p28a_move_closure_self_field {
        pub struct S {
            pub name: Tracker,
            pub other: Tracker,
            pub n: u32,
        }
        impl S {
            lower! {
                pub async fn run(self) -> u32 {
                    let f = move || { log(format!("closure {:?}", self.name)); 1 };
                    step("after-closure").await;
                    let a = f();
                    step("called").await;
                    drop(f);
                    a + self.n
                }
            }
        }
    }
    run { S { name: Tracker::new("name"), other: Tracker::new("other"), n: 2 }.run() }
}

twin! {
    /// An `async move` block taking a field of `self`, awaited later in the method.
    p28a_async_move_block_self_field {
        pub struct S {
            pub a: Tracker,
            pub b: Tracker,
        }
        impl S {
            lower! {
                pub async fn run(self) -> &'static str {
                    let a = self.a;
                    let fut = async move {
                        step("inner").await;
                        a.name()
                    };
                    step("outer").await;
                    let r = fut.await;
                    step("end").await;
                    r
                }
            }
        }
    }
    run { S { a: Tracker::new("a"), b: Tracker::new("b") }.run() }
}

twin! {
    /// `if let Some(c) = self.conn.take() { c.close().await }` on an `Option` field.
    p28a_option_field_take_close {
        pub struct Conn(pub Tracker);
        impl Conn {
            lower! {
                pub async fn close(self) -> u32 { step("close").await; log(format!("closing {:?}", self.0)); 1 }
            }
        }
        pub struct Pool {
            pub conn: Option<Conn>,
            pub closed: u32,
        }
        impl Pool {
            lower! {
                pub async fn shutdown(&mut self) -> u32 {
                    if let Some(c) = self.conn.take() {
                        self.closed += c.close().await;
                    }
                    step("after").await;
                    self.closed
                }
            }
        }
        pub async fn go() -> u32 {
            let mut p = Pool { conn: Some(Conn(Tracker::new("conn"))), closed: 0 };
            p.shutdown().await + p.shutdown().await
        }
    }
    run { go() }
}

twin! {
    /// `while let Some(t) = self.items.pop() { t.finish().await }` with `finish(self)`.
    p28a_pop_and_finish_each {
        pub struct Job(pub Tracker, pub u32);
        impl Job {
            lower! {
                pub async fn finish(self) -> u32 { step("finish").await; self.1 }
            }
        }
        pub struct Queue {
            pub items: Vec<Job>,
            pub label: Tracker,
        }
        impl Queue {
            lower! {
                pub async fn run_all(&mut self) -> u32 {
                    let mut s = 0;
                    while let Some(j) = self.items.pop() {
                        s += j.finish().await;
                    }
                    s
                }
            }
        }
        pub async fn go() -> u32 {
            let mut q = Queue { items: vec![Job(Tracker::new("j1"), 1), Job(Tracker::new("j2"), 2)], label: Tracker::new("q") };
            q.run_all().await
        }
    }
    run { go() }
}

twin! {
    /// `for t in self.items.drain(..)` with awaits in the loop body.
    p28a_drain_field_loop {
        pub struct S {
            pub items: Vec<Tracker>,
            pub seen: Vec<&'static str>,
        }
        impl S {
            lower! {
                pub async fn flush(&mut self) -> usize {
                    let mut n = 0;
                    for t in self.items.drain(..) {
                        step("drain").await;
                        n += t.name().len();
                    }
                    self.seen.push("flushed");
                    n
                }
            }
        }
        pub async fn go() -> usize {
            let mut s = S { items: vec![Tracker::new("aa"), Tracker::new("b")], seen: vec![] };
            s.flush().await + s.seen.len()
        }
    }
    run { go() }
}

twin! {
    /// `self.items.push(self.total().await)`: a two-phase borrow of a field across an
    /// awaited `&self` call.
    p28a_two_phase_push_self_call {
        pub struct S {
            pub items: Vec<u32>,
            pub t: Tracker,
        }
        impl S {
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.items.iter().sum()
                }
            }
            lower! {
                pub async fn grow(&mut self) -> usize {
                    self.items.push(self.total().await);
                    self.items.push(self.total().await + 1);
                    self.items.len()
                }
            }
        }
        pub async fn go() -> (usize, Vec<u32>) {
            let mut s = S { items: vec![1, 2], t: Tracker::new("s") };
            let n = s.grow().await;
            (n, s.items.clone())
        }
    }
    run { go() }
}

twin! {
    /// `self.total += self.part(i).await` and `self.n = self.calc().await + self.n`.
    p28a_compound_assign_self_call {
        pub struct S {
            pub total: u32,
            pub n: u32,
        }
        impl S {
            lower! {
                pub async fn part(&self, i: u32) -> u32 { leaf("part", i + self.n).await }
            }
            lower! {
                pub async fn run(&mut self) -> u32 {
                    let _t = Tracker::new("run");
                    for i in 0..3 {
                        self.total += self.part(i).await;
                    }
                    self.n = self.part(10).await + self.n;
                    self.total * 100 + self.n
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = S { total: 0, n: 1 };
            s.run().await
        }
    }
    run { go() }
}

twin! {
    /// `match self.fetch().await { Ok(v) => self.items.push(v), Err(e) => return Err(e) }`.
    p28a_match_on_self_call_result {
        pub struct S {
            pub items: Vec<Tracker>,
            pub left: u32,
        }
        impl S {
            lower! {
                pub async fn fetch(&mut self) -> Result<Tracker, String> {
                    step("fetch").await;
                    if self.left == 0 { return Err("empty".into()); }
                    self.left -= 1;
                    Ok(Tracker::new("fetched"))
                }
            }
            lower! {
                pub async fn fill(&mut self) -> Result<usize, String> {
                    let _g = Tracker::new("fill");
                    loop {
                        match self.fetch().await {
                            Ok(v) => self.items.push(v),
                            Err(e) if self.items.is_empty() => return Err(e),
                            Err(_) => break,
                        }
                    }
                    Ok(self.items.len())
                }
            }
        }
        pub async fn go() -> (Result<usize, String>, Result<usize, String>) {
            let mut a = S { items: vec![], left: 2 };
            let mut b = S { items: vec![], left: 0 };
            (a.fill().await, b.fill().await)
        }
    }
    run { go() }
}

twin! {
    /// `for c in &mut self.children { c.bump().await }` with lowered child methods.
    p28a_children_iter_mut_await {
        pub struct Child {
            pub n: u32,
            pub t: Tracker,
        }
        impl Child {
            lower! {
                pub async fn bump(&mut self) -> u32 { self.n += leaf("bump", 1).await; self.n }
            }
        }
        pub struct Parent {
            pub children: Vec<Child>,
            pub sum: u32,
        }
        impl Parent {
            lower! {
                pub async fn bump_all(&mut self) -> u32 {
                    for c in &mut self.children {
                        self.sum += c.bump().await;
                    }
                    self.sum
                }
            }
        }
        pub async fn go() -> u32 {
            let mut p = Parent { children: vec![Child { n: 0, t: Tracker::new("c1") }, Child { n: 5, t: Tracker::new("c2") }], sum: 0 };
            p.bump_all().await + p.bump_all().await
        }
    }
    run { go() }
}

twin! {
    /// `for x in &self.items { self.check(x).await }` calling a `&self` method per item.
    p28a_iter_ref_items_call_self {
        pub struct S {
            pub items: Vec<u32>,
            pub limit: u32,
            pub t: Tracker,
        }
        impl S {
            lower! {
                pub async fn check(&self, x: &u32) -> bool { leaf("check", *x <= self.limit).await }
            }
            lower! {
                pub async fn count_ok(&self) -> usize {
                    let mut n = 0;
                    for x in &self.items {
                        if self.check(x).await {
                            n += 1;
                        }
                    }
                    n
                }
            }
        }
    }
    run { leak(S { items: vec![1, 5, 3], limit: 3, t: Tracker::new("s") }).count_ok() }
}

twin! {
    /// `for i in 0..self.items.len() { self.process(i).await }` with a `&mut self`
    /// method.
    p28a_index_loop_mut_self_call {
        pub struct S {
            pub items: Vec<u32>,
            pub log_: Vec<String>,
        }
        impl S {
            lower! {
                pub async fn process(&mut self, i: usize) {
                    let v = leaf("v", self.items[i]).await;
                    self.items[i] = v * 2;
                    self.log_.push(format!("p{i}"));
                }
            }
            lower! {
                pub async fn all(&mut self) -> Vec<u32> {
                    let _t = Tracker::new("all");
                    for i in 0..self.items.len() {
                        self.process(i).await;
                    }
                    self.items.clone()
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut s = S { items: vec![1, 2, 3], log_: vec![] };
            s.all().await
        }
    }
    run { go() }
}

twin! {
    /// `impl<T: Default + Debug> Slot<T>` with `mem::take(&mut self.val)` returning `T`.
    p28a_generic_slot_take {
        pub struct Slot<T> {
            pub val: T,
            pub t: Tracker,
        }
        impl<T: Default + Debug> Slot<T> {
            lower! {
                pub async fn take(&mut self) -> T {
                    step("take").await;
                    let v = mem::take(&mut self.val);
                    log(format!("took {:?}", v));
                    step("taken").await;
                    v
                }
            }
        }
        pub async fn go() -> (Vec<u32>, Vec<u32>) {
            let mut s = Slot { val: vec![1, 2], t: Tracker::new("slot") };
            let a = s.take().await;
            let b = s.take().await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// `impl<F> Wrapper<F> where F: Fn(u32) -> u32` calling `(self.f)(x.await)`.
    p28a_closure_field_call {
        pub struct Wrapper<F> {
            pub f: F,
            pub t: Tracker,
        }
        impl<F> Wrapper<F>
        where
            F: Fn(u32) -> u32,
        {
            lower! {
                pub async fn apply(&self, x: u32) -> u32 {
                    let a = (self.f)(leaf("x", x).await);
                    step("between").await;
                    (self.f)(a)
                }
            }
        }
        pub async fn go() -> u32 {
            let k = 3;
            let w = Wrapper { f: move |x| x + k, t: Tracker::new("wrapper") };
            w.apply(1).await + w.apply(10).await
        }
    }
    run { go() }
}

twin! {
    /// `feed(&mut self, it: impl IntoIterator<Item = Tracker>)` keeping some trackers.
    p28a_impl_trait_arg_method {
        pub struct Keeper {
            pub kept: Vec<Tracker>,
        }
        impl Keeper {
            lower! {
                pub async fn feed(&mut self, it: impl IntoIterator<Item = Tracker>) -> usize {
                    for t in it {
                        let keep = leaf("keep", t.name().len() > 1).await;
                        if keep {
                            self.kept.push(t);
                        } else {
                            step("discard").await;
                        }
                    }
                    self.kept.len()
                }
            }
        }
        pub async fn go() -> usize {
            let mut k = Keeper { kept: vec![] };
            k.feed(vec![Tracker::new("aa"), Tracker::new("b"), Tracker::new("cc")]).await
        }
    }
    run { go() }
}

twin! {
    /// A mutable walk over `Option<Box<Self>>` with `as_deref_mut()` and awaited updates.
    p28a_list_mut_walk {
        pub struct Node {
            pub v: u32,
            pub next: Option<Box<Node>>,
        }
        impl Node {
            lower! {
                pub async fn add_all(&mut self, k: u32) -> u32 {
                    let _t = Tracker::new("walk");
                    let mut cur = Some(self);
                    let mut n = 0;
                    while let Some(node) = cur {
                        node.v += leaf("k", k).await;
                        n += node.v;
                        cur = node.next.as_deref_mut();
                    }
                    n
                }
            }
        }
        pub async fn go() -> u32 {
            let mut l = Node { v: 1, next: Some(Box::new(Node { v: 2, next: None })) };
            let a = l.add_all(10).await;
            a + l.next.as_ref().unwrap().v
        }
    }
    run { go() }
}

twin! {
    /// A list drained node by node with `take()`, each node dropped at the end of its
    /// iteration across awaits.
    p28a_list_drain_nodes {
        pub struct Node {
            pub t: Tracker,
            pub next: Option<Box<Node>>,
        }
        pub struct List {
            pub head: Option<Box<Node>>,
            pub label: Tracker,
        }
        impl List {
            lower! {
                pub async fn clear(&mut self) -> u32 {
                    let mut cur = self.head.take();
                    let mut n = 0;
                    while let Some(mut node) = cur {
                        cur = node.next.take();
                        step("node").await;
                        log(format!("clearing {:?}", node.t));
                        n += 1;
                    }
                    n
                }
            }
        }
        pub async fn go() -> u32 {
            let mut l = List { head: Some(Box::new(Node { t: Tracker::new("n1"), next: Some(Box::new(Node { t: Tracker::new("n2"), next: None })) })), label: Tracker::new("list") };
            l.clear().await
        }
    }
    run { go() }
}

twin! {
    /// A trait `async fn load(id) -> Self` constructor implemented with a lowered fn and
    /// used by a generic `T: Load`.
    p28a_trait_constructor_returns_self {
        pub trait Load {
            async fn load(id: u32) -> Self where Self: Sized;
            fn id(&self) -> u32;
        }
        pub struct User {
            pub id: u32,
            pub t: Tracker,
        }
        impl Load for User {
            lower! {
                async fn load(id: u32) -> Self {
                    let t = Tracker::new("user");
                    step("db").await;
                    User { id: leaf("id", id).await, t }
                }
            }
            fn id(&self) -> u32 { self.id }
        }
        pub async fn load_two<T: Load>() -> u32 {
            let a = T::load(1).await;
            let b = T::load(2).await;
            a.id() + b.id()
        }
    }
    run { load_two::<User>() }
}

twin! {
    /// A trait `async fn open(..) -> Result<Self, Self::Error>` with an early error.
    p28a_trait_result_self_error {
        pub trait Open: Sized {
            type Error: Debug;
            async fn open(path: &str) -> Result<Self, Self::Error>;
        }
        #[derive(Debug)]
        pub struct OpenErr(pub String);
        pub struct File {
            pub path: String,
            pub t: Tracker,
        }
        impl Open for File {
            type Error = OpenErr;
            lower! {
                async fn open(path: &str) -> Result<Self, Self::Error> {
                    let t = Tracker::new("handle");
                    step("stat").await;
                    if path.is_empty() {
                        return Err(OpenErr("empty".into()));
                    }
                    step("open").await;
                    Ok(Self { path: path.to_string(), t })
                }
            }
        }
        pub async fn go() -> (String, String) {
            let a = File::open("a.txt").await.map(|f| f.path.clone());
            let b = File::open("").await.map(|f| f.path.clone());
            (format!("{a:?}"), format!("{b:?}"))
        }
    }
    run { go() }
}

twin! {
    /// A supertrait method used from a lowered default method; `T: Repo + Default`.
    p28a_supertrait_default_generic {
        pub trait Named {
            fn name(&self) -> String;
        }
        pub trait Repo: Named {
            async fn save(&mut self, v: u32) -> usize;
            lower! {
                async fn save_all(&mut self, vs: Vec<u32>) -> String {
                    let mut n = 0;
                    for v in vs {
                        n = self.save(v).await;
                    }
                    format!("{} saved {n}", self.name())
                }
            }
        }
        #[derive(Default)]
        pub struct Mem {
            pub rows: Vec<u32>,
        }
        impl Named for Mem {
            fn name(&self) -> String { "mem".into() }
        }
        impl Repo for Mem {
            lower! {
                async fn save(&mut self, v: u32) -> usize {
                    let _t = Tracker::new("save");
                    self.rows.push(leaf("v", v).await);
                    self.rows.len()
                }
            }
        }
        pub async fn fresh<T: Repo + Default>() -> String {
            let mut r = T::default();
            r.save_all(vec![1, 2]).await
        }
    }
    run { fresh::<Mem>() }
}

twin! {
    /// A trait implemented for a generic struct `impl<T: Clone + Debug> Repo for Store<T>`.
    p28a_trait_for_generic_struct {
        pub trait Repo {
            type Row;
            async fn get(&self, i: usize) -> Option<Self::Row>;
        }
        pub struct Store<T> {
            pub rows: Vec<T>,
            pub t: Tracker,
        }
        impl<T: Clone + Debug> Repo for Store<T> {
            type Row = T;
            lower! {
                async fn get(&self, i: usize) -> Option<T> {
                    step("get").await;
                    let r = self.rows.get(i).cloned();
                    log(format!("row {:?}", r));
                    r
                }
            }
        }
        pub async fn go() -> (Option<String>, Option<u8>) {
            let a = Store { rows: vec![String::from("x")], t: Tracker::new("a") };
            let b = Store { rows: vec![1u8, 2], t: Tracker::new("b") };
            (a.get(0).await, b.get(5).await)
        }
    }
    run { go() }
}

twin! {
    /// `match self { Self { a, b: Some(t), .. } => .., Self { a, .. } => .. }` by value.
    p28a_match_self_struct_patterns {
        pub struct S {
            pub a: Tracker,
            pub b: Option<Tracker>,
            pub c: Tracker,
        }
        impl S {
            lower! {
                pub async fn run(self) -> u32 {
                    match self {
                        Self { a, b: Some(t), .. } => { step("some").await; log(format!("{:?}{:?}", a, t)); 1 }
                        Self { a, .. } => { step("none").await; drop(a); step("dropped").await; 2 }
                    }
                }
            }
        }
        pub async fn go() -> u32 {
            let x = S { a: Tracker::new("a1"), b: Some(Tracker::new("b1")), c: Tracker::new("c1") }.run().await;
            let y = S { a: Tracker::new("a2"), b: None, c: Tracker::new("c2") }.run().await;
            x + y
        }
    }
    run { go() }
}

twin! {
    /// `let me = self;` then awaits, fields used through `me`.
    p28a_rebind_self_local {
        pub struct S {
            pub a: Tracker,
            pub b: Tracker,
            pub n: u32,
        }
        impl S {
            lower! {
                pub async fn run(self) -> u32 {
                    let _first = Tracker::new("first");
                    let me = self;
                    step("rebound").await;
                    let a = me.a;
                    step("moved").await;
                    drop(a);
                    me.n + leaf("n", 1).await
                }
            }
        }
    }
    run { S { a: Tracker::new("a"), b: Tracker::new("b"), n: 2 }.run() }
}

twin! {
    /// `self` moved into a `Vec` with another value, then awaits.
    p28a_self_into_vec {
        pub struct S(pub Tracker);
        impl S {
            lower! {
                pub async fn pair_up(self, other: S) -> usize {
                    step("pre").await;
                    let mut v = vec![self, other];
                    step("collected").await;
                    let last = v.pop();
                    step("popped").await;
                    drop(last);
                    v.len()
                }
            }
        }
    }
    run { S(Tracker::new("me")).pair_up(S(Tracker::new("other"))) }
}

twin! {
    /// `self: &Arc<Self>` receiver cloning the Arc into a result kept after the await.
    p28a_ref_arc_self {
        pub struct Svc {
            pub t: Tracker,
            pub n: u32,
        }
        impl Svc {
            lower! {
                pub async fn handle(self: &Arc<Self>, k: u32) -> Arc<Self> {
                    let me = Arc::clone(self);
                    step("handle").await;
                    log(format!("count {}", Arc::strong_count(self)));
                    let _ = leaf("k", k + self.n).await;
                    me
                }
            }
        }
        pub async fn go() -> usize {
            let s = Arc::new(Svc { t: Tracker::new("svc"), n: 1 });
            let a = s.handle(1).await;
            let b = s.handle(2).await;
            drop(a);
            Arc::strong_count(&b)
        }
    }
    run { go() }
}

twin! {
    /// `mut self: Box<Self>` calling a `&mut self` lowered method, then returning a field.
    p28a_box_self_calls_mut_method {
        pub struct S {
            pub n: u32,
            pub keep: Tracker,
            pub rest: Tracker,
        }
        impl S {
            lower! {
                pub async fn bump(&mut self) { self.n += leaf("bump", 1).await; }
            }
            lower! {
                pub async fn run(mut self: Box<Self>) -> (u32, Tracker) {
                    self.bump().await;
                    self.bump().await;
                    step("end").await;
                    (self.n, self.keep)
                }
            }
        }
    }
    run { Box::new(S { n: 0, keep: Tracker::new("keep"), rest: Tracker::new("rest") }).run() }
}

twin! {
    /// `Rc<Self>` receiver calling a `&self` lowered method through auto-deref.
    p28a_rc_self_autoderef_call {
        pub struct S {
            pub n: u32,
            pub t: Tracker,
        }
        impl S {
            lower! {
                pub async fn get(&self) -> u32 { leaf("get", self.n).await }
            }
            lower! {
                pub async fn twice(self: Rc<Self>) -> u32 {
                    let a = self.get().await;
                    let c = Rc::clone(&self);
                    drop(self);
                    step("dropped-self").await;
                    a + c.get().await
                }
            }
        }
    }
    run { Rc::new(S { n: 3, t: Tracker::new("s") }).twice() }
}

twin! {
    /// Struct update from a `Default` holding trackers, with an awaited field value: the
    /// unused default fields drop at the end of the statement.
    p28a_struct_update_default_trackers {
        pub struct Opts {
            pub a: Tracker,
            pub b: Tracker,
            pub n: u32,
        }
        impl Default for Opts {
            fn default() -> Self { Opts { a: Tracker::new("def-a"), b: Tracker::new("def-b"), n: 0 } }
        }
        impl Opts {
            lower! {
                pub async fn custom() -> Self {
                    let _g = Tracker::new("g");
                    let o = Opts { a: Tracker::new("mine"), n: leaf("n", 4).await, ..Default::default() };
                    step("built").await;
                    o
                }
            }
        }
        pub async fn go() -> u32 {
            let o = Opts::custom().await;
            o.n
        }
    }
    run { go() }
}

twin! {
    /// A builder replacing an `Option<Tracker>` field (the old guard drops) before and after
    /// an awaited step.
    p28a_builder_replace_guard {
        #[derive(Default)]
        pub struct B {
            pub guard: Option<Tracker>,
            pub n: u32,
        }
        impl B {
            pub fn guard(mut self, name: &'static str) -> Self { self.guard = Some(Tracker::new(name)); self }
            pub fn n(mut self, n: u32) -> Self { self.n = n; self }
            lower! {
                pub async fn finish(self) -> u32 {
                    step("finish").await;
                    self.n
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let b = B::default().guard("g1");
                let n = leaf("n", 3).await;
                let b = b.guard("g2").n(n);
                step("mid").await;
                b.finish().await
            }
        }
    }
    run { go() }
}

twin! {
    /// `?` with a logging `From` conversion inside a `&mut self` method with live trackers.
    p28a_question_from_in_mut_method {
        #[derive(Debug)]
        pub struct LowErr(pub u32);
        #[derive(Debug)]
        pub struct HighErr(pub String);
        impl From<LowErr> for HighErr {
            fn from(e: LowErr) -> Self { log(format!("from {}", e.0)); HighErr(format!("low {}", e.0)) }
        }
        pub struct S {
            pub n: u32,
            pub t: Tracker,
        }
        impl S {
            lower! {
                pub async fn low(&self, x: u32) -> Result<u32, LowErr> {
                    step("low").await;
                    if x > self.n { Err(LowErr(x)) } else { Ok(x) }
                }
            }
            lower! {
                pub async fn high(&mut self, xs: Vec<u32>) -> Result<u32, HighErr> {
                    let _g = Tracker::new("high");
                    let mut s = 0;
                    for x in xs {
                        let _it = Tracker::new("iter");
                        s += self.low(x).await?;
                        self.n += 1;
                    }
                    Ok(s)
                }
            }
        }
        pub async fn go() -> String {
            let mut s = S { n: 2, t: Tracker::new("s") };
            let r = s.high(vec![1, 3, 9, 1]).await;
            format!("{r:?} {}", s.n)
        }
    }
    run { go() }
}

// Known gap: COMPILE (E0507): `self: Pin<&mut Self>` consumed by `self.get_mut()` whose result lives across an await: `self` is parked in a frame slot (the output is taken to borrow it) and `get_mut`, which takes the Pin by value, is called through the slot's handle
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: `self: Pin<&mut Self>`, `let this = self.get_mut();` then an await while
    /// `this` lives.
    p28a_pin_mut_self_min {
        pub struct C(pub u32);
        impl C {
            lower! {
                pub async fn tick(self: Pin<&mut Self>) -> u32 {
                    let this = self.get_mut();
                    step("s").await;
                    this.0
                }
            }
        }
    }
    run { Pin::new(leak(C(1))).tick() }
}

// Known gap: COMPILE (E0507): a by-value builder link with an awaited argument whose receiver is itself a method-call temporary (`R::new().with(1).with(x.await)`) inside a larger awaited expression (`.send().await`): the temporary `__t0` is kept behind a reference and `with(self)` cannot move it (documented family: a temporary in a receiver chain inside a larger awaited expression)
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: a by-value builder link with an awaited argument, on a chain of one link or
    /// more, inside an awaited `send()`.
    p28a_builder_await_in_chain_arg_min {
        pub struct R(pub u32);
        impl R {
            pub fn with(self, x: u32) -> Self { R(self.0 + x) }
            lower! {
                pub async fn send(self) -> u32 { step("send").await; self.0 }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                R(1).with(1).with(leaf("x", 2).await).send().await
            }
        }
    }
    run { go() }
}

twin! {
    /// Minimal: `if c { drop(self.a) }` in a `self` method, then an await.
    p28a_conditional_field_move_min {
        pub struct S {
            pub a: Tracker,
        }
        impl S {
            lower! {
                pub async fn run(self, c: bool) {
                    if c {
                        drop(self.a);
                    }
                    step("s").await;
                }
            }
        }
    }
    run { S { a: Tracker::new("a") }.run(true) }
}

twin! {
    /// Minimal: `match self { Self { a, .. } => { x.await; .. } }`: the rest of `self`
    /// drops at the match instead of at the end of the method.
    p28a_match_self_struct_patterns_min {
        pub struct S {
            pub a: Tracker,
            pub c: Tracker,
        }
        impl S {
            lower! {
                pub async fn run(self) {
                    match self {
                        Self { a, .. } => { step("s").await; drop(a); }
                    }
                }
            }
        }
    }
    run { S { a: Tracker::new("a"), c: Tracker::new("c") }.run() }
}

twin! {
    /// Variant probe: `match self { S { a, .. } => .. }` naming the struct, not `Self`.
    p28a_match_self_named_struct_pattern {
        pub struct S {
            pub a: Tracker,
            pub c: Tracker,
        }
        impl S {
            lower! {
                pub async fn run(self) {
                    match self {
                        S { a, .. } => { step("s").await; drop(a); }
                    }
                }
            }
        }
    }
    run { S { a: Tracker::new("a"), c: Tracker::new("c") }.run() }
}

twin! {
    /// Variant probe: `if c { drop(s.a) }` on a by-value parameter `s: S` (not `self`).
    p28a_conditional_field_move_param {
        pub struct S {
            pub a: Tracker,
        }
        lower! {
            pub async fn run(s: S, c: bool) {
                if c {
                    drop(s.a);
                }
                step("s").await;
            }
        }
    }
    run { run(S { a: Tracker::new("a") }, true) }
}

