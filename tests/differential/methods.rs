//! Methods (`self`, `&self`, `&mut self`), an `async fn` in a trait impl, and one lowered
//! function calling another.
use crate::prelude::*;

/// Implemented natively by both twins' `Echo` (the impl's method is lowered in one).
pub trait Service {
    async fn call(&self, request: u32) -> String;
}

twin! {
    /// `&self` with a `for` over a field, `&mut self` updating fields across awaits and
    /// calling another `&mut self` method, `self` by value (dropped at the end).
    self_receivers {
        pub struct Account {
            pub name: Tracker,
            pub items: Vec<u32>,
            pub balance: u32,
            pub history: Vec<String>,
        }

        impl Account {
            lower! {
                pub async fn total(&self) -> u32 {
                    let mut sum = 0;
                    for x in &self.items {
                        sum += leaf("item", *x).await;
                    }
                    sum + self.balance
                }
            }

            lower! {
                pub async fn deposit(&mut self, amount: u32) -> u32 {
                    self.balance += leaf("amount", amount).await;
                    self.history.push(format!("deposit {amount}"));
                    let total = self.total().await;
                    self.items.push(total);
                    step("persist").await;
                    self.balance
                }
            }

            lower! {
                pub async fn close(self, fee: u32) -> (u32, Vec<String>) {
                    let _closing = Tracker("closing");
                    let left = self.balance - leaf("fee", fee).await;
                    log(format!("closing {:?}", self.name));
                    step("final").await;
                    (left, self.history)
                }
            }
        }

        pub async fn scenario() -> (u32, u32, (u32, Vec<String>)) {
            let mut acc = Account { name: Tracker("account"), items: vec![1, 2], balance: 10, history: Vec::new() };
            let t = acc.total().await;
            let d = acc.deposit(5).await;
            (t, d, acc.close(3).await)
        }
    }
    run {
        pair(
            pair(
                leak(Account { name: Tracker("leaked"), items: vec![4, 5], balance: 1, history: Vec::new() }).deposit(2),
                Account { name: Tracker("by-value"), items: vec![], balance: 9, history: vec!["old".into()] }.close(4),
            ),
            scenario(),
        )
    }
}

twin! {
    /// The methods called from a native driver (`scenario`, identical in both twins) so the
    /// lowered futures are awaited by native code, one after the other.
    methods_awaited_by_native_code {
        pub struct Counter {
            pub n: u32,
            pub guard: Tracker,
        }

        impl Counter {
            lower! {
                pub async fn bump(&mut self, by: u32) -> u32 {
                    let old = self.n;
                    self.n += leaf("by", by).await;
                    old
                }
            }
            lower! {
                pub async fn into_n(self) -> u32 {
                    step("into").await;
                    self.n
                }
            }
        }

        pub async fn scenario() -> (u32, u32, u32) {
            let mut c = Counter { n: 1, guard: Tracker("counter") };
            let a = c.bump(2).await;
            let b = c.bump(3).await;
            (a, b, c.into_n().await)
        }
    }
    run { scenario() }
}

twin! {
    /// An `async fn` in a trait impl (the signature cannot change there), called through a
    /// generic function and directly.
    trait_impl {
        pub struct Echo {
            pub prefix: &'static str,
            pub guard: Tracker,
        }

        impl Service for Echo {
            lower! {
                async fn call(&self, request: u32) -> String {
                    let _t = Tracker("in-call");
                    let doubled = leaf("req", request).await * 2;
                    step("respond").await;
                    format!("{}{doubled}", self.prefix)
                }
            }
        }

        pub async fn through_generic<S: Service>(s: &S, n: u32) -> Vec<String> {
            let mut out = Vec::new();
            for i in 0..n {
                out.push(s.call(i).await);
            }
            out
        }
    }
    run {
        let echo: &'static Echo = leak(Echo { prefix: "echo-", guard: Tracker("echo") });
        pair(echo.call(21), through_generic(echo, 2))
    }
}

