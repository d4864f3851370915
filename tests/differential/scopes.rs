//! Scopes and drops: shadowing, deferred initialization, destructuring patterns, values
//! moved away (also conditionally), `_` patterns and parameters, drop order at scope end.
use crate::prelude::*;

#[derive(Debug)]
pub struct Pair2 {
    pub left: Tracker,
    pub right: (u32, Tracker),
}

twin! {
    /// Shadowed bindings stay alive until the end of their scope (drops in reverse
    /// declaration order), even though their names are no longer usable.
    shadowing {
        lower! {
            pub async fn f(x: u32) -> u32 {
                let t = Tracker("t1");
                let x = x + leaf("a", 1).await;
                let t = (t.name().len(), Tracker("t2"));
                step("mid").await;
                let x = x * leaf("b", 2).await;
                {
                    let t = Tracker("t3-inner");
                    let x = leaf("inner", x).await + 1000;
                    log(format!("inner {x} {t:?}"));
                }
                let t = Tracker::new(if t.0 > 0 { "t4" } else { "t4?" });
                step("end").await;
                log(format!("{t:?}"));
                x
            }
        }
    }
    run { f(5) }
}

twin! {
    /// Deferred initialization: `let x;` assigned in branches (one of them awaiting),
    /// including a tracker that is only initialized on one path.
    deferred_initialization {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let x;
                let t;
                let maybe: Tracker;
                if c {
                    x = leaf("x", 10).await;
                    t = Tracker("t-then");
                    maybe = Tracker("maybe");
                    log(format!("{maybe:?}"));
                } else {
                    x = 1;
                    t = leaf("t", Tracker("t-else")).await;
                }
                step("after-if").await;
                let y: u32;
                loop {
                    y = leaf("y", x + 1).await;
                    break;
                }
                log(format!("{t:?}"));
                x + y
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Drop flags for locals initialized on some paths: assigned in one branch, assigned
    /// again over a maybe-initialized value (the old one drops first), and initialized in an
    /// earlier turn of a loop; each drops at its scope's end, or when the future is dropped.
    maybe_initialized {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut total = 0;
                let first: Tracker;
                let mut again;
                if k > 0 {
                    first = Tracker("first");
                    again = Tracker("again-1");
                    log(format!("{first:?} {again:?}"));
                }
                step("s1").await;
                again = leaf("again-2", Tracker("again-2")).await;
                log(format!("{again:?}"));
                let mut last;
                for i in 0..3 {
                    if i == k {
                        last = Tracker(["last0", "last1", "last2"][i as usize]);
                        log(format!("set {last:?}"));
                    }
                    total += leaf("turn", i).await;
                }
                step("s2").await;
                total
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// Destructuring: tuples, structs, slices and nested patterns from awaited values; the
    /// parts not bound (`_`, `..`) drop at the end of the statement, bound parts at scope end.
    destructuring {
        lower! {
            pub async fn f() -> (u32, u32, &'static str) {
                let (a, _, Pair2 { left, right: (n, _) }) =
                    leaf("tuple", (Tracker("a"), Tracker("ignored"), Pair2 { left: Tracker("left"), right: (7, Tracker("right")) })).await;
                log("after tuple");
                step("s1").await;
                let [first, .., last] = leaf("array", [1u32, 2, 3, 4]).await;
                let Pair2 { left: ref l2, .. } = leaf("ref", Pair2 { left: Tracker("l2"), right: (0, Tracker("r2")) }).await;
                step("s2").await;
                let name = l2.name();
                log(format!("{a:?} {left:?}"));
                (n + first, last, name)
            }
        }
    }
    run { f() }
}

twin! {
    /// Patterns in parameters, including `_`: every parameter lives to the end of the body
    /// and drops after the locals, each parameter's bindings before those of the parameters
    /// before it (an `_` parameter too).
    parameter_patterns {
        lower! {
            pub async fn f((a, b): (Tracker, u32), _: Tracker, mut c: Tracker, Pair2 { left, right }: Pair2, d: Tracker) -> u32 {
                let _local = Tracker("local");
                step("s").await;
                log(format!("old {c:?}"));
                c = Tracker::new("c2");
                step(left.name()).await;
                log(format!("{a:?} {c:?} {d:?} {}", right.0));
                b
            }
        }
    }
    run {
        f(
            (Tracker("a"), 1),
            Tracker("underscore"),
            Tracker("c"),
            Pair2 { left: Tracker("left"), right: (1, Tracker("right")) },
            Tracker("d"),
        )
    }
}

twin! {
    /// A parameter pattern with unbound fields: they drop at the end of the body, after the
    /// bindings of that parameter.
    parameter_pattern_rest {
        lower! {
            pub async fn f(c: Tracker, Pair2 { left, .. }: Pair2) -> u32 {
                step(left.name()).await;
                log(format!("{c:?}"));
                1
            }
        }
    }
    run { f(Tracker("c"), Pair2 { left: Tracker("left"), right: (1, Tracker("right")) }) }
}

pub fn consume_tracker(t: Tracker) {
    log(format!("consumed {}", t.name()));
}

twin! {
    /// Values moved away (into a call, into a struct, conditionally): a moved value must not
    /// be dropped again, a conditionally moved one drops at scope end only if still there.
    moves_and_drop_flags {
        lower! {
            pub async fn f(c: bool) -> Vec<Tracker> {
                let a = Tracker("a");
                let b = Tracker("b");
                let d = Tracker("d");
                consume_tracker(a);
                step("s1").await;
                if c {
                    consume_tracker(b);
                }
                step("s2").await;
                let kept = vec![d];
                let e = Tracker("e");
                let moved_late = if leaf("cond", !c).await { Some(e) } else { None };
                step("s3").await;
                log(format!("{moved_late:?}"));
                kept
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Drop flags: a parameter and locals moved on one path only (an `if`, one arm of a
    /// `match`, a branch that awaits) drop at their scope's end if still there, also when
    /// the future is dropped at any await; a `Copy` local "moved" and used again is fine.
    conditional_moves {
        lower! {
            pub async fn f(keep: Tracker, k: u32) -> u32 {
                let n = k + 1;
                let a = Tracker("a");
                let b = Tracker("b");
                if k == 1 {
                    consume_tracker(keep);
                }
                step("s1").await;
                match k {
                    0 => consume_tracker(a),
                    1 => log("one".to_string()),
                    _ => {}
                }
                let copied = n;
                step("s2").await;
                {
                    let inner = Tracker("inner");
                    if leaf("cond", k == 2).await {
                        let boxed = Box::new(inner);
                        log(format!("boxed {}", boxed.name()));
                    }
                    step("s3").await;
                }
                let held = if k > 0 { Some(b) } else { None };
                step("s4").await;
                log(format!("{held:?}"));
                copied + n
            }
        }
    }
    run { pair(pair(f(Tracker("keep0"), 0), f(Tracker("keep1"), 1)), f(Tracker("keep2"), 2)) }
}

twin! {
    /// `let _ = expr` drops at once, `let _x = expr` at scope end; `std::mem::take` and
    /// `replace` across awaits; `drop(x)` before an await.
    underscore_and_explicit_drops {
        lower! {
            pub async fn f() -> (Tracker, String) {
                let _ = Tracker("underscore-dropped-now");
                let _kept = Tracker("kept-to-end");
                let _ = leaf("u", Tracker("underscore-from-await")).await;
                let mut slot = Tracker("slot-1");
                let old = std::mem::replace(&mut slot, leaf("new", Tracker("slot-2")).await);
                drop(old);
                step("s").await;
                let mut text = String::from("abc");
                let taken = std::mem::take(&mut text);
                step("s2").await;
                text.push_str(&taken);
                (slot, text)
            }
        }
    }
    run { f() }
}

twin! {
    /// Nested scopes with guards declared before, between and after awaits: the drop order
    /// at each scope end, and what cancellation at each await drops.
    guard_drop_order {
        lower! {
            pub async fn f(arg1: Tracker, arg2: Tracker) -> usize {
                let g1 = Tracker("g1");
                step("a").await;
                let g2 = Tracker("g2");
                {
                    let g3 = Tracker("g3");
                    step("b").await;
                    let _g4 = Tracker("g4");
                    {
                        let _g5 = Tracker("g5");
                        step("c").await;
                    }
                    log(format!("{g3:?}"));
                }
                let g6 = Tracker("g6");
                step("d").await;
                [&g1, &g2, &g6, &arg1, &arg2].len()
            }
        }
    }
    run { f(Tracker("arg1"), Tracker("arg2")) }
}

twin! {
    /// A function with no return type (`()`), mutating through a `&mut` argument.
    unit_return_through_mut_argument {
        lower! {
            pub async fn f(target: &mut Vec<u32>, guard: Tracker) {
                target.push(leaf("a", 1).await);
                if target.len() > 5 {
                    return;
                }
                target.push(leaf("b", 2).await);
                log(format!("{target:?} {guard:?}"));
            }
        }
    }
    run { f(leak(vec![7]), Tracker("guard")) }
}

pub struct Named(pub Tracker, pub u32);

impl Named {
    pub fn make(name: &'static str, n: u32) -> Named {
        log(format!("make {name}"));
        Named(Tracker(name), n)
    }
    pub fn value(&self) -> u32 {
        self.1
    }
}

twin! {
    /// Temporary lifetimes around awaits: `let r = &temp()` extends the temporary to the
    /// end of the block (across awaits); a temporary in a `let` initializer's method chain
    /// ends with the statement; `if` and `while` conditions drop their temporaries before
    /// the block runs.
    temporary_lifetime_rules {
        lower! {
            pub async fn f() -> u32 {
                let extended = &Named::make("extended", 1);
                let short = Named::make("short", 2).value();
                step("a").await;
                let mut total = extended.value() + short;
                if Named::make("if-cond", 3).value() > leaf("bound", 1).await {
                    step("then").await;
                    total += 1;
                }
                let mut i = 0;
                while Named::make("while-cond", i).value() < 2 {
                    step("loop").await;
                    i += 1;
                }
                let pair = (&Named::make("tuple-extended", 4), leaf("second", 5).await);
                step("b").await;
                total + pair.0.value() + pair.1
            }
        }
    }
    run { f() }
}

twin! {
    /// Assigning to a live variable drops the old value after the new one is computed (after
    /// the await), inside loops too; compound assignment and `Option::take` across awaits.
    assignment_drops_old_value {
        lower! {
            pub async fn f(n: u32) -> Option<Tracker> {
                let names = ["v1", "v2", "v3"];
                let mut slot = Some(Tracker("v0"));
                for i in 0..n {
                    slot = Some(leaf("next", Tracker(names[i as usize])).await);
                    log("assigned");
                }
                let mut current = Tracker("c0");
                log(format!("{current:?}"));
                current = leaf("c", Tracker("c1")).await;
                log(format!("{current:?}"));
                let taken = slot.take();
                step("after-take").await;
                slot = taken;
                slot
            }
        }
    }
    run { f(3) }
}

pub fn consume_vec(v: Vec<Tracker>) -> usize {
    log(format!("consume_vec({})", v.len()));
    v.len()
}

twin! {
    /// A local borrowed across awaits, then moved away once the borrow ended (and another
    /// local moved into a struct while a sibling is still borrowed).
    move_after_borrow_ends {
        lower! {
            pub async fn f() -> (usize, usize, Vec<Tracker>) {
                let v = vec![Tracker("v0"), Tracker("v1")];
                let w = vec![Tracker("w0")];
                let first = &v[0];
                step("a").await;
                log(format!("first {first:?}"));
                step("b").await;
                let n = consume_vec(v);
                let kept = w;
                step("c").await;
                (n, kept.len(), kept)
            }
        }
    }
    run { f() }
}

twin! {
    /// A borrowed local shadowed by another local of the same name, both alive across
    /// awaits; `ref` bindings into a local's value (`match &opt`, `if let Some(ref t)`) held
    /// across awaits.
    shadowed_and_ref_bindings {
        lower! {
            pub async fn f() -> (usize, usize, String) {
                let v = vec![Tracker("v-first")];
                let r = &v;
                let v = vec![Tracker("v-second"), Tracker("v-second-b")];
                step("a").await;
                let lens = (r.len(), v.len());
                let opt = Some(Tracker("opt"));
                let mut seen = String::new();
                match &opt {
                    Some(t) => {
                        step("in-arm").await;
                        seen.push_str(t.name());
                    }
                    None => {}
                }
                if let Some(ref t) = opt {
                    step("in-if-let").await;
                    seen.push_str(t.name());
                }
                (lens.0, lens.1, seen)
            }
        }
    }
    run { f() }
}

twin! {
    /// Arguments borrowed across awaits (`&str` parts of an owned `String` argument), `mut`
    /// arguments updated in a loop, an `unsafe` read through a raw pointer to a local, and
    /// items (`const`, `fn`, `struct`) declared inside the body.
    arguments_and_inner_items {
        lower! {
            pub async fn f(text: String, mut budget: u32) -> (Vec<String>, u32, u32) {
                const LIMIT: usize = 2;
                fn shout(s: &str) -> String {
                    s.to_uppercase()
                }
                #[derive(Debug)]
                struct Part<'a>(&'a str);
                let parts: Vec<Part<'_>> = text.split(',').map(Part).collect();
                let mut out = Vec::new();
                for p in parts.iter().take(LIMIT) {
                    step("part").await;
                    budget -= 1;
                    out.push(shout(p.0));
                }
                let x = 41u32;
                let ptr = &x as *const u32;
                step("before-unsafe").await;
                // SAFETY: `x` is a live local of this body.
                let read = unsafe { *ptr } + 1;
                (out, budget, read)
            }
        }
    }
    run { f(String::from("ab,cd,ef"), 10) }
}

twin! {
    /// References into locals made by patterns and methods and held across awaits:
    /// `match place { Some(ref mut t) => .. }`, `let Some(t) = &opt else`, `opt.as_ref()`
    /// in `if let`, `while let Some(top) = stack.last()` with the borrow ending before `pop`.
    ref_patterns_into_locals {
        lower! {
            pub async fn f() -> (Vec<String>, usize) {
                let mut names = Some(vec![String::from("a")]);
                match names {
                    Some(ref mut list) => {
                        step("push").await;
                        list.push(String::from("b"));
                    }
                    None => {}
                }
                let Some(list) = &names else { return (Vec::new(), 0) };
                step("after-let-else").await;
                let first = list[0].clone();
                let guard = Some(Tracker("guard"));
                if let Some(g) = guard.as_ref() {
                    step("as-ref").await;
                    log(format!("{g:?} {first}"));
                }
                let mut stack = vec![Tracker("s1"), Tracker("s2")];
                let mut popped = 0;
                while let Some(top) = stack.last() {
                    step(top.name()).await;
                    log(format!("top {top:?}"));
                    stack.pop();
                    popped += 1;
                }
                (names.unwrap_or_default(), popped)
            }
        }
    }
    run { f() }
}

twin! {
    /// Locals borrowed across awaits (frame slots in the lowered machine) leaving their
    /// scope by `continue`, `break`, `?`, `return` and a panic: each path drops them in
    /// native order, and so does cancellation at every await.
    slotted_locals_leaving_scopes {
        lower! {
            pub async fn f(mode: u32) -> Result<usize, String> {
                let outer = vec![Tracker("outer")];
                let outer_ref = &outer[0];
                let mut seen = 0;
                for i in 0..3u32 {
                    let per_iter = vec![Tracker(["it0", "it1", "it2"][i as usize])];
                    let r = &per_iter[0];
                    step("iter").await;
                    log(format!("{r:?}"));
                    if i == 0 {
                        continue;
                    }
                    if mode == 1 && i == 1 {
                        break;
                    }
                    if mode == 2 {
                        let parsed: u32 = leaf("parse", "x").await.parse().map_err(|_| format!("bad at {i}"))?;
                        seen += parsed as usize;
                    }
                    if mode == 3 {
                        return Ok(leaf("early", 100).await);
                    }
                    if mode == 4 {
                        panic!("mode 4 at {i} with {r:?}");
                    }
                    seen += 1;
                }
                step("end").await;
                log(format!("{outer_ref:?}"));
                Ok(seen)
            }
        }
    }
    run { pair(pair(f(0), f(1)), pair(pair(f(2), f(3)), f(4))) }
}

twin! {
    /// Deferred initialization assigned on every path (the issue's
    /// `let x; if c { x = f().await } else { x = 1 }`), then used across further awaits.
    deferred_initialization_every_path {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let x;
                let t;
                if c {
                    x = leaf("x", 10).await;
                    t = Tracker("t-then");
                } else {
                    x = 1;
                    t = leaf("t", Tracker("t-else")).await;
                }
                step("after-if").await;
                let y: u32;
                loop {
                    y = leaf("y", x + 1).await;
                    break;
                }
                log(format!("{t:?}"));
                x + y
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A destructuring `let` without a value (`let (x, mut t);`, one annotated by a tuple
    /// type), its bindings assigned on both paths, before and after an await: each binding
    /// is declared alone, and they drop as natively, the last declared first.
    deferred_destructuring_lets {
        lower! {
            pub async fn f(c: bool) -> (u32, u8) {
                let (x, mut t);
                let (n, (s, u)): (u8, (Tracker, u32));
                if c {
                    x = leaf("x", 10).await;
                    t = Tracker::new("t-then");
                    (n, (s, u)) = leaf("nsu", (1, (Tracker::new("s-then"), 2))).await;
                } else {
                    (x, t) = (1, leaf("t", Tracker::new("t-else")).await);
                    n = 3;
                    s = Tracker::new("s-else");
                    u = leaf("u", 4).await;
                }
                step("after-if").await;
                t = Tracker::new("t-again");
                log(format!("{t:?} {s:?}"));
                (x + u, n)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

pub fn words_of(t: &Tracker) -> Vec<String> {
    log(format!("words_of {}", t.0));
    t.0.split('-').map(String::from).collect()
}
pub fn label(t: Tracker) -> Tracker {
    log(format!("label {}", t.0));
    t
}

twin! {
    /// The temporaries of a `for` iterator, a `match` scrutinee and an `if let` scrutinee
    /// (a receiver, a call argument, a comparison operand) live to the end of the construct,
    /// across its awaits; the arguments around them keep their evaluation order.
    header_temporaries_live_through_the_construct {
        lower! {
            pub async fn f(text: &str) -> usize {
                let mut n = 0;
                for w in text.to_lowercase().split_whitespace() {
                    n += leaf("w", w.len()).await;
                }
                for w in words_of(&Tracker::new("for-a-b")).iter().take(2) {
                    n += leaf("w2", w.len()).await;
                }
                match words_of(&label(Tracker::new("m-x"))).first() {
                    Some(w) => n += leaf("m", w.len()).await,
                    None => {}
                }
                if let Some(_) = Some(Tracker::new("if-let")) {
                    step("then").await;
                }
                let it = vec![Tracker("i1"), Tracker("i2"), Tracker("i3")].into_iter();
                for t in it.take(2) {
                    n += leaf("it", t.0.len()).await;
                }
                n
            }
        }
    }
    run { f("Hello Async World") }
}

twin! {
    /// A local moved by a pattern in one arm that awaits, left whole by the arm that binds
    /// nothing, then assigned again, in a loop: its drop flag is its frame slot, which the
    /// arm that binds nothing fills back.
    drop_flag_pattern_move_then_assign {
        lower! {
            pub async fn f(first: Option<Tracker>) -> usize {
                let mut pending = first;
                let mut n = 0;
                for i in 0..4u32 {
                    match pending {
                        Some(t) => n += leaf("t", t.0.len()).await,
                        None => step("none").await,
                    }
                    pending = if i % 2 == 0 { None } else { Some(Tracker::new("again")) };
                }
                n
            }
        }
    }
    run { pair(f(Some(Tracker("p1"))), f(None)) }
}

twin! {
    /// `if let` moving a local in its then-block (which awaits and assigns it again), an
    /// `else` that reads it whole, and a local moved on one branch only, assigned after.
    drop_flag_if_let_else_reads {
        lower! {
            pub async fn f(o: Option<Tracker>, c: bool) -> (bool, usize) {
                let mut o = o;
                let mut t = Tracker::new("t1");
                if let Some(x) = o {
                    step("a").await;
                    drop(x);
                    o = Some(Tracker::new("o2"));
                } else {
                    log(format!("else {:?}", o));
                }
                if c {
                    drop(t);
                }
                step("b").await;
                t = Tracker::new("t2");
                (o.is_some(), t.0.len())
            }
        }
    }
    run { pair(f(Some(Tracker("o1")), true), f(None, false)) }
}

twin! {
    /// Destructuring `let`s that leave fields behind, then awaits: what the pattern leaves
    /// stays in the local to the end of its scope (a tuple parameter with `_`, a struct
    /// made by a call with `..`, `self` taken by value), and a reference parameter's
    /// pattern binds references.
    destructure_rest_keeps_the_rest {
        #[derive(Debug)]
        pub struct Rec { pub id: u32, pub name: String, pub a: Tracker, pub b: Tracker }
        pub fn rec(id: u32) -> Rec {
            Rec { id, name: format!("r{id}"), a: Tracker::new("a"), b: Tracker::new("b") }
        }
        impl Rec {
            lower! {
                pub async fn into_name(self) -> String {
                    let Self { name, .. } = self;
                    step("m").await;
                    name
                }
            }
        }
        lower! {
            pub async fn f(pair: (Tracker, Tracker), r: &Rec) -> String {
                let (first, _) = pair;
                log("split pair");
                let Rec { id, name, .. } = r;
                let local = rec(7);
                let Rec { a, name: local_name, .. } = local;
                step("s").await;
                drop(a);
                let m = rec(9).into_name().await;
                step("t").await;
                format!("{} {id} {name} {local_name} {m}", first.name())
            }
        }
    }
    run { async { let r = rec(1); f((Tracker::new("p0"), Tracker::new("p1")), &r).await } }
}

pub struct Holder {
    pub t: Tracker,
    pub n: usize,
}

fn holder(name: &'static str) -> Holder {
    log(format!("make {name}"));
    Holder { t: Tracker::new(name), n: name.len() }
}

twin! {
    /// `&make()` as the value of a block, of `if` branches and of `match` arms in a `let`:
    /// rustc extends the temporary to the end of the enclosing block, so it lives across
    /// the awaits after it, and drops there (the branch not taken makes none).
    tail_temporaries_extended_through_blocks_and_branches {
        lower! {
            pub async fn f(k: u32) -> usize {
                let _first = Tracker::new("first");
                let a = { log("in block"); &holder("block") };
                let b = if k == 0 { &holder("then").t } else if k == 1 { &a.t } else { &holder("else").t };
                let c = match k { 0 => &holder("arm0"), n if n > 1 => &holder("guarded"), _ => a };
                let _last = Tracker::new("last");
                step("s").await;
                let d = leaf("d", a.n).await;
                d + b.name().len() + c.n
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A guard read through `*` as a value (`let v = *g;`) is copied out of, not moved: the
    /// guard keeps its borrow across the next await, to the end of its scope.
    deref_copy_keeps_guard {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let cell = std::cell::RefCell::new(n);
                let g = cell.borrow();
                let v = *g;
                step("s").await;
                log(format!("free while held: {}", cell.try_borrow_mut().is_ok()));
                drop(g);
                log(format!("free after drop: {}", cell.try_borrow_mut().is_ok()));
                v
            }
        }
    }
    run { f(3) }
}

twin! {
    /// The parts a pattern leaves in a temporary scrutinee (`_`, a struct's `..`) live to
    /// the end of the arm that awaits, after the arm's bindings, as the temporary natively
    /// does: in `while let`, `match`, `if let` and `for`, cancelled at every await.
    unbound_parts_of_temporary_scrutinee {
        pub struct Job { pub name: Tracker, pub note: Tracker, pub id: u32 }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut q = vec![(Tracker::new("j1"), Tracker::new("r1")), (Tracker::new("j2"), Tracker::new("r2"))];
                let mut sum = 0;
                while let Some((job, _)) = q.pop() {
                    step(job.name()).await;
                    sum += 1;
                }
                let made = Job { name: Tracker::new("name"), note: Tracker::new("note"), id: n };
                match Some(made) {
                    Some(Job { name, .. }) => {
                        step("job").await;
                        log(name.name());
                    }
                    None => {}
                }
                if let (Some(t), _) = (Some(Tracker::new("left")), Tracker::new("right")) {
                    step("pair").await;
                    drop(t);
                }
                for (k, _) in [(1u32, Tracker::new("e1")), (2, Tracker::new("e2"))] {
                    sum += leaf("k", k).await;
                }
                sum
            }
        }
    }
    run { f(7) }
}

twin! {
    /// A value an await makes that borrows a local kept in a frame slot (a guard, read in a
    /// `return` and in the tail) drops before that local, as the native temporary does: it
    /// would otherwise point into a slot already emptied.
    awaited_guard_drops_before_its_slot {
        pub struct Guard<'a>(pub &'a Tracker);
        impl Drop for Guard<'_> {
            fn drop(&mut self) {
                log(format!("release {}", self.0.name()));
            }
        }
        pub async fn hold(t: &Tracker) -> Guard<'_> {
            step("hold").await;
            Guard(t)
        }
        lower! {
            pub async fn f(k: u32) -> usize {
                let t = Tracker::new("cell");
                let r = &t;
                let v = leaf("v", k).await;
                if v > 1 {
                    return v as usize + hold(&t).await.0.name().len();
                }
                hold(r).await.0.name().len()
            }
        }
    }
    run { pair(f(2), f(0)) }
}
