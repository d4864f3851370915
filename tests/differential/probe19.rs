//! Probe round 19: code a working Rust programmer writes, mixed: closures and async blocks
//! over locals that a reference or an iterator keeps borrowed across an await (frame
//! slots), everyday service code (handlers with `?`, retry loops, parsers over `&str`,
//! map entry APIs, combinators, let chains, labelled loops, trait objects), and drops that
//! must land exactly (scrutinee and tail temporaries, shadowing, drains, early returns,
//! panics, cancellation at each await).
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};

twin! {
    /// A `move` closure taking a vector that a reference borrowed across an earlier await.
    p19_move_closure_takes_slot_vec {
        lower! {
            pub async fn f(n: u32) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let first = &v[0];
                step("s1").await;
                log(format!("first {}", first.name()));
                let eat = move || { log("eating"); v.len() };
                let _g = Tracker::new("g");
                step("s2").await;
                eat() + n as usize
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A reading closure over a local borrowed across an await, called before and after
    /// more awaits; the local drops at the end of its scope.
    p19_reading_closure_over_slot_local {
        lower! {
            pub async fn f(min: usize) -> (usize, usize) {
                let names = vec![Tracker::new("alpha"), Tracker::new("be"), Tracker::new("gamma")];
                let it = names.iter();
                step("s1").await;
                let total = it.count();
                let long = || names.iter().filter(|t| t.name().len() > min).count();
                let a = long();
                step("s2").await;
                let b = long() + leaf("x", 1).await;
                log(format!("{total}"));
                (a, b)
            }
        }
    }
    run { pair(f(2), f(4)) }
}

twin! {
    /// A counter borrowed mutably across an await, then bumped by a closure, read after.
    p19_mut_closure_counter_after_borrow {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _t = Tracker::new("t");
                let mut n = 0u32;
                let p = &mut n;
                step("s1").await;
                *p += k;
                let mut bump = || n += 1;
                bump();
                bump();
                step("s2").await;
                n + leaf("z", 0).await
            }
        }
    }
    run { f(5) }
}

