//! Generic functions: lifetimes, type parameters, where clauses, `impl Trait` arguments,
//! references in and out.
use crate::prelude::*;
use std::fmt::Debug;

twin! {
    /// Type parameters with bounds and a where clause, a closure parameter, a borrowed slice.
    type_params_and_where {
        lower! {
            pub async fn describe_all<'a, T, F>(items: &'a [T], mut f: F) -> Vec<String>
            where
                T: Debug + Clone,
                F: FnMut(&T) -> u32,
            {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    let weight = leaf("weight", f(item)).await;
                    let copy = item.clone();
                    step("after-clone").await;
                    out.push(format!("{copy:?}x{weight}"));
                }
                out
            }
        }
    }
    run {
        let items: &'static [(u8, char)] = leak(vec![(1, 'a'), (2, 'b')]);
        describe_all(items, |(n, _)| *n as u32 * 10)
    }
}

twin! {
    /// `impl Trait` arguments (`Into`, `IntoIterator`, `AsRef<str>`, `Debug`).
    impl_trait_arguments {
        lower! {
            pub async fn total(start: impl Into<u64>, items: impl IntoIterator<Item = u32>, label: impl AsRef<str>, extra: impl Debug) -> String {
                let mut acc: u64 = start.into();
                for x in items {
                    acc += leaf("x", x as u64).await;
                }
                step("label").await;
                format!("{}={acc} {extra:?}", label.as_ref())
            }
        }
    }
    run { total(7u8, vec![1, 2, 3], String::from("sum"), Tracker("extra")) }
}

twin! {
    /// Lifetimes in and out: the output borrows an argument, two lifetimes with an outlives
    /// bound, a `&mut` argument updated across awaits.
    lifetimes {
        lower! {
            pub async fn longest<'a>(a: &'a str, b: &'a str) -> &'a str {
                let la = leaf("len-a", a.len()).await;
                let lb = leaf("len-b", b.len()).await;
                if la >= lb { a } else { b }
            }
        }
        lower! {
            pub async fn push_all<'v, 's: 'v>(target: &'v mut Vec<&'s str>, words: &'s str) -> usize {
                for w in words.split(' ') {
                    log(format!("word {w}"));
                    step("word").await;
                    target.push(w);
                }
                target.len()
            }
        }
    }
    run {
        let v: &'static mut Vec<&'static str> = leak(Vec::new());
        pair(longest("short", "longer"), push_all(v, "one two three"))
    }
}

/// A trait with an associated type, for the body below.
pub trait Store {
    type Key: Debug + Copy;
    fn key(&self, i: usize) -> Self::Key;
}

pub struct Numbers;

impl Store for Numbers {
    type Key = u64;
    fn key(&self, i: usize) -> u64 {
        i as u64 * 11
    }
}

twin! {
    /// A generic over a trait with an associated type, a const generic, and `?Sized`.
    associated_types_and_const_generics {
        lower! {
            pub async fn keys<S: Store + ?Sized, const N: usize>(store: &S) -> [Option<S::Key>; N] {
                let mut out = [None; N];
                for (i, slot) in out.iter_mut().enumerate() {
                    *slot = Some(leaf("key", store.key(i)).await);
                }
                out
            }
        }
    }
    run { keys::<Numbers, 3>(&Numbers) }
}

twin! {
    /// An `async fn` returning `impl Trait` (the output type is opaque too), with
    /// `#[must_use]` and a doc attribute on the function.
    returns_impl_trait {
        lower! {
            /// Documented.
            #[must_use]
            pub async fn numbers(n: u32) -> impl Iterator<Item = u32> + std::fmt::Debug {
                let mut v = Vec::new();
                for i in 0..n {
                    v.push(leaf("i", i * 3).await);
                }
                v.into_iter().rev()
            }
        }
    }
    run { numbers(3) }
}

twin! {
    /// Locals of generic types borrowed across awaits (frame slots of a generic type), an
    /// `impl Trait` argument iterated by reference, and a borrowed result with the
    /// argument's lifetime.
    generic_locals_borrowed_across_awaits {
        lower! {
            pub async fn f<'a, T: Debug + PartialOrd>(items: Vec<T>, extra: impl IntoIterator<Item = T>, text: &'a str) -> (Vec<String>, &'a str) {
                let mut all = items;
                all.extend(extra);
                let mut out = Vec::new();
                for x in &all {
                    step("item").await;
                    out.push(format!("{x:?}"));
                }
                let largest = all.iter().fold(None::<&T>, |m, x| match m {
                    Some(m) if m >= x => Some(m),
                    _ => Some(x),
                });
                step("after-fold").await;
                out.push(format!("max {largest:?}"));
                let word = text.split(' ').nth(1).unwrap_or(text);
                step("word").await;
                (out, word)
            }
        }
    }
    run { f(vec![Tracker("b"), Tracker("a")], vec![Tracker("c")], "hello big world") }
}

twin! {
    /// Methods of a generic `impl<T>` that take `self` by value or a `T`, and lend what
    /// they own across awaits (`count(&self.items).await`, `let r = &x;`): the lowered
    /// function cannot ask `T` to outlive the borrow, as the native one does not.
    generic_impl_methods_lend_across_awaits {
        pub async fn count_all<T: Debug>(v: &[T]) -> usize {
            step("count").await;
            v.len()
        }
        pub struct Bag<T> { pub items: Vec<T>, pub tag: Tracker }
        impl<T: Debug + Clone> Bag<T> {
            lower! {
                pub async fn total(self) -> usize {
                    count_all(&self.items).await + self.items.len()
                }
            }
            lower! {
                pub async fn label(self, prefix: &str) -> String {
                    let first = self.items.first();
                    step("first").await;
                    format!("{prefix}{first:?}")
                }
            }
            lower! {
                pub async fn with(x: T, tag: &'static str) -> Bag<T> {
                    let r = &x;
                    step("with").await;
                    Bag { items: vec![r.clone(), x], tag: Tracker(tag) }
                }
            }
            lower! {
                pub async fn push_twice(&mut self, x: T) -> usize {
                    let r = &x;
                    step("push").await;
                    self.items.push(r.clone());
                    self.items.push(x);
                    self.items.len()
                }
            }
        }
    }
    run {
        async {
            let mut b = Bag::with(String::from("x"), "bag").await;
            let n = b.push_twice(String::from("y")).await;
            let l = Bag { items: vec![1u8, 2], tag: Tracker("l") }.label("p:").await;
            (n, l, b.total().await)
        }
    }
}

twin! {
    /// A trait's `async fn` taking `self` and a `&str`, implemented for a generic type by a
    /// lowered method that holds a reference to `self` across an await.
    generic_trait_impl_self_by_value {
        pub trait Describe {
            async fn describe(self, sep: &str) -> String;
        }
        pub struct Pair<A, B>(pub A, pub B);
        impl<A: Debug, B: Debug> Describe for Pair<A, B> {
            lower! {
                async fn describe(self, sep: &str) -> String {
                    let left = &self.0;
                    let a = leaf("a", format!("{left:?}")).await;
                    let b = leaf("b", format!("{:?}", self.1)).await;
                    format!("{a}{sep}{b}")
                }
            }
        }
    }
    run { Pair(Tracker("l"), vec![Tracker("r")]).describe(" | ") }
}
