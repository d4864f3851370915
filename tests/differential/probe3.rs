//! Probing programs about fields, `Box<Self>` and names: reading a `Copy` field, moving
//! out of a box, locals named like the generated code's (`state`, `poll`, `fut`), closures.
use crate::prelude::*;

pub struct S(pub Tracker, pub u32);

twin! {
    p3_box_self_no_copy {
        impl S2 {
            lower! {
                pub async fn consume(self: Box<Self>) -> u32 {
                    step("s").await;
                    log(format!("{:?}", self.0));
                    leaf("x", 1).await
                }
            }
        }
        pub struct S2(pub Tracker, pub u32);
    }
    run { Box::new(S2(Tracker("boxed"), 4)).consume() }
}

twin! {
    p3_box_self_copy_field {
        impl S2 {
            lower! {
                pub async fn consume(self: Box<Self>) -> u32 {
                    let n = self.1;
                    leaf("x", n).await
                }
            }
        }
        pub struct S2(pub Tracker, pub u32);
    }
    run { Box::new(S2(Tracker("boxed"), 4)).consume() }
}

twin! {
    p3_self_copy_field {
        impl S2 {
            lower! {
                pub async fn consume(self) -> u32 {
                    let n = self.1;
                    leaf("x", n).await
                }
            }
        }
        pub struct S2(pub Tracker, pub u32);
    }
    run { S2(Tracker("byval"), 4).consume() }
}

twin! {
    p3_local_copy_field {
        lower! {
            pub async fn f() -> u32 {
                let s = S(Tracker("local"), 4);
                let n = s.1;
                leaf("x", n).await
            }
        }
    }
    run { f() }
}

twin! {
    p3_box_local_copy_field {
        lower! {
            pub async fn f() -> u32 {
                let s = Box::new(S(Tracker("boxed-local"), 4));
                let n = s.1;
                leaf("x", n).await
            }
        }
    }
    run { f() }
}

twin! {
    p3_box_local_deref_move {
        lower! {
            pub async fn f() -> u32 {
                let s = Box::new(S(Tracker("boxed-local"), 4));
                let t = s.0;
                step("s").await;
                drop(t);
                step("s2").await;
                1
            }
        }
    }
    run { f() }
}


twin! {
    p3_name_state_fields {
        lower! {
            pub async fn f() -> u32 {
                let state = 1;
                step("s").await;
                state
            }
        }
    }
    run { f() }
}

twin! {
    p3_name_poll {
        lower! {
            pub async fn f() -> u32 {
                let poll = leaf("poll", 1);
                poll.await
            }
        }
    }
    run { f() }
}

twin! {
    p3_name_fut {
        lower! {
            pub async fn f() -> u32 {
                let fut = leaf("fut", 1);
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    p3_name_misc {
        lower! {
            pub async fn f(cx: u32) -> u32 {
                let this = 1;
                let frame = 2;
                let __t0 = 3;
                let waker = 4;
                step("s").await;
                cx + this + frame + __t0 + waker
            }
        }
    }
    run { f(10) }
}


twin! {
    p3_closure_async_move_copy_capture {
        lower! {
            pub async fn f() -> u32 {
                let base = 10u32;
                let mk = |x: u32| async move { x + base };
                step("s").await;
                mk(1).await
            }
        }
    }
    run { f() }
}

twin! {
    p3_closure_move_copy_capture {
        lower! {
            pub async fn f() -> u32 {
                let base = 10u32;
                let mk = |x: u32| x + base;
                step("s").await;
                mk(1) + mk(2)
            }
        }
    }
    run { f() }
}

twin! {
    p3_move_closure_then_use_copy {
        lower! {
            pub async fn f() -> u32 {
                let base = 10u32;
                let g = move |x: u32| x + base;
                step("s").await;
                g(1) + base
            }
        }
    }
    run { f() }
}

twin! {
    p3_async_move_copy_then_use {
        lower! {
            pub async fn f() -> u32 {
                let base = 10u32;
                let fut = async move { base + 1 };
                step("s").await;
                fut.await + base
            }
        }
    }
    run { f() }
}

twin! {
    p3_copy_field_then_use {
        lower! {
            pub async fn f() -> &'static str {
                let s = S(Tracker("local"), 4);
                let n = s.1;
                step("s").await;
                log(format!("{n}"));
                s.0.name()
            }
        }
    }
    run { f() }
}

twin! {
    p3_copy_field_in_condition {
        lower! {
            pub async fn f() -> u32 {
                let s = S(Tracker("local"), 4);
                if s.1 > 3 {
                    step("s").await;
                }
                log("end");
                1
            }
        }
    }
    run { f() }
}

twin! {
    p3_copy_field_as_arg {
        lower! {
            pub async fn f() -> u32 {
                let s = S(Tracker("local"), 4);
                leaf("x", s.1).await
            }
        }
    }
    run { f() }
}

twin! {
    p3_partial_move_nouse {
        lower! {
            pub async fn f() -> u32 {
                let s = (Tracker("a"), Tracker("b"));
                let b = s.1;
                step("s").await;
                drop(b);
                0
            }
        }
    }
    run { f() }
}

twin! {
    p3_underscore_assign_plain {
        lower! {
            pub async fn f() {
                _ = Tracker::new("a");
                log("after");
                step("s").await;
            }
        }
    }
    run { f() }
}
