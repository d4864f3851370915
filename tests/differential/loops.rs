//! Loops that contain awaits: `loop` with `break` values, `while`, `while let`, `for` over
//! owned and borrowed collections, labelled `break` / `continue`, per-iteration drops.
use crate::prelude::*;

twin! {
    /// `loop` left with `break value`, an await in the condition of the break.
    loop_break_value {
        lower! {
            pub async fn f(limit: u32) -> u32 {
                let mut i = 0;
                let r = loop {
                    let _it = Tracker("iteration");
                    i += 1;
                    if leaf("i", i).await >= limit {
                        break i * leaf("mul", 10).await;
                    }
                    if i > 100 {
                        break 0;
                    }
                };
                r + 1
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `while` with an awaiting condition and body; a tracker per iteration.
    while_await_condition {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut i = 0;
                let mut sum = 0;
                while leaf("cond", i < n).await {
                    let _t = Tracker("body");
                    sum += leaf("body", i).await;
                    i += 1;
                }
                sum
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `while let` over a stack and over an awaited iterator step.
    while_let {
        lower! {
            pub async fn f(mut stack: Vec<Tracker>) -> (usize, u32) {
                let mut popped = 0;
                while let Some(t) = stack.pop() {
                    step(t.name()).await;
                    popped += 1;
                }
                let mut it = vec![1u32, 2, 3].into_iter();
                let mut sum = 0;
                while let Some(x) = leaf("next", it.next()).await {
                    sum += leaf("x", x).await;
                }
                (popped, sum)
            }
        }
    }
    run { f(vec![Tracker("s1"), Tracker("s2"), Tracker("s3")]) }
}

twin! {
    /// `for` over an owned `Vec` of trackers: each item drops at the end of its iteration;
    /// `break` leaves the rest in the iterator, dropped when the loop ends.
    for_owned {
        lower! {
            pub async fn f(items: Vec<Tracker>) -> Vec<&'static str> {
                let mut seen = Vec::new();
                for t in items {
                    if t.name() == "skip" {
                        continue;
                    }
                    seen.push(leaf("name", t.name()).await);
                    if t.name() == "stop" {
                        break;
                    }
                    step("after").await;
                }
                log("after loop");
                seen
            }
        }
    }
    run { f(vec![Tracker("a"), Tracker("skip"), Tracker("b"), Tracker("stop"), Tracker("never1"), Tracker("never2")]) }
}

twin! {
    /// `for` over borrowed collections: `&v`, `iter_mut()`, a slice window held across
    /// awaits, and a `for` over a range nested in one over `&v`.
    for_borrowed {
        lower! {
            pub async fn f(mut v: Vec<u32>) -> (u32, Vec<u32>, u32) {
                let mut sum = 0;
                for x in &v {
                    sum += leaf("x", *x).await;
                }
                for x in v.iter_mut() {
                    *x += leaf("inc", 100).await;
                }
                let mut pairs = 0;
                for w in v.windows(2) {
                    for _ in 0..w[0] % 2 {
                        step("odd").await;
                    }
                    pairs += leaf("w", w[1] - w[0]).await;
                }
                (sum, v, pairs)
            }
        }
    }
    run { f(vec![1, 2, 4]) }
}

twin! {
    /// Labelled `break` and `continue` across nested loops of different kinds.
    labelled_break_continue {
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let mut hits = Vec::new();
                'outer: for i in 0..4u32 {
                    let _o = Tracker("outer-iter");
                    let mut j = 0;
                    'inner: loop {
                        let _in = Tracker("inner-iter");
                        j += 1;
                        if leaf("j", j).await > 3 {
                            break 'inner;
                        }
                        if (i + j) % 3 == 0 {
                            continue 'outer;
                        }
                        if i == 3 {
                            break 'outer;
                        }
                        while leaf("w", j % 2 == 1).await {
                            hits.push((i, j));
                            continue 'inner;
                        }
                        hits.push((j, i));
                    }
                    step("end-of-outer-body").await;
                }
                hits
            }
        }
    }
    run { f() }
}

