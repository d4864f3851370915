//! Probe round 29b: generic and trait-heavy async code as a library author writes it,
//! with no type annotations beyond idiomatic ones: lowered generic fns with bounds,
//! `where` clauses, several type and lifetime parameters and const generics; `impl Trait`
//! arguments; associated types held across awaits; iterator adapter chains living across
//! awaits; `collect()`/`sum()`/`into()`/`Default::default()`/`parse()` whose type is fixed
//! only by a use after an await; `Box<dyn Trait>`/`&dyn Trait` across awaits; `Rc`/`Arc`/
//! `RefCell`/`Cell` in generic code; references returned tied to inputs; `PhantomData`;
//! lowered methods of generic structs; `async fn` in traits with default methods and
//! blanket impls; stored closures and generic callbacks; `Result<T, E>` with a generic
//! `E: From<..>` and `?`; `Cow`; `HashMap` entry API with a generic key; boxed generic
//! recursion; turbofish calls with awaited arguments; generic `Drop` types for drop order
//! at scope end, on early return and on cancellation.
use crate::prelude::*;
#[allow(unused_imports)]
use std::borrow::Cow;
#[allow(unused_imports)]
use std::cell::{Cell, RefCell};
#[allow(unused_imports)]
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};
#[allow(unused_imports)]
use std::hash::Hash;
#[allow(unused_imports)]
use std::marker::PhantomData;
#[allow(unused_imports)]
use std::rc::Rc;
#[allow(unused_imports)]
use std::sync::Arc;

twin! {
    /// Generic `T: Clone + Debug` fn cloning items across awaits into an inferred `Vec`.
    p29b_generic_clone_collect {
        lower! {
            pub async fn dup<T: Clone + Debug>(items: &[T]) -> Vec<String> {
                let mut out = Vec::new();
                for it in items {
                    let c = leaf("c", it.clone()).await;
                    out.push(format!("{c:?}"));
                }
                step("end").await;
                out
            }
        }
    }
    run { dup(leak(vec![1u8, 2, 3])) }
}

twin! {
    /// `where` clause with two type parameters and a lifetime, the output borrows an input.
    p29b_where_two_params_ref_out {
        lower! {
            pub async fn first_match<'a, K, V>(pairs: &'a [(K, V)], key: K) -> Option<&'a V>
            where
                K: PartialEq + Debug,
                V: Debug,
            {
                for (k, v) in pairs {
                    step("cmp").await;
                    if *k == key {
                        log(format!("hit {k:?}"));
                        return Some(v);
                    }
                }
                None
            }
        }
    }
    run { first_match(leak(vec![(1u32, "a"), (2, "b"), (3, "c")]), 2) }
}

twin! {
    /// Const generic array `[T; N]` by value, summing through an await per element.
    p29b_const_generic_array_sum {
        lower! {
            pub async fn total<const N: usize>(xs: [u32; N]) -> u32 {
                let mut s = 0;
                for x in xs {
                    s += leaf("x", x).await;
                }
                s * N as u32
            }
        }
    }
    run { total([1, 2, 3, 4]) }
}

twin! {
    /// Const generic array of Trackers: dropped at the end in array order.
    p29b_const_generic_tracker_array {
        lower! {
            pub async fn hold<T: Debug, const N: usize>(arr: [T; N], k: u32) -> usize {
                step("a").await;
                log(format!("first {:?}", arr.first()));
                leaf("k", k).await;
                N
            }
        }
    }
    run { hold([Tracker::new("x"), Tracker::new("y"), Tracker::new("z")], 1) }
}

twin! {
    /// `impl IntoIterator<Item = u32>` whose iterator is advanced across awaits manually.
    p29b_impl_into_iter_manual_next {
        lower! {
            pub async fn pairs(xs: impl IntoIterator<Item = u32>) -> Vec<(u32, u32)> {
                let mut it = xs.into_iter();
                let mut out = Vec::new();
                while let Some(a) = it.next() {
                    let b = leaf("b", it.next().unwrap_or(0)).await;
                    out.push((a, b));
                }
                out
            }
        }
    }
    run { pairs(vec![1, 2, 3, 4, 5]) }
}

twin! {
    /// `impl Fn(u32) -> u32` argument called between awaits and inside an awaited operand.
    p29b_impl_fn_arg {
        lower! {
            pub async fn apply_twice(f: impl Fn(u32) -> u32, x: u32) -> u32 {
                let a = f(leaf("x", x).await);
                step("mid").await;
                leaf("b", f(a)).await + f(1)
            }
        }
    }
    run { apply_twice(|v| v * 3 + 1, 2) }
}

twin! {
    /// `impl AsRef<str>` and `impl Into<String>` arguments held across awaits.
    p29b_impl_asref_into_string {
        lower! {
            pub async fn greet(name: impl AsRef<str>, suffix: impl Into<String>) -> String {
                let n = leaf("len", name.as_ref().len()).await;
                let mut s: String = suffix.into();
                step("s").await;
                s.insert_str(0, name.as_ref());
                format!("{s}:{n}")
            }
        }
    }
    run { greet(String::from("bob"), "!") }
}

twin! {
    /// Associated type `I::Item` held in a local across awaits.
    p29b_assoc_item_across_await {
        lower! {
            pub async fn last_two<I>(it: I) -> Option<(I::Item, I::Item)>
            where
                I: Iterator,
                I::Item: Debug,
            {
                let mut prev = None;
                let mut cur = None;
                for x in it {
                    step("x").await;
                    prev = cur.take();
                    cur = Some(x);
                }
                step("done").await;
                match (prev, cur) {
                    (Some(a), Some(b)) => Some((a, b)),
                    _ => None,
                }
            }
        }
    }
    run { last_two(vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")].into_iter()) }
}

twin! {
    /// An adapter chain `map`/`filter`/`enumerate` whose iterator lives across awaits.
    p29b_adapter_chain_across_await {
        lower! {
            pub async fn walk(v: Vec<u32>) -> Vec<String> {
                let mut it = v.iter().map(|x| x * 2).filter(|x| x % 3 != 0).enumerate();
                let mut out = Vec::new();
                while let Some((i, x)) = it.next() {
                    let y = leaf("y", x + i as u32).await;
                    out.push(y.to_string());
                }
                out
            }
        }
    }
    run { walk(vec![1, 2, 3, 4, 5, 6]) }
}

twin! {
    /// `zip` of two borrowed iterators living across awaits in a `for`.
    p29b_zip_for_across_await {
        lower! {
            pub async fn dot(a: &[i64], b: &[i64]) -> i64 {
                let mut s = 0;
                for (x, y) in a.iter().zip(b.iter().rev()) {
                    s += leaf("m", x * y).await;
                }
                s
            }
        }
    }
    run { dot(leak(vec![1, 2, 3]), leak(vec![4, 5, 6])) }
}

twin! {
    /// `peekable` iterator: `peek` before an await, `next` after it.
    p29b_peekable_across_await {
        lower! {
            pub async fn runs(v: Vec<u32>) -> Vec<(u32, usize)> {
                let mut it = v.into_iter().peekable();
                let mut out = Vec::new();
                while let Some(x) = it.next() {
                    let mut n = 1;
                    while it.peek() == Some(&x) {
                        step("same").await;
                        it.next();
                        n += 1;
                    }
                    out.push((leaf("x", x).await, n));
                }
                out
            }
        }
    }
    run { runs(vec![1, 1, 2, 3, 3, 3, 1]) }
}

twin! {
    /// `collect()` whose target type is fixed only by a use after an await.
    p29b_collect_type_from_later_use {
        pub fn takes(v: &Vec<String>) -> usize { v.len() }
        lower! {
            pub async fn names(n: u32) -> usize {
                let v = (0..n).map(|i| format!("n{i}")).collect();
                step("between").await;
                let k = takes(&v);
                leaf("k", k).await
            }
        }
    }
    run { names(3) }
}


twin! {
    /// `Default::default()` whose type comes from a later push after an await.
    p29b_default_type_from_later_push {
        lower! {
            pub async fn build(n: u32) -> Vec<u32> {
                let mut v = Default::default();
                step("v").await;
                for i in 0..n {
                    Vec::push(&mut v, leaf("i", i).await);
                }
                v
            }
        }
    }
    run { build(3) }
}

twin! {
    /// `parse()` whose target type is fixed by arithmetic after an await.
    p29b_parse_type_from_later_use {
        pub fn twice(x: i32) -> i32 { x * 2 }
        lower! {
            pub async fn parse_add(s: &str) -> Result<i32, std::num::ParseIntError> {
                let a = s.parse()?;
                let b = leaf("b", 5).await;
                step("x").await;
                Ok(twice(a) + b)
            }
        }
    }
    run { pair(parse_add("37"), parse_add("x7")) }
}

twin! {
    /// `Box<dyn Trait>` held across awaits, called before and after.
    p29b_box_dyn_across_await {
        pub trait Shape {
            fn area(&self) -> u32;
        }
        pub struct Sq(pub u32, pub Tracker);
        impl Shape for Sq {
            fn area(&self) -> u32 { self.0 * self.0 }
        }
        lower! {
            pub async fn measure(s: Box<dyn Shape>) -> u32 {
                let a = s.area();
                step("one").await;
                let b = leaf("b", s.area()).await;
                a + b
            }
        }
    }
    run { measure(Box::new(Sq(3, Tracker::new("sq")))) }
}

twin! {
    /// `&dyn Trait` argument held across awaits, and a `Vec<Box<dyn Trait>>` iterated.
    p29b_dyn_ref_and_vec_box {
        pub trait Named {
            fn name(&self) -> String;
        }
        impl Named for Tracker {
            fn name(&self) -> String { self.0.to_string() }
        }
        impl Named for u32 {
            fn name(&self) -> String { format!("#{self}") }
        }
        lower! {
            pub async fn all(first: &dyn Named, rest: Vec<Box<dyn Named>>) -> Vec<String> {
                let mut out = vec![first.name()];
                for r in rest {
                    step("r").await;
                    out.push(leaf("n", r.name()).await);
                }
                out.push(first.name());
                out
            }
        }
    }
    run { all(leak(Tracker("head")), vec![Box::new(Tracker::new("t1")), Box::new(7u32), Box::new(Tracker::new("t2"))]) }
}

twin! {
    /// `Rc<RefCell<Vec<T>>>` in generic code, borrows never held across awaits.
    p29b_rc_refcell_generic {
        lower! {
            pub async fn fill<T: Clone + Debug>(shared: Rc<RefCell<Vec<T>>>, items: Vec<T>) -> usize {
                let other = Rc::clone(&shared);
                for it in items {
                    let x = leaf("x", it).await;
                    shared.borrow_mut().push(x);
                }
                step("end").await;
                let n = other.borrow().len();
                n + Rc::strong_count(&shared)
            }
        }
    }
    run { fill(Rc::new(RefCell::new(vec![String::from("a")])), vec![String::from("b"), String::from("c")]) }
}

twin! {
    /// `Cell<u32>` counter shared by reference with a closure called after awaits.
    p29b_cell_counter_closure {
        lower! {
            pub async fn count(n: u32) -> u32 {
                let c = Cell::new(0);
                let bump = |k: u32| c.set(c.get() + k);
                for i in 0..n {
                    bump(leaf("i", i).await);
                }
                step("done").await;
                bump(10);
                c.get()
            }
        }
    }
    run { count(4) }
}

twin! {
    /// `Arc<T>` generic clone counts across awaits, the last clone dropped late.
    p29b_arc_generic_counts {
        lower! {
            pub async fn share<T: Debug>(v: Arc<T>) -> (usize, String) {
                let a = Arc::clone(&v);
                step("a").await;
                let b = a.clone();
                let n = leaf("n", Arc::strong_count(&v)).await;
                drop(a);
                step("b").await;
                (n + Arc::strong_count(&b), format!("{:?}", b))
            }
        }
    }
    run { share(Arc::new(Tracker::new("arc"))) }
}

twin! {
    /// `pick<'a, T: Ord>(v: &'a [T]) -> &'a T` lowered, its result used after another await.
    p29b_pick_max_ref {
        lower! {
            pub async fn pick<'a, T: Ord>(v: &'a [T]) -> &'a T {
                let mut best = &v[0];
                for x in &v[1..] {
                    step("cmp").await;
                    if x > best {
                        best = x;
                    }
                }
                best
            }
        }
        lower! {
            pub async fn go(v: &'static [u32]) -> u32 {
                let m = pick(v).await;
                let k = leaf("k", 1).await;
                *m + k
            }
        }
    }
    run { go(leak(vec![3, 9, 2, 7])) }
}

