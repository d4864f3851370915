//! Probe round 31a: lowered methods that borrow `self` and its fields across awaits, as in
//! a service object: `&mut self` methods mutating several fields between awaits; references
//! into `self`'s fields (`&mut self.entries[i]`, `&self.name`, `self.map.get_mut(&k)`,
//! `self.items.iter()`) held across awaits; disjoint field borrows; methods returning
//! references into `self`; lowered `&mut self` methods calling one another in loops; `&self`
//! methods on `Rc`/`Arc`-held objects; `self` by value, `self: Box<Self>`,
//! `self: Pin<&mut Self>`; trait impls using `Self::CONST`, associated functions and
//! `Self { .. }`; `Option<Box<Self>>` lists; `mem::take`/`replace` of fields across awaits;
//! `Drop` on `self`'s type; generic impls; `where Self: Sized`; boxed closures in fields.
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
use std::cell::{Cell, RefCell};
#[allow(unused_imports)]
use std::mem;

twin! {
    /// `&mut self` method mutating three fields between awaits.
    p31a_mut_several_fields {
        pub struct Svc {
            pub hits: u32,
            pub names: Vec<String>,
            pub last: Option<u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn handle(&mut self, n: u32) -> u32 {
                    self.hits += 1;
                    let v = leaf("fetch", n * 2).await;
                    self.names.push(format!("n{v}"));
                    step("between").await;
                    self.last = Some(v);
                    self.hits * 100 + v
                }
            }
        }
        pub async fn go() -> (u32, u32, Vec<String>, Option<u32>) {
            let mut s = Svc { hits: 0, names: vec![], last: None, t: Tracker::new("svc") };
            let a = s.handle(1).await;
            let b = s.handle(4).await;
            (a, b, s.names.clone(), s.last)
        }
    }
    run { go() }
}

twin! {
    /// `let e = &mut self.entries[i];` held across an await and written after it.
    p31a_entry_ref_across_await {
        pub struct Table {
            pub entries: Vec<u32>,
            pub t: Tracker,
        }
        impl Table {
            lower! {
                pub async fn bump(&mut self, i: usize) -> u32 {
                    let e = &mut self.entries[i];
                    *e += 1;
                    let k = leaf("k", 10).await;
                    *e += k;
                    step("after").await;
                    *e
                }
            }
        }
        pub async fn go() -> (u32, Vec<u32>) {
            let mut t = Table { entries: vec![1, 2, 3], t: Tracker::new("tab") };
            let r = t.bump(1).await;
            (r, t.entries.clone())
        }
    }
    run { go() }
}

twin! {
    /// `let name = &self.name;` read before and after awaits.
    p31a_name_ref_across_await {
        pub struct Svc {
            pub name: String,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn greet(&self, who: &str) -> String {
                    let name = &self.name;
                    log(format!("start {name}"));
                    let g = leaf("greet", format!("hi {who}")).await;
                    step("s").await;
                    format!("{name}: {g}")
                }
            }
        }
        pub async fn go() -> String {
            let s = Svc { name: "srv".into(), t: Tracker::new("svc") };
            let a = s.greet("bob").await;
            a
        }
    }
    run { go() }
}

twin! {
    /// `self.map.get_mut(&k)` held across an await in an `if let`.
    p31a_map_get_mut_across_await {
        pub struct Cache {
            pub map: HashMap<u32, Vec<u32>>,
            pub t: Tracker,
        }
        impl Cache {
            lower! {
                pub async fn add(&mut self, k: u32, v: u32) -> usize {
                    if let Some(list) = self.map.get_mut(&k) {
                        let x = leaf("x", v).await;
                        list.push(x);
                        step("pushed").await;
                        list.len()
                    } else {
                        let x = leaf("new", v).await;
                        self.map.insert(k, vec![x]);
                        1
                    }
                }
            }
        }
        pub async fn go() -> (usize, usize, usize, Vec<u32>) {
            let mut c = Cache { map: HashMap::new(), t: Tracker::new("cache") };
            let a = c.add(1, 5).await;
            let b = c.add(1, 6).await;
            let d = c.add(2, 7).await;
            (a, b, d, c.map[&1].clone())
        }
    }
    run { go() }
}

twin! {
    /// `for x in self.items.iter()` with an await per element.
    p31a_items_iter_loop {
        pub struct Svc {
            pub items: Vec<Tracker>,
            pub total: u32,
        }
        impl Svc {
            lower! {
                pub async fn sum(&self) -> u32 {
                    let mut s = 0;
                    for it in self.items.iter() {
                        s += leaf("len", it.0.len() as u32).await;
                        log(format!("saw {}", it.0));
                    }
                    s + self.total
                }
            }
        }
        pub async fn go() -> u32 {
            let s = Svc { items: vec![Tracker::new("a"), Tracker::new("bb")], total: 1 };
            s.sum().await
        }
    }
    run { go() }
}

twin! {
    /// An iterator over `self.items` kept in a local and advanced across awaits.
    p31a_items_iter_local {
        pub struct Svc {
            pub items: Vec<u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn firsts(&self) -> Vec<u32> {
                    let mut it = self.items.iter();
                    let mut out = vec![];
                    while let Some(x) = it.next() {
                        out.push(leaf("x", *x).await);
                        if out.len() == 2 {
                            break;
                        }
                    }
                    step("rest").await;
                    out.push(it.count() as u32);
                    out
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let s = Svc { items: vec![4, 5, 6, 7], t: Tracker::new("svc") };
            s.firsts().await
        }
    }
    run { go() }
}

twin! {
    /// Disjoint borrows: `self.out` borrowed mutably while `self.cfg` is read across an await.
    p31a_disjoint_fields {
        pub struct Svc {
            pub cfg: Vec<u32>,
            pub out: Vec<u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn fill(&mut self) -> usize {
                    let out = &mut self.out;
                    let cfg = &self.cfg;
                    for c in cfg {
                        let v = leaf("v", *c * 3).await;
                        out.push(v);
                    }
                    step("done").await;
                    out.len() + cfg.len()
                }
            }
        }
        pub async fn go() -> (usize, Vec<u32>) {
            let mut s = Svc { cfg: vec![1, 2], out: vec![], t: Tracker::new("svc") };
            let n = s.fill().await;
            (n, s.out.clone())
        }
    }
    run { go() }
}

twin! {
    /// Disjoint borrows of a tracker field and a counter field, both live across an await.
    p31a_disjoint_tracker_counter {
        pub struct Svc {
            pub guard: Tracker,
            pub count: u32,
        }
        impl Svc {
            lower! {
                pub async fn tick(&mut self) -> String {
                    let g = &self.guard;
                    let c = &mut self.count;
                    *c += leaf("inc", 2).await;
                    step("mid").await;
                    *c += 1;
                    format!("{} {}", g.0, c)
                }
            }
        }
        pub async fn go() -> String {
            let mut s = Svc { guard: Tracker::new("g"), count: 0 };
            let a = s.tick().await;
            let b = s.tick().await;
            format!("{a}|{b}")
        }
    }
    run { go() }
}

twin! {
    /// `async fn current(&self) -> &Item` used across a later await by the caller.
    p31a_current_returns_ref {
        #[derive(Debug)]
        pub struct Item {
            pub id: u32,
            pub t: Tracker,
        }
        pub struct Svc {
            pub items: Vec<Item>,
            pub pos: usize,
        }
        impl Svc {
            lower! {
                pub async fn current(&self) -> &Item {
                    step("look").await;
                    &self.items[self.pos]
                }
            }
        }
        pub async fn go() -> u32 {
            let s = Svc { items: vec![Item { id: 7, t: Tracker::new("i7") }, Item { id: 8, t: Tracker::new("i8") }], pos: 1 };
            let c = s.current().await;
            let k = leaf("k", 3).await;
            c.id * k
        }
    }
    run { go() }
}

twin! {
    /// A lowered `&mut self` method returning `&mut Item`, written after the call.
    p31a_current_mut_returns_ref {
        #[derive(Debug)]
        pub struct Item {
            pub n: u32,
        }
        pub struct Svc {
            pub items: Vec<Item>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn pick(&mut self, i: usize) -> &mut Item {
                    let j = leaf("idx", i).await;
                    &mut self.items[j]
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut s = Svc { items: vec![Item { n: 1 }, Item { n: 2 }], t: Tracker::new("svc") };
            let it = s.pick(0).await;
            it.n += leaf("add", 10).await;
            s.pick(1).await.n += 5;
            s.items.iter().map(|i| i.n).collect()
        }
    }
    run { go() }
}

twin! {
    /// A `&mut self` method calling another lowered `&mut self` method in a loop.
    p31a_step_loop {
        pub struct Machine {
            pub state: u32,
            pub trace: Vec<u32>,
            pub t: Tracker,
        }
        impl Machine {
            lower! {
                pub async fn step(&mut self) -> bool {
                    let d = leaf("d", self.state % 3 + 1).await;
                    self.state += d;
                    self.trace.push(self.state);
                    self.state < 10
                }
            }
            lower! {
                pub async fn run(&mut self) -> usize {
                    while self.step().await {
                        log(format!("state {}", self.state));
                    }
                    self.trace.len()
                }
            }
        }
        pub async fn go() -> (usize, Vec<u32>) {
            let mut m = Machine { state: 0, trace: vec![], t: Tracker::new("m") };
            let n = m.run().await;
            (n, m.trace.clone())
        }
    }
    run { go() }
}

twin! {
    /// `for` loop calling `self.step().await` a fixed number of times, summing results.
    p31a_step_for_sum {
        pub struct Counter {
            pub n: u32,
            pub t: Tracker,
        }
        impl Counter {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    self.n += 1;
                    leaf("n", self.n).await
                }
            }
            lower! {
                pub async fn run(&mut self, k: u32) -> u32 {
                    let mut s = 0;
                    for _ in 0..k {
                        s += self.step().await;
                    }
                    s
                }
            }
        }
        pub async fn go() -> u32 {
            let mut c = Counter { n: 0, t: Tracker::new("c") };
            c.run(4).await
        }
    }
    run { go() }
}

twin! {
    /// `&self` method on an `Rc`-held service, two handles awaiting in turn.
    p31a_rc_self_methods {
        pub struct Svc {
            pub name: String,
            pub hits: Cell<u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn hit(&self, n: u32) -> String {
                    let v = leaf("v", n).await;
                    self.hits.set(self.hits.get() + v);
                    step("s").await;
                    format!("{}={}", self.name, self.hits.get())
                }
            }
        }
        pub async fn go() -> (String, String, usize) {
            let a = Rc::new(Svc { name: "rc".into(), hits: Cell::new(0), t: Tracker::new("svc") });
            let b = Rc::clone(&a);
            let x = a.hit(1).await;
            drop(a);
            let y = b.hit(2).await;
            (x, y, Rc::strong_count(&b))
        }
    }
    run { go() }
}

twin! {
    /// `&self` method on an `Arc`-held service with a `RefCell`-free `Mutex` field.
    p31a_arc_self_mutex {
        pub struct Svc {
            pub log: std::sync::Mutex<Vec<u32>>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn record(&self, n: u32) -> usize {
                    let v = leaf("v", n + 1).await;
                    let len = {
                        let mut g = self.log.lock().unwrap();
                        g.push(v);
                        g.len()
                    };
                    step("after").await;
                    len
                }
            }
        }
        pub async fn go() -> (usize, usize, Vec<u32>) {
            let s = Arc::new(Svc { log: std::sync::Mutex::new(vec![]), t: Tracker::new("svc") });
            let s2 = s.clone();
            let a = s.record(1).await;
            let b = s2.record(2).await;
            let v = s.log.lock().unwrap().clone();
            (a, b, v)
        }
    }
    run { go() }
}

twin! {
    /// Consuming builder: `self` by value through a chain of awaited `mut self` methods.
    p31a_consuming_builder {
        #[derive(Debug)]
        pub struct Req {
            pub url: String,
            pub headers: Vec<(String, u32)>,
            pub t: Tracker,
        }
        impl Req {
            lower! {
                pub async fn header(mut self, k: &str, v: u32) -> Self {
                    let v = leaf("hv", v).await;
                    self.headers.push((k.to_string(), v));
                    self
                }
            }
            lower! {
                pub async fn send(self) -> String {
                    step("send").await;
                    format!("{} {:?}", self.url, self.headers)
                }
            }
        }
        pub async fn go() -> String {
            let r = Req { url: "/x".into(), headers: vec![], t: Tracker::new("req") };
            let r = r.header("a", 1).await;
            let r = r.header("b", 2).await;
            r.send().await
        }
    }
    run { go() }
}

