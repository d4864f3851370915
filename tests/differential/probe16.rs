//! Probe round 16: an examiner's programs with their own types: async methods taking
//! `self`, `&self`, `&mut self`, `self: Box<Self>` called on locals and awaited, builders,
//! traits with `async fn` called through generics, lowered methods calling lowered
//! methods, and the receivers read from the declarations in this file (same-named methods
//! of several types, trait methods, generic methods, nested declarations).
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};

twin! {
    /// `conn.query(..).await` (`&self`) then `conn.close().await` (`self`).
    p16_conn_query_close {
        pub struct Conn { pub id: u32, pub t: Tracker }
        impl Conn {
            pub async fn query(&self, q: u32) -> u32 { leaf("q", q + self.id).await }
            pub async fn close(self) -> u32 { step("close").await; log("closing"); self.id }
        }
        lower! {
            pub async fn f(id: u32) -> (u32, u32) {
                let _g = Tracker::new("g");
                let conn = Conn { id, t: Tracker::new("conn") };
                let a = conn.query(1).await;
                let b = conn.query(a).await;
                let n = conn.close().await;
                step("after").await;
                (a + b, n)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `let tx = db.begin().await; tx.exec(..).await; tx.commit().await` or rollback.
    p16_db_begin_commit {
        pub struct Db { pub t: Tracker, pub n: u32 }
        pub struct Tx<'a> { pub db: &'a mut Db, pub ops: Vec<u32>, pub g: Tracker }
        impl Db {
            pub async fn begin(&mut self) -> Tx<'_> { step("begin").await; Tx { db: self, ops: vec![], g: Tracker::new("tx") } }
        }
        impl<'a> Tx<'a> {
            pub async fn exec(&mut self, x: u32) -> u32 { self.ops.push(leaf("exec", x).await); self.ops.len() as u32 }
            pub async fn commit(self) -> u32 { step("commit").await; self.db.n += self.ops.iter().sum::<u32>(); self.db.n }
            pub async fn rollback(self) { step("rollback").await; log("rolled back") }
        }
        lower! {
            pub async fn f(ok: bool) -> u32 {
                let mut db = Db { t: Tracker::new("db"), n: 0 };
                for round in 0..2u32 {
                    let mut tx = db.begin().await;
                    tx.exec(round + 1).await;
                    let k = tx.exec(10).await;
                    if ok || round == 0 {
                        let n = tx.commit().await;
                        log(format!("committed {n} after {k}"));
                    } else {
                        tx.rollback().await;
                    }
                }
                db.n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `state = state.advance(x).await` in a loop until done.
    p16_state_advance {
        pub enum P16St { Idle(Tracker), Run(Tracker, u32), Done(u32) }
        impl P16St {
            pub async fn advance(self, x: u32) -> P16St {
                match self {
                    P16St::Idle(t) => { step("idle").await; P16St::Run(t, x) }
                    P16St::Run(t, n) if n < 5 => P16St::Run(t, n + leaf("run", x).await),
                    P16St::Run(t, n) => { drop(t); P16St::Done(n) }
                    d => d,
                }
            }
            pub fn done(&self) -> Option<u32> { if let P16St::Done(n) = self { Some(*n) } else { None } }
        }
        lower! {
            pub async fn f(x: u32) -> u32 {
                let mut state = P16St::Idle(Tracker::new("st"));
                let _g = Tracker::new("g");
                loop {
                    if let Some(n) = state.done() { break n; }
                    state = state.advance(x).await;
                }
            }
        }
    }
    run { pair(f(2), f(3)) }
}

twin! {
    /// `self: Box<Self>` async method on a boxed local.
    p16_box_self {
        pub struct Job { pub name: &'static str, pub t: Tracker }
        impl Job {
            pub async fn run(self: Box<Self>, k: u32) -> usize { step(self.name).await; self.name.len() + k as usize }
        }
        lower! {
            pub async fn f() -> usize {
                let j = Box::new(Job { name: "jobA", t: Tracker::new("ja") });
                let k = Box::new(Job { name: "jB", t: Tracker::new("jb") });
                let a = j.run(1).await;
                let _mid = Tracker::new("mid");
                let n = leaf("k", 2).await;
                let b = k.run(n).await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `self: Pin<Box<Self>>` async method (it takes the box).
    p16_pin_box_self {
        pub struct Job { pub name: &'static str, pub t: Tracker }
        impl Job {
            pub async fn run(self: Pin<Box<Self>>) -> usize { step(self.name).await; self.name.len() }
        }
        lower! {
            pub async fn f() -> usize {
                let j = Box::pin(Job { name: "pinned", t: Tracker::new("pj") });
                step("before").await;
                let a = j.run().await;
                let _after = Tracker::new("after");
                step("end").await;
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// Two types in one body with a same-named `close`: one takes `self`, one `&self`.
    p16_same_name_two_types {
        pub struct File { pub t: Tracker }
        pub struct Pool { pub t: Tracker, pub n: u32 }
        impl File { pub async fn close(self) -> u32 { step("file-close").await; 1 } }
        impl Pool { pub async fn close(&self) -> u32 { step("pool-close").await; self.n } }
        lower! {
            pub async fn f() -> u32 {
                let pool = Pool { t: Tracker::new("pool"), n: 7 };
                let file = File { t: Tracker::new("file") };
                let a = pool.close().await;
                let b = file.close().await;
                let _x = Tracker::new("x");
                step("end").await;
                a + b + pool.n
            }
        }
    }
    run { f() }
}

pub struct P16Outer { pub t: Tracker }
impl P16Outer { pub async fn close(&self) -> u32 { step("outer-close").await; 5 } }

twin! {
    /// A type declared inside the lowered fn with `close(self)` while the awaited `close`
    /// is the outer type's `&self` one.
    p16_nested_decl_shadows {
        lower! {
            pub async fn f() -> u32 {
                struct Inner(Tracker);
                impl Inner { async fn close(self) -> u32 { step("inner-close").await; 9 } }
                let o = P16Outer { t: Tracker::new("outer") };
                let a = o.close().await;
                let i = Inner(Tracker::new("inner"));
                let b = i.close().await;
                step("tail").await;
                a + b + o.close().await
            }
        }
    }
    run { f() }
}

pub trait P16Job {
    async fn run(self) -> u32;
    fn label(&self) -> &'static str;
}
pub struct P16A(pub Tracker, pub u32);
pub struct P16B(pub Tracker);
impl P16Job for P16A {
    async fn run(self) -> u32 { step("a-run").await; self.1 }
    fn label(&self) -> &'static str { "A" }
}
impl P16Job for P16B {
    async fn run(self) -> u32 { leaf("b-run", 100).await }
    fn label(&self) -> &'static str { "B" }
}

twin! {
    /// `async fn run_all<T: Job>(jobs: Vec<T>)`: AFIT taking `self`, called in a loop.
    p16_afit_run_all {
        lower! {
            pub async fn run_all<T: P16Job>(jobs: Vec<T>) -> u32 {
                let mut total = 0;
                let _g = Tracker::new("run_all");
                for j in jobs {
                    log(format!("job {}", j.label()));
                    total += j.run().await;
                }
                total
            }
        }
    }
    run { pair(run_all(vec![P16A(Tracker("a1"), 1), P16A(Tracker("a2"), 2)]), run_all(vec![P16B(Tracker("b1"))])) }
}

twin! {
    /// Generic over the trait, the job's label read before and `run` last.
    p16_afit_generic_single {
        lower! {
            pub async fn exec<J: P16Job>(j: J, extra: Tracker) -> (String, u32) {
                let l = j.label();
                step("pre").await;
                let n = j.run().await;
                drop(extra);
                (l.to_string(), n + leaf("post", 1).await)
            }
        }
    }
    run { pair(exec(P16A(Tracker("a"), 4), Tracker("ea")), exec(P16B(Tracker("b")), Tracker("eb"))) }
}

twin! {
    /// A tokio mpsc `send(&self, v)` awaited while the body declares a `send(self, v)`.
    p16_tokio_send_vs_declared_send {
        pub struct Req { pub t: Tracker }
        impl Req { pub async fn send(self, body: u32) -> u32 { step("req-send").await; body * 2 } }
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let (tx, mut rx) = tokio::sync::mpsc::channel::<u32>(8);
                let r = Req { t: Tracker::new("req") };
                let a = r.send(3).await;
                tx.send(a).await.unwrap();
                step("mid").await;
                tx.send(leaf("v", 9).await).await.unwrap();
                drop(tx);
                let mut got = vec![];
                while let Some(v) = rx.recv().await { got.push(v); }
                (a, got)
            }
        }
    }
    run { f() }
}

twin! {
    /// A tokio mpsc `send(&self, v)` awaited once (its last mention) while the body
    /// declares a `send(self, v)`: the sender must live to the end of the scope.
    p16_tokio_send_last_mention {
        pub struct Req { pub t: Tracker }
        impl Req { pub async fn send(self, body: u32) -> u32 { step("req-send").await; body * 2 } }
        lower! {
            pub async fn f() -> u32 {
                let (tx, mut rx) = tokio::sync::mpsc::channel::<u32>(8);
                let r = Req { t: Tracker::new("req") };
                let a = r.send(3).await;
                tx.send(a).await.unwrap();
                step("mid").await;
                let closed = rx.try_recv();
                log(format!("{closed:?}"));
                let again = rx.try_recv();
                log(format!("{again:?}"));
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// Builder with `self` methods (sync), then `build(self)` async.
    p16_builder_chain {
        pub struct Builder { pub name: String, pub size: u32, pub t: Tracker }
        pub struct Server { pub name: String, pub size: u32, pub t: Tracker }
        impl Builder {
            pub fn new() -> Self { Builder { name: String::new(), size: 0, t: Tracker::new("builder") } }
            pub fn name(mut self, n: &str) -> Self { self.name = n.into(); self }
            pub fn size(mut self, s: u32) -> Self { self.size = s; self }
            pub async fn build(self) -> Server { step("build").await; Server { name: self.name, size: self.size, t: self.t } }
        }
        impl Server {
            pub async fn serve(&mut self, req: u32) -> u32 { self.size += leaf("serve", req).await; self.size }
            pub async fn shutdown(self) -> String { step("shutdown").await; self.name }
        }
        lower! {
            pub async fn f() -> (u32, String) {
                let b = Builder::new().name("srv");
                let b = b.size(leaf("size", 2).await);
                let mut s = b.build().await;
                let mut last = 0;
                for r in 1..=2 { last = s.serve(r).await; }
                let name = s.shutdown().await;
                (last, name)
            }
        }
    }
    run { f() }
}

twin! {
    /// Lowered methods calling lowered methods on `self`.
    p16_lowered_methods_chain {
        pub struct Acc { pub total: u32, pub t: Tracker }
        impl Acc {
            lower! {
                pub async fn add(&mut self, x: u32) -> u32 {
                    self.total += leaf("add", x).await;
                    self.total
                }
            }
            lower! {
                pub async fn add_all(&mut self, xs: Vec<u32>) -> u32 {
                    for x in xs { self.add(x).await; }
                    self.total
                }
            }
            lower! {
                pub async fn finish(self) -> (u32, Tracker) {
                    step("finish").await;
                    (self.total, self.t)
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut a = Acc { total: 0, t: Tracker::new("acc") };
                let s = a.add_all(vec![1, 2, 3]).await;
                let (t, tr) = a.finish().await;
                log(format!("got {tr:?}"));
                step("end").await;
                (s, t)
            }
        }
    }
    run { f() }
}

#[derive(Debug)]
pub enum P16Err { Parse(String), Io(u32) }
#[derive(Debug)]
pub struct P16IoErr(pub u32);
impl From<P16IoErr> for P16Err { fn from(e: P16IoErr) -> Self { log(format!("from io {}", e.0)); P16Err::Io(e.0) } }

twin! {
    /// `?` inside a loop with a `From` conversion, Trackers per iteration.
    p16_question_in_loop_from {
        pub struct Reader { pub t: Tracker, pub fail_at: u32 }
        impl Reader {
            pub async fn read(&mut self, i: u32) -> Result<u32, P16IoErr> {
                step("read").await;
                if i == self.fail_at { Err(P16IoErr(i)) } else { Ok(i * 10) }
            }
        }
        lower! {
            pub async fn f(fail_at: u32) -> Result<u32, P16Err> {
                let mut r = Reader { t: Tracker::new("reader"), fail_at };
                let mut sum = 0;
                for i in 0..4 {
                    let _it = Tracker::new("iter");
                    let v = r.read(i).await?;
                    if v == 20 { let _x = Tracker::new("x20"); sum += leaf("bonus", 1).await; }
                    sum += v;
                }
                Ok(sum)
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// Minimal: `commit(self)` in one branch, `rollback(self)` in the other, after a
    /// `&mut self` call whose output is used.
    p16m_commit_or_rollback_used {
        pub struct Tx { pub g: Tracker }
        impl Tx {
            pub async fn exec(&mut self, x: u32) -> u32 { leaf("exec", x).await }
            pub async fn commit(self) -> u32 { step("commit").await; 1 }
            pub async fn rollback(self) -> u32 { step("rollback").await; 2 }
        }
        lower! {
            pub async fn f(ok: bool) -> u32 {
                let mut tx = Tx { g: Tracker::new("tx") };
                let k = tx.exec(1).await;
                if ok { tx.commit().await + k } else { tx.rollback().await }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Minimal: as above, the `exec` output unused.
    p16m_commit_or_rollback_unused {
        pub struct Tx { pub g: Tracker }
        impl Tx {
            pub async fn exec(&mut self, x: u32) -> u32 { leaf("exec", x).await }
            pub async fn commit(self) -> u32 { step("commit").await; 1 }
            pub async fn rollback(self) -> u32 { step("rollback").await; 2 }
        }
        lower! {
            pub async fn f(ok: bool) -> u32 {
                let mut tx = Tx { g: Tracker::new("tx") };
                tx.exec(1).await;
                if ok { tx.commit().await } else { tx.rollback().await }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Minimal: `commit(self)` only, after a used `&mut self` output.
    p16m_commit_after_used {
        pub struct Tx { pub g: Tracker }
        impl Tx {
            pub async fn exec(&mut self, x: u32) -> u32 { leaf("exec", x).await }
            pub async fn commit(self) -> u32 { step("commit").await; 1 }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut tx = Tx { g: Tracker::new("tx") };
                let k = tx.exec(1).await;
                tx.commit().await + k
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `commit(self)` in one branch, nothing in the other.
    p16m_commit_one_branch {
        pub struct Tx { pub g: Tracker }
        impl Tx {
            pub async fn commit(self) -> u32 { step("commit").await; 1 }
        }
        lower! {
            pub async fn f(ok: bool) -> u32 {
                let tx = Tx { g: Tracker::new("tx") };
                step("s").await;
                let _after = Tracker::new("after");
                if ok { tx.commit().await } else { log("no commit"); 0 }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

pub struct P16Handle { pub t: Tracker, pub n: u32 }
impl P16Handle {
    /// A `&self` method whose future borrows nothing.
    pub fn close(&self) -> impl Future<Output = u32> + 'static {
        let n = self.n;
        async move { step("handle-close").await; n }
    }
}

twin! {
    /// A `&self` method returning a `'static` future, named like a `self` method declared in
    /// the same body for another type: the handle must live to the end of its scope.
    p16_static_future_same_name {
        pub struct Sock { pub t: Tracker }
        impl Sock { pub async fn close(self) -> u32 { step("sock-close").await; 1 } }
        lower! {
            pub async fn f() -> u32 {
                let h = P16Handle { t: Tracker::new("handle"), n: 4 };
                let _late = Tracker::new("late");
                let a = h.close().await;
                step("after").await;
                log("end of scope");
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `'static`-future `&self` method named `finish` (a consuming name).
    p16_static_future_finish_name {
        pub struct H { pub t: Tracker }
        impl H { pub fn finish(&self) -> impl Future<Output = u32> + 'static { async { step("fin").await; 3 } } }
        lower! {
            pub async fn f() -> u32 {
                let h = H { t: Tracker::new("h") };
                let _late = Tracker::new("late");
                let a = h.finish().await;
                step("after").await;
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// A method whose parameter is a struct pattern (`Pair { a, b }: Pair`): its commas do
    /// not split parameters.
    p16_struct_pattern_param {
        pub struct Pair { pub a: u32, pub b: u32 }
        pub struct Ledger { pub t: Tracker, pub sum: u32 }
        impl Ledger {
            pub async fn apply(self, Pair { a, b }: Pair) -> (u32, Tracker) { step("apply").await; (self.sum + a + b, self.t) }
        }
        lower! {
            pub async fn f() -> u32 {
                let l = Ledger { t: Tracker::new("ledger"), sum: 1 };
                let _g = Tracker::new("g");
                let (n, t) = l.apply(Pair { a: 2, b: 3 }).await;
                step("after").await;
                drop(t);
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `self` method with a generic closure parameter and a where clause.
    p16_generic_self_method {
        pub struct Pipeline { pub stages: Vec<u32>, pub t: Tracker }
        impl Pipeline {
            pub async fn submit<F, R>(self, f: F) -> Vec<R> where F: Fn(u32) -> R, R: Debug {
                step("submit").await;
                self.stages.iter().map(|&s| f(s)).collect()
            }
            pub async fn push(&mut self, x: u32) { self.stages.push(leaf("push", x).await) }
        }
        lower! {
            pub async fn f(k: u32) -> Vec<String> {
                let mut p = Pipeline { stages: vec![], t: Tracker::new("pipe") };
                p.push(1).await;
                p.push(k).await;
                let tag = String::from("s");
                let out = p.submit(|s| format!("{tag}{s}")).await;
                step("end").await;
                out
            }
        }
    }
    run { f(7) }
}

twin! {
    /// Field of a local as receiver of a declared `self` method, other fields used after.
    p16_field_receiver_consumed {
        pub struct Conn { pub t: Tracker }
        impl Conn { pub async fn close(self) -> u32 { step("close").await; 1 } }
        pub struct Session { pub conn: Conn, pub user: Tracker, pub n: u32 }
        lower! {
            pub async fn f() -> (u32, String) {
                let s = Session { conn: Conn { t: Tracker::new("conn") }, user: Tracker::new("user"), n: 4 };
                step("start").await;
                let a = s.conn.close().await;
                step("after-close").await;
                (a + s.n, format!("{:?}", s.user))
            }
        }
    }
    run { f() }
}

twin! {
    /// `Arc<Self>` receiver: a clone runs, then the original.
    p16_arc_self {
        pub struct Svc { pub t: Tracker, pub n: u32 }
        impl Svc { pub async fn serve(self: std::sync::Arc<Self>, k: u32) -> u32 { step("serve").await; self.n + k } }
        lower! {
            pub async fn f() -> u32 {
                let s = std::sync::Arc::new(Svc { t: Tracker::new("svc"), n: 10 });
                let a = s.clone().serve(1).await;
                let _mid = Tracker::new("mid");
                let b = s.serve(2).await;
                step("end").await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// A trait with `&self` and `self` async methods implemented by two types, called
    /// through `impl Trait` arguments.
    p16_trait_impl_trait_args {
        pub trait Sink { async fn write(&mut self, x: u32) -> u32; async fn flush(self) -> Vec<u32>; }
        pub struct Mem { pub v: Vec<u32>, pub t: Tracker }
        pub struct Null(pub Tracker);
        impl Sink for Mem {
            async fn write(&mut self, x: u32) -> u32 { self.v.push(leaf("mem", x).await); self.v.len() as u32 }
            async fn flush(self) -> Vec<u32> { step("mem-flush").await; self.v }
        }
        impl Sink for Null {
            async fn write(&mut self, x: u32) -> u32 { step("null").await; x }
            async fn flush(self) -> Vec<u32> { vec![] }
        }
        lower! {
            pub async fn pump(mut s: impl Sink, n: u32, tag: Tracker) -> (u32, Vec<u32>) {
                let mut last = 0;
                for i in 0..n { last = s.write(i * 2).await; }
                drop(tag);
                let out = s.flush().await;
                (last, out)
            }
        }
    }
    run { pair(pump(Mem { v: vec![], t: Tracker("mem") }, 3, Tracker("tag1")), pump(Null(Tracker("null")), 2, Tracker("tag2"))) }
}

twin! {
    /// A `&self` AFIT `run` in another body makes this file's `run` ambiguous? Here a
    /// worker's `run(&self)` is awaited twice.
    p16_worker_run_ref {
        pub struct Worker { pub t: Tracker, pub id: u32 }
        impl Worker { pub async fn run(&self) -> u32 { leaf("work", self.id).await } }
        lower! {
            pub async fn f() -> u32 {
                let w = Worker { t: Tracker::new("worker"), id: 3 };
                let a = w.run().await;
                let _mid = Tracker::new("mid");
                let b = w.run().await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::mem::replace` and `swap` of Tracker-holding fields across awaits.
    p16_mem_replace_swap {
        pub struct Slot { pub cur: Tracker, pub spare: Tracker }
        lower! {
            pub async fn f() -> String {
                let mut s = Slot { cur: Tracker::new("c1"), spare: Tracker::new("s1") };
                let old = std::mem::replace(&mut s.cur, Tracker::new("c2"));
                step("a").await;
                std::mem::swap(&mut s.cur, &mut s.spare);
                let name = leaf("n", old.0).await;
                drop(old);
                let mut x = Tracker::new("x");
                std::mem::swap(&mut x, &mut s.spare);
                step("b").await;
                format!("{name} {:?} {:?} {:?}", s.cur, s.spare, x)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option::take` across awaits, put back conditionally.
    p16_option_take_put_back {
        pub struct Holder { pub item: Option<Tracker>, pub n: u32 }
        impl Holder {
            pub async fn cycle(&mut self, keep: bool) -> bool {
                let it = self.item.take();
                step("cycle").await;
                if keep { self.item = it; } else { drop(it); log("dropped item"); }
                self.n += 1;
                self.item.is_some()
            }
        }
        lower! {
            pub async fn f() -> (bool, bool, u32) {
                let mut h = Holder { item: Some(Tracker::new("item")), n: 0 };
                let a = h.cycle(true).await;
                let t = h.item.take();
                let b = leaf("l", t.is_some()).await;
                h.item = t;
                let c = h.cycle(false).await;
                (a && b, c, h.n)
            }
        }
    }
    run { f() }
}

twin! {
    /// Values moved into and out of a HashMap around awaits.
    p16_hashmap_moves {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut m: BTreeMap<u32, Tracker> = BTreeMap::new();
                m.insert(1, Tracker::new("one"));
                m.insert(leaf("k", 2).await, Tracker::new("two"));
                let one = m.remove(&1).unwrap();
                step("after-remove").await;
                if let Some(old) = m.insert(2, Tracker::new("two-b")) {
                    log(format!("replaced {old:?}"));
                    step("in-if-let").await;
                }
                let mut names: Vec<String> = m.values().map(|t| t.0.to_string()).collect();
                names.push(one.0.to_string());
                m.entry(3).or_insert_with(|| Tracker::new("three"));
                step("end").await;
                names.sort();
                names
            }
        }
    }
    run { f() }
}

twin! {
    /// Early return from a labelled nested loop with trackers in each scope.
    p16_labelled_early_return {
        lower! {
            pub async fn f(stop: u32) -> Option<u32> {
                let _outer = Tracker::new("outer");
                'rows: for r in 0..3u32 {
                    let _row = Tracker::new("row");
                    for c in 0..3u32 {
                        let _cell = Tracker::new("cell");
                        let v = leaf("cell", r * 3 + c).await;
                        if v == stop { return Some(v); }
                        if c == 1 && r == 1 { continue 'rows; }
                        if v > 7 { break 'rows; }
                    }
                    step("row-end").await;
                }
                None
            }
        }
    }
    run { pair(f(4), f(100)) }
}

twin! {
    /// `break` with a value from a `loop` inside a `match` arm, with a moved tracker.
    p16_break_value_moves {
        lower! {
            pub async fn f(n: u32) -> (u32, Tracker) {
                let mut pool = vec![Tracker::new("p0"), Tracker::new("p1"), Tracker::new("p2")];
                let got = loop {
                    let t = pool.pop().unwrap();
                    let k = leaf("try", t.0.len() as u32 + n).await;
                    if k > 3 || pool.is_empty() { break (k, t); }
                    step("retry").await;
                };
                got
            }
        }
    }
    run { pair(f(0), f(5)) }
}

twin! {
    /// Struct fields moved out after awaits, the rest dropped at the end.
    p16_fields_moved_after_awaits {
        pub struct Order { pub id: u32, pub item: Tracker, pub note: Tracker, pub qty: u32 }
        lower! {
            pub async fn f() -> (u32, Tracker) {
                let o = Order { id: 1, item: Tracker::new("item"), note: Tracker::new("note"), qty: 2 };
                let q = leaf("qty", o.qty).await;
                let item = o.item;
                step("moved").await;
                log(format!("note {:?}", o.note));
                (o.id + q, item)
            }
        }
    }
    run { f() }
}

twin! {
    /// Closures capturing by reference and by move, called after awaits.
    p16_closures_after_awaits {
        lower! {
            pub async fn f() -> (u32, u32, String) {
                let base = leaf("base", 10).await;
                let t = Tracker::new("cap");
                let add = |x: u32| x + base;
                let owned = move |x: u32| format!("{}:{x}", t.0);
                let a = add(leaf("a", 1).await);
                step("mid").await;
                let s = owned(leaf("s", 2).await);
                let mut count = 0;
                let mut inc = || count += 1;
                inc();
                step("after-inc").await;
                inc();
                (a, count, s)
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested async blocks created early and awaited later, out of order.
    p16_nested_async_blocks_later {
        lower! {
            pub async fn f() -> (u32, u32) {
                let t = Tracker::new("blk-t");
                let x = 5;
                let a = async move { step("a").await; log(format!("a has {t:?}")); x + 1 };
                let b = async { leaf("b", x * 2).await };
                let _g = Tracker::new("g");
                step("between").await;
                let rb = b.await;
                let ra = a.await;
                (ra, rb)
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing a tracker with another across awaits.
    p16_shadowing_trackers {
        lower! {
            pub async fn f() -> &'static str {
                let t = Tracker::new("t1");
                step("a").await;
                let t = Tracker::new(if t.0 == "t1" { "t2" } else { "tx" });
                step("b").await;
                let t = { let _inner = Tracker::new("inner"); leaf("t3", Tracker::new("t3")).await };
                step("c").await;
                t.0
            }
        }
    }
    run { f() }
}

twin! {
    /// Temporaries in `match` and `if let` scrutinees holding trackers, arms awaiting.
    p16_scrutinee_temporaries {
        pub fn make(n: u32) -> (Tracker, u32) { (Tracker::new("tmp"), n) }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let a = match make(n).1 { 0 => 0, k => k + 1 };
                let b = if let (_, 3) = make(n) { step("three").await; 3 } else { 0 };
                let c = match &make(n) { (t, k) if *k > 1 => { step(t.0).await; *k } _ => 0 };
                a + b + c
            }
        }
    }
    run { pair(f(3), f(0)) }
}

twin! {
    /// Minimal: a `move` closure capturing a tracker, called after an await.
    p16m_move_closure_called_after_await {
        lower! {
            pub async fn f() -> String {
                let t = Tracker::new("cap");
                let owned = move |x: u32| format!("{}:{x}", t.0);
                step("mid").await;
                owned(1)
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `move` closure capturing a String, called after an await (valgrind).
    p16m_move_closure_string {
        lower! {
            pub async fn f() -> String {
                let s = String::from("heap-value");
                let t = Tracker::new("cap");
                let owned = move |x: u32| format!("{}:{}:{x}", s, t.0);
                step("mid").await;
                owned(1)
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `move` closure made after a non-move closure borrowing a local read
    /// after an await.
    p16m_ref_then_move_closure {
        lower! {
            pub async fn f() -> (u32, String) {
                let base = 10;
                let t = Tracker::new("cap");
                let add = |x: u32| x + base;
                let owned = move |x: u32| format!("{}:{x}", t.0);
                let a = add(leaf("a", 1).await);
                (a, owned(2))
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a field of a `Partial` local as receiver of a `self` method awaited.
    p16m_field_receiver_consumed {
        pub struct Conn { pub t: Tracker }
        impl Conn { pub async fn close(self) -> u32 { step("close").await; 1 } }
        pub struct Session { pub conn: Conn, pub n: u32 }
        lower! {
            pub async fn f() -> u32 {
                let s = Session { conn: Conn { t: Tracker::new("conn") }, n: 4 };
                let a = s.conn.close().await;
                a + s.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: as above, the method named `into_count` (a consuming name).
    p16m_field_receiver_into {
        pub struct Conn { pub t: Tracker }
        impl Conn { pub async fn into_count(self) -> u32 { step("close").await; 1 } }
        pub struct Session { pub conn: Conn, pub n: u32 }
        lower! {
            pub async fn f() -> u32 {
                let s = Session { conn: Conn { t: Tracker::new("conn") }, n: 4 };
                let a = s.conn.into_count().await;
                a + s.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a field moved into a sync `self` call before an await, then another field.
    p16m_field_sync_consumed {
        pub struct Conn { pub t: Tracker }
        impl Conn { pub fn close(self) -> u32 { 1 } }
        pub struct Session { pub conn: Conn, pub n: u32 }
        lower! {
            pub async fn f() -> u32 {
                let s = Session { conn: Conn { t: Tracker::new("conn") }, n: 4 };
                step("s").await;
                let a = s.conn.close();
                step("t").await;
                a + s.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `move` closure naming one field of a plain struct local (edition 2021
    /// captures the field only); the rest of the local lives to its scope end.
    p16m_move_closure_field_of_plain_struct {
        pub struct P { pub name: String, pub tag: Tracker }
        lower! {
            pub async fn f() -> usize {
                let p = P { name: String::from("abc"), tag: Tracker::new("tag") };
                let c = move || p.name.len();
                step("mid").await;
                log("before call");
                c()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: as above, the other field read after the await.
    p16m_move_closure_field_rest_used {
        pub struct P { pub name: String, pub tag: Tracker }
        lower! {
            pub async fn f() -> (usize, &'static str) {
                let p = P { name: String::from("abc"), tag: Tracker::new("tag") };
                let c = move || p.name.len();
                step("mid").await;
                (c(), p.tag.0)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `move` async block naming one field of a plain struct local.
    p16m_async_move_block_field {
        pub struct P { pub name: String, pub tag: Tracker }
        lower! {
            pub async fn f() -> usize {
                let p = P { name: String::from("abcd"), tag: Tracker::new("tag") };
                let fut = async move { step("in").await; p.name.len() };
                step("mid").await;
                log("before await");
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    /// Same-named `close` in a trait (`self`) and an inherent impl (`&self`) of another type
    /// in one body.
    p16_trait_vs_inherent_same_name {
        pub trait Closer { async fn close(self) -> u32; }
        pub struct A(pub Tracker);
        pub struct B(pub Tracker);
        impl Closer for A { async fn close(self) -> u32 { step("a-close").await; 1 } }
        impl B { pub async fn close(&self) -> u32 { step("b-close").await; 2 } }
        lower! {
            pub async fn f() -> u32 {
                let b = B(Tracker::new("b"));
                let a = A(Tracker::new("a"));
                let x = b.close().await;
                let y = a.close().await;
                step("end").await;
                x + y + b.close().await
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited `merge(self, other)` whose argument is another local taken by value.
    p16_merge_two_locals {
        pub struct Set { pub v: Vec<u32>, pub t: Tracker }
        impl Set {
            pub async fn add(&mut self, x: u32) { self.v.push(leaf("add", x).await) }
            pub async fn merge(mut self, other: Set) -> Set { step("merge").await; self.v.extend(other.v.iter().copied()); self }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut a = Set { v: vec![], t: Tracker::new("a") };
                let mut b = Set { v: vec![], t: Tracker::new("b") };
                a.add(1).await;
                b.add(2).await;
                let c = a.merge(b).await;
                step("after").await;
                c.v.clone()
            }
        }
    }
    run { f() }
}

twin! {
    /// `consume(self)` in a loop over a Vec of owned values, results pushed.
    p16_consume_in_loop {
        pub struct Msg { pub id: u32, pub t: Tracker }
        impl Msg {
            pub async fn consume(self) -> u32 { step("consume").await; self.id }
            pub async fn peek(&self) -> u32 { leaf("peek", self.id).await }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let msgs = vec![Msg { id: 1, t: Tracker::new("m1") }, Msg { id: 2, t: Tracker::new("m2") }, Msg { id: 3, t: Tracker::new("m3") }];
                let mut out = vec![];
                for m in msgs {
                    if m.peek().await == 2 { log("skip 2"); continue; }
                    out.push(m.consume().await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(job) = queue.pop_front()` then `job.run().await` (`self`).
    p16_queue_pop_run {
        pub struct Task { pub n: u32, pub t: Tracker }
        impl Task { pub async fn execute(self) -> Option<Task> { step("exec").await; if self.n > 0 { Some(Task { n: self.n - 1, t: Tracker::new("child") }) } else { None } } }
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::new();
                q.push_back(Task { n: 2, t: Tracker::new("root") });
                let mut runs = 0;
                while let Some(job) = q.pop_front() {
                    runs += 1;
                    if let Some(next) = job.execute().await { q.push_back(next); }
                }
                runs
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited `self` method on an `Option`'s content after `take()`.
    p16_take_then_close {
        pub struct Conn { pub t: Tracker }
        impl Conn { pub async fn shutdown(self) -> &'static str { step("shutdown").await; self.t.0 } }
        pub struct Client { pub conn: Option<Conn>, pub t: Tracker }
        impl Client {
            lower! {
                pub async fn disconnect(&mut self) -> Option<&'static str> {
                    let c = self.conn.take()?;
                    let name = c.shutdown().await;
                    step("post").await;
                    Some(name)
                }
            }
        }
        lower! {
            pub async fn f() -> (Option<&'static str>, Option<&'static str>) {
                let mut cl = Client { conn: Some(Conn { t: Tracker::new("conn") }), t: Tracker::new("client") };
                let a = cl.disconnect().await;
                let b = cl.disconnect().await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Generic function with a where clause over a trait with an async `&mut self` method
    /// and a sync `self` finisher.
    p16_generic_where_clause {
        pub trait Counter { async fn tick(&mut self) -> u32; fn total(self) -> u32; }
        pub struct C(pub u32, pub Tracker);
        impl Counter for C {
            async fn tick(&mut self) -> u32 { self.0 += leaf("tick", 1).await; self.0 }
            fn total(self) -> u32 { self.0 }
        }
        lower! {
            pub async fn drive<T>(mut c: T, n: u32) -> (u32, u32) where T: Counter {
                let mut last = 0;
                let _g = Tracker::new("drive");
                for _ in 0..n { last = c.tick().await; }
                step("done").await;
                (last, c.total())
            }
        }
    }
    run { drive(C(0, Tracker("c")), 3) }
}

twin! {
    /// A pool's `close(&mut self)` (lowered) closes each connection with the connections'
    /// own `close(self)`: the nearest `close` is the pool's.
    p16_delegate_close_inner_self {
        pub struct Conn { pub id: u32, pub t: Tracker }
        impl Conn { pub async fn close(self) -> u32 { step("conn-close").await; self.id } }
        pub struct Pool { pub conns: Vec<Conn>, pub t: Tracker }
        impl Pool {
            lower! {
                pub async fn close(&mut self) -> u32 {
                    let mut sum = 0;
                    while let Some(c) = self.conns.pop() {
                        let _g = Tracker::new("closing");
                        sum += c.close().await;
                    }
                    sum
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut p = Pool { conns: vec![Conn { id: 1, t: Tracker::new("c1") }, Conn { id: 2, t: Tracker::new("c2") }], t: Tracker::new("pool") };
                let n = p.close().await;
                step("end").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A wrapper's `shutdown(self)` (lowered) awaits the inner type's `shutdown(&self)`
    /// twice: the nearest `shutdown` is the wrapper's.
    p16_delegate_shutdown_inner_ref {
        pub struct Inner { pub t: Tracker, pub n: u32 }
        impl Inner { pub async fn shutdown(&self) -> u32 { step("inner").await; self.n } }
        pub struct Outer { pub inner: Inner, pub t: Tracker }
        impl Outer {
            lower! {
                pub async fn shutdown(self) -> u32 {
                    let inner = self.inner;
                    let a = inner.shutdown().await;
                    let _g = Tracker::new("between");
                    let b = inner.shutdown().await;
                    a + b
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let o = Outer { inner: Inner { t: Tracker::new("inner"), n: 3 }, t: Tracker::new("outer") };
                o.shutdown().await
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a wrapper's lowered `close(self)` awaits the inner type's `close(&self)`:
    /// the wrapper's own declaration is the nearest.
    p16m_wrapper_close_ref_inner {
        pub struct Inner(pub Tracker);
        impl Inner { pub async fn close(&self) -> u32 { step("inner").await; 1 } }
        pub struct Outer(pub Inner);
        impl Outer {
            lower! {
                pub async fn close(self) -> u32 {
                    let inner = self.0;
                    inner.close().await + 1
                }
            }
        }
        lower! {
            pub async fn f() -> u32 { Outer(Inner(Tracker::new("in"))).close().await }
        }
    }
    run { f() }
}

twin! {
    /// A `self: std::pin::Pin<&mut Self>` async method (path-qualified `Pin`) called on a
    /// pinned local twice.
    p16_qualified_pin_mut_self {
        pub struct Gen { pub n: u32, pub t: Tracker }
        impl Gen {
            pub async fn next_val(self: std::pin::Pin<&mut Self>) -> u32 { step("gen").await; let this = self.get_mut(); this.n += 1; this.n }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut g = Box::pin(Gen { n: 0, t: Tracker::new("gen") });
                let a = g.as_mut().next_val().await;
                let b = g.as_mut().next_val().await;
                let _late = Tracker::new("late");
                a * 10 + b
            }
        }
    }
    run { f() }
}

twin! {
    /// A `self: std::pin::Pin<&mut Self>` async method called on a `Pin<&mut Gen>` local
    /// passed by reborrow.
    p16_qualified_pin_mut_local {
        pub struct Gen { pub n: u32, pub t: Tracker }
        impl Gen {
            pub async fn bump(self: std::pin::Pin<&mut Self>) -> u32 { step("gen").await; let this = self.get_mut(); this.n += 1; this.n }
        }
        lower! {
            pub async fn f(mut g: Pin<&mut Gen>) -> u32 {
                let a = g.as_mut().bump().await;
                step("mid").await;
                let b = g.bump().await;
                a + b
            }
        }
    }
    run { f(Box::leak(Box::new(Box::pin(Gen { n: 0, t: Tracker("gen") }))).as_mut()) }
}

twin! {
    /// As above, with spaces (`['\'', '{']`, as rustfmt writes it).
    p16_char_literals_spaced {
        pub struct Pool(pub Tracker);
        impl Pool { pub async fn close(&self) -> u32 { step("pool-close").await; 2 } }
        pub mod other {
            pub fn quotes() -> [char; 2] { ['\'', '{'] }
            pub struct Sock;
            impl Sock { pub async fn close(self) -> u32 { 1 } }
        }
        lower! {
            pub async fn f() -> u32 {
                let p = Pool(Tracker::new("pool"));
                let a = p.close().await;
                let q = other::quotes();
                log(format!("{q:?}"));
                a + p.close().await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `self: Pin<&mut Self>` async method called on a `Pin<&mut Gen>` parameter, the
    /// last call by value (it moves the `Pin`).
    p16_pin_mut_local_by_value {
        pub struct Gen { pub n: u32, pub t: Tracker }
        impl Gen {
            pub async fn bump(self: Pin<&mut Self>) -> u32 { step("gen").await; let this = self.get_mut(); this.n += 1; this.n }
        }
        lower! {
            pub async fn f(mut g: Pin<&mut Gen>) -> u32 {
                let a = g.as_mut().bump().await;
                step("mid").await;
                let b = g.bump().await;
                a + b
            }
        }
    }
    run { f(Box::leak(Box::new(Box::pin(Gen { n: 0, t: Tracker("gen") }))).as_mut()) }
}

pub struct P16Handle2 { pub t: Tracker, pub n: u32 }
impl P16Handle2 {
    /// A `&self` method whose future captures nothing (`use<>`).
    pub fn close(&self) -> impl Future<Output = u32> + use<> {
        let n = self.n;
        async move { step("handle-close").await; n }
    }
}

twin! {
    /// A `&self` method returning a future that borrows nothing (`+ use<>`), named like
    /// a `self` method declared nearer (in this body): the handle lives to its scope end.
    p16_use_nothing_future_same_name {
        pub struct Sock { pub t: Tracker }
        impl Sock { pub async fn close(self) -> u32 { step("sock-close").await; 1 } }
        lower! {
            pub async fn f() -> u32 {
                let h = P16Handle2 { t: Tracker::new("handle"), n: 4 };
                let _late = Tracker::new("late");
                let a = h.close().await;
                step("after").await;
                log("end of scope");
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&self` method named `finish` returning a future that borrows nothing.
    p16_use_nothing_future_finish {
        pub struct H { pub t: Tracker }
        impl H { pub fn finish(&self) -> impl Future<Output = u32> + use<> { async { step("fin").await; 3 } } }
        lower! {
            pub async fn f() -> u32 {
                let h = H { t: Tracker::new("h") };
                let _late = Tracker::new("late");
                let a = h.finish().await;
                step("after").await;
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a delegating `close(&mut self)` awaiting an element's `close(self)`.
    p16m_delegate_close_self {
        pub struct Conn(pub Tracker);
        impl Conn { pub async fn close(self) -> u32 { step("conn").await; 1 } }
        pub struct Pool(pub Option<Conn>);
        impl Pool {
            lower! {
                pub async fn close(&mut self) -> u32 {
                    let c = self.0.take().unwrap();
                    c.close().await
                }
            }
        }
        lower! {
            pub async fn f() -> u32 { Pool(Some(Conn(Tracker::new("conn")))).close().await }
        }
    }
    run { f() }
}

twin! {
    /// `for t in v.drain(..)` with an await per element: cancellation drops the rest.
    p16_drain_loop_awaits {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("d1"), Tracker::new("d2"), Tracker::new("d3")];
                let _g = Tracker::new("g");
                let mut n = 0;
                for t in v.drain(..) {
                    n += leaf("drain", t.0.len()).await;
                    if n > 4 { log("enough"); break; }
                }
                v.push(Tracker::new("after"));
                step("end").await;
                n + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::mem::take` of a Vec field across awaits, then put back.
    p16_mem_take_vec_field {
        pub struct Batch { pub items: Vec<Tracker>, pub t: Tracker }
        impl Batch {
            lower! {
                pub async fn flush(&mut self) -> usize {
                    let items = std::mem::take(&mut self.items);
                    let mut sent = 0;
                    for it in items {
                        step(it.0).await;
                        sent += 1;
                    }
                    self.items.push(Tracker::new("fresh"));
                    sent
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, usize) {
                let mut b = Batch { items: vec![Tracker::new("i1"), Tracker::new("i2")], t: Tracker::new("batch") };
                let a = b.flush().await;
                let c = b.flush().await;
                (a, c)
            }
        }
    }
    run { f() }
}

twin! {
    /// Parameters with `_` and tuple patterns: they drop after the locals, at the end.
    p16_param_patterns_drop_order {
        lower! {
            pub async fn f(_: Tracker, (a, _): (Tracker, Tracker), x: Tracker, n: u32) -> u32 {
                let _local = Tracker::new("local");
                step("s").await;
                log(format!("{a:?} {x:?}"));
                drop(x);
                n + leaf("l", 1).await
            }
        }
    }
    run { f(Tracker("p0"), (Tracker("pa"), Tracker("pb")), Tracker("px"), 2) }
}

twin! {
    /// `let .. else` with trackers, early return in the else.
    p16_let_else_trackers {
        pub struct Cfg { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(port: Option<u32>) -> Result<u32, String> {
                let cfg = Cfg { port, t: Tracker::new("cfg") };
                let _g = Tracker::new("g");
                step("load").await;
                let Some(p) = cfg.port else {
                    step("missing").await;
                    return Err(format!("no port in {:?}", cfg.t));
                };
                let q = leaf("q", p + 1).await;
                Ok(q)
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// `async fn split(self) -> (A, B)` then the parts used separately.
    p16_split_self {
        pub struct Stream { pub r: Tracker, pub w: Tracker }
        impl Stream {
            pub async fn split(self) -> (Tracker, Tracker) { step("split").await; (self.r, self.w) }
        }
        lower! {
            pub async fn f() -> String {
                let s = Stream { r: Tracker::new("rd"), w: Tracker::new("wr") };
                let (rd, wr) = s.split().await;
                step("a").await;
                drop(wr);
                let out = format!("{rd:?}");
                step("b").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `for w in workers.iter_mut() { w.run().await }` with `run(&mut self)`.
    p16_iter_mut_run {
        pub struct W { pub n: u32, pub t: Tracker }
        impl W { pub async fn run(&mut self) -> u32 { self.n += leaf("w", 1).await; self.n } }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut ws = vec![W { n: 0, t: Tracker::new("w1") }, W { n: 10, t: Tracker::new("w2") }];
                let mut out = vec![];
                for w in ws.iter_mut() { out.push(w.run().await); }
                for w in &mut ws { w.run().await; }
                out.extend(ws.iter().map(|w| w.n));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option<Box<dyn FnOnce>>` taken and called after an await.
    p16_boxed_fnonce_taken {
        pub struct Defer { pub f: Option<Box<dyn FnOnce() -> u32>>, pub t: Tracker }
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("captured");
                let mut d = Defer { f: Some(Box::new(move || { log(format!("run with {t:?}")); 7 })), t: Tracker::new("defer") };
                step("a").await;
                let g = d.f.take();
                step("b").await;
                let r = g.map(|g| g()).unwrap_or(0);
                step("c").await;
                r + d.f.is_none() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A retry helper over a closure returning futures, with a custom error and `From`.
    p16_retry_closure_futures {
        #[derive(Debug)]
        pub enum E { Busy(u32), Fatal }
        pub async fn attempt(i: u32, t: &Tracker) -> Result<u32, E> {
            step(t.0).await;
            if i < 2 { Err(E::Busy(i)) } else { Ok(i * 100) }
        }
        lower! {
            pub async fn retry<F, Fut>(f: F, max: u32) -> Result<u32, E> where F: Fn(u32) -> Fut, Fut: Future<Output = Result<u32, E>> {
                let _g = Tracker::new("retry");
                let mut i = 0;
                loop {
                    match f(i).await {
                        Ok(v) => break Ok(v),
                        Err(E::Busy(k)) if k + 1 < max => { log(format!("busy {k}")); i += 1; }
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        pub fn run2(max: u32) -> impl Future<Output = Result<u32, E>> {
            let t: &'static Tracker = Box::leak(Box::new(Tracker("att")));
            retry(move |i| attempt(i, t), max)
        }
    }
    run { pair(run2(5), run2(1)) }
}

twin! {
    /// A generic struct's lowered `&self` and `self` methods.
    p16_generic_struct_methods {
        pub struct Wrap<T> { pub v: T, pub t: Tracker }
        impl<T: Debug + Clone> Wrap<T> {
            lower! {
                pub async fn show(&self) -> String {
                    step("show").await;
                    format!("{:?}", self.v)
                }
            }
            lower! {
                pub async fn unwrap_all(self) -> (T, Tracker) {
                    step("unwrap").await;
                    (self.v, self.t)
                }
            }
        }
        lower! {
            pub async fn f() -> (String, Vec<u32>) {
                let w = Wrap { v: vec![1u32, 2], t: Tracker::new("wrap") };
                let s = w.show().await;
                let (v, t) = w.unwrap_all().await;
                step("after").await;
                drop(t);
                (s, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::sync::mpsc` loop: `recv().await` in `while let`, senders dropped in turn.
    p16_mpsc_recv_loop {
        lower! {
            pub async fn f() -> Vec<u32> {
                let (tx, mut rx) = tokio::sync::mpsc::channel::<(u32, Tracker)>(4);
                let tx2 = tx.clone();
                tx.send((1, Tracker::new("m1"))).await.unwrap();
                tx2.send((2, Tracker::new("m2"))).await.unwrap();
                drop(tx);
                step("mid").await;
                tx2.send((3, Tracker::new("m3"))).await.unwrap();
                drop(tx2);
                let mut got = vec![];
                while let Some((n, t)) = rx.recv().await {
                    step(t.0).await;
                    got.push(n);
                }
                got
            }
        }
    }
    run { f() }
}

twin! {
    /// `match` on an awaited struct binding by reference, arms awaiting.
    p16_match_awaited_by_ref {
        pub struct Resp { pub code: u32, pub body: Tracker }
        lower! {
            pub async fn f(code: u32) -> u32 {
                match &leaf("resp", Resp { code, body: Tracker::new("body") }).await {
                    Resp { code: 200, body } => { step(body.0).await; 1 }
                    Resp { code, .. } if *code >= 500 => { step("server").await; 5 }
                    _ => 0,
                }
            }
        }
    }
    run { pair(f(200), pair(f(503), f(404))) }
}

twin! {
    /// Loop with `continue` from a `match` arm, trackers per iteration, an accumulator
    /// struct moved out at the end.
    p16_acc_struct_moved_end {
        #[derive(Debug)]
        pub struct Stats { pub seen: Vec<u32>, pub t: Tracker }
        lower! {
            pub async fn f(xs: Vec<u32>) -> Stats {
                let mut st = Stats { seen: vec![], t: Tracker::new("stats") };
                for x in xs {
                    let _it = Tracker::new("it");
                    match leaf("x", x).await {
                        0 => continue,
                        v if v % 2 == 0 => { st.seen.push(v); step("even").await; }
                        v => st.seen.push(v * 10),
                    }
                }
                st
            }
        }
    }
    run { f(vec![1, 0, 2, 3]) }
}

twin! {
    /// Minimal: `let Some(p) = cfg.port else {..}`, the else not naming `cfg`.
    p16m_let_else_field_a {
        pub struct Cfg { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(port: Option<u32>) -> u32 {
                let cfg = Cfg { port, t: Tracker::new("cfg") };
                let Some(p) = cfg.port else { return 0 };
                leaf("q", p).await
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Minimal: as above, the else naming `cfg`.
    p16m_let_else_field_b {
        pub struct Cfg { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(port: Option<u32>) -> u32 {
                let cfg = Cfg { port, t: Tracker::new("cfg") };
                let Some(p) = cfg.port else { log(format!("{:?}", cfg.t)); return 0 };
                leaf("q", p).await
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Minimal: `if let Some(p) = cfg.port { await } else { name cfg }`.
    p16m_if_let_field_c {
        pub struct Cfg { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(port: Option<u32>) -> u32 {
                let cfg = Cfg { port, t: Tracker::new("cfg") };
                if let Some(p) = cfg.port { leaf("q", p).await } else { log(format!("{:?}", cfg.t)); 0 }
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Minimal: `match cfg.port` with an arm naming `cfg`, another awaiting.
    p16m_match_field_d {
        pub struct Cfg { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(port: Option<u32>) -> u32 {
                let cfg = Cfg { port, t: Tracker::new("cfg") };
                let p = match cfg.port { Some(p) => p, None => { log(format!("{:?}", cfg.t)); return 0 } };
                leaf("q", p).await
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Minimal: `if let Some(p) = cfg.port { await } else { cfg.t.name() }` (no macro).
    p16m_if_let_field_c2 {
        pub struct Cfg { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(port: Option<u32>) -> u32 {
                let cfg = Cfg { port, t: Tracker::new("cfg") };
                if let Some(p) = cfg.port { leaf("q", p).await } else { cfg.t.name().len() as u32 }
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Minimal: `if cfg.port.is_some() { await } else { cfg.t.name() }`.
    p16m_if_cond_field_c3 {
        pub struct Cfg { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(port: Option<u32>) -> u32 {
                let cfg = Cfg { port, t: Tracker::new("cfg") };
                if cfg.port.is_some() { leaf("q", 1).await } else { cfg.t.name().len() as u32 }
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Minimal: `if flag { await } else { cfg.t.name() }` (the local not in the condition).
    p16m_if_bool_c4 {
        pub struct Cfg { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(port: Option<u32>) -> u32 {
                let cfg = Cfg { port, t: Tracker::new("cfg") };
                if port.is_some() { leaf("q", 1).await } else { cfg.t.name().len() as u32 }
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Minimal: a plain tracker local read only in the `else` branch, the `if` branch awaits.
    p16m_if_else_tracker_c5 {
        lower! {
            pub async fn f(flag: bool) -> u32 {
                let t = Tracker::new("t");
                if flag { leaf("q", 1).await } else { t.name().len() as u32 }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Minimal: `if let Some(p) = cfg.port { await } else { 0 }`.
    p16m_if_let_field_c6 {
        pub struct Cfg { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(port: Option<u32>) -> u32 {
                let cfg = Cfg { port, t: Tracker::new("cfg") };
                if let Some(p) = cfg.port { leaf("q", p).await } else { 0 }
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Minimal: `let p = match cfg.port { Some(p) => p, None => 0 }; await`.
    p16m_match_field_d2 {
        pub struct Cfg { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(port: Option<u32>) -> u32 {
                let cfg = Cfg { port, t: Tracker::new("cfg") };
                let p = match cfg.port { Some(p) => p, None => 0 };
                leaf("q", p).await
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Minimal: `match cfg.port { Some(p) => await, None => cfg.t.name() }`.
    p16m_match_field_d3 {
        pub struct Cfg { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(port: Option<u32>) -> u32 {
                let cfg = Cfg { port, t: Tracker::new("cfg") };
                match cfg.port { Some(p) => leaf("q", p).await, None => cfg.t.name().len() as u32 }
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// Minimal: `if let Some(b) = m.body` moving a String field, the arm awaiting: the
    /// rest of `m` drops at its scope end.
    p16m_if_let_moves_field_e {
        pub struct Msg { pub body: Option<String>, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let m = Msg { body: Some(String::from("hello")), t: Tracker::new("msg") };
                let _late = Tracker::new("late");
                if let Some(b) = m.body { leaf("len", b.len()).await } else { 0 }
            }
        }
    }
    run { f() }
}

twin! {
    /// Control: `let p = cfg.port;` (no pattern) then an await.
    p16m_plain_let_field_f {
        pub struct Cfg { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(port: Option<u32>) -> u32 {
                let cfg = Cfg { port, t: Tracker::new("cfg") };
                let p = cfg.port;
                leaf("q", p.unwrap_or(0)).await
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// A trait's `async fn` implemented by lowered methods, called through a generic
    /// lowered function.
    p16_lowered_trait_impls {
        pub trait Step { async fn apply(&mut self, x: u32) -> u32; async fn done(self) -> String; }
        pub struct Add(pub u32, pub Tracker);
        impl Step for Add {
            lower! {
                async fn apply(&mut self, x: u32) -> u32 { self.0 += leaf("add", x).await; self.0 }
            }
            lower! {
                async fn done(self) -> String { step("add-done").await; format!("{} {:?}", self.0, self.1) }
            }
        }
        lower! {
            pub async fn drive<S: Step>(mut s: S, xs: &'static [u32]) -> (u32, String) {
                let mut last = 0;
                for &x in xs { last = s.apply(x).await; }
                let d = s.done().await;
                (last, d)
            }
        }
    }
    run { drive(Add(0, Tracker("add")), &[1, 2, 3]) }
}

twin! {
    /// A `self` method awaiting `self`-taking methods of its fields in turn.
    p16_commit_awaits_fields {
        pub struct Log { pub lines: Vec<String>, pub t: Tracker }
        impl Log { pub async fn flush(self) -> usize { step("flush").await; self.lines.len() } }
        pub struct Store { pub n: u32, pub t: Tracker }
        impl Store { pub async fn apply(mut self, k: u32) -> Store { self.n += leaf("apply", k).await; self } }
        pub struct Txn { pub log: Log, pub store: Store, pub ops: u32, pub t: Tracker }
        impl Txn {
            lower! {
                pub async fn commit(self) -> (usize, u32) {
                    let flushed = self.log.flush().await;
                    let store = self.store.apply(self.ops).await;
                    step("committed").await;
                    (flushed, store.n)
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, u32) {
                let t = Txn { log: Log { lines: vec!["a".into(), "b".into()], t: Tracker::new("log") }, store: Store { n: 1, t: Tracker::new("store") }, ops: 5, t: Tracker::new("txn") };
                t.commit().await
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard with a `Drop` impl and an async `release(mut self)` taking an `Option` field.
    p16_guard_release_drop_impl {
        pub struct Guard { pub inner: Option<Tracker>, pub name: &'static str }
        impl Drop for Guard { fn drop(&mut self) { log(format!("guard {} drop (inner {:?})", self.name, self.inner)); } }
        impl Guard {
            pub async fn release(mut self) -> Option<Tracker> { step("release").await; self.inner.take() }
        }
        lower! {
            pub async fn f(early: bool) -> usize {
                let g1 = Guard { inner: Some(Tracker::new("in1")), name: "g1" };
                let g2 = Guard { inner: Some(Tracker::new("in2")), name: "g2" };
                let t = g1.release().await;
                if early { return t.map(|t| t.0.len()).unwrap_or(0); }
                step("tail").await;
                drop(g2);
                t.is_some() as usize
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `std::mem::replace(&mut self.state, ..)` state machine inside a struct.
    p16_replace_state_field {
        pub enum S { Empty, Open(Tracker), Closed(u32) }
        pub struct Door { pub state: S, pub t: Tracker }
        impl Door {
            lower! {
                pub async fn toggle(&mut self, n: u32) -> u32 {
                    self.state = match std::mem::replace(&mut self.state, S::Empty) {
                        S::Empty => { step("open").await; S::Open(Tracker::new("opened")) }
                        S::Open(t) => { step(t.0).await; drop(t); S::Closed(n) }
                        S::Closed(k) => S::Closed(k + leaf("closed", n).await),
                    };
                    match &self.state { S::Closed(k) => *k, _ => 0 }
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut d = Door { state: S::Empty, t: Tracker::new("door") };
                let mut v = vec![];
                for i in 0..4 { v.push(d.toggle(i).await); }
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// An associated `async fn open(..) -> Result<Self, E>` constructor, `?`, then methods.
    p16_async_constructor {
        #[derive(Debug)]
        pub struct OpenErr(pub &'static str);
        pub struct Db { pub name: &'static str, pub t: Tracker, pub rows: u32 }
        impl Db {
            lower! {
                pub async fn open(name: &'static str) -> Result<Self, OpenErr> {
                    let t = Tracker::new(name);
                    if leaf("exists", name.len() > 2).await { Ok(Db { name, t, rows: leaf("rows", 3).await }) } else { Err(OpenErr(name)) }
                }
            }
            pub async fn count(&self) -> u32 { step("count").await; self.rows }
        }
        lower! {
            pub async fn f(name: &'static str) -> Result<u32, OpenErr> {
                let _g = Tracker::new("g");
                let db = Db::open(name).await?;
                let n = db.count().await;
                Ok(n + db.name.len() as u32)
            }
        }
    }
    run { pair(f("main"), f("x")) }
}

twin! {
    /// A cursor struct holding `&mut Vec` across awaits, dropped, then the Vec read.
    p16_cursor_borrowing_local {
        pub struct Cursor<'a> { pub buf: &'a mut Vec<u32>, pub pos: usize, pub t: Tracker }
        impl<'a> Cursor<'a> {
            pub async fn advance(&mut self, k: usize) -> u32 { step("adv").await; self.pos += k; self.buf.push(self.pos as u32); self.pos as u32 }
        }
        lower! {
            pub async fn f() -> (u32, usize) {
                let mut v = vec![0u32];
                let mut cur = Cursor { buf: &mut v, pos: 0, t: Tracker::new("cur") };
                let a = cur.advance(2).await;
                let b = cur.advance(leaf("k", 3).await).await;
                drop(cur);
                step("after-drop").await;
                (a + b, v.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A labelled block with `break 'blk value` after awaits.
    p16_labelled_block_value {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _g = Tracker::new("g");
                let v = 'blk: {
                    let _in = Tracker::new("in");
                    let a = leaf("a", n).await;
                    if a > 2 { break 'blk a * 10; }
                    let _in2 = Tracker::new("in2");
                    step("b").await;
                    a
                };
                v + leaf("tail", 1).await
            }
        }
    }
    run { pair(f(5), f(1)) }
}

twin! {
    /// A work stack: `while let Some(x) = stack.pop()`, pushing children after awaits.
    p16_work_stack {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut stack = vec![(3u32, Tracker::new("root"))];
                let mut out = vec![];
                while let Some((d, t)) = stack.pop() {
                    step(t.0).await;
                    out.push(d);
                    if d > 1 {
                        stack.push((d - 1, Tracker::new("kid-a")));
                        if leaf("two", d == 3).await { stack.push((1, Tracker::new("kid-b"))); }
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// An `impl AsyncFn(u32) -> u32` argument called and awaited twice.
    p16_async_fn_trait_arg {
        lower! {
            pub async fn twice(f: impl AsyncFn(u32) -> u32, x: u32) -> u32 {
                let _g = Tracker::new("twice");
                let a = f(x).await;
                let b = f(a).await;
                a + b
            }
        }
        pub async fn inc(x: u32) -> u32 { step("inc").await; x + 1 }
    }
    run { twice(inc, 3) }
}

twin! {
    /// Values moved into a Vec before an await and out of it after, by index and `swap_remove`.
    p16_vec_move_in_out {
        lower! {
            pub async fn f() -> (String, usize) {
                let a = Tracker::new("a");
                let b = Tracker::new("b");
                let mut v = Vec::new();
                v.push(a);
                step("s1").await;
                v.push(b);
                v.insert(0, leaf("c", Tracker::new("c")).await);
                let first = v.swap_remove(0);
                step("s2").await;
                let name = format!("{first:?}");
                drop(first);
                let rest = v.len();
                step("s3").await;
                (name, rest)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `#[cfg(any())]` mock declaring `close(&self)` beside the real `close(self)`.
    p16_cfg_out_mock_same_name {
        pub struct Conn(pub Tracker);
        impl Conn { pub async fn close(self) -> u32 { step("close").await; 1 } }
        #[cfg(any())]
        pub mod mock {
            pub struct MockConn;
            impl MockConn { pub async fn close(&self) -> u32 { 0 } }
        }
        lower! {
            pub async fn f() -> u32 {
                let c = Conn(Tracker::new("conn"));
                let _g = Tracker::new("g");
                let n = c.close().await;
                step("end").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered `mut self: Box<Self>` method modifying itself across awaits.
    p16_mut_box_self_lowered {
        pub struct Node { pub hits: u32, pub t: Tracker }
        impl Node {
            lower! {
                pub async fn bump_all(mut self: Box<Self>, n: u32) -> (u32, Box<Self>) {
                    for i in 0..n { self.hits += leaf("hit", i).await; }
                    step("done").await;
                    (self.hits, self)
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let node = Box::new(Node { hits: 1, t: Tracker::new("node") });
                let (h, node) = node.bump_all(3).await;
                let _late = Tracker::new("late");
                step("after").await;
                h + node.hits
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered `self` method leaving early with `?`: the fields of `self` drop then.
    p16_self_method_question_early {
        #[derive(Debug)]
        pub struct Bad(pub u32);
        pub struct Job { pub a: Tracker, pub b: Tracker, pub limit: u32 }
        impl Job {
            pub async fn check(&self, x: u32) -> Result<u32, Bad> { step("check").await; if x > self.limit { Err(Bad(x)) } else { Ok(x) } }
            lower! {
                pub async fn run(self, xs: Vec<u32>) -> Result<(u32, Tracker), Bad> {
                    let mut sum = 0;
                    for x in xs { sum += self.check(x).await?; }
                    step("ok").await;
                    Ok((sum, self.b))
                }
            }
        }
        lower! {
            pub async fn f(xs: Vec<u32>) -> Result<u32, Bad> {
                let j = Job { a: Tracker::new("ja"), b: Tracker::new("jb"), limit: 5 };
                let (n, b) = j.run(xs).await?;
                drop(b);
                Ok(n)
            }
        }
    }
    run { pair(f(vec![1, 2]), f(vec![1, 9, 2])) }
}

twin! {
    /// An awaited `&mut self` method through `if let Some(c) = v.get_mut(i)`.
    p16_get_mut_then_await {
        pub struct C { pub n: u32, pub t: Tracker }
        impl C { pub async fn bump(&mut self) -> u32 { self.n += leaf("bump", 1).await; self.n } }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![C { n: 0, t: Tracker::new("c0") }, C { n: 5, t: Tracker::new("c1") }];
                for i in [1usize, 0, 7] {
                    if let Some(c) = v.get_mut(i) { c.bump().await; } else { step("missing").await; }
                }
                v.retain(|c| c.n > 1);
                step("end").await;
                v.iter().map(|c| c.n).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A future made by a `&self` method (`impl Future + '_`) stored, awaited later.
    p16_stored_method_future {
        pub struct W { pub n: u32, pub t: Tracker }
        impl W { pub fn work(&self, k: u32) -> impl Future<Output = u32> + '_ { async move { step("work").await; self.n + k } } }
        lower! {
            pub async fn f() -> u32 {
                let w = W { n: 10, t: Tracker::new("w") };
                let fut = w.work(1);
                let _g = Tracker::new("g");
                step("before").await;
                let a = fut.await;
                a + w.work(2).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Sorting trackers by a key fetched with awaits, then consuming them in order.
    p16_sort_after_awaits {
        pub struct Item { pub key: u32, pub t: Tracker }
        impl Item { pub async fn finish(self) -> u32 { step(self.t.0).await; self.key } }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut items = vec![];
                for (k, n) in [(3, "i3"), (1, "i1"), (2, "i2")] {
                    items.push(Item { key: leaf("key", k).await, t: Tracker::new(n) });
                }
                items.sort_by_key(|i| i.key);
                let mut out = vec![];
                for it in items { out.push(it.finish().await); }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Characters quoted without spaces (`['\'','{']`) beside the awaited `close(&self)`:
    /// the scan of the file must not lose its braces.
    p16_char_literals_unspaced {
        pub struct Pool(pub Tracker);
        impl Pool { pub async fn close(&self) -> u32 { step("pool-close").await; 2 } }
        pub mod other {
            pub fn quotes() -> [char; 2] { ['\'','{'] }
            pub struct Sock;
            impl Sock { pub async fn close(self) -> u32 { 1 } }
        }
        lower! {
            pub async fn f() -> u32 {
                let p = Pool(Tracker::new("pool"));
                let a = p.close().await;
                let q = other::quotes();
                log(format!("{q:?}"));
                a + p.close().await
            }
        }
    }
    run { f() }
}