twin! {
    /// `PhantomData<T>` marker in a generic typed id, lowered method on it.
    p29b_phantom_typed_id {
        pub struct Id<T> {
            pub raw: u32,
            pub _m: PhantomData<T>,
        }
        impl<T> Id<T> {
            pub fn new(raw: u32) -> Self { Id { raw, _m: PhantomData } }
        }
        pub struct User;
        lower! {
            pub async fn next_id<T>(id: Id<T>, t: Tracker) -> Id<T> {
                let r = leaf("raw", id.raw).await;
                step("t").await;
                log(format!("holding {:?}", t));
                Id::new(r + 1)
            }
        }
        pub async fn go() -> u32 {
            let a: Id<User> = Id::new(4);
            next_id(a, Tracker::new("t")).await.raw
        }
    }
    run { go() }
}

twin! {
    /// Generic struct `Store<T: Debug>` with lowered `&mut self` methods under `lower!`.
    p29b_store_generic_put_get {
        pub struct Store<T> {
            pub items: Vec<T>,
            pub g: Tracker,
        }
        impl<T: Debug> Store<T> {
            lower! {
                pub async fn put(&mut self, x: T) -> usize {
                    step("put").await;
                    self.items.push(x);
                    leaf("len", self.items.len()).await
                }
            }
            lower! {
                pub async fn take_last(&mut self) -> Option<T> {
                    let n = leaf("n", self.items.len()).await;
                    if n == 0 { None } else { self.items.pop() }
                }
            }
        }
        pub async fn go() -> (usize, Option<Tracker>) {
            let mut s = Store { items: Vec::new(), g: Tracker::new("store") };
            s.put(Tracker::new("a")).await;
            let n = s.put(Tracker::new("b")).await;
            let l = s.take_last().await;
            (n, l)
        }
    }
    run { go() }
}

twin! {
    /// Trait generic method `fn visit<V: Visitor>` on a generic struct, lowered.
    p29b_generic_method_on_generic_struct {
        pub trait Visitor {
            fn see(&mut self, s: &str);
        }
        pub struct Collect(pub Vec<String>);
        impl Visitor for Collect {
            fn see(&mut self, s: &str) { self.0.push(s.to_uppercase()) }
        }
        pub struct Tree<T> {
            pub vals: Vec<T>,
        }
        impl<T: Display> Tree<T> {
            lower! {
                pub async fn visit<V: Visitor>(&self, v: &mut V) -> usize {
                    let mut n = 0;
                    for x in &self.vals {
                        let s = leaf("s", x.to_string()).await;
                        v.see(&s);
                        n += 1;
                    }
                    n
                }
            }
        }
        pub async fn go() -> (usize, Vec<String>) {
            let t = Tree { vals: vec!["ab", "cd"] };
            let mut c = Collect(Vec::new());
            let n = t.visit(&mut c).await;
            (n, c.0)
        }
    }
    run { go() }
}

twin! {
    /// `async fn` in a trait with a lowered default method, used generically via a lowered fn.
    p29b_trait_default_lowered_generic_caller {
        pub trait Fetch {
            async fn one(&self, k: u32) -> u32;
            lower! {
                async fn many(&self, ks: Vec<u32>) -> Vec<u32> {
                    let mut out = Vec::new();
                    for k in ks {
                        out.push(self.one(k).await);
                    }
                    out
                }
            }
        }
        pub struct Db(pub Tracker);
        impl Fetch for Db {
            lower! {
                async fn one(&self, k: u32) -> u32 { leaf("one", k * 10).await }
            }
        }
        lower! {
            pub async fn run_all<F: Fetch>(f: &F) -> u32 {
                let v = f.many(vec![1, 2, 3]).await;
                step("sum").await;
                v.iter().sum()
            }
        }
    }
    run { run_all(leak(Db(Tracker("db")))) }
}

twin! {
    /// A blanket impl `impl<T: Display> Describe for T` used on several types in a body.
    p29b_blanket_impl_used {
        pub trait Describe {
            fn describe(&self) -> String;
        }
        impl<T: Display> Describe for T {
            fn describe(&self) -> String { format!("<{self}>") }
        }
        lower! {
            pub async fn show<A: Describe, B: Describe>(a: A, b: B) -> String {
                let x = leaf("a", a.describe()).await;
                step("mid").await;
                x + &b.describe() + &leaf("n", 3).await.describe()
            }
        }
    }
    run { show(1.5f32, "str") }
}

twin! {
    /// A closure stored in a local capturing a Tracker by move, called after awaits.
    p29b_stored_move_closure_tracker {
        lower! {
            pub async fn go(k: u32) -> String {
                let t = Tracker::new("cap");
                let f = move |x: u32| format!("{}-{}", t.name(), x + k);
                step("a").await;
                let a = f(leaf("x", 1).await);
                step("b").await;
                a + &f(2)
            }
        }
    }
    run { go(5) }
}

twin! {
    /// Generic callback `F: FnMut(&T) -> bool` filtering across awaits.
    p29b_fnmut_filter_callback {
        lower! {
            pub async fn keep<T, F>(items: Vec<T>, mut pred: F) -> Vec<T>
            where
                F: FnMut(&T) -> bool,
            {
                let mut out = Vec::new();
                for it in items {
                    step("it").await;
                    if pred(&it) {
                        out.push(it);
                    }
                }
                out
            }
        }
        pub async fn go() -> Vec<Tracker> {
            let mut seen = 0;
            let v = keep(vec![Tracker::new("a"), Tracker::new("bb"), Tracker::new("c")], |t| {
                seen += 1;
                t.0.len() == 1
            })
            .await;
            log(format!("seen {seen}"));
            v
        }
    }
    run { go() }
}

twin! {
    /// `Result<T, E>` with a generic `E: From<ParseIntError>` and `?` after awaits.
    p29b_generic_error_from_question {
        #[derive(Debug)]
        pub struct MyErr(pub String);
        impl From<std::num::ParseIntError> for MyErr {
            fn from(e: std::num::ParseIntError) -> Self { MyErr(e.to_string()) }
        }
        lower! {
            pub async fn parse_all<E>(xs: Vec<&str>) -> Result<Vec<u32>, E>
            where
                E: From<std::num::ParseIntError>,
            {
                let _t = Tracker::new("guard");
                let mut out = Vec::new();
                for x in xs {
                    let s = leaf("s", x).await;
                    out.push(s.parse::<u32>()?);
                }
                Ok(out)
            }
        }
    }
    run { pair(parse_all::<MyErr>(vec!["1", "2"]), parse_all::<MyErr>(vec!["3", "z", "4"])) }
}

twin! {
    /// `Option<Box<T>>` linked list walked with `as_deref` across awaits.
    p29b_option_box_chain {
        pub struct Node<T> {
            pub v: T,
            pub next: Option<Box<Node<T>>>,
        }
        lower! {
            pub async fn sum_list<T: Copy + Into<u64>>(head: Option<Box<Node<T>>>) -> u64 {
                let mut cur = head.as_deref();
                let mut s = 0u64;
                while let Some(n) = cur {
                    s += leaf("v", n.v.into()).await;
                    cur = n.next.as_deref();
                }
                s
            }
        }
    }
    run {
        sum_list(Some(Box::new(Node { v: 3u32, next: Some(Box::new(Node { v: 4u32, next: None })) })))
    }
}

twin! {
    /// `Cow<'_, str>` borrowed or owned depending on an awaited check, used after awaits.
    p29b_cow_str_across_await {
        lower! {
            pub async fn normalize(s: &str) -> String {
                let c: Cow<'_, str> = if leaf("has", s.contains(' ')).await {
                    Cow::Owned(s.replace(' ', "_"))
                } else {
                    Cow::Borrowed(s)
                };
                step("c").await;
                let owned = matches!(c, Cow::Owned(_));
                format!("{c}:{owned}")
            }
        }
    }
    run { pair(normalize("a b c"), normalize("abc")) }
}

twin! {
    /// `HashMap<K, V>` entry API with a generic `K`, output sorted.
    p29b_hashmap_entry_generic_key {
        lower! {
            pub async fn tally<K: Hash + Eq + Ord + Clone>(keys: Vec<K>) -> Vec<(K, u32)> {
                let mut m = HashMap::new();
                for k in keys {
                    let w = leaf("w", 1).await;
                    *m.entry(k).or_insert(0) += w;
                }
                step("sort").await;
                let mut v: Vec<_> = m.into_iter().collect();
                v.sort();
                v
            }
        }
    }
    run { tally(vec!["b", "a", "b", "c", "a", "b"]) }
}

twin! {
    /// Generic recursion through `Box::pin` on a generic tree.
    p29b_boxpin_generic_recursion {
        pub enum T<V> {
            Leaf(V),
            Node(Vec<T<V>>),
        }
        lower! {
            pub async fn count<V: Debug>(t: &T<V>) -> usize {
                match t {
                    T::Leaf(v) => {
                        log(format!("leaf {v:?}"));
                        leaf("l", 1).await
                    }
                    T::Node(kids) => {
                        let mut n = 0;
                        for k in kids {
                            n += Box::pin(count(k)).await;
                        }
                        n
                    }
                }
            }
        }
    }
    run { count(leak(T::Node(vec![T::Leaf(1), T::Node(vec![T::Leaf(2), T::Leaf(3)]), T::Leaf(4)]))) }
}

twin! {
    /// A lowered generic fn calling another lowered generic fn with a turbofish and awaited args.
    p29b_turbofish_awaited_args {
        lower! {
            pub async fn conv<T: From<u8> + Debug>(x: u8) -> T {
                step("conv").await;
                T::from(x)
            }
        }
        lower! {
            pub async fn go() -> (u32, u64) {
                let a = conv::<u32>(leaf("a", 3).await).await;
                let b = conv::<u64>(leaf("b", 4).await).await;
                (a, b)
            }
        }
    }
    run { go() }
}

twin! {
    /// A generic `Drop` type `Guard<T: Debug>` logging its payload; scope-end drop order.
    p29b_generic_drop_guard_scope {
        pub struct Guard<T: Debug>(pub T);
        impl<T: Debug> Drop for Guard<T> {
            fn drop(&mut self) { log(format!("drop guard {:?}", self.0)) }
        }
        lower! {
            pub async fn go<T: Debug + Clone>(a: T, b: T) -> u32 {
                let _g1 = Guard(a.clone());
                step("a").await;
                let _g2 = Guard(b);
                {
                    let _g3 = Guard(a);
                    step("inner").await;
                }
                leaf("end", 7).await
            }
        }
    }
    run { go(String::from("x"), String::from("y")) }
}

twin! {
    /// Generic guard dropped on an early `return` from inside a loop.
    p29b_generic_drop_early_return {
        pub struct Guard<T: Debug>(pub T);
        impl<T: Debug> Drop for Guard<T> {
            fn drop(&mut self) { log(format!("drop guard {:?}", self.0)) }
        }
        lower! {
            pub async fn find<T: Debug + PartialEq>(items: Vec<T>, want: T) -> Option<usize> {
                let _outer = Guard("outer");
                for (i, it) in items.into_iter().enumerate() {
                    let g = Guard(it);
                    step("chk").await;
                    if g.0 == want {
                        return Some(i);
                    }
                }
                None
            }
        }
    }
    run { find(vec![1u32, 2, 3, 4], 3) }
}