twin! {
    /// `into_parts(self)` returning two tracker fields after awaits; the third drops.
    p31a_into_parts {
        pub struct Conn {
            pub rd: Tracker,
            pub wr: Tracker,
            pub extra: Tracker,
            pub id: u32,
        }
        impl Conn {
            lower! {
                pub async fn into_parts(self) -> (Tracker, Tracker, u32) {
                    let id = leaf("id", self.id).await;
                    step("split").await;
                    (self.rd, self.wr, id)
                }
            }
        }
        pub async fn go() -> u32 {
            let c = Conn { rd: Tracker::new("rd"), wr: Tracker::new("wr"), extra: Tracker::new("extra"), id: 3 };
            let (r, w, id) = c.into_parts().await;
            step("got").await;
            drop(w);
            log(format!("keep {}", r.0));
            id
        }
    }
    run { go() }
}

twin! {
    /// `self: Box<Self>` method awaiting then returning a field, rest dropping at the end.
    p31a_box_self {
        pub struct Task {
            pub name: Tracker,
            pub other: Tracker,
            pub n: u32,
        }
        impl Task {
            lower! {
                pub async fn run(self: Box<Self>) -> u32 {
                    let a = leaf("a", self.n).await;
                    log(format!("running {}", self.name.0));
                    step("b").await;
                    a + 1
                }
            }
        }
    }
    run { Box::new(Task { name: Tracker::new("name"), other: Tracker::new("other"), n: 4 }).run() }
}

twin! {
    /// `self: Pin<&mut Self>` on an `Unpin` struct, fields written through `self.n`.
    p31a_pin_mut_self_fields {
        pub struct Counter {
            pub n: u32,
            pub t: Tracker,
        }
        impl Counter {
            lower! {
                pub async fn tick(mut self: Pin<&mut Self>) -> u32 {
                    let k = leaf("k", 2).await;
                    self.n += k;
                    step("s").await;
                    self.n
                }
            }
        }
        pub async fn go() -> u32 {
            let mut c = Counter { n: 1, t: Tracker::new("c") };
            let a = Pin::new(&mut c).tick().await;
            let b = Pin::new(&mut c).tick().await;
            a * 10 + b
        }
    }
    run { go() }
}

twin! {
    /// `self: Pin<&mut Self>` reborrowed with `as_mut()` to call another pinned method.
    p31a_pin_as_mut_chain {
        pub struct Counter {
            pub n: u32,
            pub t: Tracker,
        }
        impl Counter {
            lower! {
                pub async fn inc(mut self: Pin<&mut Self>) -> u32 {
                    self.n += leaf("inc", 1).await;
                    self.n
                }
            }
            lower! {
                pub async fn twice(mut self: Pin<&mut Self>) -> u32 {
                    let a = self.as_mut().inc().await;
                    let b = self.as_mut().inc().await;
                    a + b
                }
            }
        }
        pub async fn go() -> u32 {
            let mut c = Counter { n: 0, t: Tracker::new("c") };
            Pin::new(&mut c).twice().await
        }
    }
    run { go() }
}

twin! {
    /// Trait impl with `async fn` using `Self::CONST` and an associated function.
    p31a_trait_self_const {
        pub trait Limit {
            const MAX: u32;
            fn clamp(n: u32) -> u32;
            async fn apply(&mut self, n: u32) -> u32;
        }
        pub struct Svc {
            pub used: u32,
            pub t: Tracker,
        }
        impl Limit for Svc {
            const MAX: u32 = 10;
            fn clamp(n: u32) -> u32 {
                n.min(Self::MAX)
            }
            lower! {
                async fn apply(&mut self, n: u32) -> u32 {
                    let v = leaf("v", n).await;
                    self.used += Self::clamp(v);
                    step("s").await;
                    Self::MAX - self.used.min(Self::MAX)
                }
            }
        }
        pub async fn go() -> (u32, u32, u32) {
            let mut s = Svc { used: 0, t: Tracker::new("svc") };
            let a = s.apply(4).await;
            let b = s.apply(30).await;
            (a, b, s.used)
        }
    }
    run { go() }
}

twin! {
    /// Trait `async fn` building `Self { .. }` after awaits (a constructor in a trait).
    p31a_trait_self_literal {
        pub trait Load: Sized {
            async fn load(id: u32) -> Self;
        }
        #[derive(Debug)]
        pub struct User {
            pub id: u32,
            pub name: String,
            pub t: Tracker,
        }
        impl Load for User {
            lower! {
                async fn load(id: u32) -> Self {
                    let name = leaf("name", format!("u{id}")).await;
                    let t = Tracker::new("user");
                    step("s").await;
                    Self { id, name, t }
                }
            }
        }
        pub async fn go() -> String {
            let u = User::load(5).await;
            step("after").await;
            format!("{} {}", u.id, u.name)
        }
    }
    run { go() }
}

twin! {
    /// Inherent associated `async fn new() -> Self` with `Self::DEFAULT` and `Self { .. }`.
    p31a_assoc_new_self_literal {
        pub struct Pool {
            pub size: u32,
            pub conns: Vec<Tracker>,
        }
        impl Pool {
            pub const DEFAULT: u32 = 2;
            lower! {
                pub async fn new(extra: u32) -> Self {
                    let mut conns = vec![];
                    for _ in 0..Self::DEFAULT + extra {
                        step("open").await;
                        conns.push(Tracker::new("conn"));
                    }
                    Self { size: Self::DEFAULT + extra, conns }
                }
            }
        }
        pub async fn go() -> u32 {
            let p = Pool::new(1).await;
            step("use").await;
            p.size + p.conns.len() as u32
        }
    }
    run { go() }
}

