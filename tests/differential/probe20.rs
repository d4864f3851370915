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

// Known gap: DROP ORDER: a `move` closure whose body moves only a `Copy` struct capture (`use_id(id)`, natively `Fn`) while it owns a tracker is taken to be `FnOnce`: its call drops the tracker there, not at the end of the scope (documented).
#[cfg(feature = "known-gaps")]
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

// Known gap: DROP ORDER: a `move` closure whose body moves only a `Copy` struct capture (`use_id(id)`, natively `Fn`) while it owns a tracker is taken to be `FnOnce`: its call drops the tracker there, not at the end of the scope (documented).
#[cfg(feature = "known-gaps")]
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

twin! {
    /// Minimal: a struct whose closure moves a slotted vector, its `FnOnce` field called,
    /// then an await while the struct's other field lives.
    p20m_fnonce_field_moves_slot_then_await {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        pub struct Job<F: FnOnce() -> usize> { pub name: Tracker, pub run: F }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let job = Job { name: Tracker::new("job"), run: || eat(v) };
                let n = (job.run)();
                step("s2").await;
                n + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Minimal: a struct whose `FnOnce` field (moving an unslotted tracker) is called, then an
    /// await while the struct's other field lives.
    p20m_fnonce_field_moves_tracker_then_await {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        pub struct Job<F: FnOnce() -> usize> { pub name: Tracker, pub run: F }
        lower! {
            pub async fn f(k: usize) -> usize {
                let t = Tracker::new("t");
                step("s1").await;
                let job = Job { name: Tracker::new("job"), run: || eat1(t) };
                let n = (job.run)();
                step("s2").await;
                n + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A chat room: subscribers in a `Vec`, each with an inbox and a guard; `publish` is a
    /// `&mut self` async method awaiting per delivery; one subscriber leaves mid-way.
    p20_chat_room_pubsub {
        pub struct Sub { pub name: &'static str, pub inbox: Vec<String>, pub guard: Tracker }
        pub struct Room { pub subs: Vec<Sub>, pub sent: u32 }
        impl Room {
            lower! {
                pub async fn publish(&mut self, from: &'static str, msg: &str) -> usize {
                    let mut delivered = 0;
                    for s in self.subs.iter_mut() {
                        if s.name == from {
                            continue;
                        }
                        step(s.name).await;
                        s.inbox.push(format!("{from}: {msg}"));
                        delivered += 1;
                    }
                    self.sent += 1;
                    delivered
                }
            }
        }
        lower! {
            pub async fn f(k: u32) -> (usize, Vec<String>) {
                let mut room = Room { subs: Vec::new(), sent: k };
                for name in ["ann", "bob", "cy"] {
                    room.subs.push(Sub { name, inbox: Vec::new(), guard: Tracker::new(name) });
                    step("join").await;
                }
                let a = room.publish("ann", "hi").await;
                let left = room.subs.remove(1);
                log(format!("{} leaves with {}", left.name, left.inbox.len()));
                drop(left);
                let b = room.publish("cy", "bye").await;
                let last = room.subs.pop().map(|s| s.inbox).unwrap_or_default();
                step("end").await;
                (a + b + room.sent as usize, last)
            }
        }
    }
    run { f(0) }
}

twin! {
    /// A token-bucket rate limiter: `acquire` awaits refills until a token is free; the
    /// bucket's guard and each request's permit drop in order.
    p20_token_bucket_limiter {
        pub struct Bucket { pub tokens: u32, pub cap: u32, pub refills: u32, pub guard: Tracker }
        impl Bucket {
            lower! {
                pub async fn acquire(&mut self, who: &'static str) -> Tracker {
                    while self.tokens == 0 {
                        step("refill").await;
                        self.refills += 1;
                        self.tokens = (self.tokens + 1).min(self.cap);
                    }
                    self.tokens -= 1;
                    Tracker::new(who)
                }
            }
        }
        lower! {
            pub async fn f(cap: u32) -> (u32, u32) {
                let mut b = Bucket { tokens: cap, cap, refills: 0, guard: Tracker::new("bucket") };
                let mut held = Vec::new();
                for who in ["r1", "r2", "r3", "r4"] {
                    let permit = b.acquire(who).await;
                    if held.len() == 2 {
                        let old: Tracker = held.remove(0);
                        drop(old);
                    }
                    held.push(permit);
                }
                step("done").await;
                (b.refills, b.tokens)
            }
        }
    }
    run { pair(f(2), f(1)) }
}

twin! {
    /// A pipeline of stages passing an owned buffer (with a guard) from one to the next;
    /// a stage may reject it with `?`.
    p20_pipeline_owned_buffers {
        pub struct Buf { pub data: Vec<u32>, pub guard: Tracker }
        lower! {
            pub async fn read(n: u32) -> Buf {
                let mut data = Vec::new();
                for i in 0..n {
                    data.push(leaf("byte", i * 3).await);
                }
                Buf { data, guard: Tracker::new("buf") }
            }
        }
        lower! {
            pub async fn transform(mut b: Buf) -> Result<Buf, String> {
                step("transform").await;
                if b.data.iter().any(|&x| x > 20) {
                    return Err(format!("too big in {}", b.guard.name()));
                }
                b.data.iter_mut().for_each(|x| *x += 1);
                Ok(b)
            }
        }
        lower! {
            pub async fn write(b: Buf, out: &mut Vec<u32>) -> usize {
                let n = b.data.len();
                step("write").await;
                out.extend(b.data);
                n
            }
        }
        lower! {
            pub async fn f(n: u32) -> Result<(usize, Vec<u32>), String> {
                let _session = Tracker::new("session");
                let mut out = Vec::new();
                let b = read(n).await;
                let b = transform(b).await?;
                let w = write(b, &mut out).await;
                step("flush").await;
                Ok((w, out))
            }
        }
    }
    run { pair(f(3), f(9)) }
}

twin! {
    /// A cache `HashMap<String, Vec<Tracker>>` with FIFO eviction; loads await, evicted
    /// entries drop at the eviction.
    p20_cache_with_eviction {
        // A fixed hasher: the map's drop order (on cancellation) must not depend on a random seed.
        pub type Map = HashMap<String, Vec<Tracker>, std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher>>;
        pub struct Cache { pub map: Map, pub order: VecDeque<String>, pub cap: usize }
        impl Cache {
            lower! {
                pub async fn get_or_load(&mut self, key: &str) -> usize {
                    if let Some(v) = self.map.get(key) {
                        log(format!("hit {key}"));
                        return v.len();
                    }
                    let n = leaf("load", key.len()).await;
                    let v: Vec<Tracker> = (0..n).map(|i| Tracker::new(["e0", "e1", "e2", "e3"][i % 4])).collect();
                    if self.order.len() == self.cap {
                        if let Some(old) = self.order.pop_front() {
                            let gone = self.map.remove(&old);
                            log(format!("evict {old}"));
                            drop(gone);
                        }
                    }
                    self.order.push_back(key.to_string());
                    self.map.insert(key.to_string(), v);
                    n
                }
            }
        }
        lower! {
            pub async fn f(cap: usize) -> usize {
                let mut c = Cache { map: Map::default(), order: VecDeque::new(), cap };
                let mut total = 0;
                for key in ["ab", "c", "ab", "def", "c"] {
                    total += c.get_or_load(key).await;
                    step("tick").await;
                }
                let keys: Vec<String> = c.order.iter().cloned().collect();
                log(keys.join(","));
                for k in keys {
                    let gone = c.map.remove(&k);
                    step("clear").await;
                    drop(gone);
                }
                total
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A connection state machine over an enum with data-carrying variants, each transition
    /// moving the payload out of the old state across awaits.
    p20_enum_state_machine {
        pub enum Conn { Idle(Tracker), Connecting { attempt: u32, guard: Tracker }, Open(Vec<Tracker>), Closed(u32) }
        lower! {
            pub async fn f(fail_first: bool) -> u32 {
                let mut st = Conn::Idle(Tracker::new("idle"));
                let mut moves = 0;
                loop {
                    moves += 1;
                    st = match st {
                        Conn::Idle(t) => {
                            step("dial").await;
                            drop(t);
                            Conn::Connecting { attempt: 1, guard: Tracker::new("dialing") }
                        }
                        Conn::Connecting { attempt, guard } => {
                            let ok = leaf("handshake", !(fail_first && attempt == 1)).await;
                            if ok {
                                log(format!("open after {} with {}", attempt, guard.name()));
                                Conn::Open(vec![Tracker::new("s1"), Tracker::new("s2")])
                            } else {
                                Conn::Connecting { attempt: attempt + 1, guard }
                            }
                        }
                        Conn::Open(mut streams) => {
                            while let Some(s) = streams.pop() {
                                step(s.name()).await;
                            }
                            Conn::Closed(moves)
                        }
                        Conn::Closed(n) => break n,
                    };
                }
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// Recursive async through `Box::pin` over a tree of owned nodes, each visit holding a
    /// guard across the child's await.
    p20_recursive_tree_walk {
        pub struct Node { pub name: &'static str, pub kids: Vec<Node> }
        lower! {
            pub async fn walk(n: &Node, depth: u32) -> u32 {
                let _g = Tracker::new(n.name);
                step(n.name).await;
                let mut sum = depth;
                for k in &n.kids {
                    sum += Box::pin(walk(k, depth + 1)).await;
                }
                sum
            }
        }
        pub fn tree() -> Node {
            Node { name: "root", kids: vec![
                Node { name: "a", kids: vec![Node { name: "a1", kids: vec![] }] },
                Node { name: "b", kids: vec![] },
            ] }
        }
    }
    run { walk(leak(tree()), 0) }
}

twin! {
    /// A generic `retry<F, Fut>` helper lowered, given a closure returning an `async move`
    /// block that owns a tracker per attempt.
    p20_generic_retry_helper {
        lower! {
            pub async fn retry<F, Fut>(mut op: F, tries: u32) -> Result<u32, String>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<u32, String>>,
            {
                let mut last = String::new();
                for i in 0..tries {
                    match op(i).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            log(format!("attempt {i}: {e}"));
                            last = e;
                            step("backoff").await;
                        }
                    }
                }
                Err(last)
            }
        }
        lower! {
            pub async fn f(ok_at: u32) -> Result<u32, String> {
                let _outer = Tracker::new("outer");
                let base = 10;
                let r = retry(
                    |i| async move {
                        let _t = Tracker::new("attempt");
                        step("try").await;
                        if i >= ok_at { Ok(base + i) } else { Err(format!("no {i}")) }
                    },
                    3,
                )
                .await?;
                step("after").await;
                Ok(r)
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// `impl Trait` arguments: an iterator of owned trackers and a sink implementing `Extend`.
    p20_impl_trait_args {
        lower! {
            pub async fn pump(src: impl Iterator<Item = Tracker>, sink: &mut impl Extend<&'static str>, limit: usize) -> usize {
                let mut n = 0;
                for t in src.take(limit) {
                    step(t.name()).await;
                    sink.extend(Some(t.name()));
                    n += 1;
                }
                n
            }
        }
        lower! {
            pub async fn f(limit: usize) -> (usize, Vec<&'static str>) {
                let mut out = Vec::new();
                let src = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let n = pump(src.into_iter(), &mut out, limit).await;
                step("end").await;
                (n, out)
            }
        }
    }
    run { pair(f(2), f(5)) }
}

twin! {
    /// `&mut self` async methods on an account: `transfer` with `?`, a guard held across the
    /// awaits, a rollback on failure.
    p20_mut_self_account_transfer {
        pub struct Account { pub name: &'static str, pub balance: i64, pub log: Vec<String> }
        impl Account {
            lower! {
                pub async fn withdraw(&mut self, amt: i64) -> Result<i64, String> {
                    step("check").await;
                    if self.balance < amt {
                        return Err(format!("{} short by {}", self.name, amt - self.balance));
                    }
                    self.balance -= amt;
                    self.log.push(format!("-{amt}"));
                    Ok(self.balance)
                }
            }
            lower! {
                pub async fn transfer(&mut self, to: &mut Account, amt: i64) -> Result<(), String> {
                    let _lock = Tracker::new("lock");
                    self.withdraw(amt).await?;
                    step("send").await;
                    if to.name == "frozen" {
                        self.balance += amt;
                        self.log.push(format!("+{amt} rollback"));
                        return Err("frozen".to_string());
                    }
                    to.balance += amt;
                    to.log.push(format!("+{amt}"));
                    Ok(())
                }
            }
        }
        lower! {
            pub async fn f(amt: i64, dest: &'static str) -> (Result<(), String>, i64, Vec<String>) {
                let mut a = Account { name: "a", balance: 10, log: vec![] };
                let mut b = Account { name: dest, balance: 0, log: vec![] };
                let r = a.transfer(&mut b, amt).await;
                step("end").await;
                (r, a.balance + b.balance, a.log)
            }
        }
    }
    run { pair(pair(f(4, "b"), f(40, "b")), f(4, "frozen")) }
}

twin! {
    /// Early `return` and `?` inside nested labelled loops and a `match`, with guards at each
    /// level and awaits between.
    p20_early_return_nested_loops {
        fn parse(s: &str) -> Result<u32, String> { s.parse::<u32>().map_err(|e| format!("{s}: {e}")) }
        lower! {
            pub async fn f(rows: &'static [&'static [&'static str]]) -> Result<u32, String> {
                let _g = Tracker::new("outer");
                let mut total = 0;
                'rows: for (i, row) in rows.iter().enumerate() {
                    let _row = Tracker::new("row");
                    for cell in row.iter() {
                        let _cell = Tracker::new("cell");
                        step("cell").await;
                        match *cell {
                            "skip" => continue 'rows,
                            "stop" => return Ok(total),
                            c => {
                                let v = parse(c)?;
                                if v > 100 {
                                    break 'rows;
                                }
                                total += v + i as u32;
                            }
                        }
                    }
                }
                step("tail").await;
                Ok(total)
            }
        }
    }
    run { pair(pair(f(&[&["1", "skip", "9"], &["2", "3"]]), f(&[&["4"], &["x"]])), pair(f(&[&["1", "stop"]]), f(&[&["500", "1"], &["2"]]))) }
}

twin! {
    /// A panic mid-pipeline (an awaited `boom`) while owned buffers and closures sit in locals.
    p20_panic_mid_pipeline {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v[0];
                step("s1").await;
                log(r.name());
                let c = || eat(v);
                let _h = Tracker::new("h");
                let x = if k > 1 { boom("kaboom").await } else { leaf("fine", 1).await };
                x + c() as u32
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// A work queue of jobs carrying guards: failed jobs are pushed back with a count, a job
    /// that fails too often is dropped with a log line.
    p20_work_queue_requeue {
        pub struct Job { pub id: u32, pub tries: u32, pub guard: Tracker }
        lower! {
            pub async fn f(bad: u32) -> Vec<u32> {
                let mut q: VecDeque<Job> = VecDeque::new();
                for (id, name) in [(1, "j1"), (2, "j2"), (3, "j3")] {
                    q.push_back(Job { id, tries: 0, guard: Tracker::new(name) });
                }
                let mut done = Vec::new();
                while let Some(mut job) = q.pop_front() {
                    let ok = leaf("run", job.id != bad || job.tries >= 3).await;
                    if ok {
                        done.push(job.id);
                        continue;
                    }
                    job.tries += 1;
                    if job.tries > 1 {
                        log(format!("giving up on {}", job.guard.name()));
                        continue;
                    }
                    step("requeue").await;
                    q.push_back(job);
                }
                done
            }
        }
    }
    run { pair(f(2), f(9)) }
}

// Known gap: COMPILE (E0507): a temporary consumed by a `self` method whose name does not say it consumes (`n.to_string().leak()`) inside an awaited call's argument is spilled to a frame temporary and called through a reference (documented class: a `self` method taken to borrow).
#[cfg(feature = "known-gaps")]
twin! {
    /// A tokenizer over `&str` with awaits between tokens, returning `Err` via `?` from a
    /// helper, with the string's slices held across awaits.
    p20_tokenizer_over_str {
        fn num(s: &str) -> Result<i64, String> { s.parse().map_err(|_| format!("bad {s}")) }
        lower! {
            pub async fn f(src: &'static str) -> Result<i64, String> {
                let _g = Tracker::new("tok");
                let mut toks = src.split_whitespace().peekable();
                let mut acc = num(toks.next().ok_or("empty")?)?;
                while let Some(op) = toks.next() {
                    let rhs = toks.peek().copied().ok_or_else(|| format!("dangling {op}"))?;
                    step(op.len().to_string().leak()).await;
                    let v = num(rhs)?;
                    toks.next();
                    acc = match op {
                        "+" => acc + v,
                        "-" => acc - v,
                        "*" => acc * leaf("mul", v).await,
                        other => return Err(format!("op {other}")),
                    };
                }
                Ok(acc)
            }
        }
    }
    run { pair(pair(f("1 + 2 * 3"), f("4 - x")), pair(f("5 /"), f("6 % 2"))) }
}

twin! {
    /// `Option<impl FnOnce>` taken with `take()` after awaits, called once; the closure
    /// moves a slotted vector.
    p20_option_fnonce_take {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(n: u32) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let mut cb = Some(|| eat(v));
                let mut got = 0;
                for i in 0..n {
                    step("tick").await;
                    if i == 1 {
                        if let Some(cb) = cb.take() {
                            got = cb();
                        }
                    }
                }
                log(format!("left {}", cb.is_some()));
                got
            }
        }
    }
    run { pair(f(3), f(1)) }
}

twin! {
    /// An `FnOnce` closure moved into another closure that adds to its result, both kept
    /// across awaits; the outer one shadows the name.
    p20_fnonce_wrapped_in_closure {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let it = v.iter();
                step("s1").await;
                log(format!("{}", it.len()));
                let c = || eat(v);
                let _mid = Tracker::new("mid");
                let c = move || c() + k;
                step("s2").await;
                let n = c();
                step("s3").await;
                n
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Trait-object handlers returning boxed futures, dispatched by name, with guards.
    p20_trait_object_handlers {
        pub trait Handler {
            fn name(&self) -> &'static str;
            fn handle(&self, x: u32) -> Pin<Box<dyn Future<Output = u32> + '_>>;
        }
        pub struct Double(pub Tracker);
        pub struct AddName(pub Tracker);
        impl Handler for Double {
            fn name(&self) -> &'static str { self.0.name() }
            fn handle(&self, x: u32) -> Pin<Box<dyn Future<Output = u32> + '_>> { Box::pin(async move { step("double").await; x * 2 }) }
        }
        impl Handler for AddName {
            fn name(&self) -> &'static str { self.0.name() }
            fn handle(&self, x: u32) -> Pin<Box<dyn Future<Output = u32> + '_>> { Box::pin(async move { step("add").await; x + self.0.name().len() as u32 }) }
        }
        lower! {
            pub async fn f(route: &'static [&'static str]) -> u32 {
                let hs: Vec<Box<dyn Handler>> = vec![Box::new(Double(Tracker::new("dbl"))), Box::new(AddName(Tracker::new("adder")))];
                let mut x = 1;
                for r in route {
                    let Some(h) = hs.iter().find(|h| h.name() == *r) else {
                        log(format!("no route {r}"));
                        continue;
                    };
                    x = h.handle(x).await;
                }
                x
            }
        }
    }
    run { f(&["dbl", "nope", "adder", "dbl"]) }
}

twin! {
    /// A builder consumed by `build(self)` after awaits, with a guard per setting.
    p20_builder_consumed_after_awaits {
        pub struct Builder { pub parts: Vec<Tracker>, pub n: u32 }
        impl Builder {
            pub fn part(mut self, t: Tracker) -> Self { self.parts.push(t); self.n += 1; self }
            pub fn build(self) -> (u32, usize) { log("build"); (self.n, self.parts.len()) }
        }
        lower! {
            pub async fn f(k: u32) -> (u32, usize) {
                let mut b = Builder { parts: vec![], n: k };
                b = b.part(Tracker::new("p1"));
                step("s1").await;
                let b = b.part(Tracker::new("p2"));
                let extra = Tracker::new("extra");
                step("s2").await;
                let out = b.build();
                step("s3").await;
                drop(extra);
                out
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Minimal: a closure returning an `async move` block over a parameter and a local,
    /// given to an awaited generic call (the captured locals sit in frame slots).
    p20m_closure_returning_async_move_to_awaited_call {
        pub async fn call<F: FnMut(u32) -> Fut, Fut: Future<Output = u32>>(mut op: F) -> u32 { op(1).await + op(2).await }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _t = Tracker::new("t");
                let base = 10;
                let r = call(|i| async move { step("try").await; base + i + k }).await;
                r
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Control: the same with a `move` closure (it copies the captures in).
    p20_move_closure_returning_async_move_to_awaited_call {
        pub async fn call<F: FnMut(u32) -> Fut, Fut: Future<Output = u32>>(mut op: F) -> u32 { op(1).await + op(2).await }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _t = Tracker::new("t");
                let base = 10;
                let r = call(move |i| async move { step("try").await; base + i + k }).await;
                step("after").await;
                r + base
            }
        }
    }
    run { f(1) }
}

// Known gap: COMPILE (E0507): a temporary consumed by a `self` method whose name does not say it consumes (`n.to_string().leak()`) inside an awaited call's argument is spilled to a frame temporary and called through a reference (documented class: a `self` method taken to borrow).
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: a temporary `String` consumed by `leak()` inside an awaited call's argument.
    p20m_leak_temp_in_await_operand {
        lower! {
            pub async fn f(n: usize) -> usize {
                let _t = Tracker::new("t");
                step(n.to_string().leak()).await;
                n
            }
        }
    }
    run { f(12) }
}

twin! {
    /// Control: a temporary consumed by a method named `into_*` inside an awaited call's argument.
    p20_into_temp_in_await_operand {
        lower! {
            pub async fn f(n: usize) -> usize {
                let _t = Tracker::new("t");
                let s: &'static str = Box::leak(n.to_string().into_boxed_str());
                step(s).await;
                leaf("len", n.to_string().into_bytes()).await.len()
            }
        }
    }
    run { f(12) }
}

twin! {
    /// A closure moving a slotted vector called in one `match` arm; another arm awaits.
    p20_closure_moves_slot_in_match_arm {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(mode: u8) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v[1];
                step("s1").await;
                log(r.name());
                let c = || eat(v);
                let _g = Tracker::new("g");
                let n = match mode {
                    0 => c(),
                    1 => leaf("one", 1).await,
                    _ => { step("other").await; c() + 10 }
                };
                step("end").await;
                n
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A pinned, boxed `async` block (without `move`) eating a slotted vector, polled through
    /// `&mut` in a loop of awaits, finished later.
    p20_boxed_async_block_moves_slot_awaited_by_ref {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let mut fut = Box::pin(async { step("inner").await; eat(v) });
                let _g = Tracker::new("g");
                step("s2").await;
                let n = (&mut fut).await;
                drop(fut);
                step("s3").await;
                n + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// References pushed in a loop whose body awaits, then the vector of references dropped
    /// and each owner moved.
    p20_refs_pushed_in_awaiting_loop {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(k: usize) -> usize {
                let a = Tracker::new("a");
                let b = Tracker::new("bb");
                let c = Tracker::new("ccc");
                let mut seen: Vec<&Tracker> = Vec::with_capacity(3);
                for t in [&a, &b, &c] {
                    step(t.name()).await;
                    if t.name().len() != 2 {
                        seen.push(t);
                    }
                }
                let names: Vec<&str> = seen.iter().map(|t| t.name()).collect();
                log(names.join("|"));
                step("s2").await;
                eat1(c) + eat1(a) + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `Option::replace` storing references across awaits; then the first owner is moved.
    p20_option_replace_ref {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(k: usize) -> usize {
                let a = Tracker::new("a");
                let b = Tracker::new("bb");
                let mut slot: Option<&Tracker> = None;
                let prev = slot.replace(&a);
                log(format!("prev {}", prev.is_some()));
                step("s1").await;
                let old = slot.replace(&b).map(|t| t.name());
                step("s2").await;
                log(format!("old {old:?} now {:?}", slot.map(|t| t.name())));
                let n = eat1(a);
                step("s3").await;
                n + k + b.name().len()
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A struct index whose `Vec<&Tracker>` field receives references (`idx.items.push(&t)`),
    /// read after awaits; then the owners are moved into a consuming loop.
    p20_index_struct_field_push_ref {
        pub struct Index<'a> { pub items: Vec<&'a Tracker>, pub hits: u32 }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let owners = vec![Tracker::new("o1"), Tracker::new("o2")];
                let extra = Tracker::new("x");
                let mut idx = Index { items: Vec::new(), hits: k };
                idx.items.push(&extra);
                for o in owners.iter() {
                    idx.items.push(o);
                    step("index").await;
                }
                idx.hits += idx.items.len() as u32;
                step("s2").await;
                log(format!("{:?}", idx.items.iter().map(|t| t.name()).collect::<Vec<_>>()));
                let hits = idx.hits;
                for o in owners {
                    step(o.name()).await;
                }
                drop(extra);
                hits
            }
        }
    }
    run { f(0) }
}

twin! {
    /// Inline `format!` captures of locals and a consuming named argument, then the captured
    /// local moved after an await.
    p20_format_inline_captures_then_move {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(k: u32) -> String {
                let t = Tracker::new("t");
                let words = vec![String::from("a"), String::from("b")];
                let name = t.name();
                let s = format!("{name}/{k:03}/{w}", w = words.into_iter().collect::<Vec<_>>().concat());
                step("s1").await;
                let n = eat1(t);
                step("s2").await;
                format!("{s}:{n}")
            }
        }
    }
    run { f(7) }
}

twin! {
    /// `write!` with a named argument consuming an iterator held across an await, and
    /// `assert_ne!` consuming a `String` read after an await.
    p20_write_named_consumes_iter {
        use std::fmt::Write;
        lower! {
            pub async fn f(k: usize) -> String {
                let v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let it = v.iter().skip(k);
                let s = String::from("abc");
                step("s1").await;
                let mut out = String::new();
                write!(out, "{n} of {total}", n = it.count(), total = v.len()).unwrap();
                step("s2").await;
                log(format!("s {s}"));
                assert_ne!(s.into_bytes().len(), 0);
                step("s3").await;
                out
            }
        }
    }
    run { f(1) }
}

twin! {
    /// An `FnOnce` closure returning its owned tracker, called after an await; the result is
    /// held across another.
    p20_fnonce_returns_capture {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let t = Tracker::new("t");
                let make = move || { log("handing over"); t };
                let _h = Tracker::new("h");
                step("s1").await;
                let t2 = make();
                step("s2").await;
                log(t2.name());
                drop(t2);
                step("s3").await;
                k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A closure moving a slotted vector called inside an awaited call's operand.
    p20_closure_moves_slot_called_in_await_operand {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let c = || eat(v);
                let _g = Tracker::new("g");
                let n = leaf("x", c() + k).await;
                step("s2").await;
                n
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A `move` closure reading a field of a `Copy` struct (not the whole) while owning a
    /// tracker: natively `Fn`, called twice across awaits.
    p20_move_closure_copy_struct_field_read {
        #[derive(Clone, Copy)]
        pub struct Cfg { pub scale: u32, pub off: u32 }
        lower! {
            pub async fn f(scale: u32) -> u32 {
                let cfg = Cfg { scale, off: 1 };
                let t = Tracker::new("t");
                let g = move |x: u32| { log(format!("{}", t.name())); x * cfg.scale + cfg.off };
                step("s1").await;
                let a = g(1);
                let _after = Tracker::new("after");
                step("s2").await;
                a + g(2)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A defer guard (`Drop` running an `FnOnce` taken from an `Option`) held across awaits:
    /// the deferred closure runs at the end of scope, at an early return or on cancellation.
    p20_defer_guard_fnonce {
        pub struct Defer<F: FnOnce()>(pub Option<F>);
        impl<F: FnOnce()> Drop for Defer<F> {
            fn drop(&mut self) { if let Some(f) = self.0.take() { f() } }
        }
        lower! {
            pub async fn f(bail: bool) -> u32 {
                let t = Tracker::new("res");
                let _d = Defer(Some(move || { log("deferred"); drop(t) }));
                let _g = Tracker::new("g");
                let x = leaf("x", 3).await;
                if bail {
                    return x;
                }
                step("s2").await;
                x + 1
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// Subscriber callbacks in a `Vec<Box<dyn FnMut>>` that borrow a `RefCell` counter and a
    /// label, invoked between awaits; the callbacks drop before the counter is consumed.
    p20_callbacks_borrow_refcell {
        use std::cell::RefCell;
        lower! {
            pub async fn f(msgs: &'static [&'static str]) -> Vec<String> {
                let seen = RefCell::new(Vec::new());
                let label = Tracker::new("label");
                let mut subs: Vec<Box<dyn FnMut(&str) + '_>> = Vec::new();
                subs.push(Box::new(|m| seen.borrow_mut().push(format!("A {m}"))));
                subs.push(Box::new(|m| if m.len() > 2 { seen.borrow_mut().push(format!("{} {m}", label.name())) }));
                for m in msgs {
                    step(m).await;
                    for s in subs.iter_mut() {
                        s(m);
                    }
                }
                drop(subs);
                step("end").await;
                seen.into_inner()
            }
        }
    }
    run { f(&["hi", "hello"]) }
}

twin! {
    /// `futures::join!` of a leaf and an `async` block moving a tracker, then a closure moving
    /// a slotted vector called after.
    p20_join_then_fnonce {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a")];
                let r = &v;
                let t = Tracker::new("t");
                let (x, y) = futures::join!(leaf("x", k), async { step("y").await; let n = t.name().len(); drop(t); n });
                log(format!("{}", r.len()));
                let c = || eat(v);
                step("s2").await;
                x + y + c()
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A `HashMap<&str, &Tracker>` built by `insert` and `entry().or_insert`, a `remove`, then
    /// the map dropped and an owner moved, with awaits between each step.
    p20_hashmap_ref_insert_remove_then_move {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(k: usize) -> usize {
                let a = Tracker::new("a");
                let b = Tracker::new("bb");
                let mut m: HashMap<&str, &Tracker> = HashMap::new();
                m.insert("a", &a);
                step("s1").await;
                m.entry("b").or_insert(&b);
                m.entry("a").or_insert(&b);
                step("s2").await;
                let got = m.remove("a").map(|t| t.name());
                log(format!("{got:?} {}", m.len()));
                drop(m);
                step("s3").await;
                eat1(a) + eat1(b) + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A `best` reference updated inside a `while let` over a queue with awaits, then the
    /// queue's owner consumed and a result returned early on a match.
    p20_best_ref_in_while_let_early_return {
        lower! {
            pub async fn f(target: &'static str) -> Result<&'static str, String> {
                let pool = vec![Tracker::new("aa"), Tracker::new("b"), Tracker::new("cccc")];
                let mut q: VecDeque<&Tracker> = pool.iter().collect();
                let mut best: Option<&Tracker> = None;
                while let Some(t) = q.pop_front() {
                    step(t.name()).await;
                    if t.name() == target {
                        return Ok(t.name());
                    }
                    if best.map_or(true, |b| t.name().len() > b.name().len()) {
                        best = Some(t);
                    }
                }
                let b = best.ok_or("empty")?.name();
                step("tail").await;
                let total: usize = pool.into_iter().map(|t| t.name().len()).sum();
                Err(format!("{b} of {total}"))
            }
        }
    }
    run { pair(f("b"), f("zz")) }
}

twin! {
    /// A closure without `move` moving two slotted locals (a vector and a string) and naming
    /// a third by reference; made inside a block, returned out of it, called after awaits.
    p20_closure_from_block_moves_two_slots {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> String {
                let tag = String::from("tag");
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let s = String::from("sss");
                let (rv, rs) = (&v, &s);
                step("s1").await;
                log(format!("{} {}", rv.len(), rs.len()));
                let c = {
                    let _inner = Tracker::new("inner");
                    || format!("{}:{}:{}", tag, eat(v), s)
                };
                step("s2").await;
                let out = c();
                step("s3").await;
                format!("{out}/{k}/{tag}")
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Minimal: a closure without `move` whose body moves a slotted vector inside `format!`
    /// arguments.
    p20m_closure_format_arg_moves_slot {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> String {
                let v = vec![Tracker::new("a")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let c = || format!("{}", eat(v));
                step("s2").await;
                c() + &k.to_string()
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Control: the same closure made as a block's tail, moving outside any macro.
    p20_closure_from_block_moves_slot {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let c = {
                    let _inner = Tracker::new("inner");
                    || eat(v) + 1
                };
                step("s2").await;
                c() + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Minimal: `futures::join!` with an `async` block (no `move`) dropping a tracker.
    p20m_join_async_block_moves_local {
        lower! {
            pub async fn f(k: usize) -> usize {
                let t = Tracker::new("t");
                let (x, y) = futures::join!(leaf("x", k), async { step("y").await; drop(t); 1 });
                step("s2").await;
                x + y
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Control: the same with `async move`.
    p20_join_async_move_block_moves_local {
        lower! {
            pub async fn f(k: usize) -> usize {
                let t = Tracker::new("t");
                let (x, y) = futures::join!(leaf("x", k), async move { step("y").await; drop(t); 1 });
                step("s2").await;
                x + y
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Variant: a `let`-bound boxed `FnOnce` (typed) called, then an await.
    p20_let_boxed_fnonce_call_then_await {
        lower! {
            pub async fn f(k: usize) -> usize {
                let t = Tracker::new("t");
                let c: Box<dyn FnOnce() -> usize> = Box::new(move || { log("call"); t.name().len() });
                let _g = Tracker::new("g");
                let n = c();
                step("s").await;
                n + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Variant: boxed `FnOnce`s popped by `while let`, each called, then an await.
    p20_while_let_pop_fnonce_call_then_await {
        lower! {
            pub async fn f(k: usize) -> usize {
                let a = Tracker::new("a");
                let b = Tracker::new("bb");
                let mut cs: Vec<Box<dyn FnOnce() -> usize>> = Vec::new();
                cs.push(Box::new(move || a.name().len()));
                cs.push(Box::new(move || b.name().len()));
                let mut total = k;
                while let Some(c) = cs.pop() {
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
    /// References collected and sorted by key across awaits, dropped, then the owners
    /// consumed; a tuple vector of `(len, &Tracker)` too.
    p20_sorted_refs_then_consume {
        lower! {
            pub async fn f(k: usize) -> usize {
                let items = vec![Tracker::new("ccc"), Tracker::new("a"), Tracker::new("bb")];
                let mut refs: Vec<&Tracker> = items.iter().collect();
                refs.sort_by_key(|t| t.name());
                let mut pairs = Vec::new();
                for t in &items {
                    pairs.push((t.name().len(), t));
                }
                pairs.sort_by(|a, b| b.0.cmp(&a.0));
                step("s1").await;
                log(format!("{:?}", refs.iter().map(|t| t.name()).collect::<Vec<_>>()));
                log(format!("{:?}", pairs.iter().map(|p| p.1.name()).collect::<Vec<_>>()));
                drop(refs);
                step("s2").await;
                let mut n = k;
                for t in items {
                    n += t.name().len();
                    step("eat").await;
                }
                n
            }
        }
    }
    run { f(0) }
}

twin! {
    /// A closure moving a slotted vector and reading a slotted `Copy` local by value; the
    /// `Copy` local read again after the call.
    p20_closure_moves_slot_and_copies_slot {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(base: usize) -> usize {
                let k = base + 2;
                let rk = &k;
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let rv = &v;
                step("s1").await;
                log(format!("{rk} {}", rv.len()));
                let c = || eat(v) + k;
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
    /// `async { drop(v) }` over a slotted vector never awaited: dropped explicitly after an
    /// await (the vector drops with it, unpolled).
    p20_async_block_moves_slot_never_awaited {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v[0];
                step("s1").await;
                log(r.name());
                let fut = async { drop(v); log("never") };
                let _g = Tracker::new("g");
                step("s2").await;
                drop(fut);
                step("s3").await;
                k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A rate limiter struct with a boxed `FnMut` deny hook capturing a counter cell, driven
    /// by a `&mut self` async method in a loop with early exit.
    p20_limiter_with_deny_hook {
        use std::cell::Cell;
        pub struct Limiter<'a> { pub budget: u32, pub on_deny: Box<dyn FnMut(&str) + 'a>, pub guard: Tracker }
        impl<'a> Limiter<'a> {
            lower! {
                pub async fn admit(&mut self, who: &'static str) -> bool {
                    step(who).await;
                    if self.budget == 0 {
                        (self.on_deny)(who);
                        return false;
                    }
                    self.budget -= 1;
                    true
                }
            }
        }
        lower! {
            pub async fn f(budget: u32) -> (u32, u32) {
                let denied = Cell::new(0u32);
                let mut lim = Limiter { budget, on_deny: Box::new(|w| { log(format!("deny {w}")); denied.set(denied.get() + 1) }), guard: Tracker::new("lim") };
                let mut ok = 0;
                for who in ["a", "b", "c", "d"] {
                    if lim.admit(who).await {
                        ok += 1;
                    } else if denied.get() >= 2 {
                        break;
                    }
                }
                log(lim.guard.name());
                drop(lim);
                step("end").await;
                (ok, denied.get())
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// A slotted vector shadowed by its own consumption (`let v = v.into_iter().rev()..`)
    /// after an await, the new binding borrowed across another.
    p20_shadow_slot_by_consumption {
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let r = &v[2];
                step("s1").await;
                log(r.name());
                let v: Vec<Tracker> = v.into_iter().rev().skip(k).collect();
                let r = v.first().map(|t| t.name());
                step("s2").await;
                log(format!("{r:?}"));
                v.len()
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A closure moving a slotted vector then panicking, called after an await: the vector
    /// drops inside the call, the rest unwinds.
    p20_closure_moves_slot_then_panics {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f(limit: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let c = || { let n = eat(v); if n > limit { panic!("too many: {n}") } n };
                let _g = Tracker::new("g");
                step("s2").await;
                c()
            }
        }
    }
    run { pair(f(5), f(1)) }
}

twin! {
    /// An `FnOnce` closure moving a tracker given to a lowered generic async fn that awaits
    /// before calling it.
    p20_fnonce_to_lowered_generic {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn run_after<F: FnOnce() -> usize>(label: &'static str, f: F) -> usize {
                let _g = Tracker::new("runner");
                step(label).await;
                let n = f();
                step("after-call").await;
                n
            }
        }
        lower! {
            pub async fn f(k: usize) -> usize {
                let t = Tracker::new("t");
                let u = Tracker::new("u");
                let a = run_after("a", || eat1(t)).await;
                let b = run_after("b", move || eat1(u) + k).await;
                a + b
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A pub/sub bus: topics map to subscriber lists of references to owned mailboxes;
    /// publishing awaits per delivery; the bus dropped before the mailboxes are consumed.
    p20_pubsub_bus_refs {
        use std::cell::RefCell;
        pub struct Mailbox { pub name: &'static str, pub msgs: RefCell<Vec<String>>, pub guard: Tracker }
        lower! {
            pub async fn f(k: u32) -> Vec<(&'static str, usize)> {
                let boxes = vec![
                    Mailbox { name: "m1", msgs: RefCell::new(vec![]), guard: Tracker::new("m1") },
                    Mailbox { name: "m2", msgs: RefCell::new(vec![]), guard: Tracker::new("m2") },
                ];
                let mut bus: BTreeMap<&str, Vec<&Mailbox>> = BTreeMap::new();
                bus.entry("news").or_default().push(&boxes[0]);
                bus.entry("news").or_default().push(&boxes[1]);
                bus.entry("ops").or_default().push(&boxes[1]);
                for (topic, n) in [("news", 1), ("ops", 2), ("none", 3)] {
                    let Some(subs) = bus.get(topic) else { log(format!("no {topic}")); continue };
                    for s in subs {
                        step(s.name).await;
                        s.msgs.borrow_mut().push(format!("{topic} {}", n + k));
                    }
                }
                drop(bus);
                step("drain").await;
                boxes.into_iter().map(|b| (b.name, b.msgs.into_inner().len())).collect()
            }
        }
    }
    run { f(0) }
}

twin! {
    /// Minimal: a reference pushed through a receiver chain (`m.entry(k).or_default().push(&a)`),
    /// the map read after an await.
    p20m_ref_pushed_through_entry_chain {
        lower! {
            pub async fn f(k: u32) -> usize {
                let a = Tracker::new("a");
                let mut m: BTreeMap<u32, Vec<&Tracker>> = BTreeMap::new();
                m.entry(k).or_default().push(&a);
                step("s1").await;
                m.len()
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Minimal: a closure without `move` moving a tracker, given to a lowered generic async
    /// fn in the awaited call.
    p20m_plain_fnonce_arg_to_awaited_call {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn run_after<F: FnOnce() -> usize>(f: F) -> usize {
                step("in").await;
                f()
            }
        }
        lower! {
            pub async fn f(k: usize) -> usize {
                let t = Tracker::new("t");
                let a = run_after(|| eat1(t)).await;
                a + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Variant: a `move` closure moving a tracker, given to the same awaited call.
    p20_move_fnonce_arg_to_awaited_call {
        fn eat1(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn run_after<F: FnOnce() -> usize>(f: F) -> usize {
                step("in").await;
                f()
            }
        }
        lower! {
            pub async fn f(k: usize) -> usize {
                let u = Tracker::new("u");
                let b = run_after(move || eat1(u) + k).await;
                b
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A constructor that returns a box: a `move` closure naming one field of it.
    p20_boxed_constructor_field_in_move_closure {
        pub struct BoxNode { pub name: String, pub t: Tracker }
        impl BoxNode {
            pub fn new(name: &str) -> Box<BoxNode> {
                Box::new(BoxNode { name: name.to_string(), t: Tracker::new("node.t") })
            }
        }
        lower! {
            pub async fn f() -> usize {
                let n = BoxNode::new("nm");
                let c = move || n.name.len();
                step("s").await;
                let k = c();
                step("t").await;
                k
            }
        }
    }
    run { f() }
}

twin! {
    /// A retry helper given a closure that borrows a local used nowhere else.
    p20_retry_closure_borrows_input {
        pub async fn retry_twice<F: FnMut() -> Fut, Fut: Future<Output = usize>>(mut f: F) -> usize {
            let a = f().await;
            a + f().await
        }
        pub async fn fetch(url: &str) -> usize { step("fetch").await; url.len() }
        lower! {
            pub async fn f() -> usize {
                let url = String::from("u");
                let t = Tracker::new("t");
                let n = retry_twice(|| fetch(&url)).await;
                log(format!("{t:?}"));
                n
            }
        }
    }
    run { f() }
}