twin! {
    /// Generic guard holding a Tracker: drop order on cancellation at every await.
    p29b_generic_guard_tracker_cancel {
        pub struct Holder<T> {
            pub inner: T,
            pub label: &'static str,
        }
        impl<T> Drop for Holder<T> {
            fn drop(&mut self) { log(format!("drop holder {}", self.label)) }
        }
        lower! {
            pub async fn go<T>(a: T, b: T) -> &'static str {
                let h1 = Holder { inner: a, label: "h1" };
                step("1").await;
                let h2 = Holder { inner: b, label: "h2" };
                step("2").await;
                drop(h1);
                step("3").await;
                h2.label
            }
        }
    }
    run { go(Tracker::new("a"), Tracker::new("b")) }
}

twin! {
    /// `Iterator::rev` on a `Vec` of Trackers consumed across awaits; the rest dropped at a `break`.
    p29b_rev_into_iter_break {
        lower! {
            pub async fn go(v: Vec<Tracker>) -> Vec<&'static str> {
                let mut out = Vec::new();
                for t in v.into_iter().rev() {
                    let n = leaf("n", t.name()).await;
                    if n == "b" {
                        break;
                    }
                    out.push(n);
                }
                step("after").await;
                out
            }
        }
    }
    run { go(vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d")]) }
}

twin! {
    /// `Box<dyn Fn>` stored in a Vec, each called with an awaited argument.
    p29b_vec_box_dyn_fn {
        lower! {
            pub async fn pipeline(x: i32) -> i32 {
                let fs: Vec<Box<dyn Fn(i32) -> i32>> = vec![Box::new(|a| a + 1), Box::new(|a| a * 10), Box::new(move |a| a - x)];
                let mut acc = x;
                for f in &fs {
                    acc = f(leaf("acc", acc).await);
                }
                step("end").await;
                acc + fs.len() as i32
            }
        }
    }
    run { pipeline(3) }
}

twin! {
    /// Generic `Option<T>` combinators with an awaited value in `unwrap_or` and `map`.
    p29b_option_combinators_generic {
        lower! {
            pub async fn resolve<T: Clone + Debug>(a: Option<T>, b: T) -> (T, Option<String>) {
                let x = a.clone().unwrap_or(leaf("b", b).await);
                let y = a.map(|v| format!("{v:?}"));
                step("y").await;
                (x, y)
            }
        }
    }
    run { pair(resolve(Some(1u8), 2), resolve(None, 9u8)) }
}

twin! {
    /// A generic fn with two lifetimes `'a: 'b` returning the shorter-lived borrow.
    p29b_two_lifetimes_outlives {
        lower! {
            pub async fn choose<'a: 'b, 'b, T: Debug>(long: &'a T, short: &'b T, first: bool) -> &'b T {
                step("c").await;
                if leaf("f", first).await { long } else { short }
            }
        }
        lower! {
            pub async fn go() -> String {
                let a = Tracker::new("la");
                let out = {
                    let b = Tracker::new("sb");
                    let r = choose(&a, &b, false).await;
                    step("in").await;
                    format!("{r:?}")
                };
                step("out").await;
                out
            }
        }
    }
    run { go() }
}

twin! {
    /// `Vec<T>` generic `retain` with a closure after awaits, `T: Default` construction.
    p29b_default_generic_construct {
        lower! {
            pub async fn fill<T: Default + Clone + PartialEq + Debug>(n: usize, mark: T) -> Vec<T> {
                let mut v = vec![T::default(); n];
                for i in 0..n {
                    if leaf("even", i % 2 == 0).await {
                        v[i] = mark.clone();
                    }
                }
                v.retain(|x| *x != T::default());
                step("r").await;
                v
            }
        }
    }
    run { fill(5, String::from("m")) }
}

twin! {
    /// `impl Iterator<Item = T>` returned by a helper, held across awaits in a lowered fn.
    p29b_impl_iterator_return_held {
        pub fn evens(n: u32) -> impl Iterator<Item = u32> {
            (0..n).filter(|x| x % 2 == 0)
        }
        lower! {
            pub async fn go(n: u32) -> u32 {
                let mut it = evens(n);
                let a = it.next().unwrap_or(0);
                step("a").await;
                let b = leaf("b", it.next().unwrap_or(0)).await;
                a + b + it.sum::<u32>()
            }
        }
    }
    run { go(10) }
}

twin! {
    /// `BTreeMap<K, Vec<V>>` grouping with `entry().or_default().push(..)` and a value awaited before.
    p29b_btreemap_group_by {
        lower! {
            pub async fn group<K: Ord, V>(items: Vec<(K, V)>) -> BTreeMap<K, Vec<V>> {
                let mut m = BTreeMap::new();
                for (k, v) in items {
                    let v = leaf("v", v).await;
                    m.entry(k).or_insert_with(Vec::new).push(v);
                }
                m
            }
        }
    }
    run { group(vec![(2, "a"), (1, "b"), (2, "c")]) }
}

twin! {
    /// Trait with associated type implemented for two types, lowered generic consumer holding `S::Out`.
    p29b_assoc_type_out_held {
        pub trait Source {
            type Out: Debug;
            fn make(&self, i: u32) -> Self::Out;
        }
        pub struct Strs;
        impl Source for Strs {
            type Out = String;
            fn make(&self, i: u32) -> String { format!("s{i}") }
        }
        pub struct Trk;
        impl Source for Trk {
            type Out = Tracker;
            fn make(&self, i: u32) -> Tracker { Tracker::new(if i == 0 { "k0" } else { "k1" }) }
        }
        lower! {
            pub async fn two<S: Source>(s: S) -> String {
                let a = s.make(0);
                step("a").await;
                let b = s.make(leaf("i", 1).await);
                step("b").await;
                format!("{a:?} {b:?}")
            }
        }
    }
    run { pair(two(Strs), two(Trk)) }
}

twin! {
    /// A generic retry helper over `F: FnMut() -> Fut, Fut: Future<Output = Result<T, E>>`.
    p29b_retry_generic_future_callback {
        lower! {
            pub async fn retry<F, Fut, T, E>(mut f: F, tries: u32) -> Result<T, E>
            where
                F: FnMut(u32) -> Fut,
                Fut: Future<Output = Result<T, E>>,
                E: Debug,
            {
                let mut n = 0;
                loop {
                    match f(n).await {
                        Ok(v) => return Ok(v),
                        Err(e) if n + 1 < tries => {
                            log(format!("retry after {e:?}"));
                            step("backoff").await;
                            n += 1;
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        pub async fn attempt(i: u32) -> Result<u32, String> {
            let v = leaf("try", i).await;
            if v < 2 { Err(format!("e{v}")) } else { Ok(v * 100) }
        }
    }
    run { pair(retry(attempt, 5), retry(attempt, 2)) }
}

twin! {
    /// `impl Future<Output = T>` argument awaited after other awaits, a Tracker alive meanwhile.
    p29b_impl_future_arg {
        lower! {
            pub async fn after<T: Debug>(fut: impl Future<Output = T>, t: Tracker) -> String {
                step("before").await;
                let v = fut.await;
                log(format!("with {:?}", t));
                format!("{v:?}")
            }
        }
    }
    run { after(leaf("inner", 42u16), Tracker::new("t")) }
}

twin! {
    /// A `Vec<Pin<Box<dyn Future<Output = T>>>>` awaited one by one in a generic fn.
    p29b_vec_boxed_futures_generic {
        lower! {
            pub async fn all<T>(futs: Vec<Pin<Box<dyn Future<Output = T>>>>) -> Vec<T> {
                let mut out = Vec::with_capacity(futs.len());
                for f in futs {
                    out.push(f.await);
                    step("next").await;
                }
                out
            }
        }
    }
    run { all(vec![Box::pin(leaf("a", 1u8)) as Pin<Box<dyn Future<Output = u8>>>, Box::pin(leaf("b", 2u8)), Box::pin(async { leaf("c", 3u8).await + 1 })]) }
}

twin! {
    /// An `AsyncFn` bound: a generic lowered fn calling an async closure several times.
    p29b_asyncfn_bound {
        lower! {
            pub async fn map_all<F>(xs: Vec<u32>, f: F) -> Vec<u32>
            where
                F: AsyncFn(u32) -> u32,
            {
                let mut out = Vec::new();
                for x in xs {
                    out.push(f(x).await);
                }
                out
            }
        }
        pub async fn go() -> Vec<u32> {
            let k = 10;
            map_all(vec![1, 2, 3], async |x| leaf("f", x * k).await).await
        }
    }
    run { go() }
}

twin! {
    /// An async closure stored in a local inside the lowered body, called after awaits.
    p29b_async_closure_local {
        lower! {
            pub async fn go(base: u32) -> u32 {
                let t = Tracker::new("cap");
                let add = async |x: u32| {
                    step("in-closure").await;
                    x + base + t.name().len() as u32
                };
                let a = add(leaf("a", 1).await).await;
                step("mid").await;
                a + add(2).await
            }
        }
    }
    run { go(100) }
}

twin! {
    /// `async fn` returning `impl Display` (RPIT), lowered, used by a caller.
    p29b_rpit_impl_display {
        lower! {
            pub async fn label(n: u32) -> impl Display {
                let v = leaf("n", n).await;
                step("fmt").await;
                format!("L{v}")
            }
        }
        pub async fn go() -> String {
            let a = label(3).await;
            format!("{a}!")
        }
    }
    run { go() }
}

twin! {
    /// `async fn` returning `impl Iterator<Item = u32>` over an owned Vec built across awaits.
    p29b_rpit_impl_iterator {
        lower! {
            pub async fn evens(n: u32) -> impl Iterator<Item = u32> {
                let mut v = Vec::new();
                for i in 0..n {
                    v.push(leaf("i", i).await);
                }
                v.into_iter().filter(|x| x % 2 == 0)
            }
        }
        pub async fn go() -> Vec<u32> {
            evens(6).await.collect()
        }
    }
    run { go() }
}

twin! {
    /// Const generic buffer `[u8; N]` declared in the body and filled across awaits.
    p29b_const_generic_local_buffer {
        lower! {
            pub async fn fill<const N: usize>(seed: u8) -> Vec<u8> {
                let mut buf = [0u8; N];
                for i in 0..N {
                    buf[i] = leaf("b", seed.wrapping_add(i as u8)).await;
                }
                step("done").await;
                buf.to_vec()
            }
        }
    }
    run { pair(fill::<3>(7), fill::<2>(250)) }
}

twin! {
    /// Nested `use`, `const` and helper `fn` items inside a lowered generic body.
    p29b_items_inside_body {
        lower! {
            pub async fn render<T: Display>(items: Vec<T>) -> String {
                use std::fmt::Write;
                const SEP: &str = ", ";
                fn wrap<U: Display>(u: U) -> String { format!("[{u}]") }
                let mut s = String::new();
                for (i, it) in items.iter().enumerate() {
                    step("w").await;
                    if i > 0 {
                        s.push_str(SEP);
                    }
                    write!(s, "{}", wrap(it)).unwrap();
                }
                leaf("s", s).await
            }
        }
    }
    run { render(vec![1, 2, 3]) }
}

twin! {
    /// A struct and its impl declared inside the lowered body, values held across awaits.
    p29b_struct_inside_body {
        lower! {
            pub async fn go(n: u32) -> u32 {
                struct Acc<T> {
                    total: T,
                }
                impl<T: std::ops::AddAssign + Copy> Acc<T> {
                    fn add(&mut self, x: T) { self.total += x; }
                }
                let mut a = Acc { total: 0u32 };
                for i in 0..n {
                    a.add(leaf("i", i).await);
                }
                step("end").await;
                a.total
            }
        }
    }
    run { go(5) }
}

twin! {
    /// A generic fn `make<T: Default>()` whose `T` is inferred only from a later awaited call.
    p29b_generic_return_inferred_later {
        pub fn make<T: Default>() -> T { T::default() }
        lower! {
            pub async fn eat(s: String, n: u16) -> String { leaf("eat", format!("{s}{n}")).await }
        }
        lower! {
            pub async fn go() -> String {
                let s = make();
                let n = make();
                step("made").await;
                eat(s, n).await
            }
        }
    }
    run { go() }
}

twin! {
    /// A closure whose parameter type is inferred from its first call after an await.
    p29b_closure_param_inferred_later {
        lower! {
            pub async fn go() -> (u8, String) {
                let dbl = |x| x + x;
                let fmt = |s| format!("<{}>", s);
                step("a").await;
                let a = dbl(leaf("a", 4u8).await);
                step("b").await;
                (a, fmt(String::from("x")))
            }
        }
    }
    run { go() }
}

twin! {
    /// `let x;` declared without a type, assigned after an await in both branches.
    p29b_deferred_init_generic {
        lower! {
            pub async fn pick<T: Clone>(a: T, b: T, first: bool) -> T {
                let x;
                step("s").await;
                if leaf("f", first).await {
                    x = a.clone();
                } else {
                    x = b.clone();
                }
                drop((a, b));
                step("e").await;
                x
            }
        }
    }
    run { pair(pick(Rc::new(Tracker::new("A")), Rc::new(Tracker::new("B")), true), pick(String::from("a"), String::from("b"), false)) }
}

twin! {
    /// `Result<T, Box<dyn Error>>` with `?` converting two error types across awaits.
    p29b_box_dyn_error_question {
        lower! {
            pub async fn load(a: &str, b: &str) -> Result<f64, Box<dyn std::error::Error>> {
                let _g = Tracker::new("g");
                let x: i64 = leaf("a", a).await.parse()?;
                step("mid").await;
                let y: f64 = leaf("b", b).await.parse()?;
                Ok(x as f64 + y)
            }
        }
        pub async fn go() -> Vec<String> {
            let mut out = Vec::new();
            for (a, b) in [("1", "2.5"), ("x", "1"), ("3", "y")] {
                out.push(match load(a, b).await { Ok(v) => v.to_string(), Err(e) => e.to_string() });
            }
            out
        }
    }
    run { go() }
}


twin! {
    /// `T: ?Sized` parameter `&T` with `T = str` and `[u8]`.
    p29b_unsized_param {
        lower! {
            pub async fn size<T: ?Sized + Debug>(x: &T, extra: usize) -> String {
                step("s").await;
                let n = leaf("n", std::mem::size_of_val(x)).await;
                format!("{x:?}:{}", n + extra)
            }
        }
    }
    run { pair(size("hello", 1), size(&[1u8, 2, 3][..], 0)) }
}

twin! {
    /// `max_by_key` returning a reference into a local Vec held across awaits.
    p29b_max_by_key_ref_local {
        lower! {
            pub async fn longest(words: Vec<String>) -> String {
                let best = words.iter().max_by_key(|w| w.len());
                step("found").await;
                let n = leaf("n", words.len()).await;
                format!("{:?}/{n}", best)
            }
        }
    }
    run { longest(vec![String::from("ab"), String::from("abcd"), String::from("abc")]) }
}

twin! {
    /// A borrowing iterator over a local Vec (`windows`) advanced across awaits.
    p29b_windows_local_across_await {
        lower! {
            pub async fn diffs(n: i32) -> Vec<i32> {
                let v: Vec<i32> = (0..n).map(|x| x * x).collect();
                let mut out = Vec::new();
                for w in v.windows(2) {
                    out.push(leaf("d", w[1] - w[0]).await);
                }
                step("end").await;
                out
            }
        }
    }
    run { diffs(5) }
}

twin! {
    /// `chunks` iterator held in a local across awaits, advanced by `next`.
    p29b_chunks_iter_local_next {
        lower! {
            pub async fn sums(v: Vec<u32>) -> Vec<u32> {
                let mut it = v.chunks(2);
                let mut out = Vec::new();
                step("start").await;
                while let Some(c) = it.next() {
                    let s = leaf("s", c.iter().sum::<u32>()).await;
                    out.push(s);
                }
                out
            }
        }
    }
    run { sums(vec![1, 2, 3, 4, 5]) }
}

twin! {
    /// `partition` into two Vecs with inferred element types, used after awaits.
    p29b_partition_unzip {
        lower! {
            pub async fn split(v: Vec<(u32, char)>) -> (Vec<u32>, String, usize) {
                let (nums, chars): (Vec<_>, Vec<_>) = v.into_iter().unzip();
                step("u").await;
                let (small, big): (Vec<u32>, Vec<u32>) = nums.into_iter().partition(|x| *x < leaf_sync(3));
                let s = leaf("s", chars.iter().collect::<String>()).await;
                (small, s, big.len())
            }
        }
        pub fn leaf_sync(x: u32) -> u32 { x }
    }
    run { split(vec![(1, 'a'), (5, 'b'), (2, 'c')]) }
}

twin! {
    /// `Weak` upgraded after awaits, once while alive and once after the strong drop.
    p29b_weak_upgrade_across {
        lower! {
            pub async fn go<T: Debug>(v: T) -> (bool, bool) {
                let strong = Rc::new(v);
                let weak = Rc::downgrade(&strong);
                step("a").await;
                let a = weak.upgrade().is_some();
                drop(strong);
                step("b").await;
                (a, leaf("b", weak.upgrade().is_some()).await)
            }
        }
    }
    run { go(Tracker::new("rc")) }
}

twin! {
    /// An `if let` on a `RefCell` borrow temporary whose block awaits: the `Ref` lives through it.
    p29b_refcell_iflet_temp_lives {
        lower! {
            pub async fn go(c: Rc<RefCell<Vec<u32>>>) -> (Option<u32>, bool) {
                if let Some(x) = c.borrow().first().copied() {
                    step("in").await;
                    let can = c.try_borrow_mut().is_ok();
                    return (Some(x), can);
                }
                step("out").await;
                (None, c.try_borrow_mut().is_ok())
            }
        }
    }
    run { pair(go(Rc::new(RefCell::new(vec![4, 5]))), go(Rc::new(RefCell::new(vec![])))) }
}

twin! {
    /// A `match` on a `RefCell` borrow's `len()` whose arm awaits: the `Ref` temporary outlives the await.
    p29b_refcell_match_temp_lives {
        lower! {
            pub async fn go(c: Rc<RefCell<Vec<Tracker>>>) -> bool {
                match c.borrow().len() {
                    0 => false,
                    _ => {
                        step("arm").await;
                        c.try_borrow_mut().is_ok()
                    }
                }
            }
        }
    }
    run { go(Rc::new(RefCell::new(vec![Tracker::new("in-cell")]))) }
}

twin! {
    /// Higher-ranked callback `F: for<'x> Fn(&'x str) -> &'x str` applied across awaits.
    p29b_hrtb_callback {
        lower! {
            pub async fn trim_all<F>(items: Vec<String>, f: F) -> Vec<String>
            where
                F: for<'x> Fn(&'x str) -> &'x str,
            {
                let mut out = Vec::new();
                for s in &items {
                    let t = f(s);
                    step("t").await;
                    out.push(leaf("o", t.to_string()).await);
                }
                out
            }
        }
    }
    run { trim_all(vec![String::from("  a "), String::from("b  ")], |s| s.trim()) }
}

twin! {
    /// `&mut impl FnMut` argument borrowed across awaits, counting in the caller.
    p29b_mut_ref_impl_fnmut {
        lower! {
            pub async fn each(n: u32, f: &mut impl FnMut(u32)) -> u32 {
                for i in 0..n {
                    f(leaf("i", i).await);
                }
                step("end").await;
                n
            }
        }
        pub async fn go() -> (u32, Vec<u32>) {
            let mut seen = Vec::new();
            let n = each(3, &mut |x| seen.push(x * 2)).await;
            (n, seen)
        }
    }
    run { go() }
}

twin! {
    /// Qualified paths `<T as Trait>::f()`, `T::CONST` and `<T>::default()` with awaits around.
    p29b_qualified_paths_assoc_const {
        pub trait Unit {
            const NAME: &'static str;
            fn unit() -> Self;
        }
        impl Unit for u32 {
            const NAME: &'static str = "u32";
            fn unit() -> u32 { 1 }
        }
        impl Unit for String {
            const NAME: &'static str = "string";
            fn unit() -> String { String::from("u") }
        }
        lower! {
            pub async fn describe<T: Unit + Debug + Default>() -> String {
                let u = <T as Unit>::unit();
                step("u").await;
                let d = <T>::default();
                let n = leaf("n", T::NAME).await;
                format!("{n}: {u:?} {d:?}")
            }
        }
    }
    run { pair(describe::<u32>(), describe::<String>()) }
}

twin! {
    /// Trait default method returning `Self` with `where Self: Sized`, lowered.
    p29b_trait_default_returns_self {
        pub trait Grow: Sized {
            fn bump(self, k: u32) -> Self;
            lower! {
                async fn bump_n(self, n: u32) -> Self {
                    let mut s = self;
                    for i in 0..n {
                        s = s.bump(leaf("k", i).await);
                    }
                    s
                }
            }
        }
        #[derive(Debug)]
        pub struct Num(pub u32, pub Tracker);
        impl Grow for Num {
            fn bump(self, k: u32) -> Self { Num(self.0 + k, self.1) }
        }
    }
    run { Num(1, Tracker::new("num")).bump_n(4) }
}

twin! {
    /// Trait with a generic `async fn get<T: FromStr>` implemented by a lowered method.
    p29b_trait_generic_async_method {
        pub trait Config {
            async fn get<T: std::str::FromStr>(&self, key: &str) -> Option<T>;
        }
        pub struct Env(pub Vec<(String, String)>, pub Tracker);
        impl Config for Env {
            lower! {
                async fn get<T: std::str::FromStr>(&self, key: &str) -> Option<T> {
                    step("lookup").await;
                    let raw = self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())?;
                    leaf("raw", raw).await.parse().ok()
                }
            }
        }
        pub async fn go() -> (Option<u16>, Option<bool>, Option<u8>) {
            let e = Env(vec![(String::from("port"), String::from("80")), (String::from("on"), String::from("true"))], Tracker::new("env"));
            let p = e.get("port").await;
            let o = e.get("on").await;
            let m = e.get("missing").await;
            (p, o, m)
        }
    }
    run { go() }
}

twin! {
    /// `impl<T: Debug> Trait for Vec<T>` with a lowered async method, called via a generic fn.
    p29b_trait_impl_for_vec {
        pub trait Dump {
            async fn dump(&self) -> String;
        }
        impl<T: Debug> Dump for Vec<T> {
            lower! {
                async fn dump(&self) -> String {
                    let mut s = String::new();
                    for x in self {
                        step("x").await;
                        s += &format!("{x:?};");
                    }
                    s
                }
            }
        }
        lower! {
            pub async fn both<A: Dump, B: Dump>(a: &A, b: &B) -> String {
                let x = a.dump().await;
                x + &b.dump().await
            }
        }
    }
    run { both(leak(vec![1, 2]), leak(vec![Tracker("q")])) }
}

twin! {
    /// A generic struct `Parser<'a, T>` with a lowered method returning `&'a T`.
    p29b_generic_lifetime_struct_method {
        pub struct Cursor<'a, T> {
            pub items: &'a [T],
            pub pos: usize,
        }
        impl<'a, T: Debug> Cursor<'a, T> {
            lower! {
                pub async fn next(&mut self) -> Option<&'a T> {
                    step("adv").await;
                    let it = self.items.get(self.pos)?;
                    self.pos += 1;
                    Some(it)
                }
            }
        }
        lower! {
            pub async fn go(v: &'static [Tracker]) -> Vec<&'static str> {
                let mut c = Cursor { items: v, pos: 0 };
                let a = c.next().await;
                let b = c.next().await;
                step("after").await;
                let rest = c.next().await;
                vec![a.unwrap().0, b.unwrap().0, if rest.is_none() { "none" } else { "some" }]
            }
        }
    }
    run { go(leak(vec![Tracker("x"), Tracker("y")])) }
}

twin! {
    /// `sort_by_key` / `dedup_by_key` closures over a generic Vec after awaits.
    p29b_sort_dedup_generic {
        lower! {
            pub async fn tidy<T, K>(mut v: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T>
            where
                K: Ord,
            {
                step("sort").await;
                v.sort_by_key(|x| key(x));
                let n = leaf("n", v.len()).await;
                v.dedup_by_key(|x| key(x));
                log(format!("from {n} to {}", v.len()));
                v
            }
        }
    }
    run { tidy(vec![Tracker("b"), Tracker("a"), Tracker("b"), Tracker("c")], |t| t.0) }
}

twin! {
    /// Builder generic over `T: Into<String>` chained with awaited arguments.
    p29b_builder_generic_into {
        #[derive(Debug, Default)]
        pub struct Req {
            pub url: String,
            pub headers: Vec<(String, String)>,
        }
        impl Req {
            pub fn url(mut self, u: impl Into<String>) -> Self { self.url = u.into(); self }
            pub fn header<K: Into<String>, V: Into<String>>(mut self, k: K, v: V) -> Self {
                self.headers.push((k.into(), v.into()));
                self
            }
        }
        lower! {
            pub async fn build() -> Req {
                let r = Req::default().url(leaf("u", "http://x").await);
                step("h").await;
                r.header("a", leaf("va", String::from("1")).await).header(String::from("b"), "2")
            }
        }
    }
    run { build() }
}

twin! {
    /// `matches!` and `vec![..]` with awaits inside, generic element type.
    p29b_macros_with_awaits_generic {
        lower! {
            pub async fn go<T: Clone + PartialEq + Debug>(a: T, b: T) -> (bool, Vec<T>) {
                let v = vec![leaf("a", a.clone()).await, leaf("b", b.clone()).await, a.clone()];
                let same = matches!(leaf("eq", a == b).await, true);
                step("end").await;
                (same, v)
            }
        }
    }
    run { pair(go(1u8, 1u8), go(String::from("p"), String::from("q"))) }
}

twin! {
    /// `Rc<dyn Trait>` shared between a local and a Vec, called after awaits.
    p29b_rc_dyn_trait {
        pub trait Speak {
            fn speak(&self) -> String;
        }
        pub struct Dog(pub Tracker);
        impl Speak for Dog {
            fn speak(&self) -> String { format!("woof {}", self.0.name()) }
        }
        lower! {
            pub async fn chorus(s: Rc<dyn Speak>, n: usize) -> Vec<String> {
                let all: Vec<Rc<dyn Speak>> = (0..n).map(|_| Rc::clone(&s)).collect();
                drop(s);
                let mut out = Vec::new();
                for a in &all {
                    out.push(leaf("s", a.speak()).await);
                }
                step("end").await;
                out
            }
        }
    }
    run { chorus(Rc::new(Dog(Tracker::new("dog"))), 2) }
}

twin! {
    /// `Box<dyn FnMut>` stored in a local and called across awaits, mutating a captured Vec.
    p29b_box_dyn_fnmut_local {
        lower! {
            pub async fn go(n: u32) -> usize {
                let mut log_v = Vec::new();
                {
                    let mut f: Box<dyn FnMut(u32) + '_> = Box::new(|x| log_v.push(x));
                    for i in 0..n {
                        f(leaf("i", i).await);
                    }
                    step("inner").await;
                }
                leaf("len", log_v.len()).await
            }
        }
    }
    run { go(3) }
}

twin! {
    /// Generic fn over `I: IntoIterator` where `I::IntoIter: DoubleEndedIterator`, `rev` across awaits.
    p29b_double_ended_bound {
        lower! {
            pub async fn backwards<I>(xs: I) -> Vec<I::Item>
            where
                I: IntoIterator,
                I::IntoIter: DoubleEndedIterator,
            {
                let mut out = Vec::new();
                let mut it = xs.into_iter().rev();
                while let Some(x) = it.next() {
                    step("x").await;
                    out.push(x);
                }
                out
            }
        }
    }
    run { backwards(vec![Tracker::new("a"), Tracker::new("b")]) }
}

twin! {
    /// `Iterator::fold` with an awaited initial value, `scan` over a local Vec.
    p29b_fold_scan_awaited_init {
        lower! {
            pub async fn go(v: Vec<u32>) -> (u32, Vec<u32>) {
                let total = v.iter().fold(leaf("init", 100).await, |a, x| a + x);
                step("s").await;
                let pref = v.iter().scan(0, |s, x| { *s += x; Some(*s) }).collect();
                (total, pref)
            }
        }
    }
    run { go(vec![1, 2, 3]) }
}

twin! {
    /// `HashSet<T>` generic dedup with sorted output, insert results logged across awaits.
    p29b_hashset_generic_dedup {
        lower! {
            pub async fn uniq<T: Hash + Eq + Ord + Clone + Debug>(v: Vec<T>) -> Vec<T> {
                let mut seen = HashSet::new();
                let mut out = Vec::new();
                for x in v {
                    let fresh = seen.insert(x.clone());
                    step("ins").await;
                    if fresh {
                        out.push(x);
                    }
                }
                out.sort();
                out
            }
        }
    }
    run { uniq(vec![3, 1, 3, 2, 1]) }
}

twin! {
    /// `VecDeque<T>` work queue in a generic BFS-like loop with awaits.
    p29b_vecdeque_generic_queue {
        lower! {
            pub async fn process<T: Debug, F: Fn(&T) -> Vec<T>>(start: T, expand: F, limit: usize) -> Vec<String> {
                let mut q = VecDeque::from([start]);
                let mut out = Vec::new();
                while let Some(x) = q.pop_front() {
                    step("pop").await;
                    if out.len() >= limit {
                        break;
                    }
                    q.extend(expand(&x));
                    out.push(format!("{x:?}"));
                }
                out
            }
        }
    }
    run { process(1u32, |x| if *x < 4 { vec![x * 2, x * 2 + 1] } else { vec![] }, 5) }
}

twin! {
    /// `Option<&mut T>` from `iter_mut().find` modified after an await.
    p29b_iter_mut_find_modify {
        lower! {
            pub async fn bump(v: &mut Vec<(String, u32)>, key: &str) -> bool {
                let slot = v.iter_mut().find(|(k, _)| k == key);
                step("found").await;
                match slot {
                    Some((_, n)) => {
                        *n += leaf("inc", 5).await;
                        true
                    }
                    None => false,
                }
            }
        }
        pub async fn go() -> Vec<(String, u32)> {
            let mut v = vec![(String::from("a"), 1), (String::from("b"), 2)];
            bump(&mut v, "b").await;
            bump(&mut v, "z").await;
            v
        }
    }
    run { go() }
}

twin! {
    /// Generic drop type with a `T` field: `mem::replace` swaps across awaits, both old values logged.
    p29b_generic_drop_replace {
        pub struct Slot<T: Debug>(pub T, pub &'static str);
        impl<T: Debug> Drop for Slot<T> {
            fn drop(&mut self) { log(format!("drop slot {} {:?}", self.1, self.0)) }
        }
        lower! {
            pub async fn go<T: Debug>(a: T, b: T, c: T) -> String {
                let mut s = Slot(a, "s");
                step("1").await;
                let old = std::mem::replace(&mut s, Slot(b, "t"));
                step("2").await;
                s = Slot(leaf("c", c).await, "u");
                drop(old);
                step("3").await;
                format!("{:?}", s.0)
            }
        }
    }
    run { go(1u8, 2u8, 3u8) }
}

twin! {
    /// Generic drop guard moved into a returned tuple on one path, dropped on another.
    p29b_generic_guard_moved_out_one_path {
        pub struct Lease<T: Debug>(pub T);
        impl<T: Debug> Drop for Lease<T> {
            fn drop(&mut self) { log(format!("release {:?}", self.0)) }
        }
        impl<T: Debug> Debug for Lease<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "Lease({:?})", self.0) }
        }
        lower! {
            pub async fn get<T: Debug>(v: T, keep: bool) -> Option<Lease<T>> {
                let l = Lease(v);
                step("got").await;
                if leaf("keep", keep).await {
                    return Some(l);
                }
                step("drop-path").await;
                None
            }
        }
    }
    run { pair(get("a", true), get("b", false)) }
}

twin! {
    /// A local shadowed three times with different inferred types across awaits.
    p29b_shadow_retype_across_awaits {
        lower! {
            pub async fn go<T: Display>(x: T) -> usize {
                let x = leaf("x", x).await;
                step("a").await;
                let x = x.to_string();
                step("b").await;
                let x = x.len();
                leaf("n", x).await
            }
        }
    }
    run { go(12345u32) }
}

twin! {
    /// A closure borrowing a local Vec stored across awaits, the Vec pushed to after the closure's last use.
    p29b_closure_borrow_then_mutate {
        lower! {
            pub async fn go<T: Clone + Debug>(a: T, b: T) -> Vec<T> {
                let mut v = vec![a];
                let first = |i: usize| v[i].clone();
                step("a").await;
                let f = first(leaf("i", 0).await);
                v.push(b);
                step("b").await;
                v.push(f);
                v
            }
        }
    }
    run { go(String::from("a"), String::from("b")) }
}

twin! {
    /// Destructuring a generic struct by `let` after an await, both fields Trackers.
    p29b_generic_struct_destructure {
        pub struct Pair<A, B> {
            pub a: A,
            pub b: B,
        }
        lower! {
            pub async fn swap<A: Debug, B: Debug>(p: Pair<A, B>) -> Pair<B, A> {
                step("s").await;
                let Pair { a, b } = p;
                step("t").await;
                Pair { a: leaf("b", b).await, b: a }
            }
        }
        pub async fn go() -> String {
            let p = swap(Pair { a: Tracker::new("A"), b: 7u32 }).await;
            format!("{:?} {:?}", p.a, p.b)
        }
    }
    run { go() }
}

twin! {
    /// `let ... else` over a generic `Option<T>` with an await in the else branch.
    p29b_let_else_generic {
        lower! {
            pub async fn need<T: Debug>(o: Option<T>, t: Tracker) -> String {
                let Some(x) = o else {
                    step("else").await;
                    return format!("none {}", t.name());
                };
                step("some").await;
                format!("{x:?}")
            }
        }
    }
    run { pair(need(Some(Tracker::new("v")), Tracker::new("t1")), need(None::<u8>, Tracker::new("t2"))) }
}

twin! {
    /// Labeled block `'b: { .. break 'b v .. }` with awaits and a generic value.
    p29b_labeled_block_break_value {
        lower! {
            pub async fn pick<T: Clone>(xs: Vec<T>, want: usize) -> Option<T> {
                let r = 'b: {
                    for (i, x) in xs.iter().enumerate() {
                        step("i").await;
                        if i == want {
                            break 'b Some(leaf("x", x.clone()).await);
                        }
                    }
                    None
                };
                step("after").await;
                r
            }
        }
    }
    run { pair(pick(vec![Tracker("a"), Tracker("b")].into_iter().map(|t| t.0).collect(), 1), pick(vec![1u8], 4)) }
}

twin! {
    /// `&mut dyn Iterator<Item = T>` held across awaits.
    p29b_dyn_iterator_mut_ref {
        lower! {
            pub async fn take_n<T: Debug>(it: &mut dyn Iterator<Item = T>, n: usize) -> Vec<String> {
                let mut out = Vec::new();
                for _ in 0..n {
                    step("n").await;
                    match it.next() {
                        Some(x) => out.push(format!("{x:?}")),
                        None => break,
                    }
                }
                out
            }
        }
        pub async fn go() -> (Vec<String>, Vec<String>) {
            let mut it = (1..).map(|x| x * 3);
            let a = take_n(&mut it, 2).await;
            let b = take_n(&mut it, 2).await;
            (a, b)
        }
    }
    run { go() }
}

twin! {
    /// A closure returning a closure, the inner one called after awaits.
    p29b_closure_returning_closure {
        lower! {
            pub async fn go(k: u32) -> u32 {
                let make = |m: u32| move |x: u32| x * m + k;
                let f = make(leaf("m", 3).await);
                step("f").await;
                let g = make(2);
                f(leaf("x", 1).await) + g(5)
            }
        }
    }
    run { go(10) }
}

twin! {
    /// A newtype `Wrapper<T>` with `Deref` to `Vec<T>`, methods reached through it after awaits.
    p29b_newtype_deref_generic {
        pub struct Wrapper<T>(pub Vec<T>);
        impl<T> std::ops::Deref for Wrapper<T> {
            type Target = Vec<T>;
            fn deref(&self) -> &Vec<T> { &self.0 }
        }
        impl<T> std::ops::DerefMut for Wrapper<T> {
            fn deref_mut(&mut self) -> &mut Vec<T> { &mut self.0 }
        }
        lower! {
            pub async fn go<T: Debug>(mut w: Wrapper<T>, extra: T) -> String {
                let n = w.len();
                step("n").await;
                let extra = leaf("e", extra).await;
                w.push(extra);
                format!("{n} {:?} {:?}", w.first(), w.last())
            }
        }
    }
    run { go(Wrapper(vec![Tracker::new("w0")]), Tracker::new("w1")) }
}

twin! {
    /// Mutual recursion between two lowered generic fns through `Box::pin`.
    p29b_mutual_recursion_boxpin {
        lower! {
            pub async fn even<T: Copy + Debug>(n: u32, tag: T) -> bool {
                if n == 0 {
                    log(format!("even bottom {tag:?}"));
                    return true;
                }
                step("e").await;
                Box::pin(odd(n - 1, tag)).await
            }
        }
        lower! {
            pub async fn odd<T: Copy + Debug>(n: u32, tag: T) -> bool {
                if n == 0 {
                    return false;
                }
                leaf("o", ()).await;
                Box::pin(even(n - 1, tag)).await
            }
        }
    }
    run { pair(even(3, 'x'), odd(3, 7u8)) }
}

twin! {
    /// A generic enum holding `T` or a boxed `Fn() -> T`, resolved across awaits.
    p29b_generic_enum_lazy {
        pub enum Lazy<T> {
            Ready(T),
            Later(Box<dyn Fn() -> T>),
        }
        lower! {
            pub async fn force<T: Debug>(items: Vec<Lazy<T>>) -> Vec<T> {
                let mut out = Vec::new();
                for l in items {
                    let v = match l {
                        Lazy::Ready(v) => v,
                        Lazy::Later(f) => {
                            step("compute").await;
                            f()
                        }
                    };
                    out.push(leaf("v", v).await);
                }
                out
            }
        }
    }
    run { force(vec![Lazy::Ready(1u32), Lazy::Later(Box::new(|| 2)), Lazy::Ready(3)]) }
}

twin! {
    /// A user `Iterator` with a `Drop` used by a `for` with awaits and an early `break`.
    p29b_user_iterator_drop_break {
        pub struct Count<T> {
            pub n: u32,
            pub tag: T,
        }
        impl<T> Iterator for Count<T> {
            type Item = u32;
            fn next(&mut self) -> Option<u32> {
                self.n += 1;
                if self.n < 10 { Some(self.n) } else { None }
            }
        }
        impl<T> Drop for Count<T> {
            fn drop(&mut self) { log(format!("drop count at {}", self.n)) }
        }
        lower! {
            pub async fn go<T>(tag: T) -> u32 {
                let mut s = 0;
                for x in (Count { n: 0, tag }) {
                    s += leaf("x", x).await;
                    if s > 5 {
                        break;
                    }
                }
                step("after").await;
                s
            }
        }
    }
    run { go(Tracker::new("tag")) }
}

twin! {
    /// `impl<'a, T> IntoIterator for &'a Bag<T>` used by `for x in &bag` with awaits.
    p29b_into_iter_for_ref_bag {
        pub struct Bag<T> {
            pub items: Vec<T>,
            pub g: Tracker,
        }
        impl<'a, T> IntoIterator for &'a Bag<T> {
            type Item = &'a T;
            type IntoIter = std::slice::Iter<'a, T>;
            fn into_iter(self) -> Self::IntoIter { self.items.iter() }
        }
        lower! {
            pub async fn show<T: Display>(bag: Bag<T>) -> String {
                let mut s = String::new();
                for x in &bag {
                    s += &leaf("x", x.to_string()).await;
                }
                step("end").await;
                s
            }
        }
    }
    run { show(Bag { items: vec![1, 2, 3], g: Tracker::new("bag") }) }
}

twin! {
    /// A user `FromIterator` type as the inferred `collect()` target, fixed by a later call.
    p29b_user_fromiterator_collect {
        #[derive(Debug)]
        pub struct Total(pub u64);
        impl FromIterator<u64> for Total {
            fn from_iter<I: IntoIterator<Item = u64>>(it: I) -> Self { Total(it.into_iter().sum()) }
        }
        pub fn show(t: Total) -> String { format!("total={}", t.0) }
        lower! {
            pub async fn go(v: Vec<u64>) -> String {
                let t = v.into_iter().map(|x| x * 2).collect();
                step("c").await;
                let s = leaf("s", show(t)).await;
                s
            }
        }
    }
    run { go(vec![1, 2, 3]) }
}

twin! {
    /// `?` inside a closure returning `Option` inside a lowered fn, with awaits around.
    p29b_question_in_closure {
        lower! {
            pub async fn go(v: Vec<&str>) -> Vec<Option<u32>> {
                let parse2 = |s: &str| -> Option<u32> {
                    let (a, b) = s.split_once(',')?;
                    Some(a.parse::<u32>().ok()? + b.parse::<u32>().ok()?)
                };
                let mut out = Vec::new();
                for s in v {
                    let s = leaf("s", s).await;
                    out.push(parse2(s));
                }
                out
            }
        }
    }
    run { go(vec!["1,2", "x", "3,z", "4,5"]) }
}

twin! {
    /// `collect::<Result<Vec<_>, _>>()?` after awaits, the error type generic.
    p29b_collect_result_question {
        lower! {
            pub async fn parse_all<T>(v: Vec<String>) -> Result<Vec<T>, T::Err>
            where
                T: std::str::FromStr,
            {
                step("start").await;
                let out = v.iter().map(|s| s.parse::<T>()).collect::<Result<Vec<_>, _>>()?;
                leaf("n", out.len()).await;
                Ok(out)
            }
        }
        pub async fn go() -> (String, String) {
            let a = parse_all::<u8>(vec![String::from("1"), String::from("2")]).await;
            let b = parse_all::<u8>(vec![String::from("1"), String::from("300")]).await;
            (format!("{a:?}"), format!("{b:?}"))
        }
    }
    run { go() }
}

twin! {
    /// A generic error type with two `From` bounds, `?` on both inside a lowered fn.
    p29b_generic_error_two_from {
        #[derive(Debug)]
        pub enum AppErr {
            Parse(String),
            Neg(i64),
        }
        impl From<std::num::ParseIntError> for AppErr {
            fn from(e: std::num::ParseIntError) -> Self { AppErr::Parse(e.to_string()) }
        }
        #[derive(Debug)]
        pub struct Negative(pub i64);
        impl From<Negative> for AppErr {
            fn from(n: Negative) -> Self { AppErr::Neg(n.0) }
        }
        pub fn check(x: i64) -> Result<i64, Negative> { if x < 0 { Err(Negative(x)) } else { Ok(x) } }
        lower! {
            pub async fn run_it<E>(s: &str) -> Result<i64, E>
            where
                E: From<std::num::ParseIntError> + From<Negative>,
            {
                let _g = Tracker::new("g");
                let x = leaf("s", s).await.parse::<i64>()?;
                step("chk").await;
                let y = check(x)?;
                Ok(y * 2)
            }
        }
    }
    run {
        async {
            let a = run_it::<AppErr>("4").await;
            let b = run_it::<AppErr>("-4").await;
            let c = run_it::<AppErr>("q").await;
            format!("{a:?} {b:?} {c:?}")
        }
    }
}

twin! {
    /// `match x.cmp(&y.await)` on `Ordering` with awaits in arms, generic `T: Ord`.
    p29b_ordering_match_generic {
        lower! {
            pub async fn compare<T: Ord + Debug>(x: T, y: T) -> String {
                match x.cmp(&leaf("y", y).await) {
                    std::cmp::Ordering::Less => format!("lt {:?}", leaf("x", x).await),
                    std::cmp::Ordering::Equal => {
                        step("eq").await;
                        String::from("eq")
                    }
                    std::cmp::Ordering::Greater => format!("gt {x:?}"),
                }
            }
        }
    }
    run { pair(compare(1, 2), compare(String::from("b"), String::from("a"))) }
}

twin! {
    /// `iter::from_fn` with a captured counter, the iterator held across awaits.
    p29b_iter_from_fn_across {
        lower! {
            pub async fn go(limit: u32) -> Vec<u32> {
                let mut c = 0;
                let mut it = std::iter::from_fn(move || {
                    c += 1;
                    if c <= limit { Some(c * c) } else { None }
                });
                let mut out = Vec::new();
                while let Some(x) = it.next() {
                    out.push(leaf("x", x).await);
                }
                out
            }
        }
    }
    run { go(3) }
}

twin! {
    /// `successors`, `take_while`, `step_by`, `chain` and `flat_map` chained, iterated with awaits.
    p29b_iter_chain_kitchen_sink {
        lower! {
            pub async fn go(seed: u32) -> Vec<u32> {
                let it = std::iter::successors(Some(seed), |x| Some(x * 2))
                    .take_while(|x| *x < 100)
                    .step_by(2)
                    .chain([7, 8])
                    .flat_map(|x| [x, x + 1]);
                let mut out = Vec::new();
                for x in it {
                    step("x").await;
                    out.push(x);
                }
                out
            }
        }
    }
    run { go(3) }
}

twin! {
    /// `where` clauses on both the impl and the lowered method of a generic struct.
    p29b_where_on_impl_and_method {
        pub struct Table<K, V> {
            pub rows: Vec<(K, V)>,
        }
        impl<K, V> Table<K, V>
        where
            K: PartialEq + Debug,
        {
            lower! {
                pub async fn lookup_fmt<Q>(&self, key: &Q) -> Option<String>
                where
                    K: PartialEq<Q>,
                    V: Display,
                    Q: ?Sized,
                {
                    for (k, v) in &self.rows {
                        step("row").await;
                        if k == key {
                            return Some(leaf("v", v.to_string()).await);
                        }
                    }
                    None
                }
            }
        }
    }
    run {
        let t: &'static Table<String, u32> = leak(Table { rows: vec![(String::from("a"), 1), (String::from("b"), 2)] });
        pair(t.lookup_fmt("b"), t.lookup_fmt("z"))
    }
}

twin! {
    /// A lowered `async fn new(..) -> Self` constructor on a generic struct, then a lowered method.
    p29b_generic_async_constructor {
        pub struct Pool<T> {
            pub free: Vec<T>,
            pub g: Tracker,
        }
        impl<T: Clone + Debug> Pool<T> {
            lower! {
                pub async fn new(proto: T, n: usize) -> Self {
                    let mut free = Vec::new();
                    for _ in 0..n {
                        free.push(leaf("mk", proto.clone()).await);
                    }
                    Self { free, g: Tracker::new("pool") }
                }
            }
            lower! {
                pub async fn take(&mut self) -> Option<T> {
                    step("take").await;
                    self.free.pop()
                }
            }
        }
        pub async fn go() -> (Option<String>, usize) {
            let mut p = Pool::new(String::from("conn"), 2).await;
            let a = p.take().await;
            (a, p.free.len())
        }
    }
    run { go() }
}

twin! {
    /// `self: Box<Self>` lowered method of a generic struct moving a `T` field out.
    p29b_generic_box_self {
        pub struct Job<T> {
            pub payload: T,
            pub meta: Tracker,
        }
        impl<T: Debug> Job<T> {
            lower! {
                pub async fn run(self: Box<Self>) -> T {
                    step("run").await;
                    log(format!("meta {:?}", self.meta));
                    let p = self.payload;
                    leaf("p", p).await
                }
            }
        }
    }
    run { Box::new(Job { payload: Tracker::new("payload"), meta: Tracker::new("meta") }).run() }
}

twin! {
    /// Struct update with `..Default::default()` of a generic struct, fields awaited.
    p29b_struct_update_default_generic {
        #[derive(Debug, Default)]
        pub struct Opts<T> {
            pub a: T,
            pub b: T,
            pub name: String,
        }
        lower! {
            pub async fn make<T: Default + Debug>(a: T) -> Opts<T> {
                step("m").await;
                Opts { a: leaf("a", a).await, name: leaf("n", String::from("x")).await, ..Default::default() }
            }
        }
    }
    run { make(5u8) }
}

twin! {
    /// A struct holding an iterator and `Option<I::Item>` with a lowered peek-like method.
    p29b_struct_with_assoc_item_field {
        pub struct Ahead<I: Iterator> {
            pub it: I,
            pub next: Option<I::Item>,
        }
        impl<I: Iterator> Ahead<I>
        where
            I::Item: Debug,
        {
            lower! {
                pub async fn advance(&mut self) -> Option<I::Item> {
                    step("adv").await;
                    let cur = self.next.take();
                    self.next = self.it.next();
                    cur
                }
            }
        }
        pub async fn go() -> Vec<String> {
            let mut a = Ahead { it: vec![Tracker::new("x"), Tracker::new("y")].into_iter(), next: None };
            a.advance().await;
            let mut out = Vec::new();
            while let Some(t) = a.advance().await {
                out.push(format!("{t:?}"));
            }
            out
        }
    }
    run { go() }
}

twin! {
    /// A lending-style trait with a GAT `type Item<'a>`, used by a lowered generic fn.
    p29b_gat_lending_trait {
        pub trait Lend {
            type Item<'a> where Self: 'a;
            fn get(&mut self, i: usize) -> Option<Self::Item<'_>>;
        }
        pub struct Buf(pub Vec<String>);
        impl Lend for Buf {
            type Item<'a> = &'a mut String;
            fn get(&mut self, i: usize) -> Option<&mut String> { self.0.get_mut(i) }
        }
        lower! {
            pub async fn touch_all(b: &mut Buf) -> Vec<String> {
                let mut i = 0;
                loop {
                    step("i").await;
                    match b.get(i) {
                        Some(s) => s.push('!'),
                        None => break,
                    }
                    i = leaf("i", i + 1).await;
                }
                b.0.clone()
            }
        }
    }
    run { touch_all(leak(Buf(vec![String::from("a"), String::from("b")]))) }
}

twin! {
    /// Labeled nested loops with `continue 'outer` over generic rows, awaits at each level.
    p29b_labeled_nested_generic {
        lower! {
            pub async fn first_neg_rows<T: PartialOrd + Default + Copy + Debug>(rows: Vec<Vec<T>>) -> Vec<usize> {
                let mut out = Vec::new();
                'outer: for (i, r) in rows.iter().enumerate() {
                    step("row").await;
                    for x in r {
                        if leaf("x", *x).await < T::default() {
                            out.push(i);
                            continue 'outer;
                        }
                    }
                    log(format!("row {i} clean"));
                }
                out
            }
        }
    }
    run { first_neg_rows(vec![vec![1i32, -2, 3], vec![4, 5], vec![-1]]) }
}