twin! {
    /// Trait default `async fn` (lowered) calling a required one, `where Self: Sized`.
    p31a_trait_default_where_sized {
        pub trait Worker {
            async fn work(&mut self, n: u32) -> u32;
            async fn work_all(&mut self, ns: Vec<u32>) -> u32
            where
                Self: Sized,
            {
                let mut s = 0;
                for n in ns {
                    s += self.work(n).await;
                }
                s
            }
        }
        pub struct W {
            pub done: u32,
            pub t: Tracker,
        }
        impl Worker for W {
            lower! {
                async fn work(&mut self, n: u32) -> u32 {
                    self.done += 1;
                    leaf("w", n * self.done).await
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let mut w = W { done: 0, t: Tracker::new("w") };
            let s = w.work_all(vec![1, 2, 3]).await;
            (s, w.done)
        }
    }
    run { go() }
}

twin! {
    /// Lowered trait default method with `where Self: Sized` consuming `self`.
    p31a_trait_default_consume_sized {
        pub trait Finish {
            fn label(&self) -> String;
            async fn finish(self) -> String
            where
                Self: Sized;
        }
        pub struct Job {
            pub name: String,
            pub t: Tracker,
        }
        impl Finish for Job {
            fn label(&self) -> String {
                self.name.clone()
            }
            lower! {
                async fn finish(self) -> String
                where
                    Self: Sized,
                {
                    let l = self.label();
                    step("fin").await;
                    let n = leaf("n", 2).await;
                    format!("{l}{n}")
                }
            }
        }
        pub async fn go() -> String {
            let j = Job { name: "job".into(), t: Tracker::new("job") };
            let s = j.finish().await;
            step("after").await;
            s
        }
    }
    run { go() }
}

twin! {
    /// `Option<Box<Self>>` linked list walked with an await per node (`&self`).
    p31a_linked_list_walk {
        pub struct Node {
            pub v: u32,
            pub next: Option<Box<Node>>,
            pub t: Tracker,
        }
        impl Node {
            lower! {
                pub async fn sum(&self) -> u32 {
                    let mut cur = Some(self);
                    let mut s = 0;
                    while let Some(n) = cur {
                        s += leaf("v", n.v).await;
                        cur = n.next.as_deref();
                    }
                    s
                }
            }
        }
        pub async fn go() -> u32 {
            let l = Node { v: 1, t: Tracker::new("n1"), next: Some(Box::new(Node { v: 2, t: Tracker::new("n2"), next: Some(Box::new(Node { v: 3, t: Tracker::new("n3"), next: None })) })) };
            l.sum().await
        }
    }
    run { go() }
}

twin! {
    /// `Option<Box<Self>>` list mutated through `as_deref_mut()` across awaits.
    p31a_linked_list_mut_walk {
        pub struct Node {
            pub v: u32,
            pub next: Option<Box<Node>>,
        }
        impl Node {
            lower! {
                pub async fn bump_all(&mut self) -> u32 {
                    let mut cur = Some(self);
                    let mut k = 0;
                    while let Some(n) = cur {
                        k += 1;
                        n.v += leaf("add", k).await;
                        cur = n.next.as_deref_mut();
                    }
                    k
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut l = Node { v: 10, next: Some(Box::new(Node { v: 20, next: None })) };
            let k = l.bump_all().await;
            vec![k, l.v, l.next.as_ref().unwrap().v]
        }
    }
    run { go() }
}

twin! {
    /// Recursive lowered method on `Option<Box<Self>>` boxed with `Box::pin`.
    p31a_linked_list_recursive {
        pub struct Node {
            pub v: u32,
            pub next: Option<Box<Node>>,
            pub t: Tracker,
        }
        impl Node {
            lower! {
                pub async fn depth_sum(&self) -> u32 {
                    let here = leaf("v", self.v).await;
                    match &self.next {
                        Some(n) => here + Box::pin(n.depth_sum()).await,
                        None => here,
                    }
                }
            }
        }
        pub async fn go() -> u32 {
            let l = Node { v: 1, t: Tracker::new("a"), next: Some(Box::new(Node { v: 5, t: Tracker::new("b"), next: None })) };
            l.depth_sum().await
        }
    }
    run { go() }
}

twin! {
    /// Consuming walk over a `Box<Self>` list: `self.next` taken, node dropped per step.
    p31a_linked_list_consume {
        pub struct Node {
            pub v: u32,
            pub next: Option<Box<Node>>,
            pub t: Tracker,
        }
        impl Node {
            lower! {
                pub async fn drain(self) -> Vec<u32> {
                    let mut out = vec![];
                    let mut cur = Some(Box::new(self));
                    while let Some(mut n) = cur {
                        cur = n.next.take();
                        out.push(leaf("v", n.v).await);
                        log(format!("done {}", n.t.0));
                    }
                    out
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let l = Node { v: 1, t: Tracker::new("a"), next: Some(Box::new(Node { v: 2, t: Tracker::new("b"), next: None })) };
            let v = l.drain().await;
            step("end").await;
            v
        }
    }
    run { go() }
}

twin! {
    /// `mem::take(&mut self.buf)` then awaits per element, buffer refilled.
    p31a_mem_take_buf {
        pub struct Svc {
            pub buf: Vec<Tracker>,
            pub flushed: u32,
        }
        impl Svc {
            lower! {
                pub async fn flush(&mut self) -> u32 {
                    let buf = mem::take(&mut self.buf);
                    for t in buf {
                        step("write").await;
                        log(format!("wrote {}", t.0));
                        self.flushed += 1;
                    }
                    self.buf.push(Tracker::new("fresh"));
                    self.flushed
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = Svc { buf: vec![Tracker::new("a"), Tracker::new("b")], flushed: 0 };
            let n = s.flush().await;
            step("end").await;
            n
        }
    }
    run { go() }
}

twin! {
    /// `mem::replace(&mut self.cur, new)` across an await, the old value dropped after it.
    p31a_mem_replace_tracker {
        pub struct Svc {
            pub cur: Tracker,
            pub generation: u32,
        }
        impl Svc {
            lower! {
                pub async fn rotate(&mut self, next: &'static str) -> &'static str {
                    let old = mem::replace(&mut self.cur, Tracker::new(next));
                    self.generation += leaf("gen", 1).await;
                    let name = old.0;
                    step("s").await;
                    drop(old);
                    name
                }
            }
        }
        pub async fn go() -> (Vec<&'static str>, u32) {
            let mut s = Svc { cur: Tracker::new("t0"), generation: 0 };
            let a = s.rotate("t1").await;
            let b = s.rotate("t2").await;
            (vec![a, b, s.cur.0], s.generation)
        }
    }
    run { go() }
}

twin! {
    /// `self.slot.take()` on an `Option<Tracker>` field across awaits, put back at the end.
    p31a_option_take_put_back {
        pub struct Svc {
            pub slot: Option<Tracker>,
            pub n: u32,
        }
        impl Svc {
            lower! {
                pub async fn borrow_slot(&mut self) -> bool {
                    let Some(t) = self.slot.take() else {
                        step("empty").await;
                        return false;
                    };
                    self.n += leaf("n", 1).await;
                    log(format!("using {}", t.0));
                    self.slot = Some(t);
                    true
                }
            }
        }
        pub async fn go() -> (bool, bool, u32) {
            let mut s = Svc { slot: Some(Tracker::new("slot")), n: 0 };
            let a = s.borrow_slot().await;
            s.slot = None;
            let b = s.borrow_slot().await;
            (a, b, s.n)
        }
    }
    run { go() }
}

twin! {
    /// `Drop` on the receiver's type: `self` by value drops at the end of the method.
    p31a_drop_self_at_end {
        pub struct Svc {
            pub name: &'static str,
            pub inner: Tracker,
        }
        impl Drop for Svc {
            fn drop(&mut self) {
                log(format!("drop svc {}", self.name));
            }
        }
        impl Svc {
            lower! {
                pub async fn close(self) -> u32 {
                    step("flush").await;
                    let n = leaf("n", 3).await;
                    log(format!("closing {}", self.name));
                    n
                }
            }
        }
        pub async fn go() -> u32 {
            let s = Svc { name: "a", inner: Tracker::new("inner") };
            let n = s.close().await;
            step("after").await;
            n
        }
    }
    run { go() }
}

twin! {
    /// `Drop` on the receiver's type with an early `return` between awaits.
    p31a_drop_self_early_return {
        pub struct Svc {
            pub name: &'static str,
            pub inner: Tracker,
        }
        impl Drop for Svc {
            fn drop(&mut self) {
                log(format!("drop svc {}", self.name));
            }
        }
        impl Svc {
            lower! {
                pub async fn close(self, fail: bool) -> Result<u32, String> {
                    step("begin").await;
                    if fail {
                        return Err(format!("fail {}", self.name));
                    }
                    let n = leaf("n", 3).await;
                    Ok(n)
                }
            }
        }
        pub async fn go() -> (Result<u32, String>, Result<u32, String>) {
            let a = Svc { name: "a", inner: Tracker::new("ia") }.close(true).await;
            let b = Svc { name: "b", inner: Tracker::new("ib") }.close(false).await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// `Drop` on `self`'s type, method cancelled at each await by a `select`-like race.
    p31a_drop_self_cancel {
        pub struct Svc {
            pub name: &'static str,
            pub inner: Tracker,
        }
        impl Drop for Svc {
            fn drop(&mut self) {
                log(format!("drop svc {}", self.name));
            }
        }
        impl Svc {
            lower! {
                pub async fn serve(self) -> u32 {
                    let t = Tracker::new("local");
                    step("a").await;
                    let n = leaf("b", 2).await;
                    step("c").await;
                    drop(t);
                    n
                }
            }
        }
    }
    run { Svc { name: "s", inner: Tracker::new("inner") }.serve() }
}

twin! {
    /// `&mut self` on a `Drop` type with locals borrowing fields; cancellation mid-way.
    p31a_drop_type_mut_borrow {
        pub struct Svc {
            pub items: Vec<u32>,
            pub t: Tracker,
        }
        impl Drop for Svc {
            fn drop(&mut self) {
                log(format!("drop svc with {}", self.items.len()));
            }
        }
        impl Svc {
            lower! {
                pub async fn push_some(&mut self) -> usize {
                    let items = &mut self.items;
                    items.push(leaf("a", 1).await);
                    items.push(leaf("b", 2).await);
                    items.len()
                }
            }
        }
        pub async fn go() -> usize {
            let mut s = Svc { items: vec![], t: Tracker::new("t") };
            let n = s.push_some().await;
            step("after").await;
            n + s.items.len()
        }
    }
    run { go() }
}

twin! {
    /// Generic `impl<T: Debug> Svc<T>` with a `&mut self` method storing awaited `T`s.
    p31a_generic_debug_svc {
        pub struct Svc<T> {
            pub items: Vec<T>,
            pub t: Tracker,
        }
        impl<T: Debug> Svc<T> {
            lower! {
                pub async fn add(&mut self, x: T) -> String {
                    let x = leaf("x", x).await;
                    self.items.push(x);
                    step("s").await;
                    format!("{:?}", self.items)
                }
            }
        }
        pub async fn go() -> (String, String) {
            let mut s = Svc { items: vec![], t: Tracker::new("svc") };
            let a = s.add(Tracker::new("x1")).await;
            let b = s.add(Tracker::new("x2")).await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// Generic `impl<T: Debug + Clone> Svc<T>` returning `&T` from a lowered method.
    p31a_generic_returns_ref {
        pub struct Svc<T> {
            pub items: Vec<T>,
            pub t: Tracker,
        }
        impl<T: Debug + Clone> Svc<T> {
            lower! {
                pub async fn last(&self) -> Option<&T> {
                    step("look").await;
                    self.items.last()
                }
            }
            lower! {
                pub async fn show(&self) -> String {
                    let l = self.last().await;
                    let n = leaf("n", self.items.len()).await;
                    format!("{:?}/{n}", l)
                }
            }
        }
        pub async fn go() -> String {
            let s = Svc { items: vec!["a".to_string(), "b".to_string()], t: Tracker::new("svc") };
            s.show().await
        }
    }
    run { go() }
}

twin! {
    /// A struct holding `Vec<Box<dyn Fn(u32) -> u32>>` called across awaits.
    p31a_dyn_fn_vec {
        pub struct Pipeline {
            pub stages: Vec<Box<dyn Fn(u32) -> u32>>,
            pub t: Tracker,
        }
        impl Pipeline {
            lower! {
                pub async fn run(&self, x: u32) -> u32 {
                    let mut v = x;
                    for f in &self.stages {
                        let y = leaf("in", v).await;
                        v = f(y);
                    }
                    v
                }
            }
        }
        pub async fn go() -> u32 {
            let p = Pipeline { stages: vec![Box::new(|x| x + 1), Box::new(|x| x * 10), Box::new(move |x| x - 3)], t: Tracker::new("p") };
            p.run(2).await
        }
    }
    run { go() }
}

twin! {
    /// `(self.stages[i])(v)` indexing the boxed closure with a held reference across awaits.
    p31a_dyn_fn_index_call {
        pub struct Pipeline {
            pub stages: Vec<Box<dyn Fn(u32) -> u32>>,
            pub calls: u32,
        }
        impl Pipeline {
            lower! {
                pub async fn run(&mut self, x: u32) -> u32 {
                    let f = &self.stages[0];
                    let a = f(leaf("a", x).await);
                    let b = f(leaf("b", a).await);
                    self.calls += 2;
                    (self.stages[1])(b)
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let k = 7;
            let mut p = Pipeline { stages: vec![Box::new(|x| x * 2), Box::new(move |x| x + k)], calls: 0 };
            let r = p.run(1).await;
            (r, p.calls)
        }
    }
    run { go() }
}

twin! {
    /// Pushing a new boxed closure capturing an awaited value into `self.stages`.
    p31a_dyn_fn_push_captured {
        pub struct Pipeline {
            pub stages: Vec<Box<dyn Fn(u32) -> u32>>,
            pub t: Tracker,
        }
        impl Pipeline {
            lower! {
                pub async fn add_offset(&mut self) -> usize {
                    let off = leaf("off", 5).await;
                    self.stages.push(Box::new(move |x| x + off));
                    step("s").await;
                    self.stages.len()
                }
            }
            lower! {
                pub async fn apply(&self, x: u32) -> u32 {
                    step("apply").await;
                    self.stages.iter().fold(x, |acc, f| f(acc))
                }
            }
        }
        pub async fn go() -> (usize, u32) {
            let mut p = Pipeline { stages: vec![Box::new(|x| x * 3)], t: Tracker::new("p") };
            let n = p.add_offset().await;
            let r = p.apply(2).await;
            (n, r)
        }
    }
    run { go() }
}

twin! {
    /// Service `&mut self` loop popping a queue field and updating a stats field per item.
    p31a_queue_and_stats {
        pub struct Svc {
            pub queue: VecDeque<Tracker>,
            pub done: Vec<&'static str>,
            pub errors: u32,
        }
        impl Svc {
            lower! {
                pub async fn drain(&mut self) -> usize {
                    while let Some(job) = self.queue.pop_front() {
                        let ok = leaf("run", job.0.len() % 2 == 0).await;
                        if ok {
                            self.done.push(job.0);
                        } else {
                            self.errors += 1;
                        }
                        step("next").await;
                    }
                    self.done.len()
                }
            }
        }
        pub async fn go() -> (usize, u32) {
            let mut s = Svc { queue: VecDeque::from(vec![Tracker::new("ab"), Tracker::new("c"), Tracker::new("de")]), done: vec![], errors: 0 };
            let n = s.drain().await;
            (n, s.errors)
        }
    }
    run { go() }
}

twin! {
    /// Reference into a map value (`get`) held across an await, then a write to another field.
    p31a_map_get_then_other_field {
        pub struct Svc {
            pub users: BTreeMap<u32, String>,
            pub seen: Vec<String>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn visit(&mut self, id: u32) -> Option<usize> {
                    let name = self.users.get(&id)?;
                    let greeting = leaf("greet", format!("hello {name}")).await;
                    self.seen.push(greeting);
                    step("s").await;
                    Some(self.seen.len())
                }
            }
        }
        pub async fn go() -> (Option<usize>, Option<usize>, Vec<String>) {
            let mut users = BTreeMap::new();
            users.insert(1, "ann".to_string());
            let mut s = Svc { users, seen: vec![], t: Tracker::new("svc") };
            let a = s.visit(1).await;
            let b = s.visit(2).await;
            (a, b, s.seen.clone())
        }
    }
    run { go() }
}

twin! {
    /// `name` borrowed from a map key while the map value is awaited on, `?` on an awaited Result.
    p31a_map_entry_or_insert {
        pub struct Svc {
            pub counts: HashMap<String, u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn count(&mut self, key: &str) -> Result<u32, String> {
                    let k = leaf("key", key.to_string()).await;
                    if k.is_empty() {
                        return Err("empty".into());
                    }
                    let c = self.counts.entry(k).or_insert(0);
                    *c += leaf("inc", 1).await;
                    Ok(*c)
                }
            }
            lower! {
                pub async fn count_all(&mut self, keys: &[&str]) -> Result<u32, String> {
                    let mut last = 0;
                    for k in keys {
                        last = self.count(k).await?;
                    }
                    Ok(last)
                }
            }
        }
        pub async fn go() -> (Result<u32, String>, Result<u32, String>) {
            let mut s = Svc { counts: HashMap::new(), t: Tracker::new("svc") };
            let a = s.count_all(&["x", "y", "x"]).await;
            let b = s.count_all(&["x", "", "y"]).await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// `iter_mut()` over `self.entries` with an await per element writing through it.
    p31a_iter_mut_entries {
        pub struct Svc {
            pub entries: Vec<(Tracker, u32)>,
            pub rounds: u32,
        }
        impl Svc {
            lower! {
                pub async fn refresh(&mut self) -> u32 {
                    self.rounds += 1;
                    for (t, n) in self.entries.iter_mut() {
                        *n = leaf("fresh", *n + self.rounds).await;
                        log(format!("refreshed {}", t.0));
                    }
                    self.entries.iter().map(|e| e.1).sum()
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = Svc { entries: vec![(Tracker::new("e1"), 1), (Tracker::new("e2"), 2)], rounds: 0 };
            s.refresh().await + s.refresh().await
        }
    }
    run { go() }
}

twin! {
    /// A `&mut` to one vector element kept across an await while another field is mutated.
    p31a_elem_ref_and_counter {
        pub struct Svc {
            pub slots: Vec<String>,
            pub ops: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn append(&mut self, i: usize, s: &str) -> String {
                    let slot = &mut self.slots[i];
                    self.ops += 1;
                    let piece = leaf("piece", s.to_uppercase()).await;
                    slot.push_str(&piece);
                    self.ops += 1;
                    step("s").await;
                    slot.clone()
                }
            }
        }
        pub async fn go() -> (String, String, u32) {
            let mut s = Svc { slots: vec!["a".into(), "b".into()], ops: 0, t: Tracker::new("svc") };
            let x = s.append(0, "x").await;
            let y = s.append(1, "yz").await;
            (x, y, s.ops)
        }
    }
    run { go() }
}

twin! {
    /// `let Self { a, b, .. } = self;` destructuring `&mut self` into field borrows across awaits.
    p31a_destructure_mut_self {
        pub struct Svc {
            pub a: Vec<u32>,
            pub b: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn mix(&mut self) -> u32 {
                    let Self { a, b, .. } = self;
                    *b += leaf("b", 1).await;
                    a.push(*b);
                    step("s").await;
                    a.iter().sum::<u32>() + *b
                }
            }
        }
        pub async fn go() -> (u32, u32, Vec<u32>) {
            let mut s = Svc { a: vec![10], b: 0, t: Tracker::new("svc") };
            let x = s.mix().await;
            let y = s.mix().await;
            (x, y, s.a.clone())
        }
    }
    run { go() }
}

twin! {
    /// `let Self { name, parts } = self;` destructuring `self` by value, parts dropped between awaits.
    p31a_destructure_self_value {
        pub struct Msg {
            pub name: Tracker,
            pub parts: Vec<Tracker>,
        }
        impl Msg {
            lower! {
                pub async fn consume(self) -> usize {
                    let Self { name, parts } = self;
                    step("a").await;
                    let n = parts.len();
                    drop(parts);
                    step("b").await;
                    log(format!("name {}", name.0));
                    n + leaf("n", 1).await
                }
            }
        }
    }
    run { Msg { name: Tracker::new("name"), parts: vec![Tracker::new("p1"), Tracker::new("p2")] }.consume() }
}

twin! {
    /// `match self { Self { a, b } => .. }` on `&self` binding refs held across awaits.
    p31a_match_ref_self {
        pub struct Svc {
            pub a: Tracker,
            pub b: u32,
        }
        impl Svc {
            lower! {
                pub async fn show(&self) -> String {
                    match self {
                        Self { a, b } => {
                            let k = leaf("k", *b).await;
                            step("s").await;
                            format!("{}:{k}", a.0)
                        }
                    }
                }
            }
        }
        pub async fn go() -> String {
            let s = Svc { a: Tracker::new("a"), b: 9 };
            s.show().await
        }
    }
    run { go() }
}

twin! {
    /// An enum service state matched on `&mut self` with the state replaced after awaits.
    p31a_enum_state_mut_self {
        pub enum Conn {
            Idle(Tracker),
            Busy { job: Tracker, n: u32 },
            Closed,
        }
        impl Conn {
            lower! {
                pub async fn advance(&mut self) -> &'static str {
                    match self {
                        Conn::Idle(t) => {
                            step("start").await;
                            let name = t.0;
                            *self = Conn::Busy { job: Tracker::new("job"), n: 0 };
                            name
                        }
                        Conn::Busy { n, .. } => {
                            *n += leaf("work", 1).await;
                            if *n >= 2 {
                                *self = Conn::Closed;
                                "closed"
                            } else {
                                "busy"
                            }
                        }
                        Conn::Closed => "done",
                    }
                }
            }
        }
        pub async fn go() -> Vec<&'static str> {
            let mut c = Conn::Idle(Tracker::new("idle"));
            let mut out = vec![];
            for _ in 0..5 {
                out.push(c.advance().await);
            }
            out
        }
    }
    run { go() }
}

twin! {
    /// A method taking `&mut self` and a second `&mut` to another object, both touched across awaits.
    p31a_two_mut_objects {
        pub struct Acct {
            pub bal: i32,
            pub t: Tracker,
        }
        impl Acct {
            lower! {
                pub async fn transfer(&mut self, to: &mut Acct, amt: i32) -> bool {
                    let ok = leaf("check", self.bal >= amt).await;
                    if !ok {
                        return false;
                    }
                    self.bal -= amt;
                    step("commit").await;
                    to.bal += amt;
                    true
                }
            }
        }
        pub async fn go() -> (bool, bool, i32, i32) {
            let mut a = Acct { bal: 10, t: Tracker::new("a") };
            let mut b = Acct { bal: 0, t: Tracker::new("b") };
            let x = a.transfer(&mut b, 7).await;
            let y = a.transfer(&mut b, 7).await;
            (x, y, a.bal, b.bal)
        }
    }
    run { go() }
}

twin! {
    /// A nested service: `self.inner.step().await` on a field that has its own lowered method.
    p31a_nested_field_method {
        pub struct Inner {
            pub n: u32,
            pub t: Tracker,
        }
        impl Inner {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    self.n += leaf("inner", 1).await;
                    self.n
                }
            }
        }
        pub struct Outer {
            pub inner: Inner,
            pub log: Vec<u32>,
        }
        impl Outer {
            lower! {
                pub async fn run(&mut self) -> usize {
                    for _ in 0..3 {
                        let v = self.inner.step().await;
                        self.log.push(v * 10);
                    }
                    self.log.len()
                }
            }
        }
        pub async fn go() -> (usize, Vec<u32>) {
            let mut o = Outer { inner: Inner { n: 0, t: Tracker::new("inner") }, log: vec![] };
            let n = o.run().await;
            (n, o.log.clone())
        }
    }
    run { go() }
}

twin! {
    /// A reference to `self.log` held while `self.inner.step().await` borrows another field.
    p31a_nested_field_disjoint {
        pub struct Inner {
            pub n: u32,
        }
        impl Inner {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    self.n += leaf("inner", 2).await;
                    self.n
                }
            }
        }
        pub struct Outer {
            pub inner: Inner,
            pub log: Vec<u32>,
            pub t: Tracker,
        }
        impl Outer {
            lower! {
                pub async fn run(&mut self) -> Vec<u32> {
                    let log = &mut self.log;
                    while log.len() < 3 {
                        log.push(self.inner.step().await);
                    }
                    log.clone()
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut o = Outer { inner: Inner { n: 0 }, log: vec![], t: Tracker::new("o") };
            o.run().await
        }
    }
    run { go() }
}

twin! {
    /// Service method with a `Drop` guard local restoring a field flag (`busy`) on exit.
    p31a_guard_local_restores {
        pub struct Svc {
            pub busy: Cell<bool>,
            pub t: Tracker,
        }
        pub struct Busy<'a>(pub &'a Cell<bool>);
        impl Drop for Busy<'_> {
            fn drop(&mut self) {
                log("unbusy");
                self.0.set(false);
            }
        }
        impl Svc {
            lower! {
                pub async fn call(&self, n: u32) -> u32 {
                    if self.busy.get() {
                        return 0;
                    }
                    self.busy.set(true);
                    let _g = Busy(&self.busy);
                    let v = leaf("v", n).await;
                    step("s").await;
                    v * 2
                }
            }
        }
        pub async fn go() -> (u32, bool) {
            let s = Svc { busy: Cell::new(false), t: Tracker::new("svc") };
            let a = s.call(4).await;
            (a, s.busy.get())
        }
    }
    run { go() }
}

twin! {
    /// `RefCell` field borrowed mutably in a block before an await, then again after.
    p31a_refcell_field_blocks {
        pub struct Svc {
            pub cache: RefCell<Vec<u32>>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn add(&self, n: u32) -> usize {
                    self.cache.borrow_mut().push(n);
                    let v = leaf("v", n + 1).await;
                    self.cache.borrow_mut().push(v);
                    step("s").await;
                    self.cache.borrow().len()
                }
            }
        }
        pub async fn go() -> (usize, usize) {
            let s = Rc::new(Svc { cache: RefCell::new(vec![]), t: Tracker::new("svc") });
            let a = s.add(1).await;
            let b = s.clone().add(5).await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// `self: Rc<Self>` method cloning itself into a second lowered call.
    p31a_rc_self_receiver {
        pub struct Svc {
            pub name: &'static str,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn ping(self: Rc<Self>, n: u32) -> String {
                    let v = leaf("ping", n).await;
                    log(format!("count {}", Rc::strong_count(&self)));
                    format!("{}{v}", self.name)
                }
            }
            lower! {
                pub async fn twice(self: Rc<Self>) -> String {
                    let a = self.clone().ping(1).await;
                    step("mid").await;
                    let b = self.ping(2).await;
                    a + &b
                }
            }
        }
    }
    run { Rc::new(Svc { name: "s", t: Tracker::new("svc") }).twice() }
}

twin! {
    /// `self: Arc<Self>` method reading fields across awaits.
    p31a_arc_self_receiver {
        pub struct Svc {
            pub base: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn compute(self: Arc<Self>, n: u32) -> u32 {
                    let x = leaf("x", n).await;
                    step("s").await;
                    self.base + x + Arc::strong_count(&self) as u32
                }
            }
        }
        pub async fn go() -> u32 {
            let s = Arc::new(Svc { base: 100, t: Tracker::new("svc") });
            let a = s.clone().compute(1).await;
            let b = s.compute(2).await;
            a * 1000 + b
        }
    }
    run { go() }
}

twin! {
    /// `&self` method on an `Rc<RefCell<Svc>>`: borrow_mut in statements only, awaits between.
    p31a_rc_refcell_svc {
        pub struct Svc {
            pub n: u32,
            pub t: Tracker,
        }
        impl Svc {
            fn bump(&mut self, k: u32) -> u32 {
                self.n += k;
                self.n
            }
        }
        lower! {
            pub async fn drive(s: Rc<RefCell<Svc>>) -> u32 {
                let a = s.borrow_mut().bump(leaf("k1", 1).await);
                step("s").await;
                let b = s.borrow_mut().bump(leaf("k2", 2).await);
                a * 10 + b
            }
        }
    }
    run { drive(Rc::new(RefCell::new(Svc { n: 0, t: Tracker::new("svc") }))) }
}

twin! {
    /// Generic `impl<T: Debug + Default> Svc<T>`: `mem::take` of a `T` field across awaits.
    p31a_generic_mem_take {
        pub struct Svc<T> {
            pub cur: T,
            pub history: Vec<T>,
        }
        impl<T: Debug + Default> Svc<T> {
            lower! {
                pub async fn rotate(&mut self, next: T) -> String {
                    let old = mem::take(&mut self.cur);
                    let next = leaf("next", next).await;
                    self.cur = next;
                    let s = format!("{:?}", old);
                    self.history.push(old);
                    step("s").await;
                    s
                }
            }
        }
        pub async fn go() -> (String, String, usize) {
            let mut s = Svc { cur: vec![Tracker::new("v0")], history: vec![] };
            let a = s.rotate(vec![Tracker::new("v1")]).await;
            let b = s.rotate(vec![]).await;
            (a, b, s.history.len())
        }
    }
    run { go() }
}

twin! {
    /// Generic `impl<T> Svc<T> where T: Display` method returning `&T` after awaits.
    p31a_generic_where_display_ref {
        pub struct Svc<T> {
            pub items: Vec<T>,
            pub t: Tracker,
        }
        impl<T> Svc<T>
        where
            T: Display,
        {
            lower! {
                pub async fn longest(&self) -> Option<&T> {
                    let mut best: Option<&T> = None;
                    for it in &self.items {
                        let len = leaf("len", it.to_string().len()).await;
                        if best.map_or(true, |b| b.to_string().len() < len) {
                            best = Some(it);
                        }
                    }
                    best
                }
            }
        }
        pub async fn go() -> String {
            let s = Svc { items: vec![12u32, 3456, 7], t: Tracker::new("svc") };
            let b = s.longest().await;
            step("s").await;
            format!("{:?}", b)
        }
    }
    run { go() }
}

twin! {
    /// `self.count += self.step().await;`: compound assignment whose right side awaits a `&mut self` method.
    p31a_compound_assign_self_method {
        pub struct Svc {
            pub count: u32,
            pub n: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    self.n += 1;
                    leaf("step", self.n).await
                }
            }
            lower! {
                pub async fn run(&mut self) -> u32 {
                    self.count += self.step().await;
                    self.count += self.step().await;
                    self.count
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = Svc { count: 100, n: 0, t: Tracker::new("svc") };
            s.run().await
        }
    }
    run { go() }
}

twin! {
    /// `self.items.push(leaf(.., self.items.len()).await)`: two-phase borrow across an await.
    p31a_two_phase_push_await {
        pub struct Svc {
            pub items: Vec<usize>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn grow(&mut self) -> usize {
                    self.items.push(leaf("len", self.items.len()).await);
                    self.items.push(leaf("len2", self.items.len() * 10).await);
                    self.items.len()
                }
            }
        }
        pub async fn go() -> (usize, Vec<usize>) {
            let mut s = Svc { items: vec![7], t: Tracker::new("svc") };
            let n = s.grow().await;
            (n, s.items.clone())
        }
    }
    run { go() }
}

twin! {
    /// `self.items[self.pos] = leaf(..).await;` index assignment with an awaited right side.
    p31a_index_assign_await {
        pub struct Svc {
            pub items: Vec<u32>,
            pub pos: usize,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn write(&mut self, v: u32) -> usize {
                    self.items[self.pos] = leaf("v", v).await;
                    self.pos += 1;
                    self.items[self.pos] += leaf("w", v * 2).await;
                    self.pos
                }
            }
        }
        pub async fn go() -> (usize, Vec<u32>) {
            let mut s = Svc { items: vec![1, 2, 3], pos: 0, t: Tracker::new("svc") };
            let p = s.write(5).await;
            (p, s.items.clone())
        }
    }
    run { go() }
}

twin! {
    /// `self.map.insert(k, leaf(.., self.map.len()).await)`: map receiver reserved across an await.
    p31a_map_insert_await_arg {
        pub struct Svc {
            pub map: BTreeMap<u32, usize>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn add(&mut self, k: u32) -> Option<usize> {
                    self.map.insert(k, leaf("len", self.map.len()).await)
                }
            }
        }
        pub async fn go() -> (Option<usize>, Option<usize>, Option<usize>) {
            let mut s = Svc { map: BTreeMap::new(), t: Tracker::new("svc") };
            let a = s.add(1).await;
            let b = s.add(2).await;
            let c = s.add(1).await;
            (a, b, c)
        }
    }
    run { go() }
}

twin! {
    /// `self.items.drain(..)` iterated with an await per element; the rest drops on cancellation.
    p31a_drain_field_loop {
        pub struct Svc {
            pub items: Vec<Tracker>,
            pub done: u32,
        }
        impl Svc {
            lower! {
                pub async fn flush(&mut self) -> u32 {
                    for t in self.items.drain(..) {
                        step("write").await;
                        log(format!("flushed {}", t.0));
                    }
                    self.done += 1;
                    self.done
                }
            }
        }
        pub async fn go() -> (u32, usize) {
            let mut s = Svc { items: vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")], done: 0 };
            let n = s.flush().await;
            (n, s.items.len())
        }
    }
    run { go() }
}

twin! {
    /// A `Drain` of part of `self.items` held in a local, `next()` across awaits, early break.
    p31a_drain_range_local_break {
        pub struct Svc {
            pub items: Vec<Tracker>,
        }
        impl Svc {
            lower! {
                pub async fn take_two(&mut self) -> Vec<&'static str> {
                    let mut out = vec![];
                    let mut d = self.items.drain(1..);
                    while let Some(t) = d.next() {
                        let keep = leaf("keep", out.len() < 1).await;
                        if !keep {
                            break;
                        }
                        out.push(t.0);
                    }
                    drop(d);
                    step("after").await;
                    out.push("end");
                    out
                }
            }
        }
        pub async fn go() -> (Vec<&'static str>, usize) {
            let mut s = Svc { items: vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d")] };
            let v = s.take_two().await;
            (v, s.items.len())
        }
    }
    run { go() }
}

twin! {
    /// `let this = &mut *self;` reborrow used across awaits, then `self` used again.
    p31a_reborrow_self_local {
        pub struct Svc {
            pub a: u32,
            pub b: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    {
                        let this = &mut *self;
                        this.a += leaf("a", 1).await;
                        this.b += leaf("b", 2).await;
                    }
                    step("s").await;
                    self.a * 10 + self.b
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = Svc { a: 0, b: 0, t: Tracker::new("svc") };
            s.run().await + s.run().await
        }
    }
    run { go() }
}

twin! {
    /// `let this = self;` moving the `&mut self` reference into a local used across awaits.
    p31a_move_mut_self_into_local {
        pub struct Svc {
            pub v: Vec<u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn run(&mut self) -> usize {
                    let this = self;
                    this.v.push(leaf("a", 1).await);
                    step("s").await;
                    this.v.push(2);
                    this.v.len()
                }
            }
        }
        pub async fn go() -> usize {
            let mut s = Svc { v: vec![], t: Tracker::new("svc") };
            s.run().await
        }
    }
    run { go() }
}

twin! {
    /// `let Self { ref mut a, ref b, .. } = *self;` ref patterns on `*self` across awaits.
    p31a_ref_pattern_deref_self {
        pub struct Svc {
            pub a: Vec<u32>,
            pub b: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn run(&mut self) -> usize {
                    let Self { ref mut a, ref b, .. } = *self;
                    a.push(leaf("x", *b).await);
                    step("s").await;
                    a.push(*b + 1);
                    a.len()
                }
            }
        }
        pub async fn go() -> (usize, Vec<u32>) {
            let mut s = Svc { a: vec![], b: 4, t: Tracker::new("svc") };
            let n = s.run().await;
            (n, s.a.clone())
        }
    }
    run { go() }
}

twin! {
    /// `match *self { Self { ref mut n, .. } => .. }` with awaits in the arm.
    p31a_match_deref_self_ref_mut {
        pub struct Svc {
            pub n: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    match *self {
                        Self { ref mut n, .. } if *n < 100 => {
                            *n += leaf("n", 5).await;
                            step("s").await;
                            *n
                        }
                        _ => 0,
                    }
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let mut s = Svc { n: 1, t: Tracker::new("svc") };
            let a = s.run().await;
            let b = s.run().await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// A closure borrowing `self.base` held across awaits and called after each.
    p31a_closure_borrows_field {
        pub struct Svc {
            pub base: u32,
            pub out: Vec<u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn run(&mut self) -> Vec<u32> {
                    let base = self.base;
                    let add = |x: u32| x + base;
                    for i in 0..3 {
                        let v = leaf("v", i).await;
                        self.out.push(add(v));
                    }
                    self.out.clone()
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut s = Svc { base: 10, out: vec![], t: Tracker::new("svc") };
            s.run().await
        }
    }
    run { go() }
}

twin! {
    /// A closure capturing `&self` (`|x| x * self.k`) held across awaits in a `&self` method.
    p31a_closure_captures_self_ref {
        pub struct Svc {
            pub k: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn scale(&self, xs: Vec<u32>) -> Vec<u32> {
                    let f = |x: u32| x * self.k;
                    let mut out = vec![];
                    for x in xs {
                        out.push(f(leaf("x", x).await));
                    }
                    out
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let s = Svc { k: 3, t: Tracker::new("svc") };
            s.scale(vec![1, 2, 3]).await
        }
    }
    run { go() }
}

twin! {
    /// A lazy `self.items.iter().filter(|x| **x > self.min)` held across awaits.
    p31a_lazy_filter_iter_self {
        pub struct Svc {
            pub items: Vec<u32>,
            pub min: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn big(&self) -> Vec<u32> {
                    let mut it = self.items.iter().filter(|x| **x > self.min);
                    let mut out = vec![];
                    while let Some(x) = it.next() {
                        out.push(leaf("x", *x).await);
                    }
                    out
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let s = Svc { items: vec![1, 5, 2, 8, 9], min: 3, t: Tracker::new("svc") };
            s.big().await
        }
    }
    run { go() }
}

twin! {
    /// `mem::swap(&mut self.front, &mut self.back)` between awaits on trackers.
    p31a_mem_swap_fields {
        pub struct Svc {
            pub front: Vec<Tracker>,
            pub back: Vec<Tracker>,
        }
        impl Svc {
            lower! {
                pub async fn flip(&mut self) -> usize {
                    self.back.push(Tracker::new(leaf("name", "new").await));
                    mem::swap(&mut self.front, &mut self.back);
                    step("s").await;
                    self.back.clear();
                    step("t").await;
                    self.front.len()
                }
            }
        }
        pub async fn go() -> usize {
            let mut s = Svc { front: vec![Tracker::new("f")], back: vec![Tracker::new("b")] };
            s.flip().await
        }
    }
    run { go() }
}

twin! {
    /// `let Some(e) = self.entries.get_mut(i) else { return .. };` held across awaits.
    p31a_let_else_get_mut {
        pub struct Svc {
            pub entries: Vec<String>,
            pub misses: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn edit(&mut self, i: usize) -> Option<String> {
                    let Some(e) = self.entries.get_mut(i) else {
                        self.misses += 1;
                        step("miss").await;
                        return None;
                    };
                    e.push_str(leaf("suffix", "!").await);
                    step("s").await;
                    Some(e.clone())
                }
            }
        }
        pub async fn go() -> (Option<String>, Option<String>, u32) {
            let mut s = Svc { entries: vec!["a".into()], misses: 0, t: Tracker::new("svc") };
            let a = s.edit(0).await;
            let b = s.edit(3).await;
            (a, b, s.misses)
        }
    }
    run { go() }
}

twin! {
    /// `async fn find_mut(&mut self, k) -> Option<&mut V>` used by a caller across awaits with `?`.
    p31a_find_mut_option_ref {
        pub struct Svc {
            pub map: HashMap<u32, Vec<u32>>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn find_mut(&mut self, k: u32) -> Option<&mut Vec<u32>> {
                    step("find").await;
                    self.map.get_mut(&k)
                }
            }
            lower! {
                pub async fn append(&mut self, k: u32, v: u32) -> Option<usize> {
                    let list = self.find_mut(k).await?;
                    list.push(leaf("v", v).await);
                    Some(list.len())
                }
            }
        }
        pub async fn go() -> (Option<usize>, Option<usize>) {
            let mut map = HashMap::new();
            map.insert(1, vec![0]);
            let mut s = Svc { map, t: Tracker::new("svc") };
            let a = s.append(1, 9).await;
            let b = s.append(2, 9).await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// `async fn get<'a>(&'a self, key: &str) -> Option<&'a str>` with an explicit lifetime.
    p31a_explicit_lifetime_self_ref {
        pub struct Svc {
            pub pairs: Vec<(String, String)>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn get<'a>(&'a self, key: &str) -> Option<&'a str> {
                    let k = leaf("k", key.to_string()).await;
                    self.pairs.iter().find(|(a, _)| *a == k).map(|(_, b)| b.as_str())
                }
            }
        }
        pub async fn go() -> (Option<String>, Option<String>) {
            let s = Svc { pairs: vec![("a".into(), "1".into()), ("b".into(), "2".into())], t: Tracker::new("svc") };
            let key = String::from("b");
            let b = s.get(&key).await;
            drop(key);
            let z = s.get("z").await;
            (b.map(String::from), z.map(String::from))
        }
    }
    run { go() }
}

twin! {
    /// `async fn pick<'a>(&'a self, other: &'a Self) -> &'a Self` choosing between two objects.
    p31a_pick_between_selves {
        pub struct Svc {
            pub load: u32,
            pub name: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn pick<'a>(&'a self, other: &'a Self) -> &'a Self {
                    let a = leaf("a", self.load).await;
                    let b = leaf("b", other.load).await;
                    if a <= b { self } else { other }
                }
            }
        }
        pub async fn go() -> &'static str {
            let x = Svc { load: 5, name: Tracker::new("x") };
            let y = Svc { load: 2, name: Tracker::new("y") };
            let p = x.pick(&y).await;
            step("after").await;
            p.name.0
        }
    }
    run { go() }
}

twin! {
    /// Appending at the tail of an `Option<Box<Self>>` list, walking with awaits.
    p31a_list_push_back {
        pub struct Node {
            pub v: u32,
            pub next: Option<Box<Node>>,
        }
        impl Node {
            lower! {
                pub async fn push_back(&mut self, v: u32) -> u32 {
                    let mut cur = self;
                    let mut depth = 0;
                    while cur.next.is_some() {
                        step("hop").await;
                        depth += 1;
                        cur = cur.next.as_mut().unwrap();
                    }
                    cur.next = Some(Box::new(Node { v: leaf("v", v).await, next: None }));
                    depth
                }
            }
            pub fn values(&self) -> Vec<u32> {
                let mut out = vec![self.v];
                let mut c = &self.next;
                while let Some(n) = c {
                    out.push(n.v);
                    c = &n.next;
                }
                out
            }
        }
        pub async fn go() -> (u32, u32, Vec<u32>) {
            let mut l = Node { v: 0, next: None };
            let a = l.push_back(1).await;
            let b = l.push_back(2).await;
            (a, b, l.values())
        }
    }
    run { go() }
}

twin! {
    /// Reversing an `Option<Box<Self>>` list in place with `take()` and an await per node.
    p31a_list_reverse_take {
        pub struct Node {
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
                        step("hop").await;
                        cur = node.next.take();
                        node.next = prev;
                        prev = Some(node);
                        n += 1;
                    }
                    self.head = prev;
                    n
                }
            }
            pub fn names(&self) -> Vec<&'static str> {
                let mut out = vec![];
                let mut c = &self.head;
                while let Some(n) = c {
                    out.push(n.t.0);
                    c = &n.next;
                }
                out
            }
        }
        pub async fn go() -> (u32, Vec<&'static str>) {
            let mut l = List { head: Some(Box::new(Node { t: Tracker::new("a"), next: Some(Box::new(Node { t: Tracker::new("b"), next: Some(Box::new(Node { t: Tracker::new("c"), next: None })) })) })) };
            let n = l.reverse().await;
            (n, l.names())
        }
    }
    run { go() }
}

