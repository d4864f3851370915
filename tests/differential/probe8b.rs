//! Probe round 8b: type-system and ownership variety in ordinary code (generic async fns,
//! lifetimes and borrowed outputs, generic structs and trait impls with `async fn`,
//! closures and iterators kept across awaits, slices, boxes, `Rc`, `Cow`, numeric and
//! string code, patterns, loops with `break value`, panics with trackers live).
use crate::prelude::*;
#[allow(unused_imports)]
use std::borrow::Cow;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};
#[allow(unused_imports)]
use std::rc::Rc;

#[derive(Debug, PartialEq)]
pub enum P8Error {
    Parse(String),
    Negative(i32),
    Missing(&'static str),
}

impl From<std::num::ParseIntError> for P8Error {
    fn from(e: std::num::ParseIntError) -> Self {
        P8Error::Parse(e.to_string())
    }
}

twin! {
    /// A generic `T: Clone + Debug` fn cloning an argument across awaits.
    p8b_a_generic_clone_debug {
        lower! {
            pub async fn repeat<T: Clone + Debug>(x: T, n: usize) -> Vec<String> {
                let _g = Tracker("rep");
                let mut out = Vec::new();
                for i in 0..n {
                    let c = x.clone();
                    step("r").await;
                    out.push(format!("{i}:{c:?}"));
                }
                out
            }
        }
    }
    run { repeat(("a", 3u8), 3) }
}

twin! {
    /// `impl Into<String>` argument converted after an await, type from the return.
    p8b_a_impl_into_string {
        lower! {
            pub async fn greet(name: impl Into<String>, t: Tracker) -> String {
                let greeting = leaf("hello", "hello").await;
                let mut name = name.into();
                step("mid").await;
                name.push('!');
                drop(t);
                format!("{greeting}, {name}")
            }
        }
    }
    run { greet("bob", Tracker("t")) }
}

twin! {
    /// `impl IntoIterator<Item = T>` consumed by a `for` loop that awaits.
    p8b_a_impl_into_iterator {
        lower! {
            pub async fn sum_all<T: Into<u64> + Copy>(items: impl IntoIterator<Item = T>) -> u64 {
                let mut total = 0;
                for x in items {
                    total += leaf("x", x.into()).await;
                }
                total
            }
        }
    }
    run { sum_all(vec![1u8, 2, 3]) }
}

twin! {
    /// A where clause with two type parameters and a borrowed key.
    p8b_a_where_clause_lookup {
        lower! {
            pub async fn lookup<K, V>(map: &BTreeMap<K, V>, keys: Vec<K>) -> Vec<Option<V>>
            where
                K: Ord + Debug,
                V: Clone,
            {
                let mut out = Vec::with_capacity(keys.len());
                for k in &keys {
                    step("look").await;
                    out.push(map.get(k).cloned());
                }
                out
            }
        }
    }
    run {
        let m: &'static BTreeMap<u32, String> = leak((1..4).map(|i| (i, format!("v{i}"))).collect());
        lookup(m, vec![2, 5, 3])
    }
}

twin! {
    /// A lifetime on the parameters: returns a `&'a str` borrowed from an argument.
    p8b_a_longest_borrowed {
        lower! {
            pub async fn longest<'a>(a: &'a str, b: &'a str) -> &'a str {
                let la = leaf("la", a.len()).await;
                let lb = leaf("lb", b.len()).await;
                if la >= lb { a } else { b }
            }
        }
        lower! {
            pub async fn both() -> (String, usize) {
                let s1 = String::from("short");
                let s2 = String::from("longer one");
                let l = longest(&s1, &s2).await;
                let n = l.len();
                step("after").await;
                (l.to_string(), n)
            }
        }
    }
    run { both() }
}

twin! {
    /// The first word of a string: a `&'a str` computed from `split_whitespace` after an await.
    p8b_a_first_word {
        lower! {
            pub async fn first_word<'a>(s: &'a str) -> Option<&'a str> {
                step("fw").await;
                let mut words = s.split_whitespace();
                let first = words.next();
                leaf("second", words.next()).await;
                first
            }
        }
    }
    run { pair(first_word("  hello big world"), first_word("   ")) }
}