twin! {
    /// An `async move` block capturing generic values, created before awaits and awaited after.
    p29b_async_block_generic_capture {
        lower! {
            pub async fn go<T: Clone + Debug>(x: T, t: Tracker) -> String {
                let fut = async move {
                    step("inner").await;
                    format!("{:?}/{}", x, t.name())
                };
                step("outer").await;
                let s = fut.await;
                leaf("s", s).await
            }
        }
    }
    run { go(vec![1u8, 2], Tracker::new("cap")) }
}

twin! {
    /// `std::future::ready` and `poll_fn` awaited in a generic fn.
    p29b_ready_and_poll_fn {
        lower! {
            pub async fn go<T: Clone + Debug>(x: T) -> (T, u32) {
                let a = std::future::ready(x.clone()).await;
                let mut polls = 0;
                let b = std::future::poll_fn(|cx| {
                    polls += 1;
                    if polls < 3 {
                        cx.waker().wake_by_ref();
                        std::task::Poll::Pending
                    } else {
                        std::task::Poll::Ready(polls)
                    }
                })
                .await;
                step("end").await;
                (a, b)
            }
        }
    }
    run { go(String::from("r")) }
}

twin! {
    /// `Option<Box<dyn Fn(u32) -> u32>>` hook called if present, across awaits.
    p29b_optional_hook {
        lower! {
            pub async fn run_hooked(x: u32, hook: Option<Box<dyn Fn(u32) -> u32>>) -> u32 {
                let v = leaf("v", x).await;
                step("hook").await;
                match &hook {
                    Some(h) => h(v) + leaf("w", 1).await,
                    None => v,
                }
            }
        }
    }
    run { pair(run_hooked(3, Some(Box::new(|v| v * 100))), run_hooked(3, None)) }
}

