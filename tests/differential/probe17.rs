//! Probe round 17: a field of a local matched by a pattern that binds by value (`if let
//! Some(p) = cfg.port`, `match job.kind { .. }`, `let .. else`) with the local living on
//! across awaits; `move` closures and `async move` blocks naming only fields of a local;
//! and the everyday code around them (builders, configs, requests with `Option` fields,
//! enums with data, state machines in a struct field, retry loops, small parsers).
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};

pub enum P17Kind {
    A(Tracker),
    B(Tracker, u32),
    C,
}

pub struct P17Cfg {
    pub port: Option<u32>,
    pub host: Option<String>,
    pub name: String,
    pub t: Tracker,
}

pub fn p17_cfg(which: u32) -> P17Cfg {
    P17Cfg {
        port: if which % 2 == 0 { Some(which + 80) } else { None },
        host: if which < 2 { Some(format!("h{which}")) } else { None },
        name: String::from("cfg"),
        t: Tracker::new("cfg.t"),
    }
}

pub struct P17Job {
    pub id: u32,
    pub kind: P17Kind,
    pub t: Tracker,
}

pub fn p17_job(which: u32) -> P17Job {
    P17Job {
        id: which,
        kind: match which {
            0 => P17Kind::A(Tracker::new("ka")),
            1 => P17Kind::B(Tracker::new("kb"), 3),
            _ => P17Kind::C,
        },
        t: Tracker::new("job.t"),
    }
}

pub struct P17Outer {
    pub inner: P17Job,
    pub u: Tracker,
}

