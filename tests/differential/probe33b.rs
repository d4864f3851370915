//! Probe round 33b: collections and data structures mutated across awaits: `HashMap` and
//! `BTreeMap` through the entry API (`or_insert_with`, `and_modify`, `Entry` matched and
//! held across an await), `get_mut` then an await then a write, `VecDeque` work queues
//! (`pop_front` in `while let`, `push_back` of awaited values), `BinaryHeap` schedulers,
//! `Vec`s of structs mutated through `iter_mut()` and indices with awaits in the loop,
//! `sort_by_key`/`retain`/`drain(..)`/`dedup`/`split_off`/`swap` between awaits,
//! `windows`/`chunks`/`zip`/`enumerate` loops that await, `String` building, slices and
//! `split_at_mut`, `Rc<RefCell<..>>` graphs borrowed between awaits, `Box`ed trees walked
//! by `Box::pin` recursion, `HashSet` dedup, `Option<Box<Node>>` linked lists, collections
//! of `Tracker`s (the drop order of their elements on cancellation), collections passed
//! into and returned from lowered fns, and `&mut self` methods of structs owning a
//! collection (an LRU cache, a job queue, an inventory, a scheduler).
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::RefCell;
#[allow(unused_imports)]
use std::cmp::Reverse;
#[allow(unused_imports)]
use std::collections::btree_map::Entry;
#[allow(unused_imports)]
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};
#[allow(unused_imports)]
use std::rc::Rc;

// ---------------------------------------------------------------- maps: the entry API

twin! {
    /// `entry(k).or_insert_with(..)` counting keys, an await before each update.
    p33b_entry_or_insert_with_count {
        lower! {
            pub async fn f(keys: Vec<&'static str>) -> Vec<(&'static str, u32)> {
                let mut m: BTreeMap<&'static str, u32> = BTreeMap::new();
                for k in keys {
                    let v = leaf("v", 1).await;
                    *m.entry(k).or_insert_with(|| { log(format!("fresh {k}")); 0 }) += v;
                }
                m.into_iter().collect()
            }
        }
    }
    run { f(vec!["a", "b", "a", "c", "a"]) }
}