twin! {
    /// `Arc<Mutex<Vec<T>>>` locked briefly between awaits in generic code.
    p29b_arc_mutex_generic {
        lower! {
            pub async fn push_all<T: Debug>(m: Arc<std::sync::Mutex<Vec<T>>>, items: Vec<T>) -> String {
                for it in items {
                    let it = leaf("it", it).await;
                    m.lock().unwrap().push(it);
                    step("pushed").await;
                }
                let n = m.lock().unwrap().len();
                format!("{n} {:?}", m.lock().unwrap().last())
            }
        }
    }
    run { push_all(Arc::new(std::sync::Mutex::new(Vec::new())), vec![Tracker::new("m1"), Tracker::new("m2")]) }
}

twin! {
    /// `RefCell<HashMap<K, V>>` with entry API in a short borrow, sorted read-out after awaits.
    p29b_refcell_hashmap_generic {
        lower! {
            pub async fn count<K: Hash + Eq + Ord + Clone + Debug>(cell: &RefCell<HashMap<K, u32>>, keys: Vec<K>) -> Vec<(K, u32)> {
                for k in keys {
                    let k = leaf("k", k).await;
                    *cell.borrow_mut().entry(k).or_default() += 1;
                }
                step("read").await;
                let mut v: Vec<_> = cell.borrow().iter().map(|(k, v)| (k.clone(), *v)).collect();
                v.sort();
                v
            }
        }
    }
    run { count(leak(RefCell::new(HashMap::new())), vec!['x', 'y', 'x']) }
}

