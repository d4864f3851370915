//! Closures and nested `async` blocks inside a body (left untransformed, their captures
//! live across awaits), boxed `dyn Future`s, recursion through `Box::pin`, references to
//! locals held across several awaits, a pinned local polled by hand then awaited.
use crate::prelude::*;
use std::task::Poll;

twin! {
    /// A closure that mutably borrows a local, called between awaits; a `move` closure that
    /// owns a tracker; a closure returned from a block.
    closures_across_awaits {
        lower! {
            pub async fn f(base: u32) -> (u32, u32) {
                let mut count = 0;
                let mut add = |d: u32| {
                    count += d;
                    log(format!("count = {count}"));
                    count
                };
                add(leaf("a", 1).await);
                step("s").await;
                add(leaf("b", base).await);
                let owned = Tracker("owned-by-closure");
                let describe = move |x: u32| format!("{}:{x}", owned.name());
                log(describe(leaf("c", 3).await));
                let scale = {
                    let factor = leaf("factor", 10).await;
                    move |x: u32| x * factor
                };
                step("s2").await;
                (count, scale(leaf("d", 4).await))
            }
        }
    }
    run { f(5) }
}

twin! {
    /// Nested `async` blocks: one created before an await and awaited after it (its captures
    /// live across), one `async move` owning a tracker, one never awaited (dropped unpolled).
    nested_async_blocks {
        lower! {
            pub async fn f(x: u32) -> u32 {
                let data = vec![1u32, 2, 3];
                let borrowing = async {
                    let s: u32 = data.iter().sum();
                    leaf("inner", s).await * 2
                };
                let y = leaf("outer", x).await;
                let owned = Tracker("moved-in");
                let moving = async move {
                    step("moving").await;
                    owned.name().len() as u32
                };
                let never = async { leaf("never-polled", 0).await };
                let a = borrowing.await;
                step("between").await;
                let b = moving.await;
                drop(never);
                a + b + y + data.len() as u32
            }
        }
    }
    run { f(7) }
}

twin! {
    /// Awaiting boxed `dyn Future`s from a collection, including boxed `async` blocks.
    boxed_dyn_futures {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut futs: Vec<Pin<Box<dyn Future<Output = u32>>>> = Vec::new();
                futs.push(Box::pin(leaf("boxed-leaf", 1)));
                futs.push(Box::pin(async move { leaf("boxed-block", n).await + 1 }));
                let t = Tracker("captured");
                futs.push(Box::pin(async move {
                    step("boxed-owner").await;
                    t.name().len() as u32
                }));
                let mut total = 0;
                for fut in futs {
                    total += fut.await;
                }
                let single: Box<dyn Future<Output = u32> + Unpin> = Box::new(leaf("unpin-box", 100));
                total + single.await
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Recursion through `Box::pin`: the lowered function calls itself (the lowered copy).
    recursion_box_pin {
        lower! {
            pub async fn fib(n: u32) -> u64 {
                let _frame = Tracker(["f0", "f1", "f2", "f3", "f4"][n as usize]);
                if n < 2 {
                    return leaf("base", n as u64).await;
                }
                let a = Box::pin(fib(n - 1)).await;
                let b = Box::pin(fib(n - 2)).await;
                a + b
            }
        }
    }
    run { fib(4) }
}

twin! {
    /// Mutual recursion through boxed futures, and a method calling itself on `self`.
    mutual_recursion {
        lower! {
            pub async fn is_even(n: u32) -> bool {
                if n == 0 {
                    return leaf("even-base", true).await;
                }
                Box::pin(is_odd(n - 1)).await
            }
        }
        lower! {
            pub async fn is_odd(n: u32) -> bool {
                let _t = Tracker(["o0", "o1", "o2", "o3", "o4", "o5"][n as usize]);
                if n == 0 {
                    return false;
                }
                step("odd").await;
                Box::pin(is_even(n - 1)).await
            }
        }
        pub struct Tree(Vec<Tree>, u32);
        impl Tree {
            lower! {
                pub async fn sum(&self) -> u32 {
                    let mut total = leaf("node", self.1).await;
                    for child in &self.0 {
                        total += Box::pin(child.sum()).await;
                    }
                    total
                }
            }
        }
    }
    run {
        let tree: &'static Tree = leak(Tree(vec![Tree(vec![], 2), Tree(vec![Tree(vec![], 4)], 3)], 1));
        pair(pair(is_even(5), is_odd(4)), tree.sum())
    }
}

twin! {
    /// References to locals held across several awaits: a slice of a vector, a `&str` into a
    /// string, a `&mut` used between awaits, a reference stored in a struct.
    references_across_awaits {
        lower! {
            pub async fn f() -> (u32, usize, Vec<u32>, u32) {
                let data = vec![1u32, 2, 3, 4];
                let text = String::from("alpha,beta");
                let tail = &data[1..];
                let first = text.split(',').next().unwrap();
                step("a").await;
                step("b").await;
                let sum: u32 = tail.iter().sum::<u32>() + leaf("c", 0).await;
                let mut out = Vec::new();
                let m = &mut out;
                m.push(leaf("push1", 10).await);
                step("d").await;
                m.push(leaf("push2", 20).await);
                struct View<'a> {
                    items: &'a [u32],
                }
                let view = View { items: &data };
                step("e").await;
                let last = *view.items.last().unwrap();
                (sum, first.len(), out, last)
            }
        }
    }
    run { f() }
}

