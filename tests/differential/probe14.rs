//! Probe round 14: the async ecosystem and the standard library as people write it:
//! `futures`/`tokio::sync` locks, channels and streams under the harness's executor, mixed
//! with leaf futures; shared state, string processing, iterator pipelines, `Box<dyn Error>`
//! and `?`, trait objects returning boxed futures, recursion through `Box::pin`, maps,
//! sorting, closures stored in locals.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
#[allow(unused_imports)]
use std::cell::RefCell;
#[allow(unused_imports)]
use std::rc::Rc;
#[allow(unused_imports)]
use std::sync::Arc;
#[allow(unused_imports)]
use futures::{SinkExt, StreamExt, TryStreamExt};

twin! {
    /// A `futures::lock::Mutex` guard held across awaits, pushing awaited values.
    p14_futures_mutex_guard_across {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let m = futures::lock::Mutex::new(Vec::new());
                let _t = Tracker::new("t");
                {
                    let mut g = m.lock().await;
                    for i in 0..n {
                        g.push(leaf("v", i * 10).await);
                    }
                    log(format!("len {}", g.len()));
                }
                step("after").await;
                m.into_inner()
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A guard dropped explicitly with `drop(g)` before an await, then locked again.
    p14_futures_mutex_drop_guard {
        lower! {
            pub async fn f() -> u32 {
                let m = Arc::new(futures::lock::Mutex::new(5u32));
                let t = Tracker::new("g-tracker");
                let mut g = m.lock().await;
                *g += leaf("a", 1).await;
                drop(g);
                step("between").await;
                let g2 = m.lock().await;
                let out = *g2 + leaf("b", 100).await;
                drop(t);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::channel::mpsc` unbounded: sends in a loop, `drop(tx)`, then
    /// `while let Some(x) = rx.next().await` with awaits in the body.
    p14_mpsc_unbounded_drain {
        lower! {
            pub async fn f(n: u32) -> (u32, Vec<String>) {
                let (tx, mut rx) = futures::channel::mpsc::unbounded::<(u32, Tracker)>();
                for i in 0..n {
                    let v = leaf("produce", i).await;
                    tx.unbounded_send((v, Tracker("msg"))).unwrap();
                }
                drop(tx);
                let mut sum = 0;
                let mut seen = Vec::new();
                while let Some((x, t)) = rx.next().await {
                    sum += leaf("consume", x).await;
                    seen.push(format!("{}:{}", x, t.name()));
                }
                (sum, seen)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A bounded `futures` channel with `SinkExt::send(..).await` and a receiver in the same
    /// body (capacity large enough not to block).
    p14_mpsc_bounded_sink_send {
        lower! {
            pub async fn f() -> Vec<u32> {
                let (mut tx, rx) = futures::channel::mpsc::channel::<u32>(8);
                for i in 1..=3 {
                    tx.send(leaf("val", i).await * 2).await.unwrap();
                    step("tick").await;
                }
                tx.close_channel();
                let got: Vec<u32> = rx.collect().await;
                got
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::channel::oneshot`: the sender is sent the value after an await, the
    /// receiver awaited later; a canceled oneshot gives `Err(Canceled)`.
    p14_oneshot_roundtrip {
        lower! {
            pub async fn f(send: bool) -> Result<String, futures::channel::oneshot::Canceled> {
                let (tx, rx) = futures::channel::oneshot::channel::<Tracker>();
                let _k = Tracker::new("keep");
                let v = leaf("pre", 3).await;
                if send {
                    tx.send(Tracker("payload")).unwrap();
                } else {
                    drop(tx);
                }
                let t = rx.await?;
                step("post").await;
                Ok(format!("{} {}", t.name(), v))
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A stream built from an iterator of owned Trackers, `.then` with an awaiting closure,
    /// collected.
    p14_stream_iter_trackers_then {
        lower! {
            pub async fn f() -> Vec<String> {
                let items = vec![Tracker("s1"), Tracker("s2"), Tracker("s3")];
                let st = futures::stream::iter(items).then(|t| async move {
                    let n = leaf("then", t.name().len()).await;
                    format!("{}-{}", t.name(), n)
                });
                let out: Vec<String> = st.collect().await;
                step("done").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `stream.next().await` in a `while let` over a pinned `then` stream, with a tracker per
    /// iteration and an early `break`.
    p14_stream_next_break {
        lower! {
            pub async fn f(stop: u32) -> u32 {
                let mut st = std::pin::pin!(futures::stream::iter(0..10u32).then(|i| leaf("item", i)));
                let mut acc = 0;
                while let Some(x) = st.next().await {
                    let _it = Tracker::new("iter");
                    if x == stop { break; }
                    acc += leaf("add", x).await;
                }
                acc
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// `StreamExt::fold` with an async accumulator, then `filter` + `map` + `collect`.
    p14_stream_fold_filter_map {
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let total = futures::stream::iter(vec![1u32, 2, 3, 4])
                    .fold(0u32, |acc, x| async move { acc + leaf("fold", x).await })
                    .await;
                let evens: Vec<u32> = futures::stream::iter(0..8u32)
                    .filter(|x| futures::future::ready(x % 2 == 0))
                    .map(|x| x * total)
                    .collect()
                    .await;
                step("end").await;
                (total, evens)
            }
        }
    }
    run { f() }
}

twin! {
    /// `buffered(2)` over leaf futures: order of results kept, polls interleaved.
    p14_stream_buffered {
        lower! {
            pub async fn f() -> Vec<u32> {
                let _g = Tracker::new("buf-guard");
                let names = ["b0", "b1", "b2", "b3"];
                let out: Vec<u32> = futures::stream::iter(names.iter().enumerate())
                    .map(|(i, n)| leaf(n, i as u32 * 3))
                    .buffered(2)
                    .collect()
                    .await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `for_each` with an async closure mutating a `RefCell` counter, then reading it.
    p14_stream_for_each_refcell {
        lower! {
            pub async fn f() -> Vec<u32> {
                let seen = RefCell::new(Vec::new());
                futures::stream::iter(vec![5u32, 6, 7])
                    .for_each(|x| {
                        let seen = &seen;
                        async move {
                            let y = leaf("each", x).await;
                            seen.borrow_mut().push(y);
                        }
                    })
                    .await;
                let _t = Tracker::new("after-each");
                step("s").await;
                seen.into_inner()
            }
        }
    }
    run { f() }
}

twin! {
    /// `join_all` over lowered calls holding trackers; `select_all` picks the first ready.
    p14_join_all_select_all {
        lower! {
            pub async fn job(name: &'static str, v: u32) -> u32 {
                let _t = Tracker(name);
                leaf(name, v).await + 1
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, u32, usize, usize) {
                let all = futures::future::join_all(vec![job("j1", 1), job("j2", 2), job("j3", 3)]).await;
                let (first, idx, rest) = futures::future::select_all(vec![
                    Box::pin(job("s1", 10)), Box::pin(job("s2", 20)),
                ]).await;
                let left = rest.len();
                drop(rest);
                step("after-select").await;
                (all, first, idx, left)
            }
        }
    }
    run { f() }
}

twin! {
    /// `try_join_all` with `?` on the result, and `ready`/`lazy` futures awaited.
    p14_try_join_all_ready_lazy {
        lower! {
            pub async fn check(name: &'static str, ok: bool) -> Result<u32, String> {
                let v = leaf(name, 7).await;
                if ok { Ok(v) } else { Err(format!("{name} failed")) }
            }
        }
        lower! {
            pub async fn f(fail: bool) -> Result<u32, String> {
                let _g = Tracker::new("tj");
                let r = futures::future::ready(2u32).await;
                let l = futures::future::lazy(|_| { log("lazy ran".to_string()); 3u32 }).await;
                let v = futures::future::try_join_all(vec![check("c1", true), check("c2", !fail)]).await?;
                step("after").await;
                Ok(v.iter().sum::<u32>() * r + l)
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `FuturesUnordered`: push several leaves, drain with `while let Some(x) = fu.next().await`.
    p14_futures_unordered {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut fu = futures::stream::FuturesUnordered::new();
                for (i, n) in ["u0", "u1", "u2"].iter().enumerate() {
                    fu.push(leaf(n, i as u32));
                }
                let _g = Tracker::new("fu");
                let mut out = Vec::new();
                while let Some(x) = fu.next().await {
                    out.push(x);
                    step("between").await;
                }
                out.sort();
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::sync::Mutex` shared through `Arc`, guard across awaits; `RwLock` read then write.
    p14_tokio_mutex_rwlock {
        lower! {
            pub async fn f() -> (u32, Vec<String>) {
                let m = Arc::new(tokio::sync::Mutex::new(0u32));
                let rw = tokio::sync::RwLock::new(vec![String::from("a")]);
                {
                    let mut g = m.lock().await;
                    *g += leaf("m1", 4).await;
                    *g *= leaf("m2", 3).await;
                }
                let n = {
                    let r = rw.read().await;
                    step("reading").await;
                    r.len()
                };
                {
                    let mut w = rw.write().await;
                    w.push(format!("n={n}"));
                    w.push(leaf("w", String::from("z")).await);
                }
                let total = *m.lock().await;
                (total, rw.into_inner())
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::sync::Semaphore` permits held across awaits and dropped in order; `Notify`
    /// with a stored permit (`notify_one` before `notified().await`).
    p14_tokio_semaphore_notify {
        lower! {
            pub async fn f() -> (usize, usize) {
                let sem = tokio::sync::Semaphore::new(2);
                let notify = tokio::sync::Notify::new();
                let p1 = sem.acquire().await.unwrap();
                let _t = Tracker::new("sem-t");
                step("with-p1").await;
                let p2 = sem.acquire().await.unwrap();
                let avail = sem.available_permits();
                drop(p1);
                notify.notify_one();
                notify.notified().await;
                step("notified").await;
                drop(p2);
                (avail, sem.available_permits())
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::sync::mpsc` bounded channel: `send(..).await` and `recv().await` alternately,
    /// then the receiver drained after the sender is dropped.
    p14_tokio_mpsc_roundtrip {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let (tx, mut rx) = tokio::sync::mpsc::channel::<u32>(4);
                let mut out = vec![];
                for i in 0..n {
                    tx.send(leaf("tx", i).await).await.unwrap();
                    if i % 2 == 1 {
                        let x = rx.recv().await.unwrap();
                        out.push(x + leaf("rx", 100).await);
                    }
                }
                drop(tx);
                while let Some(x) = rx.recv().await {
                    out.push(x);
                }
                out
            }
        }
    }
    run { f(5) }
}

twin! {
    /// `tokio::sync::oneshot` with a `Tracker` payload and `?` on the receive error boxed
    /// into `Box<dyn Error>`.
    p14_tokio_oneshot_box_error {
        lower! {
            pub async fn f(send: bool) -> Result<String, Box<dyn std::error::Error>> {
                let (tx, rx) = tokio::sync::oneshot::channel::<Tracker>();
                step("pre").await;
                if send { let _ = tx.send(Tracker("one")); } else { drop(tx); }
                let t = rx.await?;
                let n: i32 = leaf("num", "42").await.parse()?;
                Ok(format!("{} {}", t.name(), n))
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `Rc<RefCell<..>>` shared state: borrow_mut in statements between awaits, a clone
    /// held by a helper lowered fn.
    p14_rc_refcell_shared {
        lower! {
            pub async fn worker(state: Rc<RefCell<Vec<u32>>>, name: &'static str, v: u32) -> usize {
                let x = leaf(name, v).await;
                state.borrow_mut().push(x);
                step("w").await;
                state.borrow().len()
            }
        }
        lower! {
            pub async fn f() -> (Vec<usize>, Vec<u32>) {
                let state = Rc::new(RefCell::new(Vec::new()));
                let _t = Tracker::new("rc");
                let mut lens = vec![];
                lens.push(worker(state.clone(), "a", 1).await);
                lens.push(worker(Rc::clone(&state), "b", 2).await);
                let (x, y) = futures::join!(worker(state.clone(), "c", 3), worker(state.clone(), "d", 4));
                lens.push(x + y);
                let v = state.borrow().clone();
                (lens, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Arc<std::sync::Mutex<..>>`: lock in a statement (guard dropped before the await)
    /// and in a block expression.
    p14_arc_std_mutex {
        lower! {
            pub async fn f() -> BTreeMap<String, u32> {
                let shared = Arc::new(std::sync::Mutex::new(BTreeMap::new()));
                for k in ["x", "y", "x"] {
                    let v = leaf("get", 1u32).await;
                    *shared.lock().unwrap().entry(k.to_string()).or_insert(0) += v;
                    step("tick").await;
                }
                let n = { let g = shared.lock().unwrap(); g.len() as u32 };
                shared.lock().unwrap().insert("n".into(), n + leaf("n", 0).await);
                Arc::try_unwrap(shared).unwrap().into_inner().unwrap()
            }
        }
    }
    run { f() }
}

twin! {
    /// String processing around awaits: `split`, `trim`, `parse::<i32>()?` into
    /// `Box<dyn Error>`, `format!`, `to_uppercase`.
    p14_parse_csv_box_error {
        lower! {
            pub async fn f(input: &'static str) -> Result<(i32, String), Box<dyn std::error::Error>> {
                let _t = Tracker::new("parser");
                let mut sum = 0;
                let mut names = Vec::new();
                for field in input.split(',') {
                    let field = field.trim();
                    let raw = leaf("field", field).await;
                    if let Some(rest) = raw.strip_prefix('#') {
                        names.push(rest.to_uppercase());
                        continue;
                    }
                    sum += raw.parse::<i32>()?;
                    step("parsed").await;
                }
                Ok((sum, names.join("+")))
            }
        }
    }
    run { pair(f("1, 2,#ab, 3"), f("4, x, 5")) }
}

twin! {
    /// `lines()` over a string with `enumerate`, an await per line, `?` on a custom error
    /// converted with `map_err`.
    p14_lines_enumerate_map_err {
        lower! {
            pub async fn f(text: &'static str) -> Result<Vec<String>, String> {
                let mut out = Vec::new();
                for (no, line) in text.lines().enumerate() {
                    if line.is_empty() { continue; }
                    let (k, v) = line.split_once('=').ok_or_else(|| format!("line {no}: no '='"))?;
                    let n: u32 = v.parse().map_err(|e| format!("line {no}: {e}"))?;
                    let doubled = leaf("line", n * 2).await;
                    out.push(format!("{}={}", k.to_uppercase(), doubled));
                }
                Ok(out)
            }
        }
    }
    run { pair(f("a=1\n\nb=2\nc=3"), f("a=1\nb=zz")) }
}

twin! {
    /// Iterator pipelines with awaits in the `for` body: `zip`, `chunks`, `windows`,
    /// `filter_map`.
    p14_iter_pipelines {
        lower! {
            pub async fn f() -> (u32, Vec<u32>, Vec<i32>, Vec<u32>) {
                let a = vec![1u32, 2, 3];
                let b = vec![Tracker("z1"), Tracker("z2"), Tracker("z3")];
                let mut dot = 0;
                for (x, t) in a.iter().zip(b.iter()) {
                    dot += leaf("zip", *x).await * t.name().len() as u32;
                }
                let data: Vec<u32> = (1..=7).collect();
                let mut sums = Vec::new();
                for c in data.chunks(3) {
                    let s: u32 = c.iter().sum();
                    sums.push(leaf("chunk", s).await);
                }
                let mut diffs = Vec::new();
                for w in data.windows(2) {
                    step("win").await;
                    diffs.push(w[1] as i32 - w[0] as i32);
                }
                let mut parsed = Vec::new();
                for n in ["1", "x", "3"].iter().filter_map(|s| s.parse::<u32>().ok()) {
                    parsed.push(leaf("fm", n).await);
                }
                (dot, sums, diffs, parsed)
            }
        }
    }
    run { f() }
}

pub trait P14Handler {
    fn name(&self) -> &'static str;
    fn handle(&self, x: u32) -> Pin<Box<dyn Future<Output = u32> + '_>>;
}
pub struct P14Double(pub Tracker);
pub struct P14AddLeaf(pub u32);
impl P14Handler for P14Double {
    fn name(&self) -> &'static str { "double" }
    fn handle(&self, x: u32) -> Pin<Box<dyn Future<Output = u32> + '_>> {
        Box::pin(async move { leaf("dbl", x * 2).await })
    }
}
impl P14Handler for P14AddLeaf {
    fn name(&self) -> &'static str { "add" }
    fn handle(&self, x: u32) -> Pin<Box<dyn Future<Output = u32> + '_>> {
        Box::pin(async move { step("add-step").await; x + self.0 })
    }
}

twin! {
    /// `Vec<Box<dyn Handler>>` whose handlers return `Pin<Box<dyn Future>>`, applied in a
    /// chain with a tracker per handler.
    p14_dyn_handlers_chain {
        lower! {
            pub async fn f(start: u32) -> (u32, Vec<String>) {
                let handlers: Vec<Box<dyn P14Handler>> = vec![
                    Box::new(P14Double(Tracker::new("h-double"))),
                    Box::new(P14AddLeaf(5)),
                    Box::new(P14Double(Tracker::new("h-double2"))),
                ];
                let mut x = start;
                let mut trace = Vec::new();
                for h in &handlers {
                    let _span = Tracker::new("span");
                    x = h.handle(x).await;
                    trace.push(format!("{}->{}", h.name(), x));
                }
                (x, trace)
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Handlers looked up in a `BTreeMap<&str, Box<dyn Handler>>` by awaited keys; a missing
    /// key ends with an error string.
    p14_dyn_handlers_map_lookup {
        lower! {
            pub async fn f(keys: &'static [&'static str]) -> Result<u32, String> {
                let mut reg: BTreeMap<&str, Box<dyn P14Handler>> = BTreeMap::new();
                reg.insert("d", Box::new(P14Double(Tracker::new("reg-d"))));
                reg.insert("a", Box::new(P14AddLeaf(1)));
                let mut acc = 1;
                for k in keys {
                    let key = leaf("key", *k).await;
                    let h = reg.get(key).ok_or(format!("no handler {key}"))?;
                    acc = h.handle(acc).await;
                }
                Ok(acc)
            }
        }
    }
    run { pair(f(&["d", "a", "d"]), f(&["a", "q"])) }
}

twin! {
    /// Recursion through `Box::pin`: a tree sum with a tracker per level.
    p14_box_pin_recursion {
        #[derive(Debug)]
        pub struct Node { pub v: u32, pub kids: Vec<Node> }
        lower! {
            pub async fn sum(n: &Node, depth: u32) -> u32 {
                let _lvl = Tracker::new("lvl");
                let mut s = leaf("node", n.v).await;
                for k in &n.kids {
                    s += Box::pin(sum(k, depth + 1)).await;
                }
                s
            }
        }
    }
    run {
        let tree = leak(Node { v: 1, kids: vec![Node { v: 2, kids: vec![] }, Node { v: 3, kids: vec![Node { v: 4, kids: vec![] }] }] });
        sum(tree, 0)
    }
}

twin! {
    /// Recursion returning `Pin<Box<dyn Future>>` from a plain fn that calls the lowered fn.
    p14_recursion_dyn_future {
        pub fn count_down_boxed(n: u32) -> Pin<Box<dyn Future<Output = u32>>> {
            Box::pin(count_down(n))
        }
        lower! {
            pub async fn count_down(n: u32) -> u32 {
                let _t = Tracker::new("cd");
                if n == 0 { return leaf("base", 100).await; }
                let r = count_down_boxed(n - 1).await;
                r + n
            }
        }
    }
    run { count_down(3) }
}

twin! {
    /// `HashMap` entry API around awaits (values awaited first), then sorted output.
    p14_hashmap_entry_word_count {
        lower! {
            pub async fn f(text: &'static str) -> Vec<(String, usize)> {
                let mut counts: HashMap<String, usize> = HashMap::new();
                for w in text.split_whitespace() {
                    let word = leaf("word", w.to_lowercase()).await;
                    let e = counts.entry(word).or_insert(0);
                    *e += 1;
                    if *e == 2 { step("dup").await; }
                }
                let mut v: Vec<(String, usize)> = counts.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                v
            }
        }
    }
    run { f("the cat The dog cat the") }
}

twin! {
    /// `entry().or_insert_with(Vec::new).push(v)` where `v` was awaited just before, and
    /// `and_modify(..).or_insert(..)`.
    p14_entry_or_insert_with_push {
        lower! {
            pub async fn f() -> BTreeMap<u32, Vec<u32>> {
                let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
                let mut hm: HashMap<u32, u32> = HashMap::new();
                for i in 0..6u32 {
                    let v = leaf("g", i * i).await;
                    groups.entry(i % 3).or_insert_with(Vec::new).push(v);
                    hm.entry(i % 2).and_modify(|c| *c += v).or_insert(v);
                }
                step("end").await;
                let mut keys: Vec<_> = hm.into_iter().collect();
                keys.sort();
                groups.insert(99, keys.into_iter().map(|(_, c)| c).collect());
                groups
            }
        }
    }
    run { f() }
}

twin! {
    /// Sorting and dedup of awaited values, `sort_unstable_by_key`, `retain`, `dedup_by_key`.
    p14_sort_dedup {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<&'static str>) {
                let mut v = Vec::new();
                for x in [5u32, 3, 5, 1, 3, 9] {
                    v.push(leaf("x", x).await);
                }
                v.sort();
                v.dedup();
                v.retain(|&x| x != 9);
                let mut ts = vec![Tracker("bb"), Tracker("a"), Tracker("cc"), Tracker("d")];
                step("sorting").await;
                ts.sort_unstable_by_key(|t| t.name().len());
                ts.dedup_by_key(|t| t.name().len());
                step("sorted").await;
                (v, ts.iter().map(|t| t.name()).collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// Closures stored in locals (capturing by reference and by move) called after awaits.
    p14_closures_called_after_awaits {
        lower! {
            pub async fn f(k: u32) -> (u32, String) {
                let prefix = String::from("item");
                let scale = move |x: u32| x * k;
                let label = |x: u32| format!("{prefix}-{x}");
                let _t = Tracker::new("cl");
                let a = leaf("a", 2).await;
                let b = scale(a);
                step("mid").await;
                let s = label(b);
                (scale(leaf("c", 1).await), s)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A `FnMut` closure stored in a local, mutating a counter, called between awaits in a loop.
    p14_fnmut_counter_loop {
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut total = 0;
                let mut hist = Vec::new();
                {
                    let mut add = |x: u32| { total += x; hist.push(x); };
                    for i in 0..3 {
                        let v = leaf("v", i + 1).await;
                        add(v);
                        step("s").await;
                    }
                    add(100);
                }
                (total, hist)
            }
        }
    }
    run { f() }
}

twin! {
    /// A boxed closure table `Vec<Box<dyn Fn(u32) -> u32>>` applied to awaited values.
    p14_boxed_fn_table {
        lower! {
            pub async fn f() -> Vec<u32> {
                let off = 10;
                let ops: Vec<Box<dyn Fn(u32) -> u32>> = vec![
                    Box::new(|x| x + 1),
                    Box::new(move |x| x * off),
                    Box::new(|x| x.pow(2)),
                ];
                let _t = Tracker::new("ops");
                let mut out = Vec::new();
                for (i, op) in ops.iter().enumerate() {
                    let x = leaf("arg", i as u32 + 1).await;
                    out.push(op(x));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Some(x) = rx.next().await else { .. }` (let-else on a channel) in a loop, with
    /// a `match` on the received value with guards.
    p14_let_else_channel_match_guard {
        lower! {
            pub async fn f() -> Vec<String> {
                let (tx, mut rx) = futures::channel::mpsc::unbounded::<Result<u32, String>>();
                for r in [Ok(1), Err("bad".to_string()), Ok(7), Ok(2)] {
                    tx.unbounded_send(r).unwrap();
                }
                drop(tx);
                let mut out = Vec::new();
                loop {
                    let _iter = Tracker::new("iter");
                    let Some(msg) = rx.next().await else {
                        out.push("closed".to_string());
                        break;
                    };
                    match msg {
                        Ok(v) if v > 5 => { step("big").await; out.push(format!("big {v}")); }
                        Ok(v) => out.push(format!("small {}", leaf("small", v).await)),
                        Err(e) => { out.push(e.to_uppercase()); continue; }
                    }
                    step("tail").await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A future created, then another await, then the first one awaited (drop order of the
    /// unawaited future on cancellation).
    p14_future_created_before_await {
        lower! {
            pub async fn job(t: Tracker, v: u32) -> u32 {
                let x = leaf("job", v).await;
                drop(t);
                x
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                let fut = job(Tracker("in-job"), 5);
                let b = leaf("b", 1).await;
                let _c = Tracker::new("c");
                let r = fut.await;
                r + b
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async` block stored in a local borrowing another local, awaited after another
    /// await.
    p14_async_block_local_borrowing {
        lower! {
            pub async fn f() -> usize {
                let names = vec![String::from("x"), String::from("yy")];
                let _t = Tracker::new("t");
                let fut = async {
                    step("in-block").await;
                    names.iter().map(|s| s.len()).sum::<usize>()
                };
                step("before").await;
                let n = fut.await;
                n + names.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::future::select` between two pinned leaves in a loop: the loser is kept and
    /// raced again (`Either::Left((x, rest))`).
    p14_select_loser_continued {
        lower! {
            pub async fn f() -> Vec<String> {
                use futures::future::Either;
                let mut out = vec![];
                let a = Box::pin(leaf("A", 1u32));
                let b = Box::pin(leaf("B", 2u32));
                match futures::future::select(a, b).await {
                    Either::Left((x, rest)) => {
                        out.push(format!("A first {x}"));
                        let _t = Tracker::new("rest-guard");
                        out.push(format!("then B {}", rest.await));
                    }
                    Either::Right((y, rest)) => {
                        out.push(format!("B first {y}"));
                        out.push(format!("then A {}", rest.await));
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Awaits inside std macros' arguments: `format!`, `assert_eq!`, `vec!`, `write!`.
    p14_await_in_std_macros {
        lower! {
            pub async fn f() -> (String, Vec<u32>, String) {
                use std::fmt::Write;
                let s = format!("{}-{}", leaf("f1", 1).await, leaf("f2", "two").await);
                assert_eq!(leaf("eq", 3).await, 3, "leaf gave {}", 3);
                let v = vec![leaf("v1", 10).await, leaf("v2", 20).await];
                let mut buf = String::new();
                write!(buf, "{}:{}", leaf("w", 'x').await, v.len()).unwrap();
                assert!(leaf("flag", true).await);
                (s, v, buf)
            }
        }
    }
    run { f() }
}

twin! {
    /// `TryStreamExt`: `try_filter`, `try_fold` and `try_collect` with `?` on the result.
    p14_try_stream_ops {
        lower! {
            pub async fn f(bad: bool) -> Result<(u32, Vec<u32>), String> {
                let items: Vec<Result<u32, String>> = vec![Ok(1), Ok(2), if bad { Err("e".into()) } else { Ok(3) }, Ok(4)];
                let _t = Tracker::new("ts");
                let sum = futures::stream::iter(items.clone())
                    .try_fold(0u32, |acc, x| async move { Ok::<u32, String>(acc + leaf("tf", x).await) })
                    .await?;
                let kept: Vec<u32> = futures::stream::iter(items)
                    .try_filter(|x| futures::future::ready(x % 2 == 0))
                    .try_collect()
                    .await?;
                step("done").await;
                Ok((sum, kept))
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `futures::stream::unfold` whose state holds a Tracker and a counter, consumed with
    /// `next().await` in a `while let`.
    p14_stream_unfold_state {
        lower! {
            pub async fn f() -> Vec<u32> {
                let st = futures::stream::unfold((Tracker("unfold-state"), 0u32), |(t, n)| async move {
                    if n >= 3 { drop(t); return None; }
                    let v = leaf("gen", n * 5).await;
                    Some((v, (t, n + 1)))
                });
                let mut st = Box::pin(st);
                let mut out = vec![];
                while let Some(v) = st.next().await {
                    out.push(v);
                    step("c").await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Generic lowered fn over `S: Stream + Unpin` taking the stream by value, and over
    /// `impl IntoIterator<Item = Tracker>`.
    p14_generic_stream_param {
        lower! {
            pub async fn total<S: futures::Stream<Item = u32> + Unpin>(mut s: S, k: u32) -> u32 {
                let mut acc = 0;
                while let Some(x) = s.next().await {
                    acc += x * leaf("k", k).await;
                }
                acc
            }
        }
        lower! {
            pub async fn names(ts: impl IntoIterator<Item = Tracker>) -> Vec<&'static str> {
                let mut v = vec![];
                for t in ts {
                    step("name").await;
                    v.push(t.name());
                }
                v
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<&'static str>) {
                let a = total(futures::stream::iter(vec![1, 2, 3]), 2).await;
                let b = names(vec![Tracker("n1"), Tracker("n2")]).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct owning a channel receiver and state; `&mut self` method draining it with
    /// `self.rx.next().await`.
    p14_struct_owning_receiver {
        pub struct Consumer { pub rx: futures::channel::mpsc::UnboundedReceiver<Tracker>, pub seen: Vec<&'static str>, pub _g: Tracker }
        impl Consumer {
            lower! {
                pub async fn drain(&mut self, max: usize) -> usize {
                    let mut n = 0;
                    while n < max {
                        match self.rx.next().await {
                            Some(t) => { self.seen.push(t.name()); step("got").await; n += 1; }
                            None => break,
                        }
                    }
                    n
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, usize, Vec<&'static str>) {
                let (tx, rx) = futures::channel::mpsc::unbounded();
                let mut c = Consumer { rx, seen: vec![], _g: Tracker::new("consumer") };
                for name in ["m1", "m2", "m3"] { tx.unbounded_send(Tracker(name)).unwrap(); }
                let a = c.drain(2).await;
                drop(tx);
                let b = c.drain(5).await;
                (a, b, c.seen)
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = m.lock().await;` (dropped at once) versus `let _g = m.lock().await;` kept:
    /// `try_lock` observes the difference.
    p14_let_underscore_guard {
        lower! {
            pub async fn f() -> (bool, bool) {
                let m = futures::lock::Mutex::new(Tracker("inner"));
                let _ = m.lock().await;
                step("a").await;
                let free1 = m.try_lock().is_some();
                let _g = m.lock().await;
                step("b").await;
                let free2 = m.try_lock().is_some();
                (free1, free2)
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(mut g) = m.try_lock()` with an await inside the then-block holding the
    /// guard, and an `else` that awaits the lock.
    p14_try_lock_if_let {
        lower! {
            pub async fn f(pre_lock: bool) -> Vec<u32> {
                let m = futures::lock::Mutex::new(vec![0u32]);
                let held = if pre_lock { m.try_lock() } else { None };
                if let Some(mut g) = m.try_lock() {
                    g.push(leaf("fast", 1).await);
                } else {
                    log("slow path".to_string());
                    drop(held);
                    let mut g = m.lock().await;
                    g.push(leaf("slow", 2).await);
                }
                let out = m.lock().await.clone();
                out
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `tokio::sync::watch`: send values and observe with `changed().await` and
    /// `borrow_and_update()`.
    p14_tokio_watch {
        lower! {
            pub async fn f() -> Vec<u32> {
                let (tx, mut rx) = tokio::sync::watch::channel(0u32);
                let mut seen = vec![];
                for i in 1..=3 {
                    tx.send(leaf("w", i * 10).await).unwrap();
                    rx.changed().await.unwrap();
                    let v = *rx.borrow_and_update();
                    seen.push(v);
                }
                drop(tx);
                let closed = rx.changed().await.is_err();
                seen.push(closed as u32);
                seen
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::sync::OnceCell::get_or_init` with an awaiting initializer, called twice.
    p14_tokio_once_cell {
        lower! {
            pub async fn f() -> (u32, u32) {
                let cell: tokio::sync::OnceCell<u32> = tokio::sync::OnceCell::new();
                let _t = Tracker::new("cell");
                let a = *cell.get_or_init(|| async { leaf("init", 42).await }).await;
                let b = *cell.get_or_init(|| async { log("never"); 0 }).await;
                (a, b + leaf("b", 1).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::sync::broadcast`: two receivers, a send loop, recv awaited per receiver.
    p14_tokio_broadcast {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<u32>) {
                let (tx, mut r1) = tokio::sync::broadcast::channel::<u32>(8);
                let mut r2 = tx.subscribe();
                for i in 0..3 {
                    tx.send(leaf("b", i).await).unwrap();
                }
                drop(tx);
                let mut a = vec![];
                while let Ok(v) = r1.recv().await { a.push(v); step("r1").await; }
                let mut b = vec![];
                loop {
                    match r2.recv().await {
                        Ok(v) => b.push(v * 2),
                        Err(_) => break,
                    }
                }
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Semaphore::acquire_owned` on an `Arc`, permits stored in a `Vec` and released one by one.
    p14_owned_permits_vec {
        lower! {
            pub async fn f() -> Vec<usize> {
                let sem = Arc::new(tokio::sync::Semaphore::new(3));
                let mut permits = Vec::new();
                let mut avail = vec![];
                for _ in 0..3 {
                    let p = sem.clone().acquire_owned().await.unwrap();
                    step("acq").await;
                    permits.push(p);
                    avail.push(sem.available_permits());
                }
                while let Some(p) = permits.pop() {
                    drop(p);
                    step("rel").await;
                    avail.push(sem.available_permits());
                }
                avail
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::sync::Mutex::lock_owned` guards stored in a `VecDeque`, and `std::mem::take`
    /// through a guard.
    p14_tokio_lock_owned_take {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<u32>) {
                let m = Arc::new(tokio::sync::Mutex::new(vec![1u32, 2]));
                let taken = {
                    let mut g = m.clone().lock_owned().await;
                    g.push(leaf("p", 3).await);
                    let t = std::mem::take(&mut *g);
                    step("taken").await;
                    t
                };
                m.lock().await.push(leaf("q", 9).await);
                let rest = m.lock().await.clone();
                (taken, rest)
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrunk from p14_owned_permits_vec: `sem.clone().acquire_owned().await.unwrap()`.
    p14_min_acquire_owned_unwrap {
        lower! {
            pub async fn f() -> usize {
                let sem = Arc::new(tokio::sync::Semaphore::new(3));
                let p = sem.clone().acquire_owned().await.unwrap();
                step("s").await;
                drop(p);
                sem.available_permits()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrunk: `sem.clone().acquire_owned().await` without the `.unwrap()`.
    p14_min_acquire_owned_plain {
        lower! {
            pub async fn f() -> usize {
                let sem = Arc::new(tokio::sync::Semaphore::new(3));
                let p = sem.clone().acquire_owned().await;
                step("s").await;
                drop(p);
                sem.available_permits()
            }
        }
    }
    run { f() }
}


twin! {
    /// A lock guard as a `match` scrutinee temporary: it lives through the awaiting arm
    /// (`try_lock` inside the arm observes it).
    p14_guard_match_scrutinee_temp {
        lower! {
            pub async fn f(n: u32) -> (String, bool) {
                let m = futures::lock::Mutex::new(n);
                let s = match *m.lock().await {
                    0 => "zero".to_string(),
                    k => {
                        step("arm").await;
                        format!("k={} locked={}", k, m.try_lock().is_none())
                    }
                };
                (s, m.try_lock().is_some())
            }
        }
    }
    run { pair(f(0), f(4)) }
}

twin! {
    /// `if m.lock().await.is_empty() { .. }`: the guard of the condition drops before the
    /// then-block awaits.
    p14_guard_if_condition_temp {
        lower! {
            pub async fn f(fill: bool) -> Vec<String> {
                let m = futures::lock::Mutex::new(if fill { vec![1u32] } else { vec![] });
                let mut out = vec![];
                if m.lock().await.is_empty() {
                    step("empty").await;
                    out.push(format!("empty, free={}", m.try_lock().is_some()));
                } else {
                    out.push(format!("len {}", leaf("len", 1).await));
                }
                let n = m.lock().await.len();
                step("n").await;
                out.push(format!("n={n} free={}", m.try_lock().is_some()));
                out
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `while let Some(x) = m.lock().await.pop()`: the scrutinee's guard lives through the
    /// loop body (natively), so `try_lock` in the body fails.
    p14_guard_while_let_pop {
        lower! {
            pub async fn f() -> Vec<String> {
                let m = futures::lock::Mutex::new(vec![Tracker("q1"), Tracker("q2")]);
                let mut out = vec![];
                while let Some(t) = m.lock().await.pop() {
                    step("body").await;
                    out.push(format!("{} free={}", t.name(), m.try_lock().is_some()));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in m.lock().await.drain(..)`: the guard is held for the whole loop.
    p14_guard_for_drain {
        lower! {
            pub async fn f() -> (Vec<String>, usize) {
                let m = futures::lock::Mutex::new(vec![Tracker("d1"), Tracker("d2"), Tracker("d3")]);
                let mut out = vec![];
                for t in m.lock().await.drain(..) {
                    let k = leaf("d", t.name().len()).await;
                    out.push(format!("{}{} free={}", t.name(), k, m.try_lock().is_some()));
                }
                let n = m.lock().await.len();
                (out, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// `m.lock().await.push(leaf().await)`: the lock is taken first, the value awaited while
    /// the guard is held.
    p14_guard_push_awaited_arg {
        lower! {
            pub async fn f() -> Vec<u32> {
                let m = tokio::sync::Mutex::new(vec![]);
                m.lock().await.push(leaf("x", 1).await);
                m.lock().await.push(leaf("y", 2).await + leaf("z", 3).await);
                let _t = Tracker::new("end");
                m.into_inner()
            }
        }
    }
    run { f() }
}

twin! {
    /// Early `return` and `?` while a guard and trackers are held.
    p14_guard_early_return_question {
        lower! {
            pub async fn f(input: &'static str) -> Result<usize, Box<dyn std::error::Error>> {
                let m = futures::lock::Mutex::new(Vec::<i32>::new());
                let _outer = Tracker::new("outer");
                let mut g = m.lock().await;
                let _inner = Tracker::new("inner");
                for part in input.split(';') {
                    let raw = leaf("part", part).await;
                    if raw == "stop" { return Ok(g.len()); }
                    g.push(raw.parse::<i32>()?);
                }
                drop(g);
                step("unlocked").await;
                Ok(m.lock().await.len() * 10)
            }
        }
    }
    run { pair(f("1;2;3"), pair(f("1;stop;x"), f("1;x"))) }
}

twin! {
    /// A `boom` panic while a futures guard and trackers are held (unwinding drops).
    p14_guard_panic_unwind {
        lower! {
            pub async fn f() -> u32 {
                let m = futures::lock::Mutex::new(Tracker("in-mutex"));
                let _a = Tracker::new("a");
                let g = m.lock().await;
                let _b = Tracker::new("b");
                let x = boom("bang").await;
                log(format!("{:?}", *g));
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// `tx.send(leaf().await).await?` with the `SendError` boxed into `Box<dyn Error>`, and
    /// a closed receiver making the send fail.
    p14_sink_send_question_closed {
        lower! {
            pub async fn f(close: bool) -> Result<Vec<u32>, Box<dyn std::error::Error>> {
                let (mut tx, mut rx) = futures::channel::mpsc::channel::<u32>(4);
                let _t = Tracker::new("sender-side");
                if close { rx.close(); }
                tx.send(leaf("a", 1).await).await?;
                tx.send(leaf("b", 2).await).await?;
                drop(tx);
                let mut v = vec![];
                while let Some(x) = rx.next().await { v.push(x); }
                Ok(v)
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// A stream of Trackers `.enumerate()`d, each moved into a `Vec` after an await, a
    /// tracker dropped early by `continue`.
    p14_stream_enumerate_move_trackers {
        lower! {
            pub async fn f() -> Vec<(usize, Tracker)> {
                let mut st = futures::stream::iter(vec![Tracker("e0"), Tracker("e1"), Tracker("e2")]).enumerate();
                let mut keep = vec![];
                while let Some((i, t)) = st.next().await {
                    if i == 1 { continue; }
                    let k = leaf("k", i).await;
                    keep.push((k, t));
                }
                keep
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::select_biased!` in a loop over two fused streams with a `complete` branch.
    p14_select_biased_loop {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut a = futures::stream::iter(vec![1u32, 2]).fuse();
                let mut b = futures::stream::iter(vec![10u32, 20, 30]).fuse();
                let mut out = vec![];
                loop {
                    futures::select_biased! {
                        x = a.next() => if let Some(x) = x { out.push(format!("a{x}")) },
                        y = b.next() => if let Some(y) = y { out.push(format!("b{y}")) },
                        complete => break,
                    }
                    step("tick").await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec<Pin<Box<dyn Future>>>` of lowered calls collected, then awaited in a `for`.
    p14_vec_boxed_futures_awaited {
        lower! {
            pub async fn job(t: Tracker, v: u32) -> u32 {
                step("job").await;
                let _keep = t;
                v * 2
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut tasks: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                for (i, name) in ["t0", "t1", "t2"].into_iter().enumerate() {
                    tasks.push(Box::pin(job(Tracker(name), i as u32)));
                }
                let mut out = vec![];
                for t in tasks {
                    out.push(t.await);
                    if out.len() == 2 { break; }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option<Pin<Box<dyn Future>>>` stored and taken later with `if let Some(fut) = pending.take()`.
    p14_option_pending_future_take {
        lower! {
            pub async fn f(go: bool) -> u32 {
                let mut pending: Option<Pin<Box<dyn Future<Output = u32>>>> = None;
                if go { pending = Some(Box::pin(leaf("later", 7))); }
                let _t = Tracker::new("between");
                step("first").await;
                let mut acc = 1;
                if let Some(fut) = pending.take() {
                    acc += fut.await;
                }
                acc + pending.is_none() as u32
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// String building around awaits: `push_str(&x.await)`, `+=`, `chars().rev()`,
    /// `split_whitespace` and `join`.
    p14_string_building {
        lower! {
            pub async fn f(words: &'static str) -> String {
                let mut s = String::new();
                for w in words.split_whitespace() {
                    s.push_str(&leaf("w", w.to_uppercase()).await);
                    s += "-";
                }
                let rev: String = s.chars().rev().collect();
                step("rev").await;
                let parts: Vec<String> = rev.split('-').filter(|p| !p.is_empty()).map(String::from).collect();
                format!("{}|{}", parts.join(","), leaf("n", parts.len()).await)
            }
        }
    }
    run { f("ab cd ef") }
}

twin! {
    /// `collect::<Result<Vec<_>, _>>()?` of parses after an await, and `sum` of them.
    p14_collect_result_question {
        lower! {
            pub async fn f(input: &'static str) -> Result<i32, std::num::ParseIntError> {
                let raw = leaf("raw", input).await;
                let nums = raw.split(',').map(|x| x.trim().parse::<i32>()).collect::<Result<Vec<_>, _>>()?;
                let _t = Tracker::new("nums");
                step("got").await;
                Ok(nums.iter().sum::<i32>() + leaf("extra", 1).await)
            }
        }
    }
    run { pair(f("1, 2 ,3"), f("1,q")) }
}

twin! {
    /// `HashMap::get_mut` reference held across an await (`v.push(x.await)`), then `remove`.
    p14_hashmap_get_mut_across {
        lower! {
            pub async fn f() -> (Vec<&'static str>, Option<usize>) {
                let mut map: HashMap<&'static str, Vec<Tracker>> = HashMap::new();
                map.insert("k", vec![Tracker("first")]);
                if let Some(v) = map.get_mut("k") {
                    v.push(leaf("t", Tracker("second")).await);
                    step("pushed").await;
                    v.push(Tracker("third"));
                }
                let removed = map.remove("k");
                step("removed").await;
                let names = removed.as_ref().map(|v| v.iter().map(|t| t.name()).collect()).unwrap_or_default();
                (names, map.get("k").map(|v| v.len()))
            }
        }
    }
    run { f() }
}

twin! {
    /// `match map.entry(k)` with `Entry::Vacant(v) => v.insert(x.await)` and an awaiting
    /// occupied arm.
    p14_entry_match_vacant_await {
        lower! {
            pub async fn f() -> BTreeMap<&'static str, u32> {
                use std::collections::btree_map::Entry;
                let mut cache: BTreeMap<&'static str, u32> = BTreeMap::new();
                for k in ["a", "b", "a", "c", "b"] {
                    match cache.entry(k) {
                        Entry::Vacant(v) => { v.insert(leaf("miss", 1).await); }
                        Entry::Occupied(mut o) => {
                            step("hit").await;
                            *o.get_mut() += 10;
                        }
                    }
                }
                cache
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure returning a future (`|k| leaf("fetch", k)`) and a closure returning an
    /// `async move` block, both stored in locals and called several times.
    p14_closure_returning_future {
        lower! {
            pub async fn f() -> u32 {
                let fetch = |k: u32| leaf("fetch", k * 2);
                let fetch2 = |k: u32| async move { step("f2").await; k + 1 };
                let _t = Tracker::new("cl");
                let a = fetch(1).await;
                let b = fetch2(a).await;
                let c = fetch(b).await + fetch2(10).await;
                c
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async` closure (`async |x| ..`) stored in a local and called twice.
    p14_async_closure_local {
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut hist = vec![];
                let base = 5;
                let add = async |x: u32| leaf("ac", x).await + base;
                let _t = Tracker::new("ac-guard");
                let a = add(1).await;
                hist.push(a);
                let b = add(a).await;
                hist.push(b);
                (a + b, hist)
            }
        }
    }
    run { f() }
}

pub trait P14Svc {
    fn call(&self, req: u32) -> futures::future::LocalBoxFuture<'_, Result<u32, String>>;
}
twin! {
    /// A trait object whose `call` returns `LocalBoxFuture` built from a lowered `&self`
    /// method (`self.run(req).boxed_local()`), used in a loop with `?`.
    p14_boxfuture_service {
        pub struct P14Echo { pub tag: Tracker }
        impl P14Echo {
            lower! {
                pub async fn run(&self, req: u32) -> Result<u32, String> {
                    let v = leaf("echo", req).await;
                    if v == 0 { return Err(format!("{} zero", self.tag.name())); }
                    Ok(v + 1)
                }
            }
        }
        impl P14Svc for P14Echo {
            fn call(&self, req: u32) -> futures::future::LocalBoxFuture<'_, Result<u32, String>> {
                use futures::FutureExt;
                self.run(req).boxed_local()
            }
        }
        lower! {
            pub async fn f(reqs: &'static [u32]) -> Result<Vec<u32>, String> {
                let svcs: Vec<Box<dyn P14Svc>> = vec![Box::new(P14Echo { tag: Tracker::new("svc") })];
                let mut out = vec![];
                for r in reqs {
                    for s in &svcs {
                        out.push(s.call(*r).await?);
                    }
                }
                Ok(out)
            }
        }
    }
    run { pair(f(&[1, 2]), f(&[3, 0, 4])) }
}

twin! {
    /// `tokio::pin!(fut)` declaring a pinned local, polled by `(&mut fut).await` after
    /// another await, raced with `select` first.
    p14_tokio_pin_macro_local {
        lower! {
            pub async fn f() -> (u32, u32) {
                let fut = leaf("slow", 5u32);
                tokio::pin!(fut);
                let _t = Tracker::new("pinned");
                let first = match futures::future::select(fut.as_mut(), leaf("fast", 1u32)).await {
                    futures::future::Either::Left((v, _)) => v,
                    futures::future::Either::Right((v, _)) => v + 100,
                };
                step("mid").await;
                let rest = if first >= 100 { (&mut fut).await } else { 0 };
                (first, rest)
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::pin_mut!(st)` on a stream local, then `st.next().await` in a loop.
    p14_pin_mut_macro_stream {
        lower! {
            pub async fn f() -> Vec<u32> {
                let st = futures::stream::iter(vec![1u32, 2, 3]).then(|x| leaf("p", x * 3));
                futures::pin_mut!(st);
                let mut out = vec![];
                while let Some(x) = st.next().await {
                    out.push(x);
                    step("s").await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `matches!` and `debug_assert!` with an awaited operand.
    p14_matches_with_await {
        lower! {
            pub async fn f() -> (bool, bool) {
                let (tx, mut rx) = futures::channel::mpsc::unbounded::<u32>();
                tx.unbounded_send(3).unwrap();
                drop(tx);
                let a = matches!(rx.next().await, Some(3) | Some(4));
                debug_assert!(leaf("dbg", 1).await > 0);
                let b = matches!(leaf("m", Some(Tracker("opt"))).await, Some(ref t) if t.name() == "opt");
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async` block awaited in place whose `?` and `return` leave the block only.
    p14_async_block_question_in_place {
        lower! {
            pub async fn f(n: u32) -> (Result<u32, String>, u32) {
                let _t = Tracker::new("outer");
                let r: Result<u32, String> = async {
                    let _in = Tracker::new("in-block");
                    let x = leaf("x", n).await;
                    if x == 0 { return Err("zero".to_string()); }
                    let y: u32 = format!("{x}1").parse().map_err(|_| "parse".to_string())?;
                    Ok(y)
                }.await;
                let after = leaf("after", 2).await;
                (r, after)
            }
        }
    }
    run { pair(f(0), f(4)) }
}

twin! {
    /// A labeled block with awaits left by `break 'found value`.
    p14_labeled_block_break_value {
        lower! {
            pub async fn f(target: u32) -> String {
                let items = vec![Tracker("l1"), Tracker("l2"), Tracker("l3")];
                let found = 'found: {
                    for (i, t) in items.iter().enumerate() {
                        let v = leaf("probe", i as u32).await;
                        if v == target { break 'found Some(t.name()); }
                    }
                    step("none").await;
                    None
                };
                format!("{found:?}")
            }
        }
    }
    run { pair(f(1), f(9)) }
}

twin! {
    /// A `RefCell` borrow held across an await (allowed for a non-`Send` future), then a
    /// `borrow_mut` after it is dropped.
    p14_refcell_borrow_across {
        lower! {
            pub async fn f() -> Vec<u32> {
                let cell = Rc::new(RefCell::new(vec![1u32, 2]));
                {
                    let b = cell.borrow();
                    step("reading").await;
                    log(format!("len {} try_mut={}", b.len(), cell.try_borrow_mut().is_ok()));
                }
                cell.borrow_mut().push(leaf("push", 3).await);
                let mut bm = cell.borrow_mut();
                bm.push(leaf("push2", 4).await);
                drop(bm);
                let v = cell.borrow().clone();
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `rx.by_ref().take(2)` consumed, then `rx` used again.
    p14_stream_by_ref_take {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<u32>) {
                let mut rx = futures::stream::iter(vec![1u32, 2, 3, 4, 5]).then(|x| leaf("src", x));
                let mut rx = Box::pin(rx);
                let first: Vec<u32> = rx.as_mut().take(2).collect().await;
                let mut rest = vec![];
                while let Some(x) = rx.next().await { rest.push(x); }
                (first, rest)
            }
        }
    }
    run { f() }
}

twin! {
    /// A std `Mutex` guard (non-`Send`) held across an await in a non-`Send` future.
    p14_std_mutex_guard_across {
        lower! {
            pub async fn f() -> Vec<u32> {
                let m = std::sync::Mutex::new(vec![0u32]);
                {
                    let mut g = m.lock().unwrap();
                    g.push(leaf("a", 1).await);
                    log(format!("try={}", m.try_lock().is_ok()));
                }
                log(format!("try={}", m.try_lock().is_ok()));
                m.into_inner().unwrap()
            }
        }
    }
    run { f() }
}

twin! {
    /// `loop` with `rx.try_next()` (non-blocking) and a `step` when empty.
    p14_try_next_poll_loop {
        lower! {
            pub async fn f() -> Vec<String> {
                let (tx, mut rx) = futures::channel::mpsc::unbounded::<Tracker>();
                let mut out = vec![];
                let mut sent = 0;
                loop {
                    match rx.try_next() {
                        Ok(Some(t)) => out.push(t.name().to_string()),
                        Ok(None) => break,
                        Err(_) => {
                            step("empty").await;
                            if sent < 2 { tx.unbounded_send(Tracker(if sent == 0 { "a" } else { "b" })).unwrap(); sent += 1; }
                            else { tx.close_channel(); }
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
    /// `join_all` over `async move` blocks made from owned Trackers with `into_iter().map`.
    p14_join_all_async_move_trackers {
        lower! {
            pub async fn f() -> Vec<String> {
                let ts = vec![Tracker("m1"), Tracker("m2"), Tracker("m3")];
                let _g = Tracker::new("g");
                let futs = ts.into_iter().enumerate().map(|(i, t)| async move {
                    let v = leaf("jm", i).await;
                    format!("{}:{}", t.name(), v)
                });
                let out = futures::future::join_all(futs).await;
                step("done").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `buffer_unordered(2)` over lowered calls, collected then sorted.
    p14_buffer_unordered_sorted {
        lower! {
            pub async fn fetch(id: u32) -> (u32, String) {
                let _t = Tracker::new("req");
                let body = leaf("fetch", format!("body{id}")).await;
                (id, body)
            }
        }
        lower! {
            pub async fn f() -> Vec<(u32, String)> {
                let mut v: Vec<(u32, String)> = futures::stream::iter(1..=4).map(fetch).buffer_unordered(2).collect().await;
                v.sort();
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `for (k, v) in map.iter_mut()` with `*v += x.await`, then `for (k, v) in &map`.
    p14_btreemap_iter_mut_await {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut map = BTreeMap::new();
                map.insert("a", 1u32);
                map.insert("b", 2);
                for (_k, v) in map.iter_mut() {
                    *v += leaf("inc", 10).await;
                }
                let mut out = vec![];
                for (k, v) in &map {
                    step("read").await;
                    out.push(format!("{k}={v}"));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `drain(..).rev()` over trackers with an await per item and a `break` leaving the rest.
    p14_drain_rev_break {
        lower! {
            pub async fn f() -> (Vec<&'static str>, usize) {
                let mut v = vec![Tracker("r1"), Tracker("r2"), Tracker("r3"), Tracker("r4")];
                let mut got = vec![];
                for t in v.drain(1..).rev() {
                    let n = leaf("rv", t.name()).await;
                    got.push(n);
                    if got.len() == 2 { break; }
                }
                step("after").await;
                (got, v.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// Streams combined: `stream::select`, `zip`, `chain`, `take_while`, `skip`.
    p14_stream_combinators_mix {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<(u32, char)>, Vec<u32>) {
                let a = futures::stream::iter(vec![1u32, 3, 5]);
                let b = futures::stream::iter(vec![2u32, 4]);
                let mut sel: Vec<u32> = futures::stream::select(a, b).collect().await;
                sel.sort();
                let z: Vec<(u32, char)> = futures::stream::iter(0..3u32).zip(futures::stream::iter("xyz".chars())).collect().await;
                step("mid").await;
                let c: Vec<u32> = futures::stream::iter(0..3u32).chain(futures::stream::iter(10..13u32))
                    .then(|x| leaf("ch", x))
                    .take_while(|x| futures::future::ready(*x < 11))
                    .skip(1)
                    .collect().await;
                (sel, z, c)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Abortable` with an `AbortHandle` aborted before the future is awaited.
    p14_abortable {
        lower! {
            pub async fn f(abort: bool) -> Result<u32, futures::future::Aborted> {
                let (h, reg) = futures::future::AbortHandle::new_pair();
                let fut = futures::future::Abortable::new(leaf("ab", 3u32), reg);
                let _t = Tracker::new("ab-guard");
                step("pre").await;
                if abort { h.abort(); }
                let v = fut.await?;
                Ok(v * 2)
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `now_or_never`, `FutureExt::map` and `then` on leaves; `shared` cloned and awaited twice.
    p14_future_ext_combinators {
        lower! {
            pub async fn f() -> (Option<u32>, u32, u32, u32) {
                use futures::FutureExt;
                let now = futures::future::ready(4u32).now_or_never();
                let m = leaf("m", 2u32).map(|x| x * 10).await;
                let t = leaf("t", 1u32).then(|x| leaf("t2", x + 1)).await;
                let sh = leaf("sh", 7u32).shared();
                let a = sh.clone().await;
                step("between").await;
                let b = sh.await;
                (now, m, t, a + b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrunk from p14_tokio_pin_macro_local: `tokio::pin!(fut)` then an await, then `fut.await`.
    p14_min_tokio_pin_then_await {
        lower! {
            pub async fn f() -> u32 {
                let fut = leaf("a", 1u32);
                tokio::pin!(fut);
                step("s").await;
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrunk: `tokio::pin!(fut)` immediately awaited (no await between).
    p14_min_tokio_pin_direct {
        lower! {
            pub async fn f() -> u32 {
                let fut = leaf("a", 1u32);
                tokio::pin!(fut);
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrunk: `tokio::pin! { let fut = ..; }` (the declaring form), an await, then `fut.await`.
    p14_min_tokio_pin_let_form {
        lower! {
            pub async fn f() -> u32 {
                tokio::pin! { let fut = leaf("a", 1u32); }
                step("s").await;
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrunk from p14_pin_mut_macro_stream: `futures::pin_mut!(st)` with `st.next().await` after.
    p14_min_pin_mut_stream_next {
        lower! {
            pub async fn f() -> Option<u32> {
                step("s0").await;
                let st = futures::stream::iter(vec![1u32, 2]);
                futures::pin_mut!(st);
                st.next().await
            }
        }
    }
    run { f() }
}

twin! {
    /// Two workers contend for one `futures::lock::Mutex`, each holding the guard across a
    /// leaf await; joined, so the second is woken by the mutex.
    p14_mutex_contention_join {
        lower! {
            pub async fn worker(m: &futures::lock::Mutex<Vec<String>>, name: &'static str, n: u32) -> usize {
                let _w = Tracker(name);
                for i in 0..n {
                    let mut g = m.lock().await;
                    let v = leaf(name, i).await;
                    g.push(format!("{name}{v}"));
                    drop(g);
                    step("yield").await;
                }
                m.lock().await.len()
            }
        }
        lower! {
            pub async fn f() -> (usize, usize, Vec<String>) {
                let m = futures::lock::Mutex::new(Vec::new());
                let (a, b) = futures::future::join(worker(&m, "A", 2), worker(&m, "B", 2)).await;
                (a, b, m.into_inner())
            }
        }
    }
    run { f() }
}

twin! {
    /// Producer and consumer joined over a bounded `tokio::sync::mpsc` of capacity 1 (the
    /// producer waits for room), with a `oneshot` ack at the end.
    p14_producer_consumer_bounded {
        lower! {
            pub async fn producer(tx: tokio::sync::mpsc::Sender<Tracker>, ack: tokio::sync::oneshot::Receiver<usize>) -> usize {
                for name in ["p1", "p2", "p3"] {
                    let t = leaf("make", Tracker(name)).await;
                    if tx.send(t).await.is_err() { return 0; }
                }
                drop(tx);
                ack.await.unwrap_or(99)
            }
        }
        lower! {
            pub async fn consumer(mut rx: tokio::sync::mpsc::Receiver<Tracker>, ack: tokio::sync::oneshot::Sender<usize>) -> Vec<&'static str> {
                let mut got = vec![];
                while let Some(t) = rx.recv().await {
                    step("handle").await;
                    got.push(t.name());
                }
                let _ = ack.send(got.len());
                got
            }
        }
        lower! {
            pub async fn f() -> (usize, Vec<&'static str>) {
                let (tx, rx) = tokio::sync::mpsc::channel(1);
                let (atx, arx) = tokio::sync::oneshot::channel();
                futures::future::join(producer(tx, arx), consumer(rx, atx)).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Three workers limited by a `Semaphore` of 2 permits, joined with `join_all`.
    p14_semaphore_limits_workers {
        lower! {
            pub async fn work(sem: &tokio::sync::Semaphore, log_v: &RefCell<Vec<String>>, name: &'static str) -> u32 {
                let _permit = sem.acquire().await.unwrap();
                log_v.borrow_mut().push(format!("{name} in ({} left)", sem.available_permits()));
                let v = leaf(name, 1).await;
                step("work").await;
                log_v.borrow_mut().push(format!("{name} out"));
                v
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<String>) {
                let sem = tokio::sync::Semaphore::new(2);
                let lg = RefCell::new(vec![]);
                let rs = futures::future::join_all(vec![work(&sem, &lg, "w1"), work(&sem, &lg, "w2"), work(&sem, &lg, "w3")]).await;
                (rs.iter().sum(), lg.into_inner())
            }
        }
    }
    run { f() }
}

twin! {
    /// A waiter on `Notify::notified()` joined with a notifier that awaits before notifying.
    p14_notify_waiter_join {
        lower! {
            pub async fn waiter(n: &tokio::sync::Notify, flag: &RefCell<u32>) -> u32 {
                let _t = Tracker::new("waiter");
                while *flag.borrow() < 2 {
                    n.notified().await;
                    step("woke").await;
                }
                *flag.borrow()
            }
        }
        lower! {
            pub async fn notifier(n: &tokio::sync::Notify, flag: &RefCell<u32>) {
                for _ in 0..2 {
                    step("before-notify").await;
                    *flag.borrow_mut() += 1;
                    n.notify_one();
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let n = tokio::sync::Notify::new();
                let flag = RefCell::new(0);
                let (w, ()) = futures::future::join(waiter(&n, &flag), notifier(&n, &flag)).await;
                w
            }
        }
    }
    run { f() }
}

twin! {
    /// A `String` split into borrowed `&str` parts kept across awaits.
    p14_split_borrowed_parts_across {
        lower! {
            pub async fn f() -> (usize, String) {
                let s = leaf("line", String::from("alpha beta gamma")).await;
                let parts: Vec<&str> = s.split(' ').collect();
                step("split").await;
                let mut out = String::new();
                for p in &parts {
                    out.push_str(&leaf("up", p.to_uppercase()).await);
                }
                (parts.len(), out)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `lines()` iterator local kept across awaits, advanced with `next()` and `peekable`.
    p14_lines_iterator_local_across {
        lower! {
            pub async fn f(text: String) -> Vec<String> {
                let mut lines = text.lines().peekable();
                let mut out = vec![];
                while let Some(l) = lines.next() {
                    let more = lines.peek().is_some();
                    let v = leaf("l", l.len()).await;
                    out.push(format!("{l}:{v}:{more}"));
                }
                out
            }
        }
    }
    run { f(String::from("ab\ncde\nf")) }
}

twin! {
    /// `futures::select!` in a loop over fused locals (a stream and a leaf), the leaf one
    /// ending the loop, locals used after the loop.
    p14_futures_select_loop_locals {
        lower! {
            pub async fn f() -> (Vec<u32>, u32) {
                use futures::FutureExt;
                let mut st = futures::stream::iter(vec![1u32, 2, 3]).fuse();
                let mut stop = leaf("stop", 100u32).fuse();
                let mut got = vec![];
                let mut stopped = 0;
                loop {
                    futures::select_biased! {
                        x = st.next() => match x { Some(x) => got.push(x), None => {} },
                        s = stop => { stopped = s; }
                        complete => break,
                    }
                }
                (got, stopped)
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::join!` over lowered calls borrowing a shared `RefCell` and a local `Vec`.
    p14_tokio_join_macro_borrows {
        lower! {
            pub async fn add(to: &RefCell<Vec<u32>>, v: u32) -> u32 {
                let x = leaf("add", v).await;
                to.borrow_mut().push(x);
                x
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, Vec<u32>) {
                let v = RefCell::new(vec![]);
                let _t = Tracker::new("tj");
                let (a, b) = tokio::join!(add(&v, 1), add(&v, 2));
                step("after").await;
                (a, b, v.into_inner())
            }
        }
    }
    run { f() }
}

twin! {
    /// `write!`/`writeln!` into a `String` with `?` on `fmt::Error` boxed into
    /// `Box<dyn Error>`, interleaved with awaits.
    p14_write_question_box_error {
        lower! {
            pub async fn f() -> Result<String, Box<dyn std::error::Error>> {
                use std::fmt::Write;
                let mut s = String::new();
                for i in 0..3 {
                    let v = leaf("v", i).await;
                    writeln!(s, "row {i}: {v}")?;
                }
                write!(&mut s, "total {}", leaf("t", 3).await)?;
                Ok(s)
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn taking `&mut S` where `S: Stream + Unpin`, called twice on the same
    /// stream from another lowered fn.
    p14_stream_by_mut_ref_param {
        lower! {
            pub async fn take_two<S: futures::Stream<Item = Tracker> + Unpin>(s: &mut S) -> Vec<&'static str> {
                let mut v = vec![];
                for _ in 0..2 {
                    if let Some(t) = s.next().await { step("got").await; v.push(t.name()); }
                }
                v
            }
        }
        lower! {
            pub async fn f() -> (Vec<&'static str>, Vec<&'static str>) {
                let mut st = futures::stream::iter(vec![Tracker("x1"), Tracker("x2"), Tracker("x3")]);
                let a = take_two(&mut st).await;
                let b = take_two(&mut st).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrunk from p14_futures_select_loop_locals: `futures::select!` naming a fused local
    /// future by its path (`x = a =>`), which the macro borrows.
    p14_min_futures_select_path_local {
        lower! {
            pub async fn f() -> u32 {
                step("s0").await;
                use futures::FutureExt;
                let mut a = leaf("a", 1u32).fuse();
                let mut b = leaf("b", 2u32).fuse();
                futures::select_biased! { x = a => x, y = b => y + 10 }
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrunk: `futures::pin_mut!(fut)` on a future local, then `fut.await` (the native
    /// pinning idiom before `std::pin::pin!`).
    p14_min_pin_mut_future_await {
        lower! {
            pub async fn f() -> u32 {
                let fut = leaf("a", 1u32);
                futures::pin_mut!(fut);
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A crawler: a `VecDeque` work queue and a `HashSet` of visited pages, links fetched by
    /// an awaited lookup, new work pushed in the loop body.
    p14_bfs_crawler {
        lower! {
            pub async fn links(page: u32) -> Vec<u32> {
                let _req = Tracker::new("req");
                let l = match page { 1 => vec![2, 3], 2 => vec![3, 4], 3 => vec![1], _ => vec![] };
                leaf("fetch", l).await
            }
        }
        lower! {
            pub async fn crawl(start: u32, limit: usize) -> Vec<u32> {
                let mut queue = VecDeque::from([start]);
                let mut seen = HashSet::new();
                let mut order = vec![];
                while let Some(p) = queue.pop_front() {
                    if !seen.insert(p) { continue; }
                    order.push(p);
                    if order.len() >= limit { break; }
                    for next in links(p).await {
                        if !seen.contains(&next) { queue.push_back(next); }
                    }
                }
                order
            }
        }
    }
    run { pair(crawl(1, 10), crawl(1, 2)) }
}

twin! {
    /// Cache-aside over `Rc<RefCell<HashMap>>`: the hit path clones out of the map, the miss
    /// path awaits a load and inserts.
    p14_cache_aside_rc {
        lower! {
            pub async fn get(cache: &Rc<RefCell<HashMap<u32, String>>>, k: u32) -> String {
                if let Some(v) = cache.borrow().get(&k).cloned() {
                    return v;
                }
                let v = leaf("load", format!("val{k}")).await;
                cache.borrow_mut().insert(k, v.clone());
                v
            }
        }
        lower! {
            pub async fn f() -> (Vec<String>, usize) {
                let cache = Rc::new(RefCell::new(HashMap::new()));
                let mut out = vec![];
                for k in [1, 2, 1, 3, 2] {
                    out.push(get(&cache, k).await);
                }
                let n = cache.borrow().len();
                (out, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A tokenizer struct with a lifetime borrowing the input, kept across awaits.
    p14_tokenizer_lifetime_struct {
        pub struct Tok<'a> { pub src: &'a str, pub pos: usize }
        impl<'a> Tok<'a> {
            pub fn next_tok(&mut self) -> Option<&'a str> {
                let rest = &self.src[self.pos..];
                let rest_trim = rest.trim_start();
                if rest_trim.is_empty() { return None; }
                let start = self.pos + (rest.len() - rest_trim.len());
                let end = rest_trim.find(' ').map(|i| start + i).unwrap_or(self.src.len());
                self.pos = end;
                Some(&self.src[start..end])
            }
        }
        lower! {
            pub async fn f(input: String) -> Vec<String> {
                let mut tok = Tok { src: &input, pos: 0 };
                let mut out = vec![];
                while let Some(t) = tok.next_tok() {
                    let n = leaf("tok", t.len()).await;
                    out.push(format!("{t}/{n}"));
                }
                out
            }
        }
    }
    run { f(String::from("  let x =  42 ;")) }
}

twin! {
    /// A custom error enum with `From<ParseIntError>` and `From<String>`, `?` after awaits.
    p14_custom_error_from_impls {
        #[derive(Debug)]
        pub enum AppErr { Parse(std::num::ParseIntError), Msg(String) }
        impl From<std::num::ParseIntError> for AppErr { fn from(e: std::num::ParseIntError) -> Self { log("from parse"); AppErr::Parse(e) } }
        impl From<String> for AppErr { fn from(e: String) -> Self { log("from string"); AppErr::Msg(e) } }
        lower! {
            pub async fn f(a: &'static str, b: &'static str) -> Result<i64, AppErr> {
                let _t = Tracker::new("calc");
                let x: i64 = leaf("a", a).await.parse()?;
                let y: i64 = leaf("b", b).await.parse()?;
                if y == 0 { Err(format!("div by zero: {x}/{y}"))?; }
                step("div").await;
                Ok(x / y)
            }
        }
    }
    run { pair(f("10", "2"), pair(f("1", "0"), f("q", "1"))) }
}

twin! {
    /// `rx.next().await?` in a fn returning `Option`, a `match` with a guard on an awaited
    /// `Option<Tracker>` scrutinee.
    p14_option_question_on_stream {
        lower! {
            pub async fn two(rx: &mut futures::channel::mpsc::UnboundedReceiver<Tracker>) -> Option<String> {
                let a = rx.next().await?;
                let b = match rx.next().await {
                    Some(t) if t.name().starts_with('x') => { step("x").await; t }
                    Some(t) => { log(format!("other {t:?}")); return None; }
                    None => return Some(a.name().to_string()),
                };
                Some(format!("{}+{}", a.name(), b.name()))
            }
        }
        lower! {
            pub async fn f() -> Vec<Option<String>> {
                let (tx, mut rx) = futures::channel::mpsc::unbounded();
                for n in ["a1", "x2", "a3", "b4", "c5"] { tx.unbounded_send(Tracker(n)).unwrap(); }
                drop(tx);
                let mut out = vec![];
                for _ in 0..4 { out.push(two(&mut rx).await); }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `join_all` of fallible lowered calls, then `partition` and `collect::<Result<..>>()?`.
    p14_join_all_partition_results {
        lower! {
            pub async fn check(n: u32) -> Result<u32, String> {
                let v = leaf("chk", n).await;
                if v % 3 == 0 { Err(format!("bad {v}")) } else { Ok(v * 10) }
            }
        }
        lower! {
            pub async fn f(strict: bool) -> Result<(Vec<u32>, usize), String> {
                let results = futures::future::join_all((1..=4).map(check)).await;
                let (ok, bad): (Vec<_>, Vec<_>) = results.iter().cloned().partition(|r| r.is_ok());
                step("partitioned").await;
                if strict {
                    let all = results.into_iter().collect::<Result<Vec<_>, _>>()?;
                    return Ok((all, 0));
                }
                Ok((ok.into_iter().map(Result::unwrap).collect(), bad.len()))
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `binary_search` then `insert` of an awaited value at the found position (sorted set).
    p14_binary_search_insert {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v: Vec<u32> = vec![];
                for x in [5u32, 1, 3, 5, 2] {
                    match v.binary_search(&x) {
                        Ok(_) => step("dup").await,
                        Err(pos) => v.insert(pos, leaf("ins", x).await),
                    }
                }
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec<Option<Tracker>>` slots emptied with `take()` in an `iter_mut` loop with awaits.
    p14_option_slots_take {
        lower! {
            pub async fn f() -> (Vec<&'static str>, usize) {
                let mut slots = vec![Some(Tracker("o1")), None, Some(Tracker("o2")), Some(Tracker("o3"))];
                let mut freed = vec![];
                for (i, slot) in slots.iter_mut().enumerate() {
                    if i == 3 { break; }
                    if let Some(t) = slot.take() {
                        step("free").await;
                        freed.push(t.name());
                    }
                }
                let left = slots.iter().filter(|s| s.is_some()).count();
                (freed, left)
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::mem::replace` of an enum state around awaits (connection state machine).
    p14_mem_replace_state {
        #[derive(Debug)]
        pub enum Conn { Idle(Tracker), Busy, Closed }
        lower! {
            pub async fn f(rounds: u32) -> Vec<String> {
                let mut st = Conn::Idle(Tracker::new("sock"));
                let mut out = vec![];
                for r in 0..rounds {
                    match std::mem::replace(&mut st, Conn::Busy) {
                        Conn::Idle(t) => {
                            let v = leaf("req", r).await;
                            out.push(format!("{} {v}", t.name()));
                            st = if v >= 1 { drop(t); Conn::Closed } else { Conn::Idle(t) };
                        }
                        Conn::Busy => out.push("busy?".into()),
                        Conn::Closed => { step("closed").await; out.push("closed".into()); st = Conn::Closed; }
                    }
                }
                out.push(format!("{st:?}"));
                out
            }
        }
    }
    run { f(4) }
}

twin! {
    /// An id generator `FnMut` closure built by a block (`move || { id += 1; id }`), called
    /// across awaits.
    p14_fnmut_id_generator {
        lower! {
            pub async fn f() -> Vec<(u32, String)> {
                let mut next_id = { let mut id = 0u32; move || { id += 1; id } };
                let mut out = vec![];
                for name in ["a", "b", "c"] {
                    let body = leaf("body", name.repeat(2)).await;
                    out.push((next_id(), body));
                }
                step("end").await;
                out.push((next_id(), String::new()));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Floats from awaits: `sort_by(partial_cmp)`, `max_by`, `iter().rev().enumerate().step_by(2)`.
    p14_float_sorting_step_by {
        lower! {
            pub async fn f() -> (Vec<String>, String, Vec<usize>) {
                let mut xs = vec![];
                for x in [2.5f64, -1.0, 3.25, 0.5] {
                    xs.push(leaf("x", x).await);
                }
                xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
                let max = xs.iter().cloned().max_by(|a, b| a.total_cmp(b)).unwrap();
                let mut idx = vec![];
                for (i, _x) in xs.iter().rev().enumerate().step_by(2) {
                    step("idx").await;
                    idx.push(i);
                }
                (xs.iter().map(|x| format!("{x:.2}")).collect(), format!("{max}"), idx)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Display` impl and `to_string()` of values awaited, `char_indices` and `bytes`.
    p14_display_char_indices {
        pub struct Money(pub i64);
        impl std::fmt::Display for Money {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "${}.{:02}", self.0 / 100, self.0 % 100) }
        }
        lower! {
            pub async fn f(s: &'static str) -> (Vec<String>, u32) {
                let mut out = vec![];
                for (i, c) in s.char_indices() {
                    if c.is_ascii_digit() {
                        let cents = leaf("c", (c as i64 - '0' as i64) * 125).await;
                        out.push(format!("{i}:{}", Money(cents).to_string()));
                    }
                }
                let sum: u32 = s.bytes().map(|b| b as u32).sum();
                (out, sum + leaf("s", 0).await)
            }
        }
    }
    run { f("a1b22") }
}

twin! {
    /// Format width and precision taken from locals (`{:>w$}`, `{:.p$}`) where `w` is
    /// borrowed across an await (kept in a frame slot), and inline `{name}` captures.
    p14_format_width_from_slotted_local {
        lower! {
            pub async fn f() -> String {
                let w = 8usize;
                let p = 2usize;
                let rw = &w;
                let name = String::from("abc");
                step("s").await;
                let a = format!("[{:>w$}|{:.p$}|{name}|{}]", name, 3.14159f64, *rw);
                step("t").await;
                format!("{a}{:<width$}!", "x", width = *rw)
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::join!` of future locals created before an await (the macro moves them).
    p14_join_macro_local_futures {
        lower! {
            pub async fn job(t: Tracker, v: u32) -> u32 {
                step("job").await;
                drop(t);
                v
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let a = job(Tracker("ja"), 1);
                let b = job(Tracker("jb"), 2);
                step("before").await;
                let (x, y) = futures::join!(a, b);
                (x, y)
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::try_join!` of two fallible lowered calls with `?` on the result.
    p14_tokio_try_join_question {
        lower! {
            pub async fn get(name: &'static str, ok: bool) -> Result<u32, String> {
                let _t = Tracker(name);
                let v = leaf(name, 3).await;
                if ok { Ok(v) } else { Err(format!("{name} failed")) }
            }
        }
        lower! {
            pub async fn f(ok: bool) -> Result<u32, String> {
                let (a, b) = tokio::try_join!(get("ga", true), get("gb", ok))?;
                step("after").await;
                Ok(a + b)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `unreachable!`/`assert_eq!` naming locals kept in frame slots, after awaits.
    p14_assert_macros_slotted_locals {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let v = vec![Tracker("a"), Tracker("b")];
                let first = &v[0];
                let k = leaf("k", n).await;
                assert_eq!(first.name(), "a", "first was {first:?}");
                assert!(v.len() == 2, "len {}", v.len());
                match k {
                    0 => 0,
                    1 => { step("one").await; v.len() as u32 }
                    other => unreachable!("bad {other} with {v:?}"),
                }
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// `vec![x.await; n]` and `vec![t; n]` of cloned values, `format_args!` with an await.
    p14_vec_repeat_await {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<String>, String) {
                let a = vec![leaf("rep", 7u32).await; 3];
                let s = String::from("s");
                let b = vec![s; 2];
                step("mid").await;
                let c = std::fmt::format(format_args!("{}-{}", leaf("fa", 1).await, b.len()));
                (a, b, c)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Partial`-style local (a struct whose fields are read across awaits) printed with
    /// inline `{cfg:?}` and field captures after awaits.
    p14_struct_fields_format_inline {
        #[derive(Debug)]
        pub struct Cfg { pub name: String, pub retries: u32, pub guard: Tracker }
        lower! {
            pub async fn f() -> String {
                let cfg = Cfg { name: "svc".into(), retries: 2, guard: Tracker::new("cfg") };
                let mut out = String::new();
                for i in 0..cfg.retries {
                    let r = leaf("try", i).await;
                    out.push_str(&format!("{}#{r};", cfg.name));
                }
                let n = &cfg.name;
                step("end").await;
                format!("{out}{n}{cfg:?}")
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0425): a local declared without a value (`let end;`) and assigned in a `select!` handler: the handler runs inside the `async` block the `select!` is awaited as, built where the uninitialised local is not in scope (and it could not be borrowed).
#[cfg(feature = "known-gaps")]
twin! {
    /// `tokio::select!` (`biased;`) in a loop between a channel receiver and a `&mut` pinned
    /// local future, the future continued across iterations.
    p14_tokio_select_loop_pinned_local {
        lower! {
            pub async fn f() -> (Vec<u32>, u32) {
                let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<u32>();
                for i in 0..3 { tx.send(i).unwrap(); }
                let mut deadline = std::pin::pin!(leaf("deadline", 50u32));
                let mut got = vec![];
                let end;
                loop {
                    tokio::select! {
                        biased;
                        Some(x) = rx.recv() => { got.push(x); step("got").await; }
                        d = &mut deadline => { end = d; break; }
                    }
                }
                drop(tx);
                (got, end)
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrunk from p14_format_width_from_slotted_local: `{:>w$}` where `w` is borrowed
    /// across an await.
    p14_min_format_width_slotted {
        lower! {
            pub async fn f() -> String {
                let w = 4usize;
                let r = &w;
                step("s").await;
                format!("{:>w$}|{}", "x", r)
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrunk: `{:.p$}` precision where `p` is borrowed across an await.
    p14_min_format_precision_slotted {
        lower! {
            pub async fn f() -> String {
                let p = 2usize;
                let r = &p;
                step("s").await;
                format!("{:.p$}/{r}", 1.23456f64)
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0425): a local declared without a value (`let end;`) and assigned in a `select!` handler: the handler runs inside the `async` block the `select!` is awaited as, built where the uninitialised local is not in scope (and it could not be borrowed).
#[cfg(feature = "known-gaps")]
twin! {
    /// Shrunk from p14_tokio_select_loop_pinned_local: a `let end;` declared without a value
    /// and assigned in a `tokio::select!` handler.
    p14_min_select_assigns_deferred_let {
        lower! {
            pub async fn f() -> u32 {
                let end;
                tokio::select! {
                    d = leaf("d", 5u32) => { end = d; }
                }
                end
            }
        }
    }
    run { f() }
}

twin! {
    /// Control: a `let end;` assigned after an await in plain code.
    p14_deferred_let_plain {
        lower! {
            pub async fn f(b: bool) -> u32 {
                let end;
                let _t = Tracker::new("t");
                step("s").await;
                if b { end = leaf("x", 1).await; } else { end = 2; }
                step("u").await;
                end
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Shrunk: a local declared with a value, assigned in a `tokio::select!` handler.
    p14_min_select_assigns_outer_local {
        lower! {
            pub async fn f() -> u32 {
                let mut end = 0;
                tokio::select! {
                    d = leaf("d", 5u32) => { end = d; }
                }
                end
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrunk: a `futures::select!` statement (braces, no `;`) whose handler assigns an outer
    /// local, followed by more code.
    p14_min_futures_select_stmt_assign_no_semi {
        lower! {
            pub async fn f() -> u32 {
                use futures::FutureExt;
                let mut end = 0;
                futures::select! { d = leaf("d", 5u32).fuse() => { end = d; } }
                end
            }
        }
    }
    run { f() }
}

twin! {
    /// Control: the same with a `;` after the `select!` (works).
    p14_select_stmt_assign_with_semi {
        lower! {
            pub async fn f() -> u32 {
                let mut end = 0;
                let _t = Tracker::new("t");
                tokio::select! { d = leaf("d", 5u32) => { end = d; } };
                end + leaf("after", 1).await
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0425): a local declared without a value (`let end;`) and assigned in a `select!` handler: the handler runs inside the `async` block the `select!` is awaited as, built where the uninitialised local is not in scope (and it could not be borrowed).
#[cfg(feature = "known-gaps")]
twin! {
    /// Shrunk from p14_tokio_select_loop_pinned_local: `let end;` (no value) assigned in a
    /// `tokio::select!` handler inside a `loop`, which the handler leaves with `break`.
    p14_min_select_deferred_let_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let end;
                loop {
                    tokio::select! { d = leaf("d", 5u32) => { end = d; break; } }
                }
                end
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic retry helper `retry<F, Fut>(f: F)` with `F: FnMut() -> Fut`, called with a
    /// closure returning a lowered future; attempts counted in a `Cell`.
    p14_generic_retry_fnmut {
        lower! {
            pub async fn retry<F, Fut, T>(mut f: F, max: u32) -> Result<T, String>
            where F: FnMut(u32) -> Fut, Fut: Future<Output = Result<T, String>> {
                let mut last = String::new();
                for attempt in 0..max {
                    let _span = Tracker::new("attempt");
                    match f(attempt).await {
                        Ok(v) => return Ok(v),
                        Err(e) => { last = e; step("backoff").await; }
                    }
                }
                Err(format!("gave up: {last}"))
            }
        }
        lower! {
            pub async fn flaky(attempt: u32, ok_at: u32) -> Result<u32, String> {
                let v = leaf("flaky", attempt).await;
                if v >= ok_at { Ok(v * 100) } else { Err(format!("fail {v}")) }
            }
        }
        lower! {
            pub async fn f() -> (Result<u32, String>, Result<u32, String>, u32) {
                let calls = std::cell::Cell::new(0);
                let a = retry(|i| { calls.set(calls.get() + 1); flaky(i, 2) }, 5).await;
                let b = retry(|i| flaky(i, 9), 2).await;
                (a, b, calls.get())
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic `with_guard<F: Future>(f: F) -> F::Output` wrapper and an `impl AsyncFn`
    /// parameter called twice.
    p14_generic_future_param_asyncfn {
        lower! {
            pub async fn with_guard<F: Future>(name: &'static str, f: F) -> F::Output {
                let _g = Tracker(name);
                step("enter").await;
                let out = f.await;
                step("exit").await;
                out
            }
        }
        lower! {
            pub async fn twice(g: impl AsyncFn(u32) -> u32, x: u32) -> u32 {
                let a = g(x).await;
                g(a).await
            }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let a = with_guard("wg", leaf("inner", 4u32)).await;
                let k = 3;
                let b = twice(async |x| leaf("tw", x).await * k, 2).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut (dyn Stream<Item = u32> + Unpin)` parameter and a `Pin<&mut dyn Future>`
    /// parameter.
    p14_dyn_stream_future_params {
        lower! {
            pub async fn sum_dyn(s: &mut (dyn futures::Stream<Item = u32> + Unpin), fut: Pin<&mut dyn Future<Output = u32>>) -> u32 {
                let mut acc = fut.await;
                while let Some(x) = s.next().await {
                    acc += x;
                    step("acc").await;
                }
                acc
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut st = futures::stream::iter(vec![1u32, 2, 3]);
                let fut = std::pin::pin!(leaf("base", 100u32));
                sum_dyn(&mut st, fut).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A trait with an `async fn` implemented by two types with lowered bodies, used through
    /// a generic function and a `Vec` of an enum dispatching to them.
    p14_trait_async_fn_enum_dispatch {
        pub trait Store { async fn put(&mut self, k: &str, v: u32) -> usize; }
        pub struct Mem { pub m: BTreeMap<String, u32>, pub _t: Tracker }
        pub struct Logd { pub lines: Vec<String> }
        impl Store for Mem {
            lower! {
                async fn put(&mut self, k: &str, v: u32) -> usize {
                    let v = leaf("mem", v).await;
                    self.m.insert(k.to_string(), v);
                    self.m.len()
                }
            }
        }
        impl Store for Logd {
            lower! {
                async fn put(&mut self, k: &str, v: u32) -> usize {
                    step("log").await;
                    self.lines.push(format!("{k}={v}"));
                    self.lines.len()
                }
            }
        }
        pub enum AnyStore { M(Mem), L(Logd) }
        lower! {
            pub async fn fill<S: Store>(s: &mut S, n: u32) -> usize {
                let mut last = 0;
                for i in 0..n { last = s.put(&format!("k{i}"), i).await; }
                last
            }
        }
        lower! {
            pub async fn f() -> Vec<usize> {
                let mut stores = vec![AnyStore::M(Mem { m: BTreeMap::new(), _t: Tracker::new("mem") }), AnyStore::L(Logd { lines: vec![] })];
                let mut out = vec![];
                for s in stores.iter_mut() {
                    let n = match s {
                        AnyStore::M(m) => fill(m, 2).await,
                        AnyStore::L(l) => fill(l, 3).await,
                    };
                    out.push(n);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::select!` with an `if` precondition naming a local kept across awaits and an
    /// `else` branch, as the tail expression, a handler that awaits.
    p14_tokio_select_precondition_else {
        lower! {
            pub async fn f(allow: bool) -> String {
                let names = vec![Tracker("sel")];
                let r = &names;
                step("pre").await;
                tokio::select! {
                    v = leaf("a", 1u32), if allow && r.len() == 1 => {
                        let w = leaf("in-handler", v + 1).await;
                        format!("a {w} {}", names[0].name())
                    }
                    else => format!("else {}", r.len()),
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `futures::select!` with a `default` branch taken when nothing is ready at once.
    p14_futures_select_default {
        lower! {
            pub async fn f() -> Vec<String> {
                use futures::FutureExt;
                let mut out = vec![];
                let mut ready_fut = futures::future::ready(1u32).fuse();
                futures::select! {
                    x = ready_fut => out.push(format!("ready {x}")),
                    default => out.push("default".into()),
                };
                let mut p = futures::future::pending::<u32>().fuse();
                futures::select! {
                    x = p => out.push(format!("pending? {x}")),
                    default => out.push("default2".into()),
                };
                step("end").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic inside a stream's `then` closure while the lowered fn holds trackers and a
    /// lock guard (unwinding drops).
    p14_panic_in_stream_closure {
        lower! {
            pub async fn f() -> Vec<u32> {
                let m = futures::lock::Mutex::new(());
                let _a = Tracker::new("a");
                let _g = m.lock().await;
                let st = futures::stream::iter(vec![1u32, 2, 3]).then(|x| async move {
                    let v = leaf("t", x).await;
                    if v == 2 { panic!("bad item {v}"); }
                    v
                });
                let _b = Tracker::new("b");
                st.collect().await
            }
        }
    }
    run { f() }
}

twin! {
    /// A reference into a guard (`let v = &*guard;`) kept across an await.
    p14_ref_into_guard_across {
        lower! {
            pub async fn f() -> (usize, String) {
                let m = tokio::sync::Mutex::new(vec![String::from("a"), String::from("bb")]);
                let guard = m.lock().await;
                let v = &*guard;
                let first = &v[1];
                step("holding").await;
                let n = v.len() + leaf("n", 0).await;
                (n, first.clone())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `move` closure capturing a lock guard, called with awaited values, dropped before
    /// the lock is taken again.
    p14_move_closure_captures_guard {
        lower! {
            pub async fn f() -> Vec<u32> {
                let m = futures::lock::Mutex::new(vec![]);
                let g = m.lock().await;
                let mut push = { let mut g = g; move |x: u32| g.push(x) };
                push(leaf("a", 1).await);
                step("mid").await;
                push(leaf("b", 2).await);
                drop(push);
                let out = m.lock().await.clone();
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing a receiver parameter with an adapted stream (`let rx = rx.map(..)`), then
    /// `Box::pin(rx.filter(..))`.
    p14_shadow_stream_param_adapt {
        lower! {
            pub async fn f(rx: futures::channel::mpsc::UnboundedReceiver<u32>) -> Vec<u32> {
                let _t = Tracker::new("shadow");
                step("pre").await;
                let rx = rx.map(|x| x * 2);
                let mut rx = Box::pin(rx.filter(|x| futures::future::ready(*x > 2)));
                let mut out = vec![];
                while let Some(x) = rx.next().await {
                    out.push(x + leaf("x", 0).await);
                }
                out
            }
        }
    }
    run {
        let (tx, rx) = futures::channel::mpsc::unbounded();
        for i in 0..4 { tx.unbounded_send(i).unwrap(); }
        drop(tx);
        f(rx)
    }
}

twin! {
    /// `zip` with an owned `Vec<Tracker>` consumed by the iterator, `enumerate`, `break`
    /// leaving the rest in the iterator.
    p14_zip_owned_trackers_break {
        lower! {
            pub async fn f() -> Vec<String> {
                let xs = [10u32, 20, 30];
                let ys = vec![Tracker("y1"), Tracker("y2"), Tracker("y3")];
                let mut out = vec![];
                for (i, (a, b)) in xs.iter().zip(ys).enumerate() {
                    let v = leaf("z", *a).await;
                    out.push(format!("{i}:{v}:{}", b.name()));
                    if i == 1 { break; }
                }
                step("after").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Parameter patterns: a tuple with an unbound `_` part and a struct with `..`
    /// (natively the unbound parts live in the argument until the end).
    p14_param_patterns_unbound {
        pub struct Req { pub id: u32, pub body: Tracker, pub meta: Tracker }
        lower! {
            pub async fn f((a, _): (Tracker, Tracker), Req { id, .. }: Req) -> String {
                let v = leaf("p", id).await;
                let _l = Tracker::new("local");
                step("s").await;
                format!("{} {v}", a.name())
            }
        }
    }
    run { f((Tracker("pa"), Tracker("pb")), Req { id: 3, body: Tracker("body"), meta: Tracker("meta") }) }
}

twin! {
    /// An `async fn new() -> Self` constructor with awaits in struct literal fields (field
    /// evaluation order), then `..Default::default()`.
    p14_async_constructor_fields {
        #[derive(Debug, Default)]
        pub struct Client { pub host: String, pub port: u16, pub retries: u32, pub tags: Vec<String> }
        impl Client {
            lower! {
                pub async fn new(h: &'static str) -> Self {
                    Client {
                        port: leaf("port", 8080).await,
                        host: leaf("host", h.to_string()).await,
                        ..Default::default()
                    }
                }
            }
        }
        lower! {
            pub async fn f() -> Client {
                let mut c = Client::new("example").await;
                c.tags.push(leaf("tag", "t1".to_string()).await);
                c.retries = val("retries", 3);
                c
            }
        }
    }
    run { f() }
}

twin! {
    /// Control for p14_min_format_width_slotted: an inline `{w}` capture of a local borrowed
    /// across an await (handled), and `{:>1$}` positional width.
    p14_format_inline_slotted_control {
        lower! {
            pub async fn f() -> String {
                let w = 4usize;
                let r = &w;
                step("s").await;
                format!("{w}|{:>1$}|{r}", "x", w)
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrunk: `tokio::pin!(a, b)` of two futures raced with `select` by `&mut`, the loser
    /// awaited after.
    p14_min_tokio_pin_two_select {
        lower! {
            pub async fn f() -> (u32, u32) {
                step("s0").await;
                let a = leaf("a", 1u32);
                let b = leaf("b", 2u32);
                tokio::pin!(a, b);
                let first = match futures::future::select(&mut a, &mut b).await {
                    futures::future::Either::Left((x, _)) => x,
                    futures::future::Either::Right((y, _)) => y,
                };
                (first, 0)
            }
        }
    }
    run { f() }
}

twin! {
    /// `match m.lock().await.pop() { Some(t) => { .. await .. } }`: the guard temporary of
    /// the scrutinee lives through the arm (natively), observed with `try_lock`.
    p14_guard_temp_match_pop_by_value {
        lower! {
            pub async fn f() -> Vec<String> {
                let m = futures::lock::Mutex::new(vec![Tracker("p1"), Tracker("p2")]);
                let mut out = vec![];
                match m.lock().await.pop() {
                    Some(t) => {
                        step("arm").await;
                        out.push(format!("{} free={}", t.name(), m.try_lock().is_some()));
                    }
                    None => out.push("none".into()),
                }
                if let Some(t) = m.lock().await.pop() {
                    step("then").await;
                    out.push(format!("{} free={}", t.name(), m.try_lock().is_some()));
                } else {
                    step("else").await;
                }
                let Some(t) = m.lock().await.pop() else {
                    step("else2").await;
                    out.push(format!("empty free={}", m.try_lock().is_some()));
                    return out;
                };
                out.push(t.name().to_string());
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in m.lock().await.iter()`: the guard lives through the loop; the items are
    /// borrowed from it across awaits.
    p14_guard_temp_for_iter {
        lower! {
            pub async fn f() -> Vec<String> {
                let m = tokio::sync::Mutex::new(vec![Tracker("i1"), Tracker("i2")]);
                let mut out = vec![];
                for t in m.lock().await.iter() {
                    let n = leaf("len", t.name().len()).await;
                    out.push(format!("{}{} locked={}", t.name(), n, m.try_lock().is_err()));
                }
                out.push(format!("after locked={}", m.try_lock().is_err()));
                out
            }
        }
    }
    run { f() }
}