twin! {
    /// A generic guard in a loop with `continue`: each iteration's guard dropped before the next.
    p29b_generic_guard_loop_continue {
        pub struct G<T: Debug>(pub T);
        impl<T: Debug> Drop for G<T> {
            fn drop(&mut self) { log(format!("drop G {:?}", self.0)) }
        }
        lower! {
            pub async fn go<T: Debug + Clone>(xs: Vec<T>) -> usize {
                let mut n = 0;
                for x in xs {
                    let g = G(x);
                    step("it").await;
                    if n % 2 == 0 {
                        n += 1;
                        continue;
                    }
                    let _inner = G(leaf("c", g.0.clone()).await);
                    n += 1;
                }
                n
            }
        }
    }
    run { go(vec!["a", "b", "c"]) }
}

twin! {
    /// `impl<T: Display> Display for Wrapper<T>` formatted after awaits.
    p29b_display_impl_generic {
        pub struct Tagged<T>(pub &'static str, pub T);
        impl<T: Display> Display for Tagged<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{}={}", self.0, self.1) }
        }
        lower! {
            pub async fn render<T: Display>(items: Vec<Tagged<T>>) -> String {
                let mut parts = Vec::new();
                for t in &items {
                    step("t").await;
                    parts.push(t.to_string());
                }
                leaf("j", parts.join(",")).await
            }
        }
    }
    run { render(vec![Tagged("a", 1.5), Tagged("b", 2.0)]) }
}

