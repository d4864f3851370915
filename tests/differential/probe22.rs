//! Probe round 22: programs a teacher, examiner or ordinary user would write, in themes
//! earlier rounds touched little: async closures (`async |x| ..`, `async move || ..`) made
//! and called inside a lowered body, `Vec`s of boxed closures returning boxed futures,
//! `&dyn`/`Box<dyn>` trait objects, native `async fn` in traits, generics with `where`
//! clauses and `impl Trait` arguments, async fns returning borrowed data, iterator chains
//! (`enumerate`, `filter_map`, `zip`, `windows`, `chunks`, `fold`, `rev`, collecting into
//! maps and strings), string processing with `?` and custom errors, ownership puzzles
//! (`Option::take`, `mem::replace`/`swap`, `Rc<RefCell<..>>`, `Cell`, `drain`, `VecDeque`
//! rotation, `pop`/`swap_remove`, `&mut Self` chains), labelled loops, slice and tuple
//! patterns, `let .. else`, panics mid-loop, boxed recursion and `join_all`.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};

/// A map with a fixed hasher: drop order on cancellation must not depend on a random seed.
pub type FixedMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher>>;

twin! {
    /// An `async |x|` closure borrowing a parameter, called twice, a guard alive around it.
    p22_async_closure_called_twice {
        lower! {
            pub async fn f(base: u32) -> u32 {
                let _g = Tracker::new("g");
                let add = async |x: u32| {
                    step("add").await;
                    x + base
                };
                let a = add(1).await;
                let b = add(a).await;
                step("end").await;
                a + b
            }
        }
    }
    run { pair(f(3), f(10)) }
}

twin! {
    /// An `async move ||` closure owning a tracker, called twice with an await between.
    p22_async_move_closure_owns_tracker {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker::new("owned");
                let _h = Tracker::new("h");
                let c = async move || {
                    step("c").await;
                    log(t.name());
                    n * 2
                };
                let x = c().await;
                step("mid").await;
                let y = c().await;
                x + y
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A lowered generic fn taking an `AsyncFn` closure, called from a lowered body with an
    /// `async |x|` closure that borrows a local.
    p22_async_closure_passed_to_generic {
        lower! {
            pub async fn apply<F>(f: F, xs: Vec<u32>) -> u32
            where
                F: AsyncFn(u32) -> u32,
            {
                let mut s = 0;
                for x in xs {
                    s += f(x).await;
                }
                s
            }
        }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _t = Tracker::new("t");
                let scale = vec![k, k + 1];
                let r = apply(async |x| {
                    step("sq").await;
                    x * scale[0]
                }, vec![1, 2, 3]).await;
                step("after").await;
                r + scale[1]
            }
        }
    }
    run { f(2) }
}

twin! {
    /// An `async move` closure consuming its capture (an `AsyncFnOnce`), called once after
    /// an await.
    p22_async_closure_fnonce_consumes {
        lower! {
            pub async fn f(names: Vec<&'static str>) -> usize {
                let ts: Vec<Tracker> = names.iter().map(|n| Tracker::new(n)).collect();
                step("made").await;
                let eat = async move || {
                    step("eat").await;
                    let n = ts.len();
                    drop(ts);
                    n
                };
                let _late = Tracker::new("late");
                let n = eat().await;
                step("end").await;
                n
            }
        }
    }
    run { f(vec!["a", "b"]) }
}