twin! {
    /// `or_insert` whose argument awaits (a receiver chain before an awaiting argument).
    p33b_entry_or_insert_awaited_arg {
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let mut m = BTreeMap::new();
                m.insert(1u32, 10u32);
                let a = *m.entry(1).or_insert(leaf("d1", 5).await);
                let b = *m.entry(2).or_insert(leaf("d2", 7).await);
                log(format!("{a} {b}"));
                m.into_iter().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// The `&mut` from `or_default()` held across an await and written after it.
    p33b_entry_ref_across_await {
        lower! {
            pub async fn f(k: u32) -> Vec<(u32, u32)> {
                let mut m: BTreeMap<u32, u32> = BTreeMap::new();
                let t = Tracker::new("t");
                let e = m.entry(k).or_default();
                *e += leaf("x", 3).await;
                *e += leaf("y", 4).await;
                log(format!("held {}", t.name()));
                m.into_iter().collect()
            }
        }
    }
    run { f(5) }
}

twin! {
    /// `and_modify(..).or_insert(..)` between awaits.
    p33b_entry_and_modify {
        lower! {
            pub async fn f(words: Vec<&'static str>) -> Vec<(&'static str, u32)> {
                let mut m = BTreeMap::new();
                for w in words.iter() {
                    step("s").await;
                    m.entry(*w).and_modify(|n| *n += 10).or_insert(1u32);
                }
                let extra = leaf("extra", 100).await;
                m.entry("z").and_modify(|n| *n += extra).or_insert(extra);
                m.into_iter().collect()
            }
        }
    }
    run { f(vec!["x", "y", "x"]) }
}

twin! {
    /// An `Entry` matched: the occupied or vacant handle is held across the await.
    p33b_entry_match_held {
        lower! {
            pub async fn f(keys: Vec<u32>) -> Vec<(u32, u32)> {
                let mut m: BTreeMap<u32, u32> = BTreeMap::new();
                for k in keys {
                    match m.entry(k) {
                        Entry::Occupied(mut o) => {
                            *o.get_mut() += leaf("occ", k).await;
                        }
                        Entry::Vacant(v) => {
                            v.insert(leaf("vac", k * 100).await);
                        }
                    }
                }
                m.into_iter().collect()
            }
        }
    }
    run { f(vec![1, 2, 1, 1]) }
}

twin! {
    /// `Entry::Vacant` with a tracker value inserted after the await.
    p33b_entry_vacant_tracker {
        lower! {
            pub async fn f() -> usize {
                let mut m: BTreeMap<u32, Tracker> = BTreeMap::new();
                m.insert(1, Tracker::new("one"));
                if let Entry::Vacant(v) = m.entry(2) {
                    let t = leaf("mk", Tracker::new("two")).await;
                    v.insert(t);
                }
                step("s").await;
                if let Entry::Occupied(o) = m.entry(1) {
                    let old = o.remove();
                    step("after remove").await;
                    log(format!("removed {}", old.name()));
                }
                m.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `get_mut`, an await, then a write through the reference.
    p33b_get_mut_await_write {
        lower! {
            pub async fn f(k: &'static str) -> Vec<(&'static str, u32)> {
                let mut m = BTreeMap::from([("a", 1u32), ("b", 2)]);
                if let Some(v) = m.get_mut(k) {
                    let x = leaf("x", 10).await;
                    *v += x;
                } else {
                    m.insert(k, leaf("miss", 0).await);
                }
                step("end").await;
                m.into_iter().collect()
            }
        }
    }
    run { f("b") }
}

twin! {
    /// `HashMap::remove` returns a tracker held across an await.
    p33b_hashmap_remove_held {
        lower! {
            pub async fn f() -> usize {
                let mut m: HashMap<u32, Tracker> = HashMap::new();
                m.insert(1, Tracker::new("a"));
                step("s1").await;
                let got = m.remove(&1);
                m.insert(2, leaf("b", Tracker::new("b")).await);
                step("s2").await;
                log(format!("got {:?}", got));
                m.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `iter_mut()` over a `BTreeMap` with an await per value.
    p33b_btree_iter_mut_await {
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let mut m = BTreeMap::from([(3u32, 30u32), (1, 10), (2, 20)]);
                for (k, v) in m.iter_mut() {
                    *v += leaf("add", *k).await;
                }
                m.into_iter().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// Map lookup with `?` after awaits; trackers in the map drop at the early return.
    p33b_map_lookup_question {
        lower! {
            pub async fn f(k: u32) -> Result<u32, String> {
                let mut m: BTreeMap<u32, (u32, Tracker)> = BTreeMap::new();
                m.insert(1, (leaf("one", 1).await, Tracker::new("t1")));
                m.insert(2, (leaf("two", 2).await, Tracker::new("t2")));
                let v = m.get(&k).map(|e| e.0).ok_or(format!("no {k}"))?;
                step("found").await;
                Ok(v * 10)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `retain` on a map of trackers between awaits.
    p33b_btree_retain_trackers {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut m: BTreeMap<u32, Tracker> = BTreeMap::new();
                m.insert(1, Tracker::new("a"));
                m.insert(2, Tracker::new("b"));
                m.insert(3, Tracker::new("c"));
                let cut = leaf("cut", 2).await;
                m.retain(|k, _| *k != cut);
                step("s").await;
                m.keys().copied().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `pop_first` / `pop_last` of a `BTreeMap` in a loop with an await.
    p33b_btree_pop_first_loop {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut m: BTreeMap<u32, Tracker> = BTreeMap::new();
                for (i, n) in ["a", "b", "c", "d"].into_iter().enumerate() {
                    m.insert(i as u32, Tracker::new(n));
                }
                let mut out = Vec::new();
                while let Some((k, t)) = if out.len() % 2 == 0 { m.pop_first() } else { m.pop_last() } {
                    step("pop").await;
                    out.push(t.name());
                    if k == 1 {
                        break;
                    }
                }
                out
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- queues and heaps

twin! {
    /// A `VecDeque` work queue: `pop_front` in `while let`, awaited results pushed back.
    p33b_deque_work_queue {
        lower! {
            pub async fn f(start: Vec<u32>) -> Vec<u32> {
                let mut q: VecDeque<u32> = start.into_iter().collect();
                let mut done = Vec::new();
                while let Some(j) = q.pop_front() {
                    let r = leaf("job", j).await;
                    if r > 1 {
                        q.push_back(r / 2);
                    }
                    done.push(r);
                }
                done
            }
        }
    }
    run { f(vec![5, 2]) }
}

twin! {
    /// `let .. else` popping from a queue in a `loop`, `continue` and `break`.
    p33b_deque_let_else_loop {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut q = VecDeque::from([3u32, 0, 4, 7, 1]);
                let mut out = vec![];
                loop {
                    let Some(x) = q.pop_front() else { break };
                    if x == 0 {
                        step("zero").await;
                        continue;
                    }
                    let y = leaf("y", x * 2).await;
                    if y > 10 {
                        break;
                    }
                    out.push(y);
                }
                out.extend(q.drain(..));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `BinaryHeap` of `Reverse((time, id))`: a tiny event scheduler.
    p33b_heap_scheduler {
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let mut h = BinaryHeap::new();
                h.push(Reverse((5u32, 1u32)));
                h.push(Reverse((2, 2)));
                h.push(Reverse((9, 3)));
                let mut trace = vec![];
                while let Some(Reverse((t, id))) = h.pop() {
                    let d = leaf("tick", id).await;
                    trace.push((t, id));
                    if t < 6 && id < 3 {
                        h.push(Reverse((t + d * 3, id + 10)));
                    }
                }
                trace
            }
        }
    }
    run { f() }
}

twin! {
    /// A heap of trackers: popped in name order, the rest drop with the heap.
    p33b_heap_trackers {
        lower! {
            pub async fn f(k: usize) -> Vec<&'static str> {
                let mut h = BinaryHeap::new();
                h.push(Tracker::new("b"));
                h.push(leaf("mk", Tracker::new("d")).await);
                h.push(Tracker::new("a"));
                h.push(Tracker::new("c"));
                let mut out = vec![];
                for _ in 0..k {
                    let t = h.pop().unwrap();
                    step("s").await;
                    out.push(t.name());
                }
                out
            }
        }
    }
    run { f(2) }
}

// ---------------------------------------------------------------- vectors

twin! {
    /// A `Vec` of structs mutated through `iter_mut()`, an await per element.
    p33b_vec_struct_iter_mut {
        pub struct Item { pub name: &'static str, pub n: u32 }
        lower! {
            pub async fn f() -> Vec<(&'static str, u32)> {
                let mut items = vec![Item { name: "a", n: 1 }, Item { name: "b", n: 2 }, Item { name: "c", n: 3 }];
                for it in items.iter_mut() {
                    it.n += leaf("n", it.n * 10).await;
                    if it.n > 20 {
                        it.name = "big";
                    }
                }
                items.iter().map(|i| (i.name, i.n)).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `retain` on a `Vec<Tracker>`: the dropped ones log at the call.
    p33b_vec_retain_trackers {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d")];
                let skip = leaf("skip", "b").await;
                v.retain(|t| t.name() != skip && t.name() != "d");
                step("s").await;
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `drain(..)` loop awaiting per element: cancellation drops the rest of the drain.
    p33b_vec_drain_loop {
        lower! {
            pub async fn f() -> (Vec<&'static str>, usize) {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut names = vec![];
                for t in v.drain(..) {
                    step("d").await;
                    names.push(t.name());
                }
                (names, v.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A partial drain `drain(1..)` with a `break` after an await.
    p33b_vec_drain_range_break {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d")];
                for t in v.drain(1..3) {
                    let n = leaf("n", t.name()).await;
                    if n == "b" {
                        break;
                    }
                }
                step("after").await;
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `split_off`: the tail lives in another local; both drop at the end in reverse order.
    p33b_vec_split_off_trackers {
        lower! {
            pub async fn f(at: usize) -> usize {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let tail = v.split_off(at);
                step("s").await;
                v.push(leaf("d", Tracker::new("d")).await);
                log(format!("{} {}", v.len(), tail.len()));
                step("end").await;
                v.len() + tail.len()
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `insert` at an awaited position and `remove` of an awaited index.
    p33b_vec_insert_remove_awaited {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![Tracker::new("a"), Tracker::new("b")];
                v.insert(leaf("pos", 1).await, Tracker::new("mid"));
                let gone = v.remove(leaf("idx", 0).await);
                step("s").await;
                log(format!("gone {}", gone.name()));
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `windows(2)` with an await per window.
    p33b_windows_await {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let mut s = 0;
                for w in v.windows(2) {
                    s += leaf("w", w[1] - w[0]).await;
                }
                s
            }
        }
    }
    run { f(vec![1, 4, 9, 16]) }
}

twin! {
    /// `zip` of a shared and a `&mut` iterator with an await.
    p33b_zip_iter_mut {
        lower! {
            pub async fn f() -> Vec<u32> {
                let xs = vec![1u32, 2, 3];
                let mut ys = vec![10u32, 20, 30, 40];
                for (a, b) in xs.iter().zip(ys.iter_mut()) {
                    *b += leaf("z", *a).await;
                }
                ys
            }
        }
    }
    run { f() }
}

twin! {
    /// An iterator held across an await: `next()` before and after.
    p33b_iter_held_across_await {
        lower! {
            pub async fn f() -> (Option<u32>, Option<u32>, usize) {
                let v = vec![1u32, 2, 3, 4];
                let mut it = v.iter().map(|x| x * 2);
                let a = it.next();
                step("s").await;
                let b = it.next();
                let rest = it.count();
                leaf("end", 0).await;
                (a, b, rest)
            }
        }
    }
    run { f() }
}

twin! {
    /// An owning `into_iter()` of trackers held across awaits, collected after.
    p33b_into_iter_held_collect {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut it = v.into_iter();
                let first = it.next();
                step("s").await;
                let rest: Vec<Tracker> = it.collect();
                step("s2").await;
                log(format!("first {:?}", first));
                rest.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `peekable` iterator: `peek` decides whether to await.
    p33b_peekable_await {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut it = vec![1u32, 1, 2, 3, 3, 3].into_iter().peekable();
                let mut out = vec![];
                while let Some(x) = it.next() {
                    if it.peek() == Some(&x) {
                        continue;
                    }
                    out.push(leaf("p", x).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure borrowing the vector mutably, called with an awaited argument.
    p33b_closure_push_awaited {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![];
                let mut push = |x: u32| v.push(x * 2);
                push(1);
                push(leaf("a", 2).await);
                push(leaf("b", 3).await);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A grid `Vec<Vec<u32>>` written `g[i][j] = leaf().await` (await on the right only).
    p33b_grid_assign_rhs {
        lower! {
            pub async fn f(n: usize) -> Vec<Vec<u32>> {
                let mut g = vec![vec![0u32; n]; n];
                for i in 0..n {
                    for j in 0..n {
                        if i <= j {
                            g[i][j] = leaf("g", (i * n + j) as u32).await;
                        }
                    }
                }
                g
            }
        }
    }
    run { f(2) }
}

// ---------------------------------------------------------------- strings

twin! {
    /// `std::fmt::Write` into a `String` between awaits; `insert_str` and `truncate`.
    p33b_string_write_macro {
        lower! {
            pub async fn f(n: u32) -> String {
                use std::fmt::Write;
                let mut s = String::from("<");
                for i in 0..n {
                    let v = leaf("v", i * i).await;
                    write!(s, "{v};").unwrap();
                }
                s.insert_str(0, &leaf("pre", "x".to_string()).await);
                s.truncate(s.len() - 1);
                s
            }
        }
    }
    run { f(3) }
}

// ---------------------------------------------------------------- slices

twin! {
    /// `split_at_mut`: both halves held across awaits.
    p33b_split_at_mut_halves {
        lower! {
            pub async fn f(mid: usize) -> Vec<u32> {
                let mut v = vec![1u32, 2, 3, 4, 5];
                let (l, r) = v.split_at_mut(mid);
                std::mem::swap(&mut l[0], &mut r[0]);
                l[0] += leaf("l", 100).await;
                r[r.len() - 1] += leaf("r", 200).await;
                v
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A lowered fn taking `&mut [u32]`, called on two sub-slices.
    p33b_slice_param_mut {
        lower! {
            pub async fn bump(xs: &mut [u32], by: u32) -> u32 {
                let mut n = 0;
                for x in xs.iter_mut() {
                    *x += leaf("b", by).await;
                    n += 1;
                }
                n
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut v = vec![1u32, 2, 3, 4];
                let a = bump(&mut v[..2], 10).await;
                let b = bump(&mut v[2..], 20).await;
                (a + b, v)
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- Rc<RefCell<..>>

twin! {
    /// Borrowing twice while a `RefMut` is held across an await panics; trackers unwind.
    p33b_rc_double_borrow_panic {
        lower! {
            pub async fn f() -> usize {
                let _t = Tracker::new("t");
                let cell = Rc::new(RefCell::new(vec![Tracker::new("in")]));
                let b = cell.borrow_mut();
                step("s").await;
                let n = cell.borrow().len();
                drop(b);
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A graph of `Rc<RefCell<Node>>` walked depth first with a stack, an await per node.
    p33b_rc_graph_dfs {
        pub struct Node { pub id: u32, pub edges: Vec<Rc<RefCell<Node>>>, pub seen: bool }
        pub fn node(id: u32) -> Rc<RefCell<Node>> {
            Rc::new(RefCell::new(Node { id, edges: vec![], seen: false }))
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let a = node(1);
                let b = node(2);
                let c = node(3);
                a.borrow_mut().edges.push(b.clone());
                a.borrow_mut().edges.push(c.clone());
                b.borrow_mut().edges.push(c.clone());
                c.borrow_mut().edges.push(a.clone());
                let mut order = vec![];
                let mut stack = vec![a.clone()];
                while let Some(cur) = stack.pop() {
                    if cur.borrow().seen {
                        continue;
                    }
                    let (id, kids) = {
                        let n = cur.borrow();
                        (n.id, n.edges.clone())
                    };
                    order.push(leaf("visit", id).await);
                    cur.borrow_mut().seen = true;
                    for k in kids.into_iter().rev() {
                        stack.push(k);
                    }
                }
                for n in [&a, &b, &c] {
                    n.borrow_mut().edges.clear();
                }
                order
            }
        }
    }
    run { f() }
}

twin! {
    /// A BFS over an adjacency `BTreeMap` with a `VecDeque` and a visited `HashSet`.
    p33b_bfs_adjacency {
        lower! {
            pub async fn f(start: u32) -> Vec<u32> {
                let mut adj: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
                for (a, b) in [(1u32, 2u32), (1, 3), (2, 4), (3, 4), (4, 1)] {
                    adj.entry(a).or_default().push(b);
                }
                let mut seen = HashSet::new();
                let mut q = VecDeque::from([start]);
                let mut order = vec![];
                while let Some(n) = q.pop_front() {
                    if !seen.insert(n) {
                        continue;
                    }
                    order.push(leaf("visit", n).await);
                    if let Some(next) = adj.get(&n) {
                        for m in next {
                            step("edge").await;
                            q.push_back(*m);
                        }
                    }
                }
                order
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `Rc<RefCell<Vec<Tracker>>>` shared by two lowered calls.
    p33b_rc_shared_between_calls {
        lower! {
            pub async fn add(v: Rc<RefCell<Vec<Tracker>>>, name: &'static str) -> usize {
                let t = leaf("mk", Tracker::new(name)).await;
                v.borrow_mut().push(t);
                step("added").await;
                let n = v.borrow().len();
                n
            }
        }
        lower! {
            pub async fn f() -> usize {
                let v = Rc::new(RefCell::new(vec![]));
                let a = add(v.clone(), "a").await;
                let b = add(v.clone(), "b").await;
                v.borrow_mut().remove(0);
                step("end").await;
                a + b
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- boxed trees, lists, sets

twin! {
    /// A `Box`ed tree summed by `Box::pin` recursion, an await per node.
    p33b_tree_sum_recursive {
        pub struct Tree { pub v: u32, pub kids: Vec<Box<Tree>> }
        pub fn t(v: u32, kids: Vec<Box<Tree>>) -> Box<Tree> { Box::new(Tree { v, kids }) }
        lower! {
            pub async fn sum(t: &Tree) -> u32 {
                let mut s = leaf("node", t.v).await;
                for k in &t.kids {
                    s += Box::pin(sum(k)).await;
                }
                s
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let tree = t(1, vec![t(2, vec![t(4, vec![])]), t(3, vec![])]);
                step("built").await;
                sum(&tree).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A binary tree mutated in place by `Box::pin` recursion over `&mut`.
    p33b_tree_mut_recursive {
        pub struct Bin { pub v: u32, pub l: Option<Box<Bin>>, pub r: Option<Box<Bin>> }
        pub fn leafnode(v: u32) -> Option<Box<Bin>> { Some(Box::new(Bin { v, l: None, r: None })) }
        pub fn collect(t: &Option<Box<Bin>>, out: &mut Vec<u32>) {
            if let Some(b) = t { collect(&b.l, out); out.push(b.v); collect(&b.r, out); }
        }
        lower! {
            pub async fn bump(t: &mut Option<Box<Bin>>, depth: u32) {
                if let Some(b) = t {
                    b.v += leaf("d", depth).await;
                    Box::pin(bump(&mut b.l, depth + 1)).await;
                    Box::pin(bump(&mut b.r, depth + 1)).await;
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut root = Some(Box::new(Bin { v: 10, l: leafnode(5), r: Some(Box::new(Bin { v: 20, l: None, r: leafnode(30) })) }));
                bump(&mut root, 1).await;
                let mut out = vec![];
                collect(&root, &mut out);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A tree of trackers built by recursion with awaits; cancellation drops the built part.
    p33b_tree_build_trackers {
        pub struct TNode { pub t: Tracker, pub kids: Vec<TNode> }
        lower! {
            pub async fn build(depth: u32) -> TNode {
                let names = ["d0", "d1", "d2"];
                let t = leaf("mk", Tracker::new(names[depth as usize])).await;
                let mut kids = vec![];
                if depth < 2 {
                    for _ in 0..2 {
                        kids.push(Box::pin(build(depth + 1)).await);
                    }
                }
                TNode { t, kids }
            }
        }
        pub fn count(n: &TNode) -> usize { 1 + n.kids.iter().map(count).sum::<usize>() }
        lower! {
            pub async fn f() -> usize {
                let tree = build(1).await;
                step("built").await;
                log(format!("root {}", tree.t.name()));
                count(&tree)
            }
        }
    }
    run { f() }
}

twin! {
    /// A list of tracker nodes reversed in place with awaits between the relinks.
    p33b_list_reverse_trackers {
        pub struct TN { pub t: Tracker, pub next: Option<Box<TN>> }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut head = Some(Box::new(TN { t: Tracker::new("a"), next: Some(Box::new(TN { t: Tracker::new("b"), next: Some(Box::new(TN { t: Tracker::new("c"), next: None })) })) }));
                let mut rev: Option<Box<TN>> = None;
                while let Some(mut n) = head {
                    step("relink").await;
                    head = n.next.take();
                    n.next = rev;
                    rev = Some(n);
                }
                let mut out = vec![];
                let mut cur = &rev;
                while let Some(n) = cur {
                    out.push(n.t.name());
                    cur = &n.next;
                }
                leaf("done", 0).await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Popping the head of a tracker list in a loop with awaits.
    p33b_list_pop_head {
        pub struct TN { pub t: Tracker, pub next: Option<Box<TN>> }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut head = Some(Box::new(TN { t: Tracker::new("a"), next: Some(Box::new(TN { t: Tracker::new("b"), next: Some(Box::new(TN { t: Tracker::new("c"), next: None })) })) }));
                let mut n = 0;
                while n < k {
                    let Some(node) = head.take() else { break };
                    let TN { t, next } = *node;
                    head = next;
                    leaf("pop", 1).await;
                    log(format!("popped {}", t.name()));
                    n += 1;
                }
                n
            }
        }
    }
    run { f(2) }
}

twin! {
    /// `HashSet` dedup: only first occurrences are awaited.
    p33b_hashset_dedup {
        lower! {
            pub async fn f(xs: Vec<u32>) -> Vec<u32> {
                let mut seen = HashSet::new();
                let mut out = vec![];
                for x in xs {
                    if seen.insert(x) {
                        out.push(leaf("x", x).await);
                    } else {
                        step("dup").await;
                    }
                }
                out
            }
        }
    }
    run { f(vec![3, 1, 3, 2, 1]) }
}

twin! {
    /// A `BTreeSet<Tracker>`: inserting a duplicate drops the new one at once.
    p33b_btreeset_trackers_dup {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut s = BTreeSet::new();
                s.insert(Tracker::new("b"));
                let fresh = s.insert(leaf("a", Tracker::new("a")).await);
                let dup = s.insert(leaf("b2", Tracker::new("b")).await);
                log(format!("{fresh} {dup}"));
                step("s").await;
                s.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- trackers in collections

twin! {
    /// A `Vec<Tracker>` built across awaits: cancellation drops the built prefix in order.
    p33b_vec_trackers_built {
        lower! {
            pub async fn f() -> usize {
                let mut v = Vec::new();
                v.push(Tracker::new("a"));
                v.push(leaf("b", Tracker::new("b")).await);
                v.push(leaf("c", Tracker::new("c")).await);
                step("s").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Two collections of trackers declared in order: reverse drop of the locals.
    p33b_two_collections_drop_order {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("v1"), Tracker::new("v2")];
                step("s").await;
                let q = VecDeque::from([Tracker::new("q1"), Tracker::new("q2")]);
                step("s2").await;
                let m = BTreeMap::from([(2, Tracker::new("m2")), (1, Tracker::new("m1"))]);
                leaf("end", 0).await;
                v.len() + q.len() + m.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A vector of trackers moved into a lowered callee that returns half of it.
    p33b_vec_passed_and_returned {
        lower! {
            pub async fn keep_even(v: Vec<Tracker>) -> Vec<Tracker> {
                let mut out = vec![];
                for (i, t) in v.into_iter().enumerate() {
                    step("look").await;
                    if i % 2 == 0 {
                        out.push(t);
                    }
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let kept = keep_even(v).await;
                step("after").await;
                kept.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut Vec<Tracker>` parameter: a lowered fn pushes and pops through it.
    p33b_vec_mut_param {
        lower! {
            pub async fn churn(v: &mut Vec<Tracker>) -> usize {
                v.push(leaf("new", Tracker::new("n")).await);
                let old = v.remove(0);
                step("s").await;
                log(format!("out {}", old.name()));
                v.len()
            }
        }
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("a"), Tracker::new("b")];
                let n = churn(&mut v).await + churn(&mut v).await;
                n + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Out-of-bounds indexing after awaits panics; the trackers in the vector unwind.
    p33b_vec_index_panic {
        lower! {
            pub async fn f(i: usize) -> &'static str {
                let _g = Tracker::new("guard");
                let v = vec![Tracker::new("a"), leaf("b", Tracker::new("b")).await];
                step("s").await;
                v[i].name()
            }
        }
    }
    run { f(5) }
}

twin! {
    /// `pop_front().unwrap()` on an empty queue panics after an await.
    p33b_deque_unwrap_panic {
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::from([Tracker::new("a")]);
                let a = q.pop_front().unwrap();
                step("s").await;
                let b = q.pop_front().unwrap();
                log(format!("{:?} {:?}", a, b));
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec<Option<Tracker>>` slots: `take()` one, await, replace another.
    p33b_vec_option_slots {
        lower! {
            pub async fn f() -> Vec<Option<&'static str>> {
                let mut slots = vec![Some(Tracker::new("a")), None, Some(Tracker::new("c"))];
                let a = slots[0].take();
                slots[1] = Some(leaf("b", Tracker::new("b")).await);
                step("s").await;
                let old = slots[2].replace(Tracker::new("c2"));
                log(format!("{:?} {:?}", a, old));
                slots.iter().map(|s| s.as_ref().map(|t| t.name())).collect()
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- structs owning collections

twin! {
    /// An LRU cache (`VecDeque` order + `HashMap`) with `&mut self` lowered methods.
    p33b_lru_cache {
        pub struct Lru { pub cap: usize, pub order: VecDeque<u32>, pub map: HashMap<u32, String>, pub t: Tracker }
        impl Lru {
            lower! {
                pub async fn get(&mut self, k: u32) -> String {
                    if let Some(v) = self.map.get(&k) {
                        let v = v.clone();
                        self.order.retain(|x| *x != k);
                        self.order.push_back(k);
                        step("hit").await;
                        return v;
                    }
                    let v = leaf("load", format!("v{k}")).await;
                    if self.map.len() == self.cap {
                        if let Some(old) = self.order.pop_front() {
                            self.map.remove(&old);
                            log(format!("evict {old}"));
                        }
                    }
                    self.map.insert(k, v.clone());
                    self.order.push_back(k);
                    v
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<String>, Vec<u32>) {
                let mut c = Lru { cap: 2, order: VecDeque::new(), map: HashMap::new(), t: Tracker::new("lru") };
                let mut got = vec![];
                for k in [1, 2, 1, 3, 2, 1] {
                    got.push(c.get(k).await);
                }
                (got, c.order.iter().copied().collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// A job queue struct: jobs with trackers run from a `VecDeque`, requeued on retry.
    p33b_job_queue_struct {
        pub struct Job { pub id: u32, pub tries: u32, pub t: Tracker }
        pub struct Queue { pub jobs: VecDeque<Job>, pub done: Vec<(u32, u32)> }
        impl Queue {
            lower! {
                pub async fn run(&mut self, budget: u32) -> u32 {
                    let mut spent = 0;
                    while let Some(mut job) = self.jobs.pop_front() {
                        if spent == budget {
                            self.jobs.push_front(job);
                            break;
                        }
                        spent += 1;
                        let ok = leaf("run", job.id + job.tries).await % 2 == 0;
                        if ok {
                            self.done.push((job.id, job.tries));
                            log(format!("finished {}", job.t.name()));
                        } else {
                            job.tries += 1;
                            self.jobs.push_back(job);
                        }
                    }
                    spent
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<(u32, u32)>, usize) {
                let mut q = Queue { jobs: VecDeque::new(), done: vec![] };
                q.jobs.push_back(Job { id: 1, tries: 0, t: Tracker::new("j1") });
                q.jobs.push_back(Job { id: 2, tries: 0, t: Tracker::new("j2") });
                q.jobs.push_back(Job { id: 3, tries: 0, t: Tracker::new("j3") });
                let spent = q.run(4).await;
                step("between").await;
                let left = q.jobs.len();
                (spent, q.done.clone(), left)
            }
        }
    }
    run { f() }
}

twin! {
    /// An inventory: `BTreeMap` stock with restock awaits and a `?` on a shortfall.
    p33b_inventory {
        pub struct Inv { pub stock: BTreeMap<&'static str, u32>, pub log: Vec<String> }
        impl Inv {
            lower! {
                pub async fn take(&mut self, item: &'static str, n: u32) -> Result<u32, String> {
                    let have = *self.stock.get(item).ok_or(format!("unknown {item}"))?;
                    if have < n {
                        let more = leaf("restock", n * 2).await;
                        *self.stock.entry(item).or_insert(0) += more;
                        self.log.push(format!("restocked {item} +{more}"));
                    }
                    let left = self.stock.get_mut(item).unwrap();
                    *left -= n;
                    step("ship").await;
                    Ok(*left)
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<Result<u32, String>>, Vec<String>) {
                let mut inv = Inv { stock: BTreeMap::from([("nut", 3u32), ("bolt", 1)]), log: vec![] };
                let _t = Tracker::new("inv");
                let mut rs = vec![];
                rs.push(inv.take("nut", 2).await);
                rs.push(inv.take("bolt", 4).await);
                rs.push(inv.take("gear", 1).await);
                rs.push(inv.take("nut", 2).await);
                (rs, inv.log)
            }
        }
    }
    run { f() }
}

twin! {
    /// A scheduler struct owning a `BinaryHeap` of tasks with trackers.
    p33b_scheduler_struct {
        #[derive(PartialEq, Eq, PartialOrd, Ord)]
        pub struct Task { pub prio: u32, pub t: Tracker }
        pub struct Sched { pub heap: BinaryHeap<Task>, pub ran: Vec<&'static str> }
        impl Sched {
            lower! {
                pub async fn tick(&mut self) -> bool {
                    let Some(task) = self.heap.pop() else { return false };
                    let p = leaf("exec", task.prio).await;
                    self.ran.push(task.t.name());
                    if p > 2 {
                        self.heap.push(Task { prio: p - 2, t: Tracker::new("child") });
                    }
                    true
                }
            }
        }
        lower! {
            pub async fn f(k: u32) -> Vec<&'static str> {
                let mut s = Sched { heap: BinaryHeap::new(), ran: vec![] };
                s.heap.push(Task { prio: 3, t: Tracker::new("x") });
                s.heap.push(Task { prio: 5, t: Tracker::new("y") });
                for _ in 0..k {
                    if !s.tick().await {
                        break;
                    }
                }
                s.ran
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A `&mut self` method holding `get_mut` of its own map across an await.
    p33b_method_get_mut_self_map {
        pub struct Store { pub m: BTreeMap<u32, Vec<u32>>, pub t: Tracker }
        impl Store {
            lower! {
                pub async fn add(&mut self, k: u32, v: u32) -> usize {
                    match self.m.get_mut(&k) {
                        Some(list) => {
                            list.push(leaf("x", v).await);
                            list.len()
                        }
                        None => {
                            let first = leaf("first", v).await;
                            self.m.insert(k, vec![first]);
                            1
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<usize>, Vec<(u32, Vec<u32>)>) {
                let mut s = Store { m: BTreeMap::new(), t: Tracker::new("store") };
                let mut ns = vec![];
                for (k, v) in [(1, 10), (2, 20), (1, 11)] {
                    ns.push(s.add(k, v).await);
                }
                (ns, s.m.clone().into_iter().collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// A method returning the collection it drained from `self`.
    p33b_method_drain_returns {
        pub struct Buf { pub items: Vec<Tracker>, pub flushed: u32 }
        impl Buf {
            lower! {
                pub async fn flush(&mut self) -> Vec<Tracker> {
                    step("pre").await;
                    let out: Vec<Tracker> = self.items.drain(..).collect();
                    self.flushed += leaf("n", out.len() as u32).await;
                    out
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, u32) {
                let mut b = Buf { items: vec![Tracker::new("a"), Tracker::new("b")], flushed: 0 };
                let got = b.flush().await;
                b.items.push(Tracker::new("c"));
                let got2 = b.flush().await;
                (got.len() + got2.len(), b.flushed)
            }
        }
    }
    run { f() }
}

twin! {
    /// A method taking `self` by value that consumes the struct's collection.
    p33b_method_self_by_value_collection {
        pub struct Bag { pub items: Vec<Tracker> }
        impl Bag {
            lower! {
                pub async fn into_names(self) -> Vec<&'static str> {
                    let mut out = vec![];
                    for t in self.items {
                        out.push(leaf("n", t.name()).await);
                    }
                    out
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let b = Bag { items: vec![Tracker::new("a"), Tracker::new("b")] };
                step("s").await;
                b.into_names().await
            }
        }
    }
    run { f() }
}

twin! {
    /// A method whose output borrows `self`'s vector: `-> &mut u32` held across awaits.
    p33b_method_returns_slot_ref {
        pub struct Tab { pub v: Vec<u32> }
        impl Tab {
            lower! {
                pub async fn slot(&mut self, i: usize) -> &mut u32 {
                    step("find").await;
                    &mut self.v[i]
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut t = Tab { v: vec![1, 2, 3] };
                let s = t.slot(1).await;
                *s += leaf("x", 10).await;
                t.v.clone()
            }
        }
    }
    run { f() }
}

twin! {
    /// A registry struct: `Vec<Option<T>>` slot allocation with a free list.
    p33b_slot_registry {
        pub struct Reg { pub slots: Vec<Option<Tracker>>, pub free: Vec<usize> }
        impl Reg {
            lower! {
                pub async fn alloc(&mut self, name: &'static str) -> usize {
                    let t = leaf("mk", Tracker::new(name)).await;
                    if let Some(i) = self.free.pop() {
                        self.slots[i] = Some(t);
                        i
                    } else {
                        self.slots.push(Some(t));
                        self.slots.len() - 1
                    }
                }
            }
            lower! {
                pub async fn release(&mut self, i: usize) {
                    let old = self.slots[i].take();
                    step("release").await;
                    drop(old);
                    self.free.push(i);
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<Option<&'static str>> {
                let mut r = Reg { slots: vec![], free: vec![] };
                let a = r.alloc("a").await;
                let _b = r.alloc("b").await;
                r.release(a).await;
                r.alloc("c").await;
                r.slots.iter().map(|s| s.as_ref().map(|t| t.name())).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// An event bus: `BTreeMap<topic, Vec<subscriber>>` delivering with awaits.
    p33b_event_bus {
        pub struct Bus { pub subs: BTreeMap<&'static str, Vec<&'static str>>, pub sent: Vec<String> }
        impl Bus {
            lower! {
                pub async fn publish(&mut self, topic: &'static str, msg: u32) -> usize {
                    let Some(list) = self.subs.get(topic) else {
                        step("nobody").await;
                        return 0;
                    };
                    let list = list.clone();
                    for s in &list {
                        let ack = leaf("deliver", msg).await;
                        self.sent.push(format!("{s}:{topic}:{ack}"));
                    }
                    list.len()
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, Vec<String>) {
                let mut b = Bus { subs: BTreeMap::new(), sent: vec![] };
                b.subs.entry("news").or_default().push("ann");
                b.subs.entry("news").or_default().push("bob");
                b.subs.entry("ops").or_default().push("cy");
                let n = b.publish("news", 1).await + b.publish("ops", 2).await + b.publish("nil", 3).await;
                (n, b.sent)
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- evaluation order inside expressions

twin! {
    /// `v.push(v.len() + x.await)`: a two-phase borrow across the await.
    p33b_push_len_plus_await {
        lower! {
            pub async fn f() -> Vec<usize> {
                let mut v = vec![7usize];
                v.push(v.len() + leaf("a", 10).await);
                v.push(v.len() * leaf("b", 100).await);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `m.insert(m.len(), x.await)` and `q.push_back(q.len() + x.await)`.
    p33b_insert_len_await {
        lower! {
            pub async fn f() -> (Vec<(usize, u32)>, Vec<usize>) {
                let mut m = BTreeMap::new();
                m.insert(m.len(), leaf("a", 1u32).await);
                m.insert(m.len(), leaf("b", 2u32).await);
                let mut q = VecDeque::new();
                q.push_back(q.len() + leaf("c", 5).await);
                q.push_front(q.len() + leaf("d", 6).await);
                (m.into_iter().collect(), q.into_iter().collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// `*m.get_mut(&k).unwrap() += x.await`: the place is found after the await.
    p33b_get_mut_unwrap_compound {
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let mut m = BTreeMap::from([(1u32, 1u32), (2, 2)]);
                *m.get_mut(&1).unwrap() += leaf("a", 10).await;
                *m.entry(2).or_insert(0) *= leaf("b", 3).await;
                m.into_iter().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `v[i] += x.await` and `v[x.await] += 1`.
    p33b_index_compound_await {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3];
                v[0] += leaf("a", 10).await;
                v[leaf("i", 2).await] += 1;
                let j = 1;
                v[j] = v[j] * 100 + leaf("b", 5).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `m.entry(k).or_default().push(x.await)` (a receiver chain before an awaiting argument).
    p33b_entry_or_default_push_await {
        lower! {
            pub async fn f() -> Vec<(u32, Vec<u32>)> {
                let mut m: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
                for i in 0..4u32 {
                    m.entry(i % 2).or_default().push(leaf("x", i).await);
                }
                m.into_iter().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `match q.pop_front()` moving the tracker into the arm, which awaits.
    p33b_match_pop_front_tracker {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut q = VecDeque::from([Tracker::new("a"), Tracker::new("b")]);
                let mut out = vec![];
                for _ in 0..3 {
                    match q.pop_front() {
                        Some(t) => {
                            step("got").await;
                            out.push(t.name());
                        }
                        None => {
                            out.push(leaf("none", "none").await);
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
    /// A tuple scrutinee of two pops, both bound whole, the arm awaits.
    p33b_match_tuple_of_pops {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut a = vec![Tracker::new("a1"), Tracker::new("a2")];
                let mut b = vec![Tracker::new("b1")];
                let mut out = vec![];
                loop {
                    match (a.pop(), b.pop()) {
                        (Some(x), Some(y)) => {
                            step("pair").await;
                            out.push(format!("{}+{}", x.name(), y.name()));
                        }
                        (Some(x), None) => {
                            step("left").await;
                            out.push(x.name().to_string());
                        }
                        _ => break,
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `for t in &mut v { *t = x.await }`: the old tracker drops at the assignment.
    p33b_replace_elements_in_place {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![Tracker::new("a"), Tracker::new("b")];
                let names = ["a2", "b2"];
                for (i, t) in v.iter_mut().enumerate() {
                    *t = leaf("new", Tracker::new(names[i])).await;
                }
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A whole collection reassigned from an await: the old one drops after it.
    p33b_reassign_whole_collection {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("old1"), Tracker::new("old2")];
                step("s").await;
                v = leaf("fresh", vec![Tracker::new("new")]).await;
                step("s2").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `for t in &v` over trackers with an early `return` from inside the loop.
    p33b_ref_loop_early_return {
        lower! {
            pub async fn f(stop: &'static str) -> Option<usize> {
                let _g = Tracker::new("g");
                let v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                for (i, t) in v.iter().enumerate() {
                    let n = leaf("n", t.name()).await;
                    if n == stop {
                        return Some(i);
                    }
                }
                None
            }
        }
    }
    run { f("b") }
}

twin! {
    /// A consuming `for` over a `BTreeMap<u32, Tracker>` with a `break`.
    p33b_btree_into_iter_break {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut m = BTreeMap::new();
                m.insert(2u32, Tracker::new("b"));
                m.insert(1, Tracker::new("a"));
                m.insert(3, Tracker::new("c"));
                let mut out = vec![];
                for (k, t) in m {
                    step("s").await;
                    if k == 2 {
                        break;
                    }
                    out.push(k);
                    drop(t);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `max_by_key` returns a reference held across an await.
    p33b_max_by_key_ref_held {
        lower! {
            pub async fn f() -> (&'static str, u32) {
                let v = vec![(Tracker::new("a"), 3u32), (Tracker::new("b"), 7), (Tracker::new("c"), 5)];
                let best = v.iter().max_by_key(|p| p.1).unwrap();
                let bonus = leaf("bonus", 1).await;
                (best.0.name(), best.1 + bonus)
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- larger realistic bodies

twin! {
    /// A bank ledger: accounts in a `BTreeMap`, transfers checked and applied with awaits,
    /// a journal `Vec`, an audit tracker, and `?` on an unknown account.
    p33b_bank_ledger {
        pub struct Ledger { pub acct: BTreeMap<&'static str, i64>, pub journal: Vec<String>, pub audit: Tracker }
        impl Ledger {
            lower! {
                pub async fn transfer(&mut self, from: &'static str, to: &'static str, amt: i64) -> Result<i64, String> {
                    let bal = *self.acct.get(from).ok_or(format!("no {from}"))?;
                    if !self.acct.contains_key(to) {
                        return Err(format!("no {to}"));
                    }
                    let fee = leaf("fee", amt / 10).await;
                    if bal < amt + fee {
                        self.journal.push(format!("bounce {from}->{to} {amt}"));
                        step("notify").await;
                        return Err("funds".to_string());
                    }
                    *self.acct.get_mut(from).unwrap() -= amt + fee;
                    let credited = leaf("credit", amt).await;
                    *self.acct.entry(to).or_insert(0) += credited;
                    *self.acct.entry("bank").or_insert(0) += fee;
                    self.journal.push(format!("{from}->{to} {amt} fee {fee}"));
                    Ok(self.acct[from])
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<Result<i64, String>>, Vec<(&'static str, i64)>, Vec<String>) {
                let mut l = Ledger { acct: BTreeMap::from([("ann", 100), ("bob", 20)]), journal: vec![], audit: Tracker::new("audit") };
                let mut rs = vec![];
                for (a, b, n) in [("ann", "bob", 50), ("bob", "ann", 90), ("cy", "ann", 1), ("ann", "dan", 1), ("bob", "ann", 30)] {
                    rs.push(l.transfer(a, b, n).await);
                }
                step("close").await;
                let Ledger { acct, journal, audit } = l;
                log(format!("audited by {}", audit.name()));
                (rs, acct.into_iter().collect(), journal)
            }
        }
    }
    run { f() }
}

twin! {
    /// A topological sort (Kahn): in-degrees in a `BTreeMap`, a ready `BinaryHeap` of
    /// `Reverse` names, an await per emitted node and per edge relaxed.
    p33b_topo_sort {
        lower! {
            pub async fn f(edges: Vec<(&'static str, &'static str)>) -> Result<Vec<&'static str>, String> {
                let mut indeg: BTreeMap<&'static str, u32> = BTreeMap::new();
                let mut out_edges: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
                for (a, b) in &edges {
                    indeg.entry(a).or_insert(0);
                    *indeg.entry(b).or_insert(0) += 1;
                    out_edges.entry(a).or_default().push(b);
                }
                let mut ready: BinaryHeap<Reverse<&'static str>> =
                    indeg.iter().filter(|(_, d)| **d == 0).map(|(n, _)| Reverse(*n)).collect();
                let _t = Tracker::new("sort");
                let mut order = vec![];
                while let Some(Reverse(n)) = ready.pop() {
                    order.push(leaf("emit", n).await);
                    for m in out_edges.remove(n).unwrap_or_default() {
                        let d = indeg.get_mut(m).unwrap();
                        *d -= 1;
                        step("relax").await;
                        if *d == 0 {
                            ready.push(Reverse(m));
                        }
                    }
                }
                if order.len() != indeg.len() {
                    return Err(format!("cycle after {}", order.len()));
                }
                Ok(order)
            }
        }
    }
    run { f(vec![("a", "c"), ("b", "c"), ("c", "d"), ("a", "d")]) }
}

twin! {
    /// A tokenizer: `chars().peekable()` grouped into tokens, each awaited into a `Vec`.
    p33b_tokenizer {
        #[derive(Debug)]
        pub enum Tok { Num(u32), Word(String), Sym(char) }
        lower! {
            pub async fn f(src: &'static str) -> Vec<Tok> {
                let mut it = src.chars().peekable();
                let mut toks = vec![];
                while let Some(&c) = it.peek() {
                    if c.is_ascii_digit() {
                        let mut n = 0;
                        while let Some(d) = it.peek().and_then(|c| c.to_digit(10)) {
                            n = n * 10 + d;
                            it.next();
                        }
                        toks.push(Tok::Num(leaf("num", n).await));
                    } else if c.is_alphabetic() {
                        let mut w = String::new();
                        while let Some(&c) = it.peek() {
                            if !c.is_alphabetic() { break; }
                            w.push(c);
                            it.next();
                        }
                        toks.push(Tok::Word(leaf("word", w).await));
                    } else {
                        it.next();
                        if c != ' ' {
                            step("sym").await;
                            toks.push(Tok::Sym(c));
                        }
                    }
                }
                toks
            }
        }
    }
    run { f("ab 12+cd3") }
}

// ---------------------------------------------------------------- receivers, guards, drains held

twin! {
    /// `m.get_mut(&k).unwrap().push(x.await)`: a `&mut` receiver made before the await.
    p33b_get_mut_unwrap_push_await {
        lower! {
            pub async fn f() -> Vec<(u32, Vec<u32>)> {
                let mut m: BTreeMap<u32, Vec<u32>> = BTreeMap::from([(1, vec![]), (2, vec![9])]);
                m.get_mut(&1).unwrap().push(leaf("a", 5).await);
                m.get_mut(&2).unwrap().push(leaf("b", 6).await);
                m.into_iter().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `v.last_mut().unwrap().push_str(&x.await)` and `v[i].push(x.await)`.
    p33b_last_mut_push_str_await {
        lower! {
            pub async fn f() -> (Vec<String>, Vec<Vec<u32>>) {
                let mut v = vec![String::from("a"), String::from("b")];
                v.last_mut().unwrap().push_str(&leaf("s", "!".to_string()).await);
                let mut g = vec![vec![1u32], vec![]];
                g[1].push(leaf("g", 7).await);
                (v, g)
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaiting guard on a borrowed map value.
    p33b_guard_await_on_get {
        lower! {
            pub async fn f(keys: Vec<u32>) -> Vec<&'static str> {
                let m = BTreeMap::from([(1u32, 5u32), (2, 1)]);
                let mut out = vec![];
                for k in keys {
                    let r = match m.get(&k) {
                        Some(v) if *v > leaf("lim", 2).await => "big",
                        Some(_) => "small",
                        None => leaf("none", "none").await,
                    };
                    out.push(r);
                }
                out
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// A guard reading a tracker popped from a queue; the arm moves it and awaits.
    p33b_guard_on_popped_tracker {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut q = VecDeque::from([Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]);
                let mut out = vec![];
                loop {
                    match q.pop_front() {
                        Some(t) if t.name() == "b" => {
                            step("stop").await;
                            out.push(t.name());
                            break;
                        }
                        Some(t) => {
                            out.push(leaf("n", t.name()).await);
                        }
                        None => break,
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Drain` held in a local and advanced by hand across awaits.
    p33b_drain_held_local {
        lower! {
            pub async fn f(k: usize) -> (Vec<&'static str>, usize) {
                let mut q = VecDeque::from([Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]);
                let mut got = vec![];
                {
                    let mut it = q.drain(..);
                    while let Some(t) = it.next() {
                        step("d").await;
                        got.push(t.name());
                        if got.len() == k {
                            break;
                        }
                    }
                }
                step("after").await;
                (got, q.len())
            }
        }
    }
    run { f(2) }
}

twin! {
    /// Moving trackers between queues of a `Vec<VecDeque<_>>` across awaits.
    p33b_move_between_queues {
        lower! {
            pub async fn f() -> Vec<Vec<&'static str>> {
                let mut qs: Vec<VecDeque<Tracker>> = vec![VecDeque::from([Tracker::new("a"), Tracker::new("b")]), VecDeque::new()];
                while let Some(t) = qs[0].pop_front() {
                    step("move").await;
                    let dst = leaf("dst", 1usize).await;
                    qs[dst].push_back(t);
                }
                qs.iter().map(|q| q.iter().map(|t| t.name()).collect()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `return` from inside `while let` holding a popped tracker; the queue keeps others.
    p33b_return_inside_while_let_pop {
        lower! {
            pub async fn f(stop: &'static str) -> &'static str {
                let _g = Tracker::new("g");
                let mut q = VecDeque::from([Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]);
                while let Some(t) = q.pop_front() {
                    let n = leaf("n", t.name()).await;
                    if n == stop {
                        return n;
                    }
                }
                "none"
            }
        }
    }
    run { f("b") }
}

twin! {
    /// `or_insert_with` making a tracker, the `&mut Tracker` held across an await.
    p33b_or_insert_with_tracker_ref {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut m: BTreeMap<u32, Tracker> = BTreeMap::new();
                let t = m.entry(1).or_insert_with(|| Tracker::new("made"));
                step("s").await;
                *t = leaf("repl", Tracker::new("repl")).await;
                m.entry(1).or_insert_with(|| Tracker::new("never"));
                m.values().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(t) = m.remove(&k)` with awaiting branches.
    p33b_if_let_remove_else_await {
        lower! {
            pub async fn f(ks: Vec<u32>) -> Vec<String> {
                let mut m = BTreeMap::from([(1u32, Tracker::new("one"))]);
                let mut out = vec![];
                for k in ks {
                    if let Some(t) = m.remove(&k) {
                        step("hit").await;
                        out.push(t.name().to_string());
                    } else {
                        let _miss = Tracker::new("miss");
                        out.push(leaf("miss", format!("miss {k}")).await);
                    }
                }
                out
            }
        }
    }
    run { f(vec![2, 1, 1]) }
}

// ---------------------------------------------------------------- structs with collection fields taken apart

twin! {
    /// A collection field moved out of a by-value parameter, another field read after the await.
    p33b_param_field_moved_out {
        pub struct Q { pub jobs: Vec<Tracker>, pub name: &'static str, pub t: Tracker }
        lower! {
            pub async fn f(q: Q) -> (usize, &'static str) {
                let jobs = q.jobs;
                step("s").await;
                let n = jobs.len();
                drop(jobs);
                leaf("x", 0).await;
                (n, q.name)
            }
        }
    }
    run { f(Q { jobs: vec![Tracker::new("j1"), Tracker::new("j2")], name: "q", t: Tracker::new("qt") }) }
}

twin! {
    /// A `for` loop consuming one collection field of a local, another field used after.
    p33b_for_consumes_field {
        pub struct Batch { pub items: Vec<Tracker>, pub done: Vec<&'static str>, pub tag: Tracker }
        pub fn batch() -> Batch {
            Batch { items: vec![Tracker::new("i1"), Tracker::new("i2")], done: vec![], tag: Tracker::new("tag") }
        }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let b = batch();
                let mut done = b.done;
                for it in b.items {
                    step("it").await;
                    done.push(it.name());
                }
                done.push(b.tag.name());
                leaf("end", 0).await;
                done
            }
        }
    }
    run { f() }
}

twin! {
    /// `let S { items, .. } = s;` then awaits: the other collection field stays in `s`.
    p33b_destructure_rest_field {
        pub struct S { pub items: Vec<Tracker>, pub spare: Vec<Tracker> }
        lower! {
            pub async fn f(s: S) -> usize {
                let S { items, .. } = s;
                step("s").await;
                let n = items.len();
                leaf("x", 0).await;
                n
            }
        }
    }
    run { f(S { items: vec![Tracker::new("a")], spare: vec![Tracker::new("spare")] }) }
}

twin! {
    /// A struct literal with collection fields whose later field awaits.
    p33b_struct_literal_collection_fields {
        pub struct Inv { pub keep: Vec<Tracker>, pub stock: BTreeMap<u32, u32>, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let inv = Inv {
                    keep: vec![Tracker::new("k")],
                    stock: leaf("stock", BTreeMap::from([(1u32, 2u32)])).await,
                    t: leaf("t", Tracker::new("t")).await,
                };
                step("s").await;
                inv.keep.len() + inv.stock.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `vec![..]` and `BTreeMap::from([..])` with an awaiting element after a tracker.
    p33b_collection_literal_awaiting_elem {
        lower! {
            pub async fn f() -> (usize, usize) {
                let v = vec![Tracker::new("v1"), leaf("v2", Tracker::new("v2")).await];
                let m = BTreeMap::from([(1u32, Tracker::new("m1")), (2, leaf("m2", Tracker::new("m2")).await)]);
                step("s").await;
                (v.len(), m.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// Leaf futures stored in a `BTreeMap` and awaited in key order; the rest drop unfinished.
    p33b_futures_in_btreemap {
        lower! {
            pub async fn f(stop: u32) -> Vec<u32> {
                let mut m = BTreeMap::new();
                m.insert(3u32, leaf("c", 30u32));
                m.insert(1, leaf("a", 10));
                m.insert(2, leaf("b", 20));
                let mut out = vec![];
                for (k, fut) in m {
                    if k == stop {
                        break;
                    }
                    out.push(fut.await);
                }
                out
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Memoized recursion: a `&mut HashMap` reborrowed by two boxed recursive calls.
    p33b_memo_recursion {
        lower! {
            pub async fn fib(n: u64, memo: &mut HashMap<u64, u64>) -> u64 {
                if n < 2 {
                    return leaf("base", n).await;
                }
                if let Some(v) = memo.get(&n) {
                    return *v;
                }
                let r = Box::pin(fib(n - 1, memo)).await + Box::pin(fib(n - 2, memo)).await;
                memo.insert(n, r);
                r
            }
        }
        lower! {
            pub async fn f(n: u64) -> (u64, usize) {
                let mut memo = HashMap::new();
                let r = fib(n, &mut memo).await;
                (r, memo.len())
            }
        }
    }
    run { f(5) }
}

twin! {
    /// `let .. else` on `get_mut`, the reference written after awaits.
    p33b_let_else_get_mut {
        lower! {
            pub async fn f(k: u32) -> Option<Vec<(u32, u32)>> {
                let mut m = BTreeMap::from([(1u32, 1u32)]);
                let _t = Tracker::new("t");
                let Some(v) = m.get_mut(&k) else {
                    step("missing").await;
                    return None;
                };
                *v += leaf("a", 5).await;
                step("s").await;
                *v *= 2;
                Some(m.into_iter().collect())
            }
        }
    }
    run { f(1) }
}

// ---------------------------------------------------------------- RefCell guards as temporaries across awaits

twin! {
    /// `cell.borrow_mut().push(check(&cell).await)`: the receiver's `RefMut` is held
    /// while the argument awaits (the checker sees the cell borrowed).
    p33b_refmut_receiver_held_over_arg {
        lower! {
            pub async fn check(c: &RefCell<Vec<bool>>) -> bool {
                step("chk").await;
                c.try_borrow().is_ok()
            }
        }
        lower! {
            pub async fn f() -> Vec<bool> {
                let cell = RefCell::new(vec![]);
                cell.borrow_mut().push(check(&cell).await);
                let free = check(&cell).await;
                cell.borrow_mut().push(free);
                cell.into_inner()
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(x) = cell.borrow_mut().pop()`: the `RefMut` lives through the body.
    p33b_while_let_refmut_scrutinee {
        lower! {
            pub async fn check(c: &RefCell<Vec<u32>>) -> bool {
                step("chk").await;
                c.try_borrow().is_ok()
            }
        }
        lower! {
            pub async fn f() -> Vec<(u32, bool)> {
                let cell = RefCell::new(vec![1u32, 2]);
                let mut out = vec![];
                while let Some(x) = cell.borrow_mut().pop() {
                    out.push((x, check(&cell).await));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `match cell.borrow_mut().pop()`: the `RefMut` lives to the end of the `match`.
    p33b_match_refmut_scrutinee {
        lower! {
            pub async fn check(c: &RefCell<Vec<u32>>) -> bool {
                step("chk").await;
                c.try_borrow().is_ok()
            }
        }
        lower! {
            pub async fn f() -> (u32, bool, bool) {
                let cell = RefCell::new(vec![5u32]);
                let (x, inside) = match cell.borrow_mut().pop() {
                    Some(x) => (x, check(&cell).await),
                    None => (0, check(&cell).await),
                };
                let after = check(&cell).await;
                (x, inside, after)
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let` on a `borrow_mut()` temporary (edition 2024: dropped before `else`).
    p33b_if_let_refmut_scrutinee {
        lower! {
            pub async fn check(c: &RefCell<Vec<u32>>) -> bool {
                step("chk").await;
                c.try_borrow().is_ok()
            }
        }
        lower! {
            pub async fn f() -> Vec<bool> {
                let cell = RefCell::new(vec![5u32]);
                let mut out = vec![];
                for _ in 0..2 {
                    if let Some(_x) = cell.borrow_mut().pop() {
                        out.push(check(&cell).await);
                    } else {
                        out.push(check(&cell).await);
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in cell.borrow().iter()`: the `Ref` lives through the loop.
    p33b_for_over_ref_iter {
        lower! {
            pub async fn check(c: &RefCell<Vec<u32>>) -> bool {
                step("chk").await;
                c.try_borrow_mut().is_ok()
            }
        }
        lower! {
            pub async fn f() -> (Vec<(u32, bool)>, bool) {
                let cell = RefCell::new(vec![1u32, 2]);
                let mut out = vec![];
                for x in cell.borrow().iter() {
                    out.push((*x, check(&cell).await));
                }
                let after = check(&cell).await;
                (out, after)
            }
        }
    }
    run { f() }
}

twin! {
    /// `cell.borrow().len() + check(&cell).await`: the `Ref` temporary lives to the end of
    /// the statement.
    p33b_ref_temp_in_sum_expr {
        lower! {
            pub async fn check(c: &RefCell<Vec<u32>>) -> usize {
                step("chk").await;
                c.try_borrow_mut().is_ok() as usize * 100
            }
        }
        lower! {
            pub async fn f() -> (usize, usize) {
                let cell = RefCell::new(vec![1u32, 2]);
                let a = cell.borrow().len() + check(&cell).await;
                let b = check(&cell).await + cell.borrow().len();
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Mutex<Vec<_>>` guard temporary as the receiver while the argument awaits.
    p33b_mutex_guard_receiver_held {
        lower! {
            pub async fn check(m: &std::sync::Mutex<Vec<bool>>) -> bool {
                step("chk").await;
                m.try_lock().is_ok()
            }
        }
        lower! {
            pub async fn f() -> Vec<bool> {
                let m = std::sync::Mutex::new(vec![]);
                m.lock().unwrap().push(check(&m).await);
                let free = check(&m).await;
                m.lock().unwrap().push(free);
                m.into_inner().unwrap()
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- newer collection APIs

twin! {
    /// `extract_if` driving a `for` loop with an await per removed tracker.
    p33b_extract_if_loop {
        lower! {
            pub async fn f(k: usize) -> (Vec<&'static str>, Vec<&'static str>) {
                let mut v = vec![Tracker::new("a"), Tracker::new("x"), Tracker::new("b"), Tracker::new("y")];
                let mut out = vec![];
                for t in v.extract_if(.., |t| t.name() < "c") {
                    step("ex").await;
                    out.push(t.name());
                    if out.len() == k {
                        break;
                    }
                }
                step("after").await;
                (out, v.iter().map(|t| t.name()).collect())
            }
        }
    }
    run { f(2) }
}

twin! {
    /// `BTreeMap::extract_if` collected, then awaited per entry.
    p33b_btree_extract_if_collect {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<u32>) {
                let mut m: BTreeMap<u32, Tracker> = BTreeMap::new();
                for (k, n) in [(1u32, "a"), (2, "b"), (3, "c")] {
                    m.insert(k, leaf("mk", Tracker::new(n)).await);
                }
                let odd: Vec<(u32, Tracker)> = m.extract_if(.., |k, _| k % 2 == 1).collect();
                let mut ks = vec![];
                for (k, t) in odd {
                    step("odd").await;
                    log(format!("odd {}", t.name()));
                    ks.push(k);
                }
                (ks, m.keys().copied().collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// `get_disjoint_mut` on a `HashMap`: two `&mut` held across awaits.
    p33b_get_disjoint_mut {
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let mut m: HashMap<u32, u32> = HashMap::from([(1, 10), (2, 20), (3, 30)]);
                if let [Some(a), Some(b)] = m.get_disjoint_mut([&1, &3]) {
                    let d = leaf("d", 5).await;
                    *a += d;
                    *b -= leaf("e", d).await;
                }
                let mut out: Vec<_> = m.into_iter().collect();
                out.sort();
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `pop_if` on a `Vec` of trackers in a loop with awaits.
    p33b_pop_if_loop {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![Tracker::new("z"), Tracker::new("b"), Tracker::new("a")];
                let mut out = vec![];
                while let Some(t) = v.pop_if(|t| t.name() < "c") {
                    out.push(leaf("n", t.name()).await);
                }
                step("end").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `first_entry()` of a `BTreeMap`: an `OccupiedEntry` held across an await.
    p33b_first_entry_held {
        lower! {
            pub async fn f() -> (Vec<&'static str>, usize) {
                let mut m = BTreeMap::from([(1u32, Tracker::new("a")), (2, Tracker::new("b"))]);
                let mut out = vec![];
                while let Some(e) = m.first_entry() {
                    let n = leaf("peek", e.get().name()).await;
                    out.push(n);
                    if n == "b" {
                        break;
                    }
                    let t = e.remove();
                    step("rm").await;
                    drop(t);
                }
                (out, m.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `splice` replacing trackers with awaited ones.
    p33b_splice_trackers {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let new = vec![leaf("x", Tracker::new("x")).await, leaf("y", Tracker::new("y")).await];
                let removed: Vec<Tracker> = v.splice(1..2, new).collect();
                step("s").await;
                log(format!("removed {:?}", removed));
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- reductions

twin! {
    /// Reduction: a `for` over `v.extract_if(..)` with an await in the body.
    p33b_min_extract_if_for {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![1u32, 2, 3];
                let mut n = 0;
                for _x in v.extract_if(.., |x| *x < 3) {
                    step("s").await;
                    n += 1;
                }
                n + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduction: an `OccupiedEntry` read in an awaited expression, then `remove()`d.
    p33b_min_entry_remove_after_await {
        lower! {
            pub async fn f() -> (u32, usize) {
                let mut m = BTreeMap::from([(1u32, 5u32)]);
                let e = m.first_entry().unwrap();
                let n = leaf("peek", *e.get()).await;
                e.remove();
                (n, m.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduction variant: the entry is only held across a plain await, then `remove()`d.
    p33b_min_entry_remove_held {
        lower! {
            pub async fn f() -> (u32, usize) {
                let mut m = BTreeMap::from([(1u32, 5u32)]);
                let e = m.first_entry().unwrap();
                step("s").await;
                let n = e.remove();
                (n, m.len())
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- lent to an awaited expression, then consumed

twin! {
    /// A vacant entry whose key is read into an awaited call, then `insert`ed.
    p33b_vacant_key_awaited_then_insert {
        lower! {
            pub async fn f(keys: Vec<u32>) -> Vec<(u32, u32)> {
                let mut m: BTreeMap<u32, u32> = BTreeMap::new();
                for k in keys {
                    if let Entry::Vacant(v) = m.entry(k) {
                        let x = leaf("mk", *v.key() * 10).await;
                        v.insert(x);
                    }
                }
                m.into_iter().collect()
            }
        }
    }
    run { f(vec![2, 1, 2]) }
}

twin! {
    /// `PeekMut` compared with an awaited value, then `PeekMut::pop`.
    p33b_peek_mut_pop_after_await {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<u32>) {
                let mut h = BinaryHeap::from(vec![3u32, 8, 5]);
                let mut popped = vec![];
                while let Some(top) = h.peek_mut() {
                    if *top < leaf("lim", 5).await {
                        break;
                    }
                    popped.push(std::collections::binary_heap::PeekMut::pop(top));
                }
                (popped, h.into_sorted_vec())
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Rc` read inside an awaited call's argument, then `Rc::try_unwrap`ped.
    p33b_rc_lent_then_try_unwrap {
        lower! {
            pub async fn f() -> (usize, Vec<u32>) {
                let rc = Rc::new(RefCell::new(vec![1u32, 2]));
                let n = leaf("n", rc.borrow().len()).await;
                let v = Rc::try_unwrap(rc).ok().unwrap().into_inner();
                step("s").await;
                (n, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// A map read in an awaited call's argument, then consumed by a `for`.
    p33b_map_lent_then_for_consumes {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let m = BTreeMap::from([(1u32, Tracker::new("a")), (2, Tracker::new("b"))]);
                let first = leaf("first", m.get(&1).unwrap().name()).await;
                let mut out = vec![first];
                for (_, t) in m {
                    step("t").await;
                    out.push(t.name());
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduction: a vacant entry's key read inside an awaited call's argument, then `insert`.
    p33b_min_vacant_key_in_await_arg {
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let mut m: BTreeMap<u32, u32> = BTreeMap::new();
                if let Entry::Vacant(v) = m.entry(3) {
                    let x = leaf("mk", *v.key()).await;
                    v.insert(x);
                }
                m.into_iter().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: the key copied out by a `let` before the await (expected to pass).
    p33b_min_vacant_key_copied_first {
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let mut m: BTreeMap<u32, u32> = BTreeMap::new();
                if let Entry::Vacant(v) = m.entry(3) {
                    let k = *v.key();
                    let x = leaf("mk", k).await;
                    v.insert(x);
                }
                m.into_iter().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: an `OccupiedEntry` bound by `if let`, read in an awaited argument, `remove()`d.
    p33b_min_if_let_entry_remove {
        lower! {
            pub async fn f() -> (u32, usize) {
                let mut m = BTreeMap::from([(1u32, 5u32)]);
                let mut n = 0;
                if let Some(e) = m.first_entry() {
                    n = leaf("peek", *e.get()).await;
                    e.remove();
                }
                (n, m.len())
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- temporary collections across awaits

twin! {
    /// A temporary `Vec<Tracker>` in an expression whose later operand awaits.
    p33b_temp_vec_operand_before_await {
        lower! {
            pub async fn f() -> usize {
                let n = vec![Tracker::new("tmp1"), Tracker::new("tmp2")].len() + leaf("a", 1usize).await;
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A temporary vector passed with an awaited second argument.
    p33b_temp_vec_argument_then_await {
        pub fn both(v: Vec<Tracker>, n: usize) -> usize { v.len() + n }
        lower! {
            pub async fn f() -> usize {
                let _g = Tracker::new("g");
                let n = both(vec![Tracker::new("arg")], leaf("n", 3).await);
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `for t in make().iter()`: the temporary vector lives for the whole loop.
    p33b_for_over_temp_iter {
        pub fn make() -> Vec<Tracker> { vec![Tracker::new("a"), Tracker::new("b")] }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut out = vec![];
                for t in make().iter() {
                    step("s").await;
                    out.push(t.name());
                }
                step("after").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(t) = vec![..].pop()`: the temporary vector outlives the binding.
    p33b_if_let_pop_of_temp_vec {
        lower! {
            pub async fn f() -> &'static str {
                let mut name = "none";
                if let Some(t) = vec![Tracker::new("a"), Tracker::new("b")].pop() {
                    step("in").await;
                    name = t.name();
                }
                step("out").await;
                name
            }
        }
    }
    run { f() }
}

twin! {
    /// `match vec![..].pop()` with an awaiting arm: the temporary drops at the `match`'s end.
    p33b_match_pop_of_temp_vec {
        lower! {
            pub async fn f() -> &'static str {
                let name = match vec![Tracker::new("a"), Tracker::new("b")].pop() {
                    Some(t) => {
                        step("arm").await;
                        t.name()
                    }
                    None => "none",
                };
                step("after").await;
                name
            }
        }
    }
    run { f() }
}

twin! {
    /// `let r = &vec![..];`: a lifetime-extended temporary vector across awaits.
    p33b_extended_temp_vec_ref {
        lower! {
            pub async fn f() -> usize {
                let _g = Tracker::new("g");
                let r = &vec![Tracker::new("a"), Tracker::new("b")];
                step("s").await;
                let s: &[Tracker] = &[Tracker::new("c")];
                leaf("x", 0).await;
                r.len() + s.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Awaiting inside a `vec!` literal of trackers: earlier elements wait in the literal.
    p33b_vec_literal_many_awaits {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let v = vec![
                    Tracker::new("a"),
                    leaf("b", Tracker::new("b")).await,
                    Tracker::new("c"),
                    leaf("d", Tracker::new("d")).await,
                ];
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- handles held across awaits, consumed after

twin! {
    /// An `Entry` bound by `let`, held across an await, then `or_insert`.
    p33b_entry_local_held_then_or_insert {
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let mut m: BTreeMap<u32, u32> = BTreeMap::from([(1, 1)]);
                let e = m.entry(1);
                step("s").await;
                *e.or_insert(0) += 10;
                let e2 = m.entry(2).and_modify(|v| *v += 1);
                step("s2").await;
                e2.or_insert(leaf("d", 7).await);
                m.into_iter().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Entry`'s key read in an awaited argument, then `or_insert_with`.
    p33b_entry_key_lent_then_or_insert {
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let mut m: BTreeMap<u32, u32> = BTreeMap::new();
                let e = m.entry(4);
                let d = leaf("d", *e.key() * 2).await;
                e.or_insert_with(|| d);
                m.into_iter().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Drain` bound by `let`, held across an await, then collected.
    p33b_drain_local_then_collect {
        lower! {
            pub async fn f() -> (Vec<&'static str>, usize) {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let d = v.drain(1..);
                step("s").await;
                let w: Vec<Tracker> = d.rev().collect();
                step("s2").await;
                (w.iter().map(|t| t.name()).collect(), v.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// An `OccupiedEntry` of a `HashMap` read in an awaited argument, then `insert`ed over.
    p33b_hash_occupied_insert_after_lent {
        lower! {
            pub async fn f() -> (u32, Vec<(u32, u32)>) {
                let mut m: HashMap<u32, u32> = HashMap::from([(1, 5)]);
                let mut old = 0;
                if let std::collections::hash_map::Entry::Occupied(mut o) = m.entry(1) {
                    let v = leaf("v", *o.get() + 1).await;
                    old = o.insert(v);
                }
                let mut out: Vec<_> = m.into_iter().collect();
                out.sort();
                (old, out)
            }
        }
    }
    run { f() }
}

twin! {
    /// Reduction: an `OccupiedEntry` read by `*o.get()` in an awaited argument, then written
    /// by `o.insert(..)` (a `&mut self` method).
    p33b_min_occupied_get_in_await_arg_insert {
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let mut m = BTreeMap::from([(1u32, 5u32)]);
                if let Entry::Occupied(mut o) = m.entry(1) {
                    let v = leaf("v", *o.get()).await;
                    o.insert(v + 1);
                }
                m.into_iter().collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: the entry is only read again after the await (`*o.get()`), then dropped.
    p33b_min_occupied_get_in_await_arg_read_again {
        lower! {
            pub async fn f() -> u32 {
                let mut m = BTreeMap::from([(1u32, 5u32)]);
                let mut s = 0;
                if let Entry::Occupied(o) = m.entry(1) {
                    let v = leaf("v", *o.get()).await;
                    s = v + *o.get();
                }
                s + m.len() as u32
            }
        }
    }
    run { f() }
}