twin! {
    /// A future pinned on the stack with `pin!`, polled once by hand through `poll_fn`,
    /// then awaited to completion: it must not move in between.
    pinned_local_polled_twice {
        lower! {
            pub async fn f() -> (bool, u32) {
                let inner = async {
                    let _t = Tracker("inner-guard");
                    step("inner-1").await;
                    leaf("inner-2", 5).await
                };
                let mut inner = std::pin::pin!(inner);
                let early = std::future::poll_fn(|cx| Poll::Ready(inner.as_mut().poll(cx).is_ready())).await;
                step("between").await;
                let v = inner.await;
                (early, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// Async closures (`async |x| ..`) defined in the body, capturing a local by reference
    /// and called (and awaited) several times.
    async_closures {
        lower! {
            pub async fn f(base: u32) -> Vec<u32> {
                let offset = leaf("offset", base).await;
                let add = async |x: u32| leaf("add", x + offset).await;
                let mut out = Vec::new();
                for i in 0..3 {
                    out.push(add(i).await);
                }
                let mut total = 0;
                let mut accumulate = async |x: u32| {
                    step("acc").await;
                    total += x;
                };
                accumulate(1).await;
                accumulate(leaf("two", 2).await).await;
                out.push(total);
                out
            }
        }
    }
    run { f(10) }
}

twin! {
    /// Concurrency inside one body: `futures::join!` (whose expansion contains the
    /// `.await`), `futures::future::join` and `select` with pinned futures.
    join_and_select {
        lower! {
            pub async fn f() -> (u32, u32, u32, u32, &'static str) {
                let _g = Tracker("guard");
                let (a, b) = futures::join!(leaf("join-a", 1), leaf("join-b", 2));
                let (c, d) = futures::future::join(leaf("fn-join-c", 3), async { step("fn-join-d").await; 4 }).await;
                let left = std::pin::pin!(leaf("left", "left"));
                let right = std::pin::pin!(async {
                    step("right-1").await;
                    step("right-2").await;
                    "right"
                });
                let winner = match futures::future::select(left, right).await {
                    futures::future::Either::Left((l, _)) => l,
                    futures::future::Either::Right((r, _)) => r,
                };
                (a, b, c, d, winner)
            }
        }
    }
    run { f() }
}

twin! {
    /// `tokio::select!` (biased) awaited as an `async` block, its handlers leaving it with
    /// `continue`, `break 'outer`, `break`, `return` and `?`, which leave the function's
    /// loop or the function itself, in a loop with an await of its own.
    select_handlers_leave_the_block {
        lower! {
            pub async fn f(limit: u32) -> Result<u32, String> {
                let mut sum = 0;
                let mut i = 0;
                let guard = Tracker::new("g");
                'outer: loop {
                    i += 1;
                    let t = Tracker::new("t");
                    tokio::select! {
                        biased;
                        v = leaf("a", i) => {
                            if v == 2 {
                                continue;
                            }
                            if v == 6 {
                                return Err(format!("six with {sum}"));
                            }
                            let parsed: u32 = format!("{v}").parse::<u32>().map_err(|e| e.to_string())?;
                            for k in 0..3 {
                                if k == 1 {
                                    break;
                                }
                            }
                            if parsed > limit {
                                break 'outer;
                            }
                            sum += parsed;
                        }
                        _ = step("never") => break,
                    }
                    drop(t);
                    step("tick").await;
                }
                drop(guard);
                Ok(sum)
            }
        }
    }
    run { async { (f(3).await, f(9).await) } }
}

twin! {
    /// A `tokio::select!` whose handlers only give a value: awaited as an `async` block.
    select_value_only {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let held = Tracker::new("held");
                let v = tokio::select! {
                    biased;
                    a = leaf("a", k) => a * 2,
                    b = leaf("b", k + 1) => b,
                };
                step("after").await;
                drop(held);
                v
            }
        }
    }
    run { f(4) }
}

pub struct Parts {
    pub name: String,
    pub a: Tracker,
    pub b: Tracker,
}

twin! {
    /// A `move` closure and an `async move` block each taking one field of a struct literal
    /// (a format string's operand, a method's receiver, a moved value), and a tuple
    /// literal's field: edition 2021 captures the field, so the rest of each local lives on
    /// across the awaits and drops at the end of its scope, also when the future is dropped.
    move_closures_take_fields_only {
        lower! {
            pub async fn f(n: u32) -> usize {
                let p = Parts { name: String::from("abc"), a: Tracker::new("a"), b: Tracker::new("b") };
                let pair = (Tracker::new("zero"), Tracker::new("one"));
                let _late = Tracker::new("late");
                let show = move |k: u32| format!("{}:{k}", p.name.len());
                let keep = async move {
                    step("in block").await;
                    let t = p.a;
                    t.name().len()
                };
                let one = move || pair.1.name().len();
                log(show(leaf("k", n).await));
                let got = keep.await;
                step("after").await;
                got + one() + p.b.name().len() + pair.0.name().len()
            }
        }
    }
    run { f(3) }
}

pub struct Conf {
    pub port: u32,
    pub retries: u32,
    pub t: Tracker,
}

fn conf(port: u32) -> Conf {
    Conf { port, retries: 2, t: Tracker::new("conf") }
}

twin! {
    /// A local made by a call, its `Copy` fields used as values by a `move` closure and an
    /// `async move` block (an operand, an argument, the block's value): they are copied in,
    /// and the local lives on to the end of its scope, after the locals declared later.
    move_closures_copy_fields_of_a_call_result {
        lower! {
            pub async fn f(base: u32) -> u32 {
                let c = conf(base);
                let _late = Tracker::new("late");
                let next = move |k: u32| k + c.port;
                let tries = async move {
                    step("count").await;
                    leaf("retries", c.retries).await + 1
                };
                let a = next(leaf("k", 1).await);
                let b = tries.await;
                step("end").await;
                a + b
            }
        }
    }
    run { f(80) }
}

#[derive(Debug)]
pub struct Req {
    pub host: String,
    pub port: u32,
}

pub struct Duo(pub Tracker, pub Tracker);

twin! {
    /// A `move` closure building a struct literal from a field (`Req { host: b.host.clone(),
    /// .. }`), and one naming a field of a tuple struct built by its constructor (`Duo(..)`):
    /// each takes the field only, and the rest lives on.
    move_closures_take_fields_in_literals {
        lower! {
            pub async fn f() -> (String, usize) {
                let b = Parts { name: String::from("host"), a: Tracker::new("a"), b: Tracker::new("b") };
                let d = Duo(Tracker::new("d0"), Tracker::new("d1"));
                let build = move |port: u32| Req { host: b.name.clone(), port };
                let first = move || d.0.name().len();
                step("s").await;
                let req = build(leaf("port", 80).await);
                log(format!("{req:?}"));
                step("t").await;
                (req.host, first() + b.a.name().len() + d.1.name().len())
            }
        }
    }
    run { f() }
}

/// Runs a closure that returns a future twice, as a retry helper does.
pub async fn twice<F: FnMut(u32) -> Fut, Fut: Future<Output = u32>>(mut op: F) -> u32 {
    op(1).await + op(2).await
}

/// Calls a closure after an await, as a callback-taking helper does.
pub async fn later<F: FnOnce() -> usize>(f: F) -> usize {
    step("later").await;
    f()
}

twin! {
    /// A closure given to an awaited call, returning an `async move` block over `Copy`
    /// locals that are not used after it: the block copies them, the closure borrows them.
    closure_returning_async_move_to_awaited_call {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _t = Tracker::new("t");
                let base = leaf("base", 10).await;
                let r = twice(|i| async move { step("try").await; base + i + k }).await;
                step("after").await;
                r
            }
        }
    }
    run { f(1) }
}

