//! `?` (with `From` conversions, on `Option`, inside expressions) and panics: what is
//! dropped on the way out, and what a later poll says.
use crate::prelude::*;

#[derive(Debug)]
pub struct LowError(pub u32);

#[derive(Debug)]
pub enum HighError {
    Low(u32),
    Parse(String),
}

impl From<LowError> for HighError {
    fn from(e: LowError) -> Self {
        log(format!("convert LowError({})", e.0));
        HighError::Low(e.0)
    }
}

impl From<std::num::ParseIntError> for HighError {
    fn from(e: std::num::ParseIntError) -> Self {
        log("convert ParseIntError");
        HighError::Parse(e.to_string())
    }
}

pub fn low(name: &'static str, ok: bool, v: u32) -> Leaf<Result<u32, LowError>> {
    leaf(name, if ok { Ok(v) } else { Err(LowError(v)) })
}

twin! {
    /// `?` converting two error types with `From`, from inside nested scopes and a loop:
    /// the conversion runs, then the live locals drop, then the arguments.
    question_from_conversion {
        lower! {
            pub async fn f(fail_at: u32, arg: Tracker) -> Result<u32, HighError> {
                let _a = Tracker("a");
                let x = low("x", fail_at != 1, 1).await?;
                let mut total = x;
                for i in 2..5 {
                    let _it = Tracker("iter");
                    total += low("loop", fail_at != i, i).await?;
                }
                {
                    let _b = Tracker("b");
                    let parsed: u32 = leaf("text", if fail_at == 5 { "x5" } else { "5" }).await.parse()?;
                    total += parsed;
                }
                log(format!("{arg:?} done"));
                Ok(total)
            }
        }
    }
    run {
        pair(pair(f(0, Tracker("arg0")), f(1, Tracker("arg1"))), pair(f(3, Tracker("arg3")), f(5, Tracker("arg5"))))
    }
}

twin! {
    /// `?` on `Option` values produced by awaits and by plain calls between awaits.
    question_option {
        lower! {
            pub async fn f(v: Vec<u32>) -> Option<u32> {
                let _t = Tracker("t");
                let first = leaf("first", v.first().copied()).await?;
                let last = *v.last()?;
                let mid = leaf("mid", v.get(1).copied()).await? + leaf("always", Some(1)).await?;
                Some(first + last + mid)
            }
        }
    }
    run { pair(f(vec![]), pair(f(vec![5]), f(vec![1, 2, 3]))) }
}

twin! {
    /// `?` in the middle of expressions: earlier operands are already evaluated (and their
    /// temporaries dropped in order) when a later `?` returns.
    question_in_expressions {
        lower! {
            pub async fn f(fail: u32) -> Result<(u32, String), HighError> {
                let sum = low("a", fail != 1, 1).await? + val("mid", 10) + low("b", fail != 2, 2).await?;
                let text = format!("{}:{}", Tracker::new("fmt").name(), low("c", fail != 3, 3).await?);
                Ok((sum, text))
            }
        }
    }
    run { pair(pair(f(0), f(1)), pair(f(2), f(3))) }
}

twin! {
    /// A panic in the body after some awaits: the live locals and the arguments drop while
    /// unwinding, and a later poll panics with "`async fn` resumed after panicking".
    panic_in_body {
        lower! {
            pub async fn f(arg: Tracker, n: u32) -> u32 {
                let _a = Tracker("a");
                let x = leaf("x", n).await;
                let _b = Tracker("b");
                step("s").await;
                if x > 2 {
                    let _c = Tracker("c");
                    panic!("too big: {x} ({arg:?})");
                }
                x
            }
        }
    }
    run { f(Tracker("arg"), 3) }
}

twin! {
    /// A panic raised by the awaited future itself, while the awaiter borrows a local.
    panic_in_awaited_future {
        lower! {
            pub async fn f(v: Vec<Tracker>) -> u32 {
                let _g = Tracker("guard");
                let first = &v[0];
                step(first.name()).await;
                let n = boom("bomb").await;
                log(format!("unreachable {n}"));
                n
            }
        }
    }
    run { f(vec![Tracker("v0"), Tracker("v1")]) }
}

twin! {
    /// A panic in the first poll before any await (the future is still lazy until then).
    panic_before_first_await {
        lower! {
            pub async fn f(arg: Tracker, items: Vec<u32>) -> u32 {
                let _t = Tracker("t");
                let third = items[2];
                leaf("never", third).await + arg.name().len() as u32
            }
        }
    }
    run { pair(step("before"), f(Tracker("arg"), vec![1])) }
}

twin! {
    /// `Result<_, Box<dyn Error>>` with `?` on several error types (`io::Error`,
    /// `ParseIntError`, a `String` message), the way application code is written.
    question_into_box_dyn_error {
        lower! {
            pub async fn f(text: &'static str, fail_io: bool) -> Result<u32, Box<dyn std::error::Error>> {
                let _t = Tracker("t");
                let n: u32 = leaf("text", text).await.trim().parse()?;
                let io: std::io::Result<u32> =
                    if fail_io { Err(std::io::Error::new(std::io::ErrorKind::Other, "io failed")) } else { Ok(1) };
                let m = leaf("io", io).await?;
                if n > 100 {
                    return Err(format!("{n} is too big").into());
                }
                Ok(n + m)
            }
        }
    }
    run {
        pair(pair(f(" 7 ", false), f("x", false)), pair(f("8", true), f("500", false)))
    }
}