twin! {
    /// A loop that does not await (stays a plain loop) between loops that do, and a
    /// `break` out of a loop that awaits only in some iterations.
    mixed_loops {
        lower! {
            pub async fn f(n: u64) -> u64 {
                let mut acc = leaf("start", 1u64).await;
                for i in 0..n {
                    acc = acc.wrapping_mul(31).wrapping_add(i);
                }
                let mut k = 0;
                loop {
                    k += 1;
                    if k % 2 == 0 {
                        acc += leaf("even", k).await;
                    } else if k > 5 {
                        break;
                    }
                }
                acc
            }
        }
    }
    run { f(5) }
}

twin! {
    /// `break 'outer value` whose value awaits, from inside a nested `while`, and a
    /// `loop { match x.await { .. => continue, .. => break v } }`.
    break_value_from_nested {
        lower! {
            pub async fn f(target: u32) -> (u32, &'static str) {
                let mut n = 0;
                let found = 'search: loop {
                    let _row = Tracker("row");
                    n += 1;
                    let mut m = 0;
                    while m < 3 {
                        m += 1;
                        if n * m == target {
                            break 'search leaf("found", n * 10 + m).await;
                        }
                    }
                    if n > 5 {
                        break 0;
                    }
                };
                let mut tries = 0;
                let word = loop {
                    tries += 1;
                    match leaf("try", tries).await {
                        1 => continue,
                        2 => {
                            step("two").await;
                            continue;
                        }
                        _ => break "three",
                    }
                };
                (found, word)
            }
        }
    }
    run { pair(f(6), f(100)) }
}