twin! {
    /// An async method on a generic struct `impl<T> Store<T>`, `Self` in the body.
    p8b_a_generic_store_methods {
        #[derive(Debug)]
        pub struct Store<T> {
            pub items: Vec<T>,
            pub guard: Tracker,
        }
        impl<T: Clone + Debug> Store<T> {
            pub fn new(guard: Tracker) -> Self {
                Self { items: Vec::new(), guard }
            }
            lower! {
                pub async fn put(&mut self, x: T) -> usize {
                    step("put").await;
                    self.items.push(x);
                    self.items.len()
                }
            }
            lower! {
                pub async fn get_or(&self, i: usize, d: T) -> T {
                    let i = leaf("i", i).await;
                    self.items.get(i).cloned().unwrap_or(d)
                }
            }
        }
        lower! {
            pub async fn scenario() -> (usize, String, String) {
                let mut s = Store::new(Tracker("store"));
                s.put("a".to_string()).await;
                let n = s.put("b".to_string()).await;
                let x = s.get_or(1, "none".into()).await;
                let y = s.get_or(7, "none".into()).await;
                (n, x, y)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A method returning `Option<&T>` borrowed from `&self` after awaits.
    p8b_a_method_borrowed_output {
        pub struct Registry<T> {
            pub names: Vec<(String, T)>,
        }
        impl<T: Debug> Registry<T> {
            lower! {
                pub async fn find(&self, name: &str) -> Option<&T> {
                    for (n, v) in &self.names {
                        step("cmp").await;
                        if n == name {
                            return Some(v);
                        }
                    }
                    None
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Option<u32>, Option<u32>) {
                let r = Registry { names: vec![("a".to_string(), 1u32), ("b".to_string(), 2)] };
                let x = r.find("b").await.copied();
                let y = r.find("z").await.copied();
                (x, y)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A trait with `async fn handle(&self, ..)` implemented by two structs, called through generics.
    p8b_a_trait_two_impls {
        #[allow(async_fn_in_trait)]
        pub trait Handler {
            const NAME: &'static str;
            async fn handle(&self, req: u32) -> Result<String, String>;
        }
        pub struct Echo(pub Tracker);
        pub struct Doubler { pub limit: u32 }
        impl Handler for Echo {
            const NAME: &'static str = "echo";
            lower! {
                async fn handle(&self, req: u32) -> Result<String, String> {
                    let r = leaf("echo", req).await;
                    Ok(format!("{}:{}:{r}", Self::NAME, self.0.name()))
                }
            }
        }
        impl Handler for Doubler {
            const NAME: &'static str = "dbl";
            lower! {
                async fn handle(&self, req: u32) -> Result<String, String> {
                    let _g = Tracker("dbl-guard");
                    let r = leaf("dbl", req * 2).await;
                    if r > self.limit {
                        return Err(format!("{} too big: {r}", Self::NAME));
                    }
                    step("dbl-ok").await;
                    Ok(r.to_string())
                }
            }
        }
        lower! {
            pub async fn serve<H: Handler>(h: &H, reqs: &[u32]) -> Vec<Result<String, String>> {
                let mut out = vec![];
                for &r in reqs {
                    out.push(h.handle(r).await);
                }
                out
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<Result<String, String>>, Vec<Result<String, String>>) {
                let e = Echo(Tracker("echo"));
                let d = Doubler { limit: 5 };
                let a = serve(&e, &[1, 2]).await;
                let b = serve(&d, &[1, 4, 2]).await;
                (a, b)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A trait with an associated type used in the `async fn`'s output.
    p8b_a_assoc_type_output {
        #[allow(async_fn_in_trait)]
        pub trait Codec {
            type Out: Debug;
            async fn decode(&self, raw: &str) -> Self::Out;
        }
        pub struct Nums;
        pub struct Words;
        impl Codec for Nums {
            type Out = Vec<i32>;
            lower! {
                async fn decode(&self, raw: &str) -> Vec<i32> {
                    let mut v = Vec::new();
                    for part in raw.split(',') {
                        v.push(leaf("n", part.trim().parse::<i32>().unwrap_or(-1)).await);
                    }
                    v
                }
            }
        }
        impl Codec for Words {
            type Out = (usize, String);
            lower! {
                async fn decode(&self, raw: &str) -> Self::Out {
                    step("w").await;
                    let up = raw.to_uppercase();
                    (leaf("count", raw.split(',').count()).await, up)
                }
            }
        }
        lower! {
            pub async fn run_codec<C: Codec>(c: C, raw: &'static str) -> String {
                let out = c.decode(raw).await;
                step("fmt").await;
                format!("{out:?}")
            }
        }
    }
    run { pair(run_codec(Nums, "1, 2,x"), run_codec(Words, "a,b")) }
}

twin! {
    /// An `Fn` closure stored in a local and called after awaits.
    p8b_a_fn_closure_after_await {
        lower! {
            pub async fn f(base: u32) -> Vec<u32> {
                let scale = leaf("scale", 3).await;
                let apply = |x: u32| x * scale + base;
                let mut out = vec![];
                for i in 0..3 {
                    let v = leaf("v", i).await;
                    out.push(apply(v));
                }
                out.push(apply(100));
                out
            }
        }
    }
    run { f(1) }
}

twin! {
    /// An `FnMut` counter closure borrowing a local mutably, called around awaits; the
    /// counter read after the closure's last use.
    p8b_a_fnmut_counter {
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut count = 0;
                let mut seen = Vec::new();
                let mut bump = |by: u32| {
                    count += by;
                    seen.push(count);
                };
                bump(leaf("a", 1).await);
                step("mid").await;
                bump(2);
                let x = leaf("b", 5).await;
                bump(x);
                step("end").await;
                (count, seen)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `FnOnce` closure that moves a tracker, built before an await, called after it.
    p8b_a_fnonce_after_await {
        lower! {
            pub async fn f(cancel: bool) -> String {
                let t = Tracker("owned");
                let extra = Tracker("extra");
                let finish = move || {
                    log("finish called");
                    drop(t);
                    "done".to_string()
                };
                step("wait").await;
                if cancel {
                    return "cancelled".to_string();
                }
                let r = finish();
                step("after").await;
                drop(extra);
                r
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// An iterator kept across awaits: `let mut it = v.iter(); while let Some(x) = it.next()`.
    p8b_b_iter_while_let {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let _g = Tracker("g");
                let mut it = v.iter();
                let mut total = 0;
                while let Some(x) = it.next() {
                    total += leaf("x", *x).await;
                }
                total + it.len() as u32
            }
        }
    }
    run { f(vec![3, 4, 5]) }
}

twin! {
    /// A `.peekable()` iterator over a local, `peek` across awaits.
    p8b_b_peekable_groups {
        lower! {
            pub async fn groups(s: &'static str) -> Vec<(char, usize)> {
                let chars: Vec<char> = s.chars().collect();
                let mut it = chars.iter().peekable();
                let mut out = Vec::new();
                while let Some(&c) = it.next() {
                    let mut n = 1;
                    while it.peek() == Some(&&c) {
                        it.next();
                        n += 1;
                        step("same").await;
                    }
                    out.push((c, leaf("n", n).await));
                }
                out
            }
        }
    }
    run { groups("aabccc") }
}

twin! {
    /// `.enumerate()` and `.zip` in `for` loops whose bodies await.
    p8b_b_enumerate_zip {
        lower! {
            pub async fn f(names: Vec<String>, scores: Vec<u32>) -> Vec<String> {
                let mut out = Vec::new();
                for (i, (n, s)) in names.iter().zip(scores.iter()).enumerate() {
                    let bonus = leaf("bonus", i as u32).await;
                    out.push(format!("{i}:{n}={}", s + bonus));
                }
                for (i, n) in names.into_iter().enumerate().skip(1) {
                    step("own").await;
                    out.push(format!("{n}{i}"));
                }
                out
            }
        }
    }
    run { f(vec!["a".into(), "b".into(), "c".into()], vec![10, 20]) }
}

twin! {
    /// `.chunks(2)` and `.windows(2)` over a local vector with awaits per item.
    p8b_b_chunks_windows {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<i32>) {
                let v: Vec<u32> = (1..=5).collect();
                let mut sums = vec![];
                for c in v.chunks(2) {
                    let s: u32 = c.iter().sum();
                    sums.push(leaf("chunk", s).await);
                }
                let mut diffs = vec![];
                let mut w = v.windows(2);
                while let Some([a, b]) = w.next() {
                    step("w").await;
                    diffs.push(*b as i32 - *a as i32);
                }
                (sums, diffs)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut [T]` slice lent across awaits, `split_at_mut`, and a `swap`.
    p8b_b_mut_slice_across_await {
        lower! {
            pub async fn bump(xs: &mut [u32], by: u32) {
                for x in xs.iter_mut() {
                    *x += leaf("by", by).await;
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1, 2, 3, 4];
                let (left, right) = v.split_at_mut(2);
                bump(left, 10).await;
                step("mid").await;
                bump(&mut right[1..], 100).await;
                left[0] += right[0];
                v.swap(0, 3);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec<Vec<_>>` grid updated by index with awaited values.
    p8b_b_grid {
        lower! {
            pub async fn f(n: usize) -> Vec<Vec<u32>> {
                let mut grid = vec![vec![0u32; n]; n];
                for i in 0..n {
                    for j in 0..n {
                        grid[i][j] = leaf("cell", (i * n + j) as u32).await;
                    }
                }
                let row = &mut grid[1];
                row.reverse();
                step("rev").await;
                row.push(99);
                grid
            }
        }
    }
    run { f(2) }
}

twin! {
    /// The `HashMap` entry API with awaited values, sorted output.
    p8b_b_hashmap_entry {
        lower! {
            pub async fn word_count(text: &'static str) -> Vec<(String, u32)> {
                let mut counts: HashMap<String, u32> = HashMap::new();
                for w in text.split_whitespace() {
                    let w = leaf("w", w.to_lowercase()).await;
                    *counts.entry(w).or_insert(0) += 1;
                }
                let e = counts.entry("extra".into()).or_default();
                *e += leaf("extra", 7).await;
                let mut v: Vec<_> = counts.into_iter().collect();
                v.sort();
                v
            }
        }
    }
    run { word_count("a B b c A a") }
}

twin! {
    /// `Option<&mut T>` from `get_mut` held across an await.
    p8b_b_option_mut_ref {
        lower! {
            pub async fn f(i: usize) -> Vec<String> {
                let mut v = vec!["x".to_string(), "y".to_string()];
                if let Some(s) = v.get_mut(i) {
                    let suffix = leaf("sfx", "!").await;
                    s.push_str(suffix);
                } else {
                    step("miss").await;
                    v.push("new".into());
                }
                let last: Option<&mut String> = v.last_mut();
                match last {
                    Some(l) => {
                        step("last").await;
                        l.insert(0, '>');
                    }
                    None => {}
                }
                v
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// `as_ref`, `as_mut`, `take` and `replace` on an `Option<Tracker>` around awaits.
    p8b_b_option_take_replace {
        lower! {
            pub async fn f() -> (Option<&'static str>, Option<Tracker>) {
                let mut slot = Some(Tracker("first"));
                let name = slot.as_ref().map(|t| t.name());
                step("a").await;
                let old = slot.replace(Tracker("second"));
                log(format!("old {old:?}"));
                step("b").await;
                drop(old);
                if let Some(t) = slot.as_mut() {
                    *t = Tracker("third");
                }
                let taken = slot.take();
                step("c").await;
                (name, taken)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Box<T>` locals and `*box` moves across awaits.
    p8b_b_box_deref_move {
        lower! {
            pub async fn f() -> (Tracker, u32) {
                let b = Box::new(Tracker("boxed"));
                let n = Box::new(leaf("n", 5).await);
                step("a").await;
                let t = *b;
                let m = *n + leaf("m", 1).await;
                step("b").await;
                (t, m)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Rc` clones across awaits: strong counts and drop order of the last clone.
    p8b_b_rc_clones {
        lower! {
            pub async fn f() -> (usize, usize) {
                let a = Rc::new(Tracker("shared"));
                let b = Rc::clone(&a);
                let c = a.clone();
                step("1").await;
                let n1 = Rc::strong_count(&a);
                drop(a);
                step("2").await;
                let n2 = Rc::strong_count(&b);
                drop(c);
                log("before b drops");
                step("3").await;
                (n1, n2)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Cow<str>` borrowed or owned depending on an awaited value.
    p8b_b_cow_normalize {
        lower! {
            pub async fn normalize(s: &str) -> Cow<'_, str> {
                let strip = leaf("strip", s.contains(' ')).await;
                if strip {
                    let owned: String = s.chars().filter(|c| *c != ' ').collect();
                    step("owned").await;
                    Cow::Owned(owned)
                } else {
                    Cow::Borrowed(s)
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<(String, bool)> {
                let mut out = vec![];
                for s in ["a b c", "abc"] {
                    let c = normalize(s).await;
                    let borrowed = matches!(c, Cow::Borrowed(_));
                    out.push((c.into_owned(), borrowed));
                }
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Wrapping `u8` arithmetic, casts, checked ops between awaits.
    p8b_b_numeric_wrapping {
        lower! {
            pub async fn checksum(data: &[u8]) -> (u8, u16, i8, Option<u8>) {
                let mut sum: u8 = 0;
                let mut wide = 0u16;
                for &b in data {
                    let b = leaf("b", b).await;
                    sum = sum.wrapping_add(b);
                    wide += b as u16;
                }
                let signed = leaf("s", sum).await as i8;
                let checked = sum.checked_mul(leaf("k", 2).await);
                (sum, wide, signed, checked)
            }
        }
    }
    run { pair(checksum(&[200, 100, 7]), checksum(&[1, 2])) }
}

twin! {
    /// Float formatting of awaited values.
    p8b_b_float_format {
        lower! {
            pub async fn stats(xs: Vec<f64>) -> String {
                let mut sum = 0.0;
                let mut max = f64::MIN;
                for x in &xs {
                    let x = leaf("x", *x).await;
                    sum += x;
                    max = max.max(x);
                }
                let mean = sum / xs.len() as f64;
                step("fmt").await;
                format!("{mean:.3} {max:e} {:>8.2} {}", sum, (mean as i64) as f32 / 2.0)
            }
        }
    }
    run { stats(vec![1.5, 2.25, 10.0]) }
}

twin! {
    /// `chars().rev()`, `is_ascii_digit`, `to_digit` on awaited strings.
    p8b_c_char_processing {
        lower! {
            pub async fn f(s: &'static str) -> (String, u32, usize) {
                let s = leaf("s", s).await;
                let rev: String = s.chars().rev().collect();
                let mut digits = 0;
                for c in s.chars() {
                    if c.is_ascii_digit() {
                        digits += leaf("d", c.to_digit(10).unwrap()).await;
                    }
                }
                step("upper").await;
                let upper = rev.chars().filter(|c| c.is_alphabetic()).map(|c| c.to_ascii_uppercase()).count();
                (rev, digits, upper)
            }
        }
    }
    run { f("ab1c23") }
}

twin! {
    /// `parse::<i32>()?` with `ParseIntError` converted by `From` into a custom error.
    p8b_c_parse_question_from {
        lower! {
            pub async fn parse_all(line: &'static str) -> Result<i32, P8Error> {
                let _g = Tracker("parse");
                let mut total = 0;
                for tok in line.split_whitespace() {
                    let tok = leaf("tok", tok).await;
                    let n = tok.parse::<i32>()?;
                    if n < 0 {
                        return Err(P8Error::Negative(n));
                    }
                    total += n;
                }
                Ok(total)
            }
        }
        lower! {
            pub async fn scenario() -> Vec<Result<i32, P8Error>> {
                let mut out = vec![];
                for l in ["1 2 3", "4 x 5", "6 -7 8"] {
                    out.push(parse_all(l).await);
                }
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `?` on an `Option` turned into a `Result` with `ok_or`, after an await in the operand.
    p8b_c_ok_or_question {
        lower! {
            pub async fn f(keys: Vec<&'static str>) -> Result<String, P8Error> {
                let table = vec![("a", 1), ("b", 2)];
                let mut s = String::new();
                for k in keys {
                    let k = leaf("k", k).await;
                    let v = table.iter().find(|(n, _)| *n == k).ok_or(P8Error::Missing(k))?;
                    s += &v.1.to_string();
                }
                Ok(s)
            }
        }
    }
    run { pair(f(vec!["a", "b"]), f(vec!["b", "z", "a"])) }
}

twin! {
    /// Tuples and nested destructuring in `let`, in parameters and in closures.
    p8b_c_nested_destructuring {
        lower! {
            pub async fn f((a, b): (u32, Tracker), [x, y]: [u8; 2]) -> (u32, String) {
                let ((p, q), r) = (leaf("pq", (1u32, 2u32)).await, leaf("r", 3u32).await);
                step("mid").await;
                let pairs = vec![(p, "p"), (q, "q"), (r, "r")];
                let named: Vec<String> = pairs.iter().map(|&(n, name)| format!("{name}{n}")).collect();
                let total = a + p + q + r + x as u32 + y as u32;
                log(format!("b is {b:?}"));
                step("end").await;
                (total, named.join(","))
            }
        }
    }
    run { f((10, Tracker("b")), [4, 5]) }
}

twin! {
    /// `ref` and `ref mut` patterns kept across awaits.
    p8b_c_ref_mut_patterns {
        #[derive(Debug)]
        pub struct Pt { pub x: i32, pub y: i32, pub tag: Tracker }
        lower! {
            pub async fn f() -> Pt {
                let mut p = Pt { x: 1, y: 2, tag: Tracker("pt") };
                {
                    let Pt { ref mut x, ref y, .. } = p;
                    *x += leaf("dx", 10).await;
                    log(format!("y={y}"));
                }
                let mut o = Some(String::from("s"));
                if let Some(ref mut s) = o {
                    s.push_str(leaf("more", "tr").await);
                }
                step("end").await;
                p.y += o.as_ref().map_or(0, |s| s.len() as i32);
                p
            }
        }
    }
    run { f() }
}

twin! {
    /// `@` bindings and range patterns in a `match` whose arms await.
    p8b_c_at_bindings_ranges {
        lower! {
            pub async fn classify(n: i32) -> String {
                let n = leaf("n", n).await;
                match n {
                    i32::MIN..=-1 => format!("neg {}", leaf("neg", -n).await),
                    0 => "zero".into(),
                    small @ 1..=9 => {
                        step("small").await;
                        format!("small {small}")
                    }
                    big @ (10 | 20 | 30) => format!("round {}", leaf("r", big / 10).await),
                    other => format!("other {other}"),
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let mut v = vec![];
                for n in [-5, 0, 7, 20, 42] {
                    v.push(classify(n).await);
                }
                v
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Char range patterns and guards with awaits.
    p8b_c_guards_with_await {
        lower! {
            pub async fn is_vowel(c: char) -> bool {
                leaf("vowel?", "aeiou".contains(c)).await
            }
        }
        lower! {
            pub async fn kinds(s: &'static str) -> Vec<&'static str> {
                let _g = Tracker("kinds");
                let mut out = vec![];
                for c in s.chars() {
                    let k = match c {
                        'a'..='z' if is_vowel(c).await => "vowel",
                        'a'..='z' => "cons",
                        '0'..='9' if leaf("dig", c != '0').await => "digit",
                        _ => "other",
                    };
                    out.push(k);
                }
                out
            }
        }
    }
    run { kinds("ab0 7") }
}

twin! {
    /// Shadowed variables, shadowed loop variables.
    p8b_c_shadowing {
        lower! {
            pub async fn f() -> (String, Vec<u32>) {
                let x = leaf("x", 1u32).await;
                let x = x + leaf("y", 2).await;
                let x = format!("x={x}");
                let mut v = vec![];
                for i in 0..3u32 {
                    let i = i * 2;
                    step("i").await;
                    let i = i + leaf("plus", 1).await;
                    v.push(i);
                }
                let t = Tracker("t1");
                let t = (t, Tracker("t2"));
                step("end").await;
                drop(t);
                (x, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `loop { match leaf(..).await { .. => break value } }`.
    p8b_c_loop_break_value {
        lower! {
            pub async fn f(limit: u32) -> (u32, String) {
                let _g = Tracker("loop");
                let mut i = 0;
                let r = loop {
                    i += 1;
                    match leaf("probe", i * 3).await {
                        n if n > limit => break (n, "over".to_string()),
                        n @ 6 => {
                            step("six").await;
                            log(format!("six {n}"));
                        }
                        _ => continue,
                    }
                };
                r
            }
        }
    }
    run { f(10) }
}

twin! {
    /// `return` from inside nested loops with trackers live in each scope.
    p8b_c_return_nested_loops {
        lower! {
            pub async fn find(target: u32) -> Option<(u32, u32)> {
                let _outer = Tracker("outer");
                for i in 0..3 {
                    let _row = Tracker("row");
                    for j in 0..3 {
                        let _cell = Tracker("cell");
                        if leaf("v", i * 3 + j).await == target {
                            return Some((i, j));
                        }
                    }
                    step("row-done").await;
                }
                None
            }
        }
    }
    run { pair(find(4), find(100)) }
}

twin! {
    /// A labeled `break 'outer value` from a nested loop.
    p8b_c_labeled_break_value {
        lower! {
            pub async fn f(grid: Vec<Vec<i32>>) -> i32 {
                let found = 'outer: loop {
                    for row in &grid {
                        for &c in row {
                            if leaf("c", c).await < 0 {
                                break 'outer c;
                            }
                        }
                    }
                    break -1;
                };
                step("after").await;
                found * 10
            }
        }
    }
    run { pair(f(vec![vec![1, 2], vec![3, -4, 5]]), f(vec![vec![1]])) }
}

twin! {
    /// A panic inside a match arm (`boom(..).await`) with trackers live.
    p8b_c_boom_in_arm {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker("a");
                let v = vec![Tracker("v1"), Tracker("v2")];
                match leaf("n", n).await {
                    0 => 0,
                    1 => {
                        let _b = Tracker("b");
                        boom("arm").await
                    }
                    _ => v.len() as u32,
                }
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `unwrap()` on `None` after awaits, with a tracker and a borrowed iterator live.
    p8b_c_unwrap_none_panics {
        lower! {
            pub async fn f() -> u32 {
                let _t = Tracker("t");
                let v = vec![1u32, 2];
                let mut it = v.iter();
                let a = *it.next().unwrap();
                step("a").await;
                let b = *it.next().unwrap();
                let _u = Tracker("u");
                step("b").await;
                let c = *it.next().unwrap();
                a + b + c
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `move` closure literal that is `FnOnce` (it drops a captured tracker),
    /// kept across an await, then called.
    p8b_min_fnonce_closure_literal_after_await {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("t");
                let g = move || {
                    drop(t);
                    1
                };
                step("s").await;
                let r = g();
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: as above with an early `return` before the call.
    p8b_min_fnonce_closure_literal_branch {
        lower! {
            pub async fn f(stop: bool) -> u32 {
                let t = Tracker("t");
                let g = move || {
                    drop(t);
                    1
                };
                step("s").await;
                if stop {
                    return 0;
                }
                g()
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// Minimal: a `Box<dyn FnOnce>` local called between two awaits.
    p8b_min_box_fnonce_between_awaits {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("t");
                let g: Box<dyn FnOnce() -> u32> = Box::new(move || {
                    drop(t);
                    1
                });
                step("s").await;
                let r = g();
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: an `impl FnOnce` parameter called between two awaits.
    p8b_min_impl_fnonce_param_between_awaits {
        lower! {
            pub async fn f(g: impl FnOnce() -> Tracker) -> Tracker {
                step("s").await;
                let r = g();
                step("after").await;
                r
            }
        }
    }
    run {
        let t = Tracker("t");
        f(move || t)
    }
}

twin! {
    /// A generic struct with an associated const and a `Default` bound, `Self::` in bodies.
    p8b_d_assoc_const_default {
        pub struct Buffer<T> {
            pub items: Vec<T>,
            pub name: Tracker,
        }
        impl<T: Default + Clone + Debug> Buffer<T> {
            pub const CAP: usize = 3;
            lower! {
                pub async fn fill(&mut self) -> usize {
                    while self.items.len() < Self::CAP {
                        step("fill").await;
                        self.items.push(T::default());
                    }
                    self.items.len()
                }
            }
            lower! {
                pub async fn drain_to(&mut self, out: &mut Vec<String>) -> usize {
                    for x in self.items.drain(..) {
                        step("drain").await;
                        out.push(format!("{x:?}"));
                    }
                    out.len()
                }
            }
        }
        lower! {
            pub async fn scenario() -> (usize, Vec<String>, usize, Tracker) {
                let mut b: Buffer<(u8, bool)> = Buffer { items: vec![(1, true)], name: Tracker("buf") };
                let n = b.fill().await;
                let mut out = vec![];
                let k = b.drain_to(&mut out).await;
                (n, out, k, b.name)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A trait with a default `async fn` calling a required one through `Self`, and a
    /// generic caller taking `&mut impl Trait`.
    p8b_d_trait_default_calls_required {
        #[allow(async_fn_in_trait)]
        pub trait Counter {
            fn bump(&mut self) -> u32;
            lower! {
                async fn bump_n(&mut self, n: u32) -> Vec<u32> {
                    let mut v = vec![];
                    for _ in 0..n {
                        step("b").await;
                        v.push(self.bump());
                    }
                    v
                }
            }
        }
        pub struct ByOne(pub u32);
        pub struct ByTen(pub u32, pub Tracker);
        impl Counter for ByOne {
            fn bump(&mut self) -> u32 { self.0 += 1; self.0 }
        }
        impl Counter for ByTen {
            fn bump(&mut self) -> u32 { self.0 += 10; self.0 }
        }
        lower! {
            pub async fn both(a: &mut impl Counter, mut b: ByTen) -> (Vec<u32>, Vec<u32>, u32) {
                let x = a.bump_n(2).await;
                let y = b.bump_n(leaf("n", 3).await).await;
                (x, y, b.0)
            }
        }
    }
    run {
        let a: &'static mut ByOne = leak(ByOne(0));
        both(a, ByTen(5, Tracker("ten")))
    }
}

twin! {
    /// Generic async fn with `F: Fn(&T) -> bool` and `T: Debug`, filter across awaits.
    p8b_d_generic_predicate {
        lower! {
            pub async fn keep<T, F>(items: Vec<T>, pred: F) -> Vec<T>
            where
                T: Debug,
                F: Fn(&T) -> bool,
            {
                let mut out = Vec::new();
                for it in items {
                    step("check").await;
                    if pred(&it) {
                        out.push(it);
                    } else {
                        log(format!("dropping {it:?}"));
                    }
                }
                out
            }
        }
    }
    run { keep(vec![Tracker("a1"), Tracker("b"), Tracker("a2")], |t: &Tracker| t.name().starts_with('a')) }
}

twin! {
    /// Generic over the error type with `E: From<ParseIntError>`.
    p8b_d_generic_error_from {
        lower! {
            pub async fn parse_sum<E>(parts: &[&'static str]) -> Result<i64, E>
            where
                E: From<std::num::ParseIntError>,
            {
                let mut sum = 0i64;
                for p in parts {
                    let s = leaf("p", *p).await;
                    sum += s.parse::<i64>()?;
                }
                Ok(sum)
            }
        }
        lower! {
            pub async fn scenario() -> (Result<i64, P8Error>, Result<i64, P8Error>) {
                let a = parse_sum::<P8Error>(&["1", "2"]).await;
                let b = parse_sum(&["3", "q"]).await;
                (a, b)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A lifetime-generic struct holding `&'a str`, its async method returning `&'a str`.
    p8b_d_struct_with_lifetime {
        pub struct Parser<'a> {
            pub input: &'a str,
            pub pos: usize,
        }
        impl<'a> Parser<'a> {
            lower! {
                pub async fn next_token(&mut self) -> Option<&'a str> {
                    let rest = &self.input[self.pos..];
                    let rest_trim = rest.trim_start();
                    self.pos += rest.len() - rest_trim.len();
                    if rest_trim.is_empty() {
                        return None;
                    }
                    step("scan").await;
                    let end = rest_trim.find(' ').unwrap_or(rest_trim.len());
                    self.pos += end;
                    Some(&rest_trim[..end])
                }
            }
        }
        lower! {
            pub async fn tokens(s: &str) -> Vec<&str> {
                let mut p = Parser { input: s, pos: 0 };
                let mut out = vec![];
                while let Some(t) = p.next_token().await {
                    out.push(t);
                }
                out
            }
        }
    }
    run { tokens("  let x  = 1 ") }
}

twin! {
    /// Generic `T: ?Sized + Display` behind a reference, and `dyn Display` boxes.
    p8b_d_unsized_display {
        lower! {
            pub async fn show<T: ?Sized + Display>(x: &T) -> String {
                step("show").await;
                format!("<{x}>")
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let items: Vec<Box<dyn Display>> = vec![Box::new(1), Box::new("two"), Box::new(3.5)];
                let mut out = vec![];
                for it in &items {
                    out.push(show(it.as_ref()).await);
                }
                out.push(show("str").await);
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A stack of boxed `Fn` closures, called with awaited arguments.
    p8b_d_boxed_fn_vec {
        lower! {
            pub async fn f() -> Vec<i32> {
                let offset = leaf("off", 100).await;
                let ops: Vec<(&str, Box<dyn Fn(i32) -> i32>)> = vec![
                    ("neg", Box::new(|x| -x)),
                    ("add", Box::new(move |x| x + offset)),
                    ("sq", Box::new(|x| x * x)),
                ];
                let mut out = vec![];
                for (name, op) in &ops {
                    log(format!("op {name}"));
                    out.push(op(leaf("arg", 3).await));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure with a destructuring parameter, kept across awaits.
    p8b_d_closure_destructuring_param {
        lower! {
            pub async fn f() -> Vec<String> {
                let fmt = |(name, (a, b)): (&str, (u32, u32))| format!("{name}:{}", a * b);
                let mut out = vec![];
                for (i, name) in ["x", "y"].into_iter().enumerate() {
                    let a = leaf("a", i as u32 + 2).await;
                    out.push(fmt((name, (a, leaf("b", 10).await))));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic closure-returning helper: `make_adder(n)` returns `impl Fn`, stored across awaits.
    p8b_d_impl_fn_helper {
        pub fn make_adder(n: u32) -> impl Fn(u32) -> u32 {
            move |x| x + n
        }
        lower! {
            pub async fn f() -> u32 {
                let add = make_adder(leaf("n", 5).await);
                let mut acc = 0;
                for _ in 0..3 {
                    acc = add(acc);
                    step("s").await;
                }
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// An `FnMut` closure passed by `&mut` to an async helper.
    p8b_d_fnmut_by_ref {
        lower! {
            pub async fn each<F: FnMut(u32)>(n: u32, f: &mut F) {
                for i in 0..n {
                    f(leaf("i", i).await);
                }
            }
        }
        lower! {
            pub async fn scenario() -> (u32, Vec<u32>) {
                let mut sum = 0;
                let mut seen = vec![];
                let mut cb = |x: u32| {
                    sum += x;
                    seen.push(x * 10);
                };
                each(3, &mut cb).await;
                step("mid").await;
                each(2, &mut cb).await;
                (sum, seen)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A `while let Some(x) = stack.pop()` work loop pushing more work after awaits.
    p8b_d_worklist {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut stack = vec![(Tracker("root"), 1u32)];
                let mut out = vec![];
                while let Some((t, n)) = stack.pop() {
                    let n = leaf("n", n).await;
                    out.push(n);
                    if n < 4 {
                        stack.push((Tracker("left"), n * 2));
                        stack.push((Tracker("right"), n * 2 + 1));
                    }
                    step("done").await;
                    drop(t);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `let ... else` with an await in the diverging branch.
    p8b_d_let_else {
        lower! {
            pub async fn f(s: &'static str) -> Result<(String, u32), String> {
                let _g = Tracker("g");
                let Some((k, v)) = leaf("split", s).await.split_once('=') else {
                    step("bad").await;
                    return Err(format!("no '=' in {s}"));
                };
                let Ok(n) = v.parse::<u32>() else {
                    return Err(format!("bad value {v}"));
                };
                step("ok").await;
                Ok((k.to_string(), n))
            }
        }
    }
    run { pair(f("a=3"), pair(f("b"), f("c=x"))) }
}

twin! {
    /// Locals whose types are inferred only after an await (`Vec::new()`, `Default::default()`,
    /// `collect()`, `None`).
    p8b_e_inferred_later {
        pub fn takes(v: Vec<u8>, m: BTreeMap<u8, String>, best: Option<u8>) -> String {
            format!("{v:?} {m:?} {best:?}")
        }
        lower! {
            pub async fn f() -> String {
                let mut v = Vec::new();
                let mut m = BTreeMap::new();
                let mut best = None;
                step("start").await;
                for i in 0..3 {
                    let x = leaf("x", i * 7).await;
                    v.push(x);
                    m.insert(x, format!("#{i}"));
                    if best.map_or(true, |b| x > b) {
                        best = Some(x);
                    }
                }
                takes(v, m, best)
            }
        }
    }
    run { f() }
}

twin! {
    /// An integer literal local whose type comes from a later use (`u8`, wrapping).
    p8b_e_literal_type_from_later_use {
        lower! {
            pub async fn f() -> (u8, i64) {
                let mut x = 250;
                let mut y = 0;
                step("a").await;
                for _ in 0..3 {
                    x = leaf("x", x).await;
                    y += 1;
                    step("b").await;
                }
                let wrapped: u8 = x;
                let big: i64 = y << 40;
                (wrapped.wrapping_add(10), big)
            }
        }
    }
    run { f() }
}

twin! {
    /// `collect()` into a type named only by a later call, and `Default::default()`.
    p8b_e_collect_inferred_by_call {
        pub fn total(v: &Vec<u32>) -> u32 { v.iter().sum() }
        pub fn show(s: &HashSet<char>) -> usize { s.len() }
        lower! {
            pub async fn f(words: Vec<&'static str>) -> (u32, usize, String) {
                let lens = words.iter().map(|w| w.len() as u32).collect();
                let letters = words.iter().flat_map(|w| w.chars()).collect();
                let mut label = Default::default();
                step("a").await;
                let t = total(&lens);
                let n = show(&letters);
                step("b").await;
                label = format!("{label}{t}");
                let label: String = label;
                (t, n, label)
            }
        }
    }
    run { f(vec!["ab", "bcd"]) }
}

twin! {
    /// Moving out of a `Vec` with `remove`, `swap_remove`, `drain` and `split_off` across awaits.
    p8b_e_vec_moves {
        lower! {
            pub async fn f() -> (Tracker, Tracker, Vec<Tracker>) {
                let mut v = vec![Tracker("a"), Tracker("b"), Tracker("c"), Tracker("d"), Tracker("e")];
                let first = v.remove(0);
                step("1").await;
                let last = v.swap_remove(0);
                step("2").await;
                let tail = v.split_off(2);
                log(format!("tail {tail:?}"));
                let drained: Vec<Tracker> = v.drain(..1).collect();
                step("3").await;
                drop(tail);
                (first, last, drained)
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::mem::replace` / `take` / `swap` on locals and fields across awaits.
    p8b_e_mem_replace_swap {
        #[derive(Debug, Default)]
        pub struct Slot { pub cur: Option<Tracker>, pub hist: Vec<&'static str> }
        lower! {
            pub async fn f() -> Slot {
                let mut s = Slot::default();
                let mut a = Tracker("a");
                let mut b = Tracker("b");
                std::mem::swap(&mut a, &mut b);
                step("1").await;
                let old = std::mem::replace(&mut a, Tracker("c"));
                s.hist.push(old.name());
                s.cur = Some(old);
                step("2").await;
                let taken = std::mem::take(&mut s.hist);
                s.hist = taken.into_iter().chain([b.name(), a.name()]).collect();
                step("3").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct destructured with nested patterns in `let` and `match` after awaits.
    p8b_e_struct_patterns {
        #[derive(Debug)]
        pub struct Req { pub id: u32, pub meta: (String, Option<u8>), pub guard: Tracker }
        lower! {
            pub async fn f(r: Req) -> String {
                let id = leaf("id", r.id).await;
                let Req { meta: (ref path, prio), ref guard, .. } = r;
                step("s").await;
                let p = match prio {
                    Some(p @ 0..=3) => format!("low{p}"),
                    Some(p) => format!("high{}", leaf("p", p).await),
                    None => "none".into(),
                };
                format!("{id} {path} {p} {}", guard.name())
            }
        }
    }
    run { pair(f(Req { id: 1, meta: ("/a".into(), Some(7)), guard: Tracker("g1") }), f(Req { id: 2, meta: ("/b".into(), None), guard: Tracker("g2") })) }
}

twin! {
    /// A tuple-struct newtype with `Deref`, its methods called across awaits.
    p8b_e_newtype_deref {
        pub struct Names(pub Vec<String>);
        impl std::ops::Deref for Names {
            type Target = Vec<String>;
            fn deref(&self) -> &Vec<String> { &self.0 }
        }
        impl std::ops::DerefMut for Names {
            fn deref_mut(&mut self) -> &mut Vec<String> { &mut self.0 }
        }
        lower! {
            pub async fn f() -> (usize, String) {
                let mut n = Names(vec![]);
                for s in ["b", "a", "c"] {
                    n.push(leaf("s", s).await.to_string());
                }
                n.sort();
                let first = n.first().cloned().unwrap_or_default();
                step("len").await;
                (n.len(), first + &n.join(""))
            }
        }
    }
    run { f() }
}

twin! {
    /// An enum with data, a method matching on `&self` across awaits, `Self::Variant`.
    p8b_e_enum_methods {
        #[derive(Debug, Clone)]
        pub enum Shape { Circle(f64), Rect { w: f64, h: f64 }, Empty }
        impl Shape {
            lower! {
                pub async fn area(&self) -> f64 {
                    match self {
                        Self::Circle(r) => leaf("r", *r).await.powi(2) * 3.0,
                        Self::Rect { w, h } => {
                            step("rect").await;
                            w * h
                        }
                        Self::Empty => 0.0,
                    }
                }
            }
            lower! {
                pub async fn grow(self, by: f64) -> Self {
                    step("grow").await;
                    match self {
                        Self::Circle(r) => Self::Circle(r + by),
                        Self::Rect { w, h } => Self::Rect { w: w + by, h },
                        e => e,
                    }
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let mut out = vec![];
                for s in [Shape::Circle(1.0), Shape::Rect { w: 2.0, h: 3.0 }, Shape::Empty] {
                    let a = s.area().await;
                    let g = Shape::grow(s, 1.0).await;
                    out.push(format!("{a:.1} {:.1}", g.area().await));
                }
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `impl Trait for` a generic wrapper, generic method `async fn` on `impl<T: Trait>`.
    p8b_e_generic_impl_over_trait {
        pub trait Source { fn get(&self, i: u32) -> Option<u32>; }
        pub struct Range3;
        impl Source for Range3 { fn get(&self, i: u32) -> Option<u32> { (i < 3).then_some(i * 5) } }
        pub struct Cached<S: Source> { pub src: S, pub hits: Vec<u32>, pub _g: Tracker }
        impl<S: Source> Cached<S> {
            lower! {
                pub async fn all(&mut self) -> Vec<u32> {
                    let mut i = 0;
                    while let Some(v) = self.src.get(i) {
                        self.hits.push(leaf("v", v).await);
                        i += 1;
                    }
                    self.hits.clone()
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<u32> {
                let mut c = Cached { src: Range3, hits: vec![], _g: Tracker("cache") };
                let v = c.all().await;
                step("end").await;
                v
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `Iterator` adaptor chains with `take_while`, `skip`, `step_by`, `rev` around awaits.
    p8b_e_adaptor_chains {
        lower! {
            pub async fn f() -> Vec<u32> {
                let data: Vec<u32> = (1..=10).collect();
                let mut out = vec![];
                let mut it = data.iter().copied().skip(1).step_by(2).take_while(|x| *x < 9);
                while let Some(x) = it.next() {
                    out.push(leaf("x", x).await);
                }
                for x in data.iter().rev().take(2) {
                    step("rev").await;
                    out.push(*x);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `VecDeque` queue processed with awaits, `push_front` of retried items.
    p8b_e_vecdeque_retry {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut q: VecDeque<(Tracker, u32)> = VecDeque::new();
                q.push_back((Tracker("j1"), 0));
                q.push_back((Tracker("j2"), 0));
                let mut out = vec![];
                while let Some((job, tries)) = q.pop_front() {
                    let ok = leaf("run", job.name() == "j1" || tries >= 1).await;
                    if ok {
                        out.push(format!("{} after {tries}", job.name()));
                    } else {
                        step("retry").await;
                        q.push_front((job, tries + 1));
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `HashSet` dedup and `BTreeMap` range queries with awaited keys.
    p8b_e_sets_and_ranges {
        lower! {
            pub async fn f() -> (usize, Vec<(u32, &'static str)>) {
                let mut seen = HashSet::new();
                let mut m = BTreeMap::new();
                for (k, v) in [(5, "e"), (1, "a"), (5, "E"), (3, "c")] {
                    let k = leaf("k", k).await;
                    if seen.insert(k) {
                        m.insert(k, v);
                    }
                }
                let lo = leaf("lo", 2).await;
                let r: Vec<_> = m.range(lo..).map(|(k, v)| (*k, *v)).collect();
                (seen.len(), r)
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `self`-by-value async method of a generic struct with a reference parameter.
    p8b_min_generic_self_value_ref_param {
        pub struct W<T> { pub items: Vec<T> }
        impl<T: Debug> W<T> {
            lower! {
                pub async fn show(self, out: &mut Vec<String>) {
                    step("s").await;
                    out.push(format!("{:?}", self.items));
                }
            }
        }
    }
    run {
        let out: &'static mut Vec<String> = leak(Vec::new());
        W { items: vec![1, 2] }.show(out)
    }
}

twin! {
    /// Minimal: a free generic async fn taking `T` by value and a `&mut` parameter.
    p8b_min_generic_value_ref_param_free {
        lower! {
            pub async fn show<T: Debug>(x: T, out: &mut Vec<String>) {
                step("s").await;
                out.push(format!("{x:?}"));
            }
        }
    }
    run {
        let out: &'static mut Vec<String> = leak(Vec::new());
        show(vec![1, 2], out)
    }
}

twin! {
    /// A consuming `self` async method of a generic struct writing into a `&mut Vec` parameter.
    p8b_d_generic_self_into_report {
        pub struct Batch<T> { pub items: Vec<T>, pub name: Tracker }
        impl<T: Debug> Batch<T> {
            lower! {
                pub async fn into_report(self, out: &mut Vec<String>) -> Tracker {
                    let Batch { items, name } = self;
                    for x in items {
                        step("item").await;
                        out.push(format!("{}:{x:?}", name.name()));
                    }
                    name
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<String>, Tracker) {
                let b = Batch { items: vec!['x', 'y'], name: Tracker("batch") };
                let mut out = vec![];
                let t = Batch::into_report(b, &mut out).await;
                (out, t)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Minimal: a `self`-by-value async method of a generic struct with a `&str` parameter
    /// returning a value (no `T` in the output).
    p8b_min_generic_self_value_str_param {
        pub struct W<T> { pub x: T }
        impl<T: Clone> W<T> {
            lower! {
                pub async fn len_with(self, s: &str) -> usize {
                    step("s").await;
                    let _keep = self.x.clone();
                    s.len()
                }
            }
        }
    }
    run { W { x: 1u8 }.len_with("abc") }
}

twin! {
    /// Minimal: a `self`-by-value async method of a generic struct without reference parameters.
    p8b_min_generic_self_value_no_ref {
        pub struct W<T> { pub x: T }
        impl<T: Debug> W<T> {
            lower! {
                pub async fn show(self) -> String {
                    step("s").await;
                    format!("{:?}", self.x)
                }
            }
        }
    }
    run { W { x: 1u8 }.show() }
}

twin! {
    /// Minimal: a `&mut self` async method of a generic struct (one lifetime).
    p8b_min_generic_mut_self_only {
        pub struct W<T> { pub x: Vec<T> }
        impl<T: Clone> W<T> {
            lower! {
                pub async fn dup(&mut self) -> usize {
                    step("s").await;
                    let c = self.x.clone();
                    self.x.extend(c);
                    self.x.len()
                }
            }
        }
    }
    run {
        let w: &'static mut W<u8> = leak(W { x: vec![1u8] });
        w.dup()
    }
}

twin! {
    /// A free generic async fn `T: Display` with one `&mut` param (the method form fails).
    p8b_f_generic_lifetime_in_output_type {
        lower! {
            pub async fn label_all<'a, T: Display>(items: &'a [T], prefix: &'a str) -> Vec<(String, &'a T)> {
                let mut out = vec![];
                for it in items {
                    step("lbl").await;
                    out.push((format!("{prefix}{it}"), it));
                }
                out
            }
        }
    }
    run {
        let items: &'static [u32] = leak(vec![4u32, 5]);
        label_all(items, "#")
    }
}

twin! {
    /// `Rc<RefCell<_>>` shared between a local and a closure, borrows never across awaits.
    p8b_f_rc_refcell_shared {
        lower! {
            pub async fn f() -> Vec<u32> {
                let shared = Rc::new(std::cell::RefCell::new(Vec::new()));
                let writer = {
                    let s = Rc::clone(&shared);
                    move |x: u32| s.borrow_mut().push(x)
                };
                for i in 0..3 {
                    writer(leaf("i", i).await);
                }
                drop(writer);
                step("end").await;
                let out = Rc::try_unwrap(shared).unwrap().into_inner();
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic `Option<T>` combinator chain across awaits: `and_then`, `filter`, `zip`, `xor`.
    p8b_f_option_combinators {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<&'static str>) -> (Option<u32>, Option<(u32, &'static str)>, Option<u32>) {
                let a = leaf("a", a).await;
                let parsed = b.and_then(|s| s.parse::<u32>().ok());
                step("p").await;
                let big = a.filter(|x| *x > 2).map(|x| x * 10);
                let z = a.zip(leaf("b", b).await);
                (big, z, a.xor(parsed))
            }
        }
    }
    run { pair(f(Some(3), Some("7")), f(None, Some("x"))) }
}

twin! {
    /// A `Result<Vec<_>, _>` collected from an iterator of parsed values after awaits.
    p8b_f_collect_result {
        lower! {
            pub async fn f(input: &'static str) -> Result<Vec<i32>, P8Error> {
                let raw = leaf("raw", input).await;
                let parsed: Result<Vec<i32>, _> = raw.split(',').map(|s| s.trim().parse::<i32>()).collect();
                step("parsed").await;
                let v = parsed?;
                if let Some(&n) = v.iter().find(|n| **n < 0) {
                    return Err(P8Error::Negative(n));
                }
                Ok(v)
            }
        }
    }
    run { pair(f("1, 2,3"), pair(f("1,b"), f("4,-2"))) }
}

twin! {
    /// A `match` on a tuple of awaited values with nested enum patterns and bindings.
    p8b_f_match_tuple_nested {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<&'static str, u8>) -> String {
                let _g = Tracker("g");
                match (leaf("a", a).await, leaf("b", b).await) {
                    (Some(x @ 0..=9), Ok(s)) => format!("digit {x} {s}"),
                    (Some(x), Ok(s)) if s.len() as u32 == x => format!("len match {x}"),
                    (None, Err(code)) => {
                        let d = leaf("d", code as u32).await;
                        format!("err {d}")
                    }
                    (x, _) => format!("other {x:?}"),
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                vec![
                    f(Some(3), Ok("a")).await,
                    f(Some(2), Ok("ab")).await,
                    f(None, Err(9)).await,
                    f(Some(12), Err(1)).await,
                ]
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `if let ... else if let ... else` chains with awaits in conditions and bodies.
    p8b_f_if_let_chain {
        lower! {
            pub async fn f(x: &'static str) -> i64 {
                let _g = Tracker("g");
                if let Ok(n) = leaf("int", x).await.parse::<i64>() {
                    n * 2
                } else if let Some(rest) = x.strip_prefix('#') {
                    let n = leaf("hex", i64::from_str_radix(rest, 16).unwrap_or(-1)).await;
                    n
                } else {
                    step("none").await;
                    -1
                }
            }
        }
    }
    run { pair(f("21"), pair(f("#ff"), f("zz"))) }
}

twin! {
    /// A struct holding a `Box<dyn FnMut>` callback, invoked from an async method.
    p8b_f_struct_boxed_fnmut_field {
        pub struct Emitter { pub on: Box<dyn FnMut(&str) -> usize>, pub sent: usize }
        impl Emitter {
            lower! {
                pub async fn emit(&mut self, msgs: &[&str]) -> usize {
                    for m in msgs {
                        let m = leaf("m", *m).await;
                        self.sent += (self.on)(m);
                    }
                    self.sent
                }
            }
        }
        lower! {
            pub async fn scenario() -> (usize, usize) {
                let mut calls = 0;
                let mut e = Emitter { on: Box::new(move |s: &str| { calls += 1; log(format!("on {s} #{calls}")); s.len() }), sent: 0 };
                let a = e.emit(&["hi", "there"]).await;
                let b = e.emit(&["x"]).await;
                (a, b)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Sorting with `sort_by_key`, `sort_by` with a closure comparing fields, `dedup_by_key`.
    p8b_f_sorting_closures {
        #[derive(Debug, Clone)]
        pub struct Item { pub name: String, pub score: i32 }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut items = vec![];
                for (n, s) in [("b", 3), ("a", 3), ("c", -1), ("d", 3)] {
                    items.push(Item { name: n.into(), score: leaf("s", s).await });
                }
                items.sort_by(|x, y| y.score.cmp(&x.score).then_with(|| x.name.cmp(&y.name)));
                step("sorted").await;
                items.dedup_by_key(|i| i.score);
                items.iter().map(|i| format!("{}={}", i.name, i.score)).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// String building: `char_indices`, byte slicing, `format!` width/fill, `repeat`.
    p8b_f_string_building {
        lower! {
            pub async fn f(s: &'static str) -> Vec<String> {
                let mut out = vec![];
                for (i, c) in s.char_indices() {
                    if c == ',' {
                        let head = &s[..i];
                        let w = leaf("w", i + 2).await;
                        out.push(format!("[{head:>w$}]"));
                        out.push(format!("{:-<5}|{}", &s[i + 1..], "=".repeat(leaf("r", 2).await)));
                    }
                }
                out
            }
        }
    }
    run { f("ab,c,def") }
}

twin! {
    /// A `loop` with `continue` and `break` depending on awaited values, trackers per iteration.
    p8b_f_loop_continue_break {
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut n = 0;
                let mut kept = vec![];
                loop {
                    n += 1;
                    let _it = Tracker("iter");
                    let v = leaf("v", n * n).await;
                    if v % 2 == 0 {
                        continue;
                    }
                    if v > 20 {
                        break;
                    }
                    step("keep").await;
                    kept.push(v);
                }
                (n, kept)
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic from `unwrap` on an `Err` inside a nested loop with trackers in several scopes.
    p8b_f_unwrap_err_nested {
        lower! {
            pub async fn f(rows: Vec<Vec<&'static str>>) -> i32 {
                let _outer = Tracker("outer");
                let mut total = 0;
                for row in rows {
                    let _r = Tracker("row");
                    for cell in row {
                        step("cell").await;
                        total += cell.parse::<i32>().unwrap();
                    }
                }
                total
            }
        }
    }
    run { f(vec![vec!["1", "2"], vec!["3", "x", "5"]]) }
}

twin! {
    /// `assert!`/`assert_eq!` with awaited operands; one fails with a message.
    p8b_f_assert_with_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _g = Tracker("g");
                assert!(leaf("pos", n).await > 0, "n must be positive");
                assert_eq!(leaf("even", n % 2).await, 0, "n={n} must be even");
                n / 2
            }
        }
    }
    run { pair(f(4), f(3)) }
}

twin! {
    /// Minimal: `format!` with a `&s[a..]` operand before an awaited operand.
    p8b_min_format_slice_operand_then_await {
        lower! {
            pub async fn f(s: &'static str) -> String {
                format!("{}|{}", &s[1..], leaf("x", 1).await)
            }
        }
    }
    run { f("abc") }
}

twin! {
    /// Minimal: a call with a `&s[a..]` argument before an awaited argument.
    p8b_min_call_slice_arg_then_await {
        pub fn join(a: &str, n: u32) -> String { format!("{a}{n}") }
        lower! {
            pub async fn f(s: &'static str) -> String {
                join(&s[1..], leaf("x", 1).await)
            }
        }
    }
    run { f("abc") }
}

twin! {
    /// Minimal: a call with a `&v[a..]` argument (a `Vec` local) before an awaited argument.
    p8b_min_call_vec_slice_arg_then_await {
        pub fn total(a: &[u32], n: u32) -> u32 { a.iter().sum::<u32>() + n }
        lower! {
            pub async fn f() -> u32 {
                let v = vec![1, 2, 3];
                total(&v[1..], leaf("x", 1).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a tuple with a `&s[a..]` element before an awaited element.
    p8b_min_tuple_slice_then_await {
        lower! {
            pub async fn f(s: &'static str) -> (&'static str, u32) {
                (&s[1..], leaf("x", 1).await)
            }
        }
    }
    run { f("abc") }
}

twin! {
    /// Minimal: a call with a `&v[0]` argument (a non-`Copy` element) before an awaited argument.
    p8b_min_call_index_ref_arg_then_await {
        pub fn show(a: &Tracker, n: u32) -> String { format!("{a:?}{n}") }
        lower! {
            pub async fn f() -> String {
                let v = vec![Tracker("a"), Tracker("b")];
                show(&v[1], leaf("x", 1).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a method call with a `&*b` argument (deref of a `Box`) before an awaited argument.
    p8b_min_call_deref_ref_arg_then_await {
        pub fn show(a: &Tracker, n: u32) -> String { format!("{a:?}{n}") }
        lower! {
            pub async fn f() -> String {
                let b = Box::new(Tracker("boxed"));
                show(&*b, leaf("x", 1).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `&mut v[0]` (a `Copy` element) passed before an awaited argument: the
    /// write must land in the vector.
    p8b_min_call_index_mut_ref_copy_then_await {
        pub fn add(slot: &mut u32, n: u32) { *slot += n; }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1, 2];
                add(&mut v[0], leaf("x", 10).await);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: an associated async fn (no receiver) of a generic impl taking `T` and a `&str`.
    p8b_min_generic_impl_assoc_fn_value_and_ref {
        pub struct W<T> { pub x: T }
        impl<T: Debug> W<T> {
            lower! {
                pub async fn make(x: T, s: &str) -> String {
                    step("s").await;
                    format!("{s}{x:?}")
                }
            }
        }
    }
    run { W::<u8>::make(7, "n=") }
}

twin! {
    /// Minimal: an associated async fn of a generic impl taking only a `&str`.
    p8b_min_generic_impl_assoc_fn_ref_only {
        pub struct W<T> { pub x: T }
        impl<T: Default + Debug> W<T> {
            lower! {
                pub async fn make(s: &str) -> String {
                    step("s").await;
                    format!("{s}{:?}", T::default())
                }
            }
        }
    }
    run { W::<u8>::make("n=") }
}

twin! {
    /// A method call on an indexed receiver with an awaited argument (`names[i].push_str(..await)`).
    p8b_g_index_receiver_await_arg {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut names = vec!["a".to_string(), "b".to_string()];
                for i in 0..names.len() {
                    names[i].push_str(leaf("sfx", "!").await);
                }
                let mut grid = vec![vec![0u32; 2]; 2];
                grid[1][0] += leaf("g", 5).await;
                grid[0].push(leaf("p", 9).await);
                names.push(format!("{grid:?}"));
                names
            }
        }
    }
    run { f() }
}

twin! {
    /// A realistic scorer passing `&mut scores[i]` to a helper with an awaited argument.
    p8b_g_index_mut_ref_helper {
        pub fn credit(slot: &mut u32, pts: u32) -> u32 { *slot += pts; *slot }
        lower! {
            pub async fn f(rounds: Vec<(usize, u32)>) -> Vec<u32> {
                let mut scores = vec![0u32; 3];
                for (who, pts) in rounds {
                    let now = credit(&mut scores[who], leaf("pts", pts).await);
                    log(format!("player {who} now {now}"));
                }
                scores
            }
        }
    }
    run { f(vec![(0, 5), (2, 1), (0, 3)]) }
}

twin! {
    /// A string slice `&line[..n]` passed with an awaited argument (a log-line parser).
    p8b_g_str_slice_arg_parser {
        pub fn record(key: &str, val: u32) -> String { format!("{key}={val}") }
        lower! {
            pub async fn f(lines: Vec<&'static str>) -> Vec<String> {
                let mut out = vec![];
                for line in lines {
                    if let Some(i) = line.find(':') {
                        out.push(record(&line[..i], leaf("val", line.len() as u32).await));
                    }
                }
                out
            }
        }
    }
    run { f(vec!["a:1", "bb", "ccc:22"]) }
}

twin! {
    /// `&self.items[i]` from a method on a struct, passed with an awaited argument.
    p8b_g_self_index_ref_arg {
        pub fn describe(t: &Tracker, n: u32) -> String { format!("{}#{n}", t.name()) }
        pub struct Pool { pub items: Vec<Tracker> }
        impl Pool {
            lower! {
                pub async fn show(&self, i: usize) -> String {
                    describe(&self.items[i], leaf("n", i as u32).await)
                }
            }
        }
        lower! {
            pub async fn scenario() -> (String, String) {
                let p = Pool { items: vec![Tracker("p0"), Tracker("p1")] };
                (p.show(1).await, p.show(0).await)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `std::mem::swap(&mut v[i], &mut other)` style helper with awaits around it.
    p8b_g_swap_index_with_local {
        lower! {
            pub async fn f() -> (Vec<Tracker>, Tracker) {
                let mut v = vec![Tracker("v0"), Tracker("v1")];
                let mut spare = Tracker("spare");
                step("a").await;
                std::mem::swap(&mut v[0], &mut spare);
                step("b").await;
                let i = leaf("i", 1usize).await;
                let old = std::mem::replace(&mut v[i], Tracker("new"));
                drop(old);
                (v, spare)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&HashMap` lookup by `&key[..]` in the same call as an await.
    p8b_g_map_lookup_slice_key {
        pub fn price(m: &HashMap<String, u32>, k: &str, qty: u32) -> u32 { m.get(k).copied().unwrap_or(0) * qty }
        lower! {
            pub async fn f(orders: Vec<String>) -> u32 {
                let mut m = HashMap::new();
                m.insert("apple".to_string(), 3);
                m.insert("pear".to_string(), 5);
                let mut total = 0;
                for o in &orders {
                    let (name, _) = o.split_once('x').unwrap_or((o, ""));
                    total += price(&m, &name[..], leaf("qty", 2).await);
                }
                total
            }
        }
    }
    run { f(vec!["applex".into(), "pear".into(), "kiwi".into()]) }
}

twin! {
    /// An array local indexed by awaited indices, `&arr[..]` lent to an async helper.
    p8b_g_array_slices {
        lower! {
            pub async fn sum(xs: &[i32]) -> i32 {
                let mut s = 0;
                for x in xs {
                    s += leaf("x", *x).await;
                }
                s
            }
        }
        lower! {
            pub async fn f() -> (i32, i32, [i32; 4]) {
                let mut arr = [4, -1, 7, 2];
                let i = leaf("i", 2usize).await;
                arr[i] *= 2;
                let a = sum(&arr[..i]).await;
                let b = sum(&arr[i..]).await;
                arr.sort_unstable();
                (a, b, arr)
            }
        }
    }
    run { f() }
}

twin! {
    /// `iter_mut().zip` over two vectors updating in place across awaits.
    p8b_g_iter_mut_zip {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<String>) {
                let mut nums = vec![1, 2, 3];
                let mut labels = vec![String::new(); 3];
                for (n, l) in nums.iter_mut().zip(labels.iter_mut()) {
                    *n *= leaf("k", 10).await;
                    l.push_str(&n.to_string());
                }
                (nums, labels)
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic async fn over `AsRef<str>` items, `impl AsRef<[u8]>`.
    p8b_g_as_ref_generic {
        lower! {
            pub async fn lens<S: AsRef<str>>(items: &[S], bytes: impl AsRef<[u8]>) -> (Vec<usize>, u32) {
                let mut out = vec![];
                for s in items {
                    out.push(leaf("len", s.as_ref().len()).await);
                }
                let sum = bytes.as_ref().iter().map(|b| *b as u32).sum();
                step("sum").await;
                (out, sum)
            }
        }
    }
    run {
        let items: &'static [String] = leak(vec!["ab".to_string(), "c".to_string()]);
        lens(items, vec![1u8, 2, 3])
    }
}

twin! {
    /// A `Box<dyn Trait>` list with a trait method called between awaits, `Box<Self>` dropped in order.
    p8b_g_dyn_trait_list {
        pub trait Stage { fn apply(&self, x: i32) -> i32; fn name(&self) -> String; }
        pub struct Add(pub i32, pub Tracker);
        pub struct Mul(pub i32);
        impl Stage for Add { fn apply(&self, x: i32) -> i32 { x + self.0 } fn name(&self) -> String { format!("add{}", self.0) } }
        impl Stage for Mul { fn apply(&self, x: i32) -> i32 { x * self.0 } fn name(&self) -> String { format!("mul{}", self.0) } }
        lower! {
            pub async fn run_pipeline(input: i32) -> (i32, Vec<String>) {
                let stages: Vec<Box<dyn Stage>> = vec![Box::new(Add(1, Tracker("add"))), Box::new(Mul(3)), Box::new(Add(-2, Tracker("sub")))];
                let mut x = input;
                let mut trace = vec![];
                for s in stages.iter() {
                    x = s.apply(leaf("x", x).await);
                    trace.push(s.name());
                }
                step("done").await;
                (x, trace)
            }
        }
    }
    run { run_pipeline(5) }
}

twin! {
    /// An `Option<Box<Node>>` linked list built and walked with awaits (`as_ref`, `as_deref`).
    p8b_g_linked_list {
        pub struct Node { pub v: u32, pub next: Option<Box<Node>> }
        lower! {
            pub async fn f(n: u32) -> (Vec<u32>, u32) {
                let mut head: Option<Box<Node>> = None;
                for i in 0..n {
                    let v = leaf("v", i * 2).await;
                    head = Some(Box::new(Node { v, next: head }));
                }
                let mut out = vec![];
                let mut cur = head.as_deref();
                while let Some(node) = cur {
                    step("walk").await;
                    out.push(node.v);
                    cur = node.next.as_deref();
                }
                let first = head.as_ref().map_or(0, |n| n.v);
                (out, first)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Casting between numeric types after awaits: `as u8` truncation, `i32 as u32`, `f64 as i32`.
    p8b_g_casts {
        lower! {
            pub async fn f() -> (u8, u32, i32, u64, char) {
                let big = leaf("big", 300u32).await;
                let neg = leaf("neg", -1i32).await;
                let fl = leaf("fl", -2.7f64).await;
                let c = leaf("c", 65u8).await;
                step("cast").await;
                (big as u8, neg as u32, fl as i32, (neg as i64).unsigned_abs(), (c + 1) as char)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on `&str` slices from `split_once` with guards that await.
    p8b_g_command_dispatch {
        lower! {
            pub async fn allowed(user: &str) -> bool {
                leaf("acl", user != "eve").await
            }
        }
        lower! {
            pub async fn dispatch(cmds: Vec<&'static str>) -> Vec<String> {
                let mut out = vec![];
                let mut stack: Vec<i64> = vec![];
                for c in cmds {
                    let r = match c.split_once(' ') {
                        Some(("push", n)) => { stack.push(n.parse().unwrap_or(0)); format!("pushed {n}") }
                        Some(("as", user)) if allowed(user).await => format!("hi {user}"),
                        Some((cmd, _)) => format!("bad {cmd}"),
                        None if c == "pop" => format!("popped {:?}", stack.pop()),
                        None => { step("unknown").await; "?".into() }
                    };
                    out.push(r);
                }
                out
            }
        }
    }
    run { dispatch(vec!["push 3", "as bob", "as eve", "pop", "pop", "zzz"]) }
}

twin! {
    /// Minimal: a method call on an indexed receiver with an awaited argument.
    p8b_min_index_receiver_await_arg {
        lower! {
            pub async fn f() -> Vec<Vec<u32>> {
                let mut v = vec![vec![1u32]];
                v[0].push(leaf("x", 2).await);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a method call on a field receiver with an awaited argument (works: control).
    p8b_min_field_receiver_await_arg {
        pub struct S { pub v: Vec<u32> }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut s = S { v: vec![1] };
                s.v.push(leaf("x", 2).await);
                s.v
            }
        }
    }
    run { f() }
}

twin! {
    /// An iterator parameter with a projection bound (`I::Item: Debug`) kept across awaits.
    p8b_h_iterator_param_projection {
        lower! {
            pub async fn dump<I>(mut it: I, limit: usize) -> Vec<String>
            where
                I: Iterator,
                I::Item: Debug,
            {
                let mut out = vec![];
                while out.len() < limit {
                    let Some(x) = it.next() else { break };
                    step("item").await;
                    out.push(format!("{x:?}"));
                }
                out.push(format!("rest {}", it.count()));
                out
            }
        }
    }
    run { dump(vec![Tracker("a"), Tracker("b"), Tracker("c")].into_iter(), 2) }
}

twin! {
    /// A const generic array parameter `[T; N]`, `N` used in the body.
    p8b_h_const_generic_array {
        lower! {
            pub async fn rotate<T: Debug, const N: usize>(mut arr: [T; N], by: usize) -> (usize, [T; N]) {
                for _ in 0..by {
                    step("rot").await;
                    arr.rotate_left(1);
                }
                (leaf("n", N).await, arr)
            }
        }
    }
    run { rotate([Tracker("x"), Tracker("y"), Tracker("z")], 2) }
}

twin! {
    /// A trait with a static `async fn create() -> Self` and a generic caller.
    p8b_h_trait_static_constructor {
        #[allow(async_fn_in_trait)]
        pub trait Create: Sized {
            async fn create(id: u32) -> Self;
            fn id(&self) -> u32;
        }
        #[derive(Debug)]
        pub struct Conn { pub id: u32, pub t: Tracker }
        #[derive(Debug)]
        pub struct Num(pub u32);
        impl Create for Conn {
            lower! {
                async fn create(id: u32) -> Self {
                    let id = leaf("open", id).await;
                    Conn { id, t: Tracker("conn") }
                }
            }
            fn id(&self) -> u32 { self.id }
        }
        impl Create for Num {
            lower! {
                async fn create(id: u32) -> Num {
                    step("num").await;
                    Self(id * 2)
                }
            }
            fn id(&self) -> u32 { self.0 }
        }
        lower! {
            pub async fn make_two<C: Create + Debug>(base: u32) -> (u32, Vec<C>) {
                let a = C::create(base).await;
                let b = <C as Create>::create(base + 1).await;
                (a.id() + b.id(), vec![a, b])
            }
        }
    }
    run { pair(make_two::<Conn>(1), make_two::<Num>(5)) }
}

twin! {
    /// A generic wrapper implementing a trait for any `T: Display`, `async fn` using `Self::Out`.
    p8b_h_blanket_generic_impl {
        #[allow(async_fn_in_trait)]
        pub trait Render {
            type Out: Debug;
            async fn render(&self, width: usize) -> Self::Out;
        }
        pub struct Boxed<T>(pub T);
        impl<T: Display> Render for Boxed<T> {
            type Out = String;
            lower! {
                async fn render(&self, width: usize) -> String {
                    let w = leaf("w", width).await;
                    let inner = format!("{:^w$}", self.0.to_string());
                    step("frame").await;
                    format!("[{inner}]")
                }
            }
        }
        lower! {
            pub async fn render_all<R: Render>(items: &[R]) -> Vec<R::Out> {
                let mut out = vec![];
                for it in items {
                    out.push(it.render(5).await);
                }
                out
            }
        }
    }
    run {
        let items: &'static [Boxed<i32>] = leak(vec![Boxed(1), Boxed(-22)]);
        render_all(items)
    }
}

twin! {
    /// A closure with inferred parameter types (`|a, b| a + b`) used after awaits.
    p8b_h_closure_inferred_params {
        lower! {
            pub async fn f() -> (u64, String) {
                let add = |a, b| a + b;
                let join = |a: &str, b| format!("{a}-{b}");
                let x = leaf("x", 3u64).await;
                step("mid").await;
                let y = add(x, leaf("y", 4).await);
                (y, join("k", y))
            }
        }
    }
    run { f() }
}

twin! {
    /// An `impl FnMut(u32) -> bool` parameter called in a loop with awaits.
    p8b_h_impl_fnmut_param {
        lower! {
            pub async fn take_until(mut stop: impl FnMut(u32) -> bool, max: u32) -> Vec<u32> {
                let _g = Tracker("g");
                let mut out = vec![];
                for i in 0..max {
                    let v = leaf("v", i * i).await;
                    if stop(v) {
                        break;
                    }
                    out.push(v);
                }
                out
            }
        }
    }
    run {
        let mut calls = 0;
        take_until(move |v| { calls += 1; log(format!("call {calls}")); v > 5 }, 10)
    }
}

twin! {
    /// `Cell` counters shared by reference with closures, read across awaits.
    p8b_h_cell_counters {
        lower! {
            pub async fn f() -> (u32, u32) {
                let hits = std::cell::Cell::new(0);
                let misses = std::cell::Cell::new(0);
                let record = |hit: bool| if hit { hits.set(hits.get() + 1) } else { misses.set(misses.get() + 1) };
                for k in [1, 2, 3, 4, 5] {
                    record(leaf("hit", k % 2 == 1).await);
                }
                step("end").await;
                (hits.get(), misses.get())
            }
        }
    }
    run { f() }
}

twin! {
    /// `Weak` references upgraded after awaits, the strong one dropped in between.
    p8b_h_weak_upgrade {
        lower! {
            pub async fn f() -> (bool, bool, usize) {
                let strong = Rc::new(Tracker("node"));
                let weak = Rc::downgrade(&strong);
                step("a").await;
                let alive = weak.upgrade().is_some();
                let extra = Rc::clone(&strong);
                drop(strong);
                step("b").await;
                let still = weak.upgrade().map(|r| r.name().len());
                drop(extra);
                step("c").await;
                (alive, weak.upgrade().is_none(), still.unwrap_or(0))
            }
        }
    }
    run { f() }
}

twin! {
    /// `match` on `Option<&mut T>` updating through the reference with an await.
    p8b_h_match_option_mut {
        lower! {
            pub async fn f(key: &'static str) -> BTreeMap<&'static str, Vec<u32>> {
                let mut m: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
                m.insert("a", vec![1]);
                match m.get_mut(key) {
                    Some(v) => {
                        let x = leaf("x", 2).await;
                        v.push(x);
                    }
                    None => {
                        let x = leaf("new", 9).await;
                        m.insert(key, vec![x]);
                    }
                }
                m
            }
        }
    }
    run { pair(f("a"), f("b")) }
}

twin! {
    /// `Option<Result<..>>::transpose` and `?` in an async fn returning `Result<Option<_>>`.
    p8b_h_transpose {
        lower! {
            pub async fn f(s: Option<&'static str>) -> Result<Option<u32>, P8Error> {
                let _g = Tracker("g");
                let s = leaf("s", s).await;
                let n = s.map(|x| x.parse::<u32>()).transpose()?;
                step("ok").await;
                Ok(n.map(|x| x + 1))
            }
        }
    }
    run { pair(f(Some("4")), pair(f(None), f(Some("z")))) }
}

twin! {
    /// Arithmetic overflow panics (debug build) on an awaited operand with trackers live.
    p8b_h_overflow_panic {
        lower! {
            pub async fn f(a: u8) -> u8 {
                let _t = Tracker("t");
                let b = leaf("b", 200u8).await;
                let _u = Tracker("u");
                a + b
            }
        }
    }
    run { pair(f(50), f(100)) }
}

twin! {
    /// An index-out-of-bounds panic after an await, the vector of trackers live.
    p8b_h_index_oob_panic {
        lower! {
            pub async fn f(i: usize) -> &'static str {
                let v = vec![Tracker("v0"), Tracker("v1")];
                let i = leaf("i", i).await;
                let _g = Tracker("g");
                v[i].name()
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// `expect` with a message on a missing map key, after a loop of awaits.
    p8b_h_expect_panic {
        lower! {
            pub async fn f(keys: Vec<&'static str>) -> u32 {
                let mut m = BTreeMap::new();
                m.insert("a", Tracker("ta"));
                m.insert("b", Tracker("tb"));
                let mut n = 0;
                for k in keys {
                    step("k").await;
                    n += m.get(k).expect("key must exist").name().len() as u32;
                }
                n
            }
        }
    }
    run { f(vec!["a", "b", "zz"]) }
}

twin! {
    /// `bytes()` processing and `String::from_utf8` on bytes built across awaits.
    p8b_h_bytes_utf8 {
        lower! {
            pub async fn f(s: &'static str) -> (Result<String, String>, u32) {
                let mut buf = Vec::new();
                let mut upper = 0;
                for b in s.bytes() {
                    let b = leaf("b", b).await;
                    if b.is_ascii_lowercase() {
                        buf.push(b - 32);
                        upper += 1;
                    } else {
                        buf.push(b);
                    }
                }
                buf.push(leaf("bad", 0xff).await);
                let bad = String::from_utf8(buf.clone()).map_err(|e| e.utf8_error().valid_up_to().to_string());
                buf.pop();
                (bad.or_else(|_| String::from_utf8(buf).map_err(|e| e.to_string())), upper)
            }
        }
    }
    run { f("ab-C") }
}

twin! {
    /// Comparing an indexed `String` with an awaited one (`names[i] == leaf(..).await`).
    p8b_i_index_compare_await {
        lower! {
            pub async fn position(names: Vec<String>, want: &'static str) -> Option<usize> {
                for i in 0..names.len() {
                    if names[i] == leaf("want", want.to_string()).await {
                        return Some(i);
                    }
                }
                None
            }
        }
    }
    run { pair(position(vec!["a".into(), "b".into()], "b"), position(vec!["a".into()], "z")) }
}

twin! {
    /// A field of an indexed struct updated with `+=` of an awaited value.
    p8b_i_index_field_op_assign {
        #[derive(Debug)]
        pub struct Acct { pub name: &'static str, pub bal: i64 }
        lower! {
            pub async fn f(txs: Vec<(usize, i64)>) -> Vec<Acct> {
                let mut accts = vec![Acct { name: "a", bal: 0 }, Acct { name: "b", bal: 10 }];
                for (i, amt) in txs {
                    accts[i].bal += leaf("amt", amt).await;
                }
                accts
            }
        }
    }
    run { f(vec![(0, 5), (1, -3), (0, 1)]) }
}

twin! {
    /// A struct method called on `&mut accts[i]` with an awaited argument (a ledger).
    p8b_i_index_method_mut_await_arg {
        #[derive(Debug)]
        pub struct Acct { pub bal: i64, pub log: Vec<i64> }
        impl Acct {
            pub fn apply(&mut self, amt: i64) -> i64 { self.bal += amt; self.log.push(amt); self.bal }
        }
        lower! {
            pub async fn f() -> Vec<Acct> {
                let mut accts = vec![Acct { bal: 0, log: vec![] }, Acct { bal: 0, log: vec![] }];
                let a = accts[0].apply(leaf("a", 5).await);
                let b = accts[1].apply(leaf("b", a * 2).await);
                log(format!("{a} {b}"));
                accts
            }
        }
    }
    run { f() }
}

twin! {
    /// A `HashMap` indexed by key in a format with an awaited operand (`&m["k"]`).
    p8b_i_map_index_in_format {
        lower! {
            pub async fn f() -> String {
                let mut m = BTreeMap::new();
                m.insert("host", "example.org".to_string());
                m.insert("port", "80".to_string());
                let scheme = "http";
                format!("{scheme}://{}:{}/{}", m["host"], &m["port"], leaf("path", "idx").await)
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-`move` closure that is `FnOnce` (it moves a captured `Vec` out), called between awaits.
    p8b_i_fnonce_non_move_closure {
        lower! {
            pub async fn f() -> (usize, Vec<Tracker>) {
                let items = vec![Tracker("i1"), Tracker("i2")];
                let finish = || {
                    log("finishing");
                    items
                };
                step("work").await;
                let out = finish();
                let n = leaf("n", out.len()).await;
                (n, out)
            }
        }
    }
    run { f() }
}

twin! {
    /// A builder closure (`FnOnce` returning an owned struct) built early, called in one branch.
    p8b_i_fnonce_in_branch {
        #[derive(Debug)]
        pub struct Report { pub title: String, pub guard: Tracker }
        lower! {
            pub async fn f(ok: bool) -> Option<Report> {
                let title = leaf("title", "weekly".to_string()).await;
                let guard = Tracker("report");
                let build = move |suffix: &str| Report { title: title + suffix, guard };
                step("check").await;
                if leaf("ok", ok).await {
                    let r = build("!");
                    step("built").await;
                    Some(r)
                } else {
                    None
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `Vec<Vec<String>>` rows joined with `&row[..]` slices and awaits per row.
    p8b_i_rows_join {
        lower! {
            pub async fn f(rows: Vec<Vec<String>>) -> Vec<String> {
                let mut out = vec![];
                for row in &rows {
                    let n = leaf("n", row.len().min(2)).await;
                    let head = &row[..n];
                    step("join").await;
                    out.push(head.join("+"));
                }
                out
            }
        }
    }
    run { f(vec![vec!["a".into(), "b".into(), "c".into()], vec!["d".into()]]) }
}

twin! {
    /// A generic cache `impl<K: Ord + Clone, V: Clone> Cache<K, V>` with an async `get_or_load`.
    p8b_i_generic_cache {
        pub struct Cache<K, V> { pub map: BTreeMap<K, V>, pub loads: u32 }
        impl<K: Ord + Clone + Debug, V: Clone> Cache<K, V> {
            lower! {
                pub async fn get_or_load<F: Fn(&K) -> V>(&mut self, k: K, load: F) -> V {
                    if let Some(v) = self.map.get(&k) {
                        step("hit").await;
                        return v.clone();
                    }
                    log(format!("miss {k:?}"));
                    let v = leaf("load", load(&k)).await;
                    self.loads += 1;
                    self.map.insert(k, v.clone());
                    v
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<String>, u32) {
                let mut c = Cache { map: BTreeMap::new(), loads: 0 };
                let mut out = vec![];
                for k in [3, 1, 3, 2, 1] {
                    out.push(c.get_or_load(k, |k| format!("v{}", k * 10)).await);
                }
                (out, c.loads)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `peekable` over `chars()` in a tiny tokenizer with awaits per token.
    p8b_i_tokenizer {
        #[derive(Debug)]
        pub enum Tok { Num(i64), Op(char), Ident(String) }
        lower! {
            pub async fn lex(src: &'static str) -> Vec<Tok> {
                let mut out = vec![];
                let mut it = src.chars().peekable();
                while let Some(&c) = it.peek() {
                    match c {
                        ' ' => { it.next(); }
                        '0'..='9' => {
                            let mut n = 0i64;
                            while let Some(d) = it.peek().and_then(|c| c.to_digit(10)) {
                                n = n * 10 + d as i64;
                                it.next();
                            }
                            out.push(Tok::Num(leaf("num", n).await));
                        }
                        c if c.is_alphabetic() => {
                            let mut s = String::new();
                            while let Some(&c) = it.peek().filter(|c| c.is_alphanumeric()) {
                                s.push(c);
                                it.next();
                            }
                            step("ident").await;
                            out.push(Tok::Ident(s));
                        }
                        op => { it.next(); out.push(Tok::Op(leaf("op", op).await)); }
                    }
                }
                out
            }
        }
    }
    run { lex("x1 + 42*y") }
}

twin! {
    /// Moving out of a `Box<(Tracker, Tracker)>` with `let (a, b) = *bx;` after an await.
    p8b_i_box_tuple_destructure {
        lower! {
            pub async fn f() -> Tracker {
                let bx = Box::new((Tracker("a"), Tracker("b")));
                step("s").await;
                let (a, b) = *bx;
                step("t").await;
                drop(a);
                b
            }
        }
    }
    run { f() }
}

twin! {
    /// `Rc<Vec<_>>` shared by several "readers" with `Rc::make_mut` copy-on-write after awaits.
    p8b_i_rc_make_mut {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<u32>, bool) {
                let mut a = Rc::new(vec![1, 2]);
                let b = Rc::clone(&a);
                step("s").await;
                Rc::make_mut(&mut a).push(leaf("x", 3).await);
                let same = Rc::ptr_eq(&a, &b);
                step("t").await;
                ((*a).clone(), (*b).clone(), same)
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested `Option<Option<T>>` and `Result<Option<T>, E>` patterns with awaits in arms.
    p8b_i_nested_option_result {
        lower! {
            pub async fn f(x: Result<Option<Option<u8>>, &'static str>) -> String {
                let _g = Tracker("g");
                match x {
                    Ok(Some(Some(n))) if n > leaf("lim", 3).await => format!("big {n}"),
                    Ok(Some(Some(n))) => format!("small {n}"),
                    Ok(Some(None)) => { step("inner-none").await; "inner none".into() }
                    Ok(None) => "none".into(),
                    Err(e) => format!("err {}", leaf("e", e).await),
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let mut v = vec![];
                for x in [Ok(Some(Some(9))), Ok(Some(Some(1))), Ok(Some(None)), Ok(None), Err("bad")] {
                    v.push(f(x).await);
                }
                v
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A `for` loop over `&v[1..]` whose body awaits (skip a header row).
    p8b_j_for_over_subslice {
        lower! {
            pub async fn f(rows: Vec<&'static str>) -> Vec<String> {
                let mut out = vec![];
                for r in &rows[1..] {
                    let r = leaf("row", *r).await;
                    out.push(r.to_uppercase());
                }
                out
            }
        }
    }
    run { f(vec!["header", "a", "b"]) }
}

twin! {
    /// `match slots[i] { Some(ref name) => ..await.., None => .. }`: an indexed place scrutinee.
    p8b_j_match_index_ref_binding {
        lower! {
            pub async fn f(slots: Vec<Option<String>>) -> Vec<String> {
                let mut out = vec![];
                for i in 0..slots.len() {
                    match slots[i] {
                        Some(ref name) => {
                            let n = leaf("greet", name.len()).await;
                            out.push(format!("{name}:{n}"));
                        }
                        None => out.push("-".into()),
                    }
                }
                out
            }
        }
    }
    run { f(vec![Some("ann".into()), None, Some("bo".into())]) }
}

twin! {
    /// `if let Some(x) = &v[i]` with an await in the body.
    p8b_j_if_let_ref_index {
        lower! {
            pub async fn f(v: Vec<Option<Tracker>>, i: usize) -> &'static str {
                if let Some(t) = &v[i] {
                    step("found").await;
                    t.name()
                } else {
                    leaf("none", "none").await
                }
            }
        }
    }
    run { pair(f(vec![None, Some(Tracker("t1"))], 1), f(vec![None], 0)) }
}

twin! {
    /// A `while` condition comparing an indexed element with an awaited value.
    p8b_j_while_index_cond {
        lower! {
            pub async fn f(v: Vec<u32>) -> usize {
                let mut i = 0;
                while i < v.len() && v[i] < leaf("lim", 5).await {
                    i += 1;
                }
                i
            }
        }
    }
    run { f(vec![1, 3, 7, 2]) }
}

twin! {
    /// A `match` on `&v[..]` slice patterns with awaits in the arms.
    p8b_j_match_slice_pattern_ref {
        lower! {
            pub async fn f(v: Vec<Tracker>) -> String {
                match &v[..] {
                    [] => "empty".into(),
                    [one] => format!("one {}", leaf("one", one.name()).await),
                    [first, .., last] => {
                        step("many").await;
                        format!("{}..{}", first.name(), last.name())
                    }
                }
            }
        }
    }
    run { pair(f(vec![Tracker("x")]), f(vec![Tracker("a"), Tracker("b"), Tracker("c")])) }
}

twin! {
    /// A reference to an indexed element held in a `let` across awaits (control).
    p8b_j_let_ref_index_across_await {
        lower! {
            pub async fn f() -> String {
                let v = vec![Tracker("a"), Tracker("b")];
                let r = &v[1];
                step("s").await;
                let m = &mut String::new();
                m.push_str(r.name());
                leaf("x", m.clone()).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `extend_from_slice(&v[..n])` with `n` awaited in the same call.
    p8b_j_extend_from_subslice {
        lower! {
            pub async fn f() -> Vec<u32> {
                let src = vec![1, 2, 3, 4];
                let mut dst = vec![0];
                dst.extend_from_slice(&src[leaf("n", 2).await..]);
                dst
            }
        }
    }
    run { f() }
}

twin! {
    /// Two awaited indices into one vector (`v[a.await] + v[b.await]`).
    p8b_j_awaited_indices {
        lower! {
            pub async fn f() -> (u32, String) {
                let v = vec![10u32, 20, 30];
                let names = vec!["x".to_string(), "y".to_string()];
                let s = v[leaf("a", 0).await] + v[leaf("b", 2).await];
                let n = names[leaf("c", 1).await].clone() + &names[0];
                (s, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// An async fn returning `impl Iterator<Item = &'a T> + 'a` over a borrowed slice.
    p8b_k_returns_borrowing_iterator {
        lower! {
            pub async fn evens<'a, T: Debug>(items: &'a [T], skip: usize) -> impl Iterator<Item = &'a T> + 'a {
                let skip = leaf("skip", skip).await;
                items.iter().skip(skip).step_by(2)
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let v = vec![Tracker("a"), Tracker("b"), Tracker("c"), Tracker("d")];
                let it = evens(&v, 1).await;
                let names: Vec<String> = it.map(|t| format!("{t:?}")).collect();
                step("after").await;
                names
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A `&dyn Fn` parameter and a `&mut dyn fmt::Write` sink with `write!` of awaited values.
    p8b_k_dyn_fn_and_write {
        lower! {
            pub async fn render(f: &dyn Fn(u32) -> u32, out: &mut dyn fmt::Write, n: u32) -> fmt::Result {
                for i in 0..n {
                    write!(out, "{}:{};", i, f(leaf("i", i).await))?;
                }
                writeln!(out, "end {}", leaf("end", n).await)
            }
        }
        lower! {
            pub async fn scenario() -> (fmt::Result, String) {
                let mut s = String::new();
                let k = 3;
                let r = render(&|x| x * k, &mut s, 3).await;
                (r, s)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `mut` pattern parameters and `_` parameters holding trackers to the end.
    p8b_k_mut_and_underscore_params {
        lower! {
            pub async fn f(mut v: Vec<u32>, (mut a, b): (u32, Tracker), _: Tracker, _unused: Tracker) -> (Vec<u32>, u32) {
                a += leaf("a", 1).await;
                v.push(a);
                step("mid").await;
                log(format!("b={b:?}"));
                v.sort_unstable_by(|x, y| y.cmp(x));
                (v, a)
            }
        }
    }
    run { f(vec![5, 1], (2, Tracker("b")), Tracker("underscore"), Tracker("unused")) }
}

twin! {
    /// A labeled block `'found: { .. break 'found v; .. }` with awaits inside.
    p8b_k_labeled_block {
        lower! {
            pub async fn f(xs: Vec<i32>) -> (i32, &'static str) {
                let _g = Tracker("g");
                let r = 'found: {
                    for x in &xs {
                        if leaf("x", *x).await < 0 {
                            break 'found (*x, "neg");
                        }
                    }
                    step("none").await;
                    (0, "none")
                };
                r
            }
        }
    }
    run { pair(f(vec![1, -2, 3]), f(vec![4])) }
}

twin! {
    /// A closure reading indexed elements of a captured `Vec`, called with awaited indices.
    p8b_k_closure_index_capture {
        lower! {
            pub async fn f() -> (u32, String) {
                let v = vec![3u32, 5, 8];
                let names = vec!["zero".to_string(), "one".to_string()];
                let get = |i: usize| v[i] * 2;
                let name = |i: usize| names[i].clone();
                let a = get(leaf("i", 2).await);
                step("s").await;
                (a + get(0), name(leaf("j", 1).await))
            }
        }
    }
    run { f() }
}

twin! {
    /// Bounds with lifetimes: `T: 'a`, a `where T: 'static` generic, and `&'a mut T` output.
    p8b_k_lifetime_bounds {
        lower! {
            pub async fn pick_mut<'a, T: 'a + Debug>(items: &'a mut Vec<T>, i: usize) -> Option<&'a mut T> {
                let i = leaf("i", i).await;
                items.get_mut(i)
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let mut v = vec!["a".to_string(), "b".to_string()];
                if let Some(s) = pick_mut(&mut v, 1).await {
                    s.push_str(leaf("sfx", "!!").await);
                }
                let none = pick_mut(&mut v, 5).await.is_none();
                v.push(none.to_string());
                v
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Deferred initialization `let x;` assigned in both branches with awaits.
    p8b_k_deferred_init {
        lower! {
            pub async fn f(flag: bool) -> (String, Tracker) {
                let label;
                let guard;
                if leaf("flag", flag).await {
                    guard = Tracker("yes-guard");
                    label = format!("yes {}", leaf("y", 1).await);
                } else {
                    step("no").await;
                    label = "no".to_string();
                    guard = Tracker("no-guard");
                }
                step("end").await;
                (label, guard)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A generic async fn calling another generic one with turbofish and inferred types.
    p8b_k_generic_calls_generic {
        lower! {
            pub async fn parse_as<T: std::str::FromStr>(s: &str) -> Option<T> {
                step("parse").await;
                s.trim().parse::<T>().ok()
            }
        }
        lower! {
            pub async fn scenario() -> (Option<u8>, Option<f32>, Option<bool>, i64) {
                let a = parse_as::<u8>(" 255 ").await;
                let b: Option<f32> = parse_as("2.5").await;
                let c = parse_as(" true").await;
                let d: i64 = parse_as("-9").await.unwrap_or_default();
                (a, b, c, d)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Minimal: an awaited call with a `&|x| ..` closure-temporary argument.
    p8b_min_awaited_call_ref_closure_temp {
        lower! {
            pub async fn apply(f: &dyn Fn(u32) -> u32, x: u32) -> u32 {
                f(leaf("x", x).await)
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let k = 3;
                apply(&|x| x * k, 2).await
            }
        }
    }
    run { g() }
}

twin! {
    /// Minimal: an awaited call with a `&String::from(..)` temporary argument (control).
    p8b_min_awaited_call_ref_string_temp {
        lower! {
            pub async fn len(s: &str) -> usize {
                leaf("l", s.len()).await
            }
        }
        lower! {
            pub async fn g() -> usize {
                len(&String::from("abc")).await
            }
        }
    }
    run { g() }
}

twin! {
    /// Minimal: an awaited call with a `&|x| ..` non-capturing closure temporary.
    p8b_min_awaited_call_ref_closure_nocapture {
        lower! {
            pub async fn apply(f: &dyn Fn(u32) -> u32, x: u32) -> u32 {
                f(leaf("x", x).await)
            }
        }
        lower! {
            pub async fn g() -> u32 {
                apply(&|x| x + 1, 2).await
            }
        }
    }
    run { g() }
}

twin! {
    /// `&mut self.count` passed to a helper before an awaited argument (a field place).
    p8b_l_self_field_mut_ref_arg {
        pub fn add(slot: &mut u32, n: u32) { *slot += n; }
        pub struct Meter { pub count: u32, pub pair: (u32, u32) }
        impl Meter {
            lower! {
                pub async fn tick(&mut self) -> (u32, (u32, u32)) {
                    add(&mut self.count, leaf("n", 5).await);
                    add(&mut self.pair.1, leaf("m", 7).await);
                    (self.count, self.pair)
                }
            }
        }
        lower! {
            pub async fn scenario() -> (u32, (u32, u32)) {
                let mut m = Meter { count: 1, pair: (0, 0) };
                m.tick().await;
                let mut local = (1u32, 2u32);
                add(&mut local.0, leaf("l", 10).await);
                m.count += local.0;
                m.tick().await
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A struct literal borrowing `&names[i]` in one field and awaiting in a later one.
    p8b_l_struct_literal_index_ref_field {
        #[derive(Debug)]
        pub struct Entry<'a> { pub name: &'a str, pub score: u32 }
        lower! {
            pub async fn f() -> Vec<String> {
                let names = vec!["ann".to_string(), "bob".to_string()];
                let mut out = vec![];
                for i in 0..names.len() {
                    let e = Entry { name: &names[i], score: leaf("score", i as u32 * 10).await };
                    out.push(format!("{e:?}"));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `vec![&v[0], ..]`-style: a tuple of `v[0].len()` (a method result, fine) and an await.
    p8b_l_index_method_result_then_await {
        lower! {
            pub async fn f() -> (usize, u32, String) {
                let v = vec!["abc".to_string(), "de".to_string()];
                let t = (v[0].len(), leaf("x", 1).await, v[1].clone() + "!");
                t
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Copy` element read by value (`v[i]`) before an await (control), then written via index.
    p8b_l_index_copy_read_then_await {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3];
                let s = v[0] + leaf("x", 10).await;
                v[2] = s * v[1] + leaf("y", 1).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A method on an `Rc<RefCell<_>>`'s `borrow_mut()` receiver with no await inside, awaits around.
    p8b_l_refcell_borrow_between_awaits {
        lower! {
            pub async fn f() -> Vec<String> {
                let log_buf = Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
                let writer = Rc::clone(&log_buf);
                for i in 0..3 {
                    let line = format!("line {}", leaf("i", i).await);
                    writer.borrow_mut().push(line);
                }
                step("end").await;
                let out = log_buf.borrow().clone();
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple-struct's `.0` field of a `&mut` param passed mutably before an awaited argument.
    p8b_l_tuple_field_mut_of_ref_param {
        pub struct Counter(pub u32, pub Vec<u32>);
        pub fn bump(c: &mut u32, by: u32) -> u32 { *c += by; *c }
        lower! {
            pub async fn f(c: &mut Counter) -> u32 {
                let a = bump(&mut c.0, leaf("by", 3).await);
                c.1.push(a);
                c.1.extend([leaf("e", 9).await]);
                a
            }
        }
    }
    run {
        let c: &'static mut Counter = leak(Counter(1, vec![]));
        f(c)
    }
}

twin! {
    /// A trait `async fn consume(self, tag: &str)` implemented for a generic wrapper.
    p8b_m_trait_impl_generic_self_value_ref {
        #[allow(async_fn_in_trait)]
        pub trait Finish: Sized {
            async fn finish(self, tag: &str) -> String;
        }
        pub struct Wrap<T>(pub T, pub Tracker);
        impl<T: Debug> Finish for Wrap<T> {
            lower! {
                async fn finish(self, tag: &str) -> String {
                    step("fin").await;
                    format!("{tag}:{:?}", self.0)
                }
            }
        }
    }
    run { Wrap(vec![1, 2], Tracker("w")).finish("t") }
}

twin! {
    /// An awaited call taking `&mut |x| ..` (a capturing `FnMut` temporary).
    p8b_m_awaited_call_fnmut_closure_temp {
        lower! {
            pub async fn each(n: u32, f: &mut dyn FnMut(u32)) {
                for i in 0..n {
                    f(leaf("i", i).await);
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<u32> {
                let mut seen = vec![];
                each(3, &mut |x| seen.push(x * 2)).await;
                seen
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A capturing closure passed by value to an awaited generic call (control for F4).
    p8b_m_awaited_call_closure_by_value {
        lower! {
            pub async fn apply<F: Fn(u32) -> u32>(f: F, x: u32) -> u32 {
                f(leaf("x", x).await)
            }
        }
        lower! {
            pub async fn scenario() -> u32 {
                let k = leaf("k", 3).await;
                apply(|x| x * k, 2).await + apply(move |x| x + k, 1).await
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Minimal: a capturing non-`move` closure passed by value to an awaited call.
    p8b_min_awaited_call_closure_by_value {
        lower! {
            pub async fn apply<F: Fn(u32) -> u32>(f: F, x: u32) -> u32 {
                f(leaf("x", x).await)
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let k = 3;
                apply(|x| x * k, 2).await
            }
        }
    }
    run { g() }
}

twin! {
    /// Minimal: a `move` closure passed by value to an awaited call.
    p8b_min_awaited_call_move_closure_by_value {
        lower! {
            pub async fn apply<F: Fn(u32) -> u32>(f: F, x: u32) -> u32 {
                f(leaf("x", x).await)
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let k = 3;
                apply(move |x| x + k, 1).await
            }
        }
    }
    run { g() }
}

twin! {
    /// Minimal: two awaited calls with closures capturing the same local, in one expression.
    p8b_min_two_awaited_calls_closures_one_expr {
        lower! {
            pub async fn apply<F: Fn(u32) -> u32>(f: F, x: u32) -> u32 {
                f(leaf("x", x).await)
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let k = 3;
                apply(|x| x * k, 2).await + apply(|x| x + k, 1).await
            }
        }
    }
    run { g() }
}

twin! {
    /// Minimal: a closure borrowing `k` in a first awaited call, then a `move` closure
    /// copying `k` in a second awaited call of the same expression.
    p8b_min_borrow_then_move_closure_awaited_calls {
        lower! {
            pub async fn apply<F: Fn(u32) -> u32>(f: F, x: u32) -> u32 {
                f(leaf("x", x).await)
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let k = 3;
                apply(|x| x * k, 2).await + apply(move |x| x + k, 1).await
            }
        }
    }
    run { g() }
}

twin! {
    /// Minimal: as above as two statements.
    p8b_min_borrow_then_move_closure_two_stmts {
        lower! {
            pub async fn apply<F: Fn(u32) -> u32>(f: F, x: u32) -> u32 {
                f(leaf("x", x).await)
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let k = 3;
                let a = apply(|x| x * k, 2).await;
                let b = apply(move |x| x + k, 1).await;
                a + b
            }
        }
    }
    run { g() }
}

twin! {
    /// `Result<_, Box<dyn Error>>` with `?` converting `ParseIntError` and a custom error into boxes.
    p8b_n_box_dyn_error {
        #[derive(Debug)]
        pub struct TooBig(pub i64);
        impl Display for TooBig {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "too big: {}", self.0) }
        }
        impl std::error::Error for TooBig {}
        lower! {
            pub async fn f(s: &'static str) -> Result<i64, Box<dyn std::error::Error>> {
                let _g = Tracker("g");
                let n: i64 = leaf("s", s).await.parse()?;
                if n > 100 {
                    Err(TooBig(n))?;
                }
                step("ok").await;
                Ok(n * 2)
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let mut out = vec![];
                for s in ["21", "x", "500"] {
                    out.push(match f(s).await { Ok(n) => n.to_string(), Err(e) => e.to_string() });
                }
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Mutable iteration over a `BTreeMap` with `&mut map` and awaits per entry.
    p8b_n_btreemap_iter_mut {
        lower! {
            pub async fn f() -> BTreeMap<&'static str, Vec<u32>> {
                let mut m = BTreeMap::new();
                m.insert("b", vec![1]);
                m.insert("a", vec![]);
                for (k, v) in &mut m {
                    v.push(leaf("len", k.len() as u32).await);
                }
                for v in m.values_mut() {
                    step("sort").await;
                    v.sort_unstable_by(|a, b| b.cmp(a));
                }
                m.retain(|_, v| v.len() > 1);
                m
            }
        }
    }
    run { f() }
}

twin! {
    /// `matches!` with an awaited scrutinee and a range pattern.
    p8b_n_matches_await {
        lower! {
            pub async fn f(xs: Vec<Option<u32>>) -> Vec<bool> {
                let mut out = vec![];
                for x in xs {
                    out.push(matches!(leaf("x", x).await, Some(1..=3) | None));
                }
                out
            }
        }
    }
    run { f(vec![Some(2), Some(9), None]) }
}

twin! {
    /// Edition-2024 `if let .. && ..` chains with an await in the condition.
    p8b_n_let_chains {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, ()>) -> &'static str {
                let _g = Tracker("g");
                if let Some(x) = a
                    && x > leaf("lim", 2).await
                    && let Ok(y) = b
                {
                    step("both").await;
                    if x > y { "a" } else { "b" }
                } else {
                    "none"
                }
            }
        }
    }
    run { pair(f(Some(5), Ok(3)), pair(f(Some(1), Ok(0)), f(Some(9), Err(())))) }
}

twin! {
    /// A `split`/`map(str::trim)`/`filter`/`collect` chain on an awaited `String`.
    p8b_n_method_chain_on_awaited {
        lower! {
            pub async fn f(raw: &'static str) -> (Vec<String>, usize) {
                let fields: Vec<String> = leaf("raw", raw.to_string()).await.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
                let longest = fields.iter().map(String::len).max().unwrap_or(0);
                step("done").await;
                (fields, longest)
            }
        }
    }
    run { f(" a, bb ,,ccc ") }
}

twin! {
    /// A visitor: `async fn accept<V: Visitor>(&self, v: &mut V)` on a recursive-ish tree (boxed children).
    p8b_n_visitor_generic_method {
        pub trait Visitor { fn leaf(&mut self, v: i32); fn enter(&mut self, name: &str); }
        pub enum Tree { Leaf(i32), Node(String, Vec<Tree>) }
        pub struct Sum(pub i32, pub Vec<String>);
        impl Visitor for Sum {
            fn leaf(&mut self, v: i32) { self.0 += v; }
            fn enter(&mut self, name: &str) { self.1.push(name.to_string()); }
        }
        impl Tree {
            lower! {
                pub async fn accept<V: Visitor>(&self, v: &mut V) {
                    let mut stack = vec![self];
                    while let Some(t) = stack.pop() {
                        match t {
                            Tree::Leaf(x) => v.leaf(leaf("leaf", *x).await),
                            Tree::Node(name, kids) => {
                                step("enter").await;
                                v.enter(name);
                                stack.extend(kids.iter().rev());
                            }
                        }
                    }
                }
            }
        }
        lower! {
            pub async fn scenario() -> (i32, Vec<String>) {
                let t = Tree::Node("root".into(), vec![Tree::Leaf(1), Tree::Node("kid".into(), vec![Tree::Leaf(2), Tree::Leaf(3)])]);
                let mut s = Sum(0, vec![]);
                t.accept(&mut s).await;
                (s.0, s.1)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A struct with a lifetime holding `&'a mut Vec<String>`, its async method pushing across awaits.
    p8b_n_struct_holding_mut_ref {
        pub struct Sink<'a> { pub out: &'a mut Vec<String>, pub prefix: &'a str }
        impl<'a> Sink<'a> {
            lower! {
                pub async fn send(&mut self, msg: &str) -> usize {
                    let m = leaf("m", format!("{}{msg}", self.prefix)).await;
                    self.out.push(m);
                    self.out.len()
                }
            }
        }
        lower! {
            pub async fn scenario() -> (usize, Vec<String>) {
                let mut buf = vec![];
                let prefix = String::from("> ");
                let n = {
                    let mut s = Sink { out: &mut buf, prefix: &prefix };
                    s.send("a").await;
                    s.send("b").await
                };
                step("after").await;
                (n, buf)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Parameter shadowed by a destructuring `let` of itself, and `ref` in a tuple `let`.
    p8b_n_param_shadow_destructure {
        lower! {
            pub async fn f(p: (Tracker, Vec<u32>), q: Option<(u8, String)>) -> String {
                let (t, mut v) = p;
                v.push(leaf("v", 9).await);
                let (ref n, ref s) = q.unwrap_or((0, "none".into()));
                step("mid").await;
                let out = format!("{t:?} {v:?} {n} {s}");
                drop(t);
                step("end").await;
                out
            }
        }
    }
    run { pair(f((Tracker("p"), vec![1]), Some((4, "four".into()))), f((Tracker("p2"), vec![]), None)) }
}

twin! {
    /// An explicit deref receiver `(*r).push(..await)` on a `&mut Vec` parameter and a `Box<Vec>`.
    p8b_o_explicit_deref_receiver {
        lower! {
            pub async fn f(r: &mut Vec<String>) -> usize {
                (*r).push(leaf("a", "x".to_string()).await);
                let mut b = Box::new(vec![1u32]);
                (*b).push(leaf("b", 2).await);
                r.len() + b.len()
            }
        }
    }
    run {
        let r: &'static mut Vec<String> = leak(vec![]);
        f(r)
    }
}

twin! {
    /// A `RefMut` guard reborrowed `&mut *g` before an awaited argument of the same call.
    p8b_o_guard_reborrow_then_await {
        pub fn put(v: &mut Vec<u32>, x: u32) { v.push(x) }
        lower! {
            pub async fn f() -> Vec<u32> {
                let cell = std::cell::RefCell::new(vec![1]);
                {
                    let mut g = cell.borrow_mut();
                    put(&mut *g, leaf("x", 2).await);
                }
                step("s").await;
                cell.into_inner()
            }
        }
    }
    run { f() }
}

twin! {
    /// `first_mut().unwrap()` as a receiver with an awaited argument (a temporary reference).
    p8b_o_first_mut_receiver {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut v = vec!["a".to_string(), "b".to_string()];
                v.first_mut().unwrap().push_str(leaf("x", "!").await);
                v.last_mut().map(|s| s.insert(0, '>'));
                step("s").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A nested place `pairs[i].1.push(..await)` (index, then a field).
    p8b_o_index_then_field_receiver {
        lower! {
            pub async fn f() -> Vec<(u32, Vec<u32>)> {
                let mut pairs = vec![(1, vec![]), (2, vec![])];
                for i in 0..2 {
                    pairs[i].1.push(leaf("x", i as u32).await);
                }
                pairs
            }
        }
    }
    run { f() }
}