twin! {
    /// Two lowered functions, one awaiting the other inside a loop and in an expression.
    lowered_calls_lowered {
        lower! {
            pub async fn square(x: u32) -> u32 {
                let _t = Tracker("square");
                leaf("sq", x * x).await
            }
        }
        lower! {
            pub async fn sum_of_squares(n: u32) -> u32 {
                let mut s = 0;
                for i in 1..=n {
                    s += square(i).await;
                }
                s + square(square(2).await).await
            }
        }
    }
    run { sum_of_squares(3) }
}

twin! {
    /// Associated functions that use `Self`: an async constructor returning `Self`, a method
    /// of a generic `impl` block using the block's type parameter and `Self::` items.
    self_type_and_generic_impl {
        #[derive(Debug)]
        pub struct Wrapper<T> {
            pub items: Vec<T>,
            pub guard: Tracker,
        }

        impl<T: std::fmt::Debug + Clone> Wrapper<T> {
            pub const LIMIT: usize = 2;

            lower! {
                pub async fn open(first: T) -> Self {
                    step("open").await;
                    let mut w = Self { items: Vec::new(), guard: Tracker("wrapper") };
                    w.items.push(leaf("first", first).await);
                    w
                }
            }

            lower! {
                pub(crate) async fn show(&self) -> Vec<String> {
                    let mut out: Vec<String> = Vec::new();
                    for item in self.items.iter().take(Self::LIMIT) {
                        let copy: T = leaf("copy", item.clone()).await;
                        out.push(format!("{copy:?}"));
                    }
                    out
                }
            }
        }

        pub async fn scenario() -> (Vec<String>, Wrapper<(u8, &'static str)>) {
            let mut w = Wrapper::open((1u8, "one")).await;
            w.items.push((2, "two"));
            w.items.push((3, "three"));
            (w.show().await, w)
        }
    }
    run { scenario() }
}

twin! {
    /// `self: Arc<Self>` receivers, and an `async fn` with a default body in a trait
    /// definition (lowered there) used through an impl that keeps the default.
    arc_self_and_trait_default_method {
        pub trait Greeter {
            fn name(&self) -> &'static str;
            lower! {
                async fn greet(&self, times: u32) -> String {
                    let mut s = String::new();
                    for _ in 0..times {
                        s.push_str(leaf("greet", self.name()).await);
                    }
                    s
                }
            }
        }

        pub struct Service {
            pub guard: Tracker,
            pub hits: std::sync::atomic::AtomicU32,
        }

        impl Greeter for Service {
            fn name(&self) -> &'static str {
                "svc"
            }
        }

        impl Service {
            lower! {
                pub async fn run(self: std::sync::Arc<Self>, n: u32) -> (u32, String) {
                    for _ in 0..n {
                        step("hit").await;
                        self.hits.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                    let greeting = self.greet(2).await;
                    (self.hits.load(std::sync::atomic::Ordering::SeqCst), greeting)
                }
            }
        }
    }
    run {
        let svc = std::sync::Arc::new(Service { guard: Tracker("service"), hits: Default::default() });
        svc.run(2)
    }
}

/// An object-safe trait returning boxed futures (the shape `async-trait` generates).
pub trait Store {
    fn get<'a>(&'a self, key: u32) -> Pin<Box<dyn Future<Output = Option<u32>> + 'a>>;
}

pub struct MapStore(pub Vec<(u32, u32)>);

impl Store for MapStore {
    fn get<'a>(&'a self, key: u32) -> Pin<Box<dyn Future<Output = Option<u32>> + 'a>> {
        Box::pin(async move {
            let found = self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
            leaf("store-get", found).await
        })
    }
}

twin! {
    /// Trait objects as arguments (`&dyn Store`, `Box<dyn Fn>`), awaiting the boxed futures
    /// their methods return.
    dyn_trait_object_arguments {
        lower! {
            pub async fn sum(store: &dyn Store, keys: &[u32], scale: Box<dyn Fn(u32) -> u32>) -> (u32, usize) {
                let mut total = 0;
                let mut missing = 0;
                for k in keys {
                    match store.get(*k).await {
                        Some(v) => total += scale(v),
                        None => missing += 1,
                    }
                }
                (total, missing)
            }
        }
    }
    run { sum(leak(MapStore(vec![(1, 10), (2, 20)])), leak(vec![1, 3, 2]), Box::new(|v| v * 2)) }
}

