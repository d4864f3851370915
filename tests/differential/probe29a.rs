//! Probe round 29a: Rust 2024 and newer syntax and std APIs inside async bodies, written as
//! a current Rust programmer would: `if let .. && ..` and `while let .. && ..` chains with
//! awaits in every link, `let .. else` with awaits in the scrutinee and the else block,
//! async closures (`async |x|`, `async move ||`, `AsyncFn`/`AsyncFnMut`/`AsyncFnOnce`
//! bounds), `IntoFuture` types, `std::future::{ready, poll_fn}`, `std::pin::pin!`, labelled
//! block expressions, inline `const { .. }`, `matches!`, `Option`/`Result` combinators, `?`
//! on `Option`, `impl Trait` and `use<..>` returns, async fn in traits, boxed futures,
//! `iter::{from_fn, successors, repeat_n, zip}`, slice and `@` patterns, `if`/`else if`
//! chains of awaited conditions, destructuring assignment, edition 2024 `if let` rescoping
//! and `Box<[T]>` by-value iteration, `#[expect]` on statements, raw borrows.
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::{Cell, RefCell};
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::future::{poll_fn, ready, IntoFuture};
#[allow(unused_imports)]
use std::pin::pin;
#[allow(unused_imports)]
use std::task::Poll;

twin! {
    /// `if let Some(x) = a && let Ok(y) = parse(..).await && y > 2`: the chain awaits in its
    /// second link, with a guard alive across it; run once taken and once falling to `else`.
    p29a_let_chain_await_second_link {
        lower! {
            pub async fn parse(s: &'static str) -> Result<u32, String> {
                step("parse").await;
                s.parse::<u32>().map_err(|e| e.to_string())
            }
        }
        lower! {
            pub async fn f(a: Option<&'static str>) -> u32 {
                let _g = Tracker::new("g");
                if let Some(s) = a && let Ok(y) = parse(s).await && y > 2 {
                    step("then").await;
                    y * 10
                } else {
                    leaf("else", 1).await
                }
            }
        }
    }
    run { pair(f(Some("7")), pair(f(Some("x")), f(None))) }
}

