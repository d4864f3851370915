//! Probe round 28b: loops and cancellation inside them, as in a batch job, a poller or a
//! retry scheduler: nested `loop`/`while`/`while let`/`for` two and three deep with awaits
//! at each level and in loop conditions, trackers per iteration and per level, labelled
//! `break`/`continue` from `match` arms, `if let` and `let .. else`, `break 'outer value`,
//! `loop` as an expression, early `return` and `?` from nested loops, loop-carried state
//! (values moved and rebuilt, `Option::take`, drained and refilled `Vec`s, shadowing,
//! late-initialised locals, counting closures), `for` over awaited data, `drain(..)` and
//! sorted `HashMap` keys with half-consumed iterators, and panics in inner iterations.
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};

twin! {
    /// Two nested `for` loops over ranges, a tracker per level and an await at each level.
    p28b_nested_for_ranges_trackers {
        lower! {
            pub async fn f() -> u32 {
                let _top = Tracker::new("top");
                let mut sum = 0;
                for i in 0..3u32 {
                    let _o = Tracker::new("outer");
                    sum += leaf("o", i).await;
                    for j in 0..2u32 {
                        let _in = Tracker::new("inner");
                        sum += leaf("i", i * j).await;
                    }
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// Three levels (`loop`, `while`, `for`) with trackers alive at every level across the
    /// innermost await.
    p28b_three_deep_loop_while_for {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut out = Vec::new();
                let mut a = 0;
                loop {
                    let _la = Tracker::new("la");
                    if a == 2 { break; }
                    let mut b = 0;
                    while b < 2 {
                        let _lb = Tracker::new("lb");
                        for c in 0..2u32 {
                            let _lc = Tracker::new("lc");
                            out.push(leaf("c", a * 100 + b * 10 + c).await);
                        }
                        b += 1;
                    }
                    a += 1;
                    step("a").await;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `while leaf(..).await < 3` as a loop condition with a tracker in the body.
    p28b_while_cond_await {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                let _g = Tracker::new("g");
                while leaf("c", i).await < 3 {
                    let _t = Tracker::new("body");
                    i += 1;
                    step("b").await;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(x) = pop_front_async(&mut q).await` with a lowered helper, trackers
    /// moved out of the queue and dropped per iteration.
    p28b_while_let_pop_front_async {
        lower! {
            pub async fn pop_front_async(q: &mut VecDeque<Tracker>) -> Option<Tracker> {
                step("pop").await;
                q.pop_front()
            }
        }
        lower! {
            pub async fn f() -> usize {
                let mut q: VecDeque<Tracker> = VecDeque::new();
                q.push_back(Tracker::new("a"));
                q.push_back(Tracker::new("b"));
                q.push_back(Tracker::new("c"));
                let mut n = 0;
                while let Some(x) = pop_front_async(&mut q).await {
                    log(format!("got {}", x.name()));
                    step("work").await;
                    n += 1;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let` popping from a queue with a `break` in the middle: the remaining items
    /// drop with the queue at the end of the function.
    p28b_while_let_break_leaves_queue {
        lower! {
            pub async fn pop_front_async(q: &mut VecDeque<Tracker>) -> Option<Tracker> {
                step("pop").await;
                q.pop_front()
            }
        }
        lower! {
            pub async fn f() -> &'static str {
                let mut q = VecDeque::from(vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]);
                let _g = Tracker::new("g");
                let mut last = "";
                while let Some(x) = pop_front_async(&mut q).await {
                    last = x.name();
                    if leaf("stop?", x.name() == "b").await {
                        break;
                    }
                }
                step("after").await;
                last
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in v` over a `Vec<Tracker>` by value, `break` in the middle: the rest of the
    /// iterator drops at the loop's end.
    p28b_for_vec_by_value_break_half {
        lower! {
            pub async fn f(v: Vec<Tracker>) -> u32 {
                let _g = Tracker::new("g");
                let mut n = 0;
                for t in v {
                    step("it").await;
                    n += 1;
                    if t.name() == "b" {
                        break;
                    }
                }
                step("after").await;
                n
            }
        }
    }
    run { f(vec![Tracker("a"), Tracker("b"), Tracker("c"), Tracker("d")]) }
}

twin! {
    /// `for t in &v` with awaits, then `for t in &mut v` replacing elements across awaits.
    p28b_for_ref_and_mut_ref {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut v = vec![Tracker::new("a"), Tracker::new("b")];
                for t in &v {
                    leaf("read", t.name()).await;
                }
                for t in &mut v {
                    let name = leaf("repl", t.name()).await;
                    *t = Tracker::new(if name == "a" { "A" } else { "B" });
                    step("after repl").await;
                }
                v.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `iter().enumerate()` with an await per element and `continue` on even indices.
    p28b_enumerate_continue {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let mut s = 0;
                for (i, x) in v.iter().enumerate() {
                    let _t = Tracker::new("it");
                    if i % 2 == 0 {
                        step("skip").await;
                        continue;
                    }
                    s += leaf("x", *x).await;
                }
                s
            }
        }
    }
    run { f(vec![1, 2, 3, 4, 5]) }
}

twin! {
    /// `.rev()` and `step_by` over ranges nested, with an await at each level.
    p28b_rev_step_by_nested {
        lower! {
            pub async fn f() -> Vec<(u32, u32)> {
                let mut out = vec![];
                for i in (0..4u32).rev() {
                    step("o").await;
                    for j in (0..7u32).step_by(3) {
                        out.push((i, leaf("j", j).await));
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `zip` of two vecs by value (trackers and numbers), breaking out when the sum is big.
    p28b_zip_by_value_break {
        lower! {
            pub async fn f(a: Vec<Tracker>, b: Vec<u32>) -> u32 {
                let mut s = 0;
                for (t, x) in a.into_iter().zip(b) {
                    s += leaf(t.name(), x).await;
                    if s > 3 {
                        break;
                    }
                }
                s
            }
        }
    }
    run { f(vec![Tracker("a"), Tracker("b"), Tracker("c"), Tracker("d")], vec![1, 2, 3, 4]) }
}

twin! {
    /// `chunks(2)` over a slice with an inner loop over each chunk, awaits at both levels.
    p28b_chunks_inner_loop {
        lower! {
            pub async fn f(v: Vec<u32>) -> Vec<u32> {
                let mut out = vec![];
                for chunk in v.chunks(2) {
                    let _c = Tracker::new("chunk");
                    let mut s = 0;
                    for x in chunk {
                        s += leaf("x", *x).await;
                    }
                    out.push(leaf("sum", s).await);
                }
                out
            }
        }
    }
    run { f(vec![1, 2, 3, 4, 5]) }
}

twin! {
    /// Labelled `continue 'outer` from a `match` arm in an inner loop after an await.
    p28b_continue_outer_from_match {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut out = vec![];
                'outer: for i in 0..3u32 {
                    let _o = Tracker::new("o");
                    for j in 0..3u32 {
                        let _in = Tracker::new("i");
                        match leaf("k", (i + j) % 3).await {
                            0 => continue 'outer,
                            1 => continue,
                            k => out.push(k * 10 + i),
                        }
                        step("tail").await;
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `break 'outer value` out of two nested `loop`s with trackers at both levels.
    p28b_break_outer_value {
        lower! {
            pub async fn f() -> (u32, u32) {
                let _g = Tracker::new("g");
                let mut i = 0;
                let found = 'outer: loop {
                    let _o = Tracker::new("o");
                    let mut j = 0;
                    loop {
                        let _in = Tracker::new("in");
                        let v = leaf("v", i * 3 + j).await;
                        if v == 5 {
                            break 'outer (i, j);
                        }
                        j += 1;
                        if j == 3 { break; }
                    }
                    i += 1;
                };
                step("after").await;
                found
            }
        }
    }
    run { f() }
}

twin! {
    /// `let found = loop { .. break Some(x) .. }` with a tracker broken out as the value.
    p28b_loop_expr_break_some_tracker {
        lower! {
            pub async fn f() -> Option<&'static str> {
                let names = ["a", "b", "c"];
                let mut i = 0;
                let found = loop {
                    if i == names.len() {
                        break None;
                    }
                    let t = Tracker::new(names[i]);
                    if leaf("match?", i == 1).await {
                        break Some(t);
                    }
                    i += 1;
                };
                step("after").await;
                found.map(|t| t.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// Early `return` from the middle of a three-deep loop with trackers at every level.
    p28b_return_from_three_deep {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                for i in 0..3u32 {
                    let _a = Tracker::new("a");
                    for j in 0..3u32 {
                        let _b = Tracker::new("b");
                        for k in 0..3u32 {
                            let _c = Tracker::new("c");
                            if leaf("v", i * 9 + j * 3 + k).await == 13 {
                                return i * 100 + j * 10 + k;
                            }
                        }
                    }
                }
                0
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` from the middle of nested loops with trackers alive at two levels.
    p28b_question_from_nested {
        lower! {
            pub async fn check(x: u32) -> Result<u32, String> {
                step("check").await;
                if x == 4 { Err(format!("bad {x}")) } else { Ok(x) }
            }
        }
        lower! {
            pub async fn f() -> Result<u32, String> {
                let _g = Tracker::new("g");
                let mut s = 0;
                for i in 0..3u32 {
                    let _o = Tracker::new("o");
                    for j in 0..3u32 {
                        let _in = Tracker::new("in");
                        s += check(i * 2 + j).await?;
                    }
                }
                Ok(s)
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic (`boom`) in the second iteration of an inner loop with trackers at every
    /// level.
    p28b_boom_second_inner_iteration {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let mut s = 0;
                for i in 0..2u32 {
                    let _o = Tracker::new("o");
                    for j in 0..3u32 {
                        let _in = Tracker::new("in");
                        if j == 1 {
                            s += boom("b").await;
                        }
                        s += leaf("v", i + j).await;
                    }
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// Loop-carried value moved into a lowered call and rebuilt: `acc = merge(acc, x).await`.
    p28b_acc_merge_rebuilt {
        lower! {
            pub async fn merge(acc: Vec<Tracker>, x: u32) -> Vec<Tracker> {
                let mut acc = acc;
                step("merge").await;
                if x % 2 == 0 {
                    acc.push(Tracker::new("even"));
                } else {
                    acc.pop();
                }
                acc
            }
        }
        lower! {
            pub async fn f() -> usize {
                let mut acc = vec![Tracker::new("seed")];
                for x in 0..5u32 {
                    acc = merge(acc, x).await;
                    log(format!("len {}", acc.len()));
                }
                acc.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Option` state taken and put back each iteration: `state.take()` / `state = Some(..)`.
    p28b_option_take_put_back {
        lower! {
            pub async fn f() -> Option<&'static str> {
                let mut state = Some(Tracker::new("s0"));
                let names = ["s1", "s2", "s3"];
                for n in names {
                    let old = state.take();
                    step("between").await;
                    if let Some(o) = old {
                        log(format!("had {}", o.name()));
                    }
                    state = Some(Tracker::new(n));
                    leaf("put", ()).await;
                }
                state.map(|t| t.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec` drained and refilled across iterations of an outer loop.
    p28b_vec_drain_refill {
        lower! {
            pub async fn f() -> usize {
                let mut buf = vec![Tracker::new("x0"), Tracker::new("x1")];
                let mut round = 0;
                while round < 2 {
                    for t in buf.drain(..) {
                        leaf("d", t.name()).await;
                    }
                    step("refill").await;
                    buf.push(Tracker::new("y"));
                    buf.push(Tracker::new("z"));
                    round += 1;
                }
                buf.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `drain(..)` with a `break`: the undrained rest is removed when the `Drain` drops at
    /// the loop's end.
    p28b_drain_break_half {
        lower! {
            pub async fn f() -> usize {
                let mut buf = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let _g = Tracker::new("g");
                for t in buf.drain(..) {
                    if leaf("t", t.name()).await == "b" {
                        break;
                    }
                }
                step("after").await;
                buf.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shadowed locals inside the loop body, each shadow alive across an await.
    p28b_shadowed_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut total = 0;
                for i in 0..3u32 {
                    let x = Tracker::new("x1");
                    step("a").await;
                    let x = (x, leaf("n", i).await);
                    let x = x.1 + 1;
                    step("b").await;
                    total += x;
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// `let mut last;` declared before the loop, assigned in it, read after.
    p28b_late_init_last {
        lower! {
            pub async fn f() -> u32 {
                let mut last;
                let mut i = 0;
                loop {
                    last = leaf("v", i * 2).await;
                    i += 1;
                    if i == 3 { break; }
                }
                step("after").await;
                last
            }
        }
    }
    run { f() }
}

twin! {
    /// A counting closure `let mut bump = || { n += 1; n };` called across awaits in a loop.
    p28b_bump_closure_across_awaits {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut n = 0;
                let mut bump = || { n += 1; n };
                let mut out = vec![];
                for _ in 0..3 {
                    let a = bump();
                    step("s").await;
                    out.push(a + bump());
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in leaf("v", vec![..]).await` over awaited data, with an inner await.
    p28b_for_over_awaited_vec {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for x in leaf("v", vec![1u32, 2, 3]).await {
                    s += leaf("x", x).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `for t in leaf("v", vec![trackers]).await` with a `break`: the iterator's rest
    /// drops at the loop's end.
    p28b_for_over_awaited_trackers_break {
        lower! {
            pub async fn f() -> &'static str {
                let _g = Tracker::new("g");
                let mut last = "none";
                for t in leaf("v", vec![Tracker("a"), Tracker("b"), Tracker("c")]).await {
                    last = t.name();
                    if leaf("stop", last == "b").await {
                        break;
                    }
                }
                step("end").await;
                last
            }
        }
    }
    run { f() }
}

twin! {
    /// Sorted keys of a `HashMap`, looked up across awaits, `break` half-way.
    p28b_hashmap_sorted_keys {
        lower! {
            pub async fn f() -> Vec<(String, u32)> {
                let mut m = HashMap::new();
                m.insert("b".to_string(), 2u32);
                m.insert("a".to_string(), 1);
                m.insert("d".to_string(), 4);
                m.insert("c".to_string(), 3);
                let mut keys: Vec<_> = m.keys().cloned().collect();
                keys.sort();
                let mut out = vec![];
                for k in keys {
                    let v = leaf("get", m[&k]).await;
                    if v == 3 { break; }
                    out.push((k, v));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A retry scheduler: `loop` with attempts, a per-attempt tracker, `match` on an
    /// awaited `Result`, `break Ok(v)` out of the loop as its value.
    p28b_retry_loop_break_ok {
        lower! {
            pub async fn attempt(n: u32) -> Result<u32, String> {
                let _a = Tracker::new("attempt");
                step("try").await;
                if n < 2 { Err(format!("e{n}")) } else { Ok(n * 10) }
            }
        }
        lower! {
            pub async fn f() -> Result<u32, String> {
                let _g = Tracker::new("sched");
                let mut n = 0;
                let r = loop {
                    let _slot = Tracker::new("slot");
                    match attempt(n).await {
                        Ok(v) => break Ok(v),
                        Err(e) if n >= 5 => break Err(e),
                        Err(e) => {
                            log(format!("retry after {e}"));
                            step("backoff").await;
                        }
                    }
                    n += 1;
                };
                step("done").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A retry loop that gives up with `return Err(..)` from a match arm while trackers of
    /// the scheduler and the attempt are alive.
    p28b_retry_give_up_return {
        lower! {
            pub async fn attempt(n: u32) -> Result<u32, String> {
                step("try").await;
                Err(format!("e{n}"))
            }
        }
        lower! {
            pub async fn f() -> Result<u32, String> {
                let _g = Tracker::new("sched");
                for n in 0..5u32 {
                    let _a = Tracker::new("attempt");
                    match attempt(n).await {
                        Ok(v) => return Ok(v),
                        Err(e) if n == 2 => return Err(format!("gave up: {e}")),
                        Err(_) => step("backoff").await,
                    }
                }
                Err("unreachable".into())
            }
        }
    }
    run { f() }
}

twin! {
    /// A poller: `loop` polling a lowered source until it returns `Some`, with `let .. else`
    /// continuing on `None`.
    p28b_poller_let_else_continue {
        lower! {
            pub async fn poll_src(i: u32) -> Option<Tracker> {
                step("poll").await;
                if i % 3 == 2 { Some(Tracker::new("item")) } else { None }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                let mut got = 0;
                loop {
                    i += 1;
                    let _tick = Tracker::new("tick");
                    let Some(item) = poll_src(i).await else {
                        continue;
                    };
                    leaf("handle", item.name()).await;
                    got += 1;
                    if got == 2 { break; }
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// `let .. else { break 'outer }` from an inner loop after an await.
    p28b_let_else_break_outer {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut out = vec![];
                let data = vec![vec![Some(1u32), Some(2)], vec![Some(3), None, Some(4)], vec![Some(5)]];
                'outer: for row in data {
                    let _r = Tracker::new("row");
                    for cell in row {
                        let _c = Tracker::new("cell");
                        let Some(x) = leaf("cell", cell).await else {
                            break 'outer;
                        };
                        out.push(x);
                    }
                }
                step("end").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(x) = leaf(..).await { continue 'outer }` in a `while` inside a `for`.
    p28b_if_let_continue_outer_while {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                'outer: for i in 0..3u32 {
                    let _o = Tracker::new("o");
                    let mut j = 0;
                    while j < 3 {
                        let _w = Tracker::new("w");
                        j += 1;
                        if let Some(x) = leaf("opt", if j == 2 { Some(i) } else { None }).await {
                            s += x;
                            continue 'outer;
                        }
                        s += 10;
                    }
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A batch job: jobs in a `Vec` by value, each job's steps in an inner loop, a failed
    /// step skips the rest of the job with `continue 'jobs`.
    p28b_batch_job_skip_rest {
        pub struct Job {
            pub name: &'static str,
            pub steps: Vec<u32>,
            pub _t: Tracker,
        }
        lower! {
            pub async fn run_step(x: u32) -> Result<u32, u32> {
                step("step").await;
                if x == 0 { Err(x) } else { Ok(x) }
            }
        }
        lower! {
            pub async fn f(jobs: Vec<Job>) -> Vec<String> {
                let mut report = vec![];
                'jobs: for job in jobs {
                    let mut done = 0;
                    for s in job.steps.iter() {
                        match run_step(*s).await {
                            Ok(v) => done += v,
                            Err(_) => {
                                report.push(format!("{} failed", job.name));
                                continue 'jobs;
                            }
                        }
                    }
                    report.push(format!("{} ok {}", job.name, done));
                }
                report
            }
        }
    }
    run {
        f(vec![
            Job { name: "j1", steps: vec![1, 2], _t: Tracker("t1") },
            Job { name: "j2", steps: vec![3, 0, 4], _t: Tracker("t2") },
            Job { name: "j3", steps: vec![5], _t: Tracker("t3") },
        ])
    }
}

twin! {
    /// A job struct moved out of an iterator; its `Vec` field consumed in the inner loop
    /// while its tracker field lives until the job's scope ends.
    p28b_job_field_consumed_inner {
        pub struct Job {
            pub steps: Vec<Tracker>,
            pub guard: Tracker,
        }
        lower! {
            pub async fn f(jobs: Vec<Job>) -> u32 {
                let mut n = 0;
                for job in jobs {
                    step("job").await;
                    for s in job.steps {
                        leaf("s", s.name()).await;
                        n += 1;
                    }
                    leaf("guard", job.guard.name()).await;
                }
                n
            }
        }
    }
    run {
        f(vec![
            Job { steps: vec![Tracker("a1"), Tracker("a2")], guard: Tracker("ga") },
            Job { steps: vec![Tracker("b1")], guard: Tracker("gb") },
        ])
    }
}

twin! {
    /// `loop` as an expression breaking a tracker out from inside a `match` arm, the
    /// result used after a later await.
    p28b_loop_expr_match_arm_break_tracker {
        lower! {
            pub async fn f() -> &'static str {
                let mut i = 0u32;
                let t = loop {
                    let c = Tracker::new("cand");
                    match leaf("k", i).await {
                        0 | 1 => {}
                        2 => break c,
                        _ => unreachable!(),
                    }
                    i += 1;
                };
                step("after").await;
                t.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `while` whose condition awaits a lowered fn taking `&mut` state.
    p28b_while_cond_lowered_mut_state {
        lower! {
            pub async fn more(st: &mut Vec<Tracker>) -> bool {
                step("more?").await;
                st.pop().is_some()
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut st = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut n = 0;
                while more(&mut st).await {
                    let _b = Tracker::new("body");
                    n += leaf("n", 1).await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(t) = v.pop()` (no await in the condition) with an await in the body
    /// and `if` inside breaking.
    p28b_while_let_pop_sync_cond {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                while let Some(t) = v.pop() {
                    let keep = leaf("keep", t.name() != "b").await;
                    if !keep {
                        break;
                    }
                }
                step("after").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Trackers made in the condition of a `while` (`Tracker::new(..).name() != ..`): the
    /// temporary drops at the end of the condition each iteration.
    p28b_while_cond_temp_tracker {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                while Tracker::new("cond").name().len() + i < 7 {
                    step("body").await;
                    i += leaf("inc", 1).await;
                }
                i as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A `while` condition awaiting with a tracker temporary alive across that await.
    p28b_while_cond_temp_across_await {
        lower! {
            pub async fn check(t: &Tracker, i: u32) -> bool {
                step(t.name()).await;
                i < 2
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                while check(&Tracker::new("tmp"), i).await {
                    let _b = Tracker::new("body");
                    i += leaf("inc", 1).await;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// `match` with a `while let` scrutinee that awaits inside the guard-less arms, breaking
    /// from inside an `if let` nested in a match arm.
    p28b_match_arm_if_let_break {
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::from(vec![(1u32, Some(Tracker::new("p1"))), (2, None), (3, Some(Tracker::new("p3")))]);
                let mut s = 0;
                while let Some((k, p)) = q.pop_front() {
                    match k {
                        1 | 3 => {
                            if let Some(t) = p {
                                s += leaf(t.name(), k).await;
                                if k == 3 { break; }
                            }
                        }
                        _ => {
                            step("skip").await;
                        }
                    }
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// Per-iteration tracker moved into a `Vec` in some iterations and dropped in others.
    p28b_tracker_moved_into_vec_sometimes {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut kept = vec![];
                let names = ["a", "b", "c", "d"];
                for (i, n) in names.iter().enumerate() {
                    let t = Tracker::new(n);
                    let keep = leaf("keep", i % 2 == 0).await;
                    if keep {
                        kept.push(t);
                    }
                    step("next").await;
                }
                kept.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker dropped early with `drop(t)` in the middle of an iteration, then awaits.
    p28b_drop_early_in_iteration {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for i in 0..3u32 {
                    let t = Tracker::new("t");
                    let u = Tracker::new("u");
                    s += leaf("a", i).await;
                    drop(t);
                    s += leaf("b", i).await;
                    let _ = u.name();
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker moved conditionally (`if i == 1 { drop(t) }`) in a loop: the drop flag is
    /// per iteration.
    p28b_conditional_move_per_iteration {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for i in 0..3u32 {
                    let t = Tracker::new("t");
                    if leaf("c", i == 1).await {
                        drop(t);
                    }
                    s += leaf("v", i).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker declared before a loop, moved in one iteration and re-assigned in the
    /// next (loop-carried drop flag).
    p28b_outer_tracker_moved_and_reassigned {
        lower! {
            pub async fn f() -> &'static str {
                let mut cur = Tracker::new("c0");
                for n in ["c1", "c2", "c3"] {
                    step("tick").await;
                    let old = cur;
                    leaf("old", old.name()).await;
                    cur = Tracker::new(n);
                    step("after").await;
                }
                cur.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker declared before the loop, assigned (replacing) in every iteration after an
    /// await: the old value drops at the assignment.
    p28b_outer_tracker_overwritten {
        lower! {
            pub async fn f() -> &'static str {
                let mut cur = Tracker::new("c0");
                for n in ["c1", "c2"] {
                    cur = leaf("new", Tracker::new(n)).await;
                    step("after").await;
                }
                cur.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let mut last;` of a `Tracker`, assigned in a loop (first assignment initialises,
    /// later ones drop the previous value), read after.
    p28b_late_init_tracker_assigned_in_loop {
        lower! {
            pub async fn f() -> &'static str {
                let mut last;
                let mut i = 0;
                loop {
                    last = leaf("v", Tracker::new(["a", "b", "c"][i])).await;
                    i += 1;
                    if i == 3 { break; }
                    step("tick").await;
                }
                step("after").await;
                last.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A late-initialised local assigned only in the `break` path of a loop.
    p28b_late_init_assigned_on_break {
        lower! {
            pub async fn f() -> u32 {
                let result;
                let mut i = 0;
                loop {
                    let v = leaf("v", i).await;
                    if v == 2 {
                        result = v * 100;
                        break;
                    }
                    i += 1;
                }
                step("after").await;
                result
            }
        }
    }
    run { f() }
}

twin! {
    /// A late-initialised tracker assigned on the break path inside a nested loop, labelled
    /// break.
    p28b_late_init_tracker_break_outer {
        lower! {
            pub async fn f() -> &'static str {
                let winner;
                let _g = Tracker::new("g");
                'o: loop {
                    for n in ["a", "b", "c"] {
                        let t = Tracker::new(n);
                        if leaf("pick", n == "b").await {
                            winner = t;
                            break 'o;
                        }
                    }
                }
                step("after").await;
                winner.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `FnMut` closure capturing a `Vec` by `&mut`, pushing trackers, called across awaits
    /// in a nested loop.
    p28b_closure_push_trackers_nested {
        lower! {
            pub async fn f() -> usize {
                let mut bag = vec![];
                let mut add = |n: &'static str| bag.push(Tracker::new(n));
                for i in 0..2u32 {
                    add("o");
                    for _ in 0..2 {
                        step("in").await;
                        add("i");
                    }
                    leaf("i", i).await;
                }
                bag.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A counter closure returning the count, whose results drive `break` in a `loop`.
    p28b_counter_closure_drives_break {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 0;
                let mut bump = || { n += 1; n };
                let _g = Tracker::new("g");
                let last = loop {
                    let k = bump();
                    let _t = Tracker::new("it");
                    if leaf("k", k).await >= 3 {
                        break k * 2;
                    }
                };
                step("after").await;
                last
            }
        }
    }
    run { f() }
}

twin! {
    /// A move closure owning a tracker, called in every iteration across awaits, dropped
    /// at the end of the function.
    p28b_move_closure_owning_tracker_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("owned");
                let mut k = 0;
                let mut next = move || { k += 1; (t.name().len() as u32) + k };
                let mut s = 0;
                for _ in 0..3 {
                    s += leaf("n", next()).await;
                }
                step("end").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// Awaits in every position of a loop body's expression: call args, binary operands,
    /// index, method receiver, tuple, struct literal.
    p28b_awaits_all_positions_in_loop {
        pub struct P { pub a: u32, pub b: u32 }
        lower! {
            pub async fn f() -> Vec<u32> {
                let v = vec![10u32, 20, 30];
                let mut out = vec![];
                for i in 0..2usize {
                    let p = P { a: leaf("pa", i as u32).await, b: v[leaf("idx", i + 1).await] };
                    let t = (leaf("t0", p.a).await, p.b + leaf("t1", 1).await);
                    out.push(leaf("x", t.0).await * 100 + t.1);
                    out.push(std::cmp::max(leaf("m1", 3).await, leaf("m2", i as u32).await));
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on an awaited value inside a `while`, each arm awaiting, one arm breaking
    /// with a tracker alive in the arm.
    p28b_match_arms_await_break {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                let mut s = 0;
                while i < 10 {
                    let _w = Tracker::new("w");
                    match leaf("k", i % 4).await {
                        0 => s += leaf("zero", 1).await,
                        1 => {
                            let _a = Tracker::new("arm1");
                            s += leaf("one", 10).await;
                        }
                        2 => {
                            let _b = Tracker::new("arm2");
                            step("two").await;
                            if s > 20 { break; }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `break` from a loop inside a `match` arm's block with a tracker bound by the arm's
    /// pattern (moved out of the scrutinee).
    p28b_break_from_arm_binding_tracker {
        lower! {
            pub async fn f(items: Vec<Option<Tracker>>) -> u32 {
                let mut n = 0;
                for it in items {
                    match it {
                        Some(t) => {
                            leaf("t", t.name()).await;
                            if t.name() == "b" { break; }
                            n += 1;
                        }
                        None => {
                            step("none").await;
                        }
                    }
                }
                n
            }
        }
    }
    run { f(vec![Some(Tracker("a")), None, Some(Tracker("b")), Some(Tracker("c"))]) }
}

twin! {
    /// Nested `while let` over two queues (outer from a lowered helper, inner sync) with a
    /// labelled break.
    p28b_nested_while_let_labelled {
        lower! {
            pub async fn next_batch(q: &mut VecDeque<Vec<Tracker>>) -> Option<Vec<Tracker>> {
                step("batch").await;
                q.pop_front()
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::new();
                q.push_back(vec![Tracker::new("a1"), Tracker::new("a2")]);
                q.push_back(vec![Tracker::new("b1"), Tracker::new("b2"), Tracker::new("b3")]);
                q.push_back(vec![Tracker::new("c1")]);
                let mut n = 0;
                'batches: while let Some(mut batch) = next_batch(&mut q).await {
                    while let Some(t) = batch.pop() {
                        n += 1;
                        if leaf("t", t.name()).await == "b2" {
                            break 'batches;
                        }
                    }
                }
                step("end").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `for` loop whose iterator expression awaits a lowered fn returning a `Vec` of
    /// trackers, inside an outer `while`.
    p28b_for_iter_from_lowered_in_while {
        lower! {
            pub async fn fetch(round: u32) -> Vec<Tracker> {
                step("fetch").await;
                (0..round).map(|_| Tracker::new("item")).collect()
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut round = 1;
                let mut n = 0;
                while round <= 3 {
                    for t in fetch(round).await {
                        n += leaf(t.name(), 1).await;
                    }
                    round += 1;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `loop` inside a `match` arm inside a `for`, the inner loop broken with a value used
    /// as the arm's value.
    p28b_loop_in_match_arm_value {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut out = vec![];
                for k in 0..3u32 {
                    let v = match k {
                        1 => {
                            let mut j = 0;
                            loop {
                                j += leaf("j", 1).await;
                                if j == 3 { break j * 10; }
                            }
                        }
                        _ => leaf("k", k).await,
                    };
                    out.push(v);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A labelled block `'b: { .. break 'b v .. }` inside a loop with awaits.
    p28b_labelled_block_in_loop {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut out = vec![];
                for i in 0..3u32 {
                    let _t = Tracker::new("it");
                    let v = 'b: {
                        let _in = Tracker::new("blk");
                        if leaf("c", i == 1).await {
                            break 'b 99;
                        }
                        leaf("v", i).await
                    };
                    out.push(v);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `continue` in a `while` whose counter is incremented before the continue, with an
    /// await in the condition and in the body.
    p28b_while_cond_await_continue {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                let mut s = 0;
                while leaf("cond", i).await < 5 {
                    i += 1;
                    let _t = Tracker::new("b");
                    if i % 2 == 0 {
                        continue;
                    }
                    s += leaf("v", i).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(x) = it.next()` over a `std::vec::IntoIter` of trackers held across
    /// awaits, stopped early.
    p28b_while_let_manual_iter {
        lower! {
            pub async fn f() -> usize {
                let mut it = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")].into_iter();
                while let Some(x) = it.next() {
                    step(x.name()).await;
                    if x.name() == "b" { break; }
                }
                leaf("rest", ()).await;
                it.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `for` over a `peekable` iterator, peeking across awaits and skipping via `next()`.
    p28b_peekable_loop {
        lower! {
            pub async fn f() -> Vec<u32> {
                let v = vec![1u32, 1, 2, 3, 3, 3, 4];
                let mut it = v.into_iter().peekable();
                let mut out = vec![];
                while let Some(x) = it.next() {
                    let mut n = 1;
                    while it.peek() == Some(&x) {
                        it.next();
                        n += leaf("dup", 1).await;
                    }
                    out.push(leaf("run", x * 10 + n).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// An inner `for` broken on the first iteration with trackers created before and after
    /// the inner loop.
    p28b_tracker_after_inner_break {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for i in 0..2u32 {
                    let _before = Tracker::new("before");
                    for j in 0..3u32 {
                        let _j = Tracker::new("j");
                        s += leaf("j", j).await;
                        break;
                    }
                    let _after = Tracker::new("after");
                    s += leaf("i", i).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// An `Option<Tracker>` state machine in a `loop`: `match state.take()` with arms
    /// putting a new state back and one breaking.
    p28b_state_machine_take_match {
        lower! {
            pub async fn f() -> u32 {
                let mut state = Some(Tracker::new("idle"));
                let mut steps = 0;
                loop {
                    steps += 1;
                    match state.take() {
                        Some(t) if t.name() == "idle" => {
                            step("idle").await;
                            state = Some(Tracker::new("busy"));
                        }
                        Some(t) if t.name() == "busy" => {
                            leaf("busy", t.name()).await;
                            state = Some(Tracker::new("done"));
                        }
                        Some(t) => {
                            leaf("last", t.name()).await;
                            break;
                        }
                        None => unreachable!(),
                    }
                }
                steps
            }
        }
    }
    run { f() }
}

twin! {
    /// An enum state moved out and replaced each iteration (`st = match st { .. }`), with
    /// trackers in the variants.
    p28b_enum_state_replaced_by_match {
        pub enum St {
            Start(Tracker),
            Mid(Tracker, u32),
            End,
        }
        lower! {
            pub async fn f() -> u32 {
                let mut st = St::Start(Tracker::new("s"));
                let mut n = 0;
                loop {
                    st = match st {
                        St::Start(t) => {
                            step("start").await;
                            drop(t);
                            St::Mid(Tracker::new("m"), 0)
                        }
                        St::Mid(t, k) if k < 2 => {
                            n += leaf("mid", k).await;
                            St::Mid(t, k + 1)
                        }
                        St::Mid(_t, _) => {
                            step("to end").await;
                            St::End
                        }
                        St::End => break,
                    };
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec` used as a work stack: items popped, children pushed back across awaits.
    p28b_work_stack_push_pop {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut stack = vec![(3u32, Tracker::new("root"))];
                let mut out = vec![];
                while let Some((d, t)) = stack.pop() {
                    out.push(leaf(t.name(), d).await);
                    if d > 1 {
                        stack.push((d - 1, Tracker::new("kid")));
                        step("pushed").await;
                        stack.push((d - 2, Tracker::new("kid2")));
                    }
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `VecDeque` worklist: pop front, maybe push back, with a bound on rounds and a
    /// tracker per item that drops when processed.
    p28b_worklist_requeue {
        lower! {
            pub async fn f() -> Vec<String> {
                let mut q: VecDeque<(Tracker, u32)> = VecDeque::new();
                q.push_back((Tracker::new("a"), 2));
                q.push_back((Tracker::new("b"), 0));
                let mut log_ = vec![];
                let mut rounds = 0;
                while let Some((t, tries)) = q.pop_front() {
                    rounds += 1;
                    let ok = leaf("try", tries == 0).await;
                    if ok {
                        log_.push(format!("{} done", t.name()));
                    } else {
                        step("requeue").await;
                        q.push_back((t, tries - 1));
                    }
                    if rounds > 10 { break; }
                }
                log_
            }
        }
    }
    run { f() }
}

twin! {
    /// `zip` of `&v` and `(0..).step_by(5)` with `.rev()` on the vec, awaits inside.
    p28b_zip_rev_step_by {
        lower! {
            pub async fn f() -> Vec<u32> {
                let v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut out = vec![];
                for (t, k) in v.iter().rev().zip((0u32..).step_by(5)) {
                    step(t.name()).await;
                    out.push(leaf("k", k).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `chunks_mut` over a vec, each chunk modified after an await.
    p28b_chunks_mut_modify {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3, 4, 5];
                for (i, c) in v.chunks_mut(2).enumerate() {
                    let k = leaf("k", i as u32 + 1).await;
                    for x in c.iter_mut() {
                        *x *= k;
                        step("x").await;
                    }
                }
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `windows(2)` with `any` evaluated before an await, `break` on a decrease.
    p28b_windows_break {
        lower! {
            pub async fn f(v: Vec<u32>) -> Option<usize> {
                let mut at = None;
                for (i, w) in v.windows(2).enumerate() {
                    let a = leaf("a", w[0]).await;
                    let b = leaf("b", w[1]).await;
                    if b < a {
                        at = Some(i);
                        break;
                    }
                }
                at
            }
        }
    }
    run { f(vec![1, 3, 5, 4, 6]) }
}

twin! {
    /// A `for` over `0..n` where `n` is awaited, nested in a `for` over a `Vec<String>` by
    /// reference.
    p28b_range_bound_awaited {
        lower! {
            pub async fn f(names: Vec<String>) -> Vec<String> {
                let mut out = vec![];
                for name in &names {
                    for k in 0..leaf("n", name.len()).await {
                        out.push(format!("{name}{k}"));
                        step("k").await;
                    }
                }
                out
            }
        }
    }
    run { f(vec!["ab".to_string(), "c".to_string()]) }
}

twin! {
    /// A range whose both bounds are awaited, in a `for` header, with a tracker temporary
    /// in the header (`Tracker::new(..).name().len()`).
    p28b_range_both_bounds_awaited {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for i in leaf("lo", 1u32).await..leaf("hi", 4u32).await + Tracker::new("tmp").name().len() as u32 {
                    s += leaf("i", i).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A panic via `panic!` in the body of the second iteration of a `while let`, with the
    /// popped tracker and the queue alive.
    p28b_panic_in_while_let_second {
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::from(vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]);
                let _g = Tracker::new("g");
                let mut n = 0;
                while let Some(t) = q.pop_front() {
                    step(t.name()).await;
                    n += 1;
                    if n == 2 {
                        panic!("stop at {}", t.name());
                    }
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` in the loop condition on the second evaluation, with a body tracker from the
    /// previous iteration already dropped and an outer tracker alive.
    p28b_boom_in_while_condition {
        lower! {
            pub async fn cond(i: u32) -> bool {
                if i == 1 {
                    boom("cond").await;
                }
                leaf("cond", true).await
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let mut i = 0;
                while cond(i).await {
                    let _b = Tracker::new("body");
                    i += leaf("i", 1).await;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` in the second iteration of the innermost of three loops, the middle level
    /// holding a `Vec` of trackers by value that is being iterated.
    p28b_boom_three_deep_vec_iter {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let mut s = 0;
                for i in 0..2u32 {
                    let _a = Tracker::new("a");
                    let v = vec![Tracker::new("v0"), Tracker::new("v1")];
                    for t in v {
                        for k in 0..2u32 {
                            let _c = Tracker::new("c");
                            if i == 1 && k == 1 {
                                s += boom("deep").await;
                            }
                            s += leaf(t.name(), k).await;
                        }
                    }
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` inside a `match` arm inside a loop, the arm's binding a tracker.
    p28b_boom_in_match_arm_loop {
        lower! {
            pub async fn f(items: Vec<(u32, Tracker)>) -> u32 {
                let mut s = 0;
                for it in items {
                    match it {
                        (0, t) => {
                            leaf(t.name(), 0).await;
                        }
                        (k, t) => {
                            let _x = Tracker::new("x");
                            step(t.name()).await;
                            if k == 2 { s += boom("arm").await; }
                            s += k;
                        }
                    }
                }
                s
            }
        }
    }
    run { f(vec![(0, Tracker("a")), (1, Tracker("b")), (2, Tracker("c")), (3, Tracker("d"))]) }
}

twin! {
    /// A `?` on an `Option` inside a `while let` loop body in a fn returning `Option`.
    p28b_question_option_in_while_let {
        lower! {
            pub async fn lookup(k: u32) -> Option<Tracker> {
                step("lookup").await;
                if k == 3 { None } else { Some(Tracker::new("hit")) }
            }
        }
        lower! {
            pub async fn f() -> Option<u32> {
                let mut keys = vec![3u32, 2, 1];
                let _g = Tracker::new("g");
                let mut s = 0;
                while let Some(k) = keys.pop() {
                    let _k = Tracker::new("key");
                    let h = lookup(k).await?;
                    s += leaf(h.name(), k).await;
                }
                Some(s)
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` in a `for` header's iterator (`for x in fetch().await? { .. }`) in a nested loop.
    p28b_question_in_for_header {
        lower! {
            pub async fn fetch(i: u32) -> Result<Vec<Tracker>, String> {
                step("fetch").await;
                if i == 2 { Err("down".into()) } else { Ok(vec![Tracker::new("x"), Tracker::new("y")]) }
            }
        }
        lower! {
            pub async fn f() -> Result<u32, String> {
                let mut n = 0;
                for i in 0..3u32 {
                    let _o = Tracker::new("o");
                    for t in fetch(i).await? {
                        n += leaf(t.name(), 1).await;
                    }
                }
                Ok(n)
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` inside a `while` condition: `while check(i).await? { .. }`.
    p28b_question_in_while_condition {
        lower! {
            pub async fn check(i: u32) -> Result<bool, String> {
                step("check").await;
                if i == 2 { Err(format!("e{i}")) } else { Ok(true) }
            }
        }
        lower! {
            pub async fn f() -> Result<u32, String> {
                let _g = Tracker::new("g");
                let mut i = 0;
                while check(i).await? {
                    let _b = Tracker::new("b");
                    i += leaf("i", 1).await;
                }
                Ok(i)
            }
        }
    }
    run { f() }
}

twin! {
    /// `?` in a `while let` scrutinee: `while let Some(x) = next(&mut q).await? { .. }`.
    p28b_question_in_while_let_scrutinee {
        lower! {
            pub async fn next(q: &mut Vec<u32>) -> Result<Option<Tracker>, u32> {
                step("next").await;
                match q.pop() {
                    Some(0) => Err(0),
                    Some(_) => Ok(Some(Tracker::new("item"))),
                    None => Ok(None),
                }
            }
        }
        lower! {
            pub async fn f(mut q: Vec<u32>) -> Result<u32, u32> {
                let mut n = 0;
                while let Some(t) = next(&mut q).await? {
                    n += leaf(t.name(), 1).await;
                }
                Ok(n)
            }
        }
    }
    run { pair(f(vec![1, 2]), f(vec![0, 1, 2])) }
}

twin! {
    /// `?` on a `Result` from a sync helper in the inner loop after awaits, the outer loop
    /// holding an accumulator of trackers.
    p28b_question_sync_inner_acc {
        pub fn parse(s: &str) -> Result<u32, String> {
            s.parse::<u32>().map_err(|_| format!("bad {s}"))
        }
        lower! {
            pub async fn f(rows: Vec<Vec<&'static str>>) -> Result<u32, String> {
                let mut acc = vec![];
                let mut s = 0;
                for row in rows {
                    acc.push(Tracker::new("row"));
                    for cell in row {
                        let c = leaf("cell", cell).await;
                        s += parse(c)?;
                    }
                    step("row end").await;
                }
                Ok(s + acc.len() as u32)
            }
        }
    }
    run { pair(f(vec![vec!["1", "2"], vec!["3"]]), f(vec![vec!["1"], vec!["2", "x", "4"]])) }
}

twin! {
    /// A loop-carried `String` moved into a lowered fn and returned, shadowed inside.
    p28b_string_moved_and_returned {
        lower! {
            pub async fn append(s: String, x: u32) -> String {
                step("app").await;
                let s = s + &x.to_string();
                s
            }
        }
        lower! {
            pub async fn f() -> String {
                let mut s = String::new();
                for x in 0..4u32 {
                    if x == 2 { continue; }
                    s = append(s, x).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A loop-carried tuple `(Tracker, u32)` destructured and rebuilt each iteration.
    p28b_tuple_state_destructure_rebuild {
        lower! {
            pub async fn f() -> (&'static str, u32) {
                let mut st = (Tracker::new("s0"), 0u32);
                for n in ["s1", "s2"] {
                    let (t, k) = st;
                    let k2 = leaf(t.name(), k + 1).await;
                    st = (Tracker::new(n), k2);
                    step("after").await;
                }
                (st.0.name(), st.1)
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct state with a `Vec<Tracker>` field and a counter, fields updated across
    /// awaits, struct moved into a lowered method and returned each iteration.
    p28b_struct_state_through_method {
        pub struct Acc {
            pub items: Vec<Tracker>,
            pub n: u32,
        }
        impl Acc {
            lower! {
                pub async fn add(mut self, name: &'static str) -> Acc {
                    step("add").await;
                    self.items.push(Tracker::new(name));
                    self.n += 1;
                    if self.items.len() > 2 {
                        self.items.remove(0);
                    }
                    self
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut acc = Acc { items: vec![], n: 0 };
                for name in ["a", "b", "c", "d"] {
                    acc = acc.add(name).await;
                }
                step("end").await;
                acc.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct with `&mut self` lowered method awaited in a `while` condition, and a
    /// field read in the body.
    p28b_mut_self_method_in_while_cond {
        pub struct Poller {
            pub left: u32,
            pub _t: Tracker,
        }
        impl Poller {
            lower! {
                pub async fn ready(&mut self) -> bool {
                    step("ready?").await;
                    if self.left == 0 { return false; }
                    self.left -= 1;
                    true
                }
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut p = Poller { left: 3, _t: Tracker::new("poller") };
                let mut n = 0;
                while p.ready().await {
                    n += leaf("left", p.left).await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// An outer counter incremented from a nested closure in a `for` body with an await
    /// between two calls, and the closure rebuilt each iteration.
    p28b_closure_rebuilt_per_iteration {
        lower! {
            pub async fn f() -> u32 {
                let mut total = 0;
                for i in 0..3u32 {
                    let mut add = |x: u32| total += x * i;
                    add(1);
                    step("mid").await;
                    add(2);
                }
                leaf("total", total).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `Iterator::map` with a closure producing trackers, consumed by a `for` with awaits
    /// (the closure runs lazily between awaits).
    p28b_lazy_map_closure_iter {
        lower! {
            pub async fn f() -> u32 {
                let names = vec!["a", "b", "c"];
                let mut s = 0;
                for t in names.iter().map(|n| Tracker::new(n)) {
                    s += leaf(t.name(), 1).await;
                    if t.name() == "b" { break; }
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `filter` with a closure capturing a local by reference, iterated lazily across
    /// awaits, the local mutated after the loop.
    p28b_filter_closure_capture {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut limit = 3;
                let v = vec![1u32, 5, 2, 7, 3];
                let mut out = vec![];
                for x in v.iter().filter(|x| **x < limit) {
                    out.push(leaf("x", *x).await);
                }
                limit += leaf("inc", 1).await;
                out.push(limit);
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `loop { match leaf(..).await { .. } }` where one arm `return`s a tracker from a
    /// `Vec` removed by index.
    p28b_return_tracker_removed_from_vec {
        lower! {
            pub async fn f() -> &'static str {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut i = 0;
                let t = loop {
                    match leaf("pick", i).await {
                        1 => break v.remove(1),
                        _ => step("no").await,
                    }
                    i += 1;
                };
                step("after").await;
                let name = t.name();
                drop(v);
                leaf("end", name).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `for` over `BTreeMap` entries by value (`into_iter`) with trackers as values and a
    /// `break` leaving the rest.
    p28b_btreemap_into_iter_break {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut m = BTreeMap::new();
                m.insert(3u32, Tracker::new("c"));
                m.insert(1, Tracker::new("a"));
                m.insert(2, Tracker::new("b"));
                let mut out = vec![];
                for (k, t) in m {
                    out.push(leaf(t.name(), k).await);
                    if k == 2 { break; }
                }
                step("end").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `HashMap` of counts removed by sorted keys, a tracker per key alive across the
    /// await, with the map alive across awaits and a `break` half-way.
    p28b_hashmap_remove_by_sorted_keys {
        lower! {
            pub async fn f() -> Vec<(&'static str, u32)> {
                let mut m = HashMap::new();
                for (i, n) in ["d", "b", "a", "c"].into_iter().enumerate() {
                    m.insert(n, i as u32);
                }
                let mut keys: Vec<_> = m.keys().copied().collect();
                keys.sort();
                let mut out = vec![];
                for k in keys {
                    let _t = Tracker::new(k);
                    let v = m.remove(k).unwrap();
                    out.push((k, leaf("rm", v).await));
                    if k == "c" { break; }
                }
                step("end").await;
                log(format!("left {}", m.len()));
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `for` over `HashMap` entries through sorted `Vec<(&K, &V)>` built from `iter()`,
    /// a tracker per entry.
    p28b_hashmap_sorted_entries_ref {
        lower! {
            pub async fn f() -> u32 {
                let mut m = HashMap::new();
                m.insert(2u32, "two");
                m.insert(1, "one");
                let mut entries: Vec<_> = m.iter().collect();
                entries.sort_by_key(|e| *e.0);
                let mut s = 0;
                for (k, n) in entries {
                    let _t = Tracker::new(n);
                    s += leaf(n, *k).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// An `if` inside a loop with awaits in the condition of both `if` and `else if`, and a
    /// `break` in the `else`.
    p28b_if_else_if_await_conditions_break {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut out = vec![];
                let mut i = 0u32;
                loop {
                    let _t = Tracker::new("it");
                    if leaf("a", i % 3 == 0).await {
                        out.push(i);
                    } else if leaf("b", i % 3 == 1).await {
                        out.push(i * 10);
                    } else {
                        if i > 4 { break; }
                    }
                    i += 1;
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// `break` with a value from a `loop` that is the tail expression of the fn.
    p28b_loop_tail_expr_break_value {
        lower! {
            pub async fn f() -> (u32, &'static str) {
                let _g = Tracker::new("g");
                let mut i = 0;
                loop {
                    let t = Tracker::new("t");
                    i += leaf("i", 1).await;
                    if i == 3 {
                        break (i, t.name());
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A `loop` that is the tail expression, exited only by `return` from a nested `for`.
    p28b_loop_tail_return_from_for {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let mut round = 0;
                loop {
                    let _r = Tracker::new("round");
                    round += 1;
                    for i in 0..3u32 {
                        let _i = Tracker::new("i");
                        if leaf("v", round * 10 + i).await == 21 {
                            return round * 10 + i;
                        }
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a tracker temporary in a `for` header's range bound: natively it lives to
    /// the end of the loop.
    p28b_range_both_bounds_awaited_min {
        lower! {
            pub async fn f() -> usize {
                for _ in 0..Tracker::new("tmp").name().len() {
                    step("i").await;
                }
                0
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker temporary in a `for` header's range bound with no await in the header.
    p28b_for_header_temp_no_await {
        lower! {
            pub async fn f() -> usize {
                let mut n = 0;
                for _ in 0..Tracker::new("tmp").name().len() {
                    n += leaf("i", 1).await;
                }
                step("after").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in make().iter()` where `make()` returns a `Vec<Tracker>` temporary: it lives
    /// to the end of the loop.
    p28b_for_over_temp_vec_iter {
        pub fn make() -> Vec<Tracker> {
            vec![Tracker::new("a"), Tracker::new("b")]
        }
        lower! {
            pub async fn f() -> usize {
                let mut n = 0;
                for t in make().iter() {
                    n += leaf(t.name(), 1).await;
                }
                step("after").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in fetch().await.iter()`: an awaited temporary `Vec<Tracker>` borrowed by the
    /// loop's iterator, with a `break`.
    p28b_for_over_awaited_temp_iter_break {
        lower! {
            pub async fn fetch() -> Vec<Tracker> {
                step("fetch").await;
                vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")]
            }
        }
        lower! {
            pub async fn f() -> usize {
                let _g = Tracker::new("g");
                let mut n = 0;
                for t in fetch().await.iter() {
                    n += leaf(t.name(), 1).await;
                    if t.name() == "b" { break; }
                }
                step("after").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `for x in &fetch().await` (a reference to an awaited temporary).
    p28b_for_over_ref_awaited_temp {
        lower! {
            pub async fn fetch() -> Vec<Tracker> {
                step("fetch").await;
                vec![Tracker::new("a"), Tracker::new("b")]
            }
        }
        lower! {
            pub async fn f() -> usize {
                let mut n = 0;
                for t in &fetch().await {
                    n += leaf(t.name(), 1).await;
                }
                step("after").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(x) = make_guard(&mut v).next_item()` where the guard is a temporary
    /// tracker-holding struct: the temporary drops at the end of each iteration's body
    /// (edition 2024: at the end of the scrutinee? no: `while let` keeps it to the body's end).
    p28b_while_let_scrutinee_temp_guard {
        pub struct Guard<'a> {
            pub v: &'a mut Vec<u32>,
            pub _t: Tracker,
        }
        impl<'a> Guard<'a> {
            pub fn next_item(&mut self) -> Option<u32> {
                self.v.pop()
            }
        }
        pub fn guard(v: &mut Vec<u32>) -> Guard<'_> {
            Guard { v, _t: Tracker::new("guard") }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![1u32, 2, 3];
                let mut s = 0;
                while let Some(x) = guard(&mut v).next_item() {
                    let _b = Tracker::new("body");
                    s += leaf("x", x).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(x) = Tracker::new(..)`-style temporary alive through the body:
    /// `while let Some(n) = tag(&Tracker::new("tmp"), &mut i)`.
    p28b_while_let_ref_temp_tracker_arg {
        pub fn tag(t: &Tracker, i: &mut u32) -> Option<&'static str> {
            *i += 1;
            if *i < 3 { Some(t.name()) } else { None }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                let mut s = 0;
                while let Some(n) = tag(&Tracker::new("tmp"), &mut i) {
                    s += leaf(n, 1).await;
                }
                step("after").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` on a temporary (`Tracker::new(..).name()`) inside a loop, with arms that
    /// await: the temporary lives to the end of the `match`.
    p28b_match_temp_scrutinee_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for n in ["a", "b"] {
                    match Tracker::new(n).name() {
                        "a" => s += leaf("a", 1).await,
                        _ => {
                            step("other").await;
                            s += 10;
                        }
                    }
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let` on a temporary's method inside a loop, the then-block awaiting and
    /// `continue`-ing.
    p28b_if_let_temp_continue {
        pub fn holder(n: &'static str) -> (Tracker, Option<u32>) {
            (Tracker::new(n), if n == "b" { None } else { Some(n.len() as u32) })
        }
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for n in ["a", "b", "cc"] {
                    if let Some(k) = holder(n).1 {
                        s += leaf("k", k).await;
                        continue;
                    }
                    step("none").await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `for` over `vec.drain(..).rev()` with an await and a `break`: the rest removed when
    /// the `Drain` drops.
    p28b_drain_rev_break {
        lower! {
            pub async fn f() -> (usize, Vec<&'static str>) {
                let mut v = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c"), Tracker::new("d")];
                let mut got = vec![];
                for t in v.drain(1..).rev() {
                    got.push(leaf("t", t.name()).await);
                    if t.name() == "c" { break; }
                }
                step("after").await;
                (v.len(), got)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Vec` refilled from a drained other `Vec` inside a loop (`b.extend(a.drain(..))`)
    /// after awaits, swapping roles each round.
    p28b_double_buffer_swap {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut front = vec![Tracker::new("a"), Tracker::new("b")];
                let mut back = vec![];
                for _ in 0..2 {
                    step("flip").await;
                    back.extend(front.drain(..));
                    std::mem::swap(&mut front, &mut back);
                    leaf("n", front.len()).await;
                }
                front.iter().map(|t| t.name()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// `retain` on a vec of trackers between awaits in a loop until empty.
    p28b_retain_until_empty {
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![Tracker::new("a"), Tracker::new("bb"), Tracker::new("ccc")];
                let mut round = 0;
                while !v.is_empty() {
                    round += 1;
                    let r = leaf("round", round).await;
                    v.retain(|t| t.name().len() as u32 > r);
                }
                round
            }
        }
    }
    run { f() }
}

twin! {
    /// Loop over `(0..3).zip(names)` with both a by-value tracker and its index, a
    /// `continue` after moving the tracker into a `Vec`.
    p28b_zip_move_then_continue {
        lower! {
            pub async fn f(names: Vec<Tracker>) -> usize {
                let mut kept = vec![];
                for (i, t) in (0..3u32).zip(names) {
                    step("it").await;
                    if i == 1 {
                        kept.push(t);
                        continue;
                    }
                    leaf(t.name(), i).await;
                }
                kept.len()
            }
        }
    }
    run { f(vec![Tracker("a"), Tracker("b"), Tracker("c"), Tracker("d")]) }
}

twin! {
    /// `loop` with `let x = match leaf(..).await { Some(x) => x, None => break };` pattern.
    p28b_match_none_break {
        lower! {
            pub async fn f() -> u32 {
                let mut v = vec![Tracker::new("a"), Tracker::new("b")];
                let mut s = 0;
                loop {
                    let t = match leaf("pop", v.pop()).await {
                        Some(t) => t,
                        None => break,
                    };
                    s += leaf(t.name(), 1).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Some(x) = .. else { return .. }` inside nested loops with trackers at two
    /// levels.
    p28b_let_else_return_nested {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let mut s = 0;
                for i in 0..3u32 {
                    let _o = Tracker::new("o");
                    for j in 0..3u32 {
                        let _in = Tracker::new("in");
                        let Some(x) = leaf("x", if i == 1 && j == 2 { None } else { Some(i + j) }).await else {
                            return s;
                        };
                        s += x;
                    }
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `continue` inside `let .. else` inside `while let` over a lowered helper.
    p28b_let_else_continue_while_let {
        lower! {
            pub async fn next(q: &mut VecDeque<(Tracker, Option<u32>)>) -> Option<(Tracker, Option<u32>)> {
                step("next").await;
                q.pop_front()
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::from(vec![(Tracker::new("a"), Some(1u32)), (Tracker::new("b"), None), (Tracker::new("c"), Some(3))]);
                let mut s = 0;
                while let Some((t, o)) = next(&mut q).await {
                    let Some(x) = o else {
                        log(format!("skip {}", t.name()));
                        continue;
                    };
                    s += leaf(t.name(), x).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker temporary in a method argument of a `for` header
    /// (`v.iter().take(Tracker::new(..).name().len())`).
    p28b_for_header_temp_in_method_arg {
        lower! {
            pub async fn f() -> u32 {
                let v = vec![1u32, 2, 3, 4];
                let mut s = 0;
                for x in v.iter().take(Tracker::new("tk").name().len()) {
                    s += leaf("x", *x).await;
                }
                step("after").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker temporary in a call argument of a `for` header
    /// (`std::iter::repeat(Tracker::new(..).name()).take(2)`).
    p28b_for_header_temp_in_call_arg {
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut out = vec![];
                for n in std::iter::repeat(Tracker::new("rep").name()).take(2) {
                    out.push(leaf(n, n).await);
                }
                step("after").await;
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` whose scrutinee is a binary expression over a tracker temporary, arms
    /// awaiting, inside a loop: the temporary lives to the end of the `match`.
    p28b_match_binary_temp_scrutinee_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for i in 0..2usize {
                    match Tracker::new("tm").name().len() + i {
                        2 => s += leaf("two", 2).await,
                        _ => {
                            step("other").await;
                            s += 1;
                        }
                    }
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(x) = v.get(Tracker::new(..).name().len() + i)`: a temporary in an
    /// index argument of the scrutinee, the body awaiting.
    p28b_while_let_temp_in_arg {
        lower! {
            pub async fn f() -> u32 {
                let v = vec![10u32, 20, 30, 40, 50];
                let mut i = 0;
                let mut s = 0;
                while let Some(x) = v.get(Tracker::new("ix").name().len() + i) {
                    s += leaf("x", *x).await;
                    i += 1;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let` with a temporary in a binary operand of the scrutinee, inside a loop, the
    /// then-block awaiting.
    p28b_if_let_binary_temp_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for i in 0..3usize {
                    if let Some(k) = [1u32, 2, 3, 4].get(Tracker::new("il").name().len() + i).copied() {
                        s += leaf("k", k).await;
                    } else {
                        step("none").await;
                    }
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A `for` over a range whose end is a `let` local computed from a temporary (the
    /// workaround shape): the temporary drops at the `let`.
    p28b_for_range_end_from_let {
        lower! {
            pub async fn f() -> usize {
                let n = Tracker::new("tmp").name().len();
                let mut s = 0;
                for i in 0..n {
                    s += leaf("i", i).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure returning a leaf future, awaited inside a loop (`get(i).await`).
    p28b_closure_returning_future_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let base = 10;
                let get = |i: u32| leaf("g", base + i);
                let mut s = 0;
                for i in 0..3u32 {
                    let _t = Tracker::new("it");
                    s += get(i).await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block built and awaited in each iteration, owning a tracker.
    p28b_async_block_per_iteration {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                for i in 0..3u32 {
                    let t = Tracker::new("owned");
                    let fut = async move {
                        step(t.name()).await;
                        i * 2
                    };
                    let _o = Tracker::new("outside");
                    s += fut.await;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A lowered fn called with `&mut` to a loop-local `Vec` in the inner loop, the
    /// `Vec` then moved into an outer accumulator.
    p28b_inner_vec_moved_to_outer {
        lower! {
            pub async fn fill(v: &mut Vec<Tracker>, n: u32) {
                for _ in 0..n {
                    step("fill").await;
                    v.push(Tracker::new("e"));
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<usize> {
                let mut all = vec![];
                for n in 1..3u32 {
                    let mut v = vec![];
                    fill(&mut v, n).await;
                    leaf("n", n).await;
                    all.push(v);
                }
                all.iter().map(|v| v.len()).collect()
            }
        }
    }
    run { f() }
}

twin! {
    /// A three-deep loop (`for` over `&mut v`, `while`, `loop`) mutating through the
    /// `&mut` binding across awaits, with `break` from the innermost.
    p28b_three_deep_mut_ref {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1u32, 2, 3];
                for x in &mut v {
                    let mut k = 0;
                    while k < 2 {
                        loop {
                            *x += leaf("inc", 1).await;
                            if *x % 2 == 0 { break; }
                        }
                        k += 1;
                    }
                }
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// A labelled `break 'outer` from inside an `if let` inside a `match` arm, three loops
    /// deep, with trackers at every level.
    p28b_break_outer_from_if_let_in_arm {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let mut s = 0;
                'outer: for i in 0..3u32 {
                    let _a = Tracker::new("a");
                    for j in 0..3u32 {
                        let _b = Tracker::new("b");
                        let mut k = 0;
                        while k < 2 {
                            let _c = Tracker::new("c");
                            match leaf("m", (i, j, k)).await {
                                (1, 1, _) => {
                                    if let Some(x) = leaf("opt", Some(k)).await {
                                        s += x;
                                        break 'outer;
                                    }
                                }
                                _ => s += 1,
                            }
                            k += 1;
                        }
                    }
                }
                step("end").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `continue 'outer` from a `let .. else` three loops deep.
    p28b_continue_outer_let_else_three_deep {
        lower! {
            pub async fn f() -> u32 {
                let mut s = 0;
                'outer: for i in 0..3u32 {
                    let _a = Tracker::new("a");
                    for j in 0..2u32 {
                        let _b = Tracker::new("b");
                        for k in 0..2u32 {
                            let Some(x) = leaf("x", if k == 1 && i == 1 { None } else { Some(i + j + k) }).await else {
                                continue 'outer;
                            };
                            s += x;
                        }
                    }
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Result` accumulated in a loop with `match` and `return Err` from a nested
    /// closure-free `if`, and a `?` on the final awaited check.
    p28b_result_acc_return_err_then_question {
        lower! {
            pub async fn check(s: u32) -> Result<u32, String> {
                step("check").await;
                if s > 100 { Err("too big".into()) } else { Ok(s) }
            }
        }
        lower! {
            pub async fn f(v: Vec<u32>) -> Result<u32, String> {
                let _g = Tracker::new("g");
                let mut acc = 0;
                for x in v {
                    let _t = Tracker::new("x");
                    if x == 0 {
                        return Err("zero".into());
                    }
                    acc += leaf("x", x).await;
                }
                let r = check(acc).await?;
                Ok(r)
            }
        }
    }
    run { pair(f(vec![1, 2]), pair(f(vec![1, 0, 3]), f(vec![60, 70]))) }
}

twin! {
    /// A `while` loop whose body is a single `match` with a `break` value-less arm and an
    /// arm moving the loop-carried `Option<Tracker>` (taken with `take()`) into a call.
    p28b_option_take_into_lowered_call {
        lower! {
            pub async fn consume(t: Tracker) -> u32 {
                step("consume").await;
                t.name().len() as u32
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut slot = Some(Tracker::new("first"));
                let mut s = 0;
                let mut i = 0;
                while i < 4 {
                    i += 1;
                    match slot.take() {
                        Some(t) => s += consume(t).await,
                        None if i == 3 => break,
                        None => {
                            slot = Some(leaf("refill", Tracker::new("again")).await);
                        }
                    }
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// Boom in the second iteration of a `while let` inner loop with a drained `Vec`
    /// iterator and an outer `Option` state alive.
    p28b_boom_inner_drain_with_state {
        lower! {
            pub async fn f() -> u32 {
                let mut state = Some(Tracker::new("state"));
                let mut buf = vec![Tracker::new("a"), Tracker::new("b"), Tracker::new("c")];
                let mut s = 0;
                let mut it = buf.drain(..);
                while let Some(t) = it.next() {
                    let _st = state.take();
                    s += leaf(t.name(), 1).await;
                    if s == 2 {
                        s += boom("drain").await;
                    }
                    state = Some(Tracker::new("state2"));
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `step_by` on a `Vec`'s `iter()` zipped with `chunks` of another, breaking when the
    /// chunk is short.
    p28b_step_by_zip_chunks_break {
        lower! {
            pub async fn f() -> Vec<u32> {
                let a = vec![1u32, 2, 3, 4, 5, 6, 7];
                let b = vec![Tracker::new("b0"), Tracker::new("b1"), Tracker::new("b2")];
                let mut out = vec![];
                for (x, c) in a.iter().step_by(2).zip(b.chunks(2)) {
                    if c.len() < 2 {
                        step("short").await;
                        break;
                    }
                    out.push(leaf(c[0].name(), *x).await);
                }
                out
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker temporary in a binary operand inside a method argument of a `for` header
    /// (`v.iter().take(Tracker::new(..).name().len() - 1)`).
    p28b_for_header_binary_temp_in_method_arg {
        lower! {
            pub async fn f() -> u32 {
                let v = vec![1u32, 2, 3, 4];
                let mut s = 0;
                for x in v.iter().take(Tracker::new("tk").name().len() - 1) {
                    s += leaf("x", *x).await;
                }
                step("after").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker temporary in the start of a `for` header's inclusive range, parenthesised
    /// (`(Tracker::new(..).name().len()..=4)`).
    p28b_for_header_range_start_temp_paren {
        lower! {
            pub async fn f() -> usize {
                let mut s = 0;
                for i in (Tracker::new("st").name().len()..=4).rev() {
                    s += leaf("i", i).await;
                }
                step("after").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker temporary in a range operand of a `match` scrutinee
    /// (`(0..Tracker::new(..).name().len()).len()`), the arms awaiting.
    p28b_match_scrutinee_range_temp {
        lower! {
            pub async fn f() -> usize {
                let mut s = 0;
                for i in 0..2usize {
                    match (i..Tracker::new("rm").name().len()).len() {
                        2 => s += leaf("two", 2).await,
                        n => {
                            step("other").await;
                            s += n;
                        }
                    }
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// A tracker temporary in a range operand of a `while let` scrutinee
    /// (`(k..Tracker::new(..).name().len()).next()`), the body awaiting.
    p28b_while_let_scrutinee_range_temp {
        lower! {
            pub async fn f() -> usize {
                let mut k = 0;
                let mut s = 0;
                while let Some(i) = (k..Tracker::new("wl").name().len()).next() {
                    s += leaf("i", i).await;
                    k += 1;
                }
                s
            }
        }
    }
    run { f() }
}
