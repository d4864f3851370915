//! Probe 6e: the newest mechanisms. Partly moved locals (`Partial`: field reads as values
//! before an await in every expression position), frame slots (locals borrowed across
//! awaits, lent to awaited calls, moved later, reassigned, captured), and closures called
//! across awaits (`Fn`, `FnMut`, `FnOnce`, boxed, stored in structs).
use crate::prelude::*;

pub struct Job6 {
    pub id: u32,
    pub name: String,
    pub guard: Tracker,
}

pub fn job6(id: u32, name: &str, guard: &'static str) -> Job6 {
    Job6 { id, name: name.to_string(), guard: Tracker(guard) }
}

pub struct Inner6 {
    pub label: Tracker,
    pub t: Tracker,
    pub n: u32,
}

pub struct Outer6 {
    pub inner: Inner6,
    pub t: Tracker,
    pub k: u32,
}

pub struct Pair6 {
    pub pair: (Tracker, Tracker),
    pub n: u32,
}

pub struct Holder6 {
    pub a: Tracker,
    pub b: Tracker,
    pub n: u32,
}

pub struct Stats6 {
    pub hits: Vec<u32>,
    pub t: Tracker,
}

impl Stats6 {
    /// A `&self` method named like an iterator's.
    pub fn count(&self) -> usize {
        self.hits.len()
    }
}

pub struct Report6 {
    pub stats: Stats6,
    pub t: Tracker,
}

pub struct Doc6 {
    pub parts: Vec<String>,
    pub title: String,
    pub n: u32,
}

pub fn doc6() -> Doc6 {
    Doc6 { parts: vec!["alpha".to_string(), "beta".to_string()], title: "T".to_string(), n: 2 }
}

pub struct Msg6 {
    pub body: Box<Tracker>,
    pub n: u32,
    pub t: Tracker,
}

pub struct Hooks6 {
    pub on: Box<dyn Fn(u32) -> u32>,
    pub done: Box<dyn FnOnce(u32) -> Tracker>,
    pub n: u32,
    pub t: Tracker,
}

#[derive(Default, Debug)]
pub struct Cnt6 {
    pub n: u32,
    pub names: Vec<&'static str>,
}

pub fn fill6(c: &mut Cnt6) {
    c.n += 3;
    c.names.push("filled");
}

pub fn take6(t: Tracker) -> &'static str {
    log(format!("take {t:?}"));
    t.0
}

pub async fn eat6(t: Tracker) -> &'static str {
    step("eat").await;
    log(format!("eat {t:?}"));
    t.0
}

pub async fn first6<'a>(v: &'a [Tracker]) -> &'a Tracker {
    step("first").await;
    &v[0]
}

pub fn advance6(t: Tracker, i: usize) -> Tracker {
    log(format!("advance {t:?} {i}"));
    Tracker::new(["c1", "c2", "c3", "c4"][i])
}

#[derive(Debug)]
pub struct Pt6 {
    pub x: u32,
    pub y: u32,
}

// ---------------------------------------------------------------- Partial: positions

