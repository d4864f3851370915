//! Probe round 23b: type-system-heavy and borrowed-data code: async fns with explicit
//! lifetimes taking and returning borrowed data, `&mut [T]` slices and `&mut Vec<T>`
//! parameters changed across awaits, structs holding references built and used across
//! awaits, const generics (`[u8; N]` buffers), array and slice patterns, generic fns with
//! trait bounds and associated types, `impl Trait` iterators held across awaits, methods
//! on generic structs, user `Drop` impls with values moved in and out of `Option` fields,
//! `mem::take` on fields, `Cow<str>`, `Box<dyn Trait>` fields, `match` on tuples of
//! references, `matches!`, combinator chains with capturing closures, `?` on `Option`,
//! borrowing temporaries in conditions and scrutinees with awaits in the arms, block
//! expressions with awaits, shadowing, checked/wrapping arithmetic and overflow panics,
//! `loop` with `break` of references, and `chars().peekable()` parsers across awaits.
use crate::prelude::*;
#[allow(unused_imports)]
use std::borrow::Cow;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};

twin! {
    /// `first_word<'a>(s: &'a str) -> &'a str` with awaits before and after the split.
    p23b_first_word_borrowed {
        lower! {
            pub async fn first_word<'a>(s: &'a str) -> &'a str {
                let _g = Tracker::new("g");
                step("start").await;
                let w = s.split_whitespace().next().unwrap_or("");
                step("found").await;
                w
            }
        }
    }
    run { first_word(leak(String::from("hello big world")).as_str()) }
}

twin! {
    /// A lowered fn returning a borrowed word, called twice by another lowered fn that
    /// compares the two borrowed results across awaits.
    p23b_longest_of_two_borrowed {
        lower! {
            pub async fn first_word<'a>(s: &'a str) -> &'a str {
                step("fw").await;
                s.split(' ').next().unwrap()
            }
        }
        lower! {
            pub async fn longest<'a>(a: &'a str, b: &'a str) -> (&'a str, usize) {
                let _t = Tracker::new("t");
                let x = first_word(a).await;
                let y = first_word(b).await;
                step("cmp").await;
                if x.len() >= y.len() { (x, x.len()) } else { (y, y.len()) }
            }
        }
    }
    run { longest(leak(String::from("alpha beta")), leak(String::from("gammadelta x"))) }
}

