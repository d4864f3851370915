//! Branches with awaits in their conditions, scrutinees, guards and arms; blocks as values;
//! early returns.
use crate::prelude::*;

/// A temporary with a drop that shows when it ends.
pub struct Holder(pub Tracker, pub u32);

impl Holder {
    pub fn new(name: &'static str, n: u32) -> Holder {
        Holder(Tracker::new(name), n)
    }
    pub fn get(&self, key: u32) -> Option<u32> {
        log(format!("get {key} from {}", self.0.name()));
        if key % 2 == 0 { Some(self.1 + key) } else { None }
    }
    pub fn kind(&self) -> Kind {
        match self.1 % 3 {
            0 => Kind::Zero,
            1 => Kind::One(self.1),
            _ => Kind::Many { count: self.1, label: "many" },
        }
    }
}

#[derive(Debug)]
pub enum Kind {
    Zero,
    One(u32),
    Many { count: u32, label: &'static str },
}

twin! {
    /// `if` / `else if` / `else` as values, with awaits in conditions and branches.
    if_else_values {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker("t");
                let a = if leaf("c1", n > 5).await {
                    leaf("then", 1).await
                } else if leaf("c2", n > 2).await {
                    let _inner = Tracker("inner");
                    leaf("elif", 2).await + val("plus", 1)
                } else {
                    val("else", 3)
                };
                if n % 2 == 0 {
                    step("even").await;
                }
                a * 10 + if leaf("c3", false).await { 1 } else { leaf("last", 2).await }
            }
        }
    }
    run { pair(f(4), pair(f(9), f(1))) }
}

twin! {
    /// `if let` whose scrutinee awaits and borrows a temporary: under edition 2024 the
    /// temporary lives through the then-block (across its awaits) and is dropped before the
    /// `else` block runs.
    if_let_temporaries {
        lower! {
            pub async fn f(key: u32) -> u32 {
                let mut total = 0;
                if let Some(v) = Holder::new("tmp1", 100).get(leaf("k1", key).await) {
                    total += leaf("then1", v).await;
                    log("end of then1");
                } else {
                    total += leaf("else1", 1).await;
                }
                if let Some(v) = Holder::new("tmp2", 200).get(key + 1) {
                    total += v;
                } else if let Some(w) = leaf("opt", Some(Tracker::new("w"))).await {
                    log(format!("got {w:?}"));
                    total += leaf("else-if", 5).await;
                }
                total
            }
        }
    }
    run { pair(f(2), f(3)) }
}

twin! {
    /// `match` on an awaited value and on a method of a temporary: the scrutinee's
    /// temporaries live until the end of the `match`, across the awaits of the arms.
    match_scrutinee_and_arms {
        lower! {
            pub async fn f(n: u32) -> String {
                let first = match leaf("scrutinee", Holder::new("owned", n)).await.kind() {
                    Kind::Zero => leaf("zero", 0).await,
                    Kind::One(x) => {
                        let _g = Tracker("arm-guard");
                        leaf("one", x).await + 1
                    }
                    Kind::Many { count, label } => {
                        log(label);
                        leaf("many", count).await * 2
                    }
                };
                let second = match Holder::new("temp", n + 1).kind() {
                    Kind::Zero => 0,
                    Kind::One(x) => leaf("arm1", x).await,
                    Kind::Many { count, .. } => {
                        step("arm2").await;
                        count
                    }
                };
                format!("{first}/{second}")
            }
        }
    }
    run { pair(f(3), pair(f(4), f(5))) }
}

twin! {
    /// Awaits in match guards: a failing guard falls through to the next arm.
    match_guard_await {
        lower! {
            pub async fn f(values: Vec<Option<u32>>) -> Vec<&'static str> {
                let mut out = Vec::new();
                for v in values {
                    let what = match v {
                        Some(x) if leaf("guard-big", x > 10).await => "big",
                        Some(x) if x % 2 == 0 && leaf("guard-even", true).await => "even",
                        Some(_) => "odd",
                        None => leaf("none", "none").await,
                    };
                    out.push(what);
                }
                out
            }
        }
    }
    run { f(vec![Some(20), Some(4), Some(3), None]) }
}