twin! {
    /// A `Vec<Box<dyn Fn(u32) -> Pin<Box<dyn Future>>>>` of jobs, one plain leaf and one
    /// `async move` block capturing a parameter, run in a loop.
    p22_vec_boxed_fn_returning_future {
        pub type Job = Box<dyn Fn(u32) -> Pin<Box<dyn Future<Output = u32>>>>;
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let mut jobs: Vec<Job> = Vec::new();
                jobs.push(Box::new(|x| Box::pin(leaf("double", x * 2))));
                jobs.push(Box::new(move |x| Box::pin(async move {
                    step("add").await;
                    x + n
                })));
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for (i, j) in jobs.iter().enumerate() {
                    let v = j(i as u32 + 10).await;
                    out.push(v);
                }
                step("end").await;
                out
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// Closures returning boxed futures stored in a map by name, looked up and awaited.
    p22_btreemap_of_boxed_handlers {
        pub type Handler = Box<dyn Fn(String) -> Pin<Box<dyn Future<Output = String>>>>;
        lower! {
            pub async fn f(cmds: Vec<&'static str>) -> Vec<String> {
                let mut routes: BTreeMap<&str, Handler> = BTreeMap::new();
                routes.insert("upper", Box::new(|s| Box::pin(async move {
                    step("up").await;
                    s.to_uppercase()
                })));
                routes.insert("rev", Box::new(|s| Box::pin(leaf("rev", s.chars().rev().collect()))));
                let mut out = vec![];
                for c in cmds {
                    let (name, arg) = c.split_once(' ').unwrap_or((c, ""));
                    match routes.get(name) {
                        Some(h) => out.push(h(arg.to_string()).await),
                        None => {
                            step("unknown").await;
                            out.push(format!("?{name}"));
                        }
                    }
                }
                out
            }
        }
    }
    run { f(vec!["upper abc", "rev xyz", "nope 1", "upper q"]) }
}

twin! {
    /// `Box<dyn Trait>` shapes: a method call per element between awaits, and a `&dyn`
    /// picked with `max_by_key` held across an await.
    p22_dyn_trait_method_between_awaits {
        pub trait Shape {
            fn area(&self) -> u32;
            fn name(&self) -> &'static str;
        }
        pub struct Sq(pub u32, pub Tracker);
        pub struct Rect(pub u32, pub u32);
        impl Shape for Sq {
            fn area(&self) -> u32 { self.0 * self.0 }
            fn name(&self) -> &'static str { "sq" }
        }
        impl Shape for Rect {
            fn area(&self) -> u32 { self.0 * self.1 }
            fn name(&self) -> &'static str { "rect" }
        }
        lower! {
            pub async fn f(shapes: Vec<Box<dyn Shape>>) -> u32 {
                let _g = Tracker::new("g");
                let mut total = 0;
                for s in &shapes {
                    step(s.name()).await;
                    total += s.area();
                }
                let biggest: &dyn Shape = shapes.iter().max_by_key(|s| s.area()).map(|b| b.as_ref()).unwrap();
                step("big").await;
                total + biggest.area()
            }
        }
    }
    run { f(vec![Box::new(Sq(3, Tracker("sq"))), Box::new(Rect(2, 5))]) }
}

twin! {
    /// A `&mut dyn Trait` parameter mutated between awaits.
    p22_dyn_trait_mut_ref_param {
        pub trait Counter {
            fn bump(&mut self, by: u32) -> u32;
        }
        pub struct Simple { pub n: u32, pub _t: Tracker }
        impl Counter for Simple {
            fn bump(&mut self, by: u32) -> u32 { self.n += by; self.n }
        }
        lower! {
            pub async fn drive(c: &mut dyn Counter, steps: u32) -> u32 {
                let mut last = 0;
                for i in 0..steps {
                    let by = leaf("by", i + 1).await;
                    last = c.bump(by);
                }
                last
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut s = Simple { n: 0, _t: Tracker::new("simple") };
                let a = drive(&mut s, 3).await;
                step("between").await;
                let b = drive(&mut s, 2).await;
                a * 100 + b
            }
        }
    }
    run { f() }
}

twin! {
    /// A native `async fn` in a trait, implemented natively, called in a loop from a
    /// lowered body that breaks at the first miss.
    p22_afit_native_impl_called {
        pub trait Store {
            async fn get(&self, k: u32) -> Option<String>;
        }
        pub struct Mem { pub data: Vec<String>, pub _g: Tracker }
        impl Store for Mem {
            async fn get(&self, k: u32) -> Option<String> {
                step("get").await;
                self.data.get(k as usize).cloned()
            }
        }
        lower! {
            pub async fn f(keys: Vec<u32>) -> Vec<String> {
                let s = Mem { data: vec!["a".into(), "b".into()], _g: Tracker::new("mem") };
                let mut out = vec![];
                for k in keys {
                    match s.get(k).await {
                        Some(v) => out.push(v),
                        None => {
                            log("miss");
                            break;
                        }
                    }
                }
                step("end").await;
                out
            }
        }
    }
    run { pair(f(vec![1, 0, 5, 1]), f(vec![0])) }
}

twin! {
    /// The trait's `async fn` implemented by a lowered method, called through a generic
    /// `S: Store` bound.
    p22_afit_impl_lowered_generic_caller {
        pub trait Store {
            async fn load(&mut self, k: u32) -> Result<u32, String>;
        }
        pub struct Db { pub hits: u32, pub _g: Tracker }
        impl Store for Db {
            lower! {
                async fn load(&mut self, k: u32) -> Result<u32, String> {
                    let _span = Tracker::new("span");
                    step("query").await;
                    if k == 0 { return Err("zero".into()); }
                    self.hits += 1;
                    Ok(k * 10)
                }
            }
        }
        lower! {
            pub async fn sum_all<S: Store>(s: &mut S, ks: &[u32]) -> Result<u32, String> {
                let mut t = 0;
                for &k in ks {
                    t += s.load(k).await?;
                }
                Ok(t)
            }
        }
        lower! {
            pub async fn f(ks: Vec<u32>) -> (Result<u32, String>, u32) {
                let mut db = Db { hits: 0, _g: Tracker::new("db") };
                let r = sum_all(&mut db, &ks).await;
                step("end").await;
                (r, db.hits)
            }
        }
    }
    run { pair(f(vec![1, 2, 3]), f(vec![4, 0, 5])) }
}

twin! {
    /// A generic sum with a `where` clause, instantiated at two types.
    p22_generic_where_clause_sum {
        lower! {
            pub async fn total<T, I>(items: I) -> T
            where
                T: Default + std::ops::Add<Output = T> + Copy,
                I: IntoIterator<Item = T>,
            {
                let mut acc = T::default();
                for x in items {
                    acc = acc + leaf("item", x).await;
                }
                acc
            }
        }
        lower! {
            pub async fn f() -> (u32, f64) {
                let _t = Tracker::new("t");
                let a = total(vec![1u32, 2, 3]).await;
                let b = total([0.5f64, 1.25]).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `impl IntoIterator<Item = impl Display>` and `&str` arguments, joined with awaits.
    p22_impl_trait_args_join {
        lower! {
            pub async fn show(items: impl IntoIterator<Item = impl Display>, sep: &str) -> String {
                let mut out = String::new();
                for (i, x) in items.into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(sep);
                    }
                    step("item").await;
                    out += &x.to_string();
                }
                out
            }
        }
        lower! {
            pub async fn f() -> (String, String) {
                let _g = Tracker::new("g");
                let a = show(vec![1, 2, 3], ", ").await;
                let sep = String::from("|");
                let b = show(["x", "y"].iter(), &sep).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `longest<'a>(a: &'a str, b: &'a str) -> &'a str` awaited on two local `String`s,
    /// the result held across another await.
    p22_lifetime_longest_borrowed {
        lower! {
            pub async fn longest<'a>(a: &'a str, b: &'a str) -> &'a str {
                step("cmp").await;
                if a.len() >= b.len() { a } else { b }
            }
        }
        lower! {
            pub async fn f(x: &'static str) -> (String, usize) {
                let s1 = String::from(x);
                let _t = Tracker::new("t");
                let s2 = format!("{}!", "hello");
                let l = longest(&s1, &s2).await;
                step("use").await;
                (l.to_uppercase(), l.len())
            }
        }
    }
    run { pair(f("hi"), f("a longer one")) }
}

twin! {
    /// `first_word(s: &str) -> &str` with elided lifetimes, called in a loop that walks a
    /// `&str` cursor into a local `String`.
    p22_elided_lifetime_first_word {
        lower! {
            pub async fn first_word(s: &str) -> &str {
                step("scan").await;
                s.split_whitespace().next().unwrap_or("")
            }
        }
        lower! {
            pub async fn f(text: &'static str) -> Vec<String> {
                let owned = text.to_string();
                let mut words = Vec::new();
                let mut rest: &str = &owned;
                while !rest.trim().is_empty() {
                    let w = first_word(rest).await;
                    words.push(w.to_string());
                    let at = rest.find(w).unwrap() + w.len();
                    rest = &rest[at..];
                    step("next").await;
                }
                words
            }
        }
    }
    run { f("  the quick  brown fox ") }
}

twin! {
    /// A generic `Stack<T>` with a lowered `&mut self` method, used with trackers.
    p22_generic_struct_method_stack {
        pub struct Stack<T> { pub items: Vec<T>, pub max: usize }
        impl<T: Debug> Stack<T> {
            lower! {
                pub async fn push_slow(&mut self, x: T) -> Option<T> {
                    step("push").await;
                    if self.items.len() >= self.max {
                        return Some(x);
                    }
                    self.items.push(x);
                    None
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, Vec<String>) {
                let mut s = Stack { items: Vec::new(), max: 2 };
                let mut rejected = Vec::new();
                for n in ["a", "b", "c", "d"] {
                    if let Some(t) = s.push_slow(Tracker::new(n)).await {
                        rejected.push(format!("{t:?}"));
                    }
                }
                step("end").await;
                (s.items.len(), rejected)
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic function over `T: Clone + PartialOrd` returning the max of awaited values,
    /// with `Option<T>` shadowed.
    p22_generic_max_of_awaited {
        lower! {
            pub async fn max_of<T: Clone + PartialOrd>(xs: &[T]) -> Option<T> {
                let mut best: Option<T> = None;
                for x in xs {
                    let x = leaf("x", x.clone()).await;
                    best = match best {
                        Some(b) if b >= x => Some(b),
                        _ => Some(x),
                    };
                }
                best
            }
        }
        lower! {
            pub async fn f() -> (Option<u32>, Option<String>, Option<u8>) {
                let _g = Tracker::new("g");
                let a = max_of(&[3, 9, 2]).await;
                let words = vec!["pear".to_string(), "zoo".into(), "apple".into()];
                let b = max_of(&words).await;
                let c = max_of::<u8>(&[]).await;
                (a, b, c)
            }
        }
    }
    run { f() }
}

twin! {
    /// A trait with a default method and a generic function calling both through `&impl`.
    p22_trait_default_method_impl_ref {
        pub trait Greeter {
            fn name(&self) -> String;
            fn greet(&self) -> String { format!("hello {}", self.name()) }
        }
        pub struct En(pub Tracker);
        impl Greeter for En {
            fn name(&self) -> String { self.0.name().to_string() }
        }
        lower! {
            pub async fn greet_all(gs: &[impl Greeter], times: u32) -> Vec<String> {
                let mut out = vec![];
                for _ in 0..times {
                    for g in gs {
                        step("greet").await;
                        out.push(g.greet());
                    }
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let gs = vec![En(Tracker::new("ann")), En(Tracker::new("bo"))];
                let r = greet_all(&gs, 2).await;
                drop(gs);
                step("end").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Box<dyn Fn(&str) -> bool>` predicate list built from closures capturing locals,
    /// applied between awaits.
    p22_boxed_predicates_filter {
        lower! {
            pub async fn f(words: Vec<&'static str>, min: usize) -> Vec<&'static str> {
                let banned = String::from("bad");
                let preds: Vec<Box<dyn Fn(&str) -> bool>> = vec![
                    Box::new(move |w: &str| w.len() >= min),
                    Box::new(move |w: &str| w != banned),
                ];
                let _g = Tracker::new("g");
                let mut keep = vec![];
                for w in words {
                    step("check").await;
                    if preds.iter().all(|p| p(w)) {
                        keep.push(w);
                    }
                }
                keep
            }
        }
    }
    run { f(vec!["a", "bad", "good", "fine", "no"], 2) }
}

twin! {
    /// An `async fn` taking `impl Fn(u32) -> Fut` and a generic `Fut`, given a lowered fn
    /// item directly (not a closure).
    p22_fn_item_as_future_factory {
        lower! {
            pub async fn double(x: u32) -> u32 {
                let _t = Tracker::new("dbl");
                step("dbl").await;
                x * 2
            }
        }
        lower! {
            pub async fn map_all<F, Fut>(xs: Vec<u32>, f: F) -> Vec<u32>
            where
                F: Fn(u32) -> Fut,
                Fut: Future<Output = u32>,
            {
                let mut out = Vec::with_capacity(xs.len());
                for x in xs.into_iter().rev() {
                    out.push(f(x).await);
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let r = map_all(vec![1, 2, 3], double).await;
                step("end").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `iter().enumerate().filter_map(..)` parsing numbers, an await per kept item.
    p22_enumerate_filter_map_parse {
        lower! {
            pub async fn f(raw: Vec<&'static str>) -> Vec<(usize, u32)> {
                let _g = Tracker::new("g");
                let parsed: Vec<(usize, u32)> = raw
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| s.trim().parse::<u32>().ok().map(|n| (i, n)))
                    .collect();
                let mut out = Vec::new();
                for (i, n) in parsed {
                    let v = leaf("scale", n * 10).await;
                    out.push((i, v));
                }
                out
            }
        }
    }
    run { f(vec!["1", "x", " 7 ", "", "42"]) }
}

twin! {
    /// `zip`, `windows(2)` and `chunks(2)` between awaits.
    p22_zip_windows_chunks {
        lower! {
            pub async fn f(a: Vec<i32>, b: Vec<i32>) -> (Vec<i32>, Vec<i32>, Vec<i32>) {
                let sums: Vec<i32> = a.iter().zip(b.iter()).map(|(x, y)| x + y).collect();
                step("zipped").await;
                let diffs: Vec<i32> = sums.windows(2).map(|w| w[1] - w[0]).collect();
                let _t = Tracker::new("t");
                step("windows").await;
                let mut chunk_sums = Vec::new();
                for c in sums.chunks(2) {
                    let s = leaf("chunk", c.iter().sum::<i32>()).await;
                    chunk_sums.push(s);
                }
                (sums, diffs, chunk_sums)
            }
        }
    }
    run { f(vec![1, 2, 3, 4, 5], vec![10, 20, 30, 40]) }
}

twin! {
    /// `fold` into a `String`, `into_iter().rev()` consuming trackers with awaits.
    p22_fold_rev_consume_trackers {
        lower! {
            pub async fn f(names: Vec<&'static str>) -> String {
                let ts: Vec<Tracker> = names.iter().map(|n| Tracker::new(n)).collect();
                let summary = ts.iter().fold(String::new(), |mut acc, t| {
                    if !acc.is_empty() { acc.push('+'); }
                    acc.push_str(t.name());
                    acc
                });
                step("folded").await;
                for t in ts.into_iter().rev() {
                    step("consume").await;
                    drop(t);
                }
                step("end").await;
                summary
            }
        }
    }
    run { f(vec!["a", "b", "c"]) }
}

twin! {
    /// `sort_by_key`, `dedup` and `retain` on a `Vec` of tuples kept across awaits.
    p22_sort_dedup_retain {
        lower! {
            pub async fn f(mut v: Vec<(u32, &'static str)>) -> Vec<(u32, &'static str)> {
                let _g = Tracker::new("g");
                v.sort_by_key(|&(k, _)| k);
                step("sorted").await;
                v.dedup_by_key(|p| p.0);
                step("dedup").await;
                let limit = leaf("limit", 5).await;
                v.retain(|&(k, _)| k <= limit);
                v
            }
        }
    }
    run { f(vec![(3, "c"), (1, "a"), (3, "cc"), (9, "z"), (1, "aa"), (5, "e")]) }
}

twin! {
    /// Word count into a `BTreeMap` with the entry API, an await per line.
    p22_btreemap_word_count {
        lower! {
            pub async fn f(text: &'static str) -> Vec<(String, usize)> {
                let mut counts: BTreeMap<String, usize> = BTreeMap::new();
                for line in text.lines() {
                    let line = leaf("line", line).await;
                    for w in line.split_whitespace() {
                        *counts.entry(w.to_lowercase()).or_insert(0) += 1;
                    }
                }
                let _t = Tracker::new("t");
                step("sort").await;
                let mut v: Vec<(String, usize)> = counts.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                v
            }
        }
    }
    run { f("The cat\nthe dog the\nCat") }
}

twin! {
    /// Group by first letter into a `HashMap<char, Vec<Tracker>>` (fixed hasher), then
    /// drain the groups in key order with awaits.
    p22_hashmap_group_trackers {
        lower! {
            pub async fn f(names: Vec<&'static str>) -> Vec<(char, usize)> {
                let mut groups: FixedMap<char, Vec<Tracker>> = FixedMap::default();
                for n in names {
                    let t = leaf("mk", Tracker::new(n)).await;
                    groups.entry(n.chars().next().unwrap()).or_default().push(t);
                }
                let mut keys: Vec<char> = groups.keys().copied().collect();
                keys.sort();
                let mut out = vec![];
                for k in keys {
                    let g = groups.remove(&k).unwrap();
                    step("group").await;
                    out.push((k, g.len()));
                }
                out
            }
        }
    }
    run { f(vec!["ab", "b1", "a2", "c", "b2"]) }
}

twin! {
    /// Collect `chars().rev()` into a `String`, `char_indices` to find vowels, `String`
    /// built with `with_capacity` and `push_str`.
    p22_string_rev_char_indices {
        lower! {
            pub async fn f(s: &'static str) -> (String, Vec<usize>, String) {
                let rev: String = s.chars().rev().collect();
                step("rev").await;
                let vowels: Vec<usize> = s.char_indices().filter(|(_, c)| "aeiou".contains(*c)).map(|(i, _)| i).collect();
                let mut buf = String::with_capacity(s.len() * 2);
                for (i, c) in s.char_indices() {
                    if vowels.contains(&i) {
                        let up = leaf("up", c.to_ascii_uppercase()).await;
                        buf.push(up);
                    } else {
                        buf.push_str(&c.to_string());
                    }
                }
                (rev, vowels, buf)
            }
        }
    }
    run { f("education") }
}

twin! {
    /// `split_whitespace` + `parse::<u32>()` with `?` into a custom error with `From`.
    p22_parse_with_custom_error {
        #[derive(Debug)]
        pub enum CalcError { Empty, Bad(String), Overflow }
        impl From<std::num::ParseIntError> for CalcError {
            fn from(e: std::num::ParseIntError) -> Self { CalcError::Bad(e.to_string()) }
        }
        lower! {
            pub async fn sum_line(line: &str) -> Result<u32, CalcError> {
                let _g = Tracker::new("line");
                if line.trim().is_empty() {
                    return Err(CalcError::Empty);
                }
                let mut total: u32 = 0;
                for tok in line.split_whitespace() {
                    let n: u32 = tok.parse()?;
                    step("tok").await;
                    total = total.checked_add(n).ok_or(CalcError::Overflow)?;
                }
                Ok(total)
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<u32, CalcError>> {
                let mut out = vec![];
                for l in ["1 2 3", "", "4 x 5", "4000000000 400000000"] {
                    out.push(sum_line(l).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `format!` with width, precision, alignment and `{:>8.2}` between awaits.
    p22_format_width_precision {
        lower! {
            pub async fn f(rows: Vec<(&'static str, f64, u32)>) -> Vec<String> {
                let _g = Tracker::new("g");
                let mut out = vec![format!("{:<6}|{:>8}|{:^5}", "name", "price", "qty")];
                for (name, price, qty) in rows {
                    let p = leaf("price", price * 1.1).await;
                    out.push(format!("{name:<6}|{p:>8.2}|{qty:^5}"));
                    out.push(format!("{:08.3}|{:+}|{:#x}|{:e}", p, qty as i32 - 3, qty, price));
                }
                out
            }
        }
    }
    run { f(vec![("tea", 2.5, 3), ("coffee", 10.0, 12)]) }
}

twin! {
    /// `write!` / `writeln!` into a `String` through `std::fmt::Write`, with `?` on
    /// `fmt::Result` mapped to a `String` error.
    p22_write_into_string {
        lower! {
            pub async fn render(items: &[(u32, &str)]) -> Result<String, fmt::Error> {
                use std::fmt::Write;
                let mut s = String::new();
                writeln!(s, "report")?;
                for (i, (n, label)) in items.iter().enumerate() {
                    step("row").await;
                    write!(s, "{i}:{label}={n:03}")?;
                    if i + 1 < items.len() {
                        s.push(';');
                    }
                }
                Ok(s)
            }
        }
        lower! {
            pub async fn f() -> Result<String, fmt::Error> {
                let _t = Tracker::new("t");
                let items = vec![(7, "a"), (42, "bb")];
                let r = render(&items).await?;
                step("done").await;
                Ok(r.to_uppercase())
            }
        }
    }
    run { f() }
}

twin! {
    /// A CSV-ish parser: `lines`, `split(',')`, `map(str::trim)`, `collect::<Vec<_>>()`,
    /// slice patterns on the fields, and `?` with `ok_or_else`.
    p22_csv_slice_pattern_fields {
        lower! {
            pub async fn f(csv: &'static str) -> Result<Vec<(String, u32)>, String> {
                let _g = Tracker::new("g");
                let mut out = vec![];
                for (no, line) in csv.lines().enumerate().skip(1) {
                    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
                    step("row").await;
                    match fields.as_slice() {
                        [name, age] => {
                            let age = age.parse::<u32>().map_err(|e| format!("line {no}: {e}"))?;
                            out.push((name.to_string(), age));
                        }
                        [name] => out.push((name.to_string(), 0)),
                        other => return Err(format!("line {no}: {} fields", other.len())),
                    }
                }
                Ok(out)
            }
        }
    }
    run { pair(f("name,age\nann, 31\nbo\ncy,4"), pair(f("h\na,1,2"), f("h\nx,q"))) }
}

twin! {
    /// A tokenizer walking `chars().peekable()` held across awaits.
    p22_peekable_tokenizer {
        #[derive(Debug, PartialEq)]
        pub enum Tok { Num(u32), Op(char), Ident(String) }
        lower! {
            pub async fn f(src: &'static str) -> Vec<Tok> {
                let _g = Tracker::new("lexer");
                let mut it = src.chars().peekable();
                let mut toks = Vec::new();
                while let Some(&c) = it.peek() {
                    if c.is_ascii_digit() {
                        let mut n = 0;
                        while let Some(d) = it.peek().and_then(|c| c.to_digit(10)) {
                            n = n * 10 + d;
                            it.next();
                        }
                        step("num").await;
                        toks.push(Tok::Num(n));
                    } else if c.is_alphabetic() {
                        let mut s = String::new();
                        while let Some(&c) = it.peek() {
                            if !c.is_alphanumeric() { break; }
                            s.push(c);
                            it.next();
                        }
                        toks.push(Tok::Ident(leaf("ident", s).await));
                    } else if c.is_whitespace() {
                        it.next();
                    } else {
                        it.next();
                        toks.push(Tok::Op(c));
                    }
                }
                toks
            }
        }
    }
    run { f("x1 + 42*(y -7)") }
}

twin! {
    /// A caesar cipher over bytes with `map`/`collect::<String>()` and an await per word.
    p22_caesar_cipher_words {
        lower! {
            pub async fn f(text: &'static str, shift: u8) -> String {
                let mut words = Vec::new();
                for w in text.split(' ') {
                    let shifted: String = w
                        .bytes()
                        .map(|b| match b {
                            b'a'..=b'z' => ((b - b'a' + shift) % 26 + b'a') as char,
                            b'A'..=b'Z' => ((b - b'A' + shift) % 26 + b'A') as char,
                            _ => b as char,
                        })
                        .collect();
                    words.push(leaf("word", shifted).await);
                }
                let _t = Tracker::new("t");
                step("join").await;
                words.join(" ")
            }
        }
    }
    run { f("Hello, World xyz", 3) }
}

twin! {
    /// Palindrome checks with `chars().filter(..).map(to_ascii_lowercase)`, `eq` on
    /// reversed iterators, `count` and `any`.
    p22_palindromes_iter_eq {
        lower! {
            pub async fn f(list: Vec<&'static str>) -> (usize, bool, Vec<bool>) {
                let mut flags = vec![];
                for s in &list {
                    let clean: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
                    step("check").await;
                    flags.push(clean.iter().eq(clean.iter().rev()));
                }
                let _g = Tracker::new("g");
                let n = flags.iter().filter(|&&b| b).count();
                step("count").await;
                (n, flags.iter().any(|b| !b), flags)
            }
        }
    }
    run { f(vec!["A man, a plan, a canal: Panama", "abc", "", "No lemon, no melon"]) }
}

twin! {
    /// Run-length encoding with `chunk_by` on a byte slice, written with `write!`.
    p22_run_length_encode {
        lower! {
            pub async fn f(s: &'static str) -> String {
                use std::fmt::Write as _;
                let mut out = String::new();
                for run in s.as_bytes().chunk_by(|a, b| a == b) {
                    let n = leaf("run", run.len()).await;
                    if n > 1 {
                        let _ = write!(out, "{n}");
                    }
                    out.push(run[0] as char);
                }
                out
            }
        }
    }
    run { pair(f("aaabccdddd"), f("")) }
}

twin! {
    /// `max_by`, `min_by_key`, `position` and `sum::<f64>()` over structs between awaits.
    p22_stats_over_structs {
        #[derive(Debug, Clone)]
        pub struct Student { pub name: &'static str, pub score: f64 }
        lower! {
            pub async fn f(xs: Vec<Student>) -> (String, String, Option<usize>, String) {
                let _g = Tracker::new("g");
                let best = xs.iter().max_by(|a, b| a.score.partial_cmp(&b.score).unwrap()).unwrap().clone();
                step("best").await;
                let worst = xs.iter().min_by_key(|s| (s.score * 100.0) as i64).map(|s| s.name).unwrap();
                let pos = xs.iter().position(|s| s.name == "cy");
                let avg = leaf("avg", xs.iter().map(|s| s.score).sum::<f64>() / xs.len() as f64).await;
                (best.name.to_string(), worst.to_string(), pos, format!("{avg:.2}"))
            }
        }
    }
    run { f(vec![Student { name: "ann", score: 81.5 }, Student { name: "bo", score: 92.25 }, Student { name: "cy", score: 60.0 }]) }
}

twin! {
    /// `flat_map`, `take_while`, `skip_while` and `step_by` chains consumed after awaits.
    p22_flat_map_take_while {
        lower! {
            pub async fn f(n: u32) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
                let grid: Vec<Vec<u32>> = (1..=n).map(|i| (0..i).collect()).collect();
                step("grid").await;
                let flat: Vec<u32> = grid.iter().flat_map(|r| r.iter().copied()).collect();
                let _t = Tracker::new("t");
                let head: Vec<u32> = flat.iter().copied().take_while(|&x| x < 2).collect();
                step("head").await;
                let tail: Vec<u32> = flat.iter().copied().skip_while(|&x| x < 2).step_by(2).collect();
                (flat, head, leaf("tail", tail).await)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// `Option::take` on a field across awaits: the old value dropped after an await.
    p22_option_take_field {
        pub struct Slot { pub cur: Option<Tracker>, pub swaps: u32 }
        lower! {
            pub async fn f(names: Vec<&'static str>) -> (u32, Option<&'static str>) {
                let mut s = Slot { cur: None, swaps: 0 };
                for n in names {
                    let old = s.cur.take();
                    let t = leaf("make", Tracker::new(n)).await;
                    if let Some(o) = old {
                        log(format!("replacing {}", o.name()));
                        step("retire").await;
                        s.swaps += 1;
                    }
                    s.cur = Some(t);
                }
                step("end").await;
                (s.swaps, s.cur.as_ref().map(|t| t.name()))
            }
        }
    }
    run { f(vec!["a", "b", "c"]) }
}

twin! {
    /// `mem::replace` and `mem::swap` on trackers between awaits.
    p22_mem_replace_and_swap {
        lower! {
            pub async fn f() -> (&'static str, &'static str, &'static str) {
                let mut a = Tracker::new("a");
                let mut b = Tracker::new("b");
                step("s1").await;
                std::mem::swap(&mut a, &mut b);
                step("s2").await;
                let old = std::mem::replace(&mut a, Tracker::new("a2"));
                step("s3").await;
                let on = old.name();
                drop(old);
                step("s4").await;
                (a.name(), b.name(), on)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Rc<RefCell<Vec<..>>>` shared between a helper and the caller; every borrow guard
    /// ends before the next await.
    p22_rc_refcell_shared_log {
        lower! {
            pub async fn worker(id: u32, shared: std::rc::Rc<std::cell::RefCell<Vec<String>>>) -> usize {
                step("work").await;
                shared.borrow_mut().push(format!("w{id}"));
                step("more").await;
                let n = shared.borrow().len();
                n
            }
        }
        lower! {
            pub async fn f() -> (Vec<usize>, Vec<String>, usize) {
                use std::rc::Rc;
                use std::cell::RefCell;
                let shared = Rc::new(RefCell::new(Vec::new()));
                let _g = Tracker::new("g");
                let mut ns = vec![];
                for id in 0..3 {
                    ns.push(worker(id, Rc::clone(&shared)).await);
                }
                {
                    let mut v = shared.borrow_mut();
                    v.reverse();
                }
                step("end").await;
                let count = Rc::strong_count(&shared);
                let v = shared.borrow().clone();
                (ns, v, count)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Rc<RefCell<Tracker-holding struct>>` cloned into an `async move` block, awaited,
    /// then unwrapped with `Rc::try_unwrap`.
    p22_rc_try_unwrap_after_block {
        pub struct Acc { pub total: u32, pub _g: Tracker }
        lower! {
            pub async fn f(xs: Vec<u32>) -> Result<u32, String> {
                use std::rc::Rc;
                use std::cell::RefCell;
                let acc = Rc::new(RefCell::new(Acc { total: 0, _g: Tracker::new("acc") }));
                let a2 = acc.clone();
                let fut = async move {
                    for x in xs {
                        step("add").await;
                        a2.borrow_mut().total += x;
                    }
                };
                fut.await;
                step("after").await;
                match Rc::try_unwrap(acc) {
                    Ok(cell) => Ok(cell.into_inner().total),
                    Err(_) => Err("still shared".into()),
                }
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// A `Cell<u32>` counter bumped by a closure and read after awaits.
    p22_cell_counter_closure {
        lower! {
            pub async fn f(n: u32) -> (u32, u32) {
                let hits = std::cell::Cell::new(0u32);
                let bump = || hits.set(hits.get() + 1);
                let _t = Tracker::new("t");
                for i in 0..n {
                    if i % 2 == 0 {
                        bump();
                    }
                    step("tick").await;
                }
                bump();
                let h = hits.get();
                step("end").await;
                (h, hits.replace(100))
            }
        }
    }
    run { f(5) }
}

twin! {
    /// A `Box<Tracker>` moved into a helper and back out, then dereferenced.
    p22_box_moved_in_and_out {
        lower! {
            pub async fn roundtrip(b: Box<Tracker>) -> Box<Tracker> {
                step("inside").await;
                b
            }
        }
        lower! {
            pub async fn f() -> &'static str {
                let b = Box::new(Tracker::new("boxed"));
                let _other = Tracker::new("other");
                let b = roundtrip(b).await;
                step("mid").await;
                let t: Tracker = *b;
                step("unboxed").await;
                t.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec::drain(..)` in a `for` loop with an await per element and an early `break`
    /// (the rest of the drained range drops when the `Drain` drops).
    p22_vec_drain_loop_break {
        lower! {
            pub async fn f(stop: &'static str) -> (Vec<&'static str>, usize) {
                let mut v: Vec<Tracker> = ["a", "b", "c", "d"].into_iter().map(Tracker::new).collect();
                let mut seen = vec![];
                for t in v.drain(1..3) {
                    step("drained").await;
                    if t.name() == stop {
                        break;
                    }
                    seen.push(t.name());
                }
                step("after").await;
                (seen, v.len())
            }
        }
    }
    run { pair(f("b"), f("zz")) }
}

twin! {
    /// A `VecDeque` round-robin: `rotate_left`, `pop_front`/`push_back` of trackers.
    p22_vecdeque_round_robin {
        lower! {
            pub async fn f(rounds: u32) -> Vec<&'static str> {
                let mut q: VecDeque<(Tracker, u32)> = VecDeque::new();
                for (n, w) in [("p", 2), ("q", 1), ("r", 3)] {
                    q.push_back((Tracker::new(n), w));
                }
                q.rotate_left(1);
                let mut order = vec![];
                for _ in 0..rounds {
                    let Some((t, left)) = q.pop_front() else { break };
                    step(t.name()).await;
                    order.push(t.name());
                    if left > 1 {
                        q.push_back((t, left - 1));
                    }
                }
                step("end").await;
                order
            }
        }
    }
    run { pair(f(4), f(10)) }
}

twin! {
    /// Moving out of a `Vec` by `pop` and `swap_remove` between awaits.
    p22_pop_and_swap_remove {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v: Vec<Tracker> = ["a", "b", "c", "d", "e"].into_iter().map(Tracker::new).collect();
                let mut out = vec![];
                let last = v.pop().unwrap();
                step("popped").await;
                out.push(last.name());
                let mid = v.swap_remove(1);
                step("swapped").await;
                out.push(mid.name());
                drop(last);
                step("dropped").await;
                out.extend(v.iter().map(|t| t.name()));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing a moved value: `let t = wrap(t).await;` twice, then a shadow of another
    /// type.
    p22_shadow_after_move {
        pub struct Wrapped(pub Tracker, pub u32);
        lower! {
            pub async fn wrap(t: Tracker, n: u32) -> Wrapped {
                step("wrap").await;
                Wrapped(t, n)
            }
        }
        lower! {
            pub async fn f() -> (u32, &'static str) {
                let t = Tracker::new("t");
                let t = wrap(t, 1).await;
                step("a").await;
                let t = wrap(t.0, t.1 + 1).await;
                let n = t.1;
                let t = t.0.name();
                step("b").await;
                (n, t)
            }
        }
    }
    run { f() }
}

twin! {
    /// A builder with `&mut self -> &mut Self` chaining between awaits.
    p22_builder_mut_self_chain {
        #[derive(Default, Debug)]
        pub struct Req { pub url: String, pub headers: Vec<(String, String)>, pub retries: u32 }
        impl Req {
            pub fn url(&mut self, u: &str) -> &mut Self { self.url = u.into(); self }
            pub fn header(&mut self, k: &str, v: &str) -> &mut Self { self.headers.push((k.into(), v.into())); self }
            pub fn retries(&mut self, n: u32) -> &mut Self { self.retries = n; self }
        }
        lower! {
            pub async fn f() -> Req {
                let _g = Tracker::new("g");
                let mut r = Req::default();
                r.url("http://x").header("a", "1");
                let tok = leaf("token", "secret").await;
                r.header("auth", tok).retries(3);
                step("sent").await;
                let n = r.headers.len().to_string();
                r.retries(r.retries + 1).header("n", &n);
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A linked list of `Option<Box<Node>>` built and walked with `as_ref`/`take` between
    /// awaits.
    p22_boxed_linked_list_take {
        pub struct Node { pub v: u32, pub t: Tracker, pub next: Option<Box<Node>> }
        lower! {
            pub async fn f(n: u32) -> (Vec<u32>, u32) {
                let names = ["n0", "n1", "n2", "n3"];
                let mut head: Option<Box<Node>> = None;
                for i in 0..n {
                    let t = leaf("alloc", Tracker::new(names[i as usize])).await;
                    head = Some(Box::new(Node { v: i, t, next: head }));
                }
                let mut seen = vec![];
                let mut cur = head.as_ref();
                while let Some(node) = cur {
                    seen.push(node.v);
                    cur = node.next.as_ref();
                }
                step("walked").await;
                let mut popped = 0;
                while let Some(mut node) = head.take() {
                    head = node.next.take();
                    step(node.t.name()).await;
                    popped += 1;
                    if popped == 2 { break; }
                }
                (seen, popped)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// `Option<Box<Tracker>>` replaced with `get_or_insert_with` and `replace`.
    p22_option_get_or_insert_replace {
        lower! {
            pub async fn f(flag: bool) -> Vec<&'static str> {
                let mut cache: Option<Tracker> = None;
                let mut out = vec![];
                if flag {
                    cache = Some(Tracker::new("first"));
                }
                step("a").await;
                out.push(cache.get_or_insert_with(|| Tracker::new("lazy")).name());
                step("b").await;
                let old = cache.replace(Tracker::new("new"));
                out.push(old.as_ref().map_or("none", |t| t.name()));
                step("c").await;
                out.push(cache.as_ref().unwrap().name());
                out
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A struct method chain taking `&mut self` that awaits, then a `self` consuming
    /// method returning the parts.
    p22_inventory_methods {
        pub struct Inv { pub items: Vec<(String, u32)>, pub log: Vec<String>, pub _g: Tracker }
        impl Inv {
            lower! {
                pub async fn add(&mut self, name: &str, n: u32) -> &mut Self {
                    step("add").await;
                    match self.items.iter_mut().find(|(k, _)| k == name) {
                        Some((_, c)) => *c += n,
                        None => self.items.push((name.to_string(), n)),
                    }
                    self.log.push(format!("+{n} {name}"));
                    self
                }
            }
            lower! {
                pub async fn take(&mut self, name: &str, n: u32) -> Result<u32, String> {
                    step("take").await;
                    let slot = self.items.iter_mut().find(|(k, _)| k == name).ok_or(format!("no {name}"))?;
                    if slot.1 < n {
                        return Err(format!("only {} {name}", slot.1));
                    }
                    slot.1 -= n;
                    Ok(slot.1)
                }
            }
            pub fn finish(self) -> (Vec<(String, u32)>, Vec<String>) { (self.items, self.log) }
        }
        lower! {
            pub async fn f() -> (Vec<Result<u32, String>>, Vec<(String, u32)>, Vec<String>) {
                let mut inv = Inv { items: vec![], log: vec![], _g: Tracker::new("inv") };
                inv.add("apple", 3).await;
                inv.add("pear", 1).await.log.push("chained".into());
                inv.add("apple", 2).await;
                let mut rs = vec![];
                rs.push(inv.take("apple", 4).await);
                rs.push(inv.take("pear", 2).await);
                rs.push(inv.take("kiwi", 1).await);
                let (items, log) = inv.finish();
                (rs, items, log)
            }
        }
    }
    run { f() }
}

twin! {
    /// Swapping two halves of a struct with `mem::take` on `Vec` fields and `mem::swap` on
    /// fields across awaits.
    p22_mem_take_fields {
        #[derive(Default)]
        pub struct Buffers { pub front: Vec<Tracker>, pub back: Vec<Tracker> }
        lower! {
            pub async fn f() -> (usize, usize, Vec<&'static str>) {
                let mut b = Buffers::default();
                b.back.push(Tracker::new("x"));
                b.back.push(Tracker::new("y"));
                step("fill").await;
                std::mem::swap(&mut b.front, &mut b.back);
                b.back.push(Tracker::new("z"));
                step("swap").await;
                let taken = std::mem::take(&mut b.front);
                let names: Vec<&'static str> = taken.iter().map(|t| t.name()).collect();
                step("take").await;
                drop(taken);
                step("end").await;
                (b.front.len(), b.back.len(), names)
            }
        }
    }
    run { f() }
}

twin! {
    /// Moving a tracker in and out of an `Option` in a struct field via `if let Some(x) =
    /// s.f.take()`, with the struct kept across awaits.
    p22_if_let_take_field_then_restore {
        pub struct Holder { pub t: Option<Tracker>, pub n: u32 }
        lower! {
            pub async fn f(rounds: u32) -> (u32, bool) {
                let mut h = Holder { t: Some(Tracker::new("held")), n: 0 };
                for _ in 0..rounds {
                    if let Some(t) = h.t.take() {
                        step("use").await;
                        h.n += 1;
                        if h.n < 2 {
                            h.t = Some(t);
                        }
                    } else {
                        step("empty").await;
                    }
                }
                (h.n, h.t.is_some())
            }
        }
    }
    run { pair(f(3), f(1)) }
}

twin! {
    /// Nested labelled loops with an await in the inner `while` condition and a
    /// `continue 'outer`.
    p22_labelled_loops_await_in_condition {
        lower! {
            pub async fn f(grid: Vec<Vec<i32>>) -> (Vec<(usize, usize)>, i32) {
                let _g = Tracker::new("g");
                let mut hits = vec![];
                let mut sum = 0;
                'outer: for (r, row) in grid.iter().enumerate() {
                    let mut c = 0;
                    while c < row.len() && leaf("more", true).await {
                        let x = row[c];
                        if x < 0 {
                            continue 'outer;
                        }
                        if x == 0 {
                            break 'outer;
                        }
                        sum += x;
                        hits.push((r, c));
                        c += 1;
                    }
                    step("row").await;
                }
                (hits, sum)
            }
        }
    }
    run { pair(f(vec![vec![1, 2], vec![3, -1, 4], vec![5, 0, 6], vec![7]]), f(vec![vec![], vec![9]])) }
}

twin! {
    /// `while let Some(x) = it.next()` over a `vec::IntoIter<Tracker>` held across awaits,
    /// leaving the rest in the iterator at a `break`.
    p22_while_let_into_iter_held {
        lower! {
            pub async fn f(stop: &'static str) -> Vec<&'static str> {
                let v: Vec<Tracker> = ["a", "b", "c", "d"].into_iter().map(Tracker::new).collect();
                let mut it = v.into_iter();
                let mut seen = vec![];
                while let Some(t) = it.next() {
                    step("item").await;
                    if t.name() == stop {
                        break;
                    }
                    seen.push(t.name());
                }
                step("after").await;
                let rest = it.len();
                log(format!("rest {rest}"));
                seen
            }
        }
    }
    run { pair(f("b"), f("none")) }
}

twin! {
    /// `match` on a tuple of awaited values with guards and wildcards (FizzBuzz shape).
    p22_match_tuple_fizzbuzz {
        lower! {
            pub async fn f(n: u32) -> Vec<String> {
                let mut out = vec![];
                for i in 1..=n {
                    let key = (leaf("m3", i % 3).await, i % 5);
                    let s = match key {
                        (0, 0) => "FizzBuzz".to_string(),
                        (0, _) => "Fizz".to_string(),
                        (_, 0) => {
                            step("buzz").await;
                            "Buzz".to_string()
                        }
                        (a, b) if a == b => format!("{i}="),
                        _ => i.to_string(),
                    };
                    out.push(s);
                }
                out
            }
        }
    }
    run { f(15) }
}

twin! {
    /// Slice patterns `[first, rest @ ..]` in a recursive-style loop, `[.., last]` and
    /// `[a, b, ..]`.
    p22_slice_pattern_rest_loop {
        lower! {
            pub async fn f(v: Vec<u32>) -> (u32, Option<u32>, String) {
                let _g = Tracker::new("g");
                let mut total = 0;
                let mut cur: &[u32] = &v;
                while let [first, rest @ ..] = cur {
                    total += leaf("first", *first).await;
                    cur = rest;
                }
                let last = match v.as_slice() {
                    [.., last] => Some(*last),
                    [] => None,
                };
                step("last").await;
                let shape = match &v[..] {
                    [] => "empty".to_string(),
                    [one] => format!("one {one}"),
                    [a, b, ..] if a > b => format!("desc {a}>{b}"),
                    [a, .., z] => format!("{a}..{z}"),
                };
                (total, last, shape)
            }
        }
    }
    run { pair(f(vec![1, 2, 3]), pair(f(vec![]), f(vec![9, 4]))) }
}

twin! {
    /// `if let .. else if let .. else` chains with awaits in each branch.
    p22_if_let_else_if_let_chain {
        pub enum Msg { Text(String), Num(i64), Pair(u8, u8), Quit }
        lower! {
            pub async fn f(msgs: Vec<Msg>) -> Vec<String> {
                let _g = Tracker::new("g");
                let mut out = vec![];
                for m in msgs {
                    if let Msg::Text(s) = &m {
                        out.push(leaf("text", s.to_uppercase()).await);
                    } else if let Msg::Num(n @ 0..) = m {
                        step("pos").await;
                        out.push(format!("+{n}"));
                    } else if let Msg::Pair(a, b) = m {
                        out.push(format!("{}", a as u32 + leaf("b", b as u32).await));
                    } else if let Msg::Quit = m {
                        break;
                    } else {
                        step("neg").await;
                        out.push("neg".into());
                    }
                }
                out
            }
        }
    }
    run { f(vec![Msg::Text("hi".into()), Msg::Num(5), Msg::Num(-2), Msg::Pair(3, 4), Msg::Quit, Msg::Num(1)]) }
}

twin! {
    /// Early `return` from inside nested `match`es with trackers in several scopes.
    p22_early_return_nested_match {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, &'static str>) -> String {
                let _outer = Tracker::new("outer");
                match a {
                    Some(x) => {
                        let _inner = Tracker::new("inner");
                        step("some").await;
                        match b {
                            Ok(y) if y == x => return format!("same {x}"),
                            Ok(y) => {
                                let z = leaf("z", x + y).await;
                                if z > 10 {
                                    return format!("big {z}");
                                }
                            }
                            Err(e) => {
                                step("err").await;
                                return format!("err {e}");
                            }
                        }
                        step("fall").await;
                    }
                    None => step("none").await,
                }
                "end".to_string()
            }
        }
    }
    run { pair(pair(f(Some(3), Ok(3)), f(Some(5), Ok(9))), pair(pair(f(Some(1), Ok(2)), f(Some(1), Err("x"))), f(None, Ok(1)))) }
}

twin! {
    /// `?` inside a `for` loop over lowered fallible calls, with a guard per iteration.
    p22_question_mark_in_loop_guard {
        lower! {
            pub async fn check(n: u32) -> Result<u32, String> {
                step("check").await;
                if n % 4 == 0 { Err(format!("bad {n}")) } else { Ok(n * n) }
            }
        }
        lower! {
            pub async fn f(xs: Vec<u32>) -> Result<u32, String> {
                let _outer = Tracker::new("outer");
                let mut acc = 0;
                for x in xs {
                    let _it = Tracker::new("iter");
                    acc += check(x).await?;
                    step("ok").await;
                }
                Ok(acc)
            }
        }
    }
    run { pair(f(vec![1, 2, 3]), f(vec![1, 8, 3])) }
}

twin! {
    /// `break` with a value out of a `loop` that awaits, the value a tracker.
    p22_break_value_tracker {
        lower! {
            pub async fn f(limit: u32) -> (u32, &'static str) {
                let mut n = 0;
                let found = loop {
                    let t = leaf("probe", Tracker::new(["p0", "p1", "p2", "p3"][n as usize % 4])).await;
                    n += 1;
                    if n >= limit {
                        break t;
                    }
                    step("retry").await;
                };
                step("found").await;
                (n, found.name())
            }
        }
    }
    run { pair(f(3), f(1)) }
}

twin! {
    /// `let .. else` with an await in the scrutinee and in the `else` block before it
    /// diverges.
    p22_let_else_await_both_sides {
        lower! {
            pub async fn f(input: &'static str) -> Result<(String, u32), String> {
                let _g = Tracker::new("g");
                let Some((name, age)) = leaf("split", input.split_once(':')).await else {
                    step("reject").await;
                    return Err(format!("no colon in {input:?}"));
                };
                let Ok(age) = age.parse::<u32>() else {
                    let _t = Tracker::new("bad");
                    step("bad").await;
                    return Err(format!("bad age {age:?}"));
                };
                step("ok").await;
                Ok((name.to_string(), age))
            }
        }
    }
    run { pair(f("ann:3"), pair(f("bob"), f("cy:x"))) }
}

twin! {
    /// A `boom` inside a loop after some iterations: locals from the loop body and the
    /// function unwind in order.
    p22_boom_in_loop_unwind {
        lower! {
            pub async fn f(at: u32) -> u32 {
                let _a = Tracker::new("a");
                let mut sum = 0;
                for i in 0..4 {
                    let _it = Tracker::new("it");
                    if i == at {
                        sum += boom("bang").await;
                    }
                    sum += leaf("x", i).await;
                }
                let _b = Tracker::new("b");
                step("end").await;
                sum
            }
        }
    }
    run { f(2) }
}

twin! {
    /// `unwrap()` on a `None` returned by an await panics with trackers live.
    p22_unwrap_none_after_await {
        lower! {
            pub async fn f(k: &'static str) -> u32 {
                let mut m = BTreeMap::new();
                m.insert("a", 1u32);
                let _g = Tracker::new("g");
                let found = leaf("lookup", m.get(k).copied()).await;
                let _h = Tracker::new("h");
                step("before").await;
                found.unwrap() + 1
            }
        }
    }
    run { f("zz") }
}

twin! {
    /// A plain `panic!` in a `match` arm after an await, with a temporary tracker in the
    /// scrutinee.
    p22_panic_in_match_arm {
        pub fn make(n: u32) -> (Tracker, u32) { (Tracker::new("tmp"), n) }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _g = Tracker::new("g");
                match make(n).1 {
                    0 => 0,
                    1 => {
                        step("one").await;
                        panic!("one is not allowed");
                    }
                    k => leaf("k", k).await,
                }
            }
        }
    }
    run { pair(f(5), f(1)) }
}

twin! {
    /// A `boom` awaited as an argument of a call whose earlier argument owns a tracker.
    p22_boom_as_later_argument {
        pub fn combine(t: Tracker, n: u32) -> u32 { drop(t); n }
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let a = combine(Tracker::new("ok"), leaf("x", 1).await);
                let b = combine(Tracker::new("arg"), boom("late").await);
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic inside a loop over `drain(..)` with the `Drain` live.
    p22_panic_during_drain {
        lower! {
            pub async fn f() -> usize {
                let mut v: Vec<Tracker> = ["a", "b", "c"].into_iter().map(Tracker::new).collect();
                let _g = Tracker::new("g");
                for t in v.drain(..) {
                    step(t.name()).await;
                    if t.name() == "b" {
                        boom("drain").await;
                    }
                }
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Recursive sum over a tree with `Box::pin(async move { .. })`.
    p22_box_pin_tree_sum {
        pub enum Tree { Leaf(u32), Node(Box<Tree>, Box<Tree>) }
        lower! {
            pub async fn sum(t: &Tree) -> u32 {
                match t {
                    Tree::Leaf(v) => leaf("leaf", *v).await,
                    Tree::Node(l, r) => {
                        let a = Box::pin(sum(l)).await;
                        let b = Box::pin(sum(r)).await;
                        a + b
                    }
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let t = Tree::Node(Box::new(Tree::Leaf(1)), Box::new(Tree::Node(Box::new(Tree::Leaf(2)), Box::new(Tree::Leaf(3)))));
                sum(&t).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Mutual recursion `is_even`/`is_odd` through boxed futures.
    p22_mutual_recursion_even_odd {
        lower! {
            pub async fn is_even(n: u32) -> bool {
                if n == 0 { return true; }
                step("even").await;
                Box::pin(is_odd(n - 1)).await
            }
        }
        lower! {
            pub async fn is_odd(n: u32) -> bool {
                if n == 0 { return false; }
                let _t = Tracker::new("odd");
                Box::pin(is_even(n - 1)).await
            }
        }
    }
    run { pair(is_even(4), is_odd(3)) }
}

twin! {
    /// A recursive walk that fills a `&mut Vec<String>` accumulator (permutations).
    p22_recursive_permutations_acc {
        lower! {
            pub async fn permute(prefix: String, rest: Vec<char>, out: &mut Vec<String>) {
                if rest.is_empty() {
                    step("emit").await;
                    out.push(prefix);
                    return;
                }
                for i in 0..rest.len() {
                    let mut r = rest.clone();
                    let c = r.remove(i);
                    let mut p = prefix.clone();
                    p.push(c);
                    Box::pin(permute(p, r, out)).await;
                }
            }
        }
        lower! {
            pub async fn f(s: &'static str) -> Vec<String> {
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                permute(String::new(), s.chars().collect(), &mut out).await;
                out
            }
        }
    }
    run { f("abc") }
}

twin! {
    /// A `Box::pin(async move { .. })` recursion returning `Pin<Box<dyn Future>>` from a
    /// plain fn (the classic workaround), called from a lowered body.
    p22_boxed_dyn_recursion_fib {
        pub fn fib(n: u32) -> Pin<Box<dyn Future<Output = u64>>> {
            Box::pin(async move {
                if n < 2 {
                    return leaf("base", n as u64).await;
                }
                fib(n - 1).await + fib(n - 2).await
            })
        }
        lower! {
            pub async fn f(n: u32) -> (u64, u64) {
                let _t = Tracker::new("t");
                let a = fib(n).await;
                step("between").await;
                let b = fib(n + 1).await;
                (a, b)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// `futures::future::join_all` over a `Vec` of lowered calls, each with a guard.
    p22_join_all_lowered_calls {
        lower! {
            pub async fn fetch(id: u32) -> String {
                let _c = Tracker::new(["c0", "c1", "c2"][id as usize % 3]);
                step("fetch").await;
                let n = leaf("len", id * 3).await;
                format!("{id}:{n}")
            }
        }
        lower! {
            pub async fn f(n: u32) -> Vec<String> {
                let _g = Tracker::new("g");
                let futs: Vec<_> = (0..n).map(fetch).collect();
                let mut rs = futures::future::join_all(futs).await;
                step("joined").await;
                rs.sort();
                rs
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `futures::join!` of two lowered calls borrowing the same local immutably.
    p22_futures_join_two_borrowers {
        lower! {
            pub async fn count(xs: &[u32], name: &'static str) -> usize {
                let mut n = 0;
                for x in xs {
                    step(name).await;
                    if x % 2 == 0 { n += 1; }
                }
                n
            }
        }
        lower! {
            pub async fn f() -> (usize, usize) {
                let data = vec![1, 2, 3, 4, 6];
                let _g = Tracker::new("g");
                let (a, b) = futures::join!(count(&data[..2], "left"), count(&data[2..], "right"));
                step("end").await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `futures::channel::mpsc` unbounded channel: a sender filled between awaits, then
    /// drained with `StreamExt::next`.
    p22_mpsc_unbounded_drain {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                use futures::StreamExt;
                let (tx, mut rx) = futures::channel::mpsc::unbounded::<u32>();
                let _g = Tracker::new("g");
                for i in 0..n {
                    let v = leaf("produce", i * i).await;
                    tx.unbounded_send(v).unwrap();
                }
                drop(tx);
                let mut out = vec![];
                while let Some(v) = rx.next().await {
                    step("consume").await;
                    out.push(v);
                }
                out
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `futures::future::select` between two boxed lowered calls; the loser is dropped.
    p22_select_drops_loser {
        lower! {
            pub async fn slow(name: &'static str, n: u32) -> &'static str {
                let _t = Tracker::new(name);
                for _ in 0..n {
                    step(name).await;
                }
                name
            }
        }
        lower! {
            pub async fn f() -> &'static str {
                use futures::future::Either;
                let a = Box::pin(slow("fast", 1));
                let b = Box::pin(slow("slow", 4));
                let w = match futures::future::select(a, b).await {
                    Either::Left((w, _rest)) => w,
                    Either::Right((w, _rest)) => w,
                };
                step("after").await;
                w
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple pattern as a parameter, one element ignored with `_` (it stays in the
    /// argument and drops at the end, after the body's locals).
    p22_tuple_pattern_param_underscore {
        lower! {
            pub async fn f((a, _): (Tracker, Tracker), n: u32) -> &'static str {
                let _l = Tracker::new("local");
                step("s").await;
                let name = a.name();
                for _ in 0..n {
                    step("loop").await;
                }
                name
            }
        }
    }
    run { f((Tracker::new("a"), Tracker::new("ignored")), 2) }
}

twin! {
    /// A struct pattern as a parameter binding some fields, the rest left with `..`.
    p22_struct_pattern_param_rest {
        pub struct Job { pub id: u32, pub owner: Tracker, pub payload: Tracker }
        lower! {
            pub async fn run_job(Job { id, owner, .. }: Job) -> String {
                step("start").await;
                let s = format!("{id} by {}", owner.name());
                drop(owner);
                step("end").await;
                s
            }
        }
        lower! {
            pub async fn f() -> String {
                let j = Job { id: 7, owner: Tracker::new("owner"), payload: Tracker::new("payload") };
                let _g = Tracker::new("g");
                let r = run_job(j).await;
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A `mut` binding parameter and a `ref`-free tuple struct pattern parameter.
    p22_tuple_struct_pattern_param {
        pub struct Pt(pub i32, pub i32);
        lower! {
            pub async fn dist(Pt(x1, y1): Pt, Pt(x2, y2): Pt, mut scale: i32) -> i32 {
                step("d").await;
                scale += 1;
                let dx = (x2 - x1).abs();
                let dy = leaf("dy", (y2 - y1).abs()).await;
                (dx + dy) * scale
            }
        }
    }
    run { pair(dist(Pt(0, 0), Pt(3, 4), 1), dist(Pt(-1, 2), Pt(1, -2), 0)) }
}

twin! {
    /// A type with its own `Drop` impl logging its state, mutated across awaits.
    p22_custom_drop_impl_state {
        pub struct Conn { pub id: u32, pub sent: u32 }
        impl Drop for Conn {
            fn drop(&mut self) { log(format!("close conn {} after {} sends", self.id, self.sent)); }
        }
        impl Conn {
            lower! {
                pub async fn send(&mut self, msg: &str) -> usize {
                    step("send").await;
                    self.sent += 1;
                    msg.len()
                }
            }
        }
        lower! {
            pub async fn f(msgs: Vec<&'static str>) -> usize {
                let mut c1 = Conn { id: 1, sent: 0 };
                let mut c2 = Conn { id: 2, sent: 0 };
                let mut total = 0;
                for (i, m) in msgs.iter().enumerate() {
                    let c = if i % 2 == 0 { &mut c1 } else { &mut c2 };
                    total += c.send(m).await;
                }
                drop(c1);
                step("after").await;
                total + c2.sent as usize
            }
        }
    }
    run { f(vec!["hi", "there", "x"]) }
}

twin! {
    /// An array of trackers consumed by `for t in arr` (by value) with a `break`: the
    /// rest drop with the array iterator.
    p22_array_into_iter_break {
        lower! {
            pub async fn f(stop: usize) -> Vec<&'static str> {
                let arr = [Tracker::new("a0"), Tracker::new("a1"), Tracker::new("a2")];
                let mut out = vec![];
                for (i, t) in arr.into_iter().enumerate() {
                    step("item").await;
                    if i == stop {
                        break;
                    }
                    out.push(t.name());
                }
                step("after").await;
                out
            }
        }
    }
    run { pair(f(1), f(5)) }
}

// Known gap: DROP ORDER: an array destructured by `let [a, b, c] = arr;` after an await: dropped at that await, the native coroutine drops its elements last to first, the lowering first to last.
#[cfg(feature = "known-gaps")]
twin! {
    /// An array destructured fully `let [a, b, c] = arr;` then moved one by one across
    /// awaits.
    p22_array_destructure_all {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let arr = [Tracker::new("x"), Tracker::new("y"), Tracker::new("z")];
                step("made").await;
                let [a, b, c] = arr;
                let mut out = vec![b.name()];
                drop(b);
                step("b").await;
                out.push(c.name());
                step("c").await;
                out.push(a.name());
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Result<_, Box<dyn Error>>` with `?` on a parse error, a custom error and a
    /// `TryFrom` error.
    p22_box_dyn_error_question {
        #[derive(Debug)]
        pub struct TooBig(pub u64);
        impl fmt::Display for TooBig {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{} is too big", self.0) }
        }
        impl std::error::Error for TooBig {}
        lower! {
            pub async fn parse_small(s: &str) -> Result<u8, Box<dyn std::error::Error>> {
                let _g = Tracker::new("g");
                let n: u64 = s.trim().parse()?;
                step("parsed").await;
                if n > 1000 {
                    return Err(Box::new(TooBig(n)));
                }
                let small = u8::try_from(n)?;
                step("small").await;
                Ok(small)
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut out = vec![];
                for s in ["12", "x", "5000", "300"] {
                    match parse_small(s).await {
                        Ok(n) => out.push(format!("ok {n}")),
                        Err(e) => out.push(format!("err {e}")),
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `collect::<Result<Vec<_>, _>>()` then `?`, and `Option` `?` in a fn returning
    /// `Option`.
    p22_collect_result_then_question {
        lower! {
            pub async fn nums(line: &str) -> Result<Vec<u32>, std::num::ParseIntError> {
                step("read").await;
                let v: Result<Vec<u32>, _> = line.split(',').map(|s| s.parse::<u32>()).collect();
                let v = v?;
                step("ok").await;
                Ok(v)
            }
        }
        lower! {
            pub async fn first_even(line: &str) -> Option<u32> {
                let _g = Tracker::new("g");
                let v = nums(line).await.ok()?;
                step("scan").await;
                let e = v.iter().find(|x| *x % 2 == 0)?;
                Some(*e * 100)
            }
        }
    }
    run { pair(pair(first_even("1,3,4"), first_even("1,x")), first_even("1,3")) }
}

twin! {
    /// A custom `Iterator` owning a tracker, driven by `for` with awaits in the body.
    p22_custom_iterator_owns_tracker {
        pub struct Countdown { pub n: u32, pub _t: Tracker }
        impl Iterator for Countdown {
            type Item = u32;
            fn next(&mut self) -> Option<u32> {
                if self.n == 0 { None } else { self.n -= 1; Some(self.n) }
            }
        }
        lower! {
            pub async fn f(from: u32, stop: u32) -> Vec<u32> {
                let mut out = vec![];
                for x in (Countdown { n: from, _t: Tracker::new("cd") }) {
                    let y = leaf("y", x * 2).await;
                    if x == stop {
                        break;
                    }
                    out.push(y);
                }
                let _after = Tracker::new("after");
                step("end").await;
                out
            }
        }
    }
    run { pair(f(4, 1), f(2, 9)) }
}

twin! {
    /// `self: Box<Self>` receiver on a lowered method.
    p22_box_self_receiver {
        pub struct Task { pub name: &'static str, pub _t: Tracker }
        impl Task {
            lower! {
                pub async fn run(self: Box<Self>, n: u32) -> String {
                    step("run").await;
                    let s = format!("{}x{n}", self.name);
                    step("done").await;
                    s
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let tasks = vec![Box::new(Task { name: "a", _t: Tracker::new("ta") }), Box::new(Task { name: "b", _t: Tracker::new("tb") })];
                let mut out = vec![];
                for (i, t) in tasks.into_iter().enumerate() {
                    out.push(t.run(i as u32).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `self: Rc<Self>` receiver cloned into the machine, `Rc::strong_count` observed.
    p22_rc_self_receiver {
        pub struct Svc { pub name: &'static str, pub _t: Tracker }
        impl Svc {
            lower! {
                pub async fn call(self: std::rc::Rc<Self>, x: u32) -> (u32, usize) {
                    step(self.name).await;
                    (x + 1, std::rc::Rc::strong_count(&self))
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<(u32, usize)> {
                let s = std::rc::Rc::new(Svc { name: "svc", _t: Tracker::new("svc") });
                let mut out = vec![];
                out.push(s.clone().call(1).await);
                let s2 = s.clone();
                out.push(s2.call(2).await);
                out.push(s.call(3).await);
                step("end").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Const generics: `sum<const N: usize>(a: [u32; N])` and a `[Tracker; N]` built with
    /// `std::array::from_fn`.
    p22_const_generic_array {
        lower! {
            pub async fn sum<const N: usize>(a: [u32; N]) -> u32 {
                let mut s = 0;
                for x in a {
                    s += leaf("x", x).await;
                }
                s
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, usize) {
                let ts: [Tracker; 2] = std::array::from_fn(|i| Tracker::new(["t0", "t1"][i]));
                let a = sum([1, 2, 3]).await;
                let b = sum([10; 4]).await;
                step("end").await;
                (a, b, ts.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `let x;` declared without a value and assigned in both branches, one awaiting.
    p22_deferred_init_both_branches {
        lower! {
            pub async fn f(flag: bool) -> (String, &'static str) {
                let label;
                let t: Tracker;
                if flag {
                    label = leaf("label", "yes".to_string()).await;
                    t = Tracker::new("ty");
                } else {
                    t = Tracker::new("tn");
                    step("no").await;
                    label = String::from("no");
                }
                step("after").await;
                (label, t.name())
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Nested `async` blocks awaited inline, one of them `move`, and `std::future::ready`.
    p22_nested_async_blocks_inline {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker::new("t");
                let a = async {
                    step("inner").await;
                    n + 1
                }
                .await;
                let b = async move {
                    let _t = t;
                    step("moved").await;
                    n * 2
                }
                .await;
                let c = std::future::ready(5).await;
                step("end").await;
                a + b + c
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `std::pin::pin!` a lowered call's future, then await it through `fut.as_mut()`
    /// after another await.
    p22_pin_macro_await_by_mut {
        lower! {
            pub async fn work(n: u32) -> u32 {
                let _t = Tracker::new("work");
                for _ in 0..n {
                    step("w").await;
                }
                n
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut fut = std::pin::pin!(work(2));
                let _g = Tracker::new("g");
                step("before").await;
                let r = fut.as_mut().await;
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `dbg!` around an awaited value (moves and returns it; prints to stderr).
    p22_dbg_macro_awaited_value {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let x = dbg!(leaf("x", 3).await) + 1;
                let t = dbg!(Tracker::new("dbg"));
                step("mid").await;
                let n = t.name().len() as u32;
                x + n
            }
        }
    }
    run { f() }
}

twin! {
    /// `assert!`/`assert_eq!` after awaits: the second call's assertion fails (a panic
    /// with trackers live).
    p22_assert_eq_after_await {
        lower! {
            pub async fn f(x: u32) -> u32 {
                let _g = Tracker::new("g");
                let y = leaf("y", x * 2).await;
                assert!(y > 0, "y must be positive");
                let _h = Tracker::new("h");
                step("check").await;
                assert_eq!(y % 4, 0, "y={y} not a multiple of 4");
                y
            }
        }
    }
    run { pair(f(2), f(3)) }
}

twin! {
    /// Operator overloading: `Add` for a money type holding a tracker, with an awaited
    /// right operand.
    p22_operator_add_awaited_rhs {
        #[derive(Debug)]
        pub struct Money(pub u32, pub Tracker);
        impl std::ops::Add for Money {
            type Output = Money;
            fn add(self, o: Money) -> Money { log(format!("add {}+{}", self.0, o.0)); Money(self.0 + o.0, Tracker::new("sum")) }
        }
        lower! {
            pub async fn f() -> u32 {
                let a = Money(5, Tracker::new("a"));
                let b = a + leaf("b", Money(7, Tracker::new("b"))).await;
                step("mid").await;
                let c = b + Money(1, Tracker::new("c"));
                c.0
            }
        }
    }
    run { f() }
}

twin! {
    /// `binary_search` with `match Ok/Err` and `insert` keeping a sorted `Vec`.
    p22_binary_search_insert_sorted {
        lower! {
            pub async fn f(xs: Vec<i32>) -> (Vec<i32>, Vec<String>) {
                let mut sorted: Vec<i32> = Vec::new();
                let mut notes = vec![];
                let _g = Tracker::new("g");
                for x in xs {
                    let x = leaf("x", x).await;
                    match sorted.binary_search(&x) {
                        Ok(i) => notes.push(format!("dup {x} at {i}")),
                        Err(i) => {
                            step("insert").await;
                            sorted.insert(i, x);
                        }
                    }
                }
                (sorted, notes)
            }
        }
    }
    run { f(vec![5, 1, 9, 5, 3, 1]) }
}

twin! {
    /// A `BTreeSet` and a fixed-hasher `HashSet` for seen/visited sets in a BFS over an
    /// adjacency list with awaits.
    p22_bfs_visited_sets {
        lower! {
            pub async fn f(start: u32) -> Vec<u32> {
                use std::collections::BTreeSet;
                let edges: BTreeMap<u32, Vec<u32>> = [(1, vec![2, 3]), (2, vec![4]), (3, vec![4, 5]), (4, vec![1]), (5, vec![])].into_iter().collect();
                let mut seen = BTreeSet::new();
                let mut q = VecDeque::from([start]);
                let mut order = vec![];
                let _g = Tracker::new("g");
                while let Some(n) = q.pop_front() {
                    if !seen.insert(n) {
                        continue;
                    }
                    step("visit").await;
                    order.push(n);
                    for &m in edges.get(&n).map(|v| v.as_slice()).unwrap_or(&[]) {
                        if !seen.contains(&m) {
                            q.push_back(m);
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
    /// A DFS with an explicit stack of `(node, depth)` and a `Vec<Tracker>` path guard
    /// popped on the way back.
    p22_dfs_explicit_stack_path {
        lower! {
            pub async fn f(depth: u32) -> Vec<String> {
                let names = ["r", "x", "y", "z"];
                let mut stack = vec![(0u32, 0u32)];
                let mut path: Vec<Tracker> = vec![];
                let mut out = vec![];
                while let Some((n, d)) = stack.pop() {
                    while path.len() > d as usize {
                        let t = path.pop().unwrap();
                        step("back").await;
                        drop(t);
                    }
                    path.push(Tracker::new(names[d as usize % 4]));
                    out.push(format!("{n}@{d}"));
                    step("enter").await;
                    if d < depth {
                        stack.push((n * 2 + 2, d + 1));
                        stack.push((n * 2 + 1, d + 1));
                    }
                }
                out
            }
        }
    }
    run { f(2) }
}

twin! {
    /// Matrix transpose and multiplication with index loops and an await per row.
    p22_matrix_mul_rows {
        lower! {
            pub async fn f(a: Vec<Vec<i64>>, b: Vec<Vec<i64>>) -> Vec<Vec<i64>> {
                let n = a.len();
                let m = b[0].len();
                let bt: Vec<Vec<i64>> = (0..m).map(|j| b.iter().map(|row| row[j]).collect()).collect();
                let mut c = vec![vec![0; m]; n];
                for i in 0..n {
                    step("row").await;
                    for j in 0..m {
                        c[i][j] = a[i].iter().zip(&bt[j]).map(|(x, y)| x * y).sum();
                    }
                }
                let _t = Tracker::new("t");
                leaf("done", c).await
            }
        }
    }
    run { f(vec![vec![1, 2], vec![3, 4], vec![5, 6]], vec![vec![1, 0, 2], vec![0, 1, 3]]) }
}

twin! {
    /// Checked, wrapping and saturating arithmetic results matched between awaits.
    p22_checked_arith_match {
        lower! {
            pub async fn f(xs: Vec<(u8, u8)>) -> Vec<String> {
                let mut out = vec![];
                for (a, b) in xs {
                    let b = leaf("b", b).await;
                    let s = match (a.checked_add(b), a.checked_sub(b)) {
                        (Some(s), Some(d)) => format!("{s}/{d}"),
                        (None, Some(d)) => format!("of/{d} w{}", a.wrapping_add(b)),
                        (Some(s), None) => format!("{s}/uf s{}", a.saturating_sub(b)),
                        (None, None) => unreachable!(),
                    };
                    out.push(s);
                }
                out
            }
        }
    }
    run { f(vec![(3, 1), (250, 10), (2, 9)]) }
}

twin! {
    /// A closure capturing `&mut out` used before and after an await, then `out` read.
    p22_fnmut_closure_across_await {
        lower! {
            pub async fn f(xs: Vec<u32>) -> (Vec<u32>, u32) {
                let mut out = vec![];
                let mut calls = 0;
                let mut push = |x: u32| {
                    calls += 1;
                    out.push(x * 10);
                };
                push(1);
                let y = leaf("y", 2).await;
                push(y);
                for x in xs {
                    push(leaf("x", x).await);
                }
                step("end").await;
                (out, calls)
            }
        }
    }
    run { f(vec![3, 4]) }
}

twin! {
    /// `Option` combinators `and_then`, `map_or_else`, `filter`, `zip`, `xor` between
    /// awaits.
    p22_option_combinators_chain {
        lower! {
            pub async fn f(a: Option<&'static str>, b: Option<u32>) -> (Option<u32>, String, Option<(u32, u32)>, Option<u32>) {
                let _g = Tracker::new("g");
                let n = a.and_then(|s| s.parse::<u32>().ok()).filter(|n| *n > 1);
                step("n").await;
                let desc = n.map_or_else(|| "none".to_string(), |v| format!("v{v}"));
                let z = n.zip(leaf("b", b).await);
                let x = n.xor(b);
                (n, desc, z, x)
            }
        }
    }
    run { pair(pair(f(Some("5"), Some(2)), f(Some("1"), Some(3))), f(None, None)) }
}

twin! {
    /// A closure parameter named like a later local that is borrowed by an awaited call
    /// (`|s| s.len()` then `for s in v { leaf(.., s.len()).await }`).
    p22_closure_param_same_name_as_slot {
        lower! {
            pub async fn f(v: Vec<String>) -> (usize, usize) {
                let total: usize = v.iter().map(|s| s.len()).sum();
                let _g = Tracker::new("g");
                let mut n = 0;
                for s in v {
                    n += leaf("len", s.len()).await;
                }
                (total, n)
            }
        }
    }
    run { f(vec!["ab".into(), "cde".into()]) }
}

twin! {
    /// Two `match` arms binding the same name `v`, one arm lending it to an await.
    p22_match_arms_same_binding_name {
        pub enum Item { Word(String), Num(u32) }
        lower! {
            pub async fn f(items: Vec<Item>) -> Vec<String> {
                let mut out = vec![];
                for it in items {
                    match it {
                        Item::Num(v) => out.push(format!("n{v}")),
                        Item::Word(v) => {
                            let n = leaf("len", v.len()).await;
                            out.push(format!("{v}:{n}"));
                        }
                    }
                }
                out
            }
        }
    }
    run { f(vec![Item::Num(1), Item::Word("hey".into()), Item::Num(2)]) }
}

twin! {
    /// A loop variable `t` borrowed in an inner block, then a different `t` after it
    /// lent to an awaited call.
    p22_inner_block_shadow_then_slot {
        lower! {
            pub async fn f(names: Vec<&'static str>) -> Vec<String> {
                let mut out = vec![];
                {
                    let t = &names;
                    out.push(format!("{} names", t.len()));
                }
                for n in names {
                    let t = Tracker::new(n);
                    let s = leaf("name", t.name().to_uppercase()).await;
                    out.push(s);
                }
                out
            }
        }
    }
    run { f(vec!["a", "b"]) }
}

twin! {
    /// An enum state machine advanced with `mem::replace(&mut state, Idle)` and awaits in
    /// the arms; the running state owns a tracker.
    p22_enum_state_machine_replace {
        pub enum State { Idle, Running(Tracker, u32), Done(u32) }
        lower! {
            pub async fn f(limit: u32) -> (u32, Vec<&'static str>) {
                let mut state = State::Idle;
                let mut trace = vec![];
                loop {
                    state = match std::mem::replace(&mut state, State::Idle) {
                        State::Idle => {
                            trace.push("idle");
                            step("start").await;
                            State::Running(Tracker::new("job"), 0)
                        }
                        State::Running(t, n) if n >= limit => {
                            trace.push("finish");
                            step(t.name()).await;
                            State::Done(n)
                        }
                        State::Running(t, n) => {
                            trace.push("tick");
                            let n = leaf("tick", n + 1).await;
                            State::Running(t, n)
                        }
                        State::Done(n) => break (n, trace),
                    };
                }
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A dyn-compatible "async trait" the old way: methods returning
    /// `Pin<Box<dyn Future + '_>>`, a `Vec<Box<dyn Handler>>` dispatched in a loop.
    p22_dyn_async_trait_boxed_futures {
        pub trait Handler {
            fn name(&self) -> &'static str;
            fn handle<'a>(&'a self, x: u32) -> Pin<Box<dyn Future<Output = u32> + 'a>>;
        }
        pub struct Doubler(pub Tracker);
        pub struct Adder { pub k: u32 }
        impl Handler for Doubler {
            fn name(&self) -> &'static str { "dbl" }
            fn handle<'a>(&'a self, x: u32) -> Pin<Box<dyn Future<Output = u32> + 'a>> {
                Box::pin(async move { step(self.0.name()).await; x * 2 })
            }
        }
        impl Handler for Adder {
            fn name(&self) -> &'static str { "add" }
            fn handle<'a>(&'a self, x: u32) -> Pin<Box<dyn Future<Output = u32> + 'a>> {
                Box::pin(leaf("add", x + self.k))
            }
        }
        lower! {
            pub async fn f(x: u32) -> (u32, Vec<&'static str>) {
                let hs: Vec<Box<dyn Handler>> = vec![Box::new(Doubler(Tracker::new("dbl"))), Box::new(Adder { k: 3 }), Box::new(Doubler(Tracker::new("dbl2")))];
                let mut x = x;
                let mut names = vec![];
                for h in &hs {
                    x = h.handle(x).await;
                    names.push(h.name());
                }
                step("end").await;
                (x, names)
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A trait with an associated type, a generic async fn over `P: Parser` with
    /// `where P::Out: Debug`.
    p22_trait_assoc_type_generic {
        pub trait Parser {
            type Out;
            fn parse(&self, s: &str) -> Option<Self::Out>;
        }
        pub struct Ints;
        impl Parser for Ints {
            type Out = i64;
            fn parse(&self, s: &str) -> Option<i64> { s.parse().ok() }
        }
        pub struct Pairs;
        impl Parser for Pairs {
            type Out = (String, String);
            fn parse(&self, s: &str) -> Option<(String, String)> { s.split_once('=').map(|(a, b)| (a.into(), b.into())) }
        }
        lower! {
            pub async fn parse_all<P>(p: &P, lines: &[&str]) -> (Vec<String>, usize)
            where
                P: Parser,
                P::Out: Debug,
            {
                let mut ok = vec![];
                let mut bad = 0;
                for l in lines {
                    step("line").await;
                    match p.parse(l) {
                        Some(v) => ok.push(format!("{v:?}")),
                        None => bad += 1,
                    }
                }
                (ok, bad)
            }
        }
        lower! {
            pub async fn f() -> ((Vec<String>, usize), (Vec<String>, usize)) {
                let _g = Tracker::new("g");
                let lines = ["1", "a=b", "-3"];
                let a = parse_all(&Ints, &lines).await;
                let b = parse_all(&Pairs, &lines).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct with a lifetime borrowing a slice, and a lowered `&mut self` method
    /// returning `Option<&'a [u32]>` chunks.
    p22_lifetime_struct_view_chunks {
        pub struct View<'a> { pub data: &'a [u32], pub pos: usize }
        impl<'a> View<'a> {
            lower! {
                pub async fn next_chunk(&mut self, n: usize) -> Option<&'a [u32]> {
                    step("chunk").await;
                    if self.pos >= self.data.len() {
                        return None;
                    }
                    let end = (self.pos + n).min(self.data.len());
                    let c = &self.data[self.pos..end];
                    self.pos = end;
                    Some(c)
                }
            }
        }
        lower! {
            pub async fn f(data: Vec<u32>) -> Vec<u32> {
                let _g = Tracker::new("g");
                let mut view = View { data: &data, pos: 0 };
                let mut sums = vec![];
                while let Some(c) = view.next_chunk(2).await {
                    sums.push(c.iter().sum());
                }
                sums
            }
        }
    }
    run { f(vec![1, 2, 3, 4, 5]) }
}

twin! {
    /// An `async || ..` closure mutating a captured counter (an `AsyncFnMut`), called
    /// three times, then the counter read.
    p22_async_closure_fnmut_counter {
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut count = 0;
                let mut seen = vec![];
                let _g = Tracker::new("g");
                let mut inc = async |by: u32| {
                    step("inc").await;
                    count += by;
                    seen.push(count);
                };
                inc(1).await;
                inc(2).await;
                inc(3).await;
                step("end").await;
                (count, seen)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` closure built in a loop per item, each called once and dropped.
    p22_async_closure_per_iteration {
        lower! {
            pub async fn f(names: Vec<&'static str>) -> Vec<String> {
                let mut out = vec![];
                for n in names {
                    let t = Tracker::new(n);
                    let job = async move || {
                        step("job").await;
                        format!("{}!", t.name())
                    };
                    out.push(job().await);
                    step("next").await;
                }
                out
            }
        }
    }
    run { f(vec!["a", "b"]) }
}

twin! {
    /// A `Vec<Box<dyn FnOnce() -> Pin<Box<dyn Future>>>>` where each job owns a tracker,
    /// consumed in order until one fails; the rest drop with the `Vec`.
    p22_vec_boxed_fnonce_futures {
        pub type Task = Box<dyn FnOnce() -> Pin<Box<dyn Future<Output = Result<u32, String>>>>>;
        lower! {
            pub async fn f(fail_at: u32) -> (Vec<u32>, Option<String>) {
                let mut tasks: Vec<Task> = Vec::new();
                for i in 0..3u32 {
                    let t = Tracker::new(["t0", "t1", "t2"][i as usize]);
                    tasks.push(Box::new(move || Box::pin(async move {
                        step(t.name()).await;
                        if i == fail_at { Err(format!("task {i} failed")) } else { Ok(i * 10) }
                    })));
                }
                let mut ok = vec![];
                let mut err = None;
                let mut it = tasks.into_iter();
                while let Some(task) = it.next() {
                    match task().await {
                        Ok(v) => ok.push(v),
                        Err(e) => {
                            err = Some(e);
                            break;
                        }
                    }
                }
                step("end").await;
                (ok, err)
            }
        }
    }
    run { pair(f(1), f(9)) }
}

twin! {
    /// A `split(' ')` iterator held across awaits in `while let`.
    p22_split_iterator_held_across_await {
        lower! {
            pub async fn f(text: String) -> Vec<String> {
                let _g = Tracker::new("g");
                let mut words = text.split(' ').filter(|w| !w.is_empty());
                let mut out = vec![];
                while let Some(w) = words.next() {
                    let w = leaf("w", w).await;
                    if w == "stop" {
                        break;
                    }
                    out.push(w.to_string());
                }
                out
            }
        }
    }
    run { f("go  on stop never".to_string()) }
}

twin! {
    /// Character frequencies in a `[usize; 26]` array, reported in order.
    p22_char_frequency_array {
        lower! {
            pub async fn f(s: &'static str) -> Vec<(char, usize)> {
                let mut counts = [0usize; 26];
                for (i, c) in s.chars().enumerate() {
                    if i % 4 == 0 {
                        step("chunk").await;
                    }
                    if c.is_ascii_alphabetic() {
                        counts[(c.to_ascii_lowercase() as u8 - b'a') as usize] += 1;
                    }
                }
                let _t = Tracker::new("t");
                step("report").await;
                counts.iter().enumerate().filter(|(_, n)| **n > 0).map(|(i, n)| ((b'a' + i as u8) as char, *n)).collect()
            }
        }
    }
    run { f("Hello World") }
}

twin! {
    /// A key=value config parser into a struct, `match key { .. }` with an unknown key
    /// returning early.
    p22_config_parser_struct {
        #[derive(Debug, Default)]
        pub struct Config { pub name: String, pub port: u16, pub debug: bool }
        lower! {
            pub async fn f(src: &'static str) -> Result<Config, String> {
                let _g = Tracker::new("g");
                let mut cfg = Config::default();
                for line in src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                    let (k, v) = line.split_once('=').ok_or_else(|| format!("bad line {line}"))?;
                    let v = leaf("value", v.trim()).await;
                    match k.trim() {
                        "name" => cfg.name = v.to_string(),
                        "port" => cfg.port = v.parse().map_err(|e| format!("port: {e}"))?,
                        "debug" => cfg.debug = matches!(v, "true" | "1" | "yes"),
                        other => return Err(format!("unknown key {other}")),
                    }
                }
                Ok(cfg)
            }
        }
    }
    run { pair(f("# c\nname = x\nport=80\n\ndebug=yes"), pair(f("port=99999"), f("color=red"))) }
}

twin! {
    /// `iter_mut()` over `Vec<Option<Tracker>>` with `take()` and the taken tracker lent
    /// to an awaited call inside the loop.
    p22_iter_mut_option_take_await {
        lower! {
            pub async fn f() -> (Vec<&'static str>, usize) {
                let mut slots = vec![Some(Tracker::new("a")), None, Some(Tracker::new("c"))];
                let mut done = vec![];
                for slot in slots.iter_mut() {
                    if let Some(t) = slot.take() {
                        step(t.name()).await;
                        done.push(t.name());
                    }
                }
                step("end").await;
                (done, slots.iter().filter(|s| s.is_none()).count())
            }
        }
    }
    run { f() }
}

twin! {
    /// Bubble sort with an await per swap and an early exit when a pass swaps nothing.
    p22_bubble_sort_awaits {
        lower! {
            pub async fn f(mut v: Vec<i32>) -> (Vec<i32>, u32) {
                let _g = Tracker::new("g");
                let mut swaps = 0;
                let n = v.len();
                for i in 0..n {
                    let mut swapped = false;
                    for j in 0..n - 1 - i {
                        if v[j] > v[j + 1] {
                            v.swap(j, j + 1);
                            step("swap").await;
                            swaps += 1;
                            swapped = true;
                        }
                    }
                    if !swapped {
                        break;
                    }
                }
                (v, swaps)
            }
        }
    }
    run { f(vec![3, 1, 2, 5, 4]) }
}

twin! {
    /// `v.push(v.len())` (a two-phase borrow) and `v.push(leaf(.., v.len()).await)`.
    p22_two_phase_borrow_push_len {
        lower! {
            pub async fn f() -> Vec<usize> {
                let mut v = vec![];
                let _g = Tracker::new("g");
                v.push(v.len());
                v.push(leaf("len", v.len()).await);
                v.push(v.len() * 10);
                let l = v.len();
                v.insert(0, leaf("l", l).await);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Struct literal with an awaited field and `..Default::default()`.
    p22_struct_update_default_awaited_field {
        #[derive(Debug, Default)]
        pub struct Opts { pub retries: u32, pub name: String, pub verbose: bool, pub tags: Vec<String> }
        lower! {
            pub async fn f() -> Opts {
                let _g = Tracker::new("g");
                let o = Opts { retries: leaf("retries", 3).await, name: "x".into(), ..Default::default() };
                step("mid").await;
                Opts { tags: vec![leaf("tag", "t".to_string()).await], ..o }
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple returned by an awaited call destructured, then swapped by shadowing.
    p22_tuple_destructure_swap_shadow {
        lower! {
            pub async fn split(t: Tracker, n: u32) -> (Tracker, u32) {
                step("split").await;
                (t, n * 2)
            }
        }
        lower! {
            pub async fn f() -> (u32, &'static str, &'static str) {
                let (a, n) = split(Tracker::new("a"), 1).await;
                let (b, m) = split(Tracker::new("b"), n).await;
                let (a, b) = (b, a);
                step("swapped").await;
                (m, a.name(), b.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// Memoized fibonacci with a `&mut BTreeMap` memo and `Box::pin` recursion.
    p22_memo_fib_box_pin {
        lower! {
            pub async fn fib(n: u64, memo: &mut BTreeMap<u64, u64>) -> u64 {
                if n < 2 {
                    return n;
                }
                if let Some(&v) = memo.get(&n) {
                    return v;
                }
                step("miss").await;
                let a = Box::pin(fib(n - 1, memo)).await;
                let b = Box::pin(fib(n - 2, memo)).await;
                memo.insert(n, a + b);
                a + b
            }
        }
        lower! {
            pub async fn f(n: u64) -> (u64, usize) {
                let _g = Tracker::new("g");
                let mut memo = BTreeMap::new();
                let r = fib(n, &mut memo).await;
                (r, memo.len())
            }
        }
    }
    run { f(7) }
}

twin! {
    /// A generic `impl<T: Display> Logger<T>` with a lowered `&self` method and a
    /// `&mut self` one.
    p22_generic_impl_block_methods {
        pub struct Logger<T> { pub prefix: T, pub lines: Vec<String>, pub _g: Tracker }
        impl<T: Display> Logger<T> {
            lower! {
                pub async fn line(&self, msg: &str) -> String {
                    step("fmt").await;
                    format!("[{}] {msg}", self.prefix)
                }
            }
            lower! {
                pub async fn record(&mut self, msg: &str) -> usize {
                    let l = self.line(msg).await;
                    self.lines.push(l);
                    self.lines.len()
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, Vec<String>) {
                let mut lg = Logger { prefix: 42, lines: vec![], _g: Tracker::new("lg") };
                lg.record("a").await;
                let n = lg.record("b").await;
                (n, lg.lines)
            }
        }
    }
    run { f() }
}

twin! {
    /// An enum method taking `self` by value and matching on it with awaits.
    p22_enum_self_by_value_method {
        pub enum Shape { Circle(f64), Rect(f64, f64), Named(String, Box<Shape>) }
        impl Shape {
            lower! {
                pub async fn describe(self) -> String {
                    match self {
                        Shape::Circle(r) => {
                            step("circle").await;
                            format!("circle {:.1}", 3.14159 * r * r)
                        }
                        Shape::Rect(w, h) => format!("rect {}", leaf("area", w * h).await),
                        Shape::Named(n, inner) => {
                            let d = Box::pin(inner.describe()).await;
                            format!("{n}: {d}")
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let _g = Tracker::new("g");
                let shapes = vec![Shape::Circle(1.0), Shape::Rect(2.0, 3.5), Shape::Named("box".into(), Box::new(Shape::Rect(1.0, 1.0)))];
                let mut out = vec![];
                for s in shapes {
                    out.push(s.describe().await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A shopping cart: `for item in &cart` sums prices, then `for item in cart` ships each
    /// one with an await that borrows it.
    p22_cart_two_loops_same_name {
        pub struct Item { pub name: String, pub price: u32, pub _t: Tracker }
        lower! {
            pub async fn f() -> (u32, Vec<String>) {
                let cart = vec![
                    Item { name: "pen".into(), price: 3, _t: Tracker::new("pen") },
                    Item { name: "ink".into(), price: 7, _t: Tracker::new("ink") },
                ];
                let mut total = 0;
                for item in &cart {
                    total += item.price;
                }
                let mut shipped = vec![];
                for item in cart {
                    let label = leaf("ship", item.name.to_uppercase()).await;
                    shipped.push(label);
                }
                (total, shipped)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `filter(|x| ..)` closure parameter named like a later loop variable lent to an
    /// awaited call.
    p22_filter_closure_param_then_loop_var {
        lower! {
            pub async fn f(v: Vec<u32>) -> (usize, Vec<String>) {
                let evens = v.iter().filter(|x| *x % 2 == 0).count();
                let mut out = vec![];
                for x in &v {
                    out.push(leaf("s", x.to_string()).await);
                }
                (evens, out)
            }
        }
    }
    run { f(vec![1, 2, 4]) }
}

twin! {
    /// A nested `fn` item inside the body whose parameter has the name of a local that is
    /// lent to an awaited call.
    p22_inner_fn_item_param_same_name {
        lower! {
            pub async fn f(words: Vec<String>) -> Vec<String> {
                fn shout(w: &str) -> String {
                    format!("{}!", w.to_uppercase())
                }
                let mut out = vec![];
                for w in words {
                    let n = leaf("len", w.len()).await;
                    out.push(format!("{} {n}", shout(&w)));
                }
                out
            }
        }
    }
    run { f(vec!["hi".into(), "yo".into()]) }
}

twin! {
    /// A closure with a parameter `name` defined before a local `name` that an awaited
    /// call borrows.
    p22_closure_defined_before_same_name_local {
        lower! {
            pub async fn f() -> String {
                let wrap = |name: &str| format!("<{name}>");
                let name = String::from("abc");
                let n = leaf("len", name.len()).await;
                format!("{} {n}", wrap(&name))
            }
        }
    }
    run { f() }
}

twin! {
    /// `ids.iter().map(|&id| async move { fetch(id).await })` collected and
    /// `join_all`-ed, then `try_join_all` over fallible calls.
    p22_map_async_blocks_join_all {
        lower! {
            pub async fn fetch(id: u32) -> Result<u32, String> {
                let _c = Tracker::new(["c0", "c1", "c2", "c3"][id as usize % 4]);
                step("fetch").await;
                if id == 3 { Err("three".into()) } else { Ok(id * 100) }
            }
        }
        lower! {
            pub async fn f() -> (Vec<Result<u32, String>>, Result<Vec<u32>, String>) {
                let ids = vec![1, 2, 3];
                let futs: Vec<_> = ids.iter().map(|&id| async move { fetch(id).await }).collect();
                let all = futures::future::join_all(futs).await;
                step("mid").await;
                let tried = futures::future::try_join_all(ids.iter().map(|&id| fetch(id + 1))).await;
                (all, tried)
            }
        }
    }
    run { f() }
}

twin! {
    /// Futures created first and awaited later in a different order (lazy futures owning
    /// arguments), with cancellation between.
    p22_futures_created_then_awaited_later {
        lower! {
            pub async fn job(t: Tracker, n: u32) -> u32 {
                step(t.name()).await;
                n
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let fa = job(Tracker::new("a"), 1);
                let fb = job(Tracker::new("b"), 2);
                let _g = Tracker::new("g");
                let b = fb.await;
                step("between").await;
                let a = fa.await;
                a * 10 + b
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct holding a closure field called as `(self.op)(n).await` in a lowered
    /// method.
    p22_struct_closure_field_call {
        pub struct Retry<F> { pub op: F, pub max: u32 }
        impl<F, Fut> Retry<F>
        where
            F: Fn(u32) -> Fut,
            Fut: Future<Output = Option<u32>>,
        {
            lower! {
                pub async fn run(&self) -> Option<u32> {
                    for n in 0..self.max {
                        if let Some(v) = (self.op)(n).await {
                            return Some(v);
                        }
                        step("again").await;
                    }
                    None
                }
            }
        }
        lower! {
            pub async fn f(ok: u32) -> Option<u32> {
                let _g = Tracker::new("g");
                let r = Retry { op: move |n: u32| leaf("try", if n >= ok { Some(n) } else { None }), max: 3 };
                r.run().await
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// `impl FromStr for Point` and `"1,2".parse::<Point>()?` with its own error type.
    p22_fromstr_impl_parse_question {
        #[derive(Debug, PartialEq)]
        pub struct Point { pub x: i32, pub y: i32 }
        impl std::str::FromStr for Point {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let (a, b) = s.split_once(',').ok_or("no comma")?;
                Ok(Point { x: a.trim().parse().map_err(|_| "bad x")?, y: b.trim().parse().map_err(|_| "bad y")? })
            }
        }
        lower! {
            pub async fn f(inputs: Vec<&'static str>) -> Result<i32, String> {
                let _g = Tracker::new("g");
                let mut sum = 0;
                for s in inputs {
                    let p: Point = leaf("in", s).await.parse()?;
                    step("pt").await;
                    sum += p.x * p.y;
                }
                Ok(sum)
            }
        }
    }
    run { pair(f(vec!["1,2", "3, 4"]), f(vec!["1,2", "x,1"])) }
}

twin! {
    /// Leaderboard: `sort_by` on `partial_cmp` descending, `iter().take(2)`, ranks with
    /// `enumerate` after awaits.
    p22_leaderboard_sort_take {
        lower! {
            pub async fn f(scores: Vec<(&'static str, f32)>) -> Vec<String> {
                let mut v = Vec::new();
                for (n, s) in scores {
                    v.push((n, leaf("score", s).await));
                }
                v.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap().then_with(|| a.0.cmp(b.0)));
                let _t = Tracker::new("t");
                step("sorted").await;
                v.iter().take(2).enumerate().map(|(i, (n, s))| format!("#{} {n} {s:.1}", i + 1)).collect()
            }
        }
    }
    run { f(vec![("ann", 7.5), ("bo", 9.25), ("cy", 9.25), ("di", 3.0)]) }
}

twin! {
    /// `String::from_utf8(bytes)` with the error mapped, bytes pushed across awaits.
    p22_from_utf8_bytes_pushed {
        lower! {
            pub async fn f(parts: Vec<Vec<u8>>) -> Result<String, String> {
                let _g = Tracker::new("g");
                let mut bytes = Vec::new();
                for p in parts {
                    let p = leaf("chunk", p).await;
                    bytes.extend_from_slice(&p);
                }
                let s = String::from_utf8(bytes).map_err(|e| format!("invalid at {}", e.utf8_error().valid_up_to()))?;
                step("decoded").await;
                Ok(s)
            }
        }
    }
    run { pair(f(vec![b"he".to_vec(), vec![0xc3, 0xa9], b"llo".to_vec()]), f(vec![b"a".to_vec(), vec![0xff]])) }
}

twin! {
    /// Base conversion with `char::from_digit` in a `while n > 0` loop that awaits.
    p22_base_conversion_loop {
        lower! {
            pub async fn to_base(mut n: u32, base: u32) -> String {
                if n == 0 {
                    return "0".into();
                }
                let mut digits = Vec::new();
                while n > 0 {
                    let d = leaf("digit", n % base).await;
                    digits.push(std::char::from_digit(d, base).unwrap());
                    n /= base;
                }
                digits.iter().rev().collect()
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let _g = Tracker::new("g");
                let mut out = vec![];
                for (n, b) in [(10, 2), (255, 16), (0, 8), (35, 36)] {
                    out.push(to_base(n, b).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async fn` returning `impl Iterator<Item = u32>` (borrowing nothing), consumed
    /// by the caller.
    p22_async_fn_returning_impl_iterator {
        lower! {
            pub async fn evens(n: u32) -> impl Iterator<Item = u32> {
                step("evens").await;
                (0..n).filter(|x| x % 2 == 0)
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let _g = Tracker::new("g");
                let it = evens(7).await;
                step("got").await;
                it.map(|x| x * x).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async fn` returning a boxed closure capturing an awaited value.
    p22_async_fn_returning_boxed_closure {
        lower! {
            pub async fn make_scaler(name: &'static str) -> Box<dyn Fn(u32) -> u32> {
                let k = leaf(name, 3).await;
                Box::new(move |x| x * k)
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let _g = Tracker::new("g");
                let s = make_scaler("k").await;
                step("made").await;
                (1..4).map(|x| s(x)).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `find<'a, T: PartialEq>(xs: &'a [T], x: &T) -> Option<&'a T>` with a lifetime and a
    /// type parameter, the result held across an await.
    p22_generic_lifetime_find {
        lower! {
            pub async fn find<'a, T: PartialEq + Debug>(xs: &'a [T], x: &T) -> Option<&'a T> {
                for y in xs {
                    step("cmp").await;
                    if y == x {
                        return Some(y);
                    }
                }
                None
            }
        }
        lower! {
            pub async fn f() -> (Option<String>, Option<u32>) {
                let names = vec!["ann".to_string(), "bo".to_string()];
                let _g = Tracker::new("g");
                let a = find(&names, &"bo".to_string()).await;
                step("mid").await;
                let nums = [1u32, 2, 3];
                let b = find(&nums, &7).await.copied();
                (a.cloned(), b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut impl Iterator<Item = u32>` parameter advanced across awaits, the caller
    /// continuing with the rest.
    p22_mut_impl_iterator_param {
        lower! {
            pub async fn take_sum(it: &mut impl Iterator<Item = u32>, n: usize) -> u32 {
                let mut s = 0;
                for _ in 0..n {
                    match it.next() {
                        Some(x) => s += leaf("x", x).await,
                        None => break,
                    }
                }
                s
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, Vec<u32>) {
                let _g = Tracker::new("g");
                let mut it = (1..=6).into_iter();
                let a = take_sum(&mut it, 2).await;
                let b = take_sum(&mut it, 3).await;
                (a, b, it.collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// The longest word kept as a `&str` into the
    /// `for w in &words` binding, used after an await.
    p22m_longest_word_ref_kept_across_await {
        lower! {
            pub async fn f(words: Vec<String>) -> usize {
                let mut best = "";
                for w in &words {
                    if w.len() > best.len() {
                        best = w.as_str();
                    }
                }
                step("s").await;
                best.len()
            }
        }
    }
    run { f(vec!["ab".into(), "cde".into()]) }
}

twin! {
    /// Minimized `p22_boxed_linked_list_take`: `cur = node.next.as_ref()` with `cur` declared before
    /// a later await.
    p22m_list_cursor_walk_then_await {
        pub struct Node { pub v: u32, pub next: Option<Box<Node>> }
        lower! {
            pub async fn f() -> u32 {
                let list = Some(Box::new(Node { v: 1, next: Some(Box::new(Node { v: 2, next: None })) }));
                let mut sum = 0;
                let mut cur = list.as_ref();
                while let Some(node) = cur {
                    sum += node.v;
                    cur = node.next.as_ref();
                }
                step("done").await;
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// Passing variant: `if let Some(w) = words.first()` (the scrutinee a call, not a
    /// reference local) and `best = Some(w.as_str())`.
    p22m_if_let_first_ref_kept_across_await {
        lower! {
            pub async fn f(words: Vec<String>) -> usize {
                let mut best = None;
                if let Some(w) = words.first() {
                    best = Some(w.as_str());
                }
                step("s").await;
                best.map_or(0, |b| b.len())
            }
        }
    }
    run { f(vec!["ab".into(), "cde".into()]) }
}

twin! {
    /// A reference into a parameter, matched by `if let` before an await only.
    p22m_param_ref_dead_across_await {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let mut sum = 0;
                let cur = v.first();
                if let Some(x) = cur {
                    sum += x;
                }
                step("pop").await;
                sum
            }
        }
    }
    run { f(vec![4, 5]) }
}

twin! {
    /// Passing variant: the reference into the parameter used after the await (no `if
    /// let` on it).
    p22m_param_ref_used_across_await {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let first = v.first();
                step("pop").await;
                first.copied().unwrap_or(0)
            }
        }
    }
    run { f(vec![4, 5]) }
}

twin! {
    /// Variant: the same with a local `Vec` instead of a parameter.
    p22m_local_ref_dead_across_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let v = vec![n, n + 1];
                let mut sum = 0;
                let cur = v.first();
                if let Some(x) = cur {
                    sum += x;
                }
                step("pop").await;
                sum
            }
        }
    }
    run { f(4) }
}

twin! {
    /// Passing variant: the reference is taken from the binding without a method call
    /// (`best = w;` with `w: &String`).
    p22m_longest_word_ref_no_method {
        lower! {
            pub async fn f(words: Vec<String>) -> usize {
                let mut best: Option<&String> = None;
                for w in &words {
                    best = Some(w);
                }
                step("s").await;
                best.map_or(0, |b| b.len())
            }
        }
    }
    run { f(vec!["ab".into(), "cde".into()]) }
}

// Known gap: DROP ORDER: an array local destructured by `let [a, b] = arr;` (or `[a, _b]`) after an await: dropped at that await, the native coroutine drops the array's elements last to first (the lowering first to last).
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimized `p22_array_destructure_all`.
    p22m_array_destructured_after_await_cancel {
        lower! {
            pub async fn f() -> (&'static str, &'static str) {
                let arr = [Tracker::new("x"), Tracker::new("y")];
                step("s").await;
                let [a, b] = arr;
                step("t").await;
                (a.name(), b.name())
            }
        }
    }
    run { f() }
}

// Known gap: DROP ORDER: an array local destructured by `let [a, b] = arr;` (or `[a, _b]`) after an await: dropped at that await, the native coroutine drops the array's elements last to first (the lowering first to last).
#[cfg(feature = "known-gaps")]
twin! {
    /// Variant: only one binding lives across the later await.
    p22m_array_destructured_one_kept {
        lower! {
            pub async fn f() -> usize {
                let arr = [Tracker::new("x"), Tracker::new("y")];
                step("s").await;
                let [a, _b] = arr;
                step("t").await;
                a.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: the array moved whole (`let v = arr;`) after the await.
    p22m_array_moved_whole_after_await_cancel {
        lower! {
            pub async fn f() -> usize {
                let arr = [Tracker::new("x"), Tracker::new("y")];
                step("s").await;
                let v = arr;
                step("t").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: a tuple destructured after the await, both bindings kept.
    p22m_tuple_destructured_after_await_cancel {
        lower! {
            pub async fn f() -> (&'static str, &'static str) {
                let tup = (Tracker::new("x"), Tracker::new("y"));
                step("s").await;
                let (a, b) = tup;
                step("t").await;
                (a.name(), b.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: a struct destructured after the await, both bindings kept.
    p22m_struct_destructured_after_await_cancel {
        pub struct P { pub a: Tracker, pub b: Tracker }
        lower! {
            pub async fn f() -> (&'static str, &'static str) {
                let p = P { a: Tracker::new("x"), b: Tracker::new("y") };
                step("s").await;
                let P { a, b } = p;
                step("t").await;
                (a.name(), b.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimized `p22_vec_boxed_fnonce_futures`: the job type named by an alias.
    p22m_fnonce_alias_job_awaited {
        pub type Job = Box<dyn FnOnce() -> Pin<Box<dyn Future<Output = u32>>>>;
        lower! {
            pub async fn f(jobs: Vec<Job>) -> u32 {
                let mut s = 0;
                for job in jobs {
                    s += job().await;
                }
                s
            }
        }
    }
    run { f(vec![Box::new(|| Box::pin(leaf("a", 1))), Box::new(|| Box::pin(leaf("b", 2)))]) }
}

twin! {
    /// Passing variant: the same `for` loop with the boxed `FnOnce` type spelled out.
    p22m_fnonce_spelled_job_awaited {
        lower! {
            pub async fn f(jobs: Vec<Box<dyn FnOnce() -> Pin<Box<dyn Future<Output = u32>>>>>) -> u32 {
                let mut s = 0;
                for job in jobs {
                    s += job().await;
                }
                s
            }
        }
    }
    run { f(vec![Box::new(|| Box::pin(leaf("a", 1))), Box::new(|| Box::pin(leaf("b", 2)))]) }
}

twin! {
    /// Variant: `while let Some(job) = it.next()` with the type spelled out.
    p22m_fnonce_spelled_while_let_awaited {
        lower! {
            pub async fn f(jobs: Vec<Box<dyn FnOnce() -> Pin<Box<dyn Future<Output = u32>>>>>) -> u32 {
                let mut s = 0;
                let mut it = jobs.into_iter();
                while let Some(job) = it.next() {
                    s += job().await;
                }
                s
            }
        }
    }
    run { f(vec![Box::new(|| Box::pin(leaf("a", 1))), Box::new(|| Box::pin(leaf("b", 2)))]) }
}

twin! {
    /// Minimized `p22_enum_self_by_value_method`: an expression evaluator consuming
    /// `self`.
    p22m_recursive_self_by_value_on_box_binding {
        pub enum Expr { Num(u32), Neg(Box<Expr>) }
        impl Expr {
            lower! {
                pub async fn eval(self) -> u32 {
                    match self {
                        Expr::Num(n) => leaf("n", n).await,
                        Expr::Neg(e) => 100 - Box::pin(e.eval()).await,
                    }
                }
            }
        }
    }
    run { Expr::Neg(Box::new(Expr::Num(7))).eval() }
}

twin! {
    /// Passing variant: the box unboxed at the call (`Box::pin((*e).eval())`).
    p22m_recursive_self_by_value_unboxed {
        pub enum Expr { Num(u32), Neg(Box<Expr>) }
        impl Expr {
            lower! {
                pub async fn eval(self) -> u32 {
                    match self {
                        Expr::Num(n) => leaf("n", n).await,
                        Expr::Neg(e) => 100 - Box::pin(Expr::eval(*e)).await,
                    }
                }
            }
        }
    }
    run { Expr::Neg(Box::new(Expr::Num(7))).eval() }
}

twin! {
    /// Passing variant without recursion: `run(self)` declared on `Task`, called on a
    /// `Box<Task>` match binding.
    p22m_self_by_value_on_box_match_binding {
        pub struct Task(pub Tracker);
        impl Task {
            lower! {
                pub async fn run(self) -> &'static str {
                    step("run").await;
                    self.0.name()
                }
            }
        }
        pub enum Wrap { Plain(u32), Boxed(Box<Task>) }
        lower! {
            pub async fn f(w: Wrap) -> &'static str {
                match w {
                    Wrap::Plain(_) => "plain",
                    Wrap::Boxed(b) => b.run().await,
                }
            }
        }
    }
    run { f(Wrap::Boxed(Box::new(Task(Tracker::new("t"))))) }
}

twin! {
    /// Minimized `p22_inventory_methods` (the README's "receiver of an awaited method
    /// whose output is used" gap).
    p22m_awaited_mut_self_chain_then_finish {
        pub struct Inv { pub log: Vec<String>, pub _g: Tracker }
        impl Inv {
            lower! {
                pub async fn add(&mut self, name: &str) -> &mut Self {
                    step("add").await;
                    self.log.push(name.to_string());
                    self
                }
            }
            pub fn finish(self) -> Vec<String> { self.log }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut inv = Inv { log: vec![], _g: Tracker::new("inv") };
                inv.add("a").await.log.push("chained".into());
                inv.finish()
            }
        }
    }
    run { f() }
}

twin! {
    /// Passing variant: the chained output unused (`inv.add("a").await;`).
    p22m_awaited_mut_self_unused_then_finish {
        pub struct Inv { pub log: Vec<String>, pub _g: Tracker }
        impl Inv {
            lower! {
                pub async fn add(&mut self, name: &str) -> &mut Self {
                    step("add").await;
                    self.log.push(name.to_string());
                    self
                }
            }
            pub fn finish(self) -> Vec<String> { self.log }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut inv = Inv { log: vec![], _g: Tracker::new("inv") };
                inv.add("a").await;
                inv.finish()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimized `p22_mut_impl_iterator_param`: a header read through `&mut lines`, the
    /// rest collected.
    p22m_iter_lent_then_collect {
        lower! {
            pub async fn header(it: &mut impl Iterator<Item = u32>) -> u32 {
                step("h").await;
                it.next().unwrap_or(0)
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut it = 1..=4;
                let h = header(&mut it).await;
                (h, it.collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: the rest collected by a `let` with a type.
    p22m_iter_lent_then_let_collect {
        lower! {
            pub async fn header(it: &mut impl Iterator<Item = u32>) -> u32 {
                step("h").await;
                it.next().unwrap_or(0)
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut it = 1..=4;
                let h = header(&mut it).await;
                let rest: Vec<u32> = it.collect();
                (h, rest)
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: a `str::Lines` iterator (a parser reading a header line, then the body).
    p22m_lines_lent_then_collect {
        lower! {
            pub async fn header<'a>(it: &mut std::str::Lines<'a>) -> Option<&'a str> {
                step("h").await;
                it.next()
            }
        }
        lower! {
            pub async fn f(text: &'static str) -> (Option<&'static str>, Vec<&'static str>) {
                let mut lines = text.lines();
                let h = header(&mut lines).await;
                let body: Vec<&str> = lines.collect();
                (h, body)
            }
        }
    }
    run { f("h\na\nb") }
}

twin! {
    /// Minimized `p22_struct_closure_field_call`.
    p22m_impl_where_only_type_param_await {
        pub struct Retry<F> { pub op: F }
        impl<F, Fut> Retry<F>
        where
            F: Fn() -> Fut,
            Fut: Future<Output = u32>,
        {
            lower! {
                pub async fn run(&self) -> u32 {
                    (self.op)().await + 1
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let r = Retry { op: || leaf("x", 1) };
                r.run().await
            }
        }
    }
    run { f() }
}

twin! {
    /// Passing variant: the same as a free generic function taking `&Retry<F>`.
    p22m_free_fn_where_type_param_await {
        pub struct Retry<F> { pub op: F }
        lower! {
            pub async fn run<F, Fut>(r: &Retry<F>) -> u32
            where
                F: Fn() -> Fut,
                Fut: Future<Output = u32>,
            {
                (r.op)().await + 1
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let r = Retry { op: || leaf("x", 1) };
                run(&r).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: `sum += *x` (explicit deref) instead of `sum += x`.
    p22m_local_ref_dead_deref_add {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let v = vec![n, n + 1];
                let mut sum = 0;
                let cur = v.first();
                if let Some(x) = cur {
                    sum += *x;
                }
                step("pop").await;
                sum
            }
        }
    }
    run { f(4) }
}

twin! {
    /// Passing variant: `sum += x` with `x: &u32` from a `for` over `&v`, no reference local.
    p22m_add_assign_ref_rhs_then_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let v = vec![n, n + 1];
                let mut sum = 0;
                for x in &v {
                    sum += x;
                }
                step("pop").await;
                sum
            }
        }
    }
    run { f(4) }
}

twin! {
    /// Passing variant: `sum = sum + x` with `x: &u32`.
    p22m_add_ref_rhs_then_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let v = vec![n, n + 1];
                let mut sum = 0;
                for x in &v {
                    sum = sum + x;
                }
                step("pop").await;
                sum
            }
        }
    }
    run { f(4) }
}

twin! {
    /// Passing variant: the dead reference local read by a method, no `if let`.
    p22m_local_ref_dead_method_read {
        lower! {
            pub async fn f(n: u32) -> bool {
                let v = vec![n, n + 1];
                let cur = v.first();
                let s = cur.is_some();
                step("pop").await;
                s
            }
        }
    }
    run { f(4) }
}

twin! {
    /// Passing variant: the dead reference local bound by `if let` directly on `v.first()`.
    p22m_if_let_on_first_then_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let v = vec![n, n + 1];
                let mut sum = 0;
                if let Some(x) = v.first() {
                    sum += x;
                }
                step("pop").await;
                sum
            }
        }
    }
    run { f(4) }
}

twin! {
    /// Passing variant: the reference local bound by `match`.
    p22m_local_ref_dead_match {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let v = vec![n, n + 1];
                let cur = v.first();
                let s = match cur {
                    Some(x) => *x,
                    None => 0,
                };
                step("pop").await;
                s
            }
        }
    }
    run { f(4) }
}
