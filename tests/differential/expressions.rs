//! Awaits inside expressions: operands are evaluated left to right, temporaries live to the
//! end of their statement (across the await), the awaited future is dropped right after it
//! completes.
use crate::prelude::*;

pub fn add3(a: u32, b: u32, c: u32) -> u32 {
    log(format!("add3({a}, {b}, {c})"));
    a + b + c
}

#[derive(Debug)]
pub struct Point {
    pub x: u32,
    pub y: u32,
    pub z: Tracker,
}

twin! {
    /// Awaits as call arguments, between arguments that do not await.
    call_arguments {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let a = add3(val("a", 1), leaf("b", n).await, val("c", 3));
                let b = add3(leaf("x", 1).await, leaf("y", 2).await, leaf("z", a).await);
                add3(a, b, leaf("last", 7).await)
            }
        }
    }
    run { f(10) }
}

twin! {
    /// Struct, tuple and array literals with awaits in several fields.
    literals {
        lower! {
            pub async fn f() -> (Point, (u32, Tracker, u32), [u32; 3]) {
                let p = Point { x: leaf("x", 1).await, y: val("y", 2), z: leaf("z", Tracker("pz")).await };
                let t = (val("t0", 0), Tracker::new("t1"), leaf("t2", 2).await);
                let a = [leaf("a0", 0).await, val("a1", 1), leaf("a2", 2).await];
                (p, t, a)
            }
        }
    }
    run { f() }
}

twin! {
    /// Binary operators (including comparisons and compound assignment) and the
    /// short-circuit of `&&` / `||`: the right side's leaf must not even be created.
    binary_operators {
        lower! {
            pub async fn f(n: i64) -> (i64, bool, bool, bool, i64) {
                let arith = leaf("a", n).await * val("b", 3) - leaf("c", 4).await / val("d", 2) + leaf("e", 5).await;
                let cmp = leaf("l", 3).await < leaf("r", 4).await;
                let and = val("p", false) && leaf("q", true).await;
                let or = leaf("s", false).await || leaf("t", true).await;
                let mut acc = 1;
                acc += leaf("inc", 10).await;
                acc *= leaf("mul", 2).await - val("sub", 1);
                (arith, cmp, and, or, acc)
            }
        }
    }
    run { f(7) }
}

twin! {
    /// Awaited values used as method receivers, and methods called with awaited arguments.
    method_receivers {
        lower! {
            pub async fn f() -> (Option<u32>, usize, String, u32) {
                let max = leaf("v", vec![3, 9, 2]).await.into_iter().max();
                let len = leaf("s", String::from("hello")).await.len();
                let mut s = String::from("x");
                s.push_str(leaf("suffix", "yz").await);
                let joined = s.repeat(leaf("n", 2).await);
                let sum = vec![1u32, 2, 3].iter().map(|x| x * 2).sum::<u32>() + leaf("k", 100).await;
                (max, len, joined, sum)
            }
        }
    }
    run { f() }
}

pub fn consume(t: &Tracker, n: u32) -> u32 {
    log(format!("consume({}, {n})", t.name()));
    n
}

