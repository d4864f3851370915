//! Probe round 5a: realistic "test program" bodies: drop-logging structs with fields that are
//! read, methods across awaits, enums with data matched after an await, `?` in loops, early
//! returns with live guards and collections, maps, strings, iterator chains, closures,
//! `Box<dyn Fn>`, `Rc<RefCell<..>>`, nested async blocks, `mem::take/replace/swap`,
//! shadowing, explicit `drop`, panics with live guards.
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::RefCell;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap};
#[allow(unused_imports)]
use std::rc::Rc;

/// A drop-logging guard with fields that are read.
pub struct Guard {
    pub id: u32,
    pub name: String,
    pub hits: u32,
}

impl Guard {
    pub fn new(id: u32, name: &str) -> Guard {
        log(format!("open {id} {name}"));
        Guard { id, name: name.to_string(), hits: 0 }
    }
    pub fn touch(&mut self) -> u32 {
        self.hits += 1;
        log(format!("touch {} {}", self.name, self.hits));
        self.hits
    }
    pub fn label(&self) -> String {
        format!("{}#{}", self.name, self.id)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        log(format!("close {} {} hits={}", self.id, self.name, self.hits));
    }
}

impl std::fmt::Debug for Guard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Guard({}, {})", self.id, self.name)
    }
}

pub fn report(id: u32, name: &str) {
    log(format!("report {id} {name}"));
}

#[derive(Debug)]
pub enum Msg {
    Data(u32, Tracker),
    Text(String),
    Stop,
}

#[derive(Debug, PartialEq)]
pub struct ParseErr(pub String);

pub fn parse(s: &str) -> Result<u32, ParseErr> {
    log(format!("parse {s}"));
    s.parse().map_err(|_| ParseErr(s.to_string()))
}

twin! {
    /// A guard whose fields are passed to functions and printed between awaits.
    p5a_guard_fields_logged {
        lower! {
            pub async fn f() -> String {
                let mut g = Guard::new(1, "db");
                let t = Tracker("outer");
                report(g.id, &g.name);
                step("connect").await;
                g.touch();
                let l = g.label();
                step("query").await;
                log(format!("{} {}", g.id, g.name));
                drop(t);
                l
            }
        }
    }
    run { f() }
}