twin! {
    /// Local of type `[u32; Self::N]` held across awaits in a method of a non-generic impl.
    p31a_self_const_array_len {
        pub struct Svc {
            pub t: Tracker,
        }
        impl Svc {
            pub const N: usize = 3;
            lower! {
                pub async fn fill(&self) -> [u32; 3] {
                    let mut arr = [0u32; Self::N];
                    for i in 0..Self::N {
                        arr[i] = leaf("x", i as u32 * 2).await;
                    }
                    arr
                }
            }
        }
        pub async fn go() -> [u32; 3] {
            let s = Svc { t: Tracker::new("svc") };
            s.fill().await
        }
    }
    run { go() }
}

twin! {
    /// A local of type `Self` built in a `&self` method of a generic impl, held across awaits.
    p31a_local_of_self_type_generic {
        #[derive(Debug, Clone)]
        pub struct Pair<T> {
            pub a: T,
            pub b: T,
        }
        impl<T: Debug + Clone> Pair<T> {
            lower! {
                pub async fn swapped(&self) -> Self {
                    let mut out = Self { a: self.b.clone(), b: self.a.clone() };
                    step("s").await;
                    out.a = leaf("a", out.a).await;
                    out
                }
            }
        }
        pub async fn go() -> String {
            let p = Pair { a: "x".to_string(), b: "y".to_string() };
            let q = p.swapped().await;
            format!("{:?} {:?}", p, q)
        }
    }
    run { go() }
}

