//! The smallest forms of what the probing programs found: each was a compile error or a
//! difference from native when found. Those not fixed yet are known gaps, behind
//! `--features known-gaps`, each with the reason.
use crate::prelude::*;
#[allow(unused_imports)] // used by the gated bodies
use super::probe::{Builder, Two};

pub struct C { pub count: u32, pub hist: Vec<u32> }

#[allow(unused_macros)] // used by a gated body
macro_rules! twice {
    ($v:expr) => { leaf("m", $v).await };
}


twin! {
    m_partial_move_field {
        lower! {
            pub async fn f() -> u32 {
                let s = Two { a: Tracker("a"), b: Tracker("b"), n: 1 };
                let b = s.b;
                step("s").await;
                drop(b);
                s.n
            }
        }
    }
    run { f() }
}


// Known gap: struct update syntax (`..base`) of a struct declared in another file (`Two`, in probe.rs) moves fields out of `base`, which is kept whole across the next await (E0382); with the struct in the same file the update is spelled out field by field and works.
#[cfg(feature = "known-gaps")]
twin! {
    m_struct_update_base {
        lower! {
            pub async fn f() -> u32 {
                let base = Two { a: Tracker("base-a"), b: Tracker("base-b"), n: 1 };
                let next = Two { a: Tracker("new-a"), ..base };
                step("s").await;
                next.n
            }
        }
    }
    run { f() }
}

twin! {
    m_move_field_out_after_await {
        lower! {
            pub async fn f() -> Vec<u32> {
                let c = C { count: 0, hist: vec![1] };
                step("s").await;
                c.hist
            }
        }
    }
    run { f() }
}

twin! {
    m_method_chain_temp_receiver {
        lower! {
            pub async fn f() -> usize {
                Builder::new().add(leaf("n", 2).await).parts.len()
            }
        }
    }
    run { f() }
}


// Known gap: a method taking `self` on a temporary inside a larger awaited expression (`Builder::new().grow(2).await.finish().await`): only a whole statement's awaited call on a temporary is built in an `async move` block (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    m_method_chain_async_method {
        lower! {
            pub async fn f() -> u32 {
                Builder::new().grow(2).await.finish().await
            }
        }
    }
    run { f() }
}

twin! {
    m_let_chain_plain {
        lower! {
            pub async fn f(k: Option<u32>) -> u32 {
                if let Some(x) = k && x > 1 {
                    leaf("then", x).await
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(2)), f(None)) }
}

twin! {
    m_let_chain_await_in_cond {
        lower! {
            pub async fn f(k: Option<u32>) -> u32 {
                if let Some(x) = leaf("a", k).await && x > 1 {
                    x
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(2)), f(None)) }
}


twin! {
    m_match_tuple_ref_binding {
        lower! {
            pub async fn f() -> &'static str {
                match (Tracker("a"), 1) {
                    (ref t, _) => {
                        step("s").await;
                        t.name()
                    }
                }
            }
        }
    }
    run { f() }
}


twin! {
    m_format_named_arg {
        lower! {
            pub async fn f() -> String {
                format!("{x}", x = leaf("x", 3).await)
            }
        }
    }
    run { f() }
}


// Known gap: an `.await` inside a user's `macro_rules!` expansion: a proc-macro cannot see inside an unexpanded macro (E0728).
#[cfg(feature = "known-gaps")]
twin! {
    m_user_macro_await {
        lower! {
            pub async fn f() -> u32 {
                twice!(2)
            }
        }
    }
    run { f() }
}

twin! {
    m_moved_two_paths {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let t = Tracker("t");
                match k {
                    0 => drop(t),
                    1 => drop(t),
                    _ => {}
                }
                step("after").await;
                k
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}


twin! {
    m_temp_ext_array {
        lower! {
            pub async fn f() -> usize {
                let s = &[Tracker::new("ext")];
                step("s").await;
                s.len()
            }
        }
    }
    run { f() }
}

twin! {
    m_temp_ext_plain {
        lower! {
            pub async fn f() -> usize {
                let r = &Tracker::new("ext");
                step("s").await;
                r.name().len()
            }
        }
    }
    run { f() }
}


twin! {
    m_temp_ext_tuple {
        lower! {
            pub async fn f() -> usize {
                let p = (&Tracker::new("ext"), 1usize);
                step("s").await;
                p.0.name().len() + p.1
            }
        }
    }
    run { f() }
}


twin! {
    m_moved_in_branch {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let t = Tracker("t");
                if c {
                    drop(t);
                    step("then").await;
                } else {
                    step("else").await;
                    log(format!("{t:?}"));
                }
                1
            }
        }
    }
    run { pair(f(true), f(false)) }
}


twin! {
    m_guard_place_scrutinee {
        lower! {
            pub async fn f(item: (u32, Tracker)) -> u32 {
                match item {
                    (n, t) if leaf("g", n > 0).await => n + t.name().len() as u32,
                    _ => 0,
                }
            }
        }
    }
    run { pair(f((1, Tracker("a"))), f((0, Tracker("b")))) }
}

twin! {
    m_underscore_assign {
        lower! {
            pub async fn f() {
                _ = leaf("a", Tracker("a")).await;
                log("after");
            }
        }
    }
    run { f() }
}


// Known gap: a field moved out of a local that a reference held across an await borrows: the local lives in a frame slot (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    m_field_borrows_a {
        lower! {
            pub async fn f() -> (u32, Vec<u32>) {
                let mut c = C { count: 0, hist: Vec::new() };
                let count = &mut c.count;
                let hist = &mut c.hist;
                *count += leaf("inc", 1).await;
                hist.push(*count);
                (c.count, c.hist)
            }
        }
    }
    run { f() }
}

twin! {
    m_field_borrows_b {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut c = C { count: 0, hist: Vec::new() };
                c.count += leaf("inc", 1).await;
                c.hist
            }
        }
    }
    run { f() }
}

twin! {
    m_field_take_then_move {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut c = (Some(Tracker("g")), vec![1u32]);
                let g = c.0.take();
                step("s").await;
                drop(g);
                c.1
            }
        }
    }
    run { f() }
}


twin! {
    m_let_chain_two_lets {
        lower! {
            pub async fn f(k: Option<u32>) -> u32 {
                if let Some(x) = k
                    && let Some(y) = leaf("b", Some(x)).await
                {
                    y
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(2)), f(None)) }
}


twin! {
    m_let_chain_await_bool {
        lower! {
            pub async fn f(k: Option<u32>) -> u32 {
                if let Some(x) = k && leaf("big", x > 1).await {
                    x
                } else {
                    0
                }
            }
        }
    }
    run { pair(f(Some(2)), f(Some(1))) }
}

twin! {
    m_moved_two_paths_await {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let t = Tracker("t");
                match k {
                    0 => drop(t),
                    1 => {
                        step("one").await;
                        drop(t);
                    }
                    _ => {}
                }
                step("after").await;
                k
            }
        }
    }
    run { pair(f(0), pair(f(1), f(2))) }
}


// Known gap: a field moved out of a local that a reference held across an await borrows: the local lives in a frame slot (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    m_field_borrow_then_move_field {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut c = C { count: 0, hist: Vec::new() };
                let h = &mut c.hist;
                h.push(leaf("x", 1).await);
                c.hist
            }
        }
    }
    run { f() }
}


// Known gap: a field moved out of a local that a reference held across an await borrows: the local lives in a frame slot (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    m_whole_borrow_then_move_field {
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut c = C { count: 0, hist: Vec::new() };
                let r = &mut c;
                step("s").await;
                r.count += 1;
                c.hist
            }
        }
    }
    run { f() }
}