twin! {
    /// A let chain binding a `Tracker` from an awaited `Option` and then failing on a later
    /// awaited `bool`: the bound tracker must drop before the `else` block runs.
    p29a_let_chain_tracker_then_fail {
        lower! {
            pub async fn f(ok: bool) -> &'static str {
                let _outer = Tracker::new("outer");
                if let Some(t) = leaf("get", Some(Tracker::new("bound"))).await
                    && leaf("check", ok).await
                {
                    step("then").await;
                    t.name()
                } else {
                    log("in else");
                    step("else").await;
                    "none"
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `while let Some(x) = it.next() && leaf(..).await`: the loop stops on the awaited link.
    p29a_while_let_chain_awaited_link {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let mut it = v.into_iter();
                let mut sum = 0;
                while let Some(x) = it.next() && leaf("keep?", x < 4).await {
                    let _t = Tracker::new("iter");
                    sum += leaf("x", x).await;
                }
                log(format!("left {}", it.len()));
                sum
            }
        }
    }
    run { f(vec![1, 2, 3, 5, 1]) }
}

twin! {
    /// `while let Some(top) = stack.pop() && let Some(n) = top.checked_sub(1)` with a push
    /// after an await in the body.
    p29a_while_let_two_lets_stack {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut stack = vec![0u32, 3, 2];
                let mut seen = Vec::new();
                while let Some(top) = stack.pop() && let Some(n) = top.checked_sub(1) {
                    seen.push(leaf("n", n).await);
                    if n > 1 {
                        stack.push(n);
                    }
                }
                seen.push(stack.len() as u32);
                seen
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Some(v) = leaf(..).await else { .. }` whose `else` block awaits a cleanup with a
    /// tracker before `return`.
    p29a_let_else_await_both_sides {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _g = Tracker::new("g");
                let Some(v) = leaf("lookup", (n > 1).then_some(n * 10)).await else {
                    let _e = Tracker::new("else");
                    step("cleanup").await;
                    return 0;
                };
                v + leaf("more", 1).await
            }
        }
    }
    run { pair(f(3), f(1)) }
}

twin! {
    /// `let .. else` in a `for` loop whose `else` awaits and `continue`s; a tracker per
    /// iteration.
    p29a_let_else_continue_in_for {
        lower! {
            pub async fn f(items: Vec<&'static str>) -> u32 {
                let mut total = 0;
                for s in items {
                    let _it = Tracker::new("it");
                    let Ok(n) = s.parse::<u32>() else {
                        log(format!("skip {s}"));
                        step("skip").await;
                        continue;
                    };
                    total += leaf("n", n).await;
                }
                total
            }
        }
    }
    run { f(vec!["1", "x", "20", "", "3"]) }
}

twin! {
    /// `let Pair(Some(a), b) = leaf(..).await else { .. }`: a tuple struct pattern with a
    /// `Tracker` field bound by value in a `let .. else`.
    p29a_let_else_tuple_struct_tracker {
        pub struct Pair(pub Option<u32>, pub Tracker);
        lower! {
            pub async fn f(x: Option<u32>) -> u32 {
                let Pair(Some(a), b) = leaf("pair", Pair(x, Tracker::new("b"))).await else {
                    step("none").await;
                    return 99;
                };
                step("after").await;
                log(format!("have {}", b.name()));
                a
            }
        }
    }
    run { pair(f(Some(4)), f(None)) }
}

twin! {
    /// `let [first, .., last] = leaf(..).await.as_slice() else { .. }`: a slice pattern over
    /// a borrowed awaited `Vec` in `let .. else`.
    p29a_let_else_slice_pattern {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let data = leaf("data", v).await;
                let [first, .., last] = data.as_slice() else {
                    step("short").await;
                    return 0;
                };
                let a = leaf("first", *first).await;
                a + *last
            }
        }
    }
    run { pair(f(vec![1, 2, 3, 9]), f(vec![5])) }
}

twin! {
    /// An async closure capturing a local tracker and a copied value by reference, called
    /// twice with awaits between the calls.
    p29a_async_closure_called_twice {
        lower! {
            pub async fn f() -> u32 {
                let base = leaf("base", 5).await;
                let t = Tracker::new("cap");
                let add = async |x: u32| {
                    step("in").await;
                    log(format!("cap {}", t.name()));
                    x + base
                };
                let a = add(1).await;
                step("mid").await;
                let b = add(2).await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `async move ||` that moves a captured tracker out when called once (`AsyncFnOnce`).
    p29a_async_move_closure_once {
        lower! {
            pub async fn f() -> &'static str {
                let t = Tracker::new("moved");
                let _keep = Tracker::new("keep");
                let c = async move || {
                    step("c").await;
                    t
                };
                step("before").await;
                let got = c().await;
                step("after").await;
                got.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered helper generic over `impl AsyncFnMut(u32) -> u32` driven with an async
    /// closure that mutates a captured counter.
    p29a_asyncfnmut_counter {
        lower! {
            pub async fn apply_all(mut f: impl AsyncFnMut(u32) -> u32, xs: &[u32]) -> u32 {
                let mut s = 0;
                for &x in xs {
                    s += f(x).await;
                }
                s
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut count = 0;
                let s = apply_all(async |x| {
                    count += 1;
                    leaf("x", x * 2).await
                }, &[1, 2, 3]).await;
                s + count * 100
            }
        }
    }
    run { go() }
}

twin! {
    /// `where F: AsyncFn(u32) -> Option<u32>` with `?` on the closure's awaited result.
    p29a_asyncfn_where_option_q {
        lower! {
            pub async fn chain<F>(f: F, x: u32) -> Option<u32>
            where
                F: AsyncFn(u32) -> Option<u32>,
            {
                let _g = Tracker::new("chain");
                let a = f(x).await?;
                let b = f(a).await?;
                Some(a + b)
            }
        }
        lower! {
            pub async fn go(start: u32) -> Option<u32> {
                chain(async |x| {
                    step("half").await;
                    (x % 2 == 0).then_some(x / 2)
                }, start).await
            }
        }
    }
    run { pair(go(8), go(6)) }
}

twin! {
    /// A lowered helper taking `impl AsyncFnOnce() -> Tracker` called with an `async move`
    /// closure that owns a tracker.
    p29a_asyncfnonce_param {
        lower! {
            pub async fn run_once(f: impl AsyncFnOnce() -> Tracker) -> &'static str {
                let _g = Tracker::new("runner");
                step("pre").await;
                let t = f().await;
                t.name()
            }
        }
        lower! {
            pub async fn go() -> &'static str {
                let t = Tracker::new("owned");
                let name = run_once(async move || {
                    step("inside").await;
                    t
                }).await;
                step("end").await;
                name
            }
        }
    }
    run { go() }
}

twin! {
    /// An async closure stored in a struct field and called twice through `(w.job)(x)`.
    p29a_async_closure_in_struct_field {
        pub struct Worker<F> { pub name: &'static str, pub job: F }
        lower! {
            pub async fn f() -> u32 {
                let k = leaf("k", 3).await;
                let w = Worker { name: "w", job: async |x: u32| { step("job").await; x * k } };
                let _t = Tracker::new(w.name);
                let a = (w.job)(2).await;
                let b = (w.job)(a).await;
                b
            }
        }
    }
    run { f() }
}

twin! {
    /// An `IntoFuture` builder (as `reqwest`'s `send`): options set by methods, then the
    /// builder itself awaited; its `IntoFuture` is a `Leaf`.
    p29a_into_future_builder_leaf {
        pub struct Get { pub key: &'static str, pub retries: u32, pub guard: Tracker }
        impl Get {
            pub fn new(key: &'static str) -> Self { Get { key, retries: 0, guard: Tracker::new("req") } }
            pub fn retries(mut self, n: u32) -> Self { self.retries = n; self }
        }
        impl IntoFuture for Get {
            type Output = u32;
            type IntoFuture = Leaf<u32>;
            fn into_future(self) -> Leaf<u32> {
                log(format!("into_future {}", self.guard.name()));
                leaf(self.key, self.retries * 10)
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let a = Get::new("a").retries(2).await;
                let req = Get::new("b");
                step("between").await;
                let b = req.retries(a).await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// An `IntoFuture` type whose future is a boxed `async move` block owning the value.
    p29a_into_future_boxed_owner {
        pub struct Job { pub n: u32, pub g: Tracker }
        impl IntoFuture for Job {
            type Output = u32;
            type IntoFuture = Pin<Box<dyn Future<Output = u32>>>;
            fn into_future(self) -> Self::IntoFuture {
                Box::pin(async move {
                    step("job").await;
                    let _g = self.g;
                    self.n * 2
                })
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let j = Job { n: 3, g: Tracker::new("job") };
                let _l = Tracker::new("local");
                step("before").await;
                j.await + leaf("after", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `IntoFuture` on a reference (`impl IntoFuture for &Cfg`), awaited twice on the same
    /// local.
    p29a_into_future_for_ref {
        pub struct Cfg { pub base: u32, pub g: Tracker }
        impl<'a> IntoFuture for &'a Cfg {
            type Output = u32;
            type IntoFuture = Leaf<u32>;
            fn into_future(self) -> Leaf<u32> { leaf("cfg", self.base) }
        }
        lower! {
            pub async fn f() -> u32 {
                let c = Cfg { base: 4, g: Tracker::new("cfg") };
                let a = (&c).await;
                step("mid").await;
                let b = (&c).await;
                a * b
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::future::ready(..)` awaited between leaves, one of them holding a tracker.
    p29a_future_ready_values {
        lower! {
            pub async fn f() -> u32 {
                let a = ready(2).await;
                let t = ready(Tracker::new("ready")).await;
                let b = leaf("b", a + 1).await;
                log(format!("t {}", t.name()));
                ready(a * b).await + leaf("c", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `poll_fn` with a closure that counts polls and wakes itself, a local it mutates, and
    /// leaves before and after.
    p29a_poll_fn_counting {
        lower! {
            pub async fn f() -> u32 {
                let mut polled = 0;
                step("pre").await;
                let v = poll_fn(|cx| {
                    polled += 1;
                    log(format!("poll_fn {polled}"));
                    if polled < 3 {
                        cx.waker().wake_by_ref();
                        Poll::Pending
                    } else {
                        Poll::Ready(polled * 10)
                    }
                })
                .await;
                v + leaf("post", polled).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `poll_fn` wrapping a `Leaf` with `std::task::ready!` and mapping its output.
    p29a_poll_fn_ready_macro {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let mut inner = leaf("inner", 7);
                let v = poll_fn(|cx| {
                    let x = std::task::ready!(Pin::new(&mut inner).poll(cx));
                    Poll::Ready(x + 1)
                })
                .await;
                step("after").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `let mut fut = pin!(leaf(..))` then `fut.as_mut().await` after another await.
    p29a_pin_macro_as_mut {
        lower! {
            pub async fn f() -> u32 {
                let mut fut = pin!(leaf("pinned", 4));
                step("before").await;
                let x = fut.as_mut().await;
                x + leaf("after", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `pin!` of a lowered async fn's future, awaited by `(&mut fut).await` with a tracker
    /// alive in the caller.
    p29a_pin_macro_lowered_callee {
        lower! {
            pub async fn helper(n: u32) -> u32 {
                let _h = Tracker::new("helper");
                step("h").await;
                n * 3
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let mut fut = pin!(helper(2));
                let a = leaf("a", 1).await;
                let b = (&mut fut).await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `pin!` of a future polled once by `poll_fn` (started but not finished), then finished
    /// by `.await` on the pinned reference.
    p29a_pin_poll_fn_then_await {
        lower! {
            pub async fn f() -> u32 {
                let mut fut = pin!(leaf("slow", 9));
                let first = poll_fn(|cx| Poll::Ready(fut.as_mut().poll(cx).is_ready())).await;
                log(format!("first ready {first}"));
                step("mid").await;
                if first { 0 } else { fut.await }
            }
        }
    }
    run { f() }
}

twin! {
    /// A labelled block `'a: { .. break 'a v .. }` with awaits in the condition, in the
    /// broken value and after the breaks, and a tracker inside the block.
    p29a_labelled_block_awaits {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let v = 'a: {
                    let _t = Tracker::new("blk");
                    if leaf("c1", n > 2).await {
                        break 'a leaf("early", 1).await;
                    }
                    step("mid").await;
                    if n == 0 {
                        break 'a 0;
                    }
                    n * 2
                };
                v + leaf("after", 100).await
            }
        }
    }
    run { pair(f(5), pair(f(0), f(1))) }
}

twin! {
    /// Nested labelled blocks, the inner one breaking the outer one from an awaited `match`.
    p29a_labelled_block_nested_break_outer {
        lower! {
            pub async fn f(k: u32) -> &'static str {
                let _g = Tracker::new("g");
                'outer: {
                    let _o = Tracker::new("o");
                    let inner = 'inner: {
                        let _i = Tracker::new("i");
                        match leaf("k", k).await {
                            0 => break 'outer "zero",
                            1 => break 'inner "one",
                            _ => {}
                        }
                        step("in").await;
                        "many"
                    };
                    step("after inner").await;
                    inner
                }
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}

twin! {
    /// A labelled block inside a `loop`, `break 'blk` leaving only the block and `break`
    /// leaving the loop (`break 'outer`).
    p29a_labelled_block_in_loop {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut out = Vec::new();
                let mut i = 0;
                'outer: loop {
                    i += 1;
                    let r = 'blk: {
                        if i % 2 == 0 {
                            break 'blk leaf("even", i).await;
                        }
                        if i > 4 {
                            break 'outer;
                        }
                        step("odd").await;
                        i * 10
                    };
                    out.push(r);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Inline `const { .. }` blocks: in an operand of an awaited leaf and as an array
    /// repeat operand for a non-`Copy` element type.
    p29a_inline_const_blocks {
        lower! {
            pub async fn f() -> usize {
                let k = leaf("k", const { 3 * 4 }).await;
                let mut slots = [const { Vec::<Tracker>::new() }; 3];
                slots[1].push(Tracker::new("s1"));
                step("mid").await;
                slots[2].push(Tracker::new("s2"));
                let n = leaf("n", slots.iter().map(Vec::len).sum::<usize>()).await;
                k as usize + n
            }
        }
    }
    run { f() }
}

twin! {
    /// `matches!` on an awaited scrutinee, with a guard, and with a tracker in the
    /// scrutinee that drops at the end of the statement.
    p29a_matches_awaited {
        lower! {
            pub async fn f(n: u32) -> (bool, bool) {
                let a = matches!(leaf("m", Some(n)).await, Some(x) if x > 2);
                let b = matches!(leaf("t", Some(Tracker::new("scrut"))).await, Some(Tracker("scrut")));
                step("after").await;
                (a, b)
            }
        }
    }
    run { pair(f(3), f(1)) }
}

twin! {
    /// `if matches!(..await, ..) && matches!(..await, ..)` with `|` patterns.
    p29a_matches_in_if_chain {
        lower! {
            pub async fn f(a: u32, b: char) -> u32 {
                let _g = Tracker::new("g");
                if matches!(leaf("a", a).await, 1 | 3 | 5) && matches!(leaf("b", b).await, 'a'..='f') {
                    leaf("yes", 1).await
                } else {
                    2
                }
            }
        }
    }
    run { pair(f(3, 'c'), pair(f(3, 'z'), f(2, 'a'))) }
}

twin! {
    /// `Option`/`bool` combinators on awaited values: `is_some_and`, `map_or`, `zip`,
    /// `then_some`, `ok_or_else`, `is_none_or`.
    p29a_option_combinators {
        lower! {
            pub async fn f(n: u32) -> (bool, u32, Option<(u32, u32)>, Result<u32, String>, bool) {
                let a = leaf("a", Some(n)).await.is_some_and(|x| x > 2);
                let b = leaf("b", n.checked_sub(2)).await.map_or(0, |x| x * 10);
                let c = leaf("c", Some(n)).await.zip((n % 2 == 0).then_some(n + 1));
                let d = leaf("d", (n > 1).then_some(n)).await.ok_or_else(|| format!("small {n}"));
                let e = leaf("e", None::<u32>).await.is_none_or(|x| x > n);
                (a, b, c, d, e)
            }
        }
    }
    run { pair(f(4), f(1)) }
}

twin! {
    /// Combinator closures that capture a tracker by reference and a local mutated between
    /// awaits (`Option::inspect`, `filter`, `unwrap_or_else`).
    p29a_combinator_closures_capture {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let mut hits = 0;
                let x = leaf("x", Some(5)).await
                    .inspect(|v| log(format!("saw {v} with {}", t.name())))
                    .filter(|v| *v > 3);
                hits += 1;
                let y = leaf("y", None::<u32>).await.unwrap_or_else(|| {
                    hits += 1;
                    hits * 100
                });
                step("end").await;
                x.unwrap_or(0) + y + hits
            }
        }
    }
    run { f() }
}

twin! {
    /// `Result` combinators on awaited values: `is_ok_and`, `inspect_err`, `map_err`,
    /// `and_then` chaining an error, then `?` with a `&'static str` error.
    p29a_result_combinators_q {
        lower! {
            pub async fn f(s: &'static str) -> Result<u32, &'static str> {
                let _g = Tracker::new("g");
                let r = leaf("parse", s.parse::<u32>()).await;
                let ok = r.as_ref().is_ok_and(|v| *v > 1);
                log(format!("ok {ok}"));
                let v = r
                    .inspect_err(|e| log(format!("err {e}")))
                    .map_err(|_| "bad number")?;
                let w = leaf("check", v.checked_mul(1000).ok_or("overflow")).await?;
                Ok(w + leaf("tail", 1).await)
            }
        }
    }
    run { pair(f("3"), pair(f("q"), f("4294967"))) }
}

twin! {
    /// `?` on `Option` in an async fn returning `Option`, with a guard that drops at each
    /// early return.
    p29a_option_question_mark {
        lower! {
            pub async fn f(a: Option<u32>) -> Option<u32> {
                let _g = Tracker::new("g");
                let x = leaf("a", a).await?;
                let _h = Tracker::new("h");
                let y = leaf("b", x.checked_sub(1)).await?;
                Some(x + y + leaf("c", 0).await)
            }
        }
    }
    run { pair(f(Some(3)), pair(f(Some(0)), f(None))) }
}

twin! {
    /// `?` on `Option` inside a method chain: `v.first()?.checked_add(leaf(..).await)?`.
    p29a_option_q_in_chain {
        lower! {
            pub async fn f(v: Vec<u32>) -> Option<u32> {
                let first = v.first()?.checked_add(leaf("add", 1).await)?;
                let last = *v.last()?;
                step("end").await;
                Some(first * last)
            }
        }
    }
    run { pair(f(vec![2, 5]), pair(f(vec![]), f(vec![u32::MAX]))) }
}

twin! {
    /// A native helper returning `impl Future<Output = u32>` (an `async move` block) and one
    /// returning a `Leaf` as `impl Future`, both awaited.
    p29a_impl_future_helpers {
        pub fn make(n: u32) -> impl Future<Output = u32> {
            async move {
                step("make").await;
                n * 2
            }
        }
        pub fn plain(n: u32) -> impl Future<Output = u32> { leaf("plain", n) }
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let a = make(3).await;
                let b = plain(a).await;
                make(b).await + plain(1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A helper returning `impl Future<Output = u32> + use<'a>` that borrows its argument;
    /// the lowered caller awaits it while the borrowed local lives across other awaits.
    p29a_impl_future_use_bound {
        pub fn sum_later<'a>(v: &'a [u32]) -> impl Future<Output = u32> + use<'a> {
            async move {
                step("sum").await;
                v.iter().sum()
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let v = vec![leaf("a", 1).await, leaf("b", 2).await];
                let fut = sum_later(&v);
                step("gap").await;
                fut.await + v.len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// Async fn in a trait: `trait Fetch { async fn fetch(&self, k: u32) -> u32; }` with a
    /// lowered impl method, called through a lowered generic `T: Fetch`.
    p29a_trait_async_fn_generic {
        pub trait Fetch {
            async fn fetch(&self, k: u32) -> u32;
        }
        pub struct Db { pub g: Tracker, pub mult: u32 }
        impl Fetch for Db {
            lower! {
                async fn fetch(&self, k: u32) -> u32 {
                    let _q = Tracker::new("query");
                    step(self.g.name()).await;
                    k * self.mult
                }
            }
        }
        lower! {
            pub async fn total<T: Fetch>(src: &T, keys: &[u32]) -> u32 {
                let mut s = 0;
                for k in keys {
                    s += src.fetch(*k).await;
                }
                s
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let db = Db { g: Tracker::new("db"), mult: 3 };
                total(&db, &[1, 2, 3]).await
            }
        }
    }
    run { go() }
}

twin! {
    /// Async fn in a trait with `&mut self`, two impls, dispatched by two monomorphised
    /// calls of a lowered generic fn.
    p29a_trait_async_fn_two_impls {
        pub trait Sink {
            async fn put(&mut self, x: u32) -> usize;
        }
        pub struct VecSink(pub Vec<u32>);
        pub struct CountSink { pub n: usize, pub g: Tracker }
        impl Sink for VecSink {
            lower! {
                async fn put(&mut self, x: u32) -> usize {
                    self.0.push(leaf("vec put", x).await);
                    self.0.len()
                }
            }
        }
        impl Sink for CountSink {
            lower! {
                async fn put(&mut self, x: u32) -> usize {
                    step("count put").await;
                    self.n += x as usize;
                    self.n
                }
            }
        }
        lower! {
            pub async fn feed<S: Sink>(s: &mut S, xs: Vec<u32>) -> usize {
                let mut last = 0;
                for x in xs {
                    last = s.put(x).await;
                }
                last
            }
        }
        lower! {
            pub async fn go() -> (usize, usize) {
                let mut a = VecSink(Vec::new());
                let mut b = CountSink { n: 0, g: Tracker::new("cs") };
                let x = feed(&mut a, vec![1, 2]).await;
                let y = feed(&mut b, vec![3, 4]).await;
                (x, y)
            }
        }
    }
    run { go() }
}

twin! {
    /// A trait whose method is declared `fn get(&self) -> impl Future<Output = u32>` and
    /// implemented by a lowered `async fn`.
    p29a_trait_rpitit_impl_async_fn {
        pub trait Source {
            fn get(&self) -> impl Future<Output = u32>;
        }
        pub struct Fixed(pub u32, pub Tracker);
        impl Source for Fixed {
            lower! {
                async fn get(&self) -> u32 {
                    leaf("fixed", self.0).await
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let s = Fixed(4, Tracker::new("src"));
                let a = s.get().await;
                step("between").await;
                a + s.get().await
            }
        }
    }
    run { go() }
}

twin! {
    /// An async trait constructor `async fn open(name) -> Self` and a consuming `async fn
    /// close(self)`, both lowered in the impl.
    p29a_trait_async_ctor_and_consume {
        pub trait Conn: Sized {
            async fn open(name: &'static str) -> Self;
            async fn close(self) -> u32;
        }
        pub struct Tcp { pub g: Tracker, pub sent: u32 }
        impl Conn for Tcp {
            lower! {
                async fn open(name: &'static str) -> Self {
                    step("connect").await;
                    Tcp { g: Tracker::new(name), sent: 0 }
                }
            }
            lower! {
                async fn close(self) -> u32 {
                    step("fin").await;
                    let sent = self.sent;
                    drop(self);
                    step("closed").await;
                    sent
                }
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let mut c = Tcp::open("tcp").await;
                c.sent += leaf("send", 5).await;
                c.close().await
            }
        }
    }
    run { go() }
}

twin! {
    /// `Box::pin(async move { .. })` futures stored in a `Vec` and awaited in order; the
    /// rest drop unfinished on cancellation.
    p29a_boxed_futures_vec_in_order {
        lower! {
            pub async fn f() -> u32 {
                let mut futs: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                for i in 0..3u32 {
                    let t = Tracker::new("fut");
                    futs.push(Box::pin(async move {
                        step("inner").await;
                        let _t = t;
                        i * 10
                    }));
                }
                let mut s = 0;
                for fut in futs {
                    s += fut.await;
                    step("between").await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Option<Pin<Box<dyn Future>>>` taken with `.take()` and awaited, then refilled.
    p29a_boxed_future_option_take {
        lower! {
            pub async fn f() -> u32 {
                let mut pending: Option<Pin<Box<dyn Future<Output = u32>>>> = Some(Box::pin(leaf("first", 1)));
                let mut total = 0;
                while let Some(fut) = pending.take() {
                    let v = fut.await;
                    total += v;
                    if v < 3 {
                        pending = Some(Box::pin(leaf("next", v + 1)));
                    }
                    step("loop").await;
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::iter::from_fn` with a `move` closure owning a counter, its iterator held across
    /// the awaits of a `while let` loop.
    p29a_iter_from_fn_across_awaits {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 0;
                let mut it = std::iter::from_fn(move || {
                    n += 1;
                    (n < 4).then_some(n)
                });
                let mut total = 0;
                while let Some(x) = it.next() {
                    let _t = Tracker::new("it");
                    total += leaf("x", x).await;
                }
                total + n
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::iter::from_fn` popping trackers out of a `VecDeque` it borrows mutably, used in
    /// a `for` loop with awaits.
    p29a_iter_from_fn_borrowing_queue {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut q = VecDeque::from([Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]);
                let mut names = Vec::new();
                for t in std::iter::from_fn(|| q.pop_front()) {
                    step("got").await;
                    names.push(t.name());
                }
                names.push(leaf("len", if q.is_empty() { "empty" } else { "left" }).await);
                names
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in std::iter::successors(..)` directly in a `for` head, with an awaited
    /// `break` condition.
    p29a_iter_successors_for {
        lower! {
            pub async fn f(limit: u32) -> Vec<u32> {
                let mut out = Vec::new();
                for x in std::iter::successors(Some(1u32), |x| x.checked_mul(3)) {
                    if leaf("stop?", x > limit).await {
                        break;
                    }
                    out.push(x);
                }
                out
            }
        }
    }
    run { f(50) }
}

twin! {
    /// `std::iter::repeat_n(tracker, 3)` (clones? no: `repeat_n` of a name, mapped to
    /// trackers) consumed across awaits, and `std::iter::zip` of two vectors.
    p29a_iter_repeat_n_and_zip {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for (i, name) in std::iter::repeat_n("rep", 3).enumerate() {
                    let _t = Tracker::new(name);
                    s += leaf("i", i as u32).await;
                }
                let a = vec![1, 2, 3];
                let b = vec![10, 20];
                for (x, y) in std::iter::zip(a, b) {
                    s += leaf("xy", x * y).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `match v.as_slice()` with `[]`, `[one]`, `[first, .., last]` and `[a, b, rest @ ..]`
    /// arms, each awaiting.
    p29a_slice_patterns_match {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let _g = Tracker::new("g");
                match v.as_slice() {
                    [] => leaf("empty", 0).await,
                    [one] => leaf("one", *one).await,
                    [a, b, rest @ ..] if rest.len() > 1 => {
                        step("rest").await;
                        a + b + rest.iter().sum::<u32>()
                    }
                    [first, .., last] => {
                        let x = leaf("first", *first).await;
                        x * 100 + leaf("last", *last).await
                    }
                }
            }
        }
    }
    run { pair(f(vec![]), pair(f(vec![7]), pair(f(vec![1, 2]), f(vec![1, 2, 3, 4])))) }
}

twin! {
    /// `match leaf(..).await.as_slice()`: the awaited `Vec` is a temporary of the scrutinee
    /// borrowed by the arms across their awaits.
    p29a_slice_match_on_awaited_temporary {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                match leaf("v", v).await.as_slice() {
                    [first, .., last] => {
                        step("arm").await;
                        first + last
                    }
                    [x] => leaf("x", *x).await,
                    [] => 0,
                }
            }
        }
    }
    run { pair(f(vec![3, 4, 5]), f(vec![6])) }
}

twin! {
    /// A slice pattern over a `Vec<Tracker>` borrowed: `[first, rest @ ..]` with awaits that
    /// read the trackers' names.
    p29a_slice_pattern_trackers_ref {
        lower! {
            pub async fn f() -> String {
                let v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut out = String::new();
                if let [first, rest @ ..] = &v[..] {
                    out.push_str(leaf("first", first.name()).await);
                    for t in rest {
                        step("rest").await;
                        out.push_str(t.name());
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `@` bindings with ranges and `|` alternatives, each arm awaiting its bound value.
    p29a_at_bindings_ranges {
        lower! {
            pub async fn f(n: u32) -> u32 {
                match leaf("n", n).await {
                    0 => 0,
                    x @ 1..=3 => leaf("small", x).await,
                    x @ (4 | 5) => {
                        step("mid").await;
                        x * 10
                    }
                    x @ 6..10 => x * leaf("range", 100).await,
                    big => big,
                }
            }
        }
    }
    run { pair(f(2), pair(f(5), pair(f(7), f(11)))) }
}

twin! {
    /// `t @ Tracker("a")`: a by-value `@` binding of a tracker with a string sub-pattern, in
    /// a `match` on an awaited `Option<Tracker>`.
    p29a_at_binding_tracker_by_value {
        lower! {
            pub async fn f(name: &'static str) -> &'static str {
                let _g = Tracker::new("g");
                match leaf("get", Some(Tracker::new(name))).await {
                    Some(t @ Tracker("a")) => {
                        step("a").await;
                        t.name()
                    }
                    Some(other) => {
                        drop(other);
                        leaf("other", "other").await
                    }
                    None => "none",
                }
            }
        }
    }
    run { pair(f("a"), f("b")) }
}

twin! {
    /// `if`/`else if`/`else if`/`else` where every condition awaits, a tracker in each
    /// branch.
    p29a_else_if_chain_all_await {
        lower! {
            pub async fn f(n: u32) -> &'static str {
                let _g = Tracker::new("g");
                if leaf("c1", n == 0).await {
                    "zero"
                } else if leaf("c2", n % 2 == 0).await {
                    let _t = Tracker::new("even");
                    step("even").await;
                    "even"
                } else if leaf("c3", n > 10).await {
                    "big odd"
                } else {
                    let _t = Tracker::new("odd");
                    leaf("odd", "odd").await
                }
            }
        }
    }
    run { pair(f(0), pair(f(4), pair(f(13), f(3)))) }
}

twin! {
    /// `if let .. else if let .. else if cond.await` mixing pattern links and plain awaited
    /// conditions.
    p29a_else_if_let_mixed {
        lower! {
            pub async fn f(a: Option<u32>, b: Result<u32, &'static str>) -> u32 {
                if let Some(x) = leaf("a", a).await {
                    x
                } else if let Ok(y) = leaf("b", b).await && y > 1 {
                    y * 10
                } else if leaf("fallback?", b.is_err()).await {
                    step("fb").await;
                    100
                } else {
                    1000
                }
            }
        }
    }
    run { pair(f(Some(1), Ok(5)), pair(f(None, Ok(5)), pair(f(None, Err("e")), f(None, Ok(1))))) }
}

twin! {
    /// Nested enum destructuring `Msg::Move(Point(x, y))` and struct variants, awaiting in
    /// each arm, with a tracker payload moved out in one arm.
    p29a_nested_enum_destructure {
        pub struct Point(pub i32, pub i32);
        pub enum Msg {
            Move(Point),
            Write { text: String, by: Tracker },
            Batch(Vec<Msg>),
            Quit,
        }
        lower! {
            pub async fn handle(m: Msg) -> i32 {
                match m {
                    Msg::Move(Point(x, y)) => leaf("move", x + y).await,
                    Msg::Write { text, by } => {
                        step("write").await;
                        log(format!("{} wrote {text}", by.name()));
                        text.len() as i32
                    }
                    Msg::Batch(ms) => ms.len() as i32 * leaf("batch", 100).await,
                    Msg::Quit => -1,
                }
            }
        }
        lower! {
            pub async fn f() -> i32 {
                let a = handle(Msg::Move(Point(2, 3))).await;
                let b = handle(Msg::Write { text: "hi".to_string(), by: Tracker::new("w") }).await;
                let c = handle(Msg::Batch(vec![Msg::Quit, Msg::Quit])).await;
                a + b + c + handle(Msg::Quit).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowing in nested blocks across awaits: the same name bound four times, inner
    /// shadows ending before the outer one is read again.
    p29a_shadowing_nested_blocks {
        lower! {
            pub async fn f() -> (u32, &'static str) {
                let x = leaf("x1", 1).await;
                let t = Tracker::new("t1");
                let inner = {
                    let x = leaf("x2", x + 10).await;
                    let t = Tracker::new("t2");
                    {
                        let x = x * 2;
                        let t = Tracker::new("t3");
                        step("deep").await;
                        log(format!("deep {x} {}", t.name()));
                    }
                    step("mid").await;
                    log(format!("mid {x} {}", t.name()));
                    x
                };
                let x = x + inner;
                step("end").await;
                (x, t.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// Closures that return futures: `|n| leaf("mk", n)` and `|n| async move { .. }`, stored
    /// and called several times.
    p29a_closures_returning_futures {
        lower! {
            pub async fn f() -> u32 {
                let mk = |n| leaf("mk", n);
                let k = leaf("k", 3).await;
                let doubled = move |n: u32| async move {
                    step("dbl").await;
                    n * 2 + k
                };
                let a = mk(1).await + mk(2).await;
                let b = doubled(a).await;
                doubled(b).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Edition 2024 `if let` rescoping: the `RefCell` borrow in the scrutinee ends before
    /// the `else` block, which borrows mutably and awaits.
    p29a_if_let_rescope_refcell {
        lower! {
            pub async fn f() -> Vec<u32> {
                let cell = RefCell::new(Vec::new());
                for i in 0..3u32 {
                    if let Some(x) = cell.borrow().last().copied() && x > 10 {
                        log(format!("last {x}"));
                    } else {
                        step("push").await;
                        cell.borrow_mut().push(leaf("v", i * 7).await);
                    }
                }
                cell.into_inner()
            }
        }
    }
    run { f() }
}

twin! {
    /// Edition 2024 `if let` rescoping with a temporary tracker in the scrutinee: it drops
    /// before the `else` block's awaits.
    p29a_if_let_rescope_tracker_temp {
        pub struct Guarded(pub Tracker, pub Option<u32>);
        impl Guarded {
            pub fn get(&self) -> Option<u32> { self.1 }
        }
        lower! {
            pub async fn f(v: Option<u32>) -> u32 {
                if let Some(x) = Guarded(Tracker::new("temp"), v).get() {
                    step("then").await;
                    x
                } else {
                    log("else");
                    leaf("else", 0).await
                }
            }
        }
    }
    run { pair(f(Some(2)), f(None)) }
}

twin! {
    /// Edition 2024 `Box<[T]>` by-value iteration (`for t in boxed`) over trackers with a
    /// `break` in the middle.
    p29a_boxed_slice_into_iter {
        lower! {
            pub async fn f() -> u32 {
                let boxed: Box<[Tracker]> = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")].into_boxed_slice();
                let mut n = 0;
                for t in boxed {
                    step(t.name()).await;
                    n += 1;
                    if t.name() == "b" {
                        break;
                    }
                }
                n + leaf("end", 0).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Destructuring assignment: `(a, b) = (b, leaf(..).await)`, `[x, y] = [..await, ..await]`
    /// and `Point { x, y } = ..` in a loop.
    p29a_destructuring_assignment {
        pub struct P { pub x: u32, pub y: u32 }
        lower! {
            pub async fn f() -> (u32, u32, u32, u32) {
                let (mut a, mut b) = (0, 1);
                for _ in 0..3 {
                    (a, b) = (b, leaf("fib", a + b).await);
                }
                let (x, y);
                [x, y] = [leaf("x", 5).await, leaf("y", 6).await];
                let (mut px, mut py) = (0, 0);
                P { x: px, y: py } = leaf("p", P { x: px + x, y: py + y }).await;
                (a + b, x * y, px, py)
            }
        }
    }
    run { f() }
}

twin! {
    /// `_ = leaf(..).await;` (underscore assignment) and `let _ = ..` of a tracker: the
    /// tracker drops at once, the named one at the end.
    p29a_underscore_assign_and_let {
        lower! {
            pub async fn f() -> u32 {
                _ = leaf("ignored", 1).await;
                let _ = Tracker::new("dropped now");
                let _kept = Tracker::new("kept");
                _ = leaf("tracker", Tracker::new("from leaf")).await;
                step("end").await;
                2
            }
        }
    }
    run { f() }
}

twin! {
    /// An irrefutable or-pattern `let (Ok(x) | Err(x)) = leaf(..).await;`.
    p29a_let_or_pattern_irrefutable {
        lower! {
            pub async fn f(r: Result<u32, u32>) -> u32 {
                let _g = Tracker::new("g");
                let (Ok(x) | Err(x)) = leaf("r", r).await;
                x + leaf("after", 1).await
            }
        }
    }
    run { pair(f(Ok(1)), f(Err(2))) }
}

twin! {
    /// `match (a.await, b.await)` on a tuple of awaited values with nested or-patterns.
    p29a_match_tuple_of_awaits {
        lower! {
            pub async fn f(a: u32, b: Option<u32>) -> u32 {
                match (leaf("a", a).await, leaf("b", b).await) {
                    (0, _) => 0,
                    (1 | 2, Some(1 | 2)) => leaf("low", 1).await,
                    (x, Some(y)) if x == y => x,
                    (x, None) => {
                        step("none").await;
                        x * 10
                    }
                    (x, Some(y)) => x + y,
                }
            }
        }
    }
    run { pair(f(1, Some(2)), pair(f(3, Some(3)), pair(f(4, None), f(5, Some(1))))) }
}

twin! {
    /// `Vec` of plain futures built by `.map(|i| leaf(..)).collect()` then awaited in a
    /// `for` loop (the rest drop unfinished on cancellation).
    p29a_collected_futures_sequential {
        lower! {
            pub async fn f() -> u32 {
                let futs: Vec<_> = (0..4u32).map(|i| leaf("fut", i * i)).collect();
                let _g = Tracker::new("g");
                let mut s = 0;
                for fut in futs {
                    s += fut.await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn taking `impl Future<Output = u32>` and `impl Into<u64>` arguments.
    p29a_impl_trait_args {
        lower! {
            pub async fn run(fut: impl Future<Output = u32>, scale: impl Into<u64>) -> u64 {
                let _g = Tracker::new("run");
                let s = scale.into();
                step("pre").await;
                fut.await as u64 * s
            }
        }
        lower! {
            pub async fn f() -> u64 {
                let a = run(leaf("a", 3), 2u8).await;
                let b = run(async { step("inner").await; 4 }, 10u32).await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `#[expect(unused_variables)]` and `#[allow(..)]` attributes on statements around
    /// awaits.
    p29a_expect_attributes_on_statements {
        lower! {
            pub async fn f() -> u32 {
                #[expect(unused_variables)]
                let unused = leaf("unused", 1).await;
                #[allow(unused_mut)]
                let mut x = leaf("x", 2).await;
                #[expect(clippy::let_and_return)]
                let y = {
                    let z = x + leaf("z", 3).await;
                    z
                };
                x + y
            }
        }
    }
    run { f() }
}

twin! {
    /// Raw borrows `&raw const` / `&raw mut` of locals taken before an await and used after
    /// it in `unsafe` blocks.
    p29a_raw_borrows_across_await {
        lower! {
            pub async fn f() -> u32 {
                let mut x = leaf("x", 5).await;
                let p = &raw mut x;
                let q = &raw const x;
                step("gap").await;
                unsafe {
                    *p += 1;
                    *q + leaf("y", 1).await
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `array::each_ref().map(..)` over an array of trackers and `array::map` consuming one,
    /// with awaits between.
    p29a_array_each_ref_map {
        lower! {
            pub async fn f() -> usize {
                let ts = ["a", "b", "c"].map(Tracker::new);
                let names = ts.each_ref().map(|t| t.name());
                step("mid").await;
                let lens = ts.map(|t| {
                    log(format!("consume {}", t.name()));
                    t.name().len()
                });
                leaf("sum", lens.iter().sum::<usize>() + names.len()).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::array::from_fn` building values from an awaited base, and `first_chunk`,
    /// `split_first` on the result.
    p29a_array_from_fn_chunks {
        lower! {
            pub async fn f() -> u32 {
                let base = leaf("base", 3).await;
                let arr: [u32; 5] = std::array::from_fn(|i| base + i as u32);
                let Some([a, b]) = arr.first_chunk::<2>() else { return 0 };
                let (head, tail) = arr.split_first().unwrap();
                step("mid").await;
                a + b + head + tail.len() as u32 + leaf("end", 0).await
            }
        }
    }
    run { f() }
}

twin! {
    /// An `AsyncFnMut` closure called directly in a loop, mutating a captured `Vec` that is
    /// read after the closure's last use.
    p29a_async_closure_mut_direct_loop {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut seen = Vec::new();
                let _g = Tracker::new("g");
                let mut record = async |x: u32| {
                    let v = leaf("rec", x * 3).await;
                    seen.push(v);
                    seen.len()
                };
                let mut n = 0;
                for i in 1..=3 {
                    n += record(i).await;
                }
                seen.push(n as u32);
                seen
            }
        }
    }
    run { f() }
}

twin! {
    /// An async closure passed by reference (`&f`) to a lowered helper with an `AsyncFn`
    /// bound, then called again by the caller.
    p29a_async_closure_by_ref_to_helper {
        lower! {
            pub async fn twice<F: AsyncFn(u32) -> u32>(f: &F, x: u32) -> u32 {
                let a = f(x).await;
                f(a).await
            }
        }
        lower! {
            pub async fn go() -> u32 {
                let t = Tracker::new("cap");
                let inc = async |x: u32| {
                    step(t.name()).await;
                    x + 1
                };
                let a = twice(&inc, 1).await;
                let b = inc(a).await;
                step("end").await;
                b
            }
        }
    }
    run { go() }
}

twin! {
    /// A native helper returning `impl AsyncFn(u32) -> u32` (an `async move` closure owning
    /// a tracker), called from a lowered fn.
    p29a_async_closure_returned_impl {
        pub fn make_scaler(k: u32) -> impl AsyncFn(u32) -> u32 {
            let t = Tracker::new("scaler");
            async move |x| {
                step(t.name()).await;
                x * k
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let s = make_scaler(leaf("k", 3).await);
                let a = s(2).await;
                drop(s);
                step("after drop").await;
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` closure owning a tracker that is never called: it drops at the end of
    /// the scope, after awaits.
    p29a_async_closure_never_called {
        lower! {
            pub async fn f(call: bool) -> u32 {
                let t = Tracker::new("owned");
                let c = async move || {
                    step("c").await;
                    t.name().len() as u32
                };
                let _after = Tracker::new("after");
                step("mid").await;
                if call { c().await } else { leaf("skip", 0).await }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// An async closure whose body panics (`boom`) with trackers alive in the closure and
    /// in the caller.
    p29a_async_closure_panics {
        lower! {
            pub async fn f() -> u32 {
                let _outer = Tracker::new("outer");
                let risky = async |x: u32| {
                    let _inner = Tracker::new("inner");
                    step("pre").await;
                    if x > 1 { boom("kaboom").await } else { x }
                };
                let a = risky(1).await;
                a + risky(2).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `let .. else` whose `else` block awaits a panicking `boom` with trackers alive.
    p29a_let_else_boom_in_else {
        lower! {
            pub async fn f(x: Option<u32>) -> u32 {
                let _a = Tracker::new("a");
                let Some(v) = leaf("x", x).await else {
                    let _e = Tracker::new("e");
                    boom("missing").await;
                    unreachable!()
                };
                let _b = Tracker::new("b");
                v + leaf("v", 1).await
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// `let .. else { break 'outer value }` inside a nested loop, with an awaited scrutinee.
    p29a_let_else_break_outer_value {
        lower! {
            pub async fn f(rows: Vec<Vec<Option<u32>>>) -> u32 {
                let mut sum = 0;
                let r = 'outer: loop {
                    for row in &rows {
                        let _r = Tracker::new("row");
                        for cell in row {
                            let Some(v) = leaf("cell", *cell).await else {
                                break 'outer sum + 1000;
                            };
                            sum += v;
                        }
                    }
                    break sum;
                };
                r + leaf("end", 0).await
            }
        }
    }
    run { pair(f(vec![vec![Some(1), Some(2)], vec![Some(3)]]), f(vec![vec![Some(1)], vec![None, Some(9)]])) }
}

twin! {
    /// A labelled block with `?` inside it and a `return` out of it.
    p29a_labelled_block_question_return {
        lower! {
            pub async fn f(a: Option<u32>, b: u32) -> Option<u32> {
                let _g = Tracker::new("g");
                let v = 'calc: {
                    let x = leaf("a", a).await?;
                    if x == 0 {
                        return Some(leaf("zero", 0).await);
                    }
                    if x > b {
                        break 'calc x - b;
                    }
                    step("small").await;
                    b - x
                };
                Some(v)
            }
        }
    }
    run { pair(f(Some(5), 2), pair(f(Some(0), 1), pair(f(None, 1), f(Some(1), 4)))) }
}

twin! {
    /// A let chain binding a tracker by value that the `then` block consumes after an await.
    p29a_let_chain_binding_moved_in_then {
        lower! {
            pub async fn f(slot: Option<Tracker>, ok: bool) -> &'static str {
                let _g = Tracker::new("g");
                if let Some(t) = slot && leaf("ok", ok).await {
                    step("then").await;
                    let name = t.name();
                    drop(t);
                    step("after drop").await;
                    name
                } else {
                    leaf("else", "else").await
                }
            }
        }
    }
    run { pair(f(Some(Tracker("s1")), true), pair(f(Some(Tracker("s2")), false), f(None, true))) }
}

twin! {
    /// A let chain with `ref` binding to a local, an awaited middle link, and a last `let`
    /// over a temporary built from the binding.
    p29a_let_chain_ref_then_temp {
        lower! {
            pub async fn f(opt: Option<Tracker>) -> usize {
                if let Some(ref t) = opt
                    && leaf("len?", t.name().len() > 1).await
                    && let Some(c) = t.name().chars().next()
                {
                    step("then").await;
                    c as usize
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(Tracker("ab"))), pair(f(Some(Tracker("a"))), f(None))) }
}

twin! {
    /// A let chain whose first link is an awaited `bool`, then `let` over a function that
    /// returns a tracker temporary's field.
    p29a_let_chain_bool_first_then_let {
        lower! {
            pub async fn lookup(k: u32) -> Option<Tracker> {
                step("lookup").await;
                (k > 0).then(|| Tracker::new("found"))
            }
        }
        lower! {
            pub async fn f(go: bool, k: u32) -> u32 {
                if leaf("go", go).await && let Some(t) = lookup(k).await && t.name().len() == 5 {
                    leaf("use", 1).await
                } else {
                    log("miss");
                    2
                }
            }
        }
    }
    run { pair(f(true, 1), pair(f(true, 0), f(false, 1))) }
}

twin! {
    /// `while let Some(x) = it.next() && let Some(y) = other.next()` over two iterators of
    /// different lengths, awaiting in the body.
    p29a_while_let_two_iters {
        lower! {
            pub async fn f() -> (u32, usize, usize) {
                let mut it = vec![1u32, 2, 3].into_iter();
                let mut other = vec![Tracker::new("a"), Tracker::new("b")].into_iter();
                let mut s = 0;
                while let Some(x) = it.next() && let Some(y) = other.next() {
                    s += leaf("x", x).await;
                    log(format!("pair {}", y.name()));
                }
                (s, it.len(), other.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `while matches!(leaf(..).await, Some(n) if n < 3)` as a loop condition.
    p29a_while_matches_awaited {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                while matches!(leaf("peek", Some(i)).await, Some(n) if n < 3) {
                    let _t = Tracker::new("body");
                    i += 1;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// Awaits in `match` guards: `Some(v) if leaf(..).await => ..` falling through to later
    /// arms.
    p29a_await_in_match_guard {
        lower! {
            pub async fn f(x: Option<u32>) -> u32 {
                let _g = Tracker::new("g");
                match x {
                    Some(v) if leaf("g1", v > 5).await => v * 10,
                    Some(v) if leaf("g2", v % 2 == 0).await => {
                        step("even").await;
                        v
                    }
                    Some(v) => v + 1000,
                    None => 0,
                }
            }
        }
    }
    run { pair(f(Some(7)), pair(f(Some(2)), pair(f(Some(3)), f(None)))) }
}

twin! {
    /// An await in a guard of a `match` by value on a tracker-carrying enum: the guard
    /// borrows the binding, the arm then moves it.
    p29a_await_guard_then_move {
        lower! {
            pub async fn f(v: Option<Tracker>) -> &'static str {
                match v {
                    Some(t) if leaf("check", t.name() == "keep").await => {
                        step("keep").await;
                        t.name()
                    }
                    Some(t) => {
                        drop(t);
                        "dropped"
                    }
                    None => "none",
                }
            }
        }
    }
    run { pair(f(Some(Tracker("keep"))), pair(f(Some(Tracker("other"))), f(None))) }
}

twin! {
    /// Evaluation order of `v[val(..)] += leaf(..).await` (primitive compound assignment:
    /// the right operand first) and `v[val(..)] = leaf(..).await`.
    p29a_compound_assign_index_order {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1, 2, 3];
                v[val("i0", 0)] += leaf("r0", 10).await;
                v[val("i1", 1)] = leaf("r1", 20).await;
                let mut m = HashMap::new();
                *m.entry(val("key", "k")).or_insert(0) += leaf("r2", 5).await;
                v.push(m["k"]);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `String +=` (an `AddAssign` impl, so the place is evaluated first) with an awaited
    /// right operand and a logged place expression.
    p29a_compound_assign_string_order {
        pub fn pick<'a>(a: &'a mut String, b: &'a mut String, first: bool) -> &'a mut String {
            log("pick");
            if first { a } else { b }
        }
        lower! {
            pub async fn f() -> (String, String) {
                let mut a = String::from("a");
                let mut b = String::from("b");
                *pick(&mut a, &mut b, true) += leaf("x", "X").await;
                *pick(&mut a, &mut b, false) += &leaf("y", String::from("Y")).await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `format!` with inline captured identifiers and width specs next to an awaited
    /// argument, and `assert!`/`assert_eq!` with awaited operands.
    p29a_format_inline_args_and_asserts {
        lower! {
            pub async fn f() -> String {
                let name = "job";
                let n = leaf("n", 7).await;
                let s = format!("{name:>5}|{n:03}|{}", leaf("arg", 42).await);
                assert!(leaf("check", n).await > 3, "n was {n}");
                assert_eq!(leaf("eq", n * 2).await, 14, "double of {n}");
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `vec![x.await; n]` and `vec![a.await, b.await]` with the repeat element a clone of an
    /// awaited `String`.
    p29a_vec_macro_awaits {
        lower! {
            pub async fn f() -> (Vec<String>, Vec<u32>) {
                let a = vec![leaf("s", String::from("hi")).await; 3];
                let b = vec![leaf("a", 1).await, leaf("b", 2).await, val("c", 3)];
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct literal with awaits in its fields and `..Default::default()`.
    p29a_struct_literal_default_rest {
        #[derive(Debug, Default, PartialEq)]
        pub struct Opts { pub a: u32, pub b: String, pub c: Vec<u32>, pub d: bool }
        lower! {
            pub async fn f() -> Opts {
                let _g = Tracker::new("g");
                Opts {
                    b: leaf("b", String::from("bee")).await,
                    a: leaf("a", 3).await,
                    ..Default::default()
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Items declared inside the body: a `const`, a `fn`, a local `enum` with an `impl`, and
    /// a `use`, all used around awaits.
    p29a_items_inside_body {
        lower! {
            pub async fn f(n: u32) -> &'static str {
                use std::cmp::Ordering;
                const LIMIT: u32 = 5;
                fn classify(x: u32) -> Ordering { x.cmp(&LIMIT) }
                enum Size { Small, Big }
                impl Size {
                    fn label(&self) -> &'static str {
                        match self { Size::Small => "small", Size::Big => "big" }
                    }
                }
                let x = leaf("n", n).await;
                let size = match classify(x) {
                    Ordering::Less => Size::Small,
                    _ => Size::Big,
                };
                step("mid").await;
                size.label()
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// `Option::take_if`, `Vec::pop_if` and `Option::get_or_insert_with` on locals across
    /// awaits.
    p29a_take_if_pop_if {
        lower! {
            pub async fn f() -> (Option<u32>, Option<u32>, u32, Vec<u32>) {
                let mut slot = Some(leaf("slot", 4).await);
                let taken = slot.take_if(|v| *v % 2 == 0);
                let mut v = vec![1, 2, leaf("last", 9).await];
                let popped = v.pop_if(|x| *x > 5);
                step("mid").await;
                let mut cache: Option<u32> = None;
                let c = *cache.get_or_insert_with(|| 11);
                v.push(leaf("push", c).await);
                (taken, popped, c, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `Vec::extract_if` removing trackers by a predicate, the removed ones dropped after an
    /// await, the rest kept.
    p29a_extract_if_trackers {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v: Vec<Tracker> = ["a", "bb", "c", "dd"].map(Tracker::new).into();
                let removed: Vec<Tracker> = v.extract_if(.., |t| t.name().len() == 2).collect();
                step("between").await;
                log(format!("removed {}", removed.len()));
                drop(removed);
                step("after").await;
                v.iter().map(Tracker::name).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `slice::chunk_by` groups iterated with an await per group, and `get_disjoint_mut`
    /// updating two elements with awaited values.
    p29a_chunk_by_and_disjoint_mut {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<u32>) {
                let data = [1, 1, 2, 3, 3, 3];
                let mut sums = Vec::new();
                for group in data.chunk_by(|a, b| a == b) {
                    sums.push(leaf("group", group.iter().sum::<u32>()).await);
                }
                let mut v = vec![10, 20, 30];
                let add = leaf("add", 5).await;
                if let Ok([a, c]) = v.get_disjoint_mut([0, 2]) {
                    *a += add;
                    *c += add;
                }
                step("end").await;
                (sums, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `LazyCell` and `OnceCell` locals initialised on first use between awaits.
    p29a_lazy_cell_once_cell {
        lower! {
            pub async fn f() -> u32 {
                let base = leaf("base", 2).await;
                let lazy = std::cell::LazyCell::new(|| {
                    log("init lazy");
                    base * 10
                });
                let once = std::cell::OnceCell::new();
                step("before").await;
                let a = *lazy;
                let b = *once.get_or_init(|| {
                    log("init once");
                    a + 1
                });
                step("after").await;
                a + b + *lazy + *once.get().unwrap()
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::mem::take`, `replace` and `swap` of trackers across awaits.
    p29a_mem_take_replace_swap {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut a = Some(Tracker::new("a"));
                let mut b = Tracker::new("b");
                let mut c = Tracker::new("c");
                let taken = std::mem::take(&mut a);
                step("s1").await;
                let old = std::mem::replace(&mut b, Tracker::new("b2"));
                step("s2").await;
                std::mem::swap(&mut b, &mut c);
                drop(old);
                leaf("end", ()).await;
                vec![taken.map_or("none", |t| t.name()), b.name(), c.name()]
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async` block with `?` inside, its error type given by a turbofish on the final
    /// `Ok`, awaited at once.
    p29a_async_block_question_turbofish {
        lower! {
            pub async fn f(s: &'static str) -> String {
                let _g = Tracker::new("g");
                let r = async {
                    let n = leaf("parse", s.parse::<u32>()).await?;
                    step("ok").await;
                    Ok::<_, std::num::ParseIntError>(n * 2)
                }
                .await;
                match r {
                    Ok(n) => format!("ok {n}"),
                    Err(e) => format!("err {e}"),
                }
            }
        }
    }
    run { pair(f("21"), f("x")) }
}

twin! {
    /// `?` converting with `From` into a custom error enum, and `Box<dyn Error>` returns.
    p29a_question_from_conversion {
        #[derive(Debug)]
        pub enum AppError { Parse(std::num::ParseIntError), Neg }
        impl From<std::num::ParseIntError> for AppError {
            fn from(e: std::num::ParseIntError) -> Self { AppError::Parse(e) }
        }
        lower! {
            pub async fn parse(s: &'static str) -> Result<i32, AppError> {
                let _g = Tracker::new("parse");
                let n: i32 = leaf("s", s).await.parse()?;
                if n < 0 { return Err(AppError::Neg); }
                Ok(n)
            }
        }
        lower! {
            pub async fn f(s: &'static str) -> Result<i32, Box<dyn std::error::Error>> {
                let n = parse(s).await.map_err(|e| format!("{e:?}"))?;
                let m: i32 = leaf("m", "3").await.parse()?;
                Ok(n * m)
            }
        }
        lower! {
            pub async fn g(s: &'static str) -> String {
                match f(s).await {
                    Ok(v) => v.to_string(),
                    Err(e) => e.to_string(),
                }
            }
        }
    }
    run { pair(g("4"), pair(g("-1"), g("z"))) }
}

twin! {
    /// `Result<Option<T>, E>::transpose()` with `?`, and `Option::zip` with `?`.
    p29a_transpose_and_zip_q {
        lower! {
            pub async fn f(a: Option<&'static str>, b: Option<u32>) -> Result<Option<u32>, String> {
                let parsed = leaf("a", a).await.map(|s| s.parse::<u32>().map_err(|e| e.to_string())).transpose()?;
                let Some((x, y)) = parsed.zip(leaf("b", b).await) else {
                    return Ok(None);
                };
                Ok(Some(x + y))
            }
        }
    }
    run { pair(f(Some("2"), Some(3)), pair(f(Some("q"), Some(1)), f(None, Some(1)))) }
}

twin! {
    /// `Iterator::by_ref().take(2)` consumed with awaits, then the rest via `next()` and a
    /// `Peekable::next_if`.
    p29a_by_ref_take_and_next_if {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut it = (1..=6u32).peekable();
                let mut out = Vec::new();
                for x in it.by_ref().take(2) {
                    out.push(leaf("take", x).await);
                }
                while let Some(x) = it.next_if(|x| *x < 5) {
                    step("next_if").await;
                    out.push(x * 10);
                }
                out.push(leaf("rest", it.count() as u32).await);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A user `AddAssign<u32>` impl on an accumulator: `*pick(..) += leaf(..).await` (the
    /// place first natively), and a field `acc.total += leaf(..).await`.
    p29a_compound_assign_user_addassign {
        #[derive(Debug)]
        pub struct Acc { pub total: u32 }
        impl std::ops::AddAssign<u32> for Acc {
            fn add_assign(&mut self, x: u32) {
                log(format!("add {x}"));
                self.total += x;
            }
        }
        pub fn pick<'a>(a: &'a mut Acc, b: &'a mut Acc, first: bool) -> &'a mut Acc {
            log("pick");
            if first { a } else { b }
        }
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut a = Acc { total: 0 };
                let mut b = Acc { total: 0 };
                *pick(&mut a, &mut b, true) += leaf("x", 3).await;
                *pick(&mut a, &mut b, false) += leaf("y", 4).await;
                a.total += leaf("z", 5).await;
                (a.total, b.total)
            }
        }
    }
    run { f() }
}

twin! {
    /// `pin!` inside a loop body: a fresh pinned future per iteration, polled by `poll_fn`
    /// once and then awaited.
    p29a_pin_in_loop_body {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for i in 0..3u32 {
                    let _t = Tracker::new("iter");
                    let mut fut = pin!(leaf("it", i));
                    let early = poll_fn(|cx| Poll::Ready(match fut.as_mut().poll(cx) {
                        Poll::Ready(v) => Some(v),
                        Poll::Pending => None,
                    }))
                    .await;
                    s += match early {
                        Some(v) => v,
                        None => fut.await,
                    };
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `pin!(async { .. })` of a block borrowing a local, the local read again after the
    /// pinned future is awaited.
    p29a_pin_async_block_borrowing {
        lower! {
            pub async fn f() -> (u32, usize) {
                let names = vec![Tracker::new("a"), Tracker::new("b")];
                let fut = pin!(async {
                    step("blk").await;
                    names.len() as u32
                });
                step("outer").await;
                let n = fut.await;
                (n, names.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// `pin!` in one `match` arm, awaited in the same arm after another await.
    p29a_pin_in_match_arm {
        lower! {
            pub async fn f(k: u32) -> u32 {
                match leaf("k", k).await {
                    0 => 0,
                    n => {
                        let fut = pin!(leaf("arm", n * 2));
                        step("arm pre").await;
                        fut.await + 1
                    }
                }
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// A lowered `async fn` returning `impl Debug` (the output type is opaque).
    p29a_async_fn_returns_impl_debug {
        lower! {
            pub async fn f(n: u32) -> impl std::fmt::Debug {
                let _g = Tracker::new("g");
                let v = leaf("v", n).await;
                (v, format!("n={v}"))
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A lowered `async fn` returning `impl Iterator<Item = u32>` collected by the caller.
    p29a_async_fn_returns_impl_iterator {
        lower! {
            pub async fn evens(limit: u32) -> impl Iterator<Item = u32> {
                let top = leaf("limit", limit).await;
                (0..top).filter(|x| x % 2 == 0)
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let it = evens(7).await;
                step("mid").await;
                it.map(|x| x * 10).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn returning a reference borrowed from its slice argument, with `?` on
    /// `Option` and lifetime elision.
    p29a_returns_borrow_from_arg {
        lower! {
            pub async fn longest(v: &[Tracker]) -> Option<&Tracker> {
                let first = v.first()?;
                step("scan").await;
                let mut best = first;
                for t in &v[1..] {
                    if leaf("cmp", t.name().len() > best.name().len()).await {
                        best = t;
                    }
                }
                Some(best)
            }
        }
        lower! {
            pub async fn f() -> Option<&'static str> {
                let v = vec![Tracker::new("a"), Tracker::new("ccc"), Tracker::new("bb")];
                let name = longest(&v).await?.name();
                let none = longest(&[]).await.map(Tracker::name);
                log(format!("none {none:?}"));
                Some(name)
            }
        }
    }
    run { f() }
}

twin! {
    /// An async closure taking a reference argument (`async |s: &str| ..`) passed to a
    /// helper with a `for<'a> AsyncFn(&'a str) -> usize` bound.
    p29a_async_closure_ref_arg_hrtb {
        lower! {
            pub async fn measure<F>(f: F, words: &[String]) -> usize
            where
                F: for<'a> AsyncFn(&'a str) -> usize,
            {
                let mut total = 0;
                for w in words {
                    total += f(w).await;
                }
                total
            }
        }
        lower! {
            pub async fn go() -> usize {
                let words = vec![String::from("ab"), String::from("cde")];
                let bonus = leaf("bonus", 10).await;
                measure(async |s: &str| {
                    step("len").await;
                    s.len() * bonus
                }, &words).await
            }
        }
    }
    run { go() }
}

twin! {
    /// An async closure called inside `Iterator::map` to build a `Vec` of its futures,
    /// awaited one by one (the futures borrow the closure).
    p29a_async_closure_futures_collected {
        lower! {
            pub async fn f() -> u32 {
                let k = leaf("k", 2).await;
                let c = async |x: u32| {
                    step("c").await;
                    x * k
                };
                let futs: Vec<_> = [1, 2, 3].into_iter().map(|x| c(x)).collect();
                let mut s = 0;
                for fut in futs {
                    s += fut.await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// An async closure defined inside another async closure, both capturing a tracker.
    p29a_async_closure_nested {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let outer = async |x: u32| {
                    let inner = async |y: u32| {
                        step(t.name()).await;
                        y + 1
                    };
                    inner(x).await + inner(x * 10).await
                };
                let a = outer(1).await;
                step("end").await;
                a
            }
        }
    }
    run { f() }
}

twin! {
    /// A trait with an associated type and an `async fn` returning it, two impls, and a
    /// lowered generic caller.
    p29a_trait_assoc_type_async_fn {
        pub trait Repo {
            type Item: std::fmt::Debug;
            async fn load(&self, id: u32) -> Self::Item;
        }
        pub struct Users(pub Tracker);
        pub struct Counts;
        impl Repo for Users {
            type Item = String;
            lower! {
                async fn load(&self, id: u32) -> String {
                    step(self.0.name()).await;
                    format!("user{id}")
                }
            }
        }
        impl Repo for Counts {
            type Item = u32;
            lower! {
                async fn load(&self, id: u32) -> u32 {
                    leaf("count", id * 7).await
                }
            }
        }
        lower! {
            pub async fn both<A: Repo, B: Repo>(a: &A, b: &B) -> (A::Item, B::Item) {
                let x = a.load(1).await;
                let y = b.load(2).await;
                (x, y)
            }
        }
    }
    run { async { both(&Users(Tracker::new("users")), &Counts).await } }
}

twin! {
    /// A trait `async fn` generic over its argument (`async fn get<K: Into<u32>>`).
    p29a_trait_async_fn_generic_method {
        pub trait Kv {
            async fn get<K: Into<u32>>(&self, k: K) -> u32;
        }
        pub struct Table(pub Vec<u32>);
        impl Kv for Table {
            lower! {
                async fn get<K: Into<u32>>(&self, k: K) -> u32 {
                    let i = k.into();
                    step("get").await;
                    self.0.get(i as usize).copied().unwrap_or(0)
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let t = Table(vec![5, 6, 7]);
                t.get(1u8).await + t.get(2u16).await + t.get(9u32).await
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async fn` method on `self: Box<Self>` and one on `self: Rc<Self>`.
    p29a_box_and_rc_self_receivers {
        pub struct Node { pub g: Tracker, pub v: u32 }
        impl Node {
            lower! {
                pub async fn consume(self: Box<Self>) -> u32 {
                    step("boxed").await;
                    let v = self.v;
                    drop(self);
                    leaf("after", v).await
                }
            }
            lower! {
                pub async fn shared(self: std::rc::Rc<Self>) -> usize {
                    step("rc").await;
                    std::rc::Rc::strong_count(&self)
                }
            }
        }
        lower! {
            pub async fn f() -> (u32, usize) {
                let a = Box::new(Node { g: Tracker::new("boxed"), v: 3 }).consume().await;
                let rc = std::rc::Rc::new(Node { g: Tracker::new("rc"), v: 0 });
                let keep = rc.clone();
                let n = rc.shared().await;
                step("end").await;
                drop(keep);
                (a, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A let chain with `get_mut` holding `&mut` into a `HashMap` across the awaited link
    /// and the body's await.
    p29a_let_chain_get_mut_across_await {
        lower! {
            pub async fn f(k: &'static str) -> Vec<(&'static str, u32)> {
                let mut m = HashMap::from([("a", 1), ("b", 2)]);
                if let Some(e) = m.get_mut(k) && leaf("ok?", *e > 0).await {
                    *e += leaf("inc", 10).await;
                }
                let mut v: Vec<_> = m.into_iter().collect();
                v.sort();
                v
            }
        }
    }
    run { pair(f("a"), f("z")) }
}

twin! {
    /// `let Some((k, v)) = line.split_once('=') else { continue }` over `str::lines()` of an
    /// awaited `String`, borrowed across the loop's awaits.
    p29a_split_once_lines_let_else {
        lower! {
            pub async fn f() -> BTreeMap<String, u32> {
                let text = leaf("text", String::from("a=1\nbad\nb=2\nc=x")).await;
                let mut out = BTreeMap::new();
                for line in text.lines() {
                    let Some((k, v)) = line.split_once('=') else {
                        step("skip").await;
                        continue;
                    };
                    let Ok(n) = v.parse::<u32>() else { continue };
                    out.insert(k.to_string(), leaf("n", n).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `ControlFlow` returned by a helper and matched in a loop with awaits on both arms.
    p29a_control_flow_loop {
        pub fn check(x: u32) -> std::ops::ControlFlow<&'static str, u32> {
            if x > 3 { std::ops::ControlFlow::Break("too big") } else { std::ops::ControlFlow::Continue(x * 2) }
        }
        lower! {
            pub async fn f() -> (u32, &'static str) {
                use std::ops::ControlFlow;
                let mut s = 0;
                let mut i = 0;
                let why = loop {
                    i += 1;
                    match check(leaf("i", i).await) {
                        ControlFlow::Continue(v) => s += v,
                        ControlFlow::Break(why) => {
                            step("break").await;
                            break why;
                        }
                    }
                };
                (s, why)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `move` closure capturing one field of a struct (precise capture), while another
    /// field is mutated across awaits and the closure is called after them.
    p29a_closure_disjoint_field_capture {
        pub struct State { pub name: String, pub log: Vec<u32> }
        lower! {
            pub async fn f() -> (usize, u32) {
                let mut s = State { name: leaf("name", String::from("abc")).await, log: Vec::new() };
                let name_len = || s.name.len();
                s.log.push(leaf("a", 1).await);
                s.log.push(leaf("b", 2).await);
                let n = name_len();
                (n, s.log.iter().sum())
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async` block borrowing one field while another field is pushed to before the
    /// block is awaited.
    p29a_async_block_disjoint_field {
        pub struct State { pub items: Vec<u32>, pub seen: Vec<u32> }
        lower! {
            pub async fn f() -> (u32, usize) {
                let mut s = State { items: vec![1, 2, 3], seen: Vec::new() };
                let sum = async {
                    step("sum").await;
                    s.items.iter().sum::<u32>()
                };
                s.seen.push(leaf("seen", 9).await);
                let total = sum.await;
                (total, s.seen.len())
            }
        }
    }
    run { f() }
}

twin! {
    /// A handler table of boxed `FnMut` returning boxed futures, looked up by name in a
    /// `BTreeMap` and called with awaits.
    p29a_handler_table_boxed_fnmut {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut calls = 0;
                let mut table: BTreeMap<&str, Box<dyn FnMut(u32) -> Pin<Box<dyn Future<Output = u32>>>>> = BTreeMap::new();
                table.insert("dbl", Box::new(|x| Box::pin(async move { step("dbl").await; x * 2 })));
                table.insert("inc", Box::new(|x| Box::pin(leaf("inc", x + 1))));
                let mut out = Vec::new();
                for name in ["dbl", "inc", "nope", "dbl"] {
                    if let Some(h) = table.get_mut(name) {
                        calls += 1;
                        out.push(h(leaf("arg", calls).await).await);
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `#[derive(Default)]` enum with a `#[default]` variant, `std::mem::take` on it, and
    /// a `match` over the taken value with awaits.
    p29a_default_enum_take {
        #[derive(Debug, Default)]
        pub enum Phase { #[default] Idle, Running(Tracker), Done(u32) }
        lower! {
            pub async fn f() -> Vec<String> {
                let mut phase = Phase::Running(Tracker::new("job"));
                let mut out = Vec::new();
                for _ in 0..3 {
                    match std::mem::take(&mut phase) {
                        Phase::Idle => out.push(leaf("idle", "idle".to_string()).await),
                        Phase::Running(t) => {
                            step(t.name()).await;
                            phase = Phase::Done(7);
                            out.push("ran".to_string());
                        }
                        Phase::Done(n) => out.push(format!("done {}", leaf("done", n).await)),
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic lowered fn with a const generic array parameter and an inline
    /// `const { assert!(..) }` that depends on it.
    p29a_const_generic_inline_const_assert {
        lower! {
            pub async fn sum_arr<const N: usize>(a: [u32; N]) -> u32 {
                const { assert!(N > 0) };
                let mut s = 0;
                for x in a {
                    s += leaf("x", x).await;
                }
                s * const { N as u32 }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                sum_arr([1, 2]).await + sum_arr([3]).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A boxed future chosen by an `if` between `ready(..)` and a `Leaf`, stored in a
    /// `Pin<Box<dyn Future>>` local and awaited later.
    p29a_boxed_choice_ready_or_leaf {
        lower! {
            pub async fn f(fast: bool) -> u32 {
                let fut: Pin<Box<dyn Future<Output = u32>>> = if leaf("fast?", fast).await {
                    Box::pin(ready(1))
                } else {
                    Box::pin(leaf("slow", 2))
                };
                let _g = Tracker::new("g");
                step("between").await;
                fut.await * 10
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `Option<impl Future>`: an optional future awaited only when present, via `if let`.
    p29a_optional_future_if_let {
        lower! {
            pub async fn f(with: bool) -> u32 {
                let maybe = with.then(|| leaf("opt", 5));
                let _g = Tracker::new("g");
                step("pre").await;
                if let Some(fut) = maybe {
                    fut.await + 1
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `IntoFuture` for a generic wrapper `Timed<F: Future>` that logs around the inner
    /// future, awaited with method chains on the result.
    p29a_into_future_generic_wrapper {
        pub struct Timed<F> { pub label: &'static str, pub inner: F }
        impl<F: Future> IntoFuture for Timed<F> {
            type Output = F::Output;
            type IntoFuture = F;
            fn into_future(self) -> F {
                log(format!("start {}", self.label));
                self.inner
            }
        }
        lower! {
            pub async fn f() -> usize {
                let a = Timed { label: "a", inner: leaf("a", String::from("xyz")) }.await.len();
                let t = Timed { label: "b", inner: async { step("b").await; vec![1, 2] } };
                let _g = Tracker::new("g");
                a + t.await.iter().sum::<usize>()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Cow<'static, str>` values built across awaits, borrowed or owned depending on an
    /// awaited flag.
    p29a_cow_across_awaits {
        lower! {
            pub async fn f(upper: bool) -> String {
                use std::borrow::Cow;
                let mut c: Cow<'static, str> = Cow::Borrowed("name");
                if leaf("upper?", upper).await {
                    c = Cow::Owned(c.to_uppercase());
                }
                step("mid").await;
                c.to_mut().push_str(leaf("suffix", "!").await);
                c.into_owned()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Three `String +=` statements with a logged place and different awaited operands
    /// (`&'static str`, `String::as_str()`, `&String`).
    p29a_compound_assign_string_operand_shapes {
        pub fn place<'a>(s: &'a mut String, tag: &'static str) -> &'a mut String {
            log(format!("place {tag}"));
            s
        }
        lower! {
            pub async fn f() -> String {
                let mut s = String::new();
                *place(&mut s, "a") += leaf("a", "A").await;
                *place(&mut s, "b") += leaf("b", String::from("B")).await.as_str();
                *place(&mut s, "c") += &leaf("c", String::from("C")).await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// Plain assignment `*pick(..) = leaf(..).await` (the value first, then the place) and
    /// `v[val(..)] = ..` for a `Vec<String>`.
    p29a_assign_value_then_place {
        pub fn pick<'a>(a: &'a mut String, b: &'a mut String, first: bool) -> &'a mut String {
            log("pick");
            if first { a } else { b }
        }
        lower! {
            pub async fn f() -> (String, String, Vec<String>) {
                let mut a = String::from("a");
                let mut b = String::from("b");
                *pick(&mut a, &mut b, true) = leaf("x", String::from("X")).await;
                let mut v = vec![String::new(); 2];
                v[val("idx", 1)] = leaf("y", String::from("Y")).await;
                (a, b, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// A trait with a required `async fn` and a default `async fn` calling it; the impl's
    /// required method is lowered, the default is native.
    p29a_trait_default_async_method {
        pub trait Step {
            async fn one(&self, x: u32) -> u32;
            async fn twice(&self, x: u32) -> u32 {
                let a = self.one(x).await;
                self.one(a).await
            }
        }
        pub struct AddOne(pub Tracker);
        impl Step for AddOne {
            lower! {
                async fn one(&self, x: u32) -> u32 {
                    step(self.0.name()).await;
                    x + 1
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let s = AddOne(Tracker::new("add"));
                s.twice(leaf("x", 1).await).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn with an `impl Fn(u32) -> bool` predicate applied across awaits, called
    /// with a closure capturing a tracker and an awaited threshold.
    p29a_impl_fn_predicate_arg {
        lower! {
            pub async fn keep(xs: Vec<u32>, pred: impl Fn(u32) -> bool) -> Vec<u32> {
                let mut out = Vec::new();
                for x in xs {
                    if pred(leaf("x", x).await) {
                        out.push(x);
                    }
                }
                out
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let t = Tracker::new("pred");
                let min = leaf("min", 2).await;
                keep(vec![1, 2, 3, 0, 5], move |x| {
                    log(format!("{} checks {x}", t.name()));
                    x >= min
                })
                .await
            }
        }
    }
    run { f() }
}

twin! {
    /// A let chain failing on its awaited first link leaves the `Option<Tracker>` untouched;
    /// the `else` block then moves it.
    p29a_let_chain_else_moves_scrutinee {
        lower! {
            pub async fn f(go: bool) -> &'static str {
                let opt = Some(Tracker::new("opt"));
                if leaf("go", go).await && let Some(t) = opt {
                    step("then").await;
                    t.name()
                } else {
                    let kept = opt;
                    step("else").await;
                    kept.map_or("none", |t| t.name())
                }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Edition 2024 `unsafe extern` block with a `safe fn` (libc `abs`), called without
    /// `unsafe` between awaits.
    p29a_unsafe_extern_safe_fn {
        unsafe extern "C" {
            pub safe fn abs(x: i32) -> i32;
        }
        lower! {
            pub async fn f() -> i32 {
                let a = abs(leaf("a", -3).await);
                step("mid").await;
                a + abs(leaf("b", -4).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` closure capturing a `&mut Vec` (moved reference), called three
    /// times; the `Vec` is read after the closure's last use.
    p29a_async_move_closure_captures_mut_ref {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = Vec::new();
                {
                    let r = &mut v;
                    let mut push = async move |x: u32| {
                        r.push(leaf("push", x).await);
                        r.len()
                    };
                    push(1).await;
                    push(2).await;
                    let n = push(3).await;
                    log(format!("len {n}"));
                }
                step("after").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure returning an `async move` block that captures a reference to a local
    /// (`let base = &base;` inside the closure), called across awaits.
    p29a_closure_returns_async_block_with_ref {
        lower! {
            pub async fn f() -> u32 {
                let base = Tracker::new("base");
                let fetch = |k: u32| {
                    let base = &base;
                    async move {
                        step(base.name()).await;
                        k + base.name().len() as u32
                    }
                };
                let a = fetch(1).await;
                step("between").await;
                a + fetch(leaf("k", 10).await).await
            }
        }
    }
    run { f() }
}