twin! {
    /// A method called on a temporary and awaited as a whole statement: by value (`run`,
    /// a name that does not say it consumes), by reference (`peek`, the temporary lives to
    /// the end of the statement), with `?`, in `return` and as the tail.
    awaited_method_on_temporary {
        pub struct Job(pub Tracker, pub u32);
        impl Job {
            pub fn new(name: &'static str, n: u32) -> Job {
                log(name);
                Job(Tracker::new(name), n)
            }
            lower! {
                pub async fn run(self, by: u32) -> u32 {
                    step("run").await;
                    self.1 * by
                }
            }
            lower! {
                pub async fn peek(&self, by: u32) -> u32 {
                    step("peek").await;
                    self.1 + by
                }
            }
            lower! {
                pub async fn check(self) -> Result<u32, String> {
                    step("check").await;
                    if self.1 > 5 { Err(format!("{} too big", self.0.name())) } else { Ok(self.1) }
                }
            }
        }
        lower! {
            pub async fn f(k: u32) -> Result<u32, String> {
                let held = Tracker::new("held");
                let a = Job::new("a", 2).run(k).await;
                Job::new("b", 3).peek(a).await;
                let c = Job::new("c", a + k).check().await?;
                if c == 0 {
                    return Job::new("d", 1).check().await;
                }
                drop(held);
                Ok(Job::new("e", c).peek(1).await)
            }
        }
    }
    run { async { (f(1).await, f(2).await, f(3).await) } }
}

twin! {
    /// A builder rebound through its own methods (`let b = b.header(..)`, also at the head of
    /// a chain with `?`) before an await: each method takes `self`, so the old value is gone
    /// and only the new one lives across the await. A `&self` method rebinding the name
    /// (`let t = t.name();`) and a borrower (`let s = s.trim();`) beside it.
    builder_rebound_across_awaits {
        pub struct Bld { pub t: Tracker, pub n: u32, pub headers: Vec<String> }
        impl Bld {
            pub fn header(mut self, h: &str) -> Bld { self.headers.push(h.into()); self }
            pub fn retries(mut self, n: u32) -> Result<Bld, String> {
                if n > 5 { return Err(format!("{n} retries")); }
                self.n += n;
                Ok(self)
            }
            pub fn build(self) -> String { format!("{} {:?}", self.n, self.headers) }
        }
        lower! {
            pub async fn f(r: u32) -> Result<String, String> {
                let b = Bld { t: Tracker::new("bld"), n: 0, headers: vec![] };
                let b = b.header("a");
                step("auth").await;
                let b = b.header(&leaf("token", String::from("t0k")).await).retries(r)?;
                let s = leaf("s", String::from("  x  ")).await;
                let s = s.trim();
                step("trim").await;
                let mut b = b.header(s);
                b.n += leaf("n", 1).await;
                Ok(b.build())
            }
        }
    }
    run { async { (f(1).await, f(9).await) } }
}

twin! {
    /// An account lent to awaited `&mut self`/`&self` methods (its output used, so it keeps
    /// still in a frame slot), then consumed by an awaited `finish(self)`: the value leaves
    /// the slot at that last mention. Also after a reference to it lived across an await.
    slotted_receiver_consumed_by_awaited_method {
        pub struct Acct { pub t: Tracker, pub xs: Vec<u32> }
        impl Acct {
            lower! {
                pub async fn deposit(&mut self, x: u32) { step("deposit").await; self.xs.push(x); }
            }
            lower! {
                pub async fn balance(&self) -> u32 { step("balance").await; self.xs.iter().sum() }
            }
            lower! {
                pub async fn finish(self) -> u32 { step("finish").await; self.xs.len() as u32 * 100 }
            }
        }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut a = Acct { t: Tracker::new("a"), xs: vec![] };
                a.deposit(k).await;
                let b = a.balance().await;
                let other = Acct { t: Tracker::new("o"), xs: vec![k] };
                let r = &other;
                step("r").await;
                let n = r.xs.len() as u32;
                b + n + a.finish().await + other.finish().await
            }
        }
    }
    run { f(4) }
}

