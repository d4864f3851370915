//! Programs the lowering was not written for: bodies a user might write (loops with
//! labels, `?` in loops and closures, shadowing, `mem::swap`, combinators, let chains, ...),
//! written after the compiler to probe it. Each is compared with native like the others.
use crate::prelude::*;

#[derive(Debug)]
pub struct Two {
    pub a: Tracker,
    pub b: Tracker,
    pub n: u32,
}

#[derive(Debug, Clone)]
pub struct Cfg {
    pub name: &'static str,
    pub retries: u32,
    pub verbose: bool,
}

pub struct Builder {
    pub parts: Vec<u32>,
}
impl Builder {
    pub fn new() -> Builder {
        log("Builder::new");
        Builder { parts: Vec::new() }
    }
    pub fn add(mut self, n: u32) -> Builder {
        log(format!("add {n}"));
        self.parts.push(n);
        self
    }
    pub async fn finish(self) -> u32 {
        step("finish").await;
        self.parts.iter().sum()
    }
    pub async fn grow(self, n: u32) -> Builder {
        leaf("grow", ()).await;
        self.add(n)
    }
}

pub struct Counter {
    pub count: u32,
    pub hist: Vec<u32>,
    pub guard: Option<Tracker>,
}

twin! {
    /// Depth-first traversal with `while let Some(x) = stack.pop()` and awaits pushing more.
    probe_stack_pop {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut stack = vec![1u32];
                let mut out = Vec::new();
                while let Some(x) = stack.pop() {
                    let _t = Tracker("visit");
                    let y = leaf("visit", x).await;
                    out.push(y);
                    if y < 8 {
                        stack.push(y * 2);
                        stack.push(y * 2 + 1);
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` inside a loop with live trackers; error on the third item.
    probe_question_in_loop {
        lower! {
            pub async fn f(items: Vec<Result<u32, &'static str>>) -> Result<u32, &'static str> {
                let _outer = Tracker("outer");
                let mut sum = 0;
                for item in items {
                    let _it = Tracker("iter");
                    let v = leaf("item", item).await?;
                    let _after = Tracker("after");
                    sum += v;
                    step("s").await;
                }
                Ok(sum)
            }
        }
    }
    run { pair(f(vec![Ok(1), Ok(2), Err("bad"), Ok(4)]), f(vec![Ok(5)])) }
}

twin! {
    /// `?` inside a closure called between awaits.
    probe_question_in_closure {
        lower! {
            pub async fn f(s: &'static str) -> Result<u32, String> {
                let parse = |x: &str| -> Result<u32, String> { Ok(x.parse::<u32>().map_err(|e| e.to_string())? + 1) };
                let a = parse(leaf("s", s).await)?;
                let _t = Tracker("t");
                let b = parse(leaf("t", "41").await)?;
                Ok(a + b)
            }
        }
    }
    run { pair(f("1"), f("x")) }
}

twin! {
    /// Early return from nested blocks holding trackers in several scopes.
    probe_nested_early_return {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker("a");
                {
                    let _b = Tracker("b");
                    for i in 0..3 {
                        let _c = Tracker("c");
                        {
                            let _d = Tracker("d");
                            if leaf("i", i).await == n {
                                let _e = Tracker("e");
                                return leaf("ret", i * 10).await;
                            }
                        }
                        step("loop-end").await;
                    }
                }
                99
            }
        }
    }
    run { pair(f(1), f(7)) }
}

twin! {
    /// Shadowing in nested scopes across awaits, with references to shadowed bindings.
    probe_shadowing_refs {
        lower! {
            pub async fn f() -> String {
                let x = Tracker("x1");
                let r = &x;
                let x = leaf("x2", Tracker("x2")).await;
                {
                    let x = (r, &x);
                    step("in").await;
                    log(format!("{:?}", x));
                    let r = x.0.name();
                    let x = leaf("x3", r.len()).await;
                    log(format!("{x}"));
                }
                let x = format!("{} {}", x.name(), r.name());
                step("out").await;
                x
            }
        }
    }
    run { f() }
}




twin! {
    /// Awaits in index expressions, on both sides of an assignment.
    probe_index_assign {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![0u32; 4];
                v[val("i0", 0)] = leaf("x0", 10).await;
                v[leaf("i1", 1).await] = val("x1", 11);
                v[leaf("i2", 2).await] = leaf("x2", 12).await;
                v[leaf("i3", 3).await] += leaf("x3", 13).await;
                let w = [v[leaf("j", 0).await], v[val("k", 1)] + leaf("l", 1).await];
                v.extend_from_slice(&w);
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let .. else if let .. else` chain with awaits in every scrutinee and arm.
    probe_if_let_chain {
        lower! {
            pub async fn f(k: u32) -> u32 {
                if let Some(t) = leaf("a", if k == 0 { Some(Tracker("ta")) } else { None }).await {
                    step("arm-a").await;
                    t.name().len() as u32
                } else if let Ok(n) = leaf("b", if k == 1 { Ok(5u32) } else { Err(Tracker("err-b")) }).await {
                    leaf("arm-b", n).await
                } else if let (Some(x), y) = (leaf("c1", Some(k)).await, leaf("c2", Tracker("c2")).await) {
                    step("arm-c").await;
                    x + y.name().len() as u32
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}




twin! {
    /// Iterating `&mut vec` and `iter_mut().enumerate()` with awaits.
    probe_iter_mut {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3];
                for x in &mut v {
                    *x += leaf("add", *x).await;
                }
                for (i, x) in v.iter_mut().enumerate() {
                    if i == 1 {
                        step("skip").await;
                        continue;
                    }
                    *x *= leaf("mul", 10).await;
                }
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::mem::swap/replace/take` across awaits with trackers.
    probe_mem_swap_replace {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut a = Tracker("a");
                let mut b = leaf("b", Tracker("b")).await;
                std::mem::swap(&mut a, &mut b);
                step("swapped").await;
                let old = std::mem::replace(&mut a, leaf("c", Tracker("c")).await);
                step("replaced").await;
                drop(old);
                let mut v = vec![Tracker("v1"), Tracker("v2")];
                let taken = std::mem::take(&mut v);
                v.push(leaf("v3", Tracker("v3")).await);
                step("taken").await;
                let names: Vec<&'static str> = taken.iter().map(|t| t.name()).collect();
                drop(taken);
                step("end").await;
                let mut out = names;
                out.push(a.name());
                out.push(b.name());
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// Closures capturing by ref, by mut and by move, used after awaits; a closure stored
    /// in a Box<dyn FnMut> and called in a loop with awaits.
    probe_closure_captures {
        lower! {
            pub async fn f() -> (u32, u32, String) {
                let base = leaf("base", 10).await;
                let by_ref = |x: u32| x + base;
                let mut acc = 0;
                let mut by_mut: Box<dyn FnMut(u32) + '_> = Box::new(|x: u32| acc += x);
                for i in 0..3 {
                    by_mut(leaf("i", i).await);
                }
                drop(by_mut);
                let t = Tracker("moved");
                let by_move = move || format!("{t:?}");
                step("s").await;
                let r = by_ref(leaf("r", 1).await);
                (r, acc, by_move())
            }
        }
    }
    run { f() }
}

twin! {
    /// Generic function with trait bounds and `impl Trait` arguments.
    probe_generic_bounds {
        lower! {
            pub async fn f<T: Clone + std::fmt::Debug, I: IntoIterator<Item = T>>(items: I, render: impl Fn(&T) -> String, extra: impl Into<String>) -> Vec<String> {
                let mut out = Vec::new();
                let extra: String = extra.into();
                for it in items {
                    let copy = it.clone();
                    step("each").await;
                    out.push(format!("{}{}", render(&leaf("item", copy).await), extra));
                }
                out
            }
        }
    }
    run { f(vec![String::from("g1"), String::from("g2")], |t: &String| t.to_uppercase(), "!") }
}

twin! {
    /// `&mut self` method mutating fields between awaits, with an early return.
    probe_mut_self_method {
        pub struct Counter {
            pub count: u32,
            pub hist: Vec<u32>,
            pub guard: Option<Tracker>,
        }
        impl Counter {
            lower! {
                pub async fn bump(&mut self, times: u32) -> u32 {
                    self.guard = Some(Tracker::new("g1"));
                    for i in 0..times {
                        self.count += leaf("inc", i + 1).await;
                        self.hist.push(self.count);
                        if self.count > 5 {
                            self.guard = Some(leaf("g2", Tracker("g2")).await);
                            return self.count;
                        }
                    }
                    self.guard = None;
                    step("end").await;
                    self.count
                }
            }
        }
        pub async fn drive(mut c: Counter) -> (u32, u32, Vec<u32>) {
            let a = c.bump(2).await;
            let b = c.bump(5).await;
            (a, b, c.hist)
        }
    }
    run { drive(Counter { count: 0, hist: vec![], guard: None }) }
}

twin! {
    /// `Option`/`Result` combinators around awaited values.
    probe_combinators {
        lower! {
            pub async fn f(k: u32) -> Result<u32, String> {
                let a = leaf("a", Some(k)).await.map(|x| x + 1).filter(|x| *x > 1).unwrap_or(0);
                let b = leaf("b", if k > 0 { Ok(k) } else { Err("zero") }).await.map_err(|e| e.to_string())?;
                let c = leaf("c", None::<u32>).await.ok_or_else(|| format!("none {a}")).or_else(|_| Ok::<u32, String>(7))?;
                let d = leaf("d", Some(Tracker("opt"))).await.as_ref().map(|t| t.name().len() as u32).unwrap_or_default();
                Ok(a + b + c + d)
            }
        }
    }
    run { pair(f(3), f(0)) }
}



twin! {
    /// Async blocks created early, awaited later, and a hand-made join through `pair`.
    probe_async_blocks_later {
        lower! {
            pub async fn f() -> (u32, u32, u32) {
                let t = Tracker("shared");
                let a = async { leaf("a", t.name().len() as u32).await };
                let b = async move { leaf("b", 2).await };
                let c = pair(async { step("c1").await; 1 }, async { leaf("c2", 2).await });
                step("before").await;
                let (c1, c2) = c.await;
                let y = b.await;
                let x = a.await;
                (x, y, c1 + c2)
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic (`boom`) in the middle of a loop over owned trackers: the rest of the
    /// iterator, the loop's locals and the function's locals drop while unwinding.
    probe_boom_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let _outer = Tracker("outer");
                let items = vec![Tracker("i0"), Tracker("i1"), Tracker("i2"), Tracker("i3")];
                let mut n = 0;
                for it in items {
                    let _local = Tracker("local");
                    if it.name() == "i2" {
                        n += (Tracker::new("tmp"), boom("b").await).1;
                    }
                    n += leaf("x", 1).await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Trackers moved into a Vec, the Vec dropped mid-function, then more awaits.
    probe_vec_of_trackers_dropped {
        lower! {
            pub async fn f() -> usize {
                let a = Tracker("a");
                let b = leaf("b", Tracker("b")).await;
                let mut v = Vec::new();
                v.push(a);
                step("s1").await;
                v.push(b);
                v.push(leaf("c", Tracker("c")).await);
                let n = v.len();
                drop(v);
                step("s2").await;
                let w = vec![Tracker("w")];
                step("s3").await;
                n + w.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let else` in a loop whose else `continue`s / `break`s after awaiting.
    probe_let_else_loop {
        lower! {
            pub async fn f(items: Vec<Option<u32>>) -> u32 {
                let mut sum = 0;
                let mut i = 0;
                loop {
                    let _t = Tracker("iter");
                    let Some(item) = items.get(i) else {
                        step("end").await;
                        break;
                    };
                    i += 1;
                    let Some(x) = leaf("item", *item).await else {
                        step("none").await;
                        continue;
                    };
                    sum += x;
                }
                sum
            }
        }
    }
    run { f(vec![Some(1), None, Some(3)]) }
}



twin! {
    /// Deeply nested `match` inside `loop` inside `if`.
    probe_deep_nesting {
        lower! {
            pub async fn f(flag: bool) -> Vec<String> {
                let mut out = Vec::new();
                if leaf("flag", flag).await {
                    let mut i = 0;
                    loop {
                        i += 1;
                        let _t = Tracker("iter");
                        match leaf("i", i % 3).await {
                            0 => match leaf("inner", i > 4).await {
                                true => break,
                                false => {
                                    step("z").await;
                                    out.push(format!("zero {i}"));
                                }
                            },
                            1 => {
                                if i > 5 { return out; }
                                out.push(format!("one {i}"));
                            }
                            _ => continue,
                        }
                    }
                    out.push("after loop".into());
                } else {
                    out.push(leaf("no", String::from("no")).await);
                }
                out
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Labelled block left from inside a nested loop, with awaits.
    probe_labelled_block_loop {
        lower! {
            pub async fn f(target: u32) -> u32 {
                let _g = Tracker("g");
                let v = 'found: {
                    let _b = Tracker("block");
                    for i in 0..5 {
                        let _l = Tracker("loop");
                        if leaf("i", i).await == target {
                            break 'found leaf("hit", i * 100).await;
                        }
                    }
                    step("miss").await;
                    0
                };
                step("after").await;
                v
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// Returning a value borrowed from an argument after awaits.
    probe_return_borrowed {
        lower! {
            pub async fn longest<'a>(a: &'a str, b: &'a str) -> &'a str {
                let la = leaf("la", a.len()).await;
                let _t = Tracker("t");
                let lb = leaf("lb", b.len()).await;
                if la >= lb { a.trim() } else { &b[1..] }
            }
        }
    }
    run { pair(longest("abc ", "de"), longest("x", "long")) }
}

twin! {
    /// Recursion through `Box::pin` with a tracker argument and `?`.
    probe_recursion_question {
        lower! {
            pub async fn walk(n: u32, t: Tracker) -> Result<u32, String> {
                step(t.name()).await;
                if n == 0 {
                    return Ok(0);
                }
                if n == 7 {
                    return Err("seven".into());
                }
                let below = Box::pin(walk(n - 1, Tracker(["r0", "r1", "r2", "r3"][(n - 1) as usize % 4]))).await?;
                Ok(below + leaf("add", n).await)
            }
        }
    }
    run { pair(walk(3, Tracker("top")), walk(8, Tracker("top2"))) }
}



twin! {
    /// `ref mut` bindings from `let else` and `if let`, mutated across awaits.
    probe_ref_mut_bindings {
        lower! {
            pub async fn f() -> (Option<u32>, (u32, Tracker)) {
                let mut opt = Some(1u32);
                let Some(ref mut x) = opt else { return (None, (0, Tracker("none"))) };
                *x += leaf("a", 10).await;
                step("s").await;
                *x += 1;
                let mut tup = (0u32, Tracker("tup"));
                if let (ref mut n, ref t) = tup {
                    *n = leaf("n", t.name().len() as u32).await;
                }
                (opt, tup)
            }
        }
    }
    run { f() }
}

twin! {
    /// RefCell borrow guard held across an await, then released; `_ = ` assignment and
    /// `let _ =` of an awaited tracker drop it at once.
    probe_refcell_and_underscore {
        lower! {
            pub async fn f() -> u32 {
                let cell = std::cell::RefCell::new(vec![1u32]);
                {
                    let mut b = cell.borrow_mut();
                    b.push(leaf("p", 2).await);
                    step("held").await;
                }
                let _ = leaf("ignored", Tracker("ignored")).await;
                log("after let _");
                _ = leaf("assigned", Tracker("assigned")).await;
                log("after _ =");
                let _kept = leaf("kept", Tracker("kept")).await;
                step("end").await;
                let total: u32 = cell.borrow().iter().sum();
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// `while` with a short-circuiting condition mixing awaits, `@` patterns, slice patterns.
    probe_while_short_circuit_slices {
        lower! {
            pub async fn f(v: Vec<u32>) -> Vec<u32> {
                let mut out = Vec::new();
                let mut rest: &[u32] = &v;
                while !rest.is_empty() && (leaf("c", rest[0] != 99).await || val("or", false)) {
                    match rest {
                        [first @ 0..=9, tail @ ..] => {
                            out.push(leaf("small", *first).await);
                            rest = tail;
                        }
                        [first, second, tail @ ..] => {
                            out.push(first + second);
                            step("pair").await;
                            rest = tail;
                        }
                        [last] => {
                            out.push(*last);
                            rest = &[];
                        }
                        [] => unreachable!(),
                    }
                }
                out
            }
        }
    }
    run { pair(f(vec![1, 20, 30, 4, 99, 5]), f(vec![50, 60, 70])) }
}

twin! {
    /// Inner items: `const`, a nested plain `async fn`, a `struct` with Drop, used across awaits.
    probe_inner_items {
        lower! {
            pub async fn f() -> u32 {
                const K: u32 = 5;
                struct Local(u32);
                impl Drop for Local {
                    fn drop(&mut self) {
                        log(format!("drop Local {}", self.0));
                    }
                }
                async fn helper(x: u32) -> u32 {
                    leaf("helper", x).await * 2
                }
                let l = Local(K);
                let v = helper(leaf("a", K).await).await;
                let _m = Local(v);
                step("s").await;
                l.0 + v
            }
        }
    }
    run { f() }
}

twin! {
    /// Async closures and an `impl AsyncFn` argument.
    probe_async_fn_arg {
        lower! {
            pub async fn f(g: impl AsyncFn(u32) -> u32) -> u32 {
                let _t = Tracker("t");
                let a = g(leaf("a", 1).await).await;
                step("s").await;
                a + g(2).await
            }
        }
    }
    run { f(async |x: u32| leaf("inner", x * 10).await) }
}

twin! {
    /// An await inside a closure-free `match` arm returning a reference into a local vector.
    probe_ref_into_local_across_await {
        lower! {
            pub async fn f() -> usize {
                let words = vec![String::from("alpha"), String::from("be"), String::from("gamma")];
                let longest = words.iter().max_by_key(|w| w.len()).unwrap();
                step("s").await;
                let second = &words[leaf("idx", 1).await];
                let t = Tracker::new("t");
                step(if longest.len() > 3 { "long" } else { "short" }).await;
                drop(t);
                longest.len() + second.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Drop order of an `if` condition temporary with an await in the same condition, and
    /// of a `while` condition temporary.
    probe_condition_temporaries {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 0;
                if Tracker::new("cond-tmp").name().len() == leaf("len", 8).await {
                    step("then").await;
                    n += 1;
                }
                while Tracker::new("while-tmp").name().len() > leaf("n", n as usize).await {
                    n += 3;
                    step("body").await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Cancel-safety of a partly built tuple/array and of a struct literal with a
    /// tracker before the await.
    probe_partial_aggregate {
        lower! {
            pub async fn f() -> usize {
                let a = [Tracker::new("e0"), leaf("e1", Tracker("e1")).await, Tracker::new("e2")];
                let p = Two { b: Tracker::new("b-first"), a: leaf("a-second", Tracker("a")).await, n: val("n", 1) };
                let t = (Tracker::new("t0"), (Tracker::new("t1"), leaf("t2", 2usize).await));
                a.len() + p.n as usize + t.1.1
            }
        }
    }
    run { f() }
}
