//! Probe round 32b: futures handled by hand inside lowered bodies: futures stored in
//! locals and awaited later (their creation and drop order, also on cancellation at every
//! await), `Vec`s of boxed `dyn Future`s awaited in order or reversed, `Option`s of boxed
//! futures taken and awaited, futures passed to a lowered generic `run<F: Future>`, joins
//! and races written with `std::future::poll_fn` polling `Pin::as_mut` inside the lowered
//! body, `std::pin::pin!` locals awaited through `as_mut()`, async recursion through
//! `Box::pin`, lowered fns returning `impl Future`, closures returning futures, futures
//! dropped without being awaited, `&mut` awaits of `Unpin` futures polled partially,
//! `IntoFuture` types, and `ready`/`pending` mixes.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, VecDeque};
#[allow(unused_imports)]
use std::future::{pending, poll_fn, ready, IntoFuture};
#[allow(unused_imports)]
use std::pin::pin;
#[allow(unused_imports)]
use std::task::{Context, Poll};

twin! {
    /// A leaf made before another await and awaited after it.
    p32b_local_awaited_later {
        lower! {
            pub async fn f(t: Tracker) -> u32 {
                let a = leaf("a", 1);
                let b = leaf("b", 2).await;
                let x = a.await;
                log(format!("t {}", t.name()));
                x + b
            }
        }
    }
    run { f(Tracker::new("t")) }
}

twin! {
    /// Two leaves made up front, awaited in reverse order of creation.
    p32b_two_locals_reverse_await {
        lower! {
            pub async fn f() -> u32 {
                let a = leaf("a", 1);
                let b = leaf("b", 2);
                let y = b.await;
                let x = a.await;
                x * 10 + y
            }
        }
    }
    run { f() }
}