twin! {
    /// `let c = b.header(..)` and `let fut = job.run(..)` with methods taking `self` whose
    /// names say nothing, the receiver never mentioned again: it is taken, not kept
    /// across the next await. A receiver mentioned again (`s.peek()` then `s.n`) stays.
    let_from_method_taking_self {
        pub struct Job { pub t: Tracker, pub n: u32 }
        impl Job {
            pub fn header(mut self, n: u32) -> Job { self.n += n; self }
            pub fn peek(&self) -> u32 { self.n }
            lower! {
                pub async fn run(self, by: u32) -> u32 { step("run").await; self.n * by }
            }
        }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let b = Job { t: Tracker::new("b"), n: 1 };
                let c = b.header(k);
                step("header").await;
                let s = Job { t: Tracker::new("s"), n: 5 };
                let p = s.peek();
                step("peek").await;
                let fut = c.run(p);
                step("made").await;
                fut.await + s.n
            }
        }
    }
    run { f(2) }
}

twin! {
    /// `let m = a.close(&buf).await` and `let shut = b.shut().await`: awaited methods taking `self`
    /// whose names say nothing, on locals not mentioned again (one of them kept still in a
    /// frame slot before, lent to `a.total().await`): their declarations, in this file, say
    /// they take `self`.
    awaited_method_taking_self_last_mention {
        pub struct Acct { pub t: Tracker, pub xs: Vec<u32> }
        impl Acct {
            lower! {
                pub async fn deposit(&mut self, x: u32) { step("deposit").await; self.xs.push(x); }
            }
            lower! {
                pub async fn total(&self) -> u32 { step("total").await; self.xs.iter().sum() }
            }
            lower! {
                pub async fn close(self, b: &[u8]) -> usize { step("close").await; self.xs.len() + b.len() }
            }
            lower! {
                pub async fn shut(self) -> u32 { step("shut").await; self.xs.iter().sum::<u32>() * 10 }
            }
        }
        lower! {
            pub async fn f(k: u32) -> (usize, u32) {
                let buf = vec![1u8, 2];
                let a = Acct { t: Tracker::new("a"), xs: vec![k] };
                step("x").await;
                let m = a.close(&buf).await;
                let mut b = Acct { t: Tracker::new("b"), xs: vec![] };
                b.deposit(k).await;
                let t = b.total().await;
                let held = Tracker::new("held");
                let shut = b.shut().await;
                let s = t + shut;
                step("end").await;
                drop(held);
                (m + buf.len(), s)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `&self` and `&mut self` methods named as a consuming one would be (`finish`, `send()`,
    /// `json`), awaited on locals not mentioned again: their declarations, in this file, say
    /// they borrow, so each receiver drops at the end of its scope, after `later`.
    lent_methods_named_as_consuming_ones {
        pub struct Req { pub t: Tracker, pub n: u32 }
        impl Req {
            lower! {
                pub async fn send(&mut self) -> u32 { step("send").await; self.n += 1; self.n }
            }
            lower! {
                pub async fn json(&self) -> u32 { step("json").await; self.n * 2 }
            }
            lower! {
                pub async fn finish(&self) -> u32 { step("finish").await; self.n * 3 }
            }
        }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut a = Req { t: Tracker::new("a"), n: k };
                let s = a.send().await;
                let b = Req { t: Tracker::new("b"), n: s };
                let j = b.json().await;
                let later = Tracker::new("later");
                let c = Req { t: Tracker::new("c"), n: j };
                let f = c.finish().await;
                step("end").await;
                drop(later);
                s + j + f
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A local bound from an await (`let resp = get(..).await`), lent to an awaited method,
    /// then a field read out of it as a value: it lives in a frame slot (lent) and in a
    /// `Partial` (a field read), filled once, after the `Partial` wraps it.
    awaited_value_lent_then_field_read {
        pub struct Resp { pub status: u16, pub body: String, pub t: Tracker }
        impl Resp {
            lower! {
                pub async fn fetch_text(&self) -> String { step("read").await; self.body.clone() }
            }
        }
        lower! {
            pub async fn f(k: u16) -> (u16, String, usize) {
                let resp = leaf("get", Resp { status: k, body: "ok".into(), t: Tracker::new("resp") }).await;
                let body = resp.fetch_text().await;
                let status = resp.status;
                step("after").await;
                (status, body, resp.body.len())
            }
        }
    }
    run { f(200) }
}

twin! {
    /// `let t = c.total().await;` (`&self`), then another await before `c`'s scope ends:
    /// `c` is not mentioned again, and still drops at the end of its scope.
    awaited_method_borrowing_last_mention {
        pub struct Cnt { pub t: Tracker, pub n: u32 }
        impl Cnt {
            lower! {
                pub async fn total(&self) -> u32 { step("total").await; self.n }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let c = Cnt { t: Tracker::new("c"), n: 4 };
                let t = c.total().await;
                step("after").await;
                t
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited call on a temporary receiver after a loop with an await (`Job::new(k)
    /// .run().await`): the `async move` block that builds its awaiter is made in one place,
    /// not once per path into it (two blocks are two types, E0308).
    temporary_receiver_awaited_after_loop {
        pub struct Job { pub t: Tracker, pub n: u32 }
        impl Job {
            pub fn new(n: u32) -> Job { Job { t: Tracker::new("job"), n } }
            lower! {
                pub async fn run(&self) -> u32 { step("run").await; self.n * 2 }
            }
            lower! {
                pub async fn consume(self, by: u32) -> u32 { step("consume").await; self.n + by }
            }
        }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut sum = 0;
                for i in 0..k {
                    sum += leaf("i", i).await;
                }
                let a = Job::new(sum).run().await;
                while sum < 10 {
                    sum += leaf("w", 4).await;
                }
                a + Job::new(sum).consume(1).await
            }
        }
    }
    run { async { (f(0).await, f(3).await) } }
}

twin! {
    /// A request builder chained by value into an awaited `send(self)` and `text(self)`,
    /// with `?`: `Req::new(u).header(..).send().await?`. Each link takes what the one
    /// before gave back, so no temporary lives across the await.
    builder_chain_sent_by_value {
        pub struct Req { pub url: String, pub headers: Vec<String>, pub t: Tracker }
        pub struct Resp { pub body: String, pub t: Tracker }
        impl Req {
            pub fn new(url: &str) -> Req { Req { url: url.into(), headers: vec![], t: Tracker::new("req") } }
            pub fn header(mut self, h: &str) -> Req { self.headers.push(h.into()); self }
            lower! {
                pub async fn send(self) -> Result<Resp, String> {
                    step("connect").await;
                    if self.url.starts_with("bad") {
                        return Err(format!("{} failed", self.url));
                    }
                    Ok(Resp { body: format!("{} {:?}", self.url, self.headers), t: Tracker::new("resp") })
                }
            }
        }
        impl Resp {
            lower! {
                pub async fn text(self) -> String { step("read").await; self.body }
            }
        }
        lower! {
            pub async fn f(u: &'static str) -> Result<(String, usize), String> {
                let resp = Req::new(u).header("a").header("b").send().await?;
                let body = resp.text().await;
                let again = Req::new("x").header("c").send().await?.text().await;
                Ok((body, again.len()))
            }
        }
    }
    run { async { (f("ok").await, f("bad").await) } }
}

twin! {
    /// Owned pattern bindings as the receiver of an awaited `&mut self` / `&self` method
    /// with their own fields as arguments: `for mut w in ws`, `while let Some(job) =
    /// q.pop()`, a `match` arm. The field reads before the call are copies, so the binding
    /// stays whole and lives (lent to the awaiter) until the end of its scope.
    owned_bindings_lend_to_awaited_methods {
        pub struct Worker { pub id: u32, pub name: String, pub t: Tracker }
        impl Worker {
            pub fn new(id: u32, name: &str) -> Worker {
                Worker { id, name: name.into(), t: Tracker::new(if id % 2 == 0 { "even" } else { "odd" }) }
            }
            lower! {
                pub async fn run(&mut self, n: u32) -> u32 { step("run").await; self.id += n; self.id }
            }
            lower! {
                pub async fn show(&self, tag: u32) -> String { step("show").await; format!("{}:{tag}", self.name) }
            }
        }
        lower! {
            pub async fn f(ws: Vec<Worker>, mut q: Vec<Worker>, o: Option<Worker>) -> (u32, Vec<String>) {
                let mut total = 0;
                for mut w in ws {
                    let before = w.id;
                    total += w.run(w.id).await + before;
                    step("after run").await;
                }
                let mut out = vec![];
                while let Some(job) = q.pop() {
                    out.push(job.show(job.id).await);
                    let name = job.name.clone();
                    step("after show").await;
                    out.push(name);
                }
                match o {
                    Some(mut w) => total += w.run(w.id * 10).await,
                    None => total += leaf("none", 0).await,
                }
                (total, out)
            }
        }
    }
    run {
        f(
            vec![Worker::new(1, "a"), Worker::new(2, "b")],
            vec![Worker::new(3, "c"), Worker::new(4, "d")],
            Some(Worker::new(5, "e")),
        )
    }
}

twin! {
    /// `while let Some(job) = q.pop()`: `job.show(1).await`, then `job.name` moved out.
    owned_binding_field_moved_after_awaited_method {
        pub struct Job { pub name: String, pub t: Tracker }
        impl Job {
            lower! {
                pub async fn show(&self, tag: u32) -> String { step("show").await; format!("{}:{tag}", self.name) }
            }
        }
        lower! {
            pub async fn f(mut q: Vec<Job>) -> Vec<(String, String)> {
                let mut out = vec![];
                while let Some(job) = q.pop() {
                    let shown = job.show(1).await;
                    out.push((job.name, shown));
                }
                out
            }
        }
    }
    run { f(vec![Job { name: "a".into(), t: Tracker::new("ja") }, Job { name: "b".into(), t: Tracker::new("jb") }]) }
}

twin! {
    /// Two types in one body with a same-named `close`, `Conn`'s taking `self` and
    /// `Wrapper`'s borrowing: each awaited call is read by its receiver's type (a local made
    /// by `Conn::new(..)`, a parameter `&mut Wrapper`), not by the name.
    close_by_receiver_type {
        pub struct Conn { pub id: u32, pub t: Tracker }
        impl Conn {
            pub fn new(id: u32) -> Conn { Conn { id, t: Tracker::new("conn") } }
            pub async fn close(self) -> u32 { step("conn-close").await; log("conn closing"); self.id }
        }
        pub struct Wrapper { pub n: u32, pub t: Tracker }
        impl Wrapper {
            pub async fn close(&mut self) -> u32 { self.n += leaf("wrapper-close", 1).await; self.n }
        }
        lower! {
            pub async fn f(w: &mut Wrapper, id: u32) -> u32 {
                let c = Conn::new(id);
                let _g = Tracker::new("g");
                let a = w.close().await;
                let b = c.close().await;
                let _h = Tracker::new("h");
                step("end").await;
                a + b + w.close().await
            }
        }
    }
    run { f(leak(Wrapper { n: 1, t: Tracker::new("w") }), 5) }
}

twin! {
    /// tokio's `Mutex::lock(&self)` awaited on a local made by `Mutex::new(..)` while the
    /// body declares a `lock(self)` for another type: the mutex is borrowed, and drops (with
    /// what it holds) at the end of its scope.
    library_lock_by_receiver_type {
        pub struct Door { pub t: Tracker }
        impl Door { pub async fn lock(self) -> u32 { step("door-lock").await; 1 } }
        lower! {
            pub async fn f() -> u32 {
                let m = tokio::sync::Mutex::new(Tracker::new("inside"));
                let d = Door { t: Tracker::new("door") };
                let n = m.lock().await.name().len() as u32;
                let k = d.lock().await;
                step("after").await;
                log("end of scope");
                n + k
            }
        }
    }
    run { f() }
}

twin! {
    /// A `self.inner` field and a `while let Some(c) = self.conns.pop()` element as awaited
    /// receivers, their types read from the struct's declaration: the pool's own
    /// `shutdown(&mut self)` is not theirs.
    shutdown_by_field_type {
        pub struct Conn { pub id: u32, pub t: Tracker }
        impl Conn { pub async fn shutdown(self) -> u32 { step("conn-shutdown").await; self.id } }
        pub struct Log { pub t: Tracker, pub n: u32 }
        impl Log { pub async fn shutdown(&self) -> u32 { leaf("log-shutdown", self.n).await } }
        pub struct Pool { pub conns: Vec<Conn>, pub log: Log }
        impl Pool {
            lower! {
                pub async fn shutdown(&mut self) -> u32 {
                    let mut sum = self.log.shutdown().await;
                    while let Some(c) = self.conns.pop() {
                        let _g = Tracker::new("closing");
                        sum += c.shutdown().await;
                    }
                    sum + self.log.shutdown().await
                }
            }
        }
    }
    run {
        leak(Pool {
            conns: vec![Conn { id: 1, t: Tracker::new("c1") }, Conn { id: 2, t: Tracker::new("c2") }],
            log: Log { t: Tracker::new("log"), n: 7 },
        })
        .shutdown()
    }
}

twin! {
    /// The output of an awaited `&mut self` method used (`let row = conn.query(..).await?`)
    /// and the connection then taken by a sync `self` method: the declarations return types
    /// that own their data (`Result<Row, DbError>`, `u32`), so the output borrows nothing of
    /// `conn`, which stays an ordinary local that the method can take.
    owned_outputs_leave_the_receiver_free {
        #[derive(Debug)]
        pub struct DbError(pub u32);
        pub struct Row { pub id: u32, pub t: Tracker }
        pub struct Conn2 { pub t: Tracker, pub seen: u32 }
        impl Conn2 {
            pub async fn query(&mut self, id: u32) -> Result<Row, DbError> {
                self.seen += leaf("query", 1).await;
                if id > 5 { Err(DbError(id)) } else { Ok(Row { id, t: Tracker::new("row") }) }
            }
            pub async fn count(&mut self) -> u32 { leaf("count", self.seen).await }
            pub fn seen_total(self) -> u32 { self.seen }
        }
        lower! {
            pub async fn f(id: u32) -> Result<u32, DbError> {
                let mut conn = Conn2 { t: Tracker::new("conn"), seen: 0 };
                let row = conn.query(id).await?;
                let n = conn.count().await;
                let _late = Tracker::new("late");
                step("between").await;
                let total = conn.seen_total();
                step("after").await;
                Ok(total + row.id + n)
            }
        }
    }
    run { pair(f(1), f(9)) }
}

twin! {
    /// A field of a local, and a whole local, given up to methods the file declares taking
    /// `self` (`s.conn.close()`, `s.conn.send(x)`, `w.finish()`, a sync `s.log.seal()`),
    /// while other fields are read after: the local lives on to its scope's end with what
    /// is left of it. `Pool::close(&self)`, of the same name, only borrows its field.
    partial_receivers_given_to_declared_self_methods {
        pub struct Conn { pub t: Tracker, pub id: u32 }
        impl Conn {
            pub async fn close(self) -> u32 { step("close").await; self.id }
            pub async fn send(self, x: u32) -> u32 { leaf("send", x).await + self.id }
        }
        pub struct Pool { pub t: Tracker }
        impl Pool { pub async fn close(&self) -> u32 { step("pool").await; 7 } }
        pub struct Log<T> { pub lines: Vec<T>, pub t: Tracker }
        impl<T> Log<T> { pub fn seal(self) -> usize { self.lines.len() } }
        pub struct Session { pub conn: Conn, pub spare: Conn, pub pool: Pool, pub log: Log<u8>, pub n: u32, pub t: Tracker }
        pub struct W { pub port: Option<u32>, pub name: String, pub t: Tracker }
        impl W { pub async fn finish(self) -> usize { step("finish").await; self.name.len() } }
        lower! {
            pub async fn f(x: u32) -> u32 {
                let s = Session {
                    conn: Conn { t: Tracker::new("conn"), id: 1 },
                    spare: Conn { t: Tracker::new("spare"), id: 2 },
                    pool: Pool { t: Tracker::new("pool") },
                    log: Log { lines: vec![1, 2], t: Tracker::new("log") },
                    n: 4,
                    t: Tracker::new("s"),
                };
                let p = s.pool.close().await;
                let a = s.conn.close().await;
                let sealed = s.log.seal() as u32;
                let b = s.spare.send(x).await;
                let _late = Tracker::new("late");
                step("after").await;
                a + b + p + sealed + s.n
            }
        }
        lower! {
            pub async fn g() -> usize {
                let w = W { port: Some(1), name: String::from("nm"), t: Tracker::new("w") };
                let p = w.port;
                step("p").await;
                let _late = Tracker::new("late");
                w.finish().await + p.unwrap_or(0) as usize
            }
        }
    }
    run { pair(f(3), g()) }
}

// A `&mut` binding of a `match` on `&mut self` (or a `&mut` parameter) used after an await,
// then a write through the reference: the binding is matched again where the code resumes.

twin! {
    /// Driven through every state, two awaits per `Listing` step, the tracker dropped by the
    /// assignment that leaves `Counting`.
    rematched_self_binding_state_machine {
        pub enum Phase {
            Counting(u32, Tracker),
            Listing { items: Vec<u32>, label: &'static str },
            Done(u32),
        }

        impl Phase {
            lower! {
                /// The state machine's step: bindings used after the await, then `*self = ..`.
                pub async fn step(&mut self) -> u32 {
                    match self {
                        Phase::Counting(n, t) => {
                            *n += leaf("inc", 1).await;
                            log(format!("{} at {}", t.name(), n));
                            if *n >= 3 {
                                *self = Phase::Listing { items: vec![*n], label: "list" };
                            }
                            1
                        }
                        Phase::Listing { items, label } => {
                            for i in 0..2u32 {
                                items.push(leaf(*label, i).await);
                            }
                            let total = items.iter().sum();
                            *self = Phase::Done(total);
                            2
                        }
                        Phase::Done(total) => *total,
                    }
                }
            }
        }
        lower! {
            pub async fn drive() -> u32 {
                let mut p = Phase::Counting(1, Tracker::new("c"));
                let mut sum = 0;
                for _ in 0..5 {
                    sum += p.step().await;
                }
                sum
            }
        }
    }
    run { drive() }
}

twin! {
    /// A struct variant field written through `self` while a binding of another field
    /// lives (disjoint), a test on that field in the pattern, and an `if let` on a `&mut`
    /// parameter that is not `self`.
    rematched_binding_sibling_field_written {
        pub struct Gate { pub n: u32, pub open: bool, pub t: Tracker }
        pub enum Slot { Full(Gate), Empty }
        lower! {
            pub async fn poke(g: &mut Gate) -> u32 {
                match g {
                    Gate { n, open: true, .. } => {
                        *n += leaf("n", 2).await;
                        g.open = false;
                        *n += leaf("m", 3).await;
                        *n
                    }
                    Gate { n, .. } => *n,
                }
            }
        }
        lower! {
            pub async fn take(s: &mut Slot) -> u32 {
                if let Slot::Full(gate) = s {
                    let k = leaf("k", gate.n).await;
                    gate.n += k;
                    let v = gate.n;
                    *s = Slot::Empty;
                    return v;
                }
                0
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut g = Gate { n: 1, open: true, t: Tracker::new("g") };
                let a = poke(&mut g).await;
                let b = poke(&mut g).await;
                let mut s = Slot::Full(g);
                let c = take(&mut s).await;
                let d = take(&mut s).await;
                a * 1000 + b * 100 + c * 10 + d
            }
        }
    }
    run { go() }
}

twin! {
    /// Nested: a binding of a binding (`job` of `self`, `t` of `job`) used after the await,
    /// a panic in one call (the machine is poisoned, nothing is dropped twice).
    rematched_nested_bindings_and_panic {
        pub struct Job { pub tries: u32, pub t: Tracker }
        pub enum Worker { Busy(Job), Idle }
        impl Worker {
            lower! {
                pub async fn work(&mut self) -> u32 {
                    match self {
                        Worker::Busy(job) => match job {
                            Job { tries, t } => {
                                let add = leaf(t.name(), 1).await;
                                *tries += add;
                                if *tries > 2 {
                                    panic!("too many tries");
                                }
                                let k = *tries;
                                *self = Worker::Idle;
                                k
                            }
                        },
                        Worker::Idle => 0,
                    }
                }
            }
        }
        lower! {
            pub async fn go(start: u32) -> u32 {
                let mut w = Worker::Busy(Job { tries: start, t: Tracker::new("job") });
                let a = w.work().await;
                let b = w.work().await;
                a * 10 + b
            }
        }
    }
    run { pair(go(0), go(2)) }
}