twin! {
    /// `Copy` locals borrowed across an await, used by value in a `move` closure, read again.
    p19_copy_local_in_move_closure_read_again {
        lower! {
            pub async fn f(base: u32) -> u32 {
                let k = base * 2;
                let rk = &k;
                let t = Tracker::new("t");
                step("s1").await;
                let add = move |x: u32| x + k;
                let y = add(leaf("y", 1).await);
                log(format!("rk {rk} k {k} {}", t.name()));
                step("s2").await;
                y + k + add(0)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Boxed closures in a `Vec`, each owning a tracker, called between awaits; one popped.
    p19_vec_of_boxed_closures {
        lower! {
            pub async fn f(x: u32) -> u32 {
                let mut hs: Vec<Box<dyn Fn(u32) -> u32>> = Vec::new();
                for i in 0..3u32 {
                    let t = Tracker::new(["h0", "h1", "h2"][i as usize]);
                    hs.push(Box::new(move |v| { log(format!("{} sees {v}", t.name())); v + i }));
                    step("push").await;
                }
                let mut acc = x;
                for h in hs.iter() {
                    acc = h(leaf("in", acc).await);
                }
                let last = hs.pop();
                step("after pop").await;
                drop(last);
                acc
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A retry policy in a struct holding a `FnMut` closure and backoff state, driven by a
    /// `&mut self` async method.
    p19_retry_struct_with_closure {
        pub struct Retry<F: FnMut(u32) -> Result<u32, String>> { pub op: F, pub tries: u32, pub backoff: u32, pub t: Tracker }
        impl<F: FnMut(u32) -> Result<u32, String>> Retry<F> {
            pub fn attempt(&mut self) -> Result<u32, String> { self.tries += 1; (self.op)(self.tries) }
        }
        lower! {
            pub async fn f(fail_until: u32) -> Result<u32, String> {
                let mut seen = Vec::new();
                let mut r = Retry {
                    op: |n: u32| if n < fail_until { Err(format!("try {n}")) } else { Ok(n * 10) },
                    tries: 0,
                    backoff: 1,
                    t: Tracker::new("retry"),
                };
                loop {
                    match r.attempt() {
                        Ok(v) => break Ok(v + seen.len() as u32),
                        Err(e) if r.tries >= 4 => return Err(e),
                        Err(e) => {
                            seen.push(e);
                            leaf("sleep", r.backoff).await;
                            r.backoff *= 2;
                        }
                    }
                }
            }
        }
    }
    run { pair(f(3), f(9)) }
}

twin! {
    /// Iterator adapters with closures reading a local kept borrowed across awaits:
    /// `retain`, `sort_by_key`, `fold`, `map`.
    p19_adapters_between_awaits {
        lower! {
            pub async fn f(skip: &'static str) -> u32 {
                let mut items = vec![Tracker::new("c"), Tracker::new("aa"), Tracker::new("b"), Tracker::new("ddd")];
                let s = &skip;
                step("s1").await;
                items.retain(|t| t.name() != *s);
                step("s2").await;
                items.sort_by_key(|t| t.name().len());
                let total = items.iter().fold(0u32, |a, t| a + t.name().len() as u32);
                let lens: Vec<usize> = items.iter().map(|t| t.name().len()).collect();
                let w = leaf("w", total).await;
                log(format!("{lens:?} {s}"));
                w
            }
        }
    }
    run { pair(f("b"), f("zz")) }
}

twin! {
    /// A boxed `FnOnce` made before an await and called after it; cancelled at the await it
    /// drops with its capture.
    p19_boxed_fnonce_across_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker::new("cap");
                let finish: Box<dyn FnOnce(u32) -> u32> = Box::new(move |x| { log(format!("finish {}", t.name())); x + 1 });
                let _g = Tracker::new("g");
                let x = leaf("x", n).await;
                let r = finish(x);
                step("after").await;
                r
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A closure returning a closure, the inner one capturing a `Copy` value and the outer
    /// reading a string kept across an await.
    p19_closure_returning_closure {
        lower! {
            pub async fn f(text: String) -> Vec<u32> {
                let parts: Vec<&str> = text.split(',').collect();
                step("s1").await;
                let pl = &parts;
                let mk = |k: u32| move |x: u32| x * k + pl.len() as u32;
                let twice = mk(2);
                let thrice = mk(3);
                let a = twice(leaf("a", 1).await);
                let b = thrice(leaf("b", 2).await);
                let _t = Tracker::new("t");
                step("s2").await;
                vec![a, b, parts[0].len() as u32]
            }
        }
    }
    run { f("ab,c,def".to_string()) }
}

twin! {
    /// A request handler with `?` and `From` conversions inside a loop.
    p19_handler_question_from_in_loop {
        #[derive(Debug)]
        pub enum AppErr { Parse(String), Db(u32) }
        impl From<std::num::ParseIntError> for AppErr { fn from(e: std::num::ParseIntError) -> Self { AppErr::Parse(e.to_string()) } }
        #[derive(Debug)]
        pub struct DbErr(pub u32);
        impl From<DbErr> for AppErr { fn from(e: DbErr) -> Self { AppErr::Db(e.0) } }
        pub async fn store(k: u32) -> Result<u32, DbErr> { let v = leaf("store", k).await; if v == 13 { Err(DbErr(v)) } else { Ok(v * 2) } }
        lower! {
            pub async fn handle(body: &'static str) -> Result<u32, AppErr> {
                let _req = Tracker::new("req");
                let mut sum = 0;
                for field in body.split('&') {
                    let _span = Tracker::new("span");
                    let n: u32 = field.trim().parse()?;
                    sum += store(n).await?;
                    step("commit").await;
                }
                Ok(sum)
            }
        }
    }
    run { pair(pair(handle("1&2"), handle("3&x")), handle("4&13&5")) }
}

twin! {
    /// A parser over lines of a `String` held across awaits: `lines`, `split_once`,
    /// `chars().peekable()` with the iterator alive across an await.
    p19_parser_lines_peekable {
        lower! {
            pub async fn f(src: String) -> Vec<(String, u32)> {
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for line in src.lines() {
                    let Some((k, v)) = line.split_once('=') else {
                        step("skip").await;
                        continue;
                    };
                    let mut cs = v.chars().peekable();
                    let mut n = 0u32;
                    while let Some(c) = cs.next() {
                        if c.is_ascii_digit() {
                            n = n * 10 + c.to_digit(10).unwrap();
                        }
                        if cs.peek() == Some(&'!') {
                            step("bang").await;
                        }
                    }
                    out.push((k.to_string(), leaf("val", n).await));
                }
                out
            }
        }
    }
    run { f("a=12\nnoise\nb=3!4\n".to_string()) }
}

twin! {
    /// `HashMap`/`BTreeMap` entry APIs between awaits, the maps owning trackers.
    p19_map_entries_between_awaits {
        lower! {
            pub async fn f(words: &'static str) -> Vec<(String, usize)> {
                let mut counts: HashMap<&str, usize> = HashMap::new();
                let mut owners: BTreeMap<usize, Vec<Tracker>> = BTreeMap::new();
                for w in words.split_whitespace() {
                    *counts.entry(w).or_insert(0) += leaf("w", 1).await;
                    owners.entry(w.len()).or_default().push(Tracker::new("o"));
                    if let Some(c) = counts.get_mut(w) && *c > 1 {
                        step("dup").await;
                        *c += 10;
                    }
                }
                step("end").await;
                let first = owners.pop_first();
                let mut v: Vec<(String, usize)> = counts.into_iter().map(|(k, c)| (k.to_string(), c)).collect();
                v.sort();
                log(format!("first {:?}", first.as_ref().map(|(k, ts)| (k, ts.len()))));
                v
            }
        }
    }
    run { f("a bb a c bb a") }
}

twin! {
    /// `Option`/`Result` combinators on locals read after awaits.
    p19_combinators_after_awaits {
        lower! {
            pub async fn f(a: Option<u32>, s: &'static str) -> (u32, u32, String, u32) {
                let t = Tracker::new("t");
                let b: Result<u32, String> = s.parse::<u32>().map_err(|e| e.to_string());
                step("s1").await;
                let x = a.map_or(0, |v| v + 1);
                let y = b.as_ref().ok().and_then(|v| v.checked_sub(1)).unwrap_or_default();
                let z = a.ok_or_else(|| format!("none {}", t.name())).map(|v| v.to_string()).unwrap_or_else(|e| e);
                let w = leaf("w", b.clone().unwrap_or(7)).await;
                (x, y, format!("{z:?}"), w)
            }
        }
    }
    run { pair(f(Some(3), "5"), f(None, "q")) }
}

twin! {
    /// `let .. else` and let chains over locals kept across awaits, `break 'outer value`.
    p19_let_else_chain_labelled {
        lower! {
            pub async fn f(grid: Vec<Vec<u32>>, target: u32) -> Option<(usize, usize)> {
                let _g = Tracker::new("g");
                let found = 'outer: {
                    for (i, row) in grid.iter().enumerate() {
                        let _r = Tracker::new("row");
                        for (j, &c) in row.iter().enumerate() {
                            let v = leaf("cell", c).await;
                            if let Some(d) = v.checked_sub(target) && d == 0 {
                                break 'outer Some((i, j));
                            }
                        }
                        step("row end").await;
                    }
                    None
                };
                let Some((i, j)) = found else {
                    step("missing").await;
                    return None;
                };
                Some((i, j + leaf("j", 0).await))
            }
        }
    }
    run { pair(f(vec![vec![1, 2], vec![3, 4]], 3), f(vec![vec![1]], 9)) }
}

twin! {
    /// `match` guards that read a local borrowed across awaits.
    p19_match_guards_read_slot {
        pub enum Msg { Ping(u32), Data(Tracker, u32), Quit }
        lower! {
            pub async fn f(msgs: Vec<Msg>) -> u32 {
                let limits = vec![2u32, 5];
                let lim = &limits;
                let mut acc = 0;
                for m in msgs {
                    match m {
                        Msg::Ping(n) if n > lim[0] => acc += leaf("ping big", n).await,
                        Msg::Ping(n) => acc += n,
                        Msg::Data(t, n) if lim.contains(&n) => { step("data").await; log(format!("keep {}", t.name())); acc += n }
                        Msg::Data(_t, n) => { acc += leaf("other", n).await }
                        Msg::Quit => break,
                    }
                }
                acc + lim.len() as u32
            }
        }
    }
    run { f(vec![Msg::Ping(1), Msg::Ping(3), Msg::Data(Tracker("d5"), 5), Msg::Data(Tracker("d7"), 7), Msg::Quit, Msg::Data(Tracker("d9"), 9)]) }
}

twin! {
    /// A trait object `&dyn Trait` and a `Box<dyn Fn>` kept across awaits.
    p19_dyn_trait_and_box_fn {
        pub trait Scorer { fn score(&self, x: u32) -> u32; }
        pub struct Mul(pub u32, pub Tracker);
        impl Scorer for Mul { fn score(&self, x: u32) -> u32 { x * self.0 } }
        lower! {
            pub async fn f(s: &dyn Scorer, xs: Vec<u32>) -> u32 {
                let t = Tracker::new("fmt");
                let fmt: Box<dyn Fn(u32) -> String> = Box::new(move |v| format!("{}={v}", t.name()));
                let mut total = 0;
                for x in xs {
                    let y = s.score(leaf("x", x).await);
                    log(fmt(y));
                    total += y;
                }
                step("end").await;
                total
            }
        }
    }
    run { f(leak(Mul(3, Tracker("mul"))), vec![1, 2]) }
}

twin! {
    /// Temporaries in `match`/`if let` scrutinees holding a tracker, with awaits in arms.
    p19_scrutinee_temporaries {
        pub enum Kind { A, B(u32) }
        pub struct Made { pub kind: Kind, pub t: Tracker }
        pub fn make(n: u32) -> Made { Made { kind: if n > 1 { Kind::B(n) } else { Kind::A }, t: Tracker::new("made") } }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let a = match make(n).kind {
                    Kind::A => { step("a").await; 0 }
                    Kind::B(k) => leaf("b", k).await,
                };
                let _mid = Tracker::new("mid");
                let b = if let Kind::B(k) = make(n + 1).kind { leaf("c", k).await } else { 0 };
                a + b
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// Shadowed locals: each earlier binding lives to the end of its scope.
    p19_shadowing_drops {
        lower! {
            pub async fn f(n: u32) -> &'static str {
                let x = Tracker::new("x1");
                step("s1").await;
                let x = (x, Tracker::new("x2"));
                step("s2").await;
                let x = { let (a, b) = x; drop(a); leaf("b", b).await };
                let x = x.name();
                step("s3").await;
                if n > 1 { return x; }
                let _y = Tracker::new("y");
                step("s4").await;
                x
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// Trackers moved into a `Vec`, part of it drained, the rest kept across awaits.
    p19_vec_partly_drained {
        lower! {
            pub async fn f(k: usize) -> usize {
                let a = Tracker::new("a");
                let b = Tracker::new("b");
                let mut v = vec![a, b, Tracker::new("c"), Tracker::new("d")];
                let head: Vec<Tracker> = v.drain(..k).collect();
                step("s1").await;
                let n = head.len();
                drop(head);
                step("s2").await;
                let tail = v.split_off(1);
                leaf("n", n).await + tail.len() + v.len()
            }
        }
    }
    run { pair(f(1), f(3)) }
}

twin! {
    /// Early return from inside a nested loop with trackers at each level.
    p19_early_return_nested_loop {
        lower! {
            pub async fn f(stop: u32) -> u32 {
                let _outer = Tracker::new("outer");
                for i in 0..3u32 {
                    let _row = Tracker::new("row");
                    let mut j = 0;
                    while j < 3 {
                        let _cell = Tracker::new("cell");
                        let v = leaf("v", i * 3 + j).await;
                        if v == stop { return v * 100; }
                        j += 1;
                    }
                    step("row").await;
                }
                0
            }
        }
    }
    run { pair(f(4), f(99)) }
}

twin! {
    /// A panic at an await while a closure holds a borrow of a slot local and a `Vec` of
    /// trackers is half built.
    p19_panic_with_closure_and_vec {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let names = vec![Tracker::new("n1"), Tracker::new("n2")];
                let r = &names;
                step("s1").await;
                let count = || r.len() as u32;
                let mut built = vec![Tracker::new("b1")];
                let x = if n > 1 { boom("bang").await } else { leaf("ok", count()).await };
                built.push(Tracker::new("b2"));
                x + built.len() as u32
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// An `async move` block taking a local that a reference borrowed across an earlier
    /// await, awaited later; another dropped unpolled.
    p19_async_move_takes_slot_local {
        lower! {
            pub async fn f(n: u32) -> usize {
                let v = vec![Tracker::new("v1"), Tracker::new("v2")];
                let r = &v;
                step("s1").await;
                let len = r.len();
                let job = async move { step("job").await; let k = v.len(); drop(v); k };
                let t = Tracker::new("t");
                let never = async move { log(format!("never {}", t.name())); };
                let out = leaf("n", n as usize).await + job.await + len;
                drop(never);
                out
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A non-`move` async block that only reads a local borrowed across awaits, awaited
    /// twice in a loop (made fresh each iteration).
    p19_async_block_reads_slot_local {
        lower! {
            pub async fn f(xs: Vec<u32>) -> u32 {
                let _g = Tracker::new("g");
                let table = vec![10u32, 20, 30];
                let it = table.iter();
                step("s").await;
                let skip = it.len();
                let mut acc = 0;
                for x in xs {
                    let probe = async { leaf("probe", table[x as usize % 3]).await + skip as u32 };
                    acc += probe.await;
                }
                acc
            }
        }
    }
    run { f(vec![0, 1, 5]) }
}

twin! {
    /// A `move` closure capturing a `Copy` counter and a `String`, the counter read after.
    p19_move_closure_copy_and_string {
        lower! {
            pub async fn f(prefix: String) -> (String, u32) {
                let mut hits = 0u32;
                let p = &prefix;
                step("s1").await;
                hits += p.len() as u32;
                let label = move |i: u32| format!("{prefix}-{i}-{hits}");
                hits += 1;
                let a = label(leaf("a", 1).await);
                step("s2").await;
                (a, hits)
            }
        }
    }
    run { f("req".to_string()) }
}

twin! {
    /// A struct with several fields driven by `&mut self` async methods, one of which
    /// keeps a borrow of a field across an await.
    p19_mut_self_service {
        pub struct Svc { pub name: String, pub queue: VecDeque<Tracker>, pub done: Vec<&'static str>, pub budget: u32 }
        impl Svc {
            lower! {
                pub async fn drain(&mut self, max: usize) -> usize {
                    let name = &self.name;
                    step("start").await;
                    let mut n = 0;
                    while let Some(t) = self.queue.pop_front() {
                        if n == max || self.budget == 0 { self.queue.push_front(t); break; }
                        self.budget -= leaf("cost", 1).await;
                        self.done.push(t.name());
                        n += 1;
                    }
                    log(format!("{name} drained {n}"));
                    n
                }
            }
        }
        lower! {
            pub async fn f(budget: u32) -> (usize, usize, Vec<&'static str>) {
                let mut s = Svc { name: "svc".into(), queue: VecDeque::from(vec![Tracker::new("q1"), Tracker::new("q2"), Tracker::new("q3")]), done: vec![], budget };
                let a = s.drain(2).await;
                let b = s.drain(5).await;
                (a, b, s.done.clone())
            }
        }
    }
    run { pair(f(9), f(1)) }
}

twin! {
    /// Generic helpers and `impl Trait` arguments between awaits.
    p19_generic_helpers_impl_trait {
        pub fn pick<T: Clone>(xs: &[T], i: usize) -> Option<T> { xs.get(i).cloned() }
        pub async fn sum_all(it: impl IntoIterator<Item = u32>) -> u32 { let mut s = 0; for x in it { s += leaf("it", x).await; } s }
        lower! {
            pub async fn f<F: Fn(u32) -> bool>(keep: F, xs: Vec<u32>) -> u32 {
                let _g = Tracker::new("g");
                let kept: Vec<u32> = xs.iter().copied().filter(|x| keep(*x)).collect();
                let first = pick(&kept, 0).unwrap_or(0);
                let s = sum_all(kept.iter().map(|x| x * 2)).await;
                step("s").await;
                s + first + pick(&xs, 9).unwrap_or_default()
            }
        }
    }
    run { f(|x| x % 2 == 1, vec![1, 2, 3, 5]) }
}

twin! {
    /// Tail-expression temporaries holding trackers: a method call on a made value in the
    /// tail after awaits.
    p19_tail_temporaries {
        pub struct Holder(pub Tracker, pub u32);
        impl Holder { pub fn get(&self) -> u32 { self.1 } }
        pub fn holder(n: u32) -> Holder { Holder(Tracker::new("tmp"), n) }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                let x = leaf("x", n).await;
                let _b = Tracker::new("b");
                step("s").await;
                holder(x).get() + holder(1).get()
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A block whose tail is a temporary's method call after an await in the block.
    p19_block_tail_temporary {
        pub struct Holder(pub Tracker, pub u32);
        impl Holder { pub fn get(&self) -> u32 { self.1 } }
        pub fn holder(n: u32) -> Holder { Holder(Tracker::new("tmp"), n) }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let v = {
                    let _inner = Tracker::new("inner");
                    let k = leaf("k", n).await;
                    holder(k).get()
                };
                step("after").await;
                v
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `HashMap` of trackers with `entry().and_modify().or_insert_with()` between awaits,
    /// removal, and the map's survivors dropped at the end.
    p19_entry_and_modify_trackers {
        lower! {
            pub async fn f(keys: Vec<u32>) -> Vec<u32> {
                let mut m: BTreeMap<u32, (Tracker, u32)> = BTreeMap::new();
                for k in keys {
                    let bump = leaf("bump", 1).await;
                    m.entry(k % 3).and_modify(|e| e.1 += bump).or_insert_with(|| (Tracker::new("slot"), bump));
                }
                step("mid").await;
                if let Some((t, n)) = m.remove(&1) { log(format!("removed {} {n}", t.name())); }
                step("end").await;
                m.values().map(|e| e.1).collect()
            }
        }
    }
    run { f(vec![1, 2, 4, 5, 7, 3]) }
}

twin! {
    /// A `while let` over a `Peekable` of a `split` iterator kept across awaits, building
    /// tokens, with `break` on a sentinel.
    p19_tokenizer_peekable_split {
        #[derive(Debug)]
        pub enum Tok { Num(u32), Word(String) }
        lower! {
            pub async fn f(src: &'static str) -> Vec<Tok> {
                let _g = Tracker::new("g");
                let mut it = src.split(' ').filter(|s| !s.is_empty()).peekable();
                let mut out = vec![];
                while let Some(w) = it.next() {
                    if w == "end" { break; }
                    let tok = match w.parse::<u32>() {
                        Ok(n) => Tok::Num(leaf("num", n).await),
                        Err(_) if it.peek().is_some() => Tok::Word(w.to_uppercase()),
                        Err(_) => { step("last").await; Tok::Word(w.into()) }
                    };
                    out.push(tok);
                }
                out
            }
        }
    }
    run { pair(f("a 1  b 22 c"), f("x end 3")) }
}

twin! {
    /// `Result` handling in a batch with `continue` on error, errors collected, `?` on a
    /// final step, trackers per item.
    p19_batch_with_errors {
        pub async fn fetch(id: u32) -> Result<Tracker, String> { step("fetch").await; if id % 2 == 0 { Ok(Tracker::new("row")) } else { Err(format!("bad {id}")) } }
        lower! {
            pub async fn f(ids: Vec<u32>, strict: bool) -> Result<usize, String> {
                let mut rows = vec![];
                let mut errs = vec![];
                for id in ids {
                    let _span = Tracker::new("span");
                    match fetch(id).await {
                        Ok(r) => rows.push(r),
                        Err(e) if strict => return Err(e),
                        Err(e) => { errs.push(e); continue; }
                    }
                    step("saved").await;
                }
                let n = rows.len();
                let last = rows.pop().ok_or_else(|| "empty".to_string())?;
                step("final").await;
                log(format!("last {} errs {errs:?}", last.name()));
                Ok(n)
            }
        }
    }
    run { pair(pair(f(vec![2, 3, 4], false), f(vec![2, 3], true)), f(vec![1], false)) }
}

twin! {
    /// A closure stored in a struct field together with trackers, called through the field
    /// after awaits, the struct borrowed across one.
    p19_closure_in_struct_field {
        pub struct Hook<F: Fn(&str) -> usize> { pub f: F, pub t: Tracker, pub calls: u32 }
        lower! {
            pub async fn f(words: Vec<&'static str>) -> (usize, u32) {
                let sep = String::from("::");
                let mut h = Hook { f: |s: &str| s.len() + sep.len(), t: Tracker::new("hook"), calls: 0 };
                let mut total = 0;
                for w in words {
                    let hr = &h;
                    let x = leaf("w", w).await;
                    total += (hr.f)(x);
                    h.calls += 1;
                }
                step("end").await;
                (total, h.calls)
            }
        }
    }
    run { f(vec!["ab", "cde"]) }
}

twin! {
    /// An `FnOnce` passed into a generic helper after an await, capturing a tracker moved in.
    p19_fnonce_generic_helper {
        pub fn run_once<R>(f: impl FnOnce() -> R) -> R { log("run_once"); f() }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker::new("t");
                let u = Tracker::new("u");
                let x = leaf("x", n).await;
                let a = run_once(move || { log(format!("inside {}", t.name())); x + 1 });
                step("s").await;
                let b = run_once(|| u.name().len() as u32);
                a + b
            }
        }
    }
    run { f(2) }
}

twin! {
    /// Sorting with `sort_by` on a vector of trackers borrowed across awaits through a
    /// slice, then `dedup_by_key`, `truncate`.
    p19_sort_dedup_truncate {
        lower! {
            pub async fn f(keep: usize) -> Vec<&'static str> {
                let mut v = vec![Tracker::new("b"), Tracker::new("a"), Tracker::new("b2"), Tracker::new("c")];
                v.sort_by(|x, y| x.name().cmp(y.name()));
                let s = &v[..];
                step("s1").await;
                let n = s.len();
                v.dedup_by_key(|t| t.name().chars().next());
                step("s2").await;
                v.truncate(keep);
                let names = v.iter().map(|t| t.name()).collect::<Vec<_>>();
                leaf("n", n).await;
                names
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// `if let ... else if let ...` chains with awaits in conditions and tracker temporaries.
    p19_if_let_else_if_chain {
        pub fn lookup(k: u32) -> Option<(Tracker, u32)> { if k > 2 { Some((Tracker::new("hit"), k)) } else { None } }
        lower! {
            pub async fn f(a: u32, b: u32) -> u32 {
                let _g = Tracker::new("g");
                if let Some((_t, v)) = lookup(leaf("a", a).await) {
                    step("first").await;
                    v
                } else if let Some((t, v)) = lookup(leaf("b", b).await) {
                    drop(t);
                    step("second").await;
                    v * 2
                } else {
                    0
                }
            }
        }
    }
    run { pair(pair(f(3, 0), f(1, 4)), f(0, 0)) }
}

twin! {
    /// A cache struct with `get_or_insert` logic through `entry`, looked up twice across
    /// awaits, the value a `Rc` of a tracker cloned out.
    p19_cache_rc_entry {
        use std::rc::Rc;
        pub struct Cache { pub map: HashMap<u32, Rc<Tracker>>, pub misses: u32 }
        lower! {
            pub async fn f(keys: Vec<u32>) -> (u32, usize) {
                let mut c = Cache { map: HashMap::new(), misses: 0 };
                let mut held = vec![];
                for k in keys {
                    let v = match c.map.get(&k) {
                        Some(v) => v.clone(),
                        None => {
                            c.misses += 1;
                            step("load").await;
                            c.map.entry(k).or_insert_with(|| Rc::new(Tracker::new("val"))).clone()
                        }
                    };
                    held.push(v);
                    step("use").await;
                }
                let distinct = c.map.len();
                drop(c);
                log(format!("held {}", held.len()));
                (distinct as u32, Rc::strong_count(&held[0]))
            }
        }
    }
    run { f(vec![1, 2, 1, 3, 2]) }
}

twin! {
    /// A labelled outer loop broken with a value from an inner `loop` that awaits, with
    /// `continue 'outer` in between.
    p19_labelled_loop_value {
        lower! {
            pub async fn f(rows: Vec<Vec<i32>>) -> (usize, i32) {
                let _g = Tracker::new("g");
                let mut r = 0;
                let hit = 'outer: loop {
                    let Some(row) = rows.get(r) else { break 'outer (r, -1) };
                    let _rt = Tracker::new("rt");
                    r += 1;
                    let mut i = 0;
                    loop {
                        let Some(&x) = row.get(i) else { continue 'outer };
                        i += 1;
                        if x < 0 { step("neg").await; continue 'outer; }
                        if leaf("x", x).await == 7 { break 'outer (r - 1, x); }
                    }
                };
                step("done").await;
                hit
            }
        }
    }
    run { pair(f(vec![vec![1, -2, 7], vec![3, 7]]), f(vec![vec![1]])) }
}

twin! {
    /// Cancellation mid-loop with a `String` buffer borrowed by a `&str` across an await,
    /// a tracker per iteration and one moved into a `Vec` each round.
    p19_string_buffer_slices {
        lower! {
            pub async fn f(chunks: Vec<&'static str>) -> (String, usize) {
                let mut buf = String::new();
                let mut keep = vec![];
                for c in chunks {
                    buf.push_str(c);
                    let t = Tracker::new("chunk");
                    let head = &buf[..1];
                    step("write").await;
                    log(format!("head {head}"));
                    keep.push(t);
                }
                let n = leaf("n", keep.len()).await;
                (buf, n)
            }
        }
    }
    run { f(vec!["ab", "cd", "e"]) }
}

twin! {
    /// A panic inside a closure called between awaits (not at an await): unwinding drops
    /// the locals, including one borrowed across an earlier await.
    p19_panic_in_closure_call {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let items = vec![Tracker::new("i1"), Tracker::new("i2")];
                let r = &items;
                step("s1").await;
                let check = |k: u32| { if k > 2 { panic!("too big {k}") } k + r.len() as u32 };
                let _late = Tracker::new("late");
                let k = leaf("k", n).await;
                let y = check(k);
                step("s2").await;
                y
            }
        }
    }
    run { pair(f(1), f(3)) }
}

twin! {
    /// A `&mut` closure passed to a helper function in a loop with awaits, mutating a
    /// counter and a vector of trackers captured by reference.
    p19_mut_closure_passed_in_loop {
        pub fn each<F: FnMut(u32)>(n: u32, mut f: F) { for i in 0..n { f(i) } }
        lower! {
            pub async fn f(n: u32) -> (u32, usize) {
                let mut sum = 0;
                let mut bag: Vec<Tracker> = vec![];
                for round in 0..2u32 {
                    let k = leaf("k", n + round).await;
                    each(k, |i| { sum += i; if i % 2 == 0 { bag.push(Tracker::new("even")); } });
                    step("round").await;
                    bag.truncate(1);
                }
                (sum, bag.len())
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A closure returning a `move` closure over a `Copy` value (not a reference), called
    /// twice across awaits.
    p19_closure_returning_closure_copy {
        lower! {
            pub async fn f(text: String) -> Vec<u32> {
                let parts: Vec<&str> = text.split(',').collect();
                step("s1").await;
                let n = parts.len() as u32;
                let mk = |k: u32| move |x: u32| x * k + n;
                let twice = mk(2);
                let thrice = mk(3);
                let _t = Tracker::new("t");
                let a = twice(leaf("a", 1).await);
                step("s2").await;
                vec![a, thrice(2), parts[0].len() as u32, n]
            }
        }
    }
    run { f("ab,c,def".to_string()) }
}

twin! {
    /// A mutating closure kept across awaits and called on both sides, over a counter that
    /// a reference borrowed across an earlier await.
    p19_mut_closure_lives_across_await {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut n = k;
                let p = &n;
                step("s0").await;
                log(format!("p {p}"));
                let _t = Tracker::new("t");
                let mut inc = |d: u32| { n += d; n };
                inc(1);
                step("s1").await;
                let m = inc(leaf("d", 2).await);
                step("s2").await;
                m + n
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A closure pushing into a vector of trackers held across awaits, then the vector read.
    p19_pushing_closure_across_awaits {
        lower! {
            pub async fn f(n: usize) -> usize {
                let mut bag: Vec<Tracker> = Vec::new();
                let mut push = |t: Tracker| { log(format!("push {}", t.name())); bag.push(t) };
                push(Tracker::new("p1"));
                step("s1").await;
                push(Tracker::new("p2"));
                let x = leaf("x", n).await;
                bag.truncate(x);
                step("s2").await;
                bag.len()
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// An iterator with a closure adapter over a vector of trackers, held across awaits and
    /// consumed a piece at a time; cancelled mid-way the rest drops.
    p19_into_iter_filter_across_awaits {
        lower! {
            pub async fn f(skip: &'static str) -> Vec<&'static str> {
                let v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d")];
                let mut it = v.into_iter().filter(|t| t.name() != skip);
                let mut out = vec![];
                while let Some(t) = it.next() {
                    let name = leaf("name", t.name()).await;
                    out.push(name);
                    if name == "c" { break; }
                }
                step("after").await;
                drop(it);
                out
            }
        }
    }
    run { pair(f("b"), f("c")) }
}

twin! {
    /// An `Option<Box<dyn FnOnce>>` callback taken and called after an await.
    p19_optional_callback_take {
        lower! {
            pub async fn f(fire: bool) -> u32 {
                let t = Tracker::new("cb");
                let mut cb: Option<Box<dyn FnOnce() -> u32>> = Some(Box::new(move || { log(format!("fired {}", t.name())); 7 }));
                let _g = Tracker::new("g");
                step("s1").await;
                let r = if fire { cb.take().map(|f| f()).unwrap_or(0) } else { 0 };
                step("s2").await;
                r + cb.is_some() as u32
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// An `async` closure reading a local, called and awaited twice.
    p19_async_closure_reads_local {
        lower! {
            pub async fn f(base: u32) -> u32 {
                let t = Tracker::new("t");
                let fetch = async |k: u32| { let v = leaf("k", k + base).await; log(format!("{} {v}", t.name())); v };
                let a = fetch(1).await;
                step("mid").await;
                let b = fetch(a).await;
                a + b
            }
        }
    }
    run { f(10) }
}

twin! {
    /// `std::mem::take` and `Option::replace` on fields between awaits; the replaced values
    /// drop where they are left.
    p19_mem_take_replace_fields {
        pub struct Conn { pub cur: Option<Tracker>, pub pending: Vec<Tracker>, pub n: u32 }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut c = Conn { cur: Some(Tracker::new("c0")), pending: vec![Tracker::new("p0"), Tracker::new("p1")], n };
                step("s1").await;
                let old = c.cur.replace(Tracker::new("c1"));
                let batch = std::mem::take(&mut c.pending);
                step("s2").await;
                log(format!("old {:?} batch {}", old.as_ref().map(|t| t.name()), batch.len()));
                drop(batch);
                c.pending.push(Tracker::new("p2"));
                let _ = std::mem::replace(&mut c.n, leaf("n", 9).await);
                c.n + old.map_or(0, |t| t.name().len() as u32)
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A `while let` whose scrutinee is a temporary guard holding a tracker, with an await
    /// in the body (the temporary lives through the body).
    p19_while_let_guard_temporary {
        pub struct Guard<'a>(pub &'a mut Vec<u32>, pub Tracker);
        impl<'a> Guard<'a> { pub fn pop(&mut self) -> Option<u32> { self.0.pop() } }
        pub fn lock(v: &mut Vec<u32>) -> Guard<'_> { Guard(v, Tracker::new("lock")) }
        lower! {
            pub async fn f(mut q: Vec<u32>) -> u32 {
                let mut sum = 0;
                while let Some(x) = lock(&mut q).pop() {
                    sum += leaf("x", x).await;
                    let _inner = Tracker::new("inner");
                }
                step("end").await;
                sum
            }
        }
    }
    run { f(vec![1, 2]) }
}

twin! {
    /// A deferred-initialised local assigned on both branches, one after an await.
    p19_deferred_init_branches {
        lower! {
            pub async fn f(a: bool) -> &'static str {
                let x;
                let _g = Tracker::new("g");
                if a {
                    step("a").await;
                    x = Tracker::new("xa");
                } else {
                    x = leaf("b", Tracker::new("xb")).await;
                }
                step("after").await;
                x.name()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A trait with `async fn` implemented by two handlers, dispatched generically with
    /// trackers in each, and a `&dyn` sync trait for formatting.
    p19_async_trait_generic_dispatch {
        pub trait Handler { async fn handle(&self, x: u32) -> u32; }
        pub struct Double(pub Tracker);
        pub struct AddOne;
        impl Handler for Double { async fn handle(&self, x: u32) -> u32 { step("double").await; x * 2 } }
        impl Handler for AddOne { async fn handle(&self, x: u32) -> u32 { leaf("add", x + 1).await } }
        pub trait Fmt { fn show(&self, v: u32) -> String; }
        pub struct Plain;
        impl Fmt for Plain { fn show(&self, v: u32) -> String { format!("<{v}>") } }
        lower! {
            pub async fn run_both<A: Handler, B: Handler>(a: &A, b: &B, x: u32, f: &dyn Fmt) -> String {
                let _g = Tracker::new("g");
                let y = a.handle(x).await;
                let z = b.handle(y).await;
                f.show(z)
            }
        }
    }
    run { run_both(leak(Double(Tracker("dbl"))), leak(AddOne), 3, leak(Plain)) }
}

twin! {
    /// `sort_by_key` whose key closure reads a weight map kept borrowed across awaits.
    p19_sort_by_key_weights {
        lower! {
            pub async fn f(order: Vec<&'static str>) -> Vec<&'static str> {
                let mut weights = HashMap::new();
                for (i, w) in order.iter().enumerate() { weights.insert(*w, leaf("w", i).await); }
                let wr = &weights;
                let mut items = vec![Tracker::new("x"), Tracker::new("y"), Tracker::new("z")];
                step("s1").await;
                items.sort_by_key(|t| std::cmp::Reverse(wr.get(t.name()).copied().unwrap_or(99)));
                let first = items.remove(0);
                step("s2").await;
                log(format!("first {}", first.name()));
                items.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f(vec!["z", "x", "y"]) }
}

twin! {
    /// A helper returning `impl Iterator` that borrows a local, the iterator kept across
    /// awaits.
    p19_impl_iterator_borrow_across_await {
        pub fn evens(v: &[Tracker]) -> impl Iterator<Item = &Tracker> + '_ { v.iter().step_by(2) }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let v = vec![Tracker::new("e0"), Tracker::new("o1"), Tracker::new("e2"), Tracker::new("o3")];
                let mut out = vec![];
                for t in evens(&v) {
                    step("each").await;
                    out.push(t.name());
                }
                let extra = Tracker::new("extra");
                leaf("x", 0).await;
                out.push(extra.name());
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on a tuple of a made value and an awaited one, arms binding trackers.
    p19_match_tuple_with_await {
        pub fn make(n: u32) -> Option<Tracker> { if n > 0 { Some(Tracker::new("made")) } else { None } }
        lower! {
            pub async fn f(a: u32, b: u32) -> u32 {
                let r = match (make(a), leaf("b", b).await) {
                    (Some(t), 0) => { step("zero").await; t.name().len() as u32 }
                    (Some(_), n) => n,
                    (None, n) => { let _l = Tracker::new("l"); leaf("n", n).await + 100 }
                };
                step("after").await;
                r
            }
        }
    }
    run { pair(pair(f(1, 0), f(1, 2)), f(0, 3)) }
}

twin! {
    /// Loop variables moved into `move` closures pushed into a `Vec`, called after the loop.
    p19_loop_closures_called_later {
        lower! {
            pub async fn f(n: u32) -> Vec<String> {
                let mut fs: Vec<Box<dyn Fn() -> String>> = vec![];
                for i in 0..n {
                    let t = Tracker::new("loopt");
                    let k = leaf("k", i * 10).await;
                    fs.push(Box::new(move || format!("{}:{k}", t.name())));
                }
                step("called").await;
                let out = fs.iter().map(|f| f()).collect();
                fs.clear();
                step("cleared").await;
                out
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A reversed enumerate over a slice with awaits and a `break` that carries the index.
    p19_rev_enumerate_break {
        lower! {
            pub async fn f(v: Vec<Tracker>, want: &'static str) -> Option<usize> {
                let mut found = None;
                for (i, t) in v.iter().enumerate().rev() {
                    if leaf("cmp", t.name()).await == want { found = Some(i); break; }
                    step("next").await;
                }
                let _after = Tracker::new("after");
                step("end").await;
                found
            }
        }
    }
    run { pair(f(vec![Tracker("a"), Tracker("b"), Tracker("c")], "b"), f(vec![Tracker("q")], "z")) }
}

twin! {
    /// `unwrap` panicking after an await while locals kept in frame slots are alive.
    p19_unwrap_panic_with_slots {
        lower! {
            pub async fn f(key: &'static str) -> usize {
                let mut m: HashMap<&str, Tracker> = HashMap::new();
                m.insert("a", Tracker::new("va"));
                let r = m.get("a").unwrap();
                step("s1").await;
                log(format!("r {}", r.name()));
                let v = vec![Tracker::new("v")];
                let it = v.iter();
                step("s2").await;
                let got = m.get(key).unwrap();
                it.count() + got.name().len()
            }
        }
    }
    run { pair(f("a"), f("zz")) }
}

twin! {
    /// A state machine of my own over an enum of trackers, advanced in a loop with awaits and
    /// `std::mem::replace` on the state.
    p19_manual_state_enum {
        pub enum Phase { Init(Tracker), Conn(Tracker, u32), Done }
        lower! {
            pub async fn f(limit: u32) -> u32 {
                let mut st = Phase::Init(Tracker::new("init"));
                let mut n = 0;
                loop {
                    st = match std::mem::replace(&mut st, Phase::Done) {
                        Phase::Init(t) => { step("connect").await; drop(t); Phase::Conn(Tracker::new("conn"), 0) }
                        Phase::Conn(t, k) if k < limit => { n += leaf("tick", 1).await; Phase::Conn(t, k + 1) }
                        Phase::Conn(_t, _) => Phase::Done,
                        Phase::Done => break n,
                    };
                }
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A `fold` over awaited results gathered first, the accumulator a struct with a tracker.
    p19_fold_struct_accumulator {
        pub struct Acc { pub sum: u32, pub max: u32, pub t: Tracker }
        lower! {
            pub async fn f(xs: Vec<u32>) -> (u32, u32) {
                let mut got = Vec::with_capacity(xs.len());
                for x in &xs { got.push(leaf("x", *x).await); }
                let acc = got.iter().fold(Acc { sum: 0, max: 0, t: Tracker::new("acc") }, |mut a, &x| { a.sum += x; a.max = a.max.max(x); a });
                step("s").await;
                let Acc { sum, max, t } = acc;
                step("s2").await;
                drop(t);
                (sum, max)
            }
        }
    }
    run { f(vec![3, 9, 1]) }
}

twin! {
    /// `?` on `Option` in a helper-style async fn with trackers, early `None` from a nested
    /// `match` in a loop.
    p19_option_question_nested {
        lower! {
            pub async fn f(path: &'static str) -> Option<u32> {
                let _g = Tracker::new("g");
                let mut total = 0;
                for seg in path.split('/') {
                    let _s = Tracker::new("seg");
                    let n = match seg.strip_prefix('n') {
                        Some(rest) => rest.parse::<u32>().ok()?,
                        None => { step("word").await; seg.len() as u32 }
                    };
                    total += leaf("n", n).await;
                }
                Some(total)
            }
        }
    }
    run { pair(f("n1/ab/n3"), f("n1/nx/n2")) }
}

twin! {
    /// A closure pushing into a vector that an iterator borrowed across an earlier await
    /// (the vector kept in a frame slot), called across more awaits.
    p19_push_closure_on_slot_vec {
        lower! {
            pub async fn f(n: u32) -> usize {
                let mut v = vec![Tracker::new("v0")];
                let it = v.iter();
                step("s1").await;
                log(format!("count {}", it.count()));
                let mut add = |name: &'static str| v.push(Tracker::new(name));
                add("v1");
                step("s2").await;
                if n > 1 { add("v2"); }
                let k = leaf("k", 1).await;
                v.len() + k
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A non-`move` closure reading a slot local passed by value to an awaited helper.
    p19_closure_arg_to_awaited_call {
        pub async fn apply<F: Fn(u32) -> u32>(f: F, x: u32) -> u32 { let y = leaf("apply", x).await; f(y) }
        lower! {
            pub async fn f(x: u32) -> u32 {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let first = &v[0];
                step("s1").await;
                log(first.name());
                let r = apply(|y| y + v.len() as u32, x).await;
                let _t = Tracker::new("t");
                step("s2").await;
                r + v.len() as u32
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A non-`move` async block mutating a counter that a reference borrowed across an
    /// earlier await, awaited in place, the counter read after.
    p19_async_block_mutates_slot_counter {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut n = k;
                let p = &n;
                step("s1").await;
                log(format!("p {p}"));
                let _t = Tracker::new("t");
                async { n += leaf("add", 2).await; }.await;
                step("s2").await;
                n
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Async blocks borrowing a local, boxed into a `Vec` of `Pin<Box<dyn Future>>` and
    /// awaited one by one; the local is read after.
    p19_boxed_async_blocks_vec {
        lower! {
            pub async fn f() -> u32 {
                let table = vec![1u32, 2, 3];
                let g = Tracker::new("g");
                let mut futs: Vec<Pin<Box<dyn Future<Output = u32> + '_>>> = Vec::new();
                for i in 0..3usize {
                    let t = &table;
                    futs.push(Box::pin(async move { leaf("f", t[i]).await * 10 }));
                }
                step("built").await;
                let mut sum = 0;
                for fut in futs.drain(..) { sum += fut.await; }
                log(format!("{} {}", g.name(), table.len()));
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// A slot local shadowed by a `Copy` value that closures use afterwards.
    p19_shadow_slot_local_then_closure {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let r = &v;
                step("s1").await;
                log(format!("{}", r.len()));
                let v = v.len();
                let twice = move || v * 2;
                let _t = Tracker::new("t");
                step("s2").await;
                twice() + v
            }
        }
    }
    run { f() }
}

twin! {
    /// A parameter borrowed across an await then captured by reading closures.
    p19_param_slot_in_closures {
        lower! {
            pub async fn f(items: Vec<Tracker>, min: usize) -> (usize, Vec<&'static str>) {
                let last = items.last();
                step("s1").await;
                log(format!("last {:?}", last.map(|t| t.name())));
                let long = |t: &&Tracker| t.name().len() >= min;
                let n = items.iter().filter(long).count();
                step("s2").await;
                let names = items.iter().filter(|t| !long(t)).map(|t| t.name()).collect();
                (n + leaf("n", 0).await, names)
            }
        }
    }
    run { f(vec![Tracker("aa"), Tracker("b"), Tracker("ccc")], 2) }
}

twin! {
    /// A `&mut self` method whose `retain` closure reads another field while a reference to
    /// a third field is held across awaits (disjoint closure captures).
    p19_self_retain_disjoint_fields {
        pub struct Pool { pub name: String, pub items: Vec<Tracker>, pub skip: &'static str, pub ops: u32 }
        impl Pool {
            lower! {
                pub async fn sweep(&mut self) -> usize {
                    let name = &self.name;
                    step("s1").await;
                    self.items.retain(|t| t.name() != self.skip);
                    self.ops += leaf("op", 1).await;
                    log(format!("{name} {}", self.items.len()));
                    self.items.len()
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, u32) {
                let mut p = Pool { name: "pool".into(), items: vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("a2")], skip: "b", ops: 0 };
                let n = p.sweep().await;
                p.skip = "a";
                let m = p.sweep().await;
                (n + m, p.ops)
            }
        }
    }
    run { f() }
}

twin! {
    /// A match guard calling a closure that captures a slot local.
    p19_guard_calls_closure_on_slot {
        lower! {
            pub async fn f(xs: Vec<Option<u32>>) -> u32 {
                let allowed = vec![2u32, 4];
                let a = &allowed;
                step("s0").await;
                let ok = |x: u32| a.contains(&x);
                let mut acc = 0;
                for x in xs {
                    let _t = Tracker::new("it");
                    match x {
                        Some(v) if ok(v) => acc += leaf("ok", v).await,
                        Some(v) => { step("bad").await; acc += v * 100 }
                        None => break,
                    }
                }
                acc + allowed.len() as u32
            }
        }
    }
    run { f(vec![Some(2), Some(3), Some(4), None, Some(2)]) }
}

twin! {
    /// A let chain whose first `let` finds a tracker by a closure, the borrow alive through
    /// an await in the block.
    p19_let_chain_find_borrow {
        lower! {
            pub async fn f(want: &'static str) -> usize {
                let v = vec![Tracker::new("ab"), Tracker::new("cde")];
                if let Some(t) = v.iter().find(|t| t.name() == want) && t.name().len() > 1 {
                    step("found").await;
                    log(format!("found {}", t.name()));
                    return t.name().len();
                }
                step("none").await;
                v.len()
            }
        }
    }
    run { pair(f("cde"), f("x")) }
}

twin! {
    /// An `if let` on a temporary guard with awaits in both branches (edition 2024: the
    /// temporary drops before `else`).
    p19_if_let_temp_guard_else_await {
        pub struct G(pub Tracker, pub Option<u32>);
        impl G { pub fn val(&self) -> Option<u32> { self.1 } }
        pub fn g(n: u32) -> G { G(Tracker::new("guard"), if n > 0 { Some(n) } else { None }) }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let r = if let Some(v) = g(n).val() {
                    step("then").await;
                    v
                } else {
                    leaf("else", 5).await
                };
                step("after").await;
                r
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// A `match` on a field of a temporary guard, awaits in the arms (the temporary lives
    /// to the end of the `match`).
    p19_match_temp_guard_field {
        pub struct St { pub code: u32, pub t: Tracker }
        pub fn state(n: u32) -> St { St { code: n, t: Tracker::new("st") } }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                let out = match state(n).code {
                    0 => { step("zero").await; 0 }
                    c if c < 3 => leaf("small", c).await,
                    c => { let _x = Tracker::new("x"); step("big").await; c * 2 }
                };
                step("end").await;
                out
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(5)) }
}

twin! {
    /// A lifetime-extended temporary (`let r = &make();`) read after awaits.
    p19_extended_temp_across_await {
        pub struct H(pub Tracker, pub u32);
        pub fn make(n: u32) -> H { H(Tracker::new("ext"), n) }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let r = &make(n);
                let _b = Tracker::new("b");
                step("s1").await;
                let x = r.1 + leaf("x", 1).await;
                let s = &(make(x), Tracker::new("pairt"));
                step("s2").await;
                x + s.0.1
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A tuple destructured, one half moved into a `move` closure, the other kept; a
    /// cancellation at each await.
    p19_tuple_half_into_closure {
        lower! {
            pub async fn f() -> usize {
                let (a, b) = (Tracker::new("a"), Tracker::new("b"));
                step("s1").await;
                let show = move || a.name().len();
                step("s2").await;
                let n = show() + leaf("x", 1).await;
                drop(show);
                step("s3").await;
                n + b.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `for` over `drain(..)` of a vector of trackers with an await per element and a
    /// `break`: the rest of the drained range drops with the `Drain`.
    p19_for_drain_break {
        lower! {
            pub async fn f(stop: &'static str) -> (Vec<&'static str>, usize) {
                let mut v = vec![Tracker::new("d1"), Tracker::new("d2"), Tracker::new("d3"), Tracker::new("d4")];
                let mut seen = vec![];
                for t in v.drain(1..3) {
                    let name = leaf("name", t.name()).await;
                    seen.push(name);
                    if name == stop { break; }
                }
                step("after").await;
                (seen, v.len())
            }
        }
    }
    run { pair(f("d2"), f("zz")) }
}

twin! {
    /// `retain_mut` and `iter_mut().for_each` closures with captured counters between
    /// awaits.
    p19_retain_mut_for_each {
        pub struct Job { pub t: Tracker, pub left: u32 }
        lower! {
            pub async fn f(rounds: u32) -> (u32, usize) {
                let mut jobs = vec![Job { t: Tracker::new("j1"), left: 1 }, Job { t: Tracker::new("j2"), left: 3 }, Job { t: Tracker::new("j3"), left: 2 }];
                let mut ticks = 0;
                for _ in 0..rounds {
                    let d = leaf("d", 1).await;
                    jobs.iter_mut().for_each(|j| { j.left = j.left.saturating_sub(d); ticks += 1; });
                    jobs.retain_mut(|j| { if j.left == 0 { log(format!("done {}", j.t.name())); false } else { true } });
                    step("round").await;
                }
                (ticks, jobs.len())
            }
        }
    }
    run { f(2) }
}

twin! {
    /// `extend` with a `map` closure capturing a prefix kept across awaits; `zip` of two
    /// slices and `chunks(2)` iterators alive across awaits.
    p19_extend_zip_chunks {
        lower! {
            pub async fn f(prefix: String) -> (Vec<String>, u32) {
                let mut out: Vec<String> = vec![];
                let p = prefix.as_str();
                step("s1").await;
                out.extend(["a", "b"].iter().map(|s| format!("{p}{s}")));
                let xs = vec![1u32, 2, 3, 4, 5];
                let ys = vec![10u32, 20, 30];
                let mut acc = 0;
                for (x, y) in xs.iter().zip(ys.iter()) {
                    acc += leaf("zip", x * y).await;
                }
                for c in xs.chunks(2) {
                    let _t = Tracker::new("chunk");
                    acc += leaf("chunk", c.iter().sum::<u32>()).await;
                }
                (out, acc)
            }
        }
    }
    run { f("pre-".to_string()) }
}

twin! {
    /// A panic from a `boom` inside an `async` block awaited in place, the block borrowing
    /// a slot local and owning a tracker.
    p19_boom_in_async_block {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let v = vec![Tracker::new("v")];
                let r = &v;
                step("s1").await;
                let t = Tracker::new("owned");
                let x = async move {
                    let _keep = t;
                    if n > 1 { boom("inner").await } else { leaf("fine", r.len() as u32).await }
                }.await;
                x + v.len() as u32
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A nested non-`move` closure inside a non-`move` closure reading a slot local and a
    /// `Copy` capture.
    p19_nested_closures_read_slot {
        lower! {
            pub async fn f(k: usize) -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("bb")];
                let it = v.iter();
                step("s1").await;
                log(format!("{}", it.len()));
                let outer = |extra: usize| {
                    let inner = |t: &Tracker| t.name().len() + k;
                    v.iter().map(inner).sum::<usize>() + extra
                };
                let a = outer(1);
                step("s2").await;
                a + outer(leaf("e", 2).await)
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `let mk = |k| move |x| x * k + n;` with `mk` alive across an await, called twice.
    p19m_closure_returning_move_closure_copy {
        lower! {
            pub async fn f() -> u32 {
                let n = 3u32;
                let mk = |k: u32| move |x: u32| x * k + n;
                let twice = mk(2);
                step("s").await;
                twice(1) + mk(3)(2)
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure whose body maps with a `move` closure over a `Copy` local,
    /// the outer closure kept across an await and called twice.
    p19_move_map_inside_closure {
        lower! {
            pub async fn f(xs: Vec<u32>) -> u32 {
                let n = leaf("n", 2).await;
                let _t = Tracker::new("t");
                let total = |k: u32| xs.iter().map(move |x| x * k + n).sum::<u32>();
                let a = total(1);
                step("s").await;
                a + total(leaf("k", 10).await)
            }
        }
    }
    run { f(vec![1, 2]) }
}

twin! {
    /// A `move` closure given to `map` directly in the body, over a `Copy` local a reference
    /// borrowed across an await.
    p19_move_map_over_slot_copy {
        lower! {
            pub async fn f(xs: Vec<u32>) -> (u32, u32) {
                let n = 5u32;
                let rn = &n;
                step("s1").await;
                let total: u32 = xs.iter().map(move |x| x + n).sum();
                let again: u32 = xs.iter().map(move |x| x * n).sum();
                log(format!("rn {rn}"));
                step("s2").await;
                (total + n, again)
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// Two reading closures over the same local alive together across an await, with a
    /// shared reference used after (the closures are `Copy` natively: one is passed by value
    /// twice).
    p19_two_closures_same_local_copyable {
        pub fn call<F: Fn() -> usize>(f: F) -> usize { f() }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("bb")];
                let r = &v;
                let len = || v.len();
                let chars = || v.iter().map(|t| t.name().len()).sum::<usize>();
                step("s").await;
                let a = call(len) + call(len) + call(chars);
                a + r.len() + chars()
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure returning an `async move` block over a `Copy` local, the closure
    /// alive across an await and called twice.
    p19_closure_returning_async_move_copy {
        lower! {
            pub async fn f() -> u32 {
                let n = 4u32;
                let job = |k: u32| async move { leaf("job", k + n).await };
                let a = job(1).await;
                step("s").await;
                a + job(2).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `move` closure copying a counter that later closures mutate, with the counter
    /// borrowed across an await (a snapshot).
    p19_snapshot_move_then_mutate {
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut count = 1u32;
                let pc = &count;
                step("s1").await;
                log(format!("pc {pc}"));
                let snap = move || count * 10;
                count += leaf("add", 2).await;
                let mut bump = || count += 1;
                bump();
                step("s2").await;
                (snap(), count)
            }
        }
    }
    run { f() }
}

twin! {
    /// A handler map of boxed closures keyed by route, built before and looked up after
    /// awaits, with request trackers per call.
    p19_route_table_boxed_fns {
        lower! {
            pub async fn f(reqs: Vec<&'static str>) -> Vec<String> {
                let prefix = String::from("/api");
                let mut routes: HashMap<&str, Box<dyn Fn(&str) -> String + '_>> = HashMap::new();
                routes.insert("get", Box::new(|a| format!("{prefix}/get/{a}")));
                routes.insert("put", Box::new(|a| format!("{prefix}/put/{}", a.len())));
                let mut out = vec![];
                for r in reqs {
                    let _req = Tracker::new("req");
                    let (verb, arg) = r.split_once(' ').unwrap_or((r, ""));
                    let Some(h) = routes.get(verb) else { out.push(format!("404 {verb}")); continue };
                    let arg = leaf("arg", arg).await;
                    out.push(h(arg));
                }
                step("done").await;
                out
            }
        }
    }
    run { f(vec!["get x", "del y", "put abc"]) }
}

twin! {
    /// A cancellation-sensitive pipeline: a reader struct with a buffer borrowed across an
    /// await by `lines()`, and trackers per line moved into a result on a condition.
    p19_line_reader_struct {
        pub struct Reader { pub buf: String, pub t: Tracker }
        impl Reader { pub fn feed(&mut self, s: &str) { self.buf.push_str(s) } }
        lower! {
            pub async fn f(parts: Vec<&'static str>) -> Vec<(usize, Tracker)> {
                let mut rd = Reader { buf: String::new(), t: Tracker::new("reader") };
                for p in parts { rd.feed(leaf("chunk", p).await); }
                let mut out = vec![];
                for (i, line) in rd.buf.lines().enumerate() {
                    let t = Tracker::new("line");
                    step("line").await;
                    if line.starts_with('#') { continue; }
                    out.push((i, t));
                }
                log(format!("{}", rd.t.name()));
                out
            }
        }
    }
    run { f(vec!["a\n#c", "\nb\n"]) }
}

twin! {
    /// an iterator consumed by `count()` inside a `format!` argument, a later
    /// await, no closure.
    p19m_count_inside_format {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("v0")];
                let it = v.iter();
                step("s1").await;
                log(format!("count {}", it.count()));
                v.push(Tracker::new("v1"));
                step("s2").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// an iterator consumed by `count()` outside any macro, then a closure
    /// pushing to the vector it borrowed, a later await.
    p19_count_then_push_closure {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("v0")];
                let it = v.iter();
                step("s1").await;
                let c = it.count();
                let mut add = |name: &'static str| v.push(Tracker::new(name));
                add("v1");
                step("s2").await;
                v.len() + c
            }
        }
    }
    run { f() }
}

twin! {
    /// a boxed closure borrowing a local pushed into a `Vec` kept across an
    /// await.
    p19m_boxed_closure_borrow_pushed {
        lower! {
            pub async fn f() -> usize {
                let s = String::from("ab");
                let mut hs: Vec<Box<dyn Fn() -> usize + '_>> = Vec::new();
                hs.push(Box::new(|| s.len()));
                step("s").await;
                hs[0]()
            }
        }
    }
    run { f() }
}

twin! {
    /// an unboxed closure borrowing a local pushed into a `Vec` kept across an
    /// await.
    p19m_closure_borrow_pushed_unboxed {
        lower! {
            pub async fn f() -> usize {
                let s = String::from("ab");
                let mut hs = Vec::new();
                hs.push(|| s.len());
                step("s").await;
                hs[0]()
            }
        }
    }
    run { f() }
}

twin! {
    /// an `async move` block over a reference to a local, pushed into a `Vec`
    /// kept across an await.
    p19m_async_move_ref_pushed {
        lower! {
            pub async fn f() -> usize {
                let table = vec![1u32, 2];
                let mut futs = Vec::new();
                let t = &table;
                futs.push(async move { t.len() });
                step("s").await;
                futs.pop().unwrap().await
            }
        }
    }
    run { f() }
}

twin! {
    /// a reference to a local pushed into a `Vec` kept across an await.
    p19m_ref_pushed {
        lower! {
            pub async fn f() -> usize {
                let table = vec![Tracker::new("t")];
                let mut refs = Vec::new();
                refs.push(&table);
                step("s").await;
                refs[0].len()
            }
        }
    }
    run { f() }
}

twin! {
    /// a closure borrowing a local stored in a struct literal kept across an
    /// await (no `Vec`).
    p19_closure_borrow_in_struct_literal {
        pub struct Holder<F: Fn() -> usize> { pub f: F, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let s = String::from("abc");
                let h = Holder { f: || s.len(), t: Tracker::new("h") };
                step("s").await;
                (h.f)()
            }
        }
    }
    run { f() }
}

twin! {
    /// a reference to a local assigned into an `Option` declared before,
    /// kept across an await (a "best so far" search).
    p19m_ref_assigned_into_option {
        lower! {
            pub async fn f() -> &'static str {
                let a = Tracker::new("a");
                let b = Tracker::new("bb");
                let mut best: Option<&Tracker> = None;
                for t in [&a, &b] {
                    if best.map_or(true, |x| t.name().len() > x.name().len()) { best = Some(t); }
                }
                step("s").await;
                best.map(|t| t.name()).unwrap_or("")
            }
        }
    }
    run { f() }
}

twin! {
    /// a reference to a local inserted into a map kept across an await.
    p19m_ref_inserted_into_map {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("t");
                let mut m: HashMap<u32, &Tracker> = HashMap::new();
                m.insert(1, &t);
                step("s").await;
                m[&1].name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let refs = vec![&table];` kept across an await (the borrow in the
    /// initialiser).
    p19_ref_in_vec_literal {
        lower! {
            pub async fn f() -> usize {
                let table = vec![Tracker::new("t")];
                let refs = vec![&table];
                step("s").await;
                refs[0].len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A realistic "collect the matching rows by reference, then report after an await"
    /// handler: `refs.push(&row)` in a loop over a local vector.
    p19_collect_refs_then_report {
        pub struct Row { pub id: u32, pub t: Tracker }
        lower! {
            pub async fn f(min: u32) -> Vec<u32> {
                let rows = vec![Row { id: 1, t: Tracker::new("r1") }, Row { id: 5, t: Tracker::new("r5") }, Row { id: 9, t: Tracker::new("r9") }];
                let mut hits: Vec<&Row> = Vec::new();
                for r in &rows {
                    if r.id >= min { hits.push(r); }
                }
                step("report").await;
                let ids = hits.iter().map(|r| r.id).collect::<Vec<_>>();
                log(format!("{}", hits.iter().map(|r| r.t.name()).collect::<Vec<_>>().join(",")));
                ids
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A reference pushed after an await inside a `for` over `&rows` (the rows already kept
    /// borrowed by the loop's iterator), read after another await.
    p19_push_ref_inside_awaiting_loop {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let rows = vec![Tracker::new("r1"), Tracker::new("r2"), Tracker::new("r3")];
                let mut hits: Vec<&Tracker> = Vec::new();
                for r in &rows {
                    if leaf("keep", r.name() != "r2").await { hits.push(r); }
                }
                step("report").await;
                hits.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A reference reassigned between awaits to point at another local.
    p19_ref_reassigned_between_awaits {
        lower! {
            pub async fn f(flip: bool) -> &'static str {
                let a = Tracker::new("a");
                let b = Tracker::new("b");
                let mut cur = &a;
                step("s1").await;
                if flip { cur = &b; }
                step("s2").await;
                cur.name()
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// `extend` with references into another local's elements, kept across an await.
    p19_extend_refs_across_await {
        lower! {
            pub async fn f() -> usize {
                let a = vec![Tracker::new("a1"), Tracker::new("a2")];
                let mut all: Vec<&Tracker> = vec![];
                all.extend(a.iter());
                step("s").await;
                all.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::mem::swap` of two tracker locals between awaits, and `get_or_insert_with`
    /// returning a `&mut` held across an await.
    p19_swap_and_get_or_insert {
        lower! {
            pub async fn f(n: u32) -> (&'static str, u32) {
                let mut x = Tracker::new("x");
                let mut y = Tracker::new("y");
                step("s1").await;
                if n > 1 { std::mem::swap(&mut x, &mut y); }
                let mut cache: Option<u32> = None;
                let slot = cache.get_or_insert_with(|| n * 3);
                step("s2").await;
                *slot += leaf("add", 1).await;
                drop(x);
                step("s3").await;
                (y.name(), cache.unwrap_or(0))
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// An `assert!` failing after awaits with locals kept in frame slots and a half-built
    /// vector of trackers.
    p19_assert_fails_after_awaits {
        lower! {
            pub async fn f(n: u32) -> usize {
                let names = vec![Tracker::new("n1"), Tracker::new("n2")];
                let r = &names;
                let mut out = vec![Tracker::new("o1")];
                step("s1").await;
                out.push(Tracker::new("o2"));
                let k = leaf("k", n).await;
                assert!(k < 3, "k too big: {k}");
                step("s2").await;
                out.len() + r.len()
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// A work stack: `while let Some(x) = stack.pop()` pushing children after awaits, with a
    /// tracker per item.
    p19_work_stack_pushes {
        pub struct Item { pub depth: u32, pub t: Tracker }
        lower! {
            pub async fn f(max: u32) -> u32 {
                let mut stack = vec![Item { depth: 0, t: Tracker::new("root") }];
                let mut visited = 0;
                while let Some(it) = stack.pop() {
                    visited += leaf("visit", 1).await;
                    if it.depth < max {
                        stack.push(Item { depth: it.depth + 1, t: Tracker::new("kid") });
                        step("push").await;
                        stack.push(Item { depth: it.depth + 1, t: Tracker::new("kid2") });
                    }
                    log(format!("done {}", it.t.name()));
                }
                visited
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A `Copy` local read by value in a non-`move` closure (`let m = k;` inside), with the
    /// local borrowed across an await and read after.
    p19_copy_by_value_in_plain_closure {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let base = k + 1;
                let rb = &base;
                step("s1").await;
                let get = || { let m = base; m * 2 };
                let a = get();
                let _t = Tracker::new("t");
                step("s2").await;
                a + get() + base + *rb
            }
        }
    }
    run { f(2) }
}