twin! {
    /// `while let Some(x) = stream.next().await` over a `futures` stream whose items are
    /// themselves computed by leaves (`then`), and `for_each`-like folding by hand.
    stream_next_loop {
        lower! {
            pub async fn f(n: u32) -> Vec<u32> {
                use futures::StreamExt;
                let mut stream = futures::stream::iter(0..n).then(|i| leaf("item", i * i));
                let mut out = Vec::new();
                while let Some(x) = stream.next().await {
                    let _t = Tracker("per-item");
                    if x % 2 == 1 {
                        step("odd").await;
                    }
                    out.push(x);
                }
                out
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A buffer reused by every iteration: cleared, filled by an await that borrows it, then
    /// a slice of it (`trim`) held across another await, like a line-reading loop.
    borrow_reset_each_iteration {
        lower! {
            pub async fn f(lines: Vec<&'static str>) -> Vec<String> {
                let mut line = String::new();
                let mut out = Vec::new();
                let mut source = lines.into_iter();
                loop {
                    line.clear();
                    let Some(next) = leaf("read", source.next()).await else { break };
                    line.push_str(next);
                    let trimmed = line.trim();
                    if trimmed.is_empty() {
                        continue;
                    }
                    step("process").await;
                    out.push(trimmed.to_uppercase());
                }
                out
            }
        }
    }
    run { f(vec!["  a ", "   ", "b  "]) }
}

#[derive(Debug)]
pub enum FetchError {
    Transient,
    Skip,
    Fatal(String),
}

twin! {
    /// A retry loop as written in services: a labelled `for` over borrowed inputs, an inner
    /// `loop` with an attempt guard, a `match` on an awaited `Result` whose arms `continue`
    /// either loop, back off with an await, or `return` the error.
    retry_loop {
        lower! {
            pub async fn fetch_all(urls: &[&'static str], max: u32) -> Result<Vec<String>, FetchError> {
                let mut results = Vec::new();
                'urls: for url in urls {
                    let mut attempt = 0;
                    loop {
                        attempt += 1;
                        let _attempt = Tracker("attempt");
                        let response = if url.starts_with('x') && attempt < 3 {
                            Err(FetchError::Transient)
                        } else if url.starts_with('s') {
                            Err(FetchError::Skip)
                        } else if url.is_empty() {
                            Err(FetchError::Fatal(format!("empty url after {attempt}")))
                        } else {
                            Ok(url.len())
                        };
                        match leaf("get", response).await {
                            Ok(n) => {
                                results.push(format!("{url}:{n}"));
                                continue 'urls;
                            }
                            Err(FetchError::Transient) if attempt < max => {
                                step("backoff").await;
                                continue;
                            }
                            Err(FetchError::Skip) => continue 'urls,
                            Err(e) => return Err(e),
                        }
                    }
                }
                Ok(results)
            }
        }
    }
    run {
        pair(
            fetch_all(leak(vec!["a", "xb", "skip", "cc"]), 5),
            pair(fetch_all(leak(vec!["a", "", "never"]), 5), fetch_all(leak(vec!["xxx"]), 2)),
        )
    }
}

twin! {
    /// Collections typed only by what a loop or a branch puts in after an await, then used
    /// by methods of their elements after it: `for r in &results { r.len() }`. The code
    /// after the loop is reached from the state before the first await too, where rustc
    /// meets it before the `push`; the lowering repeats the rest of the iteration there as
    /// code that never runs, so the types are known in source order (else E0282).
    collections_typed_after_an_await_in_a_loop {
        use std::collections::HashMap;
        pub async fn fetch(i: u32) -> String {
            step("fetch").await;
            format!("r{i}")
        }
        lower! {
            pub async fn f(n: u32, c: bool) -> (usize, usize, usize, usize) {
                let mut results = Vec::new();
                for i in 0..n {
                    results.push(fetch(i).await);
                }
                let mut total = 0;
                for r in &results {
                    total += r.len();
                }
                let mut named = HashMap::new();
                let mut i = 0;
                while i < n {
                    let s = fetch(i).await;
                    named.insert(i, s);
                    i += 1;
                }
                let longest = named.values().map(|s| s.len()).max().unwrap_or(0);
                let mut maybe = Vec::new();
                if c {
                    let t = leaf("t", Tracker::new("kept")).await;
                    maybe.push(t);
                }
                let names: Vec<&str> = maybe.iter().map(|t| t.name()).collect();
                let mut pairs = vec![];
                for i in 0..n {
                    if i % 2 == 0 {
                        continue;
                    }
                    pairs.push((i, fetch(i).await));
                }
                let mut lens = 0;
                for (_, p) in &pairs {
                    lens += p.len();
                }
                (total, longest, names.len(), lens)
            }
        }
    }
    run { pair(f(3, true), f(0, false)) }
}

twin! {
    /// The same with the `push` as the loop body's value (no `;`), in a `match` arm, in
    /// a `while let`, and in an `if` whose value is discarded, each followed by code that
    /// needs the element type.
    collections_typed_by_a_block_value_after_an_await {
        pub async fn fetch(i: u32) -> String {
            step("fetch").await;
            format!("r{i}")
        }
        lower! {
            pub async fn f(n: u32, mut q: Vec<u32>) -> Result<usize, String> {
                let mut a = Vec::new();
                for i in 0..n {
                    a.push(fetch(i).await)
                }
                let mut b = Vec::new();
                for i in 0..n {
                    match i % 2 {
                        0 => b.push(fetch(i).await),
                        _ => {}
                    }
                }
                let mut c = Vec::new();
                while let Some(x) = q.pop() {
                    if x > 1 {
                        c.push((x, fetch(x).await))
                    } else {
                        log(format!("skip {x}"))
                    }
                }
                let mut total = 0;
                for s in a.iter().chain(b.iter()) {
                    total += s.len();
                }
                for (x, s) in &c {
                    total += s.len() * *x as usize;
                }
                if total == 0 {
                    return Err(format!("{}", a.len()));
                }
                Ok(total)
            }
        }
    }
    run { pair(f(3, vec![1, 2, 3]), f(0, vec![])) }
}

twin! {
    /// A local read in an awaited operand, assigned again later in the loop body, and read
    /// after the loop: a `break` (or a `continue`) between the await and the assignment
    /// leaves the assignment behind, so the value lives across the await.
    loop_exit_skips_the_reassignment {
        lower! {
            pub async fn f(limit: u32) -> (u32, String, u32) {
                let mut i = 0;
                loop {
                    let x = leaf("x", i).await;
                    if x > limit { break }
                    step("a").await;
                    i = x + 1;
                }
                let mut s = String::from("s");
                let mut rounds = 0;
                while rounds < 4 {
                    rounds += 1;
                    let n = leaf("len", s.clone()).await.len() as u32;
                    if n % 2 == 0 { continue }
                    step("b").await;
                    s = format!("{s}{n}");
                }
                let mut k = 10;
                for round in 0..3u32 {
                    let y = leaf("y", k).await;
                    if round == 1 { continue }
                    k = y + round;
                }
                (i, s, k)
            }
        }
    }
    run { pair(f(2), f(0)) }
}