twin! {
    /// Field reads as values in a binary op, an awaited operand, a method argument, a struct
    /// literal, an `if` condition, a closure, and a `return` of a moved field.
    p6e_all_positions {
        lower! {
            pub async fn f(c: bool) -> String {
                let j = job6(3, "nm", "g");
                let doubled = j.id * 2 + leaf("a", j.id).await;
                let mut v = Vec::new();
                v.push(j.id);
                let p = Pt6 { x: j.id, y: doubled };
                step("s").await;
                if j.id > 2 {
                    log("big");
                }
                {
                    let add = |x: u32| x + j.id;
                    log(format!("{} {:?} {:?}", add(1), v, p));
                }
                if c {
                    return j.name;
                }
                step("t").await;
                format!("{}{}", j.name, p.x)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A moved `String` field and a tracker field moved later; the rest drops at scope end
    /// after a local declared later.
    p6e_string_field_then_tracker {
        lower! {
            pub async fn f() -> usize {
                let j = job6(1, "hello", "g");
                let name = j.name;
                step("s").await;
                let later = Tracker::new("later");
                log(format!("{name} {}", j.id));
                let g = j.guard;
                step("t").await;
                log(format!("{g:?} {later:?}"));
                name.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = j.guard;` does not move the field: it drops with `j`, at scope end.
    p6e_let_underscore_field {
        lower! {
            pub async fn f() -> u32 {
                let j = job6(1, "a", "g");
                let _ = j.guard;
                step("s").await;
                log(format!("id {}", j.id));
                step("t").await;
                j.id
            }
        }
    }
    run { f() }
}

twin! {
    /// `let (a, _) = p.pair;` moves only the first element: the second drops with `p`.
    p6e_let_tuple_wild_field {
        lower! {
            pub async fn f() -> u32 {
                let p = Pair6 { pair: (Tracker("p0"), Tracker("p1")), n: 4 };
                let (a, _) = p.pair;
                step("s").await;
                log(format!("{a:?}"));
                drop(a);
                step("t").await;
                p.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A nested field moved out, then its parent assigned whole: the old parent's rest
    /// drops at the assignment, the new parent lives to scope end.
    p6e_assign_parent_after_nested_move {
        lower! {
            pub async fn f() -> u32 {
                let mut o = Outer6 {
                    inner: Inner6 { label: Tracker("l0"), t: Tracker("it0"), n: 1 },
                    t: Tracker("ot"),
                    k: 2,
                };
                let label = o.inner.label;
                step("s").await;
                log(format!("{label:?}"));
                o.inner = Inner6 { label: Tracker("l1"), t: Tracker("it1"), n: 5 };
                log("assigned");
                step("t").await;
                drop(label);
                o.inner.n + o.k
            }
        }
    }
    run { f() }
}

twin! {
    /// `parts.join("-")` borrows the field (`[String]::join(&self)`): the document is
    /// intact after the await.
    p6e_join_field_borrows {
        lower! {
            pub async fn f() -> String {
                let d = doc6();
                let joined = d.parts.join("-");
                step("s").await;
                log(format!("{joined} {:?} {}", d.parts, d.title));
                step("t").await;
                format!("{}{}", d.parts.join("+"), d.n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A user `&self` method named `count` on a field: the field stays (and drops at the end).
    p6e_user_count_on_field {
        lower! {
            pub async fn f() -> usize {
                let r = Report6 { stats: Stats6 { hits: vec![1, 2, 3], t: Tracker("st") }, t: Tracker("rt") };
                let c = r.stats.count();
                step("s").await;
                log(format!("count {c} hits {:?}", r.stats.hits));
                step("t").await;
                c + r.stats.hits.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `str::bytes(&self)` on a `String` field, summed, then the field used after the await.
    p6e_bytes_on_field {
        lower! {
            pub async fn f() -> u32 {
                let j = job6(2, "abc", "g");
                let sum: u32 = j.name.bytes().map(|b| b as u32).sum();
                step("s").await;
                log(format!("{} {}", j.name, sum));
                sum + j.id
            }
        }
    }
    run { f() }
}

twin! {
    /// A reference parameter: `d.parts.join(",")` reads through it; the caller's data is
    /// used after the await.
    p6e_ref_param_join {
        lower! {
            pub async fn f(d: &Doc6) -> usize {
                let s = d.parts.join(",");
                step("s").await;
                log(format!("{s} {:?}", d.parts));
                d.parts.len() + s.len()
            }
        }
    }
    run { f(leak(doc6())) }
}

twin! {
    /// A `move` closure capturing a `Copy` field after a field read: natively it captures
    /// only `j.id`; `j` is still used after.
    p6e_move_closure_copy_field_then_use {
        lower! {
            pub async fn f() -> u32 {
                let j = job6(4, "keep", "g");
                let id = j.id;
                step("s").await;
                let add = move |x: u32| x + j.id;
                log(format!("{}", add(id)));
                step("t").await;
                log(j.name.clone());
                add(1)
            }
        }
    }
    run { f() }
}

twin! {
    /// The same without a later use: the rest of `j` drops at scope end, after `mid`.
    p6e_move_closure_copy_field_drop_order {
        lower! {
            pub async fn f() -> u32 {
                let j = job6(4, "keep", "g");
                let id = j.id;
                step("s").await;
                let mid = Tracker::new("mid");
                let add = move |x: u32| x + j.id;
                let r = add(id);
                step("t").await;
                log(format!("{mid:?}"));
                r
            }
        }
    }
    run { f() }
}

// Known gap: a field of a local held in a `Partial` moved out inside a closure (E0382).
#[cfg(feature = "known-gaps")]
twin! {
    /// A non-`move` closure that moves a field out (an `FnOnce`), after another field moved.
    p6e_closure_moves_field {
        lower! {
            pub async fn f() -> u32 {
                let h = Holder6 { a: Tracker("a"), b: Tracker("b"), n: 6 };
                let a = h.a;
                step("s").await;
                let f = || take6(h.b);
                log(f());
                step("t").await;
                drop(a);
                h.n
            }
        }
    }
    run { f() }
}

twin! {
    /// `vec![..]` of a moved field after the await.
    p6e_vec_macro_field {
        lower! {
            pub async fn f() -> usize {
                let j = job6(1, "v", "g");
                let n = j.id;
                step("s").await;
                let v = vec![j.guard, Tracker("x")];
                step("t").await;
                log(format!("{v:?} {n}"));
                v.len()
            }
        }
    }
    run { f() }
}

// Known gap: a field of a local held in a `Partial` moved out inside a closure, a macro or a `*box` deref goes through the wrapper (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    /// `*m.body` moves the box's content out of a field, after a field read.
    p6e_deref_box_field {
        lower! {
            pub async fn f() -> u32 {
                let m = Msg6 { body: Box::new(Tracker("body")), n: 9, t: Tracker("mt") };
                let n = m.n;
                step("s").await;
                let body = *m.body;
                log(format!("{body:?}"));
                step("t").await;
                drop(body);
                n + m.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Box<Job6>` local read field by field across awaits (a box can be partly moved).
    p6e_box_struct_local {
        lower! {
            pub async fn f() -> u32 {
                let b = Box::new(job6(5, "boxed", "bg"));
                let name = b.name;
                step("s").await;
                log(format!("{name} {}", b.id));
                let g = b.guard;
                step("t").await;
                drop(g);
                log("dropped g");
                step("u").await;
                b.id
            }
        }
    }
    run { f() }
}

twin! {
    /// `self` by value read field by field across awaits.
    p6e_self_by_value {
        pub struct Svc6 {
            pub a: Tracker,
            pub b: Tracker,
            pub n: u32,
        }
        impl Svc6 {
            lower! {
                pub async fn run(self) -> u32 {
                    let n = self.n;
                    step("s").await;
                    let a = self.a;
                    step("t").await;
                    drop(a);
                    log("after a");
                    step("u").await;
                    n + self.n
                }
            }
        }
    }
    run { Svc6 { a: Tracker("sa"), b: Tracker("sb"), n: 2 }.run() }
}

twin! {
    /// A tuple local: `t.1` and a nested `t.3.0` moved out, `Copy` elements read after.
    p6e_tuple_local_fields {
        lower! {
            pub async fn f() -> u32 {
                let t = (Tracker("t0"), String::from("s"), 5u32, (Tracker("n0"), 7u32));
                let s = t.1;
                step("s").await;
                let inner = t.3.0;
                step("t").await;
                log(format!("{s} {inner:?}"));
                drop(inner);
                step("u").await;
                t.2 + t.3.1
            }
        }
    }
    run { f() }
}

twin! {
    /// A field moved out and refilled in each iteration of a loop with awaits.
    p6e_loop_move_refill {
        lower! {
            pub async fn f() -> u32 {
                let mut j = job6(0, "loop", "g0");
                for i in 0..3 {
                    let old = j.guard;
                    step("s").await;
                    log(format!("{i} {old:?}"));
                    j.guard = Tracker::new(["g1", "g2", "g3"][i]);
                    j.id += leaf("n", 1).await;
                }
                step("end").await;
                j.id
            }
        }
    }
    run { f() }
}

twin! {
    /// A field read, the whole moved, then reassigned, then read again across awaits.
    p6e_whole_move_then_reassign {
        lower! {
            pub async fn f() -> u32 {
                let mut j = job6(1, "first", "g1");
                let id = j.id;
                step("s").await;
                let taken = j;
                log(format!("took {}", taken.name));
                step("t").await;
                j = job6(id + 1, "second", "g2");
                drop(taken);
                let name = j.name;
                step("u").await;
                log(name);
                j.id
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Copy` field read and a `match` on another `Copy` field of the same local; the
    /// local lives across the await to scope end.
    p6e_match_on_copy_field {
        lower! {
            pub async fn f() -> u32 {
                let j = job6(1, "m", "g");
                let id = j.id;
                let word = match j.id {
                    1 => "one",
                    _ => "many",
                };
                step("s").await;
                let later = Tracker::new("later");
                log(format!("{word} {} {later:?}", j.name));
                step("t").await;
                id
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let Some(t) = o.opt` moves the payload out of a field; the rest lives on.
    p6e_if_let_moves_field {
        pub struct Opt6 {
            pub opt: Option<Tracker>,
            pub t: Tracker,
            pub n: u32,
        }
        lower! {
            pub async fn f() -> u32 {
                let o = Opt6 { opt: Some(Tracker("payload")), t: Tracker("ot"), n: 3 };
                if let Some(t) = o.opt {
                    log(format!("got {t:?}"));
                }
                step("s").await;
                let later = Tracker::new("later");
                step("t").await;
                log(format!("{later:?}"));
                o.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A field moved in a `match` arm's value (not a block), on one path only.
    p6e_field_in_arm_value {
        lower! {
            pub async fn f(k: u32) -> u32 {
                let j = job6(7, "arm", "g");
                let out = match k {
                    0 => j.name,
                    _ => String::from("none"),
                };
                step("s").await;
                log(format!("{out} {}", j.id));
                step("t").await;
                j.id + k
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Pattern parameters with `..` and nested struct patterns, across awaits.
    p6e_pattern_params_nested {
        lower! {
            pub async fn f(
                Outer6 { inner: Inner6 { label, .. }, k, .. }: Outer6,
                (a, _): (Tracker, Tracker),
            ) -> u32 {
                step("s").await;
                log(format!("{label:?} {a:?}"));
                drop(label);
                step("t").await;
                k
            }
        }
    }
    run {
        f(
            Outer6 { inner: Inner6 { label: Tracker("l"), t: Tracker("it"), n: 1 }, t: Tracker("ot"), k: 3 },
            (Tracker("a"), Tracker("b")),
        )
    }
}

twin! {
    /// A panic after a field moved out: the moved field and the rest drop during the unwind
    /// in native order; cancellation at every await too.
    p6e_panic_after_field_move {
        lower! {
            pub async fn f() -> u32 {
                let first = Tracker::new("first");
                let j = job6(1, "p", "g");
                let name = j.name;
                let g = j.guard;
                let last = Tracker::new("last");
                step("s").await;
                log(format!("{name} {g:?} {first:?} {last:?}"));
                boom("b").await;
                j.id
            }
        }
    }
    run { f() }
}

twin! {
    /// A partly moved local shadowed by one of its own fields, and a closure parameter of
    /// the same name.
    p6e_shadowed_partial {
        lower! {
            pub async fn f() -> u32 {
                let j = job6(1, "shadow", "g");
                let id = j.id;
                step("s").await;
                let j = j.name;
                step("t").await;
                log(j.clone());
                let jobs = vec![job6(10, "x", "x"), job6(20, "y", "y")];
                let ids: Vec<u32> = jobs.into_iter().map(|j| j.id).collect();
                step("u").await;
                id + ids.iter().sum::<u32>() + j.len() as u32
            }
        }
    }
    run { f() }
}

// Known gap: a local held in a `Partial` whose type is inferred only after its `let` (E0282).
#[cfg(feature = "known-gaps")]
twin! {
    /// A local whose type is inferred from a later use (`Default::default()` filled by a
    /// function), read by field before an await.
    p6e_inferred_type_partial {
        lower! {
            pub async fn f() -> u32 {
                let mut c = Default::default();
                fill6(&mut c);
                let n = c.n;
                step("s").await;
                log(format!("{:?}", c.names));
                n + c.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A field moved into an awaited call, then other fields used.
    p6e_field_into_awaited_call {
        lower! {
            pub async fn f() -> u32 {
                let h = Holder6 { a: Tracker("a"), b: Tracker("b"), n: 2 };
                let name = eat6(h.a).await;
                log(name);
                let other = Tracker::new("other");
                step("s").await;
                log(format!("{:?} {other:?}", h.b));
                h.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A nested block scope ends with a partly moved local: its rest drops at the block's
    /// end, before the await after it.
    p6e_nested_scope_partial {
        lower! {
            pub async fn f() -> u32 {
                let outer = Tracker::new("outer");
                let n = {
                    let o = Outer6 {
                        inner: Inner6 { label: Tracker("l"), t: Tracker("it"), n: 1 },
                        t: Tracker("ot"),
                        k: 2,
                    };
                    let t = o.inner.t;
                    step("s").await;
                    log(format!("{t:?}"));
                    o.k + o.inner.n
                };
                step("after").await;
                log(format!("{outer:?}"));
                n
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- Frame slots

twin! {
    /// A vector borrowed across an await, then moved out in a `match` arm's value.
    p6e_slot_move_in_arm_value {
        lower! {
            pub async fn f(k: u32) -> usize {
                let v = vec![Tracker("v0"), Tracker("v1")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let w = match k {
                    0 => v,
                    _ => Vec::new(),
                };
                step("t").await;
                w.len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Lent to an awaited call whose output is used, then iterated by value with awaits.
    p6e_slot_lent_then_for_by_value {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker("v0"), Tracker("v1"), Tracker("v2")];
                let r = first6(&v).await;
                log(format!("first {r:?}"));
                let mut n = 0;
                for t in v {
                    step("it").await;
                    log(format!("item {t:?}"));
                    n += 1;
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A state variable borrowed across an await, consumed to make the next one and
    /// reassigned, in a loop.
    p6e_slot_loop_consume_reassign {
        lower! {
            pub async fn f() -> &'static str {
                let mut cur = Tracker::new("c0");
                for i in 0..3 {
                    let r = &cur;
                    step("s").await;
                    log(format!("at {r:?}"));
                    let next = advance6(cur, i);
                    cur = next;
                }
                step("end").await;
                cur.0
            }
        }
    }
    run { f() }
}

twin! {
    /// A `for` item lent to an awaited call whose output is used.
    p6e_slot_for_item_lent {
        lower! {
            pub async fn f() -> usize {
                let all = vec![vec![Tracker("a0"), Tracker("a1")], vec![Tracker("b0")]];
                let mut n = 0;
                for v in all {
                    let r = first6(&v).await;
                    log(format!("first {r:?}"));
                    n += v.len();
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` arm binding lent to an awaited call, the arm a single expression.
    p6e_slot_arm_binding_lent {
        lower! {
            pub async fn f(o: Option<Vec<Tracker>>) -> usize {
                let n = match o {
                    Some(v) => first6(&v).await.0.len(),
                    None => 0,
                };
                step("s").await;
                n
            }
        }
    }
    run { pair(f(Some(vec![Tracker("x0"), Tracker("x1")])), f(None)) }
}

twin! {
    /// A `while let` binding lent to an awaited call whose output is used.
    p6e_slot_while_let_lent {
        lower! {
            pub async fn f() -> usize {
                let mut q = vec![vec![Tracker("a0")], vec![Tracker("b0"), Tracker("b1")]];
                let mut n = 0;
                while let Some(v) = q.pop() {
                    let r = first6(&v).await;
                    log(format!("first {r:?}"));
                    n += v.len();
                }
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A local borrowed across an await, then moved into a non-`move` closure (`FnOnce`).
    p6e_slot_nonmove_closure_consumes {
        lower! {
            pub async fn f() -> &'static str {
                let t = Tracker("t");
                let r = &t;
                step("s").await;
                log(format!("{r:?}"));
                let f = || take6(t);
                let other = Tracker::new("other");
                step("t").await;
                log(format!("{other:?}"));
                f()
            }
        }
    }
    run { f() }
}

twin! {
    /// A local borrowed across an await, then moved into a `move` closure called after
    /// another await.
    p6e_slot_move_closure_later {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker("v0"), Tracker("v1")];
                let r = &v[1];
                step("s").await;
                log(format!("{r:?}"));
                let f = move || v.len();
                let mid = Tracker::new("mid");
                step("t").await;
                log(format!("{mid:?}"));
                f()
            }
        }
    }
    run { f() }
}

twin! {
    /// A local lent across an await, then moved into an `async move` block stored and
    /// awaited later.
    p6e_slot_async_move_stored {
        lower! {
            pub async fn f() -> usize {
                let v = vec![Tracker("v0")];
                let r = first6(&v).await;
                log(format!("{r:?}"));
                let fut = async move {
                    step("in").await;
                    v.len()
                };
                let mid = Tracker::new("mid");
                step("t").await;
                let n = fut.await;
                log(format!("{mid:?}"));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `mut` vector borrowed across an await, reassigned, lent again, pushed to.
    p6e_slot_reassign_lend_again {
        lower! {
            pub async fn f() -> usize {
                let mut v = vec![Tracker("v0")];
                let r = &v[0];
                step("s").await;
                log(format!("{r:?}"));
                v = vec![Tracker::new("w0"), Tracker::new("w1")];
                let r2 = first6(&v).await;
                log(format!("{r2:?}"));
                v.push(Tracker::new("w2"));
                step("t").await;
                v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A local borrowed across an await, then moved on one branch only.
    p6e_slot_conditional_move {
        lower! {
            pub async fn f(c: bool) -> usize {
                let v = vec![Tracker("v0")];
                let r = &v;
                step("s").await;
                log(format!("{}", r.len()));
                let n = if c {
                    let w = v;
                    w.len()
                } else {
                    log(format!("kept {}", v.len()));
                    0
                };
                let later = Tracker::new("later");
                step("t").await;
                log(format!("{later:?}"));
                n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A local borrowed across an await, then moved by an `if`/`else` tail.
    p6e_slot_if_tail_move {
        lower! {
            pub async fn f(c: bool) -> usize {
                let v = vec![Tracker("v0")];
                let r = first6(&v).await;
                log(format!("{r:?}"));
                let w = if c { v } else { Vec::new() };
                step("t").await;
                w.len()
            }
        }
    }
    run { pair(f(true), f(false)) }
}

// ---------------------------------------------------------------- Closures across awaits

twin! {
    /// An `FnMut` counter called before, between and after awaits, then its count read.
    p6e_fnmut_counter {
        lower! {
            pub async fn f() -> u32 {
                let mut n = 0;
                let guard = Tracker::new("guard");
                let mut bump = |k: u32| {
                    n += k;
                    n
                };
                bump(1);
                step("s").await;
                let got = leaf("a", 5).await;
                bump(got);
                step("t").await;
                log(format!("{} {guard:?}", bump(0)));
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// An `impl FnOnce` parameter called after awaits, moving a tracker it captured.
    p6e_impl_fnonce_param {
        lower! {
            pub async fn f(cb: impl FnOnce(u32) -> Tracker, g: Tracker) -> &'static str {
                let n = leaf("a", 2).await;
                step("s").await;
                let t = cb(n);
                log(format!("{t:?} {g:?}"));
                step("t").await;
                t.0
            }
        }
    }
    run {
        let owned = Tracker("captured");
        f(
            move |n| {
                log(format!("cb {n} {owned:?}"));
                Tracker("made")
            },
            Tracker("g"),
        )
    }
}

twin! {
    /// A `Box<dyn FnOnce>` local called on one branch, dropped on the other.
    p6e_box_dyn_fnonce_branch {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let t = Tracker("cap");
                let cb: Box<dyn FnOnce(u32) -> u32> = Box::new(move |x| {
                    log(format!("cb {t:?}"));
                    x + 1
                });
                step("s").await;
                let x = leaf("x", 3).await;
                let r = if c { cb(x) } else {
                    drop(cb);
                    0
                };
                step("t").await;
                r
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Closures stored in a struct: `(h.on)(..)` across awaits, then `(h.done)(..)` moves
    /// its `FnOnce` out of the struct.
    p6e_closures_in_struct {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("cap");
                let h = Hooks6 {
                    on: Box::new(|x| x * 2),
                    done: Box::new(move |x| {
                        log(format!("done {x} {t:?}"));
                        Tracker("made")
                    }),
                    n: 3,
                    t: Tracker("ht"),
                };
                let a = (h.on)(leaf("a", 1).await);
                step("s").await;
                let b = (h.on)(a + h.n);
                let made = (h.done)(b);
                step("t").await;
                log(format!("{made:?}"));
                b + h.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A generic `FnMut` parameter called in a loop with awaits.
    p6e_generic_fnmut_param {
        lower! {
            pub async fn f<F: FnMut(u32) -> u32>(mut g: F, t: Tracker) -> u32 {
                let mut acc = 0;
                for i in 0..3 {
                    let x = leaf("x", i).await;
                    acc += g(x);
                    step("s").await;
                }
                log(format!("{t:?}"));
                acc
            }
        }
    }
    run {
        let mut calls = 0;
        f(
            move |x| {
                calls += 1;
                log(format!("call {calls} {x}"));
                x * 10
            },
            Tracker("t"),
        )
    }
}

twin! {
    /// A closure made from an awaited value, kept across awaits, then moved into an
    /// awaited call.
    p6e_closure_made_from_await {
        lower! {
            pub async fn f() -> u32 {
                let k = leaf("k", 4).await;
                let g = Tracker::new("g");
                let add = move |x: u32| {
                    log(format!("add {g:?}"));
                    x + k
                };
                step("s").await;
                let a = add(leaf("a", 1).await);
                let b = leaf("b", add(a)).await;
                drop(add);
                step("t").await;
                b
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- Second batch

twin! {
    /// A `move` closure that names a local only in a format string (`{t:?}`), made in a
    /// block that ends, kept across an await and called after: natively it owns `t`.
    p6e_move_closure_format_capture_escapes {
        lower! {
            pub async fn f() -> String {
                let show = {
                    let t = Tracker("cap");
                    move || format!("show {t:?}")
                };
                step("s").await;
                let a = show();
                step("t").await;
                format!("{a} {}", show())
            }
        }
    }
    run { f() }
}

twin! {
    /// The same with a `String` captured, so that a stale read is visible to valgrind.
    p6e_move_closure_format_capture_string {
        lower! {
            pub async fn f() -> String {
                let show = {
                    let s = String::from("captured string");
                    move || format!("show {s}")
                };
                step("s").await;
                show()
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block that names a local only in a format string, made in a block
    /// that ends, awaited later.
    p6e_async_move_format_capture_escapes {
        lower! {
            pub async fn f() -> String {
                let fut = {
                    let t = Tracker("cap");
                    async move {
                        step("in").await;
                        format!("in {t:?}")
                    }
                };
                step("s").await;
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Box<dyn FnOnce>` local capturing a tracker by an explicit format argument, called
    /// on one branch: the capture drops when it is called.
    p6e_box_dyn_fnonce_explicit_arg {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let t = Tracker("cap");
                let cb: Box<dyn FnOnce(u32) -> u32> = Box::new(move |x| {
                    log(format!("cb {:?}", t));
                    x + 1
                });
                step("s").await;
                let r = if c { cb(2) } else { 0 };
                step("t").await;
                r
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// An `impl FnOnce` parameter called on one branch only.
    p6e_fnonce_param_conditional {
        lower! {
            pub async fn f(c: bool, cb: impl FnOnce() -> u32) -> u32 {
                step("s").await;
                let r = if c { cb() } else { 7 };
                step("t").await;
                r
            }
        }
    }
    run {
        let t1 = Tracker("c1");
        let t2 = Tracker("c2");
        pair(f(true, move || { log(format!("{:?}", t1)); 1 }), f(false, move || { log(format!("{:?}", t2)); 2 }))
    }
}

twin! {
    /// A `Copy` index field read inside an index of another field of the same local.
    p6e_index_by_own_field {
        pub struct Sel6 {
            pub items: Vec<u32>,
            pub idx: usize,
            pub t: Tracker,
        }
        lower! {
            pub async fn f() -> u32 {
                let s = Sel6 { items: vec![10, 20, 30], idx: 1, t: Tracker("st") };
                let i = s.idx;
                step("s").await;
                let a = s.items[s.idx];
                let b = s.items.get(s.idx).copied().unwrap_or(0);
                step("t").await;
                a + b + i as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// A field pushed to with another field of the same local as the argument.
    p6e_push_own_field {
        pub struct Acc6 {
            pub seen: Vec<u32>,
            pub n: u32,
            pub t: Tracker,
        }
        lower! {
            pub async fn f() -> usize {
                let mut a = Acc6 { seen: Vec::new(), n: 1, t: Tracker("at") };
                let first = a.n;
                step("s").await;
                a.seen.push(a.n);
                a.n += leaf("x", 2).await;
                a.seen.push(a.n + first);
                step("t").await;
                a.seen.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `mem::swap` of two fields of a partly moved local.
    p6e_swap_own_fields {
        lower! {
            pub async fn f() -> &'static str {
                let mut h = Holder6 { a: Tracker("a"), b: Tracker("b"), n: 1 };
                let n = h.n;
                step("s").await;
                std::mem::swap(&mut h.a, &mut h.b);
                step("t").await;
                log(format!("{n} {:?} {:?}", h.a, h.b));
                h.a.0
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure mutating one field while another field is read, across awaits.
    p6e_closure_mut_field_disjoint {
        lower! {
            pub async fn f() -> u32 {
                let mut j = job6(1, "c", "g");
                let first = j.id;
                step("s").await;
                let mut bump = || j.id += 1;
                bump();
                log(format!("{}", j.name));
                step("t").await;
                j.id + first
            }
        }
    }
    run { f() }
}

twin! {
    /// A partly moved `&mut` parameter: a `Copy` field read, the other field reassigned.
    p6e_mut_ref_param_fields {
        lower! {
            pub async fn f(j: &mut Job6) -> u32 {
                let old = j.id;
                step("s").await;
                j.id = old + leaf("x", 1).await;
                j.name = String::from("renamed");
                step("t").await;
                log(format!("{} {}", j.name, j.id));
                j.id
            }
        }
    }
    run { f(leak(job6(1, "orig", "g"))) }
}

twin! {
    /// `?` on a `Result` field of a partly moved local, early return on the error.
    p6e_try_on_field {
        pub struct Res6 {
            pub r: Result<u32, String>,
            pub t: Tracker,
            pub n: u32,
        }
        lower! {
            pub async fn f(ok: bool) -> Result<u32, String> {
                let x = Res6 { r: if ok { Ok(2) } else { Err("bad".into()) }, t: Tracker("rt"), n: 3 };
                let n = x.n;
                step("s").await;
                let later = Tracker::new("later");
                let v = x.r?;
                step("t").await;
                log(format!("{later:?}"));
                Ok(v + n)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// A `Vec` field iterated by value, then another field after the await.
    p6e_for_over_field {
        pub struct Bag6 {
            pub items: Vec<Tracker>,
            pub t: Tracker,
            pub n: u32,
        }
        lower! {
            pub async fn f() -> u32 {
                let b = Bag6 { items: vec![Tracker("i0"), Tracker("i1"), Tracker("i2")], t: Tracker("bt"), n: 1 };
                for it in b.items {
                    step("it").await;
                    if it.0 == "i1" {
                        break;
                    }
                }
                step("s").await;
                b.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted vector pushed to by an `FnMut` closure across awaits, then moved.
    p6e_fnmut_slot_then_move {
        lower! {
            pub async fn f() -> usize {
                let mut v = Vec::new();
                let mut push = |x: u32| v.push(x);
                push(1);
                step("s").await;
                push(leaf("x", 2).await);
                let w = v;
                step("t").await;
                log(format!("{w:?}"));
                w.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `mut self` taken by value, a field moved out and refilled across awaits.
    p6e_mut_self_refill {
        pub struct Conn6 {
            pub sock: Tracker,
            pub n: u32,
        }
        impl Conn6 {
            lower! {
                pub async fn cycle(mut self) -> u32 {
                    let old = self.sock;
                    step("s").await;
                    drop(old);
                    self.sock = Tracker::new("sock2");
                    self.n += leaf("x", 1).await;
                    step("t").await;
                    self.n
                }
            }
        }
    }
    run { Conn6 { sock: Tracker("sock1"), n: 1 }.cycle() }
}

twin! {
    /// A `move` closure naming a local only in a format string, returned boxed and called
    /// by the caller after the lowered future completed: natively the closure owns `t`.
    p6e_move_closure_format_capture_returned {
        lower! {
            pub async fn make() -> Box<dyn Fn() -> String> {
                let t = Tracker("cap");
                let show: Box<dyn Fn() -> String> = Box::new(move || format!("show {t:?}"));
                step("s").await;
                show
            }
        }
        pub async fn drive() -> String {
            let show = make().await;
            step("after").await;
            let a = show();
            drop(show);
            log("dropped show");
            a
        }
    }
    run { drive() }
}

twin! {
    /// The same with a `String`, and the closure dropped in the body: natively the string
    /// is freed with it.
    p6e_move_closure_format_capture_string_returned {
        lower! {
            pub async fn make() -> Box<dyn Fn() -> String> {
                let s = String::from("captured string");
                let show: Box<dyn Fn() -> String> = Box::new(move || format!("show {s}"));
                step("s").await;
                show
            }
        }
        pub async fn drive() -> String {
            let show = make().await;
            step("after").await;
            show()
        }
    }
    run { drive() }
}

twin! {
    /// A `move` closure naming a local only in a format string, dropped early: natively the
    /// tracker drops with it.
    p6e_move_closure_format_capture_dropped {
        lower! {
            pub async fn f() -> u32 {
                let t = Tracker("cap");
                let show = move || log(format!("show {t:?}"));
                step("s").await;
                show();
                drop(show);
                log("dropped show");
                step("t").await;
                1
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- Minimal failing bodies

twin! {
    /// Minimal: a `&self` method named like a consuming one (`[String]::join`) on a field
    /// before an await: the field is copied out bit for bit and that copy is dropped.
    p6e_min_join_field {
        lower! {
            pub async fn f() -> String {
                let d = doc6();
                let s = d.parts.join("-");
                step("s").await;
                format!("{s} {:?}", d.parts)
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a user `&self` method named `count` on a field.
    p6e_min_count_field {
        lower! {
            pub async fn f() -> usize {
                let r = Report6 { stats: Stats6 { hits: vec![1, 2], t: Tracker("st") }, t: Tracker("rt") };
                let c = r.stats.count();
                step("s").await;
                c
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a nested field moved out, then its parent assigned.
    p6e_min_assign_parent {
        lower! {
            pub async fn f() -> u32 {
                let mut o = Outer6 {
                    inner: Inner6 { label: Tracker("l0"), t: Tracker("it0"), n: 1 },
                    t: Tracker("ot"),
                    k: 2,
                };
                let label = o.inner.label;
                step("s").await;
                drop(label);
                o.inner = Inner6 { label: Tracker("l1"), t: Tracker("it1"), n: 5 };
                o.k
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: the same with `String`s (a double free).
    p6e_min_assign_parent_string {
        lower! {
            pub async fn f() -> usize {
                let mut t = ((String::from("moved out"), String::from("rest")), 1u32);
                let s = t.0.0;
                step("s").await;
                t.0 = (String::from("new a"), String::from("new b"));
                s.len() + t.0.0.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `let _ = place;` does not move.
    p6e_min_let_underscore {
        lower! {
            pub async fn f() -> u32 {
                let h = Holder6 { a: Tracker("a"), b: Tracker("b"), n: 1 };
                let _ = h.a;
                step("s").await;
                h.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `let (x, _) = local.pair;` moves only `pair.0`.
    p6e_min_tuple_wild {
        lower! {
            pub async fn f() -> u32 {
                let p = Pair6 { pair: (Tracker("p0"), Tracker("p1")), n: 4 };
                let (a, _) = p.pair;
                step("s").await;
                drop(a);
                p.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `move` closure capturing a `Copy` field of a partly moved local, which is
    /// used after.
    p6e_min_move_closure_copy_field {
        lower! {
            pub async fn f() -> u32 {
                let h = Holder6 { a: Tracker("a"), b: Tracker("b"), n: 1 };
                let n = h.n;
                step("s").await;
                let add = move |x: u32| x + h.n;
                add(n) + h.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: the same closure, the local not used after: its rest drops with the closure.
    p6e_min_move_closure_copy_field_drop {
        lower! {
            pub async fn f() -> u32 {
                let h = Holder6 { a: Tracker("a"), b: Tracker("b"), n: 1 };
                let n = h.n;
                step("s").await;
                let add = move |x: u32| x + h.n;
                let r = add(n);
                drop(add);
                log("closure dropped");
                step("t").await;
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a non-`move` closure moving a field out of a partly moved local.
    p6e_min_closure_moves_field {
        lower! {
            pub async fn f() -> &'static str {
                let h = Holder6 { a: Tracker("a"), b: Tracker("b"), n: 1 };
                let n = h.n;
                step("s").await;
                let take = || take6(h.b);
                log(format!("{n}"));
                take()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a field moved inside `vec![..]` after the await.
    p6e_min_vec_macro_field {
        lower! {
            pub async fn f() -> usize {
                let h = Holder6 { a: Tracker("a"), b: Tracker("b"), n: 1 };
                let n = h.n;
                step("s").await;
                let v = vec![h.a];
                v.len() + n as usize
            }
        }
    }
    run { f() }
}

// Known gap: a field of a local held in a `Partial` moved out inside a closure, a macro or a `*box` deref goes through the wrapper (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: `*m.body` moves a `Box` field's content out.
    p6e_min_deref_box_field {
        lower! {
            pub async fn f() -> u32 {
                let m = Msg6 { body: Box::new(Tracker("body")), n: 9, t: Tracker("mt") };
                let n = m.n;
                step("s").await;
                let body = *m.body;
                drop(body);
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: calling a boxed `FnOnce` field of a partly moved local.
    p6e_min_call_fnonce_field {
        lower! {
            pub async fn f() -> u32 {
                let h = Hooks6 {
                    on: Box::new(|x| x * 2),
                    done: Box::new(|x| Tracker::new(if x > 0 { "pos" } else { "zero" })),
                    n: 3,
                    t: Tracker("ht"),
                };
                let n = h.n;
                step("s").await;
                let made = (h.done)(n);
                drop(made);
                n
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `Copy` field as an argument of a call through another field.
    p6e_min_call_field_with_field_arg {
        lower! {
            pub async fn f() -> u32 {
                let h = Hooks6 {
                    on: Box::new(|x| x * 2),
                    done: Box::new(|_| Tracker("unused")),
                    n: 3,
                    t: Tracker("ht"),
                };
                let n = h.n;
                step("s").await;
                (h.on)(h.n) + n
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a method on one field with another field (`Copy`) as the argument.
    p6e_min_push_own_field {
        lower! {
            pub async fn f() -> usize {
                let mut c = Cnt6 { n: 1, names: Vec::new() };
                let n = c.n;
                step("s").await;
                c.names.push(if c.n > 0 { "pos" } else { "zero" });
                let mut v = vec![n];
                v.push(c.n);
                c.names.len() + v.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: two fields of a partly moved local borrowed `&mut` at once.
    p6e_min_swap_fields {
        lower! {
            pub async fn f() -> &'static str {
                let mut h = Holder6 { a: Tracker("a"), b: Tracker("b"), n: 1 };
                let n = h.n;
                step("s").await;
                std::mem::swap(&mut h.a, &mut h.b);
                log(format!("{n}"));
                h.a.0
            }
        }
    }
    run { f() }
}

// Known gap: a local held in a `Partial` whose type is inferred only after its `let` (E0282).
#[cfg(feature = "known-gaps")]
twin! {
    /// Minimal: a local whose type is inferred after its `let`, read by field.
    p6e_min_inferred_type {
        lower! {
            pub async fn f() -> u32 {
                let mut c = Default::default();
                fill6(&mut c);
                let n = c.n;
                step("s").await;
                n + c.n
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: `for` over a field, the local used after an await.
    p6e_min_for_over_field {
        pub struct Req6 {
            pub items: Vec<u32>,
            pub t: Tracker,
            pub id: u32,
        }
        lower! {
            pub async fn f() -> u32 {
                let req = Req6 { items: vec![1, 2], t: Tracker("rt"), id: 7 };
                let mut sum = 0;
                for x in req.items {
                    sum += leaf("x", x).await;
                }
                sum + req.id
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `match` on a `Copy` field keeps the local out of `Partial`; another
    /// `Copy` field read makes it drop at the await.
    p6e_min_match_copy_field {
        lower! {
            pub async fn f() -> u32 {
                let h = Holder6 { a: Tracker("a"), b: Tracker("b"), n: 1 };
                let n = h.n;
                let w = match h.n {
                    1 => 10,
                    _ => 20,
                };
                step("s").await;
                log("after");
                n + w
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a slotted local moved by a `match` arm's value.
    p6e_min_slot_move_arm_value {
        lower! {
            pub async fn f(k: u32) -> usize {
                let v = vec![Tracker("v0")];
                let r = first6(&v).await;
                log(format!("{r:?}"));
                let w = match k {
                    0 => v,
                    _ => Vec::new(),
                };
                w.len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Minimal: a slotted local moved on one branch and read on the other.
    p6e_min_slot_move_one_branch {
        lower! {
            pub async fn f(c: bool) -> usize {
                let v = vec![Tracker("v0")];
                let r = first6(&v).await;
                log(format!("{r:?}"));
                if c { drop(v); 0 } else { v.len() }
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Minimal: a slotted local consumed and then reassigned.
    p6e_min_slot_consume_reassign {
        lower! {
            pub async fn f() -> &'static str {
                let mut cur = Tracker("c0");
                let r = &cur;
                step("s").await;
                log(format!("{r:?}"));
                let next = advance6(cur, 0);
                cur = next;
                cur.0
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a slotted local moved into a non-`move` closure.
    p6e_min_slot_into_fnonce_closure {
        lower! {
            pub async fn f() -> &'static str {
                let t = Tracker("t");
                let r = &t;
                step("s").await;
                log(format!("{r:?}"));
                let take = || take6(t);
                take()
            }
        }
    }
    run { f() }
}

twin! {
    /// Minimal: a `Box<dyn FnOnce>` local called on one branch only.
    p6e_min_box_fnonce_one_branch {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let cb: Box<dyn FnOnce() -> u32> = Box::new(|| 1);
                step("s").await;
                let r = if c { cb() } else { 0 };
                step("t").await;
                r
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Minimal: an `impl FnOnce` parameter called on one branch only.
    p6e_min_fnonce_param_one_branch {
        lower! {
            pub async fn f(c: bool, cb: impl FnOnce() -> u32) -> u32 {
                step("s").await;
                let r = if c { cb() } else { 0 };
                step("t").await;
                r
            }
        }
    }
    run { pair(f(true, || 1), f(false, || 2)) }
}

twin! {
    /// Minimal: a `move` closure using one slotted capture as a token and another only in a
    /// format string: the second is captured as the slot's handle (E0277).
    p6e_min_move_closure_mixed_captures {
        lower! {
            pub async fn f() -> u32 {
                let k = 1u32;
                let g = Tracker("g");
                let add = move |x: u32| {
                    log(format!("{g:?}"));
                    x + k
                };
                step("s").await;
                add(2)
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- Third batch

twin! {
    /// `let _ = j.name;` does not move: the name is read after the await.
    p6e_let_underscore_field_read_after {
        lower! {
            pub async fn f() -> String {
                let j = job6(1, "still here", "g");
                let _ = j.name;
                step("s").await;
                format!("{} {}", j.name, j.id)
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = j;` after a field read does not move `j`: it is used after the await.
    p6e_let_underscore_whole {
        lower! {
            pub async fn f() -> String {
                let j = job6(1, "whole", "g");
                let n = j.id;
                let _ = j;
                step("s").await;
                format!("{} {}", j.name, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// `_ = j;` (an underscore assignment) does not move `j` either.
    p6e_underscore_assign_whole {
        lower! {
            pub async fn f() -> String {
                let j = job6(2, "assign", "g");
                let n = j.id;
                _ = j;
                step("s").await;
                format!("{} {}", j.name, n)
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&self` method named `count` on the partly moved local itself.
    p6e_user_count_on_local {
        lower! {
            pub async fn f() -> usize {
                let s = Stats6 { hits: vec![4, 5, 6], t: Tracker("st") };
                let name = s.t.0;
                let c = s.count();
                step("s").await;
                log(format!("{name} {:?}", s.hits));
                c
            }
        }
    }
    run { f() }
}

twin! {
    /// `let Job6 { name, .. } = j;` after a field read: the other fields stay in `j` to its
    /// scope's end.
    p6e_destructure_partial_rest {
        lower! {
            pub async fn f() -> usize {
                let j = job6(3, "dest", "g");
                let n = j.id;
                step("s").await;
                let Job6 { name, .. } = j;
                log("destructured");
                step("t").await;
                name.len() + n as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// An `async move` block moving a field of a partly moved local (async blocks capture
    /// whole locals).
    p6e_async_move_partial_field {
        lower! {
            pub async fn f() -> usize {
                let j = job6(3, "inside", "g");
                let n = j.id;
                step("s").await;
                let fut = async move {
                    step("in").await;
                    j.name
                };
                let s = fut.await;
                s.len() + n as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Copy` local borrowed across an await, then passed by value in a loop (its last
    /// mention is a move, run several times).
    p6e_slot_copy_moved_in_loop {
        lower! {
            pub async fn f() -> u32 {
                let n = 5u32;
                let r = &n;
                step("s").await;
                log(format!("{r}"));
                let mut acc = 0;
                for i in 0..3 {
                    acc += i;
                    acc = u32::max(acc, n);
                }
                step("t").await;
                acc
            }
        }
    }
    run { f() }
}

twin! {
    /// `let _ = v;` on a slotted local does not drop it.
    p6e_slot_let_underscore {
        lower! {
            pub async fn f() -> u32 {
                let v = Tracker("v");
                let r = &v;
                step("s").await;
                log(format!("{r:?}"));
                let _ = v;
                log("after let _");
                step("t").await;
                1
            }
        }
    }
    run { f() }
}

twin! {
    /// `FnMut` closures stored in a struct's fields and called across awaits.
    p6e_fnmut_in_struct {
        pub struct Handlers6<F: FnMut(u32) -> u32, G: Fn() -> &'static str> {
            pub step: F,
            pub name: G,
            pub t: Tracker,
        }
        lower! {
            pub async fn f() -> u32 {
                let mut total = 0;
                let mut h = Handlers6 {
                    step: |x| {
                        total += x;
                        x + 1
                    },
                    name: || "h",
                    t: Tracker("ht"),
                };
                let a = (h.step)(leaf("a", 1).await);
                step("s").await;
                let b = (h.step)(a);
                log(format!("{} {b}", (h.name)()));
                step("t").await;
                drop(h);
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure calling another closure, both kept across awaits.
    p6e_closure_calls_closure {
        lower! {
            pub async fn f() -> u32 {
                let base = leaf("base", 10).await;
                let add = |x: u32| x + base;
                let twice = |x: u32| add(add(x));
                step("s").await;
                let a = twice(leaf("a", 1).await);
                step("t").await;
                a + add(0)
            }
        }
    }
    run { f() }
}

twin! {
    /// A closure returned by an awaited call, stored and called after awaits.
    p6e_closure_from_async_fn {
        pub async fn make_adder(t: Tracker) -> impl Fn(u32) -> u32 {
            step("mk").await;
            move |x| {
                log(format!("adder {t:?}"));
                x + 1
            }
        }
        lower! {
            pub async fn f() -> u32 {
                let add = make_adder(Tracker("cap")).await;
                let a = add(1);
                step("s").await;
                let b = add(leaf("b", a).await);
                drop(add);
                step("t").await;
                b
            }
        }
    }
    run { f() }
}

// ---------------------------------------------------------------- Fourth batch

twin! {
    /// A non-`move` closure naming a local only in a format string, kept across an await
    /// and called after.
    p6e_closure_format_capture_across_await {
        lower! {
            pub async fn f() -> String {
                let t = Tracker("t");
                let show = || format!("show {t:?}");
                step("s").await;
                let a = show();
                step("t").await;
                format!("{a} {}", show())
            }
        }
    }
    run { f() }
}

twin! {
    /// The same with a `String` local and an `async` block.
    p6e_async_block_format_capture_across_await {
        lower! {
            pub async fn f() -> String {
                let s = String::from("a string local");
                let fut = async { format!("in {s}") };
                step("s").await;
                fut.await
            }
        }
    }
    run { f() }
}

twin! {
    /// A slotted local moved by `vec![..]`.
    p6e_slot_vec_macro_move {
        lower! {
            pub async fn f() -> usize {
                let t = Tracker("t");
                let r = &t;
                step("s").await;
                log(format!("{r:?}"));
                let all = vec![t, Tracker("u")];
                step("t").await;
                all.len()
            }
        }
    }
    run { f() }
}

// Known gap: a field of a local held in a `Partial` moved out inside a closure, a macro or a `*box` deref goes through the wrapper (E0507).
#[cfg(feature = "known-gaps")]
twin! {
    /// A `Box` local read by a `Copy` field, then moved out whole with `*b`.
    p6e_box_partial_deref_whole {
        lower! {
            pub async fn f() -> u32 {
                let b = Box::new(job6(5, "boxed", "bg"));
                let n = b.id;
                step("s").await;
                let j = *b;
                step("t").await;
                n + j.id
            }
        }
    }
    run { f() }
}

twin! {
    /// A `&Struct` parameter read by `Copy` fields and borrowed fields across awaits.
    p6e_ref_param_copy_fields {
        lower! {
            pub async fn f(j: &Job6, o: &Outer6) -> usize {
                let id = j.id;
                let k = o.k + o.inner.n;
                step("s").await;
                log(format!("{} {:?} {:?}", j.name, o.inner.label, j.guard));
                step("t").await;
                id as usize + k as usize + j.name.len()
            }
        }
    }
    run {
        f(
            leak(job6(1, "refd", "g")),
            leak(Outer6 { inner: Inner6 { label: Tracker("l"), t: Tracker("it"), n: 2 }, t: Tracker("ot"), k: 3 }),
        )
    }
}

twin! {
    /// A local declared in a loop body, lent to an awaited call, moved at the end of the
    /// iteration.
    p6e_slot_in_loop_body {
        lower! {
            pub async fn f() -> usize {
                let mut kept = Vec::new();
                for i in 0..3u32 {
                    let v = vec![Tracker::new(["a", "b", "c"][i as usize])];
                    let r = first6(&v).await;
                    log(format!("{i} {r:?}"));
                    if i == 1 {
                        continue;
                    }
                    kept.push(v);
                }
                step("end").await;
                kept.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `while let` item read field by field with a `break` carrying a moved field.
    p6e_partial_while_let_break {
        lower! {
            pub async fn f() -> String {
                let mut q = vec![job6(1, "one", "g1"), job6(2, "two", "g2"), job6(3, "three", "g3")];
                let found = loop {
                    let Some(j) = q.pop() else { break String::new() };
                    let id = j.id;
                    step("s").await;
                    if id == 2 {
                        break j.name;
                    }
                    log(format!("skip {}", j.name));
                };
                step("t").await;
                found
            }
        }
    }
    run { f() }
}