twin! {
    /// A temporary created left of an await lives to the end of the statement, across the
    /// suspension, and drops after the call.
    temporaries_across_await {
        lower! {
            pub async fn f() -> u32 {
                let a = consume(&Tracker("tmp1"), leaf("a", 1).await);
                log("between");
                let b = consume(&Tracker::new("tmp2"), leaf("b", 2).await) + consume(&Tracker("tmp3"), leaf("c", 3).await);
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// Indexing, unary operators, casts, field and tuple-field access of awaited values,
    /// and a future whose creation itself awaits (`leaf(.., x.await).await`).
    other_operators {
        lower! {
            pub async fn f() -> (u32, i32, u64, u32, bool, u32) {
                let arr = [10, 20, 30];
                let i = arr[leaf("i", 1).await];
                let neg = -leaf("neg", 5i32).await;
                let cast = leaf("cast", 7u8).await as u64;
                let field = leaf("pair", (1u32, 2u32)).await.1;
                let not = !leaf("not", false).await;
                let nested = leaf("outer", leaf("inner", 3).await + 1).await;
                (i, neg, cast, field, not, nested)
            }
        }
    }
    run { f() }
}

twin! {
    /// Awaits inside macro arguments: `format!`, `vec!`, `assert!`.
    macro_arguments {
        lower! {
            pub async fn f() -> (String, Vec<u32>) {
                let s = format!("{}-{}", leaf("a", 1).await, leaf("b", 2).await);
                let v = vec![leaf("c", 3).await, val("d", 4)];
                assert!(leaf("check", true).await, "never fails");
                log(format!("s = {s}"));
                (s, v)
            }
        }
    }
    run { f() }
}

twin! {
    /// `return` of an awaited value from the middle of the body, with live trackers.
    return_await {
        lower! {
            pub async fn f(early: bool) -> u32 {
                let _a = Tracker("a");
                let x = leaf("x", 1).await;
                if early {
                    let _b = Tracker("b");
                    return leaf("r", x + 10).await + val("after", 1);
                }
                let _c = Tracker("c");
                leaf("tail", x).await
            }
        }
    }
    run { pair(f(true), f(false)) }
}


/// A number whose `+=` logs (a non-primitive compound assignment evaluates its place first).
#[derive(Debug, Clone, Copy)]
pub struct Meter(pub u32);

impl std::ops::AddAssign<u32> for Meter {
    fn add_assign(&mut self, rhs: u32) {
        log(format!("meter {} += {rhs}", self.0));
        self.0 += rhs;
    }
}

pub fn place<T>(name: &'static str, v: T) -> T {
    log(format!("place {name}"));
    v
}

twin! {
    /// Assignment order: `place = value` evaluates the value (with its await) first, then
    /// the place; `+=` on a primitive evaluates the value first too, on a type with an
    /// `AddAssign` impl the place first. Receivers are evaluated before the arguments.
    assignment_evaluation_order {
        lower! {
            pub async fn f() -> (Vec<u32>, Vec<Meter>, Vec<u32>) {
                let mut v = vec![0u32; 3];
                v[place("i1", 1)] = leaf("rhs1", 5).await;
                v[place("i2", 2)] += leaf("rhs2", 7).await;
                let mut m = vec![Meter(0), Meter(10)];
                m[place("i3", 1)] += leaf("rhs3", 3).await;
                let mut w = Vec::new();
                place("receiver", &mut w).push(leaf("arg", 9).await);
                let mut pair = (0u32, 0u32);
                (pair.0, pair.1) = (leaf("d0", 1).await, val("d1", 2));
                w.push(pair.0 + pair.1);
                (v, m, w)
            }
        }
    }
    run { f() }
}

/// Awaitable without being a `Future`: `.await` calls `IntoFuture::into_future`.
pub struct Request {
    pub id: u32,
}

impl std::future::IntoFuture for Request {
    type Output = u32;
    type IntoFuture = Leaf<u32>;
    fn into_future(self) -> Leaf<u32> {
        log(format!("into_future {}", self.id));
        leaf("request", self.id * 2)
    }
}

twin! {
    /// `.await` on an `IntoFuture` type: `into_future` runs when the await is reached.
    into_future_await {
        lower! {
            pub async fn f() -> u32 {
                let r = Request { id: val("id", 4) };
                log("built request");
                let a = r.await;
                a + Request { id: leaf("id2", 5).await }.await
            }
        }
    }
    run { f() }
}

#[derive(Debug, Default)]
pub struct Config {
    pub name: String,
    pub retries: u32,
    pub verbose: bool,
}

twin! {
    /// Struct update syntax, ranges, `if` as a call argument beside an await.
    struct_update_and_ranges {
        lower! {
            pub async fn f(c: bool) -> (Config, Vec<u32>, u32) {
                let cfg = Config { retries: leaf("retries", 3).await, ..Default::default() };
                let range: Vec<u32> = (leaf("lo", 1).await..val("hi", 4)).collect();
                let sum = add3(if c { leaf("then", 10).await } else { 0 }, leaf("second", 20).await, 0);
                (cfg, range, sum)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// An await inside `matches!` (and `assert_eq!`), as users write them.
    awaits_inside_std_macros {
        lower! {
            pub async fn f() -> (bool, bool) {
                let is_some = matches!(leaf("opt", Some(2)).await, Some(x) if x > 1);
                assert_eq!(leaf("left", 1).await, val("right", 1));
                let none = matches!(leaf("opt2", None::<u32>).await, Some(_));
                (is_some, none)
            }
        }
    }
    run { f() }
}

twin! {
    /// An awaited value read through and not kept drops at the end of its statement: in a
    /// `let`, an expression statement, an assignment and a call argument.
    awaited_value_read_through_drops_at_statement_end {
        lower! {
            pub async fn f() -> usize {
                let n = leaf("a", vec![Tracker::new("a0"), Tracker::new("a1")]).await.len();
                log("after let");
                leaf("b", (Tracker::new("b"), 2)).await.0.name();
                log("after statement");
                let mut m = 0;
                m += leaf("c", (Tracker::new("c"), 3)).await.1;
                log("after assignment");
                let k = std::cmp::max(leaf("d", Tracker::new("d")).await.name().len(), m);
                log("after call");
                step("end").await;
                n + m + k
            }
        }
    }
    run { f() }
}

twin! {
    /// Values that are not calls, borrowed by an awaited call's argument, live until the
    /// await ends (a binary operation, an array, a tuple, a cast, a negation, a block);
    /// constant ones are promoted natively and take their type from the parameter
    /// (`&[1, 2]` as `&[u8]`).
    borrowed_operators_and_literals_in_awaited_arguments {
        pub async fn total(xs: &[u8]) -> u32 {
            step("total").await;
            xs.iter().map(|&x| x as u32).sum()
        }
        pub async fn pair_sum(p: &(u32, u8)) -> u32 {
            step("pair").await;
            p.0 + p.1 as u32
        }
        pub async fn show(n: &i64) -> i64 {
            step("show").await;
            *n
        }
        lower! {
            pub async fn f(x: u32, y: i64, c: bool) -> (u32, u32, u32, u32, i64, i64, i64) {
                let a = total(&[x as u8, 3]).await;
                let b = total(&[1, 2]).await;
                let p = pair_sum(&(x + 1, 2)).await;
                let q = pair_sum(&(7, 1)).await;
                let n = show(&-y).await + show(&(x as i64)).await;
                let m = show(&if c { y } else { 0 }).await;
                let k = show(&{ let t = y * 2; t + 1 }).await;
                (a, b, p, q, n, m, k)
            }
        }
    }
    run { pair(f(4, 5, true), f(1, -2, false)) }
}

pub fn keep(t: Tracker, n: u32) -> (Tracker, u32) {
    log(format!("keep {t:?} {n}"));
    (t, n)
}

twin! {
    /// Locals that own their value, moved as operands (a call's argument, a tuple's and a
    /// struct's element, a parameter taken by value) before an operand that awaits: they
    /// move into the operand before the await, so that cancelled there they drop before the
    /// locals declared after them, as natively; a `Copy` one is read before the await too.
    owned_operands_move_before_an_awaiting_operand {
        #[derive(Debug)]
        pub struct Pair { pub a: Tracker, pub n: u32 }
        lower! {
            pub async fn f(p: Tracker, mut k: u32) -> u32 {
                let v = Tracker::new("v");
                let w = vec![Tracker::new("w")];
                let later = Tracker::new("later");
                let (t, n) = keep(v, leaf("n", 1).await);
                let pair = Pair { a: p, n: { k += 10; leaf("m", k).await } };
                let both = (w, leaf("o", 3u32).await);
                let copied = k + { k += 1; leaf("c", 2).await };
                step("end").await;
                log(format!("{t:?} {pair:?} {both:?} {later:?}"));
                n + pair.n + both.1 + copied
            }
        }
    }
    run { f(Tracker::new("p"), 5) }
}

twin! {
    /// Places of awaited values read where they are, before a later await in the same
    /// expression: a format argument through an awaited guard's deref, and a field of an
    /// awaited struct compared: borrowed, not moved out, and the value drops at the end of
    /// the statement.
    awaited_place_read_in_place {
        pub struct Named { pub name: String, pub t: Tracker }
        pub async fn named(n: &'static str) -> Named {
            step(n).await;
            Named { name: n.to_string(), t: Tracker::new(n) }
        }
        lower! {
            pub async fn f() -> (String, bool) {
                let m = tokio::sync::Mutex::new(vec![1, 2]);
                let s = format!("{:?} {}", *m.lock().await, leaf("k", 1).await);
                let same = named("a").await.name == leaf("b", String::from("a")).await;
                log(format!("same {same}"));
                (s, same)
            }
        }
    }
    run { f() }
}

twin! {
    /// A struct literal's shorthand field (`S { n }`) naming a local that lives on after
    /// the await, in the awaited call.
    shorthand_field_in_awaited_call {
        pub struct S { pub n: u32, pub t: &'static str }
        pub async fn take(s: S) -> u32 {
            step(s.t).await;
            s.n * 2
        }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = "t";
                let g = Tracker::new("g");
                let a = take(S { n, t }).await;
                log(g.name());
                a + n + t.len() as u32
            }
        }
    }
    run { f(4) }
}
