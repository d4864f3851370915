//! Probe round 18: a method the file declares taking `self`, called on a field of a local
//! (or on the whole local) while other fields are read across awaits; a `match`, `if let`,
//! `let .. else` or `let (a, _) = ..` on a field whose arm binds part of it and leaves the
//! rest with `_`; and the everyday code around them (sessions, job queues, builders,
//! state enums in a struct field, retry loops with a struct of settings).
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, VecDeque};
#[allow(unused_imports)]
use std::fmt::{self, Debug, Display};

pub struct P18Conn {
    pub t: Tracker,
    pub id: u32,
}

impl P18Conn {
    pub fn open(name: &'static str, id: u32) -> P18Conn {
        P18Conn { t: Tracker::new(name), id }
    }
    pub async fn close(self) -> u32 {
        step("close").await;
        log(format!("closed {}", self.t.name()));
        self.id
    }
    pub async fn send(self, x: u32) -> u32 {
        leaf("send", x).await + self.id
    }
    pub async fn commit(self, ok: bool) -> Result<u32, String> {
        step("commit").await;
        if ok { Ok(self.id) } else { Err(format!("commit {} failed", self.t.name())) }
    }
    pub fn shut(self) -> u32 {
        log(format!("shut {}", self.t.name()));
        self.id
    }
    pub async fn ping(&self) -> u32 {
        step("ping").await;
        self.id
    }
}

pub struct P18Session {
    pub conn: P18Conn,
    pub backup: P18Conn,
    pub n: u32,
    pub name: String,
    pub t: Tracker,
}

pub fn p18_session(n: u32) -> P18Session {
    P18Session {
        conn: P18Conn::open("conn", 10 + n),
        backup: P18Conn::open("backup", 20 + n),
        n,
        name: format!("s{n}"),
        t: Tracker::new("sess"),
    }
}

pub struct P18Log<T> {
    pub lines: Vec<T>,
    pub t: Tracker,
}

impl<T: Debug> P18Log<T> {
    pub fn seal(self) -> usize {
        log(format!("seal {:?}", self.lines));
        self.lines.len()
    }
    pub async fn flush(self, extra: usize) -> usize {
        step("flush").await;
        self.lines.len() + extra
    }
    pub fn peek(&self) -> usize {
        self.lines.len()
    }
}