twin! {
    /// A leaf made and never awaited: it drops unfinished at the end of its scope.
    p32b_local_never_awaited {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                let a = leaf("never", n);
                let v = leaf("b", n + 1).await;
                step("s").await;
                let _keep = &a;
                v
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A stored leaf dropped by hand between two awaits.
    p32b_local_explicit_drop {
        lower! {
            pub async fn f() -> u32 {
                let a = leaf("a", 1);
                let t = Tracker::new("t");
                step("s1").await;
                drop(a);
                step("s2").await;
                drop(t);
                leaf("end", 9).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec<Pin<Box<dyn Future>>>` built in a loop, awaited in order.
    p32b_vec_boxed_in_order {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut v: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                for i in 0..n {
                    step("build").await;
                    v.push(Box::pin(leaf("v", i)));
                }
                let mut s = 0;
                for fut in v {
                    s = s * 10 + fut.await;
                }
                s
            }
        }
    }
    run { f(3) }
}

twin! {
    /// The same vector awaited reversed with `into_iter().rev()`.
    p32b_vec_boxed_reversed {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut v: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                for i in 0..n {
                    v.push(Box::pin(leaf("v", i + 1)));
                }
                step("built").await;
                let mut s = 0;
                for fut in v.into_iter().rev() {
                    s = s * 10 + fut.await;
                }
                s
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Boxed `async move` blocks each owning a Tracker; the unawaited ones drop on cancel.
    p32b_vec_async_blocks_trackers {
        lower! {
            pub async fn f() -> u32 {
                let names = ["t0", "t1", "t2"];
                let mut v: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                for (i, name) in names.iter().enumerate() {
                    let t = Tracker::new(name);
                    v.push(Box::pin(async move {
                        let r = leaf("in", i as u32).await;
                        log(format!("done {}", t.name()));
                        r
                    }));
                }
                let mut s = 0;
                for fut in v {
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
    /// `while let Some(f) = v.pop()` awaits the futures last to first.
    p32b_vec_pop_loop {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                v.push(Box::pin(leaf("a", 1)));
                v.push(Box::pin(async { leaf("b", 2).await + 10 }));
                v.push(Box::pin(ready(3)));
                let mut out = Vec::new();
                while let Some(fut) = v.pop() {
                    out.push(fut.await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Two futures of a vector awaited, then the vector dropped with the rest unawaited.
    p32b_vec_partial_then_drop {
        lower! {
            pub async fn f() -> u32 {
                let mut v: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                for i in 0..4 {
                    v.push(Box::pin(leaf("v", i)));
                }
                let a = v.remove(0).await;
                let b = v.remove(0).await;
                log(format!("left {}", v.len()));
                drop(v);
                step("after").await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option<Pin<Box<..>>>` taken after an await and awaited.
    p32b_option_take_await {
        lower! {
            pub async fn f() -> u32 {
                let mut o = Some(Box::pin(leaf("o", 3)));
                step("s").await;
                let v = if let Some(fut) = o.take() { fut.await } else { 0 };
                log(format!("o none {}", o.is_none()));
                v + leaf("end", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option::as_mut` lends the boxed future to the await; the finished box drops later.
    p32b_option_as_mut_await {
        lower! {
            pub async fn f() -> u32 {
                let _t = Tracker::new("t");
                let mut o = Some(Box::pin(leaf("o", 5)));
                let v = match o.as_mut() {
                    Some(fut) => fut.await,
                    None => 0,
                };
                step("s").await;
                log(format!("o some {}", o.is_some()));
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Lowered generic `run<F: Future>` called with a leaf and with an async block.
    p32b_generic_run {
        lower! {
            pub async fn run<F: Future>(f: F) -> F::Output {
                step("run").await;
                f.await
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let a = run(leaf("x", 2)).await;
                let b = run(async { leaf("y", 3).await * 2 }).await;
                a + b
            }
        }
    }
    run { g() }
}

twin! {
    /// A `run(..)` future made before another await, awaited after it: its argument drops
    /// with it on cancellation.
    p32b_generic_run_stored {
        lower! {
            pub async fn run<F: Future>(f: F) -> F::Output {
                step("run").await;
                f.await
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let t = Tracker::new("t");
                let r = run(async move {
                    let v = leaf("in", 4).await;
                    drop(t);
                    v
                });
                let w = leaf("w", 1).await;
                r.await + w
            }
        }
    }
    run { g() }
}

twin! {
    /// A hand-written join of two pinned async blocks through `poll_fn`.
    p32b_poll_fn_join_pin {
        lower! {
            pub async fn f() -> u32 {
                let mut a = pin!(async { leaf("a", 1).await + 1 });
                let mut b = pin!(async { leaf("b", 2).await * 3 });
                let mut ra = None;
                let mut rb = None;
                poll_fn(|cx| {
                    if ra.is_none() {
                        if let Poll::Ready(v) = a.as_mut().poll(cx) {
                            ra = Some(v);
                        }
                    }
                    if rb.is_none() {
                        if let Poll::Ready(v) = b.as_mut().poll(cx) {
                            rb = Some(v);
                        }
                    }
                    if ra.is_some() && rb.is_some() { Poll::Ready(()) } else { Poll::Pending }
                })
                .await;
                ra.unwrap() + rb.unwrap()
            }
        }
    }
    run { f() }
}

twin! {
    /// The join with `Box::pin`ned futures holding Trackers; a step awaited before it.
    p32b_poll_fn_join_boxed_trackers {
        lower! {
            pub async fn f() -> (u32, u32) {
                let ta = Tracker::new("ta");
                let tb = Tracker::new("tb");
                let mut a = Box::pin(async move {
                    let _ta = ta;
                    leaf("a", 1).await
                });
                let mut b = Box::pin(async move {
                    step("b0").await;
                    let v = leaf("b", 2).await;
                    drop(tb);
                    v
                });
                step("pre").await;
                let mut ra = None;
                let mut rb = None;
                poll_fn(|cx| {
                    if ra.is_none() {
                        if let Poll::Ready(v) = a.as_mut().poll(cx) {
                            ra = Some(v);
                        }
                    }
                    if rb.is_none() {
                        if let Poll::Ready(v) = b.as_mut().poll(cx) {
                            rb = Some(v);
                        }
                    }
                    if ra.is_some() && rb.is_some() { Poll::Ready(()) } else { Poll::Pending }
                })
                .await;
                step("post").await;
                (ra.unwrap(), rb.unwrap())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `poll_fn` join returning the pair straight out of the closure.
    p32b_poll_fn_join_returns_pair {
        lower! {
            pub async fn f(x: u32) -> u32 {
                let mut a = pin!(leaf("a", x));
                let mut b = pin!(async move { step("b").await; x * 2 });
                let mut ra = None;
                let mut rb = None;
                let (p, q) = poll_fn(|cx| {
                    if ra.is_none() {
                        ra = match a.as_mut().poll(cx) { Poll::Ready(v) => Some(v), Poll::Pending => None };
                    }
                    if rb.is_none() {
                        rb = match b.as_mut().poll(cx) { Poll::Ready(v) => Some(v), Poll::Pending => None };
                    }
                    match (ra, rb) {
                        (Some(p), Some(q)) => Poll::Ready((p, q)),
                        _ => Poll::Pending,
                    }
                })
                .await;
                p + q
            }
        }
    }
    run { f(5) }
}

twin! {
    /// A `pin!`ned async block polled once per loop turn by `poll_fn`, a tick between.
    p32b_pin_partial_poll_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut fut = pin!(async {
                    step("a").await;
                    step("b").await;
                    7
                });
                let mut ticks = 0;
                loop {
                    let r = poll_fn(|cx| match fut.as_mut().poll(cx) {
                        Poll::Ready(v) => Poll::Ready(Some(v)),
                        Poll::Pending => Poll::Ready(None),
                    })
                    .await;
                    if let Some(v) = r {
                        break v + ticks;
                    }
                    ticks += 1;
                    step("tick").await;
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A `pin!`ned future polled partially then finished with `fut.as_mut().await`.
    p32b_pin_partial_then_as_mut_await {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let mut fut = pin!(async move {
                    step("x").await;
                    let v = leaf("y", 3).await;
                    log(format!("in {}", t.name()));
                    v
                });
                let early = poll_fn(|cx| Poll::Ready(fut.as_mut().poll(cx).is_ready())).await;
                log(format!("early {early}"));
                step("mid").await;
                if early { 0 } else { fut.as_mut().await }
            }
        }
    }
    run { f() }
}

twin! {
    /// Async recursion through `Box::pin`, a Tracker per level.
    p32b_recursion_box_pin {
        lower! {
            pub async fn sum(n: u32) -> u32 {
                if n == 0 {
                    return leaf("z", 0).await;
                }
                let _t = Tracker::new(["t0", "t1", "t2", "t3"][n as usize]);
                let rest = Box::pin(sum(n - 1)).await;
                n + rest + leaf("l", 0).await
            }
        }
    }
    run { sum(3) }
}

twin! {
    /// The recursive call boxed before an await and awaited after it.
    p32b_recursion_box_stored {
        lower! {
            pub async fn sum(n: u32) -> u32 {
                if n == 0 {
                    return 0;
                }
                let rest = Box::pin(sum(n - 1));
                let here = leaf("here", n).await;
                here + rest.await
            }
        }
    }
    run { sum(3) }
}

twin! {
    /// Mutual recursion `even`/`odd` through boxed calls.
    p32b_mutual_recursion {
        lower! {
            pub async fn even(n: u32) -> bool {
                if n == 0 { return true; }
                step("e").await;
                Box::pin(odd(n - 1)).await
            }
        }
        lower! {
            pub async fn odd(n: u32) -> bool {
                if n == 0 { return false; }
                step("o").await;
                Box::pin(even(n - 1)).await
            }
        }
    }
    run { even(3) }
}

twin! {
    /// Recursion over a tree, boxed calls collected in a `Vec` then awaited.
    p32b_recursion_tree_vec {
        pub struct Node {
            pub v: u32,
            pub kids: Vec<Node>,
        }
        lower! {
            pub async fn total(n: &'static Node) -> u32 {
                let mut futs = Vec::new();
                for k in &n.kids {
                    futs.push(Box::pin(total(k)));
                }
                let mut s = leaf("v", n.v).await;
                for f in futs {
                    s += f.await;
                }
                s
            }
        }
    }
    run {
        total(leak(Node { v: 1, kids: vec![Node { v: 2, kids: vec![] }, Node { v: 3, kids: vec![Node { v: 4, kids: vec![] }] }] }))
    }
}

twin! {
    /// A lowered fn returning `impl Future` built from an `async move` block.
    p32b_returns_impl_future {
        lower! {
            pub async fn make(n: u32) -> impl Future<Output = u32> {
                let k = leaf("k", n).await;
                async move { leaf("inner", k).await * 2 }
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let f = make(3).await;
                step("mid").await;
                f.await + 1
            }
        }
    }
    run { g() }
}

twin! {
    /// `make(..).await.await` in one expression, the inner future owning a Tracker.
    p32b_returns_impl_future_double_await {
        lower! {
            pub async fn make(t: Tracker) -> impl Future<Output = u32> {
                step("mk").await;
                async move {
                    let v = leaf("in", 4).await;
                    log(format!("inner {}", t.name()));
                    v
                }
            }
        }
        lower! {
            pub async fn g() -> u32 {
                make(Tracker::new("t")).await.await + leaf("x", 1).await
            }
        }
    }
    run { g() }
}

twin! {
    /// A lowered fn returning a boxed `dyn Future` picked by a branch.
    p32b_returns_boxed_dyn {
        lower! {
            pub async fn pick(b: bool) -> Pin<Box<dyn Future<Output = u32>>> {
                step("pick").await;
                if b {
                    Box::pin(leaf("yes", 1))
                } else {
                    Box::pin(async { leaf("no", 2).await + 5 })
                }
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let a = pick(true).await;
                let b = pick(false).await;
                b.await * 10 + a.await
            }
        }
    }
    run { g() }
}

twin! {
    /// A closure returning a future, called twice in one expression.
    p32b_closure_returns_future {
        lower! {
            pub async fn f() -> u32 {
                let mk = |n| async move { leaf("m", n).await };
                mk(1).await + mk(2).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Closure futures made first and awaited in reverse.
    p32b_closure_futures_stored {
        lower! {
            pub async fn f() -> u32 {
                let mk = |n: u32| async move { leaf("m", n).await * 2 };
                let a = mk(1);
                let b = mk(2);
                step("s").await;
                b.await * 100 + a.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure future borrowing a Tracker's name captured by the closure.
    p32b_closure_future_borrows_local {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let mk = |n: u32| {
                    let name = t.name();
                    async move {
                        log(format!("for {name}"));
                        leaf("m", n).await
                    }
                };
                let a = mk(1).await;
                step("s").await;
                a + mk(5).await
            }
        }
    }
    run { f() }
}

twin! {
    /// An async block owning a Tracker, dropped unpolled between awaits.
    p32b_async_block_dropped_unpolled {
        lower! {
            pub async fn f() -> u32 {
                let g = Tracker::new("g");
                let fut = async move {
                    let _g = g;
                    leaf("never", 1).await
                };
                step("s").await;
                drop(fut);
                step("t").await;
                2
            }
        }
    }
    run { f() }
}

twin! {
    /// An async block owning a Tracker that lives to the end unpolled.
    p32b_async_block_unpolled_to_end {
        lower! {
            pub async fn f(a: Tracker) -> u32 {
                let b = Tracker::new("b");
                let _fut = async move {
                    let _b = b;
                    step("never").await;
                };
                let c = Tracker::new("c");
                let v = leaf("v", 3).await;
                drop(c);
                log(format!("a {}", a.name()));
                v
            }
        }
    }
    run { f(Tracker::new("a")) }
}

twin! {
    /// An async block polled partially (one step) then dropped.
    p32b_async_block_partially_polled_dropped {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let mut fut = Box::pin(async move {
                    let _t = t;
                    step("a").await;
                    step("b").await;
                    leaf("c", 3).await
                });
                let _ = poll_fn(|cx| Poll::Ready(fut.as_mut().poll(cx))).await;
                step("mid").await;
                drop(fut);
                leaf("end", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `&mut` of an `Unpin` leaf polled partially in a loop, then awaited by `&mut`.
    p32b_unpin_mut_partial_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut a = leaf("a", 10);
                let mut n = 0;
                step("start").await;
                loop {
                    let r = poll_fn(|cx| match Pin::new(&mut a).poll(cx) {
                        Poll::Ready(v) => Poll::Ready(Some(v)),
                        Poll::Pending => Poll::Ready(None),
                    })
                    .await;
                    if let Some(v) = r {
                        break v + n;
                    }
                    n += 1;
                    step("tick").await;
                    if n == 2 {
                        break (&mut a).await + 100;
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `(&mut a).await` after a partial poll; the finished leaf drops at the end.
    p32b_unpin_mut_await_after_partial {
        lower! {
            pub async fn f() -> u32 {
                let _t = Tracker::new("t");
                let mut a = leaf("a", 4);
                let first = poll_fn(|cx| Poll::Ready(Pin::new(&mut a).poll(cx))).await;
                let v = match first {
                    Poll::Ready(v) => v,
                    Poll::Pending => (&mut a).await,
                };
                step("s").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `Pin::new(&mut leaf).await`: the leaf outlives the await and drops at the end.
    p32b_pin_new_mut_await {
        lower! {
            pub async fn f() -> u32 {
                let mut a = leaf("a", 3);
                let t = Tracker::new("t");
                let v = Pin::new(&mut a).await;
                step("s").await;
                drop(t);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// An `IntoFuture` type awaited directly.
    p32b_into_future_basic {
        pub struct Req(pub u32);
        impl IntoFuture for Req {
            type Output = u32;
            type IntoFuture = Leaf<u32>;
            fn into_future(self) -> Leaf<u32> {
                log(format!("into {}", self.0));
                leaf("req", self.0)
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let a = Req(3).await;
                let b = Req(a + 1).await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// An `IntoFuture` holding a Tracker, made before an await and awaited after it.
    p32b_into_future_stored {
        pub struct Job {
            pub t: Tracker,
            pub n: u32,
        }
        impl IntoFuture for Job {
            type Output = u32;
            type IntoFuture = Pin<Box<dyn Future<Output = u32>>>;
            fn into_future(self) -> Self::IntoFuture {
                log("into job");
                Box::pin(async move {
                    let v = leaf("job", self.n).await;
                    log(format!("job done {}", self.t.name()));
                    v
                })
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let j = Job { t: Tracker::new("j"), n: 5 };
                let k = Job { t: Tracker::new("k"), n: 6 };
                step("s").await;
                let a = k.await;
                a + j.await
            }
        }
    }
    run { f() }
}

twin! {
    /// `ready` values mixed with leaves in one expression.
    p32b_ready_mix {
        lower! {
            pub async fn f() -> u32 {
                let a = ready(1).await + leaf("a", 2).await;
                let b = ready(leaf("nested", 3)).await.await;
                a * 10 + b + ready(0).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `ready(Tracker)` made before an await and taken by its await.
    p32b_ready_tracker_stored {
        lower! {
            pub async fn f() -> u32 {
                let r = ready(Tracker::new("r"));
                let s = ready(Tracker::new("s"));
                step("x").await;
                let t = s.await;
                step("y").await;
                log(format!("got {}", t.name()));
                drop(r);
                leaf("end", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A race of `pending()` against a leaf through `poll_fn`: the leaf wins.
    p32b_pending_race {
        lower! {
            pub async fn f() -> u32 {
                let mut p = pin!(pending::<u32>());
                let mut l = leaf("l", 8);
                let t = Tracker::new("t");
                let v = poll_fn(|cx| {
                    if let Poll::Ready(v) = p.as_mut().poll(cx) {
                        return Poll::Ready(v);
                    }
                    Pin::new(&mut l).poll(cx)
                })
                .await;
                step("after").await;
                drop(t);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// An array of leaves awaited by a `for` over the array by value.
    p32b_array_of_leaves_for {
        lower! {
            pub async fn f() -> u32 {
                let arr = [leaf("a", 1), leaf("b", 2), leaf("c", 3)];
                let mut s = 0;
                for fut in arr {
                    s = s * 10 + fut.await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec<Leaf>` awaited through `iter_mut` (`&mut Leaf` is a future).
    p32b_vec_leaf_iter_mut {
        lower! {
            pub async fn f() -> u32 {
                let mut v: Vec<_> = (0..3).map(|i| leaf("m", i + 1)).collect();
                let mut s = 0;
                for fut in v.iter_mut() {
                    s += fut.await;
                }
                step("end").await;
                log(format!("len {}", v.len()));
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// Leaves collected by `map`, awaited by value in order with `enumerate`.
    p32b_collected_leaves_enumerate {
        lower! {
            pub async fn f(n: u32) -> Vec<(usize, u32)> {
                let futs: Vec<_> = (0..n).map(|i| leaf("c", i * i)).collect();
                let mut out = Vec::new();
                for (i, fut) in futs.into_iter().enumerate() {
                    out.push((i, fut.await));
                }
                out
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Boxed async blocks from `map` cast to `dyn Future`, awaited reversed.
    p32b_map_cast_boxed_rev {
        lower! {
            pub async fn f() -> Vec<u32> {
                let futs: Vec<Pin<Box<dyn Future<Output = u32>>>> = (1..4u32)
                    .map(|i| Box::pin(async move { leaf("x", i).await * i }) as Pin<Box<dyn Future<Output = u32>>>)
                    .collect();
                let mut out = Vec::new();
                for fut in futs.into_iter().rev() {
                    out.push(fut.await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// The last future popped, the rest dropped before it is awaited.
    p32b_pop_last_drop_rest {
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![leaf("a", 1), leaf("b", 2), leaf("c", 3)];
                step("s").await;
                let last = v.pop().unwrap();
                drop(v);
                last.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `VecDeque` work queue: a finished future may enqueue more.
    p32b_vecdeque_work_queue {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut q: VecDeque<Pin<Box<dyn Future<Output = u32>>>> = VecDeque::new();
                q.push_back(Box::pin(leaf("q", 1)));
                q.push_back(Box::pin(leaf("q", 2)));
                let mut out = Vec::new();
                while let Some(fut) = q.pop_front() {
                    let v = fut.await;
                    if v < 4 {
                        q.push_back(Box::pin(async move { leaf("more", v + 2).await }));
                    }
                    out.push(v);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Option<Pin<Box<..>>>` chain: each result decides the next future.
    p32b_option_chain_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut next: Option<Pin<Box<dyn Future<Output = u32>>>> = Some(Box::pin(leaf("n", 0)));
                let mut last = 0;
                while let Some(fut) = next.take() {
                    last = fut.await;
                    if last < 3 {
                        next = Some(Box::pin(leaf("n", last + 1)));
                    }
                }
                last
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option::map` makes a future; matched and awaited.
    p32b_option_map_future {
        lower! {
            pub async fn f(o: Option<u32>) -> u32 {
                let fut = o.map(|n| leaf("o", n));
                step("s").await;
                match fut {
                    Some(f) => f.await,
                    None => 0,
                }
            }
        }
        lower! {
            pub async fn g() -> u32 {
                f(Some(3)).await + f(None).await
            }
        }
    }
    run { g() }
}

twin! {
    /// `if let Some(f) = &mut opt` awaits an `Unpin` leaf in place.
    p32b_option_ref_mut_await {
        lower! {
            pub async fn f() -> u32 {
                let mut opt = Some(leaf("o", 6));
                let t = Tracker::new("t");
                let v = if let Some(f) = &mut opt { f.await } else { 0 };
                step("s").await;
                drop(t);
                log(format!("still {}", opt.is_some()));
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A future moved into an async block that awaits it after its own step.
    p32b_future_moved_into_block {
        lower! {
            pub async fn f() -> u32 {
                let a = leaf("a", 2);
                let b = async move {
                    step("b").await;
                    a.await * 3
                };
                step("outer").await;
                b.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A future shadowed by a wrapping async block of the same name.
    p32b_shadowed_future {
        lower! {
            pub async fn f() -> u32 {
                let fut = leaf("a", 1);
                let fut = async move { fut.await + 1 };
                let fut = async move { step("w").await; fut.await * 2 };
                leaf("pre", 0).await + fut.await
            }
        }
    }
    run { f() }
}

twin! {
    /// An explicit `into_future()` stored, then awaited.
    p32b_explicit_into_future {
        lower! {
            pub async fn f() -> u32 {
                let a = IntoFuture::into_future(leaf("a", 4));
                let b = async { 1 }.into_future();
                step("s").await;
                a.await + b.await
            }
        }
    }
    run { f() }
}

twin! {
    /// `pin!` inside a loop body: a fresh pinned future each turn.
    p32b_pin_in_loop_body {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for i in 0..3 {
                    let fut = pin!(async move { leaf("i", i).await + 1 });
                    step("pre").await;
                    s += fut.await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `pin!` in one match arm, a plain leaf in the other.
    p32b_pin_in_match_arm {
        lower! {
            pub async fn f(k: u32) -> u32 {
                match leaf("k", k).await {
                    0 => {
                        let mut p = pin!(async { step("z").await; 10 });
                        step("arm").await;
                        p.as_mut().await
                    }
                    n => leaf("n", n).await,
                }
            }
        }
        lower! {
            pub async fn g() -> u32 {
                f(0).await + f(2).await
            }
        }
    }
    run { g() }
}

twin! {
    /// An early `?` return while a stored future is still unawaited.
    p32b_early_return_stored_future {
        lower! {
            pub async fn f(fail: bool) -> Result<u32, String> {
                let a = leaf("a", 1);
                let _t = Tracker::new("t");
                let r: Result<u32, String> = if fail { Err("no".into()) } else { Ok(2) };
                let b = leaf("r", r).await?;
                Ok(a.await + b)
            }
        }
        lower! {
            pub async fn g() -> (Result<u32, String>, Result<u32, String>) {
                (f(false).await, f(true).await)
            }
        }
    }
    run { g() }
}

twin! {
    /// A boom future stored next to a leaf: the panic drops the stored one.
    p32b_boom_with_stored_future {
        lower! {
            pub async fn f() -> u32 {
                let a = leaf("a", 1);
                let _t = Tracker::new("t");
                step("s").await;
                let x = boom("b").await;
                x + a.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct field holding a future, awaited by `&mut` while another field lives on.
    p32b_struct_field_future_mut {
        pub struct Slot {
            pub fut: Leaf<u32>,
            pub tag: Tracker,
        }
        lower! {
            pub async fn f() -> u32 {
                let mut s = Slot { fut: leaf("f", 3), tag: Tracker::new("tag") };
                step("a").await;
                let v = (&mut s.fut).await;
                step("b").await;
                log(format!("tag {}", s.tag.name()));
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct holding a future moved out whole into the await.
    p32b_struct_future_moved {
        pub struct Holder {
            pub fut: Pin<Box<dyn Future<Output = u32>>>,
            pub name: &'static str,
        }
        lower! {
            pub async fn f(h: Holder) -> u32 {
                step("a").await;
                log(format!("name {}", h.name));
                h.fut.await + 1
            }
        }
    }
    run { f(Holder { fut: Box::pin(leaf("h", 2)), name: "hh" }) }
}

twin! {
    /// A lowered fn taking two generic futures, awaiting the second first.
    p32b_generic_two_futures {
        lower! {
            pub async fn both<A, B>(a: A, b: B) -> u32
            where
                A: Future<Output = u32>,
                B: Future<Output = u32>,
            {
                let y = b.await;
                step("mid").await;
                a.await * 10 + y
            }
        }
    }
    run {
        both(
            async { let _t = Tracker::new("ta"); leaf("a", 1).await },
            async { let _t = Tracker::new("tb"); leaf("b", 2).await },
        )
    }
}

twin! {
    /// An `impl Future` argument awaited after a loop of steps.
    p32b_impl_future_arg_after_loop {
        lower! {
            pub async fn later(f: impl Future<Output = u32>, n: u32) -> u32 {
                for _ in 0..n {
                    step("tick").await;
                }
                f.await
            }
        }
    }
    run { later(leaf("f", 9), 2) }
}

twin! {
    /// A lowered fn taking a `Pin<Box<dyn Future>>` and a Tracker.
    p32b_boxed_dyn_param {
        lower! {
            pub async fn take(f: Pin<Box<dyn Future<Output = u32>>>, t: Tracker) -> u32 {
                let v = leaf("pre", 1).await;
                let w = f.await;
                log(format!("t {}", t.name()));
                v + w
            }
        }
    }
    run { take(Box::pin(async { step("in").await; 5 }), Tracker::new("t")) }
}

twin! {
    /// A lowered fn taking `&mut F` for `F: Future + Unpin`, awaited twice by callers.
    p32b_generic_mut_unpin_param {
        lower! {
            pub async fn finish<F: Future<Output = u32> + Unpin>(f: &mut F) -> u32 {
                step("fin").await;
                f.await + 1
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let mut a = leaf("a", 2);
                let mut b = Box::pin(leaf("b", 3));
                let x = finish(&mut a).await;
                let y = finish(&mut b).await;
                x * 10 + y
            }
        }
    }
    run { g() }
}

twin! {
    /// A vector of boxed futures handed to a lowered fn that awaits them reversed.
    p32b_vec_param_reversed {
        lower! {
            pub async fn all_rev(v: Vec<Pin<Box<dyn Future<Output = u32>>>>) -> Vec<u32> {
                let mut out = Vec::new();
                for f in v.into_iter().rev() {
                    out.push(f.await);
                }
                out
            }
        }
        lower! {
            pub async fn g() -> Vec<u32> {
                let mut v: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                for i in 0..3 {
                    let t = Tracker::new(["x", "y", "z"][i]);
                    v.push(Box::pin(async move {
                        let _t = t;
                        leaf("e", i as u32).await
                    }));
                }
                step("built").await;
                all_rev(v).await
            }
        }
    }
    run { g() }
}

twin! {
    /// A method of a struct returning a borrowing future, stored and awaited later.
    p32b_method_returns_borrowing_future {
        pub struct Svc {
            pub base: u32,
        }
        impl Svc {
            pub fn fetch(&self, k: u32) -> impl Future<Output = u32> + '_ {
                async move { leaf("fetch", k).await + self.base }
            }
        }
        lower! {
            pub async fn f(s: Svc) -> u32 {
                let a = s.fetch(1);
                let b = s.fetch(2).await;
                step("s").await;
                a.await + b
            }
        }
    }
    run { f(Svc { base: 10 }) }
}

twin! {
    /// A lowered method taking an `impl Future` and `&self`.
    p32b_lowered_method_future_arg {
        pub struct Svc {
            pub name: &'static str,
        }
        impl Svc {
            lower! {
                pub async fn call(&self, f: impl Future<Output = u32>) -> String {
                    step("call").await;
                    let v = f.await;
                    format!("{}={v}", self.name)
                }
            }
        }
    }
    run { async { let s = Svc { name: "s" }; s.call(leaf("v", 4)).await } }
}

twin! {
    /// An async block borrowing a local `Vec`, made before an await.
    p32b_block_borrows_local {
        lower! {
            pub async fn f() -> usize {
                let v = vec![1, 2, 3];
                let fut = async { leaf("len", v.len()).await };
                step("s").await;
                fut.await + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A leaf holding a reference to a local String across an await.
    p32b_leaf_of_ref_across_await {
        lower! {
            pub async fn f() -> usize {
                let s = String::from("hello");
                let fut = leaf("s", &s);
                step("x").await;
                let r = fut.await;
                r.len() + s.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// An async block mutating a local through its borrow, awaited, then the local read.
    p32b_block_mut_borrow {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 0;
                let fut = async {
                    n += leaf("a", 1).await;
                    n += leaf("b", 2).await;
                };
                fut.await;
                step("s").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec` of closures each returning a boxed future.
    p32b_vec_of_future_factories {
        lower! {
            pub async fn f() -> u32 {
                let fs: Vec<Box<dyn Fn(u32) -> Pin<Box<dyn Future<Output = u32>>>>> = vec![
                    Box::new(|n| Box::pin(leaf("p", n + 1))),
                    Box::new(|n| Box::pin(async move { step("q").await; n * 2 })),
                ];
                let mut s = 0;
                for mk in &fs {
                    s += mk(s + 1).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A select-like race of two boxed futures; the loser is dropped partially polled.
    p32b_race_loser_dropped {
        lower! {
            pub async fn f() -> u32 {
                let ta = Tracker::new("ta");
                let tb = Tracker::new("tb");
                let mut a = Box::pin(async move {
                    let _ta = ta;
                    step("a1").await;
                    leaf("a2", 1).await
                });
                let mut b = Box::pin(async move {
                    let _tb = tb;
                    leaf("b1", 2).await
                });
                let v = poll_fn(|cx| {
                    if let Poll::Ready(v) = a.as_mut().poll(cx) {
                        return Poll::Ready(v);
                    }
                    b.as_mut().poll(cx)
                })
                .await;
                log(format!("won {v}"));
                drop(b);
                step("end").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A race written as a loop of partial polls of two `Unpin` leaves.
    p32b_race_loop_unpin_leaves {
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut a = leaf("a", 1);
                let mut b = leaf("b", 2);
                let mut rounds = 0;
                let first = loop {
                    rounds += 1;
                    let r = poll_fn(|cx| {
                        if let Poll::Ready(v) = Pin::new(&mut a).poll(cx) {
                            return Poll::Ready(Some(('a', v)));
                        }
                        if let Poll::Ready(v) = Pin::new(&mut b).poll(cx) {
                            return Poll::Ready(Some(('b', v)));
                        }
                        Poll::Ready(None)
                    })
                    .await;
                    if let Some(x) = r {
                        break x;
                    }
                    step("idle").await;
                };
                let other = if first.0 == 'a' { b.await } else { a.await };
                (first.1 * 10 + other, rounds)
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` inside a nested async block: it leaves the block, not the lowered fn.
    p32b_question_in_nested_block {
        lower! {
            pub async fn f(ok: bool) -> (Result<u32, String>, u32) {
                let fut = async {
                    let r: Result<u32, String> = if ok { Ok(1) } else { Err("e".to_string()) };
                    let v = leaf("r", r).await?;
                    Ok(v + 1)
                };
                step("pre").await;
                let r = fut.await;
                (r, leaf("after", 7).await)
            }
        }
        lower! {
            pub async fn g() -> ((Result<u32, String>, u32), (Result<u32, String>, u32)) {
                (f(true).await, f(false).await)
            }
        }
    }
    run { g() }
}

twin! {
    /// `return` inside a nested async block returns from the block only.
    p32b_return_in_nested_block {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let fut = async move {
                    if leaf("k", k).await > 1 {
                        return 100;
                    }
                    step("tail").await;
                    k
                };
                let t = Tracker::new("t");
                let v = fut.await;
                drop(t);
                v + leaf("x", 1).await
            }
        }
        lower! {
            pub async fn g() -> (u32, u32) {
                (f(1).await, f(5).await)
            }
        }
    }
    run { g() }
}

twin! {
    /// A `return` inside a closure's async block.
    p32b_return_in_closure_block {
        lower! {
            pub async fn f() -> u32 {
                let mk = |n: u32| async move {
                    if n == 0 {
                        return 50;
                    }
                    leaf("m", n).await
                };
                mk(0).await + mk(3).await
            }
        }
    }
    run { f() }
}

twin! {
    /// An async block capturing a local that is shadowed before the block is awaited.
    p32b_block_capture_then_shadow {
        lower! {
            pub async fn f() -> u32 {
                let x = 1;
                let fut = async move { x + leaf("a", 2).await };
                let x = 10;
                step("s").await;
                fut.await + x
            }
        }
    }
    run { f() }
}

twin! {
    /// A local shadowed inside an async block that borrows the outer one.
    p32b_block_shadows_outer {
        lower! {
            pub async fn f() -> u32 {
                let x = leaf("a", 1).await;
                let fut = async {
                    let x = x + 1;
                    step("in").await;
                    let x = x * 3;
                    x
                };
                let y = fut.await;
                let x = x + y;
                leaf("b", x).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure's future capturing by reference a local used again after awaits.
    p32b_closure_future_ref_capture {
        lower! {
            pub async fn f() -> u32 {
                let base: u32 = leaf("base", 10).await;
                let mk = |n| leaf("m", n + base);
                let a = mk(1);
                step("s").await;
                let b = mk(2).await;
                a.await + b + base
            }
        }
    }
    run { f() }
}

twin! {
    /// An `FnMut` closure counting calls, returning futures awaited in a loop.
    p32b_fnmut_future_factory {
        lower! {
            pub async fn f() -> u32 {
                let mut calls = 0;
                let mut mk = |n: u32| {
                    calls += 1;
                    leaf("m", n * 2)
                };
                let mut s = 0;
                for i in 0..3 {
                    s += mk(i).await;
                }
                s + calls
            }
        }
    }
    run { f() }
}

twin! {
    /// A future assigned later through a deferred `let` and an `if`.
    p32b_deferred_init_future {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let fut: Pin<Box<dyn Future<Output = u32>>>;
                if c {
                    fut = Box::pin(leaf("yes", 1));
                } else {
                    fut = Box::pin(async { step("no").await; 2 });
                }
                step("s").await;
                fut.await
            }
        }
        lower! {
            pub async fn g() -> u32 {
                f(true).await * 10 + f(false).await
            }
        }
    }
    run { g() }
}

twin! {
    /// `mem::replace` swaps in a fresh future and awaits the old one.
    p32b_mem_replace_future {
        lower! {
            pub async fn f() -> u32 {
                let mut cur: Pin<Box<dyn Future<Output = u32>>> = Box::pin(leaf("first", 1));
                let mut s = 0;
                for i in 0..3 {
                    let old = std::mem::replace(&mut cur, Box::pin(leaf("next", i + 2)));
                    s = s * 10 + old.await;
                }
                step("end").await;
                drop(cur);
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A loop that makes a future each turn and drops it on `break` unawaited.
    p32b_loop_break_drops_future {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                let mut i = 0;
                loop {
                    let fut = leaf("it", i);
                    if i == 2 {
                        break;
                    }
                    s += fut.await;
                    step("t").await;
                    i += 1;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `drain(..)` of boxed futures with a `break`: the rest drop with the iterator.
    p32b_drain_break {
        lower! {
            pub async fn f() -> u32 {
                let mut v: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                for i in 0..4 {
                    v.push(Box::pin(leaf("d", i + 1)));
                }
                let mut s = 0;
                for fut in v.drain(..) {
                    s += fut.await;
                    if s > 2 {
                        break;
                    }
                }
                step("after").await;
                s + v.len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// `iter_mut().rev()` over boxed futures awaits them in place.
    p32b_iter_mut_rev_boxed {
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![Box::pin(leaf("a", 1)), Box::pin(leaf("b", 2)), Box::pin(leaf("c", 3))];
                let mut s = 0;
                for fut in v.iter_mut().rev() {
                    s = s * 10 + fut.await;
                }
                step("end").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A `RefMut` temporary from `borrow_mut().take()` lives across the await natively.
    p32b_refcell_take_temp_across_await {
        lower! {
            pub async fn f() -> u32 {
                let cell: std::rc::Rc<std::cell::RefCell<Option<Pin<Box<dyn Future<Output = u32>>>>>> =
                    std::rc::Rc::new(std::cell::RefCell::new(None));
                let c2 = cell.clone();
                *cell.borrow_mut() = Some(Box::pin(async move {
                    log(format!("busy {}", c2.try_borrow_mut().is_err()));
                    leaf("in", 3).await
                }));
                let v = cell.borrow_mut().take().unwrap().await;
                step("s").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on `borrow_mut().take()`: the scrutinee guard lives through the arm.
    p32b_refcell_match_take {
        lower! {
            pub async fn f() -> u32 {
                let cell = std::rc::Rc::new(std::cell::RefCell::new(Some(leaf("x", 4))));
                let c2 = cell.clone();
                let v = match cell.borrow_mut().take() {
                    Some(fut) => {
                        let v = fut.await;
                        log(format!("busy {}", c2.try_borrow().is_err()));
                        v
                    }
                    None => 0,
                };
                step("s").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A temporary Tracker borrowed by a call whose future is awaited in a `let`.
    p32b_temp_tracker_in_awaited_call {
        pub fn with<'a>(t: &'a Tracker, f: Leaf<u32>) -> impl Future<Output = u32> + 'a {
            async move {
                let v = f.await;
                log(format!("with {}", t.name()));
                v
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let v = with(&Tracker::new("tmp"), leaf("a", 2)).await;
                log("after let");
                step("s").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn generic over `IntoFuture`.
    p32b_generic_into_future_param {
        pub struct Req(pub u32);
        impl IntoFuture for Req {
            type Output = u32;
            type IntoFuture = Leaf<u32>;
            fn into_future(self) -> Leaf<u32> {
                log("into");
                leaf("req", self.0)
            }
        }
        lower! {
            pub async fn run<F: IntoFuture>(f: F) -> F::Output {
                step("run").await;
                f.await
            }
        }
        lower! {
            pub async fn g() -> u32 {
                run(Req(3)).await + run(leaf("plain", 4)).await
            }
        }
    }
    run { g() }
}

twin! {
    /// `run(run(..))`: a lowered future passed to the lowered generic fn.
    p32b_nested_generic_run {
        lower! {
            pub async fn run<F: Future>(f: F) -> F::Output {
                let t = Tracker::new("run");
                step("r").await;
                let v = f.await;
                drop(t);
                v
            }
        }
    }
    run { run(run(leaf("x", 5))) }
}

twin! {
    /// An async closure (`async move |n|`) called twice, a Tracker captured by reference.
    p32b_async_closure_calls {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let c = async |n: u32| {
                    log(format!("c {}", t.name()));
                    leaf("c", n).await + 1
                };
                let a = c(1).await;
                step("s").await;
                a + c(2).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn bounded by `AsyncFn`, called with an async closure.
    p32b_asyncfn_bound {
        lower! {
            pub async fn twice(f: impl AsyncFn(u32) -> u32) -> u32 {
                let a = f(1).await;
                step("mid").await;
                f(a).await
            }
        }
        lower! {
            pub async fn g() -> u32 {
                twice(async |n: u32| leaf("x", n * 3).await).await
            }
        }
    }
    run { g() }
}

twin! {
    /// A lowered fn taking `F: Fn(u32) -> Fut, Fut: Future`.
    p32b_fn_returning_fut_generic {
        lower! {
            pub async fn map_all<F, Fut>(xs: Vec<u32>, f: F) -> Vec<u32>
            where
                F: Fn(u32) -> Fut,
                Fut: Future<Output = u32>,
            {
                let futs: Vec<Fut> = xs.into_iter().map(&f).collect();
                let mut out = Vec::new();
                for fut in futs {
                    out.push(fut.await);
                }
                out
            }
        }
    }
    run { map_all(vec![1, 2, 3], |n| async move { leaf("m", n).await * 10 }) }
}

twin! {
    /// `futures::future::join` of two stored futures.
    p32b_futures_join {
        lower! {
            pub async fn f() -> u32 {
                let a = async { let _t = Tracker::new("ta"); leaf("a", 1).await };
                let b = async { step("b0").await; leaf("b", 2).await };
                step("pre").await;
                let (x, y) = futures::future::join(a, b).await;
                x * 10 + y
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::future::join_all` of boxed futures built in a loop.
    p32b_futures_join_all {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = Vec::new();
                for i in 0..3u32 {
                    let t = Tracker::new(["j0", "j1", "j2"][i as usize]);
                    v.push(Box::pin(async move {
                        let r = leaf("j", i).await;
                        drop(t);
                        r
                    }));
                }
                step("built").await;
                futures::future::join_all(v).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::future::select`: the unfinished future is taken from `Either` and awaited.
    p32b_futures_select_then_other {
        lower! {
            pub async fn f() -> (u32, u32) {
                let a = Box::pin(async { step("a0").await; leaf("a", 1).await });
                let b = Box::pin(async { leaf("b", 2).await });
                match futures::future::select(a, b).await {
                    futures::future::Either::Left((x, rest)) => (x, rest.await),
                    futures::future::Either::Right((y, rest)) => (rest.await, y),
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `select` whose loser is dropped with a Tracker, partially polled.
    p32b_futures_select_loser_dropped {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let slow = Box::pin(async move {
                    let _t = t;
                    step("s1").await;
                    step("s2").await;
                    step("s3").await;
                    0
                });
                let fast = Box::pin(leaf("fast", 5));
                let v = match futures::future::select(slow, fast).await {
                    futures::future::Either::Left((v, _)) => v,
                    futures::future::Either::Right((v, _)) => v,
                };
                leaf("end", v).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `FutureExt::map` and `boxed_local` on stored futures.
    p32b_future_ext_map_boxed {
        lower! {
            pub async fn f() -> u32 {
                use futures::FutureExt;
                let a = leaf("a", 2).map(|v| v * 10);
                let b = async { leaf("b", 3).await }.boxed_local();
                step("s").await;
                b.await + a.await
            }
        }
    }
    run { f() }
}

twin! {
    /// `FutureExt::fuse` and `now_or_never` on a leaf before awaiting it.
    p32b_future_ext_now_or_never {
        lower! {
            pub async fn f() -> u32 {
                use futures::FutureExt;
                let quick = ready(4).now_or_never();
                let mut l = leaf("l", 6).fuse();
                step("s").await;
                let v = (&mut l).await;
                log(format!("terminated {}", futures::future::FusedFuture::is_terminated(&l)));
                quick.unwrap_or(0) + v
            }
        }
    }
    run { f() }
}

twin! {
    /// A let chain taking a boxed future out of an `Option` and testing a flag.
    p32b_let_chain_take {
        lower! {
            pub async fn f(go: bool) -> u32 {
                let mut slot = Some(Box::pin(leaf("slot", 3)));
                step("s").await;
                if go && let Some(fut) = slot.take() {
                    fut.await + 1
                } else {
                    log(format!("kept {}", slot.is_some()));
                    leaf("else", 0).await
                }
            }
        }
        lower! {
            pub async fn g() -> (u32, u32) {
                (f(true).await, f(false).await)
            }
        }
    }
    run { g() }
}

// Known gap: a local moved on one path out of a labeled block or a `loop` (`break 'b a.await` / tail `b.await`) drops at the next await on the other path, natively at its scope end (like the documented 'moved on a path that leaves' gap)
#[cfg(feature = "known-gaps")]
twin! {
    /// A labeled block breaking with an awaited stored future.
    p32b_labeled_block_break_await {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let a = leaf("a", k);
                let b = leaf("b", k + 1);
                let v = 'blk: {
                    if leaf("k", k).await > 2 {
                        break 'blk a.await;
                    }
                    b.await * 2
                };
                step("end").await;
                v
            }
        }
        lower! {
            pub async fn g() -> u32 {
                f(1).await * 100 + f(5).await
            }
        }
    }
    run { g() }
}

twin! {
    /// A trait method returning `impl Future`, called on a generic parameter.
    p32b_trait_returns_impl_future {
        pub trait Source {
            fn get(&self, k: u32) -> impl Future<Output = u32>;
        }
        pub struct Doubler;
        impl Source for Doubler {
            fn get(&self, k: u32) -> impl Future<Output = u32> {
                async move { leaf("get", k).await * 2 }
            }
        }
        lower! {
            pub async fn sum<S: Source>(s: &S) -> u32 {
                let a = s.get(1);
                let b = s.get(2);
                step("s").await;
                b.await + a.await
            }
        }
    }
    run { sum(leak(Doubler)) }
}

twin! {
    /// An `async fn` in a trait taking a future argument, with a default body.
    p32b_trait_async_fn_future_arg {
        pub trait Runner {
            async fn go<F: Future<Output = u32>>(&self, f: F) -> u32 {
                step("default").await;
                f.await + 1
            }
        }
        pub struct R;
        impl Runner for R {}
        lower! {
            pub async fn f() -> u32 {
                let r = R;
                let fut = r.go(leaf("x", 2));
                let y = r.go(async { 5 }).await;
                fut.await * 10 + y
            }
        }
    }
    run { f() }
}

twin! {
    /// Futures in a `BTreeMap`, removed by key; the rest drop with the map.
    p32b_btreemap_of_futures {
        lower! {
            pub async fn f() -> u32 {
                let mut m: BTreeMap<u32, Pin<Box<dyn Future<Output = u32>>>> = BTreeMap::new();
                for k in [3, 1, 2] {
                    m.insert(k, Box::pin(leaf(["k0", "k1", "k2", "k3"][k as usize], k * 10)));
                }
                let a = m.remove(&2).unwrap().await;
                step("mid").await;
                let b = m.remove(&3).unwrap().await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// A hand-written `Future` struct with a `Drop`, stored then awaited.
    p32b_hand_written_future {
        pub struct Countdown {
            pub n: u32,
            pub name: &'static str,
        }
        impl Future for Countdown {
            type Output = u32;
            fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
                if self.n == 0 {
                    log(format!("cd {} ready", self.name));
                    Poll::Ready(7)
                } else {
                    self.n -= 1;
                    cx.waker().wake_by_ref();
                    Poll::Pending
                }
            }
        }
        impl Drop for Countdown {
            fn drop(&mut self) {
                log(format!("drop cd {} at {}", self.name, self.n));
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let a = Countdown { n: 2, name: "a" };
                let b = Countdown { n: 1, name: "b" };
                let x = leaf("x", 1).await;
                let y = b.await;
                x + y + a.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A hand-written future polled partially by `&mut` then dropped at a later scope end.
    p32b_hand_written_partial {
        pub struct Countdown {
            pub n: u32,
        }
        impl Future for Countdown {
            type Output = u32;
            fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
                if self.n == 0 {
                    Poll::Ready(1)
                } else {
                    self.n -= 1;
                    cx.waker().wake_by_ref();
                    Poll::Pending
                }
            }
        }
        impl Drop for Countdown {
            fn drop(&mut self) {
                log(format!("drop cd at {}", self.n));
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut c = Countdown { n: 3 };
                {
                    let _t = Tracker::new("inner");
                    let _ = poll_fn(|cx| Poll::Ready(Pin::new(&mut c).poll(cx))).await;
                    step("a").await;
                }
                let _ = poll_fn(|cx| Poll::Ready(Pin::new(&mut c).poll(cx))).await;
                step("b").await;
                c.n + leaf("end", 0).await
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Option` slot made empty, filled with a boxed future after an await.
    p32b_slot_filled_after_await {
        lower! {
            pub async fn f() -> u32 {
                let mut slot = None;
                step("s").await;
                slot = Some(Box::pin(leaf("x", 4)));
                step("t").await;
                slot.take().unwrap().await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec::new()` whose element type (a leaf) is fixed by a push after an await.
    p32b_vec_typed_after_await {
        lower! {
            pub async fn f() -> u32 {
                let mut v = Vec::new();
                step("s").await;
                v.push(leaf("a", 1));
                v.push(leaf("b", 2));
                step("t").await;
                let mut s = 0;
                for fut in v {
                    s = s * 10 + fut.await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A `move` closure that hands back a stored future when called.
    p32b_move_closure_returns_future {
        lower! {
            pub async fn f() -> u32 {
                let fut = leaf("a", 3);
                let give = move || fut;
                step("s").await;
                give().await
            }
        }
    }
    run { f() }
}

twin! {
    /// `(*boxed).await` moves the leaf out of a `Box`.
    p32b_box_deref_await {
        lower! {
            pub async fn f() -> u32 {
                let b = Box::new(leaf("b", 2));
                let t = Tracker::new("t");
                step("s").await;
                let v = (*b).await;
                drop(t);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `Box<dyn Future + Unpin>` awaited directly and through `&mut`.
    p32b_box_dyn_unpin {
        lower! {
            pub async fn f() -> u32 {
                let mut a: Box<dyn Future<Output = u32> + Unpin> = Box::new(leaf("a", 1));
                let b: Box<dyn Future<Output = u32> + Unpin> = Box::new(leaf("b", 2));
                let x = (&mut a).await;
                step("s").await;
                x + b.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&mut (dyn Future + Unpin)` made from a local leaf and awaited.
    p32b_dyn_unpin_ref {
        lower! {
            pub async fn f() -> u32 {
                let mut l = leaf("l", 5);
                let r: &mut (dyn Future<Output = u32> + Unpin) = &mut l;
                step("s").await;
                let v = r.await;
                step("t").await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Pin<&mut dyn Future>` from a pinned async block, held across an await.
    p32b_pin_mut_dyn {
        lower! {
            pub async fn f() -> u32 {
                let mut fut = pin!(async { leaf("in", 6).await });
                let p: Pin<&mut dyn Future<Output = u32>> = fut.as_mut();
                step("s").await;
                p.await + 1
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct of two futures destructured, awaited second field first.
    p32b_struct_destructure_futures {
        pub struct Two<A, B> {
            pub a: A,
            pub b: B,
        }
        lower! {
            pub async fn f() -> u32 {
                let p = Two { a: leaf("a", 1), b: async { step("b").await; 2 } };
                let t = Tracker::new("t");
                let Two { a, b } = p;
                let y = b.await;
                drop(t);
                a.await * 10 + y
            }
        }
    }
    run { f() }
}

twin! {
    /// Tuple fields moved out one by one into awaits.
    p32b_tuple_fields_awaited {
        lower! {
            pub async fn f() -> u32 {
                let futs = (leaf("a", 1), async { step("b").await; 2 }, Tracker::new("t"));
                let y = futs.1.await;
                let x = futs.0.await;
                step("end").await;
                log(format!("t {}", futs.2.name()));
                x * 10 + y
            }
        }
    }
    run { f() }
}

twin! {
    /// Struct fields moved out one by one into awaits, another field a Tracker.
    p32b_struct_fields_awaited {
        pub struct Bag {
            pub a: Leaf<u32>,
            pub b: Pin<Box<dyn Future<Output = u32>>>,
            pub t: Tracker,
        }
        lower! {
            pub async fn f() -> u32 {
                let bag = Bag { a: leaf("a", 1), b: Box::pin(leaf("b", 2)), t: Tracker::new("t") };
                let y = bag.b.await;
                step("mid").await;
                let x = bag.a.await;
                log(format!("t {}", bag.t.name()));
                x + y
            }
        }
    }
    run { f() }
}

twin! {
    /// A shadowed async block owning a Tracker lives on unpolled to the scope end.
    p32b_shadowed_unpolled_lives {
        lower! {
            pub async fn f() -> u32 {
                let ta = Tracker::new("ta");
                let fut = async move {
                    let _ta = ta;
                    leaf("first", 1).await
                };
                let tb = Tracker::new("tb");
                let fut = async move {
                    let _tb = tb;
                    leaf("second", 2).await
                };
                step("s").await;
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = fut;` does not move the future: it drops at the scope end.
    p32b_let_underscore_no_move {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let fut = async move {
                    let _t = t;
                    step("never").await;
                };
                let _ = fut;
                let u = Tracker::new("u");
                let v = leaf("v", 1).await;
                drop(u);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = async move { .. }` drops the fresh future at once.
    p32b_let_underscore_value_drops {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let _ = async move {
                    let _t = t;
                    step("never").await;
                };
                log("after");
                leaf("v", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::forget` of a future owning a Tracker: it never drops.
    p32b_forget_future {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let fut = async move {
                    let _t = t;
                    leaf("x", 1).await
                };
                step("s").await;
                std::mem::forget(fut);
                leaf("y", 2).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `as_mut().unwrap().await` on an `Option<Pin<Box<..>>>`, then cleared.
    p32b_option_as_mut_unwrap_clear {
        lower! {
            pub async fn f() -> u32 {
                let mut o = Some(Box::pin(async { leaf("o", 2).await }));
                let _t = Tracker::new("t");
                let v = o.as_mut().unwrap().await;
                o = None;
                step("s").await;
                v + o.is_none() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A hand-written `join_all` over a `Vec` of boxed futures with `poll_fn`.
    p32b_poll_fn_join_all_vec {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut futs: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                for i in 0..3u32 {
                    futs.push(Box::pin(async move {
                        step("w").await;
                        leaf("j", i).await * 2
                    }));
                }
                let mut outs: Vec<Option<u32>> = vec![None; futs.len()];
                poll_fn(|cx| {
                    let mut all = true;
                    for (i, f) in futs.iter_mut().enumerate() {
                        if outs[i].is_none() {
                            match f.as_mut().poll(cx) {
                                Poll::Ready(v) => outs[i] = Some(v),
                                Poll::Pending => all = false,
                            }
                        }
                    }
                    if all { Poll::Ready(()) } else { Poll::Pending }
                })
                .await;
                step("after").await;
                outs.into_iter().map(|o| o.unwrap()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `move` `poll_fn` closure owning two boxed futures.
    p32b_poll_fn_move_closure {
        lower! {
            pub async fn f() -> u32 {
                let mut a = Box::pin(leaf("a", 1));
                let mut b = Box::pin(async { step("b").await; 2 });
                let mut ra = None;
                let t = Tracker::new("t");
                let v = poll_fn(move |cx| {
                    if ra.is_none() {
                        if let Poll::Ready(v) = a.as_mut().poll(cx) {
                            ra = Some(v);
                        }
                    }
                    match (ra, b.as_mut().poll(cx)) {
                        (Some(x), Poll::Ready(y)) => Poll::Ready(x + y),
                        _ => Poll::Pending,
                    }
                })
                .await;
                drop(t);
                leaf("end", v).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `poll_fn` future stored in a local and awaited after another await.
    p32b_poll_fn_stored {
        lower! {
            pub async fn f() -> u32 {
                let mut a = pin!(async { leaf("a", 3).await });
                let j = poll_fn(|cx| a.as_mut().poll(cx));
                step("s").await;
                j.await + 1
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested `pin!`: an outer pinned block pins its own leaf.
    p32b_nested_pin {
        lower! {
            pub async fn f() -> u32 {
                let outer = pin!(async {
                    let inner = pin!(async { leaf("in", 2).await });
                    step("o").await;
                    inner.await * 3
                });
                step("s").await;
                outer.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn returning a future that borrows its `&str` argument.
    p32b_returns_future_borrowing_arg {
        lower! {
            pub async fn make<'a>(s: &'a str) -> impl Future<Output = usize> + 'a {
                step("mk").await;
                async move { leaf("len", s.len()).await }
            }
        }
        lower! {
            pub async fn g() -> usize {
                let s = String::from("abcd");
                let f = make(&s).await;
                step("m").await;
                f.await + s.len()
            }
        }
    }
    run { g() }
}

twin! {
    /// A lowered generic fn driving a `Pin<&mut F>` it is lent.
    p32b_pin_mut_param {
        lower! {
            pub async fn drive<F: Future<Output = u32>>(mut f: Pin<&mut F>) -> u32 {
                step("drive").await;
                f.as_mut().await
            }
        }
        lower! {
            pub async fn g() -> u32 {
                let t = Tracker::new("t");
                let fut = pin!(async move {
                    let v = leaf("in", 4).await;
                    log(format!("t {}", t.name()));
                    v
                });
                drive(fut).await + leaf("x", 1).await
            }
        }
    }
    run { g() }
}

twin! {
    /// A temporary receiver with a `Drop` in an awaited method chain (`&self` method).
    p32b_temp_receiver_chain_borrow {
        pub struct Wrap(pub Tracker);
        impl Wrap {
            pub fn fut(&self) -> Leaf<u32> {
                leaf("w", 1)
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let v = Wrap(Tracker::new("tmp")).fut().await;
                log("after let");
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// An `if` whose branches await one of two stored leaves each.
    p32b_if_branch_moves_other {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let a = leaf("a", 1);
                let b = leaf("b", 2);
                let v = if k > 2 { a.await } else { b.await };
                step("end").await;
                v
            }
        }
    }
    run { f(5) }
}

// Known gap: a local moved on one path out of a labeled block or a `loop` (`break 'b a.await` / tail `b.await`) drops at the next await on the other path, natively at its scope end (like the documented 'moved on a path that leaves' gap)
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: a labeled block with a Tracker moved only at its tail.
    p32b_min_labeled_break_tracker {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let t = Tracker::new("t");
                let v = 'blk: {
                    if k > 2 {
                        break 'blk 1;
                    }
                    drop(t);
                    2
                };
                step("end").await;
                v
            }
        }
    }
    run { f(5) }
}

twin! {
    /// Minimal: a temporary receiver with a `Drop` before `.unwrap()` in an awaited chain.
    p32b_min_temp_receiver_unwrap {
        pub struct Wrap(pub Tracker);
        impl Wrap {
            pub fn opt(&self) -> Option<Leaf<u32>> {
                Some(leaf("w", 1))
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let v = Wrap(Tracker::new("tmp")).opt().unwrap().await;
                log("after let");
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: an `if let` on a `for` binding's `as_mut()` inside a `poll_fn` closure
    /// that is awaited.
    p32b_min_for_as_mut_in_awaited_closure {
        lower! {
            pub async fn g() -> u32 {
                let mut v = vec![Some(1u32), None];
                let mut s = 0;
                poll_fn(|_| {
                    for x in v.iter_mut() {
                        if let Some(y) = x.as_mut() {
                            s += *y;
                        }
                    }
                    Poll::Ready(())
                })
                .await;
                leaf("x", s).await
            }
        }
    }
    run { g() }
}

twin! {
    /// A shared `RefCell<VecDeque>` queue of futures: `borrow_mut().pop_front().unwrap()`
    /// awaited, the future checking whether the queue is still borrowed.
    p32b_refcell_queue_pop_unwrap_await {
        lower! {
            pub async fn f() -> u32 {
                let q: std::rc::Rc<std::cell::RefCell<VecDeque<Pin<Box<dyn Future<Output = u32>>>>>> =
                    Default::default();
                for i in 0..2u32 {
                    let q2 = q.clone();
                    q.borrow_mut().push_back(Box::pin(async move {
                        log(format!("queue busy {}", q2.try_borrow_mut().is_err()));
                        leaf("job", i).await
                    }));
                }
                let a = q.borrow_mut().pop_front().unwrap().await;
                step("s").await;
                let b = q.borrow_mut().pop_front().unwrap().await;
                a * 10 + b
            }
        }
    }
    run { f() }
}

// Known gap: a local moved on one path out of a labeled block or a `loop` (`break 'b a.await` / tail `b.await`) drops at the next await on the other path, natively at its scope end (like the documented 'moved on a path that leaves' gap)
#[cfg(feature = "known-gaps")]
twin! {
    /// `loop { .. break a.await }` with a second stored leaf moved only on the other path.
    p32b_loop_break_await_leaves_other {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let a = leaf("a", 1);
                let b = leaf("b", 2);
                let v = loop {
                    if k > 2 {
                        break a.await;
                    }
                    break b.await * 2;
                };
                step("end").await;
                v
            }
        }
    }
    run { pair(f(1), f(5)) }
}

twin! {
    /// A `match` whose arms each await a different stored future.
    p32b_match_arms_await_stored {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let a = leaf("a", 1);
                let b = Box::pin(async { step("b").await; 2 });
                let c = Tracker::new("c");
                let v = match leaf("k", k).await {
                    0 => a.await,
                    1 => b.await,
                    _ => {
                        drop(c);
                        0
                    }
                };
                step("end").await;
                v
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}

twin! {
    /// An `Rc<RefCell<Option<..>>>` slot: the future taken in its own statement, then awaited.
    p32b_refcell_slot_take_then_await {
        lower! {
            pub async fn f() -> u32 {
                let slot = std::rc::Rc::new(std::cell::RefCell::new(Some(leaf("s", 3))));
                let fut = slot.borrow_mut().take();
                step("x").await;
                match fut {
                    Some(f) => f.await + slot.borrow().is_none() as u32,
                    None => 0,
                }
            }
        }
    }
    run { f() }
}
