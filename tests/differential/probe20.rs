//! Probe round 20: closures and async blocks without `move` that move a local kept in a
//! frame slot, `FnOnce` closure literals kept across awaits, references stored into other
//! locals by methods and assignments, consuming calls inside `format!`-family arguments,
//! and examiner-style programs (pub/sub, token bucket, pipelines, caches, state machines,
//! recursion, retry helpers, `&mut self` methods, early returns, panics).
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};

twin! {
    /// A closure without `move` eating a vector that a reference borrowed across an await,
    /// called after another await.
    p20_plain_closure_eats_slot_vec {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let first = &v[0];
                step("s1").await;
                log(format!("first {}", first.name()));
                let c = || eat(v);
                let _g = Tracker::new("g");
                step("s2").await;
                let n = c();
                step("s3").await;
                n + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// The same closure never called: it owns the vector until the end of the scope.
    p20_plain_closure_eats_slot_never_called {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> usize {
                let _before = Tracker::new("before");
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let it = v.iter();
                step("s1").await;
                let seen = it.count();
                let c = || eat(v);
                let _after = Tracker::new("after");
                step("s2").await;
                let _c = &c;
                seen + k
            }
        }
    }
    run { f(2) }
}

twin! {
    /// The closure called on one branch only; on the other it drops at the end of scope.
    p20_plain_closure_called_one_branch {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(go: bool) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v;
                step("s1").await;
                log(format!("len {}", r.len()));
                let c = || eat(v);
                let g = Tracker::new("g");
                let out = if go {
                    let n = c();
                    step("yes").await;
                    n
                } else {
                    step("no").await;
                    0
                };
                log(format!("g {}", g.name()));
                step("end").await;
                out
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `Copy` local borrowed across an await, used by value in a closure without `move`,
    /// then read again after more awaits.
    p20_copy_local_in_plain_closure_read_again {
        lower! {
            pub async fn f(base: u32) -> u32 {
                let t = Tracker::new("t");
                let k = base + 1;
                let rk = &k;
                step("s1").await;
                log(format!("rk {rk}"));
                let add = |x: u32| x + k;
                let a = add(leaf("x", 2).await);
                step("s2").await;
                log(format!("{} {k}", t.name()));
                a + add(k)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A `Copy` slotted local used by value in a closure that also names a tracker (a
    /// non-slotted local), kept across an await (README documents this as E0597).
    p20_copy_slot_closure_names_other_local {
        lower! {
            pub async fn f(base: u32) -> u32 {
                let t = Tracker::new("t");
                let k = base * 3;
                let rk = &k;
                step("s1").await;
                log(format!("rk {rk}"));
                let show = || { log(format!("{} {k}", t.name())); k + 1 };
                step("s2").await;
                show() + k
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A closure naming another, non-slotted local by reference while moving a slotted one.
    p20_plain_closure_moves_slot_reads_label {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(tag: &'static str) -> String {
                let label = String::from(tag);
                let v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let last = v.last();
                step("s1").await;
                log(format!("last {:?}", last.map(|t| t.name())));
                let c = || { log(format!("label {label}")); eat(v) };
                step("s2").await;
                let n = c();
                format!("{label}:{n}")
            }
        }
    }
    run { f("L") }
}

twin! {
    /// A closure that bumps a counter and moves a slotted vector, called after an await;
    /// the counter is read after the call.
    p20_closure_bumps_counter_and_moves {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: u32) -> (u32, usize) {
                let mut hits = k;
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v[1];
                step("s1").await;
                log(format!("r {}", r.name()));
                let c = || { hits += 1; eat(v) };
                let _g = Tracker::new("g");
                step("s2").await;
                let n = c();
                step("s3").await;
                (hits, n)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// `async { drop(v) }` bound by `let` over a slotted local and awaited later; cancelled
    /// before it is awaited, the unpolled block drops the vector.
    p20_async_block_drops_slot_awaited_later {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v[0];
                step("s1").await;
                log(format!("r {}", r.name()));
                let fut = async { log("in block"); drop(v); leaf("inner", k).await };
                let _g = Tracker::new("g");
                step("s2").await;
                let out = fut.await;
                step("s3").await;
                out + 1
            }
        }
    }
    run { f(5) }
}

twin! {
    /// Boxed `FnOnce` closures pushed into a `Vec`, each moving a slotted tracker, run in a loop
    /// with awaits between.
    p20_fnonce_closures_in_vec {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(k: usize) -> usize {
                let a = Tracker::new("alpha");
                let b = Tracker::new("be");
                let ra = &a;
                let rb = &b;
                step("s1").await;
                log(format!("{} {}", ra.name(), rb.name()));
                let mut cs: Vec<Box<dyn FnOnce() -> usize>> = Vec::new();
                cs.push(Box::new(|| eat1(a)));
                cs.push(Box::new(|| eat1(b)));
                step("s2").await;
                let mut total = k;
                for c in cs {
                    total += c();
                    step("run").await;
                }
                total
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A closure moving a slotted vector stored in a struct field; the field is called after
    /// an await, the struct's other field drops at the end of the scope.
    p20_closure_in_struct_field {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        pub struct Job<F: FnOnce() -> usize> { pub name: Tracker, pub run: F }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v;
                step("s1").await;
                log(format!("n {}", r.len()));
                let job = Job { name: Tracker::new("job"), run: || eat(v) };
                step("s2").await;
                log(format!("running {}", job.name.name()));
                let n = (job.run)();
                step("s3").await;
                n + k
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Nested closures: the outer one builds and calls an inner one that moves a slotted local.
    p20_nested_closures_move_slot {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = v.first();
                step("s1").await;
                log(format!("first {:?}", r.map(|t| t.name())));
                let outer = || { let inner = || eat(v); log("outer"); inner() + 1 };
                step("s2").await;
                outer() + k
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A `move` closure whose body drops its tracker, kept across an await and called after.
    p20_fnonce_move_drop_called_after_await {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let t = Tracker::new("t");
                let g = move || { log("dropping"); drop(t) };
                let _h = Tracker::new("h");
                let x = leaf("x", k).await;
                g();
                step("s2").await;
                x
            }
        }
    }
    run { f(2) }
}

twin! {
    /// An `FnOnce` literal called on one branch; on the other it owns its tracker to the end.
    p20_fnonce_called_in_one_branch {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(n: u32) -> usize {
                let t = Tracker::new("t");
                let g = || eat1(t);
                let _h = Tracker::new("h");
                step("s1").await;
                let out = if n > 1 { g() } else { 0 };
                step("s2").await;
                out
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// An `FnOnce` called inside a loop on the iteration that breaks.
    p20_fnonce_called_in_loop_then_break {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(stop: u32) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let g = move || eat(v);
                let mut i = 0;
                let got = loop {
                    i += 1;
                    let _tick = Tracker::new("tick");
                    step("tick").await;
                    if i == stop {
                        break g();
                    }
                };
                step("after").await;
                got + i as usize
            }
        }
    }
    run { f(3) }
}

twin! {
    /// An `FnOnce` literal given to a function taking `impl FnOnce` after an await.
    p20_fnonce_passed_to_impl_fnonce {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        fn run_once(label: &str, f: impl FnOnce() -> usize) -> usize { log(format!("run {label}")); f() }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let rv = &v;
                step("s1").await;
                log(format!("{}", rv.len()));
                let g = || eat(v);
                let _h = Tracker::new("h");
                step("s2").await;
                let n = run_once("g", g);
                step("s3").await;
                n + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A `move` closure moving only a `Copy` struct capture (natively `Fn`) while it owns a
    /// tracker: natively the tracker drops with the closure at the end of the scope.
    p20_move_closure_copy_struct_owns_tracker {
        #[derive(Clone, Copy, Debug)]
        pub struct P20Id(pub u32);
        fn use_id(id: P20Id) -> u32 { id.0 * 2 }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let id = P20Id(n);
                let t = Tracker::new("t");
                let g = move || { log(format!("with {}", t.name())); use_id(id) };
                step("s1").await;
                let r = g();
                let _after = Tracker::new("after");
                step("s2").await;
                r
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A `move` closure moving only a `u32` parameter (surely `Copy`) while it owns a tracker;
    /// it is `Fn`, called twice across awaits, dropping at the end of the scope.
    p20_move_closure_copy_param_owns_tracker {
        fn use_n(n: u32) -> u32 { n + 1 }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker::new("t");
                let g = move || { log(format!("with {}", t.name())); use_n(n) };
                step("s1").await;
                let a = g();
                let _after = Tracker::new("after");
                step("s2").await;
                a + g()
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Several boxed `async` blocks, each moving a slotted tracker, collected and awaited in
    /// order; cancelled in between, the unpolled ones drop their trackers.
    p20_async_blocks_move_slots_in_vec {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(k: usize) -> usize {
                let a = Tracker::new("alpha");
                let b = Tracker::new("be");
                let both = [&a, &b];
                step("s1").await;
                log(format!("{}", both.len()));
                let mut futs: Vec<Pin<Box<dyn Future<Output = usize>>>> = Vec::new();
                futs.push(Box::pin(async { step("fa").await; eat1(a) }));
                futs.push(Box::pin(async { step("fb").await; eat1(b) }));
                let mut total = k;
                for fut in futs {
                    total += fut.await;
                }
                total
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A closure returning a slotted `String` (moving it), called after awaits; the string is
    /// then borrowed again across another await.
    p20_closure_returns_slot_string {
        lower! {
            pub async fn f(tag: &'static str) -> usize {
                let _t = Tracker::new("t");
                let s = format!("{tag}-x");
                let head = &s[..1];
                step("s1").await;
                log(format!("head {head}"));
                let take = || s;
                step("s2").await;
                let s2 = take();
                let r = &s2;
                step("s3").await;
                r.len()
            }
        }
    }
    run { f("ab") }
}

twin! {
    /// Minimal: a `for` loop over boxed `FnOnce`s calling each, then awaiting in the body.
    p20m_for_boxed_fnonce_call_then_await {
        lower! {
            pub async fn f(k: usize) -> usize {
                let cs: Vec<Box<dyn FnOnce() -> usize>> = vec![Box::new(|| 1), Box::new(|| 2)];
                let mut total = k;
                for c in cs {
                    total += c();
                    step("run").await;
                }
                total
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Minimal: an `FnOnce` field called after its sibling field is read across an await.
    p20m_fnonce_field_called_after_await {
        pub struct Job<F: FnOnce() -> usize> { pub name: Tracker, pub run: F }
        lower! {
            pub async fn f(k: usize) -> usize {
                let job = Job { name: Tracker::new("job"), run: || 3 };
                step("s1").await;
                log(job.name.name());
                let n = (job.run)();
                n + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Minimal: a `move` closure moving a `Copy` struct and owning a tracker, called once.
    p20m_move_closure_copy_struct_tracker {
        #[derive(Clone, Copy)]
        pub struct Id(pub u32);
        lower! {
            pub async fn f(n: u32) -> u32 {
                let id = Id(n);
                let t = Tracker::new("t");
                let g = move || { let _ = &t; id };
                let r = g();
                step("s").await;
                r.0
            }
        }
    }
    run { f(3) }
}

twin! {
    /// References pushed into a `Vec` across an await; once the vector of references is
    /// dropped, the referenced trackers are moved.
    p20_refs_pushed_then_owner_moved {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(k: usize) -> usize {
                let a = Tracker::new("a");
                let b = Tracker::new("bb");
                let mut refs: Vec<&Tracker> = Vec::new();
                refs.push(&a);
                refs.push(&b);
                step("s1").await;
                let names: Vec<&str> = refs.iter().map(|t| t.name()).collect();
                log(names.join(","));
                drop(refs);
                step("s2").await;
                let n = eat1(a);
                step("s3").await;
                n + k + b.name().len()
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A map of references filled by `insert`, read after an await; then the vectors are moved.
    p20_map_insert_refs_then_move {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> usize {
                let reds = vec![Tracker::new("r1"), Tracker::new("r2")];
                let blues = vec![Tracker::new("b1")];
                let mut by: BTreeMap<&str, &Vec<Tracker>> = BTreeMap::new();
                by.insert("red", &reds);
                by.insert("blue", &blues);
                step("s1").await;
                for (k, v) in &by {
                    log(format!("{k}: {}", v.len()));
                }
                let red_len = by["red"].len();
                step("s2").await;
                let n = eat(reds) + red_len;
                step("s3").await;
                n + k + eat(blues)
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `entry(k).or_insert(&v)` and `entry(k).or_default().push(&t)` storing references.
    p20_entry_or_insert_refs {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(k: usize) -> usize {
                let x = Tracker::new("x");
                let y = Tracker::new("yy");
                let z = Tracker::new("zz");
                let mut first: BTreeMap<usize, &Tracker> = BTreeMap::new();
                let mut groups: BTreeMap<usize, Vec<&Tracker>> = BTreeMap::new();
                for t in [&x, &y, &z] {
                    first.entry(t.name().len()).or_insert(t);
                    groups.entry(t.name().len()).or_default().push(t);
                }
                first.entry(9).or_insert(&z);
                step("s1").await;
                log(format!("{:?}", first.values().map(|t| t.name()).collect::<Vec<_>>()));
                log(format!("{:?}", groups.iter().map(|(k, v)| (k, v.len())).collect::<Vec<_>>()));
                step("s2").await;
                drop(groups);
                drop(first);
                eat1(y) + eat1(z) + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `best = Some(r)` found in a loop over borrowed items, used after an await, then the
    /// items are consumed.
    p20_best_ref_assigned_then_consume {
        lower! {
            pub async fn f(min: usize) -> usize {
                let items = vec![Tracker::new("kiwi"), Tracker::new("banana"), Tracker::new("fig")];
                let mut best: Option<&Tracker> = None;
                for t in &items {
                    if t.name().len() >= min && best.map_or(true, |b| t.name().len() > b.name().len()) {
                        best = Some(t);
                    }
                }
                step("s1").await;
                let name = best.map(|b| b.name()).unwrap_or("none");
                log(format!("best {name}"));
                step("s2").await;
                let mut total = 0;
                for t in items {
                    total += t.name().len();
                    step("consume").await;
                }
                total
            }
        }
    }
    run { pair(f(4), f(9)) }
}

twin! {
    /// `cur = &b;` reassigning a reference between two locals across awaits, then `a` moved.
    p20_cur_ref_reassigned_across_awaits {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(swap: bool) -> usize {
                let a = Tracker::new("a");
                let b = Tracker::new("bbb");
                let mut cur = &a;
                step("s1").await;
                if swap {
                    cur = &b;
                }
                step("s2").await;
                let seen = cur.name().len();
                log(format!("cur {}", cur.name()));
                step("s3").await;
                seen + eat1(a)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `all.extend(a.iter())` over two vectors, read after an await, then both consumed.
    p20_extend_iter_refs_then_consume {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> usize {
                let a = vec![Tracker::new("a1"), Tracker::new("a2")];
                let b = vec![Tracker::new("b1")];
                let mut all: Vec<&Tracker> = Vec::new();
                all.extend(a.iter());
                all.extend(b.iter().rev());
                step("s1").await;
                log(all.iter().map(|t| t.name()).collect::<Vec<_>>().join(" "));
                let n = all.len();
                step("s2").await;
                eat(b) + eat(a) + n + k
            }
        }
    }
    run { f(0) }
}

twin! {
    /// Boxed handlers borrowing locals pushed into a `Vec`, called across awaits; dropped,
    /// then a borrowed tracker is moved.
    p20_handlers_borrowing_locals {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(k: usize) -> usize {
                let s = String::from("hello");
                let t = Tracker::new("guard");
                let mut handlers: Vec<Box<dyn Fn() -> usize + '_>> = Vec::new();
                handlers.push(Box::new(|| s.len()));
                handlers.push(Box::new(|| t.name().len()));
                step("s1").await;
                let mut total = k;
                for h in &handlers {
                    total += h();
                    step("h").await;
                }
                drop(handlers);
                step("s2").await;
                total + eat1(t) + s.len()
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `async move` blocks capturing a reference, pushed into a `Vec` and awaited; then the
    /// referenced vector is consumed.
    p20_async_move_blocks_capture_ref {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let mut futs: Vec<Pin<Box<dyn Future<Output = usize> + '_>>> = Vec::new();
                for i in 0..2usize {
                    let t = &v;
                    futs.push(Box::pin(async move { step("inner").await; t[i].name().len() + i }));
                }
                let mut total = k;
                for fut in futs {
                    total += fut.await;
                }
                step("s2").await;
                total + eat(v)
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `for r in &rows { hits.push(r) }`, hits read after an await, then rows consumed.
    p20_for_ref_push_hits {
        lower! {
            pub async fn f(pat: &'static str) -> Vec<&'static str> {
                let rows = vec![Tracker::new("apple"), Tracker::new("apricot"), Tracker::new("berry")];
                let mut hits = Vec::new();
                for r in &rows {
                    if r.name().starts_with(pat) {
                        hits.push(r);
                    }
                }
                step("s1").await;
                log(format!("{} hits", hits.len()));
                let names: Vec<&'static str> = hits.iter().map(|t| t.name()).collect();
                step("s2").await;
                let mut rows = rows;
                rows.retain(|t| t.name().len() > 5);
                step("s3").await;
                log(format!("kept {}", rows.len()));
                names
            }
        }
    }
    run { f("ap") }
}

twin! {
    /// `for (k, v) in &map` collecting pairs of references, used after an await, then the map
    /// consumed by `into_iter`.
    p20_for_kv_refs_then_into_iter {
        lower! {
            pub async fn f(min: usize) -> usize {
                let mut map: BTreeMap<u32, Tracker> = BTreeMap::new();
                map.insert(3, Tracker::new("three"));
                map.insert(1, Tracker::new("one"));
                map.insert(2, Tracker::new("two"));
                let mut found: Vec<(&u32, &Tracker)> = Vec::new();
                for (k, v) in &map {
                    if v.name().len() >= min {
                        found.push((k, v));
                    }
                }
                step("s1").await;
                log(format!("{:?}", found.iter().map(|(k, v)| (**k, v.name())).collect::<Vec<_>>()));
                step("s2").await;
                let mut n = 0;
                for (k, v) in map {
                    n += k as usize;
                    if k == 2 {
                        step("two").await;
                    }
                    drop(v);
                }
                n
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A reference swapped into a struct field (`view.cur = &b`) and with `mem::replace`,
    /// across awaits; then the first tracker is moved.
    p20_ref_field_assigned_and_replaced {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        pub struct View<'a> { pub cur: &'a Tracker, pub seen: u32 }
        lower! {
            pub async fn f(k: usize) -> usize {
                let a = Tracker::new("a");
                let b = Tracker::new("bb");
                let c = Tracker::new("ccc");
                let mut view = View { cur: &a, seen: 0 };
                step("s1").await;
                view.cur = &b;
                view.seen += 1;
                step("s2").await;
                let old = std::mem::replace(&mut view.cur, &c);
                log(format!("old {} now {} seen {}", old.name(), view.cur.name(), view.seen));
                step("s3").await;
                let n = view.cur.name().len();
                n + eat1(a) + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A `VecDeque` of references filled by `push_front`/`push_back` and `insert`, drained
    /// across awaits, then the owners moved.
    p20_deque_of_refs_drained {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(k: usize) -> usize {
                let a = Tracker::new("a");
                let b = Tracker::new("b");
                let c = Tracker::new("c");
                let mut q: VecDeque<&Tracker> = VecDeque::new();
                q.push_back(&a);
                q.push_front(&b);
                q.insert(1, &c);
                let mut order = Vec::new();
                while let Some(t) = q.pop_front() {
                    step(t.name()).await;
                    order.push(t.name());
                }
                log(order.join(","));
                eat1(c) + eat1(a) + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `format!("{}", it.count())` consuming an iterator held across an await, then the
    /// vector is used again after another await.
    p20_format_count_consumes_iter {
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let it = v.iter().filter(|t| t.name() != "b");
                step("s1").await;
                let msg = format!("count {}", it.count());
                log(msg);
                step("s2").await;
                v.len() + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `assert_eq!(v.into_iter().sum::<u32>(), ..)` consuming a vector, then an await;
    /// trackers around it drop at their scope's end.
    p20_assert_eq_into_iter_sum {
        lower! {
            pub async fn f(a: u32, b: u32) -> u32 {
                let _t = Tracker::new("t");
                let v = vec![a, b, 3];
                let r = &v;
                step("s1").await;
                log(format!("{:?}", r));
                assert_eq!(v.into_iter().sum::<u32>(), a + b + 3, "sum of {a} {b}");
                let _u = Tracker::new("u");
                step("s2").await;
                a * b
            }
        }
    }
    run { f(1, 2) }
}

twin! {
    /// Named `format!` arguments calling methods (one consuming), inline captures, and an
    /// `assert!` consuming a vector of trackers; awaits between.
    p20_format_named_args_consume {
        lower! {
            pub async fn f(tag: &'static str) -> String {
                let names = vec![Tracker::new("x"), Tracker::new("yy")];
                let extra = vec![Tracker::new("e1"), Tracker::new("e2")];
                let first = &names[0];
                step("s1").await;
                let width = 6;
                let s = format!(
                    "{tag:>width$}|{n}|{joined}|{f}",
                    n = names.len(),
                    joined = extra.into_iter().map(|t| t.name()).collect::<Vec<_>>().join("+"),
                    f = first.name()
                );
                step("s2").await;
                assert!(names.into_iter().all(|t| !t.name().is_empty()), "empty name in {tag}");
                let _after = Tracker::new("after");
                step("s3").await;
                s
            }
        }
    }
    run { f("ab") }
}

twin! {
    /// `format!("{:?}", opt.map(..))` consuming an `Option<Tracker>` held by reference across
    /// an await, then `write!` into a `String` consuming a drain.
    p20_format_option_map_consumes {
        use std::fmt::Write;
        lower! {
            pub async fn f(k: u32) -> String {
                let opt = Some(Tracker::new("o"));
                let peek = opt.as_ref().map(|t| t.name());
                step("s1").await;
                log(format!("peek {peek:?}"));
                let s = format!("{:?}", opt.map(|t| t.name().len() as u32 + k));
                step("s2").await;
                let mut q = vec![Tracker::new("q1"), Tracker::new("q2")];
                let mut out = s;
                write!(out, " drained {}", q.drain(..).count()).unwrap();
                step("s3").await;
                out.push_str(&format!(" left {}", q.len()));
                out
            }
        }
    }
    run { f(2) }
}

twin! {
    /// Minimal: a vector borrowed across an await, consumed inside `format!` arguments.
    p20m_format_consumes_slot_local {
        lower! {
            pub async fn f(k: usize) -> String {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let s = format!("{}", v.into_iter().count() + k);
                step("s2").await;
                s
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Control: the same consuming call outside the macro.
    p20_consume_slot_local_outside_format {
        lower! {
            pub async fn f(k: usize) -> String {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let n = v.into_iter().count() + k;
                let s = format!("{n}");
                step("s2").await;
                s
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Control: consumed inside `assert!`, the vector not borrowed across an await.
    p20_assert_consumes_unslotted_local {
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                step("s1").await;
                log(format!("{}", v.len()));
                assert!(v.into_iter().all(|t| !t.name().is_empty()), "k {k}");
                let _after = Tracker::new("after");
                step("s2").await;
                k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Minimal: a struct holding a closure that moves a slotted vector, its `FnOnce` field
    /// called after an await.
    p20m_fnonce_field_moves_slot {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        pub struct Job<F: FnOnce() -> usize> { pub name: Tracker, pub run: F }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let job = Job { name: Tracker::new("job"), run: || eat(v) };
                step("s2").await;
                log(job.name.name());
                (job.run)() + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Variant: the struct's closure owns nothing slotted; the field read inside `format!`.
    p20_fnonce_field_name_in_format {
        pub struct Job<F: FnOnce() -> usize> { pub name: Tracker, pub run: F }
        lower! {
            pub async fn f(k: usize) -> usize {
                let t = Tracker::new("cap");
                let job = Job { name: Tracker::new("job"), run: move || t.name().len() };
                step("s2").await;
                log(format!("running {}", job.name.name()));
                (job.run)() + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Minimal: a struct holding a closure that moves a slotted vector; its other field read
    /// inside `format!` after an await, then the `FnOnce` field called.
    p20m_fnonce_field_moves_slot_format {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        pub struct Job<F: FnOnce() -> usize> { pub name: Tracker, pub run: F }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let job = Job { name: Tracker::new("job"), run: || eat(v) };
                step("s2").await;
                log(format!("running {}", job.name.name()));
                (job.run)() + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Minimal: an `FnOnce` field called after its sibling is read across an await, and the
    /// struct (its other field) living across a later await.
    p20m_fnonce_field_call_then_await {
        pub struct Job<F: FnOnce() -> usize> { pub name: Tracker, pub run: F }
        lower! {
            pub async fn f(k: usize) -> usize {
                let job = Job { name: Tracker::new("job"), run: || 3 };
                step("s1").await;
                log(job.name.name());
                let n = (job.run)();
                step("s2").await;
                n + k
            }
        }
    }
    run { f(1) }
}
