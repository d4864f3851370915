//! More probing programs (see `probe.rs`): `futures::join!`, destructuring assignment,
//! inference across awaits, `unsafe` blocks, methods named like the generated code's helpers.
use crate::prelude::*;

pub fn takes_u64(n: u64) -> u64 {
    n * 2
}

twin! {
    /// `futures::join!` inside a lowered body.
    p2_futures_join {
        lower! {
            pub async fn f() -> (u32, u32) {
                let _t = Tracker("t");
                let (a, b) = futures::join!(leaf("a", 1), leaf("b", 2));
                step("s").await;
                (a, b)
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure whose parameter shadows a hoisted local of the same name.
    p2_closure_param_shadow {
        lower! {
            pub async fn f() -> u32 {
                let n = leaf("n", 5).await;
                let add = |n: u32| n + 1;
                let x = 100;
                let g = move |x| x * n;
                step("s").await;
                add(n) + g(x) + x
            }
        }
    }
    run { f() }
}

#[cfg(any())]
twin! {
    /// Locals named like plausible generated identifiers.
    p2_name_collisions {
        lower! {
            pub async fn f(cx: u32) -> u32 {
                let state = leaf("state", 1).await;
                let this = Tracker("this");
                let fut = leaf("fut", 2);
                let frame = 3;
                let __t0 = 4;
                let waker = fut.await;
                let poll = step("poll");
                poll.await;
                let _ = this;
                cx + state + waker + frame + __t0
            }
        }
    }
    run { f(10) }
}

twin! {
    /// Two types with a lowered method of the same name in the same module, and a free
    /// function with that name.
    p2_same_method_names {
        pub struct A(pub u32);
        pub struct B(pub u32);
        impl A {
            lower! {
                pub async fn run(&self) -> u32 { leaf("a", self.0).await }
            }
        }
        impl B {
            lower! {
                pub async fn run(&self) -> u32 { leaf("b", self.0).await + 1 }
            }
        }
        lower! {
            pub async fn run(a: &A, b: &B) -> u32 { a.run().await + b.run().await }
        }
    }
    run { run(leak(A(1)), leak(B(2))) }
}

#[cfg(any())]
twin! {
    /// A closure returning an async block, awaited several times.
    p2_closure_returning_async {
        lower! {
            pub async fn f() -> u32 {
                let base = leaf("base", 10).await;
                let mk = |x: u32| async move { leaf("mk", x + base).await };
                let a = mk(1).await;
                let b = mk(2).await;
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// An await inside an `unsafe` block.
    p2_unsafe_block {
        lower! {
            pub async fn f() -> u32 {
                let v = [1u32, 2, 3];
                let x = unsafe { *v.get_unchecked(leaf("i", 1).await) };
                x + unsafe { *v.as_ptr().add(2) }
            }
        }
    }
    run { f() }
}

twin! {
    /// `self: Box<Self>` receiver.
    p2_box_self {
        pub struct S(pub Tracker, pub u32);
        impl S {
            lower! {
                pub async fn consume(self: Box<Self>) -> u32 {
                    step("s").await;
                    let n = self.1;
                    log(format!("{:?}", self.0));
                    n + leaf("x", 1).await
                }
            }
        }
    }
    run { Box::new(S(Tracker("boxed"), 4)).consume() }
}

twin! {
    /// Destructuring assignment with awaits.
    p2_destructuring_assignment {
        lower! {
            pub async fn f() -> (u32, u32, Tracker) {
                let (mut a, mut b) = (1u32, 2u32);
                let mut t = Tracker("t-old");
                (a, b) = (leaf("b", b).await, val("a", a));
                [a, _] = [leaf("arr", 10).await, 0];
                (t, b) = (leaf("t", Tracker("t-new")).await, b + 1);
                step("s").await;
                (a, b, t)
            }
        }
    }
    run { f() }
}

#[cfg(any())]
twin! {
    /// Match ergonomics on `&opt` with the bound reference held across an await; a
    /// temporary scrutinee bound by `ref`.
    p2_match_ref_ergonomics {
        lower! {
            pub async fn f() -> usize {
                let opt = Some(Tracker("o"));
                let a = match &opt {
                    Some(t) => {
                        step("s").await;
                        t.name().len()
                    }
                    None => 0,
                };
                let b = match Tracker::new("tmp") {
                    ref t => {
                        step("s2").await;
                        t.name().len()
                    }
                };
                a + b
            }
        }
    }
    run { f() }
}

twin! {
    /// Type inference of locals across awaits: element type fixed after the await,
    /// integer literal typed by a later use, `parse` typed later.
    p2_inference_across_awaits {
        lower! {
            pub async fn f() -> (Vec<u8>, u64, u64) {
                let mut v = Vec::new();
                step("s").await;
                v.push(leaf("x", 1).await);
                let mut n = 0;
                step("s2").await;
                n += 1;
                let p = "5".parse().unwrap();
                step("s3").await;
                (v, takes_u64(n), takes_u64(p))
            }
        }
    }
    run { f() }
}

twin! {
    /// `let x = match opt { Some(v) => v, None => return leaf(..).await };` and `?` in a
    /// block used as a value.
    p2_match_return_and_block_question {
        lower! {
            pub async fn f(opt: Option<u32>, other: Option<u32>) -> Option<u32> {
                let _t = Tracker("t");
                let x = match opt {
                    Some(v) => v,
                    None => return leaf("none", Some(0)).await,
                };
                let y = {
                    let _b = Tracker("b");
                    let o = other?;
                    o + leaf("y", 1).await
                };
                Some(x + y)
            }
        }
    }
    run { pair(f(None, None), pair(f(Some(1), None), f(Some(1), Some(2)))) }
}

twin! {
    /// A match arm binding shadowing an outer local of the same name, across awaits.
    p2_arm_binding_shadows_local {
        lower! {
            pub async fn f(y: Option<u32>) -> u32 {
                let x = leaf("x", 100).await;
                let r = match y {
                    Some(x) => {
                        step("arm").await;
                        x
                    }
                    None => x,
                };
                step("after").await;
                r + x
            }
        }
    }
    run { pair(f(Some(1)), f(None)) }
}

twin! {
    /// `iter().enumerate().rev()` over trackers, awaiting each; break midway.
    p2_iter_rev_break {
        lower! {
            pub async fn f() -> Vec<usize> {
                let v = vec![Tracker("a"), Tracker("b"), Tracker("c")];
                let mut out = Vec::new();
                for (i, t) in v.iter().enumerate().rev() {
                    if leaf("name", t.name()).await == "a" {
                        break;
                    }
                    out.push(i);
                }
                let mut w = v;
                while let Some(t) = w.pop() {
                    step(t.name()).await;
                    if t.name() == "b" {
                        break;
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
    /// `Option<&mut T>` via `as_mut()` held across awaits; reborrow of a boxed value.
    p2_as_mut_across {
        lower! {
            pub async fn f() -> (Option<u32>, u32) {
                let mut o = Some(1u32);
                if let Some(x) = o.as_mut() {
                    step("s").await;
                    *x += leaf("add", 2).await;
                }
                let mut b = Box::new(10u32);
                let r = &mut *b;
                step("s2").await;
                *r += 1;
                (o, *b)
            }
        }
    }
    run { f() }
}

twin! {
    /// `dbg!`-free std macros with awaits: `matches!` inside `if`, `write!` to a String,
    /// `println!` is avoided; `concat!`-like `format_args!` via `format!` with positional.
    p2_format_positional {
        lower! {
            pub async fn f() -> String {
                let w = 3;
                format!("{0}-{0}-{1:>w$}", leaf("a", 1).await, leaf("b", 2).await)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block capturing a local that is then awaited after another await;
    /// the block is dropped unpolled on one path.
    p2_async_block_conditional {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let t = Tracker("captured");
                let fut = async move {
                    step("in").await;
                    t.name().len() as u32
                };
                step("before").await;
                if c { fut.await } else { 0 }
            }
        }
    }
    run { pair(f(true), f(false)) }
}