twin! {
    /// Awaiting guards over owned values: a scrutinee built by a call (evaluated once), a
    /// place used again after the `match`, `ref` bindings, or-patterns, a binding moved
    /// into the arm once its guard passed, and guards that fail and fall through.
    match_guard_await_owned {
        lower! {
            pub async fn f(words: Vec<String>) -> (Vec<String>, usize) {
                let mut out = Vec::new();
                let pair = (Tracker("pair"), words.len());
                for w in words {
                    let picked = match (w, Tracker("scrutinee")) {
                        (s, _) if leaf("long?", s.len() > 4).await => format!("long {s}"),
                        (ref s, ref t) if s.starts_with('a') && leaf("a?", t.name() == "scrutinee").await => {
                            format!("a-word {s}")
                        }
                        (s, t) => {
                            drop(t);
                            step("plain").await;
                            s
                        }
                    };
                    out.push(picked);
                }
                let n = match pair {
                    (_, 0 | 1) => 0,
                    (ref t, n) if leaf("many?", n > 2).await => n + t.name().len(),
                    (_, n) => n,
                };
                log(format!("still here {:?}", pair.0));
                (out, n)
            }
        }
    }
    run { f(vec!["apple".into(), "ant".into(), "bee".into(), "cat".into()]) }
}

twin! {
    /// Blocks as values (their locals drop at the block's end, after its last await) and a
    /// labelled block left with `break 'label value`.
    block_values {
        lower! {
            pub async fn f(flag: bool) -> (u32, u32, u32) {
                let a = {
                    let _t = Tracker("block-a");
                    let x = leaf("a1", 1).await;
                    x + leaf("a2", 2).await
                };
                log("after block a");
                let b = 'found: {
                    let _t = Tracker("block-b");
                    if leaf("b-cond", flag).await {
                        break 'found leaf("b-early", 10).await;
                    }
                    let _u = Tracker("block-b2");
                    step("b-step").await;
                    20
                };
                let c = { leaf("c", 5).await } + { val("d", 6) };
                (a, b, c)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `let .. else` with an awaited scrutinee and a diverging `else` that awaits first.
    let_else {
        lower! {
            pub async fn f(input: Option<(u32, Tracker)>) -> u32 {
                let _guard = Tracker("guard");
                let Some((n, t)) = leaf("input", input).await else {
                    step("else-step").await;
                    return 0;
                };
                let Ok(doubled) = leaf("parse", if n > 1 { Ok(n * 2) } else { Err("small") }).await else {
                    log(format!("giving up with {t:?}"));
                    return 1;
                };
                step("done").await;
                drop(t);
                doubled
            }
        }
    }
    run {
        pair(f(None), pair(f(Some((1, Tracker("one")))), f(Some((5, Tracker("five"))))))
    }
}

twin! {
    /// Several early `return`s from nested scopes; each drops the live locals in reverse
    /// order of declaration, then the arguments.
    early_returns {
        lower! {
            pub async fn f(arg: Tracker, n: u32) -> u32 {
                let _a = Tracker("a");
                if leaf("c1", n == 0).await {
                    return 0;
                }
                let _b = Tracker("b");
                {
                    let _c = Tracker("c");
                    if n == 1 {
                        return leaf("r1", 1).await;
                    }
                    step("s").await;
                }
                let _d = Tracker("d");
                if n == 2 {
                    let _e = Tracker("e");
                    step("s2").await;
                    return 2;
                }
                log(format!("arg {arg:?} still here"));
                n
            }
        }
    }
    run {
        pair(pair(f(Tracker("arg0"), 0), f(Tracker("arg1"), 1)), pair(f(Tracker("arg2"), 2), f(Tracker("arg3"), 3)))
    }
}

twin! {
    /// Edition 2024 tail expressions: the tail's temporaries drop before the block's locals
    /// (in the body's tail and in a block's tail), after the tail's own awaits.
    tail_expression_temporaries {
        lower! {
            pub async fn f(key: u32) -> Option<u32> {
                let _local = Tracker("local");
                let inner = {
                    let _block_local = Tracker("block-local");
                    Holder::new("block-tail-temp", 1).get(leaf("k", key).await)
                };
                step("between").await;
                Holder::new("tail-temp", 10).get(leaf("k2", (key + inner.unwrap_or(0)) * 2).await)
            }
        }
    }
    run { pair(f(2), f(1)) }
}

twin! {
    /// `return`, `?` and `break` inside closures and nested `async` blocks belong to them,
    /// not to the lowered function.
    control_flow_inside_closures_and_blocks {
        lower! {
            pub async fn f(input: Vec<&'static str>) -> Result<Vec<u32>, String> {
                let parse = |s: &str| -> Result<u32, String> {
                    if s.is_empty() {
                        return Ok(0);
                    }
                    let n: u32 = s.parse().map_err(|_| format!("bad {s}"))?;
                    Ok(n)
                };
                let mut out = Vec::new();
                for s in &input {
                    let attempt: Result<u32, String> = async {
                        let n = parse(s)?;
                        if n > 100 {
                            return Ok(100);
                        }
                        Ok(leaf("inner", n).await + 1)
                    }
                    .await;
                    let first_even = loop {
                        let x = leaf("x", attempt.clone().unwrap_or(1)).await;
                        break (0..x).find(|i| {
                            if *i == 0 {
                                return false;
                            }
                            i % 2 == 0
                        });
                    };
                    match attempt {
                        Ok(n) => out.push(n + first_even.unwrap_or(0)),
                        Err(e) if e.contains("skip") => continue,
                        Err(e) => return Err(e),
                    }
                }
                Ok(out)
            }
        }
    }
    run { pair(f(vec!["5", "", "500", "7"]), f(vec!["1", "skip", "x"])) }
}

twin! {
    /// A local moved on a branch that then awaits and returns; the other path goes on using
    /// it, across an await of its own.
    moved_on_a_branch_that_awaits_and_returns {
        fn eat(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(early: bool) -> usize {
                let a = Tracker::new("a");
                let b = Tracker::new("b");
                if early {
                    let n = eat(a);
                    step("cleanup").await;
                    return n;
                }
                step("main").await;
                a.name().len() + b.name().len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// The same in a `match` arm that consumes the local, and in a loop whose branch
    /// moves a local declared in the loop, awaits and `continue`s.
    moved_on_an_arm_or_a_continuing_branch {
        fn eat(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(mode: u8) -> usize {
                let conn = Tracker::new("conn");
                let mut n = match mode {
                    0 => { let k = eat(conn); step("closed").await; return k; }
                    _ => leaf("mode", mode as usize).await,
                };
                for skip in [true, false, true] {
                    let t = Tracker::new("t");
                    if skip {
                        drop(t);
                        step("skipped").await;
                        continue;
                    }
                    step("run").await;
                    n += t.name().len();
                }
                n + conn.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A local declared before a loop that awaits, moved on a branch that returns from
    /// inside the loop: it lives across every await until that branch runs, and drops at
    /// the end of the function when it never does.
    moved_in_a_loop_on_a_returning_branch {
        fn eat(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(stop: u32) -> usize {
                let t = Tracker::new("t");
                let _u = Tracker::new("u");
                for i in 0..3u32 {
                    step("tick").await;
                    if i == stop {
                        let n = eat(t);
                        step("stop").await;
                        return n;
                    }
                }
                step("done").await;
                0
            }
        }
    }
    run { pair(f(1), f(9)) }
}

twin! {
    /// A local declared in an outer loop, moved on a branch of an inner loop that awaits
    /// and breaks out of both; the outer loop's next statements use it otherwise.
    moved_on_a_branch_breaking_out_of_two_loops {
        fn eat(t: Tracker) -> usize { log(format!("eat {}", t.name())); t.name().len() }
        lower! {
            pub async fn f(at: u32) -> usize {
                let mut total = 0;
                'outer: for i in 0..2u32 {
                    let t = Tracker::new("t");
                    for j in 0..2u32 {
                        if i * 2 + j == at {
                            total += eat(t);
                            step("found").await;
                            break 'outer;
                        }
                        step("inner").await;
                    }
                    total += t.name().len();
                    step("outer").await;
                }
                total
            }
        }
    }
    run { pair(f(1), f(7)) }
}

twin! {
    /// A guarded arm of `match &mut v` that awaits, before an arm binding the same place;
    /// and a `ref mut` binding the same way, then a `let r = &mut ..` not read after an
    /// await.
    guarded_mut_arms_that_await {
        lower! {
            pub async fn f(mut v: Option<u32>, mut w: (u32, Tracker)) -> u32 {
                let a = match &mut v {
                    Some(n) if *n > 2 => { let k = *n; step("big").await; k }
                    Some(n) => { *n += 1; *n }
                    None => 0,
                };
                let b = match w {
                    (ref mut k, _) if *k == 0 => { step("zero").await; 7 }
                    (ref mut k, ref t) => { *k += t.name().len() as u32; *k }
                };
                let r = &mut w.0;
                *r += 1;
                step("after").await;
                a + b + w.0 + v.unwrap_or(0)
            }
        }
    }
    run { pair(f(Some(5), (0, Tracker::new("w"))), f(Some(1), (3, Tracker::new("w")))) }
}

twin! {
    /// An enum state machine driven through `match &mut self.state`, a guarded arm
    /// awaiting before the state is replaced.
    state_machine_through_mut_scrutinee {
        pub enum Vend { Idle, Paying { paid: u32 }, Vending(Tracker) }
        pub struct Machine { pub state: Vend, pub price: u32 }
        impl Machine {
            lower! {
                pub async fn coin(&mut self, c: u32) -> &'static str {
                    match &mut self.state {
                        Vend::Idle => { step("wake").await; self.state = Vend::Paying { paid: c }; "paying" }
                        Vend::Paying { paid } if *paid + c >= self.price => {
                            step("vend").await;
                            self.state = Vend::Vending(Tracker::new("can"));
                            "vending"
                        }
                        Vend::Paying { paid } => { *paid += c; "more" }
                        Vend::Vending(_) => { step("busy").await; self.state = Vend::Idle; "reset" }
                    }
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<&'static str> {
                let mut m = Machine { state: Vend::Idle, price: 4 };
                let mut out = vec![];
                for c in [1, 2, 3, 1, 2] {
                    out.push(m.coin(c).await);
                }
                out
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0499): a guarded arm's `&mut` binding read after the arm's await (`Some(n) if *n > 2 => { x.await; *n }`) before an arm binding the same place: the reference parked in the state keeps the scrutinee borrowed through the later arms.
#[cfg(feature = "known-gaps")]
twin! {
    /// A guarded `&mut` arm reading its binding after its await.
    guarded_mut_arm_reads_binding_after_await {
        lower! {
            pub async fn f(mut v: Option<u32>) -> u32 {
                match &mut v {
                    Some(n) if *n > 2 => { step("big").await; *n }
                    Some(n) => { *n += 1; *n }
                    None => 0,
                }
            }
        }
    }
    run { pair(f(Some(5)), f(Some(1))) }
}

twin! {
    /// A local moved into an awaited call and given back in one arm only, outside any loop:
    /// the arm that reads it assigns it first, so it is not kept across the await.
    moved_arg_given_back_without_loop {
        lower! {
            pub async fn give(t: Tracker, k: u32) -> Result<u32, Tracker> {
                step("give").await;
                if k < 2 { Err(t) } else { Ok(k) }
            }
        }
        lower! {
            pub async fn f(k: u32) -> usize {
                let mut t = Tracker::new("a");
                let _g = Tracker::new("g");
                match give(t, k).await {
                    Ok(v) => v as usize,
                    Err(back) => {
                        t = back;
                        step("back").await;
                        t.name().len()
                    }
                }
            }
        }
    }
    run { pair(f(1), f(3)) }
}
