//! Probe round 11: join points after lets, awaited calls on temporary receivers, fluent
//! `&mut Self` chains and awaited outputs awaited on, destructuring lets with `..`, awaited
//! values read through, let-else, if-let chains and awaiting guards.
use crate::prelude::*;

twin! {
    /// A three-link fluent chain between large locals, then a read of the receiver.
    p11_fluent_triple_big_locals {
        #[derive(Debug)]
        pub struct Acc { pub v: Vec<u32>, pub g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.v.iter().sum()
                }
            }
        }

        lower! {
            pub async fn f() -> (u32, usize, u64) {
                let big0 = [1u64; 16];
                let mut a = Acc { v: vec![], g: Tracker::new("a") };
                a.add(1).await.add(2).await.add(3).await;
                let big1 = [2u64; 32];
                step("mid").await;
                let t = a.total().await;
                (t, a.v.len(), big0[3] + big1[5])
            }
        }
    }
    run { f() }
}

twin! {
    /// Fluent chains inside larger expressions: a field read and a sum.
    p11_fluent_in_expression {
        #[derive(Debug)]
        pub struct Acc { pub v: Vec<u32>, pub g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.v.iter().sum()
                }
            }
        }

        lower! {
            pub async fn f() -> (usize, u32, u32) {
                let mut a = Acc { v: vec![9], g: Tracker::new("a") };
                let pad = [3u64; 20];
                let n = a.add(1).await.add(2).await.v.len();
                let s = a.add(4).await.total().await;
                let w = 100 + a.add(5).await.add(6).await.v[0] + pad[0] as u32;
                (n, s, w)
            }
        }
    }
    run { f() }
}

twin! {
    /// The output of an awaited `&mut Self` method moved to another name, which is awaited on.
    p11_fluent_output_alias {
        #[derive(Debug)]
        pub struct Acc { pub v: Vec<u32>, pub g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.v.iter().sum()
                }
            }
        }

        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = Acc { v: vec![], g: Tracker::new("a") };
                let r = a.add(1).await;
                let q = r;
                let big = [7u64; 24];
                step("s").await;
                q.add(2).await;
                step("t").await;
                let mut out = a.v.clone();
                out.push(big[1] as u32);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// The output of an awaited `&mut Self` method written through after a later await (never awaited on).
    p11_fluent_output_written_after_await {
        #[derive(Debug)]
        pub struct Acc { pub v: Vec<u32>, pub g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.v.iter().sum()
                }
            }
        }

        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = Acc { v: vec![], g: Tracker::new("a") };
                let r = a.add(1).await;
                let big = [7u64; 24];
                step("s").await;
                r.v.push(40);
                let other = Tracker::new("o");
                step("t").await;
                drop(other);
                let mut out = a.v.clone();
                out.push(big[1] as u32);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A fluent chain on a field of a local struct, the struct's other field used after.
    p11_fluent_field_receiver {
        #[derive(Debug)]
        pub struct Acc { pub v: Vec<u32>, pub g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.v.iter().sum()
                }
            }
        }

        pub struct W { pub acc: Acc, pub other: Tracker, pub n: u32 }
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut w = W { acc: Acc { v: vec![], g: Tracker::new("acc") }, other: Tracker::new("w"), n: 5 };
                w.acc.add(1).await.add(2).await;
                let pad = [1u8; 40];
                w.n += leaf("n", 1).await;
                w.acc.add(w.n).await.add(pad[0] as u32).await;
                (w.acc.total().await, w.n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A fluent chain on `self.acc` in a `&mut self` method.
    p11_fluent_self_field {
        #[derive(Debug)]
        pub struct Acc { pub v: Vec<u32>, pub g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.v.iter().sum()
                }
            }
        }

        pub struct H { pub acc: Acc, pub t: Tracker }
        impl H {
            lower! {
                pub async fn go(&mut self, k: u32) -> u32 {
                    let local = Tracker::new("local");
                    self.acc.add(k).await.add(k + 1).await;
                    let r = self.acc.add(k + 2).await;
                    r.add(k + 3).await;
                    drop(local);
                    self.acc.total().await
                }
            }
        }
    }
    run { async { let mut h = H { acc: Acc { v: vec![], g: Tracker::new("acc") }, t: Tracker::new("h") }; let x = h.go(1).await; let y = h.go(10).await; (x, y, h.acc.v) } }
}

twin! {
    /// A fluent chain on an element of a local vector, with a binding of one link awaited on later.
    p11_fluent_vec_elem {
        #[derive(Debug)]
        pub struct Acc { pub v: Vec<u32>, pub g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.v.iter().sum()
                }
            }
        }

        lower! {
            pub async fn f() -> Vec<u32> {
                let mut accs = vec![Acc { v: vec![], g: Tracker::new("a0") }, Acc { v: vec![], g: Tracker::new("a1") }];
                accs[1].add(5).await.add(6).await;
                let r = accs[0].add(1).await;
                let pad = [0u64; 30];
                step("s").await;
                r.add(2).await;
                accs.iter().map(|a| a.v.len() as u32).chain([pad[0] as u32]).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// In a loop: a fluent chain, and a link bound and awaited on in one branch only.
    p11_fluent_in_loop {
        #[derive(Debug)]
        pub struct Acc { pub v: Vec<u32>, pub g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.v.iter().sum()
                }
            }
        }

        lower! {
            pub async fn f(n: u32) -> (u32, Vec<u32>) {
                let mut a = Acc { v: vec![], g: Tracker::new("a") };
                for i in 0..n {
                    let t = Tracker::new("iter");
                    a.add(i).await.add(i * 10).await;
                    let r = a.add(100 + i).await;
                    if i % 2 == 0 {
                        r.add(200 + i).await;
                    } else {
                        step("odd").await;
                    }
                    drop(t);
                }
                (a.total().await, a.v.clone())
            }
        }
    }
    run { f(3) }
}