twin! {
    /// `Vec<Self>` local collected from awaited clones in a `&self` method.
    p31a_vec_of_self_local {
        #[derive(Debug)]
        pub struct Item {
            pub n: u32,
            pub t: Tracker,
        }
        impl Item {
            lower! {
                pub async fn split(&self, k: u32) -> Vec<Self> {
                    let mut out = Vec::new();
                    for i in 0..k {
                        let n = leaf("n", self.n + i).await;
                        out.push(Self { n, t: Tracker::new("part") });
                    }
                    out
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let it = Item { n: 10, t: Tracker::new("whole") };
            let parts = it.split(2).await;
            step("s").await;
            parts.iter().map(|p| p.n).collect()
        }
    }
    run { go() }
}

twin! {
    /// Trait with an associated type, `async fn get(&self) -> Self::Out`, generic caller.
    p31a_trait_assoc_type_out {
        pub trait Source {
            type Out: Debug;
            async fn get(&self) -> Self::Out;
        }
        pub struct Nums {
            pub v: Vec<u32>,
            pub t: Tracker,
        }
        impl Source for Nums {
            type Out = Vec<u32>;
            lower! {
                async fn get(&self) -> Self::Out {
                    let mut out = self.v.clone();
                    out.push(leaf("extra", 9).await);
                    out
                }
            }
        }
        lower! {
            pub async fn show<S: Source>(s: &S) -> String {
                let a = s.get().await;
                step("s").await;
                format!("{:?}", a)
            }
        }
        pub async fn go() -> String {
            let n = Nums { v: vec![1], t: Tracker::new("nums") };
            show(&n).await
        }
    }
    run { go() }
}

twin! {
    /// Trait impl for a generic struct, `impl<T: Debug> Show for Svc<T>`, `Self::LABEL` inside.
    p31a_trait_impl_generic_struct {
        pub trait Show {
            const LABEL: &'static str;
            async fn show(&mut self) -> String;
        }
        pub struct Svc<T> {
            pub items: Vec<T>,
            pub shown: u32,
        }
        impl<T: Debug> Show for Svc<T> {
            const LABEL: &'static str = "svc";
            lower! {
                async fn show(&mut self) -> String {
                    self.shown += 1;
                    let n = leaf("n", self.shown).await;
                    format!("{}#{n}{:?}", Self::LABEL, self.items)
                }
            }
        }
        pub async fn go() -> (String, String) {
            let mut s = Svc { items: vec![Tracker::new("a")], shown: 0 };
            let a = s.show().await;
            let b = s.show().await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// `if let Conn::Busy { n, .. } = self` on an enum `&mut self`, await, then `*self = ..` after the `if`.
    p31a_if_let_self_variant_then_assign {
        pub enum Conn {
            Idle,
            Busy { n: u32, t: Tracker },
        }
        impl Conn {
            lower! {
                pub async fn work(&mut self) -> u32 {
                    let mut got = 0;
                    if let Conn::Busy { n, .. } = self {
                        *n += leaf("n", 1).await;
                        got = *n;
                    }
                    step("s").await;
                    if got >= 2 {
                        *self = Conn::Idle;
                    }
                    got
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut c = Conn::Busy { n: 0, t: Tracker::new("busy") };
            let mut out = vec![];
            for _ in 0..3 {
                out.push(c.work().await);
            }
            out
        }
    }
    run { go() }
}

twin! {
    /// `match &mut self.state { State::A(t) => { x.await; self.state = .. } }`: field state machine.
    p31a_match_field_state_assign {
        pub enum State {
            Start(Tracker),
            Run(u32),
            Stop,
        }
        pub struct Svc {
            pub state: State,
            pub log: Vec<String>,
        }
        impl Svc {
            lower! {
                pub async fn tick(&mut self) -> bool {
                    match &mut self.state {
                        State::Start(t) => {
                            let name = t.0;
                            step("start").await;
                            self.log.push(name.to_string());
                            self.state = State::Run(0);
                            true
                        }
                        State::Run(n) => {
                            *n += leaf("run", 1).await;
                            if *n > 1 {
                                self.state = State::Stop;
                            }
                            true
                        }
                        State::Stop => false,
                    }
                }
            }
        }
        pub async fn go() -> (u32, Vec<String>) {
            let mut s = Svc { state: State::Start(Tracker::new("st")), log: vec![] };
            let mut k = 0;
            while s.tick().await {
                k += 1;
            }
            (k, s.log.clone())
        }
    }
    run { go() }
}

twin! {
    /// `match self.map.get_mut(&k) { Some(v) => .., None => { self.map.insert(..) } }` with awaits in both arms.
    p31a_match_get_mut_none_inserts {
        pub struct Svc {
            pub map: HashMap<u32, u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn bump(&mut self, k: u32) -> u32 {
                    match self.map.get_mut(&k) {
                        Some(v) => {
                            *v += leaf("inc", 1).await;
                            *v
                        }
                        None => {
                            let init = leaf("init", 10).await;
                            self.map.insert(k, init);
                            init
                        }
                    }
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut s = Svc { map: HashMap::new(), t: Tracker::new("svc") };
            vec![s.bump(1).await, s.bump(1).await, s.bump(2).await]
        }
    }
    run { go() }
}

twin! {
    /// `if let Some(x) = self.opt.as_mut() { .. await .. } else { self.opt = Some(..await..) }`.
    p31a_if_let_as_mut_else_assign {
        pub struct Svc {
            pub opt: Option<Vec<Tracker>>,
        }
        impl Svc {
            lower! {
                pub async fn add(&mut self, name: &'static str) -> usize {
                    if let Some(v) = self.opt.as_mut() {
                        v.push(Tracker::new(leaf("name", name).await));
                        v.len()
                    } else {
                        self.opt = Some(vec![Tracker::new(leaf("first", name).await)]);
                        1
                    }
                }
            }
        }
        pub async fn go() -> Vec<usize> {
            let mut s = Svc { opt: None };
            vec![s.add("a").await, s.add("b").await]
        }
    }
    run { go() }
}

twin! {
    /// `while let Some(top) = self.stack.last_mut()` holding `top` across an await, then `self.stack.pop()`.
    p31a_stack_last_mut_then_pop {
        pub struct Svc {
            pub stack: Vec<u32>,
            pub popped: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn unwind(&mut self) -> u32 {
                    while let Some(top) = self.stack.last_mut() {
                        let d = leaf("d", 1).await;
                        *top -= d;
                        if *top == 0 {
                            self.stack.pop();
                            self.popped += 1;
                        }
                    }
                    self.popped
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = Svc { stack: vec![1, 2], popped: 0, t: Tracker::new("svc") };
            s.unwind().await
        }
    }
    run { go() }
}

twin! {
    /// `self.cache.get_or_insert_with(|| Tracker::new(..))` reference held across an await.
    p31a_get_or_insert_with_ref {
        pub struct Svc {
            pub cache: Option<Tracker>,
            pub uses: u32,
        }
        impl Svc {
            lower! {
                pub async fn use_cache(&mut self) -> &'static str {
                    let c = self.cache.get_or_insert_with(|| Tracker::new("lazy"));
                    step("s").await;
                    let name = c.0;
                    self.uses += leaf("u", 1).await;
                    name
                }
            }
        }
        pub async fn go() -> (&'static str, &'static str, u32) {
            let mut s = Svc { cache: None, uses: 0 };
            let a = s.use_cache().await;
            let b = s.use_cache().await;
            (a, b, s.uses)
        }
    }
    run { go() }
}

twin! {
    /// `async fn add(&mut self, x) -> &mut Self` chained: `s.add(1).await.add(2).await`.
    p31a_mut_self_returns_mut_self_chain {
        pub struct Acc {
            pub v: Vec<u32>,
            pub t: Tracker,
        }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    self.v.push(leaf("x", x).await);
                    self
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut a = Acc { v: vec![], t: Tracker::new("acc") };
            a.add(1).await.add(2).await.add(3).await;
            step("s").await;
            a.v.clone()
        }
    }
    run { go() }
}

twin! {
    /// A shared ref into `self.items` held while another lowered `&self` method is awaited.
    p31a_shared_ref_across_self_call {
        pub struct Svc {
            pub items: Vec<Tracker>,
            pub k: u32,
        }
        impl Svc {
            lower! {
                pub async fn weight(&self) -> u32 {
                    leaf("w", self.k).await
                }
            }
            lower! {
                pub async fn report(&self) -> String {
                    let first = &self.items[0];
                    let w = self.weight().await;
                    let last = self.items.last().unwrap();
                    let w2 = self.weight().await;
                    format!("{} {} {}", first.0, last.0, w + w2)
                }
            }
        }
        pub async fn go() -> String {
            let s = Svc { items: vec![Tracker::new("a"), Tracker::new("b")], k: 4 };
            s.report().await
        }
    }
    run { go() }
}

twin! {
    /// `&mut self.a` held while an associated lowered fn is awaited on `&mut self.b`.
    p31a_assoc_fn_disjoint_field {
        pub struct Svc {
            pub a: Vec<u32>,
            pub b: Vec<u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn fill(v: &mut Vec<u32>, n: u32) -> u32 {
                    for i in 0..n {
                        v.push(leaf("fill", i).await);
                    }
                    n
                }
            }
            lower! {
                pub async fn both(&mut self) -> (usize, usize) {
                    let a = &mut self.a;
                    a.push(100);
                    let n = Self::fill(&mut self.b, 2).await;
                    a.push(n);
                    (a.len(), self.b.len())
                }
            }
        }
        pub async fn go() -> (usize, usize) {
            let mut s = Svc { a: vec![], b: vec![], t: Tracker::new("svc") };
            s.both().await
        }
    }
    run { go() }
}

twin! {
    /// `async fn name(&self) -> &str` matching `self` (an enum) with an await in one arm.
    p31a_enum_ref_return_match {
        pub enum Who {
            Named(String, Tracker),
            Anon(u32),
        }
        impl Who {
            lower! {
                pub async fn name(&self) -> &str {
                    match self {
                        Who::Named(s, _) => {
                            step("named").await;
                            s
                        }
                        Who::Anon(n) => {
                            if leaf("anon", *n).await > 0 { "someone" } else { "nobody" }
                        }
                    }
                }
            }
        }
        pub async fn go() -> Vec<String> {
            let a = Who::Named("ann".into(), Tracker::new("ann"));
            let b = Who::Anon(0);
            let x = a.name().await;
            let y = b.name().await;
            vec![x.to_string(), y.to_string()]
        }
    }
    run { go() }
}

twin! {
    /// Conditionally returning `&mut self.a` or `&mut self.b` after awaits.
    p31a_choose_field_mut_ref {
        pub struct Svc {
            pub a: u32,
            pub b: u32,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn slot(&mut self, first: bool) -> &mut u32 {
                    let f = leaf("f", first).await;
                    if f { &mut self.a } else { &mut self.b }
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let mut s = Svc { a: 1, b: 2, t: Tracker::new("svc") };
            *s.slot(true).await += 10;
            let r = s.slot(false).await;
            *r += leaf("k", 20).await;
            (s.a, s.b)
        }
    }
    run { go() }
}

twin! {
    /// `?` early return while holding `&mut self.entries[i]`, with a tracker local.
    p31a_question_holding_entry {
        pub struct Svc {
            pub entries: Vec<u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn apply(&mut self, i: usize, d: Result<u32, String>) -> Result<u32, String> {
                    let _g = Tracker::new("guard");
                    let e = &mut self.entries[i];
                    *e += 1;
                    let d = leaf("d", d).await?;
                    *e += d;
                    step("s").await;
                    Ok(*e)
                }
            }
        }
        pub async fn go() -> (Result<u32, String>, Result<u32, String>, Vec<u32>) {
            let mut s = Svc { entries: vec![0, 0], t: Tracker::new("svc") };
            let a = s.apply(0, Ok(5)).await;
            let b = s.apply(1, Err("bad".into())).await;
            (a, b, s.entries.clone())
        }
    }
    run { go() }
}

twin! {
    /// Labeled `break 'outer` out of nested loops over `self.rows` and each row, refs held across awaits.
    p31a_nested_rows_break_outer {
        pub struct Grid {
            pub rows: Vec<Vec<u32>>,
            pub t: Tracker,
        }
        impl Grid {
            lower! {
                pub async fn find(&self, target: u32) -> Option<(usize, usize)> {
                    let mut found = None;
                    'outer: for (i, row) in self.rows.iter().enumerate() {
                        for (j, cell) in row.iter().enumerate() {
                            if leaf("cell", *cell).await == target {
                                found = Some((i, j));
                                break 'outer;
                            }
                        }
                        step("row").await;
                    }
                    found
                }
            }
        }
        pub async fn go() -> (Option<(usize, usize)>, Option<(usize, usize)>) {
            let g = Grid { rows: vec![vec![1, 2], vec![3, 4]], t: Tracker::new("grid") };
            (g.find(3).await, g.find(9).await)
        }
    }
    run { go() }
}

twin! {
    /// `for e in &mut self.entries` with `continue` and an await, entries holding trackers.
    p31a_for_mut_continue {
        pub struct Svc {
            pub entries: Vec<(Tracker, u32)>,
            pub skipped: u32,
        }
        impl Svc {
            lower! {
                pub async fn update(&mut self) -> u32 {
                    let mut skipped = 0;
                    for e in &mut self.entries {
                        if e.1 % 2 == 0 {
                            skipped += 1;
                            step("skip").await;
                            continue;
                        }
                        e.1 += leaf("inc", 10).await;
                    }
                    self.skipped = skipped;
                    self.entries.iter().map(|e| e.1).sum()
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let mut s = Svc { entries: vec![(Tracker::new("a"), 1), (Tracker::new("b"), 2), (Tracker::new("c"), 3)], skipped: 0 };
            let n = s.update().await;
            (n, s.skipped)
        }
    }
    run { go() }
}

twin! {
    /// Returning `Some(it)` from inside a `for` over `self.items.iter()` after an await.
    p31a_return_ref_from_loop {
        #[derive(Debug)]
        pub struct Item {
            pub id: u32,
            pub t: Tracker,
        }
        pub struct Svc {
            pub items: Vec<Item>,
        }
        impl Svc {
            lower! {
                pub async fn find(&self, id: u32) -> Option<&Item> {
                    for it in &self.items {
                        if leaf("cmp", it.id).await == id {
                            return Some(it);
                        }
                    }
                    None
                }
            }
        }
        pub async fn go() -> (Option<&'static str>, bool) {
            let s = Svc { items: vec![Item { id: 1, t: Tracker::new("i1") }, Item { id: 2, t: Tracker::new("i2") }] };
            let a = s.find(2).await.map(|i| i.t.0);
            let b = s.find(5).await.is_none();
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// Returning `Some(it)` from a `for` over `self.items.iter_mut()` after an await.
    p31a_return_mut_ref_from_loop {
        pub struct Svc {
            pub items: Vec<u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn first_big(&mut self, min: u32) -> Option<&mut u32> {
                    for it in self.items.iter_mut() {
                        if leaf("cmp", *it).await >= min {
                            return Some(it);
                        }
                    }
                    None
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut s = Svc { items: vec![1, 5, 9], t: Tracker::new("svc") };
            if let Some(r) = s.first_big(4).await {
                *r = 0;
            }
            let none = s.first_big(100).await.is_none();
            let mut v = s.items.clone();
            v.push(none as u32);
            v
        }
    }
    run { go() }
}

twin! {
    /// `self.items.iter().position(..)` then `&mut self.items[p]` held across awaits.
    p31a_position_then_index_mut {
        pub struct Svc {
            pub items: Vec<String>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn rename(&mut self, from: &str, to: &str) -> bool {
                    let Some(p) = self.items.iter().position(|s| s == from) else {
                        return false;
                    };
                    let slot = &mut self.items[p];
                    slot.clear();
                    step("s").await;
                    slot.push_str(leaf("to", to).await);
                    true
                }
            }
        }
        pub async fn go() -> (bool, bool, Vec<String>) {
            let mut s = Svc { items: vec!["a".into(), "b".into()], t: Tracker::new("svc") };
            let x = s.rename("b", "bee").await;
            let y = s.rename("q", "z").await;
            (x, y, s.items.clone())
        }
    }
    run { go() }
}

twin! {
    /// A `Box<dyn FnMut(u32) -> u32>` field called through `(self.hook)(x)` across awaits.
    p31a_dyn_fnmut_field {
        pub struct Svc {
            pub hook: Box<dyn FnMut(u32) -> u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn run(&mut self, n: u32) -> Vec<u32> {
                    let mut out = vec![];
                    for i in 0..n {
                        let x = leaf("x", i).await;
                        out.push((self.hook)(x));
                    }
                    out
                }
            }
        }
        pub async fn go() -> Vec<u32> {
            let mut total = 0;
            let mut s = Svc { hook: Box::new(move |x| { total += x; total }), t: Tracker::new("svc") };
            let mut a = s.run(3).await;
            a.extend(s.run(2).await);
            a
        }
    }
    run { go() }
}

twin! {
    /// An `Option<Box<dyn Fn(u32) -> u32>>` hook: `if let Some(h) = &self.hook { h(x.await) }`.
    p31a_optional_dyn_hook {
        pub struct Svc {
            pub hook: Option<Box<dyn Fn(u32) -> u32>>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn call(&self, x: u32) -> u32 {
                    if let Some(h) = &self.hook {
                        h(leaf("x", x).await)
                    } else {
                        step("nohook").await;
                        x
                    }
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let a = Svc { hook: Some(Box::new(|x| x * 7)), t: Tracker::new("a") };
            let b = Svc { hook: None, t: Tracker::new("b") };
            (a.call(2).await, b.call(2).await)
        }
    }
    run { go() }
}

twin! {
    /// A `HashMap<String, Box<dyn Fn(u32) -> u32>>` handler looked up and called after an await.
    p31a_handler_map_lookup {
        pub struct Router {
            pub routes: HashMap<String, Box<dyn Fn(u32) -> u32>>,
            pub t: Tracker,
        }
        impl Router {
            lower! {
                pub async fn dispatch(&self, path: &str, x: u32) -> Option<u32> {
                    let h = self.routes.get(path)?;
                    let arg = leaf("arg", x).await;
                    step("s").await;
                    Some(h(arg))
                }
            }
        }
        pub async fn go() -> (Option<u32>, Option<u32>) {
            let mut routes: HashMap<String, Box<dyn Fn(u32) -> u32>> = HashMap::new();
            routes.insert("/dbl".into(), Box::new(|x| x * 2));
            let r = Router { routes, t: Tracker::new("router") };
            (r.dispatch("/dbl", 4).await, r.dispatch("/no", 4).await)
        }
    }
    run { go() }
}

twin! {
    /// `Vec<Box<dyn Fn>>` iterated `.iter().enumerate().rev()` with an await per stage.
    p31a_dyn_fn_rev_enumerate {
        pub struct Pipeline {
            pub stages: Vec<Box<dyn Fn(u32) -> u32>>,
            pub t: Tracker,
        }
        impl Pipeline {
            lower! {
                pub async fn run_rev(&self, x: u32) -> (u32, Vec<usize>) {
                    let mut v = x;
                    let mut order = vec![];
                    for (i, f) in self.stages.iter().enumerate().rev() {
                        order.push(leaf("i", i).await);
                        v = f(v);
                    }
                    (v, order)
                }
            }
        }
        pub async fn go() -> (u32, Vec<usize>) {
            let p = Pipeline { stages: vec![Box::new(|x| x + 1), Box::new(|x| x * 10)], t: Tracker::new("p") };
            p.run_rev(2).await
        }
    }
    run { go() }
}

twin! {
    /// `self: &Rc<Self>` receiver cloning the `Rc` into a stored list across awaits.
    p31a_ref_rc_self_receiver {
        pub struct Node {
            pub name: &'static str,
            pub t: Tracker,
        }
        impl Node {
            lower! {
                pub async fn register(self: &Rc<Self>, into: &mut Vec<Rc<Node>>) -> usize {
                    step("reg").await;
                    into.push(Rc::clone(self));
                    leaf("count", Rc::strong_count(self)).await
                }
            }
        }
        pub async fn go() -> (usize, usize, usize) {
            let n = Rc::new(Node { name: "n", t: Tracker::new("node") });
            let mut v = vec![];
            let a = n.register(&mut v).await;
            let b = n.register(&mut v).await;
            (a, b, v.len())
        }
    }
    run { go() }
}

twin! {
    /// `self: Pin<Box<Self>>` receiver awaiting and reading fields.
    p31a_pin_box_self {
        pub struct Job {
            pub n: u32,
            pub t: Tracker,
        }
        impl Job {
            lower! {
                pub async fn run(self: Pin<Box<Self>>) -> u32 {
                    let a = leaf("a", self.n).await;
                    step("s").await;
                    a + self.n
                }
            }
        }
    }
    run { Box::pin(Job { n: 3, t: Tracker::new("job") }).run() }
}

twin! {
    /// `self: Pin<&mut Self>` deref'd once with `&mut *self` into a local used across awaits.
    p31a_pin_mut_deref_local {
        pub struct Counter {
            pub n: u32,
            pub v: Vec<u32>,
            pub t: Tracker,
        }
        impl Counter {
            lower! {
                pub async fn tick(mut self: Pin<&mut Self>) -> usize {
                    let this = &mut *self;
                    this.n += leaf("n", 1).await;
                    this.v.push(this.n);
                    step("s").await;
                    this.v.len()
                }
            }
        }
        pub async fn go() -> (usize, usize) {
            let mut c = Counter { n: 0, v: vec![], t: Tracker::new("c") };
            let a = Pin::new(&mut c).tick().await;
            let b = Pin::new(&mut c).tick().await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// `self: Pin<&mut Self>` calling `self.set(..)` after an await, the old value dropped there.
    p31a_pin_set_self {
        pub struct Cell2 {
            pub t: Tracker,
            pub n: u32,
        }
        impl Cell2 {
            lower! {
                pub async fn renew(mut self: Pin<&mut Self>) -> u32 {
                    let n = leaf("n", self.n + 1).await;
                    self.set(Cell2 { t: Tracker::new("renewed"), n });
                    step("s").await;
                    self.n
                }
            }
        }
        pub async fn go() -> u32 {
            let mut c = Cell2 { t: Tracker::new("orig"), n: 1 };
            let a = Pin::new(&mut c).renew().await;
            step("after").await;
            a + c.n
        }
    }
    run { go() }
}

twin! {
    /// `*self = Self { .. }` after an await on a type with `Drop`: the old value drops at the assignment.
    p31a_assign_whole_self_drop {
        pub struct Svc {
            pub name: &'static str,
            pub t: Tracker,
        }
        impl Drop for Svc {
            fn drop(&mut self) {
                log(format!("drop svc {}", self.name));
            }
        }
        impl Svc {
            lower! {
                pub async fn reset(&mut self) -> &'static str {
                    let old = self.name;
                    let n = leaf("name", "fresh").await;
                    *self = Self { name: n, t: Tracker::new("t2") };
                    step("s").await;
                    old
                }
            }
        }
        pub async fn go() -> (&'static str, &'static str) {
            let mut s = Svc { name: "orig", t: Tracker::new("t1") };
            let a = s.reset().await;
            (a, s.name)
        }
    }
    run { go() }
}

twin! {
    /// `mem::replace(self, Self::fresh())` across awaits; the old service finished by value after.
    p31a_mem_replace_whole_self {
        pub struct Svc {
            pub gen_no: u32,
            pub t: Tracker,
        }
        impl Svc {
            pub fn fresh(n: u32) -> Self {
                Svc { gen_no: n, t: Tracker::new("fresh") }
            }
            lower! {
                pub async fn finish(self) -> u32 {
                    step("finish").await;
                    self.gen_no
                }
            }
            lower! {
                pub async fn roll(&mut self) -> u32 {
                    let next = leaf("next", self.gen_no + 1).await;
                    let old = mem::replace(self, Self::fresh(next));
                    let r = old.finish().await;
                    r * 10 + self.gen_no
                }
            }
        }
        pub async fn go() -> u32 {
            let mut s = Svc { gen_no: 1, t: Tracker::new("first") };
            s.roll().await
        }
    }
    run { go() }
}

twin! {
    /// `mem::take(self)` on a `Default` service inside a `&mut self` method, then awaits.
    p31a_mem_take_whole_self {
        #[derive(Default, Debug)]
        pub struct Buf {
            pub data: Vec<u32>,
            pub flushes: u32,
        }
        impl Buf {
            lower! {
                pub async fn flush(&mut self) -> Vec<u32> {
                    let old = mem::take(self);
                    self.flushes = old.flushes + 1;
                    let mut out = vec![];
                    for d in old.data {
                        out.push(leaf("d", d).await);
                    }
                    out
                }
            }
        }
        pub async fn go() -> (Vec<u32>, String) {
            let mut b = Buf { data: vec![1, 2], flushes: 0 };
            let v = b.flush().await;
            (v, format!("{:?}", b))
        }
    }
    run { go() }
}

twin! {
    /// `futures::join!` of two lowered methods on disjoint `&mut` fields of `self`.
    p31a_join_disjoint_fields {
        pub struct Part {
            pub n: u32,
            pub name: &'static str,
        }
        impl Part {
            lower! {
                pub async fn step(&mut self) -> u32 {
                    self.n += leaf(self.name, 1).await;
                    self.n
                }
            }
        }
        pub struct Svc {
            pub left: Part,
            pub right: Part,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn both(&mut self) -> (u32, u32) {
                    let (a, b) = futures::join!(self.left.step(), self.right.step());
                    step("after").await;
                    (a, b)
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let mut s = Svc { left: Part { n: 0, name: "l" }, right: Part { n: 10, name: "r" }, t: Tracker::new("svc") };
            s.both().await
        }
    }
    run { go() }
}

twin! {
    /// A child holding `Weak` to its `Rc` parent, upgraded across awaits in a `&self` method.
    p31a_weak_parent_upgrade {
        pub struct Parent {
            pub name: &'static str,
            pub t: Tracker,
        }
        pub struct Child {
            pub parent: std::rc::Weak<Parent>,
            pub t: Tracker,
        }
        impl Child {
            lower! {
                pub async fn parent_name(&self) -> Option<&'static str> {
                    step("s").await;
                    let p = self.parent.upgrade()?;
                    let n = leaf("n", p.name).await;
                    Some(n)
                }
            }
        }
        pub async fn go() -> (Option<&'static str>, Option<&'static str>) {
            let p = Rc::new(Parent { name: "pa", t: Tracker::new("parent") });
            let c = Child { parent: Rc::downgrade(&p), t: Tracker::new("child") };
            let a = c.parent_name().await;
            drop(p);
            let b = c.parent_name().await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// `struct Ctx<'a> { db: &'a mut Vec<u32>, name: &'a str }` with `&mut self` methods across awaits.
    p31a_ctx_with_lifetime {
        pub struct Ctx<'a> {
            pub db: &'a mut Vec<u32>,
            pub name: &'a str,
        }
        impl<'a> Ctx<'a> {
            lower! {
                pub async fn put(&mut self, v: u32) -> usize {
                    self.db.push(leaf("v", v).await);
                    log(format!("{} put", self.name));
                    self.db.len()
                }
            }
            lower! {
                pub async fn name(&self) -> &'a str {
                    step("name").await;
                    self.name
                }
            }
        }
        pub async fn go() -> (usize, String, Vec<u32>) {
            let mut db = vec![];
            let label = String::from("ctx");
            let n;
            let nm;
            {
                let mut c = Ctx { db: &mut db, name: &label };
                c.put(1).await;
                n = c.put(2).await;
                nm = c.name().await;
            }
            (n, nm.to_string(), db)
        }
    }
    run { go() }
}

twin! {
    /// Tuple struct `Svc(Vec<u32>, Tracker)`: `&mut self.0[i]` held across awaits.
    p31a_tuple_struct_index {
        pub struct Svc(pub Vec<u32>, pub Tracker);
        impl Svc {
            lower! {
                pub async fn bump(&mut self, i: usize) -> u32 {
                    let e = &mut self.0[i];
                    *e += leaf("a", 1).await;
                    *e *= leaf("b", 3).await;
                    log(format!("{}", (self.1).0));
                    self.0[i]
                }
            }
        }
        pub async fn go() -> (u32, Vec<u32>) {
            let mut s = Svc(vec![1, 2], Tracker::new("svc"));
            let r = s.bump(1).await;
            (r, s.0.clone())
        }
    }
    run { go() }
}

twin! {
    /// A binary tree of `Option<Box<Self>>` children, `&mut self` recursion through `Box::pin`.
    p31a_tree_mut_recursion {
        pub struct Tree {
            pub v: u32,
            pub left: Option<Box<Tree>>,
            pub right: Option<Box<Tree>>,
        }
        impl Tree {
            lower! {
                pub async fn double(&mut self) -> u32 {
                    self.v = leaf("v", self.v * 2).await;
                    let mut s = self.v;
                    if let Some(l) = self.left.as_mut() {
                        s += Box::pin(l.double()).await;
                    }
                    if let Some(r) = &mut self.right {
                        s += Box::pin(r.double()).await;
                    }
                    s
                }
            }
        }
        pub async fn go() -> (u32, u32) {
            let mut t = Tree { v: 1, left: Some(Box::new(Tree { v: 2, left: None, right: None })), right: Some(Box::new(Tree { v: 3, left: None, right: None })) };
            let s = t.double().await;
            (s, t.left.as_ref().unwrap().v)
        }
    }
    run { go() }
}

twin! {
    /// Generic method `async fn map<F, U>(&self, f: F) -> Vec<U>` on `impl<T: Debug> Svc<T>`.
    p31a_generic_method_closure_param {
        pub struct Svc<T> {
            pub items: Vec<T>,
            pub t: Tracker,
        }
        impl<T: Debug> Svc<T> {
            lower! {
                pub async fn map<F, U>(&self, f: F) -> Vec<U>
                where
                    F: Fn(&T) -> U,
                {
                    let mut out = Vec::new();
                    for it in &self.items {
                        step("map").await;
                        out.push(f(it));
                    }
                    out
                }
            }
        }
        pub async fn go() -> Vec<String> {
            let s = Svc { items: vec![1u32, 2], t: Tracker::new("svc") };
            s.map(|x| format!("<{x:?}>")).await
        }
    }
    run { go() }
}

twin! {
    /// `async fn extend(&mut self, it: impl IntoIterator<Item = u32>)` awaiting per item.
    p31a_impl_trait_arg_extend {
        pub struct Svc {
            pub v: Vec<u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn extend(&mut self, it: impl IntoIterator<Item = u32>) -> usize {
                    for x in it {
                        self.v.push(leaf("x", x).await);
                    }
                    self.v.len()
                }
            }
        }
        pub async fn go() -> (usize, Vec<u32>) {
            let mut s = Svc { v: vec![], t: Tracker::new("svc") };
            s.extend(vec![1, 2]).await;
            let n = s.extend(5..7).await;
            (n, s.v.clone())
        }
    }
    run { go() }
}

twin! {
    /// A `&mut self` method panicking (`boom`) while holding a field reference and a tracker local.
    p31a_boom_holding_field_ref {
        pub struct Svc {
            pub items: Vec<u32>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn run(&mut self) -> u32 {
                    let _g = Tracker::new("guard");
                    let e = &mut self.items[0];
                    *e += leaf("a", 1).await;
                    let b = boom("kaboom").await;
                    *e + b
                }
            }
        }
    }
    run { async { let mut s = Svc { items: vec![1], t: Tracker::new("svc") }; s.run().await } }
}

twin! {
    /// A `&mut self` method that `mem::take`s a field, then panics before putting it back.
    p31a_boom_after_take_field {
        pub struct Svc {
            pub buf: Vec<Tracker>,
            pub t: Tracker,
        }
        impl Svc {
            lower! {
                pub async fn run(&mut self) -> usize {
                    let buf = mem::take(&mut self.buf);
                    step("s").await;
                    let _ = boom("mid").await;
                    self.buf = buf;
                    self.buf.len()
                }
            }
        }
    }
    run { async { let mut s = Svc { buf: vec![Tracker::new("b1")], t: Tracker::new("svc") }; s.run().await } }
}

twin! {
    /// `Self::default()` and `<Self as Trait>::make()` called inside a lowered trait method.
    p31a_trait_self_default_and_qualified {
        pub trait Make {
            fn make(n: u32) -> Self;
            async fn twin_of(&self) -> Self;
        }
        #[derive(Default, Debug)]
        pub struct Cfg {
            pub n: u32,
            pub tags: Vec<String>,
        }
        impl Make for Cfg {
            fn make(n: u32) -> Self {
                Cfg { n, ..Self::default() }
            }
            lower! {
                async fn twin_of(&self) -> Self {
                    let mut d = Self::default();
                    d.tags.push(leaf("tag", "t".to_string()).await);
                    let m = <Self as Make>::make(self.n + 1);
                    step("s").await;
                    Self { n: m.n, tags: d.tags }
                }
            }
        }
        pub async fn go() -> String {
            let c = Cfg { n: 4, tags: vec![] };
            format!("{:?}", c.twin_of().await)
        }
    }
    run { go() }
}

twin! {
    /// `match self` by value on an enum with `Self::A(t)` paths, an await in each arm.
    p31a_match_self_by_value_enum {
        pub enum Msg {
            Data(Tracker, u32),
            Close(Tracker),
        }
        impl Msg {
            lower! {
                pub async fn handle(self) -> u32 {
                    match self {
                        Self::Data(t, n) => {
                            let k = leaf("data", n).await;
                            log(format!("data {}", t.0));
                            k
                        }
                        Self::Close(t) => {
                            step("close").await;
                            drop(t);
                            0
                        }
                    }
                }
            }
        }
        pub async fn go() -> u32 {
            let a = Msg::Data(Tracker::new("d"), 5).handle().await;
            let b = Msg::Close(Tracker::new("c")).handle().await;
            a + b
        }
    }
    run { go() }
}

twin! {
    /// `Self::VARIANTS` const array of `Self` iterated with awaits in an associated fn.
    p31a_self_const_array_iter {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Level {
            Low,
            High,
        }
        impl Level {
            pub const ALL: [Level; 2] = [Level::Low, Level::High];
            lower! {
                pub async fn probe_all() -> Vec<(Self, u32)> {
                    let mut out = vec![];
                    for l in Self::ALL {
                        let n = leaf("n", l as u32).await;
                        out.push((l, n));
                    }
                    out
                }
            }
        }
        pub async fn go() -> String {
            let _t = Tracker::new("t");
            format!("{:?}", Level::probe_all().await)
        }
    }
    run { go() }
}

twin! {
    /// Minimal: `if let E::A(n) = self` on `&mut self`, `*n` read for an await, `*self = ..` after the `if let`.
    p31a_min_if_let_self_assign_after {
        pub enum E {
            A(u32),
            B,
        }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    let mut g = 0;
                    if let E::A(n) = self {
                        g = leaf("n", *n).await;
                    }
                    *self = E::B;
                    g
                }
            }
        }
        pub async fn go() -> u32 {
            let mut e = E::A(3);
            e.f().await + e.f().await
        }
    }
    run { go() }
}

twin! {
    /// Minimal: `match self` on `&mut self`, binding written after an await in the arm, then `*self = ..` in the arm.
    p31a_min_match_self_assign_in_arm {
        pub enum E {
            A(u32),
            B,
        }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    match self {
                        E::A(n) => {
                            *n += leaf("n", 1).await;
                            let k = *n;
                            *self = E::B;
                            k
                        }
                        E::B => 0,
                    }
                }
            }
        }
        pub async fn go() -> u32 {
            let mut e = E::A(3);
            e.f().await * 10 + e.f().await
        }
    }
    run { go() }
}

twin! {
    /// `if let E::A(n) = &mut *self` (explicit reborrow), an await, then `*self = ..` after the `if let`.
    p31a_if_let_reborrow_self_assign {
        pub enum E {
            A(u32),
            B,
        }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    let mut g = 0;
                    if let E::A(n) = &mut *self {
                        g = leaf("n", *n).await;
                    }
                    *self = E::B;
                    g
                }
            }
        }
        pub async fn go() -> u32 {
            let mut e = E::A(3);
            e.f().await + e.f().await
        }
    }
    run { go() }
}