twin! {
    /// Numeric generic `T: Add<Output = T> + Copy + Default` summing awaited values.
    p29b_numeric_generic_add {
        lower! {
            pub async fn total<T>(xs: &[T]) -> T
            where
                T: std::ops::Add<Output = T> + Copy + Default,
            {
                let mut acc = T::default();
                for &x in xs {
                    acc = acc + leaf("x", x).await;
                }
                acc
            }
        }
    }
    run { pair(total(leak(vec![1u8, 2, 3])), total(leak(vec![0.5f64, 0.25]))) }
}

twin! {
    /// A `for` over `Iterator<Item = Result<T, E>>` with `?` per element and awaits.
    p29b_for_results_question {
        lower! {
            pub async fn sum_ok<E: Debug>(items: Vec<Result<u32, E>>) -> Result<u32, E> {
                let _g = Tracker::new("sum-guard");
                let mut s = 0;
                for r in items {
                    let v = r?;
                    s += leaf("v", v).await;
                }
                Ok(s)
            }
        }
    }
    run { pair(sum_ok::<String>(vec![Ok(1), Ok(2)]), sum_ok(vec![Ok(1), Err(String::from("bad")), Ok(3)])) }
}

twin! {
    /// `Option<T>::take` and `replace` on a generic field of `&mut` param across awaits.
    p29b_option_take_replace_field {
        pub struct Holder<T> {
            pub cur: Option<T>,
        }
        lower! {
            pub async fn rotate<T: Debug>(h: &mut Holder<T>, next: T) -> Option<T> {
                let old = h.cur.take();
                step("took").await;
                let prev = h.cur.replace(leaf("n", next).await);
                log(format!("prev {:?}", prev));
                old
            }
        }
        pub async fn go() -> String {
            let mut h = Holder { cur: Some(Tracker::new("first")) };
            let a = rotate(&mut h, Tracker::new("second")).await;
            let b = rotate(&mut h, Tracker::new("third")).await;
            format!("{a:?} {b:?} {:?}", h.cur)
        }
    }
    run { go() }
}

twin! {
    /// `mem::take` on a generic `Vec<T>` behind `&mut` across awaits.
    p29b_mem_take_generic_vec {
        lower! {
            pub async fn drain_all<T: Debug>(v: &mut Vec<T>) -> Vec<String> {
                let items = std::mem::take(v);
                step("taken").await;
                let mut out = Vec::new();
                for it in items {
                    out.push(leaf("it", format!("{it:?}")).await);
                }
                out
            }
        }
    }
    run { drain_all(leak(vec![Tracker::new("d1"), Tracker::new("d2")])) }
}