twin! {
    /// An `if` joining an awaited `&mut Self` on one path and a plain reborrow on the other, awaited on after.
    p11_fluent_join_ref {
        #[derive(Debug)]
        pub struct Acc { pub v: Vec<u32>, pub g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.v.iter().sum()
                }
            }
        }

        lower! {
            pub async fn f(c: bool) -> (Vec<u32>, Vec<u32>) {
                let mut a = Acc { v: vec![], g: Tracker::new("a") };
                let mut b = Acc { v: vec![], g: Tracker::new("b") };
                let r = if c { a.add(1).await } else { &mut b };
                let pad = [5u64; 24];
                step("s").await;
                r.add(2).await.add(pad[0] as u32).await;
                (a.v.clone(), b.v.clone())
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A deferred `let r;` assigned an awaited `&mut Self` in both branches, awaited on after.
    p11_fluent_deferred_let {
        #[derive(Debug)]
        pub struct Acc { pub v: Vec<u32>, pub g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.v.iter().sum()
                }
            }
        }

        lower! {
            pub async fn f(c: bool) -> Vec<u32> {
                let mut a = Acc { v: vec![], g: Tracker::new("a") };
                let r;
                if c {
                    r = a.add(1).await;
                } else {
                    step("else").await;
                    r = a.add(100).await;
                }
                let pad = [5u64; 24];
                step("s").await;
                r.add(2).await;
                let mut v = a.v.clone();
                v.push(pad[2] as u32);
                v
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// An awaited `&self` method returning a struct that borrows the receiver, read after awaits.
    p11_awaited_view_struct {
        pub struct Store { pub items: Vec<u32>, pub t: Tracker }
        pub struct View<'a> { pub s: &'a [u32] }
        impl Store {
            lower! {
                pub async fn view(&self) -> View<'_> {
                    step("view").await;
                    View { s: &self.items[1..] }
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let st = Store { items: vec![1, 2, 3, 4], t: Tracker::new("st") };
                let v = st.view().await;
                let big = [9u64; 32];
                step("s").await;
                let other = Tracker::new("other");
                step("t").await;
                drop(other);
                v.s.iter().sum::<u32>() + big[0] as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited `&mut self` method returning `(&mut Inner, u32)` destructured, the reference awaited on.
    p11_tuple_output_awaited_on {
        pub struct Inner { pub n: u32, pub t: Tracker }
        impl Inner {
            lower! {
                pub async fn bump(&mut self, k: u32) -> u32 {
                    step("bump").await;
                    self.n += k;
                    self.n
                }
            }
        }
        pub struct Outer { pub inner: Inner, pub count: u32 }
        impl Outer {
            lower! {
                pub async fn split(&mut self) -> (&mut Inner, u32) {
                    step("split").await;
                    self.count += 1;
                    (&mut self.inner, self.count)
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, u32) {
                let mut o = Outer { inner: Inner { n: 1, t: Tracker::new("inner") }, count: 0 };
                let (r, c) = o.split().await;
                let pad = [1u64; 32];
                step("s").await;
                let x = r.bump(10 + pad[0] as u32).await;
                (x, c, o.inner.n)
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited method returning `Option<&mut Item>` matched by `if let`, the binding awaited on.
    p11_if_let_output_awaited_on {
        pub struct Item { pub n: u32, pub t: Tracker }
        impl Item {
            lower! {
                pub async fn bump(&mut self) -> u32 {
                    step("bump").await;
                    self.n += 1;
                    self.n
                }
            }
        }
        pub struct Bag { pub items: Vec<Item> }
        impl Bag {
            lower! {
                pub async fn find(&mut self, n: u32) -> Option<&mut Item> {
                    step("find").await;
                    self.items.iter_mut().find(|i| i.n == n)
                }
            }
        }
        lower! {
            pub async fn f(k: u32) -> (u32, Vec<u32>) {
                let mut b = Bag { items: vec![Item { n: 1, t: Tracker::new("i1") }, Item { n: 2, t: Tracker::new("i2") }] };
                let mut got = 0;
                if let Some(it) = b.find(k).await {
                    let pad = [2u64; 32];
                    step("s").await;
                    got = it.bump().await + pad[0] as u32;
                }
                (got, b.items.iter().map(|i| i.n).collect())
            }
        }
    }
    run { pair(f(2), f(5)) }
}

twin! {
    /// An awaited method's `&mut` output matched, one arm awaiting on it after another await.
    p11_match_output_awaited_on {
        pub struct Item { pub n: u32, pub t: Tracker }
        impl Item {
            lower! {
                pub async fn bump(&mut self) -> u32 {
                    step("bump").await;
                    self.n += 1;
                    self.n
                }
            }
        }
        pub struct Bag { pub items: Vec<Item> }
        impl Bag {
            lower! {
                pub async fn first(&mut self) -> &mut Item {
                    step("first").await;
                    &mut self.items[0]
                }
            }
        }
        lower! {
            pub async fn f(k: u32) -> (u32, u32) {
                let mut b = Bag { items: vec![Item { n: 1, t: Tracker::new("i1") }] };
                let got = match b.first().await {
                    it if k > 0 => {
                        let pad = [2u64; 32];
                        step("s").await;
                        it.bump().await + pad[0] as u32
                    }
                    _ => 0,
                };
                (got, b.items[0].n)
            }
        }
    }
    run { pair(f(1), f(0)) }
}

twin! {
    /// Nested if/match joins whose values come from an await on some paths only.
    p11_join_nested {
        lower! {
            pub async fn f(c: bool, d: bool, n: u32) -> String {
                let t = Tracker::new("t");
                let s = if c {
                    if d { leaf("x", String::from("x")).await } else { "d".into() }
                } else {
                    match n {
                        0 => "zero".into(),
                        1 => { let k = leaf("k", 7).await; format!("k{k}") }
                        _ => leaf("m", "many").await.to_string(),
                    }
                };
                step("after").await;
                drop(t);
                s
            }
        }
    }
    run { async { (f(true, true, 0).await, f(true, false, 0).await, f(false, true, 0).await, f(false, true, 1).await, f(false, false, 2).await) } }
}

twin! {
    /// A join in a loop body, the joined value pushed, with trackers per iteration.
    p11_join_in_loop {
        lower! {
            pub async fn f(n: u32) -> Vec<String> {
                let mut out = Vec::new();
                let g = Tracker::new("g");
                for i in 0..n {
                    let t = Tracker::new("it");
                    let s = if i % 2 == 0 { leaf("even", format!("e{i}")).await } else { i.to_string() };
                    let u = match i { 0 => s.clone(), _ => { step("u").await; s.clone() + "!" } };
                    drop(t);
                    out.push(s + &u);
                    if i == 2 { continue; }
                    step("tail").await;
                }
                drop(g);
                out
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A join whose awaiting path uses `?`.
    p11_join_question_mark {
        lower! {
            pub async fn f(c: bool, ok: bool) -> Result<String, String> {
                let t = Tracker::new("t");
                let s = if c {
                    leaf("r", if ok { Ok(7u32) } else { Err(String::from("bad")) }).await?
                } else {
                    Default::default()
                };
                let w = Tracker::new("w");
                step("after").await;
                drop(w);
                let _ = &t;
                Ok(format!("{}", s + 1))
            }
        }
    }
    run { async { (f(true, true).await, f(true, false).await, f(false, false).await) } }
}

twin! {
    /// A `loop` whose break values come from an await on some paths.
    p11_join_loop_break_values {
        lower! {
            pub async fn f(limit: u32) -> (String, u32) {
                let mut i = 0;
                let t = Tracker::new("t");
                let s = loop {
                    i += 1;
                    let v = leaf("v", i * 2).await;
                    if v > limit { break format!("big{v}"); }
                    if i == 3 { break leaf("three", String::from("three")).await; }
                    if i > 10 { break "never".into(); }
                };
                step("after").await;
                drop(t);
                (s, i)
            }
        }
    }
    run { async { (f(1).await, f(100).await) } }
}

twin! {
    /// A labelled block whose value leaves by `break 'b` with an await on one path.
    p11_join_labelled_block {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let t = Tracker::new("t");
                let v = 'b: {
                    if n == 0 { break 'b Vec::new(); }
                    let k = leaf("k", n).await;
                    if k > 5 { break 'b leaf("big", vec![k, k]).await; }
                    vec![k]
                };
                let mut v = v;
                v.push(leaf("tail", 1).await);
                drop(t);
                v
            }
        }
    }
    run { async { (f(0).await, f(2).await, f(9).await) } }
}

twin! {
    /// A deferred `let s;` assigned in branches, then assigned again from a join (old value dropped).
    p11_join_deferred_and_assign {
        lower! {
            pub async fn f(c: bool) -> (String, String) {
                let s;
                let mut t;
                if c {
                    s = leaf("s", String::from("S")).await;
                    t = Tracker::new("t1");
                } else {
                    t = Tracker::new("t2");
                    s = "plain".into();
                }
                step("mid").await;
                t = if c { Tracker::new("t3") } else { leaf("t4", Tracker::new("t4")).await };
                let name = String::from(t.name());
                step("end").await;
                (s, name)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A join whose value borrows a local (a leaf returning the borrow on one path).
    p11_join_borrows_local {
        lower! {
            pub async fn f(c: bool) -> usize {
                let name = String::from("hello world");
                let t = Tracker::new("t");
                let s = if c { leaf("x", &name[..5]).await } else { &name[6..] };
                let pad = [1u64; 32];
                step("s").await;
                drop(t);
                s.len() + pad[0] as usize
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A closure in the continuation of a join capturing the joined value.
    p11_join_closure_continuation {
        lower! {
            pub async fn f(c: bool) -> Vec<String> {
                let t = Tracker::new("t");
                let s = if c { leaf("x", String::from("a")).await } else { "b".into() };
                let mk = |x: u32| format!("{s}{x}");
                let mut out = vec![mk(1)];
                out.push(mk(leaf("n", 2).await));
                drop(t);
                out.push(s.clone());
                out
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A join shadowing the local it reads.
    p11_join_shadow {
        lower! {
            pub async fn f(c: bool) -> String {
                let s = String::from("base");
                let t = Tracker::new("t");
                let s = if c { s + &leaf("x", String::from("+x")).await } else { s };
                let s = match s.len() { 4 => s, _ => { step("long").await; s.to_uppercase() } };
                drop(t);
                step("end").await;
                s
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A join making `Option<Tracker>`: `Some(x.await)` / `None`, dropped at scope end or replaced.
    p11_join_option_tracker {
        lower! {
            pub async fn f(c: bool) -> bool {
                let a = Tracker::new("a");
                let mut o = if c { Some(leaf("o", Tracker::new("o")).await) } else { None };
                let b = Tracker::new("b");
                step("s").await;
                let had = o.is_some();
                if !had { o = Some(Tracker::new("late")); }
                step("t").await;
                drop(a);
                let _ = &b;
                had && o.is_some()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A match join with trackers made on each path, alive across the join.
    p11_join_match_cancel_trackers {
        lower! {
            pub async fn f(n: u32) -> (u32, String) {
                let (k, g) = match n {
                    0 => (0, Tracker::new("g0")),
                    1 => { let g = Tracker::new("g1"); (leaf("one", 1).await, g) }
                    _ => (leaf("many", n).await, leaf("gm", Tracker::new("gm")).await),
                };
                step("after").await;
                (k, g.name().to_string())
            }
        }
    }
    run { async { (f(0).await, f(1).await, f(2).await) } }
}

twin! {
    /// Awaited calls on temporaries that borrow locals (shared and `&mut`), the locals used after.
    p11_temp_recv_borrows_locals {
        pub struct Job<'a> { pub name: &'a str, pub t: Tracker }
        impl<'a> Job<'a> {
            pub fn new(name: &'a str) -> Self { log(format!("new job {name}")); Job { name, t: Tracker::new("job") } }
            lower! {
                pub async fn run(self) -> usize {
                    step("run").await;
                    self.name.len()
                }
            }
        }
        pub struct Counter<'a> { pub n: &'a mut u32, pub t: Tracker }
        impl<'a> Counter<'a> {
            pub fn new(n: &'a mut u32) -> Self { Counter { n, t: Tracker::new("counter") } }
            lower! {
                pub async fn bump(&mut self, k: u32) -> u32 {
                    step("bump").await;
                    *self.n += k;
                    *self.n
                }
            }
        }
        lower! {
            pub async fn f() -> (String, u32, usize) {
                let name = String::from("alpha");
                let mut total = 1;
                let held = Tracker::new("held");
                Job::new(&name).run().await;
                Counter::new(&mut total).bump(2).await;
                let x = Job::new(&name[1..]).run().await;
                Counter::new(&mut total).bump(x as u32).await;
                drop(held);
                (name, total, x)
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited call on a temporary built from fields of locals (not moved whole), the locals used or dropped after.
    p11_temp_recv_field_arg {
        pub struct Job { pub n: u32, pub t: Tracker }
        impl Job {
            pub fn new(n: u32) -> Job { Job { n, t: Tracker::new("job") } }
            lower! {
                pub async fn run(self) -> u32 {
                    step("run").await;
                    self.n * 2
                }
            }
        }
        pub struct Cfg { pub n: u32, pub t: Tracker }
        lower! {
            pub async fn f() -> u32 {
                let cfg = Cfg { n: 3, t: Tracker::new("cfg") };
                let other = Cfg { n: 4, t: Tracker::new("other") };
                let v = vec![5u32, 6];
                Job::new(cfg.n).run().await;
                Job::new(v[1]).run().await;
                Job::new(other.t.0.len() as u32).run().await;
                step("after").await;
                log("end");
                v[0] + cfg.n
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited call on a temporary whose argument clones a local, the local used after.
    p11_temp_recv_clone_arg {
        pub struct Job { pub s: String, pub t: Tracker }
        impl Job {
            pub fn new(s: String) -> Job { Job { s, t: Tracker::new("job") } }
            lower! {
                pub async fn run(self, k: usize) -> usize {
                    step("run").await;
                    self.s.len() + k
                }
            }
        }
        lower! {
            pub async fn f() -> (String, usize) {
                let name = String::from("abc");
                let t = Tracker::new("t");
                Job::new(name.clone()).run(name.len()).await;
                let n = Job::new(name.clone() + "d").run(1).await;
                drop(t);
                (name, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// In a method, awaited calls on temporaries borrowing `self` fields, shared and `&mut`.
    p11_temp_recv_self_fields {
        pub struct Job<'a> { pub name: &'a str, pub t: Tracker }
        impl<'a> Job<'a> {
            pub fn new(name: &'a str) -> Self { Job { name, t: Tracker::new("job") } }
            lower! {
                pub async fn run(self) -> usize {
                    step("run").await;
                    self.name.len()
                }
            }
        }
        pub struct Counter<'a> { pub n: &'a mut u32 }
        impl<'a> Counter<'a> {
            lower! {
                pub async fn bump(self, k: u32) -> u32 {
                    step("bump").await;
                    *self.n += k;
                    *self.n
                }
            }
        }
        pub struct Svc { pub name: String, pub count: u32, pub t: Tracker }
        impl Svc {
            lower! {
                pub async fn go(&mut self) -> (usize, u32) {
                    let x = Job::new(&self.name).run().await;
                    Counter { n: &mut self.count }.bump(x as u32).await;
                    Counter { n: &mut self.count }.bump(1).await;
                    self.name.push('!');
                    let y = Job::new(&self.name).run().await;
                    (y, self.count)
                }
            }
        }
    }
    run { async { let mut s = Svc { name: "svc".into(), count: 0, t: Tracker::new("svc") }; let r = s.go().await; (r, s.name.clone(), s.count) } }
}

twin! {
    /// An awaited call on a temporary whose argument awaits too, with trackers alive.
    p11_temp_recv_awaiting_arg {
        pub struct Job { pub n: u32, pub t: Tracker }
        impl Job {
            pub fn new(n: u32) -> Job { log(format!("new {n}")); Job { n, t: Tracker::new("job") } }
            lower! {
                pub async fn run(&self, k: u32) -> u32 {
                    step("run").await;
                    self.n + k
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                Job::new(1).run(leaf("a", 2).await).await;
                let x = Job::new(leaf("b", 3).await).run(leaf("c", 4).await).await;
                drop(t);
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited call on a temporary that panics: drop order of the temporary against locals.
    p11_temp_recv_panic {
        pub struct Job { pub t: Tracker }
        impl Job {
            pub fn new(name: &'static str) -> Job { Job { t: Tracker::new(name) } }
            lower! {
                pub async fn run(self, fail: bool) -> u32 {
                    step("run").await;
                    let inner = Tracker::new("inner");
                    if fail { boom("boom").await; }
                    drop(inner);
                    1
                }
            }
            lower! {
                pub async fn peek(&self, fail: bool) -> u32 {
                    step("peek").await;
                    if fail { return boom("peekboom").await; }
                    2
                }
            }
        }
        lower! {
            pub async fn f(a: bool, b: bool) -> u32 {
                let t = Tracker::new("t");
                Job::new("j1").run(a).await;
                let u = Tracker::new("u");
                Job::new("j2").peek(b).await;
                drop(u);
                let _ = &t;
                3
            }
        }
    }
    run { f(false, true) }
}

twin! {
    /// An awaited by-value call on a temporary that panics after an await.
    p11_temp_recv_panic_run {
        pub struct Job { pub t: Tracker }
        impl Job {
            lower! {
                pub async fn run(self, fail: bool) -> u32 {
                    step("run").await;
                    if fail { boom("boom").await; }
                    1
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                Job { t: Tracker::new("j") }.run(true).await;
                let _ = &t;
                3
            }
        }
    }
    run { f() }
}

twin! {
    /// Awaited calls on temporaries stay `Send` (asserted on both twins).
    p11_temp_recv_send {
        pub fn assert_send<T: Send>(t: T) -> T { t }
        pub struct Job<'a> { pub name: &'a str, pub t: Tracker }
        impl<'a> Job<'a> {
            lower! {
                pub async fn run(self, k: &mut u32) -> usize {
                    step("run").await;
                    *k += 1;
                    self.name.len()
                }
            }
        }
        lower! {
            pub async fn f(name: String) -> (usize, u32) {
                let mut k = 0;
                let x = Job { name: &name, t: Tracker::new("j") }.run(&mut k).await;
                Job { name: &name[1..], t: Tracker::new("j2") }.run(&mut k).await;
                let n = 5;
                Job { name: "zz", t: Tracker::new("j3") }.run(&mut k).await;
                (x, k + n)
            }
        }
    }
    run { assert_send(f(String::from("abc"))) }
}

twin! {
    /// `let x = Foo::new(..).m(&a).await?;` and `return X::new(..).go().await` with locals borrowed.
    p11_temp_recv_question_return {
        pub struct Foo { pub t: Tracker, pub lim: usize }
        impl Foo {
            pub fn new(lim: usize) -> Foo { Foo { t: Tracker::new("foo"), lim } }
            lower! {
                pub async fn m(&self, a: &[u32]) -> Result<u32, String> {
                    step("m").await;
                    if a.len() > self.lim { Err(format!("too long {}", a.len())) } else { Ok(a.iter().sum()) }
                }
            }
            lower! {
                pub async fn go(self, v: Vec<u32>) -> Result<u32, String> {
                    step("go").await;
                    Ok(v.len() as u32 + self.lim as u32)
                }
            }
        }
        lower! {
            pub async fn f(lim: usize, early: bool) -> Result<u32, String> {
                let a = vec![1u32, 2, 3];
                let t = Tracker::new("t");
                let x = Foo::new(lim).m(&a).await?;
                if early {
                    return Foo::new(lim).go(a.clone()).await;
                }
                let y = Foo::new(lim + 1).m(&a[..2]).await?;
                drop(t);
                Ok(x + y + a[0])
            }
        }
    }
    run { async { (f(5, false).await, f(5, true).await, f(2, false).await) } }
}

twin! {
    /// `let S { ref a, .. } = s;` and `let (ref mut x, _) = pair;` before awaits.
    p11_destr_ref_bindings {
        pub struct S { pub a: Tracker, pub b: Tracker, pub n: u32 }
        lower! {
            pub async fn f() -> (String, u32) {
                let s = S { a: Tracker::new("a"), b: Tracker::new("b"), n: 3 };
                let mut pair = (5u32, Tracker::new("p1"));
                let S { ref a, .. } = s;
                let (ref mut x, _) = pair;
                step("s").await;
                *x += leaf("x", 1).await;
                let name = a.name().to_string();
                step("t").await;
                (name + s.b.name(), pair.0 + s.n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A nested destructuring `let` with `..` at two levels on an owned local.
    p11_destr_nested {
        pub struct I { pub x: Tracker, pub y: Tracker }
        pub struct O { pub inner: I, pub t: Tracker, pub u: Tracker }
        lower! {
            pub async fn f() -> String {
                let o = O { inner: I { x: Tracker::new("x"), y: Tracker::new("y") }, t: Tracker::new("t"), u: Tracker::new("u") };
                let O { inner: I { x, .. }, t, .. } = o;
                log("split");
                step("s").await;
                drop(x);
                step("t").await;
                t.name().to_string()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let S { mut n, a, .. } = s;` then awaits, then the rest of `s` used field by field.
    p11_destr_mut_then_field {
        pub struct S { pub a: Tracker, pub b: Tracker, pub c: Tracker, pub n: u32 }
        lower! {
            pub async fn f() -> u32 {
                let s = S { a: Tracker::new("a"), b: Tracker::new("b"), c: Tracker::new("c"), n: 3 };
                let S { mut n, a, .. } = s;
                n += leaf("n", 1).await;
                drop(s.b);
                step("s").await;
                drop(a);
                step("t").await;
                n + s.n
            }
        }
    }
    run { f() }
}

// Known gap: a destructuring `let` of an enum variant with `..` (`let E::Only { a, .. } = e;`) before an await: only struct and tuple patterns are bound field by field, so the rest drops at the `let`.
#[cfg(feature = "known-gaps")]
twin! {
    /// Destructuring an enum with one variant (irrefutable) with `..`, then awaits.
    p11_destr_one_variant_enum {
        pub enum E { Only { a: Tracker, b: Tracker, n: u32 } }
        lower! {
            pub async fn f() -> u32 {
                let e = E::Only { a: Tracker::new("a"), b: Tracker::new("b"), n: 4 };
                let E::Only { a, n, .. } = e;
                step("s").await;
                drop(a);
                step("t").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Self(a, _) = self;` in a by-value method, then awaits.
    p11_destr_self_tuple {
        pub struct P(pub Tracker, pub Tracker, pub u32);
        impl P {
            lower! {
                pub async fn go(self) -> u32 {
                    let Self(a, _, n) = self;
                    step("s").await;
                    drop(a);
                    step("t").await;
                    n
                }
            }
            lower! {
                pub async fn go2(self) -> u32 {
                    let P(_, ref b, n) = self;
                    step("s2").await;
                    log(b.name());
                    n + 1
                }
            }
        }
    }
    run { async { (P(Tracker::new("a"), Tracker::new("b"), 1).go().await, P(Tracker::new("c"), Tracker::new("d"), 2).go2().await) } }
}

twin! {
    /// A tuple parameter destructured with `_`, then its moved part assigned again after an await.
    p11_destr_param_tuple_reassign {
        lower! {
            pub async fn f(mut pair: (Tracker, Tracker), n: u32) -> String {
                let (x, _) = pair;
                step("s").await;
                pair.0 = Tracker::new("new0");
                step("t").await;
                format!("{} {} {}", x.name(), pair.0.name(), n)
            }
        }
    }
    run { f((Tracker::new("p0"), Tracker::new("p1")), 2) }
}

twin! {
    /// Awaited values read through: `.0.len()`, a method call on the output, and a destructuring assignment.
    p11_read_through_awaited {
        pub async fn mk(n: u32) -> (Vec<u32>, Tracker) {
            step("mk").await;
            ((0..n).collect(), Tracker::new("out"))
        }
        lower! {
            pub async fn f() -> (usize, u32, u32) {
                let t = Tracker::new("t");
                let n = mk(3).await.0.len();
                log("after len");
                mk(2).await.0.push(1);
                log("after push");
                let a;
                (a, _) = mk(4).await;
                log("after assign");
                let s: u32 = mk(5).await.0.iter().sum();
                step("end").await;
                drop(t);
                (n, a.iter().sum(), s)
            }
        }
    }
    run { f() }
}

twin! {
    /// let-else with temporaries in the scrutinee and an awaiting else.
    p11_let_else_await_else {
        pub struct Store { pub items: Vec<u32>, pub t: Tracker }
        impl Store {
            pub fn new(name: &'static str) -> Store { Store { items: vec![1, 2, 3], t: Tracker::new(name) } }
            pub fn get(&self, i: usize) -> Option<u32> { self.items.get(i).copied() }
        }
        lower! {
            pub async fn f(i: usize) -> u32 {
                let t = Tracker::new("t");
                let Some(x) = Store::new("tmp").get(i) else {
                    step("else").await;
                    let g = Tracker::new("g");
                    return leaf("fallback", 100).await + g.name().len() as u32;
                };
                let Some(y) = Store::new("tmp2").get(leaf("i", i).await) else {
                    step("else2").await;
                    return 0;
                };
                drop(t);
                x + y
            }
        }
    }
    run { async { (f(1).await, f(7).await) } }
}

twin! {
    /// if-let chains with awaits in later conditions and temporaries in the first scrutinee.
    p11_if_let_chain_awaits {
        pub struct Store { pub items: Vec<u32>, pub t: Tracker }
        impl Store {
            pub fn new(name: &'static str) -> Store { Store { items: vec![1, 2, 3], t: Tracker::new(name) } }
            pub fn get(&self, i: usize) -> Option<&u32> { self.items.get(i) }
        }
        lower! {
            pub async fn f(i: usize, lim: u32) -> u32 {
                let t = Tracker::new("t");
                let r = if let Some(x) = Store::new("tmp").get(i)
                    && leaf("c", *x).await > lim
                    && let Some(y) = Some(leaf("y", *x * 10).await)
                {
                    step("body").await;
                    x + y
                } else {
                    step("else").await;
                    0
                };
                drop(t);
                r
            }
        }
    }
    run { async { (f(1, 0).await, f(1, 5).await, f(9, 0).await) } }
}

twin! {
    /// Match guards that await, with a temporary scrutinee holding a tracker.
    p11_match_guard_awaits {
        pub struct Store { pub items: Vec<u32>, pub t: Tracker }
        impl Store {
            pub fn new(name: &'static str) -> Store { Store { items: vec![4, 5], t: Tracker::new(name) } }
            pub fn get(&self, i: usize) -> Option<&u32> { self.items.get(i) }
        }
        lower! {
            pub async fn f(i: usize) -> u32 {
                let t = Tracker::new("t");
                let r = match Store::new("tmp").get(i) {
                    Some(x) if leaf("g1", *x).await > 4 => { step("arm1").await; *x * 2 }
                    Some(x) if { let g = Tracker::new("guard"); leaf("g2", *x + g.name().len() as u32).await > 100 } => 1,
                    Some(x) => *x,
                    None => leaf("none", 0).await,
                };
                drop(t);
                r
            }
        }
    }
    run { async { (f(0).await, f(1).await, f(5).await) } }
}

twin! {
    /// Shrink: an `if` join giving an awaited `&mut Self` on one path, awaited on after an await.
    p11_min_fluent_join_ref {
        pub struct Acc { pub v: Vec<u32> }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
        }

        lower! {
            pub async fn f(c: bool) -> Vec<u32> {
                let mut a = Acc { v: vec![] };
                let mut b = Acc { v: vec![] };
                let r = if c { a.add(1).await } else { &mut b };
                step("s").await;
                r.add(2).await;
                a.v.clone()
            }
        }
    }
    run { f(true) }
}

twin! {
    /// Shrink: an awaited `&mut Self` output moved to another name, awaited on after an await.
    p11_min_fluent_alias {
        pub struct Acc { pub v: Vec<u32> }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
        }

        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = Acc { v: vec![] };
                let r = a.add(1).await;
                let q = r;
                step("s").await;
                q.add(2).await;
                a.v.clone()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: a deferred `let r;` assigned an awaited `&mut Self`, awaited on after an await.
    p11_min_fluent_deferred {
        pub struct Acc { pub v: Vec<u32> }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
        }

        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = Acc { v: vec![] };
                let r;
                r = a.add(1).await;
                step("s").await;
                r.add(2).await;
                a.v.clone()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: `let r: &mut Acc = a.add(1).await;` (a typed pattern), awaited on after an await.
    p11_min_fluent_typed_let {
        pub struct Acc { pub v: Vec<u32> }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
        }

        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = Acc { v: vec![] };
                let r: &mut Acc = a.add(1).await;
                step("s").await;
                r.add(2).await;
                a.v.clone()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: the awaited output awaited on through `(*r)`.
    p11_min_fluent_deref_receiver {
        pub struct Acc { pub v: Vec<u32> }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
        }

        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = Acc { v: vec![] };
                let r = a.add(1).await;
                step("s").await;
                (*r).add(2).await;
                a.v.clone()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: an awaited `&mut Self` output written through after a later await (not awaited on).
    p11_min_awaited_ref_written {
        pub struct Acc { pub v: Vec<u32> }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
        }

        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = Acc { v: vec![] };
                let r = a.add(1).await;
                step("s").await;
                r.v.push(40);
                a.v.clone()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: an awaited method returning `&mut u32` into a local, written after a later await.
    p11_min_awaited_slot_ref {
        pub struct Cell2 { pub n: [u32; 2] }
        impl Cell2 {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 {
                    step("slot").await;
                    &mut self.n[i]
                }
            }
        }
        lower! {
            pub async fn f() -> [u32; 2] {
                let mut a = Cell2 { n: [1, 2] };
                let r = a.slot(1).await;
                step("s").await;
                *r += 40;
                a.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: a `match` join of two awaited `&mut Self` outputs, awaited on after an await.
    p11_min_fluent_match_join {
        pub struct Acc { pub v: Vec<u32> }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
        }

        lower! {
            pub async fn f(k: u32) -> Vec<u32> {
                let mut a = Acc { v: vec![] };
                let r = match k { 0 => a.add(1).await, _ => a.add(2).await };
                step("s").await;
                r.add(3).await;
                a.v.clone()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Shrink: `let mut r = a.add(1).await;` reassigned to another awaited output, awaited on.
    p11_min_fluent_mut_pattern {
        pub struct Acc { pub v: Vec<u32> }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
        }

        lower! {
            pub async fn f() -> (Vec<u32>, Vec<u32>) {
                let mut a = Acc { v: vec![] };
                let mut b = Acc { v: vec![] };
                let mut r = a.add(1).await;
                step("s").await;
                r.add(2).await;
                r = b.add(10).await;
                step("t").await;
                r.add(11).await;
                (a.v.clone(), b.v.clone())
            }
        }
    }
    run { f() }
}

// Known gap: a destructuring `let` of an enum variant with `..` (`let E::Only { a, .. } = e;`) before an await: only struct and tuple patterns are bound field by field, so the rest drops at the `let`.
#[cfg(feature = "known-gaps")]
twin! {
    /// Shrink: a destructuring `let` of a one-variant enum with `..` before an await.
    p11_min_enum_one_variant {
        pub enum E { Only { a: Tracker, b: Tracker } }
        lower! {
            pub async fn f() -> &'static str {
                let e = E::Only { a: Tracker::new("a"), b: Tracker::new("b") };
                let E::Only { a, .. } = e;
                step("s").await;
                a.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: an awaited call on a temporary borrowing a local must stay `Send` as native.
    p11_min_temp_recv_send {
        pub fn assert_send<T: Send>(t: T) -> T { t }
        pub struct Job<'a> { pub name: &'a str }
        impl<'a> Job<'a> {
            lower! {
                pub async fn run(self) -> usize {
                    step("run").await;
                    self.name.len()
                }
            }
        }
        lower! {
            pub async fn f(name: String) -> usize {
                let x = Job { name: &name }.run().await;
                x + name.len()
            }
        }
    }
    run { assert_send(f(String::from("abc"))) }
}

twin! {
    /// Control for the Send shrink: the same call on a named local instead of a temporary.
    p11_min_temp_recv_send_let {
        pub fn assert_send<T: Send>(t: T) -> T { t }
        pub struct Job<'a> { pub name: &'a str }
        impl<'a> Job<'a> {
            lower! {
                pub async fn into_len(self) -> usize {
                    step("run").await;
                    self.name.len()
                }
            }
        }
        lower! {
            pub async fn f(name: String) -> usize {
                let j = Job { name: &name };
                let x = j.into_len().await;
                x + name.len()
            }
        }
    }
    run { assert_send(f(String::from("abc"))) }
}

twin! {
    /// `let (a, _) = f().await;` and `let (_, ref b) = g().await;`: what the pattern leaves drops at the end of the `let`.
    p11_destr_awaited_tuple_let {
        pub async fn mk(name: &'static str) -> (Tracker, Tracker) {
            step("mk").await;
            (Tracker::new(name), Tracker::new("rest"))
        }
        lower! {
            pub async fn f() -> String {
                let t = Tracker::new("t");
                let (a, _) = mk("a").await;
                log("after a");
                let (_, ref b) = mk("b").await;
                log("after b");
                step("s").await;
                drop(t);
                format!("{} {}", a.name(), b.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// Joins whose awaiting path runs a fluent chain and reads through it.
    p11_join_with_fluent {
        #[derive(Debug)]
        pub struct Acc { pub v: Vec<u32>, pub g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.v.iter().sum()
                }
            }
        }

        lower! {
            pub async fn f(c: bool) -> (usize, Vec<u32>) {
                let mut a = Acc { v: vec![], g: Tracker::new("a") };
                let n = if c { a.add(1).await.add(2).await.v.len() } else { 0 };
                let m = match n { 0 => a.add(7).await.v.len(), k => k + 10 };
                step("s").await;
                (n + m, a.v.clone())
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `return a.add(1).await.add(2).await.v.len()` from inside a loop, trackers alive.
    p11_return_fluent {
        #[derive(Debug)]
        pub struct Acc { pub v: Vec<u32>, pub g: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> &mut Self {
                    step("add").await;
                    self.v.push(x);
                    self
                }
            }
            lower! {
                pub async fn total(&self) -> u32 {
                    step("total").await;
                    self.v.iter().sum()
                }
            }
        }

        lower! {
            pub async fn f(k: u32) -> usize {
                let mut a = Acc { v: vec![], g: Tracker::new("a") };
                let mut i = 0;
                loop {
                    let t = Tracker::new("loop");
                    i += 1;
                    if i == k {
                        return a.add(i).await.add(i + 1).await.v.len();
                    }
                    step("l").await;
                    drop(t);
                }
            }
        }
    }
    run { pair(f(1), f(3)) }
}

twin! {
    /// A join in a nested loop left by `break 'outer value` with an await on one path.
    p11_join_break_outer_label {
        lower! {
            pub async fn f(n: u32) -> (String, u32) {
                let t = Tracker::new("t");
                let mut count = 0;
                let s = 'outer: loop {
                    for i in 0..n {
                        count += 1;
                        let g = Tracker::new("g");
                        match i {
                            2 => break 'outer leaf("two", format!("two{count}")).await,
                            5 => break 'outer "five".to_string(),
                            _ => { step("it").await; drop(g); }
                        }
                    }
                    break String::from("done");
                };
                drop(t);
                (s, count)
            }
        }
    }
    run { async { (f(1).await, f(4).await) } }
}
