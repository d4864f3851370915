//! Partly moved locals: a field read as a value (copied or moved out) before an await the
//! local lives across. Natively the rest of the local lives on to the end of its scope.
use crate::prelude::*;

/// Drops with a log line, and has `Copy` fields to read.
pub struct Job {
    pub id: u32,
    pub name: &'static str,
}
impl Drop for Job {
    fn drop(&mut self) {
        log(format!("drop job {} {}", self.id, self.name));
    }
}

pub struct Pair {
    pub a: Tracker,
    pub b: Tracker,
    pub n: u32,
}

pub struct Nest {
    pub inner: Pair,
    pub t: Tracker,
}

#[derive(Clone, Copy, Debug)]
pub struct Pt {
    pub x: u32,
    pub y: u32,
}

twin! {
    /// A `Copy` field of a `Drop` type read before an await: the job drops at scope end.
    pt_copy_field_of_drop_type {
        lower! {
            pub async fn f() -> u32 {
                let job = Job { id: 7, name: "build" };
                let id = job.id;
                step("work").await;
                log(format!("after {id}"));
                id + leaf("more", 1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// Fields read in arithmetic, as call arguments and in the awaited operand.
    pt_copy_fields_everywhere {
        lower! {
            pub async fn f(job: Job) -> u32 {
                let total = job.id * 2 + val("v", 1);
                let got = leaf("x", job.id).await;
                log(format!("{} {}", job.name, total));
                got + total
            }
        }
    }
    run { f(Job { id: 3, name: "arg" }) }
}

twin! {
    /// A field moved out, the rest used after the await, and the moved field assigned again.
    pt_move_refill {
        lower! {
            pub async fn f() -> u32 {
                let mut p = Pair { a: Tracker("a"), b: Tracker("b"), n: 2 };
                let a = p.a;
                step("s").await;
                log(format!("{:?} {}", p.b, p.n));
                drop(a);
                p.a = Tracker("a2");
                step("t").await;
                p.a = Tracker("a3");
                p.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A field moved on one branch only: the rest, and the field on the other branch, drop at
    /// scope end.
    pt_conditional_move {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let p = Pair { a: Tracker("a"), b: Tracker("b"), n: 1 };
                if c {
                    let a = p.a;
                    log(format!("took {a:?}"));
                }
                step("s").await;
                p.n + leaf("x", 1).await
            }
        }
    }
    run { f(true) }
}

twin! {
    pt_conditional_move_not_taken {
        lower! {
            pub async fn f(c: bool) -> u32 {
                let p = Pair { a: Tracker("a"), b: Tracker("b"), n: 1 };
                if c {
                    let a = p.a;
                    log(format!("took {a:?}"));
                }
                step("s").await;
                p.n
            }
        }
    }
    run { f(false) }
}

twin! {
    /// A nested field moved out; the rest of the inner struct and the outer tracker live on.
    pt_nested_path {
        lower! {
            pub async fn f() -> u32 {
                let nest = Nest { inner: Pair { a: Tracker("ia"), b: Tracker("ib"), n: 5 }, t: Tracker("t") };
                let b = nest.inner.b;
                step("s").await;
                drop(b);
                step("t").await;
                nest.inner.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A field read in a loop around the await.
    pt_loop_reads {
        lower! {
            pub async fn f() -> u32 {
                let job = Job { id: 2, name: "loop" };
                let mut total = 0;
                for i in 0..3 {
                    total += job.id + i;
                    step("tick").await;
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// Read a `Copy` field, then move the whole local away after the await.
    pt_whole_move_after_copy_read {
        lower! {
            pub async fn f() -> u32 {
                let job = Job { id: 4, name: "whole" };
                let id = job.id;
                step("s").await;
                let moved = job;
                step("t").await;
                log(format!("{}", moved.name));
                id
            }
        }
    }
    run { f() }
}

twin! {
    /// A `Copy` struct: copied whole twice after a field read.
    pt_copy_struct {
        lower! {
            pub async fn f() -> u32 {
                let pt = Pt { x: 1, y: 2 };
                let x = pt.x;
                step("s").await;
                let q = pt;
                let r = pt;
                log(format!("{pt:?}"));
                x + q.y + r.x
            }
        }
    }
    run { f() }
}

twin! {
    /// The whole local assigned again after a field moved out.
    pt_reassign_whole {
        lower! {
            pub async fn f() -> u32 {
                let mut p = Pair { a: Tracker("a"), b: Tracker("b"), n: 1 };
                let a = p.a;
                step("s").await;
                p = Pair { a: Tracker("a2"), b: Tracker("b2"), n: 2 };
                drop(a);
                step("t").await;
                p.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A parameter partly moved, between two other parameters: native drop order.
    pt_param_between {
        lower! {
            pub async fn f(first: Tracker, p: Pair, last: Tracker) -> u32 {
                let b = p.b;
                step("s").await;
                log(format!("{first:?} {last:?} {b:?}"));
                p.n
            }
        }
    }
    run { f(Tracker("first"), Pair { a: Tracker("a"), b: Tracker("b"), n: 9 }, Tracker("last")) }
}

twin! {
    /// Methods and references on the local after a field read, and a tuple field.
    pt_methods_after_read {
        lower! {
            pub async fn f() -> usize {
                let t = (Tracker("t0"), String::from("hello"), 3u32);
                let n = t.2;
                step("s").await;
                let len = t.1.len();
                let r = &t.0;
                log(format!("{r:?} {n}"));
                len + t.1.chars().count()
            }
        }
    }
    run { f() }
}

twin! {
    /// Panic after a field moved out: the rest drops during the unwind.
    pt_panic_after_move {
        lower! {
            pub async fn f() -> u32 {
                let p = Pair { a: Tracker("a"), b: Tracker("b"), n: 1 };
                let a = p.a;
                step("s").await;
                drop(a);
                if p.n == 1 {
                    panic!("boom");
                }
                p.n
            }
        }
    }
    run { f() }
}

twin! {
    /// A `for` loop's item read field by field across an await: it drops at the end of
    /// each iteration.
    pt_for_item {
        lower! {
            pub async fn f() -> u32 {
                let jobs = vec![Job { id: 1, name: "one" }, Job { id: 2, name: "two" }];
                let mut total = 0;
                for job in jobs {
                    total += job.id;
                    step("s").await;
                    log(format!("done {}", job.name));
                }
                total
            }
        }
    }
    run { f() }
}

twin! {
    /// A `match` arm's and an `if let`'s bindings, one of two read by field.
    pt_arm_bindings {
        lower! {
            pub async fn f(o: Option<(Tracker, Job)>) -> u32 {
                let n = match o {
                    Some((t, job)) => {
                        let id = job.id;
                        step("arm").await;
                        log(format!("{t:?}"));
                        id
                    }
                    None => 0,
                };
                if let Some(job) = Some(Job { id: 5, name: "iflet" }) {
                    let id = job.id;
                    step("iflet").await;
                    return n + id;
                }
                n
            }
        }
    }
    run { f(Some((Tracker("t"), Job { id: 3, name: "arm" }))) }
}

twin! {
    /// A destructuring `let` whose first binding is read by field: the second still drops
    /// first.
    pt_destructuring_let {
        lower! {
            pub async fn f() -> u32 {
                let (job, t) = (Job { id: 8, name: "d" }, Tracker("t"));
                let id = job.id;
                step("s").await;
                log(format!("{t:?}"));
                id
            }
        }
    }
    run { f() }
}

twin! {
    /// `while let` over a queue of jobs.
    pt_while_let_item {
        lower! {
            pub async fn f() -> u32 {
                let mut q = vec![Job { id: 1, name: "a" }, Job { id: 2, name: "b" }];
                let mut sum = 0;
                while let Some(job) = q.pop() {
                    sum += job.id;
                    step("s").await;
                }
                sum
            }
        }
    }
    run { f() }
}

twin! {
    /// The awaited value is a reference into a local the awaiter borrowed.
    pt_output_borrows_local {
        lower! {
            pub async fn f() -> u32 {
                let p = (Tracker("p"), 2u32, 3u32);
                let r = *leaf("x", &p.1).await;
                r + *leaf("y", &p.2).await + p.1
            }
        }
    }
    run { f() }
}

twin! {
    /// The same after a field read.
    pt_output_borrows_partial {
        lower! {
            pub async fn f() -> u32 {
                let p = (Tracker("p"), 2u32, 3u32);
                let n = p.2;
                n + *leaf("x", &p.1).await
            }
        }
    }
    run { f() }
}

twin! {
    /// A typed `let` read field by field.
    pt_typed_let {
        lower! {
            pub async fn f() -> u32 {
                let job: Job = Job { id: 9, name: "typed" };
                let id = job.id;
                step("s").await;
                id
            }
        }
    }
    run { f() }
}

pub enum Kind {
    A(Tracker),
    B(Tracker),
}

pub struct Msg {
    pub kind: Kind,
    pub port: Option<u32>,
    pub t: Tracker,
}

pub struct Outer {
    pub msg: Msg,
    pub u: Tracker,
}

fn msg(which: u32) -> Msg {
    Msg {
        kind: if which == 0 { Kind::A(Tracker::new("a")) } else { Kind::B(Tracker::new("b")) },
        port: if which == 2 { None } else { Some(which) },
        t: Tracker::new("t"),
    }
}

twin! {
    /// A `match` on a field that binds by value in one arm only, each arm awaiting: the
    /// rest of the local lives to its scope's end, and an arm that binds nothing leaves the
    /// field in the local (it drops with it), even when the arm moves it out itself.
    pt_match_field_arms_that_bind_and_do_not {
        lower! {
            pub async fn f(which: u32) -> usize {
                let m = msg(which);
                let _late = Tracker::new("late");
                let n = match m.kind {
                    Kind::A(t) => leaf("a", t.name().len()).await,
                    Kind::B(_) if which == 1 => leaf("b", 1).await,
                    Kind::B(_) => {
                        let k = m.kind;
                        step("moved").await;
                        drop(k);
                        2
                    }
                };
                step("after").await;
                n + m.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// `if let` on a `Copy` field, with no `else`, an `else`, and an `else if`; a guard on
    /// the copied value; the local not named after that, and alive to its scope's end.
    pt_if_let_copy_field_local_lives_on {
        lower! {
            pub async fn f(which: u32) -> u32 {
                let m = msg(which);
                let _late = Tracker::new("late");
                if let Some(p) = m.port {
                    leaf("p", p).await;
                }
                let q = if let Some(p) = m.port { leaf("q", p).await } else if which > 1 { leaf("none", 7).await } else { 0 };
                let r = match m.port { Some(p) if p > 0 => leaf("guarded", p).await, Some(_) => 1, None => 2 };
                step("end").await;
                q + r
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// `let .. else` on a field: the `else` reads the field in place and moves it, then
    /// leaves; the field of a field (`o.msg.kind`) matched with the rest of both alive.
    pt_let_else_and_nested_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let o = Outer { msg: msg(which), u: Tracker::new("u") };
                step("start").await;
                let Kind::A(a) = o.msg.kind else {
                    let still = matches!(o.msg.kind, Kind::B(_));
                    let k = o.msg.kind;
                    step("else").await;
                    drop(k);
                    return still as usize;
                };
                step("bound").await;
                a.name().len() + o.u.name().len() + o.msg.t.name().len()
            }
        }
    }
    run { pair(f(0), f(1)) }
}

pub struct Queue {
    pub head: Option<Tracker>,
    pub left: u32,
    pub id: u32,
}

twin! {
    /// A local held in a `Partial` assigned whole from a value that reads its own field, and
    /// a field of it assigned from a value that updates another field: the value is made
    /// first, as natively, then stored.
    pt_assigned_from_itself {
        lower! {
            pub async fn f() -> u32 {
                let mut q = Queue { head: Some(Tracker::new("h0")), left: 2, id: 1 };
                let h = q.head;
                step("a").await;
                q.head = if q.left > 0 { q.left -= 1; Some(Tracker::new("h1")) } else { None };
                step("b").await;
                q = Queue { head: None, left: q.left + 5, id: q.id + 1 };
                step("c").await;
                drop(h);
                q.left + q.id
            }
        }
    }
    run { f() }
}

/// A field some arms take only part of (`Work::Copy(path, _, n)` leaves the tracker).
pub enum Work {
    Copy(String, Tracker, u32),
    Wait(u32),
    Idle,
}

pub enum Mode {
    Fast,
    Slow,
}

/// A variant with named fields, matched with `..`.
pub enum Step {
    Fetch { url: String, retry: Tracker, tries: u32 },
    Done(Tracker, u32),
}

pub struct Plan {
    pub step: Step,
    pub t: Tracker,
}

fn plan(which: u32) -> Plan {
    Plan {
        step: if which == 0 {
            Step::Fetch { url: String::from("u"), retry: Tracker::new("retry"), tries: 2 }
        } else {
            Step::Done(Tracker::new("done"), which)
        },
        t: Tracker::new("t"),
    }
}

pub struct Task {
    pub id: u32,
    pub work: Work,
    pub pair: (Tracker, Tracker),
    pub mode: (Mode, Tracker),
    pub t: Tracker,
}

fn task(which: u32) -> Task {
    Task {
        id: which,
        work: match which {
            0 => Work::Copy(String::from("src"), Tracker::new("copy"), 3),
            1 => Work::Wait(5),
            _ => Work::Idle,
        },
        pair: (Tracker::new("p0"), Tracker::new("p1")),
        mode: (if which == 0 { Mode::Fast } else { Mode::Slow }, Tracker::new("m")),
        t: Tracker::new("t"),
    }
}

twin! {
    /// A `match` on a field whose arms bind all of it, part of it (`_` leaves a tracker in
    /// the local: it drops with the local at its scope's end, after `late`), only a `Copy`
    /// part (the field stays whole and is matched again after), or nothing; each arm and
    /// the code after await, so the future is dropped at every point.
    pt_match_arm_leaves_part_of_the_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = task(which);
                let _late = Tracker::new("late");
                let n = match j.work {
                    Work::Copy(s, _, 3) if which == 5 => s.len(),
                    Work::Copy(s, _, k) if k > 1 => leaf("copy", s.len()).await + k as usize,
                    Work::Wait(w) | Work::Copy(_, _, w) if which > 0 => leaf("wait", w as usize).await,
                    Work::Copy(_, _, k) => k as usize,
                    Work::Wait(w) => w as usize,
                    Work::Idle => 0,
                };
                step("after").await;
                n + j.id as usize + j.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// `if let`, `let .. else` and a plain `let` that leave part of a field: a tuple field
    /// half moved and its other half read after an await; an `if let` binding a `Copy` part,
    /// then a `let .. else` taking another part (the copied one is not taken twice).
    pt_if_let_and_lets_leave_part_of_the_field {
        lower! {
            pub async fn f(which: u32) -> usize {
                let j = task(which);
                let mut n = 0;
                let (a, _) = j.pair;
                step("pair").await;
                if let Work::Copy(_, _, k) = j.work {
                    n += leaf("k", k as usize).await;
                }
                step("between").await;
                let Work::Copy(s, _, _) = j.work else {
                    step("no copy").await;
                    return n + a.name().len() + j.pair.1.name().len();
                };
                step("end").await;
                n + s.len() + j.pair.1.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// An arm that tests a part it does not bind (`Mode::Fast`) and leaves another; then the
    /// field assigned again (the old value's rest drops there, the arm's binding does not
    /// drop twice), in a loop that matches it each round.
    pt_arm_leaves_part_then_field_assigned {
        lower! {
            pub async fn f(which: u32) -> usize {
                let mut j = task(which);
                let mut total = 0;
                for round in 0..3u32 {
                    match j.work {
                        Work::Copy(s, _, k) => total += leaf("copy", s.len() + k as usize).await,
                        Work::Wait(w) => total += w as usize,
                        Work::Idle => {}
                    }
                    step("round").await;
                    j.work = if round == 0 { Work::Copy(format!("r{round}"), Tracker::new("again"), round) } else { Work::Idle };
                }
                let fast = match j.mode {
                    (m @ Mode::Fast, _) => leaf("fast", matches!(m, Mode::Fast) as usize).await,
                    (Mode::Slow, _) => 2,
                };
                step("end").await;
                total + fast + j.mode.1.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// Arms that leave part of a field with `..` (a struct variant, a tuple variant): the
    /// file's declarations say which fields it stands for, and those stay in the local.
    pt_arm_leaves_part_with_rest_patterns {
        lower! {
            pub async fn f(which: u32) -> usize {
                let p = plan(which);
                let _late = Tracker::new("late");
                let n = match p.step {
                    Step::Fetch { url, .. } => leaf("fetch", url.len()).await,
                    Step::Done(.., k) if k > 1 => leaf("done", k as usize).await,
                    Step::Done(..) => 0,
                };
                step("after").await;
                n + p.t.name().len()
            }
        }
    }
    run { pair(pair(f(0), f(1)), f(2)) }
}

twin! {
    /// `while let` on a field with no await inside the loop, the local living across the
    /// awaits after it: a `Copy` field matched each round, a non-`Copy` one taken and
    /// assigned again in the body, one left as it is when the loop ends (it drops with the
    /// local, at its scope's end), and a labelled `continue` and `break`.
    pt_while_let_on_fields_then_await {
        pub enum Run { Going(Tracker), Stopped(Tracker) }
        pub struct Queue { pub head: Option<Tracker>, pub port: Option<u32>, pub run: Run, pub left: u32, pub g: Tracker }
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut q = Queue { head: Some(Tracker::new("h0")), port: Some(n), run: Run::Going(Tracker::new("going")), left: n, g: Tracker::new("g") };
                let _late = Tracker::new("late");
                let mut seen = 0;
                while let Some(t) = q.head {
                    seen += 1;
                    q.head = if q.left > 0 {
                        q.left -= 1;
                        Some(Tracker::new("next"))
                    } else {
                        None
                    };
                    drop(t);
                }
                step("after").await;
                'ports: while let Some(p) = q.port {
                    q.port = p.checked_sub(1);
                    if p % 2 == 0 {
                        continue 'ports;
                    }
                    seen += p;
                    if p > 4 {
                        break 'ports;
                    }
                }
                while let Run::Going(t) = q.run {
                    q.run = Run::Stopped(Tracker::new("stopped"));
                    drop(t);
                }
                step("end").await;
                seen + q.left + q.g.name().len() as u32
            }
        }
        lower! {
            /// Not named after the loops: the local still lives to its scope's end.
            pub async fn g(n: u32) -> u32 {
                let q = Queue { head: None, port: Some(n), run: Run::Going(Tracker::new("going")), left: n, g: Tracker::new("g") };
                let _late = Tracker::new("late");
                let mut seen = 0;
                while let Some(p) = q.port {
                    seen += p;
                    if seen > 3 || p == 0 {
                        break;
                    }
                }
                while let Run::Going(ref t) = q.run {
                    seen += t.name().len() as u32;
                    break;
                }
                step("end").await;
                seen
            }
        }
    }
    run { pair(pair(f(0), f(2)), pair(f(7), g(2))) }
}

twin! {
    /// A method on one field of a local held in a `Partial` with another field as its
    /// argument (`a.seen.push(a.n)`, natively a two-phase borrow), a field's closure called
    /// with a field, an argument made with a temporary (it lives to the statement's end, as
    /// natively), two fields borrowed `&mut` by one call (`swap`), and the local as the
    /// receiver of an awaited method with a field as its argument.
    pt_call_on_a_field_with_fields_as_arguments {
        pub struct Acc {
            pub seen: Vec<u32>,
            pub names: Vec<String>,
            pub spare: Vec<String>,
            pub n: u32,
            pub on: Box<dyn Fn(u32) -> u32>,
            pub name: String,
            pub t: Tracker,
        }
        impl Acc {
            pub async fn add(&mut self, k: u32) -> u32 { self.n += leaf("add", k).await; self.n }
        }
        lower! {
            pub async fn f(k: u32) -> usize {
                let mut a = Acc { seen: Vec::new(), names: Vec::new(), spare: vec![String::from("s")], n: k, on: Box::new(|x| x * 2), name: String::from("nm"), t: Tracker::new("a") };
                let first = a.n;
                step("s").await;
                a.seen.push(a.n);
                a.seen.push((a.on)(a.n) + first);
                a.names.push(format!("{}-{}", Tracker::new("temp").name(), a.n));
                a.names.push(a.name.clone());
                std::mem::swap(&mut a.names, &mut a.spare);
                a.spare.push(a.names.len().to_string());
                step("t").await;
                a.seen.iter().sum::<u32>() as usize + a.names.len() * 10 + a.spare.len() + a.t.name().len()
            }
        }
        lower! {
            /// The wrapper's local as the receiver of an awaited `&mut self` method, a field
            /// as its argument.
            pub async fn g(k: u32) -> usize {
                let mut a = Acc { seen: Vec::new(), names: Vec::new(), spare: vec![String::from("s")], n: k, on: Box::new(|x| x + 1), name: String::from("g"), t: Tracker::new("a") };
                let first = a.n;
                step("s").await;
                let added = a.add(a.n).await;
                a.seen.insert(0, added + first);
                a.seen.len() + a.t.name().len()
            }
        }
    }
    run { pair(pair(f(1), f(3)), g(2)) }
}

twin! {
    /// A closure without `move` that is a `let`'s whole value, naming fields of a local
    /// held in a `Partial` only as values: it takes the one it moves (`eat(h.b)`, so the
    /// rest of `h` stays, to drop at its scope's end), called or dropped unused, and borrows
    /// a copy of a `Copy` one, kept across an await. (Kept across an await, one that moves a
    /// field is the known gap of a non-`move` closure moving a local kept in a frame slot.)
    pt_closure_without_move_takes_fields_it_moves {
        pub struct Holder { pub a: Tracker, pub b: Tracker, pub n: u32 }
        fn eat(t: Tracker) -> u32 {
            log(format!("eat {}", t.name()));
            1
        }
        lower! {
            pub async fn f(call: bool) -> u32 {
                let h = Holder { a: Tracker::new("a"), b: Tracker::new("b"), n: 6 };
                let n = h.n;
                step("s").await;
                let add = || h.n + n;
                let _late = Tracker::new("late");
                step("t").await;
                let take = || eat(h.b);
                let k = if call { take() } else { 0 };
                k + add() + h.a.name().len() as u32
            }
        }
    }
    run { pair(f(true), f(false)) }
}

#[derive(Debug)]
pub struct Settings {
    pub name: Tracker,
    pub log: Tracker,
    pub retries: u32,
}

twin! {
    /// Struct update syntax from a local between awaits: the fields it takes leave the
    /// local, the field given anew stays in it and drops at the end of the scope, and a
    /// `Copy` field is read from it after.
    struct_update_moves_only_the_fields_it_takes {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let base = Settings { name: Tracker::new("base-name"), log: Tracker::new("base-log"), retries: n };
                step("a").await;
                let next = Settings { name: Tracker::new("next-name"), ..base };
                step("b").await;
                let _late = Tracker::new("late");
                step("c").await;
                next.retries + base.retries + next.log.name().len() as u32
            }
        }
    }
    run { f(2) }
}

twin! {
    /// Struct update syntax from a field of a parameter: the fields it takes leave the
    /// parameter's field, the rest of the parameter lives on.
    struct_update_from_a_field {
        pub struct Pair { pub left: Settings, pub right: Tracker }
        lower! {
            pub async fn f(p: Pair) -> usize {
                step("a").await;
                let s = Settings { log: Tracker::new("fresh-log"), ..p.left };
                step("b").await;
                s.name.name().len() + p.right.name().len()
            }
        }
    }
    run { f(Pair { left: Settings { name: Tracker::new("p-name"), log: Tracker::new("p-log"), retries: 0 }, right: Tracker::new("p-right") }) }
}

twin! {
    /// Struct update syntax inside a `move` closure, from a local the closure captures whole.
    struct_update_in_a_move_closure {
        lower! {
            pub async fn f() -> usize {
                let base = Settings { name: Tracker::new("base-name"), log: Tracker::new("base-log"), retries: 1 };
                let make = move || Settings { retries: 5, ..base };
                step("a").await;
                let built = make();
                step("c").await;
                built.name.name().len()
            }
        }
    }
    run { f() }
}

// A local matched whole by an arm that moves part of it and leaves the rest (`Note::Up {
// name, .. }`, `Some((a, _))`): natively the rest stays in the local to the end of its
// scope, across the arm's awaits and the ones after the `match`.

pub enum Note {
    Up { name: Tracker, lease: Tracker, n: u32 },
    Pair(Tracker, Tracker),
    Ping,
}

twin! {
    /// A struct variant's `..` leaves a tracker in the parameter; the arm awaits.
    match_whole_rest_across_arm_await {
        lower! {
            pub async fn f(m: Note, tail: Tracker) -> &'static str {
                let r = match m {
                    Note::Up { name, .. } => {
                        step("arm").await;
                        name.name()
                    }
                    Note::Pair(a, _) => a.name(),
                    Note::Ping => "ping",
                };
                step("after").await;
                drop(tail);
                r
            }
        }
    }
    run {
        f(Note::Up { name: Tracker::new("name"), lease: Tracker::new("lease"), n: 1 }, Tracker::new("tail"))
    }
}

twin! {
    /// The same `match` reaching the tuple variant: `_` leaves the second tracker.
    match_whole_rest_tuple_variant {
        lower! {
            pub async fn f(m: Note) -> &'static str {
                let _h = Tracker::new("h");
                let r = match m {
                    Note::Up { name, .. } => name.name(),
                    Note::Pair(a, _) => {
                        step("pair").await;
                        a.name()
                    }
                    Note::Ping => "ping",
                };
                step("after").await;
                r
            }
        }
    }
    run { f(Note::Pair(Tracker::new("a"), Tracker::new("b"))) }
}

twin! {
    /// An arm that binds nothing leaves the local whole: it drops at its scope end.
    match_whole_rest_arm_binds_nothing {
        lower! {
            pub async fn f(m: Note) -> &'static str {
                let r = match m {
                    Note::Up { name, .. } => name.name(),
                    Note::Pair(..) => "pair",
                    Note::Ping => "ping",
                };
                step("after").await;
                r
            }
        }
    }
    run { f(Note::Pair(Tracker::new("a"), Tracker::new("b"))) }
}

twin! {
    /// A guard on the binding, then a second arm for the same variant leaving another part.
    match_whole_rest_guarded_arms {
        lower! {
            pub async fn f(m: Note, k: u32) -> u32 {
                let v = match m {
                    Note::Up { name, n, .. } if n > k => {
                        step(name.name()).await;
                        n
                    }
                    Note::Up { lease, .. } => {
                        step("lease").await;
                        drop(lease);
                        0
                    }
                    _ => 9,
                };
                step("after").await;
                v
            }
        }
    }
    run {
        async {
            let a = f(Note::Up { name: Tracker::new("n1"), lease: Tracker::new("l1"), n: 3 }, 1).await;
            let b = f(Note::Up { name: Tracker::new("n2"), lease: Tracker::new("l2"), n: 3 }, 5).await;
            a * 10 + b
        }
    }
}

twin! {
    /// A `let` local of a tuple matched with `Some((a, _))`, then assigned again: the
    /// assignment drops what is left of the old value.
    match_whole_rest_then_assigned {
        lower! {
            pub async fn f() -> &'static str {
                let mut slot = Some((Tracker::new("a"), Tracker::new("b")));
                let r = match slot {
                    Some((a, _)) => {
                        step("arm").await;
                        a.name()
                    }
                    None => "none",
                };
                slot = None;
                step("after").await;
                log(format!("{}", slot.is_none()));
                r
            }
        }
    }
    run { f() }
}

twin! {
    /// `if let` leaving part of the local, an `else` that awaits too.
    if_let_whole_rest {
        lower! {
            pub async fn f(m: Note) -> &'static str {
                let _h = Tracker::new("h");
                let r = if let Note::Up { lease, .. } = m {
                    step("then").await;
                    lease.name()
                } else {
                    step("else").await;
                    "other"
                };
                step("after").await;
                r
            }
        }
    }
    run {
        async {
            let a = f(Note::Up { name: Tracker::new("name"), lease: Tracker::new("lease"), n: 1 }).await;
            let b = f(Note::Ping).await;
            (a, b)
        }
    }
}

twin! {
    /// `let .. else` leaving part of the local; the `else` returns.
    let_else_whole_rest {
        lower! {
            pub async fn f(m: Note) -> &'static str {
                let Note::Pair(_, b) = m else {
                    step("else").await;
                    return "none";
                };
                step("after").await;
                b.name()
            }
        }
    }
    run {
        async {
            let a = f(Note::Pair(Tracker::new("a"), Tracker::new("b"))).await;
            let b = f(Note::Ping).await;
            (a, b)
        }
    }
}

twin! {
    /// A message loop: each message is a local of the loop's body, matched by value with
    /// `..`, the handler awaiting; a panic in one handler.
    match_whole_rest_message_loop {
        lower! {
            pub async fn f(n: u32) -> u32 {
                let mut total = 0;
                for i in 0..n {
                    let m = if i % 2 == 0 {
                        Note::Up { name: Tracker::new("name"), lease: Tracker::new("lease"), n: i }
                    } else {
                        Note::Pair(Tracker::new("a"), Tracker::new("b"))
                    };
                    match m {
                        Note::Up { n, name, .. } => {
                            step(name.name()).await;
                            total += n;
                        }
                        Note::Pair(_, b) => {
                            step(b.name()).await;
                            if total > 1 {
                                panic!("too much");
                            }
                        }
                        Note::Ping => {}
                    }
                    step("round").await;
                }
                total
            }
        }
    }
    run { f(4) }
}

twin! {
    /// A `while let` binding popped from a queue, matched whole with `..` in a handler
    /// that awaits: the rest of each message drops at the end of its round.
    match_whole_rest_popped_binding {
        lower! {
            pub async fn f() -> usize {
                let mut q = vec![
                    Note::Pair(Tracker::new("a1"), Tracker::new("b1")),
                    Note::Up { name: Tracker::new("name"), lease: Tracker::new("lease"), n: 2 },
                ];
                let mut seen = 0;
                while let Some(m) = q.pop() {
                    match m {
                        Note::Up { name, .. } => {
                            step(name.name()).await;
                            seen += 1;
                        }
                        Note::Pair(a, _) => {
                            step(a.name()).await;
                            seen += 2;
                        }
                        Note::Ping => {}
                    }
                    log("handled");
                }
                seen
            }
        }
    }
    run { f() }
}