twin! {
    /// A `&mut [u32]` slice doubled element by element with an await per element.
    p23b_mut_slice_doubled {
        lower! {
            pub async fn double_all(xs: &mut [u32]) -> u32 {
                let _g = Tracker::new("g");
                for x in xs.iter_mut() {
                    let d = leaf("d", *x * 2).await;
                    *x = d;
                }
                step("end").await;
                xs.iter().sum()
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut v = vec![1, 2, 3];
                let s = double_all(&mut v[1..]).await;
                (s, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut [i32]` slice partitioned in place (swaps) with awaits between compares.
    p23b_mut_slice_partition_swaps {
        lower! {
            pub async fn partition(xs: &mut [i32], pivot: i32) -> usize {
                let mut store = 0;
                for i in 0..xs.len() {
                    let keep = leaf("cmp", xs[i] < pivot).await;
                    if keep {
                        xs.swap(i, store);
                        store += 1;
                    }
                }
                store
            }
        }
        lower! {
            pub async fn f(mut v: Vec<i32>) -> (usize, Vec<i32>) {
                let _g = Tracker::new("g");
                let n = partition(&mut v, 5).await;
                step("done").await;
                (n, v)
            }
        }
    }
    run { f(vec![7, 1, 9, 3, 5, 2]) }
}

twin! {
    /// `&mut Vec<Tracker>` parameter: push, pop and retain across awaits.
    p23b_mut_vec_param_push_pop_retain {
        lower! {
            pub async fn edit(v: &mut Vec<Tracker>, extra: &'static str) -> usize {
                v.push(Tracker::new(extra));
                step("pushed").await;
                let popped = v.pop();
                step("popped").await;
                v.retain(|t| t.name() != "b");
                step("retained").await;
                if let Some(p) = popped {
                    v.insert(0, p);
                }
                v.len()
            }
        }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let n = edit(&mut v, "x").await;
                log(format!("n={n}"));
                step("end").await;
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `View<'a>` struct holding `&'a [u32]`, built from a local vec and read across
    /// awaits, with a lowered method on it.
    p23b_view_struct_over_slice {
        pub struct View<'a> {
            pub items: &'a [u32],
            pub label: &'a str,
        }
        impl<'a> View<'a> {
            lower! {
                pub async fn total(&self) -> u32 {
                    let mut s = 0;
                    for x in self.items {
                        s += leaf("x", *x).await;
                    }
                    s
                }
            }
        }
        lower! {
            pub async fn f(n: u32) -> String {
                let data: Vec<u32> = (1..=n).collect();
                let name = String::from("nums");
                let _g = Tracker::new("g");
                let view = View { items: &data[1..], label: &name };
                let t = view.total().await;
                step("between").await;
                format!("{}:{}:{}", view.label, t, view.items.len())
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A lowered method on `View<'a>` returning `Option<&'a u32>` (the max), kept across an
    /// await by the caller.
    p23b_view_method_returns_inner_ref {
        pub struct View<'a> {
            pub items: &'a [u32],
        }
        impl<'a> View<'a> {
            lower! {
                pub async fn largest(&self) -> Option<&'a u32> {
                    step("scan").await;
                    self.items.iter().max()
                }
            }
        }
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let _a = Tracker::new("a");
                let view = View { items: &v };
                let m = view.largest().await;
                step("hold").await;
                match m {
                    Some(x) => *x + 100,
                    None => 0,
                }
            }
        }
    }
    run { pair(f(vec![3, 9, 4]), f(vec![])) }
}

twin! {
    /// Const generic: sum of a `[u32; N]` array with an await per element.
    p23b_const_generic_sum {
        lower! {
            pub async fn sum<const N: usize>(a: [u32; N]) -> u32 {
                let mut s = 0;
                for (i, x) in a.iter().enumerate() {
                    s += leaf("x", *x * (i as u32 + 1)).await;
                }
                s
            }
        }
        lower! {
            pub async fn f() -> (u32, u32, u32) {
                let _g = Tracker::new("g");
                let a = sum([1, 2, 3]).await;
                let b = sum([10; 5]).await;
                let c = sum::<0>([]).await;
                (a, b, c)
            }
        }
    }
    run { f() }
}

twin! {
    /// Const generic `[u8; N]` buffer filled across awaits and returned.
    p23b_const_generic_buffer_fill {
        lower! {
            pub async fn fill<const N: usize>(start: u8) -> [u8; N] {
                let mut buf = [0u8; N];
                let _t = Tracker::new("buf");
                for i in 0..N {
                    buf[i] = leaf("b", start.wrapping_add((i as u8).wrapping_mul(100))).await;
                }
                buf
            }
        }
    }
    run { pair(fill::<4>(10), fill::<3>(200)) }
}

twin! {
    /// A const-generic ring buffer struct with a lowered `&mut self` method pushing values
    /// from awaits and overwriting the oldest.
    p23b_const_generic_ring_struct {
        pub struct Ring<const N: usize> {
            pub buf: [u32; N],
            pub head: usize,
            pub len: usize,
        }
        impl<const N: usize> Ring<N> {
            lower! {
                pub async fn push_from(&mut self, vals: Vec<u32>) -> usize {
                    for v in vals {
                        let x = leaf("v", v).await;
                        let idx = (self.head + self.len) % N;
                        self.buf[idx] = x;
                        if self.len < N { self.len += 1; } else { self.head = (self.head + 1) % N; }
                    }
                    self.len
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, [u32; 3], usize) {
                let mut r = Ring::<3> { buf: [0; 3], head: 0, len: 0 };
                let _g = Tracker::new("g");
                let n = r.push_from(vec![1, 2, 3, 4, 5]).await;
                (n, r.buf, r.head)
            }
        }
    }
    run { f() }
}

twin! {
    /// Slice pattern `[first, .., last]` on a vec of trackers matched by reference, with an
    /// await in the arm.
    p23b_slice_pattern_first_last {
        lower! {
            pub async fn f(n: usize) -> String {
                let names = ["a", "b", "c", "d"];
                let v: Vec<Tracker> = names[..n].iter().map(|s| Tracker::new(s)).collect();
                step("made").await;
                let out = match v.as_slice() {
                    [] => String::from("empty"),
                    [one] => {
                        step("one").await;
                        one.name().to_string()
                    }
                    [first, .., last] => {
                        step("many").await;
                        format!("{}..{}", first.name(), last.name())
                    }
                };
                step("end").await;
                out
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(4)) }
}

twin! {
    /// Slice pattern `[a, b, rest @ ..]` binding a sub-slice used across awaits.
    p23b_slice_pattern_rest_binding {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let _g = Tracker::new("g");
                if let [a, b, rest @ ..] = &v[..] {
                    let s = leaf("ab", a + b).await;
                    let mut t = 0;
                    for r in rest {
                        t += leaf("r", *r).await;
                    }
                    s * 100 + t
                } else {
                    step("short").await;
                    0
                }
            }
        }
    }
    run { pair(f(vec![1, 2, 3, 4]), f(vec![9])) }
}

twin! {
    /// Array by-value pattern `[x, y, z]` of trackers in a `match` on an owned array with
    /// awaits in the arm; moved elements dropped in order.
    p23b_array_pattern_by_value_in_arm {
        lower! {
            pub async fn f(flag: bool) -> &'static str {
                let arr = [Tracker::new("x"), Tracker::new("y"), Tracker::new("z")];
                step("made").await;
                match (flag, arr) {
                    (true, [x, _, z]) => {
                        step("arm").await;
                        drop(z);
                        step("after z").await;
                        x.name()
                    }
                    (false, arr) => {
                        step("else").await;
                        arr[1].name()
                    }
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Slice pattern over `&[&str]` with a literal first element and a binding rest, in a
    /// command dispatcher with awaits per command.
    p23b_slice_pattern_command_dispatch {
        lower! {
            pub async fn run_cmd(args: &[&str]) -> Result<u32, String> {
                match args {
                    ["add", a, b] => {
                        let x: u32 = a.parse().map_err(|_| format!("bad {a}"))?;
                        let y: u32 = b.parse().map_err(|_| format!("bad {b}"))?;
                        Ok(leaf("add", x + y).await)
                    }
                    ["sum", rest @ ..] => {
                        let mut s = 0;
                        for r in rest {
                            s += leaf("s", r.len() as u32).await;
                        }
                        Ok(s)
                    }
                    [cmd, ..] => Err(format!("unknown {cmd}")),
                    [] => Err(String::from("empty")),
                }
            }
        }
        lower! {
            pub async fn f(lines: Vec<&'static str>) -> Vec<Result<u32, String>> {
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for l in &lines {
                    let parts: Vec<&str> = l.split(' ').collect();
                    out.push(run_cmd(&parts).await);
                }
                out
            }
        }
    }
    run { f(vec!["add 2 3", "sum ab c def", "add x 1", "nope 1", ""]) }
}

twin! {
    /// Generic fn with `I: IntoIterator<Item = T>` and `T: Display + Clone`, holding the
    /// iterator across awaits.
    p23b_generic_into_iter_display {
        lower! {
            pub async fn join_all<I, T>(items: I, sep: &str) -> String
            where
                I: IntoIterator<Item = T>,
                T: Display + Clone,
            {
                let mut out = String::new();
                let _g = Tracker::new("g");
                for (i, it) in items.into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(sep);
                    }
                    let c = it.clone();
                    step("item").await;
                    out.push_str(&c.to_string());
                }
                out
            }
        }
        lower! {
            pub async fn f() -> (String, String) {
                let a = join_all(vec![1, 2, 3], ", ").await;
                let b = join_all(["x", "y"].iter(), "-").await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Generic over `F: FnMut(u32) -> u32`, the closure mutating captured state, called
    /// between awaits.
    p23b_generic_fnmut_counter {
        lower! {
            pub async fn apply_each<F: FnMut(u32) -> u32>(xs: &[u32], mut f: F) -> Vec<u32> {
                let mut out = Vec::with_capacity(xs.len());
                for &x in xs {
                    let y = leaf("in", x).await;
                    out.push(f(y));
                }
                out
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, u32) {
                let mut calls = 0;
                let base = 10;
                let _g = Tracker::new("g");
                let v = apply_each(&[1, 2, 3], |x| {
                    calls += 1;
                    x * base + calls
                }).await;
                step("after").await;
                (v, calls)
            }
        }
    }
    run { f() }
}

twin! {
    /// `impl Iterator<Item = u32>` in argument position, consumed with `next()` across
    /// awaits, with a `peekable` wrapper.
    p23b_impl_iterator_arg_peekable {
        lower! {
            pub async fn runs(it: impl Iterator<Item = u32>) -> Vec<(u32, usize)> {
                let mut it = it.peekable();
                let mut out = Vec::new();
                while let Some(x) = it.next() {
                    let mut n = 1;
                    while it.peek() == Some(&x) {
                        it.next();
                        n += 1;
                        step("same").await;
                    }
                    let v = leaf("run", x).await;
                    out.push((v, n));
                }
                out
            }
        }
    }
    run { runs(vec![1, 1, 2, 3, 3, 3, 1].into_iter()) }
}

twin! {
    /// `impl IntoIterator<Item = Tracker>` argument: the iterator owns trackers, some are
    /// consumed, the rest dropped with the iterator (also on cancellation).
    p23b_impl_into_iter_of_trackers {
        lower! {
            pub async fn take_two(items: impl IntoIterator<Item = Tracker>) -> Vec<&'static str> {
                let mut it = items.into_iter();
                let mut out = Vec::new();
                for _ in 0..2 {
                    if let Some(t) = it.next() {
                        step("got").await;
                        out.push(t.name());
                    }
                }
                step("rest").await;
                out
            }
        }
    }
    run { take_two(vec![Tracker("a"), Tracker("b"), Tracker("c"), Tracker("d")]) }
}

twin! {
    /// Associated types: a trait `Source` with `type Item`, a generic fn reading from it
    /// across awaits.
    p23b_assoc_type_source_trait {
        pub trait Source {
            type Item: Debug;
            fn next_item(&mut self) -> Option<Self::Item>;
        }
        pub struct Countdown(pub u32, pub Tracker);
        impl Source for Countdown {
            type Item = u32;
            fn next_item(&mut self) -> Option<u32> {
                if self.0 == 0 { None } else { self.0 -= 1; Some(self.0) }
            }
        }
        lower! {
            pub async fn drain<S: Source>(mut s: S) -> Vec<String> {
                let mut out = Vec::new();
                while let Some(x) = s.next_item() {
                    step("item").await;
                    out.push(format!("{x:?}"));
                }
                out
            }
        }
    }
    run { drain(Countdown(3, Tracker("src"))) }
}

twin! {
    /// `where` clause with an associated type bound `I::Item: Into<u64>` and a fold across
    /// awaits.
    p23b_assoc_item_into_u64 {
        lower! {
            pub async fn total<I>(it: I) -> u64
            where
                I: Iterator,
                I::Item: Into<u64>,
            {
                let mut acc: u64 = 0;
                for x in it {
                    let v: u64 = x.into();
                    acc = leaf("acc", acc + v).await;
                }
                acc
            }
        }
        lower! {
            pub async fn f() -> (u64, u64) {
                let _g = Tracker::new("g");
                let a = total(vec![1u8, 2, 250].into_iter()).await;
                let b = total([7u32, 8].into_iter()).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `impl<T: Debug> Stack<T> { async fn drain_all(&mut self) }` on a stack of trackers.
    p23b_generic_stack_drain_all {
        pub struct Stack<T> {
            pub items: Vec<T>,
        }
        impl<T: Debug> Stack<T> {
            lower! {
                pub async fn drain_all(&mut self) -> Vec<String> {
                    let mut out = Vec::new();
                    while let Some(x) = self.items.pop() {
                        step("pop").await;
                        out.push(format!("{x:?}"));
                    }
                    out
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<String>, usize) {
                let mut s = Stack { items: vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")] };
                let out = s.drain_all().await;
                step("after").await;
                (out, s.items.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic stack with a lowered `async fn push_from<I: IntoIterator<Item = T>>`
    /// (method generic inside a generic impl) and `peek` returning `Option<&T>`.
    p23b_generic_stack_push_from_peek {
        pub struct Stack<T> {
            pub items: Vec<T>,
        }
        impl<T: Debug + Clone> Stack<T> {
            lower! {
                pub async fn push_from<I: IntoIterator<Item = T>>(&mut self, it: I) -> usize {
                    for x in it {
                        step("push").await;
                        self.items.push(x);
                    }
                    self.items.len()
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
            pub async fn f() -> (usize, Option<String>) {
                let mut s: Stack<String> = Stack { items: Vec::new() };
                let _g = Tracker::new("g");
                let n = s.push_from(vec![String::from("x"), String::from("y")]).await;
                let top = s.peek().await.cloned();
                (n, top)
            }
        }
    }
    run { f() }
}

twin! {
    /// User `Drop` impl logging a field; the value moved in and out of an `Option` field
    /// across awaits.
    p23b_drop_impl_option_field_moves {
        pub struct Conn {
            pub id: u32,
        }
        impl Drop for Conn {
            fn drop(&mut self) {
                log(format!("close conn {}", self.id));
            }
        }
        pub struct Pool {
            pub slot: Option<Conn>,
            pub _t: Tracker,
        }
        lower! {
            pub async fn f() -> u32 {
                let mut pool = Pool { slot: Some(Conn { id: 1 }), _t: Tracker::new("pool") };
                step("start").await;
                let c = pool.slot.take().unwrap();
                step("taken").await;
                let old = pool.slot.replace(Conn { id: 2 });
                assert!(old.is_none());
                step("replaced").await;
                let id = c.id;
                pool.slot = Some(c);
                step("put back").await;
                id + pool.slot.as_ref().map(|c| c.id).unwrap_or(0)
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::mem::take` on a `Vec` field of a struct across awaits, the taken vec consumed
    /// while the struct is refilled.
    p23b_mem_take_vec_field {
        pub struct Batch {
            pub pending: Vec<Tracker>,
            pub sent: u32,
        }
        lower! {
            pub async fn flush(b: &mut Batch) -> u32 {
                let items = std::mem::take(&mut b.pending);
                step("took").await;
                b.pending.push(Tracker::new("late"));
                for t in items {
                    step("send").await;
                    log(format!("sent {}", t.name()));
                    b.sent += 1;
                }
                b.sent
            }
        }
        lower! {
            pub async fn f() -> (u32, usize) {
                let mut b = Batch { pending: vec![Tracker::new("a"), Tracker::new("b")], sent: 0 };
                let n = flush(&mut b).await;
                step("end").await;
                (n, b.pending.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::take` on a `String` field and `mem::replace` on an enum state field, in a
    /// lowered `&mut self` method.
    p23b_mem_take_string_and_replace_state {
        #[derive(Debug, Default)]
        pub enum State {
            #[default]
            Idle,
            Busy(Tracker),
            Done(u32),
        }
        pub struct Job {
            pub buf: String,
            pub state: State,
        }
        impl Job {
            lower! {
                pub async fn advance(&mut self) -> String {
                    let text = std::mem::take(&mut self.buf);
                    step("took").await;
                    let prev = std::mem::replace(&mut self.state, State::Busy(Tracker::new("busy")));
                    step("busy").await;
                    let n = leaf("n", text.len() as u32).await;
                    let busy = std::mem::replace(&mut self.state, State::Done(n));
                    drop(busy);
                    format!("{prev:?} -> {text}")
                }
            }
        }
        lower! {
            pub async fn f() -> (String, String) {
                let mut j = Job { buf: String::from("hello"), state: State::Idle };
                let a = j.advance().await;
                (a, format!("{:?}", j.state))
            }
        }
    }
    run { f() }
}

twin! {
    /// `Cow<str>`: borrowed when no change is needed, owned otherwise, held across awaits.
    p23b_cow_normalize {
        lower! {
            pub async fn normalize<'a>(s: &'a str) -> Cow<'a, str> {
                step("check").await;
                if s.contains(' ') {
                    let owned = s.replace(' ', "_");
                    step("owned").await;
                    Cow::Owned(owned)
                } else {
                    Cow::Borrowed(s)
                }
            }
        }
        lower! {
            pub async fn f(words: Vec<&'static str>) -> Vec<String> {
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for w in &words {
                    let c = normalize(w).await;
                    let kind = matches!(c, Cow::Borrowed(_));
                    step("got").await;
                    out.push(format!("{c}:{kind}"));
                }
                out
            }
        }
    }
    run { f(vec!["ab", "a b c", ""]) }
}

twin! {
    /// `Cow<[u32]>` made owned by `to_mut` after an await and then extended.
    p23b_cow_slice_to_mut {
        lower! {
            pub async fn f(base: &'static [u32], extra: u32) -> (bool, Vec<u32>) {
                let mut c: Cow<[u32]> = Cow::Borrowed(base);
                let _t = Tracker::new("t");
                let add = leaf("extra", extra).await;
                if add > 0 {
                    c.to_mut().push(add);
                }
                step("mid").await;
                let owned = matches!(c, Cow::Owned(_));
                (owned, c.into_owned())
            }
        }
    }
    run { pair(f(&[1, 2], 3), f(&[4], 0)) }
}

twin! {
    /// A `Box<dyn Trait>` field called across awaits, the box replaced mid-way (the old
    /// one dropped at the assignment).
    p23b_box_dyn_field_replaced {
        pub trait Scorer {
            fn score(&self, x: u32) -> u32;
            fn name(&self) -> &'static str;
        }
        pub struct Double(pub Tracker);
        impl Scorer for Double {
            fn score(&self, x: u32) -> u32 { x * 2 }
            fn name(&self) -> &'static str { "double" }
        }
        pub struct Plus(pub u32, pub Tracker);
        impl Scorer for Plus {
            fn score(&self, x: u32) -> u32 { x + self.0 }
            fn name(&self) -> &'static str { "plus" }
        }
        pub struct Game {
            pub scorer: Box<dyn Scorer>,
            pub total: u32,
        }
        lower! {
            pub async fn f(rounds: Vec<u32>) -> (u32, &'static str) {
                let mut g = Game { scorer: Box::new(Double(Tracker::new("dbl"))), total: 0 };
                for (i, r) in rounds.into_iter().enumerate() {
                    let x = leaf("round", r).await;
                    g.total += g.scorer.score(x);
                    if i == 1 {
                        g.scorer = Box::new(Plus(100, Tracker::new("plus")));
                        step("swapped").await;
                    }
                }
                (g.total, g.scorer.name())
            }
        }
    }
    run { f(vec![1, 2, 3, 4]) }
}

twin! {
    /// A `Vec<Box<dyn Fn(u32) -> u32>>` field of a pipeline struct applied across awaits,
    /// the closures capturing trackers.
    p23b_box_dyn_fn_pipeline_field {
        pub struct Pipeline {
            pub stages: Vec<Box<dyn Fn(u32) -> u32>>,
        }
        lower! {
            pub async fn f(x: u32) -> u32 {
                let t1 = Tracker::new("s1");
                let t2 = Tracker::new("s2");
                let p = Pipeline {
                    stages: vec![
                        Box::new(move |x| { let _ = &t1; x + 1 }),
                        Box::new(move |x| { let _ = &t2; x * 3 }),
                    ],
                };
                let mut v = x;
                for s in &p.stages {
                    v = s(leaf("stage", v).await);
                }
                step("end").await;
                v
            }
        }
    }
    run { f(2) }
}

twin! {
    /// `match` on a tuple of references `(&a, &b)` with guards and an await in each arm.
    p23b_match_tuple_of_refs {
        #[derive(Debug, PartialEq)]
        pub enum Tok { Num(u32), Op(char) }
        lower! {
            pub async fn f(a: Tok, b: Tok) -> String {
                let _g = Tracker::new("g");
                let r = match (&a, &b) {
                    (Tok::Num(x), Tok::Num(y)) if x == y => {
                        step("eq").await;
                        format!("same {x}")
                    }
                    (Tok::Num(x), Tok::Num(y)) => {
                        let s = leaf("sum", x + y).await;
                        format!("sum {s}")
                    }
                    (Tok::Op(c), _) | (_, Tok::Op(c)) => {
                        step("op").await;
                        format!("op {c}")
                    }
                };
                step("end").await;
                format!("{r} {:?}", a)
            }
        }
    }
    run { pair(pair(f(Tok::Num(2), Tok::Num(2)), f(Tok::Num(1), Tok::Num(5))), f(Tok::Num(1), Tok::Op('+'))) }
}

twin! {
    /// `match` on a tuple of `&mut` references swapping through them across an await.
    p23b_match_tuple_of_mut_refs {
        lower! {
            pub async fn f(mut a: Vec<u32>, mut b: Vec<u32>) -> (Vec<u32>, Vec<u32>) {
                let _g = Tracker::new("g");
                match (&mut a, &mut b) {
                    (x, y) if x.len() < y.len() => {
                        step("swap").await;
                        std::mem::swap(x, y);
                        x.push(leaf("push", 0).await);
                    }
                    (x, _) => {
                        x.clear();
                        step("clear").await;
                    }
                }
                (a, b)
            }
        }
    }
    run { pair(f(vec![1], vec![2, 3]), f(vec![4, 5], vec![])) }
}

twin! {
    /// `matches!` with guards on values read after awaits, counting categories.
    p23b_matches_macro_counts {
        #[derive(Debug)]
        pub enum Ev { Key(char), Click { x: i32, y: i32 }, Quit }
        lower! {
            pub async fn f(evs: Vec<Ev>) -> (usize, usize, bool) {
                let _g = Tracker::new("g");
                let mut keys = 0;
                let mut origin = 0;
                let mut quit = false;
                for e in evs {
                    let e = leaf("ev", e).await;
                    if matches!(e, Ev::Key(c) if c.is_ascii_digit()) {
                        keys += 1;
                    }
                    if matches!(&e, Ev::Click { x: 0, .. } | Ev::Click { y: 0, .. }) {
                        origin += 1;
                        step("origin").await;
                    }
                    quit |= matches!(e, Ev::Quit);
                }
                (keys, origin, quit)
            }
        }
    }
    run { f(vec![Ev::Key('1'), Ev::Key('a'), Ev::Click { x: 0, y: 5 }, Ev::Click { x: 3, y: 3 }, Ev::Quit]) }
}

twin! {
    /// `Option` combinator chain with closures capturing locals, on an awaited value.
    p23b_option_combinators_capture {
        lower! {
            pub async fn f(key: &'static str) -> u32 {
                let base = leaf("base", 10).await;
                let table = vec![("a", 1u32), ("b", 2), ("c", 0)];
                let _g = Tracker::new("g");
                let found = table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
                step("found").await;
                found
                    .filter(|v| *v != 0)
                    .map(|x| x + base)
                    .and_then(|x| x.checked_mul(base))
                    .unwrap_or(base - 1)
            }
        }
    }
    run { pair(pair(f("a"), f("c")), f("z")) }
}

twin! {
    /// `Result` combinators (`map_err`, `and_then`, `or_else`, `unwrap_or_else`) with
    /// closures capturing a tracker by reference and an awaited input.
    p23b_result_combinators_capture {
        lower! {
            pub async fn f(s: &'static str) -> i64 {
                let guard = Tracker::new("guard");
                let raw = leaf("raw", s).await;
                let limit = 100i64;
                let r: Result<i64, String> = raw
                    .trim()
                    .parse::<i64>()
                    .map_err(|e| format!("{}: {e}", guard.name()))
                    .and_then(|v| if v <= limit { Ok(v) } else { Err(format!("{v} too big")) })
                    .or_else(|e| if e.contains("big") { Ok(limit) } else { Err(e) });
                step("combined").await;
                r.unwrap_or_else(|e| { log(e); -1 })
            }
        }
    }
    run { pair(pair(f(" 42 "), f("999")), f("x")) }
}

twin! {
    /// `?` on `Option` in an `async fn -> Option<T>` with trackers alive at each `?`.
    p23b_question_on_option {
        lower! {
            pub async fn lookup(m: &BTreeMap<&'static str, Vec<u32>>, k: &str, i: usize) -> Option<u32> {
                let _a = Tracker::new("a");
                let v = m.get(k)?;
                step("got vec").await;
                let _b = Tracker::new("b");
                let x = *v.get(i)?;
                let y = leaf("y", x.checked_sub(1)).await?;
                Some(y * 2)
            }
        }
        lower! {
            pub async fn f() -> Vec<Option<u32>> {
                let mut m = BTreeMap::new();
                m.insert("k", vec![0, 5]);
                let mut out = Vec::new();
                out.push(lookup(&m, "k", 1).await);
                out.push(lookup(&m, "z", 0).await);
                out.push(lookup(&m, "k", 7).await);
                out.push(lookup(&m, "k", 0).await);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` on `Option` inside a loop in an `async fn -> Option<Vec<_>>`, from an awaited
    /// `Option`, a tracker per iteration.
    p23b_question_option_in_loop {
        lower! {
            pub async fn parse_all(xs: Vec<&'static str>) -> Option<Vec<u8>> {
                let mut out = Vec::new();
                for x in xs {
                    let _t = Tracker::new(x);
                    let v = leaf("p", x.parse::<u8>().ok()).await?;
                    out.push(v.checked_add(1)?);
                }
                Some(out)
            }
        }
    }
    run { pair(pair(parse_all(vec!["1", "2"]), parse_all(vec!["3", "q", "4"])), parse_all(vec!["255"])) }
}

twin! {
    /// `if let Some(x) = map.get(&k)` with an await in the arm that reads `x` (the map stays
    /// borrowed across the await).
    p23b_if_let_map_get_await_in_arm {
        lower! {
            pub async fn f(keys: Vec<u32>) -> Vec<String> {
                let mut m: BTreeMap<u32, Tracker> = BTreeMap::new();
                m.insert(1, Tracker::new("one"));
                m.insert(2, Tracker::new("two"));
                let mut out = Vec::new();
                for k in keys {
                    if let Some(x) = m.get(&k) {
                        step("hit").await;
                        out.push(x.name().to_string());
                    } else {
                        step("miss").await;
                        m.insert(k, Tracker::new("new"));
                    }
                }
                out
            }
        }
    }
    run { f(vec![1, 3, 3, 2]) }
}

twin! {
    /// `while let Some(x) = queue.front()` borrowing the queue in the condition, the arm
    /// awaiting then popping.
    p23b_while_let_front_borrow {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut q: VecDeque<Tracker> = VecDeque::new();
                for n in ["a", "b", "c"] {
                    q.push_back(Tracker::new(n));
                }
                let mut out = Vec::new();
                while let Some(x) = q.front() {
                    let name = x.name();
                    step("peek").await;
                    out.push(name);
                    let t = q.pop_front();
                    step("popped").await;
                    drop(t);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `match map.get_mut(&k)` scrutinee holding a mutable borrow across the awaiting arm.
    p23b_match_get_mut_await_in_arm {
        lower! {
            pub async fn f(ops: Vec<(&'static str, i32)>) -> Vec<(&'static str, i32)> {
                let mut m: BTreeMap<&'static str, i32> = BTreeMap::new();
                let _g = Tracker::new("g");
                for (k, d) in ops {
                    match m.get_mut(k) {
                        Some(v) => {
                            let add = leaf("add", d).await;
                            *v += add;
                        }
                        None => {
                            let init = leaf("init", d * 10).await;
                            m.insert(k, init);
                        }
                    }
                }
                m.into_iter().collect()
            }
        }
    }
    run { f(vec![("a", 1), ("b", 2), ("a", 3)]) }
}

twin! {
    /// A temporary `Tracker` in an `if` condition (dropped before the branch runs) and a
    /// tracker-returning method in a match scrutinee (kept through the awaiting arm).
    p23b_temporaries_condition_vs_scrutinee {
        pub struct Lock(pub Tracker, pub u32);
        impl Lock {
            pub fn value(&self) -> u32 { self.1 }
        }
        pub fn lock(n: u32) -> Lock {
            Lock(Tracker::new("lock"), n)
        }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut s = 0;
                if lock(n).value() > 2 {
                    step("then").await;
                    s += 1;
                }
                match lock(n).value() {
                    0 => step("zero").await,
                    v => {
                        let w = leaf("v", v).await;
                        s += w;
                    }
                }
                step("end").await;
                s
            }
        }
    }
    run { pair(f(3), f(0)) }
}

twin! {
    /// Nested blocks as values with awaits inside and trackers scoped to the blocks.
    p23b_block_values_with_awaits {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let a = {
                    let _t = Tracker::new("t1");
                    let x = leaf("x", n).await;
                    x * 2
                };
                let b = {
                    let _u = Tracker::new("t2");
                    let y = {
                        let _w = Tracker::new("t3");
                        leaf("y", a + 1).await
                    };
                    step("inner done").await;
                    y + a
                };
                let c = if b > 10 { let z = leaf("z", b).await; z - 10 } else { { step("small").await; b } };
                a + b + c
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// Shadowing in nested scopes: an outer `x` shadowed by awaited values inside blocks and
    /// loops, the outer one visible again after each scope.
    p23b_shadowing_nested_scopes {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut out = Vec::new();
                let x = Tracker::new("outer");
                {
                    let x = leaf("x1", 5u32).await;
                    out.push(format!("inner {x}"));
                    let x = x.to_string() + "!";
                    step("s").await;
                    out.push(x);
                }
                out.push(x.name().to_string());
                for i in 0..2 {
                    let x = Tracker::new(if i == 0 { "loop0" } else { "loop1" });
                    step("l").await;
                    let x = x.name();
                    out.push(x.to_string());
                }
                let x = leaf("x2", x).await;
                step("end").await;
                out.push(x.name().to_string());
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Checked and wrapping arithmetic on awaited values, `checked_*` chains with `?`.
    p23b_checked_wrapping_arith {
        lower! {
            pub async fn f(a: u8, b: u8) -> (Option<u8>, u8, u8, Option<u8>, i16) {
                let x = leaf("a", a).await;
                let y = leaf("b", b).await;
                let c = x.checked_add(y);
                let w = x.wrapping_mul(y);
                let s = x.saturating_sub(y);
                let d = async { x.checked_sub(y)?.checked_div(leaf("div", y).await) }.await;
                let i = (x as i16).wrapping_sub(y as i16 * 2);
                (c, w, s, d, i)
            }
        }
    }
    run { pair(pair(f(200, 100), f(10, 3)), f(5, 0)) }
}

twin! {
    /// An overflow panic in debug (`u8` addition) after an await, with trackers alive.
    p23b_overflow_panic_after_await {
        lower! {
            pub async fn f(a: u8) -> u8 {
                let _g = Tracker::new("g");
                let x = leaf("x", a).await;
                let _h = Tracker::new("h");
                step("before").await;
                let y = x + 100;
                step("after").await;
                y
            }
        }
    }
    run { pair(f(100), f(200)) }
}

twin! {
    /// Index out of bounds panic on a const-generic array after awaits.
    p23b_array_index_panic {
        lower! {
            pub async fn get<const N: usize>(a: [Tracker; N], i: usize) -> &'static str {
                step("s").await;
                let idx = leaf("i", i).await;
                a[idx].name()
            }
        }
    }
    run { pair(get([Tracker("a"), Tracker("b")], 1), get([Tracker("c")], 3)) }
}

twin! {
    /// `loop` with `break` of a reference into a borrowed slice, awaits in the loop.
    p23b_loop_break_ref {
        lower! {
            pub async fn find_first<'a>(items: &'a [Tracker], pred: &str) -> Option<&'a Tracker> {
                let mut i = 0;
                let found = loop {
                    if i >= items.len() {
                        break None;
                    }
                    let it = &items[i];
                    step("check").await;
                    if it.name().starts_with(pred) {
                        break Some(it);
                    }
                    i += 1;
                };
                step("done").await;
                found
            }
        }
        lower! {
            pub async fn f() -> (Option<&'static str>, Option<&'static str>) {
                let v = vec![Tracker::new("apple"), Tracker::new("banana"), Tracker::new("blue")];
                let a = find_first(&v, "b").await.map(|t| t.name());
                let b = find_first(&v, "z").await.map(|t| t.name());
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A labelled `loop` with `break 'outer (&str, usize)` out of nested loops over a
    /// grid of strings, awaits in the inner loop.
    p23b_labelled_break_tuple_ref {
        lower! {
            pub async fn f(grid: Vec<Vec<&'static str>>, target: char) -> Option<(&'static str, usize)> {
                let _g = Tracker::new("g");
                let mut r = 0;
                let hit = 'outer: loop {
                    let Some(row) = grid.get(r) else { break None };
                    for (c, cell) in row.iter().enumerate() {
                        step("cell").await;
                        if cell.contains(target) {
                            break 'outer Some((*cell, r * 10 + c));
                        }
                    }
                    r += 1;
                };
                step("end").await;
                hit
            }
        }
    }
    run { pair(f(vec![vec!["ab", "cd"], vec!["ef", "gx"]], 'x'), f(vec![vec!["a"]], 'q')) }
}

twin! {
    /// A tokenizer walking `chars().peekable()` across awaits: numbers, identifiers and
    /// single-char operators.
    p23b_peekable_chars_tokenizer {
        #[derive(Debug)]
        pub enum Tok { Num(u64), Ident(String), Op(char) }
        lower! {
            pub async fn tokenize(src: &str) -> Vec<Tok> {
                let mut out = Vec::new();
                let mut it = src.chars().peekable();
                while let Some(&c) = it.peek() {
                    if c.is_whitespace() {
                        it.next();
                        continue;
                    }
                    if c.is_ascii_digit() {
                        let mut n = 0u64;
                        while let Some(d) = it.peek().and_then(|c| c.to_digit(10)) {
                            n = n * 10 + d as u64;
                            it.next();
                        }
                        step("num").await;
                        out.push(Tok::Num(n));
                    } else if c.is_alphabetic() {
                        let mut s = String::new();
                        while let Some(&c) = it.peek() {
                            if !c.is_alphanumeric() { break; }
                            s.push(c);
                            it.next();
                        }
                        let s = leaf("ident", s).await;
                        out.push(Tok::Ident(s));
                    } else {
                        it.next();
                        step("op").await;
                        out.push(Tok::Op(c));
                    }
                }
                out
            }
        }
    }
    run { tokenize(leak(String::from("let x1 = 42 + y*7"))) }
}

twin! {
    /// A recursive-descent expression evaluator over `Peekable<Chars>` passed as `&mut`,
    /// awaiting at each number, with `?` on errors.
    p23b_peekable_recursive_descent {
        pub type P<'a> = std::iter::Peekable<std::str::Chars<'a>>;
        lower! {
            pub async fn number(it: &mut P<'_>) -> Result<i64, String> {
                let mut s = String::new();
                while let Some(c) = it.peek().copied().filter(|c| c.is_ascii_digit()) {
                    s.push(c);
                    it.next();
                }
                step("num").await;
                s.parse().map_err(|_| format!("expected number at {:?}", it.peek()))
            }
        }
        lower! {
            pub async fn expr(it: &mut P<'_>) -> Result<i64, String> {
                let mut acc = number(it).await?;
                while let Some(&op) = it.peek() {
                    it.next();
                    let rhs = number(it).await?;
                    acc = match op {
                        '+' => acc + rhs,
                        '-' => acc - rhs,
                        '*' => acc * rhs,
                        other => return Err(format!("bad op {other}")),
                    };
                }
                Ok(acc)
            }
        }
        lower! {
            pub async fn f(src: &'static str) -> Result<i64, String> {
                let _g = Tracker::new("g");
                let mut it = src.chars().peekable();
                let v = expr(&mut it).await?;
                step("end").await;
                Ok(v)
            }
        }
    }
    run { pair(pair(f("1+2*3"), f("4-x")), f("9/3")) }
}

twin! {
    /// A key=value line parser over `&str` returning borrowed pairs `Vec<(&'a str, &'a str)>`
    /// with awaits per line.
    p23b_kv_parser_borrowed_pairs {
        lower! {
            pub async fn parse<'a>(text: &'a str) -> Result<Vec<(&'a str, &'a str)>, String> {
                let mut out = Vec::new();
                for (n, line) in text.lines().enumerate() {
                    let line = line.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    step("line").await;
                    let (k, v) = line.split_once('=').ok_or_else(|| format!("line {}: no '='", n + 1))?;
                    out.push((k.trim(), v.trim()));
                }
                Ok(out)
            }
        }
        lower! {
            pub async fn f(src: &'static str) -> Result<String, String> {
                let _t = Tracker::new("t");
                let kv = parse(src).await?;
                step("parsed").await;
                Ok(kv.iter().map(|(k, v)| format!("{k}->{v}")).collect::<Vec<_>>().join(";"))
            }
        }
    }
    run { pair(f("a = 1\n# c\n\nb=two"), f("x=1\ny")) }
}

twin! {
    /// `split_at_mut` on a `&mut [u32]` parameter, both halves written across awaits.
    p23b_split_at_mut_halves {
        lower! {
            pub async fn mix(xs: &mut [u32]) -> u32 {
                let mid = xs.len() / 2;
                let (left, right) = xs.split_at_mut(mid);
                let _g = Tracker::new("g");
                for (l, r) in left.iter_mut().zip(right.iter_mut()) {
                    let s = leaf("sum", *l + *r).await;
                    *l = s;
                    step("r").await;
                    *r = s * 2;
                }
                left.iter().chain(right.iter()).sum()
            }
        }
        lower! {
            pub async fn f() -> (u32, [u32; 5]) {
                let mut a = [1, 2, 3, 4, 5];
                let s = mix(&mut a).await;
                (s, a)
            }
        }
    }
    run { f() }
}

twin! {
    /// `chunks_exact` over a const-generic byte array with the remainder, awaiting each
    /// chunk's checksum.
    p23b_chunks_exact_const_array {
        lower! {
            pub async fn checksums<const N: usize>(data: [u8; N]) -> (Vec<u16>, Vec<u8>) {
                let _g = Tracker::new("g");
                let chunks = data.chunks_exact(3);
                let rem = chunks.remainder().to_vec();
                let mut out = Vec::new();
                for c in chunks {
                    let s = leaf("chunk", c.iter().map(|&b| b as u16).sum::<u16>()).await;
                    out.push(s);
                }
                (out, rem)
            }
        }
    }
    run { pair(checksums([1, 2, 3, 4, 5, 6, 7, 8]), checksums([9u8; 3])) }
}

twin! {
    /// `windows(2)` iterator held across awaits over a borrowed slice, with a generic
    /// `T: PartialOrd + Copy + Debug`.
    p23b_windows_generic_sorted_check {
        lower! {
            pub async fn first_unsorted<T: PartialOrd + Copy + Debug>(xs: &[T]) -> Option<(usize, T, T)> {
                for (i, w) in xs.windows(2).enumerate() {
                    step("w").await;
                    if w[0] > w[1] {
                        return Some((i, w[0], w[1]));
                    }
                }
                None
            }
        }
        lower! {
            pub async fn f() -> (Option<(usize, u32, u32)>, Option<(usize, f64, f64)>, Option<(usize, char, char)>) {
                let _g = Tracker::new("g");
                let a = first_unsorted(&[1u32, 2, 5, 4]).await;
                let b = first_unsorted(&[0.5, 1.5]).await;
                let c = first_unsorted(&['a', 'c', 'b']).await;
                (a, b, c)
            }
        }
    }
    run { f() }
}

twin! {
    /// Sorting a `Vec<&str>` borrowed from a local `String` with `sort_by_key`, awaiting
    /// around it, and returning owned results.
    p23b_sort_borrowed_words {
        lower! {
            pub async fn f(text: String) -> Vec<String> {
                let _g = Tracker::new("g");
                let mut words: Vec<&str> = text.split_whitespace().collect();
                step("split").await;
                words.sort_by_key(|w| (std::cmp::Reverse(w.len()), *w));
                step("sorted").await;
                words.dedup();
                let mut out = Vec::new();
                for w in words.iter().take(3) {
                    out.push(leaf("w", w.to_uppercase()).await);
                }
                out
            }
        }
    }
    run { f(String::from("the quick brown fox jumps over the lazy dog")) }
}

twin! {
    /// `binary_search` on a sorted slice parameter with `Ok`/`Err` arms awaiting and
    /// inserting into a `&mut Vec`.
    p23b_binary_search_insert {
        lower! {
            pub async fn insert_sorted(v: &mut Vec<u32>, xs: &[u32]) -> Vec<bool> {
                let mut out = Vec::new();
                for &x in xs {
                    match v.binary_search(&x) {
                        Ok(i) => {
                            step("dup").await;
                            log(format!("dup at {i}"));
                            out.push(false);
                        }
                        Err(i) => {
                            let y = leaf("ins", x).await;
                            v.insert(i, y);
                            out.push(true);
                        }
                    }
                }
                out
            }
        }
        lower! {
            pub async fn f() -> (Vec<bool>, Vec<u32>) {
                let mut v = vec![2, 4, 6];
                let _t = Tracker::new("t");
                let r = insert_sorted(&mut v, &[5, 4, 1, 9]).await;
                (r, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// HashMap-free word counter with `BTreeMap::entry().or_insert` and keys borrowed from
    /// the input, awaits per word.
    p23b_entry_word_count_borrowed_keys {
        lower! {
            pub async fn count<'a>(text: &'a str) -> BTreeMap<&'a str, usize> {
                let mut m = BTreeMap::new();
                for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                    step("w").await;
                    *m.entry(w).or_insert(0) += 1;
                }
                m
            }
        }
        lower! {
            pub async fn f(text: String) -> Vec<(String, usize)> {
                let _g = Tracker::new("g");
                let m = count(&text).await;
                step("counted").await;
                let mut v: Vec<(String, usize)> = m.into_iter().map(|(k, c)| (k.to_string(), c)).collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                v
            }
        }
    }
    run { f(String::from("a b, a c; b a.")) }
}

twin! {
    /// A struct with two lifetimes `Pair<'a, 'b>` built from two locals of different scopes
    /// and read across awaits.
    p23b_struct_two_lifetimes {
        pub struct Ctx<'a, 'b> {
            pub name: &'a str,
            pub counts: &'b mut Vec<u32>,
        }
        impl<'a, 'b> Ctx<'a, 'b> {
            lower! {
                pub async fn bump(&mut self, by: u32) -> &'a str {
                    step("bump").await;
                    for c in self.counts.iter_mut() {
                        *c += by;
                    }
                    self.name
                }
            }
        }
        lower! {
            pub async fn f() -> (String, Vec<u32>) {
                let name = String::from("ctx");
                let mut counts = vec![1, 2];
                let n;
                {
                    let _t = Tracker::new("inner");
                    let mut c = Ctx { name: &name, counts: &mut counts };
                    c.bump(1).await;
                    n = c.bump(10).await;
                    step("inner end").await;
                }
                step("outer").await;
                (n.to_string(), counts)
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn with an explicit `'a: 'b` bound and `&'b mut &'a str` parameter
    /// advancing a cursor over a string across awaits.
    p23b_cursor_mut_ref_to_str {
        lower! {
            pub async fn take_token<'a: 'b, 'b>(cur: &'b mut &'a str) -> Option<&'a str> {
                let s = cur.trim_start();
                if s.is_empty() {
                    *cur = s;
                    return None;
                }
                step("tok").await;
                let end = s.find(' ').unwrap_or(s.len());
                let (tok, rest) = s.split_at(end);
                *cur = rest;
                Some(tok)
            }
        }
        lower! {
            pub async fn f(src: &'static str) -> Vec<&'static str> {
                let mut cur = src;
                let mut out = Vec::new();
                let _g = Tracker::new("g");
                while let Some(t) = take_token(&mut cur).await {
                    out.push(t);
                    step("pushed").await;
                }
                out
            }
        }
    }
    run { f("  one two   three ") }
}

twin! {
    /// A generic `Cache<K, V>` with `K: Ord + Clone, V: Clone` and a lowered
    /// `get_or_load` taking an `F: Fn(&K) -> V` loader, awaiting on misses.
    p23b_generic_cache_get_or_load {
        pub struct Cache<K, V> {
            pub map: BTreeMap<K, V>,
            pub misses: u32,
        }
        impl<K: Ord + Clone + Debug, V: Clone> Cache<K, V> {
            lower! {
                pub async fn get_or_load<F: Fn(&K) -> V>(&mut self, k: K, load: F) -> V {
                    if let Some(v) = self.map.get(&k) {
                        step("hit").await;
                        return v.clone();
                    }
                    self.misses += 1;
                    log(format!("miss {k:?}"));
                    let v = leaf("load", load(&k)).await;
                    self.map.insert(k, v.clone());
                    v
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<String>, u32) {
                let mut c: Cache<u32, String> = Cache { map: BTreeMap::new(), misses: 0 };
                let _g = Tracker::new("g");
                let prefix = String::from("v");
                let mut out = Vec::new();
                for k in [1, 2, 1, 3, 2] {
                    out.push(c.get_or_load(k, |k| format!("{prefix}{k}")).await);
                }
                (out, c.misses)
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic wrapper `Guarded<T: Debug>` with a user `Drop` that logs its content, held
    /// across awaits and unwrapped with `Option::take` in `into_inner`.
    p23b_generic_drop_guard_into_inner {
        pub struct Guarded<T: Debug> {
            pub inner: Option<T>,
            pub tag: &'static str,
        }
        impl<T: Debug> Drop for Guarded<T> {
            fn drop(&mut self) {
                log(format!("drop guarded {} holding {:?}", self.tag, self.inner));
            }
        }
        impl<T: Debug> Guarded<T> {
            pub fn into_inner(mut self) -> T {
                self.inner.take().unwrap()
            }
        }
        lower! {
            pub async fn f(keep: bool) -> String {
                let a = Guarded { inner: Some(vec![1, 2]), tag: "a" };
                let b = Guarded { inner: Some(Tracker::new("tb")), tag: "b" };
                step("both").await;
                let v = if keep {
                    let v = a.into_inner();
                    step("unwrapped").await;
                    v
                } else {
                    step("kept").await;
                    vec![]
                };
                step("end").await;
                format!("{v:?} {}", b.tag)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `Drop` impl that reads a `Vec` field and a borrowed `&'a str` field, the struct
    /// with a lifetime built from a local and dropped at scope end after awaits.
    p23b_drop_impl_with_lifetime_field {
        pub struct Span<'a> {
            pub name: &'a str,
            pub events: Vec<u32>,
        }
        impl<'a> Drop for Span<'a> {
            fn drop(&mut self) {
                log(format!("end span {} {:?}", self.name, self.events));
            }
        }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let label = format!("req{n}");
                let mut outer = Span { name: &label, events: vec![] };
                let mut total = 0;
                for i in 0..n {
                    let mut s = Span { name: "inner", events: vec![i] };
                    let v = leaf("work", i * 3).await;
                    s.events.push(v);
                    outer.events.push(v);
                    total += v;
                }
                step("end").await;
                total
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A `Drop` type moved into a `Vec`, out with `swap_remove`, into an `Option`, and back,
    /// all across awaits.
    p23b_drop_type_shuffled_containers {
        pub struct Res(pub u32);
        impl Drop for Res {
            fn drop(&mut self) {
                log(format!("free res {}", self.0));
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v: Vec<Res> = (1..=4).map(Res).collect();
                step("made").await;
                let mut held: Option<Res> = Some(v.swap_remove(0));
                step("held").await;
                if let Some(r) = held.as_mut() {
                    r.0 += leaf("inc", 10).await;
                }
                let r = held.take().unwrap();
                v.push(r);
                step("pushed").await;
                held = v.pop();
                v.truncate(1);
                step("truncated").await;
                let mut out: Vec<u32> = v.iter().map(|r| r.0).collect();
                out.extend(held.iter().map(|r| r.0));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A trait with an associated const and an associated type used by a generic lowered
    /// fn that builds a `Vec<T::Out>` across awaits.
    p23b_assoc_const_and_type {
        pub trait Codec {
            const WIDTH: usize;
            type Out: Debug;
            fn decode(chunk: &[u8]) -> Self::Out;
        }
        pub struct Be16;
        impl Codec for Be16 {
            const WIDTH: usize = 2;
            type Out = u16;
            fn decode(c: &[u8]) -> u16 { u16::from_be_bytes([c[0], c[1]]) }
        }
        pub struct Ascii;
        impl Codec for Ascii {
            const WIDTH: usize = 1;
            type Out = char;
            fn decode(c: &[u8]) -> char { c[0] as char }
        }
        lower! {
            pub async fn decode_all<C: Codec>(bytes: &[u8]) -> Vec<C::Out> {
                let mut out = Vec::new();
                for c in bytes.chunks(C::WIDTH) {
                    if c.len() < C::WIDTH {
                        step("short").await;
                        break;
                    }
                    step("chunk").await;
                    out.push(C::decode(c));
                }
                out
            }
        }
        lower! {
            pub async fn f() -> (Vec<u16>, Vec<char>) {
                let _g = Tracker::new("g");
                let data = vec![0u8, 65, 1, 66, 7];
                let a = decode_all::<Be16>(&data).await;
                let b = decode_all::<Ascii>(&data[1..4]).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic fn over `T: Default + AddAssign + Copy + Debug` summing awaited values,
    /// called with several numeric types.
    p23b_generic_numeric_addassign {
        lower! {
            pub async fn total<T>(xs: Vec<T>) -> T
            where
                T: Default + std::ops::AddAssign + Copy + Debug,
            {
                let mut acc = T::default();
                let _t = Tracker::new("t");
                for x in xs {
                    acc += leaf("x", x).await;
                }
                acc
            }
        }
        lower! {
            pub async fn f() -> (i64, f32, u8) {
                (total(vec![-5i64, 7]).await, total(vec![0.5f32, 0.25]).await, total(vec![100u8, 100]).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// The same generic sum overflowing (`u8`), the panic from a generic `AddAssign` after
    /// an await, with a tracker alive.
    p23b_generic_numeric_overflow_panic {
        lower! {
            pub async fn total<T>(xs: Vec<T>) -> T
            where
                T: Default + std::ops::AddAssign + Copy,
            {
                let mut acc = T::default();
                let _t = Tracker::new("t");
                for x in xs {
                    acc += leaf("x", x).await;
                }
                acc
            }
        }
    }
    run { total(vec![200u8, 50, 10]) }
}

twin! {
    /// Division by zero and `i32::MIN / -1` in an awaited arithmetic helper: panics after
    /// awaits, trackers dropped in order.
    p23b_division_panics {
        lower! {
            pub async fn div(a: i32, b: i32) -> i32 {
                let _t = Tracker::new("div");
                let x = leaf("a", a).await;
                let y = leaf("b", b).await;
                x / y
            }
        }
        lower! {
            pub async fn f(b: i32, a: i32) -> i32 {
                let _g = Tracker::new("g");
                let ok = div(10, 3).await;
                ok + div(a, b).await
            }
        }
    }
    run { pair(pair(f(2, 9), f(0, 1)), f(-1, i32::MIN)) }
}

twin! {
    /// A `char_indices` walker returning borrowed sub-slices between delimiters, with a
    /// quote state machine, awaiting at each field.
    p23b_char_indices_csv_fields {
        lower! {
            pub async fn fields<'a>(line: &'a str) -> Vec<&'a str> {
                let mut out = Vec::new();
                let mut start = 0;
                let mut quoted = false;
                for (i, c) in line.char_indices() {
                    match (c, quoted) {
                        ('"', q) => quoted = !q,
                        (',', false) => {
                            step("field").await;
                            out.push(line[start..i].trim_matches('"'));
                            start = i + 1;
                        }
                        _ => {}
                    }
                }
                step("last").await;
                out.push(line[start..].trim_matches('"'));
                out
            }
        }
    }
    run { pair(fields(leak(String::from("a,\"b,c\",d"))), fields("")) }
}

twin! {
    /// A byte-level hex decoder over `bytes()` with `u8::from_str_radix` and `?` on
    /// errors, awaiting per byte pair, using `chunks` of the byte slice.
    p23b_hex_decode_chunks {
        lower! {
            pub async fn decode(s: &str) -> Result<Vec<u8>, String> {
                if s.len() % 2 != 0 {
                    return Err(format!("odd length {}", s.len()));
                }
                let mut out = Vec::with_capacity(s.len() / 2);
                for pair in s.as_bytes().chunks(2) {
                    let text = std::str::from_utf8(pair).map_err(|e| e.to_string())?;
                    let b = u8::from_str_radix(text, 16).map_err(|_| format!("bad hex {text:?}"))?;
                    out.push(leaf("byte", b).await);
                }
                Ok(out)
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<Vec<u8>, String>> {
                let _g = Tracker::new("g");
                let mut v = Vec::new();
                for s in ["00ff7F", "abc", "zz10"] {
                    v.push(decode(s).await);
                }
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Iterator` impl on a user struct holding a `&'a [T]` and a position, kept across
    /// awaits in a `for` loop, with a tracker inside the struct.
    p23b_user_iterator_struct_over_slice {
        pub struct Pairs<'a, T> {
            pub items: &'a [T],
            pub pos: usize,
            pub _t: Tracker,
        }
        impl<'a, T> Iterator for Pairs<'a, T> {
            type Item = (&'a T, &'a T);
            fn next(&mut self) -> Option<Self::Item> {
                let r = (self.items.get(self.pos)?, self.items.get(self.pos + 1)?);
                self.pos += 2;
                Some(r)
            }
        }
        lower! {
            pub async fn f(v: Vec<u32>) -> Vec<u32> {
                let mut out = Vec::new();
                let it = Pairs { items: &v, pos: 0, _t: Tracker::new("pairs") };
                for (a, b) in it {
                    let p = leaf("mul", a * b).await;
                    out.push(p);
                }
                step("end").await;
                out
            }
        }
    }
    run { f(vec![1, 2, 3, 4, 5]) }
}

twin! {
    /// An iterator adapter chain (`filter`, `map` with a captured local, `take_while`)
    /// stored in a local and advanced manually across awaits.
    p23b_iterator_chain_local_advanced {
        lower! {
            pub async fn f(limit: u32) -> Vec<u32> {
                let data = vec![3u32, 8, 1, 9, 12, 4, 20];
                let offset = leaf("offset", 100).await;
                let _g = Tracker::new("g");
                let mut it = data
                    .iter()
                    .filter(|x| **x % 2 == 0 || **x > 5)
                    .map(|x| x + offset)
                    .take_while(|x| *x < offset + limit);
                let mut out = Vec::new();
                while let Some(x) = it.next() {
                    step("x").await;
                    out.push(x);
                }
                out
            }
        }
    }
    run { pair(f(15), f(100)) }
}

twin! {
    /// `zip` of two borrowed slices of different element types with `rev` and `skip`,
    /// awaiting per pair and collecting a `String`.
    p23b_zip_rev_skip_two_slices {
        lower! {
            pub async fn f(names: &[&str], scores: &[u32]) -> String {
                let _g = Tracker::new("g");
                let mut s = String::new();
                for (n, sc) in names.iter().rev().zip(scores.iter().skip(1)) {
                    let sc = leaf("sc", *sc).await;
                    s += &format!("{n}={sc};");
                }
                s
            }
        }
    }
    run { f(&["a", "b", "c"], &[1, 2, 3, 4]) }
}

twin! {
    /// `retain_mut` on a `&mut Vec<Job>` after awaits computing which to keep, jobs with a
    /// `Drop` impl.
    p23b_retain_mut_jobs_drop {
        pub struct Job {
            pub id: u32,
            pub left: u32,
        }
        impl Drop for Job {
            fn drop(&mut self) {
                log(format!("drop job {} left {}", self.id, self.left));
            }
        }
        lower! {
            pub async fn tick(jobs: &mut Vec<Job>) -> usize {
                let dec = leaf("dec", 1).await;
                jobs.retain_mut(|j| {
                    j.left = j.left.saturating_sub(dec);
                    j.left > 0
                });
                step("ticked").await;
                jobs.len()
            }
        }
        lower! {
            pub async fn f() -> Vec<usize> {
                let mut jobs = vec![Job { id: 1, left: 1 }, Job { id: 2, left: 3 }, Job { id: 3, left: 2 }];
                let mut out = Vec::new();
                while !jobs.is_empty() {
                    out.push(tick(&mut jobs).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option<&mut T>` from `as_mut`/`as_deref_mut` and `get_or_insert_with` on an
    /// `Option<Box<Node>>` field, written across awaits.
    p23b_option_as_deref_mut_box_field {
        #[derive(Debug)]
        pub struct Node {
            pub val: u32,
            pub next: Option<Box<Node>>,
        }
        lower! {
            pub async fn f() -> Node {
                let mut head = Node { val: 1, next: None };
                let _g = Tracker::new("g");
                let n2 = head.next.get_or_insert_with(|| Box::new(Node { val: 2, next: None }));
                n2.val += leaf("inc", 10).await;
                step("between").await;
                if let Some(n) = head.next.as_deref_mut() {
                    n.next = Some(Box::new(Node { val: leaf("v3", 3).await, next: None }));
                }
                let mut cur = Some(&mut head);
                while let Some(n) = cur {
                    n.val *= 2;
                    step("walk").await;
                    cur = n.next.as_deref_mut();
                }
                head
            }
        }
    }
    run { f() }
}

twin! {
    /// A singly linked list of `Option<Box<Node>>` built by pushing at the front across
    /// awaits, then reversed in place with `take`, nodes with a `Drop` impl.
    p23b_linked_list_reverse_take {
        pub struct Node {
            pub v: u32,
            pub next: Option<Box<Node>>,
        }
        impl Drop for Node {
            fn drop(&mut self) {
                log(format!("drop node {}", self.v));
            }
        }
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                let mut head: Option<Box<Node>> = None;
                for i in 0..n {
                    let v = leaf("v", i).await;
                    head = Some(Box::new(Node { v, next: head.take() }));
                }
                step("built").await;
                let mut prev: Option<Box<Node>> = None;
                while let Some(mut node) = head.take() {
                    head = node.next.take();
                    node.next = prev.take();
                    step("rev").await;
                    prev = Some(node);
                }
                let mut out = Vec::new();
                let mut cur = prev.as_deref();
                while let Some(n) = cur {
                    out.push(n.v);
                    cur = n.next.as_deref();
                }
                step("end").await;
                out
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `PhantomData` typed IDs: a generic `Id<T>` with a lowered fn generic over `T` that
    /// looks up a `BTreeMap<Id<T>, T>` across awaits.
    p23b_phantom_typed_ids {
        use std::marker::PhantomData;
        pub struct Id<T>(pub u32, pub PhantomData<T>);
        impl<T> Clone for Id<T> { fn clone(&self) -> Self { Id(self.0, PhantomData) } }
        impl<T> Copy for Id<T> {}
        impl<T> PartialEq for Id<T> { fn eq(&self, o: &Self) -> bool { self.0 == o.0 } }
        impl<T> Eq for Id<T> {}
        impl<T> PartialOrd for Id<T> { fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> { Some(self.cmp(o)) } }
        impl<T> Ord for Id<T> { fn cmp(&self, o: &Self) -> std::cmp::Ordering { self.0.cmp(&o.0) } }
        #[derive(Debug, Clone)]
        pub struct User { pub name: String }
        lower! {
            pub async fn fetch<T: Clone>(store: &BTreeMap<Id<T>, T>, ids: &[Id<T>]) -> Vec<Option<T>> {
                let mut out = Vec::new();
                for id in ids {
                    step("get").await;
                    out.push(store.get(id).cloned());
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<Option<User>> {
                let mut store = BTreeMap::new();
                store.insert(Id::<User>(1, PhantomData), User { name: "ann".into() });
                store.insert(Id(2, PhantomData), User { name: "bob".into() });
                let _g = Tracker::new("g");
                fetch(&store, &[Id(2, PhantomData), Id(5, PhantomData)]).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A trait with a generic method and a `dyn`-compatible part: `&mut dyn Sink` passed
    /// to a lowered fn writing across awaits.
    p23b_dyn_sink_mut_param {
        pub trait Sink {
            fn put(&mut self, s: &str);
            fn count(&self) -> usize;
        }
        pub struct VecSink(pub Vec<String>, pub Tracker);
        impl Sink for VecSink {
            fn put(&mut self, s: &str) { self.0.push(s.to_string()); }
            fn count(&self) -> usize { self.0.len() }
        }
        pub struct LogSink;
        impl Sink for LogSink {
            fn put(&mut self, s: &str) { log(format!("sink {s}")); }
            fn count(&self) -> usize { 0 }
        }
        lower! {
            pub async fn emit(out: &mut dyn Sink, items: &[u32]) -> usize {
                for i in items {
                    let v = leaf("item", *i).await;
                    out.put(&format!("<{v}>"));
                }
                out.count()
            }
        }
        lower! {
            pub async fn f() -> (usize, usize, Vec<String>) {
                let mut a = VecSink(vec![], Tracker::new("sink"));
                let mut b = LogSink;
                let x = emit(&mut a, &[1, 2]).await;
                let y = emit(&mut b, &[3]).await;
                (x, y, a.0.clone())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Box<dyn Fn(&str) -> Option<u32>>` validator list built with closures capturing
    /// locals, applied with `find_map` between awaits.
    p23b_boxed_validators_find_map {
        lower! {
            pub async fn f(inputs: Vec<&'static str>) -> Vec<Option<u32>> {
                let max = leaf("max", 50u32).await;
                let bonus = 7;
                let rules: Vec<Box<dyn Fn(&str) -> Option<u32>>> = vec![
                    Box::new(move |s: &str| s.parse::<u32>().ok().filter(|v| *v <= max)),
                    Box::new(move |s: &str| s.strip_prefix('+').map(|r| r.len() as u32 + bonus)),
                ];
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for i in inputs {
                    step("in").await;
                    out.push(rules.iter().find_map(|r| r(i)));
                }
                out
            }
        }
    }
    run { f(vec!["10", "99", "+abc", "x"]) }
}

twin! {
    /// A generic `Pair<T>` with `impl<T: PartialOrd + Display> Pair<T>` and a lowered
    /// method returning `&T` (the larger) compared across an await.
    p23b_generic_pair_largest_ref {
        pub struct Pair<T> {
            pub a: T,
            pub b: T,
        }
        impl<T: PartialOrd + Display> Pair<T> {
            lower! {
                pub async fn largest(&self) -> &T {
                    step("cmp").await;
                    if self.a >= self.b { &self.a } else { &self.b }
                }
            }
        }
        lower! {
            pub async fn f() -> (String, String) {
                let p = Pair { a: 3.5, b: 2.0 };
                let q = Pair { a: String::from("apple"), b: String::from("pear") };
                let _g = Tracker::new("g");
                let x = p.largest().await;
                let y = q.largest().await;
                step("end").await;
                (x.to_string(), y.clone())
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic `Matrix<const R: usize, const C: usize>` with a lowered `transpose`
    /// returning `Matrix<C, R>`, awaiting per element.
    p23b_const_generic_matrix_transpose {
        #[derive(Debug)]
        pub struct Matrix<const R: usize, const C: usize>(pub [[i32; C]; R]);
        impl<const R: usize, const C: usize> Matrix<R, C> {
            lower! {
                pub async fn transpose(&self) -> Matrix<C, R> {
                    let mut out = [[0; R]; C];
                    for r in 0..R {
                        for c in 0..C {
                            out[c][r] = leaf("el", self.0[r][c]).await;
                        }
                    }
                    Matrix(out)
                }
            }
        }
        lower! {
            pub async fn f() -> Matrix<3, 2> {
                let m = Matrix([[1, 2, 3], [4, 5, 6]]);
                let _g = Tracker::new("g");
                m.transpose().await
            }
        }
    }
    run { f() }
}

twin! {
    /// A const-generic fixed-capacity stack `ArrayStack<T, N>` of `Option<T>` slots holding
    /// trackers, pushed and popped across awaits, overflow returned as `Err(item)`.
    p23b_const_generic_array_stack {
        pub struct ArrayStack<T, const N: usize> {
            pub slots: [Option<T>; N],
            pub len: usize,
        }
        impl<T, const N: usize> ArrayStack<T, N> {
            pub fn push(&mut self, t: T) -> Result<(), T> {
                if self.len == N { return Err(t); }
                self.slots[self.len] = Some(t);
                self.len += 1;
                Ok(())
            }
            pub fn pop(&mut self) -> Option<T> {
                if self.len == 0 { return None; }
                self.len -= 1;
                self.slots[self.len].take()
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut s: ArrayStack<Tracker, 2> = ArrayStack { slots: [None, None], len: 0 };
                let mut out = Vec::new();
                for n in ["a", "b", "c"] {
                    let t = leaf("t", Tracker::new(n)).await;
                    if let Err(t) = s.push(t) {
                        step("full").await;
                        out.push(format!("rejected {}", t.name()));
                    }
                }
                if let Some(t) = s.pop() {
                    step("popped").await;
                    out.push(t.name().to_string());
                }
                step("end").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `impl Trait` return from a lowered fn (`-> impl Display`), the value built from a
    /// borrowed argument after awaits.
    p23b_impl_display_return {
        pub struct Report { pub lines: Vec<String> }
        impl Display for Report {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "[{}]", self.lines.join("|"))
            }
        }
        lower! {
            pub async fn report(xs: &[u32]) -> impl Display {
                let mut lines = Vec::new();
                let _t = Tracker::new("t");
                for x in xs {
                    lines.push(leaf("line", format!("n{x}")).await);
                }
                Report { lines }
            }
        }
        lower! {
            pub async fn f() -> String {
                let v = vec![4, 2];
                let r = report(&v).await;
                step("end").await;
                r.to_string()
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic `fn apply<T, U, F: Fn(&T) -> U>(items: &[T], f: F)` with the closure
    /// borrowing a local map, results zipped back with the inputs.
    p23b_generic_map_with_borrowing_closure {
        lower! {
            pub async fn apply<T, U, F>(items: &[T], f: F) -> Vec<U>
            where
                F: Fn(&T) -> U,
            {
                let mut out = Vec::new();
                for it in items {
                    step("apply").await;
                    out.push(f(it));
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<(&'static str, u32)> {
                let prices: BTreeMap<&str, u32> = [("tea", 3), ("cake", 5)].into_iter().collect();
                let items = vec!["tea", "cake", "pie"];
                let _g = Tracker::new("g");
                let costs = apply(&items, |n| prices.get(n).copied().unwrap_or(0)).await;
                items.into_iter().zip(costs).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Parser<'a>` struct over `&'a str` with a lowered `next_token(&mut self) ->
    /// Option<&'a str>` method, tokens outliving the parser.
    p23b_parser_struct_next_token {
        pub struct Parser<'a> {
            pub src: &'a str,
            pub pos: usize,
            pub _t: Tracker,
        }
        impl<'a> Parser<'a> {
            lower! {
                pub async fn next_token(&mut self) -> Option<&'a str> {
                    let rest = &self.src[self.pos..];
                    let start = rest.find(|c: char| !c.is_whitespace())?;
                    step("tok").await;
                    let rest = &rest[start..];
                    let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    self.pos += start + len;
                    Some(&rest[..len])
                }
            }
        }
        lower! {
            pub async fn f(src: &'static str) -> Vec<&'static str> {
                let toks;
                {
                    let mut p = Parser { src, pos: 0, _t: Tracker::new("parser") };
                    let mut v = Vec::new();
                    while let Some(t) = p.next_token().await {
                        v.push(t);
                    }
                    toks = v;
                }
                step("after parser").await;
                toks
            }
        }
    }
    run { f(" ab  c d ") }
}

twin! {
    /// A parameter `s: String` shadowed by `let s = s.trim();` (a borrow of the shadowed
    /// string) and used across awaits.
    p23b_shadow_param_by_borrow {
        lower! {
            pub async fn f(s: String, t: Tracker) -> (usize, String) {
                let s = s.trim();
                step("trimmed").await;
                let t = t.name();
                let s = s.strip_suffix('!').unwrap_or(s);
                let n = leaf("len", s.len()).await;
                step("end").await;
                (n, format!("{s}/{t}"))
            }
        }
    }
    run { pair(f(String::from("  hi there! "), Tracker("t1")), f(String::from("x"), Tracker("t2"))) }
}

twin! {
    /// A vec shadowed by a `&mut` to itself (`let v = &mut v;`) and written through across
    /// awaits, then the original read after the borrow ends.
    p23b_shadow_vec_by_mut_ref {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1, 2];
                {
                    let v = &mut v;
                    v.push(leaf("a", 3).await);
                    step("mid").await;
                    for x in v.iter_mut() {
                        *x *= leaf("mul", 2).await;
                    }
                }
                let _g = Tracker::new("g");
                step("end").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in &mut v` over trackers in an `Option` each, taking some out across awaits.
    p23b_for_mut_ref_take_options {
        lower! {
            pub async fn f() -> (Vec<&'static str>, usize) {
                let mut v: Vec<Option<Tracker>> = ["a", "b", "c", "d"].iter().map(|n| Some(Tracker::new(n))).collect();
                let mut taken = Vec::new();
                for (i, slot) in (&mut v).into_iter().enumerate() {
                    step("slot").await;
                    if i % 2 == 1 {
                        let t = slot.take().unwrap();
                        taken.push(t.name());
                        step("took").await;
                    }
                }
                let left = v.iter().flatten().count();
                step("end").await;
                (taken, left)
            }
        }
    }
    run { f() }
}

twin! {
    /// `match s.as_str()` on a `String` local with awaits in the arms and a string literal
    /// or-pattern.
    p23b_match_string_as_str_arms {
        lower! {
            pub async fn f(cmds: Vec<String>) -> Vec<u32> {
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                let mut acc = 0u32;
                for c in cmds {
                    let c = leaf("cmd", c).await;
                    match c.as_str() {
                        "inc" | "+" => acc += leaf("inc", 1).await,
                        "dbl" => {
                            step("dbl").await;
                            acc *= 2;
                        }
                        other if other.starts_with("set ") => {
                            acc = other[4..].parse().unwrap_or(0);
                        }
                        _ => step("unknown").await,
                    }
                    out.push(acc);
                }
                out
            }
        }
    }
    run { f(vec!["inc".into(), "+".into(), "dbl".into(), "set 40".into(), "?".into(), "inc".into()]) }
}

twin! {
    /// `match &mut state` with `ref mut` style bindings (default binding mode) updating an
    /// enum in place across awaits.
    p23b_match_mut_state_in_place {
        #[derive(Debug)]
        pub enum Conn {
            Idle,
            Open { sent: u32, buf: Vec<u8> },
            Closed(Tracker),
        }
        lower! {
            pub async fn f(ops: Vec<u8>) -> String {
                let mut st = Conn::Idle;
                for op in ops {
                    let op = leaf("op", op).await;
                    match &mut st {
                        Conn::Idle => {
                            step("open").await;
                            st = Conn::Open { sent: 0, buf: vec![] };
                        }
                        Conn::Open { sent, buf } if op != 0 => {
                            buf.push(op);
                            *sent += leaf("send", 1).await;
                        }
                        Conn::Open { .. } => {
                            st = Conn::Closed(Tracker::new("closed"));
                            step("closing").await;
                        }
                        Conn::Closed(t) => {
                            log(format!("ignored on {}", t.name()));
                        }
                    }
                }
                format!("{st:?}")
            }
        }
    }
    run { f(vec![9, 1, 2, 0, 5]) }
}

twin! {
    /// An `Option<Box<dyn Handler>>` field taken, called across awaits, and put back.
    p23b_option_box_dyn_take_call_restore {
        pub trait Handler {
            fn handle(&mut self, x: u32) -> u32;
        }
        pub struct Acc(pub u32, pub Tracker);
        impl Handler for Acc {
            fn handle(&mut self, x: u32) -> u32 { self.0 += x; self.0 }
        }
        pub struct Server {
            pub handler: Option<Box<dyn Handler>>,
        }
        impl Server {
            lower! {
                pub async fn serve(&mut self, reqs: Vec<u32>) -> Vec<u32> {
                    let mut h = self.handler.take().expect("handler");
                    let mut out = Vec::new();
                    for r in reqs {
                        let r = leaf("req", r).await;
                        out.push(h.handle(r));
                    }
                    step("restore").await;
                    self.handler = Some(h);
                    out
                }
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, bool) {
                let mut s = Server { handler: Some(Box::new(Acc(0, Tracker::new("acc")))) };
                let out = s.serve(vec![1, 2, 3]).await;
                (out, s.handler.is_some())
            }
        }
    }
    run { f() }
}

twin! {
    /// Edition 2024 tail-expression temporaries: a block whose tail calls a method on a
    /// temporary tracker-holding value, after an await, next to a local tracker.
    p23b_tail_expr_temporary_order {
        pub struct Guard(pub Tracker);
        impl Guard {
            pub fn len(&self) -> usize { self.0.name().len() }
        }
        pub fn guard(n: &'static str) -> Guard { Guard(Tracker::new(n)) }
        lower! {
            pub async fn f() -> usize {
                let _local = Tracker::new("local");
                let a = {
                    let _inner = Tracker::new("inner");
                    step("in block").await;
                    guard("tail-temp").len()
                };
                step("after").await;
                a + guard("final-temp").len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A higher-ranked closure bound `F: for<'x> Fn(&'x str) -> &'x str` applied to lines
    /// of a borrowed text across awaits.
    p23b_hrtb_str_transform {
        lower! {
            pub async fn map_lines<'t, F>(text: &'t str, f: F) -> Vec<&'t str>
            where
                F: for<'x> Fn(&'x str) -> &'x str,
            {
                let mut out = Vec::new();
                for line in text.lines() {
                    step("line").await;
                    out.push(f(line));
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let text = String::from("  a  \n# b\nc  ");
                let _g = Tracker::new("g");
                let v = map_lines(&text, |l| l.trim().trim_start_matches('#')).await;
                step("end").await;
                v.into_iter().map(String::from).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic trait `Parse` implemented for several types, a lowered generic
    /// `parse_list<T: Parse>` using `T::parse` and `?` with the trait's associated error.
    p23b_generic_trait_parse_assoc_error {
        pub trait Parse: Sized {
            type Err: Debug;
            fn parse(s: &str) -> Result<Self, Self::Err>;
        }
        impl Parse for u8 {
            type Err = std::num::ParseIntError;
            fn parse(s: &str) -> Result<u8, Self::Err> { s.parse() }
        }
        impl Parse for bool {
            type Err = String;
            fn parse(s: &str) -> Result<bool, String> {
                match s { "y" => Ok(true), "n" => Ok(false), o => Err(format!("not a bool: {o}")) }
            }
        }
        lower! {
            pub async fn parse_list<T: Parse + Debug>(s: &str) -> Result<Vec<T>, T::Err> {
                let mut out = Vec::new();
                let _t = Tracker::new("t");
                for part in s.split(',') {
                    step("part").await;
                    out.push(T::parse(part)?);
                }
                Ok(out)
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                vec![
                    format!("{:?}", parse_list::<u8>("1,2,3").await),
                    format!("{:?}", parse_list::<u8>("1,300").await),
                    format!("{:?}", parse_list::<bool>("y,n,y").await),
                    format!("{:?}", parse_list::<bool>("y,q").await),
                ]
            }
        }
    }
    run { f() }
}

twin! {
    /// Bit manipulation across awaits: `count_ones`, `leading_zeros`, shifts with
    /// `checked_shl`, `rotate_left`, `pow` and `checked_pow`.
    p23b_bit_ops_across_awaits {
        lower! {
            pub async fn f(x: u32) -> (u32, u32, Option<u32>, u32, Option<u32>, u32) {
                let _g = Tracker::new("g");
                let a = leaf("a", x).await;
                let ones = a.count_ones();
                let lz = leaf("lz", a.leading_zeros()).await;
                let sh = a.checked_shl(lz + 1);
                let rot = a.rotate_left(leaf("rot", 8).await);
                let p = 3u32.checked_pow(leaf("p", a % 25).await);
                let low = a & !(a.wrapping_sub(1));
                (ones, lz, sh, rot, p, low)
            }
        }
    }
    run { pair(f(0b1011_0000), f(u32::MAX)) }
}

twin! {
    /// Integer casts (`as`) between signed and unsigned, truncation and sign extension, of
    /// awaited values, plus `try_from` with `?`-like `match`.
    p23b_casts_try_from {
        lower! {
            pub async fn f(v: i64) -> (u8, i8, u16, Result<u8, String>, f32) {
                let x = leaf("x", v).await;
                let a = x as u8;
                let b = x as i8;
                let c = (x as i16) as u16;
                let d = match u8::try_from(x) {
                    Ok(v) => Ok(leaf("ok", v).await),
                    Err(e) => { step("err").await; Err(e.to_string()) }
                };
                let e = x as f32 / 2.0;
                (a, b, c, d, e)
            }
        }
    }
    run { pair(pair(f(300), f(-1)), f(7)) }
}

twin! {
    /// A fixed-point accumulator with `i32` that panics on `abs()` of `i32::MIN` after
    /// awaits, with a `Drop` logger alive.
    p23b_abs_overflow_panic {
        pub struct Logger(pub &'static str);
        impl Drop for Logger {
            fn drop(&mut self) { log(format!("logger {} done", self.0)); }
        }
        lower! {
            pub async fn f(xs: Vec<i32>) -> i32 {
                let _l = Logger("main");
                let mut acc = 0i32;
                for x in xs {
                    let _it = Logger("iter");
                    let v = leaf("v", x).await;
                    acc = acc.wrapping_add(v.abs());
                }
                acc
            }
        }
    }
    run { pair(f(vec![-3, 4]), f(vec![1, i32::MIN, 2])) }
}

twin! {
    /// `let (head, tail) = v.split_at(k)` and `split_first`/`split_last` on a borrowed vec,
    /// the pieces read across awaits.
    p23b_split_first_last_pieces {
        lower! {
            pub async fn f(v: Vec<Tracker>, k: usize) -> String {
                let (head, tail) = v.split_at(k);
                step("split").await;
                let mut s = String::new();
                if let Some((first, rest)) = tail.split_first() {
                    step("first").await;
                    s += first.name();
                    s += &rest.len().to_string();
                }
                if let Some((last, _)) = head.split_last() {
                    step("last").await;
                    s += last.name();
                }
                s
            }
        }
    }
    run { pair(f(vec![Tracker("a"), Tracker("b"), Tracker("c")], 1), f(vec![Tracker("d")], 0)) }
}

twin! {
    /// Arrays of arrays flattened, `iter().flatten()` and `concat()` of borrowed rows
    /// across awaits.
    p23b_nested_arrays_flatten {
        lower! {
            pub async fn f(grid: [[u8; 3]; 2]) -> (u32, Vec<u8>, [u8; 3]) {
                let _g = Tracker::new("g");
                let mut s = 0u32;
                for x in grid.iter().flatten() {
                    s += leaf("x", *x as u32).await;
                }
                let flat = grid.concat();
                step("flat").await;
                let [r0, r1] = grid;
                let mut col = [0u8; 3];
                for i in 0..3 {
                    col[i] = leaf("col", r0[i].max(r1[i])).await;
                }
                (s, flat, col)
            }
        }
    }
    run { f([[1, 9, 3], [4, 5, 6]]) }
}

twin! {
    /// A bank ledger with `&mut [Account]` and two indices: `split_at_mut` to borrow two
    /// accounts at once for a transfer with `checked_sub` and `?`, awaiting per step.
    p23b_ledger_transfer_two_mut {
        #[derive(Debug)]
        pub struct Account { pub id: u32, pub bal: u64 }
        lower! {
            pub async fn transfer(accts: &mut [Account], from: usize, to: usize, amt: u64) -> Result<(), String> {
                if from == to { return Err("same account".into()); }
                let (a, b) = if from < to {
                    let (l, r) = accts.split_at_mut(to);
                    (&mut l[from], &mut r[0])
                } else {
                    let (l, r) = accts.split_at_mut(from);
                    (&mut r[0], &mut l[to])
                };
                step("locked").await;
                a.bal = a.bal.checked_sub(amt).ok_or_else(|| format!("{} short", a.id))?;
                step("debited").await;
                b.bal += leaf("credit", amt).await;
                Ok(())
            }
        }
        lower! {
            pub async fn f() -> (Vec<Result<(), String>>, Vec<u64>) {
                let mut accts = vec![Account { id: 1, bal: 100 }, Account { id: 2, bal: 5 }, Account { id: 3, bal: 0 }];
                let _g = Tracker::new("g");
                let mut rs = Vec::new();
                for (f, t, a) in [(0, 2, 30), (1, 0, 10), (2, 1, 30), (1, 1, 1)] {
                    rs.push(transfer(&mut accts, f, t, a).await);
                }
                (rs, accts.iter().map(|a| a.bal).collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// An inventory with `BTreeMap<String, Item>` looked up by `&str` (`Borrow`), updated
    /// through `get_mut` in an `if let` with an await in the arm, and `entry` with
    /// `and_modify`/`or_insert_with`.
    p23b_inventory_borrow_lookup_entry {
        #[derive(Debug)]
        pub struct Item { pub qty: u32, pub _t: Tracker }
        lower! {
            pub async fn f(orders: Vec<(&'static str, u32)>) -> Vec<String> {
                let mut inv: BTreeMap<String, Item> = BTreeMap::new();
                inv.insert("apple".to_string(), Item { qty: 3, _t: Tracker::new("apple") });
                let mut log_lines = Vec::new();
                for (name, n) in orders {
                    if let Some(item) = inv.get_mut(name) {
                        let take = leaf("take", n.min(item.qty)).await;
                        item.qty -= take;
                        log_lines.push(format!("{name}: took {take}, {} left", item.qty));
                    } else {
                        step("restock").await;
                        inv.entry(name.to_string())
                            .and_modify(|i| i.qty += n)
                            .or_insert_with(|| Item { qty: n, _t: Tracker::new(name) });
                        log_lines.push(format!("{name}: stocked {n}"));
                    }
                }
                inv.retain(|_, i| i.qty > 0);
                step("end").await;
                log_lines.push(format!("{:?}", inv.keys().collect::<Vec<_>>()));
                log_lines
            }
        }
    }
    run { f(vec![("apple", 2), ("pear", 4), ("apple", 5), ("pear", 1)]) }
}

twin! {
    /// A `Matrix` search returning `Option<(usize, usize, &'a T)>` from a generic lowered fn
    /// with `T: PartialEq`, the matrix a `&'a [Vec<T>]`.
    p23b_generic_find_in_grid_ref {
        lower! {
            pub async fn find<'a, T: PartialEq>(grid: &'a [Vec<T>], pred: impl Fn(&T) -> bool) -> Option<(usize, usize, &'a T)> {
                for (r, row) in grid.iter().enumerate() {
                    step("row").await;
                    if let Some(c) = row.iter().position(&pred) {
                        return Some((r, c, &row[c]));
                    }
                }
                None
            }
        }
        lower! {
            pub async fn f() -> (Option<(usize, usize, String)>, bool) {
                let grid = vec![vec![String::from("a")], vec![String::from("bb"), String::from("ccc")]];
                let _g = Tracker::new("g");
                let min = 3;
                let hit = find(&grid, |s| s.len() >= min).await.map(|(r, c, s)| (r, c, s.clone()));
                let miss = find(&grid, |s: &String| s.is_empty()).await.is_none();
                (hit, miss)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `impl Iterator<Item = &'a str>` argument with an explicit lifetime, consumed by a
    /// `while let` across awaits, results borrowed from the source.
    p23b_impl_iterator_of_borrowed_strs {
        lower! {
            pub async fn longest<'a>(words: impl Iterator<Item = &'a str>) -> Option<&'a str> {
                let mut best: Option<&'a str> = None;
                let mut words = words;
                while let Some(w) = words.next() {
                    step("w").await;
                    if best.map_or(true, |b| w.len() > b.len()) {
                        best = Some(w);
                    }
                }
                best
            }
        }
        lower! {
            pub async fn f(text: String) -> Option<String> {
                let _g = Tracker::new("g");
                let r = longest(text.split(' ').filter(|w| !w.starts_with('x'))).await;
                step("end").await;
                r.map(|s| s.to_uppercase())
            }
        }
    }
    run { pair(f(String::from("ab xylophone cde f")), f(String::new())) }
}

twin! {
    /// A generic event bus `Bus<E: Clone + Debug>` with subscribers as boxed `FnMut(&E)`
    /// closures capturing `Rc<RefCell<Vec<String>>>`, published across awaits.
    p23b_generic_bus_fnmut_subscribers {
        use std::cell::RefCell;
        use std::rc::Rc;
        pub struct Bus<E> {
            pub subs: Vec<Box<dyn FnMut(&E)>>,
        }
        impl<E: Clone + Debug> Bus<E> {
            lower! {
                pub async fn publish_all(&mut self, evs: Vec<E>) -> usize {
                    let mut n = 0;
                    for e in evs {
                        let e = leaf("ev", e).await;
                        for s in self.subs.iter_mut() {
                            s(&e);
                            n += 1;
                        }
                    }
                    n
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, Vec<String>) {
                let seen = Rc::new(RefCell::new(Vec::new()));
                let s1 = seen.clone();
                let mut count = 0;
                let mut bus: Bus<u32> = Bus { subs: vec![] };
                bus.subs.push(Box::new(move |e| s1.borrow_mut().push(format!("a{e:?}"))));
                let s2 = seen.clone();
                bus.subs.push(Box::new(move |e| { count += e; s2.borrow_mut().push(format!("b{count}")); }));
                let _g = Tracker::new("g");
                let n = bus.publish_all(vec![1, 2, 3]).await;
                drop(bus);
                step("end").await;
                let v = seen.borrow().clone();
                (n, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// A state-machine lexer `enum Mode` with a `match (mode, c)` over `chars()` and
    /// awaits on token boundaries, strings pushed into a `Vec<Cow<'a, str>>` (borrowed when
    /// no escapes).
    p23b_lexer_mode_cow_tokens {
        #[derive(Clone, Copy, PartialEq, Debug)]
        pub enum Mode { Plain, Quoted, Escape }
        lower! {
            pub async fn lex<'a>(src: &'a str) -> Vec<Cow<'a, str>> {
                let mut out: Vec<Cow<'a, str>> = Vec::new();
                let mut mode = Mode::Plain;
                let mut start = 0;
                let mut owned: Option<String> = None;
                for (i, c) in src.char_indices() {
                    match (mode, c) {
                        (Mode::Plain, '"') => { mode = Mode::Quoted; start = i + 1; }
                        (Mode::Plain, _) => {}
                        (Mode::Quoted, '\\') => {
                            owned.get_or_insert_with(String::new).push_str(&src[start..i]);
                            mode = Mode::Escape;
                        }
                        (Mode::Quoted, '"') => {
                            step("tok").await;
                            let tok = match owned.take() {
                                Some(mut s) => { s.push_str(&src[start..i]); Cow::Owned(s) }
                                None => Cow::Borrowed(&src[start..i]),
                            };
                            out.push(tok);
                            mode = Mode::Plain;
                        }
                        (Mode::Quoted, _) => {}
                        (Mode::Escape, c) => {
                            owned.get_or_insert_with(String::new).push(c);
                            start = i + c.len_utf8();
                            mode = Mode::Quoted;
                        }
                    }
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<(String, bool)> {
                let src = String::from(r#"x "ab" y "c\"d" "" "e\\""#);
                let _g = Tracker::new("g");
                let toks = lex(&src).await;
                toks.iter().map(|t| (t.to_string(), matches!(t, Cow::Borrowed(_)))).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A bounded retry helper generic over `F: FnMut() -> Fut, Fut: Future<Output =
    /// Result<T, E>>`, `E: Display`, the closure borrowing a local counter.
    p23b_generic_retry_fnmut_future {
        lower! {
            pub async fn retry<T, E, F, Fut>(mut op: F, tries: u32) -> Result<T, String>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<T, E>>,
                E: Display,
            {
                let _t = Tracker::new("retry");
                let mut last = String::new();
                for i in 0..tries {
                    match op(i).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            last = e.to_string();
                            step("backoff").await;
                        }
                    }
                }
                Err(format!("gave up: {last}"))
            }
        }
        lower! {
            pub async fn f(ok_at: u32) -> (Result<u32, String>, u32) {
                let mut calls = 0;
                let r = retry(|i| {
                    calls += 1;
                    leaf("try", if i >= ok_at { Ok(i * 10) } else { Err(format!("fail {i}")) })
                }, 3).await;
                (r, calls)
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// Struct update syntax `..base` and `Default` on a config with borrowed `&'a str`
    /// fields, built across awaits.
    p23b_struct_update_borrowed_config {
        #[derive(Debug, Clone, Default)]
        pub struct Config<'a> {
            pub host: &'a str,
            pub port: u16,
            pub tags: Vec<&'a str>,
        }
        lower! {
            pub async fn build<'a>(base: &Config<'a>, env: &'a str) -> Config<'a> {
                let mut parts = env.split(':');
                let host = parts.next().filter(|h| !h.is_empty());
                step("host").await;
                let port = match parts.next() {
                    Some(p) => leaf("port", p.parse().unwrap_or(base.port)).await,
                    None => base.port,
                };
                Config { host: host.unwrap_or(base.host), port, ..base.clone() }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let tags = String::from("a,b");
                let base = Config { host: "localhost", port: 80, tags: tags.split(',').collect() };
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for env in ["example:8080", ":x", "other"] {
                    out.push(format!("{:?}", build(&base, env).await));
                }
                out.push(format!("{:?}", Config { port: 1, ..Default::default() }));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Rc<str>` and `Box<[u32]>` locals (unsized pointees) held across awaits and cloned.
    p23b_rc_str_box_slice {
        use std::rc::Rc;
        lower! {
            pub async fn f(names: Vec<&'static str>) -> (Vec<Rc<str>>, Box<[u32]>, usize) {
                let shared: Rc<str> = Rc::from(names.join("+"));
                let _g = Tracker::new("g");
                let mut copies = Vec::new();
                for _ in 0..2 {
                    step("clone").await;
                    copies.push(Rc::clone(&shared));
                }
                let lens: Box<[u32]> = names.iter().map(|n| n.len() as u32).collect();
                let total = leaf("total", lens.iter().sum::<u32>()).await;
                log(format!("total {total}"));
                let rc = Rc::strong_count(&shared);
                (copies, lens, rc)
            }
        }
    }
    run { f(vec!["ab", "cde"]) }
}

twin! {
    /// `sort_unstable_by_key` then `dedup_by_key` on a `&mut Vec<(String, u32)>` param with
    /// a key closure borrowing, awaits between passes.
    p23b_sort_dedup_by_key_mut_param {
        lower! {
            pub async fn normalize(v: &mut Vec<(String, u32)>) -> usize {
                step("start").await;
                v.sort_unstable_by_key(|(name, _)| name.to_lowercase());
                step("sorted").await;
                v.dedup_by_key(|(name, _)| name.to_lowercase());
                let n = leaf("n", v.len()).await;
                n
            }
        }
        lower! {
            pub async fn f() -> Vec<(String, u32)> {
                let mut v = vec![("b".to_string(), 1), ("A".to_string(), 2), ("a".to_string(), 3), ("B".to_string(), 4)];
                let _g = Tracker::new("g");
                let n = normalize(&mut v).await;
                log(format!("n={n}"));
                v.into_iter().map(|(s, x)| (s.to_lowercase(), x % 1)).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A two-level generic: `Wrapper<Inner<T>>` with methods in `impl<T: Display>
    /// Wrapper<Inner<T>>` lowered, taking `self` by value and returning a field.
    p23b_nested_generic_impl_self_value {
        pub struct Inner<T> { pub v: T, pub _t: Tracker }
        pub struct Wrapper<X> { pub x: X, pub _w: Tracker }
        impl<T: Display> Wrapper<Inner<T>> {
            lower! {
                pub async fn unwrap_show(self) -> String {
                    step("unwrap").await;
                    let Wrapper { x, _w } = self;
                    drop(_w);
                    step("dropped w").await;
                    format!("<{}>", x.v)
                }
            }
        }
        lower! {
            pub async fn f() -> (String, String) {
                let a = Wrapper { x: Inner { v: 5, _t: Tracker::new("i1") }, _w: Tracker::new("w1") };
                let b = Wrapper { x: Inner { v: "s", _t: Tracker::new("i2") }, _w: Tracker::new("w2") };
                let x = a.unwrap_show().await;
                let y = b.unwrap_show().await;
                (x, y)
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimized `p23b_array_pattern_by_value_in_arm`: a tuple temporary scrutinee
    /// `(flag, arr)` partly moved by the arm's pattern, the unbound element alive in the
    /// temporary until the match ends, with an await in the arm.
    p23b_min_tuple_temp_scrutinee_partial_move {
        lower! {
            pub async fn f() -> &'static str {
                let arr = [Tracker::new("x"), Tracker::new("y")];
                match (1, arr) {
                    (_, [x, _]) => {
                        step("arm").await;
                        x.name()
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: a call returning a tuple of trackers as the scrutinee, the arm binding the
    /// first by value and ignoring the second with `_`.
    p23b_min_call_scrutinee_tuple_underscore {
        pub fn make() -> (Tracker, Tracker) {
            (Tracker::new("a"), Tracker::new("b"))
        }
        lower! {
            pub async fn f() -> &'static str {
                match make() {
                    (a, _) => {
                        step("arm").await;
                        a.name()
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: `if let Some(Pair { a, .. }) = load()` binding one field by value, the
    /// other tracker field left in the temporary, an await in the body.
    p23b_min_if_let_struct_rest_in_temp {
        pub struct Pair {
            pub a: Tracker,
            pub b: Tracker,
        }
        pub fn load(ok: bool) -> Option<Pair> {
            ok.then(|| Pair { a: Tracker::new("a"), b: Tracker::new("b") })
        }
        lower! {
            pub async fn f(ok: bool) -> &'static str {
                let _g = Tracker::new("g");
                if let Some(Pair { a, .. }) = load(ok) {
                    step("body").await;
                    log(format!("got {}", a.name()));
                    step("body2").await;
                    "some"
                } else {
                    step("else").await;
                    "none"
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Variant: a `match` on a local struct moved into a temporary by a block `{ s }`, one
    /// field bound by value, the rest (`..`) dropped at the end of the match.
    p23b_min_match_block_moved_local_rest {
        pub struct Msg {
            pub body: Tracker,
            pub meta: Tracker,
        }
        lower! {
            pub async fn f() -> &'static str {
                let m = Msg { body: Tracker::new("body"), meta: Tracker::new("meta") };
                step("made").await;
                let r = match { m } {
                    Msg { body, .. } => {
                        step("arm").await;
                        body.name()
                    }
                };
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A `while let Some((job, _ticket)) = queue.pop()`-like loop where the popped tuple is
    /// bound fully (control: nothing left in the temporary).
    p23b_while_let_pop_tuple_bound_fully {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut q = vec![(Tracker::new("j1"), Tracker::new("t1")), (Tracker::new("j2"), Tracker::new("t2"))];
                let mut out = Vec::new();
                while let Some((job, _ticket)) = q.pop() {
                    step("run").await;
                    out.push(job.name());
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// The same loop ignoring the ticket with `_`: the ticket stays in the popped `Option`
    /// temporary until the end of the loop body (native), across the awaits in it.
    p23b_while_let_pop_tuple_underscore {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut q = vec![(Tracker::new("j1"), Tracker::new("t1")), (Tracker::new("j2"), Tracker::new("t2"))];
                let mut out = Vec::new();
                while let Some((job, _)) = q.pop() {
                    step("run").await;
                    out.push(job.name());
                    step("done").await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `for (name, _) in pairs` over a vec of `(Tracker, Tracker)`: the pattern moves the
    /// first element, the second is dropped when the iteration's pattern ends (native:
    /// at the end of each iteration), awaits in the body.
    p23b_for_tuple_underscore_drop_timing {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let v = vec![(Tracker::new("a1"), Tracker::new("a2")), (Tracker::new("b1"), Tracker::new("b2"))];
                let mut out = Vec::new();
                for (x, _) in v {
                    step("body").await;
                    out.push(x.name());
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `let` with a tuple pattern and `_` on a call result: native drops the ignored
    /// part at the end of the `let` statement (a temporary), before the next await.
    p23b_let_tuple_underscore_call {
        pub fn make() -> (Tracker, Tracker) {
            (Tracker::new("keep"), Tracker::new("ignored"))
        }
        lower! {
            pub async fn f() -> &'static str {
                step("start").await;
                let (k, _) = make();
                step("mid").await;
                k.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `chunks_mut(2)` iterator over a `&mut [u8]` parameter held across awaits, each chunk
    /// reversed and summed.
    p23b_chunks_mut_across_awaits {
        lower! {
            pub async fn process(buf: &mut [u8]) -> Vec<u32> {
                let mut sums = Vec::new();
                for chunk in buf.chunks_mut(2) {
                    chunk.reverse();
                    let s = leaf("sum", chunk.iter().map(|&b| b as u32).sum::<u32>()).await;
                    chunk[0] = chunk[0].wrapping_add(1);
                    sums.push(s);
                }
                sums
            }
        }
        lower! {
            pub async fn f() -> (Vec<u32>, [u8; 5]) {
                let mut buf = [1, 2, 3, 255, 9];
                let _g = Tracker::new("g");
                let s = process(&mut buf).await;
                (s, buf)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec<&mut u32>` collected from `iter_mut().filter()` and written through across
    /// awaits, the source array read afterwards.
    p23b_vec_of_mut_refs_written {
        lower! {
            pub async fn f() -> [u32; 6] {
                let mut a = [1u32, 2, 3, 4, 5, 6];
                {
                    let mut evens: Vec<&mut u32> = a.iter_mut().filter(|x| **x % 2 == 0).collect();
                    let _t = Tracker::new("t");
                    for r in evens.iter_mut() {
                        **r = leaf("set", **r * 10).await;
                    }
                    let last = evens.pop().unwrap();
                    step("last").await;
                    *last += 1;
                }
                step("end").await;
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Option<&mut Vec<u32>>` parameter (an optional output sink) written when present,
    /// awaits before and after.
    p23b_option_mut_vec_param {
        lower! {
            pub async fn collect_evens(xs: &[u32], mut sink: Option<&mut Vec<u32>>) -> usize {
                let mut n = 0;
                for &x in xs {
                    let x = leaf("x", x).await;
                    if x % 2 == 0 {
                        n += 1;
                        if let Some(s) = sink.as_deref_mut() {
                            s.push(x);
                        }
                    }
                }
                if let Some(s) = sink {
                    step("sort").await;
                    s.sort_unstable_by(|a, b| b.cmp(a));
                }
                n
            }
        }
        lower! {
            pub async fn f() -> (usize, usize, Vec<u32>) {
                let mut v = vec![100];
                let _g = Tracker::new("g");
                let a = collect_evens(&[1, 2, 4, 7], None).await;
                let b = collect_evens(&[6, 3, 8], Some(&mut v)).await;
                (a, b, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `BinaryHeap<Reverse<(u32, String)>>` as a priority queue of tasks popped across
    /// awaits, new tasks pushed by the handler.
    p23b_binary_heap_reverse_tasks {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        lower! {
            pub async fn f() -> Vec<String> {
                let mut heap = BinaryHeap::new();
                heap.push(Reverse((3, String::from("c"))));
                heap.push(Reverse((1, String::from("a"))));
                heap.push(Reverse((2, String::from("b"))));
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                while let Some(Reverse((pri, name))) = heap.pop() {
                    let name = leaf("task", name).await;
                    if pri == 1 {
                        heap.push(Reverse((5, format!("{name}-retry"))));
                    }
                    out.push(format!("{pri}:{name}"));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `String` built with `write!`/`writeln!` (`fmt::Write`) across awaits, `?` on
    /// `fmt::Error` mapped into a custom error.
    p23b_fmt_write_string_across_awaits {
        use std::fmt::Write as _;
        lower! {
            pub async fn render(rows: &[(&str, f64)]) -> Result<String, fmt::Error> {
                let mut s = String::new();
                writeln!(s, "{:<6}|{:>8}", "name", "value")?;
                for (name, v) in rows {
                    let v = leaf("v", *v).await;
                    write!(s, "{name:<6}|{v:>8.2}")?;
                    s.push('\n');
                }
                step("done").await;
                Ok(s)
            }
        }
        lower! {
            pub async fn f() -> String {
                let _g = Tracker::new("g");
                render(&[("pi", 3.14159), ("e", 2.71828)]).await.unwrap()
            }
        }
    }
    run { f() }
}

twin! {
    /// A Caesar cipher over `chars()` with `u8` arithmetic (`(c as u8 - b'a' + k) % 26`),
    /// awaiting per word, keeping case and punctuation.
    p23b_caesar_cipher_chars {
        lower! {
            pub async fn shift(text: &str, k: u8) -> String {
                let mut out = String::with_capacity(text.len());
                for word in text.split_inclusive(' ') {
                    step("word").await;
                    for c in word.chars() {
                        let r = match c {
                            'a'..='z' => ((c as u8 - b'a' + k) % 26 + b'a') as char,
                            'A'..='Z' => ((c as u8 - b'A' + k) % 26 + b'A') as char,
                            _ => c,
                        };
                        out.push(r);
                    }
                }
                out
            }
        }
        lower! {
            pub async fn f() -> (String, String) {
                let _g = Tracker::new("g");
                let enc = shift("Hello, World xyz", 3).await;
                let dec = shift(&enc, 23).await;
                (enc, dec)
            }
        }
    }
    run { f() }
}

twin! {
    /// Run-length decoding `"3a2b1c"` with a `Peekable<CharIndices>`, digits accumulated
    /// with `checked_mul`/`checked_add` (error on overflow), an await per run.
    p23b_rle_decode_checked {
        lower! {
            pub async fn decode(s: &str) -> Result<String, String> {
                let mut out = String::new();
                let mut it = s.char_indices().peekable();
                while it.peek().is_some() {
                    let mut n: u32 = 0;
                    while let Some(&(i, c)) = it.peek() {
                        let Some(d) = c.to_digit(10) else { break };
                        n = n.checked_mul(10).and_then(|n| n.checked_add(d)).ok_or(format!("count overflow at {i}"))?;
                        it.next();
                    }
                    let (i, c) = it.next().ok_or("dangling count")?;
                    if n == 0 {
                        return Err(format!("no count before {c:?} at {i}"));
                    }
                    let run = leaf("run", c.to_string().repeat(n as usize)).await;
                    out.push_str(&run);
                }
                Ok(out)
            }
        }
        lower! {
            pub async fn f() -> Vec<Result<String, String>> {
                let _g = Tracker::new("g");
                let mut v = Vec::new();
                for s in ["3a2b1c", "12x", "a", "2", "99999999999z"] {
                    v.push(decode(s).await);
                }
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A prime sieve in a const-generic `[bool; N]` with awaits in the marking loop, the
    /// primes collected with `iter().enumerate().filter_map`.
    p23b_const_generic_sieve {
        lower! {
            pub async fn sieve<const N: usize>() -> Vec<usize> {
                let mut composite = [false; N];
                let _t = Tracker::new("sieve");
                let mut i = 2;
                while i * i < N {
                    if !composite[i] {
                        step("mark").await;
                        let mut j = i * i;
                        while j < N {
                            composite[j] = true;
                            j += i;
                        }
                    }
                    i += 1;
                }
                composite.iter().enumerate().skip(2).filter_map(|(i, c)| (!c).then_some(i)).collect()
            }
        }
    }
    run { pair(sieve::<30>(), sieve::<2>()) }
}

twin! {
    /// A factorial with `checked_mul` returning `None` on overflow, and a Fibonacci with
    /// plain `+` that panics on overflow (debug), both awaiting per step.
    p23b_factorial_checked_fib_panics {
        lower! {
            pub async fn fact(n: u64) -> Option<u64> {
                let mut acc: u64 = 1;
                for k in 2..=n {
                    acc = acc.checked_mul(leaf("k", k).await)?;
                }
                Some(acc)
            }
        }
        lower! {
            pub async fn fib(n: u32) -> u8 {
                let (mut a, mut b) = (0u8, 1u8);
                let _t = Tracker::new("fib");
                for _ in 0..n {
                    step("f").await;
                    let c = a + b;
                    a = b;
                    b = c;
                }
                a
            }
        }
        lower! {
            pub async fn f() -> (Option<u64>, Option<u64>, u8, u8) {
                let a = fact(10).await;
                let b = fact(25).await;
                let c = fib(10).await;
                let d = fib(14).await;
                (a, b, c, d)
            }
        }
    }
    run { f() }
}

twin! {
    /// A Euclid gcd/lcm helper with `%` (panics on a zero divisor reached at run time) and
    /// an `assert!` precondition, awaiting per step.
    p23b_gcd_lcm_assert {
        lower! {
            pub async fn gcd(mut a: u64, mut b: u64) -> u64 {
                while b != 0 {
                    step("gcd").await;
                    let t = a % b;
                    a = b;
                    b = t;
                }
                a
            }
        }
        lower! {
            pub async fn lcm(a: u64, b: u64) -> u64 {
                let _t = Tracker::new("lcm");
                assert!(a > 0 && b > 0, "lcm of zero: {a} {b}");
                let g = gcd(a, b).await;
                a / g * b
            }
        }
        lower! {
            pub async fn f(x: u64) -> (u64, u64) {
                let a = lcm(4, 6).await;
                let b = lcm(21, x).await;
                (a, b)
            }
        }
    }
    run { pair(f(14), f(0)) }
}

twin! {
    /// A temperature parser returning `Result<f64, ParseError<'a>>` where the error borrows
    /// the input, `?` across awaits, error displayed by the caller.
    p23b_borrowed_error_type {
        #[derive(Debug)]
        pub enum ParseError<'a> {
            NoUnit(&'a str),
            BadNumber(&'a str),
        }
        impl<'a> Display for ParseError<'a> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    ParseError::NoUnit(s) => write!(f, "no unit in {s:?}"),
                    ParseError::BadNumber(s) => write!(f, "bad number {s:?}"),
                }
            }
        }
        lower! {
            pub async fn to_celsius<'a>(s: &'a str) -> Result<f64, ParseError<'a>> {
                let s = s.trim();
                let (num, unit) = match s.char_indices().last() {
                    Some((i, u @ ('C' | 'F'))) => (&s[..i], u),
                    _ => return Err(ParseError::NoUnit(s)),
                };
                step("unit").await;
                let v: f64 = num.parse().map_err(|_| ParseError::BadNumber(num))?;
                let v = leaf("v", v).await;
                Ok(if unit == 'F' { (v - 32.0) * 5.0 / 9.0 } else { v })
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let inputs = vec![String::from("212F"), String::from(" 20C"), String::from("abcF"), String::from("7")];
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for i in &inputs {
                    out.push(match to_celsius(i).await {
                        Ok(c) => format!("{c:.1}"),
                        Err(e) => e.to_string(),
                    });
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec::drain(1..3)` iterator over trackers consumed one by one across awaits: the
    /// drain's drop (also on cancellation) drops the rest and shifts the tail.
    p23b_vec_drain_range_across_awaits {
        lower! {
            pub async fn f() -> (Vec<&'static str>, Vec<&'static str>) {
                let mut v: Vec<Tracker> = ["a", "b", "c", "d", "e"].iter().map(|n| Tracker::new(n)).collect();
                let mut got = Vec::new();
                {
                    let mut d = v.drain(1..4);
                    let first = d.next().unwrap();
                    step("first").await;
                    got.push(first.name());
                    let second = d.next_back().unwrap();
                    step("second").await;
                    got.push(second.name());
                }
                step("after drain").await;
                (got, v.iter().map(|t| t.name()).collect())
            }
        }
    }
    run { f() }
}

twin! {
    /// `String::drain(..n)` collected into a new `String`, `split_off` and
    /// `extend_from_slice` on vecs, all between awaits.
    p23b_string_drain_split_off {
        lower! {
            pub async fn f(mut s: String, mut v: Vec<u32>) -> (String, String, Vec<u32>, Vec<u32>) {
                let _g = Tracker::new("g");
                let head: String = s.drain(..leaf("n", 3).await).collect();
                step("drained").await;
                let tail = v.split_off(leaf("at", 2).await);
                v.extend_from_slice(&tail[1..]);
                step("end").await;
                (head, s, v, tail)
            }
        }
    }
    run { f(String::from("abcdef"), vec![1, 2, 3, 4, 5]) }
}

twin! {
    /// `std::array::from_fn` building an array of trackers, `array.map` consuming it into
    /// names after awaits, and `each_ref`.
    p23b_array_from_fn_and_map {
        lower! {
            pub async fn f() -> ([&'static str; 3], usize) {
                const NAMES: [&str; 3] = ["p", "q", "r"];
                let arr: [Tracker; 3] = std::array::from_fn(|i| Tracker::new(NAMES[i]));
                step("built").await;
                let lens = arr.each_ref().map(|t| t.name().len());
                step("lens").await;
                let names = arr.map(|t| t.name());
                step("mapped").await;
                (names, lens.iter().sum())
            }
        }
    }
    run { f() }
}

twin! {
    /// Compound assignment into an indexed place whose index is computed by a logged call,
    /// with an await in the right operand (primitive `+=` evaluates the right side first).
    p23b_compound_assign_index_order_primitive {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![0u32; 3];
                let _g = Tracker::new("g");
                v[val("idx", 1)] += leaf("rhs", 5).await;
                v[val("idx2", 2)] *= val("m", 3) + leaf("rhs2", 1).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Compound assignment with a user `AddAssign` type into an indexed place (an
    /// overloaded `+=` evaluates the place first), the right side awaited.
    p23b_compound_assign_index_order_user_type {
        #[derive(Debug, Clone, Copy)]
        pub struct Money(pub i64);
        impl std::ops::AddAssign for Money {
            fn add_assign(&mut self, o: Money) {
                log(format!("add {} to {}", o.0, self.0));
                self.0 += o.0;
            }
        }
        lower! {
            pub async fn f() -> Vec<Money> {
                let mut v = vec![Money(1), Money(2)];
                let _g = Tracker::new("g");
                v[val("idx", 1)] += leaf("rhs", Money(40)).await;
                let mut total = Money(0);
                for m in v.clone() {
                    total += leaf("m", m).await;
                }
                v.push(total);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A user `Grid` with `Index<(usize, usize)>`/`IndexMut` impls written from awaited
    /// values, read through `Deref` to its rows.
    p23b_index_impl_grid_and_deref {
        pub struct Grid { pub w: usize, pub cells: Vec<u8> }
        impl std::ops::Index<(usize, usize)> for Grid {
            type Output = u8;
            fn index(&self, (r, c): (usize, usize)) -> &u8 { &self.cells[r * self.w + c] }
        }
        impl std::ops::IndexMut<(usize, usize)> for Grid {
            fn index_mut(&mut self, (r, c): (usize, usize)) -> &mut u8 { &mut self.cells[r * self.w + c] }
        }
        impl std::ops::Deref for Grid {
            type Target = [u8];
            fn deref(&self) -> &[u8] { &self.cells }
        }
        lower! {
            pub async fn f() -> (Vec<u8>, u8, usize) {
                let mut g = Grid { w: 3, cells: vec![0; 6] };
                let _t = Tracker::new("t");
                for r in 0..2 {
                    for c in 0..3 {
                        g[(r, c)] = leaf("cell", (r * 3 + c) as u8).await;
                    }
                }
                g[(1, 1)] += leaf("bump", 100).await;
                let m = g[(1, 1)];
                step("read").await;
                let nonzero = g.iter().filter(|x| **x != 0).count();
                (g.cells.clone(), m, nonzero)
            }
        }
    }
    run { f() }
}

twin! {
    /// `impl<'a> IntoIterator for &'a Bag` and `for x in &bag` with awaits in the body,
    /// the bag holding trackers.
    p23b_into_iterator_for_ref_bag {
        pub struct Bag { pub items: Vec<Tracker> }
        impl<'a> IntoIterator for &'a Bag {
            type Item = &'a Tracker;
            type IntoIter = std::slice::Iter<'a, Tracker>;
            fn into_iter(self) -> Self::IntoIter { self.items.iter() }
        }
        lower! {
            pub async fn f() -> String {
                let bag = Bag { items: vec![Tracker::new("x"), Tracker::new("y")] };
                let mut s = String::new();
                for t in &bag {
                    step("item").await;
                    s.push_str(t.name());
                }
                let extra = Tracker::new("extra");
                step("end").await;
                s + extra.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Box<dyn Fn(&str) -> bool + 'a>` filter capturing a borrowed local slice, kept
    /// across awaits in a struct with that lifetime.
    p23b_box_dyn_fn_with_lifetime_bound {
        pub struct Filter<'a> {
            pub pred: Box<dyn Fn(&str) -> bool + 'a>,
        }
        lower! {
            pub async fn f(words: Vec<&'static str>) -> Vec<&'static str> {
                let banned = vec![String::from("bad"), String::from("worse")];
                let flt = Filter { pred: Box::new(|w| !banned.iter().any(|b| b == w)) };
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for w in words {
                    let w = leaf("w", w).await;
                    if (flt.pred)(w) {
                        out.push(w);
                    }
                }
                out
            }
        }
    }
    run { f(vec!["ok", "bad", "fine", "worse"]) }
}

twin! {
    /// `max_by_key` with a key closure passed as `impl Fn(&T) -> K`, returning
    /// `Option<&'a T>` from a generic lowered fn, with floats compared via `partial_cmp`.
    p23b_generic_max_by_key_ref {
        lower! {
            pub async fn best<'a, T, K: Ord>(xs: &'a [T], key: impl Fn(&T) -> K) -> Option<&'a T> {
                step("scan").await;
                let r = xs.iter().max_by_key(|x| key(x));
                step("found").await;
                r
            }
        }
        lower! {
            pub async fn f() -> (Option<String>, Option<f64>) {
                let names = vec![String::from("bo"), String::from("alice"), String::from("eve")];
                let _g = Tracker::new("g");
                let a = best(&names, |s| s.len()).await.cloned();
                let fs = vec![1.5, -2.0, 9.25];
                step("floats").await;
                let b = fs.iter().copied().max_by(|a, b| a.partial_cmp(b).unwrap());
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Some(ref mut x) = opt else { .. }` followed by `*x += ..await`, and an explicit
    /// `ref` binding in a `match` arm kept across an await.
    p23b_explicit_ref_mut_let_else {
        lower! {
            pub async fn f(start: Option<u32>) -> Option<u32> {
                let mut opt = start;
                let _g = Tracker::new("g");
                let Some(ref mut x) = opt else {
                    step("none").await;
                    return None;
                };
                *x += leaf("inc", 5).await;
                let name = Some(String::from("n"));
                match name {
                    Some(ref s) if !s.is_empty() => {
                        step("name").await;
                        log(format!("name {s}"));
                    }
                    _ => {}
                }
                log(format!("still have {name:?}"));
                opt
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// `while matches!(it.peek(), Some(c) if c.is_ascii_digit())` as a loop condition on a
    /// `Peekable<Chars>`, an await in the loop body, reading an integer then a unit.
    p23b_while_matches_peek_digit {
        lower! {
            pub async fn f(s: &'static str) -> (u64, String) {
                let mut it = s.chars().peekable();
                let _g = Tracker::new("g");
                let mut n = 0u64;
                while matches!(it.peek(), Some(c) if c.is_ascii_digit()) {
                    let d = it.next().unwrap().to_digit(10).unwrap() as u64;
                    n = leaf("n", n * 10 + d).await;
                }
                step("unit").await;
                (n, it.collect())
            }
        }
    }
    run { pair(f("120ms"), f("s")) }
}

twin! {
    /// `if let [Some(a), None, ..] = &slots[..]` slice pattern over `Option<Tracker>` slots
    /// with an await in the body, and a fallback arm.
    p23b_slice_pattern_option_slots {
        lower! {
            pub async fn f(fill: [bool; 3]) -> String {
                let slots: Vec<Option<Tracker>> = fill.iter().zip(["s0", "s1", "s2"]).map(|(f, n)| f.then(|| Tracker::new(n))).collect();
                step("made").await;
                if let [Some(a), None, ..] = &slots[..] {
                    step("match").await;
                    format!("first {} then gap", a.name())
                } else if let [.., Some(last)] = slots.as_slice() {
                    step("last").await;
                    format!("last {}", last.name())
                } else {
                    String::from("other")
                }
            }
        }
    }
    run { pair(pair(f([true, false, true]), f([false, true, true])), f([false, false, false])) }
}

twin! {
    /// `VecDeque` rotation with `make_contiguous().sort()` and `as_slices`, awaits between,
    /// elements trackers with a sort by name.
    p23b_vecdeque_make_contiguous_sort {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut q: VecDeque<Tracker> = VecDeque::new();
                for n in ["d", "b"] {
                    q.push_back(Tracker::new(n));
                }
                q.push_front(Tracker::new("c"));
                q.push_front(Tracker::new("a"));
                step("filled").await;
                q.rotate_left(1);
                q.make_contiguous().sort();
                step("sorted").await;
                let (a, b) = q.as_slices();
                log(format!("slices {} {}", a.len(), b.len()));
                let dropped = q.pop_back();
                step("popped").await;
                drop(dropped);
                q.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic struct field `T: Default` taken with `mem::take` in a lowered method of a
    /// generic impl, swapped for a fresh default across awaits.
    p23b_generic_mem_take_field {
        pub struct Acc<T> { pub cur: T, pub done: Vec<T> }
        impl<T: Default + Debug + Extend<u32>> Acc<T> {
            lower! {
                pub async fn roll(&mut self, xs: Vec<u32>) -> usize {
                    for chunk in xs.chunks(2) {
                        step("chunk").await;
                        self.cur.extend(chunk.iter().copied());
                        let full = std::mem::take(&mut self.cur);
                        self.done.push(full);
                    }
                    self.done.len()
                }
            }
        }
        lower! {
            pub async fn f() -> String {
                let mut a: Acc<Vec<u32>> = Acc { cur: vec![0], done: vec![] };
                let _g = Tracker::new("g");
                let n = a.roll(vec![1, 2, 3, 4, 5]).await;
                format!("{n} {:?} {:?}", a.done, a.cur)
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested `impl Trait` in argument position: `impl IntoIterator<Item = impl Display>`,
    /// the iterator held across awaits.
    p23b_nested_impl_trait_arg {
        lower! {
            pub async fn show_all(items: impl IntoIterator<Item = impl Display>) -> String {
                let mut s = String::new();
                let _t = Tracker::new("t");
                for it in items {
                    step("item").await;
                    s += &format!("[{it}]");
                }
                s
            }
        }
        lower! {
            pub async fn f() -> (String, String) {
                let a = show_all(vec![1.5, 2.0]).await;
                let b = show_all(["x", "y", "z"]).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic parameter and an `impl Trait` parameter mixed, `T` named in the `impl`
    /// bound: `fn pick<T: Debug + PartialEq>(target: T, it: impl Iterator<Item = T>)`.
    p23b_generic_and_impl_trait_mixed {
        lower! {
            pub async fn position<T: Debug + PartialEq>(target: T, it: impl Iterator<Item = T>) -> Option<usize> {
                for (i, x) in it.enumerate() {
                    step("cmp").await;
                    if x == target {
                        log(format!("found {x:?}"));
                        return Some(i);
                    }
                }
                None
            }
        }
        lower! {
            pub async fn f() -> (Option<usize>, Option<usize>) {
                let _g = Tracker::new("g");
                let a = position('c', "abcd".chars()).await;
                let b = position(7u32, (0..5).map(|x| x * 2)).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// Pattern parameters: a tuple `(a, b): (Tracker, u32)`, a struct pattern
    /// `Point { x, y }: Point` and an array `[lo, hi]: [u32; 2]`, used across awaits.
    p23b_pattern_parameters {
        pub struct Point { pub x: i32, pub y: i32 }
        lower! {
            pub async fn f((t, n): (Tracker, u32), Point { x, y }: Point, [lo, hi]: [u32; 2]) -> String {
                step("start").await;
                let clamped = n.clamp(lo, hi);
                let d = leaf("dist", x.abs() + y.abs()).await;
                format!("{} {clamped} {d}", t.name())
            }
        }
    }
    run { pair(f((Tracker("p"), 50), Point { x: -3, y: 4 }, [10, 20]), f((Tracker("q"), 5), Point { x: 0, y: 0 }, [10, 20])) }
}

twin! {
    /// A `T: ?Sized + Display` generic taken by reference, called with `str`, `dyn
    /// Display` and a sized type, across awaits.
    p23b_unsized_generic_by_ref {
        lower! {
            pub async fn shout<T: ?Sized + Display>(x: &T) -> String {
                let s = x.to_string();
                step("shout").await;
                s.to_uppercase() + "!"
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let _g = Tracker::new("g");
                let d: Box<dyn Display> = Box::new(42);
                let mut out = Vec::new();
                out.push(shout("hey").await);
                out.push(shout(&*d).await);
                out.push(shout(&'c').await);
                let owned = String::from("own");
                out.push(shout(owned.as_str()).await);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// An async fn returning `impl Iterator<Item = &'a u32> + 'a` (a lazy filter over a
    /// borrowed slice) consumed by the caller across awaits.
    p23b_returns_impl_iterator_borrowed {
        lower! {
            pub async fn evens<'a>(xs: &'a [u32]) -> impl Iterator<Item = &'a u32> + 'a {
                step("prepare").await;
                xs.iter().filter(|x| **x % 2 == 0)
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let v = vec![1, 2, 3, 4, 6];
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for x in evens(&v).await {
                    out.push(leaf("x", *x).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// An async fn returning a closure `impl Fn(u32) -> u32` capturing an awaited value
    /// and a tracker by move; the closure called after more awaits.
    p23b_returns_closure_impl_fn {
        lower! {
            pub async fn make_scaler(t: Tracker) -> impl Fn(u32) -> u32 {
                let k = leaf("k", 3).await;
                step("made").await;
                move |x| {
                    let _ = &t;
                    x * k
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let s = make_scaler(Tracker::new("scaler")).await;
                step("between").await;
                let out = vec![s(1), s(leaf("x", 5).await)];
                drop(s);
                step("end").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple local partially moved by `let (a, _) = pair;` after which awaits happen: the
    /// unmoved element drops with the tuple at the end of its scope.
    p23b_tuple_local_partial_let_underscore {
        lower! {
            pub async fn f() -> &'static str {
                let pair = (Tracker::new("first"), Tracker::new("second"));
                step("made").await;
                let (a, _) = pair;
                let _later = Tracker::new("later");
                step("moved").await;
                a.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct local partially moved field by field (`let name = req.name;`) while other
    /// tracker fields stay, awaits between the moves.
    p23b_struct_local_field_moves_across_awaits {
        pub struct Req { pub name: Tracker, pub body: Tracker, pub id: u32 }
        lower! {
            pub async fn f(keep_body: bool) -> String {
                let req = Req { name: Tracker::new("name"), body: Tracker::new("body"), id: 7 };
                step("got").await;
                let name = req.name;
                step("name moved").await;
                let out = if keep_body {
                    let b = req.body;
                    step("body moved").await;
                    format!("{} {} {}", name.name(), b.name(), req.id)
                } else {
                    format!("{} {}", name.name(), req.id)
                };
                step("end").await;
                out
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A labelled block `'check: { .. break 'check value }` with awaits inside, and a
    /// `match` arm of type `!` (`return`) in a `let` initializer.
    p23b_labelled_block_and_never_arm {
        lower! {
            pub async fn f(input: Option<u32>) -> String {
                let _g = Tracker::new("g");
                let v: u32 = match input {
                    Some(v) => v,
                    None => {
                        step("none").await;
                        return String::from("nothing");
                    }
                };
                let verdict = 'check: {
                    if v == 0 {
                        break 'check "zero";
                    }
                    let t = Tracker::new("check");
                    step("checking").await;
                    if leaf("odd", v % 2 == 1).await {
                        drop(t);
                        break 'check "odd";
                    }
                    "even"
                };
                step("end").await;
                format!("{v} {verdict}")
            }
        }
    }
    run { pair(pair(f(Some(3)), f(Some(4))), pair(f(Some(0)), f(None))) }
}

twin! {
    /// `for &(a, b) in pairs.iter()` and `for (i, &x) in xs.iter().enumerate()` reference
    /// patterns in loops with awaits.
    p23b_ref_patterns_in_for {
        lower! {
            pub async fn f(pairs: &[(u32, u32)], xs: &[i8]) -> (u32, i32) {
                let _g = Tracker::new("g");
                let mut s = 0;
                for &(a, b) in pairs.iter() {
                    s += leaf("ab", a * b).await;
                }
                let mut t = 0i32;
                for (i, &x) in xs.iter().enumerate() {
                    step("x").await;
                    t += i as i32 * x as i32;
                }
                (s, t)
            }
        }
    }
    run { f(&[(1, 2), (3, 4)], &[-1, 5, -7]) }
}

twin! {
    /// Edition-2021 disjoint closure captures: a closure capturing `cfg.name` by reference
    /// while `cfg.count` is mutated across awaits, the closure called after.
    p23b_closure_disjoint_field_capture {
        pub struct Cfg { pub name: String, pub count: u32, pub _t: Tracker }
        lower! {
            pub async fn f() -> (String, u32) {
                let mut cfg = Cfg { name: String::from("svc"), count: 0, _t: Tracker::new("cfg") };
                let label = |n: u32| format!("{}#{n}", cfg.name);
                for _ in 0..2 {
                    cfg.count += leaf("inc", 1).await;
                }
                step("label").await;
                let l = label(cfg.count);
                (l, cfg.count)
            }
        }
    }
    run { f() }
}

twin! {
    /// A trait with a generic method and an `impl` for `&T` and for `Vec<T>`, called on
    /// borrowed values inside a generic lowered fn.
    p23b_trait_blanket_impls_for_refs {
        pub trait Weight {
            fn weight(&self) -> u32;
        }
        impl Weight for u32 {
            fn weight(&self) -> u32 { *self }
        }
        impl Weight for str {
            fn weight(&self) -> u32 { self.len() as u32 }
        }
        impl<T: Weight + ?Sized> Weight for &T {
            fn weight(&self) -> u32 { (**self).weight() + 1 }
        }
        impl<T: Weight> Weight for Vec<T> {
            fn weight(&self) -> u32 { self.iter().map(|x| x.weight()).sum() }
        }
        lower! {
            pub async fn heavier<A: Weight, B: Weight>(a: A, b: B) -> (u32, u32) {
                let _t = Tracker::new("t");
                let wa = leaf("a", a.weight()).await;
                let wb = leaf("b", b.weight()).await;
                (wa, wb)
            }
        }
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let s = String::from("four");
                vec![
                    heavier(3u32, &5u32).await,
                    heavier(s.as_str(), vec![1u32, 2]).await,
                    heavier(vec!["ab"], &&7u32).await,
                ]
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimized `p23b_struct_two_lifetimes`: a deferred `let n;` assigned from an awaited
    /// method output inside an inner block, read after the block.
    p23b_min_deferred_init_in_inner_block {
        pub struct Ctx<'a> {
            pub name: &'a str,
        }
        impl<'a> Ctx<'a> {
            lower! {
                pub async fn get(&mut self) -> &'a str {
                    step("get").await;
                    self.name
                }
            }
        }
        lower! {
            pub async fn f() -> String {
                let name = String::from("ctx");
                let n;
                {
                    let mut c = Ctx { name: &name };
                    n = c.get().await;
                    step("inner end").await;
                }
                step("outer").await;
                n.to_string()
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: a deferred `let n;` assigned from a plain awaited leaf in an inner block
    /// holding a tracker, read after the block.
    p23b_min_deferred_init_leaf_inner_block {
        lower! {
            pub async fn f() -> usize {
                let n;
                {
                    let _t = Tracker::new("inner");
                    n = leaf("n", 5usize).await;
                    step("inner end").await;
                }
                step("outer").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct with a `&'b mut Vec<u32>` field built in an inner block over an outer vec,
    /// a lowered method through it, the vec read after the block.
    p23b_struct_mut_ref_field_inner_block {
        pub struct Sink<'b> {
            pub out: &'b mut Vec<u32>,
        }
        impl<'b> Sink<'b> {
            lower! {
                pub async fn put(&mut self, x: u32) -> usize {
                    self.out.push(leaf("put", x).await);
                    self.out.len()
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, Vec<u32>) {
                let mut v = vec![];
                let k = {
                    let mut s = Sink { out: &mut v };
                    s.put(1).await;
                    s.put(2).await
                };
                step("after").await;
                (k, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// BFS over a graph of `&'a str` node names borrowed from an adjacency `BTreeMap`,
    /// `VecDeque<&str>` and `BTreeSet<&str>` held across awaits.
    p23b_bfs_borrowed_nodes {
        use std::collections::BTreeSet;
        lower! {
            pub async fn bfs<'a>(adj: &'a BTreeMap<&'a str, Vec<&'a str>>, start: &'a str) -> Vec<&'a str> {
                let mut seen = BTreeSet::new();
                let mut q = VecDeque::new();
                let mut order = Vec::new();
                q.push_back(start);
                seen.insert(start);
                while let Some(n) = q.pop_front() {
                    step("visit").await;
                    order.push(n);
                    for &m in adj.get(n).map(|v| v.as_slice()).unwrap_or(&[]) {
                        if seen.insert(m) {
                            q.push_back(m);
                        }
                    }
                }
                order
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut adj = BTreeMap::new();
                adj.insert("a", vec!["b", "c"]);
                adj.insert("b", vec!["d"]);
                adj.insert("c", vec!["d", "a"]);
                let _g = Tracker::new("g");
                let order = bfs(&adj, "a").await;
                order.iter().map(|s| s.to_string()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A recursive lowered fn over a JSON-like `Value` tree returning `Option<&'a Value>`
    /// for a path, recursing through `Box::pin`.
    p23b_recursive_path_lookup_borrowed {
        #[derive(Debug)]
        pub enum Value {
            Num(i64),
            Obj(Vec<(String, Value)>),
        }
        lower! {
            pub async fn get<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
                let Some((head, rest)) = path.split_first() else {
                    return Some(v);
                };
                step("descend").await;
                match v {
                    Value::Obj(fields) => {
                        let (_, child) = fields.iter().find(|(k, _)| k == head)?;
                        Box::pin(get(child, rest)).await
                    }
                    Value::Num(_) => None,
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let doc = Value::Obj(vec![
                    ("a".into(), Value::Obj(vec![("b".into(), Value::Num(7))])),
                    ("c".into(), Value::Num(1)),
                ]);
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for p in [&["a", "b"][..], &["c"], &["a", "x"], &["c", "d"], &[]] {
                    let r = get(&doc, p).await;
                    out.push(format!("{:?}", r.map(|v| matches!(v, Value::Num(_)))));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic associated type: `trait Container { type Iter<'a>: Iterator<Item = &'a
    /// u32> where Self: 'a; }`, a generic lowered fn iterating `c.items()` across awaits.
    p23b_gat_container_iter {
        pub trait Container {
            type Iter<'a>: Iterator<Item = &'a u32> where Self: 'a;
            fn items(&self) -> Self::Iter<'_>;
        }
        pub struct Evens(pub Vec<u32>);
        impl Container for Evens {
            type Iter<'a> = std::iter::StepBy<std::slice::Iter<'a, u32>>;
            fn items(&self) -> Self::Iter<'_> { self.0.iter().step_by(2) }
        }
        lower! {
            pub async fn total<C: Container>(c: &C) -> u32 {
                let mut s = 0;
                let mut it = c.items();
                while let Some(x) = it.next() {
                    s += leaf("x", *x).await;
                }
                s
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let e = Evens(vec![1, 2, 3, 4, 5]);
                let _g = Tracker::new("g");
                total(&e).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `Box<dyn Any>` values downcast across awaits (`downcast_ref`, `downcast` by value),
    /// one of them a tracker.
    p23b_dyn_any_downcast {
        use std::any::Any;
        lower! {
            pub async fn f() -> Vec<String> {
                let items: Vec<Box<dyn Any>> = vec![Box::new(5u32), Box::new(String::from("s")), Box::new(Tracker::new("any"))];
                let mut out = Vec::new();
                for it in items {
                    step("item").await;
                    if let Some(n) = it.downcast_ref::<u32>() {
                        out.push(format!("u32 {n}"));
                    } else if let Ok(t) = it.downcast::<Tracker>() {
                        step("tracker").await;
                        out.push(format!("tracker {}", t.name()));
                    } else {
                        out.push(String::from("other"));
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A guessing game with `match guess.cmp(&secret)` on `Ordering`, the range narrowed
    /// by awaited guesses, `loop` with `break` of a tuple.
    p23b_ordering_match_guessing {
        use std::cmp::Ordering;
        lower! {
            pub async fn f(secret: u32) -> (u32, u32) {
                let _g = Tracker::new("g");
                let (mut lo, mut hi) = (0u32, 100u32);
                let mut tries = 0;
                loop {
                    let guess = leaf("guess", lo + (hi - lo) / 2).await;
                    tries += 1;
                    match guess.cmp(&secret) {
                        Ordering::Less => lo = guess + 1,
                        Ordering::Greater => hi = guess - 1,
                        Ordering::Equal => break (guess, tries),
                    }
                }
            }
        }
    }
    run { pair(f(37), f(100)) }
}

twin! {
    /// A struct with a `Cow<'a, str>` field made owned on demand in a lowered `&mut self`
    /// method, other instances staying borrowed.
    p23b_struct_cow_field_to_mut {
        pub struct Title<'a> {
            pub text: Cow<'a, str>,
        }
        impl<'a> Title<'a> {
            lower! {
                pub async fn capitalize(&mut self) -> bool {
                    step("check").await;
                    let first = self.text.chars().next();
                    match first {
                        Some(c) if c.is_lowercase() => {
                            let t = self.text.to_mut();
                            let up: String = c.to_uppercase().collect();
                            t.replace_range(..c.len_utf8(), &up);
                            step("changed").await;
                            true
                        }
                        _ => false,
                    }
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<(String, bool, bool)> {
                let src = String::from("hello world");
                let mut titles = vec![Title { text: Cow::Borrowed(&src[..5]) }, Title { text: Cow::Borrowed("Fine") }];
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for t in titles.iter_mut() {
                    let changed = t.capitalize().await;
                    out.push((t.text.to_string(), changed, matches!(t.text, Cow::Owned(_))));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A const-generic `N x N` matrix product of `[[i64; N]; N]` with an await per cell
    /// and `checked_mul` overflow reported.
    p23b_const_generic_matrix_mul_checked {
        lower! {
            pub async fn mul<const N: usize>(a: &[[i64; N]; N], b: &[[i64; N]; N]) -> Option<[[i64; N]; N]> {
                let mut out = [[0i64; N]; N];
                for i in 0..N {
                    for j in 0..N {
                        let mut s = 0i64;
                        for k in 0..N {
                            s = s.checked_add(a[i][k].checked_mul(b[k][j])?)?;
                        }
                        out[i][j] = leaf("cell", s).await;
                    }
                }
                Some(out)
            }
        }
        lower! {
            pub async fn f() -> (Option<[[i64; 2]; 2]>, Option<[[i64; 1]; 1]>) {
                let _g = Tracker::new("g");
                let a = [[1, 2], [3, 4]];
                let x = mul(&a, &a).await;
                let big = [[i64::MAX / 2]];
                let y = mul(&big, &[[3]]).await;
                (x, y)
            }
        }
    }
    run { f() }
}

twin! {
    /// A tokenizer struct implementing `Iterator<Item = &'a str>` (own lifetime), wrapped
    /// in `.map(str::len)` and `.zip(1..)` and consumed across awaits.
    p23b_tokenizer_iterator_struct_zip {
        pub struct Words<'a> { pub rest: &'a str }
        impl<'a> Iterator for Words<'a> {
            type Item = &'a str;
            fn next(&mut self) -> Option<&'a str> {
                let s = self.rest.trim_start_matches(|c: char| !c.is_alphanumeric());
                if s.is_empty() { return None; }
                let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
                let (w, r) = s.split_at(end);
                self.rest = r;
                Some(w)
            }
        }
        lower! {
            pub async fn f(text: String) -> Vec<(usize, u32)> {
                let _g = Tracker::new("g");
                let mut out = Vec::new();
                for (len, i) in (Words { rest: &text }).map(str::len).zip(1u32..) {
                    step("w").await;
                    out.push((len, i));
                }
                out
            }
        }
    }
    run { f(String::from("--ab, cde!! f")) }
}

twin! {
    /// A job queue `match queue.pop_front() { Some(Job { id, payload, .. }) => .. }` where
    /// the job's guard field is left in the popped temporary, awaits in the arm.
    p23b_match_pop_front_struct_rest {
        pub struct Job {
            pub id: u32,
            pub payload: String,
            pub guard: Tracker,
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut queue = VecDeque::new();
                queue.push_back(Job { id: 1, payload: "a".into(), guard: Tracker::new("g1") });
                queue.push_back(Job { id: 2, payload: "b".into(), guard: Tracker::new("g2") });
                let mut out = Vec::new();
                loop {
                    match queue.pop_front() {
                        Some(Job { id, payload, .. }) => {
                            let r = leaf("work", format!("{id}:{payload}")).await;
                            out.push(r);
                            step("after work").await;
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
    /// `let Some((a, _)) = make() else { .. };` on a temporary: native drops the ignored
    /// element at the end of the `let` statement.
    p23b_let_else_tuple_underscore_temp {
        pub fn make(ok: bool) -> Option<(Tracker, Tracker)> {
            ok.then(|| (Tracker::new("a"), Tracker::new("b")))
        }
        lower! {
            pub async fn f(ok: bool) -> &'static str {
                step("start").await;
                let Some((a, _)) = make(ok) else {
                    step("else").await;
                    return "none";
                };
                step("got").await;
                a.name()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A place scrutinee (a local `Option<(Tracker, Tracker)>`) matched by value with `_`:
    /// the unbound element stays in the local until the local's scope ends.
    p23b_match_local_place_tuple_underscore {
        lower! {
            pub async fn f() -> &'static str {
                let slot = Some((Tracker::new("a"), Tracker::new("b")));
                let _h = Tracker::new("h");
                let r = match slot {
                    Some((a, _)) => {
                        step("arm").await;
                        a.name()
                    }
                    None => "none",
                };
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(Msg { body, .. }) = rx.pop()` in a `while` loop where the message's
    /// `reply` tracker is left in the temporary, an await in the body.
    p23b_while_let_pop_struct_rest {
        pub struct Msg {
            pub body: u32,
            pub reply: Tracker,
        }
        lower! {
            pub async fn f() -> u32 {
                let mut rx = vec![Msg { body: 1, reply: Tracker::new("r1") }, Msg { body: 2, reply: Tracker::new("r2") }];
                let mut s = 0;
                while let Some(Msg { body, .. }) = rx.pop() {
                    s += leaf("body", body).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on a call returning `Result<(Tracker, Tracker), Tracker>` binding the
    /// first element in `Ok((a, _))` and the error in `Err(e)`, awaits in both arms.
    p23b_match_result_tuple_underscore_call {
        pub fn open(ok: bool) -> Result<(Tracker, Tracker), Tracker> {
            if ok { Ok((Tracker::new("conn"), Tracker::new("meta"))) } else { Err(Tracker::new("err")) }
        }
        lower! {
            pub async fn f(ok: bool) -> String {
                let r = match open(ok) {
                    Ok((conn, _)) => {
                        step("ok").await;
                        conn.name().to_string()
                    }
                    Err(e) => {
                        step("err").await;
                        format!("failed {}", e.name())
                    }
                };
                step("end").await;
                r
            }
        }
    }
    run { pair(f(true), f(false)) }
}

// Known gap: E0507: a pattern that binds one part by `ref` and moves another (`let S { ref name, body } = s;`, or the same in a match arm) with an await while the `ref` binding lives: the local goes to a frame slot and the pattern is matched on `*slot.get()`, out of which the by-value binding cannot move.
#[cfg(feature = "known-gaps")]
twin! {
    /// A `let` pattern mixing `ref` and by-value bindings on a local struct
    /// (`let Req { ref name, body, .. } = req;`): `name` borrows the partly moved local
    /// across awaits.
    p23b_let_pattern_ref_and_move_mixed {
        pub struct Req {
            pub name: String,
            pub body: Tracker,
            pub extra: Tracker,
        }
        lower! {
            pub async fn f() -> String {
                let req = Req { name: String::from("req"), body: Tracker::new("body"), extra: Tracker::new("extra") };
                step("start").await;
                let Req { ref name, body, .. } = req;
                step("split").await;
                let s = format!("{name}:{}", body.name());
                drop(body);
                step("dropped body").await;
                s + name
            }
        }
    }
    run { f() }
}

// Known gap: E0507: a pattern that binds one part by `ref` and moves another (`let S { ref name, body } = s;`, or the same in a match arm) with an await while the `ref` binding lives: the local goes to a frame slot and the pattern is matched on `*slot.get()`, out of which the by-value binding cannot move.
#[cfg(feature = "known-gaps")]
twin! {
    /// A `match` on a local enum by value with an arm that binds one field by `ref` and
    /// moves another, an await in the arm reading both.
    p23b_match_arm_ref_and_move_mixed {
        pub enum Ev {
            Data { tag: String, payload: Tracker, ack: Tracker },
            Close,
        }
        lower! {
            pub async fn f(close: bool) -> String {
                let ev = if close { Ev::Close } else {
                    Ev::Data { tag: "t".into(), payload: Tracker::new("payload"), ack: Tracker::new("ack") }
                };
                step("got").await;
                match ev {
                    Ev::Data { ref tag, payload, .. } => {
                        step("arm").await;
                        format!("{tag} {}", payload.name())
                    }
                    Ev::Close => {
                        step("close").await;
                        String::from("closed")
                    }
                }
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// An `@` binding with a by-value subpattern guard: `t @ Some(_)` on a tracker option
    /// moved into a vec after an await.
    p23b_at_binding_moves_whole {
        lower! {
            pub async fn f(xs: Vec<Option<Tracker>>) -> (usize, usize) {
                let mut kept = Vec::new();
                let mut nones = 0;
                for x in xs {
                    match x {
                        t @ Some(_) => {
                            step("keep").await;
                            kept.push(t);
                        }
                        None => nones += 1,
                    }
                }
                step("end").await;
                (kept.len(), nones)
            }
        }
    }
    run { f(vec![Some(Tracker("a")), None, Some(Tracker("b"))]) }
}

twin! {
    /// A generic `[T; N]` built with `[T::default(); N]` (`T: Copy + Default`), filled from
    /// awaits and reduced with a generic closure `F: Fn(T, T) -> T`.
    p23b_const_generic_default_array_reduce {
        lower! {
            pub async fn fill_reduce<T, F, const N: usize>(src: &[T], f: F) -> (T, [T; N])
            where
                T: Copy + Default + Debug,
                F: Fn(T, T) -> T,
            {
                let mut out = [T::default(); N];
                let mut acc = T::default();
                for (i, x) in src.iter().take(N).enumerate() {
                    out[i] = leaf("x", *x).await;
                    acc = f(acc, out[i]);
                }
                (acc, out)
            }
        }
        lower! {
            pub async fn f() -> String {
                let _g = Tracker::new("g");
                let (a, arr) = fill_reduce::<u32, _, 4>(&[5, 1, 7], |a, b| a.max(b)).await;
                let (b, arr2) = fill_reduce::<f32, _, 2>(&[0.5, 1.5, 2.5], |a, b| a + b).await;
                format!("{a} {arr:?} {b} {arr2:?}")
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered `&self` method whose output borrows `self` (elided lifetime) while another
    /// `&str` parameter is only compared, the result held across the caller's awaits.
    p23b_elided_self_output_other_param {
        pub struct Dict { pub words: Vec<String>, pub _t: Tracker }
        impl Dict {
            lower! {
                pub async fn closest(&self, probe: &str) -> &str {
                    step("search").await;
                    self.words
                        .iter()
                        .min_by_key(|w| w.len().abs_diff(probe.len()) * 10 + w.chars().zip(probe.chars()).filter(|(a, b)| a != b).count())
                        .map(|s| s.as_str())
                        .unwrap_or("")
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<String> {
                let d = Dict { words: vec!["cat".into(), "cart".into(), "dog".into()], _t: Tracker::new("dict") };
                let mut out = Vec::new();
                for p in ["cot", "carts", "x"] {
                    let probe = p.to_string();
                    let w = d.closest(&probe).await;
                    drop(probe);
                    step("got").await;
                    out.push(w.to_string());
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `Self::` paths in a lowered method of a generic impl: `Self::LIMIT`, `Self::new`,
    /// a `Self { .. }` literal and a `Self`-typed local across awaits.
    p23b_self_paths_generic_impl {
        #[derive(Debug)]
        pub struct Buf<T> { pub items: Vec<T> }
        impl<T: Clone + Debug> Buf<T> {
            pub const LIMIT: usize = 3;
            pub fn new() -> Self { Buf { items: Vec::new() } }
            lower! {
                pub async fn split(&mut self, xs: Vec<T>) -> Vec<Self> {
                    let mut parts: Vec<Self> = Vec::new();
                    let mut cur = Self::new();
                    for x in xs {
                        step("x").await;
                        cur.items.push(x.clone());
                        self.items.push(x);
                        if cur.items.len() == Self::LIMIT {
                            parts.push(std::mem::replace(&mut cur, Self { items: Vec::new() }));
                        }
                    }
                    if !cur.items.is_empty() {
                        parts.push(cur);
                    }
                    parts
                }
            }
        }
        lower! {
            pub async fn f() -> (usize, String) {
                let mut b: Buf<u8> = Buf::new();
                let _g = Tracker::new("g");
                let parts = b.split(vec![1, 2, 3, 4, 5, 6, 7]).await;
                (b.items.len(), format!("{parts:?}"))
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimized `p23b_dyn_any_downcast`: a `Box<dyn Any>` consumed by `downcast` (takes
    /// `self`) in an `if let` scrutinee, an await in the branch.
    p23b_min_downcast_consumes_then_await {
        use std::any::Any;
        lower! {
            pub async fn f(b: Box<dyn Any>) -> &'static str {
                if let Ok(t) = b.downcast::<Tracker>() {
                    step("tracker").await;
                    t.name()
                } else {
                    "other"
                }
            }
        }
    }
    run { pair(f(Box::new(Tracker("t"))), f(Box::new(5u8))) }
}

twin! {
    /// A local iterator of trackers consumed by `for_each` (takes `self`), then an await in
    /// the same scope.
    p23b_iter_for_each_consumes_then_await {
        lower! {
            pub async fn f(v: Vec<Tracker>) -> usize {
                let mut n = 0;
                let it = v.into_iter().skip(1);
                it.for_each(|t| {
                    n += 1;
                    log(format!("saw {}", t.name()));
                });
                step("after").await;
                n
            }
        }
    }
    run { f(vec![Tracker("a"), Tracker("b"), Tracker("c")]) }
}

twin! {
    /// A `futures` oneshot: `tx.send(v)` takes the sender by value, then the body awaits
    /// more before reading the receiver.
    p23b_oneshot_send_consumes_then_await {
        lower! {
            pub async fn f(x: u32) -> Result<u32, String> {
                let (tx, rx) = futures::channel::oneshot::channel::<u32>();
                let _g = Tracker::new("g");
                let v = leaf("v", x).await;
                tx.send(v * 2).map_err(|v| format!("closed {v}"))?;
                step("sent").await;
                rx.await.map_err(|e| e.to_string())
            }
        }
    }
    run { f(21) }
}

twin! {
    /// `Option<Result<T, E>>::transpose` (takes `self`) on a local, then an await, then `?`.
    p23b_option_transpose_then_await {
        lower! {
            pub async fn f(s: Option<&'static str>) -> Result<Option<u32>, String> {
                let parsed: Option<Result<u32, String>> = s.map(|s| s.parse::<u32>().map_err(|e| e.to_string()));
                let _g = Tracker::new("g");
                let t = parsed.transpose();
                step("transposed").await;
                let v = t?;
                step("end").await;
                Ok(v.map(|x| x + 1))
            }
        }
    }
    run { pair(pair(f(Some("4")), f(None)), f(Some("x"))) }
}

twin! {
    /// Minimized `p23b_compound_assign_index_order_user_type`: an overloaded `+=` into an
    /// indexed place whose index is a logged call, the right side awaited.
    p23b_min_compound_assign_user_type_order {
        #[derive(Debug)]
        pub struct Money(pub i64);
        impl std::ops::AddAssign for Money {
            fn add_assign(&mut self, o: Money) {
                self.0 += o.0;
            }
        }
        lower! {
            pub async fn f() -> Vec<Money> {
                let mut v = vec![Money(1), Money(2)];
                v[val("idx", 1)] += leaf("rhs", Money(40)).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Variant: an overloaded `+=` (`String += &str`) into an out-of-bounds index: native
    /// panics at the index before polling the awaited right side.
    p23b_compound_assign_string_index_panics_first {
        lower! {
            pub async fn f(i: usize) -> Vec<String> {
                let mut v = vec![String::from("a")];
                let _g = Tracker::new("g");
                v[i] += &leaf("rhs", String::from("b")).await;
                v
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// Minimized `p23b_returns_closure_impl_fn`: an async fn returning `impl Fn(u32) ->
    /// u32` whose closure parameter is not annotated.
    p23b_min_returns_closure_unannotated {
        lower! {
            pub async fn make(k: u32) -> impl Fn(u32) -> u32 {
                step("make").await;
                move |x| x * k
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let g = make(3).await;
                step("call").await;
                g(5)
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimized deferred initialization: `let n;` then `n = leaf(..).await;` in the same
    /// block, read after another await.
    p23b_min_deferred_init_awaited_flat {
        lower! {
            pub async fn f() -> u32 {
                let n;
                n = leaf("n", 5u32).await;
                step("after").await;
                n + 1
            }
        }
    }
    run { f() }
}

// Known gap: E0507: a pattern that binds one part by `ref` and moves another (`let S { ref name, body } = s;`, or the same in a match arm) with an await while the `ref` binding lives: the local goes to a frame slot and the pattern is matched on `*slot.get()`, out of which the by-value binding cannot move.
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimized `p23b_let_pattern_ref_and_move_mixed`: `let S { ref name, body } = s;`
    /// then an await with both bindings alive.
    p23b_min_ref_and_move_pattern_let {
        pub struct S {
            pub name: String,
            pub body: Tracker,
        }
        lower! {
            pub async fn f() -> String {
                let s = S { name: String::from("n"), body: Tracker::new("body") };
                let S { ref name, body } = s;
                step("split").await;
                format!("{name}:{}", body.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// A tokio-style actor loop: each message carries a oneshot `respond_to` sender, sent
    /// (by value, a field of the message) after awaited work, the loop awaiting again
    /// with the message still in scope.
    p23b_actor_respond_to_field_send {
        pub struct Msg {
            pub n: u32,
            pub respond_to: futures::channel::oneshot::Sender<u32>,
            pub _t: Tracker,
        }
        lower! {
            pub async fn actor(mut inbox: VecDeque<Msg>) -> u32 {
                let mut handled = 0;
                while let Some(msg) = inbox.pop_front() {
                    let v = leaf("work", msg.n * 10).await;
                    let _ = msg.respond_to.send(v);
                    handled += 1;
                    step("next").await;
                }
                handled
            }
        }
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut inbox = VecDeque::new();
                let mut rxs = Vec::new();
                for (i, name) in ["m1", "m2"].into_iter().enumerate() {
                    let (tx, rx) = futures::channel::oneshot::channel();
                    inbox.push_back(Msg { n: i as u32 + 1, respond_to: tx, _t: Tracker::new(name) });
                    rxs.push(rx);
                }
                let n = actor(inbox).await;
                let mut out = Vec::new();
                for rx in rxs {
                    out.push(rx.await.unwrap_or(0));
                }
                (n, out)
            }
        }
    }
    run { f() }
}

twin! {
    /// Deferred initialization through both branches of an `if`: `let label;` assigned an
    /// awaited `String` in one branch and a literal-made one in the other.
    p23b_deferred_init_if_else_branches {
        lower! {
            pub async fn f(remote: bool) -> String {
                let _g = Tracker::new("g");
                let label;
                if remote {
                    label = leaf("fetch", String::from("remote")).await;
                } else {
                    label = String::from("local");
                }
                step("after").await;
                label
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Minimized `p23b_actor_respond_to_field_send`: a field of a parameter read before an
    /// await, then a oneshot sender field sent (by value) after it.
    p23b_min_oneshot_field_send_after_await {
        pub struct Msg {
            pub n: u32,
            pub respond_to: futures::channel::oneshot::Sender<u32>,
        }
        lower! {
            pub async fn handle(msg: Msg) -> bool {
                let v = leaf("work", msg.n).await;
                msg.respond_to.send(v).is_ok()
            }
        }
        lower! {
            pub async fn f() -> (bool, Option<u32>) {
                let (tx, mut rx) = futures::channel::oneshot::channel();
                let ok = handle(Msg { n: 7, respond_to: tx }).await;
                (ok, rx.try_recv().ok().flatten())
            }
        }
    }
    run { f() }
}