twin! {
    /// Minimal: a `&mut` parameter (not `self`) matched by default binding mode, assigned after the `if let`.
    p31a_min_if_let_param_assign_after {
        pub enum E {
            A(u32),
            B,
        }
        lower! {
            pub async fn f(e: &mut E) -> u32 {
                let mut g = 0;
                if let E::A(n) = e {
                    g = leaf("n", *n).await;
                }
                *e = E::B;
                g
            }
        }
        pub async fn go() -> u32 {
            let mut e = E::A(3);
            f(&mut e).await + f(&mut e).await
        }
    }
    run { go() }
}

twin! {
    /// Minimal: `match self` binding read only before the await, `*self = ..` after it.
    p31a_min_match_self_read_before_await {
        pub enum E {
            A(u32),
            B,
        }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    match self {
                        E::A(n) => {
                            let k = *n;
                            step("s").await;
                            *self = E::B;
                            k
                        }
                        E::B => 0,
                    }
                }
            }
        }
        pub async fn go() -> u32 {
            let mut e = E::A(3);
            e.f().await * 10 + e.f().await
        }
    }
    run { go() }
}

twin! {
    /// Minimal: `match self` on `&mut self`, binding read before an await in the arm, `*self = ..` after the `match`.
    p31a_min_match_self_assign_after_match {
        pub enum E {
            A(u32),
            B,
        }
        impl E {
            lower! {
                pub async fn f(&mut self) -> u32 {
                    let k = match self {
                        E::A(n) => {
                            let k = *n;
                            step("s").await;
                            k
                        }
                        E::B => 0,
                    };
                    *self = E::B;
                    k
                }
            }
        }
        pub async fn go() -> u32 {
            let mut e = E::A(3);
            e.f().await * 10 + e.f().await
        }
    }
    run { go() }
}