twin! {
    /// `if let Some(p) = cfg.port { .. await .. } else { .. await .. }` on a Copy field of a
    /// local made by a call; the other fields read after.
    p17_if_let_port_else {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let _g = Tracker::new("g");
                let n = if let Some(p) = cfg.port {
                    leaf("port", p).await as usize
                } else {
                    step("no port").await;
                    0
                };
                step("after").await;
                n + cfg.name.len() + cfg.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// `if let Some(h) = cfg.host` moves a String out of the local; the rest lives on.
    p17_if_let_host_moves {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                step("start").await;
                if let Some(h) = cfg.host {
                    let k = leaf("host", h.len()).await;
                    log(format!("host {h} {k}"));
                }
                let _mid = Tracker::new("mid");
                step("after").await;
                cfg.port.unwrap_or(0) as usize + cfg.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// `match job.kind` with one arm per variant, each awaiting; `job.t` read after.
    p17_match_kind_arms_await {
        lower! {
            pub async fn f(which: u32) -> u32 {
                let job = p17_job(which);
                let _g = Tracker::new("g");
                let r = match job.kind {
                    P17Kind::A(t) => { step("a").await; let n = t.name().len() as u32; drop(t); n }
                    P17Kind::B(t, n) => { let k = leaf("b", n).await; log(t.name()); k * 2 }
                    P17Kind::C => { step("c").await; 0 }
                };
                step("after").await;
                r + job.id + job.t.name().len() as u32
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// Arms binding only a Copy part (`B(_, n)`), with a guard; nothing moved out of `job`.
    p17_match_kind_copy_part_guard {
        lower! {
            pub async fn f(which: u32, lim: u32) -> u32 {
                let job = p17_job(which);
                let r = match job.kind {
                    P17Kind::B(_, n) if n > lim => leaf("big", n).await,
                    P17Kind::B(_, n) => { step("small").await; n }
                    P17Kind::A(_) => { step("a").await; 100 }
                    P17Kind::C => 7,
                };
                let _mid = Tracker::new("mid");
                step("after").await;
                let name = match &job.kind { P17Kind::A(t) | P17Kind::B(t, _) => t.name(), P17Kind::C => "c" };
                log(name);
                r + job.id
            }
        }
    }
    run { pair(pair(f(1, 1), f(1, 5)), pair(f(0, 0), f(2, 0))) }
}

twin! {
    /// `let Some(h) = cfg.host else { .. await .. return };` then awaits using `h` and the
    /// rest of the local.
    p17_let_else_host_return {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let _g = Tracker::new("g");
                let Some(h) = cfg.host else {
                    step("no host").await;
                    log(format!("name {}", cfg.name));
                    return 0;
                };
                let k = leaf("h", h.len()).await;
                step("more").await;
                k + cfg.name.len() + cfg.port.unwrap_or(1) as usize
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(3)) }
}

twin! {
    /// Or-pattern binding the tracker in two variants; the rest of `job` lives on.
    p17_or_pattern_binds {
        lower! {
            pub async fn f(which: u32) -> usize {
                let job = p17_job(which);
                step("s").await;
                let n = match job.kind {
                    P17Kind::A(t) | P17Kind::B(t, _) => {
                        step("either").await;
                        let n = t.name().len();
                        let _t = t;
                        step("held").await;
                        n
                    }
                    P17Kind::C => leaf("c", 9).await,
                };
                step("after").await;
                n + job.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// `@` bindings: a range on a Copy field, and a whole field bound `k @ P17Kind::A(_)`.
    p17_at_bindings {
        lower! {
            pub async fn f(which: u32) -> u32 {
                let cfg = p17_cfg(which);
                let job = p17_job(which);
                let a = match cfg.port {
                    Some(p @ 80..=81) => leaf("low", p).await,
                    Some(p) => { step("other").await; p + 1 }
                    None => 0,
                };
                let b = match job.kind {
                    k @ P17Kind::A(_) => { step("ka").await; drop(k); 1 }
                    k @ P17Kind::B(..) => { let x = leaf("kb", 2).await; let _k = k; step("kb2").await; x }
                    P17Kind::C => 3,
                };
                step("end").await;
                a + b + job.id + cfg.t.name().len() as u32
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A field of a field (`o.inner.kind`) matched by value; `o.u` and `o.inner.t` live on.
    p17_nested_field_match {
        lower! {
            pub async fn f(which: u32) -> usize {
                let o = P17Outer { inner: p17_job(which), u: Tracker::new("u") };
                step("start").await;
                let n = match o.inner.kind {
                    P17Kind::A(t) => { step("a").await; t.name().len() }
                    P17Kind::B(t, k) => { leaf("b", k).await; drop(t); step("b2").await; 2 }
                    P17Kind::C => 0,
                };
                let _late = Tracker::new("late");
                step("after").await;
                n + o.u.name().len() + o.inner.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A tuple local's field `t.0` matched by value; `t.1` and `t.2` used after.
    p17_tuple_field_if_let {
        lower! {
            pub async fn f(some: bool) -> usize {
                let t = (if some { Some(Tracker::new("zero")) } else { None }, Tracker::new("one"), 5u32);
                step("start").await;
                if let Some(z) = t.0 {
                    step("z").await;
                    log(z.name());
                } else {
                    step("none").await;
                }
                step("after").await;
                t.1.name().len() + t.2 as usize
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A field of a by-value parameter matched by value.
    p17_param_field_match {
        lower! {
            pub async fn f(job: P17Job, extra: Tracker) -> u32 {
                step("start").await;
                let r = match job.kind {
                    P17Kind::A(t) => { step("a").await; drop(t); 1 }
                    P17Kind::B(t, n) => { let v = leaf("b", n).await; drop(t); v }
                    P17Kind::C => 0,
                };
                step("mid").await;
                log(extra.name());
                r + job.id
            }
        }
    }
    run { pair(pair(f(p17_job(0), Tracker::new("x0")), f(p17_job(1), Tracker::new("x1"))), f(p17_job(2), Tracker::new("x2"))) }
}

twin! {
    /// `async fn run(self)` matching `self.kind`, then reading `self.t`.
    p17_self_run_match_kind {
        pub struct Task { pub kind: P17Kind, pub t: Tracker, pub n: u32 }
        impl Task {
            lower! {
                pub async fn run(self) -> u32 {
                    step("run").await;
                    let r = match self.kind {
                        P17Kind::A(t) => { step("a").await; drop(t); 1 }
                        P17Kind::B(t, n) => { leaf("b", n).await; log(t.name()); n }
                        P17Kind::C => { step("c").await; 0 }
                    };
                    step("after").await;
                    r + self.n + self.t.name().len() as u32
                }
            }
        }
        pub fn mk(w: u32) -> Task { Task { kind: p17_job(w).kind, t: Tracker::new("task.t"), n: w } }
    }
    run { pair(pair(mk(0).run(), mk(1).run()), mk(2).run()) }
}

twin! {
    /// An arm that binds nothing moves the field itself (`let h = cfg.host;`).
    p17_arm_binds_nothing_moves_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let _g = Tracker::new("g");
                let n = match cfg.host {
                    Some(_) if which == 0 => {
                        let h = cfg.host;
                        step("moved").await;
                        h.map(|s| s.len()).unwrap_or(0)
                    }
                    Some(_) => { step("kept").await; 1 }
                    None => { step("none").await; 0 }
                };
                step("after").await;
                n + cfg.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A match on a Copy field inside a loop, each arm awaiting; the field assigned in the loop.
    p17_match_copy_field_in_loop {
        pub struct St { pub left: Option<u32>, pub t: Tracker, pub total: u32 }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut st = St { left: Some(n), t: Tracker::new("st"), total: 0 };
                loop {
                    match st.left {
                        Some(0) => { step("zero").await; st.left = None; }
                        Some(k) => { st.total += leaf("k", k).await; st.left = Some(k - 1); }
                        None => break,
                    }
                }
                step("done").await;
                st.total
            }
        }
    }
    run { f(3) }
}

twin! {
    /// A state machine stored in a struct field, moved out by the matching arms and
    /// assigned again in each iteration.
    p17_state_field_loop {
        pub enum S { Idle, Conn(u32), Done(Tracker, u32) }
        pub struct Conn { pub state: S, pub t: Tracker }
        lower! {
            pub async fn f(lim: u32) -> u32 {
                let mut conn = Conn { state: S::Idle, t: Tracker::new("conn") };
                let r = loop {
                    match conn.state {
                        S::Idle => { step("idle").await; conn.state = S::Conn(1); }
                        S::Conn(n) if n < lim => { conn.state = S::Conn(leaf("c", n + 1).await); }
                        S::Conn(n) => { conn.state = S::Done(Tracker::new("done"), n); }
                        S::Done(t, n) => { step("done").await; drop(t); break n; }
                    }
                };
                step("after").await;
                r + conn.t.name().len() as u32
            }
        }
    }
    run { pair(f(3), f(0)) }
}

twin! {
    /// `?` and `return` inside the arms of a match on an Option field.
    p17_question_in_arm {
        pub struct Req { pub body: Option<String>, pub t: Tracker, pub id: u32 }
        pub async fn parse(s: String) -> Result<u32, String> {
            step("parse").await;
            s.parse::<u32>().map_err(|e| format!("{s}: {e}"))
        }
        lower! {
            pub async fn f(body: Option<&'static str>) -> Result<u32, String> {
                let req = Req { body: body.map(String::from), t: Tracker::new("req"), id: 4 };
                let _g = Tracker::new("g");
                let n = match req.body {
                    Some(b) if b.is_empty() => return Err(String::from("empty")),
                    Some(b) => parse(b).await?,
                    None => { step("none").await; return Ok(req.id) }
                };
                step("after").await;
                Ok(n + req.id)
            }
        }
    }
    run { pair(pair(f(Some("12")), f(Some("x"))), pair(f(Some("")), f(None))) }
}

twin! {
    /// After `if let` on a Copy field, the local is moved whole into an awaited call.
    p17_moved_whole_after {
        pub async fn consume(c: P17Cfg) -> usize { step("consume").await; c.name.len() }
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let mut n = 0;
                if let Some(p) = cfg.port {
                    n += leaf("p", p).await as usize;
                }
                let _mid = Tracker::new("mid");
                n + consume(cfg).await
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// After `if let` moves `cfg.host`, another field is moved out and the rest dropped.
    p17_partly_moved_after {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let mut n = 0;
                if let Some(h) = cfg.host {
                    step("h").await;
                    n += h.len();
                }
                let t = cfg.t;
                step("t moved").await;
                drop(t);
                step("after drop").await;
                n + cfg.name.len()
            }
        }
    }
    run { pair(f(0), f(3)) }
}

// Known gap: COMPILE (E0507): a field of a local held in a Partial moved out inside `format!` (documented: a macro other than `vec!`/`pin!`).
#[cfg(feature = "known-gaps")]
twin! {
    /// A field moved by `if let`, assigned again after, and read at the end.
    p17_field_assigned_again {
        lower! {
            pub async fn f(which: u32) -> String {
                let mut cfg = p17_cfg(which);
                if let Some(h) = cfg.host {
                    step("h").await;
                    log(h);
                }
                cfg.host = Some(String::from("again"));
                step("assigned").await;
                let _late = Tracker::new("late");
                format!("{}-{}", cfg.host.unwrap(), cfg.t.name())
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// `else if let` on another field after an `if let` on one.
    p17_else_if_let_other_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let _g = Tracker::new("g");
                let n = if let Some(p) = cfg.port {
                    leaf("port", p as usize).await
                } else if let Some(h) = cfg.host {
                    step("host").await;
                    h.len()
                } else {
                    step("neither").await;
                    0
                };
                step("after").await;
                n + cfg.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(3)) }
}

twin! {
    /// `while let Some(p) = st.port` with an await in the body.
    p17_while_let_field {
        pub struct St { pub port: Option<u32>, pub t: Tracker }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut st = St { port: Some(n), t: Tracker::new("st") };
                let mut sum = 0;
                while let Some(p) = st.port {
                    sum += leaf("p", p).await;
                    st.port = if p > 0 { Some(p - 1) } else { None };
                }
                step("after").await;
                sum + st.t.name().len() as u32
            }
        }
    }
    run { f(2) }
}

twin! {
    /// A let chain on a field: `if let Some(a) = s.port && a > 80`.
    p17_let_chain_field {
        lower! {
            pub async fn f(which: u32) -> u32 {
                let cfg = p17_cfg(which);
                let r = if let Some(a) = cfg.port && a > 80 {
                    leaf("a", a).await
                } else {
                    step("else").await;
                    1
                };
                step("after").await;
                r + cfg.t.name().len() as u32
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(1)) }
}

pub struct P17Parts {
    pub name: String,
    pub n: u32,
    pub a: Tracker,
    pub b: Tracker,
}

pub fn p17_parts() -> P17Parts {
    P17Parts { name: String::from("parts"), n: 4, a: Tracker::new("pa"), b: Tracker::new("pb") }
}

twin! {
    /// `let c = move || p.name.len();` kept across awaits, called later; the other fields
    /// read after.
    p17_move_closure_name_len {
        lower! {
            pub async fn f(k: usize) -> usize {
                let p = P17Parts { name: String::from("abcd"), n: 2, a: Tracker::new("a"), b: Tracker::new("b") };
                let c = move || p.name.len() + k;
                step("one").await;
                let _mid = Tracker::new("mid");
                let x = leaf("two", c()).await;
                step("three").await;
                x + p.a.name().len() + p.n as usize
            }
        }
    }
    run { f(1) }
}

twin! {
    /// `async move { .. p.a .. }` awaited later; `p.b` read after it.
    p17_async_move_field_awaited_later {
        lower! {
            pub async fn f() -> usize {
                let p = P17Parts { name: String::from("x"), n: 1, a: Tracker::new("a"), b: Tracker::new("b") };
                let fut = async move {
                    step("in block").await;
                    let t = p.a;
                    step("in block 2").await;
                    t.name().len()
                };
                step("before").await;
                let _g = Tracker::new("g");
                let n = fut.await;
                step("after").await;
                n + p.b.name().len() + p.name.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple literal `let t = (a, b); move || t.1`, `t.0` used after the awaits.
    p17_tuple_literal_closure {
        lower! {
            pub async fn f() -> usize {
                let t = (Tracker::new("zero"), Tracker::new("one"), 7u32);
                let one = move || t.1.name().len();
                step("a").await;
                let n = one();
                step("b").await;
                drop(one);
                step("c").await;
                n + t.0.name().len() + t.2 as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// The closure dropped before an await: the field it took drops there, the rest at the end.
    p17_closure_dropped_early {
        lower! {
            pub async fn f(call: bool) -> usize {
                let p = P17Parts { name: String::from("nm"), n: 3, a: Tracker::new("a"), b: Tracker::new("b") };
                let c = move || p.a.name().len();
                let n = if call { leaf("call", c()).await } else { 0 };
                drop(c);
                step("after drop").await;
                let _late = Tracker::new("late");
                step("end").await;
                n + p.b.name().len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `move || format!("{}!", p.name)` and a closure calling a method on a Vec field.
    p17_closure_format_and_method {
        pub struct Bag { pub name: String, pub items: Vec<u32>, pub t: Tracker }
        lower! {
            pub async fn f() -> String {
                let bag = Bag { name: String::from("bag"), items: vec![1, 2, 3], t: Tracker::new("bag.t") };
                let title = move || format!("{}!", bag.name);
                let total = move || bag.items.iter().sum::<u32>();
                let s = leaf("sum", total()).await;
                step("mid").await;
                let t = title();
                step("end").await;
                format!("{t} {s} {}", bag.t.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// A move closure nested in a move closure, both naming `p.name`.
    p17_nested_move_closures {
        lower! {
            pub async fn f() -> usize {
                let p = P17Parts { name: String::from("nest"), n: 1, a: Tracker::new("a"), b: Tracker::new("b") };
                let outer = move || {
                    let inner = move || p.name.len();
                    inner() + 1
                };
                step("s").await;
                let n = leaf("outer", outer()).await;
                step("t").await;
                n + p.a.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A local made by a call, a move closure naming one field (documented: whole local taken).
    p17_closure_local_from_call {
        lower! {
            pub async fn f() -> usize {
                let p = p17_parts();
                let c = move || p.name.len();
                step("s").await;
                let _g = Tracker::new("g");
                let n = leaf("c", c()).await;
                step("t").await;
                n + p.a.name().len()
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0382): a move closure naming a field two deep (`o.inner.name`, `t.0.name`) takes the whole local (documented: one field deep only).
#[cfg(feature = "known-gaps")]
twin! {
    /// A move closure naming a field of a field (`o.inner.name`), the rest used after.
    p17_closure_field_of_field {
        pub struct Inner { pub name: String, pub t: Tracker }
        pub struct Outer { pub inner: Inner, pub u: Tracker }
        lower! {
            pub async fn f() -> usize {
                let o = Outer { inner: Inner { name: String::from("deep"), t: Tracker::new("in.t") }, u: Tracker::new("u") };
                let c = move || o.inner.name.len();
                step("s").await;
                let n = leaf("c", c()).await;
                step("t").await;
                n + o.u.name().len() + o.inner.t.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Two closures each taking one field, called in reverse order across awaits.
    p17_two_closures_two_fields {
        lower! {
            pub async fn f() -> usize {
                let p = P17Parts { name: String::from("two"), n: 5, a: Tracker::new("a"), b: Tracker::new("b") };
                let ca = move || p.a.name().len();
                let cb = move || p.b.name().len() * 2;
                step("s").await;
                let y = leaf("b", cb()).await;
                drop(cb);
                step("t").await;
                let x = leaf("a", ca()).await;
                step("u").await;
                x + y + p.name.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A move closure capturing a Copy field; then the local is moved whole.
    p17_closure_copy_field_then_whole {
        pub async fn consume(p: P17Parts) -> usize { step("consume").await; p.name.len() + p.n as usize }
        lower! {
            pub async fn f() -> usize {
                let p = P17Parts { name: String::from("cp"), n: 6, a: Tracker::new("a"), b: Tracker::new("b") };
                let c = move || p.n * 2;
                step("s").await;
                let x = c() as usize;
                let y = consume(p).await;
                step("t").await;
                x + y + c() as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure takes `p.a`; after an await `p.b` is moved out and dropped; `p.name` at the end.
    p17_closure_field_rest_moved {
        lower! {
            pub async fn f() -> usize {
                let p = P17Parts { name: String::from("rest"), n: 0, a: Tracker::new("a"), b: Tracker::new("b") };
                let c = move || p.a.name().len();
                step("s").await;
                let b = p.b;
                step("t").await;
                drop(b);
                step("u").await;
                c() + p.name.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A move closure that mutates its own copy of a Copy field (FnMut), the local's field read after.
    p17_closure_fnmut_copy_field {
        lower! {
            pub async fn f() -> (u32, u32) {
                let mut p = P17Parts { name: String::from("m"), n: 10, a: Tracker::new("a"), b: Tracker::new("b") };
                let mut bump = move || { p.n += 1; p.n };
                step("s").await;
                let a = bump();
                let b = leaf("bump", bump()).await;
                p.n += 100;
                step("t").await;
                log(p.a.name());
                (a + b, p.n)
            }
        }
    }
    run { f() }
}

twin! {
    /// `async move` block with a format string over a field and an await inside it.
    p17_async_move_format_field {
        lower! {
            pub async fn f() -> String {
                let p = P17Parts { name: String::from("fmt"), n: 2, a: Tracker::new("a"), b: Tracker::new("b") };
                let fut = async move { format!("{}:{}", p.name, leaf("x", 1).await) };
                let _g = Tracker::new("g");
                step("s").await;
                let s = fut.await;
                step("t").await;
                format!("{s} {} {}", p.a.name(), p.n)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block over a field, dropped without being awaited.
    p17_async_move_dropped_unawaited {
        lower! {
            pub async fn f() -> usize {
                let p = P17Parts { name: String::from("d"), n: 2, a: Tracker::new("a"), b: Tracker::new("b") };
                let h = async move { step("never").await; p.a.name().len() };
                step("s").await;
                let _x = Tracker::new("x");
                drop(h);
                step("t").await;
                p.b.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A move closure over a Copy field made in each iteration of a loop.
    p17_closure_in_loop_copy_field {
        lower! {
            pub async fn f() -> u32 {
                let p = P17Parts { name: String::from("loop"), n: 3, a: Tracker::new("a"), b: Tracker::new("b") };
                let mut sum = 0;
                for i in 0..3u32 {
                    let c = move || p.n + i;
                    sum += leaf("c", c()).await;
                }
                step("end").await;
                sum + p.a.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A builder: a closure that builds a request from two fields; the builder's guard lives on.
    p17_builder_closure_two_fields {
        pub struct Builder { pub host: String, pub port: u16, pub g: Tracker }
        #[derive(Debug)]
        pub struct Req { pub host: String, pub port: u16 }
        lower! {
            pub async fn f() -> (String, u16) {
                let b = Builder { host: String::from("example"), port: 8080, g: Tracker::new("builder") };
                let build = move || Req { host: b.host, port: b.port };
                step("s").await;
                let req = build();
                let port = leaf("port", req.port).await;
                step("t").await;
                log(b.g.name());
                (req.host, port)
            }
        }
    }
    run { f() }
}

twin! {
    /// A move closure passed straight to an awaited call.
    p17_closure_passed_to_awaited_call {
        pub async fn run_with<F: FnOnce() -> usize>(c: F) -> usize { step("run_with").await; c() }
        lower! {
            pub async fn f() -> usize {
                let p = P17Parts { name: String::from("pass"), n: 1, a: Tracker::new("a"), b: Tracker::new("b") };
                step("s").await;
                let n = run_with(move || p.name.len()).await;
                step("t").await;
                n + p.a.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// An FnOnce move closure over a Tracker field, called between awaits.
    p17_closure_fnonce_field {
        lower! {
            pub async fn f() -> usize {
                let p = P17Parts { name: String::from("once"), n: 1, a: Tracker::new("a"), b: Tracker::new("b") };
                let c = move || { let t = p.a; t.name().len() };
                step("s").await;
                let n = c();
                step("t").await;
                n + p.b.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Cancellation while a closure over one field and an async block over another are held.
    p17_closure_and_block_cancel {
        lower! {
            pub async fn f() -> usize {
                let p = P17Parts { name: String::from("cc"), n: 1, a: Tracker::new("a"), b: Tracker::new("b") };
                let _g0 = Tracker::new("g0");
                let c = move || p.a.name().len();
                let _g1 = Tracker::new("g1");
                let blk = async move { step("blk").await; p.b.name().len() };
                let _g2 = Tracker::new("g2");
                step("s").await;
                let x = blk.await;
                step("t").await;
                x + c() + p.name.len()
            }
        }
    }
    run { f() }
}

pub enum P17K2 {
    B(String, Tracker, u32),
    C,
}

pub struct P17J2 {
    pub kind: P17K2,
    pub t: Tracker,
}

pub fn p17_j2(b: bool) -> P17J2 {
    P17J2 {
        kind: if b { P17K2::B(String::from("heap"), Tracker::new("kb"), 3) } else { P17K2::C },
        t: Tracker::new("j.t"),
    }
}

twin! {
    /// Shrink of p17_match_kind_copy_part_guard: an arm binding only a Copy part of a
    /// non-Copy field (`B(_, _, n)`) moves nothing natively; the field is read again after.
    p17m_copy_part_binding_heap {
        lower! {
            pub async fn f() -> usize {
                let j = P17J2 { kind: P17K2::B(String::from("heap"), Tracker::new("kb"), 3), t: Tracker::new("t") };
                let r = match j.kind { P17K2::B(_, _, n) => leaf("n", n).await, P17K2::C => 0 };
                step("after").await;
                let s = match &j.kind { P17K2::B(s, ..) => s.len(), P17K2::C => 0 };
                r as usize + s + j.t.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// The same with the arm not awaiting: the field is not read again, only dropped with the local.
    p17m_copy_part_binding_no_await {
        lower! {
            pub async fn f() -> u32 {
                let j = P17J2 { kind: P17K2::B(String::from("heap"), Tracker::new("kb"), 3), t: Tracker::new("t") };
                let r = match j.kind { P17K2::B(_, _, n) => n, P17K2::C => 0 };
                step("after").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// A lone `if let` binding a Copy part of a non-Copy field.
    p17m_if_let_copy_part {
        lower! {
            pub async fn f() -> u32 {
                let j = P17J2 { kind: P17K2::B(String::from("heap"), Tracker::new("kb"), 3), t: Tracker::new("t") };
                let mut r = 0;
                if let P17K2::B(_, _, n) = j.kind {
                    r = leaf("n", n).await;
                }
                step("after").await;
                r + j.t.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// `let .. else` binding a Copy part of a non-Copy field.
    p17m_let_else_copy_part {
        lower! {
            pub async fn f(b: bool) -> u32 {
                let j = p17_j2(b);
                let P17K2::B(_, _, n) = j.kind else { step("else").await; return 0 };
                step("after").await;
                n + j.t.name().len() as u32
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `ref` binding into the matched field, held across an await.
    p17_ref_binding_field_across_await {
        lower! {
            pub async fn f(b: bool) -> usize {
                let j = p17_j2(b);
                let n = match j.kind {
                    P17K2::B(ref s, ref t, k) => { step("b").await; s.len() + t.name().len() + k as usize }
                    P17K2::C => { step("c").await; 0 }
                };
                step("after").await;
                n + j.t.name().len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `ref mut` binding into the field, modified, read after the match.
    p17_ref_mut_binding_field {
        lower! {
            pub async fn f() -> String {
                let mut j = p17_j2(true);
                if let P17K2::B(ref mut s, _, ref mut k) = j.kind {
                    s.push_str(&leaf("suffix", String::from("-x")).await);
                    *k += 1;
                }
                step("after").await;
                match &j.kind { P17K2::B(s, _, k) => format!("{s}{k}"), P17K2::C => String::new() }
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p17_field_assigned_again: a field moved by `if let`, an await, then assigned again.
    p17m_field_assigned_again {
        pub struct C { pub host: Option<String>, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let mut c = C { host: Some(String::from("h")), t: Tracker::new("t") };
                if let Some(h) = c.host {
                    step("h").await;
                    drop(h);
                }
                c.host = None;
                c.t.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p17_nested_move_closures: a move closure nested in a move closure naming a field.
    p17m_nested_move_closure {
        pub struct P { pub name: String, pub a: Tracker }
        lower! {
            pub async fn f() -> usize {
                let p = P { name: String::from("n"), a: Tracker::new("a") };
                let outer = move || { let inner = move || p.name.len(); inner() };
                step("s").await;
                outer() + p.a.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p17_closure_local_from_call: the local made by a call (documented: whole local taken).
    p17m_closure_local_from_call {
        pub struct P { pub name: String, pub a: Tracker }
        pub fn mk() -> P { P { name: String::from("n"), a: Tracker::new("a") } }
        lower! {
            pub async fn f() -> usize {
                let p = mk();
                let c = move || p.name.len();
                step("s").await;
                c() + p.a.name().len()
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0382): a move closure naming a field two deep (`o.inner.name`, `t.0.name`) takes the whole local (documented: one field deep only).
#[cfg(feature = "known-gaps")]
twin! {
    /// Shrink of p17_closure_field_of_field: a move closure naming a field two deep.
    p17m_closure_field_of_field {
        pub struct I { pub name: String }
        pub struct O { pub inner: I, pub u: Tracker }
        lower! {
            pub async fn f() -> usize {
                let o = O { inner: I { name: String::from("n") }, u: Tracker::new("u") };
                let c = move || o.inner.name.len();
                step("s").await;
                c() + o.u.name().len()
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0507): a field moved out of a local that a reference held across an await borrows (`if let Some(h) = &c.host { .. await .. }` then `c.host.map(..)`; documented: frame slot).
#[cfg(feature = "known-gaps")]
twin! {
    /// `if let Some(h) = &cfg.host` (a borrow, the everyday form) with an await in the block.
    p17_if_let_borrowed_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let mut n = 0;
                if let Some(h) = &cfg.host {
                    n = leaf("h", h.len()).await;
                    log(format!("{h}"));
                }
                step("after").await;
                n + cfg.host.map(|h| h.len()).unwrap_or(0) + cfg.t.name().len()
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// One arm moves the field by binding, the other (binding nothing) moves the whole local.
    p17_arm_moves_whole_local {
        pub async fn consume(j: P17Job) -> u32 { step("consume").await; j.id }
        lower! {
            pub async fn f(which: u32) -> u32 {
                let job = p17_job(which);
                let _g = Tracker::new("g");
                match job.kind {
                    P17Kind::A(t) => { step("a").await; drop(t); job.id + job.t.name().len() as u32 }
                    _ => consume(job).await,
                }
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A retry loop: the response's status field matched by value, the response replaced
    /// by a fresh fetch on retry.
    p17_retry_loop_status_field {
        pub enum Status { Ok(String), Retry(u32), Fail(Tracker) }
        pub struct Resp { pub status: Status, pub t: Tracker }
        pub async fn fetch(attempt: u32) -> Resp {
            step("fetch").await;
            let status = match attempt { 0 => Status::Retry(1), 1 => Status::Fail(Tracker::new("fail")), _ => Status::Ok(format!("body{attempt}")) };
            Resp { status, t: Tracker::new("resp") }
        }
        lower! {
            pub async fn f() -> String {
                let mut resp = fetch(0).await;
                let mut attempt = 0;
                loop {
                    match resp.status {
                        Status::Ok(body) => break format!("{body} {}", resp.t.name()),
                        Status::Retry(n) => { step("wait").await; attempt += n; }
                        Status::Fail(t) => { log(format!("failed {}", t.name())); step("backoff").await; attempt += 1; }
                    }
                    resp = fetch(attempt).await;
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A small parser: a token's kind matched by value, the token's span read after.
    p17_parser_token_kind {
        #[derive(Debug)]
        pub enum Tok { Num(u32), Word(String), End }
        pub struct Token { pub kind: Tok, pub span: (usize, usize), pub t: Tracker }
        pub async fn next(i: usize) -> Token {
            step("lex").await;
            let kind = match i { 0 => Tok::Num(4), 1 => Tok::Word(String::from("add")), 2 => Tok::Num(5), _ => Tok::End };
            Token { kind, span: (i, i + 1), t: Tracker::new("tok") }
        }
        lower! {
            pub async fn f() -> (u32, Vec<String>, usize) {
                let mut sum = 0;
                let mut words = Vec::new();
                let mut i = 0;
                loop {
                    let tok = next(i).await;
                    match tok.kind {
                        Tok::Num(n) => sum += n,
                        Tok::Word(w) => { step("word").await; words.push(w); }
                        Tok::End => break,
                    }
                    step("advance").await;
                    i = tok.span.1;
                }
                (sum, words, i)
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(t) = q.head` moving a non-Copy field, assigned again in the body.
    p17_while_let_noncopy_field {
        pub struct Q { pub head: Option<Tracker>, pub left: u32, pub g: Tracker }
        lower! {
            pub async fn f() -> u32 {
                let mut q = Q { head: Some(Tracker::new("h0")), left: 2, g: Tracker::new("q.g") };
                let mut n = 0;
                while let Some(t) = q.head {
                    step("item").await;
                    drop(t);
                    n += 1;
                    q.head = if q.left > 0 { q.left -= 1; Some(Tracker::new("hn")) } else { None };
                }
                step("after").await;
                n + q.g.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A let chain moving a non-Copy field: `if let Some(h) = cfg.host && h.len() > 1`.
    p17_let_chain_noncopy_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let _g = Tracker::new("g");
                let n = if let Some(h) = cfg.host && h.len() > 1 {
                    step("h").await;
                    h.len()
                } else {
                    step("else").await;
                    0
                };
                step("after").await;
                n + cfg.t.name().len()
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// A move closure (Fn) naming two fields of a struct literal, the third field used after.
    p17m_closure_two_fields_fn {
        pub struct B { pub host: String, pub port: u16, pub g: Tracker }
        lower! {
            pub async fn f() -> String {
                let b = B { host: String::from("ex"), port: 80, g: Tracker::new("g") };
                let show = move || format!("{}:{}", b.host, b.port);
                step("s").await;
                let s = show();
                step("t").await;
                format!("{s} {}", b.g.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p17_builder_closure_two_fields: an FnOnce move closure moving a String field
    /// out, called after an await (documented: E0382 for an FnOnce literal called between awaits).
    p17m_closure_fnonce_moves_field {
        pub struct B { pub host: String, pub g: Tracker }
        lower! {
            pub async fn f() -> String {
                let b = B { host: String::from("ex"), g: Tracker::new("g") };
                let build = move || b.host;
                step("s").await;
                let h = build();
                format!("{h} {}", b.g.name())
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink (use after drop): the field an arm binding only a Copy part leaves is dropped at
    /// the arm's await, then read through the local (the String's bytes).
    p17m_copy_part_binding_read_after {
        lower! {
            pub async fn f() -> String {
                let j = P17J2 { kind: P17K2::B(String::from("heap-bytes"), Tracker::new("kb"), 3), t: Tracker::new("t") };
                let r = match j.kind { P17K2::B(_, _, n) => leaf("n", n).await, P17K2::C => 0 };
                let s = match &j.kind { P17K2::B(s, ..) => s.clone(), P17K2::C => String::new() };
                format!("{s}{r}")
            }
        }
    }
    run { f() }
}

twin! {
    /// An arm binding the String part of a non-Copy field and leaving its Tracker (documented:
    /// the rest drops at the end of the match).
    p17_match_binds_part_of_field {
        lower! {
            pub async fn f(b: bool) -> usize {
                let j = p17_j2(b);
                let _g = Tracker::new("g");
                let n = match j.kind {
                    P17K2::B(s, _, k) => { step("b").await; s.len() + k as usize }
                    P17K2::C => 0,
                };
                step("after").await;
                n + j.t.name().len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A guard reading another field of the local while the arm binds by move.
    p17_guard_reads_other_field {
        pub struct Req { pub auth: Option<String>, pub id: u32, pub t: Tracker }
        lower! {
            pub async fn f(id: u32, auth: Option<&'static str>) -> String {
                let req = Req { auth: auth.map(String::from), id, t: Tracker::new("req") };
                let s = match req.auth {
                    Some(tok) if req.id > 1 && req.t.name() == "req" => { step("admin").await; format!("admin {tok}") }
                    Some(tok) => { step("user").await; tok }
                    None => leaf("anon", String::from("anon")).await,
                };
                step("after").await;
                format!("{s}/{}", req.id)
            }
        }
    }
    run { pair(pair(f(2, Some("k")), f(0, Some("u"))), f(3, None)) }
}

twin! {
    /// An or-pattern with a guard binding by move, no assignment after.
    p17_or_pattern_guard {
        lower! {
            pub async fn f(which: u32) -> usize {
                let job = p17_job(which);
                let n = match job.kind {
                    P17Kind::A(t) | P17Kind::B(t, _) if job.id == 0 => { step("first").await; t.name().len() }
                    P17Kind::C => leaf("c", 1).await,
                    _ => { step("other").await; 2 }
                };
                step("after").await;
                n + job.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A state machine in a struct field advanced with `mem::replace` in an `&mut self` method.
    p17_state_mem_replace_method {
        pub enum S { Idle, Busy(Tracker, u32), Done }
        pub struct M { pub state: S, pub t: Tracker, pub log: Vec<u32> }
        impl M {
            lower! {
                pub async fn advance(&mut self) -> bool {
                    match std::mem::replace(&mut self.state, S::Done) {
                        S::Idle => { step("idle").await; self.state = S::Busy(Tracker::new("busy"), 0); true }
                        S::Busy(t, n) if n < 2 => { let k = leaf("busy", n + 1).await; self.log.push(k); self.state = S::Busy(t, k); true }
                        S::Busy(t, _) => { step("finish").await; drop(t); false }
                        S::Done => false,
                    }
                }
            }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut m = M { state: S::Idle, t: Tracker::new("m"), log: vec![] };
                while m.advance().await { log("advanced"); }
                step("end").await;
                m.log
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(h) = cfg.host.take()` on a `mut` local, an early return inside.
    p17_option_take_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let mut cfg = p17_cfg(which);
                let _g = Tracker::new("g");
                if let Some(h) = cfg.host.take() {
                    if h == "h1" { step("early").await; return 1; }
                    step("h").await;
                    log(h);
                }
                step("after").await;
                cfg.host.is_none() as usize + cfg.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(3)) }
}

twin! {
    /// A return inside the block of an `if let` moving a field.
    p17_if_let_field_return_inside {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let _g = Tracker::new("g");
                if let Some(h) = cfg.host {
                    let k = leaf("h", h.len()).await;
                    if k > 1 { return k + cfg.name.len(); }
                    step("short").await;
                }
                step("after").await;
                cfg.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(3)) }
}

twin! {
    /// A match on one field nested in an arm of a match on another field.
    p17_nested_match_two_fields {
        lower! {
            pub async fn f(which: u32) -> u32 {
                let o = P17Outer { inner: p17_job(which), u: Tracker::new("u") };
                let cfg = p17_cfg(which);
                let r = match o.inner.kind {
                    P17Kind::A(t) => match cfg.port {
                        Some(p) => { step("a-port").await; drop(t); p }
                        None => { step("a-none").await; 0 }
                    },
                    P17Kind::B(t, n) => match cfg.host {
                        Some(h) => { let k = leaf("b-host", n).await; log(format!("{h} {}", t.name())); k }
                        None => n,
                    },
                    P17Kind::C => 9,
                };
                step("after").await;
                r + o.inner.id + o.u.name().len() as u32 + cfg.t.name().len() as u32
            }
        }
    }
    run { pair(pair(f(0), f(1)), pair(f(2), f(3))) }
}

twin! {
    /// `async fn run(self)` reading a Copy field by `if let`, then calling a `self` method of
    /// the same type declared in this file.
    p17_self_if_let_then_finish {
        pub struct W { pub port: Option<u32>, pub t: Tracker, pub name: String }
        impl W {
            pub async fn finish(self) -> usize { step("finish").await; self.name.len() }
            lower! {
                pub async fn run(self) -> usize {
                    let mut n = 0;
                    if let Some(p) = self.port {
                        n = leaf("p", p).await as usize;
                    }
                    let _mid = Tracker::new("mid");
                    n + self.finish().await
                }
            }
        }
    }
    run { pair(W { port: Some(2), t: Tracker::new("w1"), name: String::from("ab") }.run(), W { port: None, t: Tracker::new("w2"), name: String::from("c") }.run()) }
}

twin! {
    /// `let Some(P17Kind::A(t)) = o.kind else { .. }` on a nested enum in an Option field.
    p17_let_else_nested_enum {
        pub struct H { pub kind: Option<P17Kind>, pub t: Tracker }
        lower! {
            pub async fn f(which: u32) -> usize {
                let h = H { kind: if which == 3 { None } else { Some(p17_job(which).kind) }, t: Tracker::new("h") };
                step("s").await;
                let Some(P17Kind::A(t)) = h.kind else {
                    step("else").await;
                    return h.t.name().len();
                };
                step("bound").await;
                t.name().len() + h.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(3)) }
}

twin! {
    /// The binding of an `if let` on a field moved into an `async move` block awaited in the arm.
    p17_if_let_binding_into_async_block {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let mut n = 0;
                if let Some(h) = cfg.host {
                    let fut = async move { step("in").await; h.len() };
                    step("made").await;
                    n = fut.await;
                }
                step("after").await;
                n + cfg.t.name().len()
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// `match resp.result` on a Result field with `?` in one arm and a return in the other.
    p17_match_result_field {
        pub struct Resp { pub result: Result<String, String>, pub code: u16, pub t: Tracker }
        pub async fn decode(s: String) -> Result<u32, String> { step("decode").await; s.parse::<u32>().map_err(|_| format!("bad {s}")) }
        lower! {
            pub async fn f(r: Result<&'static str, &'static str>) -> Result<u32, String> {
                let resp = Resp { result: r.map(String::from).map_err(String::from), code: 200, t: Tracker::new("resp") };
                let _g = Tracker::new("g");
                let v = match resp.result {
                    Ok(body) => decode(body).await?,
                    Err(e) if resp.code == 200 => { step("err").await; return Err(e) }
                    Err(_) => 0,
                };
                step("after").await;
                Ok(v + resp.code as u32)
            }
        }
    }
    run { pair(pair(f(Ok("7")), f(Ok("x"))), f(Err("boom"))) }
}

twin! {
    /// A closure taking one field and a match moving another field, across awaits.
    p17_closure_and_match_fields {
        pub struct P { pub name: String, pub kind: P17Kind, pub t: Tracker }
        lower! {
            pub async fn f(which: u32) -> usize {
                let p = P { name: String::from("mix"), kind: p17_job(which).kind, t: Tracker::new("p.t") };
                let c = move || p.name.len();
                step("s").await;
                let n = match p.kind {
                    P17Kind::A(t) => { step("a").await; t.name().len() }
                    P17Kind::B(_, k) => leaf("b", k as usize).await,
                    P17Kind::C => 0,
                };
                step("t").await;
                n + c() + p.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// `async move { p.name }` returning the field, awaited later.
    p17_async_move_returns_field {
        lower! {
            pub async fn f() -> String {
                let p = P17Parts { name: String::from("ret"), n: 1, a: Tracker::new("a"), b: Tracker::new("b") };
                let fut = async move { step("in").await; p.name };
                let _g = Tracker::new("g");
                step("s").await;
                let name = fut.await;
                step("t").await;
                format!("{name} {}", p.a.name())
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0382): a move closure naming a field two deep (`o.inner.name`, `t.0.name`) takes the whole local (documented: one field deep only).
#[cfg(feature = "known-gaps")]
twin! {
    /// A move closure naming a field of a tuple element struct (`t.0.name`, two deep).
    p17_closure_tuple_struct_field {
        lower! {
            pub async fn f() -> usize {
                let t = (P17Parts { name: String::from("tt"), n: 1, a: Tracker::new("a"), b: Tracker::new("b") }, Tracker::new("t1"));
                let c = move || t.0.name.len();
                step("s").await;
                let n = c();
                step("t").await;
                n + t.1.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A field read as a value before an await, then a move closure over another field.
    p17_closure_after_field_read {
        lower! {
            pub async fn f() -> usize {
                let p = P17Parts { name: String::from("after"), n: 3, a: Tracker::new("a"), b: Tracker::new("b") };
                let n = p.n;
                step("s").await;
                let a = p.a;
                let c = move || p.name.len() + n as usize;
                step("t").await;
                drop(a);
                step("u").await;
                c() + p.b.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Boxed move closures over fields in a `vec!`.
    p17_closures_in_vec {
        lower! {
            pub async fn f() -> usize {
                let p = P17Parts { name: String::from("vec"), n: 3, a: Tracker::new("a"), b: Tracker::new("b") };
                let cs: Vec<Box<dyn Fn() -> usize>> = vec![Box::new(move || p.name.len()), Box::new(move || p.a.name().len())];
                step("s").await;
                let mut sum = 0;
                for c in &cs { sum += leaf("c", c()).await; }
                drop(cs);
                step("t").await;
                sum + p.b.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A move closure calling `clone` on a field, called twice across awaits.
    p17_closure_clone_field {
        lower! {
            pub async fn f() -> String {
                let p = P17Parts { name: String::from("cl"), n: 3, a: Tracker::new("a"), b: Tracker::new("b") };
                let get = move || p.name.clone();
                let x = leaf("x", get()).await;
                step("s").await;
                let y = get();
                format!("{x}{y}{}", p.n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A config with Option fields merged with defaults, awaiting a lookup per missing field.
    p17_config_defaults_merge {
        pub struct Opts { pub port: Option<u16>, pub host: Option<String>, pub retries: Option<u32>, pub g: Tracker }
        pub async fn default_host() -> String { step("dns").await; String::from("localhost") }
        lower! {
            pub async fn f(port: Option<u16>, host: Option<&'static str>) -> (u16, String, u32) {
                let o = Opts { port, host: host.map(String::from), retries: None, g: Tracker::new("opts") };
                let port = match o.port { Some(p) => p, None => leaf("port", 8080).await };
                let host = match o.host { Some(h) => h, None => default_host().await };
                let retries = if let Some(r) = o.retries { r } else { step("retries").await; 3 };
                step("merged").await;
                (port, host, retries)
            }
        }
    }
    run { pair(f(Some(1), None), f(None, Some("ex"))) }
}

twin! {
    /// A request handler: the method matched by value, the body (Option) matched in one arm.
    p17_request_handler {
        pub enum Method { Get, Post, Delete(u32) }
        pub struct Request { pub method: Method, pub path: String, pub body: Option<Vec<u8>>, pub t: Tracker }
        pub async fn store(b: Vec<u8>) -> usize { step("store").await; b.len() }
        lower! {
            pub async fn f(m: u32) -> (u16, String) {
                let req = Request {
                    method: match m { 0 => Method::Get, 1 | 2 => Method::Post, _ => Method::Delete(m) },
                    path: format!("/p{m}"),
                    body: if m == 1 { Some(vec![1, 2, 3]) } else { None },
                    t: Tracker::new("req"),
                };
                let _span = Tracker::new("span");
                let code = match req.method {
                    Method::Get => { step("get").await; 200 }
                    Method::Post => match req.body {
                        Some(b) => { let n = store(b).await; 200 + n as u16 }
                        None => { step("empty").await; 400 }
                    },
                    Method::Delete(id) if id > 3 => 404,
                    Method::Delete(_) => { step("delete").await; 204 }
                };
                step("respond").await;
                (code, req.path)
            }
        }
    }
    run { pair(pair(f(0), f(1)), pair(f(2), pair(f(3), f(5)))) }
}

twin! {
    /// A builder whose fields are consumed by `if let` one at a time, the guard field last.
    p17_builder_consumed_by_fields {
        pub struct Builder { pub name: Option<String>, pub size: Option<u32>, pub tag: Option<Tracker>, pub g: Tracker }
        #[derive(Debug)]
        pub struct Built { pub name: String, pub size: u32, pub tagged: bool }
        lower! {
            pub async fn f(full: bool) -> Built {
                let b = Builder {
                    name: Some(String::from("b")),
                    size: if full { Some(4) } else { None },
                    tag: if full { Some(Tracker::new("tag")) } else { None },
                    g: Tracker::new("builder"),
                };
                let mut out = Built { name: String::new(), size: 1, tagged: false };
                if let Some(n) = b.name { out.name = leaf("name", n).await; }
                if let Some(s) = b.size { out.size = s; step("size").await; }
                if let Some(t) = b.tag { step("tag").await; out.tagged = true; drop(t); }
                step("built").await;
                out
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Cancellation inside each arm of a match moving a field, with guards alive around.
    p17_match_field_cancel_everywhere {
        lower! {
            pub async fn f(which: u32) -> usize {
                let _g0 = Tracker::new("g0");
                let job = p17_job(which);
                let _g1 = Tracker::new("g1");
                let n = match job.kind {
                    P17Kind::A(t) => { let _in = Tracker::new("in-a"); step("a1").await; step("a2").await; t.name().len() }
                    P17Kind::B(t, k) => { step("b1").await; let _t = t; leaf("b2", k as usize).await }
                    P17Kind::C => { let _in = Tracker::new("in-c"); step("c").await; 0 }
                };
                let _g2 = Tracker::new("g2");
                step("after").await;
                n + job.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A match on a Copy-payload enum field in a loop, the struct mutated between iterations.
    p17_loop_match_copy_enum_field {
        #[derive(Clone, Copy, Debug)]
        pub enum Phase { Start, Mid(u32), End }
        pub struct Run { pub phase: Phase, pub t: Tracker, pub acc: u32 }
        lower! {
            pub async fn f() -> u32 {
                let mut r = Run { phase: Phase::Start, t: Tracker::new("run"), acc: 0 };
                loop {
                    match r.phase {
                        Phase::Start => { step("start").await; r.phase = Phase::Mid(0); }
                        Phase::Mid(n) if n < 3 => { r.acc += leaf("mid", n).await; r.phase = Phase::Mid(n + 1); }
                        Phase::Mid(_) => r.phase = Phase::End,
                        Phase::End => break,
                    }
                }
                step("out").await;
                r.acc
            }
        }
    }
    run { f() }
}

twin! {
    /// A field matched by value and the local moved whole in the arm that binds nothing,
    /// inside a loop with the local replaced.
    p17_loop_match_field_arm_moves_whole {
        pub async fn recycle(j: P17Job) -> P17Job { step("recycle").await; P17Job { id: j.id + 1, kind: P17Kind::C, t: Tracker::new("re") } }
        lower! {
            pub async fn f() -> u32 {
                let mut job = p17_job(0);
                let mut seen = 0;
                loop {
                    match job.kind {
                        P17Kind::A(t) => { step("a").await; drop(t); seen += 1; job = P17Job { id: job.id, kind: P17Kind::C, t: Tracker::new("jt2") }; }
                        P17Kind::C if job.id < 2 => { job = recycle(job).await; }
                        _ => break,
                    }
                }
                step("end").await;
                seen + job.id
            }
        }
    }
    run { f() }
}

twin! {
    /// A move closure naming one field and an `if let` moving another field, with the closure
    /// called after the arm's await.
    p17_closure_then_if_let_other_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = P17Cfg { port: Some(which), host: if which > 0 { Some(String::from("hh")) } else { None }, name: String::from("nm"), t: Tracker::new("cfg.t") };
                let c = move || cfg.name.len();
                let mut n = 0;
                if let Some(h) = cfg.host {
                    step("h").await;
                    n = h.len() + c();
                }
                step("after").await;
                n + cfg.port.unwrap_or(0) as usize + cfg.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Shrink of p17_parser_token_kind: a counter read only after the loop, the loop left by
    /// `break` between two awaits and the counter assigned at the end of the body.
    p17m_loop_break_skips_assignment {
        lower! {
            pub async fn f() -> u32 {
                let mut i = 0;
                loop {
                    let x = leaf("x", i).await;
                    if x > 2 { break }
                    step("a").await;
                    i = x + 1;
                }
                i
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p17_nested_move_closures: a move closure made FnOnce by a nested move closure
    /// taking a field, called in an awaited operand.
    p17m_nested_move_closure_in_await {
        pub struct P { pub name: String, pub a: Tracker }
        lower! {
            pub async fn f() -> usize {
                let p = P { name: String::from("n"), a: Tracker::new("a") };
                let outer = move || { let inner = move || p.name.len(); inner() };
                leaf("o", outer()).await + p.a.name().len()
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0507): a field of a local held in a Partial moved out inside `format!` (documented: a macro other than `vec!`/`pin!`).
#[cfg(feature = "known-gaps")]
twin! {
    /// Shrink of p17_field_assigned_again: a field of a local held in a Partial moved out inside
    /// `format!` (documented: macros other than `vec!`/`pin!`).
    p17m_field_moved_in_format {
        pub struct C { pub port: Option<u32>, pub host: Option<String>, pub t: Tracker }
        lower! {
            pub async fn f() -> String {
                let c = C { port: Some(1), host: Some(String::from("h")), t: Tracker::new("t") };
                let p = c.port;
                step("a").await;
                format!("{}{p:?}", c.host.unwrap())
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p17_loop_match_field_arm_moves_whole: a local held in a Partial assigned whole
    /// from a struct literal that reads one of its own fields.
    p17m_partial_assign_reads_own_field {
        pub struct J { pub id: u32, pub t: Tracker }
        lower! {
            pub async fn f() -> u32 {
                let mut j = J { id: 0, t: Tracker::new("t") };
                let id = j.id;
                step("a").await;
                j = J { id: j.id + id + 1, t: Tracker::new("t2") };
                step("b").await;
                j.id
            }
        }
    }
    run { f() }
}

twin! {
    /// A field of a local held in a Partial assigned from an `if` reading another field.
    p17_partial_field_assign_reads_local {
        pub struct Q { pub head: Option<Tracker>, pub left: u32, pub g: Tracker }
        lower! {
            pub async fn f() -> u32 {
                let mut q = Q { head: Some(Tracker::new("h0")), left: 2, g: Tracker::new("q.g") };
                let h = q.head;
                step("a").await;
                q.head = if q.left > 0 { Some(Tracker::new("hn")) } else { None };
                drop(h);
                step("b").await;
                q.left
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0382): a let chain with no await in it that moves a non-Copy field (`if let Some(h) = c.host && h.len() > 1`), the local read after a later await: the chain's field move is not seen as one (with an await in the chain or its blocks, the chain is nested into `if let`s, and that works).
#[cfg(feature = "known-gaps")]
twin! {
    /// Shrink of p17_let_chain_noncopy_field: a let chain moving a non-Copy field, the local
    /// read after an await.
    p17m_let_chain_noncopy {
        pub struct C { pub host: Option<String>, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let c = C { host: Some(String::from("hh")), t: Tracker::new("t") };
                let n = if let Some(h) = c.host && h.len() > 1 { h.len() } else { 0 };
                step("h").await;
                n + c.t.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p17_self_if_let_then_finish: a local held in a Partial, then an awaited method
    /// taking `self` declared in this file.
    p17m_partial_self_method_declared {
        pub struct W { pub port: Option<u32>, pub name: String, pub t: Tracker }
        impl W { pub async fn finish(self) -> usize { step("finish").await; self.name.len() } }
        lower! {
            pub async fn f() -> usize {
                let w = W { port: Some(1), name: String::from("n"), t: Tracker::new("w") };
                let p = w.port;
                step("p").await;
                w.finish().await + p.unwrap_or(0) as usize
            }
        }
    }
    run { f() }
}

// Known gap: COMPILE (E0507): a field moved out of a local that a reference held across an await borrows (`if let Some(h) = &c.host { .. await .. }` then `c.host.map(..)`; documented: frame slot).
#[cfg(feature = "known-gaps")]
twin! {
    /// Shrink of p17_if_let_borrowed_field: `if let Some(h) = &c.host` borrowed across an await,
    /// then the field moved by a method (documented: frame slot).
    p17m_if_let_borrowed_then_map {
        pub struct C { pub host: Option<String>, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let c = C { host: Some(String::from("hh")), t: Tracker::new("t") };
                if let Some(h) = &c.host { step("h").await; log(h.clone()); }
                c.host.map(|h| h.len()).unwrap_or(0)
            }
        }
    }
    run { f() }
}

twin! {
    /// The binding of an `if let` on a field moved into a move closure called after an await.
    p17_if_let_binding_into_closure {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let mut n = 0;
                if let Some(h) = cfg.host {
                    let c = move || h.len();
                    step("made").await;
                    n = c();
                }
                step("after").await;
                n + cfg.t.name().len()
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// `match &self.kind` in an `&self` method, awaiting in the arms.
    p17_ref_self_match_kind {
        pub struct Task { pub kind: P17Kind, pub t: Tracker }
        impl Task {
            lower! {
                pub async fn describe(&self) -> String {
                    match &self.kind {
                        P17Kind::A(t) => { step("a").await; t.name().to_string() }
                        P17Kind::B(t, n) => format!("{}{}", t.name(), leaf("n", *n).await),
                        P17Kind::C => { step("c").await; String::from("c") }
                    }
                }
            }
        }
        lower! {
            pub async fn f(which: u32) -> String {
                let task = Task { kind: p17_job(which).kind, t: Tracker::new("task") };
                let a = task.describe().await;
                step("mid").await;
                let b = task.describe().await;
                format!("{a}/{b}")
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A move closure naming one field of a by-value parameter.
    p17_closure_field_of_param {
        lower! {
            pub async fn f(p: P17Parts) -> usize {
                let c = move || p.name.len();
                step("s").await;
                let n = leaf("c", c()).await;
                n + p.a.name().len()
            }
        }
    }
    run { f(p17_parts()) }
}

twin! {
    /// A panic inside an arm of an `if let` that moved a field: the binding and the rest of the
    /// local drop during unwinding.
    p17_if_let_field_panics {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let _g = Tracker::new("g");
                if let Some(h) = cfg.host {
                    step("h").await;
                    if h == "h0" { boom("b").await; }
                    log(h);
                }
                step("after").await;
                cfg.t.name().len()
            }
        }
    }
    run { pair(f(1), f(0)) }
}

twin! {
    /// A response struct whose headers field is matched by value in a loop over pages.
    p17_paged_responses {
        pub struct Page { pub next: Option<u32>, pub items: Vec<u32>, pub t: Tracker }
        pub async fn get(n: u32) -> Page {
            step("get").await;
            Page { next: if n < 2 { Some(n + 1) } else { None }, items: vec![n, n * 10], t: Tracker::new("page") }
        }
        lower! {
            pub async fn f() -> Vec<u32> {
                let mut all = Vec::new();
                let mut page = get(0).await;
                loop {
                    all.extend(page.items);
                    match page.next {
                        Some(n) => { step("next").await; page = get(n).await; }
                        None => break,
                    }
                }
                step("done").await;
                all
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink (double drop): after an `if let` binding only a Copy part of a non-Copy field, a
    /// second `if let` moves the field's String and Tracker out and drops them.
    p17m_copy_part_then_move_double_drop {
        lower! {
            pub async fn f() -> usize {
                let j = P17J2 { kind: P17K2::B(String::from("twice"), Tracker::new("kb"), 3), t: Tracker::new("t") };
                let mut n = 0;
                if let P17K2::B(_, _, k) = j.kind { n += leaf("k", k as usize).await; }
                step("between").await;
                if let P17K2::B(s, t, _) = j.kind { n += s.len(); drop(t); }
                step("end").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p17_while_let_noncopy_field: a field of a local held in a Partial assigned
    /// from an `if` that decrements another field.
    p17m_partial_field_assign_reads_local_tail {
        pub struct Q { pub head: Option<Tracker>, pub left: u32, pub g: Tracker }
        lower! {
            pub async fn f() -> u32 {
                let mut q = Q { head: Some(Tracker::new("h0")), left: 2, g: Tracker::new("q.g") };
                let h = q.head;
                step("a").await;
                q.head = if q.left > 0 { q.left -= 1; Some(Tracker::new("hn")) } else { None };
                drop(h);
                q.left
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink of p17_builder_closure_two_fields: a move closure whose body is a struct literal
    /// with a field's clone as a field value (Fn), called after an await, another field read after.
    p17m_closure_struct_literal_field {
        pub struct B { pub host: String, pub g: Tracker }
        #[derive(Debug)]
        pub struct Req { pub port: u16, pub host: String }
        lower! {
            pub async fn f() -> (String, u16) {
                let b = B { host: String::from("ex"), g: Tracker::new("g") };
                let build = move || Req { port: 1, host: b.host.clone() };
                step("s").await;
                let req = build();
                log(b.g.name());
                (req.host, req.port)
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block whose tail is a struct literal naming a field of a local.
    p17_async_move_struct_literal_field {
        pub struct B { pub host: String, pub g: Tracker }
        #[derive(Debug)]
        pub struct Req { pub port: u16, pub host: String }
        lower! {
            pub async fn f() -> (String, u16) {
                let b = B { host: String::from("ex"), g: Tracker::new("g") };
                let fut = async move { step("in").await; Req { port: 2, host: b.host } };
                step("s").await;
                let req = fut.await;
                step("t").await;
                log(b.g.name());
                (req.host, req.port)
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some((id, _)) = req.pending` binding a Copy part of a tuple holding a Tracker.
    p17_if_let_tuple_copy_part {
        pub struct Req { pub pending: Option<(u32, Tracker)>, pub t: Tracker }
        lower! {
            pub async fn f() -> u32 {
                let req = Req { pending: Some((5, Tracker::new("pend"))), t: Tracker::new("req") };
                let mut n = 0;
                if let Some((id, _)) = req.pending { n = leaf("id", id).await; }
                step("after").await;
                n + req.t.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A `for` loop over jobs, each job's kind matched by value, its guard read after the match.
    p17_for_jobs_match_kind {
        lower! {
            pub async fn f() -> u32 {
                let jobs = vec![p17_job(0), p17_job(1), p17_job(2)];
                let mut total = 0;
                for job in jobs {
                    let n = match job.kind {
                        P17Kind::A(t) => { step("a").await; drop(t); 1 }
                        P17Kind::B(t, k) => { let v = leaf("b", k).await; log(t.name()); v }
                        P17Kind::C => 0,
                    };
                    step("next").await;
                    total += n + job.id;
                    log(job.t.name());
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// `let .. else { continue }` on a field of each request in a loop.
    p17_let_else_continue_in_loop {
        pub struct Req { pub body: Option<String>, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let mut n = 0;
                for i in 0..3u32 {
                    let r = Req { body: if i == 1 { None } else { Some(format!("b{i}")) }, t: Tracker::new("req") };
                    let Some(b) = r.body else { step("skip").await; continue };
                    n += leaf("len", b.len()).await;
                    log(r.t.name());
                }
                step("end").await;
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let Some(job) = q.pop_front()` then `if let` on a field of the popped job.
    p17_pop_then_if_let_field {
        lower! {
            pub async fn f() -> u32 {
                let mut q: VecDeque<P17Cfg> = (0..3).map(p17_cfg).collect();
                let mut sum = 0;
                while let Some(c) = q.pop_front() {
                    if let Some(p) = c.port { sum += leaf("p", p).await; }
                    if let Some(h) = c.host { step("h").await; log(h); }
                    log(c.t.name());
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// A tuple of two fields as the scrutinee, one moved into it.
    p17_match_tuple_of_fields {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let _g = Tracker::new("g");
                let n = match (cfg.port, cfg.host) {
                    (Some(p), Some(h)) => { step("both").await; p as usize + h.len() }
                    (Some(p), None) => leaf("port", p as usize).await,
                    (None, Some(h)) => { step("host").await; h.len() }
                    (None, None) => 0,
                };
                step("after").await;
                n + cfg.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), pair(f(2), f(3))) }
}

twin! {
    /// A move closure naming one field of `self` in an `async fn go(self)`.
    p17_closure_self_field {
        pub struct P { pub name: String, pub n: u32, pub t: Tracker }
        impl P {
            lower! {
                pub async fn go(self) -> usize {
                    let c = move || self.name.len();
                    step("s").await;
                    c() + self.n as usize + self.t.name().len()
                }
            }
        }
    }
    run { P { name: String::from("self"), n: 2, t: Tracker::new("p") }.go() }
}

twin! {
    /// Two `async move` blocks each over one field, awaited in reverse order.
    p17_two_async_blocks_reverse {
        lower! {
            pub async fn f() -> usize {
                let p = P17Parts { name: String::from("rev"), n: 3, a: Tracker::new("a"), b: Tracker::new("b") };
                let fa = async move { step("fa").await; p.a.name().len() };
                let fb = async move { step("fb").await; p.b.name().len() * 10 };
                let _g = Tracker::new("g");
                let b = fb.await;
                step("mid").await;
                let a = fa.await;
                a + b + p.name.len() + p.n as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// A non-Copy unit-variant enum field matched with arms binding nothing, then moved.
    p17_unit_variant_field_then_moved {
        #[derive(Debug)]
        pub enum Mode { Fast, Slow }
        pub struct Cfg { pub mode: Mode, pub t: Tracker }
        lower! {
            pub async fn f(fast: bool) -> String {
                let cfg = Cfg { mode: if fast { Mode::Fast } else { Mode::Slow }, t: Tracker::new("cfg") };
                let n = match cfg.mode {
                    Mode::Fast => { step("fast").await; 1 }
                    Mode::Slow => leaf("slow", 2).await,
                };
                step("after").await;
                let m = cfg.mode;
                step("moved").await;
                format!("{m:?}{n}")
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `let Some(p) = cfg.port else { return }` then a move closure naming another field.
    p17_let_else_copy_then_closure {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = P17Cfg { port: if which == 0 { Some(80) } else { None }, host: None, name: String::from("nm"), t: Tracker::new("cfg.t") };
                let Some(p) = cfg.port else { step("none").await; return 0 };
                let c = move || cfg.name.len();
                step("s").await;
                c() + p as usize + cfg.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// `while let Some(t) = q.head` moving a non-Copy field, the field reset in the body
    /// (documented gap: the local is taken to be moved).
    p17_while_let_noncopy_reset {
        pub struct Q { pub head: Option<Tracker>, pub left: u32, pub g: Tracker }
        lower! {
            pub async fn f() -> u32 {
                let mut q = Q { head: Some(Tracker::new("h0")), left: 2, g: Tracker::new("q.g") };
                let mut n = 0;
                while let Some(t) = q.head {
                    step("item").await;
                    drop(t);
                    n += 1;
                    q.head = None;
                }
                step("after").await;
                n + q.left + q.g.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// An arm binding nothing moves the field itself with a consuming method in an awaited call.
    p17_arm_binds_nothing_unwrap_awaited {
        pub async fn eat(s: String) -> usize { step("eat").await; s.len() }
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let n = match cfg.host {
                    Some(_) => eat(cfg.host.unwrap()).await,
                    None => { step("none").await; 0 }
                };
                step("after").await;
                n + cfg.t.name().len()
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// A match on a Copy field of a local borrowed across the awaits (frame slot).
    p17_match_copy_field_frame_slot {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let r = &cfg.name;
                let n = match cfg.port { Some(p) => leaf("p", p as usize).await, None => { step("none").await; 0 } };
                step("after").await;
                n + r.len() + cfg.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

// Known gap: COMPILE (E0507): a `match` moving a non-Copy field (`Some(h)` on `cfg.host`) of a local that a reference held across an await borrows (documented: a field moved out of a local in a frame slot).
#[cfg(feature = "known-gaps")]
twin! {
    /// A match moving a non-Copy field (whole payload) of a local borrowed across awaits.
    p17_match_noncopy_field_frame_slot {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = p17_cfg(which);
                let r = &cfg.name;
                step("s").await;
                let n = match cfg.host { Some(h) => { step("h").await; h.len() } None => 0 };
                step("after").await;
                n + r.len()
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// An FnMut move closure pushing into a Vec field, another field read after.
    p17_closure_fnmut_vec_field {
        pub struct P { pub items: Vec<u32>, pub a: Tracker }
        lower! {
            pub async fn f() -> usize {
                let mut p = P { items: vec![1], a: Tracker::new("a") };
                let mut push = move |x: u32| { p.items.push(x); p.items.len() };
                let a = push(leaf("x", 2).await);
                step("s").await;
                let b = push(3);
                a + b + p.a.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A field moved into an `async move` block, assigned again before the block is awaited.
    p17_async_move_field_reassigned {
        lower! {
            pub async fn f() -> usize {
                let mut p = P17Parts { name: String::from("re"), n: 1, a: Tracker::new("a"), b: Tracker::new("b") };
                let fut = async move { step("in").await; p.a.name().len() };
                p.a = Tracker::new("a2");
                step("s").await;
                let n = fut.await;
                step("t").await;
                n + p.a.name().len() + p.b.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A move closure naming one field of a tuple-struct literal (`Pair(a, b)`).
    p17_closure_tuple_struct_literal {
        pub struct Pair(pub Tracker, pub Tracker);
        lower! {
            pub async fn f() -> usize {
                let p = Pair(Tracker::new("p0"), Tracker::new("p1"));
                let c = move || p.0.name().len();
                step("s").await;
                let n = c();
                step("t").await;
                n + p.1.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A move closure whose body matches a field by value (it captures that field only).
    p17_closure_matches_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let job = P17Job { id: which, kind: p17_job(which).kind, t: Tracker::new("job.t") };
                let c = move || match job.kind { P17Kind::A(t) => t.name().len(), P17Kind::B(_, n) => n as usize, P17Kind::C => 0 };
                step("s").await;
                let n = c();
                step("t").await;
                n + job.t.name().len() + job.id as usize
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A move closure with an `if let` on an Option field of the local.
    p17_closure_if_let_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = P17Cfg { port: Some(which), host: if which > 0 { Some(String::from("hh")) } else { None }, name: String::from("nm"), t: Tracker::new("cfg.t") };
                let c = move || if let Some(h) = cfg.host { h.len() } else { 0 };
                step("s").await;
                let n = c();
                step("t").await;
                n + cfg.name.len() + cfg.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// `async fn run(mut self)`: the kind matched by value, assigned again, then a `&self` method.
    p17_mut_self_match_reassign {
        pub struct Task { pub kind: P17Kind, pub t: Tracker, pub n: u32 }
        impl Task {
            pub fn label(&self) -> &'static str { match self.kind { P17Kind::A(_) => "a", P17Kind::B(..) => "b", P17Kind::C => "c" } }
            lower! {
                pub async fn run(mut self) -> String {
                    let r = match self.kind {
                        P17Kind::A(t) => { step("a").await; drop(t); 1 }
                        P17Kind::B(t, n) => { leaf("b", n).await; log(t.name()); n }
                        P17Kind::C => 0,
                    };
                    self.kind = P17Kind::C;
                    step("after").await;
                    format!("{}{}{}", self.label(), r, self.n)
                }
            }
        }
    }
    run { pair(Task { kind: p17_job(0).kind, t: Tracker::new("t0"), n: 1 }.run(), Task { kind: p17_job(1).kind, t: Tracker::new("t1"), n: 2 }.run()) }
}

twin! {
    /// A retry loop whose error kind (a field of the error) is matched by value each attempt.
    p17_retry_error_kind_field {
        pub enum EK { Timeout(u32), Refused(Tracker), Fatal }
        pub struct Err17 { pub kind: EK, pub ctx: Tracker }
        pub async fn attempt(i: u32) -> Result<u32, Err17> {
            step("attempt").await;
            match i { 0 => Err(Err17 { kind: EK::Timeout(1), ctx: Tracker::new("ctx0") }),
                      1 => Err(Err17 { kind: EK::Refused(Tracker::new("ref")), ctx: Tracker::new("ctx1") }),
                      _ => Ok(i * 10) }
        }
        lower! {
            pub async fn f() -> Result<u32, String> {
                let mut i = 0;
                loop {
                    match attempt(i).await {
                        Ok(v) => return Ok(v),
                        Err(e) => {
                            match e.kind {
                                EK::Timeout(ms) => { leaf("sleep", ms).await; }
                                EK::Refused(t) => { log(t.name()); step("backoff").await; }
                                EK::Fatal => return Err(String::from("fatal")),
                            }
                            log(e.ctx.name());
                            i += 1;
                        }
                    }
                }
            }
        }
    }
    run { f() }
}

twin! {
    /// A move closure (Fn) whose body matches a borrowed field (`match &job.kind`): it takes
    /// that field only.
    p17_closure_matches_borrowed_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let job = P17Job { id: which, kind: p17_job(which).kind, t: Tracker::new("job.t") };
                let c = move || match &job.kind { P17Kind::A(t) => t.name().len(), P17Kind::B(_, n) => *n as usize, P17Kind::C => 0 };
                step("s").await;
                let n = c();
                step("t").await;
                n + c() + job.t.name().len() + job.id as usize
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A move closure (Fn) with `if let Some(h) = &cfg.host`: it takes that field only.
    p17_closure_if_let_borrowed_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let cfg = P17Cfg { port: Some(which), host: if which > 0 { Some(String::from("hh")) } else { None }, name: String::from("nm"), t: Tracker::new("cfg.t") };
                let c = move || if let Some(h) = &cfg.host { h.len() } else { 0 };
                step("s").await;
                let n = c();
                step("t").await;
                n + c() + cfg.name.len() + cfg.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}
