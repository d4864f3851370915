//! Probe round 7f: everyday async Rust (services with `&self`/`&mut self` async methods,
//! collections and strings between awaits, `Result`/`Option` with `?`, loops, iterator
//! chains, sorting, formatting, generic helpers, recursion via `Box::pin`, guards).
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};

#[derive(Debug, PartialEq)]
pub enum InvError {
    NotFound(String),
    Insufficient { name: String, have: u32, want: u32 },
}

impl Display for InvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvError::NotFound(n) => write!(f, "no item {n}"),
            InvError::Insufficient { name, have, want } => write!(f, "{name}: have {have}, want {want}"),
        }
    }
}
impl std::error::Error for InvError {}

twin! {
    /// An inventory service: `&mut self` async methods with `Result<_, InvError>`, a HashMap.
    p7f_inventory {
        pub struct Inventory {
            pub items: HashMap<String, u32>,
            pub guard: Tracker,
        }
        impl Inventory {
            lower! {
                pub async fn add(&mut self, name: &str, qty: u32) -> u32 {
                    let qty = leaf("add", qty).await;
                    let e = self.items.entry(name.to_string()).or_insert(0);
                    *e += qty;
                    log(format!("added {qty} {name}"));
                    *e
                }
            }
            lower! {
                pub async fn take(&mut self, name: &str, want: u32) -> Result<u32, InvError> {
                    step("take").await;
                    let have = *self.items.get(name).ok_or_else(|| InvError::NotFound(name.to_string()))?;
                    if have < want {
                        return Err(InvError::Insufficient { name: name.to_string(), have, want });
                    }
                    let left = leaf("commit", have - want).await;
                    self.items.insert(name.to_string(), left);
                    Ok(left)
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<String>, u32) {
                let mut inv = Inventory { items: HashMap::new(), guard: Tracker("inv") };
                let mut out = Vec::new();
                inv.add("apple", 5).await;
                inv.add("pear", 2).await;
                let total = inv.add("apple", 3).await;
                for (name, n) in [("apple", 4), ("pear", 3), ("plum", 1), ("apple", 4)] {
                    match inv.take(name, n).await {
                        Ok(left) => out.push(format!("{name} ok {left}")),
                        Err(e) => out.push(e.to_string()),
                    }
                }
                (out, total)
            }
        }
    }
    run { scenario() }
}

#[derive(Debug, PartialEq)]
pub enum AppError {
    Parse(String),
    Io(u32),
    Empty,
}

impl From<std::num::ParseIntError> for AppError {
    fn from(e: std::num::ParseIntError) -> Self {
        AppError::Parse(e.to_string())
    }
}

twin! {
    /// `?` with `From` and `map_err` on a custom error enum, across awaits.
    p7f_error_enum {
        lower! {
            pub async fn read_num(s: &'static str) -> Result<i64, AppError> {
                let s = leaf("read", s).await;
                if s.is_empty() {
                    return Err(AppError::Empty);
                }
                let n: i64 = s.trim().parse()?;
                Ok(n)
            }
        }
        lower! {
            pub async fn sum_all(inputs: Vec<&'static str>) -> Result<i64, AppError> {
                let _t = Tracker("sum");
                let mut total = 0;
                for (i, s) in inputs.iter().enumerate() {
                    let n = read_num(s).await.map_err(|e| match e {
                        AppError::Empty => AppError::Io(i as u32),
                        other => other,
                    })?;
                    total += n;
                    step("after").await;
                }
                Ok(total)
            }
        }
        lower! {
            pub async fn scenario() -> Vec<Result<i64, AppError>> {
                let mut v = Vec::new();
                v.push(sum_all(vec!["1", " 2", "3 "]).await);
                v.push(sum_all(vec!["4", "", "5"]).await);
                v.push(sum_all(vec!["7", "x"]).await);
                v
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `?` on `Option` in an async fn returning `Option`, `if let`, `unwrap_or`.
    p7f_option_lookup {
        lower! {
            pub async fn find_user(id: u32) -> Option<String> {
                let id = leaf("find", id).await;
                if id % 3 == 0 { None } else { Some(format!("user{id}")) }
            }
        }
        lower! {
            pub async fn email_of(id: u32) -> Option<String> {
                let _g = Tracker("lookup");
                let name = find_user(id).await?;
                let domain = leaf("domain", "example.org").await;
                Some(format!("{name}@{domain}"))
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let mut out = vec![];
                for id in 1..=4 {
                    if let Some(e) = email_of(id).await {
                        out.push(e);
                    } else {
                        out.push(email_of(id + 1).await.unwrap_or("none".to_string()));
                    }
                }
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A loop with a counter, `continue`, `break` with a value, trackers per iteration.
    p7f_loop_counter {
        lower! {
            pub async fn first_big(limit: u32) -> (u32, u32) {
                let mut i = 0;
                let mut skipped = 0;
                let found = loop {
                    i += 1;
                    let _it = Tracker(["i1", "i2", "i3", "i4", "i5", "i6", "i7"][i as usize - 1]);
                    let v = leaf("v", i * 7 % 10).await;
                    if v % 2 == 1 {
                        skipped += 1;
                        continue;
                    }
                    if v >= limit || i >= 6 {
                        break v;
                    }
                    step("tick").await;
                };
                (found, skipped)
            }
        }
    }
    run { first_big(5) }
}

twin! {
    /// Iterator chains between awaits: map/filter/collect, enumerate, zip, sum.
    p7f_iter_chains {
        lower! {
            pub async fn stats(xs: Vec<u32>) -> (Vec<u32>, u32, Vec<(usize, u32)>, u32) {
                let evens: Vec<u32> = xs.iter().map(|x| x * 2).filter(|x| x % 3 != 0).collect();
                let k = leaf("k", 2).await;
                let total: u32 = evens.iter().sum::<u32>() + k;
                let idx: Vec<(usize, u32)> = xs.iter().copied().enumerate().filter(|(i, _)| i % 2 == 0).collect();
                step("mid").await;
                let dot: u32 = xs.iter().zip(evens.iter()).map(|(a, b)| a * b).sum();
                let dot = dot + leaf("bias", 1).await;
                (evens, total, idx, dot)
            }
        }
    }
    run { stats(vec![1, 2, 3, 4, 5, 6]) }
}

#[derive(Debug, Clone)]
pub struct Student {
    pub name: String,
    pub grade: u32,
}

twin! {
    /// Sorting a Vec of structs, `format!` with inline captures, between awaits.
    p7f_sort_and_format {
        lower! {
            pub async fn report(mut students: Vec<Student>) -> Vec<String> {
                let bonus = leaf("bonus", 5).await;
                for s in students.iter_mut() {
                    s.grade += bonus;
                }
                students.sort_by(|a, b| b.grade.cmp(&a.grade).then(a.name.cmp(&b.name)));
                step("sorted").await;
                let mut lines = Vec::new();
                for (rank, Student { name, grade }) in students.iter().enumerate() {
                    let rank = rank + 1;
                    let mark = if *grade >= 90 { "A" } else { "B" };
                    lines.push(format!("{rank}. {name:<5} {grade:>3} {mark}"));
                    step("line").await;
                }
                lines
            }
        }
    }
    run { report(vec![
        Student { name: "bob".into(), grade: 80 },
        Student { name: "ann".into(), grade: 88 },
        Student { name: "cy".into(), grade: 85 },
        Student { name: "al".into(), grade: 88 },
    ]) }
}

twin! {
    /// A small generic helper `async fn f<T: Clone + Debug>(x: T)` called with several types.
    p7f_generic_helper {
        lower! {
            pub async fn describe<T: Clone + Debug>(label: &str, x: T) -> String {
                let copy = x.clone();
                step(if label.len() > 2 { "long" } else { "short" }).await;
                format!("{label}={copy:?}/{:?}", x)
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let mut out = Vec::new();
                out.push(describe("n", 3u8).await);
                out.push(describe("vec", vec![1, 2]).await);
                out.push(describe("opt", Some("x")).await);
                let t = (1, "two".to_string());
                out.push(describe("tup", t.clone()).await);
                out.push(format!("{t:?}"));
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Recursion through `Box::pin` over a slice, splitting it in halves.
    p7f_recursive_sum {
        lower! {
            pub async fn rsum(xs: &[u32], depth: u32) -> u32 {
                let _g = Tracker(["d0", "d1", "d2", "d3", "d4"][depth as usize]);
                match xs.len() {
                    0 => 0,
                    1 => leaf("one", xs[0]).await,
                    n => {
                        let (l, r) = xs.split_at(n / 2);
                        let a = Box::pin(rsum(l, depth + 1)).await;
                        let b = Box::pin(rsum(r, depth + 1)).await;
                        a + b
                    }
                }
            }
        }
    }
    run { rsum(leak(vec![1, 2, 3, 4, 5]), 0) }
}

twin! {
    /// `Result<_, Box<dyn Error>>` with `?` on a parse error and a custom error.
    p7f_box_dyn_error {
        lower! {
            pub async fn parse_pair(s: &'static str) -> Result<(u32, u32), Box<dyn std::error::Error>> {
                let s = leaf("line", s).await;
                let (a, b) = s.split_once(',').ok_or("missing comma")?;
                let a: u32 = a.trim().parse()?;
                step("mid").await;
                let b: u32 = b.trim().parse()?;
                if a > b {
                    return Err(Box::new(InvError::NotFound(format!("{a}>{b}"))));
                }
                Ok((a, b))
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let mut out = Vec::new();
                for s in ["1, 2", "3 4", "x,1", "5,2", "7,9"] {
                    let _t = Tracker("row");
                    let r = parse_pair(s).await;
                    out.push(match r {
                        Ok((a, b)) => format!("ok {a} {b}"),
                        Err(e) => format!("err {e}"),
                    });
                }
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Early return from nested loops with guards in each scope.
    p7f_early_return_guards {
        lower! {
            pub async fn search(grid: Vec<Vec<u32>>, target: u32) -> Option<(usize, usize)> {
                let _outer = Tracker("outer");
                for (r, row) in grid.iter().enumerate() {
                    let _row = Tracker(["r0", "r1", "r2"][r]);
                    for (c, cell) in row.iter().enumerate() {
                        let v = leaf("cell", *cell).await;
                        if v == 0 {
                            continue;
                        }
                        if v == target {
                            let _hit = Tracker("hit");
                            step("found").await;
                            return Some((r, c));
                        }
                    }
                    step("row-done").await;
                }
                None
            }
        }
    }
    run { search(vec![vec![1, 0, 2], vec![3, 4, 0], vec![5, 6, 7]], 4) }
}

#[derive(Debug, PartialEq)]
pub enum BankError {
    Insufficient(u64),
    Frozen,
}

twin! {
    /// A bank account with `&mut self`/`&self` async methods, a transfer between two accounts.
    p7f_bank {
        #[derive(Debug)]
        pub struct Account {
            pub owner: String,
            pub balance: u64,
            pub frozen: bool,
            pub history: Vec<String>,
        }
        impl Account {
            lower! {
                pub async fn deposit(&mut self, amt: u64) -> u64 {
                    let amt = leaf("dep", amt).await;
                    self.balance += amt;
                    self.history.push(format!("+{amt}"));
                    self.balance
                }
            }
            lower! {
                pub async fn withdraw(&mut self, amt: u64) -> Result<u64, BankError> {
                    if self.frozen {
                        return Err(BankError::Frozen);
                    }
                    step("check").await;
                    if self.balance < amt {
                        return Err(BankError::Insufficient(amt - self.balance));
                    }
                    self.balance -= amt;
                    self.history.push(format!("-{amt}"));
                    Ok(self.balance)
                }
            }
            lower! {
                pub async fn summary(&self) -> String {
                    step("sum").await;
                    format!("{}: {} [{}]", self.owner, self.balance, self.history.join(","))
                }
            }
        }
        lower! {
            pub async fn transfer(from: &mut Account, to: &mut Account, amt: u64) -> Result<(), BankError> {
                let _tx = Tracker("tx");
                from.withdraw(amt).await?;
                to.deposit(amt).await;
                Ok(())
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<Result<(), BankError>>, String, String) {
                let mut a = Account { owner: "a".into(), balance: 10, frozen: false, history: vec![] };
                let mut b = Account { owner: "b".into(), balance: 0, frozen: false, history: vec![] };
                let mut rs = vec![];
                rs.push(transfer(&mut a, &mut b, 4).await);
                rs.push(transfer(&mut a, &mut b, 7).await);
                b.frozen = true;
                rs.push(transfer(&mut b, &mut a, 1).await);
                (rs, a.summary().await, b.summary().await)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A get-or-fetch cache over a HashMap with `&mut self`.
    p7f_cache {
        pub struct Cache {
            pub map: HashMap<u32, String>,
            pub hits: u32,
            pub misses: u32,
        }
        impl Cache {
            lower! {
                pub async fn get(&mut self, key: u32) -> String {
                    if let Some(v) = self.map.get(&key) {
                        self.hits += 1;
                        return v.clone();
                    }
                    self.misses += 1;
                    let v = leaf("fetch", format!("v{}", key * 10)).await;
                    self.map.insert(key, v.clone());
                    v
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<String>, u32, u32) {
                let mut c = Cache { map: HashMap::new(), hits: 0, misses: 0 };
                let _t = Tracker("cache");
                let mut out = vec![];
                for k in [1, 2, 1, 3, 2, 1] {
                    out.push(c.get(k).await);
                }
                (out, c.hits, c.misses)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Word counting into a HashMap, sorted output, awaited chunks of text.
    p7f_word_count {
        lower! {
            pub async fn count(chunks: Vec<&'static str>) -> Vec<(String, usize)> {
                let mut counts: HashMap<String, usize> = HashMap::new();
                for chunk in chunks {
                    let text = leaf("chunk", chunk).await;
                    for w in text.split_whitespace().map(|w| w.to_lowercase()) {
                        *counts.entry(w).or_default() += 1;
                    }
                }
                step("sort").await;
                let mut v: Vec<(String, usize)> = counts.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                v.truncate(3);
                v
            }
        }
    }
    run { count(vec!["the cat The", "dog the cat", "a A a"]) }
}

twin! {
    /// A retry loop with an attempt counter and `Result<_, String>`.
    p7f_retry {
        lower! {
            pub async fn flaky(attempt: u32) -> Result<u32, String> {
                let ok = leaf("try", attempt >= 2).await;
                if ok { Ok(attempt * 100) } else { Err(format!("fail #{attempt}")) }
            }
        }
        lower! {
            pub async fn with_retry(max: u32) -> Result<u32, String> {
                let mut errors = Vec::new();
                let mut attempt = 0;
                while attempt < max {
                    let _a = Tracker(["a0", "a1", "a2", "a3"][attempt as usize]);
                    match flaky(attempt).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            log(format!("retrying after {e}"));
                            errors.push(e);
                        }
                    }
                    attempt += 1;
                    step("backoff").await;
                }
                Err(errors.join("; "))
            }
        }
    }
    run { pair(with_retry(2), with_retry(4)) }
}

#[derive(Debug, Clone)]
pub enum Command {
    Push(u32),
    Pop,
    Add,
    Print(String),
    Quit,
}

twin! {
    /// A command interpreter: `match` on an enum with awaits in the arms, a Vec stack.
    p7f_interpreter {
        lower! {
            pub async fn run_cmds(cmds: Vec<Command>) -> Result<Vec<u32>, String> {
                let mut stack: Vec<u32> = Vec::new();
                let _g = Tracker("vm");
                for (pc, cmd) in cmds.into_iter().enumerate() {
                    match cmd {
                        Command::Push(n) => stack.push(leaf("push", n).await),
                        Command::Pop => {
                            stack.pop().ok_or(format!("pc {pc}: empty"))?;
                        }
                        Command::Add => {
                            let a = stack.pop().ok_or("underflow")?;
                            let b = stack.pop().ok_or_else(|| "underflow".to_string())?;
                            step("add").await;
                            stack.push(a + b);
                        }
                        Command::Print(label) => {
                            step("print").await;
                            log(format!("{label}: {stack:?}"));
                        }
                        Command::Quit => break,
                    }
                }
                Ok(stack)
            }
        }
    }
    run { pair(
        run_cmds(vec![Command::Push(1), Command::Push(2), Command::Add, Command::Print("s".into()), Command::Quit, Command::Pop]),
        run_cmds(vec![Command::Push(1), Command::Add, Command::Push(5)]),
    ) }
}

twin! {
    /// `while let Some(x) = stack.pop()` with awaits, a VecDeque work queue.
    p7f_while_let_queue {
        lower! {
            pub async fn process(start: u32) -> Vec<u32> {
                let mut queue = VecDeque::new();
                queue.push_back(start);
                let mut seen = HashSet::new();
                let mut order = vec![];
                while let Some(n) = queue.pop_front() {
                    if !seen.insert(n) {
                        continue;
                    }
                    let n = leaf("visit", n).await;
                    order.push(n);
                    if n < 20 {
                        queue.push_back(n * 2);
                        queue.push_back(n + 3);
                    }
                    if order.len() >= 6 {
                        break;
                    }
                }
                order
            }
        }
    }
    run { process(1) }
}

twin! {
    /// Building a String between awaits: push_str, chars().rev(), to_uppercase.
    p7f_string_build {
        lower! {
            pub async fn build(words: Vec<&'static str>) -> (String, String, usize) {
                let mut s = String::new();
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        s.push(' ');
                    }
                    let w = leaf("word", *w).await;
                    s.push_str(&w.to_uppercase());
                }
                let rev: String = s.chars().rev().collect();
                step("rev").await;
                let vowels = s.chars().filter(|c| "AEIOU".contains(*c)).count();
                (s, rev, vowels)
            }
        }
    }
    run { build(vec!["hello", "async", "world"]) }
}

pub async fn native_fetch(id: u32) -> u32 {
    let v = leaf("native", id).await;
    v + 1000
}

twin! {
    /// Calling a native (never lowered) async fn and lowered ones in sequence and in a loop.
    p7f_calls_native {
        lower! {
            pub async fn double(x: u32) -> u32 {
                let _d = Tracker("double");
                leaf("dbl", x).await * 2
            }
        }
        lower! {
            pub async fn scenario(ids: Vec<u32>) -> Vec<u32> {
                let mut out = Vec::with_capacity(ids.len());
                let first = native_fetch(ids[0]).await;
                out.push(first);
                for id in &ids[1..] {
                    let a = native_fetch(*id).await;
                    let b = double(a).await;
                    out.push(b - a);
                }
                out.push(double(native_fetch(0).await).await);
                out
            }
        }
    }
    run { scenario(vec![1, 2, 3]) }
}

twin! {
    /// `Result<Option<_>, String>` and `transpose`, `and_then`, `ok_or`.
    p7f_nested_result_option {
        lower! {
            pub async fn maybe_load(key: &'static str) -> Result<Option<u32>, String> {
                let raw = leaf("load", key).await;
                match raw {
                    "" => Ok(None),
                    "bad" => Err(format!("bad key {raw:?}")),
                    s => Ok(Some(s.len() as u32)),
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let mut out = vec![];
                for k in ["abc", "", "bad", "z"] {
                    let _k = Tracker("key");
                    let r = maybe_load(k).await;
                    let t: Option<Result<u32, String>> = r.clone().transpose();
                    let doubled = r.map(|o| o.map(|n| n * 2)).and_then(|o| o.ok_or("missing".to_string()));
                    step("fmt").await;
                    out.push(format!("{t:?} {doubled:?}"));
                }
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Shadowing a local across awaits with new types; tuple destructuring of awaited results.
    p7f_shadowing {
        lower! {
            pub async fn pair_of(n: u32) -> (u32, String) {
                step("pair").await;
                (n, format!("n{n}"))
            }
        }
        lower! {
            pub async fn f() -> (String, usize) {
                let x = Tracker("x1");
                let x = leaf("a", x.0.len()).await;
                let (n, s) = pair_of(x as u32).await;
                let x = format!("{s}-{n}");
                let x = {
                    let _inner = Tracker("inner");
                    let y = leaf("b", x.clone()).await;
                    y + "!"
                };
                let len = x.len();
                (x, len)
            }
        }
    }
    run { f() }
}

twin! {
    /// A labelled `break 'outer` out of nested loops with awaits and guards.
    p7f_labelled_break {
        lower! {
            pub async fn find_pair(xs: Vec<i32>, target: i32) -> Option<(i32, i32)> {
                let mut result = None;
                let mut checks = 0;
                'outer: for i in 0..xs.len() {
                    let _i = Tracker("i");
                    for j in (i + 1)..xs.len() {
                        checks += 1;
                        let s = leaf("sum", xs[i] + xs[j]).await;
                        if s == target {
                            result = Some((xs[i], xs[j]));
                            break 'outer;
                        }
                        if s > 100 {
                            continue 'outer;
                        }
                    }
                }
                log(format!("checks {checks}"));
                result
            }
        }
    }
    run { find_pair(vec![3, 200, 1, 4, 6], 10) }
}

twin! {
    /// A generic repository struct with a `&self` async method taking a closure predicate.
    p7f_generic_repo {
        pub struct Repo<T> {
            pub rows: Vec<T>,
            pub name: &'static str,
        }
        impl<T: Clone + Debug> Repo<T> {
            lower! {
                pub async fn find_all<F: Fn(&T) -> bool>(&self, pred: F) -> Vec<T> {
                    step(self.name).await;
                    let mut out = Vec::new();
                    for row in &self.rows {
                        if pred(row) {
                            out.push(row.clone());
                        }
                    }
                    out
                }
            }
            lower! {
                pub async fn count(&self) -> usize {
                    leaf("count", self.rows.len()).await
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<u32>, Vec<String>, usize) {
                let nums = Repo { rows: vec![5u32, 12, 7, 20], name: "nums" };
                let words = Repo { rows: vec!["a".to_string(), "bb".into(), "ccc".into()], name: "words" };
                let min = leaf("min", 6).await;
                let big = nums.find_all(|n| *n > min).await;
                let long = words.find_all(|w| w.len() >= 2).await;
                let c = nums.count().await + words.count().await;
                (big, long, c)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A panic deep in a service call with guards alive at several levels.
    p7f_panic_in_service {
        lower! {
            pub async fn inner(n: u32) -> u32 {
                let _in = Tracker("inner");
                let v = leaf("v", n).await;
                if v > 2 {
                    let r: Result<u32, String> = Err(format!("too big {v}"));
                    return r.expect("inner failed");
                }
                v
            }
        }
        lower! {
            pub async fn outer(xs: Vec<u32>) -> u32 {
                let _out = Tracker("outer");
                let mut sum = 0;
                for x in xs {
                    let _loop = Tracker("loop");
                    sum += inner(x).await;
                }
                sum
            }
        }
    }
    run { outer(vec![1, 2, 3, 4]) }
}

twin! {
    /// A `&[u32]` parameter: windows, chunks, max/min between awaits.
    p7f_slice_windows {
        lower! {
            pub async fn analyze(data: &[u32]) -> (Vec<i64>, Option<u32>, Option<u32>, Vec<u32>) {
                let diffs: Vec<i64> = data.windows(2).map(|w| w[1] as i64 - w[0] as i64).collect();
                step("diffs").await;
                let max = data.iter().copied().max();
                let min = leaf("min", data.iter().min().copied()).await;
                let mut sums = vec![];
                for chunk in data.chunks(2) {
                    sums.push(leaf("chunk", chunk.iter().sum()).await);
                }
                (diffs, max, min, sums)
            }
        }
    }
    run { analyze(leak(vec![3, 8, 2, 9, 4])) }
}

twin! {
    /// A `&str` parameter split and parsed with `?` inside a helper returning `Result`.
    p7f_parse_config {
        lower! {
            pub async fn parse(text: &str) -> Result<BTreeMap<String, i32>, String> {
                let mut map = BTreeMap::new();
                for (lineno, line) in text.lines().enumerate() {
                    let line = line.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    let (k, v) = line.split_once('=').ok_or(format!("line {}: no '='", lineno + 1))?;
                    let v: i32 = v.trim().parse().map_err(|e| format!("line {}: {e}", lineno + 1))?;
                    step("entry").await;
                    map.insert(k.trim().to_string(), v);
                }
                Ok(map)
            }
        }
        lower! {
            pub async fn scenario() -> Vec<Result<BTreeMap<String, i32>, String>> {
                vec![
                    parse("a = 1\n# c\n\nb=2").await,
                    parse("a=1\nb\n").await,
                    parse("x = y").await,
                ]
            }
        }
    }
    run { scenario() }
}

pub trait Shape7 {
    fn area(&self) -> f64;
    fn name(&self) -> String;
}
pub struct Circle(pub f64);
pub struct Rect(pub f64, pub f64);
impl Shape7 for Circle {
    fn area(&self) -> f64 { 3.0 * self.0 * self.0 }
    fn name(&self) -> String { "circle".into() }
}
impl Shape7 for Rect {
    fn area(&self) -> f64 { self.0 * self.1 }
    fn name(&self) -> String { "rect".into() }
}
impl Drop for Circle {
    fn drop(&mut self) { log(format!("drop circle {}", self.0)); }
}

twin! {
    /// A `Vec<Box<dyn Trait>>` built and iterated between awaits.
    p7f_dyn_shapes {
        lower! {
            pub async fn total_area(n: u32) -> (f64, Vec<String>) {
                let mut shapes: Vec<Box<dyn Shape7>> = Vec::new();
                for i in 0..n {
                    let k = leaf("kind", i % 2).await;
                    if k == 0 {
                        shapes.push(Box::new(Circle(i as f64)));
                    } else {
                        shapes.push(Box::new(Rect(i as f64, 2.0)));
                    }
                }
                let names = shapes.iter().map(|s| s.name()).collect::<Vec<_>>();
                step("sum").await;
                let total: f64 = shapes.iter().map(|s| s.area()).sum();
                (total, names)
            }
        }
    }
    run { total_area(4) }
}

twin! {
    /// A `&mut Vec` parameter filled by a helper called in a loop.
    p7f_mut_ref_fill {
        lower! {
            pub async fn fill(buf: &mut Vec<u32>, n: u32) -> usize {
                for i in 0..n {
                    buf.push(leaf("fill", i * n).await);
                }
                buf.len()
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<u32>, Vec<usize>) {
                let mut buf = Vec::new();
                let mut lens = vec![];
                let _g = Tracker("buf");
                for n in 1..=3 {
                    let len = fill(&mut buf, n).await;
                    lens.push(len);
                    if len > 4 {
                        buf.retain(|x| x % 2 == 0);
                    }
                }
                (buf, lens)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `max_by_key`, `min_by`, `position`, `any`, `all` between awaits.
    p7f_iter_queries {
        lower! {
            pub async fn q(names: Vec<&'static str>) -> (Option<&'static str>, Option<usize>, bool, bool) {
                let longest = names.iter().copied().max_by_key(|s| s.len());
                let needle = leaf("needle", "c").await;
                let pos = names.iter().position(|s| s.starts_with(needle));
                step("q").await;
                let any_empty = names.iter().any(|s| s.is_empty());
                let all_ascii = names.iter().all(|s| s.is_ascii());
                (longest, pos, any_empty, all_ascii)
            }
        }
    }
    run { q(vec!["ab", "cde", "f", "cat"]) }
}

twin! {
    /// `match` with guards using awaited values, and an awaited scrutinee.
    p7f_match_guards {
        lower! {
            pub async fn classify(x: i32) -> &'static str {
                let limit = leaf("limit", 10).await;
                match leaf("x", x).await {
                    n if n < 0 => "negative",
                    0 => "zero",
                    n if n > limit => {
                        step("big").await;
                        "big"
                    }
                    n if n % 2 == 0 => "even",
                    _ => "odd",
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<&'static str> {
                let mut v = vec![];
                for x in [-3, 0, 11, 4, 7] {
                    v.push(classify(x).await);
                }
                v
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A connection pool service: a struct owning Trackers, `&mut self` returning a handle.
    p7f_pool {
        pub struct Conn {
            pub id: u32,
            pub guard: Tracker,
        }
        pub struct Pool {
            pub free: Vec<Conn>,
            pub next: u32,
        }
        impl Pool {
            lower! {
                pub async fn acquire(&mut self) -> Conn {
                    if let Some(c) = self.free.pop() {
                        step("reuse").await;
                        return c;
                    }
                    let id = leaf("connect", self.next).await;
                    self.next += 1;
                    Conn { id, guard: Tracker(["c0", "c1", "c2", "c3"][id as usize]) }
                }
            }
            lower! {
                pub async fn release(&mut self, c: Conn) {
                    step("release").await;
                    if self.free.len() < 1 {
                        self.free.push(c);
                    } else {
                        log(format!("closing {}", c.id));
                    }
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<u32> {
                let mut pool = Pool { free: vec![], next: 0 };
                let mut used = vec![];
                let a = pool.acquire().await;
                let b = pool.acquire().await;
                used.push(a.id);
                used.push(b.id);
                pool.release(a).await;
                let c = pool.acquire().await;
                used.push(c.id);
                pool.release(b).await;
                pool.release(c).await;
                used
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A Drop-logging guard struct with a field read after awaits, returned early.
    p7f_guard_struct {
        pub struct Timer {
            pub label: String,
            pub ticks: u32,
        }
        impl Drop for Timer {
            fn drop(&mut self) {
                log(format!("timer {} done after {}", self.label, self.ticks));
            }
        }
        lower! {
            pub async fn timed(n: u32) -> Result<u32, String> {
                let mut t = Timer { label: format!("job{n}"), ticks: 0 };
                for i in 0..n {
                    t.ticks += leaf("tick", 1).await;
                    if i == 2 {
                        return Err(format!("{} aborted", t.label));
                    }
                }
                step("finish").await;
                Ok(t.ticks)
            }
        }
    }
    run { pair(timed(2), timed(5)) }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Pending,
    Running { pct: u32 },
    Done(String),
}

twin! {
    /// A task tracker with a `Vec` of structs whose enum status changes across awaits.
    p7f_task_status {
        #[derive(Debug)]
        pub struct Task {
            pub id: u32,
            pub status: Status,
        }
        lower! {
            pub async fn advance(tasks: &mut Vec<Task>) -> usize {
                let mut changed = 0;
                for t in tasks.iter_mut() {
                    let next = match &t.status {
                        Status::Pending => Status::Running { pct: 0 },
                        Status::Running { pct } if *pct >= 50 => Status::Done(format!("t{}", t.id)),
                        Status::Running { pct } => Status::Running { pct: pct + leaf("work", 50).await },
                        Status::Done(_) => continue,
                    };
                    t.status = next;
                    changed += 1;
                }
                changed
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<usize>, Vec<Status>) {
                let mut tasks: Vec<Task> = (1..=3).map(|id| Task { id, status: Status::Pending }).collect();
                tasks[1].status = Status::Running { pct: 50 };
                let mut rounds = vec![];
                loop {
                    let n = advance(&mut tasks).await;
                    rounds.push(n);
                    if n == 0 {
                        break;
                    }
                }
                (rounds, tasks.into_iter().map(|t| t.status).collect())
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A rate limiter with `&mut self` and `&self` methods, a HashMap of counters per user.
    p7f_rate_limiter {
        pub struct Limiter {
            pub max: u32,
            pub counts: HashMap<&'static str, u32>,
        }
        impl Limiter {
            lower! {
                pub async fn allow(&mut self, user: &'static str) -> bool {
                    let user = leaf("user", user).await;
                    let c = self.counts.entry(user).or_insert(0);
                    if *c >= self.max {
                        return false;
                    }
                    *c += 1;
                    true
                }
            }
            lower! {
                pub async fn usage(&self) -> Vec<String> {
                    step("usage").await;
                    let mut v: Vec<_> = self.counts.iter().map(|(u, c)| format!("{u}={c}")).collect();
                    v.sort();
                    v
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<bool>, Vec<String>) {
                let mut l = Limiter { max: 2, counts: HashMap::new() };
                let mut out = vec![];
                for u in ["ann", "bob", "ann", "ann", "bob", "cy"] {
                    out.push(l.allow(u).await);
                }
                (out, l.usage().await)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// An async fn returning a struct built from several awaited values and a Vec of results.
    p7f_build_struct {
        #[derive(Debug)]
        pub struct Profile {
            pub name: String,
            pub age: u32,
            pub tags: Vec<String>,
            pub guard: Tracker,
        }
        lower! {
            pub async fn load(id: u32) -> Profile {
                let guard = Tracker("profile");
                let name = leaf("name", format!("user{id}")).await;
                let mut tags = Vec::new();
                for t in ["a", "b", "c"].iter().take(id as usize) {
                    tags.push(leaf("tag", t.to_string()).await);
                }
                Profile { name, age: leaf("age", 20 + id).await, tags, guard }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let mut out = vec![];
                for id in 1..3 {
                    let p = load(id).await;
                    out.push(format!("{} {} {:?}", p.name, p.age, p.tags));
                }
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `Option` combinators between awaits: `map`, `filter`, `unwrap_or_default`, `take`, `replace`.
    p7f_option_combinators {
        lower! {
            pub async fn f(input: Option<u32>) -> (Option<u32>, u32, Option<String>, Option<u32>) {
                let mut slot = input;
                let doubled = slot.map(|x| x * 2).filter(|x| *x > 4);
                let base = leaf("base", 3).await;
                let v = slot.take().unwrap_or_default() + base;
                step("mid").await;
                let s = doubled.as_ref().map(|d| format!("d={d}"));
                let old = slot.replace(leaf("new", v).await);
                (old, v, s, slot)
            }
        }
    }
    run { pair(f(Some(5)), f(None)) }
}

twin! {
    /// A `String` accumulator with `write!` into it and early `return` inside a `match`.
    p7f_write_into_string {
        lower! {
            pub async fn render(rows: Vec<(&'static str, i32)>) -> Result<String, String> {
                use std::fmt::Write;
                let mut out = String::new();
                let _g = Tracker("render");
                writeln!(out, "{:=^12}", " report ").unwrap();
                for (name, v) in rows {
                    let v = leaf("row", v).await;
                    match v {
                        v if v < 0 => return Err(format!("{name} negative: {v}")),
                        0 => continue,
                        v => write!(out, "{name}:{v:03};").map_err(|e| e.to_string())?,
                    }
                }
                step("done").await;
                Ok(out)
            }
        }
    }
    run { pair(render(vec![("a", 1), ("b", 0), ("c", 42)]), render(vec![("x", 5), ("y", -1), ("z", 2)])) }
}

twin! {
    /// Mutual recursion through `Box::pin` on a tree of `Box`ed nodes.
    p7f_tree_depth {
        #[derive(Debug)]
        pub enum Tree {
            Leaf(u32),
            Node(Box<Tree>, Box<Tree>),
        }
        lower! {
            pub async fn sum_tree(t: &Tree) -> u32 {
                match t {
                    Tree::Leaf(v) => leaf("leaf", *v).await,
                    Tree::Node(l, r) => {
                        let a = Box::pin(sum_tree(l)).await;
                        let b = Box::pin(sum_tree(r)).await;
                        a + b
                    }
                }
            }
        }
        lower! {
            pub async fn depth(t: &Tree) -> usize {
                match t {
                    Tree::Leaf(_) => 1,
                    Tree::Node(l, r) => {
                        step("node").await;
                        1 + Box::pin(depth(l)).await.max(Box::pin(depth(r)).await)
                    }
                }
            }
        }
        lower! {
            pub async fn scenario() -> (u32, usize) {
                let t = Tree::Node(
                    Box::new(Tree::Leaf(1)),
                    Box::new(Tree::Node(Box::new(Tree::Leaf(2)), Box::new(Tree::Leaf(3)))),
                );
                (sum_tree(&t).await, depth(&t).await)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// An `impl` with an associated constructor `async fn new() -> Self` and a builder chain.
    p7f_async_constructor {
        #[derive(Debug)]
        pub struct Client {
            pub url: String,
            pub retries: u32,
            pub session: Tracker,
        }
        impl Client {
            lower! {
                pub async fn new(host: &str) -> Self {
                    let port = leaf("port", 8080).await;
                    Client { url: format!("http://{host}:{port}"), retries: 0, session: Tracker("session") }
                }
            }
            pub fn with_retries(mut self, n: u32) -> Self {
                self.retries = n;
                self
            }
            lower! {
                pub async fn get(&self, path: &str) -> Result<String, String> {
                    let code = leaf("get", if path.contains("missing") { 404 } else { 200 }).await;
                    if code != 200 {
                        return Err(format!("{code} for {}{path}", self.url));
                    }
                    Ok(format!("body of {path}"))
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<Result<String, String>> {
                let c = Client::new("localhost").await.with_retries(3);
                let mut v = vec![];
                for p in ["/a", "/missing", "/b"] {
                    v.push(c.get(p).await);
                }
                v.push(Ok(format!("{} {}", c.url, c.retries)));
                v
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Collecting `Result`s: `collect::<Result<Vec<_>, _>>()` after awaited values, `sum` of Results.
    p7f_collect_results {
        lower! {
            pub async fn parse_all(inputs: Vec<&'static str>) -> Result<(Vec<u32>, u32), String> {
                let mut raw = vec![];
                for s in &inputs {
                    raw.push(leaf("in", *s).await);
                }
                let nums = raw.iter().map(|s| s.parse::<u32>().map_err(|e| format!("{s}: {e}"))).collect::<Result<Vec<_>, _>>()?;
                step("sum").await;
                let total: u32 = nums.iter().sum();
                Ok((nums, total))
            }
        }
    }
    run { pair(parse_all(vec!["1", "2", "3"]), parse_all(vec!["4", "x"])) }
}

twin! {
    /// A `HashMap<String, Vec<_>>` grouping with `entry().or_insert_with(Vec::new)`.
    p7f_group_by {
        lower! {
            pub async fn group(words: Vec<&'static str>) -> Vec<(char, Vec<String>)> {
                let mut groups: HashMap<char, Vec<String>> = HashMap::new();
                for w in words {
                    let w = leaf("w", w).await;
                    let Some(first) = w.chars().next() else { continue };
                    groups.entry(first).or_insert_with(Vec::new).push(w.to_string());
                }
                step("sort").await;
                let mut out: Vec<_> = groups.into_iter().collect();
                out.sort_by_key(|(c, _)| *c);
                for (_, v) in out.iter_mut() {
                    v.sort();
                }
                out
            }
        }
    }
    run { group(vec!["beta", "alpha", "", "bravo", "apple", "cat"]) }
}

twin! {
    /// A countdown with `while` and `if`/`else if` chains, a Tracker per branch.
    p7f_countdown {
        lower! {
            pub async fn countdown(mut n: i32) -> Vec<String> {
                let mut out = vec![];
                while n > 0 {
                    if n % 15 == 0 {
                        let _t = Tracker("fizzbuzz");
                        out.push("FizzBuzz".to_string());
                    } else if n % 5 == 0 {
                        out.push(leaf("buzz", "Buzz".to_string()).await);
                    } else if n % 3 == 0 {
                        let _t = Tracker("fizz");
                        step("fizz").await;
                        out.push("Fizz".into());
                    } else {
                        out.push(n.to_string());
                    }
                    n -= 1;
                }
                out
            }
        }
    }
    run { countdown(7) }
}

twin! {
    /// Generic `async fn` with `T: Default + Clone + PartialOrd`, returning the largest of awaited values.
    p7f_generic_max {
        lower! {
            pub async fn largest<T: PartialOrd + Clone + Debug>(items: Vec<T>) -> Option<T> {
                let mut best: Option<T> = None;
                for it in items {
                    step("cmp").await;
                    best = match best {
                        None => Some(it),
                        Some(b) if it > b => Some(it),
                        keep => keep,
                    };
                }
                best
            }
        }
        lower! {
            pub async fn scenario() -> (Option<u32>, Option<String>, Option<f64>) {
                let a = largest(vec![3u32, 9, 2]).await;
                let b = largest(vec!["pear".to_string(), "apple".into(), "zoo".into()]).await;
                let c = largest(Vec::<f64>::new()).await;
                (a, b, c)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Explicit `drop(guard)` between awaits, `let _ = Tracker(..)` dropping at once, `mem::take`.
    p7f_explicit_drop {
        lower! {
            pub async fn f() -> (Vec<Tracker>, usize) {
                let lock = Tracker("lock");
                let _ = Tracker("ignored");
                let mut held = vec![Tracker("h1"), Tracker("h2")];
                step("a").await;
                drop(lock);
                let taken = std::mem::take(&mut held);
                step("b").await;
                held.push(Tracker("h3"));
                let n = leaf("n", held.len()).await;
                (taken, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A job scheduler: sorting jobs by priority, running each with a guard, stopping on error.
    p7f_scheduler {
        #[derive(Debug, Clone)]
        pub struct Job {
            pub name: &'static str,
            pub prio: u8,
            pub cost: u32,
        }
        pub struct Scheduler {
            pub budget: u32,
            pub done: Vec<&'static str>,
        }
        impl Scheduler {
            lower! {
                pub async fn run_job(&mut self, job: &Job) -> Result<(), String> {
                    let _g = Tracker(job.name);
                    if job.cost > self.budget {
                        return Err(format!("{} over budget ({} > {})", job.name, job.cost, self.budget));
                    }
                    step(job.name).await;
                    self.budget -= job.cost;
                    self.done.push(job.name);
                    Ok(())
                }
            }
            lower! {
                pub async fn run_all(&mut self, mut jobs: Vec<Job>) -> Result<u32, String> {
                    jobs.sort_by_key(|j| std::cmp::Reverse(j.prio));
                    for job in &jobs {
                        self.run_job(job).await?;
                    }
                    Ok(self.budget)
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Result<u32, String>, Vec<&'static str>) {
                let mut s = Scheduler { budget: 10, done: vec![] };
                let jobs = vec![
                    Job { name: "low", prio: 1, cost: 3 },
                    Job { name: "high", prio: 9, cost: 4 },
                    Job { name: "mid", prio: 5, cost: 5 },
                ];
                let r = s.run_all(jobs).await;
                (r, s.done)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A `?` inside a loop inside a `match` arm, with guards in both; `Err` propagates mid-loop.
    p7f_question_in_loop {
        lower! {
            pub async fn check(n: u32) -> Result<u32, String> {
                let n = leaf("check", n).await;
                if n == 13 { Err("unlucky".into()) } else { Ok(n) }
            }
        }
        lower! {
            pub async fn batch(mode: u8, xs: Vec<u32>) -> Result<u32, String> {
                let _b = Tracker("batch");
                let total = match mode {
                    0 => 0,
                    _ => {
                        let _m = Tracker("mode");
                        let mut t = 0;
                        for x in xs {
                            let _x = Tracker("x");
                            t += check(x).await?;
                        }
                        t
                    }
                };
                step("end").await;
                Ok(total)
            }
        }
    }
    run { pair(batch(1, vec![1, 2, 3]), batch(1, vec![4, 13, 5])) }
}

twin! {
    /// A `HashMap<String, Account>` service: `get_mut` between awaits, `if let Some(acc)`.
    p7f_hashmap_service {
        #[derive(Debug, Default)]
        pub struct Acc {
            pub bal: i64,
            pub ops: u32,
        }
        pub struct Ledger {
            pub accs: HashMap<String, Acc>,
        }
        impl Ledger {
            lower! {
                pub async fn apply(&mut self, who: &str, delta: i64) -> Result<i64, String> {
                    let delta = leaf("delta", delta).await;
                    if let Some(acc) = self.accs.get_mut(who) {
                        if acc.bal + delta < 0 {
                            return Err(format!("{who} would go negative"));
                        }
                        acc.bal += delta;
                        acc.ops += 1;
                        Ok(acc.bal)
                    } else {
                        step("open").await;
                        self.accs.insert(who.to_string(), Acc { bal: delta, ops: 1 });
                        Ok(delta)
                    }
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<Result<i64, String>>, Vec<(String, i64, u32)>) {
                let mut l = Ledger { accs: HashMap::new() };
                let mut rs = vec![];
                for (who, d) in [("a", 5), ("b", 3), ("a", -7), ("a", -2), ("b", 1)] {
                    rs.push(l.apply(who, d).await);
                }
                let mut all: Vec<_> = l.accs.iter().map(|(k, v)| (k.clone(), v.bal, v.ops)).collect();
                all.sort();
                (rs, all)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Chunked processing: `Vec::drain`, `extend`, `split_off`, `dedup` between awaits.
    p7f_vec_ops {
        lower! {
            pub async fn f(mut v: Vec<u32>) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
                let mut out = vec![];
                while !v.is_empty() {
                    let n = v.len().min(2);
                    let chunk: Vec<u32> = v.drain(..n).collect();
                    let s = leaf("chunk", chunk.iter().sum::<u32>()).await;
                    out.push(s);
                }
                let mut tail = out.split_off(1);
                step("split").await;
                tail.extend([7, 7, 8].iter());
                tail.dedup();
                (v, out, tail)
            }
        }
    }
    run { f(vec![1, 2, 3, 4, 5]) }
}

twin! {
    /// Closures capturing locals used between awaits (`let add = |x| x + offset`).
    p7f_closures_between {
        lower! {
            pub async fn f(xs: Vec<i32>) -> (Vec<i32>, i32) {
                let offset = leaf("offset", 10).await;
                let add = |x: i32| x + offset;
                let mut count = 0;
                let mut inc = || count += 1;
                inc();
                step("mid").await;
                inc();
                let ys: Vec<i32> = xs.iter().map(|&x| add(x)).collect();
                let scale = leaf("scale", 2).await;
                let zs = ys.into_iter().map(|y| y * scale).collect();
                (zs, count)
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// A linked-list-like stack via `Option<Box<Node>>` walked with `while let` and awaits.
    p7f_linked_list {
        pub struct Node {
            pub val: u32,
            pub next: Option<Box<Node>>,
            pub t: Tracker,
        }
        lower! {
            pub async fn walk(head: Option<Box<Node>>) -> Vec<u32> {
                let mut cur = head;
                let mut vals = vec![];
                while let Some(node) = cur {
                    let v = leaf("node", node.val).await;
                    vals.push(v);
                    cur = node.next;
                }
                vals
            }
        }
    }
    run { walk(Some(Box::new(Node { val: 1, t: Tracker("n1"), next: Some(Box::new(Node { val: 2, t: Tracker("n2"), next: Some(Box::new(Node { val: 3, t: Tracker("n3"), next: None })) })) }))) }
}

twin! {
    /// `impl Trait` argument and return: `impl Iterator` in, `impl Display` used via format.
    p7f_impl_trait_args {
        lower! {
            pub async fn sum_iter(it: impl Iterator<Item = u32>) -> u32 {
                let mut s = 0;
                for x in it {
                    s += leaf("x", x).await;
                }
                s
            }
        }
        lower! {
            pub async fn show(label: impl Display, n: u32) -> String {
                step("show").await;
                format!("[{label}] {n}")
            }
        }
        lower! {
            pub async fn scenario() -> String {
                let s = sum_iter((1..4).map(|x| x * x)).await;
                let v = vec![5u32, 6];
                let t = sum_iter(v.into_iter().rev()).await;
                show(format!("{s}/{t}"), s + t).await
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A guard held in a struct across a `&mut self` method that replaces it.
    p7f_replace_guard {
        pub struct Session {
            pub token: Tracker,
            pub renewals: u32,
        }
        impl Session {
            lower! {
                pub async fn renew(&mut self, names: &[&'static str]) -> u32 {
                    for name in names {
                        step("renew").await;
                        self.token = Tracker(name);
                        self.renewals += 1;
                    }
                    let old = std::mem::replace(&mut self.token, Tracker("final"));
                    leaf("log", old.0.len() as u32).await + self.renewals
                }
            }
        }
        lower! {
            pub async fn scenario() -> u32 {
                let mut s = Session { token: Tracker("t0"), renewals: 0 };
                let n = s.renew(&["t1", "t2"]).await;
                step("after").await;
                n + s.renewals
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Matching on a tuple of awaited values and on `(Option, Result)`.
    p7f_tuple_match {
        lower! {
            pub async fn decide(a: Option<u32>, b: Result<u32, &'static str>) -> String {
                let a = leaf("a", a).await;
                let b = leaf("b", b).await;
                match (a, b) {
                    (Some(x), Ok(y)) if x == y => format!("same {x}"),
                    (Some(x), Ok(y)) => {
                        step("diff").await;
                        format!("diff {}", x.abs_diff(y))
                    }
                    (None, Ok(y)) => format!("only b {y}"),
                    (_, Err(e)) => format!("error {e}"),
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                vec![
                    decide(Some(1), Ok(1)).await,
                    decide(Some(5), Ok(2)).await,
                    decide(None, Ok(3)).await,
                    decide(Some(1), Err("boom")).await,
                ]
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Trackers as `Vec` elements moved out one by one with `pop`/`remove` across awaits.
    p7f_vec_trackers {
        lower! {
            pub async fn consume(mut ts: Vec<Tracker>) -> Vec<&'static str> {
                let mut names = vec![];
                let first = ts.remove(0);
                step("first").await;
                names.push(first.name());
                while let Some(t) = ts.pop() {
                    if t.name() == "skip" {
                        continue;
                    }
                    step("each").await;
                    names.push(t.name());
                }
                names
            }
        }
    }
    run { consume(vec![Tracker("a"), Tracker("skip"), Tracker("b"), Tracker("c")]) }
}

twin! {
    /// Sorting with `sort_unstable_by_key` and binary_search between awaits; `Result` from `binary_search`.
    p7f_binary_search {
        lower! {
            pub async fn lookup(mut v: Vec<u32>, keys: Vec<u32>) -> Vec<Result<usize, usize>> {
                v.sort_unstable();
                v.dedup();
                let mut out = vec![];
                for k in keys {
                    let k = leaf("key", k).await;
                    out.push(v.binary_search(&k));
                }
                out
            }
        }
    }
    run { lookup(vec![9, 3, 7, 3, 1], vec![3, 4, 9, 0]) }
}

twin! {
    /// `Box<dyn Error + Send + Sync>` with `.into()` from strings and `?` on a `String` error.
    p7f_box_error_into {
        lower! {
            pub async fn step_n(n: u32) -> Result<u32, String> {
                let n = leaf("n", n).await;
                if n == 0 { Err("zero".to_string()) } else { Ok(100 / n) }
            }
        }
        lower! {
            pub async fn run(ns: Vec<u32>) -> Result<u32, Box<dyn std::error::Error + Send + Sync>> {
                let _g = Tracker("run");
                let mut acc = 0;
                for n in ns {
                    if n > 50 {
                        return Err(format!("{n} too large").into());
                    }
                    acc += step_n(n).await?;
                }
                if acc == 0 {
                    Err("nothing")?;
                }
                Ok(acc)
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let mut out = vec![];
                for ns in [vec![1, 2], vec![4, 0, 1], vec![60], vec![]] {
                    out.push(match run(ns).await {
                        Ok(v) => v.to_string(),
                        Err(e) => format!("E:{e}"),
                    });
                }
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `let x = match opt { Some(v) => v, None => return .. };` and `let Some(..) else` without awaits in else.
    p7f_match_or_return {
        lower! {
            pub async fn f(a: Option<u32>, b: Option<&'static str>) -> Result<String, String> {
                let _g = Tracker("f");
                let a = match leaf("a", a).await {
                    Some(v) => v,
                    None => return Err("no a".into()),
                };
                let Some(b) = b else {
                    return Err(format!("no b for {a}"));
                };
                let c = leaf("c", b.len() as u32).await;
                Ok(format!("{a}{b}{c}"))
            }
        }
    }
    run { pair(pair(f(Some(1), Some("xy")), f(None, Some("q"))), f(Some(2), None)) }
}

twin! {
    /// An async `impl` method calling `Self::helper(..).await` and `self.other().await` in a loop.
    p7f_self_calls {
        pub struct Calc {
            pub factor: u32,
            pub history: Vec<u32>,
        }
        impl Calc {
            lower! {
                pub async fn helper(x: u32) -> u32 {
                    leaf("helper", x + 1).await
                }
            }
            lower! {
                pub async fn scaled(&self, x: u32) -> u32 {
                    step("scaled").await;
                    x * self.factor
                }
            }
            lower! {
                pub async fn run(&mut self, xs: &[u32]) -> u32 {
                    let mut total = 0;
                    for &x in xs {
                        let h = Self::helper(x).await;
                        let s = self.scaled(h).await;
                        self.history.push(s);
                        total += s;
                    }
                    total
                }
            }
        }
        lower! {
            pub async fn scenario() -> (u32, Vec<u32>) {
                let mut c = Calc { factor: 3, history: vec![] };
                let t = c.run(&[1, 2, 3]).await;
                (t, c.history)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `Rc<RefCell<_>>` shared state: borrow, mutate, release before each await.
    p7f_rc_refcell {
        lower! {
            pub async fn worker(state: std::rc::Rc<std::cell::RefCell<Vec<String>>>, name: &'static str, n: u32) -> usize {
                for i in 0..n {
                    let item = leaf("item", format!("{name}{i}")).await;
                    state.borrow_mut().push(item);
                }
                let len = state.borrow().len();
                len
            }
        }
        lower! {
            pub async fn scenario() -> (usize, usize, Vec<String>) {
                let state = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
                let a = worker(state.clone(), "a", 2).await;
                let b = worker(std::rc::Rc::clone(&state), "b", 3).await;
                let v = state.borrow().clone();
                (a, b, v)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Matching on `String::as_str()` of an awaited command line, with a `split_whitespace` iterator.
    p7f_command_dispatch {
        lower! {
            pub async fn dispatch(line: &'static str, store: &mut HashMap<String, String>) -> Result<Option<String>, String> {
                let line = leaf("line", line.to_string()).await;
                let mut parts = line.split_whitespace();
                let cmd = parts.next().ok_or("empty line")?;
                match cmd.to_lowercase().as_str() {
                    "set" => {
                        let k = parts.next().ok_or("set: no key")?;
                        let v = parts.collect::<Vec<_>>().join(" ");
                        step("write").await;
                        Ok(store.insert(k.to_string(), v))
                    }
                    "get" => {
                        let k = parts.next().ok_or("get: no key")?;
                        Ok(store.get(k).cloned())
                    }
                    other => Err(format!("unknown {other}")),
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<Result<Option<String>, String>> {
                let mut store = HashMap::new();
                let mut out = vec![];
                for l in ["SET a hello world", "get a", "set a x", "get", "", "del a", "get b"] {
                    out.push(dispatch(l, &mut store).await);
                }
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// An iterator held across awaits: `let mut it = v.iter().peekable(); while let Some(x) = it.next()`.
    p7f_peekable_across {
        lower! {
            pub async fn runs(v: Vec<u32>) -> Vec<(u32, usize)> {
                let mut out = vec![];
                let mut it = v.iter().peekable();
                while let Some(&x) = it.next() {
                    let mut n = 1;
                    while it.peek() == Some(&&x) {
                        it.next();
                        n += 1;
                        step("same").await;
                    }
                    out.push((leaf("run", x).await, n));
                }
                out
            }
        }
    }
    run { runs(vec![1, 1, 2, 3, 3, 3, 1]) }
}

twin! {
    /// A struct pattern parameter and an `impl Into<String>` parameter.
    p7f_pattern_params {
        #[derive(Debug)]
        pub struct Point {
            pub x: i32,
            pub y: i32,
        }
        lower! {
            pub async fn label(Point { x, y }: Point, name: impl Into<String>) -> String {
                let name: String = name.into();
                let d = leaf("dist", x.abs() + y.abs()).await;
                format!("{name}@({x},{y}) d={d}")
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let pts = vec![Point { x: 1, y: -2 }, Point { x: 0, y: 5 }];
                let mut out = vec![];
                for (i, p) in pts.into_iter().enumerate() {
                    out.push(label(p, format!("p{i}")).await);
                }
                out.push(label(Point { x: 3, y: 3 }, "lit").await);
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Reassigning a guard local across awaits: the old value drops at the assignment.
    p7f_reassign_guard {
        lower! {
            pub async fn f(names: Vec<&'static str>) -> usize {
                let mut g = Tracker("g0");
                let mut n = 0;
                for name in names {
                    step("before").await;
                    g = Tracker(name);
                    n += leaf("len", g.0.len()).await;
                }
                log(format!("last {}", g.0));
                n
            }
        }
    }
    run { f(vec!["g1", "gg2", "g3"]) }
}

twin! {
    /// `assert!`/`assert_eq!`/`matches!` between awaits, one failing assertion.
    p7f_asserts {
        lower! {
            pub async fn f(fail: bool) -> u32 {
                let _g = Tracker("assert-guard");
                let a = leaf("a", 2).await;
                assert_eq!(a, 2, "a was {a}");
                let s = Some(a);
                assert!(matches!(s, Some(n) if n > 1));
                let b = leaf("b", if fail { 5 } else { 4 }).await;
                assert_eq!(b % 2, 0, "b odd: {}", b);
                a + b
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// A shopping cart: `f64` totals, `retain`, discounts via `match` on a code string.
    p7f_cart {
        #[derive(Debug, Clone)]
        pub struct Item {
            pub sku: &'static str,
            pub price: f64,
            pub qty: u32,
        }
        pub struct Cart {
            pub items: Vec<Item>,
        }
        impl Cart {
            lower! {
                pub async fn add(&mut self, sku: &'static str, qty: u32) -> Result<(), String> {
                    let price = leaf("price", match sku { "apple" => Some(0.5), "milk" => Some(1.25), _ => None }).await
                        .ok_or_else(|| format!("unknown sku {sku}"))?;
                    if let Some(it) = self.items.iter_mut().find(|i| i.sku == sku) {
                        it.qty += qty;
                    } else {
                        self.items.push(Item { sku, price, qty });
                    }
                    Ok(())
                }
            }
            lower! {
                pub async fn total(&self, code: Option<&str>) -> f64 {
                    let sub: f64 = self.items.iter().map(|i| i.price * i.qty as f64).sum();
                    let pct = match code {
                        Some("HALF") => 50.0,
                        Some(c) if c.starts_with("TEN") => leaf("ten", 10.0).await,
                        _ => 0.0,
                    };
                    sub * (100.0 - pct) / 100.0
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<Result<(), String>>, f64, f64, usize) {
                let mut c = Cart { items: vec![] };
                let rs = vec![c.add("apple", 4).await, c.add("milk", 1).await, c.add("bread", 1).await, c.add("apple", 2).await];
                let t1 = c.total(Some("TEN-OFF")).await;
                c.items.retain(|i| i.qty > 1);
                let t2 = c.total(None).await;
                (rs, t1, t2, c.items.len())
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Shrink of p7f_slice_windows (a).
    p7f_min_a {
        lower! {
            pub async fn f(data: &[u32]) -> Option<u32> {
                let min = leaf("min", data.iter().min().copied()).await;
                min
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Shrink of p7f_slice_windows (b).
    p7f_min_b {
        lower! {
            pub async fn f(data: &[u32]) -> Vec<u32> {
                let mut sums = vec![];
                for chunk in data.chunks(2) {
                    sums.push(leaf("chunk", chunk.iter().sum()).await);
                }
                sums
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Shrink of p7f_slice_windows (c).
    p7f_min_c {
        lower! {
            pub async fn f(data: &[u32]) -> (Vec<i64>, Option<u32>) {
                let diffs: Vec<i64> = data.windows(2).map(|w| w[1] as i64 - w[0] as i64).collect();
                step("diffs").await;
                let max = data.iter().copied().max();
                (diffs, max)
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Shrink of p7f_slice_windows (d).
    p7f_min_d {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.iter().max().copied()).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Shrink of p7f_slice_windows (e).
    p7f_min_e {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.iter().last().copied()).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Shrink of p7f_slice_windows (f).
    p7f_min_f {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.iter().fold(0, |a, b| a + b)).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Shrink of p7f_slice_windows (g).
    p7f_min_g {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.iter().product::<u32>()).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Shrink of p7f_slice_windows (h).
    p7f_min_h {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.iter().copied().min_by_key(|x| *x % 3)).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Shrink of p7f_slice_windows (j).
    p7f_min_j {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.iter().map(|x| x + 1).max()).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Shrink of p7f_slice_windows (k).
    p7f_min_k {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.iter().min()).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

pub struct Node7 {
    pub val: u32,
    pub next: Option<Box<Node7>>,
}

twin! {
    /// Shrink of p7f_linked_list (a): no Tracker field.
    p7f_ll_a {
        lower! {
            pub async fn walk(head: Option<Box<Node7>>) -> u32 {
                let mut cur = head;
                let mut sum = 0;
                while let Some(node) = cur {
                    sum += leaf("node", node.val).await;
                    cur = node.next;
                }
                sum
            }
        }
    }
    run { walk(Some(Box::new(Node7 { val: 1, next: Some(Box::new(Node7 { val: 2, next: None })) }))) }
}

twin! {
    /// Shrink of p7f_linked_list (b): `if let`, no loop.
    p7f_ll_b {
        lower! {
            pub async fn walk(head: Option<Box<Node7>>) -> u32 {
                let mut cur = head;
                let mut sum = 0;
                if let Some(node) = cur {
                    sum += leaf("node", node.val).await;
                    cur = node.next;
                }
                sum + cur.map_or(0, |n| n.val)
            }
        }
    }
    run { walk(Some(Box::new(Node7 { val: 1, next: Some(Box::new(Node7 { val: 2, next: None })) }))) }
}

twin! {
    /// Shrink of p7f_linked_list (c): await before the binding's use, field read after.
    p7f_ll_c {
        lower! {
            pub async fn walk(head: Option<Box<Node7>>) -> u32 {
                let mut cur = head;
                let mut sum = 0;
                while let Some(node) = cur {
                    cur = node.next;
                    sum += leaf("node", node.val).await;
                }
                sum
            }
        }
    }
    run { walk(Some(Box::new(Node7 { val: 1, next: Some(Box::new(Node7 { val: 2, next: None })) }))) }
}

twin! {
    /// Shrink of p7f_linked_list (d): unboxed struct, `cur = node.next` after an await.
    p7f_ll_d {
        #[derive(Debug)]
        pub struct Cell2 {
            pub val: u32,
            pub next: Option<u32>,
        }
        lower! {
            pub async fn walk(head: Option<Cell2>) -> u32 {
                let mut cur = head;
                let mut sum = 0;
                while let Some(node) = cur {
                    sum += leaf("node", node.val).await;
                    cur = node.next.map(|v| Cell2 { val: v, next: None });
                }
                sum
            }
        }
    }
    run { walk(Some(Cell2 { val: 1, next: Some(2) })) }
}

twin! {
    /// Shrink of p7f_linked_list (e): no reassignment.
    p7f_ll_e {
        lower! {
            pub async fn walk(head: Option<Tracker>) -> usize {
                let cur = head;
                if let Some(node) = cur {
                    return leaf("node", node.0.len()).await;
                }
                0
            }
        }
    }
    run { walk(Some(Tracker("n"))) }
}

twin! {
    /// Shrink of p7f_linked_list (f): reassignment from elsewhere after the await.
    p7f_ll_f {
        lower! {
            pub async fn walk(head: Option<Tracker>) -> usize {
                let mut cur = head;
                let mut n = 0;
                if let Some(node) = cur {
                    n += leaf("node", node.0.len()).await;
                    cur = None;
                }
                n + cur.is_some() as usize
            }
        }
    }
    run { walk(Some(Tracker("n"))) }
}

twin! {
    /// Shrink of p7f_linked_list (g): reassignment after the if-let scope.
    p7f_ll_g {
        lower! {
            pub async fn walk(head: Option<Tracker>) -> usize {
                let mut cur = head;
                let mut n = 0;
                if let Some(node) = cur {
                    n += leaf("node", node.0.len()).await;
                }
                cur = Some(Tracker("again"));
                n + cur.is_some() as usize
            }
        }
    }
    run { walk(Some(Tracker("n"))) }
}

twin! {
    /// Shrink of p7f_slice_windows (l): `max` on a temporary in the same statement as an await, outside its operand.
    p7f_min_l {
        lower! {
            pub async fn f(data: &[u32]) -> u32 {
                let m = data.iter().max().copied().unwrap_or(0) + leaf("x", 1).await;
                m
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Shrink of p7f_slice_windows (m): `max` on the awaited value's iterator.
    p7f_min_m {
        lower! {
            pub async fn f() -> Option<u32> {
                let m = leaf("v", vec![1u32, 5, 2]).await.iter().max().copied();
                m
            }
        }
    }
    run { f() }
}

twin! {
    /// Consuming std method on a temporary in an awaited operand (n).
    p7f_min_n {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.iter().copied().reduce(|a, b| a.max(b))).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Consuming std method on a temporary in an awaited operand (o).
    p7f_min_o {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.iter().max_by(|a, b| a.cmp(b)).copied()).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Consuming std method on a temporary in an awaited operand (p).
    p7f_min_p {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.iter().partition::<Vec<u32>, _>(|x| **x > 2)).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Consuming std method on a temporary in an awaited operand (q).
    p7f_min_q {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.first().copied().zip(data.last().copied())).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Consuming std method on a temporary in an awaited operand (r).
    p7f_min_r {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.iter().map(|x| (*x, x * 2)).unzip::<u32, u32, Vec<u32>, Vec<u32>>()).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Consuming std method on a temporary in an awaited operand (s).
    p7f_min_s {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", "a,b".split(',').last()).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Consuming std method on a temporary in an awaited operand (t).
    p7f_min_t {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.iter().rev().skip(1).min()).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

twin! {
    /// Consuming std method on a temporary in an awaited operand (u).
    p7f_min_u {
        lower! {
            pub async fn f(data: &[u32]) -> String {
                let m = leaf("m", data.to_vec().into_iter().last()).await;
                format!("{m:?}")
            }
        }
    }
    run { f(leak(vec![3, 8, 2])) }
}

pub trait Fetcher {
    async fn fetch(&self, key: u32) -> Result<String, String>;
}

twin! {
    /// A trait with a native `async fn`, implemented by a struct whose impl method is lowered; generic caller.
    p7f_trait_async_fn {
        pub struct MemFetcher {
            pub data: HashMap<u32, String>,
        }
        impl Fetcher for MemFetcher {
            lower! {
                async fn fetch(&self, key: u32) -> Result<String, String> {
                    step("fetch").await;
                    self.data.get(&key).cloned().ok_or(format!("missing {key}"))
                }
            }
        }
        lower! {
            pub async fn fetch_all<F: Fetcher>(f: &F, keys: &[u32]) -> (Vec<String>, Vec<String>) {
                let mut ok = vec![];
                let mut errs = vec![];
                for &k in keys {
                    let _k = Tracker("key");
                    match f.fetch(k).await {
                        Ok(v) => ok.push(v),
                        Err(e) => errs.push(e),
                    }
                }
                (ok, errs)
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<String>, Vec<String>) {
                let f = MemFetcher { data: HashMap::from([(1, "one".to_string()), (3, "three".to_string())]) };
                fetch_all(&f, &[1, 2, 3]).await
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Short-circuit conditions with awaits: `if a().await && b().await`, `while leaf(..).await < n`.
    p7f_short_circuit {
        lower! {
            pub async fn is_valid(x: u32) -> bool {
                leaf("valid", x % 2 == 0).await
            }
        }
        lower! {
            pub async fn is_allowed(x: u32) -> bool {
                leaf("allowed", x < 5).await
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, u32) {
                let mut ok = vec![];
                for x in 0..7 {
                    if is_valid(x).await && is_allowed(x).await {
                        ok.push(x);
                    } else if x == 3 || is_allowed(x + 10).await {
                        log(format!("odd {x}"));
                    }
                }
                let mut i = 0;
                while leaf("cond", i).await < 3 {
                    i += 1;
                }
                (ok, i)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut` element found with `iter_mut().find()` held across an await.
    p7f_find_mut_across {
        #[derive(Debug)]
        pub struct Player {
            pub name: &'static str,
            pub score: u32,
        }
        lower! {
            pub async fn award(players: &mut Vec<Player>, who: &'static str, pts: u32) -> Result<u32, String> {
                let Some(p) = players.iter_mut().find(|p| p.name == who) else {
                    return Err(format!("no player {who}"));
                };
                let bonus = leaf("bonus", pts / 2).await;
                p.score += pts + bonus;
                Ok(p.score)
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<Result<u32, String>>, Vec<Player>) {
                let mut ps = vec![Player { name: "a", score: 0 }, Player { name: "b", score: 5 }];
                let mut rs = vec![];
                for (w, p) in [("a", 10), ("c", 1), ("b", 4), ("a", 2)] {
                    rs.push(award(&mut ps, w, p).await);
                }
                ps.sort_by(|x, y| y.score.cmp(&x.score));
                (rs, ps)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A `Copy` state enum on `self` matched and updated across awaits (a traffic light).
    p7f_state_machine {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Light {
            Red,
            Green,
            Yellow,
        }
        pub struct Controller {
            pub state: Light,
            pub ticks: u32,
            pub log: Vec<String>,
        }
        impl Controller {
            lower! {
                pub async fn tick(&mut self) -> Light {
                    let next = match self.state {
                        Light::Red => {
                            step("red").await;
                            Light::Green
                        }
                        Light::Green if self.ticks % 2 == 0 => Light::Yellow,
                        Light::Green => Light::Green,
                        Light::Yellow => leaf("yellow", Light::Red).await,
                    };
                    self.ticks += 1;
                    self.log.push(format!("{:?}->{:?}", self.state, next));
                    self.state = next;
                    next
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<Light>, Vec<String>) {
                let mut c = Controller { state: Light::Red, ticks: 0, log: vec![] };
                let mut seen = vec![];
                for _ in 0..5 {
                    seen.push(c.tick().await);
                }
                (seen, c.log)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A Vec of same-typed futures awaited in a loop; zip of two Vecs with an await per pair.
    p7f_vec_of_futures {
        lower! {
            pub async fn f() -> (u32, Vec<String>) {
                let futs = vec![leaf("f1", 1), leaf("f2", 2), leaf("f3", 3)];
                let mut sum = 0;
                for fut in futs {
                    sum += fut.await;
                    if sum > 2 {
                        break;
                    }
                }
                let names = ["x", "y"];
                let vals = vec![10, 20];
                let mut out = vec![];
                for (n, v) in names.iter().zip(vals.iter()) {
                    out.push(format!("{n}={}", leaf("pair", *v).await));
                }
                (sum, out)
            }
        }
    }
    run { f() }
}

twin! {
    /// A line iterator over a `&str` held across awaits; `checked_add` with `ok_or`.
    p7f_lines_iter {
        lower! {
            pub async fn total(text: &str) -> Result<u8, String> {
                let mut lines = text.lines();
                let header = lines.next().ok_or("empty")?;
                step(if header == "v1" { "v1" } else { "other" }).await;
                let mut acc: u8 = 0;
                while let Some(line) = lines.next() {
                    let n: u8 = leaf("parse", line.trim().parse::<u8>()).await.map_err(|e| e.to_string())?;
                    acc = acc.checked_add(n).ok_or(format!("overflow at {line}"))?;
                }
                Ok(acc)
            }
        }
    }
    run { pair(pair(total("v1\n100\n 50"), total("v1\n200\n100")), total("v2\nx")) }
}

twin! {
    /// A struct with a lifetime borrowing input text, and a `&mut self` async method (a tokenizer).
    p7f_tokenizer {
        pub struct Tokenizer<'a> {
            pub src: &'a str,
            pub pos: usize,
        }
        impl<'a> Tokenizer<'a> {
            lower! {
                pub async fn next_token(&mut self) -> Option<&'a str> {
                    let rest = &self.src[self.pos..];
                    let rest_trim = rest.trim_start();
                    self.pos += rest.len() - rest_trim.len();
                    if rest_trim.is_empty() {
                        return None;
                    }
                    step("tok").await;
                    let end = rest_trim.find(' ').unwrap_or(rest_trim.len());
                    let tok = &self.src[self.pos..self.pos + end];
                    self.pos += end;
                    Some(tok)
                }
            }
        }
        lower! {
            pub async fn tokens(src: &'static str) -> Vec<&'static str> {
                let mut t = Tokenizer { src, pos: 0 };
                let mut out = vec![];
                while let Some(tok) = t.next_token().await {
                    out.push(tok);
                }
                out
            }
        }
    }
    run { tokens("  let x =  42 ") }
}

twin! {
    /// `impl<T: Display> Wrapper<T>` async method with format and a Tracker field.
    p7f_display_wrapper {
        pub struct Labeled<T> {
            pub value: T,
            pub guard: Tracker,
        }
        impl<T: Display + Clone> Labeled<T> {
            lower! {
                pub async fn render(&self, prefix: &str) -> String {
                    let n = leaf("width", 6).await;
                    let v = self.value.clone();
                    format!("{prefix}[{v:>n$}]")
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let a = Labeled { value: 42, guard: Tracker("a") };
                let b = Labeled { value: "hi".to_string(), guard: Tracker("b") };
                vec![a.render("int").await, b.render("str").await, a.render("again").await]
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A pull loop: `while let Some(job) = next { process(job).await; next = fetch().await; }`.
    p7f_ll_h {
        lower! {
            pub async fn fetch(i: u32) -> Option<String> {
                leaf("fetch", if i < 3 { Some(format!("job{i}")) } else { None }).await
            }
        }
        lower! {
            pub async fn drain() -> Vec<String> {
                let mut done = vec![];
                let mut i = 0;
                let mut next = fetch(i).await;
                while let Some(job) = next {
                    step("process").await;
                    done.push(job);
                    i += 1;
                    next = fetch(i).await;
                }
                done
            }
        }
    }
    run { drain() }
}

twin! {
    /// `match opt_local { Some(x) => { ..await.. } None => .. }` then the local reassigned.
    p7f_ll_i {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut out = vec![];
                let mut pending: Option<String> = Some("first".into());
                for round in 0..3 {
                    match pending {
                        Some(msg) => {
                            let _t = Tracker("send");
                            step("send").await;
                            out.push(msg);
                        }
                        None => out.push(format!("idle {round}")),
                    }
                    pending = if round == 0 { None } else { Some(format!("r{round}")) };
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A higher-order async retry helper: `F: Fn(u32) -> Fut, Fut: Future<Output = Result<T, String>>`.
    p7f_retry_generic {
        lower! {
            pub async fn retry<T, F, Fut>(times: u32, f: F) -> Result<T, Vec<String>>
            where
                F: Fn(u32) -> Fut,
                Fut: Future<Output = Result<T, String>>,
            {
                let mut errs = Vec::new();
                for attempt in 0..times {
                    let _a = Tracker("attempt");
                    match f(attempt).await {
                        Ok(v) => return Ok(v),
                        Err(e) => errs.push(e),
                    }
                    step("wait").await;
                }
                Err(errs)
            }
        }
        lower! {
            pub async fn op(i: u32) -> Result<u32, String> {
                let v = leaf("op", i).await;
                if v >= 2 { Ok(v * 10) } else { Err(format!("e{v}")) }
            }
        }
        lower! {
            pub async fn scenario() -> (Result<u32, Vec<String>>, Result<u32, Vec<String>>) {
                let a = retry(4, op).await;
                let b = retry(2, |i| async move { op(i).await }).await;
                (a, b)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// An `async move` block stored in a local and awaited after another await.
    p7f_deferred_block {
        lower! {
            pub async fn f(name: String) -> (String, u32) {
                let guard = Tracker("deferred");
                let n = leaf("n", 2).await;
                let fut = async move {
                    step("inside").await;
                    let _g = guard;
                    format!("{name}:{n}")
                };
                let other = leaf("other", 5).await;
                let s = fut.await;
                (s, other + std::future::ready(1).await)
            }
        }
    }
    run { f("job".to_string()) }
}

twin! {
    /// Boxed dyn futures built in a loop and awaited in order, with guards captured.
    p7f_boxed_futures_loop {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let mut futs: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                for i in 0..n {
                    let t = Tracker(["b0", "b1", "b2"][i as usize]);
                    futs.push(Box::pin(async move {
                        let v = leaf("boxed", i * 3).await;
                        drop(t);
                        v
                    }));
                }
                step("built").await;
                let mut out = vec![];
                for fut in futs {
                    out.push(fut.await);
                }
                out
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A "current = next" loop over an owned state with a guard per state (a walk).
    p7f_current_next {
        #[derive(Debug)]
        pub struct State7 {
            pub n: u32,
            pub g: Tracker,
        }
        lower! {
            pub async fn advance(s: State7) -> Option<State7> {
                let n = leaf("adv", s.n + 1).await;
                if n > 3 { None } else { Some(State7 { n, g: Tracker(["s0", "s1", "s2", "s3"][n as usize]) }) }
            }
        }
        lower! {
            pub async fn walk() -> Vec<u32> {
                let mut seen = vec![];
                let mut current = State7 { n: 0, g: Tracker("s0") };
                loop {
                    seen.push(current.n);
                    match advance(current).await {
                        Some(next) => current = next,
                        None => break,
                    }
                }
                seen
            }
        }
    }
    run { walk() }
}

twin! {
    /// Minimal: a pattern moves the payload out of a local, an await, then the local is reassigned.
    p7f_ll_min {
        lower! {
            pub async fn f(mut o: Option<Tracker>) -> bool {
                if let Some(t) = o {
                    step("a").await;
                    drop(t);
                }
                o = None;
                o.is_none()
            }
        }
    }
    run { f(Some(Tracker("t"))) }
}

twin! {
    /// As p7f_ll_min with the await after the `if let`, not inside.
    p7f_ll_j {
        lower! {
            pub async fn f(mut o: Option<Tracker>) -> bool {
                if let Some(t) = o {
                    drop(t);
                }
                step("a").await;
                o = None;
                o.is_none()
            }
        }
    }
    run { f(Some(Tracker("t"))) }
}

twin! {
    /// As p7f_ll_min with a plain `let` moving the whole local (no pattern): works natively too.
    p7f_ll_k {
        lower! {
            pub async fn f(mut o: Option<Tracker>) -> bool {
                let t = o;
                step("a").await;
                drop(t);
                o = None;
                o.is_none()
            }
        }
    }
    run { f(Some(Tracker("t"))) }
}

twin! {
    /// Minimal: a local moved, an await, then the local reassigned.
    p7f_move_await_reassign {
        lower! {
            pub async fn f() -> (String, String) {
                let mut s = String::from("a");
                let t = s;
                step("a").await;
                s = String::from("b");
                (t, s)
            }
        }
    }
    run { f() }
}

twin! {
    /// Integer overflow panics between awaits (debug build), `saturating_sub`, `checked_div`.
    p7f_arith_panic {
        lower! {
            pub async fn f(a: u8, b: u8) -> (u8, Option<u8>, u8) {
                let _g = Tracker("arith");
                let s = a.saturating_sub(leaf("sub", b).await);
                let d = a.checked_div(leaf("div", b.wrapping_sub(b)).await);
                let sum = a + leaf("add", b).await;
                (s, d, sum)
            }
        }
    }
    run { pair(f(10, 3), f(200, 100)) }
}

twin! {
    /// A service with an optional callback field invoked after awaits, and an event Vec.
    p7f_callback_field {
        pub struct Notifier {
            pub on_event: Option<Box<dyn Fn(&str) -> String>>,
            pub sent: Vec<String>,
        }
        impl Notifier {
            lower! {
                pub async fn notify(&mut self, ev: &str) -> bool {
                    let ev = leaf("ev", ev.to_uppercase()).await;
                    if let Some(cb) = &self.on_event {
                        let msg = cb(&ev);
                        step("send").await;
                        self.sent.push(msg);
                        true
                    } else {
                        false
                    }
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<bool>, Vec<String>) {
                let mut n = Notifier { on_event: None, sent: vec![] };
                let mut rs = vec![n.notify("a").await];
                let prefix = String::from(">>");
                n.on_event = Some(Box::new(move |e| format!("{prefix} {e}")));
                rs.push(n.notify("b").await);
                rs.push(n.notify("c").await);
                (rs, n.sent)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// `Vec<Option<Tracker>>` slots taken one by one across awaits; `for` header with `skip`/`step_by`.
    p7f_option_slots {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut slots = vec![Some(Tracker("s0")), None, Some(Tracker("s2")), Some(Tracker("s3")), Some(Tracker("s4"))];
                let mut got = vec![];
                for (i, slot) in slots.iter_mut().enumerate().skip(1).step_by(2) {
                    step("slot").await;
                    if let Some(t) = slot.take() {
                        got.push(t.name());
                    } else {
                        log(format!("empty {i}"));
                    }
                }
                step("end").await;
                got.push(if slots[0].is_some() { "first-kept" } else { "first-gone" });
                got
            }
        }
    }
    run { f() }
}

twin! {
    /// `if`/`else` expression with awaits in both branches, as a `let` initializer, and HashSet ops.
    p7f_if_expr_sets {
        lower! {
            pub async fn f(a: Vec<u32>, b: Vec<u32>, union: bool) -> Vec<u32> {
                let sa: HashSet<u32> = a.into_iter().collect();
                let sb: HashSet<u32> = leaf("b", b).await.into_iter().collect();
                let mut v: Vec<u32> = if union {
                    step("union").await;
                    sa.union(&sb).copied().collect()
                } else {
                    let _t = Tracker("inter");
                    leaf("inter", sa.intersection(&sb).copied().collect()).await
                };
                v.sort_unstable();
                v
            }
        }
    }
    run { pair(f(vec![1, 2, 3], vec![2, 3, 4], true), f(vec![1, 2, 3], vec![2, 3, 4], false)) }
}

twin! {
    /// A reader loop: `let line = match next().await { Some(l) => l, None => break };`.
    p7f_reader_loop {
        pub struct Lines7 {
            pub items: Vec<&'static str>,
            pub pos: usize,
        }
        impl Lines7 {
            lower! {
                pub async fn next_line(&mut self) -> Option<String> {
                    let i = self.pos;
                    self.pos += 1;
                    leaf("read", self.items.get(i).map(|s| s.to_string())).await
                }
            }
        }
        lower! {
            pub async fn count_words(mut r: Lines7) -> (usize, usize) {
                let mut lines = 0;
                let mut words = 0;
                let _g = Tracker("reader");
                loop {
                    let line = match r.next_line().await {
                        Some(l) => l,
                        None => break,
                    };
                    if line.starts_with("//") {
                        continue;
                    }
                    lines += 1;
                    words += line.split_whitespace().count();
                }
                (lines, words)
            }
        }
    }
    run { count_words(Lines7 { items: vec!["a b", "// skip", "c d e", ""], pos: 0 }) }
}

twin! {
    /// A buffer flushed by value to an awaited call, then replaced: `flush(buf).await; buf = Vec::new();`.
    p7f_flush_then_reassign {
        lower! {
            pub async fn flush(buf: Vec<u32>) -> usize {
                step("flush").await;
                buf.len()
            }
        }
        lower! {
            pub async fn f(xs: Vec<u32>) -> (Vec<usize>, Vec<u32>) {
                let mut buf = Vec::new();
                let mut flushed = vec![];
                for x in xs {
                    buf.push(x);
                    if buf.len() == 2 {
                        flushed.push(flush(buf).await);
                        buf = Vec::new();
                    }
                }
                (flushed, buf)
            }
        }
    }
    run { f(vec![1, 2, 3, 4, 5]) }
}

twin! {
    /// A local moved into a plain function call, an await, then reassigned.
    p7f_move_call_await_reassign {
        lower! {
            pub async fn f() -> usize {
                let mut t = Tracker("t1");
                drop(t);
                step("a").await;
                t = Tracker("t2");
                t.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A local moved on one branch only, an await, then reassigned.
    p7f_cond_move_await_reassign {
        lower! {
            pub async fn f(c: bool) -> usize {
                let mut t = Tracker("t1");
                if c {
                    drop(t);
                }
                step("a").await;
                t = Tracker("t2");
                t.0.len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A batcher service: `std::mem::take` of a field Vec, sent by value, counters on `self`.
    p7f_batcher {
        pub struct Batcher {
            pub pending: Vec<String>,
            pub batches: u32,
            pub max: usize,
        }
        impl Batcher {
            lower! {
                pub async fn send(batch: Vec<String>) -> usize {
                    let n = leaf("send", batch.len()).await;
                    log(format!("sent {}", batch.join("+")));
                    n
                }
            }
            lower! {
                pub async fn add(&mut self, item: &str) -> Option<usize> {
                    self.pending.push(item.to_string());
                    if self.pending.len() < self.max {
                        return None;
                    }
                    let batch = std::mem::take(&mut self.pending);
                    self.batches += 1;
                    Some(Self::send(batch).await)
                }
            }
        }
        lower! {
            pub async fn scenario() -> (Vec<Option<usize>>, u32, Vec<String>) {
                let mut b = Batcher { pending: vec![], batches: 0, max: 2 };
                let mut rs = vec![];
                for w in "a b c d e".split(' ') {
                    rs.push(b.add(w).await);
                }
                (rs, b.batches, b.pending)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Shrink of p7f_flush_then_reassign (b): no loop.
    p7f_flush_b {
        lower! {
            pub async fn flush(buf: Vec<u32>) -> usize {
                step("flush").await;
                buf.len()
            }
        }
        lower! {
            pub async fn f() -> (usize, usize) {
                let mut buf = vec![1];
                let n = flush(buf).await;
                buf = vec![2, 3];
                (n, buf.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p7f_flush_then_reassign (c): loop, buffer never borrowed.
    p7f_flush_c {
        lower! {
            pub async fn flush(buf: Vec<u32>) -> usize {
                step("flush").await;
                buf.len()
            }
        }
        lower! {
            pub async fn f() -> usize {
                let mut buf = vec![1];
                let mut total = 0;
                for i in 0..2 {
                    total += flush(buf).await;
                    buf = vec![i; 2];
                }
                total + buf.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic `FromStr` parser with an associated error type in a where clause.
    p7f_generic_fromstr {
        lower! {
            pub async fn parse_list<T>(s: &str) -> Result<Vec<T>, String>
            where
                T: std::str::FromStr + Debug,
                T::Err: Display,
            {
                let mut out = Vec::new();
                for (i, part) in s.split(',').map(str::trim).enumerate() {
                    step("part").await;
                    let v = part.parse::<T>().map_err(|e| format!("item {i} ({part:?}): {e}"))?;
                    out.push(v);
                }
                Ok(out)
            }
        }
        lower! {
            pub async fn scenario() -> (Result<Vec<u8>, String>, Result<Vec<f64>, String>, Result<Vec<bool>, String>) {
                let a = parse_list::<u8>("1, 2,300").await;
                let b: Result<Vec<f64>, String> = parse_list("1.5,2").await;
                let c = parse_list::<bool>("true,false").await;
                (a, b, c)
            }
        }
    }
    run { scenario() }
}

twin! {
    /// A generic `Stack<T>` with async `push`/`pop`/`peek` and Trackers as elements.
    p7f_generic_stack {
        pub struct Stack<T> {
            pub items: Vec<T>,
            pub cap: usize,
        }
        impl<T: Debug> Stack<T> {
            lower! {
                pub async fn push(&mut self, x: T) -> Result<usize, T> {
                    step("push").await;
                    if self.items.len() >= self.cap {
                        return Err(x);
                    }
                    self.items.push(x);
                    Ok(self.items.len())
                }
            }
            lower! {
                pub async fn pop(&mut self) -> Option<T> {
                    let it = self.items.pop()?;
                    step("pop").await;
                    Some(it)
                }
            }
            lower! {
                pub async fn peek(&self) -> Option<&T> {
                    step("peek").await;
                    self.items.last()
                }
            }
        }
        lower! {
            pub async fn scenario() -> Vec<String> {
                let mut s = Stack { items: Vec::new(), cap: 2 };
                let mut out = vec![];
                for name in ["a", "b", "c"] {
                    match s.push(Tracker(name)).await {
                        Ok(n) => out.push(format!("pushed {n}")),
                        Err(t) => out.push(format!("full, rejected {t:?}")),
                    }
                }
                out.push(format!("peek {:?}", s.peek().await));
                while let Some(t) = s.pop().await {
                    out.push(format!("popped {}", t.name()));
                }
                out
            }
        }
    }
    run { scenario() }
}

twin! {
    /// Floats sorted with `partial_cmp`, averages and formatting with precision.
    p7f_float_stats {
        lower! {
            pub async fn stats(scores: Vec<(&'static str, f64)>) -> Vec<String> {
                let mut scores = scores;
                let mut total = 0.0;
                for (_, s) in scores.iter_mut() {
                    *s = leaf("curve", *s * 1.1).await;
                    total += *s;
                }
                scores.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap());
                let avg = total / scores.len() as f64;
                step("fmt").await;
                let mut out: Vec<String> = scores.iter().map(|(n, s)| format!("{n}: {s:.2}")).collect();
                out.push(format!("avg {avg:.3}"));
                out
            }
        }
    }
    run { stats(vec![("a", 70.0), ("b", 90.5), ("c", 81.25)]) }
}