twin! {
    /// `min`/`max`/`clamp` of a generic `T: Ord` against awaited values.
    p29b_min_max_clamp_awaited {
        lower! {
            pub async fn bound<T: Ord + Copy + Debug>(x: T, lo: T, hi: T) -> (T, T, T) {
                let a = x.min(leaf("hi", hi).await);
                let b = leaf("lo", lo).await.max(x);
                let c = x.clamp(lo, leaf("hi2", hi).await);
                (a, b, c)
            }
        }
    }
    run { pair(bound(5, 1, 3), bound('m', 'a', 'z')) }
}

twin! {
    /// A lowered fn returning a tuple of two references into its input.
    p29b_return_tuple_of_refs {
        lower! {
            pub async fn ends<'a, T: Debug>(v: &'a [T]) -> Option<(&'a T, &'a T)> {
                let f = v.first()?;
                step("f").await;
                let l = v.last()?;
                leaf("l", ()).await;
                Some((f, l))
            }
        }
    }
    run { pair(ends(leak(vec![Tracker("e1"), Tracker("e2"), Tracker("e3")])), ends(leak(Vec::<u8>::new()))) }
}

twin! {
    /// A lowered fn returning `&'a mut T`, written through by the caller after an await.
    p29b_return_mut_ref {
        lower! {
            pub async fn slot<'a, T>(v: &'a mut Vec<T>, i: usize) -> &'a mut T {
                step("slot").await;
                let i = leaf("i", i).await;
                &mut v[i]
            }
        }
        lower! {
            pub async fn go() -> Vec<u32> {
                let mut v = vec![1, 2, 3];
                let s = slot(&mut v, 1).await;
                step("write").await;
                *s += 40;
                v
            }
        }
    }
    run { go() }
}

twin! {
    /// `Cow::to_mut` on a generic `Cow<'_, [T]>` after an await.
    p29b_cow_slice_to_mut {
        lower! {
            pub async fn patch<T: Clone + Debug>(v: &[T], fix: Option<T>) -> String {
                let mut c = Cow::Borrowed(v);
                step("c").await;
                if let Some(f) = fix {
                    c.to_mut().push(leaf("f", f).await);
                }
                let owned = matches!(c, Cow::Owned(_));
                format!("{:?} {owned}", c)
            }
        }
    }
    run { pair(patch(leak(vec![1u8, 2]), Some(3)), patch(leak(vec![1u8]), None)) }
}

twin! {
    /// A generic `Option<T>` set to `None` after an await drops its `T` there.
    p29b_option_set_none_drop {
        lower! {
            pub async fn go<T: Debug>(x: T, y: T) -> String {
                let mut a = Some(x);
                let b = Some(y);
                step("a").await;
                a = None;
                step("b").await;
                format!("{:?} {:?}", a, leaf("b", b).await)
            }
        }
    }
    run { go(Tracker::new("x"), Tracker::new("y")) }
}

twin! {
    /// A lowered `async fn` in a blanket impl `impl<T: Debug> Ping for T`, used on two types.
    p29b_blanket_impl_async_method {
        pub trait Ping {
            async fn ping(&self, n: u32) -> String;
        }
        impl<T: Debug> Ping for T {
            lower! {
                async fn ping(&self, n: u32) -> String {
                    let _t = Tracker::new("ping");
                    step("p").await;
                    format!("{:?}x{}", self, leaf("n", n).await)
                }
            }
        }
        lower! {
            pub async fn go() -> String {
                let a = 5u8.ping(1).await;
                let t = Tracker::new("target");
                let b = t.ping(2).await;
                a + &b
            }
        }
    }
    run { go() }
}

twin! {
    /// A trait default async method generic over `F: FnMut(u32)` calling a required method.
    p29b_trait_default_generic_callback {
        pub trait Numbers {
            async fn nth(&self, i: u32) -> Option<u32>;
            lower! {
                async fn each<F: FnMut(u32)>(&self, mut f: F) -> u32 {
                    let mut i = 0;
                    while let Some(x) = self.nth(i).await {
                        f(x);
                        i += 1;
                    }
                    i
                }
            }
        }
        pub struct Sq(pub u32);
        impl Numbers for Sq {
            lower! {
                async fn nth(&self, i: u32) -> Option<u32> {
                    step("nth").await;
                    if i < self.0 { Some(i * i) } else { None }
                }
            }
        }
        pub async fn go() -> (u32, Vec<u32>) {
            let mut seen = Vec::new();
            let n = Sq(3).each(|x| seen.push(x)).await;
            (n, seen)
        }
    }
    run { go() }
}

twin! {
    /// Tuple parameter pattern `(a, b): (T, U)` and a struct parameter pattern of a generic struct.
    p29b_param_patterns_generic {
        pub struct Pair<T> {
            pub left: T,
            pub right: T,
        }
        lower! {
            pub async fn go<T: Debug, U: Debug>((a, b): (T, U), Pair { left, right }: Pair<T>) -> String {
                step("s").await;
                let x = format!("{b:?} {left:?}");
                drop(left);
                step("t").await;
                format!("{x} {:?} {:?}", leaf("a", a).await, right)
            }
        }
    }
    run { go((Tracker::new("a"), 1u8), Pair { left: Tracker::new("l"), right: Tracker::new("r") }) }
}

twin! {
    /// `std::array::from_fn` into `[T; N]`, held across awaits and consumed by `array::map`.
    p29b_array_from_fn_map {
        lower! {
            pub async fn go<const N: usize>(base: u32) -> Vec<String> {
                let arr: [u32; N] = std::array::from_fn(|i| base + i as u32);
                step("made").await;
                let k = leaf("k", 10).await;
                let out = arr.map(|x| format!("{}", x * k));
                out.to_vec()
            }
        }
    }
    run { go::<3>(1) }
}

twin! {
    /// A `for<'a> &'a C: IntoIterator` bound, iterating a generic collection by reference with awaits.
    p29b_hrtb_ref_into_iterator {
        lower! {
            pub async fn sum_ref<C>(c: C) -> u32
            where
                for<'a> &'a C: IntoIterator<Item = &'a u32>,
            {
                let mut s = 0;
                for x in &c {
                    s += leaf("x", *x).await;
                }
                step("end").await;
                s
            }
        }
    }
    run { pair(sum_ref(vec![1, 2, 3]), sum_ref(BTreeSet::from([4, 5]))) }
}

twin! {
    /// A generic struct with a default type parameter and a lowered method using `Self::` items.
    p29b_default_type_param_self_items {
        pub struct Counter<T = u32> {
            pub n: T,
        }
        impl<T: Copy + std::ops::Add<Output = T> + From<u8> + Debug> Counter<T> {
            pub const STEP: u8 = 2;
            pub fn make(n: T) -> Self { Counter { n } }
            lower! {
                pub async fn advance(self, times: u32) -> Self {
                    let mut c = self;
                    for _ in 0..times {
                        step("adv").await;
                        c = Self::make(c.n + T::from(Self::STEP));
                    }
                    c
                }
            }
        }
        pub async fn go() -> (u32, u64) {
            let a: Counter = Counter::make(1);
            let b = Counter::make(10u64);
            (a.advance(2).await.n, b.advance(1).await.n)
        }
    }
    run { go() }
}

twin! {
    /// A temporary generic guard as a `match` scrutinee (`make().value`), arms awaiting.
    p29b_generic_temp_scrutinee_guard {
        pub struct Guarded<T: Debug> {
            pub value: T,
        }
        impl<T: Debug> Drop for Guarded<T> {
            fn drop(&mut self) { log(format!("drop guarded {:?}", self.value)) }
        }
        pub fn make<T: Debug>(v: T) -> Guarded<T> { Guarded { value: v } }
        lower! {
            pub async fn go<T: Debug + Copy + PartialEq>(v: T, want: T) -> u32 {
                match make(v).value == want {
                    true => {
                        step("yes").await;
                        1
                    }
                    false => leaf("no", 0).await,
                }
            }
        }
    }
    run { pair(go(3u8, 3u8), go('a', 'b')) }
}

twin! {
    /// A generic local lent to a trait's awaited `&mut self` method, then consumed by the trait's `close(self)`.
    p29b_generic_conn_query_close {
        pub trait Conn {
            async fn query(&mut self, q: &str) -> usize;
            fn close(self) -> String;
        }
        pub struct Mem(pub Vec<String>, pub Tracker);
        impl Conn for Mem {
            lower! {
                async fn query(&mut self, q: &str) -> usize {
                    step("q").await;
                    self.0.push(q.to_string());
                    self.0.len()
                }
            }
            fn close(self) -> String { self.0.join("|") }
        }
        lower! {
            pub async fn session<C: Conn>(mut c: C) -> (usize, String) {
                let n = c.query("a").await + c.query("b").await;
                step("between").await;
                let m = c.query("c").await;
                (n + m, c.close())
            }
        }
    }
    run { session(Mem(Vec::new(), Tracker::new("conn"))) }
}

twin! {
    /// A local of generic type borrowed across an await (`let r = x.as_ref()`) then moved by `map`.
    p29b_generic_borrow_then_map {
        lower! {
            pub async fn go<T: Debug>(x: Option<T>, t: Tracker) -> Option<String> {
                let r = x.as_ref();
                step("a").await;
                log(format!("peek {r:?} {:?}", t));
                let out = x.map(|v| format!("{v:?}"));
                step("b").await;
                out
            }
        }
    }
    run { go(Some(Tracker::new("inner")), Tracker::new("t")) }
}

twin! {
    /// `Box<dyn Any>` borrowed by `downcast_ref` across an await, then taken by `Box::downcast` (path form).
    p29b_any_downcast_path_form {
        lower! {
            pub async fn kind(v: Box<dyn std::any::Any>) -> String {
                let r = v.downcast_ref::<u32>().copied();
                let peek = v.downcast_ref::<String>();
                step("look").await;
                log(format!("{r:?} {peek:?}"));
                match <Box<dyn std::any::Any>>::downcast::<String>(v) {
                    Ok(s) => format!("string {s}"),
                    Err(_) => String::from("other"),
                }
            }
        }
    }
    run { pair(kind(Box::new(5u32)), kind(Box::new(String::from("hi")))) }
}

twin! {
    /// Minimal: `downcast` method call on a `Box<dyn Any>` that a `downcast_ref` result borrows across an await.
    p29b_any_downcast_method_min {
        lower! {
            pub async fn go(v: Box<dyn std::any::Any>) -> String {
                let r = v.downcast_ref::<u32>();
                step("a").await;
                log(format!("{r:?}"));
                match v.downcast::<String>() {
                    Ok(s) => format!("string {s}"),
                    Err(_) => String::from("other"),
                }
            }
        }
    }
    run { pair(go(Box::new(5u32)), go(Box::new(String::from("s")))) }
}

twin! {
    /// A generic `peekable` iterator whose `peek()` result lives across an await, then consumed by `for_each`.
    p29b_peek_across_then_for_each {
        lower! {
            pub async fn go<T: Debug>(v: Vec<T>) -> Vec<String> {
                let mut it = v.into_iter().peekable();
                let head = it.peek();
                step("peeked").await;
                log(format!("head {head:?}"));
                let mut out = Vec::new();
                it.for_each(|x| out.push(format!("{x:?}")));
                leaf("n", out.len()).await;
                out
            }
        }
    }
    run { go(vec![Tracker::new("a"), Tracker::new("b")]) }
}

twin! {
    /// A generic `peekable` iterator whose `peek()` result lives across an await, then consumed by `last()`.
    p29b_peek_across_then_last {
        lower! {
            pub async fn go<T: Debug>(v: Vec<T>) -> Option<T> {
                let mut it = v.into_iter().peekable();
                let head = it.peek();
                step("peeked").await;
                log(format!("head {head:?}"));
                let l = it.last();
                step("end").await;
                l
            }
        }
    }
    run { go(vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]) }
}