/// A field some arms take only part of.
pub enum P18Work {
    Copy(String, Tracker, u32),
    Wait(u32),
    Job { name: String, tag: Tracker },
    Idle,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum P18Mode {
    Fast,
    Slow,
}

pub struct P18Task {
    pub id: u32,
    pub work: P18Work,
    pub pair: (Tracker, Tracker),
    pub mode: (P18Mode, Tracker),
    pub t: Tracker,
}

pub fn p18_work(which: u32) -> P18Work {
    match which {
        0 => P18Work::Copy(String::from("src"), Tracker::new("copy"), 3),
        1 => P18Work::Wait(5),
        2 => P18Work::Job { name: String::from("job"), tag: Tracker::new("tag") },
        _ => P18Work::Idle,
    }
}

pub fn p18_task(which: u32) -> P18Task {
    P18Task {
        id: which,
        work: p18_work(which),
        pair: (Tracker::new("p0"), Tracker::new("p1")),
        mode: (if which == 0 { P18Mode::Fast } else { P18Mode::Slow }, Tracker::new("m")),
        t: Tracker::new("t"),
    }
}

twin! {
    /// `s.conn.close().await` on a session made by a call; `s.n`, `s.t` read after, then
    /// the backup closed too.
    p18_session_close_read_n {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s = p18_session(n);
                let _g = Tracker::new("g");
                let a = s.conn.close().await;
                step("mid").await;
                let b = s.backup.send(s.n).await;
                let _late = Tracker::new("late");
                step("end").await;
                a + b + s.n + s.t.name().len() as u32
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A session literal: `conn` given up, then assigned again and only pinged (a `&self`
    /// method), the old and new connections dropping where native drops them.
    p18_literal_close_assign_again {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut s = P18Session {
                    conn: P18Conn::open("c1", 1),
                    backup: P18Conn::open("b1", 2),
                    n,
                    name: String::from("lit"),
                    t: Tracker::new("s"),
                };
                let a = s.conn.close().await;
                step("between").await;
                s.conn = P18Conn::open("c2", 3);
                let p = s.conn.ping().await;
                let _late = Tracker::new("late");
                step("end").await;
                a + p + s.n + s.backup.id
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// `let p = w.port;`, an await, then `w.finish().await` on the whole local.
    p18_whole_local_finish_after_port {
        pub struct Writer { pub port: Option<u32>, pub name: String, pub t: Tracker }
        impl Writer {
            pub async fn finish(self) -> usize { step("finish").await; log(self.t.name()); self.name.len() }
        }
        lower! {
            pub async fn f(port: Option<u32>) -> usize {
                let w = Writer { port, name: String::from("out"), t: Tracker::new("w") };
                let p = w.port;
                step("p").await;
                let _late = Tracker::new("late");
                let n = w.finish().await;
                step("after").await;
                n + p.unwrap_or(0) as usize
            }
        }
    }
    run { pair(f(Some(3)), f(None)) }
}

twin! {
    /// Sync `s.log.seal()` on a generic `P18Log<u8>` field between awaits; `s.t` lives on.
    p18_sync_seal_generic_log {
        pub struct Svc { pub log: P18Log<u8>, pub other: P18Log<String>, pub t: Tracker, pub k: u32 }
        lower! {
            pub async fn f(k: u32) -> usize {
                let s = Svc {
                    log: P18Log { lines: vec![1, 2, 3], t: Tracker::new("log") },
                    other: P18Log { lines: vec![String::from("x")], t: Tracker::new("other") },
                    t: Tracker::new("svc"),
                    k,
                };
                step("start").await;
                let peek = s.other.peek();
                let sealed = s.log.seal();
                step("sealed").await;
                let fl = s.other.flush(peek).await;
                step("end").await;
                sealed + fl + s.k as usize + s.t.name().len()
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A trait method taking `self`, implemented for the type in the body, called on a
    /// field; an inherent `&self` method of the same name on another type only borrows.
    p18_trait_self_method_on_field {
        pub trait Release { fn release(self) -> u32; }
        pub struct Lock { pub t: Tracker, pub n: u32 }
        impl Release for Lock { fn release(self) -> u32 { log(format!("release {}", self.t.name())); self.n } }
        pub struct Meter { pub t: Tracker }
        impl Meter { pub async fn release(&self) -> u32 { step("meter").await; 5 } }
        pub struct Guarded { pub lock: Lock, pub meter: Meter, pub t: Tracker }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let g = Guarded { lock: Lock { t: Tracker::new("lock"), n }, meter: Meter { t: Tracker::new("meter") }, t: Tracker::new("g") };
                let m = g.meter.release().await;
                let r = g.lock.release();
                step("after").await;
                let m2 = g.meter.release().await;
                let _late = Tracker::new("late");
                step("end").await;
                m + m2 + r + g.t.name().len() as u32
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// An `async fn` in a trait taking `self`, implemented for a field's type.
    p18_async_trait_self_method {
        pub trait Drain { async fn drain(self, extra: u32) -> u32; }
        pub struct Queue { pub items: Vec<u32>, pub t: Tracker }
        impl Drain for Queue {
            async fn drain(self, extra: u32) -> u32 { step("drain").await; self.items.iter().sum::<u32>() + extra }
        }
        pub struct Worker { pub q: Queue, pub id: u32, pub t: Tracker }
        lower! {
            pub async fn f(id: u32) -> u32 {
                let w = Worker { q: Queue { items: vec![1, 2, id], t: Tracker::new("q") }, id, t: Tracker::new("w") };
                step("start").await;
                let d = w.q.drain(w.id).await;
                let _late = Tracker::new("late");
                step("end").await;
                d + w.id + w.t.name().len() as u32
            }
        }
    }
    run { pair(f(1), f(4)) }
}

twin! {
    /// `async fn run(self)` gives `self.conn` to a declared `self` method; `self.n` and
    /// `self.t` read after.
    p18_run_self_gives_field {
        pub struct Link { pub t: Tracker, pub id: u32 }
        impl Link { pub async fn hang_up(self, why: u32) -> u32 { leaf("hang", why).await + self.id } }
        pub struct Call { pub link: Link, pub n: u32, pub t: Tracker }
        impl Call {
            lower! {
                pub async fn run(self) -> u32 {
                    step("run").await;
                    let a = self.link.hang_up(self.n).await;
                    let _late = Tracker::new("late");
                    step("after").await;
                    a + self.n + self.t.name().len() as u32
                }
            }
        }
        pub fn mk(n: u32) -> Call { Call { link: Link { t: Tracker::new("link"), id: n * 10 }, n, t: Tracker::new("call") } }
    }
    run { pair(mk(1).run(), mk(2).run()) }
}

twin! {
    /// A `self` method returning a value that borrows nothing, its result kept across
    /// awaits while the rest of the local lives on.
    p18_method_result_borrows_nothing {
        pub struct Ticket { pub t: Tracker, pub code: String }
        impl Ticket { pub fn into_parts_plain(self) -> (String, Tracker) { (self.code, Tracker::new("stub")) } }
        impl Ticket { pub async fn redeem(self) -> String { step("redeem").await; format!("{}!", self.code) } }
        pub struct Desk { pub a: Ticket, pub b: Ticket, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let d = Desk {
                    a: Ticket { t: Tracker::new("ta"), code: String::from("A1") },
                    b: Ticket { t: Tracker::new("tb"), code: String::from("B22") },
                    t: Tracker::new("desk"),
                };
                let r = d.a.redeem().await;
                step("held").await;
                let (code, stub) = d.b.into_parts_plain();
                step("parts").await;
                log(format!("{r} {code} {}", stub.name()));
                r.len() + code.len() + d.t.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// In a loop: the field given up each round and assigned again; the rest of the local
    /// read across the awaits.
    p18_loop_consume_field_reassign {
        lower! {
            pub async fn f(rounds: u32) -> u32 {
                let mut s: P18Session = p18_session(rounds);
                let mut total = 0;
                for i in 0..rounds {
                    total += s.conn.send(i).await;
                    step("round").await;
                    s.conn = P18Conn::open("again", i);
                    total += s.n;
                }
                let _late = Tracker::new("late");
                step("end").await;
                total + s.conn.id
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// An early return giving up the field; otherwise another field given up.
    p18_early_return_close {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s: P18Session = p18_session(n);
                let _g = Tracker::new("g");
                step("start").await;
                if n == 0 {
                    return s.conn.close().await + s.n;
                }
                let b = s.backup.close().await;
                step("after").await;
                b + s.conn.id + s.name.len() as u32
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// `?` on a `self` method's result; the error path leaves the rest of the local.
    p18_question_on_commit {
        lower! {
            pub async fn f(ok: bool) -> Result<u32, String> {
                let s: P18Session = p18_session(1);
                step("start").await;
                let a = s.conn.commit(ok).await?;
                let _late = Tracker::new("late");
                step("after").await;
                Ok(a + s.backup.id + s.n)
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// The receiver given up before an argument that awaits (`s.conn.send(leaf().await)`):
    /// cancelled there, the moved connection drops before the rest of the local.
    p18_receiver_moved_before_awaiting_arg {
        lower! {
            pub async fn f(x: u32) -> u32 {
                let s: P18Session = p18_session(x);
                let _g = Tracker::new("g");
                let a = s.conn.send(leaf("arg", x + 1).await).await;
                step("after").await;
                a + s.n + s.backup.id
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A field of a field given up (`o.sess.conn.close()`), the rest read after.
    p18_field_of_field_close {
        pub struct Outer { pub sess: P18Session, pub u: Tracker }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let o = Outer { sess: p18_session(n), u: Tracker::new("u") };
                step("start").await;
                let a = o.sess.conn.close().await;
                let _late = Tracker::new("late");
                step("after").await;
                let b = o.sess.backup.send(1).await;
                a + b + o.sess.n + o.u.name().len() as u32
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// The argument of the method is another field's `self` method's awaited result.
    p18_arg_is_other_field_close {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s: P18Session = p18_session(n);
                let _g = Tracker::new("g");
                let a = s.conn.send(s.backup.close().await).await;
                step("after").await;
                a + s.n + s.t.name().len() as u32
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// Connections popped out of a typed `Vec` field and closed, the session's other
    /// fields read between.
    p18_pop_typed_vec_close {
        pub struct Pool { pub idle: Vec<P18Conn>, pub max: u32, pub t: Tracker }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let mut pool = Pool { idle: vec![P18Conn::open("i0", 0), P18Conn::open("i1", 1), P18Conn::open("i2", 2)], max: k, t: Tracker::new("pool") };
                let mut total = 0;
                while let Some(c) = pool.idle.pop() {
                    if c.id >= pool.max { log("skip"); continue; }
                    total += c.close().await;
                    step("next").await;
                }
                step("end").await;
                total + pool.t.name().len() as u32
            }
        }
    }
    run { pair(f(2), f(5)) }
}

twin! {
    /// A `Copy` field whose type declares an `async fn open(self)`: after the call the
    /// field is still there and read again.
    p18_copy_field_self_method {
        #[derive(Clone, Copy)]
        pub struct Port(pub u32);
        impl Port { pub async fn open(self) -> u32 { step("open").await; self.0 + 1 } }
        pub struct Srv { pub port: Port, pub t: Tracker, pub name: String }
        lower! {
            pub async fn f(p: u32) -> u32 {
                let s = Srv { port: Port(p), t: Tracker::new("srv"), name: String::from("srv") };
                let a = s.port.open().await;
                step("mid").await;
                let b = s.port.open().await;
                let c = s.port.0;
                step("end").await;
                a + b + c + s.name.len() as u32
            }
        }
    }
    run { pair(f(1), f(8)) }
}

twin! {
    /// A method taking `mut self` and one taking `self: Box<Self>` on fields.
    p18_mut_self_and_box_self {
        pub struct Buf { pub v: Vec<u32>, pub t: Tracker }
        impl Buf { pub async fn drain_all(mut self) -> u32 { step("drain").await; self.v.drain(..).sum() } }
        pub struct Node { pub t: Tracker, pub k: u32 }
        impl Node { pub async fn unlink(self: Box<Self>) -> u32 { step("unlink").await; self.k } }
        pub struct Holder { pub buf: Buf, pub node: Box<Node>, pub t: Tracker }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let h = Holder { buf: Buf { v: vec![k, 2], t: Tracker::new("buf") }, node: Box::new(Node { t: Tracker::new("node"), k }), t: Tracker::new("h") };
                step("start").await;
                let a = h.buf.drain_all().await;
                step("mid").await;
                let b = h.node.unlink().await;
                let _late = Tracker::new("late");
                step("end").await;
                a + b + h.t.name().len() as u32
            }
        }
    }
    run { pair(f(1), f(3)) }
}

// Known gap: COMPILE (E0308): a `Box<Conn>` field of a local held in a `Partial` given to `Conn`'s plain `self` method by auto-deref (`h.conn.close()`) is called by path as `P18Conn::close(<h.conn read out>)`, which passes the `Box` (a `self: Box<Self>` method takes it).
#[cfg(feature = "known-gaps")]
twin! {
    /// A `Box<Conn>` field: `h.conn.close()` moves the connection out of the box by
    /// auto-deref.
    p18_boxed_field_autoderef_self {
        pub struct Holder { pub conn: Box<P18Conn>, pub n: u32, pub t: Tracker }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let h = Holder { conn: Box::new(P18Conn::open("boxed", n)), n, t: Tracker::new("h") };
                step("start").await;
                let a = h.conn.close().await;
                step("after").await;
                a + h.n + h.t.name().len() as u32
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A generic holder whose field's type is a type parameter bounded by a trait that
    /// declares `async fn shutdown(self)`.
    p18_type_param_bound_self_method {
        pub trait Shutdown { async fn shutdown(self) -> u32; }
        pub struct Dev { pub t: Tracker, pub k: u32 }
        impl Shutdown for Dev { async fn shutdown(self) -> u32 { step("shutdown").await; self.k } }
        pub struct Rack<D> { pub dev: D, pub spare: D, pub t: Tracker }
        lower! {
            pub async fn f<D: Shutdown>(r: Rack<D>) -> u32 {
                step("start").await;
                let a = r.dev.shutdown().await;
                step("mid").await;
                let b = r.spare.shutdown().await;
                step("end").await;
                a + b + r.t.name().len() as u32
            }
        }
        pub fn mk(k: u32) -> Rack<Dev> { Rack { dev: Dev { t: Tracker::new("dev"), k }, spare: Dev { t: Tracker::new("spare"), k: k + 1 }, t: Tracker::new("rack") } }
    }
    run { pair(f(mk(1)), f(mk(5))) }
}

twin! {
    /// A sync `shut(self)` in a `match` arm on another field, the session read after.
    p18_shut_in_match_arm {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s: P18Session = p18_session(n);
                step("start").await;
                let r = match s.n {
                    0 => s.conn.shut(),
                    1 => s.backup.close().await,
                    _ => { step("other").await; 0 }
                };
                let _late = Tracker::new("late");
                step("after").await;
                r + s.name.len() as u32 + s.t.name().len() as u32
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// Both connections given up in one expression joined by `+`, each awaited.
    p18_two_fields_given_in_one_expr {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s: P18Session = p18_session(n);
                let _g = Tracker::new("g");
                let a = s.conn.close().await + s.backup.send(n).await;
                step("after").await;
                a + s.n + s.t.name().len() as u32
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// `match j.work` with an arm binding the name and the count and leaving the tracker;
    /// the tracker drops with `j` at its scope's end, after `late`.
    p18_match_leaves_tracker_scope_end {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let n = match j.work {
                    P18Work::Copy(s, _, k) => leaf("copy", s.len() + k as usize).await,
                    P18Work::Wait(w) => { step("wait").await; w as usize }
                    P18Work::Job { name, tag: _ } => { let k = leaf("job", name.len()).await; log(name); k }
                    P18Work::Idle => 0,
                };
                let _late = Tracker::new("late");
                step("after").await;
                n + j.id as usize + j.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), pair(f(2), f(3))) }
}

twin! {
    /// The field assigned again after an arm left part of it: the rest drops at the
    /// assignment, the new value at the scope's end.
    p18_partial_arm_then_field_assigned {
        lower! {
            pub async fn f(which: u32) -> usize {
                let mut j = p18_task(which);
                let _g = Tracker::new("g");
                let n = if let P18Work::Copy(s, _, k) = j.work {
                    step("copy").await;
                    s.len() + k as usize
                } else {
                    step("other").await;
                    1
                };
                step("before assign").await;
                j.work = P18Work::Job { name: String::from("next"), tag: Tracker::new("next.tag") };
                step("after assign").await;
                n + j.pair.0.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A `Copy` part bound (`Copy(_, _, k)`), then the field matched again taking all of it.
    p18_copy_part_then_match_again {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let k = match j.work { P18Work::Copy(_, _, k) => k, P18Work::Wait(w) => w, _ => 0 };
                step("k").await;
                let m = match j.work {
                    P18Work::Copy(s, t, _) => { step("all").await; log(t.name()); s.len() }
                    P18Work::Job { name, tag } => { drop(tag); step("job").await; name.len() }
                    _ => 0,
                };
                step("end").await;
                k as usize + m + j.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// An arm testing a part it does not bind (`Copy(s, _, 3)`) and a guard reading the
    /// binding; the rest of the field lives on.
    p18_tested_part_and_guard {
        lower! {
            pub async fn f(which: u32, lim: usize) -> usize {
                let j = p18_task(which);
                let _g = Tracker::new("g");
                let n = match j.work {
                    P18Work::Copy(s, _, 3) if s.len() > lim => { step("big").await; s.len() * 10 }
                    P18Work::Copy(s, _, k) => leaf("small", s.len() + k as usize).await,
                    P18Work::Job { name, tag: _ } if name.len() > lim => leaf("job", name.len()).await,
                    _ => { step("rest").await; 0 }
                };
                step("after").await;
                n + j.pair.1.name().len()
            }
        }
    }
    run { pair(pair(f(0, 1), f(0, 5)), pair(f(2, 1), f(2, 9))) }
}

twin! {
    /// `let (a, _) = j.pair;`, an await, then the other half read; the field assigned
    /// again (the left half drops there), and `let .. else` on the work.
    p18_let_tuple_half_then_assign {
        lower! {
            pub async fn f(which: u32) -> usize {
                let mut j = p18_task(which);
                let (a, _) = j.pair;
                step("half").await;
                let n = a.name().len() + j.pair.1.name().len();
                drop(a);
                step("dropped").await;
                j.pair = (Tracker::new("q0"), Tracker::new("q1"));
                step("assigned").await;
                let P18Work::Copy(s, _, _) = j.work else {
                    step("not copy").await;
                    return n + j.pair.0.name().len();
                };
                step("copy").await;
                n + s.len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A struct-variant pattern without `..` (`Job { name, tag: _ }`) in `if let`, then
    /// the local read and moved whole into a call.
    p18_struct_variant_tag_left {
        pub async fn consume(t: Tracker) -> usize { step("consume").await; t.name().len() }
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let mut n = 0;
                if let P18Work::Job { name, tag: _ } = j.work {
                    n += leaf("name", name.len()).await;
                }
                let _mid = Tracker::new("mid");
                step("mid").await;
                n + j.mode.1.name().len() + consume(j.t).await
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// `@` bindings on a part (`k @ 1..=3`) and on the bound string, the tracker left.
    p18_at_binding_on_part {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let n = match j.work {
                    P18Work::Copy(s @ _, _, k @ 1..=3) => { let x = leaf("low", k).await; s.len() + x as usize }
                    P18Work::Copy(s, _, k) => s.len() + k as usize,
                    P18Work::Wait(w @ 5) => leaf("five", w as usize).await,
                    _ => 0,
                };
                let _late = Tracker::new("late");
                step("after").await;
                n + j.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(3)) }
}

twin! {
    /// A tuple field whose first part is an enum and second a tracker: `(P18Mode::Fast, _)`
    /// tests a part and leaves the other; `m @ P18Mode::Slow` binds the Copy part.
    p18_tuple_field_tested_part {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let _g = Tracker::new("g");
                let a = match j.mode {
                    (P18Mode::Fast, _) => leaf("fast", 1).await,
                    (m @ P18Mode::Slow, _) => { step("slow").await; (m == P18Mode::Slow) as usize + 1 }
                };
                step("mid").await;
                let b = if let (P18Mode::Fast, _) = j.mode { 10 } else { 20 };
                step("end").await;
                a + b + j.mode.1.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A nested enum in a field: the arm binds part of the inner payload and leaves the
    /// rest at two depths.
    p18_nested_enum_partial {
        pub enum Inner { A(Tracker, String), B(u32) }
        pub enum Outer { Wrap(Inner, Tracker), Bare(u32) }
        pub struct Holder { pub o: Outer, pub t: Tracker, pub id: u32 }
        lower! {
            pub async fn f(which: u32) -> usize {
                let h = Holder {
                    o: match which {
                        0 => Outer::Wrap(Inner::A(Tracker::new("ia"), String::from("inner")), Tracker::new("wrap")),
                        1 => Outer::Wrap(Inner::B(4), Tracker::new("wrap")),
                        _ => Outer::Bare(7),
                    },
                    t: Tracker::new("h"),
                    id: which,
                };
                step("start").await;
                let n = match h.o {
                    Outer::Wrap(Inner::A(_, s), _) => leaf("a", s.len()).await,
                    Outer::Wrap(Inner::B(k), _) => { step("b").await; k as usize }
                    Outer::Bare(k) => k as usize,
                };
                let _late = Tracker::new("late");
                step("after").await;
                n + h.id as usize + h.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// A loop that matches the field, leaving part of it, and assigns it again each round.
    p18_loop_match_reassign_each_round {
        lower! {
            pub async fn f(which: u32) -> usize {
                let mut j = p18_task(which);
                let mut total = 0;
                for round in 0..3u32 {
                    match j.work {
                        P18Work::Copy(s, _, k) => total += leaf("copy", s.len() + k as usize).await,
                        P18Work::Job { name, tag: _ } => { step("job").await; total += name.len(); }
                        P18Work::Wait(w) => total += w as usize,
                        P18Work::Idle => {}
                    }
                    step("round").await;
                    j.work = match round {
                        0 => P18Work::Job { name: String::from("r0"), tag: Tracker::new("tag0") },
                        1 => P18Work::Copy(String::from("r1"), Tracker::new("copy1"), 1),
                        _ => P18Work::Idle,
                    };
                }
                step("end").await;
                total + j.t.name().len()
            }
        }
    }
    run { pair(f(0), f(3)) }
}

twin! {
    /// `async fn run(self)` matching `self.work` with arms that leave part of it; `self.t`
    /// and `self.pair` read after.
    p18_run_self_partial_match {
        pub struct Runner { pub work: P18Work, pub t: Tracker, pub n: u32 }
        impl Runner {
            lower! {
                pub async fn run(self) -> usize {
                    step("run").await;
                    let r = match self.work {
                        P18Work::Copy(s, _, k) => { step("copy").await; s.len() + k as usize }
                        P18Work::Job { name, tag: _ } => leaf("job", name.len()).await,
                        _ => 0,
                    };
                    let _late = Tracker::new("late");
                    step("after").await;
                    r + self.n as usize + self.t.name().len()
                }
            }
        }
        pub fn mk(w: u32) -> Runner { Runner { work: p18_work(w), t: Tracker::new("runner"), n: w } }
    }
    run { pair(pair(mk(0).run(), mk(2).run()), mk(1).run()) }
}

twin! {
    /// An arm that awaits while holding the bound part, then the binding moved into a
    /// call; the left tracker drops with the local.
    p18_arm_awaits_holding_part {
        pub async fn eat(s: String, t: Tracker) -> usize { step("eat").await; drop(t); s.len() }
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let _g = Tracker::new("g");
                let n = match j.work {
                    P18Work::Copy(s, _, k) => {
                        step("hold").await;
                        let x = Tracker::new("x");
                        leaf("k", k).await;
                        eat(s, x).await
                    }
                    _ => 0,
                };
                step("after").await;
                n + j.id as usize
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A parameter taken by value: a part of its field bound in `let .. else`, the rest
    /// dropping with the parameter at the end.
    p18_param_let_else_part {
        lower! {
            pub async fn f(j: P18Task, extra: Tracker) -> usize {
                step("start").await;
                let P18Work::Job { name, tag: _ } = j.work else {
                    step("no job").await;
                    return j.id as usize;
                };
                let k = leaf("name", name.len()).await;
                log(extra.name());
                step("end").await;
                k + j.pair.0.name().len()
            }
        }
    }
    run { pair(f(p18_task(2), Tracker::new("x2")), f(p18_task(0), Tracker::new("x0"))) }
}

// Known gap: COMPILE (E0507): an arm binding one part by `ref` and moving another (`Copy(ref s, t, _)`) with an await in the arm: the local is kept in a frame slot, from which the arm cannot move a part (documented: a match arm moving part of a local kept in a frame slot).
#[cfg(feature = "known-gaps")]
twin! {
    /// `ref` and by-value bindings in one arm: `Copy(ref s, t, _)` moves the tracker and
    /// borrows the string, which is read after awaits in the arm.
    p18_ref_and_move_in_one_arm {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let n = match j.work {
                    P18Work::Copy(ref s, t, _) => { step("arm").await; let n = s.len(); drop(t); step("dropped").await; n + s.len() }
                    _ => 0,
                };
                step("after").await;
                n + j.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A tuple struct field destructured with `_`: `let Pair(a, _) = h.pair;`.
    p18_tuple_struct_let_half {
        pub struct Pair(pub Tracker, pub Tracker);
        pub struct Holder { pub pair: Pair, pub n: u32, pub t: Tracker }
        lower! {
            pub async fn f(n: u32) -> usize {
                let h = Holder { pair: Pair(Tracker::new("a"), Tracker::new("b")), n, t: Tracker::new("h") };
                step("start").await;
                let Pair(a, _) = h.pair;
                step("half").await;
                let k = leaf("a", a.name().len()).await;
                drop(a);
                step("after").await;
                k + h.n as usize + h.pair.1.name().len()
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A struct field destructured naming every field, one with `_` (`let Span { lo, hi: _ } = r.span;`).
    p18_struct_field_named_wildcard {
        pub struct Span { pub lo: String, pub hi: Tracker }
        pub struct Rec { pub span: Span, pub t: Tracker }
        lower! {
            pub async fn f(k: u32) -> usize {
                let r = Rec { span: Span { lo: format!("lo{k}"), hi: Tracker::new("hi") }, t: Tracker::new("rec") };
                let _g = Tracker::new("g");
                let Span { lo, hi: _ } = r.span;
                step("lo").await;
                let n = leaf("n", lo.len()).await;
                step("end").await;
                n + r.span.hi.name().len() + r.t.name().len()
            }
        }
    }
    run { pair(f(1), f(22)) }
}

twin! {
    /// `..` in a partial pattern on a field (documented gap): `Copy(s, ..)`.
    p18_gap_dotdot_in_partial_arm {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let n = match j.work {
                    P18Work::Copy(s, ..) => { step("copy").await; s.len() }
                    _ => 0,
                };
                let _late = Tracker::new("late");
                step("after").await;
                n + j.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// `_` in one alternative of an or-pattern on a field (documented gap).
    p18_gap_or_pattern_wildcard {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let n = match j.work {
                    P18Work::Copy(s, _, _) | P18Work::Job { name: s, tag: _ } => { step("s").await; s.len() }
                    _ => 0,
                };
                let _late = Tracker::new("late");
                step("after").await;
                n + j.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(1)) }
}

twin! {
    /// `while let` on the field binding part of it, assigning the field in the loop.
    p18_while_let_partial_reassign {
        lower! {
            pub async fn f(which: u32) -> usize {
                let mut j = p18_task(which);
                let mut total = 0;
                let mut left = 2u32;
                while let P18Work::Copy(s, _, k) = j.work {
                    total += leaf("s", s.len() + k as usize).await;
                    j.work = if left > 0 { left -= 1; P18Work::Copy(format!("n{left}"), Tracker::new("next"), left) } else { P18Work::Idle };
                    step("round").await;
                }
                let _late = Tracker::new("late");
                step("end").await;
                total + j.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A builder literal: fields read, an await, then `b.build().await` taking it whole.
    p18_builder_reads_then_build {
        pub struct Builder { pub host: String, pub port: u16, pub retries: u32, pub t: Tracker }
        pub struct Client { pub addr: String, pub retries: u32, pub t: Tracker }
        impl Builder {
            pub async fn build(self) -> Client {
                step("build").await;
                Client { addr: format!("{}:{}", self.host, self.port), retries: self.retries, t: Tracker::new("client") }
            }
        }
        lower! {
            pub async fn f(port: u16) -> usize {
                let b = Builder { host: String::from("db"), port, retries: 2, t: Tracker::new("builder") };
                let retries = b.retries;
                let hl = b.host.len();
                step("configured").await;
                let _late = Tracker::new("late");
                let c = b.build().await;
                step("built").await;
                c.addr.len() + hl + retries as usize + c.retries as usize
            }
        }
    }
    run { pair(f(80), f(5432)) }
}

twin! {
    /// A retry loop reading a struct of settings across awaits, the client's connection
    /// given up at the end.
    p18_retry_loop_settings_then_close {
        pub struct Retry { pub max: u32, pub backoff: u32, pub t: Tracker }
        pub struct Client { pub conn: P18Conn, pub retry: Retry, pub t: Tracker }
        lower! {
            pub async fn f(fail_until: u32) -> Result<u32, String> {
                let client = Client { conn: P18Conn::open("rc", 7), retry: Retry { max: 3, backoff: 2, t: Tracker::new("retry") }, t: Tracker::new("client") };
                let mut attempt = 0;
                let v = loop {
                    attempt += 1;
                    let r = leaf("try", attempt).await;
                    if r >= fail_until { break r; }
                    if attempt >= client.retry.max {
                        return Err(format!("gave up after {attempt}"));
                    }
                    leaf("backoff", client.retry.backoff * attempt).await;
                };
                let c = client.conn.close().await;
                step("closed").await;
                Ok(v + c + client.retry.max)
            }
        }
    }
    run { pair(f(2), f(9)) }
}

twin! {
    /// A typed job queue: each popped job's work matched with arms leaving part of it;
    /// the job's rest drops at the end of each iteration.
    p18_job_queue_partial_arms {
        lower! {
            pub async fn f() -> usize {
                let mut q: VecDeque<P18Task> = VecDeque::new();
                q.push_back(p18_task(0));
                q.push_back(p18_task(2));
                q.push_back(p18_task(1));
                let mut total = 0;
                while let Some(job) = q.pop_front() {
                    let n = match job.work {
                        P18Work::Copy(s, _, k) => leaf("copy", s.len() + k as usize).await,
                        P18Work::Job { name, tag: _ } => { step("job").await; name.len() }
                        _ => 0,
                    };
                    step("done").await;
                    total += n + job.id as usize;
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// A state enum stored in a struct field: arms bind a `Copy` part or the connection
    /// and leave the rest; the state assigned again each round.
    p18_state_enum_machine {
        pub enum Phase { Connecting(Tracker, u32), Ready { conn: P18Conn, since: Tracker }, Closed }
        pub struct Machine { pub phase: Phase, pub t: Tracker, pub log: Vec<u32> }
        lower! {
            pub async fn f(lim: u32) -> usize {
                let mut m = Machine { phase: Phase::Connecting(Tracker::new("dial0"), 0), t: Tracker::new("m"), log: Vec::new() };
                loop {
                    match m.phase {
                        Phase::Connecting(_, n) if n < lim => {
                            let k = leaf("dial", n + 1).await;
                            m.log.push(k);
                            m.phase = Phase::Connecting(Tracker::new("dial"), k);
                        }
                        Phase::Connecting(_, n) => {
                            step("ready").await;
                            m.phase = Phase::Ready { conn: P18Conn::open("ready", n), since: Tracker::new("since") };
                        }
                        Phase::Ready { conn, since: _ } => {
                            let id = conn.close().await;
                            m.log.push(id);
                            m.phase = Phase::Closed;
                        }
                        Phase::Closed => break,
                    }
                    step("tick").await;
                }
                m.log.len() + m.t.name().len()
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// `async fn shutdown(self)` closing both connections with an early return between.
    p18_run_self_closes_both {
        pub struct Sess { pub conn: P18Conn, pub backup: P18Conn, pub n: u32, pub t: Tracker }
        impl Sess {
            lower! {
                pub async fn shutdown(self) -> u32 {
                    let a = self.conn.close().await;
                    if self.n == 0 {
                        step("early").await;
                        return a;
                    }
                    let b = self.backup.send(self.n).await;
                    let _late = Tracker::new("late");
                    step("after").await;
                    a + b + self.t.name().len() as u32
                }
            }
        }
        pub fn mk(n: u32) -> Sess { Sess { conn: P18Conn::open("c", n), backup: P18Conn::open("b", n + 1), n, t: Tracker::new("sess") } }
    }
    run { pair(mk(0).shutdown(), mk(2).shutdown()) }
}

twin! {
    /// A type in the body with a `&self` method of the name the file declares taking
    /// `self` for another type: a literal of it only lends itself.
    p18_same_name_borrowing_other_type {
        pub struct Cache { pub t: Tracker, pub hits: u32 }
        impl Cache { pub async fn close(&self) -> u32 { step("cache close").await; self.hits } }
        lower! {
            pub async fn f(h: u32) -> u32 {
                let c = Cache { t: Tracker::new("cache"), hits: h };
                let _g = Tracker::new("g");
                let a = c.close().await;
                step("mid").await;
                let b = c.close().await;
                let _late = Tracker::new("late");
                step("end").await;
                a + b + c.hits
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// Only one of two fields given up, on either branch of an `if`: the other drops at the
    /// scope's end (a drop flag per field).
    p18_branch_gives_one_field {
        lower! {
            pub async fn f(flag: bool) -> u32 {
                let s = P18Session { conn: P18Conn::open("c", 1), backup: P18Conn::open("b", 2), n: 3, name: String::from("n"), t: Tracker::new("s") };
                let _g = Tracker::new("g");
                let r = if flag { s.conn.close().await } else { s.backup.send(5).await };
                let _late = Tracker::new("late");
                step("after").await;
                r + s.n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// `match` on a `self` method's awaited result; both arms await.
    p18_match_on_commit_result {
        lower! {
            pub async fn f(ok: bool) -> u32 {
                let s = P18Session { conn: P18Conn::open("c", 1), backup: P18Conn::open("b", 2), n: 3, name: String::from("n"), t: Tracker::new("s") };
                let r = match s.conn.commit(ok).await {
                    Ok(v) => leaf("ok", v).await,
                    Err(e) => { log(e); s.backup.close().await }
                };
                step("after").await;
                r + s.n
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// The field given up and assigned its own method's result (`s.conn = s.conn.renew().await`).
    p18_field_assigned_from_own_renew {
        pub struct Lease { pub t: Tracker, pub gen_no: u32 }
        impl Lease {
            pub async fn renew(self) -> Lease { step("renew").await; Lease { t: Tracker::new("renewed"), gen_no: self.gen_no + 1 } }
        }
        pub struct Holder { pub lease: Lease, pub t: Tracker }
        lower! {
            pub async fn f(rounds: u32) -> u32 {
                let mut h = Holder { lease: Lease { t: Tracker::new("lease0"), gen_no: 0 }, t: Tracker::new("h") };
                for _ in 0..rounds {
                    h.lease = h.lease.renew().await;
                    step("round").await;
                }
                let _late = Tracker::new("late");
                step("end").await;
                h.lease.gen_no + h.t.name().len() as u32
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// A builder method chain `b.with_port(8).build().await` after fields were read across
    /// an await.
    p18_builder_chain_after_reads {
        pub struct Builder { pub name: String, pub port: u16, pub t: Tracker }
        impl Builder {
            pub fn with_port(mut self, p: u16) -> Builder { self.port = p; self }
            pub async fn build(self) -> (String, u16) { step("build").await; (self.name, self.port) }
        }
        lower! {
            pub async fn f(p: u16) -> usize {
                let b = Builder { name: String::from("svc"), port: 1, t: Tracker::new("b") };
                let old = b.port;
                step("read").await;
                let (name, port) = b.with_port(p).build().await;
                step("built").await;
                name.len() + port as usize + old as usize
            }
        }
    }
    run { pair(f(8), f(9)) }
}

twin! {
    /// A loop binding the string of the field and putting it back with a new tracker: the
    /// old tracker drops at the assignment.
    p18_loop_rebuild_field_from_part {
        lower! {
            pub async fn f(which: u32) -> usize {
                let mut j = p18_task(which);
                let mut total = 0;
                loop {
                    match j.work {
                        P18Work::Copy(s, _, 0) => { total += leaf("last", s.len()).await; break; }
                        P18Work::Copy(s, _, k) => {
                            step("again").await;
                            j.work = P18Work::Copy(s, Tracker::new("again"), k - 1);
                        }
                        _ => { step("none").await; break; }
                    }
                }
                step("end").await;
                total + j.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// `let .. else` binding part of the field, then `?` on an awaited parse of it.
    p18_let_else_part_then_question {
        pub async fn parse(s: String) -> Result<u32, String> { step("parse").await; s.parse::<u32>().map_err(|e| format!("{s}: {e}")) }
        lower! {
            pub async fn f(text: &'static str, copy: bool) -> Result<u32, String> {
                let mut j = p18_task(if copy { 0 } else { 3 });
                if copy { j.work = P18Work::Copy(String::from(text), Tracker::new("text"), 1); }
                let _g = Tracker::new("g");
                let P18Work::Copy(s, _, k) = j.work else {
                    return Err(String::from("no copy"));
                };
                let v = parse(s).await?;
                step("parsed").await;
                Ok(v + k + j.id)
            }
        }
    }
    run { pair(pair(f("12", true), f("x", true)), f("1", false)) }
}

twin! {
    /// Two fields each partly bound (`match j.work` and `let (a, _) = j.pair`), then both
    /// assigned again.
    p18_two_fields_partial_then_assign {
        lower! {
            pub async fn f(which: u32) -> usize {
                let mut j = p18_task(which);
                let n = match j.work { P18Work::Copy(s, _, _) => s.len(), P18Work::Job { name, tag: _ } => name.len(), _ => 0 };
                let (a, _) = j.pair;
                step("both").await;
                let m = a.name().len() + j.pair.1.name().len();
                j.work = P18Work::Idle;
                step("work assigned").await;
                j.pair = (Tracker::new("r0"), Tracker::new("r1"));
                step("pair assigned").await;
                n + m + j.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(1)) }
}

twin! {
    /// A generic struct whose tuple field holds a `T` and a tracker: `let (v, _) = s.val;`.
    p18_generic_tuple_field_half {
        pub struct Slot<T> { pub val: (T, Tracker), pub n: u32, pub t: Tracker }
        lower! {
            pub async fn f(n: u32) -> usize {
                let s = Slot { val: (format!("v{n}"), Tracker::new("slot.t")), n, t: Tracker::new("slot") };
                step("start").await;
                let (v, _) = s.val;
                let k = leaf("v", v.len()).await;
                step("after").await;
                k + s.n as usize + s.val.1.name().len()
            }
        }
    }
    run { pair(f(1), f(10)) }
}

twin! {
    /// A partial arm on a field of a field (`o.task.work`).
    p18_nested_field_partial_arm {
        pub struct Outer { pub task: P18Task, pub u: Tracker }
        lower! {
            pub async fn f(which: u32) -> usize {
                let o = Outer { task: p18_task(which), u: Tracker::new("u") };
                step("start").await;
                let n = match o.task.work {
                    P18Work::Copy(s, _, k) => leaf("copy", s.len() + k as usize).await,
                    P18Work::Job { name, tag: _ } => { step("job").await; name.len() }
                    _ => 0,
                };
                let _late = Tracker::new("late");
                step("after").await;
                n + o.u.name().len() + o.task.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(1)) }
}

// Known gap: COMPILE (E0507): a partial arm on a boxed field (`match *h.work`): a `*box` deref moving out of a local held in a `Partial` (documented).
#[cfg(feature = "known-gaps")]
twin! {
    /// A partial arm on a boxed field (`match *h.work`).
    p18_boxed_field_partial_arm {
        pub struct Holder { pub work: Box<P18Work>, pub t: Tracker }
        lower! {
            pub async fn f(which: u32) -> usize {
                let h = Holder { work: Box::new(p18_work(which)), t: Tracker::new("h") };
                step("start").await;
                let n = match *h.work {
                    P18Work::Copy(s, _, k) => leaf("copy", s.len() + k as usize).await,
                    _ => 0,
                };
                let _late = Tracker::new("late");
                step("after").await;
                n + h.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A whole local made in a loop, its `Copy` field read, an await, then given up or
    /// dropped.
    p18_loop_whole_local_close_or_drop {
        lower! {
            pub async fn f(lim: u32) -> u32 {
                let mut i = 0;
                let r = loop {
                    let c = P18Conn::open("loop", i);
                    let id = c.id;
                    step("opened").await;
                    if id >= lim { break c.close().await; }
                    i += 1;
                };
                step("end").await;
                r + i
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// A trait's default method taking `self`, implemented for the field's type by an
    /// empty `impl`.
    p18_trait_default_self_method {
        pub trait Retire { fn code(&self) -> u32; fn retire(self) -> u32 where Self: Sized { log("retire"); self.code() } }
        pub struct Badge { pub t: Tracker, pub c: u32 }
        impl Retire for Badge { fn code(&self) -> u32 { self.c } }
        pub struct Emp { pub badge: Badge, pub name: String, pub t: Tracker }
        lower! {
            pub async fn f(c: u32) -> usize {
                let e = Emp { badge: Badge { t: Tracker::new("badge"), c }, name: String::from("ann"), t: Tracker::new("emp") };
                step("start").await;
                let code = e.badge.retire();
                step("retired").await;
                code as usize + e.name.len()
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// `async fn run(mut self)`: the field given up, assigned again, then only pinged.
    p18_run_mut_self_reassign_field {
        pub struct Svc { pub conn: P18Conn, pub n: u32, pub t: Tracker }
        impl Svc {
            lower! {
                pub async fn run(mut self) -> u32 {
                    let a = self.conn.close().await;
                    step("closed").await;
                    self.conn = P18Conn::open("reopened", a + 1);
                    let b = self.conn.ping().await;
                    let _late = Tracker::new("late");
                    step("end").await;
                    a + b + self.n
                }
            }
        }
    }
    run { pair(Svc { conn: P18Conn::open("c", 1), n: 1, t: Tracker::new("svc") }.run(), Svc { conn: P18Conn::open("c", 4), n: 2, t: Tracker::new("svc") }.run()) }
}

twin! {
    /// A method with two arguments, the second awaiting, on a field; the first reads
    /// another field.
    p18_two_args_second_awaits {
        pub struct Pipe { pub t: Tracker, pub base: u32 }
        impl Pipe { pub async fn push2(self, a: u32, b: u32) -> u32 { step("push2").await; self.base + a * b } }
        pub struct Host { pub pipe: Pipe, pub k: u32, pub t: Tracker }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let h = Host { pipe: Pipe { t: Tracker::new("pipe"), base: 100 }, k, t: Tracker::new("host") };
                let _g = Tracker::new("g");
                let r = h.pipe.push2(h.k, leaf("b", k + 1).await).await;
                step("after").await;
                r + h.k
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A partial arm on a field after the local's other field was given up to a `self`
    /// method: both features in one function.
    p18_given_up_then_partial_arm {
        pub struct Both { pub conn: P18Conn, pub work: P18Work, pub t: Tracker }
        lower! {
            pub async fn f(which: u32) -> u32 {
                let b = Both { conn: P18Conn::open("c", which), work: p18_work(which), t: Tracker::new("both") };
                let a = b.conn.close().await;
                let n = match b.work {
                    P18Work::Copy(s, _, k) => leaf("copy", s.len() as u32 + k).await,
                    P18Work::Job { name, tag: _ } => { step("job").await; name.len() as u32 }
                    _ => 0,
                };
                let _late = Tracker::new("late");
                step("after").await;
                a + n + b.t.name().len() as u32
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(1)) }
}

twin! {
    /// A local shadowed by one of another type: the first (`P18Conn`) given up by
    /// `close(self)`, the second (`Cache`, whose `close` borrows) only lent, then read.
    p18_shadowed_local_other_type {
        pub struct Cache { pub t: Tracker, pub hits: u32 }
        impl Cache { pub async fn close(&self) -> u32 { step("cache close").await; self.hits } }
        lower! {
            pub async fn f(h: u32) -> u32 {
                let c = P18Conn::open("conn", h);
                let id = c.id;
                step("opened").await;
                let a = c.close().await;
                let c = Cache { t: Tracker::new("cache"), hits: h + a };
                let b = c.close().await;
                step("mid").await;
                let _late = Tracker::new("late");
                a + b + c.hits + id
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// The reverse: a `Cache` first, then shadowed by a `P18Conn` given up after a read.
    p18_shadowed_local_other_type_rev {
        pub struct Cache { pub t: Tracker, pub hits: u32 }
        impl Cache { pub async fn close(&self) -> u32 { step("cache close").await; self.hits } }
        lower! {
            pub async fn f(h: u32) -> u32 {
                let c = Cache { t: Tracker::new("cache"), hits: h };
                let b = c.close().await;
                step("cache used").await;
                let c = P18Conn::open("conn", b);
                let id = c.id;
                step("opened").await;
                let a = c.close().await;
                step("end").await;
                a + b + id
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A whole local of no visible type (popped out of a `vec!` and unwrapped) given up by
    /// the file's only `close`, after its `Copy` field was read across an await.
    p18_untyped_popped_local_close {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut v = vec![P18Conn::open("v0", 0), P18Conn::open("v1", n)];
                let c = v.pop().unwrap();
                let id = c.id;
                step("popped").await;
                let a = c.close().await;
                step("end").await;
                a + id + v.len() as u32
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A `self` method named like a borrowing one (`get`), declared in the body, on a field.
    p18_self_method_named_get {
        pub struct Batch { pub items: Vec<u32>, pub t: Tracker }
        impl Batch { pub async fn get(self, i: usize) -> u32 { step("get").await; self.items[i] } }
        pub struct Job { pub batch: Batch, pub n: u32, pub t: Tracker }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let j = Job { batch: Batch { items: vec![5, 6, 7], t: Tracker::new("batch") }, n, t: Tracker::new("job") };
                step("start").await;
                let x = j.batch.get(1).await;
                let _late = Tracker::new("late");
                step("after").await;
                x + j.n
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A `&self` method named like a consuming one (`into_label`), declared in the body:
    /// the field is only lent, and read after.
    p18_ref_method_named_into {
        pub struct Tag { pub t: Tracker, pub k: u32 }
        impl Tag { pub async fn into_label(&self) -> String { step("label").await; format!("tag{}", self.k) } }
        pub struct Item { pub tag: Tag, pub t: Tracker }
        lower! {
            pub async fn f(k: u32) -> usize {
                let it = Item { tag: Tag { t: Tracker::new("tag"), k }, t: Tracker::new("item") };
                let l = it.tag.into_label().await;
                step("mid").await;
                let l2 = it.tag.into_label().await;
                step("end").await;
                l.len() + l2.len() + it.tag.k as usize
            }
        }
    }
    run { pair(f(1), f(22)) }
}

twin! {
    /// A type with an inherent `finish(self)` and a trait `finish(&self)` implemented for
    /// it: the inherent one is called natively.
    p18_inherent_and_trait_same_name {
        pub trait Status { fn finish(&self) -> u32; }
        pub struct Upload { pub t: Tracker, pub k: u32 }
        impl Upload { pub async fn finish(self) -> u32 { step("finish").await; self.k } }
        impl Status for Upload { fn finish(&self) -> u32 { 0 } }
        pub struct Req { pub up: Upload, pub n: u32, pub t: Tracker }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let r = Req { up: Upload { t: Tracker::new("up"), k }, n: 3, t: Tracker::new("req") };
                step("start").await;
                let a = r.up.finish().await;
                step("after").await;
                a + r.n
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A struct literal built from a given-up field and another field moved after it.
    p18_literal_from_given_up_field {
        #[derive(Debug)]
        pub struct Summary { pub id: u32, pub t: Tracker, pub name: String }
        lower! {
            pub async fn f(n: u32) -> Summary {
                let s = P18Session { conn: P18Conn::open("c", n), backup: P18Conn::open("b", 2), n, name: format!("s{n}"), t: Tracker::new("s") };
                step("start").await;
                let out = Summary { id: s.conn.close().await, t: s.t, name: s.name };
                step("built").await;
                out
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A tuple returned holding a given-up field's result and another field.
    p18_return_tuple_with_field {
        lower! {
            pub async fn f(n: u32) -> (u32, Tracker) {
                let s = P18Session { conn: P18Conn::open("c", n), backup: P18Conn::open("b", 2), n, name: String::new(), t: Tracker::new("s") };
                let _g = Tracker::new("g");
                if n == 0 {
                    return (s.backup.close().await, s.t);
                }
                step("start").await;
                (s.conn.close().await, s.t)
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// A `while` loop reading a field of the receiver, then the field given up after it.
    p18_while_reads_then_close {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut s = P18Session { conn: P18Conn::open("c", 0), backup: P18Conn::open("b", 2), n, name: String::new(), t: Tracker::new("s") };
                while s.conn.id < s.n {
                    s.conn.id += leaf("inc", 1).await;
                }
                step("loop done").await;
                s.conn.close().await + s.backup.id
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// A partial arm, then the local destructured with `..` (the left work's rest and
    /// `mode` stay in it until its scope's end).
    p18_partial_arm_then_dotdot_destructure {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let n = match j.work { P18Work::Copy(s, _, k) => s.len() + k as usize, _ => 0 };
                step("arm").await;
                let P18Task { pair, t, .. } = j;
                step("destructured").await;
                let _late = Tracker::new("late");
                step("end").await;
                n + pair.0.name().len() + t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// `if let .. else if let ..` on the same field, each binding part of it.
    p18_if_let_else_if_let_partial {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let _g = Tracker::new("g");
                let n = if let P18Work::Copy(s, _, _) = j.work {
                    leaf("copy", s.len()).await
                } else if let P18Work::Job { name, tag: _ } = j.work {
                    step("job").await;
                    name.len() * 2
                } else {
                    step("none").await;
                    0
                };
                step("after").await;
                n + j.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(1)) }
}

twin! {
    /// The bound part taken out of the `match` as its value and used across awaits.
    p18_partial_binding_escapes_match {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let s = match j.work { P18Work::Copy(s, _, _) => s, P18Work::Job { name, tag: _ } => name, _ => String::from("none") };
                step("got").await;
                let k = leaf("len", s.len()).await;
                let _late = Tracker::new("late");
                step("end").await;
                k + j.id as usize
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(3)) }
}

twin! {
    /// A `return` inside a partial arm, after an await: the binding, then the locals drop.
    p18_return_inside_partial_arm {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let _g = Tracker::new("g");
                match j.work {
                    P18Work::Copy(s, _, k) => {
                        let x = Tracker::new("x");
                        let v = leaf("copy", k as usize).await;
                        drop(x);
                        return v + s.len();
                    }
                    P18Work::Job { name, tag: _ } if name.len() > 2 => return leaf("job", name.len()).await,
                    _ => {}
                }
                step("after").await;
                j.id as usize
            }
        }
    }
    run { pair(pair(f(0), f(2)), f(1)) }
}

twin! {
    /// An `Option` of a tuple in a field: `if let Some((body, _)) = r.pending`.
    p18_option_tuple_field_half {
        pub struct Req { pub pending: Option<(String, Tracker)>, pub id: u32, pub t: Tracker }
        lower! {
            pub async fn f(some: bool) -> usize {
                let r = Req { pending: if some { Some((String::from("body"), Tracker::new("pend"))) } else { None }, id: 4, t: Tracker::new("req") };
                step("start").await;
                let n = if let Some((body, _)) = r.pending { leaf("body", body.len()).await } else { 0 };
                let _late = Tracker::new("late");
                step("after").await;
                n + r.id as usize
            }
        }
    }
    run { pair(f(true), f(false)) }
}

// Known gap: DROP ORDER: a local whose array field an array pattern destructures later (`let [a, _] = h.arr;`), the local held in a `Partial` (another field read after an await) and dropped before that pattern runs (cancelled at an earlier await): natively the array's elements drop last-first (rustc's drop elaboration of an array with per-element move paths: `a1`, `a0`), lowered first-to-last.
#[cfg(feature = "known-gaps")]
twin! {
    /// An array field destructured with `_` (`let [a, _] = h.arr;`).
    p18_array_field_half {
        pub struct Holder { pub arr: [Tracker; 2], pub n: u32, pub t: Tracker }
        lower! {
            pub async fn f(n: u32) -> usize {
                let h = Holder { arr: [Tracker::new("a0"), Tracker::new("a1")], n, t: Tracker::new("h") };
                step("start").await;
                let [a, _] = h.arr;
                step("half").await;
                let _late = Tracker::new("late");
                step("end").await;
                a.name().len() + h.n as usize
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// `async fn cycle(mut self)` matching `self.work` partially in a loop and assigning it.
    p18_mut_self_cycle_partial {
        pub struct Cyc { pub work: P18Work, pub t: Tracker, pub n: u32 }
        impl Cyc {
            lower! {
                pub async fn cycle(mut self) -> usize {
                    let mut total = 0;
                    for i in 0..self.n {
                        match self.work {
                            P18Work::Copy(s, _, k) => { total += leaf("copy", s.len() + k as usize).await; }
                            P18Work::Job { name, tag: _ } => { step("job").await; total += name.len(); }
                            _ => {}
                        }
                        self.work = if i % 2 == 0 { p18_work(2) } else { p18_work(0) };
                        step("round").await;
                    }
                    total + self.t.name().len()
                }
            }
        }
    }
    run { pair(Cyc { work: p18_work(0), t: Tracker::new("cyc"), n: 3 }.cycle(), Cyc { work: p18_work(1), t: Tracker::new("cyc"), n: 1 }.cycle()) }
}

twin! {
    /// A panic (an awaited `boom`) after a field was given up: the unwinding drops match.
    p18_panic_after_given_up {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s = P18Session { conn: P18Conn::open("c", n), backup: P18Conn::open("b", 2), n, name: String::new(), t: Tracker::new("s") };
                let a = s.conn.close().await;
                let _late = Tracker::new("late");
                let b = if n > 1 { boom("bang").await } else { 0 };
                a + b + s.backup.id
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A panic inside a partial arm while its binding is held.
    p18_panic_inside_partial_arm {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let n = match j.work {
                    P18Work::Copy(s, _, k) => { let x = Tracker::new("x"); boom("arm").await; drop(x); s.len() + k as usize }
                    _ => 1,
                };
                step("after").await;
                n + j.id as usize
            }
        }
    }
    run { pair(f(1), f(0)) }
}

twin! {
    /// A `match` on a field tuple that binds a tracker and tests an enum part with a
    /// guard reading another field of the local.
    p18_guard_reads_other_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let n = match j.pair {
                    (a, _) if j.id == 0 => { step("zero").await; a.name().len() }
                    (_, b) if j.id == 1 => { step("one").await; b.name().len() * 2 }
                    _ => 0,
                };
                let _late = Tracker::new("late");
                step("after").await;
                n + j.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// `let (a, _) = ..` on a field, then the half read across an await, and the whole
    /// field given to a `self` method of its type declared in the body after assigning.
    p18_half_then_assign_then_self_method {
        pub struct Duo(pub Tracker, pub Tracker);
        impl Duo { pub async fn merge(self) -> usize { step("merge").await; self.0.name().len() + self.1.name().len() } }
        pub struct Box2 { pub duo: Duo, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let mut b = Box2 { duo: Duo(Tracker::new("d0"), Tracker::new("d1")), t: Tracker::new("box") };
                let Duo(x, _) = b.duo;
                step("half").await;
                b.duo = Duo(x, Tracker::new("d2"));
                step("assigned").await;
                let m = b.duo.merge().await;
                step("end").await;
                m + b.t.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Copy` field of a field read first (`let id = s.conn.id;`), an await, then the
    /// field given up: the everyday order.
    p18_read_subfield_then_close {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s = P18Session { conn: P18Conn::open("c", n), backup: P18Conn::open("b", 2), n, name: String::new(), t: Tracker::new("s") };
                let id = s.conn.id;
                step("read").await;
                let a = s.conn.close().await;
                step("after").await;
                a + id + s.n
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A trait declaring `async fn retire(self)` without a body, implemented for a field's
    /// concrete type.
    p18_async_trait_fn_concrete_field {
        pub trait Retire { async fn retire(self) -> u32; }
        pub struct Badge { pub t: Tracker, pub c: u32 }
        impl Retire for Badge { async fn retire(self) -> u32 { step("retire").await; self.c } }
        pub struct Emp { pub badge: Badge, pub name: String, pub t: Tracker }
        lower! {
            pub async fn f(c: u32) -> usize {
                let e = Emp { badge: Badge { t: Tracker::new("badge"), c }, name: String::from("ann"), t: Tracker::new("emp") };
                step("start").await;
                let code = e.badge.retire().await;
                let _late = Tracker::new("late");
                step("retired").await;
                code as usize + e.name.len()
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A panic in the argument after the receiver field was given up: unwinding drops.
    p18_boom_in_arg_after_receiver {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s = P18Session { conn: P18Conn::open("c", n), backup: P18Conn::open("b", 2), n, name: String::new(), t: Tracker::new("s") };
                let _g = Tracker::new("g");
                let a = s.conn.send(if n > 1 { boom("arg").await } else { leaf("arg", n).await }).await;
                a + s.n
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A whole local (made by `P18Conn::open`) as the receiver before an awaiting argument.
    p18_whole_receiver_before_awaiting_arg {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let c = P18Conn::open("c", n);
                let _g = Tracker::new("g");
                let a = c.send(leaf("arg", n).await).await;
                step("after").await;
                a
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A field given up, assigned again, and a `Copy` field of the new value read.
    p18_close_assign_read_subfield {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut s = P18Session { conn: P18Conn::open("c", n), backup: P18Conn::open("b", 2), n, name: String::new(), t: Tracker::new("s") };
                let a = s.conn.close().await;
                s.conn = P18Conn::open("c2", a + 1);
                step("assigned").await;
                a + s.conn.id + s.backup.id
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// Shrink: A local made by a function of the file, its field given to the only `close` the file declares (taking `self`) after an await.
    p18m_untyped_call_local_close {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s = p18_session(n);
                step("s").await;
                let a = s.conn.close().await;
                a + s.n
            }
        }
    }
    run { f(1) }
}

twin! {
    p18_typed_call_local_close {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s: P18Session = p18_session(n);
                step("s").await;
                let a = s.conn.close().await;
                a + s.n
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Shrink: A field typed by the struct's type parameter given to the bound trait's `fn shutdown(self)`, then an await and another field read.
    p18m_struct_param_field_sync_self_then_await {
        pub trait Shutdown { fn shutdown(self) -> u32; }
        pub struct Dev { pub t: Tracker, pub k: u32 }
        impl Shutdown for Dev { fn shutdown(self) -> u32 { self.k } }
        pub struct Rack<D> { pub dev: D, pub t: Tracker }
        lower! {
            pub async fn f<D: Shutdown>(r: Rack<D>) -> u32 {
                step("start").await;
                let a = r.dev.shutdown();
                step("end").await;
                a + r.t.name().len() as u32
            }
        }
        pub fn mk(k: u32) -> Rack<Dev> { Rack { dev: Dev { t: Tracker::new("dev"), k }, t: Tracker::new("rack") } }
    }
    run { f(mk(1)) }
}

twin! {
    /// Shrink: A body-declared `async fn drain(self)` on a field of a literal local, another field read after.
    p18m_drain_declared_self_parks {
        pub struct Queue { pub items: Vec<u32>, pub t: Tracker }
        impl Queue { pub async fn drain(self) -> u32 { step("drain").await; self.items.len() as u32 } }
        pub struct Worker { pub q: Queue, pub id: u32 }
        lower! {
            pub async fn f(id: u32) -> u32 {
                let w = Worker { q: Queue { items: vec![1], t: Tracker::new("q") }, id };
                step("s").await;
                let d = w.q.drain().await;
                d + w.id
            }
        }
    }
    run { f(1) }
}

twin! {
    /// Shrink: A field given to a declared `self` method whose argument awaits; cancelled in the argument.
    p18m_receiver_field_before_awaiting_arg {
        pub struct Pipe { pub t: Tracker }
        impl Pipe { pub async fn push(self, a: u32) -> u32 { step("push").await; a } }
        pub struct Host { pub pipe: Pipe, pub k: u32 }
        lower! {
            pub async fn f() -> u32 {
                let h = Host { pipe: Pipe { t: Tracker::new("pipe") }, k: 1 };
                let _g = Tracker::new("g");
                h.pipe.push(leaf("b", 2).await).await + h.k
            }
        }
    }
    run { f() }
}

twin! {
    /// Shrink: A field given up on a `return` path, its `Copy` sub-field read on the other.
    p18m_field_and_its_copy_subfield_read_out {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s = P18Session { conn: P18Conn::open("c", 1), backup: P18Conn::open("b", 2), n, name: String::new(), t: Tracker::new("s") };
                step("s").await;
                if n == 0 {
                    return s.conn.close().await;
                }
                step("kept").await;
                s.conn.id + s.n
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// Shrink: A file-declared `fn peek(&self) -> usize` result kept across an await, then a `self` method on the same field.
    p18m_peek_declared_owned_parks {
        pub struct Svc { pub log: P18Log<u8>, pub k: u32 }
        lower! {
            pub async fn f(k: u32) -> usize {
                let s = Svc { log: P18Log { lines: vec![1], t: Tracker::new("log") }, k };
                let peek = s.log.peek();
                step("s").await;
                s.log.seal() + peek + s.k as usize
            }
        }
    }
    run { f(1) }
}

// Known gap: COMPILE (E0308): a `Box<Conn>` field of a local held in a `Partial` given to `Conn`'s plain `self` method by auto-deref (`h.conn.close()`) is called by path as `P18Conn::close(<h.conn read out>)`, which passes the `Box` (a `self: Box<Self>` method takes it).
#[cfg(feature = "known-gaps")]
twin! {
    /// Shrink: A `Box<P18Conn>` field given to `P18Conn::close(self)` by auto-deref.
    p18m_box_field_autoderef_self {
        pub struct Holder { pub conn: Box<P18Conn>, pub n: u32 }
        lower! {
            pub async fn f() -> u32 {
                let h = Holder { conn: Box::new(P18Conn::open("boxed", 1)), n: 2 };
                step("s").await;
                h.conn.close().await + h.n
            }
        }
    }
    run { f() }
}
twin! {
    /// A state enum with `async fn advance(self) -> Phase`, the field assigned its own
    /// advanced value each round; a counter field read across the awaits.
    p18_enum_field_advance_self {
        pub enum Phase { Start(Tracker), Mid(Tracker, u32), End }
        impl Phase {
            pub async fn advance(self) -> Phase {
                step("advance").await;
                match self { Phase::Start(_) => Phase::Mid(Tracker::new("mid"), 1), Phase::Mid(_, n) if n < 2 => Phase::Mid(Tracker::new("mid"), n + 1), _ => Phase::End }
            }
        }
        pub struct Fsm { pub phase: Phase, pub count: u32, pub t: Tracker }
        lower! {
            pub async fn f() -> u32 {
                let mut m = Fsm { phase: Phase::Start(Tracker::new("start")), count: 0, t: Tracker::new("fsm") };
                while !matches!(m.phase, Phase::End) {
                    m.phase = m.phase.advance().await;
                    m.count += 1;
                    step("tick").await;
                }
                m.count + m.t.name().len() as u32
            }
        }
    }
    run { f() }
}

twin! {
    /// `try_close(self)` gives the connection back on error; it is put back in the field
    /// and closed on the retry.
    p18_try_close_gives_back {
        pub struct Sock { pub t: Tracker, pub fails: u32 }
        impl Sock {
            pub async fn try_close(mut self) -> Result<u32, (Sock, String)> {
                step("try").await;
                if self.fails > 0 { self.fails -= 1; Err((self, String::from("busy"))) } else { Ok(7) }
            }
        }
        pub struct Peer { pub sock: Sock, pub tries: u32, pub t: Tracker }
        lower! {
            pub async fn f(fails: u32) -> u32 {
                let mut p = Peer { sock: Sock { t: Tracker::new("sock"), fails }, tries: 0, t: Tracker::new("peer") };
                loop {
                    p.tries += 1;
                    match p.sock.try_close().await {
                        Ok(v) => break v + p.tries,
                        Err((s, e)) => { log(e); p.sock = s; step("retry").await; }
                    }
                }
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// A `for` loop consuming a `Vec` field, each connection given to `close(self)`; the
    /// other fields read after.
    p18_for_over_vec_field_close_each {
        pub struct Pool { pub conns: Vec<P18Conn>, pub name: String, pub t: Tracker }
        lower! {
            pub async fn f(n: u32) -> usize {
                let pool = Pool { conns: (0..n).map(|i| P18Conn::open("pc", i)).collect(), name: String::from("pool"), t: Tracker::new("pool") };
                let mut total = 0;
                for c in pool.conns {
                    total += c.close().await;
                    step("next").await;
                }
                let _late = Tracker::new("late");
                step("end").await;
                total as usize + pool.name.len()
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// A blanket trait impl (`impl<T: HasId> Closer for T`) giving `fn close_it(self)`.
    p18_blanket_impl_self_method {
        pub trait HasId { fn id(&self) -> u32; }
        pub trait Closer { fn close_it(self) -> u32; }
        impl<T: HasId> Closer for T { fn close_it(self) -> u32 { log("close_it"); self.id() } }
        pub struct Door { pub t: Tracker, pub k: u32 }
        impl HasId for Door { fn id(&self) -> u32 { self.k } }
        pub struct House { pub door: Door, pub n: u32, pub t: Tracker }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let h = House { door: Door { t: Tracker::new("door"), k }, n: 2, t: Tracker::new("house") };
                step("start").await;
                let a = h.door.close_it();
                step("after").await;
                a + h.n
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// An `Option` field: `s.conn.take()` (borrowing) then the taken connection closed, the
    /// field read after.
    p18_option_field_take_close {
        pub struct S { pub conn: Option<P18Conn>, pub n: u32, pub t: Tracker }
        lower! {
            pub async fn f(some: bool) -> u32 {
                let mut s = S { conn: if some { Some(P18Conn::open("oc", 3)) } else { None }, n: 1, t: Tracker::new("s") };
                step("start").await;
                let a = match s.conn.take() { Some(c) => c.close().await, None => 0 };
                step("after").await;
                a + s.n + s.conn.is_none() as u32
            }
        }
    }
    run { pair(f(true), f(false)) }
}

twin! {
    /// Two `self` methods awaited in one tuple.
    p18_tuple_of_two_closes {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s = P18Session { conn: P18Conn::open("c", n), backup: P18Conn::open("b", 2), n, name: String::new(), t: Tracker::new("s") };
                let _g = Tracker::new("g");
                let (a, b) = (s.conn.close().await, s.backup.close().await);
                step("after").await;
                a + b + s.n
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A generic struct parameter `Svc<T>` whose `P18Log<T>` field is sealed.
    p18_generic_param_log_seal {
        pub struct Svc<T> { pub log: P18Log<T>, pub k: u32, pub t: Tracker }
        lower! {
            pub async fn f<T: Debug>(s: Svc<T>) -> usize {
                step("start").await;
                let n = s.log.seal();
                step("sealed").await;
                n + s.k as usize
            }
        }
    }
    run { pair(f(Svc { log: P18Log { lines: vec![1u8, 2], t: Tracker::new("log") }, k: 1, t: Tracker::new("svc") }), f(Svc { log: P18Log { lines: vec!["x"], t: Tracker::new("log") }, k: 2, t: Tracker::new("svc") })) }
}

twin! {
    /// A method handling a request by value: a partial arm on the request's field, then
    /// `self`'s field given to a `self` method.
    p18_handle_self_and_request {
        pub struct Req { pub work: P18Work, pub id: u32, pub t: Tracker }
        pub struct Server { pub conn: P18Conn, pub t: Tracker }
        impl Server {
            lower! {
                pub async fn handle(self, req: Req) -> u32 {
                    let n = match req.work {
                        P18Work::Copy(s, _, k) => leaf("copy", s.len() as u32 + k).await,
                        P18Work::Job { name, tag: _ } => { step("job").await; name.len() as u32 }
                        _ => 0,
                    };
                    step("handled").await;
                    let c = self.conn.close().await;
                    n + c + req.id
                }
            }
        }
    }
    run { pair(Server { conn: P18Conn::open("srv", 1), t: Tracker::new("server") }.handle(Req { work: p18_work(0), id: 1, t: Tracker::new("req") }),
               Server { conn: P18Conn::open("srv", 2), t: Tracker::new("server") }.handle(Req { work: p18_work(2), id: 2, t: Tracker::new("req") })) }
}

twin! {
    /// `let (a, _) = j.pair;` in a loop, the pair assigned again each round.
    p18_loop_tuple_half_reassign {
        lower! {
            pub async fn f(rounds: u32) -> usize {
                let mut j = p18_task(1);
                let mut total = 0;
                for i in 0..rounds {
                    let (a, _) = j.pair;
                    total += leaf("a", a.name().len()).await;
                    j.pair = (Tracker::new(if i == 0 { "n0" } else { "n1" }), Tracker::new("nx"));
                    step("round").await;
                }
                total + j.pair.1.name().len()
            }
        }
    }
    run { pair(f(2), f(0)) }
}

twin! {
    /// A partial arm whose other arm awaits and reads the local.
    p18_other_arm_reads_local {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let n = match j.work {
                    P18Work::Copy(s, _, _) => s.len(),
                    _ => { step("other").await; j.t.name().len() + j.pair.0.name().len() }
                };
                step("after").await;
                n + j.id as usize
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A partial arm with a guard comparing the bound string, in a loop with `continue`.
    p18_partial_guard_loop_continue {
        lower! {
            pub async fn f() -> usize {
                let mut total = 0;
                for w in 0..4u32 {
                    let j = p18_task(w);
                    let n = match j.work {
                        P18Work::Copy(s, _, _) if s == "src" => { step("src").await; s.len() }
                        P18Work::Job { name, tag: _ } if name.len() > 2 => leaf("job", name.len()).await,
                        _ => { step("skip").await; continue; }
                    };
                    step("counted").await;
                    total += n + j.t.name().len();
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// A typed `let (a, _): (Tracker, Tracker) = j.pair;`.
    p18_typed_let_tuple_half {
        lower! {
            pub async fn f() -> usize {
                let j = p18_task(1);
                let (a, _): (Tracker, Tracker) = j.pair;
                step("half").await;
                let _late = Tracker::new("late");
                step("end").await;
                a.name().len() + j.pair.1.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `self` method taking a closure argument and a generic one.
    p18_self_method_generic_args {
        pub struct Acc { pub t: Tracker, pub base: u32 }
        impl Acc {
            pub async fn fold_with<I: IntoIterator<Item = u32>, F: Fn(u32, u32) -> u32>(self, it: I, f: F) -> u32 {
                step("fold").await;
                it.into_iter().fold(self.base, f)
            }
        }
        pub struct Job { pub acc: Acc, pub k: u32, pub t: Tracker }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let j = Job { acc: Acc { t: Tracker::new("acc"), base: 1 }, k, t: Tracker::new("job") };
                step("start").await;
                let r = j.acc.fold_with(vec![1, 2, 3], |a, b| a * b + k).await;
                step("after").await;
                r + j.k
            }
        }
    }
    run { pair(f(0), f(2)) }
}

twin! {
    /// A field given up after the other field was half-destructured: two features mixed,
    /// then the half field assigned back.
    p18_half_destructure_and_close {
        pub struct Link { pub conn: P18Conn, pub ends: (Tracker, Tracker), pub n: u32 }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut l = Link { conn: P18Conn::open("lc", n), ends: (Tracker::new("e0"), Tracker::new("e1")), n };
                let (e0, _) = l.ends;
                let a = l.conn.close().await;
                step("closed").await;
                l.ends = (e0, Tracker::new("e2"));
                step("assigned").await;
                a + l.n + l.ends.1.name().len() as u32
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A `match` on a field binding a nested struct-variant's part with `@` on the whole
    /// variant's Copy part and a tested string literal.
    p18_at_and_literal_string_test {
        pub enum Msg { Text { body: String, from: Tracker, prio: u32 }, Ping(u32) }
        pub struct Inbox { pub msg: Msg, pub t: Tracker }
        lower! {
            pub async fn f(which: u32) -> u32 {
                let ib = Inbox { msg: if which == 0 { Msg::Text { body: String::from("hi"), from: Tracker::new("from"), prio: 2 } } else { Msg::Ping(which) }, t: Tracker::new("inbox") };
                let r = match ib.msg {
                    Msg::Text { body, from: _, prio: p @ 1..=3 } => leaf("text", body.len() as u32 + p).await,
                    Msg::Text { body: _, from: _, prio } => prio,
                    Msg::Ping(k @ 1) => { step("ping1").await; k }
                    Msg::Ping(k) => k * 2,
                };
                let _late = Tracker::new("late");
                step("after").await;
                r + ib.t.name().len() as u32
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(3)) }
}

twin! {
    /// An early `return` from inside a `while` loop that gave up a field each round
    /// (assigning it again).
    p18_loop_return_after_giving_field {
        lower! {
            pub async fn f(stop: u32) -> u32 {
                let mut s = P18Session { conn: P18Conn::open("c0", 0), backup: P18Conn::open("b", 2), n: 0, name: String::new(), t: Tracker::new("s") };
                let mut i = 0;
                while i < 4 {
                    let v = s.conn.send(i).await;
                    if v >= stop { return v + s.n; }
                    s.conn = P18Conn::open("cn", v + 1);
                    s.n += 1;
                    i += 1;
                }
                step("end").await;
                s.n
            }
        }
    }
    run { pair(f(1), f(100)) }
}
twin! {
    /// Shrink: a typed tuple `let` on a field that leaves half with `_`.
    p18m_typed_let_partial_field {
        pub struct H { pub pair: (Tracker, Tracker), pub n: u32 }
        lower! {
            pub async fn f() -> usize {
                let h = H { pair: (Tracker::new("a"), Tracker::new("b")), n: 1 };
                let (a, _): (Tracker, Tracker) = h.pair;
                step("half").await;
                a.name().len() + h.n as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// Contrast (passes): a typed tuple `let` destructuring a whole local, an await after.
    p18_typed_let_tuple_whole_local {
        lower! {
            pub async fn f() -> usize {
                let p = (Tracker::new("a"), 2u32);
                let (a, n): (Tracker, u32) = p;
                step("s").await;
                a.name().len() + n as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// Contrast (passes): a typed `let` with a simple identifier pattern, an await after.
    p18_typed_let_ident_from_field {
        pub struct H { pub pair: (Tracker, Tracker), pub n: u32 }
        lower! {
            pub async fn f() -> usize {
                let h = H { pair: (Tracker::new("a"), Tracker::new("b")), n: 1 };
                let a: Tracker = h.pair.0;
                step("s").await;
                a.name().len() + h.n as usize
            }
        }
    }
    run { f() }
}

twin! {
    /// Contrast (passes): a closure capturing a parameter by reference passed to an awaited free
    /// function.
    p18_closure_arg_free_fn {
        pub async fn fold_with<F: Fn(u32) -> u32>(base: u32, f: F) -> u32 { step("fold").await; f(base) }
        lower! {
            pub async fn f(k: u32) -> u32 {
                step("start").await;
                fold_with(1, |a| a + k).await
            }
        }
    }
    run { f(2) }
}

twin! {
    /// Shrink: the same closure passed to a declared `self` method on a field.
    p18m_closure_arg_self_method_on_field {
        pub struct Acc { pub t: Tracker }
        impl Acc { pub async fn apply<F: Fn(u32) -> u32>(self, f: F) -> u32 { step("apply").await; f(1) } }
        pub struct Job { pub acc: Acc, pub k: u32 }
        lower! {
            pub async fn f(k: u32) -> u32 {
                let j = Job { acc: Acc { t: Tracker::new("acc") }, k };
                step("start").await;
                j.acc.apply(|a| a + k).await + j.k
            }
        }
    }
    run { f(2) }
}
twin! {
    /// A let chain on a field binding part of it (`if let Copy(s, _, k) = j.work && k > 1`).
    p18_let_chain_partial_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = p18_task(which);
                let n = if let P18Work::Copy(s, _, k) = j.work && k > 1 {
                    leaf("copy", s.len()).await
                } else {
                    step("else").await;
                    0
                };
                let _late = Tracker::new("late");
                step("after").await;
                n + j.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

twin! {
    /// A nested tuple field `((a, _), _)` leaving two trackers.
    p18_nested_tuple_field_partial {
        pub struct H { pub nest: ((Tracker, Tracker), Tracker), pub n: u32 }
        lower! {
            pub async fn f() -> usize {
                let h = H { nest: ((Tracker::new("a"), Tracker::new("b")), Tracker::new("c")), n: 1 };
                step("start").await;
                let ((a, _), _) = h.nest;
                step("half").await;
                let _late = Tracker::new("late");
                step("end").await;
                a.name().len() + h.n as usize + h.nest.1.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// `let .. else` leaving part of the field inside a loop that breaks out when the work
    /// is not a copy, the field assigned again each round.
    p18_let_else_partial_loop_break {
        lower! {
            pub async fn f() -> usize {
                let mut j = p18_task(0);
                let mut total = 0;
                let mut round = 0u32;
                loop {
                    let P18Work::Copy(s, _, k) = j.work else { step("stop").await; break; };
                    total += leaf("s", s.len() + k as usize).await;
                    round += 1;
                    j.work = if round < 2 { P18Work::Copy(format!("r{round}"), Tracker::new("rt"), round) } else { P18Work::Wait(1) };
                }
                step("end").await;
                total + j.t.name().len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A `self` method borrowing an argument and returning that borrow, the argument a
    /// sibling field (`s.conn.label_of(&s.name)`).
    p18_self_method_borrows_sibling_arg {
        pub struct Chan { pub t: Tracker }
        impl Chan { pub fn label_of(self, name: &str) -> &str { log(format!("label {}", self.t.name())); name } }
        pub struct S { pub chan: Chan, pub name: String, pub t: Tracker }
        lower! {
            pub async fn f() -> usize {
                let s = S { chan: Chan { t: Tracker::new("chan") }, name: String::from("nm"), t: Tracker::new("s") };
                step("start").await;
                let l = s.chan.label_of(&s.name).len();
                step("after").await;
                l + s.name.len()
            }
        }
    }
    run { f() }
}

twin! {
    /// A field given up as a statement, its result unused.
    p18_close_as_statement {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let s = P18Session { conn: P18Conn::open("c", n), backup: P18Conn::open("b", 2), n, name: String::new(), t: Tracker::new("s") };
                s.conn.close().await;
                let _late = Tracker::new("late");
                step("after").await;
                s.n + s.backup.id
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A tuple local's element given to `close(self)`, the other elements read after.
    p18_tuple_element_close {
        lower! {
            pub async fn f(n: u32) -> usize {
                let t = (P18Conn::open("t0", n), Tracker::new("t1"), 3u32);
                step("start").await;
                let a = t.0.close().await;
                step("after").await;
                a as usize + t.1.name().len() + t.2 as usize
            }
        }
    }
    run { pair(f(1), f(2)) }
}

twin! {
    /// A consumed field assigned again from a function of the file, then given up again.
    p18_close_reopen_close {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut s = P18Session { conn: P18Conn::open("c", n), backup: P18Conn::open("b", 2), n, name: String::new(), t: Tracker::new("s") };
                let a = s.conn.close().await;
                step("closed").await;
                s.conn = P18Conn::open("again", a);
                let b = s.conn.send(1).await;
                let _late = Tracker::new("late");
                step("end").await;
                a + b + s.n
            }
        }
    }
    run { pair(f(1), f(2)) }
}

// Known gap: DROP ORDER: a local whose array field an array pattern destructures later (`let [a, _] = h.arr;`), the local held in a `Partial` (another field read after an await) and dropped before that pattern runs (cancelled at an earlier await): natively the array's elements drop last-first (rustc's drop elaboration of an array with per-element move paths: `a1`, `a0`), lowered first-to-last.
#[cfg(feature = "known-gaps")]
twin! {
    /// Shrink: cancelled at the await before `let [a, _] = h.arr;`.
    p18m_array_field_dropped_before_pattern {
        pub struct Holder { pub arr: [Tracker; 2], pub n: u32 }
        lower! {
            pub async fn f() -> usize {
                let h = Holder { arr: [Tracker::new("a0"), Tracker::new("a1")], n: 1 };
                step("start").await;
                let [a, _] = h.arr;
                step("half").await;
                a.name().len() + h.n as usize
            }
        }
    }
    run { f() }
}
