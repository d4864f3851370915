//! Probe round 31b: std macros and panics around awaits. Macros with awaits in their
//! arguments in every position (`format!`/`write!`/`writeln!` with positional, named and
//! captured arguments and width/precision specs, `assert!`/`assert_eq!`/`assert_ne!`/
//! `debug_assert!` whose messages await, `vec![..]` and `vec![x; n]`, `matches!`, `dbg!`,
//! `concat!`/`stringify!`/`line!`, `panic!`/`unreachable!`/`todo!` in arms taken or not,
//! macros nested in macros), and panics with trackers in scope to compare drop order during
//! unwinding: arithmetic overflow with an awaited operand on either side (which panic comes
//! first), indexing with an awaited index, `unwrap`/`expect` of awaited values, `RefCell`
//! double borrows, and `boom(..)` leaves in a `match` scrutinee, a loop condition, a struct
//! literal field, a call argument after others, a `let .. else` and more.
use crate::prelude::*;
#[allow(unused_imports)]
use std::cell::RefCell;
#[allow(unused_imports)]
use std::collections::{HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::Write as _;
#[allow(unused_imports)]
use std::rc::Rc;

/// A point printed with `{:?}` and `{:#?}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pt {
    pub x: i32,
    pub y: i32,
}

/// A `fmt::Write` sink that logs each piece written to it.
pub struct Sink(pub String);

impl std::fmt::Write for Sink {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        log(format!("write {s:?}"));
        self.0.push_str(s);
        Ok(())
    }
}

/// A native callee taking a tracker and two numbers (logs its call).
pub fn eat3(t: Tracker, a: u32, b: u32) -> u32 {
    log(format!("eat {}", t.name()));
    a + b
}

/// A struct with two trackers around a number.
pub struct Hold {
    pub t: Tracker,
    pub n: u32,
    pub u: Tracker,
}