twin! {
    /// The same with a `move` closure while the locals are read again after the await: the
    /// closure copies them in.
    move_closure_returning_async_move_copies_locals_used_after {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let _t = Tracker::new("t");
                let base = leaf("base", 10).await;
                let r = twice(move |i| async move { step("try").await; base + i + k }).await;
                step("after").await;
                r + base + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A closure given to an awaited call reads a tracked local the body does not use
    /// again, and a counter it mutates that the body reads after: the local drops at the
    /// end of the scope, after the later await.
    closure_to_awaited_call_reads_and_mutates_locals {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("t");
                let mut calls = 0;
                let n = later(|| { calls += 1; t.name().len() + calls }).await;
                step("after").await;
                n + calls
            }
        }
    }
    run { f() }
}

twin! {
    /// Two closures of one awaited operand reading the same local the body reads again
    /// after, and an async block without `move` reading a local it does not.
    closures_of_one_operand_share_a_local {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let n = leaf("n", 5).await;
                let m = leaf("m", 7).await;
                let a = twice(|i| { let n = n; async move { n + i } }).await;
                let b = later(|| (n + 1) as usize).await as u32;
                let c = async { step("in").await; m + k }.await;
                step("after").await;
                a + b + c + n
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A closure without `move` eats a local kept in a frame slot (a reference to it lived
    /// across an earlier await) inside an awaited call's argument.
    closure_to_awaited_call_eats_slotted_local {
        fn eat(v: Vec<Tracker>) -> usize { let n = v.len(); log(format!("eat {n}")); n }
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("a"), Tracker::new("b")];
                let first = &v[0];
                step("s1").await;
                log(format!("first {}", first.name()));
                let _g = Tracker::new("g");
                let n = later(|| eat(v)).await;
                step("s2").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `futures::join!` moves its futures: an `async move` block taking a tracker, beside a
    /// call borrowing a local the body reads again after, and an `async` block without
    /// `move` that moves another tracker.
    join_moves_its_futures {
        fn eat(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(k: usize) -> usize {
                let cfg = Tracker::new("cfg");
                let t = Tracker::new("t");
                let u = Tracker::new("u");
                let (x, y, z) = futures::join!(
                    leaf("x", cfg.name().len() + k),
                    async move { step("y").await; eat(t) },
                    async { step("z").await; eat(u) },
                );
                step("after").await;
                log(format!("{}", cfg.name()));
                x + y + z
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Futures made before an await and joined after it, then `try_join!` with `?` over
    /// `async move` blocks that each take a tracker.
    join_local_futures_and_try_join {
        lower! {
            pub async fn f(fail: bool) -> Result<u32, String> {
                let a = leaf("a", 1);
                let b = async { step("b").await; 2 };
                step("between").await;
                let (x, y) = futures::join!(a, b);
                let t = Tracker::new("t");
                let (p, q) = futures::try_join!(
                    async move { step("p").await; let n = t.name().len() as u32; Ok::<u32, String>(n) },
                    async move { step("q").await; if fail { Err(String::from("q failed")) } else { Ok(3) } },
                )?;
                step("end").await;
                Ok(x + y + p + q)
            }
        }
    }
    run { pair(f(false), f(true)) }
}

twin! {
    /// A `move` closure and an `async move` block each naming one field of a local made
    /// by a function the file declares (`Settings::load()`, `fetch(..)`): precise capture
    /// takes that field only, the rest of the local lives to the end of its scope.
    move_capture_field_of_declared_call {
        pub struct Settings { pub name: String, pub guard: Tracker }
        impl Settings {
            pub fn load(name: &str) -> Self { Settings { name: name.to_string(), guard: Tracker::new("settings") } }
        }
        pub struct Reply { pub body: Tracker, pub code: u32 }
        pub fn fetch(code: u32) -> Reply { Reply { body: Tracker::new("body"), code } }
        lower! {
            pub async fn f(k: usize) -> usize {
                let s = Settings::load("cfg");
                let len = move || s.name.len();
                let r = fetch(7);
                let body = async move { step("body").await; r.body.name().len() };
                step("between").await;
                let n = len() + body.await;
                log(format!("{} {}", s.guard.name(), r.code));
                step("end").await;
                n + k
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A block without `move` awaiting local futures, and `join!` as a statement over
    /// local futures: natively both capture the futures by value, so each drops inside the
    /// awaited future, on cancellation too.
    plain_block_and_join_statement_move_local_futures {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let t = Tracker::new("t");
                let a = async { step("a").await; log("a done"); };
                let b = async move { step("b").await; t.name().len() as u32 };
                let g = Tracker::new("g");
                let n = async { a.await; b.await + k }.await;
                let c = async { let _c = Tracker::new("c"); step("c").await; };
                let d = leaf("d", 2);
                futures::join!(c, d);
                step("end").await;
                drop(g);
                n
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A closure in an awaited call that names parked locals only inside its format string
    /// (`|s| format!("{tag}{s}")`, a width `{:>w$}`, an argument named like a local): the
    /// closure borrows the locals themselves, as natively, with the call's output unused,
    /// used, and owned.
    format_string_captures_in_awaited_closure {
        pub async fn each<F: Fn(u32) -> String>(xs: &[u32], f: F) -> Vec<String> {
            let mut out = Vec::new();
            for &x in xs {
                step("x").await;
                out.push(f(x));
            }
            out
        }
        lower! {
            pub async fn f(k: u32) -> (Vec<String>, usize) {
                let tag = String::from("t");
                let w = 4usize;
                let g = Tracker::new("g");
                each(&[k], |s| format!("{tag}{s}")).await;
                let a = each(&[1, 2], |s| format!("[{tag}:{s:>w$}]")).await;
                let b = each(&[3], |s| format!("{tag}{s}", tag = s + 1)).await.len();
                log(format!("{} {}", g.name(), tag));
                (a, b + w)
            }
        }
    }
    run { f(5) }
}

twin! {
    /// Closures lent to awaited calls (`&|x| ..` as operands of `+`, `&mut |v| ..` in a loop,
    /// a `move` closure owning a tracker lent in a whole statement): each lives until its
    /// await ends, as natively.
    closure_literals_lent_to_awaited_calls {
        pub async fn apply(f: &dyn Fn(u32) -> u32, x: u32) -> u32 {
            f(leaf("x", x).await)
        }
        pub async fn each(n: u32, f: &mut dyn FnMut(u32)) {
            for i in 0..n {
                f(leaf("i", i).await);
            }
        }
        lower! {
            pub async fn f(k: u32) -> (u32, Vec<u32>) {
                let mut seen = Vec::new();
                let g = Tracker::new("g");
                let a = apply(&|x| x * k, 2).await + apply(&|x| x + k, 1).await;
                for i in 0..2 {
                    each(i + 1, &mut |v| seen.push(v + i)).await;
                }
                let t = Tracker::new("moved");
                apply(&move |x| x + t.name().len() as u32, 4).await;
                log(g.name());
                (a, seen)
            }
        }
    }
    run { f(3) }
}