twin! {
    /// `&mut self` and `&self` lowered methods called one after the other on a local.
    p5a_methods_across_awaits {
        pub struct Acc {
            pub total: u32,
            pub hist: Vec<String>,
            pub tag: Tracker,
        }
        impl Acc {
            lower! {
                pub async fn add(&mut self, name: &'static str, v: u32) -> u32 {
                    let x = leaf(name, v).await;
                    self.total += x;
                    self.hist.push(format!("{name}={x}"));
                    self.total
                }
            }
            lower! {
                pub async fn snapshot(&self) -> String {
                    step("snap").await;
                    format!("{}:{}", self.tag.name(), self.hist.join(","))
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, String) {
                let mut acc = Acc { total: 0, hist: vec![], tag: Tracker("acc") };
                let a = acc.add("a", 2).await;
                let s1 = acc.snapshot().await;
                acc.add("b", 5).await;
                log(s1);
                (a + acc.total, acc.snapshot().await)
            }
        }
    }
    run { f() }
}

twin! {
    /// An enum with data built before an await and matched (by value) after it.
    p5a_enum_match_after_await {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let msg = match k {
                    0 => Msg::Data(7, Tracker("d")),
                    1 => Msg::Text("hi".to_string()),
                    _ => Msg::Stop,
                };
                let _g = Tracker("g");
                step("recv").await;
                match msg {
                    Msg::Data(n, t) => {
                        step("data").await;
                        log(format!("{t:?}"));
                        n
                    }
                    Msg::Text(s) => leaf("len", s.len() as u32).await,
                    Msg::Stop => 0,
                }
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}

twin! {
    /// `?` on a `Result` inside a `for` loop with a per-iteration tracker and an outer one.
    p5a_result_q_in_for {
        lower! {
            pub async fn f(items: Vec<&'static str>) -> Result<u32, ParseErr> {
                let _g = Tracker("tx");
                let mut sum = 0;
                for s in items {
                    let t = Tracker("item");
                    let n = parse(leaf("read", s).await)?;
                    step("commit").await;
                    sum += n;
                    drop(t);
                }
                Ok(sum)
            }
        }
    }
    run { pair(f(vec!["1", "2"]), f(vec!["3", "x", "4"])) }
}

twin! {
    /// `?` on an `Option` inside `while let` popping a vector.
    p5a_option_q_while_let {
        lower! {
            pub async fn f(mut q: Vec<Option<u32>>) -> Option<u32> {
                let _outer = Tracker("outer");
                let mut acc = 0;
                while let Some(item) = q.pop() {
                    let g = Tracker("iter");
                    let v = leaf("item", item).await?;
                    acc += v;
                    log(format!("{g:?} {acc}"));
                }
                Some(acc)
            }
        }
    }
    run { pair(f(vec![Some(1), Some(2)]), f(vec![Some(1), None, Some(3)])) }
}

twin! {
    /// Early `return` from a `for` while a `Vec<Tracker>` and the iteration's tracker are live.
    p5a_early_return_in_for_with_vec {
        lower! {
            pub async fn f(limit: u32) -> Vec<&'static str> {
                let mut held: Vec<Tracker> = Vec::new();
                let names = ["a", "b", "c", "d"];
                for (i, &name) in names.iter().enumerate() {
                    let t = Tracker(name);
                    step(name).await;
                    if i as u32 == limit {
                        log("early");
                        return held.iter().map(|t| t.name()).collect();
                    }
                    held.push(t);
                }
                let _tail = Tracker("tail");
                step("end").await;
                held.iter().map(|t| t.0).collect()
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// A `Vec<Tracker>` built in a loop from awaited values, then partly drained, popped.
    p5a_vec_partially_drained {
        lower! {
            pub async fn f() -> usize {
                let mut v = Vec::new();
                for name in ["t0", "t1", "t2", "t3", "t4"] {
                    v.push(leaf(name, Tracker(name)).await);
                }
                let drained: Vec<Tracker> = v.drain(1..3).collect();
                step("mid").await;
                log(format!("drained {drained:?}"));
                drop(drained);
                let last = v.pop();
                step("end").await;
                v.len() + last.map_or(0, |t| t.0.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `HashMap` of counts and a `BTreeMap` of first positions, updated across awaits.
    p5a_maps_across_awaits {
        lower! {
            pub async fn f() -> Vec<(String, u32, usize)> {
                let mut counts: HashMap<String, u32> = HashMap::new();
                let mut order = BTreeMap::new();
                let words = ["x", "y", "x", "z", "x"];
                for (i, w) in words.into_iter().enumerate() {
                    let w = leaf("word", w).await;
                    *counts.entry(w.to_string()).or_insert(0) += 1;
                    order.entry(w).or_insert(i);
                    step("tick").await;
                }
                let _g = Tracker("g");
                let mut out: Vec<(String, u32, usize)> =
                    order.iter().map(|(k, i)| (k.to_string(), counts[*k], *i)).collect();
                step("sort").await;
                out.sort();
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `BTreeMap<u32, Tracker>`: insert replacing a value, remove, all across awaits.
    p5a_tracker_map {
        lower! {
            pub async fn f() -> usize {
                let mut m: BTreeMap<u32, Tracker> = BTreeMap::new();
                m.insert(1, Tracker("one"));
                m.insert(2, Tracker("two"));
                step("a").await;
                let old = m.insert(1, Tracker("uno"));
                step("b").await;
                drop(old);
                if let Some(t) = m.remove(&2) {
                    step("c").await;
                    log(format!("removed {t:?}"));
                }
                m.insert(3, leaf("three", Tracker("three")).await);
                m.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `String` built with `push_str`, `+=`, `write!` of awaited values.
    p5a_string_building {
        use std::fmt::Write;
        lower! {
            pub async fn f(n: u32) -> String {
                let mut s = String::new();
                let _g = Tracker("buf");
                for i in 0..n {
                    if !s.is_empty() {
                        s.push_str(", ");
                    }
                    s += &leaf("piece", i * 10).await.to_string();
                    write!(s, "[{}]", leaf("idx", i).await).unwrap();
                }
                s.push_str(&format!(" total={}", leaf("tot", n).await));
                s
            }
        }
    }
    run { f(3) }
}
twin! {
    /// Iterator chains (`filter`, `map`, `chain`, `rev`, `collect`) between awaits, then
    /// `iter_mut` with an await in the loop body.
    p5a_iter_chain_mixed {
        lower! {
            pub async fn f() -> Vec<u32> {
                let base: Vec<u32> = (1..=6).collect();
                let k = leaf("k", 2).await;
                let evens: Vec<u32> = base.iter().copied().filter(|x| x % k == 0).map(|x| x * 10).collect();
                let _g = Tracker("g");
                let extra = leaf("extra", 5).await;
                let mut out: Vec<u32> = evens.into_iter().chain(std::iter::once(extra)).rev().collect();
                for x in out.iter_mut() {
                    *x += leaf("bump", 1).await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `move` closure owning a tracker and a `FnMut` closure borrowing a counter, both
    /// stored in locals and called after awaits.
    p5a_closures_called_after_await {
        lower! {
            pub async fn f() -> u32 {
                let factor = leaf("factor", 3).await;
                let t = Tracker("cap");
                let scale = move |x: u32| {
                    log(format!("scale with {:?}", t));
                    x * factor
                };
                let mut count = 0;
                let mut bump = |n: u32| {
                    count += n;
                    count
                };
                let a = scale(leaf("a", 2).await);
                bump(a);
                step("mid").await;
                let b = scale(4);
                bump(b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec<Box<dyn Fn>>` of handlers capturing an `Rc<Tracker>`, built in a loop with
    /// awaits and called later with awaited arguments.
    p5a_box_dyn_fn_handlers {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut handlers: Vec<Box<dyn Fn(u32) -> u32>> = Vec::new();
                let g = Rc::new(Tracker("shared"));
                for k in 1..=3u32 {
                    let g2 = g.clone();
                    let off = leaf("off", k).await;
                    handlers.push(Box::new(move |x| {
                        log(format!("h{k} {:?}", g2));
                        x + off
                    }));
                }
                drop(g);
                step("dispatch").await;
                let mut out = vec![];
                for h in &handlers {
                    out.push(h(leaf("in", 10).await));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Rc<RefCell<Vec<String>>>` shared with a closure; short borrows between awaits.
    p5a_rc_refcell_shared {
        lower! {
            pub async fn f() -> Vec<String> {
                let state = Rc::new(RefCell::new(Vec::<String>::new()));
                let s2 = Rc::clone(&state);
                let push = move |x: String| s2.borrow_mut().push(x);
                push(format!("a{}", leaf("a", 1).await));
                {
                    let mut b = state.borrow_mut();
                    b.push("direct".into());
                }
                step("mid").await;
                push(format!("b{}", leaf("b", 2).await));
                let n = state.borrow().len();
                log(format!("n={n}"));
                let out = state.borrow().clone();
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Two nested async blocks created up front, awaited later in the other order.
    p5a_nested_async_blocks_later {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("outer");
                let a = async {
                    let _g = Tracker("in-a");
                    leaf("a", 1).await + 1
                };
                let name = String::from("bee");
                let b = async move {
                    step("b").await;
                    name.len() as u32
                };
                step("before").await;
                let y = b.await;
                log(format!("{t:?}"));
                let x = a.await;
                x + y
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::take`, `mem::replace`, `mem::swap` on locals between awaits.
    p5a_mem_take_replace_swap {
        lower! {
            pub async fn f() -> (Vec<u32>, Tracker, Tracker) {
                let mut buf = vec![1, 2];
                let mut cur = Tracker("cur0");
                let mut other = Tracker("other");
                let taken = std::mem::take(&mut buf);
                buf.push(leaf("x", 9).await);
                let old = std::mem::replace(&mut cur, Tracker("cur1"));
                step("s1").await;
                drop(old);
                std::mem::swap(&mut cur, &mut other);
                step("s2").await;
                log(format!("{taken:?} {buf:?}"));
                (buf, cur, other)
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard shadowed twice, the shadowed ones still alive until the scope ends.
    p5a_shadowed_guards {
        lower! {
            pub async fn f() -> &'static str {
                let g = Tracker("g1");
                step("a").await;
                let g = {
                    log(format!("shadow {:?}", g));
                    Tracker("g2")
                };
                step("b").await;
                let g = (g, Tracker("g3"));
                step("c").await;
                g.1.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// Explicit `drop` in the middle, one conditional, and a vector shrunk then dropped.
    p5a_explicit_drop_middle {
        lower! {
            pub async fn f(flag: bool) -> u32 {
                let a = Tracker("a");
                let b = Tracker("b");
                let mut v = vec![Tracker("v0"), Tracker("v1")];
                step("one").await;
                drop(b);
                if flag {
                    drop(a);
                }
                step("two").await;
                v.remove(0);
                drop(v);
                step("three").await;
                7
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A panic after some awaits with guards and a vector of trackers alive.
    p5a_panic_after_awaits {
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker("a");
                let v = vec![Tracker("v0"), Tracker("v1")];
                let n = leaf("n", 3).await;
                let _b = Tracker("b");
                step("s").await;
                if n > 2 {
                    panic!("too big {} {}", n, v.len());
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited future panics in the third iteration with earlier guards in a vector.
    p5a_boom_in_loop_with_guards {
        lower! {
            pub async fn f() -> u32 {
                let mut held = Vec::new();
                for i in 0..3u32 {
                    let g = Guard::new(i, "loop");
                    if i == 2 {
                        boom("b").await;
                    }
                    step("s").await;
                    held.push(g);
                }
                held.len() as u32
            }
        }
    }
    run { f() }
}
twin! {
    /// `while let` over messages with a `match` that returns early (Ok and Err) from arms.
    p5a_early_return_match_in_while_let {
        lower! {
            pub async fn f(mut input: Vec<Msg>) -> Result<u32, String> {
                let _conn = Guard::new(9, "conn");
                let mut total = 0;
                input.reverse();
                while let Some(m) = input.pop() {
                    let _it = Tracker("it");
                    match m {
                        Msg::Data(n, t) => {
                            step("d").await;
                            total += n;
                            drop(t);
                        }
                        Msg::Text(s) => {
                            if leaf("check", s.is_empty()).await {
                                return Err(format!("empty at {total}"));
                            }
                            total += s.len() as u32;
                        }
                        Msg::Stop => return Ok(total),
                    }
                }
                Ok(total + 1000)
            }
        }
    }
    run {
        pair(
            f(vec![Msg::Data(1, Tracker("d1")), Msg::Text("ab".into()), Msg::Stop, Msg::Data(5, Tracker("d5"))]),
            pair(
                f(vec![Msg::Text(String::new()), Msg::Data(2, Tracker("d2"))]),
                f(vec![Msg::Data(3, Tracker("d3"))]),
            ),
        )
    }
}

twin! {
    /// A struct with `Drop` whose lowered `&mut self` method returns early from a loop.
    p5a_session_methods {
        pub struct Session {
            pub id: u32,
            pub name: String,
            pub items: Vec<Tracker>,
        }
        impl Drop for Session {
            fn drop(&mut self) {
                log(format!("end session {} {} with {}", self.id, self.name, self.items.len()));
            }
        }
        impl Session {
            lower! {
                pub async fn load(&mut self, n: u32) -> Result<usize, String> {
                    let _g = Tracker("load-guard");
                    for i in 0..n {
                        let t = leaf("item", Tracker("item")).await;
                        if i == 2 {
                            return Err(format!("{} full", self.name));
                        }
                        self.items.push(t);
                    }
                    Ok(self.items.len())
                }
            }
            lower! {
                pub async fn describe(&self) -> String {
                    step("desc").await;
                    format!("{}:{}:{}", self.id, self.name, self.items.len())
                }
            }
        }
        lower! {
            pub async fn f(n: u32) -> (Result<usize, String>, String) {
                let mut s = Session { id: 4, name: "s".into(), items: vec![] };
                let r = s.load(n).await;
                let d = s.describe().await;
                (r, d)
            }
        }
    }
    run { pair(f(2), f(5)) }
}

twin! {
    /// An `Option<Guard>` slot: `as_mut`, `take`, reassigned, `map` at the end.
    p5a_option_slot_guard {
        lower! {
            pub async fn f() -> u32 {
                let mut slot: Option<Guard> = Some(Guard::new(1, "slot"));
                step("a").await;
                if let Some(g) = slot.as_mut() {
                    g.touch();
                }
                step("b").await;
                let g = slot.take().unwrap();
                step("c").await;
                report(g.id, &g.name);
                slot = Some(Guard::new(2, "again"));
                step("d").await;
                slot.map(|g| g.id).unwrap_or(0) + g.hits
            }
        }
    }
    run { f() }
}

twin! {
    /// `collect::<Result<Vec<_>, _>>()?` then a filtered loop of awaits.
    p5a_collect_results_then_await {
        lower! {
            pub async fn f(raw: &'static [&'static str]) -> Result<u32, ParseErr> {
                let _g = Tracker("g");
                let nums: Vec<u32> = raw.iter().map(|s| parse(s)).collect::<Result<_, _>>()?;
                step("validated").await;
                let mut sum = 0;
                for n in nums.iter().filter(|n| **n > 1) {
                    sum += leaf("add", *n).await;
                }
                Ok(sum)
            }
        }
    }
    run { pair(f(&["1", "2", "3"]), f(&["4", "q"])) }
}

twin! {
    /// An awaited enum matched by reference, with awaits in the arms.
    p5a_match_ref_awaited_enum {
        lower! {
            pub async fn f(k: u32) -> String {
                let held = vec![Tracker("h0"), Tracker("h1")];
                let m = leaf("recv", if k == 0 { Msg::Text("hello".into()) } else { Msg::Data(k, Tracker("payload")) }).await;
                match &m {
                    Msg::Text(s) => {
                        step("t").await;
                        format!("{} {}", s, held.len())
                    }
                    Msg::Data(n, t) => {
                        step("d").await;
                        format!("{} {:?}", n, t)
                    }
                    Msg::Stop => String::new(),
                }
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// `loop` with `break value` and a per-attempt guard pushed on some paths.
    p5a_loop_break_value_guards {
        lower! {
            pub async fn f() -> u32 {
                let mut attempts = Vec::new();
                let res = loop {
                    let g = Tracker("attempt");
                    let n = leaf("try", attempts.len() as u32).await;
                    if n >= 2 {
                        break n * 100;
                    }
                    attempts.push(g);
                    step("backoff").await;
                };
                log(format!("{} attempts", attempts.len()));
                res
            }
        }
    }
    run { f() }
}

twin! {
    /// Labeled `break`/`continue` out of nested `for`s with guards at each level.
    p5a_labeled_nested_loops {
        lower! {
            pub async fn f() -> (u32, u32) {
                let _o = Tracker("o");
                let mut found = (0, 0);
                'outer: for i in 0..3u32 {
                    let _gi = Tracker("gi");
                    for j in 0..3u32 {
                        let _gj = Tracker("gj");
                        if leaf("cell", i * j).await == 2 {
                            found = (i, j);
                            break 'outer;
                        }
                        if j > i {
                            continue 'outer;
                        }
                    }
                }
                found
            }
        }
    }
    run { f() }
}

twin! {
    /// A nested `async move` worker filling a shared `Rc<RefCell<Vec<Tracker>>>`, awaited
    /// after the main body touched the pool.
    p5a_rc_pool_worker {
        lower! {
            pub async fn f() -> usize {
                let pool = Rc::new(RefCell::new(Vec::new()));
                let p = pool.clone();
                let worker = async move {
                    for n in ["w1", "w2"] {
                        let t = leaf(n, Tracker(n)).await;
                        p.borrow_mut().push(t);
                    }
                    p.borrow().len()
                };
                pool.borrow_mut().push(Tracker("main"));
                step("before").await;
                let k = worker.await;
                let popped = pool.borrow_mut().pop();
                step("after").await;
                drop(popped);
                k + pool.borrow().len()
            }
        }
    }
    run { f() }
}
twin! {
    /// A `FnMut` id generator owning its counter, called before and after awaits in a loop.
    p5a_fnmut_generator {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut seen = Vec::new();
                let mut next_id = {
                    let mut c = 0u32;
                    move || {
                        c += 1;
                        c
                    }
                };
                let _g = Tracker("g");
                for _ in 0..3 {
                    let id = next_id();
                    let v = leaf("v", id * 2).await;
                    seen.push(v + next_id());
                }
                seen
            }
        }
    }
    run { f() }
}

twin! {
    /// Early returns from `match` arms inside a block, with trackers from a tuple pattern.
    p5a_return_from_match_in_block {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let a = Tracker("a");
                let (b, c) = (Tracker("b"), Tracker("c"));
                {
                    let d = Tracker("d");
                    match leaf("k", k).await {
                        0 => return 0,
                        1 => {
                            let _e = Tracker("e");
                            step("e").await;
                            return 1;
                        }
                        _ => log(format!("{:?}", d)),
                    }
                }
                let _f = Tracker("f");
                step("tail").await;
                log(format!("{:?}{:?}{:?}", a, b, c));
                k
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}

twin! {
    /// Guards whose fields are read in `format!`, arithmetic, `len`, comparisons; both
    /// guards used again at the end.
    p5a_guard_field_reads {
        lower! {
            pub async fn f() -> String {
                let g = Guard::new(3, "cache");
                let h = Guard::new(4, "aux");
                log(format!("using {} {}", g.id, g.name));
                let k = g.id + h.id;
                step("a").await;
                let len = g.name.len() as u32;
                step("b").await;
                if g.id == 3 {
                    log("three");
                }
                step("c").await;
                format!("{} {} {} {}", k, len, g.label(), h.label())
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option` `?` on a map lookup inside a loop, with a per-key tracker.
    p5a_option_q_map_lookup {
        lower! {
            pub async fn f(keys: &'static [u32]) -> Option<String> {
                let mut m = BTreeMap::new();
                m.insert(1, "one".to_string());
                m.insert(2, "two".to_string());
                let _g = Tracker("g");
                let mut out = String::new();
                for k in keys {
                    let t = Tracker("k");
                    let v = m.get(&leaf("key", *k).await)?.clone();
                    step("append").await;
                    out.push_str(&v);
                    drop(t);
                }
                Some(out)
            }
        }
    }
    run { pair(f(&[1, 2]), f(&[2, 5, 1])) }
}

twin! {
    /// `let .. else` with an await in the `else` and the bound tracker used after awaits.
    p5a_let_else_tracker {
        lower! {
            pub async fn f(v: Option<Tracker>) -> &'static str {
                let _g = Tracker("g");
                let Some(t) = v else {
                    step("none").await;
                    return "none";
                };
                step("some").await;
                t.name()
            }
        }
    }
    run { pair(f(Some(Tracker("t"))), f(None)) }
}

twin! {
    /// A `Vec<Guard>` filled from awaits, sorted, `retain`ed (drops), read by an iterator.
    p5a_vec_guard_sort_retain {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut gs = Vec::new();
                for (i, n) in ["c", "a", "b", "d"].into_iter().enumerate() {
                    gs.push(Guard::new(leaf("id", i as u32 * 3 % 4).await, n));
                }
                gs.sort_by_key(|g| g.id);
                step("sorted").await;
                gs.retain(|g| g.id % 2 == 0);
                step("retained").await;
                gs.iter().map(|g| g.id).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// An async closure stored in a local, capturing a guard by reference, called twice.
    p5a_async_closure_guard {
        lower! {
            pub async fn f() -> u32 {
                let g = Guard::new(5, "ac");
                let mut total = 0;
                let fetch = async |x: u32| {
                    let _t = Tracker("in-closure");
                    leaf("fetch", x + g.id).await
                };
                total += fetch(1).await;
                step("mid").await;
                total += fetch(2).await;
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered `&mut self` method using `mem::replace` on a field across awaits.
    p5a_method_mem_replace_field {
        pub struct Rotor {
            pub cur: Tracker,
            pub spare: Vec<Tracker>,
        }
        impl Rotor {
            lower! {
                pub async fn rotate(&mut self, next: &'static str) -> &'static str {
                    let fresh = leaf("fresh", Tracker(next)).await;
                    let old = std::mem::replace(&mut self.cur, fresh);
                    step("park").await;
                    let name = old.name();
                    self.spare.push(old);
                    name
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<&'static str>, usize) {
                let mut r = Rotor { cur: Tracker("r0"), spare: Vec::new() };
                let mut names = Vec::new();
                for n in ["r1", "r2", "r3"] {
                    names.push(r.rotate(n).await);
                }
                let first = r.spare.remove(0);
                step("after").await;
                drop(first);
                (names, r.spare.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple of trackers destructured into `mut` bindings, swapped between awaits.
    p5a_destructure_swap {
        lower! {
            pub async fn f() -> (&'static str, &'static str) {
                let (mut a, mut b) = (Tracker("a"), Tracker("b"));
                step("s1").await;
                std::mem::swap(&mut a, &mut b);
                let c = Tracker("c");
                step("s2").await;
                let b = std::mem::replace(&mut a, c);
                step("s3").await;
                (a.name(), b.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// A nested async block that panics (boom) awaited after outer guards are created.
    p5a_nested_block_panics {
        lower! {
            pub async fn f() -> u32 {
                let _a = Guard::new(1, "a");
                let inner = async {
                    let _t = Tracker("inner");
                    step("inner-step").await;
                    boom("bang").await
                };
                let _b = Tracker("b");
                step("pre").await;
                let v = inner.await;
                log("unreachable");
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A guard reassigned twice (the old one drops at the assignment), fields read after.
    p5a_guard_reassign {
        lower! {
            pub async fn f() -> String {
                let mut g = Guard::new(1, "first");
                step("a").await;
                g.touch();
                g = Guard::new(leaf("id", 2).await, "second");
                step("b").await;
                g.touch();
                g = Guard::new(3, "third");
                step("c").await;
                format!("{} {} {}", g.id, g.name, g.hits)
            }
        }
    }
    run { f() }
}

twin! {
    /// `match` on a `Result` with `continue` in the error arm, guards per iteration.
    p5a_result_match_continue {
        lower! {
            pub async fn f() -> (u32, Vec<String>) {
                let mut errs = Vec::new();
                let mut ok = 0;
                let _g = Tracker("g");
                for raw in ["1", "x", "3", "", "5"] {
                    let t = Tracker("it");
                    let n = match parse(leaf("raw", raw).await) {
                        Ok(n) => n,
                        Err(e) => {
                            step("log-err").await;
                            errs.push(e.0);
                            continue;
                        }
                    };
                    ok += leaf("ok", n).await;
                    log(format!("{t:?}"));
                }
                (ok, errs)
            }
        }
    }
    run { f() }
}
pub trait Sink {
    fn put(&mut self, x: u32) -> u32;
    fn name(&self) -> &'static str;
}
pub struct MemSink(pub Vec<u32>, pub Tracker);
impl Sink for MemSink {
    fn put(&mut self, x: u32) -> u32 {
        self.0.push(x);
        log(format!("put {x}"));
        self.0.len() as u32
    }
    fn name(&self) -> &'static str {
        self.1.name()
    }
}

#[derive(Debug, PartialEq)]
pub enum AppErr {
    Parse(String),
    Limit(u32),
}
impl From<ParseErr> for AppErr {
    fn from(e: ParseErr) -> AppErr {
        log(format!("convert {}", e.0));
        AppErr::Parse(e.0)
    }
}

twin! {
    /// A `Box<dyn Sink>` used through `&mut` and `&` methods across awaits.
    p5a_box_dyn_trait_sink {
        lower! {
            pub async fn f() -> (u32, &'static str) {
                let mut sink: Box<dyn Sink> = Box::new(MemSink(Vec::new(), Tracker("sink")));
                let mut n = 0;
                for i in 0..3 {
                    n = sink.put(leaf("x", i).await);
                }
                step("flush").await;
                let name = sink.name();
                (n, name)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Drain` iterator of trackers held across awaits, left by `break` (the rest drops
    /// when the drain drops), then the vector reused.
    p5a_drain_break {
        lower! {
            pub async fn f() -> usize {
                let mut v: Vec<Tracker> = ["d0", "d1", "d2", "d3"].into_iter().map(Tracker).collect();
                let _g = Tracker("g");
                for t in v.drain(..) {
                    step(t.name()).await;
                    if t.name() == "d1" {
                        break;
                    }
                }
                step("after").await;
                v.push(Tracker("new"));
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `into_iter` over trackers with `break`: the rest drop at the loop's end.
    p5a_into_iter_break {
        lower! {
            pub async fn f(stop: &'static str) -> Vec<&'static str> {
                let v = vec![Tracker("i0"), Tracker("i1"), Tracker("i2")];
                let mut kept = Vec::new();
                for t in v {
                    let n = leaf("n", t.name()).await;
                    if n == stop {
                        log("stop");
                        break;
                    }
                    kept.push(t);
                }
                step("end").await;
                kept.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { pair(f("i1"), f("zz")) }
}

twin! {
    /// `get_mut` on a map held across an await, updating through the reference.
    p5a_get_mut_across_await {
        lower! {
            pub async fn f() -> BTreeMap<&'static str, u32> {
                let mut m = BTreeMap::new();
                m.insert("a", 1);
                m.insert("b", 2);
                if let Some(x) = m.get_mut("a") {
                    *x += leaf("inc", 10).await;
                }
                let _g = Tracker("g");
                for k in ["b", "c"] {
                    match m.get_mut(k) {
                        Some(v) => {
                            step("upd").await;
                            *v *= 3;
                        }
                        None => {
                            m.insert(k, leaf("new", 7).await);
                        }
                    }
                }
                m
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` converting with `From` inside a `&self` method, an error built with `Err(..)?`.
    p5a_q_from_in_method {
        pub struct Parser {
            pub limit: u32,
            pub g: Guard,
        }
        impl Parser {
            lower! {
                pub async fn sum(&self, raw: &[&'static str]) -> Result<u32, AppErr> {
                    let _t = Tracker("sum");
                    let mut s = 0;
                    for r in raw {
                        s += parse(leaf("r", *r).await)?;
                        if s > self.limit {
                            Err(AppErr::Limit(s))?;
                        }
                    }
                    Ok(s + self.g.id)
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<u32, AppErr>> {
                let p = Parser { limit: 10, g: Guard::new(100, "parser") };
                let mut out = Vec::new();
                out.push(p.sum(&["1", "2"]).await);
                out.push(p.sum(&["1", "z"]).await);
                out.push(p.sum(&["9", "9", "1"]).await);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `String` local shadowed by transformed copies across awaits.
    p5a_string_shadowing {
        lower! {
            pub async fn f(raw: &'static str) -> String {
                let s = leaf("raw", raw.to_string()).await;
                let _g = Tracker("g");
                let s = s.trim().to_string();
                step("trim").await;
                let s = s.to_uppercase() + &leaf("suffix", "!".to_string()).await;
                let s: String = s.chars().rev().collect();
                step("rev").await;
                s
            }
        }
    }
    run { f("  abc ") }
}

twin! {
    /// `let x = match opt { Some(v) => v, None => return .. }` with live guards.
    p5a_match_or_return {
        lower! {
            pub async fn f(opt: Option<Guard>) -> u32 {
                let _g = Tracker("g");
                let head = Tracker("head");
                let x = match opt {
                    Some(v) => v,
                    None => {
                        step("none").await;
                        return 0;
                    }
                };
                step("some").await;
                drop(head);
                let id = x.id;
                step("tail").await;
                id + x.hits
            }
        }
    }
    run { pair(f(Some(Guard::new(8, "opt"))), f(None)) }
}

twin! {
    /// A closure built before an await and moved into an `async move` block awaited later.
    p5a_closure_into_async_block {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("cap");
                let add = move |x: u32| x + t.name().len() as u32;
                let k = leaf("k", 4).await;
                let fut = async move {
                    let v = leaf("inner", k).await;
                    add(v)
                };
                let _g = Tracker("g");
                step("pre").await;
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic from inside a stored closure called after awaits.
    p5a_panic_in_closure {
        lower! {
            pub async fn f() -> u32 {
                let g = Guard::new(1, "pc");
                let check = |x: u32| {
                    if x > 5 {
                        panic!("check failed for {} on {}", x, g.name);
                    }
                    x
                };
                let a = check(leaf("a", 2).await);
                let _t = Tracker("t");
                let b = check(leaf("b", 9).await);
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// Many trackers in a `Vec`, partially moved into another by `split_off` and `extend`.
    p5a_split_off_extend {
        lower! {
            pub async fn f() -> (usize, usize) {
                let mut a: Vec<Tracker> = Vec::new();
                for n in ["s0", "s1", "s2", "s3"] {
                    a.push(Tracker(n));
                    step(n).await;
                }
                let mut b = a.split_off(2);
                step("split").await;
                b.extend(a.drain(..1));
                let _g = Tracker("g");
                step("moved").await;
                b.truncate(1);
                step("truncated").await;
                (a.len(), b.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct with `Drop` holding a name and a vector, whose fields are read by methods and
    /// functions; early return from `while let` over `BTreeMap::remove` results (a `HashMap`
    /// would drop its values in a per-instance order).
    p5a_registry_remove_return {
        pub struct Registry {
            pub name: String,
            pub live: BTreeMap<u32, Tracker>,
        }
        impl Drop for Registry {
            fn drop(&mut self) {
                log(format!("drop registry {} ({} live)", self.name, self.live.len()));
            }
        }
        lower! {
            pub async fn f(stop_at: u32) -> Result<u32, String> {
                let mut r = Registry { name: "reg".into(), live: BTreeMap::new() };
                for (i, n) in ["e0", "e1", "e2"].into_iter().enumerate() {
                    r.live.insert(i as u32, leaf(n, Tracker(n)).await);
                }
                let mut key = 0;
                while let Some(t) = r.live.remove(&key) {
                    step("process").await;
                    if key == stop_at {
                        return Err(format!("{} stopped at {:?}", r.name, t));
                    }
                    log(format!("done {:?}", t));
                    key += 1;
                }
                Ok(key)
            }
        }
    }
    run { pair(f(1), f(7)) }
}
twin! {
    /// A `FnMut` closure borrowing a vector mutably, called before and after awaits, then
    /// dropped explicitly so the vector can be read.
    p5a_fnmut_borrowing_vec {
        lower! {
            pub async fn f() -> usize {
                let mut v: Vec<Tracker> = Vec::new();
                let _g = Tracker("g");
                let mut push = |t: Tracker| {
                    log(format!("push {t:?}"));
                    v.push(t);
                };
                push(leaf("a", Tracker("a")).await);
                step("mid").await;
                push(Tracker("b"));
                drop(push);
                let n = v.len();
                step("end").await;
                n + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A local borrowed across an await, then dropped explicitly before another await.
    p5a_drop_borrowed_local {
        lower! {
            pub async fn f() -> u32 {
                let a = Tracker("a");
                let t = Guard::new(1, "t");
                let r = &t;
                step("s1").await;
                log(format!("via ref {}", r.name));
                drop(t);
                step("s2").await;
                log(format!("{a:?}"));
                2
            }
        }
    }
    run { f() }
}

twin! {
    /// A local borrowed across an await, shadowed by a new tracker: the first still drops
    /// at the scope's end, after the second.
    p5a_shadow_borrowed_local {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker("v1a"), Tracker("v1b")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let v = Tracker("v2");
                step("s2").await;
                v.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Drop order at scope end mixing a local borrowed across an await (declared later)
    /// with plain locals.
    p5a_scope_end_mixed_borrowed {
        lower! {
            pub async fn f(early: bool) -> u32 {
                let b = Tracker("b");
                let a = Tracker("a");
                let ra = &a;
                let c = Tracker("c");
                step("s").await;
                log(format!("{ra:?}"));
                if early {
                    let _d = Tracker("d");
                    return 1;
                }
                log(format!("{b:?} {c:?}"));
                0
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A panic while a borrowed-across-await local and plain locals are alive.
    p5a_panic_mixed_borrowed {
        lower! {
            pub async fn f() -> u32 {
                let a = Tracker("a");
                let ra = &a;
                let b = Tracker("b");
                let v = vec![Tracker("v0")];
                let rv = &v;
                step("s").await;
                log(format!("{ra:?} {}", rv.len()));
                let _c = Tracker("c");
                if b.name() == "b" {
                    panic!("boom with {:?}", b);
                }
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// Cancellation at each await with borrowed and plain locals interleaved.
    p5a_cancel_mixed_borrowed {
        lower! {
            pub async fn f() -> u32 {
                let a = Tracker("a");
                let b = Tracker("b");
                let rb = &b;
                let c = Tracker("c");
                step("s1").await;
                let d = Tracker("d");
                let rd = &d;
                step("s2").await;
                log(format!("{a:?} {rb:?} {c:?} {rd:?}"));
                step("s3").await;
                3
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct with `Drop` whose `&self` method borrows it inside an awaited expression,
    /// fields read with `format!` in between.
    p5a_guard_method_in_await_arg {
        lower! {
            pub async fn f() -> String {
                let mut g = Guard::new(7, "conn");
                let label = leaf("lbl", g.label()).await;
                g.touch();
                let n = leaf("hits", g.hits).await;
                log(format!("{} {}", label, n));
                step("end").await;
                format!("{}:{}", g.label(), n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec<Guard>` iterated by reference across awaits, fields read from each.
    p5a_iter_guards_by_ref {
        lower! {
            pub async fn f() -> u32 {
                let gs = vec![Guard::new(1, "x"), Guard::new(2, "y"), Guard::new(3, "z")];
                let mut sum = 0;
                for g in &gs {
                    report(g.id, &g.name);
                    sum += leaf("w", g.id * 10).await;
                }
                let _t = Tracker("t");
                for g in gs.iter().rev().filter(|g| g.id != 2) {
                    step(if g.id == 1 { "one" } else { "other" }).await;
                    sum += g.id;
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let` on a `RefCell` borrow result copied out, then an await, then a borrow_mut.
    p5a_refcell_option_state {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let cell = Rc::new(RefCell::new(Some(Tracker("slot"))));
                let other = cell.clone();
                let name = if let Some(t) = &*cell.borrow() { t.name() } else { "none" };
                step("s1").await;
                let taken = other.borrow_mut().take();
                step("s2").await;
                let after = cell.borrow().as_ref().map(|t| t.name()).unwrap_or("none");
                drop(taken);
                step("s3").await;
                vec![name, after]
            }
        }
    }
    run { f() }
}

twin! {
    /// A shared counter bumped by a stored `Rc` closure after each await, early `return`
    /// from a `while` when it reaches a limit.
    p5a_rc_counter_early_return {
        lower! {
            pub async fn f(limit: u32) -> u32 {
                let count = Rc::new(RefCell::new(0u32));
                let c2 = count.clone();
                let bump: Box<dyn Fn() -> u32> = Box::new(move || {
                    *c2.borrow_mut() += 1;
                    *c2.borrow()
                });
                let _g = Tracker("g");
                while *count.borrow() < 10 {
                    let _it = Tracker("it");
                    step("tick").await;
                    if bump() >= limit {
                        return *count.borrow() * 100;
                    }
                }
                let n = *count.borrow();
                n
            }
        }
    }
    run { pair(f(2), f(20)) }
}
pub enum Phase {
    Init(Tracker),
    Running { n: u32, g: Guard },
    Done(&'static str),
}

twin! {
    /// A user state machine: `state = match mem::replace(&mut state, Done) { .. }` in a
    /// loop with awaits in the arms.
    p5a_user_state_machine {
        lower! {
            pub async fn f(limit: u32) -> &'static str {
                let mut state = Phase::Init(Tracker("init"));
                let _outer = Tracker("outer");
                loop {
                    state = match std::mem::replace(&mut state, Phase::Done("tmp")) {
                        Phase::Init(t) => {
                            step("init").await;
                            log(format!("leaving {t:?}"));
                            Phase::Running { n: 0, g: Guard::new(1, "run") }
                        }
                        Phase::Running { n, mut g } => {
                            g.touch();
                            let n = n + leaf("inc", 1).await;
                            if n >= limit {
                                Phase::Done(if g.hits > 1 { "many" } else { "one" })
                            } else {
                                Phase::Running { n, g }
                            }
                        }
                        Phase::Done(s) => return s,
                    };
                }
            }
        }
    }
    run { pair(f(1), f(3)) }
}

twin! {
    /// A worklist: `while let Some(x) = stack.pop()` pushing new work after awaits.
    p5a_worklist {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut stack = vec![(3u32, Tracker("root"))];
                let mut seen = Vec::new();
                while let Some((n, t)) = stack.pop() {
                    let k = leaf("visit", n).await;
                    seen.push(k);
                    if k > 1 {
                        stack.push((k - 1, Tracker("child-a")));
                        stack.push((k - 2, Tracker("child-b")));
                    }
                    step("done").await;
                    log(format!("finish {t:?}"));
                }
                seen
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = t;` does not move `t` (it drops at the scope's end); `let _x = t;` does.
    p5a_let_underscore_no_move {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("t");
                let u = Tracker("u");
                let _ = t;
                step("a").await;
                let _x = u;
                _ = Tracker("temp");
                step("b").await;
                let _ = leaf("c", Tracker("c")).await;
                log("end");
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::forget` and a `Box<Tracker>` moved out with `*b` across awaits.
    p5a_forget_and_box_deref_move {
        lower! {
            pub async fn f() -> &'static str {
                let f = Tracker("forgotten");
                let b = Box::new(Tracker("boxed"));
                step("a").await;
                std::mem::forget(f);
                let inner = *b;
                step("b").await;
                inner.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(ref mut g) = slot` with awaits while the guard is borrowed.
    p5a_if_let_ref_mut {
        lower! {
            pub async fn f() -> u32 {
                let mut slot = Some(Guard::new(4, "slot"));
                if let Some(ref mut g) = slot {
                    step("a").await;
                    g.touch();
                    step("b").await;
                    g.touch();
                }
                let n = slot.as_ref().map(|g| g.hits).unwrap_or(0);
                step("c").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Handlers in a `BTreeMap<&str, Box<dyn Fn>>` looked up by awaited keys; an
    /// `Option<Box<dyn FnOnce>>` taken and called later.
    p5a_handler_map_and_fnonce {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut handlers: BTreeMap<&'static str, Box<dyn Fn(u32) -> u32>> = BTreeMap::new();
                let t = Rc::new(Tracker("ctx"));
                let t2 = t.clone();
                handlers.insert("double", Box::new(|x| x * 2));
                handlers.insert("tagged", Box::new(move |x| x + t2.name().len() as u32));
                let g = Tracker("once-cap");
                let mut finish: Option<Box<dyn FnOnce() -> u32>> = Some(Box::new(move || {
                    log(format!("finish {g:?}"));
                    99
                }));
                let mut out = Vec::new();
                for key in ["double", "tagged", "missing"] {
                    let k = leaf("key", key).await;
                    match handlers.get(k) {
                        Some(h) => out.push(h(leaf("arg", 5).await)),
                        None => {
                            let f = finish.take().unwrap();
                            step("before-finish").await;
                            out.push(f());
                        }
                    }
                }
                drop(t);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `unwrap()` on `None` panics after awaits with guards and a map alive.
    p5a_unwrap_none_panics {
        lower! {
            pub async fn f() -> u32 {
                let _g = Guard::new(1, "g");
                let mut m = BTreeMap::new();
                m.insert("a", Tracker("ma"));
                step("s").await;
                let t = m.remove("b");
                let _h = Tracker("h");
                step("t").await;
                t.unwrap().name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// `assert_eq!` failing after awaits, with awaited operands.
    p5a_assert_eq_fails {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker("g");
                let a = leaf("a", 2).await;
                assert_eq!(a, 2, "first");
                let v = vec![Tracker("v")];
                assert_eq!(leaf("b", 3).await, a + v.len() as u32 + 1, "second {}", v.len());
                step("c").await;
                assert_eq!(leaf("d", 1).await, 2, "third");
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec<Tracker>` built with awaits, then `into_iter().filter().map().collect()`
    /// (filtered-out trackers drop during the collect), then an await.
    p5a_into_iter_filter_collect {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = Vec::new();
                for n in ["k0", "x1", "k2", "x3"] {
                    v.push(leaf(n, Tracker(n)).await);
                }
                let _g = Tracker("g");
                let kept: Vec<Tracker> = v.into_iter().filter(|t| t.name().starts_with('k')).collect();
                step("filtered").await;
                let names: Vec<&'static str> = kept.iter().map(|t| t.name()).collect();
                step("named").await;
                names
            }
        }
    }
    run { f() }
}

twin! {
    /// Early `return Err` via a `match` on a `Result` inside a `for` over a `Vec<Guard>`
    /// reference, with `?` in the other arm's awaited helper.
    p5a_validate_guards {
        lower! {
            pub async fn check(g: &Guard) -> Result<u32, String> {
                step("check").await;
                if g.name.is_empty() { Err(format!("empty {}", g.id)) } else { Ok(g.id) }
            }
        }
        lower! {
            pub async fn f(bad: bool) -> Result<u32, String> {
                let gs = vec![Guard::new(1, "a"), Guard::new(2, if bad { "" } else { "b" }), Guard::new(3, "c")];
                let mut total = 0;
                for g in &gs {
                    let _t = Tracker("it");
                    match check(g).await {
                        Ok(id) => total += id,
                        Err(e) => {
                            step("cleanup").await;
                            return Err(e);
                        }
                    }
                }
                let last = check(&gs[2]).await?;
                Ok(total + last)
            }
        }
    }
    run { pair(f(false), f(true)) }
}

// ---- minimal forms of the failures (and passing contrasts) ----
pub struct Acc1 {
    pub total: u32,
}
impl Acc1 {
    pub async fn snap(&self) -> u32 {
        step("snap").await;
        self.total
    }
    pub async fn add(&mut self, v: u32) -> u32 {
        self.total += leaf("add", v).await;
        self.total
    }
}

twin! {
    p5a_m_a_let_field_then_await {
        lower! {
            pub async fn f() -> u32 {
                let acc = Acc1 { total: 1 };
                let t = acc.total;
                let b = acc.snap().await;
                t + b
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_g_tuple_copy_read_borrow {
        lower! {
            pub async fn f() -> u32 {
                let p = (1u32, 2u32);
                let n = p.0;
                n + *leaf("x", &p.1).await
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_h_used_after_too {
        lower! {
            pub async fn f() -> u32 {
                let acc = Acc1 { total: 1 };
                let t = acc.total;
                let b = acc.snap().await;
                t + b + acc.total
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_i_async_block_captures {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("cap");
                let fut = async move {
                    step("inner").await;
                    t.name().len() as u32
                };
                let _g = Tracker("g");
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_j_async_block_closure {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("cap");
                let add = move |x: u32| x + t.name().len() as u32;
                let fut = async move { add(leaf("inner", 1).await) };
                let _g = Tracker("g");
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_o_async_block_dropped {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("cap");
                let add = move |x: u32| x + t.name().len() as u32;
                let fut = async move { add(1) };
                step("s").await;
                drop(fut);
                log("dropped fut");
                step("e").await;
                1
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_q_async_block_escapes_before_await {
        lower! {
            pub async fn f() -> Pin<Box<dyn Future<Output = u32>>> {
                let t = Tracker("cap");
                let add = move |x: u32| x + t.name().len() as u32;
                let fut: Pin<Box<dyn Future<Output = u32>>> = Box::pin(async move { add(leaf("inner", 1).await) });
                step("s").await;
                fut
            }
        }
    }
    run { async { let fut = f().await; log("got fut"); fut.await } }
}

twin! {
    p5a_m_r_closure_escapes_before_await {
        lower! {
            pub async fn f() -> Box<dyn Fn(u32) -> u32> {
                let t = Tracker("cap");
                let add = move |x: u32| x + t.name().len() as u32;
                let wrap = move |x: u32| add(x) * 2;
                step("s").await;
                Box::new(wrap)
            }
        }
    }
    run { async { let w = f().await; log("got w"); step("later").await; w(1) } }
}

twin! {
    p5a_m_s_slotted_vec_moved_into_closure {
        lower! {
            pub async fn f() -> Box<dyn Fn() -> usize> {
                let v = vec![Tracker("a"), Tracker("b")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                Box::new(move || v.len())
            }
        }
    }
    run { async { let w = f().await; log("got w"); step("later").await; w() } }
}

twin! {
    p5a_m_t_slotted_vec_moved_into_async_block {
        lower! {
            pub async fn f() -> Pin<Box<dyn Future<Output = usize>>> {
                let v = vec![Tracker("a"), Tracker("b")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                Box::pin(async move { step("in").await; v.len() })
            }
        }
    }
    run { async { let w = f().await; log("got w"); w.await } }
}

twin! {
    p5a_m_u_closure_local_called_in_move_closure_drop {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("cap");
                let add = move |x: u32| x + t.name().len() as u32;
                let wrap = move |x: u32| add(x);
                step("s").await;
                let r = wrap(1);
                drop(wrap);
                log("dropped wrap");
                r
            }
        }
    }
    run { f() }
}

pub struct P3 {
    pub limit: u32,
    pub g: Tracker,
}
impl P3 {
    pub async fn sum(&self, raw: &[u32]) -> u32 {
        step("sum").await;
        raw.iter().sum::<u32>() + self.limit
    }
    pub async fn one(&self) -> u32 {
        step("one").await;
        self.limit
    }
}

twin! {
    p5a_m_v4_let_once_slice {
        lower! {
            pub async fn f() -> u32 {
                let p = P3 { limit: 10, g: Tracker("p") };
                let a = p.sum(&[1, 2]).await;
                a
            }
        }
    }
    run { f() }
}

pub async fn sum_free(p: &P3, raw: &[u32]) -> u32 {
    step("sumf").await;
    raw.iter().sum::<u32>() + p.limit
}
impl P3 {
    pub async fn add_ref(&self, x: &u32) -> u32 {
        step("addr").await;
        *x + self.limit
    }
}

pub struct Reg(pub Vec<Tracker>);
impl Reg {
    pub fn count(&self) -> usize {
        self.0.len()
    }
    pub async fn fetch_count(&self) -> usize {
        step("fc").await;
        self.0.len()
    }
    pub async fn count_async(&self) -> usize {
        step("ca").await;
        self.0.len()
    }
}

twin! {
    p5a_m_x1_sync_count_then_await {
        lower! {
            pub async fn f() -> usize {
                let r = Reg(vec![Tracker("r")]);
                let n = r.count();
                step("s").await;
                log("after");
                n
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_x2_async_method_named_count {
        pub struct Store(pub Tracker);
        impl Store {
            pub async fn count(&self) -> usize {
                step("count").await;
                self.0.name().len()
            }
        }
        lower! {
            pub async fn f() -> usize {
                let s = Store(Tracker("store"));
                s.count().await
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_x3_sync_count_in_awaited_arg {
        lower! {
            pub async fn f() -> usize {
                let r = Reg(vec![Tracker("r")]);
                let n = leaf("n", r.count()).await;
                step("s").await;
                log("after");
                n
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_y1_join_with_ref_held {
        lower! {
            pub async fn f() -> String {
                let words = vec!["a".to_string(), "b".to_string()];
                let first = &words[0];
                let line = words.join(" ");
                step("s").await;
                format!("{first} {line}")
            }
        }
    }
    run { f() }
}

pub struct Resp {
    pub status: u16,
    pub body: String,
    pub t: Tracker,
}
impl Resp {
    pub async fn text(&self) -> String {
        step("read").await;
        self.body.clone()
    }
}

twin! {
    p5a_m_z1_resp_text_then_status {
        lower! {
            pub async fn f() -> (u16, String) {
                let resp = leaf("get", Resp { status: 200, body: "ok".into(), t: Tracker("resp") }).await;
                let body = resp.text().await;
                (resp.status, body)
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_z2_slotted_into_awaited_async_move {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let n = async move {
                    step("in").await;
                    v.len()
                }
                .await;
                let _after = Tracker::new("after");
                step("e").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_bx1_box_deref_move {
        lower! {
            pub async fn f() -> &'static str {
                let b = Box::new(Tracker("boxed"));
                let inner = *b;
                step("b").await;
                inner.name()
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_bx2_box_deref_move_after_await {
        lower! {
            pub async fn f() -> &'static str {
                let b = Box::new(Tracker("boxed"));
                step("a").await;
                let inner = *b;
                inner.name()
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_sm5_replace_scrutinee {
        lower! {
            pub async fn f() -> u32 {
                let mut x = 0u32;
                loop {
                    x = match std::mem::replace(&mut x, 100) {
                        0 => {
                            step("a").await;
                            1
                        }
                        n => return n,
                    };
                }
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_sm8_tracker_mut_pattern {
        lower! {
            pub async fn f() -> u32 {
                let mut state = Phase::Init(Tracker("init"));
                loop {
                    state = match std::mem::replace(&mut state, Phase::Done("tmp")) {
                        Phase::Init(_t) => {
                            step("init").await;
                            Phase::Done("d")
                        }
                        Phase::Running { n, .. } => return n,
                        Phase::Done(_) => return 7,
                    };
                }
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_sm9_reassign_slotted_after_await {
        lower! {
            pub async fn f() -> &'static str {
                let mut x = Tracker("a");
                let r = &x;
                step("s").await;
                log(format!("{r:?}"));
                x = Tracker("b");
                step("t").await;
                x.name()
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_sm12_reassign_slotted_before_await {
        lower! {
            pub async fn f() -> &'static str {
                let mut x = Tracker("a");
                x = Tracker("b");
                let r = &x;
                step("s").await;
                log(format!("{r:?}"));
                x.name()
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_sm13_reassign_slotted_in_loop {
        lower! {
            pub async fn f() -> &'static str {
                let mut cur = Tracker("c0");
                for n in ["c1", "c2"] {
                    let r = &cur;
                    step(n).await;
                    log(format!("{r:?}"));
                    cur = Tracker(n);
                }
                cur.name()
            }
        }
    }
    run { f() }
}

pub struct Holder {
    pub items: Vec<Tracker>,
    pub n: u32,
}

twin! {
    p5a_m_f1_inline_format_arg_slotted {
        lower! {
            pub async fn f() -> String {
                let g = Tracker("g");
                let r = &g;
                step("s").await;
                log(format!("{r:?}"));
                format!("{g:?}")
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_f2_field_shorthand_slotted {
        lower! {
            pub async fn f() -> usize {
                let items = vec![Tracker("i0")];
                let n = 3u32;
                let first = &items[0];
                step("s").await;
                log(format!("{first:?}"));
                let h = Holder { items, n };
                step("t").await;
                h.items.len() + h.n as usize
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_f3_slotted_moved_to_let_then_await {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let w = v;
                let _g = Tracker("g");
                step("t").await;
                w.len()
            }
        }
    }
    run { f() }
}

twin! {
    p5a_m_f4_inline_format_width_slotted {
        lower! {
            pub async fn f() -> String {
                let name = String::from("nm");
                let width = 6usize;
                let r = &name;
                step("s").await;
                log(r.clone());
                format!("[{name:>width$}]")
            }
        }
    }
    run { f() }
}