twin! {
    /// `format!` with two positional awaited arguments while a tracker lives.
    p31b_format_two_awaits {
        lower! {
            pub async fn f(n: u32) -> String {
                let t = Tracker::new("t");
                let s = format!("{} and {}", leaf("a", n).await, leaf("b", n + 1).await);
                log(t.name());
                s
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Inline `{name}`/`{x}` captures of locals that live across awaits, next to an awaited positional.
    p31b_format_named_capture_across {
        lower! {
            pub async fn f(n: u32) -> String {
                let x = leaf("x", n).await;
                let name = String::from("bob");
                step("mid").await;
                format!("{name}:{x}:{}", leaf("y", 7).await)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `{:>8}`, `{:<6}`, `{:^7}` specs on awaited arguments and a logged one after them.
    p31b_format_width_align {
        lower! {
            pub async fn f() -> String {
                let s = format!("[{:>8}|{:<6}|{:^7}]", leaf("a", 42).await, leaf("b", "hi").await, val("c", 'z'));
                step("end").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `{:?}` of a tracker borrowed by the format arguments while a later argument awaits.
    p31b_format_debug_tracker_borrowed {
        lower! {
            pub async fn f() -> String {
                let t = Tracker::new("dbg");
                let s = format!("{:?} {:?}", t, leaf("a", Some(3)).await);
                step("s").await;
                drop(t);
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `{:#?}` of a struct and of an awaited `Vec` of structs.
    p31b_format_pretty_debug {
        lower! {
            pub async fn f(n: i32) -> String {
                let p = Pt { x: leaf("x", n).await, y: 2 };
                format!("{:#?}\n{:#?}", p, leaf("v", vec![Pt { x: 1, y: n }]).await)
            }
        }
    }
    run { f(5) }
}

twin! {
    /// `{1}-{0}-{1}`: arguments are evaluated in order written, not in order used.
    p31b_format_reuse_order_effects {
        lower! {
            pub async fn f() -> String {
                format!("{1}-{0}-{1}", val("first", leaf("a", 10).await), val("second", leaf("b", 20).await))
            }
        }
    }
    run { f() }
}

twin! {
    /// Width from a captured awaited local (`w$`) and from a positional awaited argument (`1$`).
    p31b_format_width_arg_awaited {
        lower! {
            pub async fn f() -> String {
                let w = leaf("w", 6usize).await;
                format!("[{:>w$}][{:>1$}]", leaf("a", 5).await, leaf("b", 4usize).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// Named arguments `a = x.await` evaluated in order, a tracker dropped between awaits.
    p31b_format_named_args_await {
        lower! {
            pub async fn f(n: u32) -> String {
                let t = Tracker::new("t");
                let s = format!("{a}+{b}={c}", a = leaf("a", n).await, b = val("b", 2), c = leaf("c", n + 2).await);
                drop(t);
                step("z").await;
                s
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `write!` into a `String` and into `&mut String` with awaited arguments, `{:03}`.
    p31b_write_string_await {
        lower! {
            pub async fn f(n: u32) -> String {
                let mut s = String::new();
                write!(s, "{}", leaf("a", n).await).unwrap();
                write!(&mut s, "-{:03}", leaf("b", 7).await).unwrap();
                s
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `writeln!` in a `for` loop with a captured loop variable and an awaited argument.
    p31b_writeln_loop {
        lower! {
            pub async fn f(n: u32) -> String {
                let mut out = String::new();
                for i in 0..n {
                    writeln!(out, "{i}: {}", leaf("row", i * i).await).unwrap();
                }
                out
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `write!`/`writeln!` into a logging `fmt::Write` sink: the writes happen after the awaits.
    p31b_write_sink_logs {
        lower! {
            pub async fn f() -> usize {
                let mut sink = Sink(String::new());
                let t = Tracker::new("t");
                write!(sink, "<{}|{}>", leaf("a", 1).await, t.name()).unwrap();
                step("b").await;
                writeln!(sink, "{:?}", leaf("c", "x").await).unwrap();
                sink.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `write!(..)?` in an `async fn` returning `Result<String, fmt::Error>`.
    p31b_write_question_mark {
        lower! {
            pub async fn f(n: u32) -> Result<String, std::fmt::Error> {
                let mut s = String::new();
                write!(s, "{}", leaf("a", n).await)?;
                writeln!(s, "{}", leaf("b", n * 2).await)?;
                Ok(s)
            }
        }
    }
    run { f(4) }
}

twin! {
    /// `format!` arguments that are `format!`s with awaits inside.
    p31b_format_nested_format {
        lower! {
            pub async fn f() -> String {
                format!("[{}|{}]", format!("{:>3}", leaf("a", 1).await), format!("{:?}", leaf("b", "q").await))
            }
        }
    }
    run { f() }
}

twin! {
    /// Method chains on awaited values inside format arguments.
    p31b_format_method_on_await {
        lower! {
            pub async fn f() -> String {
                format!("{} {}", leaf("s", String::from("hello")).await.len(), leaf("t", vec![1, 2]).await.iter().sum::<i32>())
            }
        }
    }
    run { f() }
}

twin! {
    /// `{t:?}` inline capture of a tracker declared before an await, with an awaited positional.
    p31b_format_capture_tracker_debug {
        lower! {
            pub async fn f() -> String {
                let t = Tracker::new("cap");
                step("a").await;
                let s = format!("{t:?}/{}", leaf("b", 2).await);
                step("c").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `eprintln!`/`eprint!` with awaited arguments and a borrowed tracker.
    p31b_eprintln_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker::new("t");
                eprintln!("got {} for {:?}", leaf("a", n).await, t);
                eprint!("{}", leaf("b", 1).await);
                n
            }
        }
    }
    run { f(3) }
}

twin! {
    /// An `if` and a `match` with awaits as format arguments.
    p31b_format_if_match_args {
        lower! {
            pub async fn f(c: bool) -> String {
                format!("{}|{}", if c { leaf("a", 1).await } else { 0 }, match leaf("m", 2).await { 2 => "two", _ => "other" })
            }
        }
    }
    run { f(true) }
}

twin! {
    /// `{:08.3}`, `{:+}`, `{:x}`, `{:#b}`, `{:e}` of awaited numbers, one local used twice.
    p31b_format_numeric_specs {
        lower! {
            pub async fn f() -> String {
                let x = leaf("x", 3.14159f64).await;
                format!("{:08.3} {:+} {:x} {:#b} {:e}", x, leaf("i", 5).await, leaf("h", 255).await, leaf("b", 5u8).await, x)
            }
        }
    }
    run { f() }
}

twin! {
    /// `{:?}` of a tuple holding a borrowed tracker, an awaited number and a temporary tracker.
    p31b_format_tuple_debug_temp {
        lower! {
            pub async fn f() -> String {
                let a = Tracker::new("a");
                let s = format!("{:?}", (&a, leaf("n", 1).await, Tracker::new("tmp")));
                step("z").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `String + &format!(..) + &x.await` concatenation.
    p31b_string_concat_format {
        lower! {
            pub async fn f() -> String {
                let base = String::from("x");
                let s = base + &format!("{}", leaf("a", 1).await) + "-" + &leaf("b", String::from("y")).await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `v.push(format!(..x.await..))` in a `while` loop with a `{i:>2}` capture.
    p31b_format_while_push {
        lower! {
            pub async fn f(n: u32) -> Vec<String> {
                let mut v = Vec::new();
                let mut i = 0;
                while i < n {
                    v.push(format!("{i:>2}:{:<3}|", leaf("i", i * 10).await));
                    i += 1;
                }
                v
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `{:.p$}` from an awaited local and `{:.*}` taking precision and value from awaits.
    p31b_format_precision_args {
        lower! {
            pub async fn f() -> String {
                let p = leaf("p", 2usize).await;
                format!("{:.p$} {:.*}", 1.23456, leaf("q", 1usize).await, leaf("v", 9.87).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `dbg!(a.await, b.await)` returning a tuple, then `dbg!` of a single await.
    p31b_dbg_two_awaits {
        lower! {
            pub async fn f() -> u32 {
                let (a, b) = dbg!(leaf("a", 1).await, leaf("b", 2).await);
                let c = dbg!(leaf("c", a + b).await) * 2;
                c
            }
        }
    }
    run { f() }
}

twin! {
    /// `dbg!` moving an awaited tracker through to a local that lives across an await.
    p31b_dbg_moves_tracker {
        lower! {
            pub async fn f() -> &'static str {
                let t = dbg!(leaf("t", Tracker::new("moved")).await);
                step("s").await;
                t.name()
            }
        }
    }
    run { f() }
}

twin! {
    /// `assert!` on an awaited comparison with a custom message that borrows a tracker.
    p31b_assert_pass_msg {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker::new("t");
                assert!(leaf("a", n).await > 1, "n too small: {} {:?}", n, t);
                step("b").await;
                n
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A failing `assert!` whose message awaits (evaluated only on failure), trackers unwinding.
    p31b_assert_fail_msg_awaits {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _g = Tracker::new("guard");
                let v = leaf("v", n).await;
                let _h = Tracker::new("h");
                assert!(v > 10, "v was {v}, wanted > {}", leaf("lim", 10).await);
                v
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A passing `assert!` whose message would await: the message leaf is never made.
    p31b_assert_msg_await_not_taken {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let t = Tracker::new("t");
                assert!(n > 1, "unreachable msg {}", leaf("never", 0).await);
                let r = leaf("r", n).await;
                drop(t);
                r
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A failing `assert_eq!` with a formatted message, an awaited right side, two trackers.
    p31b_assert_eq_fail_custom {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                let a = leaf("a", n).await;
                let _u = Tracker::new("u");
                assert_eq!(a * 2, leaf("b", 7).await, "doubling {} gave {}", a, a * 2);
                a
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A failing `assert_ne!` in an inner block, message borrowing an outer tracker.
    p31b_assert_ne_fail_inner_block {
        lower! {
            pub async fn f() -> u32 {
                let outer = Tracker::new("outer");
                {
                    let _inner = Tracker::new("inner");
                    assert_ne!(leaf("x", 4).await, val("y", 4), "must differ for {:?}", outer);
                }
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// A failing `debug_assert_eq!` whose message awaits after both sides were evaluated.
    p31b_debug_assert_eq_fail_msg_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                step("a").await;
                debug_assert_eq!(leaf("b", n).await, n + 1, "off by one at {}", leaf("c", n).await);
                n
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Two `assert_eq!`s with awaiting messages: the first passes (message skipped), the second fails.
    p31b_assert_eq_msg_await_twice {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                assert_eq!(leaf("l", 1).await, 1, "{} {}", leaf("m1", 2).await, t.name());
                assert_eq!(leaf("l2", 2).await, 3, "{} {}", leaf("m2", 2).await, t.name());
                0
            }
        }
    }
    run { f() }
}

twin! {
    /// `assert!(matches!(x.await, Some(1..=5)))`, then `matches!` with an or-pattern as the tail.
    p31b_assert_matches_await {
        lower! {
            pub async fn f(n: u32) -> bool {
                assert!(matches!(leaf("a", Some(n)).await, Some(1..=5)));
                matches!(leaf("b", n).await, 0 | 3 | 7)
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `assert_eq!` of a tracker local and an awaited tracker temporary (dropped after the macro).
    p31b_assert_eq_trackers_pass {
        lower! {
            pub async fn f() -> bool {
                let a = Tracker::new("same");
                assert_eq!(a, leaf("b", Tracker::new("same")).await);
                step("c").await;
                a.name() == "same"
            }
        }
    }
    run { f() }
}

twin! {
    /// A failing `assert_eq!` of trackers: the message shows both `Debug`s, the temporary unwinds.
    p31b_assert_eq_trackers_fail {
        lower! {
            pub async fn f() -> u32 {
                let a = Tracker::new("a");
                step("s").await;
                assert_eq!(a, leaf("b", Tracker::new("b")).await, "trackers");
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// `vec![t1, x.await, t3]` of trackers: on cancellation the first element drops.
    p31b_vec_trackers_await_middle {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("first"), leaf("b", Tracker::new("second")).await, Tracker::new("third")];
                step("s").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `vec![x.await; n]` cloning an awaited `String`.
    p31b_vec_repeat_await {
        lower! {
            pub async fn f(n: usize) -> Vec<String> {
                vec![leaf("s", String::from("ab")).await; n]
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `vec![a.await; b.await]`: the element is evaluated before the length.
    p31b_vec_repeat_len_await {
        lower! {
            pub async fn f() -> Vec<u32> {
                vec![val("elem", leaf("e", 7).await); leaf("n", 3).await]
            }
        }
    }
    run { f() }
}

twin! {
    /// `vec![a.await, boom.await, c.await]` with trackers in scope: the third is never made.
    p31b_vec_boom_middle {
        lower! {
            pub async fn f() -> usize {
                let _g = Tracker::new("g");
                let v = vec![Tracker::new("x"), Tracker::new("y")];
                let w = vec![leaf("a", 1).await, boom("b").await, leaf("c", 3).await];
                v.len() + w.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `vec![t, { boom.await; t2 }, t3]`: the first element unwinds, the others never exist.
    p31b_vec_tracker_block_boom {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker::new("p"), { boom("b").await; Tracker::new("q") }, Tracker::new("r")];
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `matches!` on an awaited `Option<Tracker>` with a `ref` binding and a guard.
    p31b_matches_guard_tracker {
        lower! {
            pub async fn f() -> bool {
                let hit = matches!(leaf("a", Some(Tracker::new("in"))).await, Some(ref t) if t.name() == "in");
                step("b").await;
                hit
            }
        }
    }
    run { f() }
}

twin! {
    /// `if matches!(x.await, 0 | 2) { total += y.await }` in a loop.
    p31b_if_matches_then_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut total = 0;
                for i in 0..n {
                    if matches!(leaf("m", i % 3).await, 0 | 2) {
                        total += leaf("add", i).await;
                    }
                }
                total
            }
        }
    }
    run { f(5) }
}

twin! {
    /// `Some(x.await).unwrap()` and `Some(y.await).map(..).unwrap()` as operands.
    p31b_some_await_unwrap {
        lower! {
            pub async fn f(n: u32) -> u32 {
                Some(leaf("a", n).await).unwrap() + Some(leaf("b", 1).await).map(|x| x * 2).unwrap()
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `unwrap()` of an awaited `None`: the later leaf is never made, two trackers unwind.
    p31b_unwrap_none_panics {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _a = Tracker::new("a");
                let got = leaf("o", if n > 5 { Some(n) } else { None }).await;
                let _b = Tracker::new("b");
                got.unwrap() + leaf("never", 1).await
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `x.await.parse::<u32>().unwrap()` panics with the `ParseIntError`'s `Debug`.
    p31b_unwrap_parse_err {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let n = leaf("s", "7x").await.parse::<u32>().unwrap();
                drop(t);
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `v.get(i.await).copied().expect("..")` out of range.
    p31b_expect_none_message {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let _g = Tracker::new("g");
                let x = v.get(leaf("i", 5usize).await).copied().expect("index five must exist");
                x + leaf("n", 1).await
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// `expect` of an `Err` built with `format!` of an await.
    p31b_expect_err_formatted {
        lower! {
            pub async fn f() -> i32 {
                let _t = Tracker::new("t");
                let r: Result<i32, String> = Err(format!("code {}", leaf("c", 404).await));
                r.expect("request failed")
            }
        }
    }
    run { f() }
}

twin! {
    /// `x.await.unwrap_or_else(|| panic!(..))` with a captured parameter.
    p31b_unwrap_or_else_panic {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                let v = leaf("v", n.checked_sub(5)).await.unwrap_or_else(|| panic!("{} is below five", n));
                v
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `format!(concat!(..), ..)` with an awaited argument and a `concat!` argument.
    p31b_concat_format_string {
        lower! {
            pub async fn f() -> String {
                let t = Tracker::new("t");
                let s = format!(concat!("{}", "-", "{}", "!"), leaf("a", 1).await, concat!("x", 2, 'c', true));
                step("z").await;
                drop(t);
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `stringify!` of tokens holding `.await` beside real awaits, one inside format arguments.
    p31b_stringify_in_format {
        lower! {
            pub async fn f() -> String {
                let a = leaf("a", 1).await;
                let s = stringify!(a + leaf("b", 2).await);
                let t = leaf("c", 3).await;
                format!("{s} {a} {t} {}", stringify!(t.await))
            }
        }
    }
    run { f() }
}

twin! {
    /// `line!()` (absolute and relative), `file!()` and `column!()` next to awaits.
    p31b_line_file_macros {
        lower! {
            pub async fn f() -> String {
                step("a").await;
                let here = (line!(), column!());
                let l2 = line!() - here.0;
                format!("{} {} {} {}", l2, leaf("b", file!().len()).await > 0, column!() > 0, line!())
            }
        }
    }
    run { f() }
}

twin! {
    /// `panic!` with a formatted message that awaits, in an `if` block with its own tracker.
    p31b_panic_formatted_after_await {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _outer = Tracker::new("outer");
                let v = leaf("v", n).await;
                if v > 2 {
                    let _inner = Tracker::new("inner");
                    panic!("value {v} exceeded {} (limit {})", leaf("lim", 2).await, 2);
                }
                v
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A panic three blocks deep after awaits: trackers unwind innermost first.
    p31b_panic_nested_blocks {
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                let r = {
                    let _b = Tracker::new("b");
                    let x = leaf("x", 1).await;
                    {
                        let _c = Tracker::new("c");
                        step("y").await;
                        if x == 1 {
                            panic!("deep {}", x)
                        }
                    }
                    x
                };
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `unreachable!("..")` in an arm not taken of a `match` on an await.
    p31b_unreachable_arm_not_taken {
        lower! {
            pub async fn f(n: u32) -> &'static str {
                match leaf("m", n % 3).await {
                    0 => "zero",
                    1 => {
                        step("one").await;
                        "one"
                    }
                    2 => "two",
                    _ => unreachable!("mod three gave {}", n % 3),
                }
            }
        }
    }
    run { f(4) }
}

twin! {
    /// `todo!()` in the `else` not taken of an `if` on an await.
    p31b_todo_branch_not_taken {
        lower! {
            pub async fn f(flag: bool) -> u32 {
                let t = Tracker::new("t");
                let r = if leaf("c", flag).await { leaf("yes", 1).await } else { todo!() };
                drop(t);
                r
            }
        }
    }
    run { f(true) }
}

twin! {
    /// `unreachable!` taken, its message awaiting.
    p31b_unreachable_taken_msg_await {
        lower! {
            pub async fn f() -> u32 {
                let _t = Tracker::new("t");
                let k = leaf("k", 9).await;
                match k {
                    0..=5 => k,
                    _ => unreachable!("k = {k} after {}", leaf("w", "wait").await),
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `unimplemented!("mode {}", ..)` taken after an await.
    p31b_unimplemented_taken {
        lower! {
            pub async fn f(mode: u8) -> u32 {
                let _g = Tracker::new("g");
                step("a").await;
                match mode {
                    0 => 0,
                    _ => unimplemented!("mode {}", mode),
                }
            }
        }
    }
    run { f(1) }
}

twin! {
    /// A `panic!` on the third turn of a `for` loop with a tracker per turn.
    p31b_panic_in_loop_third {
        lower! {
            pub async fn f() -> u32 {
                let _all = Tracker::new("all");
                let mut sum = 0;
                for i in 0..5 {
                    let _it = Tracker::new(["i0", "i1", "i2", "i3", "i4"][i]);
                    sum += leaf("it", i as u32).await;
                    if i == 2 {
                        panic!("stop at {i}, sum {sum}")
                    }
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure capturing a tracker by reference panics when called on an awaited value.
    p31b_closure_panics_after_await {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("cap");
                let check = |x: u32| {
                    if x > 3 {
                        panic!("{} too big: {x}", t.name())
                    }
                    x
                };
                let a = check(leaf("a", 2).await);
                let b = check(leaf("b", 5).await);
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// `std::panic::panic_any` with a non-string payload after an await.
    p31b_panic_any_nonstring {
        lower! {
            pub async fn f() -> u32 {
                let _t = Tracker::new("t");
                let n = leaf("n", 3).await;
                if n == 3 {
                    std::panic::panic_any(n)
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `u8` addition overflowing, the awaited operand on the right.
    p31b_u8_add_overflow_rhs_await {
        lower! {
            pub async fn f() -> u8 {
                let _t = Tracker::new("t");
                let a = val("a", 200u8);
                a + leaf("b", 100).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `u8` addition overflowing, the awaited operand on the left and a logged one on the right.
    p31b_u8_add_overflow_lhs_await {
        lower! {
            pub async fn f() -> u8 {
                let _t = Tracker::new("t");
                leaf("a", 200u8).await + val("b", 100)
            }
        }
    }
    run { f() }
}

twin! {
    /// `u32` subtraction underflowing between two awaits; the later leaf is never made.
    p31b_u32_sub_underflow {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                let d = leaf("a", n).await - leaf("b", n + 1).await;
                d + leaf("never", 1).await
            }
        }
    }
    run { f(3) }
}

twin! {
    /// Division by an awaited zero.
    p31b_div_zero_awaited_divisor {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                100 / leaf("d", n - 3).await
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `i32::MIN / -1` with both operands awaited.
    p31b_i32_min_div_neg1 {
        lower! {
            pub async fn f() -> i32 {
                let _t = Tracker::new("t");
                leaf("a", i32::MIN).await / leaf("b", -1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `(255 + 1) + (10 / 0)`: the left overflow panics before the divisor's leaf is made.
    p31b_overflow_first_operand_wins {
        lower! {
            pub async fn f() -> u8 {
                let _t = Tracker::new("t");
                (leaf("a", 255u8).await + 1) + (10 / leaf("b", 0).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `(10 / 0) + (255 + 1)`: the division panics first.
    p31b_divzero_first_operand_wins {
        lower! {
            pub async fn f() -> u8 {
                (10 / leaf("b", 0u8).await) + (leaf("a", 255).await + 1)
            }
        }
    }
    run { f() }
}

twin! {
    /// `a / (b - c)` where `b - c` underflows before the division.
    p31b_div_by_underflow {
        lower! {
            pub async fn f() -> u32 {
                leaf("a", 10u32).await / (leaf("b", 3).await - leaf("c", 4).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `1u32 << x.await` with a shift of 40.
    p31b_shl_overflow {
        lower! {
            pub async fn f() -> u32 {
                let _t = Tracker::new("t");
                1u32 << leaf("s", 40).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `acc += x.await` overflowing on the second turn.
    p31b_add_assign_overflow {
        lower! {
            pub async fn f() -> u8 {
                let _t = Tracker::new("t");
                let mut acc = 250u8;
                acc += leaf("a", 3).await;
                acc += leaf("b", 3).await;
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// `h.n -= x.await` on a struct field underflowing; the struct's trackers unwind.
    p31b_sub_assign_field_underflow {
        lower! {
            pub async fn f() -> u32 {
                let mut h = Hold { t: Tracker::new("ht"), n: 2, u: Tracker::new("hu") };
                h.n -= leaf("a", 1).await;
                h.n -= leaf("b", 2).await;
                h.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `u8` running total overflowing on the sixth turn of a `for` loop.
    p31b_loop_sum_overflow {
        lower! {
            pub async fn f() -> u8 {
                let items = vec![Tracker::new("v")];
                let mut total = 0u8;
                for i in 0..10u8 {
                    total += leaf("x", i * 20).await;
                }
                total + items.len() as u8
            }
        }
    }
    run { f() }
}

twin! {
    /// `u8::try_from(x.await).unwrap()` out of range.
    p31b_try_from_unwrap_panic {
        lower! {
            pub async fn f() -> u8 {
                let _t = Tracker::new("t");
                u8::try_from(leaf("big", 300u32).await).unwrap()
            }
        }
    }
    run { f() }
}

twin! {
    /// `x.checked_add(y.await).expect("..")` failing.
    p31b_checked_add_expect {
        lower! {
            pub async fn f() -> u8 {
                let x = leaf("a", 250u8).await;
                x.checked_add(leaf("b", 10).await).expect("sum fits in a byte")
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure adding 100 to a `u8`, called on awaited values: the second call overflows.
    p31b_overflow_in_closure {
        lower! {
            pub async fn f() -> u8 {
                let bump = |x: u8| x + 100;
                let a = bump(leaf("a", 100).await);
                let b = bump(leaf("b", a).await);
                b
            }
        }
    }
    run { f() }
}

twin! {
    /// An overflowing last argument of a call whose first argument is a fresh tracker.
    p31b_overflow_call_arg_after_others {
        lower! {
            pub async fn f() -> u32 {
                eat3(Tracker::new("arg"), val("x", 1), leaf("y", u32::MAX).await + 1)
            }
        }
    }
    run { f() }
}

twin! {
    /// An underflowing struct literal field after a tracker field: the tracker unwinds.
    p31b_overflow_struct_field {
        lower! {
            pub async fn f() -> u32 {
                let h = Hold { t: Tracker::new("t"), n: leaf("n", 0u32).await - 1, u: Tracker::new("u") };
                h.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` scrutinee `x.await * 2` overflowing.
    p31b_overflow_match_scrutinee {
        lower! {
            pub async fn f() -> &'static str {
                let _g = Tracker::new("g");
                match leaf("a", 128u8).await * 2 {
                    0 => "zero",
                    _ => "other",
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `v[i.await] + v[j.await]` with the second index out of bounds.
    p31b_index_oob_awaited {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let _t = Tracker::new("t");
                v[leaf("i", 1usize).await] + v[leaf("j", 5).await]
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// `v[i.await] = x.await`: the value is evaluated before the index; the second is out of bounds.
    p31b_index_assign_order {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![0, 0, 0];
                v[leaf("i", 1).await] = leaf("x", 7).await;
                v[leaf("j", 9).await] = leaf("y", 8).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `v[i.await] += x.await` on `u32`: value first, then place; the second index is out of bounds.
    p31b_index_compound_assign_order {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut v = vec![1, 2, 3];
                v[leaf("i", 0).await] += leaf("x", 10).await;
                v[leaf("j", 3).await] += leaf("y", 1).await;
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `&v[a.await..b.await]` with the end out of range.
    p31b_slice_range_oob {
        lower! {
            pub async fn f(v: Vec<u32>) -> u32 {
                let s = &v[leaf("a", 1).await..leaf("b", 5).await];
                s.iter().sum()
            }
        }
    }
    run { f(vec![1, 2, 3]) }
}

twin! {
    /// An array of trackers indexed out of bounds by an awaited index.
    p31b_array_index_oob_trackers {
        lower! {
            pub async fn f() -> u32 {
                let arr = [Tracker::new("a0"), Tracker::new("a1")];
                let i = leaf("i", 2).await;
                arr[i].name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// Slicing a `String` inside a multi-byte char at an awaited index.
    p31b_str_char_boundary {
        lower! {
            pub async fn f() -> String {
                let s = String::from("héllo");
                let cut = leaf("c", 2).await;
                s[..cut].to_string()
            }
        }
    }
    run { f() }
}

twin! {
    /// `m[k.await]` of a missing key.
    p31b_hashmap_index_missing {
        lower! {
            pub async fn f() -> u32 {
                let mut m = HashMap::new();
                m.insert("a", 1);
                m.insert("b", leaf("b", 2).await);
                m["a"] + m[leaf("k", "zz").await]
            }
        }
    }
    run { f() }
}

twin! {
    /// `grid[r.await][c.await]` with the second column out of bounds.
    p31b_nested_index_oob {
        lower! {
            pub async fn f() -> u32 {
                let grid = vec![vec![1, 2], vec![3, 4]];
                grid[leaf("r", 1).await][leaf("c", 0).await] + grid[leaf("r2", 0).await][leaf("c2", 2).await]
            }
        }
    }
    run { f() }
}

twin! {
    /// `VecDeque` indexed out of bounds by an await.
    p31b_vecdeque_index_oob {
        lower! {
            pub async fn f() -> u32 {
                let mut q = VecDeque::new();
                q.push_back(leaf("a", 1).await);
                q.push_front(2);
                q[leaf("i", 4).await]
            }
        }
    }
    run { f() }
}

twin! {
    /// A `RefMut` held across an await, then a second `borrow_mut` panics.
    p31b_refcell_double_borrow_mut {
        lower! {
            pub async fn f() -> u32 {
                let cell = RefCell::new(vec![1u32]);
                let _t = Tracker::new("t");
                let mut g = cell.borrow_mut();
                g.push(leaf("a", 2).await);
                let other = cell.borrow_mut();
                g.len() as u32 + other.len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// `*c.borrow_mut() += x.await` while a `Ref` lives across an await.
    p31b_refcell_borrow_then_mut_op_assign {
        lower! {
            pub async fn f() -> u32 {
                let c = RefCell::new(5u32);
                let r = c.borrow();
                step("a").await;
                *c.borrow_mut() += leaf("b", 1).await;
                *r
            }
        }
    }
    run { f() }
}

twin! {
    /// `other.borrow_mut().push(x.await)`: the receiver's borrow panics before the argument's leaf is made.
    p31b_refcell_receiver_before_arg {
        lower! {
            pub async fn f() -> usize {
                let shared = Rc::new(RefCell::new(Vec::new()));
                let other = Rc::clone(&shared);
                shared.borrow_mut().push(leaf("a", 1).await);
                let len = shared.borrow().len();
                other.borrow_mut().push(leaf("b", len).await);
                let keep = shared.borrow();
                other.borrow_mut().push(leaf("c", 3).await);
                keep.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `try_borrow`/`try_borrow_mut` around an await with a guard dropped in between.
    p31b_refcell_try_borrow {
        lower! {
            pub async fn f() -> bool {
                let c = RefCell::new(Tracker::new("cell"));
                let g = c.borrow_mut();
                let busy = c.try_borrow().is_err();
                step("a").await;
                drop(g);
                busy && leaf("b", c.try_borrow_mut().is_ok()).await
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` in a tuple `match` scrutinee beside a borrow of a tracker.
    p31b_boom_match_scrutinee_tuple {
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                step("pre").await;
                let t = Tracker::new("owner");
                match (t.name(), boom("m").await) {
                    (_, 0) => 0,
                    (_, n) => n + 1,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` in a `while` condition on the third check, a tracker per turn.
    p31b_boom_while_condition {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let mut i = 0;
                while (if i < 2 { leaf("c", i).await } else { boom("c").await }) < 10 {
                    let _it = Tracker::new("iter");
                    step("body").await;
                    i += 1;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` in the middle field of a struct literal: the first field unwinds.
    p31b_boom_struct_field {
        lower! {
            pub async fn f() -> u32 {
                step("pre").await;
                let h = Hold { t: Tracker::new("t"), n: boom("n").await, u: Tracker::new("u") };
                h.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` as the last argument of a call after a tracker and a logged value.
    p31b_boom_call_arg_after_others {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                step("pre").await;
                eat3(Tracker::new("arg"), val("x", 1), boom("z").await)
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0282): a `let .. else` whose scrutinee holds an earlier operand hoisted before an await (`let Some(x) = Some((t, a.await)) else {..}; x.1`): the copy of the statement before the await has a diverging block as scrutinee, "type annotations needed for `Option<_>`".
#[cfg(feature = "known-gaps")]
twin! {
    /// `boom` in the scrutinee of a `let .. else`, after a tracker element of the tuple.
    p31b_boom_let_else_scrutinee {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let Some(x) = Some((Tracker::new("pay"), leaf("a", 1).await, boom("l").await)) else {
                    return 0;
                };
                x.1
            }
        }
    }
    run { f() }
}

twin! {
    /// A `let .. else` whose `else` holds a tracker and panics with an awaited message.
    p31b_let_else_panics_in_else {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _g = Tracker::new("g");
                let Some(v) = leaf("o", n.checked_sub(10)).await else {
                    let _e = Tracker::new("else");
                    panic!("{} is under ten after {}", n, leaf("w", "wait").await);
                };
                v
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `boom` in the middle of a tuple of trackers.
    p31b_boom_tuple_element {
        lower! {
            pub async fn f() -> usize {
                step("pre").await;
                let pair = (Tracker::new("first"), boom("b").await, Tracker::new("third"));
                pair.1 as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// `v.push(Tracker(if boom.await > 0 { .. }))` on a vector of trackers.
    p31b_boom_push_arg {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker::new("v0")];
                step("pre").await;
                v.push(Tracker(if boom("p").await > 0 { "x" } else { "y" }));
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `if i == 2 && boom.await > 0` in a loop that moves a tracker per turn into a vector.
    p31b_boom_if_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let mut kept = Vec::new();
                for i in 0..4 {
                    let t = Tracker::new(["l0", "l1", "l2", "l3"][i]);
                    if i == 2 && boom("in-if").await > 0 {
                        return 1;
                    }
                    step("turn").await;
                    kept.push(t);
                }
                kept.len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` as the end of a `for` range whose start awaits.
    p31b_boom_for_range_end {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let mut s = 0;
                for i in leaf("start", 1).await..boom("end").await {
                    s += i;
                }
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `t.name().len() as u32 + boom.await`.
    p31b_boom_rhs_with_borrow {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                step("pre").await;
                t.name().len() as u32 + boom("rhs").await
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` as the last `format!` argument, a tracker borrowed by the first.
    p31b_boom_format_args {
        lower! {
            pub async fn f() -> String {
                let t = Tracker::new("t");
                step("pre").await;
                format!("{:?} {} {}", t, leaf("a", 1).await, boom("b").await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` as the right side of `assert_eq!`.
    p31b_boom_assert_eq_right {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                assert_eq!(leaf("l", 1).await, boom("r").await, "never printed");
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// `return boom.await` from an `if` block with its own tracker.
    p31b_boom_return_expr {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let _t = Tracker::new("t");
                if leaf("c", n).await > 2 {
                    let _u = Tracker::new("u");
                    return boom("ret").await;
                }
                n
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `boom` in the tail of a block that is the value of a `let` inside another such block.
    p31b_boom_nested_block_values {
        lower! {
            pub async fn f() -> u32 {
                let _a = Tracker::new("a");
                let x = {
                    let _b = Tracker::new("b");
                    let y = {
                        let _c = Tracker::new("c");
                        leaf("y", 1).await + boom("deep").await
                    };
                    y
                };
                x
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` in an arm of a `match` whose scrutinee holds a temporary tracker.
    p31b_boom_arm_scrutinee_temp {
        lower! {
            pub async fn f() -> u32 {
                step("pre").await;
                match Tracker::new("scrut").name() {
                    "scrut" => {
                        let _in = Tracker::new("arm");
                        boom("arm").await
                    }
                    _ => 0,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` while a lifetime-extended `&Tracker::new(..)` lives.
    p31b_boom_extended_temp {
        lower! {
            pub async fn f() -> u32 {
                let r = &Tracker::new("ext");
                let _b = Tracker::new("b");
                step("s").await;
                r.name().len() as u32 + boom("x").await
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` in a `while let` scrutinee on the third turn, trackers popped into the leaf.
    p31b_boom_while_let_scrutinee {
        lower! {
            pub async fn f() -> u32 {
                let mut q = vec![Tracker::new("q0"), Tracker::new("q1"), Tracker::new("q2")];
                let mut n = 0;
                while let Some(t) = (if n < 2 { leaf("pop", q.pop()).await } else { boom("pop").await; None }) {
                    n += 1;
                    step(t.name()).await;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` in the second condition of an `if let` chain borrowing an option of a tracker.
    p31b_boom_let_chain {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let o = Some(Tracker::new("o"));
                step("pre").await;
                if let Some(t) = &o && boom("chain").await > n {
                    return t.name().len() as u32;
                }
                n
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `break boom.await` out of a `loop` with a tracker per turn.
    p31b_boom_break_value {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                let r = loop {
                    let _t = Tracker::new("turn");
                    i += leaf("i", 1).await;
                    if i == 2 {
                        break boom("br").await;
                    }
                };
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` as the second argument of a call of a closure capturing a tracker.
    p31b_boom_closure_call_arg {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let add = |a: u32, b: u32| {
                    log(format!("add {}", t.name()));
                    a + b
                };
                add(leaf("a", 1).await, boom("b").await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `boom` after two trackers were moved into a vector on both sides of an await.
    p31b_boom_after_moves_into_vec {
        lower! {
            pub async fn f() -> usize {
                let a = Tracker::new("a");
                let b = Tracker::new("b");
                let mut v = Vec::new();
                v.push(a);
                step("s").await;
                v.push(b);
                let n = boom("x").await;
                v.len() + n as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// `vec![(t0, 0), (t1, boom.await)]`: the first pair and the second tracker unwind.
    p31b_boom_vec_of_pairs {
        lower! {
            pub async fn f() -> usize {
                step("pre").await;
                let v = vec![(Tracker::new("e0"), 0), (Tracker::new("e1"), boom("e1").await)];
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `Some(a.await).unwrap() + Some(boom.await).unwrap()`.
    p31b_boom_some_unwrap {
        lower! {
            pub async fn f() -> u32 {
                let _t = Tracker::new("t");
                Some(leaf("a", 1).await).unwrap() + Some(boom("b").await).unwrap()
            }
        }
    }
    run { f() }
}

twin! {
    /// `assert_eq!(format!(..x.await..), format!(..))`.
    p31b_assert_eq_formats {
        lower! {
            pub async fn f(n: u32) -> String {
                let s = format!("{}", leaf("a", n).await);
                assert_eq!(format!("{}-{}", s, leaf("b", 1).await), format!("{n}-1"));
                s
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `vec![format!(..a.await..), format!(..b.await..), format!(..)]`.
    p31b_vec_of_formats {
        lower! {
            pub async fn f() -> Vec<String> {
                vec![format!("{}", leaf("a", 1).await), format!("{:?}", leaf("b", "s").await), format!("{:>3}", 7)]
            }
        }
    }
    run { f() }
}

twin! {
    /// A failing `assert!(matches!(..))` whose message is a `format!` borrowing a tracker.
    p31b_assert_matches_format_msg {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker::new("t");
                let v = leaf("v", 4).await;
                assert!(matches!(v, 1..=3), "{}", format!("{:?} saw {}", t, v));
                v
            }
        }
    }
    run { f() }
}

twin! {
    /// `write!` of a `format!` of an await, `writeln!` of `vec![..].len()`.
    p31b_write_nested_macros {
        lower! {
            pub async fn f() -> String {
                let mut s = String::new();
                write!(s, "<{}>", format!("{:>4}", leaf("a", 12).await)).unwrap();
                writeln!(s, "{}", vec![leaf("b", 1).await, 2].len()).unwrap();
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `panic!("{}", format!("{:?} and {}", v, c.await))`.
    p31b_panic_format_vec_await {
        lower! {
            pub async fn f() -> u32 {
                let _t = Tracker::new("t");
                let v = vec![leaf("a", 1).await, leaf("b", 2).await];
                if v.len() == 2 {
                    panic!("{}", format!("{:?} and {}", v, leaf("c", 3).await))
                }
                0
            }
        }
    }
    run { f() }
}

twin! {
    /// `vec![matches!(a.await, 1), matches!(b.await, Some(x) if x > 5)]`.
    p31b_matches_in_vec {
        lower! {
            pub async fn f() -> Vec<bool> {
                vec![matches!(leaf("a", 1).await, 1), matches!(leaf("b", Some(2)).await, Some(x) if x > 5)]
            }
        }
    }
    run { f() }
}

twin! {
    /// A `String` captured by `{name}` next to an await, then moved and used after another await.
    p31b_format_capture_then_move {
        lower! {
            pub async fn f() -> usize {
                let name = String::from("owner");
                let s = format!("{name}{}", leaf("a", 1).await);
                let moved = name;
                step("b").await;
                moved.len() + s.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `assert!(cur > prev, ..)` in a loop over an array, failing on the fourth turn.
    p31b_assert_in_loop_fails_later {
        lower! {
            pub async fn f() -> u32 {
                let _g = Tracker::new("g");
                let mut prev = 0;
                for i in [1, 2, 5, 3, 7] {
                    let _t = Tracker::new("it");
                    let cur = leaf("cur", i).await;
                    assert!(cur > prev, "not increasing: {prev} then {cur}");
                    prev = cur;
                }
                prev
            }
        }
    }
    run { f() }
}

twin! {
    /// `writeln!` into a logging sink whose second argument is `boom`: nothing of that line is written.
    p31b_writeln_sink_boom {
        lower! {
            pub async fn f() -> usize {
                let mut sink = Sink(String::new());
                writeln!(sink, "a{}", leaf("a", 1).await).unwrap();
                writeln!(sink, "{} {}", leaf("b", 2).await, boom("c").await).unwrap();
                sink.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `format!` in a `match` arm binding an awaited tracker by value, with another await.
    p31b_format_in_match_arm_binding {
        lower! {
            pub async fn f() -> String {
                let s = match leaf("o", Some(Tracker::new("inner"))).await {
                    Some(t) => format!("{:?}:{}", t, leaf("n", 1).await),
                    None => String::new(),
                };
                step("after").await;
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// Division by an awaited zero while a `Ref` of a `RefCell<Tracker>` is held.
    p31b_div_zero_while_ref_held {
        lower! {
            pub async fn f() -> u32 {
                let c = RefCell::new(Tracker::new("in-cell"));
                let g = c.borrow();
                step("a").await;
                let n = leaf("n", 0u32).await;
                let r = 10 / n;
                drop(g);
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `assert!(a || b.await)` passing by its right side; `assert!(c && d.await, "{}", e.await)` failing on `c`.
    p31b_assert_short_circuit_msg {
        lower! {
            pub async fn f(n: u32) -> u32 {
                assert!(n > 10 || leaf("alt", n).await == 3, "neither");
                assert!(n < 2 && leaf("never", true).await, "n = {}", leaf("msg", n).await);
                n
            }
        }
    }
    run { f(3) }
}

twin! {
    /// `write!` with `{v:>w$}` where both the value and the width were awaited before.
    p31b_write_width_named_capture {
        lower! {
            pub async fn f() -> String {
                let mut s = String::new();
                let w = leaf("w", 5usize).await;
                let v = leaf("v", "ab").await;
                write!(s, "[{v:>w$}][{v:<w$}]{}", leaf("t", 1).await).unwrap();
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `format!` with awaits as the tail of both `if` arms.
    p31b_format_tail_of_if_else {
        lower! {
            pub async fn f(n: u32) -> String {
                let t = Tracker::new("t");
                if n % 2 == 0 {
                    format!("even {} {:?}", leaf("a", n).await, t)
                } else {
                    format!("odd {}", leaf("b", n).await)
                }
            }
        }
    }
    run { f(2) }
}

twin! {
    /// `vec![t, x.await]` moving a tracker local into the vector before the await.
    p31b_vec_macro_moves_local {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker::new("t");
                let v = vec![t, leaf("b", Tracker::new("b")).await];
                step("c").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `assert_ne!(a.name(), b.await.name())` with the awaited tracker a temporary.
    p31b_assert_ne_tracker_names {
        lower! {
            pub async fn f() -> u32 {
                let a = Tracker::new("a");
                assert_ne!(a.name(), leaf("b", Tracker::new("b")).await.name());
                step("c").await;
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// `expect` on `checked_sub` in a loop, failing on a later turn with a tracker per turn.
    p31b_expect_in_loop_fails {
        lower! {
            pub async fn f() -> u32 {
                let mut left = 5u32;
                for i in 0..4 {
                    let _t = Tracker::new(["e0", "e1", "e2", "e3"][i]);
                    left = left.checked_sub(leaf("take", 2).await).expect("ran out");
                }
                left
            }
        }
    }
    run { f() }
}

twin! {
    /// `write!` whose format string is a `concat!`, with an awaited argument.
    p31b_write_concat_format_string {
        lower! {
            pub async fn f() -> String {
                let mut s = String::new();
                write!(s, concat!("<", "{}", ">"), leaf("a", 1).await).unwrap();
                s
            }
        }
    }
    run { f() }
}

twin! {
    /// `panic!` whose format string is a `concat!`, with an awaited argument, trackers unwinding.
    p31b_panic_concat_format_string {
        lower! {
            pub async fn f() -> u32 {
                let _t = Tracker::new("t");
                let n = leaf("n", 3).await;
                if n > 2 {
                    panic!(concat!("too ", "big: {}"), leaf("m", n).await);
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `rows[i.await].push(x.await)`: a method on an indexed row with an awaited argument.
    p31b_nested_index_vec_push {
        lower! {
            pub async fn f() -> Vec<Vec<u32>> {
                let mut rows = vec![vec![1], vec![2]];
                rows[leaf("i", 1).await].push(leaf("x", 9).await);
                rows
            }
        }
    }
    run { f() }
}

twin! {
    /// `match Some((t, x.await)) { Some(p) => p.1, .. }` reading a field of the binding.
    p31b_match_tuple_scrutinee_field {
        lower! {
            pub async fn f() -> u32 {
                match Some((Tracker::new("pay"), leaf("a", 1u32).await)) {
                    Some(p) => p.1,
                    None => 0,
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `format!(concat!(..), x.await)`.
    p31b_min_format_concat {
        lower! {
            pub async fn f() -> String {
                format!(concat!("{}", "!"), leaf("a", 1).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Some(x) = Some((a.await, 2)) else { .. }; x.1`.
    p31b_let_else_tuple_await_first {
        lower! {
            pub async fn f() -> u32 {
                let Some(x) = Some((leaf("a", 1u32).await, 2u32)) else { return 0 };
                x.1
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0282): a `let .. else` whose scrutinee holds an earlier operand hoisted before an await (`let Some(x) = Some((t, a.await)) else {..}; x.1`): the copy of the statement before the await has a diverging block as scrutinee, "type annotations needed for `Option<_>`".
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: `let Some(x) = Some((t, a.await)) else { .. }; x.1`.
    p31b_min_let_else_tuple_await_second {
        lower! {
            pub async fn f() -> u32 {
                let Some(x) = Some((Tracker::new("t"), leaf("a", 1u32).await)) else { return 0 };
                x.1
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Some(s) = Some(a.await) else { .. }; s.len()`.
    p31b_let_else_method_on_binding {
        lower! {
            pub async fn f() -> usize {
                let Some(s) = Some(leaf("a", String::from("ab")).await) else { return 0 };
                s.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `grid[r.await][c.await]` on a `Vec<Vec<u32>>`.
    p31b_min_nested_index_awaited_row {
        lower! {
            pub async fn f() -> u32 {
                let grid = vec![vec![1, 2], vec![3, 4]];
                grid[leaf("r", 1).await][leaf("c", 0).await]
            }
        }
    }
    run { f() }
}
