//! A `let` (or any value) whose paths split at an await: one branch awaits, another does
//! not, and only the awaiting branch says the value's type.

use crate::common::leaf::*;

twin! {
    /// The other branch converts with `.into()`; the value is then formatted.
    j_into_other_branch {
        lower! {
            pub async fn f(c: bool) -> String {
                let s = if c { leaf("a", String::from("x")).await } else { "none".into() };
                format!("{s}")
            }
        }
    }
    run { async { (f(false).await, f(true).await) } }
}

twin! {
    /// An integer literal in the other branch, then a method on the number.
    j_int_literal_method {
        lower! {
            pub async fn f(c: bool) -> u64 {
                let n = if c { leaf("n", 5u64).await } else { 0 };
                n.max(1) + n.pow(2)
            }
        }
    }
    run { async { (f(false).await, f(true).await) } }
}

twin! {
    /// `Default::default()` in the other arm, then a method on it.
    j_default_other_arm {
        lower! {
            pub async fn f(k: u32) -> usize {
                let v = match k { 0 => leaf("v", vec![1, 2, 3]).await, _ => Default::default() };
                step("s").await;
                v.len()
            }
        }
    }
    run { async { (f(1).await, f(0).await) } }
}

twin! {
    /// `parse()` in the other branch, the type named only by the awaited output.
    j_parse_other_branch {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let n = if c { leaf("n", 7u32).await } else { "12".parse().unwrap() };
                n.count_ones() + n
            }
        }
    }
    run { async { (f(false).await, f(true).await) } }
}

twin! {
    /// `None` in the other branch, then `map` on the option.
    j_none_other_branch {
        lower! {
            pub async fn f(c: bool) -> Option<usize> {
                let t = Tracker::new("t");
                let o = if c { leaf("o", Some(String::from("ab"))).await } else { None };
                let r = o.map(|s| s.len());
                drop(t);
                r
            }
        }
    }
    run { async { (f(false).await, f(true).await) } }
}

twin! {
    /// `collect()` in the other branch.
    j_collect_other_branch {
        lower! {
            pub async fn f(c: bool) -> usize {
                let v = if c { leaf("v", vec![1u8]).await } else { (0..3).collect() };
                v.iter().count()
            }
        }
    }
    run { async { (f(false).await, f(true).await) } }
}

twin! {
    /// A `match` whose arms give the value in three arms of the machine, with trackers alive
    /// across the join (cancellation at each await compares their drops).
    j_match_three_paths_trackers {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let t = Tracker::new("t");
                let v = match k {
                    0 => leaf("a", 3u8).await,
                    1 => {
                        let u = Tracker::new("u");
                        step("s").await;
                        drop(u);
                        2
                    }
                    _ => Default::default(),
                };
                step("b").await;
                v.pow(2) as u32 + t.name().len() as u32
            }
        }
    }
    run { async { (f(0).await, f(1).await, f(2).await) } }
}

twin! {
    /// Deferred initialization: the local is assigned in both branches, one of which awaits.
    j_deferred_init_branches {
        lower! {
            pub async fn f(c: bool) -> usize {
                let s;
                if c {
                    s = leaf("a", String::from("xy")).await;
                } else {
                    s = "abc".into();
                }
                step("b").await;
                s.len()
            }
        }
    }
    run { async { (f(false).await, f(true).await) } }
}

twin! {
    /// An assignment whose value comes from an `if` that awaits on one path.
    j_assign_other_branch {
        lower! {
            pub async fn f(c: bool) -> usize {
                let mut s = Vec::new();
                s = if c { leaf("a", vec![1u16, 2]).await } else { s.into_iter().collect() };
                s.iter().map(|x| x.count_ones() as usize).sum()
            }
        }
    }
    run { async { (f(false).await, f(true).await) } }
}

twin! {
    /// The split `let` inside a loop body: the join is inside the loop.
    j_in_loop {
        lower! {
            pub async fn f() -> u64 {
                let mut total = 0;
                for i in 0..4u64 {
                    let _t = Tracker::new("loop");
                    let v = if i % 2 == 0 { leaf("a", i).await } else { Default::default() };
                    total += v.pow(2);
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// The value comes out of a block whose tail is the split `if`, then a method on it.
    j_block_tail_split {
        lower! {
            pub async fn f(c: bool) -> String {
                let s = {
                    let p = Tracker::new("p");
                    let r = if c { leaf("a", String::from("q")).await } else { p.name().into() };
                    r
                };
                s.to_uppercase()
            }
        }
    }
    run { async { (f(false).await, f(true).await) } }
}

twin! {
    /// Deferred initialization in both branches, one awaiting, the local used at once.
    j_deferred_init_used_at_once {
        lower! {
            pub async fn f(c: bool) -> usize {
                let s;
                if c {
                    s = leaf("a", String::from("xy")).await;
                } else {
                    s = "abc".into();
                }
                s.len()
            }
        }
    }
    run { async { (f(false).await, f(true).await) } }
}

twin! {
    /// `loop` values: a `break` before the await (it runs in `Start` and on later turns) and
    /// one after it, then a method that needs the value's type.
    j_loop_break_before_await {
        lower! {
            pub async fn f(mut k: u32) -> u32 {
                let v = loop {
                    if k == 0 {
                        break Default::default();
                    }
                    let x = leaf("a", 5u8 + k as u8).await;
                    if x > 6 {
                        break x;
                    }
                    k -= 1;
                };
                v.pow(2) as u32
            }
        }
    }
    run { async { (f(0).await, f(1).await, f(3).await) } }
}

twin! {
    /// A labelled block whose value leaves early on one path and after an await on another.
    j_labelled_block_value {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let _t = Tracker::new("t");
                let v = 'b: {
                    if c {
                        break 'b 0;
                    }
                    leaf("a", 3u32).await
                };
                step("after").await;
                v.pow(2)
            }
        }
    }
    run { async { (f(true).await, f(false).await) } }
}

twin! {
    /// A reference returned by a user's method (a name that says nothing) kept across
    /// awaits: the local it points into must not move.
    ref_from_unknown_method_across_awaits {
        pub struct Bag(pub Vec<u32>, pub Tracker);
        impl Bag {
            pub fn slot_of(&mut self, i: usize) -> &mut u32 {
                &mut self.0[i]
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let mut b = Bag(vec![1, 2, 3], Tracker::new("b"));
                let big = [7u64; 6];
                let r = b.slot_of(1);
                step("s").await;
                let other = Bag(vec![9; 4], Tracker::new("o"));
                step("t").await;
                *r += 10;
                step("u").await;
                b.0[1] + other.0.len() as u32 + big[0] as u32
            }
        }
    }
    run { f() }
}
